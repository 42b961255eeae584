//! Reads Microsoft Graph reference pages and OData CSDL metadata into one
//! intermediate schema, and emits Rust models and routes from it.
//!
//! The pipeline has four stages kept in four places: `read` (pages into
//! facts), `csdl` (metadata into facts), `resolve` (facts into one schema with
//! every name settled, after `merge` has folded the metadata into the page
//! facts) and `emit` (tokens from that schema).

pub mod csdl;
pub mod naming;
pub mod diagnostic;
pub mod read;
pub mod schema;
pub mod resolve;
pub mod merge;
pub mod emit;
pub mod regen;
pub mod bench;
