//! Any bytes given to the exchange file reader: it must never panic, and a file it accepts must
//! read back the same after writing. An accepted file must also be usable: opened as a new
//! coalition (twice: the second time as a copy) in a scratch database, and merged into a scratch
//! database holding the example coalition, every coalition it touched must still pass the check
//! the core's tests use (`common_ground_core::testing`): it lists, exports, prints and takes a
//! new item of every kind.
#![no_main]

use common_ground_core::testing::assert_coalition_still_works;
use common_ground_core::{db, example, exchange};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(file) = exchange::read_exchange_file(bytes) else { return };
    let written = exchange::to_json_bytes(&file);
    let again = exchange::read_exchange_file(&written).expect("a file we wrote reads back");
    assert_eq!(again, file, "reading what we wrote gives the same file");

    let mut scratch = db::open_in_memory().unwrap();
    let opened = exchange::import_as_new(&mut scratch, &file).expect("a file that passed the checks opens");
    let copy = exchange::import_as_new(&mut scratch, &file).expect("and opens again as a copy");
    assert_coalition_still_works(&scratch, &opened.id);
    assert_coalition_still_works(&scratch, &copy.id);

    let mut with_example = db::open_in_memory().unwrap();
    let target = example::create_example_coalition(&with_example).unwrap();
    exchange::plan_merge(&with_example, &target.id, &file).expect("a file that passed the checks plans a merge");
    exchange::apply_merge(&mut with_example, &target.id, &file, &Default::default()).expect("and merges");
    assert_coalition_still_works(&with_example, &target.id);
});
