//! `check --jobs`, `--shard` and the reading cache: the same report whatever the threads, shards
//! that partition the archive, and a cache that survives damage.

mod common;

use common::{ct, fixture, json_in_claims_order, workspace};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const ARTICLES: usize = 9;

/// A workspace of several articles (variants of the example), each extracted, with findings of
/// several kinds: unsupported claims everywhere, an untracked claim in a-3 (a claim removed from
/// its claims file), a stale claims file in a-5 (r2 stored, not extracted), a stray file.
fn archive() -> tempfile::TempDir {
    let dir = workspace();
    let base = fs::read_to_string(fixture("r1.txt")).unwrap();
    for i in 0..ARTICLES {
        let name = format!("a-{i}");
        let text = format!(
            "{base}\n\nThe council of district {i} approved {} new schools on Tuesday, the mayor said.\n",
            i * 3 + 1
        );
        let path = dir.path().join(format!("{name}.txt"));
        fs::write(&path, text).unwrap();
        let r = ct(
            dir.path(),
            &["snapshot", "add", &name, path.to_str().unwrap()],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let r = ct(dir.path(), &["extract", &name]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        fs::remove_file(&path).unwrap();
    }
    // a-3: drop one present claim from the claims file, so the latest revision makes an
    // untracked claim.
    let claims = dir.path().join("claims/a-3.json");
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&claims).unwrap()).unwrap();
    v["claims"].as_array_mut().unwrap().remove(2);
    fs::write(&claims, json_in_claims_order(&v)).unwrap();
    let r = ct(
        dir.path(),
        &[
            "snapshot",
            "add",
            "a-5",
            fixture("r2.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    fs::write(dir.path().join("claims/Notes.json"), "{}").unwrap();
    dir
}

fn check(dir: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let r = ct(dir, &args);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    (r.code, r.stdout)
}

fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// The cache's entries of one kind (`reading` or `article`).
fn cache_entries(dir: &Path, kind: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let root = dir.join(".claimtrail-cache").join(kind);
    for sub in fs::read_dir(&root).into_iter().flatten().flatten() {
        for e in fs::read_dir(sub.path()).unwrap().flatten() {
            out.push(e.path());
        }
    }
    out.sort();
    out
}

#[test]
fn jobs_give_the_same_bytes() {
    let dir = archive();
    let (code, one) = check(dir.path(), &["--jobs", "1", "--no-cache"]);
    assert_eq!(code, 1, "a-3's untracked claim is an error");
    let found = codes(&one);
    for c in [
        "untracked-claim",
        "claims-file-stale",
        "stray-file",
        "unsupported-claim",
    ] {
        assert!(found.iter().any(|f| f == c), "{c} missing: {found:?}");
    }
    for jobs in ["2", "3", "8"] {
        let (c, out) = check(dir.path(), &["--jobs", jobs, "--no-cache"]);
        assert_eq!((c, &out), (code, &one), "--jobs {jobs}");
    }
    // Every format, not only JSON, is the same with many jobs.
    for format in ["human", "sarif", "junit", "github"] {
        let a = ct(dir.path(), &["check", "--format", format, "--jobs", "1"]);
        let b = ct(dir.path(), &["check", "--format", format, "--jobs", "4"]);
        assert_eq!((a.code, &a.stdout), (b.code, &b.stdout), "{format}");
    }
    let r = ct(dir.path(), &["check", "--jobs", "0"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn shards_partition_the_archive() {
    let dir = archive();
    let (_, all) = check(dir.path(), &["--no-cache"]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let mut seen_articles = BTreeSet::new();
    let mut findings = Vec::new();
    let mut article_count = 0;
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let (_, out) = check(dir.path(), &["--shard", &shard]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        article_count += v["summary"]["articles"].as_u64().unwrap();
        let mine: BTreeSet<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["article"].as_str().map(str::to_string))
            .collect();
        for a in &mine {
            assert!(seen_articles.insert(a.clone()), "{a} in two shards");
        }
        let strays = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "stray-file" && f["article"].is_null())
            .count();
        assert_eq!(
            strays,
            usize::from(k == 1),
            "shard {shard}: workspace strays"
        );
        findings.extend(v["findings"].as_array().unwrap().iter().cloned());
        // The same shard twice is the same set.
        assert_eq!(check(dir.path(), &["--shard", &shard]).1, out);
    }
    assert_eq!(article_count, ARTICLES as u64);
    assert_eq!(seen_articles.len(), ARTICLES);
    let key = |f: &serde_json::Value| f.to_string();
    let mut a: Vec<String> = findings.iter().map(key).collect();
    let mut b: Vec<String> = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the shards' findings are exactly the whole run's");
    // JUnit lists only the shard's articles as test suites.
    let junit = ct(
        dir.path(),
        &["check", "--format", "junit", "--shard", "2/3"],
    )
    .stdout;
    let suites = junit.matches("<testsuite ").count();
    let v: serde_json::Value =
        serde_json::from_str(&check(dir.path(), &["--shard", "2/3"]).1).unwrap();
    assert_eq!(
        suites as u64,
        v["summary"]["articles"].as_u64().unwrap(),
        "{junit}"
    );
    for bad in ["0/3", "4/3", "1/0", "x", "1-3"] {
        let r = ct(dir.path(), &["check", "--shard", bad]);
        assert_eq!(r.code, 2, "{bad}");
        assert!(r.stderr.contains("K/N"), "{bad}: {}", r.stderr);
    }
}

#[test]
fn the_cache_is_used_and_survives_damage() {
    let dir = archive();
    // A second extract's integrity check may have cached a reading; check --no-cache must
    // neither use nor write any.
    let _ = fs::remove_dir_all(dir.path().join(".claimtrail-cache"));
    let (code, fresh) = check(dir.path(), &["--no-cache"]);
    assert!(
        !dir.path().join(".claimtrail-cache").exists(),
        "--no-cache writes nothing"
    );
    let (c, cold) = check(dir.path(), &[]);
    assert_eq!((c, &cold), (code, &fresh));
    // One result per article.
    assert_eq!(cache_entries(dir.path(), "article").len(), ARTICLES);
    let entries = cache_entries(dir.path(), "article");
    let ignore = fs::read_to_string(dir.path().join(".claimtrail-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    let (c, warm) = check(dir.path(), &[]);
    assert_eq!((c, &warm), (code, &fresh));

    let good: Vec<Vec<u8>> = entries.iter().map(|p| fs::read(p).unwrap()).collect();

    // Damage every entry in a different way: each is ignored, re-read and rewritten.
    for (i, p) in entries.iter().enumerate() {
        let bytes = &good[i];
        let damaged: Vec<u8> = match i % 4 {
            0 => Vec::new(),
            1 => bytes[..bytes.len() / 3].to_vec(),
            2 => String::from_utf8(bytes.clone())
                .unwrap()
                .replacen(' ', "  ", 3)
                .into_bytes(),
            _ => vec![0xff; 40],
        };
        fs::write(p, damaged).unwrap();
    }
    let (c, repaired) = check(dir.path(), &[]);
    assert_eq!((c, &repaired), (code, &fresh));
    let rewritten: Vec<Vec<u8>> = entries.iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(rewritten, good, "damaged entries are rebuilt");

    // Deleting the folder is always safe.
    fs::remove_dir_all(dir.path().join(".claimtrail-cache")).unwrap();
    assert_eq!(check(dir.path(), &[]), (code, fresh));
}

#[test]
fn a_warm_check_reads_the_cache() {
    let dir = archive();
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(codes(&out).iter().any(|c| c == "untracked-claim"));
    // Empty every article's cached findings (valid entries): the warm run reports nothing, which
    // shows it serves the cache instead of checking again.
    let ws = claimtrail::store::Workspace::open(dir.path()).unwrap();
    let cache = claimtrail::cache::ArticleCache::new(dir.path());
    let config = format!("{:?}", ws.config);
    for article in ws.articles().unwrap() {
        let key = claimtrail::cache::article_key(&ws, &article, &config).unwrap();
        let mut r = cache.get(&key).expect("a cached result for every article");
        r.findings.clear();
        cache.put(&key, &r);
    }
    let (_, out) = check(dir.path(), &[]);
    assert!(!codes(&out).iter().any(|c| c == "untracked-claim"), "{out}");
    // --no-cache checks again.
    let (_, out) = check(dir.path(), &["--no-cache"]);
    assert!(codes(&out).iter().any(|c| c == "untracked-claim"));
}

#[test]
fn any_changed_input_is_checked_again() {
    let dir = archive();
    check(dir.path(), &[]);
    let same_as_uncached = |what: &str| {
        let warm = check(dir.path(), &[]);
        assert_eq!(warm, check(dir.path(), &["--no-cache"]), "{what}");
        warm.1
    };
    // A hand-edited status: the claims file's bytes changed.
    let path = dir.path().join("claims/a-1.json");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("\"status\": \"unverified\"", "\"status\": \"supported\"", 1),
    )
    .unwrap();
    let out = same_as_uncached("status edited");
    assert!(
        codes(&out).iter().any(|c| c == "status-not-in-ledger"),
        "{out}"
    );
    // A tampered snapshot byte.
    let snap = dir.path().join("snapshots/a-2/r1.txt");
    let mut bytes = fs::read(&snap).unwrap();
    bytes[5] ^= 0x01;
    fs::write(&snap, bytes).unwrap();
    let out = same_as_uncached("snapshot tampered");
    assert!(codes(&out).iter().any(|c| c == "snapshot-hash-mismatch"));
    // A stray file in an article's folder, and a policy change.
    fs::write(dir.path().join("snapshots/a-4/r9.txt"), "Unlisted.").unwrap();
    same_as_uncached("stray snapshot");
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[policy]\nunsupported-claim = \"off\"\n",
    )
    .unwrap();
    let out = same_as_uncached("policy");
    assert!(!codes(&out).iter().any(|c| c == "unsupported-claim"));
}

#[test]
fn a_cache_entry_is_keyed_by_the_reading_config() {
    let dir = archive();
    check(dir.path(), &[]);
    let before = cache_entries(dir.path(), "article").len();
    // Another reading configuration: new entries, not the old results.
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[extract]\nboilerplate = [\"Sign up for our newsletter\"]\n",
    )
    .unwrap();
    check(dir.path(), &[]);
    assert_eq!(cache_entries(dir.path(), "article").len(), 2 * before);
}
