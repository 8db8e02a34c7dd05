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
use serde_json::Value;

use super::export::{mark_private_details_incomplete, record_exchange};
use super::format::ExchangeFile;
use crate::error::Result;
use crate::model::Coalition;
use crate::store::coalitions::{self, put_coalition_row};
use crate::store::row::{new_id, row_exists, Table};
use crate::store::{answers, records};
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
    /// Answers and records that are not deletion markers.
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
    Ok(FilePreview {
        coalition_name: file.coalition.name.clone(),
        exported_at: file.exported_at.clone(),
        exported_on: crate::format::date(file.exported_at.get(..10).unwrap_or(&file.exported_at)),
        exported_by: file.exported_by.clone(),
        app_version: file.app_version.clone(),
        answers: file.live_answers().count(),
        records: file.live_records().count(),
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

    for answer in &file.answers {
        let mut answer = answer.clone();
        answer.coalition_id = coalition.id.clone();
        if is_copy || row_exists(&tx, Table::Answers, &answer.id)? {
            answer.id = new_id();
        }
        answers::put_answer_row(&tx, &answer)?;
    }

    // New record ids, if any, are remembered so that a field holding another record's id (a
    // reference) follows it.
    let mut new_ids: HashMap<&str, String> = HashMap::new();
    for record in &file.records {
        if is_copy || row_exists(&tx, Table::Records, &record.id)? {
            new_ids.insert(&record.id, new_id());
        }
    }
    for record in &file.records {
        let mut record = record.clone();
        record.coalition_id = coalition.id.clone();
        if let Some(id) = new_ids.get(record.id.as_str()) {
            record.id = id.clone();
        }
        if !new_ids.is_empty() {
            for value in record.data.values_mut() {
                remap_references(value, &new_ids);
            }
        }
        records::put_record_row(&tx, &record)?;
    }

    records::renumber_positions(&tx, &coalition.id)?;
    if file.private_left_out {
        mark_private_details_incomplete(&tx, &coalition.id)?;
    }
    let at = std::cmp::max(time::now(), file.exported_at.clone());
    record_exchange(&tx, &coalition.id, "import", "", &at)?;
    tx.commit()?;
    coalitions::get_coalition(conn, &coalition.id)
}

fn copy_name(name: &str) -> String {
    const SUFFIX: &str = " (copy)";
    let room = coalitions::MAX_NAME_CHARS - SUFFIX.chars().count();
    let kept: String = name.chars().take(room).collect();
    format!("{}{SUFFIX}", kept.trim_end())
}

fn remap_references(value: &mut Value, new_ids: &HashMap<&str, String>) {
    match value {
        Value::String(text) => {
            if let Some(id) = new_ids.get(text.as_str()) {
                *text = id.clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| remap_references(v, new_ids)),
        Value::Object(map) => map.values_mut().for_each(|v| remap_references(v, new_ids)),
        _ => {}
    }
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
