//! Saving the plan's PDF without ever leaving half a file: it is written to a temporary file in
//! the chosen folder, flushed to disk, then renamed over the target in one step. Any failure
//! removes the temporary file and says in plain words what went wrong.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, replacing any file there only once the new one is complete.
pub fn write_plan_file(bytes: &[u8], path: &Path) -> Result<()> {
    write_atomically(path, |file| file.write_all(bytes))
}

/// Runs `write` on a fresh temporary file beside `path`, then moves it into place.
pub(crate) fn write_atomically(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> Result<()> {
    if path.is_dir() {
        return Err(Error::Invalid(format!("{} is a folder. Please choose a file name for the plan.", path.display())));
    }
    let name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{} is not a file name. Please choose another.", path.display())))?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = folder.join(format!(".{}.{}.part", name.to_string_lossy(), crate::time::new_id()));

    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(|e| describe(e, path, &folder))?;
    let written = write(&mut file).and_then(|()| file.sync_all());
    drop(file);
    if let Err(err) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(describe(err, path, &folder));
    }
    // Make the rename itself durable; not all systems can sync a folder, so failure is fine.
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// ENOSPC, EDQUOT, EROFS, EACCES, EPERM on Linux and macOS (EDQUOT differs; both listed).
const NO_SPACE: &[i32] = &[28, 122, 69];
const READ_ONLY: &[i32] = &[30];
const NOT_ALLOWED: &[i32] = &[13, 1];

/// An I/O failure in words a person can act on.
fn describe(err: io::Error, path: &Path, folder: &Path) -> Error {
    let code = err.raw_os_error().unwrap_or(0);
    if NO_SPACE.contains(&code) {
        return Error::ReadOnly(format!(
            "the disk is full, so the plan could not be saved as {}. Free some space or choose another place.",
            path.display()
        ));
    }
    if READ_ONLY.contains(&code) || NOT_ALLOWED.contains(&code) || err.kind() == io::ErrorKind::PermissionDenied {
        return Error::ReadOnly(format!(
            "the plan could not be saved because the folder {} can't be written to. Please choose another folder, such as your Documents.",
            folder.display()
        ));
    }
    if err.kind() == io::ErrorKind::NotFound {
        return Error::io(format!("The plan could not be saved: the folder {} does not exist", folder.display()), err);
    }
    Error::io(format!("The plan could not be saved as {}", path.display()), err)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_failure_half_way_leaves_no_file_and_the_old_one_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pdf");
        fs::write(&path, b"old").unwrap();
        let err = write_atomically(&path, |file| {
            file.write_all(b"%PDF-half")?;
            Err(io::Error::from_raw_os_error(28))
        })
        .unwrap_err();
        assert_eq!(err.kind(), "read_only");
        assert!(err.to_string().contains("disk is full"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(leftovers(dir.path()), vec!["plan.pdf"]);
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder/plan.pdf");
        let err = write_plan_file(b"%PDF", &path).unwrap_err();
        assert_eq!(err.kind(), "io");
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
            assert!(err.to_string().contains("can't be written to"), "{err}");
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
