//! Benchmark of the hot paths on a generated ~1 MB news article pair with ~5% of sentences edited
//! (`support/newsgen.rs`, the same generator `scripts/bench.sh` uses):
//! reading (segmentation + attribution + features), hashing into claims, the claim diff, and
//! `similar`'s plain word diff of the same pair for comparison. Run: `cargo bench --bench pipeline`.
//! Prints the median of several runs and the process's peak resident memory.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimtrail::diff::{DiffOptions, diff_claims};
use claimtrail::extract::{ReadOptions, extract_claims};

#[path = "support/newsgen.rs"]
mod newsgen;

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
    let (old, new) = newsgen::pair(0x5eed_0001, 1_000_000, 5);
    let opts = ReadOptions::default();
    let (_, old_claims) = extract_claims(&old, "r1", &opts);
    let (_, new_claims) = extract_claims(&new, "r2", &opts);
    let changes = diff_claims(&old_claims, &new_claims, DiffOptions::default());
    let changed = changes
        .iter()
        .filter(|c| c.kind != claimtrail::diff::ChangeKind::Unchanged)
        .count();

    let t_extract = time(runs, || extract_claims(&old, "r1", &opts));
    let t_segment = time(runs, || claimtrail::segment::sentences(&old));
    let t_hash = time(runs, || {
        old_claims
            .iter()
            .map(|c| claimtrail::hash::Sha256Hash::of_claim_text(&c.text))
            .collect::<Vec<_>>()
    });
    let refs: Vec<&claimtrail::model::Claim> = old_claims.iter().collect();
    let t_json = time(runs, || {
        claimtrail::report::json::claims("bench", "r1", &refs).len()
    });
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
        "  of which segmentation       {:>8.1} ms",
        t_segment.as_secs_f64() * 1e3
    );
    println!(
        "  of which normalize + hash   {:>8.1} ms",
        t_hash.as_secs_f64() * 1e3
    );
    println!(
        "claims JSON (extract output)  {:>8.1} ms",
        t_json.as_secs_f64() * 1e3
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
