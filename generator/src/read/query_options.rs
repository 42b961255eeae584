//! Which OData system query options (`$select`, `$filter`, ...) an
//! operation's *Optional query parameters* section says it supports: the
//! options its sentences and table rows name, every option when a sentence
//! supports "the OData query parameters" without naming any, less the ones
//! a sentence refuses.

use super::blocks::{Inline, Span};
use crate::schema::QueryOption;
use std::collections::BTreeSet;

/// What a section has said so far.
#[derive(Debug, Default)]
pub struct Mentions {
    named: BTreeSet<QueryOption>,
    refused: BTreeSet<QueryOption>,
    /// A sentence supports the OData query parameters as a whole.
    all: bool,
    /// A sentence supports only "some of" them (named in a table or list).
    some: bool,
}

impl Mentions {
    /// Reads the sentences of one paragraph or list item.
    pub fn read_text(&mut self, text: &Inline) {
        let mut sentence = Sentence::default();
        for span in &text.spans {
            match span {
                Span::Code(code) => {
                    sentence.text.push_str(code);
                    sentence.names.extend(QueryOption::from_name(code.trim()));
                }
                Span::Text(t) | Span::Emphasis(t) | Span::Link { text: t, .. } => {
                    for (i, part) in t.split(". ").enumerate() {
                        if i > 0 {
                            self.read_sentence(std::mem::take(&mut sentence));
                        }
                        sentence.names.extend(dollar_names(part));
                        sentence.text.push_str(part);
                    }
                }
            }
        }
        self.read_sentence(sentence);
    }

    /// A table row's name (`$filter`), or a list item holding only one.
    pub fn read_name(&mut self, name: &str) {
        let name = name.trim().trim_matches('`');
        if name.starts_with('$') {
            self.named.extend(QueryOption::from_name(name));
        }
    }

    fn read_sentence(&mut self, s: Sentence) {
        let lower = s.text.to_ascii_lowercase();
        let negative = [
            "not support",
            "doesn't support",
            "not supported",
            "not currently supported",
        ]
        .iter()
        .any(|n| lower.contains(n));
        if negative {
            self.refused.extend(s.names);
            return;
        }
        let supports = lower.contains("support") || lower.contains("you can use");
        if !supports {
            return;
        }
        let whole = lower.contains("query parameter") || lower.contains("query option");
        if whole && (s.names.is_empty() || lower.contains("including")) {
            if lower.contains("some of") {
                self.some = true;
            } else {
                self.all = true;
            }
        }
        self.named.extend(s.names);
    }

    /// The supported options, in a fixed order.
    pub fn options(&self) -> Vec<QueryOption> {
        let every = self.all || (self.some && self.named.is_empty());
        QueryOption::ALL
            .into_iter()
            .filter(|o| (every || self.named.contains(o)) && !self.refused.contains(o))
            .collect()
    }
}

#[derive(Debug, Default)]
struct Sentence {
    text: String,
    names: Vec<QueryOption>,
}

/// `$select`, `$orderBy`, ... written in plain text.
fn dollar_names(text: &str) -> impl Iterator<Item = QueryOption> + '_ {
    text.split('$').skip(1).filter_map(|rest| {
        let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        QueryOption::from_name(&word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use QueryOption::*;

    fn read(spans: Vec<Span>) -> Vec<QueryOption> {
        let mut m = Mentions::default();
        m.read_text(&Inline { spans });
        m.options()
    }

    fn text(t: &str) -> Span {
        Span::Text(t.to_string())
    }

    fn code(t: &str) -> Span {
        Span::Code(t.to_string())
    }

    #[test]
    fn a_page_supporting_the_query_parameters_supports_each() {
        let got = read(vec![
            text("This method supports the "),
            Span::Link {
                text: "OData Query Parameters".into(),
                target: "/graph/query-parameters".into(),
            },
            text(" to help customize the response."),
        ]);
        assert_eq!(got, QueryOption::ALL.to_vec());
        let including = read(vec![
            text("This method supports the OData query parameters to help customize the response, including "),
            code("$search"),
            text(", "),
            code("$count"),
            text("."),
        ]);
        assert_eq!(including, QueryOption::ALL.to_vec());
    }

    #[test]
    fn named_options_are_the_ones_supported() {
        let got = read(vec![
            text("This method supports "),
            code("$select"),
            text(", "),
            code("$filter"),
            text(", "),
            code("$orderBy"),
            text(", and "),
            code("$top"),
            text(" OData query parameters to help customize the response. For general information, see OData query parameters."),
        ]);
        assert_eq!(got, vec![Select, Filter, OrderBy, Top]);
        // Without `$`, in code, and in plain published text.
        let bare = read(vec![
            text("This method supports the "),
            code("select"),
            text(" and "),
            code("expand"),
            text(" OData Query Parameters."),
        ]);
        assert_eq!(bare, vec![Select, Expand]);
        let published = read(vec![text(
            "This method supports the $select and $expand OData query parameters.",
        )]);
        assert_eq!(published, vec![Select, Expand]);
    }

    #[test]
    fn refusals_remove_options() {
        assert!(read(vec![text(
            "This method does not support the OData query parameters to customize the response."
        )])
        .is_empty());
        let mut m = Mentions::default();
        m.read_text(&Inline::text(
            "This method supports the OData query parameters to help customize the response.",
        ));
        m.read_text(&Inline {
            spans: vec![
                text("Some operators are not supported: "),
                code("$count"),
                text(", "),
                code("$search"),
                text("."),
            ],
        });
        assert_eq!(m.options(), vec![Select, Expand, Filter, OrderBy, Top, Skip]);
    }

    #[test]
    fn some_of_them_means_the_ones_a_table_names() {
        let mut m = Mentions::default();
        m.read_text(&Inline::text(
            "This method supports some of the OData query parameters to help customize the response.",
        ));
        assert_eq!(m.options(), QueryOption::ALL.to_vec(), "none named yet: any of them");
        m.read_name("`$filter`");
        m.read_name("$top");
        m.read_name("startDateTime");
        assert_eq!(m.options(), vec![Filter, Top]);
    }
}
