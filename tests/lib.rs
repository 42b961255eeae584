//! Integration tests of the generator against the source documents.
