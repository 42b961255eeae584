//! Route code: per operation, a request type holding its path, body and query
//! options, a path enum with one variant per documented path (so an operation
//! listing eight paths is one type, not eight copies), and a `Route` impl.

use super::docs;
use super::ident;
use super::types::rust_type;
use crate::resolve::{Answer, Op, OpPath, Ty};
use crate::schema::{ApiVersion, Method, OperationKind, Piece, Segment};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn route(op: &Op) -> TokenStream {
    let name = ident(&op.rust_name);
    let path_name = format_ident!("{}Path", op.rust_name);
    let method = format_ident!("{}", op.method.as_str());
    let mut doc = vec![op.title.clone(), String::new()];
    doc.extend(docs::description(&op.description, ""));
    doc.extend(docs::guidance(&op.guidance));
    doc.push(String::new());
    doc.push(format!(
        "`{}` with the path chosen by [`{}`].",
        op.method.as_str(),
        path_name
    ));
    let beta = op.api_version == Some(ApiVersion::Beta);
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

    let body_ty = body_type(op);
    let body_field = body_ty.as_ref().map(|t| {
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
    let (body_arg, body_init) = match (&body_ty, &op.body_kind) {
        (Some(t), Some(_)) => (
            Some(quote!(, body: impl ::std::convert::Into<#t>)),
            Some(quote!(body: body.into(),)),
        ),
        (Some(t), None) => (Some(quote!(, body: #t)), Some(quote!(body,))),
        (None, _) => (None, None),
    };
    let new_doc = if op.body_kind.is_some() {
        " A request for `path`; the body may be the base type or any type derived from it."
    } else {
        " A request for `path`."
    };
    let version = beta.then(|| {
        quote!(
            const API_VERSION: crate::support::ApiVersion = crate::support::ApiVersion::Beta;
        )
    });
    let with_version = beta.then(|| quote!(let request = request.with_version(Self::API_VERSION);));
    let query_init = op
        .odata_query
        .then(|| quote!(query: crate::support::QueryOptions::new(),));
    let with_body = match (&body_ty, op.raw_request) {
        (Some(_), true) => {
            Some(quote!(let request = request.with_body(&self.body.content_type, self.body.bytes.clone())?;))
        }
        (Some(_), false) => Some(quote!(let request = request.with_json_body(&self.body)?;)),
        (None, _) => None,
    };
    let parse_raw = if op.raw_response {
        Some(quote! {
            fn parse_body(body: &[u8]) -> ::std::result::Result<Self::Response, ::serde_json::Error> {
                ::std::result::Result::Ok(body.to_vec())
            }
        })
    } else if op.answer == Answer::Accepted {
        Some(quote! {
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
    };
    let with_query = op
        .odata_query
        .then(|| quote!(let request = request.with_query(&self.query);));
    let response = response_type(op);
    let permissions = super::permissions::constant(op);
    let paths_doc = format!(" The documented paths of [`{}`].", op.rust_name);
    let query_impls = super::query::route_impls(op);
    let name_str = &op.rust_name;

    let variants = op.paths.iter().map(|p| {
        let v = ident(&p.variant);
        let doc = format!(" `{} {}`", op.method.as_str(), p.template);
        let fields = p.params.iter().map(|(wire, rust)| {
            let f = ident(rust);
            let d = format!(" `{{{wire}}}`");
            quote!(#[doc = #d] #f: ::std::string::String,)
        });
        if p.params.is_empty() {
            quote!(#[doc = #doc] #v,)
        } else {
            quote!(#[doc = #doc] #v { #(#fields)* },)
        }
    });
    let arms = op.paths.iter().map(path_arm);
    let has_template_query = op.paths.iter().any(|p| !p.query.is_empty());
    let with_template_query = has_template_query.then(|| quote! {
        let request = self.path.query().into_iter().fold(request, |request, (name, value)| request.with_query_param(name, value));
    });
    let query_fn = has_template_query.then(|| {
        let arms = op.paths.iter().map(query_arm);
        quote! {
            /// The query the documented path writes, placeholders filled.
            pub fn query(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                match self {
                    #(#arms)*
                    Self::Nav(path) => path.query_pairs(),
                }
            }
        }
    });

    quote! {
        #doc
        #(#aliases)*
        #[derive(Clone)]
        pub struct #name {
            /// Which documented path the request addresses.
            pub path: #path_name,
            #body_field
            #query_field
        }

        impl #name {
            /// The HTTP method of the operation.
            pub const METHOD: ::http::Method = ::http::Method::#method;

            #[doc = #new_doc]
            pub fn new(path: #path_name #body_arg) -> Self {
                Self { path, #body_init #query_init }
            }

            #permissions
        }

        impl crate::support::Route for #name {
            type Response = #response;
            #version

            fn to_request(&self) -> ::std::result::Result<crate::support::Request, crate::support::Error> {
                let request = crate::support::Request::new(Self::METHOD, self.path.to_path()?);
                #with_version
                #with_body
                #with_template_query
                #with_query
                ::std::result::Result::Ok(request)
            }

            #parse_raw
        }

        #query_impls

        /// The request it builds: method, URL and body.
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::support::debug_route(self, #name_str, f)
            }
        }

        #[doc = #paths_doc]
        #[derive(Clone)]
        pub enum #path_name {
            #(#variants)*
            /// A path reached by navigation ([`crate::nav`]).
            Nav(crate::support::NodePath),
        }

        impl #path_name {
            /// The path relative to the version base; parameters are
            /// percent-encoded so a value can never change the target.
            pub fn to_path(&self) -> ::std::result::Result<::std::string::String, crate::support::Error> {
                match self {
                    #(#arms)*
                    Self::Nav(path) => path.to_path(),
                }
            }

            #query_fn
        }

        /// The path it builds.
        impl ::std::fmt::Debug for #path_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::support::debug_path(self.to_path(), f)
            }
        }
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

/// The match arm building one path.
fn path_arm(p: &OpPath) -> TokenStream {
    let v = ident(&p.variant);
    let mut next = Params { path: p, index: 0 };
    let mut calls = Vec::new();
    let mut literal_run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, calls: &mut Vec<TokenStream>| {
        if !run.is_empty() {
            let text = run.join("/");
            calls.push(quote!(.literal(#text)));
            run.clear();
        }
    };
    for segment in &p.segments {
        match segment {
            Segment::Literal { name } | Segment::System { name } => literal_run.push(name.clone()),
            Segment::Cast { type_name } => literal_run.push(type_name.clone()),
            Segment::Key { .. } => {
                flush(&mut literal_run, &mut calls);
                let (wire, f, item_path) = next.take();
                calls.push(if item_path {
                    quote!(.segment().item_path(#wire, #f))
                } else {
                    quote!(.param(#wire, #f))
                });
            }
            Segment::Call { name, arguments } => {
                flush(&mut literal_run, &mut calls);
                let open = format!("{name}(");
                calls.push(quote!(.segment().text(#open)));
                for (i, a) in arguments.iter().enumerate() {
                    let mut text = if i > 0 { ",".to_string() } else { String::new() };
                    if let Some(n) = &a.name {
                        text.push_str(n);
                        text.push('=');
                    }
                    if !text.is_empty() {
                        calls.push(quote!(.text(#text)));
                    }
                    calls.extend(segment_pieces(&a.value, &mut next));
                }
                calls.push(quote!(.text(")")));
            }
            Segment::Mixed { pieces } => {
                flush(&mut literal_run, &mut calls);
                calls.push(quote!(.segment()));
                calls.extend(segment_pieces(pieces, &mut next));
            }
        }
    }
    flush(&mut literal_run, &mut calls);
    let pattern = pattern(p, &v, 0..next.index);
    quote!(#pattern => crate::support::PathBuilder::new() #(#calls)* .finish(),)
}

/// `Self::Variant { a, b, .. }` binding the parameters in `range`.
fn pattern(p: &OpPath, v: &proc_macro2::Ident, range: std::ops::Range<usize>) -> TokenStream {
    let all = range.start == 0 && range.end == p.params.len();
    let bindings: Vec<_> = p.params[range].iter().map(|(_, rust)| ident(rust)).collect();
    let rest = (!all).then(|| quote!(..));
    match (p.params.is_empty(), bindings.is_empty()) {
        (true, _) => quote!(Self::#v),
        (false, true) => quote!(Self::#v { .. }),
        (false, false) => quote!(Self::#v { #(#bindings,)* #rest }),
    }
}

/// The parameters of a path, taken in the order they are written.
struct Params<'a> {
    path: &'a OpPath,
    index: usize,
}

impl Params<'_> {
    /// The next placeholder: wire name, Rust binding, whether an item path.
    fn take(&mut self) -> (String, proc_macro2::Ident, bool) {
        let (wire, rust) = &self.path.params[self.index];
        let item_path = self.path.item_paths.contains(&self.index);
        self.index += 1;
        (wire.clone(), ident(rust), item_path)
    }
}

fn segment_pieces(ps: &[Piece], next: &mut Params<'_>) -> Vec<TokenStream> {
    ps.iter()
        .map(|piece| match piece {
            Piece::Text(t) => quote!(.text(#t)),
            Piece::Param(_) => {
                let (wire, f, item_path) = next.take();
                if item_path {
                    quote!(.item_path(#wire, #f))
                } else {
                    quote!(.value(#wire, #f))
                }
            }
            Piece::Quoted(_) => {
                let (wire, f, _) = next.take();
                quote!(.string_literal(#wire, #f))
            }
        })
        .collect()
}

/// The match arm listing the query a path's template writes: `(name, value)`
/// pairs, placeholders filled (inside quotes as OData string literals).
fn query_arm(p: &OpPath) -> TokenStream {
    let v = ident(&p.variant);
    let path_params: usize = p.segments.iter().map(|s| s.params().len()).sum();
    let mut next = Params {
        path: p,
        index: path_params,
    };
    let pairs = p.query.iter().map(|a| {
        let name = a.name.clone().unwrap_or_default();
        let parts = a.value.iter().map(|piece| match piece {
            Piece::Text(t) => quote!(#t),
            Piece::Param(_) => {
                let (_, f, _) = next.take();
                quote!(#f.as_str())
            }
            Piece::Quoted(_) => {
                let (_, f, _) = next.take();
                quote!(crate::support::odata_string(#f).as_str())
            }
        });
        let parts: Vec<TokenStream> = parts.collect();
        match (a.value.as_slice(), parts.as_slice()) {
            (_, []) => quote!((#name, ::std::string::String::new())),
            ([Piece::Param(_)], [_]) => {
                let f = ident(&p.params[next.index - 1].1);
                quote!((#name, #f.clone()))
            }
            _ => quote!((#name, [#(#parts),*].concat())),
        }
    });
    let pairs: Vec<TokenStream> = pairs.collect();
    let pattern = pattern(p, &v, path_params..p.params.len());
    if p.query.is_empty() {
        return quote!(#pattern => ::std::vec::Vec::new(),);
    }
    quote!(#pattern => ::std::vec![#(#pairs),*],)
}
