//! Timestamps shared by every record, so that exchanged files merge record by record.

use chrono::{SecondsFormat, Utc};

/// Now, in UTC, as RFC 3339 with milliseconds: sortable as text and precise enough that two
/// quick edits get different times.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Today's date in the person's local time, as YYYY-MM-DD.
pub fn today() -> String {
    chrono::Local::now().date_naive().format("%Y-%m-%d").to_string()
}

/// Checks a YYYY-MM-DD date and returns it normalised.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}
