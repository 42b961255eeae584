//! Paging of collection answers: `$top` (or the server's page size) cuts the
//! `value` array, and `@odata.nextLink` points back at this server with a
//! `$skiptoken` of its own, so client paging code runs to the last page.

use serde_json::Value;

/// The prefix of the server's own skip tokens.
const TOKEN: &str = "mock-";

/// `name=value` pairs of a query, percent-decoded.
pub fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((n, v)) => (decode(n), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// How to page one answer.
#[derive(Debug, Clone)]
pub struct Paging<'a> {
    /// The request's query as sent.
    pub query: Option<&'a str>,
    /// Whether the request is the documented example's own (same query).
    pub documented: bool,
    /// The server's page size, used when the request gives no `$top`.
    pub page_size: Option<usize>,
    /// Scheme, host, version prefix and path of the request.
    pub link_base: String,
}

impl Paging<'_> {
    /// Pages a collection body (an object with a `value` array) in place;
    /// any other body is left alone.
    pub fn apply(&self, body: &mut Value) {
        let Some(object) = body.as_object_mut() else { return };
        let Some(items) = object.get("value").and_then(Value::as_array) else {
            return;
        };
        let pairs = pairs(self.query);
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let top = get("$top").and_then(|v| v.trim().parse::<usize>().ok());
        let offset = get("$skiptoken").and_then(|t| t.strip_prefix(TOKEN)?.parse::<usize>().ok());
        let len = items.len();
        if offset.is_none() && (top.is_none() || self.documented) && self.page_size.is_none() {
            // The documented answer as written; a documented next page leads back here.
            if object.contains_key("@odata.nextLink") {
                object.insert("@odata.nextLink".into(), Value::String(self.link(len)));
            }
            return;
        }
        let offset = offset.unwrap_or(0).min(len);
        let size = top.or(self.page_size).unwrap_or(len).max(1);
        let end = offset.saturating_add(size).min(len);
        let page: Vec<Value> = items[offset..end].to_vec();
        object.insert("value".into(), Value::Array(page));
        if end < len {
            object.insert("@odata.nextLink".into(), Value::String(self.link(end)));
        } else {
            object.remove("@odata.nextLink");
        }
    }

    /// The link to the page starting at `offset`: the request's query with
    /// its skip token replaced.
    fn link(&self, offset: usize) -> String {
        let mut query: Vec<&str> = self
            .query
            .unwrap_or("")
            .split('&')
            .filter(|p| {
                let name = p.split('=').next().unwrap_or("");
                !p.is_empty() && !name.eq_ignore_ascii_case("$skiptoken") && !name.eq_ignore_ascii_case("%24skiptoken")
            })
            .collect();
        let token = format!("$skiptoken={TOKEN}{offset}");
        query.push(&token);
        format!("{}?{}", self.link_base, query.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paging(query: Option<&str>) -> Paging<'_> {
        Paging {
            query,
            documented: false,
            page_size: None,
            link_base: "http://127.0.0.1:1/v1.0/users".into(),
        }
    }

    #[test]
    fn top_cuts_pages_and_links_the_next() {
        let full = json!({"value": [1, 2, 3, 4, 5]});
        let mut body = full.clone();
        paging(Some("$top=2&$select=id")).apply(&mut body);
        assert_eq!(body["value"], json!([1, 2]));
        assert_eq!(
            body["@odata.nextLink"],
            "http://127.0.0.1:1/v1.0/users?$top=2&$select=id&$skiptoken=mock-2"
        );
        let mut body = full.clone();
        paging(Some("$top=2&$select=id&$skiptoken=mock-4")).apply(&mut body);
        assert_eq!(body, json!({"value": [5]}));
    }

    #[test]
    fn the_documented_request_keeps_its_answer() {
        let mut body =
            json!({"value": [1, 2], "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X"});
        let mut p = paging(Some("$top=2"));
        p.documented = true;
        p.apply(&mut body);
        assert_eq!(body["value"], json!([1, 2]));
        assert_eq!(
            body["@odata.nextLink"],
            "http://127.0.0.1:1/v1.0/users?$top=2&$skiptoken=mock-2"
        );
        let mut next = json!({"value": [1, 2]});
        paging(Some("$top=2&$skiptoken=mock-2")).apply(&mut next);
        assert_eq!(next, json!({"value": []}));
    }
}
