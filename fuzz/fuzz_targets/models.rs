//! Arbitrary bytes read as every model of the generated crate and written
//! back: no model panics, and one that reads the bytes writes back exactly
//! what it read (unknown properties, enum values, nulls and date texts kept).
//! Run on the whole v1.0 crate by pointing the `msgraph-typed` dependency at
//! it (`cargo xtask regen --input ../shared/corpus/graph-docs-v1.0 --csdl
//! ../shared/corpus/csdl/v1.0.xml --out target/msgraph-typed-v1.0`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static MODELS: OnceLock<Vec<msgraph_typed::support::fuzz::Model>> = OnceLock::new();
    for model in MODELS.get_or_init(msgraph_typed::every_model) {
        if let Err(e) = (model.check)(data) {
            panic!("{}: {e}", model.name);
        }
    }
});
