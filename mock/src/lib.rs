//! A local Microsoft Graph: an HTTP server on 127.0.0.1 that answers each
//! request with the example its reference page documents, so applications
//! (and the generated client) can be tested without the service.
//!
//! - [`graph`]: the route table, read from pages (and CSDL) through the
//!   generator: each operation with its documented answers;
//! - [`route`]: a request's method and path to its operation, as the example
//!   replay matches example URLs; the nearest paths when nothing matches;
//! - [`check`]: request bodies against the documented body type;
//! - [`paging`]: `$top` and `@odata.nextLink` pages of collection answers;
//! - [`query`]: `$filter`, `$search`, `$orderby`, `$skip`, `$count` and
//!   `$select` evaluated over answers when state is on;
//! - [`state`]: what POST creates, PATCH changes and DELETE removes, when
//!   state is on;
//! - [`tenant`]: with state on, the documented entities as the starting
//!   state, found by each of their keys; any other key a 404;
//! - [`recording`]: the requests received, kept for the test and
//!   written as JSON lines;
//! - [`server`]: the axum server, its options and its throttle switch;
//! - [`load`]: a bounded loopback load and its figures.
//!
//! ```no_run
//! use msgraph_mock::{Graph, Options, Server};
//! let graph = Graph::load("docs-input".as_ref(), None).unwrap();
//! let server = Server::start(graph, Options { stateful: true, ..Options::default() }).unwrap();
//! println!("Graph at {}", server.url()); // http://127.0.0.1:PORT/v1.0
//! server.throttle("GET /users", 1).unwrap(); // the next GET /users answers 429 once
//! ```

pub mod check;
pub mod error;
pub mod faults;
pub mod graph;
pub mod load;
pub mod paging;
pub mod query;
pub mod recording;
pub mod route;
pub mod server;
pub mod state;
pub mod tenant;

pub use faults::Fault;
pub use graph::{Answer, AnswerBody, Graph, LoadError};
pub use recording::Recorded;
pub use route::{Ask, Routed, Routing};
pub use server::{Options, Server, UnknownRoute, EXAMPLE_HEADER, FAULTS_PATH};
