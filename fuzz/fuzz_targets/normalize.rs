//! Normalizing twice changes nothing, and the hash of a claim text is the hash of its normal form.
#![no_main]

use claimtrail::hash::Sha256Hash;
use claimtrail::normalize::normalize_v1;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let once = normalize_v1(text);
    assert_eq!(normalize_v1(&once), once);
    assert_eq!(
        Sha256Hash::of_claim_text(text),
        Sha256Hash::of_claim_text(&once)
    );
});
