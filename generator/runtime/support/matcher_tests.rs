//! The matcher's tests: requests found by their documented templates, the
//! shapes Graph treats as the same path, and the nearest routes to a miss.

use super::*;

#[test]
fn a_site_by_server_relative_path_takes_several_segments() {
    let mut m = Matcher::new();
    for t in [
        "/sites/{hostname}:/{server-relative-path}",
        "/sites/{site-id}",
        "/sites/{site-id}/lists",
    ] {
        m.insert("GET", t, t);
    }
    let find = |url: &str| m.find("GET", url).map(|(t, _)| *t);
    assert_eq!(
        find("/sites/contoso.sharepoint.com:/teams/hr"),
        Some("/sites/{hostname}:/{server-relative-path}")
    );
    assert_eq!(
        find("https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com:/sites/a/b"),
        Some("/sites/{hostname}:/{server-relative-path}")
    );
    assert_eq!(find("/sites/s1/lists"), Some("/sites/{site-id}/lists"));
    assert_eq!(find("/sites/s1"), Some("/sites/{site-id}"));
}

#[test]
fn a_typo_finds_the_route_it_misspells() {
    let mut m = Matcher::new();
    for (method, t) in [
        ("GET", "/me"),
        ("GET", "/groups/{id}"),
        ("GET", "/users"),
        ("POST", "/users/{id}"),
        ("GET", "/users/{id | userPrincipalName}"),
        ("PATCH", "/users/{id | userPrincipalName}"),
        ("GET", "/subscribedSkus/{id}"),
    ] {
        m.insert(method, t, ());
    }
    let found = m.nearest("GET", "/usres/abc", 3);
    assert_eq!(found[0], ("GET", "/users/{id | userPrincipalName}"));
    assert_eq!(
        found.iter().filter(|(_, t)| t.starts_with("/users/{")).count(),
        1,
        "{found:?}"
    );
    assert!(!found.iter().any(|(_, t)| *t == "/me"), "{found:?}");
    // Call arguments aside: a misspelt function finds its template.
    m.insert("GET", "/reports/getEmailActivityCounts(period='{period_value}')", ());
    let found = m.nearest("GET", "/reports/getEmailActivityCount(period='D7')", 1);
    assert_eq!(
        found,
        [("GET", "/reports/getEmailActivityCounts(period='{period_value}')")]
    );
}

fn matcher() -> Matcher<&'static str> {
    let mut m = Matcher::new();
    for (method, t) in [
        ("GET", "/users/{id | userPrincipalName}/messages"),
        ("GET", "/users/{id}/messages/{id}/$value"),
        ("GET", "/me/messages"),
        ("GET", "/users/delta()"),
        ("GET", "/users/$count"),
        ("POST", "/groups/{id}/members/$ref"),
        (
            "GET",
            "/deviceManagement/deviceConfigurations/{id}/microsoft.graph.windows10GeneralConfiguration",
        ),
        (
            "GET",
            "/me/drive/items/{id}/workbook/worksheets/{id}/range(address='{address}')",
        ),
        ("GET", "/reports/getOffice365ActiveUserDetail(period='{period_value}')"),
        ("GET", "/reports/getOffice365ActiveUserDetail(date={date_value})"),
        ("GET", "/me/drive/root:/{item-path}:/content"),
        ("GET", "/me/drive/root/children"),
    ] {
        m.insert(method, t, t);
    }
    m
}

#[test]
fn concrete_urls_find_their_templates() {
    let m = matcher();
    let cases = [
        (
            "GET",
            "https://graph.microsoft.com/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd/messages?$top=5",
            "/users/{id | userPrincipalName}/messages",
        ),
        (
            "GET",
            "/users/john%40contoso.com/Messages/",
            "/users/{id | userPrincipalName}/messages",
        ),
        (
            "GET",
            "/users('87d3')/messages",
            "/users/{id | userPrincipalName}/messages",
        ),
        (
            "GET",
            "https://graph.microsoft.com/beta/users/a/messages/b/$value",
            "/users/{id}/messages/{id}/$value",
        ),
        (
            "GET",
            "/v1.0/users/a/messages/b/%24value",
            "/users/{id}/messages/{id}/$value",
        ),
        ("GET", "/ME//messages", "/me/messages"),
        (
            "GET",
            "/users/microsoft.graph.delta()?$select=displayName",
            "/users/delta()",
        ),
        ("GET", "/users/$count", "/users/$count"),
        ("POST", "/groups/g1/members/$ref", "/groups/{id}/members/$ref"),
        (
            "GET",
            "/deviceManagement/deviceConfigurations/abc/microsoft.graph.windows10GeneralConfiguration",
            "/deviceManagement/deviceConfigurations/{id}/microsoft.graph.windows10GeneralConfiguration",
        ),
        (
            "GET",
            "/me/drive/items/01/workbook/worksheets/Sheet1/range(address='A1:B2')",
            "/me/drive/items/{id}/workbook/worksheets/{id}/range(address='{address}')",
        ),
        (
            "GET",
            "/reports/getOffice365ActiveUserDetail(date=2017-09-01)",
            "/reports/getOffice365ActiveUserDetail(date={date_value})",
        ),
        (
            "GET",
            "/reports/getOffice365ActiveUserDetail(period='D7')",
            "/reports/getOffice365ActiveUserDetail(period='{period_value}')",
        ),
        (
            "GET",
            "/me/drive/root:/folder/file.txt:/content",
            "/me/drive/root:/{item-path}:/content",
        ),
        ("GET", "/me/drive/root/children", "/me/drive/root/children"),
        (
            "GET",
            "/users/{id}/messages",
            "/users/{id | userPrincipalName}/messages",
        ),
    ];
    for (method, url, template) in cases {
        assert_eq!(m.find(method, url).map(|(v, _)| *v), Some(template), "{url}");
    }
    assert_eq!(m.find("DELETE", "/me/messages"), None);
    assert_eq!(m.find("GET", "/me/mesages"), None);
    assert_eq!(m.nearest("GET", "/me/mesages", 1), [("GET", "/me/messages")]);
}

/// Templates written in the shapes Graph treats as the same path: `/me` for
/// `/users/{id}`, casts, item paths, pasted ids, `$count`, `$value`.
const SAME_PATH_TEMPLATES: &[(&str, &str)] = &[
    ("GET", "/users/{id | userPrincipalName}/memberOf"),
    ("POST", "/users/{id | userPrincipalName}/assignLicense"),
    ("GET", "/groups/{id}/members/microsoft.graph.user"),
    ("GET", "/groups/{id}/members"),
    ("GET", "/reports/getGroupArchivedPrintJobs"),
    (
        "GET",
        "/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count=n)",
    ),
    (
        "GET",
        "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments",
    ),
    ("GET", "/drives/{drive-id}/items/{item-id}"),
    ("GET", "/me/drive/items/{item-id}/children"),
    ("PUT", "/me/drive/items/{parent-id}:/{filename}:/content"),
    ("GET", "/drives/{drive-id}/items/{item-id}:/{path}:/children"),
    ("GET", "/education/users/{id}/assignments"),
    ("GET", "/users/{user-id}/drive/items/{item-id}/workbook/comments"),
    ("GET", "/applications"),
    ("GET", "/applications/{id}"),
    ("PATCH", "/teams/(team-id)/channels/{channel-id}"),
    ("GET", "/domains/contoso.com/serviceConfigurationRecords"),
    (
        "GET",
        "/chats/{chat-id}/messages/{message-id}/hostedContents/{hosted-content-id}",
    ),
    ("GET", "/drive/items/{item-id}/content"),
];

/// Requests (method, URL) and the template of [`SAME_PATH_TEMPLATES`] each finds.
const SAME_PATH_CASES: &[(&str, &str, &str)] = &[
    ("GET", "/me/memberOf", "/users/{id | userPrincipalName}/memberOf"),
    (
        "POST",
        "/me/assignLicense",
        "/users/{id | userPrincipalName}/assignLicense",
    ),
    (
        "GET",
        "/users/{id}/memberOf/$count",
        "/users/{id | userPrincipalName}/memberOf",
    ),
    (
        "GET",
        "/users/a1/memberOf/microsoft.graph.group/$count",
        "/users/{id | userPrincipalName}/memberOf",
    ),
    (
        "GET",
        "/groups/g/members/microsoft.graph.user?$count=true",
        "/groups/{id}/members/microsoft.graph.user",
    ),
    ("GET", "/groups/g/members/microsoft.graph.group", "/groups/{id}/members"),
    (
        "GET",
        "/reports/getGroupArchivedPrintJobs(groupId='1',startDateTime=2020-01-01)",
        "/reports/getGroupArchivedPrintJobs",
    ),
    (
        "GET",
        "/me/drive/items/1/workbook/worksheets/2/range/rowsAbove",
        "/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count=n)",
    ),
    (
        "GET",
        "https://graph.microsoft.com/v1/education/classes/d38ffdea-da93-46ac-90ba-d568c6073075/assignments",
        "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments",
    ),
    // `$count` is no id.
    ("GET", "/applications/$count", "/applications"),
    (
        "GET",
        "https://graph.microsoft.com/V1.0/applications/a1",
        "/applications/{id}",
    ),
    // `drive/root` is the root item; `/drive` the user's drive.
    ("GET", "/me/drive/root/children", "/me/drive/items/{item-id}/children"),
    (
        "PUT",
        "/me/drive/root:/FolderA/FileB.txt:/content",
        "/me/drive/items/{parent-id}:/{filename}:/content",
    ),
    (
        "GET",
        "/drives/d1/root:/a/b:/children",
        "/drives/{drive-id}/items/{item-id}:/{path}:/children",
    ),
    ("GET", "/education/me/assignments", "/education/users/{id}/assignments"),
    (
        "GET",
        "/drive/root/workbook/comments",
        "/users/{user-id}/drive/items/{item-id}/workbook/comments",
    ),
    // An encoded `/` stays inside the id.
    (
        "GET",
        "/drives/b%21x/items/folder%2Ffile.txt",
        "/drives/{drive-id}/items/{item-id}",
    ),
    // A placeholder or a value pasted into a template matches any id.
    (
        "PATCH",
        "/teams/t1/channels/c1",
        "/teams/(team-id)/channels/{channel-id}",
    ),
    (
        "GET",
        "/domains/{domain-name}/serviceConfigurationRecords",
        "/domains/contoso.com/serviceConfigurationRecords",
    ),
    // An entity's content under the entity's route.
    (
        "GET",
        "/chats/19:a@thread.v2/messages/1/hostedContents/aWQ9/$value",
        "/chats/{chat-id}/messages/{message-id}/hostedContents/{hosted-content-id}",
    ),
    // An item path names an item; `/me/drive` is `/drive`.
    (
        "GET",
        "/drives/{drive-id}/root:/{path-relative-to-root}:/children",
        "/drives/{drive-id}/items/{item-id}:/{path}:/children",
    ),
    (
        "GET",
        "/me/drive/root:/a/b.txt:/children",
        "/me/drive/items/{item-id}/children",
    ),
    (
        "GET",
        "/me/drive/items/{item-id}/content?format=pdf",
        "/drive/items/{item-id}/content",
    ),
];

#[test]
fn requests_graph_defines_as_the_same_find_their_route() {
    let mut m = Matcher::new();
    for &(method, t) in SAME_PATH_TEMPLATES {
        m.insert(method, t, t);
    }
    for &(method, url, template) in SAME_PATH_CASES {
        assert_eq!(m.find(method, url).map(|(v, _)| *v), Some(template), "{url}");
    }
    assert_eq!(m.find("DELETE", "/chats/c/messages/1/hostedContents/h/$value"), None);
    // `$count` is read-only; a cast is no wildcard for other segments.
    assert_eq!(m.find("POST", "/me/memberOf/$count"), None);
    assert_eq!(m.find("GET", "/groups/g/owners/microsoft.graph.user"), None);
    assert_eq!(m.find("GET", "/drives/b/items/folder/file.txt"), None);
}
