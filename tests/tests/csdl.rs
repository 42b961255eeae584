//! Reads the real Microsoft Graph v1.0 metadata and checks what the CSDL
//! reader makes of it; prints totals for the record.

use generator::csdl::{read_csdl, Csdl, CORE_DESCRIPTION};
use std::collections::BTreeMap;
use std::time::Instant;

fn corpus(test: &str) -> Option<(Csdl, String)> {
    let path = tests::corpus_or_skip(test)?.join("csdl/v1.0.xml");
    let text = std::fs::read_to_string(&path).expect("the corpus has its CSDL");
    let started = Instant::now();
    let csdl = read_csdl(&text, &path.display().to_string()).expect("the corpus reads");
    println!("read {} bytes in {:?}", text.len(), started.elapsed());
    Some((csdl, text))
}

#[test]
fn corpus_counts_inheritance_and_descriptions() {
    let Some((csdl, _)) = corpus("corpus_counts_inheritance_and_descriptions") else {
        return;
    };

    types_and_namespaces(&csdl);
    inheritance_of_user(&csdl);
    descriptions_attached(&csdl);
    annotations_and_members_counted(&csdl);

    print_totals(&csdl);
}

/// The numbers of types and the schemas' namespaces; aliases resolve.
fn types_and_namespaces(csdl: &Csdl) {
    assert_eq!(csdl.entity_types.len(), 507);
    assert_eq!(csdl.complex_types.len(), 515);
    assert_eq!(csdl.enum_types.len(), 322);
    let namespaces: Vec<&str> = csdl.schemas.iter().map(|s| s.namespace.as_str()).collect();
    assert_eq!(
        namespaces,
        [
            "microsoft.graph",
            "microsoft.graph.callRecords",
            "microsoft.graph.externalConnectors"
        ]
    );
    assert_eq!(csdl.resolve_alias("graph.user"), "microsoft.graph.user");
}

/// `user` inherits its key and properties from `directoryObject` and `entity`.
fn inheritance_of_user(csdl: &Csdl) {
    let user = &csdl.entity_types["microsoft.graph.user"];
    assert!(user.key.is_empty(), "user declares no key of its own");
    let keys: Vec<&str> = csdl
        .keys_of("microsoft.graph.user")
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(keys, ["id"]);
    let chain: Vec<String> = csdl
        .base_chain("microsoft.graph.user")
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
    let props = csdl.all_properties("microsoft.graph.user");
    assert_eq!(props[0].name, "id");
    assert!(
        props.iter().any(|p| p.name == "deletedDateTime"),
        "inherited from directoryObject"
    );
    assert!(csdl
        .derived_types("microsoft.graph.directoryObject")
        .contains(&"microsoft.graph.user".to_string()));
}

/// Descriptions inline, from `<Annotations>` blocks, on properties and types.
fn descriptions_attached(csdl: &Csdl) {
    let user = &csdl.entity_types["microsoft.graph.user"];
    // Inline annotation on a property.
    let audit = &csdl.entity_types["microsoft.graph.directoryAudit"];
    assert!(audit
        .property("activityDateTime")
        .and_then(|p| p.description.as_deref())
        .is_some_and(|d| d.starts_with("Indicates the date and time the activity was performed.")));
    // From an <Annotations Target="microsoft.graph.managedDevice/azureADDeviceId"> block.
    let device = &csdl.entity_types["microsoft.graph.managedDevice"];
    let prop = device
        .property("azureADDeviceId")
        .expect("managedDevice.azureADDeviceId");
    assert_eq!(
        prop.description.as_deref(),
        Some("The unique identifier for the Azure Active Directory device. Read only. This property is read-only.")
    );
    assert!(prop
        .annotations
        .iter()
        .any(|a| a.term == "Org.OData.Core.V1.Permissions"));
    // Type-level description from an <Annotations> block.
    assert_eq!(
        user.description.as_deref(),
        Some("Represents an Azure Active Directory user object.")
    );
}

/// Capability annotations kept with their target; members and annotation
/// terms counted; the only problems are the two unresolved targets.
fn annotations_and_members_counted(csdl: &Csdl) {
    // Capability annotations on entity sets are kept with their target.
    let caps = csdl.capability_annotations();
    assert!(caps
        .iter()
        .any(|(target, a)| target == "microsoft.graph.GraphService/users"
            && a.term == "Org.OData.Capabilities.V1.ReadRestrictions"));
    assert_eq!(
        csdl.annotation_terms["microsoft.graph.TransparentContainerProperty"],
        45
    );

    // Counts checked with grep against the file.
    let structured = || csdl.entity_types.values().chain(csdl.complex_types.values());
    assert_eq!(structured().map(|t| t.properties.len()).sum::<usize>(), 4850);
    assert_eq!(structured().map(|t| t.navigation_properties.len()).sum::<usize>(), 603);
    assert_eq!(csdl.actions.values().map(Vec::len).sum::<usize>(), 596);
    assert_eq!(csdl.functions.values().map(Vec::len).sum::<usize>(), 212);
    assert_eq!(csdl.functions["microsoft.graph.delta"].len(), 21);
    assert_eq!(csdl.actions["microsoft.graph.delta"].len(), 1);
    let container = &csdl.containers["microsoft.graph.GraphService"];
    assert_eq!((container.entity_sets.len(), container.singletons.len()), (40, 23));
    assert_eq!(csdl.annotation_terms.values().sum::<usize>(), 7502);
    assert_eq!(
        csdl.annotations_with_term(CORE_DESCRIPTION).len(),
        7250,
        "every description is attached"
    );
    // The only problems are two <Annotations> blocks naming navigation
    // properties their types do not have (user/joinedGroups, managedDevice/users).
    assert!(
        csdl.diagnostics.iter().all(|d| d.code == "unresolved-target"),
        "{:?}",
        csdl.diagnostics
    );
    let unattached: Vec<&str> = csdl.unattached_annotations.iter().map(|u| u.target.as_str()).collect();
    assert_eq!(
        unattached,
        [
            "microsoft.graph.user/joinedGroups",
            "microsoft.graph.managedDevice/users"
        ]
    );
}

fn print_totals(csdl: &Csdl) {
    let types = csdl.entity_types.len() + csdl.complex_types.len() + csdl.enum_types.len();
    let structured = || csdl.entity_types.values().chain(csdl.complex_types.values());
    let properties: usize = structured().map(|t| t.properties.len()).sum();
    let navigation: usize = structured().map(|t| t.navigation_properties.len()).sum();
    let actions: usize = csdl.actions.values().map(Vec::len).sum();
    let functions: usize = csdl.functions.values().map(Vec::len).sum();
    let entity_sets: usize = csdl.containers.values().map(|c| c.entity_sets.len()).sum();
    let singletons: usize = csdl.containers.values().map(|c| c.singletons.len()).sum();
    let described = csdl.annotations_with_term(CORE_DESCRIPTION).len();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &csdl.diagnostics {
        *by_code.entry(d.code.as_str()).or_default() += 1;
    }
    println!("schemas: {}", csdl.schemas.len());
    println!(
        "types: {types} (entity {}, complex {}, enum {})",
        csdl.entity_types.len(),
        csdl.complex_types.len(),
        csdl.enum_types.len()
    );
    println!("properties: {properties}");
    println!("navigation properties: {navigation}");
    println!("actions: {actions} overloads of {} names", csdl.actions.len());
    println!("functions: {functions} overloads of {} names", csdl.functions.len());
    println!("entity sets: {entity_sets}");
    println!("singletons: {singletons}");
    println!("terms declared: {}", csdl.terms.len());
    println!("annotations attached with Core.Description: {described}");
    println!("annotation terms: {:?}", csdl.annotation_terms);
    println!("unattached annotations: {}", csdl.unattached_annotations.len());
    println!("diagnostics: {} {by_code:?}", csdl.diagnostics.len());
    for d in csdl.diagnostics.iter().take(10) {
        println!("  {}:{} {} {}", d.line, d.column, d.code, d.message);
    }
}
