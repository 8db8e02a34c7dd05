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

use super::format::ExchangeFile;
use super::tables::{visit_tables, Details, Mergeable, Registered, TableRow, TableVisitor};
use crate::error::{Error, Result};
use crate::model::Coalition;
use crate::store::changes::{self, Change};
use crate::store::exchanges::{last_exchange_at, record_exchange};
use crate::store::row::{ids_of_coalition, new_id, row_exists, row_of_another_coalition};
use crate::store::versions::{self, VersionVector};
use crate::store::{clock, coalitions, origins};
use crate::text;
use crate::time;
use crate::worksheets::{self, Catalog};

/// What an item is: the coalition's details (`"coalition"`) or the kind of row of its table
/// (`"answer"`, `"record"`; see `tables`).
pub type ItemKind = String;

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
    if let Some(history) = &file.history {
        // Before any new change is stamped: ours must come after everything the file holds.
        if let Some(stamp) = history.newest_stamp() {
            clock::observe(&tx, stamp)?;
        }
    }
    let mut apply = Apply {
        tx: &tx,
        coalition_id: target_coalition_id,
        file,
        choices,
        now: time::now(),
        summary: MergeSummary {
            coalition_id: target_coalition_id.into(),
            unchanged: planned.unchanged,
            ..Default::default()
        },
    };
    for steps in &planned.steps {
        steps.apply(&mut apply)?;
    }
    let summary = apply.summary;
    if let Some(history) = &file.history {
        versions::absorb(&tx, target_coalition_id, &history.versions)?;
    }
    struct AfterWrite<'a>(&'a Connection, &'a str);
    impl TableVisitor for AfterWrite<'_> {
        fn visit<T: Registered>(&mut self) -> Result<()> {
            T::after_write(self.0, self.1)
        }
    }
    visit_tables(&mut AfterWrite(&tx, target_coalition_id))?;
    let at = std::cmp::max(time::now(), file.exported_at.clone());
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

/// What the merge does with one item of one table.
struct Step<M: Mergeable> {
    key: String,
    label: String,
    outcome: Outcome,
    mine: Option<M::Row>,
    theirs: M::Row,
    /// The change the file names for its row (version 2 files).
    theirs_change: Option<Change>,
    /// For an item of another coalition's file that joins under a new id: (file id, local id).
    origin: Option<(String, String)>,
    changed_fields: Vec<String>,
}

/// Everything the steps of a merge need while they are written.
struct Apply<'a> {
    tx: &'a Connection,
    coalition_id: &'a str,
    file: &'a ExchangeFile,
    choices: &'a MergeChoices,
    now: String,
    summary: MergeSummary,
}

impl Apply<'_> {
    /// Writes the file's row and keeps its change (a version 1 file has none: taking its row is
    /// this copy's change).
    fn take<M: Mergeable>(&self, step: &Step<M>, row: &M::Row) -> Result<()> {
        M::write(self.tx, row)?;
        match &step.theirs_change {
            Some(change) => changes::put(self.tx, self.coalition_id, row.id(), change),
            None => changes::note_local_change(self.tx, M::TABLE, row.id()).map(|_| ()),
        }
    }

    fn step<M: Mergeable>(&mut self, step: &Step<M>) -> Result<()> {
        if let Some((file_id, local_id)) = &step.origin {
            if matches!(step.outcome, Outcome::Add | Outcome::KeepMarker) {
                origins::remember(self.tx, self.coalition_id, &self.file.coalition.id, file_id, local_id)?;
            }
        }
        match step.outcome {
            Outcome::Unchanged => self.summary.unchanged += 1,
            Outcome::KeepMarker => {
                self.summary.unchanged += 1;
                self.take(step, &step.theirs)?;
            }
            Outcome::AdoptChange => {
                self.summary.unchanged += 1;
                if let (Some(mine), Some(change)) = (&step.mine, &step.theirs_change) {
                    changes::put(self.tx, self.coalition_id, mine.id(), change)?;
                }
            }
            Outcome::OlderIgnored => self.summary.older_ignored += 1,
            Outcome::Add => {
                self.summary.added += 1;
                self.take(step, &step.theirs)?;
            }
            Outcome::Update => {
                self.summary.updated += 1;
                self.take(step, &step.theirs)?;
            }
            Outcome::Delete => {
                self.summary.deleted += 1;
                self.take(step, &step.theirs)?;
            }
            Outcome::Conflict { default } => {
                self.summary.conflicts += 1;
                let choice = self.choices.choices.get(&step.key).copied().unwrap_or(default);
                let mine = step.mine.as_ref().expect("a conflict has both sides");
                match choice {
                    Choice::TakeTheirs => {
                        self.summary.conflicts_took_theirs += 1;
                        let mut row = step.theirs.clone();
                        // Chosen now: make it the newest, so the choice travels.
                        if row.updated_at() <= mine.updated_at() {
                            row.set_updated_at(&later_than(&self.now, mine.updated_at()));
                        }
                        if self.file.history.is_some() {
                            // Their change as it is: the other side already has it.
                            self.take(step, &row)?;
                        } else {
                            M::write(self.tx, &row)?;
                            changes::note_local_change(self.tx, M::TABLE, row.id())?;
                        }
                    }
                    Choice::KeepMine => {
                        // A new change of ours, after theirs: the other side takes it as an
                        // update, and the same file merged again does not undo the choice.
                        let mut row = mine.clone();
                        if mine.updated_at() <= step.theirs.updated_at() {
                            // Later than theirs even when the sender's clock runs ahead of ours.
                            row.set_updated_at(&later_than(&self.now, step.theirs.updated_at()));
                            M::write(self.tx, &row)?;
                        }
                        let theirs_stamp = step.theirs_change.as_ref().map(|c| c.stamp);
                        changes::note_local_change_after(self.tx, M::TABLE, row.id(), theirs_stamp)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The steps of one table, whatever its rows.
trait TableSteps {
    fn apply(&self, apply: &mut Apply) -> Result<()>;
    fn add_to(self: Box<Self>, plan: &mut MergePlan);
}

impl<M: Mergeable> TableSteps for Vec<Step<M>> {
    fn apply(&self, apply: &mut Apply) -> Result<()> {
        self.iter().try_for_each(|step| apply.step(step))
    }

    fn add_to(self: Box<Self>, plan: &mut MergePlan) {
        for step in *self {
            let item = MergeItem { key: step.key, kind: M::ITEM_KIND.into(), label: step.label };
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
                        mine: side::<M>(mine),
                        theirs: side::<M>(&step.theirs),
                        changed_fields: step.changed_fields,
                        default,
                    });
                }
            }
        }
    }
}

struct Planned {
    target: Coalition,
    file_coalition: Coalition,
    same_coalition: bool,
    baseline: Option<String>,
    private_left_out: bool,
    /// The coalition's details first, then each table's, in file order; unchanged items are
    /// only counted.
    steps: Vec<Box<dyn TableSteps>>,
    unchanged: usize,
}

/// What working out each item's step needs.
struct Planner<'a> {
    conn: &'a Connection,
    target: &'a Coalition,
    file: &'a ExchangeFile,
    catalog: &'a Catalog,
    same_coalition: bool,
    rule: Rule,
    /// Our rows' last changes, taken out as rows are matched.
    my_changes: HashMap<String, Change>,
    /// The local id of each file row matched by id whose id here is not its own.
    local_ids: HashMap<String, String>,
    steps: Vec<Box<dyn TableSteps>>,
    /// Items that are the same on both sides, with nothing to do.
    unchanged: usize,
}

impl Planner<'_> {
    fn their_change(&self, file_id: &str) -> Option<Change> {
        self.file.history.as_ref().and_then(|h| h.changes.get(file_id).cloned())
    }

    fn step<M: Mergeable>(&mut self, mine: Option<M::Row>, theirs: M::Row, file_row: &M::Row, theirs_change: Option<Change>,
                          origin: Option<(String, String)>) -> Step<M> {
        let mine_change = mine.as_ref().and_then(|m| self.my_changes.remove(m.id()));
        let outcome = match &mine {
            Some(mine) => self.rule.decide::<M>(mine, mine_change.as_ref(), &theirs, theirs_change.as_ref()),
            // A deletion marker for something we never had: nothing to show. A version 2 file's
            // marker is kept all the same, because our version vector will say we have seen the
            // deletion: an older live copy of the item, from another file, must not come back.
            None if theirs.deleted() && theirs_change.is_some() => Outcome::KeepMarker,
            None if theirs.deleted() => Outcome::Unchanged,
            None => Outcome::Add,
        };
        let changed_fields = match &mine {
            Some(mine) if matches!(outcome, Outcome::Conflict { .. }) => M::changed_fields(self.catalog, mine, &theirs),
            _ => Vec::new(),
        };
        // Only items the plan shows need a key and a name: most of a large file is unchanged.
        let shown = !matches!(outcome, Outcome::Unchanged | Outcome::KeepMarker | Outcome::AdoptChange);
        Step {
            key: if shown { M::item_key(file_row) } else { String::new() },
            label: if shown { M::label(self.catalog, file_row) } else { String::new() },
            outcome,
            mine,
            theirs,
            theirs_change,
            origin,
            changed_fields,
        }
    }

    /// The coalition's details: only merged from a file of the same coalition.
    fn details(&mut self) {
        if !self.same_coalition {
            return;
        }
        let mine = self.target.clone();
        let mut theirs = self.target.clone();
        let from_file = &self.file.coalition;
        theirs.name = from_file.name.clone();
        theirs.focus = from_file.focus.clone();
        theirs.start_date = from_file.start_date.clone();
        theirs.prepared_by = from_file.prepared_by.clone();
        theirs.updated_at = from_file.updated_at.clone();
        let change = self.their_change(&from_file.id);
        let step = self.step::<Details>(Some(mine), theirs.clone(), &theirs, change, None);
        self.steps.push(Box::new(vec![step]));
    }

    /// The local id of each of the file's rows matched by id that is not its own id here: one
    /// remembered from an earlier merge of the file's coalition (or from opening it as a copy),
    /// or a new one when the id belongs to another coalition's row here. A file of this very
    /// coalition keeps its ids.
    fn find_local_ids<T: Registered>(&mut self, remembered: &HashMap<String, String>) -> Result<()> {
        let ours = ids_of_coalition(self.conn, T::TABLE, &self.target.id)?;
        for row in T::rows(&self.file.tables) {
            if T::natural_key(row).is_some() {
                continue;
            }
            if let Some(id) = remembered.get(row.id()) {
                self.local_ids.insert(row.id().into(), id.clone());
            } else if !ours.contains(row.id()) && row_of_another_coalition(self.conn, T::TABLE, row.id(), &self.target.id)? {
                // The id belongs to a row of another coalition here: this one joins as new.
                self.local_ids.insert(row.id().into(), new_id());
            }
        }
        Ok(())
    }

    fn table<T: Registered>(&mut self) -> Result<()> {
        let mine_rows = T::read(self.conn, &self.target.id)?;
        let mut by_id: HashMap<String, T::Row> = HashMap::new();
        let mut by_key: HashMap<String, T::Row> = HashMap::new();
        for row in mine_rows {
            match T::natural_key(&row) {
                Some(key) => by_key.insert(key, row),
                None => by_id.insert(row.id().into(), row),
            };
        }
        let mut steps: Vec<Step<T>> = Vec::new();
        for incoming in T::rows(&self.file.tables) {
            let mut theirs = incoming.clone();
            theirs.set_coalition_id(self.target.id.clone());
            let (mine, origin, change) = match T::natural_key(incoming) {
                Some(key) => {
                    let mine = by_key.remove(&key);
                    match &mine {
                        Some(mine) => theirs.set_id(mine.id().into()),
                        None if row_exists(self.conn, T::TABLE, incoming.id())? => theirs.set_id(new_id()),
                        None => {}
                    }
                    // Another coalition's row for the same item shares no history with ours,
                    // even when the same copy made both: a difference is for the person to settle.
                    let change = if self.same_coalition { self.their_change(incoming.id()) } else { None };
                    (mine, None, change)
                }
                None => {
                    let local_id = self.local_ids.get(incoming.id()).cloned().unwrap_or_else(|| incoming.id().into());
                    let mine = by_id.remove(&local_id);
                    let origin = (local_id != incoming.id()).then(|| (incoming.id().to_string(), local_id.clone()));
                    theirs.set_id(local_id);
                    (mine, origin, self.their_change(incoming.id()))
                }
            };
            if !self.same_coalition {
                T::remap_references(&mut theirs, &self.local_ids);
            }
            if let Some(mine) = &mine {
                T::keep_local_parts(self.catalog, mine, &mut theirs, self.file.private_left_out);
            }
            let step = self.step::<T>(mine, theirs, incoming, change, origin);
            if step.outcome == Outcome::Unchanged {
                // Nothing to write or show: most of a large file. Only counted, to keep little.
                self.unchanged += 1;
            } else {
                steps.push(step);
            }
        }
        self.steps.push(Box::new(steps));
        Ok(())
    }
}

fn compute(conn: &Connection, target_id: &str, file: &ExchangeFile, catalog: &Catalog) -> Result<Planned> {
    let target = coalitions::get_coalition(conn, target_id)?;
    if target.deleted_at.is_some() {
        return Err(Error::NotFound(text::t("exchange.merge_into_deleted", &[])));
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
    let mut planner = Planner {
        conn,
        target: &target,
        file,
        catalog,
        same_coalition,
        rule,
        my_changes: changes::for_coalition(conn, target_id)?,
        local_ids: HashMap::new(),
        steps: Vec::new(),
        unchanged: 0,
    };
    planner.details();

    // Every local id before any row is planned: a row of one table may refer to a row of another.
    struct FindLocalIds<'a, 'p> {
        planner: &'p mut Planner<'a>,
        remembered: HashMap<String, String>,
    }
    impl TableVisitor for FindLocalIds<'_, '_> {
        fn visit<T: Registered>(&mut self) -> Result<()> {
            self.planner.find_local_ids::<T>(&self.remembered)
        }
    }
    let remembered = origins::local_ids(conn, target_id, &file.coalition.id)?;
    visit_tables(&mut FindLocalIds { planner: &mut planner, remembered })?;
    struct PlanTables<'a, 'p>(&'p mut Planner<'a>);
    impl TableVisitor for PlanTables<'_, '_> {
        fn visit<T: Registered>(&mut self) -> Result<()> {
            self.0.table::<T>()
        }
    }
    visit_tables(&mut PlanTables(&mut planner))?;

    Ok(Planned {
        file_coalition: file.coalition.clone(),
        same_coalition,
        baseline: planner.rule.baseline.clone(),
        private_left_out: file.private_left_out,
        steps: planner.steps,
        unchanged: planner.unchanged,
        target,
    })
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
    fn decide<M: Mergeable>(&self, mine: &M::Row, mine_change: Option<&Change>, theirs: &M::Row, theirs_change: Option<&Change>) -> Outcome {
        let seen = |vector: &VersionVector, change: &Change| vector.get(&change.copy).is_some_and(|n| *n >= change.counter);
        if mine.deleted() == theirs.deleted() && M::same_content(mine, theirs) {
            // Same content: when the file's change was made on top of ours, it becomes the
            // change this row holds, or a later edit made on top of ours elsewhere would pass
            // for one made on top of theirs.
            if let (Some(theirs_seen), Some(ours), Some(their)) = (&self.theirs_seen, mine_change, theirs_change) {
                if ours != their && !seen(&self.ours_seen, their) && seen(theirs_seen, ours) {
                    return Outcome::AdoptChange;
                }
            }
            return Outcome::Unchanged;
        }
        let taken = || if theirs.deleted() && !mine.deleted() { Outcome::Delete } else { Outcome::Update };
        if let (Some(theirs_seen), Some(ours), Some(their)) = (&self.theirs_seen, mine_change, theirs_change) {
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

impl Planned {
    fn into_plan(self) -> MergePlan {
        let note = (!self.same_coalition).then(|| {
            text::t("exchange.merge_other_coalition", &[("file", &self.file_coalition.name), ("target", &self.target.name)])
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
            unchanged: self.unchanged,
        };
        for steps in self.steps {
            steps.add_to(&mut plan);
        }
        plan
    }
}

fn side<M: Mergeable>(row: &M::Row) -> ConflictSide {
    let preview = if row.deleted() { M::deleted_preview() } else { M::preview(row) };
    ConflictSide { updated_at: row.updated_at().into(), deleted: row.deleted(), preview }
}
