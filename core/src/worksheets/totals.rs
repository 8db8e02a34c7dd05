//! How a list of money adds up: the lines going out, the lines coming in, and the gap between
//! them. Which field holds the amount and which says the direction is the record kind's
//! `[record_kind.totals]` rule in `records.toml`; the screens and the printed plan both take
//! their totals from here.

use serde::Serialize;
use serde_json::{Map, Value};

use super::catalog::{RecordKind, TotalsRule};
use crate::format;
use crate::model::Record;
use crate::text;

/// Which total a line counts toward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Out,
    In,
}

impl TotalsRule {
    /// The direction a line's money goes, or `None` when it is not set (or not one of the two).
    pub fn direction_of(&self, data: &Map<String, Value>) -> Option<Direction> {
        match data.get(&self.direction).and_then(Value::as_str) {
            Some(id) if id == self.money_out => Some(Direction::Out),
            Some(id) if id == self.money_in => Some(Direction::In),
            _ => None,
        }
    }

    /// A line's amount in cents; nothing counts as zero.
    pub fn cents_of(&self, data: &Map<String, Value>) -> i64 {
        data.get(&self.amount).and_then(Value::as_i64).unwrap_or(0)
    }

    /// Adds up the lines. A line with no direction counts toward neither total.
    pub fn add_up(&self, records: &[Record]) -> Totals {
        let mut totals = Totals { money_out: 0, money_in: 0 };
        for record in records {
            let cents = self.cents_of(&record.data);
            match self.direction_of(&record.data) {
                Some(Direction::Out) => totals.money_out = totals.money_out.saturating_add(cents),
                Some(Direction::In) => totals.money_in = totals.money_in.saturating_add(cents),
                None => {}
            }
        }
        totals
    }
}

/// The two totals, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub money_out: i64,
    pub money_in: i64,
}

impl Totals {
    /// What is still to find: costs minus income. Below zero when income covers the costs.
    pub fn gap(&self) -> i64 {
        self.money_out.saturating_sub(self.money_in)
    }
}

/// The totals as a list screen shows them: the amounts, and each line ready to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownTotals {
    pub money_out: i64,
    pub money_in: i64,
    pub gap: i64,
    /// "Costs $32,500.50"
    pub money_out_text: String,
    /// "Income $30,000.00"
    pub money_in_text: String,
    /// "Still to find: $2,500.50", "Covered, with $500.00 to spare" or "Costs and income match".
    pub gap_text: String,
}

/// The totals of `records` as a screen shows them; `None` for a kind without a totals rule or
/// an empty list.
pub fn shown_totals(kind: &RecordKind, records: &[Record]) -> Option<ShownTotals> {
    let rule = kind.totals.as_ref()?;
    if records.is_empty() {
        return None;
    }
    let totals = rule.add_up(records);
    let gap = totals.gap();
    let gap_text = match gap {
        g if g > 0 => text::t("records.totals_still_to_find", &[("amount", &format::money(g))]),
        g if g < 0 => text::t("records.totals_to_spare", &[("amount", &format::money(g.saturating_neg()))]),
        _ => text::t("records.totals_match", &[]),
    };
    Some(ShownTotals {
        money_out: totals.money_out,
        money_in: totals.money_in,
        gap,
        money_out_text: text::t("records.totals_costs", &[("amount", &format::money(totals.money_out))]),
        money_in_text: text::t("records.totals_income", &[("amount", &format::money(totals.money_in))]),
        gap_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worksheets::catalog;
    use serde_json::json;

    fn line(data: Value) -> Record {
        Record {
            id: String::new(),
            coalition_id: String::new(),
            kind: "budget_line".into(),
            position: 0,
            data: data.as_object().cloned().unwrap(),
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        }
    }

    fn budget() -> &'static RecordKind {
        catalog().record_kind("budget_line").unwrap()
    }

    #[test]
    fn budget_lines_add_up_to_costs_income_and_what_is_still_to_find() {
        let lines = [
            line(json!({"direction": "expense", "description": "Coordinator", "amount": 3_200_000})),
            line(json!({"direction": "expense", "description": "Printing", "amount": 50_050})),
            line(json!({"direction": "income", "description": "County grant", "amount": 3_000_000})),
            line(json!({"description": "Not sure yet", "amount": 99_999})),
        ];
        let shown = shown_totals(budget(), &lines).unwrap();
        assert_eq!((shown.money_out, shown.money_in, shown.gap), (3_250_050, 3_000_000, 250_050));
        assert_eq!(shown.money_out_text, "Costs $32,500.50");
        assert_eq!(shown.money_in_text, "Income $30,000.00");
        assert_eq!(shown.gap_text, "Still to find: $2,500.50");
    }

    #[test]
    fn income_beyond_the_costs_is_money_to_spare() {
        let lines = [
            line(json!({"direction": "expense", "description": "Food", "amount": 10_000})),
            line(json!({"direction": "income", "description": "Dues", "amount": 60_000})),
        ];
        let shown = shown_totals(budget(), &lines).unwrap();
        assert_eq!(shown.gap, -50_000);
        assert_eq!(shown.gap_text, "Covered, with $500.00 to spare");
    }

    #[test]
    fn equal_costs_and_income_match() {
        let lines = [
            line(json!({"direction": "expense", "description": "Food", "amount": 10_000})),
            line(json!({"direction": "income", "description": "Dues", "amount": 10_000})),
        ];
        assert_eq!(shown_totals(budget(), &lines).unwrap().gap_text, "Costs and income match");
    }

    #[test]
    fn lists_without_a_rule_or_without_lines_have_no_totals() {
        assert_eq!(shown_totals(budget(), &[]), None);
        let partners = catalog().record_kind("partner").unwrap();
        assert_eq!(shown_totals(partners, &[line(json!({"name": "Library"}))]), None);
    }

    #[test]
    fn huge_sums_stop_at_the_largest_amount_instead_of_wrapping() {
        let lines = [
            line(json!({"direction": "expense", "description": "A", "amount": i64::MAX})),
            line(json!({"direction": "expense", "description": "B", "amount": i64::MAX})),
            line(json!({"direction": "income", "description": "C", "amount": i64::MAX})),
            line(json!({"direction": "income", "description": "D", "amount": i64::MAX})),
        ];
        let totals = budget().totals.as_ref().unwrap().add_up(&lines);
        assert_eq!(totals.money_out, i64::MAX);
        assert_eq!(totals.gap(), 0);
        let shown = shown_totals(budget(), &lines[..1]).unwrap();
        assert!(shown.gap_text.starts_with("Still to find: $92,233,720,368,547,758.07"), "{}", shown.gap_text);
    }
}
