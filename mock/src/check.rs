//! Checking a request body against the operation's documented body type: a
//! property the type does not have, or a value of the wrong JSON type, is a
//! problem naming the property.

use crate::graph::Graph;
use generator::resolve::{primitive_fits, Model, Ty};
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
