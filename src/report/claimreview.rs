//! Owns the schema.org ClaimReview export: one JSON-LD ClaimReview per reviewed claim, with the
//! fields Google's ClaimReview guidelines require (url, claimReviewed, author, reviewRating with
//! alternateName) and recommend (datePublished, itemReviewed as a Claim with its appearances).
//!
//! Pure: the CLI gathers the claims, the ledger, the manifest and the publisher; this module
//! decides what each review says and which claims cannot be exported, and why.

use serde::Serialize;

use crate::check::is_http_url;
use crate::config::Publisher;
use crate::ledger::Entry;
use crate::model::{AttributionKind, Claim, Manifest};
use crate::sources::Registry;
use crate::store::to_json_bytes;

/// A schema.org Person or Organization.
#[derive(Debug, Clone, Serialize)]
pub struct Agent {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
}

/// A revision of the article in which the claim appears.
#[derive(Debug, Serialize)]
struct Appearance {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    version: String,
}

#[derive(Debug, Serialize)]
struct ItemClaim {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent>,
    appearance: Vec<Appearance>,
}

#[derive(Debug, Serialize)]
struct ClaimReview {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: String,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    author: Agent,
    #[serde(rename = "reviewRating")]
    review_rating: Rating,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ItemClaim,
    #[serde(rename = "reviewBody", skip_serializing_if = "Option::is_none")]
    review_body: Option<String>,
}

/// A reviewed claim that could not be exported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub id: String,
    pub reason: String,
}

/// What a claim's source is to schema.org: the registry's entries are organisations; a phrase
/// the registry does not know is a person when every word is capitalized ("Maria Zakharova",
/// "Dmitri S. Peskov"), else an organisation ("Chinese officials", "the Kremlin").
fn source_agent(c: &Claim, registry: &Registry) -> Option<Agent> {
    if c.attribution.kind != AttributionKind::Named {
        return None;
    }
    let s = c.attribution.sources.first()?;
    if let Some(src) = s.id.as_deref().and_then(|id| registry.get(id)) {
        return Some(Agent {
            kind: "Organization",
            name: src.label.clone(),
            url: None,
        });
    }
    let person = s
        .phrase
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    Some(Agent {
        kind: if person { "Person" } else { "Organization" },
        name: s.phrase.to_string(),
        url: None,
    })
}

/// The latest ledger entry that set the claim's current status.
fn last_entry<'a>(c: &Claim, ledger: &'a [Entry]) -> Option<&'a Entry> {
    ledger
        .iter()
        .rev()
        .find(|e| e.sha256 == c.sha256 && e.to == c.status)
}

/// The ClaimReview JSON-LD (an array, one object per exportable reviewed claim) and the reviewed
/// claims that were left out.
pub fn export(
    article: &str,
    manifest: &Manifest,
    claims: &[Claim],
    ledger: &[Entry],
    publisher: Option<&Publisher>,
    registry: &Registry,
) -> (String, Vec<Skipped>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for c in claims {
        let Some(rating) = c.status.claim_review_rating() else {
            continue;
        };
        let entry = last_entry(c, ledger);
        let evidence = c
            .evidence
            .iter()
            .filter_map(|e| e.url.as_deref())
            .find(|u| is_http_url(u));
        let url = match (evidence, publisher.and_then(|p| p.url.as_deref())) {
            (Some(u), _) => u.to_string(),
            (None, Some(base)) => format!("{}#claim-{}", base.trim_end_matches('#'), c.id),
            (None, None) => {
                skipped.push(Skipped {
                    id: c.id.to_string(),
                    reason: "no evidence URL, and claimtrail.toml has no [publisher] url"
                        .to_string(),
                });
                continue;
            }
        };
        let author = match (publisher, entry) {
            (Some(p), _) => Agent {
                kind: "Organization",
                name: p.name.clone(),
                url: p.url.clone(),
            },
            (None, Some(e)) => Agent {
                kind: "Person",
                name: e.by.clone(),
                url: None,
            },
            (None, None) => {
                skipped.push(Skipped {
                    id: c.id.to_string(),
                    reason:
                        "no ledger entry names its reviewer, and claimtrail.toml has no [publisher]"
                            .to_string(),
                });
                continue;
            }
        };
        // Every revision from the first to the last that has the claim.
        let first = manifest.position(&c.first_seen);
        let last = manifest.position(&c.last_seen);
        let appearance = match (first, last) {
            (Some(f), Some(l)) if f <= l => manifest.revisions[f..=l]
                .iter()
                .map(|r| Appearance {
                    kind: "CreativeWork",
                    name: article.to_string(),
                    url: r.source_url.clone(),
                    version: r.label.clone(),
                })
                .collect(),
            _ => vec![Appearance {
                kind: "CreativeWork",
                name: article.to_string(),
                url: manifest
                    .get(&c.anchor.rev)
                    .and_then(|r| r.source_url.clone()),
                version: c.anchor.rev.to_string(),
            }],
        };
        out.push(ClaimReview {
            context: "https://schema.org",
            kind: "ClaimReview",
            url,
            claim_reviewed: c.text.split_whitespace().collect::<Vec<_>>().join(" "),
            date_published: entry.and_then(|e| e.time.get(..10).map(str::to_string)),
            author,
            review_rating: Rating {
                kind: "Rating",
                alternate_name: rating,
            },
            item_reviewed: ItemClaim {
                kind: "Claim",
                author: source_agent(c, registry),
                appearance,
            },
            review_body: c
                .note
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .map(str::to_string),
        });
    }
    (
        String::from_utf8(to_json_bytes(&out)).expect("serde_json writes UTF-8"),
        skipped,
    )
}
