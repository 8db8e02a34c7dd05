//! Drawing a [`Layout`] with printpdf and finishing the file: document properties with real
//! dates, the embedded (subset) font, a nested outline of bookmarks in document order, and
//! links from the contents to the sections.
//!
//! printpdf's own bookmarks are a flat list sorted by page and then by name, which would
//! shuffle sections that share a page, so the outline and links are written with lopdf (the
//! PDF library printpdf builds on) after printpdf has made the pages.

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect,
    TextItem, TextMatrix,
};

use super::fonts::{fonts, Weight};
use super::layout::{Item, Layout};
use super::model::Document;
use super::theme::{Rgb, Theme};
use crate::error::{Error, Result};

/// Facts about a rendered PDF, for the caller to log or show.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters printed as the placeholder because the font lacks them.
    pub missing_glyphs: usize,
}

/// Makes the PDF file of `layout`.
pub fn render(doc: &Document, layout: &Layout, theme: &Theme) -> Result<Rendered> {
    let fonts = fonts();
    let mut pdf = PdfDocument::new(&doc.title);
    let regular = pdf.add_font(&fonts.regular.parsed);
    let bold = pdf.add_font(&fonts.bold.parsed);

    let info = &mut pdf.metadata.info;
    let now = printpdf::OffsetDateTime::now_utc();
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;
    info.subject = doc.subject.clone();
    info.author = doc.author.clone();
    info.creator = crate::text::t("common.app_name", &[]);
    info.producer = crate::text::t("common.app_name", &[]);

    // Boxes in points directly: PdfPage::new takes millimetres, and the round trip leaves
    // Letter at 792.001 points tall.
    let paper = Rect::from_wh(Pt(theme.page_width), Pt(theme.page_height));
    let pages: Vec<PdfPage> = layout
        .pages
        .iter()
        .map(|page| PdfPage {
            media_box: paper.clone(),
            trim_box: paper.clone(),
            crop_box: paper.clone(),
            ops: page_ops(&page.items, theme, &regular, &bold),
        })
        .collect();
    pdf.with_pages(pages);

    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    add_navigation(&mut lo, doc, layout, theme)?;
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| Error::io(crate::text::t("plan.error_make_pdf", &[]), e))?;
    Ok(Rendered { bytes, pages: layout.pages.len(), missing_glyphs: layout.missing_glyphs })
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None })
}

/// The drawing operations of one page. Layout y runs down from the top; PDF y runs up.
fn page_ops(items: &[Item], theme: &Theme, regular: &FontId, bold: &FontId) -> Vec<Op> {
    let h = theme.page_height;
    let mut ops = Vec::with_capacity(items.len() * 3);
    // Shapes first, so text is never hidden under a stripe drawn after it.
    for item in items {
        match item {
            Item::Fill { x, y, w, h: height, color: c } => {
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - height),
                        width: Pt(*w),
                        height: Pt(*height),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Rule { x1, x2, y, thickness, color: c } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(h - y) }, bezier: false };
                ops.push(Op::DrawLine { line: Line { points: vec![point(*x1), point(*x2)], is_closed: false } });
            }
            Item::Text { .. } | Item::Link { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(Weight, f32)> = None;
    let mut fill: Option<Rgb> = None;
    for item in items {
        if let Item::Text { x, y, size, weight, color: c, text } = item {
            if font != Some((*weight, *size)) {
                let id = if *weight == Weight::Bold { bold } else { regular };
                ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(*size) });
                font = Some((*weight, *size));
            }
            if fill != Some(*c) {
                ops.push(Op::SetFillColor { col: color(*c) });
                fill = Some(*c);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(h - y)) });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Adds the outline (bookmarks: the contents, then each group with its sections) and the
/// contents' links.
fn add_navigation(lo: &mut lopdf::Document, doc: &Document, layout: &Layout, theme: &Theme) -> Result<()> {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let dest = |page: usize, y: f32| -> Object {
        let id = page_ids.get(page).copied().unwrap_or(page_ids[0]);
        // Land a little above the target so its heading is not flush with the window's edge.
        let top = (theme.page_height - y + 12.0).min(theme.page_height);
        Object::Array(vec![Object::Reference(id), "XYZ".into(), Object::Null, Object::Real(top), Object::Null])
    };

    // The outline: the contents, then each group with its sections inside.
    let mut entries = vec![OutlineEntry::new(&doc.contents_title, dest(layout.contents.page, layout.contents.y))];
    for (section, target) in doc.sections.iter().zip(&layout.sections) {
        let entry = OutlineEntry::new(&section.title, dest(target.page, target.y));
        if section.group.trim().is_empty() {
            entries.push(entry);
            continue;
        }
        match entries.last_mut() {
            Some(group) if group.title == section.group && !group.children.is_empty() => group.children.push(entry),
            _ => {
                let mut group = OutlineEntry::new(&section.group, entry.dest.clone());
                group.children.push(entry);
                entries.push(group);
            }
        }
    }
    let outlines_id = lo.new_object_id();
    let count = write_outline_level(lo, outlines_id, &entries);
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    if let (Some(first), Some(last)) = (count.first, count.last) {
        outlines.set("First", first);
        outlines.set("Last", last);
    }
    outlines.set("Count", Object::Integer(count.visible as i64));
    lo.objects.insert(outlines_id, Object::Dictionary(outlines));
    let catalog = lo.catalog_mut().map_err(pdf_error)?;
    catalog.set("Outlines", outlines_id);
    catalog.set("PageMode", "UseOutlines");

    // Links from the contents entries.
    for (page_index, page) in layout.pages.iter().enumerate() {
        let mut annots = Vec::new();
        for item in &page.items {
            if let Item::Link { x, y, w, h, section } = item {
                let Some(target) = layout.sections.get(*section) else { continue };
                let mut link = Dictionary::new();
                link.set("Type", "Annot");
                link.set("Subtype", "Link");
                let bottom = theme.page_height - y - h;
                let top = theme.page_height - y;
                link.set("Rect", Object::Array(vec![(*x).into(), bottom.into(), (x + w).into(), top.into()]));
                link.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
                link.set("Dest", dest(target.page, target.y));
                annots.push(Object::Reference(lo.add_object(link)));
            }
        }
        if annots.is_empty() {
            continue;
        }
        let page_id = page_ids[page_index];
        let page_dict = lo.get_dictionary_mut(page_id).map_err(pdf_error)?;
        page_dict.set("Annots", Object::Array(annots));
    }
    Ok(())
}

/// One bookmark, with the bookmarks nested under it.
struct OutlineEntry {
    title: String,
    dest: Object,
    children: Vec<OutlineEntry>,
}

impl OutlineEntry {
    fn new(title: &str, dest: Object) -> Self {
        OutlineEntry { title: title.to_string(), dest, children: Vec::new() }
    }
}

/// What a written level of the outline tells its parent.
struct Level {
    first: Option<ObjectId>,
    last: Option<ObjectId>,
    visible: usize,
}

/// Writes one level of outline items under `parent`, children included (shown open).
fn write_outline_level(lo: &mut lopdf::Document, parent: ObjectId, entries: &[OutlineEntry]) -> Level {
    let ids: Vec<ObjectId> = entries.iter().map(|_| lo.new_object_id()).collect();
    let mut visible = 0;
    for (i, entry) in entries.iter().enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", lopdf::text_string(&entry.title));
        item.set("Parent", parent);
        item.set("Dest", entry.dest.clone());
        if i > 0 {
            item.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            item.set("Next", ids[i + 1]);
        }
        visible += 1;
        if !entry.children.is_empty() {
            let level = write_outline_level(lo, ids[i], &entry.children);
            if let (Some(first), Some(last)) = (level.first, level.last) {
                item.set("First", first);
                item.set("Last", last);
            }
            // A positive count shows the group open.
            item.set("Count", Object::Integer(level.visible as i64));
            visible += level.visible;
        }
        lo.objects.insert(ids[i], Object::Dictionary(item));
    }
    Level { first: ids.first().copied(), last: ids.last().copied(), visible }
}

fn pdf_error(err: lopdf::Error) -> Error {
    Error::Invalid(crate::text::t("plan.error_finish_pdf", &[("problem", &err)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::lay_out;
    use crate::pdf::model::{Block, Cover, Section};

    fn sample() -> Document {
        let section = |group: &str, title: &str| Section {
            group: group.into(),
            title: title.into(),
            blocks: vec![Block::Paragraph { text: format!("Text of {title}. Ωμέγα, Юникод, “quotes”.") }],
        };
        Document {
            title: "Sample plan".into(),
            subject: "A sample".into(),
            running_head: "Sample".into(),
            date_text: "1 April 2025".into(),
            cover: Cover { kicker: "Plan".into(), title: "Sample".into(), ..Default::default() },
            contents_title: "Contents".into(),
            placeholder_note: String::new(),
            page_number: "Page {page} of {pages}".into(),
            author: "Tester".into(),
            // Two short sections share a page, and "Zebra" sorts after "Apple": the outline must
            // still follow the document's order.
            sections: vec![section("Frame", "Zebra"), section("Frame", "Apple"), section("People", "Middle")],
        }
    }

    fn rendered() -> (Document, Rendered) {
        let doc = sample();
        let theme = Theme::default();
        let layout = lay_out(&doc, &theme);
        let out = render(&doc, &layout, &theme).unwrap();
        (doc, out)
    }

    fn outline_titles(lo: &lopdf::Document, first: ObjectId, depth: usize, out: &mut Vec<String>) {
        let mut at = Some(first);
        while let Some(id) = at {
            let item = lo.get_dictionary(id).unwrap();
            let title = lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap();
            out.push(format!("{}{title}", "  ".repeat(depth)));
            if let Ok(child) = item.get(b"First").and_then(Object::as_reference) {
                outline_titles(lo, child, depth + 1, out);
            }
            at = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }

    #[test]
    fn the_outline_follows_the_document_order_and_nests_sections_in_groups() {
        let (_, out) = rendered();
        let lo = lopdf::Document::load_mem(&out.bytes).unwrap();
        let outlines = lo.catalog().unwrap().get(b"Outlines").and_then(Object::as_reference).unwrap();
        let first = lo.get_dictionary(outlines).unwrap().get(b"First").and_then(Object::as_reference).unwrap();
        let mut titles = Vec::new();
        outline_titles(&lo, first, 0, &mut titles);
        assert_eq!(titles, vec!["Contents", "Frame", "  Zebra", "  Apple", "People", "  Middle"]);
    }

    #[test]
    fn metadata_has_real_dates_and_names_the_creator() {
        let (_, out) = rendered();
        let lo = lopdf::Document::load_mem(&out.bytes).unwrap();
        let info_id = lo.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
        let info = lo.get_dictionary(info_id).unwrap();
        let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
        assert_eq!(text(b"Title"), "Sample plan");
        assert_eq!(text(b"Subject"), "A sample");
        assert_eq!(text(b"Creator"), "Common Ground");
        assert_eq!(text(b"Author"), "Tester");
        let created = text(b"CreationDate");
        assert!(!created.contains("1970"), "{created}");
        let year = chrono::Utc::now().format("%Y").to_string();
        assert!(created.contains(&year), "{created}");
    }

    #[test]
    fn the_contents_link_to_their_sections() {
        let (_, out) = rendered();
        let lo = lopdf::Document::load_mem(&out.bytes).unwrap();
        let pages = lo.get_pages();
        let contents_page = lo.get_dictionary(pages[&2]).unwrap();
        let annots = contents_page.get(b"Annots").and_then(Object::as_array).unwrap();
        assert_eq!(annots.len(), 3);
    }

    #[test]
    fn the_font_is_embedded_as_a_subset() {
        let (_, out) = rendered();
        // A whole DejaVu Sans is about 740 KB; a subset of a few dozen glyphs is far smaller.
        assert!(out.bytes.len() < 120_000, "{} bytes", out.bytes.len());
        assert!(out.bytes.starts_with(b"%PDF-"));
        assert_eq!(out.pages, 3);
    }
}
