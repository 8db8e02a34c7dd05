//! One object of a file being read, and the refusals that say which part of it is wrong. Used by
//! `validate` for the file's header, its coalition and its history, and by each table's check.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::text;
use crate::worksheets;

/// How far in the future a time in a file may be before we refuse it: a little clock drift is
/// normal, but a time years ahead would win every merge for ever.
pub(crate) const FUTURE_TOLERANCE_HOURS: i64 = 48;
/// The longest id-like text (worksheet, question and kind ids) we accept.
pub(crate) const MAX_ID_CHARS: usize = 100;

/// The refusal for a file that is damaged in the way `detail` says.
pub(crate) fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::Invalid(text::t("exchange.file_damaged", &[("detail", &detail)]))
}

/// The refusal for a file with something a newer version made.
pub(crate) fn newer_content(what: impl std::fmt::Display) -> Error {
    Error::Invalid(text::t("exchange.file_newer", &[("what", &what)]))
}

/// The refusal for a change dated after today (`day`, YYYY-MM-DD).
pub(crate) fn changed_in_the_future(day: &str) -> Error {
    Error::Invalid(text::t("exchange.file_in_the_future", &[("date", &day)]))
}

/// A UUID in its usual hyphenated form, whatever spelling the file used.
pub(crate) fn check_uuid(text: &str) -> Option<String> {
    uuid::Uuid::try_parse(text.trim()).ok().map(|id| id.hyphenated().to_string())
}

/// One object of the file and where it is, for messages that say which part is wrong.
pub(crate) struct Place<'a> {
    pub name: &'a str,
    map: &'a Map<String, Value>,
    now: DateTime<Utc>,
}

impl<'a> Place<'a> {
    pub fn new(name: &'a str, map: &'a Map<String, Value>, now: DateTime<Utc>) -> Self {
        Place { name, map, now }
    }

    pub fn get(&self, key: &str) -> Result<&'a Value> {
        self.map.get(key).ok_or_else(|| damaged(text::t("exchange.detail_missing_field", &[("place", &self.name), ("field", &key)])))
    }

    pub fn text(&self, key: &str, max_chars: usize) -> Result<String> {
        match self.get(key)? {
            Value::String(s) => self.limit(key, s, max_chars),
            _ => Err(self.wrong(key)),
        }
    }

    pub fn opt_text(&self, key: &str, max_chars: usize) -> Result<Option<String>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => self.limit(key, s, max_chars).map(Some),
            Some(_) => Err(self.wrong(key)),
        }
    }

    /// One line of free text shown to people, cleaned as typed text is; blank is none.
    pub fn opt_line(&self, key: &str, max_chars: usize) -> Result<Option<String>> {
        let text = self.opt_text(key, max_chars)?.map(|text| worksheets::clean_line(&text));
        Ok(text.filter(|text| !text.is_empty()))
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(key)),
        }
    }

    fn limit(&self, key: &str, text: &str, max_chars: usize) -> Result<String> {
        if max_chars != usize::MAX && text.chars().count() > max_chars {
            return Err(damaged(text::t("exchange.detail_too_long", &[("place", &self.name), ("field", &key)])));
        }
        Ok(text.to_string())
    }

    pub fn uuid(&self, key: &str) -> Result<String> {
        let text = self.text(key, 100)?;
        check_uuid(&text)
            .ok_or_else(|| damaged(text::t("exchange.detail_not_an_id", &[("place", &self.name), ("field", &key)])))
    }

    /// The row's `coalition_id`, which must be the file's coalition.
    pub fn same_coalition(&self, coalition_id: &str) -> Result<()> {
        if self.uuid("coalition_id")? != coalition_id {
            return Err(damaged(text::t("exchange.detail_other_coalition", &[("place", &self.name)])));
        }
        Ok(())
    }

    pub fn timestamp(&self, key: &str) -> Result<String> {
        let text = self.text(key, 100)?;
        self.parse_time(key, &text)
    }

    pub fn opt_timestamp(&self, key: &str) -> Result<Option<String>> {
        match self.opt_text(key, 100)? {
            None => Ok(None),
            Some(text) => self.parse_time(key, &text).map(Some),
        }
    }

    fn parse_time(&self, key: &str, text: &str) -> Result<String> {
        let time = DateTime::parse_from_rfc3339(text.trim())
            .map_err(|_| damaged(text::t("exchange.detail_not_a_time", &[("place", &self.name), ("field", &key)])))?
            .with_timezone(&Utc);
        if time > self.now + chrono::Duration::hours(FUTURE_TOLERANCE_HOURS) {
            return Err(changed_in_the_future(&time.format("%Y-%m-%d").to_string()));
        }
        Ok(time.to_rfc3339_opts(SecondsFormat::Millis, true))
    }

    pub fn wrong(&self, key: &str) -> Error {
        damaged(text::t("exchange.detail_field_unusual", &[("place", &self.name), ("field", &key)]))
    }
}
