//! Checking table cells and record fields, and whole records. A field value is simpler than an
//! answer: one text, option id, yes/no, rating, number, amount in cents or date.

use serde_json::{Map, Value};

use super::catalog::{Catalog, Field, FieldKind, RecordKind};
use super::scalar::{self, quoted};
use crate::error::{Error, Result};
use crate::text;

/// Checks one field value and returns its stored form, or `None` when it is empty.
pub fn check_field(field: &Field, value: &Value) -> Result<Option<Value>> {
    check_field_as(field, value, &quoted(&field.label))
}

/// As `check_field`, with `what` naming the field in messages (e.g. a cell and its row).
pub(crate) fn check_field_as(field: &Field, value: &Value, what: &str) -> Result<Option<Value>> {
    Ok(match field.kind {
        FieldKind::ShortText => scalar::any_text(what, value, true)?.map(Value::from),
        FieldKind::LongText => scalar::any_text(what, value, false)?.map(Value::from),
        FieldKind::Email => scalar::email(what, value)?.map(Value::from),
        FieldKind::Phone => scalar::phone(what, value)?.map(Value::from),
        FieldKind::SingleChoice => choice(field, what, value)?.map(Value::from),
        FieldKind::YesNo => scalar::yes_no(what, value)?.map(Value::from),
        FieldKind::Rating => scalar::rating(what, value)?.map(Value::from),
        FieldKind::Number => scalar::number(what, value, None, None)?,
        FieldKind::Money => scalar::money(what, value, None, None)?.map(Value::from),
        FieldKind::Date => scalar::date(what, value)?.map(Value::from),
        FieldKind::Reference => scalar::row_id(what, value)?.map(Value::from),
        FieldKind::References => scalar::row_ids(what, value)?,
    })
}

fn choice(field: &Field, what: &str, value: &Value) -> Result<Option<String>> {
    let id = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.trim(),
        _ => return Err(Error::Invalid(text::t("worksheets.error_pick_one", &[("what", &what)]))),
    };
    if id.is_empty() {
        return Ok(None);
    }
    if !field.options.iter().any(|o| o.id == id) {
        return Err(Error::Invalid(text::t("worksheets.error_unknown_option", &[("id", &id), ("what", &what)])));
    }
    Ok(Some(id.to_string()))
}

/// Checks a record's fields against its kind: unknown fields are refused, required ones must be
/// filled in, and empty ones are left out of the result.
pub fn check_record(kind: &RecordKind, data: &Map<String, Value>) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for (id, value) in data {
        let Some(field) = kind.fields.iter().find(|f| &f.id == id) else {
            return Err(Error::Invalid(text::t("records.error_no_field", &[("items", &kind.plural), ("id", id)])));
        };
        if let Some(clean) = check_field(field, value)? {
            out.insert(id.clone(), clean);
        }
    }
    let missing: Vec<String> =
        kind.fields.iter().filter(|f| f.required && !out.contains_key(&f.id)).map(|f| quoted(&f.label)).collect();
    if !missing.is_empty() {
        let (missing, item) = (crate::text::join_and(&missing), kind.name_in_text());
        return Err(Error::Invalid(text::t("records.error_fill_in", &[("missing", &missing), ("item", &item)])));
    }
    Ok(out)
}

/// Finds the record kind by id, then checks the record as `check_record`.
pub fn check_record_at(catalog: &Catalog, kind_id: &str, data: &Map<String, Value>) -> Result<Map<String, Value>> {
    let kind = catalog
        .record_kind(kind_id)
        .ok_or_else(|| Error::NotFound(text::t("records.error_no_kind", &[("kind", &kind_id)])))?;
    check_record(kind, data)
}
