//! [`Binary`]: an `Edm.Binary` value, sent as base64 text.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use std::fmt;
use std::str::FromStr;

use super::error::ParseError;
use super::text::string_serde;

/// Bytes written as standard base64 with padding. Reading also accepts
/// missing padding and the URL-safe alphabet (`-` and `_`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(pub Vec<u8>);

impl From<Vec<u8>> for Binary {
    fn from(value: Vec<u8>) -> Self {
        Binary(value)
    }
}

impl From<&[u8]> for Binary {
    fn from(value: &[u8]) -> Self {
        Binary(value.to_vec())
    }
}

impl From<Binary> for Vec<u8> {
    fn from(value: Binary) -> Self {
        value.0
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl FromStr for Binary {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unpadded: String = s
            .trim_end_matches('=')
            .chars()
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        STANDARD_NO_PAD
            .decode(unpadded)
            .map(Binary)
            .map_err(|_| ParseError::new("Edm.Binary", s))
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

string_serde!(Binary, "Edm.Binary");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_standard_padded() {
        let b = Binary(vec![0xfb, 0xff, 0x01]);
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"+/8B\"");
        assert_eq!(Binary(b"ab".to_vec()).to_string(), "YWI=");
        assert_eq!(Binary::default().to_string(), "");
    }

    #[test]
    fn reads_padded_unpadded_and_url_safe() {
        for text in ["YWI=", "YWI"] {
            assert_eq!(text.parse::<Binary>().unwrap().0, b"ab");
        }
        assert_eq!("-_8B".parse::<Binary>().unwrap().0, vec![0xfb, 0xff, 0x01]);
        let b: Binary = serde_json::from_str("\"+/8B\"").unwrap();
        assert_eq!(b.0, vec![0xfb, 0xff, 0x01]);
    }

    #[test]
    fn rejects_non_base64() {
        for bad in ["Y", "YW I=", "Y*==", "YWI=YWI="] {
            assert!(bad.parse::<Binary>().is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Binary>("\"Y*\"").unwrap_err();
        assert!(err.to_string().contains("`Y*`"), "{err}");
    }
}
