//! Native file dialogs. The page never sees the file system: it asks a command, the command asks
//! the person through the system's own dialog, and only the chosen path is used.
//!
//! End-to-end tests cannot click in a native dialog, so debug builds accept the answers from a
//! file named by `COMMON_GROUND_TEST_DIALOG_ANSWERS`: each dialog takes the first line (a path,
//! or an empty line for "cancel"). Release builds ignore the variable.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common_ground_core::store::coalitions;

use crate::error::{CommandError, CommandResult};
use crate::state::{blocking, AppState};

/// The environment variable that names the file of prepared dialog answers (debug builds only).
pub const TEST_ANSWERS_VARIABLE: &str = "COMMON_GROUND_TEST_DIALOG_ANSWERS";

/// What kind of file a dialog offers, e.g. ("PDF document", &["pdf"]).
pub type Filter = (&'static str, &'static [&'static str]);

/// Asks where to save; None when the person cancels.
pub async fn choose_save_path(title: &str, suggested_name: &str, filter: Filter) -> Option<PathBuf> {
    if let Some(answer) = prepared_answer() {
        return answer;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(suggested_name)
        .add_filter(filter.0, filter.1)
        .save_file()
        .await
        .map(|handle| with_extension(handle.path().to_path_buf(), filter.1[0]))
}

/// Asks which file to open; None when the person cancels.
pub async fn choose_open_path(title: &str, filter: Filter) -> Option<PathBuf> {
    if let Some(answer) = prepared_answer() {
        return answer;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .add_filter(common_ground_core::text::fixed("common.dialog_all_files"), &["*"])
        .pick_file()
        .await
        .map(|handle| handle.path().to_path_buf())
}

/// Adds the expected extension when the person typed a name without one.
fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() { path } else { path.with_extension(extension) }
}

/// Some(answer) when a prepared answer is waiting (debug builds only).
fn prepared_answer() -> Option<Option<PathBuf>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let file = std::env::var_os(TEST_ANSWERS_VARIABLE)?;
    let text = std::fs::read_to_string(&file).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.trim().to_string();
    // Each remaining answer keeps its line ending, so a trailing "cancel" (an empty line) stays.
    let rest: String = lines.map(|line| format!("{line}\n")).collect();
    let _ = std::fs::write(&file, rest);
    Some(if first.is_empty() { None } else { Some(PathBuf::from(first)) })
}

/// Opens a file with the system's default program (the PDF viewer, say).
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(all(unix, not(target_os = "macos")))]
    let mut command = std::process::Command::new("xdg-open");
    command.arg(path).spawn().map(|_| ())
}

/// A file name made from a coalition's name, safe on every system.
fn file_name_for(name: &str, extension: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let short: String = cleaned.chars().take(80).collect();
    let stem = if short.is_empty() { common_ground_core::text::t("common.dialog_unnamed", &[]) } else { short };
    format!("{stem}.{extension}")
}

async fn coalition_name(state: &Arc<AppState>, id: &str) -> CommandResult<String> {
    let id = id.to_string();
    blocking(state, move |conn| Ok(coalitions::get_coalition(conn, &id)?.name)).await
}

/// Asks where to save (suggesting a name made from the coalition's), then runs `write` with the
/// chosen path on the database thread. Returns the path written.
pub async fn save_through_dialog(
    state: &Arc<AppState>,
    coalition_id: &str,
    title: &str,
    suggested_stem: impl FnOnce(&str) -> String,
    filter: Filter,
    write: impl FnOnce(&mut rusqlite::Connection, &Path) -> common_ground_core::Result<()> + Send + 'static,
) -> CommandResult<PathBuf> {
    let name = coalition_name(state, coalition_id).await?;
    let path = choose_save_path(title, &file_name_for(&suggested_stem(&name), filter.1[0]), filter)
        .await
        .ok_or(CommandError::Cancelled)?;
    let target = path.clone();
    blocking(state, move |conn| Ok(write(conn, &target)?)).await?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_extension_gets_one() {
        assert_eq!(with_extension(PathBuf::from("/tmp/plan"), "pdf"), PathBuf::from("/tmp/plan.pdf"));
        assert_eq!(with_extension(PathBuf::from("/tmp/plan.PDF"), "pdf"), PathBuf::from("/tmp/plan.PDF"));
    }

    #[test]
    fn file_names_are_safe_and_readable() {
        assert_eq!(file_name_for("Food / Access: \"2025\"", "pdf"), "Food Access 2025.pdf");
        assert_eq!(file_name_for("   ", "coalition"), "Coalition.coalition");
        assert_eq!(file_name_for(&"x".repeat(300), "pdf").len(), 84);
    }
}
