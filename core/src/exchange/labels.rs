//! Names a person recognises for the things a file carries: "Vision statement (Vision)",
//! "Partner \"Harbor Library\"". Used by error messages and by the merge summary.

use serde_json::{Map, Value};

use crate::text;
use crate::worksheets::{Catalog, RecordKind};

/// The longest record title we quote; longer ones are cut with an ellipsis.
const MAX_TITLE_CHARS: usize = 60;

/// `"Vision statement" (Vision)`: the question's short label and the worksheet's title.
pub fn answer_label(catalog: &Catalog, worksheet_id: &str, question_id: &str) -> String {
    match (catalog.worksheet(worksheet_id), catalog.question(worksheet_id, question_id)) {
        (Some(sheet), Some(question)) => {
            text::t("exchange.label_answer", &[("question", &question.display_label()), ("worksheet", &sheet.title)])
        }
        (Some(sheet), None) => text::t("exchange.label_unknown_question", &[("worksheet", &sheet.title), ("id", &question_id)]),
        _ => text::t("exchange.label_unknown_worksheet", &[("id", &worksheet_id)]),
    }
}

/// `Partner "Harbor Library"`: the record kind's label and the record's title field.
pub fn record_label(catalog: &Catalog, kind: &str, data: &Map<String, Value>) -> String {
    match catalog.record_kind(kind) {
        Some(def) => item_label(def, data),
        None => text::t("exchange.label_unknown_kind", &[("id", &kind)]),
    }
}

/// For a conflict: the labels of the fields whose values differ (the field's id when the kind
/// does not know it).
pub(crate) fn changed_field_labels(def: Option<&RecordKind>, mine: &Map<String, Value>, theirs: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<&String> = mine.keys().chain(theirs.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|key| mine.get(*key) != theirs.get(*key))
        .map(|key| def.and_then(|d| d.field(key)).map(|f| f.label.clone()).unwrap_or_else(|| key.clone()))
        .collect()
}

/// `Person "Ana Ruiz"`: an area table's label and the row's title field.
pub fn item_label(def: &RecordKind, data: &Map<String, Value>) -> String {
    match data.get(&def.title_field).and_then(title_text) {
        Some(title) => text::t("exchange.label_record", &[("kind", &def.label), ("title", &shorten(&title))]),
        None => text::t("exchange.label_record_unnamed", &[("kind", &def.label)]),
    }
}

fn title_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

fn shorten(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.len() == text.len() {
        return cut_with_ellipsis(text, MAX_TITLE_CHARS);
    }
    let cut: String = first_line.chars().take(MAX_TITLE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// `text` itself when it has at most `max` characters, else its first `max` and "…".
pub(crate) fn cut_with_ellipsis(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// The first words of a value, whatever its shape: for the two sides of a conflict.
pub(crate) fn preview_value(value: &Value) -> String {
    const MAX_CHARS: usize = 80;
    fn leaves(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
            Value::Number(n) => out.push(n.to_string()),
            Value::Bool(b) => out.push(crate::format::yes_no(*b)),
            Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
            Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    leaves(value, &mut parts);
    let text = parts.join(", ").replace('\n', " ");
    if text.is_empty() {
        return text::t("exchange.preview_empty", &[]);
    }
    cut_with_ellipsis(&text, MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn previews_are_short_and_plain() {
        assert_eq!(preview_value(&json!("Every child thrives")), "Every child thrives");
        assert_eq!(preview_value(&json!(["a", "b"])), "a, b");
        assert_eq!(preview_value(&json!(4)), "4");
        assert_eq!(preview_value(&json!("")), "(empty)");
        assert!(preview_value(&json!("x".repeat(500))).ends_with('…'));
    }

    #[test]
    fn long_titles_are_cut() {
        assert_eq!(shorten("Library"), "Library");
        assert_eq!(shorten(&"a".repeat(100)), format!("{}…", "a".repeat(60)));
        assert_eq!(shorten("First line\nsecond"), "First line…");
    }
}
