// Cases of exact matching (`Matcher::find_all`), shared by the runtime's
// unit tests (`matcher_exact.rs`) and the local Graph's routing tests
// (`mock/src/route.rs`), included into both with `include!`.
//
// Each case: the request's method; the documented request lines; the
// request's path and query; the request line it is routed to (`None`:
// none of its method); the placeholder values bound, in the order written
// (segments left to right, call arguments, then the query's pairs).

/// `(method, documented lines, request, routed line, values)`.
#[allow(clippy::type_complexity)]
const CASES: &[(&str, &[&str], &str, Option<&str>, &[&str])] = &[
    (
        "GET",
        &["GET /groups/{id}/events/{id}", "GET /groups/{id}"],
        "/groups/g1/events/e1",
        Some("GET /groups/{id}/events/{id}"),
        &["g1", "e1"],
    ),
    // Letter case aside for names; the method must be the request's.
    (
        "GET",
        &["GET /users/{id | userPrincipalName}/messages", "DELETE /users/{id}"],
        "/Users/a@b.com/MESSAGES",
        Some("GET /users/{id | userPrincipalName}/messages"),
        &["a@b.com"],
    ),
    ("GET", &["DELETE /users/{id}"], "/users/u1", None, &[]),
    // A call's arguments, quotes removed and `''` undone.
    (
        "GET",
        &["GET /identityGovernance/accessReviews/definitions/{id}/instances/filterByCurrentUser(on='{value}')"],
        "/identityGovernance/accessReviews/definitions/abc/instances/filterByCurrentUser(on='it''s')",
        Some("GET /identityGovernance/accessReviews/definitions/{id}/instances/filterByCurrentUser(on='{value}')"),
        &["abc", "it's"],
    ),
    (
        "GET",
        &["GET /reports/getEmailActivityCounts(period='{period_value}')"],
        "/reports/getEmailActivityCounts(period='D7')",
        Some("GET /reports/getEmailActivityCounts(period='{period_value}')"),
        &["D7"],
    ),
    (
        "GET",
        &["GET /me/drive/items/{id}/workbook/worksheets/{id}/cell(row={row},column={column})"],
        "/me/drive/items/i1/workbook/worksheets/s1/cell(row=5,column=6)",
        Some("GET /me/drive/items/{id}/workbook/worksheets/{id}/cell(row={row},column={column})"),
        &["i1", "s1", "5", "6"],
    ),
    // A placeholder within a segment (an item path).
    (
        "GET",
        &["GET /me/drive/root:/{item-path}:/children", "GET /me/drive/root/children"],
        "/me/drive/root:/Documents:/children",
        Some("GET /me/drive/root:/{item-path}:/children"),
        &["Documents"],
    ),
    // The query's `name={placeholder}` pairs, percent-decoded.
    (
        "GET",
        &["GET /me/calendarView?startDateTime={start}&endDateTime={end}"],
        "/me/calendarView?endDateTime=2017-01-07T19%3A00%3A00-08%3A00&startDateTime=2017-01-01",
        Some("GET /me/calendarView?startDateTime={start}&endDateTime={end}"),
        &["2017-01-01", "2017-01-07T19:00:00-08:00"],
    ),
    ("GET", &["GET /me/calendarView?startDateTime={start}"], "/me/calendarView", None, &[]),
    // `$ref`, `$value`, `$count` as written: never dropped, never an alias.
    (
        "DELETE",
        &["DELETE /groups/{id}/members/{id}/$ref"],
        "/groups/g1/members/u1/$ref",
        Some("DELETE /groups/{id}/members/{id}/$ref"),
        &["g1", "u1"],
    ),
    ("GET", &["GET /users"], "/users/$count", None, &[]),
    ("GET", &["GET /users/{id}/memberOf"], "/me/memberOf", None, &[]),
    // A cast is matched as written.
    (
        "GET",
        &["GET /groups/{id}/members/microsoft.graph.user"],
        "/groups/g1/members/microsoft.graph.user",
        Some("GET /groups/{id}/members/microsoft.graph.user"),
        &["g1"],
    ),
    ("GET", &["GET /groups/{id}/members"], "/groups/g1/members/microsoft.graph.user", None, &[]),
    // A value pasted into a template is text to match, not a placeholder.
    (
        "GET",
        &["GET /domains/contoso.com/serviceConfigurationRecords"],
        "/domains/contoso.com/serviceConfigurationRecords",
        Some("GET /domains/contoso.com/serviceConfigurationRecords"),
        &[],
    ),
    (
        "GET",
        &["GET /domains/contoso.com/serviceConfigurationRecords"],
        "/domains/fabrikam.com/serviceConfigurationRecords",
        None,
        &[],
    ),
];
