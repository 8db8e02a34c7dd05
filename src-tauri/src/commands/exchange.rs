//! Commands for the exchange file partners send each other: export, check a picked file, open
//! it as new or merge it. Paths come only from native dialogs, never from the page.

use std::sync::Arc;

use common_ground_core::exchange::{self, ExportOptions, FilePreview, MergeChoices, MergePlan, MergeSummary};
use common_ground_core::model::Coalition;
use common_ground_core::text;
use tauri::State;

use crate::dialogs;
use crate::error::{CommandError, CommandResult};
use crate::state::{blocking, AppState};

area!(exchange: export_coalition, pick_import_file, import_as_new, plan_merge, apply_merge);

/// Asks where to save, writes the coalition file, and returns the path.
#[tauri::command]
pub async fn export_coalition(
    state: State<'_, Arc<AppState>>,
    coalition_id: String,
    options: ExportOptions,
) -> CommandResult<String> {
    let id = coalition_id.clone();
    let filter = (text::fixed("exchange.dialog_files"), &["coalition"][..]);
    let path = dialogs::save_through_dialog(&state, &coalition_id, text::fixed("exchange.dialog_export"), str::to_string, filter, move |conn, target| {
        let options = ExportOptions { file_name: display_name(target), ..options };
        exchange::export_coalition_to_file(conn, &id, &options, target).map(|_| ())
    })
    .await?;
    Ok(path.display().to_string())
}

fn display_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A checked file waiting for the person to choose "open as new" or "merge".
#[derive(serde::Serialize)]
pub struct ImportChoice {
    pub token: String,
    pub file_name: String,
    pub preview: FilePreview,
}

/// Asks for a coalition file, reads and checks all of it, and describes it. Nothing is written.
/// Reading and checking happen before the database is taken, so saves typed meanwhile never wait
/// behind a slow or large file.
#[tauri::command]
pub async fn pick_import_file(state: State<'_, Arc<AppState>>) -> CommandResult<ImportChoice> {
    let path = dialogs::choose_open_path(text::fixed("exchange.dialog_import"), (text::fixed("exchange.dialog_files"), &["coalition"]))
        .await
        .ok_or(CommandError::Cancelled)?;
    let file_name = display_name(&path);
    let file = tauri::async_runtime::spawn_blocking(move || exchange::read_exchange_file_at(&path))
        .await
        .map_err(|e| CommandError::Internal(e.to_string()))??;
    let state_for_work = Arc::clone(&state);
    blocking(&state, move |conn| {
        let preview = exchange::preview_file(conn, &file)?;
        let token = state_for_work.hold_import(file_name.clone(), file);
        Ok(ImportChoice { token, file_name, preview })
    })
    .await
}

/// Opens a checked file as a coalition of its own.
#[tauri::command]
pub async fn import_as_new(state: State<'_, Arc<AppState>>, token: String) -> CommandResult<Coalition> {
    let (_, file) = state.take_import(&token)?;
    blocking(&state, move |conn| Ok(exchange::import_as_new(conn, &file)?)).await
}

/// What merging a checked file into a coalition would change. Nothing is written.
#[tauri::command]
pub async fn plan_merge(state: State<'_, Arc<AppState>>, token: String, target_id: String) -> CommandResult<MergePlan> {
    let (_, file) = state.peek_import(&token)?;
    blocking(&state, move |conn| Ok(exchange::plan_merge(conn, &target_id, &file)?)).await
}

/// Merges a checked file into a coalition, in one transaction.
#[tauri::command]
pub async fn apply_merge(
    state: State<'_, Arc<AppState>>,
    token: String,
    target_id: String,
    choices: MergeChoices,
) -> CommandResult<MergeSummary> {
    let (file_name, file) = state.take_import(&token)?;
    blocking(&state, move |conn| {
        let choices = MergeChoices { file_name, ..choices };
        Ok(exchange::apply_merge(conn, &target_id, &file, &choices)?)
    })
    .await
}
