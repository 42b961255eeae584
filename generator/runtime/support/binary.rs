//! [`Binary`]: an `Edm.Binary` value, sent as base64 text.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use std::fmt;
use std::str::FromStr;

use super::error::ParseError;
use super::text::string_serde;

/// Bytes written as base64. Reading accepts padded (with exactly the padding
/// the text lacks of a multiple of four) or unpadded text in the standard or
/// URL-safe alphabet, and writes it back the way it was read (a
/// value built from bytes is written standard and padded), so a value read
/// from the service is sent back unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary {
    bytes: Vec<u8>,
    unpadded: bool,
    url_safe: bool,
}

impl Binary {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl From<Vec<u8>> for Binary {
    fn from(value: Vec<u8>) -> Self {
        Binary {
            bytes: value,
            unpadded: false,
            url_safe: false,
        }
    }
}

impl From<&[u8]> for Binary {
    fn from(value: &[u8]) -> Self {
        Binary::from(value.to_vec())
    }
}

impl From<Binary> for Vec<u8> {
    fn from(value: Binary) -> Self {
        value.bytes
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl FromStr for Binary {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let body = s.trim_end_matches('=');
        // Padding, if any, is what the body lacks of a multiple of four
        // (`YWI=`, not `YWI==`), so the text is written back as read.
        let padding = s.len() - body.len();
        if padding != 0 && padding != (4 - body.len() % 4) % 4 {
            return Err(ParseError::new("Edm.Binary", s));
        }
        let unpadded: String = body
            .chars()
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        STANDARD_NO_PAD
            .decode(unpadded)
            .map(|bytes| Binary {
                bytes,
                unpadded: !s.ends_with('=') && !s.len().is_multiple_of(4),
                url_safe: s.contains(['-', '_']),
            })
            .map_err(|_| ParseError::new("Edm.Binary", s))
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = STANDARD.encode(&self.bytes);
        if self.unpadded {
            text.truncate(text.trim_end_matches('=').len());
        }
        if self.url_safe {
            text = text.replace('+', "-").replace('/', "_");
        }
        f.write_str(&text)
    }
}

string_serde!(Binary, "Edm.Binary");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_standard_padded() {
        let b = Binary::from(vec![0xfb, 0xff, 0x01]);
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"+/8B\"");
        assert_eq!(Binary::from(b"ab".to_vec()).to_string(), "YWI=");
        assert_eq!(Binary::default().to_string(), "");
    }

    #[test]
    fn reads_padded_unpadded_and_url_safe() {
        for text in ["YWI=", "YWI"] {
            let b = text.parse::<Binary>().unwrap();
            assert_eq!(b.bytes(), b"ab");
            assert_eq!(b.to_string(), text, "written back as read");
        }
        let b = "-_8B".parse::<Binary>().unwrap();
        assert_eq!(b.bytes(), [0xfb, 0xff, 0x01]);
        assert_eq!(b.to_string(), "-_8B");
        let b: Binary = serde_json::from_str("\"+/8B\"").unwrap();
        assert_eq!(b.bytes(), [0xfb, 0xff, 0x01]);
    }

    #[test]
    fn rejects_non_base64() {
        for bad in ["Y", "YW I=", "Y*==", "YWI=YWI=", "YWI==", "YWJh="] {
            assert!(bad.parse::<Binary>().is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Binary>("\"Y*\"").unwrap_err();
        assert!(err.to_string().contains("`Y*`"), "{err}");
    }
}
