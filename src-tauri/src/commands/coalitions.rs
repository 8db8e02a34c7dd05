//! Commands for the list of coalitions.

use std::sync::Arc;

use common_ground_core::example;
use common_ground_core::model::{Coalition, CoalitionContents, CoalitionFields};
use common_ground_core::shown::{self, ShownCoalition};
use common_ground_core::store::coalitions;
use tauri::State;

use crate::error::CommandResult;
use crate::state::{blocking, AppState};

area!(coalitions: list_coalitions, create_coalition, create_example_coalition, update_coalition, coalition_contents, delete_coalition, restore_coalition);

#[tauri::command]
pub async fn list_coalitions(state: State<'_, Arc<AppState>>) -> CommandResult<Vec<ShownCoalition>> {
    blocking(&state, |conn| Ok(shown::shown_coalitions(coalitions::list_coalitions(conn)?))).await
}

#[tauri::command]
pub async fn create_coalition(state: State<'_, Arc<AppState>>, fields: CoalitionFields) -> CommandResult<Coalition> {
    blocking(&state, move |conn| Ok(coalitions::create_coalition(conn, &fields)?)).await
}

#[tauri::command]
pub async fn create_example_coalition(state: State<'_, Arc<AppState>>) -> CommandResult<Coalition> {
    blocking(&state, |conn| Ok(example::create_example_coalition(conn)?)).await
}

#[tauri::command]
pub async fn update_coalition(
    state: State<'_, Arc<AppState>>,
    id: String,
    fields: CoalitionFields,
) -> CommandResult<Coalition> {
    blocking(&state, move |conn| Ok(coalitions::update_coalition(conn, &id, &fields)?)).await
}

#[tauri::command]
pub async fn coalition_contents(state: State<'_, Arc<AppState>>, id: String) -> CommandResult<CoalitionContents> {
    blocking(&state, move |conn| Ok(coalitions::coalition_contents(conn, &id)?)).await
}

#[tauri::command]
pub async fn delete_coalition(state: State<'_, Arc<AppState>>, id: String) -> CommandResult<()> {
    blocking(&state, move |conn| Ok(coalitions::delete_coalition(conn, &id)?)).await
}

#[tauri::command]
pub async fn restore_coalition(state: State<'_, Arc<AppState>>, id: String) -> CommandResult<Coalition> {
    blocking(&state, move |conn| Ok(coalitions::restore_coalition(conn, &id)?)).await
}
