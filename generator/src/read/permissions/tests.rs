//! The permissions reader on real lines of Graph pages.

use super::*;
use crate::read::read_page;
use crate::schema::{Conditional, Grant, Grants};

/// The permissions of an operation page made of `section` under
/// `## Permissions`.
fn perms(section: &str) -> Permissions {
    let page = format!("# Get thing\n\nGet a thing.\n\n## Permissions\n\n{section}\n\n## HTTP request\n\n```http\nGET /things/{{id}}\n```\n");
    read_page("thing-get.md", &page)
        .page
        .operation
        .expect("an operation")
        .permissions
}

fn all(scopes: &[&str]) -> Vec<AllOf> {
    scopes.iter().map(|s| AllOf::one(*s)).collect()
}

fn grant(least: &[&str], higher: &[&str]) -> Option<Grant> {
    Some(Grant {
        least: all(least),
        higher: all(higher),
    })
}

#[test]
fn three_column_table_keeps_least_and_higher_apart() {
    let p = perms(
        "|Permission type|Least privileged permissions|Higher privileged permissions|\n\
         |:---|:---|:---|\n\
         |Delegated (work or school account)|ChatMessage.Send|Chat.ReadWrite|\n\
         |Delegated (personal Microsoft account)|Not supported.|Not supported.|\n\
         |Application|Chat.ReadWrite.All|Not available.|",
    );
    assert_eq!(
        p.grants.delegated_work,
        grant(&["ChatMessage.Send"], &["Chat.ReadWrite"])
    );
    assert_eq!(p.grants.delegated_personal, Some(Grant::not_supported()));
    assert_eq!(p.grants.application, grant(&["Chat.ReadWrite.All"], &[]));
    assert!(p.grants.unspecified.is_none());
}

/// `usersettings-get.md`: a comma without its space still separates.
#[test]
fn scopes_joined_by_a_bare_comma() {
    let p = perms(
        "|Permission type      | Permissions (from least to most privileged)              |\n\
         |:--------------------|:---------------------------------------------------------|\n\
         |Application | User.Read.All,User.ReadWrite.All |",
    );
    assert_eq!(p.grants.application, grant(&["User.Read.All"], &["User.ReadWrite.All"]));
}

#[test]
fn ordered_lists_least_first_and_most_to_least_reversed() {
    let p = perms(
        "| Permission type | Permissions \\(from least to most privileged\\) |\n| :--- | :--- |\n\
         | Delegated \\(work or school account\\) | DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All |",
    );
    assert_eq!(
        p.grants.delegated_work,
        grant(
            &["DeviceManagementApps.Read.All"],
            &["DeviceManagementApps.ReadWrite.All"]
        )
    );
    let p = perms(
        "|Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n\
         |Application|Directory.ReadWrite.All, Directory.Read.All, User.Read.All|",
    );
    assert_eq!(
        p.grants.application,
        grant(&["User.Read.All"], &["Directory.Read.All", "Directory.ReadWrite.All"])
    );
}

#[test]
fn all_of_groups_stay_together() {
    let p = perms(
        "| Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n\
         | Delegated (work or school account)     | Policy.Read.All and Application.ReadWrite.All, Policy.ReadWrite.ApplicationConfiguration and Application.ReadWrite.All |",
    );
    let g = p.grants.delegated_work.expect("delegated");
    assert_eq!(
        g.least,
        [AllOf(vec![
            "Policy.Read.All".into(),
            "Application.ReadWrite.All".into()
        ])]
    );
    assert_eq!(
        g.higher,
        [AllOf(vec![
            "Policy.ReadWrite.ApplicationConfiguration".into(),
            "Application.ReadWrite.All".into()
        ])]
    );
}

#[test]
fn workload_sub_rows_are_conditions_of_their_kind() {
    let p = perms(
        "|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Delegated (work or school account)||\n\
         | &nbsp; &nbsp; **Mobile app management (MAM)** | DeviceManagementApps.ReadWrite.All, DeviceManagementConfiguration.ReadWrite.All|\n\
         |Delegated (personal Microsoft account)|Not supported.|\n\
         |Application||\n\
         | **Onboarding** | DeviceManagementServiceConfig.ReadWrite.All |",
    );
    assert!(p.grants.delegated_work.is_none(), "the scopes hold per workload");
    assert_eq!(p.grants.delegated_personal, Some(Grant::not_supported()));
    let conditions: Vec<(&str, &Grants)> = p
        .conditional
        .iter()
        .map(|c| (c.condition.as_str(), &c.grants))
        .collect();
    assert_eq!(conditions.len(), 2);
    assert_eq!(conditions[0].0, "Mobile app management (MAM)");
    assert_eq!(
        conditions[0].1.delegated_work,
        grant(
            &["DeviceManagementApps.ReadWrite.All"],
            &["DeviceManagementConfiguration.ReadWrite.All"]
        )
    );
    assert_eq!(conditions[1].0, "Onboarding");
    assert_eq!(
        conditions[1].1.application,
        grant(&["DeviceManagementServiceConfig.ReadWrite.All"], &[])
    );
}

#[test]
fn resource_by_kind_tables_give_one_condition_per_resource() {
    // api/calendar-get.md
    let p = perms(
        "| Calendar | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n\
         |:-----|:-----|:-----|:-----|\n\
         | user calendar | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite |\n\
         | group calendar | Group.Read.All, Group.ReadWrite.All | Not supported. | Not supported. |",
    );
    assert!(p.grants.is_empty());
    let c: Vec<&Conditional> = p.conditional.iter().collect();
    assert_eq!(c[0].condition, "user calendar");
    assert_eq!(
        c[0].grants.application,
        grant(&["Calendars.Read"], &["Calendars.ReadWrite"])
    );
    assert_eq!(c[1].condition, "group calendar");
    assert_eq!(
        c[1].grants.delegated_work,
        grant(&["Group.Read.All"], &["Group.ReadWrite.All"])
    );
    assert_eq!(c[1].grants.application, Some(Grant::not_supported()));
}

#[test]
fn supported_resource_permission_tables() {
    let p = perms(
        "|Supported resource|Permission|\n|:---|:---|\n|[user](../resources/user.md)|User.Read.All, User.ReadWrite.All|\n|[group](../resources/group.md)|Group.Read.All|",
    );
    assert_eq!(p.conditional.len(), 2);
    assert_eq!(p.conditional[0].condition, "user");
    assert_eq!(
        p.conditional[0].grants.unspecified,
        grant(&["User.Read.All"], &["User.ReadWrite.All"])
    );
    assert_eq!(p.conditional[1].grants.unspecified, grant(&["Group.Read.All"], &[]));
}

#[test]
fn conditions_written_in_a_cell() {
    let p = perms(
        "|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Application | Chat.UpdatePolicyViolation.All for a chat message.</br>ChannelMessage.UpdatePolicyViolation.All for a channel message. |\n\
         |Delegated (work or school account)| For **user** or **chat** resource: Chat.ReadBasic, Chat.Read, Chat.ReadWrite<br/><br/>For **channel** resource: ChannelMember.Read.All, ChannelMember.ReadWrite |",
    );
    let named: Vec<(&str, Option<&Grant>, Option<&Grant>)> = p
        .conditional
        .iter()
        .map(|c| {
            (
                c.condition.as_str(),
                c.grants.application.as_ref(),
                c.grants.delegated_work.as_ref(),
            )
        })
        .collect();
    assert_eq!(named.len(), 4, "{named:?}");
    assert_eq!(named[0].0, "for a chat message");
    assert_eq!(named[0].1, grant(&["Chat.UpdatePolicyViolation.All"], &[]).as_ref());
    assert_eq!(named[1].0, "for a channel message");
    assert_eq!(
        named[1].1,
        grant(&["ChannelMessage.UpdatePolicyViolation.All"], &[]).as_ref()
    );
    assert_eq!(named[2].0, "For user or chat resource");
    assert_eq!(
        named[2].2,
        grant(&["Chat.ReadBasic"], &["Chat.Read", "Chat.ReadWrite"]).as_ref()
    );
    assert_eq!(named[3].0, "For channel resource");
    assert!(!format!("{p:?}").contains("message.B"));
}

#[test]
fn classic_scope_lists_italic_bulleted_and_plain() {
    let p = perms("One of the following **scopes** is required to execute this API:\n\n*DeviceManagementApps.ReadWrite.All; DeviceManagementConfiguration.ReadWrite.All*");
    assert_eq!(
        p.grants.unspecified,
        grant(
            &[
                "DeviceManagementApps.ReadWrite.All",
                "DeviceManagementConfiguration.ReadWrite.All"
            ],
            &[]
        )
    );
    let p = perms(
        "One of the following scopes is required to execute this API:\n\n* Files.ReadWrite\n* Files.ReadWrite.All",
    );
    assert_eq!(
        p.grants.unspecified,
        grant(&["Files.ReadWrite", "Files.ReadWrite.All"], &[])
    );
    let p = perms("One of the following scopes is required to execute this API:\n\nNotes.Create, Notes.Read, or Notes.ReadWrite.All");
    assert_eq!(
        p.grants.unspecified,
        grant(&["Notes.Create", "Notes.Read", "Notes.ReadWrite.All"], &[])
    );
}

#[test]
fn conditional_scope_list_items() {
    let p = perms(
        "One of the following permissions is required to call this API:\n\n\
         * If accessing attachments in Events: *Calendars.ReadWrite*\n\
         * If accessing attachments in Group Events or Posts: Group.ReadWrite.All.",
    );
    assert!(p.grants.is_empty());
    assert_eq!(p.conditional.len(), 2, "{:?}", p.conditional);
    assert_eq!(p.conditional[0].condition, "If accessing attachments in Events");
    assert_eq!(
        p.conditional[0].grants.unspecified,
        grant(&["Calendars.ReadWrite"], &[])
    );
    assert_eq!(
        p.conditional[1].condition,
        "If accessing attachments in Group Events or Posts"
    );
    assert_eq!(
        p.conditional[1].grants.unspecified,
        grant(&["Group.ReadWrite.All"], &[])
    );
}

#[test]
fn scopes_in_notes_beside_a_table_are_not_permissions() {
    // learn-current-sample/v1.0/api/agentuser-delete.md
    let section = "| Permission type | Least privileged permission | Higher privileged permissions |\n| :--- | :--- | :--- |\n\
         | Delegated \\(work or school account\\) | AgentIdUser.ReadWrite.IdentityParentedBy | AgentIdUser.ReadWrite.All, User.DeleteRestore.All, User.ReadWrite.All |\n\n\
         Important\n\n\
         The calling user must be assigned at least one of the following [Microsoft Entra roles](https://learn.microsoft.com/x):\n\n\
         - User Administrator\n- Privileged Authentication Administrator\n\n\
         To delete users with privileged administrator roles in delegated scenarios, the app must be assigned the *Directory.AccessAsUser.All* delegated permission.";
    let page = format!("# Delete agentUser\n\nDelete it.\n\n## Permissions\n\n{section}\n\n## HTTP request\n\n```http\nDELETE /users/{{userId}}\n```\n");
    let read = read_page("agentuser-delete.md", &page);
    let p = read.page.operation.unwrap().permissions;
    let all: Vec<&AllOf> = p.grants.delegated_work.as_ref().unwrap().all().collect();
    assert!(!all.iter().any(|a| a.0[0] == "Directory.AccessAsUser.All"));
    assert_eq!(
        p.directory_roles,
        ["User Administrator", "Privileged Authentication Administrator"]
    );
    assert!(read.diagnostics.iter().any(|d| d.code == "permission-in-prose"));
}

#[test]
fn subsection_headings_are_conditions() {
    // learn-current-sample/v1.0/api/groupsetting-delete.md
    let p = perms(
        "### For tenant-wide settings\n\n\
         | Permission type | Least privileged permissions | Higher privileged permissions |\n| :--- | :--- | :--- |\n\
         | Application | GroupSettings.ReadWrite.All | Directory.ReadWrite.All, Policy.ReadWrite.Authorization |\n\n\
         ### For group-specific settings\n\n\
         | Permission type | Least privileged permissions | Higher privileged permissions |\n| :--- | :--- | :--- |\n\
         | Application | Group.ReadWrite.All | Directory.ReadWrite.All |",
    );
    assert_eq!(p.conditional.len(), 2);
    assert_eq!(p.conditional[0].condition, "For tenant-wide settings");
    assert_eq!(
        p.conditional[0].grants.application,
        grant(
            &["GroupSettings.ReadWrite.All"],
            &["Directory.ReadWrite.All", "Policy.ReadWrite.Authorization"]
        )
    );
    assert_eq!(p.conditional[1].condition, "For group-specific settings");
}

#[test]
fn cell_reading() {
    assert_eq!(
        scopes("User.Read, User.ReadWrite or Directory.Read.All*"),
        ["User.Read", "User.ReadWrite", "Directory.Read.All"]
    );
    assert!(scopes("TODO: Determine scopes").is_empty());
    assert!(scopes("e.g. something").is_empty());
    assert!(is_not_supported("Not Supported."));
    assert!(is_not_supported("Not available."));
    assert!(is_not_supported("n/a"));
    let pieces = cell_of("offline_access and User.Read");
    assert_eq!(
        pieces[0].alternatives,
        [AllOf(vec!["offline_access".into(), "User.Read".into()])]
    );
}

#[test]
fn national_cloud_table() {
    let page = "# Delete a group setting\n\nDelete it.\n\n\
        This API is available in the following [national cloud deployments](https://learn.microsoft.com/en-us/graph/deployments).\n\n\
        | Global service | US Government L4 | US Government L5 \\(DOD\\) | China operated by 21Vianet |\n| --- | --- | --- | --- |\n| ✅ | ✅ | ✅ | ❌ |\n\n\
        ## HTTP request\n\n```http\nDELETE /groupSettings/{id}\n```\n";
    let read = read_page("groupsetting-delete.md", page);
    let p = read.page.operation.unwrap().permissions;
    assert_eq!(p.national_clouds, [Cloud::Global, Cloud::UsGovL4, Cloud::UsGovL5]);
    assert!(!read.diagnostics.iter().any(|d| d.code == "table-ignored"));
}

#[test]
fn resource_conditions_are_tied_to_the_paths_naming_the_resource() {
    let page = "# Get calendar\n\nGet it.\n\n## Permissions\n\n\
        | Calendar | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:-----|:-----|:-----|:-----|\n\
        | user calendar | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite | Calendars.Read, Calendars.ReadWrite |\n\
        | group calendar | Group.Read.All, Group.ReadWrite.All | Not supported. | Not supported. |\n\n\
        ## HTTP request\n\n```http\nGET /me/calendar\nGET /users/{id | userPrincipalName}/calendar\nGET /groups/{id}/calendar\n```\n";
    let p = read_page("calendar-get.md", page).page.operation.unwrap().permissions;
    assert_eq!(
        p.conditional[0].paths,
        ["/me/calendar", "/users/{id | userPrincipalName}/calendar"]
    );
    assert_eq!(p.conditional[1].paths, ["/groups/{id}/calendar"]);
    let me = p.for_path("/me/calendar");
    assert_eq!(me.delegated_work, grant(&["Calendars.Read"], &["Calendars.ReadWrite"]));
    let group = p.for_path("/groups/{id}/calendar");
    assert_eq!(group.application, Some(Grant::not_supported()));
}

#[test]
fn published_text_subheadings_and_role_lines_read_as_in_markdown() {
    // api/authentication-list-methods.md as the site shows it: the `###`
    // headings and the roles list lose their markup.
    let body = "Permissions\n\
        One of the following permissions is required to call this API.\n\
        Permissions acting on self\n\
        | Permission type | Permissions (from least to most privileged) | \n|---|---|\n\
        | Delegated (work or school account) | UserAuthenticationMethod.Read, UserAuthenticationMethod.ReadWrite | \n\
        | Application | Not supported. | \n\
        Permissions acting on other users\n\
        | Permission type | Permissions (from least to most privileged) | \n|---|---|\n\
        | Application | UserAuthenticationMethod.Read.All, UserAuthenticationMethod.ReadWrite.All | \n\
        For delegated scenarios where an admin is acting on another user, the admin needs one of the following roles:\n\
        Global admin\n\
        Authentication admin (only sees masked phone numbers)\n\
        HTTP request\n\
        GET /me/authentication/methods\n";
    let read = read_page("authentication-list-methods.txt", body);
    assert_eq!(read.page.format, crate::schema::PageFormat::PublishedText);
    let p = read.page.operation.expect("an operation").permissions;
    assert!(p.grants.is_empty(), "every table is under a subheading: {:?}", p.grants);
    let conditions: Vec<&str> = p.conditional.iter().map(|c| c.condition.as_str()).collect();
    assert_eq!(
        conditions,
        ["Permissions acting on self", "Permissions acting on other users"]
    );
    assert_eq!(
        p.conditional[1].grants.application,
        grant(
            &["UserAuthenticationMethod.Read.All"],
            &["UserAuthenticationMethod.ReadWrite.All"]
        )
    );
    assert_eq!(
        p.directory_roles,
        ["Global admin", "Authentication admin (only sees masked phone numbers)"]
    );
}

#[test]
fn a_sentence_above_a_table_is_no_condition() {
    let p = perms(
        "The following permission is required to call this API\n\n\
         |Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Application|User.Read.All|",
    );
    // Nine words: a sentence without its full stop, not a subheading.
    assert!(p.conditional.is_empty());
    assert_eq!(p.grants.application, grant(&["User.Read.All"], &[]));
}
