//! Owns the one definition of "same text": normalization v1, and the word tokens built on it.
//!
//! Nothing here touches files or prints. Changing the output of [`normalize_v1`] for any input
//! changes claim hashes, so it never changes: a different rule becomes `v2` beside it.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The normalization version recorded in every claims file.
pub const NORMALIZATION_VERSION: &str = "v1";

/// Normalization v1, exactly as the README specifies it:
/// 1. Unicode NFKC;
/// 2. U+2018 U+2019 U+201A U+201B U+2032 -> `'`; U+201C U+201D U+201E U+201F U+2033 -> `"`;
///    U+2010..=U+2015 and U+2212 -> `-`; U+200B U+200C U+200D U+2060 U+FEFF U+00AD deleted;
/// 3. every run of White_Space -> one U+0020, both ends trimmed;
/// 4. if step 2 deleted a character, NFKC again (a no-op unless the deletion joined a mark to
///    what precedes it).
pub fn normalize_v1(text: &str) -> String {
    if text.is_ascii() {
        return normalize_ascii(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut deleted = false;
    // Most news text is already NFKC (all ASCII is): then the composition pass is skipped.
    let chars: Box<dyn Iterator<Item = char>> =
        if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
            Box::new(text.chars())
        } else {
            Box::new(text.nfkc())
        };
    for c in chars {
        let mapped = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {
                deleted = true;
                continue;
            }
            c => c,
        };
        if mapped.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(mapped);
    }
    // A deleted character may have stood between a letter and a combining mark, or between two
    // marks: compose again (step 4), so normalizing twice changes nothing. Only text with such a
    // deletion next to a mark can differ from steps 1-3 alone.
    if deleted && is_nfkc_quick(out.chars()) != IsNormalized::Yes {
        return out.nfkc().collect();
    }
    out
}

/// [`normalize_v1`] of ASCII text, where steps 1 and 2 change nothing: only white space is
/// folded, a run of non-space bytes at a time (most claims are ASCII; this halves their cost).
fn normalize_ascii(text: &str) -> String {
    // The ASCII characters with the Unicode White_Space property (`char::is_whitespace`).
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    let mut out = Vec::with_capacity(text.len());
    for word in text.as_bytes().split(space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(word);
    }
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// Lower-cased word tokens of a text, for similarity and feature comparison.
///
/// A word is a run of alphanumerics, keeping inner `'`, `-`, `.`, `,`, `:` and `%` joiners when
/// they sit between alphanumerics (so `U.S.`, `12-point`, `4.2`, `1,000`, `3:30`, `don't` stay
/// whole). Input should already be normalized.
pub fn words(text: &str) -> Vec<String> {
    word_spans(text)
        .into_iter()
        .map(|(s, e)| text[s..e].to_lowercase())
        .collect()
}

/// Byte spans of the words of `text` (see [`words`]).
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    word_span_iter(text).collect()
}

/// The spans of [`word_spans`], one at a time: a caller that walks them once (the tokenizer)
/// needs no vector of them.
pub fn word_span_iter(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut start: Option<usize> = None;
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            let joiner = matches!(
                c,
                '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | ',' | ':' | '%'
            );
            let next_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if let Some(s) = start {
                if joiner && next_alnum {
                    // `1,000` and `3:30` join only between digits; `a,b` does not.
                    let prev = text[..i].chars().next_back().unwrap_or(' ');
                    let next = chars.peek().map(|&(_, n)| n).unwrap_or(' ');
                    let digit_only = matches!(c, ',' | ':');
                    if !digit_only || (prev.is_ascii_digit() && next.is_ascii_digit()) {
                        continue;
                    }
                }
                // Keep a trailing abbreviation dot in single letters chains like `U.S.`.
                let mut end = i;
                if c == '.' && is_letter_dot_chain(&text[s..i]) {
                    end = i + 1;
                }
                if c == '%' {
                    end = i + 1;
                }
                return Some((s, end));
            }
        }
        done = true;
        start.map(|s| (s, text.len()))
    })
}

/// `U.S` or `a.m` (before the final dot): single letters joined by dots.
fn is_letter_dot_chain(s: &str) -> bool {
    let mut parts = 0;
    for part in s.split('.') {
        let mut cs = part.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_alphabetic() => parts += 1,
            _ => return false,
        }
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Steps 2 to 4, applied to already-NFKC text (step 4 unconditionally: NFKC of text that
    /// needs none changes nothing).
    fn normalize_v1_reference(nfkc: &str) -> String {
        let mapped: String = nfkc
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
                )
            })
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                c => c,
            })
            .collect();
        let folded = mapped
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        folded.nfkc().collect()
    }

    #[test]
    fn typography_folds() {
        assert_eq!(normalize_v1("“old friend,”"), "\"old friend,\"");
        assert_eq!(
            normalize_v1("China\u{2019}s  top\n leader "),
            "China's top leader"
        );
        assert_eq!(normalize_v1("\u{FEFF}a\u{00AD}b\u{200B}c"), "abc");
        assert_eq!(normalize_v1("2010\u{2013}2012 \u{2212}5"), "2010-2012 -5");
        // NFKC first: the ligature and full-width digits fold.
        assert_eq!(normalize_v1("\u{FB01}ve \u{FF11}\u{FF12}"), "five 12");
        // NFKC turns U+2033 into two U+2032 before step 2 runs: the spec's order is kept.
        assert_eq!(normalize_v1("5\u{2033}"), "5''");
        assert_eq!(normalize_v1(" \t\n "), "");
    }

    /// Found by the `normalize` fuzz target: deleting an invisible character between a letter
    /// and a combining mark left text that NFKC would compose, so a second pass changed it (and
    /// a text and its normal form hashed differently).
    #[test]
    fn deleting_invisibles_leaves_nothing_to_compose() {
        for (text, want) in [
            ("e\u{200B}\u{301}", "\u{E9}"),
            ("zero\u{AD}\u{301} width", "zer\u{F3} width"),
            ("A\u{FEFF}\u{30A}", "\u{C5}"),
            // Marks kept apart by a deleted character come back into canonical order.
            ("q\u{301}\u{200D}\u{316}", "q\u{316}\u{301}"),
            ("a\u{316}\u{200D}\u{301}", "\u{E1}\u{316}"),
        ] {
            let once = normalize_v1(text);
            assert_eq!(once, want, "{text:?}");
            assert_eq!(normalize_v1(&once), once, "{text:?}");
            assert_eq!(
                crate::hash::Sha256Hash::of_claim_text(text),
                crate::hash::Sha256Hash::of_claim_text(&once)
            );
        }
    }

    #[test]
    fn word_tokens() {
        assert_eq!(
            words("The U.S. said 1,000 troops, a 12-point plan, 4.2% at 3:30 p.m. Don't."),
            vec![
                "the", "u.s.", "said", "1,000", "troops", "a", "12-point", "plan", "4.2%", "at",
                "3:30", "p.m.", "don't"
            ]
        );
        assert_eq!(words("a,b"), vec!["a", "b"]);
    }

    proptest! {
        #[test]
        fn ascii_path_equals_the_general_path(s in "[ -~\t\n\r\x0B\x0C]{0,80}") {
            prop_assert_eq!(normalize_ascii(&s), normalize_v1_reference(&s));
        }

        #[test]
        fn fast_path_equals_full_nfkc(s in "\\PC{0,60}") {
            let full: String = s.nfkc().collect();
            prop_assert_eq!(normalize_v1(&s), normalize_v1_reference(&full));
        }

        #[test]
        fn normalizing_twice_equals_once(s in "\\PC{0,80}") {
            let once = normalize_v1(&s);
            prop_assert_eq!(normalize_v1(&once), once.clone());
        }

        #[test]
        fn normalizing_twice_equals_once_on_typography(s in "[a-z \u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{00A0}\u{200B}\u{00AD}\u{0301}\u{0316}\n\t\u{FB01}\u{2033}]{0,60}") {
            let once = normalize_v1(&s);
            prop_assert_eq!(normalize_v1(&once), once.clone());
        }
    }
}
