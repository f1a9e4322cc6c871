//! What a new user meets (issue 7): bounded `show`, a strict gate every format marks as failed,
//! checkable claims, lineage gaps, messages and per-command help.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

fn add(dir: &Path, article: &str, name: &str, text: &str) {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    let r = ct(dir, &["snapshot", "add", article, path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

fn extract(dir: &Path, article: &str) {
    let r = ct(dir, &["extract", article]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_one_digit_prefix_over_thousands_of_claims_exits_2_at_once() {
    let dir = workspace();
    let d = dir.path();
    let text: String = (0..3000)
        .map(|n| format!("Officials in district {n} counted {} ballots.\n", n * 7 + 3))
        .collect();
    add(d, "big", "big.txt", &text);
    extract(d, "big");
    let started = Instant::now();
    let r = ct(d, &["show", "4"]);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("id prefix \"4\" is ambiguous"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(" and more; give more digits"),
        "{}",
        r.stderr
    );
    // A handful of candidates, not the ~190 ids that start with 4.
    assert_eq!(r.stderr.matches(" (big)").count(), 5, "{}", r.stderr);
    // review's prefixes are bounded the same way.
    let r = ct(
        d,
        &["review", "big", "4", "--status", "supported", "--by", "X"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.matches(", ").count(), 4, "{}", r.stderr);
    assert!(r.stderr.contains(" and more"), "{}", r.stderr);
    // log takes only hex prefixes.
    let r = ct(d, &["log", "big", "xyz"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a claim id"), "{}", r.stderr);
}

#[test]
fn strict_marks_the_run_failed_in_every_format() {
    let dir = workspace_r1();
    let d = dir.path();
    let r = ct(d, &["--color", "never", "check", "--strict"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.ends_with(
            "checked 1 article, 23 claims: 7 errors, 0 warnings; failed under --strict (7 warnings counted as errors)\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.starts_with("error[unsupported-claim]"),
        "{}",
        r.stdout
    );
    let v = ct(d, &["check", "--strict", "--format", "json"]).json();
    assert_eq!(v["summary"]["failed"], true);
    assert_eq!(v["summary"]["strict"], true);
    assert_eq!(v["summary"]["promoted"], 7);
    assert_eq!(v["summary"]["errors"], 7);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] == "error")
    );
    let r = ct(d, &["check", "--strict", "--format", "junit"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("failures=\"1\""), "{}", r.stdout);
    assert!(
        r.stdout.contains("<failure type=\"unsupported-claim\""),
        "{}",
        r.stdout
    );
    let r = ct(d, &["check", "--strict", "--format", "github"]);
    assert_eq!(r.stdout.lines().count(), 7);
    assert!(
        r.stdout.lines().all(|l| l.starts_with("::error ")),
        "{}",
        r.stdout
    );
    let r = ct(d, &["check", "--strict", "--format", "sarif"]);
    let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let results = s["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    assert!(results.iter().all(|x| x["level"] == "error"));
    // Without --strict nothing is marked failed.
    let v = ct(d, &["check", "--format", "json"]).json();
    assert_eq!(
        (&v["summary"]["failed"], &v["summary"]["warnings"]),
        (&serde_json::json!(false), &serde_json::json!(7))
    );
}

#[test]
fn unsupported_claim_reports_checkable_claims_and_lost_sources() {
    let dir = workspace();
    let d = dir.path();
    let r1 = "Storm Hits the Coast\n\n\
The storm destroyed 40 homes in Port Ellis on Tuesday.\n\n\
Is the town ready for the next one?\n\n\
The mood along the harbor is grim.\n\n\
Residents say the sea wall is too low.\n";
    add(d, "storm", "r1.txt", r1);
    extract(d, "storm");
    let v = ct(d, &["claims", "storm", "--format", "json"]).json();
    let why = |needle: &str| -> (bool, Vec<String>) {
        let c = v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no claim {needle:?}"));
        (
            c["checkable"].as_bool().unwrap(),
            c["checkable_why"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w.as_str().unwrap().to_string())
                .collect(),
        )
    };
    assert_eq!(
        why("destroyed 40 homes"),
        (
            true,
            vec!["figure".into(), "date".into(), "named-actor".into()]
        )
    );
    assert_eq!(why("ready for the next"), (false, vec!["question".into()]));
    assert_eq!(why("mood along"), (false, vec!["scene-setting".into()]));
    let findings = |d: &Path| -> Vec<String> {
        ct(d, &["check", "--format", "json"]).json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "unsupported-claim")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let found = findings(d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("destroyed 40 homes"), "{found:?}");
    // `claims --unsupported` still lists every claim nobody stands behind.
    let all = ct(d, &["claims", "storm", "--unsupported", "--format", "json"]).json();
    assert!(all["claims"].as_array().unwrap().len() >= 3);
    // --checkable narrows it to what check reports.
    let to_check = ct(
        d,
        &[
            "claims",
            "storm",
            "--unsupported",
            "--checkable",
            "--format",
            "json",
        ],
    )
    .json();
    let texts: Vec<&str> = to_check["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec!["The storm destroyed 40 homes in Port Ellis on Tuesday."]
    );

    // r2 drops the residents' attribution: the claim lost its source, and is reported though it
    // is not checkable by its text alone.
    let r2 = r1.replace("Residents say the sea wall", "The sea wall");
    add(d, "storm", "r2.txt", &r2);
    extract(d, "storm");
    let found = findings(d);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().any(
            |m| m.contains("\u{201C}The sea wall is too low.\u{201D} lost its source after r1")
        ),
        "{found:?}"
    );
}

#[test]
fn show_lists_the_revisions_a_claim_was_in() {
    let dir = workspace();
    let d = dir.path();
    let base = "The council approved the budget on Monday.\n\n";
    let extra = "The mayor resigned after 12 years in office.\n";
    add(d, "city", "r1.txt", &format!("{base}{extra}"));
    extract(d, "city");
    add(d, "city", "r2.txt", base);
    extract(d, "city");
    add(d, "city", "r3.txt", &format!("{base}{extra}"));
    extract(d, "city");
    let v = ct(d, &["claims", "city", "--format", "json"]).json();
    let id = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with("The mayor"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = ct(d, &["--color", "never", "show", &id]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&format!("{id} in r1, r3\n")),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("r1..r3"), "{}", r.stdout);
    let v = ct(d, &["show", &id, "--format", "json"]).json();
    assert_eq!(v["claim"]["seen_in"], serde_json::json!(["r1", "r3"]));
}

#[test]
fn check_a_a_checks_the_article_once() {
    let dir = workspace_r1();
    let v = ct(
        dir.path(),
        &[
            "check",
            "xi-putin-summit",
            "xi-putin-summit",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(v["summary"]["articles"], 1);
    assert_eq!(v["summary"]["claims"], 23);
    assert_eq!(v["summary"]["warnings"], 7);
}

#[test]
fn log_is_in_time_order_and_says_so() {
    let dir = workspace_r1();
    let d = dir.path();
    let ids = ids(d);
    for (id, at) in [
        (&ids[0], "2024-05-16T08:00:00Z"),
        (&ids[1], "2024-05-15T08:00:00Z"),
        (&ids[2], "2024-05-16T09:00:00+02:00"),
    ] {
        let r = ct(
            d,
            &[
                "review",
                "xi-putin-summit",
                id,
                "--status",
                "supported",
                "--by",
                "X",
                "--at",
                at,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let r = ct(d, &["--color", "never", "log", "xi-putin-summit"]);
    let order: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.split(' ').nth(1))
        .filter(|w| w.len() == 12)
        .collect();
    // 08:00Z, then 09:00+02:00 (07:00Z), then the day before.
    assert_eq!(
        order,
        vec![ids[0].as_str(), ids[2].as_str(), ids[1].as_str()],
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with("3 entries, latest time first\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_misspelled_article_gets_did_you_mean() {
    let dir = workspace_r1();
    let d = dir.path();
    for args in [
        vec!["claims", "xi-putinsummit"],
        vec!["extract", "xi-putin-sumit"],
        vec!["log", "xiputinsummit"],
        vec!["check", "xi-putin-summitt"],
        vec!["snapshot", "list", "xi-putin-summi"],
        vec!["diff", "xi-putin-sumit"],
    ] {
        let r = ct(d, &args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("did you mean \"xi-putin-summit\"?"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("claimtrail extract"), "{}", r.stderr);
    }
    let r = ct(d, &["claims", "weather"]);
    assert!(
        r.stderr
            .contains("no article \"weather\" in this workspace (add it with `claimtrail snapshot add weather FILE`)"),
        "{}",
        r.stderr
    );
}

#[test]
fn review_checks_ids_first_and_asks_git_for_the_reviewer() {
    let dir = workspace_r1();
    let d = dir.path();
    // No reviewer anywhere: the bad id is what gets reported, with the quote in the right place.
    let r = ct(
        d,
        &[
            "review",
            "xi-putin-summit",
            "deadbeef",
            "--status",
            "supported",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no claim has an id starting with \"deadbeef\" in xi-putin-summit"),
        "{}",
        r.stderr
    );
    let id = &ids(d)[0];
    let r = ct(
        d,
        &["review", "xi-putin-summit", id, "--status", "supported"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("git config user.name"), "{}", r.stderr);
    // git config user.name names the reviewer when the environment does not.
    let gitconfig = d.join("gitconfig");
    fs::write(&gitconfig, "[user]\n\tname = Dana Git\n").unwrap();
    let out = command(
        d,
        &[
            "review",
            "xi-putin-summit",
            id,
            "--status",
            "supported",
            "--format",
            "json",
        ],
    )
    .env("GIT_CONFIG_GLOBAL", &gitconfig)
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = ct(d, &["log", "xi-putin-summit", "--format", "json"]).json();
    assert_eq!(v["entries"][0]["by"], "Dana Git");
}

#[test]
fn each_command_lists_and_takes_only_its_formats() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let help = |cmd: &[&str]| {
        let mut args = cmd.to_vec();
        args.push("--help");
        ct(d, &args).stdout
    };
    let claims = help(&["claims"]);
    assert!(
        claims.contains("[possible values: human, json]"),
        "{claims}"
    );
    assert!(!claims.contains("sarif"), "{claims}");
    assert!(
        claims.contains("<ARTICLE>  The article's id in this workspace"),
        "{claims}"
    );
    assert!(help(&["diff"]).contains("[possible values: human, json, markdown]"));
    let check = help(&["check"]);
    assert!(
        check.contains("human, json,") && check.contains("github, sarif, junit"),
        "{check}"
    );
    assert!(help(&["snapshot", "add"]).contains("<ARTICLE>  The article's id"));
    let r = ct(d, &["show", "abc", "--format", "junit"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("invalid value 'junit' for '--format <FORMAT>'"),
        "{}",
        r.stderr
    );
}
