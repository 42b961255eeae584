//! The merge rules on a small hand-written CSDL document and pages.

use super::*;
use crate::csdl::read_csdl;
use crate::diagnostic::Severity;
use crate::resolve::{resolve, Ty};
use crate::schema::{Method, Operation, OperationKind, PageFormat, PageKind, Permissions, RequestLine, Resource};

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="device" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="complianceState" Type="graph.complianceStatus" />
        <Property Name="lastSeen" Type="Edm.DateTimeOffset" />
        <NavigationProperty Name="owner" Type="graph.user" />
      </EntityType>
      <EntityType Name="managedDevice" BaseType="graph.device">
        <Property Name="serial" Type="Edm.String" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity" />
      <EnumType Name="complianceStatus">
        <Member Name="unknown" />
        <Member Name="compliant" />
        <Member Name="noncompliant" />
      </EnumType>
      <Action Name="wipe" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.device" />
      </Action>
      <EntityContainer Name="GraphService">
        <EntitySet Name="devices" EntityType="graph.device" />
        <Singleton Name="me" Type="graph.user" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

fn prop(name: &str, ty: TypeRef, line: u32) -> Property {
    Property {
        name: name.into(),
        type_ref: ty,
        description: format!("Docs on {name}."),
        required: None,
        read_only: false,
        enum_values: Vec::new(),
        line,
    }
}

fn page(file: &str, kind: PageKind) -> Page {
    Page::new(file, PageFormat::CurrentMarkdown, kind)
}

/// A resource page for `Device` (the CSDL spells it `device`) and an
/// operation page with four paths.
fn pages() -> Vec<Page> {
    let mut resource = page("device.md", PageKind::Resource);
    resource.description = Some("A device, as the page describes it.".into());
    let mut compliance = prop("complianceState", TypeRef::named("complianceStatus"), 13);
    compliance.enum_values = vec!["unknown".into(), "compliant".into(), "inGracePeriod".into()];
    resource.resource = Some(Resource {
        name: "Device".into(),
        base_type: Some("entity".into()),
        properties: vec![
            prop("id", TypeRef::Primitive(Primitive::String), 10),
            prop("displayName", TypeRef::Primitive(Primitive::String), 11),
            prop("lastSeen", TypeRef::Primitive(Primitive::String), 12),
            compliance,
            prop("nickname", TypeRef::Primitive(Primitive::String), 14),
        ],
        relationships: Vec::new(),
        json_hints: Default::default(),
        methods: Vec::new(),
        open_type: false,
        is_abstract: false,
    });
    let mut op = page("get-device.md", PageKind::Operation);
    let requests = [
        "/devices/{id}/owner",
        "/devices/{id}/serial",
        "/gadgets/{id}",
        "/me/friends",
        "/devices/{id}/wipe",
    ]
    .iter()
    .enumerate()
    .map(|(i, p)| RequestLine {
        method: Method::Get,
        path: crate::read::path::parse_path(p, 20 + i as u32).expect("path parses"),
    })
    .collect();
    op.operation = Some(Operation {
        name: "Get device".into(),
        kind: OperationKind::Get,
        target: None,
        api_version: None,
        namespace: None,
        description: None,
        requests,
        permissions: Permissions::default(),
        request_headers: Vec::new(),
        odata_query: false,
        query_options: Vec::new(),
        query_parameters: Vec::new(),
        parameters: Vec::new(),
        request_body_type: None,
        request_body: Vec::new(),
        response: None,
        examples: Vec::new(),
    });
    vec![resource, op]
}

fn merged() -> (TypeFacts, Outcome) {
    let csdl = read_csdl(CSDL, "test.xml").expect("reads");
    let pages = pages();
    let mut facts = crate::facts::collect_described(&pages);
    let outcome = merge(&mut facts, &pages, &csdl);
    (facts, outcome)
}

fn drift_of(outcome: &Outcome, kind: DriftKind) -> Vec<&Drift> {
    outcome.drift.iter().filter(|d| d.kind == kind).collect()
}

#[test]
fn matching_is_case_insensitive_and_keeps_the_csdl_spelling() {
    let (facts, outcome) = merged();
    assert!(facts.models.contains_key("microsoft.graph.device"));
    assert!(!facts.models.contains_key("microsoft.graph.Device"));
    assert_eq!(outcome.types.both, ["microsoft.graph.device"]);
    let device = &facts.models["microsoft.graph.device"];
    assert_eq!(device.base.as_deref(), Some("microsoft.graph.entity"));
    assert!(device.sources.contains("device.md") && device.sources.contains(CSDL_SOURCE));
    // The CSDL has no description of the type, so the page's is used.
    assert_eq!(device.description, "A device, as the page describes it.");
}

#[test]
fn docs_only_property_is_kept_with_a_note() {
    let (facts, outcome) = merged();
    let d = drift_of(&outcome, DriftKind::PropertyDocsOnly);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].subject, "microsoft.graph.device/nickname");
    assert_eq!(d[0].rule, Rule::DocsOnlyPropertyKept);
    assert_eq!((d[0].file.as_str(), d[0].line), ("device.md", 14));
    assert_eq!(d[0].diagnostic().code, "drift-property-docs-only");
    assert_eq!(d[0].diagnostic().severity, Severity::Note);
    assert!(facts.models["microsoft.graph.device"]
        .properties
        .iter()
        .any(|p| p.name == "nickname"));
}

#[test]
fn csdl_only_property_is_kept_with_a_note_at_the_resource_page() {
    let (facts, outcome) = merged();
    let d = drift_of(&outcome, DriftKind::PropertyCsdlOnly);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].subject, "microsoft.graph.device/owner");
    assert_eq!(d[0].csdl, "microsoft.graph.user");
    assert_eq!(d[0].rule, Rule::CsdlOnlyPropertyKept);
    assert_eq!(d[0].file, "device.md");
    let owner = facts.models["microsoft.graph.device"]
        .properties
        .iter()
        .find(|p| p.name == "owner")
        .expect("kept");
    assert_eq!(owner.type_ref, TypeRef::named("microsoft.graph.user"));
}

#[test]
fn type_conflict_keeps_the_csdl_type_with_a_warning() {
    let (facts, outcome) = merged();
    let d = drift_of(&outcome, DriftKind::Type);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].subject, "microsoft.graph.device/lastSeen");
    assert_eq!(
        (d[0].docs.as_str(), d[0].csdl.as_str()),
        ("Edm.String", "Edm.DateTimeOffset")
    );
    assert_eq!(d[0].rule, Rule::CsdlTypeKept);
    assert_eq!(d[0].line, 12);
    assert_eq!(d[0].diagnostic().severity, Severity::Warning);
    let last_seen = facts.models["microsoft.graph.device"]
        .properties
        .iter()
        .find(|p| p.name == "lastSeen")
        .unwrap();
    assert_eq!(last_seen.type_ref, TypeRef::Primitive(Primitive::DateTimeOffset));
    // Unqualified `complianceStatus` is the CSDL's `microsoft.graph.complianceStatus`;
    // the inherited `id` agrees with `entity`.
    assert!(outcome
        .properties
        .both
        .contains(&"microsoft.graph.device/complianceState".to_string()));
    assert!(outcome
        .properties
        .both
        .contains(&"microsoft.graph.device/id".to_string()));
    assert!(
        !facts.models["microsoft.graph.device"]
            .properties
            .iter()
            .any(|p| p.name == "id"),
        "inherited, not repeated"
    );
}

#[test]
fn enum_member_drift_unites_members_csdl_first() {
    let (facts, outcome) = merged();
    let d = drift_of(&outcome, DriftKind::EnumMembers);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].subject, "microsoft.graph.complianceStatus");
    assert_eq!(
        (d[0].docs.as_str(), d[0].csdl.as_str()),
        ("inGracePeriod", "noncompliant")
    );
    assert_eq!((d[0].file.as_str(), d[0].line), ("device.md", 13));
    let members: Vec<&str> = facts.enums["microsoft.graph.complianceStatus"]
        .members
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(members, ["unknown", "compliant", "noncompliant", "inGracePeriod"]);
    assert_eq!(outcome.enums.conflict, ["microsoft.graph.complianceStatus"]);
}

#[test]
fn paths_are_checked_against_the_container_and_navigation() {
    let (_, outcome) = merged();
    let d: Vec<(&str, u32)> = drift_of(&outcome, DriftKind::Path)
        .iter()
        .map(|d| (d.docs.as_str(), d.line))
        .collect();
    assert_eq!(d, [("/gadgets", 22), ("/me/friends", 23)]);
    // `serial` is a property of a type derived from `device`; `wipe` a bound action.
    assert_eq!(
        outcome.paths.both,
        ["/devices/{id}/owner", "/devices/{id}/serial", "/devices/{id}/wipe"]
    );
    assert_eq!(outcome.paths.csdl_only, Vec::<String>::new());
}

#[test]
fn resolve_with_csdl_has_every_csdl_type_and_inherited_fields() {
    let csdl = read_csdl(CSDL, "test.xml").expect("reads");
    let resolved = resolve(&pages(), Some(&csdl));
    let schema = &resolved.schema;
    for name in ["entity", "device", "managedDevice", "user"] {
        assert!(schema.models.contains_key(&format!("microsoft.graph.{name}")), "{name}");
    }
    let managed = &schema.models["microsoft.graph.managedDevice"];
    let fields: Vec<&str> = managed.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(
        fields,
        [
            "id",
            "displayName",
            "complianceState",
            "lastSeen",
            "owner",
            "nickname",
            "serial"
        ]
    );
    let state = managed
        .fields
        .iter()
        .find(|f| f.wire_name == "complianceState")
        .unwrap();
    assert_eq!(state.ty, Ty::Enum("ComplianceStatus".into()));
    let codes: Vec<&str> = resolved
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("drift-"))
        .map(|d| d.code.as_str())
        .collect();
    assert!(
        codes.contains(&"drift-type") && codes.contains(&"drift-path") && codes.contains(&"drift-enum-members"),
        "{codes:?}"
    );
    // No `type-undescribed` note for a type the CSDL describes.
    assert!(!resolved.diagnostics.iter().any(|d| d.code == "type-undescribed"));
}

#[test]
fn resolve_without_csdl_keeps_the_page_facts() {
    let resolved = resolve(&pages(), None);
    assert!(resolved.schema.models.contains_key("microsoft.graph.Device"));
    assert!(!resolved.diagnostics.iter().any(|d| d.code.starts_with("drift-")));
}
