//! Helpers for the command-line tests: run the `xtask` binary as a process
//! and write small folders of reference pages to run it on.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What a run of the command line printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `xtask args...` in `cwd`.
pub fn xtask(cwd: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("the xtask binary runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// An operation page: `GET {path}` whose example response has `response`
/// (headers, a blank line, the body) after its status line.
pub fn get_page(title: &str, path: &str, response: &str) -> String {
    format!(
        "# {title}\n\nGet it.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n## Response\n\n\
         If successful, this method returns a `200 OK` response code and a widget object in the response body.\n\n\
         ## Example\n\n### Request\n\n```http\nGET https://graph.microsoft.com/v1.0{path}\n```\n\n\
         ### Response\n\n```http\nHTTP/1.1 200 OK\n{response}\n```\n"
    )
}

/// Writes `pages` (path relative to the folder, text) into `dir/name`; the folder.
pub fn write_pages(dir: &Path, name: &str, pages: &[(String, String)]) -> PathBuf {
    let folder = dir.join(name);
    for (path, text) in pages {
        let file = folder.join(path);
        std::fs::create_dir_all(file.parent().expect("a page has a folder")).expect("folder made");
        std::fs::write(file, text).expect("page written");
    }
    folder
}

/// The repository's seed pages.
pub fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// The Graph v1.0 corpus beside the repository, when present.
pub fn corpus() -> Option<(PathBuf, PathBuf)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let pages = shared.join("graph-docs-v1.0");
    let csdl = shared.join("csdl/v1.0.xml");
    (pages.is_dir() && csdl.is_file()).then_some((pages, csdl))
}

/// A resource page for `name` with `properties` (name, type) in its table.
pub fn resource_page(name: &str, base: Option<&str>, properties: &[(&str, &str)]) -> String {
    let mut text = format!("# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n");
    if let Some(base) = base {
        text.push_str(&format!("Inherits from [{base}](../resources/{base}.md).\n\n"));
    }
    text.push_str("## Properties\n| Property | Type | Description |\n|:--|:--|:--|\n");
    for (property, ty) in properties {
        text.push_str(&format!("| {property} | {ty} | The {property}. |\n"));
    }
    text.push_str(&format!(
        "\n## JSON representation\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}} -->\n\
         ```json\n{{\n  \"@odata.type\": \"#microsoft.graph.{name}\"\n}}\n```\n"
    ));
    text
}

/// A small CSDL document: `widget` (an entity with `id` and `colour`) and
/// `gadget` (whose base type is `widget`), in the set `widgets`.
pub const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="widget" BaseType="graph.entity"><Property Name="colour" Type="Edm.String"/></EntityType>
      <EntityType Name="gadget" BaseType="graph.widget"><Property Name="size" Type="Edm.Int32"/></EntityType>
      <EntityContainer Name="GraphService"><EntitySet Name="widgets" EntityType="microsoft.graph.widget"/></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

/// An update page: `PATCH {path}` of `target` with `rows` (name, type) as
/// its request body.
pub fn update_page(target: &str, path: &str, rows: &[(&str, &str)]) -> String {
    let mut text = format!(
        "# Update {target}\n\nNamespace: microsoft.graph\n\nUpdate the properties of a [{target}](../resources/{target}.md) object.\n\n\
         ## HTTP request\n\n```http\nPATCH {path}\n```\n\n## Request body\n\n\
         In the request body, supply the values for relevant fields that should be updated.\n\n\
         | Property | Type | Description |\n|:--|:--|:--|\n"
    );
    for (name, ty) in rows {
        text.push_str(&format!("|{name}|{ty}|The {name}.|\n"));
    }
    text.push_str("\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n");
    text
}
