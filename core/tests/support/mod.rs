//! Helpers shared by the integration tests.

/// The check every accepted file must pass, shared with the fuzz target.
pub use common_ground_core::testing as still_works;
