//! "Leave out private details": one definition in the worksheet data (record fields, table
//! columns, whole questions), used by the exchange file and the plan PDF alike.

use common_ground_core::exchange::*;
use common_ground_core::model::Answer;
use common_ground_core::plan::{self, PlanSettings};
use common_ground_core::store::{answers, records};
use common_ground_core::worksheets::{self, FieldKind, QuestionKind};
use common_ground_core::{db, example};
use rusqlite::Connection;
use serde_json::{json, Value};

/// Every text a private place holds (a private record field, a private table column, a private
/// question), and every e-mail address or phone number anywhere, in a coalition.
fn private_texts(conn: &Connection, coalition_id: &str) -> Vec<String> {
    let catalog = worksheets::catalog();
    let mut found = Vec::new();
    for answer in answers::list_answers(conn, coalition_id).unwrap() {
        let question = catalog.question(&answer.worksheet_id, &answer.question_id).unwrap();
        if question.private {
            collect_texts(&answer.value, &mut found);
        } else if question.kind == QuestionKind::Table {
            for row in answer.value.as_array().unwrap() {
                for column in &question.columns {
                    if column.private || matches!(column.kind, FieldKind::Email | FieldKind::Phone) {
                        collect_texts(row.get(&column.id).unwrap_or(&Value::Null), &mut found);
                    }
                }
            }
        }
    }
    for record in records::list_all_records(conn, coalition_id).unwrap() {
        let kind = catalog.record_kind(&record.kind).unwrap();
        for field in &kind.fields {
            if field.private || matches!(field.kind, FieldKind::Email | FieldKind::Phone) {
                collect_texts(record.data.get(&field.id).unwrap_or(&Value::Null), &mut found);
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn collect_texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_texts(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_texts(v, out)),
        _ => {}
    }
}

/// How a text appears in the file's bytes (JSON escapes quotes and the like).
fn as_in_json(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn leaving_out_private_details_leaves_no_contact_detail_of_the_example_anywhere_in_the_file() {
    let conn = db::open_in_memory().unwrap();
    let coalition = example::create_example_coalition(&conn).unwrap();
    let forbidden = private_texts(&conn, &coalition.id);
    let emails = forbidden.iter().filter(|t| t.contains('@')).count();
    assert!(emails >= 10 && forbidden.len() >= 40, "the example has many private details: {forbidden:?}");
    for expected in ["Rosa Delgado", "Budget decisions are made in April.", "555-0142"] {
        assert!(forbidden.iter().any(|t| t == expected), "{expected} is private");
    }

    let full = to_json_bytes(&export_coalition(&conn, &coalition.id, &ExportOptions::default()).unwrap());
    for text in &forbidden {
        assert!(contains(&full, &as_in_json(text)), "the full file carries {text:?}, so the search below can find it");
    }
    let options = ExportOptions { leave_out_private: true, ..Default::default() };
    let shared = to_json_bytes(&export_coalition(&conn, &coalition.id, &options).unwrap());
    let leaked: Vec<&String> = forbidden.iter().filter(|t| contains(&shared, &as_in_json(t))).collect();
    assert!(leaked.is_empty(), "the file without private details still carries {leaked:?}");
    let read = read_exchange_file(&shared).unwrap();
    assert!(read.private_left_out);
    assert!(read.tables.answers.iter().any(|a| a.question_id == "contacts"), "the public part of the contacts table travels");
}

#[test]
fn the_plan_without_private_details_prints_none_of_them() {
    let conn = db::open_in_memory().unwrap();
    let coalition = example::create_example_coalition(&conn).unwrap();
    let forbidden = private_texts(&conn, &coalition.id);
    let catalog = worksheets::catalog();
    let text = |settings: &PlanSettings| {
        format!("{:?}", plan::build_plan(&conn, catalog, &coalition.id, settings, "31 March 2025").unwrap())
    };
    let everything = text(&PlanSettings::default());
    let shared = text(&PlanSettings { leave_out_private: true, ..Default::default() });
    let debug_form = |t: &str| format!("{t:?}").trim_matches('"').to_string();
    for item in &forbidden {
        assert!(everything.contains(&debug_form(item)), "the coordinator's own plan prints {item:?}");
        assert!(!shared.contains(&debug_form(item)), "the shared plan prints {item:?}");
    }
    assert!(shared.contains("Harbor County Health Department"), "public details still print");
}

fn contacts_of(conn: &Connection, cid: &str) -> Value {
    answers::get_answer(conn, cid, "communication", "contacts").unwrap().unwrap().value
}

fn set_contacts(conn: &Connection, cid: &str, value: Value) -> Answer {
    let clean = worksheets::check_answer_at(worksheets::catalog(), "communication", "contacts", &value).unwrap().unwrap();
    answers::upsert_answer(conn, cid, "communication", "contacts", &clean).unwrap()
}

#[test]
fn merging_a_file_without_private_details_keeps_our_private_table_cells() {
    let mut coordinator = db::open_in_memory().unwrap();
    let coalition = example::create_example_coalition(&coordinator).unwrap();
    let cid = coalition.id.clone();
    let ours = contacts_of(&coordinator, &cid);
    let options = ExportOptions { leave_out_private: true, ..Default::default() };
    let file = read_exchange_file(&to_json_bytes(&export_coalition(&coordinator, &cid, &options).unwrap())).unwrap();

    let mut partner = db::open_in_memory().unwrap();
    import_as_new(&mut partner, &file).unwrap();
    let theirs = contacts_of(&partner, &cid);
    assert!(theirs.as_array().unwrap().iter().all(|row| row.get("email").is_none() && row.get("person").is_none()));
    // The partner fixes one organization's name and adds a row of their own.
    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut rows = theirs.as_array().unwrap().clone();
    rows[1]["organization"] = json!("Millbrook Unified School District");
    rows.push(json!({"organization": "Eastport Library", "person": "Sam Lee", "email": "sam@library.example"}));
    set_contacts(&partner, &cid, Value::Array(rows));

    let back = read_exchange_file(&to_json_bytes(&export_coalition(&partner, &cid, &ExportOptions::default()).unwrap())).unwrap();
    assert!(back.private_left_out, "a copy that never had the private details says so");
    let plan = plan_merge(&coordinator, &cid, &back).unwrap();
    assert!(plan.updated.iter().any(|i| i.key == "answer:communication/contacts"), "{plan:?}");
    apply_merge(&mut coordinator, &cid, &back, &MergeChoices::default()).unwrap();

    let merged = contacts_of(&coordinator, &cid);
    let mut expected = ours.as_array().unwrap().clone();
    expected[1]["organization"] = json!("Millbrook Unified School District");
    expected.push(json!({"organization": "Eastport Library", "person": "Sam Lee", "email": "sam@library.example"}));
    assert_eq!(merged, Value::Array(expected), "our contact people, e-mails and phones stay, their changes come in");
}
