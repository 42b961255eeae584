//! Reading hostile JSON into models and writing it back (feature
//! `fuzzing`). A model never panics on what it reads; what it reads it
//! writes back unchanged: unknown properties and enum values are kept, a
//! `null` stays `null`, a date keeps its text. [`round_trip`] checks one
//! model against one input; `msgraph_typed::every_model` lists every model of the
//! crate with its wire property names; [`hostile`] builds objects from those
//! names with every kind of JSON value. The `models` test of the crate and
//! the `models` cargo-fuzz target run them.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// One model's check: `Ok(true)` read and written back unchanged,
/// `Ok(false)` refused (an error, never a panic), `Err` written back
/// differently from what was read.
pub type Check = fn(&[u8]) -> Result<bool, String>;

/// A model of the crate: its Rust name, its check and its wire property
/// names.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    /// The Rust name (`User`, `DirectoryObjectKind`).
    pub name: &'static str,
    /// Reads an input as the model and writes it back.
    pub check: Check,
    /// The wire names of its properties (`displayName`).
    pub properties: &'static [&'static str],
}

/// Reads `json` as `T` and writes it back: the same JSON value, numbers
/// compared by value (`1` and `1.0` are one number), or the difference.
pub fn round_trip<T: Serialize + DeserializeOwned>(json: &[u8]) -> Result<bool, String> {
    let Ok(read) = serde_json::from_slice::<T>(json) else {
        return Ok(false);
    };
    let sent: Value = serde_json::from_slice(json).map_err(|e| format!("read as a model but not as JSON: {e}"))?;
    let written = serde_json::to_value(&read).map_err(|e| format!("not written back: {e}"))?;
    match difference(&sent, &written, "") {
        None => Ok(true),
        Some(at) => Err(at),
    }
}

/// Where `written` first differs from `sent`, if it does.
fn difference(sent: &Value, written: &Value, at: &str) -> Option<String> {
    match (sent, written) {
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let at = format!("{at}/{key}");
                let Some(w) = b.get(key) else {
                    return Some(format!("{at}: sent {value}, not written back"));
                };
                if let Some(found) = difference(value, w, &at) {
                    return Some(found);
                }
            }
            b.keys()
                .find(|k| !a.contains_key(*k))
                .map(|k| format!("{at}/{k}: written back but never sent"))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| difference(x, y, &format!("{at}/{i}"))),
        (a, b) if a == b => None,
        (a, b) => Some(format!("{at}: sent {a}, written back {b}")),
    }
}

/// Objects giving every property of a model one kind of JSON value each
/// (null, booleans, numbers of every shape, strings a property of any Edm
/// type could hold and some it could not, arrays, objects, a derived type
/// nobody knows), beside an unknown property: what a new service version
/// or a broken proxy could send.
pub fn hostile(properties: &[&str]) -> Vec<Value> {
    let values = [
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(4_294_967_296_i64),
        json!(1.5),
        json!(-0.0),
        json!(""),
        json!("aNewEnumValue"),
        json!("2016-12-31T23:58:21.6459442-08:00"),
        json!("2021-03-04"),
        json!("08:00:00.0000000"),
        json!("P1DT2H"),
        json!("bb43d4a6-6f5f-4b3a-9e7e-000000000001"),
        json!("BB43D4A6-6F5F-4B3A-9E7E-00000000000A"),
        json!(1e300),
        json!(0.1),
        json!(9_007_199_254_740_993_i64),
        json!("aGVsbG8="),
        json!("red,blue"),
        json!("\u{0}\u{fffd}\"\\"),
        json!([]),
        json!([null, 1, "a"]),
        json!({}),
        json!({"@odata.type": "#microsoft.graph.aTypeNobodyKnows", "aNewProperty": [1, {"x": null}]}),
    ];
    values
        .iter()
        .map(|value| {
            let mut object = serde_json::Map::new();
            for property in properties {
                object.insert((*property).to_string(), value.clone());
            }
            object.insert("aNewProperty@odata.type".into(), json!("#Collection(String)"));
            object.insert("aNewProperty".into(), json!({"nested": [value.clone()]}));
            Value::Object(object)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compared_by_value_and_a_lost_property_is_named() {
        assert_eq!(difference(&json!({"a": 1}), &json!({"a": 1.0}), ""), None);
        assert_eq!(
            difference(&json!({"a": 1, "b": "x"}), &json!({"a": 1}), ""),
            Some("/b: sent \"x\", not written back".into())
        );
        assert_eq!(
            difference(&json!({"a": [1, 2]}), &json!({"a": [1, 3]}), ""),
            Some("/a/1: sent 2, written back 3".into())
        );
        assert_eq!(
            difference(&json!({}), &json!({"odata": null}), ""),
            Some("/odata: written back but never sent".into())
        );
    }

    #[test]
    fn hostile_objects_give_every_property_each_kind_of_value() {
        let objects = hostile(&["displayName", "status"]);
        assert!(objects.len() > 15);
        assert!(objects
            .iter()
            .all(|o| o["displayName"] == o["status"] && o.get("aNewProperty").is_some()));
        assert!(objects.iter().any(|o| o["status"] == json!("aNewEnumValue")));
    }
}
