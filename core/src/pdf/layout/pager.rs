//! Putting measured chunks on pages. A chunk is a strip of content (usually one line) with a
//! fixed height; the pager stacks chunks down the page and starts a new page when the next one
//! does not fit. It honours "keep with next" (a heading never ends a page alone), drops the
//! space above a chunk at the top of a page, and repeats a table's header after a page break.

use super::{Item, Page, Target};
use crate::pdf::theme::Theme;

/// A strip of content whose items are positioned relative to the strip's top-left corner.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    /// Space above, left out at the top of a page.
    pub gap: f32,
    pub height: f32,
    pub items: Vec<Item>,
    /// Must share a page with the chunk after it.
    pub keep: bool,
    /// The header chunk (an index given by `Pager::add_header`) to repeat above this chunk
    /// when it starts a page.
    pub header: Option<usize>,
    /// A section starts here: its index, for the contents and bookmarks.
    pub anchor: Option<usize>,
    /// Start a new page before this chunk (unless the page is still empty).
    pub page_break: bool,
}

impl Chunk {
    pub fn new(height: f32, items: Vec<Item>) -> Self {
        Chunk { height, items, ..Default::default() }
    }
}

pub struct Pager<'t> {
    theme: &'t Theme,
    pub pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
    at_top: bool,
    headers: Vec<Chunk>,
    pub anchors: Vec<(usize, Target)>,
}

impl<'t> Pager<'t> {
    pub fn new(theme: &'t Theme, pages: Vec<Page>) -> Self {
        Pager { theme, pages, y: theme.margin_top, at_top: true, headers: Vec::new(), anchors: Vec::new() }
    }

    /// Keeps a header to repeat on later pages; chunks refer to it by the returned index.
    pub fn add_header(&mut self, header: Chunk) -> usize {
        self.headers.push(header);
        self.headers.len() - 1
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.theme.margin_top;
        self.at_top = true;
    }

    /// Places every chunk in order.
    pub fn place_all(&mut self, chunks: &[Chunk]) {
        if self.pages.is_empty() {
            self.new_page();
        }
        let room = self.theme.content_height();
        for (index, chunk) in chunks.iter().enumerate() {
            if chunk.page_break && !self.at_top {
                self.new_page();
            }
            let need = self.needed(chunks, index, room);
            if !self.at_top && self.y + need > self.theme.content_bottom() {
                self.new_page();
            }
            if self.at_top {
                if let Some(header) = chunk.header {
                    let header = self.headers[header].clone();
                    self.put(&header);
                }
            }
            self.put(chunk);
        }
    }

    /// The height `chunks[index]` needs on this page: itself and everything it is kept with.
    /// A chain taller than a page cannot be kept together, so then only the chunk counts.
    fn needed(&self, chunks: &[Chunk], index: usize, room: f32) -> f32 {
        let gap = |c: &Chunk, first: bool| if first && self.at_top { 0.0 } else { c.gap };
        let own = gap(&chunks[index], true) + chunks[index].height;
        let mut need = own;
        let mut at = index;
        while chunks[at].keep && at + 1 < chunks.len() {
            at += 1;
            if chunks[at].page_break {
                break;
            }
            need += gap(&chunks[at], false) + chunks[at].height;
            if need > room {
                return own;
            }
        }
        need
    }

    fn put(&mut self, chunk: &Chunk) {
        if !self.at_top {
            self.y += chunk.gap;
        }
        let page_index = self.pages.len() - 1;
        if let Some(section) = chunk.anchor {
            self.anchors.push((section, Target { page: page_index, y: self.y }));
        }
        let page = self.pages.last_mut().expect("a page is open");
        page.items.extend(chunk.items.iter().map(|item| item.moved_down(self.y)));
        self.y += chunk.height;
        self.at_top = false;
    }
}
