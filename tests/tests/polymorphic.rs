//! Polymorphism by `@odata.type` on generated code: models and a create
//! route emitted from a small CSDL document and one page (kept in
//! `fixtures/polymorphic_*.rs`, checked against the emitter here;
//! `UPDATE_FIXTURES=1` rewrites them) read derived objects through
//! base-typed properties, choose the derived type by `@odata.type`, keep an
//! unknown derived type as the base type, and a create on the base
//! collection takes any derived type and sends its `@odata.type`.

use generator::csdl::read_csdl;
use generator::read::read_page;
use generator::resolve::resolve;
use serde_json::json;

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="shape" BaseType="graph.entity">
        <Property Name="name" Type="Edm.String" />
      </EntityType>
      <EntityType Name="circle" BaseType="graph.shape">
        <Property Name="radius" Type="Edm.Int32" />
      </EntityType>
      <EntityType Name="square" BaseType="graph.shape">
        <Property Name="side" Type="Edm.Int32" />
      </EntityType>
      <ComplexType Name="drawing">
        <Property Name="main" Type="graph.shape" />
        <Property Name="shapes" Type="Collection(graph.shape)" />
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

/// A create on the collection of the base type `shape`.
const CREATE_PAGE: &str = r#"# Create shape

Namespace: microsoft.graph

Create a new [shape](../resources/shape.md) object.

## Permissions

| Permission type | Permissions (from least to most privileged) |
|:---|:---|
| Delegated (work or school account) | Shapes.ReadWrite.All |
| Delegated (personal Microsoft account) | Not supported. |
| Application | Shapes.ReadWrite.All |

## HTTP request

```http
POST /shapes
```

## Request body

In the request body, supply a JSON representation of a [shape](../resources/shape.md) object.

## Response

If successful, this method returns a `201 Created` response code and a [shape](../resources/shape.md) object in the response body.
"#;

/// The emitted file and the fixture it is kept in.
const FIXTURES: [(&str, &str); 2] = [
    ("models/src/models.rs", "tests/fixtures/polymorphic_models.rs"),
    ("src/generated/routes/shapes.rs", "tests/fixtures/polymorphic_routes.rs"),
];

/// The file emitted at `path` for `CSDL` and `CREATE_PAGE`, without its
/// header comments.
fn emitted(path: &str) -> String {
    let csdl = read_csdl(CSDL, "shapes.xml").expect("reads");
    let page = read_page("shape-post.md", CREATE_PAGE);
    let resolved = resolve(&[page.page], Some(&csdl));
    let files = generator::emit::emit(&resolved.schema, generator::emit::Layout::Workspace).expect("emits");
    let file = files.iter().find(|f| f.path == path).expect("emitted");
    file.contents
        .lines()
        .skip_while(|l| l.starts_with("//"))
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
    include!("fixtures/polymorphic_models.rs");
}

#[allow(dead_code)]
mod routes {
    include!("fixtures/polymorphic_routes.rs");
}

use models::{Drawing, Shape, ShapeKind};

#[test]
fn a_base_typed_property_reads_derived_objects_and_chooses_by_odata_type() {
    let drawing: Drawing = serde_json::from_value(json!({
        "main": { "@odata.type": "#microsoft.graph.circle", "id": "1", "name": "sun", "radius": 2 },
        "shapes": [
            { "@odata.type": "#microsoft.graph.square", "id": "2", "side": 3 },
            { "@odata.type": "#microsoft.graph.triangle", "id": "3", "corners": 3 },
            { "id": "4", "name": "plain" }
        ]
    }))
    .expect("derived objects read through base-typed properties");
    let main: Shape = *drawing.main.value().expect("set").clone();
    assert_eq!(
        main.additional_properties["radius"], 2,
        "derived properties are kept on the base struct"
    );
    match main.clone().into_kind() {
        ShapeKind::Circle(circle) => {
            assert_eq!(circle.radius.value(), Some(&2));
            assert_eq!(circle.name.value().map(String::as_str), Some("sun"));
            assert!(circle.additional_properties.is_empty());
        }
        other => panic!("expected a circle, got {other:?}"),
    }
    let shapes = drawing.shapes.into_option().expect("set");
    let kinds: Vec<ShapeKind> = shapes.into_iter().map(ShapeKind::from).collect();
    assert!(matches!(&kinds[0], ShapeKind::Square(s) if s.side.value() == Some(&3)));
    // An unknown derived type falls back to the base type, losing nothing.
    match &kinds[1] {
        ShapeKind::Shape(shape) => {
            assert_eq!(shape.odata_type.as_deref(), Some("#microsoft.graph.triangle"));
            assert_eq!(shape.additional_properties["corners"], 3);
            let back = serde_json::to_value(shape).unwrap();
            assert_eq!(
                back,
                json!({ "@odata.type": "#microsoft.graph.triangle", "id": "3", "corners": 3 })
            );
        }
        other => panic!("expected the base type, got {other:?}"),
    }
    assert!(matches!(&kinds[2], ShapeKind::Shape(s) if s.odata_type.is_none()));
    assert_eq!(
        Shape::DERIVED_TYPES,
        ["microsoft.graph.circle", "microsoft.graph.square"]
    );
}

#[test]
fn downcast_reads_the_object_as_a_derived_model() {
    let shape: Shape =
        serde_json::from_value(json!({ "@odata.type": "#microsoft.graph.circle", "radius": 5 })).unwrap();
    let circle: models::Circle = shape.downcast().expect("fits");
    assert_eq!(circle.radius.value(), Some(&5));
    assert_eq!(circle.odata_type.as_deref(), Some("#microsoft.graph.circle"));
}

#[test]
fn a_derived_type_built_here_sends_its_odata_type_unless_told_otherwise() {
    // Graph answers 400 when a derived type is posted to a collection of its
    // base type without `@odata.type`: a value built here carries it.
    let mut circle = models::Circle {
        radius: 2.into(),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&circle).unwrap(),
        json!({ "@odata.type": "#microsoft.graph.circle", "radius": 2 })
    );
    circle.odata_type = Some("#microsoft.graph.specialCircle".into());
    assert_eq!(
        serde_json::to_value(&circle).unwrap(),
        json!({ "@odata.type": "#microsoft.graph.specialCircle", "radius": 2 })
    );
    circle.odata_type = None;
    assert_eq!(serde_json::to_value(&circle).unwrap(), json!({ "radius": 2 }));
    // A type with no base has nothing to say; a value read keeps what was sent.
    assert_eq!(serde_json::to_value(models::Entity::default()).unwrap(), json!({}));
    let read: models::Circle = serde_json::from_value(json!({ "radius": 2 })).unwrap();
    assert_eq!(read.odata_type, None);
    assert_eq!(serde_json::to_value(&read).unwrap(), json!({ "radius": 2 }));
}

/// `/shapes`, as navigation would build it (the fixture has no navigation).
fn shapes() -> msgraph_typed::support::NodePath {
    msgraph_typed::support::NodePath::new().literal("shapes")
}

#[test]
fn a_create_on_the_base_collection_takes_any_derived_type_and_sends_its_odata_type() {
    use msgraph_typed::support::Route;
    let circle = models::Circle {
        radius: 2.into(),
        ..Default::default()
    };
    let request = routes::CreateShape::new(shapes(), circle).to_request().unwrap();
    assert_eq!(request.method, http::Method::POST);
    assert_eq!(request.path, "/shapes");
    assert_eq!(
        request.json_body(),
        Some(json!({ "@odata.type": "#microsoft.graph.circle", "radius": 2 }))
    );
    // The base type itself, and a square already chosen as a kind.
    let plain = Shape {
        name: String::from("plain").into(),
        ..Default::default()
    };
    let request = routes::CreateShape::new(shapes(), plain).to_request().unwrap();
    assert_eq!(
        request.json_body(),
        Some(json!({ "@odata.type": "#microsoft.graph.shape", "name": "plain" }))
    );
    let square: ShapeKind = models::Square {
        side: 3.into(),
        ..Default::default()
    }
    .into();
    assert!(matches!(&square, ShapeKind::Square(_)));
    let route = routes::CreateShape::new(shapes(), square);
    assert_eq!(
        route.to_request().unwrap().json_body(),
        Some(json!({ "@odata.type": "#microsoft.graph.square", "side": 3 }))
    );
    // A body read back (as the local Graph or a test does) chooses by `@odata.type`.
    let read: ShapeKind =
        serde_json::from_value(json!({ "@odata.type": "#microsoft.graph.square", "side": 3 })).unwrap();
    assert!(matches!(&read, ShapeKind::Square(s) if s.side.value() == Some(&3)));
    assert_eq!(
        serde_json::to_value(&read).unwrap(),
        json!({ "@odata.type": "#microsoft.graph.square", "side": 3 })
    );
}
