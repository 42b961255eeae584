//! [`Date`] (`Edm.Date`) and [`TimeOfDay`] (`Edm.TimeOfDay`).

use chrono::{NaiveDate, NaiveTime};
use std::fmt;
use std::str::FromStr;

use super::{parse_date, parse_time, write_date, write_time, Cursor, Text, TimeStyle};
use crate::error::ParseError;
use crate::text::string_serde;

/// A calendar date such as `2021-07-16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl From<NaiveDate> for Date {
    fn from(value: NaiveDate) -> Self {
        Date(value)
    }
}

impl From<Date> for NaiveDate {
    fn from(value: Date) -> Self {
        value.0
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut c = Cursor::new(s);
        match parse_date(&mut c) {
            Some(date) if c.at_end() => Ok(Date(date)),
            _ => Err(ParseError::new("Edm.Date", s)),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
    }
}

impl Date {
    /// The wire text (`2021-03-04`).
    fn text(&self) -> Text {
        let mut t = Text::new();
        write_date(&mut t, self.0);
        t
    }
}

string_serde!(Date, "Edm.Date", text);

/// A time of day such as `13:45:00` or `08:00:00.0000000`; seconds and
/// fraction digits are written back as they were read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    value: NaiveTime,
    style: TimeStyle,
}

impl TimeOfDay {
    /// The time of day.
    pub fn as_chrono(&self) -> NaiveTime {
        self.value
    }
}

impl From<NaiveTime> for TimeOfDay {
    /// Writes seconds always and the fewest fraction digits needed.
    fn from(value: NaiveTime) -> Self {
        Self {
            value,
            style: TimeStyle::shortest(value),
        }
    }
}

impl From<TimeOfDay> for NaiveTime {
    fn from(value: TimeOfDay) -> Self {
        value.value
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut c = Cursor::new(s);
        match parse_time(&mut c) {
            Some((value, style)) if c.at_end() => Ok(TimeOfDay { value, style }),
            _ => Err(ParseError::new("Edm.TimeOfDay", s)),
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
    }
}

impl TimeOfDay {
    /// The wire text, as it was read (`08:00:00.0000000`).
    fn text(&self) -> Text {
        let mut t = Text::new();
        write_time(&mut t, self.value, &self.style);
        t
    }
}

string_serde!(TimeOfDay, "Edm.TimeOfDay", text);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn date_round_trips() {
        for text in ["2021-07-16", "0001-01-01", "9999-12-31", "2024-02-29"] {
            let d: Date = text.parse().unwrap();
            assert_eq!(d.to_string(), text);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{text}\""));
        }
        let d: Date = serde_json::from_str("\"2021-07-16\"").unwrap();
        assert_eq!(d.0, NaiveDate::from_ymd_opt(2021, 7, 16).unwrap());
    }

    #[test]
    fn date_rejects_bad_text() {
        for bad in ["2021-7-16", "2021-07-16T00:00:00Z", "2023-02-29", "", "20210716"] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Date>("\"2021-13-01\"").unwrap_err();
        assert!(err.to_string().contains("`2021-13-01`"), "{err}");
    }

    #[test]
    fn time_of_day_round_trips() {
        for text in [
            "13:45:00",
            "13:45",
            "08:00:00.0000000",
            "23:59:59.1234567",
            "00:00:00.5",
        ] {
            let t: TimeOfDay = text.parse().unwrap();
            assert_eq!(t.to_string(), text);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<TimeOfDay>(&json).unwrap(), t);
        }
        let t: TimeOfDay = "23:59:59.1234567".parse().unwrap();
        assert_eq!(t.as_chrono().nanosecond(), 123_456_700);
    }

    #[test]
    fn time_of_day_from_chrono() {
        let t = NaiveTime::from_hms_milli_opt(9, 5, 0, 250).unwrap();
        assert_eq!(TimeOfDay::from(t).to_string(), "09:05:00.25");
        assert_eq!(TimeOfDay::from(NaiveTime::MIN).to_string(), "00:00:00");
    }

    #[test]
    fn time_of_day_rejects_bad_text() {
        for bad in ["24:00:00", "1:00:00", "12:60", "12:00:00.", "12:00:00Z", ""] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
    }
}
