//! When to try a request again: 429, 503 and 504, after the `Retry-After`
//! the service gave (seconds or an HTTP date) or else a capped exponential
//! back-off with jitter; a request that is not idempotent only when the
//! service said when to retry.

use http::{HeaderMap, Method, StatusCode};
use std::time::{Duration, SystemTime};

/// How the client retries throttled and unavailable responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0: never retry).
    pub max_retries: u32,
    /// The back-off before the first retry when the service gives no
    /// `Retry-After`; it doubles with each retry.
    pub initial_delay: Duration,
    /// The longest back-off.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; asked to wait longer, the client
    /// gives up and returns the error.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(180),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// How long to wait before retrying a response, after `retries`
    /// retries; `None` to give it back as it is.
    pub fn delay(&self, method: &Method, status: StatusCode, headers: &HeaderMap, retries: u32) -> Option<Duration> {
        if !is_retryable(status) || retries >= self.max_retries {
            return None;
        }
        match retry_after(headers, SystemTime::now()) {
            Some(wait) if wait <= self.max_retry_after => Some(wait),
            Some(_) => None,
            None if is_idempotent(method) => Some(self.backoff(retries)),
            None => None,
        }
    }

    /// The back-off before retry `retries + 1`: `initial_delay * 2^retries`
    /// capped at `max_delay`, then a random point in its upper half.
    pub fn backoff(&self, retries: u32) -> Duration {
        let full = self
            .initial_delay
            .saturating_mul(2u32.saturating_pow(retries.min(30)))
            .min(self.max_delay);
        let half = full / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// 429 Too Many Requests, 503 Service Unavailable, 504 Gateway Timeout.
pub fn is_retryable(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT
    )
}

/// Methods whose repetition has the effect of one request.
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// The wait a `Retry-After` header asks for, as seconds or an HTTP date
/// (a date in the past is no wait); `None` without a readable header.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(http::header::RETRY_AFTER, retry_after.parse().unwrap());
        h
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(retry_after(&headers("7"), now), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:30 GMT"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:27:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn only_throttling_and_unavailability_are_retried_within_the_limit() {
        let p = RetryPolicy::default();
        let none = HeaderMap::new();
        assert!(p.delay(&Method::GET, StatusCode::TOO_MANY_REQUESTS, &none, 0).is_some());
        assert!(p.delay(&Method::GET, StatusCode::GATEWAY_TIMEOUT, &none, 2).is_some());
        assert!(p
            .delay(&Method::GET, StatusCode::SERVICE_UNAVAILABLE, &none, 3)
            .is_none());
        assert!(p
            .delay(&Method::GET, StatusCode::INTERNAL_SERVER_ERROR, &none, 0)
            .is_none());
        assert!(p.delay(&Method::GET, StatusCode::NOT_FOUND, &none, 0).is_none());
        assert!(RetryPolicy::none()
            .delay(&Method::GET, StatusCode::TOO_MANY_REQUESTS, &none, 0)
            .is_none());
    }

    #[test]
    fn a_post_is_retried_only_when_the_service_says_when() {
        let p = RetryPolicy::default();
        let status = StatusCode::TOO_MANY_REQUESTS;
        assert_eq!(p.delay(&Method::POST, status, &HeaderMap::new(), 0), None);
        assert_eq!(p.delay(&Method::PATCH, status, &HeaderMap::new(), 0), None);
        assert_eq!(
            p.delay(&Method::POST, status, &headers("2"), 0),
            Some(Duration::from_secs(2))
        );
        // A wait longer than allowed is not waited for.
        assert_eq!(p.delay(&Method::GET, status, &headers("3600"), 0), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let p = RetryPolicy {
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let first = p.backoff(0);
            assert!(
                (Duration::from_millis(50)..=Duration::from_millis(100)).contains(&first),
                "{first:?}"
            );
            let third = p.backoff(2);
            assert!(
                (Duration::from_millis(200)..=Duration::from_millis(400)).contains(&third),
                "{third:?}"
            );
            let late = p.backoff(40);
            assert!(
                (Duration::from_millis(500)..=Duration::from_millis(1000)).contains(&late),
                "{late:?}"
            );
        }
    }
}
