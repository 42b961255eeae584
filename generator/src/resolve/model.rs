//! The resolved schema: every type, enum and operation with its Rust name
//! settled. Emission reads only this. Plain serde data, sorted.

use crate::schema::{ApiVersion, Argument, Header, Method, OperationKind, Permissions, Piece, Primitive, Segment};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the emitter needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// Models by qualified wire name.
    pub models: BTreeMap<String, Model>,
    /// Enums by qualified wire name.
    pub enums: BTreeMap<String, Enum>,
    /// Operations, sorted by Rust name.
    pub operations: Vec<Op>,
}

/// What a field or body holds, with Rust names of named types settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Ty {
    Primitive(Primitive),
    /// A model, by Rust name.
    Model(String),
    /// An enum, by Rust name.
    Enum(String),
    Collection(Box<Ty>),
    /// A reference to an entity (`{"@odata.id": ...}`), as `$ref` routes
    /// send and answer it.
    Reference,
    /// A value of a flags enum, by the enum's Rust name: a set of members
    /// written `"x86,x64"`.
    Flags(String),
}

/// A struct for an entity or complex type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub wire_name: String,
    pub rust_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The base type's qualified wire name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// All properties, inherited ones first.
    pub fields: Vec<Field>,
    /// Pages (or metadata) the type was read from.
    pub sources: Vec<String>,
    /// Feature (workload) names that use the type; empty: always compiled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// Qualified wire names of the models derived from this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<String>,
    /// The enum of this type and its derived types, when it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_name: Option<String>,
    /// An open type, or derived from one: instances may hold properties
    /// beyond `fields` (dynamic properties), which are not an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// A route's query options name its properties: it has them as
    /// constants (`User::DISPLAY_NAME`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub queried: bool,
    /// The workload module it is filed under (`models::users`): the one
    /// whose routes use it most nearly; `common` when no route does.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub home: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: Ty,
    /// A navigation property: a related entity (for `$expand`), not data of
    /// the object itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub navigation: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enum {
    pub wire_name: String,
    pub rust_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub variants: Vec<Variant>,
    /// A flags enum: a value is a set of members written `"a,b"`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flags: bool,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// The workload module it is filed under (`enums::users`), as for models.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub home: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub wire_name: String,
    pub rust_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// An operation: one request type with an enum of its documented paths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub rust_name: String,
    /// Search aliases: each documented request line (`GET /users/{id}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The workload module the route lives in.
    pub workload: String,
    /// The Cargo feature of the workload.
    pub feature: String,
    pub title: String,
    pub kind: OperationKind,
    pub method: Method,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Descriptions of the other pages documenting the route (type-specific
    /// guidance), with their page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<(String, String)>,
    pub permissions: Permissions,
    /// Request headers the page documents, other than `Authorization`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<ApiVersion>,
    pub paths: Vec<OpPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Ty>,
    /// For a create whose body is a model with derived types: the model's
    /// `XKind` enum, which the route takes so any derived type can be sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Ty>,
    /// The request body is content bytes (`PUT .../content`, `.../$value`), not JSON.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub raw_request: bool,
    /// The response body is content bytes (downloads, `302` redirects to them).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub raw_response: bool,
    /// The documented success status (`204`, `202`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// What a success answers when it is not a body of `response`.
    #[serde(default, skip_serializing_if = "Answer::is_body")]
    pub answer: Answer,
    pub odata_query: bool,
    /// The OData system query options its pages say it supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<crate::schema::QueryOption>,
    /// The model (Rust name) whose properties `query_options` name: what
    /// the route answers, or the element of the collection it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_item: Option<String>,
    /// Pages documenting the operation (the same operation may be on several).
    pub sources: Vec<String>,
    /// Documented examples that the generated tests replay.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<OpExample>,
}

/// What a successful response holds, besides a JSON body of the route's
/// `response` type (or bytes, for `raw_response`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Answer {
    /// The body, of `response` (untyped JSON when that is unknown).
    #[default]
    Body,
    /// No body: `204 No Content` (updates, deletes, actions that return nothing).
    NoContent,
    /// `202 Accepted`: the work goes on; the `Location` header says where.
    Accepted,
    /// A single primitive or enum value of `response`, answered inside
    /// `{"value": ...}` (a function returning `Edm.Boolean`, a property).
    Value,
}

impl Answer {
    pub fn is_body(&self) -> bool {
        *self == Answer::Body
    }
}

/// One documented path of an operation, reached by navigation
/// (`navigation::Address`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpPath {
    pub template: String,
    pub segments: Vec<Segment>,
    /// Query parameters written in the template (`startDateTime={start}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<Argument>,
    /// Parameters: wire name and Rust field name, one per placeholder in the
    /// order they are written (segments, then query).
    pub params: Vec<(String, String)>,
    /// Indexes (into `params`) of OneDrive item paths (`root:/{item-path}:`):
    /// their `/` separate folders, so they are kept while each part is encoded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_paths: Vec<usize>,
}

impl OpPath {
    /// The template with its query's pairs, as the matcher reads it
    /// (`/me/calendarView?startDateTime={start}`,
    /// [`bind`](crate::matcher::bind)).
    pub fn pattern(&self) -> String {
        if self.query.is_empty() {
            return self.template.clone();
        }
        let pairs: Vec<String> = self
            .query
            .iter()
            .map(|a| {
                let value: String = a
                    .value
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(t) => t.clone(),
                        Piece::Param(p) => format!("{{{}}}", p.name),
                        Piece::Quoted(p) => format!("'{{{}}}'", p.name),
                    })
                    .collect();
                match &a.name {
                    Some(name) => format!("{name}={value}"),
                    None => value,
                }
            })
            .collect();
        format!("{}?{}", self.template, pairs.join("&"))
    }
}

/// An example to replay through the generated route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpExample {
    /// Index of the path the example URL matches, with the parameter values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<(usize, Vec<String>)>,
    pub url_path: String,
    /// The example URL's query, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_body: Option<serde_json::Value>,
    /// The page and line of the example.
    pub source: String,
    pub line: u32,
}
