//! Permissions on real pages: today's docs source with and without its
//! include files, published pages, and the planner's request matching over
//! the whole v1.0 corpus (the match shares are printed).

use generator::plan::matcher::Matcher;
use generator::plan::{plan, split_line, LineMatch, RouteTable};
use generator::read::read_folder;
use generator::schema::{AllOf, Cloud, Grant, Page};

fn pages(folder: &str) -> Option<Vec<generator::read::PageRead>> {
    let corpus = tests::corpus()?;
    Some(read_folder(&corpus.join(folder)).expect("sample is readable"))
}

fn page<'a>(reads: &'a [generator::read::PageRead], file: &str) -> &'a generator::read::PageRead {
    reads
        .iter()
        .find(|r| r.page.file == file)
        .unwrap_or_else(|| panic!("no page {file}"))
}

fn grant(least: &[&str], higher: &[&str]) -> Option<Grant> {
    Some(Grant {
        least: least.iter().map(|s| AllOf::one(*s)).collect(),
        higher: higher.iter().map(|s| AllOf::one(*s)).collect(),
    })
}

#[test]
fn current_docs_source_reads_permissions_from_include_files() {
    let Some(reads) = pages("graph-docs-current-sample") else {
        return;
    };
    let files: Vec<&str> = reads.iter().map(|r| r.page.file.as_str()).collect();
    assert!(
        files
            .iter()
            .all(|f| !f.contains("includes/") && !f.ends_with("README.md")),
        "include files and READMEs are not pages: {files:?}"
    );
    let chat = page(&reads, "api/chat-post-pinnedmessages.md");
    let p = &chat.page.operation.as_ref().unwrap().permissions;
    assert_eq!(
        p.grants.delegated_work,
        grant(&["ChatMessage.Send"], &["Chat.ReadWrite"])
    );
    assert_eq!(p.grants.delegated_personal, Some(Grant::not_supported()));
    assert_eq!(p.grants.application, grant(&["Chat.ReadWrite.All"], &[]));
    assert_eq!(p.national_clouds, Cloud::ALL);
    let beta = page(&reads, "beta/api/user-list-ownedobjects.md");
    let p = &beta.page.operation.as_ref().unwrap().permissions;
    let work = p.grants.delegated_work.as_ref().unwrap();
    assert_eq!(work.least, [AllOf::one("User.Read")]);
    assert_eq!(work.higher.len(), 6);
    // Pages copied without their includes: unknown, with a warning naming the file.
    for file in ["api/user-changepassword.md", "api/conditionalaccesspolicy-get.md"] {
        let read = page(&reads, file);
        let p = &read.page.operation.as_ref().unwrap().permissions;
        assert!(p.include_missing && p.grants.is_empty(), "{file}: {p:?}");
        let warning = read
            .diagnostics
            .iter()
            .find(|d| d.code == "include-missing")
            .unwrap_or_else(|| panic!("{file}: no include-missing warning"));
        assert_eq!(warning.file, file);
        assert_eq!(warning.line, 24);
        assert!(warning.message.contains("-permissions.md"), "{}", warning.message);
    }
    for read in &reads {
        let Some(op) = &read.page.operation else { continue };
        assert!(
            op.permissions.include_missing || !op.permissions.is_empty(),
            "{}",
            read.page.file
        );
    }
}

#[test]
fn published_pages_keep_least_privilege_and_skip_prose_scopes() {
    let Some(reads) = pages("learn-current-sample") else {
        return;
    };
    let agent = page(&reads, "v1.0/api/agentuser-delete.md");
    let p = &agent.page.operation.as_ref().unwrap().permissions;
    assert_eq!(
        p.grants.application,
        grant(
            &["AgentIdUser.ReadWrite.IdentityParentedBy"],
            &[
                "AgentIdUser.ReadWrite.All",
                "User.DeleteRestore.All",
                "User.ReadWrite.All"
            ]
        )
    );
    assert!(!format!("{p:?}").contains("Directory.AccessAsUser.All"));
    assert_eq!(p.directory_roles.len(), 3);
    let intune = page(&reads, "v1.0/api/intune-mam-managedappstatus-list.md");
    let p = &intune.page.operation.as_ref().unwrap().permissions;
    assert_eq!(
        p.grants.delegated_work,
        grant(
            &["DeviceManagementApps.Read.All"],
            &["DeviceManagementApps.ReadWrite.All"]
        )
    );
    let settings = page(&reads, "v1.0/api/groupsetting-delete.md");
    let p = &settings.page.operation.as_ref().unwrap().permissions;
    let conditions: Vec<&str> = p.conditional.iter().map(|c| c.condition.as_str()).collect();
    assert_eq!(conditions, ["For tenant-wide settings", "For group-specific settings"]);
    assert_eq!(p.conditional[1].paths, ["/groups/{groupId}/settings/{groupSettingId}"]);
    let shared = page(&reads, "beta/api/intune-shared-user-delete.md");
    let p = &shared.page.operation.as_ref().unwrap().permissions;
    let mam = p
        .conditional
        .iter()
        .find(|c| c.condition == "MAM")
        .expect("MAM sub-row");
    assert_eq!(
        mam.grants.application,
        grant(&["DeviceManagementApps.ReadWrite.All"], &[])
    );
    for read in &reads {
        let Some(op) = &read.page.operation else { continue };
        assert!(!op.permissions.is_empty(), "{} has no permissions", read.page.file);
    }
}

/// Every documented request line matches its own route, and the example
/// requests (concrete URLs) match their page's route; shares printed.
#[test]
fn request_lines_and_examples_match_their_routes() {
    let Some(reads) = pages("graph-docs-v1.0") else { return };
    let pages: Vec<Page> = reads.into_iter().map(|r| r.page).collect();
    let table = RouteTable::new(&pages);
    let mut m = Matches::default();
    for page in &pages {
        let Some(op) = &page.operation else { continue };
        for r in &op.requests {
            m.line(&table, page, r);
        }
        for e in &op.examples {
            let Some(req) = &e.request else { continue };
            // Notifications a bot receives (`https://bot.contoso.com/...`) are not Graph requests.
            let url = req.url.trim();
            if url.starts_with("http") && !url.contains("graph.microsoft.com") {
                continue;
            }
            m.example(&table, page, op, req);
        }
    }
    m.print();
    assert_eq!(m.own, m.lines, "every request line matches its own route");
    // Each upstream entry names an example that is still there and still
    // matches no route of its page (a fixed page or matcher drops it).
    let stale: Vec<_> = UPSTREAM
        .iter()
        .filter(|(file, url, _)| !m.upstream_seen.contains(&(*file, url.to_string())))
        .collect();
    assert!(stale.is_empty(), "stale upstream entries: {stale:?}");
    assert!(
        m.misses.is_empty(),
        "{} examples match no route of their page",
        m.misses.len()
    );
}

/// What the route table made of the corpus's request lines and examples.
#[derive(Default)]
struct Matches<'a> {
    /// Request lines, and those matching their own route.
    lines: usize,
    own: usize,
    /// Example requests, those matching their page's route (`twice` of
    /// them through another page's route), and those wrong upstream.
    examples: usize,
    on_page: usize,
    twice: usize,
    upstream: usize,
    upstream_seen: std::collections::BTreeSet<(&'a str, String)>,
    misses: Vec<String>,
}

impl<'a> Matches<'a> {
    /// Counts one documented request line: it matches its own route, or one
    /// another page documents for the same method and path; else a miss.
    fn line(&mut self, table: &RouteTable, page: &Page, r: &generator::schema::RequestLine) {
        self.lines += 1;
        let line = format!("{} {}", r.method.as_str(), r.path.template);
        match table.find(&line).map(|i| &table.routes[i]) {
            Some(route) if route.template.eq_ignore_ascii_case(&r.path.template) || route.file == page.file => {
                self.own += 1
            }
            // Another page documents the same method and path first.
            Some(route) if route.method == r.method && same_shape(&route.template, &r.path.template) => self.own += 1,
            _ => self.misses.push(format!("{}: {line}", page.file)),
        }
    }

    /// Counts one example request: it matches a route of its page (or one
    /// another page documents for the same request), is wrong upstream
    /// (`UPSTREAM`), or is a miss.
    fn example(
        &mut self,
        table: &RouteTable,
        page: &'a Page,
        op: &generator::schema::Operation,
        req: &generator::schema::ExampleRequest,
    ) {
        self.examples += 1;
        let line = format!("{} {}", req.method.as_str(), req.url);
        let (_, target) = split_line(&line);
        let target = target.to_string();
        let hit = table.find(&line).map(|i| &table.routes[i]);
        match hit {
            Some(route)
                if route.file == page.file
                    || op
                        .requests
                        .iter()
                        .any(|r| same_shape(&route.template, &r.path.template)) =>
            {
                self.on_page += 1
            }
            // Another page documents the same request first (`/me/x` there,
            // `/users/{id}/x` here): the page's own routes match it too.
            Some(_) if own_routes(op).find(req.method.as_str(), &req.url).is_some() => {
                self.on_page += 1;
                self.twice += 1;
            }
            _ if UPSTREAM
                .iter()
                .any(|(file, url, _)| *file == page.file && *url == target) =>
            {
                self.upstream += 1;
                self.upstream_seen.insert((page.file.as_str(), target.clone()));
            }
            _ => self.misses.push(format!(
                "{}: example {target}{}",
                page.file,
                if std::env::var_os("MATCH_MISSES").is_some() {
                    format!(
                        "\n      hit {:?}\n      page {:?}",
                        hit.map(|r| (&r.template, &r.file)),
                        op.requests
                            .iter()
                            .map(|r| format!("{} {}", r.method.as_str(), r.path.template))
                            .collect::<Vec<_>>()
                    )
                } else {
                    String::new()
                }
            )),
        }
    }

    /// Prints the shares and the first misses (all with `MATCH_MISSES` set).
    fn print(&self) {
        let Matches {
            lines,
            own,
            examples,
            on_page,
            twice,
            upstream,
            ..
        } = *self;
        let share = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        eprintln!(
            "request lines matching their own route: {own}/{lines} ({:.2}%)\n\
             example requests matching their page's route: {on_page}/{examples} ({:.2}%; {twice} of them \
             through a route another page documents for the same request)\n\
             examples wrong upstream (not the page's documented request): {upstream}; \
             matching among the rest: {on_page}/{} ({:.2}%)",
            share(own, lines),
            share(on_page, examples),
            examples - upstream,
            share(on_page, examples - upstream)
        );
        let shown = if std::env::var_os("MATCH_MISSES").is_some() {
            self.misses.len()
        } else {
            40
        };
        for m in self.misses.iter().take(shown) {
            eprintln!("  miss {m}");
        }
    }
}

/// A matcher over one page's own routes.
fn own_routes(op: &generator::schema::Operation) -> Matcher<()> {
    let mut m = Matcher::new();
    for r in &op.requests {
        m.insert(r.method.as_str(), &r.path.template, ());
    }
    m
}

/// Example requests of the v1.0 corpus that are not the request their page
/// documents (page, URL as written, why); counted apart from the matcher's
/// share. None is matched by special-casing: each is a miss.
const UPSTREAM: &[(&str, &str, &str)] = &[
    ("api/calendar-delete.md", "https://graph.microsoft.com/v1.0/me/calendar", "the default calendar, no id; the page documents deleting /calendars/{id}"),
    ("api/driveitem-search.md", "/me/drive/search(q='Contoso Project')", "drive-level search is not on the page"),
    ("api/educationclass-delete-members.md", "https://graph.microsoft.com/v1.0/education/classes/{class-id}/members/{member-id}", "the documented request ends in /$ref"),
    ("api/educationclass-delete-teachers.md", "https://graph.microsoft.com/v1.0/education/classes/{class-id}/teachers/{teacher-id}", "the documented request ends in /$ref"),
    ("api/educationschool-delete-classes.md", "https://graph.microsoft.com/v1.0/education/schools/{school-id}/classes/{class-id}", "the documented request ends in /$ref"),
    ("api/educationschool-delete-users.md", "https://graph.microsoft.com/v1.0/education/schools/{school-id}/users/{user-id}", "the documented request ends in /$ref"),
    ("api/educationschool-list-administrativeunit.md", "https://graph.microsoft.com/v1.0/education/classes/{educationClassId}/members/{educationUserId}/schools/{educationSchoolId}/administrativeUnit", "a navigation through classes and members the page does not document"),
    ("api/eventmessage-post-attachments.md", "https://graph.microsoft.com/v1.0/me/events/{id}/attachments", "an event, not the eventMessage the page documents"),
    ("api/externalconnectors-externalitem-create.md", "https://graph.microsoft.com/v1.0/connections/contosohr/items/TSP228082938", "PUT of an item under /connections; the page documents POST to the collection"),
    ("api/externalconnectors-externalitem-update.md", "https://graph.microsoft.com/v1.0/connections/contosohr/items/TSP228082938", "/connections for the documented /external/connections"),
    ("api/group-list-memberof.md", "https://graph.microsoft.com/v1.0/devices/{id}/memberOf/microsoft.graph.group/$count", "a device, not a group (the device page documents it)"),
    ("api/group-post-members.md", "https://graph.microsoft.com/v1.0/groups/{group-id}", "PATCH of the group (the update page documents it)"),
    ("api/nameditem-addformulalocal.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/names/addFormulaLocal", "the page's request lines say names/add"),
    ("api/openshift-update.md", "https://graph.microsoft.com/v1.0/teams/{id}/schedule/openShifts/OPNSHFT_577b75d2-a927-48c0-a5d1-dc984894e7b8", "PATCH; the page documents PUT"),
    ("api/opentypeextension-post-opentypeextension.md", "https://graph.microsoft.com/v1.0/groups/37df2ff0-0de0-4c33-8aee-75289364aef6/conversations", "a new conversation (its own page documents it)"),
    ("api/organizationalbrandingproperties-get.md", "https://graph.microsoft.com/v1.0/organization/d69179bf-f4a4-41a9-a9de-249c0f2efb1d/branding", "the page documents only /branding/{property name}"),
    ("api/organizationalbrandingproperties-update.md", "https://graph.microsoft.com/v1.0/organization/d69179bf-f4a4-41a9-a9de-249c0f2efb1d/branding", "the page documents only /branding/{property name} (the create page documents PATCH /branding)"),
    ("api/organizationalbrandingpropertieslocalization-get.md", "https://graph.microsoft.com/v1.0/organization/d69179bf-f4a4-41a9-a9de-249c0f2efb1d/branding/localizations", "the list is not on the page"),
    ("api/organizationalbrandingpropertieslocalization-get.md", "https://graph.microsoft.com/v1.0/organization/d69179bf-f4a4-41a9-a9de-249c0f2efb1d/branding/localizations/en-US/signInPageText", "a property of a localization, not on the page"),
    ("api/organizationalbrandingpropertieslocalization-update.md", "https://graph.microsoft.com/v1.0/organization/d69179bf-f4a4-41a9-a9de-249c0f2efb1d/branding/localizations/fr/bannerLogo", "a stream property of a localization, not on the page"),
    ("api/presence-get.md", "https://graph.microsoft.com/v1.0/communications/presences/dc74d9bb-6afe-433d-8eaa-e39d80d3a647", "the request line lacks the id"),
    ("api/printershare-post-allowedgroups.md", "https://graph.microsoft.com/v1.0/print/shares/{printerShareId}/allowedGroups/$ref", "the request line says /print/printers/{printerId}/shares"),
    ("api/range-get.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/names/{name}/range", "a named item's range (the nameditem-range page documents it)"),
    ("api/rangeformat-update.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='$A$1')/format/font", "the range's font or fill (their own pages document them)"),
    ("api/rangeformat-update.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='$A$1')/format/fill", "the range's font or fill (their own pages document them)"),
    ("api/rangeformat-update.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='$B$1')/format/font", "the range's font or fill (their own pages document them)"),
    ("api/rangeformat-update.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='$B$1')/format/fill", "the range's font or fill (their own pages document them)"),
    ("api/rangeformat-update.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='$C$1')/format/font", "the range's font or fill (their own pages document them)"),
    ("api/rangeformat-update.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{sheet-id}/range(address='$C$1')/format/fill", "the range's font or fill (their own pages document them)"),
    ("api/shares-get.md", "/shares/{shareIdOrUrl}/driveItem", "the request line lacks /driveItem"),
    ("api/shares-get.md", "/shares/{shareIdOrUrl}/driveItem?$expand=children", "the request line lacks /driveItem"),
    ("api/swapshiftschangerequest-get.md", "https://graph.microsoft.com/v1.0/teams/{teamId}/schedule/swapShiftsChangeRequests/{swapShiftsChangeRequestId}", "the request line lacks the id"),
    ("api/teamsapp-publish.md", "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/a761ad07-22ef-4a53-9feb-2837c8ad4a84/appDefinitions/YTc2MWFkMDctMjJlZi00YTUzLTlmZWItMjgzN2M4YWQ0YTg0IyMxLjEuOCMjU3VibWl0dGVk", "PATCH of an app definition, not on the page"),
    ("api/userflowlanguageconfiguration-list-defaultpages.md", "https://graph.microsoft.com/v1.0/identity/b2cUserFlows/B2X_1_Partner/languages/en/defaultPages", "b2cUserFlows for b2xUserFlows"),
    ("api/userflowlanguagepage-delete.md", "https://graph.microsoft.com/beta/identity/b2xUserFlows/B2X_1_Partner/languages/en/overridesPages/selfasserted1_1/$value", "the request line lacks the page id"),
    ("api/workbook-createsession.md", "https://graph.microsoft.com/v1.0/me/drive/items/{drive-item-id}/workbook/worksheets({id})/createSession", "a worksheet inserted into /workbook/createSession"),
    ("api/worksheet-post-tables.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/{id|name}/tables/{id}/add", "a table id inserted into tables/add"),
    ("api/worksheetcollection-add.md", "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets/add", "the request lines lack /add"),
];

/// Two templates with the same segments up to placeholder names.
fn same_shape(a: &str, b: &str) -> bool {
    let shape = |t: &str| -> Vec<String> {
        t.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.starts_with('{') && s.ends_with('}') {
                    "{}".to_string()
                } else {
                    s.to_ascii_lowercase()
                }
            })
            .collect()
    };
    shape(a) == shape(b)
}

/// The planner over the whole v1.0 corpus: a typo finds the route it
/// misspells first; a request whose page gives one permissions table per
/// resource (`api/directory-deleteditems-get.md`: applications, users,
/// groups) is asked about, never planned with the cheapest row; a row tied
/// to the request's path (`api/calendar-get.md`: `group calendar`) is named.
#[test]
fn corpus_plans_name_rows_ask_per_resource_and_rank_typos() {
    let Some(reads) = pages("graph-docs-v1.0") else { return };
    let pages: Vec<Page> = reads.into_iter().map(|r| r.page).collect();
    let table = RouteTable::new(&pages);
    let report = plan(
        &table,
        "GET /usres/abc\nGET /directory/deletedItems/abc\nGET /groups/g1/calendar\n",
    );
    let LineMatch::Unmatched { nearest, .. } = &report.lines[0] else {
        panic!("{:?}", report.lines[0])
    };
    // `/users/{id}`, in the spelling most routes use.
    let first: Vec<&str> = nearest[0].split('/').collect();
    assert!(
        first.len() == 3 && first[1] == "users" && first[2].starts_with('{'),
        "{nearest:?}"
    );
    let work = &report.kinds[0];
    let asked: Vec<&str> = work.choose.iter().map(|c| c.request.as_str()).collect();
    assert_eq!(asked, ["GET /directory/deletedItems/abc"]);
    let conditions: Vec<&str> = work.choose[0].options.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(conditions, ["For applications:", "For users:", "For groups:"]);
    assert!(
        !work
            .scopes
            .iter()
            .any(|(_, served)| served.iter().any(|s| s.contains("deletedItems"))),
        "{work:?}"
    );
    let LineMatch::Matched { route, .. } = &report.lines[2] else {
        panic!("{:?}", report.lines[2])
    };
    let rows: Vec<&str> = table.routes[*route].rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(rows, ["group calendar"]);
}

/// A matched line names the page documenting that request as such, not one
/// that writes the line with a query selecting something else
/// (`api/opentypeextension-get.md` writes `/users/{id}/messages?$filter=...`),
/// and every page documenting the same bare line.
#[test]
fn corpus_plans_name_the_pages_of_the_request() {
    let Some(reads) = pages("graph-docs-v1.0") else { return };
    let pages: Vec<Page> = reads.into_iter().map(|r| r.page).collect();
    let table = RouteTable::new(&pages);
    let report = plan(
        &table,
        "GET /users/abc/messages?$top=5\nGET /me/messages/{id}/attachments\n",
    );
    let page_of = |i: usize| {
        let LineMatch::Matched { route, .. } = &report.lines[i] else {
            panic!("{:?}", report.lines[i])
        };
        let r = &table.routes[*route];
        let mut all = vec![r.file.clone()];
        all.extend(r.also.iter().cloned());
        all.sort();
        all
    };
    assert_eq!(page_of(0), ["api/user-list-messages.md"]);
    assert_eq!(
        page_of(1),
        [
            "api/eventmessage-list-attachments.md",
            "api/message-list-attachments.md"
        ]
    );
}

/// The planner reads the pages as `regen` does (fixes, CSDL) and names, for
/// each matched line, the route the crate emits and the calls reaching it;
/// the chain is the one the route's rustdoc lists under `# Paths`.
#[test]
fn corpus_plans_name_the_route_a_user_calls() {
    let Some(corpus) = tests::corpus() else { return };
    let input = generator::load::load(&corpus.join("graph-docs-v1.0"), Some(corpus.join("csdl/v1.0.xml")))
        .expect("the corpus loads");
    let (pages, resolved) = input.resolve();
    let mut table = RouteTable::new(&pages);
    table.name_routes(&resolved.schema);
    let report = plan(
        &table,
        "GET /users/abc/messages?$top=5\nPOST /me/sendMail\nPATCH /deviceManagement/deviceConfigurations/c1\n",
    );
    let call = |i: usize| {
        let LineMatch::Matched { route, .. } = &report.lines[i] else {
            panic!("{:?}", report.lines[i])
        };
        let call = table.routes[*route].call.clone().expect("a named route");
        (call.route, call.chain)
    };
    assert_eq!(
        call(0),
        (
            "routes::users::ListUserMessages".to_string(),
            ".users().by_id(id).messages().list()".to_string()
        )
    );
    assert_eq!(
        call(1),
        (
            "routes::users::SendUserMail".to_string(),
            ".me().send_mail(body)".to_string()
        )
    );
    let (route, chain) = call(2);
    assert!(route.starts_with("routes::device_management::"), "{route}");
    assert_eq!(
        chain,
        ".device_management().device_configurations().by_id(device_configuration_id).update(body)"
    );
    // Every line a page documents and the schema keeps has its call.
    let named = table.routes.iter().filter(|r| r.call.is_some()).count();
    eprintln!("routes named: {named} of {}", table.routes.len());
    assert!(
        named * 100 >= table.routes.len() * 97,
        "{named} of {}",
        table.routes.len()
    );
    let human = report.human(&table);
    assert!(
        human.contains("`routes::users::SendUserMail`: `client.me().send_mail(body)`"),
        "{human}"
    );
}
