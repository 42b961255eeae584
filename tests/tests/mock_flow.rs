//! The local Graph (`msgraph-mock`) in-process on 127.0.0.1, driven with a
//! plain HTTP client as an application would drive Graph: built from the
//! small user and group pages in `fixtures/mock/`.

use msgraph_mock::{Graph, Options, Server};
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn graph() -> Graph {
    let dir = tests::root().join("tests/tests/fixtures/mock");
    Graph::load(&dir, None).expect("the fixture pages load")
}

fn start(options: Options) -> Server {
    Server::start(graph(), options).expect("the server starts on 127.0.0.1")
}

/// A client that does not follow redirects (a documented 302 leads off this machine).
fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn authorized(request: RequestBuilder) -> RequestBuilder {
    request.header("Authorization", "Bearer local-token")
}

fn json_of(response: Response) -> Value {
    response.json().expect("a JSON body")
}

/// Every page of a collection, following `@odata.nextLink`; the pages' sizes.
fn all_pages(client: &Client, first: &str) -> (Vec<Value>, Vec<usize>) {
    let (mut items, mut sizes) = (Vec::new(), Vec::new());
    let mut next = Some(first.to_string());
    while let Some(url) = next.take() {
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "a next link to this server: {url}"
        );
        let response = authorized(client.get(&url)).send().unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        let page = json_of(response);
        let value = page["value"].as_array().expect("a collection page").clone();
        sizes.push(value.len());
        items.extend(value);
        next = page["@odata.nextLink"].as_str().map(str::to_string);
        assert!(sizes.len() < 20, "paging ends");
    }
    (items, sizes)
}

fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|u| u["id"].as_str().unwrap()).collect()
}

#[test]
fn a_realistic_flow_lists_creates_updates_deletes_and_retries() {
    let server = start(Options {
        stateful: true,
        ..Options::default()
    });
    let client = client();
    let base = server.url();

    // List with paging: five documented users, two a page.
    let (users, sizes) = all_pages(&client, &format!("{base}/users?$top=2&$select=id,displayName"));
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(
        ids(&users),
        [
            "11111111-0000-0000-0000-000000000001",
            "11111111-0000-0000-0000-000000000002",
            "11111111-0000-0000-0000-000000000003",
            "11111111-0000-0000-0000-000000000004",
            "11111111-0000-0000-0000-000000000005"
        ]
    );

    // Create: 201, a Location, and the entity readable at its key path.
    let created = authorized(client.post(format!("{base}/users")))
        .json(&json!({
            "accountEnabled": true,
            "displayName": "Nestor Wilke",
            "mailNickname": "NestorW",
            "userPrincipalName": "NestorW@contoso.onmicrosoft.com",
            "passwordProfile": {"forceChangePasswordNextSignIn": true, "password": "x1!Pa55word"}
        }))
        .send()
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    let created = json_of(created);
    let id = created["id"].as_str().expect("the new user has an id").to_string();
    assert_eq!(location, format!("{base}/users/{id}"));
    assert_eq!(created["displayName"], "Nestor Wilke");
    let read = json_of(authorized(client.get(&location)).send().unwrap());
    assert_eq!(read["displayName"], "Nestor Wilke");
    assert_eq!(read["mailNickname"], "NestorW");
    let (users, _) = all_pages(&client, &format!("{base}/users?$top=4"));
    assert_eq!(users.len(), 6, "the list holds the new user");
    assert_eq!(ids(&users)[5], id);

    // Update: the page's 204, and the change is read back.
    let updated = authorized(client.patch(&location))
        .json(&json!({"jobTitle": "Product Manager"}))
        .send()
        .unwrap();
    assert_eq!(updated.status(), StatusCode::NO_CONTENT);
    let read = json_of(authorized(client.get(&location)).send().unwrap());
    assert_eq!(read["jobTitle"], "Product Manager");
    assert_eq!(read["displayName"], "Nestor Wilke");

    // A documented user changes too, starting from its documented answer.
    let adele = format!("{base}/users/11111111-0000-0000-0000-000000000001");
    let updated = authorized(client.patch(&adele))
        .json(&json!({"jobTitle": "Sales Manager"}))
        .send()
        .unwrap();
    assert_eq!(updated.status(), StatusCode::NO_CONTENT);
    let read = json_of(authorized(client.get(&adele)).send().unwrap());
    assert_eq!(
        (read["jobTitle"].as_str(), read["mail"].as_str()),
        (Some("Sales Manager"), Some("AdeleV@contoso.onmicrosoft.com"))
    );

    // Delete: 204, then 404 for a read and for a second delete; gone from the list.
    let deleted = authorized(client.delete(&location)).send().unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let gone = authorized(client.get(&location)).send().unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    assert_eq!(json_of(gone)["error"]["code"], "ResourceNotFound");
    assert_eq!(
        authorized(client.delete(&location)).send().unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        authorized(client.delete(&adele)).send().unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let (users, _) = all_pages(&client, &format!("{base}/users?$top=10"));
    assert_eq!(ids(&users).len(), 4);
    assert!(!ids(&users).contains(&id.as_str()) && !ids(&users).contains(&"11111111-0000-0000-0000-000000000001"));

    // A throttled call: 429 with Retry-After once, then the answer.
    server.throttle("GET /users", 1).unwrap();
    let throttled = authorized(client.get(format!("{base}/users"))).send().unwrap();
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.headers()["retry-after"], "1");
    assert_eq!(json_of(throttled)["error"]["code"], "TooManyRequests");
    let retried = authorized(client.get(format!("{base}/users"))).send().unwrap();
    assert_eq!(retried.status(), StatusCode::OK);
    assert!(server.throttle("NoSuchOperation", 1).is_err());
    server.shutdown().unwrap();
}

#[test]
fn requests_are_checked_against_the_documentation() {
    let server = start(Options::default());
    let client = client();
    let base = server.url();

    let anonymous = client.get(format!("{base}/users")).send().unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json_of(anonymous)["error"]["code"], "InvalidAuthenticationToken");

    // An unknown path: 404 naming the nearest documented paths.
    let unknown = authorized(client.get(format!("{base}/usres/11111111-0000-0000-0000-000000000001")))
        .send()
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let error = json_of(unknown)["error"].clone();
    assert_eq!(error["code"], "ResourceNotFound");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("`/usres/11111111-0000-0000-0000-000000000001`"),
        "{message}"
    );
    let nearest: Vec<&str> = error["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    // Three different paths, the misspelt one first.
    assert_eq!(nearest.len(), 3);
    assert_eq!(nearest[0], "GET /users/{id | userPrincipalName}");
    assert!(nearest[1..].iter().all(|n| *n != nearest[0]), "{nearest:?}");
    assert!(message.contains("GET /users/{id | userPrincipalName}"), "{message}");

    // A documented path with another method: 405.
    let put = authorized(client.put(format!("{base}/users"))).send().unwrap();
    assert_eq!(put.status(), StatusCode::METHOD_NOT_ALLOWED);

    // Bodies: a property the type lacks, a wrong JSON type, nested; not JSON at all.
    let post = |body: &str| {
        let response = authorized(client.post(format!("{base}/users")))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        json_of(response)["error"].clone()
    };
    let error = post(r#"{"displayName": "A", "displayNme": "B"}"#);
    assert_eq!(error["target"], "displayNme");
    assert_eq!(
        error["message"],
        "property `displayNme` does not exist on type `microsoft.graph.user`"
    );
    let error = post(r#"{"accountEnabled": "yes"}"#);
    assert_eq!(error["target"], "accountEnabled");
    assert_eq!(
        error["message"],
        "property `accountEnabled` is the string \"yes\", not a Boolean"
    );
    let error = post(r#"{"passwordProfile": {"password": 12345}}"#);
    assert_eq!(error["target"], "passwordProfile.password");
    let error = post(r#"{"businessPhones": "+1 425 555 0109"}"#);
    assert_eq!(error["target"], "businessPhones");
    let error = post("{not json");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .starts_with("the request body is not JSON"));
    // An open type (`"openType": true` on its page, `OpenType="true"` in
    // metadata) takes properties it does not declare; its declared ones are
    // still checked.
    let open = |body: Value| {
        authorized(client.post(format!("{base}/users")))
            .json(&body)
            .send()
            .unwrap()
    };
    let dynamic = open(json!({"displayName": "A", "passwordProfile": {"password": "x", "policyHint": 3}}));
    assert_eq!(dynamic.status(), StatusCode::CREATED);
    let declared = open(json!({"passwordProfile": {"password": 12345, "policyHint": 3}}));
    assert_eq!(declared.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json_of(declared)["error"]["target"], "passwordProfile.password");
    // Annotations and binds are not properties.
    let ok = authorized(client.post(format!("{base}/users")))
        .json(&json!({"displayName": "A", "@odata.type": "#microsoft.graph.user", "manager@odata.bind": "x"}))
        .send()
        .unwrap();
    assert_eq!(ok.status(), StatusCode::CREATED);
    assert_eq!(server.request_count(), 11);
}

/// An encoded `/` stays inside its segment, as the shared URL matcher reads
/// it: `/users/team%2Fadele` is the user `team/adele`, routed to
/// `/users/{id}`; `/users/team/adele` is a path nothing documents. The state
/// keeps the two ids apart, whatever the case of the escape.
#[test]
fn an_encoded_slash_stays_inside_its_segment() {
    let server = start(Options {
        stateful: true,
        ..Options::default()
    });
    let client = client();
    let base = server.url();
    let get = |path: &str| authorized(client.get(format!("{base}{path}"))).send().unwrap();
    // With state on, a user is found by its keys: one whose principal name holds a `/`.
    let created = authorized(client.post(format!("{base}/users")))
        .json(&json!({"displayName": "Adele", "userPrincipalName": "team/adele"}))
        .send()
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);

    let user = get("/users/team%2Fadele");
    assert_eq!(user.status(), StatusCode::OK);
    assert_eq!(user.headers()["x-mock-operation"], "GetUser");
    let photo = get("/users/team%2Fadele/photo/$value");
    assert_eq!(photo.status(), StatusCode::OK);
    assert_eq!(photo.headers()["content-type"], "image/jpeg");
    assert_eq!(get("/users/team/adele").status(), StatusCode::NOT_FOUND);

    let patched = authorized(client.patch(format!("{base}/users/team%2Fadele")))
        .json(&json!({"jobTitle": "Slash"}))
        .send()
        .unwrap();
    assert!(patched.status().is_success(), "{}", patched.status());
    assert_eq!(json_of(get("/users/team%2fadele"))["jobTitle"], "Slash");
    assert_ne!(json_of(get("/users/team"))["jobTitle"], "Slash");
    assert_ne!(json_of(get("/users/adele"))["jobTitle"], "Slash");
}

#[test]
fn without_state_every_route_answers_its_example() {
    let server = start(Options::default());
    let client = client();
    let base = server.url();
    let get = |path: &str| authorized(client.get(format!("{base}{path}"))).send().unwrap();

    // Any id answers the documented user; the documented request its documented body.
    let user = get("/users/someone@contoso.onmicrosoft.com");
    assert_eq!(user.status(), StatusCode::OK);
    assert_eq!(user.headers()["x-mock-operation"], "GetUser");
    let page = std::fs::read_to_string(tests::root().join("tests/tests/fixtures/mock/api/user-get.md")).unwrap();
    let line = 1 + page.lines().position(|l| l.starts_with("GET https://")).unwrap();
    assert_eq!(
        user.headers()["x-mock-example"],
        format!("api/user-get.md:{line}").as_str()
    );
    assert_eq!(json_of(user)["displayName"], "Adele Vance");
    // Without $top the documented list comes whole.
    assert_eq!(json_of(get("/users"))["value"].as_array().unwrap().len(), 5);
    // A cast, a function call, `$value` content and a function parameter.
    let groups = json_of(get(
        "/users/11111111-0000-0000-0000-000000000002/memberOf/microsoft.graph.group",
    ));
    assert_eq!(groups["value"][0]["displayName"], "Sales");
    let delta = get("/users/delta()");
    assert_eq!(delta.headers()["x-mock-operation"], "UsersDelta");
    let photo = get("/users/11111111-0000-0000-0000-000000000001/photo/$value");
    assert_eq!(photo.headers()["content-type"], "image/jpeg");
    assert_eq!(photo.text().unwrap(), "Binary data for the image");
    let report = get("/reports/getEmailActivityCounts(period='D30')");
    assert_eq!(report.status(), StatusCode::FOUND);
    assert!(report.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("https://reports.office.com/"));
    // `$ref`, and the same documented answer however often.
    for _ in 0..2 {
        let removed = authorized(client.delete(format!(
            "{base}/groups/22222222-0000-0000-0000-000000000001/members/11111111-0000-0000-0000-000000000002/$ref"
        )))
        .send()
        .unwrap();
        assert_eq!(removed.status(), StatusCode::NO_CONTENT);
        assert_eq!(removed.headers()["x-mock-operation"], "RemoveGroupMemberRef");
        let deleted = authorized(client.delete(format!("{base}/users/11111111-0000-0000-0000-000000000001")))
            .send()
            .unwrap();
        assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    }
    // The version prefix is optional; a client-request-id comes back.
    let bare = authorized(client.get(format!("http://{}/users/delta()", server.addr())))
        .header("client-request-id", "abc-123")
        .send()
        .unwrap();
    assert_eq!(bare.status(), StatusCode::OK);
    assert_eq!(bare.headers()["client-request-id"], "abc-123");
}

#[test]
fn a_request_documented_with_several_answers_picks_one_by_x_mock_example() {
    // Two pages document `GET /users/{id}` with the same URL: a member and a guest.
    let server = start(Options::default());
    let client = client();
    let url = format!("{}/users/11111111-0000-0000-0000-000000000001", server.url());
    let get = |example: Option<&str>| {
        let mut request = authorized(client.get(&url));
        if let Some(example) = example {
            request = request.header(msgraph_mock::EXAMPLE_HEADER, example);
        }
        request.send().unwrap()
    };
    let line = |page: &str| {
        let text = std::fs::read_to_string(tests::root().join("tests/tests/fixtures/mock").join(page)).unwrap();
        1 + text.lines().position(|l| l.starts_with("GET https://")).unwrap()
    };
    let (member, guest) = (
        format!("api/user-get.md:{}", line("api/user-get.md")),
        format!("api/user-get-guest.md:{}", line("api/user-get-guest.md")),
    );

    // Unasked, the operation's own page answers, and says which example it was.
    let plain = get(None);
    assert_eq!(plain.headers()["x-mock-example"], member.as_str());
    assert_eq!(json_of(plain)["displayName"], "Adele Vance");
    // Asked by page and line, or by page alone, the other example answers.
    for ask in [guest.as_str(), "api/user-get-guest.md"] {
        let answer = get(Some(ask));
        assert_eq!(answer.status(), StatusCode::OK, "{ask}");
        assert_eq!(answer.headers()["x-mock-operation"], "GetUser");
        assert_eq!(answer.headers()["x-mock-example"], guest.as_str());
        assert_eq!(json_of(answer)["displayName"], "Guest Reviewer");
    }
    assert_eq!(json_of(get(Some(&member)))["displayName"], "Adele Vance");
    // An example the operation does not have is a 400 listing the ones it has.
    let wrong = get(Some("api/user-get-guest.md:1"));
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    let error = json_of(wrong)["error"].clone();
    assert_eq!(error["target"], "x-mock-example");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("names no example of `GetUser`"), "{message}");
    assert!(message.contains(&member) && message.contains(&guest), "{message}");
    // An example of another operation does not reroute the request.
    let other = get(Some("api/user-list.md"));
    assert_eq!(other.status(), StatusCode::BAD_REQUEST);
}

#[test]
fn a_page_size_pages_every_collection() {
    let server = start(Options {
        page_size: Some(3),
        ..Options::default()
    });
    let (users, sizes) = all_pages(&client(), &format!("{}/users", server.url()));
    assert_eq!(sizes, [3, 2]);
    assert_eq!(users.len(), 5);
}

#[test]
fn hostile_requests_never_bring_the_server_down() {
    let server = start(Options::default());
    let client = client();
    let base = server.url();
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let cases: Vec<(reqwest::Method, String, String)> = vec![
        (
            reqwest::Method::GET,
            format!("{base}/users?$top=99999999999999999999999"),
            String::new(),
        ),
        (
            reqwest::Method::GET,
            format!("{base}/users?$top=0&$skiptoken=mock-999999999999"),
            String::new(),
        ),
        (
            reqwest::Method::GET,
            format!("{base}/users/%FF%FE/memberOf/microsoft.graph.group"),
            String::new(),
        ),
        (
            reqwest::Method::GET,
            format!("{base}/reports/getEmailActivityCounts(period='D7"),
            String::new(),
        ),
        (
            reqwest::Method::GET,
            format!("{base}/{}", "a/".repeat(2000)),
            String::new(),
        ),
        (reqwest::Method::POST, format!("{base}/users"), deep),
        (reqwest::Method::POST, format!("{base}/users"), "\u{0}\u{1}".into()),
        (reqwest::Method::PATCH, format!("{base}/users/x"), "[1,2,3]".into()),
        (reqwest::Method::OPTIONS, format!("{base}/users"), String::new()),
        (
            reqwest::Method::from_bytes(b"BREW").unwrap(),
            format!("{base}/users"),
            String::new(),
        ),
    ];
    for (method, url, body) in cases {
        let response = authorized(client.request(method.clone(), &url))
            .body(body)
            .send()
            .unwrap();
        assert!(
            response.status().is_success() || response.status().is_client_error(),
            "{method} {url}: {}",
            response.status()
        );
    }
    assert_eq!(
        authorized(client.get(format!("{base}/users"))).send().unwrap().status(),
        StatusCode::OK
    );
}

#[test]
fn the_program_under_test_sets_faults_over_http() {
    let server = start(Options::default());
    let client = client();
    let base = server.url();
    let faults = format!("http://{}{}", server.addr(), msgraph_mock::FAULTS_PATH);
    let set = |fault: Value| client.post(&faults).json(&fault).send().unwrap();

    // A 503 twice, then an HTML 502 as a gateway gives it, then the answer.
    assert_eq!(
        set(json!({ "route": "GET /users", "status": 503, "times": 2, "retryAfter": 0 })).status(),
        StatusCode::NO_CONTENT
    );
    let html = "<html><body>502 Bad Gateway</body></html>";
    set(json!({ "route": "ListUsers", "status": 502, "body": html, "contentType": "text/html" }));
    for _ in 0..2 {
        let unavailable = authorized(client.get(format!("{base}/users"))).send().unwrap();
        assert_eq!(unavailable.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(unavailable.headers()["retry-after"], "0");
        assert_eq!(json_of(unavailable)["error"]["code"], "ServiceUnavailable");
    }
    let gateway = authorized(client.get(format!("{base}/users"))).send().unwrap();
    assert_eq!(gateway.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(gateway.headers()["content-type"], "text/html");
    assert_eq!(gateway.text().unwrap(), html);
    let answered = authorized(client.get(format!("{base}/users"))).send().unwrap();
    assert_eq!(answered.status(), StatusCode::OK);

    // A route is named by its template (placeholder names aside) or by a
    // path a request would take to it.
    let id = "11111111-0000-0000-0000-000000000001";
    set(json!({ "route": "GET /users/{user-id}", "status": 404 }));
    set(json!({ "route": format!("GET /users/{id}"), "status": 409 }));
    let statuses: Vec<StatusCode> = (0..3)
        .map(|_| {
            authorized(client.get(format!("{base}/users/{id}")))
                .send()
                .unwrap()
                .status()
        })
        .collect();
    assert_eq!(statuses, [StatusCode::NOT_FOUND, StatusCode::CONFLICT, StatusCode::OK]);

    // A fault is checked: a route that is not documented, a status that is
    // not an error, a misspelt field: 400 saying which.
    let unknown = set(json!({ "route": "GET /usres", "status": 500 }));
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json_of(unknown)["error"]["target"], "route");
    let ok = set(json!({ "route": "GET /users", "status": 200 }));
    assert_eq!(json_of(ok)["error"]["target"], "status");
    let misspelt = set(json!({ "route": "GET /users", "status": 500, "tmes": 2 }));
    assert_eq!(misspelt.status(), StatusCode::BAD_REQUEST);
    assert!(json_of(misspelt)["error"]["message"].as_str().unwrap().contains("tmes"));
    server.shutdown().unwrap();
}
