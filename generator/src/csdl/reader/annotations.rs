//! The annotations room: terms, `<Annotations>` blocks, annotations and
//! their value expressions (constants, records, collections and the rest).

use super::frame::{frame_name, Attrs, Expr, Frame};
use super::State;
use crate::csdl::model::*;
use crate::csdl::names::{resolve_member_path, resolve_name};

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

impl State {
    /// Terms, annotations and their expressions; anything under a skipped element.
    pub(super) fn open_annotation(&mut self, name: &str, a: &Attrs, pos: usize) -> Option<Frame> {
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

    /// A finished annotation joins its element, a finished expression its annotation or outer expression.
    pub(super) fn close_annotation(&mut self, frame: Frame) {
        use Frame as F;
        match frame {
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
            // Frames of the other rooms.
            _ => {}
        }
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
}
