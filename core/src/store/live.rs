//! Whether a coalition is live: a deleted coalition's answers and records stay (so the deletion
//! can be undone) but are neither listed nor changed. The conditions and the refusal every
//! table of a coalition's rows shares.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::text;

/// A condition on `coalition_id` that holds only while the coalition is not deleted: a deleted
/// coalition's answers and records stay (so the deletion can be undone) but are neither listed
/// nor changed.
pub(crate) const IN_LIVE_COALITION: &str = "coalition_id IN (SELECT id FROM coalitions WHERE deleted_at IS NULL)";

/// A condition on `?2` (a coalition id) that holds unless that coalition was deleted; a
/// coalition that does not exist passes, so the foreign key can refuse it as invalid.
pub(crate) const COALITION_NOT_DELETED: &str =
    "NOT EXISTS (SELECT 1 FROM coalitions WHERE id = ?2 AND deleted_at IS NOT NULL)";

/// The refusal for a change to a coalition that was deleted.
pub(crate) fn coalition_deleted() -> Error {
    Error::NotFound(text::t("coalitions.error_deleted", &[]))
}

/// True when the coalition exists and is marked deleted.
pub(crate) fn is_deleted(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM coalitions WHERE id = ?1 AND deleted_at IS NOT NULL", [id], |_| Ok(()))
        .optional()?
        .is_some())
}
