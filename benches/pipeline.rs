//! Benchmark of the hot paths on a generated ~1 MB article pair with ~5% of sentences edited:
//! reading (segmentation + attribution + features), hashing into claims, the claim diff, and
//! `similar`'s plain word diff of the same pair for comparison. Run: `cargo bench --bench pipeline`.
//! Prints the median of several runs and the process's peak resident memory.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimtrail::diff::{DiffOptions, diff_claims};
use claimtrail::extract::{ReadOptions, extract_claims};

/// A small deterministic generator (xorshift), so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const SUBJECTS: &[&str] = &[
    "The ministry",
    "Officials in Kyiv",
    "The company",
    "Mr. Xi",
    "The European Union",
    "Residents",
    "Gen. Ivan Petrov",
    "The U.S. Navy",
    "Analysts",
    "The central bank",
    "Dr. Maria Lopez",
    "Critics",
];
const VERBS: &[&str] = &[
    "expanded",
    "delayed",
    "approved",
    "rejected",
    "funded",
    "inspected",
    "closed",
    "announced",
];
const OBJECTS: &[&str] = &[
    "the northern bridge",
    "a new port terminal",
    "the spending plan",
    "three rural schools",
    "the rail link to the coast",
    "a gas-fired power plant",
    "the old market hall",
    "two field hospitals",
];
const CUES: &[&str] = &[
    "said",
    "told reporters",
    "according to officials",
    "",
    "",
    "",
];
const HEDGES: &[&str] = &["likely", "reportedly", "", "", ""];

fn sentence(r: &mut Rng, n: usize) -> String {
    let subject = r.pick(SUBJECTS);
    let hedge = r.pick(HEDGES);
    let verb = r.pick(VERBS);
    let object = r.pick(OBJECTS);
    let figure = r.next() % 5000;
    let body = if hedge.is_empty() {
        format!("{subject} {verb} {object} near district {n} at a cost of {figure} million")
    } else {
        format!("{subject} {hedge} {verb} {object} near district {n} at a cost of {figure} million")
    };
    match r.pick(CUES) {
        "" => format!("{body} on Tuesday."),
        "according to officials" => format!("{body}, according to officials."),
        cue => format!("{body}, the agency {cue}."),
    }
}

/// ~1 MB of paragraphs, and a revision with ~5% of sentences edited (reworded, hedge dropped,
/// figure changed, negated, removed or added) and one paragraph moved.
fn article_pair() -> (String, String) {
    let mut r = Rng(0x5eed_cafe_f00d);
    let mut paras: Vec<Vec<String>> = Vec::new();
    let mut n = 0;
    let mut size = 0;
    while size < 1_000_000 {
        let mut p = Vec::new();
        for _ in 0..4 {
            n += 1;
            let s = sentence(&mut r, n);
            size += s.len() + 1;
            p.push(s);
        }
        paras.push(p);
    }
    let old = paras
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut new_paras = paras.clone();
    for p in new_paras.iter_mut() {
        for s in p.iter_mut() {
            if r.next() % 100 < 5 {
                *s = match r.next() % 6 {
                    0 => s.replace(" near ", " close to "),
                    1 => s.replace(" likely", "").replace(" reportedly", ""),
                    2 => s.replace(" million", "0 million"),
                    3 => s.replace(" on Tuesday.", " but did not finish on Tuesday."),
                    4 => String::new(),
                    _ => format!("{s} {}", sentence(&mut r, n + 1)),
                };
            }
        }
        p.retain(|s| !s.is_empty());
    }
    let moved = new_paras.remove(10);
    let at = new_paras.len() / 2;
    new_paras.insert(at, moved);
    let new = new_paras
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n");
    (old, new)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    // `cargo test --benches` runs this with --bench absent; keep that fast.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = if quick { 1 } else { 7 };
    let (old, new) = article_pair();
    let opts = ReadOptions::default();
    let (_, old_claims) = extract_claims(&old, "r1", &opts);
    let (_, new_claims) = extract_claims(&new, "r2", &opts);
    let changes = diff_claims(&old_claims, &new_claims, DiffOptions::default());
    let changed = changes
        .iter()
        .filter(|c| c.kind != claimtrail::diff::ChangeKind::Unchanged)
        .count();

    let t_extract = time(runs, || extract_claims(&old, "r1", &opts));
    let t_diff = time(runs, || {
        diff_claims(&old_claims, &new_claims, DiffOptions::default())
    });
    let t_pipeline = time(runs, || {
        let (_, a) = extract_claims(&old, "r1", &opts);
        let (_, b) = extract_claims(&new, "r2", &opts);
        diff_claims(&a, &b, DiffOptions::default())
    });
    let t_similar = time(runs, || {
        similar::TextDiff::from_words(old.as_str(), new.as_str()).ratio()
    });

    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!(
        "input: old {:.2} MiB, {} claims; new {:.2} MiB, {} claims; {} changes not unchanged",
        mib(old.len()),
        old_claims.len(),
        mib(new.len()),
        new_claims.len(),
        changed
    );
    println!(
        "extract (1 revision)          {:>8.1} ms  ({:.1} MB/s)",
        t_extract.as_secs_f64() * 1e3,
        old.len() as f64 / 1e6 / t_extract.as_secs_f64()
    );
    println!(
        "claim diff (claims given)     {:>8.1} ms",
        t_diff.as_secs_f64() * 1e3
    );
    println!(
        "extract both + claim diff     {:>8.1} ms",
        t_pipeline.as_secs_f64() * 1e3
    );
    println!(
        "similar word diff, same pair  {:>8.1} ms  (reference)",
        t_similar.as_secs_f64() * 1e3
    );
    if let Some(p) = peak_rss_mib() {
        println!("peak resident memory          {p:>8.1} MiB");
    }
}
