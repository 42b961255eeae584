//! [`Duration`]: an `Edm.Duration` (ISO 8601 / `xs:duration`) such as
//! `P1DT2H3M4.5S`, written back exactly as read.

use std::fmt;
use std::str::FromStr;

use super::{fraction_digits, split_fraction, Cursor};
use crate::error::ParseError;
use crate::text::string_serde;

/// The components of a [`Duration`]; components that were not written are
/// zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DurationParts {
    /// The duration points backwards (`-P…`).
    pub negative: bool,
    /// `nY`.
    pub years: u64,
    /// `nM` before `T`.
    pub months: u64,
    /// `nD`.
    pub days: u64,
    /// `nH`.
    pub hours: u64,
    /// `nM` after `T`.
    pub minutes: u64,
    /// Whole seconds of `n.fS`.
    pub seconds: u64,
    /// Fraction of `n.fS` in nanoseconds (digits past the ninth are dropped).
    pub nanoseconds: u32,
}

/// A duration such as `PT0S`, `P1DT2H3M4.5S`, `-P1D` or `P1Y2M`.
///
/// The text is kept, so `Display` and serialisation reproduce exactly what
/// was parsed (which components were written, leading zeros, fraction
/// digits). Fractions are accepted on seconds only, as in `xs:duration`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    text: Box<str>,
    parts: DurationParts,
}

impl Duration {
    /// The components.
    pub fn parts(&self) -> DurationParts {
        self.parts
    }

    /// The duration in canonical form: only non-zero components, days for
    /// whole days, the fewest fraction digits, `PT0S` for zero.
    pub fn from_parts(parts: DurationParts) -> Self {
        let mut text = String::new();
        let p = parts;
        let zero = [p.years, p.months, p.days, p.hours, p.minutes, p.seconds] == [0; 6] && p.nanoseconds == 0;
        if p.negative && !zero {
            text.push('-');
        }
        text.push('P');
        for (n, unit) in [(p.years, 'Y'), (p.months, 'M'), (p.days, 'D')] {
            if n != 0 {
                text.push_str(&format!("{n}{unit}"));
            }
        }
        if zero || p.hours != 0 || p.minutes != 0 || p.seconds != 0 || p.nanoseconds != 0 {
            text.push('T');
            for (n, unit) in [(p.hours, 'H'), (p.minutes, 'M')] {
                if n != 0 {
                    text.push_str(&format!("{n}{unit}"));
                }
            }
            if zero || p.seconds != 0 || p.nanoseconds != 0 {
                text.push_str(&p.seconds.to_string());
                let digits = usize::from(fraction_digits(p.nanoseconds));
                if digits > 0 {
                    let shown = format!("{:09}", p.nanoseconds);
                    text.push('.');
                    text.push_str(&shown[..digits]);
                }
                text.push('S');
            }
        }
        Self {
            text: text.into(),
            parts,
        }
    }

    /// A non-negative duration in canonical form (see [`Duration::from_parts`]).
    pub fn from_std(value: std::time::Duration) -> Self {
        let secs = value.as_secs();
        Self::from_parts(DurationParts {
            days: secs / 86_400,
            hours: secs / 3600 % 24,
            minutes: secs / 60 % 60,
            seconds: secs % 60,
            nanoseconds: value.subsec_nanos(),
            ..DurationParts::default()
        })
    }

    /// The length as a `std` duration, counting a day as 86 400 seconds.
    /// `None` if years or months are non-zero (their length varies), if the
    /// duration is negative and not zero, or on overflow.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let p = self.parts;
        if p.years != 0 || p.months != 0 {
            return None;
        }
        let secs = p
            .days
            .checked_mul(86_400)?
            .checked_add(p.hours.checked_mul(3600)?)?
            .checked_add(p.minutes.checked_mul(60)?)?
            .checked_add(p.seconds)?;
        let value = std::time::Duration::new(secs, p.nanoseconds);
        (!p.negative || value.is_zero()).then_some(value)
    }

    /// The length as a signed chrono duration; `None` where
    /// [`Duration::to_std`] of the magnitude would be `None`.
    pub fn to_chrono(&self) -> Option<chrono::TimeDelta> {
        let magnitude = Duration {
            text: "".into(),
            parts: DurationParts {
                negative: false,
                ..self.parts
            },
        }
        .to_std()?;
        let delta = chrono::TimeDelta::from_std(magnitude).ok()?;
        Some(if self.parts.negative { -delta } else { delta })
    }
}

fn parse(text: &str) -> Option<DurationParts> {
    let mut c = Cursor::new(text);
    let mut p = DurationParts {
        negative: c.eat(b'-'),
        ..DurationParts::default()
    };
    if !c.eat(b'P') {
        return None;
    }
    let mut in_time = false;
    let mut any = false;
    // Index of the next allowed designator in the current part.
    let mut next = 0;
    loop {
        if c.at_end() {
            break;
        }
        if !in_time && c.eat(b'T') {
            in_time = true;
            next = 0;
            // `T` must be followed by at least one component.
            if c.at_end() {
                return None;
            }
            continue;
        }
        let whole: u64 = c.digits()?.parse().ok()?;
        let fraction = if c.eat(b'.') { Some(c.digits()?) } else { None };
        let units: &[u8] = if in_time { b"HMS" } else { b"YMD" };
        let unit = c.peek()?;
        let index = next + units[next..].iter().position(|&u| u == unit)?;
        c.eat(unit);
        next = index + 1;
        any = true;
        if fraction.is_some() && !(in_time && unit == b'S') {
            return None;
        }
        match (in_time, unit) {
            (false, b'Y') => p.years = whole,
            (false, b'M') => p.months = whole,
            (false, _) => p.days = whole,
            (true, b'H') => p.hours = whole,
            (true, b'M') => p.minutes = whole,
            (true, _) => {
                p.seconds = whole;
                p.nanoseconds = fraction.map_or(0, |f| split_fraction(f).0);
            }
        }
    }
    any.then_some(p)
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts = parse(s).ok_or_else(|| ParseError::new("Edm.Duration", s))?;
        Ok(Self { text: s.into(), parts })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Self::from_std(value)
    }
}

impl Duration {
    /// The wire text, as it was read (`P1DT2H`).
    fn wire_text(&self) -> &str {
        &self.text
    }
}

string_serde!(Duration, "Edm.Duration", wire_text);

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as Std;

    #[test]
    fn round_trips_and_reads_components() {
        let d: Duration = "P1DT2H3M4.5S".parse().unwrap();
        assert_eq!(d.to_string(), "P1DT2H3M4.5S");
        assert_eq!(
            d.parts(),
            DurationParts {
                days: 1,
                hours: 2,
                minutes: 3,
                seconds: 4,
                nanoseconds: 500_000_000,
                ..DurationParts::default()
            }
        );
        assert_eq!(d.to_std(), Some(Std::new(93_784, 500_000_000)));
        for text in [
            "PT0S",
            "-P1D",
            "P1Y2M",
            "P0D",
            "PT1H",
            "PT36H",
            "P01D",
            "PT4.500S",
            "P1Y2M3DT4H5M6.7891234S",
        ] {
            let d: Duration = text.parse().unwrap();
            assert_eq!(d.to_string(), text);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Duration>(&format!("\"{text}\"")).unwrap(), d);
        }
    }

    #[test]
    fn to_std_refuses_what_it_cannot_represent() {
        assert_eq!("P1Y".parse::<Duration>().unwrap().to_std(), None);
        assert_eq!("P1M".parse::<Duration>().unwrap().to_std(), None);
        assert_eq!("-P1D".parse::<Duration>().unwrap().to_std(), None);
        assert_eq!("-PT0S".parse::<Duration>().unwrap().to_std(), Some(Std::ZERO));
        assert_eq!(
            "P0Y0M1D".parse::<Duration>().unwrap().to_std(),
            Some(Std::from_secs(86_400))
        );
        assert_eq!(
            "-P1D".parse::<Duration>().unwrap().to_chrono(),
            Some(chrono::TimeDelta::days(-1))
        );
    }

    #[test]
    fn from_std_is_canonical() {
        assert_eq!(Duration::from_std(Std::ZERO).to_string(), "PT0S");
        assert_eq!(Duration::from_std(Std::from_secs(3600)).to_string(), "PT1H");
        assert_eq!(Duration::from_std(Std::from_secs(90 * 86_400)).to_string(), "P90D");
        assert_eq!(
            Duration::from(Std::new(93_784, 500_000_000)).to_string(),
            "P1DT2H3M4.5S"
        );
        let d = Duration::from_std(Std::new(93_784, 500_000_000));
        assert_eq!(d.to_std(), Some(Std::new(93_784, 500_000_000)));
        let neg = Duration::from_parts(DurationParts {
            negative: true,
            minutes: 5,
            ..DurationParts::default()
        });
        assert_eq!(neg.to_string(), "-PT5M");
    }

    #[test]
    fn rejects_bad_text() {
        for bad in [
            "", "P", "PT", "P1DT", "1D", "P1H", "PT1D", "P1D2Y", "P1.5D", "PT1.S", "P-1D", "P1DT1H1H", "PT1M1H", "p1d",
            "P1D ",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Duration>("\"P1H\"").unwrap_err();
        assert!(err.to_string().contains("`P1H`"), "{err}");
    }
}
