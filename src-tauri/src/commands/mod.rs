//! Tauri commands: thin adapters that unpack arguments, run core functions on a blocking thread
//! and return their results. No rules about coalitions live here.
//!
//! Commands come in areas, one file each. An area is a plugin of the app: the page calls its
//! commands as `plugin:AREA|command` (through `ui/js/api/AREA.js` only), and its default
//! permission, `AREA:default`, allows exactly the commands its `area!` line names. That line is
//! the one place a command is declared: `build.rs` reads it to make the permissions, and the
//! macro below makes the plugin's handler from it.

/// Declares an area's commands, once: `area!(coalitions: list_coalitions, create_coalition);`
/// The name must be the file's name; `build.rs` checks that.
macro_rules! area {
    ($area:ident: $($command:ident),+ $(,)?) => {
        /// This area's name: the page calls its commands as `plugin:NAME|command`.
        pub const NAME: &str = stringify!($area);

        /// This area's commands, by the names the page calls them.
        pub const COMMANDS: &[&str] = &[$(stringify!($command)),+];

        /// This area as a plugin of the app.
        pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
            tauri::plugin::Builder::new(NAME).invoke_handler(tauri::generate_handler![$($command),+]).build()
        }
    };
}

/// Lists the areas: each one a module here, registered with the app, and named in `AREAS`.
macro_rules! areas {
    ($($area:ident),+ $(,)?) => {
        $(pub mod $area;)+

        /// Every area's name with its commands.
        pub const AREAS: &[(&str, &[&str])] = &[$(($area::NAME, $area::COMMANDS)),+];

        /// Registers every area's plugin with the app.
        pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder$(.plugin($area::plugin()))+
        }
    };
}

areas!(startup, coalitions, worksheets, records, plan, exchange, backups, closing);
