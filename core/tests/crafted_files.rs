//! Crafted files must not break a coalition: every value a file can set stays inside what the
//! app itself could have written, so after any accepted file each coalition it touched still
//! lists, exports, prints and takes a new item of every kind (`support::still_works`).

mod support;

use common_ground_core::db;
use common_ground_core::exchange::*;
use common_ground_core::model::CoalitionFields;
use common_ground_core::store::{answers, coalitions, records};
use common_ground_core::worksheets::{self, check_answer_at, check_record};
use rusqlite::Connection;
use serde_json::{json, Value};
use support::still_works::assert_coalition_still_works;

/// A coalition with a few answers and items, and the bytes of its file.
fn coalition_and_file() -> (Connection, String, Value) {
    let conn = db::open_in_memory().unwrap();
    let fields = CoalitionFields { name: "Harbor Youth Coalition".into(), ..Default::default() };
    let c = coalitions::create_coalition(&conn, &fields).unwrap();
    let save = |ws: &str, q: &str, value: Value| {
        let clean = check_answer_at(worksheets::catalog(), ws, q, &value).unwrap().unwrap();
        answers::upsert_answer(&conn, &c.id, ws, q, &clean).unwrap();
    };
    save("vision", "vision", json!("Every young person feels connected."));
    save("communication", "contacts", json!([{"organization": "Library", "email": "ana@library.example"}]));
    for (kind, data) in [("partner", json!({"name": "Harbor Library"})), ("objective", json!({"what": "Open a drop-in center"}))] {
        let def = worksheets::catalog().record_kind(kind).unwrap();
        let clean = check_record(def, data.as_object().unwrap()).unwrap();
        records::create_record(&conn, &c.id, kind, &clean).unwrap();
    }
    let file = export_coalition(&conn, &c.id, &ExportOptions::default()).unwrap();
    let value = serde_json::from_slice(&to_json_bytes(&file)).unwrap();
    (conn, c.id, value)
}

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

fn record_index(file: &Value, kind: &str) -> usize {
    file["tables"]["records"].as_array().unwrap().iter().position(|r| r["kind"] == kind).unwrap()
}

fn answer_index(file: &Value, question: &str) -> usize {
    file["tables"]["answers"].as_array().unwrap().iter().position(|a| a["question_id"] == question).unwrap()
}

/// Opens the file as new in a fresh database and merges it back into the coalition it came
/// from; both must still work afterwards. Returns the fresh database and the new coalition.
fn accept_everywhere(conn: &mut Connection, cid: &str, file: &Value) -> (Connection, String) {
    let read = read_exchange_file(&bytes(file)).expect("the file is accepted");
    let mut fresh = db::open_in_memory().unwrap();
    let opened = import_as_new(&mut fresh, &read).unwrap();
    assert_coalition_still_works(&fresh, &opened.id);
    let copy = import_as_new(&mut fresh, &read).unwrap();
    assert_coalition_still_works(&fresh, &copy.id);
    apply_merge(conn, cid, &read, &MergeChoices::default()).unwrap();
    assert_coalition_still_works(conn, cid);
    (fresh, opened.id)
}

#[test]
fn a_record_position_at_the_largest_number_leaves_room_for_new_items() {
    let (mut conn, cid, mut file) = coalition_and_file();
    let i = record_index(&file, "partner");
    file["tables"]["records"][i]["position"] = json!(i64::MAX);
    let mut newer = file["tables"]["records"][i].clone();
    newer["id"] = json!("5b0c7a3e-2f41-4d8e-9c6a-1e2f3a4b5c6d");
    newer["position"] = json!(i64::MIN);
    // A version 2 file names a change for every row it carries.
    let change = file["history"]["changes"][file["tables"]["records"][i]["id"].as_str().unwrap()].clone();
    file["history"]["changes"]["5b0c7a3e-2f41-4d8e-9c6a-1e2f3a4b5c6d"] = change;
    file["tables"]["records"].as_array_mut().unwrap().push(newer);
    let (fresh, opened) = accept_everywhere(&mut conn, &cid, &file);
    let positions: Vec<i64> = records::list_records(&fresh, &opened, "partner").unwrap().iter().map(|r| r.position).collect();
    assert_eq!(positions, [1, 2], "positions are renumbered, keeping the file's order");
}

#[test]
fn text_in_a_file_is_cleaned_exactly_as_typed_text_is() {
    let (mut conn, cid, mut file) = coalition_and_file();
    file["coalition"]["name"] = json!("Harbor\u{0} Youth\u{1b}[31m Coalition\u{9b}");
    file["exported_by"] = json!("Dana\u{7}\nWhitfield");
    let v = answer_index(&file, "vision");
    file["tables"]["answers"][v]["value"] = json!("Every\u{0} young person\r\n feels connected.");
    let p = record_index(&file, "partner");
    file["tables"]["records"][p]["data"]["role"] = json!("\u{200B}\u{FEFF}");
    file["tables"]["records"][p]["data"]["brings"] = json!("Rooms\u{0}\u{8}");
    let read = read_exchange_file(&bytes(&file)).unwrap();
    assert_eq!(read.coalition.name, "Harbor Youth[31m Coalition");
    assert_eq!(read.exported_by.as_deref(), Some("Dana Whitfield"));
    let vision = read.tables.answers.iter().find(|a| a.question_id == "vision").unwrap();
    assert_eq!(vision.value, json!("Every young person\n feels connected."));
    let partner = read.tables.records.iter().find(|r| r.kind == "partner").unwrap();
    assert_eq!(partner.data.get("role"), None, "text that shows nothing is no text");
    assert_eq!(partner.data["brings"], json!("Rooms"));
    accept_everywhere(&mut conn, &cid, &file);
}

#[test]
fn an_empty_value_in_a_file_is_never_stored_as_an_answer() {
    let (mut conn, cid, mut file) = coalition_and_file();
    let v = answer_index(&file, "vision");
    file["tables"]["answers"][v]["value"] = json!("\u{0}\u{200B}  ");
    file["tables"]["answers"][v]["updated_at"] = json!(common_ground_core::time::now());
    let c = answer_index(&file, "contacts");
    file["tables"]["answers"][c]["value"] = json!([null, {}, {"organization": " "}]);
    file["tables"]["answers"][c]["deleted_at"] = file["tables"]["answers"][c]["updated_at"].clone();
    let read = read_exchange_file(&bytes(&file)).unwrap();
    assert!(read.tables.answers.iter().all(|a| a.question_id != "vision"), "an empty answer says nothing");
    let contacts = read.tables.answers.iter().find(|a| a.question_id == "contacts").unwrap();
    assert_eq!(contacts.value, Value::Null, "a deletion marker keeps no leftover value");
    let (fresh, opened) = accept_everywhere(&mut conn, &cid, &file);
    assert!(answers::get_answer(&fresh, &opened, "vision", "vision").unwrap().is_none());
    let stored: Vec<String> = fresh
        .prepare("SELECT value FROM answers WHERE coalition_id = ?1")
        .unwrap()
        .query_map([&opened], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(stored.iter().all(|v| !v.contains("\\u0000") && v != "\"\""), "{stored:?}");
    assert_eq!(answers::get_answer(&conn, &cid, "vision", "vision").unwrap().unwrap().value, json!("Every young person feels connected."));
}

#[test]
fn a_file_can_not_make_its_coalition_the_example() {
    let (mut conn, cid, mut file) = coalition_and_file();
    file["coalition"]["is_example"] = json!(true);
    let read = read_exchange_file(&bytes(&file)).unwrap();
    assert!(!read.coalition.is_example);
    let (fresh, opened) = accept_everywhere(&mut conn, &cid, &file);
    assert!(!coalitions::get_coalition(&fresh, &opened).unwrap().is_example);
}

#[test]
fn a_deleted_coalition_is_never_offered_as_the_place_to_merge() {
    let (conn, cid, file) = coalition_and_file();
    let read = read_exchange_file(&bytes(&file)).unwrap();
    assert_eq!(preview_file(&conn, &read).unwrap().existing.map(|c| c.id), Some(cid.clone()));
    coalitions::delete_coalition(&conn, &cid).unwrap();
    assert_eq!(preview_file(&conn, &read).unwrap().existing, None);
    let err = plan_merge(&conn, &cid, &read).unwrap_err();
    assert!(err.to_string().contains("deleted"), "{err}");
}

#[test]
fn table_rows_in_a_file_are_objects_of_known_columns_only() {
    let (_conn, _cid, file) = coalition_and_file();
    let c = answer_index(&file, "contacts");
    for (row, expected) in [
        (json!("Library, ana@library.example"), "not a row of cells"),
        (json!(["Library"]), "not a row of cells"),
        (json!({"organization": "Library", "twitter": "@library"}), "no column “twitter”"),
        (json!({"organization": {"name": "Library"}}), "should be text"),
    ] {
        let mut crafted = file.clone();
        crafted["tables"]["answers"][c]["value"] = json!([row]);
        let err = read_exchange_file(&bytes(&crafted)).unwrap_err().to_string();
        assert!(err.contains(expected), "{row}: {err}");
    }
}

#[test]
fn every_fuzz_seed_that_is_accepted_leaves_working_coalitions() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    let mut accepted = 0;
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let Ok(file) = read_exchange_file(&std::fs::read(&path).unwrap()) else { continue };
        let mut conn = db::open_in_memory().unwrap();
        for _ in 0..2 {
            let opened = import_as_new(&mut conn, &file).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_coalition_still_works(&conn, &opened.id);
        }
        apply_merge(&mut conn, &file.coalition.id, &file, &MergeChoices::default()).unwrap();
        assert_coalition_still_works(&conn, &file.coalition.id);
        accepted += 1;
    }
    assert!(accepted >= 2, "the seeds include files that open ({accepted} did)");
}

