//! Commands for starting up: the text for the page, whether the data file opened, and the ways
//! out when it did not.

use std::sync::Arc;

use tauri::State;

use crate::error::CommandResult;
use crate::state::{AppState, StartupProblem};

area!(startup: text_catalog, startup_status, retry_open, restore_after_damage);

/// Every text the page shows, in the language the app speaks (chosen once at start, see
/// `common_ground_core::text::choose_language`), the one the Rust side's messages use too.
#[tauri::command]
pub fn text_catalog() -> &'static common_ground_core::text::Catalog {
    common_ground_core::text::in_use()
}

/// None when the data file opened, or why it did not.
#[tauri::command]
pub async fn startup_status(state: State<'_, Arc<AppState>>) -> CommandResult<Option<StartupProblem>> {
    Ok(state.startup_problem())
}

/// Tries to open the data file again after a start-up problem.
#[tauri::command]
pub async fn retry_open(state: State<'_, Arc<AppState>>) -> CommandResult<Option<StartupProblem>> {
    let state = Arc::clone(&state);
    Ok(tauri::async_runtime::spawn_blocking(move || state.reopen()).await.unwrap_or(None))
}

/// At start-up, when the data file is damaged: puts the newest good backup in its place.
#[tauri::command]
pub async fn restore_after_damage(state: State<'_, Arc<AppState>>) -> CommandResult<Option<StartupProblem>> {
    let state = Arc::clone(&state);
    tauri::async_runtime::spawn_blocking(move || state.restore_after_damage())
        .await
        .map_err(|e| crate::error::CommandError::Internal(e.to_string()))?
}
