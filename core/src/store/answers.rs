//! The answers table: one JSON value per question per coalition. Values are checked against the
//! question by the worksheets module before they reach here.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::live::{self, coalition_deleted, COALITION_NOT_DELETED, IN_LIVE_COALITION};
use super::changes::{as_one_step, note_local_change};
use super::row::{json_column, json_text, new_id, stamps, with_stamps, Table};
use crate::error::Result;
use crate::model::Answer;
use crate::time;

const COLUMNS: &str = with_stamps!("id, coalition_id, worksheet_id, question_id, value");

fn from_row(row: &Row) -> rusqlite::Result<Answer> {
    let stamps = stamps(row, 5)?;
    Ok(Answer {
        id: row.get(0)?,
        coalition_id: row.get(1)?,
        worksheet_id: row.get(2)?,
        question_id: row.get(3)?,
        value: json_column(row, 4)?,
        created_at: stamps.created_at,
        updated_at: stamps.updated_at,
        deleted_at: stamps.deleted_at,
    })
}

/// Every current answer of a coalition; none when the coalition was deleted.
pub fn list_answers(conn: &Connection, coalition_id: &str) -> Result<Vec<Answer>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM answers WHERE coalition_id = ?1 AND deleted_at IS NULL AND {IN_LIVE_COALITION}
         ORDER BY worksheet_id, question_id"
    ))?;
    let rows = stmt.query_map([coalition_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every answer row of a coalition including cleared ones (with their deletion marker), for export.
pub fn list_answers_with_deleted(conn: &Connection, coalition_id: &str) -> Result<Vec<Answer>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM answers WHERE coalition_id = ?1 ORDER BY worksheet_id, question_id"
    ))?;
    let rows = stmt.query_map([coalition_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many current answers a coalition holds (deleted coalition or not).
pub fn count_answers(conn: &Connection, coalition_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM answers WHERE coalition_id = ?1 AND deleted_at IS NULL",
        [coalition_id],
        |r| r.get(0),
    )?)
}

/// One answer, if the question has one (and the coalition was not deleted).
pub fn get_answer(conn: &Connection, coalition_id: &str, worksheet_id: &str, question_id: &str) -> Result<Option<Answer>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM answers
                 WHERE coalition_id = ?1 AND worksheet_id = ?2 AND question_id = ?3 AND deleted_at IS NULL
                   AND {IN_LIVE_COALITION}"
            ),
            params![coalition_id, worksheet_id, question_id],
            from_row,
        )
        .optional()?)
}

/// Saves an answer, replacing any earlier one for the same question. A deleted coalition is
/// refused (not found); one that does not exist breaks the foreign key (invalid).
pub fn upsert_answer(
    conn: &Connection,
    coalition_id: &str,
    worksheet_id: &str,
    question_id: &str,
    value: &serde_json::Value,
) -> Result<Answer> {
    as_one_step(conn, || save_answer(conn, coalition_id, worksheet_id, question_id, value))
}

fn save_answer(conn: &Connection, coalition_id: &str, worksheet_id: &str, question_id: &str, value: &serde_json::Value) -> Result<Answer> {
    let now = time::now();
    let changed = conn.execute(
        &format!(
            "INSERT INTO answers (id, coalition_id, worksheet_id, question_id, value, created_at, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?6
             WHERE {COALITION_NOT_DELETED}
             ON CONFLICT (coalition_id, worksheet_id, question_id)
             DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, deleted_at = NULL"
        ),
        params![new_id(), coalition_id, worksheet_id, question_id, json_text(value), now],
    )?;
    if changed == 0 {
        return Err(coalition_deleted());
    }
    let saved = get_answer(conn, coalition_id, worksheet_id, question_id)?.expect("row just written");
    note_local_change(conn, Table::Answers, &saved.id)?;
    Ok(saved)
}

/// Clears an answer. The row stays with a deletion marker so the clearing travels in exchanges.
pub fn clear_answer(conn: &Connection, coalition_id: &str, worksheet_id: &str, question_id: &str) -> Result<()> {
    as_one_step(conn, || mark_cleared(conn, coalition_id, worksheet_id, question_id))
}

fn mark_cleared(conn: &Connection, coalition_id: &str, worksheet_id: &str, question_id: &str) -> Result<()> {
    let now = time::now();
    let cleared: Option<String> = conn
        .query_row(
            &format!(
                "UPDATE answers SET deleted_at = ?4, updated_at = ?4
                 WHERE coalition_id = ?1 AND worksheet_id = ?2 AND question_id = ?3 AND deleted_at IS NULL
                   AND {IN_LIVE_COALITION}
                 RETURNING id"
            ),
            params![coalition_id, worksheet_id, question_id, now],
            |r| r.get(0),
        )
        .optional()?;
    match cleared {
        Some(id) => {
            note_local_change(conn, Table::Answers, &id)?;
        }
        None if live::is_deleted(conn, coalition_id)? => return Err(coalition_deleted()),
        None => {}
    }
    Ok(())
}

/// Writes an answer row exactly as given (id, times, marker): for imports and merges.
pub fn put_answer_row(conn: &Connection, answer: &Answer) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO answers (id, coalition_id, worksheet_id, question_id, value, created_at, updated_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (coalition_id, worksheet_id, question_id)
         DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
                       updated_at = excluded.updated_at, deleted_at = excluded.deleted_at",
    )?
    .execute(params![
        answer.id,
        answer.coalition_id,
        answer.worksheet_id,
        answer.question_id,
        json_text(&answer.value),
        answer.created_at,
        answer.updated_at,
        answer.deleted_at,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open_in_memory;
    use crate::model::CoalitionFields;
    use crate::store::coalitions::create_coalition;
    use serde_json::json;

    fn setup() -> (Connection, String) {
        let conn = open_in_memory().unwrap();
        let c = create_coalition(&conn, &CoalitionFields { name: "Test".into(), ..Default::default() }).unwrap();
        (conn, c.id)
    }

    #[test]
    fn upsert_replaces_and_clear_marks_deleted() {
        let (conn, cid) = setup();
        let first = upsert_answer(&conn, &cid, "vision", "statement", &json!("Healthy kids")).unwrap();
        let second = upsert_answer(&conn, &cid, "vision", "statement", &json!("Every child thrives")).unwrap();
        assert_eq!(first.id, second.id, "the same question keeps its row");
        assert_eq!(second.value, json!("Every child thrives"));
        assert_eq!(list_answers(&conn, &cid).unwrap().len(), 1);
        clear_answer(&conn, &cid, "vision", "statement").unwrap();
        assert!(get_answer(&conn, &cid, "vision", "statement").unwrap().is_none());
        let all = list_answers_with_deleted(&conn, &cid).unwrap();
        assert_eq!(all.len(), 1);
        assert!(all[0].deleted_at.is_some());
    }

    #[test]
    fn answers_need_an_existing_coalition() {
        let conn = open_in_memory().unwrap();
        let err = upsert_answer(&conn, "no-such-coalition", "vision", "statement", &json!("x")).unwrap_err();
        assert_eq!(err.kind(), "invalid", "{err:?}");
    }

    #[test]
    fn structured_values_round_trip() {
        let (conn, cid) = setup();
        let value = json!({"choices": ["turf", "other"], "other": "Parking 🚗 <b>bold</b>"});
        upsert_answer(&conn, &cid, "barriers", "which", &value).unwrap();
        assert_eq!(get_answer(&conn, &cid, "barriers", "which").unwrap().unwrap().value, value);
    }
}
