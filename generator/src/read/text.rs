//! Lowers a published page (plain text, no markup) into blocks.
//!
//! Headings are plain lines from a known vocabulary; tables are runs of
//! `| a | b |` lines; HTTP blocks have no fences and are recognised by their
//! first line (`METHOD url`, `HTTP/1.1 200 OK`), followed by header lines and
//! a JSON body read until its brackets balance.

use super::blocks::{Block, Inline, Row, Table};
use super::lenient_json::Strings;
use super::sections::heading_kind;
use super::table::{is_delimiter_row, looks_like_row, split_row, split_row_at};
use crate::schema::Method;

/// Lines the published site adds that carry nothing about the API.
const CHROME: &[&str] = &[
    "Access to this page requires authorization.",
    "This API is available in the following national cloud deployments.",
];

pub fn lower(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut in_examples = false;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let line_no = i as u32 + 1;
        crate::isolate::reach(line_no);
        let trimmed = raw.trim();
        if trimmed.is_empty() || (i == 0 && trimmed == "Note") {
            i += 1;
            continue;
        }
        // (The national cloud table after the second line is a table like
        // any other: the permissions reader takes it.)
        if CHROME.iter().any(|c| trimmed.starts_with(c)) {
            i += 1;
            continue;
        }
        if looks_like_row(raw) {
            let start = i;
            while i < lines.len() && looks_like_row(lines[i]) {
                i += 1;
            }
            blocks.push(Block::Table(table(&lines[start..i], start as u32 + 1)));
            continue;
        }
        // `Response` after the examples, followed by the response prose
        // (`If successful, ...`), is the API's response section again.
        let api_response = in_examples
            && heading_kind(trimmed) == super::sections::SectionKind::Response
            && lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|next| is_response_prose(next));
        if api_response {
            in_examples = false;
        }
        let table_follows = lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|next| looks_like_row(next));
        if let Some(level) = heading_level(trimmed, in_examples, table_follows) {
            if level == 2 {
                in_examples = matches!(heading_kind(trimmed), super::sections::SectionKind::Examples);
            }
            blocks.push(Block::Heading {
                level,
                text: Inline::text(trimmed),
                line: line_no,
            });
            i += 1;
            continue;
        }
        if starts_http(trimmed) {
            let end = http_block_end(&lines, i);
            let text: String = lines[i..end].iter().map(|l| format!("{l}\n")).collect();
            blocks.push(Block::Code {
                info: "http".into(),
                text,
                annotation: None,
                line: line_no,
            });
            i = end;
            continue;
        }
        let block = if trimmed.starts_with("Note:") || trimmed.starts_with("Important:") {
            Block::Quote {
                text: Inline::text(trimmed),
                line: line_no,
            }
        } else {
            Block::Paragraph {
                text: Inline::text(trimmed),
                line: line_no,
            }
        };
        blocks.push(block);
        i += 1;
    }
    blocks
}

fn table(lines: &[&str], first_line: u32) -> Table {
    let header = split_row(lines[0]);
    let rows = lines
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !is_delimiter_row(l))
        .map(|(i, l)| Row::from_cells(split_row_at(l), first_line + i as u32, |c| Inline::text(c)))
        .collect();
    Table {
        header,
        rows,
        line: first_line,
    }
}

/// The heading level of a line, if it is a heading of the vocabulary. An
/// `x values` line is the heading of an enum's member table only with the
/// table right below it (`exchangeIdFormat values` under Request body in
/// `api/user-translateexchangeids.md`): its rows are members, not the body's.
fn heading_level(line: &str, in_examples: bool, table_follows: bool) -> Option<u8> {
    use super::sections::SectionKind::*;
    if line.len() > 60 || line.ends_with('.') || line.ends_with(':') {
        return None;
    }
    match heading_kind(line) {
        // `HTTP request` inside an example heads the example's request, not the API's.
        Request | Response | HttpRequest if in_examples => Some(3),
        Response | Permissions | HttpRequest | RequestHeaders | QueryParameters | Parameters | RequestBody
        | Examples | Properties | Relationships | JsonRepresentation | Methods => Some(2),
        EnumValues if table_follows => Some(3),
        _ => None,
    }
}

/// The sentence that opens an API's Response section, not an example's.
fn is_response_prose(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    !lower.contains("example") && super::prose::status_code(line).is_some() && lower.contains("return")
}

fn starts_http(line: &str) -> bool {
    if line.starts_with("HTTP/1.1 ") || line.starts_with("HTTP/2 ") {
        return true;
    }
    let mut words = line.split_whitespace();
    let method = words.next().and_then(Method::parse);
    let target = words.next().unwrap_or("");
    method.is_some() && (target.starts_with('/') || target.starts_with("http") || target.starts_with('{'))
        || super::path::unglue(line).is_some_and(|(_, rest)| !rest.contains(' ') || rest.contains("/{"))
}

fn is_header_line(line: &str) -> bool {
    let Some((name, _)) = line.split_once(':') else {
        return false;
    };
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Where an HTTP block starting at `start` ends (exclusive).
fn http_block_end(lines: &[&str], start: usize) -> usize {
    let mut i = start + 1;
    let request_lines = !lines[start].trim().starts_with("HTTP/");
    // Further request lines of the same block (a list of paths).
    while request_lines && i < lines.len() && starts_http(lines[i].trim()) && !lines[i].trim().starts_with("HTTP/") {
        if i + 1 < lines.len() && is_header_line(lines[i + 1].trim()) {
            break;
        }
        i += 1;
    }
    while i < lines.len() && is_header_line(lines[i].trim()) {
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if i < lines.len() {
        let t = lines[i].trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            return json_end(lines, i);
        }
    }
    i
}

/// The line after the one where the JSON value starting at `start` closes.
fn json_end(lines: &[&str], start: usize) -> usize {
    let mut depth = 0i32;
    let mut strings = Strings::default();
    for (i, line) in lines.iter().enumerate().skip(start) {
        for c in line.chars() {
            match c {
                _ if !strings.outside(c) => {}
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        strings.reset();
        if depth <= 0 {
            return i + 1;
        }
    }
    lines.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `api/user-translateexchangeids.md` as published text: the member
    /// table under `exchangeIdFormat values` is not more body rows.
    #[test]
    fn the_national_cloud_table_of_a_published_page_is_read() {
        let page = "Namespace: microsoft.graph\nDelete a thing.\n\
            This API is available in the following national cloud deployments.\n\
            | Global service | US Government L4 | US Government L5 (DOD) | China operated by 21Vianet | \n\
            |---|---|---|---|\n\
            | ✅ | ✅ | ❌ | ✅ | \n\
            Permissions\n\
            | Permission type | Permissions (from least to most privileged) | \n\
            |---|---|\n\
            | Application | Thing.ReadWrite.All | \n\
            HTTP Request\nDELETE /things/{id}\n";
        let read = crate::read::read_page("a.txt", page);
        let op = read.page.operation.expect("an operation");
        use crate::schema::Cloud;
        assert_eq!(
            op.permissions.national_clouds,
            [Cloud::Global, Cloud::UsGovL4, Cloud::China]
        );
        assert!(
            !read.diagnostics.iter().any(|d| d.code == "national-clouds"),
            "{:?}",
            read.diagnostics
        );
    }

    #[test]
    fn a_values_line_above_a_table_heads_it() {
        let text = "Request body
            | Parameter | Type | Description | 
|---|---|---|
            | targetIdType | exchangeIdFormat | The requested ID type to convert to. | 
            exchangeIdFormat values
            | Member | Description | 
|---|---|
            | entryId | The binary entry ID format used by MAPI clients. | 
            The binary formats (entryId and immutableEntryId) are URL-safe base64 encoded.
            Possible values
";
        let blocks = lower(text);
        let headings: Vec<(u8, String)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text, .. } => Some((*level, text.plain())),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                (2, "Request body".to_string()),
                (3, "exchangeIdFormat values".to_string())
            ]
        );
    }

    #[test]
    fn http_blocks_end_where_json_closes() {
        let text = "Request\nPATCH https://x/v1.0/me\nContent-type: application/json\n{\n  \"a\": \"}\"\n}\nResponse\nHTTP/1.1 204 No Content\n";
        let blocks = lower(&format!("Example\n{text}"));
        let codes: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Code { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            codes,
            [
                "PATCH https://x/v1.0/me\nContent-type: application/json\n{\n  \"a\": \"}\"\n}\n",
                "HTTP/1.1 204 No Content\n"
            ]
        );
        let headings = blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { level: 3, .. }))
            .count();
        assert_eq!(headings, 2);
    }

    #[test]
    fn consecutive_paths_form_one_block() {
        let blocks = lower("HTTP Request\nGET /a\nGET /b/{id}\nRequest headers\n");
        assert!(matches!(&blocks[1], Block::Code { text, .. } if text == "GET /a\nGET /b/{id}\n"));
        assert!(matches!(&blocks[2], Block::Heading { .. }));
    }
}
