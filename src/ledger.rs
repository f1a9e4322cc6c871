//! Owns the review ledger format: one JSON line per status change, each chained to the one before
//! by sha256, so an edited, removed or reordered line is evident. Pure: the store does the I/O.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::hash::Sha256Hash;
use crate::model::{ClaimHash, ClaimId, Evidence, Status};

/// The `prev` of the first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One ledger line. Key order here is the byte order on disk.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// RFC 3339 time of the change.
    pub time: String,
    /// Who made it: a reviewer's name, or `claimtrail extract` for automatic changes.
    pub by: String,
    /// `review`, or `changed` / `carried` when extract moved a review onto an edited claim.
    pub event: String,
    pub claim: ClaimId,
    pub sha256: ClaimHash,
    /// The claim this one superseded, for `changed` and `carried` lines.
    pub supersedes: Option<ClaimId>,
    pub from: Status,
    pub to: Status,
    pub evidence: Vec<Evidence>,
    pub note: Option<String>,
    /// sha256 of the previous line's bytes (without its newline); 64 zeros for the first line.
    pub prev: String,
}

/// The bytes of one line (no newline): compact JSON in declaration order.
pub fn line_bytes(e: &Entry) -> String {
    serde_json::to_string(e).expect("ledger entries always serialize")
}

/// The hash that the next line's `prev` must carry.
pub fn line_hash(line: &str) -> String {
    Sha256Hash::of_bytes(line.as_bytes()).to_string()
}

/// A problem in a ledger, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Malformed { line: usize, message: String },
    Chain { line: usize },
}

/// The verified ledger: entries in order, the hash of the last line, and problems.
#[derive(Debug, Clone, Default)]
pub struct Verified {
    pub entries: Vec<Entry>,
    pub head: Option<String>,
    pub problems: Vec<Problem>,
}

/// Parse and verify the chain of a ledger's text.
pub fn verify(text: &str) -> Verified {
    let mut out = Verified::default();
    let mut expected = GENESIS.to_string();
    // Split on '\n' alone: a line ending in '\r' (a ledger converted to CRLF) is not a line
    // claimtrail wrote, though `str::lines` would hide the difference from the chain.
    let body = text.strip_suffix('\n').unwrap_or(text);
    for (n, line) in body.split('\n').enumerate() {
        if text.is_empty() {
            break;
        }
        let line_no = n + 1;
        if line.ends_with('\r') {
            out.problems.push(Problem::Malformed {
                line: line_no,
                message: "ends with a carriage return (CRLF): claimtrail writes \\n line ends only"
                    .to_string(),
            });
        } else if !crate::store::is_rfc3339(
            serde_json::from_str::<Entry>(line)
                .map(|e| e.time)
                .as_deref()
                .unwrap_or("2000-01-01T00:00:00Z"),
        ) {
            out.problems.push(Problem::Malformed {
                line: line_no,
                message: "time is not a valid RFC 3339 time".to_string(),
            });
        }
        if line.trim().is_empty() {
            out.problems.push(Problem::Malformed {
                line: line_no,
                message: "empty line".to_string(),
            });
            continue;
        }
        match serde_json::from_str::<Entry>(line) {
            Ok(e) => {
                if e.prev != expected {
                    out.problems.push(Problem::Chain { line: line_no });
                }
                out.entries.push(e);
            }
            Err(err) => out.problems.push(Problem::Malformed {
                line: line_no,
                message: err.to_string(),
            }),
        }
        expected = line_hash(line);
        out.head = Some(expected.clone());
    }
    out
}

/// Append entries to a ledger's text, filling in each `prev`. Returns the new text.
pub fn append(text: &str, entries: &mut [Entry]) -> String {
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    let mut prev = text
        .lines()
        .last()
        .map(line_hash)
        .unwrap_or_else(|| GENESIS.to_string());
    for e in entries.iter_mut() {
        e.prev = prev;
        let line = line_bytes(e);
        prev = line_hash(&line);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Replay: the status each claim id ends with.
pub fn replay(entries: &[Entry]) -> BTreeMap<ClaimId, Status> {
    let mut out = BTreeMap::new();
    for e in entries {
        out.insert(e.claim.clone(), e.to.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(claim: &str, to: Status) -> Entry {
        Entry {
            time: "2024-05-16T08:00:00Z".into(),
            by: "A. Checker".into(),
            event: "review".into(),
            claim: claim.into(),
            sha256: "ab".repeat(32).into(),
            supersedes: None,
            from: Status::Unverified,
            to,
            evidence: vec![],
            note: None,
            prev: String::new(),
        }
    }

    #[test]
    fn chain_verifies_and_catches_tampering() {
        let text = append(
            "",
            &mut [entry("a", Status::Supported), entry("b", Status::False)],
        );
        let text = append(&text, &mut [entry("a", Status::Disputed)]);
        let v = verify(&text);
        assert!(v.problems.is_empty(), "{:?}", v.problems);
        assert_eq!(v.entries.len(), 3);
        assert_eq!(v.entries[0].prev, GENESIS);
        assert_eq!(replay(&v.entries)["a"], Status::Disputed);

        let lines: Vec<&str> = text.lines().collect();
        let edited = text.replacen("\"b\"", "\"c\"", 1);
        assert_eq!(verify(&edited).problems, vec![Problem::Chain { line: 3 }]);
        let removed = format!("{}\n{}\n", lines[0], lines[2]);
        assert_eq!(verify(&removed).problems, vec![Problem::Chain { line: 2 }]);
        let swapped = format!("{}\n{}\n{}\n", lines[1], lines[0], lines[2]);
        assert!(!verify(&swapped).problems.is_empty());
        let crlf = text.replace('\n', "\r\n");
        assert!(matches!(
            verify(&crlf).problems[0],
            Problem::Malformed { line: 1, .. }
        ));
        let bad_time = append(
            "",
            &mut [Entry {
                time: "2024-02-30T08:00:00Z".into(),
                ..entry("a", Status::False)
            }],
        );
        assert!(matches!(
            verify(&bad_time).problems[0],
            Problem::Malformed { line: 1, .. }
        ));
        assert!(matches!(
            verify("{not json\n").problems[0],
            Problem::Malformed { line: 1, .. }
        ));
        // The head moves with the last line, so the claims file can pin it.
        assert_ne!(
            verify(&text).head,
            verify(&format!("{}\n{}\n", lines[0], lines[1])).head
        );
    }
}
