//! Opening a `.coalition` file as a coalition of its own.
//!
//! Ids are kept whenever they are free in this database. That is what makes the partner flow
//! work: the coordinator shares a file, the partner opens it here as a new coalition (same ids),
//! edits, shares it back, and the coordinator's merge matches every record by id. Only when this
//! database already has the coalition (opening the same file twice, or opening your own file)
//! is the result a copy: new ids for the coalition, its answers and its records, and " (copy)"
//! after its name, so the two can be told apart and never merge by accident.
//!
//! A coalition opened from a file that left private details out is remembered as such (a key in
//! `settings`), and every file it is shared in says so, so that merging those files back keeps
//! the private details the receiver has.

use std::collections::HashMap;

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::format::ExchangeFile;
use super::tables::{visit_tables, Registered, TableRow, TableVisitor, Tables};
use crate::error::Result;
use crate::model::Coalition;
use crate::store::coalitions::{self, put_coalition_row};
use crate::store::row::{new_id, row_exists, Table};
use crate::store::{changes, clock, exchanges, origins, settings, versions};
use crate::time;

/// What the "Open a coalition file" dialog shows before the person decides what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilePreview {
    pub coalition_name: String,
    pub exported_at: String,
    /// The day it was exported, as people read it: "31 March 2025".
    #[serde(default)]
    pub exported_on: String,
    pub exported_by: Option<String>,
    pub app_version: String,
    /// Answers, and rows of every other table (list items), that are not deletion markers.
    pub answers: usize,
    pub records: usize,
    pub private_left_out: bool,
    /// The coalition of this file if this database already has it and it is not deleted (then
    /// "Open as new" makes a copy, and merging is probably what the person wants).
    pub existing: Option<Coalition>,
}

/// Describes a checked file and whether its coalition is already here.
pub fn preview_file(conn: &Connection, file: &ExchangeFile) -> Result<FilePreview> {
    // A deleted coalition is not offered: it can't be merged into until it is brought back.
    let existing = coalitions::get_coalition(conn, &file.coalition.id).ok().filter(|c| c.deleted_at.is_none());
    struct Count<'a>(&'a Tables, usize, usize);
    impl TableVisitor for Count<'_> {
        fn visit<T: Registered>(&mut self) -> Result<()> {
            let live = T::rows(self.0).iter().filter(|row| !row.deleted()).count();
            if T::COUNTED_AS_ANSWERS {
                self.1 += live;
            } else {
                self.2 += live;
            }
            Ok(())
        }
    }
    let mut count = Count(&file.tables, 0, 0);
    visit_tables(&mut count)?;
    Ok(FilePreview {
        coalition_name: file.coalition.name.clone(),
        exported_at: file.exported_at.clone(),
        exported_on: crate::format::date(file.exported_at.get(..10).unwrap_or(&file.exported_at)),
        exported_by: file.exported_by.clone(),
        app_version: file.app_version.clone(),
        answers: count.1,
        records: count.2,
        private_left_out: file.private_left_out,
        existing,
    })
}

/// Creates a coalition from a checked file, in one transaction. Keeps the file's ids when they
/// are free here; makes a copy with new ids when this database already has the coalition.
pub fn import_as_new(conn: &mut Connection, file: &ExchangeFile) -> Result<Coalition> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let is_copy = row_exists(&tx, Table::Coalitions, &file.coalition.id)?;
    let mut coalition = file.coalition.clone();
    if is_copy {
        coalition.id = new_id();
        coalition.name = copy_name(&coalition.name);
    }
    coalition.deleted_at = None;
    put_coalition_row(&tx, &coalition)?;
    let history = FileRows { file, coalition_id: &coalition.id };
    history.note(&tx, Table::Coalitions, &file.coalition.id, &coalition.id)?;

    // New ids first, in every table, so that a row referring to another row follows it.
    let mut ids = NewIds { conn: &tx, file, is_copy, coalition_id: &coalition.id, new_ids: HashMap::new() };
    visit_tables(&mut ids)?;
    let mut write = WriteRows { conn: &tx, rows: &history, new_ids: &ids.new_ids };
    visit_tables(&mut write)?;
    struct AfterWrite<'a>(&'a Connection, &'a str);
    impl TableVisitor for AfterWrite<'_> {
        fn visit<T: Registered>(&mut self) -> Result<()> {
            T::after_write(self.0, self.1)
        }
    }
    visit_tables(&mut AfterWrite(&tx, &coalition.id))?;
    if let Some(history) = &file.history {
        versions::absorb(&tx, &coalition.id, &history.versions)?;
        if let Some(stamp) = history.newest_stamp() {
            clock::observe(&tx, stamp)?;
        }
    }
    if file.private_left_out {
        settings::mark_private_details_incomplete(&tx, &coalition.id)?;
    }
    let at = std::cmp::max(time::now(), file.exported_at.clone());
    exchanges::record_exchange(&tx, &coalition.id, "import", "", &at)?;
    tx.commit()?;
    coalitions::get_coalition(conn, &coalition.id)
}

/// Gives a new id to each of the file's rows whose id is taken here (or all of them, for a copy).
/// A row matched by id is remembered under the file's id, so that merging a later file of the
/// same coalition into this one updates the row instead of adding it again.
struct NewIds<'a> {
    conn: &'a Connection,
    file: &'a ExchangeFile,
    is_copy: bool,
    coalition_id: &'a str,
    /// File id → new id.
    new_ids: HashMap<String, String>,
}

impl TableVisitor for NewIds<'_> {
    fn visit<T: Registered>(&mut self) -> Result<()> {
        for row in T::rows(&self.file.tables) {
            if self.is_copy || row_exists(self.conn, T::TABLE, row.id())? {
                let id = new_id();
                if T::natural_key(row).is_none() {
                    origins::remember(self.conn, self.coalition_id, &self.file.coalition.id, row.id(), &id)?;
                }
                self.new_ids.insert(row.id().to_string(), id);
            }
        }
        Ok(())
    }
}

/// Writes every row of the file under its id here, with its change.
struct WriteRows<'a> {
    conn: &'a Connection,
    rows: &'a FileRows<'a>,
    new_ids: &'a HashMap<String, String>,
}

impl TableVisitor for WriteRows<'_> {
    fn visit<T: Registered>(&mut self) -> Result<()> {
        for row in T::rows(&self.rows.file.tables) {
            let mut local = row.clone();
            local.set_coalition_id(self.rows.coalition_id.to_string());
            if let Some(id) = self.new_ids.get(row.id()) {
                local.set_id(id.clone());
            }
            if !self.new_ids.is_empty() {
                T::remap_references(&mut local, self.new_ids);
            }
            T::write(self.conn, &local)?;
            self.rows.note(self.conn, T::TABLE, row.id(), local.id())?;
        }
        Ok(())
    }
}

/// Where the rows of a file being opened go, to carry each row's change along.
struct FileRows<'a> {
    file: &'a ExchangeFile,
    coalition_id: &'a str,
}

impl FileRows<'_> {
    /// Keeps the change the file names for its row `file_id`, now the local row `local_id`; a
    /// version 1 file names none, so opening it counts as this copy's change.
    fn note(&self, conn: &Connection, table: Table, file_id: &str, local_id: &str) -> Result<()> {
        match self.file.history.as_ref().and_then(|h| h.changes.get(file_id)) {
            Some(change) => changes::put(conn, self.coalition_id, local_id, change),
            None => changes::note_local_change(conn, table, local_id).map(|_| ()),
        }
    }
}

fn copy_name(name: &str) -> String {
    const SUFFIX: &str = " (copy)";
    let room = coalitions::MAX_NAME_CHARS - SUFFIX.chars().count();
    let kept: String = name.chars().take(room).collect();
    format!("{}{SUFFIX}", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_names_stay_within_the_limit() {
        assert_eq!(copy_name("Riverside"), "Riverside (copy)");
        let long = "x".repeat(coalitions::MAX_NAME_CHARS);
        assert_eq!(copy_name(&long).chars().count(), coalitions::MAX_NAME_CHARS);
    }
}
