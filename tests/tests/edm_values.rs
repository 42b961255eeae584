//! One table of Edm value cases (`tests/cases/edm_values.rs`) run through
//! both readers of Edm text: the generator's example check
//! (`generator::resolve::primitive_fits`) and the crate's parsers
//! (`msgraph_typed::support`). Both must give each row its verdict.

use generator::resolve::primitive_fits;
use generator::schema::Primitive;
use msgraph_typed::support::{Binary, Date, DateTimeOffset, Double, Duration, Guid, TimeOfDay};
use serde::de::DeserializeOwned;
use serde_json::Value;

const CASES: &[(&str, &str, bool)] = include!("../cases/edm_values.rs");

/// Whether the crate's type for `edm` reads `text` as a JSON string.
fn crate_reads(edm: &str, text: &str) -> bool {
    fn reads<T: DeserializeOwned>(text: &str) -> bool {
        serde_json::from_value::<T>(Value::String(text.to_string())).is_ok()
    }
    match edm {
        "Edm.Duration" => reads::<Duration>(text),
        "Edm.Date" => reads::<Date>(text),
        "Edm.TimeOfDay" => reads::<TimeOfDay>(text),
        "Edm.DateTimeOffset" => reads::<DateTimeOffset>(text),
        "Edm.Guid" => reads::<Guid>(text),
        "Edm.Binary" => reads::<Binary>(text),
        "Edm.Double" => reads::<Double>(text),
        other => panic!("no crate type for {other}"),
    }
}

/// Whether the generator's example check lets `text` stand for `edm`.
fn generator_accepts(edm: &str, text: &str) -> bool {
    let primitive = Primitive::from_edm(edm).unwrap_or_else(|| panic!("{edm} is not a primitive"));
    primitive_fits(&Value::String(text.to_string()), primitive).is_ok()
}

#[test]
fn the_generator_and_the_crate_read_every_edm_case_alike() {
    let mut wrong = Vec::new();
    for &(edm, text, valid) in CASES {
        let generator = generator_accepts(edm, text);
        let runtime = crate_reads(edm, text);
        if generator != valid || runtime != valid {
            wrong.push(format!(
                "{edm} {text:?}: expected {}, generator {}, crate {}",
                verdict(valid),
                verdict(generator),
                verdict(runtime)
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases disagree:\n{}",
        wrong.len(),
        CASES.len(),
        wrong.join("\n")
    );
}

fn verdict(valid: bool) -> &'static str {
    if valid {
        "valid"
    } else {
        "invalid"
    }
}
