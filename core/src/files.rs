//! Writing files a person asked for (plan PDFs, exchange files) so that a failure never leaves a
//! half-written file looking complete: write a temporary file beside the target, flush it to
//! disk, rename it over the target in one step, then flush the folder so the rename itself
//! survives a power cut.

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
    })?;
    // The new name lives in the folder's own list of names: until that is on disk as well, a
    // power cut can bring back the old file, or none.
    sync_folder(folder).map_err(|e| explain_write_error(path, e))
}

/// Flushes a folder's list of names to disk, so a file just renamed into it stays there. Where a
/// folder cannot be flushed (Windows, or a file system that does not support it) the rename is
/// as safe as the system makes it.
pub fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        match std::fs::File::open(folder)?.sync_all() {
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// Turns an I/O failure into words a person can act on.
fn explain_write_error(path: &Path, err: std::io::Error) -> Error {
    use std::io::ErrorKind;
    let shown = path.display();
    match err.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            Error::ReadOnly(crate::text::t("common.error_may_not_write", &[("path", &shown)]))
        }
        ErrorKind::StorageFull => Error::ReadOnly(crate::text::t("common.error_disk_full_for", &[("path", &shown)])),
        ErrorKind::NotFound | ErrorKind::NotADirectory => {
            Error::Invalid(crate::text::t("common.error_no_folder_for", &[("path", &shown)]))
        }
        _ => Error::io(crate::text::t("common.error_could_not_write", &[("path", &shown)]), err),
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

    /// What a test can show: the system calls really made, read with `strace -y` (which names the
    /// file behind each descriptor). It cannot show the data surviving a power cut.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_folder_is_flushed_after_the_rename() {
        const WRITE_INTO: &str = "COMMON_GROUND_TRACED_WRITE_INTO";
        if let Some(dir) = std::env::var_os(WRITE_INTO) {
            // The copy of this test that runs under strace: write once, and that is all.
            write_atomically(&Path::new(&dir).join("plan.pdf"), b"traced").unwrap();
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().canonicalize().unwrap();
        let logs = tempfile::tempdir().unwrap();
        let log = logs.path().join("trace.log");
        let exe = std::env::current_exe().unwrap();
        let set_dir = format!("{WRITE_INTO}={}", folder.display());
        let args: Vec<&std::ffi::OsStr> = vec![
            "-f".as_ref(), "-qq".as_ref(), "-y".as_ref(),
            "-e".as_ref(), "trace=rename,renameat,renameat2,fsync,fdatasync".as_ref(),
            "-E".as_ref(), set_dir.as_ref(),
            "-o".as_ref(), log.as_os_str(),
            exe.as_os_str(),
            "--exact".as_ref(), "files::tests::the_folder_is_flushed_after_the_rename".as_ref(),
            "--test-threads=1".as_ref(),
        ];
        let Some(out) = crate::test_tools::run_tool("strace", &args) else { return };
        assert!(out.status.success(), "strace or the traced write failed: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read(folder.join("plan.pdf")).unwrap(), b"traced");
        let trace = std::fs::read_to_string(&log).unwrap();
        let lines: Vec<&str> = trace.lines().collect();
        let target = format!("\"{}\"", folder.join("plan.pdf").display());
        let renamed = lines
            .iter()
            .position(|l| l.contains("rename") && l.contains(&target) && l.ends_with("= 0"))
            .unwrap_or_else(|| panic!("no rename onto {target} in the trace:\n{trace}"));
        // strace pads its lines: `1234 fsync(3</tmp/x>)         = 0`.
        let folder_fd = format!("<{}>)", folder.display());
        let synced = lines.iter().skip(renamed + 1).any(|l| {
            (l.contains(" fsync(") || l.contains(" fdatasync(")) && l.contains(&folder_fd) && l.ends_with("= 0")
        });
        assert!(synced, "the folder was not flushed after the rename:\n{trace}");
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
