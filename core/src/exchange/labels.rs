//! Names a person recognises for the things a file carries: "Vision statement (Vision)",
//! "Partner \"Harbor Library\"". Used by error messages and by the merge summary.

use serde_json::{Map, Value};

use crate::worksheets::Catalog;

/// The longest record title we quote; longer ones are cut with an ellipsis.
const MAX_TITLE_CHARS: usize = 60;

/// `"Vision statement" (Vision)`: the question's short label and the worksheet's title.
pub fn answer_label(catalog: &Catalog, worksheet_id: &str, question_id: &str) -> String {
    match (catalog.worksheet(worksheet_id), catalog.question(worksheet_id, question_id)) {
        (Some(sheet), Some(question)) => format!("\"{}\" ({})", question.display_label(), sheet.title),
        (Some(sheet), None) => format!("a question of {} ({question_id})", sheet.title),
        _ => format!("a question of another worksheet ({worksheet_id})"),
    }
}

/// `Partner "Harbor Library"`: the record kind's label and the record's title field.
pub fn record_label(catalog: &Catalog, kind: &str, data: &Map<String, Value>) -> String {
    let Some(def) = catalog.record_kind(kind) else {
        return format!("an item of an unknown kind ({kind})");
    };
    match data.get(&def.title_field).and_then(title_text) {
        Some(title) => format!("{} \"{}\"", def.label, shorten(&title)),
        None => format!("{} (without a name)", def.label),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_are_cut() {
        assert_eq!(shorten("Library"), "Library");
        assert_eq!(shorten(&"a".repeat(100)), format!("{}…", "a".repeat(60)));
        assert_eq!(shorten("First line\nsecond"), "First line…");
    }
}
