//! Common Ground's domain library: the coalition store, worksheet definitions, the plan PDF and
//! the exchange file. It knows nothing about windows or Tauri, so everything here is tested
//! headless; the desktop shell only adapts these functions into commands.

pub mod backup;
pub mod db;
pub mod error;
pub mod example;
pub mod files;
pub mod format;
pub mod exchange;
pub mod model;
pub mod pdf;
pub mod plan;
pub mod shown;
pub mod store;
#[cfg(test)]
mod test_tools;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;
pub mod time;
pub mod worksheets;

pub use error::{Error, Result};

