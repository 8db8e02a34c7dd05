//! Automatic backups while the app runs: one at start-up when the last is a day old, then a check
//! every hour. They run on their own thread and connection so the window never waits for them.

use std::path::PathBuf;
use std::time::Duration;

use common_ground_core::backup;

/// How many backups to keep; older ones are removed.
pub const BACKUPS_KEPT: usize = 10;

/// Starts the background thread that keeps backups of the database at `db_path`.
pub fn start(db_path: PathBuf, backups_dir: PathBuf) {
    let spawned = std::thread::Builder::new().name("backups".into()).spawn(move || loop {
        if backup::backup_due(&backups_dir, chrono::Utc::now()) {
            if let Err(err) = back_up_once(&db_path, &backups_dir) {
                eprintln!("Backup failed: {err}");
            }
        }
        std::thread::sleep(Duration::from_secs(3600));
    });
    if let Err(err) = spawned {
        eprintln!("Backups could not start: {err}");
    }
}

fn back_up_once(db_path: &std::path::Path, backups_dir: &std::path::Path) -> common_ground_core::Result<()> {
    if !db_path.exists() {
        return Ok(());
    }
    let conn = rusqlite::Connection::open_with_flags(db_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    backup::make_backup(&conn, backups_dir)?;
    backup::prune_backups(backups_dir, BACKUPS_KEPT)?;
    Ok(())
}
