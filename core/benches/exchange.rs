//! How long sharing a large coalition takes: 5,000 partners and 20,000 other records (objectives
//! and resources) plus every question answered. Prints export time, file size, read-and-check
//! time, open-as-new time and merge plan and apply times.
//!
//! Run with `cargo bench -p common-ground-core --bench exchange`.

use std::time::{Duration, Instant};

use common_ground_core::db;
use common_ground_core::exchange::*;
use common_ground_core::model::{CoalitionFields, Record};
use common_ground_core::store::row::Table;
use common_ground_core::store::{answers, changes, coalitions, records};
use common_ground_core::worksheets::{self, check_answer_at, QuestionKind};
use rusqlite::{Connection, TransactionBehavior};
use serde_json::{json, Map, Value};

const PARTNERS: usize = 5_000;
const OTHERS: usize = 20_000;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut coordinator = db::open(&dir.path().join("coordinator.sqlite")).unwrap();
    let started = Instant::now();
    let cid = fill(&mut coordinator);
    println!("setup: {PARTNERS} partners + {OTHERS} objectives and resources in {:?}", started.elapsed());

    let (file, export_time) = timed(|| export_coalition(&coordinator, &cid, &ExportOptions::default()).unwrap());
    let (bytes, write_time) = timed(|| to_json_bytes(&file));
    println!("export (read the database):   {}", ms(export_time));
    println!("to_json_bytes:                {}", ms(write_time));
    println!("file size:                    {:.1} MB ({} bytes)", bytes.len() as f64 / 1_048_576.0, bytes.len());
    let (read, read_time) = timed(|| read_exchange_file(&bytes).unwrap());
    println!("read + validate:              {}", ms(read_time));
    assert_eq!(read.tables.records.len(), PARTNERS + OTHERS);

    let mut partner = db::open(&dir.path().join("partner.sqlite")).unwrap();
    let (_, import_time) = timed(|| import_as_new(&mut partner, &read).unwrap());
    println!("import as new (file database): {}", ms(import_time));

    // The partner edits 1,000 records, adds 500 and deletes 200, then shares the file back.
    edit(&mut partner, &cid);
    let back = read_exchange_file(&to_json_bytes(&export_coalition(&partner, &cid, &ExportOptions::default()).unwrap())).unwrap();
    let (plan, plan_time) = timed(|| plan_merge(&coordinator, &cid, &back).unwrap());
    println!(
        "merge plan:                   {} ({} added, {} updated, {} deleted, {} unchanged, {} conflicts)",
        ms(plan_time),
        plan.added.len(),
        plan.updated.len(),
        plan.deleted.len(),
        plan.unchanged,
        plan.conflicts.len()
    );
    let (summary, apply_time) = timed(|| apply_merge(&mut coordinator, &cid, &back, &MergeChoices::default()).unwrap());
    println!("merge apply (one transaction): {}", ms(apply_time));
    assert_eq!((summary.added, summary.updated, summary.deleted), (500, 1000, 200), "{summary:?}");
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn ms(d: Duration) -> String {
    format!("{:>8.1} ms", d.as_secs_f64() * 1000.0)
}

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn fill(conn: &mut Connection) -> String {
    let catalog = worksheets::catalog();
    let c = coalitions::create_coalition(conn, &CoalitionFields { name: "Big County Coalition".into(), ..Default::default() }).unwrap();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).unwrap();
    for sheet in &catalog.worksheets {
        for q in sheet.questions() {
            let raw = match q.kind {
                QuestionKind::ShortText | QuestionKind::LongText => json!("A considered answer, a sentence or two long."),
                QuestionKind::Rating => json!(4),
                QuestionKind::Number | QuestionKind::Money => json!(1200),
                QuestionKind::Date => json!("2025-06-01"),
                QuestionKind::List => json!(["first", "second", "third"]),
                _ => continue,
            };
            if let Ok(Some(v)) = check_answer_at(catalog, &sheet.id, &q.id, &raw) {
                answers::upsert_answer(&tx, &c.id, &sheet.id, &q.id, &v).unwrap();
            }
        }
    }
    let now = common_ground_core::time::now();
    let put = |kind: &str, position: usize, data: Value| {
        let id = uuid::Uuid::new_v4().to_string();
        records::put_record_row(
            &tx,
            &Record {
                id: id.clone(),
                coalition_id: c.id.clone(),
                kind: kind.into(),
                position: position as i64,
                data: obj(data),
                created_at: now.clone(),
                updated_at: now.clone(),
                deleted_at: None,
            },
        )
        .unwrap();
        // Written past the store's own functions for speed, so its change is noted here.
        changes::note_local_change(&tx, Table::Records, &id).unwrap();
    };
    for i in 0..PARTNERS {
        put("partner", i, json!({
            "name": format!("Partner organisation {i}"),
            "sector": "nonprofit",
            "is_member": i % 2 == 0,
            "role": "Member",
            "contact_name": format!("Person {i}"),
            "contact_email": format!("person{i}@example.org"),
            "brings": "Volunteers, a meeting room and trust in the neighborhood.",
        }));
    }
    for i in 0..OTHERS {
        if i % 2 == 0 {
            put("objective", i, json!({"what": format!("Objective number {i}: do a concrete thing by a date"), "who": "Work group", "by_when": "2026-01-31", "status": "under_way"}));
        } else {
            put("resource", i, json!({"what": format!("Resource {i}"), "kind": "space", "from": "The library"}));
        }
    }
    tx.commit().unwrap();
    c.id
}

fn edit(conn: &mut Connection, cid: &str) {
    std::thread::sleep(Duration::from_millis(5));
    let partners = records::list_records(conn, cid, "partner").unwrap();
    let tx = conn.transaction().unwrap();
    for p in partners.iter().take(1000) {
        let mut data = p.data.clone();
        data.insert("role".into(), json!("Co-chair"));
        records::update_record(&tx, &p.id, &data).unwrap();
    }
    for p in partners.iter().skip(1000).take(200) {
        records::delete_record(&tx, &p.id).unwrap();
    }
    for i in 0..500 {
        records::create_record(&tx, cid, "partner", &obj(json!({"name": format!("New partner {i}")}))).unwrap();
    }
    tx.commit().unwrap();
}
