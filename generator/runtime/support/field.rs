//! [`Field`]: a property that can be absent, explicitly null, or set.
//!
//! Generated structs declare every property as `pub name: Field<T>`, and a
//! model is written without its unset fields, so a PATCH body carries only
//! the properties that were set, and can carry an explicit `null` to clear
//! one. With serde's derive, the same is
//! `#[serde(default, skip_serializing_if = "Field::is_unset")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property value with three states: not present, explicit `null`, or a
/// value.
///
/// Deserialising maps JSON `null` to [`Field::Null`] and anything else to
/// [`Field::Value`]; an absent property becomes [`Field::Unset`] through
/// `#[serde(default)]` (without that attribute serde treats a missing
/// property like `null`). Serialising writes `null` for both `Null` and
/// `Unset`; skip `Unset` with `skip_serializing_if = "Field::is_unset"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field<T> {
    /// The property is absent (the default).
    #[default]
    Unset,
    /// The property is present with an explicit JSON `null`.
    Null,
    /// The property is present with a value.
    Value(T),
}

impl<T> Field<T> {
    /// True if the property is absent.
    pub fn is_unset(&self) -> bool {
        matches!(self, Field::Unset)
    }

    /// True if the property is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// True if the property holds a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Field::Value(_))
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value mutably, if there is one.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, dropping the difference between absent and `null`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `Some` becomes a value, `None` an explicit `null`.
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Field::Null, Field::Value)
    }

    /// Borrows the value, keeping the state.
    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Unset => Field::Unset,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(v),
        }
    }

    /// Maps the value, keeping the state.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Unset => Field::Unset,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(f(v)),
        }
    }

    /// Sets a value.
    pub fn set(&mut self, value: impl Into<T>) {
        *self = Field::Value(value.into());
    }

    /// Sets an explicit `null`.
    pub fn set_null(&mut self) {
        *self = Field::Null;
    }

    /// Takes the field out, leaving it [`Field::Unset`].
    pub fn take(&mut self) -> Field<T> {
        std::mem::take(self)
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl From<&str> for Field<String> {
    fn from(value: &str) -> Self {
        Field::Value(value.to_owned())
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(v) => v.serialize(serializer),
            Field::Unset | Field::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Field::from_option)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct User {
        #[serde(default, skip_serializing_if = "Field::is_unset")]
        display_name: Field<String>,
        #[serde(default, skip_serializing_if = "Field::is_unset")]
        age: Field<i32>,
        #[serde(default, skip_serializing_if = "Field::is_unset")]
        tags: Field<Vec<String>>,
        #[serde(flatten)]
        additional_properties: BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn unset_is_absent_null_is_null_value_is_value() {
        let mut u = User::default();
        assert_eq!(serde_json::to_value(&u).unwrap(), json!({}));
        u.display_name = "Ada".into();
        u.age.set_null();
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"displayName":"Ada","age":null}"#
        );
    }

    #[test]
    fn deserialises_three_states_next_to_flatten() {
        let u: User = serde_json::from_value(json!({
            "displayName": "Ada",
            "age": null,
            "@odata.type": "#microsoft.graph.user",
            "futureProperty": {"x": [1, 2]}
        }))
        .unwrap();
        assert_eq!(u.display_name, Field::Value("Ada".to_owned()));
        assert_eq!(u.age, Field::Null);
        assert_eq!(u.tags, Field::Unset);
        assert_eq!(u.additional_properties.len(), 2);
        assert_eq!(u.additional_properties["futureProperty"], json!({"x": [1, 2]}));
        // Unknown properties are written back unchanged.
        assert_eq!(
            serde_json::to_value(&u).unwrap(),
            json!({
                "displayName": "Ada",
                "age": null,
                "@odata.type": "#microsoft.graph.user",
                "futureProperty": {"x": [1, 2]}
            })
        );
    }

    #[test]
    fn wrong_type_is_an_error_not_null() {
        let r: Result<User, _> = serde_json::from_value(json!({"age": "old"}));
        assert!(r.is_err());
    }

    #[test]
    fn helpers() {
        let mut f: Field<i32> = 5.into();
        assert!(f.is_value() && !f.is_null() && !f.is_unset());
        assert_eq!(f.value(), Some(&5));
        assert_eq!(f.as_ref().map(|v| v * 2), Field::Value(10));
        *f.value_mut().unwrap() += 1;
        assert_eq!(f.take(), Field::Value(6));
        assert!(f.is_unset());
        assert_eq!(Field::<i32>::default(), Field::Unset);
        // No `Default` bound on the value type.
        #[derive(Debug, PartialEq)]
        struct NoDefault;
        assert_eq!(Field::<NoDefault>::default(), Field::Unset);
        assert_eq!(Field::from_option(None::<i32>), Field::Null);
        assert_eq!(Field::from_option(Some(1)).into_option(), Some(1));
        assert_eq!(Field::<i32>::Null.into_option(), None);
    }
}
