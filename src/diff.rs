//! Owns claim alignment across two revisions: which claims are the same, which were edited,
//! split, merged, moved, added or removed, and what changed in each. Returns data; never prints.
//!
//! Cost is near-linear: identical claims are anchored by hash with a patience diff; only the
//! claims left over are compared word by word, and only against candidates that share a rare
//! word with them or sit in the same gap between anchors.

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices, diff_ratio};

use crate::lexicon::{AUXILIARIES, cue_lemma, is_negator};
use crate::model::{Attribution, AttributionKind, Claim, Flag};
use crate::normalize::{normalize_v1, words};

/// What happened to a group of claims between two revisions.
#[derive(
    schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Unchanged,
    Edited,
    Moved,
    Added,
    Removed,
    Split,
    Merged,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Unchanged,
        ChangeKind::Edited,
        ChangeKind::Moved,
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Split,
        ChangeKind::Merged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Edited => "edited",
            ChangeKind::Moved => "moved",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
        }
    }
}

/// One change: indices into the old and new claim lists, with flags and similarity.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    /// What changed. An `unchanged` or `moved` pair (same text) can still carry an attribution
    /// flag: its words are the same but it is now attributed to someone else.
    pub flags: Vec<Flag>,
    /// Word-level similarity of old and new (1.0 for identical claims; none for added/removed).
    pub similarity: Option<f64>,
    pub old: Members,
    pub new: Members,
}

/// The claims (indices) of one side of a [`Change`]: none, one, or two neighbours (a split or a
/// merge). Held inline, so an alignment of a long article allocates nothing per change for them.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Members {
    len: u8,
    at: [usize; 2],
}

impl Members {
    /// No claim of this side.
    pub const NONE: Members = Members { len: 0, at: [0; 2] };

    pub fn one(i: usize) -> Members {
        Members { len: 1, at: [i, 0] }
    }

    /// Two neighbours, in order.
    pub fn two(a: usize, b: usize) -> Members {
        Members { len: 2, at: [a, b] }
    }
}

impl std::ops::Deref for Members {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        &self.at[..self.len as usize]
    }
}

impl<'a> IntoIterator for &'a Members {
    type Item = &'a usize;
    type IntoIter = std::slice::Iter<'a, usize>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Members {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Change {
    /// Whether anything changed: any kind but `unchanged`, or an unchanged text whose
    /// attribution changed.
    pub fn is_change(&self) -> bool {
        self.kind != ChangeKind::Unchanged || !self.flags.is_empty()
    }
}

/// Alignment settings.
#[derive(Debug, Clone, Copy)]
pub struct DiffOptions {
    /// Minimum similarity for two differing claims to be one claim edited.
    pub threshold: f64,
    /// Minimum similarity for the claims left between the same two anchors to pair in order
    /// (with shared content words as a floor); above 1.0 turns position evidence off.
    pub in_place_threshold: f64,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            threshold: crate::config::DEFAULT_SIMILARITY,
            in_place_threshold: IN_PLACE_THRESHOLD,
        }
    }
}

/// How many rarest words of a claim pick its global candidates.
const RARE_WORDS: usize = 4;
/// A word in more unmatched claims than this is too common to pick candidates.
const MAX_POSTINGS: usize = 64;
/// A gap between anchors this small (old x new) is compared pair by pair.
const LOCAL_PAIRS: usize = 1024;
/// The similarity at which claims left between the same two anchors (most often one old, one new)
/// are one claim rewritten in place (see [`in_place_pairs`]); chosen by measurement on revision
/// pairs with heavy in-place rewrites, removals and unrelated additions (tests/diff.rs).
pub const IN_PLACE_THRESHOLD: f64 = 0.25;
/// A gap with more unmatched pairs (old x new) than this is left to the other passes.
const IN_PLACE_PAIRS: usize = 64;

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Size of the multiset intersection of two sorted slices.
fn bag_overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Word-level similarity in 0..=1 (2 x matching words / total words).
pub fn similarity<T: Eq + std::hash::Hash>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let ops = capture_diff_slices(Algorithm::Myers, a, b);
    diff_ratio(&ops, a.len(), b.len()) as f64
}

fn claim_words(c: Compared<'_>) -> Vec<String> {
    words(&normalize_v1(c.text))
}

fn intern<'a>(map: &mut HashMap<HashKey<'a>, u32>, side: &'a dyn Side) -> Vec<u32> {
    (0..side.len())
        .map(|i| {
            let next = map.len() as u32;
            *map.entry(side.key(i)).or_insert(next)
        })
        .collect()
}

/// What the alignment reads of a claim: its text, who it is attributed to, its hedges and its
/// figures (the rest of a claim, its anchor and review, play no part in which claims match).
#[derive(Clone, Copy)]
pub struct Compared<'a> {
    pub text: &'a str,
    pub attribution: &'a Attribution,
    pub hedges: &'a [String],
    pub figures: &'a [String],
}

impl<'a> From<&'a Claim> for Compared<'a> {
    fn from(c: &'a Claim) -> Compared<'a> {
        Compared {
            text: &c.text,
            attribution: &c.attribution,
            hedges: &c.hedges,
            figures: &c.figures,
        }
    }
}

/// A claim's hash as the alignment compares it. A hash that claimtrail wrote (64 lowercase hex
/// digits) is its digest, so a claim read from a file and one read from a text compare equal
/// when their texts are the same; anything else (a hand-edited file) is compared as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashKey<'a> {
    Digest([u8; 32]),
    Other(&'a str),
}

impl<'a> HashKey<'a> {
    /// The key of a hash as a claim holds it.
    pub fn of_hex(hex: &'a str) -> HashKey<'a> {
        let digit = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        };
        let b = hex.as_bytes();
        if b.len() != 64 {
            return HashKey::Other(hex);
        }
        let mut out = [0u8; 32];
        for (k, o) in out.iter_mut().enumerate() {
            match (digit(b[2 * k]), digit(b[2 * k + 1])) {
                (Some(h), Some(l)) => *o = h << 4 | l,
                _ => return HashKey::Other(hex),
            }
        }
        HashKey::Digest(out)
    }
}

/// One side of an alignment: a revision's claim occurrences in text order (see
/// [`occurrence_indices`]), read by position. Claims held whole are one kind of side
/// ([`ClaimList`]); a reading whose claims are made only when shown is another
/// (`extract::Occurrences`), so a long diff never holds every claim of both texts.
pub trait Side {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn key(&self, i: usize) -> HashKey<'_>;
    fn compared(&self, i: usize) -> Compared<'_>;
}

/// A side whose occurrences can be shown as whole claims (what the diff renderers print).
pub trait ClaimSide: Side {
    /// The claim of occurrence `i`, with that occurrence's anchor and no `repeats`.
    fn claim(&self, i: usize) -> Cow<'_, Claim>;
}

/// Claims held whole (or references to them), one per occurrence, as a [`Side`].
pub struct ClaimList<'a, C>(pub &'a [C]);

impl<C: Borrow<Claim>> Side for ClaimList<'_, C> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn key(&self, i: usize) -> HashKey<'_> {
        HashKey::of_hex(self.0[i].borrow().sha256.as_str())
    }

    fn compared(&self, i: usize) -> Compared<'_> {
        self.0[i].borrow().into()
    }
}

impl<C: Borrow<Claim>> ClaimSide for ClaimList<'_, C> {
    fn claim(&self, i: usize) -> Cow<'_, Claim> {
        Cow::Borrowed(self.0[i].borrow())
    }
}

/// Every occurrence of every claim, in text order: a claim whose text repeats (see
/// [`Claim::repeats`]) stands once per occurrence, each copy with that occurrence's anchor and no
/// `repeats`. Diffing occurrences keeps every assertion accounted for: when the first copy of a
/// repeated sentence is edited, the later copy stays unchanged instead of looking moved or
/// removed. Borrows when nothing repeats.
pub fn occurrences(claims: &[Claim]) -> Cow<'_, [Claim]> {
    if claims.iter().all(|c| c.repeats.is_empty()) {
        return Cow::Borrowed(claims);
    }
    let mut out: Vec<Claim> = Vec::with_capacity(claims.len());
    for c in claims {
        let mut first = c.clone();
        first.repeats = thin_vec::ThinVec::new();
        for a in &c.repeats {
            let mut again = first.clone();
            again.anchor = a.clone();
            out.push(again);
        }
        out.push(first);
    }
    out.sort_by_key(|c| c.anchor.start);
    Cow::Owned(out)
}

/// Every claim of one side, with nothing on the other: all added or all removed, in order.
fn one_sided(n: usize, kind: ChangeKind) -> Vec<Change> {
    (0..n)
        .map(|k| Change {
            kind,
            flags: Vec::new(),
            similarity: None,
            old: if kind == ChangeKind::Removed {
                Members::one(k)
            } else {
                Members::NONE
            },
            new: if kind == ChangeKind::Added {
                Members::one(k)
            } else {
                Members::NONE
            },
        })
        .collect()
}

/// The claims of [`occurrences`] as positions in `claims`: one per occurrence, in text order,
/// without copying a claim (what the alignment reads of a claim is the same in every copy).
pub fn occurrence_indices<C: Borrow<Claim>>(claims: &[C]) -> Vec<usize> {
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(claims.len());
    for (k, c) in claims.iter().map(Borrow::borrow).enumerate() {
        at.extend(c.repeats.iter().map(|a| (a.start, k)));
        at.push((c.anchor.start, k));
    }
    // Stable, as `occurrences` sorts: equal starts keep their order.
    at.sort_by_key(|&(start, _)| start);
    at.into_iter().map(|(_, k)| k).collect()
}

/// Align `old` with `new` (each in text order) and say what changed. Takes claims or references
/// to them, so a caller can align occurrences (see [`occurrence_indices`]) without copying claims.
pub fn diff_claims<C: Borrow<Claim>>(old: &[C], new: &[C], opts: DiffOptions) -> Vec<Change> {
    align(&ClaimList(old), &ClaimList(new), opts)
}

/// Align two sides, each its occurrences in text order (see [`Side`]), and say what changed.
pub fn align(old: &dyn Side, new: &dyn Side, opts: DiffOptions) -> Vec<Change> {
    // A first extraction has nothing to align with: no postings, candidates or words to build.
    if old.is_empty() {
        return one_sided(new.len(), ChangeKind::Added);
    }
    if new.is_empty() {
        return one_sided(old.len(), ChangeKind::Removed);
    }
    // Intern the hashes as small integers: the anchor diff then compares u32s, not 64-byte strings.
    let mut interned: HashMap<HashKey<'_>, u32> = HashMap::with_capacity(old.len() + new.len());
    let oh = intern(&mut interned, old);
    let nh = intern(&mut interned, new);
    // Only the number of distinct texts is asked of the table from here on: free it before
    // the passes below build theirs (a map entry per claim of both sides).
    let distinct = interned.len();
    drop(interned);
    let mut old_match: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_match: Vec<Option<usize>> = vec![None; new.len()];
    let mut changes = Vec::new();

    // 1. Hash anchors in order: unchanged.
    for op in capture_diff_slices(Algorithm::Patience, &oh, &nh) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                old_match[old_index + k] = Some(new_index + k);
                new_match[new_index + k] = Some(old_index + k);
                changes.push(Change {
                    kind: ChangeKind::Unchanged,
                    flags: same_text_flags(
                        old.compared(old_index + k).attribution,
                        new.compared(new_index + k).attribution,
                    ),
                    similarity: Some(1.0),
                    old: Members::one(old_index + k),
                    new: Members::one(new_index + k),
                });
            }
        }
    }
    // Gap numbers: claims between the same two anchors share a gap.
    let gap_of = |matches: &[Option<usize>]| -> Vec<usize> {
        let mut g = 0;
        matches
            .iter()
            .map(|m| {
                if m.is_some() {
                    g += 1;
                }
                g
            })
            .collect()
    };
    let old_gap = gap_of(&old_match);
    let new_gap = gap_of(&new_match);

    // 2. Same hash out of order: moved. Within a gap the anchor diff already paired equal texts
    // in order, so every pair left here crosses an anchor. For a text that occurs once on each
    // side that is a move. A text that repeats ("Rep. Szabo added.") is weak evidence of one:
    // a copy edited in place and another copy added elsewhere would pair as a spurious move and
    // hide the edit. Its copies wait until the in-place and similarity passes have run.
    let mut count = vec![0u32; distinct];
    for &h in oh.iter().chain(&nh) {
        count[h as usize] += 1;
    }
    let mut old_seen = vec![0u32; distinct];
    for &h in &oh {
        old_seen[h as usize] += 1;
    }
    // Repeated: more than one copy on either side.
    let repeated: Vec<bool> = count
        .iter()
        .zip(&old_seen)
        .map(|(&all, &o)| o > 1 || all - o > 1)
        .collect();
    pair_moved(
        (old, new),
        (&oh, &nh),
        (&mut old_match, &mut new_match),
        |h| !repeated[h as usize],
        &mut changes,
    );

    // 3. Similar claims: local gap first, then global candidates by shared rare words.
    let old_left: Vec<usize> = (0..old.len()).filter(|&i| old_match[i].is_none()).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&j| new_match[j].is_none()).collect();
    let ow: HashMap<usize, Vec<String>> = old_left
        .iter()
        .map(|&i| (i, claim_words(old.compared(i))))
        .collect();
    let nw: HashMap<usize, Vec<String>> = new_left
        .iter()
        .map(|&j| (j, claim_words(new.compared(j))))
        .collect();
    // Each index is only ever asked about the other side's words: keep those alone, so a small
    // side (few old claims against a long new revision) keeps both indexes small.
    let old_index = Postings::build(&old_left, &ow, &nw);
    let new_index = Postings::build(&new_left, &nw, &ow);

    // Score candidates on interned word ids; the bag-of-words overlap bounds the similarity
    // from above, so most pairs are dismissed without a sequence diff.
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut ids_of = |ws: &[String]| -> (Vec<u32>, Vec<u32>) {
        let seq: Vec<u32> = ws
            .iter()
            .map(|w| match vocab.get(w) {
                Some(&id) => id,
                None => {
                    let id = vocab.len() as u32;
                    vocab.insert(w.clone(), id);
                    id
                }
            })
            .collect();
        let mut bag = seq.clone();
        bag.sort_unstable();
        (seq, bag)
    };
    let oid: HashMap<usize, (Vec<u32>, Vec<u32>)> =
        old_left.iter().map(|&i| (i, ids_of(&ow[&i]))).collect();
    let nid: HashMap<usize, (Vec<u32>, Vec<u32>)> =
        new_left.iter().map(|&j| (j, ids_of(&nw[&j]))).collect();
    // Each unmatched claim's rare words (in at most RARE_SHARED unmatched claims): what a pair
    // found away from its place must share (see `shares_rare`).
    let mut claims_with = vec![0usize; vocab.len()];
    for (_, bag) in oid.values().chain(nid.values()) {
        let mut last = None;
        for &w in bag {
            if last != Some(w) {
                claims_with[w as usize] += 1;
                last = Some(w);
            }
        }
    }
    let rare_of = |bag: &[u32]| -> Vec<u32> {
        let mut r: Vec<u32> = bag
            .iter()
            .copied()
            .filter(|&w| claims_with[w as usize] <= RARE_SHARED)
            .collect();
        r.dedup();
        r
    };
    let orare: HashMap<usize, Vec<u32>> = oid.iter().map(|(&i, v)| (i, rare_of(&v.1))).collect();
    let nrare: HashMap<usize, Vec<u32>> = nid.iter().map(|(&j, v)| (j, rare_of(&v.1))).collect();
    // Candidate pairs: claims in the same gap between anchors, and claims that share rare words
    // anywhere. Each pair is put through the cheap tests as it is found (equal texts are
    // repeated ones, paired as moved after this pass; a pair away from its place must share a
    // rare word; the bag-of-words bound), so only pairs worth a sequence diff are held.
    let worth = |i: usize, j: usize| -> bool {
        if oh[i] == nh[j] {
            return false;
        }
        if old_gap[i] != new_gap[j] && !shares_rare(&orare[&i], &[&nrare[&j]]) {
            return false;
        }
        let (a, b) = (&oid[&i].1, &nid[&j].1);
        let total = (a.len() + b.len()).max(1) as f64;
        2.0 * bag_overlap(a, b) as f64 / total >= opts.threshold
    };
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut old_by_gap: HashMap<usize, Vec<usize>> = HashMap::new();
    for &i in &old_left {
        old_by_gap.entry(old_gap[i]).or_default().push(i);
    }
    let mut new_by_gap: HashMap<usize, Vec<usize>> = HashMap::new();
    for &j in &new_left {
        new_by_gap.entry(new_gap[j]).or_default().push(j);
    }
    for (g, js) in &new_by_gap {
        if let Some(is) = old_by_gap.get(g)
            && is.len() * js.len() <= LOCAL_PAIRS
        {
            for &i in is {
                for &j in js {
                    if worth(i, j) {
                        candidates.push((i, j));
                    }
                }
            }
        }
    }
    drop((old_by_gap, new_by_gap));
    for &j in &new_left {
        for i in old_index.candidates(&nw[&j]) {
            if worth(i, j) {
                candidates.push((i, j));
            }
        }
    }
    // One pair found both ways is scored once.
    candidates.sort_unstable();
    candidates.dedup();
    let mut scored: Vec<(bool, f64, usize, usize)> = candidates
        .into_iter()
        .map(|(i, j)| {
            (
                old_gap[i] == new_gap[j],
                similarity(&oid[&i].0, &nid[&j].0),
                i,
                j,
            )
        })
        .filter(|s| s.1 >= opts.threshold)
        .collect();
    // Local before global, then most similar first; ties broken by position for determinism.
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut edited: Vec<(usize, usize, f64, bool)> = Vec::new();
    for (local, sim, i, j) in scored {
        if old_match[i].is_none() && new_match[j].is_none() {
            old_match[i] = Some(j);
            new_match[j] = Some(i);
            edited.push((i, j, sim, !local));
        }
    }
    if opts.in_place_threshold <= 1.0 {
        edited.extend(in_place_pairs(
            &old_left,
            &new_left,
            (&old_gap, &new_gap),
            (&mut old_match, &mut new_match),
            |i, j| {
                if oh[i] == nh[j] {
                    return None;
                }
                let (a, b) = (&oid[&i].1, &nid[&j].1);
                let bound = 2.0 * bag_overlap(a, b) as f64 / (a.len() + b.len()).max(1) as f64;
                if bound < opts.in_place_threshold.min(opts.threshold) {
                    return None;
                }
                let sim = similarity(&oid[&i].0, &nid[&j].0);
                (sim >= opts.in_place_threshold.min(opts.threshold)
                    && shares_content(&ow[&i], &nw[&j]))
                .then_some(sim)
            },
        ));
    }

    // The copies of repeated texts that no rewrite claimed: moved, in order.
    pair_moved(
        (old, new),
        (&oh, &nh),
        (&mut old_match, &mut new_match),
        |_| true,
        &mut changes,
    );

    // 4. Splits and merges: an edited pair whose unmatched neighbour completes it, or two
    // unmatched neighbours that together match one unmatched claim.
    // Word-id sequences, joined for a pair of neighbours.
    let joined =
        |ws: &[&Vec<u32>]| -> Vec<u32> { ws.iter().flat_map(|w| w.iter().copied()).collect() };
    // The bag-of-words bound on the similarity of one claim with two neighbours together:
    // most candidates for a split or merge fail it before any sequence diff.
    let may_join = |one: &[u32], a: &[u32], b: &[u32]| -> bool {
        let mut two = [a, b].concat();
        two.sort_unstable();
        let total = (one.len() + two.len()).max(1) as f64;
        2.0 * bag_overlap(one, &two) as f64 / total >= opts.threshold
    };
    let mut groups: Vec<(Members, Members, f64, bool)> = Vec::new();
    for (i, j, sim, moved) in edited {
        let mut olds = Members::one(i);
        let mut news = Members::one(j);
        let mut best = sim;
        for nj in [j.wrapping_sub(1), j + 1] {
            if nj < new.len() && new_match[nj].is_none() {
                let pair = if nj < j {
                    joined(&[&nid[&nj].0, &nid[&j].0])
                } else {
                    joined(&[&nid[&j].0, &nid[&nj].0])
                };
                let s = similarity(&oid[&i].0, &pair);
                if s > best + 0.05 {
                    best = s;
                    news = if nj < j {
                        Members::two(nj, j)
                    } else {
                        Members::two(j, nj)
                    };
                }
            }
        }
        if news.len() == 1 {
            for oi in [i.wrapping_sub(1), i + 1] {
                if oi < old.len() && old_match[oi].is_none() {
                    let pair = if oi < i {
                        joined(&[&oid[&oi].0, &oid[&i].0])
                    } else {
                        joined(&[&oid[&i].0, &oid[&oi].0])
                    };
                    let s = similarity(&pair, &nid[&j].0);
                    if s > best + 0.05 {
                        best = s;
                        olds = if oi < i {
                            Members::two(oi, i)
                        } else {
                            Members::two(i, oi)
                        };
                    }
                }
            }
        }
        for &o in &olds {
            old_match[o] = Some(j);
        }
        for &n in &news {
            new_match[n] = Some(i);
        }
        groups.push((olds, news, best, moved));
    }
    for &i in &old_left {
        if old_match[i].is_some() {
            continue;
        }
        'found: for j in new_index.candidates(&ow[&i]) {
            for (a, b) in [(j.wrapping_sub(1), j), (j, j + 1)] {
                if a < new.len()
                    && b < new.len()
                    && new_match[a].is_none()
                    && new_match[b].is_none()
                {
                    let far = old_gap[i] != new_gap[a];
                    if (far && !shares_rare(&orare[&i], &[&nrare[&a], &nrare[&b]]))
                        || !may_join(&oid[&i].1, &nid[&a].1, &nid[&b].1)
                    {
                        continue;
                    }
                    let s = similarity(&oid[&i].0, &joined(&[&nid[&a].0, &nid[&b].0]));
                    if s >= opts.threshold {
                        old_match[i] = Some(a);
                        new_match[a] = Some(i);
                        new_match[b] = Some(i);
                        groups.push((Members::one(i), Members::two(a, b), s, far));
                        break 'found;
                    }
                }
            }
        }
    }
    for &j in &new_left {
        if new_match[j].is_some() {
            continue;
        }
        'found: for i in old_index.candidates(&nw[&j]) {
            for (a, b) in [(i.wrapping_sub(1), i), (i, i + 1)] {
                if a < old.len()
                    && b < old.len()
                    && old_match[a].is_none()
                    && old_match[b].is_none()
                {
                    let far = old_gap[a] != new_gap[j];
                    if (far && !shares_rare(&nrare[&j], &[&orare[&a], &orare[&b]]))
                        || !may_join(&nid[&j].1, &oid[&a].1, &oid[&b].1)
                    {
                        continue;
                    }
                    let s = similarity(&joined(&[&oid[&a].0, &oid[&b].0]), &nid[&j].0);
                    if s >= opts.threshold {
                        new_match[j] = Some(a);
                        old_match[a] = Some(j);
                        old_match[b] = Some(j);
                        groups.push((Members::two(a, b), Members::one(j), s, far));
                        break 'found;
                    }
                }
            }
        }
    }
    for (olds, news, sim, moved) in groups {
        let o: Vec<Compared<'_>> = olds.iter().map(|&i| old.compared(i)).collect();
        let n: Vec<Compared<'_>> = news.iter().map(|&j| new.compared(j)).collect();
        let mut flags = change_flags(&o, &n);
        if moved {
            flags.push(Flag::Moved);
        }
        let kind = match (olds.len(), news.len()) {
            (1, 1) => ChangeKind::Edited,
            (1, _) => ChangeKind::Split,
            _ => ChangeKind::Merged,
        };
        changes.push(Change {
            kind,
            flags,
            similarity: Some(round3(sim)),
            old: olds,
            new: news,
        });
    }

    // 5. The rest.
    for (i, m) in old_match.iter().enumerate() {
        if m.is_none() {
            changes.push(Change {
                kind: ChangeKind::Removed,
                flags: Vec::new(),
                similarity: None,
                old: Members::one(i),
                new: Members::NONE,
            });
        }
    }
    for (j, m) in new_match.iter().enumerate() {
        if m.is_none() {
            changes.push(Change {
                kind: ChangeKind::Added,
                flags: Vec::new(),
                similarity: None,
                old: Members::NONE,
                new: Members::one(j),
            });
        }
    }
    order(&mut changes, old.len());
    changes
}

/// Pair unmatched claims of equal hash (`oh`, `nh`: interned hashes) whose hash `take` accepts,
/// in order (the first unmatched old copy with the first unmatched new copy), as moved.
fn pair_moved(
    (old, new): (&dyn Side, &dyn Side),
    (oh, nh): (&[u32], &[u32]),
    (old_match, new_match): (&mut [Option<usize>], &mut [Option<usize>]),
    take: impl Fn(u32) -> bool,
    changes: &mut Vec<Change>,
) {
    let mut by_hash: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &h) in oh.iter().enumerate().rev() {
        if old_match[i].is_none() && take(h) {
            by_hash.entry(h).or_default().push(i);
        }
    }
    if by_hash.is_empty() {
        return;
    }
    for j in 0..new.len() {
        if new_match[j].is_some() {
            continue;
        }
        if let Some(i) = by_hash.get_mut(&nh[j]).and_then(Vec::pop) {
            old_match[i] = Some(j);
            new_match[j] = Some(i);
            let mut flags =
                same_text_flags(old.compared(i).attribution, new.compared(j).attribution);
            flags.push(Flag::Moved);
            changes.push(Change {
                kind: ChangeKind::Moved,
                flags,
                similarity: Some(1.0),
                old: Members::one(i),
                new: Members::one(j),
            });
        }
    }
}

/// Position as evidence: the claims left unmatched between the same two anchors are, in order,
/// the same claims rewritten in place when `accept` says so (a lower similarity than elsewhere,
/// with a floor of shared content). A lone old and a lone new claim are the common case; a gap
/// with several is paired in order (a small dynamic programme: most pairs, then most similar).
/// Returns (old, new, similarity, moved = false) for each pair taken.
fn in_place_pairs(
    old_left: &[usize],
    new_left: &[usize],
    (old_gap, new_gap): (&[usize], &[usize]),
    (old_match, new_match): (&mut [Option<usize>], &mut [Option<usize>]),
    accept: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<(usize, usize, f64, bool)> {
    let mut olds: HashMap<usize, Vec<usize>> = HashMap::new();
    for &i in old_left.iter().filter(|&&i| old_match[i].is_none()) {
        olds.entry(old_gap[i]).or_default().push(i);
    }
    let mut news: HashMap<usize, Vec<usize>> = HashMap::new();
    for &j in new_left.iter().filter(|&&j| new_match[j].is_none()) {
        news.entry(new_gap[j]).or_default().push(j);
    }
    let mut gaps: Vec<(&Vec<usize>, &Vec<usize>)> = olds
        .iter()
        .filter_map(|(g, is)| news.get(g).map(|js| (is, js)))
        .filter(|(is, js)| is.len() * js.len() <= IN_PLACE_PAIRS)
        .collect();
    gaps.sort_unstable();
    let mut out = Vec::new();
    for (is, js) in gaps {
        let (m, n) = (is.len(), js.len());
        let sims: Vec<Option<f64>> = is
            .iter()
            .flat_map(|&i| js.iter().map(move |&j| (i, j)))
            .map(|(i, j)| accept(i, j))
            .collect();
        // best[a][b]: (pairs, total similarity) over the first a old and b new claims.
        let mut best = vec![vec![(0usize, 0.0f64); n + 1]; m + 1];
        for a in 1..=m {
            for b in 1..=n {
                let mut v = best[a - 1][b];
                if best[a][b - 1] > v {
                    v = best[a][b - 1];
                }
                if let Some(s) = sims[(a - 1) * n + (b - 1)] {
                    let p = best[a - 1][b - 1];
                    let take = (p.0 + 1, p.1 + s);
                    if take > v {
                        v = take;
                    }
                }
                best[a][b] = v;
            }
        }
        let (mut a, mut b) = (m, n);
        let mut taken = Vec::new();
        while a > 0 && b > 0 {
            if best[a][b] == best[a - 1][b] {
                a -= 1;
            } else if best[a][b] == best[a][b - 1] {
                b -= 1;
            } else {
                let s = sims[(a - 1) * n + (b - 1)].expect("a taken pair was accepted");
                taken.push((is[a - 1], js[b - 1], s, false));
                a -= 1;
                b -= 1;
            }
        }
        for &(i, j, _, _) in &taken {
            old_match[i] = Some(j);
            new_match[j] = Some(i);
        }
        out.extend(taken.into_iter().rev());
    }
    out
}

/// Words that carry no topic: a rewrite and an unrelated sentence both have them.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "not",
    "no",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "them",
    "him",
    "us",
    "who",
    "which",
    "what",
    "when",
    "where",
    "there",
    "than",
    "then",
    "so",
    "if",
    "into",
    "over",
    "after",
    "before",
    "about",
    "also",
    "more",
    "most",
    "said",
    "says",
    "say",
    "told",
    "according",
    "mr",
    "ms",
    "mrs",
    "dr",
    "new",
    "one",
    "all",
    "some",
    "up",
    "out",
    "last",
    "year",
    "years",
    "week",
    "other",
    "while",
];

/// The floor under the in-place threshold: the two texts share at least two distinct content
/// words (names, numbers, nouns, verbs), and those make at least a third of the shorter text's
/// content words. An unrelated sentence put where a removed one stood rarely passes both.
fn shares_content(a: &[String], b: &[String]) -> bool {
    let content = |ws: &[String]| -> BTreeSet<String> {
        ws.iter()
            .map(|w| w.trim_end_matches(['.', '\'', '\u{2019}']).to_string())
            .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()) && w.chars().count() > 1)
            .collect()
    };
    let (ca, cb) = (content(a), content(b));
    let shared = ca.intersection(&cb).count();
    shared >= 2 && shared * 3 >= ca.len().min(cb.len())
}

/// Order changes by their place in the new revision; a removed claim goes after the change
/// that holds the old claim before it.
fn order(changes: &mut [Change], old_len: usize) {
    let mut new_of_old: Vec<Option<usize>> = vec![None; old_len];
    for c in changes.iter() {
        if let Some(&n) = c.new.first() {
            for &o in &c.old {
                new_of_old[o] = Some(n);
            }
        }
    }
    // (new position, tier, old position): tier 0 for removed claims before any match,
    // 1 for changes with new claims, 2 for removed claims after the match before them. Every
    // claim is in one change, so no two changes share a key: the unstable sort gives the stable
    // sort's order without its scratch copy of half the changes.
    changes.sort_unstable_by_key(|c| match c.new.first() {
        Some(&n) => (n, 1, 0),
        None => {
            let o = c.old[0];
            match (0..o).rev().find_map(|k| new_of_old[k]) {
                Some(n) => (n, 2, o),
                None => (0, 0, o),
            }
        }
    });
}

/// Unmatched claims (old and new together) a word may occur in and still tell two texts apart.
const RARE_SHARED: usize = 4;

/// The evidence a pair found away from its place needs besides similarity: a word that `one`
/// shares with `other` and that few unmatched claims have (a name, a number, an unusual noun);
/// both given as sorted rare word ids. Text built on a template ("... near district 41 at a
/// cost of 4825 million") is similar everywhere; without this, a removal and an unrelated
/// addition far apart were paired as an edited claim that moved, or as a split or merge.
fn shares_rare(one: &[u32], other: &[&Vec<u32>]) -> bool {
    other
        .iter()
        .any(|o| one.iter().any(|w| o.binary_search(w).is_ok()))
}

/// An inverted index from words to claims, for candidate pruning.
struct Postings {
    map: HashMap<String, Vec<usize>>,
}

impl Postings {
    /// Postings of the words of `ids` that also occur in `asked` (the claims whose candidates
    /// will be looked up): the others could never be asked for.
    fn build(
        ids: &[usize],
        words: &HashMap<usize, Vec<String>>,
        asked: &HashMap<usize, Vec<String>>,
    ) -> Postings {
        let wanted: HashSet<&str> = asked.values().flatten().map(String::as_str).collect();
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in ids {
            let uniq: HashSet<&String> = words[&i]
                .iter()
                .filter(|w| wanted.contains(w.as_str()))
                .collect();
            for w in uniq {
                map.entry(w.clone()).or_default().push(i);
            }
        }
        Postings { map }
    }

    /// Claims sharing one of the rarest words of `ws`.
    fn candidates(&self, ws: &[String]) -> Vec<usize> {
        let mut uniq: Vec<(&String, usize)> = ws
            .iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter_map(|w| self.map.get(w).map(|p| (w, p.len())))
            .filter(|&(_, n)| n <= MAX_POSTINGS)
            .collect();
        uniq.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        let mut out: Vec<usize> = uniq
            .iter()
            .take(RARE_WORDS)
            .flat_map(|(w, _)| self.map[*w].iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Normalized, lower-cased phrases of a claim's features, for comparing and for the residue.
struct View {
    kind: AttributionKind,
    sources: BTreeSet<String>,
    cue: Option<String>,
    hedges: Vec<String>,
    figures: Vec<String>,
    negations: Vec<String>,
    residue: Vec<String>,
}

fn view(claims: &[Compared<'_>]) -> View {
    let kind = claims
        .iter()
        .map(|c| c.attribution.kind)
        .min()
        .unwrap_or(AttributionKind::None);
    let mut sources = BTreeSet::new();
    let mut cue = None;
    let mut hedges = Vec::new();
    let mut figures = Vec::new();
    let mut negations = Vec::new();
    let mut residue = Vec::new();
    for c in claims {
        sources.extend(source_keys(c.attribution));
        if cue.is_none() {
            cue = c.attribution.cue.as_deref().map(cue_lemma);
        }
        hedges.extend(c.hedges.iter().map(|h| h.to_lowercase()));
        figures.extend(c.figures.iter().map(|f| f.to_lowercase()));
        let text = normalize_v1(c.text).to_lowercase();
        let ws = words(&text);
        negations.extend(ws.iter().filter(|w| is_negator(w)).cloned());
        // The residue: the words left once sources, cue, hedges, figures and negators are cut.
        let mut cut = text.clone();
        // The source phrases with what joins them ("the United States and Western analysts").
        let found: Vec<(usize, usize)> = c
            .attribution
            .sources
            .iter()
            .map(|s| normalize_v1(&s.phrase).to_lowercase())
            .filter_map(|p| find_words(&cut, &p).map(|at| (at, at + p.len())))
            .collect();
        if let (Some(a), Some(b)) = (
            found.iter().map(|f| f.0).min(),
            found.iter().map(|f| f.1).max(),
        ) {
            let (a, b) = attribution_frame(&cut, a, b, c.attribution.cue.as_deref());
            cut.replace_range(a..b, " ");
        }
        let phrases = c
            .attribution
            .cue
            .iter()
            .map(|q| q.to_lowercase())
            .chain(c.hedges.iter().map(|h| h.to_lowercase()))
            .chain(c.figures.iter().map(|f| f.to_lowercase()));
        for p in phrases {
            if let Some(at) = find_words(&cut, &p) {
                cut.replace_range(at..at + p.len(), " ");
            }
        }
        residue.extend(words(&cut).into_iter().filter(|w| !is_negator(w)));
    }
    View {
        kind,
        sources,
        cue,
        hedges,
        figures,
        negations,
        residue,
    }
}

/// Verbs of belief that repeat the source after its cue ("officials say they believe ...").
const BELIEF_VERBS: &[&str] = &["believe", "believes", "think", "thinks", "know", "knows"];

/// The whole attribution frame around the source phrases at `a..b` of a lower-cased claim, so
/// that dropping a source drops all of it and leaves no `reworded` behind: through the cue when
/// only auxiliaries or an apposition set off by commas stand between ("X, at the Institute,
/// said"), then a "that" or a pronoun repeating the source ("say they believe"); for a source
/// after its cue ("..., said X, at the Institute."), from the cue to the end of the claim.
fn attribution_frame(text: &str, mut a: usize, mut b: usize, cue: Option<&str>) -> (usize, usize) {
    let Some(cue) = cue.map(str::to_lowercase).filter(|q| !q.is_empty()) else {
        return (a, b);
    };
    let apposition = |s: &str| {
        let t = s.trim();
        t.len() >= 2 && t.starts_with(',') && t.ends_with(',')
    };
    if let Some(k) = find_words(&text[b..], &cue) {
        let between = &text[b..b + k];
        let ws = words(between);
        if ws.iter().all(|w| AUXILIARIES.contains(&w.as_str())) || apposition(between) {
            b += k + cue.len();
            let rest = &text[b..];
            let spans = crate::normalize::word_spans(rest);
            let word = |n: usize| spans.get(n).map(|&(s, e)| &rest[s..e]);
            let mut n = 0;
            if word(n) == Some("that") {
                n += 1;
            }
            if word(n).is_some_and(|w| crate::lexicon::PRONOUNS.contains(&w))
                && word(n + 1).is_some_and(|w| BELIEF_VERBS.contains(&w) || cue_lemma(w) != w)
            {
                n += 2;
                if word(n) == Some("that") {
                    n += 1;
                }
            }
            if n > 0 {
                b += spans[n - 1].1;
            }
            return (a, b);
        }
    }
    // A source after its cue: the frame starts at the cue and runs to the claim's end when
    // only an apposition follows the source.
    if let Some(k) = text[..a].rfind(&cue)
        && words(&text[k + cue.len()..a])
            .iter()
            .all(|w| AUXILIARIES.contains(&w.as_str()))
    {
        a = k;
        let rest = text[b..].trim_end_matches(|c: char| {
            c.is_ascii_punctuation() || c.is_whitespace() || c == '\u{201D}'
        });
        if rest.trim_start().starts_with(',') || rest.trim().is_empty() {
            b += rest.len();
        }
    }
    (a, b)
}

/// Byte offset of `needle` in `hay` at word boundaries.
fn find_words(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(k) = hay[from..].find(needle) {
        let at = from + k;
        let before_ok = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[at + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

fn multiset(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

type AttributionKey<'a> = (AttributionKind, &'a BTreeSet<String>, &'a Option<String>);

/// How the attribution went from `o` to `n`, if it changed: dropped, added or changed.
fn attribution_flag(o: AttributionKey, n: AttributionKey) -> Option<Flag> {
    match (o.0 == AttributionKind::None, n.0 == AttributionKind::None) {
        (false, true) => Some(Flag::AttributionDropped),
        (true, false) => Some(Flag::AttributionAdded),
        (false, false) if o != n => Some(Flag::AttributionChanged),
        _ => None,
    }
}

/// The sources of a claim as compared across revisions: registry ids, else the phrase.
fn source_keys(a: &Attribution) -> BTreeSet<String> {
    a.sources
        .iter()
        .map(|s| {
            s.id.clone()
                .unwrap_or_else(|| normalize_v1(&s.phrase).to_lowercase())
        })
        .collect()
}

/// Flags for two claims with the same text (an unchanged or moved pair): the text is the same,
/// but what precedes it may have changed who it is attributed to ("he said" now resolving to
/// another speaker once a previous paragraph's source was dropped).
pub fn same_text_flags(o: &Attribution, n: &Attribution) -> Vec<Flag> {
    if o == n {
        return Vec::new();
    }
    let (os, ns) = (source_keys(o), source_keys(n));
    let (oc, nc) = (
        o.cue.as_deref().map(cue_lemma),
        n.cue.as_deref().map(cue_lemma),
    );
    attribution_flag((o.kind, &os, &oc), (n.kind, &ns, &nc))
        .into_iter()
        .collect()
}

/// Flags for an aligned group of old and new claims (excluding `moved`, which the caller knows).
pub fn change_flags(old: &[Compared<'_>], new: &[Compared<'_>]) -> Vec<Flag> {
    let o = view(old);
    let n = view(new);
    let mut flags = Vec::new();
    if o.residue != n.residue {
        flags.push(Flag::Reworded);
    }
    flags.extend(attribution_flag(
        (o.kind, &o.sources, &o.cue),
        (n.kind, &n.sources, &n.cue),
    ));
    let oh: BTreeSet<&String> = o.hedges.iter().collect();
    let nh: BTreeSet<&String> = n.hedges.iter().collect();
    if nh.difference(&oh).next().is_some() {
        flags.push(Flag::HedgeAdded);
    }
    if oh.difference(&nh).next().is_some() {
        flags.push(Flag::HedgeRemoved);
    }
    if multiset(&o.figures) != multiset(&n.figures) {
        flags.push(Flag::FigureChanged);
    }
    if multiset(&o.negations) != multiset(&n.negations) {
        flags.push(Flag::NegationChanged);
    }
    flags
}

/// Counts of changes by kind, in [`ChangeKind::ALL`] order.
pub fn summary(changes: &[Change]) -> Vec<(ChangeKind, usize)> {
    ChangeKind::ALL
        .iter()
        .map(|&k| (k, changes.iter().filter(|c| c.kind == k).count()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ReadOptions, extract_claims};

    fn claims(text: &str) -> Vec<Claim> {
        extract_claims(text, "r", &ReadOptions::default()).1
    }

    fn kinds(old: &str, new: &str) -> Vec<(ChangeKind, Vec<Flag>)> {
        diff_claims(&claims(old), &claims(new), DiffOptions::default())
            .into_iter()
            .map(|c| (c.kind, c.flags))
            .collect()
    }

    #[test]
    fn flags_for_single_edits() {
        use ChangeKind::*;
        let base = "The army likely has 5,000 troops near the border. Officials said the road is open. The port is busy.";
        assert_eq!(
            kinds(
                base,
                "The army has 5,000 troops near the border. Officials said the road is open. The port is busy."
            ),
            vec![
                (Edited, vec![Flag::HedgeRemoved]),
                (Unchanged, vec![]),
                (Unchanged, vec![])
            ]
        );
        assert_eq!(
            kinds(
                base,
                "The army likely has 7,000 troops near the border. Officials said the road is open. The port is busy."
            )[0],
            (Edited, vec![Flag::FigureChanged])
        );
        assert_eq!(
            kinds(
                base,
                "The army likely has 5,000 troops near the border. The road is open. The port is busy."
            )[1],
            (Edited, vec![Flag::AttributionDropped])
        );
        assert_eq!(
            kinds(
                "Rights groups have previously said the road is open. The port is busy.",
                "The road is open. The port is busy."
            )[0],
            (Edited, vec![Flag::AttributionDropped])
        );
        assert_eq!(
            kinds(
                base,
                "The army likely has 5,000 troops near the border. Officials said the road is not open. The port is busy."
            )[1],
            (Edited, vec![Flag::NegationChanged])
        );
        assert_eq!(
            kinds(
                base,
                "The army likely has 5,000 troops near the border. Officials said the road is open. The harbor is very busy."
            )[2],
            (Edited, vec![Flag::Reworded])
        );
    }

    #[test]
    fn dropping_a_source_drops_its_whole_frame_and_is_not_also_reworded() {
        for (before, after) in [
            (
                "Raffaello Pantucci, at the Royal United Services Institute, said China wants calm in Central Asia.",
                "China wants calm in Central Asia.",
            ),
            (
                "Raffaello Pantucci, a senior fellow at the Royal United Services Institute, said that China wants calm in Central Asia.",
                "China wants calm in Central Asia.",
            ),
            (
                "China wants calm in Central Asia, said Raffaello Pantucci, at the Royal United Services Institute.",
                "China wants calm in Central Asia.",
            ),
            (
                "Western officials say they believe China is sending drone parts to Russia.",
                "China is sending drone parts to Russia.",
            ),
            (
                "Western officials say that China is sending drone parts to Russia.",
                "China is sending drone parts to Russia.",
            ),
        ] {
            assert_eq!(
                kinds(before, after),
                vec![(ChangeKind::Edited, vec![Flag::AttributionDropped])],
                "{before}"
            );
        }
        // A real rewording alongside the dropped source is still reported.
        assert_eq!(
            kinds(
                "Raffaello Pantucci, at the Royal United Services Institute, said China wants calm in Central Asia.",
                "China wants quiet in Central Asia."
            ),
            vec![(
                ChangeKind::Edited,
                vec![Flag::Reworded, Flag::AttributionDropped]
            )]
        );
    }

    #[test]
    fn same_text_with_another_source_is_flagged_not_hidden() {
        use ChangeKind::*;
        // Read from text: dropping the speaker of one paragraph leaves the next paragraph's
        // bare quotation, word for word the same, without a speaker.
        let r1 = "Chinese officials said the talks went well.\n\nRaffaello Pantucci, at the Royal United Services Institute, said China wants calm.\n\n\u{201C}It will not take sides.\u{201D}";
        let r2 = "Chinese officials said the talks went well.\n\nChina wants calm.\n\n\u{201C}It will not take sides.\u{201D}";
        assert_eq!(
            kinds(r1, r2),
            vec![
                (Unchanged, vec![]),
                (Edited, vec![Flag::AttributionDropped]),
                (Unchanged, vec![Flag::AttributionDropped]),
            ]
        );
        // Built by hand, so the flags do not depend on how a text is read.
        let old = claims(
            "Alpha rivers flood in spring.\n\nBravo winds blow from the east.\n\nCharlie hills rise above the town.",
        );
        let source = |phrase: &str| crate::model::SourceRef {
            id: None,
            phrase: phrase.into(),
        };
        let mut new = old.clone();
        new[0].attribution = crate::model::Attribution {
            kind: AttributionKind::Named,
            cue: Some("said".into()),
            sources: thin_vec::thin_vec![source("Jane Doe")],
        };
        let mut changed = new.clone();
        changed[0].attribution.sources = thin_vec::thin_vec![source("John Roe")];
        let flags = |a: &[Claim], b: &[Claim]| -> Vec<(ChangeKind, Vec<Flag>)> {
            diff_claims(a, b, DiffOptions::default())
                .into_iter()
                .map(|c| (c.kind, c.flags))
                .collect()
        };
        assert_eq!(
            flags(&old, &new)[0],
            (Unchanged, vec![Flag::AttributionAdded])
        );
        assert_eq!(
            flags(&new, &old)[0],
            (Unchanged, vec![Flag::AttributionDropped])
        );
        assert_eq!(
            flags(&new, &changed)[0],
            (Unchanged, vec![Flag::AttributionChanged])
        );
        // The same cue written differently ("said" / "says") is the same attribution.
        let mut says = new.clone();
        says[0].attribution.cue = Some("says".into());
        assert_eq!(flags(&new, &says)[0], (Unchanged, vec![]));
        // Moved and re-attributed: both flags, kind still moved.
        let moved: Vec<Claim> = vec![changed[1].clone(), changed[2].clone(), changed[0].clone()];
        let d = diff_claims(&new, &moved, DiffOptions::default());
        let m = d.iter().find(|c| c.kind == Moved).unwrap();
        assert_eq!(m.flags, vec![Flag::AttributionChanged, Flag::Moved]);
        assert!(d.iter().all(|c| c.kind == Moved || c.flags.is_empty()));
        assert!(m.is_change());
        // The summary still counts kinds: every change in exactly one kind.
        let total: usize = summary(&d).iter().map(|(_, n)| n).sum();
        assert_eq!(total, d.len());
    }

    #[test]
    fn moved_added_removed() {
        use ChangeKind::*;
        let a = "Alpha rivers flood in spring.\n\nBravo winds blow from the east.\n\nCharlie hills rise above the town.";
        let b = "Charlie hills rise above the town.\n\nAlpha rivers flood in spring.\n\nBravo winds blow from the east.";
        let k = kinds(a, b);
        assert_eq!(k.iter().filter(|c| c.0 == Moved).count(), 1);
        assert_eq!(k.iter().filter(|c| c.0 == Unchanged).count(), 2);
        let k = kinds(
            a,
            "Alpha rivers flood in spring.\n\nCharlie hills rise above the town.\n\nDelta roads close at night for repairs.",
        );
        assert_eq!(
            k.iter().map(|c| c.0).collect::<Vec<_>>(),
            vec![Unchanged, Removed, Unchanged, Added]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Whatever the texts, every claim of both sides is in exactly one change.
        #[test]
        fn every_claim_in_exactly_one_change(
            a in crate::extract::properties::newsish(),
            b in crate::extract::properties::newsish(),
        ) {
            let (old, new) = (claims(&a), claims(&b));
            let changes = diff_claims(&old, &new, DiffOptions::default());
            let mut seen_old = vec![0; old.len()];
            let mut seen_new = vec![0; new.len()];
            for c in &changes {
                c.old.iter().for_each(|&i| seen_old[i] += 1);
                c.new.iter().for_each(|&j| seen_new[j] += 1);
            }
            proptest::prop_assert!(seen_old.iter().chain(&seen_new).all(|&n| n == 1));
            let again = diff_claims(&old, &new, DiffOptions::default());
            proptest::prop_assert_eq!(again, changes);
        }
    }

    #[test]
    fn a_claim_rewritten_in_place_is_edited_but_a_replacement_is_not() {
        use ChangeKind::*;
        let before = "The port reopened on Monday.\n\nThe city council approved a $40 million budget for road repairs on Tuesday.\n\nThe mayor thanked the crews.";
        let after = |s: &str| {
            format!("The port reopened on Monday.\n\n{s}\n\nThe mayor thanked the crews.")
        };
        // Heavy rewrites, alone between the same neighbours: one claim edited.
        for rewrite in [
            "On Tuesday the council voted through $40 million to fix the city's roads.",
            "Road repairs will get $40 million under a budget the council passed Tuesday.",
        ] {
            assert_eq!(
                kinds(before, &after(rewrite))
                    .iter()
                    .map(|k| k.0)
                    .collect::<Vec<_>>(),
                vec![Unchanged, Edited, Unchanged],
                "{rewrite}"
            );
        }
        // A different claim put where the old one stood, even on the same topic: two changes.
        for replacement in [
            "The council will meet again next month.",
            "Critics called the spending a giveaway to contractors.",
            "Repairs on the northern bridge ended in May.",
        ] {
            assert_eq!(
                kinds(before, &after(replacement))
                    .iter()
                    .map(|k| k.0)
                    .collect::<Vec<_>>(),
                vec![Unchanged, Removed, Added, Unchanged],
                "{replacement}"
            );
        }
        // Two rewrites side by side in one gap pair up in order.
        let k = kinds(
            "Intro stays here today. The bus overturned near Lahore, killing 14 people. The hospital said the patient was stable. The end stays too.",
            "Intro stays here today. At least 14 people died when a bus overturned outside Lahore. A patient is in stable condition, the hospital said. The end stays too.",
        );
        assert_eq!(
            k.iter().map(|k| k.0).collect::<Vec<_>>(),
            vec![Unchanged, Edited, Edited, Unchanged]
        );
    }

    #[test]
    fn a_repeated_sentence_edited_in_place_is_edited_not_moved() {
        use ChangeKind::*;
        let old = "The council met on Monday.\n\nRep. Szabo added.\n\nThe budget passed by a wide margin.\n\nRep. Szabo added.\n\nThe mayor thanked the crews.";
        // The second copy gains a source in place; a third copy is added at the end.
        let new = "The council met on Monday.\n\nRep. Szabo added.\n\nThe budget passed by a wide margin.\n\nRep. Szabo added, officials said.\n\nThe mayor thanked the crews.\n\nRep. Szabo added.";
        let (o, n) = (claims(old), claims(new));
        let (o, n) = (occurrences(&o), occurrences(&n));
        let d = diff_claims(&o, &n, DiffOptions::default());
        let got: Vec<(ChangeKind, Vec<usize>, Vec<usize>)> = d
            .iter()
            .map(|c| (c.kind, c.old.to_vec(), c.new.to_vec()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Unchanged, vec![0], vec![0]),
                (Unchanged, vec![1], vec![1]),
                (Unchanged, vec![2], vec![2]),
                (Edited, vec![3], vec![3]),
                (Unchanged, vec![4], vec![4]),
                (Added, vec![], vec![5]),
            ]
        );
    }

    #[test]
    fn the_three_occurrence_views_agree() {
        let text = "Rep. Szabo added.\n\nThe port is busy. Rep. Szabo added.\n\nThe port is busy. The mayor resigned. Rep. Szabo added.";
        let c = claims(text);
        assert!(c.iter().any(|c| c.repeats.len() == 2));
        let copied = occurrences(&c).into_owned();
        let at: Vec<Claim> = occurrence_indices(&c)
            .into_iter()
            .map(|k| c[k].clone())
            .collect();
        assert_eq!(copied.len(), 6);
        assert_eq!(
            at.iter().map(|c| &c.sha256).collect::<Vec<_>>(),
            copied.iter().map(|c| &c.sha256).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_reading_s_occurrences_match_the_copies_with_interleaved_repeats() {
        // Several texts repeated, interleaved, the first copy of one after a repeat of another:
        // a reading's occurrences (what `diff` aligns) are the copies `occurrences` makes.
        let text = "The mayor resigned. Rep. Szabo added.\n\nThe port is busy. The mayor resigned.\n\nRep. Szabo added. Officials left early. The port is busy.\n\nThe mayor resigned. Officials left early. Rep. Szabo added.";
        let c = claims(text);
        assert!(c.iter().filter(|c| !c.repeats.is_empty()).count() >= 3);
        let copied = occurrences(&c).into_owned();
        let read = crate::extract::occurrences_of(text, "r", &ReadOptions::default());
        let made: Vec<Claim> = (0..read.len())
            .map(|i| read.claim(i).into_owned())
            .collect();
        assert_eq!(made, copied);
        let starts: Vec<usize> = made.iter().map(|c| c.anchor.start).collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    }

    #[test]
    fn one_empty_side_is_all_added_or_all_removed() {
        use ChangeKind::*;
        let c = claims("Alpha rivers flood in spring. Bravo winds blow from the east.");
        let d = diff_claims(&[], &c, DiffOptions::default());
        assert_eq!(
            d.iter()
                .map(|c| (c.kind, c.old.to_vec(), c.new.to_vec()))
                .collect::<Vec<_>>(),
            vec![(Added, vec![], vec![0]), (Added, vec![], vec![1])]
        );
        let d = diff_claims(&c, &[], DiffOptions::default());
        assert_eq!(
            d.iter()
                .map(|c| (c.kind, c.old.to_vec(), c.new.to_vec()))
                .collect::<Vec<_>>(),
            vec![(Removed, vec![0], vec![]), (Removed, vec![1], vec![])]
        );
    }

    #[test]
    fn split_and_merge() {
        use ChangeKind::*;
        let a = "The ministry said the bridge will reopen in May after repairs to the deck and the railings are finished by crews.";
        let b = "The ministry said the bridge will reopen in May after repairs. The deck and the railings are finished by crews.";
        let d = diff_claims(&claims(a), &claims(b), DiffOptions::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Split);
        assert_eq!(
            (d[0].old.to_vec(), d[0].new.to_vec()),
            (vec![0], vec![0, 1])
        );
        let d = diff_claims(&claims(b), &claims(a), DiffOptions::default());
        assert_eq!(d[0].kind, Merged);
    }
}
