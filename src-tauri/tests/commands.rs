//! The shell's commands through Tauri's mock runtime: the page's calls reach the core and errors
//! come back as {kind, message}. No display needed.

mod support;

use std::path::Path;
use std::sync::{Arc, Mutex};

use common_ground_app::state::AppState;
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::Manager;
use tauri::WebviewWindowBuilder;

fn app(data_dir: &std::path::Path) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    app_with(AppState::open(data_dir.to_path_buf()))
}

fn app_with(state: Arc<AppState>) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    // The app's own context, so every call passes the same permission checks as in the window.
    let app = common_ground_app::builder::<MockRuntime>()
        .build(common_ground_app::context())
        .expect("the app builds on the mock runtime");
    // The mock runtime does not run the setup hook, so give the app its state directly.
    app.manage(state);
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, window)
}

/// Calls a command the way the page does, as `plugin:AREA|command`.
fn call(window: &tauri::WebviewWindow<MockRuntime>, command: &str, body: Value) -> Result<Value, Value> {
    let (area, _) = common_ground_app::commands::AREAS
        .iter()
        .find(|(_, commands)| commands.contains(&command))
        .unwrap_or_else(|| panic!("no area declares {command}"));
    support::call_raw(window, &format!("plugin:{area}|{command}"), body)
}


#[test]
fn commands_reach_the_core_and_errors_are_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());

    assert_eq!(call(&window, "startup_status", json!({})).unwrap(), Value::Null);
    let made = call(&window, "create_coalition", json!({"fields": {"name": "Eastside Food Access", "focus": "Fresh food within walking distance"}})).unwrap();
    let id = made["id"].as_str().unwrap().to_string();
    assert_eq!(made["name"], "Eastside Food Access");

    let err = call(&window, "create_coalition", json!({"fields": {"name": "   "}})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(err["message"].as_str().unwrap().contains("name"), "{err}");

    let saved = call(&window, "save_answer", json!({"coalitionId": id, "worksheetId": "vision", "questionId": "vision", "value": "  Fresh food for every family  "})).unwrap();
    assert!(saved["updated_at"].is_string());
    let answers = call(&window, "get_answers", json!({"coalitionId": id})).unwrap();
    let answer = answers.as_array().unwrap().iter().find(|a| a["question_id"] == "vision").unwrap();
    assert_eq!(answer["worksheet_id"], "vision");
    assert_eq!(answer["value"], "  Fresh food for every family  ", "long answers keep what was typed");
    let progress = call(&window, "get_progress", json!({"coalitionId": id})).unwrap();
    assert_eq!(progress["answered"], 1);

    let err = call(&window, "save_answer", json!({"coalitionId": id, "worksheetId": "vision", "questionId": "check_easy", "value": 9})).unwrap_err();
    assert_eq!(err["kind"], "invalid");

    let err = call(&window, "save_answer", json!({"coalitionId": id, "worksheetId": "no-such-sheet", "questionId": "x", "value": "y"})).unwrap_err();
    assert_eq!(err["kind"], "not_found");
    assert!(err["message"].as_str().unwrap().len() > 10, "{err}");

    call(&window, "delete_coalition", json!({"id": id})).unwrap();
    assert_eq!(call(&window, "list_coalitions", json!({})).unwrap(), json!([]));
    call(&window, "restore_coalition", json!({"id": id})).unwrap();
    assert_eq!(call(&window, "list_coalitions", json!({})).unwrap().as_array().unwrap().len(), 1);
}

/// Lists, answers and the suggestion come with their texts worked out, ready to show.
#[test]
fn commands_send_text_ready_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let made = call(&window, "create_coalition", json!({"fields": {"name": "Shown Coalition", "start_date": "2024-03-01"}})).unwrap();
    let id = made["id"].as_str().unwrap().to_string();
    let listed = call(&window, "list_coalitions", json!({})).unwrap();
    assert_eq!(listed[0]["start_date_text"], "1 March 2024");

    for (direction, amount) in [("expense", 120_000), ("income", 20_000)] {
        let data = json!({"direction": direction, "description": "Line", "amount": amount});
        call(&window, "save_record", json!({"coalitionId": id, "kind": "budget_line", "id": null, "data": data})).unwrap();
    }
    let list = call(&window, "list_records", json!({"coalitionId": id, "kind": "budget_line"})).unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert_eq!(list["items"][0]["cells"][3], "$1,200.00");
    assert_eq!(list["totals"]["gap_text"], "Still to find: $1,000.00");
    let err = call(&window, "list_records", json!({"coalitionId": id, "kind": "unicorn"})).unwrap_err();
    assert_eq!(err["kind"], "invalid");

    call(&window, "save_answer", json!({"coalitionId": id, "worksheetId": "structure", "questionId": "factor_leadership", "value": {"choice": "low"}})).unwrap();
    let answers = call(&window, "get_answers", json!({"coalitionId": id})).unwrap();
    assert_eq!(answers[0]["text"], "New to it");
    let suggestion = call(&window, "get_suggestion", json!({"coalitionId": id, "worksheetId": "structure"})).unwrap();
    assert_eq!(suggestion["summary"], "Advisory group");
    assert_eq!(suggestion["title"], "What we suggest");
}

/// Each pick of a file to import holds the checked file until the person opens or merges it. A
/// person who cancels never comes back for it, so only the newest few are kept.
#[test]
fn only_the_newest_picked_import_files_are_held() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let made = call(&window, "create_coalition", json!({"fields": {"name": "Held Files Coalition"}})).unwrap();
    let id = made["id"].as_str().unwrap().to_string();

    // Native dialogs answer from a prepared file in debug builds.
    let answers = dir.path().join("dialog-answers.txt");
    std::env::set_var(common_ground_app::dialogs::TEST_ANSWERS_VARIABLE, &answers);
    let exported = dir.path().join("held.coalition");
    std::fs::write(&answers, format!("{}\n", exported.display())).unwrap();
    call(&window, "export_coalition", json!({"coalitionId": id, "options": {"exported_by": null, "leave_out_private": false}})).unwrap();

    let picks = common_ground_app::state::IMPORTS_HELD + 2;
    std::fs::write(&answers, format!("{}\n", exported.display()).repeat(picks)).unwrap();
    let tokens: Vec<String> = (0..picks)
        .map(|_| call(&window, "pick_import_file", json!({})).unwrap()["token"].as_str().unwrap().to_string())
        .collect();

    let err = call(&window, "plan_merge", json!({"token": tokens[0], "targetId": id})).unwrap_err();
    assert_eq!(err["kind"], "not_found", "the oldest pick is let go: {err}");
    let newest = tokens.last().unwrap();
    call(&window, "plan_merge", json!({"token": newest, "targetId": id})).unwrap();
    let opened = call(&window, "import_as_new", json!({"token": newest})).unwrap();
    assert!(opened["name"].as_str().unwrap().contains("Held Files Coalition"), "{opened}");
    let err = call(&window, "import_as_new", json!({"token": newest})).unwrap_err();
    assert_eq!(err["kind"], "not_found", "a used file is no longer held: {err}");
}

/// The window may call each command its areas declare, and nothing else: no command outside an
/// area, none of Tauri's own plugins (files, windows, events...), and nothing from a page that is
/// not the app's own.
#[test]
fn the_window_may_call_its_areas_commands_and_nothing_else() {
    use tauri::ipc::Origin;
    let mut context = common_ground_app::context::<MockRuntime>();
    let authority = context.runtime_authority_mut();
    let allowed = |command: &str, origin: &Origin| authority.resolve_access(command, "main", "main", origin).is_some();
    let remote = Origin::Remote { url: "https://example.com/".parse().unwrap() };
    for (area, commands) in common_ground_app::commands::AREAS {
        for command in *commands {
            let full = format!("plugin:{area}|{command}");
            assert!(allowed(&full, &Origin::Local), "the window may call {full}");
            assert!(!allowed(&full, &remote), "a page from elsewhere may not call {full}");
        }
    }
    for other in [
        "list_coalitions",
        "plugin:coalitions|no_such_command",
        "plugin:fs|read_text_file",
        "plugin:shell|open",
        "plugin:app|version",
        "plugin:window|close",
        "plugin:webview|print",
        "plugin:event|emit",
        "plugin:path|resolve_directory",
    ] {
        assert!(!allowed(other, &Origin::Local), "the window may not call {other}");
    }

    // And through the real call path: refused before anything runs.
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    for other in ["list_coalitions", "plugin:fs|read_text_file", "plugin:app|version", "plugin:coalitions|no_such_command"] {
        assert!(support::call_raw(&window, other, json!({})).is_err(), "{other} is refused");
    }
    assert!(support::call_raw(&window, "plugin:coalitions|list_coalitions", json!({})).is_ok());
}

/// The capability grants each area's default permission and nothing more, so adding an area
/// means granting it here on purpose.
#[test]
fn the_window_capability_grants_exactly_the_areas() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/capabilities/main-window.json");
    let capability: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut granted: Vec<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().expect("a plain permission name").to_string()).collect();
    let mut expected: Vec<String> = common_ground_app::commands::AREAS.iter().map(|(area, _)| format!("{area}:default")).collect();
    granted.sort();
    expected.sort();
    assert_eq!(granted, expected);
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/capabilities")).unwrap().count();
    assert_eq!(files, 1, "one capability, for the main window");
}

/// Each area has one page module, `ui/js/api/AREA.js`, that calls exactly that area's commands;
/// no other page code reaches the Rust side.
#[test]
fn each_area_is_called_from_its_own_page_module_only() {
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/js");
    for (area, commands) in common_ground_app::commands::AREAS {
        let path = ui.join("api").join(format!("{area}.js"));
        let source = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()));
        assert_eq!(quoted_after(&source, "area("), vec![area.to_string()], "{}: one area, its own", path.display());
        let mut called = quoted_after(&source, "call(");
        called.sort();
        let mut declared: Vec<String> = commands.iter().map(|c| c.to_string()).collect();
        declared.sort();
        assert_eq!(called, declared, "{} calls exactly the commands of the {area} area", path.display());
    }
    for path in js_files(&ui) {
        let source = std::fs::read_to_string(&path).unwrap();
        let relative = path.strip_prefix(&ui).unwrap().to_string_lossy().replace('\\', "/");
        if relative != "api/call.js" {
            assert!(!source.contains("__TAURI__") && !source.contains("plugin:"), "{relative} reaches the Rust side directly");
        }
        if !relative.starts_with("api/") {
            assert!(!source.contains("api/call.js"), "{relative} calls commands outside the api modules");
        } else if relative != "api/call.js" {
            let stem = relative.trim_start_matches("api/").trim_end_matches(".js");
            assert!(common_ground_app::commands::AREAS.iter().any(|(area, _)| *area == stem), "{relative} is not an area");
        }
    }
}

/// Every "text" in `marker"text"` (the first argument of a call like `area("x")`).
fn quoted_after(source: &str, marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(marker) {
        rest = &rest[at + marker.len()..];
        if let Some(text) = rest.strip_prefix('"') {
            if let Some(end) = text.find('"') {
                found.push(text[..end].to_string());
            }
        }
    }
    found
}

fn js_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(js_files(&path));
        } else if path.extension().is_some_and(|e| e == "js") {
            files.push(path);
        }
    }
    files
}

/// The threads of this test process named for backups. Only the backup tests below start any,
/// and they take turns (`BACKUP_TESTS`).
fn backup_threads() -> usize {
    // A new thread takes its name once it runs, a moment after it was started.
    std::thread::sleep(std::time::Duration::from_millis(150));
    std::fs::read_dir("/proc/self/task")
        .expect("the system lists this process's threads")
        .flatten()
        .filter(|task| {
            std::fs::read_to_string(task.path().join("comm"))
                .is_ok_and(|name| name.trim_end() == common_ground_app::backups::THREAD_NAME)
        })
        .count()
}

static BACKUP_TESTS: Mutex<()> = Mutex::new(());

/// The backup files in the data folder's backups folder.
fn backup_files(data_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(data_dir.join("backups")) else { return Vec::new() };
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("common-ground-") && name.ends_with(".sqlite"))
        .collect()
}

fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn backups_start_when_try_again_opens_the_data_file() {
    let _alone = BACKUP_TESTS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A file where the data folder should be, so the data file can't be opened at start-up.
    std::fs::write(&data, b"not a folder").unwrap();
    let state = AppState::start(data.clone());
    let (_app, window) = app_with(Arc::clone(&state));
    assert_ne!(call(&window, "startup_status", json!({})).unwrap(), Value::Null);
    assert_eq!(backup_threads(), 0, "no backups while there is no data file");

    // The person moves the file out of the way and clicks "Try again".
    std::fs::remove_file(&data).unwrap();
    assert_eq!(call(&window, "retry_open", json!({})).unwrap(), Value::Null);
    wait_until("the first automatic backup", || backup_files(&data).len() == 1);
    assert_eq!(backup_threads(), 1);
    assert_eq!(call(&window, "retry_open", json!({})).unwrap(), Value::Null);
    assert_eq!(backup_threads(), 1, "trying again once open starts nothing more");

    state.close();
    assert_eq!(backup_threads(), 0, "closing stops the backups");
}

#[cfg(target_os = "linux")]
#[test]
fn restoring_after_damage_on_a_healthy_data_file_starts_no_second_backup_runner() {
    let _alone = BACKUP_TESTS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::start(dir.path().to_path_buf());
    let (_app, window) = app_with(Arc::clone(&state));
    wait_until("the first automatic backup", || backup_files(dir.path()).len() == 1);
    assert_eq!(backup_threads(), 1);
    // A start-up screen's "Restore the newest backup" sent when the data file is fine: nothing
    // to restore, and nothing more to start.
    assert_eq!(call(&window, "restore_after_damage", json!({})).unwrap(), Value::Null);
    assert_eq!(backup_threads(), 1);
    state.close();
    assert_eq!(backup_threads(), 0);
}

#[cfg(target_os = "linux")]
#[test]
fn backups_start_when_a_restore_replaces_a_damaged_data_file() {
    let _alone = BACKUP_TESTS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("common-ground.sqlite");
    {
        let conn = common_ground_core::db::open(&live).unwrap();
        let fields = common_ground_core::model::CoalitionFields { name: "Survivor Coalition".into(), ..Default::default() };
        common_ground_core::store::coalitions::create_coalition(&conn, &fields).unwrap();
        common_ground_core::backup::make_backup(&conn, &dir.path().join("backups")).unwrap();
    }
    std::fs::write(&live, b"This is not a database any more. ".repeat(200)).unwrap();
    let state = AppState::start(dir.path().to_path_buf());
    let (_app, window) = app_with(Arc::clone(&state));
    assert_eq!(call(&window, "startup_status", json!({})).unwrap()["kind"], "corrupt");
    assert_eq!(backup_threads(), 0);

    assert_eq!(call(&window, "restore_after_damage", json!({})).unwrap(), Value::Null);
    let names = call(&window, "list_coalitions", json!({})).unwrap();
    assert_eq!(names[0]["name"], "Survivor Coalition", "{names}");
    assert_eq!(backup_threads(), 1);
    state.close();
    assert_eq!(backup_threads(), 0);
}
