//! The shape of a `.coalition` file and how it is written. Reading (with every check) lives in
//! `validate`; this module must stay free of database access so the UI, the tests and the fuzz
//! target can all use it.

use serde::{Deserialize, Serialize};

use super::tables::{visit_tables, Registered, TableVisitor, Tables};
use crate::model::Coalition;
use crate::store::changes::Change;
use crate::store::versions::VersionVector;

/// The value of the `format` field: what tells our files apart from any other JSON.
pub const FORMAT_NAME: &str = "common-ground-coalition";
/// The newest format version this code reads and the one it writes.
pub const FORMAT_VERSION: i64 = 2;
/// The file name extension, without the dot.
pub const FILE_EXTENSION: &str = "coalition";
/// The largest file we read: far beyond a real coalition (25,000 records make about 10 MB).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The most records one file may carry.
pub const MAX_RECORDS: usize = <super::tables::Records as super::tables::ExchangeTable>::MAX_ROWS;
/// The most answers one file may carry (the worksheets ask a few hundred questions).
pub const MAX_ANSWERS: usize = <super::tables::Answers as super::tables::ExchangeTable>::MAX_ROWS;

/// One coalition as it travels between partners: its details and the rows of every table (its
/// answers, its records...), deletion markers included so that deletions travel too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeFile {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// The format version, [`FORMAT_VERSION`] for files this code writes.
    pub version: i64,
    /// When the file was made (UTC, RFC 3339 with milliseconds).
    pub exported_at: String,
    /// Free text: who made the file, if they said.
    #[serde(default)]
    pub exported_by: Option<String>,
    /// The version of Common Ground that made the file, for support questions.
    #[serde(default)]
    pub app_version: String,
    /// When the sending copy last exchanged a file for this coalition before making this one.
    /// Merges use it to tell a conflict from a plain update; see `merge`.
    #[serde(default)]
    pub last_exchange_at: Option<String>,
    /// True when private record fields were left out; merging such a file keeps the private
    /// fields the receiver already has.
    #[serde(default)]
    pub private_left_out: bool,
    /// Format 2: which copy made the file, what it had seen and the last change of every row.
    /// Absent in version 1 files, which merge by times (see `merge`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<FileHistory>,
    pub coalition: Coalition,
    /// The rows of every table, by table (see `tables`).
    pub tables: Tables,
}

/// What a version 2 file says about the changes it carries; see `docs/exchange-format.md`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHistory {
    /// The copy id of the installation that made the file.
    pub copy_id: String,
    /// The maker's version vector for this coalition: for every copy, the highest change counter
    /// of that copy whose effect the file includes.
    pub versions: VersionVector,
    /// The last change of every row in the file (the coalition and each row of every table), by
    /// row id.
    pub changes: std::collections::BTreeMap<String, Change>,
}

impl FileHistory {
    /// The newest stamp in the file.
    pub fn newest_stamp(&self) -> Option<i64> {
        self.changes.values().map(|c| c.stamp).max()
    }
}

/// The file's bytes: pretty-printed JSON (two-space indent, a final newline) with a stable key
/// order, so that the same data always gives the same bytes and files diff well.
pub fn to_json_bytes(file: &ExchangeFile) -> Vec<u8> {
    struct Canonical<'a>(&'a mut Tables);
    impl TableVisitor for Canonical<'_> {
        fn visit<T: Registered>(&mut self) -> crate::error::Result<()> {
            T::rows_mut(self.0).iter_mut().for_each(T::canonicalize);
            Ok(())
        }
    }
    let mut file = file.clone();
    visit_tables(&mut Canonical(&mut file.tables)).expect("putting keys in order cannot fail");
    let mut bytes = if file.version == 1 { version_1_bytes(&file) } else { serde_json::to_vec_pretty(&file) }
        .expect("an exchange file always serializes");
    bytes.push(b'\n');
    bytes
}

/// A file read as version 1 (which only reading one makes) is written back as version 1 was:
/// its two lists at the top, no `tables`, no history. So what is read is what is written.
fn version_1_bytes(file: &ExchangeFile) -> serde_json::Result<Vec<u8>> {
    #[derive(Serialize)]
    struct Version1<'a> {
        format: &'a str,
        version: i64,
        exported_at: &'a str,
        exported_by: &'a Option<String>,
        app_version: &'a str,
        last_exchange_at: &'a Option<String>,
        private_left_out: bool,
        coalition: &'a Coalition,
        answers: &'a [crate::model::Answer],
        records: &'a [crate::model::Record],
    }
    serde_json::to_vec_pretty(&Version1 {
        format: &file.format,
        version: file.version,
        exported_at: &file.exported_at,
        exported_by: &file.exported_by,
        app_version: &file.app_version,
        last_exchange_at: &file.last_exchange_at,
        private_left_out: file.private_left_out,
        coalition: &file.coalition,
        answers: &file.tables.answers,
        records: &file.tables.records,
    })
}
