//! Checking and normalising the answer to a question before it is stored. The stored shape per
//! kind (what the UI sends and gets back):
//!
//! | kind           | value                                                    |
//! |----------------|----------------------------------------------------------|
//! | short_text     | `"text"` (one line, trimmed)                             |
//! | long_text      | `"text"` (newlines kept)                                 |
//! | list           | `["item", ...]`                                          |
//! | single_choice  | `{"choice": "option_id", "other": "text"}`              |
//! | multi_choice   | `{"choices": ["option_id", ...], "other": "text"}`      |
//! | rating         | `1`..`5`                                                 |
//! | number         | a number                                                 |
//! | money          | whole cents, e.g. `150000` for 1,500.00                  |
//! | date           | `"YYYY-MM-DD"`                                           |
//! | table          | `[{"column_id": cell, ...}, ...]`, cells as in `field`   |
//! | records        | never an answer: the records themselves are the answer   |
//!
//! "other" is the id of the written-in choice when a question allows one; its text is kept only
//! alongside that choice.

use std::collections::HashSet;

use serde_json::{json, Map, Value};

use super::catalog::{Catalog, Question, QuestionKind};
use super::field::check_field_as;
use super::scalar::{self, check_length, clean_line, group_digits, is_blank, quoted};
use crate::error::{Error, Result};
use crate::text;

/// The id of the written-in choice.
const OTHER: &str = "other";
const MAX_LIST_ITEMS: usize = 500;
const MAX_LIST_ITEM_CHARS: usize = 2_000;
const MAX_OTHER_CHARS: usize = 2_000;
const MAX_TABLE_ROWS: usize = 1_000;

/// Checks `value` as an answer to `question` and returns it in its stored form, or `None` when
/// the answer is empty (the caller then clears the saved answer).
pub fn check_answer(question: &Question, value: &Value) -> Result<Option<Value>> {
    let what = quoted(question.display_label());
    if question.kind == QuestionKind::Records {
        return Err(Error::Invalid(text::t("worksheets.error_records_answer", &[("what", &what)])));
    }
    if value.is_null() {
        return Ok(None);
    }
    match question.kind {
        QuestionKind::ShortText => Ok(scalar::any_text(&what, value, true)?.map(Value::from)),
        QuestionKind::LongText => Ok(scalar::any_text(&what, value, false)?.map(Value::from)),
        QuestionKind::List => list(&what, value),
        QuestionKind::SingleChoice => single_choice(question, &what, value),
        QuestionKind::MultiChoice => multi_choice(question, &what, value),
        QuestionKind::Rating => Ok(scalar::rating(&what, value)?.map(Value::from)),
        QuestionKind::Number => scalar::number(&what, value, question.min, question.max),
        QuestionKind::Money => Ok(scalar::money(&what, value, question.min, question.max)?.map(Value::from)),
        QuestionKind::Date => Ok(scalar::date(&what, value)?.map(Value::from)),
        QuestionKind::Table => table(question, &what, value),
        QuestionKind::Records => unreachable!("handled above"),
    }
}

/// Finds the question by worksheet and question id, then checks the value as `check_answer`.
pub fn check_answer_at(
    catalog: &Catalog,
    worksheet_id: &str,
    question_id: &str,
    value: &Value,
) -> Result<Option<Value>> {
    let worksheet = catalog.worksheet(worksheet_id).ok_or_else(|| {
        Error::NotFound(text::t("worksheets.error_no_worksheet", &[("id", &worksheet_id)]))
    })?;
    let question = worksheet.questions().find(|q| q.id == question_id).ok_or_else(|| {
        Error::NotFound(text::t("worksheets.error_no_question", &[("worksheet", &worksheet.title), ("id", &question_id)]))
    })?;
    check_answer(question, value)
}

/// Whether a stored value holds nothing worth counting (null, blank text, empty list or object).
pub fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => is_blank(s),
        Value::Array(items) => items.iter().all(is_empty_value),
        Value::Object(map) => map.values().all(is_empty_value),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

fn list(what: &str, value: &Value) -> Result<Option<Value>> {
    let Value::Array(raw) = value else {
        return Err(Error::Invalid(text::t("worksheets.error_not_a_list", &[("what", &what)])));
    };
    let mut items = Vec::new();
    for (i, item) in raw.iter().enumerate() {
        let item = match item {
            Value::Null => continue,
            Value::String(s) => clean_line(s),
            _ => return Err(Error::Invalid(text::t("worksheets.error_item_not_text", &[("what", &what)]))),
        };
        if item.is_empty() {
            continue;
        }
        check_length(&text::t("worksheets.what_list_item", &[("number", &(i + 1)), ("what", &what)]), &item, MAX_LIST_ITEM_CHARS)?;
        items.push(Value::from(item));
    }
    if items.len() > MAX_LIST_ITEMS {
        let count = group_digits(items.len() as i128);
        let params: [(&str, &dyn std::fmt::Display); 3] = [("what", &what), ("count", &count), ("max", &MAX_LIST_ITEMS)];
        return Err(Error::Invalid(text::t("worksheets.error_too_many_items", &params)));
    }
    Ok((!items.is_empty()).then_some(Value::Array(items)))
}

/// Whether `id` may be chosen: one of the options, or the written-in choice when allowed.
fn is_option(question: &Question, id: &str) -> bool {
    question.options.iter().any(|o| o.id == id) || (id == OTHER && question.allow_other)
}

/// The object form of a choice answer: refuses keys other than the expected ones.
fn choice_object<'a>(what: &str, map: &'a Map<String, Value>, list_key: &str) -> Result<(Option<&'a Value>, String)> {
    if let Some(key) = map.keys().find(|k| *k != list_key && *k != OTHER) {
        return Err(Error::Invalid(text::t("worksheets.error_unknown_part", &[("what", &what), ("part", &key)])));
    }
    let other = match map.get(OTHER) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => clean_line(s),
        Some(_) => return Err(Error::Invalid(text::t("worksheets.error_other_not_text", &[("what", &what)]))),
    };
    Ok((map.get(list_key), other))
}

fn check_other_text(question: &Question, what: &str, other: &str) -> Result<()> {
    if !other.is_empty() && !question.allow_other {
        return Err(Error::Invalid(text::t("worksheets.error_no_other", &[("what", &what)])));
    }
    check_length(&text::t("worksheets.what_other", &[("what", &what)]), other, MAX_OTHER_CHARS)
}

fn unknown_option(what: &str, id: &str) -> Error {
    Error::Invalid(text::t("worksheets.error_unknown_option", &[("id", &id), ("what", &what)]))
}

fn single_choice(question: &Question, what: &str, value: &Value) -> Result<Option<Value>> {
    // A bare option id is accepted as shorthand for {"choice": id}.
    let (choice, other) = match value {
        Value::String(s) => (s.trim().to_string(), String::new()),
        Value::Object(map) => {
            let (choice, other) = choice_object(what, map, "choice")?;
            let choice = match choice {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.trim().to_string(),
                Some(_) => return Err(Error::Invalid(text::t("worksheets.error_pick_one", &[("what", &what)]))),
            };
            (choice, other)
        }
        _ => return Err(Error::Invalid(text::t("worksheets.error_pick_one", &[("what", &what)]))),
    };
    check_other_text(question, what, &other)?;
    // Writing in an answer means choosing "other", even if the box was not ticked.
    let choice = if choice.is_empty() && !other.is_empty() { OTHER.to_string() } else { choice };
    if choice.is_empty() {
        return Ok(None);
    }
    if !is_option(question, &choice) {
        return Err(unknown_option(what, &choice));
    }
    let mut out = json!({ "choice": choice });
    if choice == OTHER && !other.is_empty() {
        out[OTHER] = Value::from(other);
    }
    Ok(Some(out))
}

fn multi_choice(question: &Question, what: &str, value: &Value) -> Result<Option<Value>> {
    // A bare array of option ids is accepted as shorthand for {"choices": [...]}.
    let (ids, other) = match value {
        Value::Array(ids) => (Some(ids), String::new()),
        Value::Object(map) => match choice_object(what, map, "choices")? {
            (None | Some(Value::Null), other) => (None, other),
            (Some(Value::Array(ids)), other) => (Some(ids), other),
            _ => return Err(Error::Invalid(text::t("worksheets.error_pick_from", &[("what", &what)]))),
        },
        _ => return Err(Error::Invalid(text::t("worksheets.error_pick_from", &[("what", &what)]))),
    };
    check_other_text(question, what, &other)?;

    let mut chosen = HashSet::new();
    for id in ids.into_iter().flatten() {
        let Value::String(id) = id else {
            return Err(Error::Invalid(text::t("worksheets.error_pick_from", &[("what", &what)])));
        };
        let id = id.trim();
        if !is_option(question, id) {
            return Err(unknown_option(what, id));
        }
        chosen.insert(id.to_string());
    }
    if !other.is_empty() {
        chosen.insert(OTHER.to_string());
    }
    if chosen.is_empty() {
        return Ok(None);
    }

    // The options' order, not the click order, so answers compare and print the same way.
    let mut choices: Vec<Value> =
        question.options.iter().filter(|o| chosen.contains(&o.id)).map(|o| Value::from(o.id.as_str())).collect();
    let other_is_listed = question.options.iter().any(|o| o.id == OTHER);
    if chosen.contains(OTHER) && !other_is_listed {
        choices.push(Value::from(OTHER));
    }
    let mut out = json!({ "choices": choices });
    if chosen.contains(OTHER) && !other.is_empty() {
        out[OTHER] = Value::from(other);
    }
    Ok(Some(out))
}

fn table(question: &Question, what: &str, value: &Value) -> Result<Option<Value>> {
    let Value::Array(raw_rows) = value else {
        return Err(Error::Invalid(text::t("worksheets.error_not_a_table", &[("what", &what)])));
    };
    let mut rows = Vec::new();
    for (i, raw_row) in raw_rows.iter().enumerate() {
        let row_number = i + 1;
        let cells = match raw_row {
            Value::Null => continue,
            Value::Object(cells) => cells,
            _ => return Err(Error::Invalid(text::t("worksheets.error_not_a_row", &[("row", &row_number), ("what", &what)]))),
        };
        let mut row = Map::new();
        for (column_id, cell) in cells {
            let Some(column) = question.columns.iter().find(|c| &c.id == column_id) else {
                return Err(Error::Invalid(text::t("worksheets.error_no_column", &[("what", &what), ("id", &column_id)])));
            };
            let column_what = quoted(&column.label);
            let cell_what = text::t("worksheets.what_cell", &[("column", &column_what), ("row", &row_number), ("what", &what)]);
            if let Some(clean) = check_field_as(column, cell, &cell_what)? {
                row.insert(column_id.clone(), clean);
            }
        }
        if row.is_empty() {
            continue;
        }
        let missing: Vec<String> = question
            .columns
            .iter()
            .filter(|c| c.required && !row.contains_key(&c.id))
            .map(|c| quoted(&c.label))
            .collect();
        if !missing.is_empty() {
            let missing = text::join_and(&missing);
            let params: [(&str, &dyn std::fmt::Display); 3] = [("row", &row_number), ("what", &what), ("missing", &missing)];
            return Err(Error::Invalid(text::t("worksheets.error_row_needs", &params)));
        }
        rows.push(Value::Object(row));
    }
    if rows.len() > MAX_TABLE_ROWS {
        let (count, max) = (group_digits(rows.len() as i128), group_digits(MAX_TABLE_ROWS as i128));
        let params: [(&str, &dyn std::fmt::Display); 3] = [("what", &what), ("count", &count), ("max", &max)];
        return Err(Error::Invalid(text::t("worksheets.error_too_many_rows", &params)));
    }
    Ok((!rows.is_empty()).then_some(Value::Array(rows)))
}

#[cfg(test)]
mod tests {
    use super::*;


    #[test]
    fn empty_values_are_recognised() {
        assert!(is_empty_value(&json!(null)));
        assert!(is_empty_value(&json!("  ")));
        assert!(is_empty_value(&json!({"choices": [], "other": ""})));
        assert!(!is_empty_value(&json!(0)));
        assert!(!is_empty_value(&json!(false)));
        assert!(!is_empty_value(&json!({"choice": "a"})));
    }
}
