//! Owns the checkability of a claim: does its text assert something a fact-checker can verify?
//!
//! Pure: the claim's text with the attribution and figures already read in, reasons out. It reads
//! surface marks only (figures, dates, comparisons, names with a verb, causal links; headlines,
//! questions, opinion markers), so it works on any English news text without a tagger; it never
//! looks at one article's sentences or sources.

use crate::model::{Attribution, CheckReason};
use rustc_hash::{FxHashMap, FxHashSet};
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

/// The word lists as sets, built once: a claim's words are looked up, not scanned for.
struct Sets {
    past: FxHashSet<&'static str>,
    aux: FxHashSet<&'static str>,
    starters: FxHashSet<&'static str>,
    before_adjective: FxHashSet<&'static str>,
    months: FxHashSet<&'static str>,
    weekdays: FxHashSet<&'static str>,
    titles: FxHashSet<&'static str>,
    not_superlative: FxHashSet<&'static str>,
    comparison: FxHashSet<&'static str>,
    headline_small: FxHashSet<&'static str>,
    opinion_cues: FxHashSet<&'static str>,
    small_cardinals: FxHashSet<&'static str>,
}

static SETS: LazyLock<Sets> = LazyLock::new(|| {
    let set = |l: &[&'static str]| l.iter().copied().collect();
    Sets {
        past: set(PAST_IRREGULAR),
        aux: set(AUX_VERBS),
        starters: set(COMMON_STARTERS),
        before_adjective: set(BEFORE_ADJECTIVE),
        months: set(MONTH_WORDS),
        weekdays: set(WEEKDAYS),
        titles: set(TITLES),
        not_superlative: set(NOT_SUPERLATIVE),
        comparison: set(COMPARISON_WORDS),
        headline_small: set(HEADLINE_SMALL),
        opinion_cues: set(OPINION_CUES),
        small_cardinals: set(SMALL_CARDINALS),
    }
});

struct Word<'a> {
    raw: &'a str,
    /// Borrowed when the word has no capital to fold (most words): no allocation per word.
    lower: Cow<'a, str>,
    /// Right after a sentence start, an opening quote, a colon or a dash.
    initial: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut initial = true;
    for piece in text.split_whitespace() {
        let opens = piece.starts_with(['"', '\u{201C}', '\'', '\u{2018}', '(', '[']);
        let raw = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if raw.is_empty() {
            initial = initial || matches!(piece, "\u{2014}" | "-" | "\u{2013}" | ":");
            continue;
        }
        out.push(Word {
            raw,
            lower: if raw.bytes().any(|b| b.is_ascii_uppercase()) && raw.is_ascii() {
                Cow::Owned(raw.to_ascii_lowercase())
            } else if raw.chars().any(char::is_uppercase) {
                Cow::Owned(raw.to_lowercase())
            } else {
                Cow::Borrowed(raw)
            },
            initial: initial || opens,
        });
        initial = piece.ends_with([':', '.', '?', '!']) && !is_abbreviation(raw);
    }
    out
}

/// "Mr." and "U.S." end in a period without ending a sentence.
fn is_abbreviation(raw: &str) -> bool {
    raw.len() <= 3 || raw.contains('.')
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

    /// Does any phrase occur in `ws`?
    fn any_in(&self, ws: &[Word<'_>]) -> bool {
        ws.iter().enumerate().any(|(i, w)| {
            self.0.get(&*w.lower).is_some_and(|ps| {
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

fn has_phrase(ws: &[Word<'_>], phrase: &[&str]) -> bool {
    ws.windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a.lower == *b))
}

fn capitalized(w: &Word<'_>) -> bool {
    w.raw.starts_with(|c: char| c.is_uppercase())
}

/// A past tense or participle that states a completed action: "signed", "has provided", "fled".
fn is_event_verb(ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    if capitalized(w) {
        return false;
    }
    let l: &str = &w.lower;
    if SETS.past.contains(l) {
        return true;
    }
    // "has been aiding": an action under way since some time past.
    if l.ends_with("ing") && i > 0 && ws[i - 1].lower == "been" {
        return true;
    }
    l.len() >= 4
        && l.ends_with("ed")
        && !l.contains('-')
        && ![
            "hundred", "indeed", "speed", "breed", "need", "united", "seed", "feed", "deed",
            "reed", "shed", "bled", "bred", "sped", "greed", "creed", "steed",
        ]
        .contains(&l)
        && (i == 0 || !SETS.before_adjective.contains(ws[i - 1].lower.as_ref()))
}

/// Any finite verb (auxiliary, past, or a present tense after its subject): a text without one
/// is a fragment, not a statement.
fn is_verb(ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    if capitalized(w) && !w.initial {
        return false;
    }
    let l: &str = &w.lower;
    if SETS.aux.contains(l) || l.ends_with("n't") || is_event_verb(ws, i) {
        return true;
    }
    // A present-tense verb right after its subject: "Xi arrives", "he wants", "China denies".
    let after_subject = i > 0 && {
        let p = &ws[i - 1];
        (capitalized(p) && !p.initial)
            || (capitalized(p) && !SETS.starters.contains(p.lower.as_ref()))
            || ["he", "she", "it", "who", "which", "that"].contains(&p.lower.as_ref())
    };
    after_subject && l.len() >= 4 && l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us")
}

/// Is the word a name: a capitalized word that is not a sentence's first word by position alone,
/// nor a month or weekday?
fn is_name(ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    if !capitalized(w) || w.lower == "i" {
        return false;
    }
    let l = w.lower.trim_end_matches('.');
    if SETS.months.contains(l) || SETS.weekdays.contains(l) || SETS.titles.contains(l) {
        return false;
    }
    if !w.initial {
        return true;
    }
    // A first word names someone when it is not a common sentence opener ("Russian forces",
    // "Moscow denied") or when a title or another capitalized word follows ("Vladimir Putin").
    !SETS.starters.contains(l) && !l.ends_with("ly")
        || ws.get(i + 1).is_some_and(|n| capitalized(n) && !n.initial)
}

fn is_date_figure(figure: &str) -> bool {
    figure.split([' ', ',', '.']).any(|p| {
        SETS.months.contains(p)
            || (p.len() == 4
                && p.bytes().all(|b| b.is_ascii_digit())
                && (1800..2200).contains(&p.parse::<u32>().unwrap_or(0)))
    })
}

fn is_superlative(l: &str) -> bool {
    l.len() >= 6 && l.ends_with("est") && !SETS.not_superlative.contains(l)
        || l == "most"
        || l == "least"
}

/// Classify a claim from its text, its attribution and the hedges and figures already read from
/// it. A hedged or conditional claim ("likely", "is expected to", "could", "would") is
/// speculation: the writer does not assert it, so there is nothing yet to verify.
pub fn classify(
    text: &str,
    attribution: &Attribution,
    hedges: &[String],
    figures: &[String],
) -> Checkability {
    let ws = words(text);
    let trimmed = text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']']);
    let terminated = trimmed.ends_with(['.', '!', '?', '\u{2026}']);
    let mut not = Vec::new();

    if trimmed.ends_with('?') {
        not.push(CheckReason::Question);
    }
    let cue_opinion = attribution
        .cue
        .as_deref()
        .is_some_and(|c| c.split(' ').any(|w| SETS.opinion_cues.contains(w)));
    if cue_opinion || OPINION.any_in(&ws) {
        not.push(CheckReason::Opinion);
    }
    let has_verb = (0..ws.len()).any(|i| is_verb(&ws, i));
    // Content words, and how many of them are capitalized, counted in one pass.
    let (content, content_capitalized) = ws
        .iter()
        .filter(|w| !SETS.headline_small.contains(w.lower.as_ref()))
        .fold((0, 0), |(n, c), w| (n + 1, c + usize::from(capitalized(w))));
    let title_case = content >= 3 && content_capitalized * 10 >= content * 8;
    if !terminated && (title_case || (!has_verb && ws.len() <= 12)) {
        not.push(CheckReason::Headline);
    }
    if !hedges.is_empty() || has_phrase(&ws, &["would"]) {
        not.push(CheckReason::Speculation);
    }
    if !not.is_empty() {
        not.sort();
        return Checkability {
            checkable: false,
            why: not,
        };
    }

    let mut why = Vec::new();
    if figures
        .iter()
        .any(|f| !is_date_figure(f) && !SETS.small_cardinals.contains(f.as_str()))
    {
        why.push(CheckReason::Figure);
    }
    if figures.iter().any(|f| is_date_figure(f))
        || ws
            .iter()
            .any(|w| SETS.weekdays.contains(w.lower.as_ref()) && capitalized(w))
    {
        why.push(CheckReason::Date);
    }
    let at_most_least = |i: usize| i > 0 && ws[i - 1].lower == "at";
    if ws.iter().enumerate().any(|(i, w)| {
        let l: &str = &w.lower;
        SETS.comparison.contains(l) || (is_superlative(l) && !at_most_least(i))
    }) {
        why.push(CheckReason::Comparison);
    }
    if (0..ws.len()).any(|i| is_event_verb(&ws, i)) && (0..ws.len()).any(|i| is_name(&ws, i)) {
        why.push(CheckReason::NamedActor);
    }
    if CAUSAL.any_in(&ws) {
        why.push(CheckReason::Causal);
    }
    if why.is_empty() {
        return Checkability {
            checkable: false,
            why: vec![CheckReason::SceneSetting],
        };
    }
    Checkability {
        checkable: true,
        why,
    }
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
            sources: Vec::new(),
        };
        assert_eq!(
            classify("a strategic straddle", &called, &[], &[]).why,
            vec![Headline, Opinion]
        );
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
