//! Byte offsets into a text turned into 1-based lines and columns, for every
//! reader that reports where something is (pages, CSDL documents, raw bytes).

/// Line starts of a text, for turning byte offsets into line and column.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
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

    #[test]
    fn a_line_starts_after_its_newline() {
        let idx = LineIndex::new("a\nb\n\nc");
        assert_eq!([0, 1, 2, 3, 4, 5].map(|o| idx.line(o)), [1, 1, 2, 2, 3, 4]);
        assert_eq!(idx.line(100), 4);
    }
}
