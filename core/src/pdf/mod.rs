//! A small, general document printer on printpdf: a cover, a table of contents with page
//! numbers and links, sections of headings, paragraphs, bullet lists and tables, a footer with
//! "Page N of M", and bookmarks. It knows nothing about coalitions; `crate::plan` decides what
//! a plan says and hands it over as a [`Document`].
//!
//! - `model`: the document as data (what to print).
//! - `fonts`: the embedded DejaVu Sans faces, measuring, and the placeholder for missing glyphs.
//! - `wrap`: line breaking by measured width.
//! - `layout`: pages of positioned items (two passes for the contents' page numbers).
//! - `render`: the PDF file itself.
//! - `theme`: paper, margins, type and colours.
//!
//! Text stays real text in the PDF (with a Unicode map), so it can be searched, copied and
//! extracted. Characters the font lacks print as [`PLACEHOLDER`] (a white square), never as
//! nothing.

mod fonts;
pub mod layout;
mod model;
mod render;
pub mod theme;
mod wrap;

pub use fonts::{Weight, PLACEHOLDER};
pub use layout::{lay_out, Layout};
pub use model::{Align, Block, Column, Cover, CoverList, Document, Labelled, Row, Section, Table};
pub use render::{render, Rendered};
pub use theme::Theme;

use crate::error::Result;

/// Lays out and renders `doc` with the standard look.
pub fn render_document(doc: &Document) -> Result<Rendered> {
    let theme = Theme::default();
    let layout = lay_out(doc, &theme);
    render(doc, &layout, &theme)
}
