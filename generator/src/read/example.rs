//! Example HTTP blocks: `METHOD url` with headers and a JSON body, and
//! `HTTP/1.1 200 OK` responses. Bodies are read leniently; a repaired body is
//! marked and reported.

use super::lenient_json::{self, Lenient};
use super::path::strip_base;
use crate::diagnostic::Diagnostics;
use crate::schema::{ApiVersion, Body, ExampleRequest, ExampleResponse, Method};

/// What an HTTP code block holds.
pub enum HttpBlock {
    Request(ExampleRequest),
    Response(ExampleResponse),
}

/// Reads a code block as an example request or response, by its content.
pub fn read(text: &str, line: u32, diags: &mut Diagnostics) -> Option<HttpBlock> {
    let mut lines = text.lines().enumerate().skip_while(|(_, l)| l.trim().is_empty());
    let (first_index, first) = lines.next()?;
    let first = first.trim();
    let first_line = line + first_index as u32;
    let (headers, body_text, _) = headers_and_body(text, first_index + 1);
    if let Some(status_text) = first
        .strip_prefix("HTTP/1.1")
        .or_else(|| first.strip_prefix("HTTP/2"))
        .or_else(|| first.strip_prefix("HTTP/1.0"))
    {
        let status = status_text.split_whitespace().next().and_then(|s| s.parse().ok());
        if status.is_none() {
            diags.warning(
                first_line,
                "example-status",
                format!("response line `{first}` has no status code"),
            );
        }
        let body = body(&body_text, first_line, diags);
        return Some(HttpBlock::Response(ExampleResponse {
            status,
            headers,
            body,
            line: first_line,
        }));
    }
    let mut words = first.split_whitespace();
    let method = Method::parse(words.next()?)?;
    let url = words.next().unwrap_or("").to_string();
    let (rest, version) = strip_base(&url);
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (rest, None),
    };
    let path = format!("/{}", path.trim_matches('/'));
    let api_version = version.map(|v| if v == "beta" { ApiVersion::Beta } else { ApiVersion::V1 });
    let body = body(&body_text, first_line, diags);
    Some(HttpBlock::Request(ExampleRequest {
        method,
        url,
        path,
        query,
        api_version,
        headers,
        body,
        line: first_line,
    }))
}

/// Splits the lines after the first into headers and body text.
fn headers_and_body(text: &str, skip: usize) -> (Vec<(String, String)>, String, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut headers = Vec::new();
    let mut i = skip;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() || l.starts_with('{') || l.starts_with('[') {
            break;
        }
        match l.split_once(':') {
            Some((name, value)) if !name.contains(' ') && !name.contains('"') => {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
            _ => break,
        }
        i += 1;
    }
    let body = lines[i.min(lines.len())..].join("\n");
    (headers, body, i)
}

/// Reads a body leniently, reporting a repair or text that is not JSON.
pub fn body(text: &str, line: u32, diags: &mut Diagnostics) -> Option<Body> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match lenient_json::read(text) {
        Lenient::Valid(v) => Body::Json(v),
        Lenient::Repaired(v) => {
            diags.warning(
                line,
                "example-json-repaired",
                "example body is not valid JSON; read after repair and marked repaired",
            );
            Body::Repaired(v)
        }
        Lenient::Invalid(err) => {
            diags.warning(
                line,
                "example-body-not-json",
                format!("example body is not JSON ({err}); kept as text"),
            );
            Body::Text(text.to_string())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_requests_and_responses() {
        let mut d = Diagnostics::new("t");
        let Some(HttpBlock::Request(r)) = read(
            "PATCH https://graph.microsoft.com/beta/a/{id}/b/?x=1\nContent-type: application/json\nContent-length: 5\n\n{\"a\": 1,}\n",
            10,
            &mut d,
        ) else {
            panic!()
        };
        assert_eq!(r.method, Method::Patch);
        assert_eq!(r.path, "/a/{id}/b");
        assert_eq!(r.query.as_deref(), Some("x=1"));
        assert_eq!(r.api_version, Some(ApiVersion::Beta));
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.body, Some(Body::Repaired(serde_json::json!({"a": 1}))));
        assert_eq!(d.as_slice()[0].code, "example-json-repaired");
        let Some(HttpBlock::Response(r)) = read("HTTP/1.1 204 No Content\n", 1, &mut d) else {
            panic!()
        };
        assert_eq!(r.status, Some(204));
        assert_eq!(r.body, None);
    }
}
