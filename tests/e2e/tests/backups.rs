//! Backups, end to end in the real window: one is made at start-up, "Restore from a backup…"
//! lists them and puts an older state back (keeping the current one as a new backup), and a
//! damaged data file is replaced by the newest good backup from the start-up screen.
//!
//! Backups are files named common-ground-YYYYMMDD-HHMMSS.sqlite (UTC) in <data>/backups; the
//! app makes one at start-up when none is less than a day old. Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test backups -- --test-threads=1`

use std::path::{Path, PathBuf};

use common_ground_e2e::{App, Element, OPEN_DIALOG};

/// The backup files in the data folder's backups folder, oldest first.
fn backup_files(data_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(data_dir.join("backups")) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("common-ground-") && name.ends_with(".sqlite")
        })
        .collect();
    files.sort();
    files
}

/// Waits for the start-up backup, which the app makes on a thread of its own.
fn wait_for_backups(app: &App, count: usize) -> Vec<PathBuf> {
    let dir = app.data_dir();
    app.wait_for(&format!("{count} backup file(s) in the backups folder"), || backup_files(&dir).len() == count);
    backup_files(&dir)
}

/// The rows of the open "Restore from a backup" dialog, as shown, newest first.
fn backup_rows(app: &App) -> Vec<String> {
    app.find("dialog[open]").find_all("ul.backup-list li").iter().map(Element::text).collect()
}

#[test]
fn restoring_an_older_backup_brings_back_that_state_and_keeps_the_current_one() {
    let app = App::launch();
    // Made from the empty data, before any coalition exists.
    let first = wait_for_backups(&app, 1);
    app.create_coalition("Backed Up Coalition", "Clean parks", "");
    app.go_home();

    // Less than a day since the last backup: a restart makes no new one.
    app.relaunch();
    app.wait_for_coalition_names(&["Backed Up Coalition"]);
    assert_eq!(backup_files(&app.data_dir()), first, "no second backup within a day");

    app.click_button("Restore from a backup…");
    app.wait_for_dialog("Restore from a backup");
    let rows = backup_rows(&app);
    assert_eq!(rows.len(), 1, "the one backup is listed: {rows:?}");
    assert!(rows[0].contains("0 coalitions"), "the list says what the backup holds: {rows:?}");
    app.screenshot("backups-list");
    app.click_button_in(OPEN_DIALOG, "Restore");

    let confirm = app.wait_for_dialog("Restore this backup?");
    assert!(confirm.contains("is backed up first"), "the confirmation says the current data is kept: {confirm}");
    app.answer_dialog("Restore");
    app.wait_for_toast("Restored.");
    app.wait_for_coalition_names(&[]);

    // The state just before the restore is the newest backup now, with the coalition in it.
    let after = backup_files(&app.data_dir());
    assert_eq!(after.len(), 2, "a safety backup was made: {after:?}");
    assert_eq!(after[0], first[0], "the restored backup is still there");
    app.click_button("Restore from a backup…");
    app.wait_for_dialog("Restore from a backup");
    let rows = backup_rows(&app);
    assert!(rows.len() == 2 && rows[0].contains("1 coalition"), "the safety backup is listed first: {rows:?}");
    app.screenshot("backups-after-restore");
    app.answer_dialog("Close");

    // And the restore lasts.
    app.relaunch();
    app.wait_for_coalition_names(&[]);
}

#[test]
fn a_damaged_data_file_is_replaced_by_the_newest_good_backup_at_start_up() {
    let data = tempfile::tempdir().expect("a data folder");
    {
        let app = App::launch_in(data.path());
        wait_for_backups(&app, 1);
        app.create_coalition("Survivor Coalition", "Keeps going", "");
    }
    // Make the start-up backup look old, so the next start makes a new one, with the coalition.
    let old = backup_files(data.path()).remove(0);
    std::fs::rename(&old, old.with_file_name("common-ground-20250101-000000.sqlite")).unwrap();
    {
        let app = App::launch_in(data.path());
        app.wait_for_coalition_names(&["Survivor Coalition"]);
        wait_for_backups(&app, 2);
    }

    // The data file is damaged while the app is closed. Its write-ahead log goes too: the test
    // ends each app by ending its WebDriver session, which kills it before it can fold the log
    // back in, and SQLite would read the data from the log and never notice the damage.
    let live = data.path().join("common-ground.sqlite");
    std::fs::write(&live, b"This is not a database any more. ".repeat(200)).unwrap();
    for side in ["common-ground.sqlite-wal", "common-ground.sqlite-shm"] {
        let _ = std::fs::remove_file(data.path().join(side));
    }

    let app = App::launch_in_any_screen(data.path());
    app.wait_for("the start-up problem screen", || {
        app.find_now("main.problem h1").and_then(|h| h.try_text().ok()).as_deref()
            == Some("Common Ground can't open your data")
    });
    assert!(app.find("main.problem").text().contains(&live.display().to_string()), "the screen names the data file");
    app.screenshot("backups-damaged-data");
    app.click_button("Restore the newest backup");
    app.wait_for_home();
    app.wait_for_coalition_names(&["Survivor Coalition"]);

    // The damaged file is kept aside, not deleted.
    let kept: Vec<String> = std::fs::read_dir(data.path().join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("damaged-"))
        .collect();
    assert!(!kept.is_empty(), "the damaged file is kept in the backups folder");

    app.open_coalition("Survivor Coalition");
}

#[test]
fn after_quitting_the_data_file_alone_holds_everything() {
    // A person who moves their data (the data folder may be on a USB stick) copies
    // common-ground.sqlite; after a normal quit that file must hold everything, with no
    // write-ahead log left beside it that it depends on.
    let data = tempfile::tempdir().expect("a data folder");
    let app = App::launch_in(data.path());
    app.create_coalition("Moving Coalition", "Goes on a USB stick", "");
    app.go_home();
    app.quit();

    let wal = data.path().join("common-ground.sqlite-wal");
    let left = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(left, 0, "{} bytes of changes are still only in {}", left, wal.display());
}

#[test]
fn automatic_backups_start_when_try_again_opens_the_data_file() {
    // A folder where the data file should be: the data cannot be opened at start-up, and
    // "Try again" opens it once the folder is gone, as after the person fixes what was wrong.
    let data = tempfile::tempdir().expect("a data folder");
    let live = data.path().join("common-ground.sqlite");
    std::fs::create_dir_all(live.join("in-the-way")).unwrap();

    let app = App::launch_in_any_screen(data.path());
    app.wait_for("the start-up problem screen", || app.find_now("main.problem h1").is_some());
    app.button("Try again");
    assert!(backup_files(data.path()).is_empty(), "no backup of data that is not open");

    std::fs::remove_dir_all(&live).unwrap();
    app.click_button("Try again");
    app.wait_for_home();
    // The start-up backup, made by the automatic backups that "Try again" turned on.
    wait_for_backups(&app, 1);
}
