//! Seeded faults as the service has them, written as rules: a share of the
//! requests answering 429 (with `Retry-After`), 503 or 504; added latency;
//! a limit of requests per window answered with Graph's throttling headers.
//! A rule covers one route or every route. The rules and their seed are
//! [`crate::Options::faults`], or `cargo xtask mock --faults RULE
//! --fault-seed N`; how they are drawn is `crate::fault_draws`.
//!
//! While the server runs, the program under test replaces the plan over
//! HTTP (`crate::server::FAULT_RULES_PATH`): `POST /$mock/fault-rules` with
//! `{"seed": 7, "rules": ["503:10%@GET /users"]}`, `DELETE` to clear it.
//!
//! A rule as text is `KIND[@ROUTE]`:
//!
//! - `429`, `503:10%`, `504:0.02`: that status for a share of the requests
//!   (every request when no share is given);
//! - `latency:200ms`, `latency:50-400ms:25%`: the answer delayed (by a time
//!   drawn from the range) for a share of the requests;
//! - `limit:100/10s`: at most 100 requests per 10-second window (`s`, `m`
//!   or `h`); past it, 429 until the window ends;
//! - `drop-range`, `drop-range:25%`: a share of the byte ranges sent to an
//!   upload session the route opened answered 202 but not kept
//!   (`crate::upload`).
//!
//! `@ROUTE` names the route as [`crate::Server::fault`] does (`@GET /users`,
//! `@ListUsers`); without it the rule covers every route (a limit then counts
//! all requests together, as Graph counts an application's). Rules apply in
//! the order given: the first fault drawn answers, latencies add up.

use serde::Deserialize;
use std::fmt;
use std::str::FromStr;

/// Seeded rules: the same seed and the same requests give the same faults.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultPlan {
    #[serde(default)]
    pub seed: u64,
    pub rules: Vec<FaultRule>,
}

impl FaultPlan {
    /// Rules read from their text forms (see the module comment).
    pub fn parse<'a>(seed: u64, rules: impl IntoIterator<Item = &'a str>) -> Result<FaultPlan, RuleError> {
        let rules = rules.into_iter().map(str::parse).collect::<Result<_, _>>()?;
        Ok(FaultPlan { seed, rules })
    }
}

/// One rule: what happens, on which route.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct FaultRule {
    /// The route, named as for [`crate::Server::fault`]; every route when `None`.
    pub route: Option<String>,
    pub kind: RuleKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    /// `status` (400-599) for a share `rate` (0 to 1) of the requests.
    Status { status: u16, rate: f64 },
    /// The answer delayed by `min_ms..=max_ms` for a share `rate` of the requests.
    Latency { min_ms: u64, max_ms: u64, rate: f64 },
    /// At most `requests` per window of `window_secs`; past it, 429.
    Limit { requests: u32, window_secs: u64 },
    /// A share `rate` of the ranges sent to the route's upload sessions dropped.
    DropRange { rate: f64 },
}

/// A rule that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("fault rule `{text}`: {problem} (rules: `503:10%`, `429`, `latency:50-200ms:25%`, `limit:100/10s`, `drop-range:25%`, each optionally `@ROUTE`)")]
pub struct RuleError {
    pub text: String,
    pub problem: String,
}

impl TryFrom<String> for FaultRule {
    type Error = RuleError;
    fn try_from(text: String) -> Result<Self, RuleError> {
        text.parse()
    }
}

impl FromStr for FaultRule {
    type Err = RuleError;

    fn from_str(text: &str) -> Result<Self, RuleError> {
        let error = |problem: String| RuleError {
            text: text.to_string(),
            problem,
        };
        let (kind, route) = match text.split_once('@') {
            Some((kind, route)) if !route.trim().is_empty() => (kind.trim(), Some(route.trim().to_string())),
            Some(_) => return Err(error("`@` names no route".into())),
            None => (text.trim(), None),
        };
        let mut parts = kind.split(':');
        let head = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let args: Vec<&str> = parts.map(str::trim).collect();
        let kind = match head.as_str() {
            "latency" => {
                let (range, rate) = match args.as_slice() {
                    [range] => (*range, 1.0),
                    [range, rate] => (*range, share(rate).map_err(error)?),
                    _ => return Err(error("latency is `latency:MS` or `latency:MIN-MAXms:SHARE`".into())),
                };
                let range = range.strip_suffix("ms").unwrap_or(range);
                let (min, max) = range.split_once('-').unwrap_or((range, range));
                let ms = |t: &str| {
                    t.trim()
                        .parse::<u64>()
                        .map_err(|_| error(format!("`{t}` is not a number of milliseconds")))
                };
                let (min_ms, max_ms) = (ms(min)?, ms(max)?);
                if min_ms > max_ms {
                    return Err(error(format!("the range {min_ms}-{max_ms} ms is empty")));
                }
                RuleKind::Latency { min_ms, max_ms, rate }
            }
            "drop-range" => match args.as_slice() {
                [] => RuleKind::DropRange { rate: 1.0 },
                [rate] => RuleKind::DropRange {
                    rate: share(rate).map_err(error)?,
                },
                _ => return Err(error("a dropped range is `drop-range` or `drop-range:SHARE`".into())),
            },
            "limit" => {
                let [spec] = args.as_slice() else {
                    return Err(error("a limit is `limit:REQUESTS/WINDOW` (`limit:100/10s`)".into()));
                };
                let (requests, window) = spec
                    .split_once('/')
                    .ok_or_else(|| error("a limit is `limit:REQUESTS/WINDOW` (`limit:100/10s`)".into()))?;
                let requests = requests
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| error(format!("`{requests}` is not a number of requests")))?;
                RuleKind::Limit {
                    requests,
                    window_secs: seconds(window.trim()).map_err(error)?,
                }
            }
            status => {
                let status: u16 = status
                    .parse()
                    .map_err(|_| error(format!("`{status}` is not a status, `latency` or `limit`")))?;
                if !(400..=599).contains(&status) {
                    return Err(error(format!("a fault's status is 400-599, not {status}")));
                }
                let rate = match args.as_slice() {
                    [] => 1.0,
                    [rate] => share(rate).map_err(error)?,
                    _ => return Err(error("a status is `STATUS` or `STATUS:SHARE`".into())),
                };
                RuleKind::Status { status, rate }
            }
        };
        Ok(FaultRule { route, kind })
    }
}

/// `10%` or `0.1`: a share between 0 and 1.
fn share(text: &str) -> Result<f64, String> {
    let value = match text.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().map(|p| p / 100.0),
        None => text.parse::<f64>(),
    }
    .map_err(|_| format!("`{text}` is not a share (`10%` or `0.1`)"))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("the share `{text}` is not between 0 and 1"))
    }
}

/// `10s`, `1m`, `1h` (or a bare number of seconds), more than zero.
fn seconds(text: &str) -> Result<u64, String> {
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a window (`10s`, `1m`, `1h`)"))?;
    let factor = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => return Err(format!("`{text}` is not a window (`10s`, `1m`, `1h`)")),
    };
    match n * factor {
        0 => Err("a window is longer than 0 s".into()),
        s => Ok(s),
    }
}

impl fmt::Display for FaultRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            RuleKind::Status { status, rate } => write!(f, "{status}:{}%", rate * 100.0)?,
            RuleKind::Latency { min_ms, max_ms, rate } => write!(f, "latency:{min_ms}-{max_ms}ms:{}%", rate * 100.0)?,
            RuleKind::Limit { requests, window_secs } => write!(f, "limit:{requests}/{window_secs}s")?,
            RuleKind::DropRange { rate } => write!(f, "drop-range:{}%", rate * 100.0)?,
        }
        match &self.route {
            Some(route) => write!(f, "@{route}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> FaultRule {
        text.parse().unwrap()
    }

    #[test]
    fn rules_read_from_text() {
        assert_eq!(
            rule("503:10%@GET /users"),
            FaultRule {
                route: Some("GET /users".into()),
                kind: RuleKind::Status { status: 503, rate: 0.1 }
            }
        );
        assert_eq!(rule("429").kind, RuleKind::Status { status: 429, rate: 1.0 });
        assert_eq!(rule("drop-range:50%").kind, RuleKind::DropRange { rate: 0.5 });
        assert_eq!(
            rule("504:0.25").kind,
            RuleKind::Status {
                status: 504,
                rate: 0.25
            }
        );
        assert_eq!(
            rule("latency:50-200ms:25%").kind,
            RuleKind::Latency {
                min_ms: 50,
                max_ms: 200,
                rate: 0.25
            }
        );
        assert_eq!(
            rule("latency:30ms").kind,
            RuleKind::Latency {
                min_ms: 30,
                max_ms: 30,
                rate: 1.0
            }
        );
        assert_eq!(
            rule("limit:100/1m@ListUsers"),
            FaultRule {
                route: Some("ListUsers".into()),
                kind: RuleKind::Limit {
                    requests: 100,
                    window_secs: 60
                }
            }
        );
    }

    #[test]
    fn rules_that_do_not_read_say_why() {
        for (text, problem) in [
            ("200", "400-599"),
            ("503:150%", "between 0 and 1"),
            ("limit:10", "REQUESTS/WINDOW"),
            ("limit:10/0s", "longer than 0"),
            ("limit:10/5d", "not a window"),
            ("latency:200-50ms", "empty"),
            ("slow", "not a status"),
            ("503@", "names no route"),
        ] {
            let e = text.parse::<FaultRule>().unwrap_err();
            assert!(e.problem.contains(problem), "{text}: {e}");
        }
    }

    #[test]
    fn a_plan_reads_from_json_with_rules_as_text() {
        let plan: FaultPlan =
            serde_json::from_str(r#"{"seed": 7, "rules": ["503:10%@GET /users", "limit:5/10s"]}"#).unwrap();
        assert_eq!(
            plan,
            FaultPlan::parse(7, ["503:10%@GET /users", "limit:5/10s"]).unwrap()
        );
        assert!(serde_json::from_str::<FaultPlan>(r#"{"seed": 7, "rules": ["302"]}"#).is_err());
        assert_eq!(rule("limit:5/10s@GET /users").to_string(), "limit:5/10s@GET /users");
    }
}
