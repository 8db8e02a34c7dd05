//! The records table: the lists a coalition keeps (partners, budget lines, barriers, objectives...).
//! Fields are checked against their record kind by the worksheets module before they reach here.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::live::{coalition_deleted, COALITION_NOT_DELETED, IN_LIVE_COALITION};
use super::changes::{as_one_step, note_local_change};
use super::row::{json_column, json_text, new_id, set_deleted, stamps, with_stamps, Table};
use crate::error::{Error, Result};
use crate::model::Record;
use crate::time;

const COLUMNS: &str = with_stamps!("id, coalition_id, kind, position, data");

fn from_row(row: &Row) -> rusqlite::Result<Record> {
    let stamps = stamps(row, 5)?;
    Ok(Record {
        id: row.get(0)?,
        coalition_id: row.get(1)?,
        kind: row.get(2)?,
        position: row.get(3)?,
        data: json_column(row, 4)?,
        created_at: stamps.created_at,
        updated_at: stamps.updated_at,
        deleted_at: stamps.deleted_at,
    })
}

/// The current records of one kind, in their order; none when the coalition was deleted.
pub fn list_records(conn: &Connection, coalition_id: &str, kind: &str) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM records WHERE coalition_id = ?1 AND kind = ?2 AND deleted_at IS NULL
           AND {IN_LIVE_COALITION}
         ORDER BY position, created_at"
    ))?;
    let rows = stmt.query_map([coalition_id, kind], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every record of a coalition of every kind, deleted ones included, for export.
pub fn list_all_records(conn: &Connection, coalition_id: &str) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM records WHERE coalition_id = ?1 ORDER BY kind, position, created_at"
    ))?;
    let rows = stmt.query_map([coalition_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many current records of each kind a coalition has; none when it was deleted.
pub fn count_records_by_kind(conn: &Connection, coalition_id: &str) -> Result<std::collections::HashMap<String, i64>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT kind, count(*) FROM records WHERE coalition_id = ?1 AND deleted_at IS NULL AND {IN_LIVE_COALITION}
         GROUP BY kind"
    ))?;
    let rows = stmt.query_map([coalition_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many current records of every kind a coalition holds (deleted coalition or not).
pub fn count_records(conn: &Connection, coalition_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM records WHERE coalition_id = ?1 AND deleted_at IS NULL",
        [coalition_id],
        |r| r.get(0),
    )?)
}

/// One record, deleted or not.
pub fn get_record(conn: &Connection, id: &str) -> Result<Record> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM records WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(crate::text::t("common.error_item_gone", &[])))
}

/// Adds a record at the end of its list.
pub fn create_record(
    conn: &Connection,
    coalition_id: &str,
    kind: &str,
    data: &serde_json::Map<String, serde_json::Value>,
) -> Result<Record> {
    as_one_step(conn, || add_record(conn, coalition_id, kind, data))
}

fn add_record(conn: &Connection, coalition_id: &str, kind: &str, data: &serde_json::Map<String, serde_json::Value>) -> Result<Record> {
    let id = new_id();
    let now = time::now();
    let changed = conn.execute(
        &format!(
            "INSERT INTO records (id, coalition_id, kind, position, data, created_at, updated_at)
             SELECT ?1, ?2, ?3,
                    (SELECT coalesce(max(position), 0) + 1 FROM records WHERE coalition_id = ?2 AND kind = ?3),
                    ?4, ?5, ?5
             WHERE {COALITION_NOT_DELETED}"
        ),
        params![id, coalition_id, kind, json_text(data), now],
    )?;
    if changed == 0 {
        return Err(coalition_deleted());
    }
    note_local_change(conn, Table::Records, &id)?;
    get_record(conn, &id)
}

/// Replaces a record's fields.
pub fn update_record(conn: &Connection, id: &str, data: &serde_json::Map<String, serde_json::Value>) -> Result<Record> {
    as_one_step(conn, || change_record(conn, id, data))
}

fn change_record(conn: &Connection, id: &str, data: &serde_json::Map<String, serde_json::Value>) -> Result<Record> {
    let changed = conn.execute(
        &format!("UPDATE records SET data = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL AND {IN_LIVE_COALITION}"),
        params![id, json_text(data), time::now()],
    )?;
    if changed == 0 {
        return Err(Error::NotFound(crate::text::t("common.error_item_gone", &[])));
    }
    note_local_change(conn, Table::Records, id)?;
    get_record(conn, id)
}

/// Marks a record deleted; `restore_record` undoes it.
pub fn delete_record(conn: &Connection, id: &str) -> Result<()> {
    set_deleted(conn, Table::Records, id, true)
}

/// Brings back a deleted record.
pub fn restore_record(conn: &Connection, id: &str) -> Result<Record> {
    set_deleted(conn, Table::Records, id, false)?;
    get_record(conn, id)
}

/// Numbers a coalition's records 1, 2, 3... within each kind, keeping their order (deleted ones
/// included, so that an undo puts a record back where it was). Imports and merges run it before
/// they commit: a file's positions only order its records, and a crafted one near the largest
/// number would leave no room for the next item added.
pub fn renumber_positions(conn: &Connection, coalition_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE records SET position = numbered.place
         FROM (SELECT id, row_number() OVER (PARTITION BY kind ORDER BY position, created_at, id) AS place
               FROM records WHERE coalition_id = ?1) AS numbered
         WHERE records.id = numbered.id AND records.position IS NOT numbered.place",
        [coalition_id],
    )?;
    Ok(())
}

/// Writes a record row exactly as given: for imports and merges.
pub fn put_record_row(conn: &Connection, record: &Record) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO records (id, coalition_id, kind, position, data, created_at, updated_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, position = excluded.position,
             data = excluded.data, created_at = excluded.created_at,
             updated_at = excluded.updated_at, deleted_at = excluded.deleted_at",
    )?
    .execute(params![
        record.id,
        record.coalition_id,
        record.kind,
        record.position,
        json_text(&record.data),
        record.created_at,
        record.updated_at,
        record.deleted_at,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open_in_memory;
    use crate::model::CoalitionFields;
    use crate::store::coalitions::{create_coalition, delete_coalition};
    use serde_json::{json, Map, Value};

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn records_keep_order_update_and_undo_delete() {
        let conn = open_in_memory().unwrap();
        let c = create_coalition(&conn, &CoalitionFields { name: "T".into(), ..Default::default() }).unwrap();
        let a = create_record(&conn, &c.id, "partner", &obj(json!({"name": "Library"}))).unwrap();
        let b = create_record(&conn, &c.id, "partner", &obj(json!({"name": "Clinic"}))).unwrap();
        create_record(&conn, &c.id, "budget_line", &obj(json!({"amount": 500}))).unwrap();
        let names: Vec<_> = list_records(&conn, &c.id, "partner").unwrap().into_iter().map(|r| r.data["name"].clone()).collect();
        assert_eq!(names, vec![json!("Library"), json!("Clinic")]);
        update_record(&conn, &b.id, &obj(json!({"name": "Free Clinic"}))).unwrap();
        delete_record(&conn, &a.id).unwrap();
        let left = list_records(&conn, &c.id, "partner").unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].data["name"], json!("Free Clinic"));
        restore_record(&conn, &a.id).unwrap();
        assert_eq!(list_records(&conn, &c.id, "partner").unwrap().len(), 2);
        assert_eq!(list_all_records(&conn, &c.id).unwrap().len(), 3);
        let counts = count_records_by_kind(&conn, &c.id).unwrap();
        assert_eq!((counts["partner"], counts["budget_line"]), (2, 1));
        // A deleted coalition keeps its records until purged, so undo is complete.
        delete_coalition(&conn, &c.id).unwrap();
        assert_eq!(list_all_records(&conn, &c.id).unwrap().len(), 3);
    }
}
