//! The Common Ground desktop shell: opens the data file, registers the commands and shows the
//! window. Every rule about coalitions lives in the core crate; this crate only adapts it.

pub mod backups;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

use crate::state::{AppState, DATA_DIR_VARIABLE};

/// The app with every command registered, generic over the runtime so tests can use the mock one.
pub fn builder<R: Runtime>() -> tauri::Builder<R> {
    tauri::Builder::<R>::new()
        .setup(|app| {
            let data_dir = match std::env::var_os(DATA_DIR_VARIABLE) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            let state = AppState::open(data_dir);
            if state.startup_problem().is_none() {
                backups::start(state.database_path(), state.backups_dir());
            }
            app.manage(state);
            #[cfg(unix)]
            exit_cleanly_on_signals(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::files::apply_merge,
            commands::coalitions::coalition_contents,
            commands::coalitions::create_coalition,
            commands::coalitions::create_example_coalition,
            commands::coalitions::delete_coalition,
            commands::records::delete_record,
            commands::files::export_coalition,
            commands::worksheets::get_answers,
            commands::worksheets::get_catalog,
            commands::worksheets::get_progress,
            commands::files::import_as_new,
            commands::backups::list_backups,
            commands::coalitions::list_coalitions,
            commands::records::list_records,
            commands::files::open_file,
            commands::files::pick_import_file,
            commands::files::plan_merge,
            commands::backups::restore_after_damage,
            commands::backups::restore_backup,
            commands::coalitions::restore_coalition,
            commands::records::restore_record,
            commands::coalitions::retry_open,
            commands::worksheets::save_answer,
            commands::files::save_plan_pdf,
            commands::records::save_record,
            commands::coalitions::startup_status,
            commands::worksheets::suggest_structure,
            commands::coalitions::update_coalition,
        ])
}

/// A logout, `kill` or Ctrl-C ends the app through its normal exit, so the data file is closed
/// properly (see `AppState::close`).
#[cfg(unix)]
fn exit_cleanly_on_signals<R: Runtime>(handle: tauri::AppHandle<R>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            handle.exit(0);
        }
    });
}

/// Starts the desktop app.
pub fn run() {
    let app = builder::<tauri::Wry>()
        .build(tauri::generate_context!())
        .expect("Common Ground could not start its window");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(state) = handle.try_state::<std::sync::Arc<AppState>>() {
                state.close();
            }
        }
    });
}
