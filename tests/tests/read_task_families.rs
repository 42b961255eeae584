//! Page families the reader once dropped, each on lines quoted from real
//! pages: request blocks under task headings with no `HTTP request`
//! heading, a permissions table whose delimiter row is wider than its
//! header, function parameters written under "Request body", a permission
//! condition per subheading tied to the request lines it names, directory
//! roles inside a note, relationship tables with bold names and no closing
//! pipe.

use generator::diagnostic::Severity;
use generator::read::include::IncludeRoot;
use generator::read::{read_page, read_page_in, PageRead};
use generator::schema::{AllOf, Grant, Operation, PageKind};

fn op(read: &PageRead) -> &Operation {
    read.page.operation.as_ref().expect("an operation page")
}

fn has(read: &PageRead, code: &str, line: u32, severity: Severity) -> bool {
    read.diagnostics
        .iter()
        .any(|d| d.code == code && d.line == line && d.severity == severity)
}

fn least(grant: &Option<Grant>) -> Vec<String> {
    grant
        .iter()
        .flat_map(|g| g.least.iter())
        .map(|a: &AllOf| a.0.join(" and "))
        .collect()
}

/// `api/site-get.md`: no `HTTP request` heading; each request block under a
/// task heading of its own.
const SITE_GET: &str = "# Get a site resource\n\nNamespace: microsoft.graph\n\n\
Retrieve properties and relationships for a [site][] resource.\n\n[site]: ../resources/site.md\n\n\
## Permissions\n\n\
|Permission type      | Permissions (from least to most privileged)              |\n\
|:--------------------|:---------------------------------------------------------|\n\
|Delegated (work or school account) | Sites.Read.All, Sites.ReadWrite.All    |\n\
|Delegated (personal Microsoft account) | Not supported.    |\n\
|Application | Sites.Read.All, Sites.ReadWrite.All |\n\n\
## Get the tenant's root site\n\n\
To access the root SharePoint site within a tenant:\n\n\
<!-- { \"blockType\": \"ignored\" } -->\n\n\
```http\nGET /sites/root\nGET /sites/contoso.sharepoint.com\n```\n\n\
## Access a site by server-relative URL\n\n\
If you have the server-relative URL for a **site** resource, you can construct a request as follows:\n\n\
```http\nGET /sites/{hostname}:/{server-relative-path}\n```\n\n\
## Access a group team site\n\n\
To access the team site for a group:\n\n\
```http\nGET /groups/{group-id}/sites/root\n```\n\n\
## Example\n\n### Request\n\n\
<!-- { \"blockType\": \"request\", \"name\": \"get-site\", \"scopes\": \"sites.read.all\" } -->\n\n\
```msgraph-interactive\nGET /sites/{site-id}\n```\n\n\
### Response\n\n\
<!-- { \"blockType\": \"response\", \"@type\": \"microsoft.graph.site\", \"truncated\": true } -->\n\n\
```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"contoso.sharepoint.com\"\n}\n```\n";

#[test]
fn request_blocks_under_task_headings_make_an_operation_page() {
    let read = read_page("api/site-get.md", SITE_GET);
    assert_eq!(read.page.kind, PageKind::Operation);
    let lines: Vec<String> = op(&read)
        .requests
        .iter()
        .map(|r| format!("{} {}", r.method.as_str(), r.path.template))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /sites/root",
            "GET /sites/{hostname}",
            "GET /sites/{hostname}:/{server-relative-path}",
            "GET /groups/{group-id}/sites/root",
        ]
    );
    // The example host name is the key it stands for.
    assert!(
        has(&read, "path-concrete-id", 25, Severity::Warning),
        "{:?}",
        read.diagnostics
    );
    assert!(!read.diagnostics.iter().any(|d| d.code == "table-ignored"));
    assert_eq!(least(&op(&read).permissions.grants.application), ["Sites.Read.All"]);
    assert_eq!(read.accounting.unaccounted, 0);
}

#[test]
fn a_page_of_prose_under_unknown_headings_stays_other() {
    let page = "# Overview\n\nSome text.\n\n## Working with sites\n\n\
        ```json\n{ \"id\": \"x\" }\n```\n";
    assert_eq!(read_page("concepts.md", page).page.kind, PageKind::Other);
}

/// `api/authenticationmethod-get.md`: the second table's delimiter row has
/// three cells, its header two; markdown shows it as a paragraph.
#[test]
fn a_table_with_a_wider_delimiter_row_is_read() {
    let page = "# Get authenticationMethod\n\nRead it.\n\n## Permissions\n\n\
        One of the following permissions is required to call this API.\n\n\
        ### Permissions acting on self\n\n\
        |Permission type      | Permissions (from least to most privileged)              |\n\
        |:---------------------------------------|:-------------------------|\n\
        | Delegated (work or school account)     | UserAuthenticationMethod.Read, UserAuthenticationMethod.ReadWrite |\n\
        | Delegated (personal Microsoft account) | Not supported. |\n\
        | Application                            | Not supported. |\n\n\
        ### Permissions acting on other users\n\n\
        |Permission type      | Permissions (from least to most privileged)              |\n\
        |:---------------------------------------|:-------------------------|:-----------------|\n\
        | Delegated (work or school account)     | UserAuthenticationMethod.Read.All, UserAuthenticationMethod.ReadWrite.All |\n\
        | Delegated (personal Microsoft account) | Not supported. |\n\
        | Application                            | UserAuthenticationMethod.Read.All, UserAuthenticationMethod.ReadWrite.All |\n\n\
        ## HTTP request\n\n```http\nGET /me/authentication/methods/{id}\nGET /users/{id | userPrincipalName}/authentication/methods/{id}\n```\n";
    let read = read_page("api/authenticationmethod-get.md", page);
    let p = &op(&read).permissions;
    let others = p
        .conditional
        .iter()
        .find(|c| c.condition == "Permissions acting on other users")
        .expect("the second table's condition");
    assert_eq!(least(&others.grants.application), ["UserAuthenticationMethod.Read.All"]);
    assert_eq!(
        least(&others.grants.delegated_work),
        ["UserAuthenticationMethod.Read.All"]
    );
    // The delimiter row is line 20, its rows are accounted for.
    assert!(
        has(&read, "table-delimiter-cells", 20, Severity::Note),
        "{:?}",
        read.diagnostics
    );
    assert_eq!(read.accounting.unaccounted, 0);
    assert_eq!(read.accounting.table_rows, 6);
}

/// `api/intune-rbac-devicemanagement-geteffectivepermissions.md`.
#[test]
fn url_parameters_under_request_body_are_the_functions_parameters() {
    let page = "# getEffectivePermissions function\n\nNot yet documented\n\n\
        ## HTTP Request\n<!-- {\n  \"blockType\": \"ignored\"\n}\n-->\n``` http\nGET /deviceManagement/getEffectivePermissions\n```\n\n\
        ## Request body\nIn the request URL, provide the following query parameters with values.\n\
        The following table shows the parameters that can be used with this function.\n\n\
        |Property|Type|Description|\n|:---|:---|:---|\n|scope|String|Not yet documented|\n\n\
        ## Response\nIf successful, this function returns a `200 OK` response code and a [rolePermission](../resources/intune-rbac-rolepermission.md) collection in the response body.\n";
    let read = read_page("api/intune-rbac-devicemanagement-geteffectivepermissions.md", page);
    let o = op(&read);
    assert!(o.request_body.is_empty(), "{:?}", o.request_body);
    let names: Vec<&str> = o.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["scope"]);
    assert!(
        has(&read, "parameters-in-body-section", 15, Severity::Note),
        "{:?}",
        read.diagnostics
    );

    // A body table without that sentence stays the body.
    let page = page.replace(
        "In the request URL, provide the following query parameters with values.\n",
        "",
    );
    let o = read_page("x.md", &page).page.operation.unwrap();
    assert_eq!(o.request_body.len(), 1);
    assert!(o.parameters.is_empty());
}

/// `api/chatmessage-post.md`: a table per subheading, each tied to the
/// request lines its subheading names.
#[test]
fn each_subheading_condition_is_tied_to_the_lines_it_names() {
    let page = "# Send chatMessage in a channel or a chat\n\nSend it.\n\n## Permissions\n\n\
        ### Permissions for channel\n\
        | Permission type                        | Permissions (from least to most privileged) |\n\
        |:---------------------------------------|:--------------------------------------------|\n\
        | Delegated (work or school account)     | ChannelMessage.Send |\n\
        | Delegated (personal Microsoft account) | Not supported. |\n\
        | Application                            | Not supported. |\n\n\
        ### Permissions for chat\n\
        | Permission type                        | Permissions (from least to most privileged) |\n\
        |:---------------------------------------|:--------------------------------------------|\n\
        | Delegated (work or school account)     | ChatMessage.Send, Chat.ReadWrite |\n\
        | Delegated (personal Microsoft account) | Not supported. |\n\
        | Application                            | Not supported. |\n\n\
        ## HTTP request\n\n**Sending message in a channel**\n\n```http\nPOST /teams/{team-id}/channels/{channel-id}/messages\n```\n\n\
        **Sending replies in a channel**\n\n```http\nPOST /teams/{team-id}/channels/{channel-id}/messages/{message-id}/replies\n```\n\n\
        **Sending message in a chat**\n\n```http\nPOST /chats/{chat-id}/messages\n```\n";
    let p = read_page("api/chatmessage-post.md", page)
        .page
        .operation
        .unwrap()
        .permissions;
    let channel = p
        .conditional
        .iter()
        .find(|c| c.condition == "Permissions for channel")
        .unwrap();
    assert_eq!(
        channel.paths,
        [
            "/teams/{team-id}/channels/{channel-id}/messages",
            "/teams/{team-id}/channels/{channel-id}/messages/{message-id}/replies"
        ]
    );
    let chat = p
        .conditional
        .iter()
        .find(|c| c.condition == "Permissions for chat")
        .unwrap();
    assert_eq!(chat.paths, ["/chats/{chat-id}/messages"]);
    assert_eq!(
        least(&p.for_path("/chats/{chat-id}/messages").delegated_work),
        ["ChatMessage.Send"]
    );
    assert_eq!(
        least(
            &p.for_path("/teams/{team-id}/channels/{channel-id}/messages")
                .delegated_work
        ),
        ["ChannelMessage.Send"]
    );
}

/// An `rbac-for-apis` include of today's docs (`rbac-devices-apis-write.md`):
/// the roles are a list inside a `> [!IMPORTANT]` note.
#[test]
fn directory_roles_inside_a_note_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let include = dir.path().join("includes/rbac-for-apis");
    std::fs::create_dir_all(&include).unwrap();
    std::fs::create_dir_all(dir.path().join("api")).unwrap();
    std::fs::write(
        include.join("rbac-devices-apis-write.md"),
        "---\nauthor: sandeo-MSFT\nms.topic: include\n---\n\n> [!IMPORTANT]\n\
         > In delegated scenarios with work or school accounts, the signed-in user must be assigned a supported [Microsoft Entra role](/entra/identity/role-based-access-control/permissions-reference?toc=%2Fgraph%2Ftoc.json) or a custom role with a supported role permission. The following least privileged roles are supported for this operation.\n\
         > - Intune Administrator\n> - Windows 365 Administrator",
    )
    .unwrap();
    let page = "# Update device\n\nUpdate it.\n\n## Permissions\n\n\
        |Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n\
        |Application|Device.ReadWrite.All|Directory.ReadWrite.All|\n\n\
        [!INCLUDE [rbac-devices-apis-write](../includes/rbac-for-apis/rbac-devices-apis-write.md)]\n\n\
        ## HTTP request\n\n```http\nPATCH /devices/{id}\n```\n";
    let read = read_page_in(IncludeRoot(Some(dir.path())), "api/device-update.md", page);
    let p = &op(&read).permissions;
    assert_eq!(p.directory_roles, ["Intune Administrator", "Windows 365 Administrator"]);

    // An include that names no role is a warning at the include line.
    std::fs::write(
        include.join("rbac-devices-apis-write.md"),
        "---\nms.topic: include\n---\n\nSee the docs.\n",
    )
    .unwrap();
    let read = read_page_in(IncludeRoot(Some(dir.path())), "api/device-update.md", page);
    assert!(op(&read).permissions.directory_roles.is_empty());
    assert!(
        has(&read, "roles-unread", 11, Severity::Warning),
        "{:?}",
        read.diagnostics
    );
}

/// Published text has no list markup: a role line keeps its `+` marker.
#[test]
fn published_role_lines_lose_their_list_markers() {
    let body = "Permissions\n\
        One of the following permissions is required to call this API.\n\
        | Permission type | Permissions (from least to most privileged) | \n|---|---|\n\
        | Delegated (work or school account) | UserAuthenticationMethod.Read.All | \n\
        For delegated scenarios, the admin needs one of the following roles:\n\
        + Global Administrator\n\
        + Authentication Administrator\n\
        HTTP request\n\
        GET /users/{id | userPrincipalName}/authentication/methods\n";
    let text = format!("List methods\nNamespace: microsoft.graph\nList them.\n{body}");
    let read = read_page("authentication-list-methods.txt", &text);
    assert_eq!(
        op(&read).permissions.directory_roles,
        ["Global Administrator", "Authentication Administrator"]
    );
}

/// `resources/list.md`: `Relationship name | Type | Description`, bold
/// names, rows without a closing pipe.
#[test]
fn relationship_tables_with_bold_names_are_read() {
    let page = "# list resource type\n\nNamespace: microsoft.graph\n\nA list.\n\n## Relationships\n\n\
        The **list** resource has the following relationships to other resources.\n\n\
        | Relationship name | Type                             | Description\n\
        |:------------------|:---------------------------------|:----------------------\n\
        | **drive**         | [drive][]                        | Only present on document libraries.\n\
        | **items**         | Collection([listItem][])         | All items contained in the list.\n\
        | **columns**       | Collection([columnDefinition][]) | The collection of field definitions for this list.\n\n\
        [drive]: drive.md\n[listItem]: listitem.md\n[columnDefinition]: columndefinition.md\n";
    let read = read_page("resources/list.md", page);
    let r = read.page.resource.as_ref().expect("a resource page");
    let names: Vec<&str> = r.relationships.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["drive", "items", "columns"]);
    assert!(r.relationships[1].type_ref.is_collection());
    assert!(!read.diagnostics.iter().any(|d| d.code == "table-ignored"));
}

/// `api/chat-post-members.md`: its request line sits in an `ignored` block
/// with no `HTTP request` heading, so the page reads as a resource page and
/// its permissions and headers tables are taken by no reader: each is a
/// warning at its line, not a note; a table of use cases stays a note.
#[test]
fn fact_tables_no_reader_takes_are_warnings() {
    let page = "# Add member to a chat\n\nNamespace: microsoft.graph\n\n\
        Add a [conversationMember](../resources/conversationmember.md) to a [chat](../resources/chat.md).\n\n\
        ## Permissions\n\n\
        One of the following permissions is required to call this API. To learn more, including how to choose permissions, see [Permissions](/graph/permissions-reference).\n\n\
        |Permission Type|Permissions (from least to most privileged)|\n|---------|-------------|\n\
        |Delegated (work or school account)| ChatMember.ReadWrite, Chat.ReadWrite |\n\
        |Delegated (personal Microsoft account)|Not supported.|\n\
        |Application| ChatMember.ReadWrite.All, Chat.ReadWrite.All |\n\n\
        <!-- { \"blockType\": \"ignored\"} -->\n```http\nPOST /chats/{chat-id}/members\n```\n\n\
        ## Request headers\n\n\
        | Header       | Value |\n|:---------------|:--------|\n\
        | Authorization  | Bearer {token}. Required.  |\n\
        |Content-Type|application/json. Required. |\n\n\
        ## Common use cases\n\n\
        | Use cases | REST resources | See also |\n|:---|:---|:---|\n\
        | Create a chat | [chat](../resources/chat.md) | [Chats](../resources/chat.md) |\n";
    let read = read_page("api/chat-post-members.md", page);
    assert!(
        has(&read, "table-facts-ignored", 11, Severity::Warning),
        "{:?}",
        read.diagnostics
    );
    assert!(
        has(&read, "table-facts-ignored", 24, Severity::Warning),
        "{:?}",
        read.diagnostics
    );
    assert!(
        has(&read, "table-ignored", 31, Severity::Note),
        "{:?}",
        read.diagnostics
    );
}

/// A fact-bearing include (a line of `api/chat-post-pinnedmessages.md` of
/// today's docs) under a heading whose reader takes no includes: a warning
/// at the include line, not dropped.
#[test]
fn a_fact_include_where_no_reader_takes_it_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let include = dir.path().join("includes/permissions");
    std::fs::create_dir_all(&include).unwrap();
    std::fs::create_dir_all(dir.path().join("api")).unwrap();
    std::fs::write(
        include.join("chat-post-pinnedmessages-permissions.md"),
        "---\nms.topic: include\n---\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n\
         |:---|:---|:---|\n|Application|ChatMessage.Read.All|Not available.|\n",
    )
    .unwrap();
    let page = "# Pin a message in a chat\n\nPin a message.\n\n## HTTP request\n\n\
        [!INCLUDE [permissions-table](../includes/permissions/chat-post-pinnedmessages-permissions.md)]\n\n\
        ```http\nPOST /chats/{chatId}/pinnedMessages\n```\n";
    let read = read_page_in(IncludeRoot(Some(dir.path())), "api/chat-post-pinnedmessages.md", page);
    assert!(
        has(&read, "include-ignored", 7, Severity::Warning),
        "{:?}",
        read.diagnostics
    );
}
