//! Exact matching, [`Matcher::find_all`] and [`bind`]: a request's segments
//! against a documented template as written, capturing the values of its
//! placeholders. No aliases (`/me`), no `$count` or `$value` dropped, no
//! cast skipped, and a GUID or value pasted into a template (`contoso.com`)
//! is text to match: the local Graph answers documented paths only, and
//! the example replay binds an example's URL to the path it was written
//! for.
//!
//! Templates are read as the generator reads request lines
//! (`generator/src/read/path.rs`): segments split outside quotes, braces,
//! parentheses and angle brackets; `$...` a system segment matched as
//! written; `{x}` or `<x>` a whole-segment placeholder; `name(args)` a call
//! whose arguments are matched in the template's order; other text with
//! placeholders (`{item-path}:`) matched piece by piece within one segment;
//! anything else letter case aside. A query written in the template
//! (`?startDateTime={start}`) binds its `name={placeholder}` pairs from the
//! request's query.

use super::Matcher;

/// A route whose template is a request as written ([`Matcher::find_all`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a, T> {
    /// The value the route was inserted with.
    pub value: &'a T,
    /// The route's method, in uppercase.
    pub method: &'a str,
    /// The template as inserted.
    pub template: &'a str,
    /// The values of the template's placeholders, in the order written.
    pub values: Vec<String>,
}

/// The values of the placeholders of `template` (a path, with a query of
/// `name={placeholder}` pairs if any) in a request's `segments` and
/// `query`, matched exactly as [`Matcher::find_all`] matches; `None` if the
/// request is not the template.
pub fn bind(template: &str, segments: &[&str], query: Option<&str>) -> Option<Vec<String>> {
    Pattern::parse(template)?.bind(segments, query)
}

impl<T> Matcher<T> {
    /// Every route (of any method) whose template is the request as
    /// written, with the values of its placeholders: `segments` are the
    /// request path's (split at `/`, decoded or not as the caller reads
    /// them), `query` its raw query. In insertion order within the routes
    /// whose template starts with the request's first segment, then those
    /// starting with a placeholder, call or system segment.
    pub fn find_all(&self, segments: &[&str], query: Option<&str>) -> Vec<Hit<'_, T>> {
        let first = segments.first().map(|s| s.to_ascii_lowercase()).unwrap_or_default();
        let keys = [(segments.len(), String::new()), (segments.len(), first)];
        let keys = if keys[1].1.is_empty() { &keys[..1] } else { &keys[..] };
        let indexes = keys.iter().rev().flat_map(|k| self.exact.get(k)).flatten();
        indexes
            .filter_map(|&i| {
                let values = self.patterns[i].as_ref()?.bind(segments, query)?;
                Some(Hit {
                    value: &self.values[i].1,
                    method: &self.values[i].0,
                    template: &self.templates[i],
                    values,
                })
            })
            .collect()
    }
}

/// One template read for exact matching.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    segments: Vec<Seg>,
    /// Names of the query's `name={placeholder}` pairs; `None` when the
    /// template's query holds anything else (no request binds it).
    query: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
enum Seg {
    /// A name or cast, matched letter case aside.
    Literal(String),
    /// `$ref`, `$value`, `$count`: matched as written.
    System(String),
    /// A placeholder making up the whole segment.
    Key,
    /// Text and placeholders within one segment.
    Pieces(Vec<Piece>),
    /// A call: name, then arguments (name if written, value pieces).
    Call(String, Vec<(Option<String>, Vec<Piece>)>),
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Param,
    /// `'{x}'`: the value without its quotes, `''` undone.
    Quoted,
}

impl Pattern {
    /// Reads a template (`/users/{id}/calendarView?startDateTime={start}`);
    /// `None` if a placeholder is not closed.
    pub(super) fn parse(template: &str) -> Option<Pattern> {
        let (path, query) = split_query(template.trim());
        let segments = split_outside(path, '/')
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(segment)
            .collect::<Option<Vec<_>>>()?;
        let query = match query {
            None => Some(Vec::new()),
            Some(q) => split_outside(q, '&')
                .into_iter()
                .map(str::trim)
                .filter(|pair| !pair.is_empty())
                .map(query_name)
                .collect::<Option<Option<Vec<_>>>>()?,
        };
        Some(Pattern { segments, query })
    }

    /// The key a template is indexed under: its segment count and, if it
    /// starts with a name, that name in lowercase (else `""`).
    pub(super) fn key(&self) -> (usize, String) {
        let first = match self.segments.first() {
            Some(Seg::Literal(name)) => name.to_ascii_lowercase(),
            _ => String::new(),
        };
        (self.segments.len(), first)
    }

    /// The values of the placeholders, in the order written (segments left
    /// to right, a call's arguments in the template's order, then the
    /// query's pairs, percent-decoded); `None` if the request is not this
    /// template.
    pub(super) fn bind(&self, parts: &[&str], query: Option<&str>) -> Option<Vec<String>> {
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut values = Vec::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            match segment {
                Seg::Literal(name) if name.eq_ignore_ascii_case(part) => {}
                Seg::System(name) if name == part => {}
                Seg::Key => values.push(part.to_string()),
                Seg::Pieces(pieces) => values.extend(match_pieces(pieces, part)?),
                Seg::Call(name, arguments) => {
                    let inner = strip_prefix_ci(part, name)?.strip_prefix('(')?.strip_suffix(')')?;
                    let written = split_arguments(inner);
                    if written.len() != arguments.len() {
                        return None;
                    }
                    for ((argument, pieces), text) in arguments.iter().zip(written) {
                        let text = match argument {
                            Some(n) => strip_prefix_ci(text.trim(), n)?
                                .trim_start()
                                .strip_prefix('=')?
                                .trim_start(),
                            None => text.trim(),
                        };
                        values.extend(match_pieces(pieces, text)?);
                    }
                }
                _ => return None,
            }
        }
        let pairs: Vec<(&str, &str)> = query
            .unwrap_or("")
            .split('&')
            .filter_map(|p| p.split_once('='))
            .collect();
        for name in self.query.as_ref()? {
            let (_, value) = pairs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
            values.push(super::percent_decode(value));
        }
        Some(values)
    }
}

/// Splits `path?query` at the first `?` outside braces and parentheses
/// (also the page reader's, through the generator's `crate::matcher`).
pub(crate) fn split_query(path: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    for (i, c) in path.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '?' if depth == 0 => {
                let (before, query) = path.split_at(i);
                return (before, query.strip_prefix('?').filter(|q| !q.is_empty()));
            }
            _ => {}
        }
    }
    (path, None)
}

/// The path of a template, its query left out.
pub(super) fn path_of(template: &str) -> &str {
    split_query(template).0
}

/// Splits on `sep` outside quotes, braces, parentheses and angle brackets
/// (the generator's page reader splits paths with it too).
pub(crate) fn split_outside(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '(' | '<' if !quoted => depth += 1,
            '}' | ')' | '>' if !quoted => depth -= 1,
            c if c == sep && depth <= 0 && !quoted => {
                parts.push(text.get(start..i).unwrap_or_default());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
    parts
}

/// One template segment.
fn segment(raw: &str) -> Option<Seg> {
    if raw.starts_with('$') {
        return Some(Seg::System(raw.to_string()));
    }
    let whole = raw
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| raw.strip_prefix('<').and_then(|r| r.strip_suffix('>')));
    if whole.is_some_and(|inner| !inner.contains(['{', '}'])) {
        return Some(Seg::Key);
    }
    if let Some(open) = raw.find('(') {
        let name = &raw[..open];
        if raw.ends_with(')') && !name.contains('{') {
            let inner = &raw[open + 1..raw.len() - 1];
            let arguments = split_outside(inner, ',')
                .into_iter()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|text| match text.split_once('=') {
                    Some((n, v)) if !n.contains(['{', '\'']) => Some((Some(n.trim().to_string()), pieces(v.trim())?)),
                    _ => Some((None, pieces(text)?)),
                })
                .collect::<Option<_>>()?;
            return Some(Seg::Call(name.to_string(), arguments));
        }
    }
    if raw.contains(['{', '<']) {
        return Some(Seg::Pieces(pieces(raw)?));
    }
    Some(Seg::Literal(raw.to_string()))
}

/// The name of a query pair (`startDateTime={start}`), percent-decoded;
/// `Some(None)` if its value is not one placeholder alone.
fn query_name(pair: &str) -> Option<Option<String>> {
    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
    let value = pieces(&super::percent_decode(value))?;
    Some(matches!(value.as_slice(), [Piece::Param]).then(|| super::percent_decode(name.trim())))
}

/// Text with `{x}`, `'{x}'` and `<x>` placeholders; `None` if one is not
/// closed.
fn pieces(text: &str) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(open) = rest.find(['{', '<']) else {
            out.push(Piece::Text(rest.to_string()));
            break;
        };
        let (before, from_open) = rest.split_at(open);
        let close_char = if from_open.starts_with('{') { '}' } else { '>' };
        let close = from_open.find(close_char)?;
        let after = &from_open[close + 1..];
        if let (Some(quoted_before), Some(quoted_after)) = (before.strip_suffix('\''), after.strip_prefix('\'')) {
            if !quoted_before.is_empty() {
                out.push(Piece::Text(quoted_before.to_string()));
            }
            out.push(Piece::Quoted);
            rest = quoted_after;
        } else {
            if !before.is_empty() {
                out.push(Piece::Text(before.to_string()));
            }
            out.push(Piece::Param);
            rest = after;
        }
    }
    Some(out)
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// Splits call arguments on commas outside quotes.
pub(super) fn split_arguments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !text.is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// Matches written text against template pieces, capturing the values of
/// the placeholders (a quoted one without its quotes, `''` undone).
fn match_pieces(pieces: &[Piece], mut text: &str) -> Option<Vec<String>> {
    let mut values = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => text = strip_prefix_ci(text, t)?,
            Piece::Quoted => {
                let rest = text.strip_prefix('\'')?;
                let bytes = rest.as_bytes();
                let mut end = None;
                let mut j = 0;
                while j < bytes.len() {
                    if bytes[j] == b'\'' {
                        if bytes.get(j + 1) == Some(&b'\'') {
                            j += 2;
                            continue;
                        }
                        end = Some(j);
                        break;
                    }
                    j += 1;
                }
                let end = end?;
                values.push(rest[..end].replace("''", "'"));
                text = &rest[end + 1..];
            }
            Piece::Param => {
                let end = match pieces.get(i + 1) {
                    Some(Piece::Text(next)) => text.find(next.as_str())?,
                    Some(_) => return None,
                    None => text.len(),
                };
                if end == 0 {
                    return None;
                }
                values.push(text[..end].to_string());
                text = &text[end..];
            }
        }
    }
    text.is_empty().then_some(values)
}

#[cfg(test)]
mod tests {
    use super::super::{bind, Matcher};

    include!("matcher_cases.rs");

    /// The request's route among `templates` (request lines), by
    /// [`Matcher::find_all`]: the one hit of the request's method.
    fn route(method: &str, templates: &[&str], url: &str) -> Option<(String, Vec<String>)> {
        let mut m = Matcher::new();
        for line in templates {
            let (method, template) = line.split_once(' ').expect("a request line");
            m.insert(method, template, *line);
        }
        let (path, query) = url.split_once('?').map_or((url, None), |(p, q)| (p, Some(q)));
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let hits: Vec<_> = m
            .find_all(&parts, query)
            .into_iter()
            .filter(|h| h.method.eq_ignore_ascii_case(method))
            .collect();
        assert!(hits.len() <= 1, "{url}: {hits:?}");
        let hit = hits.into_iter().next()?;
        let (_, template) = hit.value.split_once(' ').expect("a request line");
        assert_eq!(bind(template, &parts, query).as_ref(), Some(&hit.values), "{url}");
        Some((hit.value.to_string(), hit.values))
    }

    #[test]
    fn the_shared_cases_find_their_template_and_values() {
        for (method, templates, url, expected, values) in CASES {
            let found = route(method, templates, url);
            let expected = expected.map(|t| (t.to_string(), values.iter().map(|v| v.to_string()).collect()));
            assert_eq!(found, expected, "{method} {url}");
        }
    }
}
