//! The areas' tables in the file (a partner's people, its contact log...). They share one shape
//! (id, coalition, fields as JSON, times), so one implementation serves them all, told apart by
//! their description in `core/tables/AREA.toml`; [`item_tables!`] gives each its type.

use std::collections::HashMap;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::records::{check_data, remap_value};
use super::CheckContext;
use crate::error::{Error, Result};
use crate::exchange::labels::{changed_field_labels, item_label, preview_value};
use crate::exchange::place::{damaged, Place};
use crate::model::Item;
use crate::store::items;
use crate::store::row::Table;
use crate::text;
use crate::worksheets::{privacy, Catalog, RecordKind};

/// The description of an area's table, built into the app (the catalog's test checks that every
/// table has one).
pub(crate) fn definition(catalog: &Catalog, table: Table) -> &RecordKind {
    catalog.table(table.name()).unwrap_or_else(|| panic!("the table {} has no description in core/tables", table.name()))
}

pub(crate) fn label(catalog: &Catalog, table: Table, row: &Item) -> String {
    item_label(definition(catalog, table), &row.data)
}

pub(crate) fn same_content(mine: &Item, theirs: &Item) -> bool {
    mine.deleted_at.is_some() || mine.data == theirs.data
}

pub(crate) fn preview(row: &Item) -> String {
    preview_value(&Value::Object(row.data.clone()))
}

pub(crate) fn changed_fields(catalog: &Catalog, table: Table, mine: &Item, theirs: &Item) -> Vec<String> {
    changed_field_labels(Some(definition(catalog, table)), &mine.data, &theirs.data)
}

pub(crate) fn check(table: Table, map: &Map<String, Value>, where_: &str, context: &CheckContext) -> Result<Option<Item>> {
    let def = definition(context.catalog, table);
    let place = Place::new(where_, map, context.now);
    let id = place.uuid("id")?;
    place.same_coalition(context.coalition_id)?;
    let data = match place.get("data")? {
        Value::Object(data) => data,
        _ => return Err(damaged(text::t("exchange.detail_data_unusual", &[("place", &where_)]))),
    };
    let data = check_data(def, data, context.private_left_out).map_err(|err| {
        let item = item_label(def, data);
        Error::Invalid(text::t("exchange.file_item_unusable", &[("item", &item), ("problem", &err)]))
    })?;
    Ok(Some(Item {
        id,
        coalition_id: context.coalition_id.into(),
        data,
        created_at: place.timestamp("created_at")?,
        updated_at: place.timestamp("updated_at")?,
        deleted_at: place.opt_timestamp("deleted_at")?,
    }))
}

/// Rows matched by fields (`match_by`) are one item across copies: the fields' values, joined.
pub(crate) fn natural_key(table: Table, row: &Item) -> Option<String> {
    let def = definition(crate::worksheets::catalog(), table);
    if def.match_by.is_empty() {
        return None;
    }
    Some(items::match_key(def, &row.data))
}

pub(crate) fn read(conn: &Connection, table: Table, coalition_id: &str) -> Result<Vec<Item>> {
    items::list_all_items(conn, table, coalition_id)
}

pub(crate) fn leave_out_private(table: Table, rows: &mut [Item], catalog: &Catalog) {
    let def = definition(catalog, table);
    for row in rows {
        row.data = privacy::public_fields(def, &row.data);
    }
}

pub(crate) fn keep_local_parts(catalog: &Catalog, table: Table, mine: &Item, theirs: &mut Item, private_left_out: bool) {
    if private_left_out {
        privacy::keep_private_fields(definition(catalog, table), &mine.data, &mut theirs.data);
    }
}

pub(crate) fn remap_references(row: &mut Item, ids: &HashMap<String, String>) {
    for value in row.data.values_mut() {
        remap_value(value, ids);
    }
}

/// `item_tables! { Type = Table::Variant, most rows, values, lists; ... }`: a type per area table,
/// whose [`Mergeable`](super::Mergeable) and [`ExchangeTable`](super::ExchangeTable) are this
/// module's functions. Values and lists are what one row can hold at most (its fields, keys,
/// times and history entry; a references field is a list).
macro_rules! item_tables {
    ($($ty:ident = $table:expr, $rows:expr, $values:expr, $lists:expr;)*) => {
        $(
            #[doc = concat!("The `", stringify!($ty), "` table of an area.")]
            pub struct $ty;

            impl super::Mergeable for $ty {
                type Row = crate::model::Item;
                const TABLE: crate::store::row::Table = $table;
                const ITEM_KIND: &'static str = "item";

                fn item_key(row: &Item) -> String {
                    format!("{}:{}", $table.name(), row.id)
                }
                fn label(catalog: &Catalog, row: &Item) -> String {
                    label(catalog, $table, row)
                }
                fn same_content(mine: &Item, theirs: &Item) -> bool {
                    same_content(mine, theirs)
                }
                fn preview(row: &Item) -> String {
                    preview(row)
                }
                fn changed_fields(catalog: &Catalog, mine: &Item, theirs: &Item) -> Vec<String> {
                    changed_fields(catalog, $table, mine, theirs)
                }
                fn write(conn: &Connection, row: &Item) -> Result<()> {
                    items::put_item_row(conn, $table, row)
                }
            }

            impl super::ExchangeTable for $ty {
                const MAX_ROWS: usize = $rows;
                const VALUES_PER_ROW: usize = $values;
                const LISTS_PER_ROW: usize = $lists;
                const OBJECTS_PER_ROW: usize = 3;

                fn what() -> String {
                    definition(crate::worksheets::catalog(), $table).plural_in_text.clone()
                }
                fn place(number: usize) -> String {
                    let def = definition(crate::worksheets::catalog(), $table);
                    text::t("exchange.place_row", &[("item", &def.name_in_text()), ("number", &number)])
                }
                fn check(map: &Map<String, Value>, place: &str, context: &CheckContext) -> Result<Option<Item>> {
                    check($table, map, place, context)
                }
                fn natural_key(row: &Item) -> Option<String> {
                    natural_key($table, row)
                }
                fn read(conn: &Connection, coalition_id: &str) -> Result<Vec<Item>> {
                    read(conn, $table, coalition_id)
                }
                fn leave_out_private(rows: &mut Vec<Item>, catalog: &Catalog) {
                    leave_out_private($table, rows, catalog)
                }
                fn canonicalize(row: &mut Item) {
                    row.data = crate::exchange::canonical::canonical_map(std::mem::take(&mut row.data));
                }
                fn keep_local_parts(catalog: &Catalog, mine: &Item, theirs: &mut Item, private_left_out: bool) {
                    keep_local_parts(catalog, $table, mine, theirs, private_left_out)
                }
                fn remap_references(row: &mut Item, ids: &HashMap<String, String>) {
                    remap_references(row, ids)
                }
            }
        )*
    };
}

// The Partners area (`core/tables/partners.toml`).
item_tables! {
    PartnerPeople = Table::PartnerPeople, 50_000, 30, 1;
    PartnerMemberships = Table::PartnerMemberships, 60_000, 20, 1;
    PartnerStages = Table::PartnerStages, 50_000, 24, 1;
    PartnerFit = Table::PartnerFit, 50_000, 22, 1;
    PartnerAsks = Table::PartnerAsks, 20_000, 46, 1;
    PartnerResources = Table::PartnerResources, 20_000, 28, 1;
    PartnerContacts = Table::PartnerContacts, 100_000, 52, 2;
    PartnerKnows = Table::PartnerKnows, 20_000, 20, 1;
}
