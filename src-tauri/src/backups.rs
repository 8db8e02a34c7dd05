//! Automatic backups while the app runs: one at start-up when the last is a day old, then a check
//! every hour. They run on their own thread and connection so the window never waits for them.
//! `AppState::start_backups` decides when the one runner starts; this module only runs it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use common_ground_core::backup;

/// How many backups to keep; older ones are removed.
pub const BACKUPS_KEPT: usize = 10;

/// The name of the backup thread, as the system lists it.
pub const THREAD_NAME: &str = "backups";

/// How often the runner checks whether a backup is due.
const CHECK_EVERY: Duration = Duration::from_secs(3600);

/// The running backup thread; stopping it waits for a backup under way to finish.
pub struct BackupRunner {
    stop: Sender<()>,
    thread: JoinHandle<()>,
}

impl BackupRunner {
    /// Starts the thread that keeps backups of the database at `db_path`, or None (after saying
    /// why) when the system would not start a thread.
    pub fn start(db_path: PathBuf, backups_dir: PathBuf) -> Option<BackupRunner> {
        let (stop, stopped) = mpsc::channel::<()>();
        let spawned = std::thread::Builder::new().name(THREAD_NAME.into()).spawn(move || loop {
            if backup::backup_due(&backups_dir, chrono::Utc::now()) {
                if let Err(err) = back_up_once(&db_path, &backups_dir) {
                    eprintln!("Backup failed: {err}");
                }
            }
            match stopped.recv_timeout(CHECK_EVERY) {
                Err(RecvTimeoutError::Timeout) => continue,
                // Asked to stop, or the app state that owns the runner is gone.
                Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
            }
        });
        match spawned {
            Ok(thread) => Some(BackupRunner { stop, thread }),
            Err(err) => {
                eprintln!("Backups could not start: {err}");
                None
            }
        }
    }

    pub fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.thread.join();
    }
}

fn back_up_once(db_path: &Path, backups_dir: &Path) -> common_ground_core::Result<()> {
    if !db_path.exists() {
        return Ok(());
    }
    let conn = rusqlite::Connection::open_with_flags(db_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    backup::make_backup(&conn, backups_dir)?;
    backup::prune_backups(backups_dir, BACKUPS_KEPT)?;
    Ok(())
}
