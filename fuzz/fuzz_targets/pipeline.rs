//! The whole pipeline for one page: read, resolve, emit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let read = generator::read::read_page("fuzz.md", &text);
    let resolved = generator::resolve::resolve(&[read.page], None);
    let _ = generator::emit::emit(&resolved.schema, generator::emit::Layout::Workspace);
});
