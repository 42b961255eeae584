//! Model structs: every property a `Field` (absent, null or set), unknown
//! properties kept in `additional_properties`, `@odata.type` read and written.
//! Functions that are not generic (`Default`, `as_str`, `From<&str>`, the
//! `Object` accessors) are `#[inline]`, compiled where they are used (see
//! `routes.rs`); the serde impls are generic and so compiled where used.

use super::docs;
use super::types::field_type;
use super::{cfg, ident};
use crate::resolve::{Enum, Model};
use proc_macro2::TokenStream;
use quote::quote;

/// The items of a model in two halves of similar size, formatted apart (in
/// parallel): the struct (with `Default` for a derived type), then the
/// `Object`, `Serialize` and `Deserialize` impls.
pub const PARTS: [fn(&Model) -> TokenStream; 2] = [declaration, serde_impls];

fn declaration(m: &Model) -> TokenStream {
    let name = ident(&m.rust_name);
    let mut doc = docs::description(&m.description, &format!("The `{}` type.", m.wire_name));
    if let Some(base) = &m.base {
        doc.push(String::new());
        doc.push(format!("Derived from `{base}`; inherited properties come first."));
        doc.push(format!(
            "`Default` sets `odata_type` to `#{}`, so a value built here says what it is when sent to a collection of its base type; reading keeps what was sent.",
            m.wire_name
        ));
    }
    doc.extend(docs::source(&m.sources));
    let doc = docs::doc_lines(&doc);
    let cfg = cfg(&m.features);
    let fields = m.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = field_type(&f.ty);
        let doc = docs::doc_lines(&docs::description(&f.description, &format!("`{}`.", f.wire_name)));
        quote! {
            #doc
            pub #fname: crate::support::Field<#ty>,
        }
    });
    let derive = if m.base.is_some() {
        quote!(#[derive(Clone, PartialEq)])
    } else {
        quote!(#[derive(Clone, Default, PartialEq)])
    };
    let label = m.rust_name.as_str();
    let default = default_impl(m);
    let properties = super::query::properties(m);
    quote! {
        #doc
        #cfg
        #derive
        pub struct #name {
            /// The `@odata.type` of the object: its exact type, for derived types.
            pub odata_type: ::std::option::Option<::std::string::String>,
            #(#fields)*
            /// Properties this version does not know, kept as sent and written back.
            pub additional_properties: crate::support::object::Extras,
        }

        // The JSON it writes (`support::debug_model`), not a derived
        // `Debug` compiled for every model.
        #cfg
        impl ::std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::support::debug_model(self, #label, f)
            }
        }

        #default
        #properties
    }
}

/// `Default` of a derived type: `odata_type` set to the type's own name,
/// every property from `Object::blank` (see `blank_fn`).
fn default_impl(m: &Model) -> Option<TokenStream> {
    let name = ident(&m.rust_name);
    let cfg = cfg(&m.features);
    m.base.as_ref().map(|_| {
        let odata_type = format!("#{}", m.wire_name);
        quote! {
            #cfg
            impl ::std::default::Default for #name {
                #[inline]
                fn default() -> Self {
                    Self {
                        odata_type: ::std::option::Option::Some(#odata_type.into()),
                        ..<Self as crate::support::Object>::blank()
                    }
                }
            }
        }
    })
}

/// `Object::blank` of a derived type: no property and no `@odata.type`, so
/// reading one does not allocate its type name to drop it. A base type's
/// derived `Default` is already blank (the trait's own `blank`).
fn blank_fn(m: &Model) -> Option<TokenStream> {
    m.base.as_ref().map(|_| {
        let fields = m.fields.iter().map(|f| {
            let fname = ident(&f.rust_name);
            quote!(#fname: crate::support::Field::Unset,)
        });
        quote! {
            #[inline]
            fn blank() -> Self {
                Self {
                    odata_type: ::std::option::Option::None,
                    #(#fields)*
                    additional_properties: ::std::default::Default::default(),
                }
            }
        }
    })
}

/// `Object`, `Serialize` and `Deserialize` of a model: each property named
/// once to read and once to write; the rest is `support::object`.
fn serde_impls(m: &Model) -> TokenStream {
    let name = ident(&m.rust_name);
    let cfg = cfg(&m.features);
    let wire_type = &m.wire_name;
    let reads = m.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let wire = &f.wire_name;
        quote!(#wire => &mut self.#fname,)
    });
    let writes = m.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let wire = &f.wire_name;
        quote!((#wire, &self.#fname),)
    });
    // A `match` choosing the field and a table of fields: the reading and
    // writing is one generic routine in `support::object`, not a call and a
    // `?` per property (measured: the per-property calls were a quarter of
    // the corpus crate's check time).
    let blank = blank_fn(m);
    let (read_body, write_body) = if m.fields.is_empty() {
        (
            quote!(let _ = (key, map); ::std::result::Result::Ok(false)),
            quote!(let _ = map; ::std::result::Result::Ok(())),
        )
    } else {
        (
            quote! {
                let field: &mut dyn crate::support::object::ReadField<'de, A> = match key {
                    #(#reads)*
                    _ => return ::std::result::Result::Ok(false),
                };
                crate::support::object::read(map, field)
            },
            quote!(crate::support::object::write_all(map, &[#(#writes)*])),
        )
    };
    quote! {
        #cfg
        impl crate::support::Object for #name {
            const TYPE_NAME: &'static str = #wire_type;
            fn read_property<'de, A: ::serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> ::std::result::Result<bool, A::Error> {
                #read_body
            }
            fn write_properties<M: ::serde::ser::SerializeMap>(&self, map: &mut M) -> ::std::result::Result<(), M::Error> {
                #write_body
            }
            #[inline]
            fn common_mut(&mut self) -> (&mut ::std::option::Option<::std::string::String>, &mut crate::support::object::Extras) {
                (&mut self.odata_type, &mut self.additional_properties)
            }
            #[inline]
            fn common(&self) -> (&::std::option::Option<::std::string::String>, &crate::support::object::Extras) {
                (&self.odata_type, &self.additional_properties)
            }
            #blank
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                crate::support::object::serialize(self, serializer)
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::support::object::deserialize(deserializer)
            }
        }
    }
}

pub fn open_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.rust_name);
    let mut doc = docs::description(&e.description, &format!("The `{}` values.", e.wire_name));
    doc.push(String::new());
    doc.push("Open: a value this version does not know deserialises into `UnknownValue` and is written back unchanged, so match with a wildcard arm.".to_string());
    if e.flags {
        doc.push(String::new());
        doc.push(
            "Flags: a value is a set of members, written `\"a,b\"` on the wire; properties of this type are \
             [`Flags`](crate::support::Flags) of it."
                .to_string(),
        );
    }
    doc.extend(docs::source(&e.sources));
    let doc = docs::doc_lines(&doc);
    let cfg = cfg(&e.features);
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let wire = &v.wire_name;
        let doc = docs::doc_lines(&docs::description(&v.description, &format!("`{wire}`.")));
        quote!(#doc #vname,)
    });
    let to_str = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let wire = &v.wire_name;
        quote!(Self::#vname => #wire,)
    });
    let from_str = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let wire = &v.wire_name;
        quote!(#wire => Self::#vname,)
    });
    let flag_member = e.flags.then(|| {
        quote! {
            #cfg
            impl crate::support::FlagMember for #name {
                fn wire_name(&self) -> &str {
                    self.as_str()
                }
            }
        }
    });
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this version does not know, kept as sent.
            UnknownValue(::std::string::String),
        }

        #cfg
        impl #name {
            /// The value as written on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::UnknownValue(value) => value,
                }
            }
        }

        #cfg
        impl ::std::convert::From<&str> for #name {
            /// The variant written `value` on the wire (case matters), else `UnknownValue`.
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    _ => Self::UnknownValue(value.into()),
                }
            }
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::support::object::deserialize_enum(deserializer)
            }
        }

        #flag_member
    }
}

/// `every_model()` (feature `fuzzing`): each model of the crate, and each
/// polymorphic kind sent as a body, with its check (`support::fuzz::round_trip`) and its wire
/// property names, each under its model's features.
pub fn every_model(schema: &crate::resolve::Schema) -> TokenStream {
    // A kind is read and written when it is a route's body.
    let bodies: std::collections::BTreeSet<&str> = schema
        .operations
        .iter()
        .filter_map(|op| op.body_kind.as_deref())
        .collect();
    let entries = schema.models.values().flat_map(|m| {
        let cfg = cfg(&m.features);
        let properties: Vec<&str> = m.fields.iter().map(|f| f.wire_name.as_str()).collect();
        let kind = m.kind_name.as_deref().filter(|k| bodies.contains(k));
        let names = std::iter::once(m.rust_name.as_str()).chain(kind);
        names
            .map(|name| {
                let ty = ident(name);
                quote! {
                    #cfg
                    all.push(crate::support::fuzz::Model {
                        name: #name,
                        check: crate::support::fuzz::round_trip::<crate::models::#ty>,
                        properties: &[#(#properties),*],
                    });
                }
            })
            .collect::<Vec<_>>()
    });
    quote! {
        //! Every model of the crate, for hostile-input tests and fuzzing
        //! (feature `fuzzing`; see `support::fuzz`).

        /// Every model and polymorphic kind: its name, its check and its
        /// wire property names.
        #[allow(clippy::vec_init_then_push)]
        pub fn every_model() -> ::std::vec::Vec<crate::support::fuzz::Model> {
            #[allow(unused_mut)]
            let mut all = ::std::vec::Vec::new();
            #(#entries)*
            all
        }
    }
}

/// `tests/models.rs` (feature `fuzzing`): every model fed hostile objects
/// built from its own property names and a few inputs that are no object;
/// none panics, and each writes back exactly what it read.
pub fn hostile_input_test() -> TokenStream {
    quote! {
        //! Every model fed hostile JSON (`cargo test --features fuzzing --test models`):
        //! objects giving all its properties one kind of value each, beside unknown
        //! properties, and inputs that are no object. No model panics; a model
        //! that reads an input writes back exactly what it read.
        #![cfg(feature = "fuzzing")]
        #![cfg_attr(rustfmt, rustfmt::skip)]

        use msgraph_typed::support::fuzz::{hostile, Model};

        fn outcomes(model: &Model) -> (usize, usize, Vec<String>) {
            let mut inputs: Vec<Vec<u8>> = hostile(model.properties)
                .iter()
                .map(|object| serde_json::to_vec(object).expect("JSON values are written"))
                .collect();
            let deep = format!("{}{}", "{\"a\":".repeat(200), "}".repeat(200));
            for other in ["null", "[]", "\"text\"", "1", "{", "{\"id\":\"\\ud800\"}", deep.as_str()] {
                inputs.push(other.as_bytes().to_vec());
            }
            let (mut read, mut refused, mut problems) = (0, 0, Vec::new());
            for input in &inputs {
                match (model.check)(input) {
                    Ok(true) => read += 1,
                    Ok(false) => refused += 1,
                    Err(e) => problems.push(format!("{}: {e}", model.name)),
                }
            }
            (read, refused, problems)
        }

        #[test]
        fn every_model_reads_hostile_json_and_writes_back_what_it_read() {
            let models = msgraph_typed::every_model();
            assert!(!models.is_empty());
            let (mut read, mut refused, mut problems) = (0, 0, Vec::new());
            for model in &models {
                let (r, f, p) = outcomes(model);
                assert!(r > 0, "{}: read nothing", model.name);
                read += r;
                refused += f;
                problems.extend(p);
            }
            eprintln!("{} models: {read} inputs read and written back, {refused} refused", models.len());
            assert!(problems.is_empty(), "{} written back differently:\n{}", problems.len(), problems.join("\n"));
        }
    }
}
