//! Route bodies and responses from the metadata. Each merged route's
//! request lines are walked through the CSDL (`address`); where the walk
//! reaches an entity, a property or an operation, the metadata's types
//! stand for the body and the response, as they stand for properties. The
//! page fills in what the metadata does not say (status, headers,
//! examples), and a page type the metadata contradicts is a `drift-route-*`
//! note at the page and line. Where the metadata lacks the path, the
//! page's types stand. The documented status decides the shape of an
//! answer without a body: `204` is `NoContent`, `202` is `Accepted`.

use super::address::{Addressed, Walker};
use super::model::{Answer, Op, Ty};
use super::route_identity::{Models, Route};
use crate::csdl::{Operation as CsdlOperation, OperationKind as CsdlKind, TypeRef as CsdlType};
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{Method, Primitive, TypeRef};

/// What the metadata says a request sends.
#[derive(Debug, Clone, PartialEq)]
enum Body {
    /// Nothing (GET, DELETE).
    None,
    /// A value of this type (a create, an update).
    Type(TypeRef),
    /// The parameters of an action, its binding parameter left out.
    Action(Box<CsdlOperation>),
    /// `{"@odata.id": ...}`.
    Reference,
    /// The metadata does not tell (a POST to one entity).
    Unknown,
}

/// What the metadata says a success answers.
#[derive(Debug, Clone, PartialEq)]
enum Reply {
    Type(TypeRef),
    /// `$count`: a number as plain text.
    Count,
    NoContent,
    Bytes,
    Unknown,
}

/// The parameters of the action a route calls, for its own body model.
#[derive(Debug, Clone)]
pub struct ActionBody {
    pub action: CsdlOperation,
    /// The page's body rows, for their descriptions.
    pub rows: Option<Vec<super::model::Field>>,
}

/// Splits each route whose request lines address different things in the
/// metadata (`GET /me/messages/{id}` and `GET /me/messages/{id}/$value`,
/// documented on one page) into one route per thing: a route is one
/// operation. Lines the metadata does not resolve stay with the first.
/// Examples go with the route whose paths they match.
pub fn split_by_target(routes: Vec<Route>, walker: &Walker) -> Vec<Route> {
    let mut out = Vec::with_capacity(routes.len());
    for route in routes {
        let method = route.op.method;
        let mut groups: Vec<((Body, Reply), Vec<usize>)> = Vec::new();
        let mut unresolved = Vec::new();
        for (i, r) in route.requests.iter().enumerate() {
            match walker.walk(&r.path.segments).ok() {
                Some(a) => {
                    let key = typing(&a, method);
                    match groups.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, lines)) => lines.push(i),
                        None => groups.push((key, vec![i])),
                    }
                }
                None => unresolved.push(i),
            }
        }
        if groups.len() < 2 {
            out.push(route);
            continue;
        }
        groups[0].1.extend(unresolved);
        let mut parts: Vec<Route> = groups
            .iter()
            .map(|(_, lines)| {
                let mut part = route.clone();
                let mut lines = lines.clone();
                lines.sort_unstable();
                part.requests = lines.iter().map(|&i| route.requests[i].clone()).collect();
                part.refresh_paths();
                part
            })
            .collect();
        // Each example with the first part whose paths it matches (the
        // first part keeps those that match none).
        let home: Vec<usize> = (0..route.op.examples.len())
            .map(|k| parts.iter().position(|p| p.op.examples[k].path.is_some()).unwrap_or(0))
            .collect();
        for (i, part) in parts.iter_mut().enumerate() {
            let mut k = 0;
            part.op.examples.retain(|_| {
                k += 1;
                home[k - 1] == i
            });
        }
        out.extend(parts);
    }
    out
}

/// Types one route from the metadata (when `walker` is given) and its
/// documented status. `ty` turns a type reference into a resolved type.
/// Returns the action whose parameters make the route's body model.
pub fn type_route(
    route: &mut Route,
    walker: Option<&Walker>,
    ty: &dyn Fn(&TypeRef) -> Option<Ty>,
    models: &Models,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ActionBody> {
    let method = route.op.method;
    let first_line = route.requests.first().map_or(1, |r| r.path.line);
    let file = route.op.sources[0].clone();
    let mut note = |code: &str, message: String| {
        diagnostics.push(Diagnostic::new(&file, first_line, Severity::Note, code, message))
    };
    let mut action = None;
    let typings = walker.map(|w| metadata_typings(route, w)).unwrap_or_default();
    if let Some(w) = walker {
        retitle_from_first_line(route, w);
    }
    if let Some((template, body, reply)) = typings.first().cloned() {
        if let Some((other, _, _)) = typings[1..].iter().find(|(_, b, r)| *b != body || *r != reply) {
            note(
                "drift-route-targets",
                format!(
                    "the route's paths `{template}` and `{other}` address different types in the metadata; the first one's types are used"
                ),
            );
        }
        let typed = Typed {
            template: &template,
            ty,
            models,
        };
        action = typed.body(route, body, &mut note);
        if !route.op.raw_response {
            typed.reply(&mut route.op, reply, &mut note);
        }
    }
    // A `$ref` the metadata could not walk to is still a reference.
    let refs = route.requests.iter().all(|r| r.path.template.ends_with("/$ref"));
    if typings.is_empty() && refs && matches!(method, Method::Post | Method::Put) {
        route.op.body = Some(Ty::Reference);
        route.body_fields = None;
    }
    documented_status(&mut route.op);
    action
}

/// Each request line the metadata resolves: its template with the body
/// and answer of the route's method on what it addresses.
fn metadata_typings(route: &Route, walker: &Walker) -> Vec<(String, Body, Reply)> {
    route
        .requests
        .iter()
        .filter_map(|r| {
            let addressed = walker.walk(&r.path.segments).ok()?;
            let (body, reply) = typing(&addressed, route.op.method);
            Some((r.path.template.clone(), body, reply))
        })
        .collect()
}

/// Titles the route by what its first request line addresses, and makes
/// it an action or function when it calls one, whatever its page's title
/// says (`POST /me/getMemberObjects` is no create).
fn retitle_from_first_line(route: &mut Route, walker: &Walker) {
    let Some(r) = route.requests.first() else { return };
    let Ok(addressed) = walker.walk(&r.path.segments) else {
        return;
    };
    retitle(&mut route.op, &addressed, walker);
    if let Addressed::Operation { op } = &addressed {
        route.op.kind = match op.kind {
            CsdlKind::Action => crate::schema::OperationKind::Action,
            CsdlKind::Function => crate::schema::OperationKind::Function,
        };
    }
}

/// What applying the metadata's types to one route needs: the first
/// resolved line's template (for notes), the type resolver and the models.
struct Typed<'a> {
    template: &'a str,
    ty: &'a dyn Fn(&TypeRef) -> Option<Ty>,
    models: &'a Models<'a>,
}

impl Typed<'_> {
    /// The metadata's body stands for the page's (a `drift-route-body` note
    /// where they differ); an action's parameters become the body model,
    /// returned; a reference sends `{"@odata.id": ...}`.
    fn body(&self, route: &mut Route, body: Body, note: &mut dyn FnMut(&str, String)) -> Option<ActionBody> {
        let (template, models) = (self.template, self.models);
        let op = &mut route.op;
        match body {
            Body::Type(t) if !op.raw_request => {
                if let Some(new) = resolved(&t, self.ty) {
                    if let Some(old) = op.body.as_ref().filter(|old| !fits(old, &new, models)) {
                        note(
                            "drift-route-body",
                            format!(
                                "the page sends `{}` to `{template}`, the metadata `{}`; the metadata's type is used",
                                show(old),
                                show(&new)
                            ),
                        );
                    }
                    if !keeps_page_type(op.body.as_ref(), &new, models) {
                        op.body = Some(new);
                    }
                    route.body_fields = None;
                }
            }
            Body::Action(a) => {
                op.body = None;
                let rows = route.body_fields.take();
                if a.parameters.len() > usize::from(a.is_bound) {
                    return Some(ActionBody { action: *a, rows });
                }
            }
            Body::Reference => {
                op.body = Some(Ty::Reference);
                route.body_fields = None;
            }
            Body::None | Body::Type(_) | Body::Unknown => {}
        }
        None
    }

    /// The metadata's answer stands for the page's (a
    /// `drift-route-response` note where they differ): a type, a count,
    /// no content or bytes.
    fn reply(&self, op: &mut Op, reply: Reply, note: &mut dyn FnMut(&str, String)) {
        let (template, models) = (self.template, self.models);
        match reply {
            Reply::Type(t) => {
                if let Some(new) = resolved(&t, self.ty) {
                    // One primitive or enum value is answered inside `{"value": ...}`.
                    op.answer = if matches!(new, Ty::Primitive(_) | Ty::Enum(_)) {
                        Answer::Value
                    } else {
                        Answer::Body
                    };
                    if let Some(old) = op.response.as_ref().filter(|old| !fits(old, &new, models)) {
                        note(
                            "drift-route-response",
                            format!(
                                "the page answers `{}` for `{template}`, the metadata `{}`; the metadata's type is used",
                                show(old),
                                show(&new)
                            ),
                        );
                    }
                    if !keeps_page_type(op.response.as_ref(), &new, models) {
                        op.response = Some(new);
                    }
                }
            }
            Reply::Count => op.response = Some(Ty::Primitive(Primitive::Int64)),
            Reply::NoContent => {
                op.response = None;
                op.answer = Answer::NoContent;
            }
            Reply::Bytes => {
                op.response = None;
                op.raw_response = true;
            }
            Reply::Unknown => {}
        }
    }
}

/// The documented status: an answer without a body (`204` no content,
/// `202` accepted, a DELETE answering nothing). A page's `Stream` answer
/// is bytes.
fn documented_status(op: &mut Op) {
    let method = op.method;
    if op.response == Some(Ty::Primitive(Primitive::Stream)) {
        op.response = None;
        op.raw_response = true;
    }
    if !op.raw_response && method != Method::Get {
        match op.status {
            Some(204) => {
                op.response = None;
                op.answer = Answer::NoContent;
            }
            Some(202) if op.response.is_none() || matches!(op.kind, crate::schema::OperationKind::Create) => {
                op.response = None;
                op.answer = Answer::Accepted;
            }
            _ if method == Method::Delete && op.response.is_none() => op.answer = Answer::NoContent,
            _ => {}
        }
    }
}

/// The body and answer of `method` on what a path addresses.
fn typing(addressed: &Addressed, method: Method) -> (Body, Reply) {
    let entity = |name: &str| TypeRef::Named(name.to_string());
    match (addressed, method) {
        (Addressed::Collection { entity: e }, Method::Get) => (Body::None, Reply::Type(TypeRef::collection(entity(e)))),
        (Addressed::Collection { entity: e }, Method::Post) => (Body::Type(entity(e)), Reply::Type(entity(e))),
        (Addressed::Entity { entity: e }, Method::Get) => (Body::None, Reply::Type(entity(e))),
        (Addressed::Entity { entity: e }, Method::Patch | Method::Put) => {
            (Body::Type(entity(e)), Reply::Type(entity(e)))
        }
        (Addressed::Property { ty }, Method::Get) => (Body::None, reply_of(ty)),
        (Addressed::Property { ty }, Method::Patch | Method::Put) => (Body::Type(type_ref(ty)), Reply::Unknown),
        (Addressed::Entity { .. } | Addressed::Property { .. } | Addressed::Ref { .. }, Method::Delete) => {
            (Body::None, Reply::NoContent)
        }
        (Addressed::Operation { op }, Method::Post) if op.kind == CsdlKind::Action => (
            Body::Action(op.clone()),
            op.return_type
                .as_ref()
                .map_or(Reply::NoContent, |r| reply_of(&r.type_ref)),
        ),
        (Addressed::Operation { op }, Method::Get) if op.kind == CsdlKind::Function => (
            Body::None,
            op.return_type
                .as_ref()
                .map_or(Reply::Unknown, |r| reply_of(&r.type_ref)),
        ),
        (Addressed::Value, Method::Get) => (Body::None, Reply::Bytes),
        (Addressed::Value, Method::Put) => (Body::Unknown, Reply::NoContent),
        (Addressed::Count, Method::Get) => (Body::None, Reply::Count),
        (Addressed::Ref { collection }, Method::Get) => (
            Body::None,
            Reply::Type(if *collection {
                TypeRef::collection(TypeRef::Named(REFERENCE.into()))
            } else {
                TypeRef::Named(REFERENCE.into())
            }),
        ),
        (Addressed::Ref { .. }, Method::Post | Method::Put) => (Body::Reference, Reply::NoContent),
        _ => (Body::Unknown, Reply::Unknown),
    }
}

/// The name a reference type goes by before resolving.
pub const REFERENCE: &str = "$ref";

/// A returned or addressed type as a reply: a stream is bytes.
fn reply_of(t: &CsdlType) -> Reply {
    if t.name == "Edm.Stream" {
        return Reply::Bytes;
    }
    Reply::Type(type_ref(t))
}

/// A type of the metadata as a resolved type, the reference type by its
/// own name.
fn resolved(t: &TypeRef, ty: &dyn Fn(&TypeRef) -> Option<Ty>) -> Option<Ty> {
    match t {
        TypeRef::Named(n) if n == REFERENCE => Some(Ty::Reference),
        TypeRef::Collection(inner) => Some(Ty::Collection(Box::new(resolved(inner, ty)?))),
        other => ty(other),
    }
}

/// A metadata type as a page type; Graph's `Json` is untyped JSON.
pub(super) fn type_ref(t: &CsdlType) -> TypeRef {
    let json = TypeRef::Primitive(Primitive::Json);
    match (t.name.as_str(), t.collection) {
        (crate::merge::JSON_TYPE, false) => json,
        (crate::merge::JSON_TYPE, true) => TypeRef::collection(json),
        _ => TypeRef::parse(&t.to_string()),
    }
}

/// Whether the page's type is as right as the metadata's: the same, or a
/// model derived from the metadata's or one it derives from (a derived
/// type's page documenting the request of its base).
fn fits(page: &Ty, metadata: &Ty, models: &Models) -> bool {
    page == metadata
        || super::route_identity::common_base(page, metadata, models.parent)
            .is_some_and(|b| &b == page || &b == metadata)
}

/// The page's type stays where the metadata's is a root (`entity`) it
/// derives from: the page knows the type better.
fn keeps_page_type(page: Option<&Ty>, metadata: &Ty, models: &Models) -> bool {
    let root = |t: &Ty| match t {
        Ty::Model(m) => (models.parent)(m).is_none(),
        Ty::Collection(inner) => matches!(inner.as_ref(), Ty::Model(m) if (models.parent)(m).is_none()),
        _ => false,
    };
    page.is_some_and(|page| {
        page != metadata
            && root(metadata)
            && super::route_identity::common_base(page, metadata, models.parent).as_ref() == Some(metadata)
    })
}

fn show(t: &Ty) -> String {
    match t {
        Ty::Model(n) | Ty::Enum(n) | Ty::Flags(n) => n.clone(),
        Ty::Primitive(p) => format!("Edm.{}", p.edm_name()),
        Ty::Collection(inner) => format!("Collection({})", show(inner)),
        Ty::Reference => "a reference".into(),
    }
}

/// A route documented by several pages of derived types (`Update
/// androidCustomConfiguration`, `Update iosCustomConfiguration`, ... for
/// `PATCH /deviceManagement/deviceConfigurations/{id}`) and by none of the
/// type the metadata addresses is titled for that type; the first page's
/// words become guidance like the others'.
fn retitle(op: &mut super::model::Op, addressed: &Addressed, walker: &Walker) {
    let entity = match addressed {
        Addressed::Collection { entity } | Addressed::Entity { entity } => entity,
        _ => return,
    };
    let simple = entity.rsplit('.').next().unwrap_or(entity);
    let title = op.title.to_ascii_lowercase();
    let names_derived = walker.derived(entity).iter().any(|d| {
        let d = d.rsplit('.').next().unwrap_or(d).to_ascii_lowercase();
        title.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| word == d)
    });
    if op.sources.len() < 2 || !names_derived {
        return;
    }
    let collection = matches!(addressed, Addressed::Collection { .. });
    let verb = match (op.method, collection) {
        (Method::Get, true) => "List",
        (Method::Get, false) => "Get",
        (Method::Post, true) => "Create",
        (Method::Patch, false) => "Update",
        (Method::Put, false) => "Replace",
        (Method::Delete, false) => "Delete",
        _ => return,
    };
    let description = std::mem::take(&mut op.description);
    if !description.trim().is_empty() {
        op.guidance
            .insert(0, (op.sources[0].clone(), description.trim().to_string()));
    }
    op.title = format!("{verb} {simple}");
    op.description = format!(
        "{verb} {} {simple}: the pages document it for the types derived from it, listed below.",
        if collection { "the collection of" } else { "a" }
    );
}
