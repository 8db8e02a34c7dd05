//! Tauri commands: thin adapters that unpack arguments, run core functions on a blocking thread
//! and return their results. No rules about coalitions live here.

pub mod backups;
pub mod coalitions;
pub mod files;
pub mod records;
pub mod worksheets;
