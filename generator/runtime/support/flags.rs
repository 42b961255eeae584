//! [`Flags`]: a value of a flags enum (`IsFlags="true"` in the metadata),
//! a set of members written on the wire as one string, `"x86,x64"`.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// A member of a flags enum, as written on the wire.
pub trait FlagMember: for<'a> From<&'a str> {
    /// The member's wire name.
    fn wire_name(&self) -> &str;
}

/// The members set in a flags enum value: `"x86,x64"` reads as `[X86, X64]`
/// and is written back so; a member this version does not know is kept as
/// the enum's `UnknownValue`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(pub Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: PartialEq> Flags<E> {
    /// Whether `member` is set.
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }
}

impl<E> Flags<E> {
    /// The members set, in the order they were written.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.0.iter()
    }
}

impl<E> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Flags(members)
    }
}

impl<E> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(members: I) -> Self {
        Flags(members.into_iter().collect())
    }
}

impl<E: FlagMember> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = self.0.iter().map(FlagMember::wire_name).collect();
        serializer.serialize_str(&names.join(","))
    }
}

impl<'de, E: FlagMember> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(text
            .split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(E::from)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    enum Arch {
        X86,
        X64,
        UnknownValue(String),
    }

    impl From<&str> for Arch {
        fn from(value: &str) -> Self {
            match value {
                "x86" => Arch::X86,
                "x64" => Arch::X64,
                other => Arch::UnknownValue(other.into()),
            }
        }
    }

    impl FlagMember for Arch {
        fn wire_name(&self) -> &str {
            match self {
                Arch::X86 => "x86",
                Arch::X64 => "x64",
                Arch::UnknownValue(v) => v,
            }
        }
    }

    #[test]
    fn a_combined_value_reads_as_its_members_and_writes_back() {
        let flags: Flags<Arch> = serde_json::from_str(r#""x86, x64,arm64""#).unwrap();
        assert_eq!(flags.0, [Arch::X86, Arch::X64, Arch::UnknownValue("arm64".into())]);
        assert!(flags.contains(&Arch::X64));
        assert_eq!(serde_json::to_string(&flags).unwrap(), r#""x86,x64,arm64""#);
        let none: Flags<Arch> = serde_json::from_str(r#""""#).unwrap();
        assert!(none.0.is_empty());
    }
}
