//! The Common Ground desktop shell: opens the data file, registers the commands and shows the
//! window. Every rule about coalitions lives in the core crate; this crate only adapts it.

pub mod backups;
pub mod closing;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

use crate::state::{AppState, DATA_DIR_VARIABLE};

/// The person's languages, most wanted first: the locale variables (which Linux sets and a
/// person may set anywhere), then what the system itself says (how Windows and macOS say it).
fn languages() -> Vec<String> {
    let mut settings = common_ground_core::text::system_languages();
    settings.extend(sys_locale::get_locales());
    // Tags as the core writes them, each once.
    common_ground_core::text::languages_from(&settings)
}

/// The app with every area of commands registered, generic over the runtime so tests can use the
/// mock one.
pub fn builder<R: Runtime>() -> tauri::Builder<R> {
    let builder = tauri::Builder::<R>::new()
        .manage(std::sync::Arc::new(closing::Closing::default()))
        .on_window_event(closing::on_window_event)
        .setup(|app| {
            // One language for the page and for the messages made here and in the core.
            common_ground_core::text::choose_language(&languages());
            let data_dir = match std::env::var_os(DATA_DIR_VARIABLE) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            let state = AppState::start(data_dir);
            app.manage(state);
            #[cfg(unix)]
            exit_cleanly_on_signals(app.handle().clone());
            Ok(())
        });
    commands::register(builder)
}

/// The app's configuration, assets and permissions as built, generic over the runtime so tests
/// run with the same permissions the window has.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// A logout, `kill` or Ctrl-C closes the app as the window's close button does: the page hands
/// over its waiting saves, then the app exits normally, so the data file is closed properly (see
/// `AppState::close`).
#[cfg(unix)]
fn exit_cleanly_on_signals<R: Runtime>(handle: tauri::AppHandle<R>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            closing::request(&handle, closing::CloseBy::System);
        }
    });
}

/// Starts the desktop app.
pub fn run() {
    let app = builder::<tauri::Wry>()
        .build(context())
        .expect("Common Ground could not start its window");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(state) = handle.try_state::<std::sync::Arc<AppState>>() {
                state.close();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_variables_come_first_and_no_language_twice() {
        let languages = languages();
        let from_variables = common_ground_core::text::system_languages();
        assert_eq!(languages[..from_variables.len()], from_variables[..]);
        let mut unique = languages.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), languages.len(), "{languages:?}");
        assert!(languages.iter().all(|tag| !tag.contains(['_', '.'])), "{languages:?}");
    }
}
