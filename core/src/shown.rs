//! What the screens show: coalitions, answers and lists, each value sent with its text, so the
//! page only displays what the core worked out. (A suggestion beside a question is
//! `worksheets::shown_suggestion`.)

use serde::Serialize;

use crate::format;
use crate::model::{Answer, Coalition, Record};
use crate::worksheets::{shown_totals, Catalog, Field, FieldKind, RecordKind, ShownTotals};

/// How many fields a list shows beside its title field.
const LIST_COLUMNS_BESIDE_TITLE: usize = 3;

/// A coalition with its start date as people read it.
#[derive(Debug, Clone, Serialize)]
pub struct ShownCoalition {
    #[serde(flatten)]
    pub coalition: Coalition,
    /// "1 March 2024"; empty when the start date is not known.
    pub start_date_text: String,
}

pub fn shown_coalitions(coalitions: Vec<Coalition>) -> Vec<ShownCoalition> {
    coalitions
        .into_iter()
        .map(|coalition| ShownCoalition {
            start_date_text: coalition.start_date.as_deref().map(format::date).unwrap_or_default(),
            coalition,
        })
        .collect()
}

/// An answer with its text for the "Check your answers" page.
#[derive(Debug, Clone, Serialize)]
pub struct ShownAnswer {
    #[serde(flatten)]
    pub answer: Answer,
    /// Empty for no answer, for a records question, and for a question no longer in the catalog.
    pub text: String,
    /// The answer as its input boxes hold it again (money as "$1,234.50"); see
    /// `format::answer_input`.
    pub input: serde_json::Value,
}

/// A coalition's answers, each with its text.
pub fn shown_answers(catalog: &Catalog, answers: Vec<Answer>) -> Vec<ShownAnswer> {
    answers
        .into_iter()
        .map(|answer| {
            let question = catalog.question(&answer.worksheet_id, &answer.question_id);
            let text = question.map(|q| format::answer(q, &answer.value)).unwrap_or_default();
            let input = question.map_or_else(|| answer.value.clone(), |q| format::answer_input(q, &answer.value));
            ShownAnswer { answer, text, input }
        })
        .collect()
}

/// One column of a list on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListColumn {
    pub id: String,
    pub label: String,
}

/// A record with what its row shows.
#[derive(Debug, Clone, Serialize)]
pub struct ShownRecord {
    #[serde(flatten)]
    pub record: Record,
    /// The title field as text ("Turf battles", not "turf"); empty when it is not filled in.
    pub title: String,
    /// One text per column of the list.
    pub cells: Vec<String>,
    /// The fields as the record's form holds them again (money as "$1,234.50").
    pub input: serde_json::Map<String, serde_json::Value>,
}

/// A list as its screen shows it: columns, rows and, for lists of money, the totals.
#[derive(Debug, Clone, Serialize)]
pub struct RecordList {
    pub columns: Vec<ListColumn>,
    pub items: Vec<ShownRecord>,
    pub totals: Option<ShownTotals>,
}

/// The fields a list shows as columns: the title field, then the next few short public fields.
/// Long texts and private details stay in the record's form.
pub fn list_columns(kind: &RecordKind) -> Vec<&Field> {
    let title = kind.field(&kind.title_field);
    let others = kind
        .fields
        .iter()
        .filter(|f| f.id != kind.title_field && f.kind != FieldKind::LongText && !f.private)
        .take(LIST_COLUMNS_BESIDE_TITLE);
    title.into_iter().chain(others).collect()
}

/// `records` of `kind` with their rows' texts and the list's totals.
pub fn shown_records(kind: &RecordKind, records: Vec<Record>) -> RecordList {
    let columns = list_columns(kind);
    let text_of = |record: &Record, field: &Field| {
        format::field(field, record.data.get(&field.id).unwrap_or(&serde_json::Value::Null))
    };
    let totals = shown_totals(kind, &records);
    let items = records
        .into_iter()
        .map(|record| ShownRecord {
            title: kind.field(&kind.title_field).map(|f| text_of(&record, f)).unwrap_or_default(),
            cells: columns.iter().map(|f| text_of(&record, f)).collect(),
            input: format::fields_input(&kind.fields, &record.data),
            record,
        })
        .collect();
    RecordList {
        columns: columns.iter().map(|f| ListColumn { id: f.id.clone(), label: f.label.clone() }).collect(),
        items,
        totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worksheets::catalog;
    use serde_json::{json, Value};

    fn record(kind: &str, data: Value) -> Record {
        Record {
            id: "r".into(),
            coalition_id: "c".into(),
            kind: kind.into(),
            position: 0,
            data: data.as_object().cloned().unwrap(),
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        }
    }

    #[test]
    fn a_list_shows_its_title_then_short_public_fields() {
        let partners = catalog().record_kind("partner").unwrap();
        let ids: Vec<&str> = list_columns(partners).iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["name", "sector", "is_member", "role"], "no contact details, no long texts");
        let budget = catalog().record_kind("budget_line").unwrap();
        let ids: Vec<&str> = list_columns(budget).iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["description", "direction", "category", "amount"]);
    }

    #[test]
    fn rows_come_as_text_with_their_values_kept() {
        let partners = catalog().record_kind("partner").unwrap();
        let list = shown_records(
            partners,
            vec![record("partner", json!({"name": "Eastport Library", "sector": "education", "is_member": true}))],
        );
        assert_eq!(list.columns[1], ListColumn { id: "sector".into(), label: "Sector".into() });
        assert_eq!(list.items[0].cells, ["Eastport Library", "Education", "Yes", ""]);
        assert_eq!(list.items[0].title, "Eastport Library");
        assert!(list.totals.is_none());
        let json = serde_json::to_value(&list).unwrap();
        assert_eq!(json["items"][0]["data"]["sector"], "education", "the stored value travels too, for editing");
        assert_eq!(json["items"][0]["id"], "r");
    }

    #[test]
    fn a_title_that_is_a_choice_reads_as_its_label() {
        let barriers = catalog().record_kind("barrier").unwrap();
        let list = shown_records(barriers, vec![record("barrier", json!({"barrier": "turf"}))]);
        assert_eq!(list.items[0].title, "Turf battles");
    }

    #[test]
    fn a_budget_comes_with_money_as_text_and_its_totals() {
        let budget = catalog().record_kind("budget_line").unwrap();
        let list = shown_records(
            budget,
            vec![
                record("budget_line", json!({"direction": "expense", "description": "Rent", "amount": 120_000})),
                record("budget_line", json!({"direction": "income", "description": "Dues", "amount": 20_000})),
            ],
        );
        assert_eq!(list.items[0].cells, ["Rent", "Expense (money out)", "", "$1,200.00"]);
        assert_eq!(list.totals.unwrap().gap_text, "Still to find: $1,000.00");
        // The form puts the amount back in its box as money; the stored value stays in cents.
        assert_eq!(Value::Object(list.items[0].input.clone()), json!({"direction": "expense", "description": "Rent", "amount": "$1,200.00"}));
        assert_eq!(list.items[0].record.data["amount"], 120_000);
    }

    #[test]
    fn coalitions_come_with_their_start_date_as_words() {
        let coalition = |start: Option<&str>| Coalition {
            id: "c".into(),
            name: "Eastside".into(),
            focus: String::new(),
            start_date: start.map(str::to_string),
            prepared_by: String::new(),
            is_example: false,
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        };
        let shown = shown_coalitions(vec![coalition(Some("2024-03-01")), coalition(None)]);
        assert_eq!(shown[0].start_date_text, "1 March 2024");
        assert_eq!(shown[1].start_date_text, "");
        let json = serde_json::to_value(&shown[0]).unwrap();
        assert_eq!((json["start_date"].as_str(), json["name"].as_str()), (Some("2024-03-01"), Some("Eastside")));
    }

    #[test]
    fn answers_come_with_their_text() {
        let answer = |worksheet: &str, question: &str, value: Value| Answer {
            id: question.into(),
            coalition_id: "c".into(),
            worksheet_id: worksheet.into(),
            question_id: question.into(),
            value,
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        };
        let shown = shown_answers(
            catalog(),
            vec![
                answer("structure", "factor_size", json!({"choice": "large"})),
                answer("gone-sheet", "old", json!("Kept but not shown")),
                answer("resources", "funding_target", json!(-25_050)),
            ],
        );
        assert_eq!(shown[2].input, json!("-$250.50"), "money goes back in its box as money");
        assert_eq!(shown[0].input, json!({"choice": "large"}), "other answers go back as they are");
        assert_eq!(shown[0].text, "Large: more than 30 members");
        assert_eq!(shown[1].text, "");
        let json = serde_json::to_value(&shown[0]).unwrap();
        assert_eq!(json["value"], json!({"choice": "large"}));
        assert_eq!(json["text"], "Large: more than 30 members");
    }
}
