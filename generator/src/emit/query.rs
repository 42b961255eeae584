//! Typed query options in emitted code: each model's properties as
//! constants (`User::DISPLAY_NAME: Property<User>`, `User::MANAGER:
//! Navigation<User>`), and per route the `Queryable` impl naming the model
//! it answers plus one marker impl per option its page documents
//! (`impl Select for ListUsers {}`), which is what lets
//! `.select([User::DISPLAY_NAME])` compile on that route alone.

use super::{cfg, ident};
use crate::resolve::{Answer, Model, Op, Ty};
use crate::schema::QueryOption;
use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The constants of a model's wire properties.
pub fn properties(m: &Model) -> TokenStream {
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
    quote! {
        #cfg
        impl #name {
            #(#consts)*
        }
    }
}

/// The model whose properties a route's query options name, and whether the
/// route answers a collection of it; `None` when the answer is not a model.
fn item(op: &Op) -> Option<(&str, bool)> {
    if !op.odata_query || op.raw_response || op.answer != Answer::Body {
        return None;
    }
    match op.response.as_ref()? {
        Ty::Collection(inner) => match inner.as_ref() {
            Ty::Model(m) => Some((m, true)),
            _ => None,
        },
        Ty::Model(m) => Some((m, false)),
        _ => None,
    }
}

/// The options a route takes: the documented ones that apply to what it
/// answers (`$select` and `$expand` only, for one entity).
pub fn options(op: &Op) -> Vec<QueryOption> {
    let Some((_, collection)) = item(op) else {
        return Vec::new();
    };
    op.query_options
        .iter()
        .copied()
        .filter(|o| collection || matches!(o, QueryOption::Select | QueryOption::Expand))
        .collect()
}

/// `Queryable` and the option traits of a route, if it takes any.
pub fn route_impls(op: &Op) -> Option<TokenStream> {
    let (model, _) = item(op)?;
    let options = options(op);
    if options.is_empty() {
        return None;
    }
    let name = ident(&op.rust_name);
    let model = ident(model);
    let traits = options.iter().map(|o| {
        let t = trait_name(*o);
        quote!(impl crate::support::#t for #name {})
    });
    Some(quote! {
        impl crate::support::Queryable for #name {
            type Item = crate::models::#model;
            fn query_mut(&mut self) -> &mut crate::support::QueryOptions {
                &mut self.query
            }
        }
        #(#traits)*
    })
}

/// The line of a route's rustdoc listing its typed options.
pub fn doc_line(op: &Op) -> Option<String> {
    let options = options(op);
    if options.is_empty() {
        return None;
    }
    let names: Vec<String> = options
        .iter()
        .map(|o| format!("[`{}`](crate::support::{})", method_name(*o), trait_name(*o)))
        .collect();
    Some(format!("Query options its page documents: {}.", names.join(", ")))
}

fn trait_name(o: QueryOption) -> proc_macro2::Ident {
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
