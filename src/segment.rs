//! Owns sentence segmentation: text -> sentences (and the pieces claims are read from) with byte
//! spans and paragraph numbers.
//!
//! One linear pass (plus one linear pre-pass that learns which words the text itself writes in
//! lower case, and which it capitalizes mid-sentence). Pure: no I/O, no printing. Tuned for news
//! prose: titles, initials, `U.S.`, numbers and times, list items, footnote markers, ellipses,
//! hard-wrapped lines, full stops without a following space, and quotations over several
//! sentences (one sentence; one piece per quoted sentence).

use std::collections::HashSet;

/// One sentence: `text[start..end]`, trimmed of surrounding white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// 0-based paragraph number; paragraphs are hard sentence boundaries.
    pub paragraph: usize,
}

/// Titles that are always followed by a name: a full stop after them never ends a sentence.
pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "sen", "sens", "rep", "reps", "gov", "lt",
    "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "rev", "hon", "pres", "st", "mt", "ft",
    "supt", "det", "insp", "atty", "amb", "brig", "cpl", "pvt", "gens", "fr", "sr", "jr",
];

/// Abbreviations that may or may not end a sentence: decided by the next word.
pub(crate) const AMBIGUOUS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "etc", "approx", "est", "dept", "univ",
    "assn", "ave", "blvd", "rd", "no", "vs", "e.g", "i.e", "a.m", "p.m",
];

const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Capitalized words that commonly follow `U.S.`-style abbreviations inside a sentence.
const CONTINUATIONS: &[&str] = &[
    "Navy",
    "Army",
    "Air",
    "Marine",
    "Marines",
    "Coast",
    "Senate",
    "House",
    "Congress",
    "President",
    "Vice",
    "Secretary",
    "Embassy",
    "Ambassador",
    "Treasury",
    "Department",
    "Attorney",
    "Court",
    "Supreme",
    "District",
    "Forces",
    "Central",
    "Special",
    "Open",
    "Border",
    "Customs",
    "Postal",
    "Census",
    "Capitol",
    "Chamber",
    "Trade",
    "Securities",
    "Federal",
    "National",
    "State",
    "Representative",
    "Security",
    "General",
    "Prime",
    "Foreign",
    "Defense",
    "Justice",
    "Commerce",
    "Energy",
    "Agency",
    "Government",
    "Officials",
    "Military",
    "Intelligence",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Eastern",
    "Pacific",
    "Mountain",
    "ET",
    "EST",
    "EDT",
    "PT",
    "GMT",
    "UTC",
    "BST",
    "CET",
];

/// Words that typically start a sentence: evidence for a boundary after an abbreviation.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "From",
    "With",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "Although",
    "Though",
    "Because",
    "Since",
    "There",
    "Here",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "Several",
    "Such",
    "Both",
    "All",
    "No",
    "Not",
    "Still",
    "Also",
    "Meanwhile",
    "However",
    "Moreover",
    "Last",
    "Next",
    "Then",
    "Now",
    "Later",
    "Earlier",
    "Instead",
    "Nobody",
    "Nothing",
    "Neither",
    "Each",
    "Every",
    "During",
    "Despite",
    "Under",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Analysts",
    "Officials",
    "Critics",
    "Experts",
];

/// Abbreviations that stand before a number: "p. 12", "No. 7", "Vol. 2", "Rs. 500", "approx. 40",
/// "c. 1871".
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "p", "pp", "no", "nos", "vol", "vols", "rs", "sec", "secs", "ch", "chap", "fig", "figs", "art",
    "para", "approx", "ca", "c", "op", "n\u{B0}", "nr", "tel", "ext", "pt", "pts", "ed", "eds",
    "ver", "v", "vs", "est", "av", "ref", "eq", "ex", "ps", "sch", "cl", "reg", "min", "max", "lb",
    "lbs", "oz", "ft", "in", "yd", "yds", "mi", "gal", "qt", "sq", "cu", "bk", "pg",
];

/// Abbreviations that introduce what follows and never end a sentence.
const NEVER_FINAL: &[&str] = &["e.g", "i.e", "cf", "viz", "incl"];

/// Letter-chain abbreviations of places: after them a capital opens a sentence unless the text
/// writes that word capitalized mid-sentence too.
const PLACE_CHAINS: &[&str] = &[
    "u.s", "u.k", "e.u", "u.n", "u.s.a", "u.a.e", "u.s.s.r", "d.c", "p.r.c", "n.y", "l.a", "s.f",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words that open a phrase of time or place at the start of a sentence ("At 5 a.m. Mr. Smith
/// left.", "In 44 B.C. Caesar was killed.", "On Monday at 6 a.m. Mr. Smith arrived.").
const OPENING_PREPOSITIONS: &[&str] = &[
    "at", "by", "before", "after", "around", "until", "till", "since", "from", "about", "shortly",
    "in", "on", "during", "circa", "early", "late", "near", "toward", "towards",
];

/// Verbs of a speech tag ("Dr. Smith added.", "“Why?” she asked.").
const TAG_VERBS: &[&str] = &[
    "said",
    "asked",
    "says",
    "asks",
    "added",
    "adds",
    "wrote",
    "writes",
    "shouted",
    "replied",
    "replies",
    "told",
    "explained",
    "noted",
    "insisted",
    "recalled",
    "warned",
    "argued",
    "stressed",
    "concluded",
    "declared",
    "continued",
    "explains",
    "notes",
    "insists",
];

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{AB}'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{BB}'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{2022}' | '\u{2043}' | '\u{25AA}' | '\u{25E6}' | '\u{2023}' | '\u{25CF}' | '\u{25A0}'
    )
}

/// A word's 64-bit FNV-1a hash: the orthography keeps hashes, not strings, so learning a text
/// allocates nothing per word (a collision could only flip one capital's reading).
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash of a word in lower case, without allocating for ASCII words.
fn lower_hash(word: &str) -> u64 {
    if word.is_ascii() {
        word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
        })
    } else {
        word_hash(&word.to_lowercase())
    }
}

/// Keys that are hashes already: hashing them again would only cost time.
#[derive(Default)]
struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type HashSet64 = HashSet<u64, std::hash::BuildHasherDefault<PreHashed>>;

/// What the text itself says about capitalization: words it writes in lower case, and words it
/// capitalizes in mid-sentence (proper nouns), as word hashes.
struct Orthography {
    lower: HashSet64,
    mid_capital: HashSet64,
}

impl Orthography {
    fn learn(text: &str) -> Self {
        let mut lower = HashSet64::default();
        let mut mid_capital = HashSet64::default();
        let mut prev: Option<char> = None; // last non-space char before the current word
        let mut word_start: Option<usize> = None;
        let bytes = text.as_bytes();
        // Every character, then a space at the end; ASCII is read without decoding.
        let mut at = 0;
        while at <= bytes.len() {
            let i = at;
            let c = match bytes.get(i) {
                None => ' ',
                Some(b) if b.is_ascii() => char::from(*b),
                Some(_) => text[i..].chars().next().unwrap_or(' '),
            };
            at += c.len_utf8();
            if c.is_alphabetic() {
                if word_start.is_none() {
                    word_start = Some(i);
                }
                // The rest of an ASCII word at once: every letter would only continue it.
                while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
                    at += 1;
                }
                continue;
            }
            if let Some(s) = word_start.take() {
                let w = &text[s..i];
                let first = w.chars().next().unwrap_or(' ');
                if first.is_lowercase() {
                    lower.insert(word_hash(w));
                } else if prev.is_some_and(|p| p.is_lowercase() || p == ',') {
                    mid_capital.insert(word_hash(w));
                }
                prev = w.chars().next_back();
            }
            if !c.is_whitespace() {
                prev = Some(c);
            }
        }
        Orthography { lower, mid_capital }
    }

    /// Does the text elsewhere treat `word` as a common (lower-case) word?
    fn is_common(&self, word: &str) -> bool {
        self.lower.contains(&lower_hash(word)) && !self.is_mid_capital(word)
    }

    /// Does the text capitalize `word` in mid-sentence?
    fn is_mid_capital(&self, word: &str) -> bool {
        self.mid_capital.contains(&word_hash(word))
    }
}

/// A piece of a sentence: what the claim layer reads. Most sentences are one piece; a quotation
/// that runs over several sentences is one sentence of as many pieces as it has sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    /// Index of the sentence this piece belongs to.
    pub sentence: usize,
}

/// The sentences of a text and the pieces they are made of, both in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    pub sentences: Vec<Sentence>,
    pub pieces: Vec<Piece>,
}

/// Split `text` into sentences. Every returned span is non-empty and trimmed.
pub fn sentences(text: &str) -> Vec<Sentence> {
    segment(text).sentences
}

/// Split `text` into sentences and their pieces (one per quoted sentence).
pub fn segment(text: &str) -> Segmentation {
    let ortho = Orthography::learn(text);
    let mut out = Segmentation::default();
    let mut block_pieces = Vec::new();
    for (paragraph, (start, end)) in blocks(text).into_iter().enumerate() {
        // A paragraph that is only a short number is a page number, not a sentence.
        let bare = text[start..end].trim();
        if bare.len() <= 4 && bare.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        block_pieces.clear();
        split_block(text, start, end, paragraph, &ortho, &mut block_pieces);
        group_quotations(text, &block_pieces, &mut out);
    }
    out
}

/// Which quotations are open: a double one, a single one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Quotes {
    double: bool,
    single: bool,
}

impl Quotes {
    fn any(self) -> bool {
        self.double || self.single
    }
}

/// Which quotations are open at the end of `s`, given those open at its start? Curly quotes say
/// which way they go; a straight `"` toggles. A single mark opens after a space and before a
/// letter, and closes an open single quotation before a space or punctuation, so apostrophes
/// ("they'll", "China’s") are not quotation marks.
fn quotes_after(s: &str, mut q: Quotes) -> Quotes {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only `, ', " and the curly quotes (U+2018, U+2019, U+201C, U+201D: lead byte 0xE2)
        // change what is open; every other byte is passed over without decoding. A byte that
        // matches is a character's first, so `i` is a boundary there.
        if !matches!(bytes[i], b'`' | b'\'' | b'"' | 0xE2) {
            i += 1;
            continue;
        }
        // The character before (a pair of marks below reads as its second).
        let prev = s[..i].chars().next_back().unwrap_or(' ');
        let mut chars = s[i..].chars();
        let Some(c) = chars.next() else { break };
        step_quotes(c, prev, &mut chars, &mut q);
        i = s.len() - chars.as_str().len();
    }
    q
}

/// One character `c` of [`quotes_after`], after `prev`, with `chars` the text after it (a
/// doubled mark takes its second from there).
fn step_quotes(c: char, prev: char, chars: &mut std::str::Chars<'_>, q: &mut Quotes) {
    let mut ahead = chars.clone();
    let next = ahead.next().unwrap_or(' ');
    // "'s", "'t": a clitic cut off by a tokenizer, not a quotation.
    let word_follows = next.is_alphabetic() && ahead.next().is_some_and(char::is_alphabetic);
    // Wire copy and tokenized text: `` and '' stand for a double quotation mark.
    if (c == '`' && next == '`') || (c == '\'' && next == '\'') {
        q.double = !q.double;
        chars.next();
        return;
    }
    match c {
        '\u{201C}' => q.double = true,
        '\u{201D}' => q.double = false,
        '"' => q.double = !q.double,
        // "`We can drive over it,' he said": a grave accent opens a single quotation (and
        // closes one in "`the end.` Then").
        '`' if next.is_alphabetic() => q.single = true,
        '`' if q.single => q.single = false,
        '\'' | '\u{2018}' | '\u{2019}' => {
            let opens = (prev.is_whitespace() || is_opening(prev) || prev == '\u{2014}')
                && word_follows
                && c != '\u{2019}'
                && !is_elision(chars.as_str());
            let closes = q.single && !prev.is_whitespace() && !next.is_alphanumeric();
            if opens {
                q.single = true;
            } else if closes {
                q.single = false;
            }
        }
        _ => {}
    }
}

/// "'round", "'em", "'til": an apostrophe that stands for dropped letters, not a quotation.
fn is_elision(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        word.as_str(),
        "round" | "em" | "til" | "till" | "cause" | "tis" | "twas" | "bout" | "neath" | "nuff"
    )
}

/// Join the pieces of a block that lie inside one quotation into one sentence. A quotation still
/// open at the end of the block (a quote continued in the next paragraph, or a stray mark) joins
/// nothing.
fn group_quotations(text: &str, pieces: &[Sentence], out: &mut Segmentation) {
    let emit = |from: usize, to: usize, out: &mut Segmentation| {
        let sentence = out.sentences.len();
        out.sentences.push(Sentence {
            start: pieces[from].start,
            end: pieces[to].end,
            paragraph: pieces[from].paragraph,
        });
        for p in &pieces[from..=to] {
            out.pieces.push(Piece {
                start: p.start,
                end: p.end,
                paragraph: p.paragraph,
                sentence,
            });
        }
    };
    let mut quotes = Quotes::default();
    let mut group_start = 0;
    for (j, p) in pieces.iter().enumerate() {
        let after = quotes_after(&text[p.start..p.end], quotes);
        if quotes.any() {
            if !after.any() {
                emit(group_start, j, out);
            }
        } else if after.any() {
            group_start = j;
        } else {
            emit(j, j, out);
        }
        quotes = after;
    }
    if quotes.any() {
        for j in group_start..pieces.len() {
            emit(j, j, out);
        }
    }
}

/// Paragraph-like blocks: blank lines separate them; so does a line break after a short line
/// (a headline, a byline, page furniture) unless the next line plainly continues the sentence,
/// a line break before a list item, any line break in a run of short lines (a list), and any line
/// break in text whose paragraphs are single long lines (as text copied from a web page is).
fn blocks(text: &str) -> Vec<(usize, usize)> {
    // Lines with their byte ranges (without the newline).
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        lines.push((pos, pos + content.len()));
        pos += line.len();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if text[lines[i].0..lines[i].1].trim().is_empty() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && !text[lines[j].0..lines[j].1].trim().is_empty() {
            j += 1;
        }
        // lines[i..j] is a run of non-blank lines.
        let widths: Vec<usize> = lines[i..j]
            .iter()
            .map(|&(s, e)| text[s..e].trim().chars().count())
            .collect();
        let max = widths.iter().copied().max().unwrap_or(0);
        let unwrapped = max > 200;
        // A list item on a line this short ends with its line ("d. Compliance Log\nAttachment A").
        let narrow = max < 40;
        // A run of lines of at most three words each is a list, not wrapped prose.
        let wordy = lines[i..j]
            .iter()
            .any(|&(s, e)| text[s..e].split_whitespace().nth(3).is_some());
        let mut block_start = lines[i].0;
        for k in i..j {
            let last = k + 1 == j;
            let short = (widths[k - i] as f64) < 0.6 * max as f64;
            let line = text[lines[k].0..lines[k].1].trim();
            let next = if last {
                ""
            } else {
                text[lines[k + 1].0..lines[k + 1].1].trim()
            };
            let joins = !last && wordy && continues(line, next);
            if last
                || !wordy
                || starts_item(next)
                || is_byline(next)
                || (!joins && (unwrapped || short || is_headline(line)))
                || (!joins && narrow && starts_item(line))
            {
                out.push((block_start, lines[k].1));
                if !last {
                    block_start = lines[k + 1].0;
                }
            }
        }
        i = j;
    }
    out
}

/// Does `next` continue the unfinished sentence of `line` (a lower-case word or a stray stop)?
fn continues(line: &str, next: &str) -> bool {
    !line.ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
        && next.starts_with(|c: char| c.is_lowercase() || matches!(c, '.' | ',' | ';' | ')'))
}

/// Does a line open a list item ("• ...", "1. ...", "a) ...", "(iii) ...")?
fn starts_item(line: &str) -> bool {
    line.starts_with(is_bullet) || line_marker(line).is_some()
}

/// A line in title case without a closing full stop: a headline, not wrapped prose.
fn is_headline(line: &str) -> bool {
    if line.ends_with(['.', ',', ';', ':', '!', '?']) {
        return false;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    words.len() >= 3 && caps * 10 >= words.len() * 9
}

/// "By Jane Doe and John Roe": a byline starts its own block.
fn is_byline(line: &str) -> bool {
    let mut words = line.split_whitespace();
    words.next() == Some("By")
        && line.split_whitespace().count() <= 8
        && words.all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "and" || w == ",")
}

/// The ordinal of a list marker under each reading: "3." is 3, "c)" is 3, "(iii)" is 3 (or the
/// 9th letter, for "i").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    number: Option<u32>,
    letter: Option<u32>,
    roman: Option<u32>,
}

impl Marker {
    fn is_first(self) -> bool {
        [self.number, self.letter, self.roman].contains(&Some(1))
    }

    fn follows(self, prev: Marker) -> bool {
        let next =
            |a: Option<u32>, b: Option<u32>| matches!((a, b), (Some(a), Some(b)) if a == b + 1);
        next(self.number, prev.number)
            || next(self.letter, prev.letter)
            || next(self.roman, prev.roman)
    }
}

fn roman_value(s: &str) -> Option<u32> {
    const ROMAN: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv",
    ];
    ROMAN.iter().position(|r| *r == s).map(|p| p as u32 + 1)
}

/// A list marker at the start of `s` ("1.", "1.)", "1)", "a.", "a)", "(iii)", "(b)") followed
/// by white space: its ordinals and its length in bytes. A numbered section ("2.1.") is a marker
/// only at the start of a line ([`line_marker`]): elsewhere "2.4." is a decimal that ends a
/// sentence ("Inflation in March: 2.4. Economists had expected 2.6.").
fn list_marker(s: &str) -> Option<(Marker, usize)> {
    marker(s, false)
}

/// [`list_marker`] at the start of a line, where "2.1." and "4.1.3." number sections too.
fn line_marker(s: &str) -> Option<(Marker, usize)> {
    marker(s, true)
}

fn marker(s: &str, sections: bool) -> Option<(Marker, usize)> {
    let b = s.as_bytes();
    let paren = b.first() == Some(&b'(');
    let body_start = usize::from(paren);
    let mut k = body_start;
    while k < b.len() && b[k].is_ascii_alphanumeric() && k - body_start < 5 {
        k += 1;
    }
    let mut body = &s[body_start..k];
    if body.is_empty() {
        return None;
    }
    // "2.1." and "4.1.3.": a numbered section; its ordinal is the last number.
    while sections && !paren && body.bytes().all(|c| c.is_ascii_digit()) && b.get(k) == Some(&b'.')
    {
        let d = b[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=2).contains(&d) || b.get(k + 1 + d) != Some(&b'.') {
            break;
        }
        body = &s[k + 1..k + 1 + d];
        k += 1 + d;
    }
    let rest = &b[k..];
    let close = if paren {
        usize::from(rest.first() == Some(&b')'))
    } else if rest.starts_with(b".)") {
        2
    } else {
        usize::from(matches!(rest.first(), Some(b')' | b'.')))
    };
    if close == 0 {
        return None;
    }
    k += close;
    if !b.get(k).is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let number = (body.len() <= 2 && body.bytes().all(|c| c.is_ascii_digit()))
        .then(|| body.parse().ok())
        .flatten()
        .filter(|&n| n > 0);
    let letter = (body.len() == 1 && body.bytes().all(|c| c.is_ascii_lowercase()))
        .then(|| u32::from(body.as_bytes()[0] - b'a') + 1);
    let roman = roman_value(body);
    if number.is_none() && letter.is_none() && roman.is_none() {
        return None;
    }
    Some((
        Marker {
            number,
            letter,
            roman,
        },
        k,
    ))
}

/// Where the text of a piece starting at `at` begins after its list marker (bullets, then "1."
/// and the like), remembering the marker; `at` itself when there is none.
fn item_start(block: &str, at: usize, list: &mut Option<Marker>) -> usize {
    let rest = &block[at..];
    let body = rest.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
    let offset = at + rest.len() - body.len();
    let before = block[..offset]
        .trim_end_matches(|c: char| c != '\n' && (c.is_whitespace() || is_bullet(c)));
    let line_start = before.is_empty() || before.ends_with('\n');
    let found = if line_start {
        line_marker(body)
    } else {
        list_marker(body)
    };
    match found {
        Some((m, len)) => {
            *list = Some(m);
            offset + len
        }
        None => at,
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Sentence {
            start: start + lead,
            end: end - trail,
            paragraph,
        });
    }
}

/// The whitespace-delimited token around byte `at` (looking at most 80 bytes each way).
fn token_around(block: &str, at: usize) -> &str {
    let mut s = at;
    while s > 0 && at - s < 80 {
        let c = block[..s].chars().next_back().unwrap_or(' ');
        if c.is_whitespace() {
            break;
        }
        s -= c.len_utf8();
    }
    let e = block[at..]
        .char_indices()
        .take_while(|&(k, c)| k < 80 && !c.is_whitespace())
        .last()
        .map_or(at, |(k, c)| at + k + c.len_utf8());
    &block[s..e]
}

/// "the vote.Then the results": a full stop with no space after it, between a word and a
/// capitalized word, in prose scraped without its spaces; never in URLs, e-mail addresses,
/// domain names or file names.
fn glued_boundary(block: &str, i: usize, p: usize) -> bool {
    let before = block[..i].chars().next_back().unwrap_or(' ');
    let mut after = block[p..].chars();
    let (Some(a), Some(b)) = (after.next(), after.next()) else {
        return false;
    };
    if !(before.is_lowercase() || before.is_ascii_digit()) || !a.is_uppercase() || !b.is_lowercase()
    {
        return false;
    }
    // "bought 1,000.That", but not a numbered move or section ("7.Bg5", "3.Results").
    if before.is_ascii_digit()
        && block[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .nth(1)
            .is_none()
    {
        return false;
    }
    let token = token_around(block, i).to_lowercase();
    !(token.contains('@')
        || token.contains('/')
        || token.contains("www")
        || [
            ".com", ".org", ".net", ".gov", ".edu", ".io", ".uk", ".html",
        ]
        .iter()
        .any(|t| token.ends_with(t) || token.contains(&format!("{t}/"))))
}

/// Footnote and citation markers right after a full stop: "[2]", "[7][8]", and bare numbers
/// ("reported.12 The study") when a capitalized word follows, or spaced ("rights. 4 In") when a
/// typical opener does. Returns where the marker ends.
fn footnote_end(block: &str, p: usize, after_word: bool) -> usize {
    let b = block.as_bytes();
    let mut q = p;
    loop {
        if b.get(q) != Some(&b'[') {
            break;
        }
        let digits = b[q + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=3).contains(&digits) && b.get(q + 1 + digits) == Some(&b']') {
            q += digits + 2;
        } else {
            break;
        }
    }
    if q > p {
        return q;
    }
    // Spaced markers: "a gas. [1] It is", "a gas. [1][2] [3] It is".
    if b.get(p) == Some(&b' ') && b.get(p + 1) == Some(&b'[') {
        let mut r = p;
        loop {
            let s = r + usize::from(b.get(r) == Some(&b' '));
            let digits = b[(s + 1).min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if b.get(s) == Some(&b'[')
                && (1..=3).contains(&digits)
                && b.get(s + 1 + digits) == Some(&b']')
            {
                r = s + digits + 2;
            } else {
                break;
            }
        }
        let next = block[r..].trim_start();
        if r > p
            && (next.is_empty()
                || (next.len() < block.len() - r && next.starts_with(char::is_uppercase)))
        {
            return r;
        }
    }
    if !after_word {
        return q;
    }
    // A spaced bare number before a typical opener ("minority rights. 4 Even though"): news
    // style spells out a number that opens a sentence, so this one is a marker.
    if b.get(p) == Some(&b' ') {
        let digits = b[p + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let r = p + 1 + digits;
        let next = block[r..].split_whitespace().next().unwrap_or("");
        if (1..=2).contains(&digits)
            && b.get(r) == Some(&b' ')
            && is_starter(next.trim_end_matches(|c: char| !c.is_alphanumeric()))
        {
            return r;
        }
    }
    // Bare numbers, possibly several ("consultation.11 12 Take"), then a capitalized word.
    let mut r = p;
    loop {
        let digits = b[r..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=3).contains(&digits) {
            return p;
        }
        r += digits;
        if b.get(r) == Some(&b' ') && b.get(r + 1).is_some_and(u8::is_ascii_digit) {
            r += 1;
            continue;
        }
        let rest = &block[r..];
        let next = rest.trim_start();
        return if rest.len() > next.len() && next.starts_with(char::is_uppercase) {
            r
        } else {
            p
        };
    }
}

fn split_block(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    ortho: &Orthography,
    out: &mut Vec<Sentence>,
) {
    let block = &text[start..end];
    let mut sent_start = 0;
    let mut list: Option<Marker> = None;
    let mut skip_to = item_start(block, 0, &mut list);
    let mut iter = block.char_indices().peekable();
    // Where the last bracket opened: a stop is looked at as inside brackets only after one.
    let mut last_open: Option<usize> = None;
    while let Some((i, c)) = iter.next() {
        // An ASCII letter or digit is none of the marks below: most characters stop here.
        if c.is_ascii_alphanumeric() || i < skip_to {
            continue;
        }
        if matches!(c, '(' | '[') {
            last_open = Some(i);
        }
        if matches!(c, '/' | '=' | '*' | '_' | '#' | '~' | '-') {
            // A rule of five or more ("/////", "=====") separates; it is no part of a sentence.
            let run = block[i..].bytes().take_while(|&b| b == c as u8).count();
            if run >= 5 {
                push_trimmed(text, start + sent_start, start + i, paragraph, out);
                sent_start = i + run;
                skip_to = sent_start;
                continue;
            }
        }
        if is_bullet(c) {
            // "• 9. The first item • 10. The second item": a bullet opens an item.
            let preceded = block[..i].ends_with(char::is_whitespace);
            if preceded && !block[sent_start..i].trim().is_empty() {
                push_trimmed(text, start + sent_start, start + i, paragraph, out);
                sent_start = i;
                skip_to = item_start(block, i, &mut list);
            }
            continue;
        }
        if c.is_whitespace() {
            // "1. The first item 2. The second item": the next marker of a list opens an item.
            if let Some(prev) = list {
                let at = i + c.len_utf8();
                // A line break ends a list item before a capital: "c. one more\nThey went".
                let item = block[sent_start..i].trim_start();
                let next_line = block[at..].trim_start();
                if c == '\n'
                    && list_marker(item).is_some()
                    && next_line.starts_with(char::is_uppercase)
                {
                    push_trimmed(text, start + sent_start, start + i, paragraph, out);
                    sent_start = block.len() - next_line.len();
                    skip_to = item_start(block, sent_start, &mut list);
                } else if let Some((m, len)) = list_marker(&block[at..])
                    // "2.) The second item 1.) The first item": a list may start again.
                    && (m.follows(prev)
                        || (m.is_first() && prev.number.is_some_and(|k| k > 1)))
                    && (m.number.is_none()
                        || block[at + len..]
                            .trim_start()
                            .starts_with(|ch: char| ch.is_uppercase() || is_opening(ch)))
                    && !block[sent_start..i].trim().is_empty()
                {
                    push_trimmed(text, start + sent_start, start + i, paragraph, out);
                    sent_start = at;
                    skip_to = item_start(block, at, &mut list);
                }
            }
            continue;
        }
        if matches!(c, '"' | '\u{201D}') && block[..i].ends_with(['-', '\u{2014}', '\u{2013}']) {
            // "If you please, sir--" The Rabbit started": a quotation broken off ends there.
            let p = i + c.len_utf8();
            let rest = &block[p..];
            let after = rest.trim_start();
            if rest.len() > after.len()
                && after.starts_with(char::is_uppercase)
                && !speech_tag_follows(after)
                && !tag_sentence_follows(after)
            {
                push_trimmed(text, start + sent_start, start + p, paragraph, out);
                sent_start = block.len() - after.len();
                skip_to = item_start(block, sent_start, &mut list);
            }
            continue;
        }
        if !is_terminator(c) {
            continue;
        }
        // The run of terminators, then closing quotes and brackets.
        let mut strong = matches!(c, '!' | '?');
        // Full-width stops ("period．Does") end a sentence with or without a space.
        let mut wide = is_wide_terminator(c);
        let mut ellipsis = c == '\u{2026}';
        let mut dots = usize::from(c == '.');
        let mut p = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if is_terminator(d) {
                strong |= matches!(d, '!' | '?');
                wide |= is_wide_terminator(d);
                ellipsis |= d == '\u{2026}';
                dots += usize::from(d == '.');
                p = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        ellipsis |= dots >= 3;
        // A table of contents: "About Me........5", "The Score?...... 16-17": the entry is the
        // sentence; the leader and the page number are not.
        if dots >= 4
            && let Some(page_end) = page_number_end(block, p)
        {
            let keep = i + block[i..p].find('.').unwrap_or(0);
            push_trimmed(text, start + sent_start, start + keep, paragraph, out);
            sent_start = page_end;
            skip_to = page_end;
            continue;
        }
        // "two things: 1.) Release the records": a list marker after a colon opens an item.
        if dots == 1 && !strong {
            let ws = block[..i].rfind(char::is_whitespace).map_or(0, |k| {
                k + block[k..].chars().next().map_or(1, char::len_utf8)
            });
            if block[..ws].trim_end().ends_with(':')
                && let Some((m, len)) = list_marker(&block[ws..])
                && ws + len > i
            {
                list = Some(m);
                skip_to = ws + len;
                continue;
            }
        }
        // "[...]" marks an omission inside a quotation; like "..." it ends a sentence before a
        // capital other than "I" ("crop yields [...] Ozone is", "2012 [...] However,"), but not
        // before a name the text capitalizes mid-sentence ("a deal with [...] Microsoft").
        if block[..i].ends_with('[') && block[p..].starts_with(']') {
            let r = p + 1;
            let after = block[r..].trim_start();
            let next_word = after
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            if after.len() < block.len() - r
                && next_word.starts_with(char::is_uppercase)
                && next_word != "I"
                && !ortho.is_mid_capital(next_word)
            {
                while iter.peek().is_some_and(|&(j, _)| j < r) {
                    iter.next();
                }
                push_trimmed(text, start + sent_start, start + r, paragraph, out);
                sent_start = block.len() - after.len();
                skip_to = item_start(block, sent_start, &mut list);
            }
            continue;
        }
        // A spaced ellipsis ". . ." ends a sentence before a capital ("Happy . . . No one"), but
        // not before "I" ("the thing is . . . I didn't"), and not when a full stop is glued to
        // the word before it ("word. . . Next" is a stop and two stray dots); a full stop before
        // it ("compounds. . . . The") or a fourth dot ("a period . . . . Next") ends one too.
        if dots == 1 && !strong && !ellipsis && !wide {
            let mut q = p;
            let mut spaced = 1;
            while block[q..].starts_with(" .") {
                q += 2;
                spaced += 1;
            }
            if spaced >= 3 {
                while iter.peek().is_some_and(|&(j, _)| j < q) {
                    iter.next();
                }
                let mut r = q;
                while let Some(&(j, d)) = iter.peek() {
                    if is_closing(d) {
                        r = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let rest = &block[r..];
                let after = rest.trim_start();
                let capital_follows = rest.len() > after.len()
                    && after
                        .trim_start_matches(is_opening)
                        .starts_with(char::is_uppercase);
                let attached = !block[..i].ends_with(char::is_whitespace);
                let pronoun = after
                    .trim_start_matches(is_opening)
                    .split(|ch: char| !ch.is_alphabetic())
                    .next()
                    == Some("I");
                if !capital_follows || (spaced < 4 && (attached || pronoun)) {
                    continue;
                }
                if attached {
                    // The full stop ends the sentence; the ellipsis opens the next one.
                    push_trimmed(text, start + sent_start, start + p, paragraph, out);
                    sent_start = p;
                } else {
                    push_trimmed(text, start + sent_start, start + r, paragraph, out);
                    sent_start = block.len() - after.len();
                }
                skip_to = item_start(block, sent_start, &mut list);
                continue;
            }
        }
        let mut closed = false;
        while let Some(&(j, d)) = iter.peek() {
            if is_closing(d) {
                p = j + d.len_utf8();
                closed = true;
                iter.next();
            } else {
                break;
            }
        }
        if !closed && let Some(len) = spaced_closing_quote(block, sent_start, i, p) {
            // Tokenized text: "what to do ? '' Graham was convicted".
            p += len;
            closed = true;
            while iter.peek().is_some_and(|&(j, _)| j < p) {
                iter.next();
            }
        }
        let quoted_end = closed && is_closing(block[..p].chars().next_back().unwrap_or(' '));
        // Footnote markers belong to the sentence they follow.
        let after_word = dots == 1
            && !strong
            && block[..i]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphabetic() || ch == ')');
        let q = footnote_end(block, p, after_word);
        while iter.peek().is_some_and(|&(j, _)| j < q) {
            iter.next();
        }
        let footnote = q > p;
        p = q;
        if p >= block.len() {
            continue; // the block end closes the sentence anyway
        }
        let rest = &block[p..];
        let glued = !rest.starts_with(char::is_whitespace);
        // A boundary needs white space after it (`U.S.-led`, `4.2`, `a.com` are not), unless
        // a scraped text lost the space ("the vote.Then").
        if glued
            && !wide
            && !(dots == 1 && !strong && !footnote && !closed && glued_boundary(block, i, p))
        {
            continue;
        }
        let after = rest.trim_start();
        let next_at = block.len() - after.len();
        if after.is_empty() {
            continue;
        }
        // What follows any opening marks (tokenized text spaces them: "' I was in bed").
        let opened = after.trim_start_matches(is_opening).trim_start();
        let mut n = opened.chars().next().unwrap_or(' ');
        // "What do you see? - Posted like sentinels": a dash opens the next sentence.
        if strong && let Some(dashed) = opened.strip_prefix(['-', '\u{2013}', '\u{2014}']) {
            let dashed = dashed.trim_start();
            if dashed.len() < opened.len() - 1 {
                n = dashed.chars().next().unwrap_or(' ');
            }
        }
        let next_word: &str = {
            let w = opened;
            let stop = w
                .find(|ch: char| ch.is_whitespace() || (glued && ch == '.'))
                .unwrap_or(w.len());
            w[..stop].trim_end_matches(|ch: char| !ch.is_alphanumeric() && ch != '.')
        };
        let upper_or_digit = n.is_uppercase() || n.is_ascii_digit();
        let item_follows = list_marker(after)
            .is_some_and(|(m, _)| list.is_some_and(|prev| m.follows(prev)) || m.is_first())
            || after.starts_with(is_bullet);
        let boundary = if item_follows || wide {
            true
        } else if quoted_end
            && ((strong && (speech_tag_follows(after) || after.starts_with("(Which ")))
                || (!strong && tag_sentence_follows(after)))
        {
            // "“Is it over?” Mr. Smith asked." and "“It is over.” Dr. Smith added." are one
            // sentence: the speech tag belongs to its quotation. So does an aside that refers
            // back to a quoted exclamation ("“... the house!” (Which was true.)").
            false
        } else if !closed
            && last_open.is_some_and(|o| o >= sent_start)
            && inside_brackets(block, sent_start, i, p)
        {
            // "the reference [page. 42] for details", "[16: firma? 13:28]"
            false
        } else if strong {
            // "for Viva Maria! (1965), and": a year in brackets belongs to the title before it.
            upper_or_digit && !(after.starts_with('(') && n.is_ascii_digit())
        } else if ellipsis {
            // Not before a number, nor "I thought... I would go." (but in "it ended. ... I
            // left" the stop ended the sentence).
            upper_or_digit
                && !n.is_ascii_digit()
                && (next_word != "I" || block[..i].trim_end().ends_with(['.', '!', '?']))
        } else if dots == 1 && !closed {
            period_boundary(&block[sent_start..i], after, next_word, n, ortho)
        } else {
            upper_or_digit
        };
        if boundary {
            push_trimmed(text, start + sent_start, start + p, paragraph, out);
            sent_start = next_at;
            skip_to = item_start(block, next_at, &mut list);
        }
    }
    push_trimmed(text, start + sent_start, end, paragraph, out);
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}') || is_wide_terminator(c)
}

/// Full-width and ideographic stops: "．", "。", "！", "？".
fn is_wide_terminator(c: char) -> bool {
    matches!(c, '\u{FF0E}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}')
}

/// After a dot leader at `p`: the end of a page number ("5", " 16-17") that ends its line.
fn page_number_end(block: &str, p: usize) -> Option<usize> {
    let b = block.as_bytes();
    let mut q = p;
    while q < b.len() && (b[q] == b' ' || b[q] == b'.') {
        q += 1;
    }
    let digits = b[q..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'-')
        .count();
    let end = q + digits;
    let line_ends = end == b.len() || matches!(b[end], b'\n' | b'\r');
    (digits > 0 && b[q].is_ascii_digit() && line_ends).then_some(end)
}

/// Is the terminator at `i` (ending at `p`) inside a bracket opened in this sentence and closed
/// before any other terminator ("[page. 42]")? Looks at most 200 bytes back and 100 ahead, so
/// the pass stays linear.
fn inside_brackets(block: &str, sent_start: usize, i: usize, p: usize) -> bool {
    let mut from = i.saturating_sub(200).max(sent_start);
    while !block.is_char_boundary(from) {
        from += 1;
    }
    let mut depth = 0i32;
    for c in block[from..i].chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    if depth == 0 {
        return false;
    }
    for c in block[p..].chars().take(100) {
        match c {
            ')' | ']' => return true,
            '(' | '[' | '\n' => return false,
            c if is_terminator(c) => return false,
            _ => {}
        }
    }
    false
}

/// A quotation mark standing alone after a terminator in tokenized text (`? '' Graham`,
/// `through. ' The`): its length with the space before it, when it closes a quotation rather
/// than opening the next sentence's. It closes one opened in this sentence; with none opened
/// here, it closes unless the same mark recurs in the next sentence (`. ' Blessings of Baapu '`).
fn spaced_closing_quote(block: &str, sent_start: usize, i: usize, p: usize) -> Option<usize> {
    let rest = &block[p..];
    let r = rest.trim_start_matches([' ', '\t']);
    let ws = rest.len() - r.len();
    if ws == 0 {
        return None;
    }
    let mark = ["''", "``", "'", "\"", "`"].into_iter().find(|m| {
        r.strip_prefix(m)
            .is_some_and(|t| t.is_empty() || t.starts_with(char::is_whitespace))
    })?;
    let mut from = i.saturating_sub(300).max(sent_start);
    while !block.is_char_boundary(from) {
        from += 1;
    }
    let opened = block[from..i]
        .split_whitespace()
        .filter(|w| *w == mark)
        .count();
    let closes = if opened > 0 {
        opened % 2 == 1
    } else {
        // The next sentence, with the word after its terminator (where a spaced mark sits).
        let words: Vec<&str> = r[mark.len()..].split_whitespace().take(40).collect();
        let end = words
            .iter()
            .position(|w| w.ends_with(['.', '!', '?']))
            .map_or(words.len(), |k| (k + 2).min(words.len()));
        !words[..end].contains(&mark)
    };
    closes.then_some(ws + mark.len())
}

/// Is the sentence that opens `after` only a speech tag ("Dr. Hartmann added.", "She said on
/// Monday.")? Then, after a quotation that closes with a full stop, it belongs to the quotation.
fn tag_sentence_follows(after: &str) -> bool {
    let mut verb = false;
    for (k, w) in after.split_whitespace().enumerate() {
        if k >= 7 || w.starts_with(is_opening) || w.ends_with(['!', '?', ':', ';']) {
            return false;
        }
        let bare = w.trim_end_matches(['.', ',']);
        verb |= TAG_VERBS.contains(&bare.to_lowercase().as_str());
        if w.ends_with('.') {
            let lower = bare.to_lowercase();
            let initial = bare.chars().count() == 1 && bare.chars().all(char::is_uppercase);
            if !(TITLES.contains(&lower.as_str()) || initial) {
                return verb;
            }
        }
    }
    false
}

/// Does a short speech tag ("Mr. Smith asked.", "said the senator.") open `after`?
fn speech_tag_follows(after: &str) -> bool {
    // "“... who I am!” As she said this, ...": a clause, not a tag.
    let mut words = after.split_whitespace();
    let first = words.next().unwrap_or("");
    // "“Sorry!” I say.", "“Are you there?” I called.": the pronoun is capitalized anyway.
    if first == "I"
        && let Some(verb) = words.next().and_then(|w| w.strip_suffix(['.', ',']))
        && matches!(
            verb,
            "say"
                | "said"
                | "ask"
                | "asked"
                | "cry"
                | "cried"
                | "called"
                | "shouted"
                | "yelled"
                | "screamed"
                | "whispered"
                | "howled"
                | "started"
                | "begged"
                | "answered"
                | "replied"
                | "exclaimed"
                | "muttered"
        )
    {
        return true;
    }
    if matches!(
        first,
        "As" | "When"
            | "While"
            | "If"
            | "Because"
            | "Although"
            | "After"
            | "Before"
            | "Since"
            | "But"
            | "And"
            | "So"
            | "Then"
            | "Now"
    ) {
        return false;
    }
    after
        .split_whitespace()
        .take(5)
        .take_while(|w| !w.ends_with(['?', '!']) && !w.starts_with(['"', '\u{201C}']))
        .any(|w| TAG_VERBS.contains(&w.trim_end_matches(['.', ',', ';']).to_lowercase().as_str()))
}

/// Does `word` typically open a sentence ("The", "He", "I'm", "Let's")?
fn is_starter(word: &str) -> bool {
    let base = word.split(['\'', '\u{2019}']).next().unwrap_or(word);
    STARTERS.contains(&word)
        || (base.len() < word.len()
            && (STARTERS.contains(&base)
                || matches!(
                    base,
                    "Let" | "Don" | "Didn" | "Doesn" | "Can" | "Won" | "Isn" | "Aren" | "Wasn"
                )))
}

/// Is `piece.` (the piece so far, up to the full stop) followed by `after` (whose first word is
/// `next_word`, first letter `n`) a sentence boundary?
fn period_boundary(
    piece: &str,
    after: &str,
    next_word: &str,
    n: char,
    ortho: &Orthography,
) -> bool {
    if !(n.is_uppercase() || n.is_ascii_digit()) {
        return false;
    }
    // Tokenized text puts a space before the stop ("Mr . Robinson"): the word is the one before.
    let piece = match piece.strip_suffix(' ') {
        Some(p) if !p.ends_with(char::is_whitespace) => p,
        _ => piece,
    };
    let word_start = piece
        .rfind(|c: char| c.is_whitespace() || is_opening(c) || c == '-' || c == '\u{2014}')
        .map(|k| k + piece[k..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &piece[word_start..];
    let lower = word.to_lowercase();
    let fragment = piece[..word_start].trim();
    let prev_word = fragment.split_whitespace().next_back().unwrap_or("");
    let starter = is_starter(next_word);
    // "Army." as the next word is "Army" for the word lists.
    let next_word = next_word.trim_end_matches('.');
    // "3 ft.", "753 B.C." (not "in Round 2,\" Mr. Barrett" nor "the 1980's, Mr. Trump").
    let after_number = prev_word.ends_with(|c: char| c.is_ascii_digit())
        && prev_word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'));
    if (n.is_ascii_digit() || (lower != "no" && is_roman(next_word)))
        && NUMBER_ABBREVIATIONS.contains(&lower.as_str())
    {
        return false;
    }
    // After a number a title is a unit: "the shelf is 3 ft. Tom measured it".
    if (TITLES.contains(&lower.as_str()) && !after_number) || NEVER_FINAL.contains(&lower.as_str())
    {
        return false;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        if fragment.is_empty() {
            // "Q. What is his name?", "J. Smith said": a letter that opens a piece.
            return false;
        }
        if word == "I" && prev_word.starts_with(char::is_lowercase) {
            // The pronoun: "you and I. Did you see ...".
            return true;
        }
        // An initial ("Vladimir V. Putin"), unless a typical sentence opener follows.
        return starter && !next_word.ends_with('.');
    }
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) || lower == "no" {
        return !n.is_ascii_digit();
    }
    if lower == "a.m" || lower == "p.m" {
        return time_boundary(fragment, after, next_word, n);
    }
    let letter_chain = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if letter_chain || AMBIGUOUS.contains(&lower.as_str()) {
        // "The U.S. Commission", "Apple Inc. Chief": too short to be a sentence.
        let short = fragment.split_whitespace().nth(1).is_none();
        if short || n.is_ascii_digit() || CONTINUATIONS.contains(&next_word) {
            return false;
        }
        if starter || ortho.is_common(next_word) {
            return true;
        }
        // Place abbreviations (`U.S.`) are adjectives before a proper noun the text capitalizes
        // elsewhere too; otherwise the capital most likely opens a sentence. Initials of a name
        // ("J.P. Morgan", "L.M. Ericsson") run on into the name.
        // After a number it is an era or a unit ("753 B.C.").
        // "In 44 B.C. Caesar was killed": the era ends an opening phrase, not a sentence.
        if after_number && opening_phrase(fragment) {
            return false;
        }
        let place = PLACE_CHAINS.contains(&lower.as_str())
            || prev_word.eq_ignore_ascii_case("the")
            || after_number;
        return letter_chain
            && place
            && word.chars().all(|c| c == '.' || c.is_uppercase())
            && !ortho.is_mid_capital(next_word);
    }
    true
}

/// Is `fragment` (a sentence up to an abbreviation) no more than an opening phrase of time or
/// place ("At 5", "On Monday at 6", "In 44", "He noted: In 44")? A sentence needs more.
fn opening_phrase(fragment: &str) -> bool {
    let tail = fragment.rsplit(": ").next().unwrap_or(fragment);
    let mut words = tail.split_whitespace();
    words.next().is_some_and(|w| {
        let w = w.trim_start_matches(is_opening).to_lowercase();
        OPENING_PREPOSITIONS.contains(&w.as_str())
    }) && words.nth(7).is_none()
}

/// "Mr.", "Gen.": a title that always precedes a name.
fn is_title(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    bare.len() < word.len() && TITLES.contains(&bare.to_lowercase().as_str())
}

/// A Roman numeral of two or more capitals ("II", "XIV"), as after "Vol." or "Ch.".
fn is_roman(word: &str) -> bool {
    word.len() >= 2
        && word.chars().all(|c| c.is_ascii_uppercase())
        && roman_value(&word.to_lowercase()).is_some()
}

/// After "a.m." or "p.m.": a capital opens a sentence ("at 9 a.m. Officials arrived") unless it
/// names the day, month or zone ("at 9 a.m. Monday", "p.m. Moscow time"), or the time opens the
/// sentence ("At 5 a.m. Mr. Smith went to the bank").
fn time_boundary(fragment: &str, after: &str, next_word: &str, n: char) -> bool {
    // "10 a.m. (CDT)" names the zone.
    if fragment.is_empty() || after.starts_with('(') {
        return false;
    }
    let first = after.split_whitespace().next().unwrap_or("");
    if n.is_ascii_digit() {
        // "before 7 p.m. 7 a.m. is early": another time opens a sentence; "p.m. 15" does not.
        return after
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "a.m." | "p.m."));
    }
    if opening_phrase(fragment) {
        // "At 5 a.m. Mr. Smith went", but "At 6 a.m. The birds sing."
        return is_starter(first) && !is_title(first);
    }
    if is_starter(first) {
        return true;
    }
    if CONTINUATIONS.contains(&next_word) || MONTHS.contains(&next_word) {
        return false;
    }
    // "at 9 p.m. Moscow time"
    after
        .split_whitespace()
        .nth(1)
        .is_none_or(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()) != "time")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `quotes_after` as it read every character: the fast one must say the same.
    fn quotes_after_char_by_char(s: &str, mut q: Quotes) -> Quotes {
        let mut prev = ' ';
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            // After a doubled mark, the character before the next is its second: `c` again.
            step_quotes(c, prev, &mut chars, &mut q);
            prev = c;
        }
        q
    }

    proptest::proptest! {
        #[test]
        fn quotes_are_read_the_same_byte_by_byte(
            s in "([`'\"\u{2018}\u{2019}\u{201C}\u{201D}\u{2014}\u{00E9}(a-z ]|'round|''|``){0,40}",
            double in proptest::bool::ANY,
            single in proptest::bool::ANY,
        ) {
            let q = Quotes { double, single };
            proptest::prop_assert_eq!(quotes_after(&s, q), quotes_after_char_by_char(&s, q));
        }
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn titles_initials_and_abbreviations() {
        assert_eq!(
            split("Xi Jinping hosts President Vladimir V. Putin this week. Mr. Xi will seek help."),
            vec![
                "Xi Jinping hosts President Vladimir V. Putin this week.",
                "Mr. Xi will seek help."
            ]
        );
        assert_eq!(
            split(
                "Dr. Smith met Gen. Lee and Sen. Ray at 3:30 p.m. on Jan. 5. Growth was 4.2 percent."
            ),
            vec![
                "Dr. Smith met Gen. Lee and Sen. Ray at 3:30 p.m. on Jan. 5.",
                "Growth was 4.2 percent."
            ]
        );
    }

    #[test]
    fn us_inside_and_at_the_end() {
        assert_eq!(
            split("Growth slowed in the U.S. Analysts disagree. The U.S. Navy said so."),
            vec![
                "Growth slowed in the U.S.",
                "Analysts disagree.",
                "The U.S. Navy said so."
            ]
        );
        assert_eq!(
            split("It is a U.S.-led order. The U.N. Security Council met."),
            vec!["It is a U.S.-led order.", "The U.N. Security Council met."]
        );
    }

    #[test]
    fn quotes_brackets_ellipses() {
        assert_eq!(
            split(
                "He called him an \u{201C}old friend.\u{201D} But the ties are strained (for now.) Then... Nothing!"
            ),
            vec![
                "He called him an \u{201C}old friend.\u{201D}",
                "But the ties are strained (for now.)",
                "Then...",
                "Nothing!"
            ]
        );
        assert_eq!(
            split("\u{201C}Why?\u{201D} he asked. Fine."),
            vec!["\u{201C}Why?\u{201D} he asked.", "Fine."]
        );
        assert_eq!(
            split("Apple Inc. said it would. It did."),
            vec!["Apple Inc. said it would.", "It did."]
        );
    }

    #[test]
    fn question_quote_then_speech_tag_is_one_sentence() {
        assert_eq!(
            split(
                "\u{201C}Is it over?\u{201D} Mr. Smith asked. \u{201C}No!\u{201D} The crowd roared."
            ),
            vec![
                "\u{201C}Is it over?\u{201D} Mr. Smith asked.",
                "\u{201C}No!\u{201D}",
                "The crowd roared."
            ]
        );
    }

    #[test]
    fn paragraphs_are_hard_boundaries() {
        let text = "First paragraph without a stop\n\nSecond one.\nShare.\nExit mobile version";
        let s = sentences(text);
        assert_eq!(
            split(text),
            vec![
                "First paragraph without a stop",
                "Second one.",
                "Share.",
                "Exit mobile version"
            ]
        );
        assert_eq!(s[0].paragraph, 0);
        assert_eq!(s[1].paragraph, 1);
    }

    #[test]
    fn hard_wrapped_lines_stay_one_sentence() {
        let text = "The two leaders are expected to present a united front, but they have\ndifferent agendas according to the United States and its partners in\nEurope. Next sentence here.";
        assert_eq!(split(text).len(), 2);
        assert!(split(text)[0].contains("have\ndifferent"));
    }

    #[test]
    fn headline_line_is_its_own_sentence() {
        let text = "China Pledges Support\nBy Jane Doe\nWhen China's leader met Mr. Putin on Tuesday, the two leaders signed a long statement that ran to many pages and covered trade.";
        assert_eq!(
            split(text),
            vec!["China Pledges Support", "By Jane Doe", &text[34..]]
        );
    }

    #[test]
    fn headline_and_byline_lines_stand_alone() {
        let text = "Biden Signs Sweeping Tariff Increase on Chinese Electric Vehicles\nBy Jane Doe and John Roe\nMay 14, 2024";
        assert_eq!(
            split(text),
            vec![
                "Biden Signs Sweeping Tariff Increase on Chinese Electric Vehicles",
                "By Jane Doe and John Roe",
                "May 14, 2024"
            ]
        );
    }

    #[test]
    fn a_wrapped_line_full_of_names_is_not_a_headline() {
        let text = "When China\u{2019}s top leader, Xi Jinping, hosts President Vladimir V. Putin of\nRussia this week, the two leaders are expected to present a united front.";
        assert_eq!(split(text).len(), 1);
    }

    #[test]
    fn abbreviation_then_capital_is_decided_by_what_follows() {
        // A name the text capitalizes, a continuation, an initials chain: no boundary.
        assert_eq!(
            split("Bonds issued by the U.K. Treasury fell. J.P. Morgan Chase sold its stake."),
            vec![
                "Bonds issued by the U.K. Treasury fell.",
                "J.P. Morgan Chase sold its stake."
            ]
        );
        assert_eq!(
            split("The firm sold a unit of L.M. Ericsson & Co. in Sweden last year."),
            vec!["The firm sold a unit of L.M. Ericsson & Co. in Sweden last year."]
        );
        // A known sentence opener, or a word the text writes in lower case elsewhere: boundary.
        assert_eq!(
            split(
                "Its plant moved to the U.S. The union objected. Output fell in the U.K. Exports fell too, as exports do."
            ),
            vec![
                "Its plant moved to the U.S.",
                "The union objected.",
                "Output fell in the U.K.",
                "Exports fell too, as exports do."
            ]
        );
        // Too short to be a sentence: "The U.S." does not end one.
        assert_eq!(
            split("The U.S. Commission met. It adjourned."),
            vec!["The U.S. Commission met.", "It adjourned."]
        );
        assert_eq!(
            split("Use a rule, e.g. Mr. Lee's rule, to decide."),
            vec!["Use a rule, e.g. Mr. Lee's rule, to decide."]
        );
    }

    #[test]
    fn times_and_numbered_abbreviations() {
        assert_eq!(
            split(
                "The polls closed at 8 p.m. Officials began counting. The count ends at 6 a.m. Friday."
            ),
            vec![
                "The polls closed at 8 p.m.",
                "Officials began counting.",
                "The count ends at 6 a.m. Friday."
            ]
        );
        assert_eq!(
            split(
                "By 7 a.m. Mayor Ruiz had declared an emergency. It lasted until 9 p.m. Moscow time. Talks began at 10 a.m. (CDT) in Houston."
            ),
            vec![
                "By 7 a.m. Mayor Ruiz had declared an emergency.",
                "It lasted until 9 p.m. Moscow time.",
                "Talks began at 10 a.m. (CDT) in Houston."
            ]
        );
        assert_eq!(
            split(
                "See p. 4 and pp. 10-12 of Vol. 3, items No. 7 and Nos. 8 and 9, at Rs. 250 each, approx. 30 in all."
            ),
            vec![
                "See p. 4 and pp. 10-12 of Vol. 3, items No. 7 and Nos. 8 and 9, at Rs. 250 each, approx. 30 in all."
            ]
        );
        assert_eq!(
            split("He said no. No. 10 Downing Street did not."),
            vec!["He said no.", "No. 10 Downing Street did not."]
        );
    }

    #[test]
    fn the_pronoun_i_and_initials() {
        assert_eq!(
            split(
                "The judge thanked my wife and I. Then she ruled. John F. Kennedy and Harry S. Truman both spoke."
            ),
            vec![
                "The judge thanked my wife and I.",
                "Then she ruled.",
                "John F. Kennedy and Harry S. Truman both spoke."
            ]
        );
        assert_eq!(
            split("Q. Did you vote? A. Yes, I did."),
            vec!["Q. Did you vote?", "A. Yes, I did."]
        );
    }

    #[test]
    fn full_stop_without_a_space() {
        assert_eq!(
            split("The count was slow.Then the lights went out.Mr. Diaz left."),
            vec![
                "The count was slow.",
                "Then the lights went out.",
                "Mr. Diaz left."
            ]
        );
        for one in [
            "Mail tips.Desk@example.com or visit news.Example.com today.",
            "See https://example.org/Reports/Annual.Pdf for details.",
            "Turnout was 61.5 percent in the U.S.A. in 2020.",
            "The U.S.Treasury bill rate rose.",
        ] {
            assert_eq!(split(one), vec![one]);
        }
    }

    #[test]
    fn list_items_keep_their_marker() {
        assert_eq!(
            split("1. Raise the levee 2. Move the school"),
            vec!["1. Raise the levee", "2. Move the school"]
        );
        assert_eq!(
            split("1.) Raise the levee. 2.) Move the school."),
            vec!["1.) Raise the levee.", "2.) Move the school."]
        );
        assert_eq!(
            split("a) the levee b) the school c) the road"),
            vec!["a) the levee", "b) the school", "c) the road"]
        );
        assert_eq!(
            split("(i) Cut taxes. (ii) Hire nurses. (iii) Fix roads."),
            vec!["(i) Cut taxes.", "(ii) Hire nurses.", "(iii) Fix roads."]
        );
        assert_eq!(
            split("\u{2022} 3. Cut taxes \u{2022} 4. Hire nurses"),
            vec!["\u{2022} 3. Cut taxes", "\u{2022} 4. Hire nurses"]
        );
        assert_eq!(
            split("Demands:\n1. Cut taxes\n2. Hire nurses"),
            vec!["Demands:", "1. Cut taxes", "2. Hire nurses"]
        );
        // A number that merely follows a full stop is not a list.
        assert_eq!(
            split("Turn to p. 5. The table is there."),
            vec!["Turn to p. 5.", "The table is there."]
        );
    }

    #[test]
    fn footnote_markers_stay_with_their_sentence() {
        assert_eq!(
            split("He was elected in 2010.[2] Later he resigned.[3][4] Nobody objected."),
            vec![
                "He was elected in 2010.[2]",
                "Later he resigned.[3][4]",
                "Nobody objected."
            ]
        );
        assert_eq!(
            split("The rate doubled, a survey reported.12 The survey was small."),
            vec![
                "The rate doubled, a survey reported.12",
                "The survey was small."
            ]
        );
        assert_eq!(
            split("It grew 3.12 percent."),
            vec!["It grew 3.12 percent."]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_and_short_lists_stay_lines() {
        let text = "The river rose much\nfaster than the\nforecast said. Nobody\nwas hurt.";
        assert_eq!(
            split(text),
            vec![
                "The river rose much\nfaster than the\nforecast said.",
                "Nobody\nwas hurt."
            ]
        );
        assert_eq!(
            split("Markets\nWorld news\nOpinion"),
            vec!["Markets", "World news", "Opinion"]
        );
        let long = format!("{} and\nthe rest follows.", "word ".repeat(50).trim_end());
        assert_eq!(split(&long).len(), 1);
    }

    #[test]
    fn ellipses_mid_sentence_and_at_the_end() {
        assert_eq!(
            split(
                "It was . . . a mistake. The law bans . . . I quote . . . all sales. He waited... and waited."
            ),
            vec![
                "It was . . . a mistake.",
                "The law bans . . . I quote . . . all sales.",
                "He waited... and waited."
            ]
        );
        assert_eq!(
            split(
                "He waited.... Then he left. She waited\u{2026} Nothing came. It ended. . . . The end came. . . ."
            ),
            vec![
                "He waited....",
                "Then he left.",
                "She waited\u{2026}",
                "Nothing came.",
                "It ended.",
                ". . . The end came. . . ."
            ]
        );
        assert_eq!(
            split("\"The plan [...] failed,\" he wrote (p. 4)."),
            vec!["\"The plan [...] failed,\" he wrote (p. 4)."]
        );
    }

    #[test]
    fn quotations_are_one_sentence_up_to_their_closing_mark() {
        let text = "\"Stop. Go home,\" she said. \u{201C}We tried. We failed.\u{201D} He left. (The vote was close.) It passed.";
        assert_eq!(
            split(text),
            vec![
                "\"Stop. Go home,\" she said.",
                "\u{201C}We tried. We failed.\u{201D}",
                "He left.",
                "(The vote was close.)",
                "It passed."
            ]
        );
        // The pieces are the quoted sentences: what claims are read from.
        let seg = segment(text);
        let pieces: Vec<&str> = seg.pieces.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(
            pieces,
            vec![
                "\"Stop.",
                "Go home,\" she said.",
                "\u{201C}We tried.",
                "We failed.\u{201D}",
                "He left.",
                "(The vote was close.)",
                "It passed."
            ]
        );
        assert_eq!(
            seg.pieces.iter().map(|p| p.sentence).collect::<Vec<_>>(),
            vec![0, 0, 1, 1, 2, 3, 4]
        );
    }

    #[test]
    fn single_quotation_marks_group_but_apostrophes_do_not() {
        assert_eq!(
            split(
                "\u{2018}We lost. We will be back,\u{2019} the coach\u{2019}s aide said. It rained."
            ),
            vec![
                "\u{2018}We lost. We will be back,\u{2019} the coach\u{2019}s aide said.",
                "It rained."
            ]
        );
        assert_eq!(
            split("The players' union met. They'll vote. Rock 'n' roll won."),
            vec![
                "The players' union met.",
                "They'll vote.",
                "Rock 'n' roll won."
            ]
        );
    }

    #[test]
    fn a_speech_tag_after_a_quotation_that_ends_in_a_full_stop_stays_with_it() {
        assert_eq!(
            split("\u{201C}The levee will hold.\u{201D} Dr. Anna Hartmann added. The river fell."),
            vec![
                "\u{201C}The levee will hold.\u{201D} Dr. Anna Hartmann added.",
                "The river fell."
            ]
        );
        assert_eq!(
            split("\"We are ready.\" She said on Monday. Crews left."),
            vec!["\"We are ready.\" She said on Monday.", "Crews left."]
        );
        // A sentence that goes on past the tag is a sentence of its own.
        assert_eq!(
            split("\"We are ready.\" He said the crews would leave at noon. They did."),
            vec![
                "\"We are ready.\"",
                "He said the crews would leave at noon.",
                "They did."
            ]
        );
        // A clause is not a tag.
        assert_eq!(
            split("\u{201C}Who am I!\u{201D} As she said this, the door opened."),
            vec![
                "\u{201C}Who am I!\u{201D}",
                "As she said this, the door opened."
            ]
        );
    }

    #[test]
    fn an_opening_phrase_of_time_or_era_runs_on() {
        assert_eq!(
            split(
                "On Friday at 7 a.m. Mrs. Okafor opened the polls. At 8 p.m. The counting began."
            ),
            vec![
                "On Friday at 7 a.m. Mrs. Okafor opened the polls.",
                "At 8 p.m.",
                "The counting began."
            ]
        );
        assert_eq!(
            split("In 31 B.C. Octavian won at Actium. The poem dates from 19 B.C. Scholars agree."),
            vec![
                "In 31 B.C. Octavian won at Actium.",
                "The poem dates from 19 B.C.",
                "Scholars agree."
            ]
        );
        assert_eq!(
            split("Doors open at 9 a.m. 10 a.m. is too late."),
            vec!["Doors open at 9 a.m.", "10 a.m. is too late."]
        );
    }

    #[test]
    fn a_title_after_a_number_in_prose_is_still_a_title() {
        assert_eq!(
            split("\"We lost in Round 2,\" Mr. Baptiste said. In the 1990s, Mr. Baptiste won."),
            vec![
                "\"We lost in Round 2,\" Mr. Baptiste said.",
                "In the 1990s, Mr. Baptiste won."
            ]
        );
    }

    #[test]
    fn units_and_numbered_parts() {
        assert_eq!(
            split(
                "The fish weighed 3 lb. 2 oz. at the dock. The pole is 6 ft. Nobody measured it."
            ),
            vec![
                "The fish weighed 3 lb. 2 oz. at the dock.",
                "The pole is 6 ft.",
                "Nobody measured it."
            ]
        );
        assert_eq!(
            split("The map is in Vol. III of the atlas."),
            vec!["The map is in Vol. III of the atlas."]
        );
    }

    #[test]
    fn spaced_ellipses_before_a_capital() {
        assert_eq!(
            split(
                "We waited . . . Nobody came. It was . . . I think . . . a trap. Well... I left."
            ),
            vec![
                "We waited . . .",
                "Nobody came.",
                "It was . . . I think . . . a trap.",
                "Well... I left."
            ]
        );
        // A full stop before the ellipsis has ended the sentence already.
        assert_eq!(
            split("\u{201C}He was a fair rival. ... I think that is unfair.\u{201D}"),
            vec!["\u{201C}He was a fair rival. ... I think that is unfair.\u{201D}"]
        );
        assert_eq!(
            segment("\u{201C}He was a fair rival. ... I think that is unfair.\u{201D}")
                .pieces
                .len(),
            2
        );
    }

    #[test]
    fn markers_and_brackets() {
        assert_eq!(
            split("Neon is inert. [4] It glows red. [5][6] [7] Argon is cheaper."),
            vec![
                "Neon is inert. [4]",
                "It glows red. [5][6] [7]",
                "Argon is cheaper."
            ]
        );
        assert_eq!(
            split("See the ruling [sec. 4. B] on appeal. It was upheld (or so? Mostly) later."),
            vec![
                "See the ruling [sec. 4. B] on appeal.",
                "It was upheld (or so? Mostly) later."
            ]
        );
    }

    #[test]
    fn quotations_broken_off_and_dashes() {
        assert_eq!(
            split("\"We only wanted--\" The microphone went dead. Why now? - Nobody knew."),
            vec![
                "\"We only wanted--\"",
                "The microphone went dead.",
                "Why now?",
                "- Nobody knew."
            ]
        );
        assert_eq!(
            split("\"We only wanted\u{2014}\" she began."),
            vec!["\"We only wanted\u{2014}\" she began."]
        );
    }

    #[test]
    fn full_width_stops() {
        assert_eq!(
            split("The vote passed\u{FF0E}Turnout was low\u{FF0E}"),
            vec!["The vote passed\u{FF0E}", "Turnout was low\u{FF0E}"]
        );
    }

    #[test]
    fn list_items_end_at_a_line_break() {
        assert_eq!(
            split("Options: a. wait b. leave c. vote\nThe board chose to vote."),
            vec![
                "Options: a. wait",
                "b. leave",
                "c. vote",
                "The board chose to vote."
            ]
        );
        assert_eq!(
            split("f. Budget Annex \u{2013} Part 3\nTable B"),
            vec!["f. Budget Annex \u{2013} Part 3", "Table B"]
        );
    }

    #[test]
    fn tokenized_text() {
        assert_eq!(
            split("He met Dr . Osei there . Then he left ."),
            vec!["He met Dr . Osei there .", "Then he left ."]
        );
        assert_eq!(
            split("Is it true ? '' Nobody answered . The rest left ."),
            vec!["Is it true ? ''", "Nobody answered .", "The rest left ."]
        );
        assert_eq!(
            split("The band is famous . ' Red Sky ' is their hit ."),
            vec!["The band is famous .", "' Red Sky ' is their hit ."]
        );
        assert_eq!(
            split("He wrote `this is the end.` Then he stopped."),
            vec!["He wrote `this is the end.`", "Then he stopped."]
        );
    }

    #[test]
    fn quotation_marks_of_wire_copy_and_elisions() {
        // `` and '' group a quotation; "'round" is no quotation mark.
        assert_eq!(
            split(
                "``We won. We will govern,'' the mayor said. They gathered 'round her. It ended."
            ),
            vec![
                "``We won. We will govern,'' the mayor said.",
                "They gathered 'round her.",
                "It ended."
            ]
        );
        assert_eq!(
            split("`We are late. Run,' she said. \"Go!\" (Which they did.) It ended."),
            vec![
                "`We are late. Run,' she said.",
                "\"Go!\" (Which they did.)",
                "It ended."
            ]
        );
    }

    #[test]
    fn rules_page_numbers_and_contents_are_no_sentences() {
        assert_eq!(
            split("=========\nBudget hearing opens\n=========\n\n12\n\nThe council met."),
            vec!["Budget hearing opens", "The council met."]
        );
        assert_eq!(
            split("Preface.........1\nThe Long Vote ...... 14\nWho Won?...... 20-22\n"),
            vec!["Preface", "The Long Vote", "Who Won?"]
        );
        // Dashes and dots inside prose stay.
        assert_eq!(
            split("Turnout rose -- by a lot.... Then it fell."),
            vec!["Turnout rose -- by a lot....", "Then it fell."]
        );
    }

    #[test]
    fn a_numbered_list_may_start_again() {
        assert_eq!(
            split("1) Cut taxes 2) Hire nurses 1) Fix roads 2) Pave paths"),
            vec![
                "1) Cut taxes",
                "2) Hire nurses",
                "1) Fix roads",
                "2) Pave paths"
            ]
        );
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n\t ").is_empty());
    }
}
