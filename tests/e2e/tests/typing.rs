//! What a person types is never lost or overtaken: leaving a step the moment after typing, a
//! slow save overtaken by a newer one, the sidebar refreshing while it has focus, dialogs giving
//! focus back, and failures shown where the person acted.
//!
//! The tests share one app (`App::shared`), each with a coalition of its own.
//!
//! Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test typing -- --test-threads=1`

use common_ground_e2e::{keys, App};

const OPEN_DIALOG: &str = "//dialog[@open]";

/// Types into question `question_id` without waiting for its save (which waits for a pause).
fn type_now(app: &App, question_id: &str, text: &str) {
    app.question(question_id).find_now("input, textarea").expect("a text box").send_keys(text);
}

/// Makes the page's calls go through `script`, the body of `(command, args, invoke) => Promise`,
/// so a test can slow a call down or make it fail.
fn intercept(app: &App, script: &str) {
    app.execute(
        &format!(
            "const tauri = window.__TAURI__; const invoke = tauri.core.invoke;
             const wrap = (command, args, invoke) => {{ {script} }};
             // Tauri's own object is frozen: put a copy with the wrapped call in its place.
             window.__TAURI__ = {{ ...tauri, core: {{ ...tauri.core, invoke: (command, args) => wrap(command, args, invoke) }} }};"
        ),
        vec![],
    );
}

fn main_heading(app: &App) -> String {
    app.find("main.content h1").text()
}

#[test]
fn an_answer_typed_just_before_leaving_the_step_is_on_the_next_screen() {
    let app = App::shared();
    app.create_coalition("Quick Feet Coalition", "", "");
    app.open_worksheet("Shared purpose");
    type_now(&app, "problem", "Buses stop running at six.");
    // At once, well within the pause the app waits for before it saves typing.
    app.open_overview();
    let progress = app.overview_progress();
    assert!(progress.starts_with("1 of "), "the overview counts the answer typed a moment ago: {progress}");
    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), "Buses stop running at six.");
}

#[test]
fn an_answer_that_cannot_be_saved_keeps_the_person_at_the_question_once() {
    let app = App::shared();
    app.create_coalition("Careful Coalition", "", "");
    app.open_worksheet("Resources");
    type_now(&app, "funding_target", "-$250");
    app.click_button("← All coalitions");
    let toast = app.wait_for_toast("Not saved");
    assert!(toast.contains("can't be negative"), "the toast says why: {toast}");
    let message = app.wait_for_question_error("funding_target");
    assert!(message.contains("can't be negative"), "the question says why: {message}");
    assert_eq!(main_heading(&app), "Resources", "the person stays where the problem is");
    assert_eq!(app.answer_shown("funding_target"), "-$250");
    // Going on again leaves without it.
    app.go_home();
}

#[test]
fn a_slow_save_never_lands_after_a_newer_one() {
    let app = App::shared();
    app.create_coalition("Second Thoughts Coalition", "", "");
    app.open_worksheet("Shared purpose");
    // The first save of an answer takes a second and a half to reach the data file.
    intercept(
        &app,
        "if (command === 'plugin:worksheets|save_answer' && !window.__slowedOnce) {
           window.__slowedOnce = true;
           return new Promise((done) => setTimeout(done, 1500)).then(() => invoke(command, args));
         }
         return invoke(command, args);",
    );
    app.answer_text("problem", "First thoughts");
    app.answer_text("problem", "Second thoughts");
    app.wait_saved();
    std::thread::sleep(std::time::Duration::from_secs(2));

    app.open_overview();
    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), "Second thoughts", "the newest text is what is kept");
}

#[test]
fn a_save_does_not_take_keyboard_focus_away_from_the_sidebar() {
    let app = App::shared();
    app.create_coalition("Steady Focus Coalition", "", "");
    app.open_worksheet("Shared purpose");
    app.expect_save();
    type_now(&app, "problem", "Nowhere to meet after dark.");
    // The person moves on with the keyboard before the save (and its progress update) is done.
    app.execute("document.querySelector('nav.sidebar a[aria-current=page]').focus();", vec![]);
    app.wait_saved();
    app.wait_for_sidebar_count("Shared purpose", "1/7");
    let focused = app.read_js("document.activeElement.closest('nav.sidebar') ? document.activeElement.textContent : document.activeElement.tagName");
    assert_eq!(focused.as_str(), Some("Shared purpose1/7"), "focus stays on the sidebar link");
}

#[test]
fn closing_a_dialog_gives_focus_back_to_the_button_that_opened_it() {
    let app = App::shared();
    app.create_coalition("Back Again Coalition", "", "");
    app.click_button("Details");
    app.wait_for_dialog("Coalition details");
    app.press_keys(keys::ESCAPE);
    app.wait_for("the dialog to close", || !app.dialog_is_open());
    let focused = app.read_js("document.activeElement.textContent");
    assert_eq!(focused.as_str(), Some("Details"));
}

#[test]
fn a_list_item_that_cannot_be_removed_says_so() {
    let app = App::shared();
    app.create_coalition("Stubborn Coalition", "", "");
    app.open_worksheet("Who to involve");
    app.click_button("Add a partner");
    app.wait_for_dialog("Add a partner");
    app.find("dialog[open] input[name='name']").send_keys("Eastport Library");
    app.expect_save();
    app.click_button_in(OPEN_DIALOG, "Save");
    app.wait_for("the partner form to close", || !app.dialog_is_open());
    app.wait_saved();

    intercept(
        &app,
        "if (command === 'plugin:records|delete_record') return Promise.reject({ kind: 'io', message: 'The disk is full.' });
         return invoke(command, args);",
    );
    app.click_button("Remove Eastport Library");
    let toast = app.wait_for_toast("The disk is full.");
    assert!(!toast.contains("Undo"), "nothing was removed, so nothing to undo: {toast}");
}

