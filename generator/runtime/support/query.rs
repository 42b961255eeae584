//! [`QueryOptions`]: the OData system query options (`$select`, `$filter`,
//! ...) with a chained builder and a deterministic order.

use percent_encoding::{utf8_percent_encode, AsciiSet};

use super::encoding::UNRESERVED_ONLY;

/// Characters left as they are in query keys and values besides the
/// unreserved ones: they are common in OData expressions and carry no
/// meaning inside a query component. `&`, `=`, `+`, `#`, `%`, spaces and
/// quotes `"` are encoded (spaces as `%20`).
const QUERY_ENCODE: &AsciiSet = &UNRESERVED_ONLY
    .remove(b'$')
    .remove(b',')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b':')
    .remove(b'/')
    .remove(b'@')
    .remove(b'*');

/// Percent-encodes one query key or value.
pub(crate) fn encode_query_component(text: &str) -> String {
    utf8_percent_encode(text, QUERY_ENCODE).to_string()
}

/// OData system query options for a request.
///
/// ```
/// use msgraph_typed_support::QueryOptions;
/// let q = QueryOptions::new()
///     .select(["id", "displayName"])
///     .filter("startswith(displayName,'A')")
///     .top(5);
/// assert_eq!(q.to_query_string(), "$select=id,displayName&$filter=startswith(displayName,'A')&$top=5");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct QueryOptions {
    select: Vec<String>,
    expand: Vec<String>,
    filter: Option<String>,
    order_by: Vec<String>,
    search: Option<String>,
    count: Option<bool>,
    top: Option<u64>,
    skip: Option<u64>,
    other: Vec<(String, String)>,
}

impl QueryOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds properties to `$select`.
    pub fn select<I, S>(mut self, properties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.select.extend(properties.into_iter().map(Into::into));
        self
    }

    /// Adds navigation properties (with any nested options, such as
    /// `members($select=id)`) to `$expand`.
    pub fn expand<I, S>(mut self, properties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.expand.extend(properties.into_iter().map(Into::into));
        self
    }

    /// Sets `$filter`, replacing any earlier filter.
    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.filter = Some(expression.into());
        self
    }

    /// Adds sort keys (`displayName`, `createdDateTime desc`) to `$orderby`.
    pub fn order_by<I, S>(mut self, keys: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.order_by.extend(keys.into_iter().map(Into::into));
        self
    }

    /// Sets `$search`, replacing any earlier search. Graph expects the
    /// expression in double quotes (`"displayName:team"`); it is sent as
    /// given.
    pub fn search(mut self, expression: impl Into<String>) -> Self {
        self.search = Some(expression.into());
        self
    }

    /// Sets `$count`.
    pub fn count(mut self, count: bool) -> Self {
        self.count = Some(count);
        self
    }

    /// Sets `$top`.
    pub fn top(mut self, top: u64) -> Self {
        self.top = Some(top);
        self
    }

    /// Sets `$skip`.
    pub fn skip(mut self, skip: u64) -> Self {
        self.skip = Some(skip);
        self
    }

    /// Adds any other query parameter (such as `$skiptoken` or a function
    /// parameter alias), sent after the system query options.
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.other.push((key.into(), value.into()));
        self
    }

    /// True if no option is set.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The options as unencoded key/value pairs, always in the order
    /// `$select`, `$expand`, `$filter`, `$orderby`, `$search`, `$count`,
    /// `$top`, `$skip`, then other parameters in the order they were added.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut push = |key: &str, value: String| pairs.push((key.to_owned(), value));
        if !self.select.is_empty() {
            push("$select", self.select.join(","));
        }
        if !self.expand.is_empty() {
            push("$expand", self.expand.join(","));
        }
        if let Some(filter) = &self.filter {
            push("$filter", filter.clone());
        }
        if !self.order_by.is_empty() {
            push("$orderby", self.order_by.join(","));
        }
        if let Some(search) = &self.search {
            push("$search", search.clone());
        }
        if let Some(count) = self.count {
            push("$count", count.to_string());
        }
        if let Some(top) = self.top {
            push("$top", top.to_string());
        }
        if let Some(skip) = self.skip {
            push("$skip", skip.to_string());
        }
        pairs.extend(self.other.iter().cloned());
        pairs
    }

    /// The encoded query string, without the leading `?`.
    pub fn to_query_string(&self) -> String {
        encode_pairs(&self.pairs())
    }
}

/// Encodes `key=value` pairs joined with `&`.
pub(crate) fn encode_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_query_component(k), encode_query_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `value` as an OData string literal: in single quotes, inner quotes
/// doubled (`O'Neil` is `'O''Neil'`), for values placed inside documented
/// query expressions.
pub fn odata_string(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_in_a_fixed_order() {
        let q = QueryOptions::new()
            .top(5)
            .skip(10)
            .param("$skiptoken", "abc")
            .count(true)
            .search("\"displayName:team\"")
            .order_by(["displayName desc"])
            .filter("a eq 1")
            .expand(["members"])
            .select(["id"])
            .select(["displayName"]);
        let keys: Vec<String> = q.pairs().into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "$select",
                "$expand",
                "$filter",
                "$orderby",
                "$search",
                "$count",
                "$top",
                "$skip",
                "$skiptoken"
            ]
        );
        assert_eq!(q.pairs()[0].1, "id,displayName");
        assert!(!q.is_empty());
        assert!(QueryOptions::new().is_empty());
        assert_eq!(QueryOptions::new().to_query_string(), "");
    }

    #[test]
    fn values_are_encoded() {
        let q = QueryOptions::new()
            .filter("displayName eq 'A&B=C+D #1 50%'")
            .search("\"displayName:ü\"");
        assert_eq!(
            q.to_query_string(),
            "$filter=displayName%20eq%20'A%26B%3DC%2BD%20%231%2050%25'&$search=%22displayName:%C3%BC%22"
        );
        let q = QueryOptions::new()
            .select(["id", "displayName"])
            .order_by(["createdDateTime desc"]);
        assert_eq!(
            q.to_query_string(),
            "$select=id,displayName&$orderby=createdDateTime%20desc"
        );
    }
}
