//! Navigation code: per node of the navigation tree (`resolve::navigation`)
//! a type naming it and the methods of `support::Node<ThatType, C>`: one per
//! child segment and one per route ending there (`C` is the context: `()`
//! gives route values, `&Client` calls to send). One generic `Node` type
//! keeps per-node code to its methods. Nodes live in `nav/<workload>.rs` by
//! their first segment; the root `Graph` in `nav/mod.rs`.

use super::docs;
use super::ident;
use super::routes::body_type;
use crate::naming::{self, NameSet};
use crate::resolve::navigation::{Navigation, Step, Terminal};
use crate::resolve::Schema;
use crate::schema::{Argument, Piece};
use proc_macro2::TokenStream;
use quote::quote;

/// The marker naming node `i`, by path (`crate::nav::users::UsersItem`).
fn marker(nav: &Navigation, i: usize) -> TokenStream {
    let name = ident(&nav.nodes[i].rust_name);
    if i == 0 {
        return quote!(crate::nav::Root);
    }
    let module = ident(&nav.nodes[i].workload);
    quote!(crate::nav::#module::#name)
}

/// One node: the type naming it, and the methods of `Node<ThatType, C>`.
pub fn node(nav: &Navigation, schema: &Schema, i: usize) -> TokenStream {
    let node = &nav.nodes[i];
    let me = marker(nav, i);
    let cfg = super::cfg(&node.features);
    let children = node.children.iter().map(|edge| {
        // A child reaching fewer workloads than its node says so; one
        // reaching as many is compiled with the node's `impl` already.
        let child = &nav.nodes[edge.target];
        let child_cfg = (child.features != node.features).then(|| super::cfg(&child.features));
        let method = ident(&edge.method);
        let target = marker(nav, edge.target);
        let mut names = NameSet::new();
        let (args, path) = match (&edge.step, &edge.key) {
            (Step::Key, Some(key)) => (vec![ident("id")], quote!(.param(#key, id))),
            (other, _) => step(other, &mut names),
        };
        let doc = format!(" `{}`", nav.nodes[edge.target].template.replace("{}", "{id}"));
        quote! {
            #[doc = #doc]
            #child_cfg
            pub fn #method(&self #(, #args: &str)*) -> crate::nav::Node<#target, C> {
                self.step(self.path() #path)
            }
        }
    });
    let terminals = node.terminals.iter().map(|t| terminal(schema, t));
    let declaration = if i == 0 {
        quote! {
            /// The root of navigation by path: `Graph::new().users().by_id("u1").get()` gives the
            /// route of `GET /users/{id}`. Each method is one segment of a documented path; the last
            /// one gives the route (from a client, `client.users()...`, a call to send).
            pub type Graph<C = ()> = crate::nav::Node<Root, C>;

            /// Names the root node ([`Graph`]).
            pub enum Root {}
        }
    } else {
        let name = ident(&node.rust_name);
        let doc = format!(
            " `{}`: a node of navigation by path; its methods are on [`Node<{}>`](crate::nav::Node).",
            node.template.replace("{}", "{id}"),
            node.rust_name
        );
        quote! {
            #[doc = #doc]
            #cfg
            pub enum #name {}
        }
    };
    quote! {
        #declaration

        #cfg
        impl<C: crate::support::Context> crate::nav::Node<#me, C> {
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
    let feature = &op.feature;
    let mut names = NameSet::new();
    names.reserve("body");
    let (mut args, mut path) = match &t.step {
        Some(Step::Literal(name)) => (Vec::new(), quote!(.literal(#name))),
        Some(last) => step(last, &mut names),
        None => (Vec::new(), quote!(.clone())),
    };
    for a in &t.query {
        let name = a.name.clone().unwrap_or_default();
        let mut parts = Vec::new();
        for piece in &a.value {
            match piece {
                Piece::Text(text) => parts.push(quote!(#text)),
                Piece::Param(p) | Piece::Quoted(p) => {
                    let arg = ident(&names.claim(&naming::field_name(&p.name)));
                    parts.push(if matches!(piece, Piece::Quoted(_)) {
                        quote!(crate::support::odata_string(#arg).as_str())
                    } else {
                        quote!(#arg)
                    });
                    args.push(arg);
                }
            }
        }
        path = match parts.as_slice() {
            [] => quote!(#path .query(#name, "")),
            [one] => quote!(#path .query(#name, #one)),
            _ => quote!(#path .query(#name, &[#(#parts),*].concat())),
        };
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
        docs::title(&op.title, op.kind),
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
            self.route(crate::routes::#module::#route::new(self.path() #path #body_value))
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
        Step::Pieces(pieces) => {
            let (args, calls) = pieces_calls(pieces, names);
            (args, quote!(.segment() #(#calls)*))
        }
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

/// Arguments of a segment's pieces: one `&str` per placeholder, and the
/// path calls writing them.
fn pieces_calls(pieces: &[Piece], names: &mut NameSet) -> (Vec<proc_macro2::Ident>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut calls = Vec::new();
    for piece in pieces {
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
    (args, calls)
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
        let (a, c) = pieces_calls(&a.value, names);
        args.extend(a);
        calls.extend(c);
    }
    (args, calls)
}

/// The generic node type every node's methods are on, with the helpers
/// the generated methods use. Emitted (not in `support`) so the node
/// methods are inherent impls of a type of the generated crate.
pub fn node_type() -> TokenStream {
    quote! {
        /// A node of navigation by path: `M` names it (`nav::users::UsersItem`, a
        /// type with no values whose docs say which path it stands for), `C` is
        /// what its terminal methods give (see [`Context`](crate::support::Context)).
        /// Its methods are in the `nav` modules, one `impl` per node.
        pub struct Node<M, C = ()> {
            ctx: C,
            path: crate::support::NodePath,
            node: ::std::marker::PhantomData<fn() -> M>,
        }

        impl<M, C: ::std::clone::Clone> ::std::clone::Clone for Node<M, C> {
            fn clone(&self) -> Self {
                Node { ctx: self.ctx.clone(), path: self.path.clone(), node: ::std::marker::PhantomData }
            }
        }

        impl<M, C> ::std::fmt::Debug for Node<M, C> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Node")
                    .field("node", &::std::any::type_name::<M>())
                    .field("path", &self.path)
                    .finish()
            }
        }

        impl<M> Node<M, ()> {
            /// The node at the version base, giving route values (sans-IO).
            pub fn new() -> Self {
                Self::with_context(())
            }
        }

        impl<M> ::std::default::Default for Node<M, ()> {
            fn default() -> Self {
                Self::new()
            }
        }

        impl<M, C> Node<M, C> {
            /// The node at the version base, giving what `ctx` makes of each route.
            pub fn with_context(ctx: C) -> Self {
                Node { ctx, path: crate::support::NodePath::new(), node: ::std::marker::PhantomData }
            }

            /// The path reached, for a request the crate has no route for
            /// (`RequestRoute`).
            pub fn path(&self) -> &crate::support::NodePath {
                &self.path
            }
        }

        impl<M, C: crate::support::Context> Node<M, C> {
            /// The child node at `path`.
            #[allow(dead_code)]
            fn step<N>(&self, path: crate::support::NodePath) -> Node<N, C> {
                Node { ctx: self.ctx.clone(), path, node: ::std::marker::PhantomData }
            }

            /// What the context makes of a route.
            #[allow(dead_code)]
            fn route<R: crate::support::Route>(&self, route: R) -> C::Call<R> {
                self.ctx.call(route)
            }
        }
    }
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
            let target = marker(nav, edge.target);
            let doc = format!(
                " `{}`, navigated from this client.",
                nav.nodes[edge.target].template.replace("{}", "{id}")
            );
            let cfg = super::cfg(&nav.nodes[edge.target].features);
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> crate::nav::Node<#target, &Self> {
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
