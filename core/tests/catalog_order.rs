//! The wizard walks worksheets in file order and the sidebar groups them by stage; the two must
//! agree, or "Next" would jump between sidebar groups.

use common_ground_core::worksheets::catalog;

#[test]
fn worksheets_follow_the_order_of_the_stages() {
    let catalog = catalog();
    let stage_index = |id: &str| catalog.stages.iter().position(|s| s.id == id).expect("known stage");
    let order: Vec<usize> = catalog.worksheets.iter().map(|w| stage_index(&w.stage)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "worksheet files must be numbered stage by stage: {:?}",
        catalog.worksheets.iter().map(|w| (&w.id, &w.stage)).collect::<Vec<_>>());
}

#[test]
fn every_stage_has_a_worksheet() {
    let catalog = catalog();
    for stage in &catalog.stages {
        assert!(catalog.worksheets.iter().any(|w| w.stage == stage.id), "stage {} has no worksheet", stage.id);
    }
}
