//! Helpers shared by the integration tests. Each test file uses some of them.
#![allow(dead_code)]

pub mod rng;

/// The check every accepted file must pass, shared with the fuzz target.
#[allow(unused_imports)]
pub use common_ground_core::testing as still_works;
