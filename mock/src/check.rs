//! Checking a request body against the operation's documented body type: a
//! property the type does not have, or a value of the wrong JSON type, is a
//! problem naming the property. The placeholders pages write instead of
//! values (`"String"`, `"Boolean"`, `"base64-encoded bytes"`, `"{id}"`) are
//! taken where a value of the type they name goes, so a documented example
//! sent as written is answered. A value shaped as the operation's own
//! examples send it (a property the type lacks, `"false"` where a Boolean
//! goes) is taken too: the pages document that request as answered.

use crate::graph::Graph;
use generator::resolve::{primitive_fits, Model, Ty};
use generator::schema::Primitive;
use serde_json::Value;

/// A body that does not fit its type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyProblem {
    /// The property, as a path from the body (`passwordProfile.password`,
    /// `attendees[0].type`); empty for the body itself.
    pub property: String,
    pub message: String,
}

impl Graph {
    /// Checks a JSON body against a type.
    pub fn check_body(&self, json: &Value, ty: &Ty) -> Result<(), BodyProblem> {
        self.check_value(json, ty, "", &[])
    }

    /// Checks the JSON body of a request to operation `op` against its
    /// type, taking what the operation's documented example requests send:
    /// a value where an example has one of the same JSON kind, a property
    /// an example sends.
    pub fn check_request(&self, op: usize, json: &Value, ty: &Ty) -> Result<(), BodyProblem> {
        let documented: Vec<&Value> = self.answers[op]
            .iter()
            .filter_map(|a| a.request_body.as_ref())
            .collect();
        self.check_value(json, ty, "", &documented)
    }

    fn check_value(&self, json: &Value, ty: &Ty, at: &str, documented: &[&Value]) -> Result<(), BodyProblem> {
        let wrong = |what: &str| BodyProblem {
            property: at.to_string(),
            message: format!("{} is {}, not {what}", name(at), kind(json)),
        };
        match self.check_typed(json, ty, at, documented, wrong) {
            // The examples send a value of this kind here that does not fit
            // the type either (`"false"` for a Boolean): taken as documented.
            Err(problem) if problem.property == at => {
                let misfits = documented_values(documented, at).into_iter().any(|v| {
                    same_kind(v, json) && self.check_typed(v, ty, at, &[], |_| BodyProblem::default()).is_err()
                });
                if misfits {
                    Ok(())
                } else {
                    Err(problem)
                }
            }
            other => other,
        }
    }

    fn check_typed(
        &self,
        json: &Value,
        ty: &Ty,
        at: &str,
        documented: &[&Value],
        wrong: impl Fn(&str) -> BodyProblem,
    ) -> Result<(), BodyProblem> {
        match ty {
            Ty::Primitive(p) if is_placeholder_for(json, *p) => Ok(()),
            Ty::Primitive(p) => primitive_fits(json, *p).map_err(wrong),
            Ty::Enum(_) | Ty::Flags(_) if json.is_string() => Ok(()),
            Ty::Enum(_) | Ty::Flags(_) => Err(wrong("an enum value (a string)")),
            Ty::Reference => match json.get("@odata.id") {
                Some(Value::String(_)) => Ok(()),
                _ => Err(wrong("a reference (an object with `@odata.id`)")),
            },
            Ty::Collection(inner) => {
                let items = json.as_array().ok_or_else(|| wrong("an array"))?;
                for (i, item) in items.iter().enumerate() {
                    if !item.is_null() {
                        self.check_value(item, inner, &format!("{at}[{i}]"), documented)?;
                    }
                }
                Ok(())
            }
            Ty::Model(rust_name) => {
                let object = json.as_object().ok_or_else(|| wrong("an object"))?;
                let Some(declared) = self.model(rust_name) else {
                    return Ok(());
                };
                // A derived type named by `@odata.type` brings its own properties.
                let model = object
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .and_then(|t| self.model_by_odata_type(t))
                    .unwrap_or(declared);
                for (key, value) in object {
                    // Annotations (`@odata.type`, `members@odata.bind`) are not properties.
                    if key.contains('@') || value.is_null() {
                        continue;
                    }
                    let here = if at.is_empty() {
                        key.clone()
                    } else {
                        format!("{at}.{key}")
                    };
                    match find_field(model, declared, key) {
                        Some(field_ty) => self.check_value(value, field_ty, &here, documented)?,
                        // An open type takes dynamic properties, of any JSON type.
                        None if model.fields.is_empty() || model.open || declared.open => {}
                        // A property the operation's examples send.
                        None if documented_values(documented, &here).iter().any(|v| same_kind(v, value)) => {}
                        None => {
                            return Err(BodyProblem {
                                message: format!("property `{here}` does not exist on type `{}`", model.wire_name),
                                property: here,
                            })
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

/// The values the documented bodies have at `at` (`a.b[0].c`; an index
/// stands for any item of the array; `""` is the body itself).
fn documented_values<'a>(documented: &[&'a Value], at: &str) -> Vec<&'a Value> {
    let mut found: Vec<&Value> = documented.to_vec();
    for step in at.split('.').filter(|s| !s.is_empty()) {
        let (key, indexes) = match step.find('[') {
            Some(i) => (&step[..i], step[i..].matches('[').count()),
            None => (step, 0),
        };
        if !key.is_empty() {
            found = found.iter().filter_map(|v| v.get(key)).collect();
        }
        for _ in 0..indexes {
            found = found.iter().filter_map(|v| v.as_array()).flatten().collect();
        }
    }
    found
}

/// Whether two values are of one JSON kind (both strings, both objects...).
fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Whether a string is a placeholder the pages write for a value of `p`:
/// a value in braces or angle brackets (`{id}`, `<guid>`), `base64...` for
/// bytes, or the name of the type (`Boolean`, `Edm.Int32`, `String
/// (timestamp)`, `DateTimeOffset`).
fn is_placeholder_for(json: &Value, p: Primitive) -> bool {
    let Some(text) = json.as_str().map(str::trim) else {
        return false;
    };
    let wrapped = |open, close| text.len() > 2 && text.starts_with(open) && text.ends_with(close);
    if wrapped('{', '}') || wrapped('<', '>') {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("base64") {
        return matches!(p, Primitive::Binary | Primitive::Stream);
    }
    // `"datetime-value"`, `"skuId-value-1"`: a value to fill in.
    if lower.ends_with("-value") || lower.contains("-value-") {
        return !matches!(p, Primitive::String | Primitive::Stream | Primitive::Json);
    }
    match p {
        // `"false"`: a Boolean written as a string.
        Primitive::Boolean if matches!(lower.as_str(), "true" | "false") => return true,
        // A date where a timestamp goes and the other way round.
        Primitive::Date if text.len() > 10 && text.is_char_boundary(10) => {
            return primitive_fits(&Value::String(text[..10].to_string()), Primitive::Date).is_ok()
        }
        Primitive::DateTimeOffset if primitive_fits(json, Primitive::Date).is_ok() => return true,
        // Bytes cut short (`"MIIDYDCCAki..."`, `"iVBORw0K<<-----Removed----->>>>"`,
        // unpadded): base64's alphabet up to where the page cut them.
        Primitive::Binary => {
            let cut = text
                .split(['.', '<', '['])
                .next()
                .unwrap_or_default()
                .trim_end_matches('=');
            if !cut.is_empty()
                && cut
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
            {
                return true;
            }
        }
        _ => {}
    }
    let word = lower.strip_prefix("edm.").unwrap_or(&lower);
    let word = word.split([' ', '(']).next().unwrap_or_default();
    let names: &[&str] = match p {
        Primitive::Boolean => &["boolean", "bool"],
        Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 | Primitive::Int64 => {
            &["int16", "int32", "int64", "integer", "int", "number", "byte", "sbyte"]
        }
        Primitive::Single | Primitive::Double | Primitive::Decimal => &[
            "single", "double", "decimal", "number", "float", "int32", "int64", "integer",
        ],
        Primitive::DateTimeOffset => &["datetimeoffset", "datetime", "timestamp", "string"],
        Primitive::Date => &["date", "string"],
        Primitive::TimeOfDay => &["timeofday", "time", "string"],
        Primitive::Duration => &["duration", "timespan", "string"],
        Primitive::Guid => &["guid", "uuid", "string"],
        Primitive::Binary => &["binary", "byte", "bytes", "stream", "string"],
        Primitive::String | Primitive::Stream | Primitive::Json => return false,
    };
    names.contains(&word)
}

/// The type of a property of `model` (or of the declared type it was cast from).
fn find_field<'a>(model: &'a Model, declared: &'a Model, key: &str) -> Option<&'a Ty> {
    [model, declared]
        .into_iter()
        .flat_map(|m| m.fields.iter())
        .find(|f| f.wire_name == key)
        .map(|f| &f.ty)
}

fn name(at: &str) -> String {
    if at.is_empty() {
        "the body".into()
    } else {
        format!("property `{at}`")
    }
}

fn kind(json: &Value) -> String {
    match json {
        Value::String(s) if s.chars().count() <= 40 => format!("the string \"{s}\""),
        Value::String(_) => "a string".into(),
        Value::Number(n) => format!("the number {n}"),
        Value::Bool(b) => format!("`{b}`"),
        Value::Null => "null".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholders_are_taken_where_their_type_goes() {
        for (text, p) in [
            ("Boolean", Primitive::Boolean),
            ("Int32", Primitive::Int32),
            ("Edm.Int64", Primitive::Int64),
            ("String (timestamp)", Primitive::DateTimeOffset),
            ("base64-encoded bytes", Primitive::Binary),
            ("Binary", Primitive::Binary),
            ("{id}", Primitive::Guid),
            ("<number>", Primitive::Double),
            ("false", Primitive::Boolean),
            ("datetime-value", Primitive::DateTimeOffset),
            ("skuId-value-1", Primitive::Guid),
            ("2020-09-08T12:02:30.667Z", Primitive::Date),
            ("1974-07-22", Primitive::DateTimeOffset),
            ("MIIDYDCCAki...", Primitive::Binary),
            (
                "iVBORw0KGgoAAAANSUhEUgAAANcAAAEx<<-----Removed----->>>>",
                Primitive::Binary,
            ),
        ] {
            assert!(is_placeholder_for(&json!(text), p), "{text} for {p:?}");
        }
        for (text, p) in [
            ("Boolean", Primitive::Int32),
            ("String", Primitive::Boolean),
            ("base64", Primitive::Guid),
            ("yes", Primitive::Boolean),
            ("{}", Primitive::Int32),
            ("name-value", Primitive::String),
            ("2020-13-45T00:00:00Z", Primitive::Date),
            ("not base64!", Primitive::Binary),
            ("not base64...", Primitive::Binary),
        ] {
            assert!(!is_placeholder_for(&json!(text), p), "{text} for {p:?}");
        }
        assert!(!is_placeholder_for(&json!(true), Primitive::Boolean));
    }

    #[test]
    fn the_values_documented_at_a_path_are_found() {
        let example = json!({"settings": {"flag": "false"}, "items": [{"extra": 1}]});
        let documented = [&example];
        assert_eq!(documented_values(&documented, "settings.flag"), [&json!("false")]);
        assert_eq!(documented_values(&documented, "items[3].extra"), [&json!(1)]);
        assert!(documented_values(&documented, "items[0].other").is_empty());
        assert_eq!(documented_values(&documented, ""), [&example]);
        assert!(same_kind(&json!("a"), &json!("b")) && !same_kind(&json!("a"), &json!(1)));
    }
}
