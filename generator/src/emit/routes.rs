//! Route code: per operation, a request type holding its path (a
//! `NodePath`, built by navigation: one type per operation however many
//! paths it documents), body and query options, and a `Route` impl. Its
//! rustdoc lists the documented paths with the navigation reaching each.
//! Its functions are `#[inline]`: compiled in the crate that calls them, so
//! an application's build compiles the few routes it uses, not all of them
//! (nothing generic asks for it: `to_request` of every route would be
//! compiled with the crate otherwise).

use super::docs;
use super::ident;
use super::types::rust_type;
use crate::resolve::navigation::Navigation;
use crate::resolve::{Answer, Op, Ty};
use crate::schema::{ApiVersion, Method, OperationKind};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub fn route(op: &Op, index: usize, nav: &Navigation) -> TokenStream {
    let name = ident(&op.rust_name);
    let beta = op.api_version == Some(ApiVersion::Beta);
    let doc = rustdoc(op, index, nav, beta);
    let body_ty = body_type(op);
    let request_type = request_type(op, &name, body_ty.as_ref());
    let route_impl = route_impl(op, &name, body_ty.is_some(), beta);
    let query_impls = super::query::route_impls(op);
    let name_str = &op.rust_name;

    quote! {
        #doc
        #request_type
        #route_impl

        #query_impls

        /// The request it builds: method, URL and body.
        impl ::std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::support::debug_route(self, #name_str, f)
            }
        }

    }
}

/// The request type's rustdoc and `#[doc(alias)]` attributes: title,
/// description, guidance, documented paths, beta notice, query options,
/// permissions, headers and source pages.
fn rustdoc(op: &Op, index: usize, nav: &Navigation, beta: bool) -> TokenStream {
    let mut doc = vec![docs::title(&op.title, op.kind), String::new()];
    doc.extend(docs::description(&op.description, ""));
    doc.extend(docs::guidance(&op.guidance));
    doc.extend(paths_doc(op, index, nav));
    if beta {
        doc.push(String::new());
        doc.push(
            "**Beta**: the documentation gives this operation under the `beta` version (a beta notice or \
             beta example URLs), so its requests are built for `beta` \
             ([`Route::API_VERSION`](crate::support::Route::API_VERSION)); the service may change it."
                .to_string(),
        );
    }
    if let Some(line) = super::query::doc_line(op) {
        doc.push(String::new());
        doc.push(line);
    }
    doc.extend(docs::permissions(&op.permissions));
    doc.extend(docs::headers(&op.headers));
    doc.extend(docs::source(&op.sources));
    let doc = docs::doc_lines(&doc);
    let aliases = op.aliases.iter().map(|a| {
        let a = docs::alias(a);
        quote!(#[doc(alias = #a)])
    });
    quote! {
        #doc
        #(#aliases)*
    }
}

/// The request struct (path, body, query options) and its inherent impl:
/// `METHOD`, `new` and the permissions constant.
fn request_type(op: &Op, name: &Ident, body_ty: Option<&TokenStream>) -> TokenStream {
    let method = format_ident!("{}", op.method.as_str());
    let body_field = body_ty.map(|t| {
        quote! {
            /// The request body.
            pub body: #t,
        }
    });
    let query_field = op.odata_query.then(|| {
        quote! {
            /// OData query options (`$select`, `$filter`, `$expand`, ...).
            pub query: crate::support::QueryOptions,
        }
    });
    // A create on a base type takes any derived type: `impl Into<XKind>`.
    let (body_arg, body_init) = match (body_ty, &op.body_kind) {
        (Some(t), Some(_)) => (
            Some(quote!(, body: impl ::std::convert::Into<#t>)),
            Some(quote!(body: body.into(),)),
        ),
        (Some(t), None) => (Some(quote!(, body: #t)), Some(quote!(body,))),
        (None, _) => (None, None),
    };
    let new_doc = if op.body_kind.is_some() {
        " A request for `path` (built by navigation, see [`crate::nav::Graph`]); the body may be the base type or any type derived from it."
    } else {
        " A request for `path` (built by navigation, see [`crate::nav::Graph`])."
    };
    let query_init = op
        .odata_query
        .then(|| quote!(query: crate::support::QueryOptions::new(),));
    let permissions = super::permissions::constant(op);

    quote! {
        #[derive(Clone)]
        pub struct #name {
            /// The path the request addresses, built by navigation.
            pub path: crate::support::NodePath,
            #body_field
            #query_field
        }

        impl #name {
            /// The HTTP method of the operation.
            pub const METHOD: ::http::Method = ::http::Method::#method;

            #[doc = #new_doc]
            #[inline]
            pub fn new(path: crate::support::NodePath #body_arg) -> Self {
                Self { path, #body_init #query_init }
            }

            #permissions
        }
    }
}

/// The `Route` impl: response type, API version on beta, and
/// `to_request` adding version, body and query options to the path's request.
fn route_impl(op: &Op, name: &Ident, has_body: bool, beta: bool) -> TokenStream {
    let version = beta.then(|| {
        quote!(
            const API_VERSION: crate::support::ApiVersion = crate::support::ApiVersion::Beta;
        )
    });
    let with_version = beta.then(|| quote!(let request = request.with_version(Self::API_VERSION);));
    let with_body = match (has_body, op.raw_request) {
        (true, true) => {
            Some(quote!(let request = request.with_body(&self.body.content_type, self.body.bytes.clone())?;))
        }
        (true, false) => Some(quote!(let request = request.with_json_body(&self.body)?;)),
        (false, _) => None,
    };
    let with_query = op
        .odata_query
        .then(|| quote!(let request = request.with_query(&self.query);));
    let response = response_type(op);
    let parse_raw = response_parser(op);

    quote! {
        impl crate::support::Route for #name {
            type Response = #response;
            #version

            #[inline]
            fn to_request(&self) -> ::std::result::Result<crate::support::Request, crate::support::Error> {
                let request = self.path.request(Self::METHOD)?;
                #with_version
                #with_body
                #with_query
                ::std::result::Result::Ok(request)
            }

            #parse_raw
        }
    }
}

/// A `Route` method overriding how the response is read: the raw bytes
/// for a raw response, `Accepted` for an operation answering 202; none otherwise.
fn response_parser(op: &Op) -> Option<TokenStream> {
    if op.raw_response {
        Some(quote! {
            #[inline]
            fn parse_body(body: &[u8]) -> ::std::result::Result<Self::Response, ::serde_json::Error> {
                ::std::result::Result::Ok(body.to_vec())
            }
        })
    } else if op.answer == Answer::Accepted {
        Some(quote! {
            #[inline]
            fn parse_response(
                status: ::http::StatusCode,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<Self::Response, crate::support::Error> {
                crate::support::Accepted::from_response(status, headers, body)
            }
        })
    } else {
        None
    }
}

/// The Rust type of the request body: content bytes, the body model's
/// `XKind` for a create on a base type, or the body type.
pub fn body_type(op: &Op) -> Option<TokenStream> {
    if op.raw_request {
        return Some(quote!(crate::support::Content));
    }
    match &op.body_kind {
        Some(kind) => {
            let kind = ident(kind);
            Some(quote!(crate::models::#kind))
        }
        None => op.body.as_ref().map(rust_type),
    }
}

fn response_type(op: &Op) -> TokenStream {
    if op.raw_response {
        return quote!(::std::vec::Vec<u8>);
    }
    match op.answer {
        Answer::NoContent => return quote!(crate::support::NoContent),
        Answer::Accepted => return quote!(crate::support::Accepted),
        Answer::Value => {
            let inner = op.response.as_ref().map_or(quote!(::serde_json::Value), rust_type);
            return quote!(crate::support::ValueOf<#inner>);
        }
        Answer::Body => {}
    }
    match &op.response {
        Some(Ty::Collection(inner)) => {
            let inner = rust_type(inner);
            quote!(crate::support::CollectionPage<#inner>)
        }
        Some(t) => rust_type(t),
        None if op.kind == OperationKind::Delete || op.method == Method::Delete => quote!(crate::support::NoContent),
        None => quote!(::serde_json::Value),
    }
}

/// The `# Paths` section: each documented path and the navigation
/// reaching it (`.users().by_id(id).get()`), arguments named for the path's
/// placeholders.
fn paths_doc(op: &Op, index: usize, nav: &Navigation) -> Vec<String> {
    let mut doc = vec![
        String::new(),
        "# Paths".to_string(),
        String::new(),
        "Each documented path, and the navigation reaching it from [`Graph::new()`](crate::nav::Graph) \
         (or from a client):"
            .to_string(),
        String::new(),
    ];
    for (i, path) in op.paths.iter().enumerate() {
        let Some(address) = nav.addresses.get(&(index, i)) else {
            continue;
        };
        let chain = address.chain(path, body_type(op).is_some());
        doc.push(format!("- `{} {}`: `{chain}`", op.method.as_str(), path.template));
    }
    doc
}
