//! What "private" means, in one place. The worksheet data marks three things `private = true`:
//! a record field (a partner's contact person, e-mail, phone, notes), a table column (the e-mail
//! of each contact person) and a whole question. "Leave out private details", in the exchange
//! file and in the plan PDF alike, removes exactly these, through the functions here:
//!
//! - a private question's answer is left out whole;
//! - a table answer loses its private cells; a row left with nothing in it is dropped;
//! - a record loses its private fields (it stays in its list: the rest of it is public).
//!
//! Merging a file that left private details out must keep what the receiver has, since the file
//! can't tell "removed" from "never had": [`keep_private_answer`] and [`keep_private_fields`] put
//! the receiver's private parts back into what the file brings.

use serde_json::{Map, Value};

use super::catalog::{Field, Question, QuestionKind, RecordKind};

/// The answer as it may be shown beyond the core team, or `None` when nothing of it may.
pub fn public_answer(question: &Question, value: &Value) -> Option<Value> {
    if question.private {
        return None;
    }
    if question.kind != QuestionKind::Table || !question.columns.iter().any(|c| c.private) {
        return Some(value.clone());
    }
    let Value::Array(rows) = value else { return Some(value.clone()) };
    let rows: Vec<Value> = rows
        .iter()
        .filter_map(|row| {
            let public = public_cells(&question.columns, row.as_object()?);
            (!public.is_empty()).then_some(Value::Object(public))
        })
        .collect();
    (!rows.is_empty()).then_some(Value::Array(rows))
}

/// The record's fields without its private ones.
pub fn public_fields(kind: &RecordKind, data: &Map<String, Value>) -> Map<String, Value> {
    public_cells(&kind.fields, data)
}

fn public_cells(fields: &[Field], cells: &Map<String, Value>) -> Map<String, Value> {
    cells
        .iter()
        .filter(|(id, _)| !is_private(fields, id))
        .map(|(id, value)| (id.clone(), value.clone()))
        .collect()
}

fn is_private(fields: &[Field], id: &str) -> bool {
    fields.iter().any(|f| f.id == id && f.private)
}

/// `theirs`, a record's fields from a file without private details, with the private fields
/// `mine` has put back. A private field only the file has is kept.
pub fn keep_private_fields(kind: &RecordKind, mine: &Map<String, Value>, theirs: &mut Map<String, Value>) {
    keep_private_cells(&kind.fields, mine, theirs);
}

fn keep_private_cells(fields: &[Field], mine: &Map<String, Value>, theirs: &mut Map<String, Value>) {
    for field in fields.iter().filter(|f| f.private) {
        if let Some(value) = mine.get(&field.id) {
            theirs.insert(field.id.clone(), value.clone());
        }
    }
}

/// What to keep when a file without private details brings `theirs` for a question we answered
/// with `mine`: for a private question, ours; for a table with private columns, their rows with
/// our private cells put back. A row is matched first by its public cells, then by its place
/// among the rows that have public cells; our rows that hold only private cells never left this
/// copy, so they stay at the end.
pub fn keep_private_answer(question: &Question, mine: &Value, theirs: &Value) -> Value {
    if question.private {
        return mine.clone();
    }
    let (Value::Array(my_rows), Value::Array(their_rows)) = (mine, theirs) else { return theirs.clone() };
    if question.kind != QuestionKind::Table || !question.columns.iter().any(|c| c.private) {
        return theirs.clone();
    }
    let columns = &question.columns;
    let my_rows: Vec<&Map<String, Value>> = my_rows.iter().filter_map(Value::as_object).collect();
    let shared: Vec<usize> = (0..my_rows.len()).filter(|&i| !public_cells(columns, my_rows[i]).is_empty()).collect();
    let mut used = vec![false; my_rows.len()];
    let mut merged: Vec<Option<Map<String, Value>>> =
        their_rows.iter().map(|row| row.as_object().cloned()).collect();
    let mut unmatched = Vec::new();
    for (place, row) in merged.iter_mut().enumerate() {
        let Some(row) = row else { continue };
        let public = public_cells(columns, row);
        match (0..my_rows.len()).find(|&i| !used[i] && public_cells(columns, my_rows[i]) == public) {
            Some(i) => {
                used[i] = true;
                keep_private_cells(columns, my_rows[i], row);
            }
            None => unmatched.push(place),
        }
    }
    for place in unmatched {
        if let (Some(&i), Some(row)) = (shared.get(place), merged[place].as_mut()) {
            if !used[i] {
                used[i] = true;
                keep_private_cells(columns, my_rows[i], row);
            }
        }
    }
    let mut rows: Vec<Value> = merged.into_iter().flatten().map(Value::Object).collect();
    for (i, row) in my_rows.iter().enumerate() {
        if !used[i] && public_cells(columns, row).is_empty() {
            rows.push(Value::Object((*row).clone()));
        }
    }
    Value::Array(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn contacts() -> Question {
        serde_json::from_value(json!({
            "id": "contacts", "kind": "table", "prompt": "Who?",
            "columns": [
                {"id": "org", "label": "Organization", "kind": "short_text"},
                {"id": "email", "label": "Email", "kind": "email", "private": true}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn private_cells_leave_a_table_and_empty_rows_go_with_them() {
        let value = json!([{"org": "Library", "email": "a@x.org"}, {"email": "b@x.org"}]);
        assert_eq!(public_answer(&contacts(), &value), Some(json!([{"org": "Library"}])));
        assert_eq!(public_answer(&contacts(), &json!([{"email": "b@x.org"}])), None);
    }

    #[test]
    fn a_private_question_is_left_out_whole_and_ours_is_kept() {
        let mut question = contacts();
        question.private = true;
        assert_eq!(public_answer(&question, &json!([{"org": "Library"}])), None);
        assert_eq!(keep_private_answer(&question, &json!([{"org": "Mine"}]), &json!([{"org": "Theirs"}])), json!([{"org": "Mine"}]));
    }

    #[test]
    fn our_private_cells_go_back_into_their_rows() {
        let mine = json!([{"org": "Library", "email": "a@x.org"}, {"org": "Clinic", "email": "c@x.org"}, {"email": "only@x.org"}]);
        // They fixed a name, added a row and reordered: cells follow the matching row, a changed
        // row keeps the private cells of the row in its place, and a private-only row stays.
        let theirs = json!([{"org": "Library"}, {"org": "Clinic (Eastport)"}, {"org": "School"}]);
        assert_eq!(
            keep_private_answer(&contacts(), &mine, &theirs),
            json!([
                {"org": "Library", "email": "a@x.org"},
                {"org": "Clinic (Eastport)", "email": "c@x.org"},
                {"org": "School"},
                {"email": "only@x.org"}
            ])
        );
        let swapped = json!([{"org": "Clinic"}, {"org": "Library"}]);
        assert_eq!(
            keep_private_answer(&contacts(), &mine, &swapped),
            json!([{"org": "Clinic", "email": "c@x.org"}, {"org": "Library", "email": "a@x.org"}, {"email": "only@x.org"}])
        );
    }
}
