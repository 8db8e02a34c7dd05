//! The names of the tables whose rows carry the common id, times and deletion marker.

/// Declares the tables: each line is a variant and its name in the database. The areas' tables
/// (those after `Records`) are also described in `core/tables/AREA.toml` under the same name.
macro_rules! tables {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// The tables whose rows carry the common id and times. Naming a table through this type
        /// keeps table names out of reach of anything a person or a file typed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Table {
            $($variant,)*
        }

        impl Table {
            pub fn name(self) -> &'static str {
                match self {
                    $(Table::$variant => $name,)*
                }
            }

            /// The table of this name, if there is one.
            pub fn named(name: &str) -> Option<Table> {
                match name {
                    $($name => Some(Table::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

tables! {
    Coalitions = "coalitions",
    Answers = "answers",
    Records = "records",
    PartnerPeople = "partner_people",
    PartnerMemberships = "partner_memberships",
    PartnerStages = "partner_stages",
    PartnerFit = "partner_fit",
    PartnerAsks = "partner_asks",
    PartnerResources = "partner_resources",
    PartnerContacts = "partner_contacts",
    PartnerKnows = "partner_knows",
}

impl Table {
    /// The column that names a row's coalition (a coalition's own row is named by its id).
    pub(crate) fn coalition_column(self) -> &'static str {
        match self {
            Table::Coalitions => "id",
            _ => "coalition_id",
        }
    }
}
