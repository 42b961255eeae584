//! A subset of the API for a user who wants less than a workload: the
//! routes with a documented path that an include glob covers and no exclude
//! glob does (`--include-path '/users/**' --exclude-path '/users/*/messages/**'`),
//! and only the types those routes reach (bodies, answers, their fields,
//! base and derived types); features and homes are then settled again.
//!
//! A glob is a path of segments, matched case-insensitively: `*` (or a
//! `{placeholder}`) is one segment, `**` any number of them, anything else
//! the segment itself. A path under `/me` is also matched as the
//! `/users/{id}` path it stands for, as the planner's matcher reads it.

use super::features::named;
use super::model::Schema;
use std::collections::{BTreeSet, HashMap};

/// Which documented paths to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathFilter {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl PathFilter {
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether a documented path template is kept.
    pub fn keeps(&self, template: &str) -> bool {
        let forms = forms(template);
        let any = |globs: &[String]| globs.iter().any(|g| forms.iter().any(|f| matches(g, f)));
        (self.include.is_empty() || any(&self.include)) && !any(&self.exclude)
    }
}

/// A template, and for `/me/...` the `/users/{id}/...` it stands for.
fn forms(template: &str) -> Vec<String> {
    let mut out = vec![template.to_string()];
    let lower = template.to_ascii_lowercase();
    if lower == "/me" || lower.starts_with("/me/") {
        out.push(format!("/users/{{id}}{}", &template[3..]));
    }
    out
}

fn segments(path: &str) -> Vec<&str> {
    path.split(['/', '?']).filter(|s| !s.is_empty()).collect()
}

/// Whether `glob` covers `path`.
pub fn matches(glob: &str, path: &str) -> bool {
    fn go(g: &[&str], p: &[&str]) -> bool {
        match g.split_first() {
            None => p.is_empty(),
            Some((&"**", rest)) => (0..=p.len()).any(|i| go(rest, &p[i..])),
            Some((seg, rest)) => match p.split_first() {
                Some((first, tail)) => {
                    let one = *seg == "*" || (seg.starts_with('{') && seg.ends_with('}'));
                    (one || seg.eq_ignore_ascii_case(first)) && go(rest, tail)
                }
                None => false,
            },
        }
    }
    go(&segments(glob), &segments(path))
}

/// Drops the routes the filter does not keep and the types no kept route
/// reaches; the number of routes dropped.
pub fn apply(schema: &mut Schema, filter: &PathFilter) -> usize {
    if filter.is_empty() {
        return 0;
    }
    let before = schema.operations.len();
    schema
        .operations
        .retain(|op| op.paths.iter().any(|p| filter.keeps(&p.template)));
    let by_rust: HashMap<&str, &str> = schema
        .models
        .iter()
        .map(|(wire, m)| (m.rust_name.as_str(), wire.as_str()))
        .chain(
            schema
                .enums
                .iter()
                .map(|(wire, e)| (e.rust_name.as_str(), wire.as_str())),
        )
        .collect();
    let mut stack: Vec<&str> = Vec::new();
    for op in &schema.operations {
        for t in op.body.iter().chain(op.response.iter()) {
            named(t, &mut stack);
        }
        stack.extend(op.body_kind.as_deref());
        stack.extend(op.query_item.as_deref());
    }
    let mut kept: BTreeSet<String> = BTreeSet::new();
    while let Some(rust) = stack.pop() {
        let Some(&wire) = by_rust.get(rust) else {
            // An `XKind` name: its model is reached through the body.
            continue;
        };
        if !kept.insert(wire.to_string()) {
            continue;
        }
        if let Some(m) = schema.models.get(wire) {
            for f in &m.fields {
                named(&f.ty, &mut stack);
            }
            let related = m.base.iter().chain(&m.derived).filter_map(|w| schema.models.get(w));
            stack.extend(related.map(|r| r.rust_name.as_str()));
        }
    }
    schema.models.retain(|wire, _| kept.contains(wire));
    schema.enums.retain(|wire, _| kept.contains(wire));
    for m in schema.models.values_mut() {
        let models = &kept;
        m.derived.retain(|w| models.contains(w));
    }
    super::features::assign(schema);
    before - schema.operations.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_cover_segments_as_documented() {
        assert!(matches("/users/**", "/users"));
        assert!(matches("/users/**", "/users/{id}/messages/{id}"));
        assert!(matches("/users/*/messages", "/users/{id | userPrincipalName}/messages"));
        assert!(matches("/USERS/{user-id}/Messages", "/users/{id}/messages"));
        assert!(!matches("/users/*", "/users/{id}/messages"));
        assert!(!matches("/users/**", "/groups/{id}"));
        assert!(matches("/**/children", "/drives/{id}/items/{id}/children"));
    }

    #[test]
    fn me_is_covered_as_the_user_it_stands_for() {
        let filter = PathFilter {
            include: vec!["/users/**".into()],
            exclude: vec!["/users/*/messages/**".into()],
        };
        assert!(filter.keeps("/me/drive"));
        assert!(filter.keeps("/users/{id}"));
        assert!(!filter.keeps("/me/messages/{id}"));
        assert!(!filter.keeps("/groups"));
        assert!(PathFilter::default().keeps("/anything"));
    }
}
