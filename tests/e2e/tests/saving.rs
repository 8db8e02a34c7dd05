//! What "Saved" promises: once the indicator says it, the answer is on disk, even if the app is
//! killed the next moment.
//!
//! Run alone with:
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p common-ground-e2e --test saving -- --test-threads=1`

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
