//! Pages merged with CSDL metadata: the seeds with the corpus CSDL (a
//! snapshot of the types the seeds use), the whole v1.0 corpus with its CSDL
//! (counts and the report's totals), and `generator.json` beside the pages.

use generator::csdl::{read_csdl, Csdl};
use generator::facts as types;
use generator::merge::{report::report, CSDL_SOURCE};
use generator::read::read_folder;
use generator::regen::{regen, Settings};
use generator::resolve::resolve;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn corpus_csdl(corpus: &Path) -> Csdl {
    let text = std::fs::read_to_string(corpus.join("csdl/v1.0.xml")).expect("corpus CSDL is readable");
    read_csdl(&text, "v1.0.xml").expect("corpus CSDL reads")
}

#[test]
fn seeds_merged_with_the_corpus_csdl() {
    let Some(corpus) = tests::corpus_or_skip("seeds_merged_with_the_corpus_csdl") else {
        return;
    };
    let csdl = corpus_csdl(&corpus);
    let pages: Vec<_> = read_folder(&tests::docs_input())
        .unwrap()
        .into_iter()
        .map(|r| r.page)
        .collect();
    // The types the seeds name, then their base types.
    let named: BTreeSet<String> = types::collect(&pages)
        .models
        .keys()
        .chain(types::collect(&pages).enums.keys())
        .map(|k| k.to_ascii_lowercase())
        .collect();
    let resolved = resolve(&pages, Some(&csdl));
    let schema = &resolved.schema;
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for m in schema
        .models
        .values()
        .filter(|m| named.contains(&m.wire_name.to_ascii_lowercase()))
    {
        let mut next = Some(m);
        while let Some(m) = next {
            if !wanted.insert(m.wire_name.clone()) {
                break;
            }
            next = m.base.as_ref().and_then(|b| schema.models.get(b));
        }
    }
    let models: Vec<_> = schema
        .models
        .values()
        .filter(|m| wanted.contains(&m.wire_name))
        .collect();
    let enums: Vec<_> = schema
        .enums
        .values()
        .filter(|e| named.contains(&e.wire_name.to_ascii_lowercase()))
        .collect();
    assert!(!models.is_empty());
    assert!(
        models.iter().all(|m| m.sources.iter().any(|s| s == CSDL_SOURCE)),
        "every seed type is in the CSDL"
    );
    let drift: Vec<_> = resolved
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("drift-") && !d.file.ends_with(".md"))
        .collect();
    insta::assert_json_snapshot!(
        "seeds_merged",
        serde_json::json!({ "models": models, "enums": enums, "drift": drift })
    );
}

#[test]
fn corpus_merged_with_its_csdl() {
    let Some(corpus) = tests::corpus_or_skip("corpus_merged_with_its_csdl") else {
        return;
    };
    let csdl = corpus_csdl(&corpus);
    let pages: Vec<_> = read_folder(&corpus.join("graph-docs-v1.0"))
        .unwrap()
        .into_iter()
        .map(|r| r.page)
        .collect();
    let start = std::time::Instant::now();
    let resolved = resolve(&pages, Some(&csdl));
    let elapsed = start.elapsed();
    let schema = &resolved.schema;
    assert_eq!(
        (csdl.entity_types.len(), csdl.complex_types.len(), csdl.enum_types.len()),
        (507, 515, 322)
    );
    let from_csdl = |sources: &[String]| sources.iter().any(|s| s == CSDL_SOURCE);
    let structured = schema.models.values().filter(|m| from_csdl(&m.sources)).count();
    let enums = schema.enums.values().filter(|e| from_csdl(&e.sources)).count();
    assert!(structured >= 507 + 515, "{structured} structured types from the CSDL");
    assert!(enums >= 322, "{enums} enums from the CSDL");
    for name in csdl.entity_types.keys().chain(csdl.complex_types.keys()) {
        assert!(schema.models.contains_key(name), "{name} is in the merged schema");
    }
    // A derived type carries the properties of its CSDL base chain.
    let user = &schema.models["microsoft.graph.user"];
    assert_eq!(user.base.as_deref(), Some("microsoft.graph.directoryObject"));
    for inherited in ["id", "deletedDateTime", "displayName"] {
        assert!(
            user.fields.iter().any(|f| f.wire_name == inherited),
            "user has {inherited}"
        );
    }
    let r = report(&pages, &csdl);
    println!(
        "resolved {} pages with the CSDL in {elapsed:?}: {} models, {} enums",
        pages.len(),
        schema.models.len(),
        schema.enums.len()
    );
    println!("{r}");
    assert!(
        r.properties.both > r.properties.conflict * 10,
        "most documented properties agree with the CSDL"
    );
    assert!(r.drift.contains_key("drift-type") && r.drift.contains_key("drift-path"));
}

/// A fresh folder under the system temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("msgraph-merge-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SMALL_CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="deviceComplianceUserOverview">
        <Property Name="pendingCount" Type="Edm.Int64" />
      </EntityType>
      <EntityType Name="onlyInTheOverride" />
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn generator_json_names_a_csdl_and_the_option_overrides_it() {
    let input = temp_dir("input");
    let (name, text) = tests::seed("004");
    std::fs::write(input.join(&name), text).unwrap();
    std::fs::create_dir_all(input.join("meta")).unwrap();
    std::fs::write(input.join("meta/small.xml"), SMALL_CSDL).unwrap();
    let out = temp_dir("out");

    // Without a config: pages only.
    let plain = regen(&Settings::new(&input, &out)).unwrap();
    assert_eq!(plain.csdl, None);
    assert!(!plain.diagnostics.iter().any(|d| d.code.starts_with("drift-")));

    // With a config: the CSDL next to the pages is merged.
    std::fs::write(input.join("generator.json"), r#"{ "csdl": "meta/small.xml" }"#).unwrap();
    let merged = regen(&Settings::new(&input, &out)).unwrap();
    assert_eq!(merged.csdl, Some(input.join("meta/small.xml")));
    assert_eq!(merged.pages, 1, "the config is not read as a page");
    let conflict = merged
        .diagnostics
        .iter()
        .find(|d| d.code == "drift-type")
        .expect("pendingCount differs");
    assert!(
        conflict.message.contains("pendingCount") && conflict.message.contains("CSDL type kept"),
        "{}",
        conflict.message
    );
    let models = std::fs::read_to_string(out.join("models/src/models.rs")).unwrap();
    assert!(models.contains("pub struct OnlyInTheOverride"));

    // The option wins over the config.
    let other = input.join("other.xml");
    std::fs::write(&other, SMALL_CSDL.replace("onlyInTheOverride", "fromTheOption")).unwrap();
    let overridden = regen(&Settings::new(&input, &out).with_csdl(Some(other.clone()))).unwrap();
    assert_eq!(overridden.csdl, Some(other));
    let models = std::fs::read_to_string(out.join("models/src/models.rs")).unwrap();
    assert!(models.contains("pub struct FromTheOption") && !models.contains("OnlyInTheOverride"));

    // A config with an unknown key is an error, not silently ignored.
    std::fs::write(input.join("generator.json"), r#"{ "metadata": "meta/small.xml" }"#).unwrap();
    assert!(regen(&Settings::new(&input, &out)).is_err());

    std::fs::remove_dir_all(&input).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}
