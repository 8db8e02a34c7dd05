//! Counting a file's JSON before any of it is built. A 50 MB file of `[0,0,0,…]` is 25 million
//! values, and building them as JSON values would take gigabytes before any count limit could be
//! checked. This pass walks the text with a streaming reader that keeps nothing, and refuses a
//! file that holds more, or nests deeper, than a file at every limit of the format could.
//!
//! The bounds are generous on purpose: a file with every table at its most rows, each row of the
//! widest kind, stays well inside them, so only crafted or broken files meet them.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::tables::TABLE_LIMITS;
use crate::error::{Error, Result};
use crate::text;

/// The deepest nesting a file of ours has is seven (the file, its tables, its list of answers,
/// an answer, a table, a row, a cell); past this it is not one of ours.
const MAX_DEPTH: usize = 16;
/// The room the file's header, its coalition and the worksheets' few large tables take, beyond
/// what each table's rows may hold.
const EXTRA_VALUES: usize = 100_000;
const EXTRA_OBJECTS: usize = 10_000;
const EXTRA_LISTS: usize = 1_000;

/// The bounds for a file with every table at its most rows, each row as large as a row of it
/// can be (see `tables::ExchangeTable`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The longest list: a table's at its most rows.
    pub list_items: usize,
    /// Values of every kind (numbers, texts, lists, objects and their keys).
    pub values: usize,
    /// Objects, which cost the most memory once built.
    pub objects: usize,
    /// Lists, which cost the most after objects: a file of lists nested in lists costs far
    /// more memory than its bytes.
    pub lists: usize,
}

/// What the counting pass lets through; `measure-read` builds its hostile files right at these.
pub fn bounds() -> Bounds {
    Bounds {
        list_items: TABLE_LIMITS.iter().map(|t| t.rows).max().unwrap_or(0),
        values: TABLE_LIMITS.iter().map(|t| t.rows * t.values).sum::<usize>() + EXTRA_VALUES,
        objects: TABLE_LIMITS.iter().map(|t| t.rows * t.objects).sum::<usize>() + EXTRA_OBJECTS,
        lists: TABLE_LIMITS.iter().map(|t| t.rows * t.lists).sum::<usize>() + EXTRA_LISTS,
    }
}

/// Which bound a file went past.
#[derive(Debug, Clone, Copy)]
enum Limit {
    Depth,
    ListItems,
    Values,
    Objects,
    Lists,
}

struct Counts {
    bounds: Bounds,
    values: Cell<usize>,
    objects: Cell<usize>,
    lists: Cell<usize>,
    exceeded: Cell<Option<Limit>>,
}

impl Counts {
    fn over<E: serde::de::Error>(&self, limit: Limit) -> E {
        self.exceeded.set(Some(limit));
        E::custom("over a limit")
    }

    fn value<E: serde::de::Error>(&self) -> Result<(), E> {
        self.values.set(self.values.get() + 1);
        if self.values.get() > self.bounds.values {
            return Err(self.over(Limit::Values));
        }
        Ok(())
    }
}

/// Refuses `text` when it holds more than any coalition file could. Broken JSON passes here:
/// the full reader that runs next explains where it is broken.
pub(super) fn check_counts(text: &str) -> Result<()> {
    let counts = Counts { bounds: bounds(), values: Cell::new(0), objects: Cell::new(0), lists: Cell::new(0), exceeded: Cell::new(None) };
    let mut reader = serde_json::Deserializer::from_str(text);
    let _ = Node { counts: &counts, depth: 1 }.deserialize(&mut reader);
    match counts.exceeded.get() {
        None => Ok(()),
        Some(limit) => Err(too_much(limit, &counts.bounds)),
    }
}

fn too_much(limit: Limit, bounds: &Bounds) -> Error {
    let what = match limit {
        Limit::Depth => text::t("exchange.limit_nested", &[]),
        Limit::ListItems => return Error::Invalid(text::t("exchange.limit_list", &[("max", &bounds.list_items)])),
        Limit::Values | Limit::Objects | Limit::Lists => text::t("exchange.limit_far_more", &[]),
    };
    Error::Invalid(text::t("exchange.limit_refused", &[("what", &what)]))
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
        self.counts.lists.set(self.counts.lists.get() + 1);
        if self.counts.lists.get() > self.counts.bounds.lists {
            return Err(self.counts.over(Limit::Lists));
        }
        let mut count = 0usize;
        while items.next_element_seed(self.child())?.is_some() {
            count += 1;
            if count > self.counts.bounds.list_items {
                return Err(self.counts.over(Limit::ListItems));
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
        self.container()?;
        self.counts.objects.set(self.counts.objects.get() + 1);
        if self.counts.objects.get() > self.counts.bounds.objects {
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
        check_counts(r#"{"format": "common-ground-coalition", "tables": {"records": [{"data": {"a": [1, 2]}}]}}"#).unwrap();
        check_counts(r#"{"format": [1, 2"#).unwrap();
        check_counts("not json").unwrap();
    }

    #[test]
    fn a_long_list_of_nothing_is_refused_without_building_it() {
        let Bounds { list_items: max_list_items, values: max_values, objects: max_objects, lists: max_lists } = bounds();
        let zeros = format!("[{}0]", "0,".repeat(max_list_items));
        assert!(refused(&zeros).contains("too many items"));
        let sixty_zeros = format!("[{}0],", "0,".repeat(59));
        // In groups, so that no one list is longer than the longest allowed.
        let group = format!("[{}[]]", sixty_zeros.repeat(50_000));
        let many_lists = format!("[{}]", vec![group; max_values / 60 / 50_000 + 1].join(","));
        assert!(refused(&many_lists).contains("far more"));
        let list_of_objects = format!("[{}{{}}]", "{},".repeat(49_999));
        let objects = format!("[{}]", vec![list_of_objects; max_objects / 50_000 + 1].join(","));
        assert!(refused(&objects).contains("far more"));
        // Lists of empty lists, each shorter than the longest list allowed.
        let lists_of = |lists: usize| {
            let chunk = format!("[{}[]]", "[],".repeat(9_999));
            format!("[{}]", vec![chunk; lists / 10_001].join(","))
        };
        assert!(refused(&lists_of(max_lists + 10_001)).contains("far more"));
        check_counts(&lists_of(max_lists - 10_001)).unwrap();
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(refused(&deep).contains("nested"));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        check_counts(&fine).unwrap();
    }
}
