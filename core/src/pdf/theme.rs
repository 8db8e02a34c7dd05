//! The look of a printed document in one place: paper, margins, type sizes, spacing and
//! colours. All lengths are PDF points (1/72 inch).

/// An RGB colour, each part 0.0..=1.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    const fn hex(value: u32) -> Rgb {
        Rgb(
            ((value >> 16) & 0xFF) as f32 / 255.0,
            ((value >> 8) & 0xFF) as f32 / 255.0,
            (value & 0xFF) as f32 / 255.0,
        )
    }
}

/// Text style: size and line height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub line_height: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub page_width: f32,
    pub page_height: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    /// Baseline of the footer, measured from the bottom of the page.
    pub footer_baseline: f32,

    pub body: TextStyle,
    pub note: TextStyle,
    pub label: TextStyle,
    pub heading: TextStyle,
    pub section_title: TextStyle,
    pub kicker: TextStyle,
    pub table: TextStyle,
    pub detail: TextStyle,
    pub footer: TextStyle,

    /// Space above a section's title when it does not open a page.
    pub section_gap: f32,
    pub heading_gap: f32,
    pub label_gap: f32,
    pub paragraph_gap: f32,
    pub block_gap: f32,
    pub bullet_indent: f32,
    pub cell_pad_x: f32,
    pub cell_pad_y: f32,

    pub ink: Rgb,
    pub muted: Rgb,
    pub accent: Rgb,
    pub accent_dark: Rgb,
    pub on_accent: Rgb,
    pub rule: Rgb,
    pub stripe: Rgb,
    pub tint: Rgb,
}

impl Default for Theme {
    /// US Letter with generous margins, calm type and one teal accent.
    fn default() -> Self {
        Theme {
            page_width: 612.0,
            page_height: 792.0,
            margin_left: 68.0,
            margin_right: 68.0,
            margin_top: 64.0,
            margin_bottom: 72.0,
            footer_baseline: 38.0,

            body: TextStyle { size: 10.0, line_height: 14.6 },
            note: TextStyle { size: 9.5, line_height: 13.5 },
            label: TextStyle { size: 8.6, line_height: 12.0 },
            heading: TextStyle { size: 12.5, line_height: 16.0 },
            section_title: TextStyle { size: 20.0, line_height: 25.0 },
            kicker: TextStyle { size: 8.0, line_height: 11.0 },
            table: TextStyle { size: 8.6, line_height: 11.6 },
            detail: TextStyle { size: 8.0, line_height: 11.0 },
            footer: TextStyle { size: 7.5, line_height: 10.0 },

            section_gap: 34.0,
            heading_gap: 16.0,
            label_gap: 10.0,
            paragraph_gap: 6.0,
            block_gap: 4.0,
            bullet_indent: 14.0,
            cell_pad_x: 5.0,
            cell_pad_y: 4.0,

            ink: Rgb::hex(0x1F2A2E),
            muted: Rgb::hex(0x5E6B70),
            accent: Rgb::hex(0x1D6A72),
            accent_dark: Rgb::hex(0x154E55),
            on_accent: Rgb::hex(0xFFFFFF),
            rule: Rgb::hex(0xCBD6D9),
            stripe: Rgb::hex(0xF1F6F7),
            tint: Rgb::hex(0xE6F0F1),
        }
    }
}

impl Theme {
    pub fn content_width(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    /// The lowest y (from the top) that content may reach.
    pub fn content_bottom(&self) -> f32 {
        self.page_height - self.margin_bottom
    }

    pub fn content_height(&self) -> f32 {
        self.content_bottom() - self.margin_top
    }
}

/// The baseline of one line of text of `size` in a line box of `line_height` whose top is
/// `top`: the capitals sit in the middle of the box.
pub fn baseline(top: f32, size: f32, line_height: f32) -> f32 {
    // 0.73 em is DejaVu Sans's cap height.
    top + (line_height + 0.73 * size) / 2.0
}
