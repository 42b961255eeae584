//! Resource and enum pages: Properties and Relationships tables, the JSON
//! representation as type hints, the Methods table, the base type, and enum
//! member tables (`x enum type` pages, `### x values` sub-tables, `enums*.md`).

use super::annotation;
use super::blocks::{Block, Inline, Span, Table};
use super::ledger::Ledger;
use super::lenient_json::{self, Lenient};
use super::props::{self, Columns};
use super::sections::{Section, SectionKind};
use super::type_cell::{self, TypeCell};
use super::Intro;
use crate::diagnostic::Diagnostics;
use crate::schema::{EnumType, MethodLink, Resource};
use std::collections::BTreeMap;

/// Reads a resource page.
pub fn read(
    intro: &Intro,
    sections: &[Section<'_>],
    enums: &mut Vec<EnumType>,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) -> Resource {
    let mut resource = Resource {
        name: intro.subject.clone().unwrap_or_default(),
        base_type: None,
        properties: Vec::new(),
        relationships: Vec::new(),
        json_hints: BTreeMap::new(),
        methods: Vec::new(),
        open_type: false,
        is_abstract: false,
    };
    for section in sections {
        for block in &section.blocks {
            match block {
                Block::Paragraph { text, .. } if resource.base_type.is_none() => {
                    resource.base_type = inherits_from(text);
                }
                Block::Code {
                    text, annotation, line, ..
                } => {
                    if let Some(a) = annotation {
                        if annotation::string(a, "blockType") == Some("resource") {
                            resource.open_type |= annotation::flag(a, "openType");
                            resource.is_abstract |= annotation::flag(a, "abstract");
                            if let Some(base) = annotation::string(a, "baseType") {
                                resource.base_type = Some(base.to_string());
                            }
                            if resource.name.is_empty() {
                                if let Some(t) = annotation::string(a, "@odata.type") {
                                    resource.name = t.rsplit('.').next().unwrap_or(t).to_string();
                                }
                            }
                        }
                    }
                    if section.kind == SectionKind::JsonRepresentation {
                        json_hints(text, *line, &mut resource.json_hints, diags);
                    }
                }
                Block::Table(t) => table(t, section, &mut resource, enums, diags, ledger),
                _ => {}
            }
        }
    }
    resource
}

fn table(
    t: &Table,
    section: &Section<'_>,
    resource: &mut Resource,
    enums: &mut Vec<EnumType>,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    let columns = Columns::of(&t.header);
    let is_member_table = t
        .header
        .first()
        .is_some_and(|h| h.eq_ignore_ascii_case("member") || h.eq_ignore_ascii_case("value") && t.header.len() <= 2);
    match (section.kind, columns) {
        (SectionKind::EnumValues, Some(c)) => {
            let name = section
                .heading
                .trim()
                .trim_end_matches(" values")
                .trim_end_matches(" enum")
                .trim()
                .to_string();
            enums.push(EnumType {
                name,
                members: props::members(t, c, diags, ledger),
                line: t.line,
            });
        }
        (_, Some(c)) if is_member_table => {
            let name = enum_name_for(section, &resource.name);
            enums.push(EnumType {
                name,
                members: props::members(t, c, diags, ledger),
                line: t.line,
            });
        }
        (SectionKind::Properties, Some(c)) => resource.properties.extend(props::properties(t, c, diags, ledger)),
        (SectionKind::Relationships, Some(c)) => resource.relationships.extend(props::properties(t, c, diags, ledger)),
        (SectionKind::Methods, _) => methods(t, &mut resource.methods, diags, ledger),
        _ => ledger.ignore_table(t, &section.heading, diags),
    }
}

/// The enum a member table defines: named by its heading (`### x values`, or
/// any heading of its own), else by the page.
fn enum_name_for(section: &Section<'_>, fallback: &str) -> String {
    let heading = section.heading.trim();
    let named_by_heading = section.kind == SectionKind::EnumValues || section.kind == SectionKind::Unknown;
    let generic = ["members", "values", "enum values", "enumeration values", "properties"];
    if heading.is_empty() || !named_by_heading || generic.contains(&heading.to_ascii_lowercase().as_str()) {
        return fallback.to_string();
    }
    heading
        .trim_end_matches(" values")
        .trim_end_matches(" enum type")
        .trim()
        .to_string()
}

/// Reads an enum page: every member table, named by its heading or the page.
pub fn read_enums(
    intro: &Intro,
    sections: &[Section<'_>],
    enums: &mut Vec<EnumType>,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    let page_name = intro.subject.clone().unwrap_or_default();
    for section in sections {
        for block in &section.blocks {
            let Block::Table(t) = block else { continue };
            match Columns::of(&t.header) {
                Some(c) => {
                    let name = if section.heading.is_empty() {
                        page_name.clone()
                    } else {
                        enum_name_for(section, &page_name)
                    };
                    enums.push(EnumType {
                        name,
                        members: props::members(t, c, diags, ledger),
                        line: t.line,
                    });
                }
                None => ledger.ignore_table(t, &section.heading, diags),
            }
        }
    }
}

fn methods(t: &Table, into: &mut Vec<MethodLink>, diags: &mut Diagnostics, ledger: &mut Ledger) {
    ledger.table(t);
    let returns_col = t.header.iter().position(|h| h.to_ascii_lowercase().contains("return"));
    let description_col = t
        .header
        .iter()
        .position(|h| h.to_ascii_lowercase().contains("description"));
    for row in &t.rows {
        let Some(first) = row.cells.first() else { continue };
        let name = first.plain();
        if name.is_empty() {
            diags.warning(row.line, "table-row-empty", "method row has no name; skipped");
            continue;
        }
        let page = first.links().next().map(|(_, target)| target.to_string());
        let returns = returns_col
            .and_then(|c| row.cells.get(c))
            .and_then(|cell| match type_cell::parse(cell) {
                TypeCell::Read(t) | TypeCell::Unusual(t, _) => Some(t),
                TypeCell::Unreadable(_) => None,
            });
        let description = description_col
            .and_then(|c| row.cells.get(c))
            .map(Inline::plain)
            .unwrap_or_default();
        into.push(MethodLink {
            name,
            page,
            returns,
            description,
            line: row.line,
        });
    }
}

/// `Inherits from [entity](entity.md).` (a link), or `Inherits from entity.`
/// (one word ending the sentence); not prose such as "inherits from base
/// policy type".
fn inherits_from(text: &Inline) -> Option<String> {
    let mut after_lead = false;
    for span in &text.spans {
        match span {
            Span::Text(t) => {
                let lower = t.to_ascii_lowercase();
                if let Some(at) = lower.rfind("inherits from") {
                    let rest = t.get(at + "inherits from".len()..).unwrap_or_default().trim_start();
                    let word: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
                        .collect();
                    let word = word.trim_end_matches('.');
                    let after = rest.get(word.len()..).unwrap_or_default().trim_start();
                    if !word.is_empty() && (after.is_empty() || after.starts_with('.') || after.starts_with(',')) {
                        return Some(word.to_string());
                    }
                    after_lead = rest.is_empty();
                } else if !t.trim().is_empty() {
                    after_lead = false;
                }
            }
            Span::Link { text, .. } | Span::Code(text) if after_lead => return Some(text.trim().to_string()),
            _ => after_lead = false,
        }
    }
    None
}

/// Keys of the JSON representation and their placeholder values.
fn json_hints(text: &str, line: u32, into: &mut BTreeMap<String, String>, diags: &mut Diagnostics) {
    let value = match lenient_json::read(text.trim()) {
        Lenient::Valid(v) | Lenient::Repaired(v) => v,
        Lenient::Invalid(err) => {
            diags.note(
                line,
                "json-representation-unreadable",
                format!("JSON representation is not JSON ({err}); no type hints taken"),
            );
            return;
        }
    };
    if let Some(object) = value.as_object() {
        for (key, v) in object {
            let hint = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            into.insert(key.clone(), hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_types_from_prose() {
        let linked = Inline {
            spans: vec![
                Span::Text("Inherits from ".into()),
                Span::Link {
                    text: "deviceConfiguration".into(),
                    target: "x.md".into(),
                },
                Span::Text(".".into()),
            ],
        };
        assert_eq!(inherits_from(&linked).as_deref(), Some("deviceConfiguration"));
        assert_eq!(
            inherits_from(&Inline::text("Inherits from directoryObject.")).as_deref(),
            Some("directoryObject")
        );
        assert_eq!(
            inherits_from(&Inline::text(
                "It's a singleton that inherits from base policy type, and always exists."
            )),
            None
        );
    }
}
