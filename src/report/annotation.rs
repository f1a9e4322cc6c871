//! Owns the W3C Web Annotation export: one Annotation per claim of a revision, targeting the
//! article with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector, in an
//! AnnotationCollection, so annotation tools (Hypothesis, Recogito) can show the claims on the
//! page.
//!
//! Positions count Unicode code points, as the Web Annotation model defines them; claimtrail's
//! anchors count bytes, so they are converted here. Identifiers are deterministic: `urn:uuid:`
//! built from the sha256 of the article, revision and claim.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::human;
use crate::model::{Claim, RevisionEntry};
use crate::store::to_json_bytes;

#[derive(Serialize)]
struct Body {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    format: &'static str,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector {
    TextQuoteSelector {
        exact: String,
        prefix: String,
        suffix: String,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

#[derive(Serialize)]
struct Target {
    source: String,
    selector: Vec<Selector>,
}

#[derive(Serialize)]
struct Annotation {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body>,
    target: Target,
}

#[derive(Serialize)]
struct Page {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation>,
}

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page,
}

/// A name-based UUID (version 8, RFC 9562) from the sha256 of `parts`.
fn uuid(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let mut b: [u8; 16] = h.finalize()[..16].try_into().expect("16 bytes");
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The IRI of a revision: where it was captured from, or else its bytes' hash as an RFC 6920
/// `ni:` name (so the target still identifies exactly one text).
pub fn revision_iri(rev: &RevisionEntry) -> String {
    match &rev.source_url {
        Some(u) => u.clone(),
        None => {
            let bytes: Vec<u8> = (0..rev.sha256.len() / 2)
                .filter_map(|i| u8::from_str_radix(&rev.sha256[2 * i..2 * i + 2], 16).ok())
                .collect();
            use base64::Engine;
            format!(
                "ni:///sha-256;{}",
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
            )
        }
    }
}

/// Code-point offsets of the given byte offsets (each on a char boundary) of `text`.
fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut chars, mut at) = (0usize, 0usize);
    for i in order {
        let target = bytes[i].min(text.len());
        if target > at {
            chars += text[at..target].chars().count();
            at = target;
        }
        out[i] = chars;
    }
    out
}

/// The annotations of the claims of one revision (`text` is its text).
pub fn export(article: &str, rev: &RevisionEntry, text: &str, claims: &[&Claim]) -> String {
    let source = revision_iri(rev);
    let offsets: Vec<usize> = claims
        .iter()
        .flat_map(|c| [c.anchor.start, c.anchor.end])
        .collect();
    let chars = char_offsets(text, &offsets);
    let items: Vec<Annotation> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let reviewed = c.status.claim_review_rating().is_some();
            let mut description = format!("Claim {}: {}", c.id, human::attribution(&c.attribution));
            if c.is_unsupported() {
                description.push_str("; unsupported (no source, no evidence, not reviewed)");
            }
            let mut body = vec![
                Body {
                    kind: "TextualBody",
                    purpose: "tagging",
                    value: c.status.as_str().to_string(),
                    format: "text/plain",
                },
                Body {
                    kind: "TextualBody",
                    purpose: "describing",
                    value: description,
                    format: "text/plain",
                },
            ];
            if let Some(n) = c.note.as_deref().filter(|n| !n.trim().is_empty()) {
                body.push(Body {
                    kind: "TextualBody",
                    purpose: "commenting",
                    value: n.to_string(),
                    format: "text/plain",
                });
            }
            Annotation {
                id: uuid(&[article, &rev.label, &c.sha256]),
                kind: "Annotation",
                motivation: if reviewed { "assessing" } else { "describing" },
                body,
                target: Target {
                    source: source.clone(),
                    selector: vec![
                        Selector::TextQuoteSelector {
                            exact: c.text.to_string(),
                            prefix: c.anchor.prefix.to_string(),
                            suffix: c.anchor.suffix.to_string(),
                        },
                        Selector::TextPositionSelector {
                            start: chars[2 * i],
                            end: chars[2 * i + 1],
                        },
                    ],
                },
            }
        })
        .collect();
    let doc = Collection {
        context: "http://www.w3.org/ns/anno.jsonld",
        id: uuid(&[article, &rev.label, &rev.sha256]),
        kind: "AnnotationCollection",
        label: format!("claimtrail claims of {article} {}", rev.label),
        total: items.len(),
        first: Page {
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    String::from_utf8(to_json_bytes(&doc)).expect("serde_json writes UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let t = "a\u{2019}b \u{1F600}c";
        // bytes: a=0, ’=1..4, b=4, ' '=5, 😀=6..10, c=10
        assert_eq!(char_offsets(t, &[10, 0, 4, 6]), vec![5, 0, 2, 4]);
    }

    #[test]
    fn uuids_are_version_8_and_stable() {
        let a = uuid(&["x", "r1", "abc"]);
        assert_eq!(a, uuid(&["x", "r1", "abc"]));
        assert_ne!(a, uuid(&["x", "r1a", "bc"]));
        let u = a.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "8");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn revision_iri_without_url_is_an_ni_name() {
        let rev = RevisionEntry {
            label: "r1".into(),
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into(),
            bytes: 0,
            captured_at: "2024-01-01T00:00:00Z".into(),
            source_url: None,
            capture: None,
        };
        // The sha256 of the empty string, base64url without padding.
        assert_eq!(
            revision_iri(&rev),
            "ni:///sha-256;47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"
        );
    }
}
