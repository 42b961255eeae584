//! The operations room: actions and functions with their parameters and
//! return types, and the entity container with its sets, singletons and
//! imports.

use super::frame::{member_exists, Attrs, Frame};
use super::State;
use crate::csdl::model::*;
use crate::csdl::names::resolve_name;

impl State {
    /// Actions and functions, and the entity container.
    pub(super) fn open_operation(&mut self, name: &str, a: &Attrs, pos: usize) -> Option<Frame> {
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

    /// A finished operation or container joins the model, a finished part its parent.
    pub(super) fn close_operation(&mut self, frame: Frame) {
        use Frame as F;
        match frame {
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
            // Frames of the other rooms.
            _ => {}
        }
    }
}
