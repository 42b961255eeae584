//! Navigation code: one struct per node of the navigation tree
//! (`resolve::navigation`), generic over its [`Context`] (`()` gives route
//! values, `&Client` calls to send), with a method per child segment and a
//! method per route ending there. Nodes live in `nav/<workload>.rs` by
//! their first segment; the root `Graph` in `nav/mod.rs`.
//!
//! [`Context`]: ../../../generated/src/support/nav.rs

use super::docs;
use super::ident;
use super::routes::body_type;
use crate::naming::{self, NameSet};
use crate::resolve::navigation::{Navigation, Step, Terminal};
use crate::resolve::Schema;
use crate::schema::{Argument, Piece};
use proc_macro2::TokenStream;
use quote::quote;

/// The type of node `i`, by path.
fn node_type(nav: &Navigation, i: usize) -> TokenStream {
    let name = ident(&nav.nodes[i].rust_name);
    if i == 0 {
        return quote!(crate::nav::#name);
    }
    let module = ident(&nav.nodes[i].workload);
    quote!(crate::nav::#module::#name)
}

/// One node: its struct and methods.
pub fn node(nav: &Navigation, schema: &Schema, i: usize) -> TokenStream {
    let node = &nav.nodes[i];
    let name = ident(&node.rust_name);
    let doc = if i == 0 {
        " The root of navigation by path: `Graph::new().users().by_id(\"u1\").get()` gives the route of \
         `GET /users/{id}`. Each method is one segment of a documented path; the last one gives the route \
         (or, from a client's `graph()`, a call to send)."
            .to_string()
    } else {
        format!(
            " `{}`: a node of navigation by path.",
            node.template.replace("{}", "{id}")
        )
    };
    let cfg = super::cfg(&node.features);
    let children = node.children.iter().map(|edge| {
        let child_cfg = super::cfg(&nav.nodes[edge.target].features);
        let method = ident(&edge.method);
        let target = node_type(nav, edge.target);
        let mut names = NameSet::new();
        let (args, path) = step(&edge.step, &mut names);
        let doc = format!(" `{}`", nav.nodes[edge.target].template.replace("{}", "{id}"));
        quote! {
            #[doc = #doc]
            #child_cfg
            pub fn #method(&self #(, #args: &str)*) -> #target<C> {
                #target { ctx: self.ctx.clone(), path: self.path #path }
            }
        }
    });
    let terminals = node.terminals.iter().map(|t| terminal(schema, t));
    let root = (i == 0).then(|| {
        quote! {
            impl Graph<()> {
                /// The root, giving route values (sans-IO).
                pub fn new() -> Self {
                    Graph { ctx: (), path: crate::support::NodePath::new() }
                }
            }

            impl ::std::default::Default for Graph<()> {
                fn default() -> Self {
                    Self::new()
                }
            }

            impl<C: crate::support::Context> Graph<C> {
                /// The root, giving what `ctx` makes of each route.
                pub fn with_context(ctx: C) -> Self {
                    Graph { ctx, path: crate::support::NodePath::new() }
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Debug, Clone)]
        pub struct #name<C = ()> {
            pub(crate) ctx: C,
            pub(crate) path: crate::support::NodePath,
        }

        #root

        #cfg
        impl<C: crate::support::Context> #name<C> {
            #(#children)*
            #(#terminals)*
        }
    }
}

/// A terminal method: the route of one documented path ending here.
fn terminal(schema: &Schema, t: &Terminal) -> TokenStream {
    let op = &schema.operations[t.op];
    let method = ident(&t.method);
    let module = ident(&op.workload);
    let route = ident(&op.rust_name);
    let route_path = ident(&format!("{}Path", op.rust_name));
    let feature = &op.feature;
    let mut names = NameSet::new();
    names.reserve("body");
    let (mut args, mut path) = match &t.step {
        Some(Step::Literal(name)) => (Vec::new(), quote!(.literal(#name))),
        Some(last) => step(last, &mut names),
        None => (Vec::new(), quote!(.clone())),
    };
    for (name, param) in &t.query {
        let arg = ident(&names.claim(&naming::field_name(param)));
        path = quote!(#path .query(#name, #arg));
        args.push(arg);
    }
    let body = body_type(op);
    let (body_arg, body_value) = match (&body, &op.body_kind) {
        (Some(t), Some(_)) => (
            Some(quote!(, body: impl ::std::convert::Into<#t>)),
            Some(quote!(, body)),
        ),
        (Some(t), None) => (Some(quote!(, body: #t)), Some(quote!(, body))),
        (None, _) => (None, None),
    };
    let doc = docs::doc_lines(&[
        op.title.clone(),
        String::new(),
        format!(
            "[`{0}`](crate::routes::{1}::{0}): `{2}`.",
            op.rust_name, op.workload, t.alias
        ),
    ]);
    let alias = docs::alias(&t.alias);
    quote! {
        #doc
        #[doc(alias = #alias)]
        #[cfg(feature = #feature)]
        pub fn #method(&self #(, #args: &str)* #body_arg) -> C::Call<crate::routes::#module::#route> {
            self.ctx.call(crate::routes::#module::#route::new(
                crate::routes::#module::#route_path::Nav(self.path #path) #body_value
            ))
        }
    }
}

/// The method arguments and path calls of a step.
fn step(step: &Step, names: &mut NameSet) -> (Vec<proc_macro2::Ident>, TokenStream) {
    match step {
        Step::Literal(name) => (Vec::new(), quote!(.literal(#name))),
        Step::Key => (vec![ident("id")], quote!(.param("id", id))),
        Step::ItemPath { closed: true } => (
            vec![ident("path")],
            quote!(.text(":").segment().item_path("path", path).text(":")),
        ),
        Step::ItemPath { closed: false } => (
            vec![ident("path")],
            quote!(.text(":").segment().item_path("path", path)),
        ),
        Step::Call {
            name,
            arguments,
            attached,
        } => {
            let (args, pieces) = call_arguments(arguments, names);
            let open = if *attached {
                quote!(.text("("))
            } else {
                let open = format!("{name}(");
                quote!(.segment().text(#open))
            };
            (args, quote!(#open #(#pieces)* .text(")")))
        }
    }
}

/// Arguments of a call: one `&str` per placeholder, and the path calls
/// writing `name=value` pairs.
fn call_arguments(arguments: &[Argument], names: &mut NameSet) -> (Vec<proc_macro2::Ident>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut calls = Vec::new();
    for (i, a) in arguments.iter().enumerate() {
        let mut text = if i > 0 { ",".to_string() } else { String::new() };
        if let Some(n) = &a.name {
            text.push_str(n);
            text.push('=');
        }
        if !text.is_empty() {
            calls.push(quote!(.text(#text)));
        }
        for piece in &a.value {
            match piece {
                Piece::Text(t) => calls.push(quote!(.text(#t))),
                Piece::Param(p) | Piece::Quoted(p) => {
                    let arg = ident(&names.claim(&naming::field_name(&p.name)));
                    let wire = &p.name;
                    calls.push(if matches!(piece, Piece::Quoted(_)) {
                        quote!(.string_literal(#wire, #arg))
                    } else {
                        quote!(.value(#wire, #arg))
                    });
                    args.push(arg);
                }
            }
        }
    }
    (args, calls)
}

/// `impl Client { pub fn users(&self) ... }`: the root's children from a
/// client, so `client.users().list().await` reads as a path.
pub fn client_roots(nav: &Navigation) -> TokenStream {
    let methods = nav.nodes[0]
        .children
        .iter()
        .filter(|e| matches!(e.step, Step::Literal(_)))
        .map(|edge| {
            let method = ident(&edge.method);
            let target = node_type(nav, edge.target);
            let doc = format!(
                " `{}`, navigated from this client.",
                nav.nodes[edge.target].template.replace("{}", "{id}")
            );
            let cfg = super::cfg(&nav.nodes[edge.target].features);
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> #target<&Self> {
                    crate::nav::Graph::with_context(self).#method()
                }
            }
        });
    quote! {
        #[cfg(feature = "client")]
        impl crate::client::Client {
            #(#methods)*
        }
    }
}
