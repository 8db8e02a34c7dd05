//! Reading and writing the database, one module per table. Each public function that changes
//! something runs in its own short transaction, so a change is on disk when it returns.
//! Rules about what a value may hold live with the worksheets, not here.

pub mod answers;
pub mod coalitions;
pub mod records;

use crate::error::{Error, Result};

/// The longest text we keep in one field. Far beyond any real answer; it stops a runaway paste
/// from filling the disk.
pub const MAX_TEXT_CHARS: usize = 200_000;

/// A condition on `coalition_id` that holds only while the coalition is not deleted: a deleted
/// coalition's answers and records stay (so the deletion can be undone) but are neither listed
/// nor changed.
pub(crate) const IN_LIVE_COALITION: &str = "coalition_id IN (SELECT id FROM coalitions WHERE deleted_at IS NULL)";

/// The refusal for a change to a coalition that was deleted.
pub(crate) fn coalition_deleted() -> Error {
    Error::NotFound("That coalition was deleted, so nothing can be changed in it. Bring it back first.".into())
}

/// Trims and length-checks a short label such as a name.
pub(crate) fn clean_label(what: &str, text: &str, max_chars: usize, required: bool) -> Result<String> {
    let trimmed = text.trim();
    if required && trimmed.is_empty() {
        return Err(Error::Invalid(format!("Please give the {what}.")));
    }
    let count = trimmed.chars().count();
    if count > max_chars {
        return Err(Error::Invalid(format!(
            "The {what} is too long: {count} characters, and the most is {max_chars}. Please shorten it."
        )));
    }
    Ok(trimmed.to_string())
}

/// Sets or clears a row's deletion marker. `table` is one of ours, never user input. Deleting
/// keeps the row so the deletion can be undone and can travel in an exchange file.
pub(crate) fn set_deleted(conn: &rusqlite::Connection, table: &'static str, id: &str, deleted: bool) -> Result<()> {
    let now = crate::time::now();
    let sql = if deleted {
        format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL")
    } else {
        format!("UPDATE {table} SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL")
    };
    if conn.execute(&sql, rusqlite::params![id, now])? == 0 {
        return Err(Error::NotFound(if deleted {
            "That item no longer exists.".into()
        } else {
            "There is nothing deleted to bring back.".into()
        }));
    }
    Ok(())
}
