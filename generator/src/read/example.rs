//! Example HTTP blocks: `METHOD url` with headers and a JSON body, and
//! `HTTP/1.1 200 OK` responses. Bodies are read leniently; a repaired body is
//! marked and reported. A body that is not JSON is kept as text, and is
//! reported only where JSON was expected ([`check_text`]): not for a body
//! whose content type, range or `$value`/`content` path says it is text or
//! bytes.

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
    let first = first.trim_start();
    let (method, after) = first.split_once(char::is_whitespace).unwrap_or((first, ""));
    let method = Method::parse(method)?;
    let url = url_of(after).to_string();
    let (rest, version) = strip_base(&url);
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (rest, None),
    };
    let path = format!("/{}", path.trim_matches('/'));
    let api_version = version.map(|v| if v == "beta" { ApiVersion::Beta } else { ApiVersion::V1 });
    let body = body(&body_text, first_line, diags);
    check_text(body.as_ref(), &headers, Some(&path), first_line, diags);
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

/// The URL after a request line's method: up to the first space outside
/// quotes and parentheses (`/me/drive/root/search(q='Contoso Project')`
/// keeps its argument; `HTTP/1.1` after it is left).
fn url_of(after: &str) -> &str {
    let after = after.trim_start();
    let (mut depth, mut quoted) = (0usize, false);
    for (i, c) in after.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && !quoted && depth == 0 => return after.get(..i).unwrap_or(after),
            _ => {}
        }
    }
    // Unbalanced: the first word, as written.
    match (quoted, depth) {
        (false, 0) => after,
        _ => after.split_whitespace().next().unwrap_or(""),
    }
}

/// Splits the lines after the first into headers and body text. Headers may
/// follow one blank line after the request or status line (Intune pages:
/// `POST .../wipe`, blank, `Content-type: application/json`, blank, body):
/// a blank line there ends no headers, since none have begun.
fn headers_and_body(text: &str, skip: usize) -> (Vec<(String, String)>, String, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut headers = Vec::new();
    let mut i = skip;
    let blank_at = |i: usize| lines.get(i).is_some_and(|l| l.trim().is_empty());
    if blank_at(i) && lines.get(i + 1).is_some_and(|l| is_header_line(l)) {
        i += 1;
    }
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

/// Reads a body leniently, reporting a repair; text that is not JSON is kept
/// as text, for the caller to [`check_text`].
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
        Lenient::Invalid(_) => Body::Text(text.to_string()),
    })
}

/// Warns about a text body (`example-body-not-json`) unless it is text or
/// bytes by what the example says of it: a content type other than JSON, a
/// `Content-Range` (one chunk of an upload), or a `path` (the request's)
/// addressing raw content (`/$value`, `/content`).
pub fn check_text(
    body: Option<&Body>,
    headers: &[(String, String)],
    path: Option<&str>,
    line: u32,
    diags: &mut Diagnostics,
) {
    let Some(Body::Text(text)) = body else {
        return;
    };
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    let not_json_type = header("Content-Type").is_some_and(|v| !v.to_ascii_lowercase().contains("json"));
    let raw_path = path.is_some_and(|p| {
        let p = p.trim_end_matches('/').to_ascii_lowercase();
        p.ends_with("/$value") || p.ends_with("/content")
    });
    if not_json_type || header("Content-Range").is_some() || raw_path {
        return;
    }
    let first = text.lines().next().unwrap_or("").trim();
    let message = if first.split_once(':').is_some_and(|(name, _)| is_header_name(name)) {
        format!("example body starts with the header line `{first}`: headers after the blank line that ends them; kept as text")
    } else {
        let err = serde_json::from_str::<serde_json::Value>(text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        format!("example body is not JSON ({err}); kept as text")
    };
    diags.warning(line, "example-body-not-json", message);
}

/// A header name: `Content-Type`, `Prefer`.
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A header line as pages write one: `Name: value`, with a space after the
/// colon (so a text body such as `BEGIN:VCARD` is not taken for one).
fn is_header_line(line: &str) -> bool {
    line.trim()
        .split_once(": ")
        .is_some_and(|(name, value)| is_header_name(name) && !value.trim().is_empty())
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

    #[test]
    fn a_request_url_keeps_a_quoted_argument_with_a_space_and_any_case_of_version() {
        let mut d = Diagnostics::new("t");
        let path = |line: &str, d: &mut Diagnostics| match read(line, 1, d) {
            Some(HttpBlock::Request(r)) => (r.path, r.api_version),
            _ => panic!("{line}"),
        };
        assert_eq!(
            path("GET /me/drive/root/search(q='Contoso Project') HTTP/1.1\n", &mut d).0,
            "/me/drive/root/search(q='Contoso Project')"
        );
        assert_eq!(
            path("GET https://graph.microsoft.com/V1.0/chats/{id}/members/{id}\n", &mut d),
            ("/chats/{id}/members/{id}".to_string(), Some(ApiVersion::V1))
        );
        // Unbalanced: the first word, as before.
        assert_eq!(path("GET /me/search(q='a b\n", &mut d).0, "/me/search(q='a");
        assert_eq!(url_of(" /users?$top=1  HTTP/1.1"), "/users?$top=1");
    }

    fn text_warnings(block: &str) -> Vec<String> {
        let mut d = Diagnostics::new("t");
        read(block, 1, &mut d);
        d.into_vec().into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn text_bodies_by_content_type_range_or_path_are_not_warned() {
        assert!(text_warnings("PUT /me/drive/items/{id}/content\nContent-Type: text/plain\n\nThe file.\n").is_empty());
        assert!(text_warnings("PUT https://up.example/x\nContent-Range: bytes 0-25/128\n\n<bytes 0-25>\n").is_empty());
        assert!(text_warnings("PUT /me/photo/$value\n\nbinary\n").is_empty());
        assert!(text_warnings(
            "HTTP/1.1 200 OK\nContent-Type: application/octet-stream\n\nReport Refresh Date,Total\n"
        )
        .is_empty());
        let mut d = Diagnostics::new("t");
        let mut body = Some(Body::Text("BEGIN:VCARD".into()));
        check_text(
            body.as_ref(),
            &[],
            Some("/me/messages/{id}/attachments/{id}/$value"),
            3,
            &mut d,
        );
        assert!(d.as_slice().is_empty());
        body = Some(Body::Json(serde_json::json!({})));
        check_text(body.as_ref(), &[], None, 3, &mut d);
        assert!(d.as_slice().is_empty());
    }

    #[test]
    fn a_json_body_that_is_not_json_is_warned_with_what_is_wrong() {
        let warned = text_warnings("POST /users\nContent-Type: application/json\n\n{\"a\": }\n");
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(
            warned[0].starts_with("example body is not JSON (expected value"),
            "{warned:?}"
        );
        let warned =
            text_warnings("POST /x/assign\nPrefer: return=minimal\n\nContent-type: application/json\n\n{\"a\": 1}\n");
        assert_eq!(
            warned,
            [
                "example body starts with the header line `Content-type: application/json`: headers after the \
              blank line that ends them; kept as text"
            ]
        );
    }

    /// `api/intune-devices-manageddevice-wipe.md:66` and `api/event-delta.md:91`:
    /// headers after one blank line below the request line.
    #[test]
    fn headers_after_a_blank_line_below_the_request_line_are_headers() {
        let mut d = Diagnostics::new("t");
        let block = "POST https://graph.microsoft.com/v1.0/users/{usersId}/managedDevices/{managedDeviceId}/wipe\n\
                     \n\
                     Content-type: application/json\n\
                     Content-length: 141\n\
                     \n\
                     {\n  \"keepEnrollmentData\": true,\n  \"keepUserData\": true\n}\n";
        let Some(HttpBlock::Request(r)) = read(block, 66, &mut d) else {
            panic!()
        };
        assert!(d.as_slice().is_empty(), "{:?}", d.as_slice());
        assert_eq!(
            r.headers,
            [
                ("Content-type".to_string(), "application/json".to_string()),
                ("Content-length".to_string(), "141".to_string())
            ]
        );
        assert_eq!(
            r.body,
            Some(Body::Json(
                serde_json::json!({"keepEnrollmentData": true, "keepUserData": true})
            ))
        );
        let block = "GET https://graph.microsoft.com/v1.0/me/calendarView/delta?startdatetime={start_datetime}&enddatetime={end_datetime}\n\
                     \n\
                     Prefer: odata.maxpagesize=2\n";
        let Some(HttpBlock::Request(r)) = read(block, 91, &mut d) else {
            panic!()
        };
        assert!(d.as_slice().is_empty(), "{:?}", d.as_slice());
        assert_eq!(r.headers, [("Prefer".to_string(), "odata.maxpagesize=2".to_string())]);
        assert_eq!(r.body, None);
        // A text body after the blank line is still a body.
        let Some(HttpBlock::Response(r)) = read("HTTP/1.1 200 OK\n\nBEGIN:VCARD\n", 1, &mut d) else {
            panic!()
        };
        assert!(r.headers.is_empty());
        assert_eq!(r.body, Some(Body::Text("BEGIN:VCARD".into())));
    }
}
