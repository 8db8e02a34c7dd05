//! Timestamps shared by every record, so that exchanged files merge record by record.
//!
//! The wall clock can be shifted for the current thread with [`with_clock_offset`]: tests use it
//! to play copies whose computers run fast or slow. Nothing in the app shifts it.

use std::cell::Cell;

use chrono::{DateTime, SecondsFormat, Utc};

thread_local! {
    /// How far this thread's clock is moved from the real one, in milliseconds.
    static OFFSET_MILLIS: Cell<i64> = const { Cell::new(0) };
}

/// Runs `work` with this thread's clock moved by `offset` (negative: a clock that runs slow),
/// as a computer with a wrong clock would see the time.
pub fn with_clock_offset<T>(offset: chrono::Duration, work: impl FnOnce() -> T) -> T {
    let before = OFFSET_MILLIS.with(|o| o.replace(offset.num_milliseconds()));
    let result = work();
    OFFSET_MILLIS.with(|o| o.set(before));
    result
}

/// The wall clock as this computer sees it.
pub fn wall_clock() -> DateTime<Utc> {
    Utc::now() + chrono::Duration::milliseconds(OFFSET_MILLIS.with(Cell::get))
}

/// Now, in UTC, as RFC 3339 with milliseconds: sortable as text and precise enough that two
/// quick edits get different times.
pub fn now() -> String {
    wall_clock().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Today's date in the person's local time, as YYYY-MM-DD.
pub fn today() -> String {
    chrono::Local::now().date_naive().format("%Y-%m-%d").to_string()
}

/// Checks a YYYY-MM-DD date and returns it normalised.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}
