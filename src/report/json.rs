//! Owns the JSON output: the wire types of every `--format json` document, version 1.
//!
//! This is an API. Every document is an object with `"version": 1`. Claim objects have exactly
//! the shape of the entries of a claims file (see the README, "The claims file"). Fields are
//! only ever added in a new version; tests read these back through mirror types. The documents
//! made of claims (`inspect`, `diff`, `claims`, `show`) are written with [`crate::jsonout`], whose
//! bytes are serde_json's (tests/jsonout.rs keeps their former wire types as the reference); the
//! others are serde wire types.

use serde::Serialize;

use crate::check::{Gate, Report};
use crate::diff::{Change, ClaimSide, summary};
use crate::extract::Reading;
use crate::jsonout::Pretty;
use crate::model::{Claim, Flag};
use crate::store::to_json_bytes;

pub const VERSION: u32 = 1;

fn render<T: Serialize>(v: &T) -> String {
    String::from_utf8(to_json_bytes(v)).expect("serde_json writes UTF-8")
}

fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("jsonout writes UTF-8")
}

/// `extract` and `claims`: `{"version","article","revision","claims":[claim...]}`.
pub fn claims(article: &str, revision: &str, claims: &[&Claim]) -> String {
    let mut p = Pretty::with_capacity(claims.len() * 1536 + 256);
    p.begin_object();
    p.key("version");
    p.uint(VERSION.into());
    p.key("article");
    p.str(article);
    p.key("revision");
    p.str(revision);
    p.key("claims");
    p.claims(claims.iter().copied());
    p.end_object();
    p.byte(b'\n');
    utf8(p.into_bytes())
}

/// `inspect`: every sentence (page furniture included, marked) and the claims taken from them:
/// `{"version","sentences":[{"start","end","text","boilerplate"}...],"claims":[claim...]}`,
/// written to `w` as it is produced (about 12 bytes of JSON per byte of text).
pub fn write_inspect(
    w: &mut dyn std::io::Write,
    text: &str,
    reading: &Reading,
    claims: &[Claim],
) -> std::io::Result<()> {
    let mut p = Pretty::with_capacity(1 << 17);
    p.begin_object();
    p.key("version");
    p.uint(VERSION.into());
    p.key("sentences");
    p.begin_array();
    for s in &reading.sentences {
        p.element();
        p.begin_object();
        p.key("start");
        p.uint(s.start as u64);
        p.key("end");
        p.uint(s.end as u64);
        p.key("text");
        p.str(&text[s.start..s.end]);
        p.key("boilerplate");
        p.bool(s.boilerplate);
        p.end_object();
        p.flush_if_full(w)?;
    }
    p.end_array();
    p.key("claims");
    p.claims_streamed(w, claims)?;
    p.end_object();
    p.byte(b'\n');
    p.flush(w)
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

/// `diff`: the documented diff contract; `old`/`new` are always arrays. Written to `w` as it is
/// produced: every change carries whole claim objects, so the document of a long article is many
/// times the size of both texts. `{"version","article","from","to","summary":{kind: count, in
/// name order},"changes":[{"kind","flags","similarity","old":[claim...],"new":[claim...]}...]}`.
pub fn write_diff(
    w: &mut dyn std::io::Write,
    article: Option<&str>,
    from: &str,
    to: &str,
    old: &dyn ClaimSide,
    new: &dyn ClaimSide,
    changes: &[Change],
) -> std::io::Result<()> {
    let mut p = Pretty::with_capacity(1 << 17);
    p.begin_object();
    p.key("version");
    p.uint(VERSION.into());
    p.key("article");
    p.opt_str(article);
    p.key("from");
    p.str(from);
    p.key("to");
    p.str(to);
    p.key("summary");
    // A JSON object keyed by kind: its keys in name order, as a serde_json map has them.
    let mut counts = summary(changes);
    counts.sort_by_key(|(k, _)| k.as_str());
    p.begin_object();
    for (k, n) in counts {
        p.key(k.as_str());
        p.uint(n as u64);
    }
    p.end_object();
    p.key("changes");
    p.begin_array();
    for c in changes {
        p.element();
        p.begin_object();
        p.key("kind");
        p.name(c.kind.as_str());
        p.key("flags");
        p.names(&c.flags, Flag::as_str);
        p.key("similarity");
        match c.similarity {
            Some(x) => p.f64(x),
            None => p.null(),
        }
        for (key, side, at) in [("old", old, &c.old), ("new", new, &c.new)] {
            p.key(key);
            p.begin_array();
            for &i in at {
                p.element();
                p.claim(&side.claim(i));
            }
            p.end_array();
        }
        p.end_object();
        p.flush_if_full(w)?;
    }
    p.end_array();
    p.end_object();
    p.byte(b'\n');
    p.flush(w)
}

/// `show`: the claim and its lineage, oldest first (the claim itself last):
/// `{"version","article","claim":claim,"lineage":[claim...]}`.
pub fn show(article: &str, claim: &Claim, lineage: &[&Claim]) -> String {
    let mut p = Pretty::with_capacity((lineage.len() + 1) * 1536 + 256);
    p.begin_object();
    p.key("version");
    p.uint(VERSION.into());
    p.key("article");
    p.str(article);
    p.key("claim");
    p.claim(claim);
    p.key("lineage");
    p.claims(lineage.iter().copied());
    p.end_object();
    p.byte(b'\n');
    utf8(p.into_bytes())
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
