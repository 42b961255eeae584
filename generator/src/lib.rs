//! Reads Microsoft Graph reference pages and OData CSDL metadata into one
//! intermediate schema, and emits Rust models and routes from it.
//!
//! The pipeline keeps each stage in its own place:
//! - [`read`]: pages (three formats) into page facts ([`schema`]), with
//!   [`diagnostic`]s for everything odd;
//! - [`csdl`]: OData metadata into plain data;
//! - [`merge`]: the metadata folded into the page facts, drift reported;
//! - [`resolve`]: one schema with every Rust name settled ([`naming`]),
//!   workloads, derived types, examples checked;
//! - [`emit`]: tokens from that schema, formatted;
//! - [`regen`]: the whole run over a folder, writing only what changed, with
//!   the input folder's [`fixes`] applied to its pages;
//! - [`isolate`]: a panic on one page becomes a diagnostic on it;
//! - [`listing`]: diagnostics listed for a person, grouped and counted.
//!
//! [`bench`](mod@bench) holds the measurements behind `cargo xtask bench`;
//! [`line_index`] turns byte offsets into lines and columns for every reader.

pub mod bench;
pub mod csdl;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod facts;
pub mod fixes;
pub mod inheritance;
pub mod isolate;
pub mod line_index;
pub mod listing;
pub mod load;
/// The runtime's URL matcher (`runtime/support/matcher.rs`), compiled here too: the
/// planner and the local Graph match with it, and the page reader splits paths with it.
#[path = "../runtime/support/matcher.rs"]
pub mod matcher;
pub mod merge;
pub mod naming;
pub mod output;
pub mod plan;
pub mod read;
pub mod regen;
pub mod render;
pub mod resolve;
pub mod schema;
