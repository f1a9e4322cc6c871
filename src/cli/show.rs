//! `claimtrail show`: one claim by id prefix, with its lineage.

use super::commands::workspace;
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::model::ClaimsFile;
use crate::report::{human, json};

pub(super) fn show(env: &Env, prefix: &str) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "show")?;
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) || prefix.len() > 64 {
        return Err(Error::Usage(format!(
            "{prefix:?} is not a claim id or id prefix (hex digits)"
        )));
    }
    let prefix = prefix.to_ascii_lowercase();
    let ws = workspace(env)?;
    let mut hits: Vec<(String, ClaimsFile, usize)> = Vec::new();
    for article in ws.articles()? {
        if let Some(f) = ws.load_claims(&article)? {
            for (i, c) in f.claims.iter().enumerate() {
                if c.sha256.starts_with(&prefix) {
                    hits.push((article.clone(), f.clone(), i));
                }
            }
        }
    }
    let (article, file, idx) = match hits.len() {
        0 => return Err(Error::UnknownClaim(prefix)),
        1 => hits.remove(0),
        _ => {
            return Err(Error::AmbiguousId {
                prefix,
                candidates: hits
                    .iter()
                    .map(|(a, f, i)| format!("{} ({a})", f.claims[*i].id))
                    .collect(),
            });
        }
    };
    let claim = &file.claims[idx];
    // Lineage: follow `supersedes` back to the first version.
    let mut lineage = vec![claim];
    let mut seen = std::collections::HashSet::new();
    while let Some(s) = &lineage.last().expect("non-empty").supersedes {
        if !seen.insert(s.id.clone()) {
            break;
        }
        match file.claims.iter().find(|c| c.id == s.id) {
            Some(prev) => lineage.push(prev),
            None => break,
        }
    }
    lineage.reverse();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::show(&article, claim, &lineage),
        _ => human::show(&article, claim, &lineage, env.style),
    }))
}
