//! Streaming reader: quick-xml events into the `Csdl` model, with
//! diagnostics for anything unexpected.
//!
//! Reading takes three steps: a first pass collects schema and reference
//! aliases (they may be used before they are declared), the main pass builds
//! the model with every name resolved and inline annotations attached, and a
//! final pass ([`finish`]) attaches `<Annotations>` blocks and checks type
//! references.
//!
//! The main pass keeps a stack of open elements ([`frame`]); each element is
//! opened and closed in the room it belongs to: the document and its schemas
//! ([`document`]), types ([`types`]), operations and the entity container
//! ([`operations`]), terms and annotations ([`annotations`]).

mod annotations;
mod document;
mod finish;
mod frame;
mod operations;
mod types;

use super::error::CsdlError;
use super::model::*;
use super::names::parse_type_ref;
use crate::line_index::LineIndex;
use frame::{frame_name, member_exists, required_attributes, Attrs, Frame};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
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

    /// Closes the innermost open element: its frame joins its parent or the
    /// model, in the room that opened it.
    fn end(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        use Frame as F;
        match frame {
            F::Reference(_) | F::Schema(_) => self.close_document(frame),
            F::Structured { .. }
            | F::Property(_)
            | F::NavigationProperty(_)
            | F::Enum { .. }
            | F::Member(_)
            | F::TypeDefinition { .. } => self.close_type(frame),
            F::Operation(_)
            | F::Parameter(_)
            | F::ReturnType(_)
            | F::Container(_)
            | F::EntitySet(_)
            | F::Singleton(_)
            | F::Import { .. } => self.close_operation(frame),
            F::Term(_) | F::Annotations { .. } | F::Annotation { .. } | F::Expr(_) | F::PropertyValue(_) => {
                self.close_annotation(frame)
            }
            F::Edmx | F::DataServices | F::Key | F::Leaf | F::Skip => {}
        }
    }
}
