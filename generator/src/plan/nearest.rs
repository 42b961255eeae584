//! Documented paths nearest to a request line no route matches, ranked as a
//! reader would: segment by segment, a literal against a literal by edit
//! distance (letter case aside), a `{placeholder}` taking any segment, a
//! missing or extra segment costing a whole one. `GET /usres/abc` finds
//! `/users/{id}` first: one transposition away, not a route that merely
//! shares a first letter.

use super::matcher::split_url;
use std::collections::HashMap;

/// The `n` paths nearest to `target` (a path or URL), best first; a
/// template of another method ranks after one of the same method at equal
/// distance. A path is given once, however its placeholders are spelled
/// (`/users/{id | userPrincipalName}`, `/users/{usersId}`), in the spelling
/// the most routes use.
pub fn nearest<'a>(
    method: &str,
    target: &str,
    routes: impl Iterator<Item = (&'a str, &'a str)>,
    n: usize,
) -> Vec<String> {
    let wanted = segments(split_url(target).0);
    let mut spellings: HashMap<&str, usize> = HashMap::new();
    let mut scored: Vec<(u32, bool, String, &str)> = Vec::new();
    for (m, template) in routes {
        *spellings.entry(template).or_default() += 1;
        let segs = segments(split_url(template).0);
        let cost = distance(&wanted, &segs);
        scored.push((cost, !m.eq_ignore_ascii_case(method), shape(&segs), template));
    }
    scored.sort();
    let mut out: Vec<(String, &str)> = Vec::new();
    for (_, _, key, t) in scored {
        let full = out.len() == n;
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, best)) if spellings[t] > spellings[*best] => *best = t,
            None if !full => out.push((key, t)),
            Some(_) | None => {}
        }
    }
    out.into_iter().map(|(_, t)| t.to_string()).collect()
}

/// A path with its placeholders blanked: `/users/{}/messages`.
fn shape(segs: &[String]) -> String {
    segs.iter()
        .map(|s| if is_placeholder(s) { "{}" } else { s.as_str() })
        .collect::<Vec<_>>()
        .join("/")
}

fn is_placeholder(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Cost in thousandths of a segment: the sum over aligned segments of the
/// edit distance over the longer length, plus 1,000 per unaligned segment.
fn distance(wanted: &[String], template: &[String]) -> u32 {
    let aligned: u32 = wanted
        .iter()
        .zip(template)
        .map(|(w, t)| {
            if is_placeholder(t) {
                0
            } else {
                let longer = w.chars().count().max(t.chars().count()).max(1) as u32;
                levenshtein(w, t) * 1000 / longer
            }
        })
        .sum();
    aligned + 1000 * wanted.len().abs_diff(template.len()) as u32
}

/// Edits (insert, delete, substitute) turning `a` into `b`.
fn levenshtein(a: &str, b: &str) -> u32 {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<u32> = (0..=b.len() as u32).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i as u32 + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + u32::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_counted() {
        assert_eq!(levenshtein("usres", "users"), 2);
        assert_eq!(levenshtein("mesages", "messages"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn a_typo_finds_the_route_it_misspells() {
        let routes = [
            ("GET", "/me"),
            ("GET", "/groups/{id}"),
            ("GET", "/users"),
            ("POST", "/users/{id}"),
            ("GET", "/users/{id | userPrincipalName}"),
            ("GET", "/subscribedSkus/{id}"),
        ];
        let found = nearest("GET", "/usres/abc", routes.into_iter(), 3);
        assert_eq!(found[0], "/users/{id | userPrincipalName}");
        assert_eq!(
            found.iter().filter(|f| f.starts_with("/users/{")).count(),
            1,
            "{found:?}"
        );
        assert!(!found.iter().any(|f| f == "/me"), "{found:?}");
    }
}
