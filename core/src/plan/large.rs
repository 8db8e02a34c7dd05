//! A generated coalition at the far end of real use: every question of every worksheet answered
//! at length, 500 partners, 200 budget lines and dozens of every other record. Its plan is
//! about 80 pages; load tests and the benchmark print it. Every value goes through the same
//! checks as a person's typing, so it is data the app could really hold.

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde_json::{json, Map, Value};

use crate::error::Result;
use crate::model::{Coalition, CoalitionFields};
use crate::store::{answers, coalitions, records};
use crate::worksheets::{self, Catalog, Field, FieldKind, Question, QuestionKind};

pub const PARTNERS: usize = 500;
pub const BUDGET_LINES: usize = 200;
/// Records of every other kind.
pub const OTHER_RECORDS: usize = 20;

const WORDS: &[&str] = &[
    "neighbors", "youth", "schools", "clinic", "library", "parents", "trust", "meetings", "volunteers", "county",
    "health", "housing", "safety", "food", "transport", "grants", "training", "outreach", "leaders", "partners",
    "survey", "data", "plan", "budget", "events", "faith", "business", "city", "council", "workshops",
];

/// Deterministic filler text of about `words` words, in sentences.
fn prose(seed: usize, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        let word = WORDS[(seed * 7 + i * 13 + i / 5) % WORDS.len()];
        if i % 12 == 0 {
            if i > 0 {
                out.push_str(". ");
            }
            let mut chars = word.chars();
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(chars.as_str());
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

fn field_value(field: &Field, seed: usize) -> Value {
    match field.kind {
        FieldKind::ShortText => json!(prose(seed, 4).trim_end_matches('.')),
        FieldKind::LongText => json!(prose(seed, 9)),
        FieldKind::SingleChoice => field.options.get(seed % field.options.len().max(1)).map_or(Value::Null, |o| json!(o.id)),
        FieldKind::YesNo => json!(!seed.is_multiple_of(3)),
        FieldKind::Rating => json!(seed % 5 + 1),
        FieldKind::Number => json!((seed * 37) % 1000),
        FieldKind::Money => json!(((seed * 7919) % 5_000_000) as i64 + 1000),
        FieldKind::Date => json!(format!("2025-{:02}-{:02}", seed % 12 + 1, seed % 28 + 1)),
        FieldKind::Email => json!(format!("person{seed}@example.org")),
        FieldKind::Phone => json!(format!("555-201-{:04}", seed % 10_000)),
        FieldKind::Reference | FieldKind::References => Value::Null,
    }
}

fn answer_value(question: &Question, seed: usize) -> Option<Value> {
    Some(match question.kind {
        QuestionKind::ShortText => json!(prose(seed, 10)),
        QuestionKind::LongText => {
            let paragraphs: Vec<String> = (0..3).map(|p| prose(seed + p, 40)).collect();
            json!(paragraphs.join("\n\n"))
        }
        QuestionKind::List => json!((0..6).map(|i| prose(seed + i, 8)).collect::<Vec<_>>()),
        QuestionKind::SingleChoice => {
            if question.allow_other {
                json!({"choice": "other", "other": prose(seed, 6)})
            } else {
                json!({"choice": question.options.first()?.id})
            }
        }
        QuestionKind::MultiChoice => {
            let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
            if question.allow_other {
                json!({"choices": ids, "other": prose(seed, 6)})
            } else {
                json!({"choices": ids})
            }
        }
        QuestionKind::Rating => json!(seed % 5 + 1),
        QuestionKind::Number => json!(1234 + seed),
        QuestionKind::Money => json!(2_500_000 + seed as i64),
        QuestionKind::Date => json!("2025-03-31"),
        QuestionKind::Table => json!((0..10)
            .map(|row| question
                .columns
                .iter()
                .map(|c| (c.id.clone(), field_value(c, seed + row)))
                .collect::<Map<String, Value>>())
            .collect::<Vec<_>>()),
        QuestionKind::Records => return None,
    })
}

fn record_count(kind: &str) -> usize {
    match kind {
        "partner" => PARTNERS,
        "budget_line" => BUDGET_LINES,
        _ => OTHER_RECORDS,
    }
}

/// Creates the large coalition (in one transaction) using the app's worksheets.
pub fn create_large_coalition(conn: &Connection) -> Result<Coalition> {
    create_large_coalition_with(conn, worksheets::catalog())
}

/// As [`create_large_coalition`], for the given worksheets.
pub fn create_large_coalition_with(conn: &Connection, catalog: &Catalog) -> Result<Coalition> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let coalition = coalitions::create_coalition(
        &tx,
        &CoalitionFields {
            name: "Greater Riverside Regional Partnership for Youth, Family and Neighborhood Wellbeing".into(),
            focus: "A very large generated coalition with every worksheet answered at length".into(),
            start_date: Some("2023-01-15".into()),
            prepared_by: "The planning committee".into(),
        },
    )?;
    for (w, worksheet) in catalog.worksheets.iter().enumerate() {
        for (q, question) in worksheet.questions().enumerate() {
            let Some(value) = answer_value(question, w * 31 + q) else { continue };
            if let Some(stored) = worksheets::check_answer(question, &value)? {
                answers::upsert_answer(&tx, &coalition.id, &worksheet.id, &question.id, &stored)?;
            }
        }
    }
    for kind in &catalog.record_kinds {
        for i in 0..record_count(&kind.id) {
            // As in real lists, most entries have only the short fields filled in.
            let full = i % 4 == 0;
            let mut data: Map<String, Value> = kind
                .fields
                .iter()
                .filter(|f| full || f.required || f.kind != FieldKind::LongText)
                .map(|f| (f.id.clone(), field_value(f, i)))
                .collect();
            if let Some(title) = kind.fields.iter().find(|f| f.id == kind.title_field && f.kind == FieldKind::ShortText) {
                data.insert(title.id.clone(), json!(format!("{} {}", kind.label, i + 1)));
            }
            let clean = worksheets::check_record(kind, &data)?;
            records::create_record(&tx, &coalition.id, &kind.id, &clean)?;
        }
    }
    tx.commit()?;
    Ok(coalition)
}
