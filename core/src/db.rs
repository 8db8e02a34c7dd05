//! Opening the SQLite database: pragmas, the integrity check and numbered migrations.
//! It owns the schema version; it must not know what any table means.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};
use crate::text;

/// The numbered migrations, in order. Version N is reached by running the first N of them.
/// Never edit a released one: add a new file instead.
pub const MIGRATIONS: &[&str] =
    &[
        include_str!("../sql/001_initial.sql"),
        include_str!("../sql/002_copies_and_changes.sql"),
        include_str!("../sql/003_partners.sql"),
    ];

/// The schema version this code writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Opens (creating if needed) the database file at `path`, checks it and brings its schema up to
/// date. A damaged file, a newer schema or a read-only location comes back as a clear error and
/// the file is left as it was.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(text::t("startup.error_create_folder", &[("path", &dir.display())]), e))?;
    }
    // Before SQLite can make a new empty file where a restore had moved the damaged one aside.
    crate::backup::finish_interrupted_restore(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| with_path(e.into(), path))?;
    prepare(conn).map_err(|e| with_path(e, path))
}

/// An empty database in memory, fully migrated: for tests and tools.
pub fn open_in_memory() -> Result<Connection> {
    prepare(Connection::open_in_memory()?)
}

fn with_path(err: Error, path: &Path) -> Error {
    match err {
        Error::Corrupt { detail, .. } => Error::Corrupt { path: path.to_path_buf(), detail },
        Error::ReadOnly(why) => Error::ReadOnly(text::t("common.error_reason_at", &[("reason", &why), ("path", &path.display())])),
        other => other,
    }
}

fn prepare(mut conn: Connection) -> Result<Connection> {
    conn.busy_timeout(std::time::Duration::from_secs(3))?;
    // Reading the header first turns "not a database" into a clear error before any pragma writes.
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Corrupt { path: Default::default(), detail: check });
    }
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(Error::ReadOnly(text::t("common.error_file_read_only", &[])));
    }
    // WAL keeps readers and the writer apart; FULL sync means "Saved" survives a power cut too.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// The schema version recorded in the file.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Runs every migration the file has not seen, all in one IMMEDIATE transaction, so a crash
/// half-way leaves the old version intact.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew { found, supported: SCHEMA_VERSION });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_database_reaches_the_current_version() {
        let conn = open_in_memory().unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn file_database_uses_wal() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("sub/data.sqlite")).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.sqlite");
        drop(open(&path).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5).unwrap();
        }
        let err = open(&path).unwrap_err();
        assert!(matches!(err, Error::TooNew { found, .. } if found == SCHEMA_VERSION + 5), "{err:?}");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION + 5);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_reported_as_corrupt_and_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.sqlite");
        let junk = b"This is a shopping list, not a database. Eggs, milk, bread.".repeat(100);
        std::fs::write(&path, &junk).unwrap();
        let err = open(&path).unwrap_err();
        assert_eq!(err.kind(), "corrupt", "{err:?}");
        assert!(err.to_string().contains("data.sqlite"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), junk);
    }

    #[test]
    fn a_read_only_database_is_reported_as_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.sqlite");
        drop(open(&path).unwrap());
        // Root ignores file permissions, so ask SQLite for a read-only handle the way a read-only
        // medium would give one.
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let err = prepare(conn).unwrap_err();
        assert_eq!(err.kind(), "read_only", "{err:?}");
    }

    #[test]
    fn a_locked_database_reports_busy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.sqlite");
        let mut holder = open(&path).unwrap();
        let tx = holder.transaction_with_behavior(TransactionBehavior::Exclusive).unwrap();
        let other = Connection::open(&path).unwrap();
        other.busy_timeout(std::time::Duration::from_millis(50)).unwrap();
        let err: Error = other
            .execute("INSERT INTO settings (key, value) VALUES ('a', 'b')", [])
            .unwrap_err()
            .into();
        assert_eq!(err.kind(), "busy");
        drop(tx);
    }
}
