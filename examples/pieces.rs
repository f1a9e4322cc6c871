//! Prints the pieces claimtrail's segmenter cuts a text into (what claims are read from: a
//! quotation over several sentences is one sentence of one piece per quoted sentence), one
//! `start end` byte span per line. `scripts/eval-sentences.py --pieces` scores them.
//!
//! ```text
//! cargo build --release --example pieces && target/release/examples/pieces FILE
//! ```

use std::fmt::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pieces FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = String::new();
    for p in claimtrail::segment::segment(&text).pieces {
        let _ = writeln!(out, "{} {}", p.start, p.end);
    }
    print!("{out}");
    ExitCode::SUCCESS
}
