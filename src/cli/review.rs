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
    // Who reviews is asked before the claims are read (a reviewed claim is written as it is
    // read), but said only once the ids are known to be good, so a bad id is what gets said.
    let who = by
        .map(str::to_string)
        .or_else(|| env.reviewer.clone())
        .or_else(|| git_user_name(env))
        .filter(|b| !b.trim().is_empty());
    let verdict = Verdict {
        status,
        evidence: evidence
            .iter()
            .map(|u| Evidence {
                url: Some(u.clone()),
                note: None,
            })
            .collect(),
        note,
        by: who.as_deref().unwrap_or_default(),
    };
    // The claims file is checked, its ids resolved and its claims written (the reviewed ones
    // with the verdict) a claim at a time as it is parsed, the file's head last, once the
    // ledger line is known: a long article's file is never in memory whole, and is parsed
    // once. A file that cannot be read so (or whose ledger runs ahead of it) is loaded whole.
    let state = ws.claims_file_state(article);
    let mut resolver = IdResolver::new(ids);
    let mut body = ws.claims_body(article);
    let mut seen = 0;
    let streamed = super::commands::refuse_if_blocked_streamed(
        &ws,
        article,
        crate::check::WriteKind::Review,
        &mut |revision, c| {
            if resolver.see(seen, &c) {
                body.claim(&verdict.applied(c, revision));
            } else {
                body.claim(&c);
            }
            seen += 1;
        },
    )?;
    // `loaded` is the file's head (its claims empty) when streamed, the whole file if not.
    let (mut loaded, targets, streamed) = match (streamed, state) {
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
    if who.is_none() {
        return Err(Error::Usage(
            "say who reviews: --by NAME (or set CLAIMTRAIL_REVIEWER, or git config user.name)"
                .to_string(),
        ));
    }
    let mut entries = Vec::new();
    let mut reviewed = Vec::new();
    for (i, c) in targets {
        entries.push(ledger::Entry {
            time: time.clone(),
            by: verdict.by.to_string(),
            event: "review".to_string(),
            claim: c.id.clone(),
            sha256: c.sha256.clone(),
            supersedes: None,
            from: c.status.clone(),
            to: verdict.status.clone(),
            evidence: verdict.evidence.clone(),
            note: note.map(str::to_string),
            prev: String::new(),
        });
        reviewed.push((i, verdict.applied(c, &loaded.revision)));
    }
    match streamed {
        Some(state) => ws.record_body(&mut loaded, &state, &mut entries, body)?,
        None => {
            for (i, c) in &reviewed {
                loaded.claims[*i] = c.clone();
            }
            ws.record(&mut loaded, &mut entries)?;
        }
    }
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        reviewed: Vec<&'a Claim>,
    }
    let reviewed: Vec<&Claim> = reviewed.iter().map(|(_, c)| c).collect();
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

/// What a verdict does to each claim it reviews.
struct Verdict<'a> {
    status: Status,
    evidence: Vec<Evidence>,
    note: Option<&'a str>,
    by: &'a str,
}

impl Verdict<'_> {
    /// `c` reviewed in `revision`: the status, a history step, the new evidence, the note.
    fn applied(&self, mut c: Claim, revision: &str) -> Claim {
        c.history.push(crate::model::StatusChange {
            rev: revision.into(),
            from: c.status.clone(),
            to: self.status.clone(),
            reason: format!("review by {}", self.by),
        });
        c.status = self.status.clone();
        for e in &self.evidence {
            if !c.evidence.contains(e) {
                c.evidence.push(e.clone());
            }
        }
        if let Some(n) = self.note {
            c.note = Some(n.into());
        }
        c
    }
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
