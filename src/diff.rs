//! Owns claim alignment across two revisions: which claims are the same, which were edited,
//! split, merged, moved, added or removed, and what changed in each. Returns data; never prints.
//!
//! Cost is near-linear: identical claims are anchored by hash with a patience diff; only the
//! claims left over are compared word by word, and only against candidates that share a rare
//! word with them or sit in the same gap between anchors.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices, diff_ratio};

use crate::lexicon::{AUXILIARIES, cue_lemma, is_negator};
use crate::model::{AttributionKind, Claim, Flag};
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
    pub flags: Vec<Flag>,
    /// Word-level similarity of old and new (1.0 for identical claims; none for added/removed).
    pub similarity: Option<f64>,
    pub old: Vec<usize>,
    pub new: Vec<usize>,
}

/// Alignment settings.
#[derive(Debug, Clone, Copy)]
pub struct DiffOptions {
    /// Minimum similarity for two differing claims to be one claim edited.
    pub threshold: f64,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            threshold: crate::config::DEFAULT_SIMILARITY,
        }
    }
}

/// How many rarest words of a claim pick its global candidates.
const RARE_WORDS: usize = 4;
/// A word in more unmatched claims than this is too common to pick candidates.
const MAX_POSTINGS: usize = 64;
/// A gap between anchors this small (old x new) is compared pair by pair.
const LOCAL_PAIRS: usize = 1024;

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

fn claim_words(c: &Claim) -> Vec<String> {
    words(&normalize_v1(&c.text))
}

fn intern<'a>(map: &mut HashMap<&'a str, u32>, claims: &'a [Claim]) -> Vec<u32> {
    claims
        .iter()
        .map(|c| {
            let next = map.len() as u32;
            *map.entry(c.sha256.as_str()).or_insert(next)
        })
        .collect()
}

/// Align `old` with `new` (each in text order) and say what changed.
pub fn diff_claims(old: &[Claim], new: &[Claim], opts: DiffOptions) -> Vec<Change> {
    // Intern the hashes as small integers: the anchor diff then compares u32s, not 64-byte strings.
    let mut interned: HashMap<&str, u32> = HashMap::with_capacity(old.len() + new.len());
    let oh = intern(&mut interned, old);
    let nh = intern(&mut interned, new);
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
                    flags: Vec::new(),
                    similarity: Some(1.0),
                    old: vec![old_index + k],
                    new: vec![new_index + k],
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

    // 2. Same hash out of order: moved.
    let mut by_hash: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &h) in oh.iter().enumerate().rev() {
        if old_match[i].is_none() {
            by_hash.entry(h).or_default().push(i);
        }
    }
    for j in 0..new.len() {
        if new_match[j].is_some() {
            continue;
        }
        if let Some(i) = by_hash.get_mut(&nh[j]).and_then(Vec::pop) {
            old_match[i] = Some(j);
            new_match[j] = Some(i);
            changes.push(Change {
                kind: ChangeKind::Moved,
                flags: vec![Flag::Moved],
                similarity: Some(1.0),
                old: vec![i],
                new: vec![j],
            });
        }
    }

    // 3. Similar claims: local gap first, then global candidates by shared rare words.
    let old_left: Vec<usize> = (0..old.len()).filter(|&i| old_match[i].is_none()).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&j| new_match[j].is_none()).collect();
    let ow: HashMap<usize, Vec<String>> = old_left
        .iter()
        .map(|&i| (i, claim_words(&old[i])))
        .collect();
    let nw: HashMap<usize, Vec<String>> = new_left
        .iter()
        .map(|&j| (j, claim_words(&new[j])))
        .collect();
    let old_index = Postings::build(&old_left, &ow);
    let new_index = Postings::build(&new_left, &nw);

    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
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
                    candidates.insert((i, j));
                }
            }
        }
    }
    for &j in &new_left {
        for i in old_index.candidates(&nw[&j]) {
            candidates.insert((i, j));
        }
    }
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
    let mut scored: Vec<(bool, f64, usize, usize)> = candidates
        .into_iter()
        .filter(|&(i, j)| {
            let (a, b) = (&oid[&i].1, &nid[&j].1);
            let total = (a.len() + b.len()).max(1) as f64;
            2.0 * bag_overlap(a, b) as f64 / total >= opts.threshold
        })
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

    // 4. Splits and merges: an edited pair whose unmatched neighbour completes it, or two
    // unmatched neighbours that together match one unmatched claim.
    let joined = |ws: &[&Vec<String>]| -> Vec<String> {
        ws.iter().flat_map(|w| w.iter().cloned()).collect()
    };
    let mut groups: Vec<(Vec<usize>, Vec<usize>, f64, bool)> = Vec::new();
    for (i, j, sim, moved) in edited {
        let mut olds = vec![i];
        let mut news = vec![j];
        let mut best = sim;
        for nj in [j.wrapping_sub(1), j + 1] {
            if nj < new.len() && new_match[nj].is_none() {
                let pair = if nj < j {
                    joined(&[&nw[&nj], &nw[&j]])
                } else {
                    joined(&[&nw[&j], &nw[&nj]])
                };
                let s = similarity(&ow[&i], &pair);
                if s > best + 0.05 {
                    best = s;
                    news = if nj < j { vec![nj, j] } else { vec![j, nj] };
                }
            }
        }
        if news.len() == 1 {
            for oi in [i.wrapping_sub(1), i + 1] {
                if oi < old.len() && old_match[oi].is_none() {
                    let pair = if oi < i {
                        joined(&[&ow[&oi], &ow[&i]])
                    } else {
                        joined(&[&ow[&i], &ow[&oi]])
                    };
                    let s = similarity(&pair, &nw[&j]);
                    if s > best + 0.05 {
                        best = s;
                        olds = if oi < i { vec![oi, i] } else { vec![i, oi] };
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
                    let s = similarity(&ow[&i], &joined(&[&nw[&a], &nw[&b]]));
                    if s >= opts.threshold {
                        old_match[i] = Some(a);
                        new_match[a] = Some(i);
                        new_match[b] = Some(i);
                        groups.push((vec![i], vec![a, b], s, old_gap[i] != new_gap[a]));
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
                    let s = similarity(&joined(&[&ow[&a], &ow[&b]]), &nw[&j]);
                    if s >= opts.threshold {
                        new_match[j] = Some(a);
                        old_match[a] = Some(j);
                        old_match[b] = Some(j);
                        groups.push((vec![a, b], vec![j], s, old_gap[a] != new_gap[j]));
                        break 'found;
                    }
                }
            }
        }
    }
    for (olds, news, sim, moved) in groups {
        let o: Vec<&Claim> = olds.iter().map(|&i| &old[i]).collect();
        let n: Vec<&Claim> = news.iter().map(|&j| &new[j]).collect();
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
                old: vec![i],
                new: Vec::new(),
            });
        }
    }
    for (j, m) in new_match.iter().enumerate() {
        if m.is_none() {
            changes.push(Change {
                kind: ChangeKind::Added,
                flags: Vec::new(),
                similarity: None,
                old: Vec::new(),
                new: vec![j],
            });
        }
    }
    order(&mut changes, old.len());
    changes
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
    // 1 for changes with new claims, 2 for removed claims after the match before them.
    changes.sort_by_key(|c| match c.new.first() {
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

/// An inverted index from words to claims, for candidate pruning.
struct Postings {
    map: HashMap<String, Vec<usize>>,
}

impl Postings {
    fn build(ids: &[usize], words: &HashMap<usize, Vec<String>>) -> Postings {
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in ids {
            let uniq: HashSet<&String> = words[&i].iter().collect();
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

fn view(claims: &[&Claim]) -> View {
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
        for s in &c.attribution.sources {
            sources.insert(
                s.id.clone()
                    .unwrap_or_else(|| normalize_v1(&s.phrase).to_lowercase()),
            );
        }
        if cue.is_none() {
            cue = c.attribution.cue.as_deref().map(cue_lemma);
        }
        hedges.extend(c.hedges.iter().map(|h| h.to_lowercase()));
        figures.extend(c.figures.iter().map(|f| f.to_lowercase()));
        let text = normalize_v1(&c.text).to_lowercase();
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
        if let (Some(a), Some(mut b)) = (
            found.iter().map(|f| f.0).min(),
            found.iter().map(|f| f.1).max(),
        ) {
            // Through the cue when only auxiliaries stand between ("... previously said").
            if let Some(cue) = c.attribution.cue.as_deref().map(str::to_lowercase)
                && let Some(k) = find_words(&cut[b..], &cue)
            {
                let between = words(&cut[b..b + k]);
                if between.iter().all(|w| AUXILIARIES.contains(&w.as_str())) {
                    b += k + cue.len();
                }
            }
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

/// Flags for an aligned group of old and new claims (excluding `moved`, which the caller knows).
pub fn change_flags(old: &[&Claim], new: &[&Claim]) -> Vec<Flag> {
    let o = view(old);
    let n = view(new);
    let mut flags = Vec::new();
    if o.residue != n.residue {
        flags.push(Flag::Reworded);
    }
    match (
        o.kind == AttributionKind::None,
        n.kind == AttributionKind::None,
    ) {
        (false, true) => flags.push(Flag::AttributionDropped),
        (true, false) => flags.push(Flag::AttributionAdded),
        (false, false) if o.sources != n.sources || o.cue != n.cue || o.kind != n.kind => {
            flags.push(Flag::AttributionChanged)
        }
        _ => {}
    }
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
    fn split_and_merge() {
        use ChangeKind::*;
        let a = "The ministry said the bridge will reopen in May after repairs to the deck and the railings are finished by crews.";
        let b = "The ministry said the bridge will reopen in May after repairs. The deck and the railings are finished by crews.";
        let d = diff_claims(&claims(a), &claims(b), DiffOptions::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Split);
        assert_eq!((d[0].old.clone(), d[0].new.clone()), (vec![0], vec![0, 1]));
        let d = diff_claims(&claims(b), &claims(a), DiffOptions::default());
        assert_eq!(d[0].kind, Merged);
    }
}
