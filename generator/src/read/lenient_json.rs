//! Lenient JSON: reads the JSON written in pages, repairing what authors
//! commonly get wrong (trailing commas, `...` placeholders, `//` and `/* */`
//! comments, raw newlines in strings, unquoted keys). The caller is told
//! whether a repair was needed, so repaired examples are marked.

use serde_json::Value;

/// The outcome of reading a JSON text.
#[derive(Debug, PartialEq)]
pub enum Lenient {
    Valid(Value),
    Repaired(Value),
    Invalid(String),
}

/// Reads `text` as JSON, repairing it if needed.
pub fn read(text: &str) -> Lenient {
    match serde_json::from_str(text) {
        Ok(value) => Lenient::Valid(value),
        Err(first) => match serde_json::from_str(&repair(text)) {
            Ok(value) => Lenient::Repaired(value),
            Err(_) => Lenient::Invalid(first.to_string()),
        },
    }
}

/// Rewrites common authoring mistakes into valid JSON.
pub fn repair(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(next) = chars.get(i + 1) {
                        out.push(*next);
                        i += 1;
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => {}
                '\t' => out.push_str("\\t"),
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '"' | '\u{201c}' | '\u{201d}' => {
                in_string = true;
                out.push('"');
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            '.' if chars.get(i + 1) == Some(&'.') => {
                while i < chars.len() && chars[i] == '.' {
                    i += 1;
                }
                continue;
            }
            '\u{2026}' => {}
            c if (c.is_ascii_alphabetic() || c == '_' || c == '@') && expects_key(&out) => {
                // An unquoted key.
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || "_@.$-".contains(chars[i])) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push('"');
                out.push_str(&word);
                out.push('"');
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    remove_stray_commas(&out)
}

/// Whether the next token in a JSON object is a key.
fn expects_key(out: &str) -> bool {
    matches!(out.trim_end().chars().last(), Some('{') | Some(',')) && enclosing(out) == Some('{')
}

/// Follows a JSON text char by char, telling which chars are structure
/// (outside strings) and which are string content.
#[derive(Debug, Default, Clone, Copy)]
pub struct Strings {
    in_string: bool,
    escaped: bool,
}

impl Strings {
    /// Feeds one char; true if it is outside a string (quotes count as outside).
    pub fn outside(&mut self, c: char) -> bool {
        if self.in_string {
            match c {
                _ if self.escaped => self.escaped = false,
                '\\' => self.escaped = true,
                '"' => self.in_string = false,
                _ => {}
            }
            false
        } else {
            self.in_string = c == '"';
            true
        }
    }

    /// Forgets an unclosed string (at the end of a line of a block).
    pub fn reset(&mut self) {
        *self = Strings::default();
    }
}

/// The innermost open bracket of the text so far.
fn enclosing(text: &str) -> Option<char> {
    let mut stack = Vec::new();
    let mut strings = Strings::default();
    for c in text.chars() {
        if !strings.outside(c) {
            continue;
        }
        match c {
            '{' | '[' => stack.push(c),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.last().copied()
}

/// Drops commas before a closing bracket and doubled commas.
fn remove_stray_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut strings = Strings::default();
    for (i, &c) in chars.iter().enumerate() {
        if !strings.outside(c) {
            out.push(c);
            continue;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let prev = out.trim_end().chars().last();
            if matches!(next, Some('}') | Some(']') | Some(',') | None)
                || matches!(prev, Some('{') | Some('[') | Some(','))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn valid_json_is_untouched() {
        assert_eq!(read(r#"{"a": [1, 2]}"#), Lenient::Valid(json!({"a": [1, 2]})));
    }

    #[test]
    fn repairs_common_mistakes() {
        let cases = [
            ("{\"a\": 1,}", json!({"a": 1})),
            ("{\"value\": [{\"id\": \"1\"}, ...]}", json!({"value": [{"id": "1"}]})),
            ("{\"a\": 1, // note\n \"b\": 2}", json!({"a": 1, "b": 2})),
            ("{\"a\": 1, /* c */ \"b\": 2}", json!({"a": 1, "b": 2})),
            ("{\"a\": \"x\ny\"}", json!({"a": "x\ny"})),
            ("{a: 1, \"b\": {c: true}}", json!({"a": 1, "b": {"c": true}})),
            ("{\"a\": [1, 2,\n ...\n]}", json!({"a": [1, 2]})),
        ];
        for (text, expected) in cases {
            assert_eq!(read(text), Lenient::Repaired(expected), "{text}");
        }
    }

    #[test]
    fn urls_in_strings_are_not_comments() {
        assert_eq!(
            read(r#"{"url": "https://graph.microsoft.com/v1.0/me"}"#),
            Lenient::Valid(json!({"url": "https://graph.microsoft.com/v1.0/me"}))
        );
    }

    #[test]
    fn hopeless_text_is_invalid() {
        assert!(matches!(read("not json at all"), Lenient::Invalid(_)));
    }
}
