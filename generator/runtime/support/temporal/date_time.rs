//! [`DateTimeOffset`]: an `Edm.DateTimeOffset` that writes back exactly the
//! text it was read from.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use std::fmt;
use std::str::FromStr;

use super::{parse_date, parse_time, write_date, write_time, Cursor, Text, TimeStyle};
use crate::error::ParseError;
use crate::text::string_serde;

/// How the offset was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum OffsetStyle {
    /// `Z`.
    Z,
    /// `±hh:mm`.
    Numeric,
    /// `-00:00`, which RFC 3339 uses for "offset unknown".
    NegativeZero,
    /// No offset at all; the value is taken as UTC.
    Absent,
}

/// An instant with the offset it was written in, such as
/// `2016-12-31T23:58:21.6459442-08:00`.
///
/// Parsing accepts RFC 3339 (`T` separator, `Z` or `±hh:mm`), with seconds
/// optional and any number of fraction digits (chrono keeps nanoseconds;
/// digits past the ninth are kept as text), and also a value without any
/// offset, taken as UTC. `Display` and serialisation reproduce the parsed
/// text exactly. `==` compares that text form too: the same instant written
/// two ways is not equal; compare [`DateTimeOffset::as_chrono`] for instants.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTimeOffset {
    value: DateTime<FixedOffset>,
    /// The text form, kept as read (or written once when built from
    /// chrono): writing a page of dates copies it instead of formatting.
    text: Box<str>,
    offset: OffsetStyle,
}

impl DateTimeOffset {
    /// The instant with its offset.
    pub fn as_chrono(&self) -> &DateTime<FixedOffset> {
        &self.value
    }

    /// The instant with its offset, consuming `self`.
    pub fn into_chrono(self) -> DateTime<FixedOffset> {
        self.value
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.value.to_utc()
    }

    /// False if the text had no offset (and was taken as UTC).
    pub fn has_offset(&self) -> bool {
        self.offset != OffsetStyle::Absent
    }
}

impl<Tz: TimeZone> From<DateTime<Tz>> for DateTimeOffset {
    /// Uses `Z` for a zero offset, `±hh:mm` otherwise, and the fewest
    /// fraction digits that show the value exactly.
    fn from(value: DateTime<Tz>) -> Self {
        let value = value.fixed_offset();
        let offset = if value.offset().local_minus_utc() == 0 {
            OffsetStyle::Z
        } else {
            OffsetStyle::Numeric
        };
        let text = format(&value, &TimeStyle::shortest(value.time()), offset);
        Self {
            text: text.as_str().into(),
            value,
            offset,
        }
    }
}

impl From<DateTimeOffset> for DateTime<FixedOffset> {
    fn from(value: DateTimeOffset) -> Self {
        value.value
    }
}

fn parse_offset(c: &mut Cursor<'_>) -> Option<(FixedOffset, OffsetStyle)> {
    if c.eat(b'Z') {
        return Some((FixedOffset::east_opt(0)?, OffsetStyle::Z));
    }
    if c.at_end() {
        return Some((FixedOffset::east_opt(0)?, OffsetStyle::Absent));
    }
    let negative = match c.peek() {
        Some(b'+') => false,
        Some(b'-') => true,
        _ => return None,
    };
    c.eat(c.peek()?);
    let hours = c.fixed(2)?;
    if !c.eat(b':') {
        return None;
    }
    let minutes = c.fixed(2)?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
    let style = match (negative, seconds) {
        (true, 0) => OffsetStyle::NegativeZero,
        _ => OffsetStyle::Numeric,
    };
    Some((FixedOffset::east_opt(if negative { -seconds } else { seconds })?, style))
}

fn parse(text: &str) -> Option<DateTimeOffset> {
    let mut c = Cursor::new(text);
    let date = parse_date(&mut c)?;
    if !c.eat(b'T') {
        return None;
    }
    let (time, style) = parse_time(&mut c)?;
    let (fixed, offset) = parse_offset(&mut c)?;
    if !c.at_end() {
        return None;
    }
    let value = fixed.from_local_datetime(&date.and_time(time)).single()?;
    // The text as read is what `format` writes for this style: kept as is.
    debug_assert_eq!(format(&value, &style, offset).as_str(), text);
    Some(DateTimeOffset {
        value,
        text: text.into(),
        offset,
    })
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s).ok_or_else(|| ParseError::new("Edm.DateTimeOffset", s))
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl DateTimeOffset {
    /// The wire text, as it was read (or in the shortest exact form).
    fn text(&self) -> &str {
        &self.text
    }
}

/// The text of an instant in a time style and offset style.
fn format(value: &DateTime<FixedOffset>, style: &TimeStyle, offset: OffsetStyle) -> Text {
    let local = value.naive_local();
    let mut t = Text::new();
    write_date(&mut t, local.date());
    t.push("T");
    write_time(&mut t, local.time(), style);
    match offset {
        OffsetStyle::Z => t.push("Z"),
        OffsetStyle::Absent => {}
        OffsetStyle::NegativeZero => t.push("-00:00"),
        OffsetStyle::Numeric => {
            let secs = value.offset().local_minus_utc();
            t.push(if secs < 0 { "-" } else { "+" });
            let secs = secs.unsigned_abs();
            t.two(secs / 3600);
            t.push(":");
            t.two(secs / 60 % 60);
        }
    }
    t
}

string_serde!(DateTimeOffset, "Edm.DateTimeOffset", text);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};

    fn round_trip(text: &str) -> DateTimeOffset {
        let parsed: DateTimeOffset = text.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.to_string(), text);
        let json = serde_json::to_string(&parsed).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        let back: DateTimeOffset = serde_json::from_str(&json).unwrap();
        assert_eq!(back, parsed);
        parsed
    }

    #[test]
    fn documented_values_round_trip_exactly() {
        let v = round_trip("2016-12-31T23:58:21.6459442-08:00");
        assert_eq!(v.as_chrono().nanosecond(), 645_944_200);
        assert_eq!(v.as_chrono().offset().local_minus_utc(), -8 * 3600);
        assert_eq!(v.to_utc().to_rfc3339(), "2017-01-01T07:58:21.645944200+00:00");
        round_trip("2017-01-01T00:02:03.0612494-08:00");
        let v = round_trip("2016-12-31T23:56:44.951111-08:00");
        assert_eq!(v.as_chrono().nanosecond(), 951_111_000);
        let v = round_trip("2021-07-16T00:00:00Z");
        assert_eq!(v.as_chrono().day(), 16);
    }

    #[test]
    fn other_shapes_round_trip() {
        for text in [
            "2021-07-16T00:00:00+00:00",
            "2021-07-16T00:00:00-00:00",
            "2021-07-16T00:00:00.0Z",
            "2021-07-16T00:00:00.000000000Z",
            "2021-07-16T10:20:30.1234567890123+05:30",
            "2021-07-16T10:20Z",
            "2021-01-01T00:00:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn value_without_offset_is_utc() {
        let v = round_trip("2021-01-01T00:00:00");
        assert!(!v.has_offset());
        assert_eq!(v.to_utc(), Utc.with_ymd_and_hms(2021, 1, 1, 0, 0, 0).unwrap());
    }

    #[test]
    fn more_than_nine_digits_keeps_text_and_truncates_value() {
        let v = round_trip("2021-07-16T10:20:30.1234567890123+05:30");
        assert_eq!(v.as_chrono().nanosecond(), 123_456_789);
    }

    #[test]
    fn from_chrono_uses_shortest_form() {
        let utc = Utc.with_ymd_and_hms(2021, 7, 16, 1, 2, 3).unwrap();
        assert_eq!(DateTimeOffset::from(utc).to_string(), "2021-07-16T01:02:03Z");
        let fixed = FixedOffset::west_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2016, 12, 31, 23, 58, 21)
            .unwrap()
            .with_nanosecond(645_944_200)
            .unwrap();
        assert_eq!(
            DateTimeOffset::from(fixed).to_string(),
            "2016-12-31T23:58:21.6459442-08:00"
        );
    }

    #[test]
    fn invalid_text_is_an_error_naming_it() {
        for bad in [
            "",
            "2021-07-16",
            "2021-07-16 00:00:00Z",
            "2021-13-01T00:00:00Z",
            "2021-02-30T00:00:00Z",
            "2021-07-16T24:00:00Z",
            "2021-07-16T00:00:00.Z",
            "2021-07-16T00:00:00+0800",
            "2021-07-16T00:00:00Zjunk",
            "21-07-16T00:00:00Z",
        ] {
            assert!(bad.parse::<DateTimeOffset>().is_err(), "{bad}");
        }
        let err = serde_json::from_str::<DateTimeOffset>("\"not a date\"").unwrap_err();
        assert!(err.to_string().contains("`not a date`"), "{err}");
        assert!(serde_json::from_str::<DateTimeOffset>("5").is_err());
    }
}
