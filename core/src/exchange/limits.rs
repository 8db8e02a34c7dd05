//! Counting a file's JSON before any of it is built. A 50 MB file of `[0,0,0,…]` is 25 million
//! values, and building them as JSON values would take gigabytes before any count limit could be
//! checked. This pass walks the text with a streaming reader that keeps nothing, and refuses a
//! file that holds more, or nests deeper, than a file at every limit of the format could.
//!
//! The bounds are generous on purpose: a file with [`MAX_RECORDS`] records of the widest kind and
//! [`MAX_ANSWERS`] answers stays well inside them, so only crafted or broken files meet them.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::format::{MAX_ANSWERS, MAX_RECORDS};
use crate::error::{Error, Result};

/// The deepest nesting a file of ours has is six (the file, its list of answers, an answer, a
/// table, a row, a cell); past this it is not one of ours.
const MAX_DEPTH: usize = 16;
/// The longest list: the list of records.
const MAX_LIST_ITEMS: usize = MAX_RECORDS;
/// Values of every kind (numbers, texts, lists, objects and their keys). A record has at most
/// about 25 (its own keys, and at most a dozen fields with their keys), an answer about 10, and
/// each row's entry in the history 8 more,
/// plus the few large tables the worksheets have.
const MAX_VALUES: usize = MAX_RECORDS * 33 + MAX_ANSWERS * 18 + 100_000;
/// Objects, which cost the most memory once built: a record is two (itself and its fields), an
/// answer at most three, and a table row one; each row's entry in the history is one more.
const MAX_OBJECTS: usize = MAX_RECORDS * 3 + MAX_ANSWERS * 4 + 10_000;

/// Which bound a file went past.
#[derive(Debug, Clone, Copy)]
enum Limit {
    Depth,
    ListItems,
    Values,
    Objects,
}

#[derive(Default)]
struct Counts {
    values: Cell<usize>,
    objects: Cell<usize>,
    exceeded: Cell<Option<Limit>>,
}

impl Counts {
    fn over<E: serde::de::Error>(&self, limit: Limit) -> E {
        self.exceeded.set(Some(limit));
        E::custom("over a limit")
    }

    fn value<E: serde::de::Error>(&self) -> Result<(), E> {
        self.values.set(self.values.get() + 1);
        if self.values.get() > MAX_VALUES {
            return Err(self.over(Limit::Values));
        }
        Ok(())
    }
}

/// Refuses `text` when it holds more than any coalition file could. Broken JSON passes here:
/// the full reader that runs next explains where it is broken.
pub(super) fn check_counts(text: &str) -> Result<()> {
    let counts = Counts::default();
    let mut reader = serde_json::Deserializer::from_str(text);
    let _ = Node { counts: &counts, depth: 1 }.deserialize(&mut reader);
    match counts.exceeded.get() {
        None => Ok(()),
        Some(limit) => Err(too_much(limit)),
    }
}

fn too_much(limit: Limit) -> Error {
    let what = match limit {
        Limit::Depth => "it is nested far deeper than a coalition file",
        Limit::ListItems => {
            return Error::Invalid(format!(
                "This file holds too many items to open: one of its lists has more than {MAX_LIST_ITEMS}, \
                 and the most Common Ground opens is {MAX_LIST_ITEMS}."
            ))
        }
        Limit::Values | Limit::Objects => "it holds far more than any coalition file could",
    };
    Error::Invalid(format!(
        "This file can't be opened: {what}. It may be damaged, or it may not be a coalition file. \
         Ask the sender to share it again with \"Share with partners\"."
    ))
}

/// One value of the file, at a depth.
struct Node<'c> {
    counts: &'c Counts,
    depth: usize,
}

impl<'c> Node<'c> {
    fn child(&self) -> Node<'c> {
        Node { counts: self.counts, depth: self.depth + 1 }
    }

    /// Counts a list or an object, which may not sit deeper than [`MAX_DEPTH`].
    fn container<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.depth > MAX_DEPTH {
            return Err(self.counts.over(Limit::Depth));
        }
        self.counts.value()
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, reader: D) -> Result<(), D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.counts.value()
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.counts.value()
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.counts.value()
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.counts.value()
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.counts.value()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.counts.value()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        self.container()?;
        let mut count = 0usize;
        while items.next_element_seed(self.child())?.is_some() {
            count += 1;
            if count > MAX_LIST_ITEMS {
                return Err(self.counts.over(Limit::ListItems));
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
        self.container()?;
        self.counts.objects.set(self.counts.objects.get() + 1);
        if self.counts.objects.get() > MAX_OBJECTS {
            return Err(self.counts.over(Limit::Objects));
        }
        while entries.next_key::<IgnoredAny>()?.is_some() {
            // The key is a value of its own once built.
            self.counts.value()?;
            entries.next_value_seed(self.child())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> String {
        check_counts(text).expect_err("refused").to_string()
    }

    #[test]
    fn ordinary_and_broken_json_pass_to_the_full_reader() {
        check_counts(r#"{"format": "common-ground-coalition", "records": [{"data": {"a": [1, 2]}}]}"#).unwrap();
        check_counts(r#"{"format": [1, 2"#).unwrap();
        check_counts("not json").unwrap();
    }

    #[test]
    fn a_long_list_of_nothing_is_refused_without_building_it() {
        let zeros = format!("[{}0]", "0,".repeat(MAX_LIST_ITEMS));
        assert!(refused(&zeros).contains("too many items"));
        let sixty_zeros = format!("[{}0],", "0,".repeat(59));
        let many_lists = format!("[{}[]]", sixty_zeros.repeat(MAX_VALUES / 60));
        assert!(refused(&many_lists).contains("far more"));
        let list_of_objects = format!("[{}{{}}]", "{},".repeat(49_999));
        let objects = format!("[{}]", vec![list_of_objects; MAX_OBJECTS / 50_000 + 1].join(","));
        assert!(refused(&objects).contains("far more"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(refused(&deep).contains("nested"));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        check_counts(&fine).unwrap();
    }
}
