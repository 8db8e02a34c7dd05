//! The settings table: small named values of this installation. Each key is named by a function
//! here, so no other module writes the table directly.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// The key of this installation's copy id (see [`copy_id`]).
const COPY_ID: &str = "copy.id";

/// One value, if set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets a value, replacing any earlier one.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// A whole number kept as a setting; 0 when not set.
pub(crate) fn get_number(conn: &Connection, key: &str) -> Result<i64> {
    Ok(get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// This installation's copy id: made once (by migration 2, or here for a database that somehow
/// lacks it) and never changed, so every copy of a coalition can tell whose change is whose.
pub fn copy_id(conn: &Connection) -> Result<String> {
    if let Some(id) = get(conn, COPY_ID)? {
        return Ok(id);
    }
    let id = super::new_id();
    set(conn, COPY_ID, &id)?;
    Ok(id)
}

/// The key that marks a coalition opened from a file without private details.
fn incomplete_key(coalition_id: &str) -> String {
    format!("exchange.private_left_out.{coalition_id}")
}

/// True when this coalition was opened from a file that left private details out: its own files
/// then say so too, so that merging them never wipes the private details the receiver has.
pub fn private_details_incomplete(conn: &Connection, coalition_id: &str) -> Result<bool> {
    Ok(get(conn, &incomplete_key(coalition_id))?.is_some())
}

/// Remembers that a coalition came from a file without private details.
pub fn mark_private_details_incomplete(conn: &Connection, coalition_id: &str) -> Result<()> {
    set(conn, &incomplete_key(coalition_id), "1")
}
