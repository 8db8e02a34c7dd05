//! The one error type of the core. Each variant is a kind of failure a person can act on; the
//! shell sends `kind()` and the message to the UI, so messages are written for people.

use std::path::PathBuf;

/// Every failure the core reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something a person typed or chose is not acceptable; the message says what to change.
    #[error("{0}")]
    Invalid(String),
    /// The thing asked for does not exist (or was deleted).
    #[error("{0}")]
    NotFound(String),
    /// The database file cannot be written (read-only file or folder, full disk).
    #[error("Your data can't be saved: {0}")]
    ReadOnly(String),
    /// Another program holds the database and did not let go in time.
    #[error("The data file is busy: another copy of Common Ground (or another program) is using it. Close it and try again.")]
    Busy,
    /// The database file is damaged or is not a Common Ground database.
    #[error("The data file at {path} is damaged or is not a Common Ground file ({detail}).")]
    Corrupt { path: PathBuf, detail: String },
    /// The database was written by a newer version of the app.
    #[error("This data was saved by a newer version of Common Ground (data version {found}; this version understands up to {supported}). Please update the app.")]
    TooNew { found: i64, supported: i64 },
    /// A file could not be read or written.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// Any other database failure; kept for the log, shown in plain words.
    #[error("The data file reported a problem: {0}")]
    Database(String),
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
                    Error::ReadOnly("the data file or its folder is read-only".into())
                }
                ErrorCode::DiskFull => Error::ReadOnly("the disk is full".into()),
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => Error::Corrupt {
                    path: PathBuf::new(),
                    detail: msg.clone().unwrap_or_else(|| "not a database".into()),
                },
                ErrorCode::ConstraintViolation => {
                    Error::Invalid(msg.clone().unwrap_or_else(|| "a rule of the data was broken".into()))
                }
                _ => Error::Database(err.to_string()),
            };
        }
        match err {
            rusqlite::Error::QueryReturnedNoRows => Error::NotFound("That item no longer exists.".into()),
            other => Error::Database(other.to_string()),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::Invalid(format!("malformed data: {err}"))
    }
}
