//! Typed request headers the reference pages document: `ConsistencyLevel`
//! (advanced queries on directory objects) and `Prefer` (page size, body
//! format, time zone, ...), set on a [`Request`] without spelling names or
//! values by hand.

use http::HeaderValue;

use super::error::Error;
use super::request::Request;

/// The `ConsistencyLevel` header name.
pub const CONSISTENCY_LEVEL: &str = "ConsistencyLevel";
/// The `Prefer` header name.
pub const PREFER: &str = "Prefer";

/// The value of `ConsistencyLevel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConsistencyLevel {
    /// `eventual`: needed by advanced queries on directory objects (`$count`,
    /// `$search`, `$filter` with `endsWith`, ...).
    Eventual,
}

impl ConsistencyLevel {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsistencyLevel::Eventual => "eventual",
        }
    }
}

/// The preferences of a `Prefer` header, written comma-separated in the
/// order they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[must_use]
pub struct Prefer(Vec<String>);

impl Prefer {
    /// No preferences.
    pub fn new() -> Self {
        Prefer::default()
    }

    /// `return=minimal`: no body in the response to a create or update.
    pub fn return_minimal(self) -> Self {
        self.with("return=minimal")
    }

    /// `return=representation`: the resource in the response.
    pub fn return_representation(self) -> Self {
        self.with("return=representation")
    }

    /// `odata.maxpagesize=N`: at most `n` items per page.
    pub fn max_page_size(self, n: u32) -> Self {
        self.with(format!("odata.maxpagesize={n}"))
    }

    /// `outlook.timezone="..."`: date-times in this time zone.
    pub fn outlook_timezone(self, zone: &str) -> Self {
        self.with(format!("outlook.timezone=\"{}\"", zone.replace('"', "")))
    }

    /// `outlook.body-content-type="text"` or `"html"`.
    pub fn outlook_body_content_type(self, text: bool) -> Self {
        self.with(if text {
            "outlook.body-content-type=\"text\""
        } else {
            "outlook.body-content-type=\"html\""
        })
    }

    /// `include-unknown-enum-members`: enum members added after
    /// `unknownFutureValue` are sent as they are.
    pub fn include_unknown_enum_members(self) -> Self {
        self.with("include-unknown-enum-members")
    }

    /// `respond-async`: a long operation answers `202 Accepted` at once.
    pub fn respond_async(self) -> Self {
        self.with("respond-async")
    }

    /// Any other preference, written as given.
    pub fn with(mut self, preference: impl Into<String>) -> Self {
        self.0.push(preference.into());
        self
    }

    /// The header value: the preferences, comma-separated.
    pub fn value(&self) -> String {
        self.0.join(", ")
    }
}

impl Request {
    /// Sets `ConsistencyLevel`.
    pub fn consistency_level(mut self, level: ConsistencyLevel) -> Self {
        self.headers
            .insert(CONSISTENCY_LEVEL, HeaderValue::from_static(level.as_str()));
        self
    }

    /// Sets `Prefer` (replacing any earlier one). Fails only on a preference
    /// given to [`Prefer::with`] that is not a valid header value.
    pub fn prefer(mut self, prefer: &Prefer) -> Result<Self, Error> {
        self.headers.insert(PREFER, HeaderValue::from_str(&prefer.value())?);
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    #[test]
    fn typed_headers_are_written_as_documented() {
        let r = Request::new(Method::GET, "/users")
            .consistency_level(ConsistencyLevel::Eventual)
            .prefer(
                &Prefer::new()
                    .max_page_size(50)
                    .outlook_timezone("Pacific Standard Time"),
            )
            .unwrap();
        assert_eq!(r.headers["consistencylevel"], "eventual");
        assert_eq!(
            r.headers["prefer"],
            "odata.maxpagesize=50, outlook.timezone=\"Pacific Standard Time\""
        );
        let r = r.prefer(&Prefer::new().return_minimal()).unwrap();
        assert_eq!(r.headers["prefer"], "return=minimal");
        assert!(Request::new(Method::GET, "/")
            .prefer(&Prefer::new().with("a\nb"))
            .is_err());
    }
}
