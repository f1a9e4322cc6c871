//! `claimtrail show`: one claim by id prefix, with its lineage.

use std::collections::HashMap;

use super::commands::{AMBIGUOUS_SHOWN, id_prefix, workspace};
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::model::{Claim, ClaimsFile};
use crate::report::{human, json};

pub(super) fn show(env: &Env, raw: &str) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "show")?;
    let prefix = id_prefix(raw)?;
    let ws = workspace(env)?;
    // Keep only the file of the first match and the names of the others: a short prefix can match
    // thousands of claims, and the search stops as soon as the prefix is known to be ambiguous.
    let mut found: Option<(String, ClaimsFile, usize)> = None;
    let mut candidates: Vec<String> = Vec::new();
    let mut more = false;
    'articles: for article in ws.articles()? {
        let Some(f) = ws.load_claims(&article)? else {
            continue;
        };
        let hits: Vec<usize> = f
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.sha256.starts_with(&prefix))
            .map(|(i, _)| i)
            .take(AMBIGUOUS_SHOWN + 1)
            .collect();
        for &i in &hits {
            if candidates.len() == AMBIGUOUS_SHOWN {
                more = true;
                break 'articles;
            }
            candidates.push(format!("{} ({article})", f.claims[i].id));
        }
        if found.is_none()
            && let Some(&i) = hits.first()
        {
            found = Some((article, f, i));
        }
    }
    if more {
        return Err(Error::AmbiguousId {
            prefix,
            candidates,
            more,
        });
    }
    let (article, file, idx) = match (found, candidates.len()) {
        (None, _) => {
            return Err(Error::UnknownClaim {
                prefix,
                article: None,
            });
        }
        (Some(hit), 1) => hit,
        _ => {
            return Err(Error::AmbiguousId {
                prefix,
                candidates,
                more,
            });
        }
    };
    let claim = &file.claims[idx];
    let lineage = lineage(&file, claim);
    Ok(Outcome::ok(match env.format {
        Format::Json => json::show(&article, claim, &lineage),
        _ => human::show(&article, claim, &lineage, env.style),
    }))
}

/// Follow `supersedes` back to the first version, oldest first (the claim itself last). The index
/// by id is built once, so each step is a lookup.
fn lineage<'a>(file: &'a ClaimsFile, claim: &'a Claim) -> Vec<&'a Claim> {
    let by_id: HashMap<&str, &Claim> = file.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = vec![claim];
    let mut seen = std::collections::HashSet::new();
    while let Some(s) = &out.last().expect("non-empty").supersedes {
        if !seen.insert(s.id.as_str()) {
            break;
        }
        match by_id.get(s.id.as_str()) {
            Some(prev) => out.push(prev),
            None => break,
        }
    }
    out.reverse();
    out
}
