//! Polymorphism by `@odata.type`. A property typed with a base type reads
//! any derived object into the base struct without loss (`odata_type` and
//! `additional_properties` keep the rest). For every model with derived
//! types this emits `XKind`, an enum of the base and each derived type, with
//! `X::into_kind` choosing by `@odata.type`; a derived type this version does
//! not know, or an object that does not fit its type, stays the base type.
//! `X::downcast` reads the object as any other model. Where a create takes
//! `XKind` as its body, `XKind` also reads and writes as the object it holds
//! and every derived type converts into it, so the create takes any of them
//! (other kinds go without, to keep the crate lean).

use super::{cfg, ident};
use crate::resolve::{Model, Schema};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The `XKind` enum and the `into_kind`/`downcast` methods of every model
/// that has derived types.
pub fn kinds(schema: &Schema) -> Vec<(&Model, TokenStream)> {
    let bodies: BTreeSet<&str> = schema
        .operations
        .iter()
        .filter_map(|op| op.body_kind.as_deref())
        .collect();
    schema
        .models
        .values()
        .filter_map(|m| {
            let kind_name = m.kind_name.as_deref()?;
            let derived: Vec<&Model> = m.derived.iter().filter_map(|w| schema.models.get(w)).collect();
            let mut tokens = kind(m, kind_name, &derived);
            if bodies.contains(kind_name) {
                tokens.extend(body(m, kind_name, &derived));
            }
            Some((m, tokens))
        })
        .collect()
}

fn kind(base: &Model, kind_name: &str, derived: &[&Model]) -> TokenStream {
    let name = ident(&base.rust_name);
    let kind_name = ident(kind_name);
    let cfg_base = cfg(&base.features);
    let doc = format!(
        " `{}` or a type derived from it, chosen by `@odata.type`.",
        base.wire_name
    );
    let base_doc = " The base type itself, or a derived type this version does not know.".to_string();
    let variants = derived.iter().map(|d| {
        let v = ident(&d.rust_name);
        let c = cfg(&d.features);
        let doc = format!(" `{}`.", d.wire_name);
        quote!(#[doc = #doc] #c #v(::std::boxed::Box<crate::models::#v>),)
    });
    let arms = derived.iter().map(|d| {
        let v = ident(&d.rust_name);
        let c = cfg(&d.features);
        let wire = &d.wire_name;
        quote! {
            #c
            {
                if odata_type.eq_ignore_ascii_case(#wire) {
                    if let ::std::result::Result::Ok(value) = self.downcast::<crate::models::#v>() {
                        return #kind_name::#v(::std::boxed::Box::new(value));
                    }
                }
            }
        }
    });
    let wires = derived.iter().map(|d| &d.wire_name);
    quote! {
        #[doc = #doc]
        #cfg_base
        #[derive(Debug, Clone, PartialEq)]
        pub enum #kind_name {
            #[doc = #base_doc]
            #name(::std::boxed::Box<crate::models::#name>),
            #(#variants)*
        }

        #cfg_base
        impl #name {
            /// Qualified names of the types derived from this one, directly or not.
            pub const DERIVED_TYPES: &'static [&'static str] = &[#(#wires),*];

            /// The object as the model its `@odata.type` names; the base type
            /// when that type is unknown here or the object does not fit it.
            #[inline]
            pub fn into_kind(self) -> #kind_name {
                #[allow(unused_variables)]
                let odata_type = self.odata_type.as_deref().unwrap_or_default().trim_start_matches('#').to_string();
                #(#arms)*
                #kind_name::#name(::std::boxed::Box::new(self))
            }

            /// Reads the object as another model (usually a derived type);
            /// fails when its properties do not fit that model.
            pub fn downcast<T: ::serde::de::DeserializeOwned>(&self) -> ::std::result::Result<T, ::serde_json::Error> {
                ::serde_json::to_value(self).and_then(::serde_json::from_value)
            }
        }

        #cfg_base
        impl ::std::convert::From<crate::models::#name> for #kind_name {
            #[inline]
            fn from(value: crate::models::#name) -> Self {
                value.into_kind()
            }
        }
    }
}

/// What a create body needs of `XKind`: `Default`, `Serialize` and
/// `Deserialize` as the object held, and `From` every derived type.
fn body(base: &Model, kind_name: &str, derived: &[&Model]) -> TokenStream {
    let name = ident(&base.rust_name);
    let kind_name = ident(kind_name);
    let cfg_base = cfg(&base.features);
    let write_arms = derived.iter().map(|d| {
        let v = ident(&d.rust_name);
        let c = cfg(&d.features);
        quote!(#c #kind_name::#v(value) => ::serde::Serialize::serialize(value, serializer),)
    });
    let froms = derived.iter().map(|d| {
        let v = ident(&d.rust_name);
        // The impl needs the kind and the variant: one `cfg` when they agree.
        let c = (d.features != base.features).then(|| cfg(&d.features));
        quote! {
            #c
            #cfg_base
            impl ::std::convert::From<crate::models::#v> for #kind_name {
                #[inline]
                fn from(value: crate::models::#v) -> Self {
                    #kind_name::#v(::std::boxed::Box::new(value))
                }
            }
        }
    });
    quote! {
        #(#froms)*

        #cfg_base
        impl ::std::default::Default for #kind_name {
            #[inline]
            fn default() -> Self {
                #kind_name::#name(::std::default::Default::default())
            }
        }

        #cfg_base
        impl ::serde::Serialize for #kind_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #kind_name::#name(value) => ::serde::Serialize::serialize(value, serializer),
                    #(#write_arms)*
                }
            }
        }

        #cfg_base
        impl<'de> ::serde::Deserialize<'de> for #kind_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <crate::models::#name as ::serde::Deserialize>::deserialize(deserializer).map(crate::models::#name::into_kind)
            }
        }
    }
}
