//! Shared helpers for the CLI integration tests: a temp workspace and a way to run the binary.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/xi-putin-summit"
);

pub fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimtrail"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLAIMTRAIL_REVIEWER")
        // No reviewer from the machine: neither $USER nor the developer's git config.
        .env_remove("USER")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("SOURCE_DATE_EPOCH", "1715846400")
        .stdin(Stdio::null());
    cmd
}

/// Run claimtrail in `dir`.
pub fn ct(dir: &Path, args: &[&str]) -> Run {
    finish(command(dir, args).output().expect("binary runs"))
}

/// Run claimtrail in `dir` with `input` on standard input.
pub fn ct_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    finish(child.wait_with_output().expect("wait"))
}

/// A fresh workspace in a temp folder.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = ct(dir.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    dir
}

/// A workspace with r1 of the example article stored and extracted.
pub fn workspace_r1() -> tempfile::TempDir {
    let dir = workspace();
    let r1 = fixture("r1.txt");
    let r = ct(
        dir.path(),
        &["snapshot", "add", "xi-putin-summit", r1.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = ct(dir.path(), &["extract", "xi-putin-summit"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    dir
}

/// Every file below `dir` with its bytes, for "nothing changed" assertions. `check`'s cache
/// (`.claimtrail-cache/`, outside the workspace's data) is left out: it may be written at any time.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().is_some_and(|n| n == ".claimtrail-cache") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// The id of the one claim whose text contains `needle`.
pub fn claim_id(dir: &Path, needle: &str) -> String {
    let v = ct(
        dir,
        &["claims", "xi-putin-summit", "--all", "--format", "json"],
    )
    .json();
    let hits: Vec<String> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["text"].as_str().unwrap().contains(needle))
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(hits.len(), 1, "claims containing {needle:?}: {hits:?}");
    hits[0].clone()
}

/// The ids of the present claims of the example article.
pub fn ids(dir: &Path) -> Vec<String> {
    let v = ct(dir, &["claims", "xi-putin-summit", "--format", "json"]).json();
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// A one-digit id prefix that two claims share (an ambiguous prefix).
pub fn shared_prefix(dir: &Path) -> String {
    let ids = ids(dir);
    ids.iter()
        .map(|i| i[..1].to_string())
        .find(|p| ids.iter().filter(|i| i.starts_with(p.as_str())).count() > 1)
        .expect("23 ids over 16 digits share a first digit")
}

/// Copy every file of `from` (as [`tree`] lists them) into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// A copy of the workspace at `from` in a new temp folder.
pub fn copy_of(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(from, dir.path());
    dir
}

/// Store r2 of the example article.
pub fn add_r2(dir: &Path) {
    let r = ct(
        dir,
        &[
            "snapshot",
            "add",
            "xi-putin-summit",
            fixture("r2.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// Flip one byte of a file (a tampered snapshot).
pub fn flip_byte(path: &Path, at: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[at] ^= 0x20;
    std::fs::write(path, bytes).unwrap();
}

/// `diff --files r1.txt r2.txt --format json` of the example article, run in `dir`.
pub fn diff_r1_r2_json(dir: &Path) -> Run {
    let (r1, r2) = (fixture("r1.txt"), fixture("r2.txt"));
    ct(
        dir,
        &[
            "diff",
            "--files",
            r1.to_str().unwrap(),
            r2.to_str().unwrap(),
            "--format",
            "json",
        ],
    )
}

/// The keys of a claims file, in the order claimtrail writes them (its head before its claims).
const CLAIMS_FILE_KEYS: [&str; 7] = [
    "$schema",
    "schema",
    "normalization",
    "article",
    "revision",
    "ledger_head",
    "claims",
];

/// A hand-edited claims file (or any JSON object) written back as claimtrail orders its keys:
/// `serde_json::Value` sorts them, which would put `"claims"` before `"revision"`, and a file
/// so ordered is checked whole, not a claim at a time as claimtrail's own files are. Keys it
/// does not know come last. Pretty-printed with a trailing newline.
pub fn json_in_claims_order(v: &serde_json::Value) -> Vec<u8> {
    let serde_json::Value::Object(map) = v else {
        let mut out = serde_json::to_vec_pretty(v).unwrap();
        out.push(b'\n');
        return out;
    };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| {
        CLAIMS_FILE_KEYS
            .iter()
            .position(|known| known == k)
            .unwrap_or(CLAIMS_FILE_KEYS.len())
    });
    let fields: Vec<String> = keys
        .iter()
        .map(|k| {
            let value = serde_json::to_string_pretty(&map[k.as_str()]).unwrap();
            format!(
                "  {}: {}",
                serde_json::to_string(k).unwrap(),
                value.replace('\n', "\n  ")
            )
        })
        .collect();
    format!("{{\n{}\n}}\n", fields.join(",\n")).into_bytes()
}
