//! Any text segments and reads without panic: sentences are non-empty trimmed slices in text
//! order, pieces lie inside their sentence, and every claim is an exact slice of the text whose
//! hash is the hash of its normal form (repeats too). Input bytes are read as UTF-8 with invalid
//! sequences replaced (U+FFFD).
#![no_main]

use claimtrail::extract::{ReadOptions, extract_claims};
use claimtrail::hash::Sha256Hash;
use claimtrail::segment::segment;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// Built once: the source registry is the costliest part of a reading to set up.
static OPTS: LazyLock<ReadOptions> = LazyLock::new(ReadOptions::default);

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let text: &str = &text;

    let seg = segment(text);
    let mut last_end = 0;
    for s in &seg.sentences {
        assert!(last_end <= s.start && s.start < s.end && s.end <= text.len());
        let slice = &text[s.start..s.end]; // panics unless on character boundaries
        assert_eq!(
            slice.trim(),
            slice,
            "sentence {}..{} is not trimmed",
            s.start,
            s.end
        );
        last_end = s.end;
    }
    let mut last_end = 0;
    for p in &seg.pieces {
        assert!(last_end <= p.start && p.start < p.end && p.end <= text.len());
        let s = seg.sentences[p.sentence];
        assert!(
            s.start <= p.start && p.end <= s.end,
            "piece outside its sentence"
        );
        assert_eq!(p.paragraph, s.paragraph);
        let _ = &text[p.start..p.end];
        last_end = p.end;
    }

    let (reading, claims) = extract_claims(text, "r1", &OPTS);
    let mut last_end = 0;
    for s in &reading.sentences {
        assert!(last_end <= s.start && s.start < s.end && s.end <= text.len());
        let _ = &text[s.start..s.end];
        last_end = s.end;
    }
    for c in &claims {
        assert_eq!(&text[c.anchor.start..c.anchor.end], c.text.as_str());
        assert_eq!(c.sha256, Sha256Hash::of_claim_text(&c.text).to_string());
        for r in &c.repeats {
            let again = &text[r.start..r.end];
            assert_eq!(Sha256Hash::of_claim_text(again).to_string(), c.sha256);
        }
    }
});
