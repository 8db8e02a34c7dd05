//! The typeface shipped inside the app (DejaVu Sans and DejaVu Sans Bold, see
//! `core/fonts/LICENSE-DejaVu.txt`) and measuring text with its real glyph advances.
//!
//! Characters the font cannot draw (CJK, emoji...) are printed as [`PLACEHOLDER`], a white
//! square, so a reader sees that something was there instead of silently losing it. Invisible
//! joiners and variation selectors are dropped, and one emoji sequence (a family, a flag, a
//! skin tone) becomes one square.

use std::borrow::Cow;
use std::sync::OnceLock;

use printpdf::ParsedFont;
use serde::Serialize;

/// What a character the font lacks prints as: U+25A1 WHITE SQUARE, which both faces have.
pub const PLACEHOLDER: char = '\u{25A1}';

const REGULAR_BYTES: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD_BYTES: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The two weights the layout uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    Regular,
    Bold,
}

/// One parsed face with a fast table of advances for the first 256 code points.
pub struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Advance in em of U+0000..U+00FF; NaN where the face has no glyph.
    latin: [f32; 256],
}

/// Both faces, parsed once per process (a parse takes tens of milliseconds).
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

/// The shared, lazily parsed fonts.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts { regular: Face::load(REGULAR_BYTES), bold: Face::load(BOLD_BYTES) })
}

impl Fonts {
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width in points of `text` (already made printable) at `size`.
    pub fn width(&self, weight: Weight, text: &str, size: f32) -> f32 {
        self.face(weight).width(text, size)
    }
}

impl Face {
    fn load(bytes: &[u8]) -> Face {
        let mut warnings = Vec::new();
        // The bytes are compiled in and known good; failing here is a build mistake.
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the embedded font parses");
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        let mut face = Face { parsed, units_per_em, latin: [f32::NAN; 256] };
        for code in 0..256u32 {
            face.latin[code as usize] = face.lookup_advance(code).unwrap_or(f32::NAN);
        }
        face
    }

    fn glyph(&self, code: u32) -> Option<u16> {
        self.parsed.lookup_glyph_index(code).filter(|&gid| gid != 0)
    }

    /// The advance in em, truncated to 1/1000 em exactly as the PDF's width table stores it, so
    /// measured and drawn widths agree (right-aligned numbers end where they should).
    fn lookup_advance(&self, code: u32) -> Option<f32> {
        let gid = self.glyph(code)?;
        let units = f32::from(self.parsed.get_horizontal_advance(gid));
        Some((units * 1000.0 / self.units_per_em).floor() / 1000.0)
    }

    /// Whether the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        let code = c as u32;
        if code < 256 {
            !self.latin[code as usize].is_nan()
        } else {
            self.glyph(code).is_some()
        }
    }

    pub(crate) fn advance_em(&self, c: char) -> f32 {
        let code = c as u32;
        let em = if code < 256 { self.latin[code as usize] } else { self.lookup_advance(code).unwrap_or(f32::NAN) };
        if em.is_nan() {
            // Only reached for unprintable text; measure it as the placeholder it will become.
            self.lookup_advance(PLACEHOLDER as u32).unwrap_or(0.6)
        } else {
            em
        }
    }

    /// Width in points of `text` at `size`. Text should have gone through [`printable`].
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance_em(c)).sum::<f32>() * size
    }
}

/// Characters that draw nothing and only guide shaping, which we do not do.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                  // soft hyphen
        | '\u{200B}'..='\u{200F}'   // zero-width space, joiners, direction marks
        | '\u{2060}'..='\u{2064}'   // word joiner and invisible operators
        | '\u{FE00}'..='\u{FE0F}'   // variation selectors
        | '\u{FEFF}'                // byte order mark
        | '\u{E0001}'..='\u{E007F}' // tag characters (flag sequences)
        | '\u{E0100}'..='\u{E01EF}' // more variation selectors
    )
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// `text` as the face can print it: tabs become spaces, control characters go, and every
/// character (or emoji sequence) the face lacks becomes one [`PLACEHOLDER`]. Returns the text
/// and how many placeholders it holds. Newlines are kept for the caller to act on.
pub fn printable<'a>(face: &Face, text: &'a str) -> (Cow<'a, str>, usize) {
    if text.chars().all(|c| c == '\n' || (!c.is_control() && !is_invisible(c) && face.has(c))) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut missing = 0;
    // State for folding an emoji sequence into one square.
    let mut after_missing = false;
    let mut joined = false;
    let mut open_flag = false;
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
            after_missing = false;
            continue;
        }
        if c == '\t' {
            out.push(' ');
            after_missing = false;
            continue;
        }
        if c.is_control() {
            continue;
        }
        if is_invisible(c) {
            if c == '\u{200D}' && after_missing {
                joined = true;
            }
            continue;
        }
        if face.has(c) {
            out.push(c);
            after_missing = false;
            joined = false;
            open_flag = false;
            continue;
        }
        if after_missing && (joined || is_emoji_modifier(c) || (open_flag && is_regional_indicator(c))) {
            // Still the same pictograph: a joined part, a skin tone or a flag's second letter.
            joined = false;
            open_flag = false;
            continue;
        }
        out.push(PLACEHOLDER);
        missing += 1;
        after_missing = true;
        open_flag = is_regional_indicator(c);
    }
    (Cow::Owned(out), missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_glyphs() {
        let f = fonts();
        let i = f.width(Weight::Regular, "iiii", 10.0);
        let m = f.width(Weight::Regular, "mmmm", 10.0);
        assert!(m > 2.0 * i, "m is much wider than i: {m} vs {i}");
        assert!(f.width(Weight::Bold, "mmmm", 10.0) > m, "bold is wider");
        // Twice the size is twice the width.
        let double = f.width(Weight::Regular, "mmmm", 20.0);
        assert!((double - 2.0 * m).abs() < 0.01);
    }

    #[test]
    fn scripts_the_font_covers_print_as_themselves() {
        let face = &fonts().regular;
        for text in ["Привет, мир", "Καλημέρα", "Café “quotes” — naïve façade", "Zürich, Łódź, Ångström"] {
            let (out, missing) = printable(face, text);
            assert_eq!(out, text);
            assert_eq!(missing, 0);
        }
    }

    #[test]
    fn missing_characters_become_one_visible_square_each() {
        let face = &fonts().regular;
        let (out, missing) = printable(face, "Hi 你好 there");
        assert_eq!(out, "Hi \u{25A1}\u{25A1} there");
        assert_eq!(missing, 2);
        // A family emoji (joined sequence), a thumbs up with a skin tone and a flag: one each.
        let (out, missing) = printable(face, "a\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}b\u{1F44D}\u{1F3FD}c\u{1F1FA}\u{1F1F8}d");
        assert_eq!(out, "a\u{25A1}b\u{25A1}c\u{25A1}d");
        assert_eq!(missing, 3);
        // A heart with a variation selector: the heart is in DejaVu, the selector is dropped.
        let (out, _) = printable(face, "I \u{2764}\u{FE0F} it");
        assert_eq!(out, "I \u{2764} it");
    }

    #[test]
    fn tabs_and_control_characters_are_tidied() {
        let face = &fonts().regular;
        let (out, missing) = printable(face, "a\tb\u{0007}c\nd");
        assert_eq!(out, "a bc\nd");
        assert_eq!(missing, 0);
    }
}
