//! Moving between screens in the real window: Back and Forward (Alt+Left, Alt+Right, or the
//! history itself) retrace the screens visited, the address names the screen, a dialog stays
//! put until Escape closes it, and an answer that cannot be saved holds Back once.
//!
//! The tests share one app (`App::shared`), each with a coalition of its own.
//!
//! Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test navigation -- --test-threads=1`

use common_ground_e2e::{keys, App};

fn back(app: &App) {
    app.press_chord(keys::ALT, keys::ARROW_LEFT);
}

fn forward(app: &App) {
    app.press_chord(keys::ALT, keys::ARROW_RIGHT);
}

fn address(app: &App) -> String {
    app.read_js("location.hash").as_str().unwrap_or_default().to_string()
}

fn wait_for_heading(app: &App, heading: &str) {
    app.wait_for(&format!("the heading \"{heading}\""), || {
        app.find_now("main h1").and_then(|h| h.try_text().ok()).as_deref() == Some(heading)
    });
}

#[test]
fn back_and_forward_retrace_the_screens_visited() {
    let app = App::shared();
    app.create_coalition("Retrace Coalition", "", "");
    app.open_worksheet("Shared purpose");
    app.wait_for_step("The problem we share");
    app.next_step();
    app.wait_for_step("Who we are");
    let step_address = address(&app);
    assert!(step_address.starts_with("#/coalitions/") && step_address.ends_with("/worksheets/shared-purpose/1"), "{step_address}");
    app.open_review();

    back(&app);
    app.wait_for_step("Who we are");
    assert_eq!(address(&app), step_address, "the address follows the screen");
    back(&app);
    app.wait_for_step("The problem we share");
    forward(&app);
    app.wait_for_step("Who we are");
    forward(&app);
    wait_for_heading(&app, "Check your answers");

    // The window's own history, as a mouse's back button uses it.
    app.execute("history.back();", vec![]);
    app.wait_for_step("Who we are");
    back(&app);
    app.wait_for_step("The problem we share");
    back(&app);
    app.wait_for("the overview", || app.find_now("main.content section.plan-progress").is_some());
    back(&app);
    app.wait_for_home();
    forward(&app);
    app.wait_for_workspace("Retrace Coalition");

    // The sidebar marks where the person is after each move.
    forward(&app);
    app.wait_for_step("The problem we share");
    let current = app.find("nav.sidebar a[aria-current=page]").text();
    assert!(current.starts_with("Shared purpose"), "the current worksheet is marked: {current}");
}

#[test]
fn a_dialog_stays_until_escape_closes_it() {
    let app = App::shared();
    app.create_coalition("Steady Dialog Coalition", "", "");
    app.open_worksheet("Vision");
    app.click_button("Details");
    app.wait_for_dialog("Coalition details");

    // Back does not move the screen from under an open dialog.
    back(&app);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(app.dialog_is_open(), "the dialog is still open");
    wait_for_heading(&app, "Vision");

    app.press_keys(keys::ESCAPE);
    app.wait_for("the dialog to close", || !app.dialog_is_open());
    wait_for_heading(&app, "Vision");
    back(&app);
    app.wait_for("the overview", || app.find_now("main.content section.plan-progress").is_some());
}

#[test]
fn back_with_an_answer_that_cannot_be_saved_stays_once() {
    let app = App::shared();
    app.create_coalition("Careful Steps Coalition", "", "");
    app.open_worksheet("Resources");
    let resources = address(&app);
    app.question("funding_target").find_now("input").expect("the funding box").send_keys("-$250");
    back(&app);
    let toast = app.wait_for_toast("Not saved");
    assert!(toast.contains("can't be negative"), "the toast says why: {toast}");
    wait_for_heading(&app, "Resources");
    app.wait_for("the address to name Resources again", || address(&app) == resources);
    assert_eq!(app.answer_shown("funding_target"), "-$250");

    // Going back again leaves without it, and Forward still leads to it.
    back(&app);
    app.wait_for("the overview", || app.find_now("main.content section.plan-progress").is_some());
    forward(&app);
    wait_for_heading(&app, "Resources");
}
