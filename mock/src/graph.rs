//! The local Graph's route table: every resolved operation with the answers
//! its pages document (status, headers, body), read from a folder of pages
//! and, where given, CSDL metadata.

use generator::csdl::Csdl;
use generator::plan::matcher::Matcher;
use generator::regen::RegenError;
use generator::resolve::{self, Model, Op, Schema, Ty};
use generator::schema::{Body, Method, OperationKind, Page};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// The operations of a resolved schema with their documented answers.
#[derive(Debug)]
pub struct Graph {
    pub(crate) schema: Schema,
    /// One per operation, in `schema.operations` order.
    pub(crate) answers: Vec<Vec<Answer>>,
    /// Models by Rust name (what [`Ty::Model`] holds) and by wire name.
    pub(crate) models: HashMap<String, usize>,
    pub(crate) model_list: Vec<Model>,
    pub(crate) models_by_wire: HashMap<String, usize>,
    /// A documented example of each model some answer shows one of (a
    /// single entity's body, or the first item of a list's), by Rust name:
    /// the body of an answer from the metadata (`crate::metadata`).
    pub(crate) examples: HashMap<String, serde_json::Map<String, Value>>,
    /// Every documented method and path (with its query's placeholders,
    /// [`OpPath::pattern`](resolve::OpPath::pattern)) as (operation, path)
    /// indexes: routing matches requests exactly against it
    /// ([`Matcher::find_all`]), and ranks the nearest paths to one nothing
    /// matches ([`Matcher::nearest`]).
    pub(crate) paths: Matcher<(usize, usize)>,
    /// The CSDL document loaded, for paths no page documents
    /// (`crate::metadata`).
    pub(crate) metadata: Option<crate::csdl_index::Metadata>,
}

/// What the server sends for one documented example (or, for an operation
/// without one, what its method implies).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The path the example's URL matched, with its parameter values.
    pub path: Option<(usize, Vec<String>)>,
    /// The example URL's path and query as written.
    pub url_path: String,
    pub url_query: Option<String>,
    /// The example request's JSON body as the page writes it.
    pub request_body: Option<Value>,
    /// The example request's headers as the page writes them, those that
    /// change the answer only (`Prefer`, `Accept-Language`,
    /// `ConsistencyLevel`; not `Authorization` nor `Content-Type`).
    pub request_headers: Vec<(String, String)>,
    pub status: u16,
    /// Response headers as the page writes them (framing headers left out).
    pub headers: Vec<(String, String)>,
    pub body: AnswerBody,
    /// The page and line of the example (empty for a default answer).
    pub source: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AnswerBody {
    None,
    Json(Value),
    Text(String),
}

/// Why a folder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error(transparent)]
    Regen(#[from] RegenError),
    #[error(transparent)]
    Load(#[from] generator::load::LoadError),
}

impl Answer {
    /// The example's path and query as a request target (after the version
    /// prefix), with what a URL cannot hold as written percent-encoded.
    pub fn target(&self) -> String {
        let target = match &self.url_query {
            Some(q) => format!("{}?{q}", self.url_path),
            None => self.url_path.clone(),
        };
        encode(&target)
    }

    /// Whether `name` (`api/user-get.md` or `api/user-get.md:58`, as the
    /// `x-mock-example` header of a response names it) is this example.
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        !self.source.is_empty()
            && match name.rsplit_once(':') {
                Some((page, line)) if line.parse() == Ok(self.line) => page == self.source,
                _ => name == self.source,
            }
    }
}

impl Graph {
    /// Reads the pages under `input` as `regen` does (with the folder's
    /// fixes), merges the CSDL document (`csdl`, else the one
    /// `generator.json` names, if any) and builds the route table.
    pub fn load(input: &Path, csdl: Option<&Path>) -> Result<Graph, LoadError> {
        let input = generator::load::load(input, csdl.map(Path::to_path_buf))?;
        let (pages, csdl) = input.into_parts();
        Ok(Graph::with_metadata(&pages, csdl))
    }

    /// A route table for pages already read, keeping the CSDL document (when
    /// given) to answer the paths it defines that no page documents
    /// (`crate::metadata`).
    pub fn with_metadata(pages: &[Page], csdl: Option<Csdl>) -> Graph {
        let mut graph = Graph::new(pages, csdl.as_ref());
        graph.metadata = csdl.map(crate::csdl_index::Metadata::index);
        graph
    }

    /// Resolves page facts (with CSDL metadata when given) into a route table.
    pub fn new(pages: &[Page], csdl: Option<&Csdl>) -> Graph {
        let schema = resolve::resolve(pages, csdl).schema;
        Graph::from_schema(schema, pages)
    }

    /// A route table for a resolved schema; `pages` give the documented
    /// status and headers of each example response.
    pub fn from_schema(schema: Schema, pages: &[Page]) -> Graph {
        // Example responses by (page, line of the example request).
        let mut documented = HashMap::new();
        for page in pages {
            let Some(op) = &page.operation else { continue };
            for e in &op.examples {
                if let Some(request) = &e.request {
                    documented.insert((page.file.as_str(), request.line), (request, e.response.as_ref()));
                }
            }
        }
        let page_status: HashMap<&str, u16> = pages
            .iter()
            .filter_map(|p| Some((p.file.as_str(), p.operation.as_ref()?.response.as_ref()?.status?)))
            .collect();
        let answers: Vec<Vec<Answer>> = schema
            .operations
            .iter()
            .map(|op| {
                let mut out: Vec<Answer> = op
                    .examples
                    .iter()
                    .map(|e| {
                        let (request, response) = documented
                            .get(&(e.source.as_str(), e.line))
                            .map_or((None, None), |(q, r)| (Some(*q), *r));
                        let status = response
                            .and_then(|r| r.status)
                            .or_else(|| page_status.get(e.source.as_str()).copied())
                            .unwrap_or_else(|| default_status(op));
                        let body = match response.and_then(|r| r.body.as_ref()) {
                            Some(Body::Json(v) | Body::Repaired(v)) => AnswerBody::Json(v.clone()),
                            Some(Body::Text(t)) if !t.trim().is_empty() => AnswerBody::Text(t.clone()),
                            _ => AnswerBody::None,
                        };
                        Answer {
                            path: e.path.clone(),
                            url_path: e.url_path.clone(),
                            url_query: e.url_query.clone(),
                            request_body: request
                                .and_then(|q| q.body.as_ref())
                                .and_then(Body::json)
                                .cloned()
                                .or_else(|| e.request_body.clone()),
                            request_headers: request.map(|q| request_headers(&q.headers)).unwrap_or_default(),
                            status,
                            headers: response.map(|r| response_headers(&r.headers)).unwrap_or_default(),
                            body,
                            source: e.source.clone(),
                            line: e.line,
                        }
                    })
                    .collect();
                if out.is_empty() {
                    out.push(default_answer(op, page_status.get(op.sources[0].as_str()).copied()));
                }
                out
            })
            .collect();
        let model_list: Vec<Model> = schema.models.values().cloned().collect();
        let models = model_list
            .iter()
            .enumerate()
            .map(|(i, m)| (m.rust_name.clone(), i))
            .collect();
        let models_by_wire = model_list
            .iter()
            .enumerate()
            .map(|(i, m)| (m.wire_name.to_ascii_lowercase(), i))
            .collect();
        let examples = model_examples(&schema, &answers);
        let mut paths = Matcher::new();
        for (o, op) in schema.operations.iter().enumerate() {
            for (p, path) in op.paths.iter().enumerate() {
                paths.insert(op.method.as_str(), &path.pattern(), (o, p));
            }
        }
        Graph {
            schema,
            answers,
            models,
            model_list,
            models_by_wire,
            examples,
            paths,
            metadata: None,
        }
    }

    /// The resolved schema the table was built from.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The operations, in the schema's order.
    pub fn operations(&self) -> &[Op] {
        &self.schema.operations
    }

    /// The answers of the operation at `op` (at least one).
    pub fn answers(&self, op: usize) -> &[Answer] {
        &self.answers[op]
    }

    /// The model a [`Ty::Model`] names.
    pub(crate) fn model(&self, rust_name: &str) -> Option<&Model> {
        self.models.get(rust_name).map(|&i| &self.model_list[i])
    }

    /// A documented example of the model an `@odata.type` or qualified
    /// name (`microsoft.graph.application`) names.
    pub(crate) fn example_of(&self, type_name: &str) -> Option<&serde_json::Map<String, Value>> {
        self.examples.get(&self.model_by_odata_type(type_name)?.rust_name)
    }

    /// The model named by an `@odata.type` value (`#microsoft.graph.user`).
    pub(crate) fn model_by_odata_type(&self, odata_type: &str) -> Option<&Model> {
        let name = odata_type.trim_start_matches('#').to_ascii_lowercase();
        self.models_by_wire
            .get(&name)
            .or_else(|| self.models_by_wire.get(&format!("microsoft.graph.{name}")))
            .map(|&i| &self.model_list[i])
    }
}

/// The first documented example of each model, by Rust name: from the
/// successful answers of the operations returning one (a single entity, or
/// the first item of a list), in the schema's order; one whose
/// `@odata.type` names another type (a derived one) only where no other
/// shows the model. Context and paging annotations are left out.
fn model_examples(schema: &Schema, answers: &[Vec<Answer>]) -> HashMap<String, serde_json::Map<String, Value>> {
    let mut exact: HashMap<String, serde_json::Map<String, Value>> = HashMap::new();
    let mut derived: HashMap<String, serde_json::Map<String, Value>> = HashMap::new();
    let wires: HashMap<&str, &str> = schema
        .models
        .values()
        .map(|m| (m.rust_name.as_str(), m.wire_name.as_str()))
        .collect();
    for (op, answers) in schema.operations.iter().zip(answers) {
        let (model, list) = match &op.response {
            Some(Ty::Model(m)) => (m, false),
            Some(Ty::Collection(item)) => match item.as_ref() {
                Ty::Model(m) => (m, true),
                _ => continue,
            },
            _ => continue,
        };
        let Some(&wire) = wires.get(model.as_str()) else {
            continue;
        };
        for answer in answers.iter().filter(|a| (200..300).contains(&a.status)) {
            let AnswerBody::Json(body) = &answer.body else { continue };
            let item = match list {
                true => body.get("value").and_then(Value::as_array).and_then(|v| v.first()),
                false => Some(body),
            };
            let Some(Value::Object(item)) = item else { continue };
            let mut item = item.clone();
            item.retain(|k, _| !matches!(k.as_str(), "@odata.context" | "@odata.nextLink" | "@odata.deltaLink"));
            let typed = item.get("@odata.type").and_then(Value::as_str).map(|t| {
                let t = t.trim_start_matches('#');
                t.eq_ignore_ascii_case(wire) || wire.rsplit('.').next().is_some_and(|w| t.eq_ignore_ascii_case(w))
            });
            let into = match typed {
                Some(false) => &mut derived,
                _ => &mut exact,
            };
            into.entry(model.clone()).or_insert(item);
        }
    }
    for (model, item) in derived {
        exact.entry(model).or_insert(item);
    }
    exact
}

/// The status an operation answers with when its page shows none.
fn default_status(op: &Op) -> u16 {
    match op.method {
        Method::Get => 200,
        Method::Delete => 204,
        Method::Post if op.kind == OperationKind::Create => 201,
        _ if op.response.is_some() || op.raw_response => 200,
        _ => 204,
    }
}

/// The answer of an operation whose pages show no example: its status, and an
/// empty collection or object when it returns one.
fn default_answer(op: &Op, page_status: Option<u16>) -> Answer {
    let status = page_status.unwrap_or_else(|| default_status(op));
    let body = match (&op.response, status) {
        (_, 204) => AnswerBody::None,
        (Some(Ty::Collection(_)), _) => AnswerBody::Json(serde_json::json!({ "value": [] })),
        (Some(Ty::Model(_)), _) => AnswerBody::Json(serde_json::json!({})),
        _ => AnswerBody::None,
    };
    Answer {
        path: None,
        url_path: String::new(),
        url_query: None,
        request_body: None,
        request_headers: Vec::new(),
        status,
        headers: Vec::new(),
        body,
        source: String::new(),
        line: 0,
    }
}

/// Response headers worth sending: framing is the server's own business.
fn response_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(name, _)| {
            !["content-length", "transfer-encoding", "connection"]
                .iter()
                .any(|h| name.eq_ignore_ascii_case(h))
        })
        .cloned()
        .collect()
}

/// Request headers that may change the answer: all but credentials, body
/// framing and the host.
fn request_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(name, _)| {
            !["authorization", "content-type", "content-length", "host", "accept"]
                .iter()
                .any(|h| name.trim().eq_ignore_ascii_case(h))
        })
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect()
}

/// A local Graph of one page per (request line, documented status), for
/// the unit tests of routing and answering.
#[cfg(test)]
pub(crate) fn graph_of(lines: &[(&str, u16)]) -> Graph {
    let pages: Vec<_> = lines
        .iter()
        .enumerate()
        .map(|(i, (line, status))| {
            let text = format!(
                "---\ntitle: \"Route {i}\"\ndoc_type: apiPageType\n---\n\n# Route {i}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\n{line}\n```\n\n## Response\n\nIf successful, this method returns a `{status}` response code.\n"
            );
            generator::read::read_page(&format!("api/route-{i}.md"), &text).page
        })
        .collect();
    Graph::new(&pages, None)
}

/// Percent-encodes what a URL may not hold as written (a space, quotes,
/// braces...), as an example URL is sent: `/users/{id}` goes as
/// `/users/%7Bid%7D`.
pub fn encode(target: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'#')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'\\')
        .add(b'^');
    percent_encoding::utf8_percent_encode(target, SET).to_string()
}
