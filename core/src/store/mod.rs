//! Reading and writing the database, one module per table. Each public function that changes
//! something runs in its own short transaction, so a change is on disk when it returns.
//! Rules about what a value may hold live with the worksheets, not here. What every row shares
//! (ids, times, the deletion marker, JSON columns) is in `row`.

pub mod answers;
pub mod changes;
pub mod clock;
pub mod coalitions;
pub mod exchanges;
pub mod items;
mod live;
pub mod origins;
pub mod records;
pub mod row;
pub mod settings;
pub mod table;
pub mod versions;

pub use row::new_id;

use crate::error::{Error, Result};

/// The longest text we keep in one field. Far beyond any real answer; it stops a runaway paste
/// from filling the disk.
pub const MAX_TEXT_CHARS: usize = 200_000;

/// Cleans (as any typed line: see `worksheets::clean_line`) and length-checks a short label such
/// as a name.
pub(crate) fn clean_label(what: &str, text: &str, max_chars: usize, required: bool) -> Result<String> {
    let cleaned = crate::worksheets::clean_line(text);
    let trimmed = cleaned.as_str();
    if required && trimmed.is_empty() {
        return Err(Error::Invalid(crate::text::t("coalitions.error_missing", &[("what", &what)])));
    }
    let count = trimmed.chars().count();
    if count > max_chars {
        let params: [(&str, &dyn std::fmt::Display); 3] = [("what", &what), ("count", &count), ("max", &max_chars)];
        return Err(Error::Invalid(crate::text::t("coalitions.error_too_long", &params)));
    }
    Ok(trimmed.to_string())
}
