//! `check --format markdown`: the pull-request comment agrees with the JSON contract, fails with
//! exit 1 on errors, and shows article text as written (pipes and angle brackets escaped).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

#[test]
fn markdown_agrees_with_json() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let md = ct(repo, &["check", "--format", "markdown"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    let json = ct(repo, &["check", "--format", "json"]).json();
    let findings = json["findings"].as_array().unwrap();
    assert!(
        md.stdout
            .starts_with("### claimtrail check: \u{2705} no errors\n")
    );
    let mut per_code: BTreeMap<String, usize> = BTreeMap::new();
    for f in findings {
        *per_code
            .entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    for (code, n) in &per_code {
        assert!(
            md.stdout.contains(&format!("| `{code}` | warning | {n} |")),
            "{code}: {}",
            md.stdout
        );
    }
    assert!(md.stdout.contains(&format!(
        "<details><summary>{} findings</summary>",
        findings.len()
    )));
    let rows = md
        .stdout
        .lines()
        .filter(|l| l.starts_with("| warning |"))
        .count();
    assert_eq!(rows, findings.len());
    assert!(md.stdout.contains(&format!(
        "**0** errors \u{b7} **{}** warnings",
        json["summary"]["warnings"]
    )));
}

#[test]
fn markdown_reports_errors_with_exit_1_and_escapes_text() {
    let dir = workspace();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "The <b>bold</b> | pipe tax rose by 5% in 2023.\n").unwrap();
    assert_eq!(
        ct(
            dir.path(),
            &["snapshot", "add", "t", article.to_str().unwrap()]
        )
        .code,
        0
    );
    assert_eq!(ct(dir.path(), &["extract", "t"]).code, 0);
    let r = ct(dir.path(), &["check", "--format", "markdown"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains("&lt;b&gt;bold&lt;/b&gt; \\| pipe tax"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("<b>bold"));
    flip_byte(&dir.path().join("snapshots/t/r1.txt"), 0);
    let r = ct(dir.path(), &["check", "--format", "markdown"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .starts_with("### claimtrail check: \u{274c} 1 error\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("| error | `"), "{}", r.stdout);
}
