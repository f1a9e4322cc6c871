//! Owns the JSON output: the wire types of every `--format json` document, version 1.
//!
//! This is an API. Every document is an object with `"version": 1`. Claim objects have exactly
//! the shape of the entries of a claims file (see the README, "The claims file"). Fields are
//! only ever added in a new version; tests read these back through mirror types.

use serde::Serialize;

use crate::check::{Gate, Report};
use crate::diff::{Change, summary};
use crate::extract::Reading;
use crate::model::{Claim, Flag};
use crate::store::to_json_bytes;

pub const VERSION: u32 = 1;

fn render<T: Serialize>(v: &T) -> String {
    String::from_utf8(to_json_bytes(v)).expect("serde_json writes UTF-8")
}

#[derive(Serialize)]
struct ClaimsDoc<'a> {
    version: u32,
    article: &'a str,
    revision: &'a str,
    claims: Vec<&'a Claim>,
}

/// `extract` and `claims`: `{"version","article","revision","claims":[claim...]}`.
pub fn claims(article: &str, revision: &str, claims: &[&Claim]) -> String {
    render(&ClaimsDoc {
        version: VERSION,
        article,
        revision,
        claims: claims.to_vec(),
    })
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    boilerplate: bool,
}

#[derive(Serialize)]
struct InspectDoc<'a> {
    version: u32,
    sentences: Vec<SentenceOut<'a>>,
    claims: &'a [Claim],
}

/// `inspect`: every sentence (page furniture included, marked) and the claims taken from them.
pub fn inspect(text: &str, reading: &Reading, claims: &[Claim]) -> String {
    let sentences = reading
        .sentences
        .iter()
        .map(|s| SentenceOut {
            start: s.start,
            end: s.end,
            text: &text[s.start..s.end],
            boilerplate: s.boilerplate,
        })
        .collect();
    render(&InspectDoc {
        version: VERSION,
        sentences,
        claims,
    })
}

#[derive(Serialize)]
struct FindingOut<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    article: Option<&'a str>,
    claim: Option<&'a str>,
    file: Option<&'a str>,
    line: Option<usize>,
}

#[derive(Serialize)]
struct CheckSummary {
    errors: usize,
    warnings: usize,
    articles: usize,
    claims: usize,
    /// Whether the run fails (exit 1): any error, after `--strict`.
    failed: bool,
    /// Whether `--strict` was given: warnings are then reported as errors.
    strict: bool,
    /// How many of `errors` are warnings that `--strict` made errors.
    promoted: usize,
}

#[derive(Serialize)]
struct CheckDoc<'a> {
    version: u32,
    findings: Vec<FindingOut<'a>>,
    summary: CheckSummary,
}

/// `check`: `{"version":1,"findings":[...],"summary":{"errors","warnings","articles","claims",
/// "failed","strict","promoted"}}`.
pub fn check(report: &Report, gate: Gate) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| FindingOut {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            message: &f.message,
            article: f.article.as_deref(),
            claim: f.claim.as_deref(),
            file: f.file.as_deref(),
            line: f.line,
        })
        .collect();
    render(&CheckDoc {
        version: VERSION,
        findings,
        summary: CheckSummary {
            errors: report.errors(),
            warnings: report.warnings(),
            articles: report.articles,
            claims: report.claims,
            failed: gate.failed(report),
            strict: gate.strict,
            promoted: gate.promoted,
        },
    })
}

#[derive(Serialize)]
struct ChangeOut<'a> {
    kind: &'static str,
    flags: &'a [Flag],
    similarity: Option<f64>,
    old: Vec<&'a Claim>,
    new: Vec<&'a Claim>,
}

#[derive(Serialize)]
struct DiffDoc<'a> {
    version: u32,
    article: Option<&'a str>,
    from: &'a str,
    to: &'a str,
    summary: serde_json::Map<String, serde_json::Value>,
    changes: Vec<ChangeOut<'a>>,
}

/// `diff`: the documented diff contract; `old`/`new` are always arrays. Written to `w` as it is
/// produced: every change carries whole claim objects, so the document of a long article is many
/// times the size of both texts.
pub fn write_diff(
    w: &mut dyn std::io::Write,
    article: Option<&str>,
    from: &str,
    to: &str,
    old: &[Claim],
    new: &[Claim],
    changes: &[Change],
) -> std::io::Result<()> {
    let mut s = serde_json::Map::new();
    for (k, n) in summary(changes) {
        s.insert(k.as_str().to_string(), n.into());
    }
    let changes = changes
        .iter()
        .map(|c| ChangeOut {
            kind: c.kind.as_str(),
            flags: &c.flags,
            similarity: c.similarity,
            old: c.old.iter().map(|&i| &old[i]).collect(),
            new: c.new.iter().map(|&j| &new[j]).collect(),
        })
        .collect();
    crate::store::write_json(
        w,
        &DiffDoc {
            version: VERSION,
            article,
            from,
            to,
            summary: s,
            changes,
        },
    )
}

#[derive(Serialize)]
struct ShowDoc<'a> {
    version: u32,
    article: &'a str,
    claim: &'a Claim,
    lineage: Vec<&'a Claim>,
}

/// `show`: the claim and its lineage, oldest first (the claim itself last).
pub fn show(article: &str, claim: &Claim, lineage: &[&Claim]) -> String {
    render(&ShowDoc {
        version: VERSION,
        article,
        claim,
        lineage: lineage.to_vec(),
    })
}

#[derive(Serialize)]
struct HashDoc<'a> {
    version: u32,
    normalization: &'a str,
    normalized: &'a str,
    sha256: &'a str,
    id: &'a str,
}

/// `hash`: the normalized form, sha256 and id of a text.
pub fn hash(normalized: &str, sha256: &str, id: &str) -> String {
    render(&HashDoc {
        version: VERSION,
        normalization: crate::normalize::NORMALIZATION_VERSION,
        normalized,
        sha256,
        id,
    })
}

#[derive(Serialize)]
struct SimpleDoc<'a, T: Serialize> {
    version: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// Any other command's result object, with the version stamped in.
pub fn object<T: Serialize>(body: &T) -> String {
    render(&SimpleDoc {
        version: VERSION,
        body,
    })
}
