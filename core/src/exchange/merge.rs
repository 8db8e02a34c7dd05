//! Merging a `.coalition` file into a coalition that is already here, item by item.
//!
//! Items are the coalition's details, each answer (matched by worksheet and question) and each
//! record (matched by id). For each item in the file:
//!
//! - not here: **added** (a deletion marker for something we never had is skipped);
//! - here with the same content (deletion state included; times may differ): **unchanged**;
//! - here and different: who changed it since the two copies were last in step? That moment, the
//!   *baseline*, is the earlier of this copy's last exchange for the coalition (export or import,
//!   from the `exchanges` table) and the sender's (the file's `last_exchange_at`). An item
//!   "changed" on a side when its `updated_at` is later than the baseline.
//!   - both changed: a **conflict**; the person may choose per item, and by default the newer
//!     change wins (ours on a tie);
//!   - otherwise the newer `updated_at` wins: theirs is **updated** (or **deleted**, when theirs
//!     is a deletion marker), ours is kept (**older, ignored**).
//!   - With no baseline at all (neither side ever exchanged this coalition, or the file is from a
//!     different coalition) there is no common starting point, so every difference is a conflict.
//!
//! Items only we have are left alone: a deletion travels only as a marker. A choice made in a
//! conflict counts as a change made now (its `updated_at` becomes now), so it wins when the
//! files next go back and forth instead of being undone by the older side.
//!
//! When the file left private details out (or came from a copy that never had them), what is
//! taken from it keeps the private parts this copy has (record fields, table cells, whole private
//! answers; see `worksheets::privacy`), and takes the ones only the file has. A record keeps its
//! place in this copy's list. A file of a different coalition may be merged only into a coalition
//! the person picked; its answers and records join that coalition, and its details (name, focus...) are
//! not taken.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::export::{last_exchange_at, record_exchange};
use super::format::ExchangeFile;
use crate::store::coalitions::put_coalition_row;
use crate::store::row::{new_id, row_exists, Table};
use super::labels::{answer_label, record_label};
use crate::error::{Error, Result};
use crate::model::{Answer, Coalition, Record};
use crate::store::{answers, coalitions, records};
use crate::time;
use crate::worksheets::{self, privacy, Catalog};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// The coalition's own details: name, focus, start date, "prepared by".
    Coalition,
    Answer,
    Record,
}

/// One item of a merge plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeItem {
    /// Stable key of the item, used in [`MergeChoices`]: `coalition`, `answer:<worksheet>/<question>`
    /// or `record:<id>`.
    pub key: String,
    pub kind: ItemKind,
    /// What a person calls it: `"Vision statement" (Vision)`, `Partner "Harbor Library"`.
    pub label: String,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictSide {
    pub updated_at: String,
    pub deleted: bool,
    /// A short rendering of the value ("(cleared)", "(deleted)", or the first words).
    pub preview: String,
}

/// An item both sides changed since they were last in step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeConflict {
    #[serde(flatten)]
    pub item: MergeItem,
    pub mine: ConflictSide,
    pub theirs: ConflictSide,
    /// For records: the labels of the fields that differ.
    pub changed_fields: Vec<String>,
    /// What happens without a choice: the newer change wins (ours on a tie).
    pub default: Choice,
}

/// What a person picks for a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    KeepMine,
    TakeTheirs,
}

/// What a merge would do, computed without writing anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergePlan {
    pub target_coalition_id: String,
    pub target_name: String,
    pub file_coalition_id: String,
    pub file_coalition_name: String,
    /// False when the file is from another coalition than the target.
    pub same_coalition: bool,
    /// A sentence to show above the summary, e.g. when the file is from another coalition.
    pub note: Option<String>,
    /// The moment both copies were last in step, if known (see the module's documentation).
    pub baseline: Option<String>,
    /// The sender left private details out; ours are kept.
    pub private_left_out: bool,
    pub added: Vec<MergeItem>,
    pub updated: Vec<MergeItem>,
    pub deleted: Vec<MergeItem>,
    /// Items whose change in the file is older than ours: ours stays.
    pub older_ignored: Vec<MergeItem>,
    pub conflicts: Vec<MergeConflict>,
    /// How many items in the file match what we have.
    pub unchanged: usize,
}

/// The person's choices for conflicts, by item key. Items without a choice get the default
/// (newest wins); keys that are not conflicts are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeChoices {
    pub choices: BTreeMap<String, Choice>,
    /// The name of the merged file, kept in the exchange history.
    pub file_name: String,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeSummary {
    pub coalition_id: String,
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    /// Changes in the file older than ours, not taken.
    pub older_ignored: usize,
    pub conflicts: usize,
    /// Of the conflicts: how many took the file's side (the rest kept ours).
    pub conflicts_took_theirs: usize,
}

/// Computes what merging `file` into the target coalition would do, without writing.
pub fn plan_merge(conn: &Connection, target_coalition_id: &str, file: &ExchangeFile) -> Result<MergePlan> {
    plan_merge_with(conn, target_coalition_id, file, worksheets::catalog())
}

pub(crate) fn plan_merge_with(
    conn: &Connection,
    target_coalition_id: &str,
    file: &ExchangeFile,
    catalog: &Catalog,
) -> Result<MergePlan> {
    let planned = compute(conn, target_coalition_id, file, catalog)?;
    Ok(planned.into_plan())
}

/// Merges `file` into the target coalition in one transaction, following the plan
/// [`plan_merge`] shows and the person's choices for conflicts, and notes the import in the
/// exchange history.
pub fn apply_merge(
    conn: &mut Connection,
    target_coalition_id: &str,
    file: &ExchangeFile,
    choices: &MergeChoices,
) -> Result<MergeSummary> {
    apply_merge_with(conn, target_coalition_id, file, choices, worksheets::catalog())
}

pub(crate) fn apply_merge_with(
    conn: &mut Connection,
    target_coalition_id: &str,
    file: &ExchangeFile,
    choices: &MergeChoices,
    catalog: &Catalog,
) -> Result<MergeSummary> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let planned = compute(&tx, target_coalition_id, file, catalog)?;
    let now = time::now();
    let mut summary = MergeSummary { coalition_id: target_coalition_id.into(), ..Default::default() };
    for step in planned.steps {
        match step.outcome {
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::OlderIgnored => summary.older_ignored += 1,
            Outcome::Add => {
                summary.added += 1;
                write(&tx, &step.theirs)?;
            }
            Outcome::Update => {
                summary.updated += 1;
                write(&tx, &step.theirs)?;
            }
            Outcome::Delete => {
                summary.deleted += 1;
                write(&tx, &step.theirs)?;
            }
            Outcome::Conflict { default, .. } => {
                summary.conflicts += 1;
                let choice = choices.choices.get(&step.key).copied().unwrap_or(default);
                let mine = step.mine.as_ref().expect("a conflict has both sides");
                match choice {
                    Choice::TakeTheirs => {
                        summary.conflicts_took_theirs += 1;
                        let mut row = step.theirs.clone();
                        // Chosen now: make it the newest, so the choice travels.
                        if row.updated_at() <= mine.updated_at() {
                            row.set_updated_at(&later_than(&now, mine.updated_at()));
                        }
                        write(&tx, &row)?;
                    }
                    Choice::KeepMine => {
                        if mine.updated_at() <= step.theirs.updated_at() {
                            // Later than theirs even when the sender's clock runs ahead of ours,
                            // or the same file merged again would undo the choice.
                            let mut row = mine.clone();
                            row.set_updated_at(&later_than(&now, step.theirs.updated_at()));
                            write(&tx, &row)?;
                        }
                    }
                }
            }
        }
    }
    records::renumber_positions(&tx, target_coalition_id)?;
    let at = std::cmp::max(now, file.exported_at.clone());
    record_exchange(&tx, target_coalition_id, "import", &choices.file_name, &at)?;
    tx.commit()?;
    Ok(summary)
}

/// `now`, or just after `other` when `other` is later (a sender's clock may run up to the
/// file check's tolerance ahead of ours). Times are RFC 3339 with milliseconds in UTC.
fn later_than(now: &str, other: &str) -> String {
    if now > other {
        return now.to_string();
    }
    match chrono::DateTime::parse_from_rfc3339(other) {
        Ok(t) => (t.with_timezone(&chrono::Utc) + chrono::Duration::milliseconds(1))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        Err(_) => now.to_string(),
    }
}

/// A row as it would be written.
#[derive(Debug, Clone)]
enum Row {
    Coalition(Coalition),
    Answer(Answer),
    Record(Record),
}

impl Row {
    fn updated_at(&self) -> &str {
        match self {
            Row::Coalition(c) => &c.updated_at,
            Row::Answer(a) => &a.updated_at,
            Row::Record(r) => &r.updated_at,
        }
    }

    fn set_updated_at(&mut self, at: &str) {
        match self {
            Row::Coalition(c) => c.updated_at = at.into(),
            Row::Answer(a) => a.updated_at = at.into(),
            Row::Record(r) => r.updated_at = at.into(),
        }
    }

    fn deleted(&self) -> bool {
        match self {
            Row::Coalition(c) => c.deleted_at.is_some(),
            Row::Answer(a) => a.deleted_at.is_some(),
            Row::Record(r) => r.deleted_at.is_some(),
        }
    }

    /// Same content, whatever the times: deletion state and, for live rows, the values.
    fn same_content(&self, other: &Row) -> bool {
        if self.deleted() != other.deleted() {
            return false;
        }
        match (self, other) {
            (Row::Coalition(a), Row::Coalition(b)) => {
                (&a.name, &a.focus, &a.start_date, &a.prepared_by) == (&b.name, &b.focus, &b.start_date, &b.prepared_by)
            }
            (Row::Answer(a), Row::Answer(b)) => a.deleted_at.is_some() || a.value == b.value,
            (Row::Record(a), Row::Record(b)) => {
                a.deleted_at.is_some() || (a.kind == b.kind && a.data == b.data)
            }
            _ => false,
        }
    }
}

fn write(conn: &Connection, row: &Row) -> Result<()> {
    match row {
        Row::Coalition(c) => put_coalition_row(conn, c),
        Row::Answer(a) => answers::put_answer_row(conn, a),
        Row::Record(r) => records::put_record_row(conn, r),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Add,
    Update,
    Delete,
    Unchanged,
    OlderIgnored,
    Conflict { default: Choice },
}

struct Step {
    key: String,
    kind: ItemKind,
    label: String,
    outcome: Outcome,
    mine: Option<Row>,
    theirs: Row,
    changed_fields: Vec<String>,
}

struct Planned {
    target: Coalition,
    file_coalition: Coalition,
    same_coalition: bool,
    baseline: Option<String>,
    private_left_out: bool,
    steps: Vec<Step>,
}

fn compute(conn: &Connection, target_id: &str, file: &ExchangeFile, catalog: &Catalog) -> Result<Planned> {
    let target = coalitions::get_coalition(conn, target_id)?;
    if target.deleted_at.is_some() {
        return Err(Error::NotFound("That coalition was deleted. Bring it back before merging into it.".into()));
    }
    let same_coalition = file.coalition.id == target.id;
    let baseline = if same_coalition {
        match (last_exchange_at(conn, target_id)?, file.last_exchange_at.clone()) {
            (Some(ours), Some(theirs)) => Some(std::cmp::min(ours, theirs)),
            (ours, theirs) => ours.or(theirs),
        }
    } else {
        None
    };
    let decide = |mine: &Row, theirs: &Row| -> Outcome {
        if mine.same_content(theirs) {
            return Outcome::Unchanged;
        }
        let theirs_newer = theirs.updated_at() > mine.updated_at();
        let both_changed = match &baseline {
            None => true,
            Some(b) => mine.updated_at() > b.as_str() && theirs.updated_at() > b.as_str(),
        };
        if both_changed {
            Outcome::Conflict { default: if theirs_newer { Choice::TakeTheirs } else { Choice::KeepMine } }
        } else if !theirs_newer {
            Outcome::OlderIgnored
        } else if theirs.deleted() && !mine.deleted() {
            Outcome::Delete
        } else {
            Outcome::Update
        }
    };

    let mut steps = Vec::new();

    if same_coalition {
        let mine = Row::Coalition(target.clone());
        let mut theirs = target.clone();
        theirs.name = file.coalition.name.clone();
        theirs.focus = file.coalition.focus.clone();
        theirs.start_date = file.coalition.start_date.clone();
        theirs.prepared_by = file.coalition.prepared_by.clone();
        theirs.updated_at = file.coalition.updated_at.clone();
        let theirs = Row::Coalition(theirs);
        let outcome = decide(&mine, &theirs);
        steps.push(Step {
            key: "coalition".into(),
            kind: ItemKind::Coalition,
            label: "The coalition's details (name, focus, start date, prepared by)".into(),
            outcome,
            mine: Some(mine),
            theirs,
            changed_fields: Vec::new(),
        });
    }

    let mut my_answers: HashMap<(String, String), Answer> = answers::list_answers_with_deleted(conn, target_id)?
        .into_iter()
        .map(|a| ((a.worksheet_id.clone(), a.question_id.clone()), a))
        .collect();
    for incoming in &file.answers {
        let mine = my_answers.remove(&(incoming.worksheet_id.clone(), incoming.question_id.clone()));
        let mut theirs = incoming.clone();
        theirs.coalition_id = target.id.clone();
        match &mine {
            Some(mine) => theirs.id = mine.id.clone(),
            None if row_exists(conn, Table::Answers, &theirs.id)? => theirs.id = new_id(),
            None => {}
        }
        if let (true, Some(mine)) = (file.private_left_out, &mine) {
            keep_private_answer(catalog, mine, &mut theirs);
        }
        let key = format!("answer:{}/{}", incoming.worksheet_id, incoming.question_id);
        let label = answer_label(catalog, &incoming.worksheet_id, &incoming.question_id);
        push_step(&mut steps, key, ItemKind::Answer, label, mine.map(Row::Answer), Row::Answer(theirs), Vec::new(), &decide);
    }

    let mut my_records: HashMap<String, Record> =
        records::list_all_records(conn, target_id)?.into_iter().map(|r| (r.id.clone(), r)).collect();
    for incoming in &file.records {
        let mine = my_records.remove(&incoming.id);
        let mut theirs = incoming.clone();
        theirs.coalition_id = target.id.clone();
        if mine.is_none() && row_exists(conn, Table::Records, &theirs.id)? {
            // The id belongs to a record of another coalition here: this one joins as new.
            theirs.id = new_id();
        }
        if let (true, Some(mine), Some(kind)) = (file.private_left_out, &mine, catalog.record_kind(&theirs.kind)) {
            privacy::keep_private_fields(kind, &mine.data, &mut theirs.data);
        }
        if let Some(mine) = &mine {
            // A place in a list is this copy's own: records are renumbered after every import.
            theirs.position = mine.position;
        }
        let changed_fields = match &mine {
            Some(mine) => changed_fields(catalog, mine, &theirs),
            None => Vec::new(),
        };
        let key = format!("record:{}", incoming.id);
        let label = record_label(catalog, &incoming.kind, &incoming.data);
        push_step(&mut steps, key, ItemKind::Record, label, mine.map(Row::Record), Row::Record(theirs), changed_fields, &decide);
    }

    Ok(Planned {
        target,
        file_coalition: file.coalition.clone(),
        same_coalition,
        baseline,
        private_left_out: file.private_left_out,
        steps,
    })
}

/// When the file left private details out, the answer we have keeps its private parts (see
/// `worksheets::privacy`); a private question keeps our answer whole.
fn keep_private_answer(catalog: &Catalog, mine: &Answer, theirs: &mut Answer) {
    let Some(question) = catalog.question(&theirs.worksheet_id, &theirs.question_id) else { return };
    if question.private {
        theirs.clone_from(mine);
    } else if mine.deleted_at.is_none() && theirs.deleted_at.is_none() {
        theirs.value = privacy::keep_private_answer(question, &mine.value, &theirs.value);
    }
}

#[allow(clippy::too_many_arguments)]
fn push_step(
    steps: &mut Vec<Step>,
    key: String,
    kind: ItemKind,
    label: String,
    mine: Option<Row>,
    theirs: Row,
    changed_fields: Vec<String>,
    decide: &dyn Fn(&Row, &Row) -> Outcome,
) {
    let outcome = match &mine {
        Some(mine) => decide(mine, &theirs),
        // A deletion marker for something we never had: nothing to do.
        None if theirs.deleted() => Outcome::Unchanged,
        None => Outcome::Add,
    };
    steps.push(Step { key, kind, label, outcome, mine, theirs, changed_fields });
}

fn changed_fields(catalog: &Catalog, mine: &Record, theirs: &Record) -> Vec<String> {
    let mut labels = Vec::new();
    let mut keys: Vec<&String> = mine.data.keys().chain(theirs.data.keys()).collect();
    keys.sort();
    keys.dedup();
    let def = catalog.record_kind(&theirs.kind);
    for key in keys {
        if mine.data.get(key) != theirs.data.get(key) {
            let label = def
                .and_then(|d| d.fields.iter().find(|f| &f.id == key))
                .map(|f| f.label.clone())
                .unwrap_or_else(|| key.clone());
            labels.push(label);
        }
    }
    labels
}

impl Planned {
    fn into_plan(self) -> MergePlan {
        let note = (!self.same_coalition).then(|| {
            format!(
                "This file is from a different coalition: {}. Its answers and items will join {}. \
                 Where both have an answer to the same question, you choose which to keep.",
                self.file_coalition.name, self.target.name
            )
        });
        let mut plan = MergePlan {
            target_coalition_id: self.target.id.clone(),
            target_name: self.target.name.clone(),
            file_coalition_id: self.file_coalition.id.clone(),
            file_coalition_name: self.file_coalition.name.clone(),
            same_coalition: self.same_coalition,
            note,
            baseline: self.baseline,
            private_left_out: self.private_left_out,
            added: Vec::new(),
            updated: Vec::new(),
            deleted: Vec::new(),
            older_ignored: Vec::new(),
            conflicts: Vec::new(),
            unchanged: 0,
        };
        for step in self.steps {
            let item = MergeItem { key: step.key, kind: step.kind, label: step.label };
            match step.outcome {
                Outcome::Add => plan.added.push(item),
                Outcome::Update => plan.updated.push(item),
                Outcome::Delete => plan.deleted.push(item),
                Outcome::Unchanged => plan.unchanged += 1,
                Outcome::OlderIgnored => plan.older_ignored.push(item),
                Outcome::Conflict { default } => {
                    let mine = step.mine.as_ref().expect("a conflict has both sides");
                    plan.conflicts.push(MergeConflict {
                        item,
                        mine: side(mine),
                        theirs: side(&step.theirs),
                        changed_fields: step.changed_fields,
                        default,
                    });
                }
            }
        }
        plan
    }
}

fn side(row: &Row) -> ConflictSide {
    let preview = match row {
        _ if row.deleted() => {
            if matches!(row, Row::Answer(_)) { "(cleared)".into() } else { "(deleted)".into() }
        }
        Row::Coalition(c) => c.name.clone(),
        Row::Answer(a) => preview_value(&a.value),
        Row::Record(r) => preview_value(&Value::Object(r.data.clone())),
    };
    ConflictSide { updated_at: row.updated_at().into(), deleted: row.deleted(), preview }
}

/// The first words of a value, whatever its shape.
fn preview_value(value: &Value) -> String {
    const MAX_CHARS: usize = 80;
    fn leaves(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
            Value::Number(n) => out.push(n.to_string()),
            Value::Bool(b) => out.push(if *b { "Yes".into() } else { "No".into() }),
            Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
            Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    leaves(value, &mut parts);
    let text = parts.join(", ").replace('\n', " ");
    if text.is_empty() {
        return "(empty)".into();
    }
    super::labels::cut_with_ellipsis(&text, MAX_CHARS)
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
}
