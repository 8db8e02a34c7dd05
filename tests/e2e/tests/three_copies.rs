//! Three copies of one coalition, on three computers (three data folders): the coordinator (A),
//! a partner who edits (B) and a partner who sends a file of their own first (C). An exchange
//! with C must not hide from A that B changed the same answer A changed: when A merges B's file,
//! the vision is shown as changed on both sides, not taken as a plain update.
//!
//! Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test three_copies -- --test-threads=1`

use common_ground_e2e::{App, OPEN_DIALOG};

const EXAMPLE_NAME: &str = "Harbor County Youth Wellbeing Coalition";
const COORDINATOR_VISION: &str = "Every young person in Harbor County has a trusted adult and a place to go after school.";
const PARTNER_VISION: &str = "Every young person in Harbor County, in town or on the farms, can get help close to home.";
const THIRD_COMMUNITY: &str = "Harbor County and the two towns across the bay.";

#[test]
fn a_merge_with_a_third_copy_does_not_hide_an_edit_made_on_both_sides() {
    let files = tempfile::tempdir().expect("a folder for the shared files");
    let (a_data, b_data, c_data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let f0 = files.path().join("Harbor F0.coalition");
    let from_c = files.path().join("Harbor from C.coalition");
    let f1 = files.path().join("Harbor F1.coalition");
    let f2 = files.path().join("Harbor F2.coalition");

    // A shares F0.
    {
        let a = App::launch_in(a_data.path());
        a.click_button("Open the example coalition");
        a.wait_for_workspace(EXAMPLE_NAME);
        a.export_to(&f0, "A, coordinator");
    }
    // B opens it.
    {
        let b = App::launch_in(b_data.path());
        b.import_file("Import a coalition file…", &f0);
        b.wait_for_dialog("Import “Harbor F0.coalition”");
        b.answer_dialog("Open as a new coalition");
        b.wait_for_workspace(EXAMPLE_NAME);
    }
    // C opens it too, changes another answer and sends a file back.
    {
        let c = App::launch_in(c_data.path());
        c.import_file("Import a coalition file…", &f0);
        c.wait_for_dialog("Import “Harbor F0.coalition”");
        c.answer_dialog("Open as a new coalition");
        c.wait_for_workspace(EXAMPLE_NAME);
        c.open_worksheet("Shared purpose");
        c.answer_text("community", THIRD_COMMUNITY);
        c.wait_saved();
        c.export_to(&from_c, "C, library");
    }
    // A edits the vision, then merges C's file (nothing in it touches the vision).
    {
        let a = App::launch_in(a_data.path());
        a.open_coalition(EXAMPLE_NAME);
        a.open_worksheet("Vision");
        a.answer_text("vision", COORDINATOR_VISION);
        a.wait_saved();
        a.import_file("Import…", &from_c);
        a.wait_for_dialog("Import “Harbor from C.coalition”");
        a.click_button_in(OPEN_DIALOG, "Review the merge…");
        let review = a.wait_for_dialog("Review the merge");
        assert!(a.find_now("dialog[open] section.conflicts").is_none(), "C changed nothing A changed: {review}");
        a.answer_dialog("Merge");
        a.wait_for_toast("Merged: ");
        a.open_worksheet("Shared purpose");
        assert_eq!(a.answer_shown("community"), THIRD_COMMUNITY, "C's change came in");
    }
    // B edits the vision too, and shares twice: F1, then F2.
    {
        let b = App::launch_in(b_data.path());
        b.open_coalition(EXAMPLE_NAME);
        b.open_worksheet("Vision");
        b.answer_text("vision", PARTNER_VISION);
        b.wait_saved();
        b.export_to(&f1, "B, clinic");
        b.export_to(&f2, "B, clinic");
    }

    // A merges F2: the vision was changed on both sides since A and B were last in step.
    let a = App::launch_in(a_data.path());
    a.open_coalition(EXAMPLE_NAME);
    a.import_file("Import…", &f2);
    a.wait_for_dialog("Import “Harbor F2.coalition”");
    a.click_button_in(OPEN_DIALOG, "Review the merge…");
    let review = a.wait_for_dialog("Review the merge");
    a.screenshot("three-copies-merge-review");
    let conflicts = a.find_now("dialog[open] section.conflicts").unwrap_or_else(|| {
        panic!("the vision both A and B changed must be shown as a conflict, not taken as an update: {review}")
    });
    assert_eq!(conflicts.find_now("h3").expect("the conflicts heading").text(), "Changed on both sides (1)");
    let conflict = conflicts.find_now("fieldset.conflict").expect("the conflict").text();
    assert!(conflict.contains("\"Vision statement\" (Vision)"), "the conflict names the question: {conflict}");
    // Each side is shown as a short preview, so look for words near the start of each.
    assert!(conflict.contains("has a trusted adult") && conflict.contains("in town or on the farms"), "both versions shown: {conflict}");
    assert!(review.contains("0 updated"), "the vision is not also counted as a plain update: {review}");

    // A keeps their own; B's does not replace it.
    a.find("dialog[open] fieldset.conflict input[value='keep_mine']").click();
    a.answer_dialog("Merge");
    a.wait_for_toast("Merged: ");
    a.open_worksheet("Vision");
    assert_eq!(a.answer_shown("vision"), COORDINATOR_VISION);
}
