//! Backups of the whole database, made with SQLite's online backup API so they are consistent
//! even while the app is using the database.
//!
//! Backups are files named `common-ground-YYYYMMDD-HHMMSS.sqlite` (the UTC time they were made;
//! `-2`, `-3`... is added when two are made within the same second) in a folder the shell
//! chooses. Each is written under a temporary name, checked, then renamed, so a half-written
//! backup never looks like a real one. Files in the folder that do not follow the naming are
//! never listed, pruned or deleted.
//!
//! Restoring first backs up the current state, then copies the backup into the live database
//! and checks it. When the live database is too damaged to open, [`restore_over_damaged`] moves
//! the damaged file aside and puts the backup in its place, keeping a journal until it is done so
//! that a crash half-way is finished on the next start instead of leaving no data file at all.
//!
//! This module must not know what the tables mean beyond counting coalitions for the list.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::db::{self, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::text;

/// How many backups to keep unless the person says otherwise.
pub const DEFAULT_KEEP: usize = 10;
/// A backup is due when none was made in this many hours.
pub const BACKUP_INTERVAL_HOURS: i64 = 24;

const PREFIX: &str = "common-ground-";
const EXTENSION: &str = ".sqlite";
const NAME_TIME_FORMAT: &str = "%Y%m%d-%H%M%S";

/// One backup file, as the "Backups" screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    /// When it was made (UTC, RFC 3339), read from its name.
    pub made_at: String,
    /// When it was made, in this computer's time, as people read it ("31 March 2025, 14:05").
    #[serde(default)]
    pub made_at_text: String,
    /// Size in bytes.
    pub size: u64,
    /// It passes SQLite's quick check and is a Common Ground database this version can open.
    pub ok: bool,
    /// How many coalitions (not deleted) it holds, when it could be read.
    pub coalitions: Option<i64>,
    /// Why it can't be used, in plain words, when `ok` is false.
    pub problem: Option<String>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreReport {
    /// The backup that is now the live data.
    pub restored_from: BackupInfo,
    /// The backup of the state just before the restore, to undo it if needed.
    pub safety_backup: BackupInfo,
}

/// Copies the live database into a new backup file in `backups_dir` (created if needed).
pub fn make_backup(conn: &Connection, backups_dir: &Path) -> Result<BackupInfo> {
    std::fs::create_dir_all(backups_dir).map_err(|e| {
        Error::io(text::t("backups.error_create_folder", &[("path", &backups_dir.display())]), e)
    })?;
    remove_stale_partials(backups_dir);
    let (final_path, temp_path) = new_backup_paths(backups_dir, Utc::now());
    let result = write_copy(conn, &temp_path).and_then(|()| {
        std::fs::rename(&temp_path, &final_path)
            .map_err(|e| Error::io(text::t("backups.error_finish", &[("path", &final_path.display())]), e))
    });
    if let Err(err) = result {
        let _ = std::fs::remove_file(&temp_path);
        return Err(err);
    }
    sync_dir(backups_dir);
    Ok(inspect(&final_path))
}

/// Copies `conn`'s main database into a new file at `path`, in rollback-journal mode so that the
/// copy is a single self-contained file, and checks the copy.
fn write_copy(conn: &Connection, path: &Path) -> Result<()> {
    let mut dest = Connection::open(path)?;
    copy_all(&Backup::new(conn, &mut dest)?)?;
    let _mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    let check: String = dest.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Corrupt { path: path.to_path_buf(), detail: check });
    }
    dest.close().map_err(|(_, e)| Error::from(e))?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(text::t("backups.error_check", &[]), e))?;
    file.sync_all().map_err(|e| Error::io(text::t("backups.error_sync", &[]), e))?;
    Ok(())
}

/// Copies every page in one step, so the destination changes all at once or not at all; waits a
/// little while another connection holds a lock.
fn copy_all(backup: &Backup<'_, '_>) -> Result<()> {
    use rusqlite::backup::StepResult;
    for _ in 0..100 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More | StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(30)),
            _ => std::thread::sleep(Duration::from_millis(30)),
        }
    }
    Err(Error::Busy)
}

/// The backup files in `dir`, newest first, each checked. A missing folder has none.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    Ok(backup_names(dir)?.into_iter().map(|(_, _, path)| inspect(&path)).collect())
}

/// Deletes all but the `keep` newest backups; returns the paths removed.
pub fn prune_backups(dir: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for (_, _, path) in backup_names(dir)?.into_iter().skip(keep) {
        std::fs::remove_file(&path)
            .map_err(|e| Error::io(text::t("backups.error_delete_old", &[("path", &path.display())]), e))?;
        removed.push(path);
    }
    Ok(removed)
}

/// True when no backup was made in the last [`BACKUP_INTERVAL_HOURS`] hours. A backup dated in
/// the future (the clock was wrong) does not count as recent.
pub fn backup_due(dir: &Path, now: DateTime<Utc>) -> bool {
    let Ok(names) = backup_names(dir) else { return true };
    !names.iter().any(|(made, _, _)| {
        *made <= now + chrono::Duration::hours(1) && now - *made < chrono::Duration::hours(BACKUP_INTERVAL_HOURS)
    })
}

/// The newest backup that passes its check, for when the live database turns out damaged.
pub fn newest_good_backup(dir: &Path) -> Option<BackupInfo> {
    backup_names(dir).ok()?.into_iter().map(|(_, _, path)| inspect(&path)).find(|info| info.ok)
}

/// Replaces the live data with a backup: first backs up the current state into `backups_dir`,
/// then copies the backup into the live connection (one step, so the live data is either all
/// old or all restored), brings its schema up to date and checks it.
pub fn restore_backup(live: &mut Connection, backup_path: &Path, backups_dir: &Path) -> Result<RestoreReport> {
    let restored_from = usable(backup_path)?;
    let safety_backup = make_backup(live, backups_dir)?;
    let source = open_read_only(backup_path)?;
    copy_all(&Backup::new(&source, live)?)?;
    drop(source);
    let _mode: String = live.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    check_live(live)?;
    db::migrate(live)?;
    Ok(RestoreReport { restored_from, safety_backup })
}

/// For start-up when the database at `db_path` is too damaged to open: moves it (and its WAL
/// files) into `backups_dir` as `damaged-YYYYMMDD-HHMMSS.sqlite`, then puts a copy of the backup
/// at `db_path`. Returns where the damaged file went. Open the database again afterwards.
///
/// A crash part-way never leaves the place empty: a journal beside the data file says a restore
/// is under way, and the next [`db::open`] finishes it (see [`finish_interrupted_restore`]).
pub fn restore_over_damaged(db_path: &Path, backup_path: &Path, backups_dir: &Path) -> Result<PathBuf> {
    restore_over_damaged_until(db_path, backup_path, backups_dir, None)
}

/// The points a restore over a damaged file passes, in order. A crash can come between any two.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreStep {
    /// The backup is copied beside the data file and flushed to disk.
    CopyWritten,
    /// The journal that lets the next start finish the restore is on disk.
    JournalWritten,
    DataMovedAside,
    WalMovedAside,
    ShmMovedAside,
    /// The copy has taken the data file's name.
    CopyInPlace,
    /// The journal is gone: the restore is over.
    Finished,
}

#[doc(hidden)]
pub const RESTORE_STEPS: [RestoreStep; 7] = [
    RestoreStep::CopyWritten,
    RestoreStep::JournalWritten,
    RestoreStep::DataMovedAside,
    RestoreStep::WalMovedAside,
    RestoreStep::ShmMovedAside,
    RestoreStep::CopyInPlace,
    RestoreStep::Finished,
];

/// [`restore_over_damaged`], stopping dead right after `crash_after` (when given) and leaving
/// every file as a crash there would: for the tests that prove a restore can always be finished.
#[doc(hidden)]
pub fn restore_over_damaged_until(
    db_path: &Path,
    backup_path: &Path,
    backups_dir: &Path,
    crash_after: Option<RestoreStep>,
) -> Result<PathBuf> {
    usable(backup_path)?;
    std::fs::create_dir_all(backups_dir).map_err(|e| {
        Error::io(text::t("backups.error_create_folder", &[("path", &backups_dir.display())]), e)
    })?;
    let damaged = damaged_path(backups_dir);
    let stop = |step: RestoreStep| crash_after == Some(step);
    // Copy first, so that a failure half-way still leaves the damaged file where it was.
    let copy = restoring_copy_path(db_path);
    let _ = std::fs::remove_file(&copy);
    let source = open_read_only(backup_path)?;
    write_copy(&source, &copy)?;
    drop(source);
    if stop(RestoreStep::CopyWritten) {
        return Ok(damaged);
    }
    crate::files::write_atomically(&journal_path(db_path), journal_text(&damaged)?.as_bytes())?;
    if stop(RestoreStep::JournalWritten) {
        return Ok(damaged);
    }
    let steps = [RestoreStep::DataMovedAside, RestoreStep::WalMovedAside, RestoreStep::ShmMovedAside];
    for (file, step) in data_files(db_path, &damaged).into_iter().zip(steps) {
        if file.0.exists() {
            move_file(&file.0, &file.1)?;
        }
        if stop(step) {
            return Ok(damaged);
        }
    }
    sync_parent(&damaged);
    put_copy_in_place(db_path)?;
    if stop(RestoreStep::CopyInPlace) {
        return Ok(damaged);
    }
    end_journal(db_path)?;
    Ok(damaged)
}

/// Finishes a restore over a damaged file that a crash cut short; does nothing when none was
/// under way. [`db::open`] calls it first, so the data file is never found missing (and made
/// anew, empty) half-way through a restore. True when it finished one.
pub fn finish_interrupted_restore(db_path: &Path) -> Result<bool> {
    let journal = journal_path(db_path);
    let copy = restoring_copy_path(db_path);
    let damaged = match std::fs::read_to_string(&journal) {
        Ok(text) => PathBuf::from(text.trim_end_matches('\n')),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A copy without a journal was cut short while being written: never needed.
            let _ = std::fs::remove_file(&copy);
            return Ok(false);
        }
        Err(e) => return Err(Error::io(text::t("backups.error_read", &[("path", &journal.display())]), e)),
    };
    // The journal is written only once the copy is complete, and the copy is gone only once it
    // has taken the data file's name: so while the copy is here, the data file is still the
    // damaged one (or already aside).
    if copy.exists() {
        if let Some(folder) = damaged.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| Error::io(text::t("backups.error_create_folder", &[("path", &folder.display())]), e))?;
        }
        for (from, to) in data_files(db_path, &damaged) {
            if from.exists() {
                move_file(&from, &to)?;
            }
        }
        sync_parent(&damaged);
        put_copy_in_place(db_path)?;
    }
    end_journal(db_path)?;
    Ok(true)
}

/// Where the damaged file goes: a name not yet taken in `backups_dir`.
fn damaged_path(backups_dir: &Path) -> PathBuf {
    let stamp = Utc::now().format(NAME_TIME_FORMAT).to_string();
    let mut damaged = backups_dir.join(format!("damaged-{stamp}{EXTENSION}"));
    let mut n = 2;
    while damaged.exists() {
        damaged = backups_dir.join(format!("damaged-{stamp}-{n}{EXTENSION}"));
        n += 1;
    }
    damaged
}

/// The data file and its WAL files, each with where it goes when moved aside.
fn data_files(db_path: &Path, damaged: &Path) -> [(PathBuf, PathBuf); 3] {
    let with = |path: &Path, suffix: &str| PathBuf::from(format!("{}{suffix}", path.display()));
    [
        (db_path.to_path_buf(), damaged.to_path_buf()),
        (with(db_path, "-wal"), with(damaged, "-wal")),
        (with(db_path, "-shm"), with(damaged, "-shm")),
    ]
}

/// The backup's copy, beside the data file until it takes its name.
fn restoring_copy_path(db_path: &Path) -> PathBuf {
    beside(db_path, ".restoring")
}

/// Says a restore is under way and where the damaged file goes.
fn journal_path(db_path: &Path) -> PathBuf {
    beside(db_path, ".restore-journal")
}

/// A hidden file beside the data file: `.common-ground.sqlite.SUFFIX`.
fn beside(db_path: &Path, suffix: &str) -> PathBuf {
    let name = db_path.file_name().and_then(|n| n.to_str()).unwrap_or("data");
    db_path.with_file_name(format!(".{name}{suffix}"))
}

fn journal_text(damaged: &Path) -> Result<String> {
    damaged.to_str().map(|p| format!("{p}\n")).ok_or_else(|| {
        Error::Invalid(text::t("backups.error_folder_name", &[("path", &damaged.parent().unwrap_or(damaged).display())]))
    })
}

fn put_copy_in_place(db_path: &Path) -> Result<()> {
    std::fs::rename(restoring_copy_path(db_path), db_path)
        .map_err(|e| Error::io(text::t("backups.error_put_in_place", &[("path", &db_path.display())]), e))?;
    sync_parent(db_path);
    Ok(())
}

fn end_journal(db_path: &Path) -> Result<()> {
    let journal = journal_path(db_path);
    std::fs::remove_file(&journal)
        .map_err(|e| Error::io(text::t("backups.error_finish_restore", &[("path", &journal.display())]), e))?;
    sync_parent(db_path);
    Ok(())
}

fn sync_parent(path: &Path) {
    if let Some(folder) = path.parent() {
        sync_dir(folder);
    }
}

fn move_file(from: &Path, to: &Path) -> Result<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to)
        .and_then(|_| std::fs::remove_file(from))
        .map_err(|e| Error::io(text::t("backups.error_move_damaged", &[("path", &from.display())]), e))
}

/// The backup at `path`, checked, or a plain refusal.
fn usable(path: &Path) -> Result<BackupInfo> {
    let info = inspect(path);
    if !info.ok {
        let problem = info.problem.clone().unwrap_or_else(|| text::t("backups.problem_unreadable", &[]));
        return Err(Error::Invalid(text::t("backups.error_unusable", &[("problem", &problem)])));
    }
    Ok(info)
}

fn check_live(conn: &Connection) -> Result<()> {
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Corrupt { path: PathBuf::new(), detail: check });
    }
    Ok(())
}

fn open_read_only(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// Reads what the list shows about one backup file; never fails, a problem is reported in it.
pub fn inspect(path: &Path) -> BackupInfo {
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    let made = parse_name(&file_name).map(|(t, _)| t);
    let made_at = made.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)).unwrap_or_default();
    let made_at_text = made.map(|t| crate::format::moment(&t.with_timezone(&chrono::Local))).unwrap_or_default();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let (ok, coalitions, problem) = match check_file(path) {
        Ok(count) => (true, Some(count), None),
        Err(problem) => (false, None, Some(problem)),
    };
    BackupInfo { path: path.to_path_buf(), file_name, made_at, made_at_text, size, ok, coalitions, problem }
}

fn check_file(path: &Path) -> std::result::Result<i64, String> {
    if !path.is_file() {
        return Err(text::t("backups.problem_missing", &[]));
    }
    let conn = open_read_only(path).map_err(|_| text::t("backups.problem_not_a_database", &[]))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|_| text::t("backups.problem_damaged_or_foreign", &[]))?;
    if check != "ok" {
        return Err(text::t("backups.problem_damaged", &[]));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if version > SCHEMA_VERSION {
        return Err(text::t("backups.problem_too_new", &[]));
    }
    conn.query_row("SELECT count(*) FROM coalitions WHERE deleted_at IS NULL", [], |r| r.get(0))
        .map_err(|_| text::t("backups.problem_foreign", &[]))
}

/// Backup files in `dir` as (time, sequence, path), newest first.
fn backup_names(dir: &Path) -> Result<Vec<(DateTime<Utc>, u32, PathBuf)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(text::t("backups.error_read_folder", &[("path", &dir.display())]), e)),
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some((time, seq)) = parse_name(name) {
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                found.push((time, seq, entry.path()));
            }
        }
    }
    // Newest first; backups dated in the future (made while the clock was wrong) go last, so
    // they can never push today's real backups out when old ones are pruned.
    let soon = Utc::now() + chrono::Duration::hours(1);
    found.sort_by_key(|(time, seq, _)| (*time > soon, std::cmp::Reverse((*time, *seq))));
    Ok(found)
}

/// `common-ground-20250131-142501.sqlite` -> (that time in UTC, 1); `...-142501-3.sqlite` -> 3.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, u32)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    // Only our exact shape (digits, one dash, optional "-N"), so no stranger's file is pruned.
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if stem.len() < 15 || !digits(&stem[..8]) || &stem[8..9] != "-" || !digits(&stem[9..15]) {
        return None;
    }
    if stem.len() > 15 && !(stem.as_bytes()[15] == b'-' && digits(&stem[16..]) && !stem[16..].starts_with('0')) {
        return None;
    }
    let (time, seq) = match stem.len() {
        15 => (stem, 1),
        n if n > 16 && stem.as_bytes()[15] == b'-' => (&stem[..15], stem[16..].parse().ok().filter(|s| *s >= 2)?),
        _ => return None,
    };
    let naive = NaiveDateTime::parse_from_str(time, NAME_TIME_FORMAT).ok()?;
    Some((Utc.from_utc_datetime(&naive), seq))
}

fn new_backup_paths(dir: &Path, now: DateTime<Utc>) -> (PathBuf, PathBuf) {
    let stamp = now.format(NAME_TIME_FORMAT).to_string();
    let mut name = format!("{PREFIX}{stamp}{EXTENSION}");
    let mut seq = 2;
    while dir.join(&name).exists() || dir.join(format!(".{name}.partial")).exists() {
        name = format!("{PREFIX}{stamp}-{seq}{EXTENSION}");
        seq += 1;
    }
    (dir.join(&name), dir.join(format!(".{name}.partial")))
}

/// Half-written backups left by a crash; they are never real backups.
fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .map(|t| t.elapsed().unwrap_or_default() > Duration::from_secs(3600))
            .unwrap_or(false);
        if name.starts_with(&format!(".{PREFIX}")) && name.ends_with(".partial") && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes a rename durable where the platform allows it. A backup is still whole without it.
fn sync_dir(dir: &Path) {
    let _ = crate::files::sync_folder(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_sort() {
        let (t, seq) = parse_name("common-ground-20250131-142501.sqlite").unwrap();
        assert_eq!(t.to_rfc3339_opts(SecondsFormat::Secs, true), "2025-01-31T14:25:01Z");
        assert_eq!(seq, 1);
        assert_eq!(parse_name("common-ground-20250131-142501-3.sqlite").unwrap().1, 3);
        for bad in [
            "common-ground-20250131-142501-1.sqlite",
            "common-ground-20251331-142501.sqlite",
            "common-ground-2025013-142501.sqlite",
            "notes.sqlite",
            "common-ground-20250131-142501.sqlite.partial",
            "damaged-20250131-142501.sqlite",
        ] {
            assert!(parse_name(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_second_backup_in_the_same_second_gets_a_sequence_number() {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc.with_ymd_and_hms(2025, 1, 31, 14, 25, 1).unwrap();
        let (first, _) = new_backup_paths(dir.path(), now);
        std::fs::write(&first, b"x").unwrap();
        let (second, temp) = new_backup_paths(dir.path(), now);
        assert!(second.ends_with("common-ground-20250131-142501-2.sqlite"), "{second:?}");
        assert!(temp.ends_with(".common-ground-20250131-142501-2.sqlite.partial"), "{temp:?}");
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn only_our_exact_backup_names_are_recognised() {
        assert!(parse_name("common-ground-20250131-142501.sqlite").is_some());
        assert_eq!(parse_name("common-ground-20250131-142501-3.sqlite").map(|(_, s)| s), Some(3));
        for stranger in [
            "common-ground-20250131-142501-+2.sqlite",
            "common-ground-20250131-142501-02.sqlite",
            "common-ground-2025013a-142501.sqlite",
            "common-ground-20250131+142501.sqlite",
            "common-ground-20250131-142501-.sqlite",
            "common-ground-20250131-14250.sqlite",
        ] {
            assert!(parse_name(stranger).is_none(), "{stranger} must not count as a backup");
        }
    }

    #[test]
    fn backups_dated_in_the_future_never_push_out_real_ones() {
        let dir = tempfile::tempdir().unwrap();
        for year in 2090..2095 {
            std::fs::write(dir.path().join(format!("{PREFIX}{year}0101-000000{EXTENSION}")), b"x").unwrap();
        }
        let today = Utc::now().format(NAME_TIME_FORMAT).to_string();
        let real = dir.path().join(format!("{PREFIX}{today}{EXTENSION}"));
        std::fs::write(&real, b"x").unwrap();
        let removed = prune_backups(dir.path(), 3).unwrap();
        assert_eq!(removed.len(), 3);
        assert!(real.exists(), "today's backup is kept");
    }
}
