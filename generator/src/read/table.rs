//! Tables: splitting table lines into cells, the same way for markdown and
//! published text (pipes inside code spans and escaped pipes, `\|`,
//! `&#124;`, stay in their cell), and which column of a header holds what
//! ([`Columns`]).

/// Splits one table line into raw cell texts. Leading and trailing pipes are
/// optional.
pub fn split_row(line: &str) -> Vec<String> {
    split_row_at(line).into_iter().map(|(_, cell)| cell).collect()
}

/// Splits one table line into cells, each with the 1-based column (in
/// characters) where its text starts.
pub fn split_row_at(line: &str) -> Vec<(u32, String)> {
    let split = |respect_code: bool| {
        let mut cells = Vec::new();
        let mut current = String::new();
        let mut start = 0usize;
        let mut chars = line.chars().enumerate().peekable();
        let mut in_code = false;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if chars.peek().map(|(_, n)| *n) == Some('|') => {
                    current.push_str("&#124;");
                    chars.next();
                }
                '`' if respect_code => {
                    in_code = !in_code;
                    current.push(c);
                }
                '|' if !in_code => {
                    cells.push((start, std::mem::take(&mut current)));
                    start = i + 1;
                }
                _ => current.push(c),
            }
        }
        cells.push((start, current));
        (cells, in_code)
    };
    let (cells, unbalanced) = split(true);
    // An unbalanced backtick: split again ignoring code spans.
    let cells = if unbalanced { split(false).0 } else { cells };
    trim_outer(cells)
}

fn trim_outer(mut cells: Vec<(usize, String)>) -> Vec<(u32, String)> {
    if cells.first().is_some_and(|(_, c)| c.trim().is_empty()) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|(_, c)| c.trim().is_empty()) {
        cells.pop();
    }
    cells
        .into_iter()
        .map(|(start, c)| {
            let leading = c.chars().take_while(|ch| ch.is_whitespace()).count();
            ((start + leading + 1) as u32, c.trim().to_string())
        })
        .collect()
}

/// Whether a line is a header delimiter row such as `|:---|---|`.
pub fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Whether a line looks like a table row.
pub fn looks_like_row(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('|') && t.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_rows_with_and_without_outer_pipes() {
        assert_eq!(split_row("|a|b|c|"), ["a", "b", "c"]);
        assert_eq!(split_row("| a | b | c "), ["a", "b", "c"]);
        assert_eq!(split_row("a | b | c"), ["a", "b", "c"]);
        assert_eq!(split_row("| id | String | "), ["id", "String"]);
    }

    #[test]
    fn keeps_pipes_in_code_and_escapes() {
        assert_eq!(split_row("|x|`a|b`|d|"), ["x", "`a|b`", "d"]);
        assert_eq!(split_row(r"|x|a \| b|d|"), ["x", "a &#124; b", "d"]);
    }

    #[test]
    fn empty_middle_cells_survive() {
        assert_eq!(split_row("|a||c|"), ["a", "", "c"]);
    }

    #[test]
    fn cells_know_their_columns() {
        assert_eq!(
            split_row_at("|a|String|x|"),
            [(2, "a".to_string()), (4, "String".into()), (11, "x".into())]
        );
        assert_eq!(
            split_row_at("| id | String | "),
            [(3, "id".to_string()), (8, "String".into())]
        );
        assert_eq!(split_row_at("ü | b"), [(1, "ü".to_string()), (5, "b".into())]);
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter_row("|:---|:---|"));
        assert!(is_delimiter_row("|---|---|---|"));
        assert!(!is_delimiter_row("| a | b |"));
    }
}

/// Which column holds what.
#[derive(Debug, Default, Clone, Copy)]
pub struct Columns {
    pub name: usize,
    pub type_col: Option<usize>,
    pub description: Option<usize>,
    pub required: Option<usize>,
    pub value: Option<usize>,
}

impl Columns {
    /// Maps a header; `None` if there is no name column.
    pub fn of(header: &[String]) -> Option<Columns> {
        let find = |pred: &dyn Fn(&str) -> bool| header.iter().position(|h| pred(&h.to_ascii_lowercase()));
        let name = find(&|h| {
            matches!(
                h,
                "property"
                    | "name"
                    | "parameter"
                    | "parameters"
                    | "required parameter"
                    | "optional parameter"
                    | "property name"
                    | "query parameter"
                    | "relationship"
                    | "relationship name"
                    | "member"
                    | "parameter name"
                    | "properties"
                    | "field"
                    | "key"
                    | "member name"
                    | "header"
                    | "enum value"
                    | "value name"
            )
        })?;
        Some(Columns {
            name,
            type_col: find(&|h| h == "type" || h == "data type" || h == "value type"),
            description: find(&|h| h.starts_with("description") || h == "notes" || h == "remarks"),
            required: header.iter().enumerate().position(|(i, h)| {
                let h = h.to_ascii_lowercase();
                i != name && (h.starts_with("required") || h == "optional")
            }),
            value: find(&|h| h == "value").filter(|v| *v != name),
        })
    }
}

impl Columns {
    /// For tables of an operation's parameters or body: `Name | Value |
    /// Description` (`driveitem-copy.md`) writes the type in its value column.
    pub fn value_as_type(self) -> Columns {
        match (self.type_col, self.value) {
            (None, Some(v)) => Columns {
                type_col: Some(v),
                value: None,
                ..self
            },
            _ => self,
        }
    }
}
