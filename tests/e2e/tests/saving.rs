//! What "Saved" promises: once the indicator says it, the answer is on disk, even if the app is
//! killed the next moment; it says "Not saved" while any answer on the screen is not, and such an
//! answer holds its step; numbers are read by the core alone; a double click saves once.
//!
//! The tests share one app (`App::shared`), each with a coalition of its own, except the one that
//! kills the app and the one that counts every coalition there is: those start their own.
//!
//! Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test saving -- --test-threads=1`

use std::time::Duration;

use common_ground_e2e::App;

#[test]
fn an_answer_survives_killing_the_app_right_after_saved() {
    let app = App::launch();
    app.create_coalition("Westfield Health Partners", "Fewer missed check-ups", "");
    app.open_worksheet("Shared purpose");
    let answer = "Half the families in Westfield have no doctor within reach by bus.";
    app.answer_text("problem", answer);
    app.wait_saved();

    app.kill_app_hard();
    app.relaunch();

    app.open_coalition("Westfield Health Partners");
    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), answer);
}

/// Types into question `question_id` without waiting for its save (which waits for a pause).
fn type_now(app: &App, question_id: &str, text: &str) {
    app.question(question_id).find_now("input, textarea").expect("a text box").send_keys(text);
}

fn indicator(app: &App) -> String {
    app.find("span.saved").text()
}

#[test]
fn an_answer_that_failed_to_save_holds_its_step_after_not_saved_shows() {
    let app = App::shared();
    app.create_coalition("Held Answer Coalition", "", "");
    app.open_worksheet("Resources");
    type_now(&app, "funding_target", "-$250");
    let message = app.wait_for_question_error("funding_target");
    assert!(message.contains("can't be negative"), "the question says why: {message}");
    app.wait_for("the indicator to say \"Not saved\"", || indicator(&app) == "Not saved");

    // The failed save is long over; going on must still hear of it.
    app.next_step();
    let toast = app.wait_for_toast("Not saved");
    assert!(toast.contains("can't be negative"), "the toast says why: {toast}");
    app.screenshot("saving-not-saved-holds-the-step");
    assert_eq!(app.current_step_title(), "What we need and what we have", "the person stays at the question");
    assert_eq!(app.answer_shown("funding_target"), "-$250");

    // A file made now would carry the old value: Export says so first.
    app.click_button("Export…");
    app.wait_for_dialog("Export the coalition for partners");
    // Should the export go ahead anyway, its file dialog is cancelled rather than left open.
    app.prepare_dialog_cancel();
    app.click_button_in(common_ground_e2e::OPEN_DIALOG, "Export…");
    let refused = app.wait_for_form_error();
    assert!(refused.contains("not saved") && refused.contains("can't be negative"), "{refused}");
}

#[test]
fn the_indicator_says_not_saved_while_any_answer_on_the_screen_is_not_saved() {
    let app = App::shared();
    app.create_coalition("Whole Screen Coalition", "", "");
    app.open_worksheet("Resources");
    type_now(&app, "funding_target", "-$250");
    app.wait_for_question_error("funding_target");
    // Another question on the same step saves fine afterwards.
    app.answer_text("people_needed", "Two drivers on Saturdays.");
    app.wait_for("the second save to finish", || indicator(&app) != "Saving…");
    assert_eq!(indicator(&app), "Not saved", "one answer on the screen is still not saved");

    // Once it is put right, everything on the screen is saved.
    app.answer_text("funding_target", "$250");
    app.wait_saved();
    assert!(app.find("section.question[data-question='funding_target'] .q-error").text().is_empty());
}

#[test]
fn the_core_alone_reads_typed_numbers_and_the_page_shows_why() {
    let app = App::shared();
    app.create_coalition("Careful Counting Coalition", "", "");
    app.open_worksheet("Common ground");
    // Once turned into Infinity by the page, then saved as nothing and shown as "Saved".
    type_now(&app, "people_heard", "1e999");
    let message = app.wait_for_question_error("people_heard");
    assert!(message.contains("digits only"), "the question says what is wrong: {message}");
    app.wait_for("the indicator to say \"Not saved\"", || indicator(&app) == "Not saved");

    // Once read by the page as 15, while the core refused it.
    app.answer_text("people_heard", "1,5");
    app.wait_for("a message about the comma", || {
        app.find("section.question[data-question='people_heard'] .q-error").text().contains("comma")
    });
    assert_eq!(indicator(&app), "Not saved");

    app.answer_text("people_heard", "1,200");
    app.wait_saved();
    app.open_overview();
    app.open_worksheet("Common ground");
    assert_eq!(app.answer_shown("people_heard"), "1200");

    // Money typed with a sign and thousands goes through the same reading.
    app.open_worksheet("Resources");
    app.answer_text("funding_target", "$1,5");
    let money = app.wait_for_question_error("funding_target");
    assert!(money.contains("comma"), "{money}");
}

#[test]
fn a_double_click_on_save_makes_one_partner() {
    let app = App::shared();
    app.create_coalition("One Of Each Coalition", "", "");
    app.open_worksheet("Who to involve");
    app.click_button("Add a partner");
    app.wait_for_dialog("Add a partner");
    app.find("dialog[open] input[name='name']").send_keys("Eastport Library");
    app.expect_save();
    app.find("dialog[open] button[type='submit']").double_click();
    app.wait_for("the partner form to close", || !app.dialog_is_open());
    app.wait_saved();
    // Time for a second save, had one started, to land and show.
    std::thread::sleep(Duration::from_secs(1));
    app.open_overview();
    app.open_worksheet("Who to involve");
    let rows = app.find_all("table.records-table tbody tr");
    assert_eq!(rows.len(), 1, "one partner, not {}", rows.len());
}

#[test]
fn a_double_click_on_create_makes_one_coalition() {
    let app = App::launch();
    app.click_button("Start a new coalition");
    app.fill_coalition_form("Only Once Coalition", "", "");
    app.find("dialog[open] button[type='submit']").double_click();
    app.wait_for_workspace("Only Once Coalition");
    std::thread::sleep(Duration::from_secs(1));
    app.go_home();
    app.wait_for_coalition_names(&["Only Once Coalition"]);
}
