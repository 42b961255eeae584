//! Navigation by path: the tree of documented path prefixes that the fluent
//! API walks (`Graph::new().users().by_id("u1").messages().list()`). Built
//! from the routes' documented paths only, not from the metadata's whole
//! navigation graph: one node per distinct prefix, `/me` being the node of
//! `/users/{id}` (reached by `me()`), so a route documented under both is
//! one terminal. Each edge is one segment (a property or set by its name, a
//! key as `by_id`, an alternate key as `by_<key>`, a cast as `as_<type>`, a
//! OneDrive item path as `item_by_path`, a composable function with its
//! arguments); each terminal is a route's operation on the node it ends at
//! (`get`, `list`, `create`, `update`, `replace`, `delete`, an action or
//! function by its own name, `content`, `count`, `add_ref`, ...).

use super::model::{Op, OpPath, Schema};
use crate::naming::{self, NameSet};
use crate::schema::{Argument, Method, OperationKind, Piece, Segment};
use std::collections::BTreeMap;

/// The navigation tree; `nodes[0]` is the root. Every documented path of
/// every route is reached: navigation is how a route's path is built.
#[derive(Debug, Clone, Default)]
pub struct Navigation {
    pub nodes: Vec<Node>,
    /// How each documented path is reached, by (route, path) index into
    /// `schema.operations[route].paths[path]`.
    pub addresses: BTreeMap<(usize, usize), Address>,
}

/// The calls reaching one documented path from the root: each method with
/// how many of the path's parameters it takes (in the order `OpPath::params`
/// lists them), the terminal last (a body, if the route has one, follows
/// its parameters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub calls: Vec<(String, usize)>,
}

impl Address {
    /// Each call with the indexes (into `OpPath::params`) of the
    /// parameters it takes.
    pub fn params(&self) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
        let mut next = 0;
        self.calls.iter().map(move |(method, arity)| {
            let range = next..next + arity;
            next += arity;
            (method.as_str(), range)
        })
    }

    /// The calls as a user writes them (`.users().by_id(id).get()`),
    /// arguments named for the path's placeholders (`path`'s `params`), and
    /// `body` last when the route sends one.
    pub fn chain(&self, path: &super::OpPath, with_body: bool) -> String {
        let mut chain = String::new();
        let last = self.calls.len().saturating_sub(1);
        for (n, (method, params)) in self.params().enumerate() {
            let mut args: Vec<&str> = path.params[params].iter().map(|(_, rust)| rust.as_str()).collect();
            if n == last && with_body {
                args.push("body");
            }
            chain.push_str(&format!(".{method}({})", args.join(", ")));
        }
        chain
    }
}

/// One documented prefix.
#[derive(Debug, Clone)]
pub struct Node {
    /// The node type's Rust name (`UsersItemMessages`); the root is `Graph`.
    pub rust_name: String,
    /// The module the node lives in: its first segment's workload.
    pub workload: String,
    /// The prefix as documented, `{}` for keys (`/users/{}/messages`).
    pub template: String,
    pub children: Vec<Edge>,
    pub terminals: Vec<Terminal>,
    /// The features of every route reached from the node: it is compiled
    /// when one of them is on.
    pub features: Vec<String>,
}

/// A step from a node to a child node.
#[derive(Debug, Clone)]
pub struct Edge {
    /// The method's name (`messages`, `by_id`, `as_group`).
    pub method: String,
    pub step: Step,
    /// A key's name in the first documented path taking it
    /// (`deviceConfigurationId`), which an error about its value names.
    pub key: Option<String>,
    /// Index of the child node.
    pub target: usize,
}

/// What a step appends to the path.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A segment as written (`users`, `me`, `microsoft.graph.group`).
    Literal(String),
    /// A key segment: one argument, percent-encoded as one segment.
    Key,
    /// A call on the segment (`range(address='{address}')`) or an alternate
    /// key on the last one (`(appId='{appId}')`, `attached` true).
    Call {
        name: String,
        arguments: Vec<Argument>,
        attached: bool,
    },
    /// A OneDrive item path: `:/{path}:` on the last segment (`:/{path}`
    /// when not `closed`, at the end of a path).
    ItemPath { closed: bool },
    /// A whole segment of text and placeholders the steps above do not
    /// model (`roleTemplateId={roleTemplateId}`): written as documented.
    Pieces(Vec<Piece>),
}

impl Step {
    /// How many parameters the step takes.
    pub fn arity(&self) -> usize {
        let pieces = |ps: &[Piece]| ps.iter().filter(|p| !matches!(p, Piece::Text(_))).count();
        match self {
            Step::Literal(_) => 0,
            Step::Key | Step::ItemPath { .. } => 1,
            Step::Call { arguments, .. } => arguments.iter().map(|a| pieces(&a.value)).sum(),
            Step::Pieces(ps) => pieces(ps),
        }
    }
}

/// A route's operation on a node.
#[derive(Debug, Clone)]
pub struct Terminal {
    /// The method's name (`list`, `send_mail`, `content`).
    pub method: String,
    /// Index of the route in `schema.operations`.
    pub op: usize,
    /// The last step, when the route's path goes one segment further than
    /// the node (an action, a function call, `$value`, `$ref`, `$count`).
    pub step: Option<Step>,
    /// The documented path this terminal stands for (`GET /me/messages`).
    pub alias: String,
    /// Query parameters the documented path writes (`startDateTime={start}`,
    /// `$expand=extensions($filter=id eq '{id}')`): their placeholders are
    /// arguments of the method.
    pub query: Vec<Argument>,
}

/// Builds the navigation of every route's documented paths.
pub fn navigation(schema: &Schema) -> Navigation {
    let mut builder = Builder::new();
    for (index, op) in schema.operations.iter().enumerate() {
        for (path_index, path) in op.paths.iter().enumerate() {
            builder.add_path(op, index, path_index, path);
        }
    }
    let mut nav = builder.nav;
    settle_features(&mut nav, schema);
    nav
}

/// The navigation as it grows, with the names claimed so far.
struct Builder {
    nav: Navigation,
    /// Each node's index by its template.
    by_template: BTreeMap<String, usize>,
    /// Node type names claimed so far.
    node_names: NameSet,
    /// Method names per node, claimed in route order so names are stable.
    methods: Vec<NameSet>,
}

impl Builder {
    /// A navigation holding only the root, `Graph`.
    fn new() -> Self {
        let mut node_names = NameSet::new();
        node_names.reserve("Graph");
        Builder {
            nav: Navigation {
                nodes: vec![Node {
                    rust_name: "Graph".into(),
                    workload: String::new(),
                    template: String::new(),
                    children: Vec::new(),
                    terminals: Vec::new(),
                    features: Vec::new(),
                }],
                addresses: BTreeMap::new(),
            },
            by_template: BTreeMap::from([(String::new(), 0)]),
            node_names,
            methods: vec![NameSet::new()],
        }
    }

    /// Reaches documented path `path_index` of route `index`: walks
    /// (creating) the nodes of its steps, puts the route's terminal on the
    /// last, and records the calls as the path's address.
    fn add_path(&mut self, op: &Op, index: usize, path_index: usize, path: &OpPath) {
        let query = path_query(op, path);
        let (steps, last) = split(op, &path.segments);
        let mut calls = Vec::new();
        let mut at = 0;
        for step in steps {
            at = self.child(at, step, &mut calls);
        }
        let alias = format!("{} {}", op.method.as_str(), path.template);
        let arity = last.as_ref().map_or(0, Step::arity)
            + query
                .iter()
                .map(|a| a.value.iter().filter(|p| !matches!(p, Piece::Text(_))).count())
                .sum::<usize>();
        let method = self.terminal(op, index, at, last, query, alias);
        calls.push((method, arity));
        self.nav.addresses.insert((index, path_index), Address { calls });
    }

    /// The child of node `at` by one step: along the edge with that step
    /// and method if there is one, else along a new edge (to the node of
    /// the step's template, created if new). Pushes the call taking it
    /// onto `calls`; returns the child's index.
    fn child(&mut self, at: usize, (method, step, template, key): WalkStep, calls: &mut Vec<(String, usize)>) -> usize {
        let arity = step.arity();
        let existing = self.nav.nodes[at]
            .children
            .iter()
            .find(|e| e.step == step && e.method_base() == method)
            .map(|e| (e.target, e.method.clone()));
        if let Some((target, method)) = existing {
            calls.push((method, arity));
            return target;
        }
        let target = *self.by_template.entry(template.clone()).or_insert_with(|| {
            let workload = workload_of(&template);
            self.nav.nodes.push(Node {
                rust_name: self.node_names.claim(&node_name(&template)),
                workload,
                template: template.clone(),
                children: Vec::new(),
                terminals: Vec::new(),
                features: Vec::new(),
            });
            self.methods.push(NameSet::new());
            self.nav.nodes.len() - 1
        });
        let method = self.methods[at].claim(&method);
        calls.push((method.clone(), arity));
        self.nav.nodes[at].children.push(Edge {
            method,
            step,
            target,
            key,
        });
        target
    }

    /// The route's terminal on node `at` for one of its paths: its terminal
    /// there of the same shape (`/me/x` and `/users/{id}/x` are one), or a
    /// new one. Returns the terminal's method name.
    fn terminal(
        &mut self,
        op: &Op,
        index: usize,
        at: usize,
        last: Option<Step>,
        query: Vec<Argument>,
        alias: String,
    ) -> String {
        let mut name = terminal_name(op, last.as_ref(), &query);
        let shape = terminal_shape(last.as_ref(), &query);
        let node = &mut self.nav.nodes[at];
        if let Some(t) = node
            .terminals
            .iter()
            .find(|t| t.op == index && terminal_shape(t.step.as_ref(), &t.query) == shape)
        {
            return t.method.clone();
        }
        if node.terminals.iter().any(|t| t.method == name) {
            name = overload_name(name, last.as_ref(), &query);
        }
        let method = self.methods[at].claim(&name);
        node.terminals.push(Terminal {
            method: method.clone(),
            op: index,
            step: last,
            alias,
            query,
        });
        method
    }
}

/// The query the documented path writes (`calendarView?startDateTime={start}`,
/// `$expand=extensions($filter=id eq '{id}')`): its placeholders are the
/// method's arguments. On a route that also documents the bare path, a
/// system query option other than `$expand` narrows or pages what it
/// answers (`?$top=1`, `?$filter=...`): the route's own options (`.top(1)`)
/// write it, not a method of its own.
fn path_query(op: &Op, path: &OpPath) -> Vec<Argument> {
    let bare = op
        .paths
        .iter()
        .any(|p| p.template == path.template && p.query.is_empty());
    path.query
        .iter()
        .filter(|a| !(bare && is_plain_option(a)))
        .cloned()
        .collect()
}

/// An overload (`getYammerActivityUserDetail(period=..)` and `(date=..)`,
/// `mailFolders?includeHiddenFolders=true`) is named by its arguments, as
/// `..._with_date`; `name` stays when they have no names.
fn overload_name(name: String, last: Option<&Step>, query: &[Argument]) -> String {
    let arguments = match last {
        Some(Step::Call { arguments, .. }) if !arguments.is_empty() => arguments.as_slice(),
        _ => query,
    };
    let names: Vec<String> = arguments
        .iter()
        .filter_map(|a| a.name.as_deref())
        .map(|n| {
            naming::field_name(n.trim_start_matches('$'))
                .trim_end_matches('_')
                .to_string()
        })
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        name
    } else {
        format!("{name}_with_{}", names.join("_"))
    }
}

/// The features reached from each node: it is compiled when one of them
/// is on. Children are created after their parents, so one pass from the
/// last node up settles them.
fn settle_features(nav: &mut Navigation, schema: &Schema) {
    for i in (1..nav.nodes.len()).rev() {
        let mut features: std::collections::BTreeSet<String> = nav.nodes[i]
            .terminals
            .iter()
            .map(|t| schema.operations[t.op].feature.clone())
            .collect();
        for e in &nav.nodes[i].children {
            features.extend(nav.nodes[e.target].features.iter().cloned());
        }
        nav.nodes[i].features = features.into_iter().collect();
    }
}

impl Edge {
    /// The method name before any numbering.
    fn method_base(&self) -> String {
        self.method.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
    }
}

impl Step {
    /// The step as written, placeholders and letter case aside (for telling
    /// terminals apart).
    fn shape(&self) -> String {
        match self {
            Step::Literal(name) => name.to_ascii_lowercase(),
            Step::Key => "{}".into(),
            Step::Call { name, arguments, .. } => {
                let names: Vec<String> = arguments
                    .iter()
                    .map(|a| a.name.clone().unwrap_or_default().to_ascii_lowercase())
                    .collect();
                format!("{}({})", name.to_ascii_lowercase(), names.join(","))
            }
            Step::ItemPath { .. } => ":{}:".into(),
            Step::Pieces(ps) => pieces_shape(ps),
        }
    }
}

/// `$top`, `$filter`, `$select`...: an option any request may add, not part
/// of what the path addresses (`$expand=x($filter=id eq '{id}')` is).
fn is_plain_option(a: &Argument) -> bool {
    a.name
        .as_deref()
        .is_some_and(|n| n.starts_with('$') && !n.eq_ignore_ascii_case("$expand"))
}

/// What tells two terminals of one route on a node apart: the last step
/// with its argument names, and the names of the query it writes.
fn terminal_shape(last: Option<&Step>, query: &[Argument]) -> String {
    let mut shape = last.map(Step::shape).unwrap_or_default();
    for a in query {
        shape.push('?');
        shape.push_str(&a.name.clone().unwrap_or_default().to_ascii_lowercase());
    }
    shape
}

/// A path as navigation steps (method name, step, the prefix's template
/// after it) and the last step a terminal takes itself, if any. Every path
/// has one: a segment of a shape no step models is written as documented
/// ([`Step::Pieces`]).
fn split(op: &Op, segments: &[Segment]) -> (Vec<WalkStep>, Option<Step>) {
    let mut walk = Walk::default();
    let mut i = 0;
    let key_name = |pieces: &[Piece]| match pieces.first() {
        Some(Piece::Param(p)) => Some(p.name.clone()),
        _ => None,
    };
    let last_index = segments.len().saturating_sub(1);
    let mut last = None;
    while i < segments.len() {
        let segment = &segments[i];
        let is_last = i == last_index;
        match segment {
            Segment::Literal { name } if i == 0 && name.eq_ignore_ascii_case("me") => {
                walk.step("me".into(), Step::Literal("me".into()), "/users/{}");
            }
            Segment::Literal { name } if name.ends_with(':') && item_path_after(segments, i).is_some() => {
                // `root:` `{item-path}:` -> `root()` then `item_by_path(path)`.
                let base = name.trim_end_matches(':');
                let closed = item_path_after(segments, i) == Some(true);
                if !base.is_empty() {
                    walk.step(method_name(base), Step::Literal(base.into()), &format!("/{base}"));
                }
                let (method, piece) = item_path_method(closed);
                walk.step(method.into(), Step::ItemPath { closed }, piece);
                i += 2;
                continue;
            }
            Segment::Mixed { pieces } if key_before_item_path(pieces) && item_path_after(segments, i).is_some() => {
                // `items/{parent-id}:/{filename}:` -> `by_id(parent)` then
                // `item_by_path(filename)`.
                let closed = item_path_after(segments, i) == Some(true);
                walk.step("by_id".into(), Step::Key, "/{}");
                walk.key(key_name(pieces));
                let (method, piece) = item_path_method(closed);
                walk.step(method.into(), Step::ItemPath { closed }, piece);
                i += 2;
                continue;
            }
            Segment::Mixed { pieces } if is_key_with_note(pieces) => {
                // `{user-id} | user-principal-name`: a key whose alternatives
                // the page wrote outside the braces.
                walk.step("by_id".into(), Step::Key, "/{}");
                walk.key(key_name(pieces));
            }
            Segment::Literal { name } if is_last && is_operation(op) => {
                last = Some(Step::Literal(name.clone()));
            }
            Segment::Literal { name } => {
                walk.step(method_name(name), Step::Literal(name.clone()), &format!("/{name}"));
            }
            Segment::Key { param } => {
                walk.step("by_id".into(), Step::Key, "/{}");
                walk.key(Some(param.name.clone()));
            }
            // A qualified name last on a POST is an action of another
            // namespace (`microsoft.management.services.api.updatePriorities`).
            Segment::Cast { type_name } if is_last && op.method != Method::Get => {
                last = Some(Step::Literal(type_name.clone()));
            }
            Segment::Cast { type_name } => {
                let simple = type_name.rsplit('.').next().unwrap_or(type_name);
                let method = format!("as_{}", naming::field_name(simple).trim_end_matches('_'));
                walk.step(method, Step::Literal(type_name.clone()), &format!("/{type_name}"));
            }
            Segment::System { name } if is_last => last = Some(Step::Literal(name.clone())),
            Segment::System { name } => {
                let method = method_name(name.trim_start_matches('$'));
                walk.step(method, Step::Literal(name.clone()), &format!("/{name}"));
            }
            Segment::Call { name, arguments } => {
                if let Some(step) = walk.call(name, arguments, i == 0, is_last, is_operation(op)) {
                    last = Some(step);
                }
            }
            Segment::Mixed { pieces } => {
                let shape = pieces_shape(pieces);
                walk.step(
                    pieces_method(pieces),
                    Step::Pieces(pieces.clone()),
                    &format!("/{shape}"),
                );
            }
        }
        i += 1;
    }
    (walk.steps, last)
}

/// One step of a walk: method name, step, the prefix's template after it,
/// and a key's documented name.
type WalkStep = (String, Step, String, Option<String>);

/// The steps of a path so far and the template of the prefix they reach.
#[derive(Default)]
struct Walk {
    steps: Vec<WalkStep>,
    template: String,
}

impl Walk {
    /// A step appending `piece` to the prefix's template.
    fn step(&mut self, method: String, step: Step, piece: &str) {
        self.template.push_str(piece);
        self.steps.push((method, step, self.template.clone(), None));
    }

    /// Names the key step just taken as its path documents it.
    fn key(&mut self, name: Option<String>) {
        if let Some(last) = self.steps.last_mut() {
            last.3 = name;
        }
    }

    /// A call segment (`range(address='{address}')`): an alternate key
    /// first on the path (`applications(appId='{appId}')`, a set then its
    /// key step), a step on the way, or, last on an operation's path, the
    /// step its terminal takes, returned.
    fn call(
        &mut self,
        name: &str,
        arguments: &[Argument],
        first: bool,
        is_last: bool,
        operation: bool,
    ) -> Option<Step> {
        let simple = name.rsplit('.').next().unwrap_or(name).to_string();
        // An alternate key: `applications(appId='{appId}')`.
        let alternate_key = !is_last || !operation;
        let alternate_key = alternate_key && arguments.len() == 1 && arguments[0].name.is_some() && first;
        if alternate_key {
            let key = arguments[0].name.clone().unwrap_or_default();
            self.step(
                method_name(&simple),
                Step::Literal(simple.clone()),
                &format!("/{simple}"),
            );
            self.step(
                format!("by_{}", naming::field_name(&key).trim_end_matches('_')),
                Step::Call {
                    name: String::new(),
                    arguments: arguments.to_vec(),
                    attached: true,
                },
                // The entity's node, as by its key.
                "/{}",
            );
            None
        } else if is_last {
            Some(Step::Call {
                name: name.to_string(),
                arguments: arguments.to_vec(),
                attached: false,
            })
        } else {
            self.step(
                method_name(&simple),
                Step::Call {
                    name: name.to_string(),
                    arguments: arguments.to_vec(),
                    attached: false,
                },
                &format!("/{simple}()"),
            );
            None
        }
    }
}

/// After segment `i` (`root:`, `{parent-id}:`), an item path: `Some(true)`
/// for `{path}:` (more segments may follow), `Some(false)` for a key that
/// ends the path, `None` for neither.
fn item_path_after(segments: &[Segment], i: usize) -> Option<bool> {
    match segments.get(i + 1)? {
        Segment::Mixed { pieces } if matches!(pieces.as_slice(), [Piece::Param(_), Piece::Text(t)] if t == ":") => {
            Some(true)
        }
        Segment::Key { .. } if i + 2 == segments.len() => Some(false),
        _ => None,
    }
}

fn item_path_method(closed: bool) -> (&'static str, &'static str) {
    if closed {
        ("item_by_path", ":/{}:")
    } else {
        ("item_at_path", ":/{}")
    }
}

/// `{id}:`: a key the item path after it is relative to.
fn key_before_item_path(pieces: &[Piece]) -> bool {
    matches!(pieces, [Piece::Param(_), Piece::Text(t)] if t == ":")
}

/// `{user-id} | user-principal-name`.
fn is_key_with_note(pieces: &[Piece]) -> bool {
    matches!(pieces, [Piece::Param(_), Piece::Text(t)] if t.trim_start().starts_with('|'))
}

/// A segment of pieces as a template piece: text as written, `{}` for each
/// placeholder.
fn pieces_shape(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.to_ascii_lowercase(),
            Piece::Param(_) => "{}".into(),
            Piece::Quoted(_) => "'{}'".into(),
        })
        .collect()
}

/// The method of a segment of pieces: `roleTemplateId={x}` ->
/// `by_role_template_id`; else its words, or `by_` and its first
/// placeholder's name.
fn pieces_method(pieces: &[Piece]) -> String {
    let text = crate::schema::pieces_text(pieces);
    let words: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join("_");
    let param = pieces.iter().find_map(|p| match p {
        Piece::Param(p) | Piece::Quoted(p) => Some(p.name.as_str()),
        Piece::Text(_) => None,
    });
    match (words.is_empty(), param) {
        (false, _) if text.trim_end().ends_with('=') => format!("by_{}", method_name(&words).trim_end_matches('_')),
        (false, _) => method_name(&words),
        (true, Some(p)) => format!("by_{}", method_name(p).trim_end_matches('_')),
        (true, None) => "segment".into(),
    }
}

/// Whether a route's last plain segment is an operation's name (an action
/// or a function called without parentheses), not a navigation.
fn is_operation(op: &Op) -> bool {
    matches!(op.kind, OperationKind::Action | OperationKind::Function) && op.method != Method::Delete
}

/// The terminal's method name; an operation its query identifies is named
/// after what the query selects (`get_with_single_value_extended_properties`).
fn terminal_name(op: &Op, last: Option<&Step>, query: &[Argument]) -> String {
    let base = base_terminal_name(op, last);
    let subject = query.iter().find_map(super::route_names::odata_subject);
    match subject {
        Some(subject) => format!("{base}_with_{}", naming::field_name(&subject).trim_end_matches('_')),
        None => base,
    }
}

fn base_terminal_name(op: &Op, last: Option<&Step>) -> String {
    match last {
        Some(Step::Literal(name)) if name == "$value" => match op.method {
            Method::Get => "content".into(),
            _ => "replace_content".into(),
        },
        Some(Step::Literal(name)) if name == "$count" => "count".into(),
        Some(Step::Literal(name)) if name == "$ref" => match op.method {
            Method::Get => "list_refs".into(),
            Method::Post => "add_ref".into(),
            Method::Put => "set_ref".into(),
            Method::Delete => "remove_ref".into(),
            Method::Patch => "update_ref".into(),
        },
        // An update of what a function answers (`PATCH .../range`).
        Some(Step::Literal(name)) => {
            let name = method_name(name.rsplit('.').next().unwrap_or(name));
            match op.method {
                Method::Patch => format!("update_{name}"),
                Method::Put => format!("replace_{name}"),
                Method::Delete => format!("delete_{name}"),
                Method::Get | Method::Post => name,
            }
        }
        Some(Step::Call { name, .. }) => method_name(name.rsplit('.').next().unwrap_or(name)),
        _ => match (op.method, op.response.as_ref()) {
            (Method::Get, Some(super::model::Ty::Collection(_))) => "list".into(),
            (Method::Get, _) => "get".into(),
            (Method::Post, _) => "create".into(),
            (Method::Patch, _) => "update".into(),
            (Method::Put, _) => "replace".into(),
            (Method::Delete, _) => "delete".into(),
        },
    }
}

/// A segment's name as a method: snake case, keywords escaped.
fn method_name(wire: &str) -> String {
    naming::field_name(wire)
}

/// The workload module of a prefix: its first segment's.
fn workload_of(template: &str) -> String {
    let first = template
        .trim_start_matches('/')
        .split(['/', '(', ':'])
        .next()
        .unwrap_or_default();
    naming::module_name(first)
}

/// A node type's name from its prefix: each segment's words, `Item` for a
/// key (`/users/{}/messages` -> `UsersItemMessages`).
fn node_name(template: &str) -> String {
    let mut name = String::new();
    for part in template.split('/').filter(|p| !p.is_empty()) {
        if part.starts_with('{') || part.starts_with(":{") {
            name.push_str("Item");
            continue;
        }
        let word = part.rsplit('.').next().unwrap_or(part);
        let word: String = word.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        name.push_str(&naming::type_name(&word));
    }
    if name.is_empty() {
        "Node".into()
    } else {
        name
    }
}
