//! Synthetic input of any size, for the scale benchmark and the stress
//! tests: pages with `n` table rows and CSDL with base-type chains of `n`
//! types.

use std::fmt::Write;

/// A markdown table under `header` with `rows` rows made by `row`.
pub fn table(header: &str, rows: usize, row: impl Fn(usize) -> String) -> String {
    let mut text = format!("{header}\n|---|---|---|\n");
    for i in 0..rows {
        writeln!(text, "{}", row(i)).unwrap();
    }
    text
}

/// A resource page with `n` property rows.
pub fn properties(n: usize) -> String {
    let rows = table("| Property | Type | Description |", n, |i| {
        format!("| p{i} | String | Row {i}. |")
    });
    format!("# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n\n{rows}")
}

/// An enum page with `n` members.
pub fn members(n: usize) -> String {
    let rows = table("| Member | Value | Description |", n, |i| {
        format!("| m{i} | {i} | Member {i}. |")
    });
    format!("# colour enum type\n\nNamespace: microsoft.graph\n\nColours.\n\n## Members\n\n{rows}")
}

/// An operation page whose request body has `n` rows.
pub fn body(n: usize) -> String {
    let rows = table("| Parameter | Type | Description |", n, |i| {
        format!("| p{i} | String | Row {i}. |")
    });
    format!(
        "# Create widget\n\nCreate a widget.\n\n## HTTP request\n\n```http\nPOST /widgets\n```\n\n## Request body\n\n{rows}\n\n## Response\n\nIf successful, this method returns a `201 Created` response code.\n"
    )
}

/// CSDL with entity types `t0..tn` in namespace `ns`, each based on the one
/// before (and `t0` on the last when `cycle`), one property `p{i}` each.
pub fn chain(n: usize, cycle: bool) -> String {
    let mut types = String::new();
    for i in 0..n {
        let base = match (i, cycle) {
            (0, false) => String::new(),
            (0, true) => format!(r#" BaseType="ns.t{}""#, n - 1),
            _ => format!(r#" BaseType="ns.t{}""#, i - 1),
        };
        writeln!(
            types,
            r#"<EntityType Name="t{i}"{base}><Property Name="p{i}" Type="Edm.String"/></EntityType>"#
        )
        .unwrap();
    }
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">{types}</Schema>
</edmx:DataServices></edmx:Edmx>"#
    )
}
