//! Request lines (`PATCH /a/{id}//b/`) into normalised path templates.
//!
//! Normalises `//`, trailing `/`, a missing leading `/`, absolute URLs and
//! `HTTP/1.1` suffixes; splits segments outside quotes, braces and parentheses;
//! keeps casts, calls, `$ref`/`$value`/`$count`, alternatives and queries.

use crate::matcher::exact::{split_outside, split_query};
use crate::schema::{Argument, Method, Param, PathTemplate, Piece, Segment};

/// Why a line is not a request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The line does not start with an HTTP method.
    NotARequest,
    /// The line starts with a method but its path cannot be read.
    BadPath(String),
    /// A documentation generator's placeholder instead of a path (`GET **
    /// Entity URI for microsoft.graph.x not found`).
    Placeholder(String),
    /// The path is damaged or would address another resource: a stable
    /// diagnostic code and what is wrong. Never emitted as a route.
    Damaged { code: &'static str, message: String },
}

/// Characters that never belong in a documented path or a name, though they
/// survive copying unseen: NUL and other controls, zero-width and
/// byte-order marks, and combining marks (which change the letter before).
pub fn hidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        c.is_control() && !c.is_whitespace()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
            || is_combining(c)
    })
}

/// Whether `c` is a zero-width character: invisible, and dropped when text is
/// collapsed, so a name holding one still reads as the name.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Combining marks of the blocks pages can carry (diacritics, extended,
/// supplement, for symbols, half marks).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Checks a path for what must never become a route, before it is read.
fn damage(text: &str) -> Result<(), PathError> {
    if let Some(c) = hidden_char(text) {
        return Err(PathError::Damaged {
            code: "path-hidden-char",
            message: format!(
                "path `{}` holds the invisible character U+{:04X}",
                text.escape_debug(),
                c as u32
            ),
        });
    }
    if text.contains("{{") || text.contains("}}") {
        return Err(PathError::Damaged {
            code: "path-brace",
            message: format!("path `{text}` has a doubled brace; its placeholder cannot be read"),
        });
    }
    let (path, _) = split_query(strip_base(text).0);
    for raw in split_outside(path, '/') {
        let decoded = percent_encoding::percent_decode_str(raw.trim()).decode_utf8_lossy();
        match decoded.as_ref() {
            "..." | "…" => {
                return Err(PathError::Damaged {
                    code: "path-any-depth",
                    message: format!(
                        "path `{text}` writes `{}` for any depth of segments; not a route of its own",
                        raw.trim()
                    ),
                })
            }
            "." | ".." => {
                return Err(PathError::Damaged {
                    code: "path-dot-segment",
                    message: format!(
                        "path `{text}` has the segment `{}`, which would address another resource",
                        raw.trim()
                    ),
                })
            }
            _ => {}
        }
    }
    Ok(())
}

/// Reads `METHOD path` into a method and a template.
pub fn parse_request_line(line: &str, line_no: u32) -> Result<(Method, PathTemplate), PathError> {
    let line = line.trim().trim_end_matches("HTTP/1.1").trim();
    let (method, rest) = line.split_once(char::is_whitespace).ok_or(PathError::NotARequest)?;
    let method = Method::parse(method).ok_or(PathError::NotARequest)?;
    let rest = rest.trim();
    if is_placeholder(rest) {
        return Err(PathError::Placeholder(rest.to_string()));
    }
    damage(rest)?;
    let path = parse_path(rest, line_no).map_err(PathError::BadPath)?;
    Ok((method, path))
}

/// A documentation generator's leftover instead of a path.
fn is_placeholder(text: &str) -> bool {
    text.contains("**") || text.contains(" not found")
}

/// A request line glued to its method (`DELETE/identity/...`): the method
/// and the rest, if the line is one.
pub fn unglue(line: &str) -> Option<(Method, &str)> {
    let t = line.trim();
    let (method, rest) = t.split_once('/')?;
    let method = Method::parse(method)?;
    // `find` stopped at the `/`, so the path starts one byte before `rest`.
    Some((method, t.get(t.len() - rest.len() - 1..)?))
}

/// A request line whose path holds concrete GUIDs where keys belong
/// (`GET /education/classes/acdefc6b-2dc6-.../assignments`, an example id
/// pasted into the documented path): the line with each such segment made
/// a key named after the segment before it (`{classId}`), and the ids
/// replaced; a site's host name the same way (`GET /sites/contoso.sharepoint.com`
/// in `api/site-get.md`: `{hostname}`). `None` when the path holds neither.
pub fn key_concrete_ids(line: &str) -> Option<(String, Vec<String>)> {
    let (head, path) = line.trim().split_once(' ')?;
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let mut replaced = Vec::new();
    let mut previous = "";
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            let out = if crate::schema::is_guid(segment) {
                replaced.push(segment.to_string());
                format!(
                    "{{{}Id}}",
                    crate::naming::singular(if previous.is_empty() { "item" } else { previous })
                )
            } else if previous.eq_ignore_ascii_case("sites") && is_host_name(segment) {
                replaced.push(segment.to_string());
                "{hostname}".to_string()
            } else {
                segment.to_string()
            };
            previous = segment;
            out
        })
        .collect();
    if replaced.is_empty() {
        return None;
    }
    let mut fixed = format!("{head} {}", segments.join("/"));
    if let Some(q) = query {
        fixed.push('?');
        fixed.push_str(q);
    }
    Some((fixed, replaced))
}

/// A host name (`contoso.sharepoint.com`): dotted labels of letters, digits
/// and hyphens, the last of letters only.
fn is_host_name(segment: &str) -> bool {
    let labels: Vec<&str> = segment.split('.').collect();
    labels.len() >= 3
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|l| l.chars().all(|c| c.is_ascii_alphabetic()))
        && !segment.to_ascii_lowercase().starts_with("microsoft.graph.")
}

/// Strips scheme, host and version from a URL or path.
pub fn strip_base(url: &str) -> (&str, Option<&str>) {
    let mut rest = url.trim();
    for scheme in ["https://", "http://"] {
        if let Some(r) = rest.strip_prefix(scheme) {
            rest = r.find('/').and_then(|i| r.get(i..)).unwrap_or_default();
        }
    }
    let trimmed = rest.trim_start_matches('/');
    // The version as the pages write it, in any case (`/V1.0/chats/{id}`).
    for version in ["v1.0", "beta"] {
        let Some(r) = trimmed
            .get(..version.len())
            .filter(|v| v.eq_ignore_ascii_case(version))
            .and_then(|_| trimmed.get(version.len()..))
        else {
            continue;
        };
        if r.is_empty() || r.starts_with('/') || r.starts_with('?') {
            return (r, Some(version));
        }
    }
    (rest, None)
}

/// Reads a path template.
pub fn parse_path(text: &str, line_no: u32) -> Result<PathTemplate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("no path after the method".into());
    }
    if is_placeholder(text) {
        return Err(format!("`{text}` is a documentation generator placeholder, not a path"));
    }
    let (path, _) = strip_base(text);
    let (path, query) = split_query(path);
    let mut segments = Vec::new();
    let mut rendered = Vec::new();
    for raw in split_outside(path, '/') {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        segments.push(segment(raw)?);
        rendered.push(raw.to_string());
    }
    if segments.is_empty() {
        return Err("the path has no segments".into());
    }
    let query_params = match query {
        Some(q) => split_outside(q, '&')
            .into_iter()
            .filter(|pair| !pair.trim().is_empty())
            .map(|pair| query_argument(pair.trim()))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(PathTemplate {
        template: format!("/{}", rendered.join("/")),
        segments,
        query: query.map(str::to_string),
        query_params,
        line: line_no,
    })
}

/// Reads one segment of a path (`users`, `{id}`, `getMemberGroups`,
/// `range(address='A1')`, `microsoft.graph.user`, `$ref`).
pub fn segment(raw: &str) -> Result<Segment, String> {
    if raw.starts_with('$') {
        return Ok(Segment::System { name: raw.to_string() });
    }
    if let Some(param) = whole_placeholder(raw) {
        return Ok(Segment::Key { param });
    }
    if let Some(open) = raw.find('(') {
        let name = raw.get(..open).unwrap_or_default();
        if raw.ends_with(')') && !name.contains('{') {
            let name = name.to_string();
            let inner = raw.get(open + 1..raw.len() - 1).unwrap_or_default();
            let arguments = split_outside(inner, ',')
                .into_iter()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(argument)
                .collect::<Result<_, _>>()?;
            return Ok(Segment::Call { name, arguments });
        }
    }
    if raw.contains('{') || raw.contains('<') {
        return Ok(Segment::Mixed { pieces: pieces(raw)? });
    }
    if raw
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '}' | '>' | '"' | '*' | '\\' | '|'))
    {
        return Err(format!("segment `{raw}` is not a path segment"));
    }
    if is_cast(raw) {
        return Ok(Segment::Cast {
            type_name: raw.to_string(),
        });
    }
    Ok(Segment::Literal { name: raw.to_string() })
}

/// `microsoft.graph.x`, `microsoft.graph.callRecords.x`, `graph.x`.
fn is_cast(raw: &str) -> bool {
    let parts: Vec<&str> = raw.split('.').collect();
    parts.len() >= 2
        && (parts[0] == "microsoft" || parts[0] == "graph")
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// `{id}`, `{id | userPrincipalName}`, `<address>`.
fn whole_placeholder(raw: &str) -> Option<Param> {
    let inner = raw
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| raw.strip_prefix('<').and_then(|r| r.strip_suffix('>')))?;
    if inner.contains(['{', '}']) {
        return None;
    }
    Some(param(inner))
}

fn param(inner: &str) -> Param {
    let mut names = inner
        .split(['|'])
        .flat_map(|n| n.split(" or "))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let name = names.next().unwrap_or_else(|| "value".to_string());
    Param {
        name,
        alternatives: names.collect(),
    }
}

/// `name=value` of a query written in a template, percent-decoded (pages
/// write `eq%20'{x}'` as often as `eq '{x}'`).
fn query_argument(pair: &str) -> Result<Argument, String> {
    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
    let decode = |t: &str| percent_encoding::percent_decode_str(t).decode_utf8_lossy().into_owned();
    let value = pieces(&decode(value))?;
    Ok(Argument {
        name: Some(decode(name.trim())),
        value,
    })
}

fn argument(text: &str) -> Result<Argument, String> {
    let (name, value) = match text.split_once('=') {
        Some((n, v)) if !n.contains(['{', '\'']) => (Some(n.trim().to_string()), v.trim()),
        _ => (None, text),
    };
    Ok(Argument {
        name,
        value: pieces(value)?,
    })
}

/// Text with `{x}` / `'{x}'` / `<x>` placeholders.
fn pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let open = rest.find(['{', '<']);
        let Some(open) = open else {
            out.push(Piece::Text(rest.to_string()));
            break;
        };
        let (before, from_open) = rest.split_at(open);
        let close_char = if from_open.starts_with('{') { '}' } else { '>' };
        let close = from_open
            .find(close_char)
            .ok_or_else(|| format!("unclosed placeholder in `{text}`"))?;
        let (inside, after) = from_open.split_at(close);
        let after = after.strip_prefix(close_char).unwrap_or(after);
        let p = param(inside.strip_prefix(['{', '<']).unwrap_or(inside));
        if let (Some(quoted_before), Some(quoted_after)) = (before.strip_suffix('\''), after.strip_prefix('\'')) {
            if !quoted_before.is_empty() {
                out.push(Piece::Text(quoted_before.to_string()));
            }
            out.push(Piece::Quoted(p));
            rest = quoted_after;
        } else {
            if !before.is_empty() {
                out.push(Piece::Text(before.to_string()));
            }
            out.push(Piece::Param(p));
            rest = after;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(line: &str) -> String {
        parse_request_line(line, 1).unwrap().1.template
    }

    /// `educationsubmission-get.md` documents its path with example ids.
    #[test]
    fn concrete_ids_in_a_documented_path_become_keys() {
        let (fixed, ids) = key_concrete_ids(
            "GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/cf6005fc-9e13-44a2-a6ac-a53322006454/submissions/d1bee293-d8bb-48d4-af3e-c8cb0e3c7fe7",
        )
        .unwrap();
        assert_eq!(
            fixed,
            "GET /education/classes/{classId}/assignments/{assignmentId}/submissions/{submissionId}"
        );
        assert_eq!(ids.len(), 3);
        let (fixed, _) = key_concrete_ids("PATCH /policies/0e3c7fe7-d8bb-48d4-af3e-c8cb0e3c7fe7?$select=id").unwrap();
        assert_eq!(fixed, "PATCH /policies/{policyId}?$select=id");
        assert!(key_concrete_ids("GET /users/{id}/messages").is_none());
        // api/site-get.md
        let (fixed, ids) = key_concrete_ids("GET /sites/contoso.sharepoint.com").unwrap();
        assert_eq!(
            (fixed.as_str(), ids),
            ("GET /sites/{hostname}", vec!["contoso.sharepoint.com".to_string()])
        );
        assert!(key_concrete_ids("GET /sites/root").is_none());
        assert!(key_concrete_ids("GET /sites/microsoft.graph.site.list").is_none());
        // Not a GUID: too short a group, or not hexadecimal.
        assert!(key_concrete_ids("GET /x/acdefc6b-2dc6-4e71-b1e9-6d9810ab179").is_none());
        assert!(key_concrete_ids("GET /x/zcdefc6b-2dc6-4e71-b1e9-6d9810ab1793").is_none());
    }

    #[test]
    fn normalises_slashes_and_bases() {
        assert_eq!(
            template("PATCH /deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate//deviceStatusOverview/"),
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/deviceStatusOverview"
        );
        assert_eq!(template("GET me/events"), "/me/events");
        assert_eq!(template("GET https://graph.microsoft.com/v1.0/me HTTP/1.1"), "/me");
        assert_eq!(template("GET /beta/me"), "/me");
    }

    #[test]
    fn classifies_segments() {
        let (_, p) = parse_request_line(
            "GET /users/{id | userPrincipalName}/microsoft.graph.iosScepCertificateProfile/calendarView/delta(startDateTime='{start}',top=5)/$ref?$filter=x",
            1,
        )
        .unwrap();
        assert_eq!(p.query.as_deref(), Some("$filter=x"));
        assert_eq!(
            p.query_params,
            [Argument {
                name: Some("$filter".into()),
                value: vec![Piece::Text("x".into())]
            }]
        );
        assert!(
            matches!(&p.segments[1], Segment::Key { param } if param.name == "id" && param.alternatives == ["userPrincipalName"])
        );
        assert!(
            matches!(&p.segments[2], Segment::Cast { type_name } if type_name == "microsoft.graph.iosScepCertificateProfile")
        );
        match &p.segments[4] {
            Segment::Call { name, arguments } => {
                assert_eq!(name, "delta");
                assert_eq!(
                    arguments[0].value,
                    [Piece::Quoted(Param {
                        name: "start".into(),
                        alternatives: vec![]
                    })]
                );
                assert_eq!(arguments[1].value, [Piece::Text("5".into())]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&p.segments[5], Segment::System { name } if name == "$ref"));
        assert_eq!(p.parameters().len(), 2);
    }

    #[test]
    fn repeated_placeholders_and_template_queries() {
        let (_, p) = parse_request_line(
            "GET /groups/{id}/events/{id}/instances?startDateTime={start_datetime}&endDateTime={end_datetime}",
            1,
        )
        .unwrap();
        let names: Vec<&str> = p.parameters().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "id", "start_datetime", "end_datetime"]);
        let (_, p) = parse_request_line(
            "GET /communications/onlineMeetings?$filter=VideoTeleconferenceId%20eq%20'{videoTeleconferenceId}'",
            1,
        )
        .unwrap();
        let filter = &p.query_params[0];
        assert_eq!(filter.name.as_deref(), Some("$filter"));
        assert_eq!(filter.value[0], Piece::Text("VideoTeleconferenceId eq ".into()));
        assert!(matches!(&filter.value[1], Piece::Quoted(param) if param.name == "videoTeleconferenceId"));
    }

    #[test]
    fn onedrive_and_range_paths() {
        let (_, p) = parse_request_line("GET /me/drive/root:/{item-path}:/children", 1).unwrap();
        assert_eq!(p.segments.len(), 5);
        assert!(matches!(&p.segments[3], Segment::Mixed { pieces } if pieces.len() == 2));
        let (_, p) = parse_request_line(
            "GET /workbook/worksheets/{id}/range(address='A1:B2')/cell(row=<row>,column=<column>)",
            1,
        )
        .unwrap();
        assert_eq!(
            p.parameters().iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["id", "row", "column"]
        );
    }

    #[test]
    fn rejects_non_paths() {
        assert_eq!(
            parse_request_line("Content-type: application/json", 1),
            Err(PathError::NotARequest)
        );
        assert!(matches!(
            parse_request_line("POST ** Collection URI for microsoft.graph.x not found", 1),
            Err(PathError::Placeholder(_))
        ));
        assert!(matches!(parse_request_line("GET", 1), Err(PathError::NotARequest)));
        assert!(matches!(
            parse_request_line("GET ** Entity URI for microsoft.graph.x not found", 1),
            Err(PathError::Placeholder(_))
        ));
    }

    fn damage_code(line: &str) -> &'static str {
        match parse_request_line(line, 1) {
            Err(PathError::Damaged { code, .. }) => code,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn damaged_paths_are_never_routes() {
        assert_eq!(
            damage_code("GET /me/mailFolders/{id}/childFolders/{id}/.../messages"),
            "path-any-depth"
        );
        assert_eq!(damage_code("GET /users/{id}/../groups"), "path-dot-segment");
        assert_eq!(damage_code("GET /users/./groups"), "path-dot-segment");
        assert_eq!(damage_code("GET /users/%2e%2e/groups"), "path-dot-segment");
        assert_eq!(damage_code("GET /users/%2E%2E/groups"), "path-dot-segment");
        assert_eq!(damage_code("GET /users/{{id}/events"), "path-brace");
        assert_eq!(damage_code("GET /users/{id}/eve\0nts"), "path-hidden-char");
        assert_eq!(damage_code("GET /users/{id}/eve\u{200b}nts"), "path-hidden-char");
        assert_eq!(damage_code("GET /users/{id}/eve\u{301}nts"), "path-hidden-char");
        // A dot inside a segment is a name, not a dot segment.
        assert!(parse_request_line("GET /users/{id}/microsoft.graph.user", 1).is_ok());
    }

    #[test]
    fn glued_request_lines() {
        let (method, rest) = unglue("DELETE/identity/conditionalAccess/policies/{id}").unwrap();
        assert_eq!(
            (method, rest),
            (Method::Delete, "/identity/conditionalAccess/policies/{id}")
        );
        assert_eq!(unglue("Content-type: application/json"), None);
    }
}
