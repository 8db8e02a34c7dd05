//! Records as tables. A kind with few fields prints every field as a column; a kind with many
//! (partners) prints its short public fields as columns and the rest (long answers, contact
//! details) under each row. Budget lines print as an expenses table and an income table, each
//! with its total, and a summary with the gap between them.

use serde_json::Value;

use crate::format;
use crate::model::Record;
use crate::pdf::{Align, Block, Column, Labelled, Row, Table};
use crate::text;
use crate::worksheets::{Direction, Field, FieldKind, RecordKind, TotalsRule};

/// More columns than this do not fit a page's width legibly.
const MAX_COLUMNS: usize = 5;

/// The blocks that show `records` of `kind`.
/// Private fields are already gone from `records` when the plan leaves them out (see
/// `PlanData`), so a field without a value in any record is simply not shown.
pub fn record_blocks(kind: &RecordKind, records: &[Record]) -> Vec<Block> {
    if let Some(budget) = Budget::of(kind) {
        return budget.blocks(kind, records);
    }
    vec![Block::Table(record_table(kind, records))]
}

/// Which fields become columns and which go under the row.
fn split_columns<'k>(kind: &'k RecordKind, fields: &[&'k Field]) -> (Vec<&'k Field>, Vec<&'k Field>) {
    let public: Vec<&Field> = fields.iter().copied().filter(|f| !f.private).collect();
    let title = public.iter().copied().find(|f| f.id == kind.title_field);
    let mut columns: Vec<&Field> = title.into_iter().collect();
    if public.len() <= MAX_COLUMNS {
        columns.extend(public.iter().copied().filter(|f| f.id != kind.title_field));
    } else {
        let short = |f: &&Field| !matches!(f.kind, FieldKind::LongText | FieldKind::Email | FieldKind::Phone);
        for field in public.iter().copied().filter(|f| f.id != kind.title_field).filter(short) {
            if columns.len() < MAX_COLUMNS {
                columns.push(field);
            }
        }
    }
    let in_columns = |f: &Field| columns.iter().any(|c| c.id == f.id);
    // Public details first, then private ones (contact details, notes).
    let mut details: Vec<&Field> = public.iter().copied().filter(|f| !in_columns(f)).collect();
    details.extend(fields.iter().copied().filter(|f| f.private && !in_columns(f)));
    (columns, details)
}

fn value_of<'r>(record: &'r Record, field: &Field) -> &'r Value {
    record.data.get(&field.id).unwrap_or(&Value::Null)
}

fn align_of(field: &Field) -> Align {
    match field.kind {
        FieldKind::Money | FieldKind::Number => Align::Right,
        _ => Align::Left,
    }
}

/// A table of records with the kind's columns; columns empty in every record are left out.
fn record_table(kind: &RecordKind, records: &[Record]) -> Table {
    let fields: Vec<&Field> = kind.fields.iter().collect();
    let (columns, details) = split_columns(kind, &fields);
    fields_table(&columns, &details, records, kind.title_field.as_str())
}

fn fields_table(columns: &[&Field], details: &[&Field], records: &[Record], title_field: &str) -> Table {
    let used: Vec<&Field> = columns
        .iter()
        .copied()
        .filter(|f| f.id == title_field || records.iter().any(|r| !format::field(f, value_of(r, f)).trim().is_empty()))
        .collect();
    let rows = records
        .iter()
        .map(|record| Row {
            cells: used.iter().map(|f| format::field(f, value_of(record, f))).collect(),
            details: details
                .iter()
                .map(|f| Labelled {
                    label: f.label.clone(),
                    text: format::field(f, value_of(record, f)),
                    // Anything but long text is short: it runs on with its neighbours.
                    inline: f.kind != FieldKind::LongText,
                })
                .filter(|d| !d.text.trim().is_empty())
                .collect(),
        })
        .collect();
    let columns = used
        .iter()
        .map(|f| Column { title: f.label.clone(), align: align_of(f) })
        .collect();
    Table { columns, rows, totals: Vec::new() }
}

/// A record kind that adds up as money out and money in (its `[record_kind.totals]` rule).
struct Budget<'k> {
    rule: &'k TotalsRule,
    direction: &'k Field,
    amount: &'k Field,
}

impl<'k> Budget<'k> {
    fn of(kind: &'k RecordKind) -> Option<Budget<'k>> {
        let rule = kind.totals.as_ref()?;
        Some(Budget { rule, direction: kind.field(&rule.direction)?, amount: kind.field(&rule.amount)? })
    }

    fn blocks(&self, kind: &RecordKind, records: &[Record]) -> Vec<Block> {
        let going = |r: &&Record, way: Option<Direction>| self.rule.direction_of(&r.data) == way;
        let expenses: Vec<Record> = records.iter().filter(|r| going(r, Some(Direction::Out))).cloned().collect();
        let income: Vec<Record> = records.iter().filter(|r| going(r, Some(Direction::In))).cloned().collect();
        let others: Vec<Record> = records.iter().filter(|r| going(r, None)).cloned().collect();
        let totals = self.rule.add_up(records);
        let (spent, received) = (totals.money_out, totals.money_in);

        // The direction is the table's heading, so it is not a column; the amount goes last.
        let fields: Vec<&Field> = kind.fields.iter().filter(|f| f.id != self.direction.id).collect();
        let (mut columns, details) = split_columns(kind, &fields);
        columns.retain(|f| f.id != self.amount.id);
        columns.push(self.amount);

        let mut blocks = Vec::new();
        let mut part = |title: &str, lines: &[Record], total: Option<(&str, i64)>| {
            if lines.is_empty() {
                return;
            }
            let mut table = fields_table(&columns, &details, lines, &kind.title_field);
            if let Some((label, cents)) = total {
                let mut row = vec![String::new(); table.columns.len()];
                row[0] = label.to_string();
                *row.last_mut().expect("the amount column") = format::money(cents);
                table.totals.push(row);
            }
            blocks.push(Block::Label { text: title.to_string() });
            blocks.push(Block::Table(table));
        };
        let (total_income, total_expenses) = (text::t("plan.total_income", &[]), text::t("plan.total_expenses", &[]));
        part(&text::t("plan.expenses", &[]), &expenses, Some((&total_expenses, spent)));
        part(&text::t("plan.income", &[]), &income, Some((&total_income, received)));
        part(&text::t("plan.other_lines", &[]), &others, None);

        let gap = totals.gap().saturating_neg();
        let gap_words = if gap < 0 {
            text::t("plan.income_short", &[("amount", &format::money(-gap))])
        } else if gap > 0 {
            text::t("plan.income_exceeds", &[("amount", &format::money(gap))])
        } else {
            text::t("plan.income_balances", &[])
        };
        blocks.push(Block::Label { text: text::t("plan.summary", &[]) });
        blocks.push(Block::Table(Table {
            columns: vec![Column::left(""), Column::right(&text::t("plan.amount", &[]))],
            rows: vec![
                Row { cells: vec![total_income, format::money(received)], details: vec![] },
                Row { cells: vec![total_expenses, format::money(spent)], details: vec![] },
            ],
            totals: vec![vec![text::t("plan.gap", &[]), format::money(gap)]],
        }));
        blocks.push(Block::Paragraph { text: gap_words });
        blocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worksheets::catalog;
    use serde_json::{json, Map};

    fn record(kind: &str, data: Value) -> Record {
        Record {
            id: String::new(),
            coalition_id: String::new(),
            kind: kind.into(),
            position: 0,
            data: data.as_object().cloned().unwrap_or_else(Map::new),
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        }
    }

    fn tables(blocks: &[Block]) -> Vec<&Table> {
        blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
    }

    #[test]
    fn partners_show_short_fields_as_columns_and_the_rest_beneath() {
        let kind = catalog().record_kind("partner").unwrap();
        let partners = vec![record(
            "partner",
            json!({"name": "Library", "sector": "education", "is_member": true, "role": "Hosts meetings",
                   "contact_email": "ana@library.org", "brings": "Rooms"}),
        )];
        let blocks = record_blocks(kind, &partners);
        let table = tables(&blocks)[0];
        let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, vec!["Name", "Sector", "Already a member?", "Role"]);
        assert_eq!(table.rows[0].cells, vec!["Library", "Education", "Yes", "Hosts meetings"]);
        let details: Vec<String> = table.rows[0].details.iter().map(|d| format!("{}: {}", d.label, d.text)).collect();
        assert_eq!(details, vec!["What they bring: Rooms", "Email: ana@library.org"]);

        let mut shared = partners.clone();
        shared[0].data = crate::worksheets::privacy::public_fields(kind, &shared[0].data);
        let private_left_out = record_blocks(kind, &shared);
        let table = tables(&private_left_out)[0];
        assert_eq!(table.rows[0].details.len(), 1, "the email is private");
    }

    #[test]
    fn budgets_split_expenses_and_income_with_totals_and_the_gap() {
        let kind = catalog().record_kind("budget_line").unwrap();
        let lines = vec![
            record("budget_line", json!({"direction": "expense", "description": "Coordinator", "amount": 3_200_000})),
            record("budget_line", json!({"direction": "expense", "description": "Printing", "amount": 50_050})),
            record("budget_line", json!({"direction": "income", "description": "County grant", "amount": 3_000_000})),
        ];
        let blocks = record_blocks(kind, &lines);
        let tables = tables(&blocks);
        assert_eq!(tables.len(), 3);
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[0].totals[0].first().unwrap(), "Total expenses");
        assert_eq!(tables[0].totals[0].last().unwrap(), "$32,500.50");
        assert_eq!(tables[0].columns.last().unwrap().align, Align::Right);
        assert_eq!(tables[1].totals[0].last().unwrap(), "$30,000.00");
        assert_eq!(tables[2].totals[0], vec!["Gap (income minus expenses)", "-$2,500.50"]);
        assert!(blocks.contains(&Block::Paragraph { text: "Income falls $2,500.50 short of expenses.".into() }));
    }

    #[test]
    fn small_kinds_print_every_field_and_skip_empty_columns() {
        let kind = catalog().record_kind("objective").unwrap();
        let objectives = vec![record(
            "objective",
            json!({"what": "Train 40 teachers", "who": "School district", "by_when": "2025-06-30", "measure": "Sign-in sheets"}),
        )];
        let blocks = record_blocks(kind, &objectives);
        let table = tables(&blocks)[0];
        let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, vec!["What", "Who", "By when", "How we will know"], "status is empty everywhere");
        assert_eq!(table.rows[0].cells[2], "30 June 2025");
    }
}
