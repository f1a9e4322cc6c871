//! The claim-level diff: the r1 -> r2 expectations of the example article, the diff's output
//! formats, tracking across revisions, and alignment properties.

mod common;
#[path = "../benches/support/newsgen.rs"]
mod newsgen;

use std::fs;

use claimtrail::diff::{
    ChangeKind, ClaimSide, DiffOptions, HashKey, Side, align, diff_claims, occurrences,
};
use claimtrail::extract::{ReadOptions, extract_claims, occurrences_of};
use common::*;
use proptest::prelude::*;
use serde_json::Value;

fn files_diff(dir: &std::path::Path) -> Value {
    let r = diff_r1_r2_json(dir);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

fn texts(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

/// The diff reports exactly what r1-r2.expected.json lists: kinds and flags; all else unchanged.
fn assert_matches_expected(v: &Value) {
    let expected: Value =
        serde_json::from_slice(&fs::read(fixture("r1-r2.expected.json")).unwrap()).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let mut matched = vec![false; changes.len()];
    for e in expected["changes"].as_array().unwrap() {
        let old_needle = e["old_contains"].as_str();
        let new_needle = e["new_contains"].as_str();
        let hits: Vec<usize> = (0..changes.len())
            .filter(|&i| {
                let c = &changes[i];
                old_needle.is_none_or(|n| texts(&c["old"]).iter().any(|t| t.contains(n)))
                    && new_needle.is_none_or(|n| texts(&c["new"]).iter().any(|t| t.contains(n)))
                    && (old_needle.is_some() || c["old"].as_array().unwrap().is_empty())
                    && (new_needle.is_some() || c["new"].as_array().unwrap().is_empty())
            })
            .collect();
        assert_eq!(hits.len(), 1, "expected change {e} matched {hits:?}");
        let c = &changes[hits[0]];
        assert_eq!(c["kind"], e["kind"], "{e}");
        assert_eq!(c["flags"], e["flags"], "flags of {e}");
        matched[hits[0]] = true;
    }
    for (i, c) in changes.iter().enumerate() {
        if !matched[i] {
            assert_eq!(c["kind"], "unchanged", "unexpected change {c}");
            assert_eq!(c["flags"], serde_json::json!([]));
            assert_eq!(c["old"][0]["sha256"], c["new"][0]["sha256"]);
        }
    }
    assert_eq!(
        v["summary"],
        serde_json::json!({"unchanged": 17, "edited": 5, "moved": 0, "added": 1, "removed": 1, "split": 0, "merged": 0})
    );
}

#[test]
fn r1_r2_diff_reports_exactly_the_expected_changes() {
    let dir = tempfile::tempdir().unwrap();
    let v = files_diff(dir.path());
    assert_matches_expected(&v);
    // Typography only: the curly-quoted "old friend" claim hashes the same in both revisions.
    let friend = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| texts(&c["old"])[0].contains("old friend"))
        .unwrap();
    assert_eq!(friend["kind"], "unchanged");
    assert_ne!(friend["old"][0]["text"], friend["new"][0]["text"]);
    assert_eq!(friend["similarity"], 1.0);
}

#[test]
fn r1_r2_diff_in_a_workspace_and_its_formats() {
    let dir = workspace_r1();
    let r = ct(dir.path(), &["diff", "xi-putin-summit"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("has 1 revision; a diff needs two"),
        "{}",
        r.stderr
    );
    add_r2(dir.path());
    let v = ct(dir.path(), &["diff", "xi-putin-summit", "--format", "json"]).json();
    assert_eq!(
        (
            v["version"].as_u64(),
            v["article"].as_str(),
            v["from"].as_str(),
            v["to"].as_str()
        ),
        (Some(1), Some("xi-putin-summit"), Some("r1"), Some("r2"))
    );
    assert_matches_expected(&v);
    let same = ct(
        dir.path(),
        &["diff", "xi-putin-summit", "r1", "r2", "--format", "json"],
    )
    .json();
    assert_eq!(same, v);

    let r = ct(dir.path(), &["--color", "never", "diff", "xi-putin-summit"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("xi-putin-summit: r1 -> r2\n"));
    assert!(r.stdout.contains("[hedge-removed] similarity 0.98\n  Mr. Putin is trying to escalate his war in Ukraine before Ukrainian forces can receive a replenishment of arms from the United States, and [-likely-] wants to know he can rely on China.\n"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("invasion of Ukraine [-more than two-]{+nearly three+} years ago.")
    );
    assert!(r.stdout.contains("source: named: us-government (the United States), western-analysts (Western analysts) via \u{201C}say\u{201D} -> none (the article's own voice)"));
    assert!(
        r.stdout
            .contains("  + Chinese officials said the talks would focus on energy and trade.\n")
    );
    assert!(
        r.stdout.ends_with(
            "\n17 unchanged, 5 edited, 0 moved, 1 added, 1 removed, 0 split, 0 merged\n"
        )
    );
    let r = ct(
        dir.path(),
        &["--color", "always", "diff", "xi-putin-summit"],
    );
    assert!(r.stdout.contains("\x1b[31m\x1b[9mlikely\x1b[0m"));

    let r = ct(
        dir.path(),
        &["diff", "xi-putin-summit", "--format", "markdown"],
    );
    assert!(r.stdout.starts_with("### xi-putin-summit: r1 -> r2\n\n**17** unchanged · **5** edited · **1** added · **1** removed\n"), "{}", r.stdout);
    // The claim ids, the word-level change and the sources, before -> after.
    assert!(r.stdout.contains(
        "| edited | `d7011722d4b1` → `9935c34c2264` | `attribution-dropped` | ~~the United States and Western analysts say~~ China has been aiding"
    ), "{}", r.stdout);
    assert!(r.stdout.contains(
        "| named: us-government (the United States), western-analysts (Western analysts) via “say” → none (the article's own voice) |"
    ), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("~~more than two~~**nearly three** years ago"),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.lines().filter(|l| l.starts_with("| ")).count(),
        2 + 7
    );

    assert_eq!(
        ct(dir.path(), &["diff", "xi-putin-summit", "--exit-code"]).code,
        1
    );
    assert_eq!(
        ct(
            dir.path(),
            &["diff", "xi-putin-summit", "r1", "r1", "--exit-code"]
        )
        .code,
        0
    );
    assert_eq!(
        ct(dir.path(), &["diff", "xi-putin-summit", "r1", "../r2"]).code,
        2
    );
    assert_eq!(
        ct(
            dir.path(),
            &["diff", "xi-putin-summit", "--format", "junit"]
        )
        .code,
        2
    );
}

#[test]
fn extract_follows_the_alignment_and_reviews_go_back_to_review() {
    let dir = workspace_r1();
    let hedge = claim_id(dir.path(), "likely wants to know");
    let kharkiv = claim_id(dir.path(), "opened a new line of attack");
    let stable = claim_id(dir.path(), "China casts itself as neutral");
    for (id, status) in [
        (&hedge, "opinion"),
        (&kharkiv, "supported"),
        (&stable, "supported"),
    ] {
        let r = ct(
            dir.path(),
            &[
                "review",
                "xi-putin-summit",
                id,
                "--status",
                status,
                "--by",
                "T",
                "--evidence",
                "https://example.org/e",
                "--note",
                "n",
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    add_r2(dir.path());
    let r = ct(
        dir.path(),
        &["--color", "never", "extract", "xi-putin-summit"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("17 unchanged, 0 moved, 5 edited, 0 split, 0 merged, 1 added, 1 removed"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("changed after review: status is now needs-review")
    );

    let file: Value =
        serde_json::from_slice(&fs::read(dir.path().join("claims/xi-putin-summit.json")).unwrap())
            .unwrap();
    let claims = file["claims"].as_array().unwrap();
    assert_eq!(file["revision"], "r2");
    assert_eq!(claims.iter().filter(|c| c["present"] == true).count(), 23);
    assert_eq!(claims.len(), 29);
    let by_id = |id: &str| claims.iter().find(|c| c["id"] == id).unwrap();
    let new_hedge = claims
        .iter()
        .find(|c| c["supersedes"]["id"] == hedge.as_str())
        .unwrap();
    assert_eq!(new_hedge["status"], "needs-review");
    assert_eq!(
        new_hedge["supersedes"]["flags"],
        serde_json::json!(["hedge-removed"])
    );
    assert_eq!(new_hedge["evidence"][0]["url"], "https://example.org/e");
    assert_eq!(new_hedge["note"], "n");
    assert_eq!(
        new_hedge["history"].as_array().unwrap().last().unwrap()["from"],
        "opinion"
    );
    assert_eq!(by_id(&hedge)["present"], false);
    assert_eq!(by_id(&hedge)["last_seen"], "r1");
    assert_eq!(by_id(&hedge)["superseded_by"][0], new_hedge["id"]);
    assert_eq!(by_id(&stable)["status"], "supported");
    assert_eq!(by_id(&stable)["last_seen"], "r2");
    let removed = claims
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .starts_with("Western countries have dismissed")
        })
        .unwrap();
    assert_eq!(
        (removed["present"].as_bool(), removed["last_seen"].as_str()),
        (Some(false), Some("r1"))
    );

    // The lineage: show prints both versions and the status history.
    let new_id = new_hedge["id"].as_str().unwrap();
    let v = ct(dir.path(), &["show", new_id, "--format", "json"]).json();
    let lineage = v["lineage"].as_array().unwrap();
    assert_eq!(lineage.len(), 2);
    assert_eq!(lineage[0]["id"], hedge.as_str());
    assert_eq!(lineage[1]["id"], new_id);
    let r = ct(dir.path(), &["--color", "never", "show", new_id]);
    assert!(
        r.stdout.contains(&format!(
            "edited from {hedge} [hedge-removed] similarity 0.98"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("r2: opinion -> needs-review (changed: hedge-removed)"),
        "{}",
        r.stdout
    );

    // check: changed-after-review until reviewed again; the ledger replays to the file.
    let v = ct(dir.path(), &["check", "--format", "json"]).json();
    let car: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "changed-after-review")
        .collect();
    assert_eq!(car.len(), 2, "{v}");
    assert_eq!(v["summary"]["errors"], 0, "{v}");
    ct(
        dir.path(),
        &[
            "review",
            "xi-putin-summit",
            new_id,
            "--status",
            "opinion",
            "--by",
            "T",
        ],
    );
    let v = ct(dir.path(), &["check", "--format", "json"]).json();
    assert_eq!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "changed-after-review")
            .count(),
        1
    );
    // Extracting r1 again would go backwards.
    let r = ct(dir.path(), &["extract", "xi-putin-summit", "--rev", "r1"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("would go backwards"));
}

fn claims_of(text: &str) -> Vec<claimtrail::model::Claim> {
    extract_claims(text, "r", &ReadOptions::default()).1
}

/// Paragraphs of generated news-like prose.
fn article() -> impl Strategy<Value = Vec<Vec<String>>> {
    let subjects = [
        "The ministry",
        "Officials",
        "The company",
        "Analysts",
        "The council",
        "Residents",
        "The army",
        "Investors",
    ];
    let verbs = [
        "expanded", "reported", "closed", "delayed", "approved", "rejected", "funded", "moved",
    ];
    let objects = [
        "the northern bridge",
        "a new port",
        "the budget",
        "three schools",
        "the rail line",
        "a power plant",
        "the old market",
        "two hospitals",
    ];
    let sentence = (0..8usize, 0..8usize, 0..8usize, 1u32..2000).prop_map(move |(s, v, o, n)| {
        format!(
            "{} {} {} near district {n} last year.",
            subjects[s], verbs[v], objects[o]
        )
    });
    proptest::collection::vec(proptest::collection::vec(sentence, 1..4), 2..6)
}

fn render(paras: &[Vec<String>]) -> String {
    paras
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn kinds(a: &str, b: &str) -> Vec<ChangeKind> {
    diff_claims(&claims_of(a), &claims_of(b), DiffOptions::default())
        .into_iter()
        .map(|c| c.kind)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_text_against_itself_is_all_unchanged(paras in article()) {
        let t = render(&paras);
        prop_assert!(kinds(&t, &t).iter().all(|k| *k == ChangeKind::Unchanged));
    }

    #[test]
    fn typography_only_variants_are_unchanged(paras in article()) {
        let t = render(&paras);
        let variant = t.replace(' ', "  ").replace("last year", "last\u{00A0}year").replace("The ", "The\u{200B} ");
        let k = kinds(&t, &variant);
        prop_assert!(k.iter().all(|k| *k == ChangeKind::Unchanged), "{:?}", k);
    }

    #[test]
    fn rewrapping_changes_no_claim(paras in article(), width in 30usize..100) {
        let t = render(&paras);
        let wrapped: Vec<String> = paras.iter().map(|p| {
            let mut lines = vec![String::new()];
            for w in p.join(" ").split(' ') {
                if !lines.last().unwrap().is_empty() && lines.last().unwrap().len() + w.len() >= width {
                    lines.push(String::new());
                }
                let l = lines.last_mut().unwrap();
                if !l.is_empty() { l.push(' '); }
                l.push_str(w);
            }
            lines.join("\n")
        }).collect();
        let k = kinds(&t, &wrapped.join("\n\n"));
        prop_assert!(k.iter().all(|k| *k == ChangeKind::Unchanged), "{:?}", k);
    }

    #[test]
    fn removing_one_sentence_gives_exactly_one_removed(paras in article(), pick in any::<proptest::sample::Index>()) {
        let t = render(&paras);
        let old = claims_of(&t);
        prop_assume!(old.len() >= 2);
        let i = pick.index(old.len());
        // Skip inputs where the removed sentence repeats elsewhere (then it is still present).
        prop_assume!(old.iter().filter(|c| c.sha256 == old[i].sha256).count() == 1);
        let mut cut = t.clone();
        cut.replace_range(old[i].anchor.start..old[i].anchor.end, "");
        let k = kinds(&t, &cut);
        prop_assert_eq!(k.iter().filter(|k| **k == ChangeKind::Removed).count(), 1, "{:?}", k);
        prop_assert_eq!(k.iter().filter(|k| **k != ChangeKind::Unchanged && **k != ChangeKind::Removed).count(), 0, "{:?}", k);
    }

    #[test]
    fn moving_a_paragraph_adds_and_removes_nothing(paras in article(), from in any::<proptest::sample::Index>(), to in any::<proptest::sample::Index>()) {
        let mut moved = paras.clone();
        let p = moved.remove(from.index(moved.len()));
        let to = to.index(moved.len() + 1);
        moved.insert(to, p);
        let k = kinds(&render(&paras), &render(&moved));
        prop_assert!(k.iter().all(|k| *k == ChangeKind::Unchanged || *k == ChangeKind::Moved), "{:?}", k);
    }
}

#[test]
fn crlf_and_rewrapped_copies_are_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let r1 = fs::read_to_string(fixture("r1.txt")).unwrap();
    let crlf = dir.path().join("crlf.txt");
    fs::write(&crlf, r1.replace('\n', "\r\n")).unwrap();
    // Hard-wrap every paragraph at 72 columns, as a plain-text capture might.
    let wrapped: Vec<String> = r1
        .split("\n\n")
        .map(|p| {
            let mut lines = vec![String::new()];
            for w in p.split(' ') {
                if lines.last().unwrap().len() + w.len() > 72 {
                    lines.push(String::new());
                }
                let l = lines.last_mut().unwrap();
                if !l.is_empty() {
                    l.push(' ');
                }
                l.push_str(w);
            }
            lines.join("\n")
        })
        .collect();
    let wrapped_path = dir.path().join("wrapped.txt");
    fs::write(&wrapped_path, wrapped.join("\n\n")).unwrap();
    for other in [&crlf, &wrapped_path] {
        let v = ct(
            dir.path(),
            &[
                "diff",
                "--files",
                fixture("r1.txt").to_str().unwrap(),
                other.to_str().unwrap(),
                "--format",
                "json",
            ],
        )
        .json();
        assert_eq!(v["summary"]["unchanged"], 23, "{}", other.display());
        assert_eq!(v["changes"].as_array().unwrap().len(), 23);
    }
}

/// Revision pairs of our own making with a known answer: which old sentence became which new
/// ones. Sentences come from tests/fixtures/alignment: heavy in-place rewrites, removals,
/// removals with an unrelated sentence put in the same place, moves, splits and merges.
pub mod revisions {
    use super::*;

    const REWRITES: &str = include_str!("fixtures/alignment/rewrites.tsv");
    const ADDITIONS: &str = include_str!("fixtures/alignment/additions.txt");
    const SPLITS: &str = include_str!("fixtures/alignment/splits.tsv");

    fn rows(text: &str) -> Vec<Vec<&str>> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split('\t').collect())
            .collect()
    }

    /// xorshift: the same pairs on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// A sentence of a revision and the old sentences it stands for (empty: new text).
    type Line = (String, Vec<usize>);

    /// Text in paragraphs of two or three sentences, and each sentence's byte span.
    fn render(lines: &[String], rng: &mut Rng) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut in_para = 0;
        for l in lines {
            if !text.is_empty() {
                if in_para >= 2 + rng.below(2) {
                    text.push_str("\n\n");
                    in_para = 0;
                } else {
                    text.push(' ');
                }
            }
            spans.push((text.len(), text.len() + l.len()));
            text.push_str(l);
            in_para += 1;
        }
        (text, spans)
    }

    /// One pair: the old text, the new text, and for each old sentence the new sentences it
    /// became (empty when it was removed).
    pub struct Pair {
        pub old: String,
        pub new: String,
        old_spans: Vec<(usize, usize)>,
        new_spans: Vec<(usize, usize)>,
        truth: Vec<Vec<usize>>,
    }

    pub fn pair(seed: u64) -> Pair {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let rewrites = rows(REWRITES);
        let additions = rows(ADDITIONS);
        let splits = rows(SPLITS);
        // Old: 12 distinct rewritable sentences, and one split row, whole or in two parts.
        let mut pool: Vec<usize> = (0..rewrites.len()).collect();
        let mut old: Vec<String> = Vec::new();
        let mut new: Vec<Line> = Vec::new();
        let mut added: Vec<usize> = (0..additions.len()).collect();
        let split_at = rng.below(12);
        for k in 0..12 {
            if k == split_at {
                let s = &splits[rng.below(splits.len())];
                if rng.below(2) == 0 {
                    // Split: one old sentence becomes two.
                    old.push(s[0].to_string());
                    let i = old.len() - 1;
                    new.push((s[1].to_string(), vec![i]));
                    new.push((s[2].to_string(), vec![i]));
                } else {
                    // Merge: two old sentences become one.
                    old.push(s[1].to_string());
                    old.push(s[2].to_string());
                    let i = old.len() - 2;
                    new.push((s[0].to_string(), vec![i, i + 1]));
                }
            }
            let r = &rewrites[pool.swap_remove(rng.below(pool.len()))];
            old.push(r[0].to_string());
            let i = old.len() - 1;
            match rng.below(100) {
                0..=11 => new.push((r[1].to_string(), vec![i])),
                12..=17 => {}
                18..=25 => {
                    let a = added.swap_remove(rng.below(added.len()));
                    new.push((additions[a][0].to_string(), vec![]));
                }
                26..=28 => {
                    let at = rng.below(new.len() + 1);
                    new.insert(at, (r[0].to_string(), vec![i]));
                }
                _ => new.push((r[0].to_string(), vec![i])),
            }
        }
        let (old_text, old_spans) = render(&old, &mut rng);
        let lines: Vec<String> = new.iter().map(|l| l.0.clone()).collect();
        let (new_text, new_spans) = render(&lines, &mut rng);
        let mut truth = vec![Vec::new(); old.len()];
        for (j, (_, from)) in new.iter().enumerate() {
            for &i in from {
                truth[i].push(j);
            }
        }
        Pair {
            old: old_text,
            new: new_text,
            old_spans,
            new_spans,
            truth,
        }
    }

    fn sentence_of(spans: &[(usize, usize)], at: usize) -> usize {
        spans.iter().position(|&(s, e)| s <= at && at < e).unwrap()
    }

    /// (old claims with a true counterpart, of those mapped by the diff, mapped claims, mapped
    /// correctly): a mapping is correct when every new claim it names lies in a sentence the
    /// old sentence truly became.
    pub fn score(p: &Pair, opts: DiffOptions) -> (usize, usize, usize, usize) {
        let old = claims_of(&p.old);
        let new = extract_claims(&p.new, "r", &ReadOptions::default()).1;
        let changes = diff_claims(&old, &new, opts);
        let mappable = old
            .iter()
            .filter(|c| !p.truth[sentence_of(&p.old_spans, c.anchor.start)].is_empty())
            .count();
        let (mut mapped_mappable, mut mapped, mut correct) = (0, 0, 0);
        for c in changes.iter().filter(|c| !c.new.is_empty()) {
            for &i in &c.old {
                let want = &p.truth[sentence_of(&p.old_spans, old[i].anchor.start)];
                mapped += 1;
                if !want.is_empty() {
                    mapped_mappable += 1;
                }
                if c.new
                    .iter()
                    .all(|&j| want.contains(&sentence_of(&p.new_spans, new[j].anchor.start)))
                {
                    correct += 1;
                }
            }
        }
        (mappable, mapped_mappable, mapped, correct)
    }

    pub fn figures(pairs: u64, opts: DiffOptions) -> (f64, f64) {
        let mut t = (0, 0, 0, 0);
        for seed in 1..=pairs {
            let s = score(&pair(seed), opts);
            t = (t.0 + s.0, t.1 + s.1, t.2 + s.2, t.3 + s.3);
        }
        (t.1 as f64 / t.0 as f64, t.3 as f64 / t.2 as f64)
    }
}

/// The alignment goal of issue 8 on revision pairs of our own making: at least 97% of mapped old
/// claims mapped correctly, with at least 95% of the old claims that have a counterpart mapped.
#[test]
fn alignment_on_made_revision_pairs_meets_the_goal() {
    let (mapped, correct) = revisions::figures(300, DiffOptions::default());
    eprintln!(
        "alignment: {:.1}% mapped, {:.1}% of those correct",
        mapped * 100.0,
        correct * 100.0
    );
    assert!(mapped >= 0.95, "mapped {mapped:.3}");
    assert!(correct >= 0.97, "correct {correct:.3}");
}

/// Issue 7 item 4: a text that is word for word the same but now has another source is
/// reported in every format, and counts as a change for `--exit-code`.
#[test]
fn same_text_with_a_changed_source_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::write(&a, "Chinese officials said the talks went well.\n\nRaffaello Pantucci, at the Royal United Services Institute, said China wants calm.\n\n\u{201C}It will not take sides.\u{201D}\n").unwrap();
    fs::write(&b, "Chinese officials said the talks went well.\n\nChina wants calm.\n\n\u{201C}It will not take sides.\u{201D}\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let v = ct(dir.path(), &["diff", "--files", a, b, "--format", "json"]).json();
    assert_eq!(v["summary"]["unchanged"], 2);
    assert_eq!(v["summary"]["edited"], 1);
    let c = &v["changes"][2];
    assert_eq!(c["kind"], "unchanged");
    assert_eq!(c["flags"], serde_json::json!(["attribution-dropped"]));
    assert_eq!(c["old"][0]["sha256"], c["new"][0]["sha256"]);
    assert_eq!(
        c["old"][0]["attribution"]["sources"][0]["phrase"],
        "Raffaello Pantucci"
    );
    assert_eq!(c["new"][0]["attribution"]["kind"], "none");
    // Dropping the source is not also a rewording.
    assert_eq!(
        v["changes"][1]["flags"],
        serde_json::json!(["attribution-dropped"])
    );

    let r = ct(dir.path(), &["--color", "never", "diff", "--files", a, b]);
    assert!(
        r.stdout.contains("\nsame text, attribution changed (1)\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("source: named: \u{201C}Raffaello Pantucci\u{201D} via \u{201C}said\u{201D} -> none (the article's own voice)"), "{}", r.stdout);
    let r = ct(
        dir.path(),
        &["diff", "--files", a, b, "--format", "markdown"],
    );
    assert!(
        r.stdout
            .contains("| unchanged | `75527511933c` | `attribution-dropped` |"),
        "{}",
        r.stdout
    );
    assert_eq!(
        ct(dir.path(), &["diff", "--files", a, b, "--exit-code"]).code,
        1
    );
}

/// Issue 7 item 6: a sentence repeated later in the article is accounted for at each place.
#[test]
fn a_repeated_sentence_is_followed_at_each_occurrence() {
    use ChangeKind::*;
    use claimtrail::diff::occurrences;
    let old = "The dam broke on Tuesday. Rain fell for days. Crews worked overnight.\n\nThe mayor praised the crews. The dam broke on Tuesday.";
    let first_edited = "The dam broke early on Tuesday. Rain fell for days. Crews worked overnight.\n\nThe mayor praised the crews. The dam broke on Tuesday.";
    let second_edited = "The dam broke on Tuesday. Rain fell for days. Crews worked overnight.\n\nThe mayor praised the crews. The dam broke early on Tuesday.";
    let claims = claims_of(old);
    assert_eq!(claims.len(), 4);
    assert_eq!(claims[0].repeats.len(), 1);
    let occ = |t: &str| occurrences(&claims_of(t)).into_owned();
    assert_eq!(occ(old).len(), 5);
    let kinds_of = |a: &str, b: &str| -> Vec<ChangeKind> {
        diff_claims(&occ(a), &occ(b), DiffOptions::default())
            .into_iter()
            .map(|c| c.kind)
            .collect()
    };
    assert_eq!(
        kinds_of(old, first_edited),
        vec![Edited, Unchanged, Unchanged, Unchanged, Unchanged]
    );
    assert_eq!(
        kinds_of(old, second_edited),
        vec![Unchanged, Unchanged, Unchanged, Unchanged, Edited]
    );
    assert_eq!(kinds_of(old, old), vec![Unchanged; 5]);

    // The CLI diffs occurrences too; each occurrence has its own anchor.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    fs::write(&a, old).unwrap();
    fs::write(&b, first_edited).unwrap();
    let v = ct(
        dir.path(),
        &[
            "diff",
            "--files",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(
        v["summary"],
        serde_json::json!({"unchanged": 4, "edited": 1, "moved": 0, "added": 0, "removed": 0, "split": 0, "merged": 0})
    );
    let last = &v["changes"][4];
    let at = |t: &str| t.rfind("The dam broke on Tuesday.").unwrap();
    assert_eq!(last["old"][0]["anchor"]["start"], at(old));
    assert_eq!(last["new"][0]["anchor"]["start"], at(first_edited));
}

/// In a workspace: editing the first copy of a repeated sentence edits the claim, and the
/// claim stays present, with its later occurrence in `repeats`.
#[test]
fn extract_keeps_a_repeated_claim_present_when_one_copy_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(ct(d, &["init"]).code, 0);
    let r1 = d.join("r1.txt");
    let r2 = d.join("r2.txt");
    fs::write(&r1, "The dam broke on Tuesday. Rain fell for days. Crews worked overnight.\n\nThe mayor praised the crews. The dam broke on Tuesday.\n").unwrap();
    fs::write(&r2, "The dam broke early on Tuesday. Rain fell for days. Crews worked overnight.\n\nThe mayor praised the crews. The dam broke on Tuesday.\n").unwrap();
    for (rev, path) in [("r1", &r1), ("r2", &r2)] {
        let r = ct(
            d,
            &[
                "snapshot",
                "add",
                "dam",
                path.to_str().unwrap(),
                "--label",
                rev,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let r = ct(d, &["--color", "never", "extract", "dam"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        if rev == "r1" {
            let file: Value =
                serde_json::from_slice(&fs::read(d.join("claims/dam.json")).unwrap()).unwrap();
            let repeats = &file["claims"][0]["repeats"];
            assert_eq!(repeats.as_array().map(Vec::len), Some(1), "{file}");
            assert_eq!(repeats[0]["rev"], "r1");
        } else {
            assert!(
                r.stdout.contains(
                    "4 unchanged, 0 moved, 1 edited, 0 split, 0 merged, 0 added, 0 removed"
                ),
                "{}",
                r.stdout
            );
        }
    }
    let file: Value =
        serde_json::from_slice(&fs::read(d.join("claims/dam.json")).unwrap()).unwrap();
    let claims = file["claims"].as_array().unwrap();
    let dam = claims
        .iter()
        .find(|c| c["text"] == "The dam broke on Tuesday.")
        .unwrap();
    assert_eq!(dam["present"], true);
    let r2_text = fs::read_to_string(&r2).unwrap();
    assert_eq!(
        dam["anchor"]["start"],
        r2_text.rfind("The dam broke on Tuesday.").unwrap()
    );
    assert!(dam.get("repeats").is_none());
    let edited = claims
        .iter()
        .find(|c| c["text"] == "The dam broke early on Tuesday.")
        .unwrap();
    assert_eq!(edited["supersedes"]["id"], dam["id"]);
    assert_eq!(ct(d, &["check"]).code, 0, "{}", ct(d, &["check"]).stdout);
}

/// Issue 11: on a long pair whose edits only change words inside sentences (plus a few
/// removals and additions far apart), nothing is `moved`, `split` or `merged`, even though the
/// text is built on templates (so unrelated sentences are 60% alike) and a boilerplate sentence
/// repeats throughout, its first copy edited.
#[test]
fn word_edits_in_a_long_templated_article_are_only_edits() {
    let subjects = [
        "The ministry",
        "Officials in Kyiv",
        "The company",
        "Mr. Xi",
        "Residents",
        "Analysts",
    ];
    let verbs = [
        "expanded",
        "delayed",
        "approved",
        "rejected",
        "funded",
        "inspected",
    ];
    let objects = [
        "the northern bridge",
        "a new port terminal",
        "the spending plan",
        "three rural schools",
        "the rail link",
        "two field hospitals",
    ];
    let boiler = "The agency did not respond to a request for comment.";
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rnd = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut old: Vec<String> = Vec::new();
    for n in 0..1200 {
        if n % 40 == 5 {
            old.push(boiler.to_string());
        } else {
            old.push(format!(
                "{} {} {} near district {n} at a cost of {} million on Tuesday.",
                subjects[rnd(6)],
                verbs[rnd(6)],
                objects[rnd(6)],
                rnd(5000)
            ));
        }
    }
    let mut new = old.clone();
    let (mut edits, mut removals, mut additions) = (0, 0, 0);
    // The first copy of the boilerplate is edited; the later copies stay.
    new[5] = "The agency did not immediately respond to a request for comment.".to_string();
    edits += 1;
    for k in (20..1190).step_by(20) {
        let s = &new[k];
        if s == boiler {
            continue;
        }
        new[k] = match (k / 20) % 4 {
            0 => s.replace(" near ", " close to "),
            1 => s.replace(" million", "0 million"),
            2 => s.replace(" on Tuesday.", " but did not finish on Tuesday."),
            _ => s.replace("The ", "A "),
        };
        edits += usize::from(new[k] != old[k]);
    }
    for k in [303, 707, 1101] {
        new[k] = String::new();
        removals += 1;
    }
    for k in [150, 555, 950] {
        new[k] = format!(
            "{} The council funded the museum near district 9999 at a cost of 7 million on Friday.",
            new[k]
        );
        additions += 1;
    }
    let render = |v: &[String]| {
        v.iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .chunks(4)
            .map(|p| p.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let (a, b) = (render(&old), render(&new));
    let oc = claimtrail::diff::occurrences(&claims_of(&a)).into_owned();
    let nc = claimtrail::diff::occurrences(&claims_of(&b)).into_owned();
    let changes = diff_claims(&oc, &nc, DiffOptions::default());
    let count = |k: ChangeKind| changes.iter().filter(|c| c.kind == k).count();
    let far_edits = changes
        .iter()
        .filter(|c| c.flags.contains(&claimtrail::model::Flag::Moved))
        .count();
    assert_eq!(
        (
            count(ChangeKind::Moved),
            count(ChangeKind::Split),
            count(ChangeKind::Merged),
            far_edits
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(
        (
            count(ChangeKind::Edited),
            count(ChangeKind::Removed),
            count(ChangeKind::Added)
        ),
        (edits, removals, additions)
    );
}

/// A reviewed claim whose text is unchanged but whose source changed goes back to review in
/// the workspace: extract says so, `check` reports changed-after-review, and the ledger still
/// replays to the claims file.
#[test]
fn a_reviewed_quote_that_lost_its_speaker_is_changed_after_review() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(ct(d, &["init"]).code, 0);
    let r1 = d.join("r1.txt");
    let r2 = d.join("r2.txt");
    fs::write(&r1, "Chinese officials said the talks went well.\n\nRaffaello Pantucci, at the Royal United Services Institute, said China wants calm.\n\n\u{201C}It will not take sides.\u{201D}\n").unwrap();
    fs::write(&r2, "Chinese officials said the talks went well.\n\nChina wants calm.\n\n\u{201C}It will not take sides.\u{201D}\n").unwrap();
    let add = |rev: &str, path: &std::path::Path| {
        let r = ct(
            d,
            &[
                "snapshot",
                "add",
                "talks",
                path.to_str().unwrap(),
                "--label",
                rev,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let r = ct(d, &["--color", "never", "extract", "talks"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    add("r1", &r1);
    let quote = claim_id_in(d, "talks", "take sides");
    let r = ct(
        d,
        &[
            "review",
            "talks",
            &quote,
            "--status",
            "supported",
            "--by",
            "T",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = add("r2", &r2);
    assert!(out.contains("changed after review"), "{out}");
    let v = ct(d, &["check", "--format", "json"]).json();
    let findings = v["findings"].as_array().unwrap();
    let car: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "changed-after-review")
        .collect();
    assert_eq!(car.len(), 1, "{v}");
    assert_eq!(car[0]["claim"], quote.as_str());
    assert!(
        car[0]["message"]
            .as_str()
            .unwrap()
            .contains("attribution-dropped"),
        "{v}"
    );
    assert_eq!(v["summary"]["errors"], 0, "{v}");
}

fn claim_id_in(dir: &std::path::Path, article: &str, needle: &str) -> String {
    let v = ct(dir, &["claims", article, "--all", "--format", "json"]).json();
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains(needle))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Texts whose claims repeat, interleaved (the first copy of one after a repeat of another), and
/// texts nobody wrote for this: the example's revisions and generated news.
fn reading_texts() -> Vec<(String, String)> {
    let mut out = vec![
        (
            "The mayor resigned. Rep. Szabo added.\n\nThe port is busy. The mayor resigned.\n\nRep. Szabo added. Officials left early. The port is busy.".to_string(),
            "Rep. Szabo added. The mayor resigned.\n\nThe port is busy, officials said. The mayor resigned.\n\nOfficials left early. Rep. Szabo added. The port is busy.".to_string(),
        ),
        (
            fs::read_to_string(fixture("r1.txt")).unwrap(),
            fs::read_to_string(fixture("r2.txt")).unwrap(),
        ),
        (String::new(), "Prices rose 5%, the ministry said.".to_string()),
    ];
    for seed in [3, 17, 2026] {
        out.push(newsgen::pair(seed, 40_000, 10));
    }
    out
}

/// A diff reads each text as `extract::Occurrences` and makes a claim only when it shows it:
/// every occurrence is the claim the whole-claims path held (`occurrences(&claimtrail::extract::claims_of(..)).into_owned()`),
/// field for field, and the alignment of the two readings is the alignment of those claims.
#[test]
fn occurrences_of_a_reading_are_the_claims_held_whole() {
    let opts = ReadOptions::default();
    let mut repeated = 0;
    for (old, new) in reading_texts() {
        for (text, label) in [(&old, "r1"), (&new, "r2")] {
            let lazy = occurrences_of(text, label, &opts);
            let whole =
                occurrences(&claimtrail::extract::claims_of(text, label, &opts)).into_owned();
            assert_eq!(lazy.len(), whole.len());
            let held = claimtrail::diff::ClaimList(&whole[..]);
            for (i, c) in whole.iter().enumerate() {
                assert_eq!(lazy.claim(i).as_ref(), c, "occurrence {i} of {label}");
                assert_eq!(lazy.key(i), HashKey::of_hex(c.sha256.as_str()));
                assert!(matches!(lazy.key(i), HashKey::Digest(_)));
                let (a, b) = (lazy.compared(i), held.compared(i));
                assert_eq!(
                    (a.text, a.attribution, a.hedges, a.figures),
                    (b.text, b.attribution, b.hedges, b.figures)
                );
            }
            repeated += whole
                .iter()
                .filter(|c| whole.iter().filter(|d| d.sha256 == c.sha256).count() > 1)
                .count();
        }
        let (lo, ln) = (
            occurrences_of(&old, "r1", &opts),
            occurrences_of(&new, "r2", &opts),
        );
        let (wo, wn) = (
            occurrences(&claimtrail::extract::claims_of(&old, "r1", &opts)).into_owned(),
            occurrences(&claimtrail::extract::claims_of(&new, "r2", &opts)).into_owned(),
        );
        let lazy = align(&lo, &ln, DiffOptions::default());
        assert_eq!(lazy, diff_claims(&wo, &wn, DiffOptions::default()));
        assert!(lazy.iter().any(|c| c.kind != ChangeKind::Unchanged) || old.is_empty());
    }
    assert!(repeated >= 4, "the texts repeat some claims: {repeated}");
}

#[test]
fn a_hash_key_is_the_digest_of_a_well_formed_hash_and_the_string_otherwise() {
    let h = "ab".repeat(32);
    assert_eq!(HashKey::of_hex(&h), HashKey::Digest([0xab; 32]));
    for odd in [
        "AB".repeat(32),
        "ab".repeat(31),
        format!("{}g", "a".repeat(63)),
        String::new(),
    ] {
        assert_eq!(HashKey::of_hex(&odd), HashKey::Other(&odd));
    }
}
