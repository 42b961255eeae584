//! Errors that stop reading a CSDL document.

use thiserror::Error;

/// A CSDL document that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CsdlError {
    /// The text is not well-formed XML.
    #[error("{file}:{line}:{column}: malformed XML: {message}")]
    Xml {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The document ended while elements were still open.
    #[error("{file}:{line}:{column}: unexpected end of document: <{element}> is not closed")]
    UnexpectedEof {
        file: String,
        line: usize,
        column: usize,
        element: String,
    },
    /// The root element is not `edmx:Edmx`.
    #[error("{file}:{line}:{column}: expected an edmx:Edmx root element, found <{found}>")]
    NotEdmx {
        file: String,
        line: usize,
        column: usize,
        found: String,
    },
}
