//! CLI integration tests for the workspace: init, snapshot, extract, claims, show, inspect, hash,
//! check, and every bad input the issue names. Each asserts exit codes, output and files.

mod common;
#[path = "../benches/support/newsgen.rs"]
mod newsgen;

use std::fs;

use common::*;

#[test]
fn init_creates_layout_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let r = ct(dir.path(), &["init"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "created claimtrail.toml, claims/, snapshots/\n");
    assert!(dir.path().join("claims").is_dir() && dir.path().join("snapshots").is_dir());
    let before = tree(dir.path());
    let r = ct(dir.path(), &["init"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "already a claimtrail workspace; nothing to create\n")
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn workspace_is_found_from_a_subfolder_and_with_dash_c() {
    let dir = workspace_r1();
    let sub = dir.path().join("claims");
    let r = ct(&sub, &["claims", "xi-putin-summit", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let elsewhere = tempfile::tempdir().unwrap();
    let r = ct(
        elsewhere.path(),
        &[
            "-C",
            dir.path().to_str().unwrap(),
            "claims",
            "xi-putin-summit",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = ct(elsewhere.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no claimtrail workspace"), "{}", r.stderr);
}

#[test]
fn snapshot_add_stores_immutable_revisions() {
    let dir = workspace();
    let r1 = fixture("r1.txt");
    let r = ct(
        dir.path(),
        &[
            "snapshot",
            "add",
            "xi-putin-summit",
            r1.to_str().unwrap(),
            "--url",
            "https://example.org/a",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["stored"], true);
    assert_eq!(v["revision"]["label"], "r1");
    assert_eq!(v["revision"]["bytes"], 3591);
    assert_eq!(v["revision"]["captured_at"], "2024-05-16T08:00:00Z");
    assert_eq!(v["revision"]["source_url"], "https://example.org/a");
    let stored = fs::read(dir.path().join("snapshots/xi-putin-summit/r1.txt")).unwrap();
    assert_eq!(stored, fs::read(&r1).unwrap());
    let manifest: serde_json::Value = serde_json::from_slice(
        &fs::read(dir.path().join("snapshots/xi-putin-summit/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        manifest["revisions"][0]["sha256"],
        "9e45ed8790e8fcabbd687b5d622350b3f7175894138a74099db472126d96db79"
    );

    // The same bytes again: nothing stored.
    let before = tree(dir.path());
    let r = ct(
        dir.path(),
        &["snapshot", "add", "xi-putin-summit", r1.to_str().unwrap()],
    );
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "unchanged: the text is identical to xi-putin-summit r1; nothing stored\n"
    );
    assert_eq!(tree(dir.path()), before);

    // Reusing a label with other bytes is refused and writes nothing.
    let r2 = fixture("r2.txt");
    let r = ct(
        dir.path(),
        &[
            "snapshot",
            "add",
            "xi-putin-summit",
            r2.to_str().unwrap(),
            "--label",
            "r1",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("immutable"), "{}", r.stderr);
    assert_eq!(tree(dir.path()), before);

    // From standard input, default label r2.
    let r = ct_stdin(
        dir.path(),
        &["snapshot", "add", "xi-putin-summit", "-"],
        &fs::read(&r2).unwrap(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("stored xi-putin-summit r2 (3510 bytes"),
        "{}",
        r.stdout
    );
    let r = ct(dir.path(), &["snapshot", "list", "xi-putin-summit"]);
    assert!(
        r.stdout.contains("r1\t2024-05-16T08:00:00Z\t3591 bytes")
            && r.stdout.ends_with("2 revisions\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_names_and_bad_input_exit_2_and_touch_nothing() {
    let dir = workspace();
    let r1 = fixture("r1.txt");
    let before = tree(dir.path());
    for name in ["../x", "/etc", "", "A", "a/b", "x\u{1}"] {
        let r = ct(dir.path(), &["snapshot", "add", name, r1.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{name:?}");
        assert!(r.stderr.contains("invalid article id"), "{}", r.stderr);
    }
    for label in ["../r1", ".hidden", "a/b", ""] {
        let r = ct(
            dir.path(),
            &[
                "snapshot",
                "add",
                "ok",
                r1.to_str().unwrap(),
                "--label",
                label,
            ],
        );
        assert_eq!(r.code, 2, "{label:?}");
        assert!(r.stderr.contains("invalid revision label"), "{}", r.stderr);
    }
    let bad = dir.path().join("latin1.txt");
    fs::write(&bad, b"Caf\xe9 owners said prices rose.").unwrap();
    let r = ct(
        dir.path(),
        &["snapshot", "add", "cafe", bad.to_str().unwrap()],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("latin1.txt: not UTF-8 text: invalid byte at offset 3"),
        "{}",
        r.stderr
    );
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, " \n\t\n").unwrap();
    let r = ct(
        dir.path(),
        &["snapshot", "add", "cafe", empty.to_str().unwrap()],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("empty.txt: the article is empty"),
        "{}",
        r.stderr
    );
    let r = ct(dir.path(), &["snapshot", "add", "cafe", "missing.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    fs::remove_file(&bad).unwrap();
    fs::remove_file(&empty).unwrap();
    assert_eq!(tree(dir.path()), before);
    let r = ct(
        dir.path(),
        &[
            "snapshot",
            "add",
            "ok",
            r1.to_str().unwrap(),
            "--captured-at",
            "yesterday",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("RFC 3339"));
    let r = ct(dir.path(), &["extract", "nope"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no article \"nope\" in this workspace"),
        "{}",
        r.stderr
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn huge_input_is_refused() {
    let dir = workspace();
    let big = dir.path().join("big.txt");
    let f = fs::File::create(&big).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    let r = ct(
        dir.path(),
        &["snapshot", "add", "big", big.to_str().unwrap()],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("big.txt: 67108865 bytes is over the limit of 67108864 bytes"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("snapshots/big").exists());
}

#[test]
fn extract_reads_the_example_as_the_issue_expects() {
    let dir = workspace_r1();
    let file: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("claims/xi-putin-summit.json")).unwrap())
            .unwrap();
    assert_eq!(file["schema"], 1);
    assert_eq!(file["normalization"], "v1");
    assert_eq!(file["revision"], "r1");
    let claims = file["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 23);
    let find = |needle: &str| {
        claims
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let vowed = find("China has vowed not to provide lethal weapons");
    assert_eq!(
        vowed["text"],
        "China has vowed not to provide lethal weapons to Russia"
    );
    assert_eq!(vowed["attribution"]["kind"], "named");
    assert_eq!(vowed["attribution"]["cue"], "vowed");
    assert_eq!(
        vowed["attribution"]["sources"],
        serde_json::json!([{"id": "chinese-government", "phrase": "China"}])
    );
    assert_eq!(vowed["negated"], true);
    let say = find("Western analysts say");
    assert_eq!(say["attribution"]["cue"], "say");
    assert_eq!(
        say["attribution"]["sources"],
        serde_json::json!([{"id": "us-government", "phrase": "the United States"}, {"id": "western-analysts", "phrase": "Western analysts"}])
    );
    assert_eq!(
        find("China casts itself as neutral")["attribution"]["sources"][0]["id"],
        "chinese-government"
    );
    assert_eq!(
        find("Mr. Putin is trying to escalate his war")["attribution"]["kind"],
        "none"
    );
    assert_eq!(
        find("Mr. Putin is trying to escalate his war")["hedges"],
        serde_json::json!(["likely"])
    );
    assert_eq!(
        find("more than two years ago")["figures"],
        serde_json::json!(["more than two"])
    );
    assert!(
        find("hosts President Vladimir V. Putin of Russia this week")["text"]
            .as_str()
            .unwrap()
            .ends_with("different agendas.")
    );
    assert!(
        find("Mr. Xi will seek to bolster")["text"]
            .as_str()
            .unwrap()
            .starts_with("Mr. Xi will seek")
    );
    assert_eq!(
        find("some call a strategic straddle")["attribution"]["kind"],
        "unnamed"
    );
    for c in claims {
        let t = c["text"].as_str().unwrap();
        assert!(
            !t.contains("Share.") && !t.contains("Exit mobile version"),
            "{t}"
        );
        let text = fs::read_to_string(dir.path().join("snapshots/xi-putin-summit/r1.txt")).unwrap();
        let (s, e) = (
            c["anchor"]["start"].as_u64().unwrap() as usize,
            c["anchor"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], t);
        assert_eq!(c["status"], "unverified");
        assert!(
            c["sha256"]
                .as_str()
                .unwrap()
                .starts_with(c["id"].as_str().unwrap())
        );
    }
    // Re-running on the same revision changes no byte.
    let before = tree(dir.path());
    let r = ct(dir.path(), &["extract", "xi-putin-summit"]);
    assert_eq!(r.code, 0);
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn extract_output_formats() {
    let dir = workspace_r1();
    let r = ct(
        dir.path(),
        &["extract", "xi-putin-summit", "--format", "json"],
    );
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["claims"].as_array().unwrap().len(), 23);
    let r = ct(dir.path(), &["extract", "xi-putin-summit"]);
    assert_eq!(
        r.stdout,
        "extracted xi-putin-summit r1: 23 claims (19 unsupported, 7 of them checkable) -> claims/xi-putin-summit.json\n  23 unchanged, 0 moved, 0 edited, 0 split, 0 merged, 0 added, 0 removed\n"
    );
    let r = ct(
        dir.path(),
        &["extract", "xi-putin-summit", "--format", "sarif"],
    );
    assert_eq!(r.code, 2);
    // clap refuses it and names the formats extract takes.
    assert!(
        r.stderr
            .contains("invalid value 'sarif' for '--format <FORMAT>'")
            && r.stderr.contains("[possible values: human, json]"),
        "{}",
        r.stderr
    );
}

#[test]
fn claims_lists_and_filters() {
    let dir = workspace_r1();
    let v = ct(
        dir.path(),
        &[
            "claims",
            "xi-putin-summit",
            "--unsupported",
            "--format",
            "json",
        ],
    )
    .json();
    let list = v["claims"].as_array().unwrap();
    assert_eq!(list.len(), 19);
    assert!(
        list.iter()
            .all(|c| c["attribution"]["kind"] == "none" && c["status"] == "unverified")
    );
    let r = ct(
        dir.path(),
        &[
            "--color",
            "never",
            "claims",
            "xi-putin-summit",
            "--unsupported",
        ],
    );
    assert!(
        r.stdout
            .ends_with("19 claims, 19 unsupported, 7 of them checkable\n"),
        "{}",
        r.stdout
    );
    let r = ct(
        dir.path(),
        &["claims", "xi-putin-summit", "--status", "bogus"],
    );
    assert_eq!(r.code, 2);
    let v = ct(
        dir.path(),
        &[
            "claims",
            "xi-putin-summit",
            "--status",
            "supported",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(v["claims"].as_array().unwrap().len(), 0);
    let r = ct(dir.path(), &["claims", "other"]);
    assert_eq!(r.code, 2);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = workspace_r1();
    let r = ct(
        dir.path(),
        &["--color", "always", "claims", "xi-putin-summit"],
    );
    assert!(r.stdout.contains("\x1b["));
    let r = ct(dir.path(), &["claims", "xi-putin-summit"]);
    assert!(!r.stdout.contains("\x1b["), "not a terminal: no colour");
    let r = common::command(
        dir.path(),
        &["--color", "auto", "claims", "xi-putin-summit"],
    )
    .env("NO_COLOR", "1")
    .output()
    .unwrap();
    assert!(!String::from_utf8(r.stdout).unwrap().contains("\x1b["));
}

#[test]
fn show_by_prefix_and_ambiguity() {
    let dir = workspace_r1();
    let id = claim_id(dir.path(), "China casts itself as neutral");
    let v = ct(dir.path(), &["show", &id[..8], "--format", "json"]).json();
    assert_eq!(v["claim"]["id"], id.as_str());
    assert_eq!(v["article"], "xi-putin-summit");
    assert_eq!(v["lineage"].as_array().unwrap().len(), 1);
    let r = ct(dir.path(), &["--color", "never", "show", &id]);
    assert!(
        r.stdout.contains(
            "source   named: chinese-government (China) via \u{201C}casts itself as\u{201D}"
        ),
        "{}",
        r.stdout
    );
    // A one-digit prefix shared by two claims is ambiguous.
    let shared = shared_prefix(dir.path());
    let shared = shared.as_str();
    let r = ct(dir.path(), &["show", shared]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is ambiguous"), "{}", r.stderr);
    let r = ct(dir.path(), &["show", "ffffffffffff"]);
    assert_eq!(r.code, 2);
    let r = ct(dir.path(), &["show", "../x"]);
    assert_eq!(r.code, 2);
}

#[test]
fn inspect_shows_how_text_was_cut() {
    let dir = tempfile::tempdir().unwrap(); // no workspace needed
    let r = ct(
        dir.path(),
        &[
            "inspect",
            fixture("r1.txt").to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["version"], 1);
    let sentences = v["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 24);
    assert_eq!(sentences[22]["text"], "Share.");
    assert_eq!(sentences[22]["boilerplate"], true);
    assert_eq!(sentences[23]["text"], "Exit mobile version");
    assert_eq!(v["claims"].as_array().unwrap().len(), 23);
    let r = ct(
        dir.path(),
        &[
            "--color",
            "never",
            "inspect",
            fixture("r1.txt").to_str().unwrap(),
        ],
    );
    assert!(r.stdout.contains("[23] Share. [page furniture, skipped]"));
    assert!(
        r.stdout
            .ends_with("24 sentences, 23 claims, 19 unsupported, 7 of them checkable\n")
    );
    let r = ct_stdin(
        dir.path(),
        &["inspect", "-", "--format", "json"],
        b"Officials said the dam held.",
    );
    assert_eq!(r.json()["claims"][0]["attribution"]["kind"], "unnamed");
    let r = ct_stdin(dir.path(), &["inspect", "-"], b"\xff\xfe");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<stdin>: not UTF-8"), "{}", r.stderr);
}

#[test]
fn hash_prints_normalized_form_and_vectors() {
    let dir = tempfile::tempdir().unwrap();
    let r = ct(dir.path(), &["hash", "China\u{2019}s  top\nleader "]);
    assert_eq!(
        r.stdout,
        "normalized  China's top leader\nsha256      bb0ab0fa8d9449ac2666f7987c1fea8c1553b2f5de873ff3e0b54b673224da26\nid          bb0ab0fa8d94\n"
    );
    let v = ct(
        dir.path(),
        &["hash", "\u{201C}old friend,\u{201D}", "--format", "json"],
    )
    .json();
    assert_eq!(v["normalized"], "\"old friend,\"");
    assert_eq!(v["normalization"], "v1");
    let straight = ct(dir.path(), &["hash", "\"old friend,\"", "--format", "json"]).json();
    assert_eq!(v["sha256"], straight["sha256"]);
}

#[test]
fn check_is_clean_then_catches_tampering_and_never_writes() {
    let dir = workspace_r1();
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let v = r.json();
    assert_eq!(v["summary"]["errors"], 0);
    // unsupported-claim reports the checkable ones: 7 of the 19 claims nobody stands behind.
    assert_eq!(v["summary"]["warnings"], 7);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] == "unsupported-claim" && f["severity"] == "warning")
    );
    let f0 = &v["findings"][0];
    assert_eq!(f0["file"], "claims/xi-putin-summit.json");
    assert_eq!(f0["line"], 124);
    assert_eq!(ct(dir.path(), &["check", "--strict"]).code, 1);

    // Tamper one byte of a snapshot.
    let snap = dir.path().join("snapshots/xi-putin-summit/r1.txt");
    flip_byte(&snap, 10);
    let before = tree(dir.path());
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"snapshot-hash-mismatch"), "{codes:?}");
    assert_eq!(tree(dir.path()), before, "check never writes");
    let r = ct(dir.path(), &["extract", "xi-putin-summit"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("r1.txt: sha256 is ")
            && r.stderr
                .contains("(snapshot-hash-mismatch): nothing was written"),
        "{}",
        r.stderr
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn malformed_claims_file_names_line_and_column() {
    let dir = workspace_r1();
    let path = dir.path().join("claims/xi-putin-summit.json");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("\"present\": true,", "\"present\": true", 1),
    )
    .unwrap();
    let before = tree(dir.path());
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    let f = &r.json()["findings"][0];
    assert_eq!(f["code"], "claims-file-invalid");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("claims/xi-putin-summit.json:42:7: expected `,` or `}`"),
        "{f}"
    );
    assert_eq!(f["line"], 42);
    let r = ct(dir.path(), &["extract", "xi-putin-summit"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("xi-putin-summit.json:42:7"),
        "{}",
        r.stderr
    );
    assert_eq!(tree(dir.path()), before, "nothing is rewritten");
}

#[test]
fn check_catches_edited_claims_and_untracked_claims() {
    let dir = workspace_r1();
    let path = dir.path().join("claims/xi-putin-summit.json");
    let text = fs::read_to_string(&path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let claims = v["claims"].as_array_mut().unwrap();
    claims[1]["text"] = serde_json::json!("Mr. Putin is winning his war.");
    claims[2]["status"] = serde_json::json!("probably-true");
    claims[3]["id"] = claims[4]["id"].clone();
    let removed = claims.remove(5);
    fs::write(&path, json_in_claims_order(&v)).unwrap();
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    let has = |code: &str, claim: Option<&str>| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == code && claim.is_none_or(|c| f["claim"] == c))
    };
    assert!(has("claim-hash-mismatch", None), "{v}");
    assert!(has("claim-anchor-mismatch", None));
    assert!(has("unknown-status", None));
    assert!(has("duplicate-claim-id", None));
    assert!(has("claim-id-mismatch", None));
    assert!(has(
        "untracked-claim",
        Some(removed["id"].as_str().unwrap())
    ));
    // The edited claim's line is where it stands in the file.
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "unknown-status")
        .unwrap();
    let line = f["line"].as_u64().unwrap() as usize;
    let file_text = fs::read_to_string(&path).unwrap();
    assert!(file_text.lines().nth(line - 1).unwrap().contains("\"id\""));
}

#[test]
fn check_reports_missing_and_stale_claims_files() {
    let dir = workspace();
    let r1 = fixture("r1.txt");
    ct(
        dir.path(),
        &["snapshot", "add", "xi-putin-summit", r1.to_str().unwrap()],
    );
    let v = ct(dir.path(), &["check", "--format", "json"]).json();
    assert_eq!(v["findings"][0]["code"], "claims-file-missing");
    ct(dir.path(), &["extract", "xi-putin-summit"]);
    add_r2(dir.path());
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "claims-file-stale"),
        "{v}"
    );
    let r = ct(dir.path(), &["extract", "xi-putin-summit", "--rev", "r9"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("has no revision \"r9\" (it has: r1, r2)"),
        "{}",
        r.stderr
    );
}

#[test]
fn policy_changes_severity() {
    let dir = workspace_r1();
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[policy]\nunsupported-claim = \"error\"\n",
    )
    .unwrap();
    let r = ct(dir.path(), &["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .ends_with("checked 1 article, 23 claims: 7 errors, 0 warnings\n"),
        "{}",
        r.stdout
    );
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[policy]\nunsupported-claim = \"off\"\n",
    )
    .unwrap();
    let r = ct(dir.path(), &["check", "--strict"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "checked 1 article, 23 claims: 0 errors, 0 warnings\n")
    );
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[policy]\nno-such-code = \"off\"\n",
    )
    .unwrap();
    let r = ct(dir.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown finding code \"no-such-code\""));
    fs::write(dir.path().join("claimtrail.toml"), "[diff\n").unwrap();
    let r = ct(dir.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("claimtrail.toml"), "{}", r.stderr);
}

#[test]
fn workspace_sources_extend_the_registry() {
    let dir = workspace();
    fs::write(dir.path().join("claimtrail.toml"), "[[source]]\nid = \"reuters\"\nlabel = \"Reuters\"\naliases = [\"Reuters\"]\n\n[extract]\nboilerplate = [\"Sign up for our newsletter\"]\n").unwrap();
    let r = ct_stdin(
        dir.path(),
        &["inspect", "-", "--format", "json"],
        b"Reuters reported that the port closed.\n\nSign up for our newsletter.",
    );
    let v = r.json();
    assert_eq!(v["claims"].as_array().unwrap().len(), 1);
    assert_eq!(v["claims"][0]["attribution"]["sources"][0]["id"], "reuters");
    assert_eq!(v["sentences"][1]["boilerplate"], true);
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let r = ct(dir.path(), &["--help"]);
    assert_eq!(r.code, 0);
    for cmd in [
        "init", "snapshot", "extract", "claims", "show", "inspect", "hash", "check", "diff",
        "review", "log",
    ] {
        assert!(r.stdout.contains(&format!("  {cmd} ")), "help lacks {cmd}");
    }
    let r = ct(dir.path(), &["--version"]);
    assert_eq!(
        r.stdout,
        format!("claimtrail {}\n", env!("CARGO_PKG_VERSION"))
    );
    let r = ct(dir.path(), &["frobnicate"]);
    assert_eq!(r.code, 2);
}

#[test]
fn stray_files_are_reported() {
    let dir = workspace_r1();
    fs::write(
        dir.path().join("claims/.xi-putin-summit.json.4242.tmp"),
        "{",
    )
    .unwrap();
    fs::write(dir.path().join("claims/Notes.json"), "{}").unwrap();
    fs::write(
        dir.path().join("snapshots/xi-putin-summit/r9.txt"),
        "An unlisted capture.",
    )
    .unwrap();
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "stray files are warnings");
    let v = r.json();
    let strays: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "stray-file")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        strays,
        vec!["claims/Notes.json", "snapshots/xi-putin-summit/r9.txt"]
    );
    // A temp file of claimtrail's own naming is an interrupted write, reported for its article
    // even when only that article is checked.
    let v = ct(
        dir.path(),
        &["check", "xi-putin-summit", "--format", "json"],
    )
    .json();
    let interrupted: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "interrupted-write")
        .map(|f| (f["file"].as_str().unwrap(), f["article"].as_str().unwrap()))
        .collect();
    assert_eq!(
        interrupted,
        vec![("claims/.xi-putin-summit.json.4242.tmp", "xi-putin-summit")]
    );
    // An article's own ledger and claims file are not strays.
    assert!(!strays.iter().any(|s| s.ends_with("xi-putin-summit.json")));
}

#[test]
fn malformed_manifest_and_non_utf8_claims_file() {
    let dir = workspace_r1();
    let manifest = dir.path().join("snapshots/xi-putin-summit/manifest.json");
    fs::write(&manifest, "{\n  \"schema\": 1,\n  \"article\": oops\n}\n").unwrap();
    let before = tree(dir.path());
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "manifest-invalid")
        .unwrap();
    assert_eq!(f["line"], 3);
    assert!(
        f["message"].as_str().unwrap().contains("manifest.json:3:"),
        "{f}"
    );
    let r = ct(dir.path(), &["extract", "xi-putin-summit"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("manifest.json:3:"), "{}", r.stderr);
    let r = ct(
        dir.path(),
        &[
            "snapshot",
            "add",
            "xi-putin-summit",
            fixture("r2.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(tree(dir.path()), before);

    let dir = workspace_r1();
    let claims = dir.path().join("claims/xi-putin-summit.json");
    let mut bytes = fs::read(&claims).unwrap();
    bytes.splice(20..20, [0xff, 0xfe]);
    fs::write(&claims, &bytes).unwrap();
    let r = ct(dir.path(), &["claims", "xi-putin-summit"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("xi-putin-summit.json:"), "{}", r.stderr);
    let v = ct(dir.path(), &["check", "--format", "json"]).json();
    assert_eq!(v["findings"][0]["code"], "claims-file-invalid");
}

#[test]
fn check_of_a_named_article() {
    let dir = workspace_r1();
    let v = ct(
        dir.path(),
        &["check", "xi-putin-summit", "--format", "json"],
    )
    .json();
    assert_eq!(v["summary"]["articles"], 1);
    let r = ct(dir.path(), &["check", "no-such-article"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no article \"no-such-article\" in this workspace"),
        "{}",
        r.stderr
    );
    assert_eq!(ct(dir.path(), &["check", "../etc"]).code, 2);
}

/// `extract` of a new article writes its claims as it makes them (human output) or all at once
/// (`--format json`, which prints them): both runs leave the same claims file, and the human
/// summary counts what the file holds.
#[test]
fn a_first_extract_writes_the_same_file_streamed_or_whole() {
    let news = tempfile::tempdir().unwrap();
    let (generated, _) = newsgen::pair(0x5eed_0002, 60_000, 5);
    let generated_path = news.path().join("news.txt");
    fs::write(&generated_path, &generated).unwrap();
    for text in [fixture("r1.txt"), fixture("r2.txt"), generated_path] {
        let extracted = |format: &[&str]| {
            let dir = workspace();
            let r = ct(
                dir.path(),
                &[
                    "snapshot",
                    "add",
                    "a",
                    text.to_str().unwrap(),
                    "--label",
                    "r1",
                ],
            );
            assert_eq!(r.code, 0, "{}", r.stderr);
            let r = ct(dir.path(), &[&["extract", "a"], format].concat());
            assert_eq!(r.code, 0, "{}", r.stderr);
            let file = fs::read(dir.path().join("claims/a.json")).unwrap();
            (file, r.stdout)
        };
        let (streamed, said) = extracted(&[]);
        let (whole, _) = extracted(&["--format", "json"]);
        assert_eq!(streamed, whole, "{}", text.display());
        let v: serde_json::Value = serde_json::from_slice(&streamed).unwrap();
        let claims = v["claims"].as_array().unwrap();
        let unsupported = claims
            .iter()
            .filter(|c| c["attribution"]["kind"] == "none")
            .count();
        let occurrences: usize = claims
            .iter()
            .map(|c| 1 + c.get("repeats").map_or(0, |r| r.as_array().unwrap().len()))
            .sum();
        let first = said.lines().next().unwrap();
        assert!(
            first.starts_with(&format!(
                "extracted a r1: {} claims ({unsupported} unsupported, ",
                claims.len()
            )),
            "{first} ({} claims)",
            claims.len()
        );
        assert!(
            said.contains(&format!(", {occurrences} added, 0 removed")),
            "{said}"
        );
    }
}
