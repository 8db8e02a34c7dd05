//! The row_changes table: the last change of every row of coalitions, answers and records, as a
//! "dot" (the copy that made it and that copy's counter) and a stamp of the hybrid logical clock.
//!
//! Merges compare dots with version vectors (see `exchange::merge`): a row whose dot the other
//! side has already seen is older there, whatever the clocks say.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::table::Table;
use super::{clock, settings, versions};
use crate::error::Result;

/// Who made a row's last change, and when in logical time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The copy id of the installation that made it.
    pub copy: String,
    /// That copy's change counter (1, 2, 3...).
    pub counter: i64,
    /// The hybrid logical clock's stamp: milliseconds since 1970, or later.
    pub stamp: i64,
}

/// The last change of one row, if known.
pub fn get(conn: &Connection, row_id: &str) -> Result<Option<Change>> {
    Ok(conn
        .prepare_cached("SELECT copy_id, counter, stamp FROM row_changes WHERE row_id = ?1")?
        .query_row([row_id], |r| Ok(Change { copy: r.get(0)?, counter: r.get(1)?, stamp: r.get(2)? }))
        .optional()?)
}

/// The last change of every row of a coalition, by row id.
pub fn for_coalition(conn: &Connection, coalition_id: &str) -> Result<HashMap<String, Change>> {
    let mut stmt = conn.prepare_cached("SELECT row_id, copy_id, counter, stamp FROM row_changes WHERE coalition_id = ?1")?;
    let rows = stmt.query_map([coalition_id], |r| {
        Ok((r.get(0)?, Change { copy: r.get(1)?, counter: r.get(2)?, stamp: r.get(3)? }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records `change` as the last change of a row (a change taken from a file).
pub fn put(conn: &Connection, coalition_id: &str, row_id: &str, change: &Change) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO row_changes (row_id, coalition_id, copy_id, counter, stamp) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (row_id) DO UPDATE SET coalition_id = excluded.coalition_id, copy_id = excluded.copy_id,
             counter = excluded.counter, stamp = excluded.stamp",
    )?
    .execute(params![row_id, coalition_id, change.copy, change.counter, change.stamp])?;
    Ok(())
}

/// Records a change this copy just made to a row, stamped after `also_after` too (a stamp the
/// change must come after, such as the other side's in a conflict).
pub fn note_local_change_after(conn: &Connection, table: Table, row_id: &str, also_after: Option<i64>) -> Result<Change> {
    let coalition_id = match table {
        Table::Coalitions => row_id.to_string(),
        _ => conn.query_row(
            &format!("SELECT coalition_id FROM {} WHERE id = ?1", table.name()),
            [row_id],
            |r| r.get::<_, String>(0),
        )?,
    };
    let replaced = get(conn, row_id)?.map(|c| c.stamp).max(also_after);
    let change = Change {
        copy: settings::copy_id(conn)?,
        counter: clock::next_counter(conn)?,
        stamp: clock::next_stamp(conn, replaced)?,
    };
    put(conn, &coalition_id, row_id, &change)?;
    versions::raise(conn, &coalition_id, &change.copy, change.counter)?;
    Ok(change)
}

/// Records a change this copy just made to a row.
pub fn note_local_change(conn: &Connection, table: Table, row_id: &str) -> Result<Change> {
    note_local_change_after(conn, table, row_id, None)
}

/// Runs `work` (a change and the note of it) as one step: all of it is saved, or none. A
/// savepoint, so it nests inside a caller's transaction too.
pub(crate) fn as_one_step<T>(conn: &Connection, work: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT one_change")?;
    match work() {
        Ok(value) => {
            conn.execute_batch("RELEASE one_change")?;
            Ok(value)
        }
        Err(err) => {
            conn.execute_batch("ROLLBACK TO one_change; RELEASE one_change")?;
            Err(err)
        }
    }
}
