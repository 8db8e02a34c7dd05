//! Tables: column widths from the measured content, wrapped cells, striped rows, details
//! across the full width under a row, bold totals, and a header that repeats on every page the
//! table continues on. A row short enough stays on one page; a very tall row is split by lines.

use super::pager::{Chunk, Pager};
use super::{Ctx, Item};
use crate::pdf::fonts::Weight;
use crate::pdf::model::{Align, Table};
use crate::pdf::wrap::{widest_line, widest_word, Line};

/// A word wider than this does not widen its column; it is broken instead.
const MAX_MIN_WIDTH: f32 = 110.0;
/// A cell narrower than this is kept on one line if the table has room ("30 June 2025").
const SHORT_CELL: f32 = 72.0;

pub fn table_chunks(ctx: &Ctx, pager: &mut Pager, table: &Table) -> Vec<Chunk> {
    let t = ctx.theme;
    let columns = table.columns.len().max(1);
    let style = t.table;
    let pad_x = t.cell_pad_x;
    let pad_y = t.cell_pad_y;
    let x0 = t.margin_left;
    let total_width = t.content_width();

    let cell = |row: &[String], i: usize| -> String { ctx.printable(Weight::Regular, row.get(i).map_or("", String::as_str)) };
    let titles: Vec<String> = (0..columns)
        .map(|i| ctx.printable(Weight::Bold, table.columns.get(i).map_or("", |c| c.title.as_str())))
        .collect();
    let rows: Vec<Vec<String>> = table.rows.iter().map(|r| (0..columns).map(|i| cell(&r.cells, i)).collect()).collect();
    let totals: Vec<Vec<String>> = table
        .totals
        .iter()
        .map(|r| (0..columns).map(|i| ctx.printable(Weight::Bold, r.get(i).map_or("", String::as_str))).collect())
        .collect();

    let widths = column_widths(ctx, &titles, &rows, &totals, total_width);
    let xs: Vec<f32> = widths.iter().scan(x0, |x, w| {
        let start = *x;
        *x += w;
        Some(start)
    }).collect();
    let align = |i: usize| table.columns.get(i).map_or(Align::Left, |c| c.align);

    // Lays out one row of cells: a chunk per line, stripes and padding included.
    let row_chunks = |cells: &[String], weight: Weight, color, fill: Option<crate::pdf::theme::Rgb>, last_pad: bool| {
        let wrapped: Vec<Vec<Line>> = (0..columns)
            .map(|i| {
                let text = &cells[i];
                // Already printable; wrap directly.
                crate::pdf::wrap::wrap(ctx.fonts, weight, text, style.size, (widths[i] - 2.0 * pad_x).max(1.0))
            })
            .collect();
        let count = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut chunks = Vec::with_capacity(count);
        for line_index in 0..count {
            let top_pad = if line_index == 0 { pad_y } else { 0.0 };
            let bottom_pad = if line_index + 1 == count && last_pad { pad_y } else { 0.0 };
            let height = top_pad + style.line_height + bottom_pad;
            let mut items = Vec::new();
            if let Some(color) = fill {
                items.push(Item::Fill { x: x0, y: 0.0, w: total_width, h: height, color });
            }
            for (i, lines) in wrapped.iter().enumerate() {
                if let Some(line) = lines.get(line_index) {
                    let x = match align(i) {
                        Align::Left => xs[i] + pad_x,
                        Align::Right => xs[i] + widths[i] - pad_x - line.width,
                    };
                    items.extend(ctx.line_items(line, x, top_pad, style, color));
                }
            }
            chunks.push(Chunk::new(height, items));
        }
        chunks
    };

    // The header: white bold titles on the accent colour.
    let header_lines = row_chunks(&titles, Weight::Bold, t.on_accent, Some(t.accent), true);
    let mut header = merge(header_lines);
    header.keep = true;
    let header_index = pager.add_header(header.clone());

    let mut chunks = vec![header];
    let room = t.content_height();
    for (r, (cells, source)) in rows.iter().zip(&table.rows).enumerate() {
        let fill = (r % 2 == 1).then_some(t.stripe);
        let has_details = source.details.iter().any(|d| !d.text.trim().is_empty());
        let mut row = row_chunks(cells, Weight::Regular, t.ink, fill, !has_details);
        if has_details {
            row.extend(detail_chunks(ctx, source, fill));
        }
        // Keep a row on one page unless it is too tall to be worth it.
        let height: f32 = row.iter().map(|c| c.height).sum();
        let keep_row = height <= room / 3.0;
        let last = row.len() - 1;
        for (i, chunk) in row.iter_mut().enumerate() {
            chunk.header = Some(header_index);
            chunk.keep = keep_row && i < last;
        }
        chunks.append(&mut row);
    }
    let first_total = chunks.len();
    for (i, cells) in totals.iter().enumerate() {
        let mut total = merge(row_chunks(cells, Weight::Bold, t.ink, Some(t.tint), true));
        if i == 0 {
            total.items.push(Item::Rule { x1: x0, x2: x0 + total_width, y: 0.0, thickness: 0.8, color: t.accent });
        }
        total.header = Some(header_index);
        chunks.push(total);
    }
    // Totals stay with the last row and with each other.
    if !totals.is_empty() {
        let end = chunks.len() - 1;
        for chunk in &mut chunks[first_total - 1..end] {
            chunk.keep = true;
        }
    }
    // A closing rule along the bottom edge of the last row.
    if let Some(last) = chunks.last_mut() {
        let y = last.height;
        last.items.push(Item::Rule { x1: x0, x2: x0 + total_width, y, thickness: 0.6, color: t.rule });
    }
    chunks
}

/// The details of a row, as "Label: text" lines across the table's width in smaller type.
fn detail_chunks(ctx: &Ctx, row: &crate::pdf::model::Row, fill: Option<crate::pdf::theme::Rgb>) -> Vec<Chunk> {
    let t = ctx.theme;
    let style = t.detail;
    let x = t.margin_left + t.cell_pad_x;
    let width = t.content_width() - 2.0 * t.cell_pad_x;
    let mut lines: Vec<Line> = Vec::new();
    // Inline details (a contact's name, email, phone) run on together; others get their own lines.
    let mut run: Vec<(Weight, String)> = Vec::new();
    let flush = |run: &mut Vec<(Weight, String)>, lines: &mut Vec<Line>| {
        if !run.is_empty() {
            let spans: Vec<(Weight, &str)> = run.iter().map(|(w, t)| (*w, t.as_str())).collect();
            lines.extend(ctx.wrap(&spans, style.size, width));
            run.clear();
        }
    };
    for detail in row.details.iter().filter(|d| !d.text.trim().is_empty()) {
        let short = detail.inline && !detail.text.contains('\n');
        if !short {
            flush(&mut run, &mut lines);
        }
        if !run.is_empty() {
            run.push((Weight::Regular, "  \u{00B7}  ".into()));
        }
        run.push((Weight::Bold, format!("{}: ", detail.label)));
        run.push((Weight::Regular, detail.text.clone()));
        if !short {
            flush(&mut run, &mut lines);
        }
    }
    flush(&mut run, &mut lines);
    let count = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            // A little air between the row's cells and its details.
            let top = if i == 0 { 2.0 } else { 0.0 };
            let bottom = if i + 1 == count { t.cell_pad_y } else { 0.0 };
            let height = top + style.line_height + bottom;
            let mut items = Vec::new();
            if let Some(color) = fill {
                items.push(Item::Fill { x: t.margin_left, y: 0.0, w: t.content_width(), h: height, color });
            }
            items.extend(ctx.line_items(line, x, top, style, t.muted));
            Chunk::new(height, items)
        })
        .collect()
}

/// Stacks chunks into one (a header or a totals row must not split).
fn merge(chunks: Vec<Chunk>) -> Chunk {
    let mut out = Chunk::default();
    for chunk in chunks {
        let dy = out.height;
        out.items.extend(chunk.items.iter().map(|i| i.moved_down(dy)));
        out.height += chunk.height;
    }
    out
}

/// Column widths that fill `total`: each column gets at least its widest word (capped), and
/// the rest of the room goes to columns in proportion to how much more they would like.
fn column_widths(ctx: &Ctx, titles: &[String], rows: &[Vec<String>], totals: &[Vec<String>], total: f32) -> Vec<f32> {
    let size = ctx.theme.table.size;
    let pad = 2.0 * ctx.theme.cell_pad_x;
    let n = titles.len();
    let mut min = vec![0.0f32; n];
    let mut natural = vec![0.0f32; n];
    let mut measure = |i: usize, weight: Weight, text: &str, keep_short_whole: bool| {
        let line = widest_line(ctx.fonts, weight, text, size);
        let mut least = widest_word(ctx.fonts, weight, text, size).min(MAX_MIN_WIDTH);
        if keep_short_whole && line <= SHORT_CELL {
            least = least.max(line);
        }
        min[i] = min[i].max(least + pad);
        natural[i] = natural[i].max(line + pad);
    };
    // Titles may wrap; short values (dates, amounts, "Under way") should not.
    for (i, title) in titles.iter().enumerate() {
        measure(i, Weight::Bold, title, false);
    }
    for row in rows {
        for (i, text) in row.iter().enumerate() {
            measure(i, Weight::Regular, text, true);
        }
    }
    for row in totals {
        for (i, text) in row.iter().enumerate() {
            measure(i, Weight::Bold, text, true);
        }
    }
    distribute(&min, &natural, total)
}

/// The arithmetic of `column_widths`, apart so it can be tested on its own.
pub(crate) fn distribute(min: &[f32], natural: &[f32], total: f32) -> Vec<f32> {
    let n = min.len();
    if n == 0 {
        return Vec::new();
    }
    let natural_sum: f32 = natural.iter().sum();
    if natural_sum <= total {
        // Everything fits on one line: share the spare room out evenly so narrow columns breathe.
        let spare = (total - natural_sum) / n as f32;
        return natural.iter().map(|w| w + spare).collect();
    }
    let min_sum: f32 = min.iter().sum();
    if min_sum >= total {
        return min.iter().map(|w| w * total / min_sum).collect();
    }
    let want: Vec<f32> = natural.iter().zip(min).map(|(n, m)| (n - m).max(0.0)).collect();
    let want_sum: f32 = want.iter().sum();
    let spare = total - min_sum;
    min.iter().zip(&want).map(|(m, w)| m + if want_sum > 0.0 { spare * w / want_sum } else { spare / n as f32 }).collect()
}
