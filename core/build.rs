//! Embeds the worksheet data files. Every `worksheets/*.toml` except `stages.toml` and
//! `records.toml` is one worksheet; the list is generated here so that adding a worksheet means
//! adding a file and nothing else. Worksheets appear in file name order (hence the `NN-` prefix).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

/// Files in the folder that are not worksheets.
const NOT_WORKSHEETS: &[&str] = &["stages.toml", "records.toml"];

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let folder = manifest_dir.join("worksheets");
    // The folder itself changes when a file is added or removed.
    println!("cargo:rerun-if-changed={}", folder.display());

    let files = worksheet_files(&folder);
    let mut code = String::from("&[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let path_text = path.to_str().expect("worksheet paths must be valid UTF-8");
        // `{:?}` writes a valid Rust string literal, escaping backslashes on Windows paths.
        code.push_str(&format!("    ({name:?}, include_str!({path_text:?})),\n"));
    }
    code.push_str("]\n");

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("worksheet_files.rs");
    fs::write(&out, code).unwrap_or_else(|e| panic!("could not write {}: {e}", out.display()));
}

/// The worksheet files in the folder, sorted by file name. A missing folder means no worksheets.
fn worksheet_files(folder: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("could not list {}: {e}", folder.display())))
        .filter(|entry| entry.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let is_worksheet = name.ends_with(".toml") && !NOT_WORKSHEETS.contains(&name.as_str());
            is_worksheet.then(|| (name, entry.path()))
        })
        .collect();
    files.sort();
    files
}
