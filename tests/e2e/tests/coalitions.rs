//! Coalitions on the home screen, end to end in the real window: create, rename, delete with
//! undo, restart, refuse bad names, and open the example.
//!
//! Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test coalitions -- --test-threads=1`

use common_ground_e2e::{App, OPEN_DIALOG};
use serde_json::json;

const EXAMPLE_NAME: &str = "Harbor County Youth Wellbeing Coalition";

#[test]
fn a_new_coalition_appears_in_the_list() {
    let app = App::launch();
    app.create_coalition("Riverside Food Alliance", "Fresh food within a short walk for every family", "2024-03-01");
    app.screenshot("create-coalition-workspace");
    app.go_home();
    app.wait_for_coalition_names(&["Riverside Food Alliance"]);
    let item = app.coalition_item("Riverside Food Alliance");
    assert_eq!(
        item.find_now(".focus").expect("the focus line").text(),
        "Fresh food within a short walk for every family"
    );

    // What was typed into the form, the date included, is what the form shows next time.
    app.click_button("Rename Riverside Food Alliance");
    assert_eq!(app.find("dialog[open] input[name='start_date']").value(), "2024-03-01");
    app.answer_dialog("Cancel");

    app.screenshot("create-coalition-home");
}

#[test]
fn a_renamed_coalition_keeps_its_new_name_after_a_restart() {
    let app = App::launch();
    app.create_coalition("Eastside Youth Table", "After-school places for teens", "");
    app.go_home();

    app.click_button("Rename Eastside Youth Table");
    let name = app.find("dialog[open] input[name='name']");
    assert_eq!(name.value(), "Eastside Youth Table", "the form starts from the current name");
    app.fill_coalition_form("Eastside Youth Council", "After-school places for teens", "");
    app.click_button_in(OPEN_DIALOG, "Save");
    app.wait_for("the dialog to close", || !app.dialog_is_open());
    app.wait_for_coalition_names(&["Eastside Youth Council"]);
    assert!(
        app.toasts().iter().any(|t| t.contains("Eastside Youth Council")),
        "a toast confirms the save: {:?}",
        app.toasts()
    );

    app.relaunch();
    app.wait_for_coalition_names(&["Eastside Youth Council"]);
    app.open_coalition("Eastside Youth Council");
}

#[test]
fn deleting_asks_first_can_be_undone_and_lasts_after_a_restart() {
    let app = App::launch();
    app.create_coalition("Northgate Safe Streets", "Safer walks to school", "");
    // One answer, so the confirmation has something to count.
    app.open_worksheet("Shared purpose");
    app.answer_text("problem", "Children cross four-lane roads without crossings.");
    app.wait_saved();
    app.go_home();

    // The confirmation names the coalition and what goes with it; Cancel keeps everything.
    app.click_button("Delete Northgate Safe Streets");
    let warning = app.dialog_text();
    assert!(warning.contains("Delete \"Northgate Safe Streets\"?"), "the confirmation names the coalition: {warning}");
    assert!(warning.contains("1 answer "), "the confirmation counts the answers: {warning}");
    assert!(warning.contains("0 list items"), "the confirmation counts the list items: {warning}");
    app.answer_dialog("Cancel");
    app.wait_for_coalition_names(&["Northgate Safe Streets"]);

    // Confirming removes it; Undo brings it back with its answer.
    app.click_button("Delete Northgate Safe Streets");
    app.answer_dialog("Delete coalition");
    app.wait_for_coalition_names(&[]);
    assert!(
        app.toasts().iter().any(|t| t == "Deleted \"Northgate Safe Streets\"."),
        "a toast says what was deleted: {:?}",
        app.toasts()
    );
    app.undo_from_toast();
    app.wait_for_coalition_names(&["Northgate Safe Streets"]);
    app.open_coalition("Northgate Safe Streets");
    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), "Children cross four-lane roads without crossings.");
    app.go_home();

    // Deleted again and not undone, it stays gone after a restart.
    app.click_button("Delete Northgate Safe Streets");
    app.answer_dialog("Delete coalition");
    app.wait_for_coalition_names(&[]);
    app.relaunch();
    app.wait_for_coalition_names(&[]);
    assert!(app.page_text().contains("None yet."), "the empty list says so");
}

#[test]
fn an_empty_name_is_refused_with_a_clear_message() {
    let app = App::launch();
    app.click_button("Start a new coalition");
    app.fill_coalition_form("   ", "Clean air near the port", "");
    app.submit_dialog();

    let message = app.wait_for_form_error();
    assert_eq!(message, "Please give the coalition's name.");
    assert!(app.dialog_is_open(), "the form stays open so the person can fix it");
    assert_eq!(app.focused().attribute("name").as_deref(), Some("name"), "the cursor goes back to the name");
    assert_eq!(app.find("dialog[open] input[name='focus']").value(), "Clean air near the port", "what was typed stays");

    app.answer_dialog("Cancel");
    app.wait_for_coalition_names(&[]);
    app.relaunch();
    app.wait_for_coalition_names(&[]);
}

#[test]
fn a_ten_thousand_character_name_is_refused_with_the_limit_in_the_message() {
    let app = App::launch();
    app.click_button("Start a new coalition");
    let name = app.find("dialog[open] input[name='name']");

    // A long paste goes in whole (the box has no silent limit), so the person reads why it is refused.
    let long_name = "a".repeat(10_000);
    app.execute("arguments[0].value = arguments[1];", vec![name.as_json(), json!(long_name)]);
    app.submit_dialog();
    let message = app.wait_for_form_error();
    assert!(message.contains("too long"), "the message says what is wrong: {message}");
    assert!(message.contains("200"), "the message gives the limit: {message}");
    assert!(message.contains("10000"), "the message gives the length typed: {message}");

    app.answer_dialog("Cancel");
    app.wait_for_coalition_names(&[]);
}

#[test]
fn a_name_with_emoji_right_to_left_text_and_markup_is_shown_as_plain_text() {
    let app = App::launch();
    let typed = "Friends 🌱 of the park — חברים של הפארק — ";
    let markup = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    let name = format!("{typed}{markup}");

    app.click_button("Start a new coalition");
    app.fill_coalition_form("Friends ", "", "");
    // WebKitWebDriver cannot type the emoji, so it goes in like a paste; the rest is typed.
    app.insert_text("🌱");
    app.focused().send_keys(&format!(" of the park — חברים של הפארק — {markup}"));
    assert_eq!(app.find("dialog[open] input[name='name']").value(), name);
    app.submit_dialog();
    app.wait_for_workspace(&name);

    app.go_home();
    app.wait_for_coalition_names(&[&name]);
    let list = app.find(".coalition-list");
    assert!(list.find_all("img").is_empty(), "no image element was made from the name");
    assert!(list.find_all("script").is_empty(), "no script element was made from the name");
    let shown = app.coalition_item(&name).find_now(".name").expect("the name").text();
    assert_eq!(shown, name, "the name is shown exactly as typed");
    assert_eq!(app.alert_text(), None, "no script from the name ran");
    app.screenshot("unusual-name-home");

    // The confirmation quotes the name literally too.
    app.click_button(&format!("Delete {name}"));
    assert!(app.dialog_text().starts_with(&format!("Delete \"{name}\"?")));
    assert!(app.find("dialog[open]").find_all("img").is_empty(), "no image element in the confirmation");
    app.answer_dialog("Cancel");
}

#[test]
fn the_example_coalition_opens_in_its_workspace() {
    let app = App::launch();
    app.click_button("Open the example coalition");
    app.wait_for_workspace(EXAMPLE_NAME);
    assert!(app.find("nav.sidebar").text().contains("Shared purpose"), "the sidebar lists the worksheets");
    let started = app.find_xpath("//main//p[starts-with(normalize-space(.), 'Started ')]").text();
    assert_eq!(started, "Started 1 September 2024", "the start date reads as the core wrote it");

    app.go_home();
    app.wait_for_coalition_names(&[EXAMPLE_NAME]);
    let badge = app.coalition_item(EXAMPLE_NAME).find_now(".badge").map(|b| b.text());
    assert_eq!(badge.as_deref(), Some("Example"));

    // Opening it again goes to the same coalition instead of making a second copy.
    app.click_button("Open the example coalition");
    app.wait_for_workspace(EXAMPLE_NAME);
    app.go_home();
    app.wait_for_coalition_names(&[EXAMPLE_NAME]);
}
