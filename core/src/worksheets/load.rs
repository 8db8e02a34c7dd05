//! Parsing the worksheet data files and keeping the result for the life of the program.
//! The files are embedded at build time (see `build.rs`), so a running app never reads them
//! from disk and can't find them missing or half-edited.

use std::sync::OnceLock;

use serde::Deserialize;

use super::catalog::{Catalog, RecordKind, Stage};
use super::validate::validate;

/// `worksheets/stages.toml`, as built into the app.
pub const EMBEDDED_STAGES: &str = include_str!("../../worksheets/stages.toml");

/// `worksheets/records.toml`, as built into the app.
pub const EMBEDDED_RECORDS: &str = include_str!("../../worksheets/records.toml");

/// Every worksheet file as (file name, contents), sorted by file name.
pub const EMBEDDED_WORKSHEETS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/worksheet_files.rs"));

/// Every `tables/AREA.toml` as (file name, contents), sorted by file name.
pub const EMBEDDED_TABLES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/table_files.rs"));

/// The layout of `tables/AREA.toml`: `[[table]]` blocks, each described as a record kind is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TablesFile {
    #[serde(default)]
    table: Vec<RecordKind>,
}

/// The layout of `stages.toml`: `[[stage]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StagesFile {
    #[serde(default)]
    stage: Vec<Stage>,
}

/// The layout of `records.toml`: `[[record_kind]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordsFile {
    #[serde(default)]
    record_kind: Vec<RecordKind>,
}

/// The catalog built into the app, parsed on first use.
///
/// Panics if the embedded files are invalid. The test suite parses exactly these files, so that
/// can only happen in a build whose tests failed.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        parse_catalog(EMBEDDED_STAGES, EMBEDDED_RECORDS, EMBEDDED_WORKSHEETS)
            .and_then(|catalog| with_tables(catalog, EMBEDDED_TABLES))
            .unwrap_or_else(|problems| {
                panic!("The worksheet data built into this program is invalid:\n{}", problems.join("\n"))
            })
    })
}

/// Adds the areas' tables (`tables`: (file name, contents) pairs) to a checked catalog, and
/// checks them against it.
pub fn with_tables(mut catalog: Catalog, tables: &[(&str, &str)]) -> Result<Catalog, Vec<String>> {
    let mut problems = Vec::new();
    let files: Vec<(&str, Vec<RecordKind>)> = tables
        .iter()
        .filter_map(|(name, text)| parse::<TablesFile>(name, text, &mut problems).map(|f| (*name, f.table)))
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    catalog.tables = files.iter().flat_map(|(_, tables)| tables.iter().cloned()).collect();
    let by_file: Vec<(&str, &[RecordKind])> = files.iter().map(|(name, tables)| (*name, tables.as_slice())).collect();
    let problems = super::validate::validate_tables(&catalog, &by_file);
    if problems.is_empty() { Ok(catalog) } else { Err(problems) }
}

/// Parses and checks a set of data files. `worksheets` holds (file name, contents) pairs in the
/// order the worksheets should appear. Returns every problem found, each naming its file (and
/// its question, where there is one), so that one run shows everything to fix.
pub fn parse_catalog(
    stages_toml: &str,
    records_toml: &str,
    worksheets: &[(&str, &str)],
) -> Result<Catalog, Vec<String>> {
    let mut problems = Vec::new();
    let stages = parse::<StagesFile>("stages.toml", stages_toml, &mut problems).map(|f| f.stage);
    let record_kinds = parse::<RecordsFile>("records.toml", records_toml, &mut problems).map(|f| f.record_kind);
    let sheets: Vec<_> = worksheets.iter().map(|(name, text)| parse(name, text, &mut problems)).collect();
    if !problems.is_empty() {
        // Cross-file checks would only repeat the parse errors in other words.
        return Err(problems);
    }

    let catalog = Catalog {
        stages: stages.unwrap_or_default(),
        worksheets: sheets.into_iter().flatten().collect(),
        record_kinds: record_kinds.unwrap_or_default(),
        tables: Vec::new(),
    };
    let file_names: Vec<&str> = worksheets.iter().map(|(name, _)| *name).collect();
    let problems = validate(&catalog, &file_names);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(problems)
    }
}

fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str, problems: &mut Vec<String>) -> Option<T> {
    match toml::from_str(text) {
        Ok(value) => Some(value),
        Err(err) => {
            problems.push(format!("{file}: {}", err.to_string().trim_end()));
            None
        }
    }
}
