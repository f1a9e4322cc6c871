//! Hand edits `check` must catch, and tricks a write command must refuse: names inside files,
//! symbolic links, planted journals and temp files.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const A: &str = "xi-putin-summit";

/// r1 and r2 stored and extracted; one claim reviewed twice with evidence and a note.
fn reviewed() -> (tempfile::TempDir, String) {
    let dir = workspace_r1();
    add_r2(dir.path());
    let r = ct(dir.path(), &["extract", A]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let id = claim_id(dir.path(), "fifth presidential election");
    for (status, by) in [("supported", "A"), ("disputed", "B")] {
        let r = ct(
            dir.path(),
            &[
                "review",
                A,
                &id,
                "--status",
                status,
                "--evidence",
                "https://example.org/report",
                "--note",
                "checked",
                "--by",
                by,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    assert_eq!(ct(dir.path(), &["check"]).code, 0);
    (dir, id)
}

fn claims_path(dir: &Path) -> PathBuf {
    dir.join("claims").join(format!("{A}.json"))
}

fn manifest_path(dir: &Path) -> PathBuf {
    dir.join("snapshots").join(A).join("manifest.json")
}

fn edit_json(path: &Path, f: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    f(&mut v);
    fs::write(path, json_in_claims_order(&v)).unwrap();
}

/// The claim object with `id` in a claims file value.
fn claim<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["claims"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"] == id)
        .unwrap()
}

fn error_codes(dir: &Path) -> (i32, Vec<String>) {
    let r = ct(dir, &["check", "--format", "json"]);
    let codes = r.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    (r.code, codes)
}

type Tamper = (&'static str, &'static str, Box<dyn Fn(&Path, &str)>);

fn tamperings() -> Vec<Tamper> {
    let own_voice = |dir: &Path| {
        let v: Value = serde_json::from_slice(&fs::read(claims_path(dir)).unwrap()).unwrap();
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["present"] == true && c["attribution"]["kind"] == "none")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    vec![
        (
            "attribution none -> named",
            "derived-field-mismatch",
            Box::new(move |d: &Path, _: &str| {
                let other = own_voice(d);
                edit_json(&claims_path(d), |v| {
                    let c = claim(v, &other);
                    c["attribution"]["kind"] = "named".into();
                    c["attribution"]["sources"] =
                        serde_json::json!([{"id": null, "phrase": "experts"}]);
                })
            }),
        ),
        (
            "hedges cleared",
            "derived-field-mismatch",
            Box::new(|d: &Path, _: &str| {
                edit_json(&claims_path(d), |v| {
                    let c = v["claims"]
                        .as_array_mut()
                        .unwrap()
                        .iter_mut()
                        .find(|c| c["present"] == true && c["hedges"] != serde_json::json!([]))
                        .unwrap();
                    c["hedges"] = serde_json::json!([]);
                })
            }),
        ),
        (
            "evidence added",
            "review-not-in-ledger",
            Box::new(|d: &Path, id: &str| {
                edit_json(&claims_path(d), |v| {
                    claim(v, id)["evidence"]
                        .as_array_mut()
                        .unwrap()
                        .push(serde_json::json!({"url": "https://example.org/fake", "note": null}))
                })
            }),
        ),
        (
            "evidence added to an unreviewed claim",
            "review-not-in-ledger",
            Box::new(move |d: &Path, _: &str| {
                let other = own_voice(d);
                edit_json(
                    &claims_path(d),
                    |v| {
                        claim(v, &other)["evidence"] =
                            serde_json::json!([{"url": "https://example.org/fake", "note": null}])
                    },
                )
            }),
        ),
        (
            "evidence removed",
            "review-not-in-ledger",
            Box::new(|d: &Path, id: &str| {
                edit_json(&claims_path(d), |v| {
                    claim(v, id)["evidence"] = serde_json::json!([])
                })
            }),
        ),
        (
            "note edited",
            "review-not-in-ledger",
            Box::new(|d: &Path, id: &str| {
                edit_json(&claims_path(d), |v| {
                    claim(v, id)["note"] = "all fine".into()
                })
            }),
        ),
        (
            "history cleared",
            "review-not-in-ledger",
            Box::new(|d: &Path, id: &str| {
                edit_json(&claims_path(d), |v| {
                    claim(v, id)["history"] = serde_json::json!([])
                })
            }),
        ),
        (
            "status edited",
            "status-not-in-ledger",
            Box::new(|d: &Path, id: &str| {
                edit_json(&claims_path(d), |v| {
                    claim(v, id)["status"] = "supported".into()
                })
            }),
        ),
        (
            "claim text edited",
            "claim-hash-mismatch",
            Box::new(|d: &Path, id: &str| {
                edit_json(&claims_path(d), |v| {
                    let c = claim(v, id);
                    let t = c["text"].as_str().unwrap().replace("fifth", "sixth");
                    c["text"] = t.into();
                })
            }),
        ),
        (
            "article field set to another article",
            "claims-file-invalid",
            Box::new(|d: &Path, _: &str| {
                edit_json(&claims_path(d), |v| v["article"] = "other-story".into())
            }),
        ),
        (
            "supersedes.similarity 1e308",
            "claim-field-invalid",
            Box::new(|d: &Path, _: &str| {
                edit_json(&claims_path(d), |v| {
                    let c = v["claims"]
                        .as_array_mut()
                        .unwrap()
                        .iter_mut()
                        .find(|c| !c["supersedes"].is_null())
                        .unwrap();
                    c["supersedes"]["similarity"] = serde_json::json!(1e308);
                })
            }),
        ),
        (
            "manifest bytes wrong",
            "manifest-field-invalid",
            Box::new(|d: &Path, _: &str| {
                edit_json(&manifest_path(d), |v| {
                    v["revisions"][0]["bytes"] = 12.into()
                })
            }),
        ),
        (
            "captured_at month 13",
            "manifest-field-invalid",
            Box::new(|d: &Path, _: &str| {
                edit_json(&manifest_path(d), |v| {
                    v["revisions"][0]["captured_at"] = "2024-13-16T08:00:00Z".into()
                })
            }),
        ),
        (
            "captured_at February 30",
            "manifest-field-invalid",
            Box::new(|d: &Path, _: &str| {
                edit_json(&manifest_path(d), |v| {
                    v["revisions"][1]["captured_at"] = "2024-02-30T08:00:00Z".into()
                })
            }),
        ),
        (
            "source_url javascript:",
            "manifest-field-invalid",
            Box::new(|d: &Path, _: &str| {
                edit_json(&manifest_path(d), |v| {
                    v["revisions"][0]["source_url"] = "javascript:x".into()
                })
            }),
        ),
        (
            "snapshot byte flipped",
            "snapshot-hash-mismatch",
            Box::new(|d: &Path, _: &str| {
                flip_byte(&d.join("snapshots").join(A).join("r1.txt"), 40)
            }),
        ),
        (
            "old revision edited, manifest sha256 and bytes recomputed",
            "snapshot-chain-broken",
            Box::new(|d: &Path, _: &str| {
                let p = d.join("snapshots").join(A).join("r1.txt");
                let t = fs::read_to_string(&p).unwrap().replacen("Xi", "Xu", 1);
                fs::write(&p, &t).unwrap();
                let sha = {
                    let r = std::process::Command::new("sha256sum")
                        .arg(&p)
                        .output()
                        .unwrap();
                    String::from_utf8(r.stdout).unwrap()[..64].to_string()
                };
                edit_json(&manifest_path(d), |v| {
                    v["revisions"][0]["sha256"] = sha.into();
                    v["revisions"][0]["bytes"] = t.len().into();
                })
            }),
        ),
        (
            "captured_at changed to another real time",
            "snapshot-chain-broken",
            Box::new(|d: &Path, _: &str| {
                edit_json(&manifest_path(d), |v| {
                    v["revisions"][0]["captured_at"] = "2020-01-01T00:00:00Z".into()
                })
            }),
        ),
        (
            "ledger converted to CRLF",
            "ledger-invalid",
            Box::new(|d: &Path, _: &str| {
                let p = d.join("claims").join(format!("{A}.ledger.jsonl"));
                let t = fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
                fs::write(p, t).unwrap();
            }),
        ),
        (
            "ledger line removed",
            "ledger-chain-broken",
            Box::new(|d: &Path, _: &str| {
                let p = d.join("claims").join(format!("{A}.ledger.jsonl"));
                let t = fs::read_to_string(&p).unwrap();
                let lines: Vec<&str> = t.lines().collect();
                fs::write(p, format!("{}\n", lines[1..].join("\n"))).unwrap();
            }),
        ),
    ]
}

/// The findings of `check` on a claims file as claimtrail orders its keys (checked a claim at a
/// time as it is parsed) and on the same file with its keys sorted, `"claims"` before
/// `"revision"` (loaded whole first): the same, but for the lines the claims moved to.
fn same_findings_whatever_the_order_of_keys(dir: &Path, name: &str) {
    let findings = |dir: &Path| -> Vec<String> {
        let r = ct(dir, &["check", "--no-cache", "--format", "json"]);
        let mut all: Vec<Value> = r.json()["findings"].as_array().unwrap().clone();
        for f in &mut all {
            let line = f.as_object_mut().unwrap().remove("line").unwrap();
            if f["claim"].is_string() && f["code"] != "untracked-claim" {
                assert!(line.is_u64(), "{name}: a claim's finding has its line: {f}");
            }
        }
        let root = dir.to_str().unwrap();
        let mut all: Vec<String> = all
            .iter()
            .map(|f| f.to_string().replace(root, "<workspace>"))
            .collect();
        all.sort();
        all
    };
    let Ok(v) = serde_json::from_slice::<Value>(&fs::read(claims_path(dir)).unwrap()) else {
        return; // the tampering broke the file's JSON
    };
    let streamed = findings(dir);
    let sorted = copy_of(dir);
    fs::write(
        claims_path(sorted.path()),
        serde_json::to_vec_pretty(&v).unwrap(),
    )
    .unwrap();
    assert_eq!(findings(sorted.path()), streamed, "{name}");
}

#[test]
fn every_hand_edit_is_caught_and_blocks_writes() {
    let (base, id) = reviewed();
    let list = tamperings();
    let mut caught = 0;
    for (name, code, tamper) in &list {
        let dir = copy_of(base.path());
        tamper(dir.path(), &id);
        let (exit, codes) = error_codes(dir.path());
        assert_eq!(exit, 1, "{name}: check exits 1");
        assert!(
            codes.iter().any(|c| c == code),
            "{name}: expected {code} in {codes:?}"
        );
        same_findings_whatever_the_order_of_keys(dir.path(), name);
        // A write on top of the tampered article is refused and names the finding.
        let before = tree(dir.path());
        let r = ct(
            dir.path(),
            &["review", A, &id, "--status", "false", "--by", "Z"],
        );
        assert_eq!(r.code, 2, "{name}: review must refuse");
        assert!(
            r.stderr.contains("nothing was written") || r.stderr.contains("restore"),
            "{name}: {}",
            r.stderr
        );
        assert_eq!(tree(dir.path()), before, "{name}: nothing written");
        caught += 1;
    }
    eprintln!("tamperings caught: {caught}/{}", list.len());
}

#[test]
fn a_claims_file_naming_another_article_never_steers_a_write() {
    let (dir, id) = reviewed();
    // A second article whose claims file must survive.
    let r = ct(
        dir.path(),
        &[
            "snapshot",
            "add",
            "other-story",
            fixture("r1.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(ct(dir.path(), &["extract", "other-story"]).code, 0);
    let original = fs::read(claims_path(dir.path())).unwrap();
    for name in ["other-story", "../x"] {
        let before = tree(dir.path());
        edit_json(&claims_path(dir.path()), |v| v["article"] = name.into());
        let tampered = tree(dir.path());
        let r = ct(
            dir.path(),
            &["review", A, &id, "--status", "false", "--by", "Z"],
        );
        assert_eq!(r.code, 2, "{name}");
        assert!(
            r.stderr.contains("claims file is for article"),
            "{}",
            r.stderr
        );
        assert_eq!(tree(dir.path()), tampered, "{name}: nothing written");
        let (_, codes) = error_codes(dir.path());
        assert!(
            codes.contains(&"claims-file-invalid".to_string()),
            "{codes:?}"
        );
        fs::write(claims_path(dir.path()), &original).unwrap();
        assert!(tree(dir.path()) == before);
    }
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    fn outside_untouched(outside: &Path, before: &[(PathBuf, Vec<u8>)]) {
        assert_eq!(
            tree(outside),
            before,
            "nothing written outside the workspace"
        );
    }

    #[test]
    fn symlinks_are_refused_and_reported() {
        let r2 = fixture("r2.txt");
        let mut refused = 0;
        type Plant = Box<dyn Fn(&Path, &Path)>;
        let cases: Vec<(&str, Plant, Vec<&str>)> = vec![
            (
                "snapshots/<article> is a link",
                Box::new(|d: &Path, out: &Path| {
                    let s = d.join("snapshots").join(A);
                    fs::rename(&s, out.join("moved")).unwrap();
                    symlink(out.join("moved"), &s).unwrap();
                }),
                vec!["snapshot", "add", A, r2.to_str().unwrap()],
            ),
            (
                "snapshots/ is a link",
                Box::new(|d: &Path, out: &Path| {
                    let s = d.join("snapshots");
                    fs::rename(&s, out.join("moved")).unwrap();
                    symlink(out.join("moved"), &s).unwrap();
                }),
                vec!["snapshot", "add", A, r2.to_str().unwrap()],
            ),
            (
                "claims/ is a link",
                Box::new(|d: &Path, out: &Path| {
                    let s = d.join("claims");
                    fs::rename(&s, out.join("moved")).unwrap();
                    symlink(out.join("moved"), &s).unwrap();
                }),
                vec!["extract", A],
            ),
            (
                "the claims file is a link",
                Box::new(|d: &Path, out: &Path| {
                    let s = claims_path(d);
                    fs::rename(&s, out.join("moved.json")).unwrap();
                    symlink(out.join("moved.json"), &s).unwrap();
                }),
                vec!["extract", A],
            ),
            (
                "the ledger is a link",
                Box::new(|d: &Path, out: &Path| {
                    let s = d.join("claims").join(format!("{A}.ledger.jsonl"));
                    fs::rename(&s, out.join("moved.jsonl")).unwrap();
                    symlink(out.join("moved.jsonl"), &s).unwrap();
                }),
                vec!["extract", A],
            ),
        ];
        let n = cases.len();
        for (name, plant, args) in cases {
            let (dir, _) = reviewed();
            let outside = tempfile::tempdir().unwrap();
            plant(dir.path(), outside.path());
            let before = tree(outside.path());
            let v = ct(dir.path(), &["check", "--format", "json"]).json();
            assert!(
                v["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["code"] == "symlink-in-workspace"),
                "{name}: check reports the link: {v}"
            );
            let r = ct(dir.path(), &args);
            assert_eq!(r.code, 2, "{name}: {}", r.stdout);
            assert!(r.stderr.contains("symbolic link"), "{name}: {}", r.stderr);
            outside_untouched(outside.path(), &before);
            refused += 1;
        }
        eprintln!("symlink scenarios refused: {refused}/{n}");
    }

    /// The cache is written by read-only commands too (`check`), so a link planted at the cache
    /// folder, or at one of its subfolders, must not let them write outside the workspace.
    #[test]
    fn a_linked_cache_folder_is_neither_written_nor_read() {
        for planted_at in [".claimtrail-cache", ".claimtrail-cache/reading"] {
            let (dir, _) = reviewed();
            let outside = tempfile::tempdir().unwrap();
            let link = dir.path().join(planted_at);
            if let Some(parent) = link.parent() {
                fs::create_dir_all(parent).unwrap();
            }
            let _ = fs::remove_dir_all(&link);
            symlink(outside.path(), &link).unwrap();
            let before = tree(outside.path());
            let r = ct(dir.path(), &["check", "--format", "json"]);
            assert!(r.code == 0 || r.code == 1, "{planted_at}: {}", r.stderr);
            outside_untouched(outside.path(), &before);
        }
    }

    #[test]
    fn a_planted_temp_link_is_removed_not_followed() {
        let (dir, id) = reviewed();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let planted = dir
            .path()
            .join("claims")
            .join(format!(".{A}.json.4242.tmp"));
        symlink(&victim, &planted).unwrap();
        let r = ct(
            dir.path(),
            &["review", A, &id, "--status", "false", "--by", "Z"],
        );
        assert_eq!(r.code, 2, "a link in claims/ blocks the write");
        fs::remove_file(&planted).unwrap();
        let r = ct(
            dir.path(),
            &["review", A, &id, "--status", "false", "--by", "Z"],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            !fs::symlink_metadata(claims_path(dir.path()))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn a_planted_journal_naming_outside_files_is_refused() {
    let (dir, id) = reviewed();
    let journal = dir.path().join("claims/.claimtrail-journal.json");
    fs::write(
        &journal,
        r#"{"version": 1, "writes": [{"target": "../outside.txt", "staged": "claims/.x.1.tmp", "sha256": "00"}]}"#,
    )
    .unwrap();
    let (exit, codes) = error_codes(dir.path());
    assert_eq!(exit, 1);
    assert!(codes.contains(&"journal-invalid".to_string()), "{codes:?}");
    let before = tree(dir.path());
    let r = ct(
        dir.path(),
        &["review", A, &id, "--status", "false", "--by", "Z"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("journal"), "{}", r.stderr);
    assert_eq!(tree(dir.path()), before);
    assert!(!dir.path().parent().unwrap().join("outside.txt").exists());
}

#[test]
fn identical_bytes_under_a_new_label_store_nothing() {
    let (dir, _) = reviewed();
    let before = tree(dir.path());
    let r = ct(
        dir.path(),
        &[
            "snapshot",
            "add",
            A,
            fixture("r2.txt").to_str().unwrap(),
            "--label",
            "r7",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("unchanged"), "{}", r.stdout);
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn impossible_times_are_refused() {
    let (dir, id) = reviewed();
    for t in [
        "2024-13-01T00:00:00Z",
        "2023-02-29T10:00:00Z",
        "2024-05-16T25:00:00Z",
    ] {
        let r = ct(
            dir.path(),
            &[
                "review", A, &id, "--status", "false", "--by", "Z", "--at", t,
            ],
        );
        assert_eq!(r.code, 2, "{t}");
        let r = ct(
            dir.path(),
            &[
                "snapshot",
                "add",
                A,
                fixture("r1.txt").to_str().unwrap(),
                "--captured-at",
                t,
            ],
        );
        assert_eq!(r.code, 2, "{t}");
    }
}

#[test]
fn unbounded_inputs_are_refused_at_their_limit() {
    let (dir, _) = reviewed();
    if !Path::new("/dev/zero").exists() {
        return;
    }
    for args in [
        vec!["inspect", "/dev/zero"],
        vec!["check", "--baseline", "/dev/zero"],
    ] {
        let start = std::time::Instant::now();
        let r = ct(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr
                .contains("/dev/zero: the input goes on over the limit of"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains(" 0 bytes"), "{}", r.stderr);
        assert!(start.elapsed().as_secs() < 10, "{args:?} read too much");
    }
}

/// A claims file linked to a device that never ends: `check` (with its cache, whose key hashes
/// the file) reports it at the limit instead of reading on until memory runs out (it did: the
/// cache key read the file whole, with no limit).
#[cfg(unix)]
#[test]
fn a_claims_file_that_never_ends_is_reported_at_its_limit() {
    let (dir, _) = reviewed();
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let claims = dir.path().join("claims").join(format!("{A}.json"));
    std::fs::remove_file(&claims).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &claims).unwrap();
    let start = std::time::Instant::now();
    let r = ct(dir.path(), &["check"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("the input goes on over the limit of")
            && r.stdout.contains("claims-file-invalid"),
        "{}",
        r.stdout
    );
    assert!(start.elapsed().as_secs() < 30, "check read too much");
}

#[test]
fn log_of_an_unknown_id_is_an_error() {
    let (dir, id) = reviewed();
    let r = ct(dir.path(), &["log", A, "zzzz"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    let r = ct(dir.path(), &["log", A, "ffffffffffff"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("ffffffffffff"), "{}", r.stderr);
    let r = ct(dir.path(), &["log", A, &id[..6]]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("2 entries"), "{}", r.stdout);
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn since_catches_a_history_rewritten_with_a_recomputed_chain() {
    let (dir, id) = reviewed();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    // Appending is fine.
    let r = ct(
        dir.path(),
        &["review", A, &id, "--status", "false", "--by", "C"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = ct(dir.path(), &["check", "--since", "HEAD"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    // A whole history made up from scratch: a valid chain and head, which plain check accepts.
    let forged = tempfile::tempdir().unwrap();
    for (rel, bytes) in tree(dir.path()) {
        if !rel.starts_with(".git") && !rel.starts_with("claims") {
            let p = forged.path().join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, bytes).unwrap();
        }
    }
    fs::create_dir_all(forged.path().join("claims")).unwrap();
    assert_eq!(ct(forged.path(), &["extract", A]).code, 0);
    let r = ct(
        forged.path(),
        &["review", A, &id, "--status", "supported", "--by", "Forger"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in [format!("{A}.json"), format!("{A}.ledger.jsonl")] {
        fs::copy(
            forged.path().join("claims").join(&name),
            dir.path().join("claims").join(&name),
        )
        .unwrap();
    }
    assert_eq!(
        ct(dir.path(), &["check"]).code,
        0,
        "plain check cannot tell"
    );
    let r = ct(
        dir.path(),
        &["check", "--since", "HEAD", "--format", "json"],
    );
    assert_eq!(r.code, 1);
    let v = r.json();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "history-rewritten")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(f["file"], format!("claims/{A}.ledger.jsonl"));

    // A stored revision changed in the manifest: --since names it too.
    git(dir.path(), &["checkout", "-q", "--", "claims"]);
    edit_json(&manifest_path(dir.path()), |v| {
        v["revisions"][0]["captured_at"] = "2020-01-01T00:00:00Z".into()
    });
    let r = ct(
        dir.path(),
        &["check", "--since", "HEAD", "--format", "json"],
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("history-rewritten"), "{}", r.stdout);
    let r = ct(dir.path(), &["check", "--since", "no-such-rev"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--since no-such-rev"), "{}", r.stderr);
}

/// Normalization v1 is pinned to the Unicode version of the NFKC tables it was defined on: a
/// crate update that moves the tables must fail here (and become normalization v2), not silently
/// change the hash of a text with newly assigned code points.
#[test]
fn normalization_v1_is_pinned_to_unicode_18() {
    assert_eq!(unicode_normalization::UNICODE_VERSION, (18, 0, 0));
    let readme = include_str!("../README.md");
    assert!(readme.contains("pinned to **Unicode 18.0.0**"));
    // NFKC from the tables, as v1 applies it: a compatibility ligature and a full-width digit.
    let r = ct(Path::new("."), &["hash", "\u{FB01}ve \u{FF15}"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("five 5"), "{}", r.stdout);
}

#[test]
fn a_hostile_article_cannot_drive_the_terminal() {
    let dir = workspace();
    let text = "The minister said the budget grew by 5 percent.\x1b]0;pwned\x07 \
                Officials denied it\x1b[2J\x1b[31m in a statement on Monday.\r\u{9b}2J\n";
    let path = dir.path().join("hostile.txt");
    fs::write(&path, text).unwrap();
    let add = ct(
        dir.path(),
        &["snapshot", "add", "news", path.to_str().unwrap()],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    let mut outputs = vec![ct(dir.path(), &["extract", "news"])];
    let id = {
        let v = ct(dir.path(), &["claims", "news", "--format", "json"]).json();
        v["claims"][0]["id"].as_str().unwrap().to_string()
    };
    let note = "ok\x1b]0;owned\x07";
    let r = ct(
        dir.path(),
        &[
            "review",
            "news",
            &id,
            "--status",
            "supported",
            "--note",
            note,
            "--by",
            "Z\x1b[2J",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for args in [
        vec!["claims", "news", "--all"],
        vec!["check", "--strict"],
        vec!["check", "--format", "github"],
        vec!["inspect", "hostile.txt"],
        vec!["log", "news"],
        vec!["show", &id],
        vec!["--color", "always", "claims", "news"],
        vec!["show", "\x1b[2J"],
    ] {
        outputs.push(ct(dir.path(), &args));
    }
    for (n, r) in outputs.iter().enumerate() {
        for (name, s) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            let bad: Vec<char> = s
                .chars()
                .filter(|&c| {
                    (c.is_control() && c != '\n' && c != '\t' && c != '\x1b') || c == '\u{9b}'
                })
                .collect();
            assert!(
                bad.is_empty(),
                "output {n} {name} has raw controls {bad:?}: {s}"
            );
            // ESC only in our own colour sequences.
            for (i, _) in s.match_indices('\x1b') {
                let rest = &s[i + 1..];
                let ok = rest.starts_with('[')
                    && rest[1..]
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ';')
                        .starts_with('m');
                assert!(ok, "output {n} {name}: a raw escape sequence: {s:?}");
            }
            assert!(
                !s.contains("\x1b[2J") && !s.contains("\x1b]0;"),
                "output {n}: {s:?}"
            );
        }
    }
    assert!(
        outputs[1].stdout.contains("\\x1b]0"),
        "{}",
        outputs[1].stdout
    );
}

/// `diff` streams its human and Markdown output (it is not returned whole to `main`, which
/// escapes what it prints): the article's control characters must still be shown, not obeyed,
/// in every format for people, with colour on or off, for files and for a workspace's revisions.
#[test]
fn a_hostile_revision_cannot_drive_the_terminal_through_a_streamed_diff() {
    let dir = workspace();
    let old = "The minister said the budget grew by 5 percent.\x1b]0;pwned\x07 \
               Officials denied it\x1b[2J in a statement on Monday.\r\u{9b}2J\n";
    let new = "The minister said the budget grew by 7 percent.\x1b]0;pwned\x07 \
               Officials flatly denied it\x1b[2J in a statement on Tuesday.\r\u{9b}2J\n\n\
               A new claim arrived\x1b[12;\x1b[2J today, the agency said.\n";
    fs::write(dir.path().join("old.txt"), old).unwrap();
    fs::write(dir.path().join("new.txt"), new).unwrap();
    for (file, label) in [("old.txt", "r1"), ("new.txt", "r2")] {
        let add = ct(
            dir.path(),
            &["snapshot", "add", "news", file, "--label", label],
        );
        assert_eq!(add.code, 0, "{}", add.stderr);
    }
    let files = ["diff", "--files", "old.txt", "new.txt"];
    let mut runs = Vec::new();
    for color in ["never", "always"] {
        for format in ["human", "markdown"] {
            for args in [&files[..], &["diff", "news"][..]] {
                let mut all = vec!["--color", color];
                all.extend_from_slice(args);
                all.extend_from_slice(&["--format", format]);
                let r = ct(dir.path(), &all);
                assert_eq!(r.code, 0, "{all:?}: {}", r.stderr);
                runs.push((all.join(" "), r.stdout));
            }
        }
    }
    for (args, s) in &runs {
        let raw: Vec<char> = s
            .chars()
            .filter(|&c| (c.is_control() && !"\n\t\x1b".contains(c)) || c == '\u{9b}')
            .collect();
        assert!(raw.is_empty(), "{args}: raw controls {raw:?} in {s:?}");
        for (i, _) in s.match_indices('\x1b') {
            let rest = &s[i + 1..];
            let sgr = rest.starts_with('[')
                && rest[1..]
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == ';')
                    .starts_with('m');
            assert!(sgr, "{args}: a raw escape sequence in {s:?}");
        }
        // Shown as escapes (the `;` ends a sentence; Markdown also escapes the `[`).
        for shown in ["\\x1b]0", "pwned\\x07", "\\x9b2J", "\\x1b[12", "\\x1b"] {
            let md = shown.replace('[', "\\[").replace(']', "\\]");
            assert!(
                s.contains(shown) || s.contains(&md),
                "{args}: no {shown} in {s:?}"
            );
        }
        // Colour only when asked, and then ours around the title.
        if args.contains("always") && args.contains("human") {
            assert!(s.starts_with("\x1b[1m"), "{args}: {s:?}");
        } else {
            assert!(!s.contains('\x1b'), "{args}: {s:?}");
        }
    }
    assert_eq!(runs.len(), 8);
}

/// A file of the workspace replaced by a named pipe made every command that reads it wait for a
/// writer forever. Now it is refused at once, as the file it should be: `check` reports it and
/// a write refuses to start, naming it.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_workspace_is_refused_not_waited_on() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    // Run with a deadline: the bug was a hang.
    let run = |dir: &Path, args: &[&str]| -> (i32, String) {
        let out = tempfile::NamedTempFile::new().unwrap();
        let mut child = command(dir, args)
            .stdout(Stdio::from(out.reopen().unwrap()))
            .stderr(Stdio::from(out.reopen().unwrap()))
            .spawn()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(30) {
                child.kill().unwrap();
                panic!("{args:?} waited on a named pipe");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        (
            status.code().unwrap(),
            fs::read_to_string(out.path()).unwrap(),
        )
    };
    let (base, id) = reviewed();
    for (rel, code) in [
        (format!("claims/{A}.json"), "claims-file-invalid"),
        (format!("claims/{A}.ledger.jsonl"), "ledger-invalid"),
        (format!("snapshots/{A}/manifest.json"), "manifest-invalid"),
        (format!("snapshots/{A}/r2.txt"), "snapshot-invalid"),
        (
            format!("snapshots/{A}/chain.jsonl"),
            "snapshot-chain-broken",
        ),
    ] {
        let dir = copy_of(base.path());
        let pipe = dir.path().join(&rel);
        fs::remove_file(&pipe).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        for cached in [false, true] {
            let args: &[&str] = if cached {
                &["check"]
            } else {
                &["check", "--no-cache"]
            };
            let (exit, out) = run(dir.path(), args);
            assert_eq!(exit, 1, "{rel}: {out}");
            assert!(
                out.contains(&format!("error[{code}] {rel}")),
                "{rel}: {out}"
            );
            assert!(out.contains("is a named pipe, not a file"), "{rel}: {out}");
        }
        let listing = |d: &Path| {
            let mut all: Vec<PathBuf> = walk(d);
            all.sort();
            all
        };
        let before = listing(dir.path());
        let (exit, out) = run(
            dir.path(),
            &["review", A, &id, "--status", "false", "--by", "Z"],
        );
        assert_eq!(exit, 2, "{rel}: {out}");
        assert!(out.contains("is a named pipe, not a file"), "{rel}: {out}");
        assert_eq!(listing(dir.path()), before, "{rel}: nothing written");
    }
    // What the user gives may still be a pipe (`claimtrail inspect <(curl ...)`).
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("article.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || fs::write(pipe, fs::read(fixture("r1.txt")).unwrap()).unwrap())
    };
    let (exit, out) = run(dir.path(), &["inspect", "article.txt", "--format", "json"]);
    writer.join().unwrap();
    assert_eq!(exit, 0, "{out}");
    assert!(out.contains("\"sentences\""), "{out}");
}

/// Every path below `dir` (files, folders and pipes alike), without reading any.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}
