//! Typed Microsoft Graph models and requests, generated from the reference
//! documentation by `cargo xtask regen`.
//!
//! - [`models`]: one struct per entity or complex type. Every property is a
//!   [`support::Field`] (absent, explicit `null`, or a value), so an update
//!   sends only what was set; unknown properties are kept and written back.
//! - [`enums`]: open enums; an unknown value is kept in `UnknownValue`.
//! - [`routes`]: one request type per documented operation, implementing
//!   [`support::Route`]: sans-IO, it yields a [`support::Request`].
//! - [`nav`]: navigation by path, as Graph is written: [`nav::Graph`]`::new()`
//!   then one method per segment (`users().by_id(id).messages()`), ending in
//!   the operation (`list()`, `get()`, `update(body)`, an action by its name)
//!   that gives the route. From a client (`client.users()...`) it gives a
//!   call to `.await`.
//! - [`support`]: the hand-written types the generated code uses.
//! - `client` (feature `client`, off by default): an HTTP client sending
//!   any route, with paging, retries, batches and upload sessions.
//!
//! Navigating to a route (no HTTP client needed; send the request with any):
//!
//! ```
//! use msgraph_typed::models::DeviceComplianceUserOverview;
//! use msgraph_typed::nav::Graph;
//! use msgraph_typed::support::{Field, Route};
//!
//! let body = DeviceComplianceUserOverview { pending_count: Field::Value(12), ..Default::default() };
//! let route = Graph::new()
//!     .device_management()
//!     .device_compliance_policies()
//!     .by_id("policy/1")
//!     .user_status_overview()
//!     .update(body);
//! let request = route.to_request()?;
//! assert_eq!(request.method, http::Method::PATCH);
//! assert_eq!(request.path, "/deviceManagement/deviceCompliancePolicies/policy%2F1/userStatusOverview");
//! # Ok::<(), msgraph_typed::support::Error>(())
//! ```
//!
//! Each route's rustdoc lists its documented paths with the navigation that
//! reaches each. The route value holds the body and the path; an update
//! sends only the properties that are set, and the request converts to an
//! `http::Request`:
//!
//! ```
//! use msgraph_typed::models::DeviceComplianceUserOverview;
//! use msgraph_typed::nav::Graph;
//! use msgraph_typed::support::{ApiVersion, Field, Route};
//!
//! let body = DeviceComplianceUserOverview { pending_count: Field::Value(12), ..Default::default() };
//! let route = Graph::new()
//!     .device_management()
//!     .device_compliance_policies()
//!     .by_id("policy/1")
//!     .user_status_overview()
//!     .update(body);
//! let request = route.to_request()?;
//! assert_eq!(request.json_body(), Some(serde_json::json!({ "pendingCount": 12 })));
//! let http_request = request.into_http(ApiVersion::V1_0.base_url())?;
//! assert_eq!(
//!     http_request.uri(),
//!     "https://graph.microsoft.com/v1.0/deviceManagement/deviceCompliancePolicies/policy%2F1/userStatusOverview"
//! );
//! # Ok::<(), msgraph_typed::support::Error>(())
//! ```

#![deny(missing_docs)]

// The emitted routes and navigation (`cargo xtask regen`): `src/generated/`
// of a standalone crate; in the workspace, where this file is
// `generator/runtime/lib.rs`, it is `generated/src/generated/` and a `#[path]`
// finds it. Formatted by the generator (prettyplease); `cargo fmt` leaves it
// as written. The models and enums are a crate of their own
// (`msgraph-typed-models`, generated too), the support types another
// (`msgraph-typed-support`, written by hand in `support/`); both are
// re-exported here. Everything else of the crate (this file, `client/`) is
// written by hand.
#[rustfmt::skip]
#[path = "../../generated/src/generated/mod.rs"]
mod generated;

#[doc(inline)]
pub use msgraph_typed_support as support;

#[cfg(feature = "client")]
pub mod client;

pub use generated::{nav, routes};
#[cfg(feature = "fuzzing")]
pub use msgraph_typed_models::every_model;
#[doc(inline)]
pub use msgraph_typed_models::{enums, models};
