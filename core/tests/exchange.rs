//! The exchange file end to end: export, read, open as new, merge, and every kind of file we
//! must refuse without touching the database.

mod support;

use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::Duration;

use common_ground_core::db;
use common_ground_core::exchange::*;
use common_ground_core::model::{Coalition, CoalitionFields, Record};
use common_ground_core::store::{answers, coalitions, records};
use common_ground_core::worksheets::{self, check_answer_at, check_record, FieldKind, QuestionKind};
use rusqlite::Connection;
use serde_json::{json, Map, Value};
use support::rng::Rng;

// ---------------------------------------------------------------------------------------------
// Helpers

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().expect("an object").clone()
}

/// Lets the clock move on, so two edits in a row get different times (they have milliseconds).
fn tick() {
    sleep(Duration::from_millis(3));
}

fn new_coalition(conn: &Connection, name: &str) -> Coalition {
    coalitions::create_coalition(
        conn,
        &CoalitionFields { name: name.into(), focus: "Youth wellbeing".into(), ..Default::default() },
    )
    .unwrap()
}

/// Saves an answer the way the app does: checked first.
fn answer(conn: &Connection, cid: &str, ws: &str, q: &str, value: Value) {
    let clean = check_answer_at(worksheets::catalog(), ws, q, &value).unwrap().expect("not empty");
    answers::upsert_answer(conn, cid, ws, q, &clean).unwrap();
}

fn answer_value(conn: &Connection, cid: &str, ws: &str, q: &str) -> Option<Value> {
    answers::get_answer(conn, cid, ws, q).unwrap().map(|a| a.value)
}

fn record(conn: &Connection, cid: &str, kind: &str, data: Value) -> Record {
    let def = worksheets::catalog().record_kind(kind).unwrap();
    let clean = check_record(def, &obj(data)).unwrap();
    records::create_record(conn, cid, kind, &clean).unwrap()
}

/// Exports, writes the bytes and reads them back, as the two apps would.
fn share(conn: &Connection, cid: &str) -> ExchangeFile {
    share_with(conn, cid, &ExportOptions::default())
}

fn share_with(conn: &Connection, cid: &str, options: &ExportOptions) -> ExchangeFile {
    let file = export_coalition(conn, cid, options).unwrap();
    read_exchange_file(&to_json_bytes(&file)).unwrap()
}

fn keys(items: &[MergeItem]) -> Vec<String> {
    items.iter().map(|i| i.key.clone()).collect()
}

/// A coordinator with a coalition of a few answers and records, and a partner who opened the
/// coordinator's file.
struct Pair {
    coordinator: Connection,
    partner: Connection,
    cid: String,
    library: Record,
    clinic: Record,
}

fn pair() -> Pair {
    let coordinator = db::open_in_memory().unwrap();
    let c = new_coalition(&coordinator, "Harbor Youth Coalition");
    answer(&coordinator, &c.id, "vision", "vision", json!("Every young person feels connected."));
    answer(&coordinator, &c.id, "vision", "check_easy", json!(3));
    let library = record(&coordinator, &c.id, "partner", json!({"name": "Harbor Library", "sector": "education"}));
    let clinic = record(&coordinator, &c.id, "partner", json!({"name": "Family Clinic", "sector": "health", "contact_email": "amy@clinic.example"}));
    tick();
    let file = share(&coordinator, &c.id);
    let mut partner = db::open_in_memory().unwrap();
    let opened = import_as_new(&mut partner, &file).unwrap();
    assert_eq!(opened.id, c.id, "a coalition not present yet keeps its id, so merges line up");
    tick();
    Pair { coordinator, partner, cid: c.id, library, clinic }
}

// ---------------------------------------------------------------------------------------------
// Export and open

#[test]
fn export_writes_the_versioned_format_and_notes_the_export() {
    let conn = db::open_in_memory().unwrap();
    let c = new_coalition(&conn, "Riverside Food Alliance");
    answer(&conn, &c.id, "vision", "vision", json!("Nobody in Riverside goes hungry."));
    let r = record(&conn, &c.id, "partner", json!({"name": "Food Bank"}));
    records::delete_record(&conn, &r.id).unwrap();
    let file = export_coalition(
        &conn,
        &c.id,
        &ExportOptions { exported_by: Some("  Dana  ".into()), file_name: "riverside.coalition".into(), ..Default::default() },
    )
    .unwrap();
    assert_eq!(file.format, "common-ground-coalition");
    assert_eq!(file.version, 2);
    assert_eq!(file.exported_by.as_deref(), Some("Dana"));
    assert_eq!(file.tables.records.len(), 1);
    assert!(file.tables.records[0].deleted_at.is_some(), "deletion markers travel");

    let bytes = to_json_bytes(&file);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"common-ground-coalition\",\n  \"version\": 2,"), "{text}");
    assert_eq!(bytes, to_json_bytes(&read_exchange_file(&bytes).unwrap()), "reading and writing is stable");

    let (direction, name): (String, String) = conn
        .query_row("SELECT direction, file_name FROM exchanges WHERE coalition_id = ?1", [&c.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((direction.as_str(), name.as_str()), ("export", "riverside.coalition"));
}

#[test]
fn leaving_out_private_fields_drops_them_from_the_file() {
    let conn = db::open_in_memory().unwrap();
    let c = new_coalition(&conn, "Private matters");
    record(&conn, &c.id, "partner", json!({"name": "Clinic", "role": "host", "contact_email": "a@b.example", "notes": "Call after 5"}));
    let full = share(&conn, &c.id);
    assert!(full.tables.records[0].data.contains_key("contact_email"));
    assert!(!full.private_left_out);
    let shared = share_with(&conn, &c.id, &ExportOptions { leave_out_private: true, ..Default::default() });
    assert!(shared.private_left_out);
    let data = &shared.tables.records[0].data;
    assert_eq!(data.get("name"), Some(&json!("Clinic")));
    assert_eq!(data.get("role"), Some(&json!("host")));
    assert!(!data.contains_key("contact_email") && !data.contains_key("notes"), "{data:?}");
    let text = String::from_utf8(to_json_bytes(&shared)).unwrap();
    assert!(!text.contains("a@b.example") && !text.contains("Call after 5"));
}

#[test]
fn opening_the_same_file_twice_makes_a_copy_with_new_ids() {
    let conn = db::open_in_memory().unwrap();
    let c = new_coalition(&conn, "Twice Opened");
    answer(&conn, &c.id, "vision", "vision", json!("A vision."));
    let r = record(&conn, &c.id, "partner", json!({"name": "Library"}));
    let file = share(&conn, &c.id);

    let mut other = db::open_in_memory().unwrap();
    let first = import_as_new(&mut other, &file).unwrap();
    assert_eq!(first.id, c.id);
    assert_eq!(first.name, "Twice Opened");
    assert_eq!(records::get_record(&other, &r.id).unwrap().coalition_id, c.id);
    let preview = preview_file(&other, &file).unwrap();
    assert_eq!(preview.existing.as_ref().map(|e| e.id.as_str()), Some(c.id.as_str()));
    let day = common_ground_core::format::date(&file.exported_at[..10]);
    assert!(day.len() > 10 && !day.contains('-'), "the day reads as words: {day}");
    assert_eq!(preview.exported_on, day);

    let second = import_as_new(&mut other, &file).unwrap();
    assert_ne!(second.id, c.id);
    assert_eq!(second.name, "Twice Opened (copy)");
    let copied = records::list_all_records(&other, &second.id).unwrap();
    assert_eq!(copied.len(), 1);
    assert_ne!(copied[0].id, r.id);
    assert_eq!(copied[0].data, r.data);
    assert_eq!(answer_value(&other, &second.id, "vision", "vision"), Some(json!("A vision.")));
    assert_eq!(coalitions::list_coalitions(&other).unwrap().len(), 2);
}

#[test]
fn the_documented_example_file_reads_and_opens() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/example.coalition");
    let bytes = std::fs::read(&path).expect("docs/example.coalition exists");
    let file = read_exchange_file(&bytes).unwrap();
    assert!(!file.tables.answers.is_empty() && !file.tables.records.is_empty());
    assert!(file.tables.records.iter().any(|r| r.deleted_at.is_some()), "the example shows a deletion marker");
    let mut conn = db::open_in_memory().unwrap();
    let c = import_as_new(&mut conn, &file).unwrap();
    assert_eq!(c.name, file.coalition.name);
    // The example is written in the same layout the app writes.
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(String::from_utf8(to_json_bytes(&file)).unwrap(), text);
    // And the format's documentation shows it in full.
    let doc = std::fs::read_to_string(path.with_file_name("exchange-format.md")).unwrap();
    assert!(doc.contains(&format!("```json\n{text}```")), "docs/exchange-format.md shows docs/example.coalition");
}

// ---------------------------------------------------------------------------------------------
// Merging

#[test]
fn both_added_different_records_and_both_end_up_with_both() {
    let mut p = pair();
    let mine = record(&p.coordinator, &p.cid, "objective", json!({"what": "Train 20 teachers"}));
    let theirs = record(&p.partner, &p.cid, "resource", json!({"what": "Meeting room"}));
    tick();
    let from_partner = share(&p.partner, &p.cid);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert!(plan.same_coalition && plan.note.is_none());
    assert_eq!(keys(&plan.added), vec![format!("record:{}", theirs.id)]);
    assert_eq!(plan.added[0].label, "Resource \"Meeting room\"");
    assert!(plan.updated.is_empty() && plan.deleted.is_empty() && plan.conflicts.is_empty(), "{plan:#?}");
    let summary = apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    assert_eq!((summary.added, summary.updated, summary.conflicts), (1, 0, 0));
    assert!(records::get_record(&p.coordinator, &mine.id).unwrap().deleted_at.is_none());
    assert!(records::get_record(&p.coordinator, &theirs.id).unwrap().deleted_at.is_none());

    tick();
    let back = share(&p.coordinator, &p.cid);
    let summary = apply_merge(&mut p.partner, &p.cid, &back, &MergeChoices::default()).unwrap();
    assert_eq!((summary.added, summary.updated, summary.conflicts), (1, 0, 0), "{summary:?}");
    assert_eq!(records::list_all_records(&p.partner, &p.cid).unwrap().len(), 4);
}

#[test]
fn both_edited_the_same_answer_is_a_conflict_and_the_choice_travels_back() {
    let mut p = pair();
    answer(&p.coordinator, &p.cid, "vision", "vision", json!("Coordinator's words."));
    tick();
    answer(&p.partner, &p.cid, "vision", "vision", json!("Partner's words."));
    tick();
    let from_partner = share(&p.partner, &p.cid);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert_eq!(plan.conflicts.len(), 1, "{plan:#?}");
    let conflict = &plan.conflicts[0];
    assert_eq!(conflict.item.key, "answer:vision/vision");
    assert_eq!(conflict.item.label, "\"Vision statement\" (Vision)");
    assert_eq!(conflict.mine.preview, "Coordinator's words.");
    assert_eq!(conflict.theirs.preview, "Partner's words.");
    assert_eq!(conflict.default, Choice::TakeTheirs, "the newer change wins by default");

    // The coordinator keeps their own words.
    let choices = MergeChoices {
        choices: [("answer:vision/vision".to_string(), Choice::KeepMine)].into_iter().collect(),
        file_name: "from-partner.coalition".into(),
    };
    let summary = apply_merge(&mut p.coordinator, &p.cid, &from_partner, &choices).unwrap();
    assert_eq!((summary.conflicts, summary.conflicts_took_theirs), (1, 0));
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "vision"), Some(json!("Coordinator's words.")));

    // Sent back, that choice wins at the partner's without another conflict.
    tick();
    let back = share(&p.coordinator, &p.cid);
    let plan = plan_merge(&p.partner, &p.cid, &back).unwrap();
    assert!(plan.conflicts.is_empty(), "{plan:#?}");
    assert_eq!(keys(&plan.updated), vec!["answer:vision/vision"]);
    apply_merge(&mut p.partner, &p.cid, &back, &MergeChoices::default()).unwrap();
    assert_eq!(answer_value(&p.partner, &p.cid, "vision", "vision"), Some(json!("Coordinator's words.")));
}

#[test]
fn a_conflict_without_a_choice_takes_the_newer_change() {
    let mut p = pair();
    answer(&p.partner, &p.cid, "vision", "check_easy", json!(4));
    tick();
    answer(&p.coordinator, &p.cid, "vision", "check_easy", json!(5));
    let from_partner = share(&p.partner, &p.cid);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].default, Choice::KeepMine);
    apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "check_easy"), Some(json!(5)));

    // The same file merged again does not ask again: keeping ours was a change made after
    // seeing the partner's, so the file's rating is now simply older.
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert!(plan.conflicts.is_empty(), "{plan:#?}");
    assert_eq!(keys(&plan.older_ignored), vec!["answer:vision/check_easy"], "{plan:#?}");
    apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "check_easy"), Some(json!(5)));
}

#[test]
fn a_deletion_travels_when_the_other_side_did_not_touch_the_record() {
    let mut p = pair();
    records::delete_record(&p.partner, &p.library.id).unwrap();
    tick();
    let from_partner = share(&p.partner, &p.cid);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert_eq!(keys(&plan.deleted), vec![format!("record:{}", p.library.id)]);
    assert_eq!(plan.deleted[0].label, "Partner \"Harbor Library\"");
    assert!(plan.conflicts.is_empty() && plan.updated.is_empty() && plan.added.is_empty());
    let summary = apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    assert_eq!(summary.deleted, 1);
    assert!(records::get_record(&p.coordinator, &p.library.id).unwrap().deleted_at.is_some());
    assert_eq!(records::list_records(&p.coordinator, &p.cid, "partner").unwrap().len(), 1);
}

#[test]
fn one_side_edited_and_the_other_deleted_is_a_conflict() {
    let mut p = pair();
    let def = worksheets::catalog().record_kind("partner").unwrap();
    let edited = check_record(def, &obj(json!({"name": "Harbor Public Library", "sector": "education"}))).unwrap();
    records::update_record(&p.coordinator, &p.library.id, &edited).unwrap();
    tick();
    records::delete_record(&p.partner, &p.library.id).unwrap();
    tick();
    let from_partner = share(&p.partner, &p.cid);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert_eq!(plan.conflicts.len(), 1, "{plan:#?}");
    let conflict = &plan.conflicts[0];
    assert_eq!(conflict.item.key, format!("record:{}", p.library.id));
    assert!(conflict.theirs.deleted && !conflict.mine.deleted);
    assert_eq!(conflict.theirs.preview, "(deleted)");
    assert!(conflict.changed_fields.contains(&"Name".to_string()), "{:?}", conflict.changed_fields);
    assert!(plan.deleted.is_empty());

    let choices = MergeChoices {
        choices: [(conflict.item.key.clone(), Choice::KeepMine)].into_iter().collect(),
        ..Default::default()
    };
    apply_merge(&mut p.coordinator, &p.cid, &from_partner, &choices).unwrap();
    let kept = records::get_record(&p.coordinator, &p.library.id).unwrap();
    assert!(kept.deleted_at.is_none());
    assert_eq!(kept.data["name"], json!("Harbor Public Library"));
}

#[test]
fn a_newer_edit_in_the_file_wins_and_an_older_one_is_ignored() {
    let mut p = pair();
    // The partner changes the vision; the coordinator did not touch it: the file's edit wins.
    answer(&p.partner, &p.cid, "vision", "vision", json!("Newer words from the partner."));
    tick();
    // The coordinator changes the rating after the exchange; the partner's copy still has the
    // old one, so the file's (older) rating is ignored.
    answer(&p.coordinator, &p.cid, "vision", "check_easy", json!(5));
    tick();
    let from_partner = share(&p.partner, &p.cid);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert_eq!(keys(&plan.updated), vec!["answer:vision/vision"]);
    assert_eq!(keys(&plan.older_ignored), vec!["answer:vision/check_easy"]);
    assert!(plan.conflicts.is_empty());
    assert!(plan.unchanged >= 3, "the coalition's details and both partners: {}", plan.unchanged);
    let summary = apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    assert_eq!((summary.updated, summary.older_ignored), (1, 1));
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "vision"), Some(json!("Newer words from the partner.")));
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "check_easy"), Some(json!(5)));
    // Merging the same file again changes nothing.
    let again = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert!(again.added.is_empty() && again.updated.is_empty() && again.conflicts.is_empty(), "{again:#?}");
}

#[test]
fn a_cleared_answer_travels_like_a_deleted_record() {
    let mut p = pair();
    answers::clear_answer(&p.partner, &p.cid, "vision", "check_easy").unwrap();
    tick();
    let from_partner = share(&p.partner, &p.cid);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert_eq!(keys(&plan.deleted), vec!["answer:vision/check_easy"]);
    apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "check_easy"), None);
}

#[test]
fn merging_a_file_without_private_details_keeps_ours() {
    let mut p = pair();
    let def = worksheets::catalog().record_kind("partner").unwrap();
    let edited = check_record(def, &obj(json!({"name": "Family Clinic", "sector": "health", "role": "Hosts meetings"}))).unwrap();
    // The partner's copy came with the email; they edit the role.
    records::update_record(&p.partner, &p.clinic.id, &edited).unwrap();
    tick();
    let from_partner = share_with(&p.partner, &p.cid, &ExportOptions { leave_out_private: true, ..Default::default() });
    assert!(from_partner.private_left_out);
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert!(plan.private_left_out);
    assert_eq!(keys(&plan.updated), vec![format!("record:{}", p.clinic.id)], "{plan:#?}");
    apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    let clinic = records::get_record(&p.coordinator, &p.clinic.id).unwrap();
    assert_eq!(clinic.data["role"], json!("Hosts meetings"));
    // The partner removed the email themselves, but their file could not say so: ours stays.
    assert_eq!(clinic.data["contact_email"], json!("amy@clinic.example"));
    // Records the partner did not touch are unchanged, not "updated" for lack of their emails.
    assert!(plan.unchanged >= 1);
}

#[test]
fn a_partner_who_got_no_private_details_never_wipes_them_when_sharing_back() {
    let mut coordinator = db::open_in_memory().unwrap();
    let c = new_coalition(&coordinator, "Harbor Youth Coalition");
    let clinic = record(&coordinator, &c.id, "partner", json!({"name": "Family Clinic", "contact_email": "amy@clinic.example"}));
    tick();
    let stripped = share_with(&coordinator, &c.id, &ExportOptions { leave_out_private: true, ..Default::default() });
    let mut partner = db::open_in_memory().unwrap();
    import_as_new(&mut partner, &stripped).unwrap();
    assert!(private_details_incomplete(&partner, &c.id).unwrap());
    assert!(!private_details_incomplete(&coordinator, &c.id).unwrap());
    tick();
    let def = worksheets::catalog().record_kind("partner").unwrap();
    let edited = check_record(def, &obj(json!({"name": "Family Clinic", "role": "Hosts meetings"}))).unwrap();
    records::update_record(&partner, &clinic.id, &edited).unwrap();
    // A new partner with an email the partner typed in themselves.
    let added = record(&partner, &c.id, "partner", json!({"name": "Youth Center", "contact_email": "jo@youth.example"}));
    tick();

    // An ordinary share, without asking to leave anything out: the file still says it is incomplete.
    let back = share(&partner, &c.id);
    assert!(back.private_left_out);
    assert_eq!(back.tables.records.iter().find(|r| r.id == added.id).unwrap().data["contact_email"], json!("jo@youth.example"));
    apply_merge(&mut coordinator, &c.id, &back, &MergeChoices::default()).unwrap();
    let merged = records::get_record(&coordinator, &clinic.id).unwrap();
    assert_eq!(merged.data["role"], json!("Hosts meetings"));
    assert_eq!(merged.data["contact_email"], json!("amy@clinic.example"));
    assert_eq!(records::get_record(&coordinator, &added.id).unwrap().data["contact_email"], json!("jo@youth.example"));
}

#[test]
fn two_partners_editing_the_same_answer_conflict_even_when_merged_one_after_the_other() {
    let mut coordinator = db::open_in_memory().unwrap();
    let c = new_coalition(&coordinator, "Harbor Youth Coalition");
    answer(&coordinator, &c.id, "vision", "vision", json!("The first draft."));
    tick();
    let sent = share(&coordinator, &c.id);
    let mut a = db::open_in_memory().unwrap();
    let mut b = db::open_in_memory().unwrap();
    import_as_new(&mut a, &sent).unwrap();
    import_as_new(&mut b, &sent).unwrap();
    tick();
    answer(&a, &c.id, "vision", "vision", json!("Partner A's draft."));
    tick();
    answer(&b, &c.id, "vision", "vision", json!("Partner B's draft."));
    tick();
    let from_a = share(&a, &c.id);
    let from_b = share(&b, &c.id);

    // A's edit is a plain update: the coordinator did not touch the answer.
    let plan = plan_merge(&coordinator, &c.id, &from_a).unwrap();
    assert_eq!(keys(&plan.updated), vec!["answer:vision/vision"], "{plan:#?}");
    apply_merge(&mut coordinator, &c.id, &from_a, &MergeChoices::default()).unwrap();
    tick();
    // B edited the same answer without seeing A's: a conflict, though the coordinator's last
    // exchange (merging A) came after B's edit.
    let plan = plan_merge(&coordinator, &c.id, &from_b).unwrap();
    assert_eq!(plan.conflicts.len(), 1, "{plan:#?}");
    assert_eq!(plan.conflicts[0].mine.preview, "Partner A's draft.");
    assert_eq!(plan.conflicts[0].theirs.preview, "Partner B's draft.");
}

#[test]
fn a_file_of_another_coalition_merges_only_into_the_chosen_one_with_a_note() {
    let mut conn = db::open_in_memory().unwrap();
    let target = new_coalition(&conn, "Eastport Youth Network");
    answer(&conn, &target.id, "vision", "vision", json!("Eastport's own vision."));
    let other = new_coalition(&conn, "Millbrook Youth Council");
    answer(&conn, &other.id, "vision", "vision", json!("Millbrook's vision."));
    answer(&conn, &other.id, "vision", "vision_words", json!("Millbrook together"));
    let shared_partner = record(&conn, &other.id, "partner", json!({"name": "County Health"}));
    let file = share(&conn, &other.id);

    let plan = plan_merge(&conn, &target.id, &file).unwrap();
    assert!(!plan.same_coalition);
    let note = plan.note.clone().unwrap();
    assert!(note.contains("different coalition: Millbrook Youth Council"), "{note}");
    assert_eq!(plan.conflicts.len(), 1, "with no common history, differing answers are conflicts");
    assert_eq!(plan.added.len(), 2, "{plan:#?}");
    let summary = apply_merge(&mut conn, &target.id, &file, &MergeChoices::default()).unwrap();
    assert_eq!(summary.added, 2);
    // The coalition's name is not taken from the other coalition.
    assert_eq!(coalitions::get_coalition(&conn, &target.id).unwrap().name, "Eastport Youth Network");
    // The partner joined the target as a record of its own; the other coalition keeps its own.
    let joined = records::list_records(&conn, &target.id, "partner").unwrap();
    assert_eq!(joined.len(), 1);
    assert_ne!(joined[0].id, shared_partner.id);
    assert_eq!(records::get_record(&conn, &shared_partner.id).unwrap().coalition_id, other.id);
    assert_eq!(answer_value(&conn, &target.id, "vision", "vision_words"), Some(json!("Millbrook together")));
}

#[test]
fn merges_note_the_import_in_the_exchange_history() {
    let mut p = pair();
    let from_partner = share(&p.partner, &p.cid);
    let choices = MergeChoices { file_name: "back.coalition".into(), ..Default::default() };
    apply_merge(&mut p.coordinator, &p.cid, &from_partner, &choices).unwrap();
    let names: Vec<(String, String)> = p
        .coordinator
        .prepare("SELECT direction, file_name FROM exchanges WHERE coalition_id = ?1 ORDER BY at")
        .unwrap()
        .query_map([&p.cid], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names.last().unwrap(), &("import".to_string(), "back.coalition".to_string()), "{names:?}");
    assert!(last_exchange_at(&p.coordinator, &p.cid).unwrap().is_some());
}

// ---------------------------------------------------------------------------------------------
// Refusals: each leaves the database file exactly as it was.

/// A database file with one coalition, closed so its bytes can be compared.
fn file_database() -> (tempfile::TempDir, PathBuf, String, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.sqlite");
    let conn = db::open(&path).unwrap();
    let c = new_coalition(&conn, "Harbor Youth Coalition");
    answer(&conn, &c.id, "vision", "vision", json!("Every young person feels connected."));
    answer(&conn, &c.id, "vision", "check_easy", json!(3));
    record(&conn, &c.id, "partner", json!({"name": "Harbor Library"}));
    let deleted = record(&conn, &c.id, "objective", json!({"what": "Open a drop-in center"}));
    records::delete_record(&conn, &deleted.id).unwrap();
    let good = to_json_bytes(&export_coalition(&conn, &c.id, &ExportOptions::default()).unwrap());
    conn.close().unwrap();
    (dir, path, c.id, good)
}

fn database_bytes(path: &Path) -> Vec<u8> {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "all connections are closed");
    std::fs::read(path).unwrap()
}

/// Everything the app does with a file a person opens: read it, then open it as new and merge it.
fn try_everything(path: &Path, target: &str, bytes: &[u8]) -> common_ground_core::Error {
    let mut conn = db::open(path).unwrap();
    let err = read_exchange_file(bytes)
        .and_then(|file| {
            import_as_new(&mut conn, &file)?;
            plan_merge(&conn, target, &file)?;
            apply_merge(&mut conn, target, &file, &MergeChoices::default())
        })
        .expect_err("the file must be refused");
    conn.close().unwrap();
    err
}

fn mutate(good: &[u8], change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(good).unwrap();
    change(&mut value);
    serde_json::to_vec_pretty(&value).unwrap()
}

#[test]
fn bad_files_are_refused_with_plain_words_and_the_database_is_untouched() {
    let (_dir, path, cid, good) = file_database();
    let before = database_bytes(&path);
    let first_record_kind = |v: &Value, kind: &str| {
        v["tables"]["records"].as_array().unwrap().iter().position(|r| r["kind"] == kind).unwrap()
    };
    let answer_at = |v: &Value, q: &str| v["tables"]["answers"].as_array().unwrap().iter().position(|a| a["question_id"] == q).unwrap();
    let mut oversized = good.clone();
    oversized.resize(MAX_FILE_BYTES + 1, b' ');
    let nested = format!(
        "{{\"format\": \"common-ground-coalition\", \"version\": 1, \"answers\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let mut bad_utf8 = good.clone();
    let at = bad_utf8.windows(6).position(|w| w == b"Harbor").unwrap();
    bad_utf8[at] = 0xFF;

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("not JSON", b"Eggs, milk, bread. Call Amy about the venue.".to_vec(), "not a Common Ground coalition file"),
        ("a PDF", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(), "not a Common Ground coalition file"),
        ("empty", Vec::new(), "empty"),
        ("other JSON", br#"{"name": "a package.json"}"#.to_vec(), "not a Common Ground coalition file"),
        ("a JSON list", b"[1, 2, 3]".to_vec(), "not a Common Ground coalition file"),
        ("truncated", good[..good.len() / 2].to_vec(), "damaged or incomplete"),
        ("truncated at the last brace", good[..good.len() - 2].to_vec(), "damaged or incomplete"),
        ("broken in the middle", String::from_utf8(good.clone()).unwrap().replacen("\"records\": [", "\"records\": @[", 1).into_bytes(), "line"),
        ("not text", bad_utf8, "not text"),
        ("deeply nested", nested.into_bytes(), "damaged"),
        ("wrong format name", mutate(&good, |v| v["format"] = json!("common-ground-plan")), "not a Common Ground coalition file"),
        ("no version", mutate(&good, |v| { v.as_object_mut().unwrap().remove("version"); }), "which version"),
        ("newer version", mutate(&good, |v| v["version"] = json!(3)), "newer version of Common Ground"),
        ("version as text", mutate(&good, |v| v["version"] = json!("1")), "version"),
        ("no exported_at", mutate(&good, |v| { v.as_object_mut().unwrap().remove("exported_at"); }), "\"exported_at\""),
        ("answers not a list", mutate(&good, |v| v["tables"]["answers"] = json!({})), "list of answers"),
        ("no coalition", mutate(&good, |v| { v.as_object_mut().unwrap().remove("coalition"); }), "no coalition"),
        ("coalition without a name", mutate(&good, |v| v["coalition"]["name"] = json!("  ")), "name"),
        ("bad coalition id", mutate(&good, |v| v["coalition"]["id"] = json!("coalition-1")), "not a proper id"),
        ("bad record id", mutate(&good, |v| v["tables"]["records"][0]["id"] = json!("12345")), "not a proper id"),
        ("bad time", mutate(&good, |v| v["tables"]["records"][0]["updated_at"] = json!("yesterday")), "date and time"),
        ("time in the future", mutate(&good, |v| v["tables"]["answers"][0]["updated_at"] = json!("2999-01-01T00:00:00.000Z")), "later than today"),
        ("unknown worksheet", mutate(&good, |v| v["tables"]["answers"][0]["worksheet_id"] = json!("time-travel")), "newer version"),
        ("unknown question", mutate(&good, |v| v["tables"]["answers"][0]["question_id"] = json!("favorite_color")), "newer version"),
        ("rating 9", mutate(&good, |v| { let i = answer_at(v, "check_easy"); v["tables"]["answers"][i]["value"] = json!(9); }), "Easy to pass on"),
        ("answer to a records question", mutate(&good, |v| { let i = answer_at(v, "check_easy"); v["tables"]["answers"][i]["worksheet_id"] = json!("who-to-involve"); v["tables"]["answers"][i]["question_id"] = json!("partners"); }), "one item at a time"),
        ("unknown record kind", mutate(&good, |v| v["tables"]["records"][0]["kind"] = json!("spaceship")), "kind of item"),
        ("unknown record field", mutate(&good, |v| { let i = first_record_kind(v, "partner"); v["tables"]["records"][i]["data"]["warp"] = json!(9); }), "warp"),
        ("record missing a required field", mutate(&good, |v| { let i = first_record_kind(v, "partner"); v["tables"]["records"][i]["data"] = json!({"role": "host"}); }), "Name"),
        ("record data not an object", mutate(&good, |v| v["tables"]["records"][0]["data"] = json!("Harbor Library")), "unusual way"),
        ("duplicate record ids", mutate(&good, |v| { let first = v["tables"]["records"][0]["id"].clone(); v["tables"]["records"][1]["id"] = first; }), "same id"),
        ("duplicate answer ids", mutate(&good, |v| { let first = v["tables"]["answers"][0]["id"].clone(); v["tables"]["answers"][1]["id"] = first; }), "same id"),
        ("two answers to one question", mutate(&good, |v| { let a = v["tables"]["answers"][0].clone(); let mut b = a.clone(); b["id"] = json!(uuid::Uuid::new_v4().to_string()); v["tables"]["answers"].as_array_mut().unwrap().push(b); }), "two answers"),
        ("record of another coalition", mutate(&good, |v| v["tables"]["records"][0]["coalition_id"] = json!(uuid::Uuid::new_v4().to_string())), "another coalition"),
        ("answer of another coalition", mutate(&good, |v| v["tables"]["answers"][0]["coalition_id"] = json!(uuid::Uuid::new_v4().to_string())), "another coalition"),
        ("a table this version does not know", mutate(&good, |v| v["tables"]["meetings"] = json!([])), "newer version"),
        ("tables not an object", mutate(&good, |v| v["tables"] = json!([])), "lists are not written"),
        ("no tables", mutate(&good, |v| { v.as_object_mut().unwrap().remove("tables"); }), "no lists"),
        ("an answer and an item with one id", mutate(&good, |v| { let id = v["tables"]["answers"][0]["id"].clone(); v["tables"]["records"][0]["id"] = id; }), "same id"),
        ("oversized", oversized, "too big"),
    ];

    for (name, bytes, expected) in &cases {
        let err = try_everything(&path, &cid, bytes);
        let message = err.to_string();
        assert!(message.contains(expected), "{name}: expected \"{expected}\" in: {message}");
        assert!(
            matches!(err.kind(), "invalid" | "too_new"),
            "{name}: a refusal, not a failure: {:?}",
            err
        );
        // Plain words: whole sentences, no parser jargon.
        assert!(message.ends_with('.'), "{name}: {message}");
        for jargon in ["serde", "expected", "EOF", "invalid type", "u8", "Utf8"] {
            assert!(!message.contains(jargon), "{name}: jargon \"{jargon}\" in: {message}");
        }
        assert_eq!(database_bytes(&path), before, "{name}: the database changed");
    }

    // The good file still reads, so the refusals above are about what was changed.
    read_exchange_file(&good).unwrap();
}

#[test]
fn a_table_missing_from_a_version_2_file_has_no_rows_there() {
    // A file made before a table existed has no list for it: that is nothing to take, not damage.
    let (_dir, _path, _cid, good) = file_database();
    let read = read_exchange_file(&mutate(&good, |v| {
        v["tables"].as_object_mut().unwrap().remove("records");
    }))
    .unwrap();
    assert!(read.tables.records.is_empty());
    assert!(!read.tables.answers.is_empty());
}

#[test]
fn too_many_records_are_refused() {
    let (_dir, path, cid, good) = file_database();
    let before = database_bytes(&path);
    let bytes = mutate(&good, |v| v["tables"]["records"] = Value::Array(vec![json!({}); MAX_RECORDS + 1]));
    let err = try_everything(&path, &cid, &bytes);
    assert!(err.to_string().contains("too many items"), "{err}");
    assert_eq!(database_bytes(&path), before);
}

#[test]
fn a_file_from_a_newer_version_says_to_update() {
    let (_dir, _path, _cid, good) = file_database();
    let err = read_exchange_file(&mutate(&good, |v| v["version"] = json!(7))).unwrap_err();
    assert_eq!(err.kind(), "too_new");
    assert!(err.to_string().contains("Please update"), "{err}");
}

#[test]
fn readers_ignore_fields_they_do_not_know() {
    let (_dir, _path, _cid, good) = file_database();
    let bytes = mutate(&good, |v| {
        v["added_in_a_later_minor_version"] = json!({"anything": true});
        v["tables"]["records"][0]["colour"] = json!("green");
    });
    read_exchange_file(&bytes).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Round trip over random coalitions

/// What the round trip draws at random, on top of the shared generator.
trait Draws {
    fn chance(&mut self, percent: usize) -> bool;
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T;
    fn text(&mut self, one_line: bool) -> String;
    fn time(&mut self) -> String;
}

impl Draws for Rng {
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn text(&mut self, one_line: bool) -> String {
        const WORDS: &[&str] = &[
            "youth", "Harbor", "café", "niños", "школа", "ائتلاف", "家庭", "🌽", "\"quoted\"", "O'Brien",
            "<b>bold</b>", "&amp;", "back\\slash", "100%", "tab\there", "  spaced  ", "naïve", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        ];
        let mut out = String::new();
        for i in 0..1 + self.below(12) {
            if i > 0 {
                out.push(if !one_line && self.chance(10) { '\n' } else { ' ' });
            }
            let word: &str = WORDS[self.below(WORDS.len())];
            out.push_str(word);
        }
        out
    }
    /// A time in the last two years, as the store writes them.
    fn time(&mut self) -> String {
        let ago = chrono::Duration::milliseconds(self.below(2 * 365 * 24 * 3600 * 1000) as i64 + 1);
        (chrono::Utc::now() - ago).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

fn random_field_value(rng: &mut Rng, kind: FieldKind, options: &[String]) -> Value {
    match kind {
        FieldKind::ShortText => json!(rng.text(true)),
        FieldKind::LongText => json!(rng.text(false)),
        FieldKind::SingleChoice if !options.is_empty() => json!(rng.pick(options)),
        FieldKind::SingleChoice => Value::Null,
        FieldKind::YesNo => json!(rng.chance(50)),
        FieldKind::Rating => json!(1 + rng.below(5)),
        FieldKind::Number => json!(rng.below(100_000) as i64 - 500),
        FieldKind::Money => json!(rng.below(10_000_000)),
        FieldKind::Date => json!(format!("20{:02}-{:02}-{:02}", 10 + rng.below(20), 1 + rng.below(12), 1 + rng.below(28))),
        FieldKind::Email => json!(format!("person{}@example.org", rng.below(1000))),
        FieldKind::Phone => json!(format!("+1 555 {:04}", rng.below(10_000))),
        // Records refer to nothing; the areas' tables are tested in their own file.
        FieldKind::Reference | FieldKind::References => Value::Null,
    }
}

fn random_answer(rng: &mut Rng, question: &worksheets::Question) -> Value {
    let options: Vec<String> = question.options.iter().map(|o| o.id.clone()).collect();
    match question.kind {
        QuestionKind::ShortText => json!(rng.text(true)),
        QuestionKind::LongText => json!(rng.text(false)),
        QuestionKind::List => Value::Array((0..1 + rng.below(6)).map(|_| json!(rng.text(true))).collect()),
        QuestionKind::SingleChoice if options.is_empty() => Value::Null,
        QuestionKind::SingleChoice => json!({"choice": rng.pick(&options)}),
        QuestionKind::MultiChoice if options.is_empty() => Value::Null,
        QuestionKind::MultiChoice => {
            let mut chosen: Vec<&String> = options.iter().filter(|_| rng.chance(40)).collect();
            if chosen.is_empty() {
                chosen.push(&options[0]);
            }
            json!({"choices": chosen})
        }
        QuestionKind::Rating => json!(1 + rng.below(5)),
        QuestionKind::Number => json!(rng.below(1000)),
        QuestionKind::Money => json!(rng.below(10_000_000)),
        QuestionKind::Date => json!(format!("20{:02}-{:02}-{:02}", 10 + rng.below(20), 1 + rng.below(12), 1 + rng.below(28))),
        QuestionKind::Table => Value::Array(
            (0..1 + rng.below(4))
                .map(|_| {
                    let mut row = Map::new();
                    for column in &question.columns {
                        let options: Vec<String> = column.options.iter().map(|o| o.id.clone()).collect();
                        row.insert(column.id.clone(), random_field_value(rng, column.kind, &options));
                    }
                    Value::Object(row)
                })
                .collect(),
        ),
        QuestionKind::Records => Value::Null,
    }
}

/// A coalition with random answers and records (some cleared or deleted), written the way the
/// store writes them, with times spread over the last two years.
fn random_coalition(conn: &Connection, rng: &mut Rng) -> String {
    let catalog = worksheets::catalog();
    let c = new_coalition(conn, &format!("Coalition {}", rng.text(true)));
    for sheet in &catalog.worksheets {
        for question in sheet.questions() {
            if !rng.chance(30) {
                continue;
            }
            let raw = random_answer(rng, question);
            let Ok(Some(value)) = check_answer_at(catalog, &sheet.id, &question.id, &raw) else { continue };
            let created_at = rng.time();
            let deleted = rng.chance(15);
            answers::put_answer_row(
                conn,
                &common_ground_core::model::Answer {
                    id: uuid::Uuid::new_v4().to_string(),
                    coalition_id: c.id.clone(),
                    worksheet_id: sheet.id.clone(),
                    question_id: question.id.clone(),
                    value,
                    updated_at: created_at.clone(),
                    deleted_at: deleted.then(|| created_at.clone()),
                    created_at,
                },
            )
            .unwrap();
        }
    }
    // Positions as the store gives them: 1, 2, 3... within each kind.
    let mut last_position: std::collections::HashMap<String, i64> = Default::default();
    for _ in 0..rng.below(40) {
        let kind = rng.pick(&catalog.record_kinds);
        let mut data = Map::new();
        for field in &kind.fields {
            if field.required || rng.chance(50) {
                let options: Vec<String> = field.options.iter().map(|o| o.id.clone()).collect();
                data.insert(field.id.clone(), random_field_value(rng, field.kind, &options));
            }
        }
        let Ok(data) = check_record(kind, &data) else { continue };
        let created_at = rng.time();
        let updated_at = if rng.chance(50) { created_at.clone() } else { rng.time().max(created_at.clone()) };
        let position = last_position.entry(kind.id.clone()).or_default();
        *position += 1;
        records::put_record_row(
            conn,
            &Record {
                id: uuid::Uuid::new_v4().to_string(),
                coalition_id: c.id.clone(),
                kind: kind.id.clone(),
                position: *position,
                data,
                deleted_at: rng.chance(15).then(|| updated_at.clone()),
                created_at,
                updated_at,
            },
        )
        .unwrap();
    }
    c.id
}

fn without_export_details(mut file: ExchangeFile) -> ExchangeFile {
    // Which copy made the file differs; the rows' changes are compared with the rows.
    file.history = None;
    file.exported_at = String::new();
    file.last_exchange_at = None;
    file
}

#[test]
fn export_open_export_gives_the_same_data_for_random_coalitions() {
    let mut answers_seen = 0;
    let mut records_seen = 0;
    for seed in 1..=200u64 {
        let mut rng = Rng::new(seed);
        let source = db::open_in_memory().unwrap();
        let cid = random_coalition(&source, &mut rng);
        let first = export_coalition(&source, &cid, &ExportOptions::default()).unwrap();
        let bytes = to_json_bytes(&first);
        let read = read_exchange_file(&bytes).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!(read, first, "seed {seed}: reading a file gives back exactly what was written");

        let mut empty = db::open_in_memory().unwrap();
        let opened = import_as_new(&mut empty, &read).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!(opened.id, cid);
        let second = export_coalition(&empty, &cid, &ExportOptions::default()).unwrap();
        assert_eq!(
            without_export_details(second.clone()),
            without_export_details(first.clone()),
            "seed {seed}: the data changed on the way"
        );
        assert_eq!(
            to_json_bytes(&without_export_details(second)),
            to_json_bytes(&without_export_details(first.clone())),
            "seed {seed}"
        );
        // Merging the file back into its source changes nothing.
        let plan = plan_merge(&source, &cid, &read).unwrap();
        assert!(
            plan.added.is_empty() && plan.updated.is_empty() && plan.deleted.is_empty() && plan.conflicts.is_empty(),
            "seed {seed}: {plan:#?}"
        );
        answers_seen += first.tables.answers.len();
        records_seen += first.tables.records.len();
    }
    assert!(answers_seen > 1000 && records_seen > 1000, "{answers_seen} answers, {records_seen} records");
}

#[test]
fn keeping_mine_against_a_file_from_a_clock_that_runs_ahead_survives_merging_the_same_file_again() {
    let mut p = pair();
    answer(&p.coordinator, &p.cid, "vision", "vision", json!("Coordinator's words."));
    tick();
    answer(&p.partner, &p.cid, "vision", "vision", json!("Partner's words."));
    let mut from_partner = share(&p.partner, &p.cid);
    // The partner's clock runs two hours ahead: allowed (a little drift is normal).
    let ahead = (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    for a in from_partner.tables.answers.iter_mut().filter(|a| a.question_id == "vision") {
        a.updated_at = ahead.clone();
    }
    from_partner.exported_at = ahead.clone();
    let from_partner = read_exchange_file(&to_json_bytes(&from_partner)).unwrap();

    let keep_mine = MergeChoices {
        choices: [("answer:vision/vision".to_string(), Choice::KeepMine)].into_iter().collect(),
        file_name: "from-partner.coalition".into(),
    };
    apply_merge(&mut p.coordinator, &p.cid, &from_partner, &keep_mine).unwrap();
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "vision"), Some(json!("Coordinator's words.")));

    // The same file merged again changes nothing: the choice is newer than the file's edit.
    let plan = plan_merge(&p.coordinator, &p.cid, &from_partner).unwrap();
    assert!(plan.updated.is_empty(), "{plan:#?}");
    assert!(plan.conflicts.iter().all(|c| c.default == Choice::KeepMine), "{plan:#?}");
    let summary = apply_merge(&mut p.coordinator, &p.cid, &from_partner, &MergeChoices::default()).unwrap();
    assert_eq!((summary.updated, summary.conflicts_took_theirs), (0, 0), "{summary:?}");
    assert_eq!(answer_value(&p.coordinator, &p.cid, "vision", "vision"), Some(json!("Coordinator's words.")));
}

#[test]
fn a_failed_export_write_leaves_no_export_in_the_history() {
    let conn = common_ground_core::db::open_in_memory().unwrap();
    let coalition = common_ground_core::example::create_example_coalition(&conn).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("removed-stick").join("plan.coalition");
    let err = common_ground_core::exchange::export_coalition_to_file(&conn, &coalition.id, &ExportOptions::default(), &nowhere)
        .unwrap_err();
    assert_eq!(err.kind(), "invalid", "{err:?}");
    assert_eq!(common_ground_core::exchange::last_exchange_at(&conn, &coalition.id).unwrap(), None);

    let there = dir.path().join("plan.coalition");
    common_ground_core::exchange::export_coalition_to_file(&conn, &coalition.id, &ExportOptions::default(), &there).unwrap();
    assert!(common_ground_core::exchange::last_exchange_at(&conn, &coalition.id).unwrap().is_some());
    let back = common_ground_core::exchange::read_exchange_file(&std::fs::read(&there).unwrap()).unwrap();
    assert_eq!(back.coalition.id, coalition.id);
}
