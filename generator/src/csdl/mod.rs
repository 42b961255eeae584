//! Reads OData CSDL metadata (EDMX) into plain data.
//!
//! [`read_csdl`] turns the text of a metadata document into a [`Csdl`]: every
//! schema's entity, complex and enumeration types, actions and functions (all
//! overloads), the entity container, terms and annotations, with aliases
//! replaced by full namespaces. Malformed XML is an error; anything else that
//! is unexpected becomes a [`CsdlDiagnostic`] in [`Csdl::diagnostics`].

mod error;
mod model;
mod names;
mod queries;
mod reader;
#[cfg(test)]
mod tests;

pub use error::CsdlError;
pub use model::*;
pub use queries::TypeKind;

/// Reads a CSDL (EDMX) document. `file` names the document in errors.
pub fn read_csdl(text: &str, file: &str) -> Result<Csdl, CsdlError> {
    reader::read(text, file)
}
