//! List items (partners, objectives, budget lines...) in the file, matched across copies by id.

use std::collections::HashMap;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::{CheckContext, ExchangeTable, Mergeable};
use crate::error::{Error, Result};
use crate::exchange::labels::{changed_field_labels, preview_value, record_label};
use crate::exchange::place::{damaged, newer_content, Place, MAX_ID_CHARS};
use crate::model::Record;
use crate::store::records;
use crate::store::row::Table;
use crate::text;
use crate::worksheets::{self, privacy, Catalog, RecordKind};

/// The `records` table.
pub struct Records;

impl Mergeable for Records {
    type Row = Record;
    const TABLE: Table = Table::Records;
    const ITEM_KIND: &'static str = "record";

    fn item_key(row: &Record) -> String {
        format!("record:{}", row.id)
    }

    fn label(catalog: &Catalog, row: &Record) -> String {
        record_label(catalog, &row.kind, &row.data)
    }

    fn same_content(mine: &Record, theirs: &Record) -> bool {
        mine.deleted_at.is_some() || (mine.kind == theirs.kind && mine.data == theirs.data)
    }

    fn preview(row: &Record) -> String {
        preview_value(&Value::Object(row.data.clone()))
    }

    fn changed_fields(catalog: &Catalog, mine: &Record, theirs: &Record) -> Vec<String> {
        changed_field_labels(catalog.record_kind(&theirs.kind), &mine.data, &theirs.data)
    }

    fn write(conn: &Connection, row: &Record) -> Result<()> {
        records::put_record_row(conn, row)
    }
}

impl ExchangeTable for Records {
    const MAX_ROWS: usize = 100_000;
    // Its own keys and times, at most a dozen fields with their keys, and its history entry.
    const VALUES_PER_ROW: usize = 33;
    const LISTS_PER_ROW: usize = 1;
    const OBJECTS_PER_ROW: usize = 3;
    const IN_FORMAT_1: bool = true;

    fn what() -> String {
        text::t("exchange.what_items", &[])
    }

    fn place(number: usize) -> String {
        text::t("exchange.place_item", &[("number", &number)])
    }

    fn check(map: &Map<String, Value>, where_: &str, context: &CheckContext) -> Result<Option<Record>> {
        let place = Place::new(where_, map, context.now);
        let id = place.uuid("id")?;
        place.same_coalition(context.coalition_id)?;
        let kind = place.text("kind", MAX_ID_CHARS)?;
        let Some(def) = context.catalog.record_kind(&kind) else {
            return Err(newer_content(text::t("exchange.newer_kind", &[("id", &kind)])));
        };
        // Only the order matters: records are renumbered 1, 2, 3... when they are written.
        let position = match map.get("position") {
            None | Some(Value::Null) => 0,
            Some(v) => v.as_i64().ok_or_else(|| damaged(text::t("exchange.detail_position", &[("place", &where_)])))?,
        };
        let data = match place.get("data")? {
            Value::Object(data) => data,
            _ => return Err(damaged(text::t("exchange.detail_data_unusual", &[("place", &where_)]))),
        };
        let data = check_data(def, data, context.private_left_out).map_err(|err| {
            let item = record_label(context.catalog, &kind, data);
            Error::Invalid(text::t("exchange.file_item_unusable", &[("item", &item), ("problem", &err)]))
        })?;
        Ok(Some(Record {
            id,
            coalition_id: context.coalition_id.into(),
            kind,
            position,
            data,
            created_at: place.timestamp("created_at")?,
            updated_at: place.timestamp("updated_at")?,
            deleted_at: place.opt_timestamp("deleted_at")?,
        }))
    }

    fn read(conn: &Connection, coalition_id: &str) -> Result<Vec<Record>> {
        let mut rows = records::list_all_records(conn, coalition_id)?;
        rows.sort_by(|a, b| (&a.kind, a.position, &a.created_at, &a.id).cmp(&(&b.kind, b.position, &b.created_at, &b.id)));
        Ok(rows)
    }

    fn leave_out_private(rows: &mut Vec<Record>, catalog: &Catalog) {
        for record in rows {
            if let Some(kind) = catalog.record_kind(&record.kind) {
                record.data = privacy::public_fields(kind, &record.data);
            }
        }
    }

    fn canonicalize(row: &mut Record) {
        row.data = crate::exchange::canonical::canonical_map(std::mem::take(&mut row.data));
    }

    /// A record keeps its place in this copy's list, and its private fields when the file left
    /// them out.
    fn keep_local_parts(catalog: &Catalog, mine: &Record, theirs: &mut Record, private_left_out: bool) {
        theirs.position = mine.position;
        if let (true, Some(kind)) = (private_left_out, catalog.record_kind(&theirs.kind)) {
            privacy::keep_private_fields(kind, &mine.data, &mut theirs.data);
        }
    }

    /// A field may hold another record's id: it follows that record to its id here.
    fn remap_references(row: &mut Record, ids: &HashMap<String, String>) {
        for value in row.data.values_mut() {
            remap_value(value, ids);
        }
    }

    fn after_write(conn: &Connection, coalition_id: &str) -> Result<()> {
        records::renumber_positions(conn, coalition_id)
    }
}

pub(super) fn remap_value(value: &mut Value, ids: &HashMap<String, String>) {
    match value {
        Value::String(text) => {
            if let Some(id) = ids.get(text.as_str()) {
                *text = id.clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| remap_value(v, ids)),
        Value::Object(map) => map.values_mut().for_each(|v| remap_value(v, ids)),
        _ => {}
    }
}

/// Checks a record's fields. When the sender left private fields out, a required private field
/// may be missing: the receiver's own copy (or nothing) fills it.
pub(super) fn check_data(def: &RecordKind, data: &Map<String, Value>, private_left_out: bool) -> Result<Map<String, Value>> {
    if private_left_out && def.fields.iter().any(|f| f.private && f.required) {
        let mut relaxed = def.clone();
        for field in relaxed.fields.iter_mut().filter(|f| f.private) {
            field.required = false;
        }
        return worksheets::check_record(&relaxed, data);
    }
    worksheets::check_record(def, data)
}
