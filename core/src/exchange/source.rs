//! Reading the bytes of a file a person chose to import. A wrong pick must neither hang the app
//! nor fill its memory: a named pipe waits for ever for a writer, and a device such as
//! `/dev/zero` never ends. So the file is opened without waiting, must be an ordinary file, and
//! only [`MAX_FILE_BYTES`] and one more byte are ever read (enough to tell it is too big).
//!
//! This touches no database: callers read and check a file before they take the database lock,
//! so saving an answer never waits behind a slow USB stick or network folder.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::format::{ExchangeFile, MAX_FILE_BYTES};
use super::validate::{read_exchange_file, too_big};
use crate::error::{Error, Result};

/// Reads and checks the `.coalition` file at `path`.
pub fn read_exchange_file_at(path: &Path) -> Result<ExchangeFile> {
    read_exchange_file(&read_chosen_file(path)?)
}

fn read_chosen_file(path: &Path) -> Result<Vec<u8>> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let file = open_without_waiting(path).map_err(|e| explain_read_error(&name, e))?;
    let metadata = file.metadata().map_err(|e| explain_read_error(&name, e))?;
    if !metadata.is_file() {
        return Err(Error::Invalid(crate::text::t("exchange.file_not_a_file", &[("name", &name)])));
    }
    if metadata.len() > MAX_FILE_BYTES as u64 {
        return Err(too_big());
    }
    let limit = MAX_FILE_BYTES + 1;
    let mut bytes = Vec::with_capacity((metadata.len() as usize).min(limit));
    file.take(limit as u64).read_to_end(&mut bytes).map_err(|e| explain_read_error(&name, e))?;
    if bytes.len() > MAX_FILE_BYTES {
        // It grew while we read it.
        return Err(too_big());
    }
    Ok(bytes)
}

/// Opens for reading without waiting: on Unix a named pipe would otherwise block until some
/// other program opens it for writing. Regular files read the same either way.
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn explain_read_error(name: &str, err: std::io::Error) -> Error {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => Error::NotFound(crate::text::t("exchange.file_gone", &[("name", &name)])),
        ErrorKind::PermissionDenied => Error::Invalid(crate::text::t("exchange.file_not_allowed", &[("name", &name)])),
        _ => Error::io(crate::text::t("exchange.file_could_not_read", &[("name", &name)]), err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.coalition");
        let file = File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
        assert!(read_chosen_file(&path).unwrap_err().to_string().contains("too big"));
        file.set_len(MAX_FILE_BYTES as u64).unwrap();
        assert_eq!(read_chosen_file(&path).unwrap().len(), MAX_FILE_BYTES);
    }

    #[test]
    fn a_folder_or_a_missing_file_is_refused_in_plain_words() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_chosen_file(dir.path()).unwrap_err().to_string().contains("folder, a device or a pipe"));
        let err = read_chosen_file(&dir.path().join("gone.coalition")).unwrap_err();
        assert!(err.to_string().contains("no longer there"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_device_neither_hangs_nor_fills_memory() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.coalition");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        // Nobody ever writes to it: opening it the ordinary way would wait for ever.
        let started = std::time::Instant::now();
        let err = read_chosen_file(&fifo).unwrap_err();
        assert!(err.to_string().contains("a pipe"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        let err = read_chosen_file(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("a device"), "{err}");
    }
}
