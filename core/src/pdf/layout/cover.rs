//! The cover: an accent band, the title, the subtitle, a highlighted statement, a few facts
//! and a list of names in two columns. It is always exactly one page: over-long parts are
//! shortened with an ellipsis and a long list ends with "and N more".

use super::{Ctx, Item, Page};
use crate::pdf::fonts::Weight;
use crate::pdf::model::Cover;
use crate::pdf::theme::{Rgb, TextStyle};
use crate::pdf::wrap::Line;

const TITLE: TextStyle = TextStyle { size: 28.0, line_height: 34.0 };
const SUBTITLE: TextStyle = TextStyle { size: 13.0, line_height: 18.0 };
const STATEMENT: TextStyle = TextStyle { size: 13.5, line_height: 19.5 };
const FACT: TextStyle = TextStyle { size: 10.0, line_height: 16.0 };
const NAME: TextStyle = TextStyle { size: 9.5, line_height: 14.0 };

pub fn cover_page(ctx: &Ctx, cover: &Cover) -> Page {
    let t = ctx.theme;
    let x = t.margin_left;
    let width = t.content_width();
    let mut items = vec![Item::Fill { x: 0.0, y: 0.0, w: t.page_width, h: 12.0, color: t.accent }];
    let mut y = 150.0;

    if !cover.kicker.is_empty() {
        let line = ctx.wrap_one(Weight::Bold, &cover.kicker.to_uppercase(), t.kicker.size + 1.5, width);
        let style = TextStyle { size: t.kicker.size + 1.5, line_height: 14.0 };
        y = put_lines(ctx, &mut items, &line[..1], x, y, style, t.accent);
        y += 8.0;
    }
    let title = limit(ctx.wrap_one(Weight::Bold, &cover.title, TITLE.size, width), 4, ctx, Weight::Bold, TITLE.size, width);
    y = put_lines(ctx, &mut items, &title, x, y, TITLE, t.ink);
    if !cover.subtitle.trim().is_empty() {
        y += 8.0;
        let lines = ctx.wrap_one(Weight::Regular, &cover.subtitle, SUBTITLE.size, width);
        let lines = limit(lines, 4, ctx, Weight::Regular, SUBTITLE.size, width);
        y = put_lines(ctx, &mut items, &lines, x, y, SUBTITLE, t.muted);
    }
    y += 22.0;
    items.push(Item::Rule { x1: x, x2: x + width, y, thickness: 0.6, color: t.rule });
    y += 26.0;

    if let Some(statement) = cover.statement.as_ref().filter(|s| !s.text.trim().is_empty()) {
        let indent = 16.0;
        let top = y;
        y = put_label(ctx, &mut items, &statement.label, x + indent, y);
        let text = statement.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lines = ctx.wrap_one(Weight::Regular, &text, STATEMENT.size, width - indent);
        let lines = limit(lines, 7, ctx, Weight::Regular, STATEMENT.size, width - indent);
        y = put_lines(ctx, &mut items, &lines, x + indent, y + 2.0, STATEMENT, t.accent_dark);
        items.push(Item::Fill { x, y: top, w: 3.0, h: y - top, color: t.accent });
        y += 30.0;
    }

    let label_width = 150.0;
    for fact in cover.facts.iter().filter(|f| !f.text.trim().is_empty()) {
        let label = ctx.fit(Weight::Bold, &fact.label.to_uppercase(), t.label.size, label_width - 10.0);
        let label = ctx.wrap_one(Weight::Bold, &label, t.label.size, f32::MAX);
        let label_top = y + (FACT.line_height - t.label.line_height) / 2.0;
        put_lines(ctx, &mut items, &label[..1], x, label_top, t.label, t.muted);
        let lines = ctx.wrap_one(Weight::Regular, &fact.text, FACT.size, width - label_width);
        let lines = limit(lines, 3, ctx, Weight::Regular, FACT.size, width - label_width);
        y = put_lines(ctx, &mut items, &lines, x + label_width, y, FACT, t.ink);
        y += 2.0;
    }

    if let Some(list) = cover.list.as_ref().filter(|l| !l.items.is_empty()) {
        y += 24.0;
        y = put_label(ctx, &mut items, &list.label, x, y);
        y += 4.0;
        put_names(ctx, &mut items, &list.items, &list.more, y);
    }
    Page { items }
}

/// Draws lines from `top` down; returns the y below them.
fn put_lines(ctx: &Ctx, items: &mut Vec<Item>, lines: &[Line], x: f32, top: f32, style: TextStyle, color: Rgb) -> f32 {
    let mut y = top;
    for line in lines {
        items.extend(ctx.line_items(line, x, y, style, color));
        y += style.line_height;
    }
    y
}

fn put_label(ctx: &Ctx, items: &mut Vec<Item>, label: &str, x: f32, y: f32) -> f32 {
    let t = ctx.theme;
    let lines = ctx.wrap_one(Weight::Bold, &label.to_uppercase(), t.label.size, t.content_width());
    put_lines(ctx, items, &lines[..1], x, y, t.label, t.accent)
}

/// Keeps at most `max` lines, ending the last kept one with an ellipsis when text was cut.
fn limit(mut lines: Vec<Line>, max: usize, ctx: &Ctx, weight: Weight, size: f32, width: f32) -> Vec<Line> {
    if lines.len() > max {
        lines.truncate(max);
        let last = lines.last_mut().expect("max > 0");
        let text = ctx.fit(weight, &format!("{} …", last.text()), size, width);
        let text = if text.ends_with('…') { text } else { format!("{text}…") };
        *last = crate::pdf::wrap::wrap(ctx.fonts, weight, &text, size, f32::MAX).remove(0);
    }
    lines
}

/// Names in two columns from `top` down to the bottom margin; if they do not all fit, the last
/// line says how many more there are.
fn put_names(ctx: &Ctx, items: &mut Vec<Item>, names: &[String], more: &str, top: f32) {
    let (x, width, bottom) = (ctx.theme.margin_left, ctx.theme.content_width(), ctx.theme.content_bottom());
    let gutter = 18.0;
    let column_width = (width - gutter) / 2.0;
    let rows_room = ((bottom - top) / NAME.line_height).floor().max(1.0) as usize;
    let capacity = rows_room * 2;
    let (shown, left_out) = if names.len() <= capacity { (names.len(), 0) } else { (capacity - 1, names.len() - (capacity - 1)) };
    let rows = shown.div_ceil(2).max(if left_out > 0 { rows_room } else { 0 });
    let mut texts: Vec<String> = names[..shown].iter().map(|n| ctx.fit(Weight::Regular, n, NAME.size, column_width - 10.0)).collect();
    if left_out > 0 {
        texts.push(more.replace("{n}", &left_out.to_string()));
    }
    for (i, text) in texts.iter().enumerate() {
        // Fill the first column top to bottom, then the second.
        let (column, row) = match i.checked_div(rows) {
            Some(column) => (column, i % rows),
            None => (0, i),
        };
        let cx = x + column as f32 * (column_width + gutter);
        let y = top + row as f32 * NAME.line_height;
        let is_more = left_out > 0 && i == texts.len() - 1;
        let lines = ctx.wrap_one(Weight::Regular, text, NAME.size, f32::MAX);
        let color = if is_more { ctx.theme.muted } else { ctx.theme.ink };
        if !is_more {
            let baseline = crate::pdf::theme::baseline(y, NAME.size, NAME.line_height);
            items.push(Item::Text { x: cx, y: baseline, size: NAME.size, weight: Weight::Bold, color: ctx.theme.accent, text: "•".into() });
        }
        put_lines(ctx, items, &lines[..1], cx + 10.0, y, NAME, color);
    }
}
