//! Enum values written in descriptions: `Possible values are: `a`, `b`.`,
//! `The possible values are`, `Possible values:`, `Supported values`,
//! `Allowed values`, bold or plain lists. Ranges (`Valid values 0 to 65535`)
//! are not enums.

use super::blocks::{Inline, Span};

const LEADS: &[&str] = &[
    "possible values are",
    "possible values include",
    "possible values:",
    "possible values",
    "supported values are",
    "supported values:",
    "allowed values are",
    "allowed values:",
    "valid values are",
    "valid values:",
    "the values are",
    "values are:",
];

/// The values listed in a description, in order, without duplicates.
pub fn from_description(text: &Inline) -> Vec<String> {
    // Find the span and offset where a lead phrase ends.
    for (i, span) in text.spans.iter().enumerate() {
        let Span::Text(t) = span else { continue };
        let lower = t.to_ascii_lowercase();
        let Some((at, lead)) = LEADS.iter().find_map(|l| lower.find(l).map(|at| (at, l))) else {
            continue;
        };
        let after = t.get(at + lead.len()..).unwrap_or_default();
        let mut values = Vec::new();
        let codes: Vec<&str> = text.spans[i + 1..]
            .iter()
            .take_while(|s| match s {
                Span::Code(_) | Span::Emphasis(_) => true,
                Span::Text(t) => is_separator(t),
                Span::Link { .. } => false,
            })
            .filter_map(|s| match s {
                Span::Code(c) | Span::Emphasis(c) => Some(c.as_str()),
                _ => None,
            })
            .collect();
        if !codes.is_empty() && after.trim_start_matches([':', ' ']).is_empty() {
            values.extend(codes.iter().map(|c| c.trim().to_string()));
        } else {
            // A plain list: words up to the end of the sentence.
            let list = after.trim_start_matches([':', ' ']);
            let end = list.find(". ").unwrap_or(list.len());
            for word in list.get(..end).unwrap_or(list).split([',', ';']) {
                let word = word
                    .trim()
                    .trim_start_matches("and ")
                    .trim_start_matches("or ")
                    .trim()
                    .trim_end_matches('.');
                let word = word.trim_matches(['*', '"', '\'', '`']);
                if is_value(word) {
                    values.push(word.to_string());
                } else {
                    break;
                }
            }
        }
        if values.iter().all(|v| v.chars().all(|c| c.is_ascii_digit() || c == '-')) {
            return Vec::new();
        }
        let mut unique = Vec::new();
        for v in values {
            if !unique.contains(&v) {
                unique.push(v);
            }
        }
        return unique;
    }
    Vec::new()
}

fn is_separator(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    t.is_empty() || matches!(t, "," | ", and" | ", or" | "and" | "or" | ",and" | "/" | ";")
}

fn is_value(word: &str) -> bool {
    !word.is_empty()
        && word.len() < 64
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_list(lead: &str, values: &[&str]) -> Inline {
        let mut spans = vec![Span::Text(lead.into())];
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                spans.push(Span::Text(", ".into()));
            }
            spans.push(Span::Code(v.to_string()));
        }
        spans.push(Span::Text(". Read-only.".into()));
        Inline { spans }
    }

    #[test]
    fn reads_code_span_lists() {
        let d = code_list(
            "Compliance status. Possible values are: ",
            &["unknown", "notApplicable", "unknownFutureValue"],
        );
        assert_eq!(from_description(&d), ["unknown", "notApplicable", "unknownFutureValue"]);
        let d = code_list("The possible values are ", &["a", "b"]);
        assert_eq!(from_description(&d), ["a", "b"]);
    }

    #[test]
    fn reads_plain_lists() {
        let d = Inline::text("Possible values: none, low, medium, high. Default is none.");
        assert_eq!(from_description(&d), ["none", "low", "medium", "high"]);
        let d = Inline::text("Supported values are: user, group, and device.");
        assert_eq!(from_description(&d), ["user", "group", "device"]);
    }

    #[test]
    fn ranges_and_plain_prose_are_not_enums() {
        assert!(from_description(&Inline::text("Valid values 0 to 65535")).is_empty());
        assert!(from_description(&Inline::text("The name of the user.")).is_empty());
    }
}
