//! The block model shared by all page formats: headings, paragraphs, tables,
//! code blocks and annotations, each with its line. Markdown and published
//! text are both lowered into it, so the section reader sees one shape.

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Code(String),
    Link { text: String, target: String },
    Emphasis(String),
}

/// Inline content: a run of spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub spans: Vec<Span>,
}

impl Inline {
    pub fn text(text: impl Into<String>) -> Inline {
        Inline {
            spans: vec![Span::Text(text.into())],
        }
    }

    /// The plain text, with runs of whitespace collapsed and trimmed.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for span in &self.spans {
            match span {
                Span::Text(t) | Span::Code(t) | Span::Emphasis(t) => out.push_str(t),
                Span::Link { text, .. } => out.push_str(text),
            }
        }
        collapse_whitespace(&out)
    }

    /// The links, in order.
    pub fn links(&self) -> impl Iterator<Item = (&str, &str)> {
        self.spans.iter().filter_map(|s| match s {
            Span::Link { text, target } => Some((text.as_str(), target.as_str())),
            _ => None,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.plain().is_empty()
    }

    pub fn push_text(&mut self, text: &str) {
        if let Some(Span::Text(last)) = self.spans.last_mut() {
            last.push_str(text);
        } else {
            self.spans.push(Span::Text(text.to_string()));
        }
    }
}

/// Collapses whitespace (including zero-width and non-breaking spaces) and trims.
pub fn collapse_whitespace(text: &str) -> String {
    if is_collapsed(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c == '\u{200b}' || c == '\u{feff}' {
            continue;
        }
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Whether ASCII text has nothing to collapse: no whitespace but single
/// spaces between words (most text already is).
fn is_collapsed(text: &str) -> bool {
    let mut space = true;
    for &b in text.as_bytes() {
        match b {
            b' ' if space => return false,
            b' ' => space = true,
            b'\t'..=b'\r' | 0x80.. => return false,
            _ => space = false,
        }
    }
    !space || text.is_empty()
}

/// A table row with its line, and the column where each cell starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Inline>,
    pub columns: Vec<u32>,
    pub line: u32,
}

impl Row {
    /// A row from split cells (`table::split_row_at`), each read by `read`.
    pub fn from_cells(cells: Vec<(u32, String)>, line: u32, read: impl Fn(&str) -> Inline) -> Row {
        let (columns, cells) = cells.into_iter().map(|(column, text)| (column, read(&text))).unzip();
        Row { cells, columns, line }
    }

    /// The column of cell `i`, or of the row's start past its last cell.
    pub fn column(&self, i: usize) -> u32 {
        self.columns.get(i).copied().unwrap_or(1)
    }
}

/// A table: a header row and body rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub line: u32,
}

/// One block of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        text: Inline,
        line: u32,
    },
    Paragraph {
        text: Inline,
        line: u32,
    },
    /// A paragraph inside a block quote (notes, warnings).
    Quote {
        text: Inline,
        line: u32,
    },
    ListItem {
        text: Inline,
        line: u32,
    },
    Table(Table),
    Code {
        info: String,
        text: String,
        /// The annotation comment right before the block, if any.
        annotation: Option<serde_json::Value>,
        /// Line of the first line of `text`.
        line: u32,
    },
    /// An annotation comment not followed by a code block.
    Annotation {
        value: serde_json::Value,
        line: u32,
    },
}

impl Block {
    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Quote { line, .. }
            | Block::ListItem { line, .. }
            | Block::Code { line, .. }
            | Block::Annotation { line, .. } => *line,
            Block::Table(t) => t.line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::collapse_whitespace;

    #[test]
    fn collapsing_whitespace() {
        for (text, expected) in [
            ("", ""),
            ("a b", "a b"),
            ("  a  b ", "a b"),
            ("a\tb\nc", "a b c"),
            ("a\u{200b}b", "ab"),
            ("a\u{a0}b", "a b"),
            ("\u{feff} a", "a"),
            ("a\x0bb", "a b"),
            ("a\x1cb", "a\x1cb"),
        ] {
            assert_eq!(collapse_whitespace(text), expected, "{text:?}");
        }
    }
}
