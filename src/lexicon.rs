//! Owns the word lists: attribution cues, hedges, negators, figure words, unnamed-source words.
//!
//! The cue list is drawn from the reporting verbs of PolNeAR's attribution-cue counts
//! (shared/lexicon/attribution-cues.tsv), keeping speech and reporting acts and leaving out
//! beliefs and intentions (think, want, believe, seem, seek): for a fact-checker "Mr. Putin
//! wants X" is the article's own characterization, not Mr. Putin's word.

use std::sync::{LazyLock, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

/// A word list asked "is this word in it?" at every word of every sentence: read as written
/// (a slice, in the order given), looked up through a hash set built on first use.
pub struct WordList {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    /// Is `word` (compared exactly, case and all) in the list?
    pub fn contains(&self, word: &&str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(*word)
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

impl std::ops::Deref for WordList {
    type Target = [&'static str];

    fn deref(&self) -> &Self::Target {
        self.words
    }
}

/// Reporting verbs: each base form with its inflections. A claim's `cue` is the form as written.
pub const CUE_VERBS: &[(&str, &[&str])] = &[
    ("say", &["say", "says", "said", "saying"]),
    ("tell", &["tell", "tells", "told", "telling"]),
    ("add", &["added", "adds", "adding"]),
    ("write", &["write", "writes", "wrote", "writing"]),
    ("report", &["reported", "reports", "reporting"]),
    (
        "announce",
        &["announce", "announced", "announces", "announcing"],
    ),
    ("note", &["noted", "notes", "noting"]),
    ("state", &["stated", "states", "stating"]),
    ("claim", &["claim", "claimed", "claims", "claiming"]),
    ("insist", &["insist", "insisted", "insists", "insisting"]),
    ("warn", &["warn", "warned", "warns", "warning"]),
    (
        "estimate",
        &["estimate", "estimated", "estimates", "estimating"],
    ),
    ("argue", &["argue", "argued", "argues", "arguing"]),
    ("accuse", &["accuse", "accused", "accuses", "accusing"]),
    ("deny", &["deny", "denied", "denies", "denying"]),
    ("vow", &["vow", "vowed", "vows", "vowing"]),
    ("pledge", &["pledge", "pledged", "pledges", "pledging"]),
    ("promise", &["promise", "promised", "promises", "promising"]),
    (
        "confirm",
        &["confirm", "confirmed", "confirms", "confirming"],
    ),
    (
        "acknowledge",
        &[
            "acknowledge",
            "acknowledged",
            "acknowledges",
            "acknowledging",
        ],
    ),
    ("assert", &["assert", "asserted", "asserts", "asserting"]),
    ("allege", &["allege", "alleged", "alleges", "alleging"]),
    ("declare", &["declare", "declared", "declares", "declaring"]),
    ("explain", &["explained", "explains", "explaining"]),
    (
        "suggest",
        &["suggest", "suggested", "suggests", "suggesting"],
    ),
    (
        "contend",
        &["contend", "contended", "contends", "contending"],
    ),
    (
        "predict",
        &["predict", "predicted", "predicts", "predicting"],
    ),
    ("caution", &["cautioned", "cautions", "cautioning"]),
    ("stress", &["stressed", "stresses", "stressing"]),
    (
        "emphasize",
        &["emphasized", "emphasizes", "emphasised", "emphasises"],
    ),
    ("reiterate", &["reiterate", "reiterated", "reiterates"]),
    ("concede", &["concede", "conceded", "concedes"]),
    ("admit", &["admit", "admitted", "admits", "admitting"]),
    ("testify", &["testify", "testified", "testifies"]),
    ("tweet", &["tweeted", "tweets"]),
    ("recall", &["recalled", "recalls"]),
    (
        "describe",
        &["describe", "described", "describes", "describing"],
    ),
    ("call", &["call", "called", "calls", "calling"]),
    ("maintain", &["maintains", "maintained"]),
    ("complain", &["complained", "complains"]),
    ("dispute", &["disputed", "disputes"]),
    ("respond", &["responded", "responds"]),
    ("reply", &["replied", "replies"]),
    ("counter", &["countered", "counters"]),
    ("disclose", &["disclosed", "discloses"]),
    ("reveal", &["revealed", "reveals"]),
    ("ask", &["asked", "asks", "asking"]),
    ("cite", &["cite", "cited", "cites", "citing"]),
    ("urge", &["urge", "urged", "urges", "urging"]),
    ("decline", &["declined", "declines", "declining"]),
];

/// Cue forms that are also plural nouns ("swing states", "his tweets", "press reports"): a cue
/// only when what follows can open reported content (see `attribution::cue_at`).
pub static NOUN_LIKE_CUES: WordList = WordList::new(&[
    "states",
    "calls",
    "tweets",
    "reports",
    "claims",
    "promises",
    "pledges",
    "estimates",
    "notes",
    "vows",
    "warnings",
    "disputes",
    "counters",
    "stresses",
]);

/// Participles that report their main clause's subject's words: "..., saying the plan would fail".
pub static SPEECH_PARTICIPLES: WordList = WordList::new(&[
    "saying",
    "adding",
    "arguing",
    "claiming",
    "warning",
    "insisting",
    "noting",
    "telling",
    "writing",
    "asking",
    "calling",
    "denying",
    "declaring",
    "explaining",
    "stressing",
    "acknowledging",
    "predicting",
    "suggesting",
    "citing",
    "urging",
    "vowing",
    "promising",
    "pledging",
    "contending",
    "asserting",
    "alleging",
    "accusing",
    "confirming",
    "announcing",
    "describing",
    "reporting",
]);

/// Heads of subjects whose findings are reported without "that": "a new poll shows Clinton ahead".
pub static FINDING_HEADS: WordList = WordList::new(&[
    "poll",
    "polls",
    "polling",
    "study",
    "studies",
    "survey",
    "surveys",
    "data",
    "report",
    "reports",
    "analysis",
    "analyses",
    "research",
    "review",
    "audit",
    "investigation",
    "findings",
    "figures",
    "statistics",
    "census",
    "estimate",
    "estimates",
    "average",
    "model",
    "forecast",
    "transcript",
    "records",
    "documents",
    "experiment",
    "trial",
    "paper",
]);

/// Week days, for time phrases that stand between a subject and its cue ("Doe said Friday").
pub static WEEKDAYS: WordList = WordList::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]);

/// Nouns of a time phrase after "this", "last", "next" ("this week", "last month").
pub static TIME_NOUNS: WordList = WordList::new(&[
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "time",
]);

/// Finite verbs and auxiliaries: a phrase holding one is a clause, not a source's name.
pub static FINITE: WordList = WordList::new(&[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "did", "does", "do", "shall",
]);

/// Irregular past forms, to find where a subject ends: "Hillary Clinton spoke out ..., saying".
pub static PAST_FORMS: WordList = WordList::new(&[
    "spoke",
    "took",
    "made",
    "gave",
    "went",
    "came",
    "met",
    "sent",
    "began",
    "ran",
    "won",
    "lost",
    "held",
    "left",
    "put",
    "set",
    "brought",
    "thought",
    "felt",
    "kept",
    "became",
    "stood",
    "sat",
    "saw",
    "knew",
    "grew",
    "drew",
    "threw",
    "fell",
    "rose",
    "hit",
    "cut",
    "let",
    "got",
    "paid",
    "sought",
    "struck",
    "fought",
    "led",
    "built",
    "spent",
    "sold",
    "bought",
    "told",
    "wrote",
    "said",
    "did",
    "had",
    "was",
    "were",
    "broke",
    "chose",
    "drove",
    "flew",
    "hung",
    "rang",
    "shook",
    "swore",
    "tore",
    "wore",
    "woke",
    "beat",
    "bit",
    "hid",
    "lay",
    "meant",
    "read",
    "shut",
    "slid",
    "spun",
    "stuck",
    "swept",
    "swung",
    "taught",
    "understood",
    "wept",
]);

/// Nouns ending in "-ly" that are not manner adverbs ("the family said").
pub static LY_NOUNS: WordList = WordList::new(&[
    "family", "ally", "rally", "supply", "assembly", "anomaly", "monopoly", "fly", "daily",
    "weekly", "bully", "belly", "jelly", "lily", "reply", "italy", "july", "homily", "folly",
]);

/// Verbs that attribute a finding when followed by "that": "the study found that ...".
pub static EVIDENTIAL: WordList = WordList::new(&[
    "found",
    "finds",
    "show",
    "shows",
    "showed",
    "shown",
    "concluded",
    "concludes",
    "determined",
    "indicated",
    "indicates",
    "suggested",
]);

/// Verbs that make a self-characterization cue with a reflexive and `as`: "casts itself as".
pub static SELF_CHARACTERIZATION: WordList = WordList::new(&[
    "cast",
    "casts",
    "casting",
    "describe",
    "describes",
    "described",
    "present",
    "presents",
    "presented",
    "portray",
    "portrays",
    "portrayed",
    "bill",
    "bills",
    "billed",
    "position",
    "positions",
    "positioned",
    "style",
    "styles",
    "styled",
    "paint",
    "paints",
    "painted",
]);

pub static REFLEXIVES: WordList = WordList::new(&[
    "itself",
    "himself",
    "herself",
    "themselves",
    "ourselves",
    "myself",
    "yourself",
]);

/// Words between a subject and its cue that do not belong to the subject.
pub static AUXILIARIES: WordList = WordList::new(&[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "also",
    "repeatedly",
    "previously",
    "long",
    "publicly",
    "privately",
    "again",
    "now",
    "still",
    "once",
    "already",
    "often",
    "recently",
    "earlier",
    "later",
    "did",
    "does",
    "do",
    "may",
    "might",
    "could",
    "should",
    "can",
    "then",
    "first",
    "reportedly",
    "allegedly",
    "separately",
    "quickly",
    "flatly",
    "strongly",
    "sharply",
    "openly",
    "frequently",
    "consistently",
    "initially",
    "since",
]);

/// Words that end a subject phrase when read backward from a cue.
pub static SUBJECT_STOPS: WordList = WordList::new(&[
    "that", "which", "who", "whom", "whose", "but", "while", "although", "though", "because",
    "since", "if", "when", "where", "after", "before", "as", "so", "yet", "or", "than", "whether",
    "what", "how", "why", "unless", "until", "once",
]);

/// A word before a cue form that makes the form a noun ("his claims", "the call").
pub static DETERMINERS: WordList = WordList::new(&[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "such", "every", "each", "no", "any", "whose", "of", "to", "phone", "wake-up", "for",
    "in", "on", "with", "by",
]);

pub static PRONOUNS: WordList = WordList::new(&["he", "she", "they", "it", "we", "i", "you"]);

/// Heads of unnamed-source phrases, lower case ("some", "critics", "officials").
pub static UNNAMED_WORDS: WordList = WordList::new(&[
    "some",
    "many",
    "others",
    "critics",
    "officials",
    "official",
    "analysts",
    "analyst",
    "experts",
    "expert",
    "observers",
    "sources",
    "source",
    "people",
    "person",
    "residents",
    "witnesses",
    "diplomats",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "authorities",
    "investigators",
    "researchers",
    "economists",
    "lawmakers",
    "aides",
    "aide",
    "advisers",
    "insiders",
    "skeptics",
    "supporters",
    "opponents",
    "commentators",
    "scholars",
]);

/// Hedges, as lower-case word sequences. Longer phrases first so "expected to" wins over parts.
pub const HEDGES: &[&str] = &[
    "is expected to",
    "are expected to",
    "was expected to",
    "were expected to",
    "expected to",
    "is believed to",
    "are believed to",
    "believed to",
    "is thought to",
    "are thought to",
    "is said to",
    "are said to",
    "appears to",
    "appear to",
    "appeared to",
    "seems to",
    "seem to",
    "seemed to",
    "it is possible",
    "likely",
    "unlikely",
    "probably",
    "possibly",
    "perhaps",
    "maybe",
    "may",
    "might",
    "could",
    "reportedly",
    "allegedly",
    "apparently",
    "seemingly",
    "presumably",
    "supposedly",
    "purportedly",
    "potentially",
    "arguably",
    "suspected",
];

/// Negators, as lower-case words; any word ending in "n't" also negates.
pub static NEGATORS: WordList = WordList::new(&[
    "not", "no", "never", "cannot", "nor", "neither", "none", "nobody", "nothing", "nowhere",
]);

pub const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "dozen",
    "dozens",
    "half",
    "quarter",
    "third",
    "twice",
    "triple",
    "double",
    "percent",
    "per",
];

pub const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "hundredth",
    "thousandth",
    "millionth",
];

pub static MONTHS: WordList = WordList::new(&[
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
]);

/// Words that qualify a figure ("more than two", "nearly three"): part of the figure.
pub const APPROXIMATORS: &[&str] = &[
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "over",
    "under",
    "some",
    "just",
];

/// Lines that are page furniture, not prose (compared case-insensitively, trailing punctuation
/// ignored). A workspace adds its own in claimtrail.toml.
pub const BOILERPLATE: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "exit mobile version",
    "advertisement",
    "skip to content",
    "skip to main content",
    "read more",
    "continue reading",
    "subscribe",
    "sign up",
    "log in",
    "sign in",
    "related",
    "related articles",
    "follow us",
    "comments",
    "print",
    "email",
    "back to top",
    "supported by",
    "listen to this article",
    "more on this story",
    "most popular",
    "see more",
    "show more",
    "click here",
    "tweet",
    "copy link",
    "follow us on twitter",
    "follow us on facebook",
    "sign up for our newsletter",
    "image source",
    "getty images",
    "read next",
    "recommended",
    "share on facebook",
    "share on twitter",
    "leave a comment",
    "save article",
    "gift this article",
];

/// Line endings that mark page furniture: reporting credits and reading times.
pub const BOILERPLATE_SUFFIXES: &[&str] = &[
    "contributed reporting",
    "contributed to this report",
    "contributed research",
    "min read",
    "minute read",
];

/// Line openings that mark page furniture (bylines, datelines of publication, credits).
pub const BOILERPLATE_PREFIXES: &[&str] = &[
    "by ",
    "updated ",
    "published ",
    "photo:",
    "photograph:",
    "credit:",
    "image:",
    "\u{a9}",
    "copyright",
    "all rights reserved",
    "reporting by",
    "editing by",
    "additional reporting",
    "read more:",
    "related:",
    "see also:",
    "this article was originally",
    "this story has been updated",
    "ap photo",
    "(ap photo",
    "(photo",
    "image credit",
];

/// The base form of a cue as written ("said" -> "say"), for comparing cues across revisions.
pub fn cue_lemma(cue: &str) -> String {
    let lower = cue.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    if lower.split_whitespace().any(|w| REFLEXIVES.contains(&w)) {
        return "self-characterize".to_string();
    }
    if lower.starts_with("according") {
        return "according to".to_string();
    }
    for (lemma, forms) in CUE_VERBS {
        if forms.contains(&first) {
            return (*lemma).to_string();
        }
    }
    lower
}

/// The base form of a cue word, if the word is one.
pub fn cue_verb(word: &str) -> Option<&'static str> {
    // Asked for every token of every sentence: one hash look-up instead of a scan of all forms.
    static FORMS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
        let mut m = FxHashMap::default();
        for (lemma, forms) in CUE_VERBS {
            for f in *forms {
                m.entry(*f).or_insert(*lemma);
            }
        }
        m
    });
    FORMS.get(word).copied()
}

pub fn is_negator(lower_word: &str) -> bool {
    NEGATORS.contains(&lower_word) || is_negative_contraction(lower_word)
}

/// "didn't", "won\u{2019}t": the negators that are not listed in `NEGATORS`.
pub fn is_negative_contraction(lower_word: &str) -> bool {
    lower_word.ends_with("n't") || lower_word.ends_with("n\u{2019}t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas() {
        assert_eq!(cue_lemma("said"), "say");
        assert_eq!(cue_lemma("Says"), "say");
        assert_eq!(cue_lemma("casts itself as"), "self-characterize");
        assert_eq!(cue_lemma("according to"), "according to");
        assert_eq!(cue_verb("vowed"), Some("vow"));
        assert_eq!(cue_verb("wants"), None);
    }

    #[test]
    fn lists_have_no_duplicates() {
        for list in [
            HEDGES,
            NEGATORS.words(),
            NUMBER_WORDS,
            ORDINALS,
            BOILERPLATE,
            UNNAMED_WORDS.words(),
            AUXILIARIES.words(),
            BOILERPLATE_PREFIXES,
            BOILERPLATE_SUFFIXES,
        ] {
            let mut v = list.to_vec();
            v.sort();
            let n = v.len();
            v.dedup();
            assert_eq!(v.len(), n, "duplicate in {list:?}");
        }
        assert!(is_negator("didn't") && is_negator("never") && !is_negator("note"));
    }
}
