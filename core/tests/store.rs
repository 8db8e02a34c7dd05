//! The store as a whole: migrations from every earlier schema version, and two connections to one
//! file at once (the app and its backup thread, or two windows).

use common_ground_core::db::{self, MIGRATIONS, SCHEMA_VERSION};
use common_ground_core::model::CoalitionFields;
use common_ground_core::store::{answers, coalitions};
use rusqlite::Connection;
use serde_json::json;

/// A database as an older version of the app left it: the first `version` migrations applied.
fn database_at_version(path: &std::path::Path, version: usize) {
    let conn = Connection::open(path).unwrap();
    for (index, sql) in MIGRATIONS.iter().take(version).enumerate() {
        conn.execute_batch(sql).unwrap();
        conn.pragma_update(None, "user_version", index as i64 + 1).unwrap();
    }
    if version >= 1 {
        // Data in the shape version 1 wrote; later migrations must carry it over.
        conn.execute_batch(
            "INSERT INTO coalitions (id, name, focus, created_at, updated_at)
                 VALUES ('c1', 'Old Coalition', 'Kept through upgrades', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
             INSERT INTO answers (id, coalition_id, worksheet_id, question_id, value, created_at, updated_at)
                 VALUES ('a1', 'c1', 'vision', 'vision', '\"Everyone thrives\"', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');",
        )
        .unwrap();
    }
}

#[test]
fn every_earlier_schema_version_upgrades_and_keeps_its_data() {
    for version in 0..=MIGRATIONS.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.sqlite");
        database_at_version(&path, version);
        let conn = db::open(&path).unwrap_or_else(|e| panic!("upgrading from version {version}: {e}"));
        assert_eq!(db::schema_version(&conn).unwrap(), SCHEMA_VERSION);
        if version >= 1 {
            let kept = coalitions::get_coalition(&conn, "c1").unwrap();
            assert_eq!(kept.name, "Old Coalition");
            let answer = answers::get_answer(&conn, "c1", "vision", "vision").unwrap().unwrap();
            assert_eq!(answer.value, json!("Everyone thrives"));
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
