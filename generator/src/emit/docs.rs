//! Rustdoc for generated items: the page's description, required
//! permissions by kind, and the source page.

use crate::schema::{OperationKind, Permissions};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` lines for a block of text; paragraphs stay apart.
pub fn doc_lines(lines: &[String]) -> TokenStream {
    let mut out = TokenStream::new();
    for line in lines {
        let line = format!(" {line}");
        let line = if line.trim().is_empty() { String::new() } else { line };
        out.extend(quote!(#[doc = #line]));
    }
    out
}

/// An operation's summary line (rustdoc's first line, shown in lists): the
/// page's title, except a bare `type: name` (`user: delta`), which reads as
/// what it is: "Function `delta` of `user`.", "Deletes a `Table` (`delete`)."
pub fn title(title: &str, kind: OperationKind) -> String {
    let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    match title.trim().split_once(": ") {
        Some((ty, name)) if word(ty) && word(name) => match kind {
            OperationKind::Action => format!("Action `{name}` of `{ty}`."),
            OperationKind::Function => format!("Function `{name}` of `{ty}`."),
            OperationKind::Delete => format!("Deletes a `{ty}` (`{name}`)."),
            OperationKind::Update => format!("Updates a `{ty}` (`{name}`)."),
            OperationKind::Get | OperationKind::List => format!("Gets `{name}` of a `{ty}`."),
            OperationKind::Create => format!("`{name}` of `{ty}`, sent as a POST."),
        },
        _ => escape(title.trim()),
    }
}

/// Keeps doc text from being read as markup it is not: brackets that rustdoc
/// would take as intra-doc links, and HTML-like tags.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A description, or a fallback sentence when the docs give none.
pub fn description(text: &str, fallback: &str) -> Vec<String> {
    let text = text.trim();
    vec![if text.is_empty() {
        fallback.to_string()
    } else {
        escape(text)
    }]
}

/// What other pages documenting the same route say (guidance specific to a
/// derived type, say), each with its page.
pub fn guidance(notes: &[(String, String)]) -> Vec<String> {
    if notes.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![String::new(), "# Also documented".to_string(), String::new()];
    lines.extend(
        notes
            .iter()
            .map(|(page, text)| format!("- `{page}`: {}", escape(text.trim()))),
    );
    lines
}

/// A request line as a rustdoc search alias: rustdoc refuses quotes and
/// whitespace other than plain spaces in aliases.
pub fn alias(line: &str) -> String {
    line.chars()
        .filter(|c| !matches!(c, '"' | '\'' | '`'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The permissions section of an operation's rustdoc.
pub fn permissions(p: &Permissions) -> Vec<String> {
    super::permissions::doc(p)
}

/// The request headers section of an operation's rustdoc.
pub fn headers(headers: &[crate::schema::Header]) -> Vec<String> {
    if headers.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![String::new(), "# Request headers".to_string(), String::new()];
    lines.extend(
        headers
            .iter()
            .map(|h| format!("- `{}`{}", h.name, if h.required { " (required)" } else { "" })),
    );
    lines.push(String::new());
    lines.push("Add them to the request with `Request::with_header`.".to_string());
    lines
}

/// The source line of an item's rustdoc.
pub fn source(pages: &[String]) -> Vec<String> {
    let mut lines = vec![String::new()];
    match pages {
        [] => {}
        [one] => lines.push(format!("Source: `{one}`.")),
        many => lines.push(format!("Sources: `{}`.", many.join("`, `"))),
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_type_and_name_title_reads_as_what_the_operation_is() {
        assert_eq!(
            title("user: delta", OperationKind::Function),
            "Function `delta` of `user`."
        );
        assert_eq!(
            title("groupLifecyclePolicy: addGroup", OperationKind::Action),
            "Action `addGroup` of `groupLifecyclePolicy`."
        );
        assert_eq!(
            title("Table: delete", OperationKind::Delete),
            "Deletes a `Table` (`delete`)."
        );
        assert_eq!(title("List users", OperationKind::List), "List users");
        assert_eq!(
            title("Get a <b>[list]</b>", OperationKind::Get),
            "Get a &lt;b&gt;\\[list\\]&lt;/b&gt;"
        );
    }
}
