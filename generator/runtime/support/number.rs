//! [`Double`]: `Edm.Double`, `Edm.Single` and `Edm.Decimal` values, which
//! OData writes as JSON numbers or, when not finite, as the strings `INF`,
//! `-INF` and `NaN`.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

use super::error::ParseError;

/// A floating-point OData value. Finite values are written as JSON numbers,
/// infinities and NaN as the strings `"INF"`, `"-INF"` and `"NaN"`.
///
/// Reading also accepts numbers sent as strings (as with
/// `IEEE754Compatible=true`); such a value is written back as a string.
#[derive(Debug, Clone, Copy, Default)]
pub struct Double {
    value: f64,
    form: Form,
}

/// How a value was read, so that it is written back the same way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Form {
    /// Built from an `f64` or read as `387.0`: written `387.0`.
    #[default]
    Fraction,
    /// Read from a JSON integer (`387`): written without a fraction.
    Whole,
    /// Read from a JSON string (`"0.25"`): written as a string.
    Quoted,
}

impl PartialEq for Double {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl PartialOrd for Double {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl Double {
    /// A value built from an `f64`.
    pub const fn new(value: f64) -> Self {
        Double {
            value,
            form: Form::Fraction,
        }
    }

    /// The wrapped value.
    pub fn get(self) -> f64 {
        self.value
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        Double::new(value)
    }
}

impl From<f32> for Double {
    fn from(value: f32) -> Self {
        Double::new(value.into())
    }
}

impl From<i32> for Double {
    fn from(value: i32) -> Self {
        Double::new(value.into())
    }
}

impl From<Double> for f64 {
    fn from(value: Double) -> Self {
        value.value
    }
}

impl fmt::Display for Double {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value.is_nan() {
            f.write_str("NaN")
        } else if self.value.is_infinite() {
            f.write_str(if self.value > 0.0 { "INF" } else { "-INF" })
        } else {
            fmt::Display::fmt(&self.value, f)
        }
    }
}

impl FromStr for Double {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "INF" => Ok(Double::new(f64::INFINITY)),
            "-INF" => Ok(Double::new(f64::NEG_INFINITY)),
            "NaN" => Ok(Double::new(f64::NAN)),
            _ => {
                // Rust also accepts "inf", "infinity" and "nan"; OData does not.
                let plain = s.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
                match s.parse::<f64>() {
                    Ok(v) if plain => Ok(Double::new(v)),
                    _ => Err(ParseError::new("Edm.Double", s)),
                }
            }
        }
    }
}

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A whole number read as `42` is written `42` again, not `42.0`.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if self.form == Form::Whole && self.value.fract() == 0.0 && self.value.abs() < EXACT {
            serializer.serialize_i64(self.value as i64)
        } else if self.value.is_finite() && self.form != Form::Quoted {
            serializer.serialize_f64(self.value)
        } else {
            serializer.collect_str(self)
        }
    }
}

impl<'de> Deserialize<'de> for Double {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Double;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or one of \"INF\", \"-INF\", \"NaN\"")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Double, E> {
                Ok(Double::new(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Double, E> {
                Ok(Double {
                    value: v as f64,
                    form: Form::Whole,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Double, E> {
                Ok(Double {
                    value: v as f64,
                    form: Form::Whole,
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Double, E> {
                let value = v.parse::<Double>().map_err(E::custom)?.value;
                Ok(Double {
                    value,
                    form: Form::Quoted,
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn non_finite_values_are_strings() {
        assert_eq!(serde_json::to_value(Double::new(f64::INFINITY)).unwrap(), json!("INF"));
        assert_eq!(
            serde_json::to_value(Double::new(f64::NEG_INFINITY)).unwrap(),
            json!("-INF")
        );
        assert_eq!(serde_json::to_value(Double::new(f64::NAN)).unwrap(), json!("NaN"));
        let inf: Double = serde_json::from_value(json!("INF")).unwrap();
        assert_eq!(inf.get(), f64::INFINITY);
        let ninf: Double = serde_json::from_value(json!("-INF")).unwrap();
        assert_eq!(ninf.get(), f64::NEG_INFINITY);
        let nan: Double = serde_json::from_value(json!("NaN")).unwrap();
        assert!(nan.get().is_nan());
    }

    #[test]
    fn finite_values_are_numbers() {
        assert_eq!(serde_json::to_string(&Double::new(1.5)).unwrap(), "1.5");
        assert_eq!(serde_json::to_string(&Double::new(42.0)).unwrap(), "42.0");
        let read: Double = serde_json::from_str("387.0").unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), "387.0");
        assert_eq!(
            serde_json::to_value(serde_json::from_str::<Double>("7").unwrap()).unwrap(),
            serde_json::json!(7)
        );
        assert_eq!(serde_json::from_str::<Double>("42").unwrap(), Double::new(42.0));
        assert_eq!(serde_json::from_str::<Double>("-3").unwrap(), Double::new(-3.0));
        assert_eq!(serde_json::from_str::<Double>("2.5e3").unwrap(), Double::new(2500.0));
        assert_eq!(serde_json::from_str::<Double>("\"0.25\"").unwrap(), Double::new(0.25));
    }

    #[test]
    fn a_number_read_as_a_string_is_written_as_a_string() {
        let read: Double = serde_json::from_str("\"0.1583399742569597\"").unwrap();
        assert_eq!(read.get(), 0.1583399742569597);
        assert_eq!(serde_json::to_string(&read).unwrap(), "\"0.1583399742569597\"");
        let inf: Double = serde_json::from_str("\"INF\"").unwrap();
        assert_eq!(serde_json::to_string(&inf).unwrap(), "\"INF\"");
        assert_eq!(serde_json::to_string(&Double::new(0.25)).unwrap(), "0.25");
    }

    #[test]
    fn rejects_other_text() {
        for bad in ["\"inf\"", "\"infinity\"", "\"nan\"", "\"abc\"", "true", "null"] {
            assert!(serde_json::from_str::<Double>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Double>("\"abc\"").unwrap_err();
        assert!(err.to_string().contains("`abc`"), "{err}");
    }

    #[test]
    fn display_matches_wire_text() {
        assert_eq!(Double::new(f64::NEG_INFINITY).to_string(), "-INF");
        assert_eq!(Double::new(0.5).to_string(), "0.5");
        assert_eq!("NaN".parse::<Double>().map(|d| d.get().is_nan()), Ok(true));
    }
}
