//! Errors that stop reading a CSDL document, and byte-offset to line/column
//! conversion shared with diagnostics.

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

/// Line starts of a text, for turning byte offsets into line and column.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one_and_in_characters() {
        let idx = LineIndex::new("ab\n\u{e9}x\n");
        assert_eq!(idx.line_column(0), (1, 1));
        assert_eq!(idx.line_column(1), (1, 2));
        assert_eq!(idx.line_column(3), (2, 1));
        // 'x' follows a two-byte character: byte 5, column 2.
        assert_eq!(idx.line_column(5), (2, 2));
        assert_eq!(idx.line_column(100), (3, 1));
    }
}
