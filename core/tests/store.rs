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
