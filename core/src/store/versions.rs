//! The coalition_versions table: each coalition's version vector, what this copy has seen of it
//! from every copy (the highest change counter of each).

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use crate::error::Result;

/// Copy id to the highest counter of that copy seen.
pub type VersionVector = BTreeMap<String, i64>;

/// The version vector of one coalition.
pub fn get(conn: &Connection, coalition_id: &str) -> Result<VersionVector> {
    let mut stmt = conn.prepare_cached("SELECT copy_id, counter FROM coalition_versions WHERE coalition_id = ?1")?;
    let rows = stmt.query_map([coalition_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Raises the entry of `copy_id` to at least `counter`.
pub fn raise(conn: &Connection, coalition_id: &str, copy_id: &str, counter: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO coalition_versions (coalition_id, copy_id, counter) VALUES (?1, ?2, ?3)
         ON CONFLICT (coalition_id, copy_id) DO UPDATE SET counter = max(counter, excluded.counter)",
    )?
    .execute(params![coalition_id, copy_id, counter])?;
    Ok(())
}

/// Takes in everything a file's maker had seen: each entry becomes the larger of the two. An
/// entry for this very copy above its own counter moves the counter past it.
pub fn absorb(conn: &Connection, coalition_id: &str, seen: &VersionVector) -> Result<()> {
    let own = super::settings::copy_id(conn)?;
    for (copy_id, counter) in seen {
        raise(conn, coalition_id, copy_id, *counter)?;
        if *copy_id == own {
            super::clock::observe_own_counter(conn, *counter)?;
        }
    }
    Ok(())
}
