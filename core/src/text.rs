//! Text for people: the page's labels, messages and errors, one catalog per language. Each
//! catalog is made of `core/text/LANGUAGE/AREA.toml` files, one per area of the app, embedded at
//! build time (see `build.rs`). Worksheet text is not here; it stays in the worksheet files.
//!
//! A file holds `key = "text"` lines; the full key is `AREA.key` (`common.cancel`). A text may
//! name parameters in braces, `"Deleted {name}."`. A text that depends on a number is a table
//! with `one` (for exactly 1) and `other`, and is rendered with a `count` parameter:
//!
//! ```toml
//! answer_count = { one = "{count} answer", other = "{count} answers" }
//! ```
//!
//! Every language has the same keys as English, with the same parameters in each text.
//!
//! The app speaks one language, chosen once at start from the system's languages
//! ([`choose_language`]): the page gets that language's catalog, and the core and the shell
//! write their own messages in it through [`t`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;
use std::sync::OnceLock;

use serde::Serialize;

/// Every text file as (language, area, contents), sorted.
pub const EMBEDDED_TEXT: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/text_files.rs"));

/// The language every other one is checked against, and the one used when no other fits.
pub const BASE_LANGUAGE: &str = "en";

/// The forms of a text that depends on a number.
const PLURAL_FORMS: [&str; 2] = ["one", "other"];

/// One language's texts by full key. A text with number forms has one key per form
/// (`coalitions.answer_count.one`, `coalitions.answer_count.other`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalog {
    pub language: String,
    pub texts: BTreeMap<String, String>,
}

impl Catalog {
    /// The text under `key` with its parameters filled in. A key with number forms takes the
    /// form its `count` parameter asks for.
    pub fn render(&self, key: &str, params: &[(&str, &dyn Display)]) -> Result<String, String> {
        let template = match self.texts.get(key) {
            Some(template) => template,
            None => {
                let count = params.iter().find(|(name, _)| *name == "count").map(|(_, value)| value.to_string());
                let form = if count.as_deref() == Some("1") { "one" } else { "other" };
                match (count, self.texts.get(&format!("{key}.{form}"))) {
                    (Some(_), Some(template)) => template,
                    _ => return Err(format!("There is no text \"{key}\" in the \"{}\" catalog.", self.language)),
                }
            }
        };
        fill(template, params).map_err(|problem| format!("The text \"{key}\": {problem}"))
    }

    /// The keys as code names them: a text with number forms counts once, without its form.
    pub fn keys_in_use(&self) -> BTreeSet<String> {
        self.texts.keys().map(|key| base_key(key).to_string()).collect()
    }
}

/// A key without its number form: `area.count.one` is `area.count`. A plain key is `area.key`,
/// one dot, even when the key is called `other`.
fn base_key(key: &str) -> &str {
    match key.rsplit_once('.') {
        Some((base, form)) if base.contains('.') && PLURAL_FORMS.contains(&form) => base,
        _ => key,
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => crate::text::t("worksheets.and_last", &[("rest", &rest.join(", ")), ("last", last)]),
    }
}

/// Every embedded language's catalog, checked. Panics if one is invalid; the test suite checks
/// exactly these files, so that can only happen in a build whose tests failed.
pub fn catalogs() -> &'static BTreeMap<String, Catalog> {
    static CATALOGS: OnceLock<BTreeMap<String, Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        parse_all(EMBEDDED_TEXT)
            .unwrap_or_else(|problems| panic!("The text built into this program is invalid:\n{}", problems.join("\n")))
    })
}

/// The English catalog.
pub fn base() -> &'static Catalog {
    &catalogs()[BASE_LANGUAGE]
}

/// The catalog for the first of the person's languages that the app has ("es-MX" finds "es"),
/// or English.
pub fn for_languages(preferred: &[String]) -> &'static Catalog {
    let all = catalogs();
    preferred
        .iter()
        .find_map(|tag| {
            let tag = tag.to_ascii_lowercase();
            all.get(&tag).or_else(|| all.get(tag.split(['-', '_']).next().unwrap_or_default()))
        })
        .unwrap_or_else(base)
}

/// The language the app speaks, chosen once at start (see [`choose_language`]).
static IN_USE: OnceLock<&'static Catalog> = OnceLock::new();

/// Chooses, once for the life of the program, the language the app speaks: the first of
/// `preferred` that the app has, or English. The shell calls it at start with the system's
/// languages ([`system_languages`]) and hands the same catalog to the page, so the page and the
/// core's own messages always speak one language. Later calls change nothing and return the
/// catalog chosen first.
pub fn choose_language(preferred: &[String]) -> &'static Catalog {
    IN_USE.get_or_init(|| for_languages(preferred))
}

/// The catalog in use: the one chosen at start, or English before any choice (in tests, say).
pub fn in_use() -> &'static Catalog {
    IN_USE.get().copied().unwrap_or_else(base)
}

/// The person's languages as the system says them, most wanted first: `LANGUAGE` (a list, as
/// "es_MX:es"), then `LC_ALL`, `LC_MESSAGES` and `LANG`.
pub fn system_languages() -> Vec<String> {
    let vars = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"].map(|name| std::env::var(name).unwrap_or_default());
    languages_from(&vars)
}

/// Language tags from locale settings such as "es_MX.UTF-8" or "fr_CA:fr": "es-MX", "fr-CA",
/// "fr". "C" and "POSIX" name no language and are skipped.
pub fn languages_from(settings: &[String]) -> Vec<String> {
    let mut tags = Vec::new();
    for setting in settings {
        for locale in setting.split(':') {
            let name = locale.split(['.', '@']).next().unwrap_or_default().trim();
            if name.is_empty() || name == "C" || name == "POSIX" {
                continue;
            }
            let tag = name.replace('_', "-");
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    tags
}

/// A text for people from the core or the shell (their messages, the plan's own words), in the
/// language in use. A text the language lacks falls back to English; an unknown key comes back
/// as itself. The test suite checks that every key the code uses exists.
pub fn t(key: &str, params: &[(&str, &dyn Display)]) -> String {
    in_use().render(key, params).or_else(|_| base().render(key, params)).unwrap_or_else(|_| key.to_string())
}

/// A text without parameters, for places that keep it for the life of the program (the names in
/// a file dialog), in the language in use. An unknown key comes back as itself, as with [`t`].
pub fn fixed(key: &'static str) -> &'static str {
    in_use().texts.get(key).or_else(|| base().texts.get(key)).map_or(key, String::as_str)
}

/// Parses every (language, area, contents) file into one catalog per language and checks each
/// one against English. Returns every problem found, each naming its file.
pub fn parse_all(files: &[(&str, &str, &str)]) -> Result<BTreeMap<String, Catalog>, Vec<String>> {
    let mut problems = Vec::new();
    let mut by_language: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (language, area, contents) in files {
        by_language.entry(language).or_default().push((area, contents));
    }
    let mut catalogs = BTreeMap::new();
    for (language, files) in by_language {
        match parse_language(language, &files) {
            Ok(catalog) => {
                catalogs.insert(language.to_string(), catalog);
            }
            Err(found) => problems.extend(found),
        }
    }
    match catalogs.get(BASE_LANGUAGE) {
        Some(base) => {
            for catalog in catalogs.values().filter(|c| c.language != BASE_LANGUAGE) {
                problems.extend(compare(base, catalog));
            }
        }
        None if problems.is_empty() => problems.push(format!("There is no text in \"{BASE_LANGUAGE}\".")),
        None => {}
    }
    if problems.is_empty() { Ok(catalogs) } else { Err(problems) }
}

/// One language's catalog from its (area, contents) files.
pub fn parse_language(language: &str, files: &[(&str, &str)]) -> Result<Catalog, Vec<String>> {
    let mut problems = Vec::new();
    let mut texts = BTreeMap::new();
    let mut areas = BTreeSet::new();
    for (area, contents) in files {
        let file = format!("text/{language}/{area}.toml");
        if !is_name(area) {
            problems.push(format!("{file}: an area's name is lowercase letters, digits and \"_\"."));
        }
        if !areas.insert(*area) {
            problems.push(format!("{file}: this area has two files."));
        }
        let table: toml::Table = match toml::from_str(contents) {
            Ok(table) => table,
            Err(e) => {
                problems.push(format!("{file}: {e}"));
                continue;
            }
        };
        for (name, value) in table {
            let key = format!("{area}.{name}");
            if !is_name(&name) {
                problems.push(format!("{file}: the key \"{name}\" is not lowercase letters, digits and \"_\"."));
            }
            let forms: Vec<(String, &toml::Value)> = match &value {
                toml::Value::String(_) => vec![(key.clone(), &value)],
                toml::Value::Table(forms) => {
                    let names: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
                    if names != BTreeSet::from(PLURAL_FORMS) {
                        problems.push(format!("{file}: \"{name}\" is a table, so it needs exactly \"one\" and \"other\"."));
                    }
                    forms.iter().map(|(form, text)| (format!("{key}.{form}"), text)).collect()
                }
                _ => {
                    problems.push(format!("{file}: \"{name}\" must be text in quotes."));
                    continue;
                }
            };
            for (key, text) in forms {
                let Some(text) = text.as_str() else {
                    problems.push(format!("{file}: \"{key}\" must be text in quotes."));
                    continue;
                };
                if text.trim().is_empty() {
                    problems.push(format!("{file}: \"{key}\" is empty."));
                }
                if let Err(problem) = placeholders(text) {
                    problems.push(format!("{file}: \"{key}\": {problem}"));
                }
                texts.insert(key, text.to_string());
            }
        }
    }
    if problems.is_empty() { Ok(Catalog { language: language.to_string(), texts }) } else { Err(problems) }
}

/// What a language's catalog lacks or adds next to English, and texts whose parameters differ.
pub fn compare(base: &Catalog, other: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let language = &other.language;
    for (key, text) in &base.texts {
        match other.texts.get(key) {
            None => problems.push(format!("text/{language}: \"{key}\" is missing.")),
            Some(translated) => {
                let wanted = placeholders(text).unwrap_or_default();
                let found = placeholders(translated).unwrap_or_default();
                if wanted != found {
                    problems.push(format!("text/{language}: \"{key}\" names {found:?}, but English names {wanted:?}."));
                }
            }
        }
    }
    for key in other.texts.keys().filter(|key| !base.texts.contains_key(*key)) {
        problems.push(format!("text/{language}: \"{key}\" is not in English."));
    }
    problems
}

/// The parameter names a text uses, sorted; an error when a brace is out of place.
pub fn placeholders(text: &str) -> Result<BTreeSet<String>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a \"}\" closes nothing.".into());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("a \"{\" is never closed.")?;
        let name = &after[..close];
        if !is_name(name) {
            return Err(format!("\"{{{name}}}\" is not a parameter name (lowercase letters, digits and \"_\")."));
        }
        names.insert(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// Fills `{name}` parameters; an error names a parameter the text uses but was not given.
fn fill(template: &str, params: &[(&str, &dyn Display)]) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("a \"{\" is never closed.")?;
        let name = &after[..close];
        let (_, value) = params
            .iter()
            .find(|(given, _)| *given == name)
            .ok_or_else(|| format!("the parameter \"{name}\" was not given."))?;
        out.push_str(&value.to_string());
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A key or parameter name: starts with a lowercase letter, then lowercase letters, digits, "_".
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_in_plain_english() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&names(&["A"])), "A");
        assert_eq!(join_and(&names(&["A", "B"])), "A and B");
        assert_eq!(join_and(&names(&["A", "B", "C"])), "A, B and C");
    }

    fn catalog(files: &[(&str, &str)]) -> Catalog {
        parse_language("en", files).expect("valid")
    }

    #[test]
    fn renders_parameters_and_number_forms() {
        let c = catalog(&[("home", "other = \"Other\"\ndeleted = \"Deleted “{name}”.\"\n[answer_count]\none = \"{count} answer\"\nother = \"{count} answers\"\n")]);
        assert_eq!(c.render("home.deleted", &[("name", &"Riverside")]).unwrap(), "Deleted “Riverside”.");
        assert_eq!(c.render("home.answer_count", &[("count", &1)]).unwrap(), "1 answer");
        assert_eq!(c.render("home.answer_count", &[("count", &0)]).unwrap(), "0 answers");
        assert_eq!(c.render("home.answer_count", &[("count", &12)]).unwrap(), "12 answers");
        assert!(c.render("home.answer_count", &[]).is_err(), "number forms need a count");
        assert!(c.render("home.missing", &[]).is_err());
        assert!(c.render("home.deleted", &[]).unwrap_err().contains("\"name\""));
        assert_eq!(c.render("home.other", &[]).unwrap(), "Other");
        let keys = ["home.other", "home.deleted", "home.answer_count"].map(String::from);
        assert_eq!(c.keys_in_use(), BTreeSet::from(keys));
    }

    #[test]
    fn refuses_badly_formed_files() {
        let problems = |contents: &str| parse_language("en", &[("home", contents)]).unwrap_err().join("\n");
        assert!(problems("a = \"Hello {name\"").contains("never closed"));
        assert!(problems("a = \"Hello name}\"").contains("closes nothing"));
        assert!(problems("a = \"Hello {Name}\"").contains("not a parameter name"));
        assert!(problems("a = \"Hello {}\"").contains("not a parameter name"));
        assert!(problems("a = \"\"").contains("empty"));
        assert!(problems("a = 3").contains("text in quotes"));
        assert!(problems("[a]\none = \"x\"\nmany = \"y\"").contains("exactly \"one\" and \"other\""));
        assert!(problems("Title = \"x\"").contains("lowercase"));
        // Two lines with one key: TOML itself refuses the file.
        assert!(problems("a = \"x\"\na = \"y\"").contains("text/en/home.toml"));
        let twice = parse_language("en", &[("home", "a = \"x\""), ("home", "b = \"y\"")]).unwrap_err();
        assert!(twice.join("\n").contains("two files"));
    }

    #[test]
    fn another_language_has_the_same_keys_and_parameters() {
        let files = [
            ("en", "home", "hello = \"Hello, {name}.\"\nbye = \"Bye.\""),
            ("es", "home", "hello = \"Hola, {nombre}.\"\nextra = \"Más.\""),
        ];
        let problems = parse_all(&files).unwrap_err().join("\n");
        assert!(problems.contains("\"home.bye\" is missing"), "{problems}");
        assert!(problems.contains("\"home.extra\" is not in English"), "{problems}");
        assert!(problems.contains("\"home.hello\" names"), "{problems}");
        let fine = [("en", "home", "hello = \"Hello, {name}.\""), ("es", "home", "hello = \"Hola, {name}.\"")];
        let all = parse_all(&fine).unwrap();
        assert_eq!(all["es"].render("home.hello", &[("name", &"Ana")]).unwrap(), "Hola, Ana.");
    }

    #[test]
    fn the_built_in_text_is_valid_and_english_is_the_fallback() {
        if let Err(problems) = parse_all(EMBEDDED_TEXT) {
            panic!("{}", problems.join("\n"));
        }
        assert_eq!(for_languages(&["xx-YY".into()]).language, "en");
        assert_eq!(for_languages(&["en-US".into()]).language, "en");
        assert_eq!(for_languages(&[]).language, "en");
    }

    #[test]
    fn the_system_s_locale_settings_give_language_tags() {
        let tags = |settings: &[&str]| languages_from(&settings.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(tags(&["es_MX:es", "", "", "en_US.UTF-8"]), ["es-MX", "es", "en-US"]);
        assert_eq!(tags(&["", "C", "POSIX", "C.UTF-8"]), Vec::<String>::new());
        assert_eq!(tags(&["", "de_DE.UTF-8@euro", "de_DE.UTF-8", ""]), ["de-DE"]);
        assert_eq!(for_languages(&tags(&["es_MX:es", "en_US.UTF-8"])).language, "en", "English when no other fits");
        // Nothing chose a language in this test program, so the core speaks English.
        assert_eq!(in_use().language, "en");
        assert_eq!(t("common.close", &[]), "Close");
        assert_eq!(t("common.no_such_key", &[]), "common.no_such_key");
    }
}
