//! The text catalog against the code that uses it: every key the page (`ui/js`, `ui/index.html`)
//! and the Rust code (`text::t("…")`, `text::fixed("…")`) asks for exists in English, every English key is asked
//! for somewhere, and the page writes no words of its own.
//!
//! The rule for "words of its own", kept simple on purpose: outside `ui/js/text.js`, a string in
//! `ui/js` (a quoted string, or the fixed parts of a template) is text for people when it holds
//! a capital followed by a small letter ("Save"), two words with a space between ("can be"), a
//! letter, an apostrophe and a letter ("can't"), or ends in a letter and `.`, `…`, `?` or `!`.
//! Such a string must come from `t("…")` instead. Not counted: a `new Error(…)` message
//! (a bug in the page, written for developers), a CSS selector handed to `querySelector`, a
//! class list (after `class:`, or made only of class names from `ui/styles.css`), and the
//! keyboard's key names. The Rust code is held to the same rule (see "No words of the Rust
//! code's own" below).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common_ground_core::text;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("core sits in the repository").to_path_buf()
}

/// Every file under `folder` whose name ends in `ext`, sorted.
fn files(folder: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.strip_prefix(repo()).unwrap_or(path).display().to_string()
}

// ------------------------------------------------------------------------------------------------
// Reading JavaScript just well enough: comments, strings and templates.

/// A piece of a JavaScript file: code, or the text of a string (a template's fixed parts one by
/// one), with its line and the code just before it.
#[derive(Debug)]
struct Literal {
    text: String,
    line: usize,
    before: String,
}

/// Splits a file into its code (strings blanked to `""`, templates' text to two backticks,
/// comments removed) and its strings.
fn scan_js(source: &str) -> (String, Vec<Literal>) {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::new();
    let mut literals = Vec::new();
    // Open template literals, each with the depth of braces inside its current `${` and the code
    // before the template (what each of its fixed parts is handed to).
    let mut templates: Vec<(usize, String)> = Vec::new();
    let mut in_template_text = false;
    let mut i = 0;
    let line_at = |i: usize| chars[..i].iter().filter(|c| **c == '\n').count() + 1;
    let tail = |code: &str| code.chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect::<String>();
    while i < chars.len() {
        let c = chars[i];
        if in_template_text {
            // Fixed text of a template, up to its end or the next `${`.
            let start = i;
            let mut text = String::new();
            while i < chars.len() && chars[i] != '`' && !(chars[i] == '$' && chars.get(i + 1) == Some(&'{')) {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(c) = chars.get(i) {
                    text.push(*c);
                }
                i += 1;
            }
            let before = templates.last().map(|(_, before)| before.clone()).unwrap_or_default();
            literals.push(Literal { text, line: line_at(start), before });
            code.push_str("``");
            if chars.get(i) == Some(&'`') {
                templates.pop();
                i += 1;
            } else {
                if let Some((depth, _)) = templates.last_mut() {
                    *depth = 1;
                }
                code.push_str("${");
                i += 2;
            }
            in_template_text = false;
            continue;
        }
        match c {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
                code.push(' ');
            }
            '"' | '\'' => {
                let start = i;
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != c {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1;
                literals.push(Literal { text, line: line_at(start), before: tail(&code) });
                code.push_str("\"\"");
            }
            '`' => {
                templates.push((0, tail(&code)));
                in_template_text = true;
                i += 1;
            }
            '{' if templates.last().is_some_and(|(depth, _)| *depth > 0) => {
                templates.last_mut().expect("an open template").0 += 1;
                code.push(c);
                i += 1;
            }
            '}' if templates.last().is_some_and(|(depth, _)| *depth > 0) => {
                let depth = &mut templates.last_mut().expect("an open template").0;
                *depth -= 1;
                i += 1;
                if *depth == 0 {
                    code.push('}');
                    in_template_text = true;
                } else {
                    code.push(c);
                }
            }
            _ => {
                code.push(c);
                i += 1;
            }
        }
    }
    (code, literals)
}

/// The keys a file asks for with `t("…")`, and calls of `t` whose key is not a plain string
/// (which this test could not check, so they are not allowed).
fn js_keys(source: &str) -> (Vec<String>, Vec<usize>) {
    let (code, literals) = scan_js(source);
    let mut keys = Vec::new();
    let mut dynamic = Vec::new();
    for literal in &literals {
        if is_t_call(&literal.before) {
            keys.push(literal.text.clone());
        }
    }
    // Every `t(` in the code must be followed by a string.
    let code_chars: Vec<char> = code.chars().collect();
    for (i, window) in code_chars.windows(2).enumerate() {
        let before = if i == 0 { ' ' } else { code_chars[i - 1] };
        if window == ['t', '('] && !(before.is_alphanumeric() || "_$.".contains(before)) {
            let rest: String = code_chars[i + 2..].iter().collect();
            if !rest.trim_start().starts_with("\"\"") {
                dynamic.push(code_chars[..i].iter().filter(|c| **c == '\n').count() + 1);
            }
        }
    }
    (keys, dynamic)
}

/// Whether code ending like this is the start of a `t(` call.
fn is_t_call(before: &str) -> bool {
    let trimmed = before.trim_end();
    let Some(rest) = trimmed.strip_suffix("t(") else { return false };
    !rest.ends_with(|c: char| c.is_alphanumeric() || "_$.".contains(c))
}

/// Keys in `data-text="…"` attributes (outside comments).
fn html_keys(source: &str) -> Vec<String> {
    let without_comments: String = source
        .split("<!--")
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.split_once("-->").map_or("", |(_, after)| after) })
        .collect();
    without_comments.split("data-text=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect()
}

/// Keys the Rust code asks for with `text::t("…")`, and the lines of calls without a plain key.
fn rust_keys(source: &str) -> (Vec<String>, Vec<usize>) {
    let mut keys = Vec::new();
    let mut dynamic = Vec::new();
    let calls = source.match_indices("text::t(").chain(source.match_indices("text::fixed("));
    for (at, call) in calls {
        let rest = source[at + call.len()..].trim_start();
        match rest.strip_prefix('"').and_then(|rest| rest.split('"').next()) {
            Some(key) => keys.push(key.to_string()),
            None => dynamic.push(source[..at].matches('\n').count() + 1),
        }
    }
    (keys, dynamic)
}

/// Every key asked for anywhere, with where.
fn keys_in_code() -> BTreeMap<String, Vec<String>> {
    let mut used: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut note = |key: String, place: String| used.entry(key).or_default().push(place);
    for path in files(&repo().join("ui/js"), ".js") {
        let (keys, dynamic) = js_keys(&read(&path));
        assert!(dynamic.is_empty() || path.ends_with("text.js"),
            "{}: t() is called with a key that is not a plain \"string\" on line(s) {dynamic:?}; write each key out so it can be checked", name(&path));
        for key in keys {
            note(key, name(&path));
        }
    }
    for key in html_keys(&read(&repo().join("ui/index.html"))) {
        note(key, "ui/index.html".into());
    }
    for folder in ["core/src", "src-tauri/src"] {
        for path in files(&repo().join(folder), ".rs") {
            let (keys, dynamic) = rust_keys(&read(&path));
            assert!(dynamic.is_empty(), "{}: text::t() without a plain \"key\" on line(s) {dynamic:?}", name(&path));
            for key in keys {
                note(key, name(&path));
            }
        }
    }
    used
}

#[test]
fn every_key_in_use_is_in_the_catalog_and_every_key_is_in_use() {
    let catalog = text::base();
    let known = catalog.keys_in_use();
    let used = keys_in_code();
    let missing: Vec<String> = used
        .iter()
        .filter(|(key, _)| !known.contains(*key))
        .map(|(key, places)| format!("{key} (in {})", places.join(", ")))
        .collect();
    assert!(missing.is_empty(), "Keys used but not in core/text/en:\n{}", missing.join("\n"));
    let unused: Vec<&String> = known.iter().filter(|key| !used.contains_key(*key)).collect();
    assert!(unused.is_empty(), "Keys in core/text/en that nothing uses: {unused:?}");
    assert!(used.len() > 100, "the scan found only {} keys; is it still reading the page?", used.len());
}

#[test]
fn the_scan_finds_keys_and_refuses_keys_it_cannot_read() {
    let source = "const a = t(\"common.save\"); // t(\"common.not_in_a_comment\")\nh(\"p\", null, `${t(\"common.close\", { n: `${x}` })}`);\nconst b = t(key);\nfoo.t(\"x.y\"); shout(\"x.z\");";
    let (keys, dynamic) = js_keys(source);
    assert_eq!(keys, ["common.save", "common.close"]);
    assert_eq!(dynamic, [3]);
    assert_eq!(html_keys("<!-- data-text=\"KEY\" --><a data-text=\"common.skip\"></a><p data-text=\"startup.opening\">"), ["common.skip", "startup.opening"]);
    assert_eq!(rust_keys("text::t(\"errors.busy\", &[])\ntext::t(\n    \"errors.two_lines\",\n)"), (vec!["errors.busy".to_string(), "errors.two_lines".to_string()], vec![]));
    assert_eq!(rust_keys("a\ntext::t(key, &[])").1, [2]);
    assert_eq!(rust_keys("text::fixed(\"plan.pdf_files\")").0, ["plan.pdf_files"]);
}

// ------------------------------------------------------------------------------------------------
// No words of the page's own.

/// Class names in the style sheet.
fn css_classes() -> BTreeSet<String> {
    let css = read(&repo().join("ui/styles.css"));
    let mut classes = BTreeSet::new();
    for (i, _) in css.match_indices('.') {
        let name: String = css[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            classes.insert(name);
        }
    }
    classes
}

const KEY_NAMES: &[&str] = &["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Escape", "Enter", "Tab"];

/// Whether a string reads as words for people (see the rule at the top of this file).
fn reads_as_words(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let capital_word = chars.windows(2).any(|w| w[0].is_uppercase() && w[1].is_lowercase());
    let two_words = chars.windows(3).any(|w| w[0].is_alphabetic() && w[1] == ' ' && w[2].is_alphabetic());
    let apostrophe = chars.windows(3).any(|w| w[0].is_alphabetic() && "'’".contains(w[1]) && w[2].is_alphabetic());
    let sentence_end = chars.len() >= 2
        && ".…?!".contains(chars[chars.len() - 1])
        && chars[chars.len() - 2].is_alphabetic();
    capital_word || two_words || apostrophe || sentence_end
}

/// Strings in a file that are words for people, as "line N: text".
fn words_of_its_own(source: &str, classes: &BTreeSet<String>) -> Vec<String> {
    let (_, literals) = scan_js(source);
    literals
        .into_iter()
        .filter(|l| reads_as_words(&l.text))
        .filter(|l| !is_t_call(&l.before))
        .filter(|l| !l.before.trim_end().ends_with("new Error("))
        .filter(|l| !l.before.trim_end().ends_with("querySelector(") && !l.before.trim_end().ends_with("querySelectorAll("))
        .filter(|l| !l.before.trim_end().ends_with("class:"))
        .filter(|l| !l.text.split_whitespace().all(|word| classes.contains(word)))
        .filter(|l| !KEY_NAMES.contains(&l.text.as_str()))
        .map(|l| format!("line {}: {:?}", l.line, l.text))
        .collect()
}

#[test]
fn the_page_writes_no_words_of_its_own() {
    let classes = css_classes();
    let mut found = Vec::new();
    for path in files(&repo().join("ui/js"), ".js").into_iter().filter(|p| !p.ends_with("text.js")) {
        for problem in words_of_its_own(&read(&path), &classes) {
            found.push(format!("{}: {problem}", name(&path)));
        }
    }
    assert!(found.is_empty(), "Text for people written in the page's code; put it in core/text/en and use t(\"…\"):\n{}", found.join("\n"));
    let html = read(&repo().join("ui/index.html"));
    let body = html.split("<body>").nth(1).expect("index.html has a body");
    let visible: String = body
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, after)| after))
        .collect::<String>();
    assert!(visible.trim().is_empty(), "ui/index.html shows text of its own: {visible:?}; use data-text=\"KEY\"");
}

#[test]
fn the_rule_catches_words_and_lets_code_through() {
    let classes = BTreeSet::from(["primary".to_string(), "large".to_string()]);
    let caught = |source: &str| words_of_its_own(source, &classes);
    for words in [
        "h(\"button\", null, \"Save\")",
        "el.textContent = \"saving…\";",
        "toast(`Deleted ${name}.`)",
        "({ label: \"can't be used\" })",
        "h(\"p\", null, \"none yet, sorry\")",
        "const l = `Step ${i} of ${n}`",
        "el.textContent = `${n} saved…`",
    ] {
        assert_eq!(caught(words).len(), 1, "{words}");
    }
    for code in [
        "h(\"button\", { class: \"primary large\", type: \"button\" }, t(\"common.save\"))",
        "h(\"div\", { class: x ? \"primary large\" : \"\" })",
        "throw new Error(`The route \"${name}\" is registered twice.`);",
        "main.querySelector(\".step-body input, .step-body textarea\")",
        "if (event.key !== \"ArrowLeft\") return;",
        "// A comment says \"Hello there.\"\nconst a = 1; /* Also \"Fine.\" */",
        "h(\"section\", { class: `question kind-${q.kind}`, id: `${id}-label` })",
        "new Date(x).toLocaleDateString(\"en-GB\", { timeZone: \"UTC\" })",
        "invoke(`plugin:${name}|${command}`, args)",
    ] {
        assert!(caught(code).is_empty(), "{code}: {:?}", caught(code));
    }
}

// ------------------------------------------------------------------------------------------------
// No words of the Rust code's own.
//
// The same rule as for the page, for the Rust code's strings outside its tests (everything from
// the first `#[cfg(test)]` on is left out): a string that reads as words must come from
// `text::t("…")`. Not counted: the messages of `expect`, `panic!`, `assert!`, `unreachable!` and
// the log lines of `eprintln!`/`println!` (for developers), SQL, and the folders and files below,
// whose words are for developers or are data (`RUST_FOLDERS_FOR_DEVELOPERS`).

/// Where the Rust code's words are for developers, not people: the catalog's own checks
/// (`validate.rs` and `text.rs` report mistakes in the app's data files, for whoever edits
/// them), the command-line tools and test helpers.
const RUST_FOLDERS_FOR_DEVELOPERS: &[&str] = &[
    "core/src/bin/",
    "core/src/worksheets/validate.rs",
    "core/src/text.rs",
    "core/src/testing.rs",
    "core/src/test_tools.rs",
    "core/src/plan/large.rs",
];

/// Macros and calls whose strings are for developers.
const RUST_DEVELOPER_CALLS: &[&str] =
    &["expect(", "panic!(", "assert!(", "assert_eq!(", "assert_ne!(", "debug_assert!(", "unreachable!(", "eprintln!(", "println!(", "todo!(",
      // serde's own error and "expecting" texts, which a person never sees
      "::custom(", "write_str("];

/// The string literals of Rust code (comments left out), each with its line and the code before
/// it on that line; `#[cfg(test)]` and everything after it is left out.
fn rust_literals(source: &str) -> Vec<Literal> {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    let chars: Vec<char> = source.chars().collect();
    let mut literals = Vec::new();
    let mut code = String::new();
    let mut i = 0;
    let mut line = 1;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                code.clear();
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            }
            // A char literal ('"', '\'', 'a'); a lifetime ('a) is code.
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                code.push_str("' '");
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => {
                i += 3;
                code.push_str("' '");
            }
            // A raw string: r"…" or r#"…"#.
            'r' if !code.ends_with(|c: char| c.is_alphanumeric() || c == '_')
                && matches!(chars.get(i + 1), Some('"') | Some('#')) =>
            {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                if chars.get(i + 1 + hashes) != Some(&'"') {
                    code.push(c);
                    i += 1;
                    continue;
                }
                let start_line = line;
                let mut text = String::new();
                i += 2 + hashes;
                while i < chars.len() && !(chars[i] == '"' && chars[i + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes) {
                    line += usize::from(chars[i] == '\n');
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1 + hashes;
                literals.push(Literal { text, line: start_line, before: code.clone() });
                code.push_str("\"\"");
            }
            '"' => {
                let start_line = line;
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    line += usize::from(chars[i] == '\n');
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1;
                literals.push(Literal { text, line: start_line, before: code.clone() });
                code.push_str("\"\"");
            }
            _ => {
                code.push(c);
                i += 1;
            }
        }
    }
    literals
}

/// Whether a Rust string is code rather than words: SQL, a path (`Vec::is_empty`, a file), an
/// identifier such as `CommandError`, an attribute's argument, or a key of a PDF dictionary.
fn is_rust_code_string(literal: &Literal) -> bool {
    const SQL: &[&str] = &["SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "PRAGMA", "FROM", "WHERE", "SAVEPOINT", "RELEASE", "ROLLBACK"];
    let text = literal.text.trim();
    let sql = text.split(|c: char| !c.is_ascii_alphabetic()).any(|word| SQL.contains(&word));
    let path = text.contains("::") || text.starts_with("../") || text.starts_with("./");
    let identifier = !text.contains(' ') && text.chars().skip(1).any(char::is_uppercase);
    sql || path || identifier || literal.before.contains("#[") || literal.before.contains(".set(")
}

/// Strings in Rust code that are words for people, as "line N: text".
fn rust_words_of_its_own(source: &str) -> Vec<String> {
    rust_literals(source)
        .into_iter()
        .filter(|l| reads_as_words(&l.text))
        .filter(|l| !RUST_DEVELOPER_CALLS.iter().any(|call| l.before.contains(call)))
        .filter(|l| !is_rust_code_string(l))
        .map(|l| format!("line {}: {:?}", l.line, l.text))
        .collect()
}

#[test]
fn the_rust_code_writes_no_words_of_its_own() {
    let mut found = Vec::new();
    for folder in ["core/src", "src-tauri/src"] {
        for path in files(&repo().join(folder), ".rs") {
            let place = name(&path).replace('\\', "/");
            // A `tests.rs` is a test module of its own (`#[cfg(test)] mod tests;`).
            if RUST_FOLDERS_FOR_DEVELOPERS.iter().any(|skip| place.starts_with(skip)) || place.ends_with("/tests.rs") {
                continue;
            }
            for problem in rust_words_of_its_own(&read(&path)) {
                found.push(format!("{place}: {problem}"));
            }
        }
    }
    assert!(found.is_empty(), "Text for people written in the Rust code; put it in core/text/en and use text::t(\"…\"):\n{}", found.join("\n"));
}

#[test]
fn the_rust_rule_catches_words_and_lets_code_through() {
    for words in [
        "fn f() -> Error { Error::Invalid(format!(\"The amount for {what} is wrong.\")) }",
        "let kicker = \"Coalition plan\".to_string();",
        "Err(\"it is damaged\".into())",
        "let s = r#\"Page one of two\"#;",
    ] {
        assert_eq!(rust_words_of_its_own(words).len(), 1, "{words}");
    }
    for code in [
        "let x = text::t(\"plan.kicker\", &[]);",
        "let c = conn.expect(\"the database opens\");",
        "eprintln!(\"Backup failed: {err}\");",
        "assert!(ok, \"the list is sorted\");",
        "conn.query_row(\"SELECT count(*) FROM coalitions WHERE deleted_at IS NULL\", [], f)",
        "// A comment says \"Hello there.\"\nlet quote = '\"'; let b = \"x\";",
        "fn f() {}\n#[cfg(test)]\nmod tests { const A: &str = \"Words in a test.\"; }",
        "let name = format!(\"{PREFIX}{stamp}{EXTENSION}\");",
        "tx.execute_batch(\"SAVEPOINT one_change\")?; let w = \"coalition_id IN (SELECT id FROM coalitions)\";",
        "#[serde(skip_serializing_if = \"Vec::is_empty\")]\nconst FONT: &[u8] = include_bytes!(\"../../fonts/DejaVuSans.ttf\");",
        "outlines.set(\"Type\", \"Outlines\"); s.serialize_struct(\"CommandError\", 2)?;",
    ] {
        assert!(rust_words_of_its_own(code).is_empty(), "{code}: {:?}", rust_words_of_its_own(code));
    }
}
