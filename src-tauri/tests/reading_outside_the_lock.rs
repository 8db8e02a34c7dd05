//! Picking a coalition file to import reads and checks the whole file before the database is
//! taken, so saving an answer never waits behind a slow USB stick or a large file.
//!
//! The proof, with no timings: a save holds the database and waits; meanwhile "Import…" is picked
//! through the real command. The file must be read to its end (the kernel reports it closed)
//! while the save still holds the database. If reading needed the database, the file would never
//! be read until the save let go, and the wait below would fail.
//!
//! Its own test binary: the dialog answers are named by a process-wide environment variable.

#![cfg(target_os = "linux")]

mod support;

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use common_ground_app::state::AppState;
use common_ground_core::store::answers;
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{Manager, WebviewWindowBuilder};

/// Only a bound for a broken build, never a measure: each step below waits for an event.
const FAILURE_BOUND: Duration = Duration::from_secs(60);

#[test]
fn a_picked_file_is_read_while_a_save_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let app = common_ground_app::builder::<MockRuntime>().build(common_ground_app::context()).unwrap();
    let state = AppState::open(dir.path().to_path_buf());
    app.manage(Arc::clone(&state));
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    let made = call(&window, "plugin:coalitions|create_coalition", json!({"fields": {"name": "Riverside Reading Coalition"}}));
    let id = made.unwrap()["id"].as_str().unwrap().to_string();
    let answers_file = dir.path().join("dialog-answers.txt");
    std::env::set_var(common_ground_app::dialogs::TEST_ANSWERS_VARIABLE, &answers_file);
    let shared = dir.path().join("Riverside.coalition");
    std::fs::write(&answers_file, format!("{}\n", shared.display())).unwrap();
    call(&window, "plugin:exchange|export_coalition", json!({"coalitionId": id, "options": {"exported_by": null, "leave_out_private": false}}))
        .unwrap();
    let closed_after_reading = CloseWatch::new(&shared);

    // A save that takes the database and keeps it until told to finish.
    let (holding, held) = mpsc::channel();
    let (finish, finished) = mpsc::channel::<()>();
    let saver = {
        let (state, id) = (Arc::clone(&state), id.clone());
        std::thread::spawn(move || {
            state.with_db(move |conn| {
                answers::upsert_answer(conn, &id, "vision", "vision", &json!("Every child reads by third grade"))?;
                holding.send(()).unwrap();
                finished.recv().unwrap();
                Ok(())
            })
        })
    };
    held.recv_timeout(FAILURE_BOUND).expect("the save holds the database");

    std::fs::write(&answers_file, format!("{}\n", shared.display())).unwrap();
    let picking = {
        let window = window.clone();
        std::thread::spawn(move || call(&window, "plugin:exchange|pick_import_file", json!({})))
    };
    assert!(
        closed_after_reading.wait(FAILURE_BOUND),
        "the picked file was not read while a save held the database: reading waits for the database"
    );
    assert!(!picking.is_finished(), "describing the file does need the database, so the pick is not done yet");

    finish.send(()).unwrap();
    saver.join().unwrap().unwrap();
    let picked = picking.join().unwrap().expect("the pick finishes once the save is done");
    assert!(picked["token"].is_string(), "{picked}");
    assert_eq!(picked["preview"]["coalition_name"], "Riverside Reading Coalition", "{picked}");
    let saved = call(&window, "plugin:worksheets|get_answers", json!({"coalitionId": id})).unwrap();
    assert_eq!(saved[0]["value"], "Every child reads by third grade");
}

/// Calls a command exactly as the page does.
fn call(window: &tauri::WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    support::call_raw(window, cmd, body)
}

/// Tells when some program closes a file it had opened only for reading (Linux inotify).
struct CloseWatch {
    fd: libc::c_int,
}

impl CloseWatch {
    fn new(path: &Path) -> CloseWatch {
        let name = CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: plain system calls on a descriptor this value owns; the name outlives the call.
        unsafe {
            let fd = libc::inotify_init1(libc::IN_CLOEXEC);
            assert!(fd >= 0, "inotify is available");
            assert!(libc::inotify_add_watch(fd, name.as_ptr(), libc::IN_CLOSE_NOWRITE) >= 0, "the file is watched");
            CloseWatch { fd }
        }
    }

    /// True once the file has been closed after reading; false if that never came.
    fn wait(&self, bound: Duration) -> bool {
        let mut poll = libc::pollfd { fd: self.fd, events: libc::POLLIN, revents: 0 };
        // SAFETY: one pollfd that lives on this stack frame.
        let ready = unsafe { libc::poll(&mut poll, 1, bound.as_millis() as libc::c_int) };
        ready == 1
    }
}

impl Drop for CloseWatch {
    fn drop(&mut self) {
        // SAFETY: the descriptor is ours and closed once.
        unsafe { libc::close(self.fd) };
    }
}
