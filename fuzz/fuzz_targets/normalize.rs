//! Normalizing twice changes nothing, never panics on any text, and the hash of a claim text is
//! the hash of its normal form. The input bytes are read as UTF-8 with invalid sequences replaced
//! (U+FFFD), so every mutation is a text.
#![no_main]

use claimtrail::hash::Sha256Hash;
use claimtrail::normalize::{normalize_v1, word_spans, words};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let once = normalize_v1(&text);
    assert_eq!(
        normalize_v1(&once),
        once,
        "normalizing twice changed the text"
    );
    assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    assert_eq!(
        Sha256Hash::of_claim_text(&text),
        Sha256Hash::of_claim_text(&once)
    );
    // The word tokens built on it: spans are in order and on character boundaries.
    let mut last = 0;
    for (s, e) in word_spans(&text) {
        assert!(
            last <= s && s < e && e <= text.len(),
            "span {s}..{e} after {last}"
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
    let _ = words(&text);
});
