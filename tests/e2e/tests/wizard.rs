//! The guided worksheet wizards, end to end in the real window: moving with the keyboard alone,
//! every kind of question answered and found again after a restart, progress that follows the
//! answers, input that is too long, hostile or wrong, the review page, the budget's totals and
//! the structure suggestion.
//!
//! The tests share one app (`App::shared`), each with a coalition of its own.
//!
//! Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test wizard -- --test-threads=1`

use common_ground_e2e::{keys, App, Element, OPEN_DIALOG};
use serde_json::json;

/// What has keyboard focus, described for assertions: "textarea problem" (a field and its
/// question), "input why_coalition complex_problem" (a choice and its option), "button Next"...
fn describe_focus(app: &App) -> String {
    app.read_js(
        "(() => { const e = document.activeElement; if (!e) return 'nothing';
           const tag = e.tagName.toLowerCase();
           if (tag === 'button' || tag === 'summary') return tag + ' ' + e.textContent.trim();
           const question = e.closest('section.question')?.dataset.question ?? e.name ?? e.id;
           const choice = e.type === 'radio' || e.type === 'checkbox' ? ' ' + e.value : '';
           return tag + ' ' + question + choice; })()",
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Presses Tab until `wanted` has focus, at most `most` times; returns what focus passed on the
/// way, so a test can say what lies between two fields.
fn tab_to(app: &App, wanted: &str, most: usize) -> Vec<String> {
    let mut passed = Vec::new();
    for _ in 0..most {
        app.press_keys(keys::TAB);
        let now = describe_focus(app);
        if now == wanted {
            return passed;
        }
        passed.push(now);
    }
    panic!("{most} presses of Tab did not reach {wanted}; focus went through {passed:?}");
}

#[test]
fn the_keyboard_alone_moves_through_questions_and_steps() {
    let app = App::shared();
    app.create_coalition("Tabbed Trails Coalition", "Safe walking routes", "");
    app.open_worksheet("Shared purpose");
    app.screenshot("wizard-first-step");

    // A step opens with the cursor in its first field, ready to type.
    app.wait_for("focus in the first question", || describe_focus(&app) == "textarea problem");
    app.press_keys("Kids walk along a highway shoulder to school.");

    // Tab goes to the next question; only its "Hint and example" toggle lies between.
    let between = tab_to(&app, "input community", 3);
    assert!(between.iter().all(|f| f == "summary Hint and example"), "Tab passed through {between:?}");
    app.press_keys("Northside");

    // Tab on to "Next" (Back is off on the very first step) and Enter moves to step 2.
    let between = tab_to(&app, "button Next", 4);
    assert!(!between.iter().any(|f| f.starts_with("button Back")), "a disabled Back took focus: {between:?}");
    app.press_keys(keys::ENTER);
    app.wait_for_step("Who we are");
    app.wait_for("focus in step 2's first question", || describe_focus(&app) == "textarea who_we_are");
    app.press_keys("Parents, two schools and the town council.");

    // Past the step's other questions to Next, again by Tab and Enter.
    tab_to(&app, "button Next", 12);
    app.press_keys(keys::ENTER);
    app.wait_for_step("Why a coalition");
    // The first field here is a checkbox: Space ticks it.
    app.wait_for("focus on the first choice of step 3", || {
        describe_focus(&app) == "input why_coalition one_group_cannot"
    });
    app.expect_save();
    app.press_keys(keys::SPACE);
    app.wait_saved();
    app.screenshot("wizard-keyboard-step-3");

    // Everything typed was saved, though no one clicked anything.
    app.wait_for_sidebar_count("Shared purpose", "4/7");
    app.go_to_step("The problem we share");
    assert_eq!(app.answer_shown("problem"), "Kids walk along a highway shoulder to school.");
    assert_eq!(app.answer_shown("community"), "Northside");
    app.go_to_step("Who we are");
    assert_eq!(app.answer_shown("who_we_are"), "Parents, two schools and the town council.");
    app.go_to_step("Why a coalition");
    assert_eq!(app.chosen("why_coalition"), ["No one group can reach the goal alone"]);
}

/// The partner's row in the partners table, as the cells' texts.
fn partner_rows(app: &App) -> Vec<Vec<String>> {
    app.question("partners")
        .find_all("table.records-table tbody tr")
        .iter()
        .map(|row| row.find_all("td").iter().map(Element::text).collect())
        .collect()
}

const PROBLEM: &str = "Children cross a four-lane road to reach school.\nThere is no crossing guard.";
const LONG_ROLE: &str = "Hosts meetings and lends laptops";

#[test]
fn every_kind_of_question_keeps_its_answer_after_a_restart() {
    let app = App::shared();
    app.create_coalition("Every Kind Coalition", "Safer streets", "");

    // Long text (two lines) and short text.
    app.open_worksheet("Shared purpose");
    app.answer_text("problem", PROBLEM);
    app.wait_saved();
    app.answer_text("community", "Eastport");
    app.wait_saved();

    // Multiple choice with "Other" in words, and a number.
    app.open_worksheet("Common ground");
    app.choose("methods", "A needs survey");
    app.choose("methods", "Focus groups");
    app.choose("methods", "Other");
    app.answer_other("methods", "Door-knocking on Saturdays");
    app.wait_saved();
    app.answer_text("people_heard", "640");
    app.wait_saved();
    // A list, one item per line.
    app.go_to_step("Our shared priorities");
    app.answer_text("priorities", "Safe crossings\nMore crossing guards\nLower speed limits");
    app.wait_saved();

    // A rating.
    app.open_worksheet("Vision");
    app.go_to_step("Check your vision");
    app.choose("check_easy", "4");

    // A list of records: add a partner through its form, edit it, remove it and undo.
    app.open_worksheet("Who to involve");
    app.click_button("Add a partner");
    app.wait_for_dialog("Add a partner");
    app.find("dialog[open] input[name='name']").send_keys("Eastport Library");
    app.select_option("dialog[open] select[name='sector']", "Education");
    app.find("dialog[open] input[name='role']").send_keys("Hosts meetings");
    app.expect_save();
    app.click_button_in(OPEN_DIALOG, "Save");
    app.wait_for("the partner form to close", || !app.dialog_is_open());
    app.wait_saved();
    app.wait_for("the new partner in the list", || partner_rows(&app).len() == 1);
    // Columns: name, sector, already a member?, role.
    assert_eq!(partner_rows(&app)[0][..4], ["Eastport Library", "Education", "", "Hosts meetings"]);

    app.click_button("Edit Eastport Library");
    app.wait_for_dialog("Edit partner");
    let role = app.find("dialog[open] input[name='role']");
    assert_eq!(role.value(), "Hosts meetings", "the form starts from what was saved");
    role.clear();
    role.send_keys(LONG_ROLE);
    app.expect_save();
    app.click_button_in(OPEN_DIALOG, "Save");
    app.wait_for("the partner form to close", || !app.dialog_is_open());
    app.wait_saved();
    app.wait_for("the edited role in the list", || {
        partner_rows(&app).first().is_some_and(|r| r.contains(&LONG_ROLE.to_string()))
    });

    app.expect_save();
    app.click_button("Remove Eastport Library");
    app.wait_saved();
    app.wait_for("the partner to leave the list", || partner_rows(&app).is_empty());
    app.wait_for_toast("Removed Eastport Library.");
    app.undo_from_toast();
    app.wait_for("the partner back in the list", || partner_rows(&app).len() == 1);

    // A table with two rows, a yes/no cell among them.
    app.go_to_step("Roles to fill");
    let roles = app.question("open_roles");
    app.expect_save();
    app.find("[aria-label='Role, row 1']").send_keys("Treasurer");
    app.find("[aria-label='Who could fill it, row 1']").send_keys("A bank manager");
    app.select_option("[aria-label='Needed soon?, row 1']", "Yes");
    app.click_button("Add a row");
    // The new row's first cell takes the cursor.
    app.wait_for("the cursor in the new row", || {
        app.focused().attribute("aria-label").as_deref() == Some("Role, row 2")
    });
    app.press_keys("Grant writer");
    app.find("[aria-label='Where to find them, row 2']").send_keys("The library's volunteer list");
    app.wait_saved();
    assert_eq!(roles.find_all("tbody tr").len(), 2);

    // A date.
    app.open_worksheet("Mission and objectives");
    app.go_to_step("Our objectives");
    app.expect_save();
    app.set_date("section[data-question='objectives_review_on'] input", "2025-06-30");
    // WebKitGTK reports a typed date as changed when the cursor leaves the box, as a person's
    // Tab or click does (the save the wait used to see was the table's, sent late).
    app.press_keys(keys::TAB);
    app.wait_saved();

    // Money, typed the way people write it.
    app.open_worksheet("Resources");
    app.answer_text("funding_target", "$1,200.50");
    app.wait_saved();

    // A single choice with "Other" in words.
    app.open_worksheet("Communication");
    app.choose("meeting_rhythm", "Other");
    app.answer_other("meeting_rhythm", "The first Monday of each month");
    app.wait_saved();
    app.screenshot("wizard-single-choice-other");

    app.relaunch();
    app.open_coalition("Every Kind Coalition");

    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), PROBLEM);
    assert_eq!(app.answer_shown("community"), "Eastport");

    app.open_worksheet("Common ground");
    assert_eq!(app.chosen("methods"), ["A needs survey", "Focus groups", "Other"]);
    assert_eq!(app.other_shown("methods"), "Door-knocking on Saturdays");
    assert_eq!(app.answer_shown("people_heard"), "640");
    app.go_to_step("Our shared priorities");
    assert_eq!(app.answer_shown("priorities"), "Safe crossings\nMore crossing guards\nLower speed limits");

    app.open_worksheet("Vision");
    app.go_to_step("Check your vision");
    assert_eq!(app.chosen("check_easy"), ["4"]);
    assert_eq!(app.chosen("check_uplifting"), Vec::<String>::new(), "only the rating given is checked");

    app.open_worksheet("Who to involve");
    app.wait_for("the partner list", || !partner_rows(&app).is_empty());
    let rows = partner_rows(&app);
    assert_eq!(rows.len(), 1, "one partner: {rows:?}");
    assert_eq!(rows[0][..4], ["Eastport Library".to_string(), "Education".into(), "".into(), LONG_ROLE.into()]);

    app.go_to_step("Roles to fill");
    let cell = |label: &str| app.find(&format!("[aria-label='{label}']")).value();
    assert_eq!(cell("Role, row 1"), "Treasurer");
    assert_eq!(cell("Who could fill it, row 1"), "A bank manager");
    assert_eq!(cell("Where to find them, row 1"), "");
    assert_eq!(app.selected_option("[aria-label='Needed soon?, row 1']"), "Yes");
    assert_eq!(cell("Role, row 2"), "Grant writer");
    assert_eq!(cell("Where to find them, row 2"), "The library's volunteer list");
    assert_eq!(app.selected_option("[aria-label='Needed soon?, row 2']"), "—");
    assert_eq!(app.question("open_roles").find_all("tbody tr").len(), 2);

    app.open_worksheet("Mission and objectives");
    app.go_to_step("Our objectives");
    assert_eq!(app.answer_shown("objectives_review_on"), "2025-06-30");

    app.open_worksheet("Resources");
    assert_eq!(app.answer_shown("funding_target"), "$1,200.50");

    app.open_worksheet("Communication");
    assert_eq!(app.chosen("meeting_rhythm"), ["Other"]);
    assert_eq!(app.other_shown("meeting_rhythm"), "The first Monday of each month");
}

/// The number just before `suffix` in `text`: 80 for ("12 of 80 questions answered", " questions").
fn number_before(text: &str, suffix: &str) -> u32 {
    let head = text.split(suffix).next().unwrap_or_default();
    head.rsplit(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no number before {suffix:?} in {text:?}"))
}

#[test]
fn progress_in_the_sidebar_and_overview_follows_the_answers() {
    let app = App::shared();
    app.create_coalition("Progress Coalition", "", "");
    app.open_overview();
    let before = app.overview_progress();
    assert!(before.starts_with("0 of "), "a new coalition has nothing answered: {before}");
    let total = number_before(&before, " questions answered");
    assert_eq!(app.sidebar_count("Vision"), "0/6");

    app.open_worksheet("Vision");
    app.answer_text("vision", "Every street in town is safe to walk.");
    app.wait_saved();
    app.wait_for_sidebar_count("Vision", "1/6");
    app.go_to_step("Check your vision");
    app.choose("check_true", "5");
    app.wait_for_sidebar_count("Vision", "2/6");
    assert_eq!(app.sidebar_count("Shared purpose"), "0/7", "other worksheets do not move");

    // Clearing an answer takes it off the count again.
    app.go_to_step("Our vision");
    app.answer_text("vision", "");
    app.wait_saved();
    app.wait_for_sidebar_count("Vision", "1/6");
    app.answer_text("vision", "Every street in town is safe to walk.");
    app.wait_saved();
    app.wait_for_sidebar_count("Vision", "2/6");

    app.open_overview();
    let after = app.overview_progress();
    assert!(
        after.starts_with(&format!("2 of {total} questions answered")),
        "the overview counts both answers: {after}"
    );
}

#[test]
fn a_hundred_thousand_character_answer_comes_back_whole() {
    let app = App::shared();
    app.create_coalition("Long Answer Coalition", "", "");
    app.open_worksheet("Shared purpose");
    // Every line numbered, so a cut or a lost line anywhere shows.
    let mut long: String = (0..3_000).map(|i| format!("Line {i:05} of the long answer, pasted.\n")).collect();
    long.truncate(99_999);
    long.push('!');
    assert_eq!(long.chars().count(), 100_000);

    // Put in at once, with an input event, as a paste does (typing it would take minutes).
    let box_ = app.question("problem").find_now("textarea").expect("the problem box");
    app.expect_save();
    app.execute(
        "arguments[0].focus(); arguments[0].value = arguments[1];
         arguments[0].dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));",
        vec![box_.as_json(), json!(long)],
    );
    app.wait_saved();

    app.relaunch();
    app.open_coalition("Long Answer Coalition");
    app.open_worksheet("Shared purpose");
    let shown = app.answer_shown("problem");
    assert_eq!(shown.chars().count(), 100_000, "the answer comes back with every character");
    assert!(shown == long, "the answer comes back exactly as pasted");
}

#[test]
fn markup_in_an_answer_is_shown_as_text_and_never_runs() {
    let app = App::shared();
    app.create_coalition("Markup Coalition", "", "");
    app.open_worksheet("Shared purpose");
    let markup = "<img src=x onerror=\"window.__ran=1\"><script>window.__ran=2</script><b>bold</b> & done";
    app.question("problem").find_now("textarea").expect("the problem box").click();
    app.expect_save();
    app.insert_text(markup);
    app.wait_saved();

    app.relaunch();
    app.open_coalition("Markup Coalition");
    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), markup);

    // The review page writes answers out as text: the markup is there to read, not made.
    app.open_review();
    let shown = app.find_all("main.content .answer-text").iter().map(Element::text).find(|t| t.contains("<img"));
    assert_eq!(shown.as_deref(), Some(markup), "the review shows the answer literally");
    app.screenshot("wizard-markup-review");
    assert!(app.find_all("img[src='x']").is_empty(), "no image element was made from the answer");
    assert!(app.find_all("main.content b").is_empty(), "no bold element was made from the answer");
    assert!(app.find_all("main.content script").is_empty(), "no script element was made from the answer");
    assert_eq!(app.read_js("window.__ran ?? null"), json!(null), "nothing in the answer ran");
    assert_eq!(app.alert_text(), None);
}

#[test]
fn a_negative_amount_is_refused_at_the_question_and_the_typed_text_stays() {
    let app = App::shared();
    app.create_coalition("Money Coalition", "", "");
    app.open_worksheet("Resources");
    app.answer_text("funding_target", "-$250");
    let message = app.wait_for_question_error("funding_target");
    assert!(message.contains("can't be negative"), "the message says what is wrong: {message}");
    assert_eq!(app.answer_shown("funding_target"), "-$250", "what was typed stays in the box");
    assert_eq!(app.find("span.saved").text(), "Not saved");
    app.screenshot("wizard-negative-money");

    // Corrected, it saves and the message goes.
    app.answer_text("funding_target", "$250");
    app.wait_saved();
    app.wait_for("the message to go", || {
        app.question("funding_target").find_now(".q-error").is_some_and(|e| e.text().is_empty())
    });

    app.relaunch();
    app.open_coalition("Money Coalition");
    app.open_worksheet("Resources");
    assert_eq!(app.answer_shown("funding_target"), "$250.00");
}

#[test]
fn the_review_page_lists_what_the_plan_needs_and_edit_leads_to_the_step() {
    let app = App::shared();
    app.create_coalition("Review Coalition", "", "");
    app.open_review();
    let needed = app.find("main.content section.needed");
    let heading = needed.find_now("h2").expect("the heading").text();
    let links: Vec<String> = needed.find_all("a.edit-link").iter().map(Element::text).collect();
    assert_eq!(heading, format!("Still needed for the plan ({})", links.len()));
    for label in [
        "The problem or goal",
        "Shared priorities, ranked",
        "Vision statement",
        "Mission statement",
        "How decisions are made",
    ] {
        assert!(links.contains(&format!("Edit “{label}”")), "\"{label}\" is flagged as needed: {links:?}");
    }
    app.screenshot("wizard-review-needed");

    // "Edit" opens the worksheet at the step with that question, not at its start.
    let link = app
        .find_xpath("//section[contains(@class, 'needed')]//a[normalize-space(.)='Edit “Shared priorities, ranked”']");
    link.click();
    app.wait_for_step("Our shared priorities");
    assert_eq!(app.find("main.content h1").text(), "Common ground");
    app.answer_text("priorities", "Safe crossings");
    app.wait_saved();

    app.open_review();
    let links: Vec<String> =
        app.find("main.content section.needed").find_all("a.edit-link").iter().map(Element::text).collect();
    assert!(
        !links.contains(&"Edit “Shared priorities, ranked”".to_string()),
        "an answered question is no longer flagged"
    );
    assert_eq!(
        app.find("main.content section.needed h2").text(),
        format!("Still needed for the plan ({})", links.len())
    );
}

#[test]
fn the_structure_step_suggests_a_structure_with_reasons_from_the_factors() {
    let app = App::shared();
    app.create_coalition("Structure Coalition", "", "");
    app.open_worksheet("Structure");
    app.go_to_step("Where you are now");
    app.choose("factor_stage", "Just starting out");
    app.go_to_step("Your size and scope");
    app.choose("factor_urgency", "Very urgent: we need to act now");

    app.go_to_step("Our structure and officers");
    let suggestion = app.find("main.content aside.suggestion");
    app.wait_for("the suggestion", || suggestion.text().contains("What we suggest"));
    let reasons: Vec<String> = suggestion.find_all("li").iter().map(Element::text).collect();
    assert!(reasons.iter().any(|r| r.starts_with("Your coalition is new")), "a reason names the stage: {reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("The work is very urgent")),
        "a reason names the urgency: {reasons:?}"
    );
    let recommended = suggestion.find_now("p").expect("the suggestion line").text();
    assert!(
        recommended.starts_with("Steering committee"),
        "a new, urgent coalition starts with a steering committee: {recommended}"
    );
    app.screenshot("wizard-structure-suggestion");
}

/// Adds a budget line through its form and waits for it in the list.
fn add_budget_line(app: &App, direction: &str, description: &str, amount: &str) {
    let before = app.question("budget_lines").find_all("table.records-table tbody tr").len();
    app.click_button("Add a budget line");
    app.wait_for_dialog("Add a budget line");
    app.select_option("dialog[open] select[name='direction']", direction);
    app.find("dialog[open] input[name='description']").send_keys(description);
    app.expect_save();
    // Enter sends the form, as it does for a person typing (its Save button is below the fold).
    app.find("dialog[open] input[name='amount']").send_keys(&format!("{amount}{}", keys::ENTER));
    app.wait_for("the budget line form to close", || !app.dialog_is_open());
    app.wait_saved();
    app.wait_for("the new budget line in the list", || {
        app.question("budget_lines").find_all("table.records-table tbody tr").len() == before + 1
    });
}

/// The line under the budget list, as shown.
fn budget_totals(app: &App) -> String {
    app.question("budget_lines").find_now("p.totals").map(|e| e.text()).unwrap_or_default()
}

#[test]
fn the_budget_shows_its_totals_and_the_gap_worked_out_by_the_core() {
    let app = App::shared();
    app.create_coalition("Budget Coalition", "", "");
    app.open_worksheet("Budget");
    assert!(app.question("budget_lines").find_now("p.totals").is_none(), "an empty list has no totals");

    add_budget_line(&app, "Expense (money out)", "Half-time coordinator", "32000");
    add_budget_line(&app, "Expense (money out)", "Printing", "500.50");
    add_budget_line(&app, "Income (money in)", "County grant", "30000");
    let rows: Vec<Vec<String>> = app
        .question("budget_lines")
        .find_all("table.records-table tbody tr")
        .iter()
        .map(|row| row.find_all("td").iter().map(Element::text).collect())
        .collect();
    assert_eq!(rows[1][..4], ["Printing", "Expense (money out)", "", "$500.50"], "{rows:?}");
    app.wait_for("the totals and the gap", || {
        budget_totals(&app) == "Costs $32,500.50 · Income $30,000.00 · Still to find: $2,500.50"
    });
    app.screenshot("wizard-budget-totals");

    add_budget_line(&app, "Income (money in)", "Member dues", "3000");
    app.wait_for("income that covers the costs", || {
        budget_totals(&app) == "Costs $32,500.50 · Income $33,000.00 · Covered, with $499.50 to spare"
    });
}
