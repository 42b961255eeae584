//! Drift: one place where the reference pages and the CSDL metadata
//! disagree, with the rule the merge applied and where the pages say it.

use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;
use std::fmt;

/// What kind of disagreement a drift record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DriftKind {
    /// A property the pages list and the metadata does not have.
    PropertyDocsOnly,
    /// A property the metadata has and the type's page does not list.
    PropertyCsdlOnly,
    /// A property whose type differs.
    Type,
    /// A name that is a structured type on one side and an enum on the other.
    Kind,
    /// A different base type.
    Base,
    /// A type described by a page and absent from the metadata.
    TypeDocsOnly,
    /// An enum described by a page and absent from the metadata.
    EnumDocsOnly,
    /// Enum members on one side only.
    EnumMembers,
    /// A documented path the metadata's container and navigation do not allow.
    Path,
    /// A type a page names otherwise than the metadata (`chart` for
    /// `workbookChart`).
    TypeName,
}

impl DriftKind {
    /// The diagnostic code.
    pub fn code(self) -> &'static str {
        match self {
            DriftKind::PropertyDocsOnly => "drift-property-docs-only",
            DriftKind::PropertyCsdlOnly => "drift-property-csdl-only",
            DriftKind::Type => "drift-type",
            DriftKind::Kind => "drift-kind",
            DriftKind::Base => "drift-base",
            DriftKind::TypeDocsOnly => "drift-type-docs-only",
            DriftKind::EnumDocsOnly => "drift-enum-docs-only",
            DriftKind::EnumMembers => "drift-enum-members",
            DriftKind::Path => "drift-path",
            DriftKind::TypeName => "drift-type-name",
        }
    }

    /// Disagreements that change what a documented value means are warnings;
    /// gaps on one side are notes.
    pub fn severity(self) -> Severity {
        match self {
            DriftKind::Type | DriftKind::Kind | DriftKind::Base => Severity::Warning,
            _ => Severity::Note,
        }
    }
}

/// The rule the merge applied to a disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The metadata's type of the property is used.
    CsdlTypeKept,
    /// The property is kept although the metadata lacks it.
    DocsOnlyPropertyKept,
    /// The metadata's property is kept although the page does not list it.
    CsdlOnlyPropertyKept,
    /// The metadata decides whether the name is a structured type or an enum.
    CsdlKindKept,
    /// The metadata's base type is used.
    CsdlBaseKept,
    /// The type is kept from the pages alone.
    DocsOnlyTypeKept,
    /// The metadata's members are kept, in its order; members only the pages
    /// list are added after them.
    MembersUnited,
    /// The documented path is kept as written.
    DocsPathKept,
    /// The metadata's name of the type is used.
    CsdlNameKept,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rule::CsdlTypeKept => "CSDL type kept",
            Rule::DocsOnlyPropertyKept => "docs-only property kept",
            Rule::CsdlOnlyPropertyKept => "CSDL-only property kept",
            Rule::CsdlKindKept => "CSDL kind kept",
            Rule::CsdlBaseKept => "CSDL base type kept",
            Rule::DocsOnlyTypeKept => "docs-only type kept",
            Rule::MembersUnited => "CSDL members kept, docs-only members added",
            Rule::DocsPathKept => "docs path kept",
            Rule::CsdlNameKept => "CSDL name kept",
        })
    }
}

/// One disagreement between the pages and the metadata.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Drift {
    pub kind: DriftKind,
    /// What disagrees: `microsoft.graph.user`, `microsoft.graph.user/displayName`,
    /// or a path template.
    pub subject: String,
    /// What the pages say (empty: nothing).
    pub docs: String,
    /// What the metadata says (empty: nothing).
    pub csdl: String,
    pub rule: Rule,
    /// The page and line the pages say it on.
    pub file: String,
    pub line: u32,
}

impl Drift {
    pub fn diagnostic(&self) -> Diagnostic {
        let side = |s: &str| {
            if s.is_empty() {
                "nothing".to_string()
            } else {
                format!("`{s}`")
            }
        };
        Diagnostic::new(
            &self.file,
            self.line.max(1),
            self.kind.severity(),
            self.kind.code(),
            format!(
                "`{}`: the pages say {}, the CSDL says {}; {}",
                self.subject,
                side(&self.docs),
                side(&self.csdl),
                self.rule
            ),
        )
    }
}
