//! Lowers markdown pages (classic and current) into blocks with pulldown-cmark.
//!
//! Handles the page hazards here so the section reader never sees them:
//! language-tab lines that look like H1s (`# [HTTP](#tab/http)`), setext
//! headings made by a tab group's closing `---`, `[!INCLUDE ...]` lines,
//! annotation comments (attached to the code block they precede), tables
//! re-split from their source lines so no cell is lost, unclosed fences.

use super::annotation::parse_annotation;
use super::blocks::{Block, Inline, Row, Span, Table};
use super::table::{is_delimiter_row, looks_like_row, split_row, split_row_at};
use crate::diagnostic::Diagnostics;
use crate::line_index::LineIndex;
use pulldown_cmark::{BrokenLink, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// Reference-style link definitions of a page, by lowercase label.
type RefDefs = HashMap<String, String>;

/// Lowers a markdown document (front matter already blanked out) into blocks.
pub fn lower(text: &str, diags: &mut Diagnostics) -> Vec<Block> {
    let lines = LineIndex::new(text);
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES);
    let defs: RefDefs = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), def.dest.to_string()))
        .collect();
    let mut lowerer = Lowerer {
        text,
        lines: &lines,
        defs: &defs,
        blocks: Vec::new(),
        pending_annotation: None,
        diags,
    };
    lowerer.run(parser.into_offset_iter());
    lowerer.flush_annotation();
    lowerer.blocks
}

/// What inline content is being collected for.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Heading(u8, bool),
    Paragraph,
    Item,
}

struct Lowerer<'a, 'd> {
    text: &'a str,
    lines: &'a LineIndex<'a>,
    defs: &'a RefDefs,
    blocks: Vec<Block>,
    pending_annotation: Option<(serde_json::Value, u32)>,
    diags: &'d mut Diagnostics,
}

impl<'a> Lowerer<'a, '_> {
    fn run(&mut self, events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>) {
        let mut events = events.peekable();
        let mut quote_depth = 0usize;
        let mut current: Option<(Target, InlineBuilder, u32)> = None;
        let mut html = String::new();
        let mut html_line = 0;
        while let Some((event, range)) = events.next() {
            let line = self.lines.line(range.start);
            crate::isolate::reach(line);
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let atx = self
                        .text
                        .get(range.clone())
                        .unwrap_or_default()
                        .trim_start()
                        .starts_with('#');
                    current = Some((Target::Heading(level as u8, atx), InlineBuilder::default(), line));
                }
                Event::Start(Tag::Paragraph) => {
                    if current.is_none() {
                        current = Some((Target::Paragraph, InlineBuilder::default(), line));
                    }
                }
                Event::Start(Tag::Item) => {
                    self.finish_current(&mut current, quote_depth > 0, "");
                    current = Some((Target::Item, InlineBuilder::default(), line));
                }
                Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                    let ends_item = matches!(event, Event::End(TagEnd::Item));
                    let is_item = matches!(current, Some((Target::Item, ..)));
                    if is_item && !ends_item {
                        // A paragraph inside a loose list item: keep collecting.
                        if let Some((_, builder, _)) = current.as_mut() {
                            builder.inline.push_text(" ");
                        }
                        continue;
                    }
                    let raw = self.text.get(range.clone()).unwrap_or_default();
                    self.finish_current(&mut current, quote_depth > 0, raw);
                }
                Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
                Event::Start(Tag::Table(_)) => {
                    self.finish_current(&mut current, quote_depth > 0, "");
                    for (event, _) in events.by_ref() {
                        if matches!(event, Event::End(TagEnd::Table)) {
                            break;
                        }
                    }
                    self.table(range);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    self.finish_current(&mut current, quote_depth > 0, "");
                    self.code_block(kind, events.by_ref(), range, line);
                }
                Event::Start(Tag::HtmlBlock) => {
                    html.clear();
                    html_line = line;
                }
                Event::Html(t) => html.push_str(&t),
                Event::End(TagEnd::HtmlBlock) => {
                    let block = std::mem::take(&mut html);
                    self.html(&block, html_line);
                }
                Event::InlineHtml(t) => {
                    if t.trim_start().starts_with("<!--") {
                        let comment = inline_comment(&t, &mut events);
                        self.html(&comment, line);
                    } else if let Some((_, builder, _)) = current.as_mut() {
                        builder.html(&t);
                    }
                }
                other => {
                    if let Some((_, builder, _)) = current.as_mut() {
                        builder.event(other, self.defs);
                    }
                }
            }
        }
        self.finish_current(&mut current, quote_depth > 0, "");
    }

    /// Ends the inline content being collected, if any, as its block.
    fn finish_current(&mut self, current: &mut Option<(Target, InlineBuilder, u32)>, quoted: bool, raw: &str) {
        if let Some((target, builder, start)) = current.take() {
            self.finish_inline(target, builder.finish(), start, quoted, raw);
        }
    }

    /// A code block from its start event: its text up to its end, a
    /// warning when its fence is not closed before the end of the page, and
    /// the annotation comment that preceded it.
    fn code_block(
        &mut self,
        kind: CodeBlockKind<'a>,
        events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
        range: std::ops::Range<usize>,
        line: u32,
    ) {
        let fenced = matches!(kind, CodeBlockKind::Fenced(_));
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.trim().to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let mut body = String::new();
        for (event, _) in events {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let source = self.text.get(range).unwrap_or_default();
        if fenced && !fence_closed(source) {
            self.diags.warning(
                line,
                "fence-unclosed",
                "code block is not closed before the end of the page; read it up to the end",
            );
        }
        let annotation = self.pending_annotation.take().map(|(v, _)| v);
        self.blocks.push(Block::Code {
            info,
            text: body,
            annotation,
            line: if fenced { line + 1 } else { line },
        });
    }

    fn finish_inline(&mut self, target: Target, text: Inline, line: u32, quoted: bool, raw: &str) {
        let plain = text.plain();
        if plain.is_empty() {
            return;
        }
        match target {
            Target::Heading(level, atx) => {
                if is_tab_heading(&text) {
                    return;
                }
                if is_include(&plain) {
                    return;
                }
                if !atx {
                    // A setext heading is in practice a line above a tab group's `---`.
                    self.push(Block::Paragraph { text, line });
                    return;
                }
                self.push(Block::Heading { level, text, line });
            }
            Target::Paragraph | Target::Item => {
                if is_include(&plain) {
                    return;
                }
                if target == Target::Paragraph
                    && !quoted
                    && (self.loose_table(raw, line) || self.continue_table(raw, line))
                {
                    return;
                }
                let block = if quoted {
                    Block::Quote { text, line }
                } else if target == Target::Item {
                    Block::ListItem { text, line }
                } else {
                    Block::Paragraph { text, line }
                };
                self.push(block);
            }
        }
    }

    fn push(&mut self, block: Block) {
        self.flush_annotation();
        self.blocks.push(block);
    }

    fn flush_annotation(&mut self) {
        if let Some((value, line)) = self.pending_annotation.take() {
            self.blocks.push(Block::Annotation { value, line });
        }
    }

    fn html(&mut self, html: &str, line: u32) {
        let trimmed = html.trim();
        let Some(inner) = trimmed.strip_prefix("<!--") else {
            return;
        };
        let inner = inner.trim_end().strip_suffix("-->").unwrap_or(inner).trim();
        if !inner.starts_with('{') {
            return;
        }
        if let Some(value) = parse_annotation(inner, line, self.diags) {
            self.flush_annotation();
            self.pending_annotation = Some((value, line));
        }
    }

    /// Re-reads a table from its source lines.
    fn table(&mut self, range: std::ops::Range<usize>) {
        let start_line = self.lines.line(range.start);
        let source = self.text.get(range).unwrap_or_default();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for (i, raw) in source.lines().enumerate() {
            let line = start_line + i as u32;
            if raw.trim().is_empty() {
                continue;
            }
            if i == 0 {
                header = split_row(raw)
                    .iter()
                    .map(|c| cell_inline(c, self.defs).plain())
                    .collect();
                continue;
            }
            if is_delimiter_row(raw) && rows.is_empty() {
                continue;
            }
            rows.push(Row::from_cells(split_row_at(raw), line, |c| cell_inline(c, self.defs)));
        }
        self.push(Block::Table(Table {
            header,
            rows,
            line: start_line,
        }));
    }

    /// A paragraph that is a table markdown does not take as one: its
    /// delimiter row has another number of cells than its header
    /// (`api/authenticationmethod-get.md`), or tabs sit between its cells.
    /// Its rows are a table's, read as one.
    fn loose_table(&mut self, raw: &str, line: u32) -> bool {
        let lines: Vec<&str> = raw.lines().collect();
        let [head, delimiter, rest @ ..] = lines.as_slice() else {
            return false;
        };
        if rest.is_empty() || !is_delimiter_row(delimiter) || !lines.iter().all(|l| looks_like_row(l)) {
            return false;
        }
        let header: Vec<String> = split_row(head)
            .iter()
            .map(|c| cell_inline(c, self.defs).plain())
            .collect();
        let delimiter_cells = split_row(delimiter).len();
        let defs = self.defs;
        let rows = rest
            .iter()
            .enumerate()
            .map(|(i, raw)| Row::from_cells(split_row_at(raw), line + 2 + i as u32, |c| cell_inline(c, defs)))
            .collect();
        if delimiter_cells == header.len() {
            // Tabs between the cells (`resources/insights-shared.md`).
            self.diags.note(
                line,
                "table-not-markdown",
                "markdown shows these table lines as text; read as a table",
            );
        } else {
            self.diags.note(
                line + 1,
                "table-delimiter-cells",
                format!(
                    "the delimiter row has {delimiter_cells} cells, the header {}; markdown shows these lines as text, read as a table",
                    header.len()
                ),
            );
        }
        self.push(Block::Table(Table { header, rows, line }));
        true
    }

    /// A paragraph of row-like lines right after a table (a table split by a
    /// blank line) continues that table.
    fn continue_table(&mut self, raw: &str, line: u32) -> bool {
        let raw_lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
        if raw_lines.is_empty() || !raw_lines.iter().all(|l| looks_like_row(l)) {
            return false;
        }
        let Some(Block::Table(table)) = self.blocks.last_mut() else {
            return false;
        };
        if self.pending_annotation.is_some() {
            return false;
        }
        for (i, raw) in raw_lines.iter().enumerate() {
            if is_delimiter_row(raw) {
                continue;
            }
            let defs = self.defs;
            table
                .rows
                .push(Row::from_cells(split_row_at(raw), line + i as u32, |c| {
                    cell_inline(c, defs)
                }));
        }
        self.diags.note(
            line,
            "table-split",
            "table continues after a blank line; rows joined to the table above",
        );
        true
    }
}

/// An annotation comment written inside a paragraph (`<!-- {...} -->`):
/// `start` and the inline HTML, text and line breaks after it, up to `-->`.
fn inline_comment<'a>(
    start: &str,
    events: &mut std::iter::Peekable<impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>,
) -> String {
    let mut comment = start.to_string();
    while !comment.contains("-->") {
        match events.peek() {
            Some((Event::InlineHtml(t), _)) | Some((Event::Text(t), _)) => {
                comment.push_str(t);
                events.next();
            }
            Some((Event::SoftBreak, _)) => {
                comment.push('\n');
                events.next();
            }
            _ => break,
        }
    }
    comment
}

fn fence_closed(source: &str) -> bool {
    let mut lines = source.trim_end().lines();
    let first = lines.next().unwrap_or("").trim_start();
    let fence: String = first.chars().take_while(|c| *c == '`' || *c == '~').collect();
    lines.last().is_some_and(|last| {
        let last = last.trim();
        !fence.is_empty() && last.starts_with(&fence) && last.chars().all(|c| c == fence.chars().next().unwrap())
    })
}

fn is_tab_heading(text: &Inline) -> bool {
    let mut links = text.links();
    matches!(links.next(), Some((_, target)) if target.starts_with("#tab/"))
}

fn is_include(plain: &str) -> bool {
    let p = plain.trim_start_matches(['[', ' ']);
    p.starts_with("!INCLUDE") || p.starts_with("!include") || p.starts_with("!NOTE")
}

/// Parses the markdown of one table cell into inline content.
pub fn cell_inline(cell: &str, defs: &RefDefs) -> Inline {
    if is_plain_cell(cell) {
        // What the parser would make of it: the text itself, or nothing.
        return if cell.is_empty() {
            Inline::default()
        } else {
            Inline::text(cell)
        };
    }
    parse_cell(cell, defs)
}

/// Whether a cell (one trimmed line) is plain text to the markdown parser:
/// nothing that starts a block (heading, list, quote, fence, rule, HTML,
/// indented code) and no inline syntax (emphasis, code, links, HTML,
/// entities, escapes). Most cells are; they skip the parser.
fn is_plain_cell(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else { return true };
    if cell.ends_with(char::is_whitespace)
        || first.is_ascii_digit()
        || first.is_whitespace()
        || matches!(first, '#' | '-' | '+' | '*' | '>' | '=' | '|' | '~' | '`' | '_')
    {
        return false;
    }
    !cell.contains(['[', ']', '`', '*', '_', '<', '&', '\\', '\n', '\r', '\0'])
}

/// Parses a cell with pulldown-cmark.
fn parse_cell(cell: &str, defs: &RefDefs) -> Inline {
    let mut callback = |link: BrokenLink<'_>| {
        defs.get(&link.reference.to_lowercase())
            .map(|dest| (CowStr::from(dest.clone()), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(cell, Options::empty(), Some(&mut callback));
    let mut builder = InlineBuilder::default();
    let mut first = true;
    for event in parser {
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => {
                if !first {
                    builder.inline.push_text(" ");
                }
                first = false;
            }
            Event::Html(t) | Event::InlineHtml(t) => builder.html(&t),
            Event::Start(Tag::Heading { .. }) => builder.inline.push_text("#"),
            other => builder.event(other, defs),
        }
    }
    builder.finish()
}

/// Collects inline events into spans.
#[derive(Default)]
struct InlineBuilder {
    inline: Inline,
    link: Option<(String, String)>,
    emphasis: Option<String>,
}

impl InlineBuilder {
    fn push_str(&mut self, text: &str) {
        if let Some((link_text, _)) = self.link.as_mut() {
            link_text.push_str(text);
        } else if let Some(em) = self.emphasis.as_mut() {
            em.push_str(text);
        } else {
            self.inline.push_text(text);
        }
    }

    fn event(&mut self, event: Event<'_>, defs: &RefDefs) {
        match event {
            Event::Text(t) => self.push_str(&t),
            Event::Code(c) => {
                if self.link.is_some() || self.emphasis.is_some() {
                    self.push_str(&c);
                } else {
                    self.inline.spans.push(Span::Code(c.to_string()));
                }
            }
            Event::SoftBreak | Event::HardBreak => self.push_str(" "),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some((String::new(), dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, target)) = self.link.take() {
                    let target = if target.is_empty() {
                        defs.get(&text.to_lowercase()).cloned().unwrap_or_default()
                    } else {
                        target
                    };
                    if let Some(em) = self.emphasis.as_mut() {
                        em.push_str(&text);
                    } else {
                        self.inline.spans.push(Span::Link { text, target });
                    }
                }
            }
            Event::Start(Tag::Emphasis) if self.link.is_none() && self.emphasis.is_none() => {
                self.emphasis = Some(String::new());
            }
            Event::End(TagEnd::Emphasis) if self.link.is_none() => {
                if let Some(em) = self.emphasis.take() {
                    self.inline.spans.push(Span::Emphasis(em));
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t),
            _ => {}
        }
    }

    fn html(&mut self, html: &str) {
        let tag = html.trim().to_ascii_lowercase();
        if tag.starts_with("<br")
            || tag.starts_with("</br")
            || tag.starts_with("<li")
            || tag.starts_with("</li")
            || tag.starts_with("<p")
        {
            self.push_str(" ");
        }
    }

    fn finish(mut self) -> Inline {
        if let Some((text, target)) = self.link.take() {
            self.inline.spans.push(Span::Link { text, target });
        }
        if let Some(em) = self.emphasis.take() {
            self.inline.spans.push(Span::Emphasis(em));
        }
        self.inline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        let mut diags = Diagnostics::new("t.md");
        lower(text, &mut diags)
    }

    #[test]
    fn tab_lines_and_includes_are_not_headings() {
        let b = blocks("# Title\n\n# [HTTP](#tab/http)\n```http\nGET /me\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](x.md)]\n[!INCLUDE [sdk](y.md)]\n---\n\n### Response\n");
        let headings: Vec<String> = b
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.plain()),
                _ => None,
            })
            .collect();
        assert_eq!(headings, ["Title", "Response"]);
    }

    #[test]
    fn annotation_attaches_to_following_code() {
        let b = blocks("<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n```http\nGET /me\n```\n");
        match &b[0] {
            Block::Code {
                annotation: Some(a),
                line,
                ..
            } => {
                assert_eq!(a["name"], "x");
                assert_eq!(*line, 3);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn table_rows_keep_lines_and_extra_cells() {
        let b = blocks("|Property|Type|Description|\n|:---|:---|:---|\n|a|String|x|y|\n|b|[t](t.md)\n\n|c|Int32|z|\n");
        let Block::Table(t) = &b[0] else { panic!("{b:?}") };
        assert_eq!(t.header, ["Property", "Type", "Description"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].cells.len(), 4);
        assert_eq!(t.rows[1].line, 4);
        assert_eq!(t.rows[1].cells[1].links().next(), Some(("t", "t.md")));
        assert_eq!(t.rows[2].line, 6);
    }

    #[test]
    fn tables_markdown_shows_as_text_are_read() {
        // api/authenticationmethod-get.md: a delimiter row wider than the header.
        let text = "|Permission type      | Permissions (from least to most privileged)              |\n\
            |:---------------------------------------|:-------------------------|:-----------------|\n\
            | Application                            | UserAuthenticationMethod.Read.All, UserAuthenticationMethod.ReadWrite.All |\n";
        let mut diags = Diagnostics::new("t.md");
        let b = lower(text, &mut diags);
        let Block::Table(t) = &b[0] else { panic!("{b:?}") };
        assert_eq!(
            t.header,
            ["Permission type", "Permissions (from least to most privileged)"]
        );
        assert_eq!((t.rows.len(), t.rows[0].line), (1, 3));
        let d = diags.into_vec();
        assert_eq!((d[0].code.as_str(), d[0].line), ("table-delimiter-cells", 2));

        // resources/insights-shared.md: tabs between the cells.
        let text = "| Property              | Type          \t \t\t| Description  |\n\
            | -------------         |---------------\t \t\t| -------------|\n\
            | id      \t\t\t\t| String\t \t\t\t\t| Unique identifier of the relationship. Read only. \t   |\n";
        let mut diags = Diagnostics::new("t.md");
        let b = lower(text, &mut diags);
        let Block::Table(t) = &b[0] else { panic!("{b:?}") };
        assert_eq!(t.rows[0].cells[0].plain(), "id");
        assert_eq!(diags.into_vec()[0].code, "table-not-markdown");

        // Prose with a pipe stays prose.
        let mut diags = Diagnostics::new("t.md");
        let b = lower("a | b\nnot a table\n", &mut diags);
        assert!(matches!(b[0], Block::Paragraph { .. }), "{b:?}");
    }

    #[test]
    fn reference_links_in_cells_resolve() {
        let b = blocks("|a|b|\n|-|-|\n|x|[drive][]|\n\n[drive]: ../resources/drive.md\n");
        let Block::Table(t) = &b[0] else { panic!() };
        assert_eq!(
            t.rows[0].cells[1].links().next(),
            Some(("drive", "../resources/drive.md"))
        );
    }

    #[test]
    fn plain_cells_read_as_the_parser_reads_them() {
        let defs = RefDefs::new();
        let cells = [
            "",
            "String",
            "The user's display name. Read-only.",
            "Collection(microsoft.graph.user)",
            "1. first",
            "2) second",
            "# heading",
            "- item",
            "+ item",
            "* item",
            "> quote",
            "=== setext",
            "---",
            "~~~",
            "a_b",
            "a*b*",
            "a `code` b",
            "[link](x.md)",
            "see [drive][]",
            "a <br> b",
            "a &amp; b",
            "a \\ b",
            "x|y",
            "Deprecated!",
            "GET /me/events?$top=5",
            "Ünïcode — text",
            "a  b",
            "trailing ",
            " leading",
        ];
        for cell in cells {
            if is_plain_cell(cell) {
                let fast = if cell.is_empty() {
                    Inline::default()
                } else {
                    Inline::text(cell)
                };
                assert_eq!(fast, parse_cell(cell, &defs), "{cell:?}");
            }
            assert_eq!(cell_inline(cell, &defs), parse_cell(cell, &defs), "{cell:?}");
        }
    }

    #[test]
    fn unclosed_fence_is_reported() {
        let mut diags = Diagnostics::new("t.md");
        let b = lower("```http\nGET /me\n", &mut diags);
        assert!(matches!(&b[0], Block::Code { text, .. } if text == "GET /me\n"));
        assert_eq!(diags.as_slice()[0].code, "fence-unclosed");
    }
}
