//! [`Text`]: a date or time written as bytes into a fixed buffer, then
//! handed to the formatter (or serializer) as one string. Dates are written
//! in every model that has one; the formatting machinery for each two-digit
//! piece made writing a page of them twice as slow as the JSON around them.

/// The text of a date, time or date-time being written.
pub(crate) struct Text {
    inline: [u8; 48],
    len: usize,
    /// The text once it outgrows `inline` (fraction digits past the ninth).
    spilled: Option<String>,
}

impl Text {
    pub(crate) fn new() -> Self {
        Text {
            inline: [0; 48],
            len: 0,
            spilled: None,
        }
    }

    /// Appends ASCII or UTF-8 text.
    pub(crate) fn push(&mut self, text: &str) {
        self.push_bytes(text.as_bytes());
    }

    /// Appends the bytes of a `str` or ASCII digits, so the text stays
    /// UTF-8 without checking each piece.
    fn push_bytes(&mut self, bytes: &[u8]) {
        if let Some(spilled) = &mut self.spilled {
            spilled.push_str(std::str::from_utf8(bytes).unwrap_or_default());
        } else if self.len + bytes.len() <= self.inline.len() {
            self.inline[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            let mut spilled = self.as_str().to_owned();
            spilled.push_str(std::str::from_utf8(bytes).unwrap_or_default());
            self.spilled = Some(spilled);
        }
    }

    /// Appends `n` (below 100) as two digits.
    pub(crate) fn two(&mut self, n: u32) {
        self.push_bytes(&[b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]);
    }

    /// Appends the first `digits` (at most 9) of the 9-digit `nanos`.
    pub(crate) fn fraction(&mut self, nanos: u32, digits: u8) {
        let mut text = [b'0'; 9];
        let mut n = nanos;
        for place in text.iter_mut().rev() {
            *place = b'0' + (n % 10) as u8;
            n /= 10;
        }
        let shown = usize::from(digits.min(9));
        self.push_bytes(&text[..shown]);
    }

    pub(crate) fn as_str(&self) -> &str {
        match &self.spilled {
            Some(spilled) => spilled,
            None => std::str::from_utf8(&self.inline[..self.len]).unwrap_or_default(),
        }
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_written_in_order_and_a_long_text_spills() {
        let mut t = Text::new();
        t.two(7);
        t.push(":");
        t.two(45);
        t.push(".");
        t.fraction(123_456_789, 4);
        assert_eq!(t.as_str(), "07:45.1234");
        let long = "9".repeat(60);
        t.push(&long);
        assert_eq!(t.as_str(), format!("07:45.1234{long}"));
        t.push("Z");
        assert!(t.as_str().ends_with("9Z"));
    }
}
