//! Typed query options in emitted code: the properties of each model a
//! route's options name (`resolve/query.rs` settles which) as constants
//! (`User::DISPLAY_NAME: Property<User>`, `User::MANAGER: Navigation<User>`),
//! and per route the `Queryable` impl naming the model it answers and, per
//! option, whether its page documents it (`type Select = Yes;`), which is
//! what lets `.select([User::DISPLAY_NAME])` compile on that route alone.

use super::{cfg, ident};
use crate::resolve::{Model, Op};
use crate::schema::QueryOption;
use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The constants of a model's wire properties, for a model a route's query
/// options name.
pub fn properties(m: &Model) -> Option<TokenStream> {
    if !m.queried {
        return None;
    }
    let name = ident(&m.rust_name);
    let cfg = cfg(&m.features);
    let consts = m.fields.iter().map(|f| {
        let c = format_ident!("{}", f.rust_name.trim_end_matches('_').to_shouty_snake_case());
        let wire = &f.wire_name;
        if f.navigation {
            let doc = format!(" `{wire}`, a related entity: for `$expand`.");
            quote!(#[doc = #doc] pub const #c: crate::support::Navigation<Self> = crate::support::Navigation::new(#wire);)
        } else {
            let doc = format!(" `{wire}`: for `$select`, `$orderby` and `$filter`.");
            quote!(#[doc = #doc] pub const #c: crate::support::Property<Self> = crate::support::Property::new(#wire);)
        }
    });
    Some(quote! {
        #cfg
        impl #name {
            #(#consts)*
        }
    })
}

/// The `Queryable` impl of a route that takes typed options: the model
/// they name and, per option, whether its page documents it.
pub fn route_impls(op: &Op) -> Option<TokenStream> {
    let model = ident(op.query_item.as_deref()?);
    let name = ident(&op.rust_name);
    let flags = QueryOption::ALL.iter().map(|o| {
        let t = assoc_name(*o);
        let flag = if op.query_options.contains(o) {
            quote!(crate::support::Yes)
        } else {
            quote!(crate::support::No)
        };
        quote!(type #t = #flag;)
    });
    Some(quote! {
        impl crate::support::Queryable for #name {
            type Item = crate::models::#model;
            #(#flags)*
            #[inline]
            fn query_mut(&mut self) -> &mut crate::support::QueryOptions {
                &mut self.query
            }
        }
    })
}

/// The line of a route's rustdoc listing its typed options.
pub fn doc_line(op: &Op) -> Option<String> {
    op.query_item.as_ref()?;
    let names: Vec<String> = op
        .query_options
        .iter()
        .map(|o| format!("[`{}`](crate::support::QueryExt::{})", method_name(*o), method_name(*o)))
        .collect();
    Some(format!("Query options its page documents: {}.", names.join(", ")))
}

fn assoc_name(o: QueryOption) -> proc_macro2::Ident {
    format_ident!(
        "{}",
        match o {
            QueryOption::Select => "Select",
            QueryOption::Expand => "Expand",
            QueryOption::Filter => "Filter",
            QueryOption::OrderBy => "OrderBy",
            QueryOption::Top => "Top",
            QueryOption::Skip => "Skip",
            QueryOption::Count => "Count",
            QueryOption::Search => "Search",
        }
    )
}

fn method_name(o: QueryOption) -> &'static str {
    match o {
        QueryOption::OrderBy => "order_by",
        o => o.name(),
    }
}
