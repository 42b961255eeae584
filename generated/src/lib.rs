//! Typed Microsoft Graph models and requests, generated from the reference
//! documentation by `cargo xtask regen`.
//!
//! - [`models`]: one struct per entity or complex type. Every property is a
//!   [`support::Field`] (absent, explicit `null`, or a value), so an update
//!   sends only what was set; unknown properties are kept and written back.
//! - [`enums`]: open enums; an unknown value is kept in `UnknownValue`.
//! - [`routes`]: one request type per documented operation, implementing
//!   [`support::Route`]: sans-IO, it yields a [`support::Request`].
//! - [`support`]: the hand-written types the generated code uses.

#![deny(missing_docs)]

mod generated;
pub mod support;

pub use generated::{enums, models, routes};
