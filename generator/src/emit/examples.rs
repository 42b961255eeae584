//! Generated tests replaying the documented examples through the generated
//! routes: the request built from the example's ids must have the example's
//! method, path and JSON body; the example response must deserialise into
//! the route's response type and serialise back to equal JSON.

use super::ident;
use crate::naming;
use crate::resolve::{Op, Ty};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The test functions for one operation (none if no example can be replayed).
pub fn tests(op: &Op) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let workload = format_ident!("{}", op.workload);
    let name = ident(&op.rust_name);
    let path_name = format_ident!("{}Path", op.rust_name);
    for (n, example) in op.examples.iter().enumerate() {
        let Some((index, values)) = &example.path else { continue };
        let path = &op.paths[*index];
        let variant = ident(&path.variant);
        let fn_name = format_ident!("{}_example_{}", naming::field_name(&op.rust_name), n + 1);
        let source = format!(" `{}` line {}.", example.source, example.line);
        let fields = path.params.iter().zip(values).map(|((_, rust), value)| {
            let f = ident(rust);
            quote!(#f: #value.to_string())
        });
        let path_value = if path.params.is_empty() {
            quote!(routes::#workload::#path_name::#variant)
        } else {
            quote!(routes::#workload::#path_name::#variant { #(#fields),* })
        };
        let expected_path = &example.url_path;
        // The query the path's template writes carries the example's values.
        let query_check = (!path.query.is_empty()).then(|| {
            let written = example.url_query.clone().unwrap_or_default();
            quote! {
                let written = query_pairs(#written);
                for (name, value) in &request.query {
                    if let Some((_, expected)) = written.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                        assert_eq!(value, expected, "query parameter {name}");
                    }
                }
            }
        });
        let method = format_ident!("{}", op.method.as_str());
        // A body taking `impl Into<XKind>` names its type for `from_str`.
        let body_ty = op
            .body_kind
            .as_ref()
            .and_then(|_| super::routes::body_type(op))
            .map(super::types::from_outside);
        let turbofish = body_ty.as_ref().map(|t| quote!(::<#t>));
        let (body_arg, body_check) = match (&op.body, &example.request_body) {
            (Some(_), Some(body)) => {
                let text = serde_json::to_string_pretty(body).expect("JSON values serialise");
                (
                    quote!(, ::serde_json::from_str #turbofish (#text).expect("the example body reads as the body type")),
                    quote! {
                        let expected: ::serde_json::Value = ::serde_json::from_str(#text).unwrap();
                        assert_eq!(request.json_body(), Some(expected));
                    },
                )
            }
            (Some(ty), None) => (default_body(ty, &body_ty), quote!()),
            (None, _) if op.raw_request => (quote!(, ::std::default::Default::default()), quote!()),
            (None, _) => (quote!(), quote!(assert_eq!(request.body, None);)),
        };
        let response_check = example.response_body.as_ref().filter(|_| op.response.is_some()).map(|body| {
            let text = serde_json::to_string_pretty(body).expect("JSON values serialise");
            quote! {
                let response = <routes::#workload::#name as Route>::parse_response(::http::StatusCode::OK, &::http::HeaderMap::new(), #text.as_bytes()).expect("the example response reads as the response type");
                let expected: ::serde_json::Value = ::serde_json::from_str(#text).unwrap();
                assert_eq!(::serde_json::to_value(&response).unwrap(), expected);
            }
        });
        let feature = &op.feature;
        out.push(quote! {
            #[doc = #source]
            #[cfg(feature = #feature)]
            #[test]
            fn #fn_name() {
                let route = routes::#workload::#name::new(#path_value #body_arg);
                let request = route.to_request().unwrap();
                assert_eq!(request.method, ::http::Method::#method);
                assert_eq!(decode(&request.path).to_ascii_lowercase(), #expected_path.to_ascii_lowercase());
                #query_check
                #body_check
                #response_check
            }
        });
    }
    out
}

fn default_body(ty: &Ty, body_ty: &Option<TokenStream>) -> TokenStream {
    match (ty, body_ty) {
        (_, Some(t)) => quote!(, <#t as ::std::default::Default>::default()),
        (Ty::Collection(_) | Ty::Model(_), None) => quote!(, ::std::default::Default::default()),
        (Ty::Reference, None) => quote!(, msgraph_typed::support::Reference::new("")),
        _ => quote!(, ::serde_json::from_str("null").unwrap()),
    }
}

/// The test file around the test functions.
pub fn file(tests: Vec<TokenStream>) -> TokenStream {
    quote! {
        //! The documented examples, replayed through the generated routes.
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #![allow(clippy::all)]

        #[allow(unused_imports)]
        use msgraph_typed::routes;
        #[allow(unused_imports)]
        use msgraph_typed::support::Route;

        /// `name=value` pairs of a query as written, percent-decoding undone.
        #[allow(dead_code)]
        fn query_pairs(query: &str) -> ::std::vec::Vec<(::std::string::String, ::std::string::String)> {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(n, v)| (decode(n), decode(v)))
                .collect()
        }

        /// The path with percent-encoding undone, to compare with the example as
        /// written (ignoring case: pages differ in the case of segment names,
        /// which the service reads case-insensitively).
        #[allow(dead_code)]
        fn decode(path: &str) -> ::std::string::String {
            ::percent_encoding::percent_decode_str(path).decode_utf8().unwrap().into_owned()
        }

        #(#tests)*
    }
}
