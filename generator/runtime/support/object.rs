//! [`Object`]: how generated models are read from and written to JSON.
//!
//! A model lists its properties once, in two plain methods (a `match` on the
//! key choosing the field to read, a table of the fields to write), with no
//! code per property: [`ReadField`] and [`WriteField`] read and write any
//! field through a trait object. The visitor, the handling of
//! `@odata.type` and of unknown properties live here, once, instead of being
//! expanded from `#[derive(Serialize, Deserialize)]` into every model. Each
//! model's `Serialize` and `Deserialize` impls call [`serialize`] and
//! [`deserialize`].
//!
//! Reading keeps every property as sent: a known property goes to its field
//! ([`Field::Null`] for `null`), `@odata.type` to `odata_type`, anything else
//! to the extra properties. Writing sends `@odata.type` (when set), each
//! property that is not [`Field::Unset`], then the extra properties.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::field::Field;

/// Extra properties of an object: the ones its model does not know.
pub type Extras = BTreeMap<String, serde_json::Value>;

/// A model read and written as a JSON object by [`deserialize`] and
/// [`serialize`]. Implemented by generated code.
pub trait Object: Default {
    /// The qualified type name, for error messages.
    const TYPE_NAME: &'static str;

    /// Reads the value of property `key` into its field; `Ok(false)`, with
    /// the value not yet read, when the model has no such property.
    fn read_property<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Writes the properties that are set, in declaration order.
    fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// The `@odata.type` and the extra properties, for reading.
    fn common_mut(&mut self) -> (&mut Option<String>, &mut Extras);

    /// The `@odata.type` and the extra properties, for writing.
    fn common(&self) -> (&Option<String>, &Extras);

    /// A model with no property set and no `@odata.type`, where reading
    /// starts (a derived type's `Default` names its type, which reading
    /// would allocate only to drop). Generated for derived types.
    #[inline]
    fn blank() -> Self {
        let mut value = Self::default();
        *value.common_mut().0 = None;
        value
    }
}

/// One property of a model, read through a trait object: a model's
/// `read_property` only chooses the field by its key, and this one generic
/// impl reads every field type.
pub trait ReadField<'de, A: MapAccess<'de>> {
    /// Reads the next value of `map` into the field.
    fn read_field(&mut self, map: &mut A) -> Result<(), A::Error>;
}

impl<'de, A: MapAccess<'de>, T: Deserialize<'de>> ReadField<'de, A> for Field<T> {
    fn read_field(&mut self, map: &mut A) -> Result<(), A::Error> {
        *self = map.next_value()?;
        Ok(())
    }
}

/// Reads the next value of `map` into `field` (chosen by a model's
/// `read_property`); `Ok(true)`: the property was known.
pub fn read<'de, A: MapAccess<'de>>(map: &mut A, field: &mut dyn ReadField<'de, A>) -> Result<bool, A::Error> {
    field.read_field(map)?;
    Ok(true)
}

/// One property of a model, written through a trait object: a model's
/// `write_properties` lists its fields once, in one table.
pub trait WriteField<M: SerializeMap> {
    /// Writes the field under `key` unless it is [`Field::Unset`].
    fn write_field(&self, key: &'static str, map: &mut M) -> Result<(), M::Error>;
}

impl<M: SerializeMap, T: Serialize> WriteField<M> for Field<T> {
    fn write_field(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
        write(map, key, self)
    }
}

/// Writes the properties of a model that are set, in the order given.
pub fn write_all<M: SerializeMap>(map: &mut M, fields: &[(&'static str, &dyn WriteField<M>)]) -> Result<(), M::Error> {
    for (key, field) in fields {
        field.write_field(key, map)?;
    }
    Ok(())
}

/// Writes one property unless it is [`Field::Unset`]: the value itself, or
/// `null` for [`Field::Null`] (one `match`, not a test for unset and then
/// `Field`'s own `Serialize`).
#[inline]
pub fn write<M: SerializeMap, T: Serialize>(map: &mut M, key: &'static str, field: &Field<T>) -> Result<(), M::Error> {
    match field {
        Field::Unset => Ok(()),
        Field::Null => map.serialize_entry(key, &None::<()>),
        Field::Value(value) => map.serialize_entry(key, value),
    }
}

/// Writes a model as a JSON object.
pub fn serialize<T: Object, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let (odata_type, extras) = value.common();
    let mut map = serializer.serialize_map(None)?;
    if let Some(odata_type) = odata_type {
        map.serialize_entry("@odata.type", odata_type)?;
    }
    value.write_properties(&mut map)?;
    for (key, extra) in extras {
        map.serialize_entry(key, extra)?;
    }
    map.end()
}

/// Reads a model from a JSON object. `odata_type` is what was sent (none
/// when absent), whatever the model's `Default` puts there.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a `{}` object", T::TYPE_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::blank();
        while let Some(Key(key)) = map.next_key()? {
            if key == "@odata.type" {
                *value.common_mut().0 = map.next_value()?;
            } else if !value.read_property(&key, &mut map)? {
                let extra = map.next_value()?;
                value.common_mut().1.insert(key.into_owned(), extra);
            }
        }
        Ok(value)
    }
}

/// A property name, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads an open enum from a JSON string: a known value becomes its variant,
/// any other string the `UnknownValue` variant (through `From<&str>`).
pub fn deserialize_enum<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str>,
    D: Deserializer<'de>,
{
    struct EnumVisitor<T>(PhantomData<T>);
    impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for EnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an enum value as a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A model written the way the generator writes one.
    #[derive(Debug, Clone, PartialEq)]
    struct Circle {
        odata_type: Option<String>,
        radius: Field<i32>,
        name: Field<String>,
        additional_properties: Extras,
    }

    impl Default for Circle {
        fn default() -> Self {
            Circle {
                odata_type: Some("#microsoft.graph.circle".into()),
                radius: Field::Unset,
                name: Field::Unset,
                additional_properties: Extras::new(),
            }
        }
    }

    impl Object for Circle {
        const TYPE_NAME: &'static str = "microsoft.graph.circle";
        fn read_property<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            let field: &mut dyn ReadField<'de, A> = match key {
                "radius" => &mut self.radius,
                "name" => &mut self.name,
                _ => return Ok(false),
            };
            read(map, field)
        }
        fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            write_all(map, &[("radius", &self.radius), ("name", &self.name)])
        }
        fn common_mut(&mut self) -> (&mut Option<String>, &mut Extras) {
            (&mut self.odata_type, &mut self.additional_properties)
        }
        fn common(&self) -> (&Option<String>, &Extras) {
            (&self.odata_type, &self.additional_properties)
        }
    }

    impl Serialize for Circle {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize(self, serializer)
        }
    }

    impl<'de> Deserialize<'de> for Circle {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize(deserializer)
        }
    }

    #[test]
    fn a_built_object_sends_its_type_and_what_was_set() {
        let mut circle = Circle::default();
        circle.radius.set(2);
        circle.name.set_null();
        assert_eq!(
            serde_json::to_string(&circle).unwrap(),
            r##"{"@odata.type":"#microsoft.graph.circle","radius":2,"name":null}"##
        );
        circle.odata_type = None;
        assert_eq!(
            serde_json::to_value(&circle).unwrap(),
            json!({"radius": 2, "name": null})
        );
    }

    #[test]
    fn a_read_object_writes_back_what_was_sent() {
        for sent in [
            json!({"radius": 1, "future": {"a": [1]}}),
            json!({"@odata.type": "#microsoft.graph.ellipse", "name": null}),
            json!({}),
        ] {
            // Both from a value (owned keys) and from text (borrowed keys).
            let from_value: Circle = serde_json::from_value(sent.clone()).unwrap();
            let from_text: Circle = serde_json::from_str(&sent.to_string()).unwrap();
            assert_eq!(from_value, from_text);
            assert_eq!(serde_json::to_value(&from_value).unwrap(), sent);
        }
        let read: Circle = serde_json::from_value(json!({"name": null, "x": 1})).unwrap();
        assert_eq!(read.odata_type, None);
        assert_eq!((read.name, read.radius), (Field::Null, Field::Unset));
        assert_eq!(read.additional_properties["x"], 1);
    }

    #[test]
    fn escaped_keys_are_matched_after_unescaping() {
        let read: Circle = serde_json::from_str(r#"{"r\u0061dius": 3}"#).unwrap();
        assert_eq!(read.radius, Field::Value(3));
    }

    #[test]
    fn wrong_shapes_are_errors() {
        let err = serde_json::from_value::<Circle>(json!({"radius": "big"})).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
        let err = serde_json::from_value::<Circle>(json!([1])).unwrap_err();
        assert!(err.to_string().contains("microsoft.graph.circle"), "{err}");
    }
}
