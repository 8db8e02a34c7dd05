//! The records the store keeps, as they travel to the UI and into exchange files.

use serde::{Deserialize, Serialize};

/// A coalition: the top of everything else the app keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coalition {
    pub id: String,
    pub name: String,
    /// One line: the community problem the coalition works on.
    pub focus: String,
    /// YYYY-MM-DD, or None when not known.
    pub start_date: Option<String>,
    pub prepared_by: String,
    pub is_example: bool,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// What a person fills in to create or change a coalition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoalitionFields {
    pub name: String,
    pub focus: String,
    pub start_date: Option<String>,
    pub prepared_by: String,
}

/// The answer to one worksheet question. `value`'s shape depends on the question kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub id: String,
    pub coalition_id: String,
    pub worksheet_id: String,
    pub question_id: String,
    pub value: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// One item of a list a coalition keeps (a partner, a budget line, a barrier...). `kind` names a
/// record kind from the worksheet data; `data` holds its fields by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub coalition_id: String,
    pub kind: String,
    pub position: i64,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// What deleting a coalition would take away, so the confirmation can say it plainly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoalitionContents {
    pub answers: i64,
    pub records: i64,
}

/// One row of an area's table (a partner's person, a contact in the log...). The table is
/// described in `core/tables/AREA.toml` as a record kind is; `data` holds its fields by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub coalition_id: String,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}
