//! Trains the part-of-speech model of `src/postag.rs` from CoNLL-U treebanks (Universal
//! Dependencies English-EWT, CC BY-SA 4.0) and writes it in the format `postag::Model` reads.
//! Deterministic: a seeded shuffle, sorted output, no clock.
//!
//! ```text
//! cargo run --release --example postag_train -- --train en_ewt-ud-train.conllu \
//!     --eval en_ewt-ud-dev.conllu --out data/postag/ewt-upos.model
//! ```
//!
//! When `--train` and `--eval` name the same file, every `--hold-out-every`-th document (default
//! 5) is kept out of training and evaluated on. `--fixture PATH` writes every
//! `--hold-out-every`-th evaluated document (all of them in the split case) as `form<TAB>tag`
//! lines for the accuracy test. Other options: `--epochs` (8), `--seed` (1),
//! `--prune` (weights below this magnitude are dropped, 1.0). `--probe` alone instead tags the
//! space-separated sentences of standard input with the shipped model and prints each word's
//! tag and NOUN-minus-VERB score.

use claimtrail::postag::{self, Model, TAGS};
use std::collections::{BTreeMap, HashMap};
use std::fs;

type Sentence = Vec<(String, usize)>;

/// Documents of a CoNLL-U file, each a list of sentences of (form, tag). A multiword token
/// ("don't") stays one word with its first part's tag, and a clitic "'s" written against its word
/// joins it, as claimtrail's tokenizer keeps them.
fn read_conllu(text: &str) -> Vec<Vec<Sentence>> {
    let mut docs: Vec<Vec<Sentence>> = Vec::new();
    let mut sent: Sentence = Vec::new();
    let mut mwt_until = 0usize;
    let mut glue = false;
    let flush = |sent: &mut Sentence, docs: &mut Vec<Vec<Sentence>>| {
        if !sent.is_empty() {
            if docs.is_empty() {
                docs.push(Vec::new());
            }
            docs.last_mut().unwrap().push(std::mem::take(sent));
        }
    };
    for line in text.lines() {
        if line.starts_with("# newdoc") {
            flush(&mut sent, &mut docs);
            docs.push(Vec::new());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut sent, &mut docs);
            mwt_until = 0;
            glue = false;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('.') {
            continue;
        }
        let space_after = !cols[9].contains("SpaceAfter=No");
        if let Some((a, b)) = cols[0].split_once('-') {
            let (_, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            mwt_until = b;
            sent.push((cols[1].to_string(), usize::MAX));
            glue = !space_after;
            continue;
        }
        let id: usize = cols[0].parse().unwrap();
        let tag = TAGS
            .iter()
            .position(|t| *t == cols[3])
            .unwrap_or_else(|| panic!("unknown tag {}", cols[3]));
        if id <= mwt_until {
            let last = sent.last_mut().unwrap();
            if last.1 == usize::MAX {
                last.1 = tag;
            }
            continue;
        }
        let form = cols[1];
        if glue && ["'s", "\u{2019}s", "'"].contains(&form) && !sent.is_empty() {
            sent.last_mut().unwrap().0.push_str(form);
        } else {
            sent.push((form.to_string(), tag));
        }
        glue = !space_after;
    }
    flush(&mut sent, &mut docs);
    docs.retain(|d| !d.is_empty());
    docs
}

struct Weights {
    w: [f32; TAGS.len()],
    total: [f64; TAGS.len()],
    stamp: [u32; TAGS.len()],
}

fn train(sents: &[Sentence], epochs: usize, seed: u64) -> HashMap<u32, Weights> {
    let mut model: HashMap<u32, Weights> = HashMap::new();
    let mut items: Vec<(usize, usize)> = sents
        .iter()
        .enumerate()
        .flat_map(|(s, sent)| (0..sent.len()).map(move |i| (s, i)))
        .collect();
    let mut rng = seed.max(1);
    let mut step: u32 = 0;
    for epoch in 0..epochs {
        // Fisher-Yates with xorshift64: the same order on every machine.
        for k in (1..items.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            items.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        let mut wrong = 0;
        for &(s, i) in &items {
            step += 1;
            let words: Vec<&str> = sents[s].iter().map(|(w, _)| w.as_str()).collect();
            let feats = postag::features(&words, i);
            let mut scores = [0f32; TAGS.len()];
            for f in &feats {
                if let Some(e) = model.get(f) {
                    for (s, w) in scores.iter_mut().zip(e.w) {
                        *s += w;
                    }
                }
            }
            let pred = (0..TAGS.len())
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                .unwrap();
            let gold = sents[s][i].1;
            if pred == gold {
                continue;
            }
            wrong += 1;
            for &f in &feats {
                let e = model.entry(f).or_insert(Weights {
                    w: [0.0; TAGS.len()],
                    total: [0.0; TAGS.len()],
                    stamp: [0; TAGS.len()],
                });
                for (t, delta) in [(gold, 1.0), (pred, -1.0)] {
                    e.total[t] += (step - e.stamp[t]) as f64 * e.w[t] as f64;
                    e.stamp[t] = step;
                    e.w[t] += delta;
                }
            }
        }
        eprintln!(
            "epoch {}: {:.2}% of training words wrong",
            epoch + 1,
            100.0 * wrong as f64 / items.len() as f64
        );
    }
    for e in model.values_mut() {
        for t in 0..TAGS.len() {
            e.total[t] += (step - e.stamp[t]) as f64 * e.w[t] as f64;
            e.w[t] = (e.total[t] / step as f64) as f32;
        }
    }
    model
}

fn write_model(model: &HashMap<u32, Weights>, prune: f32) -> Vec<u8> {
    let max = model
        .values()
        .flat_map(|e| e.w)
        .fold(0f32, |m, w| m.max(w.abs()));
    let scale = (32767.0 / max).floor().min(10_000.0) as u32;
    let mut records: BTreeMap<(u32, u8), i16> = BTreeMap::new();
    for (&h, e) in model {
        for (t, &w) in e.w.iter().enumerate() {
            if w.abs() >= prune {
                records.insert((h, t as u8), (w * scale as f32).round() as i16);
            }
        }
    }
    let mut out = b"CTPOS1\n".to_vec();
    out.push(TAGS.len() as u8);
    for t in TAGS {
        out.push(t.len() as u8);
        out.extend_from_slice(t.as_bytes());
    }
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&(records.len() as u32).to_le_bytes());
    for ((h, t), w) in records {
        out.extend_from_slice(&h.to_le_bytes());
        out.push(t);
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--probe") {
        let m = postag::model();
        for line in std::io::stdin().lines() {
            let line = line.unwrap();
            let ws: Vec<&str> = line.split(' ').collect();
            let tags: Vec<String> = (0..ws.len())
                .map(|i| {
                    let g = m.guess(&ws, i);
                    format!("{}/{}/{:.1}", ws[i], g.tag_name(), g.noun_over_verb)
                })
                .collect();
            println!("{}", tags.join(" "));
        }
        return;
    }
    let mut args = std::env::args().skip(1);
    let (mut train_paths, mut eval_path, mut out, mut fixture) = (Vec::new(), None, None, None);
    let (mut epochs, mut seed, mut prune, mut every) = (8usize, 1u64, 1.0f32, 5usize);
    while let Some(a) = args.next() {
        let mut v = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--train" => train_paths.push(v()),
            "--eval" => eval_path = Some(v()),
            "--out" => out = Some(v()),
            "--fixture" => fixture = Some(v()),
            "--epochs" => epochs = v().parse().unwrap(),
            "--seed" => seed = v().parse().unwrap(),
            "--prune" => prune = v().parse().unwrap(),
            "--hold-out-every" => every = v().parse().unwrap(),
            _ => panic!("unknown argument {a}"),
        }
    }
    let eval_path = eval_path.expect("--eval FILE");
    let mut train_sents = Vec::new();
    let mut eval_docs = Vec::new();
    for p in &train_paths {
        let docs = read_conllu(&fs::read_to_string(p).unwrap());
        for (d, doc) in docs.into_iter().enumerate() {
            if *p == eval_path && d % every == 0 {
                eval_docs.push(doc);
            } else {
                train_sents.extend(doc);
            }
        }
    }
    if !train_paths.contains(&eval_path) {
        eval_docs = read_conllu(&fs::read_to_string(&eval_path).unwrap());
    }
    let eval_sents: Vec<Sentence> = eval_docs.iter().flatten().cloned().collect();
    let words = |s: &[Sentence]| s.iter().map(Vec::len).sum::<usize>();
    eprintln!(
        "training on {} sentences ({} words), evaluating on {} ({} words)",
        train_sents.len(),
        words(&train_sents),
        eval_sents.len(),
        words(&eval_sents)
    );
    let weights = train(&train_sents, epochs, seed);
    let bytes = write_model(&weights, prune);
    let model = Model::from_bytes(&bytes).expect("written model reads back");
    eprintln!("model: {} weights, {} bytes", model.len(), bytes.len());

    // Words seen in training both as NOUN and as VERB: where this tagger earns its keep.
    let mut seen: HashMap<String, [bool; 2]> = HashMap::new();
    for (w, t) in train_sents.iter().flatten() {
        let slot = match *t {
            postag::NOUN => 0,
            postag::VERB => 1,
            _ => continue,
        };
        seen.entry(w.to_lowercase()).or_default()[slot] = true;
    }
    let (mut right, mut amb, mut amb_right) = (0, 0, 0);
    for sent in &eval_sents {
        let ws: Vec<&str> = sent.iter().map(|(w, _)| w.as_str()).collect();
        for (i, (w, gold)) in sent.iter().enumerate() {
            let ok = model.guess(&ws, i).tag == *gold;
            right += ok as usize;
            if seen.get(&w.to_lowercase()) == Some(&[true, true])
                && [postag::NOUN, postag::VERB].contains(gold)
            {
                amb += 1;
                amb_right += ok as usize;
            }
        }
    }
    println!(
        "accuracy {:.2}% of {} words; noun/verb-ambiguous words {:.2}% of {}",
        100.0 * right as f64 / words(&eval_sents) as f64,
        words(&eval_sents),
        100.0 * amb_right as f64 / amb.max(1) as f64,
        amb
    );
    if let Some(path) = out {
        fs::write(path, &bytes).unwrap();
    }
    if let Some(path) = fixture {
        let mut text = String::new();
        // Every `--hold-out-every`-th evaluated document: a few thousand words.
        let kept = eval_docs
            .iter()
            .step_by(if train_paths.contains(&eval_path) {
                1
            } else {
                every
            });
        for sent in kept.flatten() {
            for (w, t) in sent {
                text.push_str(&format!("{w}\t{}\n", TAGS[*t]));
            }
            text.push('\n');
        }
        fs::write(path, text).unwrap();
    }
}
