//! The one error type of the core. Each variant is a kind of failure a person can act on; the
//! shell sends `kind()` and the message to the UI, so messages are written for people, and come
//! from the text catalog (`core/text/`).

use std::fmt;
use std::path::PathBuf;

use crate::text;

/// Every failure the core reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something a person typed or chose is not acceptable; the message says what to change.
    Invalid(String),
    /// The thing asked for does not exist (or was deleted).
    NotFound(String),
    /// The database file cannot be written (read-only file or folder, full disk).
    ReadOnly(String),
    /// Another program holds the database and did not let go in time.
    Busy,
    /// The database file is damaged or is not a Common Ground database.
    Corrupt { path: PathBuf, detail: String },
    /// The database was written by a newer version of the app.
    TooNew { found: i64, supported: i64 },
    /// A file could not be read or written.
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// Any other database failure; kept for the log, shown in plain words.
    Database(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            Error::Invalid(message) | Error::NotFound(message) => message.clone(),
            Error::ReadOnly(reason) => text::t("common.error_read_only", &[("reason", reason)]),
            Error::Busy => text::t("common.error_busy", &[]),
            Error::Corrupt { path, detail } => {
                text::t("common.error_corrupt", &[("path", &path.display()), ("detail", detail)])
            }
            Error::TooNew { found, supported } => {
                text::t("common.error_too_new", &[("found", found), ("supported", supported)])
            }
            Error::Io { context, source } => text::t("common.error_io", &[("context", context), ("problem", source)]),
            Error::Database(problem) => text::t("common.error_database", &[("problem", problem)]),
        };
        f.write_str(&message)
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A short, stable name for the kind of error, for the UI to choose how to show it.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::ReadOnly(_) => "read_only",
            Error::Busy => "busy",
            Error::Corrupt { .. } => "corrupt",
            Error::TooNew { .. } => "too_new",
            Error::Io { .. } => "io",
            Error::Database(_) => "database",
        }
    }

    /// Wraps an I/O error with what we were doing, in words a person understands.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        if let rusqlite::Error::SqliteFailure(ffi, ref msg) = err {
            return match ffi.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Error::Busy,
                ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                    Error::ReadOnly(text::t("common.error_read_only_folder", &[]))
                }
                ErrorCode::DiskFull => Error::ReadOnly(text::t("common.error_disk_full", &[])),
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => Error::Corrupt {
                    path: PathBuf::new(),
                    detail: msg.clone().unwrap_or_else(|| text::t("common.error_not_a_database", &[])),
                },
                ErrorCode::ConstraintViolation => {
                    Error::Invalid(msg.clone().unwrap_or_else(|| text::t("common.error_rule_broken", &[])))
                }
                _ => Error::Database(err.to_string()),
            };
        }
        match err {
            rusqlite::Error::QueryReturnedNoRows => Error::NotFound(text::t("common.error_item_gone", &[])),
            other => Error::Database(other.to_string()),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::Invalid(text::t("common.error_malformed", &[("problem", &err)]))
    }
}
