//! The reader's stack of open elements: one [`Frame`] per element, the
//! attributes of a start tag, and what each element may hold.

use crate::csdl::model::*;
use std::borrow::Cow;

/// An annotation expression being built.
pub(super) struct Expr {
    pub(super) element: String,
    pub(super) type_name: Option<String>,
    pub(super) text: String,
    pub(super) children: Vec<AnnotationValue>,
    pub(super) properties: Vec<PropertyValue>,
    pub(super) pos: usize,
}

/// One open element.
pub(super) enum Frame {
    Edmx,
    DataServices,
    Reference(Reference),
    Schema(Schema),
    Structured {
        entity: bool,
        ty: StructuredType,
        pos: usize,
    },
    Key,
    Property(Property),
    NavigationProperty(NavigationProperty),
    Enum {
        ty: EnumType,
        pos: usize,
    },
    Member(EnumMember),
    TypeDefinition {
        ty: TypeDefinition,
        pos: usize,
    },
    Operation(Operation),
    Parameter(Parameter),
    ReturnType(ReturnType),
    Container(EntityContainer),
    EntitySet(EntitySet),
    Singleton(Singleton),
    Import {
        import: OperationImport,
        pos: usize,
    },
    Term(Term),
    Annotations {
        target: String,
        pos: usize,
        annotations: Vec<Annotation>,
    },
    Annotation {
        annotation: Annotation,
        pos: usize,
    },
    Expr(Expr),
    PropertyValue(PropertyValue),
    /// A known element whose content is not modelled.
    Leaf,
    /// An unknown element and everything inside it.
    Skip,
}

impl Frame {
    pub(super) fn host(&mut self) -> Option<&mut dyn Annotated> {
        Some(match self {
            Frame::Schema(x) => x,
            Frame::Structured { ty, .. } => ty,
            Frame::Property(x) => x,
            Frame::NavigationProperty(x) => x,
            Frame::Enum { ty, .. } => ty,
            Frame::Member(x) => x,
            Frame::TypeDefinition { ty, .. } => ty,
            Frame::Operation(x) => x,
            Frame::Parameter(x) => x,
            Frame::ReturnType(x) => x,
            Frame::Container(x) => x,
            Frame::EntitySet(x) => x,
            Frame::Singleton(x) => x,
            Frame::Import { import, .. } => import,
            Frame::Term(x) => x,
            _ => return None,
        })
    }
}

/// Attributes of one start tag by local name.
pub(super) struct Attrs<'a>(pub(super) Vec<(Vec<u8>, Cow<'a, str>)>);

impl Attrs<'_> {
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name.as_bytes())
            .map(|(_, v)| v.as_ref())
    }
    pub(super) fn string(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_string()
    }
    pub(super) fn opt(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }
}

/// True when `parent` already holds a member named `member` of the kind
/// `element` would add (names share one scope per parent, as in CSDL).
pub(super) fn member_exists(parent: &Frame, element: &str, member: &str) -> bool {
    match (parent, element) {
        (Frame::Structured { ty, .. }, "Property" | "NavigationProperty") => {
            ty.property(member).is_some() || ty.navigation_property(member).is_some()
        }
        (Frame::Enum { ty, .. }, "Member") => ty.member(member).is_some(),
        (Frame::Operation(op), "Parameter") => op.parameters.iter().any(|p| p.name == member),
        (Frame::Container(c), "EntitySet" | "Singleton" | "ActionImport" | "FunctionImport") => {
            c.entity_sets.contains_key(member)
                || c.singletons.contains_key(member)
                || c.action_imports.contains_key(member)
                || c.function_imports.contains_key(member)
        }
        _ => false,
    }
}

/// Attributes an element must have (`Type` and friends are checked where
/// they are read).
pub(super) fn required_attributes(element: &str) -> &'static [&'static str] {
    match element {
        "Schema" | "Include" => &["Namespace"],
        "EntityType" | "ComplexType" | "EnumType" | "TypeDefinition" | "Action" | "Function" | "Term"
        | "EntityContainer" | "EntitySet" | "Singleton" | "ActionImport" | "FunctionImport" | "Property"
        | "NavigationProperty" | "Member" | "Parameter" | "PropertyRef" => &["Name"],
        "Annotations" => &["Target"],
        "Annotation" => &["Term"],
        "NavigationPropertyBinding" => &["Path", "Target"],
        "PropertyValue" => &["Property"],
        _ => &[],
    }
}

pub(super) fn frame_name(frame: &Frame) -> &'static str {
    match frame {
        Frame::Edmx => "edmx:Edmx",
        Frame::DataServices => "edmx:DataServices",
        Frame::Reference(_) => "edmx:Reference",
        Frame::Schema(_) => "Schema",
        Frame::Structured { entity: true, .. } => "EntityType",
        Frame::Structured { entity: false, .. } => "ComplexType",
        Frame::Key => "Key",
        Frame::Property(_) => "Property",
        Frame::NavigationProperty(_) => "NavigationProperty",
        Frame::Enum { .. } => "EnumType",
        Frame::Member(_) => "Member",
        Frame::TypeDefinition { .. } => "TypeDefinition",
        Frame::Operation(op) if op.kind == OperationKind::Action => "Action",
        Frame::Operation(_) => "Function",
        Frame::Parameter(_) => "Parameter",
        Frame::ReturnType(_) => "ReturnType",
        Frame::Container(_) => "EntityContainer",
        Frame::EntitySet(_) => "EntitySet",
        Frame::Singleton(_) => "Singleton",
        Frame::Import { .. } => "ActionImport/FunctionImport",
        Frame::Term(_) => "Term",
        Frame::Annotations { .. } => "Annotations",
        Frame::Annotation { .. } => "Annotation",
        Frame::Expr(_) => "annotation expression",
        Frame::PropertyValue(_) => "PropertyValue",
        Frame::Leaf => "element",
        Frame::Skip => "skipped element",
    }
}
