//! Commands for the lists a coalition keeps (partners, budget lines, barriers...).

use std::sync::Arc;

use common_ground_core::model::Record;
use common_ground_core::store::records;
use common_ground_core::shown::{self, RecordList};
use common_ground_core::worksheets::{self, RecordKind};
use common_ground_core::Error;
use serde_json::{Map, Value};
use tauri::State;

use crate::error::CommandResult;
use crate::state::{blocking, AppState};

area!(records: list_records, save_record, delete_record, restore_record);

/// The list with each row's texts and, for a list of money, its totals.
#[tauri::command]
pub async fn list_records(state: State<'_, Arc<AppState>>, coalition_id: String, kind: String) -> CommandResult<RecordList> {
    blocking(&state, move |conn| {
        let definition = record_kind(&kind)?;
        Ok(shown::shown_records(definition, records::list_records(conn, &coalition_id, &kind)?))
    })
    .await
}

fn record_kind(kind: &str) -> Result<&'static RecordKind, Error> {
    worksheets::catalog()
        .record_kind(kind)
        .ok_or_else(|| Error::Invalid(common_ground_core::text::t("records.kind_unknown", &[("kind", &kind)])))
}

/// Checks a record against its kind, then adds it (no id) or replaces its fields.
#[tauri::command]
pub async fn save_record(
    state: State<'_, Arc<AppState>>,
    coalition_id: String,
    kind: String,
    id: Option<String>,
    data: Map<String, Value>,
) -> CommandResult<Record> {
    blocking(&state, move |conn| {
        let definition = record_kind(&kind)?;
        let data = worksheets::check_record(definition, &data)?;
        Ok(match id {
            Some(id) => records::update_record(conn, &id, &data)?,
            None => records::create_record(conn, &coalition_id, &kind, &data)?,
        })
    })
    .await
}

#[tauri::command]
pub async fn delete_record(state: State<'_, Arc<AppState>>, id: String) -> CommandResult<()> {
    blocking(&state, move |conn| Ok(records::delete_record(conn, &id)?)).await
}

#[tauri::command]
pub async fn restore_record(state: State<'_, Arc<AppState>>, id: String) -> CommandResult<Record> {
    blocking(&state, move |conn| Ok(records::restore_record(conn, &id)?)).await
}
