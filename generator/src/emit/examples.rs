//! Generated tests replaying the documented examples through the generated
//! navigation and routes: the request a user builds from the example's ids
//! (`Graph::new().users().by_id("u1").get()`) must have the example's
//! method, path and JSON body; the example response must deserialise into
//! the route's response type and serialise back to equal JSON.

use super::{ident, layout, EmitError, File};
use crate::naming;
use crate::resolve::navigation::Navigation;
use crate::resolve::{Op, Ty};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The test functions for one operation (none if no example can be replayed).
pub fn tests(op: &Op, op_index: usize, nav: &Navigation) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let workload = format_ident!("{}", op.workload);
    let name = ident(&op.rust_name);
    for (n, example) in op.examples.iter().enumerate() {
        let Some((index, values)) = &example.path else { continue };
        let path = &op.paths[*index];
        let Some(address) = nav.addresses.get(&(op_index, *index)) else {
            continue;
        };
        let fn_name = format_ident!("{}_example_{}", naming::field_name(&op.rust_name), n + 1);
        let source = format!(" `{}` line {}.", example.source, example.line);
        let last = address.calls.len().saturating_sub(1);
        let has_body = super::routes::body_type(op).is_some();
        let calls: Vec<TokenStream> = address
            .params()
            .enumerate()
            .map(|(i, (method, params))| {
                let method = ident(method);
                let args = values[params].iter();
                let body = (i == last && has_body).then(|| quote!(body));
                let args = args.map(|v| quote!(#v)).chain(body);
                quote!(.#method(#(#args),*))
            })
            .collect();
        let expected_path = &example.url_path;
        // The query the path's template writes carries the example's values.
        let query = if path.query.is_empty() {
            quote!(None)
        } else {
            let written = example.url_query.clone().unwrap_or_default();
            quote!(Some(#written))
        };
        let method = format_ident!("{}", op.method.as_str());
        // A body taking `impl Into<XKind>` names its type for `from_str`.
        let body_ty = op
            .body_kind
            .as_ref()
            .and_then(|_| super::routes::body_type(op))
            .map(super::types::from_outside);
        let turbofish = body_ty.as_ref().map(|t| quote!(::<#t>));
        let (body_text, body_arg, body_check) = match (&op.body, &example.request_body) {
            (Some(_), Some(body)) => {
                let text = serde_json::to_string_pretty(body).expect("JSON values serialise");
                (
                    Some(quote!(let text = #text;)),
                    Some(
                        quote!(let body = ::serde_json::from_str #turbofish (text).expect("the example body reads as the body type");),
                    ),
                    quote!(Body::Json(text)),
                )
            }
            (Some(ty), None) => (None, Some(default_body(ty, &body_ty)), quote!(Body::Unchecked)),
            (None, _) if op.raw_request => (
                None,
                Some(quote!(let body = ::std::default::Default::default();)),
                quote!(Body::Unchecked),
            ),
            (None, _) => (None, None, quote!(Body::None)),
        };
        let response_check = example
            .response_body
            .as_ref()
            .filter(|_| op.response.is_some())
            .map(|body| {
                let text = serde_json::to_string_pretty(body).expect("JSON values serialise");
                quote!(check_response::<routes::#workload::#name>(#text);)
            });
        let feature = &op.feature;
        out.push(quote! {
            #[doc = #source]
            #[cfg(feature = #feature)]
            #[test]
            fn #fn_name() {
                #body_text
                #body_arg
                let route: routes::#workload::#name = msgraph_typed::nav::Graph::new() #(#calls)*;
                check_request(&route, ::http::Method::#method, #expected_path, #query, #body_check);
                #response_check
            }
        });
    }
    out
}

fn default_body(ty: &Ty, body_ty: &Option<TokenStream>) -> TokenStream {
    let value = match (ty, body_ty) {
        (_, Some(t)) => quote!(<#t as ::std::default::Default>::default()),
        (Ty::Collection(_) | Ty::Model(_), None) => quote!(::std::default::Default::default()),
        (Ty::Reference, None) => quote!(msgraph_typed::support::Reference::new("")),
        _ => quote!(::serde_json::from_str("null").unwrap()),
    };
    quote!(let body = #value;)
}

/// The test file, when one file holds every test.
pub const PATH: &str = "tests/examples.rs";

/// The test files around the formatted tests: `tests/examples.rs`, or
/// `tests/examples/main.rs` with the helpers and parts of at most
/// [`layout::MAX_LINES`] lines.
pub fn files(tests: &[&str]) -> Result<Vec<File>, EmitError> {
    let parts = layout::cut(tests);
    if parts.len() <= 1 {
        let head = super::format_item(PATH, head(quote!()))?;
        return Ok(vec![layout::file(PATH.to_string(), head, tests)]);
    }
    let mods = (1..=parts.len()).map(|n| {
        let m = format_ident!("part_{}", n);
        quote!(mod #m;)
    });
    let mut files = vec![super::file("tests/examples/main.rs", head(quote!(#(#mods)*)))?];
    for (n, items) in parts.iter().enumerate() {
        let path = format!("tests/examples/part_{}.rs", n + 1);
        let doc = format!(" The documented examples, part {}.", n + 1);
        let head = super::format_item(&path, quote!(#![doc = #doc] #[allow(unused_imports)] use super::*;))?;
        files.push(layout::file(path, head, items));
    }
    Ok(files)
}

/// The helpers every test uses, then `tail` (the parts' modules).
fn head(tail: TokenStream) -> TokenStream {
    quote! {
        //! The documented examples, replayed through the generated routes.
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #![allow(clippy::all)]

        #[allow(unused_imports)]
        use msgraph_typed::routes;
        #[allow(unused_imports)]
        use msgraph_typed::support::Route;

        /// What a replayed request's body must be.
        #[allow(dead_code)]
        enum Body<'a> {
            /// This JSON (the example's body).
            Json(&'a str),
            /// None.
            None,
            /// Whatever the route sends (the example gives none to compare).
            Unchecked,
        }

        /// The request a route builds from an example's ids has the
        /// example's method, path (percent-encoding undone; ignoring case:
        /// pages differ in the case of segment names, which the service
        /// reads case-insensitively), the values of the query its template
        /// writes, and its body.
        #[allow(dead_code)]
        #[track_caller]
        fn check_request<R: Route>(route: &R, method: ::http::Method, path: &str, query: Option<&str>, body: Body<'_>) {
            let request = route.to_request().unwrap();
            assert_eq!(request.method, method);
            assert_eq!(decode(&request.path).to_ascii_lowercase(), path.to_ascii_lowercase());
            if let Some(query) = query {
                let written: Vec<(String, String)> = query
                    .split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .map(|(n, v)| (decode(n), decode(v)))
                    .collect();
                for (name, value) in &request.query {
                    if let Some((_, expected)) = written.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                        assert_eq!(value, expected, "query parameter {name}");
                    }
                }
            }
            match body {
                Body::Json(text) => {
                    let expected: ::serde_json::Value = ::serde_json::from_str(text).unwrap();
                    assert_eq!(request.json_body(), Some(expected));
                }
                Body::None => assert_eq!(request.body, None),
                Body::Unchecked => {}
            }
        }

        /// The example response reads as the route's response type and
        /// writes back as the same JSON.
        #[allow(dead_code)]
        #[track_caller]
        fn check_response<R: Route>(text: &str)
        where
            R::Response: ::serde::Serialize,
        {
            let response = R::parse_response(::http::StatusCode::OK, &::http::HeaderMap::new(), text.as_bytes())
                .expect("the example response reads as the response type");
            let expected: ::serde_json::Value = ::serde_json::from_str(text).unwrap();
            assert_eq!(::serde_json::to_value(&response).unwrap(), expected);
        }

        #[allow(dead_code)]
        fn decode(text: &str) -> ::std::string::String {
            ::percent_encoding::percent_decode_str(text).decode_utf8().unwrap().into_owned()
        }

        #tail
    }
}
