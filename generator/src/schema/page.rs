//! Facts read from one reference page: an operation, a resource type or
//! enum types. Plain data with sorted maps; `line` fields are provenance.

use super::path::PathTemplate;
use super::permissions::Permissions;
use super::types::TypeRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The three source formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PageFormat {
    /// Markdown without front matter (`## Prerequisites`, italic scopes).
    ClassicMarkdown,
    /// Markdown with YAML front matter, permissions tables and annotations.
    CurrentMarkdown,
    /// The published page as plain text.
    PublishedText,
}

/// What a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PageKind {
    Operation,
    Resource,
    Enum,
    /// Conceptual or overview pages: read, nothing extracted.
    Other,
}

/// Everything read from one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Path of the page relative to its input folder.
    pub file: String,
    pub format: PageFormat,
    pub kind: PageKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumType>,
}

impl Page {
    /// A page of `kind` read from `file` with nothing on it yet.
    pub fn new(file: &str, format: PageFormat, kind: PageKind) -> Page {
        Page {
            file: file.to_string(),
            format,
            kind,
            title: None,
            namespace: None,
            description: None,
            operation: None,
            resource: None,
            enums: Vec::new(),
        }
    }
}

/// The kind of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    List,
    Get,
    Create,
    Update,
    Delete,
    Action,
    Function,
}

/// The API version a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApiVersion {
    #[serde(rename = "v1.0")]
    V1,
    #[serde(rename = "beta")]
    Beta,
}

/// HTTP methods used by Graph operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    pub fn parse(text: &str) -> Option<Method> {
        Some(match text {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PATCH" => Method::Patch,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// An operation documented by an API page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// The title (`Update deviceComplianceUserOverview`), or one inferred
    /// from the description and method when the page has none.
    pub name: String,
    pub kind: OperationKind,
    /// The type the operation acts on, from the title or description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<ApiVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every documented request line: method and path.
    pub requests: Vec<RequestLine>,
    pub permissions: Permissions,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<Header>,
    /// Whether the page says the OData query parameters are supported.
    pub odata_query: bool,
    /// The OData system query options the page says the operation supports:
    /// the ones it names, or every one when it names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<QueryOption>,
    /// Query parameters listed in a table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_parameters: Vec<Property>,
    /// Path and function parameters listed in a table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Property>,
    /// The type named as the request body (`supply a JSON representation of [x]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body_type: Option<TypeRef>,
    /// Request body property rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_body: Vec<Property>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// An OData system query option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QueryOption {
    Select,
    Expand,
    Filter,
    OrderBy,
    Top,
    Skip,
    Count,
    Search,
}

impl QueryOption {
    pub const ALL: [QueryOption; 8] = [
        QueryOption::Select,
        QueryOption::Expand,
        QueryOption::Filter,
        QueryOption::OrderBy,
        QueryOption::Top,
        QueryOption::Skip,
        QueryOption::Count,
        QueryOption::Search,
    ];

    /// The option a name stands for: `$select`, `select`, `$orderBy`.
    pub fn from_name(name: &str) -> Option<QueryOption> {
        let name = name.strip_prefix('$').unwrap_or(name);
        QueryOption::ALL
            .into_iter()
            .find(|o| o.name().eq_ignore_ascii_case(name))
    }

    /// The name without `$`, lower case (`orderby`).
    pub fn name(self) -> &'static str {
        match self {
            QueryOption::Select => "select",
            QueryOption::Expand => "expand",
            QueryOption::Filter => "filter",
            QueryOption::OrderBy => "orderby",
            QueryOption::Top => "top",
            QueryOption::Skip => "skip",
            QueryOption::Count => "count",
            QueryOption::Search => "search",
        }
    }
}

/// `METHOD /path`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RequestLine {
    pub method: Method,
    pub path: PathTemplate,
}

/// A request header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub required: bool,
}

/// A property, parameter or query parameter row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// From a `Required` column or `Required.`/`Optional.` in the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// Values listed in the description (`Possible values are: ...`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    pub line: u32,
}

/// The documented response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<TypeRef>,
}

/// One documented example: a request and its response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The example's name from its annotation (provenance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleResponse>,
}

/// An example request as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: Method,
    /// The URL as written.
    pub url: String,
    /// The path relative to the version base, without query.
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<ApiVersion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    pub line: u32,
}

/// An example response as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    pub line: u32,
}

/// A JSON body, or text that is not JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Body {
    /// Valid JSON as written.
    Json(serde_json::Value),
    /// JSON read after repair (trailing commas, `...`, comments): it may
    /// differ from what the service sends.
    Repaired(serde_json::Value),
    /// Not JSON.
    Text(String),
}

impl Body {
    pub fn json(&self) -> Option<&serde_json::Value> {
        match self {
            Body::Json(v) | Body::Repaired(v) => Some(v),
            Body::Text(_) => None,
        }
    }
}

/// A resource (entity or complex) type page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    /// Navigation properties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<Property>,
    /// Key and placeholder of each property in the JSON representation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub json_hints: BTreeMap<String, String>,
    /// Operations linked from the Methods table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<MethodLink>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open_type: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_abstract: bool,
}

/// A row of a resource page's Methods table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodLink {
    pub name: String,
    /// The linked page, relative to the resource page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<TypeRef>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub line: u32,
}

/// An enum type from an enum page or a `### x values` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: String,
    pub members: Vec<EnumMember>,
    pub line: u32,
}

/// One member of an enum type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub line: u32,
}
