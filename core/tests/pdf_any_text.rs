//! Any text a person can type (or a file can carry) lays out and renders as a PDF without a
//! panic: mixed scripts, control characters, very long words, empty strings, lone combining
//! marks, right-to-left marks, emoji. Strings come from a fixed-seed generator so a failure
//! repeats.

use common_ground_core::pdf::{lay_out, render_document, Theme, Block, Column, Cover, CoverList, Document, Labelled, Row, Section, Table};

/// A small xorshift generator: no extra dependency, same strings on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Ranges of code points to draw from: each chosen with equal weight.
const POOLS: &[(u32, u32)] = &[
    (0x20, 0x7e),       // ASCII
    (0x00, 0x1f),       // C0 controls, NUL included
    (0x7f, 0x9f),       // DEL and C1 controls
    (0xa0, 0xff),       // Latin-1, no-break and soft hyphen
    (0x300, 0x36f),     // combining marks
    (0x590, 0x5ff),     // Hebrew
    (0x600, 0x6ff),     // Arabic
    (0x900, 0x97f),     // Devanagari
    (0xe00, 0xe7f),     // Thai
    (0x2000, 0x206f),   // spaces, zero-width joiners, bidi overrides, line separators
    (0x4e00, 0x4fff),   // CJK
    (0xac00, 0xacff),   // Hangul
    (0xe000, 0xe0ff),   // private use
    (0xfe00, 0xffff),   // variation selectors, BOM, specials, non-characters
    (0x1f300, 0x1f6ff), // emoji
    (0x10fff0, 0x10ffff),
];

fn random_string(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => String::new(),
        1 => " \t\n ".repeat(rng.below(4) as usize),
        // One very long word with no place to break.
        2 => {
            let c = random_char(rng);
            std::iter::repeat(c).take(500 + rng.below(3000) as usize).collect()
        }
        _ => {
            let len = rng.below(120) as usize;
            (0..len).map(|_| if rng.below(6) == 0 { ' ' } else { random_char(rng) }).collect()
        }
    }
}

fn random_char(rng: &mut Rng) -> char {
    loop {
        let (lo, hi) = POOLS[rng.below(POOLS.len() as u64) as usize];
        if let Some(c) = char::from_u32(lo + rng.below(u64::from(hi - lo + 1)) as u32) {
            return c;
        }
    }
}

fn document(strings: &[String]) -> Document {
    let s = |i: usize| strings[i % strings.len()].clone();
    let mut blocks = Vec::new();
    for (i, text) in strings.iter().enumerate() {
        blocks.push(match i % 6 {
            0 => Block::Heading { text: text.clone() },
            1 => Block::Label { text: text.clone() },
            2 => Block::Paragraph { text: text.clone() },
            3 => Block::Note { text: text.clone() },
            4 => Block::Bullets { items: vec![text.clone(), s(i + 1), String::new()] },
            _ => Block::Table(Table {
                columns: vec![Column::left(s(i + 1)), Column::right(text.clone()), Column::left(String::new())],
                rows: vec![
                    Row { cells: vec![text.clone(), s(i + 2), s(i + 3)], details: vec![Labelled::new(s(i + 4), text.clone())] },
                    // Fewer and more cells than columns.
                    Row { cells: vec![text.clone()], details: Vec::new() },
                    Row { cells: vec![s(i + 1), s(i + 2), s(i + 3), s(i + 4)], details: Vec::new() },
                ],
                totals: vec![vec![text.clone(), s(i + 1)]],
            }),
        });
    }
    Document {
        title: s(0),
        subject: s(1),
        author: s(2),
        running_head: s(3),
        date_text: s(4),
        cover: Cover {
            kicker: s(5),
            title: s(6),
            subtitle: s(7),
            statement: Some(Labelled::new(s(8), s(9))),
            facts: vec![Labelled::new(s(10), s(11)), Labelled { label: s(12), text: s(13), inline: true }],
            list: Some(CoverList { label: s(14), items: strings.to_vec(), more: format!("{} {{n}}", s(15)) }),
        },
        contents_title: s(16),
        placeholder_note: s(17),
        page_number: format!("{} {{page}} {{pages}}", s(20)),
        sections: vec![
            Section { group: s(18), title: s(19), blocks },
            Section { group: String::new(), title: String::new(), blocks: Vec::new() },
        ],
    }
}

#[test]
fn any_text_renders_as_a_pdf_without_panicking() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let strings: Vec<String> = (0..500).map(|_| random_string(&mut rng)).collect();
    // Documents of 25 strings each, so one failure points at a small set. Every one is laid
    // out; a few are rendered to PDF bytes too (rendering is slow in a debug build).
    let theme = Theme::default();
    for (n, chunk) in strings.chunks(25).enumerate() {
        let doc = document(chunk);
        let layout = std::panic::catch_unwind(|| lay_out(&doc, &theme))
            .unwrap_or_else(|_| panic!("document {n} panicked in layout; its strings: {chunk:?}"));
        assert!(layout.pages.len() >= 3, "document {n}");
        if n % 5 == 0 {
                let rendered = std::panic::catch_unwind(|| render_document(&doc))
                .unwrap_or_else(|_| panic!("document {n} panicked in rendering; its strings: {chunk:?}"))
                .unwrap_or_else(|e| panic!("document {n} failed: {e}"));
            assert!(rendered.bytes.starts_with(b"%PDF"), "document {n}");
        }
    }
}

