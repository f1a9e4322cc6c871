//! Whatever two texts are, the diff never panics, every change refers to claims of its own sides
//! (old indices into the old claims, new into the new), every claim of both sides is in exactly
//! one change, each kind has its shape, and the diff is deterministic. The input is the old text,
//! a NUL byte, then the new text (UTF-8, invalid sequences replaced; no NUL: both sides equal).
//! Every claim read is written by `jsonout` with the bytes serde_json gives it.
#![no_main]

use claimtrail::diff::{ChangeKind, DiffOptions, diff_claims};
use claimtrail::extract::{ReadOptions, extract_claims};
use claimtrail::jsonout;
use claimtrail::store::to_json_bytes;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// Built once: the source registry is the costliest part of a reading to set up.
static OPTS: LazyLock<ReadOptions> = LazyLock::new(ReadOptions::default);

fuzz_target!(|bytes: &[u8]| {
    let (a, b) = match bytes.iter().position(|&b| b == 0) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, bytes),
    };
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let (_, old) = extract_claims(&a, "r1", &OPTS);
    let (_, new) = extract_claims(&b, "r2", &OPTS);
    let changes = diff_claims(&old, &new, DiffOptions::default());
    let mut seen_old = vec![0u32; old.len()];
    let mut seen_new = vec![0u32; new.len()];
    for c in &changes {
        for &i in &c.old {
            assert!(
                i < old.len(),
                "{:?} names old claim {i} of {}",
                c.kind,
                old.len()
            );
            seen_old[i] += 1;
        }
        for &j in &c.new {
            assert!(
                j < new.len(),
                "{:?} names new claim {j} of {}",
                c.kind,
                new.len()
            );
            seen_new[j] += 1;
        }
        let (o, n) = (c.old.len(), c.new.len());
        let shape = match c.kind {
            ChangeKind::Unchanged | ChangeKind::Edited | ChangeKind::Moved => o == 1 && n == 1,
            ChangeKind::Added => o == 0 && n >= 1,
            ChangeKind::Removed => o >= 1 && n == 0,
            ChangeKind::Split => o == 1 && n >= 2,
            ChangeKind::Merged => o >= 2 && n == 1,
        };
        assert!(shape, "{:?} with {o} old and {n} new claims", c.kind);
        if matches!(c.kind, ChangeKind::Unchanged | ChangeKind::Moved) {
            assert_eq!(old[c.old[0]].sha256, new[c.new[0]].sha256);
        }
        if let Some(s) = c.similarity {
            assert!((0.0..=1.0).contains(&s), "similarity {s}");
        }
    }
    assert!(seen_old.iter().chain(&seen_new).all(|&n| n == 1));
    for c in old.iter().chain(&new) {
        let serde = to_json_bytes(c);
        assert_eq!(jsonout::claim_bytes(c), serde[..serde.len() - 1]);
    }
    assert_eq!(diff_claims(&old, &new, DiffOptions::default()), changes);
    if a == b {
        assert!(changes.iter().all(|c| c.kind == ChangeKind::Unchanged));
    }
});
