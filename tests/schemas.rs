//! The JSON Schemas in schemas/ are current (generated from the model types by
//! `claimtrail::schema`), and every file and `--format json` document the tests produce validates
//! against its schema. Regenerate with `UPDATE_SCHEMAS=1 cargo test --test schemas`.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shipped_schemas_are_current() {
    let dir = repo().join("schemas");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, schema) in claimtrail::schema::all() {
        let want = claimtrail::schema::file_bytes(&schema);
        let path = dir.join(&name);
        if update {
            fs::write(&path, &want).unwrap();
        } else if fs::read(&path).ok().as_deref() != Some(&want[..]) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas (run UPDATE_SCHEMAS=1 cargo test --test schemas): {stale:?}"
    );
}

fn schema(name: &str) -> Value {
    let (_, v) = claimtrail::schema::all()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no schema {name}"));
    v
}

fn errors(name: &str, doc: &Value) -> Vec<String> {
    let s = schema(name);
    let validator = jsonschema::validator_for(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
    validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn valid(name: &str, doc: &Value) {
    let errs = errors(name, doc);
    assert!(errs.is_empty(), "{name}: {errs:#?}\n{doc}");
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let r = ct(dir, args);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    r.json()
}

fn files_validate(root: &Path, article: &str) {
    let claims: Value = serde_json::from_str(
        &fs::read_to_string(root.join(format!("claims/{article}.json"))).unwrap(),
    )
    .unwrap();
    valid("claims.schema.json", &claims);
    let manifest: Value = serde_json::from_str(
        &fs::read_to_string(root.join(format!("snapshots/{article}/manifest.json"))).unwrap(),
    )
    .unwrap();
    valid("manifest.schema.json", &manifest);
    let ledger = root.join(format!("claims/{article}.ledger.jsonl"));
    let text = fs::read_to_string(ledger).unwrap_or_default();
    for line in text.lines() {
        valid(
            "ledger-entry.schema.json",
            &serde_json::from_str(line).unwrap(),
        );
    }
}

#[test]
fn every_file_and_document_validates() {
    // The bundled example workspace.
    files_validate(repo(), "xi-putin-summit");

    let dir = workspace();
    let d = dir.path();
    let r1 = fixture("r1.txt");
    let r2 = fixture("r2.txt");
    let add = json_of(
        d,
        &[
            "snapshot",
            "add",
            "xi-putin-summit",
            r1.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    valid("snapshot-add-output.schema.json", &add);
    let e = json_of(d, &["extract", "xi-putin-summit", "--format", "json"]);
    valid("claims-output.schema.json", &e);
    let id = e["claims"][3]["id"].as_str().unwrap().to_string();
    let rv = json_of(
        d,
        &[
            "review",
            "xi-putin-summit",
            &id,
            "--status",
            "supported",
            "--evidence",
            "https://example.org/a",
            "--note",
            "checked",
            "--by",
            "A. Checker",
            "--format",
            "json",
        ],
    );
    valid("review-output.schema.json", &rv);
    let add2 = json_of(
        d,
        &[
            "snapshot",
            "add",
            "xi-putin-summit",
            r2.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    valid("snapshot-add-output.schema.json", &add2);
    valid(
        "claims-output.schema.json",
        &json_of(d, &["extract", "xi-putin-summit", "--format", "json"]),
    );
    files_validate(d, "xi-putin-summit");
    valid(
        "claims-output.schema.json",
        &json_of(
            d,
            &["claims", "xi-putin-summit", "--all", "--format", "json"],
        ),
    );
    valid(
        "snapshot-list-output.schema.json",
        &json_of(
            d,
            &["snapshot", "list", "xi-putin-summit", "--format", "json"],
        ),
    );
    valid(
        "inspect-output.schema.json",
        &json_of(d, &["inspect", r2.to_str().unwrap(), "--format", "json"]),
    );
    let check = json_of(d, &["check", "--format", "json"]);
    assert!(!check["findings"].as_array().unwrap().is_empty());
    valid("check-output.schema.json", &check);
    let diff = json_of(d, &["diff", "xi-putin-summit", "--format", "json"]);
    valid("diff-output.schema.json", &diff);
    valid("diff-output.schema.json", &diff_r1_r2_json(d).json());
    valid(
        "show-output.schema.json",
        &json_of(d, &["show", &id, "--format", "json"]),
    );
    valid(
        "text-output.schema.json",
        &json_of(d, &["text", r1.to_str().unwrap(), "--format", "json"]),
    );
    let page = d.join("page.html");
    std::fs::write(
        &page,
        "<!doctype html><html lang=\"en\"><head><title>Budget passes</title></head><body><article><h1>Budget passes</h1><p>The council passed the budget on Tuesday by a vote of seven to two, officials said.</p><p>The plan raises spending on schools by 4 percent next year.</p></article></body></html>",
    )
    .unwrap();
    valid(
        "text-output.schema.json",
        &json_of(d, &["text", page.to_str().unwrap(), "--format", "json"]),
    );
    valid(
        "fetch-output.schema.json",
        &json_of(d, &["fetch", "--format", "json"]),
    );
    valid(
        "hash-output.schema.json",
        &json_of(
            d,
            &["hash", "China\u{2019}s  top leader", "--format", "json"],
        ),
    );
    valid(
        "log-output.schema.json",
        &json_of(d, &["log", "xi-putin-summit", "--format", "json"]),
    );
}

#[test]
fn the_schemas_reject_what_the_contract_does_not_allow() {
    let repo_claims: Value = serde_json::from_str(
        &fs::read_to_string(repo().join("claims/xi-putin-summit.json")).unwrap(),
    )
    .unwrap();
    let mut extra = repo_claims.clone();
    extra["claims"][0]["verdict"] = Value::from("true");
    assert!(
        !errors("claims.schema.json", &extra).is_empty(),
        "an unknown field"
    );
    let mut status = repo_claims.clone();
    status["claims"][0]["status"] = Value::from("maybe");
    assert!(
        !errors("claims.schema.json", &status).is_empty(),
        "an unknown status"
    );
    let mut flag = repo_claims.clone();
    let i = flag["claims"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| !c["supersedes"].is_null())
        .unwrap();
    flag["claims"][i]["supersedes"]["flags"] = Value::from(vec!["rephrased"]);
    assert!(
        !errors("claims.schema.json", &flag).is_empty(),
        "an unknown flag"
    );
    let mut missing = repo_claims;
    missing["claims"][0]
        .as_object_mut()
        .unwrap()
        .remove("sha256");
    assert!(
        !errors("claims.schema.json", &missing).is_empty(),
        "a missing field"
    );
    let check = serde_json::json!({
        "version": 1,
        "findings": [{"code": "no-such-code", "severity": "warning", "message": "",
                      "article": null, "claim": null, "file": null, "line": null}],
        "summary": {"errors": 0, "warnings": 1, "articles": 1, "claims": 1}
    });
    assert!(
        !errors("check-output.schema.json", &check).is_empty(),
        "an unknown code"
    );
    let v2 = serde_json::json!({"version": 2, "normalization": "v1", "normalized": "x",
                                "sha256": "x", "id": "x"});
    assert!(
        !errors("hash-output.schema.json", &v2).is_empty(),
        "another version"
    );
}
