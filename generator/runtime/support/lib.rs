//! The types the generated code uses, written by hand: the crate
//! `msgraph-typed-support`, which every generated crate depends on and
//! re-exports as `support`.
//!
//! * [`Field`]: a property that is unset, explicitly `null`, or a value.
//! * [`Double`], [`DateTimeOffset`], [`Date`], [`TimeOfDay`], [`Duration`],
//!   [`Guid`], [`Binary`]: OData primitive types that write back exactly the
//!   text they read.
//! * [`PathBuilder`], [`QueryOptions`], [`Request`], [`ApiVersion`]: requests
//!   as plain data, with caller-supplied path values encoded safely.
//! * [`Route`], [`CollectionPage`], [`RequestRoute`]: typed requests, and
//!   reading their responses (status, headers, body) into values or errors.
//! * [`Error`], [`GraphError`], [`ODataError`], [`ParseError`]: what can go
//!   wrong, building a request or in the service's answer.
//! * [`ConsistencyLevel`], [`Prefer`]: typed request headers.
//! * [`Batch`], [`UploadSession`]: JSON batching and large-file uploads.
//!
//! * [`permissions`]: each route's permissions as data, and a planner of the
//!   scopes a set of requests needs; [`matcher`]: a request URL to its route.
//!
//! * [`Object`], [`object`]: models read and written as JSON objects by one
//!   routine here, each model listing its properties once.
//!
//! # Open enums
//!
//! Graph adds enum members over time (`unknownFutureValue` marks where), so
//! a generated enum must accept values it does not know. Generated enums
//! end with a catch-all variant, convert from a string with `From<&str>`,
//! and are written as their [`as_str`](#open-enums) text:
//!
//! ```
//! #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
//! pub enum ComplianceStatus {
//!     Unknown,
//!     NotApplicable,
//!     /// A value this version does not know; kept as sent.
//!     UnknownValue(::std::string::String),
//! }
//!
//! impl ComplianceStatus {
//!     pub fn as_str(&self) -> &str {
//!         match self {
//!             Self::Unknown => "unknown",
//!             Self::NotApplicable => "notApplicable",
//!             Self::UnknownValue(value) => value,
//!         }
//!     }
//! }
//!
//! impl From<&str> for ComplianceStatus {
//!     fn from(value: &str) -> Self {
//!         match value {
//!             "unknown" => Self::Unknown,
//!             "notApplicable" => Self::NotApplicable,
//!             _ => Self::UnknownValue(value.to_owned()),
//!         }
//!     }
//! }
//!
//! impl serde::Serialize for ComplianceStatus {
//!     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
//!         serializer.serialize_str(self.as_str())
//!     }
//! }
//!
//! impl<'de> serde::Deserialize<'de> for ComplianceStatus {
//!     fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//!         msgraph_typed_support::object::deserialize_enum(deserializer)
//!     }
//! }
//!
//! let v: ComplianceStatus = serde_json::from_str("\"inGracePeriod\"").unwrap();
//! assert_eq!(v, ComplianceStatus::UnknownValue("inGracePeriod".into()));
//! assert_eq!(serde_json::to_string(&v).unwrap(), "\"inGracePeriod\"");
//! ```
//!
//! Known names deserialise into their variants; any other string lands in
//! `UnknownValue` and serialises back unchanged, so reading and writing a
//! resource never loses a value.

#![deny(missing_docs)]

mod batch;
mod binary;
mod debug;
mod encoding;
mod error;
mod field;
mod flags;
#[cfg(feature = "fuzzing")]
pub mod fuzz;
mod guid;
mod headers;
pub mod matcher;
mod nav;
mod number;
pub mod object;
mod odata_error;
mod options;
mod path;
pub mod permissions;
mod query;
mod request;
mod route;
mod temporal;
pub(crate) mod text;
mod upload;

pub use batch::{Batch, BatchPartResponse, BatchResponse, MAX_BATCH_REQUESTS};
pub use binary::Binary;
pub use debug::{debug_model, debug_route};
pub use error::{BodyError, Error, ParseError};
pub use field::Field;
pub use flags::{FlagMember, Flags};
pub use guid::Guid;
pub use headers::{ConsistencyLevel, Prefer, CONSISTENCY_LEVEL, PREFER};
pub use nav::{Context, NodePath};
pub use number::Double;
pub use object::Object;
pub use odata_error::{ErrorDetail, GraphError, InnerError, ODataError, ODataErrorResponse};
pub use options::{FilterExpr, FilterValue, Navigation, No, OrderKey, Property, QueryExt, Queryable, Yes};
pub use path::PathBuilder;
pub use query::{odata_string, QueryOptions};
pub use request::{ApiVersion, Request};
pub use route::{read_json, Accepted, CollectionPage, Content, NoContent, Reference, RequestRoute, Route, ValueOf};
pub use temporal::{Date, DateTimeOffset, Duration, DurationParts, TimeOfDay};
pub use upload::{UploadSession, UPLOAD_CHUNK_MULTIPLE};

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// An open enum written the way the generator writes one.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum ComplianceStatus {
        Unknown,
        NotApplicable,
        /// A value this version does not know; kept as sent.
        UnknownValue(::std::string::String),
    }

    impl ComplianceStatus {
        fn as_str(&self) -> &str {
            match self {
                Self::Unknown => "unknown",
                Self::NotApplicable => "notApplicable",
                Self::UnknownValue(value) => value,
            }
        }
    }

    impl From<&str> for ComplianceStatus {
        fn from(value: &str) -> Self {
            match value {
                "unknown" => Self::Unknown,
                "notApplicable" => Self::NotApplicable,
                _ => Self::UnknownValue(value.to_owned()),
            }
        }
    }

    impl serde::Serialize for ComplianceStatus {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for ComplianceStatus {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::object::deserialize_enum(deserializer)
        }
    }

    #[test]
    fn open_enum_keeps_unknown_values() {
        let v: ComplianceStatus = serde_json::from_value(json!("x")).unwrap();
        assert_eq!(v, ComplianceStatus::UnknownValue("x".to_owned()));
        assert_eq!(serde_json::to_value(&v).unwrap(), json!("x"));
    }

    #[test]
    fn open_enum_round_trips_known_values() {
        for (variant, text) in [
            (ComplianceStatus::Unknown, "unknown"),
            (ComplianceStatus::NotApplicable, "notApplicable"),
        ] {
            assert_eq!(serde_json::to_value(&variant).unwrap(), json!(text));
            let back: ComplianceStatus = serde_json::from_value(json!(text)).unwrap();
            assert_eq!(back, variant);
        }
        // Case matters: a differently cased name is an unknown value.
        let v: ComplianceStatus = serde_json::from_value(json!("NotApplicable")).unwrap();
        assert_eq!(v, ComplianceStatus::UnknownValue("NotApplicable".to_owned()));
    }

    #[test]
    fn open_enum_rejects_non_strings() {
        assert!(serde_json::from_value::<ComplianceStatus>(json!(3)).is_err());
    }

    #[test]
    fn open_enum_inside_a_struct_with_flatten() {
        #[derive(Debug, serde::Deserialize, serde::Serialize)]
        struct Device {
            #[serde(default, skip_serializing_if = "super::Field::is_unset")]
            status: super::Field<ComplianceStatus>,
            #[serde(flatten)]
            additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
        }
        let input = json!({"status": "inGracePeriod", "other": 1});
        let d: Device = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(
            d.status.value(),
            Some(&ComplianceStatus::UnknownValue("inGracePeriod".into()))
        );
        assert_eq!(serde_json::to_value(&d).unwrap(), input);
    }

    #[test]
    fn primitive_types_inside_a_struct_with_flatten() {
        #[derive(Debug, serde::Deserialize, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Event {
            #[serde(default, skip_serializing_if = "super::Field::is_unset")]
            last_modified_date_time: super::Field<super::DateTimeOffset>,
            #[serde(default, skip_serializing_if = "super::Field::is_unset")]
            score: super::Field<super::Double>,
            #[serde(default, skip_serializing_if = "super::Field::is_unset")]
            id: super::Field<super::Guid>,
            #[serde(default, skip_serializing_if = "super::Field::is_unset")]
            reminder: super::Field<super::Duration>,
            #[serde(flatten)]
            additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
        }
        let input = json!({
            "lastModifiedDateTime": "2016-12-31T23:58:21.6459442-08:00",
            "score": "-INF",
            "id": "0B3F9A4E-5C6D-4E7F-8A9B-0c1d2e3f4a5b",
            "reminder": "PT15M",
            "@odata.etag": "W/\"1\""
        });
        let e: Event = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(e.score.value().map(|d| d.get()), Some(f64::NEG_INFINITY));
        assert_eq!(e.additional_properties.len(), 1);
        assert_eq!(serde_json::to_value(&e).unwrap(), input);
        let bad = json!({"lastModifiedDateTime": "yesterday"});
        let err = serde_json::from_value::<Event>(bad).unwrap_err();
        assert!(err.to_string().contains("`yesterday`"), "{err}");
    }
}
