//! `claimtrail review`: record verdicts in the claims file and the ledger.

use super::commands::{IdResolver, load_claims_required, workspace};
use crate::check;
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::ledger;
use crate::model::{Claim, Evidence, Status};
use crate::report::json;
use crate::store;
use serde::Serialize;

#[allow(clippy::too_many_arguments)]
pub(super) fn review(
    env: &Env,
    article: &str,
    ids: &[String],
    status: &str,
    evidence: &[String],
    note: Option<&str>,
    by: Option<&str>,
    at: Option<&str>,
) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "review")?;
    store::validate_article(article)?;
    // Everything is validated before anything is written.
    let status = Status::parse(status);
    if !status.is_known() {
        let known: Vec<&str> = Status::KNOWN.iter().map(|k| k.as_str()).collect();
        return Err(Error::Usage(format!(
            "unknown status {:?}; use one of {}",
            status.as_str(),
            known.join(", ")
        )));
    }
    for u in evidence {
        if !check::is_http_url(u) {
            return Err(Error::Usage(format!(
                "--evidence {u:?} is not an http(s) URL"
            )));
        }
    }
    if let Some(t) = at
        && !store::is_rfc3339(t)
    {
        return Err(Error::Usage(format!(
            "--at {t:?} is not an RFC 3339 time such as 2024-05-16T08:00:00Z"
        )));
    }
    let time = at.map(str::to_string).unwrap_or_else(|| env.now.clone());
    let ws = workspace(env)?;
    let _lock = ws.lock()?;
    // The claims file is checked and its ids resolved a claim at a time as it is parsed, then
    // rewritten claim by claim: a long article's file is never in memory whole. A file that
    // cannot be read so (or whose ledger runs ahead of it) is loaded whole, as before.
    let state = ws.claims_file_state(article);
    let mut resolver = IdResolver::new(ids);
    let mut seen = 0;
    let streamed = super::commands::refuse_if_blocked_streamed(
        &ws,
        article,
        crate::check::WriteKind::Review,
        &mut |c| {
            resolver.see(seen, c);
            seen += 1;
        },
    )?;
    // `loaded` is the file's head (its claims empty) when streamed, the whole file if not.
    let (mut loaded, mut targets, streamed) = match (streamed, state) {
        (Some(head), Some(state)) => {
            let targets = resolver.finish(&head.article)?;
            (head, targets, Some(state))
        }
        _ => {
            let file = match super::commands::refuse_if_blocked(
                &ws,
                article,
                crate::check::WriteKind::Review,
            )? {
                Some(file) => file,
                // No claims file (or one that did not parse): say so as before.
                None => load_claims_required(&ws, article)?,
            };
            let mut resolver = IdResolver::new(ids);
            for (i, c) in file.claims.iter().enumerate() {
                resolver.see(i, c);
            }
            let targets = resolver.finish(&file.article)?;
            (file, targets, None)
        }
    };
    // Who reviews is asked only once the ids are known to be good, so a bad id is what gets said.
    let by = by
        .map(str::to_string)
        .or_else(|| env.reviewer.clone())
        .or_else(|| git_user_name(env))
        .filter(|b| !b.trim().is_empty())
        .ok_or_else(|| {
            Error::Usage(
                "say who reviews: --by NAME (or set CLAIMTRAIL_REVIEWER, or git config user.name)"
                    .to_string(),
            )
        })?;
    let new_evidence: Vec<Evidence> = evidence
        .iter()
        .map(|u| Evidence {
            url: Some(u.clone()),
            note: None,
        })
        .collect();
    let mut entries = Vec::new();
    for (_, c) in &mut targets {
        entries.push(ledger::Entry {
            time: time.clone(),
            by: by.clone(),
            event: "review".to_string(),
            claim: c.id.clone(),
            sha256: c.sha256.clone(),
            supersedes: None,
            from: c.status.clone(),
            to: status.clone(),
            evidence: new_evidence.clone(),
            note: note.map(str::to_string),
            prev: String::new(),
        });
        c.history.push(crate::model::StatusChange {
            rev: loaded.revision.as_str().into(),
            from: c.status.clone(),
            to: status.clone(),
            reason: format!("review by {by}"),
        });
        c.status = status.clone();
        for e in &new_evidence {
            if !c.evidence.contains(e) {
                c.evidence.push(e.clone());
            }
        }
        if let Some(n) = note {
            c.note = Some(n.into());
        }
    }
    if let Some(state) = streamed {
        let reviewed: std::collections::BTreeMap<usize, &Claim> =
            targets.iter().map(|(i, c)| (*i, c)).collect();
        // The reviewed claims go back where they were read, and only if they are still there.
        ws.record_rewritten(&mut loaded, &state, &mut entries, |i, c| {
            match reviewed.get(&i) {
                Some(r) => (c.id == r.id && c.sha256 == r.sha256).then(|| (*r).clone()),
                None => Some(c),
            }
        })?;
    } else {
        for (i, c) in &targets {
            loaded.claims[*i] = c.clone();
        }
        ws.record(&mut loaded, &mut entries)?;
    }
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        reviewed: Vec<&'a Claim>,
    }
    let reviewed: Vec<&Claim> = targets.iter().map(|(_, c)| c).collect();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { article, reviewed }),
        _ => reviewed
            .iter()
            .map(|c| {
                format!(
                    "{} {} -> {}\n",
                    c.id,
                    c.history.last().map(|h| h.from.as_str()).unwrap_or(""),
                    c.status
                )
            })
            .collect(),
    }))
}

/// `git config user.name` as seen from the working folder, when git is installed and it is set.
fn git_user_name(env: &Env) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(&env.cwd)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}
