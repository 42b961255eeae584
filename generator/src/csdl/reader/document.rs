//! The document room: `edmx:Edmx`, its references and includes, and the
//! schemas.

use super::frame::{Attrs, Frame};
use super::State;
use crate::csdl::model::*;

impl State {
    /// `Edmx`, its references and the schemas.
    pub(super) fn open_document(&mut self, name: &str, a: &Attrs) -> Option<Frame> {
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

    /// A finished reference or schema joins the model.
    pub(super) fn close_document(&mut self, frame: Frame) {
        use Frame as F;
        match frame {
            F::Reference(r) => self.csdl.references.push(r),
            F::Schema(s) => self.csdl.schemas.push(s),
            // Frames of the other rooms.
            _ => {}
        }
    }
}
