//! The claims-file, manifest and ledger parsers never panic on any bytes, and what parses
//! serializes to bytes that parse to the same value.
#![no_main]

use claimtrail::model::{ClaimsFile, Manifest};
use claimtrail::store::{parse_json, to_json_bytes};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let p = Path::new("fuzz.json");
    if let Ok(f) = parse_json::<ClaimsFile>(p, bytes) {
        let again: ClaimsFile = parse_json(p, &to_json_bytes(&f)).expect("round trip");
        assert_eq!(to_json_bytes(&again), to_json_bytes(&f));
    }
    let _ = parse_json::<Manifest>(p, bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = claimtrail::ledger::verify(text);
        let _ = claimtrail::store::is_rfc3339(text);
    }
});
