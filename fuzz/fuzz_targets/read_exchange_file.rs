//! Any bytes given to the exchange file reader: it must never panic, and a file it accepts must
//! read back the same after writing, and open as a new coalition without a database error (the
//! reader's checks are complete).
#![no_main]

use common_ground_core::{db, exchange};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(file) = exchange::read_exchange_file(bytes) else { return };
    let written = exchange::to_json_bytes(&file);
    let again = exchange::read_exchange_file(&written).expect("a file we wrote reads back");
    assert_eq!(again, file, "reading what we wrote gives the same file");
    let mut conn = db::open_in_memory().unwrap();
    exchange::import_as_new(&mut conn, &file).expect("a file that passed the checks opens");
    exchange::import_as_new(&mut conn, &file).expect("and opens again as a copy");
});
