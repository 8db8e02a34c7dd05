//! The document to print, as plain data: a cover, then sections made of blocks. It says what
//! is in the document and nothing about positions; the layout decides those. `to_text` gives a
//! readable plain-text form for tests and snapshots.

use std::fmt::Write as _;

use serde::Serialize;

/// A whole document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// The PDF's title (document properties, window title of a viewer).
    pub title: String,
    /// The PDF's subject.
    pub subject: String,
    /// The PDF's author.
    pub author: String,
    /// Printed at the foot of every page but the cover, e.g. the coalition's name.
    pub running_head: String,
    /// When the document was made, as people read it ("31 March 2025"); also in the footer.
    pub date_text: String,
    pub cover: Cover,
    /// The heading of the table of contents.
    pub contents_title: String,
    /// Printed under the contents when some characters had to print as the placeholder, to
    /// say what the squares mean. Empty: never printed.
    pub placeholder_note: String,
    /// The page number in the footer of every page but the cover, with `{page}` and `{pages}`
    /// replaced: "Page {page} of {pages}".
    pub page_number: String,
    pub sections: Vec<Section>,
}

/// The first page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cover {
    /// A small line above the title ("Coalition plan").
    pub kicker: String,
    pub title: String,
    pub subtitle: String,
    /// A highlighted statement with its label (the vision).
    pub statement: Option<Labelled>,
    /// Short facts, label and value ("Made on", "Prepared by").
    pub facts: Vec<Labelled>,
    /// A list of names under a label; as many as fit are printed, then `more` with `{n}`
    /// replaced by how many were left out.
    pub list: Option<CoverList>,
}

/// A label and its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Labelled {
    pub label: String,
    pub text: String,
    /// For a row's details: short enough to share a line with the details next to it
    /// (a contact's name, email and phone run on as one line).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inline: bool,
}

impl Labelled {
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        Labelled { label: label.into(), text: text.into(), inline: false }
    }
}

/// The list on the cover.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CoverList {
    pub label: String,
    pub items: Vec<String>,
    /// e.g. "and {n} more, listed under Partners".
    pub more: String,
}

/// A part of the document with its own entry in the contents and its own bookmark.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Section {
    /// The group it belongs to, shown above its title and in the contents ("Frame").
    pub group: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One piece of a section's content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading inside a section.
    Heading { text: String },
    /// A short label that introduces what follows (a question's label).
    Label { text: String },
    /// Body text; a newline starts a new line, a blank line a new paragraph.
    Paragraph { text: String },
    /// Quieter text, e.g. "Not done yet".
    Note { text: String },
    Bullets { items: Vec<String> },
    Table(Table),
}

/// A table. Rows that do not fit move to the next page, under a repeated header.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Rows printed bold after a rule, e.g. totals.
    pub totals: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    /// For amounts, so that digits line up.
    Right,
}

/// One row: a cell per column, and details printed across the full width beneath it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Labelled>,
}

impl Column {
    pub fn left(title: impl Into<String>) -> Self {
        Column { title: title.into(), align: Align::Left }
    }

    pub fn right(title: impl Into<String>) -> Self {
        Column { title: title.into(), align: Align::Right }
    }
}

impl Document {
    /// The document as plain text: what it says, in order, without layout. Tests read this
    /// to check content without making a PDF.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let c = &self.cover;
        let _ = writeln!(out, "[cover]\n{}\n{}\n{}", c.kicker, c.title, c.subtitle);
        if let Some(s) = &c.statement {
            let _ = writeln!(out, "{}: {}", s.label, s.text);
        }
        for fact in &c.facts {
            let _ = writeln!(out, "{}: {}", fact.label, fact.text);
        }
        if let Some(list) = &c.list {
            let _ = writeln!(out, "{}: {}", list.label, list.items.join("; "));
        }
        let _ = writeln!(out, "\n[{}]", self.contents_title);
        for section in &self.sections {
            let _ = writeln!(out, "\n# {} / {}", section.group, section.title);
            for block in &section.blocks {
                block.write_text(&mut out);
            }
        }
        out
    }
}

impl Block {
    fn write_text(&self, out: &mut String) {
        match self {
            Block::Heading { text } => {
                let _ = writeln!(out, "## {text}");
            }
            Block::Label { text } => {
                let _ = writeln!(out, "### {text}");
            }
            Block::Paragraph { text } => {
                let _ = writeln!(out, "{text}");
            }
            Block::Note { text } => {
                let _ = writeln!(out, "({text})");
            }
            Block::Bullets { items } => {
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
            }
            Block::Table(table) => {
                let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
                let _ = writeln!(out, "| {} |", titles.join(" | "));
                for row in &table.rows {
                    let _ = writeln!(out, "| {} |", row.cells.join(" | "));
                    for detail in &row.details {
                        let _ = writeln!(out, "|   {}: {}", detail.label, detail.text);
                    }
                }
                for total in &table.totals {
                    let _ = writeln!(out, "| {} |", total.join(" | "));
                }
            }
        }
    }
}
