//! Rust names for wire names: one place for every naming decision.
//!
//! Every function turns any input (a property, type, enum member, header or
//! path name from the docs or metadata) into a valid Rust identifier,
//! deterministically, with these rules:
//!
//! 1. Non-ASCII letters are transliterated (`ü` -> `u`, `ß` -> `ss`); other
//!    non-ASCII characters become a word `u<hex code point>`.
//! 2. A few mixed-case product names are one word: `iOS`, `macOS`, `IPv6`,
//!    ... (`iOSVersion` -> `ios_version`, not `i_os_version`).
//! 3. Any other character that is not a letter or digit separates words
//!    (`@odata.type` -> `odata_type`); case is changed with `heck`.
//! 4. Empty results (empty or all-punctuation input) become `empty` /
//!    `Empty`.
//! 5. A leading digit gets a `_` prefix: `3dPrinter` -> `_3d_printer`,
//!    `_3dPrinter`.
//! 6. Keywords and reserved words get a `_` suffix (`type_`, `Self_`),
//!    never `r#`. Type names also avoid the standard prelude (`Option_`,
//!    `Result_`), module names also avoid `std`, `core` and `alloc`.
//!
//! Distinct wire names can still map to one Rust name (`fooBar`,
//! `foo_bar`); [`NameSet`] settles that in call order.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::{HashMap, HashSet};

/// Strict and reserved keywords of every edition, and `gen` (reserved in
/// 2024). None of these can be an identifier without `r#`.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "_",
];

/// Names from the standard prelude that a generated type must not shadow.
const PRELUDE_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "Vec",
    "Box",
    "Copy",
    "Clone",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
    "ToOwned",
];

/// Crate names a generated module must not shadow.
const RESERVED_MODULES: &[&str] = &["std", "core", "alloc"];

/// Mixed-case product names kept as one word, with the word used instead.
const ONE_WORD: &[(&str, &str)] = &[
    ("iPadOS", "Ipados"),
    ("iOS", "Ios"),
    ("macOS", "Macos"),
    ("tvOS", "Tvos"),
    ("watchOS", "Watchos"),
    ("IPv4", "Ipv4"),
    ("IPv6", "Ipv6"),
    ("iPhone", "Iphone"),
    ("iPad", "Ipad"),
];

/// True if `word` is a Rust keyword or reserved word.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// The Rust type name (UpperCamelCase) for `wire`.
pub fn type_name(wire: &str) -> String {
    let name = camel(wire);
    if PRELUDE_TYPES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The Rust field name (snake_case) for `wire`.
pub fn field_name(wire: &str) -> String {
    snake(wire)
}

/// The Rust enum variant name (UpperCamelCase) for `wire`.
pub fn variant_name(wire: &str) -> String {
    camel(wire)
}

/// The Rust module name (snake_case) for `wire`.
pub fn module_name(wire: &str) -> String {
    let name = snake(wire);
    if RESERVED_MODULES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The Cargo feature name (kebab-case) for `wire`: lower-case ASCII
/// letters, digits and `-`, never empty.
pub fn feature_name(wire: &str) -> String {
    let name = words(wire).to_kebab_case();
    if name.is_empty() {
        "empty".to_owned()
    } else {
        name
    }
}

/// True if a field or variant named `rust` needs `#[serde(rename = "wire")]`
/// to be read and written as `wire`, assuming no `rename_all` on the
/// container (serde then uses the identifier as written, without `r#`).
pub fn needs_rename(rust: &str, wire: &str) -> bool {
    rust.strip_prefix("r#").unwrap_or(rust) != wire
}

/// The name a `rename_all = "camelCase"` container gives the snake_case
/// field `rust`, following serde's rule.
pub fn serde_camel_case(rust: &str) -> String {
    let rust = rust.strip_prefix("r#").unwrap_or(rust);
    let mut pascal = String::with_capacity(rust.len());
    let mut capitalize = true;
    for ch in rust.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    match pascal.chars().next() {
        Some(first) => first.to_ascii_lowercase().to_string() + &pascal[first.len_utf8()..],
        None => pascal,
    }
}

/// Hands out unique names in call order: the first claim of a name gets it,
/// later claims get `name2`, `name3`, ... (`name_2`, ... when the name ends
/// in a digit, so `v1` never turns into the look-alike `v12`).
#[derive(Debug, Clone, Default)]
pub struct NameSet {
    taken: HashSet<String>,
    /// For each candidate claimed more than once, the number below which
    /// every numbered form is taken (names are never freed), so collisions
    /// resume where the last one stopped instead of counting from 2 again.
    next: HashMap<String, u64>,
}

impl NameSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` as taken without claiming it (for names the emitter
    /// writes itself, such as `additional_properties` or `UnknownValue`).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// True if `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `candidate` if it is free, otherwise the first free numbered form;
    /// the returned name is taken from then on.
    pub fn claim(&mut self, candidate: &str) -> String {
        if self.taken.insert(candidate.to_owned()) {
            return candidate.to_owned();
        }
        let separator = if candidate.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let next = self.next.entry(candidate.to_owned()).or_insert(2);
        loop {
            let name = format!("{candidate}{separator}{next}");
            *next += 1;
            if self.taken.insert(name.clone()) {
                return name;
            }
        }
    }
}

fn snake(wire: &str) -> String {
    finish(words(wire).to_snake_case(), "empty")
}

fn camel(wire: &str) -> String {
    finish(words(wire).to_upper_camel_case(), "Empty")
}

/// Applies the placeholder, leading-digit and keyword rules.
fn finish(name: String, empty: &str) -> String {
    if name.is_empty() {
        empty.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if is_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// ASCII text with words separated by case changes or spaces, ready for
/// `heck`.
fn words(wire: &str) -> String {
    let mut ascii = String::with_capacity(wire.len());
    for ch in wire.chars() {
        if ch.is_ascii() {
            ascii.push(ch);
        } else if let Some(latin) = transliterate(ch) {
            ascii.push_str(latin);
        } else {
            ascii.push_str(&format!(" u{:x} ", u32::from(ch)));
        }
    }
    one_words(&ascii)
}

/// Rewrites the product names of [`ONE_WORD`] as single words.
fn one_words(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    'scan: while i < bytes.len() {
        let at_word_start = i == 0
            || !bytes[i - 1].is_ascii_alphanumeric()
            || (bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase());
        if at_word_start {
            for (token, word) in ONE_WORD {
                let end = i + token.len();
                if text[i..].starts_with(token) && !bytes.get(end).is_some_and(u8::is_ascii_lowercase) {
                    out.push(' ');
                    out.push_str(word);
                    out.push(' ');
                    i = end;
                    continue 'scan;
                }
            }
        }
        out.push(char::from(bytes[i]));
        i += 1;
    }
    out
}

/// An ASCII spelling of a Latin letter with diacritics, keeping its case.
fn transliterate(ch: char) -> Option<&'static str> {
    let latin = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "Ae",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' | 'ð' => "d",
        'Ď' | 'Đ' | 'Ð' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' | 'ĺ' => "l",
        'Ł' | 'Ľ' | 'Ĺ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "Oe",
        'ř' | 'ŕ' => "r",
        'Ř' | 'Ŕ' => "R",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'þ' => "th",
        'Þ' => "Th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    };
    Some(latin)
}

/// The singular of an English plural as Graph spells its collections
/// (`users`, `policies`, `mailFolders`, `addresses`, `children`); other
/// words unchanged.
pub fn singular(word: &str) -> String {
    const IRREGULAR: [(&str, &str); 5] = [
        ("children", "child"),
        ("people", "person"),
        ("indices", "index"),
        ("aliases", "alias"),
        ("statuses", "status"),
    ];
    let lower = word.to_ascii_lowercase();
    for (plural, one) in IRREGULAR {
        if lower.ends_with(plural) {
            return format!(
                "{}{}",
                &word[..word.len() - plural.len()],
                keep_case(&word[word.len() - plural.len()..], one)
            );
        }
    }
    let cut = |n: usize, add: &str| format!("{}{add}", &word[..word.len() - n]);
    if lower.ends_with("ies") && lower.len() > 4 {
        cut(3, "y")
    } else if ["sses", "shes", "ches", "xes", "zzes"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        cut(2, "")
    } else if lower.ends_with('s') && !["ss", "us", "is"].iter().any(|e| lower.ends_with(e)) && lower.len() > 3 {
        cut(1, "")
    } else {
        word.to_string()
    }
}

/// `replacement` with the first letter cased as `original`'s.
fn keep_case(original: &str, replacement: &str) -> String {
    match original.chars().next() {
        Some(c) if c.is_ascii_uppercase() => {
            let mut out = replacement.to_string();
            out[..1].make_ascii_uppercase();
            out
        }
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn collisions_number_in_order_resuming_past_taken_names() {
        let mut names = super::NameSet::new();
        names.reserve("a3");
        let got: Vec<String> = (0..5).map(|_| names.claim("a")).collect();
        assert_eq!(got, ["a", "a2", "a4", "a5", "a6"]);
        assert_eq!(names.claim("a2"), "a2_2");
        assert_eq!(names.claim("a7"), "a7");
        assert_eq!(names.claim("a"), "a8", "a name taken since is skipped");
    }

    use super::*;

    fn assert_ident(name: &str, from: &str) {
        assert!(
            syn::parse_str::<syn::Ident>(name).is_ok(),
            "`{name}` (from `{from}`) is not a valid identifier"
        );
        assert!(!name.starts_with("r#"), "{name}");
    }

    /// wire, type, field, variant, module, feature
    const TABLE: &[(&str, &str, &str, &str, &str, &str)] = &[
        (
            "@odata.type",
            "OdataType",
            "odata_type",
            "OdataType",
            "odata_type",
            "odata-type",
        ),
        (
            "@odata.nextLink",
            "OdataNextLink",
            "odata_next_link",
            "OdataNextLink",
            "odata_next_link",
            "odata-next-link",
        ),
        ("type", "Type", "type_", "Type", "type_", "type"),
        ("self", "Self_", "self_", "Self_", "self_", "self"),
        ("Self", "Self_", "self_", "Self_", "self_", "self"),
        ("super", "Super", "super_", "Super", "super_", "super"),
        ("crate", "Crate", "crate_", "Crate", "crate_", "crate"),
        ("match", "Match", "match_", "Match", "match_", "match"),
        ("async", "Async", "async_", "Async", "async_", "async"),
        ("gen", "Gen", "gen_", "Gen", "gen_", "gen"),
        ("yield", "Yield", "yield_", "Yield", "yield_", "yield"),
        (
            "3dPrinter",
            "_3dPrinter",
            "_3d_printer",
            "_3dPrinter",
            "_3d_printer",
            "3d-printer",
        ),
        (
            "microsoft.graph.iosScepCertificateProfile",
            "MicrosoftGraphIosScepCertificateProfile",
            "microsoft_graph_ios_scep_certificate_profile",
            "MicrosoftGraphIosScepCertificateProfile",
            "microsoft_graph_ios_scep_certificate_profile",
            "microsoft-graph-ios-scep-certificate-profile",
        ),
        (
            "windows81SCEPCertificateProfile",
            "Windows81ScepCertificateProfile",
            "windows81_scep_certificate_profile",
            "Windows81ScepCertificateProfile",
            "windows81_scep_certificate_profile",
            "windows81-scep-certificate-profile",
        ),
        (
            "macOSWiredNetworkConfiguration",
            "MacosWiredNetworkConfiguration",
            "macos_wired_network_configuration",
            "MacosWiredNetworkConfiguration",
            "macos_wired_network_configuration",
            "macos-wired-network-configuration",
        ),
        (
            "iOSVersion",
            "IosVersion",
            "ios_version",
            "IosVersion",
            "ios_version",
            "ios-version",
        ),
        (
            "minimumIOSVersion",
            "MinimumIosVersion",
            "minimum_ios_version",
            "MinimumIosVersion",
            "minimum_ios_version",
            "minimum-ios-version",
        ),
        (
            "x-ms-client-request-id",
            "XMsClientRequestId",
            "x_ms_client_request_id",
            "XMsClientRequestId",
            "x_ms_client_request_id",
            "x-ms-client-request-id",
        ),
        (
            "unknownFutureValue",
            "UnknownFutureValue",
            "unknown_future_value",
            "UnknownFutureValue",
            "unknown_future_value",
            "unknown-future-value",
        ),
        (
            "IPv6Address",
            "Ipv6Address",
            "ipv6_address",
            "Ipv6Address",
            "ipv6_address",
            "ipv6-address",
        ),
        (
            "publicIPv4Range",
            "PublicIpv4Range",
            "public_ipv4_range",
            "PublicIpv4Range",
            "public_ipv4_range",
            "public-ipv4-range",
        ),
        ("_private", "Private", "private", "Private", "private", "private"),
        ("Option", "Option_", "option", "Option", "option", "option"),
        ("Result", "Result_", "result", "Result", "result", "result"),
        ("std", "Std", "std", "Std", "std_", "std"),
        ("", "Empty", "empty", "Empty", "empty", "empty"),
        ("@.-", "Empty", "empty", "Empty", "empty", "empty"),
        ("_", "Empty", "empty", "Empty", "empty", "empty"),
        ("a b", "AB", "a_b", "AB", "a_b", "a-b"),
        (
            "Content-Type",
            "ContentType",
            "content_type",
            "ContentType",
            "content_type",
            "content-type",
        ),
        (
            "displayName",
            "DisplayName",
            "display_name",
            "DisplayName",
            "display_name",
            "display-name",
        ),
        ("Müller", "Muller", "muller", "Muller", "muller", "muller"),
        ("straße", "Strasse", "strasse", "Strasse", "strasse", "strasse"),
        (
            "日本",
            "U65e5U672c",
            "u65e5_u672c",
            "U65e5U672c",
            "u65e5_u672c",
            "u65e5-u672c",
        ),
        ("2", "_2", "_2", "_2", "_2", "2"),
        ("v1.0", "V10", "v1_0", "V10", "v1_0", "v1-0"),
    ];

    #[test]
    fn awkward_names() {
        for &(wire, ty, field, variant, module, feature) in TABLE {
            assert_eq!(type_name(wire), ty, "type_name({wire:?})");
            assert_eq!(field_name(wire), field, "field_name({wire:?})");
            assert_eq!(variant_name(wire), variant, "variant_name({wire:?})");
            assert_eq!(module_name(wire), module, "module_name({wire:?})");
            assert_eq!(feature_name(wire), feature, "feature_name({wire:?})");
        }
    }

    #[test]
    fn every_result_is_a_valid_identifier() {
        let extra = [
            "r#type", "__", "a__b", "😀", "ß3", "fn()", "1", "9lives", "Self_", "true",
        ];
        for wire in TABLE
            .iter()
            .map(|row| row.0)
            .chain(extra)
            .chain(KEYWORDS.iter().copied())
        {
            for name in [type_name(wire), field_name(wire), variant_name(wire), module_name(wire)] {
                assert_ident(&name, wire);
            }
            let feature = feature_name(wire);
            assert!(
                !feature.is_empty()
                    && feature
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "feature `{feature}` from `{wire}`"
            );
        }
    }

    #[test]
    fn keywords_get_a_suffix_never_raw() {
        for kw in KEYWORDS.iter().filter(|k| **k != "_") {
            let field = field_name(kw);
            assert!(!is_keyword(&field), "{kw} -> {field}");
            assert_ident(&field, kw);
        }
        assert!(is_keyword("type") && is_keyword("Self") && !is_keyword("kind"));
    }

    #[test]
    fn results_are_deterministic() {
        for &(wire, ..) in TABLE {
            assert_eq!(field_name(wire), field_name(wire));
            assert_eq!(type_name(wire), type_name(wire));
        }
    }

    #[test]
    fn collisions_are_settled_in_call_order() {
        let mut fields = NameSet::new();
        assert_eq!(fields.claim(&field_name("fooBar")), "foo_bar");
        assert_eq!(fields.claim(&field_name("foo_bar")), "foo_bar2");
        assert_eq!(fields.claim(&field_name("FooBar")), "foo_bar3");
        assert_eq!(fields.claim("other"), "other");
        assert!(fields.contains("foo_bar2"));

        let mut numbered = NameSet::new();
        assert_eq!(numbered.claim("v1"), "v1");
        assert_eq!(numbered.claim("v1"), "v1_2");
        // A later wire name that is already a numbered form moves on.
        assert_eq!(numbered.claim("v1_2"), "v1_2_2");

        let mut variants = NameSet::new();
        variants.reserve("UnknownValue");
        assert_eq!(variants.claim(&variant_name("unknownValue")), "UnknownValue2");
        assert_eq!(variants.claim("Taken"), "Taken");
        assert_eq!(variants.claim("Taken2"), "Taken2");
        assert_eq!(variants.claim("Taken"), "Taken3");
    }

    #[test]
    fn rename_only_where_names_differ() {
        let cases = [
            ("displayName", true),
            ("id", false),
            ("@odata.type", true),
            ("type", true),
            ("3dPrinter", true),
            ("foo_bar", false),
            ("x-ms-client-request-id", true),
        ];
        for (wire, expected) in cases {
            assert_eq!(needs_rename(&field_name(wire), wire), expected, "{wire}");
        }
        assert!(!needs_rename("r#type", "type"));
        assert!(needs_rename("type_", "type"));
        assert!(!needs_rename(&variant_name("Unknown"), "Unknown"));
        assert!(needs_rename(&variant_name("unknown"), "unknown"));
    }

    #[test]
    fn serde_camel_case_follows_serde() {
        assert_eq!(serde_camel_case("display_name"), "displayName");
        assert_eq!(serde_camel_case("odata_next_link"), "odataNextLink");
        assert_eq!(serde_camel_case("id"), "id");
        assert_eq!(serde_camel_case("r#type"), "type");
        assert_eq!(serde_camel_case("windows81_scep"), "windows81Scep");
        assert_eq!(serde_camel_case("_3d_printer"), "3dPrinter");
        assert_eq!(serde_camel_case(""), "");
    }
}
