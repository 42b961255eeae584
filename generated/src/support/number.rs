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
/// `IEEE754Compatible=true`).
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Double(pub f64);

impl Double {
    /// The wrapped value.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        Double(value)
    }
}

impl From<f32> for Double {
    fn from(value: f32) -> Self {
        Double(value.into())
    }
}

impl From<i32> for Double {
    fn from(value: i32) -> Self {
        Double(value.into())
    }
}

impl From<Double> for f64 {
    fn from(value: Double) -> Self {
        value.0
    }
}

impl fmt::Display for Double {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_nan() {
            f.write_str("NaN")
        } else if self.0.is_infinite() {
            f.write_str(if self.0 > 0.0 { "INF" } else { "-INF" })
        } else {
            fmt::Display::fmt(&self.0, f)
        }
    }
}

impl FromStr for Double {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "INF" => Ok(Double(f64::INFINITY)),
            "-INF" => Ok(Double(f64::NEG_INFINITY)),
            "NaN" => Ok(Double(f64::NAN)),
            _ => {
                // Rust also accepts "inf", "infinity" and "nan"; OData does not.
                let plain = s
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
                match s.parse::<f64>() {
                    Ok(v) if plain => Ok(Double(v)),
                    _ => Err(ParseError::new("Edm.Double", s)),
                }
            }
        }
    }
}

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() {
            serializer.serialize_f64(self.0)
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
                Ok(Double(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Double, E> {
                Ok(Double(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Double, E> {
                Ok(Double(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Double, E> {
                v.parse().map_err(E::custom)
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
        assert_eq!(
            serde_json::to_value(Double(f64::INFINITY)).unwrap(),
            json!("INF")
        );
        assert_eq!(
            serde_json::to_value(Double(f64::NEG_INFINITY)).unwrap(),
            json!("-INF")
        );
        assert_eq!(
            serde_json::to_value(Double(f64::NAN)).unwrap(),
            json!("NaN")
        );
        let inf: Double = serde_json::from_value(json!("INF")).unwrap();
        assert_eq!(inf.get(), f64::INFINITY);
        let ninf: Double = serde_json::from_value(json!("-INF")).unwrap();
        assert_eq!(ninf.get(), f64::NEG_INFINITY);
        let nan: Double = serde_json::from_value(json!("NaN")).unwrap();
        assert!(nan.get().is_nan());
    }

    #[test]
    fn finite_values_are_numbers() {
        assert_eq!(serde_json::to_string(&Double(1.5)).unwrap(), "1.5");
        assert_eq!(serde_json::from_str::<Double>("42").unwrap(), Double(42.0));
        assert_eq!(serde_json::from_str::<Double>("-3").unwrap(), Double(-3.0));
        assert_eq!(
            serde_json::from_str::<Double>("2.5e3").unwrap(),
            Double(2500.0)
        );
        assert_eq!(
            serde_json::from_str::<Double>("\"0.25\"").unwrap(),
            Double(0.25)
        );
    }

    #[test]
    fn rejects_other_text() {
        for bad in [
            "\"inf\"",
            "\"infinity\"",
            "\"nan\"",
            "\"abc\"",
            "true",
            "null",
        ] {
            assert!(serde_json::from_str::<Double>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Double>("\"abc\"").unwrap_err();
        assert!(err.to_string().contains("`abc`"), "{err}");
    }

    #[test]
    fn display_matches_wire_text() {
        assert_eq!(Double(f64::NEG_INFINITY).to_string(), "-INF");
        assert_eq!(Double(0.5).to_string(), "0.5");
        assert_eq!("NaN".parse::<Double>().map(|d| d.0.is_nan()), Ok(true));
    }
}
