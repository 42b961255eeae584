//! What the application sent, for its tests to assert on: every request the
//! server receives (method, URL, headers, body) kept in order
//! ([`crate::Server::requests`]) and, when asked, written as JSON lines to a
//! file (`cargo xtask mock --log F`), one line per request as it arrives.

use axum::http::{HeaderMap, Uri};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{LineWriter, Write};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

/// One request as received.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recorded {
    pub method: String,
    /// The path and query as sent (`/v1.0/users?$top=2`).
    pub url: String,
    /// Header names lower-cased; a header sent more than once is joined
    /// with `, `.
    pub headers: BTreeMap<String, String>,
    /// The body: its JSON when it reads as JSON, else its text; `None`
    /// when empty.
    pub body: Option<Value>,
}

impl Recorded {
    fn new(method: &str, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Recorded {
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            names
                .entry(name.as_str().to_string())
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(&value);
                })
                .or_insert_with(|| value.into_owned());
        }
        let body = if body.trim_ascii().is_empty() {
            None
        } else {
            Some(
                serde_json::from_slice(body)
                    .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned())),
            )
        };
        Recorded {
            method: method.to_string(),
            url: uri
                .path_and_query()
                .map_or_else(|| uri.path().to_string(), |p| p.as_str().to_string()),
            headers: names,
            body,
        }
    }

    /// The header `name` (any case), as received.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).map(String::as_str)
    }
}

/// Where requests go: kept in memory, written to a log, both or neither.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    keep: bool,
    kept: Mutex<Vec<Recorded>>,
    log: Option<Mutex<LineWriter<File>>>,
}

impl Recorder {
    /// Keeps requests when `keep`; writes them to `log` (created, or
    /// truncated) when given.
    pub(crate) fn new(keep: bool, log: Option<&Path>) -> std::io::Result<Recorder> {
        let log = match log {
            Some(path) => Some(Mutex::new(LineWriter::new(File::create(path)?))),
            None => None,
        };
        Ok(Recorder {
            keep,
            kept: Mutex::default(),
            log,
        })
    }

    pub(crate) fn record(&self, method: &str, uri: &Uri, headers: &HeaderMap, body: &[u8]) {
        if !self.keep && self.log.is_none() {
            return;
        }
        let recorded = Recorded::new(method, uri, headers, body);
        if let Some(log) = &self.log {
            if let Ok(mut line) = serde_json::to_string(&recorded) {
                line.push('\n');
                // A log that cannot be written loses lines, never answers.
                let _ = log
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .write_all(line.as_bytes());
            }
        }
        if self.keep {
            self.kept.lock().unwrap_or_else(PoisonError::into_inner).push(recorded);
        }
    }

    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}
