//! The error every command returns. It wraps the core's error and reaches the page as
//! `{kind, message}`, where the message is already written for a person (from the text catalog).

use std::fmt;

use common_ground_core::text;
use serde::ser::SerializeStruct;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A failure the core reported, with its own message.
    Core(#[from] common_ground_core::Error),
    /// The data file could not be opened at start-up; the message says why.
    NoDatabase(String),
    /// The person closed a file dialog without choosing.
    Cancelled,
    /// A background task failed in a way that is our fault, not the person's.
    Internal(String),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Core(e) => e.fmt(f),
            CommandError::NoDatabase(message) => f.write_str(message),
            CommandError::Cancelled => f.write_str(&text::t("common.error_cancelled", &[])),
            CommandError::Internal(problem) => f.write_str(&text::t("common.error_internal", &[("problem", problem)])),
        }
    }
}

impl CommandError {
    pub fn kind(&self) -> &'static str {
        match self {
            CommandError::Core(e) => e.kind(),
            CommandError::NoDatabase(_) => "no_database",
            CommandError::Cancelled => "cancelled",
            CommandError::Internal(_) => "internal",
        }
    }
}

impl serde::Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CommandError", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
