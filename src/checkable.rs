//! Owns the checkability of a claim: does its text assert something a fact-checker can verify?
//!
//! Pure: the claim's text with the attribution and figures already read in, reasons out. It reads
//! surface marks only (figures, dates, comparisons, names with a verb, causal links; headlines,
//! questions, opinion markers), so it works on any English news text without a tagger; it never
//! looks at one article's sentences or sources.

use crate::model::{Attribution, CheckReason};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Whether a claim is checkable, and why (or why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkability {
    pub checkable: bool,
    /// HashSet<&'static str>, without duplicates. Never empty.
    pub why: Vec<CheckReason>,
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
];

/// Comparatives, superlatives and verbs of change that state a measurable difference.
const COMPARISON_WORDS: &[&str] = &[
    "than",
    "record",
    "best",
    "worst",
    "doubled",
    "tripled",
    "halved",
    "rose",
    "risen",
    "fell",
    "fallen",
    "grew",
    "grown",
    "increased",
    "decreased",
    "declined",
    "surged",
    "soared",
    "plunged",
    "dropped",
    "jumped",
    "shrank",
    "widened",
    "narrowed",
];

/// Words ending in "est" that are not superlatives.
const NOT_SUPERLATIVE: &[&str] = &[
    "interest",
    "interests",
    "protest",
    "request",
    "suggest",
    "arrest",
    "forest",
    "harvest",
    "invest",
    "honest",
    "modest",
    "contest",
    "manifest",
    "digest",
    "quest",
    "guest",
    "chest",
    "nest",
    "rest",
    "test",
    "vest",
    "west",
    "attest",
    "detest",
    "behest",
    "conquest",
    "inquest",
    "unrest",
    "midwest",
    "northwest",
    "southwest",
    "earnest",
    "priest",
    "lest",
    "zest",
    "pest",
    "crest",
    "jest",
    "wrest",
];

/// Phrases (lower-case words) that link a cause to its effect.
const CAUSAL_PHRASES: &[&[&str]] = &[
    &["because"],
    &["due", "to"],
    &["caused"],
    &["causing"],
    &["led", "to"],
    &["lead", "to"],
    &["leads", "to"],
    &["leading", "to"],
    &["resulted", "in"],
    &["result", "of"],
    &["as", "a", "result"],
    &["thanks", "to"],
    &["owing", "to"],
    &["in", "response", "to"],
    &["triggered"],
    &["prompted"],
    &["forced"],
    &["blamed"],
];

/// Phrases that mark an opinion, a recommendation or a characterization, not a fact.
const OPINION_PHRASES: &[&[&str]] = &[
    &["should"],
    &["ought"],
    &["i", "think"],
    &["i", "believe"],
    &["we", "believe"],
    &["i", "feel"],
    &["in", "my", "view"],
    &["in", "our", "view"],
    &["in", "my", "opinion"],
    &["arguably"],
    &["it", "is", "time"],
    &["shameful"],
    &["disgraceful"],
    &["outrageous"],
    &["absurd"],
    &["ridiculous"],
    &["deplorable"],
    &["appalling"],
    &["admirable"],
];

/// Speech cues that report an opinion or a characterization rather than a fact.
const OPINION_CUES: &[&str] = &[
    "think", "thinks", "believe", "believes", "argue", "argues", "argued", "call", "calls",
    "called", "feel", "feels", "hope", "hopes", "fear", "fears", "wish", "wishes",
];

/// Auxiliaries, copulas and modals: finite verbs, but none states an event by itself.
const AUX_VERBS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will",
    "would", "can", "could", "may", "might", "must", "shall", "says", "goes", "makes", "takes",
    "gives", "wins", "begins", "meets",
];

/// Irregular past tenses and participles: a completed action.
const PAST_IRREGULAR: &[&str] = &[
    "said",
    "met",
    "went",
    "gone",
    "made",
    "took",
    "taken",
    "gave",
    "given",
    "won",
    "lost",
    "sent",
    "built",
    "began",
    "begun",
    "became",
    "held",
    "left",
    "led",
    "paid",
    "sold",
    "spent",
    "struck",
    "fought",
    "brought",
    "bought",
    "came",
    "ran",
    "wrote",
    "written",
    "flew",
    "flown",
    "fled",
    "fell",
    "rose",
    "grew",
    "spoke",
    "spoken",
    "broke",
    "broken",
    "chose",
    "chosen",
    "knew",
    "threw",
    "thrown",
    "told",
    "found",
    "got",
    "kept",
    "stood",
    "sought",
    "taught",
    "drew",
    "drawn",
    "drove",
    "driven",
    "shot",
    "sank",
    "sunk",
    "swore",
    "sworn",
    "withdrew",
    "withdrawn",
    "overtook",
    "undertook",
    "froze",
    "frozen",
    "hid",
    "hidden",
    "stole",
    "stolen",
    "swept",
    "tore",
    "torn",
    "woke",
    "shut",
    "quit",
    "spread",
    "seized",
    "struck",
    "slain",
    "killed",
    "cast",
    "hit",
    "cut",
    "set",
    "put",
    "bid",
    "beat",
    "beaten",
    "bore",
    "sat",
    "fought",
    "dealt",
    "lent",
    "sold",
    "won",
    "rang",
    "sang",
    "sprang",
];

/// Words after which an "-ed" word is an adjective ("a united front", "and advanced batteries").
const BEFORE_ADJECTIVE: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "as",
    "into",
    "more",
    "most",
    "less",
    "least",
    "very",
    "so",
    "too",
    "well",
    "highly",
    "deeply",
    "newly",
    "so-called",
    "some",
    "many",
    "any",
    "no",
    "all",
    "such",
];

/// Small cardinals that on their own count things in passing ("the two leaders"), not a figure
/// worth checking.
const SMALL_CARDINALS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both",
];

/// Capitalized words that start sentences without naming anyone.
const COMMON_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
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
    "my",
    "your",
    "there",
    "here",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "for",
    "nor",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "to",
    "of",
    "as",
    "after",
    "before",
    "while",
    "when",
    "since",
    "although",
    "though",
    "if",
    "because",
    "during",
    "despite",
    "over",
    "under",
    "about",
    "then",
    "now",
    "still",
    "also",
    "some",
    "many",
    "most",
    "few",
    "several",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "one",
    "such",
    "what",
    "which",
    "who",
    "why",
    "how",
    "where",
    "other",
    "another",
    "more",
    "less",
    "much",
    "even",
    "just",
    "only",
    "however",
    "instead",
    "last",
    "next",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "officials",
    "analysts",
    "experts",
    "critics",
    "people",
    "residents",
    "authorities",
    "police",
    "troops",
    "forces",
    "supporters",
    "opponents",
    "observers",
];

/// Title words a name may follow.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "sen",
    "rep",
    "gov",
    "col",
    "lt",
    "sgt",
    "prof",
    "president",
    "minister",
    "secretary",
    "king",
    "queen",
    "prince",
    "pope",
];

/// Small words a headline leaves in lower case.
const HEADLINE_SMALL: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
    "from", "as", "vs", "is", "are",
];

/// "-ed" words that are no past tense.
const NOT_PAST_ED: &[&str] = &[
    "hundred", "indeed", "speed", "breed", "need", "united", "seed", "feed", "deed", "reed",
    "shed", "bled", "bred", "sped", "greed", "creed", "steed",
];

// What a lower-case word is, one bit per list: a claim's word is looked up once for all of them.
const PAST: u32 = 1;
const AUX: u32 = 1 << 1;
const STARTER: u32 = 1 << 2;
const BEFORE_ADJ: u32 = 1 << 3;
const MONTH: u32 = 1 << 4;
const WEEKDAY: u32 = 1 << 5;
const TITLE: u32 = 1 << 6;
const NOT_SUPERLATIVE_WORD: u32 = 1 << 7;
const COMPARISON: u32 = 1 << 8;
const HEADLINE_SMALL_WORD: u32 = 1 << 9;
const NOT_PAST: u32 = 1 << 10;
const OPINION_FIRST: u32 = 1 << 11;
const CAUSAL_FIRST: u32 = 1 << 12;
/// "he", "she", "it", "who", "which", "that": a present tense may follow them.
const SUBJECT: u32 = 1 << 13;
const WOULD: u32 = 1 << 14;
const AT: u32 = 1 << 15;
const BEEN: u32 = 1 << 16;
const MOST_LEAST: u32 = 1 << 17;
const PRONOUN_I: u32 = 1 << 18;
const SMALL_CARDINAL: u32 = 1 << 19;
const OPINION_CUE: u32 = 1 << 20;

/// Every listed word with its bits, and the length of the longest (a longer word has none).
static LISTED: LazyLock<(FxHashMap<&'static str, u32>, usize)> = LazyLock::new(|| {
    let mut m: FxHashMap<&'static str, u32> = FxHashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u32| {
        for w in words {
            *m.entry(w).or_default() |= bit;
        }
    };
    for (list, bit) in [
        (PAST_IRREGULAR, PAST),
        (AUX_VERBS, AUX),
        (COMMON_STARTERS, STARTER),
        (BEFORE_ADJECTIVE, BEFORE_ADJ),
        (MONTH_WORDS, MONTH),
        (WEEKDAYS, WEEKDAY),
        (TITLES, TITLE),
        (NOT_SUPERLATIVE, NOT_SUPERLATIVE_WORD),
        (COMPARISON_WORDS, COMPARISON),
        (HEADLINE_SMALL, HEADLINE_SMALL_WORD),
        (NOT_PAST_ED, NOT_PAST),
        (&["he", "she", "it", "who", "which", "that"][..], SUBJECT),
        (&["would"][..], WOULD),
        (&["at"][..], AT),
        (&["been"][..], BEEN),
        (&["most", "least"][..], MOST_LEAST),
        (&["i"][..], PRONOUN_I),
        (SMALL_CARDINALS, SMALL_CARDINAL),
        (OPINION_CUES, OPINION_CUE),
    ] {
        add(&mut list.iter().copied(), bit);
    }
    add(&mut OPINION_PHRASES.iter().map(|p| p[0]), OPINION_FIRST);
    add(&mut CAUSAL_PHRASES.iter().map(|p| p[0]), CAUSAL_FIRST);
    let longest = m.keys().map(|w| w.len()).max().unwrap_or(0);
    (m, longest)
});

/// The bits of a lower-case word (0 for a word on no list).
fn bits(lower: &str) -> u32 {
    let (map, longest) = &*LISTED;
    if lower.len() > *longest {
        return 0;
    }
    map.get(lower).copied().unwrap_or(0)
}

struct Word<'a> {
    /// Borrowed when the word has no capital to fold or the caller had it lower-cased already.
    lower: Cow<'a, str>,
    /// Right after a sentence start, an opening quote, a colon or a dash.
    initial: bool,
    /// Starts with a capital letter.
    cap: bool,
    /// Its lists (`bits`).
    bits: u32,
}

/// "Mr." and "U.S." end in a period without ending a sentence.
fn is_abbreviation(raw: &str) -> bool {
    raw.len() <= 3 || raw.contains('.')
}

/// The span of `piece.trim_matches(|c: char| !c.is_alphanumeric())`, ASCII ends byte by byte.
fn alphanumeric_span(piece: &str) -> (usize, usize) {
    let b = piece.as_bytes();
    let mut s = 0;
    while s < b.len() && b[s].is_ascii() && !b[s].is_ascii_alphanumeric() {
        s += 1;
    }
    if s < b.len() && !b[s].is_ascii() {
        let rest = &piece[s..];
        s += rest.len()
            - rest
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
    }
    let mut e = b.len();
    while e > s && b[e - 1].is_ascii() && !b[e - 1].is_ascii_alphanumeric() {
        e -= 1;
    }
    if e > s && !b[e - 1].is_ascii() {
        e = s + piece[s..e]
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .len();
    }
    (s, e)
}

/// A claim's words, read from its pieces (the runs between white space) in text order.
pub struct Words<'a> {
    ws: Vec<Word<'a>>,
    initial: bool,
}

impl<'a> Words<'a> {
    pub fn with_capacity(pieces: usize) -> Words<'a> {
        Words {
            ws: Vec::with_capacity(pieces),
            initial: true,
        }
    }

    /// The words of a claim's text, split at white space.
    pub fn of_text(text: &'a str) -> Words<'a> {
        let mut words = Words::with_capacity(text.len() / 5 + 1);
        for piece in text.split_whitespace() {
            words.piece(piece, None);
        }
        words
    }

    /// Read the next piece: a run of text between white space. `ascii_lower` is the piece
    /// lower-cased, when the caller has it at hand and the piece is ASCII.
    pub fn piece(&mut self, piece: &'a str, ascii_lower: Option<&'a str>) {
        let opens = piece.starts_with(['"', '\u{201C}', '\'', '\u{2018}', '(', '[']);
        let (s, e) = alphanumeric_span(piece);
        let raw = &piece[s..e];
        if raw.is_empty() {
            self.initial = self.initial || matches!(piece, "\u{2014}" | "-" | "\u{2013}" | ":");
            return;
        }
        let lower = match ascii_lower {
            Some(l) => Cow::Borrowed(&l[s..e]),
            None if raw.bytes().any(|b| b.is_ascii_uppercase()) && raw.is_ascii() => {
                Cow::Owned(raw.to_ascii_lowercase())
            }
            None if raw.chars().any(char::is_uppercase) => Cow::Owned(raw.to_lowercase()),
            None => Cow::Borrowed(raw),
        };
        self.ws.push(Word {
            bits: bits(&lower),
            lower,
            initial: self.initial || opens,
            cap: raw.starts_with(|c: char| c.is_uppercase()),
        });
        self.initial = piece.ends_with([':', '.', '?', '!']) && !is_abbreviation(raw);
    }
}

/// Phrases by their first word, so a claim is read once for all of them.
struct Phrases(FxHashMap<&'static str, Vec<&'static [&'static str]>>);

impl Phrases {
    fn new(list: &[&'static [&'static str]]) -> Phrases {
        let mut by_first: FxHashMap<&'static str, Vec<&'static [&'static str]>> =
            FxHashMap::default();
        for p in list {
            by_first.entry(p[0]).or_default().push(p);
        }
        Phrases(by_first)
    }

    /// Does any phrase occur in `ws`? Only words with the `first` bit can start one.
    fn any_in(&self, ws: &[Word<'_>], first: u32) -> bool {
        ws.iter().enumerate().any(|(i, w)| {
            w.bits & first != 0
                && self.0.get(&*w.lower).is_some_and(|ps| {
                    ps.iter().any(|p| {
                        ws.len() - i >= p.len()
                            && ws[i..].iter().zip(p.iter()).all(|(a, b)| a.lower == *b)
                    })
                })
        })
    }
}

static OPINION: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(OPINION_PHRASES));
static CAUSAL: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(CAUSAL_PHRASES));

/// A past tense or participle that states a completed action: "signed", "has provided", "fled".
fn is_event_verb(ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    if w.cap {
        return false;
    }
    if w.bits & PAST != 0 {
        return true;
    }
    let l: &str = &w.lower;
    // "has been aiding": an action under way since some time past.
    if l.ends_with("ing") && i > 0 && ws[i - 1].bits & BEEN != 0 {
        return true;
    }
    l.len() >= 4
        && l.ends_with("ed")
        && !l.contains('-')
        && w.bits & NOT_PAST == 0
        && (i == 0 || ws[i - 1].bits & BEFORE_ADJ == 0)
}

/// Any finite verb (auxiliary, past, or a present tense after its subject): a text without one
/// is a fragment, not a statement.
fn is_verb(ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    if w.cap && !w.initial {
        return false;
    }
    let l: &str = &w.lower;
    if w.bits & AUX != 0 || l.ends_with("n't") || is_event_verb(ws, i) {
        return true;
    }
    // A present-tense verb right after its subject: "Xi arrives", "he wants", "China denies".
    let after_subject = i > 0 && {
        let p = &ws[i - 1];
        (p.cap && (!p.initial || p.bits & STARTER == 0)) || p.bits & SUBJECT != 0
    };
    after_subject && l.len() >= 4 && l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us")
}

/// Is the word a name: a capitalized word that is not a sentence's first word by position alone,
/// nor a month or weekday?
fn is_name(ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    if !w.cap || w.bits & PRONOUN_I != 0 {
        return false;
    }
    // A word's lower-case form ends in a letter or digit (it was trimmed to one), so it is
    // looked up as it is.
    if w.bits & (MONTH | WEEKDAY | TITLE) != 0 {
        return false;
    }
    if !w.initial {
        return true;
    }
    // A first word names someone when it is not a common sentence opener ("Russian forces",
    // "Moscow denied") or when a title or another capitalized word follows ("Vladimir Putin").
    w.bits & STARTER == 0 && !w.lower.ends_with("ly")
        || ws.get(i + 1).is_some_and(|n| n.cap && !n.initial)
}

fn is_date_figure(figure: &str) -> bool {
    figure.split([' ', ',', '.']).any(|p| {
        bits(p) & MONTH != 0
            || (p.len() == 4
                && p.bytes().all(|b| b.is_ascii_digit())
                && (1800..2200).contains(&p.parse::<u32>().unwrap_or(0)))
    })
}

fn is_superlative(w: &Word<'_>) -> bool {
    let l: &str = &w.lower;
    l.len() >= 6 && l.ends_with("est") && w.bits & NOT_SUPERLATIVE_WORD == 0
        || w.bits & MOST_LEAST != 0
}

/// The reasons in `CheckReason`'s order (a test holds it to `Ord`), one bit each in [`Facts`]:
/// all but `SceneSetting`, which is decided from the others.
const REASONS: &[CheckReason] = CheckReason::ALL.split_at(9).0;

fn bit(r: CheckReason) -> u16 {
    1 << REASONS.iter().position(|&x| x == r).unwrap_or(0)
}

/// Reasons that make a claim not checkable (`Headline` and after in `REASONS`).
const NOT_MASK: u16 = !0b1_1111;

/// What a claim's words, hedges and figures say about its checkability; only the cue of its
/// attribution, settled later (a quotation's speech tag may come from another sentence), is
/// still to come ([`Facts::with_cue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Facts {
    /// One bit per reason of `REASONS`.
    reasons: u16,
}

impl Facts {
    /// Read the facts of a claim from its text, its words and the hedges and figures already
    /// read from it. A hedged or conditional claim ("likely", "is expected to", "could",
    /// "would") is speculation: the writer does not assert it, so there is nothing yet to verify.
    pub fn read(text: &str, words: &Words<'_>, hedges: &[String], figures: &[String]) -> Facts {
        let ws: &[Word<'_>] = &words.ws;
        let trimmed = text
            .trim_end()
            .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']']);
        let terminated = trimmed.ends_with(['.', '!', '?', '\u{2026}']);
        let mut reasons = 0;

        if trimmed.ends_with('?') {
            reasons |= bit(CheckReason::Question);
        }
        if OPINION.any_in(ws, OPINION_FIRST) {
            reasons |= bit(CheckReason::Opinion);
        }
        let has_verb = (0..ws.len()).any(|i| is_verb(ws, i));
        // Content words, and how many of them are capitalized, counted in one pass.
        let (content, content_capitalized) = ws
            .iter()
            .filter(|w| w.bits & HEADLINE_SMALL_WORD == 0)
            .fold((0, 0), |(n, c), w| (n + 1, c + usize::from(w.cap)));
        let title_case = content >= 3 && content_capitalized * 10 >= content * 8;
        if !terminated && (title_case || (!has_verb && ws.len() <= 12)) {
            reasons |= bit(CheckReason::Headline);
        }
        if !hedges.is_empty() || ws.iter().any(|w| w.bits & WOULD != 0) {
            reasons |= bit(CheckReason::Speculation);
        }
        if reasons != 0 {
            // Not checkable whatever the cue: the marks below would not be shown.
            return Facts { reasons };
        }

        if figures
            .iter()
            .any(|f| !is_date_figure(f) && bits(f) & SMALL_CARDINAL == 0)
        {
            reasons |= bit(CheckReason::Figure);
        }
        if figures.iter().any(|f| is_date_figure(f))
            || ws.iter().any(|w| w.bits & WEEKDAY != 0 && w.cap)
        {
            reasons |= bit(CheckReason::Date);
        }
        let at_most_least = |i: usize| i > 0 && ws[i - 1].bits & AT != 0;
        if ws
            .iter()
            .enumerate()
            .any(|(i, w)| w.bits & COMPARISON != 0 || (is_superlative(w) && !at_most_least(i)))
        {
            reasons |= bit(CheckReason::Comparison);
        }
        if (0..ws.len()).any(|i| is_event_verb(ws, i)) && (0..ws.len()).any(|i| is_name(ws, i)) {
            reasons |= bit(CheckReason::NamedActor);
        }
        if CAUSAL.any_in(ws, CAUSAL_FIRST) {
            reasons |= bit(CheckReason::Causal);
        }
        Facts { reasons }
    }

    /// The checkability, given the cue of the claim's attribution.
    pub fn with_cue(self, cue: Option<&str>) -> Checkability {
        let mut reasons = self.reasons;
        if cue.is_some_and(|c| c.split(' ').any(|w| bits(w) & OPINION_CUE != 0)) {
            reasons |= bit(CheckReason::Opinion);
        }
        let pick = |mask: u16| -> Vec<CheckReason> {
            REASONS
                .iter()
                .enumerate()
                .filter(|&(i, _)| mask & (1 << i) != 0)
                .map(|(_, &r)| r)
                .collect()
        };
        if reasons & NOT_MASK != 0 {
            return Checkability {
                checkable: false,
                why: pick(reasons & NOT_MASK),
            };
        }
        if reasons == 0 {
            return Checkability {
                checkable: false,
                why: vec![CheckReason::SceneSetting],
            };
        }
        Checkability {
            checkable: true,
            why: pick(reasons),
        }
    }
}

/// Classify a claim from its text, its attribution and the hedges and figures already read from
/// it (see [`Facts::read`]).
pub fn classify(
    text: &str,
    attribution: &Attribution,
    hedges: &[String],
    figures: &[String],
) -> Checkability {
    Facts::read(text, &Words::of_text(text), hedges, figures).with_cue(attribution.cue.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use CheckReason::*;

    fn why(text: &str) -> Vec<CheckReason> {
        let f = crate::attribution::Features::of_span(text, 0, text.len());
        classify(text, &Attribution::none(), &f.hedges, &f.figures).why
    }

    #[test]
    fn verifiable_marks() {
        assert_eq!(
            why("The army has 5,000 troops near the border."),
            vec![Figure]
        );
        assert_eq!(
            why("The mayor resigned on Friday, May 3, 2024."),
            vec![Date]
        );
        assert_eq!(
            why("Exports were higher than a year earlier."),
            vec![Comparison]
        );
        assert_eq!(
            why("It is the largest port in the region."),
            vec![Comparison]
        );
        assert_eq!(
            why("Mr. Xi met Vladimir Putin in the Kremlin."),
            vec![NamedActor]
        );
        assert_eq!(why("Moscow denied the report."), vec![NamedActor]);
        assert_eq!(why("China has been aiding Russia."), vec![NamedActor]);
        assert_eq!(
            why("The bridge collapsed because the cables had rusted."),
            vec![Causal]
        );
        assert_eq!(
            why("Sales rose 4 percent in March after Acme cut prices."),
            vec![Figure, Date, Comparison, NamedActor]
        );
    }

    #[test]
    fn what_is_not_checkable() {
        assert_eq!(why("Tug of War in Central Asia"), vec![Headline]);
        assert_eq!(why("A summit in the snow"), vec![Headline]);
        assert_eq!(why("What does Beijing want from Moscow?"), vec![Question]);
        assert_eq!(why("The West should do more."), vec![Opinion]);
        assert_eq!(
            why("The room was quiet and the tea was cold."),
            vec![SceneSetting]
        );
        assert_eq!(why("At least it was calm."), vec![SceneSetting]);
        assert_eq!(
            why("The two leaders see each other as friends."),
            vec![SceneSetting]
        );
        assert_eq!(why("Mr. Xi sees a like-minded leader."), vec![SceneSetting]);
        assert_eq!(why("Mr. Putin likely wants more help."), vec![Speculation]);
        assert_eq!(
            why("Chinese exports include solar cells and advanced batteries."),
            vec![SceneSetting]
        );
        assert_eq!(why("The army likely has 5,000 troops."), vec![Speculation]);
        assert_eq!(
            why("That would hit small farms the hardest."),
            vec![Speculation]
        );
        assert_eq!(
            why("Texas sued New Mexico in 2013."),
            vec![Date, NamedActor]
        );
        let called = Attribution {
            kind: crate::model::AttributionKind::Unnamed,
            cue: Some("call".into()),
            sources: thin_vec::ThinVec::new(),
        };
        assert_eq!(
            classify("a strategic straddle", &called, &[], &[]).why,
            vec![Headline, Opinion]
        );
    }

    #[test]
    fn reasons_are_listed_in_their_order() {
        // `Facts::with_cue` lists reasons in `REASONS` order; `classify` used to sort them.
        assert!(REASONS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(REASONS.len() + 1, CheckReason::ALL.len());
        assert!(!REASONS.contains(&CheckReason::SceneSetting));
        assert_eq!(bit(CheckReason::Headline), 1 << 5);
        assert_eq!(NOT_MASK & 0b1_1111, 0);
    }

    #[test]
    fn a_piece_is_trimmed_to_its_letters_and_digits() {
        for piece in [
            "",
            "..",
            "\u{201C}We",
            "said:\u{201C}We",
            "U.S.",
            "(AP)\u{2014}",
            "\u{00BF}Qu\u{00E9}?",
            "\u{0130}stanbul\u{2019}s\u{2026}",
            "$5,000.",
            "\u{2014}",
            "a",
        ] {
            let (s, e) = alphanumeric_span(piece);
            assert_eq!(
                &piece[s..e],
                piece.trim_matches(|c: char| !c.is_alphanumeric()),
                "{piece:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_trim_is_trim_matches(piece in "\\PC{0,12}") {
            let (s, e) = alphanumeric_span(&piece);
            proptest::prop_assert_eq!(
                &piece[s..e],
                piece.trim_matches(|c: char| !c.is_alphanumeric())
            );
        }
    }

    #[test]
    fn a_clause_without_its_period_still_counts() {
        // Claims are often clauses of a longer sentence, cut before their punctuation.
        assert!(
            classify(
                "China has vowed not to help",
                &Attribution::none(),
                &[],
                &[]
            )
            .checkable
        );
    }
}
