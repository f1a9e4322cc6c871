//! The review ledger, its tamper checks, concurrent reviewers, baselines and CI output formats.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

fn codes(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn reviewed_workspace() -> (tempfile::TempDir, String, String) {
    let dir = workspace_r1();
    let a = claim_id(dir.path(), "fifth presidential election");
    let b = claim_id(dir.path(), "Power of Siberia 2");
    let r = ct(
        dir.path(),
        &[
            "review",
            "xi-putin-summit",
            &a,
            &b[..6],
            "--status",
            "supported",
            "--evidence",
            "https://example.org/report",
            "--note",
            "checked",
            "--by",
            "A. Checker",
            "--at",
            "2024-05-17T10:00:00Z",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!("{a} unverified -> supported\n{b} unverified -> supported\n")
    );
    let r = ct(
        dir.path(),
        &[
            "review",
            "xi-putin-summit",
            &a,
            "--status",
            "disputed",
            "--by",
            "B. Editor",
            "--at",
            "2024-05-18T10:00:00Z",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (dir, a, b)
}

fn ledger_path(dir: &Path) -> std::path::PathBuf {
    dir.join("claims/xi-putin-summit.ledger.jsonl")
}

#[test]
fn review_round_trip() {
    let (dir, a, b) = reviewed_workspace();
    let v = ct(dir.path(), &["show", &a, "--format", "json"]).json();
    assert_eq!(v["claim"]["status"], "disputed");
    assert_eq!(
        v["claim"]["evidence"],
        serde_json::json!([{"url": "https://example.org/report", "note": null}])
    );
    assert_eq!(v["claim"]["note"], "checked");
    let ledger = fs::read_to_string(ledger_path(dir.path())).unwrap();
    let lines: Vec<Value> = ledger
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["prev"], "0".repeat(64));
    assert_eq!(lines[0]["by"], "A. Checker");
    assert_eq!(lines[0]["time"], "2024-05-17T10:00:00Z");
    assert_eq!(lines[0]["claim"], a.as_str());
    assert_eq!(lines[1]["claim"], b.as_str());
    assert_eq!(
        (lines[2]["from"].as_str(), lines[2]["to"].as_str()),
        (Some("supported"), Some("disputed"))
    );
    let r = ct(dir.path(), &["--color", "never", "log", "xi-putin-summit"]);
    assert!(
        r.stdout.starts_with(&format!(
            "2024-05-18T10:00:00Z {a} review B. Editor: supported -> disputed\n"
        )),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with("3 entries, latest time first\n"));
    let v = ct(
        dir.path(),
        &["log", "xi-putin-summit", &b, "--format", "json"],
    )
    .json();
    assert_eq!(v["entries"].as_array().unwrap().len(), 1);
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        !codes(&r.json())
            .iter()
            .any(|c| c.starts_with("ledger") || c == "status-not-in-ledger")
    );
}

#[test]
fn bad_reviews_exit_2_and_write_nothing() {
    let (dir, a, _) = reviewed_workspace();
    let before = tree(dir.path());
    for args in [
        vec![
            "review",
            "xi-putin-summit",
            "ffffffffffff",
            "--status",
            "supported",
            "--by",
            "X",
        ],
        vec![
            "review",
            "xi-putin-summit",
            &a,
            "--status",
            "true-ish",
            "--by",
            "X",
        ],
        vec![
            "review",
            "xi-putin-summit",
            &a,
            "--status",
            "supported",
            "--evidence",
            "not a url",
            "--by",
            "X",
        ],
        vec!["review", "xi-putin-summit", &a, "--status", "supported"],
        vec![
            "review",
            "xi-putin-summit",
            &a,
            "--status",
            "supported",
            "--by",
            "X",
            "--at",
            "now",
        ],
        vec!["review", "../etc", &a, "--status", "supported", "--by", "X"],
        vec![
            "review",
            "xi-putin-summit",
            "zz",
            "--status",
            "supported",
            "--by",
            "X",
        ],
    ] {
        let r = ct(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.is_empty());
    }
    // An ambiguous prefix: the first digit shared by two claims.
    let shared = shared_prefix(dir.path());
    let shared = shared.as_str();
    let r = ct(
        dir.path(),
        &[
            "review",
            "xi-putin-summit",
            shared,
            "--status",
            "supported",
            "--by",
            "X",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ambiguous"));
    assert_eq!(tree(dir.path()), before);
}

fn tamper_and_check(edit: impl FnOnce(&Path)) -> Vec<(String, Option<u64>)> {
    let (dir, _, _) = reviewed_workspace();
    edit(dir.path());
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    r.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] != "unsupported-claim")
        .map(|f| (f["code"].as_str().unwrap().to_string(), f["line"].as_u64()))
        .collect()
}

#[test]
fn ledger_tampering_is_caught() {
    let edit_field = tamper_and_check(|d| {
        let t = fs::read_to_string(ledger_path(d)).unwrap();
        fs::write(ledger_path(d), t.replacen("A. Checker", "A. Forger", 1)).unwrap();
    });
    assert!(
        edit_field.contains(&("ledger-chain-broken".to_string(), Some(2))),
        "{edit_field:?}"
    );

    let delete_line = tamper_and_check(|d| {
        let t = fs::read_to_string(ledger_path(d)).unwrap();
        let l: Vec<&str> = t.lines().collect();
        fs::write(ledger_path(d), format!("{}\n{}\n", l[0], l[2])).unwrap();
    });
    assert!(
        delete_line.contains(&("ledger-chain-broken".to_string(), Some(2))),
        "{delete_line:?}"
    );

    let delete_last = tamper_and_check(|d| {
        let t = fs::read_to_string(ledger_path(d)).unwrap();
        let l: Vec<&str> = t.lines().collect();
        fs::write(ledger_path(d), format!("{}\n{}\n", l[0], l[1])).unwrap();
    });
    assert!(
        delete_last.iter().any(|f| f.0 == "ledger-head-mismatch"),
        "{delete_last:?}"
    );

    let swap = tamper_and_check(|d| {
        let t = fs::read_to_string(ledger_path(d)).unwrap();
        let l: Vec<&str> = t.lines().collect();
        fs::write(ledger_path(d), format!("{}\n{}\n{}\n", l[1], l[0], l[2])).unwrap();
    });
    assert!(
        swap.iter().any(|f| f.0 == "ledger-chain-broken"),
        "{swap:?}"
    );

    let hand_status = tamper_and_check(|d| {
        let p = d.join("claims/xi-putin-summit.json");
        let t = fs::read_to_string(&p).unwrap();
        fs::write(
            &p,
            t.replacen("\"status\": \"unverified\"", "\"status\": \"supported\"", 1),
        )
        .unwrap();
    });
    assert_eq!(hand_status.len(), 1, "{hand_status:?}");
    assert_eq!(hand_status[0].0, "status-not-in-ledger");

    let garbage = tamper_and_check(|d| {
        let mut t = fs::read_to_string(ledger_path(d)).unwrap();
        t.push_str("{oops\n");
        fs::write(ledger_path(d), t).unwrap();
    });
    assert!(
        garbage.contains(&("ledger-invalid".to_string(), Some(4))),
        "{garbage:?}"
    );

    // A broken ledger also stops further reviews (exit 2, nothing written).
    let (dir, a, _) = reviewed_workspace();
    let t = fs::read_to_string(ledger_path(dir.path())).unwrap();
    fs::write(
        ledger_path(dir.path()),
        t.replacen("B. Editor", "C. Forger", 1),
    )
    .unwrap();
    let before = tree(dir.path());
    let r = ct(
        dir.path(),
        &[
            "review",
            "xi-putin-summit",
            &a,
            "--status",
            "false",
            "--by",
            "X",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn two_reviewers_at_once_lose_nothing() {
    let dir = workspace_r1();
    let ids = ids(dir.path());
    let spawn = |chunk: &[String], who: &str| {
        let mut children = Vec::new();
        for id in chunk {
            let a: Vec<&str> = vec![
                "review",
                "xi-putin-summit",
                id,
                "--status",
                "opinion",
                "--by",
                who,
            ];
            children.push(common::command(dir.path(), &a).spawn().unwrap());
        }
        children
    };
    let mut children = spawn(&ids[..10], "one");
    children.extend(spawn(&ids[10..20], "two"));
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let ledger = fs::read_to_string(ledger_path(dir.path())).unwrap();
    assert_eq!(ledger.lines().count(), 20);
    let v = ct(
        dir.path(),
        &[
            "claims",
            "xi-putin-summit",
            "--status",
            "opinion",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(v["claims"].as_array().unwrap().len(), 20);
    let r = ct(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 0);
    assert!(
        !codes(&r.json())
            .iter()
            .any(|c| c.starts_with("ledger") || c == "status-not-in-ledger")
    );
}

#[test]
fn baseline_records_and_suppresses_known_findings() {
    let dir = workspace_r1();
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[policy]\nunsupported-claim = \"error\"\n",
    )
    .unwrap();
    assert_eq!(ct(dir.path(), &["check"]).code, 1);
    let r = ct(
        dir.path(),
        &["check", "--write-baseline", "claimtrail-baseline.json"],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "recorded 7 findings in claimtrail-baseline.json\n")
    );
    let b: Value =
        serde_json::from_slice(&fs::read(dir.path().join("claimtrail-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["version"], 1);
    assert_eq!(b["findings"][0]["code"], "unsupported-claim");
    assert_eq!(b["findings"][0]["sha256"].as_str().unwrap().len(), 64);
    let r = ct(
        dir.path(),
        &[
            "--color",
            "never",
            "check",
            "--baseline",
            "claimtrail-baseline.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        r.stdout,
        "checked 1 article, 23 claims: 0 errors, 0 warnings\n(7 findings recorded in the baseline not shown)\n"
    );
    // A new problem still fails.
    let snap = dir.path().join("snapshots/xi-putin-summit/r1.txt");
    flip_byte(&snap, 0);
    let r = ct(
        dir.path(),
        &[
            "check",
            "--baseline",
            "claimtrail-baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(codes(&r.json()), vec!["snapshot-hash-mismatch"]);
    fs::write(
        dir.path().join("bad.json"),
        "{\"version\": 1, \"findings\": [",
    )
    .unwrap();
    let r = ct(dir.path(), &["check", "--baseline", "bad.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad.json:1:"), "{}", r.stderr);
}

#[test]
fn github_annotations_point_at_claim_lines() {
    let dir = workspace_r1();
    let r = ct(dir.path(), &["check", "--format", "github"]);
    assert_eq!(r.code, 0);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.starts_with("::warning file=claims/xi-putin-summit.json,line=124,title=unsupported-claim::nobody stands behind"), "{first}");
    assert!(
        first.ends_with("(checkable: figure, comparison, named-actor) (claim 0531514acfb5)"),
        "{first}"
    );
    assert_eq!(r.stdout.lines().count(), 7);
    let snap = dir.path().join("snapshots/xi-putin-summit/r1.txt");
    flip_byte(&snap, 0);
    let r = ct(dir.path(), &["check", "--format", "github"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "::error file=snapshots/xi-putin-summit/r1.txt,title=snapshot-hash-mismatch::sha256 is "
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn sarif_is_valid_2_1_0_with_one_rule_per_code() {
    let dir = workspace_r1();
    let r = ct(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--output-file",
            "report.sarif",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let text = fs::read_to_string(dir.path().join("report.sarif")).unwrap();
    // Typed against the SARIF 2.1.0 schema (serde-sarif's types are generated from it).
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&text).expect("valid SARIF 2.1.0");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), claimtrail::check::Code::ALL.len());
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    let r0 = &results[0];
    assert_eq!(r0["ruleId"], "unsupported-claim");
    assert_eq!(
        rules[r0["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "unsupported-claim"
    );
    assert_eq!(r0["level"], "warning");
    assert_eq!(
        r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "claims/xi-putin-summit.json"
    );
    assert_eq!(
        r0["locations"][0]["physicalLocation"]["region"]["startLine"],
        124
    );
    assert_eq!(
        r0["partialFingerprints"]["claimSha256/v1"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    assert_eq!(sarif.runs.len(), 1);
    validate_against_schema(&v);
}

/// Validate against the official SARIF 2.1.0 JSON schema, shipped in `tests/fixtures/schemas/` (see its
/// README for the source), with a minimal validator for the keywords that schema uses. The schema is read
/// from the repository, never from cargo's cache, so the test passes on a machine that never built the
/// project.
fn validate_against_schema(doc: &Value) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas/sarif-2.1.0.json");
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    );
    let mut errors = Vec::new();
    validate(&schema, &schema, doc, "$", &mut errors);
    assert!(errors.is_empty(), "SARIF schema violations: {errors:#?}");
    // The validator itself must reject what the schema forbids.
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    broken["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .unwrap()
        .remove("name");
    let mut errors = Vec::new();
    validate(&schema, &schema, &broken, "$", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let mut node = root;
    for part in reference.trim_start_matches("#/").split('/') {
        node = &node[part];
    }
    node
}

fn validate(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return validate(root, resolve(root, r), v, at, errors);
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{at}: expected {t}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errors.push(format!("{at}: {v} not in enum"));
    }
    if let Some(min) = schema.get("minimum").and_then(Value::as_i64)
        && v.as_i64().is_some_and(|x| x < min)
    {
        errors.push(format!("{at}: below minimum {min}"));
    }
    if let Some(obj) = v.as_object() {
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(req.as_str().unwrap()) {
                errors.push(format!("{at}: missing required {req}"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, child) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(root, s, child, &format!("{at}.{k}"), errors),
                None => {
                    if let Some(extra) = schema.get("additionalProperties") {
                        if extra == &Value::Bool(false) {
                            errors.push(format!("{at}: unknown property {k}"));
                        } else if extra.is_object() {
                            validate(root, extra, child, &format!("{at}.{k}"), errors);
                        }
                    }
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            validate(root, items, child, &format!("{at}[{i}]"), errors);
        }
    }
}

#[test]
fn junit_has_a_case_per_article_and_code() {
    let dir = workspace_r1();
    let r = ct(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(r.code, 0);
    let n = claimtrail::check::Code::ALL.len();
    assert!(
        r.stdout
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    );
    assert!(
        r.stdout.contains(&format!(
            "<testsuites name=\"claimtrail check\" tests=\"{n}\" failures=\"0\">"
        )),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.matches("<testcase ").count(), n);
    assert!(r.stdout.contains("<testcase classname=\"xi-putin-summit\" name=\"unsupported-claim\">\n      <system-out>warning claims/xi-putin-summit.json:124: nobody stands behind"));
    let snap = dir.path().join("snapshots/xi-putin-summit/r1.txt");
    flip_byte(&snap, 0);
    let r = ct(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("failures=\"1\""));
    assert!(r.stdout.contains("<failure type=\"snapshot-hash-mismatch\" message=\"1 finding(s): a snapshot&apos;s bytes do not match"), "{}", r.stdout);
}

/// The reading entries under `.claimtrail-cache/reading/`: (path, bytes).
fn reading_entries(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let root = dir.join(".claimtrail-cache/reading");
    if !root.exists() {
        return out;
    }
    for sub in fs::read_dir(&root).unwrap() {
        for e in fs::read_dir(sub.unwrap().path()).unwrap() {
            let p = e.unwrap().path();
            let bytes = fs::read(&p).unwrap();
            out.push((p, bytes));
        }
    }
    out.sort();
    out
}

/// An entry with `edit` applied to its body and its checksum recomputed, as a forger would.
fn forge_entry(bytes: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let (content, _) = text.strip_suffix('\n').unwrap().rsplit_once('\n').unwrap();
    let (head, body) = content.split_once("\n[").unwrap();
    let mut claims: Value = serde_json::from_str(&format!("[{body}")).unwrap();
    edit(&mut claims);
    let content = format!("{head}\n{}\n", serde_json::to_string(&claims).unwrap());
    let sum = claimtrail::hash::Sha256Hash::of_bytes(content.as_bytes());
    format!("{content}\nsum {sum}\n").into_bytes()
}

#[test]
fn a_verdict_takes_the_cached_reading() {
    let dir = workspace_r1();
    let a = claim_id(dir.path(), "fifth presidential election");
    // extract stores no reading (writing one would slow it); the first verdict reads r1 and
    // stores its reading.
    assert!(reading_entries(dir.path()).is_empty());
    let args = [
        "review",
        "xi-putin-summit",
        &a,
        "--status",
        "supported",
        "--by",
        "A",
    ];
    let r = ct(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let entries = reading_entries(dir.path());
    assert_eq!(entries.len(), 1);
    let (path, good) = &entries[0];
    // A reading that disagrees with the claims file (forged with a valid checksum) makes review
    // refuse: so review compares with the cached reading instead of reading r1 again.
    let forged = forge_entry(good, |claims| {
        let c = claims
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|c| c["id"] == a.as_str())
            .unwrap();
        c["hedges"] = serde_json::json!(["reportedly"]);
    });
    fs::write(path, &forged).unwrap();
    let claims_before = fs::read(dir.path().join("claims/xi-putin-summit.json")).unwrap();
    let r = ct(dir.path(), &args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("derived-field-mismatch"), "{}", r.stderr);
    assert_eq!(
        fs::read(dir.path().join("claims/xi-putin-summit.json")).unwrap(),
        claims_before
    );
    // A damaged entry is ignored: review reads r1 again, succeeds and writes the entry back.
    fs::write(path, &good[..good.len() / 2]).unwrap();
    let r = ct(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(fs::read(path).unwrap(), *good);
    // With no cache at all, the reading review makes fills it.
    fs::remove_dir_all(dir.path().join(".claimtrail-cache")).unwrap();
    let r = ct(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(reading_entries(dir.path()), entries);
}

#[test]
fn a_hand_edit_blocks_a_verdict_with_the_reading_cached() {
    let dir = workspace_r1();
    let a = claim_id(dir.path(), "fifth presidential election");
    // check stores the reading of the latest revision.
    assert_ne!(ct(dir.path(), &["check"]).code, 2);
    assert_eq!(reading_entries(dir.path()).len(), 1);
    let path = dir.path().join("claims/xi-putin-summit.json");
    let mut v: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let c = v["claims"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"] == a.as_str())
        .unwrap();
    c["figures"] = serde_json::json!(["99%"]);
    fs::write(&path, json_in_claims_order(&v)).unwrap();
    let before = tree(dir.path());
    let r = ct(
        dir.path(),
        &[
            "review",
            "xi-putin-summit",
            &a,
            "--status",
            "supported",
            "--by",
            "A",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("derived-field-mismatch"), "{}", r.stderr);
    assert!(r.stderr.contains("figures"), "{}", r.stderr);
    assert_eq!(tree(dir.path()), before);
}

/// A verdict on a claims file as claimtrail writes it (checked, resolved and rewritten a claim
/// at a time as it is parsed) and on the same file with its keys sorted, `"claims"` first
/// (loaded whole): the same output, the same bytes written, the same refusals.
#[test]
fn a_verdict_streamed_and_loaded_whole_writes_the_same_bytes() {
    let (base, a, b) = reviewed_workspace();
    let claims = base.path().join("claims/xi-putin-summit.json");
    let sorted = {
        let v: Value = serde_json::from_slice(&fs::read(&claims).unwrap()).unwrap();
        serde_json::to_vec_pretty(&v).unwrap()
    };
    let prefix = shared_prefix(base.path());
    let copy = |sort: bool| {
        let dir = copy_of(base.path());
        if sort {
            fs::write(dir.path().join("claims/xi-putin-summit.json"), &sorted).unwrap();
        }
        dir
    };
    let verdict = |dir: &Path, ids: &[&str], format: &str| {
        let mut args = vec!["review", "xi-putin-summit"];
        args.extend(ids);
        args.extend([
            "--status",
            "false",
            "--evidence",
            "https://example.org/b",
            "--note",
            "n",
            "--by",
            "C",
            "--at",
            "2024-05-19T10:00:00Z",
            "--format",
            format,
        ]);
        ct(dir, &args)
    };
    let c = ids(base.path())
        .into_iter()
        .find(|i| *i != a && *i != b)
        .unwrap();
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec![&a[..8], &c, &a], 0),
        (vec![&b, "zz"], 2),
        (vec![&b, &prefix], 2),
        (vec!["f0f0f0f0f0f0f0f0", &b], 2),
    ];
    for (ids, code) in cases {
        for format in ["human", "json"] {
            let (streamed, whole) = (copy(false), copy(true));
            let rs = verdict(streamed.path(), &ids, format);
            let rw = verdict(whole.path(), &ids, format);
            assert_eq!(rs.code, code, "{ids:?}: {}", rs.stderr);
            assert_eq!(
                (rw.code, &rw.stdout),
                (rs.code, &rs.stdout),
                "{ids:?} {format}"
            );
            assert_eq!(
                rw.stderr.replace(whole.path().to_str().unwrap(), "<ws>"),
                rs.stderr.replace(streamed.path().to_str().unwrap(), "<ws>"),
                "{ids:?} {format}"
            );
            if code == 0 {
                assert_eq!(
                    tree(whole.path()),
                    tree(streamed.path()),
                    "{ids:?} {format}"
                );
                assert_eq!(ct(streamed.path(), &["check"]).code, 0);
            } else {
                // Nothing written either way.
                let mut before = tree(base.path());
                assert_eq!(tree(streamed.path()), before);
                let p = before
                    .iter_mut()
                    .find(|(p, _)| p.ends_with("claims/xi-putin-summit.json"))
                    .unwrap();
                p.1 = sorted.clone();
                assert_eq!(tree(whole.path()), before);
            }
        }
    }
}

/// A claims file edited while a verdict starts (by a `git` on PATH asked who reviews) is read as
/// it is after the edit: nothing read before it is written back.
#[cfg(unix)]
#[test]
fn a_claims_file_edited_as_a_verdict_starts_is_reviewed_as_edited() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace_r1();
    let id = claim_id(dir.path(), "fifth presidential election");
    let claims = dir.path().join("claims/xi-putin-summit.json");
    let bin = tempfile::tempdir().unwrap();
    let git = bin.path().join("git");
    // Moves the first claim to the end: the same head, the same claims, another order.
    fs::write(
        &git,
        format!(
            "#!/usr/bin/env python3\nimport json\np = {:?}\nv = json.load(open(p))\nv['claims'].append(v['claims'].pop(0))\nopen(p, 'w').write(json.dumps(v, indent=2))\nprint('Mallory')\n",
            claims.to_str().unwrap()
        ),
    )
    .unwrap();
    fs::set_permissions(&git, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let first = ids(dir.path())[0].clone();
    let out = command(
        dir.path(),
        &["review", "xi-putin-summit", &id, "--status", "supported"],
    )
    .env("PATH", path)
    .output()
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&fs::read(&claims).unwrap()).unwrap();
    let all = v["claims"].as_array().unwrap();
    assert_eq!(all.last().unwrap()["id"], first.as_str());
    let reviewed = all.iter().find(|c| c["id"] == id.as_str()).unwrap();
    assert_eq!(reviewed["status"], "supported");
    assert_eq!(reviewed["history"][0]["reason"], "review by Mallory");
    assert_eq!(ct(dir.path(), &["check"]).code, 0);
}
