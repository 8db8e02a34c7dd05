//! What the running app holds: where its data lives and the one open database connection.
//! Database work runs on a blocking thread so the window never freezes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common_ground_core::{db, Error};
use rusqlite::Connection;

use crate::error::{CommandError, CommandResult};

/// Names the folder that holds the data instead of the system's app-data folder (tests, or a
/// person who keeps their data on a USB stick).
pub const DATA_DIR_VARIABLE: &str = "COMMON_GROUND_DATA_DIR";

pub struct AppState {
    pub data_dir: PathBuf,
    db: Mutex<Result<Connection, StartupProblem>>,
}

/// Why the data file could not be opened, kept so the page can explain it and offer a way out.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StartupProblem {
    pub kind: String,
    pub message: String,
    pub path: String,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Arc<Self> {
        let db = open_database(&data_dir);
        Arc::new(AppState { data_dir, db: Mutex::new(db) })
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("common-ground.sqlite")
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.data_dir.join("backups")
    }

    /// The start-up problem, if the data file could not be opened.
    pub fn startup_problem(&self) -> Option<StartupProblem> {
        self.db.lock().unwrap_or_else(|e| e.into_inner()).as_ref().err().cloned()
    }

    /// Tries to open the data file again (after the person closed another program, say).
    pub fn reopen(&self) -> Option<StartupProblem> {
        let mut guard = self.db.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_err() {
            *guard = open_database(&self.data_dir);
        }
        guard.as_ref().err().cloned()
    }

    /// Runs `work` with the connection. Call from a blocking thread.
    pub fn with_db<T>(&self, work: impl FnOnce(&mut Connection) -> CommandResult<T>) -> CommandResult<T> {
        let mut guard = self.db.lock().unwrap_or_else(|e| e.into_inner());
        match guard.as_mut() {
            Ok(conn) => work(conn),
            Err(problem) => Err(CommandError::NoDatabase(problem.message.clone())),
        }
    }
}

fn open_database(data_dir: &Path) -> Result<Connection, StartupProblem> {
    let path = data_dir.join("common-ground.sqlite");
    db::open(&path).map_err(|e: Error| StartupProblem {
        kind: e.kind().to_string(),
        message: e.to_string(),
        path: path.display().to_string(),
    })
}

/// Runs database work on a blocking thread and waits for it without blocking the window.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&mut Connection) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    let state = Arc::clone(state);
    tauri::async_runtime::spawn_blocking(move || state.with_db(work))
        .await
        .map_err(|e| CommandError::Internal(e.to_string()))?
}
