//! Commands for the automatic backups: list them and restore one.

use std::sync::Arc;

use common_ground_core::backup::{self, BackupInfo, RestoreReport};
use common_ground_core::Error;
use tauri::State;

use crate::error::CommandResult;
use crate::state::{blocking, AppState};

area!(backups: list_backups, restore_backup);

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
            .ok_or_else(|| Error::NotFound(common_ground_core::text::t("backups.gone", &[])))?;
        Ok(backup::restore_backup(conn, &chosen.path, &dir)?)
    })
    .await
}
