//! Streaming reader: quick-xml events into the `Csdl` model, with
//! diagnostics for anything unexpected.
//!
//! Reading takes three steps: a first pass collects schema and reference
//! aliases (they may be used before they are declared), the main pass builds
//! the model with every name resolved and inline annotations attached, and a
//! final pass attaches `<Annotations>` blocks and checks type references.

use super::error::CsdlError;
use super::model::*;
use super::names::{parse_type_ref, resolve_member_path, resolve_name};
use super::queries::attach_to_target;
use crate::line_index::LineIndex;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};

const BOM: &str = "\u{feff}";

/// Reads a CSDL (EDMX) document. `file` is only used in errors.
pub(crate) fn read(text: &str, file: &str) -> Result<Csdl, CsdlError> {
    let (body, bom_len) = match text.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (text, 0),
    };
    let aliases = collect_aliases(body);
    let mut state = State {
        aliases,
        ..State::default()
    };
    let outcome = state.run(body);
    let index = LineIndex::new(text);
    let at = |pos: usize| index.line_column(pos + bom_len);
    if let Err(failure) = outcome {
        let (line, column) = at(failure.pos);
        return Err(match failure.kind {
            Failure::Xml(message) => CsdlError::Xml {
                file: file.to_string(),
                line,
                column,
                message,
            },
            Failure::Eof(element) => CsdlError::UnexpectedEof {
                file: file.to_string(),
                line,
                column,
                element,
            },
            Failure::NotEdmx(found) => CsdlError::NotEdmx {
                file: file.to_string(),
                line,
                column,
                found,
            },
        });
    }
    state.finish();
    let mut csdl = state.csdl;
    csdl.aliases = state.aliases;
    state.diagnostics.sort_by_key(|d| d.0);
    csdl.diagnostics = state
        .diagnostics
        .into_iter()
        .map(|(pos, code, message)| {
            let (line, column) = at(pos);
            CsdlDiagnostic {
                line,
                column,
                code: code.to_string(),
                message,
            }
        })
        .collect();
    Ok(csdl)
}

/// Alias -> namespace for every `Schema` and `edmx:Include` in the document.
/// Stops quietly at malformed XML; the main pass reports it.
fn collect_aliases(body: &str) -> BTreeMap<String, String> {
    let mut aliases = BTreeMap::new();
    let mut reader = Reader::from_str(body);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let local = e.local_name();
                if local.as_ref() == b"Schema" || local.as_ref() == b"Include" {
                    let (mut ns, mut alias) = (None, None);
                    for a in e.attributes().flatten() {
                        match a.key.local_name().as_ref() {
                            b"Namespace" => ns = a.unescape_value().ok().map(Cow::into_owned),
                            b"Alias" => alias = a.unescape_value().ok().map(Cow::into_owned),
                            _ => {}
                        }
                    }
                    if let (Some(ns), Some(alias)) = (ns, alias) {
                        aliases.insert(alias, ns);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    aliases
}

struct Failed {
    pos: usize,
    kind: Failure,
}

enum Failure {
    Xml(String),
    Eof(String),
    NotEdmx(String),
}

/// Annotation value constants written as elements or attributes.
const CONSTANTS: &[&str] = &[
    "String",
    "Bool",
    "Int",
    "Float",
    "Decimal",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "TimeOfDay",
    "Binary",
    "EnumMember",
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
    "UrlRef",
];

/// Other annotation expression elements.
const EXPRESSIONS: &[&str] = &[
    "Record",
    "Collection",
    "Null",
    "Apply",
    "Cast",
    "If",
    "IsOf",
    "LabeledElement",
    "LabeledElementReference",
    "And",
    "Or",
    "Not",
    "Eq",
    "Ne",
    "Gt",
    "Ge",
    "Lt",
    "Le",
    "Has",
    "In",
    "Add",
    "Sub",
    "Neg",
    "Mul",
    "Div",
    "DivBy",
    "Mod",
];

/// An annotation expression being built.
struct Expr {
    element: String,
    type_name: Option<String>,
    text: String,
    children: Vec<AnnotationValue>,
    properties: Vec<PropertyValue>,
    pos: usize,
}

/// One open element.
enum Frame {
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
    fn host(&mut self) -> Option<&mut dyn Annotated> {
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
struct Attrs<'a>(Vec<(Vec<u8>, Cow<'a, str>)>);

impl Attrs<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name.as_bytes())
            .map(|(_, v)| v.as_ref())
    }
    fn string(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_string()
    }
    fn opt(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }
}

/// A type reference to check once every type is known.
struct PendingRef {
    pos: usize,
    name: String,
    context: String,
}

#[derive(Default)]
struct State {
    csdl: Csdl,
    aliases: BTreeMap<String, String>,
    stack: Vec<Frame>,
    namespace: String,
    container: String,
    diagnostics: Vec<(usize, &'static str, String)>,
    pending_refs: Vec<PendingRef>,
    external: Vec<(usize, String, Vec<Annotation>)>,
    type_positions: HashMap<String, usize>,
    imports: Vec<(usize, OperationKind, String)>,
}

impl State {
    fn run(&mut self, body: &str) -> Result<(), Failed> {
        let mut reader = Reader::from_str(body);
        let xml_failure = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| Failed {
            pos: reader.error_position() as usize,
            kind: Failure::Xml(e.to_string()),
        };
        let mut root_seen = false;
        loop {
            let pos = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| xml_failure(&reader, &e))?;
            match event {
                Event::Start(e) | Event::Empty(e) if !root_seen && e.local_name().as_ref() != b"Edmx" => {
                    let found = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(Failed {
                        pos,
                        kind: Failure::NotEdmx(found),
                    });
                }
                Event::Start(e) => {
                    root_seen = true;
                    self.start(&e, pos)?;
                }
                Event::Empty(e) => {
                    root_seen = true;
                    self.start(&e, pos)?;
                    self.end();
                }
                Event::End(_) => self.end(),
                Event::Text(t) => {
                    if let Some(Frame::Expr(expr)) = self.stack.last_mut() {
                        let text = t.unescape().map_err(|e| Failed {
                            pos,
                            kind: Failure::Xml(e.to_string()),
                        })?;
                        expr.text.push_str(&text);
                    }
                }
                Event::CData(t) => {
                    if let Some(Frame::Expr(expr)) = self.stack.last_mut() {
                        expr.text.push_str(&String::from_utf8_lossy(&t));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some(open) = self.stack.len().checked_sub(1) {
            let element = frame_name(&self.stack[open]).to_string();
            return Err(Failed {
                pos: body.len(),
                kind: Failure::Eof(element),
            });
        }
        if !root_seen {
            return Err(Failed {
                pos: body.len(),
                kind: Failure::NotEdmx("nothing".to_string()),
            });
        }
        Ok(())
    }

    fn diag(&mut self, pos: usize, code: &'static str, message: String) {
        self.diagnostics.push((pos, code, message));
    }

    fn type_ref(&mut self, attrs: &Attrs, attr: &str, pos: usize, context: impl FnOnce() -> String) -> TypeRef {
        match attrs.get(attr) {
            Some(raw) => {
                let t = parse_type_ref(&self.aliases, raw);
                self.pending_refs.push(PendingRef {
                    pos,
                    name: t.name.clone(),
                    context: context(),
                });
                t
            }
            None => {
                let context = context();
                self.diag(pos, "missing-attribute", format!("{context} has no {attr}"));
                TypeRef::default()
            }
        }
    }

    fn flag(&mut self, attrs: &Attrs, attr: &str, default: bool, pos: usize) -> bool {
        match attrs.get(attr) {
            None => default,
            Some("true") => true,
            Some("false") => false,
            Some(other) => {
                let msg = format!("{attr}=\"{other}\" is not true or false");
                self.diag(pos, "invalid-value", msg);
                default
            }
        }
    }

    fn start(&mut self, e: &BytesStart, pos: usize) -> Result<(), Failed> {
        let local = e.local_name();
        let name = std::str::from_utf8(local.as_ref()).unwrap_or("?");
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| Failed {
                pos,
                kind: Failure::Xml(err.to_string()),
            })?;
            let value = a.unescape_value().map_err(|err| Failed {
                pos,
                kind: Failure::Xml(err.to_string()),
            })?;
            attrs.push((a.key.local_name().as_ref().to_vec(), value));
        }
        let attrs = Attrs(attrs);
        if !matches!(self.stack.last(), Some(Frame::Skip)) {
            for attr in required_attributes(name) {
                if attrs.get(attr).is_none() {
                    self.diag(pos, "missing-attribute", format!("<{name}> has no {attr}"));
                }
            }
        }
        if let (Some(parent), Some(member)) = (self.stack.last(), attrs.get("Name")) {
            if member_exists(parent, name, member) {
                let parent = frame_name(parent);
                let msg = format!("<{name} Name=\"{member}\"> repeats a name inside <{parent}>; the first is kept");
                self.diag(pos, "duplicate-name", msg);
            }
        }
        let frame = self.open(name, &attrs, pos);
        self.stack.push(frame);
        Ok(())
    }

    /// The frame of a start tag `name` under the innermost open one.
    fn open(&mut self, name: &str, a: &Attrs, pos: usize) -> Frame {
        if let Some(frame) = self
            .open_document(name, a)
            .or_else(|| self.open_type(name, a, pos))
            .or_else(|| self.open_operation(name, a, pos))
            .or_else(|| self.open_annotation(name, a, pos))
        {
            return frame;
        }
        use Frame as F;
        match self.stack.last() {
            Some(parent) => {
                let parent = frame_name(parent);
                self.diag(
                    pos,
                    "unknown-element",
                    format!("unexpected <{name}> inside <{parent}>; skipped"),
                );
                F::Skip
            }
            None => {
                self.diag(
                    pos,
                    "unknown-element",
                    format!("unexpected <{name}> after the root element; skipped"),
                );
                F::Skip
            }
        }
    }

    /// `Edmx`, its references and the schemas.
    fn open_document(&mut self, name: &str, a: &Attrs) -> Option<Frame> {
        use Frame as F;
        let parent = self.stack.last();
        let frame = match (parent, name) {
            (None, "Edmx") => F::Edmx,
            (Some(F::Edmx), "DataServices") => F::DataServices,
            (Some(F::Edmx), "Reference") => F::Reference(Reference {
                uri: a.string("Uri"),
                includes: vec![],
            }),
            (Some(F::Reference(_)), "Include") => {
                if let Some(F::Reference(r)) = self.stack.last_mut() {
                    r.includes.push(Include {
                        namespace: a.string("Namespace"),
                        alias: a.opt("Alias"),
                    });
                }
                F::Leaf
            }
            (Some(F::Reference(_)), "IncludeAnnotations") => F::Leaf,
            (Some(F::DataServices), "Schema") => {
                self.namespace = a.string("Namespace");
                F::Schema(Schema {
                    namespace: a.string("Namespace"),
                    alias: a.opt("Alias"),
                    annotations: vec![],
                })
            }
            _ => return None,
        };
        Some(frame)
    }

    /// Types: entities, complexes, enums, type definitions and their parts.
    fn open_type(&mut self, name: &str, a: &Attrs, pos: usize) -> Option<Frame> {
        use Frame as F;
        let ns = self.namespace.clone();
        let parent = self.stack.last();
        let frame = match (parent, name) {
            (Some(F::Schema(_)), "EntityType" | "ComplexType") => {
                let type_name = a.string("Name");
                let base_type = a.get("BaseType").map(|b| resolve_name(&self.aliases, b));
                if let Some(b) = &base_type {
                    let context = format!("base type of {ns}.{type_name}");
                    self.pending_refs.push(PendingRef {
                        pos,
                        name: b.clone(),
                        context,
                    });
                }
                let ty = StructuredType {
                    is_abstract: self.flag(a, "Abstract", false, pos),
                    open_type: self.flag(a, "OpenType", false, pos),
                    has_stream: self.flag(a, "HasStream", false, pos),
                    name: type_name,
                    namespace: ns,
                    base_type,
                    ..Default::default()
                };
                F::Structured {
                    entity: name == "EntityType",
                    ty,
                    pos,
                }
            }
            (Some(F::Structured { entity: true, .. }), "Key") => F::Key,
            (Some(F::Key), "PropertyRef") => {
                let n = self.stack.len();
                if let Some(F::Structured { ty, .. }) = self.stack.get_mut(n - 2) {
                    ty.key.push(PropertyRef {
                        name: a.string("Name"),
                        alias: a.opt("Alias"),
                    });
                }
                F::Leaf
            }
            (Some(F::Structured { ty, .. }), "Property") => {
                let owner = ty.name.clone();
                let prop_name = a.string("Name");
                let type_ref = self.type_ref(a, "Type", pos, || format!("property {ns}.{owner}/{prop_name}"));
                let precision = a.get("Precision").and_then(|p| match p.parse() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        self.diag(pos, "invalid-value", format!("Precision=\"{p}\" is not a number"));
                        None
                    }
                });
                let unicode = a.get("Unicode").map(|_| self.flag(a, "Unicode", true, pos));
                F::Property(Property {
                    name: prop_name,
                    type_ref,
                    nullable: self.flag(a, "Nullable", true, pos),
                    default_value: a.opt("DefaultValue"),
                    max_length: a.opt("MaxLength"),
                    precision,
                    scale: a.opt("Scale"),
                    unicode,
                    ..Default::default()
                })
            }
            (Some(F::Structured { ty, .. }), "NavigationProperty") => {
                let owner = ty.name.clone();
                let nav_name = a.string("Name");
                let type_ref = self.type_ref(a, "Type", pos, || {
                    format!("navigation property {ns}.{owner}/{nav_name}")
                });
                F::NavigationProperty(NavigationProperty {
                    name: nav_name,
                    type_ref,
                    nullable: self.flag(a, "Nullable", true, pos),
                    contains_target: self.flag(a, "ContainsTarget", false, pos),
                    partner: a.opt("Partner"),
                    ..Default::default()
                })
            }
            (Some(F::NavigationProperty(_)), "ReferentialConstraint" | "OnDelete") => F::Leaf,
            (Some(F::Schema(_)), "EnumType") => {
                let ty = EnumType {
                    name: a.string("Name"),
                    namespace: ns,
                    is_flags: self.flag(a, "IsFlags", false, pos),
                    underlying_type: a
                        .get("UnderlyingType")
                        .map_or("Edm.Int32".to_string(), |u| resolve_name(&self.aliases, u)),
                    ..Default::default()
                };
                F::Enum { ty, pos }
            }
            (Some(F::Enum { ty, .. }), "Member") => {
                let implicit = ty.members.len() as i64;
                let (value, explicit_value) = match a.get("Value") {
                    None => (implicit, false),
                    Some(v) => match v.trim().parse() {
                        Ok(v) => (v, true),
                        Err(_) => {
                            self.diag(pos, "invalid-value", format!("member Value=\"{v}\" is not an integer"));
                            (implicit, false)
                        }
                    },
                };
                F::Member(EnumMember {
                    name: a.string("Name"),
                    value,
                    explicit_value,
                    ..Default::default()
                })
            }
            (Some(F::Schema(_)), "TypeDefinition") => {
                let ty = TypeDefinition {
                    name: a.string("Name"),
                    namespace: ns,
                    underlying_type: a
                        .get("UnderlyingType")
                        .map(|u| resolve_name(&self.aliases, u))
                        .unwrap_or_default(),
                    ..Default::default()
                };
                F::TypeDefinition { ty, pos }
            }
            _ => return None,
        };
        Some(frame)
    }

    /// Actions and functions, and the entity container.
    fn open_operation(&mut self, name: &str, a: &Attrs, pos: usize) -> Option<Frame> {
        use Frame as F;
        let ns = self.namespace.clone();
        let parent = self.stack.last();
        let frame = match (parent, name) {
            (Some(F::Schema(_)), "Action" | "Function") => F::Operation(Operation {
                kind: if name == "Action" {
                    OperationKind::Action
                } else {
                    OperationKind::Function
                },
                name: a.string("Name"),
                namespace: ns,
                is_bound: self.flag(a, "IsBound", false, pos),
                is_composable: self.flag(a, "IsComposable", false, pos),
                entity_set_path: a.opt("EntitySetPath"),
                ..Default::default()
            }),
            (Some(F::Operation(op)), "Parameter") => {
                let op_name = op.name.clone();
                let param = a.string("Name");
                let type_ref = self.type_ref(a, "Type", pos, || format!("parameter {param} of {ns}.{op_name}"));
                F::Parameter(Parameter {
                    name: param,
                    type_ref,
                    nullable: self.flag(a, "Nullable", true, pos),
                    ..Default::default()
                })
            }
            (Some(F::Operation(op)), "ReturnType") => {
                let op_name = op.name.clone();
                let type_ref = self.type_ref(a, "Type", pos, || format!("return type of {ns}.{op_name}"));
                F::ReturnType(ReturnType {
                    type_ref,
                    nullable: self.flag(a, "Nullable", true, pos),
                    annotations: vec![],
                })
            }
            (Some(F::Schema(_)), "EntityContainer") => {
                self.container = format!("{ns}.{}", a.string("Name"));
                F::Container(EntityContainer {
                    name: a.string("Name"),
                    namespace: ns,
                    extends: a.get("Extends").map(|x| resolve_name(&self.aliases, x)),
                    ..Default::default()
                })
            }
            (Some(F::Container(_)), "EntitySet") => {
                let set = a.string("Name");
                let entity_type = self.type_ref(a, "EntityType", pos, || format!("entity set {set}")).name;
                F::EntitySet(EntitySet {
                    name: set,
                    entity_type,
                    ..Default::default()
                })
            }
            (Some(F::Container(_)), "Singleton") => {
                let single = a.string("Name");
                let type_name = self.type_ref(a, "Type", pos, || format!("singleton {single}")).name;
                F::Singleton(Singleton {
                    name: single,
                    type_name,
                    ..Default::default()
                })
            }
            (Some(F::EntitySet(_) | F::Singleton(_)), "NavigationPropertyBinding") => {
                let binding = NavigationPropertyBinding {
                    path: a.string("Path"),
                    target: a.string("Target"),
                };
                match self.stack.last_mut() {
                    Some(F::EntitySet(s)) => s.navigation_property_bindings.push(binding),
                    Some(F::Singleton(s)) => s.navigation_property_bindings.push(binding),
                    _ => {}
                }
                F::Leaf
            }
            (Some(F::Container(_)), "ActionImport" | "FunctionImport") => {
                let (kind, attr) = if name == "ActionImport" {
                    (OperationKind::Action, "Action")
                } else {
                    (OperationKind::Function, "Function")
                };
                let operation = a.get(attr).map(|o| resolve_name(&self.aliases, o)).unwrap_or_default();
                F::Import {
                    import: OperationImport {
                        kind,
                        name: a.string("Name"),
                        operation,
                        entity_set: a.opt("EntitySet"),
                        include_in_service_document: self.flag(a, "IncludeInServiceDocument", false, pos),
                        ..Default::default()
                    },
                    pos,
                }
            }
            _ => return None,
        };
        Some(frame)
    }

    /// Terms, annotations and their expressions; anything under a skipped element.
    fn open_annotation(&mut self, name: &str, a: &Attrs, pos: usize) -> Option<Frame> {
        use Frame as F;
        let ns = self.namespace.clone();
        let parent = self.stack.last();
        let frame = match (parent, name) {
            (Some(F::Schema(_)), "Term") => {
                let term = a.string("Name");
                let type_ref = self.type_ref(a, "Type", pos, || format!("term {ns}.{term}"));
                F::Term(Term {
                    name: term,
                    namespace: ns,
                    type_ref,
                    applies_to: a.get("AppliesTo").map_or_else(Vec::new, |s| {
                        s.split_whitespace().map(|x| resolve_name(&self.aliases, x)).collect()
                    }),
                    base_term: a.get("BaseTerm").map(|b| resolve_name(&self.aliases, b)),
                    default_value: a.opt("DefaultValue"),
                    nullable: self.flag(a, "Nullable", true, pos),
                    ..Default::default()
                })
            }
            (Some(F::Schema(_)), "Annotations") => F::Annotations {
                target: a.string("Target"),
                pos,
                annotations: vec![],
            },
            (Some(F::Skip), _) => F::Skip,
            (Some(_), "Annotation") => {
                let term = resolve_name(&self.aliases, a.get("Term").unwrap_or_default());
                *self.csdl.annotation_terms.entry(term.clone()).or_insert(0) += 1;
                let value = self.value_from_attrs(a, pos).unwrap_or_default();
                let annotation = Annotation {
                    term,
                    qualifier: a.opt("Qualifier"),
                    value,
                };
                F::Annotation { annotation, pos }
            }
            (Some(F::Annotation { .. } | F::PropertyValue(_) | F::Expr(_)), _)
                if CONSTANTS.contains(&name) || EXPRESSIONS.contains(&name) =>
            {
                F::Expr(Expr {
                    element: name.to_string(),
                    type_name: a.get("Type").map(|t| resolve_name(&self.aliases, t)),
                    text: String::new(),
                    children: vec![],
                    properties: vec![],
                    pos,
                })
            }
            (Some(F::Expr(_)), "PropertyValue") => {
                let value = self.value_from_attrs(a, pos).unwrap_or_default();
                F::PropertyValue(PropertyValue {
                    property: a.string("Property"),
                    value,
                })
            }
            _ => return None,
        };
        Some(frame)
    }

    /// The value given in attribute form (`String="..."`, `Bool="..."`...).
    fn value_from_attrs(&mut self, a: &Attrs, pos: usize) -> Option<AnnotationValue> {
        let mut found = None;
        for kind in CONSTANTS {
            if let Some(v) = a.get(kind) {
                found = Some(self.constant(kind, v, pos));
            }
        }
        found
    }

    fn constant(&mut self, kind: &str, text: &str, pos: usize) -> AnnotationValue {
        match kind {
            "String" => AnnotationValue::String(text.to_string()),
            "Bool" => match text.trim() {
                "true" => AnnotationValue::Bool(true),
                "false" => AnnotationValue::Bool(false),
                other => {
                    self.diag(
                        pos,
                        "invalid-value",
                        format!("Bool value \"{other}\" is not true or false"),
                    );
                    AnnotationValue::Literal {
                        kind: kind.to_string(),
                        value: other.to_string(),
                    }
                }
            },
            "Int" => match text.trim().parse() {
                Ok(v) => AnnotationValue::Int(v),
                Err(_) => {
                    self.diag(
                        pos,
                        "invalid-value",
                        format!("Int value \"{}\" is not an integer", text.trim()),
                    );
                    AnnotationValue::Literal {
                        kind: kind.to_string(),
                        value: text.trim().to_string(),
                    }
                }
            },
            "EnumMember" => AnnotationValue::EnumMember(resolve_member_path(&self.aliases, text)),
            "Path" | "PropertyPath" | "NavigationPropertyPath" | "AnnotationPath" | "ModelElementPath" => {
                AnnotationValue::Path {
                    kind: kind.to_string(),
                    path: text.trim().to_string(),
                }
            }
            _ => AnnotationValue::Literal {
                kind: kind.to_string(),
                value: text.trim().to_string(),
            },
        }
    }

    fn end(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        use Frame as F;
        match frame {
            F::Reference(r) => self.csdl.references.push(r),
            F::Schema(s) => self.csdl.schemas.push(s),
            F::Structured { entity, ty, pos } => {
                let qname = ty.qualified_name();
                self.add_type(qname.clone(), pos);
                let map = if entity {
                    &mut self.csdl.entity_types
                } else {
                    &mut self.csdl.complex_types
                };
                if !insert_first(map, qname.clone(), ty) {
                    self.duplicate_type(pos, &qname);
                }
            }
            F::Property(p) => {
                let parent = self.stack.last_mut();
                if let Some(F::Structured { ty, .. }) = parent.filter(|f| !member_exists(f, "Property", &p.name)) {
                    ty.properties.push(p);
                }
            }
            F::NavigationProperty(p) => {
                let parent = self.stack.last_mut();
                if let Some(F::Structured { ty, .. }) = parent.filter(|f| !member_exists(f, "Property", &p.name)) {
                    ty.navigation_properties.push(p);
                }
            }
            F::Enum { ty, pos } => {
                let qname = format!("{}.{}", ty.namespace, ty.name);
                self.add_type(qname.clone(), pos);
                if !insert_first(&mut self.csdl.enum_types, qname.clone(), ty) {
                    self.duplicate_type(pos, &qname);
                }
            }
            F::Member(m) => {
                let parent = self.stack.last_mut();
                if let Some(F::Enum { ty, .. }) = parent.filter(|f| !member_exists(f, "Member", &m.name)) {
                    ty.members.push(m);
                }
            }
            F::TypeDefinition { ty, pos } => {
                let qname = format!("{}.{}", ty.namespace, ty.name);
                self.add_type(qname.clone(), pos);
                self.csdl.type_definitions.entry(qname).or_insert(ty);
            }
            F::Operation(op) => {
                let map = match op.kind {
                    OperationKind::Action => &mut self.csdl.actions,
                    OperationKind::Function => &mut self.csdl.functions,
                };
                map.entry(op.qualified_name()).or_default().push(op);
            }
            F::Parameter(p) => {
                let parent = self.stack.last_mut();
                if let Some(F::Operation(op)) = parent.filter(|f| !member_exists(f, "Parameter", &p.name)) {
                    op.parameters.push(p);
                }
            }
            F::ReturnType(r) => {
                if let Some(F::Operation(op)) = self.stack.last_mut() {
                    op.return_type = Some(r);
                }
            }
            F::Container(c) => {
                let qname = format!("{}.{}", c.namespace, c.name);
                self.csdl.containers.entry(qname).or_insert(c);
            }
            F::EntitySet(s) => {
                let parent = self.stack.last_mut();
                if let Some(F::Container(c)) = parent.filter(|f| !member_exists(f, "EntitySet", &s.name)) {
                    c.entity_sets.insert(s.name.clone(), s);
                }
            }
            F::Singleton(s) => {
                let parent = self.stack.last_mut();
                if let Some(F::Container(c)) = parent.filter(|f| !member_exists(f, "Singleton", &s.name)) {
                    c.singletons.insert(s.name.clone(), s);
                }
            }
            F::Import { import, pos } => {
                self.imports.push((pos, import.kind, import.operation.clone()));
                let parent = self.stack.last_mut();
                if let Some(F::Container(c)) = parent.filter(|f| !member_exists(f, "ActionImport", &import.name)) {
                    let map = match import.kind {
                        OperationKind::Action => &mut c.action_imports,
                        OperationKind::Function => &mut c.function_imports,
                    };
                    map.insert(import.name.clone(), import);
                }
            }
            F::Term(t) => {
                let qname = format!("{}.{}", t.namespace, t.name);
                self.csdl.terms.entry(qname).or_default().push(t);
            }
            F::Annotations {
                target,
                pos,
                annotations,
            } => self.external.push((pos, target, annotations)),
            F::Annotation { annotation, pos } => match self.stack.last_mut() {
                Some(F::Annotations { annotations, .. }) => annotations.push(annotation),
                // Annotations of records and other expressions are not modelled.
                Some(F::Expr(_) | F::PropertyValue(_)) => {}
                Some(parent) => match parent.host() {
                    Some(host) => host.attach(annotation),
                    None => {
                        let msg = format!(
                            "annotation {} inside <{}> has no modelled element to attach to; dropped",
                            annotation.term,
                            frame_name(parent)
                        );
                        self.diag(pos, "ignored-annotation", msg);
                    }
                },
                None => {}
            },
            F::Expr(expr) => {
                let value = self.finish_expr(expr);
                match self.stack.last_mut() {
                    Some(F::Annotation { annotation, .. }) => annotation.value = value,
                    Some(F::PropertyValue(p)) => p.value = value,
                    Some(F::Expr(parent)) => parent.children.push(value),
                    _ => {}
                }
            }
            F::PropertyValue(p) => {
                if let Some(F::Expr(parent)) = self.stack.last_mut() {
                    parent.properties.push(p);
                }
            }
            F::Edmx | F::DataServices | F::Key | F::Leaf | F::Skip => {}
        }
    }

    fn duplicate_type(&mut self, pos: usize, qname: &str) {
        self.diag(
            pos,
            "duplicate-name",
            format!("type {qname} is declared twice; the first is kept"),
        );
    }

    fn add_type(&mut self, qname: String, pos: usize) {
        self.type_positions.entry(qname).or_insert(pos);
    }

    fn finish_expr(&mut self, expr: Expr) -> AnnotationValue {
        match expr.element.as_str() {
            "Record" => AnnotationValue::Record {
                type_name: expr.type_name,
                properties: expr.properties,
            },
            "Collection" => AnnotationValue::Collection(expr.children),
            "Null" => AnnotationValue::Null,
            kind if CONSTANTS.contains(&kind) => self.constant(kind, &expr.text, expr.pos),
            _ => AnnotationValue::Other {
                element: expr.element,
                text: expr.text.trim().to_string(),
                children: expr.children,
            },
        }
    }

    /// Checks references, attaches external annotations.
    fn finish(&mut self) {
        let refs = std::mem::take(&mut self.pending_refs);
        for r in refs {
            if !self.type_known(&r.name) {
                self.diag(
                    r.pos,
                    "undefined-type",
                    format!("{} refers to undefined type {}", r.context, r.name),
                );
            }
        }
        let imports = std::mem::take(&mut self.imports);
        for (pos, kind, op) in imports {
            let known = match kind {
                OperationKind::Action => self.csdl.actions.contains_key(&op),
                OperationKind::Function => self.csdl.functions.contains_key(&op),
            };
            if !known {
                self.diag(
                    pos,
                    "undefined-operation",
                    format!("import refers to undefined operation {op:?}"),
                );
            }
        }
        self.check_cycles();
        let external = std::mem::take(&mut self.external);
        for (pos, target, annotations) in external {
            for ann in annotations {
                if let Some(unattached) = attach_to_target(&mut self.csdl, &self.aliases, &target, ann) {
                    let msg = format!(
                        "annotation {} targets {:?}, which names nothing",
                        unattached.annotation.term, unattached.target
                    );
                    self.diag(pos, "unresolved-target", msg);
                    self.csdl.unattached_annotations.push(unattached);
                }
            }
        }
    }

    fn type_known(&self, name: &str) -> bool {
        if let Some(prim) = name.strip_prefix("Edm.") {
            return is_edm_type(prim);
        }
        self.type_positions.contains_key(name)
    }

    /// Reports each type on a base-type cycle, in time linear in the number
    /// of types ([`crate::inheritance::Chains`]).
    fn check_cycles(&mut self) {
        let types: Vec<(&String, &StructuredType)> =
            self.csdl.entity_types.iter().chain(&self.csdl.complex_types).collect();
        let index: HashMap<(&str, &str), usize> = types
            .iter()
            .enumerate()
            .map(|(i, (_, t))| ((t.namespace.as_str(), t.name.as_str()), i))
            .collect();
        let base = types
            .iter()
            .map(|(_, t)| {
                let b = self.csdl.structured_type(t.base_type.as_deref()?)?;
                index.get(&(b.namespace.as_str(), b.name.as_str())).copied()
            })
            .collect();
        let chains = crate::inheritance::Chains::new(base);
        let mut on_cycle: Vec<usize> = chains.cycles().concat();
        on_cycle.sort_unstable();
        let found: Vec<String> = on_cycle.into_iter().map(|i| types[i].0.clone()).collect();
        for name in found {
            let pos = self.type_positions.get(&name).copied().unwrap_or(0);
            self.diag(
                pos,
                "base-type-cycle",
                format!("the base types of {name} lead back to it"),
            );
        }
    }
}

/// True when `parent` already holds a member named `member` of the kind
/// `element` would add (names share one scope per parent, as in CSDL).
fn member_exists(parent: &Frame, element: &str, member: &str) -> bool {
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
fn required_attributes(element: &str) -> &'static [&'static str] {
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

fn is_edm_type(name: &str) -> bool {
    matches!(
        name,
        "Binary"
            | "Boolean"
            | "Byte"
            | "Date"
            | "DateTimeOffset"
            | "Decimal"
            | "Double"
            | "Duration"
            | "Guid"
            | "Int16"
            | "Int32"
            | "Int64"
            | "SByte"
            | "Single"
            | "Stream"
            | "String"
            | "TimeOfDay"
            | "Untyped"
            | "PrimitiveType"
            | "EntityType"
            | "ComplexType"
            | "AnnotationPath"
            | "PropertyPath"
            | "NavigationPropertyPath"
            | "AnyPropertyPath"
            | "ModelElementPath"
    ) || name.starts_with("Geography")
        || name.starts_with("Geometry")
}

fn frame_name(frame: &Frame) -> &'static str {
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

/// Inserts `value` unless `key` is taken; false if it was (the first stays).
fn insert_first<T>(map: &mut std::collections::BTreeMap<String, T>, key: String, value: T) -> bool {
    match map.entry(key) {
        Entry::Vacant(slot) => {
            slot.insert(value);
            true
        }
        Entry::Occupied(_) => false,
    }
}
