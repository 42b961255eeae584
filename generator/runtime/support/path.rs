//! [`PathBuilder`]: builds a request path from documented literal segments
//! and caller-supplied values, encoding the values so they can never change
//! which resource the path addresses.

use percent_encoding::utf8_percent_encode;

use super::encoding::UNRESERVED_ONLY;
use super::error::Error;
use super::request::Request;

/// Builds a path relative to the version base, such as
/// `/deviceManagement/deviceConfigurations/{id}/deviceStatusOverview`.
///
/// Literal text comes from the documentation and is appended as is.
/// Caller-supplied values are percent-encoded (everything but `A-Z a-z 0-9 -
/// . _ ~`), so `/`, `?`, `#`, `%` and the like stay inside their segment.
/// [`PathBuilder::finish`] reports an empty value as
/// [`Error::EmptyPathParameter`] and a value that is exactly `.` or `..` as
/// [`Error::DotPathParameter`]: URL parsers (`url`, hence `reqwest`, and
/// servers) read such a segment as a step in the path even when it is
/// percent-encoded (`%2E%2E`), so it would address another resource.
///
/// ```
/// use msgraph_typed_support::PathBuilder;
/// let path = PathBuilder::new()
///     .literal("users")
///     .param("user-id", "a/b")
///     .literal("drive")
///     .segment()
///     .text("root:/")
///     .item_path("item-path", "Documents/report 1.docx")
///     .text(":")
///     .finish()
///     .unwrap();
/// assert_eq!(path, "/users/a%2Fb/drive/root:/Documents/report%201.docx:");
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct PathBuilder {
    path: String,
    error: Option<Error>,
}

impl PathBuilder {
    /// An empty path.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one or more literal segments from the documentation (`a` or
    /// `a/b`), unchanged.
    pub fn literal(mut self, text: &'static str) -> Self {
        debug_assert!(
            !text.contains(['?', '#', ' ']),
            "literal path text must be a valid path: {text}"
        );
        self.path.push('/');
        self.path.push_str(text.trim_start_matches('/'));
        self
    }

    /// Appends a segment holding the caller-supplied `value` of the
    /// parameter `name`.
    pub fn param(self, name: &'static str, value: &str) -> Self {
        self.segment().value(name, value)
    }

    /// Starts a segment to be filled with [`text`](Self::text),
    /// [`value`](Self::value), [`string_literal`](Self::string_literal) and
    /// [`item_path`](Self::item_path), for segments such as
    /// `range(address='{address}')`.
    pub fn segment(mut self) -> Self {
        self.path.push('/');
        self
    }

    /// Appends literal text from the documentation to the current segment.
    pub fn text(mut self, text: &'static str) -> Self {
        debug_assert!(
            !text.contains(['?', '#', ' ']),
            "literal path text must be a valid path: {text}"
        );
        self.path.push_str(text);
        self
    }

    /// Appends a caller-supplied value to the current segment, encoded as in
    /// [`param`](Self::param).
    pub fn value(mut self, name: &'static str, value: &str) -> Self {
        if value.is_empty() {
            self.fail(Error::EmptyPathParameter { name });
        } else if is_dot_segment(value) {
            self.fail(Error::DotPathParameter { name });
        } else {
            push_encoded(&mut self.path, value);
        }
        self
    }

    /// Appends an OData string literal to the current segment: the value in
    /// single quotes, inner `'` doubled, the content percent-encoded. An
    /// empty value is allowed (`''`).
    pub fn string_literal(mut self, _name: &'static str, value: &str) -> Self {
        self.path.push('\'');
        for piece in utf8_percent_encode(&value.replace('\'', "''"), UNRESERVED_ONLY) {
            self.path.push_str(piece);
        }
        self.path.push('\'');
        self
    }

    /// Appends a slash-separated item path (OneDrive `root:/{item-path}:`):
    /// `/` is kept between parts, each part is encoded as in
    /// [`param`](Self::param). An empty value is an error, and so is a `.`
    /// or `..` part (it would climb out of the item path); leading and
    /// trailing `/` are dropped.
    pub fn item_path(mut self, name: &'static str, value: &str) -> Self {
        let trimmed = value.trim_matches('/');
        if trimmed.is_empty() {
            self.fail(Error::EmptyPathParameter { name });
            return self;
        }
        if trimmed.split('/').any(is_dot_segment) {
            self.fail(Error::DotPathParameter { name });
            return self;
        }
        for (i, part) in trimmed.split('/').enumerate() {
            if i > 0 {
                self.path.push('/');
            }
            push_encoded(&mut self.path, part);
        }
        self
    }

    /// The path, or the first error met while building it.
    pub fn finish(self) -> Result<String, Error> {
        match self.error {
            Some(error) => Err(error),
            None if self.path.is_empty() => Ok("/".to_owned()),
            None => Ok(self.path),
        }
    }

    /// A [`Request`] with `method` for this path.
    pub fn request(self, method: http::Method) -> Result<Request, Error> {
        Ok(Request::new(method, self.finish()?))
    }

    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }
}

/// `.` or `..`: a path segment URLs read as a step, however it is encoded.
fn is_dot_segment(value: &str) -> bool {
    matches!(value, "." | "..")
}

/// Percent-encodes `value` into `out`.
fn push_encoded(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, UNRESERVED_ONLY));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(value: &str) -> Result<String, Error> {
        PathBuilder::new()
            .literal("deviceManagement/deviceConfigurations")
            .param("deviceConfiguration-id", value)
            .literal("deviceStatusOverview")
            .finish()
    }

    #[test]
    fn documented_path() {
        assert_eq!(
            one("abc-123").unwrap(),
            "/deviceManagement/deviceConfigurations/abc-123/deviceStatusOverview"
        );
    }

    #[test]
    fn hostile_ids_stay_in_their_segment() {
        let cases = [
            ("a/b", "a%2Fb"),
            ("a?b=1", "a%3Fb%3D1"),
            ("a#b", "a%23b"),
            ("100%", "100%25"),
            ("a b", "a%20b"),
            ("ü", "%C3%BC"),
            ("...", "..."),
            ("..a", "..a"),
            ("it's \"x\"", "it%27s%20%22x%22"),
            ("a+b&c;d", "a%2Bb%26c%3Bd"),
            ("A-z_0.9~", "A-z_0.9~"),
        ];
        for (value, encoded) in cases {
            let path = one(value).unwrap();
            assert_eq!(
                path,
                format!("/deviceManagement/deviceConfigurations/{encoded}/deviceStatusOverview"),
                "{value}"
            );
            assert_eq!(path.split('/').count(), 5, "{value}");
            assert!(!path.contains(['?', '#', ' ']), "{value}");
        }
    }

    #[test]
    fn empty_value_is_an_error() {
        match one("") {
            Err(Error::EmptyPathParameter { name }) => assert_eq!(name, "deviceConfiguration-id"),
            other => panic!("{other:?}"),
        }
        let r = PathBuilder::new()
            .segment()
            .text("x(")
            .value("v", "")
            .text(")")
            .finish();
        assert!(matches!(r, Err(Error::EmptyPathParameter { name: "v" })));
        let r = PathBuilder::new().text("root:").item_path("item-path", "//").finish();
        assert!(matches!(r, Err(Error::EmptyPathParameter { name: "item-path" })));
    }

    #[test]
    fn dot_values_are_errors_not_steps_up_the_path() {
        for value in [".", ".."] {
            assert!(
                matches!(
                    one(value),
                    Err(Error::DotPathParameter {
                        name: "deviceConfiguration-id"
                    })
                ),
                "{value}"
            );
        }
        let r = PathBuilder::new()
            .segment()
            .text("x(")
            .value("v", "..")
            .text(")")
            .finish();
        assert!(matches!(r, Err(Error::DotPathParameter { name: "v" })));
    }

    #[test]
    fn first_error_wins() {
        let r = PathBuilder::new().param("a", "").param("b", "").finish();
        assert!(matches!(r, Err(Error::EmptyPathParameter { name: "a" })));
    }

    #[test]
    fn function_call_segments() {
        let path = PathBuilder::new()
            .literal("me/drive/items")
            .param("item-id", "01ABC")
            .literal("workbook/worksheets")
            .param("worksheet-id", "Sheet 1")
            .segment()
            .text("range(address=")
            .string_literal("address", "A1:B2")
            .text(")")
            .finish()
            .unwrap();
        assert_eq!(
            path,
            "/me/drive/items/01ABC/workbook/worksheets/Sheet%201/range(address='A1%3AB2')"
        );
        let path = PathBuilder::new()
            .literal("sites/root")
            .segment()
            .text("getByPath(path=")
            .string_literal("path", "O'Brien/a#b")
            .text(")")
            .finish()
            .unwrap();
        assert_eq!(path, "/sites/root/getByPath(path='O%27%27Brien%2Fa%23b')");
        let empty = PathBuilder::new()
            .segment()
            .text("f(x=")
            .string_literal("x", "")
            .text(")");
        assert_eq!(empty.finish().unwrap(), "/f(x='')");
    }

    #[test]
    fn item_paths_keep_slashes_but_not_traversal() {
        let path = |p: &str| {
            PathBuilder::new()
                .literal("me/drive")
                .segment()
                .text("root:/")
                .item_path("item-path", p)
                .text(":")
                .literal("content")
                .finish()
                .unwrap()
        };
        assert_eq!(path("a/b c.txt"), "/me/drive/root:/a/b%20c.txt:/content");
        assert_eq!(path("/a/"), "/me/drive/root:/a:/content");
        assert_eq!(path("a?b#c"), "/me/drive/root:/a%3Fb%23c:/content");
        assert_eq!(path("a/..b/c."), "/me/drive/root:/a/..b/c.:/content");
        for climbing in ["../../x", "a/./b", "a/.."] {
            let r = PathBuilder::new()
                .literal("me/drive")
                .segment()
                .text("root:/")
                .item_path("item-path", climbing)
                .text(":")
                .finish();
            assert!(
                matches!(r, Err(Error::DotPathParameter { name: "item-path" })),
                "{climbing}"
            );
        }
    }

    #[test]
    fn empty_builder_is_root_and_request_uses_path() {
        assert_eq!(PathBuilder::new().finish().unwrap(), "/");
        let r = PathBuilder::new().literal("me").request(http::Method::GET).unwrap();
        assert_eq!(r.method, http::Method::GET);
        assert_eq!(r.path, "/me");
        assert!(PathBuilder::new().param("id", "").request(http::Method::GET).is_err());
    }
}
