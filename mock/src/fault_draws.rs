//! The seeded fault rules (`crate::fault_rules`) applied to requests: each
//! rule draws from a PRNG of its own per operation, seeded from the plan's
//! seed, so the n-th request to a route meets the same fault every run
//! whatever other routes are asked in between; limits count requests in
//! fixed windows. What a request met is a `Verdict`: a fault to answer
//! instead, a delay, and headers for the answer (each fault named in
//! `x-mock-fault`, the throttling headers Graph sends).

use crate::error::UnknownRoute;
use crate::fault_rules::{FaultPlan, FaultRule, RuleKind};
use crate::faults::Fault;
use crate::graph::Graph;
use axum::http::{HeaderName, HeaderValue};
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The header naming each fault a response met (`503 by 503:10%@GET /users
/// (seed 7)`, `latency 120 ms by ...`, `429 on demand`).
pub const FAULT_HEADER: &str = "x-mock-fault";

/// The throttling scope Graph names on a 429, `<Scope>/<Limit>/<ApplicationId>/<TenantId>`
/// (`Tenant_Application/ReadWrite/9a3e4d0e-.../0785ef8d-...`): the local
/// application and tenant have fixed ids.
const THROTTLE_SCOPE: &str =
    "Tenant_Application/ReadWrite/00000000-0000-0000-0000-00000000a11c/00000000-0000-0000-0000-00000000c0de";

/// The share of a limit from which the usage headers are sent, as Graph
/// (`x-ms-throttle-limit-percentage`) and SharePoint (`RateLimit-*`) send
/// them from 80% of the limit on.
const USAGE_HEADERS_FROM: f64 = 0.8;

/// The plan's rules with the operations each covers, and what they have drawn.
#[derive(Debug, Default)]
pub(crate) struct FaultDraws {
    seed: u64,
    /// Each rule with its operations (`None`: every operation).
    rules: Vec<(FaultRule, Option<Vec<usize>>)>,
    /// A PRNG per (rule, operation).
    streams: Mutex<HashMap<(usize, usize), fastrand::Rng>>,
    /// A window per rule (limits only).
    windows: Vec<Mutex<Window>>,
}

#[derive(Debug, Default)]
struct Window {
    start: Option<Instant>,
    count: u32,
}

/// What one request met.
#[derive(Debug, Default)]
pub(crate) struct Verdict {
    /// The answer to give instead of the documented one (naming itself in
    /// `x-mock-fault`).
    pub fault: Option<Response>,
    pub delay: Duration,
    /// Headers for whatever answer is given.
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// The time to wait before answering, carried on the response to the handler.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Delay(pub Duration);

impl Verdict {
    fn header(&mut self, name: &'static str, value: impl ToString) {
        if let Ok(value) = HeaderValue::from_str(&value.to_string()) {
            self.headers.push((HeaderName::from_static(name), value));
        }
    }

    /// The response with the verdict's headers and delay.
    pub fn apply(self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        for (name, value) in self.headers {
            headers.append(name, value);
        }
        if !self.delay.is_zero() {
            response.extensions_mut().insert(Delay(self.delay));
        }
        response
    }

    /// A fault set on demand, given in place of any drawn one.
    pub fn on_demand(&mut self, mut response: Response) -> Response {
        self.fault = None;
        let name = format!("{} on demand", response.status().as_u16());
        insert(&mut response, FAULT_HEADER, &name);
        response
    }
}

impl FaultDraws {
    /// The plan's rules, each route resolved to its operations.
    pub fn new(graph: &Graph, plan: &FaultPlan) -> Result<FaultDraws, UnknownRoute> {
        let rules = plan
            .rules
            .iter()
            .map(|rule| match &rule.route {
                None => Ok((rule.clone(), None)),
                Some(route) => match graph.select(route) {
                    ops if ops.is_empty() => Err(UnknownRoute(route.clone())),
                    ops => Ok((rule.clone(), Some(ops))),
                },
            })
            .collect::<Result<Vec<_>, _>>()?;
        let windows = rules.iter().map(|_| Mutex::default()).collect();
        Ok(FaultDraws {
            seed: plan.seed,
            rules,
            streams: Mutex::default(),
            windows,
        })
    }

    /// The plan these draws follow.
    pub fn plan(&self) -> FaultPlan {
        FaultPlan {
            seed: self.seed,
            rules: self.rules.iter().map(|(rule, _)| rule.clone()).collect(),
        }
    }

    /// What a request to operation `op` (named `name`) meets; `retry_after`
    /// is the server's own `Retry-After` for a drawn 429 or 503.
    pub fn draw(&self, op: usize, name: &str, retry_after: u64) -> Verdict {
        let mut verdict = Verdict::default();
        if self.rules.is_empty() {
            return verdict;
        }
        let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
        for (r, (rule, ops)) in self.rules.iter().enumerate() {
            if ops.as_ref().is_some_and(|ops| !ops.contains(&op)) {
                continue;
            }
            let seed = self.seed;
            let rng = stream(&mut streams, seed, r, op);
            match rule.kind {
                RuleKind::Status { status, rate } => {
                    // Drawn whether or not another rule answered: each
                    // rule's sequence is its own.
                    let hit = rng.f64() < rate;
                    if hit && verdict.fault.is_none() {
                        let fault = Fault {
                            status,
                            retry_after: matches!(status, 429 | 503).then_some(retry_after),
                            ..Fault::throttle(1)
                        };
                        let mut response = fault.response(name, retry_after);
                        insert(
                            &mut response,
                            FAULT_HEADER,
                            &format!("{status} by {rule} (seed {seed})"),
                        );
                        verdict.fault = Some(response);
                    }
                }
                RuleKind::Latency { min_ms, max_ms, rate } => {
                    let hit = rng.f64() < rate;
                    let ms = rng.u64(min_ms..=max_ms);
                    if hit {
                        verdict.delay += Duration::from_millis(ms);
                        verdict.header(FAULT_HEADER, format!("latency {ms} ms by {rule} (seed {seed})"));
                    }
                }
                RuleKind::Limit { requests, window_secs } => {
                    self.limit(r, requests, window_secs, rule, name, &mut verdict);
                }
                // Drawn for upload ranges only (`drop_range`).
                RuleKind::DropRange { .. } => {}
            }
        }
        verdict
    }

    /// Whether a range sent to an upload session that operation `op` opened
    /// is dropped: the fault's name for `x-mock-fault` if so.
    pub fn drop_range(&self, op: usize) -> Option<String> {
        let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
        let mut dropped = None;
        for (r, (rule, ops)) in self.rules.iter().enumerate() {
            let RuleKind::DropRange { rate } = rule.kind else {
                continue;
            };
            if ops.as_ref().is_some_and(|ops| !ops.contains(&op)) {
                continue;
            }
            let seed = self.seed;
            let rng = stream(&mut streams, seed, r, op);
            if rng.f64() < rate && dropped.is_none() {
                dropped = Some(format!("range dropped by {rule} (seed {seed})"));
            }
        }
        dropped
    }

    /// Counts the request in its rule's window; past the limit, a 429 with
    /// the throttling headers Graph sends. Every answer the rule covers
    /// carries `x-ms-resource-unit: 1` (the resource units the request
    /// cost); from 80% of the limit on, `x-ms-throttle-limit-percentage`
    /// (the use over the limit, `0.8` to `1.8`, one decimal) and
    /// `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds
    /// to the window's end) as SharePoint and OneDrive send them; past the
    /// limit, a 429 with `Retry-After` equal to `RateLimit-Reset`,
    /// `x-ms-throttle-scope` and `x-ms-throttle-information`.
    fn limit(&self, r: usize, requests: u32, window_secs: u64, rule: &FaultRule, name: &str, verdict: &mut Verdict) {
        let now = Instant::now();
        let window = Duration::from_secs(window_secs);
        let mut w = self.windows[r].lock().unwrap_or_else(PoisonError::into_inner);
        let start = match w.start {
            Some(start) if now.duration_since(start) < window => start,
            _ => {
                w.count = 0;
                now
            }
        };
        w.start = Some(start);
        // Throttled requests count too: Graph goes on logging use while it throttles.
        w.count = w.count.saturating_add(1);
        let reset = (window - now.duration_since(start)).as_secs_f64().ceil().max(1.0) as u64;
        let used = f64::from(w.count) / f64::from(requests.max(1));
        verdict.header("x-ms-resource-unit", 1);
        if used >= USAGE_HEADERS_FROM {
            verdict.header("x-ms-throttle-limit-percentage", format!("{:.1}", used.min(1.8)));
            verdict.header("ratelimit-limit", requests);
            verdict.header("ratelimit-remaining", requests.saturating_sub(w.count));
            verdict.header("ratelimit-reset", reset);
        }
        if w.count > requests && verdict.fault.is_none() {
            let fault = Fault {
                retry_after: Some(reset),
                ..Fault::throttle(1)
            };
            let mut response = fault.response(name, reset);
            insert(&mut response, "x-ms-throttle-scope", THROTTLE_SCOPE);
            insert(&mut response, "x-ms-throttle-information", "ResourceUnitLimitExceeded");
            let fault = format!("429 by {rule} ({} requests in the window)", w.count);
            insert(&mut response, FAULT_HEADER, &fault);
            verdict.fault = Some(response);
        }
    }
}

fn insert(response: &mut Response, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(HeaderName::from_static(name), value);
    }
}

/// The seed of one rule's PRNG for one operation.
/// The draws of rule `rule` on operation `op`, made on first use.
fn stream(
    streams: &mut HashMap<(usize, usize), fastrand::Rng>,
    seed: u64,
    rule: usize,
    op: usize,
) -> &mut fastrand::Rng {
    streams
        .entry((rule, op))
        .or_insert_with(|| fastrand::Rng::with_seed(stream_seed(seed, rule, op)))
}

fn stream_seed(seed: u64, rule: usize, op: usize) -> u64 {
    seed ^ (rule as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (op as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(seed: u64, rules: &[&str]) -> FaultDraws {
        let plan = FaultPlan::parse(seed, rules.iter().copied()).unwrap();
        let rules = plan.rules.iter().map(|r| (r.clone(), None)).collect::<Vec<_>>();
        let windows = rules.iter().map(|_| Mutex::default()).collect();
        FaultDraws {
            seed,
            rules,
            streams: Mutex::default(),
            windows,
        }
    }

    fn statuses(d: &FaultDraws, op: usize, n: usize) -> Vec<u16> {
        (0..n)
            .map(|_| d.draw(op, "ListUsers", 1).fault.map_or(200, |f| f.status().as_u16()))
            .collect()
    }

    #[test]
    fn one_seed_gives_one_sequence_per_route_whatever_else_is_asked() {
        let a = draws(7, &["503:30%"]);
        let b = draws(7, &["503:30%"]);
        let first = statuses(&a, 1, 40);
        // Requests to another route in between change nothing for route 1.
        let second: Vec<u16> = (0..40)
            .map(|_| {
                b.draw(2, "Other", 1);
                b.draw(1, "ListUsers", 1).fault.map_or(200, |f| f.status().as_u16())
            })
            .collect();
        assert_eq!(first, second);
        assert!(first.contains(&503) && first.contains(&200), "{first:?}");
        assert_ne!(
            first,
            statuses(&draws(8, &["503:30%"]), 1, 40),
            "another seed, other faults"
        );
    }

    #[test]
    fn a_limit_answers_429_past_its_count_with_throttling_headers() {
        let d = draws(0, &["limit:3/1h"]);
        let verdicts: Vec<Verdict> = (0..5).map(|_| d.draw(0, "ListUsers", 1)).collect();
        let got: Vec<bool> = verdicts.iter().map(|v| v.fault.is_some()).collect();
        assert_eq!(got, [false, false, false, true, true]);
        let header = |v: &Verdict, name: &str| {
            v.headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.to_str().unwrap().to_string())
        };
        assert_eq!(header(&verdicts[0], "ratelimit-remaining"), None, "below 80%");
        assert_eq!(header(&verdicts[0], "x-ms-resource-unit").as_deref(), Some("1"));
        assert_eq!(header(&verdicts[0], "x-ms-throttle-limit-percentage"), None);
        assert_eq!(header(&verdicts[2], "ratelimit-remaining").as_deref(), Some("0"));
        assert_eq!(
            header(&verdicts[2], "x-ms-throttle-limit-percentage").as_deref(),
            Some("1.0")
        );
        let fault = verdicts[3].fault.as_ref().unwrap();
        assert!(fault.headers().contains_key("x-ms-throttle-scope"));
        assert_eq!(fault.status(), 429);
        let retry: u64 = fault.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((3000..=3600).contains(&retry), "the window's end: {retry}");
    }
}
