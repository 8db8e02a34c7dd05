//! What every table's rows share: a random id, created/updated times and a deletion marker, and
//! JSON held in text columns. Each table module uses these instead of writing its own.

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

pub use super::table::Table;

/// A table's column list followed by the three columns every row ends with, in the order
/// [`stamps`] reads them: `with_stamps!("id, name")`.
macro_rules! with_stamps {
    ($columns:literal) => {
        concat!($columns, ", created_at, updated_at, deleted_at")
    };
}
pub(crate) use with_stamps;

/// A new random row id. Every id the app gives a row is made here.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A row's created and updated times and its deletion marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamps {
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// Reads the three common columns starting at column `first`.
pub fn stamps(row: &Row, first: usize) -> rusqlite::Result<Stamps> {
    Ok(Stamps { created_at: row.get(first)?, updated_at: row.get(first + 1)?, deleted_at: row.get(first + 2)? })
}

/// Reads a JSON text column into a value. Text that is not the expected JSON is a read error,
/// never a silent default.
pub fn json_column<T: DeserializeOwned>(row: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e)))
}

/// The text stored in a JSON column for a value.
pub fn json_text(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("JSON values always serialise")
}

/// True when the table has a row with this id, deleted or not.
pub(crate) fn row_exists(conn: &Connection, table: Table, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name()))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The ids of every row of a coalition in a table, deleted or not.
pub(crate) fn ids_of_coalition(conn: &Connection, table: Table, coalition_id: &str) -> Result<std::collections::HashSet<String>> {
    let column = table.coalition_column();
    let mut stmt = conn.prepare_cached(&format!("SELECT id FROM {} WHERE {column} = ?1", table.name()))?;
    let ids = stmt.query_map([coalition_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// True when the table has a row with this id that belongs to a coalition other than
/// `coalition_id`, deleted or not.
pub(crate) fn row_of_another_coalition(conn: &Connection, table: Table, id: &str, coalition_id: &str) -> Result<bool> {
    let column = table.coalition_column();
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1 AND {column} IS NOT ?2", table.name()))?
        .query_row([id, coalition_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Sets or clears a row's deletion marker. Deleting keeps the row so the deletion can be undone
/// and can travel in an exchange file.
pub(crate) fn set_deleted(conn: &Connection, table: Table, id: &str, deleted: bool) -> Result<()> {
    super::changes::as_one_step(conn, || mark_deleted(conn, table, id, deleted))
}

fn mark_deleted(conn: &Connection, table: Table, id: &str, deleted: bool) -> Result<()> {
    let now = crate::time::now();
    let which = table;
    let table = table.name();
    let sql = if deleted {
        format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL")
    } else {
        format!("UPDATE {table} SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL")
    };
    if conn.execute(&sql, rusqlite::params![id, now])? == 0 {
        return Err(Error::NotFound(if deleted {
            crate::text::t("common.error_item_gone", &[])
        } else {
            crate::text::t("common.error_nothing_to_restore", &[])
        }));
    }
    super::changes::note_local_change(conn, which, id)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open_in_memory;
    use serde_json::{json, Value};

    fn with_coalition() -> (Connection, String) {
        let conn = open_in_memory().unwrap();
        let id = new_id();
        conn.execute(
            "INSERT INTO coalitions (id, name, created_at, updated_at) VALUES (?1, 'Row test', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
            [&id],
        )
        .unwrap();
        (conn, id)
    }

    #[test]
    fn ids_are_uuids_and_never_repeat() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 4, "{id}");
        }
    }

    #[test]
    fn json_columns_round_trip_and_refuse_damaged_text() {
        let conn = open_in_memory().unwrap();
        let value = json!({"a": [1, "two", null], "é": "🌽 <b>"});
        let read: Value = conn.query_row("SELECT ?1", [json_text(&value)], |r| json_column(r, 0)).unwrap();
        assert_eq!(read, value);
        let damaged = conn.query_row("SELECT '{not json'", [], |r| json_column::<Value>(r, 0));
        assert!(matches!(damaged, Err(rusqlite::Error::FromSqlConversionFailure(0, Type::Text, _))), "{damaged:?}");
        // The wrong shape is refused too, not turned into an empty value.
        let wrong = conn.query_row("SELECT '[1]'", [], |r| json_column::<serde_json::Map<String, Value>>(r, 0));
        assert!(wrong.is_err());
    }

    #[test]
    fn stamps_read_the_three_common_columns() {
        let conn = open_in_memory().unwrap();
        let read = conn
            .query_row("SELECT 'x', 'c', 'u', NULL", [], |r| stamps(r, 1))
            .unwrap();
        assert_eq!(read, Stamps { created_at: "c".into(), updated_at: "u".into(), deleted_at: None });
    }

    #[test]
    fn soft_delete_and_restore_move_the_marker_and_the_update_time() {
        let (conn, id) = with_coalition();
        let read = |conn: &Connection| -> Stamps {
            conn.query_row(concat!("SELECT ", with_stamps!("id"), " FROM coalitions WHERE id = ?1"), [&id], |r| stamps(r, 1))
                .unwrap()
        };
        set_deleted(&conn, Table::Coalitions, &id, true).unwrap();
        let deleted = read(&conn);
        assert_eq!(deleted.deleted_at.as_deref(), Some(deleted.updated_at.as_str()));
        assert!(deleted.updated_at > deleted.created_at);
        // Deleting twice, or restoring what is not deleted, says so instead of doing nothing.
        assert_eq!(set_deleted(&conn, Table::Coalitions, &id, true).unwrap_err().kind(), "not_found");
        set_deleted(&conn, Table::Coalitions, &id, false).unwrap();
        assert_eq!(read(&conn).deleted_at, None);
        assert_eq!(set_deleted(&conn, Table::Coalitions, &id, false).unwrap_err().kind(), "not_found");
        assert_eq!(set_deleted(&conn, Table::Records, "no-such-row", true).unwrap_err().kind(), "not_found");
    }

    #[test]
    fn row_exists_sees_deleted_rows_and_only_its_table() {
        let (conn, id) = with_coalition();
        assert!(row_exists(&conn, Table::Coalitions, &id).unwrap());
        assert!(!row_exists(&conn, Table::Answers, &id).unwrap());
        set_deleted(&conn, Table::Coalitions, &id, true).unwrap();
        assert!(row_exists(&conn, Table::Coalitions, &id).unwrap(), "a deleted row still holds its id");
        assert!(!row_exists(&conn, Table::Coalitions, "' OR 1=1 --").unwrap());
    }
}
