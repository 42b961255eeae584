//! Behaviour of the CSDL reader on small hand-written documents.

use super::*;

const EDMX_OPEN: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
"#;
const EDMX_CLOSE: &str = "  </edmx:DataServices>\n</edmx:Edmx>\n";

fn doc(schemas: &str) -> String {
    format!("{EDMX_OPEN}{schemas}{EDMX_CLOSE}")
}

fn read(schemas: &str) -> Csdl {
    read_csdl(&doc(schemas), "test.xml").expect("document reads")
}

const GRAPH: &str = r#"
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="directoryObject" BaseType="graph.entity">
        <Property Name="deletedDateTime" Type="Edm.DateTimeOffset" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.directoryObject" OpenType="true" HasStream="true">
        <Property Name="displayName" Type="Edm.String" MaxLength="256" DefaultValue="none" Precision="3" Scale="variable" />
        <Property Name="businessPhones" Type="Collection(Edm.String)" Nullable="false" />
        <Property Name="mailboxSettings" Type="graph.mailboxSettings" />
        <NavigationProperty Name="manager" Type="graph.directoryObject" Nullable="false" Partner="directReports" />
        <NavigationProperty Name="memberOf" Type="Collection(graph.directoryObject)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="group" BaseType="graph.directoryObject" />
      <EntityType Name="message" BaseType="graph.entity" />
      <ComplexType Name="mailboxSettings">
        <Property Name="timeZone" Type="Edm.String" />
      </ComplexType>
      <EnumType Name="color">
        <Member Name="red" />
        <Member Name="green" />
        <Member Name="blue" />
      </EnumType>
      <EnumType Name="access" IsFlags="true" UnderlyingType="Edm.Int64">
        <Member Name="none" Value="0" />
        <Member Name="read" Value="1" />
        <Member Name="write" Value="2" />
        <Member Name="all" Value="3" />
      </EnumType>
      <Function Name="delta" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.user)" />
        <ReturnType Type="Collection(graph.user)" />
      </Function>
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.group)" />
        <Parameter Name="token" Type="Edm.String" Nullable="false" />
        <ReturnType Type="Collection(graph.group)" Nullable="false" />
      </Function>
      <Action Name="send" IsBound="true" EntitySetPath="bindingParameter">
        <Parameter Name="bindingParameter" Type="graph.message" />
      </Action>
      <Action Name="reset" />
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="microsoft.graph.user">
          <NavigationPropertyBinding Path="manager" Target="directoryObjects" />
          <Annotation Term="Org.OData.Capabilities.V1.ReadRestrictions">
            <Record>
              <PropertyValue Property="Readable" Bool="true" />
              <PropertyValue Property="CustomHeaders">
                <Collection>
                  <Record><PropertyValue Property="Name" String="ConsistencyLevel" /></Record>
                </Collection>
              </PropertyValue>
            </Record>
          </Annotation>
        </EntitySet>
        <Singleton Name="me" Type="graph.user" />
        <ActionImport Name="reset" Action="graph.reset" />
      </EntityContainer>
      <Annotations Target="graph.user/displayName">
        <Annotation Term="Org.OData.Core.V1.Description" String="The name shown in the address book." />
        <Annotation Term="Org.OData.Core.V1.Permissions">
          <EnumMember>Org.OData.Core.V1.Permission/Read</EnumMember>
        </Annotation>
      </Annotations>
    </Schema>
"#;

#[test]
fn aliases_are_replaced_by_namespaces_everywhere() {
    let csdl = read(GRAPH);
    assert_eq!(csdl.aliases.get("graph").map(String::as_str), Some("microsoft.graph"));
    assert_eq!(csdl.resolve_alias("graph.user"), "microsoft.graph.user");
    assert_eq!(
        csdl.resolve_alias("Collection(graph.user)"),
        "Collection(microsoft.graph.user)"
    );
    assert_eq!(csdl.resolve_alias("Edm.String"), "Edm.String");

    let user = &csdl.entity_types["microsoft.graph.user"];
    assert_eq!(user.base_type.as_deref(), Some("microsoft.graph.directoryObject"));
    assert_eq!(
        user.property("mailboxSettings").unwrap().type_ref,
        TypeRef::single("microsoft.graph.mailboxSettings")
    );
    assert_eq!(
        user.navigation_property("memberOf").unwrap().type_ref,
        TypeRef::collection_of("microsoft.graph.directoryObject")
    );
    assert_eq!(
        user.property("businessPhones").unwrap().type_ref,
        TypeRef::collection_of("Edm.String")
    );
    assert_eq!(csdl.singleton("me").unwrap().type_name, "microsoft.graph.user");
    assert_eq!(
        csdl.containers["microsoft.graph.GraphService"].action_imports["reset"].operation,
        "microsoft.graph.reset"
    );
    assert!(csdl.diagnostics.is_empty(), "{:?}", csdl.diagnostics);
}

#[test]
fn attributes_of_types_properties_and_navigation_properties() {
    let csdl = read(GRAPH);
    let user = &csdl.entity_types["microsoft.graph.user"];
    assert!(user.open_type && user.has_stream && !user.is_abstract);
    assert!(csdl.entity_types["microsoft.graph.entity"].is_abstract);

    let name = user.property("displayName").unwrap();
    assert!(name.nullable, "Nullable defaults to true");
    assert_eq!(name.max_length.as_deref(), Some("256"));
    assert_eq!(name.default_value.as_deref(), Some("none"));
    assert_eq!(name.precision, Some(3));
    assert_eq!(name.scale.as_deref(), Some("variable"));
    assert!(!user.property("businessPhones").unwrap().nullable);

    let manager = user.navigation_property("manager").unwrap();
    assert!(!manager.nullable && !manager.contains_target);
    assert_eq!(manager.partner.as_deref(), Some("directReports"));
    assert!(user.navigation_property("memberOf").unwrap().contains_target);

    let users = csdl.entity_set("users").unwrap();
    assert_eq!(users.entity_type, "microsoft.graph.user");
    assert_eq!(
        users.navigation_property_bindings,
        [NavigationPropertyBinding {
            path: "manager".into(),
            target: "directoryObjects".into()
        }]
    );
}

#[test]
fn inheritance_chain_keys_and_properties() {
    let csdl = read(GRAPH);
    let chain: Vec<String> = csdl
        .base_chain("graph.user")
        .iter()
        .map(|t| t.qualified_name())
        .collect();
    assert_eq!(
        chain,
        [
            "microsoft.graph.user",
            "microsoft.graph.directoryObject",
            "microsoft.graph.entity"
        ]
    );

    let keys: Vec<&str> = csdl
        .keys_of("microsoft.graph.user")
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(keys, ["id"]);
    assert!(csdl.keys_of("microsoft.graph.mailboxSettings").is_empty());

    let props: Vec<&str> = csdl
        .all_properties("microsoft.graph.user")
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        props,
        [
            "id",
            "deletedDateTime",
            "displayName",
            "businessPhones",
            "mailboxSettings"
        ]
    );
    assert_eq!(csdl.all_navigation_properties("microsoft.graph.user").len(), 2);

    assert_eq!(
        csdl.derived_types("microsoft.graph.entity"),
        [
            "microsoft.graph.directoryObject",
            "microsoft.graph.message",
            "microsoft.graph.group",
            "microsoft.graph.user"
        ]
    );
    assert_eq!(
        csdl.derived_types("graph.directoryObject"),
        ["microsoft.graph.group", "microsoft.graph.user"]
    );
    assert!(csdl.derived_types("microsoft.graph.user").is_empty());
    assert_eq!(csdl.type_kind("graph.color"), Some(TypeKind::Enum));
    assert_eq!(csdl.type_kind("Edm.Guid"), Some(TypeKind::Primitive));
    assert_eq!(csdl.type_kind("graph.nothing"), None);
}

#[test]
fn base_type_cycles_end_the_chain_and_are_reported() {
    let csdl = read(
        r#"<Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="a" BaseType="ns.b" />
      <EntityType Name="b" BaseType="ns.a" />
      <EntityType Name="c" BaseType="ns.a" />
    </Schema>
"#,
    );
    let chain: Vec<&str> = csdl.base_chain("ns.c").iter().map(|t| t.name.as_str()).collect();
    assert_eq!(chain, ["c", "a", "b"]);
    assert!(csdl.keys_of("ns.c").is_empty());
    assert_eq!(csdl.derived_types("ns.a"), ["ns.b", "ns.c"]);
    let cycles: Vec<&CsdlDiagnostic> = csdl
        .diagnostics
        .iter()
        .filter(|d| d.code == "base-type-cycle")
        .collect();
    assert_eq!(cycles.len(), 2, "a and b are in the cycle, c only leads into it");
    assert_eq!((cycles[0].line, cycles[0].column), (5, 7));
}

#[test]
fn overloads_are_all_kept_in_document_order() {
    let csdl = read(GRAPH);
    let delta = &csdl.functions["microsoft.graph.delta"];
    assert_eq!(delta.len(), 2);
    assert_eq!(
        delta[0].binding_parameter().unwrap().type_ref,
        TypeRef::collection_of("microsoft.graph.user")
    );
    assert!(delta[0].is_composable && !delta[1].is_composable);
    assert_eq!(delta[1].parameters[1].name, "token");
    assert!(!delta[1].parameters[1].nullable);
    let ret = delta[1].return_type.as_ref().unwrap();
    assert_eq!(
        (ret.type_ref.to_string().as_str(), ret.nullable),
        ("Collection(microsoft.graph.group)", false)
    );
    assert_eq!(csdl.operations("graph.delta").len(), 2);
    assert_eq!(csdl.bound_to("Collection(graph.group)").len(), 1);

    let send = &csdl.actions["microsoft.graph.send"][0];
    assert_eq!(send.kind, OperationKind::Action);
    assert_eq!(send.entity_set_path.as_deref(), Some("bindingParameter"));
    assert!(send.return_type.is_none());
    let reset = &csdl.actions["microsoft.graph.reset"][0];
    assert!(!reset.is_bound && reset.binding_parameter().is_none());
}

#[test]
fn enum_flags_and_member_values() {
    let csdl = read(GRAPH);
    let color = &csdl.enum_types["microsoft.graph.color"];
    assert!(!color.is_flags);
    assert_eq!(color.underlying_type, "Edm.Int32");
    let values: Vec<(&str, i64, bool)> = color
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value, m.explicit_value))
        .collect();
    assert_eq!(values, [("red", 0, false), ("green", 1, false), ("blue", 2, false)]);

    let access = &csdl.enum_types["microsoft.graph.access"];
    assert!(access.is_flags);
    assert_eq!(access.underlying_type, "Edm.Int64");
    assert_eq!(
        access.member("all").map(|m| (m.value, m.explicit_value)),
        Some((3, true))
    );
}

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    let text = format!("\u{feff}{}", doc(GRAPH));
    let csdl = read_csdl(&text, "bom.xml").expect("document with BOM reads");
    assert_eq!(csdl, read(GRAPH));
}

#[test]
fn malformed_xml_is_an_error_with_line_and_column() {
    let text = doc(
        r#"    <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="a">
      </ComplexType>
    </Schema>
"#,
    );
    let err = read_csdl(&text, "broken.xml").unwrap_err();
    match &err {
        CsdlError::Xml { file, line, column, .. } => {
            assert_eq!((file.as_str(), *line, *column), ("broken.xml", 6, 7));
        }
        other => panic!("expected an XML error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("broken.xml:6:7: malformed XML"), "{err}");

    // A BOM in front moves the error three bytes on, but it lies before
    // line 1's first character, so line and column stay the same.
    let err = read_csdl(&format!("\u{feff}{text}"), "broken.xml").unwrap_err();
    assert!(matches!(err, CsdlError::Xml { line: 6, column: 7, .. }), "{err:?}");
}

#[test]
fn truncated_documents_and_foreign_roots_are_errors() {
    let err = read_csdl(EDMX_OPEN, "cut.xml").unwrap_err();
    assert!(
        matches!(&err, CsdlError::UnexpectedEof { element, .. } if element == "edmx:DataServices"),
        "{err:?}"
    );
    let err = read_csdl("<html><body/></html>", "page.html").unwrap_err();
    assert!(
        matches!(&err, CsdlError::NotEdmx { found, line: 1, column: 1, .. } if found == "html"),
        "{err:?}"
    );
    let err = read_csdl("<edmx:Edmx><a x=1/></edmx:Edmx>", "attr.xml").unwrap_err();
    assert!(matches!(&err, CsdlError::Xml { line: 1, .. }), "{err:?}");
}

#[test]
fn descriptions_from_inline_and_external_annotations() {
    let csdl = read(
        r#"    <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="thing">
        <Annotation Term="Org.OData.Core.V1.Description" String="A thing." />
        <Property Name="size" Type="Edm.Int32">
          <Annotation Term="Org.OData.Core.V1.Description" String="Inline size." />
          <Annotation Term="Org.OData.Core.V1.LongDescription" String="Long &amp; detailed." />
        </Property>
      </EntityType>
      <EnumType Name="shade"><Member Name="dark" /></EnumType>
      <Function Name="measure" IsBound="true">
        <Parameter Name="bindingParameter" Type="ns.thing" />
        <Parameter Name="unit" Type="Edm.String" />
        <ReturnType Type="Edm.Int32" />
      </Function>
      <EntityContainer Name="Service">
        <EntitySet Name="things" EntityType="ns.thing" />
      </EntityContainer>
      <Annotations Target="ns.thing/size">
        <Annotation Term="Org.OData.Core.V1.Description" String="External size." />
      </Annotations>
      <Annotations Target="ns.shade/dark">
        <Annotation Term="Org.OData.Core.V1.Description" String="Not light." />
      </Annotations>
      <Annotations Target="ns.Service/things">
        <Annotation Term="Org.OData.Core.V1.Description" String="All things." />
      </Annotations>
      <Annotations Target="ns.measure(ns.thing, Edm.String)/unit">
        <Annotation Term="Org.OData.Core.V1.Description" String="Unit name." />
      </Annotations>
      <Annotations Target="ns.measure(ns.thing)">
        <Annotation Term="Org.OData.Core.V1.Description" String="No overload has one parameter." />
      </Annotations>
    </Schema>
"#,
    );
    let thing = &csdl.entity_types["ns.thing"];
    assert_eq!(thing.description.as_deref(), Some("A thing."));
    let size = thing.property("size").unwrap();
    assert_eq!(
        size.description.as_deref(),
        Some("External size."),
        "external annotations come last and win"
    );
    assert_eq!(size.long_description.as_deref(), Some("Long & detailed."));
    assert_eq!(size.annotations.len(), 3);
    assert_eq!(
        csdl.enum_types["ns.shade"].members[0].description.as_deref(),
        Some("Not light.")
    );
    assert_eq!(
        csdl.entity_set("things").unwrap().description.as_deref(),
        Some("All things.")
    );
    let measure = &csdl.functions["ns.measure"][0];
    assert_eq!(measure.parameters[1].description.as_deref(), Some("Unit name."));
    assert_eq!(csdl.annotation_terms["Org.OData.Core.V1.Description"], 7);

    assert_eq!(csdl.unattached_annotations.len(), 1);
    assert_eq!(csdl.unattached_annotations[0].target, "ns.measure(ns.thing)");
    let d = &csdl.diagnostics[0];
    assert_eq!((d.code.as_str(), d.line, d.column), ("unresolved-target", 33, 7));
}

#[test]
fn annotations_may_target_another_schema_through_its_alias() {
    let csdl = read(&format!(
        "{GRAPH}{}",
        r#"    <Schema Namespace="microsoft.graph.callRecords" Alias="callRecords" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="callRecord" BaseType="graph.entity">
        <Property Name="organizer" Type="graph.mailboxSettings" />
      </EntityType>
      <Annotations Target="graph.user/manager">
        <Annotation Term="Org.OData.Core.V1.Description" String="Set from callRecords." />
        <Annotation Term="graph.customTerm" String="kept" />
      </Annotations>
      <Annotations Target="graph.color/green">
        <Annotation Term="Org.OData.Core.V1.Description" String="Green." />
      </Annotations>
    </Schema>
"#
    ));
    let user = &csdl.entity_types["microsoft.graph.user"];
    let manager = user.navigation_property("manager").unwrap();
    assert_eq!(manager.description.as_deref(), Some("Set from callRecords."));
    let custom = manager
        .annotations
        .iter()
        .find(|a| a.term == "microsoft.graph.customTerm")
        .unwrap();
    assert_eq!(custom.value, AnnotationValue::String("kept".into()));
    assert_eq!(csdl.annotation_terms["microsoft.graph.customTerm"], 1);
    assert_eq!(
        csdl.enum_types["microsoft.graph.color"].members[1]
            .description
            .as_deref(),
        Some("Green.")
    );
    assert_eq!(csdl.keys_of("microsoft.graph.callRecords.callRecord")[0].name, "id");
    assert!(csdl.diagnostics.is_empty(), "{:?}", csdl.diagnostics);

    // The user's own description from the first schema is still there.
    let name = user.property("displayName").unwrap();
    assert_eq!(name.description.as_deref(), Some("The name shown in the address book."));
    assert_eq!(
        name.annotations[1].value,
        AnnotationValue::EnumMember("Org.OData.Core.V1.Permission/Read".into())
    );
}

#[test]
fn an_alias_may_be_used_before_it_is_declared() {
    let csdl = read(
        r#"    <Schema Namespace="first.ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="holder"><Property Name="x" Type="later.item" /></ComplexType>
    </Schema>
    <Schema Namespace="second.ns" Alias="later" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="item" />
    </Schema>
"#,
    );
    let holder = &csdl.complex_types["first.ns.holder"];
    assert_eq!(holder.properties[0].type_ref, TypeRef::single("second.ns.item"));
    assert!(csdl.diagnostics.is_empty(), "{:?}", csdl.diagnostics);
}

#[test]
fn capability_annotations_keep_term_target_and_value() {
    let csdl = read(GRAPH);
    let caps = csdl.capability_annotations();
    assert_eq!(caps.len(), 1);
    let (target, ann) = &caps[0];
    assert_eq!(target, "microsoft.graph.GraphService/users");
    assert_eq!(ann.term, "Org.OData.Capabilities.V1.ReadRestrictions");
    let AnnotationValue::Record { properties, .. } = &ann.value else {
        panic!("record expected: {ann:?}")
    };
    assert_eq!(
        properties[0],
        PropertyValue {
            property: "Readable".into(),
            value: AnnotationValue::Bool(true)
        }
    );
    let AnnotationValue::Collection(headers) = &properties[1].value else {
        panic!("collection expected")
    };
    assert_eq!(headers.len(), 1);
}

#[test]
fn unexpected_content_becomes_diagnostics() {
    let csdl = read(
        r#"    <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="a" Abstract="maybe">
        <Property Name="b" Type="ns.missing" />
        <Gadget><Inner /></Gadget>
      </EntityType>
      <EntityType Name="a" />
      <EnumType Name="e"><Member Name="x" Value="one" /></EnumType>
      <EntityContainer Name="C">
        <FunctionImport Name="f" Function="ns.nothing" />
        <EntitySet EntityType="ns.a">
          <NavigationPropertyBinding Path="b" Target="s">
            <Annotation Term="Org.OData.Core.V1.Description" String="nowhere to go" />
          </NavigationPropertyBinding>
        </EntitySet>
      </EntityContainer>
    </Schema>
"#,
    );
    let codes: Vec<(&str, usize)> = csdl.diagnostics.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(
        codes,
        [
            ("invalid-value", 5),
            ("undefined-type", 6),
            ("unknown-element", 7),
            ("duplicate-name", 9),
            ("invalid-value", 10),
            ("undefined-operation", 12),
            ("missing-attribute", 13),
            ("ignored-annotation", 15),
        ]
    );
    assert!(csdl.diagnostics[2].message.contains("<Gadget>"));
    assert_eq!(csdl.diagnostics[6].message, "<EntitySet> has no Name");
    assert_eq!(
        csdl.annotation_terms["Org.OData.Core.V1.Description"], 1,
        "dropped annotations are still counted"
    );
    assert_eq!(
        csdl.entity_types["ns.a"].properties.len(),
        1,
        "the first declaration is kept"
    );
}

#[test]
fn repeated_member_names_keep_the_first() {
    let text = format!(
        "{EDMX_OPEN}{}",
        r#"    <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="a">
        <Property Name="x" Type="Edm.String" />
        <NavigationProperty Name="x" Type="ns.a" />
        <Property Name="x" Type="Edm.Int32" />
      </ComplexType>
      <EnumType Name="e"><Member Name="m" /><Member Name="m" /></EnumType>
      <EntityContainer Name="C">
        <Singleton Name="s" Type="ns.a" />
        <EntitySet Name="s" EntityType="ns.a" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
<extra />
"#,
    );
    let csdl = read_csdl(&text, "dup.xml").unwrap();
    let a = &csdl.complex_types["ns.a"];
    assert_eq!(a.properties.len(), 1);
    assert_eq!(a.properties[0].type_ref, TypeRef::single("Edm.String"));
    assert!(a.navigation_properties.is_empty());
    assert_eq!(csdl.enum_types["ns.e"].members.len(), 1);
    let c = &csdl.containers["ns.C"];
    assert_eq!((c.singletons.len(), c.entity_sets.len()), (1, 0));
    let codes: Vec<(&str, usize)> = csdl.diagnostics.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(
        codes,
        [
            ("duplicate-name", 7),
            ("duplicate-name", 8),
            ("duplicate-name", 10),
            ("duplicate-name", 13),
            ("unknown-element", 18),
        ]
    );
}

#[test]
fn model_round_trips_through_json() {
    let csdl = read(GRAPH);
    let json = serde_json::to_string(&csdl).unwrap();
    let back: Csdl = serde_json::from_str(&json).unwrap();
    assert_eq!(back, csdl);
}
