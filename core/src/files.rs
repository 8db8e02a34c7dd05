//! Writing files a person asked for (plan PDFs, exchange files) so that a failure never leaves a
//! half-written file looking complete: write a temporary file beside the target, flush it to
//! disk, then rename it over the target in one step.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` all at once or not at all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    // A random part keeps two saves to the same place at the same moment apart.
    let temp = folder.join(format!(".{name}.{}.part", &crate::store::new_id()[..8]));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        explain_write_error(path, e)
    })
}

/// Turns an I/O failure into words a person can act on.
fn explain_write_error(path: &Path, err: std::io::Error) -> Error {
    use std::io::ErrorKind;
    let shown = path.display();
    match err.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            Error::ReadOnly(format!("Common Ground may not write to {shown}. Choose another folder, such as Documents."))
        }
        ErrorKind::StorageFull => Error::ReadOnly(format!(
            "The disk is full, so {shown} was not written. Free some space or choose another drive, then try again."
        )),
        ErrorKind::NotFound | ErrorKind::NotADirectory => Error::Invalid(format!(
            "The folder for {shown} does not exist (was a USB stick removed?). Please choose another place."
        )),
        _ => Error::io(format!("Could not write {shown}"), err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pdf");
        std::fs::write(&path, b"old").unwrap();
        write_atomically(&path, b"new contents").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new contents");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("plan.pdf")]);
    }

    #[test]
    fn a_missing_folder_gives_a_clear_message_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("plan.pdf");
        let err = write_atomically(&path, b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!path.exists());
    }

    #[test]
    fn a_folder_that_is_really_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_folder = dir.path().join("notes.txt");
        std::fs::write(&not_a_folder, b"x").unwrap();
        let err = write_atomically(&not_a_folder.join("plan.pdf"), b"x").unwrap_err();
        assert_eq!(err.kind(), "invalid", "{err:?}");
        assert_eq!(std::fs::read(&not_a_folder).unwrap(), b"x");
    }
}
