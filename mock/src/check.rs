//! Checking a request body against the operation's documented body type: a
//! property the type does not have, or a value of the wrong JSON type, is a
//! problem naming the property. The placeholders pages write instead of
//! values (`"String"`, `"Boolean"`, `"base64-encoded bytes"`, `"{id}"`) are
//! taken where a value of the type they name goes, so a documented example
//! sent as written is answered.

use crate::graph::Graph;
use generator::resolve::{primitive_fits, Model, Ty};
use generator::schema::Primitive;
use serde_json::Value;

/// A body that does not fit its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyProblem {
    /// The property, as a path from the body (`passwordProfile.password`,
    /// `attendees[0].type`); empty for the body itself.
    pub property: String,
    pub message: String,
}

impl Graph {
    /// Checks a JSON body against a type.
    pub fn check_body(&self, json: &Value, ty: &Ty) -> Result<(), BodyProblem> {
        self.check_value(json, ty, "")
    }

    fn check_value(&self, json: &Value, ty: &Ty, at: &str) -> Result<(), BodyProblem> {
        let wrong = |what: &str| BodyProblem {
            property: at.to_string(),
            message: format!("{} is {}, not {what}", name(at), kind(json)),
        };
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
                        self.check_value(item, inner, &format!("{at}[{i}]"))?;
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
                        Some(field_ty) => self.check_value(value, field_ty, &here)?,
                        // An open type takes dynamic properties, of any JSON type.
                        None if model.fields.is_empty() || model.open || declared.open => {}
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
        ] {
            assert!(is_placeholder_for(&json!(text), p), "{text} for {p:?}");
        }
        for (text, p) in [
            ("Boolean", Primitive::Int32),
            ("String", Primitive::Boolean),
            ("base64", Primitive::Guid),
            ("yes", Primitive::Boolean),
            ("{}", Primitive::Int32),
        ] {
            assert!(!is_placeholder_for(&json!(text), p), "{text} for {p:?}");
        }
        assert!(!is_placeholder_for(&json!(true), Primitive::Boolean));
    }
}
