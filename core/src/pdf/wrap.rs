//! Line breaking by measured width. Words go on a line while they fit; a word longer than a
//! whole line is cut between characters; a newline always starts a new line. Runs of spaces
//! count as one. Text may mix weights (a bold label followed by regular text).

use super::fonts::{Fonts, Weight};

/// A piece of text in one weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub weight: Weight,
    pub text: String,
}

/// One wrapped line: its pieces in order and its measured width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub spans: Vec<Span>,
    pub width: f32,
}

impl Line {
    /// The line's text without weights.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    fn push(&mut self, weight: Weight, text: &str, width: f32) {
        match self.spans.last_mut() {
            Some(last) if last.weight == weight => last.text.push_str(text),
            _ => self.spans.push(Span { weight, text: text.to_string() }),
        }
        self.width += width;
    }
}

/// A word: pieces with no space between them (a word may change weight part-way).
struct Word<'a> {
    parts: Vec<(Weight, &'a str)>,
    width: f32,
}

enum Token<'a> {
    Word(Word<'a>),
    Space(Weight),
    Break,
}

fn tokens<'a>(fonts: &Fonts, spans: &[(Weight, &'a str)], size: f32) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::new();
    // Whether the next word piece continues the previous word (no space between them).
    let mut glued = false;
    for &(weight, text) in spans {
        let mut rest = text;
        while !rest.is_empty() {
            let first = rest.chars().next().expect("not empty");
            if first == '\n' {
                out.push(Token::Break);
                rest = &rest[1..];
                glued = false;
            } else if first.is_whitespace() {
                let end = rest.find(|c: char| !c.is_whitespace() || c == '\n').unwrap_or(rest.len());
                if !matches!(out.last(), Some(Token::Space(_))) {
                    out.push(Token::Space(weight));
                }
                rest = &rest[end..];
                glued = false;
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let piece = &rest[..end];
                let width = fonts.width(weight, piece, size);
                match out.last_mut() {
                    Some(Token::Word(word)) if glued => {
                        word.parts.push((weight, piece));
                        word.width += width;
                    }
                    _ => out.push(Token::Word(Word { parts: vec![(weight, piece)], width })),
                }
                rest = &rest[end..];
                glued = true;
            }
        }
    }
    out
}

/// Wraps mixed-weight text to lines no wider than `max_width` points at `size`. Text must
/// already be printable (see `fonts::printable`). Always returns at least one line.
pub fn wrap_spans(fonts: &Fonts, spans: &[(Weight, &str)], size: f32, max_width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut pending_space: Option<Weight> = None;
    for token in tokens(fonts, spans, size) {
        match token {
            Token::Break => {
                lines.push(std::mem::take(&mut line));
                pending_space = None;
            }
            Token::Space(weight) => {
                if !line.spans.is_empty() {
                    pending_space = Some(weight);
                }
            }
            Token::Word(word) => {
                let space = pending_space.take().map(|w| (w, fonts.width(w, " ", size)));
                let space_width = space.map_or(0.0, |(_, width)| width);
                if line.spans.is_empty() || line.width + space_width + word.width <= max_width {
                    if let Some((weight, width)) = space {
                        if !line.spans.is_empty() {
                            line.push(weight, " ", width);
                        }
                    }
                } else {
                    lines.push(std::mem::take(&mut line));
                }
                if line.width + word.width <= max_width {
                    for (weight, piece) in &word.parts {
                        line.push(*weight, piece, fonts.width(*weight, piece, size));
                    }
                } else {
                    break_word(fonts, &word, size, max_width, &mut line, &mut lines);
                }
            }
        }
    }
    lines.push(line);
    lines
}

/// Places a word too long for the line, cutting it between characters, continuing `line`.
fn break_word(fonts: &Fonts, word: &Word, size: f32, max_width: f32, line: &mut Line, lines: &mut Vec<Line>) {
    for (weight, piece) in &word.parts {
        let face = fonts.face(*weight);
        let mut start = 0;
        let mut width = 0.0;
        for (index, c) in piece.char_indices() {
            let mut buf = [0u8; 4];
            let w = face.width(c.encode_utf8(&mut buf), size);
            let taken = index > start;
            if line.width + width + w > max_width && (taken || !line.spans.is_empty()) {
                if taken {
                    line.push(*weight, &piece[start..index], width);
                }
                lines.push(std::mem::take(line));
                start = index;
                width = 0.0;
            }
            width += w;
        }
        if start < piece.len() {
            line.push(*weight, &piece[start..], width);
        }
    }
}

/// Wraps text in one weight; the lines' texts.
pub fn wrap(fonts: &Fonts, weight: Weight, text: &str, size: f32, max_width: f32) -> Vec<Line> {
    wrap_spans(fonts, &[(weight, text)], size, max_width)
}

/// The width of the widest word, for the narrowest sensible table column.
pub fn widest_word(fonts: &Fonts, weight: Weight, text: &str, size: f32) -> f32 {
    text.split_whitespace().map(|w| fonts.width(weight, w, size)).fold(0.0, f32::max)
}

/// The width of the widest line when nothing is wrapped.
pub fn widest_line(fonts: &Fonts, weight: Weight, text: &str, size: f32) -> f32 {
    text.split('\n').map(|l| fonts.width(weight, l.trim(), size)).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::fonts;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn lines_fill_up_to_the_measured_width() {
        let f = fonts();
        let text = "the quick brown fox jumps over the lazy dog again and again";
        let max = 120.0;
        let lines = wrap(f, Weight::Regular, text, 10.0, max);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= max + 0.01, "{line:?}");
            assert!((line.width - f.width(Weight::Regular, &line.text(), 10.0)).abs() < 0.01);
        }
        // Greedy: the next line's first word would not have fitted on the line before.
        for pair in lines.windows(2) {
            let next_word = pair[1].text().split(' ').next().unwrap().to_string();
            let joined = format!("{} {next_word}", pair[0].text());
            assert!(f.width(Weight::Regular, &joined, 10.0) > max, "{joined}");
        }
        assert_eq!(texts(&lines).join(" "), text);
    }

    #[test]
    fn narrow_letters_fit_more_per_line_than_wide_ones() {
        let f = fonts();
        let narrow = wrap(f, Weight::Regular, &"il ".repeat(60), 10.0, 150.0);
        let wide = wrap(f, Weight::Regular, &"MW ".repeat(60), 10.0, 150.0);
        assert!(narrow.len() < wide.len(), "{} vs {}", narrow.len(), wide.len());
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken() {
        let f = fonts();
        let word = "Supercalifragilisticexpialidocious".repeat(4);
        let lines = wrap(f, Weight::Regular, &format!("A {word} end"), 10.0, 100.0);
        assert!(lines.len() >= 5, "{:?}", texts(&lines));
        for line in &lines {
            assert!(line.width <= 100.01, "{line:?}");
        }
        assert_eq!(texts(&lines).concat().replace(' ', ""), format!("A{word}end"));
    }

    #[test]
    fn newlines_break_and_spaces_collapse() {
        let f = fonts();
        let lines = wrap(f, Weight::Regular, "one   two\nthree\n\nfour", 10.0, 400.0);
        assert_eq!(texts(&lines), vec!["one two", "three", "", "four"]);
    }

    #[test]
    fn mixed_weights_keep_their_pieces() {
        let f = fonts();
        let lines = wrap_spans(f, &[(Weight::Bold, "Email:"), (Weight::Regular, " a@b.org")], 10.0, 400.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].spans.len(), 2);
        assert_eq!(lines[0].spans[0], Span { weight: Weight::Bold, text: "Email:".into() });
        assert_eq!(lines[0].spans[1].text, " a@b.org");
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        let lines = wrap(fonts(), Weight::Regular, "", 10.0, 100.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "");
    }
}
