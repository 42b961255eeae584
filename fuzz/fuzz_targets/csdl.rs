//! A CSDL document from arbitrary bytes (regeneration reads it as UTF-8).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = generator::csdl::read_csdl(text, "fuzz.xml");
    }
});
