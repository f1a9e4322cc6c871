//! Whatever two texts are, every claim of both sides is in exactly one change, and the diff is
//! deterministic.
#![no_main]

use claimtrail::diff::{DiffOptions, diff_claims};
use claimtrail::extract::{ReadOptions, extract_claims};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|pair: (&str, &str)| {
    let opts = ReadOptions::default();
    let (_, old) = extract_claims(pair.0, "r1", &opts);
    let (_, new) = extract_claims(pair.1, "r2", &opts);
    let changes = diff_claims(&old, &new, DiffOptions::default());
    let mut seen_old = vec![0; old.len()];
    let mut seen_new = vec![0; new.len()];
    for c in &changes {
        c.old.iter().for_each(|&i| seen_old[i] += 1);
        c.new.iter().for_each(|&j| seen_new[j] += 1);
    }
    assert!(seen_old.iter().chain(&seen_new).all(|&n| n == 1));
    assert_eq!(diff_claims(&old, &new, DiffOptions::default()), changes);
});
