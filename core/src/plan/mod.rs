//! The coalition's plan as a printable document. This module decides what the plan says: a
//! cover (name, focus, vision, date, who prepared it, member organizations), then one section
//! per worksheet in catalog order with every answer formatted for people, records and table
//! answers as tables, and the review's ratings as a table. It produces a [`Document`] (plain
//! data, what tests snapshot) and leaves layout and the PDF itself to [`crate::pdf`].
//!
//! - `cover`, `sections`, `records`, `review`: the mapping from a coalition to blocks.
//! - `crate::format`: how each kind of value reads (shared with the screens).
//! - `file`: writing the PDF to disk safely.
//! - `large`: a generated, very large coalition for load tests and benchmarks.

mod cover;
mod file;
pub mod large;
mod records;
mod review;
mod sections;

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::format;
use crate::model::{Coalition, Record};
use crate::pdf::{self, Document};
use crate::store::{answers, coalitions, records as record_store};
use crate::text;
use crate::worksheets::{self, privacy, Catalog};

pub use file::write_plan_file;
pub use sections::not_done;

/// Choices a person makes before printing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct PlanSettings {
    /// Leave out worksheets with no answers instead of saying they are not done yet.
    pub leave_out_unanswered: bool,
    /// Leave out what the worksheet data marks private (contact details, internal notes, whole
    /// private questions; see `worksheets::privacy`), for a plan that goes beyond the core team,
    /// exactly as the exchange file does. By default they are printed: it is the coalition's own
    /// document.
    pub leave_out_private: bool,
}

/// The plan of a coalition as a PDF file's bytes.
pub fn render_plan(conn: &Connection, coalition_id: &str, settings: &PlanSettings) -> Result<Vec<u8>> {
    render_plan_with(conn, worksheets::catalog(), coalition_id, settings)
}

/// As [`render_plan`], with the worksheets given (tests use small hand-made ones).
pub fn render_plan_with(conn: &Connection, catalog: &Catalog, coalition_id: &str, settings: &PlanSettings) -> Result<Vec<u8>> {
    let doc = build_plan(conn, catalog, coalition_id, settings, &today())?;
    Ok(pdf::render_document(&doc)?.bytes)
}

/// The plan as a document, made on the day `made_on` (as people read it, "31 March 2025").
pub fn build_plan(
    conn: &Connection,
    catalog: &Catalog,
    coalition_id: &str,
    settings: &PlanSettings,
    made_on: &str,
) -> Result<Document> {
    let data = PlanData::load(conn, catalog, coalition_id, settings.leave_out_private)?;
    let name = data.coalition.name.clone();
    Ok(Document {
        title: text::t("plan.document_title", &[("name", &name)]),
        subject: if data.coalition.focus.trim().is_empty() {
            text::t("plan.document_subject", &[("name", &name)])
        } else {
            data.coalition.focus.clone()
        },
        author: if data.coalition.prepared_by.trim().is_empty() {
            name.clone()
        } else {
            data.coalition.prepared_by.clone()
        },
        running_head: name,
        date_text: made_on.to_string(),
        cover: cover::cover(catalog, &data, made_on),
        contents_title: text::t("plan.contents", &[]),
        placeholder_note: text::t("plan.placeholder_note", &[("placeholder", &pdf::PLACEHOLDER)]),
        page_number: text::t("plan.page_number", &[("page", &"{page}"), ("pages", &"{pages}")]),
        sections: sections::sections(catalog, &data, settings),
    })
}

/// Today in the person's local time, as the plan prints dates.
pub fn today() -> String {
    format::date(&crate::time::today())
}

/// What a plan is made from, read once.
pub(crate) struct PlanData {
    pub coalition: Coalition,
    /// Worksheet id -> question id -> stored value.
    answers: HashMap<String, HashMap<String, Value>>,
    /// Record kind id -> records in their order.
    records: HashMap<String, Vec<Record>>,
}

impl PlanData {
    /// Reads the coalition; with `leave_out_private`, without what `worksheets::privacy` calls
    /// private, so no part of the plan (cover included) can print it.
    fn load(conn: &Connection, catalog: &Catalog, coalition_id: &str, leave_out_private: bool) -> Result<PlanData> {
        let coalition = coalitions::get_coalition(conn, coalition_id)?;
        if coalition.deleted_at.is_some() {
            return Err(Error::NotFound(text::t("plan.error_deleted", &[])));
        }
        let mut answers: HashMap<String, HashMap<String, Value>> = HashMap::new();
        for answer in answers::list_answers(conn, coalition_id)? {
            let value = match catalog.question(&answer.worksheet_id, &answer.question_id) {
                Some(question) if leave_out_private => match privacy::public_answer(question, &answer.value) {
                    Some(value) => value,
                    None => continue,
                },
                _ => answer.value,
            };
            answers.entry(answer.worksheet_id).or_default().insert(answer.question_id, value);
        }
        let mut records = HashMap::new();
        for kind in &catalog.record_kinds {
            let mut list = record_store::list_records(conn, coalition_id, &kind.id)?;
            if leave_out_private {
                for record in &mut list {
                    record.data = privacy::public_fields(kind, &record.data);
                }
            }
            records.insert(kind.id.clone(), list);
        }
        Ok(PlanData { coalition, answers, records })
    }

    /// A worksheet's answers by question id.
    pub fn answers_of(&self, worksheet_id: &str) -> HashMap<&str, &Value> {
        self.answers
            .get(worksheet_id)
            .map(|a| a.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }

    pub fn records_of(&self, kind: &str) -> &[Record] {
        self.records.get(kind).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests;
