//! The HTTP server: axum on 127.0.0.1, one handler for every request. It
//! checks the request (authorization, route, body), then answers with the
//! documented example, or from its state when state is on; chosen routes
//! answer faults on demand (`crate::faults`) or drawn (`crate::fault_draws`);
//! `$batch` answers each part the same way (`crate::batch`); upload URLs
//! take byte ranges (`crate::upload`); a handler panic is a 500, never a
//! dead server.

use crate::batch::BATCH_PATH;
use crate::error::ODataError;
use crate::error::UnknownRoute;
use crate::fault_draws::{Delay, FaultDraws, Verdict};
use crate::fault_rules::FaultPlan;
use crate::faults::{Fault, Faults};
use crate::graph::{AnswerBody, Graph};
use crate::overrides::{Override, Overrides};
use crate::paging::Paging;
use crate::query::Query;
use crate::recording::{Recorded, Recorder};
use crate::route::{Ask, Routed, Routing};
use crate::state::{self, Store};
use crate::tenant::{self, Located};
use crate::upload::{Range, Uploads, UPLOAD_PATH};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use generator::schema::{Method, OperationKind};
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use tower_http::catch_panic::CatchPanicLayer;

mod faults;
mod responses;

use responses::{answer_response, mark, override_response};

/// The header naming a documented example (`api/user-get.md:58`, or the page
/// alone): on a response, the example that answered; on a request, the one
/// to answer with, among the examples of the operation the request reaches
/// (pages documenting one request per derived type each give their own).
pub const EXAMPLE_HEADER: &str = "x-mock-example";

/// Where the program under test sets faults (`crate::faults`).
pub const FAULTS_PATH: &str = "/$mock/faults";

/// Where the program under test sets seeded fault rules while the server
/// runs (`crate::fault_rules`): `POST` a plan (`{"seed": 7, "rules":
/// ["503:10%@GET /users"]}`) in place of the current one, `GET` the current
/// one, `DELETE` to clear it.
pub const FAULT_RULES_PATH: &str = "/$mock/fault-rules";

const FAULT_SHAPE: &str =
    r#"`{"route": "GET /users", "status": 503, "times": 1}` (optional `body`, `contentType`, `retryAfter`)"#;

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port on 127.0.0.1; 0 takes any free one.
    pub port: u16,
    /// Keep what POST creates, PATCH/PUT change and DELETE removes.
    pub stateful: bool,
    /// Cut every collection answer into pages of this size when the request
    /// gives no `$top`.
    pub page_size: Option<usize>,
    /// The `Retry-After` (seconds) of a throttled answer.
    pub retry_after: u64,
    /// Answer 401 to a request without an `Authorization` header.
    pub require_authorization: bool,
    /// Keep every request received, for [`Server::requests`].
    pub record: bool,
    /// Write every request received to this file as JSON lines.
    pub log: Option<std::path::PathBuf>,
    /// Seeded faults on every route or chosen ones (`crate::fault_rules`).
    pub faults: FaultPlan,
    /// The user's own answers, extra or in place of the documented ones
    /// (`crate::overrides`).
    pub overrides: Vec<Override>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: 0,
            stateful: false,
            page_size: None,
            retry_after: 1,
            require_authorization: true,
            record: true,
            log: None,
            faults: FaultPlan::default(),
            overrides: Vec::new(),
        }
    }
}

/// What the handler shares: the route table, the options, the state and the
/// faults still to give.
#[derive(Debug)]
pub(crate) struct Shared {
    graph: Arc<Graph>,
    options: Options,
    store: Mutex<Store>,
    faults: Faults,
    /// The seeded rules in force: replaced whole over HTTP, so a new plan
    /// draws from fresh streams of its seed.
    draws: RwLock<Arc<FaultDraws>>,
    overrides: Overrides,
    uploads: Uploads,
    requests: AtomicU64,
    recorder: Recorder,
}

/// A running server; dropping it (or [`Server::shutdown`]) stops it.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Server {
    /// Binds 127.0.0.1 and serves on a thread of its own (with its own
    /// runtime), so sync and async callers alike can use it. Returns once the
    /// port is bound; a fault rule naming no documented route, or an
    /// override whose request line does not read, is an `InvalidInput` error.
    pub fn start(graph: impl Into<Arc<Graph>>, options: Options) -> std::io::Result<Server> {
        let graph: Arc<Graph> = graph.into();
        let draws = FaultDraws::new(&graph, &options.faults)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let overrides =
            Overrides::new(&options.overrides).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let listener = std::net::TcpListener::bind(("127.0.0.1", options.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let recorder = Recorder::new(options.record, options.log.as_deref())?;
        let shared = Arc::new(Shared {
            graph,
            options,
            recorder,
            store: Mutex::default(),
            faults: Faults::default(),
            draws: RwLock::new(Arc::new(draws)),
            overrides,
            uploads: Uploads::default(),
            requests: AtomicU64::new(0),
        });
        let app = router(shared.clone());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new().name("msgraph-mock".into()).spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
            })
        })?;
        Ok(Server {
            addr,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL clients use: `http://127.0.0.1:PORT/v1.0`.
    pub fn url(&self) -> String {
        format!("http://{}/v1.0", self.addr)
    }

    /// How many requests were answered so far.
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// Every request received so far, in order (empty unless
    /// [`Options::record`]).
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.recorder.requests()
    }

    /// Makes the next `times` requests to a route answer 429 with
    /// `Retry-After`. The route is an operation's Rust name (`ListUsers`) or
    /// `METHOD /template` as documented (`GET /users`); every operation it
    /// names is throttled.
    pub fn throttle(&self, route: &str, times: u32) -> Result<(), UnknownRoute> {
        self.fault(route, Fault::throttle(times))
    }

    /// Makes the next `fault.times` requests to a route answer `fault`
    /// instead of the documented answer (after the request is checked).
    /// The route is named as for [`Server::throttle`].
    pub fn fault(&self, route: &str, fault: Fault) -> Result<(), UnknownRoute> {
        self.shared.fault(route, fault)
    }

    /// Puts seeded fault rules in force in place of the current ones, their
    /// streams starting afresh: the same plan set twice gives the same
    /// faults from there on. A rule naming no documented route is an error
    /// and changes nothing.
    pub fn set_fault_plan(&self, plan: &FaultPlan) -> Result<(), UnknownRoute> {
        self.shared.set_plan(plan)
    }

    /// Stops accepting requests, lets those in flight finish, and waits.
    pub fn shutdown(mut self) -> std::io::Result<()> {
        self.stop_and_join()
    }

    /// Serves until the process ends (for the command line).
    pub fn wait(mut self) -> std::io::Result<()> {
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("server thread panicked"))),
            None => Ok(()),
        }
    }

    fn stop_and_join(&mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("server thread panicked"))),
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop_and_join();
    }
}

/// The axum app: one handler for everything, panics caught.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    guarded(Router::new().fallback(handle).with_state(shared))
}

/// Any handler panic becomes a 500 with an OData error body.
pub(crate) fn guarded(router: Router) -> Router {
    router.layer(CatchPanicLayer::custom(|_| {
        ODataError::new(500, "InternalServerError", "the local Graph failed on this request").into_response()
    }))
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: axum::http::Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    shared.requests.fetch_add(1, Ordering::Relaxed);
    shared.recorder.record(method.as_str(), &uri, &headers, &body);
    let post = method == axum::http::Method::POST;
    let mut response = if uri.path() == FAULTS_PATH && post {
        shared.set_fault(&body).unwrap_or_else(IntoResponse::into_response)
    } else if uri.path() == FAULT_RULES_PATH {
        shared
            .fault_rules(&method, &body)
            .unwrap_or_else(IntoResponse::into_response)
    } else if let Some(rest) = uri.path().strip_prefix(UPLOAD_PATH) {
        let draws = shared.draws();
        let range = |op| match draws.drop_range(op) {
            Some(fault) => Range::Drop(fault),
            None => Range::Keep,
        };
        let answered = shared.uploads.answer(&method, rest, &headers, &body, range);
        answered.unwrap_or_else(IntoResponse::into_response)
    } else if post && split_version(uri.path()).1.eq_ignore_ascii_case(BATCH_PATH) {
        let answered = match shared.authorize(&headers) {
            Ok(()) => crate::batch::answer(&headers, &body, |m, u, h, b| shared.answer(m, u, h, b)).await,
            Err(e) => Err(e),
        };
        answered.unwrap_or_else(IntoResponse::into_response)
    } else {
        shared.answer(method.as_str(), &uri, &headers, &body)
    };
    if let Some(Delay(delay)) = response.extensions_mut().remove::<Delay>() {
        tokio::time::sleep(delay).await;
    }
    if let Some(id) = headers.get("client-request-id") {
        response.headers_mut().insert("client-request-id", id.clone());
    }
    response
}

/// A request as the handler reads it.
struct Request<'a> {
    method: Method,
    /// Without the version prefix, in canonical form (`route::canonical_path`).
    path: String,
    query: Option<&'a str>,
    json: Option<Value>,
    /// `http://host/v1.0/path` as sent, for links.
    link_base: String,
    /// The documented example asked for by `x-mock-example`.
    example: Option<&'a str>,
    headers: &'a HeaderMap,
}

impl Request<'_> {
    fn ask(&self) -> Ask<'_> {
        Ask {
            query: self.query,
            body: self.json.as_ref(),
            example: self.example,
            headers: Some(self.headers),
            path: Some(&self.path),
        }
    }
}

impl Shared {
    /// The answer to a request, with what the seeded faults drew for it.
    fn answer(&self, method: &str, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Response {
        let mut verdict = Verdict::default();
        let answered = self.respond(method, uri, headers, body, &mut verdict);
        verdict.apply(answered.unwrap_or_else(IntoResponse::into_response))
    }

    /// A 401 for a request without an `Authorization` header, when one is required.
    fn authorize(&self, headers: &HeaderMap) -> Result<(), ODataError> {
        let authorized = headers
            .get(header::AUTHORIZATION)
            .is_some_and(|v| !v.as_bytes().trim_ascii().is_empty());
        if self.options.require_authorization && !authorized {
            return Err(ODataError::new(
                401,
                "InvalidAuthenticationToken",
                "Access token is empty: send an `Authorization` header.",
            ));
        }
        Ok(())
    }

    /// The answer to a request; `verdict` takes what the seeded faults
    /// drew for it once it is routed and checked.
    fn respond(
        &self,
        method: &str,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
        verdict: &mut Verdict,
    ) -> Result<Response, ODataError> {
        let method = Method::parse(method).ok_or_else(|| {
            ODataError::new(
                405,
                "MethodNotAllowed",
                format!("the local Graph does not answer {method}"),
            )
        })?;
        self.authorize(headers)?;
        let (prefix, rest) = split_version(uri.path());
        // Split first, then decode each segment: `%2F` in an id is part of the id.
        let path = crate::route::canonical_path(rest);
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map_or_else(|| self_host(uri), str::to_string);
        let query = uri.query();
        // Read leniently here to tell apart operations sharing a path; checked below.
        let sent: Option<Value> = serde_json::from_slice(body).ok();
        let example = headers
            .get(EXAMPLE_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.trim().is_empty());
        let ask = Ask {
            query,
            body: sent.as_ref(),
            example,
            headers: Some(headers),
            path: Some(&path),
        };
        let routed = match self.route_request(method, &path, query, ask)? {
            Ok(routed) => routed,
            Err(overridden) => return Ok(overridden),
        };
        // What the request addresses: without the casts no page writes.
        let path = routed.without_casts.clone().unwrap_or(path);
        let op = &self.graph.operations()[routed.op];
        if let Some(example) = example {
            self.check_example_name(routed.op, example)?;
        }
        *verdict = self.draws().draw(routed.op, &op.rust_name, self.options.retry_after);
        if let Some(fault) = self.faults.take(routed.op) {
            return Ok(verdict.on_demand(fault.response(&op.rust_name, self.options.retry_after)));
        }
        if let Some(fault) = verdict.fault.take() {
            return Ok(fault);
        }
        let json = self.request_json(routed.op, body, sent)?;
        if let Some(answer) = self.overrides.find(method, &path, query) {
            let mut response = override_response(answer);
            if let Ok(v) = HeaderValue::from_str(&op.rust_name) {
                response.headers_mut().insert("x-mock-operation", v);
            }
            return Ok(response);
        }
        let request = Request {
            method,
            path,
            query,
            json,
            link_base: format!("http://{host}{prefix}{}", rest.trim_end_matches('/')),
            example,
            headers,
        };
        // With state on, a GET's query options are evaluated (`crate::query`).
        let shaping = match self.options.stateful && method == Method::Get {
            true => Query::parse(query)?,
            false => Query::default(),
        };
        if self.options.stateful {
            if let Some(mut response) = self.stateful(&request, &routed, &shaping)? {
                if let Ok(v) = HeaderValue::from_str(&op.rust_name) {
                    response.headers_mut().insert("x-mock-operation", v);
                }
                return Ok(response);
            }
        }
        Ok(self.documented_response(&request, &routed, &shaping, &host))
    }

    /// The operation and path a request is routed to; `Err(response)`: a
    /// user's own answer for a path nothing documents, or the metadata's
    /// (`crate::metadata`) for a path or method no page documents. A path
    /// documented for other methods and not the metadata's either is a 405;
    /// an undocumented one a 404 naming the nearest documented paths.
    fn route_request(
        &self,
        method: Method,
        path: &str,
        query: Option<&str>,
        ask: Ask,
    ) -> Result<Result<Routed, Response>, ODataError> {
        let routing = self.graph.route(method, path, ask);
        // A path nothing documents may be one the user answers.
        if !matches!(routing, Routing::Found(_)) {
            if let Some(answer) = self.overrides.find(method, path, query) {
                return Ok(Err(override_response(answer)));
            }
        }
        // A method the pages do not document there may be one the metadata
        // defines (`GET /applications/{id}` when only its PATCH page was read).
        if let (Routing::NotFound(_) | Routing::OtherMethods(_), Some(metadata)) = (&routing, &self.graph.metadata) {
            let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
            let store = self.options.stateful.then_some(&mut *store);
            if let Some((status, headers, body)) =
                crate::metadata::answer(&self.graph, metadata, method, path, ask.body, store)?
            {
                let mut response = answer_response(status, &headers, &body);
                response
                    .headers_mut()
                    .insert("x-mock-answer", HeaderValue::from_static("metadata"));
                return Ok(Err(response));
            }
        }
        match routing {
            Routing::Found(r) => Ok(Ok(r)),
            Routing::OtherMethods(methods) => {
                let list: Vec<&str> = methods.iter().map(|m| m.as_str()).collect();
                Err(ODataError::new(
                    405,
                    "MethodNotAllowed",
                    format!("`{path}` is documented for {} only", list.join(", ")),
                ))
            }
            Routing::NotFound(nearest) => {
                let mut error = ODataError::new(
                    404,
                    "ResourceNotFound",
                    format!(
                        "no documented path matches {} `{path}`; nearest: {}",
                        method.as_str(),
                        nearest.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ),
                );
                error.details = nearest.into_iter().map(|n| ("NearestPath".to_string(), n)).collect();
                Err(error)
            }
        }
    }

    /// A 400 when `x-mock-example` names no example of the operation,
    /// listing those it has.
    fn check_example_name(&self, op: usize, example: &str) -> Result<(), ODataError> {
        let answers = self.graph.answers(op);
        if answers.iter().any(|a| a.is_named(example)) {
            return Ok(());
        }
        let named: Vec<String> = answers
            .iter()
            .filter(|a| !a.source.is_empty())
            .map(|a| format!("`{}:{}`", a.source, a.line))
            .collect();
        let mut error = ODataError::new(
            400,
            "BadRequest",
            format!(
                "`{EXAMPLE_HEADER}: {example}` names no example of `{}`; its examples: {}",
                self.graph.operations()[op].rust_name,
                if named.is_empty() {
                    "none".to_string()
                } else {
                    named.join(", ")
                }
            ),
        );
        error.target = Some(EXAMPLE_HEADER.to_string());
        Err(error)
    }

    /// The request's JSON body, checked against the operation's body type:
    /// `sent` is the body as read for routing; only a body that did not
    /// read is parsed again, for the error's words.
    fn request_json(&self, op_index: usize, body: &[u8], sent: Option<Value>) -> Result<Option<Value>, ODataError> {
        let op = &self.graph.operations()[op_index];
        let json = if body.trim_ascii().is_empty() || op.raw_request {
            None
        } else if sent.is_some() {
            sent
        } else {
            match serde_json::from_slice::<Value>(body) {
                Ok(v) => Some(v),
                Err(e) if op.body.is_some() => {
                    return Err(ODataError::new(
                        400,
                        "BadRequest",
                        format!("the request body is not JSON: {e}"),
                    ))
                }
                Err(_) => None,
            }
        };
        if let (Some(ty), Some(json)) = (&op.body, &json) {
            self.graph.check_request(op_index, json, ty).map_err(|problem| {
                let mut error = ODataError::new(400, "BadRequest", problem.message);
                error.target = Some(problem.property).filter(|p| !p.is_empty());
                error
            })?;
        }
        Ok(json)
    }

    /// The documented answer of a routed request: paged, and with state on
    /// holding what was stored below it; an upload session's URL leading
    /// back here.
    fn documented_response(&self, request: &Request, routed: &Routed, shaping: &Query, host: &str) -> Response {
        let (method, query) = (request.method, request.query);
        let op = &self.graph.operations()[routed.op];
        let shaped = shaping.shapes_collection();
        // The whole documented collection is what a shaping query starts from.
        let ask = Ask {
            query: if shaped { None } else { query },
            ..request.ask()
        };
        let answer = self.graph.answer(routed, ask);
        let body = match &answer.body {
            AnswerBody::Json(v) if method == Method::Get => {
                let mut v = v.clone();
                if self.options.stateful {
                    self.with_stored_children(&mut v, &request.path, shaping);
                    if let Some(object) = v.as_object_mut().filter(|_| shaped) {
                        // The example's next page is not this state's.
                        object.remove("@odata.nextLink");
                    }
                }
                let documented = !shaped && crate::route::same_query(answer.url_query.as_deref(), query);
                Paging {
                    query,
                    documented,
                    page_size: self.options.page_size,
                    link_base: request.link_base.clone(),
                }
                .apply(&mut v);
                AnswerBody::Json(v)
            }
            // An upload session's URL leads back here (`crate::upload`).
            AnswerBody::Json(v) if v.get("uploadUrl").is_some() => {
                let mut v = v.clone();
                self.uploads.open(routed.op, &format!("http://{host}"), &mut v);
                AnswerBody::Json(v)
            }
            other => other.clone(),
        };
        let mut response = answer_response(answer.status, &answer.headers, &body);
        mark(&mut response, &op.rust_name, answer);
        response
    }

    /// The answer from the state, when it has one for this request.
    fn stateful(&self, request: &Request, routed: &Routed, shaping: &Query) -> Result<Option<Response>, ODataError> {
        let op = &self.graph.operations()[routed.op];
        let answer = || self.graph.answer(routed, request.ask());
        if let Some(at) = request.path.strip_suffix("/$ref") {
            return self.reference(request, routed, at).map(Some);
        }
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let located = match request.method {
            Method::Get | Method::Patch | Method::Delete => {
                tenant::locate(&self.graph, &mut store, routed, &request.path)?
            }
            _ => Located::Unknown,
        };
        let path = match &located {
            Located::At(at) => at.as_str(),
            Located::Unknown => request.path.as_str(),
        };
        let not_found = || ODataError::new(404, "ResourceNotFound", format!("`{path}` was deleted"));
        match request.method {
            Method::Get if crate::delta::is_delta(&self.graph, routed) => {
                let documented = match &answer().body {
                    AnswerBody::Json(v) => Some(v.clone()),
                    _ => None,
                };
                let mut body =
                    crate::delta::answer(&store, &request.path, request.query, documented, &request.link_base)?;
                shaping.apply(&mut body);
                Ok(Some(answer_response(200, &[], &AnswerBody::Json(body))))
            }
            Method::Get => {
                if store.is_deleted(path) {
                    return Err(not_found());
                }
                Ok(store.get(path).map(|entity| {
                    let mut entity = entity.clone();
                    shaping.apply(&mut entity);
                    crate::expand::apply(&store, &mut entity, path, shaping.expansions());
                    answer_response(200, &[], &AnswerBody::Json(entity))
                }))
            }
            Method::Post if op.kind == OperationKind::Create => {
                let answer = answer();
                let id = store.new_id();
                let entity = state::created(request.json.as_ref(), &id);
                store.put(&format!("{path}/{}", crate::route::escape_segment(&id)), entity.clone());
                let mut headers: Vec<(String, String)> = answer
                    .headers
                    .iter()
                    .filter(|(n, _)| !n.eq_ignore_ascii_case("location"))
                    .cloned()
                    .collect();
                headers.push(("Location".into(), format!("{}/{id}", request.link_base)));
                Ok(Some(answer_response(
                    answer.status,
                    &headers,
                    &AnswerBody::Json(entity),
                )))
            }
            Method::Patch | Method::Put => {
                if store.is_deleted(path) {
                    return Err(not_found());
                }
                if store.get(path).is_none() {
                    // An entity the pages show: start from its documented GET answer.
                    let Some(seed) = self.documented_entity(path) else {
                        return Ok(None);
                    };
                    store.seed(path, seed);
                }
                let Some(changes) = request.json.as_ref().filter(|v| v.is_object()) else {
                    return Ok(None);
                };
                let entity = if request.method == Method::Put {
                    let id = store.get(path).and_then(|e| e.get("id")).cloned();
                    let mut replaced = changes.clone();
                    if let (Some(id), Some(object)) = (id, replaced.as_object_mut()) {
                        object.entry("id").or_insert(id);
                    }
                    store.put(path, replaced.clone());
                    replaced
                } else {
                    store.patch(path, changes).cloned().unwrap_or_default()
                };
                let answer = answer();
                let body = if answer.status == 204 {
                    AnswerBody::None
                } else {
                    AnswerBody::Json(entity)
                };
                Ok(Some(answer_response(answer.status, &answer.headers, &body)))
            }
            Method::Delete => {
                if !store.delete(path) {
                    return Err(not_found());
                }
                Ok(None)
            }
            Method::Post => Ok(None),
        }
    }

    /// A `$ref` request with state on (`crate::references`), answered with
    /// the documented status.
    fn reference(&self, request: &Request, routed: &Routed, at: &str) -> Result<Response, ODataError> {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let documented = |path: &str| self.documented_entity(path);
        crate::references::apply(&mut store, request.method, at, request.json.as_ref(), documented)?;
        let answer = self.graph.answer(routed, request.ask());
        Ok(answer_response(answer.status, &answer.headers, &AnswerBody::None))
    }

    /// The object the documented GET of a path answers with.
    fn documented_entity(&self, path: &str) -> Option<Value> {
        let Routing::Found(routed) = self.graph.route(Method::Get, path, Ask::default()) else {
            return None;
        };
        match &self.graph.answer(&routed, Ask::default()).body {
            AnswerBody::Json(v) if v.is_object() && v.get("value").is_none() => Some(v.clone()),
            _ => None,
        }
    }

    /// A documented answer with the state's changes below `path` merged in
    /// (`Store::merge_children`), then shaped by the query, then what
    /// `$expand` names put in from the state.
    fn with_stored_children(&self, body: &mut Value, path: &str, shaping: &Query) {
        let store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        store.merge_children(body, path);
        shaping.apply(body);
        crate::expand::apply(&store, body, path, shaping.expansions());
    }
}

/// `/v1.0/users` into (`/v1.0`, `/users`); a path without a version prefix
/// is taken as it is.
fn split_version(path: &str) -> (&str, &str) {
    for prefix in ["/v1.0", "/beta"] {
        if let Some(head) = path.get(..prefix.len()) {
            let rest = &path[prefix.len()..];
            if head.eq_ignore_ascii_case(prefix) && (rest.is_empty() || rest.starts_with('/')) {
                return (&path[..prefix.len()], rest);
            }
        }
    }
    ("", path)
}

fn self_host(uri: &Uri) -> String {
    uri.authority().map_or_else(|| "127.0.0.1".into(), |a| a.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_prefixes() {
        assert_eq!(split_version("/v1.0/users"), ("/v1.0", "/users"));
        assert_eq!(split_version("/BETA/me"), ("/BETA", "/me"));
        assert_eq!(split_version("/v1.0"), ("/v1.0", ""));
        assert_eq!(split_version("/v1.0x/users"), ("", "/v1.0x/users"));
        assert_eq!(split_version("/users"), ("", "/users"));
    }

    #[test]
    fn a_handler_panic_is_a_500_and_the_server_goes_on() {
        async fn boom() -> &'static str {
            panic!("handler failure")
        }
        let app = guarded(Router::new().route("/boom", axum::routing::get(boom)));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, app).await });
            let client = reqwest::Client::new();
            for _ in 0..2 {
                let response = client.get(format!("http://{addr}/boom")).send().await.unwrap();
                assert_eq!(response.status(), 500);
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["error"]["code"], "InternalServerError");
            }
        });
    }
}
