//! The plan as a PDF, end to end in the real window: "Save plan as PDF…" with the native save
//! dialog answered by the harness, the file checked with pdftotext, and the ways it can fail
//! (cancelled, a folder that does not exist) writing nothing.
//!
//! The tests share one app (`App::shared`); neither changes the example coalition.
//!
//! Needs `pdftotext` (poppler-utils). Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test plan -- --test-threads=1`

use std::path::Path;
use std::process::Command;

use common_ground_e2e::{App, OPEN_DIALOG, WAIT};

const EXAMPLE_NAME: &str = "Harbor County Youth Wellbeing Coalition";

/// Opens the example coalition and the "Save the plan as a PDF" dialog.
fn open_plan_dialog(app: &App) -> String {
    app.click_button("Open the example coalition");
    app.wait_for_workspace(EXAMPLE_NAME);
    app.click_button("Save plan as PDF…");
    app.wait_for_dialog("Save the plan as a PDF")
}

/// The text of a PDF, as `pdftotext` reads it (layout kept, so table cells stay on their line).
fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("could not run pdftotext ({e}); install poppler-utils"));
    assert!(
        output.status.success(),
        "pdftotext could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pdftotext writes UTF-8")
}

/// Collapses runs of white space, so a phrase wrapped over two lines still matches.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_example_plan_is_saved_as_a_pdf_with_its_content() {
    let app = App::shared();
    let text = open_plan_dialog(&app);
    assert!(text.contains("Leave out private details"), "the dialog offers to leave out private details: {text}");

    let folder = tempfile::tempdir().expect("a folder for the plan");
    let path = folder.path().join("Harbor plan.pdf");
    app.prepare_dialog_answer(&path);
    app.click_button_in(OPEN_DIALOG, "Save as PDF…");
    // A debug build takes a moment to lay out the whole plan.
    app.wait_until("the \"Your plan is saved\" dialog", WAIT * 2, || {
        app.find_now("dialog[open] code.saved-path").and_then(|c| c.try_text().ok())
    });
    let shown = app.wait_for_dialog("Your plan is saved");
    assert_eq!(
        app.find("dialog[open] code.saved-path").text(),
        path.display().to_string(),
        "the dialog shows where: {shown}"
    );
    assert!(app.button_now("Open the PDF").is_some(), "the dialog offers to open it");
    app.screenshot("plan-saved");

    let bytes = std::fs::read(&path).expect("the plan file exists");
    // Kept beside the screenshots, for a person to look at.
    std::fs::write(common_ground_e2e::target_dir().join("e2e-shots").join("plan-example.pdf"), &bytes).ok();
    assert!(bytes.starts_with(b"%PDF-"), "the file is a PDF: {:?}", &bytes[..bytes.len().min(16)]);
    let text = one_line(&pdf_text(&path));
    for wanted in [
        EXAMPLE_NAME,
        "Page 2 of",
        "Every young person in Harbor County feels connected",
        "Harbor County Health Department",
    ] {
        assert!(text.contains(wanted), "the plan contains \"{wanted}\"");
    }
    app.answer_dialog("Close");
    assert!(
        !folder.path().read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with('.')),
        "no temporary file is left beside the plan"
    );
}

#[test]
fn a_cancelled_or_impossible_save_writes_nothing() {
    let app = App::shared();
    open_plan_dialog(&app);
    let folder = tempfile::tempdir().expect("a folder for the plan");

    // Cancelling the file dialog: back in our dialog, no message, nothing written.
    app.prepare_dialog_cancel();
    app.click_button_in(OPEN_DIALOG, "Save as PDF…");
    app.wait_dialog_answers_taken();
    app.wait_for("the Save button to come back", || app.button_now("Save as PDF…").is_some_and(|b| b.is_enabled()));
    assert_eq!(app.find("dialog[open] h2").text(), "Save the plan as a PDF", "the plan dialog stays open");
    assert_eq!(app.find("dialog[open] p.form-error").text(), "", "a cancel is not an error");
    assert!(app.toasts().is_empty(), "no toast for a cancel: {:?}", app.toasts());

    // A folder that does not exist: a plain message in the dialog, and no file anywhere.
    let missing = folder.path().join("no such folder");
    app.prepare_dialog_answer(&missing.join("plan.pdf"));
    app.click_button_in(OPEN_DIALOG, "Save as PDF…");
    let message = app.wait_until("a message in the plan dialog", WAIT * 2, || {
        let text = app.find_now("dialog[open] p.form-error")?.try_text().ok()?;
        (!text.is_empty()).then_some(text)
    });
    app.screenshot("plan-missing-folder");
    assert!(message.contains("no such folder"), "the message names the folder: {message}");
    assert!(message.contains("does not exist"), "the message says what is wrong: {message}");
    assert!(!missing.exists(), "the folder was not made");
    assert_eq!(folder.path().read_dir().unwrap().count(), 0, "nothing was written");
    assert!(app.button_now("Save as PDF…").is_some_and(|b| b.is_enabled()), "the person can try again");
    app.answer_dialog("Cancel");
}
