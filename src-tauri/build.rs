//! Build script of the desktop shell: embeds the configuration and turns our command list into
//! permissions, so a capability must name each command the page may call.

/// Every command the shell exposes; keep in step with `generate_handler!` in src/lib.rs.
const COMMANDS: &[&str] = &[
    "apply_merge",
    "coalition_contents",
    "create_coalition",
    "create_example_coalition",
    "delete_coalition",
    "delete_record",
    "export_coalition",
    "get_answers",
    "get_catalog",
    "get_progress",
    "list_backups",
    "list_coalitions",
    "list_records",
    "open_file",
    "pick_import_file",
    "import_as_new",
    "plan_merge",
    "restore_after_damage",
    "restore_backup",
    "restore_coalition",
    "restore_record",
    "retry_open",
    "save_answer",
    "save_plan_pdf",
    "save_record",
    "startup_status",
    "suggest_structure",
    "update_coalition",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run the Tauri build step");
}
