//! Steps a person takes on Common Ground's screens, in the words of the UI: the home screen and
//! its coalition list, the coalition form, confirmations and toasts, the workspace, the wizard.
//! They find things by what is shown (button text, labels) wherever the UI allows it.

use serde_json::{json, Value};

use crate::{xpath_literal, App, Element, WAIT};

/// The open modal dialog, as an xpath scope for `click_button_in`.
pub const OPEN_DIALOG: &str = "//dialog[@open]";

/// Counts what the "Saved" indicator says over time, so a wait can tell a new "Saved" from an
/// old one. It only watches the page; it changes nothing. Installed once per page.
const WATCH_SAVES: &str = r#"
if (!window.__e2eSaves) {
  const log = window.__e2eSaves = { saving: 0, saved: 0, failed: 0 };
  new MutationObserver((records) => {
    const el = document.querySelector("span.saved");
    if (!el || !records.some((r) => r.target === el || el.contains(r.target))) return;
    const text = el.textContent;
    if (text === "Saving…") log.saving += 1;
    else if (text === "Saved") log.saved += 1;
    else if (text === "Not saved") log.failed += 1;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}
return window.__e2eSaves;
"#;

impl App {
    // ---- home -------------------------------------------------------------------------------

    /// Waits for the first screen: the heading and the two ways to start.
    pub fn wait_for_home(&self) {
        self.wait_for("the home screen (heading \"Common Ground\" and \"Start a new coalition\")", || {
            let heading = self.find_now("main.home h1").and_then(|h| h.try_text().ok());
            heading.as_deref() == Some("Common Ground") && self.button_now("Start a new coalition").is_some()
        });
    }

    /// The names in "Your coalitions", top to bottom, as shown.
    pub fn coalition_names(&self) -> Vec<String> {
        self.find_all(".coalition-list .coalition-open .name").iter().filter_map(|e| e.try_text().ok()).collect()
    }

    /// Waits until "Your coalitions" lists exactly `expected` (in any order).
    pub fn wait_for_coalition_names(&self, expected: &[&str]) {
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        self.wait_for(&format!("the coalition list to be {want:?}"), || {
            let mut shown = self.coalition_names();
            shown.sort();
            shown == want
        });
    }

    /// The list item of the coalition named `name` on the home screen.
    pub fn coalition_item(&self, name: &str) -> Element<'_> {
        let xpath = format!(
            "//li[contains(@class, 'coalition-item')][.//span[contains(@class, 'name')][normalize-space(.)={}]]",
            xpath_literal(name.trim())
        );
        self.find_xpath(&xpath)
    }

    /// Opens the coalition named `name` from the home screen and waits for its workspace.
    pub fn open_coalition(&self, name: &str) {
        self.coalition_item(name).find_now("button.coalition-open").expect("the open button").click();
        self.wait_for_workspace(name);
    }

    /// Opens the form with "Start a new coalition", fills it and submits it, then waits for the
    /// new coalition's workspace. `start_date` is YYYY-MM-DD or "".
    pub fn create_coalition(&self, name: &str, focus: &str, start_date: &str) {
        self.click_button("Start a new coalition");
        self.fill_coalition_form(name, focus, start_date);
        self.submit_dialog();
        self.wait_for_workspace(name);
    }

    /// Types into the open coalition form (clearing what was there).
    pub fn fill_coalition_form(&self, name: &str, focus: &str, start_date: &str) {
        for (field, text) in [("name", name), ("focus", focus)] {
            let input = self.find(&format!("dialog[open] input[name='{field}']"));
            input.clear();
            // WebKitWebDriver refuses to type nothing.
            if !text.is_empty() {
                input.send_keys(text);
            }
        }
        self.set_date("dialog[open] input[name='start_date']", start_date);
    }

    /// Puts a date (YYYY-MM-DD, or "" to leave it empty) into a date input by typing it as a
    /// person would. WebKitGTK's date input wants the locale's order with separators; the
    /// harness runs the app in the C locale, where that is MM/DD/YYYY.
    pub fn set_date(&self, css: &str, date: &str) {
        let input = self.find(css);
        input.clear();
        if date.is_empty() {
            return;
        }
        let parts: Vec<&str> = date.split('-').collect();
        assert!(parts.len() == 3, "dates are YYYY-MM-DD, got {date:?}");
        input.send_keys(&format!("{}/{}/{}", parts[1], parts[2], parts[0]));
        let shown = input.value();
        assert_eq!(shown, date, "typing the date {date} into {css} gave {shown:?}");
    }

    /// Inserts text at the cursor of the focused box the way a paste or an input method does
    /// (with input events). For what WebDriver cannot type: WebKitWebDriver drops characters
    /// outside the Basic Multilingual Plane, such as most emoji.
    pub fn insert_text(&self, text: &str) {
        let inserted =
            self.execute("return document.execCommand('insertText', false, arguments[0]);", vec![json!(text)]);
        assert_eq!(inserted, json!(true), "the page refused to insert {text:?}");
    }

    /// Clicks the open dialog's submit button ("Create coalition" or "Save").
    pub fn submit_dialog(&self) {
        self.find("dialog[open] button[type='submit']").click();
    }

    /// The message in the open coalition form's error line, once there is one.
    pub fn wait_for_form_error(&self) -> String {
        self.wait_until("an error message in the form", WAIT, || {
            let text = self.find_now("dialog[open] p.form-error")?.try_text().ok()?;
            (!text.trim().is_empty()).then_some(text)
        })
    }

    /// Whether a modal dialog is open now.
    pub fn dialog_is_open(&self) -> bool {
        self.find_now("dialog[open]").is_some()
    }

    /// The text of the open dialog (title, message and buttons).
    pub fn dialog_text(&self) -> String {
        self.find("dialog[open]").text()
    }

    /// Clicks `label` in the open dialog and waits for the dialog to close.
    pub fn answer_dialog(&self, label: &str) {
        self.click_button_in(OPEN_DIALOG, label);
        self.wait_for(&format!("the dialog to close after \"{label}\""), || !self.dialog_is_open());
    }

    /// Clicks a toast's "Undo".
    pub fn undo_from_toast(&self) {
        self.click_button_in("//div[@id='toasts']", "Undo");
    }

    /// Every toast's text now.
    pub fn toasts(&self) -> Vec<String> {
        self.find_all("#toasts .toast > span").iter().filter_map(|e| e.try_text().ok()).collect()
    }

    // ---- workspace --------------------------------------------------------------------------

    /// Waits until the workspace of the coalition named `name` is shown.
    pub fn wait_for_workspace(&self, name: &str) {
        self.wait_for(&format!("the workspace of \"{name}\""), || {
            self.find_now("header.topbar select.switcher").is_some() && self.switcher_text().as_deref() == Some(name)
        });
    }

    /// The coalition the switcher shows as current.
    pub fn switcher_text(&self) -> Option<String> {
        let value = self.try_execute(
            "const s = document.querySelector('select.switcher'); return s ? s.options[s.selectedIndex]?.textContent ?? null : null;",
            vec![],
        );
        value.ok()?.as_str().map(str::to_string)
    }

    /// "← All coalitions": back to the home screen.
    pub fn go_home(&self) {
        self.click_button("← All coalitions");
        self.wait_for_home();
    }

    /// Opens a worksheet from the sidebar by its title and waits for its first step.
    pub fn open_worksheet(&self, title: &str) {
        let xpath = format!("//nav[contains(@class, 'sidebar')]//a[normalize-space(span)={}]", xpath_literal(title));
        self.wait_until(&format!("the sidebar link \"{title}\""), WAIT, || {
            self.find_xpath_now(&xpath)?.try_click().ok()
        });
        self.wait_for(&format!("the worksheet \"{title}\""), || {
            self.find_now("main.content h1").and_then(|h| h.try_text().ok()).as_deref() == Some(title)
        });
    }

    /// "Next" (or "Next: <worksheet>") at the bottom of the wizard.
    pub fn next_step(&self) {
        let xpath = "//nav[contains(@class, 'wizard-nav')]//button[contains(@class, 'primary')]";
        self.wait_until("the wizard's Next button", WAIT, || self.find_xpath_now(xpath)?.try_click().ok());
    }

    /// "Back" at the bottom of the wizard.
    pub fn previous_step(&self) {
        self.click_button_in("//nav[contains(@class, 'wizard-nav')]", "Back");
    }

    /// The sidebar link of a worksheet.
    fn sidebar_link(&self, title: &str) -> Option<Element<'_>> {
        let xpath = format!("//nav[contains(@class, 'sidebar')]//a[normalize-space(span)={}]", xpath_literal(title));
        self.find_xpath_now(&xpath)
    }

    /// What the sidebar shows beside a worksheet or link: "answered/total", or "✓" when done.
    pub fn sidebar_count(&self, title: &str) -> String {
        self.wait_until(&format!("the sidebar count of \"{title}\""), WAIT, || {
            self.sidebar_link(title)?.find_now("span.count")?.try_text().ok()
        })
    }

    /// Waits until the sidebar shows `expected` beside the worksheet `title`.
    pub fn wait_for_sidebar_count(&self, title: &str, expected: &str) {
        self.wait_for(&format!("the sidebar to show {expected} beside \"{title}\""), || {
            let shown = self.sidebar_link(title).and_then(|a| a.find_now("span.count")).and_then(|c| c.try_text().ok());
            shown.as_deref() == Some(expected)
        });
    }

    /// Opens the coalition's overview from the sidebar.
    pub fn open_overview(&self) {
        self.wait_until("the sidebar link \"Overview\"", WAIT, || self.sidebar_link("Overview")?.try_click().ok());
        self.wait_for("the overview", || self.find_now("main.content section.plan-progress").is_some());
    }

    /// The overview's "N of M questions answered (P%)." line.
    pub fn overview_progress(&self) -> String {
        self.find("main.content section.plan-progress p").text()
    }

    /// Opens "Check your answers" from the sidebar.
    pub fn open_review(&self) {
        self.wait_until("the sidebar link \"Check your answers\"", WAIT, || {
            self.sidebar_link("Check your answers")?.try_click().ok()
        });
        self.wait_for("the review page", || {
            self.find_now("main.content h1").and_then(|h| h.try_text().ok()).as_deref() == Some("Check your answers")
        });
    }

    /// The title of the wizard step shown now (the step list's current entry, without its number).
    pub fn current_step_title(&self) -> String {
        self.find("main.content form.step-body h2").text()
    }

    /// Waits until the wizard shows the step titled `title`.
    pub fn wait_for_step(&self, title: &str) {
        self.wait_for(&format!("the wizard step \"{title}\""), || {
            self.find_now("main.content form.step-body h2").and_then(|h| h.try_text().ok()).as_deref() == Some(title)
        });
    }

    /// Clicks a step in the wizard's step list by its title.
    pub fn go_to_step(&self, title: &str) {
        let xpath =
            format!("//ol[contains(@class, 'steps')]//button[normalize-space(text())={}]", xpath_literal(title));
        self.wait_until(&format!("the step button \"{title}\""), WAIT, || {
            self.find_xpath_now(&xpath)?.try_click().ok()
        });
        self.wait_for_step(title);
    }

    // ---- dialogs and toasts -----------------------------------------------------------------

    /// Waits for a modal dialog titled `title` and returns its text.
    pub fn wait_for_dialog(&self, title: &str) -> String {
        self.wait_until(&format!("a dialog titled \"{title}\""), WAIT, || {
            let dialog = self.find_now("dialog[open]")?;
            let shown = dialog.find_now("h2")?.try_text().ok()?;
            (shown == title).then(|| dialog.try_text().ok()).flatten()
        })
    }

    /// Waits for a toast whose text contains `part`, and returns its text.
    pub fn wait_for_toast(&self, part: &str) -> String {
        self.wait_until(&format!("a toast containing \"{part}\""), WAIT, || {
            self.toasts().into_iter().find(|t| t.contains(part))
        })
    }

    // ---- answering questions ----------------------------------------------------------------

    /// The wizard's section for question `question_id`.
    pub fn question(&self, question_id: &str) -> Element<'_> {
        self.find(&format!("section.question[data-question='{question_id}']"))
    }

    /// Replaces the answer to a text, long-text, list or number question with `text` (line
    /// breaks typed with Enter), and waits
    /// until its save has started (typing saves after a short pause). `wait_saved` then waits
    /// for it to be on disk.
    pub fn answer_text(&self, question_id: &str, text: &str) {
        let input = self
            .question(question_id)
            .find_now("input, textarea")
            .unwrap_or_else(|| panic!("question {question_id} has no text box"));
        let before = self.save_counts();
        self.save_mark.set(before.saved);
        input.clear();
        // Clearing alone fires no input event; a key does, so an empty answer is saved too.
        // A line break is typed with Enter: WebKitWebDriver drops a "\n" in the text.
        input.send_keys(&if text.is_empty() {
            " \u{E003}".to_string()
        } else {
            text.replace('\n', crate::keys::ENTER)
        });
        // Once this save has started, the next "Saved" can only come after it is done.
        self.wait_until(&format!("the answer to {question_id} to start saving"), WAIT, || {
            (self.save_counts().saving > before.saving).then_some(())
        });
    }

    /// Call before a change that saves at once (a click on a choice, a record's Save), so that
    /// the next `wait_saved` waits for that change's "Saved".
    pub fn expect_save(&self) {
        self.save_mark.set(self.save_counts().saved);
    }

    /// Picks the option labelled `label` of a choice or rating question (a radio or checkbox),
    /// by clicking its label as a person would, and waits for "Saved".
    pub fn choose(&self, question_id: &str, label: &str) {
        let xpath = format!(
            "//section[@data-question={}]//label[normalize-space(.)={1} or normalize-space(text())={1}]",
            xpath_literal(question_id),
            xpath_literal(label)
        );
        self.expect_save();
        self.wait_until(&format!("the option \"{label}\" of {question_id}"), WAIT, || {
            self.find_xpath_now(&xpath)?.try_click().ok()
        });
        self.wait_saved();
    }

    /// Types `text` into the "Other" box of a choice question (its "Other" option must be
    /// picked), and waits until the save has started, like `answer_text`.
    pub fn answer_other(&self, question_id: &str, text: &str) {
        let input = self
            .question(question_id)
            .find_now("input.other-text")
            .unwrap_or_else(|| panic!("question {question_id} has no \"Other\" box"));
        self.wait_for(&format!("the \"Other\" box of {question_id} to be enabled"), || input.is_enabled());
        let before = self.save_counts();
        self.save_mark.set(before.saved);
        input.clear();
        input.send_keys(text);
        self.wait_until(&format!("the \"Other\" answer to {question_id} to start saving"), WAIT, || {
            (self.save_counts().saving > before.saving).then_some(())
        });
    }

    /// What the "Other" box of a choice question holds now.
    pub fn other_shown(&self, question_id: &str) -> String {
        self.question(question_id).find_now("input.other-text").map(|e| e.value()).unwrap_or_default()
    }

    /// Picks the option shown as `label` in the select box matching `css`, by clicking it.
    pub fn select_option(&self, css: &str, label: &str) {
        let select = self.find(css);
        let option = select
            .find_all("option")
            .into_iter()
            .find(|o| o.try_text().ok().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("{css} has no option \"{label}\""));
        option.click();
        let chosen = self
            .execute("const s = arguments[0]; return s.options[s.selectedIndex].textContent;", vec![select.as_json()]);
        assert_eq!(chosen.as_str(), Some(label), "clicking the option \"{label}\" of {css} did not select it");
    }

    /// The text of the option the select box matching `css` shows now.
    pub fn selected_option(&self, css: &str) -> String {
        let select = self.find(css);
        let chosen = self.execute(
            "const s = arguments[0]; return s.options[s.selectedIndex]?.textContent ?? '';",
            vec![select.as_json()],
        );
        chosen.as_str().unwrap_or_default().to_string()
    }

    /// The labels of the options of `question_id` that are checked now.
    pub fn chosen(&self, question_id: &str) -> Vec<String> {
        let value = self.execute(
            "const s = document.querySelector(`section.question[data-question='${arguments[0]}']`);
             return s ? [...s.querySelectorAll('input:checked')].map((i) => {
               const l = s.querySelector(`label[for='${i.id}']`) || i.closest('label');
               if (!l) return i.value;
               const c = l.cloneNode(true);
               c.querySelectorAll('.choice-hint').forEach((h) => h.remove());
               return c.textContent.trim(); }) : [];",
            vec![json!(question_id)],
        );
        value.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect()
    }

    /// The message shown at question `question_id`, once there is one.
    pub fn wait_for_question_error(&self, question_id: &str) -> String {
        self.wait_until(&format!("a message at question {question_id}"), WAIT, || {
            let text = self.question(question_id).find_now(".q-error")?.try_text().ok()?;
            (!text.trim().is_empty()).then_some(text)
        })
    }

    /// Waits until the indicator says "Saved" for every answer given since the last wait: the
    /// app shows it only once the Rust side has written the change to disk. Fails at once on
    /// "Not saved", with the question's message.
    pub fn wait_saved(&self) {
        let mark = self.save_mark.get();
        self.wait_until("the \"Saved\" indicator", WAIT, || {
            let shown = self.find_now("span.saved")?.try_text().ok()?;
            if shown == "Not saved" {
                let problems: Vec<String> = self
                    .find_all(".q-error")
                    .iter()
                    .filter_map(|e| e.try_text().ok())
                    .filter(|t| !t.is_empty())
                    .collect();
                panic!("the app said \"Not saved\": {problems:?}");
            }
            (shown == "Saved" && self.save_counts().saved > mark).then_some(())
        });
    }

    /// What the text box of question `question_id` holds now.
    pub fn answer_shown(&self, question_id: &str) -> String {
        self.question(question_id).find_now("input, textarea").map(|e| e.value()).unwrap_or_default()
    }

    // ---- sharing with partners ---------------------------------------------------------------

    /// Exports the coalition on screen to `path` through "Export…", signed `sent_by`.
    pub fn export_to(&self, path: &std::path::Path, sent_by: &str) {
        self.click_button("Export…");
        self.wait_for_dialog("Export the coalition for partners");
        let by = self.find("dialog[open] input#exported-by");
        by.clear();
        by.send_keys(sent_by);
        self.prepare_dialog_answer(path);
        self.click_button_in(OPEN_DIALOG, "Export…");
        self.wait_for("the export dialog to close", || !self.dialog_is_open());
        self.wait_for_toast(&format!("Exported to {}", path.display()));
    }

    /// Starts an import of `path` with `button` ("Import…" in a workspace, "Import a coalition
    /// file…" on the home screen).
    pub fn import_file(&self, button: &str, path: &std::path::Path) {
        self.prepare_dialog_answer(path);
        self.click_button(button);
        self.wait_dialog_answers_taken();
    }

    /// How many times the indicator has said "Saving…", "Saved" and "Not saved" on this page.
    pub(crate) fn save_counts(&self) -> SaveCounts {
        let value = self.execute(WATCH_SAVES, vec![]);
        let count = |key: &str| value.get(key).and_then(Value::as_u64).unwrap_or(0);
        SaveCounts { saving: count("saving"), saved: count("saved"), failed: count("failed") }
    }

    /// Reads a JavaScript expression's value in the page, e.g. `document.activeElement.name`.
    pub fn read_js(&self, expression: &str) -> Value {
        self.execute(&format!("return ({expression});"), vec![json!(null)])
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct SaveCounts {
    pub saving: u64,
    pub saved: u64,
    #[allow(dead_code)]
    pub failed: u64,
}
