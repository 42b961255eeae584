//! Permissions of a route: its rustdoc section (least privileged scopes
//! marked, all-of groups and conditions stated) and its `PERMISSIONS`
//! constant for the planner (`support::permissions`).

use crate::resolve::Op;
use crate::schema::{AllOf, Cloud, Grant, Grants, PermissionKind, Permissions};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The permissions section of an operation's rustdoc.
pub fn doc(p: &Permissions) -> Vec<String> {
    let mut lines = vec![String::new(), "# Permissions".to_string(), String::new()];
    if p.include_missing && p.is_empty() {
        lines.push("The page's permissions include file was not found: permissions unknown.".to_string());
    }
    lines.extend(grants_doc(&p.grants, ""));
    for c in &p.conditional {
        let scope = if c.paths.is_empty() {
            String::new()
        } else {
            format!(" (`{}`)", c.paths.join("`, `"))
        };
        lines.push(format!("- {}{scope}:", c.condition));
        lines.extend(grants_doc(&c.grants, "  "));
    }
    if lines.len() == 3 {
        lines.push("The page lists no permissions.".to_string());
    } else {
        lines.push(String::new());
        lines.push(
            "**Least privileged** marks what to ask for; any one alternative of a kind suffices, and \
             scopes joined by *and* are needed together."
                .to_string(),
        );
    }
    if !p.directory_roles.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "Delegated callers must hold one of these directory roles: {}.",
            p.directory_roles.join(", ")
        ));
    }
    if !p.national_clouds.is_empty() {
        let clouds: Vec<&str> = p.national_clouds.iter().map(|c| c.label()).collect();
        lines.push(String::new());
        lines.push(format!("Available in: {}.", clouds.join(", ")));
    }
    lines
}

fn grants_doc(g: &Grants, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for kind in PermissionKind::ALL {
        let Some(grant) = g.get(kind) else { continue };
        let label = kind.label();
        if !grant.is_supported() {
            lines.push(format!("{indent}- {label}: not supported"));
            continue;
        }
        let mut line = format!("{indent}- {label}: **least privileged** {}", alternatives(&grant.least));
        if !grant.higher.is_empty() {
            line.push_str(&format!("; higher privileged {}", alternatives(&grant.higher)));
        }
        lines.push(line);
    }
    lines
}

/// Alternatives as rustdoc: `A`, `B` and `C` (an all-of group).
fn alternatives(list: &[AllOf]) -> String {
    list.iter()
        .map(|a| format!("`{}`", a.0.join("` and `")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The permission constant of a route (`PERMISSIONS`), an item of the
/// `impl` block of its type: one constant, the kinds inline (measured: a
/// constant per kind cost the corpus crate 8% of its check time and 170 MiB).
pub fn constant(op: &Op) -> TokenStream {
    let p = &op.permissions;
    let fields = PermissionKind::ALL.map(|k| {
        let f = format_ident!("{}", field_name(k));
        let a = access(p.grants.get(k));
        quote!(#f: #a,)
    });
    let conditions = p.conditional.iter().map(|c| {
        let condition = &c.condition;
        let paths = &c.paths;
        let fields = PermissionKind::ALL.map(|k| {
            let f = format_ident!("{}", field_name(k));
            let a = access(c.grants.get(k));
            quote!(#f: #a,)
        });
        quote! {
            crate::support::permissions::Condition {
                condition: #condition,
                paths: &[#(#paths),*],
                #(#fields)*
            }
        }
    });
    let roles = &p.directory_roles;
    let clouds = p.national_clouds.iter().map(|c| {
        let v = format_ident!("{}", cloud_variant(*c));
        quote!(crate::support::permissions::Cloud::#v)
    });
    let route = &op.rust_name;
    quote! {
        /// The permissions of the type's *Permissions* section as data, for
        /// [`crate::support::permissions::plan`].
        pub const PERMISSIONS: crate::support::permissions::RoutePermissions =
            crate::support::permissions::RoutePermissions {
                route: #route,
                #(#fields)*
                conditions: &[#(#conditions),*],
                directory_roles: &[#(#roles),*],
                national_clouds: &[#(#clouds),*],
            };
    }
}

fn access(grant: Option<&Grant>) -> TokenStream {
    match grant {
        None => quote!(crate::support::permissions::Access::Unknown),
        Some(g) if !g.is_supported() => quote!(crate::support::permissions::Access::NotSupported),
        Some(g) => {
            let groups = |list: &[AllOf]| {
                let items = list.iter().map(|a| {
                    let scopes = &a.0;
                    quote!(&[#(#scopes),*])
                });
                quote!(&[#(#items),*])
            };
            let least = groups(&g.least);
            let higher = groups(&g.higher);
            quote!(crate::support::permissions::Access::Scopes { least: #least, higher: #higher })
        }
    }
}

fn field_name(k: PermissionKind) -> &'static str {
    match k {
        PermissionKind::DelegatedWork => "delegated_work",
        PermissionKind::DelegatedPersonal => "delegated_personal",
        PermissionKind::Application => "application",
        PermissionKind::Unspecified => "unspecified",
    }
}

fn cloud_variant(c: Cloud) -> &'static str {
    match c {
        Cloud::Global => "Global",
        Cloud::UsGovL4 => "UsGovL4",
        Cloud::UsGovL5 => "UsGovL5",
        Cloud::China => "China",
    }
}
