//! A local Microsoft Graph: an HTTP server on 127.0.0.1 that answers each
//! request with the example its reference page documents, so applications
//! (and the generated client) can be tested without the service.
//!
//! - [`graph`]: the route table, read from pages (and CSDL) through the
//!   generator: each operation with its documented answers;
//! - [`route`]: a request's method and path to its operation, as the example
//!   replay matches example URLs; the nearest paths when nothing matches;
//! - [`faults`]: a route answering a chosen error the next N times;
//! - [`fault_rules`], [`fault_draws`]: seeded faults (a share of 429, 503
//!   or 504, added latency, limits per window with Graph's throttling
//!   headers) on every route or chosen ones, the same every run for a seed;
//! - [`batch`]: `$batch`, each part answered as if sent alone;
//! - [`check`]: request bodies against the documented body type;
//! - [`paging`]: `$top` and `@odata.nextLink` pages of collection answers;
//! - [`query`]: `$filter`, `$search`, `$orderby`, `$skip`, `$count` and
//!   `$select` evaluated over answers when state is on;
//! - [`expand`]: `$expand` of navigation properties present in the state;
//! - [`delta`]: delta queries over the state, with a `deltaLink` giving
//!   what changed since;
//! - [`state`]: what POST creates, PATCH changes and DELETE removes, when
//!   state is on;
//! - [`tenant`]: with state on, the documented entities as the starting
//!   state, found by each of their keys; any other key a 404;
//! - [`overrides`]: the user's own answers, read from a folder, extra or
//!   in place of the documented ones;
//! - [`upload`]: upload sessions taking byte ranges in order;
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

pub mod batch;
pub mod check;
mod csdl_index;
pub mod delta;
pub mod error;
pub mod expand;
pub mod fault_draws;
pub mod fault_rules;
pub mod faults;
pub mod graph;
pub mod load;
pub mod metadata;
mod nearby;
pub mod overrides;
pub mod paging;
pub mod query;
pub mod recording;
pub mod references;
pub mod route;
pub mod server;
pub mod state;
pub mod tenant;
pub mod upload;

pub use error::UnknownRoute;
pub use fault_draws::FAULT_HEADER;
pub use fault_rules::{FaultPlan, FaultRule, RuleKind};
pub use faults::Fault;
pub use graph::{Answer, AnswerBody, Graph, LoadError};
pub use overrides::{Override, OverrideError, Overrides, OVERRIDE_HEADER};
pub use recording::Recorded;
pub use route::{Ask, Routed, Routing};
pub use server::{Options, Server, EXAMPLE_HEADER, FAULTS_PATH, FAULT_RULES_PATH};
