//! `claimtrail log`: the review ledger, newest first.

use super::commands::workspace;
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::ledger;
use crate::report::{json, plural};
use crate::store;
use serde::Serialize;

pub(super) fn log(env: &Env, article: &str, id: Option<&str>) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "log")?;
    store::validate_article(article)?;
    let ws = workspace(env)?;
    if !ws.articles()?.iter().any(|a| a == article) {
        return Err(Error::UnknownArticle(article.to_string()));
    }
    let text = ws.read_ledger(article)?;
    let v = ledger::verify(&text);
    if let Some(p) = v.problems.first() {
        let line = match p {
            ledger::Problem::Malformed { line, .. } | ledger::Problem::Chain { line } => *line,
        };
        return Err(Error::Config {
            path: ws.ledger_path(article),
            message: format!("line {line} breaks the ledger chain; `claimtrail check` says more"),
        });
    }
    let prefix = id.map(|s| s.to_ascii_lowercase());
    // An id that names no claim is an error, as it is for `show`, not an empty log.
    if let (Some(raw), Some(p)) = (id, prefix.as_deref()) {
        let in_file = ws
            .load_claims(article)?
            .is_some_and(|f| f.claims.iter().any(|c| c.sha256.starts_with(p)));
        let in_ledger = v.entries.iter().any(|e| e.sha256.starts_with(p));
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::Usage(format!(
                "{raw:?} is not a claim id or id prefix (hex digits)"
            )));
        }
        if !in_file && !in_ledger {
            return Err(Error::UnknownClaim(format!("{raw} (in {article})")));
        }
    }
    let mut entries: Vec<&ledger::Entry> = v
        .entries
        .iter()
        .filter(|e| {
            prefix.as_deref().is_none_or(|p| {
                e.sha256.starts_with(p) || e.supersedes.as_deref().is_some_and(|s| s.starts_with(p))
            })
        })
        .collect();
    entries.reverse();
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        entries: Vec<&'a ledger::Entry>,
    }
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { article, entries }),
        _ => {
            let mut out = String::new();
            for e in &entries {
                out.push_str(&format!(
                    "{} {} {} {}: {} -> {}\n",
                    e.time,
                    env.style.cyan(&e.claim),
                    e.event,
                    e.by,
                    e.from,
                    e.to
                ));
                for ev in &e.evidence {
                    if let Some(u) = &ev.url {
                        out.push_str(&format!("    evidence {u}\n"));
                    }
                }
                if let Some(n) = &e.note {
                    out.push_str(&format!("    note {n}\n"));
                }
            }
            out.push_str(&format!(
                "{}\n",
                plural(entries.len(), "entry").replace("entrys", "entries")
            ));
            out
        }
    }))
}
