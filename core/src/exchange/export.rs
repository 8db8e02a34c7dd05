//! Making a `.coalition` file from the database, and remembering that we did.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::format::{ExchangeFile, FileHistory, FORMAT_NAME, FORMAT_VERSION};
use super::tables::{visit_tables, Registered, TableRow, TableVisitor, Tables};
use crate::error::{Error, Result};
pub use crate::store::exchanges::last_exchange_at;
pub use crate::store::settings::private_details_incomplete;
use crate::store::row::Table;
use crate::store::{changes, coalitions, exchanges, settings, versions};
use crate::worksheets::{self, Catalog};
use crate::{text, time};

/// What a person chose in the "Share with partners" dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Free text put in the file so the receiver knows who sent it ("Dana, coordinator").
    pub exported_by: Option<String>,
    /// Leave out what is personal or internal: whatever the worksheet data marks `private`
    /// (record fields, table columns, whole questions), as `worksheets::privacy` defines it.
    /// Deletion markers still travel.
    pub leave_out_private: bool,
    /// The name of the file being written, kept in the exchange history.
    pub file_name: String,
}

/// Reads one coalition, with its deletion markers, into an exchange file and notes the export in
/// the exchange history (which later merges use to tell conflicts from updates). Write the file
/// with [`super::format::to_json_bytes`].
pub fn export_coalition(conn: &Connection, coalition_id: &str, options: &ExportOptions) -> Result<ExchangeFile> {
    export_with(conn, coalition_id, options, worksheets::catalog())
}

/// Exports a coalition into the file at `path`. The export enters the exchange history only once
/// the file is completely written, so a failed write (full disk, removed USB stick) leaves no
/// record of a file nobody received.
pub fn export_coalition_to_file(
    conn: &Connection,
    coalition_id: &str,
    options: &ExportOptions,
    path: &std::path::Path,
) -> Result<ExchangeFile> {
    let tx = conn.unchecked_transaction()?;
    let file = read_for_export(&tx, coalition_id, options, worksheets::catalog())?;
    crate::files::write_atomically(path, &super::format::to_json_bytes(&file))?;
    tx.commit()?;
    Ok(file)
}

pub(crate) fn export_with(
    conn: &Connection,
    coalition_id: &str,
    options: &ExportOptions,
    catalog: &Catalog,
) -> Result<ExchangeFile> {
    // One transaction: the rows read are one consistent moment, and the history row goes in
    // with them or not at all.
    let tx = conn.unchecked_transaction()?;
    let file = read_for_export(&tx, coalition_id, options, catalog)?;
    tx.commit()?;
    Ok(file)
}

/// Reads the coalition into a file and adds the history row, inside the caller's transaction.
fn read_for_export(
    tx: &rusqlite::Transaction,
    coalition_id: &str,
    options: &ExportOptions,
    catalog: &Catalog,
) -> Result<ExchangeFile> {
    let tx: &Connection = tx;
    let coalition = coalitions::get_coalition(tx, coalition_id)?;
    if coalition.deleted_at.is_some() {
        return Err(Error::NotFound(text::t("exchange.share_deleted", &[])));
    }
    let mut read = ReadTables { conn: tx, coalition_id, options, catalog, tables: Tables::default() };
    visit_tables(&mut read)?;
    let tables = read.tables;
    let private_left_out = options.leave_out_private || private_details_incomplete(tx, coalition_id)?;
    let last_exchange_at = last_exchange_at(tx, coalition_id)?;
    let history = history_of(tx, coalition_id, &tables)?;
    let exported_at = time::now();
    exchanges::record_exchange(tx, coalition_id, "export", &options.file_name, &exported_at)?;
    let exported_by = options.exported_by.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| {
        s.chars().take(200).collect::<String>()
    });
    Ok(ExchangeFile {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        exported_at,
        exported_by,
        app_version: env!("CARGO_PKG_VERSION").into(),
        last_exchange_at,
        private_left_out,
        history: Some(history),
        coalition,
        tables,
    })
}

/// Reads every table's rows, in file order, without what is private when asked.
struct ReadTables<'a> {
    conn: &'a Connection,
    coalition_id: &'a str,
    options: &'a ExportOptions,
    catalog: &'a Catalog,
    tables: Tables,
}

impl TableVisitor for ReadTables<'_> {
    fn visit<T: Registered>(&mut self) -> Result<()> {
        let mut rows = T::read(self.conn, self.coalition_id)?;
        if self.options.leave_out_private {
            T::leave_out_private(&mut rows, self.catalog);
        }
        *T::rows_mut(&mut self.tables) = rows;
        Ok(())
    }
}

/// This copy's id, the coalition's version vector and the last change of every row the file
/// carries. A row with no known change (which only a damaged database could have) is noted as a
/// change of this copy now, so every row in a version 2 file has one.
fn history_of(conn: &Connection, coalition_id: &str, tables: &Tables) -> Result<FileHistory> {
    let mut known = changes::for_coalition(conn, coalition_id)?;
    let mut carried = std::collections::BTreeMap::new();
    let mut carry = |table: Table, id: &str| -> Result<()> {
        let change = match known.remove(id) {
            Some(change) => change,
            None => changes::note_local_change(conn, table, id)?,
        };
        carried.insert(id.to_string(), change);
        Ok(())
    };
    carry(Table::Coalitions, coalition_id)?;
    struct Carry<'a, F>(&'a Tables, F);
    impl<F: FnMut(Table, &str) -> Result<()>> TableVisitor for Carry<'_, F> {
        fn visit<T: Registered>(&mut self) -> Result<()> {
            T::rows(self.0).iter().try_for_each(|row| (self.1)(T::TABLE, row.id()))
        }
    }
    visit_tables(&mut Carry(tables, &mut carry))?;
    Ok(FileHistory { copy_id: settings::copy_id(conn)?, versions: versions::get(conn, coalition_id)?, changes: carried })
}
