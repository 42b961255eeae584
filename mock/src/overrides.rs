//! A user's own answers, extra to the documented ones or in their place:
//! each names a request line and gives the status, headers and body to
//! answer it with. Read from a folder (`cargo xtask mock --overrides DIR`,
//! [`Overrides::load`]) or given in code ([`crate::Options::overrides`]).
//!
//! Every `.json`, `.yaml` or `.yml` file under the folder (in path order)
//! holds one answer or a list of them:
//!
//! ```json
//! {"request": "GET /users/{id}", "status": 200,
//!  "headers": {"ETag": "W/\"1\""}, "body": {"id": "u1", "displayName": "Ada"}}
//! ```
//!
//! `request` is `METHOD /path[?query]`: a segment written `{...}` takes any
//! value, any other is compared as sent (case aside); with a query, only
//! requests with that query (decoded) match. `status` is 200 when not given;
//! `body` is sent as JSON, `text` as plain text (its `Content-Type` from
//! `headers` when given there); neither: no body. Among the answers a request
//! matches, the one with a query, then the most fixed segments, then the
//! first read wins. A request that matches answers with it after the
//! request is checked as usual and any fault drawn; a path nothing
//! documents answers with it too (an extra route). The response names the
//! answer in `x-mock-override` (its file and position).

use crate::route::{decoded_parts, same_query};
use generator::schema::Method;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The header naming the override that answered (`answers/user.json#0`).
pub const OVERRIDE_HEADER: &str = "x-mock-override";

/// One answer of the user's own.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// `METHOD /path[?query]` (`GET /users/{id}`, `POST /users`, `GET /users?$top=1`).
    pub request: String,
    #[serde(default = "ok")]
    pub status: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// A JSON body.
    #[serde(default)]
    pub body: Option<Value>,
    /// A body of text, when not JSON.
    #[serde(default)]
    pub text: Option<String>,
    /// Where it was read from (file and position), for `x-mock-override`.
    #[serde(skip)]
    pub source: String,
}

fn ok() -> u16 {
    200
}

/// A folder of answers that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OverrideError {
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{source_name}: {message}")]
    Invalid { source_name: String, message: String },
}

/// The answers, each with its request line read.
#[derive(Debug, Default)]
pub struct Overrides(Vec<(Pattern, Override)>);

#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    method: Method,
    /// Each segment lower-cased, `None` for `{...}`.
    segments: Vec<Option<String>>,
    query: Option<String>,
}

impl Pattern {
    fn read(request: &str) -> Result<Pattern, String> {
        let (method, target) = request
            .trim()
            .split_once(' ')
            .ok_or_else(|| format!("`{request}` is not `METHOD /path`"))?;
        let method = Method::parse(method).ok_or_else(|| format!("`{method}` is not an HTTP method"))?;
        let target = target.trim();
        // A full URL or a version prefix is taken as the path after it.
        let target = target
            .strip_prefix("https://")
            .or_else(|| target.strip_prefix("http://"))
            .map_or(target, |rest| rest.find('/').map_or("/", |i| &rest[i..]));
        if !target.starts_with('/') {
            return Err(format!("the path of `{request}` does not start with `/`"));
        }
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p, Some(q.to_string())),
            None => (target, None),
        };
        let mut parts = decoded_parts(path);
        if parts
            .first()
            .is_some_and(|p| p.eq_ignore_ascii_case("v1.0") || p.eq_ignore_ascii_case("beta"))
        {
            parts.remove(0);
        }
        let segments = parts
            .into_iter()
            .map(|p| (!(p.starts_with('{') && p.ends_with('}'))).then(|| p.to_lowercase()))
            .collect();
        Ok(Pattern {
            method,
            segments,
            query,
        })
    }

    /// How well a request matches: `None` when it does not; else (with a
    /// query, fixed segments), higher is more specific.
    fn fits(&self, method: Method, parts: &[String], query: Option<&str>) -> Option<(bool, usize)> {
        if method != self.method || parts.len() != self.segments.len() {
            return None;
        }
        let segments_fit = self
            .segments
            .iter()
            .zip(parts)
            .all(|(s, p)| s.as_ref().is_none_or(|s| *s == p.to_lowercase()));
        let query_fits = self.query.as_deref().is_none_or(|q| same_query(Some(q), query));
        (segments_fit && query_fits).then(|| (self.query.is_some(), self.segments.iter().flatten().count()))
    }
}

impl Overrides {
    /// The answers with their request lines read; one that does not read is
    /// an error naming it.
    pub fn new(answers: &[Override]) -> Result<Overrides, OverrideError> {
        answers
            .iter()
            .map(|a| {
                let pattern = Pattern::read(&a.request).map_err(|message| OverrideError::Invalid {
                    source_name: a.source.clone(),
                    message,
                })?;
                if !(100..=599).contains(&a.status) {
                    return Err(OverrideError::Invalid {
                        source_name: a.source.clone(),
                        message: format!("a status is 100-599, not {}", a.status),
                    });
                }
                Ok((pattern, a.clone()))
            })
            .collect::<Result<_, _>>()
            .map(Overrides)
    }

    /// Reads every answer file under `dir` (see the module comment).
    pub fn load(dir: &Path) -> Result<Vec<Override>, OverrideError> {
        let mut files = Vec::new();
        collect_files(dir, &mut files)?;
        files.sort();
        let mut out = Vec::new();
        for file in files {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(&file).map_err(|error| OverrideError::Io {
                path: name.clone(),
                error,
            })?;
            let invalid = |message: String| OverrideError::Invalid {
                source_name: name.clone(),
                message,
            };
            let yaml = file.extension().is_some_and(|e| e != "json");
            let value: Value = if yaml {
                yaml_serde::from_str(&text).map_err(|e| invalid(e.to_string()))?
            } else {
                serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?
            };
            let items = match value {
                Value::Array(items) => items,
                one => vec![one],
            };
            for (i, item) in items.into_iter().enumerate() {
                let mut answer: Override =
                    serde_json::from_value(item).map_err(|e| invalid(format!("answer {i}: {e}")))?;
                answer.source = format!("{name}#{i}");
                out.push(answer);
            }
        }
        // Each request line is read now, so a bad one is named at load.
        Overrides::new(&out)?;
        Ok(out)
    }

    /// The answer for a request (its path without the version prefix, as sent), if any.
    pub fn find(&self, method: Method, path: &str, query: Option<&str>) -> Option<&Override> {
        if self.0.is_empty() {
            return None;
        }
        let parts = decoded_parts(path);
        let mut best: Option<((bool, usize), &Override)> = None;
        for (pattern, answer) in &self.0 {
            if let Some(score) = pattern.fits(method, &parts, query) {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, answer));
                }
            }
        }
        best.map(|(_, a)| a)
    }
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), OverrideError> {
    let io = |error| OverrideError::Io {
        path: dir.display().to_string(),
        error,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "json" | "yaml" | "yml"))
        {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(request: &str) -> Override {
        serde_json::from_value(serde_json::json!({ "request": request })).unwrap()
    }

    fn parts(path: &str) -> Vec<String> {
        decoded_parts(path)
    }

    #[test]
    fn the_most_specific_answer_wins_then_the_first() {
        let mut any = answer("GET /users/{id}");
        any.source = "any".into();
        let mut one = answer("GET https://graph.microsoft.com/v1.0/users/U1");
        one.source = "one".into();
        let mut top = answer("GET /users/{id}?$select=id");
        top.source = "top".into();
        let mut again = answer("GET /users/{x}");
        again.source = "again".into();
        let overrides = Overrides::new(&[any, one, top, again]).unwrap();
        let find = |path: &str, query| overrides.find(Method::Get, path, query).map(|a| a.source.as_str());
        assert_eq!(find("/users/u2", None), Some("any"));
        assert_eq!(find("/users/u1", None), Some("one"));
        assert_eq!(find("/users/u1", Some("%24select=id")), Some("top"));
        assert_eq!(find("/users", None), None);
        assert_eq!(overrides.find(Method::Patch, "/users/u1", None), None);
    }

    #[test]
    fn a_request_line_that_does_not_read_is_named() {
        let mut bad = answer("FETCH /users");
        bad.source = "a.json#0".into();
        let error = Overrides::new(&[bad]).unwrap_err().to_string();
        assert!(error.starts_with("a.json#0: `FETCH`"), "{error}");
        assert!(Pattern::read("GET users").is_err());
        assert_eq!(
            Pattern::read("GET /v1.0/users/{id}").unwrap().segments,
            [Some("users".to_string()), None]
        );
        assert!(Pattern::read("GET /users/{id}")
            .unwrap()
            .fits(Method::Get, &parts("/users/a%2Fb"), None)
            .is_some());
    }
}
