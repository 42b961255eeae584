//! Route bodies and responses from the metadata, from pages and a small
//! CSDL document to the emitted routes and the bytes they put on the wire
//! (kept in `fixtures/route_types_*.rs`, checked against the emitter here;
//! `UPDATE_FIXTURES=1` rewrites them): an action's own body model, an
//! action whose page lists its parameter's properties flat, a function with
//! parameters and a return type, a `204` update, a `202` create, a `$ref`,
//! a `$value`, an update of a type with derived types, and a flags enum.

use generator::csdl::read_csdl;
use generator::read::read_page;
use generator::resolve::resolve;
use http::{HeaderMap, StatusCode};
use msgraph_typed::support::{Accepted, NoContent, Reference, Route};
use serde_json::json;

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="deviceManagement" BaseType="graph.entity">
        <NavigationProperty Name="deviceConfigurations" Type="Collection(graph.deviceConfiguration)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="deviceConfiguration" BaseType="graph.entity" Abstract="true">
        <Property Name="displayName" Type="Edm.String" />
      </EntityType>
      <EntityType Name="windows10GeneralConfiguration" BaseType="graph.deviceConfiguration">
        <Property Name="passwordRequired" Type="Edm.Boolean" />
        <Property Name="architectures" Type="graph.windowsArchitecture" />
      </EntityType>
      <EnumType Name="windowsArchitecture" IsFlags="true">
        <Member Name="none" Value="0" />
        <Member Name="x86" Value="1" />
        <Member Name="x64" Value="2" />
      </EnumType>
      <EntityType Name="deviceConfigurationAssignment" BaseType="graph.entity">
        <Property Name="intent" Type="Edm.String" />
      </EntityType>
      <EntityType Name="application" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <NavigationProperty Name="owners" Type="Collection(graph.directoryObject)" />
      </EntityType>
      <ComplexType Name="passwordCredential">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="secretText" Type="Edm.String" />
      </ComplexType>
      <EntityType Name="user" BaseType="graph.directoryObject">
        <NavigationProperty Name="messages" Type="Collection(graph.message)" ContainsTarget="true" />
        <NavigationProperty Name="drive" Type="graph.drive" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="drive" BaseType="graph.entity">
        <NavigationProperty Name="root" Type="graph.driveItem" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="driveItem" BaseType="graph.entity">
        <Property Name="name" Type="Edm.String" />
        <NavigationProperty Name="children" Type="Collection(graph.driveItem)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="message" BaseType="graph.entity" HasStream="true">
        <Property Name="subject" Type="Edm.String" />
      </EntityType>
      <ComplexType Name="reminder">
        <Property Name="eventSubject" Type="Edm.String" />
      </ComplexType>
      <EntityType Name="team" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
      </EntityType>
      <EntityType Name="directoryObject" BaseType="graph.entity" />
      <EntityType Name="group" BaseType="graph.directoryObject">
        <NavigationProperty Name="members" Type="Collection(graph.directoryObject)" />
      </EntityType>
      <Action Name="assign" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.deviceConfiguration" />
        <Parameter Name="assignments" Type="Collection(graph.deviceConfigurationAssignment)" />
        <ReturnType Type="Collection(graph.deviceConfigurationAssignment)" />
      </Action>
      <Action Name="addPassword" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.application" Nullable="false" />
        <Parameter Name="passwordCredential" Type="graph.passwordCredential" />
        <ReturnType Type="graph.passwordCredential" Nullable="false" />
      </Action>
      <Function Name="reminderView" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" />
        <Parameter Name="StartDateTime" Type="Edm.String" Nullable="false" />
        <Parameter Name="EndDateTime" Type="Edm.String" />
        <ReturnType Type="Collection(graph.reminder)" />
      </Function>
      <EntityContainer Name="GraphService">
        <Singleton Name="deviceManagement" Type="graph.deviceManagement" />
        <EntitySet Name="applications" EntityType="graph.application" />
        <EntitySet Name="users" EntityType="graph.user" />
        <Singleton Name="me" Type="graph.user" />
        <EntitySet Name="teams" EntityType="graph.team" />
        <EntitySet Name="groups" EntityType="graph.group" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

/// A page: title, request lines, request-body section, response section.
fn page(title: &str, lines: &[&str], body: &str, response: &str) -> String {
    format!(
        "# {title}\n\nNamespace: microsoft.graph\n\n{title}.\n\n## HTTP request\n\n```http\n{}\n```\n\n\
         ## Request body\n\n{body}\n\n## Response\n\n{response}\n",
        lines.join("\n")
    )
}

/// `page` with an *Optional query parameters* section saying `text`.
fn with_query_section(page: String, text: &str) -> String {
    page.replace(
        "## Request body",
        &format!("## Optional query parameters\n\n{text}\n\n## Request body"),
    )
}

/// A test page: its file name, title, request lines, request-body and
/// response sections, and what an *Optional query parameters* section says.
struct PageSpec {
    file: &'static str,
    title: &'static str,
    lines: &'static [&'static str],
    body: &'static str,
    response: &'static str,
    query: Option<&'static str>,
}

const PAGES: &[PageSpec] = &[
    PageSpec {
        file: "intune-deviceconfig-deviceconfiguration-assign.md",
        title: "assign action",
        lines: &["POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assign"],
        body: "| Property | Type | Description |\n|:---|:---|:---|\n| assignments | [deviceConfigurationAssignment](../resources/x.md) collection | The assignments. |",
        response: "If successful, this action returns a `200 OK` response code and a deviceConfigurationAssignment collection in the response body.",
        query: None,
    },
    PageSpec {
        file: "intune-deviceconfig-windows10generalconfiguration-update.md",
        title: "Update windows10GeneralConfiguration",
        lines: &["PATCH /deviceManagement/deviceConfigurations/{deviceConfigurationId}"],
        body: "In the request body, supply a JSON representation for the [windows10GeneralConfiguration](../resources/x.md) object.",
        response: "If successful, this method returns a `200 OK` response code and an updated [windows10GeneralConfiguration](../resources/x.md) object in the response body.",
        query: None,
    },
    PageSpec {
        file: "application-addpassword.md",
        title: "application: addPassword",
        lines: &["POST /applications/{id}/addPassword"],
        body: "| Property | Type | Description |\n|:---|:---|:---|\n| displayName | String | Friendly name for the password. |",
        response: "If successful, this method returns a `200 OK` response code and a new [passwordCredential](../resources/x.md) object in the response body.",
        query: None,
    },
    PageSpec {
        file: "user-reminderview.md",
        title: "user: reminderView",
        lines: &["GET /me/reminderView(startDateTime={startDateTime-value},endDateTime={endDateTime-value})"],
        body: "Do not supply a request body for this method.",
        response: "If successful, this function returns a `200 OK` response code and a [reminder](../resources/x.md) collection in the response body.",
        query: None,
    },
    PageSpec {
        file: "team-update.md",
        title: "Update team",
        lines: &["PATCH /teams/{team-id}"],
        body: "In the request body, supply a JSON representation of [team](../resources/x.md) object.",
        response: "If successful, this method returns a `204 No Content` response code.",
        query: None,
    },
    PageSpec {
        file: "team-post.md",
        title: "Create team",
        lines: &["POST /teams"],
        body: "In the request body, supply a JSON representation of a [team](../resources/x.md) object.",
        response: "If successful, this API returns a `202 Accepted` response containing a link to the [teamsAsyncOperation](../resources/x.md).",
        query: None,
    },
    PageSpec {
        file: "group-post-members.md",
        title: "Add member",
        lines: &["POST /groups/{id}/members/$ref"],
        body: "In the request body, supply a JSON representation of a [directoryObject](../resources/x.md) object to be added.",
        response: "If successful, this method returns a `204 No Content` response code.",
        query: None,
    },
    PageSpec {
        file: "user-list-messages.md",
        title: "List messages",
        lines: &["GET /me/messages", "GET /users/{id | userPrincipalName}/messages"],
        body: "Do not supply a request body for this method.",
        response: "If successful, this method returns a `200 OK` response code and collection of [message](../resources/x.md) objects in the response body.",
        query: Some("This method supports the `$select`, `$filter`, `$orderby` and `$top` [OData query parameters](/graph/query-parameters) to help customize the response."),
    },
    PageSpec {
        file: "application-get.md",
        title: "Get application",
        lines: &["GET /applications/{id}", "GET /applications(appId='{appId}')"],
        body: "Do not supply a request body for this method.",
        response: "If successful, this method returns a `200 OK` response code and an [application](../resources/x.md) object in the response body.",
        query: Some("This method supports the [OData query parameters](/graph/query-parameters) to help customize the response."),
    },
    PageSpec {
        file: "group-list-members.md",
        title: "List members",
        lines: &["GET /groups/{id}/members/microsoft.graph.user"],
        body: "Do not supply a request body for this method.",
        response: "If successful, this method returns a `200 OK` response code and a collection of [user](../resources/x.md) objects in the response body.",
        query: None,
    },
    PageSpec {
        file: "driveitem-list-children.md",
        title: "List children of a driveItem",
        lines: &["GET /me/drive/root:/{item-path}:/children"],
        body: "Do not supply a request body for this method.",
        response: "If successful, this method returns a `200 OK` response code and a collection of [driveItem](../resources/x.md) objects in the response body.",
        query: None,
    },
    PageSpec {
        file: "user-count.md",
        title: "Count users",
        lines: &["GET /users/$count"],
        body: "Do not supply a request body for this method.",
        response: "If successful, this method returns a `200 OK` response code and the count as text.",
        query: None,
    },
    PageSpec {
        file: "message-get-value.md",
        title: "Get message content",
        lines: &["GET /me/messages/{id}/$value"],
        body: "Do not supply a request body for this method.",
        response: "If successful, this method returns a `200 OK` response code and the MIME content of the message.",
        query: None,
    },
];

fn pages() -> Vec<(&'static str, String)> {
    PAGES
        .iter()
        .map(|p| {
            let page = page(p.title, p.lines, p.body, p.response);
            let page = match p.query {
                Some(text) => with_query_section(page, text),
                None => page,
            };
            (p.file, page)
        })
        .collect()
}

/// The emitted file and the fixture it is kept in.
const FIXTURES: [(&str, &str); 13] = [
    ("src/generated/nav/mod.rs", "tests/fixtures/route_types_nav.rs"),
    (
        "src/generated/nav/device_management.rs",
        "tests/fixtures/route_types_nav_device_management.rs",
    ),
    (
        "src/generated/nav/applications.rs",
        "tests/fixtures/route_types_nav_applications.rs",
    ),
    ("src/generated/nav/users.rs", "tests/fixtures/route_types_nav_users.rs"),
    ("src/generated/nav/teams.rs", "tests/fixtures/route_types_nav_teams.rs"),
    (
        "src/generated/nav/groups.rs",
        "tests/fixtures/route_types_nav_groups.rs",
    ),
    ("models/src/models.rs", "tests/fixtures/route_types_models.rs"),
    ("models/src/enums.rs", "tests/fixtures/route_types_enums.rs"),
    (
        "src/generated/routes/device_management.rs",
        "tests/fixtures/route_types_device_management.rs",
    ),
    (
        "src/generated/routes/applications.rs",
        "tests/fixtures/route_types_applications.rs",
    ),
    ("src/generated/routes/users.rs", "tests/fixtures/route_types_users.rs"),
    ("src/generated/routes/teams.rs", "tests/fixtures/route_types_teams.rs"),
    ("src/generated/routes/groups.rs", "tests/fixtures/route_types_groups.rs"),
];

fn emitted(path: &str) -> String {
    let csdl = read_csdl(CSDL, "route-types.xml").expect("reads");
    let pages: Vec<_> = pages().iter().map(|(file, text)| read_page(file, text).page).collect();
    let resolved = resolve(&pages, Some(&csdl));
    let files = generator::emit::emit(&resolved.schema, generator::emit::Layout::Workspace).expect("emits");
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is emitted"));
    // The fixture includes each module's file itself.
    file.contents
        .lines()
        .skip_while(|l| l.starts_with("//"))
        .filter(|l| !l.starts_with("pub mod "))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn fixtures_are_what_the_emitter_writes() {
    for (emitted_path, fixture) in FIXTURES {
        tests::check_fixture(fixture, &emitted(emitted_path));
    }
}

mod support {
    pub use msgraph_typed::support::*;
}

#[allow(dead_code)]
mod models {
    include!("fixtures/route_types_models.rs");
}

#[allow(dead_code)]
mod nav {
    include!("fixtures/route_types_nav.rs");
    pub mod device_management {
        include!("fixtures/route_types_nav_device_management.rs");
    }
    pub mod applications {
        include!("fixtures/route_types_nav_applications.rs");
    }
    pub mod users {
        include!("fixtures/route_types_nav_users.rs");
    }
    pub mod teams {
        include!("fixtures/route_types_nav_teams.rs");
    }
    pub mod groups {
        include!("fixtures/route_types_nav_groups.rs");
    }
}

#[allow(dead_code)]
mod enums {
    include!("fixtures/route_types_enums.rs");
}

#[allow(dead_code)]
mod routes {
    pub mod device_management {
        include!("fixtures/route_types_device_management.rs");
    }
    pub mod applications {
        include!("fixtures/route_types_applications.rs");
    }
    pub mod users {
        include!("fixtures/route_types_users.rs");
    }
    pub mod teams {
        include!("fixtures/route_types_teams.rs");
    }
    pub mod groups {
        include!("fixtures/route_types_groups.rs");
    }
}

fn ok<R: Route>(body: &str) -> R::Response {
    R::parse_response(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).expect("reads")
}

#[test]
fn an_action_sends_its_own_body_model_and_reads_its_return_type() {
    use routes::device_management::*;
    let body = models::AssignDeviceManagementDeviceConfigurationBody {
        assignments: vec![models::DeviceConfigurationAssignment {
            intent: String::from("apply").into(),
            ..Default::default()
        }]
        .into(),
        ..Default::default()
    };
    let route: AssignDeviceManagementDeviceConfiguration = nav::Graph::new()
        .device_management()
        .device_configurations()
        .by_id("c1")
        .assign(body);
    let request = route.to_request().unwrap();
    assert_eq!(request.method, http::Method::POST);
    assert_eq!(request.path, "/deviceManagement/deviceConfigurations/c1/assign");
    assert_eq!(
        request.json_body(),
        Some(
            json!({ "assignments": [{ "@odata.type": "#microsoft.graph.deviceConfigurationAssignment", "intent": "apply" }] })
        )
    );
    let answer = ok::<AssignDeviceManagementDeviceConfiguration>(r#"{"value":[{"id":"a1","intent":"apply"}]}"#);
    assert_eq!(answer.value[0].id.value().map(String::as_str), Some("a1"));
    assert!(answer.value[0].additional_properties.is_empty());
}

#[test]
fn add_password_sends_the_credential_the_action_takes_not_the_page_rows_flattened() {
    use routes::applications::*;
    let body = models::AddApplicationPasswordBody {
        password_credential: Box::new(models::PasswordCredential {
            display_name: String::from("ci").into(),
            ..Default::default()
        })
        .into(),
        ..Default::default()
    };
    let route: AddApplicationPassword = nav::Graph::new().applications().by_id("app/1").add_password(body);
    let request = route.to_request().unwrap();
    assert_eq!(request.path, "/applications/app%2F1/addPassword");
    assert_eq!(
        request.json_body(),
        Some(json!({ "passwordCredential": { "displayName": "ci" } }))
    );
    let credential = ok::<AddApplicationPassword>(r#"{"displayName":"ci","secretText":"s3cret"}"#);
    assert_eq!(credential.secret_text.value().map(String::as_str), Some("s3cret"));
}

#[test]
fn a_function_takes_its_parameters_in_the_path_and_answers_its_return_type() {
    use routes::users::*;
    let route: UserReminderView = nav::Graph::new()
        .me()
        .reminder_view("2021-07-01T00:00:00Z", "2021-07-02T00:00:00Z");
    let request = route.to_request().unwrap();
    assert_eq!(request.method, http::Method::GET);
    assert_eq!(
        request.path,
        "/me/reminderView(startDateTime=2021-07-01T00%3A00%3A00Z,endDateTime=2021-07-02T00%3A00%3A00Z)"
    );
    assert_eq!(request.body, None);
    let page = ok::<UserReminderView>(r#"{"value":[{"eventSubject":"Review"}]}"#);
    assert_eq!(page.value[0].event_subject.value().map(String::as_str), Some("Review"));
}

#[test]
fn a_204_update_answers_no_content_and_a_202_create_where_to_poll() {
    use routes::teams::*;
    let team = models::Team {
        display_name: String::from("Ops").into(),
        ..Default::default()
    };
    let update: UpdateTeam = nav::Graph::new().teams().by_id("t1").update(team.clone());
    let request = update.to_request().unwrap();
    assert_eq!(request.method, http::Method::PATCH);
    assert_eq!(
        request.json_body(),
        Some(json!({ "@odata.type": "#microsoft.graph.team", "displayName": "Ops" })),
        "only what was set, with the type a value built here carries"
    );
    let answer: NoContent = UpdateTeam::parse_response(StatusCode::NO_CONTENT, &HeaderMap::new(), b"").unwrap();
    assert_eq!(answer, NoContent);

    let mut headers = HeaderMap::new();
    headers.insert("location", "/teams('t2')/operations('o1')".parse().unwrap());
    headers.insert("content-location", "/teams('t2')".parse().unwrap());
    let accepted: Accepted = CreateTeam::parse_response(StatusCode::ACCEPTED, &headers, b"").unwrap();
    assert_eq!(accepted.location.as_deref(), Some("/teams('t2')/operations('o1')"));
    assert_eq!(accepted.content_location.as_deref(), Some("/teams('t2')"));
    let refused = CreateTeam::parse_response(
        StatusCode::FORBIDDEN,
        &HeaderMap::new(),
        br#"{"error":{"code":"Forbidden","message":"no"}}"#,
    )
    .unwrap_err();
    assert_eq!(refused.status(), Some(StatusCode::FORBIDDEN));
}

#[test]
fn a_ref_route_sends_a_reference_and_a_value_route_answers_bytes() {
    let add: routes::groups::AddGroupMembersRef = nav::Graph::new()
        .groups()
        .by_id("g1")
        .members()
        .add_ref(Reference::to("directoryObjects", "u/1"));
    let request = add.to_request().unwrap();
    assert_eq!(request.path, "/groups/g1/members/$ref");
    assert_eq!(
        request.json_body(),
        Some(json!({ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u%2F1" }))
    );

    use routes::users::*;
    let get: GetUserMessageValue = nav::Graph::new().me().messages().by_id("m1").content();
    assert_eq!(get.to_request().unwrap().path, "/me/messages/m1/$value");
    let mime = ok::<GetUserMessageValue>("MIME-Version: 1.0\r\n");
    assert_eq!(mime, b"MIME-Version: 1.0\r\n".to_vec());
}

#[test]
fn an_update_of_a_type_with_derived_types_takes_the_derived_type_and_sends_its_odata_type() {
    use routes::device_management::*;
    let windows = models::Windows10GeneralConfiguration {
        password_required: true.into(),
        ..Default::default()
    };
    let route: UpdateDeviceManagementDeviceConfiguration = nav::Graph::new()
        .device_management()
        .device_configurations()
        .by_id("c1")
        .update(windows);
    assert_eq!(
        route.to_request().unwrap().json_body(),
        Some(json!({ "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "passwordRequired": true }))
    );
}

#[test]
fn a_flags_enum_value_is_a_set_of_members_on_the_wire() {
    use enums::WindowsArchitecture;
    use msgraph_typed::support::Flags;
    use routes::device_management::*;
    let windows = models::Windows10GeneralConfiguration {
        architectures: Flags::from(vec![WindowsArchitecture::X86, WindowsArchitecture::X64]).into(),
        ..Default::default()
    };
    let route: UpdateDeviceManagementDeviceConfiguration = nav::Graph::new()
        .device_management()
        .device_configurations()
        .by_id("c1")
        .update(windows);
    assert_eq!(
        route.to_request().unwrap().json_body(),
        Some(json!({ "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "architectures": "x86,x64" }))
    );
    let read = ok::<UpdateDeviceManagementDeviceConfiguration>(
        r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","architectures":"x64,arm64"}"##,
    );
    let models::DeviceConfigurationKind::Windows10GeneralConfiguration(read) = read.into_kind() else {
        panic!("the derived type")
    };
    let set = read.architectures.value().expect("set");
    assert!(set.contains(&WindowsArchitecture::X64) && !set.contains(&WindowsArchitecture::X86));
    assert_eq!(
        set.0[1],
        WindowsArchitecture::UnknownValue("arm64".into()),
        "a member this version lacks is kept"
    );
}

/// The path and method a navigation chain's route requests.
fn sent<R: Route>(route: R) -> (http::Method, String) {
    let request = route.to_request().expect("builds");
    (request.method, request.path)
}

#[test]
fn navigation_by_path_gives_the_routes_of_every_kind_of_segment() {
    use http::Method;
    let graph = nav::Graph::new();
    // `/me` is the node of `/users/{id}`: one route, either path.
    let mine = graph.me().messages().list();
    let theirs = graph.users().by_id("adele/vance").messages().list();
    let both: [routes::users::ListUserMessages; 2] = [mine, theirs];
    let [mine, theirs] = both;
    assert_eq!(sent(mine), (Method::GET, "/me/messages".into()));
    assert_eq!(sent(theirs), (Method::GET, "/users/adele%2Fvance/messages".into()));
    // A key, and an alternate key on the same node.
    assert_eq!(
        sent(graph.applications().by_id("a1").get()),
        (Method::GET, "/applications/a1".into())
    );
    assert_eq!(
        sent(graph.applications().by_app_id("it's").get()),
        (Method::GET, "/applications(appId='it%27%27s')".into()),
        "the quote doubled inside the OData string, then encoded"
    );
    // A cast.
    assert_eq!(
        sent(graph.groups().by_id("g1").members().as_user().list()),
        (Method::GET, "/groups/g1/members/microsoft.graph.user".into())
    );
    // A OneDrive item path keeps its folders.
    assert_eq!(
        sent(
            graph
                .me()
                .drive()
                .root()
                .item_by_path("Documents/Q1 plan")
                .children()
                .list()
        ),
        (Method::GET, "/me/drive/root:/Documents/Q1%20plan:/children".into())
    );
    // `$count`, `$value`, `$ref`.
    let count = graph.users().count();
    assert_eq!(sent(count), (Method::GET, "/users/$count".into()));
    let n: i64 = ok::<routes::users::CountUsers>("42");
    assert_eq!(n, 42);
    assert_eq!(
        sent(graph.me().messages().by_id("m1").content()),
        (Method::GET, "/me/messages/m1/$value".into())
    );
    let add = graph
        .groups()
        .by_id("g1")
        .members()
        .add_ref(Reference::to("directoryObjects", "u1"));
    assert_eq!(
        add.to_request().unwrap().json_body(),
        Some(json!({ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1" }))
    );
    assert_eq!(sent(add), (Method::POST, "/groups/g1/members/$ref".into()));
    // An action with its body, a function with its parameters.
    let assign = graph
        .device_management()
        .device_configurations()
        .by_id("c1")
        .assign(models::AssignDeviceManagementDeviceConfigurationBody::default());
    assert_eq!(
        sent(assign),
        (Method::POST, "/deviceManagement/deviceConfigurations/c1/assign".into())
    );
    assert_eq!(
        sent(graph.me().reminder_view("2021-07-01", "2021-07-02")),
        (
            Method::GET,
            "/me/reminderView(startDateTime=2021-07-01,endDateTime=2021-07-02)".into()
        )
    );
    // Creates and updates take their bodies; an update any derived type.
    let windows = models::Windows10GeneralConfiguration {
        password_required: true.into(),
        ..Default::default()
    };
    let update = graph
        .device_management()
        .device_configurations()
        .by_id("c1")
        .update(windows);
    assert_eq!(
        update.to_request().unwrap().json_body(),
        Some(json!({ "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "passwordRequired": true }))
    );
    assert_eq!(sent(graph.teams().create(models::Team::default())).0, Method::POST);
    // A hostile id is refused when the request is built.
    assert!(graph.users().by_id("..").messages().list().to_request().is_err());
}

/// The wire query of a route value.
fn query_of<R: Route>(route: R) -> String {
    route.to_request().expect("builds").url("")
}

#[test]
fn typed_query_options_are_the_ones_the_page_documents_written_as_the_service_expects() {
    use models::{Application, Message};
    use msgraph_typed::support::QueryExt;
    let graph = nav::Graph::new();
    // A list whose page documents `$select`, `$filter`, `$orderby`, `$top`.
    let list = graph
        .users()
        .by_id("u1")
        .messages()
        .list()
        .select([Message::SUBJECT, Message::ID])
        .filter(Message::SUBJECT.starts_with("Re: O'Neil").and(Message::ID.ne("m0")))
        .order_by([Message::SUBJECT.desc()])
        .top(2);
    assert_eq!(
        query_of(list),
        "/users/u1/messages?$select=subject,id\
         &$filter=(startswith(subject,'Re:%20O''Neil'))%20and%20(id%20ne%20'm0')\
         &$orderby=subject%20desc&$top=2"
    );
    // One entity: `$select` and `$expand` only, even where the page says
    // "the OData query parameters" as a whole.
    // A navigation property is expanded, a structural one selected.
    let one = graph
        .applications()
        .by_id("a1")
        .get()
        .select([Application::DISPLAY_NAME])
        .expand([Application::OWNERS]);
    assert_eq!(query_of(one), "/applications/a1?$select=displayName&$expand=owners");
    let _: msgraph_typed::support::Navigation<Application> = Application::OWNERS;
    let _: msgraph_typed::support::Property<Message> = Message::SUBJECT;
    assert_eq!(format!("{:?}", Application::OWNERS), "owners");
    // A route's Debug is the request it builds; a path's, the path.
    let route = graph.me().messages().list().top(2);
    assert_eq!(format!("{route:?}"), "ListUserMessages GET /me/messages?$top=2");
    assert_eq!(format!("{:?}", route.path), "\"/me/messages\"");
    let update = graph.teams().by_id("t/1").update(models::Team {
        display_name: msgraph_typed::support::Field::Value("Ops".into()),
        ..Default::default()
    });
    assert_eq!(
        format!("{update:?}"),
        r##"UpdateTeam PATCH /teams/t%2F1 {"@odata.type":"#microsoft.graph.team","displayName":"Ops"}"##
    );
}

#[tokio::test]
async fn typed_query_options_from_a_client_reach_the_wire() {
    use models::Message;
    use msgraph_typed::client::{Client, StaticToken};
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me/messages"))
        .and(query_param("$select", "subject,id"))
        .and(query_param("$top", "1"))
        .and(query_param("$orderby", "subject"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{ "id": "m1", "subject": "Hello" }]
        })))
        .mount(&server)
        .await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(format!("{}/v1.0", server.uri()))
        .build();
    let page = nav::Graph::with_context(&client)
        .me()
        .messages()
        .list()
        .select([Message::SUBJECT])
        .select([Message::ID])
        .order_by([Message::SUBJECT])
        .top(1)
        .await
        .expect("the documented options are sent once each");
    assert_eq!(page.value[0].subject.value().map(String::as_str), Some("Hello"));
}
