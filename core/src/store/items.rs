//! The rows of the areas' tables (`partner_people`, `partner_contacts`...). Every such table has
//! the same columns (id, coalition, fields as JSON, times), so one module reads and writes them
//! all; each table's fields are checked against its description (`core/tables/AREA.toml`)
//! before they reach here, and its references by [`check_references`].

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use super::changes::{as_one_step, note_local_change};
use super::live::{coalition_deleted, COALITION_NOT_DELETED, IN_LIVE_COALITION};
use super::row::{json_column, json_text, new_id, set_deleted, stamps, with_stamps, Table};
use crate::error::{Error, Result};
use crate::model::Item;
use crate::text;
use crate::time;
use crate::worksheets::{FieldKind, RecordKind};

const COLUMNS: &str = with_stamps!("id, coalition_id, data");

fn from_row(row: &Row) -> rusqlite::Result<Item> {
    let stamps = stamps(row, 3)?;
    Ok(Item {
        id: row.get(0)?,
        coalition_id: row.get(1)?,
        data: json_column(row, 2)?,
        created_at: stamps.created_at,
        updated_at: stamps.updated_at,
        deleted_at: stamps.deleted_at,
    })
}

/// The current rows of a coalition's table, oldest first; none when the coalition was deleted.
pub fn list_items(conn: &Connection, table: Table, coalition_id: &str) -> Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {} WHERE coalition_id = ?1 AND deleted_at IS NULL AND {IN_LIVE_COALITION}
         ORDER BY created_at, id",
        table.name()
    ))?;
    let rows = stmt.query_map([coalition_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every row of a coalition's table, deleted ones included, in a stable order: for export.
pub fn list_all_items(conn: &Connection, table: Table, coalition_id: &str) -> Result<Vec<Item>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {} WHERE coalition_id = ?1 ORDER BY created_at, id", table.name()))?;
    let rows = stmt.query_map([coalition_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One row, deleted or not.
pub fn get_item(conn: &Connection, table: Table, id: &str) -> Result<Item> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {} WHERE id = ?1", table.name()))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(text::t("common.error_item_gone", &[])))
}

/// Adds a row whose fields were checked.
pub fn create_item(conn: &Connection, table: Table, coalition_id: &str, data: &Map<String, Value>) -> Result<Item> {
    as_one_step(conn, || add_item(conn, table, coalition_id, data))
}

/// Adds a row inside a caller's step (an import of many rows at once).
pub(crate) fn add_item(conn: &Connection, table: Table, coalition_id: &str, data: &Map<String, Value>) -> Result<Item> {
    let id = new_id();
    let now = time::now();
    let changed = conn.prepare_cached(&format!(
        "INSERT INTO {} (id, coalition_id, data, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?4 WHERE {COALITION_NOT_DELETED}",
        table.name()
    ))?
    .execute(params![id, coalition_id, json_text(data), now])?;
    if changed == 0 {
        return Err(coalition_deleted());
    }
    note_local_change(conn, table, &id)?;
    get_item(conn, table, &id)
}

/// Replaces a row's fields with checked ones.
pub fn update_item(conn: &Connection, table: Table, id: &str, data: &Map<String, Value>) -> Result<Item> {
    as_one_step(conn, || change_item(conn, table, id, data))
}

pub(crate) fn change_item(conn: &Connection, table: Table, id: &str, data: &Map<String, Value>) -> Result<Item> {
    let changed = conn.prepare_cached(&format!(
        "UPDATE {} SET data = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL AND {IN_LIVE_COALITION}",
        table.name()
    ))?
    .execute(params![id, json_text(data), time::now()])?;
    if changed == 0 {
        return Err(Error::NotFound(text::t("common.error_item_gone", &[])));
    }
    note_local_change(conn, table, id)?;
    get_item(conn, table, id)
}

/// Marks a row deleted; [`restore_item`] undoes it.
pub fn delete_item(conn: &Connection, table: Table, id: &str) -> Result<()> {
    set_deleted(conn, table, id, true)
}

/// Brings back a deleted row.
pub fn restore_item(conn: &Connection, table: Table, id: &str) -> Result<Item> {
    set_deleted(conn, table, id, false)?;
    get_item(conn, table, id)
}

/// Writes a row exactly as given: for imports and merges.
pub fn put_item_row(conn: &Connection, table: Table, item: &Item) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO {} (id, coalition_id, data, created_at, updated_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, created_at = excluded.created_at,
             updated_at = excluded.updated_at, deleted_at = excluded.deleted_at",
        table.name()
    ))?
    .execute(params![item.id, item.coalition_id, json_text(&item.data), item.created_at, item.updated_at, item.deleted_at])?;
    Ok(())
}

/// Checks that every reference field of a row typed in this copy names a current row of the
/// same coalition in the table it refers to: the page may only point at what it was shown.
pub fn check_references(conn: &Connection, def: &RecordKind, coalition_id: &str, data: &Map<String, Value>) -> Result<()> {
    for field in def.fields.iter().filter(|f| matches!(f.kind, FieldKind::Reference | FieldKind::References)) {
        let Some(value) = data.get(&field.id) else { continue };
        let ids: Vec<&str> = match value {
            Value::String(id) => vec![id.as_str()],
            Value::Array(ids) => ids.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let target = field.refers_to.as_deref().unwrap_or_default();
        for id in ids {
            if !is_current_row(conn, target, coalition_id, id)? {
                return Err(Error::Invalid(text::t("records.error_reference_gone", &[("what", &field.label)])));
            }
        }
    }
    Ok(())
}

/// True when `id` is a current row of the coalition in `target`: an area's table, or a record
/// kind of the records table.
fn is_current_row(conn: &Connection, target: &str, coalition_id: &str, id: &str) -> Result<bool> {
    let found = match Table::named(target) {
        Some(table) => conn
            .prepare_cached(&format!(
                "SELECT 1 FROM {} WHERE id = ?1 AND coalition_id = ?2 AND deleted_at IS NULL",
                table.name()
            ))?
            .query_row(params![id, coalition_id], |_| Ok(()))
            .optional()?,
        None => conn
            .prepare_cached("SELECT 1 FROM records WHERE id = ?1 AND coalition_id = ?2 AND kind = ?3 AND deleted_at IS NULL")?
            .query_row(params![id, coalition_id, target], |_| Ok(()))
            .optional()?,
    };
    Ok(found.is_some())
}

/// What makes a row of a table matched by fields (`match_by`) one item: those fields' values,
/// texts compared without case. Two rows of one coalition never share it.
pub fn match_key(def: &RecordKind, data: &Map<String, Value>) -> String {
    def.match_by
        .iter()
        .map(|id| match data.get(id) {
            Some(Value::String(text)) => text.trim().to_lowercase(),
            Some(other) => other.to_string(),
            None => String::new(),
        })
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Checks a row typed in this copy against its table's description and saves it: a new row
/// (no id) or new fields for one. For a table matched by fields, a new row with the same key as
/// an existing one (even a deleted one) updates that row instead, so that the coalition never
/// holds two of one item.
pub fn save_item(
    conn: &Connection,
    table: Table,
    def: &RecordKind,
    coalition_id: &str,
    id: Option<&str>,
    data: &Map<String, Value>,
) -> Result<Item> {
    let data = crate::worksheets::check_record(def, data)?;
    as_one_step(conn, || {
        check_references(conn, def, coalition_id, &data)?;
        let same = if def.match_by.is_empty() { None } else { find_by_key(conn, table, def, coalition_id, &data)? };
        match (id, same) {
            (Some(id), Some(other)) if other.id != id => {
                Err(Error::Invalid(text::t("records.error_already_there", &[("item", &def.name_in_text())])))
            }
            (Some(id), _) => {
                ensure_of_coalition(conn, table, id, coalition_id)?;
                change_item(conn, table, id, &data)
            }
            (None, Some(other)) => {
                if other.deleted_at.is_some() {
                    set_deleted(conn, table, &other.id, false)?;
                }
                change_item(conn, table, &other.id, &data)
            }
            (None, None) => add_item(conn, table, coalition_id, &data),
        }
    })
}

fn find_by_key(conn: &Connection, table: Table, def: &RecordKind, coalition_id: &str, data: &Map<String, Value>) -> Result<Option<Item>> {
    let key = match_key(def, data);
    Ok(list_all_items(conn, table, coalition_id)?.into_iter().find(|item| match_key(def, &item.data) == key))
}

/// A change through the page names a row of the coalition it works in.
fn ensure_of_coalition(conn: &Connection, table: Table, id: &str, coalition_id: &str) -> Result<()> {
    if get_item(conn, table, id)?.coalition_id != coalition_id {
        return Err(Error::NotFound(text::t("common.error_item_gone", &[])));
    }
    Ok(())
}
