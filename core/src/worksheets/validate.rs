//! The rules the data files must follow beyond their shape: unique and well-formed ids, known
//! references, and settings that make sense for each kind. Every broken rule is reported (not
//! just the first), each naming its file and question, so a content editor fixes all in one go.

use std::collections::{HashMap, HashSet};

use super::catalog::{
    Catalog, Choice, Field, FieldKind, Question, QuestionKind, RecordKind, SidePanel, SuggestionRule, TotalsRule, Worksheet,
};

const STAGES_FILE: &str = "stages.toml";
const RECORDS_FILE: &str = "records.toml";

/// Checks a parsed catalog. `worksheet_files[i]` is the file worksheet `i` came from.
pub(crate) fn validate(catalog: &Catalog, worksheet_files: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    check_stages(catalog, &mut problems);
    check_record_kinds(&catalog.record_kinds, &mut problems);

    let mut seen_worksheets: HashMap<&str, &str> = HashMap::new();
    for (i, worksheet) in catalog.worksheets.iter().enumerate() {
        let file = worksheet_files.get(i).copied().unwrap_or("(unnamed worksheet file)");
        if let Some(first) = seen_worksheets.insert(&worksheet.id, file) {
            problems.push(format!("{file}: worksheet id “{}” is already used by {first}.", worksheet.id));
        }
        check_worksheet(catalog, file, worksheet, &mut problems);
    }
    problems
}

/// Ids are stored in saved answers and exported files, so they stay plain: lowercase ASCII
/// letters, digits and underscores, starting with a letter.
pub(crate) fn is_id(id: &str) -> bool {
    is_id_with(id, false)
}

/// Worksheet ids may also use '-' (they match their file names, e.g. "who-to-involve").
fn is_worksheet_id(id: &str) -> bool {
    is_id_with(id, true)
}

fn is_id_with(id: &str, dash_allowed: bool) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (dash_allowed && c == '-'))
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn check_stages(catalog: &Catalog, problems: &mut Vec<String>) {
    if catalog.stages.is_empty() {
        problems.push(format!("{STAGES_FILE}: there are no stages."));
    }
    let mut seen = HashSet::new();
    for stage in &catalog.stages {
        let place = format!("{STAGES_FILE}: stage “{}”", stage.id);
        if !is_id(&stage.id) {
            problems.push(format!(
                "{place}: the id must be lowercase letters, digits and underscores, starting with a letter."
            ));
        }
        if !seen.insert(stage.id.as_str()) {
            problems.push(format!("{place}: this id is used more than once."));
        }
        if blank(&stage.title) {
            problems.push(format!("{place}: the title is empty."));
        }
        if blank(&stage.intro) {
            problems.push(format!("{place}: the intro is empty."));
        }
    }
}

fn check_record_kinds(kinds: &[RecordKind], problems: &mut Vec<String>) {
    check_kinds(RECORDS_FILE, "record kind", kinds, problems);
    for kind in kinds {
        let place = format!("{RECORDS_FILE}: record kind “{}”", kind.id);
        if kind.fields.iter().any(|f| f.refers_to.is_some()) {
            problems.push(format!("{place}: only an area's tables have reference fields."));
        }
        if !kind.match_by.is_empty() {
            problems.push(format!("{place}: only an area's tables are matched by fields (match_by)."));
        }
    }
}

/// Checks the tables of the areas (`tables/AREA.toml`, as (file name, tables) pairs): each as a
/// record kind, ids unique among tables and record kinds, references to a table or record kind
/// that exists, and `match_by` naming required fields.
pub(crate) fn validate_tables(catalog: &Catalog, files: &[(&str, &[RecordKind])]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: HashSet<&str> = catalog.record_kinds.iter().map(|k| k.id.as_str()).collect();
    for (file, tables) in files {
        check_kinds(file, "table", tables, &mut problems);
        for table in tables.iter() {
            let place = format!("{file}: table “{}”", table.id);
            if !seen.insert(table.id.as_str()) {
                problems.push(format!("{place}: this id is already a table's or a record kind's."));
            }
            for field in &table.fields {
                if let Some(target) = &field.refers_to {
                    if catalog.record_kind(target).is_none() && catalog.table(target).is_none() {
                        problems.push(format!("{place}, field “{}”: it refers to “{target}”, which is no table or record kind.", field.id));
                    }
                }
            }
            for id in &table.match_by {
                if !table.field(id).is_some_and(|f| f.required) {
                    problems.push(format!("{place}: match_by names “{id}”, which is not one of its required fields."));
                }
            }
        }
    }
    problems
}

/// What record kinds and tables share: plain unique ids, labels, fields and a public title.
fn check_kinds(file: &str, noun: &str, kinds: &[RecordKind], problems: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for kind in kinds {
        let place = format!("{file}: {noun} “{}”", kind.id);
        if !is_id(&kind.id) {
            problems.push(format!(
                "{place}: the id must be lowercase letters, digits and underscores, starting with a letter."
            ));
        }
        if !seen.insert(kind.id.as_str()) {
            problems.push(format!("{place}: this id is used more than once."));
        }
        if blank(&kind.label) || blank(&kind.plural) {
            problems.push(format!("{place}: the label and the plural must not be empty."));
        }
        if kind.fields.is_empty() {
            problems.push(format!("{place}: there are no fields."));
        }
        match kind.fields.iter().find(|f| f.id == kind.title_field) {
            None => problems.push(format!("{place}: the title_field “{}” is not one of its fields.", kind.title_field)),
            // Merge summaries and messages name a record by its title, also in files without
            // private details.
            Some(title) if title.private => {
                problems.push(format!("{place}: the title_field “{}” names the record everywhere, so it can't be private.", kind.title_field))
            }
            Some(_) => {}
        }
        check_fields(&place, "field", &kind.fields, problems);
        if let Some(rule) = &kind.totals {
            check_totals(&place, kind, rule, problems);
        }
    }
}

/// A totals rule names a money field to add up, and a single-choice field with an option for
/// money out and another for money in.
fn check_totals(place: &str, kind: &RecordKind, rule: &TotalsRule, problems: &mut Vec<String>) {
    let place = format!("{place}, totals");
    match kind.field(&rule.amount) {
        None => problems.push(format!("{place}: the amount “{}” is not one of its fields.", rule.amount)),
        Some(f) if f.kind != FieldKind::Money => {
            problems.push(format!("{place}: the amount “{}” must be a money field.", rule.amount))
        }
        Some(_) => {}
    }
    match kind.field(&rule.direction) {
        None => problems.push(format!("{place}: the direction “{}” is not one of its fields.", rule.direction)),
        Some(f) if f.kind != FieldKind::SingleChoice => {
            problems.push(format!("{place}: the direction “{}” must be a single_choice field.", rule.direction))
        }
        Some(f) => {
            for option in [&rule.money_out, &rule.money_in] {
                if !f.options.iter().any(|o| &o.id == option) {
                    problems.push(format!("{place}: “{option}” is not an option of “{}”.", rule.direction));
                }
            }
            if rule.money_out == rule.money_in {
                problems.push(format!("{place}: money_out and money_in must be different options."));
            }
        }
    }
}

fn check_worksheet(catalog: &Catalog, file: &str, worksheet: &Worksheet, problems: &mut Vec<String>) {
    let place = format!("{file}: worksheet “{}”", worksheet.id);
    if !is_worksheet_id(&worksheet.id) {
        problems
            .push(format!("{place}: the id must be lowercase letters, digits, '_' and '-', starting with a letter."));
    }
    if blank(&worksheet.title) {
        problems.push(format!("{place}: the title is empty."));
    }
    if blank(&worksheet.intro) {
        problems.push(format!("{place}: the intro is empty."));
    }
    if catalog.stage(&worksheet.stage).is_none() {
        let known: Vec<&str> = catalog.stages.iter().map(|s| s.id.as_str()).collect();
        problems.push(format!("{place}: unknown stage “{}” (known stages: {}).", worksheet.stage, known.join(", ")));
    }
    if worksheet.steps.is_empty() {
        problems.push(format!("{place}: there are no steps."));
    }

    let mut step_ids = HashSet::new();
    let mut question_ids = HashSet::new();
    for step in &worksheet.steps {
        let step_place = format!("{file}: step “{}”", step.id);
        if !is_id(&step.id) {
            problems.push(format!(
                "{step_place}: the id must be lowercase letters, digits and underscores, starting with a letter."
            ));
        }
        if !step_ids.insert(step.id.as_str()) {
            problems.push(format!("{step_place}: this step id is used more than once in the worksheet."));
        }
        if blank(&step.title) {
            problems.push(format!("{step_place}: the title is empty."));
        }
        for question in &step.questions {
            let q_place = format!("{file}: question “{}”", question.id);
            if !question_ids.insert(question.id.as_str()) {
                problems.push(format!("{q_place}: this question id is used more than once in the worksheet."));
            }
            check_question(catalog, &q_place, question, problems);
        }
    }
    check_suggestion(file, worksheet, problems);
}

/// A question with the "suggestion" side panel and the worksheet's `[suggestion]` come
/// together. The rule's weights go to options of that question, and every option of every
/// factor question has exactly one entry, so no answer is silently worth nothing.
fn check_suggestion(file: &str, worksheet: &Worksheet, problems: &mut Vec<String>) {
    let place = format!("{file}: suggestion");
    let targets: Vec<&Question> =
        worksheet.questions().filter(|q| q.side_panel == Some(SidePanel::Suggestion)).collect();
    let rule = match (&worksheet.suggestion, targets.as_slice()) {
        (None, []) => return,
        (None, [q, ..]) => {
            return problems.push(format!(
                "{file}: question “{}”: its side panel is “suggestion”, but the worksheet has no [suggestion].",
                q.id
            ))
        }
        (Some(_), []) => {
            return problems.push(format!("{place}: no question has side_panel = \"suggestion\" to show it."))
        }
        (Some(_), [_, _, ..]) => {
            return problems.push(format!("{place}: only one question can show the suggestion beside it."))
        }
        (Some(rule), [_]) => rule,
    };
    let target = targets[0];
    if !matches!(target.kind, QuestionKind::SingleChoice | QuestionKind::MultiChoice) {
        return problems.push(format!(
            "{place}: it suggests options of “{}”, so that must be a choice question.",
            target.id
        ));
    }
    check_suggestion_rule(&place, worksheet, target, rule, problems);
}

fn check_suggestion_rule(
    place: &str,
    worksheet: &Worksheet,
    target: &Question,
    rule: &SuggestionRule,
    problems: &mut Vec<String>,
) {
    let is_target_option = |id: &str| target.options.iter().any(|o| o.id == id);
    if blank(&rule.title) {
        problems.push(format!("{place}: the title is empty."));
    }
    if blank(&rule.start_reason) {
        problems.push(format!("{place}: start_reason is empty."));
    }
    if rule.start_with.is_empty() {
        problems.push(format!("{place}: start_with names nothing to suggest before any answer."));
    }
    for id in rule.start_with.iter().filter(|id| !is_target_option(id)) {
        problems.push(format!("{place}: start_with names “{id}”, which is not an option of “{}”.", target.id));
    }

    let mut seen = HashSet::new();
    let mut factor_questions: Vec<&Question> = Vec::new();
    for factor in &rule.factors {
        let at = format!("{place}, factor “{}” = “{}”", factor.question, factor.answer);
        let Some(question) = worksheet.question(&factor.question).filter(|q| q.id != target.id) else {
            problems.push(format!("{at}: there is no such question in this worksheet to take answers from."));
            continue;
        };
        if question.kind != QuestionKind::SingleChoice {
            problems.push(format!("{at}: factor questions must be single_choice."));
            continue;
        }
        if !factor_questions.iter().any(|q| q.id == question.id) {
            factor_questions.push(question);
        }
        if !question.options.iter().any(|o| o.id == factor.answer) {
            problems.push(format!("{at}: “{}” is not an option of that question.", factor.answer));
        }
        if !seen.insert((factor.question.as_str(), factor.answer.as_str())) {
            problems.push(format!("{at}: this answer is listed more than once."));
        }
        if blank(&factor.reason) {
            problems.push(format!("{at}: the reason is empty."));
        }
        if factor.weights.is_empty() {
            problems.push(format!("{at}: it has no weights."));
        }
        for option in factor.weights.keys().filter(|id| !is_target_option(id)) {
            problems.push(format!("{at}: a weight for “{option}”, which is not an option of “{}”.", target.id));
        }
    }
    for question in factor_questions {
        for option in question.options.iter().filter(|o| !seen.contains(&(question.id.as_str(), o.id.as_str()))) {
            problems.push(format!(
                "{place}: the answer “{}” to “{}” has no entry, so it would count for nothing.",
                option.id, question.id
            ));
        }
    }
}

fn check_question(catalog: &Catalog, place: &str, q: &Question, problems: &mut Vec<String>) {
    let mut problem = |text: String| problems.push(format!("{place}: {text}"));
    if !is_id(&q.id) {
        problem("the id must be lowercase letters, digits and underscores, starting with a letter.".into());
    }
    if blank(&q.prompt) {
        problem("the prompt is empty.".into());
    }

    let is_choice = matches!(q.kind, QuestionKind::SingleChoice | QuestionKind::MultiChoice);
    if is_choice {
        for text in option_problems(&q.options) {
            problem(text);
        }
    } else {
        if !q.options.is_empty() {
            problem("it has options, but only choice questions use them.".into());
        }
        if q.allow_other {
            problem("allow_other is set, but only choice questions use it.".into());
        }
    }

    match (q.kind, &q.record) {
        (QuestionKind::Records, None) => problem("a records question must name its record kind in `record`.".into()),
        (QuestionKind::Records, Some(kind)) if catalog.record_kind(kind).is_none() => {
            let known: Vec<&str> = catalog.record_kinds.iter().map(|k| k.id.as_str()).collect();
            problem(format!("unknown record kind “{kind}” (known kinds: {}).", known.join(", ")));
        }
        (QuestionKind::Records, Some(_)) => {}
        (_, Some(_)) => problem("it names a record kind, but only records questions use one.".into()),
        (_, None) => {}
    }

    if q.kind == QuestionKind::Records && q.private {
        problem("a records question can't be private: mark the private fields of its record kind instead.".into());
    }

    if q.kind == QuestionKind::Table {
        if q.columns.is_empty() {
            problem("a table needs at least one column.".into());
        }
    } else if !q.columns.is_empty() {
        problem("it has columns, but only table questions use them.".into());
    }

    if matches!(q.kind, QuestionKind::Number | QuestionKind::Money) {
        if q.min.is_some_and(|m| !m.is_finite()) || q.max.is_some_and(|m| !m.is_finite()) {
            problem("min and max must be ordinary numbers.".into());
        }
        if let (Some(min), Some(max)) = (q.min, q.max) {
            if min > max {
                problem(format!("min ({min}) is larger than max ({max})."));
            }
        }
    } else if q.min.is_some() || q.max.is_some() {
        problem("it has min or max, but only number and money questions use them.".into());
    }

    if q.kind == QuestionKind::Rating {
        if !(q.scale.is_empty() || q.scale.len() == 2) {
            problem(format!(
                "a rating scale names what 1 and 5 mean, so it needs 0 or 2 labels, not {}.",
                q.scale.len()
            ));
        }
    } else if !q.scale.is_empty() {
        problem("it has a scale, but only rating questions use one.".into());
    }

    check_fields(place, "column", &q.columns, problems);
}

/// Checks table columns or record fields; `noun` says which, for the messages.
fn check_fields(place: &str, noun: &str, fields: &[Field], problems: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for field in fields {
        let field_place = format!("{place}, {noun} “{}”", field.id);
        if !is_id(&field.id) {
            problems.push(format!(
                "{field_place}: the id must be lowercase letters, digits and underscores, starting with a letter."
            ));
        }
        if !seen.insert(field.id.as_str()) {
            problems.push(format!("{field_place}: this id is used more than once."));
        }
        if blank(&field.label) {
            problems.push(format!("{field_place}: the label is empty."));
        }
        if matches!(field.kind, FieldKind::Email | FieldKind::Phone) && !field.private {
            problems.push(format!(
                "{field_place}: e-mail addresses and phone numbers are personal, so this {noun} must be marked private = true."
            ));
        }
        let refers = matches!(field.kind, FieldKind::Reference | FieldKind::References);
        if refers != field.refers_to.is_some() {
            problems.push(format!("{field_place}: reference fields, and only they, name the table they refer to (refers_to)."));
        }
        if field.kind == FieldKind::SingleChoice {
            for text in option_problems(&field.options) {
                problems.push(format!("{field_place}: {text}"));
            }
        } else if !field.options.is_empty() {
            problems.push(format!("{field_place}: it has options, but only single_choice fields use them."));
        }
    }
}

fn option_problems(options: &[Choice]) -> Vec<String> {
    let mut problems = Vec::new();
    if options.len() < 2 {
        problems.push(format!("a choice needs at least 2 options, and this one has {}.", options.len()));
    }
    let mut seen = HashSet::new();
    for option in options {
        if !is_id(&option.id) {
            problems.push(format!(
                "option “{}”: the id must be lowercase letters, digits and underscores, starting with a letter.",
                option.id
            ));
        }
        if !seen.insert(option.id.as_str()) {
            problems.push(format!("option “{}” is listed more than once.", option.id));
        }
        if blank(&option.label) {
            problems.push(format!("option “{}” has an empty label.", option.id));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_lowercase() {
        for good in ["a", "shared_purpose", "q2"] {
            assert!(is_id(good), "{good}");
        }
        for bad in ["", "2q", "_a", "Shared", "who-to-involve", "é", "a b"] {
            assert!(!is_id(bad), "{bad}");
        }
        assert!(is_worksheet_id("who-to-involve"));
        assert!(!is_worksheet_id("-who"));
    }

    #[test]
    fn options_need_two_unique_well_formed_ids() {
        let option = |id: &str| Choice { id: id.into(), label: "L".into(), hint: String::new() };
        assert!(option_problems(&[option("a"), option("b")]).is_empty());
        assert_eq!(option_problems(&[option("a")]).len(), 1);
        assert_eq!(option_problems(&[option("a"), option("a")]).len(), 1);
        assert_eq!(option_problems(&[option("a"), option("B")]).len(), 1);
    }
}
