//! Commands for the automatic backups: list them, restore one, and recover from a damaged file.

use std::sync::Arc;

use common_ground_core::backup::{self, BackupInfo, RestoreReport};
use common_ground_core::Error;
use tauri::State;

use crate::error::CommandResult;
use crate::state::{blocking, AppState, StartupProblem};

#[tauri::command]
pub async fn list_backups(state: State<'_, Arc<AppState>>) -> CommandResult<Vec<BackupInfo>> {
    let dir = state.backups_dir();
    Ok(tauri::async_runtime::spawn_blocking(move || backup::list_backups(&dir))
        .await
        .map_err(|e| crate::error::CommandError::Internal(e.to_string()))??)
}

/// Restores the backup with this file name (only names from the backups folder are accepted),
/// after backing up the current state.
#[tauri::command]
pub async fn restore_backup(state: State<'_, Arc<AppState>>, file_name: String) -> CommandResult<RestoreReport> {
    let dir = state.backups_dir();
    blocking(&state, move |conn| {
        let chosen = backup::list_backups(&dir)?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or_else(|| Error::NotFound("That backup is no longer in the backups folder.".into()))?;
        Ok(backup::restore_backup(conn, &chosen.path, &dir)?)
    })
    .await
}

/// At start-up, when the data file is damaged: puts the newest good backup in its place.
#[tauri::command]
pub async fn restore_after_damage(state: State<'_, Arc<AppState>>) -> CommandResult<Option<StartupProblem>> {
    let state = Arc::clone(&state);
    let problem = tauri::async_runtime::spawn_blocking({
        let state = Arc::clone(&state);
        move || state.restore_after_damage()
    })
    .await
    .map_err(|e| crate::error::CommandError::Internal(e.to_string()))??;
    if problem.is_none() {
        crate::backups::start(state.database_path(), state.backups_dir());
    }
    Ok(problem)
}
