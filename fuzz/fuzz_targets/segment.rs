//! Any text reads without panic into sentences in order and claims that are exact slices.
#![no_main]

use claimtrail::extract::{ReadOptions, extract_claims};
use claimtrail::hash::Sha256Hash;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (reading, claims) = extract_claims(text, "r1", &ReadOptions::default());
    let mut last_end = 0;
    for s in &reading.sentences {
        assert!(s.start < s.end && s.end <= text.len() && s.start >= last_end);
        last_end = s.end;
    }
    for c in &claims {
        assert_eq!(&text[c.anchor.start..c.anchor.end], c.text.as_str());
        assert_eq!(c.sha256, Sha256Hash::of_claim_text(&c.text).to_string());
    }
});
