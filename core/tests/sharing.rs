//! Sharing among several copies: what each copy has seen from every other decides what is a
//! conflict, a slow clock never makes a later edit look older, and a file merged again updates
//! what its first merge added.

use std::thread::sleep;
use std::time::Duration;

use common_ground_core::db;
use common_ground_core::exchange::*;
use common_ground_core::model::{Coalition, CoalitionFields, Record};
use common_ground_core::store::{answers, coalitions, records};
use common_ground_core::time::with_clock_offset;
use common_ground_core::worksheets::{self, check_answer_at, check_record};
use rusqlite::Connection;
use serde_json::{json, Map, Value};

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().expect("an object").clone()
}

/// Lets the clock move on, so two edits in a row get different times.
fn tick() {
    sleep(Duration::from_millis(3));
}

fn new_coalition(conn: &Connection, name: &str) -> Coalition {
    coalitions::create_coalition(conn, &CoalitionFields { name: name.into(), ..Default::default() }).unwrap()
}

fn answer(conn: &Connection, cid: &str, ws: &str, q: &str, value: Value) {
    let clean = check_answer_at(worksheets::catalog(), ws, q, &value).unwrap().expect("not empty");
    answers::upsert_answer(conn, cid, ws, q, &clean).unwrap();
}

fn vision(conn: &Connection, cid: &str) -> Option<Value> {
    answers::get_answer(conn, cid, "vision", "vision").unwrap().map(|a| a.value)
}

fn record(conn: &Connection, cid: &str, kind: &str, data: Value) -> Record {
    let def = worksheets::catalog().record_kind(kind).unwrap();
    records::create_record(conn, cid, kind, &check_record(def, &obj(data)).unwrap()).unwrap()
}

/// Exports, writes the bytes and reads them back, as two apps would.
fn share(conn: &Connection, cid: &str) -> ExchangeFile {
    let file = export_coalition(conn, cid, &ExportOptions::default()).unwrap();
    read_exchange_file(&to_json_bytes(&file)).unwrap()
}

fn keys(items: &[MergeItem]) -> Vec<String> {
    items.iter().map(|i| i.key.clone()).collect()
}

fn merge(conn: &mut Connection, cid: &str, file: &ExchangeFile) -> MergeSummary {
    apply_merge(conn, cid, file, &MergeChoices::default()).unwrap()
}

#[test]
fn an_exchange_with_a_third_copy_never_hides_a_concurrent_edit() {
    let mut a = db::open_in_memory().unwrap();
    let c = new_coalition(&a, "Harbor Youth Coalition");
    answer(&a, &c.id, "vision", "vision", json!("The first draft."));
    tick();
    let f0 = share(&a, &c.id);
    let mut b = db::open_in_memory().unwrap();
    let mut partner_c = db::open_in_memory().unwrap();
    import_as_new(&mut b, &f0).unwrap();
    import_as_new(&mut partner_c, &f0).unwrap();
    tick();

    answer(&a, &c.id, "vision", "vision", json!("A's words."));
    tick();
    answer(&partner_c, &c.id, "vision", "vision_words", json!("Together"));
    let from_c = share(&partner_c, &c.id);
    merge(&mut a, &c.id, &from_c);
    tick();

    answer(&b, &c.id, "vision", "vision", json!("B's words."));
    tick();
    let _f1 = share(&b, &c.id);
    tick();
    let f2 = share(&b, &c.id);

    let plan = plan_merge(&a, &c.id, &f2).unwrap();
    assert!(!keys(&plan.updated).contains(&"answer:vision/vision".to_string()), "{plan:#?}");
    let conflicts: Vec<&str> = plan.conflicts.iter().map(|c| c.item.key.as_str()).collect();
    assert_eq!(conflicts, vec!["answer:vision/vision"], "{plan:#?}");
    assert_eq!(plan.conflicts[0].mine.preview, "A's words.");
    assert_eq!(plan.conflicts[0].theirs.preview, "B's words.");
}

#[test]
fn a_later_edit_from_a_clock_thirty_minutes_slow_is_taken() {
    let mut a = db::open_in_memory().unwrap();
    let c = new_coalition(&a, "Harbor Youth Coalition");
    answer(&a, &c.id, "vision", "vision", json!("A's first draft."));
    tick();
    let f0 = share(&a, &c.id);
    let mut b = db::open_in_memory().unwrap();
    let slow = -chrono::Duration::minutes(30);
    let from_b = with_clock_offset(slow, || {
        import_as_new(&mut b, &f0).unwrap();
        tick();
        answer(&b, &c.id, "vision", "vision", json!("B's better draft."));
        share(&b, &c.id)
    });

    let plan = plan_merge(&a, &c.id, &from_b).unwrap();
    assert!(plan.older_ignored.is_empty(), "B's edit came after A's draft: {plan:#?}");
    assert_eq!(keys(&plan.updated), vec!["answer:vision/vision"], "{plan:#?}");
    merge(&mut a, &c.id, &from_b);
    assert_eq!(vision(&a, &c.id), Some(json!("B's better draft.")));

    // A's next edit, made after seeing B's, is newer than B's on every clock.
    answer(&a, &c.id, "vision", "vision", json!("A's answer to B."));
    let back = share(&a, &c.id);
    let plan = with_clock_offset(slow, || plan_merge(&b, &c.id, &back).unwrap());
    assert_eq!(keys(&plan.updated), vec!["answer:vision/vision"], "{plan:#?}");
}

#[test]
fn merging_a_file_of_another_coalition_twice_adds_its_items_once() {
    let mut conn = db::open_in_memory().unwrap();
    let target = new_coalition(&conn, "Eastport Youth Network");
    let other = new_coalition(&conn, "Millbrook Youth Council");
    answer(&conn, &other.id, "vision", "vision_words", json!("Millbrook together"));
    record(&conn, &other.id, "partner", json!({"name": "County Health"}));
    record(&conn, &other.id, "partner", json!({"name": "Millbrook Library"}));
    let file = share(&conn, &other.id);

    assert_eq!(merge(&mut conn, &target.id, &file).added, 3);
    let second = merge(&mut conn, &target.id, &file);
    assert_eq!(second.added, 0, "{second:?}");
    assert_eq!(records::list_records(&conn, &target.id, "partner").unwrap().len(), 2);

    // A later edit in the other coalition comes in as an update of the item merged before.
    let library = records::list_records(&conn, &other.id, "partner").unwrap().pop().unwrap();
    tick();
    records::update_record(&conn, &library.id, &obj(json!({"name": "Millbrook Public Library"}))).unwrap();
    let later = share(&conn, &other.id);
    let plan = plan_merge(&conn, &target.id, &later).unwrap();
    assert!(plan.added.is_empty(), "{plan:#?}");
    assert_eq!(plan.updated.len(), 1, "{plan:#?}");
    merge(&mut conn, &target.id, &later);
    let names: Vec<Value> =
        records::list_records(&conn, &target.id, "partner").unwrap().into_iter().map(|r| r.data["name"].clone()).collect();
    assert_eq!(names, vec![json!("County Health"), json!("Millbrook Public Library")]);
}

#[test]
fn a_file_opened_as_new_and_then_merged_into_another_coalition_adds_its_items_once() {
    let sender = db::open_in_memory().unwrap();
    let other = new_coalition(&sender, "Millbrook Youth Council");
    record(&sender, &other.id, "partner", json!({"name": "County Health"}));
    let file = share(&sender, &other.id);

    let mut conn = db::open_in_memory().unwrap();
    let target = new_coalition(&conn, "Eastport Youth Network");
    import_as_new(&mut conn, &file).unwrap();
    assert_eq!(merge(&mut conn, &target.id, &file).added, 1);
    assert_eq!(merge(&mut conn, &target.id, &file).added, 0);
    assert_eq!(records::list_records(&conn, &target.id, "partner").unwrap().len(), 1);
    // The coalition opened as new is untouched by the merges into the other.
    assert_eq!(records::list_records(&conn, &other.id, "partner").unwrap().len(), 1);
}

/// The example file as version 1 of the format wrote it, frozen.
fn version_1_file() -> ExchangeFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-example.coalition");
    read_exchange_file(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_version_1_file_is_written_back_as_it_was_read() {
    // Found by the fuzzer: a version 1 file was written in version 2's layout, under its own
    // version number, and no longer read.
    for name in ["v1-example.coalition", "v1-empty-lists.coalition"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let read = read_exchange_file(&std::fs::read(path).unwrap()).unwrap();
        let again = read_exchange_file(&to_json_bytes(&read)).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(again, read, "{name}");
    }
}

#[test]
fn a_version_1_file_still_opens_and_merges() {
    let old = version_1_file();
    assert_eq!(old.version, 1);
    assert!(old.history.is_none());
    let mut partner = db::open_in_memory().unwrap();
    let opened = import_as_new(&mut partner, &old).unwrap();
    assert_eq!(opened.id, old.coalition.id);

    // Shared on, it is a version 2 file that names a change for every row.
    let shared = share(&partner, &opened.id);
    assert_eq!(shared.version, 2);
    let history = shared.history.as_ref().expect("version 2 files carry their history");
    assert_eq!(history.changes.len(), 1 + shared.tables.answers.len() + shared.tables.records.len());

    // The version 1 file merges by times, as before: the answer edited here since differs and
    // both sides changed it after the file's last exchange, so it is a conflict that keeps the
    // newer words by default; everything else matches.
    tick();
    answer(&partner, &opened.id, "vision", "vision", json!("Safe routes for every child."));
    let plan = plan_merge(&partner, &opened.id, &old).unwrap();
    assert!(plan.added.is_empty() && plan.updated.is_empty() && plan.older_ignored.is_empty(), "{plan:#?}");
    let conflicts: Vec<(&str, Choice)> = plan.conflicts.iter().map(|c| (c.item.key.as_str(), c.default)).collect();
    assert_eq!(conflicts, vec![("answer:vision/vision", Choice::KeepMine)], "{plan:#?}");
    merge(&mut partner, &opened.id, &old);
    assert_eq!(vision(&partner, &opened.id), Some(json!("Safe routes for every child.")));

    // Into a coalition that never had it, it merges as a file of another coalition, once.
    let target = new_coalition(&partner, "Eastport Youth Network");
    let first = merge(&mut partner, &target.id, &old);
    assert!(first.added > 0, "{first:?}");
    assert_eq!(merge(&mut partner, &target.id, &old).added, 0);
}
