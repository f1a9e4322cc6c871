//! The JSON output is an API: these mirror types read every document back with
//! `deny_unknown_fields`, so adding, renaming or dropping a field fails here first.

mod common;

use common::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SourceRef {
    id: Option<String>,
    phrase: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Attribution {
    kind: String,
    cue: Option<String>,
    sources: Vec<SourceRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Anchor {
    rev: String,
    start: usize,
    end: usize,
    prefix: String,
    suffix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Evidence {
    url: Option<String>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct StatusChange {
    rev: String,
    from: String,
    to: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Supersedes {
    id: String,
    rev: String,
    flags: Vec<String>,
    similarity: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Claim {
    id: String,
    sha256: String,
    text: String,
    attribution: Attribution,
    hedges: Vec<String>,
    figures: Vec<String>,
    negated: bool,
    checkable: bool,
    checkable_why: Vec<String>,
    anchor: Anchor,
    /// Only written when the claim's text repeats in the revision.
    #[serde(default)]
    repeats: Vec<Anchor>,
    first_seen: String,
    last_seen: String,
    seen_in: Vec<String>,
    present: bool,
    status: String,
    evidence: Vec<Evidence>,
    note: Option<String>,
    supersedes: Option<Supersedes>,
    superseded_by: Vec<String>,
    history: Vec<StatusChange>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ClaimsDoc {
    version: u32,
    article: String,
    revision: String,
    claims: Vec<Claim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ClaimsFile {
    #[serde(rename = "$schema")]
    schema_url: String,
    schema: u32,
    normalization: String,
    article: String,
    revision: String,
    ledger_head: Option<String>,
    claims: Vec<Claim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Sentence {
    start: usize,
    end: usize,
    text: String,
    boilerplate: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct InspectDoc {
    version: u32,
    sentences: Vec<Sentence>,
    claims: Vec<Claim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Finding {
    code: String,
    severity: String,
    message: String,
    article: Option<String>,
    claim: Option<String>,
    file: Option<String>,
    line: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct CheckSummary {
    errors: usize,
    warnings: usize,
    articles: usize,
    claims: usize,
    failed: bool,
    strict: bool,
    promoted: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct CheckDoc {
    version: u32,
    findings: Vec<Finding>,
    summary: CheckSummary,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct DiffSummary {
    unchanged: usize,
    edited: usize,
    moved: usize,
    added: usize,
    removed: usize,
    split: usize,
    merged: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Change {
    kind: String,
    flags: Vec<String>,
    similarity: Option<f64>,
    old: Vec<Claim>,
    new: Vec<Claim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct DiffDoc {
    version: u32,
    article: Option<String>,
    from: String,
    to: String,
    summary: DiffSummary,
    changes: Vec<Change>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ShowDoc {
    version: u32,
    article: String,
    claim: Claim,
    lineage: Vec<Claim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct HashDoc {
    version: u32,
    normalization: String,
    normalized: String,
    sha256: String,
    id: String,
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> T {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn every_json_document_matches_its_contract() {
    let dir = workspace_r1();
    let d = dir.path();
    add_r2(d);
    let e: ClaimsDoc = parse(&ct(d, &["extract", "xi-putin-summit", "--format", "json"]).stdout);
    assert_eq!(
        (e.version, e.revision.as_str(), e.claims.len()),
        (1, "r2", 23)
    );
    let file: ClaimsFile =
        parse(&std::fs::read_to_string(d.join("claims/xi-putin-summit.json")).unwrap());
    assert_eq!(file.claims.len(), 29);
    let c: ClaimsDoc = parse(
        &ct(
            d,
            &["claims", "xi-putin-summit", "--all", "--format", "json"],
        )
        .stdout,
    );
    assert_eq!(c.claims.len(), 29);
    let i: InspectDoc = parse(
        &ct(
            d,
            &[
                "inspect",
                fixture("r2.txt").to_str().unwrap(),
                "--format",
                "json",
            ],
        )
        .stdout,
    );
    assert_eq!(i.sentences.iter().filter(|s| s.boilerplate).count(), 2);
    let k: CheckDoc = parse(&ct(d, &["check", "--format", "json"]).stdout);
    assert_eq!(k.summary.articles, 1);
    assert!(!k.summary.strict && !k.summary.failed && k.summary.promoted == 0);
    let k: CheckDoc = parse(&ct(d, &["check", "--strict", "--format", "json"]).stdout);
    assert!(k.summary.strict && k.summary.failed && k.summary.promoted > 0);
    assert_eq!(
        (k.summary.errors, k.summary.warnings),
        (k.summary.promoted, 0)
    );
    // Every claim says whether it is checkable, and why (or why not).
    let reasons = [
        "figure",
        "date",
        "comparison",
        "named-actor",
        "causal",
        "headline",
        "question",
        "opinion",
        "speculation",
        "scene-setting",
    ];
    for c in &file.claims {
        assert!(!c.checkable_why.is_empty(), "{}", c.text);
        assert!(
            c.checkable_why
                .iter()
                .all(|w| reasons.contains(&w.as_str()))
        );
        assert!(!c.seen_in.is_empty());
    }
    assert!(file.claims.iter().any(|c| c.checkable) && file.claims.iter().any(|c| !c.checkable));
    let df: DiffDoc = parse(&ct(d, &["diff", "xi-putin-summit", "--format", "json"]).stdout);
    assert_eq!(df.summary.edited, 5);
    // Every claim of both revisions appears in exactly one change.
    let olds: usize = df.changes.iter().map(|c| c.old.len()).sum();
    let news: usize = df.changes.iter().map(|c| c.new.len()).sum();
    assert_eq!((olds, news), (23, 23));
    assert!(
        df.changes
            .iter()
            .all(|c| c.kind == "added" || c.kind == "removed" || c.similarity.is_some())
    );
    let id = &e.claims[0].id;
    let s: ShowDoc = parse(&ct(d, &["show", id, "--format", "json"]).stdout);
    assert_eq!(&s.claim.id, id);
    let h: HashDoc = parse(&ct(d, &["hash", "x", "--format", "json"]).stdout);
    assert_eq!(h.id.len(), 12);
}

#[test]
fn output_is_deterministic() {
    let a = workspace_r1();
    let b = workspace_r1();
    assert_eq!(
        std::fs::read(a.path().join("claims/xi-putin-summit.json")).unwrap(),
        std::fs::read(b.path().join("claims/xi-putin-summit.json")).unwrap()
    );
    let x = diff_r1_r2_json(a.path());
    let y = diff_r1_r2_json(a.path());
    assert_eq!(x.stdout, y.stdout);
    let bytes = std::fs::read(a.path().join("claims/xi-putin-summit.json")).unwrap();
    assert_eq!(bytes.last(), Some(&b'\n'));
}
