//! The sentence layer on tricky news sentences of our own making (tests/fixtures/sentences/),
//! and how claims relate to sentences: a quotation over several sentences is one sentence,
//! read as one claim per quoted sentence.

use claimtrail::extract::{ReadOptions, extract_claims};
use claimtrail::segment::{segment, sentences};

const NEWS: &str = include_str!("fixtures/sentences/news.txt");

/// The cases of a fixture file: (input, expected sentences).
fn cases(raw: &str) -> Vec<(String, Vec<String>)> {
    let body: String = raw
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    body.split("===\n")
        .filter(|b| !b.trim().is_empty())
        .map(|b| {
            let (input, expected) = b
                .split_once("---\n")
                .unwrap_or_else(|| panic!("case without ---: {b}"));
            let input = input.trim_matches('\n').replace("\\n", "\n");
            let expected = expected
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect();
            (input, expected)
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn news_fixture_splits_as_expected() {
    let cases = cases(NEWS);
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (input, expected) in &cases {
        let got: Vec<String> = sentences(input)
            .iter()
            .map(|s| squeeze(&input[s.start..s.end]))
            .collect();
        if &got != expected {
            failures.push(format!(
                "{input:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pieces_tile_their_sentences() {
    for (input, _) in cases(NEWS) {
        let seg = segment(&input);
        for (k, s) in seg.sentences.iter().enumerate() {
            let pieces: Vec<_> = seg.pieces.iter().filter(|p| p.sentence == k).collect();
            assert!(!pieces.is_empty(), "{input:?}");
            assert_eq!(pieces[0].start, s.start, "{input:?}");
            assert_eq!(pieces[pieces.len() - 1].end, s.end, "{input:?}");
            assert!(pieces.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }
}

#[test]
fn a_quotation_is_one_sentence_and_one_claim_per_quoted_sentence() {
    let text = "\u{201C}This is our land. We will defend it. Nobody will take it,\u{201D} the farmer said on Monday. The army did not reply.";
    let seg = segment(text);
    let texts: Vec<&str> = seg
        .sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(
        texts,
        vec![
            "\u{201C}This is our land. We will defend it. Nobody will take it,\u{201D} the farmer said on Monday.",
            "The army did not reply."
        ]
    );
    let (_, claims) = extract_claims(text, "r1", &ReadOptions::default());
    let claim_texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        claim_texts,
        vec![
            "\u{201C}This is our land.",
            "We will defend it.",
            "Nobody will take it,\u{201D} the farmer said on Monday.",
            "The army did not reply."
        ]
    );
    for c in &claims[..3] {
        assert_eq!(c.attribution.sources[0].phrase, "the farmer", "{}", c.text);
    }
}

#[test]
fn an_unclosed_quotation_joins_nothing() {
    // News style: a quotation running into the next paragraph has no closing mark here.
    let text = "\u{201C}We will rebuild. It will take years.\n\n\u{201C}But we will do it,\u{201D} she said.";
    let got: Vec<&str> = sentences(text)
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(
        got,
        vec![
            "\u{201C}We will rebuild.",
            "It will take years.",
            "\u{201C}But we will do it,\u{201D} she said."
        ]
    );
}
