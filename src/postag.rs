//! A small part-of-speech guesser for one word in its sentence: an averaged perceptron over local
//! word features (no tag history), so asking about one word costs a few table look-ups, not a
//! tagging pass over the article. It owns the model bytes and the feature definition shared with
//! the trainer (`examples/postag_train.rs`); it must not decide anything about attribution.
//!
//! The model (`data/postag/ewt-upos.model`) is trained on Universal Dependencies English-EWT and is
//! licensed CC BY-SA 4.0, as its source annotations are (see `data/postag/README.md`).
//!
//! Model format (all integers little-endian): the magic `CTPOS1\n`, one byte `n` and `n` tag
//! names each as a length byte and ASCII; a `u32` scale (weights are `i16` units of `1/scale`);
//! a `u32` record count and the records, sorted by (feature hash, tag), each a `u32` feature hash,
//! a `u8` tag index and an `i16` weight (7 bytes).

use std::sync::OnceLock;

/// Universal POS tags, in the order the model stores them.
pub const TAGS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];
/// Index of NOUN in [`TAGS`].
pub const NOUN: usize = 7;
/// Index of VERB in [`TAGS`].
pub const VERB: usize = 15;

const MAGIC: &[u8] = b"CTPOS1\n";
const RECORD: usize = 7;

static EMBEDDED: &[u8] = include_bytes!("../data/postag/ewt-upos.model");
static MODEL: OnceLock<Model> = OnceLock::new();

/// A parsed model: the record table stays in the embedded bytes and is searched in place, so
/// loading only checks the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model<'a> {
    scale: u32,
    records: &'a [u8],
}

/// Why model bytes were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a claimtrail POS model (bad magic)")]
    Magic,
    #[error("the model's tag set differs from this build's")]
    Tags,
    #[error("the model is truncated or has trailing bytes")]
    Length,
    #[error("the model's records are not sorted by feature")]
    Order,
}

impl<'a> Model<'a> {
    /// Check and wrap model bytes.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::Magic)?;
        let (&n, mut rest) = rest.split_first().ok_or(ModelError::Length)?;
        if n as usize != TAGS.len() {
            return Err(ModelError::Tags);
        }
        for tag in TAGS {
            let (&len, r) = rest.split_first().ok_or(ModelError::Length)?;
            let name = r.get(..len as usize).ok_or(ModelError::Length)?;
            if name != tag.as_bytes() {
                return Err(ModelError::Tags);
            }
            rest = &r[len as usize..];
        }
        let scale = read_u32(rest, 0).ok_or(ModelError::Length)?;
        let count = read_u32(rest, 4).ok_or(ModelError::Length)? as usize;
        let records = &rest[8..];
        if records.len() != count * RECORD || scale == 0 {
            return Err(ModelError::Length);
        }
        let model = Model { scale, records };
        let sorted = (1..count).all(|k| model.key(k - 1) < model.key(k));
        if !sorted {
            return Err(ModelError::Order);
        }
        Ok(model)
    }

    /// Number of (feature, tag) weights.
    pub fn len(&self) -> usize {
        self.records.len() / RECORD
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn key(&self, k: usize) -> (u32, u8) {
        let r = &self.records[k * RECORD..];
        (u32::from_le_bytes([r[0], r[1], r[2], r[3]]), r[4])
    }

    /// Add the weights of feature `hash` to `scores`.
    fn add(&self, hash: u32, scores: &mut [i32; TAGS.len()]) {
        let n = self.len();
        // First record with this hash (lower bound).
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.key(mid).0 < hash {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut k = lo;
        while k < n {
            let r = &self.records[k * RECORD..(k + 1) * RECORD];
            if u32::from_le_bytes([r[0], r[1], r[2], r[3]]) != hash {
                break;
            }
            scores[r[4] as usize] += i16::from_le_bytes([r[5], r[6]]) as i32;
            k += 1;
        }
    }

    /// Scores of every tag for word `i` of `words` (a sentence's tokens, punctuation included,
    /// as written: case is read, not required).
    pub fn scores<S: AsRef<str>>(&self, words: &[S], i: usize) -> [f32; TAGS.len()] {
        let mut scores = [0i32; TAGS.len()];
        for h in features(words, i) {
            self.add(h, &mut scores);
        }
        scores.map(|s| s as f32 / self.scale as f32)
    }

    /// The best tag of word `i` and its lead over the runner-up.
    pub fn guess<S: AsRef<str>>(&self, words: &[S], i: usize) -> Guess {
        let scores = self.scores(words, i);
        let mut order: Vec<usize> = (0..TAGS.len()).collect();
        // Ties go to the lower index, so a guess is the same on every run.
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
        Guess {
            tag: order[0],
            margin: scores[order[0]] - scores[order[1]],
            noun_over_verb: scores[NOUN] - scores[VERB],
        }
    }
}

/// What the tagger says about one word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guess {
    /// Index into [`TAGS`].
    pub tag: usize,
    /// Lead of the best tag over the second.
    pub margin: f32,
    /// Score of NOUN minus score of VERB.
    pub noun_over_verb: f32,
}

impl Guess {
    pub fn tag_name(&self) -> &'static str {
        TAGS[self.tag]
    }
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// How much more the shipped model believes word `i` of `words` is a NOUN than a VERB (negative:
/// a VERB). A few dozen look-ups; nothing else in the sentence is tagged.
pub fn noun_over_verb<S: AsRef<str>>(words: &[S], i: usize) -> f32 {
    let s = model().scores(words, i);
    s[NOUN] - s[VERB]
}

/// The model shipped in the binary, checked once per process.
pub fn model() -> &'static Model<'static> {
    MODEL.get_or_init(|| Model::from_bytes(EMBEDDED).expect("the embedded POS model is valid"))
}

/// How many features [`features`] makes for one word.
pub const FEATURES: usize = 16;

/// FNV-1a over a template id and the parts, each part lower-cased (ASCII) and ended by a 0xFF
/// byte, which UTF-8 never contains.
fn hash(template: u8, parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    };
    eat(template);
    for p in parts {
        for b in p.bytes() {
            eat(b.to_ascii_lowercase());
        }
        eat(0xFF);
    }
    h
}

/// The last `n` characters of `w` (all of it when shorter).
fn suffix(w: &str, n: usize) -> &str {
    match w.char_indices().rev().nth(n - 1) {
        Some((at, _)) => &w[at..],
        None => w,
    }
}

/// Feature hashes of word `i` of `words`: the word, its suffixes and shape, and its neighbours
/// two either side (sentence edges stand for missing neighbours). Shared with the trainer, so a
/// change here needs a retrained model.
pub fn features<S: AsRef<str>>(words: &[S], i: usize) -> [u32; FEATURES] {
    let at = |k: isize| -> &str {
        if k < 0 {
            "<s>"
        } else {
            words.get(k as usize).map_or("</s>", |w| w.as_ref())
        }
    };
    let i = i as isize;
    let (w, p1, p2, n1, n2) = (at(i), at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    let capital = w.starts_with(|c: char| c.is_uppercase());
    let shape = match () {
        _ if w.chars().any(|c| c.is_ascii_digit()) => "digit",
        _ if !w.chars().any(char::is_alphabetic) => "punct",
        _ if capital
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase) =>
        {
            "caps"
        }
        _ if capital && i == 0 => "cap-first",
        _ if capital => "cap",
        _ if w.contains('-') => "hyphen",
        _ => "lower",
    };
    [
        hash(0, &[]),
        hash(1, &[w]),
        hash(2, &[suffix(w, 1)]),
        hash(3, &[suffix(w, 2)]),
        hash(4, &[suffix(w, 3)]),
        hash(5, &[shape]),
        hash(6, &[p1]),
        hash(7, &[n1]),
        hash(8, &[p2]),
        hash(9, &[n2]),
        hash(10, &[suffix(p1, 3)]),
        hash(11, &[suffix(n1, 3)]),
        hash(12, &[p1, w]),
        hash(13, &[w, n1]),
        hash(14, &[p1, n1]),
        hash(15, &[p2, p1, w]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(sentence: &str, word: &str) -> Guess {
        let words: Vec<&str> = sentence.split(' ').collect();
        let i = words.iter().position(|w| *w == word).unwrap();
        model().guess(&words, i)
    }

    #[test]
    fn features_are_fixed_in_number_and_value() {
        let a = features(&["The", "reports", "said"], 1);
        let b = features(&["the", "REPORTS", "said"], 1);
        // Case changes only the shape feature.
        let differ: Vec<usize> = (0..FEATURES).filter(|&k| a[k] != b[k]).collect();
        assert_eq!(differ, vec![5]);
        assert_eq!(hash(1, &["said"]), hash(1, &["SAID"]));
        assert_ne!(hash(1, &["said"]), hash(6, &["said"]));
        assert_eq!(suffix("reports", 3), "rts");
        assert_eq!(suffix("é", 3), "é");
    }

    #[test]
    fn embedded_model_loads_the_same_every_time() {
        let a = Model::from_bytes(EMBEDDED).unwrap();
        let b = Model::from_bytes(EMBEDDED).unwrap();
        assert_eq!(a, b);
        assert!(a.len() > 10_000, "{} weights", a.len());
        assert_eq!(model(), &a);
        let words = ["she", "reports", "that", "it", "rained"];
        assert_eq!(a.scores(&words, 1), model().scores(&words, 1));
    }

    #[test]
    fn refuses_damaged_models() {
        assert_eq!(Model::from_bytes(b"nope").unwrap_err(), ModelError::Magic);
        assert_eq!(
            Model::from_bytes(&EMBEDDED[..EMBEDDED.len() - 3]).unwrap_err(),
            ModelError::Length
        );
        let mut swapped = EMBEDDED.to_vec();
        let start = EMBEDDED.len() - 2 * RECORD;
        let (x, y) = swapped[start..].split_at_mut(RECORD);
        x.swap_with_slice(y);
        assert_eq!(Model::from_bytes(&swapped).unwrap_err(), ModelError::Order);
    }

    #[test]
    fn verb_and_noun_readings_of_cue_words() {
        for (sentence, word, want) in [
            ("the reports said the plan failed .", "reports", "NOUN"),
            ("she reports that the plan failed .", "reports", "VERB"),
            ("his promises were broken .", "promises", "NOUN"),
            ("he promises that taxes will fall .", "promises", "VERB"),
            (
                "the campaign visited swing states in the fall .",
                "states",
                "NOUN",
            ),
            ("it states that taxes will rise .", "states", "VERB"),
            ("the calls came late at night .", "calls", "NOUN"),
            ("he calls the plan a disaster .", "calls", "VERB"),
        ] {
            let g = tag(sentence, word);
            assert_eq!(g.tag_name(), want, "{word} in {sentence:?}: {g:?}");
        }
    }
}
