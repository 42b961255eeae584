//! The plan as a report: text for people (`cargo xtask permissions`) and
//! JSON (`--format json`), each matched line with its route and page, then
//! per kind the scopes and the requests each serves.

use super::{LineMatch, Report, RouteTable};
use serde_json::json;

impl Report {
    /// The plan as text for people.
    pub fn human(&self, table: &RouteTable) -> String {
        let mut out = String::new();
        for l in &self.lines {
            match l {
                LineMatch::Matched { line, text, route } => {
                    let r = &table.routes[*route];
                    let rows: String = r
                        .rows
                        .iter()
                        .map(|(c, l)| format!("; permissions row `{c}` (line {l})"))
                        .collect();
                    let also: String = r.also.iter().map(|f| format!("; also {f}")).collect();
                    out.push_str(&format!(
                        "{line}: {text}\n    -> {} {} ({}{also}{rows})\n",
                        r.method.as_str(),
                        r.template,
                        r.file
                    ));
                    if let Some(call) = &r.call {
                        out.push_str(&format!("       `{}`: `client{}`\n", call.route, call.chain));
                    }
                }
                LineMatch::Beta { line, text, route } => {
                    let r = &table.routes[*route];
                    out.push_str(&format!(
                        "{line}: {text}\n    -> a beta request; the pages document {} {} ({}) for v1.0 only; not planned\n",
                        r.method.as_str(),
                        r.template,
                        r.file
                    ));
                }
                LineMatch::Unmatched { line, text, nearest } => {
                    out.push_str(&format!("{line}: {text}\n    -> no documented route; nearest:\n"));
                    for n in nearest {
                        out.push_str(&format!("       {n}\n"));
                    }
                }
            }
        }
        for k in &self.kinds {
            out.push_str(&format!("\n{}:\n", k.kind));
            if k.scopes.is_empty() {
                out.push_str("  (no scope covers these requests)\n");
            }
            for (scope, served) in &k.scopes {
                out.push_str(&format!("  {scope}\n"));
                for s in served {
                    out.push_str(&format!("      {s}\n"));
                }
            }
            if !k.not_supported.is_empty() {
                out.push_str(&format!("  not supported: {}\n", k.not_supported.join("; ")));
            }
            if !k.needs_user.is_empty() {
                out.push_str(&format!(
                    "  not supported (needs a signed-in user; use `/users/{{id}}/...`): {}\n",
                    k.needs_user.join("; ")
                ));
            }
            if !k.unknown.is_empty() {
                out.push_str(&format!("  unknown (the pages do not say): {}\n", k.unknown.join("; ")));
            }
            if !k.choose.is_empty() {
                out.push_str("  depends on the resource or case (one row each; not planned, say which applies):\n");
                for c in &k.choose {
                    out.push_str(&format!("      {}\n", c.request));
                    for (condition, line, scopes) in &c.options {
                        out.push_str(&format!("          {condition} (line {line}): {scopes}\n"));
                    }
                }
            }
            if !k.cases.is_empty() {
                out.push_str("  only in a case (not planned; add if the case applies):\n");
                for c in &k.cases {
                    out.push_str(&format!("      {} (line {}): {}\n", c.condition, c.line, c.scopes));
                    for r in &c.requests {
                        out.push_str(&format!("          {r}\n"));
                    }
                }
            }
        }
        out
    }

    /// The plan as JSON.
    pub fn json(&self, table: &RouteTable) -> serde_json::Value {
        let lines: Vec<_> = self
            .lines
            .iter()
            .map(|l| match l {
                LineMatch::Matched { line, text, route } => {
                    let r = &table.routes[*route];
                    let rows: Vec<_> = r.rows.iter().map(|(c, l)| json!({"condition": c, "line": l})).collect();
                    let call = r.call.as_ref().map(|c| json!({"route": c.route, "chain": c.chain}));
                    json!({"line": line, "request": text, "route": format!("{} {}", r.method.as_str(), r.template), "page": r.file, "alsoPages": r.also, "permissionRows": rows, "call": call})
                }
                LineMatch::Unmatched { line, text, nearest } => {
                    json!({"line": line, "request": text, "route": null, "nearest": nearest})
                }
                LineMatch::Beta { line, text, route } => {
                    let r = &table.routes[*route];
                    json!({"line": line, "request": text, "route": null, "beta": true,
                           "v1Route": format!("{} {}", r.method.as_str(), r.template), "page": r.file})
                }
            })
            .collect();
        let kinds: Vec<_> = self
            .kinds
            .iter()
            .map(|k| {
                let scopes: Vec<_> = k
                    .scopes
                    .iter()
                    .map(|(s, served)| json!({"scope": s, "serves": served}))
                    .collect();
                let choose: Vec<_> = k
                    .choose
                    .iter()
                    .map(|c| {
                        let options: Vec<_> = c
                            .options
                            .iter()
                            .map(|(condition, line, scopes)| json!({"condition": condition, "line": line, "scopes": scopes}))
                            .collect();
                        json!({"request": c.request, "options": options})
                    })
                    .collect();
                let cases: Vec<_> = k
                    .cases
                    .iter()
                    .map(|c| json!({"condition": c.condition, "line": c.line, "scopes": c.scopes, "requests": c.requests}))
                    .collect();
                json!({"kind": k.kind, "scopes": scopes, "unknown": k.unknown, "notSupported": k.not_supported,
                       "needsSignedInUser": k.needs_user, "dependsOn": choose, "onlyInCase": cases})
            })
            .collect();
        json!({"requests": lines, "plan": kinds})
    }

    /// Whether some line matched no route.
    pub fn has_unmatched(&self) -> bool {
        self.lines.iter().any(|l| matches!(l, LineMatch::Unmatched { .. }))
    }
}
