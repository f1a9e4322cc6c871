//! Writes the benchmark corpora of `scripts/bench.sh` from the deterministic news generator:
//!
//! ```text
//! newsgen pair OLD NEW BYTES PERCENT     an article and a revision with PERCENT% of sentences edited
//! newsgen article OUT BYTES              one long article
//! newsgen archive DIR ARTICLES REVISIONS DIR/<article>/r1.txt … (each revision edits ~5%)
//! ```

#[path = "../benches/support/newsgen.rs"]
mod newsgen;

use std::path::Path;
use std::process::ExitCode;

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    std::fs::write(path, text)
}

fn num(s: Option<&String>) -> Option<usize> {
    s?.replace('_', "").parse().ok()
}

fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: newsgen pair OLD NEW BYTES PERCENT | article OUT BYTES | archive DIR ARTICLES REVISIONS";
    let io = |e: std::io::Error| e.to_string();
    match args.first().map(String::as_str) {
        Some("pair") if args.len() == 5 => {
            let bytes = num(args.get(3)).ok_or(usage)?;
            let pct = num(args.get(4)).ok_or(usage)? as u64;
            let (a, b) = newsgen::pair(0x5eed_0001, bytes, pct);
            write(Path::new(&args[1]), &a).map_err(io)?;
            write(Path::new(&args[2]), &b).map_err(io)
        }
        Some("article") if args.len() == 3 => {
            let bytes = num(args.get(2)).ok_or(usage)?;
            let mut r = newsgen::Rng::new(0x5eed_0002);
            write(
                Path::new(&args[1]),
                &newsgen::article(&mut r, bytes).render(),
            )
            .map_err(io)
        }
        Some("archive") if args.len() == 4 => {
            let n = num(args.get(2)).ok_or(usage)?;
            let revs = num(args.get(3)).ok_or(usage)?;
            let dir = Path::new(&args[1]);
            let mut r = newsgen::Rng::new(0x5eed_0003);
            for i in 0..n {
                // Real articles run from a few hundred words to a few thousand.
                let size = 1500 + r.below(6000) as usize;
                let mut a = newsgen::article(&mut r, size);
                for k in 1..=revs {
                    if k > 1 {
                        a = newsgen::revise(&mut r, &a, 5);
                    }
                    let path = dir.join(format!("a{i:06}")).join(format!("r{k}.txt"));
                    write(&path, &a.render()).map_err(io)?;
                }
            }
            Ok(())
        }
        _ => Err(usage.to_string()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgen: {e}");
            ExitCode::from(2)
        }
    }
}
