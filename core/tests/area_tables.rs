//! The areas' tables (Partners first): saving through their descriptions, references that must
//! name current rows, rows matched by fields, and the trip through an exchange file and a merge.

use common_ground_core::db;
use common_ground_core::exchange::{self, apply_merge as merge_file};
use common_ground_core::model::CoalitionFields;
use common_ground_core::store::row::Table;
use common_ground_core::store::{coalitions, items, records};
use common_ground_core::worksheets::catalog;
use serde_json::{json, Map, Value};

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn save(conn: &rusqlite::Connection, table: Table, coalition: &str, id: Option<&str>, data: Value) -> common_ground_core::Result<common_ground_core::model::Item> {
    let def = catalog().table(table.name()).unwrap();
    items::save_item(conn, table, def, coalition, id, &obj(data))
}

#[test]
fn every_area_table_has_a_description_and_a_place_in_the_file() {
    for name in exchange::TABLE_NAMES.iter().filter(|n| n.starts_with("partner_")) {
        assert!(catalog().table(name).is_some(), "{name} has no description in core/tables");
        assert!(Table::named(name).is_some(), "{name} is no store table");
    }
}

#[test]
fn references_must_name_current_rows_of_the_same_coalition() {
    let conn = db::open_in_memory().unwrap();
    let c = coalitions::create_coalition(&conn, &CoalitionFields { name: "Here".into(), ..Default::default() }).unwrap();
    let other = coalitions::create_coalition(&conn, &CoalitionFields { name: "There".into(), ..Default::default() }).unwrap();
    let library = records::create_record(&conn, &c.id, "partner", &obj(json!({"name": "León Library"}))).unwrap();
    let elsewhere = records::create_record(&conn, &other.id, "partner", &obj(json!({"name": "Far away"}))).unwrap();
    let ana = save(&conn, Table::PartnerPeople, &c.id, None, json!({"name": "Ana Ruiz", "email": "ana@example.org"})).unwrap();

    save(&conn, Table::PartnerMemberships, &c.id, None, json!({"person": ana.id, "organization": library.id})).unwrap();
    // Another coalition's group, a made-up id, a person where a group belongs, or a removed
    // group: all refused, nothing written.
    for bad in [elsewhere.id.clone(), uuid_like(), ana.id.clone()] {
        let err = save(&conn, Table::PartnerMemberships, &c.id, None, json!({"person": ana.id, "organization": bad})).unwrap_err();
        assert!(err.to_string().contains("no longer in the list"), "{err}");
    }
    let err = save(&conn, Table::PartnerMemberships, &c.id, None, json!({"person": "not an id", "organization": library.id})).unwrap_err();
    assert_eq!(err.kind(), "invalid");
    records::delete_record(&conn, &library.id).unwrap();
    let err = save(&conn, Table::PartnerStages, &c.id, None, json!({"organization": library.id, "stage": "asked", "on": "2026-01-05"})).unwrap_err();
    assert!(err.to_string().contains("no longer in the list"), "{err}");
    assert_eq!(items::list_items(&conn, Table::PartnerMemberships, &c.id).unwrap().len(), 1);
    assert!(items::list_items(&conn, Table::PartnerStages, &c.id).unwrap().is_empty());
}

fn uuid_like() -> String {
    "0f0f0f0f-1111-4222-8333-444455556666".into()
}

#[test]
fn a_row_matched_by_fields_is_kept_once_even_after_removing_and_adding_it_again() {
    let conn = db::open_in_memory().unwrap();
    let c = coalitions::create_coalition(&conn, &CoalitionFields { name: "Fit".into(), ..Default::default() }).unwrap();
    let clinic = records::create_record(&conn, &c.id, "partner", &obj(json!({"name": "Clinic"}))).unwrap();
    let first = save(&conn, Table::PartnerFit, &c.id, None, json!({"organization": clinic.id, "factor": "Shares our goals", "score": 4})).unwrap();
    items::delete_item(&conn, Table::PartnerFit, &first.id).unwrap();
    // The same factor, typed again in other letters: the removed row comes back with the new score.
    let again = save(&conn, Table::PartnerFit, &c.id, None, json!({"organization": clinic.id, "factor": "shares OUR goals ", "score": 2})).unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(again.data["score"], json!(2));
    assert!(again.deleted_at.is_none());
    let other = save(&conn, Table::PartnerFit, &c.id, None, json!({"organization": clinic.id, "factor": "Gets things done", "score": 5})).unwrap();
    // Renaming one factor to another's name would make two of one item: refused.
    let err = save(&conn, Table::PartnerFit, &c.id, Some(&other.id), json!({"organization": clinic.id, "factor": "Shares our goals", "score": 5})).unwrap_err();
    assert!(err.to_string().contains("already in the list"), "{err}");
    // And the coalition still exports a file that reads back.
    let file = exchange::export_coalition(&conn, &c.id, &Default::default()).unwrap();
    assert_eq!(file.tables.partner_fit.len(), 2);
    exchange::read_exchange_file(&exchange::to_json_bytes(&file)).unwrap();
}

#[test]
fn partner_tables_travel_leave_private_details_out_and_merge_between_copies() {
    let mut here = db::open_in_memory().unwrap();
    let c = coalitions::create_coalition(&here, &CoalitionFields { name: "Travel".into(), ..Default::default() }).unwrap();
    let pta = records::create_record(&here, &c.id, "partner", &obj(json!({"name": "PTA"}))).unwrap();
    let luis = save(&here, Table::PartnerPeople, &c.id, None, json!({"name": "Luis", "phone": "(555) 201-4477", "notes": "Evenings"})).unwrap();
    save(&here, Table::PartnerContacts, &c.id, None,
        json!({"organization": pta.id, "how": "call", "on": "2026-11-30", "people": [luis.id, luis.id], "summary": "Walk audit", "due_on": "2026-12-04"})).unwrap();

    // Private details stay home when the sender says so.
    let shared = exchange::export_coalition(&here, &c.id, &exchange::ExportOptions { leave_out_private: true, ..Default::default() }).unwrap();
    let person = &shared.tables.partner_people[0];
    assert!(person.data.get("phone").is_none() && person.data.get("notes").is_none(), "{person:?}");
    assert_eq!(shared.tables.partner_contacts[0].data["people"], json!([luis.id]), "each person once");

    // A second copy opens the file, logs a contact of its own, and sends it back.
    let mut there = db::open_in_memory().unwrap();
    let full = exchange::export_coalition(&here, &c.id, &Default::default()).unwrap();
    let bytes = exchange::to_json_bytes(&full);
    let copy = exchange::import_as_new(&mut there, &exchange::read_exchange_file(&bytes).unwrap()).unwrap();
    let copy_pta = records::list_records(&there, &copy.id, "partner").unwrap().remove(0);
    save(&there, Table::PartnerContacts, &copy.id, None,
        json!({"organization": copy_pta.id, "how": "email", "on": "2026-12-01", "summary": "Sent the map"})).unwrap();
    let back = exchange::read_exchange_file(&exchange::to_json_bytes(&exchange::export_coalition(&there, &copy.id, &Default::default()).unwrap())).unwrap();
    merge_file(&mut here, &c.id, &back, &Default::default()).unwrap();
    let log = items::list_items(&here, Table::PartnerContacts, &c.id).unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log.iter().all(|row| row.data["organization"] == json!(pta.id)), "the copy's contact points at our PTA");
    // Merging the same file twice changes nothing more.
    merge_file(&mut here, &c.id, &back, &Default::default()).unwrap();
    assert_eq!(items::list_items(&here, Table::PartnerContacts, &c.id).unwrap().len(), 2);
    // The phone stayed as typed.
    assert_eq!(items::list_items(&here, Table::PartnerPeople, &c.id).unwrap()[0].data["phone"], json!("(555) 201-4477"));
}
