//! Worksheet definitions: the guided questions, read from the data files in `core/worksheets/`.
//! This module owns their shape and the rules for what an answer or a record may hold. It does
//! not store anything; callers check a value here, then hand it to the store.
//!
//! Content is data: adding a question means editing a TOML file and nothing else. Ids never
//! change once released, because saved answers and exported files refer to them.
//!
//! - `catalog`: the types of the data files.
//! - `load` / `validate`: parsing the embedded files once, and every rule they must follow.
//! - `value` / `field` / `scalar`: checking and normalising answers, table cells and records.
//! - `privacy`: what "private" covers, for the exchange file and the plan alike.
//! - `progress`: how far a coalition has come through the worksheets.
//! - `suggestion`: what the wizard shows beside a question whose side panel is "suggestion" (the
//!   structure worksheet suggests a structure), from the worksheet's `[suggestion]` rule.
//! - `totals`: how a list of money adds up, from its kind's `[record_kind.totals]` rule.

mod catalog;
mod field;
mod load;
pub mod privacy;
mod progress;
mod scalar;
mod suggestion;
mod totals;
mod validate;
mod value;

pub use catalog::*;
pub use field::{check_field, check_record, check_record_at};
pub use load::{catalog, parse_catalog, with_tables, EMBEDDED_TABLES, EMBEDDED_RECORDS, EMBEDDED_STAGES, EMBEDDED_WORKSHEETS};
pub use progress::{progress, PlanProgress, WorksheetProgress};
pub use suggestion::{shown_suggestion, suggest, suggested_question, ShownSuggestion, Suggestion};
pub use totals::{shown_totals, Direction, ShownTotals, Totals};
pub use scalar::{clean_line, is_blank};
pub use value::{check_answer, check_answer_at, is_empty_value};
