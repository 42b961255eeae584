//! Matching a request to its documented route: a concrete URL
//! (`https://graph.microsoft.com/v1.0/users/87d3.../messages?$top=5`) or a
//! template (`/users/{id}/messages`) against the path templates of the
//! routes.
//!
//! Handles ids and `{id | userPrincipalName}` placeholders, keys written as
//! `users('id')`, type casts, function calls (`delta()`, `range(address='A1')`,
//! qualified `microsoft.graph.delta()`), `$value`, `$ref`, `$count`, query
//! strings, percent-encoding (an encoded `/` stays inside its segment),
//! repeated and trailing slashes, letter case, and OneDrive item paths
//! (`root:/folder/file.txt:/content`).
//!
//! Where no route is documented for a URL as written, what OData and Graph
//! define as the same request is tried: `/me` for `/users/{id}`, a
//! collection with `/$count` appended (a `GET`), a type cast segment
//! (`/memberOf/microsoft.graph.group`) over the collection it narrows, and a
//! function called with or without its parentheses. Template segments that
//! are GUIDs (ids pasted into a documented path) match any id.
//!
//! [`Matcher::find`] is that forgiving match, for the permissions planner
//! (`cargo xtask permissions`, `support::permissions`). [`Matcher::find_all`]
//! and [`bind`] match exactly (`matcher_exact.rs`): every route whose
//! template is the request as written, with the values of its
//! placeholders, for the local Graph's routing and the generator's example
//! replay. [`Matcher::nearest`] ranks the documented paths nearest to a
//! request nothing matches, for both. This is the one matcher of the
//! project; its cases shared by the runtime's and the local Graph's tests
//! are in `matcher_cases.rs`.
//!
//! Its dependencies are `percent-encoding` and `strsim`: the generator compiles this
//! file too (`generator/src/plan.rs`, for `cargo xtask permissions`, the
//! example replay and the local Graph).

#[path = "matcher_exact.rs"]
pub(crate) mod exact;

use exact::Pattern;
pub use exact::{bind, Hit};
use std::collections::HashMap;

/// Routes by method and path template; `T` is what a match returns.
#[derive(Debug, Clone)]
pub struct Matcher<T> {
    root: Node,
    values: Vec<(String, T)>,
    templates: Vec<String>,
    /// Each route's template read for exact matching (`None`: unreadable).
    patterns: Vec<Option<Pattern>>,
    /// Routes by segment count and lowercase first name ([`Pattern::key`]).
    exact: HashMap<(usize, String), Vec<usize>>,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Literal segments (names, casts, `$value`) by case-insensitive hash.
    literals: HashMap<u64, Vec<(String, Node)>>,
    /// Calls by lowercase unqualified name.
    calls: HashMap<String, Vec<(Vec<String>, Node)>>,
    /// A placeholder making up the whole segment.
    param: Option<Box<Node>>,
    /// Segments mixing text and a placeholder (`root:`, `{item-path}:`).
    mixed: Vec<(Mixed, Node)>,
    /// A placeholder holding a path of several segments: a site's
    /// server-relative path after its host (`{hostname}:/{server-relative-path}`).
    path: Option<Box<Node>>,
    /// Route indexes ending here, by method.
    ends: Vec<(String, usize)>,
}

/// Text around one placeholder in a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mixed {
    prefix: String,
    suffix: String,
}

impl<T> Default for Matcher<T> {
    fn default() -> Self {
        Matcher {
            root: Node::default(),
            values: Vec::new(),
            templates: Vec::new(),
            patterns: Vec::new(),
            exact: HashMap::new(),
        }
    }
}

/// Splits a request target into its path (scheme, host, version, query and
/// fragment removed) and query.
pub fn split_url(url: &str) -> (&str, Option<&str>) {
    let mut rest = url.trim();
    for scheme in ["https://", "http://"] {
        if let Some(r) = rest.strip_prefix(scheme) {
            rest = r.find('/').map_or("", |i| &r[i..]);
        }
    }
    let rest = rest.split('#').next().unwrap_or(rest);
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let trimmed = path.trim_start_matches('/');
    for version in ["v1.0", "beta", "v1"] {
        let Some((head, r)) = trimmed.split_at_checked(version.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(version) && (r.is_empty() || r.starts_with('/')) {
            return (r, query);
        }
    }
    (path, query)
}

fn ci_hash(text: &str) -> u64 {
    // FNV-1a over ASCII-lowercased bytes.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Splits a path into segments, skipping empty ones; a OneDrive item path
/// (`root:/a/b.txt:`) stays split, matched by a mixed segment.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The name and argument names of a call segment (`range(address='A1')`):
/// the name unqualified and lowercase, argument names lowercase and sorted.
fn call_parts(segment: &str) -> Option<(String, Vec<String>)> {
    let open = segment.find('(')?;
    if !segment.ends_with(')') {
        return None;
    }
    let name = &segment[..open];
    let name = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let inner = &segment[open + 1..segment.len() - 1];
    let mut args: Vec<String> = split_args(inner)
        .filter_map(|a| a.split_once('=').map(|(n, _)| n.trim().to_ascii_lowercase()))
        .collect();
    args.sort();
    Some((name, args))
}

/// Arguments split on commas outside quotes, empty ones left out.
fn split_args(inner: &str) -> impl Iterator<Item = &str> {
    exact::split_arguments(inner)
        .into_iter()
        .filter(|p| !p.trim().is_empty())
}

fn is_placeholder(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}') && segment[1..].find('{').is_none()
}

/// Whether a segment is a GUID (`acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`).
fn is_guid(segment: &str) -> bool {
    let groups: Vec<&str> = segment.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether a template segment is a value or placeholder pasted where an id
/// goes: a placeholder in parentheses or angle brackets (`(team-id)`,
/// `<id>`), a host or domain name (`contoso.com`), an address (`a@b.com`).
fn is_pasted_value(segment: &str) -> bool {
    let wrapped = |open: char, close: char| {
        segment.len() > 2
            && segment.starts_with(open)
            && segment.ends_with(close)
            && !segment[1..segment.len() - 1].contains([open, close, '\'', '='])
    };
    let domain = segment.contains('.')
        && !segment.get(..10).is_some_and(|p| p.eq_ignore_ascii_case("microsoft."))
        && segment
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    wrapped('(', ')') || wrapped('<', '>') || domain || (segment.contains('@') && !segment.contains(['(', ':']))
}

/// Whether a segment is a type cast (`microsoft.graph.group`).
fn is_cast(segment: &str) -> bool {
    segment.len() > 16 && segment[..16].eq_ignore_ascii_case("microsoft.graph.") && !segment.contains('(')
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

impl<T> Matcher<T> {
    /// An empty matcher.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of routes.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no routes.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Adds a route: `method` and a documented path template.
    pub fn insert(&mut self, method: &str, template: &str, value: T) {
        let index = self.values.len();
        self.values.push((method.to_ascii_uppercase(), value));
        self.templates.push(template.to_string());
        let pattern = Pattern::parse(template);
        if let Some(p) = &pattern {
            self.exact.entry(p.key()).or_default().push(index);
        }
        self.patterns.push(pattern);
        let (path, _) = split_url(template);
        let mut node = &mut self.root;
        let mut after_host = false;
        for seg in segments(path) {
            let path_follows = std::mem::replace(&mut after_host, seg.starts_with('{') && seg.ends_with("}:"));
            node = if path_follows && is_placeholder(seg) && seg.contains("path") {
                node.path.get_or_insert_with(Default::default)
            } else if is_placeholder(seg) || is_guid(seg) || is_pasted_value(seg) {
                node.param.get_or_insert_with(Default::default)
            } else if let Some((name, args)) = call_parts(seg) {
                let list = node.calls.entry(name).or_default();
                let i = match list.iter().position(|(a, _)| *a == args) {
                    Some(i) => i,
                    None => {
                        list.push((args, Node::default()));
                        list.len() - 1
                    }
                };
                &mut list[i].1
            } else if let (Some(open), Some(close)) = (seg.find('{'), seg.rfind('}')) {
                let mixed = Mixed {
                    prefix: seg[..open].to_ascii_lowercase(),
                    suffix: seg[close + 1..].to_ascii_lowercase(),
                };
                let i = match node.mixed.iter().position(|(m, _)| *m == mixed) {
                    Some(i) => i,
                    None => {
                        node.mixed.push((mixed, Node::default()));
                        node.mixed.len() - 1
                    }
                };
                &mut node.mixed[i].1
            } else {
                let list = node.literals.entry(ci_hash(seg)).or_default();
                let i = match list.iter().position(|(l, _)| l.eq_ignore_ascii_case(seg)) {
                    Some(i) => i,
                    None => {
                        list.push((seg.to_string(), Node::default()));
                        list.len() - 1
                    }
                };
                &mut list[i].1
            };
        }
        node.ends.push((method.to_ascii_uppercase(), index));
    }

    /// The route of a request: its value and template.
    pub fn find(&self, method: &str, url: &str) -> Option<(&T, &str)> {
        let (path, _) = split_url(url);
        // Split first, then decode: `%2F` in an id is part of the id.
        let decoded: Vec<String>;
        let segs: Vec<&str> = if path.contains('%') {
            decoded = segments(path).map(percent_decode).collect();
            decoded.iter().map(String::as_str).collect()
        } else {
            segments(path).collect()
        };
        let index = self.find_segments(method, &segs)?;
        Some((&self.values[index].1, self.templates[index].as_str()))
    }

    /// The route of a path's segments: as written, else with the aliases
    /// Graph defines (`/me` for `/users/{id}`, `/drive` for `/me/drive` and
    /// back, `drive/root` for `drive/items/{id}`, an item path
    /// `root:/a/b.txt:` for the item it names), else without a trailing
    /// `$count` or `$value` (a `GET` of a collection's count or an entity's
    /// content, under the route of the collection or entity).
    fn find_segments(&self, method: &str, segs: &[&str]) -> Option<usize> {
        if let Some(i) = walk(&self.root, segs, method) {
            return Some(i);
        }
        let applicable = aliases(segs);
        // Subsets of the applicable aliases, in increasing order.
        let mut subset = applicable;
        let mut subsets = Vec::new();
        while subset != 0 {
            subsets.push(subset);
            subset = (subset - 1) & applicable;
        }
        for aliases in subsets.into_iter().rev() {
            if aliases & ME_DRIVE != 0 && aliases & DRIVE != 0 {
                continue;
            }
            let aliased = apply_aliases(segs, aliases);
            if let Some(i) = walk(&self.root, &aliased, method) {
                return Some(i);
            }
        }
        match segs.split_last() {
            Some((last, rest))
                if (last.eq_ignore_ascii_case("$count") || last.eq_ignore_ascii_case("$value"))
                    && method.eq_ignore_ascii_case("GET") =>
            {
                self.find_segments(method, rest)
            }
            _ => None,
        }
    }

    /// The documented paths nearest to a request no route matches, best
    /// first, as `(method, template)`: ranked segment by segment, a literal
    /// against a literal by edit distance (letter case and call arguments
    /// aside), a `{placeholder}` taking any segment, a missing or extra
    /// segment costing a whole one; at equal distance a template of
    /// `method` first. `GET /usres/abc` finds `/users/{id}` first (one
    /// transposition away). A path is given once, however its placeholders
    /// are spelled (`/users/{id | userPrincipalName}`, `/users/{usersId}`), in
    /// the spelling most routes use, its query (if inserted with one) left
    /// out.
    ///
    /// The planner (`cargo xtask permissions`) and the local Graph's 404s
    /// rank with this one function.
    pub fn nearest(&self, method: &str, url: &str, n: usize) -> Vec<(&str, &str)> {
        let wanted = ranked_segments(split_url(url).0);
        let mut spellings: HashMap<&str, usize> = HashMap::new();
        let mut scored: Vec<(u32, bool, String, usize)> = Vec::new();
        for (i, template) in self.templates.iter().enumerate() {
            *spellings.entry(exact::path_of(template)).or_default() += 1;
            let segs = ranked_segments(split_url(template).0);
            let other_method = !self.values[i].0.eq_ignore_ascii_case(method);
            scored.push((distance(&wanted, &segs), other_method, shape(&segs), i));
        }
        scored.sort();
        let mut out: Vec<(String, usize)> = Vec::new();
        for (_, _, key, i) in scored {
            let full = out.len() == n;
            let spelled = |i: usize| spellings[exact::path_of(&self.templates[i])];
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, best)) if spelled(i) > spelled(*best) => *best = i,
                None if !full => out.push((key, i)),
                Some(_) | None => {}
            }
        }
        out.into_iter()
            .map(|(_, i)| (self.values[i].0.as_str(), exact::path_of(&self.templates[i])))
            .collect()
    }
}

/// A path's segments as ranking compares them: lowercase, a call's
/// arguments dropped (`range(address='A1')` is `range`).
fn ranked_segments(path: &str) -> Vec<String> {
    segments(path)
        .map(|s| {
            let s = if is_placeholder(s) {
                s
            } else {
                s.split('(').next().unwrap_or(s)
            };
            s.to_ascii_lowercase()
        })
        .collect()
}

/// A path with its placeholders blanked: `users/{}/messages`.
fn shape(segs: &[String]) -> String {
    segs.iter()
        .map(|s| if is_placeholder(s) { "{}" } else { s.as_str() })
        .collect::<Vec<_>>()
        .join("/")
}

/// Cost in thousandths of a segment: the sum over aligned segments of the
/// edit distance over the longer length, plus 1,000 per unaligned segment.
fn distance(wanted: &[String], template: &[String]) -> u32 {
    let aligned: u32 = wanted
        .iter()
        .zip(template)
        .map(|(w, t)| {
            if is_placeholder(t) {
                0
            } else {
                let longer = w.chars().count().max(t.chars().count()).max(1);
                (strsim::levenshtein(w, t) * 1000 / longer) as u32
            }
        })
        .sum();
    aligned + 1000 * wanted.len().abs_diff(template.len()) as u32
}

/// `/drive` for `/me/drive`.
const DRIVE: u8 = 1;
/// `/me`, `/education/me`: the signed-in user, `users/{id}`.
const ME: u8 = 2;
/// `drive/root`, `drives/{id}/root`: the root item, `items/{id}`.
const ROOT: u8 = 4;
/// `root:/a/b.txt:`: the item a path names, as one id.
const ITEM_PATH: u8 = 8;
/// `/me/drive` for `/drive`.
const ME_DRIVE: u8 = 16;

fn is_root_path(s: &str) -> bool {
    s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("root:"))
}

/// The aliases that apply to a path (bits above).
fn aliases(segs: &[&str]) -> u8 {
    let mut bits = 0;
    let first = |i: usize, name: &str| segs.get(i).is_some_and(|s| s.eq_ignore_ascii_case(name));
    if first(0, "drive") {
        bits |= DRIVE;
    }
    if first(0, "me") && first(1, "drive") {
        bits |= ME_DRIVE;
    }
    if bits & DRIVE != 0 || segs.iter().any(|s| s.eq_ignore_ascii_case("me")) {
        bits |= ME;
    }
    if segs.iter().any(|s| s.eq_ignore_ascii_case("root") || is_root_path(s)) {
        bits |= ROOT;
    }
    if segs.iter().any(|s| is_root_path(s)) {
        bits |= ITEM_PATH;
    }
    bits
}

/// A path with the given aliases applied, in a fixed order.
fn apply_aliases<'a>(segs: &[&'a str], bits: u8) -> Vec<&'a str> {
    let mut aliased: Vec<&str> = segs.to_vec();
    if bits & ME_DRIVE != 0 {
        aliased.remove(0);
    }
    if bits & DRIVE != 0 {
        aliased.insert(0, "me");
    }
    if bits & ME != 0 {
        if let Some(i) = aliased.iter().position(|s| s.eq_ignore_ascii_case("me")) {
            aliased.insert(i, "users");
        }
    }
    if bits & ITEM_PATH != 0 {
        // `root:` then segments up to one ending with `:` (or the end).
        if let Some(i) = aliased.iter().position(|s| is_root_path(s)) {
            let from = if aliased[i].len() == 5 { i + 1 } else { i };
            let end = (from..aliased.len())
                .find(|&j| aliased[j].ends_with(':'))
                .unwrap_or(aliased.len() - 1);
            aliased.splice(i..=end.max(i), ["root"]);
        }
    }
    if bits & ROOT != 0 {
        let of_drive = |a: &[&str], i: usize| {
            (i >= 1 && a[i - 1].eq_ignore_ascii_case("drive")) || (i >= 2 && a[i - 2].eq_ignore_ascii_case("drives"))
        };
        if let Some(i) = (0..aliased.len())
            .find(|&i| (aliased[i].eq_ignore_ascii_case("root") || is_root_path(aliased[i])) && of_drive(&aliased, i))
        {
            aliased.insert(i, "items");
        }
    }
    aliased
}

/// Depth-first: literals, then calls, then keys in parentheses, then
/// placeholders, then mixed segments (which may span several segments).
fn walk(node: &Node, segs: &[&str], method: &str) -> Option<usize> {
    let Some((seg, rest)) = segs.split_first() else {
        return node
            .ends
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(method))
            .map(|(_, i)| *i);
    };
    if let Some(list) = node.literals.get(&ci_hash(seg)) {
        for (lit, child) in list {
            if lit.eq_ignore_ascii_case(seg) {
                if let Some(i) = walk(child, rest, method) {
                    return Some(i);
                }
            }
        }
    }
    if seg.ends_with(')') {
        if let Some((name, args)) = call_parts(seg) {
            if let Some(list) = node.calls.get(&name) {
                let exact = list.iter().filter(|(a, _)| *a == args);
                let others = list.iter().filter(|(a, _)| *a != args);
                for (_, child) in exact.chain(others) {
                    if let Some(i) = walk(child, rest, method) {
                        return Some(i);
                    }
                }
            }
            // `users('id')`: a key in parentheses after a collection name;
            // else a function documented without its parentheses.
            let open = seg.find('(').unwrap_or(0);
            let name = &seg[..open];
            if let Some(list) = node.literals.get(&ci_hash(name)) {
                for (lit, child) in list {
                    if lit.eq_ignore_ascii_case(name) {
                        if let Some(param) = &child.param {
                            if let Some(i) = walk(param, rest, method) {
                                return Some(i);
                            }
                        }
                        if let Some(i) = walk(child, rest, method) {
                            return Some(i);
                        }
                    }
                }
            }
        }
    } else if !node.calls.is_empty() {
        // A function called without its parentheses (`range/rowsAbove`).
        for (_, child) in node.calls.get(&seg.to_ascii_lowercase()).into_iter().flatten() {
            if let Some(i) = walk(child, rest, method) {
                return Some(i);
            }
        }
    }
    // `$count`, `$value`, `$ref`: system segments, never an id.
    if let Some(param) = node.param.as_ref().filter(|_| !seg.starts_with('$')) {
        if let Some(i) = walk(param, rest, method) {
            return Some(i);
        }
    }
    // A path of one or more segments, ending at the end or at a segment
    // ending with `:` (`/sites/host:/teams/hr:/lists`).
    if let Some(path) = &node.path {
        for end in 0..segs.len() {
            if let Some(i) = walk(path, &segs[end + 1..], method) {
                return Some(i);
            }
            if segs[end].ends_with(':') {
                break;
            }
        }
    }
    for (mixed, child) in &node.mixed {
        let lower = seg.to_ascii_lowercase();
        if !lower.starts_with(&mixed.prefix) {
            continue;
        }
        // The placeholder may hold `/` (an item path): take segments until
        // one ends with the suffix.
        for end in 0..segs.len() {
            let last = segs[end].to_ascii_lowercase();
            let first_ok = end > 0 || lower.len() >= mixed.prefix.len() + mixed.suffix.len();
            if last.ends_with(&mixed.suffix) && first_ok {
                if let Some(i) = walk(child, &segs[end + 1..], method) {
                    return Some(i);
                }
            }
            if mixed.suffix.is_empty() {
                break;
            }
        }
    }
    if is_cast(seg) {
        // A cast no route documents narrows the collection before it.
        return walk(node, rest, method);
    }
    None
}

#[cfg(test)]
#[path = "matcher_tests.rs"]
mod tests;
