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

use super::model::{Op, Schema};
use crate::naming::{self, NameSet};
use crate::schema::{Argument, Method, OperationKind, Piece, Segment};
use std::collections::BTreeMap;

/// The navigation tree; `nodes[0]` is the root.
#[derive(Debug, Clone, Default)]
pub struct Navigation {
    pub nodes: Vec<Node>,
    /// Documented paths no navigation reaches (a query in the template, a
    /// segment of a shape the tree does not model), by route.
    pub skipped: Vec<(String, String)>,
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
    let mut nav = Navigation {
        nodes: vec![Node {
            rust_name: "Graph".into(),
            workload: String::new(),
            template: String::new(),
            children: Vec::new(),
            terminals: Vec::new(),
            features: Vec::new(),
        }],
        skipped: Vec::new(),
    };
    let mut by_template: BTreeMap<String, usize> = BTreeMap::from([(String::new(), 0)]);
    let mut node_names = NameSet::new();
    node_names.reserve("Graph");
    // Method names per node, claimed in route order so names are stable.
    let mut methods: Vec<NameSet> = vec![NameSet::new()];
    for (index, op) in schema.operations.iter().enumerate() {
        for path in &op.paths {
            // The query the documented path writes (`calendarView?startDateTime={start}`,
            // `$expand=extensions($filter=id eq '{id}')`): its placeholders
            // are the method's arguments.
            if path.query.iter().any(|a| a.name.is_none()) {
                nav.skipped.push((op.rust_name.clone(), path.template.clone()));
                continue;
            }
            let query = path.query.clone();
            let Some((steps, last)) = split(op, &path.segments) else {
                nav.skipped.push((op.rust_name.clone(), path.template.clone()));
                continue;
            };
            // Walk (creating) the nodes of the steps.
            let mut at = 0;
            for (method, step, template) in steps {
                let existing = nav.nodes[at]
                    .children
                    .iter()
                    .find(|e| e.step == step && e.method_base() == method)
                    .map(|e| e.target);
                at = match existing {
                    Some(target) => target,
                    None => {
                        let target = *by_template.entry(template.clone()).or_insert_with(|| {
                            let workload = workload_of(&template);
                            nav.nodes.push(Node {
                                rust_name: node_names.claim(&node_name(&template)),
                                workload,
                                template: template.clone(),
                                children: Vec::new(),
                                terminals: Vec::new(),
                                features: Vec::new(),
                            });
                            methods.push(NameSet::new());
                            nav.nodes.len() - 1
                        });
                        let method = methods[at].claim(&method);
                        nav.nodes[at].children.push(Edge { method, step, target });
                        target
                    }
                };
            }
            let name = terminal_name(op, last.as_ref(), &query);
            let alias = format!("{} {}", op.method.as_str(), path.template);
            // One terminal per route and name on a node: `/me/x` and
            // `/users/{id}/x` are one.
            let node = &mut nav.nodes[at];
            if node
                .terminals
                .iter()
                .any(|t| t.op == index && t.step.as_ref().map(Step::shape) == last.as_ref().map(Step::shape))
            {
                continue;
            }
            let method = methods[at].claim(&name);
            node.terminals.push(Terminal {
                method,
                op: index,
                step: last,
                alias,
                query,
            });
        }
    }
    // Features reached from each node; children are created after their
    // parents, so one pass from the last node up settles them.
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
    nav
}

impl Edge {
    /// The method name before any numbering.
    fn method_base(&self) -> String {
        self.method.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
    }
}

impl Step {
    /// The step without its argument names (for telling terminals apart).
    fn shape(&self) -> String {
        match self {
            Step::Literal(name) => name.to_ascii_lowercase(),
            Step::Key => "{}".into(),
            Step::Call { name, .. } => format!("{}()", name.to_ascii_lowercase()),
            Step::ItemPath { .. } => ":{}:".into(),
        }
    }
}

/// A path as navigation steps (method name, step, the prefix's template
/// after it) and the last step a terminal takes itself, if any. `None` for
/// a path the tree does not model.
#[allow(clippy::type_complexity)]
fn split(op: &Op, segments: &[Segment]) -> Option<(Vec<(String, Step, String)>, Option<Step>)> {
    let mut steps: Vec<(String, Step, String)> = Vec::new();
    let mut template = String::new();
    let mut i = 0;
    // `/me` is the node of `/users/{id}`.
    let mut push = |method: String, step: Step, piece: &str, template: &mut String| {
        template.push_str(piece);
        steps.push((method, step, template.clone()));
    };
    let last_index = segments.len().saturating_sub(1);
    let mut last = None;
    while i < segments.len() {
        let segment = &segments[i];
        let is_last = i == last_index;
        match segment {
            Segment::Literal { name } if i == 0 && name.eq_ignore_ascii_case("me") => {
                push("me".into(), Step::Literal("me".into()), "/users/{}", &mut template);
            }
            Segment::Literal { name } if name.ends_with(':') => {
                // `root:` `{item-path}:` -> `root()` then `item_by_path(path)`.
                let base = name.trim_end_matches(':');
                let closed = match segments.get(i + 1)? {
                    Segment::Mixed { pieces } if matches!(pieces.as_slice(), [Piece::Param(_), Piece::Text(t)] if t == ":") => {
                        true
                    }
                    Segment::Key { .. } if i + 1 == last_index => false,
                    _ => return None,
                };
                if !base.is_empty() {
                    push(
                        method_name(base),
                        Step::Literal(base.into()),
                        &format!("/{base}"),
                        &mut template,
                    );
                }
                let (method, piece) = if closed {
                    ("item_by_path", ":/{}:")
                } else {
                    ("item_at_path", ":/{}")
                };
                push(method.into(), Step::ItemPath { closed }, piece, &mut template);
                i += 2;
                continue;
            }
            Segment::Literal { name } if is_last && is_operation(op) => {
                last = Some(Step::Literal(name.clone()));
            }
            Segment::Literal { name } => {
                push(
                    method_name(name),
                    Step::Literal(name.clone()),
                    &format!("/{name}"),
                    &mut template,
                );
            }
            Segment::Key { .. } => push("by_id".into(), Step::Key, "/{}", &mut template),
            Segment::Cast { type_name } => {
                let simple = type_name.rsplit('.').next().unwrap_or(type_name);
                let method = format!("as_{}", naming::field_name(simple).trim_end_matches('_'));
                if is_last && op.method != Method::Get {
                    return None;
                }
                push(
                    method,
                    Step::Literal(type_name.clone()),
                    &format!("/{type_name}"),
                    &mut template,
                );
            }
            Segment::System { name } if is_last => last = Some(Step::Literal(name.clone())),
            Segment::System { .. } => return None,
            Segment::Call { name, arguments } => {
                let simple = name.rsplit('.').next().unwrap_or(name).to_string();
                // An alternate key: `applications(appId='{appId}')`.
                let alternate_key = !is_last || !is_operation(op);
                let alternate_key = alternate_key && arguments.len() == 1 && arguments[0].name.is_some() && i == 0;
                if alternate_key {
                    let key = arguments[0].name.clone().unwrap_or_default();
                    push(
                        method_name(&simple),
                        Step::Literal(simple.clone()),
                        &format!("/{simple}"),
                        &mut template,
                    );
                    push(
                        format!("by_{}", naming::field_name(&key).trim_end_matches('_')),
                        Step::Call {
                            name: String::new(),
                            arguments: arguments.clone(),
                            attached: true,
                        },
                        // The entity's node, as by its key.
                        "/{}",
                        &mut template,
                    );
                } else if is_last {
                    last = Some(Step::Call {
                        name: name.clone(),
                        arguments: arguments.clone(),
                        attached: false,
                    });
                } else {
                    push(
                        method_name(&simple),
                        Step::Call {
                            name: name.clone(),
                            arguments: arguments.clone(),
                            attached: false,
                        },
                        &format!("/{simple}()"),
                        &mut template,
                    );
                }
            }
            Segment::Mixed { .. } => return None,
        }
        i += 1;
    }
    Some((steps, last))
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
        Some(Step::Literal(name)) => method_name(name),
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
