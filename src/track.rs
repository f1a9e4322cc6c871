//! Owns tracking: folding a fresh extraction into an article's claims file so that no review is
//! ever lost. Uses the diff engine's alignment; pure (the store reads and writes the files).

use std::collections::HashMap;

use crate::diff::{ChangeKind, DiffOptions, diff_claims, occurrence_indices};
use crate::ledger::Entry;
use crate::model::{
    Claim, ClaimsFile, Flag, Label, SCHEMA_VERSION, Status, StatusChange, Supersedes,
};
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
    pub needs_review: Vec<crate::model::ClaimId>,
    /// Ledger lines for every status that extraction set (time and `prev` left for the caller).
    pub ledger: Vec<Entry>,
}

/// Copy what the text says (and where) from the fresh claim `all[fresh]` onto the tracked claim
/// `all[tracked]`. A fresh claim tracked as itself is already up to date.
fn refresh(all: &mut [Claim], tracked: usize, fresh: usize, rev: &str) {
    if tracked == fresh {
        return;
    }
    let [t, f] = all
        .get_disjoint_mut([tracked, fresh])
        .expect("two distinct claims");
    t.text = f.text.clone();
    t.attribution = f.attribution.clone();
    t.hedges = f.hedges.clone();
    t.figures = f.figures.clone();
    t.negated = f.negated;
    t.checkable = f.checkable;
    t.checkable_why = f.checkable_why.clone();
    t.anchor = f.anchor.clone();
    t.repeats = f.repeats.clone();
    t.last_seen = rev.into();
    if t.seen_in.last().map(Label::as_str) != Some(rev) {
        t.seen_in.push(rev.into());
    }
    t.present = true;
}

/// The history reason for a status sent back to review: `changed: <flags>`.
fn changed_reason(flags: &[Flag]) -> String {
    let flags: Vec<&str> = flags.iter().map(|f| f.as_str()).collect();
    format!("changed: {}", flags.join(", "))
}

/// A claims file of `article` at revision `rev`, with no claims.
fn file_head(article: &str, rev: &str, ledger_head: Option<String>) -> ClaimsFile {
    ClaimsFile {
        schema_url: crate::model::CLAIMS_SCHEMA_URL.to_string(),
        schema: SCHEMA_VERSION,
        normalization: NORMALIZATION_VERSION.to_string(),
        article: article.to_string(),
        revision: rev.to_string(),
        ledger_head,
        claims: Vec::new(),
    }
}

/// What [`track`] gives when there is no claims file yet, without the claims: the file's head
/// (its `claims` empty) and the summary, for `occurrences` read claims. The claims go into the
/// file in the order of [`crate::extract::ClaimsInFileOrder`], which is the order `track` sorts
/// them in when all are present and of revision `rev` (by start, then by hash); they are written
/// with [`crate::store::Workspace::record_streamed`] as they are made.
pub fn first_extraction(
    article: &str,
    rev: &str,
    occurrences: usize,
) -> (ClaimsFile, TrackSummary) {
    let file = file_head(article, rev, None);
    // Nothing to align with: every occurrence is added.
    let summary = TrackSummary {
        added: occurrences,
        ..TrackSummary::default()
    };
    (file, summary)
}

/// Fold `fresh` (the claims of revision `rev`, in text order) into `existing`.
/// `rev_order` lists the article's revision labels oldest first, for ordering absent claims.
///
/// Every claim is held once: the existing claims and the fresh ones share one vector, the
/// alignment reads them through references, and a fresh claim that joins the file is moved
/// there, not copied (a 30 MB article has some 280,000 claims).
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
    // One vector for both: on a first extraction it is `fresh` itself (no copy); otherwise the
    // existing vector grows (a large allocation grows in place, by remapping).
    let mut all = existing.map(|f| f.claims).unwrap_or_default();
    let n_existing = all.len();
    if all.is_empty() {
        all = fresh;
    } else {
        all.extend(fresh);
    }
    // Each claim's text as a small integer (claims of one text share it).
    let (hash_of, texts) = {
        let mut ids: HashMap<&str, u32> = HashMap::with_capacity(all.len());
        let hash_of: Vec<u32> = all
            .iter()
            .map(|c| {
                let next = ids.len() as u32;
                *ids.entry(c.sha256.as_str()).or_insert(next)
            })
            .collect();
        (hash_of, ids.len())
    };
    // tracked[h]: the claim of the file for text h (the last existing one, as a file with two
    // claims of one text was read before); fresh_of[h]: the fresh claim of text h.
    let mut tracked: Vec<Option<usize>> = vec![None; texts];
    for (i, &h) in hash_of.iter().enumerate().take(n_existing) {
        tracked[h as usize] = Some(i);
    }
    let mut fresh_of: Vec<Option<usize>> = vec![None; texts];
    for (k, &h) in hash_of.iter().enumerate().skip(n_existing) {
        fresh_of[h as usize] = Some(k);
    }
    // Align occurrences, so a repeated text is followed in each of its places; a change to one
    // occurrence acts on the one tracked claim of that text, which stays present while any
    // occurrence of it is left.
    let present: Vec<usize> = (0..n_existing).filter(|&i| all[i].present).collect();
    let previous: Vec<usize> = {
        let claims: Vec<&Claim> = present.iter().map(|&i| &all[i]).collect();
        occurrence_indices(&claims)
            .into_iter()
            .map(|k| present[k])
            .collect()
    };
    let fresh_occurrences: Vec<usize> = occurrence_indices(&all[n_existing..])
        .into_iter()
        .map(|k| n_existing + k)
        .collect();
    let changes = {
        let old: Vec<&Claim> = previous.iter().map(|&i| &all[i]).collect();
        let new: Vec<&Claim> = fresh_occurrences.iter().map(|&k| &all[k]).collect();
        diff_claims(&old, &new, opts)
    };
    let in_fresh = |h: u32| fresh_of[h as usize].is_some();

    for change in changes {
        match change.kind {
            ChangeKind::Unchanged | ChangeKind::Moved => {
                let (o, n) = (previous[change.old[0]], fresh_occurrences[change.new[0]]);
                if let Some(t) = tracked[hash_of[o] as usize] {
                    refresh(&mut all, t, n, rev);
                    let t = &mut all[t];
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
                            rev: rev.into(),
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
                let h = hash_of[previous[change.old[0]]];
                if let Some(t) = tracked[h as usize]
                    && !in_fresh(h)
                {
                    all[t].present = false;
                }
                summary.removed += 1;
            }
            ChangeKind::Added => {
                let n = fresh_occurrences[change.new[0]];
                let h = hash_of[n] as usize;
                match tracked[h] {
                    Some(t) => refresh(&mut all, t, n, rev), // a claim that had gone comes back
                    None => tracked[h] = Some(n),
                }
                summary.added += 1;
            }
            ChangeKind::Edited | ChangeKind::Split | ChangeKind::Merged => {
                match change.kind {
                    ChangeKind::Edited => summary.edited += 1,
                    ChangeKind::Split => summary.split += 1,
                    _ => summary.merged += 1,
                }
                // The old claims as they stood before this change (few: one or two).
                let olds: Vec<(u32, Claim)> = change
                    .old
                    .iter()
                    .map(|&i| {
                        let h = hash_of[previous[i]];
                        let t = tracked[h as usize].expect("a present claim is tracked");
                        (h, all[t].clone())
                    })
                    .collect();
                let new_ids: Vec<crate::model::ClaimId> = change
                    .new
                    .iter()
                    .map(|&j| all[fresh_occurrences[j]].id.clone())
                    .collect();
                let substantive = change.flags.iter().any(|f| f.is_substantive());
                for &j in &change.new {
                    let n = fresh_occurrences[j];
                    let h = hash_of[n] as usize;
                    if let Some(t) = tracked[h] {
                        refresh(&mut all, t, n, rev);
                        continue;
                    }
                    // The fresh claim joins the file, carrying the old claims' review.
                    tracked[h] = Some(n);
                    let c = &mut all[n];
                    let first = &olds[0].1;
                    c.supersedes = Some(Box::new(Supersedes {
                        id: first.id.clone(),
                        rev: first.last_seen.clone(),
                        flags: change.flags.clone(),
                        similarity: change.similarity.unwrap_or(0.0),
                    }));
                    for (_, o) in &olds {
                        for e in &o.evidence {
                            if !c.evidence.contains(e) {
                                c.evidence.push(e.clone());
                            }
                        }
                        c.history.extend(o.history.iter().cloned());
                    }
                    let notes: Vec<&str> =
                        olds.iter().filter_map(|(_, o)| o.note.as_deref()).collect();
                    c.note = (!notes.is_empty()).then(|| notes.join("\n").into());
                    let reviewed = olds
                        .iter()
                        .map(|(_, o)| o)
                        .find(|o| o.status != Status::Unverified);
                    if let Some(o) = reviewed {
                        if substantive && o.status != Status::NeedsReview {
                            c.history.push(StatusChange {
                                rev: rev.into(),
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
                }
                for (h, _) in &olds {
                    if let Some(t) = tracked[*h as usize] {
                        let t = &mut all[t];
                        if new_ids.iter().all(|id| *id != t.id) && !in_fresh(*h) {
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
    // The file keeps one claim per text: the tracked one.
    let mut claims: Vec<Claim> = all
        .into_iter()
        .enumerate()
        .filter(|(k, _)| tracked[hash_of[*k] as usize] == Some(*k))
        .map(|(_, c)| c)
        .collect();
    // The key is total (one claim per sha256), so an unstable sort gives the one order, without
    // the stable sort's buffer of half the claims.
    claims.sort_unstable_by(|a, b| {
        b.present
            .cmp(&a.present)
            .then_with(|| pos(&a.anchor.rev).cmp(&pos(&b.anchor.rev)))
            .then(a.anchor.start.cmp(&b.anchor.start))
            .then(a.sha256.cmp(&b.sha256))
    });
    let file = ClaimsFile {
        claims,
        ..file_head(article, rev, ledger_head)
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
