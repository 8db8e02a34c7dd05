//! Build script of the desktop shell: embeds the configuration, and turns each area of commands
//! (a file in src/commands/ with an `area!` line) into a plugin whose default permission allows
//! exactly the commands that line names. A capability grants an area with `AREA:default`.

use std::fs;
use std::path::Path;

const COMMANDS_FOLDER: &str = "src-tauri/src/commands";

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed={COMMANDS_FOLDER}");
    let mut attributes = tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*");
    for (area, commands) in areas(Path::new(COMMANDS_FOLDER)) {
        let plugin = tauri_build::InlinedPlugin::new()
            .commands(commands)
            .default_permission(tauri_build::DefaultPermissionRule::AllowAllCommands);
        attributes = attributes.plugin(area, plugin);
    }
    tauri_build::try_build(attributes).expect("failed to run the Tauri build step");
}

/// Every area with its commands, read from the `area!` line of each file in the folder. Files
/// without one (mod.rs) hold no commands.
fn areas(folder: &Path) -> Vec<(&'static str, &'static [&'static str])> {
    let mut files: Vec<_> = fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("could not list {}: {e}", folder.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut areas = Vec::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()));
        let Some((area, commands)) = area_line(&source) else { continue };
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        assert_eq!(area, stem, "{}: an area is named after its file", path.display());
        // tauri-build keeps the names for the whole build, so they live as long as it does.
        let commands: Vec<&'static str> = commands.into_iter().map(|c| &*Box::leak(c.into_boxed_str())).collect();
        areas.push((&*Box::leak(area.into_boxed_str()), &*Box::leak(commands.into_boxed_slice())));
    }
    areas
}

/// The area's name and commands from a line `area!(name: first, second, ...);` that may run over
/// several lines. None when the file has no such line.
fn area_line(source: &str) -> Option<(String, Vec<String>)> {
    let start = source.lines().position(|line| line.starts_with("area!("))?;
    let text: String = source.lines().skip(start).collect::<Vec<_>>().join(" ");
    let inside = &text["area!(".len()..text.find(");").expect("an area! line ends with \");\"")];
    let (area, commands) = inside.split_once(':').expect("an area! line reads area!(name: commands)");
    let is_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let area = area.trim().to_string();
    let commands: Vec<String> = commands.split(',').map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect();
    assert!(is_name(&area) && !area.contains('_'), "an area's name is one lowercase word: {area:?}");
    for command in &commands {
        assert!(is_name(command), "a command's name is snake_case: {command:?}");
    }
    Some((area, commands))
}
