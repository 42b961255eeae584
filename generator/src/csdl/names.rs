//! Alias resolution for qualified names, type references and annotation
//! target paths.

use super::model::TypeRef;
use std::collections::BTreeMap;

/// Replaces a leading alias in a qualified name by its namespace:
/// `graph.user` -> `microsoft.graph.user`. Names without a known alias are
/// returned unchanged.
pub(crate) fn resolve_name(aliases: &BTreeMap<String, String>, name: &str) -> String {
    let name = name.trim();
    if let Some((prefix, simple)) = name.rsplit_once('.') {
        if let Some(ns) = aliases.get(prefix) {
            return format!("{ns}.{simple}");
        }
    }
    name.to_string()
}

/// Parses `Type` attribute text (`graph.x`, `Collection(graph.x)`, `Edm.String`)
/// into a reference with the full namespace.
pub(crate) fn parse_type_ref(aliases: &BTreeMap<String, String>, raw: &str) -> TypeRef {
    let raw = raw.trim();
    match raw.strip_prefix("Collection(").and_then(|r| r.strip_suffix(')')) {
        Some(inner) => TypeRef::collection_of(resolve_name(aliases, inner)),
        None => TypeRef::single(resolve_name(aliases, raw)),
    }
}

/// Resolves the qualified part of an enumeration member path
/// (`Core.Permission/Read` or several separated by spaces).
pub(crate) fn resolve_member_path(aliases: &BTreeMap<String, String>, raw: &str) -> String {
    raw.split_whitespace()
        .map(|part| match part.split_once('/') {
            Some((ty, member)) => format!("{}/{member}", resolve_name(aliases, ty)),
            None => resolve_name(aliases, part),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An annotation target split into its parts, names resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TargetPath {
    /// Qualified name of the element the path starts from.
    pub head: String,
    /// Parameter types of an operation overload, as `TypeRef` text.
    pub parameters: Option<Vec<String>>,
    /// Path segments after the head (member names, `$ReturnType`...).
    pub segments: Vec<String>,
}

impl TargetPath {
    /// Parses `ns.op(ns.a, Collection(ns.b))/param` or `ns.Type/member`.
    pub(crate) fn parse(aliases: &BTreeMap<String, String>, raw: &str) -> TargetPath {
        let raw = raw.trim();
        let head_end = raw.find(['(', '/']).unwrap_or(raw.len());
        let head = resolve_name(aliases, &raw[..head_end]);
        let mut rest = &raw[head_end..];
        let mut parameters = None;
        if rest.starts_with('(') {
            let mut depth = 0usize;
            let mut close = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            close = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &rest[1..close.max(1)];
            parameters = Some(
                split_top_level(inner)
                    .map(|p| parse_type_ref(aliases, p).to_string())
                    .collect(),
            );
            rest = rest.get(close + 1..).unwrap_or("");
        }
        let segments = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.contains('.') {
                    resolve_name(aliases, s)
                } else {
                    s.to_string()
                }
            })
            .collect();
        TargetPath {
            head,
            parameters,
            segments,
        }
    }
}

impl std::fmt::Display for TargetPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.head)?;
        if let Some(params) = &self.parameters {
            write!(f, "({})", params.join(", "))?;
        }
        for s in &self.segments {
            write!(f, "/{s}")?;
        }
        Ok(())
    }
}

/// Splits on commas not nested in parentheses; empty input gives nothing.
fn split_top_level(text: &str) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aliases() -> BTreeMap<String, String> {
        BTreeMap::from([("graph".to_string(), "microsoft.graph".to_string())])
    }

    #[test]
    fn names_and_type_refs_lose_their_alias() {
        let a = aliases();
        assert_eq!(resolve_name(&a, "graph.user"), "microsoft.graph.user");
        assert_eq!(resolve_name(&a, "microsoft.graph.user"), "microsoft.graph.user");
        assert_eq!(resolve_name(&a, "Edm.String"), "Edm.String");
        assert_eq!(
            parse_type_ref(&a, "Collection(graph.x)"),
            TypeRef::collection_of("microsoft.graph.x")
        );
        assert_eq!(parse_type_ref(&a, "Edm.Int32"), TypeRef::single("Edm.Int32"));
        assert_eq!(
            resolve_member_path(&a, "graph.color/red graph.color/blue"),
            "microsoft.graph.color/red microsoft.graph.color/blue"
        );
    }

    #[test]
    fn target_paths_split_into_head_parameters_and_segments() {
        let a = aliases();
        let t = TargetPath::parse(&a, "graph.commit(graph.file, Collection(graph.info))/$ReturnType");
        assert_eq!(t.head, "microsoft.graph.commit");
        assert_eq!(
            t.parameters,
            Some(vec![
                "microsoft.graph.file".to_string(),
                "Collection(microsoft.graph.info)".to_string()
            ])
        );
        assert_eq!(t.segments, vec!["$ReturnType"]);
        assert_eq!(
            t.to_string(),
            "microsoft.graph.commit(microsoft.graph.file, Collection(microsoft.graph.info))/$ReturnType"
        );

        let t = TargetPath::parse(&a, "graph.user/displayName");
        assert_eq!(
            (t.head.as_str(), t.parameters, t.segments),
            ("microsoft.graph.user", None, vec!["displayName".to_string()])
        );

        let t = TargetPath::parse(&a, "graph.f()");
        assert_eq!(t.parameters, Some(vec![]));
    }
}
