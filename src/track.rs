//! Owns tracking: folding a fresh extraction into an article's claims file so that no review is
//! ever lost. Uses the diff engine's alignment; pure (the store reads and writes the files).

use std::collections::HashMap;

use thin_vec::ThinVec;

use crate::diff::{ChangeKind, Compared, DiffOptions, HashKey, Side, align, occurrence_indices};
use crate::hash::Sha256Hash;
use crate::ledger::Entry;
use crate::model::{
    Anchor, Attribution, CheckReason, Claim, ClaimHash, ClaimId, ClaimsFile, Flag, Label,
    SCHEMA_VERSION, Status, StatusChange, Supersedes, Text,
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

/// Where [`OldClaims`] keep what the alignment does not need of each claim: bytes kept once
/// and fetched back at most once, by where they were kept. In memory (`Vec<u8>`), or in a
/// temporary file beside the claims (`store::Spool`), so that a long claims file is not held
/// in memory while it is tracked.
pub trait Aside {
    /// Keep `bytes`; gives back where they are.
    fn keep(&mut self, bytes: &[u8]) -> std::io::Result<u64>;
    /// The `len` bytes kept at `at`.
    fn fetch(&mut self, at: u64, len: usize) -> std::io::Result<Vec<u8>>;
}

impl Aside for Vec<u8> {
    fn keep(&mut self, bytes: &[u8]) -> std::io::Result<u64> {
        let at = self.len() as u64;
        self.extend_from_slice(bytes);
        Ok(at)
    }

    fn fetch(&mut self, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
        usize::try_from(at)
            .ok()
            .and_then(|at| self.as_slice().get(at..at.checked_add(len)?))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| std::io::Error::other("kept bytes out of range"))
    }
}

/// What a claim of the file says besides what the alignment compares, and where it stands
/// besides its start. A claim found again takes all of it from the fresh reading; a claim that
/// is not gets it back from where [`OldClaims`] kept it, as it was read.
#[derive(serde::Serialize, serde::Deserialize)]
struct Rest {
    negated: bool,
    checkable: bool,
    checkable_why: ThinVec<CheckReason>,
    end: usize,
    prefix: Text,
    suffix: Text,
    repeats: ThinVec<Anchor>,
}

/// A claim's id and hash as tracking holds them: the 32 bytes of its digest when its hash is
/// one claimtrail wrote and its id the hash's prefix (every claim that `extract` does not
/// refuse), else both as written.
enum OldKey {
    Digest([u8; 32]),
    Written(Box<(ClaimId, ClaimHash)>),
}

impl OldKey {
    fn of(id: ClaimId, sha256: ClaimHash) -> OldKey {
        if let HashKey::Digest(d) = HashKey::of_hex(sha256.as_str())
            && Sha256Hash::from_digest(d).claim_id_and_hash().0 == id
        {
            return OldKey::Digest(d);
        }
        OldKey::Written(Box::new((id, sha256)))
    }

    fn hash_key(&self) -> HashKey<'_> {
        match self {
            OldKey::Digest(d) => HashKey::Digest(*d),
            OldKey::Written(w) => HashKey::of_hex(w.1.as_str()),
        }
    }

    fn id_and_hash(&self) -> (ClaimId, ClaimHash) {
        match self {
            OldKey::Digest(d) => Sha256Hash::from_digest(*d).claim_id_and_hash(),
            OldKey::Written(w) => (w.0.clone(), w.1.clone()),
        }
    }

    fn id(&self) -> ClaimId {
        self.id_and_hash().0
    }
}

/// A claim's review, which tracking carries and adds to; held only when there is one.
#[derive(Default, Clone)]
struct Review {
    evidence: ThinVec<crate::model::Evidence>,
    note: Option<Text>,
    supersedes: Option<Box<Supersedes>>,
    superseded_by: ThinVec<ClaimId>,
    history: ThinVec<StatusChange>,
}

/// A claim of the claims file as tracking holds it: what the alignment compares, where it
/// stands, and its review: 224 bytes and its text, where a whole [`Claim`] is 352 bytes
/// and five heap strings; the rest ([`Rest`]) is kept aside.
struct OldClaim {
    key: OldKey,
    text: Text,
    attribution: Attribution,
    hedges: ThinVec<String>,
    figures: ThinVec<String>,
    /// The anchor's revision and start, and where the text occurs again in it.
    rev: Label,
    start: usize,
    repeat_starts: ThinVec<usize>,
    first_seen: Label,
    last_seen: Label,
    seen_in: ThinVec<Label>,
    present: bool,
    status: Status,
    review: Option<Box<Review>>,
    /// Where its [`Rest`] is kept, and how long it is.
    rest: (u64, u32),
}

impl OldClaim {
    fn review_mut(&mut self) -> &mut Review {
        self.review.get_or_insert_default()
    }

    fn compared(&self) -> Compared<'_> {
        Compared {
            text: &self.text,
            attribution: &self.attribution,
            hedges: &self.hedges,
            figures: &self.figures,
        }
    }

    /// The whole claim again, with `rest` as it was kept.
    fn whole(mut self, rest: Rest) -> Claim {
        let said = Said {
            text: std::mem::take(&mut self.text),
            attribution: std::mem::replace(&mut self.attribution, Attribution::none()),
            hedges: std::mem::take(&mut self.hedges),
            figures: std::mem::take(&mut self.figures),
            negated: rest.negated,
            checkable: rest.checkable,
            checkable_why: rest.checkable_why,
            anchor: Anchor {
                rev: std::mem::take(&mut self.rev),
                start: self.start,
                end: rest.end,
                prefix: rest.prefix,
                suffix: rest.suffix,
            },
            repeats: rest.repeats,
        };
        self.saying(said)
    }

    /// The claim found again: what the text says (and where) from the fresh claim `f` of its
    /// text, the rest (id, review, revisions seen) its own.
    fn refreshed(self, f: Claim) -> Claim {
        self.saying(Said {
            text: f.text,
            attribution: f.attribution,
            hedges: f.hedges,
            figures: f.figures,
            negated: f.negated,
            checkable: f.checkable,
            checkable_why: f.checkable_why,
            anchor: f.anchor,
            repeats: f.repeats,
        })
    }

    /// This claim (its id, review and revisions seen) saying `said`.
    fn saying(self, said: Said) -> Claim {
        let (id, sha256) = self.key.id_and_hash();
        let review = self.review.map(|r| *r).unwrap_or_default();
        Claim {
            id,
            sha256,
            text: said.text,
            attribution: said.attribution,
            hedges: said.hedges,
            figures: said.figures,
            negated: said.negated,
            checkable: said.checkable,
            checkable_why: said.checkable_why,
            anchor: said.anchor,
            repeats: said.repeats,
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            seen_in: self.seen_in,
            present: self.present,
            status: self.status,
            evidence: review.evidence,
            note: review.note,
            supersedes: review.supersedes,
            superseded_by: review.superseded_by,
            history: review.history,
        }
    }
}

/// What a claim's text says and where it stands: the part of a claim that a revision gives it.
struct Said {
    text: Text,
    attribution: Attribution,
    hedges: ThinVec<String>,
    figures: ThinVec<String>,
    negated: bool,
    checkable: bool,
    checkable_why: ThinVec<CheckReason>,
    anchor: Anchor,
    repeats: ThinVec<Anchor>,
}

/// The claims of a claims file as [`track_fresh`] folds a revision into them, in the file's
/// order: each held as the alignment and the review need it, the rest kept aside in `A`.
pub struct OldClaims<A: Aside> {
    claims: Vec<OldClaim>,
    aside: A,
    /// The bytes of the claim being set aside (one buffer for all of them).
    buf: Vec<u8>,
}

impl<A: Aside> OldClaims<A> {
    pub fn new(aside: A) -> OldClaims<A> {
        OldClaims {
            claims: Vec::new(),
            aside,
            buf: Vec::new(),
        }
    }

    /// `claims`, in the file's order.
    pub fn of(claims: Vec<Claim>, aside: A) -> std::io::Result<OldClaims<A>> {
        let mut old = OldClaims::new(aside);
        old.claims.reserve_exact(claims.len());
        for c in claims {
            old.push(c)?;
        }
        Ok(old)
    }

    pub fn len(&self) -> usize {
        self.claims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// The next claim of the file.
    pub fn push(&mut self, c: Claim) -> std::io::Result<()> {
        let Claim {
            id,
            sha256,
            text,
            attribution,
            hedges,
            figures,
            negated,
            checkable,
            checkable_why,
            anchor,
            repeats,
            first_seen,
            last_seen,
            seen_in,
            present,
            status,
            evidence,
            note,
            supersedes,
            superseded_by,
            history,
        } = c;
        let Anchor {
            rev,
            start,
            end,
            prefix,
            suffix,
        } = anchor;
        let repeat_starts = repeats.iter().map(|a| a.start).collect();
        let rest = Rest {
            negated,
            checkable,
            checkable_why,
            end,
            prefix,
            suffix,
            repeats,
        };
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, &rest).map_err(std::io::Error::other)?;
        let len = u32::try_from(self.buf.len()).map_err(std::io::Error::other)?;
        let at = self.aside.keep(&self.buf)?;
        let review = (!evidence.is_empty()
            || note.is_some()
            || supersedes.is_some()
            || !superseded_by.is_empty()
            || !history.is_empty())
        .then(|| {
            Box::new(Review {
                evidence,
                note,
                supersedes,
                superseded_by,
                history,
            })
        });
        self.claims.push(OldClaim {
            key: OldKey::of(id, sha256),
            text,
            attribution,
            hedges,
            figures,
            rev,
            start,
            repeat_starts,
            first_seen,
            last_seen,
            seen_in,
            present,
            status,
            review,
            rest: (at, len),
        });
        Ok(())
    }
}

/// The present old claims' occurrences in text order, as a [`Side`]: `at[i]` is the claim of
/// occurrence `i`.
struct OldSide<'a> {
    old: &'a [OldClaim],
    at: &'a [usize],
}

impl Side for OldSide<'_> {
    fn len(&self) -> usize {
        self.at.len()
    }

    fn key(&self, i: usize) -> HashKey<'_> {
        self.old[self.at[i]].key.hash_key()
    }

    fn compared(&self, i: usize) -> Compared<'_> {
        self.old[self.at[i]].compared()
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
    note: Option<Text>,
    status: Option<Status>,
}

/// The outcome of [`track_fresh`]: the file's head (its `claims` empty), the summary, and what
/// its claims are made of.
pub struct Tracked<A: Aside> {
    pub head: ClaimsFile,
    pub summary: TrackSummary,
    pub claims: TrackedClaims<A>,
}

/// The claims of a tracked file, handed out in the file's order by [`TrackedClaims::iter`].
pub struct TrackedClaims<A: Aside> {
    /// The old claims, each taken once.
    old: Vec<Option<OldClaim>>,
    aside: A,
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

impl<A: Aside> TrackedClaims<A> {
    /// The claims of the file in its order (present ones by where they stand in the revision,
    /// then the absent ones), each made as it is asked for; once. An old claim that was not
    /// found again fetches what was kept aside of it, which can fail (a temporary file).
    pub fn iter<'a, F: Fresh>(
        &'a mut self,
        fresh: &'a mut F,
    ) -> impl ExactSizeIterator<Item = std::io::Result<Claim>> + 'a {
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
                let t = if let Some(&(_, _, _, t)) = self.stray.get(next_stray) {
                    next_stray += 1;
                    t
                } else {
                    next_absent += 1;
                    self.absent[next_absent - 1]
                };
                return self.whole(t);
            }
            let (k, slot) = self.slots[next_text];
            next_text += 1;
            match slot {
                Slot::Old(t) => {
                    debug_assert!(self.refreshed[t]);
                    Ok(self.take(t).refreshed(fresh.take_claim(k)))
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
                    Ok(c)
                }
            }
        })
    }

    /// The old claim `t`, taken once.
    fn take(&mut self, t: usize) -> OldClaim {
        self.old[t].take().expect("each old claim is written once")
    }

    /// The old claim `t` whole, with what was kept aside of it.
    fn whole(&mut self, t: usize) -> std::io::Result<Claim> {
        let c = self.take(t);
        let (at, len) = c.rest;
        let bytes = self.aside.fetch(at, len as usize)?;
        let rest: Rest = serde_json::from_slice(&bytes).map_err(|e| {
            std::io::Error::other(format!(
                "what was set aside of claim {} does not read back: {e}",
                c.key.id()
            ))
        })?;
        Ok(c.whole(rest))
    }
}

impl<A: Aside> Tracked<A> {
    /// The whole file (the claims collected).
    pub fn into_file<F: Fresh>(
        mut self,
        fresh: &mut F,
    ) -> std::io::Result<(ClaimsFile, TrackSummary)> {
        self.head.claims = self.claims.iter(fresh).collect::<std::io::Result<_>>()?;
        Ok((self.head, self.summary))
    }
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
    let (claims, ledger_head) = existing
        .map(|f| (f.claims, f.ledger_head))
        .unwrap_or_default();
    let old = OldClaims::of(claims, Vec::new()).expect("memory keeps what it is given");
    track_fresh(old, ledger_head, article, rev, &fresh, rev_order, opts)
        .into_file(&mut fresh)
        .expect("what memory kept reads back")
}

/// [`track`] of any [`Fresh`] claims into the claims `old` of a file whose ledger ends at
/// `ledger_head`, the file's claims made as they are asked for ([`Tracked::claims`]): a later
/// revision's `extract` writes them one at a time, holds the fresh reading and not its claims,
/// and holds of the old claims only what the alignment and the review need.
pub fn track_fresh<F: Fresh, A: Aside>(
    old: OldClaims<A>,
    ledger_head: Option<String>,
    article: &str,
    rev: &str,
    fresh: &F,
    rev_order: &[String],
    opts: DiffOptions,
) -> Tracked<A> {
    let mut summary = TrackSummary::default();
    let OldClaims {
        claims: mut old,
        aside,
        ..
    } = old;
    // Read a claim at a time, the vector grew by doubling: give back what it has spare before
    // the alignment builds its own.
    old.shrink_to_fit();
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
                *ids.entry(c.key.hash_key()).or_insert(next)
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
    // occurrence of it is left. The present claims' occurrences in text order, as
    // `diff::occurrence_indices` orders a claim's: its repeats, then its anchor, equal starts
    // kept in that order.
    let previous: Vec<usize> = {
        let mut at: Vec<(usize, usize)> = Vec::new();
        for (i, c) in old.iter().enumerate().filter(|(_, c)| c.present) {
            at.extend(c.repeat_starts.iter().map(|&s| (s, i)));
            at.push((c.start, i));
        }
        at.sort_by_key(|&(start, _)| start);
        at.into_iter().map(|(_, i)| i).collect()
    };
    let changes = align(
        &OldSide {
            old: &old,
            at: &previous,
        },
        fresh,
        opts,
    );
    let in_fresh = |h: u32| fresh_of[h as usize].is_some();
    // A tracked claim found in the fresh revision: present, seen in it. What the text says of it
    // is copied when the file is written (`OldClaim::refreshed`).
    let refresh = |old: &mut [OldClaim], refreshed: &mut [bool], slot: Slot| {
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
                        t.review_mut().history.push(StatusChange {
                            rev: rev.into(),
                            from: from.clone(),
                            to: Status::NeedsReview,
                            reason: reason.clone(),
                        });
                        t.status = Status::NeedsReview;
                        let (id, sha256) = t.key.id_and_hash();
                        summary.needs_review.push(id.clone());
                        summary.ledger.push(Entry {
                            time: String::new(),
                            by: "claimtrail extract".to_string(),
                            event: "changed".to_string(),
                            claim: id,
                            sha256,
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
                // The old claims as they stood before this change (few: one or two): what the
                // fresh claims carry of them.
                let olds: Vec<(u32, Before)> = change
                    .old
                    .iter()
                    .map(|&i| {
                        let h = old_hash[previous[i]];
                        let Some(Slot::Old(t)) = tracked[h as usize] else {
                            unreachable!("a present claim is tracked by an old claim")
                        };
                        (h, Before::of(&old[t]))
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
                        for e in &o.review.evidence {
                            if !c.evidence.contains(e) {
                                c.evidence.push(e.clone());
                            }
                        }
                        c.history.extend(o.review.history.iter().cloned());
                    }
                    let notes: Vec<&str> = olds
                        .iter()
                        .filter_map(|(_, o)| o.review.note.as_deref())
                        .collect();
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
                        let t_id = t.key.id();
                        if new_ids.iter().all(|id| *id != t_id) && !in_fresh(*h) {
                            t.present = false;
                        }
                        for id in &new_ids {
                            if *id != t_id
                                && !t
                                    .review
                                    .as_ref()
                                    .is_some_and(|r| r.superseded_by.contains(id))
                            {
                                t.review_mut().superseded_by.push(id.clone());
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
    let key = |c: &OldClaim| (pos(&c.rev), c.start, c.key.id_and_hash().1);
    let (mut stray, mut absent): (Vec<usize>, Vec<usize>) = (0..old.len())
        .filter(|&i| tracked[old_hash[i] as usize] == Some(Slot::Old(i)) && !refreshed[i])
        .partition(|&i| old[i].present);
    absent.sort_by_cached_key(|&i| key(&old[i]));
    stray.sort_by_cached_key(|&i| key(&old[i]));
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
            old: old.into_iter().map(Some).collect(),
            aside,
            slots,
            refreshed,
            carried,
            stray,
            rev_pos: pos(rev),
            absent,
        },
    }
}

/// What a fresh claim carries of an old claim it replaces, as the old claim stood before the
/// change.
struct Before {
    id: ClaimId,
    last_seen: Label,
    status: Status,
    review: Review,
}

impl Before {
    fn of(c: &OldClaim) -> Before {
        Before {
            id: c.key.id(),
            last_seen: c.last_seen.clone(),
            status: c.status.clone(),
            review: c.review.as_deref().cloned().unwrap_or_default(),
        }
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

    /// Claims of every shape: reviewed, superseded, attributed, hedged, with figures, repeated,
    /// absent, and hand-edited (an id that is not its hash's prefix, a hash that is not hex).
    fn claims_of_every_shape() -> Vec<Claim> {
        let r1 = "Officials said the dam would likely cost $2 billion. The port is busy. The port is busy.\n\n\u{201C}We will not back down,\u{201D} Sen. Ana P\u{e9}rez said on Monday.";
        let r2 =
            "Officials said the dam would cost $3 billion. The port is busy. The port is busy.";
        let f = first(r1);
        let mut claims = f.claims.clone();
        claims[0].status = Status::Supported;
        claims[0].evidence.push(Evidence {
            url: Some("https://example.org/a".into()),
            note: Some("memo".into()),
        });
        claims[0].note = Some("line one\nline two".into());
        let (g, _) = track(
            Some(ClaimsFile { claims, ..f }),
            "a",
            "r2",
            fresh(r2, "r2"),
            &order(),
            DiffOptions::default(),
        );
        let mut claims = g.claims;
        assert!(claims.iter().any(|c| !c.present));
        assert!(claims.iter().any(|c| c.supersedes.is_some()));
        assert!(claims.iter().any(|c| !c.superseded_by.is_empty()));
        assert!(claims.iter().any(|c| !c.repeats.is_empty()));
        assert!(claims.iter().any(|c| !c.history.is_empty()));
        assert!(claims.iter().any(|c| !c.figures.is_empty()));
        assert!(claims.iter().any(|c| !c.checkable_why.is_empty()));
        assert!(claims.iter().any(|c| c.attribution.cue.is_some()));
        let mut odd = claims[1].clone();
        odd.id = ClaimId::from("not-its-hash");
        claims.push(odd);
        let mut odd = claims[2].clone();
        odd.sha256 = ClaimHash::from("ABCDEF");
        claims.push(odd);
        let mut odd = claims[3].clone();
        odd.sha256 = ClaimHash::from(claims[3].sha256.as_str().to_uppercase().as_str());
        claims.push(odd);
        claims
    }

    /// `old` as claims to be written, none of them refreshed.
    fn written_as_read<A: Aside>(old: OldClaims<A>) -> TrackedClaims<A> {
        TrackedClaims {
            absent: (0..old.claims.len()).collect(),
            old: old.claims.into_iter().map(Some).collect(),
            aside: old.aside,
            slots: Vec::new(),
            refreshed: Vec::new(),
            carried: HashMap::new(),
            stray: Vec::new(),
            rev_pos: 0,
        }
    }

    #[test]
    fn an_old_claim_comes_back_whole_from_where_its_rest_was_kept() {
        let claims = claims_of_every_shape();
        fn back<A: Aside>(old: OldClaims<A>) -> Vec<Claim> {
            let mut tracked = written_as_read(old);
            (0..tracked.old.len())
                .map(|t| tracked.whole(t).unwrap())
                .collect()
        }
        let in_memory = OldClaims::of(claims.clone(), Vec::new()).unwrap();
        assert_eq!(back(in_memory), claims);
        let dir = tempfile::tempdir().unwrap();
        let spool = crate::store::Spool::in_dir(dir.path()).unwrap();
        let spooled = OldClaims::of(claims.clone(), spool).unwrap();
        // Well-formed claims are held by their digest, hand-edited ones as written.
        let digests = spooled
            .claims
            .iter()
            .filter(|c| matches!(c.key, OldKey::Digest(_)))
            .count();
        assert_eq!(digests, claims.len() - 3);
        assert_eq!(back(spooled), claims);
        // The spool has no name in its folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // What is held of an old claim (see `OldClaim`) against a whole one.
        let size = std::mem::size_of::<OldClaim>();
        println!("size_of::<OldClaim>() = {size}");
        assert!(
            size <= 224 && size < std::mem::size_of::<Claim>() * 2 / 3,
            "{size}"
        );
    }

    #[test]
    fn kept_bytes_that_do_not_read_back_fail_and_say_which_claim() {
        let claims = claims_of_every_shape();
        let mut old = OldClaims::of(claims.clone(), Vec::new()).unwrap();
        // A rest cut short, and one out of range.
        old.claims[0].rest.1 -= 1;
        old.claims[1].rest.0 = u64::MAX - 1;
        let mut tracked = written_as_read(old);
        let e = tracked.whole(0).unwrap_err().to_string();
        assert!(
            e.contains(claims[0].id.as_str()) && e.contains("does not read back"),
            "{e}"
        );
        let e = tracked.whole(1).unwrap_err().to_string();
        assert!(e.contains("out of range"), "{e}");
        assert_eq!(tracked.whole(2).unwrap(), claims[2]);
    }

    #[test]
    fn a_hand_edited_file_tracks_as_its_claims_read() {
        // Ids and hashes as written, whatever they are: the alignment matches what it can.
        let claims = claims_of_every_shape();
        let file = ClaimsFile {
            claims: claims.clone(),
            ..file_head("a", "r2", None)
        };
        let r3 = "Officials said the dam would cost $3 billion. The port is busy.";
        let (g, s) = track(
            Some(file),
            "a",
            "r3",
            fresh(r3, "r3"),
            &["r1".into(), "r2".into(), "r3".into()],
            DiffOptions::default(),
        );
        assert_eq!((s.unchanged, s.removed), (2, 3));
        for odd in &claims[claims.len() - 3..] {
            assert!(
                g.claims
                    .iter()
                    .any(|c| c.id == odd.id && c.sha256 == odd.sha256),
                "{} {} kept as written",
                odd.id,
                odd.sha256
            );
        }
        // One claim per text: of the two claims of one hash, the later stands.
        assert_eq!(g.claims.len(), claims.len() - 1);
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
