//! libFuzzer target `pdf_items`: see `tests/fuzzing/mod.rs` (shared with the regression replay of
//! `tests/fuzz.rs`). A panic or a broken invariant is a finding.
#![no_main]

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = fuzzing::pdf_items(data) {
        panic!("{e}");
    }
});
