//! Rust names for wire names: one place for every naming decision.
