//! Where emitted items go on disk. A module is a folder: `mod.rs` and one
//! file per group of its items (a workload), each group a public module
//! re-exported whole, so code names items by the module alone
//! (`crate::models::User`) while docs and editors browse them by workload
//! (`crate::models::users::User`). A group longer than [`MAX_LINES`] is cut
//! into numbered private parts, re-exported the same way, so no file is
//! too long for an editor or a review.

use super::{format_item, EmitError, File, HEADER};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The most lines one generated file holds (short of a single item longer
/// than that).
pub const MAX_LINES: usize = 20_000;

/// One group of a module's items, already formatted, in order.
pub struct Group<'a> {
    /// The group's module name (`users`).
    pub name: String,
    /// Its module doc (`Models the users workload uses most.`).
    pub doc: String,
    /// Written at the top of each file of the group (`use` items), since
    /// an item's pieces may land in different parts.
    pub uses: TokenStream,
    pub items: Vec<&'a str>,
}

/// The files of module `dir` (`models/src/models`): `mod.rs` with `head`
/// (inner docs or attributes) and one module per group, each re-exported.
/// `mod.rs` also holds `extra`, items (helpers) written after the modules.
pub fn module(
    dir: &str,
    head: TokenStream,
    groups: Vec<Group<'_>>,
    extra: TokenStream,
) -> Result<Vec<File>, EmitError> {
    let mods = groups.iter().map(|g| {
        let m = format_ident!("{}", g.name);
        let doc = &g.doc;
        // With a feature set that compiles none of a group's items, its
        // re-export names nothing: not a fault.
        quote!(#[doc = #doc] pub mod #m; #[doc(no_inline)] #[allow(unused_imports)] pub use #m::*;)
    });
    let mod_rs = format!("{dir}/mod.rs");
    let mut files = vec![File {
        contents: format!("{HEADER}{}", format_item(&mod_rs, quote!(#head #(#mods)* #extra))?),
        path: mod_rs,
    }];
    for group in groups {
        files.extend(group_files(&format!("{dir}/{}", group.name), &group)?);
    }
    Ok(files)
}

/// One group: a file, or a folder of parts when it is too long.
pub fn group_files(path: &str, group: &Group<'_>) -> Result<Vec<File>, EmitError> {
    let doc = &group.doc;
    let uses = &group.uses;
    let parts = cut(&group.items);
    if parts.len() == 1 {
        let head = format_item(path, quote!(#![doc = #doc] #uses))?;
        return Ok(vec![file(format!("{path}.rs"), head, &parts[0])]);
    }
    let mods = (1..=parts.len()).map(|n| {
        let m = format_ident!("part_{}", n);
        quote!(mod #m; #[allow(unused_imports)] pub use #m::*;)
    });
    let mod_rs = format!("{path}/mod.rs");
    let mut files = vec![File {
        contents: format!("{HEADER}{}", format_item(&mod_rs, quote!(#![doc = #doc] #(#mods)*))?),
        path: mod_rs,
    }];
    for (n, items) in parts.iter().enumerate() {
        let part = format!("{path}/part_{}.rs", n + 1);
        let what = format!(" Part {} of `{}`.", n + 1, group.name);
        let head = format_item(&part, quote!(#![doc = #what] #uses))?;
        files.push(file(part, head, items));
    }
    Ok(files)
}

/// Items in runs of at most [`MAX_LINES`] lines (an item longer than that
/// alone), in order.
pub fn cut<'a>(items: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
    let mut lines = 0;
    for item in items {
        let n = item.lines().count();
        if lines + n > MAX_LINES && !parts.last().is_some_and(Vec::is_empty) {
            parts.push(Vec::new());
            lines = 0;
        }
        lines += n;
        parts.last_mut().expect("one part at least").push(item);
    }
    parts
}

/// A file: the header, its formatted head, then the formatted items in order.
pub fn file(path: String, head: String, items: &[&str]) -> File {
    let mut contents = format!("{HEADER}{head}");
    for item in items {
        contents.push_str(item);
    }
    File { path, contents }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_group_is_cut_into_parts_at_item_boundaries() {
        let big = "struct A;\n".repeat(MAX_LINES / 2);
        let small = "struct B;\n";
        let items = vec![big.as_str(), big.as_str(), small, big.as_str()];
        let parts = cut(&items);
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
        let huge = "struct C;\n".repeat(MAX_LINES + 1);
        assert_eq!(
            cut(&[huge.as_str(), small]).len(),
            2,
            "an item longer than the limit stands alone"
        );
    }

    #[test]
    fn groups_are_modules_re_exported_and_parts_private() {
        let item = "pub struct User;\n".repeat(MAX_LINES / 2 + 1);
        let groups = vec![
            Group {
                name: "users".into(),
                doc: " Users.".into(),
                uses: quote!(
                    use crate::m::*;
                ),
                items: vec![item.as_str(), item.as_str()],
            },
            Group {
                name: "groups".into(),
                doc: " Groups.".into(),
                uses: quote!(),
                items: vec!["pub struct Group;\n"],
            },
        ];
        let files = module("src/m", quote!(#![doc = " M."]), groups, quote!()).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "src/m/mod.rs",
                "src/m/users/mod.rs",
                "src/m/users/part_1.rs",
                "src/m/users/part_2.rs",
                "src/m/groups.rs"
            ]
        );
        assert!(
            files[0]
                .contents
                .contains("pub mod users;\n#[doc(no_inline)]\n#[allow(unused_imports)]\npub use users::*;"),
            "{}",
            files[0].contents
        );
        assert!(
            files[1]
                .contents
                .contains("mod part_1;\n#[allow(unused_imports)]\npub use part_1::*;"),
            "{}",
            files[1].contents
        );
        assert!(
            files[2].contents.contains("use crate::m::*;"),
            "each part sees every item of the module"
        );
        assert!(files.iter().all(|f| f.contents.lines().count() <= MAX_LINES + 10));
    }
}
