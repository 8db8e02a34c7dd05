//! Saving the plan's PDF so that a failure never leaves half a file: the writing is
//! `crate::files::write_atomically` (a temporary file beside the target, flushed to disk, then
//! renamed over it), shared with exchange files so the app and the `plan-pdf` tool behave alike
//! and report a read-only folder or a full disk in the same plain words.

use std::path::Path;

use crate::error::{Error, Result};
use crate::text;

/// Writes `bytes` to `path`, replacing any file there only once the new one is complete.
pub fn write_plan_file(bytes: &[u8], path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::Invalid(text::t("plan.error_is_a_folder", &[("path", &path.display())])));
    }
    crate::files::write_atomically(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{self, File};
    use std::path::PathBuf;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn writes_the_whole_file_and_replaces_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pdf");
        fs::write(&path, b"old").unwrap();
        write_plan_file(b"%PDF-new", &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"%PDF-new");
        assert_eq!(leftovers(dir.path()), vec!["plan.pdf"]);
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder/plan.pdf");
        let err = write_plan_file(b"%PDF", &path).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().contains("does not exist") && err.to_string().contains("no-such-folder"), "{err}");
        assert!(!path.exists());
    }

    #[test]
    fn an_unwritable_folder_gives_a_clear_error_and_leaves_no_file() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let dir = tempfile::tempdir().unwrap();
            let locked = dir.path().join("locked");
            fs::create_dir(&locked).unwrap();
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
            // An administrator may write anywhere; the kernel's own folder /sys refuses even them.
            let can_write_anyway = File::create(locked.join("probe")).is_ok();
            let folder = if can_write_anyway { PathBuf::from("/sys") } else { locked.clone() };
            if !folder.is_dir() {
                return;
            }
            let path = folder.join("common-ground-plan.pdf");
            let err = write_plan_file(b"%PDF", &path).unwrap_err();
            assert_eq!(err.kind(), "read_only", "{err:?}");
            assert!(err.to_string().contains(&folder.display().to_string()), "{err}");
            assert!(!path.exists());
            let names: Vec<String> = fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("common-ground-plan"))
                .collect();
            assert!(names.is_empty(), "{names:?}");
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    #[test]
    fn a_folder_as_the_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_plan_file(b"%PDF", dir.path()).unwrap_err();
        assert_eq!(err.kind(), "invalid");
    }
}
