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

    /// Whether two groups name the same scopes, in any order and letter case
    /// (scope names are case-insensitive).
    pub fn same(&self, other: &AllOf) -> bool {
        let key = |a: &AllOf| {
            let mut v: Vec<String> = a.0.iter().map(|s| s.to_ascii_lowercase()).collect();
            v.sort();
            v
        };
        key(self) == key(other)
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

    /// Adds alternatives not yet listed, keeping order. An alternative that
    /// either side calls least privileged stays least privileged (and leaves
    /// `higher`); scopes are compared without regard to letter case.
    pub fn extend(&mut self, other: &Grant) {
        let listed = |list: &[AllOf], a: &AllOf| list.iter().any(|b| b.same(a));
        for a in &other.least {
            if !listed(&self.least, a) {
                self.least.push(a.clone());
            }
        }
        self.higher.retain(|a| !listed(&self.least, a));
        for a in &other.higher {
            if !listed(&self.higher, a) && !listed(&self.least, a) {
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

    /// Adds the grants of `other` (another page documenting the same
    /// request), kind by kind: a kind only one side states is taken as
    /// stated; a kind both state keeps every alternative of both, the least
    /// privileged of either staying least privileged. Returns what the union
    /// overrode: a kind one side calls not supported while the other lists
    /// scopes for it (the scopes win).
    pub fn union(&mut self, other: &Grants) -> Vec<String> {
        let mut overridden = Vec::new();
        for kind in PermissionKind::ALL {
            let Some(theirs) = other.get(kind) else { continue };
            if let Some(mine) = self.get(kind) {
                if mine.is_supported() != theirs.is_supported() {
                    overridden.push(format!(
                        "{} permissions: \"not supported\" gives way to listed scopes",
                        kind.label()
                    ));
                }
            }
            self.add(kind, theirs);
        }
        overridden
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
    /// Adds the permissions of `other`, another page documenting the same
    /// request: grants by [`Grants::union`], conditions and directory roles
    /// not yet listed, clouds where this side does not say. Returns notes
    /// on what the union overrode (this side's clouds win a disagreement).
    pub fn union(&mut self, other: &Permissions) -> Vec<String> {
        let mut overridden = self.grants.union(&other.grants);
        for c in &other.conditional {
            if !self
                .conditional
                .iter()
                .any(|m| m.condition.eq_ignore_ascii_case(&c.condition) && m.paths == c.paths && m.grants == c.grants)
            {
                self.conditional.push(c.clone());
            }
        }
        for role in &other.directory_roles {
            if !self.directory_roles.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                self.directory_roles.push(role.clone());
            }
        }
        if self.national_clouds.is_empty() {
            self.national_clouds = other.national_clouds.clone();
        } else if !other.national_clouds.is_empty() && self.national_clouds != other.national_clouds {
            let names = |c: &[Cloud]| c.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ");
            overridden.push(format!(
                "national clouds: {} here against {}; the primary page wins",
                names(&other.national_clouds),
                names(&self.national_clouds)
            ));
        }
        self.include_missing |= other.include_missing;
        overridden
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(least: &[&str], higher: &[&str]) -> Grant {
        Grant {
            least: least.iter().map(|s| AllOf::one(*s)).collect(),
            higher: higher.iter().map(|s| AllOf::one(*s)).collect(),
        }
    }

    #[test]
    fn a_merged_route_keeps_the_least_privileged_scopes_of_both_pages() {
        let mut mine = Permissions::default();
        mine.grants.delegated_work = Some(grant(&["Mail.ReadBasic"], &["Mail.Read", "Mail.ReadWrite"]));
        mine.directory_roles = vec!["Global Reader".into()];
        let mut theirs = Permissions::default();
        // Least privileged on the other page; higher on this one.
        theirs.grants.delegated_work = Some(grant(&["mail.read"], &["Mail.ReadWrite", "Directory.Read.All"]));
        theirs.grants.application = Some(grant(&["Mail.Read"], &[]));
        theirs.directory_roles = vec!["global reader".into(), "Exchange Administrator".into()];
        let notes = mine.union(&theirs);
        assert!(notes.is_empty(), "{notes:?}");
        let work = mine.grants.delegated_work.as_ref().unwrap();
        assert_eq!(work.least, [AllOf::one("Mail.ReadBasic"), AllOf::one("mail.read")]);
        assert_eq!(
            work.higher,
            [AllOf::one("Mail.ReadWrite"), AllOf::one("Directory.Read.All")]
        );
        assert_eq!(mine.grants.application, Some(grant(&["Mail.Read"], &[])));
        assert_eq!(
            mine.grants.delegated_personal, None,
            "a kind neither page states stays unknown"
        );
        assert_eq!(mine.directory_roles, ["Global Reader", "Exchange Administrator"]);
    }

    #[test]
    fn listed_scopes_win_over_not_supported_and_the_override_is_noted() {
        let mut mine = Permissions::default();
        mine.grants.application = Some(Grant::not_supported());
        mine.national_clouds = vec![Cloud::Global];
        let mut theirs = Permissions::default();
        theirs.grants.application = Some(grant(&["User.Read.All"], &[]));
        theirs.national_clouds = vec![Cloud::Global, Cloud::China];
        theirs.conditional.push(Conditional {
            condition: "group calendar".into(),
            paths: vec![],
            grants: Grants {
                delegated_work: Some(grant(&["Group.Read.All"], &[])),
                ..Grants::default()
            },
            line: 30,
        });
        let notes = mine.union(&theirs);
        assert_eq!(mine.grants.application, Some(grant(&["User.Read.All"], &[])));
        assert_eq!(mine.conditional.len(), 1);
        assert_eq!(mine.national_clouds, [Cloud::Global], "the primary page's clouds stay");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].contains("Application") && notes[0].contains("not supported"),
            "{notes:?}"
        );
        assert!(notes[1].contains("China"), "{notes:?}");
        // A second union of the same page adds nothing.
        let again = mine.clone();
        mine.union(&theirs);
        assert_eq!(mine, again);
    }
}
