//! The exchange file: one coalition in a `.coalition` file that partners open or merge.
//! The format is described for people in `docs/exchange-format.md`.
//!
//! - `format`: the file's shape, its limits and writing it as bytes;
//! - `tables`: each table the file carries, described once (adding a table starts there);
//! - `source`: reading a chosen file's bytes, safely (at most the size limit, regular files only);
//! - `limits`: counting a file's JSON before any of it is built;
//! - `validate`: reading a file and checking all of it before anything is written;
//! - `place`: where in a file something is wrong, for the refusals;
//! - `export`: making a file from the database;
//! - `import`: opening a file as a coalition of its own;
//! - `merge`: planning and applying a merge into a coalition that is already here;
//! - `labels`: names a person recognises, for messages and summaries;
//! - `canonical`: JSON keys in a stable order, for the file's bytes.
//!
//! This module owns the format and the merge rules. It opens no dialogs: the shell asks where,
//! and this module reads or writes only the path it is given. It writes to the database only
//! through one transaction per operation, so a refused or failed import leaves the data exactly
//! as it was.

mod canonical;
mod export;
mod format;
mod import;
mod labels;
mod limits;
mod merge;
mod place;
mod source;
pub mod tables;
mod validate;

pub use export::{export_coalition, export_coalition_to_file, last_exchange_at, private_details_incomplete, ExportOptions};
pub use format::{
    to_json_bytes, ExchangeFile, FileHistory, FILE_EXTENSION, FORMAT_NAME, FORMAT_VERSION, MAX_ANSWERS, MAX_FILE_BYTES,
    MAX_RECORDS,
};
pub use import::{import_as_new, preview_file, FilePreview};
pub use labels::{answer_label, record_label};
pub use limits::{bounds as count_bounds, Bounds as CountBounds};
pub use tables::{Tables, TABLE_NAMES};
pub use merge::{
    apply_merge, plan_merge, Choice, ConflictSide, ItemKind, MergeChoices, MergeConflict, MergeItem, MergePlan,
    MergeSummary,
};
pub use source::read_exchange_file_at;
pub use validate::{read_exchange_file, read_exchange_file_with};
