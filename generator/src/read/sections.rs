//! Section detection: which part of a page a heading opens, whatever its
//! level, case or wording, and the grouping of blocks under headings.

use super::blocks::Block;

/// The kinds of section pages use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Text before the first H2: description, namespace, notes.
    Intro,
    Permissions,
    HttpRequest,
    RequestHeaders,
    QueryParameters,
    Parameters,
    RequestBody,
    Response,
    Examples,
    /// `Request` under an example.
    Request,
    Properties,
    Relationships,
    JsonRepresentation,
    Methods,
    /// `### x values` tables of enum members.
    EnumValues,
    /// Sections with nothing to extract (`See also`, `Remarks`, ...).
    Ignored,
    Unknown,
}

/// Classifies a heading's text.
pub fn heading_kind(heading: &str) -> SectionKind {
    use SectionKind::*;
    let h = heading.trim().trim_end_matches(':').to_ascii_lowercase();
    let h = h.as_str();
    match h {
        "permissions" | "prerequisites" | "permission" => Permissions,
        "http request" | "http requests" | "http request syntax" => HttpRequest,
        "request headers" | "optional request headers" | "request header" | "headers" => RequestHeaders,
        "optional query parameters"
        | "query parameters"
        | "optional query parameter"
        | "query parameter"
        | "supported query parameters"
        | "optional odata query parameters" => QueryParameters,
        "path parameters"
        | "function parameters"
        | "parameters"
        | "request parameters"
        | "url parameters"
        | "method parameters"
        | "action parameters" => Parameters,
        "request body" | "request body properties" => RequestBody,
        "response" | "responses" | "response body" | "http response" => Response,
        "example" | "examples" | "examples request" | "sample" | "samples" => Examples,
        "request" => Request,
        "properties" => Properties,
        "relationships" => Relationships,
        "json representation" => JsonRepresentation,
        "methods" => Methods,
        "see also"
        | "remarks"
        | "additional information"
        | "related content"
        | "error handling"
        | "errors"
        | "error responses"
        | "notes"
        | "limitations"
        | "known issues" => Ignored,
        _ if h.starts_with("example") => Examples,
        _ if h.ends_with(" values") || h.ends_with(" enum values") || h == "enumerations" => EnumValues,
        _ if h.starts_with("response") => Response,
        _ if h.starts_with("request") => Request,
        _ if h.starts_with("http request") => HttpRequest,
        _ => Unknown,
    }
}

/// A heading and the blocks under it, up to the next heading of the same or
/// a higher level (examples keep their sub-headings as sections of their own).
#[derive(Debug)]
pub struct Section<'a> {
    pub kind: SectionKind,
    pub heading: String,
    pub level: u8,
    pub line: u32,
    /// Whether the section lies inside an Examples section.
    pub in_examples: bool,
    pub blocks: Vec<&'a Block>,
}

/// Splits blocks (after the H1) into sections.
pub fn split(blocks: &[Block]) -> Vec<Section<'_>> {
    let mut sections = vec![Section {
        kind: SectionKind::Intro,
        heading: String::new(),
        level: 1,
        line: 1,
        in_examples: false,
        blocks: Vec::new(),
    }];
    let mut examples_level: Option<u8> = None;
    // The last known section at each level, for sub-headings that only name a variant.
    let mut parent: Option<(u8, SectionKind)> = None;
    for block in blocks {
        if let Block::Heading { level, text, line } = block {
            if *level == 1 {
                continue;
            }
            let heading = text.plain();
            let mut kind = heading_kind(&heading);
            if examples_level.is_some_and(|l| *level <= l) {
                examples_level = None;
            }
            let in_examples = examples_level.is_some();
            if in_examples {
                // Inside examples, headings name examples or their parts.
                kind = match kind {
                    SectionKind::Response => SectionKind::Response,
                    SectionKind::Request => SectionKind::Request,
                    _ => SectionKind::Examples,
                };
            } else if kind == SectionKind::Examples {
                examples_level = Some(*level);
            } else if let Some((_, parent_kind)) = parent.filter(|(l, _)| *level > *l) {
                if matches!(kind, SectionKind::Request | SectionKind::Response) && parent_kind == SectionKind::Unknown {
                    // `### Request` / `### Response` under `## Creating company
                    // sharable links`: an example under another heading.
                    sections.push(Section {
                        kind,
                        heading,
                        level: *level,
                        line: *line,
                        in_examples: true,
                        blocks: Vec::new(),
                    });
                    continue;
                }
                // `### Get the photo` under `## HTTP request` continues it.
                if matches!(kind, SectionKind::Unknown | SectionKind::Request) {
                    kind = parent_kind;
                }
            } else if kind == SectionKind::Request && sections.iter().all(|s| s.kind != SectionKind::HttpRequest) {
                kind = SectionKind::Unknown;
            }
            if !in_examples && parent.is_none_or(|(l, _)| *level <= l) {
                parent = Some((*level, kind));
            }
            sections.push(Section {
                kind,
                heading,
                level: *level,
                line: *line,
                in_examples,
                blocks: Vec::new(),
            });
            continue;
        }
        sections.last_mut().expect("intro section").blocks.push(block);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn headings_classify_in_any_spelling() {
        let cases = [
            ("HTTP request", HttpRequest),
            ("HTTP Request", HttpRequest),
            ("Prerequisites", Permissions),
            ("Permissions", Permissions),
            ("Optional query parameters", QueryParameters),
            ("Request headers", RequestHeaders),
            ("Optional request headers", RequestHeaders),
            ("Function parameters", Parameters),
            ("Path parameters", Parameters),
            ("Request body", RequestBody),
            ("Response", Response),
            ("Response 1", Response),
            ("Example", Examples),
            ("Examples", Examples),
            ("Example 2: Get a user", Examples),
            ("JSON Representation", JsonRepresentation),
            ("deviceComplianceActionType values", EnumValues),
            ("See also", Ignored),
            ("Something else", Unknown),
        ];
        for (text, kind) in cases {
            assert_eq!(heading_kind(text), kind, "{text}");
        }
    }

    #[test]
    fn response_inside_examples_stays_in_examples() {
        use super::super::blocks::Inline;
        let h = |level, t: &str| Block::Heading {
            level,
            text: Inline::text(t),
            line: 1,
        };
        let blocks = vec![
            h(2, "Response"),
            h(2, "Example"),
            h(3, "Request"),
            h(3, "Response"),
            h(2, "See also"),
        ];
        let s = split(&blocks);
        let kinds: Vec<(SectionKind, bool)> = s.iter().map(|s| (s.kind, s.in_examples)).collect();
        assert_eq!(
            kinds,
            [
                (Intro, false),
                (Response, false),
                (Examples, false),
                (Request, true),
                (Response, true),
                (Ignored, false)
            ]
        );
    }

    #[test]
    fn sub_headings_continue_their_section() {
        use super::super::blocks::Inline;
        let h = |level, t: &str| Block::Heading {
            level,
            text: Inline::text(t),
            line: 1,
        };
        let blocks = vec![
            h(2, "HTTP request"),
            h(3, "Get the photo"),
            h(2, "Path parameters"),
            h(2, "Oddities"),
        ];
        let kinds: Vec<SectionKind> = split(&blocks).iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Intro, HttpRequest, HttpRequest, Parameters, Unknown]);
    }

    #[test]
    fn examples_under_other_headings_are_examples() {
        use super::super::blocks::Inline;
        let h = |level, t: &str| Block::Heading {
            level,
            text: Inline::text(t),
            line: 1,
        };
        // api/driveitem-createlink.md
        let blocks = vec![
            h(2, "HTTP request"),
            h(2, "Response"),
            h(2, "Creating company sharable links"),
            h(3, "Request"),
            h(3, "Response"),
        ];
        let kinds: Vec<(SectionKind, bool)> = split(&blocks).iter().map(|s| (s.kind, s.in_examples)).collect();
        assert_eq!(
            kinds,
            [
                (Intro, false),
                (HttpRequest, false),
                (Response, false),
                (Unknown, false),
                (Request, true),
                (Response, true)
            ]
        );
    }
}
