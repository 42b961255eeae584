//! Faults on demand: the operations a fault selector names
//! (`Graph::select`), and the endpoints setting a fault
//! (`/$mock/faults`) and the seeded fault rules (`/$mock/fault-rules`).

use super::responses::answer_response;
use super::{Shared, FAULT_RULES_PATH, FAULT_SHAPE};
use crate::error::{ODataError, UnknownRoute};
use crate::fault_draws::FaultDraws;
use crate::fault_rules::FaultPlan;
use crate::faults::{Fault, FaultRequest};
use crate::graph::{AnswerBody, Graph};
use crate::route::{Ask, Routing};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use generator::schema::Method;
use std::sync::{Arc, PoisonError};

impl Graph {
    /// The operations a fault selector names: an operation's Rust name,
    /// `METHOD /template` as documented (placeholder names aside:
    /// `GET /users/{id}` is `GET /users/{id | userPrincipalName}`), or else
    /// `METHOD /path` as a request would be routed (`GET /users/u1`).
    pub fn select(&self, route: &str) -> Vec<usize> {
        let Some((method, template)) = route
            .split_once(' ')
            .and_then(|(m, t)| Some((Method::parse(m)?, t.trim())))
        else {
            return self.find(|op| op.rust_name == route);
        };
        let shape = generator::resolve::template_key(template);
        let documented = self.find(|op| {
            op.method == method
                && op
                    .paths
                    .iter()
                    .any(|p| generator::resolve::template_key(&p.template) == shape)
        });
        if !documented.is_empty() {
            return documented;
        }
        match self.route(method, &crate::route::canonical_path(template), Ask::default()) {
            Routing::Found(routed) => vec![routed.op],
            _ => Vec::new(),
        }
    }

    fn find(&self, pred: impl Fn(&generator::resolve::Op) -> bool) -> Vec<usize> {
        let ops = self.schema.operations.iter().enumerate();
        ops.filter(|(_, op)| pred(op)).map(|(i, _)| i).collect()
    }
}

impl Shared {
    /// Sets `fault` on every operation `route` selects.
    pub(super) fn fault(&self, route: &str, fault: Fault) -> Result<(), UnknownRoute> {
        let ops = self.graph.select(route);
        if ops.is_empty() {
            return Err(UnknownRoute(route.to_string()));
        }
        for op in ops {
            self.faults.add(op, fault.clone());
        }
        Ok(())
    }

    /// The seeded rules in force.
    pub(super) fn draws(&self) -> Arc<FaultDraws> {
        self.draws.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Puts a seeded fault plan in force, its routes checked.
    pub(super) fn set_plan(&self, plan: &FaultPlan) -> Result<(), UnknownRoute> {
        let draws = FaultDraws::new(&self.graph, plan)?;
        *self.draws.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(draws);
        Ok(())
    }

    /// `/$mock/fault-rules`: `POST` a plan (204, or 400 naming the rule or
    /// route that does not read), `GET` the one in force, `DELETE` it.
    pub(super) fn fault_rules(&self, method: &axum::http::Method, body: &[u8]) -> Result<Response, ODataError> {
        use axum::http::Method as M;
        let bad = |message: String| {
            let mut error = ODataError::new(400, "BadRequest", message);
            error.target = Some("rules".into());
            error
        };
        match *method {
            M::POST => {
                let plan: FaultPlan = serde_json::from_slice(body).map_err(|e| {
                    bad(format!(
                        "a plan is `{{\"seed\": 7, \"rules\": [\"503:10%@GET /users\"]}}`: {e}"
                    ))
                })?;
                self.set_plan(&plan).map_err(|e| bad(e.to_string()))?;
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            M::DELETE => {
                self.set_plan(&FaultPlan::default()).map_err(|e| bad(e.to_string()))?;
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            M::GET => {
                let plan = self.draws().plan();
                let rules: Vec<String> = plan.rules.iter().map(ToString::to_string).collect();
                let body = serde_json::json!({ "seed": plan.seed, "rules": rules });
                Ok(answer_response(200, &[], &AnswerBody::Json(body)))
            }
            _ => Err(ODataError::new(
                405,
                "MethodNotAllowed",
                format!("`{FAULT_RULES_PATH}` takes GET, POST and DELETE"),
            )),
        }
    }

    /// `POST /$mock/faults`: sets a fault; 204, or 400 naming what is wrong.
    pub(super) fn set_fault(&self, body: &[u8]) -> Result<Response, ODataError> {
        let request: FaultRequest = serde_json::from_slice(body)
            .map_err(|e| ODataError::new(400, "BadRequest", format!("a fault is {FAULT_SHAPE}: {e}")))?;
        let fault = request.fault();
        crate::faults::check(&fault)?;
        self.fault(&request.route, fault).map_err(|e| {
            let mut error = ODataError::new(400, "BadRequest", e.to_string());
            error.target = Some("route".into());
            error
        })?;
        Ok(StatusCode::NO_CONTENT.into_response())
    }
}
