//! Commands for the plan as a PDF: save it where the person chooses, then open it if they like.

use std::path::PathBuf;
use std::sync::Arc;

use common_ground_core::plan::{self, PlanSettings};
use common_ground_core::{files, text, Error};
use tauri::State;

use crate::dialogs;
use crate::error::CommandResult;
use crate::state::AppState;

area!(plan: save_plan_pdf, open_file);

/// Asks where to save the plan, writes it, and returns the path.
#[tauri::command]
pub async fn save_plan_pdf(
    state: State<'_, Arc<AppState>>,
    coalition_id: String,
    settings: PlanSettings,
) -> CommandResult<String> {
    let id = coalition_id.clone();
    let filter = (text::fixed("plan.dialog_files"), &["pdf"][..]);
    let suggested = |name: &str| text::t("plan.dialog_file_name", &[("name", &name)]);
    let path = dialogs::save_through_dialog(&state, &coalition_id, text::fixed("plan.dialog_title"), suggested, filter, move |conn, target| {
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
        return Err(Error::Invalid(text::t("plan.open_only_ours", &[])).into());
    }
    dialogs::open_with_system(&path).map_err(|e| Error::io(text::t("plan.could_not_open", &[]), e).into())
}
