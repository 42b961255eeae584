//! The local Graph with state on as a tenant, over 127.0.0.1: query options
//! evaluated over the state (`$filter`, `$search`, `$orderby`, `$top`/`$skip`
//! with next links, `$count`, `$select`; a 400 naming what it cannot
//! evaluate), documented entities as the starting state, unknown ids a 404,
//! lookup by each key, created entities holding only what was sent.

use msgraph_mock::{Graph, Options, Server};
use reqwest::blocking::{Client, Response};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn start() -> Server {
    let dir = tests::root().join("tests/tests/fixtures/mock");
    let graph = Graph::load(&dir, None).expect("the fixture pages load");
    Server::start(
        graph,
        Options {
            stateful: true,
            ..Options::default()
        },
    )
    .expect("the server starts on 127.0.0.1")
}

fn get(client: &Client, url: &str) -> Response {
    client.get(url).bearer_auth("local").send().unwrap()
}

fn names(body: &Value) -> Vec<&str> {
    body["value"]
        .as_array()
        .expect("a collection")
        .iter()
        .map(|u| u["displayName"].as_str().unwrap_or("-"))
        .collect()
}

fn ok(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK, "{:?}", response.url().to_string());
    response.json().unwrap()
}

#[test]
fn query_options_are_evaluated_over_the_state() {
    let server = start();
    let client = Client::new();
    let users = format!("{}/users", server.url());
    let created = client
        .post(&users)
        .bearer_auth("local")
        .json(&json!({"displayName": "Ada Lovelace", "jobTitle": "Engineer", "accountEnabled": true}))
        .send()
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);

    let q = |query: &str| ok(get(&client, &format!("{users}?{query}")));
    assert_eq!(names(&q("$filter=displayName eq 'alex wilber'")), ["Alex Wilber"]);
    assert_eq!(
        names(&q("$filter=jobTitle ne 'Designer' and startswith(displayName,'A')")),
        ["Adele Vance", "Alex Wilber", "Ada Lovelace"]
    );
    assert_eq!(
        names(&q("$filter=startswith(displayName,'G') or not(startswith(jobTitle,'M') or startswith(jobTitle,'P') or jobTitle lt 'I')")),
        ["Grady Archie", "Isaiah Langer"]
    );
    assert_eq!(names(&q("$filter=displayName gt 'H'")), ["Isaiah Langer"]);
    assert_eq!(names(&q("$search=\"displayName:LOVE\"")), ["Ada Lovelace"]);
    assert_eq!(
        names(&q("$orderby=displayName desc")),
        [
            "Isaiah Langer",
            "Grady Archie",
            "Diego Siciliani",
            "Alex Wilber",
            "Adele Vance",
            "Ada Lovelace"
        ]
    );

    // $count counts what the filter keeps, before paging; $select keeps those and id.
    let page = q("$filter=startswith(displayName,'A')&$count=true&$select=displayName&$orderby=displayName&$top=2");
    assert_eq!(page["@odata.count"], 3);
    assert_eq!(names(&page), ["Ada Lovelace", "Adele Vance"]);
    for user in page["value"].as_array().unwrap() {
        let mut keys: Vec<&String> = user.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["displayName", "id"], "{user}");
    }
    let next = page["@odata.nextLink"].as_str().expect("a next page").to_string();
    assert!(next.starts_with(&users), "{next}");
    let last = ok(get(&client, &next));
    assert_eq!(names(&last), ["Alex Wilber"]);
    assert!(last.get("@odata.nextLink").is_none());

    // $skip, then $top with a next link over what is left.
    let page = q("$orderby=displayName&$skip=4&$top=1");
    assert_eq!(names(&page), ["Grady Archie"]);
    let rest = ok(get(&client, page["@odata.nextLink"].as_str().unwrap()));
    assert_eq!(names(&rest), ["Isaiah Langer"]);

    // $select on one entity.
    let adele = q("$select=mail").clone();
    assert!(adele["value"][0].get("jobTitle").is_none());
    let one = ok(get(
        &client,
        &format!("{users}/11111111-0000-0000-0000-000000000001?$select=mail"),
    ));
    assert_eq!(
        one,
        json!({"id": "11111111-0000-0000-0000-000000000001", "mail": "AdeleV@contoso.onmicrosoft.com"})
    );
    server.shutdown().unwrap();
}

#[test]
fn a_query_the_server_cannot_evaluate_is_a_400_naming_the_option() {
    let server = start();
    let client = Client::new();
    for (query, option) in [
        ("$filter=memberOf/any(g: g/id eq '1')", "$filter"),
        ("$filter=displayName eq 'unclosed", "$filter"),
        ("$filter=displayName like 'A'", "$filter"),
        ("$orderby=displayName upwards", "$orderby"),
        ("$top=-1", "$top"),
        ("$skip=x", "$skip"),
        ("$count=yes", "$count"),
    ] {
        let response = get(&client, &format!("{}/users?{query}", server.url()));
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error: Value = response.json().unwrap();
        assert_eq!(error["error"]["code"], "BadRequest", "{query}");
        assert_eq!(error["error"]["target"], option, "{query}");
        assert!(error["error"]["message"].as_str().unwrap().contains(option), "{error}");
    }
    server.shutdown().unwrap();
}

#[test]
fn the_state_behaves_like_a_tenant() {
    let server = start();
    let client = Client::new();
    let base = server.url();

    documented_ids_found_others_missing(&client, &base);

    // A created user holds what was sent and its id, nothing from an example.
    let sent = json!({"displayName": "Nina", "userPrincipalName": "nina@contoso.com", "accountEnabled": true});
    let created = client
        .post(format!("{base}/users"))
        .bearer_auth("local")
        .json(&sent)
        .send()
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    let mut expected = sent.clone();
    expected["id"] = json!(id);
    assert_eq!(created, expected);

    // Found by each key the docs give it: id and userPrincipalName.
    assert_eq!(ok(get(&client, &format!("{base}/users/{id}"))), expected);
    assert_eq!(ok(get(&client, &format!("{base}/users/NINA@contoso.com"))), expected);

    // The documented status of an update (204), the change read back by either key.
    let patched = client
        .patch(format!("{base}/users/nina@contoso.com"))
        .bearer_auth("local")
        .json(&json!({"jobTitle": "Pilot"}))
        .send()
        .unwrap();
    assert_eq!(patched.status(), StatusCode::NO_CONTENT);
    assert_eq!(ok(get(&client, &format!("{base}/users/{id}")))["jobTitle"], "Pilot");

    // A documented user changed once appears once in the list, changed.
    let patched = client
        .patch(format!("{base}/users/11111111-0000-0000-0000-000000000002"))
        .bearer_auth("local")
        .json(&json!({"jobTitle": "Buyer"}))
        .send()
        .unwrap();
    assert_eq!(patched.status(), StatusCode::NO_CONTENT);
    let list = ok(get(&client, &format!("{base}/users")));
    let alex: Vec<&Value> = list["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["displayName"] == "Alex Wilber")
        .collect();
    assert_eq!(alex.len(), 1);
    assert_eq!(alex[0]["jobTitle"], "Buyer");

    // Deleted by its other key: gone by both.
    let deleted = client
        .delete(format!("{base}/users/nina@contoso.com"))
        .bearer_auth("local")
        .send()
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get(&client, &format!("{base}/users/{id}")).status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&client, &format!("{base}/users/nina@contoso.com")).status(),
        StatusCode::NOT_FOUND
    );
    server.shutdown().unwrap();
}

/// Documented entities under their documented ids; any other id is a 404
/// to a GET, a PATCH and a DELETE.
fn documented_ids_found_others_missing(client: &Client, base: &str) {
    let adele = ok(get(
        client,
        &format!("{base}/users/11111111-0000-0000-0000-000000000001"),
    ));
    assert_eq!(adele["displayName"], "Adele Vance");
    let grady = ok(get(
        client,
        &format!("{base}/users/11111111-0000-0000-0000-000000000004"),
    ));
    assert_eq!(grady["displayName"], "Grady Archie", "a listed user is found by its id");
    for unknown in ["abc", "nina@contoso.com"] {
        let missing = get(client, &format!("{base}/users/{unknown}"));
        assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{unknown}");
        let error: Value = missing.json().unwrap();
        assert_eq!(error["error"]["code"], "ResourceNotFound");
        assert!(error["error"]["message"].as_str().unwrap().contains(unknown), "{error}");
    }
    let patched = client
        .patch(format!("{base}/users/abc"))
        .bearer_auth("local")
        .json(&json!({"jobTitle": "x"}))
        .send()
        .unwrap();
    assert_eq!(patched.status(), StatusCode::NOT_FOUND);
    let deleted = client
        .delete(format!("{base}/users/abc"))
        .bearer_auth("local")
        .send()
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NOT_FOUND);
}
