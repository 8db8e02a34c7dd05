//! Commands that write or read files the person chooses: the plan PDF, exchange files, and
//! opening a file we just wrote. Paths come only from native dialogs, never from the page.

use std::path::PathBuf;
use std::sync::Arc;

use common_ground_core::exchange::{self, ExportOptions, FilePreview, MergeChoices, MergePlan, MergeSummary};
use common_ground_core::model::Coalition;
use common_ground_core::plan::{self, PlanSettings};
use common_ground_core::store::coalitions;
use common_ground_core::{files, Error};
use tauri::State;

use crate::dialogs;
use crate::error::{CommandError, CommandResult};
use crate::state::{blocking, AppState};

/// A file name made from a coalition's name, safe on every system.
fn file_name_for(name: &str, extension: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let short: String = cleaned.chars().take(80).collect();
    let stem = if short.is_empty() { "Coalition".to_string() } else { short };
    format!("{stem}.{extension}")
}

async fn coalition_name(state: &Arc<AppState>, id: &str) -> CommandResult<String> {
    let id = id.to_string();
    blocking(state, move |conn| Ok(coalitions::get_coalition(conn, &id)?.name)).await
}

/// Asks where to save (suggesting a name made from the coalition's), then runs `write` with the
/// chosen path on the database thread. Returns the path written.
async fn save_through_dialog(
    state: &Arc<AppState>,
    coalition_id: &str,
    title: &str,
    suggested_stem: impl FnOnce(&str) -> String,
    filter: dialogs::Filter,
    write: impl FnOnce(&mut rusqlite::Connection, &std::path::Path) -> common_ground_core::Result<()> + Send + 'static,
) -> CommandResult<PathBuf> {
    let name = coalition_name(state, coalition_id).await?;
    let path = dialogs::choose_save_path(title, &file_name_for(&suggested_stem(&name), filter.1[0]), filter)
        .await
        .ok_or(CommandError::Cancelled)?;
    let target = path.clone();
    blocking(state, move |conn| Ok(write(conn, &target)?)).await?;
    Ok(path)
}

/// Asks where to save the plan, writes it, and returns the path.
#[tauri::command]
pub async fn save_plan_pdf(
    state: State<'_, Arc<AppState>>,
    coalition_id: String,
    settings: PlanSettings,
) -> CommandResult<String> {
    let id = coalition_id.clone();
    let path = save_through_dialog(&state, &coalition_id, "Save plan as PDF", |name| format!("{name} plan"), ("PDF document", &["pdf"]), move |conn, target| {
        files::write_atomically(target, &plan::render_plan(conn, &id, &settings)?)
    })
    .await?;
    state.remember_written(path.clone());
    Ok(path.display().to_string())
}

/// Opens a file this session wrote (the plan PDF) in the system's viewer.
#[tauri::command]
pub async fn open_file(state: State<'_, Arc<AppState>>, path: String) -> CommandResult<()> {
    let path = PathBuf::from(path);
    if !state.was_written(&path) {
        return Err(Error::Invalid("Common Ground only opens files it has just saved for you.".into()).into());
    }
    dialogs::open_with_system(&path).map_err(|e| Error::io("Could not open the file", e).into())
}

/// Asks where to save, writes the coalition file, and returns the path.
#[tauri::command]
pub async fn export_coalition(
    state: State<'_, Arc<AppState>>,
    coalition_id: String,
    options: ExportOptions,
) -> CommandResult<String> {
    let id = coalition_id.clone();
    let path = save_through_dialog(&state, &coalition_id, "Export coalition", str::to_string, ("Coalition file", &["coalition"]), move |conn, target| {
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
    let path = dialogs::choose_open_path("Import coalition file", ("Coalition file", &["coalition"]))
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

#[cfg(test)]
mod tests {
    use super::file_name_for;

    #[test]
    fn file_names_are_safe_and_readable() {
        assert_eq!(file_name_for("Food / Access: \"2025\"", "pdf"), "Food Access 2025.pdf");
        assert_eq!(file_name_for("   ", "coalition"), "Coalition.coalition");
        assert_eq!(file_name_for(&"x".repeat(300), "pdf").len(), 84);
    }
}
