//! Owns tracking: folding a fresh extraction into an article's claims file so that no review is
//! ever lost. Uses the diff engine's alignment; pure (the store reads and writes the files).

use std::collections::{BTreeMap, HashMap};

use crate::diff::{ChangeKind, DiffOptions, diff_claims, occurrences};
use crate::ledger::Entry;
use crate::model::{Claim, ClaimsFile, Flag, SCHEMA_VERSION, Status, StatusChange, Supersedes};
use crate::normalize::NORMALIZATION_VERSION;

/// What an extraction did to the claims file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrackSummary {
    pub unchanged: usize,
    pub moved: usize,
    pub edited: usize,
    pub added: usize,
    pub removed: usize,
    pub split: usize,
    pub merged: usize,
    /// Reviewed claims whose status went back to needs-review.
    pub needs_review: Vec<String>,
    /// Ledger lines for every status that extraction set (time and `prev` left for the caller).
    pub ledger: Vec<Entry>,
}

/// Copy what the text says (and where) from a fresh claim onto a tracked one.
fn refresh(tracked: &mut Claim, fresh: &Claim, rev: &str) {
    tracked.text = fresh.text.clone();
    tracked.attribution = fresh.attribution.clone();
    tracked.hedges = fresh.hedges.clone();
    tracked.figures = fresh.figures.clone();
    tracked.negated = fresh.negated;
    tracked.checkable = fresh.checkable;
    tracked.checkable_why = fresh.checkable_why.clone();
    tracked.anchor = fresh.anchor.clone();
    tracked.repeats = fresh.repeats.clone();
    tracked.last_seen = rev.to_string();
    if tracked.seen_in.last().map(String::as_str) != Some(rev) {
        tracked.seen_in.push(rev.to_string());
    }
    tracked.present = true;
}

/// The history reason for a status sent back to review: `changed: <flags>`.
fn changed_reason(flags: &[Flag]) -> String {
    let flags: Vec<&str> = flags.iter().map(|f| f.as_str()).collect();
    format!("changed: {}", flags.join(", "))
}

/// Fold `fresh` (the claims of revision `rev`, in text order) into `existing`.
/// `rev_order` lists the article's revision labels oldest first, for ordering absent claims.
pub fn track(
    existing: Option<ClaimsFile>,
    article: &str,
    rev: &str,
    fresh: Vec<Claim>,
    rev_order: &[String],
    opts: DiffOptions,
) -> (ClaimsFile, TrackSummary) {
    let mut summary = TrackSummary::default();
    let ledger_head = existing.as_ref().and_then(|f| f.ledger_head.clone());
    let existing_claims = existing.map(|f| f.claims).unwrap_or_default();
    let present: Vec<Claim> = existing_claims
        .iter()
        .filter(|c| c.present)
        .cloned()
        .collect();
    let mut by_sha: BTreeMap<String, Claim> = existing_claims
        .into_iter()
        .map(|c| (c.sha256.clone(), c))
        .collect();
    // Align occurrences, so a repeated text is followed in each of its places; a change to one
    // occurrence acts on the one tracked claim of that text, which stays present while any
    // occurrence of it is left.
    let previous = occurrences(&present);
    let fresh_occurrences = occurrences(&fresh);
    let fresh_by_sha: HashMap<&str, &Claim> =
        fresh.iter().map(|c| (c.sha256.as_str(), c)).collect();
    let latest = |occurrence: &Claim| -> &Claim { fresh_by_sha[occurrence.sha256.as_str()] };

    for change in diff_claims(&previous, &fresh_occurrences, opts) {
        match change.kind {
            ChangeKind::Unchanged | ChangeKind::Moved => {
                let (o, n) = (
                    &previous[change.old[0]],
                    latest(&fresh_occurrences[change.new[0]]),
                );
                if let Some(t) = by_sha.get_mut(&o.sha256) {
                    refresh(t, n, rev);
                    // Same words, another source: as substantive as an edit for a reviewer.
                    let flags: Vec<Flag> = change
                        .flags
                        .iter()
                        .copied()
                        .filter(|f| f.is_substantive())
                        .collect();
                    if !flags.is_empty()
                        && t.status != Status::Unverified
                        && t.status != Status::NeedsReview
                    {
                        let from = t.status.clone();
                        let reason = changed_reason(&flags);
                        t.history.push(StatusChange {
                            rev: rev.to_string(),
                            from: from.clone(),
                            to: Status::NeedsReview,
                            reason: reason.clone(),
                        });
                        t.status = Status::NeedsReview;
                        summary.needs_review.push(t.id.clone());
                        summary.ledger.push(Entry {
                            time: String::new(),
                            by: "claimtrail extract".to_string(),
                            event: "changed".to_string(),
                            claim: t.id.clone(),
                            sha256: t.sha256.clone(),
                            supersedes: None,
                            from,
                            to: Status::NeedsReview,
                            evidence: Vec::new(),
                            note: Some(reason),
                            prev: String::new(),
                        });
                    }
                }
                if change.kind == ChangeKind::Moved {
                    summary.moved += 1;
                } else {
                    summary.unchanged += 1;
                }
            }
            ChangeKind::Removed => {
                let sha = &previous[change.old[0]].sha256;
                if let Some(t) = by_sha.get_mut(sha)
                    && !fresh_by_sha.contains_key(sha.as_str())
                {
                    t.present = false;
                }
                summary.removed += 1;
            }
            ChangeKind::Added => {
                let n = latest(&fresh_occurrences[change.new[0]]);
                match by_sha.get_mut(&n.sha256) {
                    Some(t) => refresh(t, n, rev), // a claim that had gone comes back
                    None => {
                        by_sha.insert(n.sha256.clone(), n.clone());
                    }
                }
                summary.added += 1;
            }
            ChangeKind::Edited | ChangeKind::Split | ChangeKind::Merged => {
                match change.kind {
                    ChangeKind::Edited => summary.edited += 1,
                    ChangeKind::Split => summary.split += 1,
                    _ => summary.merged += 1,
                }
                let olds: Vec<Claim> = change
                    .old
                    .iter()
                    .map(|&i| by_sha[&previous[i].sha256].clone())
                    .collect();
                let new_ids: Vec<String> = change
                    .new
                    .iter()
                    .map(|&j| fresh_occurrences[j].id.clone())
                    .collect();
                let substantive = change.flags.iter().any(|f| f.is_substantive());
                for &j in &change.new {
                    let n = latest(&fresh_occurrences[j]);
                    if let Some(t) = by_sha.get_mut(&n.sha256) {
                        refresh(t, n, rev);
                        continue;
                    }
                    let mut c = n.clone();
                    let first = &olds[0];
                    c.supersedes = Some(Supersedes {
                        id: first.id.clone(),
                        rev: first.last_seen.clone(),
                        flags: change.flags.clone(),
                        similarity: change.similarity.unwrap_or(0.0),
                    });
                    for o in &olds {
                        for e in &o.evidence {
                            if !c.evidence.contains(e) {
                                c.evidence.push(e.clone());
                            }
                        }
                        c.history.extend(o.history.iter().cloned());
                    }
                    let notes: Vec<&str> = olds.iter().filter_map(|o| o.note.as_deref()).collect();
                    c.note = (!notes.is_empty()).then(|| notes.join("\n"));
                    let reviewed = olds.iter().find(|o| o.status != Status::Unverified);
                    if let Some(o) = reviewed {
                        if substantive && o.status != Status::NeedsReview {
                            c.history.push(StatusChange {
                                rev: rev.to_string(),
                                from: o.status.clone(),
                                to: Status::NeedsReview,
                                reason: changed_reason(&change.flags),
                            });
                            c.status = Status::NeedsReview;
                            summary.needs_review.push(c.id.clone());
                        } else {
                            c.status = o.status.clone();
                        }
                        summary.ledger.push(Entry {
                            time: String::new(),
                            by: "claimtrail extract".to_string(),
                            event: if c.status == o.status {
                                "carried"
                            } else {
                                "changed"
                            }
                            .to_string(),
                            claim: c.id.clone(),
                            sha256: c.sha256.clone(),
                            supersedes: Some(o.id.clone()),
                            from: o.status.clone(),
                            to: c.status.clone(),
                            evidence: Vec::new(),
                            note: c
                                .history
                                .last()
                                .filter(|h| h.rev == rev)
                                .map(|h| h.reason.clone()),
                            prev: String::new(),
                        });
                    }
                    by_sha.insert(c.sha256.clone(), c);
                }
                for o in &olds {
                    if let Some(t) = by_sha.get_mut(&o.sha256) {
                        if new_ids.iter().all(|id| *id != t.id)
                            && !fresh_by_sha.contains_key(o.sha256.as_str())
                        {
                            t.present = false;
                        }
                        for id in &new_ids {
                            if !t.superseded_by.contains(id) && *id != t.id {
                                t.superseded_by.push(id.clone());
                            }
                        }
                    }
                }
            }
        }
    }

    let pos = |label: &str| {
        rev_order
            .iter()
            .position(|r| r == label)
            .unwrap_or(usize::MAX)
    };
    let mut claims: Vec<Claim> = by_sha.into_values().collect();
    claims.sort_by(|a, b| {
        b.present
            .cmp(&a.present)
            .then_with(|| pos(&a.anchor.rev).cmp(&pos(&b.anchor.rev)))
            .then(a.anchor.start.cmp(&b.anchor.start))
            .then(a.sha256.cmp(&b.sha256))
    });
    let file = ClaimsFile {
        schema_url: crate::model::CLAIMS_SCHEMA_URL.to_string(),
        schema: SCHEMA_VERSION,
        normalization: NORMALIZATION_VERSION.to_string(),
        article: article.to_string(),
        revision: rev.to_string(),
        ledger_head,
        claims,
    };
    (file, summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ReadOptions, extract_claims};
    use crate::model::Evidence;

    fn fresh(text: &str, rev: &str) -> Vec<Claim> {
        extract_claims(text, rev, &ReadOptions::default()).1
    }

    fn order() -> Vec<String> {
        vec!["r1".into(), "r2".into()]
    }

    #[test]
    fn review_survives_and_changed_review_goes_back() {
        let r1 = "The army likely has 5,000 troops near the border. The port is busy. The mayor resigned on Friday.";
        let r2 = "The army has 5,000 troops near the border. The port is busy.";
        let (mut f, _) = track(
            None,
            "a",
            "r1",
            fresh(r1, "r1"),
            &order(),
            DiffOptions::default(),
        );
        for c in &mut f.claims {
            c.status = Status::Supported;
            c.evidence.push(Evidence {
                url: Some("https://example.org/x".into()),
                note: None,
            });
            c.note = Some("checked".into());
        }
        // Same revision again: nothing changes.
        let (again, s) = track(
            Some(f.clone()),
            "a",
            "r1",
            fresh(r1, "r1"),
            &order(),
            DiffOptions::default(),
        );
        assert_eq!(again, f);
        assert_eq!(s.unchanged, 3);

        let (g, s) = track(
            Some(f.clone()),
            "a",
            "r2",
            fresh(r2, "r2"),
            &order(),
            DiffOptions::default(),
        );
        assert_eq!((s.unchanged, s.edited, s.removed), (1, 1, 1));
        assert_eq!(g.claims.len(), 4);
        let edited = g
            .claims
            .iter()
            .find(|c| c.text.starts_with("The army has"))
            .unwrap();
        assert_eq!(edited.status, Status::NeedsReview);
        assert_eq!(
            edited.supersedes.as_ref().unwrap().flags,
            vec![Flag::HedgeRemoved]
        );
        assert_eq!(edited.evidence.len(), 1);
        assert_eq!(edited.note.as_deref(), Some("checked"));
        assert_eq!(edited.history.last().unwrap().from, Status::Supported);
        let old = g
            .claims
            .iter()
            .find(|c| c.text.starts_with("The army likely"))
            .unwrap();
        assert!(!old.present);
        assert_eq!(old.last_seen, "r1");
        assert_eq!(old.superseded_by, vec![edited.id.clone()]);
        let port = g
            .claims
            .iter()
            .find(|c| c.text == "The port is busy.")
            .unwrap();
        assert_eq!(
            (
                port.status.clone(),
                port.last_seen.as_str(),
                port.anchor.rev.as_str()
            ),
            (Status::Supported, "r2", "r2")
        );
        let mayor = g
            .claims
            .iter()
            .find(|c| c.text.starts_with("The mayor"))
            .unwrap();
        assert!(!mayor.present && mayor.status == Status::Supported);
        // Present claims first, by position.
        assert!(g.claims[0].present && g.claims[1].present && !g.claims[2].present);
    }

    #[test]
    fn a_reviewed_claim_whose_source_changed_goes_back_to_review() {
        let r1 = "Chinese officials said the talks went well.\n\nRaffaello Pantucci, at the Royal United Services Institute, said China wants calm.\n\n\u{201C}It will not take sides.\u{201D}";
        let r2 = "Chinese officials said the talks went well.\n\nChina wants calm.\n\n\u{201C}It will not take sides.\u{201D}";
        let (mut f, _) = track(
            None,
            "a",
            "r1",
            fresh(r1, "r1"),
            &order(),
            DiffOptions::default(),
        );
        let quote = |f: &ClaimsFile| {
            f.claims
                .iter()
                .find(|c| c.text.contains("take sides"))
                .unwrap()
                .clone()
        };
        let id = quote(&f).id;
        assert_eq!(
            quote(&f).attribution.sources[0].phrase,
            "Raffaello Pantucci"
        );
        for c in &mut f.claims {
            if c.id == id {
                c.status = Status::Supported;
            }
        }
        let (g, s) = track(
            Some(f),
            "a",
            "r2",
            fresh(r2, "r2"),
            &order(),
            DiffOptions::default(),
        );
        assert_eq!((s.unchanged, s.edited), (2, 1));
        let q = quote(&g);
        // Same claim (same id), new attribution, back to review, and the ledger says why.
        assert_eq!(q.id, id);
        assert_eq!(q.attribution, crate::model::Attribution::none());
        assert_eq!(q.status, Status::NeedsReview);
        assert!(q.supersedes.is_none());
        let h = q.history.last().unwrap();
        assert_eq!(
            (h.from.clone(), h.reason.as_str()),
            (Status::Supported, "changed: attribution-dropped")
        );
        assert!(s.needs_review.contains(&id));
        let e = s.ledger.iter().find(|e| e.claim == id).unwrap();
        assert_eq!(
            (e.event.as_str(), e.to.clone(), e.supersedes.clone()),
            ("changed", Status::NeedsReview, None)
        );
        // Already back in review: no second ledger line; the attribution follows the text.
        let (g, s) = track(
            Some(g),
            "a",
            "r2",
            fresh(r1, "r2"),
            &order(),
            DiffOptions::default(),
        );
        assert!(s.ledger.iter().all(|e| e.claim != id));
        assert_eq!(quote(&g).status, Status::NeedsReview);
        assert_eq!(
            quote(&g).attribution.sources[0].phrase,
            "Raffaello Pantucci"
        );
    }
}
