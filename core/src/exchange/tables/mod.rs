//! The tables a `.coalition` file carries, each described once.
//!
//! A table's whole exchange behaviour is one implementation of [`ExchangeTable`]: its name in the
//! file, how its rows are read for export and checked on the way in, how a row here and a row in
//! a file are matched and compared, what a person calls a row, and how a row is written. The
//! machinery in `export`, `validate`, `import` and `merge` works on any table through it.
//!
//! Adding a table to the file is one new file here with its implementation, plus its line in
//! [`exchange_tables!`] at the bottom of this file. Its rows' changes are noted like every
//! other row's (`store::changes`), so they merge by the same rules.

mod answers;
mod details;
mod items;
mod records;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Answer, Coalition, Record};
use crate::store::row::Table;
use crate::worksheets::Catalog;

pub use answers::Answers;
pub(crate) use details::Details;
pub use items::{
    PartnerAsks, PartnerContacts, PartnerFit, PartnerKnows, PartnerMemberships, PartnerPeople, PartnerResources, PartnerStages,
};
pub use records::Records;

/// What every row that travels has: an id, its coalition, times and a deletion marker.
pub trait TableRow: Clone + std::fmt::Debug + Serialize + DeserializeOwned + 'static {
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    fn set_coalition_id(&mut self, id: String);
    fn updated_at(&self) -> &str;
    fn set_updated_at(&mut self, at: &str);
    fn deleted(&self) -> bool;
}

/// How the rows of one table are merged: matched, compared, named and written. The coalition's
/// own details merge this way too, though they are not a list in the file.
pub trait Mergeable: 'static {
    type Row: TableRow;
    /// The store's table of its rows, whose changes `store::changes` notes.
    const TABLE: Table;
    /// The kind of item in a merge summary (`"answer"`, `"record"`).
    const ITEM_KIND: &'static str;

    /// The item's key in a merge plan and in the person's choices: stable, made from the row as
    /// the file has it (`record:<id>`).
    fn item_key(row: &Self::Row) -> String;
    /// What a person calls the row: `Partner "Harbor Library"`.
    fn label(catalog: &Catalog, row: &Self::Row) -> String;
    /// The same content, whatever the times. Only called on rows in the same deletion state.
    fn same_content(mine: &Self::Row, theirs: &Self::Row) -> bool;
    /// The first words of a live row, for a conflict's two sides.
    fn preview(row: &Self::Row) -> String;
    /// What a conflict shows for a deleted row.
    fn deleted_preview() -> String {
        crate::text::t("exchange.preview_deleted", &[])
    }
    /// For a conflict: the labels of what differs.
    fn changed_fields(_catalog: &Catalog, _mine: &Self::Row, _theirs: &Self::Row) -> Vec<String> {
        Vec::new()
    }
    /// Writes the row as it is, id and times included.
    fn write(conn: &Connection, row: &Self::Row) -> Result<()>;
}

/// What checking a row needs to know.
pub struct CheckContext<'a> {
    /// The file's coalition id: every row must carry it.
    pub coalition_id: &'a str,
    pub catalog: &'a Catalog,
    /// The sender left private details out: required private parts may be missing.
    pub private_left_out: bool,
    /// The reader's clock, for refusing times in the future.
    pub now: DateTime<Utc>,
}

/// One table as it travels in the file.
pub trait ExchangeTable: Mergeable {
    /// The most rows one file may carry.
    const MAX_ROWS: usize;
    /// The most JSON values (its keys, texts, numbers, lists and objects) and objects one row
    /// can hold, its entry in the history included; `limits` refuses a file past the sum.
    const VALUES_PER_ROW: usize;
    const OBJECTS_PER_ROW: usize;
    /// The most lists one row can hold (a list answer, a table's rows, a multiple choice).
    const LISTS_PER_ROW: usize;

    /// What a person calls its rows in messages: "answers".
    fn what() -> String;
    /// Where a row sits in the file, for messages: "answer number 3".
    fn place(number: usize) -> String;
    /// Checks one row of the file and returns it normalised (ids, times and values as the app
    /// writes them), or `None` for a row that says nothing and is left out.
    fn check(map: &Map<String, Value>, place: &str, context: &CheckContext) -> Result<Option<Self::Row>>;

    /// Rows with the same natural key are one item across copies, whatever their ids (an
    /// answer is the answer to its question). `None`: rows are matched by id.
    fn natural_key(_row: &Self::Row) -> Option<String> {
        None
    }
    /// The refusal for a file with two rows of one natural key.
    fn natural_key_twice(_catalog: &Catalog, _row: &Self::Row) -> Error {
        crate::exchange::place::damaged(crate::text::t("exchange.detail_same_item", &[]))
    }

    /// Every row of a coalition, deletion markers included, in the order a file lists them (a
    /// stable one, so the same data gives the same bytes).
    fn read(conn: &Connection, coalition_id: &str) -> Result<Vec<Self::Row>>;
    /// Leaves out what the worksheet data calls private (see `worksheets::privacy`).
    fn leave_out_private(_rows: &mut Vec<Self::Row>, _catalog: &Catalog) {}
    /// Puts a row's free-form parts in a stable key order, for the file's bytes.
    fn canonicalize(_row: &mut Self::Row) {}

    /// Before a file's row replaces ours: what stays this copy's own (its place in a list, the
    /// private parts when the file left them out).
    fn keep_local_parts(_catalog: &Catalog, _mine: &Self::Row, _theirs: &mut Self::Row, _private_left_out: bool) {}
    /// Points the row's references to other rows at their ids here (`ids`: file id → local id).
    fn remap_references(_row: &mut Self::Row, _ids: &HashMap<String, String>) {}
    /// After rows were written by an import or a merge (records are renumbered in their lists).
    fn after_write(_conn: &Connection, _coalition_id: &str) -> Result<()> {
        Ok(())
    }
    /// True for the tables version 1 files already carried (they must have their lists); later
    /// tables are simply absent from older files.
    const IN_FORMAT_1: bool = false;
    /// True when the file preview counts its rows as answers rather than list items.
    const COUNTED_AS_ANSWERS: bool = false;
}

/// A table's most rows, and the most JSON values, objects and lists one of its rows can hold.
pub(crate) struct RowLimits {
    pub rows: usize,
    pub values: usize,
    pub objects: usize,
    pub lists: usize,
}

/// A table with its place in [`Tables`]; implemented by [`exchange_tables!`].
pub trait Registered: ExchangeTable {
    /// Its key under `tables` in a version 2 file (and its list's key in a version 1 file).
    const NAME: &'static str;
    fn rows(tables: &Tables) -> &Vec<Self::Row>;
    fn rows_mut(tables: &mut Tables) -> &mut Vec<Self::Row>;
}

/// Something done once for every table, in the order they are registered.
pub trait TableVisitor {
    fn visit<T: Registered>(&mut self) -> Result<()>;
}

/// Declares the tables a file carries: each line is the table's name in the file and its
/// [`ExchangeTable`] implementation. The order is the order of the file's `tables`.
macro_rules! exchange_tables {
    ($($name:ident: $table:ty),* $(,)?) => {
        /// The rows of every table a file carries, by table.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        pub struct Tables {
            // An empty table is left out: a file made before a table existed has none, and
            // reads the same.
            $(#[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub $name: Vec<<$table as Mergeable>::Row>,)*
        }

        $(impl Registered for $table {
            const NAME: &'static str = stringify!($name);
            fn rows(tables: &Tables) -> &Vec<Self::Row> {
                &tables.$name
            }
            fn rows_mut(tables: &mut Tables) -> &mut Vec<Self::Row> {
                &mut tables.$name
            }
        })*

        /// Runs `visitor` once for every table.
        pub fn visit_tables(visitor: &mut impl TableVisitor) -> Result<()> {
            $(visitor.visit::<$table>()?;)*
            Ok(())
        }

        /// The names of the tables, in file order.
        pub const TABLE_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// For `limits`: each table's most rows and what one row can hold.
        pub(crate) const TABLE_LIMITS: &[RowLimits] = &[$(RowLimits {
            rows: <$table>::MAX_ROWS,
            values: <$table>::VALUES_PER_ROW,
            objects: <$table>::OBJECTS_PER_ROW,
            lists: <$table>::LISTS_PER_ROW,
        }),*];
    };
}

exchange_tables! {
    answers: Answers,
    records: Records,
    partner_people: PartnerPeople,
    partner_memberships: PartnerMemberships,
    partner_stages: PartnerStages,
    partner_fit: PartnerFit,
    partner_asks: PartnerAsks,
    partner_resources: PartnerResources,
    partner_contacts: PartnerContacts,
    partner_knows: PartnerKnows,
}

impl Tables {
    /// The ids of every row, deletion markers included, in file order.
    pub fn row_ids(&self) -> Vec<&str> {
        struct Ids<'a>(&'a Tables, Vec<&'a str>);
        impl<'a> TableVisitor for Ids<'a> {
            fn visit<T: Registered>(&mut self) -> Result<()> {
                self.1.extend(T::rows(self.0).iter().map(TableRow::id));
                Ok(())
            }
        }
        let mut ids = Ids(self, Vec::new());
        visit_tables(&mut ids).expect("listing cannot fail");
        ids.1
    }
}

/// `table_row!(Row, field)`: the row's [`TableRow`], where `field` holds its coalition's id.
macro_rules! table_row {
    ($row:ty, $coalition_field:ident) => {
        impl TableRow for $row {
            fn id(&self) -> &str {
                &self.id
            }
            fn set_id(&mut self, id: String) {
                self.id = id;
            }
            fn set_coalition_id(&mut self, id: String) {
                self.$coalition_field = id;
            }
            fn updated_at(&self) -> &str {
                &self.updated_at
            }
            fn set_updated_at(&mut self, at: &str) {
                self.updated_at = at.into();
            }
            fn deleted(&self) -> bool {
                self.deleted_at.is_some()
            }
        }
    };
}

table_row!(Answer, coalition_id);
table_row!(Record, coalition_id);
table_row!(crate::model::Item, coalition_id);
// The coalition's own row: its id is its coalition's.
table_row!(Coalition, id);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_a_key_of_the_files_tables() {
        let empty: Map<String, Value> = TABLE_NAMES.iter().map(|name| (name.to_string(), Value::Array(Vec::new()))).collect();
        assert_eq!(serde_json::from_value::<Tables>(Value::Object(empty)).unwrap(), Tables::default());
        assert_eq!(serde_json::to_value(Tables::default()).unwrap(), serde_json::json!({}), "empty tables are left out");
        let mut names = TABLE_NAMES.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TABLE_NAMES.len());
    }
}
