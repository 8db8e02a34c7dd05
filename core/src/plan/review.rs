//! The review worksheet's self-ratings as one table: each area with its rating and notes.
//! Questions `rating_<area>` and `note_<area>` pair up by the area in their ids.

use std::collections::HashMap;

use serde_json::Value;

use crate::format;
use crate::pdf::{Block, Column, Row, Table};
use crate::text;
use crate::worksheets::{Question, QuestionKind, Worksheet};

/// The worksheet whose ratings print as a table.
pub const REVIEW_WORKSHEET: &str = "review";
const RATING: &str = "rating_";
const NOTE: &str = "note_";

/// Whether `question` of the review worksheet goes in the ratings table.
pub fn in_ratings_table(worksheet: &Worksheet, question: &Question) -> bool {
    worksheet.id == REVIEW_WORKSHEET && area_of(question).is_some()
}

fn area_of(question: &Question) -> Option<&str> {
    match question.kind {
        QuestionKind::Rating => question.id.strip_prefix(RATING),
        QuestionKind::LongText | QuestionKind::ShortText => question.id.strip_prefix(NOTE),
        _ => None,
    }
}

/// The area a rating question names in the worksheet data ("Leadership"), or its label.
fn area_name(question: &Question) -> String {
    if question.area.is_empty() { question.display_label().to_string() } else { question.area.clone() }
}

/// The ratings table and a line saying what the scale means, or nothing when no area was
/// rated or noted.
pub fn ratings_blocks(worksheet: &Worksheet, answers: &HashMap<&str, &Value>) -> Vec<Block> {
    let notes: HashMap<&str, &Question> =
        worksheet.questions().filter(|q| q.id.starts_with(NOTE)).filter_map(|q| Some((area_of(q)?, q))).collect();
    let mut rated = Vec::new();
    for question in worksheet.questions().filter(|q| q.kind == QuestionKind::Rating) {
        let Some(area) = area_of(question) else { continue };
        let rating = answers.get(question.id.as_str()).and_then(|v| v.as_i64());
        let note = notes
            .get(area)
            .and_then(|q| answers.get(q.id.as_str()))
            .map(|v| format::plain(v))
            .filter(|t| !t.trim().is_empty());
        if rating.is_some() || note.is_some() {
            rated.push((question, rating, note));
        }
    }
    if rated.is_empty() {
        return Vec::new();
    }
    // One line under the table explains a shared scale; otherwise each rating carries its own.
    let scales: Vec<&[String]> = rated.iter().filter(|(_, r, _)| r.is_some()).map(|(q, _, _)| q.scale.as_slice()).collect();
    let shared = scales.first().copied().filter(|first| first.len() == 2 && scales.iter().all(|s| s == first));
    let rows = rated
        .into_iter()
        .map(|(question, rating, note)| {
            let scale: &[String] = if shared.is_some() { &[] } else { &question.scale };
            Row {
                cells: vec![area_name(question), rating.map(|n| format::rating(n, scale)).unwrap_or_default(), note.unwrap_or_default()],
                details: vec![],
            }
        })
        .collect();
    let mut blocks = vec![
        Block::Heading { text: text::t("plan.ratings", &[]) },
        Block::Table(Table {
            columns: vec![
                Column::left(&text::t("plan.ratings_area", &[])),
                Column::left(&text::t("plan.ratings_rating", &[])),
                Column::left(&text::t("plan.ratings_notes", &[])),
            ],
            rows,
            totals: vec![],
        }),
    ];
    if let Some([low, high]) = shared {
        blocks.push(Block::Note { text: text::t("plan.ratings_scale", &[("low", low), ("high", high)]) });
    }
    blocks
}
