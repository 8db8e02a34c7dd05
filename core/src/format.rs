//! How stored values read for people, in the plan and on the screens alike: option ids become
//! their labels, money in cents becomes "$1,234.50", dates read "31 March 2025", ratings "4 of 5",
//! yes/no "Yes"/"No". The page shows these texts as they come; it formats nothing itself.
//! A value of an unexpected shape (say, saved by an older version) is still shown as plain text
//! rather than dropped.

use serde_json::{Map, Value};

use crate::text;
use crate::worksheets::{Choice, Field, FieldKind, Question, QuestionKind};


/// Whole cents as dollars: 123450 -> "$1,234.50", -5000 -> "-$50.00".
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}${}.{:02}", group_digits(abs / 100), abs % 100)
}

/// 1234567 -> "1,234,567".
fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number with grouped thousands and no needless decimals: 1234.5 -> "1,234.5".
pub fn number(n: f64) -> String {
    if !n.is_finite() {
        return n.to_string();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let text = format!("{:.4}", n.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let whole = group_digits(whole.parse().unwrap_or(0));
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// "2025-03-31" -> "31 March 2025"; anything else is printed as it is.
pub fn date(text: &str) -> String {
    match crate::time::parse_date(text) {
        Some(d) => {
            use chrono::Datelike;
            let month = month_name(d.month());
            text::t("common.date", &[("day", &d.day()), ("month", &month), ("year", &d.year())])
        }
        None => text.to_string(),
    }
}

/// A moment as people read it: "31 March 2025, 14:05".
pub fn moment<Tz: chrono::TimeZone>(at: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let day = date(&at.format("%Y-%m-%d").to_string());
    let time = at.format("%H:%M").to_string();
    text::t("common.date_and_time", &[("date", &day), ("time", &time)])
}

/// A month's name, 1 to 12.
fn month_name(month: u32) -> String {
    match month {
        1 => text::t("common.month_january", &[]),
        2 => text::t("common.month_february", &[]),
        3 => text::t("common.month_march", &[]),
        4 => text::t("common.month_april", &[]),
        5 => text::t("common.month_may", &[]),
        6 => text::t("common.month_june", &[]),
        7 => text::t("common.month_july", &[]),
        8 => text::t("common.month_august", &[]),
        9 => text::t("common.month_september", &[]),
        10 => text::t("common.month_october", &[]),
        11 => text::t("common.month_november", &[]),
        _ => text::t("common.month_december", &[]),
    }
}

/// "4 of 5", with what the ends of the scale mean when the question says.
pub fn rating(n: i64, scale: &[String]) -> String {
    match scale {
        [low, high] if !low.is_empty() && !high.is_empty() => {
            text::t("worksheets.rating_of_five_with_scale", &[("rating", &n), ("low", low), ("high", high)])
        }
        _ => text::t("worksheets.rating_of_five", &[("rating", &n)]),
    }
}

fn option_label(options: &[Choice], id: &str) -> String {
    options.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| o.label.clone())
}

/// A written-in answer: "Other: the text".
fn other(text: &str) -> String {
    text::t("worksheets.other_written", &[("text", &text.trim())])
}

/// The label of a single choice answer, or "Other: text".
pub fn single_choice(question: &Question, value: &Value) -> String {
    match value {
        Value::String(id) => option_label(&question.options, id),
        Value::Object(map) => {
            let id = map.get("choice").and_then(Value::as_str).unwrap_or("other");
            match map.get("other").and_then(Value::as_str).filter(|t| !t.trim().is_empty()) {
                Some(text) if id == "other" => other(text),
                _ => option_label(&question.options, id),
            }
        }
        other_shape => plain(other_shape),
    }
}

/// The labels of a multiple choice answer, in the options' order, then "Other: text".
pub fn multi_choice(question: &Question, value: &Value) -> Vec<String> {
    let (ids, written): (Vec<&Value>, Option<&str>) = match value {
        Value::Array(ids) => (ids.iter().collect(), None),
        Value::Object(map) => (
            map.get("choices").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default(),
            map.get("other").and_then(Value::as_str).filter(|t| !t.trim().is_empty()),
        ),
        other_shape => return vec![plain(other_shape)],
    };
    let mut out = Vec::new();
    for id in ids.iter().filter_map(|v| v.as_str()) {
        if id == "other" && written.is_some() {
            continue;
        }
        out.push(option_label(&question.options, id));
    }
    if let Some(text) = written {
        out.push(other(text));
    }
    out
}

/// A list answer's items.
pub fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().map(plain).filter(|s| !s.trim().is_empty()).collect(),
        other_shape => vec![plain(other_shape)],
    }
}

/// A table cell or record field as text; empty text for nothing.
pub fn field(field: &Field, value: &Value) -> String {
    match (field.kind, value) {
        (_, Value::Null) => String::new(),
        (FieldKind::SingleChoice, Value::String(id)) => option_label(&field.options, id),
        (FieldKind::YesNo, Value::Bool(b)) => yes_no(*b),
        (FieldKind::Rating, Value::Number(n)) => n.as_i64().map_or_else(|| plain(value), |n| rating(n, &[])),
        (FieldKind::Money, Value::Number(n)) => n.as_i64().map_or_else(|| plain(value), money),
        (FieldKind::Number, Value::Number(n)) => n.as_f64().map_or_else(|| plain(value), number),
        (FieldKind::Date, Value::String(s)) => date(s),
        // The row's name comes from its own table; the area that shows it looks it up.
        (FieldKind::Reference | FieldKind::References, _) => String::new(),
        _ => plain(value),
    }
}

/// A saved answer as its input boxes hold it again: money as "$1,234.50" (the core reads that
/// back as it reads what was typed), a table's money cells the same way, anything else as it is.
pub fn answer_input(question: &Question, value: &Value) -> Value {
    match (question.kind, value) {
        (QuestionKind::Money, Value::Number(n)) => n.as_i64().map_or_else(|| value.clone(), |c| Value::String(money(c))),
        (QuestionKind::Table, Value::Array(rows)) => Value::Array(
            rows.iter()
                .map(|row| match row {
                    Value::Object(cells) => Value::Object(fields_input(&question.columns, cells)),
                    other_shape => other_shape.clone(),
                })
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// A record's fields (or a table row's cells) as the form's boxes hold them again; see
/// [`answer_input`].
pub fn fields_input(fields: &[Field], data: &Map<String, Value>) -> Map<String, Value> {
    data.iter()
        .map(|(id, value)| {
            let money_field = fields.iter().any(|f| f.id == *id && f.kind == FieldKind::Money);
            let shown = match value {
                Value::Number(n) if money_field => n.as_i64().map_or_else(|| value.clone(), |c| Value::String(money(c))),
                _ => value.clone(),
            };
            (id.clone(), shown)
        })
        .collect()
}

/// A whole answer as one text, for the "Check your answers" page: list items numbered one per
/// line, choices by their labels, table rows one per line with their cells joined by " · ".
/// Empty text for no answer, and for a records question (its list is shown on its own).
pub fn answer(question: &Question, value: &Value) -> String {
    if value.is_null() {
        return String::new();
    }
    match question.kind {
        QuestionKind::ShortText | QuestionKind::LongText => plain(value),
        QuestionKind::List => {
            list(value).iter().enumerate().map(|(i, item)| format!("{}. {item}", i + 1)).collect::<Vec<_>>().join("\n")
        }
        QuestionKind::SingleChoice => single_choice(question, value),
        QuestionKind::MultiChoice => multi_choice(question, value).join("; "),
        QuestionKind::Rating => value.as_i64().map_or_else(|| plain(value), |n| rating(n, &question.scale)),
        QuestionKind::Number => value.as_f64().map_or_else(|| plain(value), number),
        QuestionKind::Money => value.as_i64().map_or_else(|| plain(value), money),
        QuestionKind::Date => value.as_str().map_or_else(|| plain(value), date),
        QuestionKind::Table => match value.as_array() {
            Some(rows) => rows
                .iter()
                .map(|row| {
                    let cells = question.columns.iter().map(|c| field(c, row.get(&c.id).unwrap_or(&Value::Null)));
                    cells.filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" · ")
                })
                .filter(|row| !row.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            None => plain(value),
        },
        QuestionKind::Records => String::new(),
    }
}

pub fn yes_no(b: bool) -> String {
    if b { text::t("worksheets.yes", &[]) } else { text::t("worksheets.no", &[]) }
}

/// Any JSON value as readable text: strings as they are, lists joined, objects as "key: value".
pub fn plain(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => yes_no(*b),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        Value::Array(items) => items.iter().map(plain).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k, plain(v)))
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worksheets::QuestionKind;
    use serde_json::json;

    fn choice_question(kind: QuestionKind) -> Question {
        let q = json!({
            "id": "q", "kind": kind, "prompt": "Which?", "allow_other": true,
            "options": [{"id": "turf", "label": "Turf battles"}, {"id": "money", "label": "Money"}]
        });
        serde_json::from_value(q).unwrap()
    }

    #[test]
    fn money_is_dollars_and_cents_with_grouping() {
        assert_eq!(money(123450), "$1,234.50");
        assert_eq!(money(-5000), "-$50.00");
        assert_eq!(money(0), "$0.00");
        assert_eq!(money(7), "$0.07");
        assert_eq!(money(10_000_000_000), "$100,000,000.00");
        assert_eq!(money(i64::MIN), "-$92,233,720,368,547,758.08");
    }

    #[test]
    fn numbers_drop_needless_decimals() {
        assert_eq!(number(1234.5), "1,234.5");
        assert_eq!(number(1000.0), "1,000");
        assert_eq!(number(-2.25), "-2.25");
        assert_eq!(number(0.1 + 0.2), "0.3");
    }

    #[test]
    fn dates_read_as_day_month_year() {
        assert_eq!(date("2025-03-31"), "31 March 2025");
        assert_eq!(date("2024-09-01"), "1 September 2024");
        assert_eq!(date("someday"), "someday");
    }

    #[test]
    fn ratings_show_the_scale_when_there_is_one() {
        assert_eq!(rating(4, &[]), "4 of 5");
        assert_eq!(rating(2, &["Flat".into(), "Inspiring".into()]), "2 of 5 (1 = Flat, 5 = Inspiring)");
    }

    #[test]
    fn choices_print_labels_and_written_answers() {
        let single = choice_question(QuestionKind::SingleChoice);
        assert_eq!(single_choice(&single, &json!({"choice": "turf"})), "Turf battles");
        assert_eq!(single_choice(&single, &json!({"choice": "other", "other": "Parking"})), "Other: Parking");
        assert_eq!(single_choice(&single, &json!("money")), "Money");
        assert_eq!(single_choice(&single, &json!({"choice": "gone"})), "gone", "an unknown id is kept");
        let multi = choice_question(QuestionKind::MultiChoice);
        assert_eq!(
            multi_choice(&multi, &json!({"choices": ["turf", "money", "other"], "other": "Parking"})),
            vec!["Turf battles", "Money", "Other: Parking"]
        );
        assert_eq!(multi_choice(&multi, &json!(["money"])), vec!["Money"]);
    }

    #[test]
    fn fields_format_by_kind() {
        let f = |kind: FieldKind| Field {
            id: "f".into(),
            label: "F".into(),
            kind,
            hint: String::new(),
            required: false,
            options: vec![Choice { id: "a".into(), label: "Apple".into(), hint: String::new() }],
            private: false,
            refers_to: None,
        };
        assert_eq!(field(&f(FieldKind::YesNo), &json!(true)), "Yes");
        assert_eq!(field(&f(FieldKind::YesNo), &json!(false)), "No");
        assert_eq!(field(&f(FieldKind::Money), &json!(-5000)), "-$50.00");
        assert_eq!(field(&f(FieldKind::Date), &json!("2025-03-31")), "31 March 2025");
        assert_eq!(field(&f(FieldKind::SingleChoice), &json!("a")), "Apple");
        assert_eq!(field(&f(FieldKind::Rating), &json!(3)), "3 of 5");
        assert_eq!(field(&f(FieldKind::Number), &json!(2500)), "2,500");
        assert_eq!(field(&f(FieldKind::ShortText), &json!(null)), "");
    }

    fn question(value: Value) -> Question {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn answers_read_as_one_text_by_kind() {
        let q = |kind: &str| question(json!({"id": "q", "kind": kind, "prompt": "P"}));
        assert_eq!(answer(&q("short_text"), &json!("Eastside")), "Eastside");
        assert_eq!(answer(&q("short_text"), &Value::Null), "");
        assert_eq!(answer(&q("list"), &json!(["Safe crossings", "Lights"])), "1. Safe crossings\n2. Lights");
        assert_eq!(answer(&q("number"), &json!(12500)), "12,500");
        assert_eq!(answer(&q("money"), &json!(4_000_050)), "$40,000.50");
        assert_eq!(answer(&q("date"), &json!("2025-03-31")), "31 March 2025");
        assert_eq!(answer(&q("records"), &json!([])), "");
        let rating = question(json!({"id": "r", "kind": "rating", "prompt": "P", "scale": ["Weak", "Strong"]}));
        assert_eq!(answer(&rating, &json!(4)), "4 of 5 (1 = Weak, 5 = Strong)");
        assert_eq!(answer(&choice_question(QuestionKind::SingleChoice), &json!({"choice": "other", "other": "Parking"})), "Other: Parking");
        assert_eq!(
            answer(&choice_question(QuestionKind::MultiChoice), &json!({"choices": ["turf", "money"]})),
            "Turf battles; Money"
        );
    }

    #[test]
    fn a_moment_reads_as_its_date_and_time() {
        let at = chrono::DateTime::parse_from_rfc3339("2025-03-31T14:05:09+02:00").unwrap();
        assert_eq!(moment(&at), "31 March 2025, 14:05");
    }

    #[test]
    fn table_answers_read_one_row_a_line_without_empty_cells() {
        let table = question(json!({"id": "t", "kind": "table", "prompt": "P", "columns": [
            {"id": "who", "label": "Who", "kind": "short_text"},
            {"id": "paid", "label": "Paid", "kind": "yes_no"},
            {"id": "cost", "label": "Cost", "kind": "money"},
        ]}));
        let rows = json!([{"who": "Ana", "paid": true, "cost": 1250}, {"who": "Ben"}, {}]);
        assert_eq!(answer(&table, &rows), "Ana · Yes · $12.50\nBen");
        let boxes = json!([{"who": "Ana", "paid": true, "cost": "$12.50"}, {"who": "Ben"}, {}]);
        assert_eq!(answer_input(&table, &rows), boxes, "money cells go back in their boxes as money");
    }

    #[test]
    fn answers_of_an_unexpected_shape_are_still_shown() {
        let q = |kind: &str| question(json!({"id": "q", "kind": kind, "prompt": "P"}));
        assert_eq!(answer(&q("money"), &json!("12 dollars")), "12 dollars");
        assert_eq!(answer(&q("rating"), &json!("high")), "high");
    }
}
