//! What the generated navigation (`msgraph_typed::nav`) is built on: [`NodePath`],
//! the path a chain of calls has reached, and [`Context`], what a chain
//! ends in: the route value itself (`()`, sans-IO) or a call to send
//! (`&Client`, feature `client`). The nodes themselves are generated
//! (`msgraph_typed::nav::Node`).

use super::error::Error;
use super::path::PathBuilder;
use super::request::Request;
use super::route::Route;
use http::Method;

/// The path reached by navigation (`Graph::new().users().by_id(id)`): the
/// steps written so far, each parameter percent-encoded into its own
/// segment when the path is built, exactly as a route's documented path
/// enum builds it. An id that is empty, `.` or `..` is refused when the
/// request is built (`Route::to_request`), not here.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct NodePath {
    steps: Vec<Step>,
    query: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Literal(&'static str),
    Segment,
    Text(&'static str),
    Value(&'static str, String),
    StringLiteral(&'static str, String),
    ItemPath(&'static str, String),
}

impl NodePath {
    /// The empty path (the version base).
    pub fn new() -> Self {
        Self::default()
    }

    fn and(&self, step: Step) -> Self {
        let mut next = self.clone();
        next.steps.push(step);
        next
    }

    /// One or more fixed segments (`users`, `deviceManagement/reports`).
    pub fn literal(&self, text: &'static str) -> Self {
        self.and(Step::Literal(text))
    }

    /// A segment holding one value (a key): `/{value}`, encoded.
    pub fn param(&self, name: &'static str, value: &str) -> Self {
        self.segment().value(name, value)
    }

    /// Starts a segment; pieces follow.
    pub fn segment(&self) -> Self {
        self.and(Step::Segment)
    }

    /// Fixed text inside the current segment (`delta(`, `:`).
    pub fn text(&self, text: &'static str) -> Self {
        self.and(Step::Text(text))
    }

    /// A value inside the current segment, encoded.
    pub fn value(&self, name: &'static str, value: &str) -> Self {
        self.and(Step::Value(name, value.to_owned()))
    }

    /// A quoted OData string literal inside the current segment.
    pub fn string_literal(&self, name: &'static str, value: &str) -> Self {
        self.and(Step::StringLiteral(name, value.to_owned()))
    }

    /// A OneDrive item path (`Documents/a.docx`): its `/` separate folders.
    pub fn item_path(&self, name: &'static str, value: &str) -> Self {
        self.and(Step::ItemPath(name, value.to_owned()))
    }

    /// A query parameter the documented path writes
    /// (`calendarView?startDateTime=...`).
    pub fn query(&self, name: &'static str, value: &str) -> Self {
        let mut next = self.clone();
        next.query.push((name, value.to_owned()));
        next
    }

    /// The query parameters the documented path writes, in order.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        self.query.clone()
    }

    /// A request for this path: its segments built (each parameter
    /// percent-encoded into its own segment, so a value can never change
    /// the target) and the query its documented template writes
    /// (`calendarView?startDateTime=...`).
    pub fn request(&self, method: Method) -> Result<Request, Error> {
        let request = Request::new(method, self.to_path()?);
        Ok(self.query.iter().fold(request, |request, (name, value)| {
            request.with_query_param(*name, value.clone())
        }))
    }

    /// The path relative to the version base.
    pub fn to_path(&self) -> Result<String, Error> {
        self.steps
            .iter()
            .fold(PathBuilder::new(), |b, step| match step {
                Step::Literal(text) => b.literal(text),
                Step::Segment => b.segment(),
                Step::Text(text) => b.text(text),
                Step::Value(name, value) => b.value(name, value),
                Step::StringLiteral(name, value) => b.string_literal(name, value),
                Step::ItemPath(name, value) => b.item_path(name, value),
            })
            .finish()
    }
}

/// The path it builds (`"users/u1"`), or why it cannot be built.
impl std::fmt::Debug for NodePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_path() {
            Ok(path) => std::fmt::Debug::fmt(&path, f),
            Err(e) => write!(f, "(cannot be built: {e})"),
        }
    }
}

/// What a navigation chain ends in. Sans-IO (`()`), a terminal method
/// (`list()`, `get()`, `update(body)`) gives the route value, for
/// [`Route::to_request`]; with the client (`&Client`), a call to send or
/// await.
pub trait Context: Clone {
    /// What a terminal method gives for route `R`.
    type Call<R: Route>;

    /// Wraps a route.
    fn call<R: Route>(&self, route: R) -> Self::Call<R>;
}

impl Context for () {
    type Call<R: Route> = R;

    fn call<R: Route>(&self, route: R) -> R {
        route
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_path_encodes_each_value_in_its_segment() {
        let users = NodePath::new().literal("users");
        let user = users.param("id", "a/b?c");
        assert_eq!(user.literal("messages").to_path().unwrap(), "/users/a%2Fb%3Fc/messages");
        assert_eq!(users.to_path().unwrap(), "/users", "a node is reused unchanged");
        let call = user
            .segment()
            .text("reminderView(")
            .text("startDateTime=")
            .value("start", "2021-07-01T00:00:00Z")
            .text(")");
        assert_eq!(
            call.to_path().unwrap(),
            "/users/a%2Fb%3Fc/reminderView(startDateTime=2021-07-01T00%3A00%3A00Z)"
        );
        let item = NodePath::new()
            .literal("me/drive/root")
            .text(":")
            .segment()
            .item_path("path", "Documents/a b.docx")
            .text(":");
        assert_eq!(item.to_path().unwrap(), "/me/drive/root:/Documents/a%20b.docx:");
        assert!(users.param("id", "..").to_path().is_err());
    }
}
