//! Helpers shared by the integration tests.

pub mod still_works;
