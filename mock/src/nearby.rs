//! The documented operations nearest a request no page documents: OData
//! says what a path of the metadata means, but each workload of Graph
//! answers in its own way (Intune and the workbook answer a PATCH 200 with
//! the entity, the directory 204; usage reports redirect with 302), so an
//! answer from the metadata (`crate::metadata`) takes the status the
//! nearest documented operations of its kind answer with: those of the same
//! method and kind whose path shares the most leading segments with the
//! request's, by majority.

use crate::graph::Graph;
use generator::schema::{Method, OperationKind, Segment};
use std::collections::BTreeMap;

/// What the nearest documented operations answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Near {
    pub status: u16,
    /// The `Location` their answer sends (a redirect's target).
    pub location: Option<String>,
}

impl Graph {
    /// The answer of the documented operations of `method` and `kind`
    /// (and, for an action or function, returning something or not as
    /// `returns` says) nearest the request path `parts`: `None` when none
    /// shares its first segment, or when their statuses tie with `default`.
    pub(crate) fn documented_near(
        &self,
        method: Method,
        kind: OperationKind,
        returns: Option<bool>,
        parts: &[&str],
        default: u16,
    ) -> Option<Near> {
        let mut best = (0, std::cmp::Reverse(0));
        let mut near: Vec<usize> = Vec::new();
        // `$ref`, `$value` and `$count` answer alike everywhere.
        let system = |p: &generator::resolve::OpPath| matches!(p.segments.last(), Some(Segment::System { .. }));
        for (o, op) in self.schema.operations.iter().enumerate() {
            if op.method != method || op.kind != kind || op.paths.iter().all(system) {
                continue;
            }
            if returns.is_some_and(|r| r != (op.response.is_some() || op.raw_response)) {
                continue;
            }
            // The most segments shared, then the closest in length.
            let score = op
                .paths
                .iter()
                .map(|p| {
                    let n = shared(&p.segments, parts);
                    (n, std::cmp::Reverse(p.segments.len().abs_diff(parts.len())))
                })
                .max()
                .unwrap_or((0, std::cmp::Reverse(0)));
            if score.0 == 0 || score < best {
                continue;
            }
            if score > best {
                best = score;
                near.clear();
            }
            near.push(o);
        }
        let mut statuses: BTreeMap<u16, (usize, usize)> = BTreeMap::new();
        for &o in &near {
            let status = self.answers[o][0].status;
            if status == default || alternative(kind, status) {
                let entry = statuses.entry(status).or_insert((0, o));
                entry.0 += 1;
            }
        }
        let most = statuses.values().map(|(n, _)| *n).max()?;
        if statuses.get(&default).is_some_and(|(n, _)| *n == most) {
            return None;
        }
        let (&status, &(_, o)) = statuses.iter().find(|(_, (n, _))| *n == most)?;
        let location = self.answers[o][0]
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("location"))
            .map(|(_, value)| value.clone());
        Some(Near { status, location })
    }
}

/// Whether the docs answer an operation of `kind` with `status` where OData
/// gives another: an update with the entity (200), a create with 200 or an
/// accepted 202, an action with or without content, creating (`createReply`:
/// 201) or accepted, a function with a redirect to its content (302), a
/// delete with 200 (the workbook's). Reads answer alike everywhere.
fn alternative(kind: OperationKind, status: u16) -> bool {
    match kind {
        OperationKind::Update => matches!(status, 200 | 204),
        OperationKind::Create => matches!(status, 200..=202),
        OperationKind::Action => matches!(status, 200..=202 | 204),
        OperationKind::Function => matches!(status, 200 | 302),
        OperationKind::Delete => matches!(status, 200 | 204),
        OperationKind::Get | OperationKind::List => false,
    }
}

/// How many leading segments of a documented path the request's share: a
/// name the same (ignoring case), a placeholder anything, a call the same
/// name with its arguments.
fn shared(segments: &[Segment], parts: &[&str]) -> usize {
    segments
        .iter()
        .zip(parts)
        .take_while(|(segment, part)| match segment {
            Segment::Literal { name } | Segment::Cast { type_name: name } | Segment::System { name } => {
                name.eq_ignore_ascii_case(part)
            }
            Segment::Key { .. } => true,
            Segment::Call { name, .. } => part
                .get(..name.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(name) && part[name.len()..].starts_with('(')),
            Segment::Mixed { .. } => false,
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::graph_of;

    fn segments(template: &str) -> Vec<Segment> {
        generator::read::path::parse_path(template, 1).unwrap().segments
    }

    #[test]
    fn the_status_is_the_nearest_documented_operations_of_the_kind() {
        let graph = graph_of(&[
            ("PATCH /deviceManagement/deviceConfigurations/{id}", 200),
            ("PATCH /deviceManagement/deviceCompliancePolicies/{id}", 200),
            ("PATCH /deviceManagement/roleDefinitions/{id}/roleAssignments/{id}", 204),
            ("PATCH /groups/{id}", 204),
            ("POST /groups/{id}/members/$ref", 204),
        ]);
        let near = |parts: &[&str], default| {
            graph
                .documented_near(Method::Patch, OperationKind::Update, None, parts, default)
                .map(|n| n.status)
        };
        // Two of the same length answer 200; the longer one is farther.
        assert_eq!(near(&["deviceManagement", "auditEvents", "e1"], 204), Some(200));
        // The neighbours answer as OData says: nothing to change.
        assert_eq!(near(&["groups", "g1"], 204), None);
        // Nothing shares the first segment.
        assert_eq!(near(&["education", "classes", "c1"], 204), None);
        // `$ref` is no neighbour of a create.
        let create = graph.documented_near(
            Method::Post,
            OperationKind::Create,
            None,
            &["groups", "g1", "owners"],
            201,
        );
        assert_eq!(create, None);
    }

    #[test]
    fn leading_segments_are_shared_by_name_placeholder_or_call() {
        let parts = ["deviceManagement", "auditEvents", "e1"];
        assert_eq!(shared(&segments("/deviceManagement/auditEvents/{id}"), &parts), 3);
        assert_eq!(
            shared(&segments("/devicemanagement/deviceConfigurations/{id}"), &parts),
            1
        );
        assert_eq!(shared(&segments("/users/{id}"), &parts), 0);
        let call = ["reports", "getMailboxUsageDetail(period='D7')"];
        assert_eq!(
            shared(&segments("/reports/getMailboxUsageDetail(period={period})"), &call),
            2
        );
        assert_eq!(shared(&segments("/reports/getMailboxUsage(period={period})"), &call), 1);
    }
}
