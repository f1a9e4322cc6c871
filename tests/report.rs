//! CLI tests of `claimtrail report` without a browser: the page's content, escaping, its
//! self-containment, determinism, -o, and the usage errors (exit 2, nothing written).

mod common;

use std::fs;

use common::*;

fn example_report(dir: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["report", "xi-putin-summit"];
    all.extend_from_slice(args);
    let r = ct(dir, &all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn report_shows_every_claim_and_the_changes() {
    let dir = workspace_r1();
    add_r2(dir.path());
    assert_eq!(ct(dir.path(), &["extract", "xi-putin-summit"]).code, 0);
    let html = example_report(dir.path(), &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.ends_with("</html>\n"));
    let ids = ids(dir.path());
    assert_eq!(html.matches("<mark class=\"claim ").count(), ids.len());
    for id in &ids {
        assert!(
            html.contains(&format!("id=\"c-{id}\" tabindex=\"0\"")),
            "{id}"
        );
    }
    assert!(html.contains("compared with <b>r1</b>"));
    // The hedge that r2 dropped, as a flag and as a deleted word.
    assert!(html.contains("data-flag=\"hedge-removed\""));
    assert!(html.contains("<del><span class=\"sr\">deleted: </span>likely</del>"));
    assert!(html.contains("data-flag=\"attribution-dropped\""));
    // Self-contained: no external script, style, font or image; a CSP that forbids fetching.
    for bad in ["<script src", "<link", "@import", "url(", "<img", "<iframe"] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert!(html.contains("content=\"default-src 'none';"));
    assert_eq!(html.matches("<script>").count(), 1);
    // Same input, same bytes.
    assert_eq!(example_report(dir.path(), &[]), html);
}

#[test]
fn report_of_the_first_revision_has_no_changes_section() {
    let dir = workspace_r1();
    let html = example_report(dir.path(), &[]);
    assert!(!html.contains("id=\"changes\""));
    assert!(html.contains("Revision <b>r1</b> (1 of 1)"));
    assert!(html.contains("No review yet."));
    add_r2(dir.path());
    // r2 is not extracted yet: its claims are read from the snapshot, all unverified except
    // those whose text r1 had.
    let html = example_report(dir.path(), &["--from", "r1", "--to", "r2"]);
    assert!(html.contains("id=\"changes\""));
    let html_to_r1 = example_report(dir.path(), &["--to", "r1"]);
    assert!(!html_to_r1.contains("id=\"changes\""));
}

#[test]
fn report_writes_the_file_with_dash_o_and_changes_nothing_else() {
    let dir = workspace_r1();
    let before = tree(dir.path());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("r.html");
    let r = ct(
        dir.path(),
        &["report", "xi-putin-summit", "-o", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .ends_with("report of xi-putin-summit r1 (23 claims) written\n")
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        example_report(dir.path(), &[])
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn report_usage_errors_exit_2() {
    let dir = workspace_r1();
    let before = tree(dir.path());
    for (args, needle) in [
        (vec!["report", "nope"], "unknown article"),
        (
            vec!["report", "xi-putin-summit", "--to", "r9"],
            "has no revision \"r9\"",
        ),
        (
            vec!["report", "xi-putin-summit", "--from", "r1", "--to", "r1"],
            "both r1",
        ),
        (
            vec!["report", "xi-putin-summit", "--format", "json"],
            "unexpected argument '--format' found",
        ),
        (vec!["report", "Bad Name"], "invalid article"),
    ] {
        let r = ct(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
    }
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn hostile_article_and_reviewer_text_is_escaped() {
    let dir = workspace();
    let article = dir.path().join("a.txt");
    fs::write(
        &article,
        "Officials said the <script>alert(1)</script> tag was found.\n\n\
A reader wrote \"><img src=x onerror=alert(2)> in the form, the company said.\n",
    )
    .unwrap();
    assert_eq!(
        ct(
            dir.path(),
            &["snapshot", "add", "hostile", article.to_str().unwrap()]
        )
        .code,
        0
    );
    assert_eq!(ct(dir.path(), &["extract", "hostile"]).code, 0);
    let v = ct(dir.path(), &["claims", "hostile", "--format", "json"]).json();
    let id = v["claims"][0]["id"].as_str().unwrap().to_string();
    let r = ct(
        dir.path(),
        &[
            "review",
            "hostile",
            &id,
            "--status",
            "false",
            "--evidence",
            "https://example.org/\"><script>alert(3)</script>",
            "--note",
            "<img src=x onerror=alert(4)>",
            "--by",
            "'><svg onload=alert(5)>",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = ct(dir.path(), &["report", "hostile"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = r.stdout;
    for raw in [
        "<script>alert",
        "<img",
        "<svg",
        "onerror=alert(2)>",
        "\"><img",
        "'><svg",
    ] {
        assert!(!html.contains(raw), "raw {raw:?} in the report");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;",
        "href=\"https://example.org/&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;\"",
        "&lt;img src=x onerror=alert(4)&gt;",
        "&#39;&gt;&lt;svg onload=alert(5)&gt;",
    ] {
        assert!(html.contains(escaped), "{escaped:?} missing");
    }
}
