//! The worksheet engine seen from outside: the embedded catalog, the validator's rules, and
//! answers and records going through the checks into the store and back.

use std::collections::HashMap;

use common_ground_core::db::open_in_memory;
use common_ground_core::model::CoalitionFields;
use common_ground_core::store::answers::{get_answer, list_answers, upsert_answer};
use common_ground_core::store::coalitions::create_coalition;
use common_ground_core::store::records::{create_record, get_record};
use common_ground_core::store::MAX_TEXT_CHARS;
use common_ground_core::worksheets::*;
use serde_json::{json, Map, Value};

// ------------------------------------------------------------------------------------------------
// A tiny catalog with one question of every kind and a record kind with every field kind.

const STAGES: &str = r#"
[[stage]]
id = "frame"
title = "Frame"
intro = "Why we are here."
"#;

const RECORDS: &str = r#"
[[record_kind]]
id = "thing"
label = "Thing"
plural = "Things"
title_field = "name"

[[record_kind.fields]]
id = "name"
label = "Name"
kind = "short_text"
required = true

[[record_kind.fields]]
id = "story"
label = "Story"
kind = "long_text"

[[record_kind.fields]]
id = "color"
label = "Color"
kind = "single_choice"
options = [{ id = "red", label = "Red" }, { id = "blue", label = "Blue" }]

[[record_kind.fields]]
id = "ok"
label = "OK?"
kind = "yes_no"

[[record_kind.fields]]
id = "stars"
label = "Stars"
kind = "rating"

[[record_kind.fields]]
id = "count"
label = "Count"
kind = "number"

[[record_kind.fields]]
id = "cost"
label = "Cost"
kind = "money"

[[record_kind.fields]]
id = "when"
label = "When"
kind = "date"

[[record_kind.fields]]
id = "email"
label = "Email"
kind = "email"
private = true

[[record_kind.fields]]
id = "phone"
label = "Phone"
kind = "phone"
private = true
"#;

const EVERY_KIND: &str = r#"
id = "every-kind"
title = "Every kind"
stage = "frame"
intro = "One question of each kind."

[[steps]]
id = "all"
title = "All kinds"

[[steps.questions]]
id = "short"
kind = "short_text"
prompt = "A name"
required = true

[[steps.questions]]
id = "long"
kind = "long_text"
prompt = "A story"

[[steps.questions]]
id = "items"
kind = "list"
prompt = "Some items"

[[steps.questions]]
id = "one"
kind = "single_choice"
prompt = "Pick one"
allow_other = true
options = [{ id = "a", label = "A" }, { id = "b", label = "B" }]

[[steps.questions]]
id = "many"
kind = "multi_choice"
prompt = "Pick some"
allow_other = true
options = [{ id = "a", label = "A" }, { id = "b", label = "B" }, { id = "c", label = "C" }]

[[steps.questions]]
id = "stars"
kind = "rating"
prompt = "How good"
scale = ["Poor", "Great"]

[[steps.questions]]
id = "count"
kind = "number"
prompt = "How many"
min = 0
max = 1000

[[steps.questions]]
id = "budget"
kind = "money"
prompt = "Budget"

[[steps.questions]]
id = "start"
kind = "date"
prompt = "Start date"

[[steps.questions]]
id = "grid"
kind = "table"
prompt = "A table"
columns = [
    { id = "text", label = "Text", kind = "short_text", required = true },
    { id = "notes", label = "Notes", kind = "long_text" },
    { id = "pick", label = "Pick", kind = "single_choice", options = [{ id = "x", label = "X" }, { id = "y", label = "Y" }] },
    { id = "yes", label = "Yes?", kind = "yes_no" },
    { id = "stars", label = "Stars", kind = "rating" },
    { id = "count", label = "Count", kind = "number" },
    { id = "cost", label = "Cost", kind = "money" },
    { id = "when", label = "When", kind = "date" },
    { id = "email", label = "Email", kind = "email", private = true },
    { id = "phone", label = "Phone", kind = "phone", private = true },
]

[[steps.questions]]
id = "things"
kind = "records"
prompt = "Our things"
record = "thing"
"#;

fn fixture() -> Catalog {
    parse_catalog(STAGES, RECORDS, &[("01-every-kind.toml", EVERY_KIND)])
        .unwrap_or_else(|problems| panic!("fixture is invalid:\n{}", problems.join("\n")))
}

fn question<'a>(catalog: &'a Catalog, id: &str) -> &'a Question {
    catalog.question("every-kind", id).unwrap()
}

/// The error message for a value the question must refuse.
fn refused(catalog: &Catalog, question_id: &str, value: Value) -> String {
    match check_answer(question(catalog, question_id), &value) {
        Err(err) => {
            assert_eq!(err.kind(), "invalid", "{err:?}");
            err.to_string()
        }
        Ok(kept) => panic!("{question_id}: {value} should be refused, but was kept as {kept:?}"),
    }
}

/// Problems the validator reports for a catalog made of the fixture stages and records plus
/// the given worksheet files.
fn problems(worksheets: &[(&str, &str)]) -> Vec<String> {
    match parse_catalog(STAGES, RECORDS, worksheets) {
        Ok(_) => panic!("expected problems"),
        Err(problems) => problems,
    }
}

fn small_worksheet(id: &str, question: &str) -> String {
    format!(
        "id = \"{id}\"\ntitle = \"T\"\nstage = \"frame\"\nintro = \"I\"\n\n[[steps]]\nid = \"s\"\ntitle = \"S\"\n\n{question}"
    )
}

// ------------------------------------------------------------------------------------------------
// The embedded catalog.

#[test]
fn embedded_catalog_parses_and_validates() {
    if let Err(problems) = parse_catalog(EMBEDDED_STAGES, EMBEDDED_RECORDS, EMBEDDED_WORKSHEETS) {
        panic!("the worksheet data files have problems:\n{}", problems.join("\n"));
    }
    let catalog = catalog();
    assert_eq!(catalog.worksheets.len(), EMBEDDED_WORKSHEETS.len());
    let mut names: Vec<&str> = EMBEDDED_WORKSHEETS.iter().map(|(name, _)| *name).collect();
    names.sort();
    assert_eq!(names, EMBEDDED_WORKSHEETS.iter().map(|(name, _)| *name).collect::<Vec<_>>(), "file name order");
}

#[test]
fn stages_are_the_seven_in_order() {
    let ids: Vec<&str> = catalog().stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["frame", "people", "plan", "resources", "structure", "sustain", "review"]);
}

#[test]
fn record_kinds_have_the_agreed_fields() {
    let expected: &[(&str, &[&str])] = &[
        (
            "partner",
            &[
                "name",
                "sector",
                "is_member",
                "role",
                "contact_name",
                "contact_email",
                "contact_phone",
                "brings",
                "why_now",
                "how_involved",
                "website",
                "works_on",
                "community",
                "notes",
            ],
        ),
        ("objective", &["what", "who", "by_when", "measure", "status"]),
        ("indicator", &["name", "current_level", "source", "measured_on", "notes"]),
        ("budget_line", &["direction", "category", "description", "amount", "status", "notes"]),
        ("barrier", &["barrier", "applies", "looks_like", "response"]),
        ("officer", &["role", "person", "organization", "term", "duties"]),
        ("resource", &["what", "kind", "from", "have", "notes"]),
    ];
    let catalog = catalog();
    for (kind_id, field_ids) in expected {
        let kind = catalog.record_kind(kind_id).unwrap_or_else(|| panic!("no record kind {kind_id}"));
        let actual: Vec<&str> = kind.fields.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(&actual, field_ids, "{kind_id}");
    }
    let partner = catalog.record_kind("partner").unwrap();
    let private: Vec<&str> = partner.fields.iter().filter(|f| f.private).map(|f| f.id.as_str()).collect();
    assert_eq!(private, ["contact_name", "contact_email", "contact_phone", "notes"]);
}

#[test]
fn every_record_kind_has_its_words_for_sentences() {
    // The add button and the messages about an item take these as they are: the page has no
    // rule for "a" or "an", nor for small letters.
    for kind in &catalog().record_kinds {
        for (name, text) in [("add_label", &kind.add_label), ("name_in_text", &kind.name_in_text), ("plural_in_text", &kind.plural_in_text)] {
            assert!(!text.trim().is_empty(), "the record kind {} has no {name} in records.toml", kind.id);
        }
        assert!(kind.add_label.contains(&kind.name_in_text), "{}: {:?} names {:?}", kind.id, kind.add_label, kind.name_in_text);
    }
    assert_eq!(catalog().record_kind("objective").unwrap().add_label, "Add an objective");
}

#[test]
fn every_stage_has_a_worksheet() {
    let catalog = catalog();
    for stage in &catalog.stages {
        assert!(
            catalog.worksheets.iter().any(|w| w.stage == stage.id),
            "no worksheet belongs to the stage “{}”",
            stage.id
        );
    }
}

#[test]
fn the_structure_choice_shows_a_suggestion_from_the_factor_questions() {
    let worksheet = catalog().worksheet("structure").expect("the structure worksheet");
    let target = suggested_question(worksheet).expect("a question with the suggestion beside it");
    assert_eq!(target.id, "structure_choice");
    let rule = worksheet.suggestion.as_ref().unwrap();
    let mut factors: Vec<&str> = rule.factors.iter().map(|f| f.question.as_str()).collect();
    factors.dedup();
    assert_eq!(
        factors,
        [
            "factor_stage",
            "factor_relationships",
            "factor_experience",
            "factor_motivation",
            "factor_breadth",
            "factor_size",
            "factor_leadership",
            "factor_urgency"
        ]
    );
    let others: Vec<&str> = catalog()
        .worksheets
        .iter()
        .filter(|w| w.id != "structure")
        .flat_map(|w| w.questions())
        .filter(|q| q.side_panel.is_some())
        .map(|q| q.id.as_str())
        .collect();
    assert!(others.is_empty(), "only the structure choice has a side panel: {others:?}");
}

#[test]
fn only_budget_lines_add_up() {
    let with_totals: Vec<&str> =
        catalog().record_kinds.iter().filter(|k| k.totals.is_some()).map(|k| k.id.as_str()).collect();
    assert_eq!(with_totals, ["budget_line"]);
}

// ------------------------------------------------------------------------------------------------
// The validator.

#[test]
fn an_unknown_question_kind_fails_and_names_the_file() {
    let sheet = small_worksheet("w", "[[steps.questions]]\nid = \"q\"\nkind = \"essay\"\nprompt = \"P\"\n");
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("01-w.toml:"), "{problems:?}");
    assert!(problems[0].contains("essay"), "{problems:?}");
}

#[test]
fn an_unknown_key_fails_and_names_the_file() {
    let sheet = small_worksheet(
        "w",
        "[[steps.questions]]\nid = \"q\"\nkind = \"short_text\"\nprompt = \"P\"\nrequird = true\n",
    );
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert!(problems[0].starts_with("01-w.toml:") && problems[0].contains("requird"), "{problems:?}");
}

#[test]
fn a_duplicate_question_id_is_reported() {
    let question = "[[steps.questions]]\nid = \"q\"\nkind = \"short_text\"\nprompt = \"P\"\n";
    let sheet = small_worksheet("w", &format!("{question}\n{question}"));
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert!(
        problems.iter().any(|p| p.starts_with("01-w.toml: question “q”") && p.contains("more than once")),
        "{problems:?}"
    );
}

#[test]
fn a_duplicate_worksheet_id_is_reported() {
    let question = "[[steps.questions]]\nid = \"q\"\nkind = \"short_text\"\nprompt = \"P\"\n";
    let sheet = small_worksheet("same", question);
    let problems = problems(&[("01-same.toml", &sheet), ("02-same.toml", &sheet)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("02-same.toml:") && problems[0].contains("01-same.toml"), "{problems:?}");
}

#[test]
fn a_records_question_with_an_unknown_record_kind_is_reported() {
    let sheet = small_worksheet(
        "w",
        "[[steps.questions]]\nid = \"q\"\nkind = \"records\"\nrecord = \"unicorn\"\nprompt = \"P\"\n",
    );
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("question “q”") && problems[0].contains("unicorn"), "{problems:?}");
}

#[test]
fn a_choice_with_one_option_is_reported() {
    let sheet = small_worksheet(
        "w",
        "[[steps.questions]]\nid = \"q\"\nkind = \"single_choice\"\nprompt = \"P\"\noptions = [{ id = \"only\", label = \"Only\" }]\n",
    );
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("question “q”") && problems[0].contains("at least 2 options"), "{problems:?}");
}

#[test]
fn several_problems_are_reported_together() {
    let sheet = small_worksheet(
        "Bad Id",
        "[[steps.questions]]\nid = \"q\"\nkind = \"number\"\nprompt = \"\"\nmin = 10\nmax = 1\n\n\
         [[steps.questions]]\nid = \"r\"\nkind = \"rating\"\nprompt = \"P\"\nscale = [\"one\"]\n",
    );
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert_eq!(problems.len(), 4, "{problems:?}");
}

#[test]
fn record_kinds_are_checked_too() {
    let records = "[[record_kind]]\nid = \"x\"\nlabel = \"X\"\nplural = \"Xs\"\ntitle_field = \"missing\"\n\n\
                   [[record_kind.fields]]\nid = \"pick\"\nlabel = \"Pick\"\nkind = \"single_choice\"\n";
    let problems = parse_catalog(STAGES, records, &[]).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.starts_with("records.toml: record kind “x”")), "{problems:?}");
}

#[test]
fn privacy_rules_of_the_data_are_checked() {
    let records = "[[record_kind]]\nid = \"x\"\nlabel = \"X\"\nplural = \"Xs\"\ntitle_field = \"who\"\n\n\
                   [[record_kind.fields]]\nid = \"who\"\nlabel = \"Who\"\nkind = \"short_text\"\nprivate = true\n\n\
                   [[record_kind.fields]]\nid = \"mail\"\nlabel = \"Mail\"\nkind = \"email\"\n";
    let found = parse_catalog(STAGES, records, &[]).unwrap_err();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("title_field “who”") && found[0].contains("can't be private"), "{found:?}");
    assert!(found[1].contains("field “mail”") && found[1].contains("must be marked private"), "{found:?}");
    let sheet = small_worksheet(
        "w",
        "[[steps.questions]]\nid = \"q\"\nkind = \"table\"\nprompt = \"P\"\n\
         columns = [{ id = \"phone\", label = \"Phone\", kind = \"phone\" }]\n",
    );
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("column “phone”") && problems[0].contains("must be marked private"), "{problems:?}");
}

// ------------------------------------------------------------------------------------------------
// Answers and records into the store and back.

#[test]
fn every_question_kind_round_trips_through_the_store() {
    let catalog = fixture();
    let conn = open_in_memory().unwrap();
    let coalition = create_coalition(&conn, &CoalitionFields { name: "Test".into(), ..Default::default() }).unwrap();
    let cases: Vec<(&str, Value, Value)> = vec![
        ("short", json!("  Eastside Alliance \n"), json!("Eastside Alliance")),
        ("long", json!("Line one\r\nLine two\u{0}\n"), json!("Line one\nLine two\n")),
        ("items", json!(["  first ", "", null, "second"]), json!(["first", "second"])),
        ("one", json!("b"), json!({"choice": "b"})),
        ("one", json!({"choice": "other", "other": " Our own "}), json!({"choice": "other", "other": "Our own"})),
        ("one", json!({"choice": "a", "other": "stale text"}), json!({"choice": "a"})),
        ("many", json!({"choices": ["c", "a", "c"]}), json!({"choices": ["a", "c"]})),
        ("many", json!({"choices": ["b"], "other": "Ours"}), json!({"choices": ["b", "other"], "other": "Ours"})),
        ("stars", json!(4.0), json!(4)),
        ("count", json!(12.5), json!(12.5)),
        ("count", json!("40"), json!(40)),
        ("budget", json!(1_250_075), json!(1_250_075)),
        ("start", json!("2025-09-30"), json!("2025-09-30")),
        (
            "grid",
            json!([
                {"text": " Row ", "notes": "a\nb", "pick": "y", "yes": true, "stars": 5, "count": 2.5,
                 "cost": 999, "when": "2030-01-31", "email": "a@b.org", "phone": "+1 555 0100"},
                {"text": "", "notes": "  "},
                {"text": "Second", "yes": false}
            ]),
            json!([
                {"text": "Row", "notes": "a\nb", "pick": "y", "yes": true, "stars": 5, "count": 2.5,
                 "cost": 999, "when": "2030-01-31", "email": "a@b.org", "phone": "+1 555 0100"},
                {"text": "Second", "yes": false}
            ]),
        ),
    ];
    for (question_id, input, expected) in cases {
        let kept = check_answer(question(&catalog, question_id), &input)
            .unwrap_or_else(|e| panic!("{question_id}: {input} was refused: {e}"))
            .unwrap_or_else(|| panic!("{question_id}: {input} was taken as empty"));
        assert_eq!(kept, expected, "{question_id}");
        upsert_answer(&conn, &coalition.id, "every-kind", question_id, &kept).unwrap();
        let stored = get_answer(&conn, &coalition.id, "every-kind", question_id).unwrap().unwrap();
        assert_eq!(stored.value, expected, "{question_id} after the store");
        assert_eq!(
            check_answer(question(&catalog, question_id), &stored.value).unwrap(),
            Some(expected),
            "{question_id} checked again"
        );
    }
    assert_eq!(list_answers(&conn, &coalition.id).unwrap().len(), 10);
}

#[test]
fn empty_answers_come_back_as_none() {
    let catalog = fixture();
    let empties: &[(&str, Value)] = &[
        ("short", json!("   ")),
        ("long", json!("\n\n")),
        ("items", json!(["", " "])),
        ("one", json!({"choice": ""})),
        ("many", json!({"choices": []})),
        ("stars", Value::Null),
        ("count", json!("")),
        ("budget", Value::Null),
        ("start", json!("")),
        ("grid", json!([{}, {"text": " "}])),
    ];
    for (question_id, value) in empties {
        assert_eq!(check_answer(question(&catalog, question_id), value).unwrap(), None, "{question_id}");
    }
}

#[test]
fn every_field_kind_round_trips_as_a_record() {
    let catalog = fixture();
    let conn = open_in_memory().unwrap();
    let coalition = create_coalition(&conn, &CoalitionFields { name: "Test".into(), ..Default::default() }).unwrap();
    let input = json!({
        "name": "  Library ", "story": "Opened 1921.\nRebuilt 1990.", "color": "blue", "ok": true,
        "stars": 3, "count": 7, "cost": 5000, "when": "2024-02-29", "email": "info@library.org",
        "phone": "(555) 201-4477 ext. 3"
    });
    let mut expected = input.as_object().unwrap().clone();
    expected.insert("name".into(), json!("Library"));
    let data = check_record_at(&catalog, "thing", input.as_object().unwrap()).unwrap();
    assert_eq!(data, expected);
    let record = create_record(&conn, &coalition.id, "thing", &data).unwrap();
    assert_eq!(get_record(&conn, &record.id).unwrap().data, expected);
}

#[test]
fn records_drop_empty_fields_and_need_required_ones() {
    let catalog = fixture();
    let kind = catalog.record_kind("thing").unwrap();
    let data = check_record(kind, json!({"name": "A", "story": " ", "email": null}).as_object().unwrap()).unwrap();
    assert_eq!(Value::Object(data), json!({"name": "A"}));

    let err = check_record(kind, json!({"story": "No name"}).as_object().unwrap()).unwrap_err();
    assert_eq!(err.to_string(), "Please fill in “Name” for this thing.");
    let err = check_record(kind, json!({"name": "A", "colour": "red"}).as_object().unwrap()).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
    let err = check_record(kind, json!({"name": "A", "email": "not an address"}).as_object().unwrap()).unwrap_err();
    assert!(err.to_string().contains("“Email”"), "{err}");
    let err = check_record_at(&catalog, "unicorn", &Map::new()).unwrap_err();
    assert_eq!(err.kind(), "not_found");
}

#[test]
fn real_record_kinds_accept_a_typical_record() {
    let catalog = catalog();
    let partner = json!({
        "name": "Harbor Clinic", "sector": "health", "is_member": true, "contact_email": "ana@clinic.org",
        "contact_phone": "555-201-4477"
    });
    check_record_at(catalog, "partner", partner.as_object().unwrap()).unwrap();
    let line = json!({"direction": "expense", "description": "Printing", "amount": 25000, "status": "planned"});
    check_record_at(catalog, "budget_line", line.as_object().unwrap()).unwrap();
    let err =
        check_record_at(catalog, "budget_line", json!({"direction": "expense"}).as_object().unwrap()).unwrap_err();
    assert_eq!(err.to_string(), "Please fill in “Description” and “Amount” for this budget line.");
}

// ------------------------------------------------------------------------------------------------
// Values that must be refused (or, at the edge, accepted).

#[test]
fn long_text_up_to_the_limit_is_accepted_and_beyond_it_refused() {
    let catalog = fixture();
    let long = "a".repeat(100_000);
    assert_eq!(check_answer(question(&catalog, "long"), &json!(long)).unwrap(), Some(json!(long)));
    const { assert!(MAX_TEXT_CHARS >= 100_000 && MAX_TEXT_CHARS < 300_000) };
    let message = refused(&catalog, "long", json!("é".repeat(300_000)));
    assert!(message.contains("300,000") && message.contains("200,000"), "{message}");
    assert!(message.contains("“A story”"), "{message}");
}

#[test]
fn bad_numbers_money_dates_and_choices_are_refused() {
    let catalog = fixture();
    let message = refused(&catalog, "budget", json!(-500));
    assert!(message.contains("can't be negative"), "{message}");
    let message = refused(&catalog, "budget", json!(1e18));
    assert!(message.contains("looks too large"), "{message}");
    refused(&catalog, "budget", json!("a lot"));
    // JSON has no NaN; it can only arrive as text.
    refused(&catalog, "count", json!("NaN"));
    let message = refused(&catalog, "count", json!(1001));
    assert!(message.contains("between 0 and 1,000"), "{message}");
    let message = refused(&catalog, "start", json!("2025-02-30"));
    assert!(message.contains("not a real date"), "{message}");
    refused(&catalog, "start", json!("30/09/2025"));
    refused(&catalog, "start", json!("2201-01-01"));
    let message = refused(&catalog, "stars", json!(6));
    assert!(message.contains("1 to 5"), "{message}");
    refused(&catalog, "stars", json!(0));
    refused(&catalog, "stars", json!(2.5));
    let message = refused(&catalog, "one", json!({"choice": "z"}));
    assert!(message.contains("“z”") && message.contains("“Pick one”"), "{message}");
    refused(&catalog, "many", json!({"choices": ["a", "zz"]}));
    refused(&catalog, "one", json!({"choice": "a", "extra": 1}));
    refused(&catalog, "short", json!(12));
    refused(&catalog, "items", json!(["x".repeat(2_001)]));
    refused(&catalog, "items", json!(vec!["item"; 501]));
    refused(&catalog, "grid", json!([{"text": "A", "nope": 1}]));
    let message = refused(&catalog, "grid", json!([{"notes": "no text"}]));
    assert_eq!(message, "Row 1 of “A table” needs “Text”.");
    let message = refused(&catalog, "grid", json!([{"text": "A", "cost": -1}]));
    assert!(message.contains("“Cost” in row 1 of “A table”"), "{message}");
    refused(&catalog, "grid", json!(vec![json!({"text": "r"}); 1001]));
    let message = refused(&catalog, "things", json!([]));
    assert!(message.contains("“Our things”"), "{message}");
}

#[test]
fn other_text_needs_allow_other() {
    let sheet = small_worksheet(
        "w",
        "[[steps.questions]]\nid = \"q\"\nkind = \"single_choice\"\nprompt = \"P\"\noptions = [{ id = \"a\", label = \"A\" }, { id = \"b\", label = \"B\" }]\n",
    );
    let catalog = parse_catalog(STAGES, RECORDS, &[("01-w.toml", &sheet)]).unwrap();
    let q = catalog.question("w", "q").unwrap();
    assert!(check_answer(q, &json!({"choice": "other"})).is_err());
    assert!(check_answer(q, &json!({"choice": "a", "other": "text"})).is_err());
}

#[test]
fn answers_to_unknown_questions_are_not_found() {
    let catalog = fixture();
    let err = check_answer_at(&catalog, "nope", "short", &json!("x")).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    let err = check_answer_at(&catalog, "every-kind", "nope", &json!("x")).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    assert!(err.to_string().contains("“Every kind”"), "{err}");
    assert_eq!(check_answer_at(&catalog, "every-kind", "short", &json!(" x ")).unwrap(), Some(json!("x")));
}

// ------------------------------------------------------------------------------------------------
// Progress.

#[test]
fn progress_counts_answers_and_records() {
    let catalog = fixture();
    let conn = open_in_memory().unwrap();
    let coalition = create_coalition(&conn, &CoalitionFields { name: "Test".into(), ..Default::default() }).unwrap();
    let before = progress(&catalog, &[], &HashMap::new());
    assert_eq!((before.answered, before.total), (0, 11));
    assert_eq!(before.worksheets[0].required_missing, ["short"]);

    upsert_answer(&conn, &coalition.id, "every-kind", "short", &json!("Name")).unwrap();
    upsert_answer(&conn, &coalition.id, "every-kind", "long", &json!("Story")).unwrap();
    upsert_answer(&conn, &coalition.id, "gone-sheet", "old", &json!("Ignored")).unwrap();
    let answers = list_answers(&conn, &coalition.id).unwrap();
    let counts = HashMap::from([("thing".to_string(), 2)]);
    let after = progress(&catalog, &answers, &counts);
    assert_eq!((after.answered, after.total), (3, 11));
    assert!(after.worksheets[0].required_missing.is_empty());
    assert!(!after.worksheets[0].is_complete());
}

#[test]
fn structure_suggestion_from_stored_answers() {
    let conn = open_in_memory().unwrap();
    let coalition = create_coalition(&conn, &CoalitionFields { name: "Test".into(), ..Default::default() }).unwrap();
    for (question, choice) in [("factor_size", "large"), ("factor_breadth", "broad")] {
        upsert_answer(&conn, &coalition.id, "structure", question, &json!({ "choice": choice })).unwrap();
    }
    let shown = shown_suggestion(catalog(), "structure", &list_answers(&conn, &coalition.id).unwrap()).unwrap();
    assert!(shown.summary.starts_with("Working groups, then "), "{shown:?}");
    assert_eq!(shown.reasons.len(), 2, "{shown:?}");
}

// ------------------------------------------------------------------------------------------------
// Suggestions and totals are data: a small worksheet with its own rule.

/// A worksheet asking one factor question, with a suggestion beside the choice `pick`.
fn suggesting_worksheet(rule: &str) -> String {
    small_worksheet(
        "w",
        &format!(
            "[[steps.questions]]\nid = \"size\"\nkind = \"single_choice\"\nprompt = \"How big?\"\n\
             options = [{{ id = \"small\", label = \"Small\" }}, {{ id = \"big\", label = \"Big\" }}]\n\n\
             [[steps.questions]]\nid = \"pick\"\nkind = \"multi_choice\"\nprompt = \"Which?\"\nside_panel = \"suggestion\"\n\
             options = [{{ id = \"tent\", label = \"A tent\" }}, {{ id = \"hall\", label = \"A hall\" }}]\n\n{rule}"
        ),
    )
}

const TENT_OR_HALL: &str = "[suggestion]\ntitle = \"Our idea\"\nstart_with = [\"tent\"]\nstart_reason = \"Start small.\"\n\n\
    [[suggestion.factors]]\nquestion = \"size\"\nanswer = \"small\"\nreason = \"You are few.\"\nweights = { tent = 2, hall = -1 }\n\n\
    [[suggestion.factors]]\nquestion = \"size\"\nanswer = \"big\"\nreason = \"You are many.\"\nweights = { hall = 3, tent = 1 }\n";

fn answer_to(question: &str, value: Value) -> common_ground_core::model::Answer {
    common_ground_core::model::Answer {
        id: question.into(),
        coalition_id: "c".into(),
        worksheet_id: "w".into(),
        question_id: question.into(),
        value,
        created_at: String::new(),
        updated_at: String::new(),
        deleted_at: None,
    }
}

#[test]
fn a_suggestion_follows_the_weights_in_its_file() {
    let sheet = suggesting_worksheet(TENT_OR_HALL);
    let catalog = parse_catalog(STAGES, RECORDS, &[("01-w.toml", &sheet)]).unwrap();
    let shown = |answers: &[common_ground_core::model::Answer]| shown_suggestion(&catalog, "w", answers).unwrap();
    assert_eq!(shown(&[]).summary, "A tent");
    assert_eq!(shown(&[]).reasons, ["Start small."]);
    let big = shown(&[answer_to("size", json!({"choice": "big"}))]);
    assert_eq!((big.title.as_str(), big.summary.as_str()), ("Our idea", "A hall, then A tent"));
    assert_eq!(big.reasons, ["You are many."]);
    assert_eq!(shown(&[answer_to("size", json!("small"))]).summary, "A tent", "a hall scores below zero");

    let turned = suggesting_worksheet(&TENT_OR_HALL.replace("hall = 3, tent = 1", "hall = 1, tent = 3"));
    let catalog = parse_catalog(STAGES, RECORDS, &[("01-w.toml", &turned)]).unwrap();
    let big = shown_suggestion(&catalog, "w", &[answer_to("size", json!({"choice": "big"}))]).unwrap();
    assert_eq!(big.summary, "A tent, then A hall");
}

#[test]
fn side_panel_names_are_known() {
    let sheet = suggesting_worksheet(TENT_OR_HALL).replace("side_panel = \"suggestion\"", "side_panel = \"weather\"");
    let problems = problems(&[("01-w.toml", &sheet)]);
    assert!(problems[0].starts_with("01-w.toml:") && problems[0].contains("weather"), "{problems:?}");
}

#[test]
fn a_side_panel_and_its_suggestion_come_together() {
    let without_rule = suggesting_worksheet("");
    let found = problems(&[("01-w.toml", &without_rule)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("question “pick”") && found[0].contains("no [suggestion]"), "{found:?}");

    let without_panel = suggesting_worksheet(TENT_OR_HALL).replace("side_panel = \"suggestion\"\n", "");
    let found = problems(&[("01-w.toml", &without_panel)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("no question has side_panel"), "{found:?}");
}

#[test]
fn suggestion_weights_and_answers_must_be_known() {
    let sheet = suggesting_worksheet(
        &TENT_OR_HALL
            .replace("hall = 3, tent = 1", "hall = 3, castle = 1")
            .replace("answer = \"small\"", "answer = \"tiny\"")
            .replace("start_with = [\"tent\"]", "start_with = [\"igloo\"]"),
    );
    let found = problems(&[("01-w.toml", &sheet)]);
    let expect = |words: &[&str]| {
        assert!(found.iter().any(|p| words.iter().all(|w| p.contains(w))), "{words:?} in {found:?}");
    };
    expect(&["start_with", "“igloo”"]);
    expect(&["“castle”", "not an option of “pick”"]);
    expect(&["“tiny” is not an option"]);
    expect(&["the answer “small” to “size” has no entry"]);
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn suggestion_factors_are_single_choice_questions_of_the_worksheet() {
    let sheet = suggesting_worksheet(
        &TENT_OR_HALL.replacen("question = \"size\"", "question = \"colour\"", 1).replace("reason = \"You are many.\"", "reason = \" \""),
    );
    let found = problems(&[("01-w.toml", &sheet)]);
    assert!(found.iter().any(|p| p.contains("factor “colour”") && p.contains("no such question")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("the reason is empty")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("the answer “small” to “size” has no entry")), "{found:?}");
}

/// `records.toml` text for a kind of money lines with the given totals rule.
fn money_lines(totals: &str) -> String {
    format!(
        "[[record_kind]]\nid = \"line\"\nlabel = \"Line\"\nplural = \"Lines\"\ntitle_field = \"what\"\n\n{totals}\n\
         [[record_kind.fields]]\nid = \"what\"\nlabel = \"What\"\nkind = \"short_text\"\n\n\
         [[record_kind.fields]]\nid = \"way\"\nlabel = \"Way\"\nkind = \"single_choice\"\n\
         options = [{{ id = \"spend\", label = \"Spend\" }}, {{ id = \"get\", label = \"Get\" }}]\n\n\
         [[record_kind.fields]]\nid = \"sum\"\nlabel = \"Sum\"\nkind = \"money\"\n\n\
         [[record_kind.fields]]\nid = \"count\"\nlabel = \"Count\"\nkind = \"number\"\n"
    )
}

#[test]
fn a_totals_rule_adds_up_the_fields_it_names() {
    let rule = "[record_kind.totals]\namount = \"sum\"\ndirection = \"way\"\nmoney_out = \"spend\"\nmoney_in = \"get\"\n";
    let catalog = parse_catalog(STAGES, &money_lines(rule), &[]).unwrap();
    let kind = catalog.record_kind("line").unwrap();
    let record = |data: Value| common_ground_core::model::Record {
        id: String::new(),
        coalition_id: String::new(),
        kind: "line".into(),
        position: 0,
        data: data.as_object().cloned().unwrap(),
        created_at: String::new(),
        updated_at: String::new(),
        deleted_at: None,
    };
    let lines = vec![record(json!({"way": "spend", "sum": 700})), record(json!({"way": "get", "sum": 200}))];
    let list = common_ground_core::shown::shown_records(kind, lines);
    let totals = list.totals.unwrap();
    assert_eq!((totals.money_out, totals.money_in, totals.gap), (700, 200, 500));
    assert_eq!(totals.gap_text, "Still to find: $5.00");
}

#[test]
fn totals_rule_fields_exist_and_the_amount_is_money() {
    let rule = "[record_kind.totals]\namount = \"count\"\ndirection = \"what\"\nmoney_out = \"spend\"\nmoney_in = \"get\"\n";
    let found = parse_catalog(STAGES, &money_lines(rule), &[]).unwrap_err();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("totals") && found[0].contains("“count” must be a money field"), "{found:?}");
    assert!(found[1].contains("“what” must be a single_choice field"), "{found:?}");

    let rule = "[record_kind.totals]\namount = \"cost\"\ndirection = \"way\"\nmoney_out = \"spend\"\nmoney_in = \"spend\"\n";
    let found = parse_catalog(STAGES, &money_lines(rule), &[]).unwrap_err();
    assert!(found.iter().any(|p| p.contains("the amount “cost” is not one of its fields")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("must be different options")), "{found:?}");

    let rule = "[record_kind.totals]\namount = \"sum\"\ndirection = \"way\"\nmoney_out = \"spend\"\nmoney_in = \"gift\"\n";
    let found = parse_catalog(STAGES, &money_lines(rule), &[]).unwrap_err();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("“gift” is not an option of “way”"), "{found:?}");

    let rule = "[record_kind.totals]\namount = \"sum\"\ndirection = \"way\"\nmoney_out = \"spend\"\nmoney_in = \"get\"\nrounding = 5\n";
    let found = parse_catalog(STAGES, &money_lines(rule), &[]).unwrap_err();
    assert!(found[0].starts_with("records.toml:") && found[0].contains("rounding"), "{found:?}");
}
