//! JSON with its keys in a stable order, so that the same data always gives the same file bytes.

use serde_json::{Map, Value};

/// The same value with every object's keys in sorted order, whichever map serde_json was
/// built with.
pub(crate) fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(canonical_map(map)),
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

pub(crate) fn canonical_map(map: Map<String, Value>) -> Map<String, Value> {
    let mut entries: Vec<(String, Value)> = map.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().map(|(k, v)| (k, canonical(v))).collect()
}
