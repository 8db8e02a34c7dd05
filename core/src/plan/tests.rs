//! Plan tests. Most read the plan model (pure Rust, no PDF); a few render the PDF and read it
//! back with `pdftotext` and check it with `qpdf`. The test command installs both and requires
//! them (see `crate::test_tools`); elsewhere those parts are skipped when a tool is missing.

use std::path::Path;

use rusqlite::Connection;
use serde_json::{json, Map, Value};

use super::*;
use crate::db::open_in_memory;
use crate::model::CoalitionFields;
use crate::pdf::{lay_out, Block, Theme, PLACEHOLDER};
use crate::store::records::create_record;
use crate::test_tools::run_tool;

const MADE_ON: &str = "31 March 2025";

/// A tiny catalog with one of each thing the plan treats specially.
fn fixture_catalog() -> Catalog {
    serde_json::from_value(json!({
        "stages": [{"id": "frame", "title": "Frame"}, {"id": "people", "title": "People"}, {"id": "review", "title": "Review"}],
        "worksheets": [
            {"id": "vision", "title": "Vision", "stage": "frame", "intro": "", "steps": [
                {"id": "statement", "title": "Our vision", "questions": [
                    {"id": "words", "kind": "short_text", "prompt": "A few words?", "label": "In a few words"},
                    {"id": "vision", "kind": "long_text", "prompt": "Your dream?", "label": "Vision statement", "required": true}
                ]},
                {"id": "check", "title": "Check your vision", "questions": [
                    {"id": "easy", "kind": "rating", "prompt": "Easy?", "label": "Easy to pass on", "scale": ["Hard", "Easy"]},
                    {"id": "started", "kind": "date", "prompt": "When?", "label": "Written on"},
                    {"id": "cost", "kind": "money", "prompt": "Cost?", "label": "Cost"},
                    {"id": "people", "kind": "number", "prompt": "How many?", "label": "People asked"}
                ]}
            ]},
            {"id": "people", "title": "Who to involve", "stage": "people", "intro": "", "steps": [
                {"id": "who", "title": "Partners", "questions": [
                    {"id": "partners", "kind": "records", "record": "partner", "prompt": "Who?", "label": "Partners"},
                    {"id": "sectors", "kind": "multi_choice", "prompt": "Sectors?", "label": "Sectors", "allow_other": true,
                     "options": [{"id": "health", "label": "Health"}, {"id": "schools", "label": "Schools"}]},
                    {"id": "main", "kind": "single_choice", "prompt": "Main?", "label": "Main sector",
                     "options": [{"id": "health", "label": "Health"}]},
                    {"id": "places", "kind": "list", "prompt": "Where?", "label": "Places to look"},
                    {"id": "roles", "kind": "table", "prompt": "Roles?", "label": "Open roles", "columns": [
                        {"id": "role", "label": "Role", "kind": "short_text"},
                        {"id": "soon", "label": "Needed soon?", "kind": "yes_no"},
                        {"id": "phone", "label": "Phone", "kind": "phone", "private": true}
                    ]}
                ]}
            ]},
            {"id": "budget", "title": "Budget", "stage": "people", "intro": "", "steps": [
                {"id": "lines", "title": "Lines", "questions": [
                    {"id": "lines", "kind": "records", "record": "budget_line", "prompt": "Money?", "label": "Budget lines"}
                ]}
            ]},
            {"id": "review", "title": "Review", "stage": "review", "intro": "", "steps": [
                {"id": "when", "title": "When", "questions": [
                    {"id": "reviewed_by", "kind": "short_text", "prompt": "Who?", "label": "Reviewed by"}
                ]},
                {"id": "areas", "title": "Areas", "questions": [
                    {"id": "rating_leadership", "kind": "rating", "prompt": "Led?", "label": "Leadership: rating", "area": "Leadership", "scale": ["Needs work", "Very well"]},
                    {"id": "note_leadership", "kind": "long_text", "prompt": "Notes?", "label": "Leadership: notes"},
                    {"id": "rating_funding", "kind": "rating", "prompt": "Money?", "label": "Funding: rating", "area": "Funding", "scale": ["Needs work", "Very well"]},
                    {"id": "note_funding", "kind": "long_text", "prompt": "Notes?", "label": "Funding: notes"}
                ]}
            ]}
        ],
        "record_kinds": [
            {"id": "partner", "label": "Partner", "plural": "Partners", "title_field": "name", "fields": [
                {"id": "name", "label": "Name", "kind": "short_text", "required": true},
                {"id": "is_member", "label": "Member?", "kind": "yes_no"},
                {"id": "role", "label": "Role", "kind": "short_text"},
                {"id": "email", "label": "Email", "kind": "email", "private": true}
            ]},
            {"id": "budget_line", "label": "Budget line", "plural": "Budget lines", "title_field": "description", "fields": [
                {"id": "direction", "label": "In or out", "kind": "single_choice", "required": true,
                 "options": [{"id": "expense", "label": "Expense"}, {"id": "income", "label": "Income"}]},
                {"id": "description", "label": "Description", "kind": "short_text", "required": true},
                {"id": "amount", "label": "Amount", "kind": "money", "required": true}
            ], "totals": {"amount": "amount", "direction": "direction", "money_out": "expense", "money_in": "income"}}
        ]
    }))
    .expect("the fixture catalog is well formed")
}

fn obj(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

fn new_coalition(conn: &Connection, name: &str) -> String {
    coalitions::create_coalition(
        conn,
        &CoalitionFields {
            name: name.into(),
            focus: "Youth mental health".into(),
            start_date: Some("2024-09-01".into()),
            prepared_by: "Dana Whitfield".into(),
        },
    )
    .unwrap()
    .id
}

/// The fixture coalition: every kind of answer, partners, a budget and review ratings.
fn fixture(conn: &Connection) -> String {
    let id = new_coalition(conn, "Harbor Youth Coalition");
    let answer = |w: &str, q: &str, v: Value| {
        answers::upsert_answer(conn, &id, w, q, &v).unwrap();
    };
    answer("vision", "vision", json!("Every young person feels connected and hopeful."));
    answer("vision", "words", json!("Connected and hopeful"));
    answer("vision", "easy", json!(4));
    answer("vision", "started", json!("2025-03-31"));
    answer("vision", "cost", json!(-5000));
    answer("vision", "people", json!(1234.5));
    answer("people", "sectors", json!({"choices": ["health", "other"], "other": "Parents"}));
    answer("people", "main", json!({"choice": "health"}));
    answer("people", "places", json!(["Library", "Sports clubs"]));
    answer("people", "roles", json!([{"role": "Treasurer", "soon": true, "phone": "555-0100"}, {"role": "Secretary", "soon": false}]));
    answer("review", "reviewed_by", json!("The steering committee"));
    answer("review", "rating_leadership", json!(4));
    answer("review", "note_leadership", json!("Good meetings."));
    answer("review", "note_funding", json!("One grant only."));
    for (name, member, email) in [("Library", true, "ana@library.org"), ("Clinic", false, "")] {
        let mut data = obj(json!({"name": name, "is_member": member, "role": "Hosts meetings"}));
        if !email.is_empty() {
            data.insert("email".into(), json!(email));
        }
        create_record(conn, &id, "partner", &data).unwrap();
    }
    for (direction, description, cents) in [("expense", "Coordinator", 3_200_000), ("expense", "Printing", 50_050), ("income", "County grant", 3_000_000)] {
        create_record(conn, &id, "budget_line", &obj(json!({"direction": direction, "description": description, "amount": cents}))).unwrap();
    }
    id
}

fn plan_text(conn: &Connection, catalog: &Catalog, id: &str, settings: &PlanSettings) -> String {
    build_plan(conn, catalog, id, settings, MADE_ON).unwrap().to_text()
}

#[test]
fn the_fixture_plan_matches_its_snapshot() {
    let conn = open_in_memory().unwrap();
    let id = fixture(&conn);
    let text = plan_text(&conn, &fixture_catalog(), &id, &PlanSettings::default());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/plan/snapshots/fixture_plan.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(text, expected, "run with UPDATE_SNAPSHOTS=1 to accept the new plan text");
}

#[test]
fn values_are_formatted_for_people() {
    let conn = open_in_memory().unwrap();
    let id = fixture(&conn);
    let text = plan_text(&conn, &fixture_catalog(), &id, &PlanSettings::default());
    for expected in [
        "4 of 5 (1 = Hard, 5 = Easy)",
        "31 March 2025",
        "-$50.00",
        "1,234.5",
        "- Health\n- Other: Parents",
        "Health",
        "- Library\n- Sports clubs",
        "| Role | Needed soon? | Phone |",
        "| Treasurer | Yes | 555-0100 |",
        "| Secretary | No |  |",
        "| Leadership | 4 of 5 | Good meetings. |",
        "| Funding |  | One grant only. |",
        "Ratings run from 1 (Needs work) to 5 (Very well).",
        "| Total expenses | $32,500.50 |",
        "| Gap (income minus expenses) | -$2,500.50 |",
        "Member organizations: Library",
        "Our vision: Every young person feels connected and hopeful.",
        "Prepared by: Dana Whitfield",
        "Made on: 31 March 2025",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert!(!text.contains("Leadership: rating"), "ratings go in the table, not as questions");
}

#[test]
fn private_fields_print_unless_left_out() {
    let conn = open_in_memory().unwrap();
    let id = fixture(&conn);
    let catalog = fixture_catalog();
    let all = plan_text(&conn, &catalog, &id, &PlanSettings::default());
    assert!(all.contains("ana@library.org") && all.contains("555-0100"));
    let shared = plan_text(&conn, &catalog, &id, &PlanSettings { leave_out_private: true, ..Default::default() });
    assert!(!shared.contains("ana@library.org") && !shared.contains("555-0100"), "{shared}");
    assert!(shared.contains("Treasurer"));
}

#[test]
fn an_empty_coalition_says_each_worksheet_is_not_done_yet() {
    let conn = open_in_memory().unwrap();
    let id = new_coalition(&conn, "Brand New Coalition");
    let catalog = fixture_catalog();
    let doc = build_plan(&conn, &catalog, &id, &PlanSettings::default(), MADE_ON).unwrap();
    assert_eq!(doc.sections.len(), catalog.worksheets.len());
    for section in &doc.sections {
        assert_eq!(section.blocks, vec![Block::Note { text: not_done() }], "{}", section.title);
    }
    assert!(doc.cover.statement.is_none() && doc.cover.list.is_none());

    let leave_out = PlanSettings { leave_out_unanswered: true, ..Default::default() };
    let doc = build_plan(&conn, &catalog, &id, &leave_out, MADE_ON).unwrap();
    assert!(doc.sections.is_empty());
    // It still makes a valid PDF: cover and contents.
    let bytes = render_plan_with(&conn, &catalog, &id, &leave_out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
}

#[test]
fn a_deleted_or_unknown_coalition_is_not_found() {
    let conn = open_in_memory().unwrap();
    let id = new_coalition(&conn, "Gone");
    coalitions::delete_coalition(&conn, &id).unwrap();
    let catalog = fixture_catalog();
    assert_eq!(render_plan_with(&conn, &catalog, &id, &PlanSettings::default()).unwrap_err().kind(), "not_found");
    assert_eq!(render_plan_with(&conn, &catalog, "nope", &PlanSettings::default()).unwrap_err().kind(), "not_found");
}

// ---- the example coalition and the real worksheets ----

/// Text that the plan must contain for a stored value, independent of the plan's own code:
/// the raw strings inside it (option ids are looked up by label in the catalog).
fn expected_texts(question_or_field_options: &[crate::worksheets::Choice], value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => match question_or_field_options.iter().find(|o| &o.id == s) {
            Some(option) => out.push(option.label.clone()),
            None if crate::time::parse_date(s).is_some() => {
                out.push(crate::time::parse_date(s).unwrap().format("%-d %B %Y").to_string());
            }
            None => out.extend(s.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(String::from)),
        },
        Value::Array(items) => items.iter().for_each(|v| expected_texts(question_or_field_options, v, out)),
        Value::Object(map) => map.values().for_each(|v| expected_texts(question_or_field_options, v, out)),
        _ => {}
    }
}

/// Every text an example answer or record holds, with where it came from.
fn example_texts(conn: &Connection, id: &str, catalog: &Catalog) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for answer in answers::list_answers(conn, id).unwrap() {
        let question = catalog.question(&answer.worksheet_id, &answer.question_id).unwrap();
        let mut texts = Vec::new();
        match &answer.value {
            Value::Array(rows) if !question.columns.is_empty() => {
                for row in rows {
                    for column in &question.columns {
                        if let Some(v) = row.get(&column.id) {
                            expected_texts(&column.options, v, &mut texts);
                        }
                    }
                }
            }
            value => expected_texts(&question.options, value, &mut texts),
        }
        let at = format!("{}/{}", answer.worksheet_id, answer.question_id);
        out.extend(texts.into_iter().map(|t| (at.clone(), t)));
    }
    for kind in &catalog.record_kinds {
        for record in crate::store::records::list_records(conn, id, &kind.id).unwrap() {
            for field in &kind.fields {
                if kind.id == "budget_line" && field.id == "direction" {
                    continue; // Shown by which table a line is in (Expenses or Income).
                }
                let mut texts = Vec::new();
                if let Some(v) = record.data.get(&field.id) {
                    expected_texts(&field.options, v, &mut texts);
                }
                out.extend(texts.into_iter().map(|t| (format!("{}.{}", kind.id, field.id), t)));
            }
        }
    }
    out
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_answer_and_record_of_the_example_is_in_the_plan() {
    let conn = open_in_memory().unwrap();
    let id = crate::example::create_example_coalition(&conn).unwrap().id;
    let catalog = worksheets::catalog();
    let text = squash(&plan_text(&conn, catalog, &id, &PlanSettings::default()));
    let expected = example_texts(&conn, &id, catalog);
    assert!(expected.len() > 100, "the example has plenty to check ({})", expected.len());
    for (at, snippet) in expected {
        assert!(text.contains(&squash(&snippet)), "{at}: {snippet:?} is not in the plan");
    }
}

/// The PDF's text as `pdftotext` reads it (pages separated by a form feed), or None when
/// poppler's tools are not installed and not required.
fn pdftotext(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = run_tool("pdftotext", &[Path::new("-enc"), Path::new("UTF-8"), path.as_path(), Path::new("-")])?;
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

/// `qpdf --check`, skipped only when qpdf is not installed and not required.
fn qpdf_check(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, bytes).unwrap();
    if let Some(out) = run_tool("qpdf", &[Path::new("--check"), path.as_path()]) {
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "qpdf --check: {report}{}", String::from_utf8_lossy(&out.stderr));
        assert!(report.contains("No syntax or stream encoding errors"), "{report}");
    }
}

#[test]
fn the_example_pdf_is_valid_and_every_answer_can_be_read_back_from_it() {
    let conn = open_in_memory().unwrap();
    let id = crate::example::create_example_coalition(&conn).unwrap().id;
    let bytes = render_plan(&conn, &id, &PlanSettings::default()).unwrap();
    qpdf_check(&bytes);
    let Some(extracted) = pdftotext(&bytes) else { return };
    let words: std::collections::HashSet<&str> = extracted.split_whitespace().collect();
    let squashed = squash(&extracted);
    for (at, snippet) in example_texts(&conn, &id, worksheets::catalog()) {
        // Paragraphs read back whole; table cells may interleave with their neighbours when
        // wrapped, so for those every word must be there.
        if squashed.contains(&squash(&snippet)) {
            continue;
        }
        for word in snippet.split_whitespace() {
            assert!(words.contains(word), "{at}: {word:?} of {snippet:?} is not in the PDF's text");
        }
    }
    for heading in ["Contents", "Harbor County Youth Wellbeing Coalition"] {
        assert!(extracted.contains(heading), "{heading}");
    }
    // The cover has no footer; every other page says which page it is, out of how many.
    let pages: Vec<&str> = extracted.split('\u{c}').filter(|page| !page.trim().is_empty()).collect();
    let total = pages.len();
    assert!(total > 5, "{total} pages");
    assert!(!pages[0].contains("Page 1 of"), "the cover has no page number: {}", pages[0]);
    for (index, page) in pages.iter().enumerate().skip(1) {
        let number = format!("Page {} of {total}", index + 1);
        assert!(page.contains(&number), "page {} does not say {number:?}: {page}", index + 1);
    }
}

#[test]
fn a_hundred_thousand_character_answer_flows_across_pages() {
    let conn = open_in_memory().unwrap();
    let id = new_coalition(&conn, "Long Answers");
    let sentence = "We met with parents, teachers and young people in every town to hear what they need. ";
    let long: String = sentence.repeat(100_000 / sentence.len() + 1).chars().take(100_000).collect();
    answers::upsert_answer(&conn, &id, "vision", "words", &json!(long.clone())).unwrap();
    let catalog = fixture_catalog();
    let doc = build_plan(&conn, &catalog, &id, &PlanSettings::default(), MADE_ON).unwrap();
    let theme = Theme::default();
    let layout = lay_out(&doc, &theme);
    assert!(layout.pages.len() > 25, "{} pages", layout.pages.len());
    // Count a word rather than a phrase: a phrase may be split by a page's footer.
    let printed: String = layout.pages.iter().map(|p| p.text()).collect();
    let sentences = long.matches("parents,").count();
    assert_eq!(printed.matches("parents,").count(), sentences);
    let bytes = crate::pdf::render(&doc, &layout, &theme).unwrap().bytes;
    qpdf_check(&bytes);
    if let Some(extracted) = pdftotext(&bytes) {
        assert_eq!(extracted.matches("parents,").count(), sentences);
    }
}

#[test]
fn other_scripts_print_as_themselves_and_missing_ones_as_the_placeholder() {
    let conn = open_in_memory().unwrap();
    let id = new_coalition(&conn, "Coalición “Maíz” — Ελλάδα");
    let covered = "Привет, соседи! Καλημέρα. Café naïve façade, Zürich, Łódź — “curly” ‘quotes’ …";
    let uncovered = "Tokyo 東京 and a thumbs up 👍 here";
    answers::upsert_answer(&conn, &id, "vision", "vision", &json!(covered)).unwrap();
    answers::upsert_answer(&conn, &id, "vision", "words", &json!(uncovered)).unwrap();
    let catalog = fixture_catalog();
    let doc = build_plan(&conn, &catalog, &id, &PlanSettings::default(), MADE_ON).unwrap();
    let theme = Theme::default();
    let layout = lay_out(&doc, &theme);
    assert_eq!(layout.missing_glyphs, 3, "東, 京 and 👍");
    let printed: String = layout.pages.iter().map(|p| p.text()).collect();
    let p = PLACEHOLDER;
    let shown = format!("Tokyo {p}{p} and a thumbs up {p} here");
    assert!(squash(&printed).contains(&squash(covered)), "{printed}");
    assert!(printed.contains(&shown), "{printed}");
    let bytes = crate::pdf::render(&doc, &layout, &theme).unwrap().bytes;
    qpdf_check(&bytes);
    if let Some(extracted) = pdftotext(&bytes) {
        let extracted = squash(&extracted);
        assert!(extracted.contains(&squash(covered)), "{extracted}");
        assert!(extracted.contains(&shown), "{extracted}");
        assert!(extracted.contains("Coalición “Maíz” — Ελλάδα"), "{extracted}");
    }
}

#[test]
fn the_large_coalition_prints_every_partner_and_budget_line_in_about_eighty_pages() {
    let conn = open_in_memory().unwrap();
    let id = large::create_large_coalition(&conn).unwrap().id;
    let doc = build_plan(&conn, worksheets::catalog(), &id, &PlanSettings::default(), MADE_ON).unwrap();
    let theme = Theme::default();
    let layout = lay_out(&doc, &theme);
    assert!((60..=110).contains(&layout.pages.len()), "{} pages", layout.pages.len());
    let lines: std::collections::HashSet<String> =
        layout.pages.iter().flat_map(|p| p.text().lines().map(String::from).collect::<Vec<_>>()).collect();
    for i in 1..=large::PARTNERS {
        assert!(lines.contains(&format!("Partner {i}")), "partner {i}");
    }
    for i in 1..=large::BUDGET_LINES {
        assert!(lines.contains(&format!("Budget line {i}")), "budget line {i}");
    }
    let bytes = crate::pdf::render(&doc, &layout, &theme).unwrap().bytes;
    qpdf_check(&bytes);
}
