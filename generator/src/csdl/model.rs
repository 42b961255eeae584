//! Plain data read from an OData CSDL document: schemas, types, operations,
//! the entity container and annotations, every name fully qualified.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Term name of the core short description annotation.
pub const CORE_DESCRIPTION: &str = "Org.OData.Core.V1.Description";
/// Term name of the core long description annotation.
pub const CORE_LONG_DESCRIPTION: &str = "Org.OData.Core.V1.LongDescription";
/// Namespace prefix of the capability vocabulary (`...Restrictions` terms).
pub const CAPABILITIES_NAMESPACE: &str = "Org.OData.Capabilities.V1.";

/// Everything read from one CSDL document.
///
/// Maps are keyed by the full qualified name (`namespace.Name`), aliases
/// already replaced by their namespace.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Csdl {
    /// `edmx:Reference` elements: documents whose namespaces may be used.
    pub references: Vec<Reference>,
    /// Schemas in document order.
    pub schemas: Vec<Schema>,
    /// Alias to namespace, from schemas and references.
    pub aliases: BTreeMap<String, String>,
    pub entity_types: BTreeMap<String, StructuredType>,
    pub complex_types: BTreeMap<String, StructuredType>,
    pub enum_types: BTreeMap<String, EnumType>,
    pub type_definitions: BTreeMap<String, TypeDefinition>,
    /// Actions by qualified name; overloads in document order.
    pub actions: BTreeMap<String, Vec<Operation>>,
    /// Functions by qualified name; overloads in document order.
    pub functions: BTreeMap<String, Vec<Operation>>,
    /// Term declarations by qualified name; repeated declarations kept in
    /// document order.
    pub terms: BTreeMap<String, Vec<Term>>,
    pub containers: BTreeMap<String, EntityContainer>,
    /// How often each annotation term occurs (inline and external), by
    /// qualified term name.
    pub annotation_terms: BTreeMap<String, usize>,
    /// External annotations whose target names nothing in the document.
    pub unattached_annotations: Vec<TargetedAnnotation>,
    /// Everything unexpected met while reading.
    pub diagnostics: Vec<CsdlDiagnostic>,
}

/// A problem in the document that did not stop reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlDiagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Short stable code, e.g. `unknown-element`, `undefined-type`.
    pub code: String,
    pub message: String,
}

/// An `edmx:Reference` with its `edmx:Include`s.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Reference {
    pub uri: String,
    pub includes: Vec<Include>,
}

/// One included namespace of a reference.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Include {
    pub namespace: String,
    pub alias: Option<String>,
}

/// A `<Schema>` element.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// A reference to a type: a qualified name, possibly in a collection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct TypeRef {
    /// Qualified name, e.g. `microsoft.graph.user` or `Edm.String`.
    pub name: String,
    /// True for `Collection(...)`.
    pub collection: bool,
}

impl TypeRef {
    /// A single (non-collection) reference.
    pub fn single(name: impl Into<String>) -> Self {
        TypeRef {
            name: name.into(),
            collection: false,
        }
    }

    /// A collection reference.
    pub fn collection_of(name: impl Into<String>) -> Self {
        TypeRef {
            name: name.into(),
            collection: true,
        }
    }

    /// True for the built-in `Edm.*` types.
    pub fn is_primitive(&self) -> bool {
        self.name.starts_with("Edm.")
    }
}

impl std::fmt::Display for TypeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.collection {
            write!(f, "Collection({})", self.name)
        } else {
            f.write_str(&self.name)
        }
    }
}

/// An entity type or a complex type (the map it sits in tells which).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StructuredType {
    /// Simple name.
    pub name: String,
    /// Namespace the type is declared in.
    pub namespace: String,
    pub base_type: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    /// Own key (entity types only); see `Csdl::keys_of` for inherited keys.
    pub key: Vec<PropertyRef>,
    pub properties: Vec<Property>,
    pub navigation_properties: Vec<NavigationProperty>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

impl StructuredType {
    /// `namespace.Name`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    /// Own structural property by name.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Own navigation property by name.
    pub fn navigation_property(&self, name: &str) -> Option<&NavigationProperty> {
        self.navigation_properties.iter().find(|p| p.name == name)
    }
}

/// A `<PropertyRef>` inside `<Key>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PropertyRef {
    pub name: String,
    pub alias: Option<String>,
}

/// A structural property.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    pub type_ref: TypeRef,
    /// `Nullable`, default true.
    pub nullable: bool,
    pub default_value: Option<String>,
    pub max_length: Option<String>,
    pub precision: Option<u32>,
    pub scale: Option<String>,
    pub unicode: Option<bool>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// A navigation property.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NavigationProperty {
    pub name: String,
    pub type_ref: TypeRef,
    /// `Nullable`, default true.
    pub nullable: bool,
    pub contains_target: bool,
    pub partner: Option<String>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// An enumeration type.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EnumType {
    pub name: String,
    pub namespace: String,
    pub is_flags: bool,
    /// `UnderlyingType`, default `Edm.Int32`.
    pub underlying_type: String,
    pub members: Vec<EnumMember>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

impl EnumType {
    /// Member by name.
    pub fn member(&self, name: &str) -> Option<&EnumMember> {
        self.members.iter().find(|m| m.name == name)
    }
}

/// An enumeration member with its value (explicit, or implicit 0, 1, 2...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    pub value: i64,
    /// True when the document gave `Value`.
    pub explicit_value: bool,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// A `<TypeDefinition>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TypeDefinition {
    pub name: String,
    pub namespace: String,
    pub underlying_type: String,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// Action or function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub enum OperationKind {
    #[default]
    Action,
    Function,
}

/// One overload of an action or function.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Operation {
    pub kind: OperationKind,
    pub name: String,
    pub namespace: String,
    pub is_bound: bool,
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    /// Parameters in order; for a bound operation the first is the binding
    /// parameter.
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

impl Operation {
    /// The binding parameter of a bound operation.
    pub fn binding_parameter(&self) -> Option<&Parameter> {
        if self.is_bound {
            self.parameters.first()
        } else {
            None
        }
    }

    /// `namespace.Name`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

/// An operation parameter.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    pub type_ref: TypeRef,
    /// `Nullable`, default true.
    pub nullable: bool,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// An operation's return type.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReturnType {
    pub type_ref: TypeRef,
    /// `Nullable`, default true.
    pub nullable: bool,
    pub annotations: Vec<Annotation>,
}

/// A `<Term>` declaration.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Term {
    pub name: String,
    pub namespace: String,
    pub type_ref: TypeRef,
    pub applies_to: Vec<String>,
    pub base_term: Option<String>,
    pub default_value: Option<String>,
    pub nullable: bool,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// An `<EntityContainer>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EntityContainer {
    pub name: String,
    pub namespace: String,
    pub extends: Option<String>,
    pub entity_sets: BTreeMap<String, EntitySet>,
    pub singletons: BTreeMap<String, Singleton>,
    pub action_imports: BTreeMap<String, OperationImport>,
    pub function_imports: BTreeMap<String, OperationImport>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// An `<EntitySet>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EntitySet {
    pub name: String,
    /// Qualified entity type name.
    pub entity_type: String,
    pub navigation_property_bindings: Vec<NavigationPropertyBinding>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// A `<Singleton>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Singleton {
    pub name: String,
    /// Qualified entity type name.
    pub type_name: String,
    pub navigation_property_bindings: Vec<NavigationPropertyBinding>,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// A `<NavigationPropertyBinding>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NavigationPropertyBinding {
    pub path: String,
    pub target: String,
}

/// An `<ActionImport>` or `<FunctionImport>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OperationImport {
    pub kind: OperationKind,
    pub name: String,
    /// Qualified action or function name.
    pub operation: String,
    pub entity_set: Option<String>,
    pub include_in_service_document: bool,
    pub description: Option<String>,
    pub long_description: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// One `<Annotation>` applied to an element.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Annotation {
    /// Qualified term name.
    pub term: String,
    pub qualifier: Option<String>,
    pub value: AnnotationValue,
}

/// An annotation that could not be attached, with its normalised target.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TargetedAnnotation {
    pub target: String,
    pub annotation: Annotation,
}

/// The value expression of an annotation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum AnnotationValue {
    /// No value given (the term's default applies).
    #[default]
    Empty,
    Null,
    String(String),
    Bool(bool),
    Int(i64),
    /// Other constants (`Float`, `Decimal`, `Date`, `Guid`, ...) as written.
    Literal {
        kind: String,
        value: String,
    },
    /// `EnumMember`, e.g. `Org.OData.Core.V1.Permission/Read`.
    EnumMember(String),
    /// `Path`, `PropertyPath`, `NavigationPropertyPath`, `AnnotationPath`...
    Path {
        kind: String,
        path: String,
    },
    Record {
        type_name: Option<String>,
        properties: Vec<PropertyValue>,
    },
    Collection(Vec<AnnotationValue>),
    /// Dynamic expressions (`Apply`, `If`, ...) kept by element name.
    Other {
        element: String,
        text: String,
        children: Vec<AnnotationValue>,
    },
}

impl AnnotationValue {
    /// The string of a `String` value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AnnotationValue::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A `<PropertyValue>` of a record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PropertyValue {
    pub property: String,
    pub value: AnnotationValue,
}

/// Elements that carry annotations and the two description strings.
pub trait Annotated {
    fn annotations(&self) -> &[Annotation];
    fn annotations_mut(&mut self) -> &mut Vec<Annotation>;
    /// Sets the description fields; elements without them ignore it.
    fn set_docs(&mut self, _description: Option<String>, _long_description: Option<String>) {}

    /// Adds an annotation, taking over `Core.Description` and
    /// `Core.LongDescription` strings (a later one replaces an earlier one).
    fn attach(&mut self, annotation: Annotation) {
        if let AnnotationValue::String(s) = &annotation.value {
            if annotation.term == CORE_DESCRIPTION {
                self.set_docs(Some(s.clone()), None);
            } else if annotation.term == CORE_LONG_DESCRIPTION {
                self.set_docs(None, Some(s.clone()));
            }
        }
        self.annotations_mut().push(annotation);
    }
}

macro_rules! annotated {
    (docs: $($t:ty),*) => {$(
        impl Annotated for $t {
            fn annotations(&self) -> &[Annotation] {
                &self.annotations
            }
            fn annotations_mut(&mut self) -> &mut Vec<Annotation> {
                &mut self.annotations
            }
            fn set_docs(&mut self, description: Option<String>, long_description: Option<String>) {
                if description.is_some() {
                    self.description = description;
                }
                if long_description.is_some() {
                    self.long_description = long_description;
                }
            }
        }
    )*};
    (plain: $($t:ty),*) => {$(
        impl Annotated for $t {
            fn annotations(&self) -> &[Annotation] {
                &self.annotations
            }
            fn annotations_mut(&mut self) -> &mut Vec<Annotation> {
                &mut self.annotations
            }
        }
    )*};
}

annotated!(docs: StructuredType, Property, NavigationProperty, EnumType, EnumMember, TypeDefinition,
    Operation, Parameter, Term, EntityContainer, EntitySet, Singleton, OperationImport);
annotated!(plain: Schema, ReturnType);
