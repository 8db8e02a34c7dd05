//! Layout tests: measured wrapping on the page, keep-with-next, repeated table headers, the
//! contents' page numbers and the footers.

use super::*;
use crate::pdf::model::{Block, Column, Cover, Labelled, Row, Section, Table};

fn doc(sections: Vec<Section>) -> Document {
    Document {
        title: "Test plan".into(),
        subject: "Testing".into(),
        author: String::new(),
        running_head: "Test Coalition".into(),
        date_text: "31 March 2025".into(),
        cover: Cover { kicker: "Coalition plan".into(), title: "Test Coalition".into(), ..Default::default() },
        contents_title: "Contents".into(),
        placeholder_note: "A square marks a missing character.".into(),
        page_number: "Page {page} of {pages}".into(),
        sections,
    }
}

fn section(title: &str, blocks: Vec<Block>) -> Section {
    Section { group: "Group".into(), title: title.into(), blocks }
}

fn para(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

fn texts(page: &Page) -> Vec<(f32, f32, String)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
            _ => None,
        })
        .collect()
}

/// The page index and baseline of the first text item equal to `text`.
fn find(layout: &Layout, text: &str) -> (usize, f32) {
    // Past the cover and the contents, which repeat titles.
    for (p, page) in layout.pages.iter().enumerate().skip(2) {
        for (_, y, t) in texts(page) {
            if t == text {
                return (p, y);
            }
        }
    }
    panic!("{text:?} is not on any page");
}

#[test]
fn paragraphs_wrap_inside_the_margins_by_measured_width() {
    let theme = Theme::default();
    let text = "Neighbors, teachers and clinic staff meet monthly to plan together. ".repeat(20);
    let layout = lay_out(&doc(vec![section("One", vec![para(&text)])]), &theme);
    let fonts = fonts();
    let right = theme.page_width - theme.margin_right;
    let mut body_lines = 0;
    for page in &layout.pages[2..] {
        for item in &page.items {
            if let Item::Text { x, size, weight, text, .. } = item {
                let end = x + fonts.width(*weight, text, *size);
                assert!(*x >= theme.margin_left - 0.01 && end <= right + 0.01, "{text:?} runs from {x} to {end}");
                if text.starts_with("Neighbors") || text.contains("clinic") {
                    body_lines += 1;
                }
            }
        }
    }
    assert!(body_lines > 10, "the paragraph was wrapped into many lines ({body_lines})");
}

#[test]
fn a_word_longer_than_a_line_is_broken_not_clipped() {
    let theme = Theme::default();
    let word = "x".repeat(400);
    let layout = lay_out(&doc(vec![section("One", vec![para(&word)])]), &theme);
    let page_text: String = layout.pages[2..].iter().map(Page::text).collect();
    assert_eq!(page_text.matches('x').count(), 400, "every character is printed");
    let right = theme.page_width - theme.margin_right;
    for item in &layout.pages[2].items {
        if let Item::Text { x, size, weight, text, .. } = item {
            assert!(x + fonts().width(*weight, text, *size) <= right + 0.01);
        }
    }
}

#[test]
fn a_heading_is_never_left_alone_at_the_bottom_of_a_page() {
    let theme = Theme::default();
    // Fill the page with single-line paragraphs until just one line's room is left, for every
    // possible amount of filler, and check the heading always shares a page with its text.
    for filler in 30..48 {
        let mut blocks: Vec<Block> = (0..filler).map(|i| para(&format!("Filler line {i}"))).collect();
        blocks.push(Block::Heading { text: "The heading".into() });
        blocks.push(Block::Label { text: "The label".into() });
        blocks.push(para("First line of what follows the heading."));
        let layout = lay_out(&doc(vec![section("One", blocks)]), &theme);
        let (heading_page, heading_y) = find(&layout, "The heading");
        let (label_page, _) = find(&layout, "The label");
        let (text_page, text_y) = find(&layout, "First line of what follows the heading.");
        assert_eq!(heading_page, label_page, "filler {filler}");
        assert_eq!(heading_page, text_page, "filler {filler}");
        assert!(heading_y < text_y);
    }
}

#[test]
fn a_section_title_starts_with_its_content() {
    let theme = Theme::default();
    for filler in 35..50 {
        let first = section("One", (0..filler).map(|i| para(&format!("Line {i}"))).collect());
        let second = section("Two", vec![para("Two's first line")]);
        let layout = lay_out(&doc(vec![first, second]), &theme);
        let (title_page, _) = find(&layout, "Two");
        let (text_page, _) = find(&layout, "Two's first line");
        assert_eq!(title_page, text_page, "filler {filler}");
        assert_eq!(layout.sections[1].page, title_page);
    }
}

fn big_table(rows: usize) -> Table {
    Table {
        columns: vec![Column::left("Name"), Column::left("Role"), Column::right("Amount")],
        rows: (0..rows)
            .map(|i| Row { cells: vec![format!("Partner {i}"), "Hosts meetings".into(), format!("${i}.00")], details: vec![] })
            .collect(),
        totals: vec![vec!["Total".into(), String::new(), "$1.00".into()]],
    }
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let theme = Theme::default();
    let layout = lay_out(&doc(vec![section("One", vec![Block::Table(big_table(200))])]), &theme);
    let body = &layout.pages[2..];
    assert!(body.len() >= 3, "200 rows take several pages");
    for (i, page) in body.iter().enumerate() {
        let lines = texts(page);
        let header = lines.iter().filter(|(_, _, t)| t == "Name").count();
        assert_eq!(header, 1, "page {} has the header once", i + 3);
        // The header is above every row on the page.
        let header_y = lines.iter().find(|(_, _, t)| t == "Name").unwrap().1;
        for (_, y, t) in &lines {
            if t.starts_with("Partner ") {
                assert!(*y > header_y, "{t} sits under the header");
            }
        }
    }
    // Every row is printed exactly once, and the totals come last.
    let all: String = body.iter().map(Page::text).collect();
    for i in 0..200 {
        assert_eq!(all.lines().filter(|l| *l == format!("Partner {i}")).count(), 1, "row {i}");
    }
    assert!(texts(body.last().unwrap()).iter().any(|(_, _, t)| t == "Total"));
}

#[test]
fn amounts_are_right_aligned_to_the_column_edge() {
    let theme = Theme::default();
    let layout = lay_out(&doc(vec![section("One", vec![Block::Table(big_table(12))])]), &theme);
    let fonts = fonts();
    let ends: Vec<f32> = layout.pages[2]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, size, weight, text, .. } if text.starts_with('$') => Some(x + fonts.width(*weight, text, *size)),
            _ => None,
        })
        .collect();
    assert!(ends.len() >= 12);
    for end in &ends {
        assert!((end - ends[0]).abs() < 0.01, "{ends:?}");
    }
}

#[test]
fn a_row_taller_than_a_page_is_split_and_continues_under_the_header() {
    let theme = Theme::default();
    let long = "A very long cell that goes on and on. ".repeat(400);
    let table = Table {
        columns: vec![Column::left("Barrier"), Column::left("What we will do")],
        rows: vec![Row { cells: vec!["Turf battles".into(), long], details: vec![] }],
        totals: vec![],
    };
    let layout = lay_out(&doc(vec![section("One", vec![Block::Table(table)])]), &theme);
    assert!(layout.pages.len() >= 5, "{} pages", layout.pages.len());
    for page in &layout.pages[2..] {
        assert!(texts(page).iter().any(|(_, _, t)| t == "What we will do"), "header on every page");
    }
}

#[test]
fn row_details_print_across_the_table() {
    let theme = Theme::default();
    let table = Table {
        columns: vec![Column::left("Name"), Column::left("Role")],
        rows: vec![Row {
            cells: vec!["Library".into(), "Hosts".into()],
            details: vec![Labelled::new("What they bring", "Rooms and trust")],
        }],
        totals: vec![],
    };
    let layout = lay_out(&doc(vec![section("One", vec![Block::Table(table)])]), &theme);
    let text = layout.pages[2].text();
    assert!(text.contains("What they bring: \nRooms and trust") || text.contains("What they bring:"), "{text}");
    assert!(text.contains("Rooms and trust"), "{text}");
}

#[test]
fn contents_list_the_page_each_section_starts_on() {
    let theme = Theme::default();
    let sections: Vec<Section> = (0..6)
        .map(|s| section(&format!("Section {s}"), (0..30).map(|i| para(&format!("Line {i} of section {s}"))).collect()))
        .collect();
    let layout = lay_out(&doc(sections.clone()), &theme);
    let contents = &layout.pages[1];
    let lines = texts(contents);
    for (s, target) in layout.sections.iter().enumerate() {
        let title_y = lines.iter().find(|(_, _, t)| *t == format!("Section {s}")).expect("listed").1;
        let number = lines
            .iter()
            .find(|(_, y, t)| (*y - title_y).abs() < 0.01 && t.chars().all(|c| c.is_ascii_digit()))
            .map(|(_, _, t)| t.clone())
            .unwrap_or_else(|| panic!("a number beside section {s}"));
        assert_eq!(number, (target.page + 1).to_string());
        // The section really is there.
        assert!(layout.pages[target.page].text().contains(&format!("Section {s}")));
    }
    // Laying out again gives the same result: the page count and numbers are stable.
    assert_eq!(lay_out(&doc(sections), &theme), layout);
}

#[test]
fn footers_say_page_n_of_m_on_every_page_but_the_cover() {
    let theme = Theme::default();
    let sections = vec![section("One", (0..120).map(|i| para(&format!("Line {i}"))).collect())];
    let layout = lay_out(&doc(sections), &theme);
    let total = layout.pages.len();
    assert!(!layout.pages[0].text().contains("Page 1 of"));
    for (i, page) in layout.pages.iter().enumerate().skip(1) {
        let text = page.text();
        assert!(text.contains(&format!("Page {} of {total}", i + 1)), "{text}");
        assert!(text.contains("Test Coalition") && text.contains("31 March 2025"));
    }
}

#[test]
fn nothing_is_drawn_below_the_bottom_margin_except_the_footer() {
    let theme = Theme::default();
    let sections = vec![
        section("One", vec![para(&"Words flowing across pages. ".repeat(600))]),
        section("Two", vec![Block::Table(big_table(150))]),
    ];
    let layout = lay_out(&doc(sections), &theme);
    let footer_top = theme.page_height - theme.footer_baseline - 13.0;
    for page in &layout.pages[1..] {
        for item in &page.items {
            let bottom = match item {
                Item::Text { y, .. } => *y,
                Item::Fill { y, h, .. } => y + h,
                Item::Rule { y, .. } => *y,
                Item::Link { y, h, .. } => y + h,
            };
            let is_footer = bottom >= footer_top;
            if !is_footer {
                assert!(bottom <= theme.content_bottom() + 0.01, "{item:?}");
            }
            if let Item::Text { y, .. } = item {
                assert!(*y >= theme.margin_top, "{item:?}");
            }
        }
    }
}

#[test]
fn the_cover_lists_as_many_names_as_fit_then_says_how_many_more() {
    let theme = Theme::default();
    let mut d = doc(vec![]);
    d.cover.statement = Some(Labelled::new("Our vision", "Everyone thrives."));
    d.cover.list = Some(crate::pdf::model::CoverList {
        label: "Members".into(),
        items: (0..500).map(|i| format!("Member {i}")).collect(),
        more: "and {n} more".into(),
    });
    let layout = lay_out(&d, &theme);
    let cover = layout.pages[0].text();
    let shown = cover.lines().filter(|l| l.starts_with("Member ")).count();
    assert!(shown > 20 && shown < 500, "{shown}");
    assert!(cover.contains(&format!("and {} more", 500 - shown)), "{cover}");
    for item in &layout.pages[0].items {
        if let Item::Text { y, .. } = item {
            assert!(*y <= theme.content_bottom() + 0.01);
        }
    }
}

#[test]
fn characters_the_font_lacks_are_counted_and_shown_as_the_placeholder() {
    let theme = Theme::default();
    let layout = lay_out(&doc(vec![section("One", vec![para("Hello 世界 \u{1F44D}")])]), &theme);
    assert_eq!(layout.missing_glyphs, 3, "{}", layout.pages[2].text());
    assert!(layout.pages[2].text().contains("Hello \u{25A1}\u{25A1} \u{25A1}"));
}

/// The shortening as it was first written: drop one character, measure again.
fn fit_by_dropping_characters(ctx: &Ctx, weight: Weight, text: &str, size: f32, width: f32) -> String {
    let text = ctx.printable(weight, text).replace('\n', " ");
    if ctx.fonts.width(weight, &text, size) <= width {
        return text;
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if ctx.fonts.width(weight, &candidate, size) <= width {
            return candidate;
        }
    }
    "…".into()
}

#[test]
fn fit_shortens_exactly_as_dropping_one_character_at_a_time_would() {
    let theme = Theme::default();
    let ctx = Ctx { theme: &theme, fonts: fonts(), missing: Cell::new(0) };
    let texts = [
        "Harbor County Youth Wellbeing Coalition",
        "Words   with   wide   gaps   between   them   everywhere",
        "中文名字很长很长很长很长很长很长很长很长很长",
        "    ",
        "",
        "a\nb\nc d e f g h i j k l m n o p",
        "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm",
    ];
    for text in texts {
        for width in [0.0, 5.0, 20.0, 57.3, 100.0, 180.0, 400.0] {
            for weight in [Weight::Regular, Weight::Bold] {
                assert_eq!(
                    ctx.fit(weight, text, 9.0, width),
                    fit_by_dropping_characters(&ctx, weight, text, 9.0, width),
                    "{text:?} in {width}"
                );
            }
        }
    }
}

#[test]
fn a_very_long_running_head_and_cover_name_lay_out_quickly() {
    // A partner's name may hold a pasted page of text with no spaces. Shortening it for the
    // cover and every footer once took minutes; now it is one pass.
    let long: String = "中".repeat(20_000);
    let mut d = doc(vec![section("One", vec![para("Body")])]);
    d.running_head = long.clone();
    d.cover.list = Some(crate::pdf::model::CoverList { label: "Members".into(), items: vec![long.clone(); 3], more: "{n} more".into() });
    let started = std::time::Instant::now();
    let layout = lay_out(&d, &Theme::default());
    assert!(layout.pages.len() >= 3);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
}
