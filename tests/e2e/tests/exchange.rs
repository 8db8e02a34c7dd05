//! Sharing a coalition with partners, end to end in the real window: the coordinator exports,
//! a partner on another computer (another data folder) opens the file, changes an answer and
//! exports it back, and the coordinator reviews and merges it. Files that are not ours, or are
//! cut short, are refused with a reason and change nothing.
//!
//! Native file dialogs are answered by the harness (`prepare_dialog_answer`). Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test exchange -- --test-threads=1`

use std::path::Path;

use common_ground_e2e::{App, OPEN_DIALOG};
use serde_json::Value;

const EXAMPLE_NAME: &str = "Harbor County Youth Wellbeing Coalition";
const EXAMPLE_VISION: &str =
    "Every young person in Harbor County feels connected, hopeful and able to get help when they need it.";
const PARTNER_VISION: &str =
    "Every young person in Harbor County, in town or out on the farms, feels connected and can get help.";
const PARTNER_COMMUNITY: &str = "All of Harbor County, farms included.";
const COORDINATOR_COMMUNITY: &str = "Millbrook and Eastport first, then the rest of the county.";

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

#[test]
fn a_partner_edits_a_shared_file_and_the_coordinator_merges_it_back() {
    let files = tempfile::tempdir().expect("a folder for the shared files");
    let coordinator_data = tempfile::tempdir().expect("the coordinator's data folder");
    let partner_data = tempfile::tempdir().expect("the partner's data folder");
    let first = files.path().join("Harbor.coalition");
    let back = files.path().join("Harbor from the clinic.coalition");

    // The coordinator shares the example coalition.
    {
        let coordinator = App::launch_in(coordinator_data.path());
        coordinator.click_button("Open the example coalition");
        coordinator.wait_for_workspace(EXAMPLE_NAME);
        coordinator.export_to(&first, "Dana, coordinator");
    }
    let file = read_json(&first);
    assert_eq!(file["format"], "common-ground-coalition");
    assert_eq!(file["exported_by"], "Dana, coordinator");
    assert_eq!(file["coalition"]["name"], EXAMPLE_NAME);

    // The partner, with an empty copy of the app, opens it as a new coalition.
    {
        let partner = App::launch_in(partner_data.path());
        partner.import_file("Import a coalition file…", &first);
        let offer = partner.wait_for_dialog("Import “Harbor.coalition”");
        assert!(offer.contains(EXAMPLE_NAME), "the dialog names the coalition: {offer}");
        assert!(offer.contains("by Dana, coordinator"), "the dialog says who sent it: {offer}");
        assert!(!offer.contains("null"), "no stray \"null\" in the dialog: {offer}");
        assert!(partner.button_now("Review the merge…").is_none(), "nothing to merge into on an empty copy");
        partner.answer_dialog("Open as a new coalition");
        partner.wait_for_workspace(EXAMPLE_NAME);
        partner.open_worksheet("Vision");
        assert_eq!(partner.answer_shown("vision"), EXAMPLE_VISION, "the answers came with the file");

        // The partner's edits, sent back.
        partner.answer_text("vision", PARTNER_VISION);
        partner.wait_saved();
        partner.open_worksheet("Shared purpose");
        partner.answer_text("community", PARTNER_COMMUNITY);
        partner.wait_saved();
        partner.export_to(&back, "Bayside Family Clinic");
    }

    // Meanwhile the coordinator changed one of the same answers.
    let coordinator = App::launch_in(coordinator_data.path());
    coordinator.open_coalition(EXAMPLE_NAME);
    coordinator.open_worksheet("Shared purpose");
    coordinator.answer_text("community", COORDINATOR_COMMUNITY);
    coordinator.wait_saved();

    // The coordinator reviews what the file would change, then merges it.
    coordinator.import_file("Import…", &back);
    let offer = coordinator.wait_for_dialog("Import “Harbor from the clinic.coalition”");
    assert!(offer.contains("You already have this coalition"), "the dialog recognises the coalition: {offer}");
    assert_eq!(coordinator.selected_option("dialog[open] select#merge-target"), EXAMPLE_NAME);
    coordinator.click_button_in(OPEN_DIALOG, "Review the merge…");
    let review = coordinator.wait_for_dialog("Review the merge");
    assert!(
        review.contains(&format!("Into “{EXAMPLE_NAME}”: 0 new, 1 updated, 0 deleted,")),
        "one answer changed: {review}"
    );
    assert!(!review.contains("null"), "no stray \"null\" where a part of the summary is empty: {review}");
    coordinator.find("dialog[open] details.merge-group summary").click();
    let updated = coordinator.find("dialog[open] details.merge-group li").text();
    assert_eq!(updated, "\"Vision statement\" (Vision)", "the summary names the question");

    // The answer both changed is a conflict, each side shown; the coordinator takes the partner's.
    let conflicts = coordinator.find("dialog[open] section.conflicts");
    assert_eq!(conflicts.find_now("h3").expect("the conflicts heading").text(), "Changed on both sides (1)");
    let conflict = conflicts.find_now("fieldset.conflict").expect("the conflict").text();
    assert!(conflict.contains("\"Community served\" (Shared purpose)"), "the conflict names the question: {conflict}");
    assert!(
        conflict.contains(COORDINATOR_COMMUNITY) && conflict.contains(PARTNER_COMMUNITY),
        "both versions shown: {conflict}"
    );
    let keep_mine = coordinator.find("dialog[open] fieldset.conflict input[value='keep_mine']");
    assert_eq!(keep_mine.property("checked"), serde_json::json!(true), "the newer change, mine, is picked at first");
    coordinator.screenshot("exchange-merge-review");
    coordinator.find("dialog[open] fieldset.conflict input[value='take_theirs']").click();

    coordinator.answer_dialog("Merge");
    coordinator.wait_for_toast("Merged: 0 new, ");
    coordinator.open_worksheet("Vision");
    assert_eq!(coordinator.answer_shown("vision"), PARTNER_VISION);
    coordinator.open_worksheet("Shared purpose");
    assert_eq!(coordinator.answer_shown("community"), PARTNER_COMMUNITY, "the conflict went the way chosen");
}

#[test]
fn a_file_that_is_not_a_coalition_or_is_cut_short_is_refused_and_changes_nothing() {
    let files = tempfile::tempdir().expect("a folder for the files");
    let app = App::launch();
    app.click_button("Open the example coalition");
    app.wait_for_workspace(EXAMPLE_NAME);
    let whole = files.path().join("Harbor.coalition");
    app.export_to(&whole, "Dana");
    app.go_home();

    let notes = files.path().join("meeting notes.coalition");
    std::fs::write(&notes, "Notes from Tuesday: bring the sign-up sheets.\n").unwrap();
    let bytes = std::fs::read(&whole).unwrap();
    let cut = files.path().join("Harbor (cut).coalition");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();

    for (file, reason) in [(&notes, "not a Common Ground coalition file"), (&cut, "damaged or incomplete")] {
        app.import_file("Import a coalition file…", file);
        let text = app.wait_for_dialog("This file can't be imported");
        let message = app.find("dialog[open] p.problem-message").text();
        assert!(message.contains(reason), "the reason is given ({reason}): {message}");
        assert!(text.contains("Nothing has been changed."), "{text}");
        if file == &cut {
            app.screenshot("exchange-import-refused");
        }
        app.answer_dialog("OK");
        app.wait_for_coalition_names(&[EXAMPLE_NAME]);
    }

    app.relaunch();
    app.wait_for_coalition_names(&[EXAMPLE_NAME]);
}
