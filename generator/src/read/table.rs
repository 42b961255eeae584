//! Splitting table lines into cells, the same way for markdown and published
//! text: pipes inside code spans and escaped pipes (`\|`, `&#124;`) stay in
//! their cell.

/// Splits one table line into raw cell texts. Leading and trailing pipes are
/// optional.
pub fn split_row(line: &str) -> Vec<String> {
    let line = line.trim();
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    let mut in_code = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push_str("&#124;");
                chars.next();
            }
            '`' => {
                in_code = !in_code;
                current.push(c);
            }
            '|' if !in_code => {
                cells.push(std::mem::take(&mut current));
            }
            _ => current.push(c),
        }
    }
    if in_code {
        // An unbalanced backtick: split again ignoring code spans.
        return line_split_plain(line);
    }
    cells.push(current);
    trim_outer(cells)
}

fn line_split_plain(line: &str) -> Vec<String> {
    trim_outer(line.split('|').map(str::to_string).collect())
}

fn trim_outer(mut cells: Vec<String>) -> Vec<String> {
    if cells.first().is_some_and(|c| c.trim().is_empty()) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
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
    fn delimiter_rows() {
        assert!(is_delimiter_row("|:---|:---|"));
        assert!(is_delimiter_row("|---|---|---|"));
        assert!(!is_delimiter_row("| a | b |"));
    }
}
