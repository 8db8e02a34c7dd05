//! One section per worksheet, in catalog order: each step's answered questions under the step's
//! title, each answer under its question's short label. Unanswered questions are left out; a
//! worksheet with nothing answered says so in one line, or is left out when the settings ask.

use std::collections::HashMap;

use serde_json::Value;

use super::review::{in_ratings_table, ratings_blocks, REVIEW_WORKSHEET};
use super::{records, PlanData, PlanSettings};
use crate::format;
use crate::pdf::{Block, Column, Labelled, Row, Section, Table};
use crate::text;
use crate::worksheets::{Catalog, FieldKind, Question, QuestionKind, Worksheet};

/// The line printed for a worksheet with no answers yet.
pub fn not_done() -> String {
    text::t("plan.not_done", &[])
}

pub fn sections(catalog: &Catalog, data: &PlanData, settings: &PlanSettings) -> Vec<Section> {
    let mut out = Vec::new();
    for worksheet in &catalog.worksheets {
        let mut blocks = worksheet_blocks(catalog, worksheet, data);
        if blocks.is_empty() {
            if settings.leave_out_unanswered {
                continue;
            }
            blocks.push(Block::Note { text: not_done() });
        }
        let group = catalog.stage(&worksheet.stage).map_or_else(String::new, |s| s.title.clone());
        out.push(Section { group, title: worksheet.title.clone(), blocks });
    }
    out
}

fn worksheet_blocks(catalog: &Catalog, worksheet: &Worksheet, data: &PlanData) -> Vec<Block> {
    let answers: HashMap<&str, &Value> = data.answers_of(&worksheet.id);
    let several_steps = worksheet.steps.len() > 1;
    let mut blocks = Vec::new();
    for step in &worksheet.steps {
        let mut step_blocks = Vec::new();
        for question in &step.questions {
            if in_ratings_table(worksheet, question) {
                continue;
            }
            step_blocks.extend(question_blocks(catalog, question, answers.get(question.id.as_str()).copied(), data));
        }
        if step_blocks.is_empty() {
            continue;
        }
        if several_steps && step.title.trim() != worksheet.title.trim() {
            blocks.push(Block::Heading { text: step.title.clone() });
        }
        blocks.append(&mut step_blocks);
    }
    if worksheet.id == REVIEW_WORKSHEET {
        blocks.extend(ratings_blocks(worksheet, &answers));
    }
    blocks
}

/// The label and the answer of one question, or nothing when it has no answer.
fn question_blocks(
    catalog: &Catalog,
    question: &Question,
    value: Option<&Value>,
    data: &PlanData,
) -> Vec<Block> {
    let answer = if question.kind == QuestionKind::Records {
        let Some(kind) = question.record.as_deref().and_then(|id| catalog.record_kind(id)) else { return Vec::new() };
        let list = data.records_of(&kind.id);
        if list.is_empty() {
            return Vec::new();
        }
        records::record_blocks(kind, list)
    } else {
        match value.filter(|v| !crate::worksheets::is_empty_value(v)) {
            Some(value) => answer_blocks(question, value),
            None => return Vec::new(),
        }
    };
    if answer.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::Label { text: question.display_label().to_string() }];
    blocks.extend(answer);
    blocks
}

fn answer_blocks(question: &Question, value: &Value) -> Vec<Block> {
    let paragraph = |text: String| vec![Block::Paragraph { text }];
    let bullets = |items: Vec<String>| if items.is_empty() { Vec::new() } else { vec![Block::Bullets { items }] };
    match question.kind {
        QuestionKind::ShortText | QuestionKind::LongText => paragraph(format::plain(value)),
        QuestionKind::List => bullets(format::list(value)),
        QuestionKind::SingleChoice => paragraph(format::single_choice(question, value)),
        QuestionKind::MultiChoice => bullets(format::multi_choice(question, value)),
        QuestionKind::Rating => match value.as_i64() {
            Some(n) => paragraph(format::rating(n, &question.scale)),
            None => paragraph(format::plain(value)),
        },
        QuestionKind::Number => match value.as_f64() {
            Some(n) => paragraph(format::number(n)),
            None => paragraph(format::plain(value)),
        },
        QuestionKind::Money => match value.as_i64() {
            Some(cents) => paragraph(format::money(cents)),
            None => paragraph(format::plain(value)),
        },
        QuestionKind::Date => paragraph(value.as_str().map_or_else(|| format::plain(value), format::date)),
        QuestionKind::Table => table_blocks(question, value),
        QuestionKind::Records => Vec::new(),
    }
}

/// A table answer: a row per stored row, a column per used column (private cells are already
/// gone when the plan leaves them out).
fn table_blocks(question: &Question, value: &Value) -> Vec<Block> {
    let Some(rows) = value.as_array() else { return vec![Block::Paragraph { text: format::plain(value) }] };
    let columns: Vec<_> = question
        .columns
        .iter()
        .filter(|c| rows.iter().any(|r| !format::field(c, r.get(&c.id).unwrap_or(&Value::Null)).trim().is_empty()))
        .collect();
    if columns.is_empty() {
        return Vec::new();
    }
    let rows: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            cells: columns.iter().map(|c| format::field(c, r.get(&c.id).unwrap_or(&Value::Null))).collect(),
            details: Vec::<Labelled>::new(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let columns = columns
        .iter()
        .map(|c| match c.kind {
            FieldKind::Money | FieldKind::Number => Column::right(c.label.clone()),
            _ => Column::left(c.label.clone()),
        })
        .collect();
    vec![Block::Table(Table { columns, rows, totals: vec![] })]
}
