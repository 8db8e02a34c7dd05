//! Chunks for a section: its title, then each block (headings, labels, paragraphs, notes,
//! bullet lists, tables). Every line is its own chunk so long text flows across pages; the
//! keep flags hold headings and labels to what follows and avoid single orphan or widow lines.

use super::pager::{Chunk, Pager};
use super::{table, Ctx, Item};
use crate::pdf::fonts::Weight;
use crate::pdf::model::{Block, Section};
use crate::pdf::theme::{Rgb, TextStyle};

pub fn section_chunks(ctx: &Ctx, pager: &mut Pager, section: &Section, index: usize) -> Vec<Chunk> {
    let mut chunks = title_chunks(ctx, section, index);
    let mut previous: Option<&Block> = None;
    for block in &section.blocks {
        let gap = gap_before(ctx, previous, block);
        let mut block_chunks = block_chunks(ctx, pager, block);
        if let Some(first) = block_chunks.first_mut() {
            first.gap = gap;
        }
        chunks.append(&mut block_chunks);
        previous = Some(block);
    }
    chunks
}

/// The group name above the title, the title, and a rule: the start of a section.
fn title_chunks(ctx: &Ctx, section: &Section, index: usize) -> Vec<Chunk> {
    let t = ctx.theme;
    let x = t.margin_left;
    let width = t.content_width();
    let mut chunks = Vec::new();
    if !section.group.trim().is_empty() {
        let kicker = t.kicker;
        let lines = ctx.wrap_one(Weight::Bold, &section.group.to_uppercase(), kicker.size, width);
        let mut chunk = lines_chunk(ctx, &lines, x, kicker, t.accent);
        chunk.keep = true;
        chunks.push(chunk);
    }
    let style = t.section_title;
    let lines = ctx.wrap_one(Weight::Bold, &section.title, style.size, width);
    for line in &lines {
        let mut chunk = Chunk::new(style.line_height, ctx.line_items(line, x, 0.0, style, t.accent));
        chunk.keep = true;
        chunks.push(chunk);
    }
    // A short accent rule under the title.
    let mut rule = Chunk::new(
        12.0,
        vec![Item::Rule { x1: x, x2: x + 36.0, y: 5.0, thickness: 1.6, color: t.accent }],
    );
    rule.keep = true;
    chunks.push(rule);
    if let Some(first) = chunks.first_mut() {
        first.gap = t.section_gap;
        first.anchor = Some(index);
    }
    chunks
}

fn gap_before(ctx: &Ctx, previous: Option<&Block>, block: &Block) -> f32 {
    let t = ctx.theme;
    match (previous, block) {
        (_, Block::Heading { .. }) => t.heading_gap,
        (Some(Block::Heading { .. }), _) => 4.0,
        (Some(Block::Label { .. }), _) => 2.0,
        (_, Block::Label { .. }) => t.label_gap,
        (None, _) => 2.0,
        _ => t.paragraph_gap,
    }
}

fn block_chunks(ctx: &Ctx, pager: &mut Pager, block: &Block) -> Vec<Chunk> {
    let t = ctx.theme;
    let x = t.margin_left;
    let width = t.content_width();
    match block {
        Block::Heading { text } => {
            let lines = ctx.wrap_one(Weight::Bold, text, t.heading.size, width);
            keep_all(lines_chunks(ctx, &lines, x, t.heading, t.accent_dark))
        }
        Block::Label { text } => {
            let lines = ctx.wrap_one(Weight::Bold, text, t.label.size, width);
            keep_all(lines_chunks(ctx, &lines, x, t.label, t.muted))
        }
        Block::Paragraph { text } => paragraph_chunks(ctx, text, x, width, t.body, t.ink),
        Block::Note { text } => paragraph_chunks(ctx, text, x, width, t.note, t.muted),
        Block::Bullets { items } => bullet_chunks(ctx, items),
        Block::Table(table) => table::table_chunks(ctx, pager, table),
    }
}

/// One chunk per line.
fn lines_chunks(ctx: &Ctx, lines: &[crate::pdf::wrap::Line], x: f32, style: TextStyle, color: Rgb) -> Vec<Chunk> {
    lines.iter().map(|line| Chunk::new(style.line_height, ctx.line_items(line, x, 0.0, style, color))).collect()
}

/// All lines in one chunk (for short things that must not split).
fn lines_chunk(ctx: &Ctx, lines: &[crate::pdf::wrap::Line], x: f32, style: TextStyle, color: Rgb) -> Chunk {
    let mut items = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        items.extend(ctx.line_items(line, x, i as f32 * style.line_height, style, color));
    }
    Chunk::new(lines.len() as f32 * style.line_height, items)
}

fn keep_all(mut chunks: Vec<Chunk>) -> Vec<Chunk> {
    for chunk in &mut chunks {
        chunk.keep = true;
    }
    chunks
}

/// Text in paragraphs: each newline starts a line, a blank line starts a paragraph. No page
/// ends after a paragraph's first line or before its last.
pub fn paragraph_chunks(ctx: &Ctx, text: &str, x: f32, width: f32, style: TextStyle, color: Rgb) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut gap = 0.0;
    for paragraph in split_paragraphs(text) {
        let lines = ctx.wrap_one(Weight::Regular, paragraph, style.size, width);
        let mut paragraph_chunks = lines_chunks(ctx, &lines, x, style, color);
        guard_orphans_and_widows(&mut paragraph_chunks);
        if let Some(first) = paragraph_chunks.first_mut() {
            first.gap = gap;
        }
        chunks.append(&mut paragraph_chunks);
        gap = ctx.theme.paragraph_gap;
    }
    chunks
}

/// Paragraphs of `text`: separated by blank lines, trimmed, never empty.
fn split_paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split('\n') {
        let line_end = offset + line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(text[s..end].trim());
            }
        } else {
            if start.is_none() {
                start = Some(offset);
            }
            end = line_end;
        }
        offset = line_end + 1;
    }
    if let Some(s) = start {
        out.push(text[s..end].trim());
    }
    if out.is_empty() {
        out.push("");
    }
    out
}

fn guard_orphans_and_widows(lines: &mut [Chunk]) {
    let n = lines.len();
    if n >= 2 {
        lines[0].keep = true;
        lines[n - 2].keep = true;
    }
}

fn bullet_chunks(ctx: &Ctx, items: &[String]) -> Vec<Chunk> {
    let t = ctx.theme;
    let style = t.body;
    let indent = t.bullet_indent;
    let x = t.margin_left + indent;
    let width = t.content_width() - indent;
    let mut chunks = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut item_chunks = paragraph_chunks(ctx, item, x, width, style, t.ink);
        if let Some(first) = item_chunks.first_mut() {
            let baseline = crate::pdf::theme::baseline(0.0, style.size, style.line_height);
            first.items.push(Item::Text {
                x: t.margin_left + 3.0,
                y: baseline,
                size: style.size,
                weight: Weight::Bold,
                color: t.accent,
                text: "•".into(),
            });
            first.gap = if i == 0 { 0.0 } else { 3.0 };
        }
        chunks.append(&mut item_chunks);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::split_paragraphs;

    #[test]
    fn paragraphs_split_on_blank_lines_only() {
        assert_eq!(split_paragraphs("a\nb\n\n  \nc\n"), vec!["a\nb", "c"]);
        assert_eq!(split_paragraphs("\n\n"), vec![""]);
        assert_eq!(split_paragraphs("one"), vec!["one"]);
    }
}
