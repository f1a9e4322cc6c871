//! Owns tracking: folding a fresh extraction into an article's claims file so that no review is
//! ever lost. Uses the diff engine's alignment; pure (the store reads and writes the files).

use std::collections::HashMap;

use thin_vec::ThinVec;

use crate::diff::{
    ChangeKind, ClaimList, Compared, DiffOptions, HashKey, Side, align, occurrence_indices,
};
use crate::ledger::Entry;
use crate::model::{
    Claim, ClaimHash, ClaimId, ClaimsFile, Flag, Label, SCHEMA_VERSION, Status, StatusChange,
    Supersedes,
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

/// The fresh claims of a revision as [`track`] folds them in: its occurrences in text order for
/// the alignment ([`Side`]), grouped into texts (one claim each) numbered in the order a claims
/// file lists them. A fresh reading ([`crate::extract::Occurrences`]) makes each claim only when
/// the file is written; claims held whole ([`FreshClaims`], a cached reading) hand theirs over.
pub trait Fresh: Side {
    /// How many texts (claims) there are.
    fn texts(&self) -> usize;
    /// The text (`0..texts()`, in file order) of occurrence `i`.
    fn text_of(&self, i: usize) -> usize;
    /// The id and hash of text `g`'s claim.
    fn id_and_hash(&self, g: usize) -> (ClaimId, ClaimHash);
    /// Where text `g` first stands.
    fn start(&self, g: usize) -> usize;
    /// Text `g`'s claim (its first occurrence, every later one in `repeats`); asked once per text.
    fn take_claim(&mut self, g: usize) -> Claim;
}

impl Fresh for crate::extract::Occurrences<'_> {
    fn texts(&self) -> usize {
        crate::extract::Occurrences::texts(self)
    }

    fn text_of(&self, i: usize) -> usize {
        crate::extract::Occurrences::text_of(self, i)
    }

    fn id_and_hash(&self, g: usize) -> (ClaimId, ClaimHash) {
        crate::extract::Occurrences::id_and_hash(self, g)
    }

    fn start(&self, g: usize) -> usize {
        crate::extract::Occurrences::start(self, g)
    }

    fn take_claim(&mut self, g: usize) -> Claim {
        self.claim_of_text(g)
    }
}

/// The claims of a revision held whole (as `extract::claims_of` makes them: one per text, in
/// text order, repeats listed) as [`Fresh`] claims.
pub struct FreshClaims {
    claims: Vec<Option<Claim>>,
    /// The claim of each occurrence, in text order (see [`occurrence_indices`]).
    occurrence: Vec<usize>,
    /// The claim of each text number, and the text number of each claim.
    order: Vec<usize>,
    rank: Vec<usize>,
}

impl FreshClaims {
    pub fn new(claims: Vec<Claim>) -> FreshClaims {
        let occurrence = occurrence_indices(&claims);
        // A claims file's order when every claim is present and of one revision: by start, then
        // by hash (a total key: one claim per hash).
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            (claims[a].anchor.start, &claims[a].sha256)
                .cmp(&(claims[b].anchor.start, &claims[b].sha256))
        });
        let mut rank = vec![0; claims.len()];
        for (g, &k) in order.iter().enumerate() {
            rank[k] = g;
        }
        FreshClaims {
            // Same size as a `Claim` (a niche), so this reuses the vector.
            claims: claims.into_iter().map(Some).collect(),
            occurrence,
            order,
            rank,
        }
    }

    fn of(&self, i: usize) -> &Claim {
        self.claims[self.occurrence[i]]
            .as_ref()
            .expect("claims are taken only after the alignment")
    }
}

impl Side for FreshClaims {
    fn len(&self) -> usize {
        self.occurrence.len()
    }

    fn key(&self, i: usize) -> HashKey<'_> {
        HashKey::of_hex(self.of(i).sha256.as_str())
    }

    fn compared(&self, i: usize) -> Compared<'_> {
        self.of(i).into()
    }
}

impl Fresh for FreshClaims {
    fn texts(&self) -> usize {
        self.order.len()
    }

    fn text_of(&self, i: usize) -> usize {
        self.rank[self.occurrence[i]]
    }

    fn id_and_hash(&self, g: usize) -> (ClaimId, ClaimHash) {
        let c = self.claims[self.order[g]]
            .as_ref()
            .expect("asked before it is taken");
        (c.id.clone(), c.sha256.clone())
    }

    fn start(&self, g: usize) -> usize {
        self.claims[self.order[g]]
            .as_ref()
            .expect("asked before it is taken")
            .anchor
            .start
    }

    fn take_claim(&mut self, g: usize) -> Claim {
        self.claims[self.order[g]]
            .take()
            .expect("each claim is taken once")
    }
}

/// Where the claim of a text comes from: a claim of the file, or the fresh claim.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Old(usize),
    Fresh(usize),
}

/// What a fresh claim that joins the file takes over from the claims it replaced.
#[derive(Default)]
struct Carried {
    supersedes: Option<Box<Supersedes>>,
    evidence: ThinVec<crate::model::Evidence>,
    history: ThinVec<StatusChange>,
    note: Option<crate::model::Text>,
    status: Option<Status>,
}

/// The outcome of [`track_fresh`]: the file's head (its `claims` empty), the summary, and what
/// its claims are made of.
pub struct Tracked {
    pub head: ClaimsFile,
    pub summary: TrackSummary,
    pub claims: TrackedClaims,
}

/// The claims of a tracked file, handed out in the file's order by [`TrackedClaims::iter`].
pub struct TrackedClaims {
    old: Vec<Claim>,
    /// The fresh texts in file order, each with whose claim stands for it.
    slots: Vec<(usize, Slot)>,
    /// For each old claim, whether a fresh text refreshed it.
    refreshed: Vec<bool>,
    carried: HashMap<usize, Carried>,
    /// Old claims that stay present without being found in the revision, in file order with
    /// their keys (position of their revision, start, hash). Only a claims file whose ids do not
    /// match their hashes has them (an edited claim whose id is its successor's), and `extract`
    /// refuses such a file; the file's order puts them among the present claims all the same.
    stray: Vec<(usize, usize, ClaimHash, usize)>,
    /// The position of the revision among the article's revisions.
    rev_pos: usize,
    /// The old claims kept but absent, in file order.
    absent: Vec<usize>,
}

impl TrackedClaims {
    /// The claims of the file in its order (present ones by where they stand in the revision,
    /// then the absent ones), each made as it is asked for; once.
    pub fn iter<'a, F: Fresh>(
        &'a mut self,
        fresh: &'a mut F,
    ) -> impl ExactSizeIterator<Item = Claim> + 'a {
        let total = self.slots.len() + self.stray.len() + self.absent.len();
        let (mut next_text, mut next_stray, mut next_absent) = (0, 0, 0);
        (0..total).map(move |_| {
            // The present claims by (revision, start, hash): the revision's texts in their order,
            // with any stray old claim merged in; then the absent ones.
            let text_first = next_text < self.slots.len()
                && self
                    .stray
                    .get(next_stray)
                    .is_none_or(|(pos, start, sha, _)| {
                        let g = self.slots[next_text].0;
                        let (_, hash) = fresh.id_and_hash(g);
                        (self.rev_pos, fresh.start(g), &hash) < (*pos, *start, sha)
                    });
            if !text_first {
                if let Some(&(_, _, _, t)) = self.stray.get(next_stray) {
                    next_stray += 1;
                    return take_old(&mut self.old, t);
                }
                next_absent += 1;
                return take_old(&mut self.old, self.absent[next_absent - 1]);
            }
            let (k, slot) = self.slots[next_text];
            next_text += 1;
            match slot {
                Slot::Old(t) => {
                    debug_assert!(self.refreshed[t]);
                    refreshed(take_old(&mut self.old, t), fresh.take_claim(k))
                }
                Slot::Fresh(g) => {
                    let mut c = fresh.take_claim(g);
                    if let Some(carried) = self.carried.remove(&g) {
                        c.supersedes = carried.supersedes;
                        c.evidence = carried.evidence;
                        c.history = carried.history;
                        c.note = carried.note;
                        if let Some(s) = carried.status {
                            c.status = s;
                        }
                    }
                    c
                }
            }
        })
    }
}

impl Tracked {
    /// The whole file (the claims collected).
    pub fn into_file<F: Fresh>(mut self, fresh: &mut F) -> (ClaimsFile, TrackSummary) {
        self.head.claims = self.claims.iter(fresh).collect();
        (self.head, self.summary)
    }
}

/// The old claim `t`, written once: what stays in its place holds no heap memory.
fn take_old(old: &mut [Claim], t: usize) -> Claim {
    let blank = Claim {
        id: ClaimId::from(""),
        sha256: ClaimHash::from(""),
        text: Default::default(),
        attribution: crate::model::Attribution::none(),
        hedges: ThinVec::new(),
        figures: ThinVec::new(),
        negated: false,
        checkable: false,
        checkable_why: ThinVec::new(),
        anchor: crate::model::Anchor {
            rev: Label::default(),
            start: 0,
            end: 0,
            prefix: Default::default(),
            suffix: Default::default(),
        },
        repeats: ThinVec::new(),
        first_seen: Label::default(),
        last_seen: Label::default(),
        seen_in: ThinVec::new(),
        present: false,
        status: Status::Unverified,
        evidence: ThinVec::new(),
        note: None,
        supersedes: None,
        superseded_by: ThinVec::new(),
        history: ThinVec::new(),
    };
    std::mem::replace(&mut old[t], blank)
}

/// The tracked claim `t` with what the text says (and where) taken from the fresh claim `f` of
/// its text; its `last_seen`, `seen_in` and `present` were set when the alignment found it.
fn refreshed(mut t: Claim, f: Claim) -> Claim {
    t.text = f.text;
    t.attribution = f.attribution;
    t.hedges = f.hedges;
    t.figures = f.figures;
    t.negated = f.negated;
    t.checkable = f.checkable;
    t.checkable_why = f.checkable_why;
    t.anchor = f.anchor;
    t.repeats = f.repeats;
    t
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
    let mut fresh = FreshClaims::new(fresh);
    track_fresh(existing, article, rev, &fresh, rev_order, opts).into_file(&mut fresh)
}

/// [`track`] of any [`Fresh`] claims, the file's claims made as they are asked for
/// ([`Tracked::claims`]): a later revision's `extract` writes them one at a time and holds the
/// fresh reading, not its claims. Every claim is held at most once: the old ones in one vector,
/// the fresh ones not at all until written.
pub fn track_fresh<F: Fresh>(
    existing: Option<ClaimsFile>,
    article: &str,
    rev: &str,
    fresh: &F,
    rev_order: &[String],
    opts: DiffOptions,
) -> Tracked {
    let mut summary = TrackSummary::default();
    let ledger_head = existing.as_ref().and_then(|f| f.ledger_head.clone());
    let mut old = existing.map(|f| f.claims).unwrap_or_default();
    let label = Label::new(rev);
    let texts = fresh.texts();
    // Each claim's text as a small integer (claims of one text share it): the old claims', then
    // the fresh texts'.
    let (old_hash, fresh_hash, hashes) = {
        let mut ids: HashMap<HashKey<'_>, u32> = HashMap::with_capacity(old.len() + texts);
        let old_hash: Vec<u32> = old
            .iter()
            .map(|c| {
                let next = ids.len() as u32;
                *ids.entry(HashKey::of_hex(c.sha256.as_str()))
                    .or_insert(next)
            })
            .collect();
        let mut fresh_hash: Vec<u32> = vec![u32::MAX; texts];
        for i in 0..fresh.len() {
            let g = fresh.text_of(i);
            if fresh_hash[g] == u32::MAX {
                let next = ids.len() as u32;
                fresh_hash[g] = *ids.entry(fresh.key(i)).or_insert(next);
            }
        }
        (old_hash, fresh_hash, ids.len())
    };
    // tracked[h]: the claim of the file for text h (the last old one, as a file with two claims
    // of one text was read before); fresh_of[h]: the fresh text h.
    let mut tracked: Vec<Option<Slot>> = vec![None; hashes];
    for (i, &h) in old_hash.iter().enumerate() {
        tracked[h as usize] = Some(Slot::Old(i));
    }
    let mut fresh_of: Vec<Option<usize>> = vec![None; hashes];
    for (g, &h) in fresh_hash.iter().enumerate() {
        fresh_of[h as usize] = Some(g);
    }
    let mut refreshed = vec![false; old.len()];
    let mut carried: HashMap<usize, Carried> = HashMap::new();
    // Align occurrences, so a repeated text is followed in each of its places; a change to one
    // occurrence acts on the one tracked claim of that text, which stays present while any
    // occurrence of it is left.
    let present: Vec<usize> = (0..old.len()).filter(|&i| old[i].present).collect();
    let previous: Vec<usize> = {
        let claims: Vec<&Claim> = present.iter().map(|&i| &old[i]).collect();
        occurrence_indices(&claims)
            .into_iter()
            .map(|k| present[k])
            .collect()
    };
    drop(present);
    let changes = {
        let olds: Vec<&Claim> = previous.iter().map(|&i| &old[i]).collect();
        align(&ClaimList(&olds), fresh, opts)
    };
    let in_fresh = |h: u32| fresh_of[h as usize].is_some();
    // A tracked claim found in the fresh revision: present, seen in it. What the text says of it
    // is copied when the file is written (`refreshed`).
    let refresh = |old: &mut [Claim], refreshed: &mut [bool], slot: Slot| {
        if let Slot::Old(t) = slot {
            refreshed[t] = true;
            let t = &mut old[t];
            t.last_seen = label.clone();
            if t.seen_in.last().map(Label::as_str) != Some(rev) {
                t.seen_in.push(label.clone());
            }
            t.present = true;
        }
    };

    for change in changes {
        match change.kind {
            ChangeKind::Unchanged | ChangeKind::Moved => {
                let o = previous[change.old[0]];
                if let Some(slot) = tracked[old_hash[o] as usize] {
                    refresh(&mut old, &mut refreshed, slot);
                    // An old text's claim is an old claim.
                    let Slot::Old(t) = slot else {
                        unreachable!("an old text is tracked by an old claim")
                    };
                    let t = &mut old[t];
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
                let h = old_hash[previous[change.old[0]]];
                if let Some(Slot::Old(t)) = tracked[h as usize]
                    && !in_fresh(h)
                {
                    old[t].present = false;
                }
                summary.removed += 1;
            }
            ChangeKind::Added => {
                let g = fresh.text_of(change.new[0]);
                let h = fresh_hash[g] as usize;
                match tracked[h] {
                    // A claim that had gone comes back.
                    Some(slot) => refresh(&mut old, &mut refreshed, slot),
                    None => tracked[h] = Some(Slot::Fresh(g)),
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
                        let h = old_hash[previous[i]];
                        let Some(Slot::Old(t)) = tracked[h as usize] else {
                            unreachable!("a present claim is tracked by an old claim")
                        };
                        (h, old[t].clone())
                    })
                    .collect();
                let new_ids: Vec<ClaimId> = change
                    .new
                    .iter()
                    .map(|&j| fresh.id_and_hash(fresh.text_of(j)).0)
                    .collect();
                let substantive = change.flags.iter().any(|f| f.is_substantive());
                for &j in &change.new {
                    let g = fresh.text_of(j);
                    let h = fresh_hash[g] as usize;
                    if let Some(slot) = tracked[h] {
                        refresh(&mut old, &mut refreshed, slot);
                        continue;
                    }
                    // The fresh claim joins the file, carrying the old claims' review.
                    tracked[h] = Some(Slot::Fresh(g));
                    let (id, sha256) = fresh.id_and_hash(g);
                    let mut c = Carried::default();
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
                        let status = if substantive && o.status != Status::NeedsReview {
                            c.history.push(StatusChange {
                                rev: rev.into(),
                                from: o.status.clone(),
                                to: Status::NeedsReview,
                                reason: changed_reason(&change.flags),
                            });
                            summary.needs_review.push(id.clone());
                            Status::NeedsReview
                        } else {
                            o.status.clone()
                        };
                        summary.ledger.push(Entry {
                            time: String::new(),
                            by: "claimtrail extract".to_string(),
                            event: if status == o.status {
                                "carried"
                            } else {
                                "changed"
                            }
                            .to_string(),
                            claim: id.clone(),
                            sha256,
                            supersedes: Some(o.id.clone()),
                            from: o.status.clone(),
                            to: status.clone(),
                            evidence: Vec::new(),
                            note: c
                                .history
                                .last()
                                .filter(|h| h.rev == rev)
                                .map(|h| h.reason.clone()),
                            prev: String::new(),
                        });
                        c.status = Some(status);
                    }
                    carried.insert(g, c);
                }
                for (h, _) in &olds {
                    if let Some(Slot::Old(t)) = tracked[*h as usize] {
                        let t = &mut old[t];
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

    // The file keeps one claim per text: the tracked one. Every fresh text is present (its old
    // claim refreshed, or the fresh claim itself), in the file's order of the revision; the old
    // claims that were not found follow, by revision, then place, then hash (a total key: one
    // claim per hash). Fresh claims hold one text once, but a forged cached reading might not:
    // a text's first place stands for it.
    let mut placed = vec![false; hashes];
    let slots: Vec<(usize, Slot)> = fresh_hash
        .iter()
        .enumerate()
        .filter(|&(_, &h)| !std::mem::replace(&mut placed[h as usize], true))
        .map(|(g, &h)| (g, tracked[h as usize].expect("every fresh text is tracked")))
        .collect();
    let pos = |label: &str| {
        rev_order
            .iter()
            .position(|r| r == label)
            .unwrap_or(usize::MAX)
    };
    let key = |c: &Claim| (pos(&c.anchor.rev), c.anchor.start, c.sha256.clone());
    let (mut stray, mut absent): (Vec<usize>, Vec<usize>) = (0..old.len())
        .filter(|&i| tracked[old_hash[i] as usize] == Some(Slot::Old(i)) && !refreshed[i])
        .partition(|&i| old[i].present);
    absent.sort_unstable_by_key(|&i| key(&old[i]));
    stray.sort_unstable_by_key(|&i| key(&old[i]));
    let stray = stray
        .into_iter()
        .map(|i| {
            let (p, start, sha) = key(&old[i]);
            (p, start, sha, i)
        })
        .collect();
    Tracked {
        head: file_head(article, rev, ledger_head),
        summary,
        claims: TrackedClaims {
            old,
            slots,
            refreshed,
            carried,
            stray,
            rev_pos: pos(rev),
            absent,
        },
    }
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

    /// The claims file of a first extraction of `r1`.
    fn first(r1: &str) -> ClaimsFile {
        track(
            None,
            "a",
            "r1",
            fresh(r1, "r1"),
            &order(),
            DiffOptions::default(),
        )
        .0
    }

    #[test]
    fn review_survives_and_changed_review_goes_back() {
        let r1 = "The army likely has 5,000 troops near the border. The port is busy. The mayor resigned on Friday.";
        let r2 = "The army has 5,000 troops near the border. The port is busy.";
        let mut f = first(r1);
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
        assert_in_file_order(&g, &order());
    }

    /// The file's order: present claims first, then by revision, start and hash.
    fn assert_in_file_order(f: &ClaimsFile, revs: &[String]) {
        let pos = |l: &Label| {
            revs.iter()
                .position(|r| r == l.as_str())
                .unwrap_or(usize::MAX)
        };
        let key = |c: &Claim| {
            (
                !c.present,
                pos(&c.anchor.rev),
                c.anchor.start,
                c.sha256.clone(),
            )
        };
        assert!(
            f.claims.windows(2).all(|w| key(&w[0]) < key(&w[1])),
            "{:#?}",
            f.claims.iter().map(key).collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_old_claim_that_stays_present_unfound_keeps_its_place_among_the_present() {
        // A hand edit gives the edited claim its successor's id: the alignment does not mark it
        // absent (its id is among the new ones), and no text of the revision refreshes it.
        // `extract` refuses such a file (claim-id-mismatch); `track` still orders it as a file.
        let r1 = "The port is busy. The army likely has 5,000 troops near the border. The mayor resigned on Friday.";
        let r2 = "The port is busy. The army has 5,000 troops near the border. The mayor resigned on Friday.";
        let mut f = first(r1);
        let successor = fresh(r2, "r2")
            .into_iter()
            .find(|c| c.text.starts_with("The army has"))
            .unwrap()
            .id;
        let edited = f
            .claims
            .iter_mut()
            .find(|c| c.text.contains("likely"))
            .unwrap();
        edited.id = successor;
        let (g, s) = track(
            Some(f),
            "a",
            "r2",
            fresh(r2, "r2"),
            &order(),
            DiffOptions::default(),
        );
        assert_eq!((s.unchanged, s.edited), (2, 1));
        let stray = g.claims.iter().find(|c| c.text.contains("likely")).unwrap();
        assert!(stray.present && stray.anchor.rev == "r1");
        assert_eq!(g.claims.iter().filter(|c| c.present).count(), 4);
        assert_in_file_order(&g, &order());
        assert!(g.claims[0].text.contains("likely"), "r1 sorts before r2");
    }

    #[test]
    fn fresh_claims_with_one_text_twice_give_one_claim_of_it() {
        // Only a forged cached reading has this (a reading keeps one claim per hash): the file
        // still keeps one claim per text, its old one, and nothing is written twice or blank.
        let r1 = "The port is busy. The mayor resigned on Friday.";
        let r2 = "The port is busy. The mayor resigned on Friday. Officials left early.";
        let f = first(r1);
        let mut twice = fresh(r2, "r2");
        let mut copy = twice[0].clone();
        copy.anchor.start = twice[2].anchor.end + 1;
        copy.anchor.end = copy.anchor.start + copy.text.len();
        twice.push(copy);
        let (g, _) = track(
            Some(f.clone()),
            "a",
            "r2",
            twice,
            &order(),
            DiffOptions::default(),
        );
        let port: Vec<&Claim> = g
            .claims
            .iter()
            .filter(|c| c.text == "The port is busy.")
            .collect();
        assert_eq!(port.len(), 1);
        assert_eq!(port[0].id, f.claims[0].id);
        assert!(port[0].present && port[0].seen_in.len() == 2);
        assert_eq!(g.claims.len(), 3);
        assert!(
            g.claims
                .iter()
                .all(|c| !c.sha256.is_empty() && !c.text.is_empty())
        );
        assert_in_file_order(&g, &order());
    }

    #[test]
    fn a_reviewed_claim_whose_source_changed_goes_back_to_review() {
        let r1 = "Chinese officials said the talks went well.\n\nRaffaello Pantucci, at the Royal United Services Institute, said China wants calm.\n\n\u{201C}It will not take sides.\u{201D}";
        let r2 = "Chinese officials said the talks went well.\n\nChina wants calm.\n\n\u{201C}It will not take sides.\u{201D}";
        let mut f = first(r1);
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
