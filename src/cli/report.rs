//! `claimtrail report`: the self-contained HTML report of an article's revision.

use std::collections::HashMap;
use std::path::Path;

use super::commands::workspace;
use crate::cli::{Env, Format, Outcome, require};
use crate::diff::{DiffOptions, diff_claims};
use crate::error::{Error, Result};
use crate::extract::extract_claims;
use crate::ledger;
use crate::model::Claim;
use crate::report::html::{self, Comparison, ReportInput};
use crate::report::plural;
use crate::store;

pub(super) fn report(
    env: &Env,
    article: &str,
    from: Option<&str>,
    to: Option<&str>,
    output: Option<&Path>,
) -> Result<Outcome> {
    require(env, &[Format::Human], "report")?;
    store::validate_article(article)?;
    for l in [from, to].into_iter().flatten() {
        store::validate_label(l)?;
    }
    let ws = workspace(env)?;
    let manifest = ws.load_manifest(article)?;
    let to_entry = ws.revision(&manifest, to)?;
    let to_pos = manifest.position(&to_entry.label).unwrap_or(0);
    // Compare with the revision before the shown one unless told otherwise.
    let from_entry = match from {
        Some(f) => Some(ws.revision(&manifest, Some(f))?),
        None if to_pos > 0 => Some(&manifest.revisions[to_pos - 1]),
        None => None,
    };
    if from_entry.is_some_and(|f| f.label == to_entry.label) {
        return Err(Error::Usage(format!(
            "--from and --to are both {}; name two different revisions",
            to_entry.label
        )));
    }
    let opts = ws.config.read_options();
    let text = ws.read_snapshot(article, to_entry)?;
    let (_, extracted) = extract_claims(&text, &to_entry.label, &opts);
    let tracked = ws
        .load_claims(article)?
        .map(|f| f.claims)
        .unwrap_or_default();
    let claims = with_reviews(&extracted, &tracked);
    let old = match from_entry {
        Some(f) => {
            let old_text = ws.read_snapshot(article, f)?;
            Some((
                f.label.clone(),
                extract_claims(&old_text, &f.label, &opts).1,
            ))
        }
        None => None,
    };
    let changes = old.as_ref().map(|(_, o)| {
        diff_claims(
            o,
            &extracted,
            DiffOptions {
                threshold: ws.config.diff.similarity,
                ..DiffOptions::default()
            },
        )
    });
    let ledger_text = ws.read_ledger(article)?;
    let verified = ledger::verify(&ledger_text);
    let ledger_problem = verified.problems.first().map(|p| {
        let line = match p {
            ledger::Problem::Malformed { line, .. } | ledger::Problem::Chain { line } => *line,
        };
        format!(
            "The ledger {} breaks at line {line}: the history below stops there. `claimtrail check` says more.",
            ws.rel(&ws.ledger_path(article))
        )
    });
    let registry = ws.config.registry();
    let generator = format!("claimtrail {}", env!("CARGO_PKG_VERSION"));
    let page = html::report(&ReportInput {
        article,
        manifest: &manifest,
        to: to_entry,
        text: &text,
        claims: &claims,
        comparison: match (&old, &changes) {
            (Some((label, o)), Some(ch)) => Some(Comparison {
                from: label,
                old: o,
                changes: ch,
            }),
            _ => None,
        },
        tracked: &tracked,
        ledger: &verified.entries,
        ledger_problem,
        registry: &registry,
        generator: &generator,
    });
    match output {
        Some(path) => {
            store::write_atomic(path, page.as_bytes())?;
            Ok(Outcome::ok(format!(
                "{}: report of {} {} ({}) written\n",
                path.display(),
                article,
                to_entry.label,
                plural(claims.len(), "claim")
            )))
        }
        None => Ok(Outcome::ok(page)),
    }
}

/// The claims of a revision as read, with the review state of the tracked claim of the same hash
/// (status, evidence, note, lineage); a claim nobody tracks yet is unverified.
fn with_reviews(extracted: &[Claim], tracked: &[Claim]) -> Vec<Claim> {
    let mut by_hash: HashMap<&str, &Claim> = HashMap::new();
    for c in tracked {
        // A present claim wins over an earlier one with the same text.
        if c.present || !by_hash.contains_key(c.sha256.as_str()) {
            by_hash.insert(&c.sha256, c);
        }
    }
    extracted
        .iter()
        .map(|c| match by_hash.get(c.sha256.as_str()) {
            Some(t) => Claim {
                status: t.status.clone(),
                evidence: t.evidence.clone(),
                note: t.note.clone(),
                supersedes: t.supersedes.clone(),
                superseded_by: t.superseded_by.clone(),
                history: t.history.clone(),
                first_seen: t.first_seen.clone(),
                ..c.clone()
            },
            None => c.clone(),
        })
        .collect()
}
