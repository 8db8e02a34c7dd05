//! Turning a [`Document`] into pages of positioned text, fills and rules. Everything here is
//! measured with the real font, so the layout can be tested without making a PDF.
//!
//! The contents page needs the page each section starts on, which is only known after layout,
//! so the document is laid out twice: first with blank page numbers, then with the numbers the
//! first pass found (the contents reserve the same room either way, so the second pass lands
//! sections on the same pages). "Page N of M" is stamped on last, once M is known.

mod blocks;
mod contents;
mod cover;
mod pager;
mod table;

use std::cell::Cell;

use super::fonts::{fonts, printable, Fonts, Weight};
use super::model::Document;
use super::theme::{baseline, Rgb, TextStyle, Theme};
use super::wrap::{wrap_spans, Line};
use pager::Pager;

/// Something drawn on a page. Positions are points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text; `y` is its baseline.
    Text { x: f32, y: f32, size: f32, weight: Weight, color: Rgb, text: String },
    /// A filled rectangle; `y` is its top.
    Fill { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    /// A horizontal line.
    Rule { x1: f32, x2: f32, y: f32, thickness: f32, color: Rgb },
    /// A clickable area that jumps to a section.
    Link { x: f32, y: f32, w: f32, h: f32, section: usize },
}

impl Item {
    fn moved_down(&self, dy: f32) -> Item {
        let mut item = self.clone();
        match &mut item {
            Item::Text { y, .. } | Item::Fill { y, .. } | Item::Rule { y, .. } | Item::Link { y, .. } => *y += dy,
        }
        item
    }
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    /// The page's text, one line per text item, in drawing order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            if let Item::Text { text, .. } = item {
                out.push_str(text);
                out.push('\n');
            }
        }
        out
    }
}

/// Where something is: page index (0 is the cover) and y from the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub page: usize,
    pub y: f32,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// Where the contents start.
    pub contents: Target,
    /// Where each section starts, in section order.
    pub sections: Vec<Target>,
    /// How many characters were printed as the placeholder because the font lacks them.
    pub missing_glyphs: usize,
}

/// Lays out `doc` on pages styled by `theme`.
pub fn lay_out(doc: &Document, theme: &Theme) -> Layout {
    let fonts = fonts();
    let mut numbers: Option<Vec<usize>> = None;
    let mut layout = lay_out_once(doc, theme, fonts, None, false);
    // Normally the second pass settles; the loop guards against a contents page whose length
    // changed (the note about missing characters is only known after the first pass).
    for _ in 0..3 {
        let found: Vec<usize> = layout.sections.iter().map(|t| t.page + 1).collect();
        if numbers.as_ref() == Some(&found) {
            break;
        }
        layout = lay_out_once(doc, theme, fonts, Some(&found), layout.missing_glyphs > 0);
        numbers = Some(found);
    }
    stamp_footers(doc, theme, fonts, &mut layout.pages);
    layout
}

fn lay_out_once(doc: &Document, theme: &Theme, fonts: &'static Fonts, numbers: Option<&[usize]>, note: bool) -> Layout {
    let ctx = Ctx { theme, fonts, missing: Cell::new(0) };
    let mut pages = vec![cover::cover_page(&ctx, &doc.cover)];

    let mut pager = Pager::new(theme, std::mem::take(&mut pages));
    pager.new_page();
    let contents = Target { page: pager.pages.len() - 1, y: theme.margin_top };
    let contents_chunks = contents::contents_chunks(&ctx, doc, numbers, note);
    pager.place_all(&contents_chunks);

    let mut chunks = Vec::new();
    for (index, section) in doc.sections.iter().enumerate() {
        let mut section_chunks = blocks::section_chunks(&ctx, &mut pager, section, index);
        if index == 0 {
            if let Some(first) = section_chunks.first_mut() {
                first.page_break = true;
            }
        }
        chunks.append(&mut section_chunks);
    }
    pager.place_all(&chunks);

    let mut sections = vec![Target { page: 0, y: 0.0 }; doc.sections.len()];
    for (index, target) in &pager.anchors {
        sections[*index] = *target;
    }
    Layout { pages: pager.pages, contents, sections, missing_glyphs: ctx.missing.get() }
}

/// What every part of the layout needs: the look, the fonts, and a count of missing glyphs.
pub(crate) struct Ctx<'a> {
    pub theme: &'a Theme,
    pub fonts: &'static Fonts,
    pub missing: Cell<usize>,
}

impl Ctx<'_> {
    /// `text` made printable in `weight`, counting characters the font lacks.
    pub fn printable(&self, weight: Weight, text: &str) -> String {
        let (text, missing) = printable(self.fonts.face(weight), text);
        self.missing.set(self.missing.get() + missing);
        text.into_owned()
    }

    /// Wraps mixed-weight text (raw, not yet printable) to `width`.
    pub fn wrap(&self, spans: &[(Weight, &str)], size: f32, width: f32) -> Vec<Line> {
        let printable: Vec<(Weight, String)> = spans.iter().map(|(w, t)| (*w, self.printable(*w, t))).collect();
        let borrowed: Vec<(Weight, &str)> = printable.iter().map(|(w, t)| (*w, t.as_str())).collect();
        wrap_spans(self.fonts, &borrowed, size, width)
    }

    /// Wraps text in one weight.
    pub fn wrap_one(&self, weight: Weight, text: &str, size: f32, width: f32) -> Vec<Line> {
        self.wrap(&[(weight, text)], size, width)
    }

    /// The text items that draw `line` with its left edge at `x` in a line box whose top is `top`.
    pub fn line_items(&self, line: &Line, x: f32, top: f32, style: TextStyle, color: Rgb) -> Vec<Item> {
        let y = baseline(top, style.size, style.line_height);
        let mut items = Vec::with_capacity(line.spans.len());
        let mut at = x;
        for span in &line.spans {
            let width = self.fonts.width(span.weight, &span.text, style.size);
            if !span.text.trim().is_empty() {
                items.push(Item::Text {
                    x: at,
                    y,
                    size: style.size,
                    weight: span.weight,
                    color,
                    text: span.text.clone(),
                });
            }
            at += width;
        }
        items
    }

    /// `text` shortened with an ellipsis to fit `width` (for one-line places such as footers).
    pub fn fit(&self, weight: Weight, text: &str, size: f32, width: f32) -> String {
        let text = self.printable(weight, text).replace('\n', " ");
        if self.fonts.width(weight, &text, size) <= width {
            return text;
        }
        // The longest start that fits with the ellipsis, measured once from the left (shortening
        // one character at a time and measuring again took minutes for a long text).
        let face = self.fonts.face(weight);
        let budget = |em: f32| em * size <= width;
        let ellipsis = face.advance_em('…');
        let mut em = 0.0_f32;
        let mut best: Option<usize> = None;
        for (index, c) in text.char_indices() {
            em += face.advance_em(c);
            if !budget(em + ellipsis) {
                break;
            }
            if !c.is_whitespace() {
                best = Some(index + c.len_utf8());
            }
        }
        if let Some(end) = best {
            return text[..end].trim_end().to_string() + "…";
        }
        "…".into()
    }
}

/// Footer on every page but the cover: the running head, the date, and "Page N of M".
fn stamp_footers(doc: &Document, theme: &Theme, fonts: &'static Fonts, pages: &mut [Page]) {
    let ctx = Ctx { theme, fonts, missing: Cell::new(0) };
    let total = pages.len();
    let style = theme.footer;
    let y = theme.page_height - theme.footer_baseline;
    let left = theme.margin_left;
    let right = theme.page_width - theme.margin_right;
    let width = theme.content_width();
    for (index, page) in pages.iter_mut().enumerate().skip(1) {
        page.items.push(Item::Rule { x1: left, x2: right, y: y - 12.0, thickness: 0.5, color: theme.rule });
        // The date sits in the middle; the running head gets the room to its left.
        let date = ctx.fit(Weight::Regular, &doc.date_text, style.size, width * 0.2);
        let date_width = fonts.width(Weight::Regular, &date, style.size);
        let date_x = left + (width - date_width) / 2.0;
        let head = ctx.fit(Weight::Regular, &doc.running_head, style.size, date_x - left - 16.0);
        page.items.push(Item::Text { x: left, y, size: style.size, weight: Weight::Regular, color: theme.muted, text: head });
        page.items.push(Item::Text {
            x: date_x,
            y,
            size: style.size,
            weight: Weight::Regular,
            color: theme.muted,
            text: date,
        });
        let number = doc.page_number.replace("{page}", &(index + 1).to_string()).replace("{pages}", &total.to_string());
        let number_width = fonts.width(Weight::Regular, &number, style.size);
        page.items.push(Item::Text {
            x: right - number_width,
            y,
            size: style.size,
            weight: Weight::Regular,
            color: theme.muted,
            text: number,
        });
    }
}

#[cfg(test)]
mod tests;
