//! Crash consistency: every write command killed at every write step leaves a workspace that
//! `check` passes, that is exactly the state before or after the command, and that the next
//! command works on. Kills use the `CLAIMTRAIL_CRASH_AT=N` hook (abort before the Nth write step)
//! so every step is covered deterministically; `random_sigkills` adds real SIGKILLs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::*;

const ARTICLE: &str = "xi-putin-summit";

/// Error codes `check --format json` reports.
fn error_codes(dir: &Path) -> Vec<String> {
    let r = ct(dir, &["check", "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "check failed: {}", r.stderr);
    r.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// A write that takes the lock and stores nothing: it runs recovery and nothing else.
fn settle(dir: &Path) {
    let r = ct(
        dir,
        &[
            "snapshot",
            "add",
            ARTICLE,
            dir.join("snapshots")
                .join(ARTICLE)
                .join("r1.txt")
                .to_str()
                .unwrap(),
            "--label",
            "r1",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

struct Scenario {
    name: &'static str,
    args: Vec<String>,
    /// Errors that the state before the command already has (a stored but unextracted revision).
    allowed: &'static [&'static str],
}

/// Kill `scenario` at every write step of `base`; returns (kills, survived).
fn kill_everywhere(base: &Path, scenario: &Scenario) -> (usize, usize) {
    let args: Vec<&str> = scenario.args.iter().map(String::as_str).collect();
    let before = tree(base);
    let clean = tempfile::tempdir().unwrap();
    copy_tree(base, clean.path());
    let r = ct(clean.path(), &args);
    assert_eq!(r.code, 0, "{}: {}", scenario.name, r.stderr);
    let after = tree(clean.path());
    assert_ne!(before, after, "{} changes the workspace", scenario.name);

    let (mut kills, mut survived) = (0, 0);
    for n in 1.. {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(base, dir.path());
        let out = command(dir.path(), &args)
            .env("CLAIMTRAIL_CRASH_AT", n.to_string())
            .output()
            .unwrap();
        if out.status.success() {
            assert_eq!(tree(dir.path()), after, "{} with no crash", scenario.name);
            break;
        }
        assert_eq!(
            out.status.code(),
            None,
            "{} step {n}: not a crash",
            scenario.name
        );
        kills += 1;
        let errors: Vec<String> = error_codes(dir.path())
            .into_iter()
            .filter(|c| !scenario.allowed.contains(&c.as_str()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} killed at step {n}: check reports {errors:?}",
            scenario.name
        );
        // The workspace is exactly the state before or the state after: nothing half done.
        settle(dir.path());
        let state = tree(dir.path());
        assert!(
            state == before || state == after,
            "{} killed at step {n}: neither the old state nor the new: {:?}",
            scenario.name,
            state.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
        // The next command works, and ends where an uninterrupted run ends.
        let r = ct(dir.path(), &args);
        assert_eq!(
            r.code, 0,
            "{} after a kill at step {n}: {}",
            scenario.name, r.stderr
        );
        if state == before {
            assert_eq!(
                tree(dir.path()),
                after,
                "{} rerun after step {n}",
                scenario.name
            );
        }
        survived += 1;
    }
    assert!(kills >= 8, "{}: only {kills} write steps", scenario.name);
    (kills, survived)
}

/// r1 stored, extracted and two claims reviewed: a ledger exists.
fn reviewed() -> (tempfile::TempDir, String) {
    let dir = workspace_r1();
    let a = claim_id(dir.path(), "fifth presidential election");
    let b = claim_id(dir.path(), "Power of Siberia 2");
    let r = ct(
        dir.path(),
        &[
            "review",
            ARTICLE,
            &a,
            &b,
            "--status",
            "supported",
            "--by",
            "A",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (dir, a)
}

#[test]
fn every_write_command_survives_a_kill_at_every_write_step() {
    let (base, a) = reviewed();
    let r2 = fixture("r2.txt").to_str().unwrap().to_string();
    let mut total = (0, 0);
    let add = Scenario {
        name: "snapshot add",
        args: ["snapshot", "add", ARTICLE, &r2].map(String::from).to_vec(),
        allowed: &["claims-file-stale", "untracked-claim"],
    };
    let t = kill_everywhere(base.path(), &add);
    total = (total.0 + t.0, total.1 + t.1);

    add_r2(base.path());
    let extract = Scenario {
        name: "extract",
        args: ["extract", ARTICLE].map(String::from).to_vec(),
        allowed: &["claims-file-stale", "untracked-claim"],
    };
    let t = kill_everywhere(base.path(), &extract);
    total = (total.0 + t.0, total.1 + t.1);

    let r = ct(base.path(), &["extract", ARTICLE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let review = Scenario {
        name: "review",
        args: [
            "review",
            ARTICLE,
            &a,
            "--status",
            "disputed",
            "--evidence",
            "https://example.org/x",
            "--by",
            "B",
        ]
        .map(String::from)
        .to_vec(),
        allowed: &[],
    };
    let t = kill_everywhere(base.path(), &review);
    total = (total.0 + t.0, total.1 + t.1);
    assert_eq!(total.0, total.1);
    eprintln!("kills survived: {}/{}", total.1, total.0);
}

/// `extract` of a new article writes its claims file as it makes the claims: a kill at any of
/// its write steps still leaves the workspace as it was or as the whole run leaves it.
#[test]
fn a_first_extract_survives_a_kill_at_every_write_step() {
    let base = workspace();
    let r1 = fixture("r1.txt");
    let r = ct(
        base.path(),
        &[
            "snapshot",
            "add",
            ARTICLE,
            r1.to_str().unwrap(),
            "--label",
            "r1",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let extract = Scenario {
        name: "first extract",
        args: ["extract", ARTICLE].map(String::from).to_vec(),
        allowed: &["claims-file-missing"],
    };
    let (kills, survived) = kill_everywhere(base.path(), &extract);
    assert_eq!(kills, survived);
}

/// Real SIGKILLs at random moments of `review` and `extract`: the workspace always checks clean
/// and the next command works. Pseudo-random but seeded, so a failure reproduces.
#[test]
fn random_sigkills_never_break_the_workspace() {
    let (base, a) = reviewed();
    add_r2(base.path());
    let extracted = tempfile::tempdir().unwrap();
    copy_tree(base.path(), extracted.path());
    let r = ct(extracted.path(), &["extract", ARTICLE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_claimtrail"));
    assert!(bin.exists());
    for round in 0..24 {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(
            if round % 2 == 0 {
                base.path()
            } else {
                extracted.path()
            },
            dir.path(),
        );
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let args: Vec<&str> = if round % 2 == 0 {
            vec!["extract", ARTICLE]
        } else {
            vec!["review", ARTICLE, &a, "--status", "false", "--by", "C"]
        };
        let mut child = command(dir.path(), &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(seed % 6000));
        let _ = child.kill();
        let _ = child.wait();
        let errors: Vec<String> = error_codes(dir.path())
            .into_iter()
            .filter(|c| c != "claims-file-stale" && c != "untracked-claim")
            .collect();
        assert!(errors.is_empty(), "round {round}: {errors:?}");
        let r = ct(dir.path(), &args);
        assert_eq!(r.code, 0, "round {round}: {}", r.stderr);
        let after = error_codes(dir.path());
        assert!(after.is_empty(), "round {round} after rerun: {after:?}");
    }
}

#[test]
fn an_interrupted_write_leaves_a_temp_file_that_check_names_and_the_next_write_removes() {
    let (dir, a) = reviewed();
    // Kill extract of r2 after it staged the claims file but before the commit.
    add_r2(dir.path());
    let out = command(dir.path(), &["extract", ARTICLE])
        .env("CLAIMTRAIL_CRASH_AT", "2")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), None);
    let temps: Vec<String> = fs::read_dir(dir.path().join("claims"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert_eq!(temps.len(), 1, "{temps:?}");
    let v = ct(dir.path(), &["check", ARTICLE, "--format", "json"]).json();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "interrupted-write")
        .unwrap_or_else(|| panic!("no interrupted-write in {v}"));
    assert_eq!(f["article"], ARTICLE);
    assert_eq!(f["file"], format!("claims/{}", temps[0]));
    let r = ct(
        dir.path(),
        &["review", ARTICLE, &a, "--status", "false", "--by", "C"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!dir.path().join("claims").join(&temps[0]).exists());
}

/// A workspace that claimtrail before write transactions left with the ledger a review line
/// ahead of the claims file (killed between its two renames) is rolled forward by the next write.
#[test]
fn a_ledger_ahead_of_the_claims_file_is_rolled_forward() {
    let (dir, a) = reviewed();
    let claims = dir.path().join("claims").join(format!("{ARTICLE}.json"));
    let before = fs::read(&claims).unwrap();
    let r = ct(
        dir.path(),
        &[
            "review",
            ARTICLE,
            &a,
            "--status",
            "false",
            "--evidence",
            "https://example.org/y",
            "--note",
            "n",
            "--by",
            "K",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reviewed_bytes = fs::read(&claims).unwrap();
    fs::write(&claims, &before).unwrap();
    assert!(error_codes(dir.path()).contains(&"ledger-head-mismatch".to_string()));
    // The next write replays the line, then does its own work.
    let r = ct(dir.path(), &["extract", ARTICLE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(fs::read(&claims).unwrap(), reviewed_bytes);
    assert!(error_codes(dir.path()).is_empty());
}
