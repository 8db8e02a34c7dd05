//! How far a coalition has come: per worksheet, how many questions have an answer and which
//! required ones are still open. Records questions count as answered once their list has an item.

use std::collections::HashMap;

use serde::Serialize;

use super::catalog::{Catalog, QuestionKind};
use super::value::is_empty_value;
use crate::model::Answer;

/// Progress through one worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorksheetProgress {
    pub worksheet_id: String,
    pub stage: String,
    pub answered: usize,
    pub total: usize,
    /// Ids of required questions without an answer, in worksheet order.
    pub required_missing: Vec<String>,
}

/// Progress through the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanProgress {
    /// In worksheet order.
    pub worksheets: Vec<WorksheetProgress>,
    pub answered: usize,
    pub total: usize,
}

impl WorksheetProgress {
    /// Every question answered.
    pub fn is_complete(&self) -> bool {
        self.answered == self.total
    }
}

/// Counts answered questions. `answers` are a coalition's answers (cleared ones and answers to
/// questions no longer in the catalog are ignored); `record_counts` maps a record kind id to how
/// many current records of that kind the coalition has.
pub fn progress(catalog: &Catalog, answers: &[Answer], record_counts: &HashMap<String, i64>) -> PlanProgress {
    let answered_ids: std::collections::HashSet<(&str, &str)> = answers
        .iter()
        .filter(|a| a.deleted_at.is_none() && !is_empty_value(&a.value))
        .map(|a| (a.worksheet_id.as_str(), a.question_id.as_str()))
        .collect();

    let worksheets: Vec<WorksheetProgress> = catalog
        .worksheets
        .iter()
        .map(|worksheet| {
            let mut answered = 0;
            let mut total = 0;
            let mut required_missing = Vec::new();
            for question in worksheet.questions() {
                total += 1;
                let has_answer = if question.kind == QuestionKind::Records {
                    let kind = question.record.as_deref().unwrap_or_default();
                    record_counts.get(kind).copied().unwrap_or(0) > 0
                } else {
                    answered_ids.contains(&(worksheet.id.as_str(), question.id.as_str()))
                };
                if has_answer {
                    answered += 1;
                } else if question.required {
                    required_missing.push(question.id.clone());
                }
            }
            WorksheetProgress {
                worksheet_id: worksheet.id.clone(),
                stage: worksheet.stage.clone(),
                answered,
                total,
                required_missing,
            }
        })
        .collect();

    PlanProgress {
        answered: worksheets.iter().map(|w| w.answered).sum(),
        total: worksheets.iter().map(|w| w.total).sum(),
        worksheets,
    }
}
