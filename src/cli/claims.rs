//! `claimtrail claims`: list an article's tracked claims.

use super::commands::{load_claims_required, workspace};
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::model::{Claim, Status};
use crate::report::{human, json};
use crate::store;

/// Which claims to list.
pub(super) struct Filter<'a> {
    pub unsupported: bool,
    pub checkable: bool,
    pub status: Option<&'a str>,
    pub all: bool,
}

pub(super) fn claims(env: &Env, article: &str, filter: Filter<'_>) -> Result<Outcome> {
    let Filter {
        unsupported,
        checkable,
        status,
        all,
    } = filter;
    require(env, &[Format::Human, Format::Json], "claims")?;
    store::validate_article(article)?;
    let status = match status {
        Some(s) => {
            let st = Status::parse(s);
            if !st.is_known() {
                let known: Vec<&str> = Status::KNOWN.iter().map(|k| k.as_str()).collect();
                return Err(Error::Usage(format!(
                    "unknown status {s:?}; use one of {}",
                    known.join(", ")
                )));
            }
            Some(st)
        }
        None => None,
    };
    let ws = workspace(env)?;
    let file = load_claims_required(&ws, article)?;
    let list: Vec<&Claim> = file
        .claims
        .iter()
        .filter(|c| all || c.present)
        .filter(|c| !unsupported || (c.present && c.is_unsupported()))
        .filter(|c| !checkable || c.checkable)
        .filter(|c| status.as_ref().is_none_or(|s| &c.status == s))
        .collect();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::claims(article, &file.revision, &list),
        _ => human::claims(&list, env.style),
    }))
}
