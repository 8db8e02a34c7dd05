//! The store as a whole: migrations from every earlier schema version, and two connections to one
//! file at once (the app and its backup thread, or two windows).

use std::path::Path;

use common_ground_core::db::{self, SCHEMA_VERSION};
use common_ground_core::model::CoalitionFields;
use common_ground_core::store::{answers, coalitions, records};
use rusqlite::Connection;
use serde_json::json;

/// The frozen databases in `core/sql/fixtures/`: `vN.sql` is a database exactly as schema version
/// N left it, schema and rows. Upgrades are tested from these, never by replaying today's
/// migration files, so a change to a released migration cannot hide an upgrade that breaks.
fn frozen_database(version: i64) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sql/fixtures/v{version}.sql"));
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("schema version {version} has no frozen fixture: save a database it wrote as {}", path.display())
    })
}

/// Ids of the rows in every fixture: each later version must keep them.
const SAFE_STREETS: &str = "6f1c2b9e-4d3a-4c8e-9b7a-2e5d8f0a1c34";
const FOOD_ACCESS: &str = "0d2e4f60-8a1b-4c3d-9e5f-7a8b9c0d1e2f";
const DELETED_COALITION: &str = "1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9";

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn an_empty_file_reaches_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.sqlite");
    let conn = db::open(&path).unwrap();
    assert_eq!(db::schema_version(&conn).unwrap(), SCHEMA_VERSION);
}

#[test]
fn every_frozen_schema_version_upgrades_and_keeps_its_data() {
    for version in 1..=SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.sqlite");
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(&frozen_database(version)).unwrap();
            assert_eq!(db::schema_version(&old).unwrap(), version, "v{version}.sql sets its user_version");
        }
        let conn = db::open(&path).unwrap_or_else(|e| panic!("upgrading from version {version}: {e}"));
        assert_eq!(db::schema_version(&conn).unwrap(), SCHEMA_VERSION);

        // Every row is still there and reads through the store.
        assert_eq!(count(&conn, "SELECT count(*) FROM coalitions"), 3, "from version {version}");
        assert_eq!(count(&conn, "SELECT count(*) FROM answers"), 10, "from version {version}");
        assert_eq!(count(&conn, "SELECT count(*) FROM records"), 5, "from version {version}");
        assert_eq!(count(&conn, "SELECT count(*) FROM exchanges"), 2, "from version {version}");
        let listed: Vec<String> = coalitions::list_coalitions(&conn).unwrap().into_iter().map(|c| c.id).collect();
        assert_eq!(listed.len(), 2, "the deleted coalition stays hidden");
        assert!(listed.contains(&SAFE_STREETS.to_string()) && listed.contains(&FOOD_ACCESS.to_string()));
        assert!(coalitions::get_coalition(&conn, DELETED_COALITION).unwrap().deleted_at.is_some());
        let kept = coalitions::get_coalition(&conn, SAFE_STREETS).unwrap();
        assert_eq!(kept.name, "Millbrook Neighbors for Safe Streets");
        assert_eq!(kept.updated_at, "2025-02-03T10:45:00.500Z", "the time people see is kept");
        let vision = answers::get_answer(&conn, SAFE_STREETS, "vision", "vision").unwrap().unwrap();
        assert_eq!(vision.value, json!("Every child in Millbrook can walk or bike to school safely."));
        assert_eq!(answers::list_answers(&conn, SAFE_STREETS).unwrap().len(), 8, "the cleared answer stays cleared");
        assert_eq!(answers::list_answers_with_deleted(&conn, SAFE_STREETS).unwrap().len(), 9);
        let partners = records::list_records(&conn, SAFE_STREETS, "partner").unwrap();
        assert_eq!(partners.len(), 1, "the deleted partner stays deleted");
        assert_eq!(partners[0].data["is_member"], json!(true));
        assert_eq!(records::list_all_records(&conn, SAFE_STREETS).unwrap().len(), 4);
        assert!(common_ground_core::exchange::private_details_incomplete(&conn, FOOD_ACCESS).unwrap());

        // The upgraded coalitions take new work of every kind, and share.
        answers::upsert_answer(&conn, SAFE_STREETS, "vision", "vision", &json!("Safe routes for all")).unwrap();
        let data = json!({"name": "Corner Grocery"}).as_object().unwrap().clone();
        let added = records::create_record(&conn, FOOD_ACCESS, "partner", &data).unwrap();
        assert_eq!(added.position, 1);
        let file = common_ground_core::exchange::export_coalition(&conn, SAFE_STREETS, &Default::default()).unwrap();
        assert_eq!(file.tables.records.len(), 4);

        // Groups typed before the Partners area can be searched, accents ignored; version 3's
        // own rows are kept and travel.
        let found: Vec<String> = conn
            .prepare("SELECT row_id FROM partner_search_groups WHERE partner_search_groups MATCH 'millbrook*'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(found.contains(&"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d".to_string()), "from version {version}: {found:?}");
        if version >= 3 {
            use common_ground_core::store::{items, row::Table};
            let people = items::list_items(&conn, Table::PartnerPeople, SAFE_STREETS).unwrap();
            assert_eq!(people.len(), 2, "from version {version}");
            assert_eq!(file.tables.partner_contacts.len(), 1);
            assert_eq!(file.tables.partner_contacts[0].data["due_on"], json!("2025-03-16"));
        }

        // Opening again is a no-op.
        drop(conn);
        assert_eq!(db::schema_version(&db::open(&path).unwrap()).unwrap(), SCHEMA_VERSION);
    }
}

#[test]
fn two_connections_see_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.sqlite");
    let first = db::open(&path).unwrap();
    let second = db::open(&path).unwrap();
    let made = coalitions::create_coalition(&first, &CoalitionFields { name: "Shared".into(), ..Default::default() }).unwrap();
    assert_eq!(coalitions::list_coalitions(&second).unwrap()[0].id, made.id);
    answers::upsert_answer(&second, &made.id, "vision", "vision", &json!("From the second")).unwrap();
    let seen = answers::get_answer(&first, &made.id, "vision", "vision").unwrap().unwrap();
    assert_eq!(seen.value, json!("From the second"));
}

#[test]
fn a_deleted_coalition_lists_nothing_and_takes_no_changes_until_restored() {
    use common_ground_core::store::{answers, records};
    use common_ground_core::worksheets;
    use serde_json::json;

    let conn = db::open_in_memory().unwrap();
    let c = coalitions::create_coalition(&conn, &CoalitionFields { name: "Gone".into(), ..Default::default() }).unwrap();
    answers::upsert_answer(&conn, &c.id, "vision", "vision", &json!("Safe streets")).unwrap();
    let data = json!({"name": "Library"}).as_object().unwrap().clone();
    let partner = records::create_record(&conn, &c.id, "partner", &data).unwrap();
    coalitions::delete_coalition(&conn, &c.id).unwrap();

    // What the wizard, the progress bar and the plan read shows nothing of it.
    assert!(answers::list_answers(&conn, &c.id).unwrap().is_empty());
    assert!(answers::get_answer(&conn, &c.id, "vision", "vision").unwrap().is_none());
    assert!(records::list_records(&conn, &c.id, "partner").unwrap().is_empty());
    assert!(records::count_records_by_kind(&conn, &c.id).unwrap().is_empty());
    let progress = worksheets::progress(
        worksheets::catalog(),
        &answers::list_answers(&conn, &c.id).unwrap(),
        &records::count_records_by_kind(&conn, &c.id).unwrap(),
    );
    assert_eq!(progress.answered, 0);

    // A late save from a window still open on it is refused, not written.
    let err = answers::upsert_answer(&conn, &c.id, "vision", "vision", &json!("Changed")).unwrap_err();
    assert_eq!(err.kind(), "not_found", "{err:?}");
    let err = answers::clear_answer(&conn, &c.id, "vision", "vision").unwrap_err();
    assert_eq!(err.kind(), "not_found", "{err:?}");
    let err = records::create_record(&conn, &c.id, "partner", &data).unwrap_err();
    assert_eq!(err.kind(), "not_found", "{err:?}");
    let err = records::update_record(&conn, &partner.id, &data).unwrap_err();
    assert_eq!(err.kind(), "not_found", "{err:?}");

    // Undo brings everything back exactly as it was.
    coalitions::restore_coalition(&conn, &c.id).unwrap();
    assert_eq!(answers::get_answer(&conn, &c.id, "vision", "vision").unwrap().unwrap().value, json!("Safe streets"));
    assert_eq!(records::list_records(&conn, &c.id, "partner").unwrap().len(), 1);
    assert_eq!(records::list_all_records(&conn, &c.id).unwrap().len(), 1);
}
