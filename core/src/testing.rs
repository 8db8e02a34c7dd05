//! Checks shared by the core's tests and the fuzz target (feature `testing`), so both hold every
//! accepted file to the same property: each coalition it touched still lists, exports (and its
//! own file reads back), prints its plan, and takes a new item of every record kind, which lands
//! at the end of its list.

use crate::model::Record;
use crate::plan::{self, PlanSettings};
use crate::store::{answers, coalitions, records};
use crate::worksheets::{self, FieldKind, RecordKind};
use crate::{db, exchange};
use rusqlite::backup::Backup;
use rusqlite::Connection;
use serde_json::{Map, Value};

/// Panics, saying what broke, unless the coalition still works. Runs on a copy of the database,
/// so the caller's data (and its exchange history) stays exactly as it was.
pub fn assert_coalition_still_works(conn: &Connection, coalition_id: &str) {
    let copy = copy_of(conn);
    let conn = &copy;
    let catalog = worksheets::catalog();
    let coalition = coalitions::get_coalition(conn, coalition_id).expect("the coalition is there");
    assert!(
        coalitions::list_coalitions(conn).expect("coalitions list").iter().any(|c| c.id == coalition_id),
        "{:?} is not listed",
        coalition.name
    );
    let answers = answers::list_answers(conn, coalition_id).expect("answers list");
    let counts = records::count_records_by_kind(conn, coalition_id).expect("records count");
    worksheets::progress(catalog, &answers, &counts);
    for kind in &catalog.record_kinds {
        records::list_records(conn, coalition_id, &kind.id).expect("records list");
    }

    for leave_out_private in [false, true] {
        let options = exchange::ExportOptions { leave_out_private, ..Default::default() };
        let file = exchange::export_coalition(conn, coalition_id, &options).expect("the coalition exports");
        let bytes = exchange::to_json_bytes(&file);
        exchange::read_exchange_file(&bytes).expect("its own file reads back");
        let settings = PlanSettings { leave_out_private, ..Default::default() };
        let pdf = plan::render_plan(conn, coalition_id, &settings).expect("its plan prints");
        assert!(pdf.starts_with(b"%PDF"));
    }

    for kind in &catalog.record_kinds {
        let data = worksheets::check_record(kind, &smallest_record(kind)).expect("a valid new item");
        let added = records::create_record(conn, coalition_id, &kind.id, &data)
            .unwrap_or_else(|e| panic!("a new {} can't be added: {e}", kind.label));
        let listed: Vec<Record> = records::list_records(conn, coalition_id, &kind.id).expect("records list");
        assert_eq!(listed.last().map(|r| &r.id), Some(&added.id), "a new {} goes to the end of its list", kind.label);
    }
    exchange::export_coalition(conn, coalition_id, &Default::default()).expect("it exports with the new items");
}

/// An in-memory copy of the whole database.
fn copy_of(conn: &Connection) -> Connection {
    let mut copy = db::open_in_memory().expect("an empty database");
    Backup::new(conn, &mut copy)
        .and_then(|backup| backup.run_to_completion(1_000, std::time::Duration::ZERO, None))
        .expect("the database copies");
    copy
}

/// A record with just its required fields filled in.
fn smallest_record(kind: &RecordKind) -> Map<String, Value> {
    kind.fields
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let value = match f.kind {
                FieldKind::ShortText | FieldKind::LongText => Value::from("Added after the import"),
                FieldKind::SingleChoice => Value::from(f.options[0].id.as_str()),
                FieldKind::YesNo => Value::from(true),
                FieldKind::Rating => Value::from(3),
                FieldKind::Number => Value::from(1),
                FieldKind::Money => Value::from(100),
                FieldKind::Date => Value::from("2025-01-31"),
                FieldKind::Email => Value::from("new@example.org"),
                FieldKind::Phone => Value::from("555-0100"),
                FieldKind::Reference | FieldKind::References => Value::Null,
            };
            (f.id.clone(), value)
        })
        .collect()
}
