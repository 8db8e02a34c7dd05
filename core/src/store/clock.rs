//! This installation's hybrid logical clock and change counter.
//!
//! A stamp is milliseconds since 1970. A new one is the wall clock, unless that would be earlier
//! than the stamp it replaces or than the newest stamp this copy has made or seen in a merged
//! file: then it is one more than the larger of those. So stamps follow real time while clocks
//! agree, and a copy whose clock runs slow still orders its later edits after what it has seen.
//! People never see stamps: they see `updated_at`, the wall-clock time of the change.
//!
//! The counter numbers this copy's changes 1, 2, 3...; with the copy id it names a change (a
//! "dot", see `changes`).

use rusqlite::Connection;

use super::settings;
use crate::error::Result;

const LAST_STAMP: &str = "clock.stamp";
const LAST_COUNTER: &str = "clock.counter";

/// A stamp for a change that replaces one stamped `replaced` (if any).
pub fn next_stamp(conn: &Connection, replaced: Option<i64>) -> Result<i64> {
    let wall = crate::time::wall_clock().timestamp_millis();
    let last = settings::get_number(conn, LAST_STAMP)?;
    let stamp = wall.max(last + 1).max(replaced.map_or(i64::MIN, |r| r.saturating_add(1)));
    settings::set(conn, LAST_STAMP, &stamp.to_string())?;
    Ok(stamp)
}

/// Notes a stamp seen in a merged or opened file, so that later stamps come after it.
pub fn observe(conn: &Connection, stamp: i64) -> Result<()> {
    if stamp > settings::get_number(conn, LAST_STAMP)? {
        settings::set(conn, LAST_STAMP, &stamp.to_string())?;
    }
    Ok(())
}

/// The number of this copy's next change.
pub fn next_counter(conn: &Connection) -> Result<i64> {
    let counter = settings::get_number(conn, LAST_COUNTER)? + 1;
    settings::set(conn, LAST_COUNTER, &counter.to_string())?;
    Ok(counter)
}

/// Notes that a file has seen this copy's changes up to `counter` (only possible when this copy
/// was restored from an older backup): later changes are numbered after it, never reusing a
/// number another copy already holds for a different change.
pub fn observe_own_counter(conn: &Connection, counter: i64) -> Result<()> {
    if counter > settings::get_number(conn, LAST_COUNTER)? {
        settings::set(conn, LAST_COUNTER, &counter.to_string())?;
    }
    Ok(())
}
