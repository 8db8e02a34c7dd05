//! Outside programs some tests use to check real output (`pdftotext`, `qpdf`, `strace`).
//!
//! The test command (`scripts/test.sh`) installs them and sets `COMMON_GROUND_REQUIRE_TOOLS=1`:
//! there a missing program fails the test, so a check can never pass by being skipped. Anywhere
//! else (a quick `cargo test` on a machine without them) the part that needs the program is
//! skipped, and the test says so on its output.

use std::ffi::OsStr;
use std::process::{Command, Output};

/// Set (to anything but "" or "0") where every outside program must be present.
pub const REQUIRE_TOOLS_VARIABLE: &str = "COMMON_GROUND_REQUIRE_TOOLS";

pub fn tools_required() -> bool {
    std::env::var_os(REQUIRE_TOOLS_VARIABLE).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Runs `program` with `args` and returns what it printed, or None when it is not installed
/// and tools are not required. Panics when it is missing but required.
pub fn run_tool<S: AsRef<OsStr>>(program: &str, args: &[S]) -> Option<Output> {
    match Command::new(program).args(args).output() {
        Ok(output) => Some(output),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                !tools_required(),
                "{program} is not installed, and {REQUIRE_TOOLS_VARIABLE} says every test tool must be: \
                 run scripts/install-deps.sh --test"
            );
            eprintln!("note: {program} is not installed, so the part of this test that needs it was skipped");
            None
        }
        Err(e) => panic!("could not run {program}: {e}"),
    }
}
