//! [`Guid`]: an `Edm.Guid` that keeps the letter case it was written in.

use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

use super::error::ParseError;
use super::text::string_serde;

/// A GUID in the hyphenated form `8-4-4-4-12`, such as
/// `7e1a2b3c-...`. The case of every hex letter is kept so the value is
/// written back exactly as read; values made from a [`Uuid`] are lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Guid {
    value: Uuid,
    /// Bit `i` is set if hex digit `i` was an upper-case letter.
    upper: u32,
}

impl Guid {
    /// The GUID as a [`Uuid`].
    pub fn as_uuid(&self) -> Uuid {
        self.value
    }
}

impl From<Uuid> for Guid {
    fn from(value: Uuid) -> Self {
        Self { value, upper: 0 }
    }
}

impl From<Guid> for Uuid {
    fn from(value: Guid) -> Self {
        value.value
    }
}

/// Byte offsets of the hyphens in the hyphenated form.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

impl FromStr for Guid {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseError::new("Edm.Guid", s);
        let bytes = s.as_bytes();
        if bytes.len() != 36 {
            return Err(err());
        }
        let mut upper = 0u32;
        let mut digit = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if HYPHENS.contains(&i) {
                if b != b'-' {
                    return Err(err());
                }
                continue;
            }
            if !b.is_ascii_hexdigit() {
                return Err(err());
            }
            if b.is_ascii_uppercase() {
                upper |= 1 << digit;
            }
            digit += 1;
        }
        let value = Uuid::parse_str(s).map_err(|_| err())?;
        Ok(Self { value, upper })
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 36];
        let text = self.value.hyphenated().encode_lower(&mut buf);
        let mut digit = 0;
        let mut out = String::with_capacity(36);
        for ch in text.chars() {
            if ch == '-' {
                out.push(ch);
                continue;
            }
            out.push(if self.upper & (1 << digit) != 0 {
                ch.to_ascii_uppercase()
            } else {
                ch
            });
            digit += 1;
        }
        f.write_str(&out)
    }
}

string_serde!(Guid, "Edm.Guid");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_case() {
        for text in [
            "0b3f9a4e-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
            "0B3F9A4E-5C6D-4E7F-8A9B-0C1D2E3F4A5B",
            "0b3F9a4E-5c6D-4e7F-8a9B-0c1D2e3F4a5B",
            "00000000-0000-0000-0000-000000000000",
        ] {
            let g: Guid = text.parse().unwrap();
            assert_eq!(g.to_string(), text);
            assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Guid>(&format!("\"{text}\"")).unwrap(), g);
        }
        let lower: Guid = "0b3f9a4e-5c6d-4e7f-8a9b-0c1d2e3f4a5b".parse().unwrap();
        let upper: Guid = "0B3F9A4E-5C6D-4E7F-8A9B-0C1D2E3F4A5B".parse().unwrap();
        assert_eq!(lower.as_uuid(), upper.as_uuid());
    }

    #[test]
    fn from_uuid_is_lower_case() {
        let u = Uuid::from_u128(0xABCD_EF00_0000_0000_0000_0000_0000_00FF);
        assert_eq!(Guid::from(u).to_string(), "abcdef00-0000-0000-0000-0000000000ff");
    }

    #[test]
    fn rejects_other_forms() {
        for bad in [
            "0b3f9a4e5c6d4e7f8a9b0c1d2e3f4a5b",
            "{0b3f9a4e-5c6d-4e7f-8a9b-0c1d2e3f4a5b}",
            "urn:uuid:0b3f9a4e-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
            "0b3f9a4e-5c6d-4e7f-8a9b-0c1d2e3f4a5g",
            "0b3f9a4e-5c6d-4e7f-8a9b+0c1d2e3f4a5b",
            "",
        ] {
            assert!(bad.parse::<Guid>().is_err(), "{bad}");
        }
    }
}
