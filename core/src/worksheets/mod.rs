//! Worksheet definitions: the guided questions, read from the data files in `core/worksheets/`.
//! This module owns their shape and the rules for what an answer or a record may hold. It does
//! not store anything; callers check a value here, then hand it to the store.
//!
//! Content is data: adding a question means editing a TOML file and nothing else. Ids never
//! change once released, because saved answers and exported files refer to them.

mod catalog;

pub use catalog::*;
