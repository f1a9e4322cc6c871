//! Properties of the parsers that read files a hostile hand may have written: the ledger, the
//! snapshot chain, timestamps, temp-file names and claims files. Whatever the bytes, nothing
//! panics, and what claimtrail writes it reads back clean. (Normalization, segmentation and
//! diff have their own properties beside their code: idempotent normalization, claims that are
//! exact slices of their text, every claim of a diff in exactly one change.)

use claimtrail::ledger::{self, Entry};
use claimtrail::model::{ClaimsFile, RevisionEntry, Status};
use claimtrail::store;
use proptest::prelude::*;

fn entry(claim: String, note: Option<String>) -> Entry {
    Entry {
        time: "2024-05-16T08:00:00Z".into(),
        by: "A".into(),
        event: "review".into(),
        claim: claim.into(),
        sha256: "ab".repeat(32).into(),
        supersedes: None,
        from: Status::Unverified,
        to: Status::Supported,
        evidence: vec![],
        note,
        prev: String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ledger_verify_never_panics(text in "\\PC{0,300}") {
        let v = ledger::verify(&text);
        prop_assert!(v.entries.len() <= text.len());
    }

    #[test]
    fn a_written_ledger_verifies_and_any_byte_edit_is_caught(
        notes in proptest::collection::vec(proptest::option::of("\\PC{0,20}"), 1..6),
        at in any::<prop::sample::Index>(),
    ) {
        let mut entries: Vec<Entry> =
            notes.into_iter().enumerate().map(|(i, n)| entry(format!("c{i}"), n)).collect();
        let text = ledger::append("", &mut entries);
        let v = ledger::verify(&text);
        prop_assert!(v.problems.is_empty(), "{:?}", v.problems);
        // Flip one byte of a line other than the last (whose edit the claims file's head catches).
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 1 {
            let head_len = text.len() - lines.last().unwrap().len() - 1;
            let i = at.index(head_len);
            let mut bytes = text.clone().into_bytes();
            if bytes[i] != b'\n' && bytes[i].is_ascii_alphanumeric() {
                bytes[i] = if bytes[i] == b'a' { b'b' } else { b'a' };
                if let Ok(edited) = String::from_utf8(bytes) {
                    prop_assert!(!ledger::verify(&edited).problems.is_empty());
                }
            }
        }
    }

    #[test]
    fn timestamps_never_panic_and_formatted_ones_parse(s in "\\PC{0,40}", secs in -62_000_000_000i64..250_000_000_000) {
        let _ = store::is_rfc3339(&s);
        prop_assert!(store::is_rfc3339(&store::format_rfc3339(secs)));
    }

    #[test]
    fn a_written_chain_verifies_and_arbitrary_chains_never_panic(
        text in "\\PC{0,200}",
        n in 0usize..6,
    ) {
        let revs: Vec<RevisionEntry> = (0..n)
            .map(|i| RevisionEntry {
                label: format!("r{i}"),
                sha256: format!("{i:064}"),
                bytes: i as u64,
                captured_at: "2024-05-16T08:00:00Z".into(),
                source_url: None,
                capture: None,
            })
            .collect();
        let chain = store::chain_append("", &revs);
        prop_assert!(store::chain_problems(&chain, &revs).is_empty());
        let _ = store::chain_problems(&text, &revs);
        if n > 0 {
            prop_assert!(!store::chain_problems(&chain, &revs[..n - 1]).is_empty());
        }
    }

    #[test]
    fn temp_names_never_panic(name in "\\PC{0,40}") {
        if let Some(target) = claimtrail::journal::temp_target(&name) {
            prop_assert!(name.len() > target.len() + 5);
        }
    }

    #[test]
    fn claims_file_parser_never_panics_on_damaged_files(cut in 0usize..4000, byte in any::<u8>()) {
        let text = include_str!("../claims/xi-putin-summit.json");
        let mut bytes = text.as_bytes().to_vec();
        let i = cut % bytes.len();
        bytes[i] = byte;
        let _ = store::parse_json::<ClaimsFile>(std::path::Path::new("x.json"), &bytes);
        let _ = store::parse_json::<ClaimsFile>(std::path::Path::new("x.json"), &bytes[..i]);
    }
}
