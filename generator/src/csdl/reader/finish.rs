//! The final pass, once every element is read: type and operation
//! references checked, `<Annotations>` blocks attached to their targets,
//! base-type cycles reported.

use super::State;
use crate::csdl::model::*;
use crate::csdl::queries::attach_to_target;
use std::collections::HashMap;

impl State {
    /// Checks references, attaches external annotations.
    pub(super) fn finish(&mut self) {
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
