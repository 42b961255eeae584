//! Rust types for schema types. Std and support items are named by full
//! path so a model called `Option` or `Result` cannot shadow them.

use crate::resolve::Ty;
use crate::schema::Primitive;
use proc_macro2::{Group, Ident, TokenStream, TokenTree};
use quote::{format_ident, quote};

/// The Rust type of a value of `ty`.
pub fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::Primitive(p) => primitive(*p),
        Ty::Model(name) => {
            let ident = format_ident!("{}", name);
            quote!(crate::models::#ident)
        }
        Ty::Enum(name) => {
            let ident = format_ident!("{}", name);
            quote!(crate::enums::#ident)
        }
        Ty::Collection(inner) => {
            let inner = rust_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        Ty::Reference => quote!(crate::support::Reference),
        Ty::Flags(name) => {
            let ident = format_ident!("{}", name);
            quote!(crate::support::Flags<crate::enums::#ident>)
        }
    }
}

/// The type of a struct field: single models are boxed, so recursive types
/// have a size.
pub fn field_type(ty: &Ty) -> TokenStream {
    let inner = rust_type(ty);
    match ty {
        Ty::Model(_) => quote!(::std::boxed::Box<#inner>),
        _ => inner,
    }
}

fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::String => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single | Primitive::Double | Primitive::Decimal => quote!(crate::support::Double),
        Primitive::DateTimeOffset => quote!(crate::support::DateTimeOffset),
        Primitive::Date => quote!(crate::support::Date),
        Primitive::TimeOfDay => quote!(crate::support::TimeOfDay),
        Primitive::Duration => quote!(crate::support::Duration),
        Primitive::Guid => quote!(crate::support::Guid),
        Primitive::Binary => quote!(crate::support::Binary),
        Primitive::Stream | Primitive::Json => quote!(::serde_json::Value),
    }
}

/// A type (or any tokens) named from outside the generated crate, as its
/// tests do: every `crate` becomes `msgraph_typed`.
pub fn from_outside(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) if i == "crate" => TokenTree::Ident(Ident::new("msgraph_typed", i.span())),
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), from_outside(g.stream()));
                group.set_span(g.span());
                TokenTree::Group(group)
            }
            other => other,
        })
        .collect()
}
