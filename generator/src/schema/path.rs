//! Path templates of operations, as segments.

use serde::{Deserialize, Serialize};

/// One documented request path, normalised.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PathTemplate {
    /// The normalised template: leading `/`, no `//`, no trailing `/`, no query.
    pub template: String,
    pub segments: Vec<Segment>,
    /// A query string written in the template (`?$filter=...`), without `?`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// That query as `name=value` pairs, percent-decoded, with placeholders
    /// (`startDateTime={start_datetime}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_params: Vec<Argument>,
    /// 1-based line of the path in its page.
    pub line: u32,
}

impl PathTemplate {
    /// Every placeholder, in order: the segments', then the query's. A name
    /// written twice (`/groups/{id}/events/{id}`) is two parameters: pages
    /// reuse `{id}` for different ids.
    pub fn parameters(&self) -> Vec<&Param> {
        let path = self.segments.iter().flat_map(Segment::params);
        path.chain(self.query_params.iter().flat_map(|a| pieces_params(&a.value)))
            .collect()
    }
}

/// A parameter placeholder: `{id}` or `{id | userPrincipalName}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Param {
    /// The first name written in the braces.
    pub name: String,
    /// Further names given as alternatives (`{id | userPrincipalName}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

/// Text and placeholders inside one segment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Piece {
    Text(String),
    Param(Param),
    /// A quoted OData string literal holding a placeholder: `'{value}'`.
    Quoted(Param),
}

/// One `/`-separated segment of a path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Segment {
    /// A navigation or entity-set name: `deviceManagement`.
    Literal { name: String },
    /// A key or free placeholder making up the whole segment: `{id}`.
    Key { param: Param },
    /// A type cast: `microsoft.graph.iosScepCertificateProfile`.
    Cast { type_name: String },
    /// A function or action call: `delta()`, `range(address='{address}')`.
    Call { name: String, arguments: Vec<Argument> },
    /// `$ref`, `$value`, `$count`.
    System { name: String },
    /// Anything else mixing text and placeholders: `root:`, `{item-path}:`.
    Mixed { pieces: Vec<Piece> },
}

impl Segment {
    /// The placeholders of the segment, in order.
    pub fn params(&self) -> Vec<&Param> {
        match self {
            Segment::Key { param } => vec![param],
            Segment::Call { arguments, .. } => arguments.iter().flat_map(|a| pieces_params(&a.value)).collect(),
            Segment::Mixed { pieces } => pieces_params(pieces),
            _ => Vec::new(),
        }
    }
}

/// The text of a segment's pieces, placeholders left out
/// (`roleTemplateId={x}` -> `roleTemplateId=`).
pub fn pieces_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

fn pieces_params(pieces: &[Piece]) -> Vec<&Param> {
    pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Param(p) | Piece::Quoted(p) => Some(p),
            Piece::Text(_) => None,
        })
        .collect()
}

/// One `name=value` argument of a call segment (or a positional value).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Argument {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub value: Vec<Piece>,
}

/// A GUID as Graph writes ids: `8-4-4-4-12` hexadecimal digits.
pub fn is_guid(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}
