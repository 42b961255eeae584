//! One page from arbitrary bytes, decoded as the folder reader decodes files.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = generator::read::read_page("fuzz.md", &text);
});
