//! The seed pages in `docs-input/`: a schema snapshot per page and explicit
//! facts for the classic (000) and published-text (004) formats.

use generator::read::read_page;
use generator::schema::{AllOf, Grant, Method, OperationKind, PageFormat, Primitive, TypeRef};
use tests::{docs_input, seed, without_provenance};

#[test]
fn schema_snapshot_per_page() {
    let mut names: Vec<_> = std::fs::read_dir(docs_input())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    for name in names {
        let name = name.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(docs_input().join(&name)).unwrap();
        let read = read_page(&name, &text);
        let snapshot = serde_json::json!({ "page": read.page, "diagnostics": read.diagnostics });
        insta::assert_json_snapshot!(format!("schema_{}", &name[..3]), snapshot);
    }
}

#[test]
fn classic_page_000() {
    let (name, text) = seed("000");
    let read = read_page(&name, &text);
    assert_eq!(read.page.format, PageFormat::ClassicMarkdown);
    let op = read.page.operation.expect("operation page");
    assert_eq!(op.name, "Update deviceConfigurationDeviceOverview");
    assert_eq!(op.kind, OperationKind::Update);
    assert_eq!(op.requests.len(), 8);
    assert!(op.requests.iter().all(|r| r.method == Method::Patch));
    let base = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}";
    let templates: Vec<&str> = op.requests.iter().map(|r| r.path.template.as_str()).collect();
    assert_eq!(templates[0], format!("{base}/deviceStatusOverview"));
    assert_eq!(templates[1], format!("{base}/rootCertificate/deviceStatusOverview"));
    assert_eq!(
        templates[3],
        format!("{base}/identityCertificate/rootCertificate/deviceStatusOverview")
    );
    assert_eq!(
        templates[7],
        format!("{base}/microsoft.graph.windowsPhone81VpnConfiguration/identityCertificate/deviceStatusOverview")
    );
    assert!(templates.iter().all(|t| !t.contains("//") && !t.ends_with('/')));
    // `One of the following scopes`: each alone suffices, no order given.
    assert_eq!(
        op.permissions.grants.unspecified,
        Some(Grant {
            least: vec![
                AllOf::one("DeviceManagementApps.ReadWrite.All"),
                AllOf::one("DeviceManagementConfiguration.ReadWrite.All")
            ],
            higher: vec![],
        })
    );
    let props: Vec<(&str, String)> = op
        .request_body
        .iter()
        .map(|p| (p.name.as_str(), p.type_ref.to_string()))
        .collect();
    assert_eq!(
        props,
        [
            ("id", "Edm.String".to_string()),
            ("pendingCount", "Edm.Int32".into()),
            ("successCount", "Edm.Int32".into()),
            ("errorCount", "Edm.Int32".into()),
            ("failedCount", "Edm.Int32".into()),
            ("lastUpdateDateTime", "Edm.DateTimeOffset".into()),
            ("configurationVersion", "Edm.Int32".into()),
        ]
    );
    let response = op.response.expect("response");
    assert_eq!(response.status, Some(200));
    assert_eq!(response.body, Some(TypeRef::named("deviceConfigurationDeviceOverview")));
    assert_eq!(op.examples.len(), 1);
    assert_eq!(op.examples[0].response.as_ref().unwrap().status, Some(200));
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
}

#[test]
fn published_text_page_004() {
    let (name, text) = seed("004");
    let read = read_page(&name, &text);
    assert_eq!(read.page.format, PageFormat::PublishedText);
    let op = read.page.operation.expect("operation page");
    assert_eq!(op.name, "Update deviceComplianceUserOverview");
    assert_eq!(op.kind, OperationKind::Update);
    assert_eq!(op.requests.len(), 1);
    assert_eq!(
        op.requests[0].path.template,
        "/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicyId}/userStatusOverview"
    );
    assert_eq!(
        op.permissions.grants.delegated_work,
        Some(Grant {
            least: vec![AllOf::one("DeviceManagementConfiguration.ReadWrite.All")],
            higher: vec![],
        })
    );
    assert_eq!(op.permissions.grants.delegated_personal, Some(Grant::not_supported()));
    assert_eq!(op.request_body.len(), 8);
    assert_eq!(op.request_body[6].name, "lastUpdateDateTime");
    assert_eq!(
        op.request_body[6].type_ref,
        TypeRef::Primitive(Primitive::DateTimeOffset)
    );
    let response = op.response.expect("response");
    assert_eq!(response.status, Some(200));
    assert_eq!(response.body, Some(TypeRef::named("deviceComplianceUserOverview")));
    let example = &op.examples[0];
    assert_eq!(
        example.request.as_ref().unwrap().body.as_ref().unwrap().json().unwrap()["pendingCount"],
        12
    );
    assert_eq!(example.response.as_ref().unwrap().status, Some(200));
}

#[test]
fn current_markdown_002_and_published_text_004_agree() {
    let (n2, t2) = seed("002");
    let (n4, t4) = seed("004");
    let a = read_page(&n2, &t2).page;
    let b = read_page(&n4, &t4).page;
    assert_eq!(a.format, PageFormat::CurrentMarkdown);
    assert_eq!(b.format, PageFormat::PublishedText);
    let a = without_provenance(&serde_json::to_value(a.operation.unwrap()).unwrap());
    let mut b = without_provenance(&serde_json::to_value(b.operation.unwrap()).unwrap());
    // The published page states the national clouds (the site's table);
    // its markdown source says nothing of them.
    assert_eq!(a["permissions"].get("national_clouds"), None);
    assert_eq!(
        b["permissions"]["national_clouds"],
        serde_json::json!(["global", "usGovL4", "usGovL5", "china"])
    );
    b["permissions"].as_object_mut().unwrap().remove("national_clouds");
    assert_eq!(a, b);
}

#[test]
fn enum_values_from_descriptions_003() {
    let (name, text) = seed("003");
    let op = read_page(&name, &text).page.operation.unwrap();
    let status = op.request_body.iter().find(|p| p.name == "status").unwrap();
    assert_eq!(status.type_ref, TypeRef::named("complianceStatus"));
    assert_eq!(
        status.enum_values,
        [
            "unknown",
            "notApplicable",
            "compliant",
            "remediated",
            "nonCompliant",
            "error",
            "conflict",
            "notAssigned"
        ]
    );
    assert_eq!(op.requests.len(), 10);
}
