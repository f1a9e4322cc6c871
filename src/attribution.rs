//! Owns reading one sentence: where it splits into claims, who each claim stands on (cue and
//! source phrases resolved against the registry), and its hedges, figures and negations.
//!
//! Pure and linear in the sentence's length: no I/O, no printing.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::checkable;
use crate::lexicon::{
    self, APPROXIMATORS, AUXILIARIES, DETERMINERS, HEDGES, MONTHS, NUMBER_WORDS, ORDINALS,
    PRONOUNS, REFLEXIVES, SELF_CHARACTERIZATION, SUBJECT_STOPS, UNNAMED_WORDS,
};
use crate::model::{Attribution, AttributionKind, SourceRef};
use crate::normalize::{normalize_v1, word_span_iter};
use crate::segment::{AMBIGUOUS, TITLES};
use crate::sources::Registry;

/// A token of a sentence: a word or one punctuation character, with its byte span.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
    quoted: bool,
    /// A word that took the full stop after it ("Mr."): read alone up to that stop, as a
    /// claim's last word is, it ends before it.
    title_dot: bool,
}

/// Tokens of `text[start..end]` with absolute spans. A full stop after a title, an initial or an
/// abbreviation stays with its word ("Mr.", "V."), so it does not read as punctuation.
fn tokenize(text: &str, start: usize, end: usize, quoted_at_start: bool) -> Vec<Tok> {
    let slice = &text[start..end];
    // About one token per five bytes of news text: grown once or not at all.
    let mut toks = Vec::with_capacity(slice.len() / 4 + 4);
    let mut pos = 0;
    let mut quoted = quoted_at_start;
    let push_punct = |from: usize, to: usize, toks: &mut Vec<Tok>, quoted: &mut bool| {
        let mut chars = slice[from..to].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            // Two apostrophes or backticks stand for a quotation mark in wire copy: ''Yes,''.
            let doubled = (c == '\'' || c == '`') && chars.peek().is_some_and(|&(_, n)| n == c);
            let len = if doubled {
                chars.next();
                2
            } else {
                c.len_utf8()
            };
            let straight = c == '"' || doubled;
            let opens = c == '\u{201C}' || (straight && !*quoted);
            let closes = c == '\u{201D}' || (straight && *quoted);
            if closes {
                *quoted = false;
            }
            toks.push(Tok {
                start: start + from + i,
                end: start + from + i + len,
                word: false,
                quoted: *quoted || closes,
                title_dot: false,
            });
            if opens {
                *quoted = true;
            }
        }
    };
    for (s, mut e) in word_span_iter(slice) {
        push_punct(pos, s, &mut toks, &mut quoted);
        let w = &slice[s..e];
        let mut title_dot = false;
        if slice[e..].starts_with('.') && !w.ends_with('.') {
            let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
            if initial || w.contains('.') || takes_its_dot(w) {
                // Not at the very end of the slice: there it is the sentence's full stop.
                if !slice[e + 1..].trim().is_empty() {
                    e += 1;
                    title_dot = true;
                }
            }
        }
        toks.push(Tok {
            start: start + s,
            end: start + e,
            word: true,
            quoted,
            title_dot,
        });
        pos = e;
    }
    push_punct(pos, slice.len(), &mut toks, &mut quoted);
    toks
}

/// `TITLES` and `AMBIGUOUS`: words whose full stop is no sentence's end.
static DOTTED: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| TITLES.iter().chain(AMBIGUOUS).copied().collect());

/// Is the lower case of `w` in `TITLES` or `AMBIGUOUS`? An ASCII word is lower-cased on the
/// stack (the longest listed word has 6 letters).
fn takes_its_dot(w: &str) -> bool {
    if !w.is_ascii() {
        return DOTTED.contains(w.to_lowercase().as_str());
    }
    let mut buf = [0u8; 8];
    if w.len() > buf.len() {
        return false;
    }
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|l| DOTTED.contains(l))
}

/// `w.to_lowercase()`, borrowed when that changes nothing (an ASCII word without capitals).
fn lower_cow(w: &str) -> Cow<'_, str> {
    if !w.is_ascii() {
        Cow::Owned(w.to_lowercase())
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Hedges, figures and negations of a claim, as normalized lower-case phrases in text order.
/// Thin vectors (one word each, most of them empty): a reading holds one per claim.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Features {
    pub hedges: thin_vec::ThinVec<String>,
    pub figures: thin_vec::ThinVec<String>,
    pub negations: thin_vec::ThinVec<String>,
}

/// The lower-case words of `toks`, as slices of one buffer (`buf`, cleared first): one
/// allocation per sentence instead of a `String` per token. Returns the buffer too: the words
/// lie in it in order, and the words of tokens that touch in the text touch in it.
fn lower_words<'b>(text: &str, toks: &[Tok], buf: &'b mut String) -> (&'b str, Vec<&'b str>) {
    buf.clear();
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return (buf, Vec::new());
    };
    let span = &text[first.start..last.end];
    if span.is_ascii() {
        // ASCII lower-cases byte by byte: the span lower-cased at once holds every token's
        // lower case at the token's own offset.
        buf.push_str(span);
        buf.make_ascii_lowercase();
        let buf: &'b str = buf;
        let words = toks
            .iter()
            .map(|t| &buf[t.start - first.start..t.end - first.start])
            .collect();
        return (buf, words);
    }
    let mut ends: Vec<usize> = Vec::with_capacity(toks.len());
    for t in toks {
        let w = &text[t.start..t.end];
        // The same string for ASCII, without the Unicode case tables.
        if w.is_ascii() {
            let s = buf.len();
            buf.push_str(w);
            buf[s..].make_ascii_lowercase();
        } else {
            buf.push_str(&w.to_lowercase());
        }
        ends.push(buf.len());
    }
    let buf: &'b str = buf;
    let mut start = 0;
    let words = ends
        .into_iter()
        .map(|e| {
            let w = &buf[start..e];
            start = e;
            w
        })
        .collect();
    (buf, words)
}

/// A phrase list split into words once.
fn split_list(
    list: &'static [&'static str],
    cell: &'static OnceLock<Vec<Vec<&'static str>>>,
) -> &'static [Vec<&'static str>] {
    cell.get_or_init(|| list.iter().map(|p| p.split(' ').collect()).collect())
}

/// The hedge phrases (as words) by their first word, in list order: at each word position only
/// the phrases that can start there are tried.
static HEDGES_BY_FIRST: LazyLock<FxHashMap<&'static str, Vec<Vec<&'static str>>>> =
    LazyLock::new(|| {
        let mut m: FxHashMap<&'static str, Vec<Vec<&'static str>>> = FxHashMap::default();
        for p in HEDGES {
            let words: Vec<&'static str> = p.split(' ').collect();
            m.entry(words[0]).or_default().push(words);
        }
        m
    });
static APPROXIMATOR_WORDS: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();

/// Does the phrase (as words) match at word index `i`? Returns its length in words, or 0.
fn phrase_at(words: &[&str], i: usize, parts: &[&str]) -> usize {
    if i + parts.len() <= words.len() && parts.iter().zip(&words[i..]).all(|(p, w)| p == w) {
        parts.len()
    } else {
        0
    }
}

/// `NUMBER_WORDS` but "per", and `ORDINALS`: the words a figure is made of.
static NUMBER_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    NUMBER_WORDS
        .iter()
        .filter(|w| **w != "per")
        .chain(ORDINALS)
        .copied()
        .collect()
});

// What a lower-case word is for the features, one bit per list, looked up once per word.
/// In `NUMBER_SET`.
const NUMBER: u8 = 1;
/// The lower case of a word of `MONTHS`.
const MONTH_LOWER: u8 = 1 << 1;
/// The first word of a hedge.
const HEDGE_FIRST: u8 = 1 << 2;
/// In `NEGATORS`.
const NEGATOR: u8 = 1 << 3;

/// Every word of those lists with its bits, and the length of the longest.
static KINDS: LazyLock<(FxHashMap<String, u8>, usize)> = LazyLock::new(|| {
    let mut m: FxHashMap<String, u8> = FxHashMap::default();
    let mut add = |w: String, bit: u8| *m.entry(w).or_default() |= bit;
    NUMBER_SET.iter().for_each(|w| add(w.to_string(), NUMBER));
    MONTHS
        .iter()
        .for_each(|w| add(w.to_lowercase(), MONTH_LOWER));
    HEDGES_BY_FIRST
        .keys()
        .for_each(|w| add(w.to_string(), HEDGE_FIRST));
    lexicon::NEGATORS
        .iter()
        .for_each(|w| add(w.to_string(), NEGATOR));
    let longest = m.keys().map(String::len).max().unwrap_or(0);
    (m, longest)
});

/// The `KINDS` bits of a lower-case word.
fn word_kind(w: &str) -> u8 {
    let (map, longest) = &*KINDS;
    if w.len() > *longest {
        return 0;
    }
    map.get(w).copied().unwrap_or(0)
}

/// [`is_number_word`] for a word whose `KINDS` bits are known: only a word with a digit, a
/// trailing full stop or a hyphen needs more than the look-up.
fn is_number(w: &str, kind: u8) -> bool {
    if kind & NUMBER != 0 {
        return true;
    }
    let mut hyphen = false;
    for b in w.bytes() {
        if b.is_ascii_digit() {
            return true;
        }
        hyphen |= b == b'-';
    }
    (hyphen || w.ends_with('.')) && is_number_word(w)
}

fn is_number_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    if w.bytes().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let head = w.split('-').next().unwrap_or(w);
    NUMBER_SET.contains(w) || (head.len() < w.len() && NUMBER_SET.contains(head))
}

impl Features {
    /// Read the features of `text[start..end]`.
    pub fn of_span(text: &str, start: usize, end: usize) -> Features {
        let toks: Vec<Tok> = tokenize(text, start, end, false)
            .into_iter()
            .filter(|t| t.word)
            .collect();
        let mut buf = String::new();
        let (_, words) = lower_words(text, &toks, &mut buf);
        Features::of_words(text, &toks, &words)
    }

    /// The features of the tokens `toks[a..=last]` of a sentence already tokenized and
    /// lower-cased: the same as [`Features::of_span`] of their span, without reading it again.
    fn of_tokens(text: &str, toks: &[Tok], lower: &[&str], a: usize, last: usize) -> Features {
        let mut words_toks: Vec<Tok> = Vec::with_capacity(last + 1 - a);
        let mut words: Vec<&str> = Vec::with_capacity(last + 1 - a);
        for (t, l) in toks[a..=last].iter().zip(&lower[a..=last]) {
            if t.word {
                words_toks.push(*t);
                words.push(l);
            }
        }
        // Read alone, the span's last word keeps no full stop (see `tokenize`).
        if toks[last].word && toks[last].title_dot {
            let (t, w) = (words_toks.last_mut(), words.last_mut());
            if let (Some(t), Some(w)) = (t, w) {
                t.end -= 1;
                *w = &w[..w.len() - 1];
            }
        }
        Features::of_words(text, &words_toks, &words)
    }

    /// The features of word tokens `toks` with their lower-case forms `words`.
    fn of_words(text: &str, toks: &[Tok], words: &[&str]) -> Features {
        let raw = |i: usize| &text[toks[i].start..toks[i].end];
        let mut f = Features::default();
        let span_text =
            |a: usize, b: usize| normalize_v1(&text[toks[a].start..toks[b - 1].end]).to_lowercase();
        // Each word looked up once for the lists below.
        let kinds: Vec<u8> = words.iter().map(|w| word_kind(w)).collect();
        let number = |i: usize| is_number(words[i], kinds[i]);
        // `raw` is in `MONTHS` (compared as written); only a word whose lower case is a
        // month's can be.
        let is_month = |i: usize| kinds[i] & MONTH_LOWER != 0 && MONTHS.contains(&raw(i));

        // Hedges: longest phrase at each position.
        let mut i = 0;
        while i < words.len() {
            let mut hit = 0;
            if kinds[i] & HEDGE_FIRST != 0 {
                for h in &HEDGES_BY_FIRST[words[i]] {
                    let n = phrase_at(words, i, h);
                    if n > hit && !(h[0] == "may" && raw(i) != "may") {
                        hit = n;
                    }
                }
            }
            // "more likely to vote" compares two likelihoods; it does not hedge the claim.
            let comparative = hit == 1
                && ["likely", "unlikely"].contains(&words[i])
                && i > 0
                && ["more", "less"].contains(&words[i - 1]);
            if hit > 0 && !comparative {
                f.hedges.push(span_text(i, i + hit));
                i += hit;
            } else {
                i += 1;
            }
        }

        // Figures: runs of number-like words, with a leading approximator and a currency sign.
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            let month = is_month(i)
                || (raw(i) == "May"
                    && words
                        .get(i + 1)
                        .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())));
            if !(number(i) || month) {
                i += 1;
                continue;
            }
            let one_pronoun = w == "one"
                && (words
                    .get(i + 1)
                    .is_some_and(|n| ["of", "another", "other"].contains(n))
                    || (i > 0
                        && ["no", "each", "any", "every", "the", "some"].contains(&words[i - 1])));
            if one_pronoun {
                i += 1;
                continue;
            }
            let mut a = i;
            for ap in split_list(APPROXIMATORS, &APPROXIMATOR_WORDS) {
                let n = ap.len();
                if a >= n
                    && phrase_at(words, a - n, ap) == n
                    && (f.figures.is_empty() || a - n >= i.saturating_sub(n))
                {
                    a -= n;
                    break;
                }
            }
            let mut b = i + 1;
            while b < words.len() {
                let n = words[b];
                let next_is_num = b + 1 < words.len() && number(b + 1);
                if number(b)
                    || is_month(b)
                    || n == "cent" && words[b - 1] == "per"
                    || (n == "and"
                        && next_is_num
                        && !words[b - 1].chars().any(|c| c.is_ascii_digit()))
                    || (n == "per" && words.get(b + 1).is_some_and(|x| *x == "cent"))
                {
                    b += 1;
                } else {
                    break;
                }
            }
            let mut s = toks[a].start;
            // A currency sign right before the first digit belongs to the figure.
            if let Some(c) = text[..s].chars().next_back()
                && matches!(c, '$' | '\u{20AC}' | '\u{A3}' | '\u{A5}')
            {
                s -= c.len_utf8();
            }
            f.figures
                .push(normalize_v1(&text[s..toks[b - 1].end]).to_lowercase());
            i = b;
        }

        f.negations = words
            .iter()
            .zip(&kinds)
            .filter(|&(w, &k)| k & NEGATOR != 0 || lexicon::is_negative_contraction(w))
            .map(|(w, _)| w.to_string())
            .collect();
        f
    }
}

/// A claim read from a sentence, before it gets an id and a place in a claims file.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDraft {
    pub start: usize,
    pub end: usize,
    pub attribution: Attribution,
    pub features: Features,
    /// What its words say about its checkability, read from the sentence's tokens.
    pub checkable: checkable::Facts,
}

/// What earlier sentences of the same paragraph said, for resolving "he said".
#[derive(Debug, Default, Clone)]
pub struct Context {
    pub paragraph: usize,
    /// Whether the sentence about to be read starts inside a quotation opened earlier.
    pub quote_open: bool,
    last: Option<Attribution>,
    /// The previous paragraph's last source: a paragraph of bare quotation continues it.
    carried: Option<Attribution>,
    /// A transcript speaker ("WALLACE: ...") goes on speaking to the paragraph's end.
    colon: Option<Attribution>,
    /// Surnames of people the article named as sources with their office ("President Vladimir
    /// V. Putin") and the body they speak for, or None when named as former; the latest
    /// mention wins. A later "Mr. Putin" is the same person.
    holders: Vec<(String, Option<String>)>,
}

impl Context {
    /// The attribution that "he said" and a bare quotation refer back to.
    pub fn set_last(&mut self, attribution: Attribution) {
        self.last = Some(attribution);
    }

    /// Start reading a sentence of `paragraph`; a new paragraph forgets earlier sources.
    pub fn enter(&mut self, paragraph: usize) {
        if paragraph != self.paragraph {
            self.paragraph = paragraph;
            self.carried = self.last.take();
            self.colon = None;
        }
    }
}

/// Cue verbs that may stand before their subject: "..., said the minister".
const INVERTING: &[&str] = &[
    "say",
    "add",
    "write",
    "ask",
    "note",
    "explain",
    "warn",
    "insist",
    "reply",
    "respond",
    "counter",
    "recall",
    "acknowledge",
    "concede",
    "declare",
    "report",
];

struct Cue {
    first: usize,
    last: usize, // inclusive token index
    according: bool,
    passive: bool,
    /// The source stands inside the cue: "quoted [Iran's Revolutionary Guards] as saying".
    inner: Option<(usize, usize)>,
    /// "..., saying": the main clause's subject is the source.
    participle: bool,
}

/// Read the sentence `text[start..end]` into one or more claims.
pub fn read_sentence(
    text: &str,
    start: usize,
    end: usize,
    registry: &Registry,
    ctx: &mut Context,
) -> Vec<ClaimDraft> {
    let toks = tokenize(text, start, end, ctx.quote_open);
    if toks.is_empty() {
        return Vec::new();
    }
    let mut lower_buf = String::with_capacity(end - start);
    let (lower_buf, lower) = lower_words(text, &toks, &mut lower_buf);

    // Candidate clause boundaries outside quotes: ", but", ", while", "; " ...
    // Each part is (first token, last token inclusive).
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut part_start = 0;
    for i in 0..toks.len() {
        if toks[i].quoted || toks[i].word {
            continue;
        }
        let p = &text[toks[i].start..toks[i].end];
        let (cut, resume) = if p == ";" {
            (true, i + 1)
        } else if p == "," {
            let next = lower.get(i + 1).copied().unwrap_or("");
            let conj = [
                "but", "while", "whereas", "although", "though", "yet", "and",
            ]
            .contains(&next);
            (conj, i + 2)
        } else {
            (false, 0)
        };
        if cut && i > part_start && resume < toks.len() {
            parts.push((part_start, i - 1));
            part_start = resume;
        }
    }
    parts.push((part_start, toks.len() - 1));

    // Attribution of each part; a part whose cue has no subject of its own ("..., but added
    // that ...") inherits the previous part's.
    let mut read: Vec<(usize, usize, Attribution)> = Vec::new();
    for &(a, b) in &parts {
        let prev = read.last().map(|r| r.2.clone());
        let attr = attribute(text, &toks, &lower, a, b, registry, ctx, prev.as_ref());
        read.push((a, b, attr));
    }

    // Merge neighbours that stand on the same sources, and fragments too short to be claims.
    let mut merged: Vec<(usize, usize, Attribution)> = Vec::new();
    for (a, b, attr) in read {
        let words = toks[a..=b].iter().filter(|t| t.word).count();
        if let Some(last) = merged.last_mut() {
            let same = last.2.kind == attr.kind && last.2.sources == attr.sources;
            if same || words < 3 {
                last.1 = b;
                continue;
            }
            let last_words = toks[last.0..=last.1].iter().filter(|t| t.word).count();
            if last_words < 3 {
                last.1 = b;
                last.2 = attr;
                continue;
            }
        }
        merged.push((a, b, attr));
    }

    // A sentence that is all quotation, with no cue of its own, continues the last speaker:
    // "...," Biden said. "But for too long, it hasn't been fair." A paragraph of bare quotation
    // continues the previous paragraph's speaker, as news style has it.
    if merged.len() == 1
        && merged[0].2.kind == AttributionKind::None
        && is_all_quote(&text[start..end])
        && let Some(prev) = ctx.last.as_ref().or(ctx.carried.as_ref())
    {
        merged[0].2 = prev.clone();
    }
    if merged.len() == 1
        && merged[0].2.kind == AttributionKind::None
        && let Some(speaker) = ctx.colon.as_ref()
    {
        merged[0].2 = speaker.clone();
    }
    if let Some(first) = merged.first()
        && first.2.cue.as_deref() == Some(":")
    {
        ctx.colon = Some(first.2.clone());
    }
    let mut out = Vec::new();
    for (a, b, attr) in merged {
        let mut last = b;
        // A part ends before its separator comma; the whole sentence keeps its full stop.
        while last > a && !toks[last].word && text[toks[last].start..toks[last].end] == *"," {
            last -= 1;
        }
        let s = toks[a].start;
        let e = toks[last].end;
        if attr.kind != AttributionKind::None {
            learn_holders(ctx, &attr, registry);
            ctx.last = Some(attr.clone());
        }
        let features = Features::of_tokens(text, &toks, &lower, a, last);
        let checkable = checkable_facts(text, &toks, lower_buf, &lower, a, last, &features);
        out.push(ClaimDraft {
            start: s,
            end: e,
            features,
            checkable,
            attribution: attr,
        });
    }
    out
}

/// The checkability facts of the claim `toks[a..=last]`, from the sentence's tokens: the same
/// as [`checkable::classify`] reads from the claim's text. Tokens cover every character but white
/// space, so the runs of tokens that touch are the text's runs between white space; an ASCII run
/// takes its lower-case form from the sentence's buffer.
fn checkable_facts(
    text: &str,
    toks: &[Tok],
    lower_buf: &str,
    lower: &[&str],
    a: usize,
    last: usize,
    features: &Features,
) -> checkable::Facts {
    // Where token `i`'s lower-case form starts in `lower_buf` (`lower_words` put them there in
    // order, touching where the tokens touch).
    let at = |i: usize| lower[i].as_ptr() as usize - lower_buf.as_ptr() as usize;
    let mut words = checkable::Words::with_capacity(last + 1 - a);
    let mut i = a;
    while i <= last {
        let mut j = i;
        while j < last && toks[j].end == toks[j + 1].start {
            j += 1;
        }
        let piece = &text[toks[i].start..toks[j].end];
        let ascii_lower = piece
            .is_ascii()
            .then(|| &lower_buf[at(i)..at(j) + lower[j].len()]);
        words.piece(piece, ascii_lower);
        i = j + 1;
    }
    let claim = &text[toks[a].start..toks[last].end];
    checkable::Facts::read(claim, &words, &features.hedges, &features.figures)
}

fn is_all_quote(s: &str) -> bool {
    let s = s.trim();
    let replaced;
    let s = if s.contains("''") {
        replaced = s.replace("''", "\"");
        replaced.as_str()
    } else {
        s
    };
    let opens = s.starts_with(['"', '\u{201C}']);
    let body = s.trim_end_matches(['.', '!', '?', ' ']);
    let closes = body.ends_with(['"', '\u{201D}']) || s.ends_with(['"', '\u{201D}']);
    opens
        && closes
        && s.chars()
            .filter(|&c| c == '"' || c == '\u{201C}' || c == '\u{201D}')
            .count()
            == 2
}

#[allow(clippy::too_many_arguments)]
fn attribute(
    text: &str,
    toks: &[Tok],
    lower: &[&str],
    a: usize,
    b: usize,
    registry: &Registry,
    ctx: &Context,
    prev_part: Option<&Attribution>,
) -> Attribution {
    let sentence_start = toks.first().map(|t| t.start).unwrap_or(0);
    if a == 0
        && let Some(k) = colon_speaker(text, toks, lower, b)
    {
        let sources = classify(
            text,
            toks[0].start,
            toks[k - 1].end,
            sentence_start,
            registry,
            ctx,
        );
        if let Some(kind) = kind_of(&sources) {
            return Attribution {
                kind,
                cue: Some(":".into()),
                sources: sources.into(),
            };
        }
    }
    // A dateline ("WASHINGTON --") is no part of the subject.
    let a = if a == 0 {
        after_dateline(text, toks, b)
    } else {
        a
    };
    let mut relative: Option<(usize, usize, String)> = None;
    let mut i = a;
    while i <= b {
        let Some(cue) = cue_at(text, toks, lower, i, b) else {
            i += 1;
            continue;
        };
        let cue_text = match cue.inner {
            Some(_) => format!("{} as saying", lower[cue.first]),
            None => normalize_v1(&text[toks[cue.first].start..toks[cue.last].end]).to_lowercase(),
        };
        if cue.passive {
            // "is said to", "was accused of": the agent, if a "by" phrase names one.
            let by =
                (cue.last + 1..=b.min(cue.last + 4)).find(|&k| lower[k] == "by" && toks[k].word);
            let sources = by
                .and_then(|k| forward_phrase(text, toks, lower, k + 1, b))
                .map(|(s, e)| classify(text, s, e, sentence_start, registry, ctx))
                .unwrap_or_default();
            // Without an agent only hearsay is an attribution ("is said to", "was reported to
            // have"); "the question was asked", "a curfew was announced" are events.
            if sources.is_empty()
                && !HEARSAY_PASSIVES.contains(&lexicon::cue_lemma(lower[cue.first]).as_str())
            {
                i = cue.last + 1;
                continue;
            }
            let kind = kind_of(&sources).unwrap_or(AttributionKind::Unnamed);
            return Attribution {
                kind,
                cue: Some(cue_text.into()),
                sources: sources.into(),
            };
        }
        if cue.participle {
            // "..., saying": the main clause's subject, or the previous part's source.
            if let Some((s, e)) = clause_subject(text, toks, lower, a, cue.first) {
                let sources = classify(text, s, e, sentence_start, registry, ctx);
                if let Some(kind) = kind_of(&sources) {
                    return Attribution {
                        kind,
                        cue: Some(cue_text.into()),
                        sources: sources.into(),
                    };
                }
            }
            if let Some(p) = prev_part.filter(|p| p.kind != AttributionKind::None) {
                return p.clone();
            }
            i = cue.last + 1;
            continue;
        }
        let span = if let Some((s, e)) = cue.inner {
            Some((toks[s].start, toks[e].end))
        } else if cue.according {
            forward_phrase(text, toks, lower, cue.last + 1, b)
        } else {
            match subject_before(text, toks, lower, a, cue.first) {
                Subject::Phrase(s, e) => Some((s, e)),
                Subject::Appositive(hs, he, as_, ae) => {
                    // One person: the head names them; the apposition may say whom they speak for.
                    let mut sources = classify(text, hs, he, sentence_start, registry, ctx);
                    if sources.len() == 1 && sources[0].id.is_none() {
                        sources[0].id = resolve(registry, ctx, &text[as_..ae]);
                    }
                    if let Some(kind) = kind_of(&sources) {
                        return Attribution {
                            kind,
                            cue: Some(cue_text.into()),
                            sources: sources.into(),
                        };
                    }
                    None
                }
                Subject::Negated => {
                    i = cue.last + 1;
                    continue;
                }
                // "Doe outlined the plan and vowed ...": the first verb's subject.
                Subject::Coordinated(and) => clause_subject(text, toks, lower, a, and),
                Subject::Relative(s, e) => {
                    relative.get_or_insert((s, e, cue_text));
                    i = cue.last + 1;
                    continue;
                }
                Subject::Missing if a > 0 && cue.first == first_non_aux(lower, a, cue.first) => {
                    if let Some(p) = prev_part.filter(|p| p.kind != AttributionKind::None) {
                        return p.clone();
                    }
                    None
                }
                // Inversion ("..., said Maria Zakharova"): only verbs whose object is not a
                // listener ("told reporters" names whom, not who).
                Subject::Missing
                    if INVERTING.contains(&lexicon::cue_lemma(lower[cue.first]).as_str())
                        && (cue.first == a || !toks[cue.first - 1].word) =>
                {
                    forward_phrase(text, toks, lower, cue.last + 1, b)
                        .filter(|&(s, e)| inverted_source(&text[s..e]))
                }
                Subject::Missing => None,
            }
        };
        if let Some((s, e)) = span {
            let sources = classify(text, s, e, sentence_start, registry, ctx);
            if let Some(kind) = kind_of(&sources) {
                return Attribution {
                    kind,
                    cue: Some(cue_text.into()),
                    sources: sources.into(),
                };
            }
        }
        i = cue.last + 1;
    }
    if let Some((s, e, cue_text)) = relative {
        let sources = classify(text, s, e, sentence_start, registry, ctx);
        if let Some(kind) = kind_of(&sources) {
            return Attribution {
                kind,
                cue: Some(cue_text.into()),
                sources: sources.into(),
            };
        }
    }
    Attribution::none()
}

/// Cue verbs whose passive reports hearsay even without an agent: "is said to", "was reported
/// to have", "is alleged to", "was quoted as saying".
const HEARSAY_PASSIVES: &[&str] = &["say", "report", "allege", "rumor", "claim", "quote"];

/// The first token after a dateline ("WASHINGTON --", "BEIJING \u{2014}") that opens the sentence,
/// or 0 when there is none.
fn after_dateline(text: &str, toks: &[Tok], b: usize) -> usize {
    let mut k = 0;
    while k <= b.min(4) && toks[k].word {
        let raw = &text[toks[k].start..toks[k].end];
        let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || raw.chars().any(char::is_lowercase) {
            return 0;
        }
        k += 1;
    }
    if k == 0 || k > b || !is_dash(punct(text, &toks[k])) {
        return 0;
    }
    while k <= b && is_dash(punct(text, &toks[k])) {
        k += 1;
    }
    if k > b { 0 } else { k }
}

/// A speaker's name before a colon that opens what they say, as transcripts and headlines write
/// it: "WALLACE: Let's start ...", "Poll: Voters Abandon ...". Returns the colon's token.
fn colon_speaker(text: &str, toks: &[Tok], lower: &[&str], b: usize) -> Option<usize> {
    let k = (1..=5.min(b)).find(|&k| !toks[k].word)?;
    if punct(text, &toks[k]) != ":" || toks[k].quoted || k + 1 > b {
        return None;
    }
    let name = toks[..k].iter().enumerate().all(|(x, t)| {
        t.word
            && (text[t.start..t.end].starts_with(|c: char| c.is_uppercase())
                || (x > 0 && ["of", "the", "and", "for"].contains(&lower[x])))
    });
    // Page furniture and section labels are not speakers.
    let label = [
        "the latest",
        "latest",
        "update",
        "updated",
        "note",
        "editor's note",
        "editor\u{2019}s note",
        "photo",
        "photos",
        "video",
        "watch",
        "related",
        "read more",
        "breaking",
        "exclusive",
        "analysis",
        "opinion",
        "correction",
        "advertisement",
        "q",
        "a",
        "source",
        "sources",
        "background",
    ];
    let prefix = lower[..k].join(" ");
    (name && !label.contains(&prefix.as_str())).then_some(k)
}

fn first_non_aux(lower: &[&str], a: usize, limit: usize) -> usize {
    let mut k = a;
    while k < limit && AUXILIARIES.contains(&lower[k]) {
        k += 1;
    }
    k
}

fn kind_of(sources: &[SourceRef]) -> Option<AttributionKind> {
    if sources.is_empty() {
        None
    } else if sources
        .iter()
        .any(|s| s.id.is_some() || !is_unnamed_phrase(&s.phrase))
    {
        Some(AttributionKind::Named)
    } else {
        Some(AttributionKind::Unnamed)
    }
}

/// Is there an attribution cue starting at token `i`?
fn cue_at(text: &str, toks: &[Tok], lower: &[&str], i: usize, b: usize) -> Option<Cue> {
    let t = &toks[i];
    if !t.word || t.quoted {
        return None;
    }
    let w = lower[i];
    let raw = &text[t.start..t.end];
    if w == "according" && i < b && lower[i + 1] == "to" {
        return Some(Cue {
            first: i,
            last: i + 1,
            according: true,
            passive: false,
            inner: None,
            participle: false,
        });
    }
    if SELF_CHARACTERIZATION.contains(&w)
        && i + 2 <= b
        && REFLEXIVES.contains(&lower[i + 1])
        && lower[i + 2] == "as"
    {
        return Some(Cue {
            first: i,
            last: i + 2,
            according: false,
            passive: false,
            inner: None,
            participle: false,
        });
    }
    // Findings of reports and studies: "the report found that", "data show that". Only with
    // "that", since "police found a body" is an event, not a source's word.
    if lexicon::EVIDENTIAL.contains(&w)
        && i < b
        && lower[i + 1] == "that"
        && !raw.starts_with(|c: char| c.is_uppercase())
    {
        return Some(Cue {
            first: i,
            last: i,
            according: false,
            passive: false,
            inner: None,
            participle: false,
        });
    }
    // "X quoted Y as saying": Y is the source.
    if (w == "quoted" || w == "quotes") && !t.quoted {
        let as_at = (i + 2..=b.min(i + 12))
            .find(|&k| lower[k] == "as" && lower.get(k + 1).is_some_and(|n| *n == "saying"));
        if let Some(k) = as_at {
            return Some(Cue {
                first: i,
                last: k + 1,
                according: false,
                passive: false,
                inner: Some((i + 1, k - 1)),
                participle: false,
            });
        }
    }
    // Findings without "that" when a poll, study or report is the subject: "a new poll shows
    // Clinton ahead"; "police found a body" stays an event.
    if lexicon::EVIDENTIAL.contains(&w) && !raw.starts_with(|c: char| c.is_uppercase()) {
        let mut k = i;
        while k > 0 && toks[k - 1].word && AUXILIARIES.contains(&lower[k - 1]) {
            k -= 1;
        }
        if k > 0 && toks[k - 1].word && lexicon::FINDING_HEADS.contains(&lower[k - 1]) {
            return Some(Cue {
                first: i,
                last: i,
                according: false,
                passive: false,
                inner: None,
                participle: false,
            });
        }
    }
    let lemma = lexicon::cue_verb(w)?;
    let prev_at = (0..i).rev().find(|&k| toks[k].word);
    let prev = prev_at.map(|k| lower[k]);
    let adjacent_prev = i.checked_sub(1).filter(|&k| toks[k].word).map(|k| lower[k]);
    let next_tok = toks.get(i + 1).filter(|_| i < b);
    let next = next_tok
        .filter(|t| t.word)
        .map(|_| lower[i + 1])
        .unwrap_or("");
    // Idioms: "Having said that", "Let's say", "needless to say".
    if prev.is_some_and(|p| ["having", "let's", "let\u{2019}s", "needless"].contains(&p)) {
        return None;
    }
    let mut participle = false;
    if w.ends_with("ing") {
        // A progressive is a cue ("is warning voters that"); a participle after a comma reports
        // the main clause's subject's words ("..., saying the plan would fail"); any other
        // "-ing" form ("began by saying", "for claiming") is not a cue.
        let progressive = adjacent_prev.is_some_and(|p| {
            ["is", "are", "was", "were", "been", "be", "am"].contains(&p) || pronoun_contraction(p)
        });
        let after_comma = i > 0 && punct(text, &toks[i - 1]) == ",";
        if after_comma && lexicon::SPEECH_PARTICIPLES.contains(&w) {
            participle = true;
        } else if !progressive {
            return None;
        }
    }
    if raw.starts_with(|c: char| c.is_uppercase()) {
        // "States", sentence-initial nouns; a headline's "Graham Says" is a cue.
        let headline = i > 0 && !lexicon::NOUN_LIKE_CUES.contains(&w) && is_title_case(text, toks);
        if !headline {
            return None;
        }
    }
    if prev.is_some_and(|p| DETERMINERS.contains(&p)) {
        return None; // "his claims", "a warning", "the call"
    }
    // A possessive makes the form a noun: "the candidate's call", "Trump's claims".
    if let Some(p) = adjacent_prev
        && (p.ends_with("'s") || p.ends_with("\u{2019}s") || p.ends_with("s'"))
        && !pronoun_contraction(p)
        && ![
            "that's",
            "that\u{2019}s",
            "who's",
            "who\u{2019}s",
            "there's",
        ]
        .contains(&p)
    {
        return None;
    }
    // Forms that are also plural nouns ("swing states of Ohio", "late-night calls came") are
    // cues only before what can open reported content.
    if lexicon::NOUN_LIKE_CUES.contains(&w) {
        let opens = match next_tok {
            None => false,
            Some(t) if !t.word => {
                let p = punct(text, t);
                [":", ",", "\"", "\u{201C}", "''"].contains(&p)
            }
            Some(t) => {
                let nraw = &text[t.start..t.end];
                next == "that"
                    || PRONOUNS.contains(&next)
                    || [
                        "the", "a", "an", "his", "her", "its", "their", "this", "these", "those",
                        "for", "on", "him", "them", "us", "me",
                    ]
                    .contains(&next)
                    || nraw.starts_with(|c: char| c.is_uppercase())
            }
        };
        if !opens || prev.is_some_and(is_number_word) {
            return None;
        }
    }
    // A form that is also a noun ("a conference call", "in most states", "credit reports") that
    // the rules above let through: the tagger decides, and only a clear NOUN rejects (margin
    // measured on PolNeAR dev and train, see data/postag/README.md).
    if lexicon::NOUN_LIKE_CUES
        .iter()
        .any(|n| *n == w || n.strip_suffix('s') == Some(w))
        && crate::postag::noun_over_verb(lower, i) > 10.0
    {
        return None;
    }
    let mut last = i;
    if lemma == "call" {
        if ["off", "up", "in", "out", "back", "it"].contains(&next) {
            return None;
        }
        // "what he called a con": a label inside another clause, not a report of its own.
        if what_before(toks, lower, i) {
            return None;
        }
        // "called snap elections", "called a press conference": convened, not said.
        if convenes(lower, i + 1, b) {
            return None;
        }
        if next == "for" || next == "on" {
            // "called for an inquiry", "called on Congress to act"; not "called on Tuesday".
            let after = lower.get(i + 2).copied().unwrap_or("");
            if lexicon::WEEKDAYS.contains(&after) {
                return None;
            }
            last = i + 1;
        } else if w == "called" {
            // "a firm called Gavekal" names; "as it was called" too.
            let two_back = prev_at.and_then(|k| k.checked_sub(1)).map(|k| lower[k]);
            let named = adjacent_prev.is_some_and(|p| {
                ["is", "are", "was", "were", "been", "be", "being", "so"].contains(&p)
            }) || (two_back.is_some_and(|x| ["a", "an"].contains(&x))
                && adjacent_prev.is_some());
            if named {
                return None;
            }
        }
    }
    if lemma == "decline" && next != "to" {
        return None; // "declined to comment"; "sales declined" is an event
    }
    // Passive: "is said to", "has been accused of".
    let mut k = i;
    let mut passive = false;
    while k > 0
        && toks[k - 1].word
        && (AUXILIARIES.contains(&lower[k - 1]) || ["been", "being", "be"].contains(&lower[k - 1]))
    {
        if ["is", "are", "was", "were", "been", "being", "be"].contains(&lower[k - 1]) {
            passive = true;
        }
        k -= 1;
    }
    // "people accused of rape": a participle with no object is passive, whatever precedes it.
    if lemma == "accuse" && next == "of" {
        passive = true;
    }
    let past = w.ends_with("ed") || ["said", "told", "written", "shown", "known"].contains(&w);
    Some(Cue {
        first: i,
        last,
        according: false,
        passive: passive && past,
        inner: None,
        participle,
    })
}

/// "he's", "they're": a pronoun with its auxiliary.
fn pronoun_contraction(p: &str) -> bool {
    let base = p
        .strip_suffix("'s")
        .or_else(|| p.strip_suffix("\u{2019}s"))
        .or_else(|| p.strip_suffix("'re"))
        .or_else(|| p.strip_suffix("\u{2019}re"));
    base.is_some_and(|b| PRONOUNS.contains(&b))
}

/// Is the cue at `i` inside a "what X called" phrase ("what he called a con", "what multiple
/// lawmakers called fraud")? Reads back over the words of the subject to a "what".
fn what_before(toks: &[Tok], lower: &[&str], i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 6 && toks[k - 1].word {
        let w = lower[k - 1];
        if w == "what" {
            return true;
        }
        if SUBJECT_STOPS.contains(&w) {
            return false;
        }
        k -= 1;
    }
    false
}

/// Things a person calls in the sense of convening or ordering them.
const CONVENED: &[&str] = &[
    "election",
    "elections",
    "meeting",
    "meetings",
    "vote",
    "conference",
    "hearing",
    "hearings",
    "strike",
    "session",
    "referendum",
    "summit",
    "recess",
    "halt",
    "truce",
    "ceasefire",
    "timeout",
    "caucus",
];

/// Does an object that is convened follow at `from` ("snap elections", "a press conference",
/// "an emergency meeting")? An indefinite article or none, then at most two modifiers.
fn convenes(lower: &[&str], from: usize, b: usize) -> bool {
    let mut k = from;
    if k > b || DETERMINERS.contains(&lower[k]) && !["a", "an"].contains(&lower[k]) {
        return false; // "called the election rigged" describes it
    }
    if ["a", "an"].contains(&lower[k]) {
        k += 1;
    }
    (k..=b.min(k + 2)).any(|x| CONVENED.contains(&lower[x]))
}

/// Is the sentence of `toks` set in title case, as headlines are ("Graham Says Trump Will Win")?
fn is_title_case(text: &str, toks: &[Tok]) -> bool {
    let long: Vec<&str> = toks
        .iter()
        .filter(|t| t.word && !t.quoted && t.end - t.start > 3)
        .map(|t| &text[t.start..t.end])
        .collect();
    long.len() >= 3
        && long
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count()
            * 5
            >= long.len() * 4
}

enum Subject {
    Phrase(usize, usize),
    /// "Maria Zakharova, a spokeswoman for the ministry, said": the head and the apposition.
    Appositive(usize, usize, usize, usize),
    Negated,
    /// "Doe outlined the plan and vowed": the cue's subject is the clause's; the token is "and".
    Coordinated(usize),
    /// "Doe, who said ...": the antecedent of a relative clause's cue, a source only when the
    /// sentence has no cue of its own ("the official who said X was fired" vs "Doe, who said X,
    /// told reporters Y").
    Relative(usize, usize),
    Missing,
}

fn punct<'a>(text: &'a str, t: &Tok) -> &'a str {
    if t.word { "" } else { &text[t.start..t.end] }
}

fn is_dash(p: &str) -> bool {
    matches!(p, "-" | "\u{2013}" | "\u{2014}" | "\u{2015}")
}

/// The "(" that opens the parenthesis closed at token `close`, if it is short: "(R-Ga.)".
fn paren_open(text: &str, toks: &[Tok], a: usize, close: usize) -> Option<usize> {
    (close.saturating_sub(8).max(a)..close)
        .rev()
        .find(|&k| punct(text, &toks[k]) == "(")
}

/// A manner adverb between a subject and its cue: "forcefully told", "just announced".
fn is_adverb(raw: &str, lower: &str) -> bool {
    (lower.ends_with("ly")
        && lower.len() > 4
        && !raw.starts_with(|c: char| c.is_uppercase())
        && !lexicon::LY_NOUNS.contains(&lower))
        || [
            "just", "together", "also", "then", "too", "both", "all", "each",
        ]
        .contains(&lower)
}

/// How many tokens of a time phrase end just before token `k` ("on Friday", "this week",
/// "in 2010", "earlier this month"), or 0.
fn time_phrase_before(text: &str, toks: &[Tok], lower: &[&str], a: usize, k: usize) -> usize {
    if k <= a || !toks[k - 1].word {
        return 0;
    }
    let w = lower[k - 1];
    let word_at = |j: usize| (j >= a && toks[j].word).then(|| lower[j]);
    let mut n = 0;
    if lexicon::WEEKDAYS.contains(&w) || ["today", "yesterday", "tonight"].contains(&w) {
        n = 1;
    } else if lexicon::TIME_NOUNS.contains(&w)
        && k >= 2
        && word_at(k - 2).is_some_and(|p| ["this", "last", "next", "that", "each"].contains(&p))
    {
        n = 2;
        if k >= 3 && word_at(k - 3).is_some_and(|p| ["earlier", "later"].contains(&p)) {
            n = 3;
        }
    } else if ((w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        || lexicon::MONTHS.contains(&&text[toks[k - 1].start..toks[k - 1].end]))
        && k >= 2
        && word_at(k - 2) == Some("in")
    {
        n = 2;
    }
    if n == 1
        && k >= 2
        && word_at(k - 2)
            .is_some_and(|p| ["on", "last", "this", "next", "late", "early"].contains(&p))
    {
        n = 2;
    }
    n
}

/// Does the phrase `toks[s..e]` read as a clause (a finite verb before any relative pronoun)?
fn has_finite_verb(lower: &[&str], toks: &[Tok], s: usize, e: usize) -> bool {
    for k in s..e {
        if !toks[k].word {
            continue;
        }
        let w = lower[k];
        if ["who", "which", "whose", "that", "whom"].contains(&w) {
            return false;
        }
        if lexicon::FINITE.contains(&w) || lexicon::cue_verb(w).is_some_and(|_| !w.ends_with("ing"))
        {
            return true;
        }
    }
    false
}

/// The subject before a comma that precedes the cue, across appositions and relative clauses:
/// "Sen. Jane Doe (R-Ga.), who served as ambassador to X from 2012 until this year, said".
/// `comma` is the comma's token; the head is the earliest of a chain of comma- or dash-separated
/// noun phrases (relative clauses allowed) that runs up to it.
fn comma_subject(text: &str, toks: &[Tok], lower: &[&str], a: usize, comma: usize) -> Subject {
    // Segments as token ranges [s, e), from the cue backward.
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut end = comma;
    let mut j = comma;
    let mut words = 0;
    loop {
        if j == a {
            segs.push((j, end));
            break;
        }
        let t = &toks[j - 1];
        if t.quoted {
            segs.push((j, end));
            break;
        }
        if !t.word {
            let p = punct(text, t);
            if p == "." {
                j -= 1; // an abbreviation's full stop: "R-Ky."
                continue;
            }
            if p == "," || is_dash(p) {
                segs.push((j, end));
                end = j - 1;
                j -= 1;
                continue;
            }
            if p == ")"
                && let Some(o) = paren_open(text, toks, a, j - 1)
            {
                j = o;
                continue;
            }
            segs.push((j, end));
            break;
        }
        words += 1;
        if words > 45 {
            return Subject::Missing;
        }
        j -= 1;
    }
    let segs: Vec<(usize, usize)> = segs.into_iter().filter(|&(s, e)| s < e).collect();
    // Walk from the cue back while the segments are appositions or relative clauses.
    let mut chain = 0;
    for &(s, e) in &segs {
        let rel = ["who", "which", "whose", "whom"].contains(&lower[s]);
        if !rel && has_finite_verb(lower, toks, s, e) {
            break;
        }
        if toks[s..e]
            .iter()
            .any(|t| !t.word && !["(", ")", "."].contains(&punct(text, t)))
        {
            break;
        }
        chain += 1;
    }
    if chain < 2 {
        return Subject::Missing;
    }
    let chain = &segs[..chain];
    // The head: the earliest segment that opens like a name or noun phrase.
    let opens_np = |&(s, _): &(usize, usize)| {
        let w = lower[s];
        let raw = &text[toks[s].start..toks[s].end];
        let prep = [
            "in",
            "on",
            "at",
            "after",
            "during",
            "for",
            "from",
            "with",
            "by",
            "of",
            "to",
            "as",
            "since",
            "like",
            "including",
            "who",
            "which",
            "whose",
            "whom",
            "now",
            "then",
        ]
        .contains(&w);
        let quantity =
            is_number_word(w) || ["some", "many", "several", "most", "both", "each"].contains(&w);
        !prep
            && (raw.starts_with(|c: char| c.is_uppercase())
                || DETERMINERS.contains(&w)
                || quantity && lower.get(s + 1).is_some_and(|n| *n == "of"))
    };
    let Some(h) = (0..chain.len())
        .rev()
        .find(|&h| h > 0 && opens_np(&chain[h]))
    else {
        return Subject::Missing;
    };
    let (mut hs, he) = chain[h];
    while hs + 1 < he && ["but", "and", "so", "yet", "however", "also"].contains(&lower[hs]) {
        hs += 1;
    }
    if he - hs > 8 || (hs..he).any(|x| toks[x].word && SUBJECT_STOPS.contains(&lower[x])) {
        return Subject::Missing;
    }
    // "Doe, Roe and Poe said": a list of names, not a head and its apposition.
    let all_names = chain[..=h].iter().all(|&(s, e)| {
        toks[s..e].iter().enumerate().all(|(x, t)| {
            !t.word
                || text[t.start..t.end].starts_with(|c: char| c.is_uppercase())
                || (x > 0 && ["and", "&"].contains(&lower[s + x]))
        })
    });
    if all_names
        && toks[chain[0].0..chain[0].1]
            .iter()
            .any(|t| t.word && text[t.start..t.end] == *"and")
    {
        return Subject::Phrase(toks[hs].start, toks[chain[0].1 - 1].end);
    }
    let (as_, ae) = chain[h - 1];
    let mut he = he;
    // A party tag in parentheses stays out of the name: "Sen. Jane Doe (R-Ga.)".
    if punct(text, &toks[he - 1]) == ")"
        && let Some(o) = paren_open(text, toks, hs, he - 1)
        && o > hs
    {
        he = o;
    }
    Subject::Appositive(
        toks[hs].start,
        toks[he - 1].end,
        toks[as_].start,
        toks[ae - 1].end,
    )
}

/// The subject phrase read backward from a cue, skipping auxiliaries ("has also said"), adverbs
/// ("forcefully told"), time phrases ("said Friday", "this month announced") and a party tag
/// ("Sen. Jane Doe (R-Ga.) said").
fn subject_before(text: &str, toks: &[Tok], lower: &[&str], a: usize, cue: usize) -> Subject {
    let mut k = cue;
    while k > a {
        let t = &toks[k - 1];
        if t.word {
            let w = lower[k - 1];
            if lexicon::is_negator(w) {
                return Subject::Negated; // "did not say": no attribution
            }
            if AUXILIARIES.contains(&w) || is_adverb(&text[t.start..t.end], w) {
                k -= 1;
                continue;
            }
            let n = time_phrase_before(text, toks, lower, a, k);
            if n > 0 && k - n > a {
                k -= n;
                continue;
            }
        } else if punct(text, t) == ")"
            && let Some(o) = paren_open(text, toks, a, k - 1)
            && o > a
            && toks[o - 1].word
        {
            k = o;
            continue;
        }
        break;
    }
    if k > a && toks[k - 1].word && !toks[k - 1].quoted {
        let w = lower[k - 1];
        if w == "and" && k - 1 > a {
            return Subject::Coordinated(k - 1);
        }
        // "the impact it said": a personal pronoun is the whole subject.
        if PRONOUNS.contains(&w) {
            return Subject::Phrase(toks[k - 1].start, toks[k - 1].end);
        }
        // "Doe, who said", "the official who said": the relative pronoun's antecedent.
        if w == "who" {
            return match relative_antecedent(text, toks, lower, a, k - 1) {
                Subject::Phrase(s, e) => Subject::Relative(s, e),
                other => other,
            };
        }
    }
    // `k` is one past the subject's last token.
    let end_tok = k;
    if end_tok > a && !toks[end_tok - 1].word && !toks[end_tok - 1].quoted {
        let p = punct(text, &toks[end_tok - 1]);
        if p == "," || is_dash(p) {
            return comma_subject(text, toks, lower, a, end_tok - 1);
        }
    }
    // Returns the first token of the phrase ending just before `from`.
    let mut j = end_tok;
    let mut n = 0;
    let mut listed = false;
    while j > a {
        let t = &toks[j - 1];
        // A list of names: "Doe, Roe and Poe said".
        let list_comma = listed
            && punct(text, t) == ","
            && j >= 2
            && j - 2 >= a
            && toks[j - 2].word
            && text[toks[j - 2].start..toks[j - 2].end].starts_with(|c: char| c.is_uppercase());
        if list_comma {
            j -= 1;
            continue;
        }
        if !t.word || t.quoted {
            break;
        }
        let w = lower[j - 1];
        if SUBJECT_STOPS.contains(&w) {
            break;
        }
        if w == "and" || w == "&" {
            let before = j.checked_sub(2).filter(|&x| x >= a && toks[x].word);
            let ok = before.is_some_and(|x| {
                let raw = &text[toks[x].start..toks[x].end];
                raw.starts_with(|c: char| c.is_uppercase()) || UNNAMED_WORDS.contains(&lower[x])
            });
            if !ok {
                break;
            }
            listed = true;
        }
        n += 1;
        if n > 10 {
            return Subject::Missing; // too long to be a subject: not an attribution
        }
        j -= 1;
        // A determiner opens the noun phrase ("a move the White House said" -> "the White
        // House"), unless a preposition joins it to a head before ("a spokeswoman for the").
        if [
            "the", "a", "an", "this", "these", "those", "its", "his", "her", "their",
        ]
        .contains(&w)
        {
            let joined = j > a
                && toks[j - 1].word
                && [
                    "of", "for", "with", "at", "in", "from", "on", "to", "within",
                ]
                .contains(&lower[j - 1]);
            if !joined {
                break;
            }
        }
    }
    if j == end_tok {
        return Subject::Missing;
    }
    // "sources who reviewed the documents told": the phrase read is the relative clause's
    // object; the subject is what "who" refers to.
    if let Some(who) = (j.saturating_sub(6).max(a)..j)
        .rev()
        .take_while(|&x| toks[x].word && !toks[x].quoted)
        .find(|&x| lower[x] == "who")
    {
        return relative_antecedent(text, toks, lower, a, who);
    }
    // "In a Bloomberg interview Trump declared": a leading prepositional phrase is no part of
    // the subject; the subject is the name or noun phrase that closes the run.
    if LEADING_PREPOSITIONS.contains(&lower[j]) && end_tok - j >= 3 {
        let capital = |x: usize| text[toks[x].start..].starts_with(|c: char| c.is_uppercase());
        let mut cut = j;
        for x in j + 1..end_tok {
            let opens_name = capital(x) && !(x - 1 > j && capital(x - 1)) && !is_det(lower[x - 1]);
            if is_det(lower[x]) || opens_name {
                cut = x;
            }
        }
        if cut > j && !(is_det(lower[cut]) && cut + 1 == end_tok) {
            j = cut;
        }
    }
    Subject::Phrase(toks[j].start, toks[end_tok - 1].end)
}

fn is_det(w: &str) -> bool {
    ["the", "a", "an"].contains(&w)
}

/// Prepositions that open an adverbial before the subject: "In an interview Doe said".
const LEADING_PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "since",
    "from",
    "with",
    "under",
    "amid",
    "despite",
    "following",
    "through",
    "over",
];

/// The antecedent of the relative pronoun at `who`: "Doe, who said" -> "Doe"; "the official who
/// said" -> "the official".
fn relative_antecedent(text: &str, toks: &[Tok], lower: &[&str], a: usize, who: usize) -> Subject {
    if who <= a {
        return Subject::Missing;
    }
    let end = if punct(text, &toks[who - 1]) == "," {
        who - 1
    } else {
        who
    };
    if end <= a || !toks[end - 1].word {
        return Subject::Missing;
    }
    match subject_before(text, toks, lower, a, end) {
        Subject::Phrase(s, e) if !PRONOUNS.contains(&text[s..e].to_lowercase().as_str()) => {
            Subject::Phrase(s, e)
        }
        _ => Subject::Missing,
    }
}

/// The subject of the clause that starts at token `a` and runs to `limit`: "During the speech,
/// [Mr. Trump] attacked Clinton, saying ...". Read forward to the first verb-like word.
fn clause_subject(
    text: &str,
    toks: &[Tok],
    lower: &[&str],
    a: usize,
    limit: usize,
) -> Option<(usize, usize)> {
    let mut i = a;
    // An opening adverbial ends at its comma: "On Tuesday,", "In a statement,".
    let intro = [
        "in",
        "on",
        "at",
        "after",
        "during",
        "before",
        "since",
        "with",
        "for",
        "from",
        "by",
        "earlier",
        "later",
        "last",
        "yesterday",
        "today",
        "meanwhile",
        "still",
        "instead",
    ];
    if toks[i].word && intro.contains(&lower[i]) {
        let comma = (i..limit).find(|&k| punct(text, &toks[k]) == ",")?;
        i = comma + 1;
    }
    while i < limit && toks[i].word && ["but", "and", "so", "yet", "then"].contains(&lower[i]) {
        i += 1;
    }
    let start = i;
    while i < limit && toks[i].word && !toks[i].quoted {
        let w = lower[i];
        let raw = &text[toks[i].start..toks[i].end];
        let lowercase = raw.starts_with(|c: char| c.is_lowercase());
        if SUBJECT_STOPS.contains(&w) {
            return None;
        }
        let verb = lexicon::FINITE.contains(&w)
            || AUXILIARIES.contains(&w)
            || lexicon::cue_verb(w).is_some()
            || (lowercase && i > start && (w.ends_with("ed") || lexicon::PAST_FORMS.contains(&w)));
        if verb {
            break;
        }
        i += 1;
        if i - start > 8 {
            return None;
        }
    }
    if i == start || i >= limit {
        return None;
    }
    let first = &text[toks[start].start..toks[start].end];
    let opens = first.starts_with(|c: char| c.is_uppercase())
        || DETERMINERS.contains(&lower[start])
        || PRONOUNS.contains(&lower[start]);
    opens.then(|| (toks[start].start, toks[i - 1].end))
}

/// A noun phrase read forward from token `from` (after "according to", or "said" in inversion).
fn forward_phrase(
    _text: &str,
    toks: &[Tok],
    lower: &[&str],
    from: usize,
    b: usize,
) -> Option<(usize, usize)> {
    let mut j = from;
    while j <= b && toks[j].word && !toks[j].quoted {
        let w = lower[j];
        let time = lexicon::WEEKDAYS.contains(&w)
            || ["today", "yesterday", "tonight", "last", "earlier", "later"].contains(&w);
        if (SUBJECT_STOPS.contains(&w) && j > from)
            || (j == from && ["that", "in", "on", "at", "it", "this", "to", "of"].contains(&w))
            || time
            || (j > from
                && [
                    "in", "on", "during", "when", "while", "after", "before", "via",
                ]
                .contains(&w))
        {
            break;
        }
        j += 1;
        if j - from > 12 {
            return None;
        }
    }
    (j > from).then(|| (toks[from].start, toks[j - 1].end))
}

/// Can a phrase read after its cue be the source ("said one Republican aide", "says political
/// scientist Jane Doe"), rather than the reported content ("said the plan failed")?
fn inverted_source(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    if lower.iter().any(|w| lexicon::FINITE.contains(&w.as_str())) {
        return false;
    }
    let opener = [
        "the", "a", "an", "one", "another", "two", "three", "four", "several", "some", "many",
        "both", "each", "most", "other",
    ];
    first.starts_with(|c: char| c.is_uppercase())
        || opener.contains(&lower[0].as_str())
        || words
            .iter()
            .take(4)
            .any(|w| w.starts_with(|c: char| c.is_uppercase()))
}

fn is_unnamed_phrase(phrase: &str) -> bool {
    // An unresolved "he" or "she" is someone the article named earlier.
    if PRONOUNS.contains(&&*lower_cow(phrase)) {
        return false;
    }
    // Named if any word past the first is capitalized, or the first is capitalized but is not a
    // common word (a sentence-initial "Officials" or "Some" is common).
    for (idx, w) in phrase.split_whitespace().enumerate() {
        if w.starts_with(|c: char| c.is_uppercase()) {
            if idx > 0 {
                return false;
            }
            let lower = lower_cow(w);
            let lower: &str = &lower;
            let common = UNNAMED_WORDS.contains(&lower)
                || DETERMINERS.contains(&lower)
                || [
                    "a", "an", "the", "several", "two", "three", "many", "most", "senior", "other",
                ]
                .contains(&lower);
            if !common {
                return false;
            }
        }
    }
    // Unnamed only with a content word: not a bare determiner.
    phrase
        .split_whitespace()
        .any(|w| !DETERMINERS.contains(&&*lower_cow(w)))
}

/// The surname a source phrase ends on: "Mr. Putin" -> "Putin", "Putin's aides" -> None.
fn surname(phrase: &str) -> Option<&str> {
    let last = phrase.split_whitespace().next_back()?;
    let last = last.strip_suffix("'s").unwrap_or(last);
    last.starts_with(|c: char| c.is_uppercase()).then_some(last)
}

/// The registry id of a phrase, or of the office holder the article named earlier by title
/// ("President Vladimir V. Putin ... Mr. Putin said"). A *former* holder gets none.
fn resolve(registry: &Registry, ctx: &Context, phrase: &str) -> Option<String> {
    if let Some(id) = registry.resolve(phrase) {
        return Some(id.to_string());
    }
    if ctx.holders.is_empty() || phrase.split_whitespace().any(crate::sources::is_former) {
        return None;
    }
    let name = surname(phrase)?;
    ctx.holders
        .iter()
        .rev()
        .find(|(s, _)| s == name)
        .and_then(|(_, id)| id.clone())
}

/// Remember the office holders a claim's sources name, and those named as former.
fn learn_holders(ctx: &mut Context, attr: &Attribution, registry: &Registry) {
    for s in &attr.sources {
        // Only a phrase that resolved can name an office holder.
        if s.id.is_some()
            && let Some((id, name)) = registry.office_holder(&s.phrase)
        {
            ctx.holders.push((name, Some(id.to_string())));
        } else if s.phrase.split_whitespace().any(crate::sources::is_former)
            && let Some(name) = surname(&s.phrase)
        {
            ctx.holders.push((name.to_string(), None));
        }
    }
}

/// Split a source phrase into its conjuncts and resolve each.
fn classify(
    text: &str,
    s: usize,
    e: usize,
    sentence_start: usize,
    registry: &Registry,
    ctx: &Context,
) -> Vec<SourceRef> {
    let phrase = text[s..e].trim();
    let norm_whole = normalize_v1(phrase);
    let lower_whole = norm_whole.to_lowercase();
    if PRONOUNS.contains(&lower_whole.as_str()) {
        // The paragraph's last source, unless that was itself an unresolved pronoun.
        let resolved = ctx.last.as_ref().filter(|p| {
            p.sources
                .iter()
                .any(|s| s.id.is_some() || !PRONOUNS.contains(&s.phrase.to_lowercase().as_str()))
        });
        return match resolved {
            Some(prev) => prev.sources.to_vec(),
            None => vec![SourceRef {
                id: None,
                phrase: norm_whole.into(),
            }],
        };
    }
    let _ = sentence_start;
    if let Some(id) = resolve(registry, ctx, phrase)
        && !norm_whole.contains(" and ")
        && !norm_whole.contains(", ")
    {
        return vec![SourceRef {
            id: Some(id.to_string()),
            phrase: norm_whole.into(),
        }];
    }
    let mut out = Vec::new();
    for conj in norm_whole
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
    {
        let conj = conj.trim().trim_start_matches("as well as ").trim();
        if conj.is_empty() {
            continue;
        }
        let id = resolve(registry, ctx, conj);
        out.push(SourceRef {
            id,
            phrase: conj.into(),
        });
    }
    // Most claims have one source; a vector grown by pushing has room for four, and a long
    // article's reading holds one per attributed claim until its claims are made.
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(String, Attribution)> {
        let reg = Registry::default();
        let mut ctx = Context::default();
        read_sentence(s, 0, s.len(), &reg, &mut ctx)
            .into_iter()
            .map(|d| (s[d.start..d.end].to_string(), d.attribution))
            .collect()
    }

    fn ids(a: &Attribution) -> Vec<Option<&str>> {
        a.sources.iter().map(|s| s.id.as_deref()).collect()
    }

    #[test]
    fn splits_a_sentence_whose_parts_stand_on_different_sources() {
        let claims = read(
            "China has vowed not to provide lethal weapons to Russia, but the United States and Western analysts say China has been aiding Russia with satellite intelligence.",
        );
        assert_eq!(claims.len(), 2);
        assert_eq!(
            claims[0].0,
            "China has vowed not to provide lethal weapons to Russia"
        );
        assert_eq!(claims[0].1.cue.as_deref(), Some("vowed"));
        assert_eq!(ids(&claims[0].1), vec![Some("chinese-government")]);
        assert!(
            claims[1]
                .0
                .starts_with("the United States and Western analysts say China")
        );
        assert_eq!(claims[1].1.cue.as_deref(), Some("say"));
        assert_eq!(
            ids(&claims[1].1),
            vec![Some("us-government"), Some("western-analysts")]
        );
        assert_eq!(claims[1].1.sources[0].phrase, "the United States");
    }

    #[test]
    fn own_voice_and_beliefs_are_not_attributed() {
        for s in [
            "Mr. Putin is trying to escalate his war in Ukraine, and likely wants to know he can rely on China.",
            "Mr. Xi sees in Mr. Putin a like-minded autocratic leader.",
            "Mr. Putin is expected to seek more trade and business deals.",
            "The two leaders have cast their relationship as deeply personal.",
            "His claims were dismissed by the court.",
        ] {
            let c = read(s);
            assert_eq!(c.len(), 1, "{s}");
            assert_eq!(c[0].1.kind, AttributionKind::None, "{s}");
        }
    }

    #[test]
    fn self_characterization_unnamed_and_named_unknown() {
        let c = read("China casts itself as neutral on the war in Ukraine.");
        assert_eq!(c[0].1.cue.as_deref(), Some("casts itself as"));
        assert_eq!(ids(&c[0].1), vec![Some("chinese-government")]);

        let c =
            read("He tried to align with Russia, an approach that some call a strategic straddle.");
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
        assert_eq!(c[0].1.sources[0].phrase, "some");

        let c = read("It was an approach that European diplomats call a strategic straddle.");
        assert_eq!(c[0].1.kind, AttributionKind::Named);
        assert_eq!(
            c[0].1.sources,
            vec![SourceRef {
                id: None,
                phrase: "European diplomats".into()
            }]
        );
    }

    #[test]
    fn according_to_inversion_appositive_passive() {
        let c = read("The talks failed, according to two people familiar with the matter.");
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
        assert_eq!(
            c[0].1.sources[0].phrase,
            "two people familiar with the matter"
        );

        let c = read("\u{201C}We will not say more,\u{201D} said Maria Zakharova, a spokeswoman.");
        assert_eq!(c[0].1.kind, AttributionKind::Named);
        assert_eq!(c[0].1.sources[0].phrase, "Maria Zakharova");

        let c = read("Dmitri S. Peskov, the Kremlin spokesman, said the talks went well.");
        assert_eq!(ids(&c[0].1), vec![Some("russian-government")]);
        // A former official does not speak for the government.
        let c = read("Zhao Lin, a former Foreign Ministry spokesman, said the talks went well.");
        assert_eq!(ids(&c[0].1), vec![None]);
        assert_eq!(c[0].1.sources[0].phrase, "Zhao Lin");
        let c = read("Ms. Doe said in a telephone interview that the plan was dead.");
        assert_eq!(c[0].1.sources[0].phrase, "Ms. Doe");

        let c = read("China is said to be supplying drones.");
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
        assert!(c[0].1.sources.is_empty());

        let c = read("Officials said the plant had closed.");
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
        assert_eq!(c[0].1.sources[0].phrase, "Officials");

        let c = read("Chinese officials said the talks would focus on energy and trade.");
        assert_eq!(ids(&c[0].1), vec![Some("chinese-government")]);
    }

    #[test]
    fn subject_phrase_starts_at_its_determiner() {
        let c = read("Biden raised tariffs, a move the White House said would protect jobs.");
        assert_eq!(
            c[0].1.sources,
            vec![SourceRef {
                id: Some("us-government".into()),
                phrase: "the White House".into()
            }]
        );
        let c = read("Two people familiar with the matter said the deal was off.");
        assert_eq!(
            c[0].1.sources[0].phrase,
            "Two people familiar with the matter"
        );
        let c = read("A spokeswoman for the ministry said the deal was off.");
        assert_eq!(c[0].1.sources[0].phrase, "A spokeswoman for the ministry");
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
    }

    #[test]
    fn a_quoted_sentence_continues_the_speaker() {
        let reg = Registry::default();
        let mut ctx = Context::default();
        let s = "\u{201C}We will win,\u{201D} President Putin said. \u{201C}But it will take time.\u{201D}";
        let cut = s.find(" \u{201C}But").unwrap();
        let first = read_sentence(s, 0, cut, &reg, &mut ctx);
        assert_eq!(
            first[0].attribution.sources[0].id.as_deref(),
            Some("russian-government")
        );
        let d = read_sentence(s, cut + 1, s.len(), &reg, &mut ctx);
        assert_eq!(
            d[0].attribution.sources[0].id.as_deref(),
            Some("russian-government")
        );
        assert_eq!(
            &s[d[0].start..d[0].end],
            "\u{201C}But it will take time.\u{201D}"
        );
    }

    #[test]
    fn relative_clauses_and_listeners_are_not_sources() {
        let c = read(
            "A student at the university, who asked not to be named, told The New York Times that the lab had closed.",
        );
        assert_eq!(c[0].1.sources[0].phrase, "A student at the university");
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
        let c = read("\u{201C}Why now?\u{201D} asked the senator.");
        assert_eq!(c[0].1.sources[0].phrase, "the senator");
    }

    #[test]
    fn findings_of_reports_need_that() {
        let c = read("The report, released Monday, found that the dam was unsafe.");
        assert_eq!(c[0].1.cue.as_deref(), Some("found"));
        assert_eq!(c[0].1.sources[0].phrase, "The report");
        let c = read("Police found a body near the river.");
        assert_eq!(c[0].1.kind, AttributionKind::None);
        let c = read("In a statement, the company said profits fell.");
        assert_eq!(c[0].1.sources[0].phrase, "the company");
        let c = read("Two officials familiar with the talks said the deal was close.");
        assert_eq!(
            c[0].1.sources[0].phrase,
            "Two officials familiar with the talks"
        );
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
    }

    #[test]
    fn quoted_as_saying_and_participles() {
        let c = read(
            "Iranian state television quoted Iran\u{2019}s Revolutionary Guards as saying a tanker had been seized.",
        );
        assert_eq!(c[0].1.sources[0].phrase, "Iran's Revolutionary Guards");
        assert_eq!(c[0].1.cue.as_deref(), Some("quoted as saying"));
        // A participle after a comma reports the main clause's subject's words.
        let c = read("The ministry issued a statement on Monday, saying the port was closed.");
        assert_eq!(c[0].1.cue.as_deref(), Some("saying"));
        assert_eq!(c[0].1.sources[0].phrase, "The ministry");
        // Any other "-ing" form is not a cue.
        let c = read("The senator began by saying he would run again.");
        assert_eq!(c[0].1.kind, AttributionKind::None);
        let c = read(
            "\"It will be destructive,\" Medvedev, now the deputy head of Russia\u{2019}s security council, said of the expulsions.",
        );
        assert_eq!(c[0].1.sources[0].phrase, "Medvedev");
    }

    #[test]
    fn a_paragraph_of_bare_quotation_continues_the_previous_speaker() {
        let reg = Registry::default();
        let mut ctx = Context::default();
        let s = "The Kremlin said talks were useful.\u{201C}We will continue.\u{201D}";
        let cut = s.find('\u{201C}').unwrap();
        read_sentence(s, 0, cut, &reg, &mut ctx);
        ctx.enter(1);
        let d = read_sentence(s, cut, s.len(), &reg, &mut ctx);
        assert_eq!(
            d[0].attribution.sources[0].id.as_deref(),
            Some("russian-government")
        );
        ctx.enter(2);
        ctx.enter(3);
        let d = read_sentence(s, cut, s.len(), &reg, &mut ctx);
        assert_eq!(
            d[0].attribution.kind,
            AttributionKind::None,
            "only the paragraph right before"
        );
    }

    #[test]
    fn pronoun_takes_the_paragraphs_last_source() {
        let reg = Registry::default();
        let mut ctx = Context::default();
        let s = "The Kremlin said talks were useful. It said they would continue.";
        read_sentence(s, 0, 35, &reg, &mut ctx);
        let d = read_sentence(s, 36, s.len(), &reg, &mut ctx);
        assert_eq!(
            d[0].attribution.sources[0].id.as_deref(),
            Some("russian-government")
        );
    }

    fn src(s: &str) -> Vec<String> {
        read(s)[0]
            .1
            .sources
            .iter()
            .map(|x| x.phrase.to_string())
            .collect()
    }

    #[test]
    fn party_tags_time_words_and_adverbs_stay_out_of_the_subject() {
        assert_eq!(
            src("Sen. Jane Doe (R-Ga.) said the bill would pass."),
            vec!["Sen. Jane Doe"]
        );
        assert_eq!(
            src("\u{201C}We will win,\u{201D} Rep. John Roe (D-Ohio) said Friday."),
            vec!["Rep. John Roe"]
        );
        assert_eq!(
            src("The mayor forcefully told reporters that the plan was dead."),
            vec!["The mayor"]
        );
        assert_eq!(
            src("Acme Corp. just this month announced it would close the plant."),
            vec!["Acme Corp."]
        );
        assert_eq!(
            src("The union on Tuesday said it would strike."),
            vec!["The union"]
        );
    }

    #[test]
    fn long_appositions_relative_clauses_and_dashes() {
        assert_eq!(
            src(
                "Jane Doe, who served as ambassador to Norway from 2012 until this year, said the treaty was sound."
            ),
            vec!["Jane Doe"]
        );
        assert_eq!(
            src("John Roe, R-Ky., said the vote would be close."),
            vec!["John Roe"]
        );
        assert_eq!(
            src(
                "Ann Poe, a senior fellow at a research institute and a former adviser to two governors, said the tax was regressive."
            ),
            vec!["Ann Poe"]
        );
        assert_eq!(
            src("Ann Poe -- author of a book on the budget -- said the cuts were deep."),
            vec!["Ann Poe"]
        );
        // Reported content after a comma is not an apposition: inversion names the source.
        let c = read(
            "Taxes would rise for some, but for others, the losses would be small, said Ann Poe.",
        );
        assert_eq!(c.last().unwrap().1.sources[0].phrase, "Ann Poe");
        let c = read("Doe, Roe and Poe said the deal was fair.");
        assert_eq!(c[0].1.sources.len(), 3);
    }

    #[test]
    fn inverted_sources_and_what_is_not_one() {
        assert_eq!(
            src("\u{201C}It is over,\u{201D} said one Republican aide."),
            vec!["one Republican aide"]
        );
        assert_eq!(
            src("The race is tight, says political scientist Jane Doe."),
            vec!["political scientist Jane Doe"]
        );
        // The words after "said" are the content, not the speaker.
        let c = read(
            "Mr. Doe, the director of the institute, said the suing states were exaggerating.",
        );
        assert_eq!(c[0].1.sources[0].phrase, "Mr. Doe");
        let c = read("\u{201C}No,\u{201D} she said Friday.");
        assert_eq!(c[0].1.sources[0].phrase, "she");
    }

    #[test]
    fn participles_progressives_and_other_ing_forms() {
        assert_eq!(
            src(
                "Hillary Clinton spoke out Tuesday about the shooting, arguing that it was intolerable."
            ),
            vec!["Hillary Clinton"]
        );
        assert_eq!(
            src("During a speech in Ohio, Mr. Trump attacked the plan, saying it would fail."),
            vec!["Mr. Trump"]
        );
        let c = read("Donald Trump is warning voters that the election is rigged.");
        assert_eq!(c[0].1.cue.as_deref(), Some("warning"));
        assert_eq!(c[0].1.sources[0].phrase, "Donald Trump");
        for s in [
            "He was fined for saying the vote was rigged.",
            "Having said that, the plan has merit.",
            "Let's say the plan works.",
        ] {
            assert_eq!(read(s)[0].1.kind, AttributionKind::None, "{s}");
        }
    }

    #[test]
    fn new_cues_cite_urge_decline_call_for() {
        let c = read("Graham Says Trump Will Lose South Carolina");
        assert_eq!(c[0].1.sources[0].phrase, "Graham");
        let c = read("Poll: Wealthy Voters Abandon Republican Party");
        assert_eq!(c[0].1.sources[0].phrase, "Poll");
        assert_eq!(
            read("The Latest: Rain closes schools across the state.")[0]
                .1
                .kind,
            AttributionKind::None
        );
        let c = read("Clinton cited the remarks as an example of disrespect.");
        assert_eq!(c[0].1.cue.as_deref(), Some("cited"));
        let c = read("The Latest: Trump urges supporters to monitor polling places.");
        assert_eq!(c[0].1.sources[0].phrase, "Trump");
        let c = read("The NAACP called for a moratorium on charter schools.");
        assert_eq!(c[0].1.cue.as_deref(), Some("called for"));
        let c = read("Through a spokesman, the governor declined to comment.");
        assert_eq!(c[0].1.sources[0].phrase, "the governor");
        assert_eq!(
            read("Sales declined sharply in May.")[0].1.kind,
            AttributionKind::None
        );
    }

    #[test]
    fn nouns_that_look_like_cues() {
        for s in [
            "Trump leads in the swing states of Ohio and Florida.",
            "Trump is defending his early-morning tweets attempting to shame her.",
            "He was asleep when late-night calls came in.",
            "The candidate\u{2019}s call came after the debate.",
            "Mr. Obama scrutinized reports like the climate assessment.",
            "A firm called Gavekal tracks the data.",
            "Democrats from industrial and coal states dug in.",
            "Opponents include 18 states, corporations and unions.",
        ] {
            assert_eq!(read(s)[0].1.kind, AttributionKind::None, "{s}");
        }
        let c = read("Bloomberg reports that the nominee has won the group.");
        assert_eq!(c[0].1.sources[0].phrase, "Bloomberg");
    }

    #[test]
    fn who_said_takes_the_relative_pronouns_antecedent() {
        assert_eq!(
            src("Jane Doe, who said the levy would fail, left the meeting early."),
            vec!["Jane Doe"]
        );
        assert_eq!(
            src("The inspector who said the bridge was unsafe was reassigned."),
            vec!["The inspector"]
        );
        assert_eq!(
            src("Engineers who reviewed the drawings told the council the design was sound."),
            vec!["Engineers"]
        );
        // A pronoun is a whole subject: not "the impact it".
        assert_eq!(
            src("The memo listed the impact it said the levy would have on renters."),
            vec!["it"]
        );
    }

    #[test]
    fn a_leading_prepositional_phrase_is_not_the_source() {
        assert_eq!(
            src("In a radio interview Mayor Roe declared that the levy was dead."),
            vec!["Mayor Roe"]
        );
        assert_eq!(
            src("At the hearing the inspector said the bridge was unsafe."),
            vec!["the inspector"]
        );
        assert_eq!(
            src("During a visit to the plant the minister said jobs were safe."),
            vec!["the minister"]
        );
        // A dateline is no part of the subject either.
        assert_eq!(
            src("SPRINGFIELD -- Mayor Jane Roe, speaking on Monday, said the levy would pass."),
            vec!["Mayor Jane Roe"]
        );
        assert_eq!(
            src("In a statement, one of the union's lawyers, Ann Poe, said the landlord had lied."),
            vec!["one of the union's lawyers"]
        );
    }

    #[test]
    fn coordinated_verbs_share_the_clause_subject() {
        assert_eq!(
            src("Mayor Roe smiled and asked the crowd to welcome the governor."),
            vec!["Mayor Roe"]
        );
        assert_eq!(
            src("Jane Doe, the council's chairwoman, criticized the levy and said it would fail."),
            vec!["Jane Doe"]
        );
    }

    #[test]
    fn former_officials_and_office_holders() {
        let reg = Registry::default();
        let mut ctx = Context::default();
        let mut read_in = |s: &str| {
            let d = read_sentence(s, 0, s.len(), &reg, &mut ctx);
            let a = &d[0].attribution;
            (
                a.kind,
                a.sources[0].phrase.to_string(),
                a.sources[0].id.clone(),
            )
        };
        assert_eq!(
            read_in("A former Foreign Ministry spokesman said the talks had failed."),
            (
                AttributionKind::Named,
                "A former Foreign Ministry spokesman".to_string(),
                None
            )
        );
        // A name alone says nothing about office.
        assert_eq!(read_in("Mr. Putin said the talks had failed.").2, None);
        // Named by office, the holder speaks for the government, and so do later mentions.
        assert_eq!(
            read_in("President Vladimir V. Putin said the talks had failed.").2,
            Some("russian-government".to_string())
        );
        assert_eq!(
            read_in("Mr. Putin said the talks would go on.").2,
            Some("russian-government".to_string())
        );
        // A former holder does not, nor do later mentions of him.
        assert_eq!(
            read_in("Former President Donald Trump said the talks had failed.").2,
            None
        );
        assert_eq!(read_in("Mr. Trump said the talks would go on.").2, None);
        assert_eq!(read_in("Trump said the talks would go on.").2, None);
    }

    #[test]
    fn nouns_and_other_senses_of_cue_words() {
        for s in [
            "The reports were false.",
            "His promises to cut taxes fell flat.",
            "Their pledges on trade were vague.",
            "The calls for reform grew louder.",
            "The prime minister called snap elections for May.",
            "The union called a strike at the plant.",
            "The speaker called an emergency session.",
            "The mayor mocked what he called a \u{201C}stunt.\u{201D}",
            "The question was asked at the debate.",
            "A curfew was announced for midnight.",
            "He defended people accused of fraud.",
        ] {
            assert_eq!(read(s)[0].1.kind, AttributionKind::None, "{s}");
        }
        let c = read("The mayor called the election rigged.");
        assert_eq!(c[0].1.cue.as_deref(), Some("called"));
        let c = read("He was accused by prosecutors in March of hiding the money.");
        assert_eq!(c[0].1.sources[0].phrase, "prosecutors");
        let c = read("The company is said to be near a deal.");
        assert_eq!(c[0].1.kind, AttributionKind::Unnamed);
        let c = read("ROE: We will cut the levy.");
        assert_eq!(c[0].1.sources[0].phrase, "ROE");
    }

    #[test]
    fn findings_of_polls_without_that() {
        let c = read("A new poll shows Clinton ahead by three points.");
        assert_eq!(c[0].1.cue.as_deref(), Some("shows"));
        assert_eq!(c[0].1.sources[0].phrase, "A new poll");
        let c =
            read("Though the plan cuts taxes, one study found it would raise them for 8 million.");
        assert_eq!(c[0].1.sources[0].phrase, "one study");
        assert_eq!(
            read("Police found a body near the river.")[0].1.kind,
            AttributionKind::None
        );
    }

    #[test]
    fn two_apostrophes_are_a_quotation_mark() {
        let reg = Registry::default();
        let mut ctx = Context::default();
        let s = "''We will win,'' Mr. Doe said. ''It will take time.''";
        let cut = s.find(" ''It").unwrap();
        read_sentence(s, 0, cut, &reg, &mut ctx);
        let d = read_sentence(s, cut + 1, s.len(), &reg, &mut ctx);
        assert_eq!(d[0].attribution.sources[0].phrase, "Mr. Doe");
    }

    #[test]
    fn features() {
        let t = "Sanctions were imposed more than two years ago, and he likely wants 12-point plans worth $5 million by March 2023.";
        let f = Features::of_span(t, 0, t.len());
        assert_eq!(f.hedges, vec!["likely"]);
        assert_eq!(
            f.figures,
            vec!["more than two", "12-point", "$5 million", "march 2023"]
        );
        assert!(f.negations.is_empty());
        let t = "China has vowed not to provide weapons and didn't say so; it is expected to.";
        let f = Features::of_span(t, 0, t.len());
        assert_eq!(f.negations, vec!["not", "didn't"]);
        assert_eq!(f.hedges, vec!["is expected to"]);
        // A comparative likelihood is not a hedge; "likely" alone is.
        let t = "Older voters are more likely to vote, and turnout will likely rise.";
        assert_eq!(Features::of_span(t, 0, t.len()).hedges, vec!["likely"]);
        let t = "No one of them was first.";
        assert_eq!(Features::of_span(t, 0, t.len()).figures, vec!["first"]);
    }

    /// Every token range of a sentence reads the same features from the sentence's tokens as
    /// from its span tokenized alone (`read_sentence` relies on it).
    fn assert_tokens_read_like_spans(s: &str) {
        let toks = tokenize(s, 0, s.len(), false);
        let mut buf = String::new();
        let (_, lower) = lower_words(s, &toks, &mut buf);
        for a in 0..toks.len() {
            for last in a..toks.len() {
                assert_eq!(
                    Features::of_tokens(s, &toks, &lower, a, last),
                    Features::of_span(s, toks[a].start, toks[last].end),
                    "{:?}",
                    &s[toks[a].start..toks[last].end]
                );
            }
        }
    }

    #[test]
    fn features_from_sentence_tokens_equal_the_span_read_alone() {
        for s in [
            "Martin Luther King Jr., but not Gen. Smith; about 5 per cent of Mr. Doe's $3 million.",
            "He said, \u{201C}It may be two-thirds, or more likely three,\u{201D} said Sen. A. Lee Jr.",
            "The U.S. and the E.U. did not agree on May 5; it is expected to fall by 4.2% in May.",
        ] {
            assert_tokens_read_like_spans(s);
        }
    }

    /// Every claim of `s` read from the sentence's tokens is as checkable, for the same reasons,
    /// as its text classified alone (`checkable::classify`, which splits at white space).
    fn assert_checkable_from_tokens_like_text(s: &str) {
        let mut ctx = Context::default();
        for d in read_sentence(s, 0, s.len(), &Registry::default(), &mut ctx) {
            let alone = checkable::classify(
                &s[d.start..d.end],
                &d.attribution,
                &d.features.hedges,
                &d.features.figures,
            );
            assert_eq!(
                d.checkable.with_cue(d.attribution.cue.as_deref()),
                alone,
                "{:?}",
                &s[d.start..d.end]
            );
        }
    }

    #[test]
    fn checkable_from_sentence_tokens_equals_the_text_read_alone() {
        for s in [
            "Mr. Xi met Vladimir Putin in the Kremlin on Monday, but analysts said:\u{201C}Nothing changed.\u{201D}",
            "\u{201C}It may be two-thirds\u{2014}or more,\u{201D} said Sen. A. Lee Jr. of the U.S.-China panel (R-Ga.).",
            "\u{0130}STANBUL \u{2014} Prices rose 4.2% in March, the highest since 2013; Turkey blamed the lira.",
            "The West should do more, while Moscow would not say what it thinks?",
            "Tug of War in Central Asia",
            "''Yes,'' she said. ``We will,'' he added\u{2026}",
        ] {
            assert_checkable_from_tokens_like_text(s);
        }
    }

    #[test]
    fn a_title_or_abbreviation_keeps_its_dot_in_any_case() {
        for w in ["Mr", "MR", "mr", "Messrs", "Approx", "a.m", "Jr", "Inc"] {
            assert!(takes_its_dot(w), "{w}");
        }
        for w in ["Mister", "Smith", "approxi", "", "M\u{00C9}"] {
            assert!(!takes_its_dot(w), "{w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn takes_its_dot_is_the_lists_lower_cased(w in "(?i)(mr|gen|approx|a\\.m|inc|\\PC{0,9})") {
            let lower = w.to_lowercase();
            proptest::prop_assert_eq!(
                takes_its_dot(&w),
                TITLES.contains(&lower.as_str()) || AMBIGUOUS.contains(&lower.as_str())
            );
        }

        #[test]
        fn checkable_from_sentence_tokens_equals_the_text_read_alone_on_news(
            text in crate::extract::properties::newsish()
        ) {
            assert_checkable_from_tokens_like_text(&text);
        }

        #[test]
        fn features_from_sentence_tokens_equal_the_span_read_alone_on_news(
            text in crate::extract::properties::newsish()
        ) {
            let cut = text.char_indices().nth(120).map_or(text.len(), |(i, _)| i);
            assert_tokens_read_like_spans(&text[..cut]);
        }
    }
}
