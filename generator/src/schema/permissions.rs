//! Permissions an operation requires: per kind (delegated work or school,
//! delegated personal, application), the least privileged scopes and the
//! higher privileged ones in documented order; scopes that must be held
//! together (all-of groups); permissions that differ per resource or
//! workload; directory roles and national cloud availability.

use serde::{Deserialize, Serialize};

/// Scopes that must all be granted together (`Policy.Read.All and
/// Application.ReadWrite.All`). Mostly one scope; written as a string then.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "OneOrMany", into = "OneOrMany")]
pub struct AllOf(pub Vec<String>);

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrMany> for AllOf {
    fn from(v: OneOrMany) -> AllOf {
        match v {
            OneOrMany::One(s) => AllOf(vec![s]),
            OneOrMany::Many(v) => AllOf(v),
        }
    }
}

impl From<AllOf> for OneOrMany {
    fn from(mut v: AllOf) -> OneOrMany {
        if v.0.len() == 1 {
            OneOrMany::One(v.0.remove(0))
        } else {
            OneOrMany::Many(v.0)
        }
    }
}

impl AllOf {
    pub fn one(scope: impl Into<String>) -> AllOf {
        AllOf(vec![scope.into()])
    }
}

impl std::fmt::Display for AllOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join(" and "))
    }
}

/// What one permission kind requires. Any one entry of `least` (or, if the
/// app already holds it, of `higher`) grants access. Both empty: the kind is
/// not supported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// The least privileged alternatives, in documented order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub least: Vec<AllOf>,
    /// Higher privileged alternatives, from less to more privileged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub higher: Vec<AllOf>,
}

impl Grant {
    pub fn not_supported() -> Grant {
        Grant::default()
    }

    pub fn is_supported(&self) -> bool {
        !self.least.is_empty() || !self.higher.is_empty()
    }

    /// Every alternative, least privileged first.
    pub fn all(&self) -> impl Iterator<Item = &AllOf> {
        self.least.iter().chain(&self.higher)
    }

    /// Adds alternatives not yet listed, keeping order.
    pub fn extend(&mut self, other: &Grant) {
        for a in &other.least {
            if !self.least.contains(a) {
                self.least.push(a.clone());
            }
        }
        for a in &other.higher {
            if !self.higher.contains(a) && !self.least.contains(a) {
                self.higher.push(a.clone());
            }
        }
    }
}

/// The permission kinds. `None`: the page does not say (unknown);
/// `Some(grant)` with nothing in it: not supported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grants {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegated_work: Option<Grant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegated_personal: Option<Grant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Grant>,
    /// Scopes listed without a kind (classic pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unspecified: Option<Grant>,
}

/// A permission kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PermissionKind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
    Unspecified,
}

impl PermissionKind {
    pub const ALL: [PermissionKind; 4] = [
        PermissionKind::DelegatedWork,
        PermissionKind::DelegatedPersonal,
        PermissionKind::Application,
        PermissionKind::Unspecified,
    ];

    /// How the pages name the kind.
    pub fn label(self) -> &'static str {
        match self {
            PermissionKind::DelegatedWork => "Delegated (work or school account)",
            PermissionKind::DelegatedPersonal => "Delegated (personal Microsoft account)",
            PermissionKind::Application => "Application",
            PermissionKind::Unspecified => "Kind not given (any)",
        }
    }
}

impl Grants {
    pub fn get(&self, kind: PermissionKind) -> Option<&Grant> {
        match kind {
            PermissionKind::DelegatedWork => self.delegated_work.as_ref(),
            PermissionKind::DelegatedPersonal => self.delegated_personal.as_ref(),
            PermissionKind::Application => self.application.as_ref(),
            PermissionKind::Unspecified => self.unspecified.as_ref(),
        }
    }

    pub fn slot(&mut self, kind: PermissionKind) -> &mut Option<Grant> {
        match kind {
            PermissionKind::DelegatedWork => &mut self.delegated_work,
            PermissionKind::DelegatedPersonal => &mut self.delegated_personal,
            PermissionKind::Application => &mut self.application,
            PermissionKind::Unspecified => &mut self.unspecified,
        }
    }

    pub fn is_empty(&self) -> bool {
        PermissionKind::ALL.iter().all(|k| self.get(*k).is_none())
    }

    /// Adds `grant` to a kind: a kind said twice keeps every alternative.
    pub fn add(&mut self, kind: PermissionKind, grant: &Grant) {
        match self.slot(kind) {
            Some(g) => g.extend(grant),
            slot @ None => *slot = Some(grant.clone()),
        }
    }
}

/// Permissions that hold under a condition the page names: a resource
/// (`group calendar`), a workload sub-row (`Mobile app management (MAM)`),
/// a `###` subheading (`For tenant-wide settings`), or a cell prefix
/// (`for a channel message`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditional {
    /// The condition as written.
    pub condition: String,
    /// The documented request paths it applies to, where the page ties it to
    /// them (an annotation's `requestUrls`, or a resource named by the
    /// paths); empty: the page does not say which.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    #[serde(flatten)]
    pub grants: Grants,
    pub line: u32,
}

/// National clouds the API is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cloud {
    /// The global service.
    Global,
    /// US Government L4.
    UsGovL4,
    /// US Government L5 (DOD).
    UsGovL5,
    /// China operated by 21Vianet.
    China,
}

impl Cloud {
    pub const ALL: [Cloud; 4] = [Cloud::Global, Cloud::UsGovL4, Cloud::UsGovL5, Cloud::China];

    pub fn label(self) -> &'static str {
        match self {
            Cloud::Global => "Global service",
            Cloud::UsGovL4 => "US Government L4",
            Cloud::UsGovL5 => "US Government L5 (DOD)",
            Cloud::China => "China operated by 21Vianet",
        }
    }
}

/// Required permissions of an operation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// What every documented request requires.
    #[serde(flatten)]
    pub grants: Grants,
    /// What holds only under a condition; a request it applies to needs
    /// one alternative of each applicable condition's kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditional: Vec<Conditional>,
    /// Directory roles a delegated (work or school) caller must hold one of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directory_roles: Vec<String>,
    /// National clouds the API is available in; empty: the page does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub national_clouds: Vec<Cloud>,
    /// Whether the page's permissions come from an include file that could
    /// not be read: they are unknown, not unsupported.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub include_missing: bool,
}

impl Permissions {
    /// Whether no permission fact was read (roles and clouds aside).
    pub fn is_empty(&self) -> bool {
        self.grants.is_empty() && self.conditional.is_empty()
    }

    /// The permissions of one documented path: the operation's own grants
    /// plus, per kind, those of each condition tied to the path or to no
    /// path at all (a condition the page does not tie to paths may apply,
    /// so it is kept).
    pub fn for_path(&self, path: &str) -> Grants {
        let mut grants = self.grants.clone();
        for c in &self.conditional {
            if c.paths.is_empty() || c.paths.iter().any(|p| p == path) {
                for kind in PermissionKind::ALL {
                    if let Some(g) = c.grants.get(kind) {
                        grants.add(kind, g);
                    }
                }
            }
        }
        grants
    }
}
