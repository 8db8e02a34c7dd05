//! Helpers shared by the shell's integration tests.

use serde_json::Value;
use tauri::test::{get_ipc_response, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::Manager;

/// Calls exactly `cmd`, as a page that tries anything could.
pub fn call_raw(window: &tauri::WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
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
