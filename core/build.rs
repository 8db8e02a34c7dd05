//! Embeds the worksheet data files and the text catalogs. Every `worksheets/*.toml` except
//! `stages.toml` and `records.toml` is one worksheet; every `text/LANGUAGE/AREA.toml` is one area's
//! text in one language. The lists are generated here so that adding a worksheet, an area's text
//! or a whole language means adding files and nothing else. Worksheets appear in file name order
//! (hence the `NN-` prefix).

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

    write_text_files(&manifest_dir.join("text"));
    write_table_files(&manifest_dir.join("tables"));
}

/// `table_files.rs`: (file name, contents) for every `tables/AREA.toml`, sorted.
fn write_table_files(folder: &Path) {
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut code = String::from("&[\n");
    for path in sorted_entries(folder).into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().and_then(|s| s.to_str()).expect("table file names must be valid UTF-8").to_string();
        let path_text = path.to_str().expect("table paths must be valid UTF-8");
        code.push_str(&format!("    ({name:?}, include_str!({path_text:?})),\n"));
    }
    code.push_str("]\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("table_files.rs");
    fs::write(&out, code).unwrap_or_else(|e| panic!("could not write {}: {e}", out.display()));
}

/// `text_files.rs`: (language, area, contents) for every `text/LANGUAGE/AREA.toml`, sorted.
fn write_text_files(folder: &Path) {
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut files = Vec::new();
    for language in sorted_entries(folder).into_iter().filter(|p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", language.display());
        for file in sorted_entries(&language).into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
            let name = |p: &Path| p.file_stem().and_then(|s| s.to_str()).expect("text file names must be valid UTF-8").to_string();
            files.push((name(&language), name(&file), file));
        }
    }
    let mut code = String::from("&[\n");
    for (language, area, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let path_text = path.to_str().expect("text paths must be valid UTF-8");
        code.push_str(&format!("    ({language:?}, {area:?}, include_str!({path_text:?})),\n"));
    }
    code.push_str("]\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("text_files.rs");
    fs::write(&out, code).unwrap_or_else(|e| panic!("could not write {}: {e}", out.display()));
}

/// The paths in a folder, sorted; none when the folder is missing.
fn sorted_entries(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("could not list {}: {e}", folder.display())).path())
        .collect();
    paths.sort();
    paths
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
