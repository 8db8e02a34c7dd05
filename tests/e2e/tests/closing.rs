//! Closing the app the moment after typing keeps what was typed: typing is saved after a short
//! pause, and a close request lets the page send what is still waiting before the app exits.
//! The close comes the way a person's does, through a real window manager (the close button and
//! Alt+F4 both send the window the same request), or as the system's quit signal at log-out.
//!
//! When an answer on the screen could not be saved, a close from the window asks first: going
//! back keeps the app open with what was typed, closing anyway closes it.
//!
//! Needs `openbox` and `wmctrl` (scripts/install-deps.sh --test). Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test closing -- --test-threads=1`

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common_ground_e2e::{keys, App};

/// A window manager on the app's display, for as long as the test holds it. Without one nobody
/// turns "close this window" into the window's close request.
struct WindowManager {
    process: Child,
    display: String,
}

impl WindowManager {
    fn start(display: &str) -> WindowManager {
        let process = Command::new("openbox")
            .env("DISPLAY", display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start openbox ({e}); install it with scripts/install-deps.sh --test"));
        let manager = WindowManager { process, display: display.to_string() };
        let deadline = Instant::now() + Duration::from_secs(15);
        // `wmctrl -m` answers once a window manager runs on the display.
        while !manager.wmctrl(&["-m"]) {
            assert!(Instant::now() < deadline, "openbox did not start on {display} within 15 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        manager
    }

    fn wmctrl(&self, args: &[&str]) -> bool {
        Command::new("wmctrl")
            .args(args)
            .env("DISPLAY", &self.display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("could not run wmctrl ({e}); install it with scripts/install-deps.sh --test"))
            .success()
    }

    /// Asks the window manager to close the window titled `title`, as its close button does: the
    /// manager sends the window WM_DELETE_WINDOW, and the app decides what happens.
    fn close_window(&self, title: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        // The manager may still be taking the window on; until it has, wmctrl does not find it.
        while !self.wmctrl(&["-c", title]) {
            assert!(Instant::now() < deadline, "the window manager found no window titled {title:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for WindowManager {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Types into question `question_id` without waiting for its save (which waits for a pause).
fn type_now(app: &App, question_id: &str, text: &str) {
    app.question(question_id).find_now("input, textarea").expect("a text box").send_keys(text);
}

#[test]
fn words_typed_just_before_closing_the_window_are_kept() {
    let app = App::launch();
    let manager = WindowManager::start(app.display_name());
    app.create_coalition("Last Word Coalition", "", "");
    app.open_worksheet("Shared purpose");
    let answer = "Buses stop at six, so evening shifts mean a long walk home.";
    type_now(&app, "problem", answer);
    // At once, well within the pause the app waits for before it saves typing.
    manager.close_window("Common Ground");
    assert!(app.wait_for_app_to_exit(Duration::from_secs(10)), "the app closes within 10 s of the close request");

    app.relaunch();
    app.open_coalition("Last Word Coalition");
    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), answer);
}

#[test]
fn words_typed_just_before_the_system_quits_the_app_are_kept() {
    let app = App::launch();
    app.create_coalition("Log Out Coalition", "", "");
    app.open_worksheet("Shared purpose");
    let answer = "Nobody answers the clinic phone after four.";
    type_now(&app, "problem", answer);
    // SIGTERM, as at log-out or shutdown.
    app.quit();

    app.relaunch();
    app.open_coalition("Log Out Coalition");
    app.open_worksheet("Shared purpose");
    assert_eq!(app.answer_shown("problem"), answer);
}

#[test]
fn closing_with_an_answer_not_saved_asks_first_and_going_back_keeps_the_app_open() {
    let app = App::launch();
    let manager = WindowManager::start(app.display_name());
    app.create_coalition("Unsaved Close Coalition", "", "");
    app.open_worksheet("Resources");
    type_now(&app, "funding_target", "-$250");
    app.wait_for_question_error("funding_target");
    app.wait_for("the indicator to say \"Not saved\"", || app.find("span.saved").text() == "Not saved");

    manager.close_window("Common Ground");
    let question = app.wait_for_dialog("Close without saving?");
    assert!(question.contains("1 answer could not be saved"), "the dialog says how many: {question}");
    assert!(question.contains("can't be negative"), "the dialog says why: {question}");
    assert_eq!(app.focused().text(), "Go back and fix", "the safe choice has the keyboard");
    app.screenshot("closing-not-saved-asks");

    // Escape is "Go back": longer than the app would ever wait for the page, it stays open.
    app.press_keys(keys::ESCAPE);
    app.wait_for("the dialog to close after Escape", || !app.dialog_is_open());
    assert!(!app.wait_for_app_to_exit(Duration::from_secs(5)), "going back keeps the app open");
    assert_eq!(app.answer_shown("funding_target"), "-$250", "what was typed is still there");
    assert_eq!(app.focused().value(), "-$250", "the answer to fix has the keyboard");

    // Going back again with the button, then the third close is let through.
    manager.close_window("Common Ground");
    app.wait_for_dialog("Close without saving?");
    app.answer_dialog("Go back and fix");
    assert!(!app.wait_for_app_to_exit(Duration::from_secs(4)), "going back keeps the app open");

    manager.close_window("Common Ground");
    app.wait_for_dialog("Close without saving?");
    // The app may be gone before the click's answer comes back, so that answer is not awaited.
    let close_anyway = app.find_xpath("//dialog[@open]//button[normalize-space(.)='Close anyway']");
    let _ = close_anyway.try_click();
    assert!(app.wait_for_app_to_exit(Duration::from_secs(10)), "\"Close anyway\" closes the app");
}

#[test]
fn the_system_quitting_with_an_answer_not_saved_does_not_wait_for_a_person() {
    let app = App::launch();
    app.create_coalition("Unsaved Quit Coalition", "", "");
    app.open_worksheet("Resources");
    type_now(&app, "funding_target", "-$250");
    app.wait_for_question_error("funding_target");
    // SIGTERM, as at log-out: nobody can be asked, so the app exits as before.
    let started = Instant::now();
    app.quit();
    assert!(started.elapsed() < Duration::from_secs(8), "the app exits without asking");
    app.relaunch();
    app.wait_for_coalition_names(&["Unsaved Quit Coalition"]);
}
