//! Model structs: every property a `Field` (absent, null or set), unknown
//! properties kept in `additional_properties`, `@odata.type` read and written.

use super::docs;
use super::types::field_type;
use super::{cfg, ident};
use crate::naming::needs_rename;
use crate::resolve::{Enum, Model};
use proc_macro2::TokenStream;
use quote::quote;

pub fn model(m: &Model) -> TokenStream {
    let name = ident(&m.rust_name);
    let mut doc = docs::description(&m.description, &format!("The `{}` type.", m.wire_name));
    if let Some(base) = &m.base {
        doc.push(String::new());
        doc.push(format!("Derived from `{base}`; inherited properties come first."));
    }
    doc.extend(docs::source(&m.sources));
    let doc = docs::doc_lines(&doc);
    let cfg = cfg(&m.features);
    let fields = m.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = field_type(&f.ty);
        let rename = needs_rename(&f.rust_name, &f.wire_name).then(|| {
            let wire = &f.wire_name;
            quote!(rename = #wire,)
        });
        let doc = docs::doc_lines(&docs::description(&f.description, &format!("`{}`.", f.wire_name)));
        quote! {
            #doc
            #[serde(#rename default, skip_serializing_if = "crate::support::Field::is_unset")]
            pub #fname: crate::support::Field<#ty>,
        }
    });
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            /// The `@odata.type` of the object: its exact type, for derived types.
            #[serde(rename = "@odata.type", default, skip_serializing_if = "::std::option::Option::is_none")]
            pub odata_type: ::std::option::Option<::std::string::String>,
            #(#fields)*
            /// Properties this version does not know, kept as sent and written back.
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
    }
}

pub fn open_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.rust_name);
    let mut doc = docs::description(&e.description, &format!("The `{}` values.", e.wire_name));
    doc.push(String::new());
    doc.push("Open: a value this version does not know deserialises into `UnknownValue` and is written back unchanged, so match with a wildcard arm.".to_string());
    doc.extend(docs::source(&e.sources));
    let doc = docs::doc_lines(&doc);
    let cfg = cfg(&e.features);
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let wire = &v.wire_name;
        let rename = (v.rust_name != v.wire_name).then(|| quote!(#[serde(rename = #wire)]));
        let doc = docs::doc_lines(&docs::description(&v.description, &format!("`{wire}`.")));
        quote!(#doc #rename #vname,)
    });
    let arms = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let wire = &v.wire_name;
        quote!(Self::#vname => #wire,)
    });
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum #name {
            #(#variants)*
            /// A value this version does not know, kept as sent.
            #[serde(untagged)]
            UnknownValue(::std::string::String),
        }

        #cfg
        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::UnknownValue(value) => value,
                }
            }
        }
    }
}
