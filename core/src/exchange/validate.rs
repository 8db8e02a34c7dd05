//! Reading a `.coalition` file: every check happens here, on the whole file, before anything is
//! written. What comes out is normalised (ids in lower-case hyphenated form, times in UTC with
//! milliseconds, answers and records as the worksheet rules tidy them), so the importer and the
//! merger can trust it.
//!
//! Every refusal is one plain sentence or two for a person who has never heard of JSON; the
//! technical detail (line and column, the field's name) is added only where it helps someone
//! who does look inside.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::format::*;
use super::place::{changed_in_the_future, check_uuid, damaged, newer_content, Place, FUTURE_TOLERANCE_HOURS};
use super::tables::{visit_tables, CheckContext, Registered, TableRow, TableVisitor, Tables, TABLE_NAMES};
use crate::error::{Error, Result};
use crate::model::{Coalition, CoalitionFields};
use crate::store::coalitions::validate_fields;
use crate::text;
use crate::worksheets::{self, Catalog};

/// The longest free text in the file's header.
const MAX_HEADER_TEXT_CHARS: usize = 200;

/// Reads and checks a whole `.coalition` file against the worksheets this version knows.
pub fn read_exchange_file(bytes: &[u8]) -> Result<ExchangeFile> {
    read_exchange_file_with(bytes, worksheets::catalog())
}

/// [`read_exchange_file`] against a given catalog (tests use small ones).
pub fn read_exchange_file_with(bytes: &[u8], catalog: &Catalog) -> Result<ExchangeFile> {
    let value = parse_json(bytes)?;
    check_file(value, catalog)
}

fn not_ours() -> Error {
    Error::Invalid(text::t("exchange.file_not_ours", &[]))
}

/// The refusal for a file over [`MAX_FILE_BYTES`]. Only the first bytes past the limit are ever
/// read, so it does not say how big the file is.
pub(super) fn too_big() -> Error {
    Error::Invalid(text::t("exchange.file_too_big", &[("megabytes", &(MAX_FILE_BYTES / (1024 * 1024)))]))
}

/// Size, text and JSON: everything before we look at what the JSON says.
fn parse_json(bytes: &[u8]) -> Result<Value> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    // Some editors put a byte-order mark in front of UTF-8 text; it means nothing here.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Invalid(text::t("exchange.file_empty", &[])));
    }
    let looks_ours = {
        let head = &bytes[..bytes.len().min(512)];
        head.windows(FORMAT_NAME.len()).any(|w| w == FORMAT_NAME.as_bytes())
    };
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first != Some(b'{') || (!looks_ours && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err()) {
        // Not JSON at all, or broken JSON that never claimed to be ours: a PDF, a photo, a
        // spreadsheet, a note.
        return Err(not_ours());
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) if err.error_len().is_none() => {
            return Err(Error::Invalid(text::t("exchange.file_stops_midway", &[])))
        }
        Err(err) => {
            return Err(damaged(text::t("exchange.detail_not_text", &[("byte", &(err.valid_up_to() + 1))])))
        }
    };
    super::limits::check_counts(text)?;
    serde_json::from_str::<Value>(text).map_err(|err| match err.classify() {
        serde_json::error::Category::Eof => {
            Error::Invalid(text::t("exchange.file_stops_early", &[("line", &err.line()), ("column", &err.column())]))
        }
        _ => Error::Invalid(text::t("exchange.file_unreadable_past", &[("line", &err.line()), ("column", &err.column())])),
    })
}

/// What the JSON says: format, version, then every field of every row.
fn check_file(value: Value, catalog: &Catalog) -> Result<ExchangeFile> {
    let Value::Object(mut top) = value else { return Err(not_ours()) };
    match top.get("format") {
        Some(Value::String(name)) if name == FORMAT_NAME => {}
        _ => return Err(not_ours()),
    }
    let version = match top.get("version") {
        None => return Err(damaged(text::t("exchange.detail_no_version", &[]))),
        Some(v) => v.as_i64().filter(|v| *v >= 1).ok_or_else(|| damaged(text::t("exchange.detail_unknown_version", &[])))?,
    };
    if version > FORMAT_VERSION {
        return Err(Error::TooNew { found: version, supported: FORMAT_VERSION });
    }
    let now = crate::time::wall_clock();
    let header_name = text::t("exchange.place_header", &[]);
    let header = Place::new(&header_name, &top, now);
    let exported_at = header.timestamp("exported_at")?;
    let exported_by = header.opt_line("exported_by", MAX_HEADER_TEXT_CHARS)?;
    let app_version = header.opt_line("app_version", MAX_HEADER_TEXT_CHARS)?.unwrap_or_default();
    let last_exchange_at = header.opt_timestamp("last_exchange_at")?;
    let private_left_out = header.opt_bool("private_left_out")?.unwrap_or(false);
    let history = match (version, top.remove("history")) {
        (1, _) => None,
        (_, Some(Value::Object(map))) => Some(check_history(&map, now)?),
        (_, Some(_)) => return Err(damaged(text::t("exchange.detail_history_unusual", &[]))),
        (_, None) => return Err(damaged(text::t("exchange.detail_no_history", &[]))),
    };

    let coalition = match top.remove("coalition") {
        Some(Value::Object(map)) => check_coalition(&map, now)?,
        Some(_) => return Err(damaged(text::t("exchange.detail_coalition_unusual", &[]))),
        None => return Err(damaged(text::t("exchange.detail_no_coalition", &[]))),
    };
    // Version 2 groups the rows by table under `tables`; version 1 had its two lists at the top.
    let mut lists = match (version, top.remove("tables")) {
        (1, _) => top,
        (_, Some(Value::Object(lists))) => lists,
        (_, Some(_)) => return Err(damaged(text::t("exchange.detail_tables_unusual", &[]))),
        (_, None) => return Err(damaged(text::t("exchange.detail_no_tables", &[]))),
    };
    if version > 1 {
        if let Some(unknown) = lists.keys().find(|name| !TABLE_NAMES.contains(&name.as_str())) {
            return Err(newer_content(text::t("exchange.newer_table", &[("id", &unknown)])));
        }
    }
    let context = CheckContext { coalition_id: &coalition.id, catalog, private_left_out, now };
    let mut reader = TableReader {
        lists: &mut lists,
        context: &context,
        every_list_required: version == 1,
        tables: Tables::default(),
        ids: HashSet::new(),
    };
    visit_tables(&mut reader)?;
    let tables = reader.tables;

    let history = match history {
        None => None,
        Some(history) => Some(complete_history(history, &coalition, &tables)?),
    };
    Ok(ExchangeFile {
        format: FORMAT_NAME.into(),
        version,
        exported_at,
        exported_by,
        app_version,
        last_exchange_at,
        private_left_out,
        history,
        coalition,
        tables,
    })
}

/// Takes each table's list out of the file and checks every row of it.
struct TableReader<'a> {
    lists: &'a mut Map<String, Value>,
    context: &'a CheckContext<'a>,
    /// A version 1 file must have both its lists. A version 2 file without a table has no rows
    /// of it: it was made by a version that did not have that table yet.
    every_list_required: bool,
    tables: Tables,
    /// Every row id seen so far, in every table: a row's change in the history is found by id.
    ids: HashSet<String>,
}

impl TableVisitor for TableReader<'_> {
    fn visit<T: Registered>(&mut self) -> Result<()> {
        let what = T::what();
        let items = match self.lists.remove(T::NAME) {
            Some(Value::Array(items)) if items.len() > T::MAX_ROWS => {
                return Err(Error::Invalid(text::t(
                    "exchange.file_too_many",
                    &[("what", &what), ("count", &items.len()), ("max", &T::MAX_ROWS)],
                )))
            }
            Some(Value::Array(items)) => items,
            Some(_) => return Err(damaged(text::t("exchange.detail_list_unusual", &[("what", &what)]))),
            None if !self.every_list_required || !T::IN_FORMAT_1 => Vec::new(),
            None => return Err(damaged(text::t("exchange.detail_no_list", &[("what", &what)]))),
        };
        let mut natural_keys = HashSet::new();
        let rows = T::rows_mut(&mut self.tables);
        rows.reserve(items.len());
        for (index, value) in items.into_iter().enumerate() {
            let place = T::place(index + 1);
            let Value::Object(map) = value else {
                return Err(damaged(text::t("exchange.detail_unusual", &[("place", &place)])));
            };
            let Some(row) = T::check(&map, &place, self.context)? else { continue };
            if !self.ids.insert(row.id().to_string()) {
                let item = T::label(self.context.catalog, &row);
                return Err(damaged(text::t("exchange.detail_id_twice", &[("place", &place), ("item", &item)])));
            }
            if let Some(key) = T::natural_key(&row) {
                if !natural_keys.insert(key) {
                    return Err(T::natural_key_twice(self.context.catalog, &row));
                }
            }
            rows.push(row);
        }
        Ok(())
    }
}

/// The most copies a version vector may name: far beyond any real group of partners.
const MAX_COPIES: usize = 10_000;
/// The largest stamp we take: what JSON numbers hold exactly everywhere.
const MAX_NUMBER: i64 = (1 << 53) - 1;
/// The largest change counter we take: a trillion changes, far below [`MAX_NUMBER`], so that a
/// crafted file can never leave a copy without numbers for its own next changes.
const MAX_COUNTER: i64 = 1 << 40;

fn check_history(map: &Map<String, Value>, now: DateTime<Utc>) -> Result<FileHistory> {
    let place_name = text::t("exchange.place_history", &[]);
    let place = Place::new(&place_name, map, now);
    let copy_id = place.uuid("copy_id")?;
    let latest_stamp = (now + chrono::Duration::hours(FUTURE_TOLERANCE_HOURS)).timestamp_millis();
    let Value::Object(seen) = place.get("versions")? else { return Err(place.wrong("versions")) };
    if seen.len() > MAX_COPIES {
        return Err(damaged(text::t("exchange.detail_too_many_copies", &[])));
    }
    let mut versions = crate::store::versions::VersionVector::new();
    for (copy, counter) in seen {
        let copy = check_uuid(copy).ok_or_else(|| place.wrong("versions"))?;
        let counter = counter.as_i64().filter(|n| (1..=MAX_COUNTER).contains(n)).ok_or_else(|| place.wrong("versions"))?;
        versions.insert(copy, counter);
    }
    let Value::Object(listed) = place.get("changes")? else { return Err(place.wrong("changes")) };
    let mut changes = std::collections::BTreeMap::new();
    let change_place = text::t("exchange.place_change", &[]);
    for (row_id, change) in listed {
        let row_id = check_uuid(row_id).ok_or_else(|| place.wrong("changes"))?;
        let Value::Object(change) = change else { return Err(place.wrong("changes")) };
        let at = Place::new(&change_place, change, now);
        let number = |key: &str, range: std::ops::RangeInclusive<i64>| -> Result<i64> {
            at.get(key)?.as_i64().filter(|n| range.contains(n)).ok_or_else(|| at.wrong(key))
        };
        let stamp = number("stamp", 0..=MAX_NUMBER)?;
        if stamp > latest_stamp {
            let day = DateTime::<Utc>::from_timestamp_millis(stamp).map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string());
            return Err(changed_in_the_future(&day));
        }
        let change = crate::store::changes::Change { copy: at.uuid("copy")?, counter: number("counter", 1..=MAX_COUNTER)?, stamp };
        changes.insert(row_id, change);
    }
    Ok(FileHistory { copy_id, versions, changes })
}

/// Keeps only the changes of rows the file carries, requires one for each, and makes the version
/// vector cover them (a file has seen its own rows' changes).
fn complete_history(mut history: FileHistory, coalition: &Coalition, tables: &Tables) -> Result<FileHistory> {
    let ids = std::iter::once(coalition.id.as_str()).chain(tables.row_ids());
    let mut kept = std::collections::BTreeMap::new();
    for id in ids {
        let change = history
            .changes
            .remove(id)
            .ok_or_else(|| damaged(text::t("exchange.detail_change_unknown", &[])))?;
        let seen = history.versions.entry(change.copy.clone()).or_insert(0);
        *seen = (*seen).max(change.counter);
        kept.insert(id.to_string(), change);
    }
    history.changes = kept;
    Ok(history)
}

fn check_coalition(map: &Map<String, Value>, now: DateTime<Utc>) -> Result<Coalition> {
    let place_name = text::t("exchange.place_coalition", &[]);
    let place = Place::new(&place_name, map, now);
    let id = place.uuid("id")?;
    let fields = CoalitionFields {
        name: place.text("name", usize::MAX)?,
        focus: place.opt_text("focus", usize::MAX)?.unwrap_or_default(),
        start_date: place.opt_text("start_date", usize::MAX)?,
        prepared_by: place.opt_text("prepared_by", usize::MAX)?.unwrap_or_default(),
    };
    let fields = validate_fields(&fields)
        .map_err(|err| Error::Invalid(text::t("exchange.file_coalition_unusable", &[("problem", &err)])))?;
    let created_at = place.timestamp("created_at")?;
    let updated_at = place.timestamp("updated_at")?;
    if place.opt_timestamp("deleted_at")?.is_some() {
        return Err(damaged(text::t("exchange.detail_coalition_deleted", &[])));
    }
    Ok(Coalition {
        id,
        name: fields.name,
        focus: fields.focus,
        start_date: fields.start_date,
        prepared_by: fields.prepared_by,
        // Only the example the app itself creates is marked as the example; "Open the example"
        // must never land on a coalition from a file.
        is_example: false,
        created_at,
        updated_at,
        deleted_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A catalog of one worksheet with a rating question, and one record kind whose required
    /// field is private.
    fn tiny_catalog() -> Catalog {
        let stages = "[[stage]]\nid = \"frame\"\ntitle = \"Frame\"\nintro = \"Start.\"\n";
        let records = r#"
[[record_kind]]
id = "contact"
label = "Contact"
plural = "Contacts"
title_field = "role"
[[record_kind.fields]]
id = "role"
label = "Role"
kind = "short_text"
[[record_kind.fields]]
id = "phone"
label = "Phone"
kind = "phone"
required = true
private = true
"#;
        let sheet = r#"
id = "check"
title = "Check"
stage = "frame"
intro = "Rate it."
[[steps]]
id = "one"
title = "One"
[[steps.questions]]
id = "score"
kind = "rating"
prompt = "How good is it?"
label = "Score"
"#;
        crate::worksheets::parse_catalog(stages, records, &[("check.toml", sheet)])
            .unwrap_or_else(|problems| panic!("{problems:?}"))
    }

    const CID: &str = "6F1C2B9E-4D3A-4C8E-9B7A-2E5D8F0A1C34";

    fn file(private_left_out: bool, score: Value, record_data: Value) -> Vec<u8> {
        serde_json::to_vec(&json!({
            "format": FORMAT_NAME,
            "version": 1,
            "exported_at": "2025-03-14T18:20:05+02:00",
            "private_left_out": private_left_out,
            "coalition": {
                "id": CID, "name": "  Tiny  ", "created_at": "2025-01-01T00:00:00Z",
                "updated_at": "2025-01-01T00:00:00.5Z"
            },
            "answers": [{
                "id": "0b6e7f52-91c4-4a8f-8d2e-3f9a1b7c5d60", "coalition_id": CID,
                "worksheet_id": "check", "question_id": "score", "value": score,
                "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"
            }],
            "records": [{
                "id": "{a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d}", "coalition_id": CID, "kind": "contact",
                "data": record_data,
                "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"
            }]
        }))
        .unwrap()
    }

    #[test]
    fn ids_times_and_text_come_out_normalised() {
        let catalog = tiny_catalog();
        let read = read_exchange_file_with(&file(false, json!(4), json!({"role": "Chair", "phone": "555 0100"})), &catalog).unwrap();
        assert_eq!(read.coalition.id, CID.to_lowercase());
        assert_eq!(read.coalition.name, "Tiny");
        assert_eq!(read.exported_at, "2025-03-14T16:20:05.000Z");
        assert_eq!(read.coalition.updated_at, "2025-01-01T00:00:00.500Z");
        assert_eq!(read.tables.records[0].id, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
        assert_eq!(read.tables.records[0].coalition_id, read.coalition.id);
        assert_eq!(read.tables.records[0].position, 0);
        assert_eq!(read.tables.answers[0].deleted_at, None);
        assert_eq!(read.exported_by, None);
    }

    #[test]
    fn values_are_checked_against_the_given_catalog() {
        let catalog = tiny_catalog();
        let err = read_exchange_file_with(&file(false, json!(9), json!({"phone": "555 0100"})), &catalog).unwrap_err();
        assert!(err.to_string().contains("\"Score\" (Check)"), "{err}");
        // The real catalog has no such worksheet: the same file is from a "newer version".
        let err = read_exchange_file(&file(false, json!(4), json!({"phone": "555 0100"}))).unwrap_err();
        assert!(err.to_string().contains("newer version"), "{err}");
    }

    #[test]
    fn a_required_private_field_may_be_missing_only_when_private_details_were_left_out() {
        let catalog = tiny_catalog();
        let err = read_exchange_file_with(&file(false, json!(4), json!({"role": "Chair"})), &catalog).unwrap_err();
        assert!(err.to_string().contains("Phone"), "{err}");
        let read = read_exchange_file_with(&file(true, json!(4), json!({"role": "Chair"})), &catalog).unwrap();
        assert!(read.private_left_out);
        assert_eq!(read.tables.records[0].data, json!({"role": "Chair"}).as_object().unwrap().clone());
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let catalog = tiny_catalog();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(file(false, json!(4), json!({"phone": "555 0100"})));
        read_exchange_file_with(&bytes, &catalog).unwrap();
    }
}
