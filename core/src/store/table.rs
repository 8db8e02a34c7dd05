//! The names of the tables whose rows carry the common id, times and deletion marker.

/// The tables whose rows carry the common id and times. Naming a table through this type keeps
/// table names out of reach of anything a person or a file typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Coalitions,
    Answers,
    Records,
}

impl Table {
    /// The column that names a row's coalition (a coalition's own row is named by its id).
    pub(crate) fn coalition_column(self) -> &'static str {
        match self {
            Table::Coalitions => "id",
            _ => "coalition_id",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Coalitions => "coalitions",
            Table::Answers => "answers",
            Table::Records => "records",
        }
    }
}
