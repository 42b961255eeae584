//! Seeded faults of the local Graph over 127.0.0.1 (`Options::faults`): a
//! share of 429, 503 and 504 answers per route or on every route, the same
//! sequence for the same seed; added latency; a limit per window answered
//! with Graph's throttling headers; each fault named in `x-mock-fault`.

use msgraph_mock::{FaultPlan, Graph, Options, Server, FAULT_HEADER};
use reqwest::blocking::{Client, Response};
use serde_json::Value;

fn start(seed: u64, rules: &[&str]) -> Server {
    tests::mock_with_faults(seed, rules)
}

const USER: &str = "/users/11111111-0000-0000-0000-000000000001";

fn get(client: &Client, server: &Server, path: &str) -> Response {
    client
        .get(format!("{}{path}", server.url()))
        .bearer_auth("local")
        .send()
        .unwrap()
}

fn header(response: &Response, name: &str) -> Option<String> {
    response.headers().get(name).map(|v| v.to_str().unwrap().to_string())
}

/// The statuses of `n` requests to each path in turn, and the fault headers.
fn run(server: &Server, paths: &[&str], n: usize) -> Vec<(u16, Option<String>)> {
    let client = Client::new();
    (0..n)
        .flat_map(|_| paths.iter().copied())
        .map(|path| {
            let response = get(&client, server, path);
            (response.status().as_u16(), header(&response, FAULT_HEADER))
        })
        .collect()
}

#[test]
fn one_seed_gives_one_sequence_of_503s_and_504s() {
    let rules = ["503:30%@GET /users", "504:30%@GET /users"];
    let first = run(&start(7, &rules), &["/users"], 30);
    let again = run(&start(7, &rules), &["/users"], 30);
    assert_eq!(first, again, "the same seed, the same faults");
    let statuses: Vec<u16> = first.iter().map(|(s, _)| *s).collect();
    for status in [200, 503, 504] {
        assert!(statuses.contains(&status), "{status} in {statuses:?}");
    }
    for (status, fault) in &first {
        match status {
            200 => assert_eq!(fault, &None),
            _ => assert!(
                fault
                    .as_deref()
                    .is_some_and(|f| f.starts_with(&format!("{status} by {status}:30%@GET /users"))),
                "{status}: {fault:?}"
            ),
        }
    }
    let other: Vec<u16> = run(&start(8, &rules), &["/users"], 30)
        .iter()
        .map(|(s, _)| *s)
        .collect();
    assert_ne!(statuses, other, "another seed, another sequence");
}

#[test]
fn a_route_s_sequence_does_not_depend_on_the_other_routes_asked() {
    let rules = ["503:40%"];
    let alone: Vec<(u16, Option<String>)> = run(&start(3, &rules), &["/users"], 20);
    let mixed = run(&start(3, &rules), &["/users", USER], 20);
    let users_in_mixed: Vec<_> = mixed.iter().step_by(2).cloned().collect();
    assert_eq!(alone, users_in_mixed);
    assert!(
        mixed.iter().skip(1).step_by(2).any(|(s, _)| *s == 503),
        "a rule without a route covers every route"
    );
}

#[test]
fn a_drawn_429_carries_retry_after_and_graph_s_error() {
    let server = start(1, &["429:50%"]);
    let client = Client::new();
    let throttled = (0..20)
        .map(|_| get(&client, &server, "/users"))
        .find(|r| r.status() == 429)
        .expect("a 429 among 20 requests at 50%");
    assert_eq!(header(&throttled, "retry-after").as_deref(), Some("1"));
    let body: Value = throttled.json().unwrap();
    assert_eq!(body["error"]["code"], "TooManyRequests");
}

#[test]
fn latency_is_added_where_a_rule_says_and_named() {
    let server = start(0, &["latency:5-20ms@GET /users"]);
    let client = Client::new();
    let slow = get(&client, &server, "/users");
    assert_eq!(slow.status(), 200);
    let fault = header(&slow, FAULT_HEADER).expect("the latency is named");
    let ms: u64 = fault
        .strip_prefix("latency ")
        .and_then(|f| f.split(' ').next())
        .and_then(|ms| ms.parse().ok())
        .expect("latency N ms");
    assert!((5..=20).contains(&ms), "{fault}");
    assert_eq!(header(&get(&client, &server, USER), FAULT_HEADER), None);
}

#[test]
fn a_limit_per_window_throttles_with_graph_s_headers() {
    let server = start(0, &["limit:3/1h@GET /users"]);
    let client = Client::new();
    let responses: Vec<Response> = (0..5).map(|_| get(&client, &server, "/users")).collect();
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let remaining: Vec<Option<String>> = responses.iter().map(|r| header(r, "ratelimit-remaining")).collect();
    assert_eq!(
        remaining[..3],
        [None, None, Some("0".into())],
        "from 80% of the limit on"
    );
    let throttled = &responses[3];
    let retry: u64 = header(throttled, "retry-after").unwrap().parse().unwrap();
    assert!(retry > 60, "until the hour's window ends: {retry}");
    assert!(header(throttled, "x-ms-throttle-scope").is_some());
    assert_eq!(
        header(throttled, "x-ms-throttle-information").as_deref(),
        Some("ResourceUnitLimitExceeded")
    );
    assert_eq!(
        header(throttled, "x-ms-throttle-limit-percentage").as_deref(),
        Some("1.3")
    );
    assert!(header(throttled, FAULT_HEADER)
        .unwrap()
        .starts_with("429 by limit:3/3600s@GET /users"));
    // Another route is not counted.
    assert_eq!(get(&client, &server, USER).status(), 200);
}

/// The throttling headers of a limit, value by value, as the service sends
/// them: `x-ms-resource-unit` on each answer; from 80% of the limit on
/// `x-ms-throttle-limit-percentage` (use over the limit, one decimal, 0.8
/// to 1.8) and `RateLimit-Limit`/`-Remaining`/`-Reset`; on the 429,
/// `Retry-After` equal to `RateLimit-Reset`, `x-ms-throttle-scope` as
/// `Scope/Limit/ApplicationId/TenantId` and `x-ms-throttle-information`.
#[test]
fn throttling_headers_have_the_service_s_values() {
    let server = start(0, &["limit:5/1h@GET /users"]);
    let client = Client::new();
    let responses: Vec<Response> = (0..11).map(|_| get(&client, &server, "/users")).collect();
    let all = |name: &str| -> Vec<Option<String>> { responses.iter().map(|r| header(r, name)).collect() };
    let some = |values: &[&str]| -> Vec<Option<String>> { values.iter().map(|v| Some(v.to_string())).collect() };
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
    assert_eq!(all("x-ms-resource-unit"), some(&["1"; 11]));
    let mut percentage = vec![None, None, None];
    percentage.extend(some(&["0.8", "1.0", "1.2", "1.4", "1.6", "1.8", "1.8", "1.8"]));
    assert_eq!(all("x-ms-throttle-limit-percentage"), percentage);
    let mut limit = vec![None, None, None];
    limit.extend(some(&["5"; 8]));
    assert_eq!(all("ratelimit-limit"), limit);
    let mut remaining = vec![None, None, None];
    remaining.extend(some(&["1", "0", "0", "0", "0", "0", "0", "0"]));
    assert_eq!(all("ratelimit-remaining"), remaining);
    for response in &responses[..3] {
        assert_eq!(header(response, "ratelimit-reset"), None);
    }
    for response in &responses[3..] {
        let reset: u64 = header(response, "ratelimit-reset").unwrap().parse().unwrap();
        assert!((1..=3600).contains(&reset), "seconds to the hour window's end: {reset}");
    }
    for response in &responses[..5] {
        for name in ["retry-after", "x-ms-throttle-scope", "x-ms-throttle-information"] {
            assert_eq!(header(response, name), None, "{name} only when throttled");
        }
    }
    for throttled in &responses[5..] {
        assert_eq!(header(throttled, "retry-after"), header(throttled, "ratelimit-reset"));
        let scope = header(throttled, "x-ms-throttle-scope").unwrap();
        let parts: Vec<&str> = scope.split('/').collect();
        assert_eq!(parts[..2], ["Tenant_Application", "ReadWrite"], "{scope}");
        let guid = |id: &str| {
            id.len() == 36
                && id.char_indices().all(|(i, c)| match i {
                    8 | 13 | 18 | 23 => c == '-',
                    _ => c.is_ascii_hexdigit(),
                })
        };
        assert!(parts[2..].iter().all(|id| guid(id)), "{scope}");
        assert_eq!(parts.len(), 4, "{scope}");
        assert_eq!(
            header(throttled, "x-ms-throttle-information").as_deref(),
            Some("ResourceUnitLimitExceeded")
        );
    }
}

#[test]
fn a_fault_set_on_demand_says_so() {
    let server = start(0, &[]);
    server.throttle("GET /users", 1).unwrap();
    let response = get(&Client::new(), &server, "/users");
    assert_eq!(response.status(), 429);
    assert_eq!(header(&response, FAULT_HEADER).as_deref(), Some("429 on demand"));
}

#[test]
fn a_fault_set_on_demand_is_given_in_place_of_a_drawn_one() {
    let server = start(0, &["503@GET /users"]);
    server.throttle("GET /users", 1).unwrap();
    let client = Client::new();
    let response = get(&client, &server, "/users");
    assert_eq!(response.status(), 429);
    let faults: Vec<&str> = response
        .headers()
        .get_all(FAULT_HEADER)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(faults, ["429 on demand"]);
    assert_eq!(get(&client, &server, "/users").status(), 503);
}

#[test]
fn a_rule_naming_no_route_stops_the_start() {
    let dir = tests::root().join("tests/tests/fixtures/mock");
    let graph = Graph::load(&dir, None).unwrap();
    let faults = FaultPlan::parse(0, ["503@GET /no/such/route"]).unwrap();
    let error = Server::start(
        graph,
        Options {
            faults,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("GET /no/such/route"), "{error}");
}

/// Seeded rules set over HTTP while the server runs (`/$mock/fault-rules`),
/// in the `--faults` syntax: the same plan posted again gives the same
/// faults from there on; `DELETE` clears them; a rule that does not read,
/// or names no documented route, is a 400 and changes nothing.
#[test]
fn fault_rules_set_over_http_while_running_are_seeded() {
    let server = start(0, &[]);
    let client = Client::new();
    let rules_url = format!("http://{}{}", server.addr(), msgraph_mock::FAULT_RULES_PATH);
    let post = |body: Value| client.post(&rules_url).json(&body).send().unwrap();
    assert_eq!(run(&server, &["/users"], 5), vec![(200, None); 5], "no rules yet");

    let plan = serde_json::json!({"seed": 7, "rules": ["503:30%@GET /users", "504:30%@GET /users"]});
    assert_eq!(post(plan.clone()).status(), 204);
    let first = run(&server, &["/users"], 30);
    let statuses: Vec<u16> = first.iter().map(|(s, _)| *s).collect();
    for status in [200, 503, 504] {
        assert!(statuses.contains(&status), "{status} in {statuses:?}");
    }
    assert!(
        first.iter().all(|(s, f)| (*s == 200) == f.is_none()),
        "each fault is named: {first:?}"
    );
    // The same plan again: fresh streams, the same sequence, as `--faults`
    // with `--fault-seed 7` gives from the start.
    assert_eq!(post(plan.clone()).status(), 204);
    assert_eq!(run(&server, &["/users"], 30), first);
    assert_eq!(
        run(
            &start(7, &["503:30%@GET /users", "504:30%@GET /users"]),
            &["/users"],
            30
        ),
        first,
        "the same faults as the rules given at start"
    );

    let shown: Value = client.get(&rules_url).send().unwrap().json().unwrap();
    assert_eq!(shown["seed"], 7);
    assert_eq!(shown["rules"][0], "503:30%@GET /users");

    for (bad, says) in [
        (serde_json::json!({"seed": 1, "rules": ["302"]}), "400-599"),
        (serde_json::json!({"rules": ["503@GET /nowhere"]}), "/nowhere"),
        (serde_json::json!({"rule": ["503"]}), "unknown field"),
    ] {
        let response = post(bad.clone());
        assert_eq!(response.status(), 400, "{bad}");
        let error: Value = response.json().unwrap();
        let message = error["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{bad}: {message}");
        assert_eq!(error["error"]["target"], "rules");
    }
    let shown: Value = client.get(&rules_url).send().unwrap().json().unwrap();
    assert_eq!(shown["seed"], 7, "a refused plan changes nothing");

    assert_eq!(client.delete(&rules_url).send().unwrap().status(), 204);
    assert_eq!(run(&server, &["/users"], 10), vec![(200, None); 10], "cleared");
    let shown: Value = client.get(&rules_url).send().unwrap().json().unwrap();
    assert_eq!(shown["rules"], serde_json::json!([]));

    // From code, the same.
    let plan = FaultPlan::parse(7, ["503:30%@GET /users", "504:30%@GET /users"]).unwrap();
    server.set_fault_plan(&plan).unwrap();
    assert_eq!(run(&server, &["/users"], 30), first);
}
