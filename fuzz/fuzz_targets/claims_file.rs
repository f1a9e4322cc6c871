//! The parsers of files a hostile hand may have written (claims files, manifests, the write
//! journal, the ledger, the snapshot chain, timestamps, names) never panic on any bytes: they
//! accept or refuse. What parses serializes to bytes that parse to the same value, and the
//! hand-written writer (`jsonout`) writes a claims file with the bytes serde_json gives it.
#![no_main]

use claimtrail::journal::{Journal, temp_target};
use claimtrail::jsonout;
use claimtrail::ledger;
use claimtrail::model::{ClaimsFile, Manifest};
use claimtrail::store::{self, parse_json, to_json_bytes};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let p = Path::new("fuzz.json");
    if let Ok(f) = parse_json::<ClaimsFile>(p, bytes) {
        let again: ClaimsFile = parse_json(p, &to_json_bytes(&f)).expect("round trip");
        assert_eq!(to_json_bytes(&again), to_json_bytes(&f));
        assert_eq!(jsonout::claims_file_bytes(&f), to_json_bytes(&f));
    }
    let manifest = parse_json::<Manifest>(p, bytes).ok();
    if let Some(m) = &manifest {
        let again: Manifest = parse_json(p, &to_json_bytes(m)).expect("round trip");
        assert_eq!(to_json_bytes(&again), to_json_bytes(m));
        let chain = store::chain_append("", &m.revisions);
        assert!(store::chain_problems(&chain, &m.revisions).is_empty());
    }
    let _ = parse_json::<Journal>(p, bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let v = ledger::verify(text);
        assert!(v.entries.len() <= text.len());
        let _ = ledger::replay(&v.entries);
        if let Some(m) = &manifest {
            let _ = store::chain_problems(text, &m.revisions);
        }
        let _ = store::chain_problems(text, &[]);
        let _ = store::is_rfc3339(text);
        let _ = store::validate_article(text);
        let _ = store::validate_label(text);
        let _ = temp_target(text);
    }
});
