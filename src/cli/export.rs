//! `claimtrail export`: an article's reviews as schema.org ClaimReview JSON-LD, or its claims as
//! W3C Web Annotations.

use super::commands::{load_claims_required, workspace};
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::ledger;
use crate::model::Claim;
use crate::report::{annotation, claimreview};
use crate::store;

pub(super) fn export(env: &Env, article: &str) -> Result<Outcome> {
    require(env, &[Format::Claimreview, Format::W3cAnnotation], "export")?;
    store::validate_article(article)?;
    let ws = workspace(env)?;
    let manifest = ws.load_manifest(article)?;
    let file = load_claims_required(&ws, article)?;
    let stdout = match env.format {
        Format::Claimreview => {
            let text = ws.read_ledger(article)?;
            let verified = ledger::verify(&text);
            if let Some(p) = verified.problems.first() {
                let line = match p {
                    ledger::Problem::Malformed { line, .. } | ledger::Problem::Chain { line } => {
                        *line
                    }
                };
                return Err(Error::Config {
                    path: ws.ledger_path(article),
                    message: format!(
                        "line {line} breaks the ledger chain; reviews are not exported from a broken ledger (`claimtrail check` says more)"
                    ),
                });
            }
            let (json, skipped) = claimreview::export(
                article,
                &manifest,
                &file.claims,
                &verified.entries,
                ws.config.publisher.as_ref(),
                &ws.config.registry(),
            );
            for s in &skipped {
                eprintln!(
                    "claimtrail: note: claim {} not exported: {}",
                    s.id, s.reason
                );
            }
            json
        }
        _ => {
            let rev = ws.revision(&manifest, Some(&file.revision))?;
            let text = ws.read_snapshot(article, rev)?;
            let present: Vec<&Claim> = file
                .claims
                .iter()
                .filter(|c| c.present && c.anchor.rev == rev.label)
                .collect();
            annotation::export(article, rev, &text, &present)
        }
    };
    Ok(Outcome::ok(stdout))
}
