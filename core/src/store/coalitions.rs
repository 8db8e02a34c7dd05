//! The coalitions table: create, list, rename, delete (with undo) and count what a coalition holds.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::clean_label;
use super::changes::{as_one_step, note_local_change};
use super::row::{new_id, set_deleted, stamps, with_stamps, Table};
use super::{answers, records};
use crate::error::{Error, Result};
use crate::model::{Coalition, CoalitionContents, CoalitionFields};
use crate::text;
use crate::time;

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_FOCUS_CHARS: usize = 500;

const COLUMNS: &str = with_stamps!("id, name, focus, start_date, prepared_by, is_example");

fn from_row(row: &Row) -> rusqlite::Result<Coalition> {
    let stamps = stamps(row, 6)?;
    Ok(Coalition {
        id: row.get(0)?,
        name: row.get(1)?,
        focus: row.get(2)?,
        start_date: row.get(3)?,
        prepared_by: row.get(4)?,
        is_example: row.get(5)?,
        created_at: stamps.created_at,
        updated_at: stamps.updated_at,
        deleted_at: stamps.deleted_at,
    })
}

/// Checks and tidies what a person typed for a coalition.
pub fn validate_fields(fields: &CoalitionFields) -> Result<CoalitionFields> {
    let name = clean_label(&text::t("coalitions.what_name", &[]), &fields.name, MAX_NAME_CHARS, true)?;
    let focus = clean_label(&text::t("coalitions.what_focus", &[]), &fields.focus, MAX_FOCUS_CHARS, false)?;
    let prepared_by = clean_label(&text::t("coalitions.what_prepared_by", &[]), &fields.prepared_by, MAX_NAME_CHARS, false)?;
    let start_date = match fields.start_date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            time::parse_date(text)
                .ok_or_else(|| {
                    Error::Invalid(text::t("coalitions.error_date", &[("date", &text)]))
                })?
                .format("%Y-%m-%d")
                .to_string(),
        ),
    };
    Ok(CoalitionFields { name, focus, start_date, prepared_by })
}

/// Coalitions not deleted, most recently changed first.
pub fn list_coalitions(conn: &Connection) -> Result<Vec<Coalition>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM coalitions WHERE deleted_at IS NULL ORDER BY updated_at DESC, name"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One coalition, deleted or not.
pub fn get_coalition(conn: &Connection, id: &str) -> Result<Coalition> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM coalitions WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(text::t("coalitions.error_gone", &[])))
}

/// Creates a coalition from what a person typed.
pub fn create_coalition(conn: &Connection, fields: &CoalitionFields) -> Result<Coalition> {
    insert_coalition(conn, &new_id(), fields, false)
}

/// Creates a coalition with a given id; the example and imports use it.
pub fn insert_coalition(conn: &Connection, id: &str, fields: &CoalitionFields, is_example: bool) -> Result<Coalition> {
    let fields = validate_fields(fields)?;
    as_one_step(conn, || add_coalition(conn, id, &fields, is_example))
}

fn add_coalition(conn: &Connection, id: &str, fields: &CoalitionFields, is_example: bool) -> Result<Coalition> {
    let now = time::now();
    conn.execute(
        "INSERT INTO coalitions (id, name, focus, start_date, prepared_by, is_example, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, fields.name, fields.focus, fields.start_date, fields.prepared_by, is_example, now],
    )?;
    note_local_change(conn, Table::Coalitions, id)?;
    get_coalition(conn, id)
}

/// Changes a coalition's name, focus, start date or "prepared by".
pub fn update_coalition(conn: &Connection, id: &str, fields: &CoalitionFields) -> Result<Coalition> {
    let fields = validate_fields(fields)?;
    as_one_step(conn, || change_coalition(conn, id, &fields))
}

fn change_coalition(conn: &Connection, id: &str, fields: &CoalitionFields) -> Result<Coalition> {
    let changed = conn.execute(
        "UPDATE coalitions SET name = ?2, focus = ?3, start_date = ?4, prepared_by = ?5, updated_at = ?6
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, fields.name, fields.focus, fields.start_date, fields.prepared_by, time::now()],
    )?;
    if changed == 0 {
        return Err(Error::NotFound(text::t("coalitions.error_gone", &[])));
    }
    note_local_change(conn, Table::Coalitions, id)?;
    get_coalition(conn, id)
}

/// How many answers and records a coalition holds, for the delete confirmation.
pub fn coalition_contents(conn: &Connection, id: &str) -> Result<CoalitionContents> {
    get_coalition(conn, id)?;
    Ok(CoalitionContents { answers: answers::count_answers(conn, id)?, records: records::count_records(conn, id)? })
}

/// Marks a coalition deleted. Its data stays until purged, so the deletion can be undone.
pub fn delete_coalition(conn: &Connection, id: &str) -> Result<()> {
    set_deleted(conn, Table::Coalitions, id, true)
}

/// Undoes `delete_coalition`.
pub fn restore_coalition(conn: &Connection, id: &str) -> Result<Coalition> {
    set_deleted(conn, Table::Coalitions, id, false)?;
    get_coalition(conn, id)
}

/// Writes a coalition row exactly as given (times included), inserting or replacing its details:
/// for imports and merges.
pub fn put_coalition_row(conn: &Connection, c: &Coalition) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO coalitions (id, name, focus, start_date, prepared_by, is_example, created_at, updated_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, focus = excluded.focus,
             start_date = excluded.start_date, prepared_by = excluded.prepared_by,
             updated_at = excluded.updated_at",
    )?
    .execute(params![
        c.id,
        c.name,
        c.focus,
        c.start_date,
        c.prepared_by,
        c.is_example,
        c.created_at,
        c.updated_at,
        c.deleted_at,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open_in_memory;

    fn fields(name: &str) -> CoalitionFields {
        CoalitionFields { name: name.into(), focus: "Food access".into(), start_date: Some("2025-01-15".into()), ..Default::default() }
    }

    #[test]
    fn create_rename_list_round_trip() {
        let conn = open_in_memory().unwrap();
        let made = create_coalition(&conn, &fields("  Riverside Food Alliance  ")).unwrap();
        assert_eq!(made.name, "Riverside Food Alliance");
        assert_eq!(made.start_date.as_deref(), Some("2025-01-15"));
        let renamed = update_coalition(&conn, &made.id, &fields("Riverside Food Coalition")).unwrap();
        assert_eq!(renamed.name, "Riverside Food Coalition");
        assert!(renamed.updated_at >= made.updated_at);
        let all = list_coalitions(&conn).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0], renamed);
    }

    #[test]
    fn names_are_checked() {
        let conn = open_in_memory().unwrap();
        let err = create_coalition(&conn, &fields("   ")).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().contains("name"), "{err}");
        let err = create_coalition(&conn, &fields(&"x".repeat(10_000))).unwrap_err();
        assert!(err.to_string().contains("10000 characters"), "{err}");
        assert!(list_coalitions(&conn).unwrap().is_empty());
    }

    #[test]
    fn any_text_is_kept_exactly() {
        let conn = open_in_memory().unwrap();
        for name in ["Coalición 🌽 Maíz", "ائتلاف الحي", "<script>alert(1)</script>", "O'Brien \"Quotes\" & Co"] {
            let made = create_coalition(&conn, &fields(name)).unwrap();
            assert_eq!(get_coalition(&conn, &made.id).unwrap().name, name);
        }
    }

    #[test]
    fn bad_dates_are_refused_with_a_hint() {
        let conn = open_in_memory().unwrap();
        let mut f = fields("A");
        f.start_date = Some("31/02/2025".into());
        let err = create_coalition(&conn, &f).unwrap_err();
        assert!(err.to_string().contains("2025-03-31"), "{err}");
    }

    #[test]
    fn delete_hides_and_restore_brings_back() {
        let conn = open_in_memory().unwrap();
        let made = create_coalition(&conn, &fields("Gone soon")).unwrap();
        delete_coalition(&conn, &made.id).unwrap();
        assert!(list_coalitions(&conn).unwrap().is_empty());
        assert_eq!(delete_coalition(&conn, &made.id).unwrap_err().kind(), "not_found");
        let back = restore_coalition(&conn, &made.id).unwrap();
        assert_eq!(back.deleted_at, None);
        assert_eq!(list_coalitions(&conn).unwrap().len(), 1);
    }

    #[test]
    fn constraint_violations_come_back_as_our_error() {
        let conn = open_in_memory().unwrap();
        let made = create_coalition(&conn, &fields("Twice")).unwrap();
        let err = insert_coalition(&conn, &made.id, &fields("Twice again"), false).unwrap_err();
        assert_eq!(err.kind(), "invalid", "{err:?}");
    }
}
