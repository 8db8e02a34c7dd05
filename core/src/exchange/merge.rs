//! Merging a `.coalition` file into a coalition that is already here, item by item.
//!
//! Items are the coalition's details, each answer (matched by worksheet and question) and each
//! record (matched by id, or by the id it had in the file when it joined from a file of another
//! coalition: see `store::origins`). For each item in the file:
//!
//! - not here: **added** (a deletion marker for something we never had is skipped);
//! - here with the same content (deletion state included; times may differ): **unchanged**;
//! - here and different: who changed it since the two copies were last in step *with each
//!   other*? A version 2 file says, for every row, which copy made its last change and that
//!   copy's counter (a *dot*, see `store::changes`), and what its maker had seen from every copy
//!   (a *version vector*). With our dot (cL, nL), theirs (cR, nR) and the vectors:
//!   - we have seen theirs (our vector's entry for cR is at least nR): ours is newer and stays
//!     (**older, ignored**);
//!   - else they have seen ours (the file's entry for cL is at least nL): theirs is **updated**
//!     (or **deleted**, when theirs is a deletion marker);
//!   - else both changed it without seeing the other's change: a **conflict**. The person may
//!     choose per item; by default the change with the later stamp of the hybrid logical clock
//!     wins (ours on a tie). Keeping ours is a new change of this copy, so the other side later
//!     takes it as an update: each pair of concurrent edits is shown once.
//!
//!   An exchange with a third copy changes neither side's dots, so it cannot hide a concurrent
//!   edit, and no wall clock takes part, so a slow clock cannot make a later edit look older.
//!   After a merge our vector includes the file's, and our clock is past the file's newest stamp.
//! - A version 1 file has no dots: it is merged as version 1 did, by times. The *baseline* is
//!   the earlier of this copy's last exchange for the coalition and the sender's
//!   (`last_exchange_at`); an item changed on a side when its `updated_at` is later. Both
//!   changed: a conflict (newer wins by default); otherwise the newer wins. With no baseline
//!   every difference is a conflict. What is taken from it counts as this copy's change.
//!
//! Items only we have are left alone: a deletion travels only as a marker.
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

use super::format::ExchangeFile;
use crate::store::coalitions::put_coalition_row;
use crate::store::row::{new_id, row_exists, Table};
use super::labels::{answer_label, record_label};
use crate::error::{Error, Result};
use crate::model::{Answer, Coalition, Record};
use crate::store::changes::{self, Change};
use crate::store::exchanges::{last_exchange_at, record_exchange};
use crate::store::versions::{self, VersionVector};
use crate::store::{answers, clock, coalitions, origins, records};
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
    if let Some(history) = &file.history {
        // Before any new change is stamped: ours must come after everything the file holds.
        if let Some(stamp) = history.newest_stamp() {
            clock::observe(&tx, stamp)?;
        }
    }
    for step in &planned.steps {
        if let Some((file_id, local_id)) = &step.origin {
            if matches!(step.outcome, Outcome::Add | Outcome::KeepMarker) {
                origins::remember(&tx, target_coalition_id, &file.coalition.id, file_id, local_id)?;
            }
        }
    }
    let take = |tx: &rusqlite::Transaction, step: &Step, row: &Row| -> Result<()> {
        write(tx, row)?;
        match &step.theirs_change {
            Some(change) => changes::put(tx, target_coalition_id, row.id(), change),
            None => changes::note_local_change(tx, row.table(), row.id()).map(|_| ()),
        }
    };
    for step in &planned.steps {
        match step.outcome {
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::KeepMarker => {
                summary.unchanged += 1;
                take(&tx, step, &step.theirs)?;
            }
            Outcome::AdoptChange => {
                summary.unchanged += 1;
                if let (Some(mine), Some(change)) = (&step.mine, &step.theirs_change) {
                    changes::put(&tx, target_coalition_id, mine.id(), change)?;
                }
            }
            Outcome::OlderIgnored => summary.older_ignored += 1,
            Outcome::Add => {
                summary.added += 1;
                take(&tx, step, &step.theirs)?;
            }
            Outcome::Update => {
                summary.updated += 1;
                take(&tx, step, &step.theirs)?;
            }
            Outcome::Delete => {
                summary.deleted += 1;
                take(&tx, step, &step.theirs)?;
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
                        if file.history.is_some() {
                            // Their change as it is: the other side already has it.
                            take(&tx, step, &row)?;
                        } else {
                            write(&tx, &row)?;
                            changes::note_local_change(&tx, row.table(), row.id())?;
                        }
                    }
                    Choice::KeepMine => {
                        // A new change of ours, after theirs: the other side takes it as an
                        // update, and the same file merged again does not undo the choice.
                        let mut row = mine.clone();
                        if mine.updated_at() <= step.theirs.updated_at() {
                            // Later than theirs even when the sender's clock runs ahead of ours.
                            row.set_updated_at(&later_than(&now, step.theirs.updated_at()));
                            write(&tx, &row)?;
                        }
                        let theirs_stamp = step.theirs_change.as_ref().map(|c| c.stamp);
                        changes::note_local_change_after(&tx, row.table(), row.id(), theirs_stamp)?;
                    }
                }
            }
        }
    }
    if let Some(history) = &file.history {
        versions::absorb(&tx, target_coalition_id, &history.versions)?;
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

    fn id(&self) -> &str {
        match self {
            Row::Coalition(c) => &c.id,
            Row::Answer(a) => &a.id,
            Row::Record(r) => &r.id,
        }
    }

    fn table(&self) -> Table {
        match self {
            Row::Coalition(_) => Table::Coalitions,
            Row::Answer(_) => Table::Answers,
            Row::Record(_) => Table::Records,
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
    /// A deletion marker for an item we never had, kept but not shown.
    KeepMarker,
    /// The same content, whose change in the file came after ours: the row takes the file's
    /// change, not shown.
    AdoptChange,
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
    /// The change the file names for its row (version 2 files).
    theirs_change: Option<Change>,
    /// For an item of another coalition's file that joins under a new id: (file id, local id).
    origin: Option<(String, String)>,
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
    let rule = Rule {
        baseline: baseline.clone(),
        ours_seen: versions::get(conn, target_id)?,
        theirs_seen: file.history.as_ref().map(|h| h.versions.clone()),
    };
    let mut my_changes = changes::for_coalition(conn, target_id)?;
    let their_change = |file_id: &str| file.history.as_ref().and_then(|h| h.changes.get(file_id).cloned());

    let mut steps = Vec::new();
    let mut push = |key: String, kind: ItemKind, label: String, mine: Option<Row>, theirs: Row, theirs_change: Option<Change>,
                    origin: Option<(String, String)>, changed_fields: Vec<String>| {
        let mine_change = mine.as_ref().and_then(|m| my_changes.remove(m.id()));
        let outcome = match &mine {
            Some(mine) => rule.decide(mine, mine_change.as_ref(), &theirs, theirs_change.as_ref()),
            // A deletion marker for something we never had: nothing to show. A version 2 file's
            // marker is kept all the same, because our version vector will say we have seen the
            // deletion: an older live copy of the item, from another file, must not come back.
            None if theirs.deleted() && theirs_change.is_some() => Outcome::KeepMarker,
            None if theirs.deleted() => Outcome::Unchanged,
            None => Outcome::Add,
        };
        steps.push(Step { key, kind, label, outcome, mine, theirs, theirs_change, origin, changed_fields });
    };

    if same_coalition {
        let mine = Row::Coalition(target.clone());
        let mut theirs = target.clone();
        theirs.name = file.coalition.name.clone();
        theirs.focus = file.coalition.focus.clone();
        theirs.start_date = file.coalition.start_date.clone();
        theirs.prepared_by = file.coalition.prepared_by.clone();
        theirs.updated_at = file.coalition.updated_at.clone();
        push(
            "coalition".into(),
            ItemKind::Coalition,
            "The coalition's details (name, focus, start date, prepared by)".into(),
            Some(mine),
            Row::Coalition(theirs),
            their_change(&file.coalition.id),
            None,
            Vec::new(),
        );
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
        // Another coalition's answer to the same question shares no history with ours, even
        // when the same copy made both: a difference is for the person to settle.
        let change = if same_coalition { their_change(&incoming.id) } else { None };
        push(key, ItemKind::Answer, label, mine.map(Row::Answer), Row::Answer(theirs), change, None, Vec::new());
    }

    let mut my_records: HashMap<String, Record> =
        records::list_all_records(conn, target_id)?.into_iter().map(|r| (r.id.clone(), r)).collect();
    let local_ids = record_ids_here(conn, target_id, file, &my_records)?;
    for incoming in &file.records {
        let local_id = local_ids.get(&incoming.id).unwrap_or(&incoming.id);
        let mine = my_records.remove(local_id);
        let mut theirs = incoming.clone();
        theirs.coalition_id = target.id.clone();
        theirs.id = local_id.clone();
        if !same_coalition {
            for value in theirs.data.values_mut() {
                super::import::remap_references(value, &local_ids);
            }
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
        let origin = (local_id != &incoming.id).then(|| (incoming.id.clone(), local_id.clone()));
        let change = their_change(&incoming.id);
        push(key, ItemKind::Record, label, mine.map(Row::Record), Row::Record(theirs), change, origin, changed_fields);
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

/// The local id of each of the file's records that is not its own id here: one remembered from
/// an earlier merge of the file's coalition (or from opening it as a copy), or a new one when
/// the id belongs to another coalition's record here. A file of this very coalition keeps its ids.
fn record_ids_here(
    conn: &Connection,
    target_id: &str,
    file: &ExchangeFile,
    mine: &HashMap<String, Record>,
) -> Result<HashMap<String, String>> {
    let remembered = origins::local_ids(conn, target_id, &file.coalition.id)?;
    let mut local = HashMap::new();
    for record in &file.records {
        if let Some(id) = remembered.get(&record.id) {
            local.insert(record.id.clone(), id.clone());
        } else if !mine.contains_key(&record.id) && row_exists(conn, Table::Records, &record.id)? {
            // The id belongs to a record of another coalition here: this one joins as new.
            local.insert(record.id.clone(), new_id());
        }
    }
    Ok(local)
}

/// How an item here and the file's version of it compare (see the module's documentation).
struct Rule {
    /// Version 1 files: when both copies were last in step, by times.
    baseline: Option<String>,
    /// What this copy has seen of the coalition, from every copy.
    ours_seen: VersionVector,
    /// What the file's maker had seen; none for a version 1 file.
    theirs_seen: Option<VersionVector>,
}

impl Rule {
    fn decide(&self, mine: &Row, mine_change: Option<&Change>, theirs: &Row, theirs_change: Option<&Change>) -> Outcome {
        if mine.same_content(theirs) {
            // Same content: when the file's change was made on top of ours, it becomes the
            // change this row holds, or a later edit made on top of ours elsewhere would pass
            // for one made on top of theirs.
            if let (Some(theirs_seen), Some(ours), Some(their)) = (&self.theirs_seen, mine_change, theirs_change) {
                let seen = |vector: &VersionVector, change: &Change| vector.get(&change.copy).is_some_and(|n| *n >= change.counter);
                if ours != their && !seen(&self.ours_seen, their) && seen(theirs_seen, ours) {
                    return Outcome::AdoptChange;
                }
            }
            return Outcome::Unchanged;
        }
        let taken = || if theirs.deleted() && !mine.deleted() { Outcome::Delete } else { Outcome::Update };
        if let (Some(theirs_seen), Some(ours), Some(their)) = (&self.theirs_seen, mine_change, theirs_change) {
            let seen = |vector: &VersionVector, change: &Change| vector.get(&change.copy).is_some_and(|n| *n >= change.counter);
            if ours == their || seen(&self.ours_seen, their) {
                return Outcome::OlderIgnored;
            }
            if seen(theirs_seen, ours) {
                return taken();
            }
            let theirs_later = (their.stamp, &their.copy) > (ours.stamp, &ours.copy);
            return Outcome::Conflict { default: if theirs_later { Choice::TakeTheirs } else { Choice::KeepMine } };
        }
        let theirs_newer = theirs.updated_at() > mine.updated_at();
        let both_changed = match (&self.baseline, &self.theirs_seen) {
            // A version 2 file with a row whose change is unknown here: no common history.
            (_, Some(_)) | (None, None) => true,
            (Some(b), None) => mine.updated_at() > b.as_str() && theirs.updated_at() > b.as_str(),
        };
        if both_changed {
            Outcome::Conflict { default: if theirs_newer { Choice::TakeTheirs } else { Choice::KeepMine } }
        } else if !theirs_newer {
            Outcome::OlderIgnored
        } else {
            taken()
        }
    }
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
                Outcome::Unchanged | Outcome::KeepMarker | Outcome::AdoptChange => plan.unchanged += 1,
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
