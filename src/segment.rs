//! Owns sentence segmentation: text -> sentences with byte spans and paragraph numbers.
//!
//! One linear pass (plus one linear pre-pass that learns which words the text itself writes in
//! lower case). Pure: no I/O, no printing. Tuned for news prose: titles, initials, `U.S.`,
//! decimals, times, ellipses and closing quotes after the full stop.

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
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Analysts",
    "Officials",
    "Critics",
    "Experts",
];

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{AB}'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{BB}'
    )
}

/// What the text itself says about capitalization: words it writes in lower case, and words it
/// capitalizes in mid-sentence (proper nouns).
struct Orthography {
    lower: HashSet<String>,
    mid_capital: HashSet<String>,
}

impl Orthography {
    fn learn(text: &str) -> Self {
        let mut lower = HashSet::new();
        let mut mid_capital = HashSet::new();
        let mut prev: Option<char> = None; // last non-space char before the current word
        let mut word_start: Option<usize> = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphabetic() {
                if word_start.is_none() {
                    word_start = Some(i);
                }
                continue;
            }
            if let Some(s) = word_start.take() {
                let w = &text[s..i];
                let first = w.chars().next().unwrap_or(' ');
                if first.is_lowercase() {
                    lower.insert(w.to_string());
                } else if prev.is_some_and(|p| p.is_lowercase() || p == ',') {
                    mid_capital.insert(w.to_string());
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
        self.lower.contains(&word.to_lowercase()) && !self.mid_capital.contains(word)
    }
}

/// Split `text` into sentences. Every returned span is non-empty and trimmed.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let ortho = Orthography::learn(text);
    let mut out = Vec::new();
    for (paragraph, (start, end)) in blocks(text).into_iter().enumerate() {
        split_block(text, start, end, paragraph, &ortho, &mut out);
    }
    out
}

/// Paragraph-like blocks: blank lines separate them; so does a line break after a short line
/// (a headline, a byline, page furniture), or any line break in text whose paragraphs are single
/// long lines (as text copied from a web page is).
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
            if last || unwrapped || short || is_headline(line) || is_byline(next) {
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
    let mut iter = block.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            continue;
        }
        // The run of terminators, then closing quotes and brackets.
        let mut strong = c == '!' || c == '?';
        let mut ellipsis = c == '\u{2026}';
        let mut dots = usize::from(c == '.');
        let mut p = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '\u{2026}') {
                strong |= d == '!' || d == '?';
                ellipsis |= d == '\u{2026}';
                dots += usize::from(d == '.');
                p = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        ellipsis |= dots >= 3;
        while let Some(&(j, d)) = iter.peek() {
            if is_closing(d) {
                p = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // A boundary needs white space after it (`U.S.-led`, `4.2`, `a.com` are not).
        if p >= block.len() {
            continue; // the block end closes the sentence anyway
        }
        let rest = &block[p..];
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let after = rest.trim_start();
        let next_at = block.len() - after.len();
        let mut nc = after.chars();
        let Some(mut n) = nc.next() else { continue };
        if is_opening(n) {
            n = nc.next().unwrap_or(' ');
        }
        let next_word: &str = {
            let w = after.trim_start_matches(is_opening);
            let stop = w.find(|ch: char| ch.is_whitespace()).unwrap_or(w.len());
            w[..stop].trim_end_matches(|ch: char| !ch.is_alphanumeric() && ch != '.')
        };
        let upper_or_digit = n.is_uppercase() || n.is_ascii_digit();
        let quoted_end = is_closing(block[..p].chars().next_back().unwrap_or(' '));
        let boundary = if strong && quoted_end && speech_tag_follows(after) {
            // "“Is it over?” Mr. Smith asked." is one sentence: the quote stands for the comma.
            false
        } else if strong || ellipsis {
            upper_or_digit && !(ellipsis && !strong && n.is_ascii_digit())
        } else if dots == 1 && !is_closing(block[..p].chars().next_back().unwrap_or(' ')) {
            period_boundary(&block[..i], next_word, n, ortho)
        } else {
            upper_or_digit
        };
        if boundary {
            push_trimmed(text, start + sent_start, start + p, paragraph, out);
            sent_start = next_at;
        }
    }
    push_trimmed(text, start + sent_start, end, paragraph, out);
}

/// Does a short speech tag ("Mr. Smith asked.", "said the senator.") open `after`?
fn speech_tag_follows(after: &str) -> bool {
    const TAG_VERBS: &[&str] = &[
        "said", "asked", "says", "asks", "added", "wrote", "shouted", "replied", "told",
    ];
    after
        .split_whitespace()
        .take(5)
        .take_while(|w| !w.ends_with(['?', '!']) && !w.starts_with(['"', '\u{201C}']))
        .any(|w| TAG_VERBS.contains(&w.trim_end_matches(['.', ',', ';']).to_lowercase().as_str()))
}

/// Is `before.` followed by `next_word` (whose first letter is `n`) a sentence boundary?
fn period_boundary(before: &str, next_word: &str, n: char, ortho: &Orthography) -> bool {
    if !(n.is_uppercase() || n.is_ascii_digit()) {
        return false;
    }
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || is_opening(c) || c == '-' || c == '\u{2014}')
        .map(|k| k + before[k..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    let lower = word.to_lowercase();
    let starter = STARTERS.contains(&next_word);
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        // An initial ("Vladimir V. Putin"), unless a typical sentence opener follows.
        return starter && !next_word.ends_with('.');
    }
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) || lower == "no" {
        return !n.is_ascii_digit();
    }
    let letter_chain = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if letter_chain || AMBIGUOUS.contains(&lower.as_str()) {
        if n.is_ascii_digit() || CONTINUATIONS.contains(&next_word) {
            return false;
        }
        if starter || ortho.is_common(next_word) {
            return true;
        }
        // Country-style abbreviations (`U.S.`) are adjectives before a proper noun the text
        // capitalizes elsewhere too; otherwise the capital most likely opens a sentence.
        return letter_chain
            && word.chars().all(|c| c == '.' || c.is_uppercase())
            && !ortho.mid_capital.contains(next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn empty_and_whitespace() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n\t ").is_empty());
    }
}
