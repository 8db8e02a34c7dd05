//! The shell's commands through Tauri's mock runtime: the page's calls reach the core and errors
//! come back as {kind, message}. No display needed.

use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_context, noop_assets, MockRuntime};
use tauri::Manager;
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

fn app(data_dir: &std::path::Path) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let app = common_ground_app::builder::<MockRuntime>()
        .build(mock_context(noop_assets()))
        .expect("the app builds on the mock runtime");
    // The mock runtime does not run the setup hook, so give the app its state directly.
    app.manage(common_ground_app::state::AppState::open(data_dir.to_path_buf()));
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, window)
}

fn call(window: &tauri::WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: body.into(),
            headers: Default::default(),
            invoke_key: window.app_handle().invoke_key().to_string(),
        },
    )
    .map(|r| r.deserialize::<Value>().unwrap())
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
