//! The example coalition that ships with the app, so a newcomer can see a finished plan before
//! starting their own. Its content is data in `core/example/example-coalition.json`, written by
//! us about a fictional county; this module only loads it. Every answer and record goes through
//! the same checks as a person's typing, so the example can never hold what the app would refuse.

use std::collections::BTreeMap;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Coalition, CoalitionFields};
use crate::store::{answers, coalitions, records};
use crate::text;
use crate::worksheets;

/// The example's content, built into the app.
pub const EXAMPLE_JSON: &str = include_str!("../example/example-coalition.json");

const FORMAT: &str = "common-ground-example";
const VERSION: u32 = 1;

/// The layout of the example file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    format: String,
    version: u32,
    coalition: CoalitionFields,
    /// Worksheet id -> question id -> answer value.
    answers: BTreeMap<String, BTreeMap<String, Value>>,
    /// Record kind id -> records in the order they should be listed.
    records: BTreeMap<String, Vec<Map<String, Value>>>,
}

fn parse_example() -> Result<ExampleFile> {
    let file: ExampleFile = serde_json::from_str(EXAMPLE_JSON)
        .map_err(|e| Error::Invalid(text::t("coalitions.error_example_damaged", &[("problem", &e)])))?;
    if file.format != FORMAT || file.version != VERSION {
        let params: [(&str, &dyn std::fmt::Display); 2] = [("format", &file.format), ("version", &file.version)];
        return Err(Error::Invalid(text::t("coalitions.error_example_format", &params)));
    }
    Ok(file)
}

/// Creates a fresh copy of the example coalition with all its answers and records, in one
/// transaction: either the whole example appears or nothing does.
pub fn create_example_coalition(conn: &Connection) -> Result<Coalition> {
    let example = parse_example()?;
    let catalog = worksheets::catalog();

    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let id = crate::store::new_id();
    coalitions::insert_coalition(&tx, &id, &example.coalition, true)?;

    for (worksheet_id, questions) in &example.answers {
        for (question_id, value) in questions {
            let stored = worksheets::check_answer_at(catalog, worksheet_id, question_id, value).map_err(|e| {
                let place = format!("{worksheet_id}/{question_id}");
                Error::Invalid(text::t("coalitions.error_example_answer", &[("question", &place), ("problem", &e)]))
            })?;
            if let Some(stored) = stored {
                answers::upsert_answer(&tx, &id, worksheet_id, question_id, &stored)?;
            }
        }
    }

    for (kind_id, items) in &example.records {
        let kind = catalog
            .record_kind(kind_id)
            .ok_or_else(|| Error::Invalid(text::t("coalitions.error_example_kind", &[("kind", &kind_id)])))?;
        for (i, data) in items.iter().enumerate() {
            let clean = worksheets::check_record(kind, data).map_err(|e| {
                let params: [(&str, &dyn std::fmt::Display); 3] = [("kind", &kind_id), ("number", &(i + 1)), ("problem", &e)];
                Error::Invalid(text::t("coalitions.error_example_record", &params))
            })?;
            records::create_record(&tx, &id, kind_id, &clean)?;
        }
    }

    let coalition = coalitions::get_coalition(&tx, &id)?;
    tx.commit()?;
    Ok(coalition)
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::db;
    use crate::worksheets::QuestionKind;

    fn loaded() -> (Connection, Coalition) {
        let conn = db::open_in_memory().unwrap();
        let coalition = create_example_coalition(&conn).unwrap();
        (conn, coalition)
    }

    #[test]
    fn example_loads_into_an_empty_database() {
        let (conn, coalition) = loaded();
        assert!(coalition.is_example);
        assert_eq!(coalition.name, "Harbor County Youth Wellbeing Coalition");
        assert_eq!(coalition.start_date.as_deref(), Some("2024-09-01"));
        let contents = coalitions::coalition_contents(&conn, &coalition.id).unwrap();
        assert!(contents.answers > 100, "only {} answers", contents.answers);
        assert!(contents.records > 40, "only {} records", contents.records);
    }

    #[test]
    fn example_can_be_created_twice_side_by_side() {
        let (conn, first) = loaded();
        let second = create_example_coalition(&conn).unwrap();
        assert_ne!(first.id, second.id);
        assert_eq!(coalitions::list_coalitions(&conn).unwrap().len(), 2);
        let count = |id: &str| answers::list_answers(&conn, id).unwrap().len();
        assert_eq!(count(&first.id), count(&second.id));
    }

    #[test]
    fn every_question_that_takes_an_answer_is_answered() {
        let (conn, coalition) = loaded();
        let saved: HashSet<(String, String)> = answers::list_answers(&conn, &coalition.id)
            .unwrap()
            .into_iter()
            .map(|a| (a.worksheet_id, a.question_id))
            .collect();
        let mut missing = Vec::new();
        for worksheet in &worksheets::catalog().worksheets {
            for question in worksheet.questions().filter(|q| q.kind != QuestionKind::Records) {
                if !saved.contains(&(worksheet.id.clone(), question.id.clone())) {
                    missing.push(format!("{}/{}", worksheet.id, question.id));
                }
            }
        }
        assert!(missing.is_empty(), "the example leaves these unanswered: {missing:?}");
    }

    #[test]
    fn every_records_question_has_at_least_three_records() {
        let (conn, coalition) = loaded();
        let counts: HashMap<String, i64> = records::list_all_records(&conn, &coalition.id)
            .unwrap()
            .into_iter()
            .fold(HashMap::new(), |mut counts, r| {
                *counts.entry(r.kind).or_default() += 1;
                counts
            });
        for worksheet in &worksheets::catalog().worksheets {
            for question in worksheet.questions().filter(|q| q.kind == QuestionKind::Records) {
                let kind = question.record.as_deref().unwrap();
                let n = counts.get(kind).copied().unwrap_or(0);
                assert!(n >= 3, "{}/{} shows {kind} records, and the example has only {n}", worksheet.id, question.id);
            }
        }
    }

    /// The file is kept in the form the app stores, so what a person sees in the example is
    /// exactly what was written, and a review of the file is a review of the example.
    #[test]
    fn example_file_is_already_in_stored_form() {
        let example = parse_example().unwrap();
        let catalog = worksheets::catalog();
        for (worksheet_id, questions) in &example.answers {
            for (question_id, value) in questions {
                let stored = worksheets::check_answer_at(catalog, worksheet_id, question_id, value).unwrap();
                assert_eq!(stored.as_ref(), Some(value), "{worksheet_id}/{question_id}");
            }
        }
        for (kind_id, items) in &example.records {
            let kind = catalog.record_kind(kind_id).unwrap();
            for data in items {
                assert_eq!(&worksheets::check_record(kind, data).unwrap(), data, "{kind_id}");
            }
        }
    }

    #[test]
    fn records_keep_the_order_of_the_file() {
        let (conn, coalition) = loaded();
        let partners = records::list_records(&conn, &coalition.id, "partner").unwrap();
        let names: Vec<&str> = partners.iter().map(|p| p.data["name"].as_str().unwrap()).collect();
        assert_eq!(names.first(), Some(&"Harbor County Health Department"));
        assert!(partners.iter().any(|p| p.data["is_member"] == Value::Bool(false)), "some partners are still to be recruited");
    }

    #[test]
    fn example_budget_shows_a_gap() {
        let (conn, coalition) = loaded();
        let mut totals: HashMap<String, i64> = HashMap::new();
        for line in records::list_records(&conn, &coalition.id, "budget_line").unwrap() {
            let direction = line.data["direction"].as_str().unwrap().to_string();
            *totals.entry(direction).or_default() += line.data["amount"].as_i64().unwrap();
        }
        assert!(totals["expense"] > totals["income"], "{totals:?}");
    }

    #[test]
    fn every_common_barrier_is_covered() {
        let (conn, coalition) = loaded();
        let covered: HashSet<String> = records::list_records(&conn, &coalition.id, "barrier")
            .unwrap()
            .into_iter()
            .map(|r| r.data["barrier"].as_str().unwrap().to_string())
            .collect();
        let kind = worksheets::catalog().record_kind("barrier").unwrap();
        let field = kind.fields.iter().find(|f| f.id == "barrier").unwrap();
        for option in field.options.iter().filter(|o| o.id != "other") {
            assert!(covered.contains(&option.id), "no example for barrier “{}”", option.id);
        }
    }
}
