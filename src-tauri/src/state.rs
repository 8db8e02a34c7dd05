//! What the running app holds: where its data lives and the one open database connection.
//! Database work runs on a blocking thread so the window never freezes.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common_ground_core::exchange::ExchangeFile;
use common_ground_core::{db, Error};
use rusqlite::Connection;

use crate::backups::BackupRunner;
use crate::error::{CommandError, CommandResult};

/// Names the folder that holds the data instead of the system's app-data folder (tests, or a
/// person who keeps their data on a USB stick).
pub const DATA_DIR_VARIABLE: &str = "COMMON_GROUND_DATA_DIR";

/// How many checked exchange files are kept waiting. A file the person cancelled is never taken,
/// so without a bound each pick would keep a whole file in memory until the app quits.
pub const IMPORTS_HELD: usize = 3;

pub struct AppState {
    pub data_dir: PathBuf,
    db: Mutex<Result<Connection, StartupProblem>>,
    /// Lock after `db`, never before: whether the data file is open decides whether they run.
    backups: Mutex<Backups>,
    /// Checked exchange files waiting for "open as new" or "merge": (token, file name, file),
    /// oldest first, at most `IMPORTS_HELD`.
    imports: Mutex<VecDeque<(String, String, ExchangeFile)>>,
    /// Files this session wrote, the only ones `open_file` will open.
    written: Mutex<HashSet<PathBuf>>,
}

/// Automatic backups: off (tests that give the app its state directly), wanted but waiting for
/// the data file to open, or running (one runner, never two).
enum Backups {
    Off,
    Waiting,
    Running(BackupRunner),
}

/// Why the data file could not be opened, kept so the page can explain it and offer a way out.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StartupProblem {
    pub kind: String,
    pub message: String,
    pub path: String,
}

impl AppState {
    /// What the app does at start-up: opens the data file and turns on automatic backups.
    pub fn start(data_dir: PathBuf) -> Arc<Self> {
        let state = Self::open(data_dir);
        state.start_backups();
        state
    }

    /// Opens the data file, without automatic backups.
    pub fn open(data_dir: PathBuf) -> Arc<Self> {
        let db = open_database(&data_dir);
        Arc::new(AppState {
            data_dir,
            db: Mutex::new(db),
            backups: Mutex::new(Backups::Off),
            imports: Default::default(),
            written: Default::default(),
        })
    }

    /// Turns on automatic backups: they start now when the data file is open, or as soon as it
    /// opens, whichever way that happens ("Try again", a restore after damage). One runner at
    /// most, however often this is called.
    pub fn start_backups(&self) {
        let db = lock(&self.db);
        let mut backups = lock(&self.backups);
        if matches!(*backups, Backups::Off) {
            *backups = Backups::Waiting;
        }
        self.start_waiting_backups(&db, &mut backups);
    }

    /// Call with the data file's lock held, after anything that may have opened it.
    fn start_waiting_backups(&self, db: &Result<Connection, StartupProblem>, backups: &mut Backups) {
        if db.is_ok() && matches!(backups, Backups::Waiting) {
            if let Some(runner) = BackupRunner::start(self.database_path(), self.backups_dir()) {
                *backups = Backups::Running(runner);
            }
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("common-ground.sqlite")
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.data_dir.join("backups")
    }

    /// The start-up problem, if the data file could not be opened.
    pub fn startup_problem(&self) -> Option<StartupProblem> {
        lock(&self.db).as_ref().err().cloned()
    }

    /// Tries to open the data file again (after the person closed another program, say).
    pub fn reopen(&self) -> Option<StartupProblem> {
        let mut guard = lock(&self.db);
        if guard.is_err() {
            *guard = open_database(&self.data_dir);
            self.start_waiting_backups(&guard, &mut lock(&self.backups));
        }
        guard.as_ref().err().cloned()
    }

    /// Closes the database so SQLite folds its write-ahead log back into the main file: after
    /// quitting, the .sqlite file alone holds everything (people copy it to a USB stick).
    pub fn close(&self) {
        let mut guard = lock(&self.db);
        // First, so no backup is reading the file while it is folded together.
        if let Backups::Running(runner) = std::mem::replace(&mut *lock(&self.backups), Backups::Off) {
            runner.stop();
        }
        let closed = StartupProblem {
            kind: "closed".into(),
            message: common_ground_core::text::t("startup.closing", &[]),
            path: self.database_path().display().to_string(),
        };
        if let Ok(conn) = std::mem::replace(&mut *guard, Err(closed)) {
            if let Err((_, err)) = conn.close() {
                eprintln!("Closing the data file failed: {err}");
            }
        }
    }

    /// Runs `work` with the connection. Call from a blocking thread.
    pub fn with_db<T>(&self, work: impl FnOnce(&mut Connection) -> CommandResult<T>) -> CommandResult<T> {
        let mut guard = lock(&self.db);
        match guard.as_mut() {
            Ok(conn) => work(conn),
            Err(problem) => Err(CommandError::NoDatabase(problem.message.clone())),
        }
    }
}

impl AppState {
    /// Keeps a checked exchange file until the person decides what to do with it.
    pub fn hold_import(&self, file_name: String, file: ExchangeFile) -> String {
        let token = common_ground_core::store::new_id();
        let mut imports = lock(&self.imports);
        imports.push_back((token.clone(), file_name, file));
        while imports.len() > IMPORTS_HELD {
            imports.pop_front();
        }
        token
    }

    /// The held file, still held (for a merge preview).
    pub fn peek_import(&self, token: &str) -> CommandResult<(String, ExchangeFile)> {
        lock(&self.imports)
            .iter()
            .find(|(held, _, _)| held == token)
            .map(|(_, name, file)| (name.clone(), file.clone()))
            .ok_or_else(expired_import)
    }

    /// The held file, no longer held (it is being used).
    pub fn take_import(&self, token: &str) -> CommandResult<(String, ExchangeFile)> {
        let mut imports = lock(&self.imports);
        let index = imports.iter().position(|(held, _, _)| held == token).ok_or_else(expired_import)?;
        let (_, name, file) = imports.remove(index).expect("the index was just found");
        Ok((name, file))
    }

    pub fn remember_written(&self, path: PathBuf) {
        lock(&self.written).insert(path);
    }

    pub fn was_written(&self, path: &Path) -> bool {
        lock(&self.written).contains(path)
    }

    /// Replaces a damaged data file with the newest good backup, keeping the damaged one.
    pub fn restore_after_damage(&self) -> CommandResult<Option<StartupProblem>> {
        let mut guard = lock(&self.db);
        if guard.is_ok() {
            return Ok(None);
        }
        let newest = common_ground_core::backup::newest_good_backup(&self.backups_dir())
            .ok_or_else(|| Error::NotFound(common_ground_core::text::t("backups.none_usable", &[])))?;
        common_ground_core::backup::restore_over_damaged(&self.database_path(), &newest.path, &self.backups_dir())?;
        *guard = open_database(&self.data_dir);
        self.start_waiting_backups(&guard, &mut lock(&self.backups));
        Ok(guard.as_ref().err().cloned())
    }
}

fn expired_import() -> CommandError {
    Error::NotFound(common_ground_core::text::t("exchange.import_expired", &[])).into()
}

/// Locks a mutex even if a panic poisoned it: the data inside is still consistent.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
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
