//! Annotation comments (`<!-- { "blockType": "request", ... } -->`): JSON
//! read leniently, with a diagnostic when it had to be repaired or could not
//! be read.

use super::lenient_json::{read, Lenient};
use crate::diagnostic::Diagnostics;
use serde_json::Value;

/// Reads the JSON inside an annotation comment.
pub fn parse_annotation(json: &str, line: u32, diags: &mut Diagnostics) -> Option<Value> {
    match read(json) {
        Lenient::Valid(v) => Some(v),
        Lenient::Repaired(v) => {
            diags.warning(
                line,
                "annotation-json",
                "annotation is not valid JSON; read it after repair",
            );
            Some(v)
        }
        Lenient::Invalid(err) => {
            diags.warning(
                line,
                "annotation-json",
                format!("annotation is not JSON ({err}); ignored"),
            );
            None
        }
    }
}

/// A string value of an annotation; `true`/`"true"` both count for flags.
pub fn flag(annotation: &Value, key: &str) -> bool {
    match annotation.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

pub fn string<'a>(annotation: &'a Value, key: &str) -> Option<&'a str> {
    annotation.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}
