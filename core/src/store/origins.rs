//! The item_origins table: items that joined a coalition from a file under another id. Merging a
//! file of another coalition again (or one opened here as a copy) finds them by the file's id.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::error::Result;

/// The local ids of items that came from `file_coalition_id`, by the file's id.
pub fn local_ids(conn: &Connection, coalition_id: &str, file_coalition_id: &str) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT file_item_id, local_id FROM item_origins WHERE coalition_id = ?1 AND file_coalition_id = ?2",
    )?;
    let rows = stmt.query_map([coalition_id, file_coalition_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Remembers that the file's item `file_item_id` is `local_id` here.
pub fn remember(conn: &Connection, coalition_id: &str, file_coalition_id: &str, file_item_id: &str, local_id: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO item_origins (coalition_id, file_coalition_id, file_item_id, local_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (coalition_id, file_coalition_id, file_item_id) DO UPDATE SET local_id = excluded.local_id",
    )?
    .execute(params![coalition_id, file_coalition_id, file_item_id, local_id])?;
    Ok(())
}
