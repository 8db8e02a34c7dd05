//! Checking single values (text, numbers, money, dates...) shared by answers, table cells and
//! record fields. Each function takes `what`, the quoted label of the question or field, so every
//! message names what the person has to fix. `Ok(None)` means "empty": nothing to keep.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::store::MAX_TEXT_CHARS;
use crate::text;

/// Numbers beyond this are surely typing mistakes (and lose precision in JSON besides).
const DEFAULT_NUMBER_LIMIT: f64 = 1e12;
/// The largest amount of money accepted when a question sets no max, in currency units.
const DEFAULT_MAX_MONEY_UNITS: f64 = 1e11;
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2200;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_PHONE_CHARS: usize = 60;

/// "“label”", the way messages name a question or field.
pub(crate) fn quoted(label: &str) -> String {
    text::t("worksheets.quoted", &[("label", &label.trim())])
}

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

/// Removes control characters that break display and export (NUL, escape codes, stray carriage
/// returns). A one-line text also turns newlines and tabs into spaces and loses outer spaces.
pub(crate) fn clean_text(raw: &str, one_line: bool) -> String {
    let kept: String = raw
        .chars()
        .filter_map(|c| match c {
            '\n' | '\t' if one_line => Some(' '),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    if one_line {
        kept.trim().to_string()
    } else {
        kept
    }
}

/// One line of text cleaned as [`clean_text`] does, and empty when nothing in it shows.
pub fn clean_line(raw: &str) -> String {
    let cleaned = clean_text(raw, true);
    if is_blank(&cleaned) {
        String::new()
    } else {
        cleaned
    }
}

/// True when nothing in `text` shows: only spaces and characters that are invisible on their own
/// (zero-width spaces and joiners, direction marks, the byte-order mark, soft hyphens, variation
/// selectors and the other "default ignorable" characters). Such text counts as empty.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// A text value: a JSON string, cleaned, at most `max_chars` characters.
pub(crate) fn text(what: &str, value: &Value, one_line: bool, max_chars: usize) -> Result<Option<String>> {
    let raw = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s,
        _ => return Err(invalid(text::t("worksheets.error_not_text", &[("what", &what)]))),
    };
    let cleaned = clean_text(raw, one_line);
    if is_blank(&cleaned) {
        return Ok(None);
    }
    check_length(what, &cleaned, max_chars)?;
    Ok(Some(cleaned))
}

/// Any text field: the store's overall limit.
pub(crate) fn any_text(what: &str, value: &Value, one_line: bool) -> Result<Option<String>> {
    text(what, value, one_line, MAX_TEXT_CHARS)
}

pub(crate) fn check_length(what: &str, text: &str, max_chars: usize) -> Result<()> {
    let count = text.chars().count();
    if count > max_chars {
        let (count, max) = (group_digits(count as i128), group_digits(max_chars as i128));
        return Err(invalid(text::t("worksheets.error_too_long", &[("what", &what), ("count", &count), ("max", &max)])));
    }
    Ok(())
}

/// A rating from 1 to 5. Whole numbers written as 3.0 are accepted.
pub(crate) fn rating(what: &str, value: &Value) -> Result<Option<i64>> {
    let Some(number) = value.as_f64() else {
        return match value {
            Value::Null => Ok(None),
            _ => Err(invalid(text::t("worksheets.error_rating", &[("what", &what)]))),
        };
    };
    if number.fract() != 0.0 || !(1.0..=5.0).contains(&number) {
        return Err(invalid(text::t("worksheets.error_rating", &[("what", &what)])));
    }
    Ok(Some(number as i64))
}

/// A number within `min..=max` (each defaulting to ±1e12). A string is what the person typed,
/// read by [`typed_number`]; a JSON number (from a file) is taken as it is. "NaN" and infinities
/// are refused either way.
pub(crate) fn number(what: &str, value: &Value, min: Option<f64>, max: Option<f64>) -> Result<Option<Value>> {
    let number = match value {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => Some(typed_number(s).map_err(|problem| invalid(problem.message(what)))?),
        other => other.as_f64(),
    };
    let Some(number) = number.filter(|n| n.is_finite()) else {
        return Err(invalid(text::t("worksheets.error_not_a_number", &[("what", &what)])));
    };
    let min = min.unwrap_or(-DEFAULT_NUMBER_LIMIT);
    let max = max.unwrap_or(DEFAULT_NUMBER_LIMIT);
    if number < min || number > max {
        let (min, max) = (show_number(min), show_number(max));
        return Err(invalid(text::t("worksheets.error_number_range", &[("what", &what), ("min", &min), ("max", &max)])));
    }
    Ok(Some(tidy_number(number)))
}

/// Why typed text is not a number the app can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypedNumberProblem {
    /// Something other than digits, one sign, commas and one point ("1e999", "ten", "NaN").
    NotDigits,
    /// A comma that does not sit between groups of three digits ("1,5", "12,34").
    Comma,
    /// More than two digits after the point in an amount of money.
    FractionOfCent,
}

impl TypedNumberProblem {
    fn message(self, what: &str) -> String {
        match self {
            TypedNumberProblem::NotDigits => text::t("worksheets.error_digits_only", &[("what", &what)]),
            // "1,5" means one and a half in much of the world, so guessing would be wrong.
            TypedNumberProblem::Comma => text::t("worksheets.error_comma", &[("what", &what)]),
            TypedNumberProblem::FractionOfCent => text::t("worksheets.error_fraction_of_cent", &[("what", &what)]),
        }
    }
}

/// A typed number split into its parts: the sign, the whole part's digits (commas removed) and
/// the digits after the point.
struct TypedDecimal<'a> {
    negative: bool,
    whole: String,
    fraction: &'a str,
}

/// Reads "1200", "-1,200.5", "+.25" or "3.": digits with one optional sign, commas only between
/// groups of three digits, and at most one point. No exponents, no words.
fn typed_decimal(text: &str) -> std::result::Result<TypedDecimal<'_>, TypedNumberProblem> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(fraction) || !whole.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Err(TypedNumberProblem::NotDigits);
    }
    if whole.is_empty() && fraction.is_empty() {
        return Err(TypedNumberProblem::NotDigits);
    }
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let grouped = (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3);
        if !grouped {
            return Err(TypedNumberProblem::Comma);
        }
    }
    Ok(TypedDecimal { negative, whole: whole.replace(',', ""), fraction })
}

/// What a person typed as a number, e.g. "1,200" or "-2.5". The one reading of typed numbers:
/// the page sends the text as it is, and messages come from here.
pub(crate) fn typed_number(text: &str) -> std::result::Result<f64, TypedNumberProblem> {
    let parts = typed_decimal(text)?;
    let digits = format!("{}{}.{}", if parts.negative { "-" } else { "" }, parts.whole, parts.fraction);
    // Only digits, so the one way to fail is a number too long to hold, which is not finite.
    let number: f64 = digits.trim_end_matches('.').parse().unwrap_or(f64::INFINITY);
    if number.is_finite() {
        Ok(number)
    } else {
        Err(TypedNumberProblem::NotDigits)
    }
}

/// What a person typed as an amount of money, in cents: "$1,200.50", "-$250", "75", "£3".
/// A currency sign may stand before or after the minus sign; at most two digits after the point.
pub(crate) fn typed_money_cents(text: &str) -> std::result::Result<i128, TypedNumberProblem> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let without_sign = unsigned.strip_prefix(['$', '€', '£']).unwrap_or(unsigned).trim_start();
    let signed = if negative { format!("-{without_sign}") } else { without_sign.to_string() };
    // "$-250" is as clear as "-$250".
    let parts = typed_decimal(&signed)?;
    if parts.fraction.len() > 2 {
        return Err(TypedNumberProblem::FractionOfCent);
    }
    // Longer than any amount the app keeps; refused as too large below without overflowing here.
    let whole: i128 = if parts.whole.len() > 30 { i128::MAX / 1000 } else { parts.whole.parse().unwrap_or(0) };
    let fraction: i128 = format!("{:0<2}", parts.fraction).parse().unwrap_or(0);
    let cents = whole * 100 + fraction;
    Ok(if parts.negative { -cents } else { cents })
}

/// Whole numbers are stored as integers so that they read back as "12", not "12.0".
fn tidy_number(number: f64) -> Value {
    if number.fract() == 0.0 && number.abs() < 9e15 {
        Value::from(number as i64)
    } else {
        Value::from(number)
    }
}

/// An amount of money as a whole number of cents: typed text in currency units, or a JSON number
/// of cents. `min`/`max` are in currency units; by default
/// amounts run from 0 to 100 billion, so negative money is refused unless a question allows it.
pub(crate) fn money(what: &str, value: &Value, min: Option<f64>, max: Option<f64>) -> Result<Option<i64>> {
    let cents = match value {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        // Typed text is in currency units ("$1,200.50"); a JSON number (from a file) is in cents.
        Value::String(s) => Some(typed_money_cents(s).map_err(|problem| invalid(problem.message(what)))? as f64),
        other => other.as_f64(),
    };
    let Some(cents) = cents.filter(|c| c.is_finite()) else {
        return Err(invalid(text::t("worksheets.error_not_money", &[("what", &what)])));
    };
    if cents.fract() != 0.0 {
        return Err(invalid(text::t("worksheets.error_fraction_of_cent", &[("what", &what)])));
    }
    let min_cents = min.unwrap_or(0.0) * 100.0;
    let max_cents = max.unwrap_or(DEFAULT_MAX_MONEY_UNITS) * 100.0;
    if cents < min_cents {
        if cents < 0.0 && min_cents >= 0.0 {
            return Err(invalid(text::t("worksheets.error_negative_money", &[("what", &what)])));
        }
        return Err(invalid(text::t("worksheets.error_money_too_small", &[("what", &what), ("min", &show_amount(min_cents))])));
    }
    if cents > max_cents {
        let (amount, max) = (show_amount(cents), show_amount(max_cents));
        return Err(invalid(text::t("worksheets.error_money_too_large", &[("what", &what), ("amount", &amount), ("max", &max)])));
    }
    Ok(Some(cents as i64))
}

/// A calendar date written YYYY-MM-DD, in the years 1900 to 2200.
pub(crate) fn date(what: &str, value: &Value) -> Result<Option<String>> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.trim(),
        _ => return Err(invalid(text::t("worksheets.error_not_a_date", &[("what", &what)]))),
    };
    if text.is_empty() {
        return Ok(None);
    }
    // chrono alone would accept "2025-2-3"; the stored form is always the full one.
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return Err(invalid(text::t("worksheets.error_date_shape", &[("what", &what)])));
    }
    let Some(day) = crate::time::parse_date(text) else {
        return Err(invalid(text::t("worksheets.error_no_such_date", &[("date", &text), ("what", &what)])));
    };
    let year = chrono::Datelike::year(&day);
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        let params: [(&str, &dyn std::fmt::Display); 4] =
            [("year", &year), ("what", &what), ("first", &FIRST_YEAR), ("last", &LAST_YEAR)];
        return Err(invalid(text::t("worksheets.error_year", &params)));
    }
    Ok(Some(text.to_string()))
}

/// An email address: one '@' with text on both sides and no spaces. Deliberately loose; the
/// only aim is to catch a phone number or a name typed in the wrong box.
pub(crate) fn email(what: &str, value: &Value) -> Result<Option<String>> {
    let Some(text) = any_text(what, value, true)? else {
        return Ok(None);
    };
    check_length(what, &text, MAX_EMAIL_CHARS)?;
    let looks_right = match text.split_once('@') {
        Some((name, domain)) => !name.is_empty() && !domain.is_empty() && !domain.contains('@'),
        None => false,
    } && !text.contains(char::is_whitespace);
    if !looks_right {
        return Err(invalid(text::t("worksheets.error_email", &[("what", &what)])));
    }
    Ok(Some(text))
}

/// A phone number: at least 3 digits, and only digits, spaces, + ( ) - . / and "ext".
pub(crate) fn phone(what: &str, value: &Value) -> Result<Option<String>> {
    let Some(text) = any_text(what, value, true)? else {
        return Ok(None);
    };
    check_length(what, &text, MAX_PHONE_CHARS)?;
    let without_ext = text.to_lowercase().replace("ext", "");
    let allowed = without_ext.chars().all(|c| c.is_ascii_digit() || " +()-./".contains(c));
    let digits = without_ext.chars().filter(|c| c.is_ascii_digit()).count();
    if !allowed || digits < 3 {
        return Err(invalid(text::t("worksheets.error_phone", &[("what", &what)])));
    }
    Ok(Some(text))
}

/// The most rows one references field may name.
pub(crate) const MAX_REFERENCES: usize = 20;

/// The id of another row: a UUID in its usual hyphenated form.
pub(crate) fn row_id(what: &str, value: &Value) -> Result<Option<String>> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => uuid::Uuid::try_parse(s.trim())
            .map(|id| Some(id.hyphenated().to_string()))
            .map_err(|_| invalid(text::t("worksheets.error_pick_from", &[("what", &what)]))),
        _ => Err(invalid(text::t("worksheets.error_pick_from", &[("what", &what)]))),
    }
}

/// The ids of other rows, each once, in the order given; an empty list is none.
pub(crate) fn row_ids(what: &str, value: &Value) -> Result<Option<Value>> {
    let items = match value {
        Value::Null => return Ok(None),
        Value::Array(items) => items,
        _ => return Err(invalid(text::t("worksheets.error_pick_from", &[("what", &what)]))),
    };
    if items.len() > MAX_REFERENCES {
        let params: [(&str, &dyn std::fmt::Display); 3] = [("what", &what), ("count", &items.len()), ("max", &MAX_REFERENCES)];
        return Err(invalid(text::t("worksheets.error_too_many_items", &params)));
    }
    let mut ids: Vec<Value> = Vec::new();
    for item in items {
        if let Some(id) = row_id(what, item)? {
            if !ids.iter().any(|known| known.as_str() == Some(id.as_str())) {
                ids.push(Value::from(id));
            }
        }
    }
    Ok((!ids.is_empty()).then_some(Value::Array(ids)))
}

/// Yes or no, as true or false.
pub(crate) fn yes_no(what: &str, value: &Value) -> Result<Option<bool>> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        _ => Err(invalid(text::t("worksheets.error_yes_no", &[("what", &what)]))),
    }
}

/// 1234567 -> "1,234,567".
pub(crate) fn group_digits(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let groups: Vec<&str> =
        digits.as_bytes().rchunks(3).rev().map(|chunk| std::str::from_utf8(chunk).expect("ASCII digits")).collect();
    let out = groups.join(",");
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Cents as "1,234.50". No currency sign: the app does not assume one.
fn show_amount(cents: f64) -> String {
    let cents = cents.round() as i128;
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.abs();
    format!("{sign}{}.{:02}", group_digits(abs / 100), abs % 100)
}

fn show_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        group_digits(n as i128)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_characters_are_removed_but_newlines_kept_in_long_text() {
        assert_eq!(clean_text("a\u{0}b\r\nc\td\u{1b}[0m", false), "ab\nc\td[0m");
        assert_eq!(clean_text("  a\nb\tc  ", true), "a b c");
    }

    #[test]
    fn text_that_shows_nothing_is_empty() {
        for invisible in ["\u{200B}", " \u{FEFF}\u{200D} ", "\u{0}\u{1}", "\u{85}\u{2060}", "\u{E0041}\u{FE0F}"] {
            assert_eq!(text("x", &json!(invisible), false, 100).unwrap(), None, "{invisible:?}");
            assert_eq!(clean_line(invisible), "", "{invisible:?}");
        }
        assert_eq!(text("x", &json!("a\u{200B}b"), true, 100).unwrap(), Some("a\u{200B}b".into()), "visible text keeps them");
        assert_eq!(clean_line("  Dana\u{0} Whitfield\u{9b} "), "Dana Whitfield");
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(-1234567), "-1,234,567");
        assert_eq!(show_amount(123456.0), "1,234.56");
        assert_eq!(show_amount(5.0), "0.05");
    }

    #[test]
    fn dates_must_be_real_and_full() {
        assert_eq!(date("x", &json!(" 2024-02-29 ")).unwrap(), Some("2024-02-29".into()));
        assert!(date("x", &json!("2025-2-3")).is_err());
        assert!(date("x", &json!("2025-02-30")).is_err());
        assert!(date("x", &json!("1850-01-01")).unwrap_err().to_string().contains("1900"));
        assert_eq!(date("x", &json!("")).unwrap(), None);
    }

    #[test]
    fn emails_and_phones_are_loosely_checked() {
        assert!(email("x", &json!("ana@example.org")).is_ok());
        for bad in ["ana", "@example.org", "ana@", "a@b@c", "ana maria@example.org"] {
            assert!(email("x", &json!(bad)).is_err(), "{bad}");
        }
        for good in ["555-201-4477", "+1 (555) 201.4477 ext 12", "0044/20 7946 0018"] {
            assert!(phone("x", &json!(good)).is_ok(), "{good}");
        }
        for bad in ["12", "call me", "555-CALL-NOW"] {
            assert!(phone("x", &json!(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_accept_numeric_strings_and_store_whole_numbers_as_integers() {
        assert_eq!(number("x", &json!(" 1200 "), None, None).unwrap(), Some(json!(1200)));
        assert_eq!(number("x", &json!("1,200"), None, None).unwrap(), Some(json!(1200)));
        assert!(number("x", &json!("1,5"), None, None).unwrap_err().to_string().contains("comma"));
        assert!(number("x", &json!("1e999"), None, None).unwrap_err().to_string().contains("digits only"));
        assert_eq!(number("x", &json!(2.5), None, None).unwrap(), Some(json!(2.5)));
        assert_eq!(number("x", &json!(3.0), None, None).unwrap(), Some(json!(3)));
        assert!(number("x", &json!("NaN"), None, None).is_err());
        assert!(number("x", &json!("inf"), None, None).is_err());
        assert!(number("x", &json!(11), Some(0.0), Some(10.0)).is_err());
    }

    #[test]
    fn money_is_whole_cents_within_limits() {
        assert_eq!(money("x", &json!(150000), None, None).unwrap(), Some(150000));
        assert_eq!(money("x", &json!(150000.0), None, None).unwrap(), Some(150000));
        assert!(money("x", &json!(10.5), None, None).is_err());
        assert!(money("x", &json!(-100), None, None).unwrap_err().to_string().contains("negative"));
        assert_eq!(money("x", &json!(-100), Some(-50.0), None).unwrap(), Some(-100));
        let err = money("x", &json!(500), Some(10.0), None).unwrap_err().to_string();
        assert!(err.contains("at least 10.00"), "{err}");
        assert!(money("x", &json!(u64::MAX), None, None).unwrap_err().to_string().contains("too large"));
    }

    #[test]
    fn typed_numbers_take_commas_between_groups_of_three_and_a_decimal_point() {
        for (typed, read) in [("1200", 1200.0), (" 1,200 ", 1200.0), ("1,234,567.5", 1234567.5), ("-2.5", -2.5), ("+.25", 0.25), ("3.", 3.0), ("007", 7.0)] {
            assert_eq!(typed_number(typed), Ok(read), "{typed:?}");
        }
        for typed in ["1,5", "12,34", "1,2345", ",200", "1,,200", "1,200,00"] {
            assert_eq!(typed_number(typed), Err(TypedNumberProblem::Comma), "{typed:?}");
        }
        let huge = "9".repeat(400);
        for typed in ["1e999", "1e3", "NaN", "inf", "Infinity", "0x10", "ten", "1.2.3", "--1", "-", ".", "", "1 200", "½", &huge] {
            assert_eq!(typed_number(typed), Err(TypedNumberProblem::NotDigits), "{typed:?}");
        }
    }

    #[test]
    fn typed_money_is_read_to_the_cent() {
        for (typed, cents) in [("$1,200.50", 120050), ("1200", 120000), ("-$250", -25000), ("$-250", -25000), ("- $3.5", -350), ("£0.07", 7), ("$.5", 50)] {
            assert_eq!(typed_money_cents(typed), Ok(cents), "{typed:?}");
        }
        assert_eq!(typed_money_cents("$1.005"), Err(TypedNumberProblem::FractionOfCent));
        assert_eq!(typed_money_cents("$1,5"), Err(TypedNumberProblem::Comma));
        for typed in ["$", "1e999", "$$5", "5$", "USD 5", "Infinity"] {
            assert_eq!(typed_money_cents(typed), Err(TypedNumberProblem::NotDigits), "{typed:?}");
        }
    }

    #[test]
    fn money_typed_as_text_is_checked_like_cents() {
        assert_eq!(money("x", &json!("$1,200.50"), None, None).unwrap(), Some(120050));
        assert_eq!(money("x", &json!("  "), None, None).unwrap(), None);
        assert!(money("x", &json!("-$250"), None, None).unwrap_err().to_string().contains("negative"));
        assert!(money("x", &json!("1,5"), None, None).unwrap_err().to_string().contains("comma"));
        assert!(money("x", &json!("1e999"), None, None).unwrap_err().to_string().contains("digits only"));
        assert!(money("x", &json!("9".repeat(60)), None, None).unwrap_err().to_string().contains("too large"));
    }
}
