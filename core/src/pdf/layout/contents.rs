//! The table of contents: the sections by group, with dot leaders to their page numbers and a
//! link on each entry. The numbers' column has a fixed width, so the contents take the same
//! room whether or not the numbers are known yet (see the two passes in `layout`).

use super::blocks::paragraph_chunks;
use super::pager::Chunk;
use super::{Ctx, Item};
use crate::pdf::fonts::Weight;
use crate::pdf::model::Document;
use crate::pdf::theme::TextStyle;

const ENTRY: TextStyle = TextStyle { size: 10.5, line_height: 15.0 };
/// Room between entries.
const ENTRY_GAP: f32 = 5.0;

pub fn contents_chunks(ctx: &Ctx, doc: &Document, numbers: Option<&[usize]>, placeholder_note: bool) -> Vec<Chunk> {
    let t = ctx.theme;
    let x = t.margin_left;
    let width = t.content_width();
    let number_room = ctx.fonts.width(Weight::Regular, "0000", ENTRY.size);
    let title_room = width - number_room - 24.0;
    let mut chunks = Vec::new();

    let style = t.section_title;
    for line in ctx.wrap_one(Weight::Bold, &doc.contents_title, style.size, width) {
        let mut chunk = Chunk::new(style.line_height, ctx.line_items(&line, x, 0.0, style, t.accent));
        chunk.keep = true;
        chunks.push(chunk);
    }
    chunks.push(Chunk::new(14.0, vec![Item::Rule { x1: x, x2: x + 36.0, y: 5.0, thickness: 1.6, color: t.accent }]));

    let mut group: Option<&str> = None;
    for (index, section) in doc.sections.iter().enumerate() {
        if group != Some(section.group.as_str()) && !section.group.trim().is_empty() {
            let kicker = t.kicker;
            let line = ctx.wrap_one(Weight::Bold, &section.group.to_uppercase(), kicker.size, width);
            let mut chunk = Chunk::new(kicker.line_height + 3.0, ctx.line_items(&line[0], x, 0.0, kicker, t.accent));
            chunk.gap = if group.is_none() { 4.0 } else { 14.0 };
            chunk.keep = true;
            chunks.push(chunk);
        }
        group = Some(section.group.as_str());

        let lines = ctx.wrap_one(Weight::Regular, &section.title, ENTRY.size, title_room);
        let mut items = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            items.extend(ctx.line_items(line, x, i as f32 * ENTRY.line_height, ENTRY, t.ink));
        }
        let height = lines.len() as f32 * ENTRY.line_height;
        let last_top = height - ENTRY.line_height;
        let baseline = crate::pdf::theme::baseline(last_top, ENTRY.size, ENTRY.line_height);
        let number = numbers.and_then(|n| n.get(index)).map(|n| n.to_string()).unwrap_or_default();
        let number_width = ctx.fonts.width(Weight::Regular, &number, ENTRY.size);
        let right = x + width;
        // Dot leaders between the title's last line and the number.
        let title_end = x + lines.last().map_or(0.0, |l| l.width) + 6.0;
        // The leaders run up to the number itself (the room reserved for it keeps titles clear).
        let leader_end = right - number_width.max(ctx.fonts.width(Weight::Regular, "0", ENTRY.size)) - 8.0;
        let dot_width = ctx.fonts.width(Weight::Regular, ". ", ENTRY.size);
        if leader_end > title_end + dot_width {
            let count = ((leader_end - title_end) / dot_width).floor() as usize;
            let dots = ". ".repeat(count);
            let dots_width = ctx.fonts.width(Weight::Regular, &dots, ENTRY.size);
            items.push(Item::Text { x: leader_end - dots_width, y: baseline, size: ENTRY.size, weight: Weight::Regular, color: t.rule, text: dots.trim_end().to_string() });
        }
        if !number.is_empty() {
            items.push(Item::Text { x: right - number_width, y: baseline, size: ENTRY.size, weight: Weight::Regular, color: t.ink, text: number });
        }
        items.push(Item::Link { x, y: 0.0, w: width, h: height, section: index });
        let mut chunk = Chunk::new(height, items);
        chunk.gap = ENTRY_GAP;
        chunks.push(chunk);
    }
    if placeholder_note && !doc.placeholder_note.trim().is_empty() {
        let mut note = paragraph_chunks(ctx, &doc.placeholder_note, x, width, t.note, t.muted);
        if let Some(first) = note.first_mut() {
            first.gap = 28.0;
        }
        chunks.append(&mut note);
    }
    chunks
}
