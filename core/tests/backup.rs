//! Backups: making, listing, pruning, restoring, and finding a good one when the data file is
//! damaged.

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use common_ground_core::backup::*;
use common_ground_core::db;
use common_ground_core::model::CoalitionFields;
use common_ground_core::store::{coalitions, records};
use rusqlite::{Connection, OpenFlags};
use serde_json::json;

fn fields(name: &str) -> CoalitionFields {
    CoalitionFields { name: name.into(), ..Default::default() }
}

struct Setup {
    _dir: tempfile::TempDir,
    db_path: PathBuf,
    backups: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("data").join("common-ground.sqlite");
    let backups = dir.path().join("backups");
    Setup { db_path, backups, _dir: dir }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// "Harbor Youth" with 200 partners: enough pages for `damage` to leave the tables unreadable.
fn coalition_with_partners(conn: &Connection) -> common_ground_core::model::Coalition {
    let c = coalitions::create_coalition(conn, &fields("Harbor Youth")).unwrap();
    for i in 0..200 {
        let data = json!({"name": format!("Partner number {i} with a fairly long name to fill pages")});
        records::create_record(conn, &c.id, "partner", data.as_object().unwrap()).unwrap();
    }
    c
}

/// Overwrites everything after the first page with junk: the header still says SQLite, the
/// tables are gone.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    assert!(bytes.len() > 8192, "the file has more than one page");
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_backup_is_a_complete_checked_file_with_a_dated_name() {
    let s = setup();
    let conn = db::open(&s.db_path).unwrap();
    coalitions::create_coalition(&conn, &fields("Harbor Youth")).unwrap();
    coalitions::create_coalition(&conn, &fields("Millbrook Streets")).unwrap();
    let info = make_backup(&conn, &s.backups).unwrap();
    assert!(info.ok, "{info:?}");
    assert_eq!(info.coalitions, Some(2));
    assert!(info.size > 0);
    assert!(info.file_name.starts_with("common-ground-") && info.file_name.ends_with(".sqlite"), "{}", info.file_name);
    assert_eq!(info.file_name.len(), "common-ground-20250131-142501.sqlite".len());
    let made = chrono::DateTime::parse_from_rfc3339(&info.made_at).unwrap();
    assert!((Utc::now() - made.with_timezone(&Utc)).num_seconds().abs() < 5);
    // One self-contained file: no WAL beside it, readable read-only, nothing half-written left.
    let copy = read_only(&info.path);
    let mode: String = copy.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    assert_eq!(count(&copy, "SELECT count(*) FROM coalitions"), 2);
    let names: Vec<String> =
        std::fs::read_dir(&s.backups).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names, vec![info.file_name.clone()]);
    assert_eq!(list_backups(&s.backups).unwrap(), vec![info]);
}

#[test]
fn restoring_brings_back_deleted_data_after_backing_up_the_current_state() {
    let s = setup();
    let mut conn = db::open(&s.db_path).unwrap();
    let c = coalitions::create_coalition(&conn, &fields("Harbor Youth")).unwrap();
    let map = |v: serde_json::Value| v.as_object().unwrap().clone();
    let library = records::create_record(&conn, &c.id, "partner", &map(json!({"name": "Library"}))).unwrap();
    let backup = make_backup(&conn, &s.backups).unwrap();

    // Data is lost for good (not just marked deleted), and something new is added.
    conn.execute("DELETE FROM records", []).unwrap();
    coalitions::create_coalition(&conn, &fields("Added after the backup")).unwrap();

    let report = restore_backup(&mut conn, &backup.path, &s.backups).unwrap();
    assert_eq!(report.restored_from.path, backup.path);
    assert_eq!(records::get_record(&conn, &library.id).unwrap().data["name"], json!("Library"));
    assert_eq!(coalitions::list_coalitions(&conn).unwrap().len(), 1);

    // The state just before the restore was kept, so the restore itself can be undone.
    assert_ne!(report.safety_backup.path, backup.path);
    assert!(report.safety_backup.ok);
    let safety = read_only(&report.safety_backup.path);
    assert_eq!(count(&safety, "SELECT count(*) FROM records"), 0);
    assert_eq!(count(&safety, "SELECT count(*) FROM coalitions"), 2);
    assert_eq!(list_backups(&s.backups).unwrap().len(), 2);

    // The live connection keeps working, in WAL mode, and the restored data is on disk.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    coalitions::create_coalition(&conn, &fields("After the restore")).unwrap();
    drop(conn);
    let again = db::open(&s.db_path).unwrap();
    assert_eq!(coalitions::list_coalitions(&again).unwrap().len(), 2);
    assert_eq!(records::get_record(&again, &library.id).unwrap().deleted_at, None);
}

#[test]
fn a_damaged_backup_is_refused_and_the_live_data_is_untouched() {
    let s = setup();
    let mut conn = db::open(&s.db_path).unwrap();
    coalitions::create_coalition(&conn, &fields("Harbor Youth")).unwrap();
    std::fs::create_dir_all(&s.backups).unwrap();
    let junk = s.backups.join("common-ground-20250101-000000.sqlite");
    std::fs::write(&junk, b"not a database at all, just some words").unwrap();
    let err = restore_backup(&mut conn, &junk, &s.backups).unwrap_err();
    assert_eq!(err.kind(), "invalid");
    assert!(err.to_string().starts_with("This backup can't be used"), "{err}");
    assert_eq!(coalitions::list_coalitions(&conn).unwrap().len(), 1);
    assert_eq!(list_backups(&s.backups).unwrap().len(), 1, "no safety backup for a refused restore");
}

#[test]
fn pruning_keeps_the_newest_and_never_touches_other_files() {
    let s = setup();
    let conn = db::open(&s.db_path).unwrap();
    coalitions::create_coalition(&conn, &fields("Harbor Youth")).unwrap();
    let real = make_backup(&conn, &s.backups).unwrap();
    // Backups from thirteen different days (the real one is today, the newest).
    let mut expected_kept = vec![real.file_name.clone()];
    for day in 1..=13 {
        let name = format!("common-ground-202401{day:02}-120000.sqlite");
        std::fs::copy(&real.path, s.backups.join(&name)).unwrap();
        if day >= 5 {
            expected_kept.push(name);
        }
    }
    // Two within the same second: the sequence number orders them.
    std::fs::copy(&real.path, s.backups.join("common-ground-20240104-120000-2.sqlite")).unwrap();
    for other in ["notes.txt", "damaged-20240101-000000.sqlite", "common-ground-old.sqlite"] {
        std::fs::write(s.backups.join(other), b"keep me").unwrap();
    }
    let removed = prune_backups(&s.backups, DEFAULT_KEEP).unwrap();
    assert_eq!(removed.len(), 5, "{removed:?}");
    let listed: Vec<String> = list_backups(&s.backups).unwrap().into_iter().map(|b| b.file_name).collect();
    expected_kept.sort();
    expected_kept.reverse();
    assert_eq!(listed, expected_kept, "newest first");
    for other in ["notes.txt", "damaged-20240101-000000.sqlite", "common-ground-old.sqlite"] {
        assert!(s.backups.join(other).exists(), "{other} was deleted");
    }
    assert!(prune_backups(&s.backups, 0).unwrap().len() == DEFAULT_KEEP);
    assert!(list_backups(&s.backups).unwrap().is_empty());
}

#[test]
fn a_backup_is_due_after_a_day_without_one() {
    let s = setup();
    let now = Utc::now();
    assert!(backup_due(&s.backups, now), "no folder yet");
    let conn = db::open(&s.db_path).unwrap();
    make_backup(&conn, &s.backups).unwrap();
    assert!(!backup_due(&s.backups, now));
    assert!(!backup_due(&s.backups, now + Duration::hours(23)));
    assert!(backup_due(&s.backups, now + Duration::hours(25)));
    // A backup dated in the future (the clock was wrong) does not stop new ones.
    assert!(backup_due(&s.backups, now - Duration::days(3)));
    assert!(list_backups(&s.backups.join("missing")).unwrap().is_empty());
}

#[test]
fn a_damaged_data_file_is_detected_and_the_newest_good_backup_replaces_it() {
    let s = setup();
    let conn = db::open(&s.db_path).unwrap();
    let c = coalition_with_partners(&conn);
    let older = make_backup(&conn, &s.backups).unwrap();
    coalitions::create_coalition(&conn, &fields("Millbrook Streets")).unwrap();
    let good = make_backup(&conn, &s.backups).unwrap();
    let newest = make_backup(&conn, &s.backups).unwrap();
    drop(conn);
    // The newest backup is damaged too: it must be passed over.
    damage(&newest.path);
    let listed = list_backups(&s.backups).unwrap();
    assert_eq!(listed.iter().map(|b| b.ok).collect::<Vec<_>>(), vec![false, true, true], "{listed:#?}");
    assert!(listed[0].problem.as_deref().unwrap().contains("damaged"), "{:?}", listed[0].problem);
    assert_eq!(listed[0].coalitions, None);

    damage(&s.db_path);
    let err = db::open(&s.db_path).unwrap_err();
    assert_eq!(err.kind(), "corrupt", "{err:?}");

    let found = newest_good_backup(&s.backups).unwrap();
    assert_eq!(found.path, good.path);
    assert_ne!(found.path, older.path);
    assert_eq!(found.coalitions, Some(2));

    let damaged_copy = restore_over_damaged(&s.db_path, &found.path, &s.backups).unwrap();
    assert!(damaged_copy.exists(), "the damaged file is kept aside");
    assert!(damaged_copy.file_name().unwrap().to_str().unwrap().starts_with("damaged-"));
    let conn = db::open(&s.db_path).unwrap();
    assert_eq!(coalitions::list_coalitions(&conn).unwrap().len(), 2);
    assert_eq!(records::list_records(&conn, &c.id, "partner").unwrap().len(), 200);
    // The damaged file is not mistaken for a backup.
    assert_eq!(list_backups(&s.backups).unwrap().len(), 3);
}

#[test]
fn no_good_backup_is_reported_as_none() {
    let s = setup();
    assert!(newest_good_backup(&s.backups).is_none());
    std::fs::create_dir_all(&s.backups).unwrap();
    std::fs::write(s.backups.join("common-ground-20250101-000000.sqlite"), b"junk").unwrap();
    assert!(newest_good_backup(&s.backups).is_none());
}

#[test]
fn a_backup_from_a_newer_version_is_not_offered() {
    let s = setup();
    let conn = db::open(&s.db_path).unwrap();
    let info = make_backup(&conn, &s.backups).unwrap();
    {
        let copy = Connection::open(&info.path).unwrap();
        copy.pragma_update(None, "user_version", db::SCHEMA_VERSION + 1).unwrap();
    }
    let listed = list_backups(&s.backups).unwrap();
    assert!(!listed[0].ok);
    assert!(listed[0].problem.as_deref().unwrap().contains("newer version"));
    assert!(newest_good_backup(&s.backups).is_none());
}

/// The files in a folder, by name, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn a_restore_cut_short_at_any_step_is_finished_on_the_next_open() {
    for step in RESTORE_STEPS {
        let s = setup();
        let conn = db::open(&s.db_path).unwrap();
        let c = coalition_with_partners(&conn);
        let good = make_backup(&conn, &s.backups).unwrap();
        drop(conn);
        damage(&s.db_path);
        // Write-ahead files left by an app that did not close properly go aside with it.
        let data_dir = s.db_path.parent().unwrap();
        std::fs::write(data_dir.join("common-ground.sqlite-wal"), b"left-over log").unwrap();
        std::fs::write(data_dir.join("common-ground.sqlite-shm"), b"left-over index").unwrap();
        let damaged_bytes = std::fs::read(&s.db_path).unwrap();

        // The app stops dead here: no clean-up of any kind.
        let aside = restore_over_damaged_until(&s.db_path, &good.path, &s.backups, Some(step)).unwrap();

        // The next start.
        let (conn, aside) = match db::open(&s.db_path) {
            Ok(conn) => (conn, aside),
            Err(err) => {
                // Only before the journal was written has nothing happened yet: the damaged
                // file is still in its place, and the person can restore again.
                assert_eq!(step, RestoreStep::CopyWritten, "after {step:?}: {err:?}");
                assert_eq!(err.kind(), "corrupt", "after {step:?}: {err:?}");
                assert_eq!(std::fs::read(&s.db_path).unwrap(), damaged_bytes, "after {step:?}");
                let aside = restore_over_damaged(&s.db_path, &good.path, &s.backups).unwrap();
                (db::open(&s.db_path).unwrap(), aside)
            }
        };
        assert_eq!(coalitions::list_coalitions(&conn).unwrap().len(), 1, "after {step:?}");
        assert_eq!(records::list_records(&conn, &c.id, "partner").unwrap().len(), 200, "after {step:?}");
        drop(conn);

        // The damaged file and its log are kept, whole, in the backups folder; nothing of the
        // restore is left beside the data file.
        assert_eq!(std::fs::read(&aside).unwrap(), damaged_bytes, "after {step:?}");
        if step != RestoreStep::CopyWritten {
            // (After a failed open SQLite has already dealt with the left-over log itself.)
            let kept: Vec<String> = names_in(&s.backups).into_iter().filter(|n| n.starts_with("damaged-")).collect();
            let kept_name = |suffix: &str| format!("{}{suffix}", aside.file_name().unwrap().to_str().unwrap());
            assert_eq!(kept, vec![kept_name(""), kept_name("-shm"), kept_name("-wal")], "after {step:?}");
            assert_eq!(std::fs::read(s.backups.join(kept_name("-wal"))).unwrap(), b"left-over log");
        }
        assert_eq!(names_in(data_dir), vec!["common-ground.sqlite"], "after {step:?}");
    }
}

#[test]
fn opening_a_healthy_data_file_finds_no_restore_to_finish() {
    let s = setup();
    drop(db::open(&s.db_path).unwrap());
    assert!(!finish_interrupted_restore(&s.db_path).unwrap());
    assert_eq!(names_in(s.db_path.parent().unwrap()), vec!["common-ground.sqlite"]);
}
