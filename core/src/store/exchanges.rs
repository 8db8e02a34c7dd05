//! The exchanges table: when each coalition went out in a file or came in from one.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// Adds a row to the exchange history. `direction` is `export` or `import`.
pub fn record_exchange(conn: &Connection, coalition_id: &str, direction: &str, file_name: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO exchanges (id, coalition_id, direction, file_name, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![super::new_id(), coalition_id, direction, file_name, at],
    )?;
    Ok(())
}

/// When this coalition last went out in a file or came in from one, if ever.
pub fn last_exchange_at(conn: &Connection, coalition_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT max(at) FROM exchanges WHERE coalition_id = ?1", [coalition_id], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten())
}
