//! [`Request`]: a request as plain data (method, path, query, headers,
//! body), built by generated routes and sent by whatever HTTP client the
//! application uses.

use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, Method};
use serde::Serialize;

use super::error::Error;
use super::query::{encode_pairs, QueryOptions};

/// The Graph API version a request is sent to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    /// `v1.0`.
    #[default]
    V1_0,
    /// `beta`.
    Beta,
}

impl ApiVersion {
    /// The version segment, `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// The base URL of the version, such as `https://graph.microsoft.com/v1.0`.
    pub fn base_url(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "https://graph.microsoft.com/v1.0",
            ApiVersion::Beta => "https://graph.microsoft.com/beta",
        }
    }
}

/// A request that has not been sent: no I/O happens here.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct Request {
    /// The HTTP method.
    pub method: Method,
    /// The path relative to the version base, starting with `/`, already
    /// percent-encoded; or an absolute URL the service gave (such as an
    /// `@odata.nextLink`), used as is.
    pub path: String,
    /// Query parameters, not yet encoded.
    pub query: Vec<(String, String)>,
    /// Request headers.
    pub headers: HeaderMap,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
    /// The API version the route is documented in: `v1.0`, or `beta` for a
    /// route documented only there. A client sends the request to this
    /// version's base unless it was given a base URL of its own.
    pub version: ApiVersion,
}

impl Request {
    /// A request with no query, headers or body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            version: ApiVersion::V1_0,
        }
    }

    /// Sets the API version the request is meant for.
    pub fn with_version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// Sets `value` as the JSON body and `Content-Type: application/json`.
    pub fn with_json_body<T: Serialize + ?Sized>(mut self, value: &T) -> Result<Self, Error> {
        self.body = Some(serde_json::to_vec(value).map_err(Error::RequestBody)?);
        self.headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Ok(self)
    }

    /// Sets a raw body with its content type (for uploads such as
    /// `PUT …/content`).
    pub fn with_body(mut self, content_type: &str, body: Vec<u8>) -> Result<Self, Error> {
        self.headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type)?);
        self.body = Some(body);
        Ok(self)
    }

    /// Sets a header, replacing any earlier value.
    pub fn with_header(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let name = HeaderName::from_bytes(name.as_bytes())?;
        self.headers.insert(name, HeaderValue::from_str(value)?);
        Ok(self)
    }

    /// Appends the query options.
    pub fn with_query(mut self, options: &QueryOptions) -> Self {
        self.query.extend(options.pairs());
        self
    }

    /// Adds options to the ones the request has: `$select`, `$expand` and
    /// `$orderby` lists grow, any other option given replaces the earlier
    /// value, so chained calls (`.select(..).select(..)`) send one `$select`.
    pub fn merge_query(mut self, options: &QueryOptions) -> Self {
        for (key, value) in options.pairs() {
            let list = matches!(key.as_str(), "$select" | "$expand" | "$orderby");
            match self.query.iter_mut().find(|(k, _)| *k == key) {
                Some((_, old)) if list => {
                    old.push(',');
                    old.push_str(&value);
                }
                Some((_, old)) => *old = value,
                None => self.query.push((key, value)),
            }
        }
        self
    }

    /// Appends one query parameter.
    pub fn with_query_param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// True when the path is an absolute URL rather than relative to a base.
    pub fn is_absolute(&self) -> bool {
        let scheme = |s: &str| self.path.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
        scheme("https://") || scheme("http://")
    }

    /// The full URL: `base` (such as [`ApiVersion::base_url`]) with any
    /// trailing `/` removed, the path, and the encoded query. An absolute
    /// path is the URL itself, `base` unused.
    pub fn url(&self, base: &str) -> String {
        let mut url = if self.is_absolute() {
            String::new()
        } else {
            let mut url = base.trim_end_matches('/').to_owned();
            if !self.path.starts_with('/') {
                url.push('/');
            }
            url
        };
        url.push_str(&self.path);
        if !self.query.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&encode_pairs(&self.query));
        }
        url
    }

    /// Converts into an [`http::Request`] against `base`; a missing body
    /// becomes an empty one.
    pub fn into_http(self, base: &str) -> Result<http::Request<Vec<u8>>, Error> {
        let uri: http::Uri = self.url(base).parse()?;
        let mut request = http::Request::new(self.body.unwrap_or_default());
        *request.method_mut() = self.method;
        *request.uri_mut() = uri;
        *request.headers_mut() = self.headers;
        Ok(request)
    }

    /// The body parsed as JSON, if there is a body and it is JSON.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(self.body.as_deref()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::Field;
    use serde_json::json;

    #[derive(Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct Patch {
        #[serde(default, skip_serializing_if = "Field::is_unset")]
        display_name: Field<String>,
        #[serde(default, skip_serializing_if = "Field::is_unset")]
        description: Field<String>,
        #[serde(default, skip_serializing_if = "Field::is_unset")]
        version: Field<i32>,
    }

    #[test]
    fn versions() {
        assert_eq!(ApiVersion::V1_0.base_url(), "https://graph.microsoft.com/v1.0");
        assert_eq!(ApiVersion::Beta.base_url(), "https://graph.microsoft.com/beta");
        assert_eq!(ApiVersion::default().as_str(), "v1.0");
    }

    #[test]
    fn patch_sends_only_set_fields() {
        let body = Patch {
            display_name: "New".into(),
            description: Field::Null,
            ..Patch::default()
        };
        let r = Request::new(Method::PATCH, "/deviceManagement/deviceConfigurations/42")
            .with_json_body(&body)
            .unwrap();
        assert_eq!(r.json_body(), Some(json!({"displayName": "New", "description": null})));
        assert_eq!(r.headers[CONTENT_TYPE], "application/json");
    }

    #[test]
    fn merged_options_make_one_of_each() {
        let r = Request::new(Method::GET, "/users")
            .with_query(&QueryOptions::new().select(["id"]).top(5))
            .merge_query(&QueryOptions::new().select(["mail"]).top(7).filter("a eq 1"));
        assert_eq!(
            r.url("https://x"),
            "https://x/users?$select=id,mail&$top=7&$filter=a%20eq%201"
        );
    }

    #[test]
    fn url_with_query() {
        let r = Request::new(Method::GET, "/users")
            .with_query(
                &QueryOptions::new()
                    .select(["id", "displayName"])
                    .filter("a eq 'b c'")
                    .top(5),
            )
            .with_query_param("$skiptoken", "x+y");
        assert_eq!(
            r.url(ApiVersion::V1_0.base_url()),
            "https://graph.microsoft.com/v1.0/users?$select=id,displayName&$filter=a%20eq%20'b%20c'&$top=5&$skiptoken=x%2By"
        );
        assert_eq!(
            Request::new(Method::GET, "/me").url("https://graph.microsoft.com/beta/"),
            "https://graph.microsoft.com/beta/me"
        );
        assert_eq!(
            Request::new(Method::GET, "me").url("https://h/v1.0"),
            "https://h/v1.0/me"
        );
    }

    #[test]
    fn absolute_paths_are_the_url() {
        let link = "https://graph.microsoft.com/v1.0/users?$skiptoken=x";
        let r = Request::new(Method::GET, link);
        assert!(r.is_absolute());
        assert_eq!(r.url("https://other/beta"), link);
        let r = r.with_query_param("$top", "5");
        assert_eq!(r.url("https://other/beta"), format!("{link}&$top=5"));
        assert!(!Request::new(Method::GET, "/https://x").is_absolute());
    }

    #[test]
    fn into_http_carries_everything() {
        let r = Request::new(Method::POST, "/users/a%2Fb/sendMail")
            .with_query(&QueryOptions::new().filter("startswith(displayName,'A')"))
            .with_json_body(&json!({"message": {"subject": "hi"}}))
            .unwrap()
            .with_header("ConsistencyLevel", "eventual")
            .unwrap();
        let h = r.into_http(ApiVersion::Beta.base_url()).unwrap();
        assert_eq!(h.method(), Method::POST);
        assert_eq!(
            h.uri().to_string(),
            "https://graph.microsoft.com/beta/users/a%2Fb/sendMail?$filter=startswith(displayName,'A')"
        );
        assert_eq!(h.headers()["consistencylevel"], "eventual");
        assert_eq!(h.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(h.body(), br#"{"message":{"subject":"hi"}}"#);
    }

    #[test]
    fn raw_body_and_errors() {
        let r = Request::new(Method::PUT, "/me/drive/root:/a.txt:/content")
            .with_body("text/plain", b"hello".to_vec())
            .unwrap();
        assert_eq!(r.json_body(), None);
        assert_eq!(r.headers[CONTENT_TYPE], "text/plain");
        assert!(matches!(
            Request::new(Method::GET, "/").with_header("bad name", "x"),
            Err(Error::InvalidHeaderName(_))
        ));
        assert!(matches!(
            Request::new(Method::GET, "/").with_header("x", "a\nb"),
            Err(Error::InvalidHeaderValue(_))
        ));
        assert!(matches!(
            Request::new(Method::GET, "/").into_http("not a base"),
            Err(Error::InvalidUri(_))
        ));
        assert_eq!(
            Request::new(Method::GET, "/me").into_http("https://h").unwrap().body(),
            b""
        );
    }
}
