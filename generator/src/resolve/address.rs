//! What a documented request path addresses in the metadata: the walk of
//! its segments through the CSDL's entity container (entity sets,
//! singletons), navigation and structural properties, keys and alternate
//! keys, casts, bound actions and functions (overloads by binding type and
//! parameter names), `$value`, `$ref` and `$count`. One walk per path; the
//! typing of routes (`route_types`) and the navigation built on it read
//! its result.

use crate::csdl::{Csdl, Operation, OperationKind as CsdlKind, StructuredType, TypeRef as CsdlType};
use crate::schema::{Piece, Segment};
use std::collections::HashMap;

/// What a path addresses.
#[derive(Debug, Clone, PartialEq)]
pub enum Addressed {
    /// An entity set or collection-valued navigation property of entities
    /// of `entity` (qualified).
    Collection { entity: String },
    /// One entity: a key, a singleton, a single-valued navigation property.
    Entity { entity: String },
    /// A structural property (complex, enum or primitive, maybe a collection).
    Property { ty: CsdlType },
    /// A bound or unbound operation, the overload the path names.
    Operation { op: Box<Operation> },
    /// `$value` of a media entity or a property: bytes.
    Value,
    /// `$ref` of a collection (`collection`) or single-valued navigation.
    Ref { collection: bool },
    /// `$count` of a collection: a number.
    Count,
}

/// Why a path could not be walked: the segment (0-based) and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub segment: usize,
    pub reason: String,
}

/// The metadata indexed for walking paths: names compared without case, as
/// the service does.
pub struct Walker<'a> {
    csdl: &'a Csdl,
    /// Entity sets and singletons: (is a collection, entity type).
    roots: HashMap<String, (bool, String)>,
    /// Unbound operations by import name.
    imports: HashMap<String, Vec<&'a Operation>>,
    /// Bound operations by (binding type lower-cased, collection, simple name lower-cased).
    bound: HashMap<(String, bool, String), Vec<&'a Operation>>,
    /// Types by qualified name lower-cased.
    types: HashMap<String, &'a StructuredType>,
    /// Direct derived types by qualified base name.
    children: HashMap<&'a str, Vec<String>>,
}

impl<'a> Walker<'a> {
    pub fn new(csdl: &'a Csdl) -> Self {
        let mut roots = HashMap::new();
        let mut imports: HashMap<String, Vec<&Operation>> = HashMap::new();
        for c in csdl.containers.values() {
            for s in c.entity_sets.values() {
                roots.insert(s.name.to_ascii_lowercase(), (true, s.entity_type.clone()));
            }
            for s in c.singletons.values() {
                roots.insert(s.name.to_ascii_lowercase(), (false, s.type_name.clone()));
            }
            for i in c.action_imports.values().chain(c.function_imports.values()) {
                let ops = csdl.operations(&i.operation).into_iter().filter(|o| !o.is_bound);
                imports.entry(i.name.to_ascii_lowercase()).or_default().extend(ops);
            }
        }
        let mut bound: HashMap<(String, bool, String), Vec<&Operation>> = HashMap::new();
        for op in csdl.actions.values().chain(csdl.functions.values()).flatten() {
            if let Some(p) = op.binding_parameter() {
                let key = (
                    p.type_ref.name.to_ascii_lowercase(),
                    p.type_ref.collection,
                    op.name.to_ascii_lowercase(),
                );
                bound.entry(key).or_default().push(op);
            }
        }
        let types = csdl
            .entity_types
            .iter()
            .chain(&csdl.complex_types)
            .map(|(name, t)| (name.to_ascii_lowercase(), t))
            .collect();
        let mut children: HashMap<&str, Vec<String>> = HashMap::new();
        for (name, t) in csdl.entity_types.iter().chain(&csdl.complex_types) {
            if let Some(base) = &t.base_type {
                children.entry(base.as_str()).or_default().push(name.clone());
            }
        }
        for c in children.values_mut() {
            c.sort();
        }
        Walker {
            csdl,
            roots,
            imports,
            bound,
            types,
            children,
        }
    }

    /// Every type derived from `ty`, nearest first.
    pub fn derived(&self, ty: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut next = 0;
        let mut at = ty.to_string();
        loop {
            for c in self.children.get(at.as_str()).into_iter().flatten() {
                if c != ty && !out.contains(c) {
                    out.push(c.clone());
                }
            }
            let Some(n) = out.get(next) else { break };
            at = n.clone();
            next += 1;
        }
        out
    }

    /// Walks a path's segments to what it addresses.
    pub fn walk(&self, segments: &[Segment]) -> Result<Addressed, Unresolved> {
        let mut at: Option<Addressed> = None;
        for (i, segment) in segments.iter().enumerate() {
            let fail = |reason: String| Unresolved { segment: i, reason };
            at = Some(match (&at, segment) {
                (None, Segment::Literal { name }) => self.root(name).ok_or_else(|| {
                    fail(format!(
                        "`{name}` is no entity set, singleton or operation import of the metadata"
                    ))
                })?,
                (None, Segment::Call { name, arguments }) => {
                    let names: Vec<&str> = arguments.iter().filter_map(|a| a.name.as_deref()).collect();
                    match self.roots.get(&name.to_ascii_lowercase()) {
                        Some((true, entity)) => Addressed::Entity { entity: entity.clone() },
                        _ => self
                            .imports
                            .get(&name.to_ascii_lowercase())
                            .and_then(|ops| overload(ops, &names, 0))
                            .map(|op| Addressed::Operation {
                                op: Box::new(op.clone()),
                            })
                            .ok_or_else(|| fail(format!("`{name}(...)` is no entity set or operation import")))?,
                    }
                }
                (None, other) => return Err(fail(format!("a path cannot start with {other:?}"))),
                (Some(current), segment) => self.step(current, segment).map_err(fail)?,
            });
        }
        at.ok_or(Unresolved {
            segment: 0,
            reason: "the path is empty".into(),
        })
    }

    /// Walks a request path as sent, split into decoded segments
    /// (`["me", "ownedObjects"]`, `["users", "abc", "manager"]`): `$`
    /// segments are system ones, `microsoft.graph.` ones casts, a segment
    /// after a collection a key unless it names a cast or a bound operation,
    /// `name(...)` a call of a function or an alternate key.
    pub fn walk_sent(&self, parts: &[&str]) -> Result<Addressed, Unresolved> {
        self.walk_sent_from(parts).map(|(_, at)| at)
    }

    /// [`walk_sent`](Self::walk_sent), with what the path before its last
    /// segment addresses (`None` for a path of one segment): a `Collection`
    /// there makes the last segment a key.
    pub fn walk_sent_from(&self, parts: &[&str]) -> Result<(Option<Addressed>, Addressed), Unresolved> {
        let mut before: Option<Addressed> = None;
        let mut at: Option<Addressed> = None;
        for (i, part) in parts.iter().enumerate() {
            let fail = |reason: String| Unresolved { segment: i, reason };
            let segment = if part.contains('(') {
                match crate::read::path::segment(part) {
                    Ok(call @ Segment::Call { .. }) => call,
                    _ => return Err(fail(format!("`{part}` is no call of an operation"))),
                }
            } else if part.starts_with('$') {
                Segment::System { name: part.to_string() }
            } else if part.len() > 16 && part[..16].eq_ignore_ascii_case("microsoft.graph.") {
                Segment::Cast {
                    type_name: part.to_string(),
                }
            } else {
                Segment::Literal { name: part.to_string() }
            };
            let next = match &at {
                None => self.walk(std::slice::from_ref(&segment)).map_err(|u| fail(u.reason))?,
                Some(current) => match self.step(current, &segment) {
                    Ok(next) => next,
                    Err(_)
                        if matches!(current, Addressed::Collection { .. })
                            && matches!(segment, Segment::Literal { .. }) =>
                    {
                        let key = Segment::Key {
                            param: crate::schema::Param {
                                name: "id".into(),
                                alternatives: Vec::new(),
                            },
                        };
                        self.step(current, &key).map_err(fail)?
                    }
                    Err(reason) => return Err(fail(reason)),
                },
            };
            before = at.replace(next);
        }
        let at = at.ok_or(Unresolved {
            segment: 0,
            reason: "the path is empty".into(),
        })?;
        Ok((before, at))
    }

    fn root(&self, name: &str) -> Option<Addressed> {
        let lower = name.to_ascii_lowercase();
        if let Some((collection, entity)) = self.roots.get(&lower) {
            let entity = entity.clone();
            return Some(if *collection {
                Addressed::Collection { entity }
            } else {
                Addressed::Entity { entity }
            });
        }
        let op = self.imports.get(&lower)?.first()?;
        Some(Addressed::Operation {
            op: Box::new((*op).clone()),
        })
    }

    /// One segment further from `current`.
    fn step(&self, current: &Addressed, segment: &Segment) -> Result<Addressed, String> {
        let (ty, collection) = match current {
            Addressed::Collection { entity } => (entity.clone(), true),
            Addressed::Entity { entity } => (entity.clone(), false),
            Addressed::Property { ty } if !ty.is_primitive() => (ty.name.clone(), ty.collection),
            Addressed::Operation { op } if op.is_composable => match &op.return_type {
                Some(r) if !r.type_ref.is_primitive() => (r.type_ref.name.clone(), r.type_ref.collection),
                _ => return Err("the function returns nothing to navigate".into()),
            },
            Addressed::Property { .. } => {
                return match segment {
                    Segment::System { name } if name == "$value" => Ok(Addressed::Value),
                    _ => Err("a primitive property has no segments below it".into()),
                }
            }
            _ => return Err("nothing follows an operation, `$value`, `$ref` or `$count`".into()),
        };
        let single = |entity: String| -> Addressed {
            if self.is_entity(&entity) {
                Addressed::Entity { entity }
            } else {
                Addressed::Property {
                    ty: CsdlType::single(entity),
                }
            }
        };
        match segment {
            Segment::Key { .. } if collection => Ok(single(ty)),
            Segment::Key { .. } => Err(format!("a key on `{ty}`, which is not a collection")),
            Segment::System { name } => match name.as_str() {
                "$value" => Ok(Addressed::Value),
                "$count" if collection => Ok(Addressed::Count),
                "$ref" => Ok(Addressed::Ref { collection }),
                other => Err(format!("`{other}` on `{ty}`")),
            },
            Segment::Cast { type_name } => {
                let target = self
                    .types
                    .get(&type_name.to_ascii_lowercase())
                    .map(|t| t.qualified_name())
                    .ok_or_else(|| format!("cast to `{type_name}`, a type the metadata lacks"))?;
                Ok(if collection {
                    Addressed::Collection { entity: target }
                } else {
                    single(target)
                })
            }
            Segment::Literal { name } => {
                let name = name.trim_end_matches(':');
                if collection {
                    // An entity addressed by a name the service knows
                    // (`/sites/root`) is not in the metadata; operations are.
                    return self
                        .bound_operation(&ty, true, name, &[])
                        .ok_or_else(|| format!("`{name}` is no operation bound to a collection of `{ty}`"));
                }
                self.member(&ty, name)
                    .or_else(|| self.bound_operation(&ty, false, name, &[]))
                    .ok_or_else(|| format!("`{name}` is no property or operation of `{ty}` or its derived types"))
            }
            Segment::Call { name, arguments } => {
                let simple = name.rsplit('.').next().unwrap_or(name);
                let names: Vec<&str> = arguments.iter().filter_map(|a| a.name.as_deref()).collect();
                if let Some(op) = self.bound_operation(&ty, collection, simple, &names) {
                    return Ok(op);
                }
                // An alternate key: `devices(deviceId='{deviceId}')`.
                match self.member(&ty, simple) {
                    Some(Addressed::Collection { entity }) => Ok(Addressed::Entity { entity }),
                    _ => Err(format!("`{simple}(...)` is no operation bound to `{ty}`")),
                }
            }
            // OneDrive item paths: `root:/{path}:` and `{item-path}:` address
            // the item they name, of the type already reached.
            Segment::Mixed { pieces } => {
                let text: String = pieces
                    .iter()
                    .take_while(|p| matches!(p, Piece::Text(_)))
                    .filter_map(|p| match p {
                        Piece::Text(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                let name = text.split(':').next().unwrap_or_default();
                if name.is_empty() {
                    return Ok(single(ty));
                }
                if collection {
                    return Err(format!("`{name}` on a collection of `{ty}`"));
                }
                match self.member(&ty, name) {
                    Some(Addressed::Collection { entity }) | Some(Addressed::Entity { entity }) => Ok(single(entity)),
                    _ => Err(format!("`{name}` is no navigation property of `{ty}`")),
                }
            }
        }
    }

    fn is_entity(&self, name: &str) -> bool {
        self.csdl.entity_types.contains_key(name)
    }

    /// A property of `ty` (its own or inherited), else of a type derived
    /// from it (pages navigate without the cast the service accepts).
    fn member(&self, ty: &str, name: &str) -> Option<Addressed> {
        let mut candidates = vec![ty.to_string()];
        candidates.extend(self.derived(ty));
        for t in &candidates {
            if let Some(n) = self
                .csdl
                .all_navigation_properties(t)
                .into_iter()
                .rev()
                .find(|p| p.name.eq_ignore_ascii_case(name))
            {
                let entity = n.type_ref.name.clone();
                return Some(if n.type_ref.collection {
                    Addressed::Collection { entity }
                } else {
                    Addressed::Entity { entity }
                });
            }
            if let Some(p) = self
                .csdl
                .all_properties(t)
                .into_iter()
                .rev()
                .find(|p| p.name.eq_ignore_ascii_case(name))
            {
                return Some(Addressed::Property { ty: p.type_ref.clone() });
            }
        }
        None
    }

    /// An operation bound to `ty` (or a base type, or a derived type), the
    /// overload whose parameters the path names.
    fn bound_operation(&self, ty: &str, collection: bool, name: &str, params: &[&str]) -> Option<Addressed> {
        let lower = name.to_ascii_lowercase();
        let mut types: Vec<String> = self.csdl.base_chain(ty).iter().map(|t| t.qualified_name()).collect();
        if types.is_empty() {
            types.push(ty.to_string());
        }
        types.extend(self.derived(ty));
        types.into_iter().find_map(|t| {
            let ops = self.bound.get(&(t.to_ascii_lowercase(), collection, lower.clone()))?;
            overload(ops, params, 1).map(|op| Addressed::Operation {
                op: Box::new(op.clone()),
            })
        })
    }
}

/// The overload whose non-binding parameters (after `skip`) are the names
/// written, for a function; the first overload of an action (actions take
/// their parameters in the body).
fn overload<'a>(ops: &[&'a Operation], names: &[&str], skip: usize) -> Option<&'a Operation> {
    let fits = |op: &&&Operation| {
        op.kind == CsdlKind::Action || {
            let own: Vec<&str> = op.parameters.iter().skip(skip).map(|p| p.name.as_str()).collect();
            own.len() == names.len() && names.iter().all(|n| own.iter().any(|o| o.eq_ignore_ascii_case(n)))
        }
    };
    ops.iter().find(fits).or_else(|| ops.first()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::path::parse_request_line;

    const METADATA: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
      <EntityType Name="directoryObject" BaseType="graph.entity" />
      <EntityType Name="user" BaseType="graph.directoryObject">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="businessPhones" Type="Collection(Edm.String)" />
        <NavigationProperty Name="manager" Type="graph.directoryObject" />
        <NavigationProperty Name="messages" Type="Collection(graph.message)" ContainsTarget="true" />
        <NavigationProperty Name="drive" Type="graph.drive" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="group" BaseType="graph.directoryObject" />
      <EntityType Name="message" BaseType="graph.entity" HasStream="true" />
      <EntityType Name="drive" BaseType="graph.entity"><NavigationProperty Name="root" Type="graph.driveItem" ContainsTarget="true" /></EntityType>
      <EntityType Name="driveItem" BaseType="graph.entity"><NavigationProperty Name="children" Type="Collection(graph.driveItem)" ContainsTarget="true" /></EntityType>
      <Action Name="getMemberObjects" IsBound="true"><Parameter Name="bindingParameter" Type="graph.directoryObject" /><Parameter Name="securityEnabledOnly" Type="Edm.Boolean" /><ReturnType Type="Collection(Edm.String)" /></Action>
      <Function Name="delta" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(graph.user)" /><ReturnType Type="Collection(graph.user)" /></Function>
      <Function Name="reminderView" IsBound="true"><Parameter Name="bindingParameter" Type="graph.user" /><Parameter Name="StartDateTime" Type="Edm.String" /><Parameter Name="EndDateTime" Type="Edm.String" /><ReturnType Type="Collection(graph.entity)" /></Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="graph.user" />
        <EntitySet Name="directoryObjects" EntityType="graph.directoryObject" />
        <EntitySet Name="devices" EntityType="graph.entity" />
        <Singleton Name="me" Type="graph.user" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    fn walk(line: &str) -> Result<Addressed, Unresolved> {
        let csdl = crate::csdl::read_csdl(METADATA, "t.xml").expect("reads");
        let (_, path) = parse_request_line(line, 1).expect("a request line");
        Walker::new(&csdl).walk(&path.segments)
    }

    fn entity(name: &str) -> Addressed {
        Addressed::Entity {
            entity: format!("microsoft.graph.{name}"),
        }
    }

    #[test]
    fn sets_singletons_keys_and_navigation() {
        let users = Addressed::Collection {
            entity: "microsoft.graph.user".into(),
        };
        assert_eq!(walk("GET /users").unwrap(), users);
        assert_eq!(walk("GET /Users/{id}").unwrap(), entity("user"));
        assert_eq!(walk("GET /me").unwrap(), entity("user"));
        assert_eq!(walk("GET /me/manager").unwrap(), entity("directoryObject"));
        assert_eq!(
            walk("GET /users/{id}/messages").unwrap(),
            Addressed::Collection {
                entity: "microsoft.graph.message".into()
            }
        );
        assert_eq!(
            walk("GET /me/businessPhones").unwrap(),
            Addressed::Property {
                ty: CsdlType::collection_of("Edm.String")
            }
        );
        assert_eq!(walk("GET /devices(deviceId='{deviceId}')").unwrap(), entity("entity"));
    }

    #[test]
    fn a_path_as_sent_takes_a_segment_after_a_collection_as_its_key() {
        let csdl = crate::csdl::read_csdl(METADATA, "t.xml").expect("reads");
        let walker = Walker::new(&csdl);
        let sent = |path: &str| walker.walk_sent(&path.split('/').collect::<Vec<_>>());
        assert_eq!(sent("users/abc").unwrap(), entity("user"));
        let (before, _) = walker.walk_sent_from(&["users", "abc"]).unwrap();
        assert_eq!(
            before,
            Some(Addressed::Collection {
                entity: "microsoft.graph.user".into()
            }),
            "a key follows a collection"
        );
        assert_eq!(walker.walk_sent_from(&["me"]).unwrap().0, None);
        assert_eq!(
            sent("me/messages").unwrap(),
            Addressed::Collection {
                entity: "microsoft.graph.message".into()
            }
        );
        assert_eq!(sent("users/abc/messages/m1").unwrap(), entity("message"));
        assert_eq!(sent("users/abc/manager").unwrap(), entity("directoryObject"));
        assert_eq!(
            sent("directoryObjects/microsoft.graph.user").unwrap(),
            Addressed::Collection {
                entity: "microsoft.graph.user".into()
            }
        );
        assert_eq!(sent("users/$count").unwrap(), Addressed::Count);
        // A bound operation's name is the operation, not a key.
        assert!(matches!(
            sent("users/abc/getMemberObjects").unwrap(),
            Addressed::Operation { .. }
        ));
        assert_eq!(sent("users/abc/nothing").unwrap_err().segment, 2);
        assert_eq!(sent("groupz").unwrap_err().segment, 0);
        // A call names a function (with its arguments) or an alternate key.
        assert!(matches!(
            sent("users/delta()").unwrap(),
            Addressed::Operation { op } if op.name == "delta"
        ));
        assert_eq!(sent("users/abc/nothing(x=1)").unwrap_err().segment, 2);
        assert_eq!(sent("users/abc/(x").unwrap_err().segment, 2);
    }

    #[test]
    fn casts_system_segments_and_item_paths() {
        assert_eq!(
            walk("GET /directoryObjects/microsoft.graph.user").unwrap(),
            Addressed::Collection {
                entity: "microsoft.graph.user".into()
            }
        );
        assert_eq!(walk("GET /me/messages/{id}/$value").unwrap(), Addressed::Value);
        assert_eq!(walk("GET /users/$count").unwrap(), Addressed::Count);
        assert_eq!(
            walk("POST /users/{id}/manager/$ref").unwrap(),
            Addressed::Ref { collection: false }
        );
        assert_eq!(walk("GET /me/drive/root:/{item-path}:").unwrap(), entity("driveItem"));
        assert_eq!(
            walk("GET /me/drive/root:/{item-path}:/children").unwrap(),
            Addressed::Collection {
                entity: "microsoft.graph.driveItem".into()
            }
        );
    }

    #[test]
    fn bound_operations_by_binding_type_and_parameters() {
        let Addressed::Operation { op } = walk("POST /me/getMemberObjects").unwrap() else {
            panic!("an action")
        };
        assert_eq!(op.name, "getMemberObjects");
        let Addressed::Operation { op } = walk("GET /users/delta()").unwrap() else {
            panic!("a function")
        };
        assert_eq!(
            op.return_type.unwrap().type_ref,
            CsdlType::collection_of("microsoft.graph.user")
        );
        let Addressed::Operation { op } =
            walk("GET /me/reminderView(startDateTime={startDateTime},endDateTime={endDateTime})").unwrap()
        else {
            panic!("a function with parameters")
        };
        assert_eq!(op.parameters.len(), 3);
        let err = walk("GET /me/delta()").unwrap_err();
        assert_eq!(err.segment, 1, "{}", err.reason);
        assert!(walk("GET /unknown/{id}").is_err());
    }
}
