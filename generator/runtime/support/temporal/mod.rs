//! Date and time types for `Edm.DateTimeOffset`, `Edm.Date`,
//! `Edm.TimeOfDay` and `Edm.Duration`. Each keeps enough of the text it was
//! parsed from (fraction digits, offset style, written components) to write
//! it back byte for byte.

mod date;
mod date_time;
mod duration;
mod text;

pub(crate) use text::Text;

pub use date::{Date, TimeOfDay};
pub use date_time::DateTimeOffset;
pub use duration::{Duration, DurationParts};

use chrono::{NaiveDate, NaiveTime, Timelike};

/// A cursor over ASCII text used by the parsers.
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `b` if it is next.
    pub(crate) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Exactly `n` digits as a number.
    pub(crate) fn fixed(&mut self, n: usize) -> Option<u32> {
        let run = self.bytes.get(self.pos..self.pos + n)?;
        if !run.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.pos += n;
        Some(run.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    }

    /// A run of one or more digits, as text.
    pub(crate) fn digits(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        // Only ASCII digits were consumed, so this is valid UTF-8.
        (self.pos > start).then(|| std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or(""))
    }
}

/// How the seconds of a time of day were written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct TimeStyle {
    /// `:ss` was written.
    seconds: bool,
    /// Fraction digits held in the nanoseconds (0..=9).
    digits: u8,
    /// Fraction digits past the ninth, kept as text.
    extra: Box<str>,
}

impl TimeStyle {
    /// The shortest style that shows `time` exactly.
    pub(crate) fn shortest(time: NaiveTime) -> Self {
        Self {
            seconds: true,
            digits: fraction_digits(time.nanosecond() % 1_000_000_000),
            extra: "".into(),
        }
    }
}

/// The fewest digits that show `nanos` exactly.
pub(crate) fn fraction_digits(mut nanos: u32) -> u8 {
    if nanos == 0 {
        return 0;
    }
    let mut digits = 9;
    while nanos.is_multiple_of(10) {
        nanos /= 10;
        digits -= 1;
    }
    digits
}

/// Splits fraction digits into nanoseconds, the digit count kept in them and
/// the digits past the ninth.
pub(crate) fn split_fraction(text: &str) -> (u32, u8, &str) {
    let (kept, extra) = text.split_at(text.len().min(9));
    let mut nanos: u32 = kept.bytes().fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
    for _ in kept.len()..9 {
        nanos *= 10;
    }
    (nanos, kept.len() as u8, extra)
}

/// Parses `hh:mm[:ss[.fff…]]`.
pub(crate) fn parse_time(c: &mut Cursor<'_>) -> Option<(NaiveTime, TimeStyle)> {
    let hour = c.fixed(2)?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.fixed(2)?;
    let mut style = TimeStyle::default();
    let (mut second, mut nanos) = (0, 0);
    if c.eat(b':') {
        style.seconds = true;
        second = c.fixed(2)?;
        if c.eat(b'.') {
            let (n, digits, extra) = split_fraction(c.digits()?);
            nanos = n;
            style.digits = digits;
            style.extra = extra.into();
        }
    }
    Some((NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?, style))
}

/// Writes a time of day in `style`.
pub(crate) fn write_time(t: &mut Text, time: NaiveTime, style: &TimeStyle) {
    t.two(time.hour());
    t.push(":");
    t.two(time.minute());
    if style.seconds {
        t.push(":");
        t.two(time.second());
        if style.digits > 0 || !style.extra.is_empty() {
            t.push(".");
            t.fraction(time.nanosecond() % 1_000_000_000, style.digits);
            t.push(&style.extra);
        }
    }
}

/// Parses `[-]yyyy-mm-dd`; years past 9999 have more digits and no leading
/// zero.
pub(crate) fn parse_date(c: &mut Cursor<'_>) -> Option<NaiveDate> {
    let negative = c.eat(b'-');
    let year_text = c.digits()?;
    if year_text.len() < 4 || (year_text.len() > 4 && year_text.starts_with('0')) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let year = if negative { -year } else { year };
    if !c.eat(b'-') {
        return None;
    }
    let month = c.fixed(2)?;
    if !c.eat(b'-') {
        return None;
    }
    let day = c.fixed(2)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Writes a date as `[-]yyyy-mm-dd` (more year digits past 9999).
pub(crate) fn write_date(t: &mut Text, date: NaiveDate) {
    use chrono::Datelike;
    let year = date.year();
    if year < 0 {
        t.push("-");
    }
    let year = year.unsigned_abs();
    if year > 9999 {
        t.push(&year.to_string());
    } else {
        t.two(year / 100);
        t.two(year % 100);
    }
    t.push("-");
    t.two(date.month());
    t.push("-");
    t.two(date.day());
}
