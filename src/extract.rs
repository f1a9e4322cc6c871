//! Owns reading a whole article: sentences, page furniture, and the claims with their anchors.
//!
//! Pure: text in, data out. Linear in the text's length.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::attribution::{Context, Features, read_sentence};
use crate::hash::Sha256Hash;
use crate::lexicon::{BOILERPLATE, BOILERPLATE_PREFIXES, BOILERPLATE_SUFFIXES};
use crate::model::{Anchor, Attribution, AttributionKind, Claim, Label, Status};
use crate::normalize::normalize_v1;
use crate::segment::segment;
use crate::sources::Registry;
use thin_vec::{ThinVec, thin_vec};

/// How many characters of context an anchor keeps on each side.
pub const ANCHOR_CONTEXT: usize = 32;

/// What a reader needs besides the text: the sources registry and extra boilerplate lines.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub registry: Registry,
    /// Extra page-furniture lines (compared normalized, case-insensitively, trailing punctuation
    /// ignored).
    pub boilerplate: Vec<String>,
}

/// One sentence of the text and whether it was skipped as page furniture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceInfo {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub boilerplate: bool,
}

/// A claim as read from the text: its span, attribution and features.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadClaim {
    pub start: usize,
    pub end: usize,
    pub attribution: Attribution,
    pub features: Features,
    /// Its checkability but for the cue, which a quotation may still take from another sentence.
    pub checkable: crate::checkable::Facts,
}

/// How the text was cut and what claims it makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub sentences: Vec<SentenceInfo>,
    pub claims: Vec<ReadClaim>,
}

fn fold(s: &str) -> String {
    let mut folded = normalize_v1(s);
    if folded.is_ascii() {
        folded.make_ascii_lowercase();
    } else {
        folded = folded.to_lowercase();
    }
    let keep = folded
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .len();
    folded.truncate(keep);
    folded
}

/// A lower bound on the number of words of `fold(sentence)` for ASCII text, without building
/// it: the runs between white space that hold something other than punctuation (`fold` keeps
/// every such run and trims only punctuation and space at the end). `None` for other text.
fn ascii_word_floor(sentence: &str) -> Option<usize> {
    if !sentence.is_ascii() {
        return None;
    }
    // The white space `normalize_v1` folds in ASCII text (`char::is_whitespace`).
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    Some(
        sentence
            .as_bytes()
            .split(space)
            .filter(|w| w.iter().any(|b| !b.is_ascii_punctuation()))
            .count(),
    )
}

/// The most words of any listed furniture line (built-in or `extra`).
fn longest_listed(extra: &HashSet<String>) -> usize {
    static BUILTIN: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
        BOILERPLATE
            .iter()
            .map(|b| b.split(' ').count())
            .max()
            .unwrap_or(0)
    });
    extra
        .iter()
        .map(|b| b.split(' ').count())
        .max()
        .unwrap_or(0)
        .max(*BUILTIN)
}

/// Is a sentence page furniture ("Share.", "Exit mobile version", a byline) rather than prose?
pub fn is_boilerplate(sentence: &str, extra: &HashSet<String>) -> bool {
    // Cheap test first: a sentence of 15 words or more, longer than any listed line, passes
    // every test below (each asks for fewer words, the byline for 8 at most), so most prose is
    // decided without folding it.
    if plainly_prose(sentence, extra) {
        return false;
    }
    furniture_by_rules(sentence, extra)
}

/// The cheap test of [`is_boilerplate`]: true only where [`furniture_by_rules`] is false.
fn plainly_prose(sentence: &str, extra: &HashSet<String>) -> bool {
    ascii_word_floor(sentence).is_some_and(|n| n >= 15 && n > longest_listed(extra))
}

/// The rules of [`is_boilerplate`], on the folded sentence.
fn furniture_by_rules(sentence: &str, extra: &HashSet<String>) -> bool {
    static LISTED: std::sync::LazyLock<FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| BOILERPLATE.iter().copied().collect());
    let folded = fold(sentence);
    if folded.is_empty() || LISTED.contains(folded.as_str()) || extra.contains(&folded) {
        return true;
    }
    // Only the number of words is asked; the byline test reads the raw words.
    let words = folded.split(' ').count();

    if words < 3 {
        return true;
    }
    let terminated = sentence
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']'])
        .ends_with(['.', '!', '?', '\u{2026}']);
    if !terminated && words < 5 {
        return true;
    }
    if !sentence.chars().any(char::is_lowercase) && words < 12 {
        return true;
    }
    if folded.starts_with("by ") {
        // A byline: "By Jane Doe and John Roe", no verb, names capitalized.
        let raw_words: Vec<&str> = sentence.split_whitespace().collect();
        return !terminated
            && raw_words.len() <= 8
            && raw_words[1..]
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) || *w == "and");
    }
    if words < 15 && BOILERPLATE_SUFFIXES.iter().any(|x| folded.ends_with(x)) {
        return true;
    }
    words < 15
        && BOILERPLATE_PREFIXES
            .iter()
            .any(|p| *p != "by " && folded.starts_with(p))
}

/// Is a quotation open at the end of `s`, given whether one was open at its start?
/// Curly quotes say which way they go; a straight `"` toggles.
fn quote_open_after(s: &str, open_at_start: bool) -> bool {
    // Read byte by byte: U+201C and U+201D are E2 80 9C and E2 80 9D in UTF-8, and no other
    // character's bytes contain those three in a row.
    let b = s.as_bytes();
    let mut open = open_at_start;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => open = !open,
            // Two apostrophes stand for a quotation mark in wire copy: ''Yes,'' she said.
            b'\'' if b.get(i + 1) == Some(&b'\'') => {
                open = !open;
                i += 1;
            }
            0xE2 if b[i + 1..].starts_with(&[0x80, 0x9C]) => open = true,
            0xE2 if b[i + 1..].starts_with(&[0x80, 0x9D]) => open = false,
            _ => {}
        }
        i += 1;
    }
    open
}

/// A quotation that runs over several sentences takes one attribution: the speech tag of its
/// closing sentence, else of its opening one ("He said: ..."), else of a sentence in between
/// (`"A. B," she said, "C. D."`), else the paragraph's last speaker.
fn attribute_quote_run(
    claims: &mut [ReadClaim],
    run: &[(usize, usize)],
    previous: Option<&Attribution>,
) -> Option<Attribution> {
    let closing = run.last().map(|&(a, b)| &claims[a..b]);
    let opening = run.first().map(|&(a, b)| &claims[a..b]);
    let middle = run
        .iter()
        .skip(1)
        .take(run.len().saturating_sub(2))
        .map(|&(a, b)| &claims[a..b]);
    let found = [closing, opening]
        .into_iter()
        .flatten()
        .chain(middle)
        .flat_map(|cs| cs.iter())
        .map(|c| &c.attribution)
        .find(|a| a.kind != AttributionKind::None)
        .or(previous)
        .cloned()?;
    for &(a, b) in run {
        for c in &mut claims[a..b] {
            if c.attribution.kind == AttributionKind::None {
                c.attribution = found.clone();
            }
        }
    }
    Some(found)
}

/// Read an article: every sentence, and the claims of the sentences that are prose.
pub fn read_text(text: &str, opts: &ReadOptions) -> Reading {
    let extra: HashSet<String> = opts.boilerplate.iter().map(|b| fold(b)).collect();
    let mut ctx = Context::default();
    let mut out = Reading {
        sentences: Vec::new(),
        claims: Vec::new(),
    };
    // Quotation state within the current paragraph, and the open multi-sentence quotation:
    // (first claim, end claim) per sentence in it.
    let mut paragraph = usize::MAX;
    let mut quote_open = false;
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut speaker_before_run: Option<Attribution> = None;
    let mut last_speaker: Option<Attribution> = None;
    let mut introduces = false;
    // Claims are read piece by piece (a quotation over several sentences is one sentence of
    // several pieces); a sentence is furniture when all its pieces are.
    let segmentation = segment(text);
    out.sentences = segmentation
        .sentences
        .iter()
        .map(|s| SentenceInfo {
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
            boilerplate: true,
        })
        .collect();
    // Copied into `out.sentences`: not held through the reading, whose end is the peak of
    // `extract` of a new article.
    drop(segmentation.sentences);
    for s in segmentation.pieces {
        if is_boilerplate(&text[s.start..s.end], &extra) {
            // "He said:" makes no claim but names who speaks in what follows.
            if text[s.start..s.end].trim_end().ends_with(':') {
                ctx.enter(s.paragraph);
                let speaker = read_sentence(text, s.start, s.end, &opts.registry, &mut ctx)
                    .into_iter()
                    .map(|d| d.attribution)
                    .find(|a| a.kind != AttributionKind::None);
                if let Some(a) = speaker {
                    last_speaker = Some(a);
                    introduces = true;
                }
            }
            continue;
        }
        out.sentences[s.sentence].boilerplate = false;
        if s.paragraph != paragraph {
            if !run.is_empty() {
                attribute_quote_run(&mut out.claims, &run, speaker_before_run.as_ref());
                run.clear();
            }
            paragraph = s.paragraph;
            quote_open = false;
            // "The Times reports:" speaks for the paragraph that follows it.
            if !introduces {
                last_speaker = None;
            }
        }
        ctx.enter(s.paragraph);
        ctx.quote_open = quote_open;
        let first = out.claims.len();
        for d in read_sentence(text, s.start, s.end, &opts.registry, &mut ctx) {
            out.claims.push(ReadClaim {
                start: d.start,
                end: d.end,
                attribution: d.attribution,
                features: d.features,
                checkable: d.checkable,
            });
        }
        let opened_before = quote_open;
        quote_open = quote_open_after(&text[s.start..s.end], quote_open);
        if quote_open || opened_before {
            if run.is_empty() {
                speaker_before_run = last_speaker.clone();
            }
            run.push((first, out.claims.len()));
            if !quote_open {
                if let Some(a) =
                    attribute_quote_run(&mut out.claims, &run, speaker_before_run.as_ref())
                {
                    ctx.set_last(a);
                }
                run.clear();
            }
        }
        let found = out.claims[first..]
            .iter()
            .rev()
            .map(|c| &c.attribution)
            .find(|a| a.kind != AttributionKind::None);
        introduces = found.is_some() && text[s.start..s.end].trim_end().ends_with(':');
        if let Some(a) = found {
            last_speaker = Some(a.clone());
        }
    }
    if !run.is_empty() {
        attribute_quote_run(&mut out.claims, &run, speaker_before_run.as_ref());
    }
    out
}

/// The last `ANCHOR_CONTEXT` characters before `at`, sliced at once (no vector of chars).
fn context_before(text: &str, at: usize) -> String {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .take(ANCHOR_CONTEXT)
        .last()
        .map_or(at, |(i, _)| i);
    head[start..].to_string()
}

/// The first `ANCHOR_CONTEXT` characters from `at`, sliced at once.
fn context_after(text: &str, at: usize) -> String {
    let tail = &text[at..];
    let end = tail
        .char_indices()
        .nth(ANCHOR_CONTEXT)
        .map_or(tail.len(), |(i, _)| i);
    tail[..end].to_string()
}

/// A fresh claim (unverified, no evidence) for a span of revision `rev`.
pub fn new_claim(text: &str, rev: &str, rc: &ReadClaim) -> Claim {
    let hash = Sha256Hash::of_claim_text(&text[rc.start..rc.end]);
    claim_with_hash(text, &Label::new(rev), rc, hash)
}

/// Where a span of revision `rev` stands: the anchor of a claim, or of a repeat of its text.
fn anchor(text: &str, rev: &Label, start: usize, end: usize) -> Anchor {
    Anchor {
        rev: rev.clone(),
        start,
        end,
        prefix: context_before(text, start).into(),
        suffix: context_after(text, end).into(),
    }
}

/// [`new_claim`] with the claim hash of its text computed already.
fn claim_with_hash(text: &str, rev: &Label, rc: &ReadClaim, hash: Sha256Hash) -> Claim {
    let checkability = rc.checkable.with_cue(rc.attribution.cue.as_deref());
    let (id, sha256) = hash.claim_id_and_hash();
    Claim {
        id,
        sha256,
        text: text[rc.start..rc.end].into(),
        attribution: rc.attribution.clone(),
        hedges: rc.features.hedges.as_slice().into(),
        figures: rc.features.figures.as_slice().into(),
        negated: !rc.features.negations.is_empty(),
        checkable: checkability.checkable,
        checkable_why: checkability.why.into(),
        anchor: anchor(text, rev, rc.start, rc.end),
        repeats: ThinVec::new(),
        first_seen: rev.clone(),
        last_seen: rev.clone(),
        seen_in: thin_vec![rev.clone()],
        present: true,
        status: Status::Unverified,
        evidence: ThinVec::new(),
        note: None,
        supersedes: None,
        superseded_by: ThinVec::new(),
        history: ThinVec::new(),
    }
}

/// The claims of a revision, in text order; a claim whose text repeats (same hash) is kept once,
/// at its first occurrence, since a claim is identified by its hash, and records the later
/// occurrences in `repeats`.
pub fn extract_claims(text: &str, rev: &str, opts: &ReadOptions) -> (Reading, Vec<Claim>) {
    let reading = read_text(text, opts);
    let claims = claims_from(text, rev, &reading.claims);
    (reading, claims)
}

/// The claims of [`extract_claims`] without the reading, for callers that do not look at it:
/// its sentences are freed before the claims are made and each read claim once its claim is,
/// so a long text never holds the reading beside all its claims.
pub fn claims_of(text: &str, rev: &str, opts: &ReadOptions) -> Vec<Claim> {
    let Reading { sentences, claims } = read_text(text, opts);
    drop(sentences);
    claims_from(text, rev, claims)
}

/// The claims of [`claims_of`] one at a time, in the order of a claims file that tracks no
/// claim yet: by where each text first stands, then by hash (the key of `track`'s final sort
/// when every claim is present and of one revision). Each claim is made when it is asked for, so
/// `extract` of a new article writes them to its file without ever holding them all: the
/// reading is held (it is the peak of reading anyway), as [`Occurrences`], whose texts are
/// grouped in that order, so each claim comes with all its `repeats`.
pub struct ClaimsInFileOrder<'t> {
    read: Occurrences<'t>,
    next: std::ops::Range<usize>,
}

/// Read `text` as revision `rev` for a claims file that has no claims yet (see
/// [`ClaimsInFileOrder`]).
pub fn claims_in_file_order<'t>(
    text: &'t str,
    rev: &str,
    opts: &ReadOptions,
) -> ClaimsInFileOrder<'t> {
    let read = occurrences_of(text, rev, opts);
    ClaimsInFileOrder {
        next: 0..read.texts(),
        read,
    }
}

impl ClaimsInFileOrder<'_> {
    /// How many times a claim was read (every occurrence of a repeated text counts).
    pub fn occurrences(&self) -> usize {
        crate::diff::Side::len(&self.read)
    }
}

impl Iterator for ClaimsInFileOrder<'_> {
    type Item = Claim;

    fn next(&mut self) -> Option<Claim> {
        let g = self.next.next()?;
        Some(self.read.claim_of_text(g))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl ExactSizeIterator for ClaimsInFileOrder<'_> {}

/// The claims of a revision one per occurrence, in text order, as a diff aligns them
/// ([`crate::diff::Side`]): what [`crate::diff::occurrences`] makes of [`claims_of`], but
/// kept as the reading (a read claim and its hash per occurrence) and each claim made only when
/// it is shown. A claim held whole is some 370 bytes and five heap strings; a long diff showed
/// every claim of both texts at once.
pub struct Occurrences<'t> {
    text: &'t str,
    rev: Label,
    read: Vec<ReadClaim>,
    hashes: Vec<Sha256Hash>,
    /// For each occurrence, its text's number in a claims file's order (by where each text first
    /// stands, then by hash: see [`ClaimsInFileOrder`]).
    text_of: Vec<u32>,
    /// The occurrences of each text in turn, each text's in text order: text `g`'s are
    /// `members[offsets[g]..offsets[g + 1]]`.
    members: Vec<u32>,
    offsets: Vec<u32>,
}

/// Read `text` as revision `rev` for a diff, or to be tracked into a claims file (see
/// [`Occurrences`]).
pub fn occurrences_of<'t>(text: &'t str, rev: &str, opts: &ReadOptions) -> Occurrences<'t> {
    let Reading {
        sentences,
        claims: mut read,
    } = read_text(text, opts);
    drop(sentences);
    read.shrink_to_fit();
    // A reading is in text order (pieces in order, claims of a piece in order); the claims'
    // occurrences are put in that order, so keep it whatever the reader does.
    if !read.is_sorted_by_key(|rc| rc.start) {
        read.sort_by_key(|rc| rc.start);
    }
    assert!(read.len() < u32::MAX as usize, "fewer than 2^32 claims");
    let hashes: Vec<Sha256Hash> = read
        .iter()
        .map(|rc| Sha256Hash::of_claim_text(&text[rc.start..rc.end]))
        .collect();
    // Grouped by text (sorted by hash, then position): the first of each group is the first
    // occurrence of its text.
    let mut by_text: Vec<u32> = (0..read.len() as u32).collect();
    by_text.sort_unstable_by_key(|&i| (hashes[i as usize], i));
    // Where each text's run starts in `by_text`.
    let mut runs: Vec<u32> = Vec::new();
    for (k, &i) in by_text.iter().enumerate() {
        if k == 0 || hashes[by_text[k - 1] as usize] != hashes[i as usize] {
            runs.push(k as u32);
        }
    }
    // The texts in a claims file's order; the key is total (one first occurrence per hash).
    runs.sort_unstable_by_key(|&k| {
        let i = by_text[k as usize] as usize;
        (read[i].start, hashes[i])
    });
    // Each occurrence's text number, then the occurrences put in text order in place (the
    // grouping becomes the members, with no second vector of them).
    let mut text_of = vec![0u32; read.len()];
    let mut offsets = Vec::with_capacity(runs.len() + 1);
    let mut count = 0u32;
    for (g, &k) in runs.iter().enumerate() {
        offsets.push(count);
        let h = hashes[by_text[k as usize] as usize];
        for &i in by_text[k as usize..]
            .iter()
            .take_while(|&&i| hashes[i as usize] == h)
        {
            text_of[i as usize] = g as u32;
            count += 1;
        }
    }
    offsets.push(count);
    drop(runs);
    let mut members = by_text;
    members.sort_unstable_by_key(|&i| (text_of[i as usize], i));
    Occurrences {
        text,
        rev: Label::new(rev),
        read,
        hashes,
        text_of,
        members,
        offsets,
    }
}

impl Occurrences<'_> {
    /// The first occurrence of occurrence `i`'s text: a claim says what its first occurrence
    /// says (text, attribution, features), as a claims file keeps it, and every later occurrence
    /// differs only in its anchor.
    fn first_of(&self, i: usize) -> usize {
        self.members[self.offsets[self.text_of[i] as usize] as usize] as usize
    }

    fn first(&self, i: usize) -> &ReadClaim {
        &self.read[self.first_of(i)]
    }

    /// How many texts (claims) the revision has: each repeated text counts once.
    pub fn texts(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The text (`0..texts()`, in a claims file's order) of occurrence `i`.
    pub fn text_of(&self, i: usize) -> usize {
        self.text_of[i] as usize
    }

    fn occurrences_of_text(&self, g: usize) -> &[u32] {
        &self.members[self.offsets[g] as usize..self.offsets[g + 1] as usize]
    }

    /// Where text `g` first stands.
    pub fn start(&self, g: usize) -> usize {
        self.read[self.occurrences_of_text(g)[0] as usize].start
    }

    /// The id and hash of text `g`'s claim.
    pub fn id_and_hash(&self, g: usize) -> (crate::model::ClaimId, crate::model::ClaimHash) {
        self.hashes[self.occurrences_of_text(g)[0] as usize].claim_id_and_hash()
    }

    /// The claim of text `g` as a claims file holds it: its first occurrence, with every later
    /// one in `repeats` (what [`claims_of`] makes).
    pub fn claim_of_text(&self, g: usize) -> Claim {
        let all = self.occurrences_of_text(g);
        let f = all[0] as usize;
        let mut c = claim_with_hash(self.text, &self.rev, &self.read[f], self.hashes[f]);
        for &i in &all[1..] {
            let rc = &self.read[i as usize];
            c.repeats
                .push(anchor(self.text, &self.rev, rc.start, rc.end));
        }
        c
    }
}

impl crate::diff::Side for Occurrences<'_> {
    fn len(&self) -> usize {
        self.read.len()
    }

    fn key(&self, i: usize) -> crate::diff::HashKey<'_> {
        crate::diff::HashKey::Digest(self.hashes[i].digest())
    }

    fn compared(&self, i: usize) -> crate::diff::Compared<'_> {
        let rc = self.first(i);
        crate::diff::Compared {
            text: &self.text[rc.start..rc.end],
            attribution: &rc.attribution,
            hedges: &rc.features.hedges,
            figures: &rc.features.figures,
        }
    }
}

impl crate::diff::ClaimSide for Occurrences<'_> {
    fn claim(&self, i: usize) -> std::borrow::Cow<'_, Claim> {
        let mut c = claim_with_hash(self.text, &self.rev, self.first(i), self.hashes[i]);
        if self.first_of(i) != i {
            let rc = &self.read[i];
            c.anchor = anchor(self.text, &self.rev, rc.start, rc.end);
        }
        std::borrow::Cow::Owned(c)
    }
}

/// The bytes of the 64 lowercase hex digits `new_claim` writes (without `Sha256Hash`'s checks,
/// which cost reading 2% more; a fresh hash needs none).
fn hex_bytes(hex: &str) -> [u8; 32] {
    let nibble = |b: u8| match b {
        b'0'..=b'9' => b - b'0',
        _ => (b | 0x20).wrapping_sub(b'a' - 10) & 15,
    };
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        *o = nibble(pair[0]) << 4 | nibble(pair[1]);
    }
    out
}

fn claims_from<R: std::borrow::Borrow<ReadClaim>>(
    text: &str,
    rev: &str,
    read: impl IntoIterator<Item = R, IntoIter: ExactSizeIterator>,
) -> Vec<Claim> {
    let read = read.into_iter();
    // Keyed by the 32 bytes of the hash, not a copy of its 64 hex digits on the heap; FxHash,
    // sized once (SipHash and rehashing were ~1% of a read).
    let mut first: FxHashMap<[u8; 32], usize> =
        FxHashMap::with_capacity_and_hasher(read.len(), Default::default());
    let mut claims: Vec<Claim> = Vec::with_capacity(read.len());
    for rc in read {
        let c = new_claim(text, rev, rc.borrow());
        let hash = hex_bytes(&c.sha256);
        match first.get(&hash) {
            Some(&k) => {
                debug_assert_eq!(claims[k].sha256, c.sha256);
                claims[k].repeats.push(c.anchor)
            }
            None => {
                first.insert(hash, claims.len());
                claims.push(c);
            }
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_bytes_are_the_hash() {
        let h = Sha256Hash::of_claim_text("Prices rose 5%.");
        assert_eq!(Sha256Hash::from_digest(hex_bytes(&h.to_string())), h);
    }

    #[test]
    fn claims_of_are_the_claims_of_a_reading() {
        let text = "Officials said the dam would open in May. It cost $2 billion, the ministry said. Officials said the dam would open in May.\n\nCritics disagree.";
        let opts = ReadOptions::default();
        let claims = claims_of(text, "r2", &opts);
        let (reading, all) = extract_claims(text, "r2", &opts);
        assert_eq!(claims, all);
        assert_eq!(claims[0].repeats.len(), 1);
        let occurrences: usize = claims.iter().map(|c| 1 + c.repeats.len()).sum();
        assert_eq!(occurrences, reading.claims.len());
    }

    #[test]
    fn quotation_state_is_read_as_with_doubled_apostrophes_replaced() {
        let reference = |s: &str, open: bool| {
            s.replace("''", "\"").chars().fold(open, |open, c| match c {
                '\u{201C}' => true,
                '\u{201D}' => false,
                '"' => !open,
                _ => open,
            })
        };
        for s in [
            "",
            "\u{201C}Yes,\u{201D} she said.",
            "\u{201C}Yes, she said.",
            "''Yes,'' she said. ''\u{27}",
            "\"A\" \u{201D}\u{2014}\u{201C} caf\u{E9} ''",
            "it's ''done",
        ] {
            for open in [false, true] {
                assert_eq!(quote_open_after(s, open), reference(s, open), "{s:?}");
            }
        }
    }

    #[test]
    fn anchor_context_is_whole_characters_either_side() {
        let text = "Xi said: \u{201C}\u{4E2D}\u{56FD} will grow by 5%\u{201D} in 2026, \u{00E9}t\u{00E9} \u{2014} and more words after that.";
        for (at, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let before: Vec<char> = text[..at].chars().rev().take(ANCHOR_CONTEXT).collect();
            let before: String = before.into_iter().rev().collect();
            let after: String = text[at..].chars().take(ANCHOR_CONTEXT).collect();
            assert_eq!(context_before(text, at), before, "{at}");
            assert_eq!(context_after(text, at), after, "{at}");
        }
        assert_eq!(context_before(text, 0), "");
        assert_eq!(context_after(text, text.len()), "");
        assert_eq!(
            context_before(text, text.len()).chars().count(),
            ANCHOR_CONTEXT
        );
    }

    #[test]
    fn furniture_is_skipped() {
        let none = HashSet::new();
        for s in [
            "Share.",
            "Exit mobile version",
            "ADVERTISEMENT",
            "By Jane Doe",
            "Updated May 15, 2024, 3:30 p.m. ET",
            "Tweet",
            "Jane Doe and John Roe contributed reporting.",
            "Read more: China's economy in charts",
            "(AP Photo/Mark Schiefelbein)",
            "Follow us on Twitter.",
        ] {
            assert!(is_boilerplate(s, &none), "{s}");
        }
        for s in [
            "By the end of the year, China had sent more drones.",
            "Follow the money, investigators said.",
            "China Pledges Support for Russia in Long War",
            "He lied to us.",
        ] {
            assert!(!is_boilerplate(s, &none), "{s}");
        }
        let extra: HashSet<String> = [fold("Sponsored content from our partners")].into();
        assert!(is_boilerplate(
            "Sponsored content from our partners.",
            &extra
        ));
    }

    #[test]
    fn claims_are_exact_slices_with_context() {
        let text = "Intro words here. China has vowed not to help, but Western analysts say it has.\n\nShare.";
        let (reading, claims) = extract_claims(text, "r1", &ReadOptions::default());
        assert_eq!(reading.sentences.len(), 3);
        assert!(reading.sentences[2].boilerplate);
        assert_eq!(claims.len(), 3);
        for c in &claims {
            assert_eq!(c.text, &text[c.anchor.start..c.anchor.end]);
            assert_eq!(c.sha256, Sha256Hash::of_claim_text(&c.text).to_string());
            assert!(c.sha256.starts_with(c.id.as_str()));
        }
        assert_eq!(claims[1].text, "China has vowed not to help");
        assert!(claims[1].negated);
        assert_eq!(
            claims[2].anchor.prefix,
            "ords here. China has vowed not to help, but "
                .chars()
                .rev()
                .take(32)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
        );
    }

    #[test]
    fn a_quotation_over_several_sentences_takes_its_speech_tag() {
        let text = "\u{201C}We are seeking information. We urge calm,\u{201D} a government spokeswoman said.\n\n\"Beginning today, the Treasury will not permit payments. Russia must choose,\" Ms. Lee said. \"It is final.\"";
        let (_, claims) = extract_claims(text, "r1", &ReadOptions::default());
        let phrases: Vec<&str> = claims
            .iter()
            .map(|c| {
                c.attribution
                    .sources
                    .first()
                    .map_or("-", |s| s.phrase.as_str())
            })
            .collect();
        assert_eq!(
            phrases,
            vec![
                "a government spokeswoman",
                "a government spokeswoman",
                "Ms. Lee",
                "Ms. Lee",
                "Ms. Lee"
            ]
        );
    }

    #[test]
    fn a_quotation_takes_a_speech_tag_from_a_middle_sentence() {
        let text = "The council met at noon.\n\n\u{201C}Rents are too high. Nobody can pay them,\u{201D} Jane Roe said, \u{201C}and the council knows it. We will cut them.\u{201D}\n\nThe vote is on Monday.";
        let (_, claims) = extract_claims(text, "r1", &ReadOptions::default());
        let read: Vec<(&str, &str)> = claims
            .iter()
            .map(|c| {
                let who = c.attribution.sources.first();
                (c.text.as_str(), who.map_or("-", |s| s.phrase.as_str()))
            })
            .collect();
        assert_eq!(
            read,
            vec![
                ("The council met at noon.", "-"),
                ("\u{201C}Rents are too high.", "Jane Roe"),
                (
                    "Nobody can pay them,\u{201D} Jane Roe said, \u{201C}and the council knows it.",
                    "Jane Roe"
                ),
                ("We will cut them.\u{201D}", "Jane Roe"),
                ("The vote is on Monday.", "-"),
            ]
        );
    }

    #[test]
    fn a_speech_tag_ending_in_a_colon_speaks_for_the_next_paragraph() {
        let text = "The mayor spoke at noon.\n\nHe said:\n\n\u{201C}We will rebuild. It will take years.\u{201D}\n";
        let r = read_text(text, &ReadOptions::default());
        let quoted: Vec<_> = r
            .claims
            .iter()
            .filter(|c| {
                text[c.start..c.end].contains("rebuild") || text[c.start..c.end].contains("years")
            })
            .collect();
        assert_eq!(quoted.len(), 2);
        for c in quoted {
            assert_eq!(c.attribution.sources[0].phrase, "He");
        }
        assert!(
            r.claims
                .iter()
                .all(|c| !text[c.start..c.end].starts_with("He said"))
        );
    }

    #[test]
    fn a_transcript_speaker_speaks_to_the_paragraph_end() {
        let text = "WALLACE: Let's start with the debate. Will she be there?\n\nPENCE: She will not be attending. That is final.\n";
        let r = read_text(text, &ReadOptions::default());
        let by: Vec<&str> = r
            .claims
            .iter()
            .map(|c| c.attribution.sources[0].phrase.as_str())
            .collect();
        assert_eq!(by, vec!["WALLACE", "WALLACE", "PENCE", "PENCE"]);
    }

    #[test]
    fn repeated_claim_is_kept_once_with_every_occurrence() {
        let text = "The dam broke on Tuesday. Officials were surprised. The dam broke on Tuesday.";
        let (_, claims) = extract_claims(text, "r1", &ReadOptions::default());
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].anchor.start, 0);
        let r: Vec<(usize, usize)> = claims[0].repeats.iter().map(|a| (a.start, a.end)).collect();
        assert_eq!(r, vec![(52, 77)]);
        assert_eq!(&text[52..77], claims[0].text);
        assert_eq!(
            claims[0].repeats[0].prefix,
            "eak on Tuesday. Officials were surprised. "
                .chars()
                .rev()
                .take(32)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
        );
        assert!(claims[1].repeats.is_empty());
    }
}

#[cfg(test)]
pub(crate) mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text built from news-like pieces: abbreviations, quotes, numbers, odd white space and
    /// non-ASCII, so the splitter and the attribution reader meet their edge cases.
    pub(crate) fn newsish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Mr.",
            "U.S.",
            "said",
            "told",
            "according to",
            "the",
            "China",
            "Officials",
            "\u{201C}",
            "\u{201D}",
            "\"",
            ",",
            ".",
            "?",
            "!",
            "...",
            "\u{2026}",
            ";",
            "\u{2014}",
            "but",
            "and",
            "not",
            "likely",
            "4.2",
            "12-point",
            "$5",
            "million",
            "\n",
            "\n\n",
            " ",
            "\u{00A0}",
            "\u{200B}",
            "caf\u{E9}",
            "\u{FB01}ve",
            "V.",
            "a.m.",
            "No.",
            "itself",
            "casts",
            "as",
            "who",
            "which",
            "(",
            ")",
            "'",
            "\u{2019}s",
            "he",
            "by",
            "Share.",
            "Jan.",
            "3:30",
            "%",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(" "))
    }

    proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn any_text_reads_without_panic_into_exact_slices(text in newsish()) {
                let (reading, claims) = extract_claims(&text, "r1", &ReadOptions::default());
                let mut last_end = 0;
                for s in &reading.sentences {
                    prop_assert!(s.start < s.end && s.end <= text.len() && s.start >= last_end);
                    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    last_end = s.end;
                }
                for c in &claims {
                    prop_assert_eq!(&text[c.anchor.start..c.anchor.end], c.text.as_str());
                    prop_assert_eq!(&c.sha256, &Sha256Hash::of_claim_text(&c.text).to_string());
                }
            }

            #[test]
    fn the_cheap_furniture_test_never_contradicts_the_rules(
                text in "[A-Za-z .,;:!?'\"()\t\n\x0B-]{0,160}",
                extra in proptest::collection::hash_set("[a-z ]{1,60}", 0..3),
            ) {
                if plainly_prose(&text, &extra) {
                    prop_assert!(!furniture_by_rules(&text, &extra));
                }
            }

            #[test]
                    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
                let (_, claims) = extract_claims(&text, "r1", &ReadOptions::default());
                for c in &claims {
                    prop_assert_eq!(&text[c.anchor.start..c.anchor.end], c.text.as_str());
                }
            }
        }
}
