//! End-to-end harness for Common Ground: starts the real app window through tauri-driver and
//! WebKitWebDriver, with a data folder of its own, and drives it like a person would.
//!
//! `App::launch()` gives a running app on its first screen with a fresh data folder (`launch_in`
//! on a data folder the test keeps); `App::shared()` gives the app the tests of one file share,
//! back on its first screen (see `shared.rs`). `App` finds elements, clicks, types, waits, runs
//! scripts, takes screenshots, answers native file dialogs (`prepare_dialog_answer`), restarts
//! the app on the same data (`relaunch`) and kills it without warning (`kill_app_hard`).
//! Screen-specific steps (create a coalition, answer a question, wait for "Saved") live in
//! `screens.rs`.
//!
//! Tests take turns: a test holds its turn for as long as it drives an app, because two WebKit
//! windows at work on two cores make each other slow enough to turn waits into flakes.
//!
//! This crate must not know how the app works inside: it only sees what a person sees, plus the
//! data folder on disk.

mod element;
mod processes;
mod screens;
mod shared;
mod webdriver;

use std::cell::{Cell, RefCell};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use base64::Engine as _;
use serde_json::{json, Value};

pub use element::Element;
pub use screens::OPEN_DIALOG;
pub use shared::SharedApp;
pub use webdriver::{WdResult, WebDriverError};

use processes::Display;
use webdriver::{element_id, WebDriver};

/// WebDriver's codes for keys that are not characters, for `send_keys`.
pub mod keys {
    pub const BACKSPACE: &str = "\u{E003}";
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SHIFT: &str = "\u{E008}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const SPACE: &str = "\u{E00D}";
    pub const ARROW_LEFT: &str = "\u{E012}";
    pub const ARROW_UP: &str = "\u{E013}";
    pub const ARROW_RIGHT: &str = "\u{E014}";
    pub const ARROW_DOWN: &str = "\u{E015}";
    pub const CONTROL: &str = "\u{E009}";
    pub const ALT: &str = "\u{E00A}";
}

/// How long a wait lasts before the test fails. Generous: a debug build on two shared cores.
pub const WAIT: Duration = Duration::from_secs(15);

/// The environment variable that points the app at its data folder.
pub const DATA_DIR_VARIABLE: &str = "COMMON_GROUND_DATA_DIR";
/// Names a file of prepared answers for the native file dialogs (debug builds of the app only):
/// each dialog takes the first line, a path or an empty line for "Cancel".
pub const DIALOG_ANSWERS_VARIABLE: &str = "COMMON_GROUND_TEST_DIALOG_ANSWERS";
/// Overrides which app binary is tested (absolute path); by default target/debug/common-ground.
pub const APP_VARIABLE: &str = "COMMON_GROUND_APP";

/// Whether a test is driving an app now; see `Turn`.
static TURN_TAKEN: Mutex<bool> = Mutex::new(false);
static TURN_FREED: Condvar = Condvar::new();

/// A test's turn to drive an app, so that tests in one binary never overlap. Held by an `App` of
/// the test's own for its whole life, and by a `SharedApp` while a test uses the shared app.
pub(crate) struct Turn(());

impl Turn {
    /// Waits until no other test drives an app, then takes the turn.
    pub(crate) fn take() -> Turn {
        let mut taken = TURN_TAKEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while *taken {
            taken = TURN_FREED.wait(taken).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *taken = true;
        Turn(())
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        *TURN_TAKEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = false;
        TURN_FREED.notify_one();
    }
}

/// The running app, driven through WebDriver.
pub struct App {
    driver: WebDriver,
    session: RefCell<Option<String>>,
    tauri_driver: Child,
    driver_port: u16,
    binary: PathBuf,
    /// The last known app process, to see it exit on relaunch.
    app_pid: Cell<Option<i32>>,
    /// Which saves the next `wait_saved` waits for (see `screens.rs`).
    pub(crate) save_mark: Cell<u64>,
    /// The folder the app keeps its data in: inside `workdir`, or one the test owns.
    data_dir: PathBuf,
    /// The prepared answers for native file dialogs (see `prepare_dialog_answer`).
    dialog_answers: PathBuf,
    // Dropped in this order after `Drop::drop` has stopped the processes.
    // An Xvfb of our own stops with the App, when this is dropped.
    display: Display,
    workdir: tempfile::TempDir,
    /// The test's turn, for an app of its own; a shared app takes none (see `shared.rs`).
    _turn: Option<Turn>,
    /// Set when the shared app is stopped as the test program exits: no more WebDriver calls.
    pub(crate) stopping_at_exit: bool,
}

impl App {
    /// Starts the app with a new, empty data folder and waits for its first screen.
    pub fn launch() -> App {
        Self::start(None, true, Some(Turn::take()))
    }

    /// Starts the app on the data folder `data_dir` (made if missing) and waits for the home
    /// screen. The folder outlives the app, so a later `launch_in` finds the same data: that is
    /// how a test plays two people with two computers, one app at a time.
    pub fn launch_in(data_dir: &Path) -> App {
        Self::start(Some(data_dir), true, Some(Turn::take()))
    }

    /// Like `launch_in`, but returns as soon as the window is up, whatever it shows (for a data
    /// folder the app cannot open).
    pub fn launch_in_any_screen(data_dir: &Path) -> App {
        Self::start(Some(data_dir), false, Some(Turn::take()))
    }

    /// Starts tauri-driver and the app. `turn` is the test's turn, held for the app's life; the
    /// shared app passes None (its users hold theirs).
    pub(crate) fn start(data_dir: Option<&Path>, wait_for_home: bool, turn: Option<Turn>) -> App {
        let binary = app_binary();
        let workdir = tempfile::Builder::new().prefix("common-ground-e2e-").tempdir().expect("making a temp folder");
        let data_dir = data_dir.map(Path::to_path_buf).unwrap_or_else(|| workdir.path().join("data"));
        std::fs::create_dir_all(&data_dir).expect("making the data folder");
        // Empty until a test prepares an answer. A dialog opened with none waiting is the real
        // one, which nobody can answer: the test fails on its next wait.
        let dialog_answers = workdir.path().join("dialog-answers.txt");
        std::fs::write(&dialog_answers, "").expect("making the dialog answers file");
        let display = Display::from_env_or_start();

        let (driver_port, native_port) = two_free_ports();
        let log_path = workdir.path().join("tauri-driver.log");
        let log = std::fs::File::create(&log_path).expect("creating the tauri-driver log");
        let tauri_driver = Command::new(tauri_driver_binary())
            .args(["--port", &driver_port.to_string(), "--native-port", &native_port.to_string()])
            // tauri-driver hands its own environment down to WebKitWebDriver and then the app.
            .env(DATA_DIR_VARIABLE, &data_dir)
            .env(DIALOG_ANSWERS_VARIABLE, &dialog_answers)
            .env("DISPLAY", &display.name)
            // One locale everywhere, so dates are typed and shown the same on every machine.
            .env("LC_ALL", "C.UTF-8")
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("sharing the log file"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("could not start tauri-driver ({e}); install it with scripts/install-deps.sh --test")
            });

        let app = App {
            // Session creation starts the app; allow for a slow first start.
            driver: WebDriver::new(driver_port, Duration::from_secs(60)),
            session: RefCell::new(None),
            tauri_driver,
            driver_port,
            binary,
            app_pid: Cell::new(None),
            save_mark: Cell::new(0),
            data_dir,
            dialog_answers,
            display,
            workdir,
            _turn: turn,
            stopping_at_exit: false,
        };
        app.wait_for_drivers(native_port);
        app.start_session(wait_for_home);
        app
    }

    /// Closes the app the ordinary way and starts it again on the same data folder, as a person
    /// who quits and comes back would. Elements found before are no longer valid.
    pub fn relaunch(&self) {
        self.end_session();
        self.start_session(true);
    }

    /// Closes the app the ordinary way, as a person who quits, and waits for it to exit. Only
    /// `relaunch` may follow (or the end of the test).
    pub fn quit(&self) {
        // Ask the app to quit the way the system does at log-out (SIGTERM), so it shuts down
        // normally; ending the WebDriver session alone would kill it outright.
        if let Some(pid) = self.app_pid.get() {
            processes::signal(pid, libc::SIGTERM);
            processes::wait_for_exit(&[pid], Duration::from_secs(10));
        }
        self.end_session();
    }

    /// Waits up to `timeout` for the app to exit by itself (after a close request, say); true
    /// when it did. Only `relaunch` may follow (or the end of the test).
    pub fn wait_for_app_to_exit(&self, timeout: Duration) -> bool {
        let Some(pid) = self.app_pid.get() else { return true };
        processes::wait_for_exit(&[pid], timeout).is_empty()
    }

    /// The X display the app's window is on, e.g. ":99", for tools such as a window manager.
    pub fn display_name(&self) -> &str {
        &self.display.name
    }

    /// Kills the app process with SIGKILL, like a crash or a forced quit: no chance to
    /// finish anything. (The operating system still writes out what it was given.)
    /// Call `relaunch` afterwards to see what survived.
    pub fn kill_app_hard(&self) {
        let pid = processes::find_app_process(self.tauri_driver.id() as i32, &self.binary)
            .unwrap_or_else(|| panic!("could not find the app process below tauri-driver ({})", self.binary.display()));
        let webkit_processes = processes::descendants(pid);
        processes::signal(pid, libc::SIGKILL);
        let still_running = processes::wait_for_exit(&[pid], Duration::from_secs(5));
        assert!(still_running.is_empty(), "the app (pid {pid}) still runs 5 s after SIGKILL");
        // WebKit's own processes notice their parent is gone; give them a moment so the next
        // start does not compete with them.
        processes::wait_for_exit(&webkit_processes, Duration::from_secs(3));
        self.app_pid.set(None);
    }

    /// The folder the app keeps its data in (holds common-ground.sqlite).
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir.clone()
    }

    // ---- native file dialogs ----------------------------------------------------------------

    /// The next native file dialog the app opens (save or open) answers with `path`, as if the
    /// person had picked it. Prepare each answer just before the click that opens the dialog,
    /// one at a time: the app loses a Cancel queued last behind another answer.
    pub fn prepare_dialog_answer(&self, path: &Path) {
        let line = path.to_str().expect("dialog answers are paths in UTF-8");
        assert!(!line.contains('\n') && !line.trim().is_empty(), "a dialog answer is one non-empty line: {line:?}");
        self.add_dialog_answer(line);
    }

    /// The next native file dialog the app opens is cancelled.
    pub fn prepare_dialog_cancel(&self) {
        self.add_dialog_answer("");
    }

    fn add_dialog_answer(&self, line: &str) {
        use std::io::Write as _;
        // The app rewrites the file without a final newline: start a new line after leftovers.
        let before = std::fs::read_to_string(&self.dialog_answers).unwrap_or_default();
        let separator = if before.is_empty() || before.ends_with('\n') { "" } else { "\n" };
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&self.dialog_answers)
            .expect("opening the dialog answers file");
        writeln!(file, "{separator}{line}").expect("writing a dialog answer");
    }

    /// Waits until the app has taken every prepared dialog answer, i.e. the dialogs they were
    /// meant for have "opened".
    pub fn wait_dialog_answers_taken(&self) {
        self.wait_for("the app to take the prepared file dialog answers", || {
            std::fs::read_to_string(&self.dialog_answers).map(|text| text.is_empty()).unwrap_or(false)
        });
    }

    /// The app binary under test.
    pub fn binary(&self) -> &Path {
        &self.binary
    }

    // ---- finding things -------------------------------------------------------------------

    /// The first element matching `css`, waiting for it to appear.
    pub fn find(&self, css: &str) -> Element<'_> {
        self.wait_until(&format!("an element matching `{css}`"), WAIT, || self.find_now(css))
    }

    /// The first element matching `css` now, or None.
    pub fn find_now(&self, css: &str) -> Option<Element<'_>> {
        self.find_by("css selector", css).into_iter().next()
    }

    /// Every element matching `css` now (maybe none).
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        self.find_by("css selector", css)
    }

    /// The first element matching `xpath`, waiting for it to appear.
    pub fn find_xpath(&self, xpath: &str) -> Element<'_> {
        self.wait_until(&format!("an element matching xpath `{xpath}`"), WAIT, || self.find_xpath_now(xpath))
    }

    pub fn find_xpath_now(&self, xpath: &str) -> Option<Element<'_>> {
        self.find_by("xpath", xpath).into_iter().next()
    }

    pub fn find_all_xpath(&self, xpath: &str) -> Vec<Element<'_>> {
        self.find_by("xpath", xpath)
    }

    fn find_by(&self, using: &str, query: &str) -> Vec<Element<'_>> {
        let path = format!("/session/{}/elements", self.session_id());
        let list = match self.driver.post(&path, json!({ "using": using, "value": query })) {
            Ok(value) => value.as_array().cloned().unwrap_or_default(),
            Err(WebDriverError::NoSuchElement) => Vec::new(),
            Err(e) => panic!("looking for `{query}` failed: {e}"),
        };
        list.iter()
            .filter_map(|v| element_id(v).ok())
            .map(|id| Element { app: self, id, found_by: format!("`{query}`") })
            .collect()
    }

    /// A visible button whose text (spaces normalised) or aria-label is `label`, waiting for it.
    pub fn button(&self, label: &str) -> Element<'_> {
        self.wait_until(&format!("a visible button \"{label}\""), WAIT, || self.button_now(label))
    }

    pub fn button_now(&self, label: &str) -> Option<Element<'_>> {
        self.find_all_xpath(&button_xpath("", label)).into_iter().find(|b| b.try_is_displayed().unwrap_or(false))
    }

    /// Clicks the button labelled `label`, retrying while the page is still changing under it.
    pub fn click_button(&self, label: &str) {
        self.click_button_in("", label)
    }

    /// Like `click_button`, but only inside elements matching the xpath `scope`, e.g.
    /// `//dialog[@open]`.
    pub fn click_button_in(&self, scope: &str, label: &str) {
        let xpath = button_xpath(scope, label);
        self.wait_until(&format!("a clickable button \"{label}\""), WAIT, || {
            let buttons = self.find_all_xpath(&xpath);
            let button = buttons.iter().find(|b| b.try_is_displayed().unwrap_or(false))?;
            // A click can miss while a screen re-renders; the next round finds the new button.
            button.try_click().ok()
        });
    }

    /// The element that has keyboard focus.
    pub fn focused(&self) -> Element<'_> {
        let value = self
            .driver
            .get(&format!("/session/{}/element/active", self.session_id()))
            .unwrap_or_else(|e| panic!("could not read the focused element: {e}"));
        let id = element_id(&value).unwrap_or_else(|e| panic!("no focused element: {e}"));
        Element { app: self, id, found_by: "keyboard focus".into() }
    }

    /// Types into whatever has focus, e.g. `app.type_keys(keys::TAB)`.
    pub fn type_keys(&self, keys: &str) {
        self.focused().send_keys(keys)
    }

    /// Presses and releases each key of `keys` in turn on the keyboard, aimed at no element:
    /// what has focus gets them, exactly as when a person types. Special keys are in [`keys`].
    pub fn press_keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [json!({ "type": "keyDown", "value": key }), json!({ "type": "keyUp", "value": key })]
            })
            .collect();
        let path = format!("/session/{}/actions", self.session_id());
        self.driver
            .post(&path, json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }))
            .unwrap_or_else(|e| panic!("could not press the keys {keys:?}: {e}"));
    }

    /// Holds `modifier` down while pressing `key`, as a person presses Alt+Left.
    pub fn press_chord(&self, modifier: &str, key: &str) {
        let actions = json!([
            { "type": "keyDown", "value": modifier },
            { "type": "keyDown", "value": key },
            { "type": "keyUp", "value": key },
            { "type": "keyUp", "value": modifier },
        ]);
        let path = format!("/session/{}/actions", self.session_id());
        self.driver
            .post(&path, json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }))
            .unwrap_or_else(|e| panic!("could not press {modifier:?} with {key:?}: {e}"));
    }

    // ---- scripts ----------------------------------------------------------------------------

    /// Runs JavaScript in the page and returns what it returns (`return ...;`).
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.try_execute(script, args).unwrap_or_else(|e| panic!("script failed: {e}\nscript: {script}"))
    }

    pub fn try_execute(&self, script: &str, args: Vec<Value>) -> WdResult<Value> {
        self.driver
            .post(&format!("/session/{}/execute/sync", self.session_id()), json!({ "script": script, "args": args }))
    }

    /// Runs JavaScript whose last argument is a callback to call with the result; for promises:
    /// `const done = arguments[arguments.length - 1]; somePromise.then(done);`
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.driver
            .post(&format!("/session/{}/execute/async", self.session_id()), json!({ "script": script, "args": args }))
            .unwrap_or_else(|e| panic!("async script failed: {e}\nscript: {script}"))
    }

    /// The text of an open alert, confirm or prompt box, if one is open.
    pub fn alert_text(&self) -> Option<String> {
        match self.driver.get(&format!("/session/{}/alert/text", self.session_id())) {
            Ok(value) => Some(value.as_str().unwrap_or_default().to_string()),
            Err(WebDriverError::Other { error, .. }) if error == "no such alert" => None,
            Err(e) => panic!("could not ask for an open alert: {e}"),
        }
    }

    /// All text on the page, as a person would read it.
    pub fn page_text(&self) -> String {
        self.execute("return document.body.innerText;", vec![]).as_str().unwrap_or_default().to_string()
    }

    // ---- waiting ---------------------------------------------------------------------------

    /// Polls `check` every 100 ms until it gives Some, and returns that. When `timeout` runs out
    /// the test fails with `what`, the page's text and a screenshot.
    pub fn wait_until<T>(&self, what: &str, timeout: Duration, mut check: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = check() {
                return found;
            }
            if Instant::now() >= deadline {
                let shot = self.try_screenshot(&format!("timeout-{}", file_safe(what)));
                let page = self.try_execute("return document.body.innerText;", vec![]).ok();
                let page = page.as_ref().and_then(Value::as_str).unwrap_or("(page not readable)");
                panic!(
                    "timed out after {:.1} s waiting for {what}\nscreenshot: {}\npage text:\n{}",
                    timeout.as_secs_f32(),
                    shot.map(|p| p.display().to_string()).unwrap_or_else(|e| format!("(none: {e})")),
                    webdriver::truncate(page, 2000)
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// `wait_until` for a yes/no condition, with the usual timeout.
    pub fn wait_for(&self, what: &str, mut condition: impl FnMut() -> bool) {
        self.wait_until(what, WAIT, || condition().then_some(()))
    }

    // ---- screenshots -----------------------------------------------------------------------

    /// Saves a PNG of the window's page to target/e2e-shots/<name>.png and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        self.try_screenshot(name).unwrap_or_else(|e| panic!("screenshot failed: {e}"))
    }

    fn try_screenshot(&self, name: &str) -> Result<PathBuf, String> {
        let value =
            self.driver.get(&format!("/session/{}/screenshot", self.session_id())).map_err(|e| e.to_string())?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(value.as_str().ok_or("screenshot was not a string")?)
            .map_err(|e| e.to_string())?;
        let dir = target_dir().join("e2e-shots");
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(format!("{}.png", file_safe(name)));
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        Ok(path)
    }

    // ---- sessions and processes ------------------------------------------------------------

    pub(crate) fn session_id(&self) -> String {
        self.session.borrow().clone().expect("the app is not running (no WebDriver session)")
    }

    /// Waits for tauri-driver and for the WebKitWebDriver it starts: tauri-driver listens
    /// first, and a session requested before WebKitWebDriver listens fails.
    fn wait_for_drivers(&self, native_port: u16) {
        let deadline = Instant::now() + Duration::from_secs(20);
        for (port, name) in [(self.driver_port, "tauri-driver"), (native_port, "WebKitWebDriver")] {
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(Instant::now() < deadline, "{name} did not listen within 20 s\n{}", self.driver_log());
                thread::sleep(Duration::from_millis(50));
            }
        }
    }

    fn start_session(&self, wait_for_home: bool) {
        let capabilities = json!({
            "capabilities": { "alwaysMatch": { "tauri:options": { "application": self.binary } } }
        });
        let value = self
            .driver
            .post("/session", capabilities)
            .unwrap_or_else(|e| panic!("could not start the app through WebDriver: {e}\n{}", self.driver_log()));
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no session id in {value}"))
            .to_string();
        *self.session.borrow_mut() = Some(id);
        self.app_pid.set(processes::find_app_process(self.tauri_driver.id() as i32, &self.binary));
        self.save_mark.set(0);
        if wait_for_home {
            self.wait_for_home();
        }
    }

    /// Deletes the session (which closes the window) and waits for the app process to exit.
    fn end_session(&self) {
        if let Some(id) = self.session.borrow_mut().take() {
            // After kill_app_hard the driver may complain that the window is gone; that is fine.
            let _ = self.driver.delete(&format!("/session/{id}"));
        }
        if let Some(pid) = self.app_pid.take() {
            let webkit_processes = processes::descendants(pid);
            if !processes::wait_for_exit(&[pid], Duration::from_secs(10)).is_empty() {
                panic!("the app (pid {pid}) did not exit within 10 s of closing its window");
            }
            processes::wait_for_exit(&webkit_processes, Duration::from_secs(3));
        }
    }

    /// Brings the app back to its first screen in a new page, for the next test on a shared app:
    /// no dialog, toast or script a test put in the page, no prepared file dialog answers, no
    /// keys held down. The data stays. False when that cannot be done (the app is not running,
    /// or its first screen does not come back in time); never panics.
    pub(crate) fn back_to_start(&self) -> bool {
        let Some(id) = self.session.borrow().clone() else { return false };
        if !self.app_pid.get().is_some_and(processes::is_running) {
            return false;
        }
        if std::fs::write(&self.dialog_answers, "").is_err() {
            return false;
        }
        // An alert left open refuses every other command; keys left down would change the next
        // test's typing. Neither is an error when there is nothing to undo.
        let _ = self.driver.post(&format!("/session/{id}/alert/dismiss"), json!({}));
        let _ = self.driver.delete(&format!("/session/{id}/actions"));
        // The old page is marked, so the wait below knows the new page from it.
        if self.try_execute("window.__e2eOldPage = true;", vec![]).is_err() {
            return false;
        }
        let Ok(address) = self.driver.get(&format!("/session/{id}/url")) else { return false };
        let Some(address) = address.as_str() else { return false };
        // The page's address without its route (after "#") loads the page anew on the first screen.
        let first_screen = address.split('#').next().unwrap_or(address);
        if self.driver.post(&format!("/session/{id}/url"), json!({ "url": first_screen })).is_err() {
            return false;
        }
        self.save_mark.set(0);
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.try_execute(FIRST_SCREEN_SHOWN, vec![]).ok() == Some(Value::Bool(true)) {
                return true;
            }
            thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// What tauri-driver, WebKitWebDriver and the app printed so far.
    pub fn driver_log(&self) -> String {
        let text = std::fs::read_to_string(self.workdir.path().join("tauri-driver.log")).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
        format!("--- tauri-driver log (last lines) ---\n{}", tail.join("\n"))
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // Never panic here: Drop also runs while a failed test unwinds, and as the program exits.
        if let Some(id) = self.session.get_mut().take() {
            if self.stopping_at_exit {
                // As the program exits, only signals: ask the app to quit the way the system
                // does at log-out, and give it a moment.
                if let Some(pid) = self.app_pid.get() {
                    processes::signal(pid, libc::SIGTERM);
                    processes::wait_for_exit(&[pid], Duration::from_secs(5));
                }
            } else {
                let quick = WebDriver::new(self.driver_port, Duration::from_secs(10));
                let _ = quick.delete(&format!("/session/{id}"));
            }
        }
        let driver_pid = self.tauri_driver.id() as i32;
        let below = processes::descendants(driver_pid);
        // SIGTERM first: tauri-driver then stops WebKitWebDriver itself.
        processes::signal(driver_pid, libc::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(3);
        while matches!(self.tauri_driver.try_wait(), Ok(None)) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(50));
        }
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
        // WebKit's processes take about a second to go; stop whatever is left after that.
        for pid in processes::wait_for_exit(&below, Duration::from_secs(3)) {
            processes::signal(pid, libc::SIGKILL);
        }
        processes::wait_for_exit(&below, Duration::from_secs(2));
    }
}

/// True once a new page shows the home screen as `wait_for_home` knows it (the heading and a
/// visible "Start a new coalition"), with no dialog open.
const FIRST_SCREEN_SHOWN: &str = r#"
if (window.__e2eOldPage) return false;
const heading = document.querySelector("main.home h1");
const start = [...document.querySelectorAll("button")].find((b) =>
  b.textContent.replace(/\s+/g, " ").trim() === "Start a new coalition" && b.getClientRects().length > 0);
return heading?.textContent === "Common Ground" && !!start && !document.querySelector("dialog[open]");
"#;

/// The xpath of a button labelled `label` (its text with spaces normalised, or its aria-label),
/// inside `scope` (an xpath, or "" for the whole page).
fn button_xpath(scope: &str, label: &str) -> String {
    let literal = xpath_literal(label);
    format!("{scope}//button[normalize-space(.)={literal} or @aria-label={literal}]")
}

/// Quotes text for xpath, which has no escapes: concat() the pieces when both quote kinds occur.
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

fn file_safe(text: &str) -> String {
    let cleaned: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    cleaned.chars().take(80).collect()
}

/// Two distinct free TCP ports on loopback. Both listeners stay open until both are chosen, so
/// the system cannot hand out the same port twice.
fn two_free_ports() -> (u16, u16) {
    let first = TcpListener::bind("127.0.0.1:0").expect("binding a free port");
    let second = TcpListener::bind("127.0.0.1:0").expect("binding a free port");
    let ports = (first.local_addr().unwrap().port(), second.local_addr().unwrap().port());
    drop((first, second));
    ports
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace root")
}

/// Cargo's target folder: CARGO_TARGET_DIR when set, else target/ in the workspace.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// The app binary to test, as an absolute path. Refuses a build older than its sources, since
/// `cargo test -p common-ground-e2e` does not rebuild the app and a stale one would pass or fail
/// for the wrong reasons.
fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os(APP_VARIABLE) {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "{APP_VARIABLE} names {}, which is not a file", path.display());
        return path.canonicalize().expect("the app binary's absolute path");
    }
    let path = target_dir().join("debug").join("common-ground");
    let built = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| panic!("{} is missing: build the app first with `cargo build`", path.display()));
    if let Some(changed) = source_changed_since(&path.with_extension("d"), built) {
        panic!(
            "{} is older than {}: rebuild the app with `cargo build` (or set {APP_VARIABLE} to test a given binary)",
            path.display(),
            changed.display()
        );
    }
    path
}

/// A source file of the binary changed after `built`, if any. The list of sources is cargo's
/// own dep-info file beside the binary (Rust sources, included files, ui/ and the config), so
/// files the app does not contain, such as tests, never count.
fn source_changed_since(dep_info: &Path, built: SystemTime) -> Option<PathBuf> {
    let text = std::fs::read_to_string(dep_info).ok()?;
    let (_, deps) = text.lines().next()?.split_once(": ")?;
    // Paths are separated by spaces; a space inside a path is written "\ ".
    let deps = deps.replace("\\ ", "\u{0}");
    deps.split(' ').filter(|d| !d.is_empty()).map(|d| PathBuf::from(d.replace('\u{0}', " "))).find(|dep| {
        match std::fs::metadata(dep).and_then(|m| m.modified()) {
            Ok(modified) => modified > built,
            Err(_) => true,
        }
    })
}

fn tauri_driver_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|dir| dir.join("tauri-driver")).find(|p| p.is_file()));
    if let Some(path) = on_path.flatten() {
        return path;
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    cargo_home.map(|home| home.join("bin").join("tauri-driver")).unwrap_or_else(|| PathBuf::from("tauri-driver"))
}
