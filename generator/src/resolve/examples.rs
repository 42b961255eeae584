//! Checking documented examples against the resolved types before they are
//! replayed: an example whose JSON cannot be the documented type (placeholder
//! values such as `"datetime-value"`, a string where the table says Boolean,
//! one object where a collection is documented) is reported, and that part
//! of the example is left out of the generated tests.

use super::model::{Model, Op, Schema, Ty};
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{is_guid, Method, OperationKind, Primitive};
use serde_json::Value;
use std::collections::HashMap;

pub fn check(schema: &mut Schema, diagnostics: &mut Vec<Diagnostic>) {
    let models: HashMap<String, Model> = schema
        .models
        .values()
        .map(|m| (m.rust_name.clone(), m.clone()))
        .collect();
    for op in &mut schema.operations {
        let Op {
            body,
            response,
            examples,
            method,
            kind,
            answer,
            ..
        } = op;
        for example in examples.iter_mut() {
            if let (Some(Ty::Model(name)), Some(json)) = (response.as_ref(), example.response_body.as_mut()) {
                if let Some(entity) = wrapped_entity(json, models.get(name)) {
                    diagnostics.push(Diagnostic::new(
                        &example.source,
                        example.line,
                        Severity::Note,
                        "example-wrapped",
                        "the example's response wraps the entity in `value`, as Intune pages write it; the service answers the entity itself, which the replay reads",
                    ));
                    *json = entity;
                }
            }
            let mut report = |part: &str, why: String| {
                diagnostics.push(Diagnostic::new(
                    &example.source,
                    example.line,
                    Severity::Note,
                    "example-invalid",
                    format!("the example's {part} does not fit its documented type ({why}); it is left out of the replay tests"),
                ));
            };
            if let (Some(ty), Some(json)) = (body.as_ref(), example.request_body.as_mut()) {
                canonical_flags(json, ty, &models);
            }
            if let (Some(ty), Some(json)) = (response.as_ref(), example.response_body.as_mut()) {
                match (ty, json.get_mut("value")) {
                    (Ty::Collection(_), Some(items)) => canonical_flags(items, ty, &models),
                    _ => canonical_flags(json, ty, &models),
                }
            }
            if let (Some(ty), Some(json)) = (body.as_ref(), example.request_body.as_ref()) {
                if let Err(why) = value(json, ty, &models, "$") {
                    report("request body", why);
                    example.request_body = None;
                }
            }
            let no_content = response.is_none()
                && (matches!(answer, super::model::Answer::NoContent | super::model::Answer::Accepted)
                    || *method == Method::Delete
                    || *kind == OperationKind::Delete);
            if let (Some(ty), Some(json)) = (response.as_ref(), example.response_body.as_ref()) {
                let checked = if *answer == super::model::Answer::Value {
                    json.get("value")
                        .ok_or_else(|| "a single value is answered as `{\"value\": ...}`".to_string())
                        .and_then(|v| value(v, ty, &models, "$.value"))
                } else {
                    response_value(json, ty, &models)
                };
                if let Err(why) = checked {
                    report("response body", why);
                    example.response_body = None;
                }
            } else if no_content {
                example.response_body = None;
            }
        }
    }
}

fn response_value(json: &Value, ty: &Ty, models: &HashMap<String, Model>) -> Result<(), String> {
    match ty {
        Ty::Collection(inner) => {
            let object = json
                .as_object()
                .ok_or("a collection response is an object with `value`")?;
            let items = object
                .get("value")
                .and_then(Value::as_array)
                .ok_or("`value` is not an array")?;
            if object.get("@odata.count").is_some_and(|c| !c.is_i64()) {
                return Err("`@odata.count` is not an integer".into());
            }
            if object.get("@odata.nextLink").is_some_and(|c| !c.is_string()) {
                return Err("`@odata.nextLink` is not a string".into());
            }
            for (i, item) in items.iter().enumerate() {
                value(item, inner, models, &format!("$.value[{i}]"))?;
            }
            Ok(())
        }
        other => value(json, other, models, "$"),
    }
}

fn value(json: &Value, ty: &Ty, models: &HashMap<String, Model>, at: &str) -> Result<(), String> {
    let fail = |what: &str| Err(format!("`{at}` is {}, not {what}", describe(json)));
    match ty {
        Ty::Primitive(p) => primitive(json, *p).or_else(&fail),
        Ty::Reference => match json.get("@odata.id") {
            Some(Value::String(_)) => Ok(()),
            _ => fail("a reference (`@odata.id`)"),
        },
        Ty::Enum(_) | Ty::Flags(_) => {
            if json.is_string() {
                Ok(())
            } else {
                fail("an enum value")
            }
        }
        Ty::Collection(inner) => {
            let Some(items) = json.as_array() else {
                return fail("an array");
            };
            for (i, item) in items.iter().enumerate() {
                value(item, inner, models, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        Ty::Model(name) => {
            let Some(object) = json.as_object() else {
                return fail("an object");
            };
            let Some(model) = models.get(name) else { return Ok(()) };
            if object
                .get("@odata.type")
                .is_some_and(|t| !t.is_string() && !t.is_null())
            {
                return Err(format!("`{at}.@odata.type` is not a string"));
            }
            for (key, v) in object {
                if v.is_null() {
                    continue;
                }
                if let Some(field) = model.fields.iter().find(|f| f.wire_name == *key) {
                    value(v, &field.ty, models, &format!("{at}.{key}"))?;
                }
            }
            Ok(())
        }
    }
}

/// The entity of a single-entity response a page wrote as
/// `{"value": {...}}` (Intune's pages do): an object whose only property is
/// `value` (besides annotations), holding an object, where the model has no
/// `value` property of its own.
fn wrapped_entity(json: &Value, model: Option<&Model>) -> Option<Value> {
    let object = json.as_object()?;
    let inner = object.get("value")?.as_object()?;
    let only_value = object.keys().all(|k| k == "value" || k.starts_with('@'));
    let model_has_value = model.is_some_and(|m| m.fields.iter().any(|f| f.wire_name == "value"));
    (only_value && !model_has_value).then(|| Value::Object(inner.clone()))
}

/// Flags values as the crate writes them: `"a, b"` in a page is `"a,b"`,
/// the same set of members, so a replayed example compares equal.
fn canonical_flags(json: &mut Value, ty: &Ty, models: &HashMap<String, Model>) {
    match (ty, json) {
        (Ty::Flags(_), Value::String(text)) => {
            let members: Vec<&str> = text.split(',').map(str::trim).filter(|m| !m.is_empty()).collect();
            *text = members.join(",");
        }
        (Ty::Collection(inner), Value::Array(items)) => {
            for item in items {
                canonical_flags(item, inner, models);
            }
        }
        (Ty::Model(name), Value::Object(object)) => {
            let Some(model) = models.get(name) else { return };
            for (key, v) in object.iter_mut() {
                if let Some(field) = model.fields.iter().find(|f| f.wire_name == *key) {
                    canonical_flags(v, &field.ty, models);
                }
            }
        }
        _ => {}
    }
}

/// What JSON a primitive accepts, as the support types read it; `Err` says
/// what was expected.
pub fn primitive(json: &Value, p: Primitive) -> Result<(), &'static str> {
    let text = json.as_str();
    let ok = match p {
        Primitive::String => text.is_some(),
        Primitive::Boolean => json.is_boolean(),
        Primitive::Byte => json.as_u64().is_some_and(|v| v <= u8::MAX as u64),
        Primitive::SByte => json.as_i64().is_some_and(|v| i8::try_from(v).is_ok()),
        Primitive::Int16 => json.as_i64().is_some_and(|v| i16::try_from(v).is_ok()),
        Primitive::Int32 => json.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
        Primitive::Int64 => json.is_i64() || json.is_u64() && json.as_u64().is_some_and(|v| i64::try_from(v).is_ok()),
        Primitive::Single | Primitive::Double | Primitive::Decimal => {
            json.is_number() || text.is_some_and(|t| matches!(t, "INF" | "-INF" | "NaN") || is_decimal(t))
        }
        Primitive::DateTimeOffset => text.is_some_and(is_date_time),
        Primitive::Date => text.is_some_and(is_date),
        Primitive::TimeOfDay => text.is_some_and(is_time),
        Primitive::Duration => text.is_some_and(is_duration),
        Primitive::Guid => text.is_some_and(is_guid),
        Primitive::Binary => text.is_some_and(is_base64),
        Primitive::Stream | Primitive::Json => true,
    };
    if ok {
        Ok(())
    } else {
        Err(match p {
            Primitive::String => "a string",
            Primitive::Boolean => "a Boolean",
            Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 | Primitive::Int64 => {
                "an integer in range"
            }
            Primitive::Single | Primitive::Double | Primitive::Decimal => "a number",
            Primitive::DateTimeOffset => "an Edm.DateTimeOffset",
            Primitive::Date => "an Edm.Date",
            Primitive::TimeOfDay => "an Edm.TimeOfDay",
            Primitive::Duration => "an Edm.Duration",
            Primitive::Guid => "an Edm.Guid",
            Primitive::Binary => "base64",
            Primitive::Stream | Primitive::Json => "JSON",
        })
    }
}

fn describe(json: &Value) -> String {
    match json {
        Value::String(s) if s.len() <= 40 => format!("`\"{s}\"`"),
        Value::String(_) => "a long string".into(),
        Value::Number(n) => format!("`{n}`"),
        Value::Bool(b) => format!("`{b}`"),
        Value::Null => "null".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_decimal(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) && s.parse::<f64>().is_ok()
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2)
        && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        && (1..=days_in_month(y.parse().unwrap_or(1), m.parse().unwrap_or(1))).contains(&d.parse::<u32>().unwrap_or(0)))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_time(s: &str) -> bool {
    let (main, fraction) = match s.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (s, None),
    };
    let parts: Vec<&str> = main.split(':').collect();
    let fields_ok = match parts.as_slice() {
        [h, m] => fraction.is_none() && digits(h, 2) && digits(m, 2) && h < &"24" && m < &"60",
        [h, m, sec] => digits(h, 2) && digits(m, 2) && digits(sec, 2) && h < &"24" && m < &"60" && sec < &"60",
        _ => false,
    };
    fields_ok && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn is_date_time(s: &str) -> bool {
    let Some((date, rest)) = s.split_once('T') else {
        return false;
    };
    let (time, offset_ok) = if let Some(t) = rest.strip_suffix('Z') {
        (t, true)
    } else if let Some(at) = rest.rfind(['+', '-']) {
        let offset = &rest[at + 1..];
        let ok = matches!(offset.split_once(':'), Some((h, m)) if digits(h, 2) && digits(m, 2) && h < "24" && m < "60");
        (&rest[..at], ok)
    } else {
        (rest, true)
    };
    is_date(date) && offset_ok && is_time(time)
}

/// An `xs:duration` as the support type reads it: an optional `-`, `P`,
/// years, months and days, then after `T` hours, minutes and seconds; each
/// at most once and in that order, at least one in all and one after a `T`,
/// a fraction on seconds only. No weeks (`P1W`): ISO 8601 has them, OData's
/// and XML Schema's durations do not.
fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some(rest) = s.strip_prefix('P') else { return false };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let date = duration_components(date, b"YMD", None);
    let time = time.map_or(Some(0), |t| {
        duration_components(t, b"HMS", Some(b'S')).filter(|&n| n > 0)
    });
    matches!((date, time), (Some(d), Some(t)) if d + t > 0)
}

/// How many components (`12D`, `4.5S`) `part` of a duration writes, each
/// with one of `units` in their order; `None` if it is not such a run. Only
/// `fraction_unit` may have a fraction.
fn duration_components(part: &str, units: &[u8], fraction_unit: Option<u8>) -> Option<usize> {
    let mut count = 0;
    let mut next = 0;
    let mut rest = part;
    while !rest.is_empty() {
        let at = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
        let (number, unit) = (&rest[..at], rest.as_bytes()[at]);
        next += units.get(next..)?.iter().position(|&u| u == unit)? + 1;
        let (whole, fraction) = match number.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (number, None),
        };
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || fraction.is_some_and(|f| Some(unit) != fraction_unit || !all_digits(f)) {
            return None;
        }
        count += 1;
        rest = &rest[at + 1..];
    }
    Some(count)
}

/// Base64 as the support type reads it: canonical padding if any, and no
/// stray bits in the last character.
fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    let padding = s.len() - body.len();
    let value = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let Some(values) = body.bytes().map(value).collect::<Option<Vec<u8>>>() else {
        return false;
    };
    let stray = match (body.len() % 4, values.last()) {
        (1, _) => return false,
        (2, Some(last)) => last & 0b1111,
        (3, Some(last)) => last & 0b11,
        _ => 0,
    };
    stray == 0 && (padding == 0 || padding == (4 - body.len() % 4) % 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitive_texts() {
        assert!(is_date_time("2016-12-31T23:58:21.6459442-08:00"));
        assert!(is_date_time("2021-07-16T00:00:00Z"));
        assert!(!is_date_time("datetime-value"));
        assert!(!is_date_time("String (timestamp)"));
        assert!(is_date("2020-02-29") && !is_date("2021-02-29") && !is_date("Date"));
        assert!(is_time("13:45:00.0000000") && !is_time("String"));
        assert!(is_duration("PT1H30M") && is_duration("-P1D") && !is_duration("P"));
        assert!(!is_duration("P1W") && !is_duration("PT1D") && !is_duration("P1DT"));
        assert!(is_guid("62d48e3a-8e3a-62d4-3a8e-d4623a8ed462") && !is_guid("skuId-value"));
        assert!(is_base64("YWI=") && is_base64("YWI") && is_base64("+/8B"));
        assert!(!is_base64("MIIDYDCCAki...") && !is_base64("Binary") && !is_base64("base64Y3YxN2E1MWFlYw=="));
    }

    /// The table the crate's parsers are checked against too
    /// (`tests/tests/edm_values.rs`).
    const EDM_VALUES: &[(&str, &str, bool)] = include!("../../../tests/cases/edm_values.rs");

    #[test]
    fn edm_value_cases() {
        let wrong: Vec<String> = EDM_VALUES
            .iter()
            .filter(|&&(edm, text, valid)| {
                let p = Primitive::from_edm(edm).expect("an Edm primitive");
                primitive(&Value::String(text.to_string()), p).is_ok() != valid
            })
            .map(|(edm, text, valid)| format!("{edm} {text:?} should be {}", if *valid { "valid" } else { "invalid" }))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn values_against_types() {
        let models = HashMap::new();
        let int = Ty::Primitive(Primitive::Int32);
        assert!(value(&serde_json::json!(3), &int, &models, "$").is_ok());
        let err = value(
            &serde_json::json!("Boolean"),
            &Ty::Primitive(Primitive::Boolean),
            &models,
            "$.a",
        )
        .unwrap_err();
        assert_eq!(err, "`$.a` is `\"Boolean\"`, not a Boolean");
        let list = Ty::Collection(Box::new(Ty::Primitive(Primitive::String)));
        assert!(value(&serde_json::json!("Busy"), &list, &models, "$").is_err());
        assert!(response_value(&serde_json::json!({"value": ["a"]}), &list, &models).is_ok());
        assert!(response_value(&serde_json::json!({"id": "1"}), &list, &models).is_err());
    }
}
