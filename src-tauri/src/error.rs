//! The error every command returns. It wraps the core's error and reaches the page as
//! `{kind, message}`, where the message is already written for a person.

use serde::ser::SerializeStruct;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Core(#[from] common_ground_core::Error),
    /// The data file could not be opened at start-up; the message says why.
    #[error("{0}")]
    NoDatabase(String),
    /// The person closed a file dialog without choosing.
    #[error("Cancelled.")]
    Cancelled,
    /// A background task failed in a way that is our fault, not the person's.
    #[error("Something went wrong inside Common Ground: {0}. Your saved work is safe; please try again.")]
    Internal(String),
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
