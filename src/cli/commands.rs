//! Owns dispatch: each subcommand lives in its own module; the helpers they share are here.

use super::{Command, Env, Outcome, SnapshotCmd};
use crate::error::{Error, Result};
use crate::extract::ReadOptions;
use crate::model::ClaimsFile;
use crate::store::Workspace;

pub fn run(cmd: Command, env: &Env) -> Result<Outcome> {
    match cmd {
        Command::Init => super::init::init(env),
        Command::Snapshot(SnapshotCmd::Add {
            article,
            file,
            headers,
            label,
            url,
            captured_at,
        }) => super::snapshot::snapshot_add(
            env,
            &article,
            &file,
            &headers,
            label.as_deref(),
            url.as_deref(),
            captured_at.as_deref(),
        ),
        Command::Snapshot(SnapshotCmd::List { article }) => {
            super::snapshot::snapshot_list(env, &article)
        }
        Command::Snapshot(SnapshotCmd::Reread { article, rev }) => {
            super::snapshot::snapshot_reread(env, &article, rev.as_deref())
        }
        Command::Extract { article, rev } => super::extract::extract(env, &article, rev.as_deref()),
        Command::Claims {
            article,
            unsupported,
            status,
            all,
        } => super::claims::claims(env, &article, unsupported, status.as_deref(), all),
        Command::Show { id } => super::show::show(env, &id),
        Command::Inspect { file } => super::inspect::inspect(env, &file),
        Command::Text { input, headers } => super::text::text(env, &input, &headers),
        Command::Hash { text } => super::hash::hash(env, &text),
        Command::Check {
            articles,
            strict,
            baseline,
            write_baseline,
            output_file,
        } => super::check::check_cmd(
            env,
            &articles,
            strict,
            baseline.as_deref(),
            write_baseline.as_deref(),
            output_file.as_deref(),
        ),
        Command::Review {
            article,
            ids,
            status,
            evidence,
            note,
            by,
            at,
        } => super::review::review(
            env,
            &article,
            &ids,
            &status,
            &evidence,
            note.as_deref(),
            by.as_deref(),
            at.as_deref(),
        ),
        Command::Log { article, id } => super::log::log(env, &article, id.as_deref()),
        Command::Diff {
            args,
            files,
            exit_code,
        } => super::diff::diff(env, &args, files, exit_code),
        Command::Codes => super::codes::codes(env),
        Command::Fetch {
            articles,
            feed,
            headers,
            exit_code,
        } => super::fetch::fetch(env, &articles, &feed, &headers, exit_code),
    }
}

pub(super) fn workspace(env: &Env) -> Result<Workspace> {
    Workspace::discover(&env.cwd)
}

pub(super) fn load_claims_required(ws: &Workspace, article: &str) -> Result<ClaimsFile> {
    ws.load_claims(article)?.ok_or_else(|| Error::NoClaims {
        article: article.to_string(),
    })
}

pub(super) fn read_options_here(env: &Env) -> Result<ReadOptions> {
    match Workspace::discover(&env.cwd) {
        Ok(ws) => Ok(ws.config.read_options()),
        Err(Error::NoWorkspace { .. }) => Ok(ReadOptions::default()),
        Err(e) => Err(e),
    }
}

/// Resolve id prefixes against one claims file: every id must match exactly one claim.
pub(super) fn resolve_ids(file: &ClaimsFile, ids: &[String]) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    for raw in ids {
        let p = raw.to_ascii_lowercase();
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::Usage(format!(
                "{raw:?} is not a claim id or id prefix (hex digits)"
            )));
        }
        let hits: Vec<usize> = file
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.sha256.starts_with(&p))
            .map(|(i, _)| i)
            .collect();
        match hits.len() {
            0 => return Err(Error::UnknownClaim(format!("{raw} (in {})", file.article))),
            1 => {
                if !out.contains(&hits[0]) {
                    out.push(hits[0]);
                }
            }
            _ => {
                return Err(Error::AmbiguousId {
                    prefix: raw.clone(),
                    candidates: hits.iter().map(|&i| file.claims[i].id.clone()).collect(),
                });
            }
        }
    }
    Ok(out)
}

/// Texts at least this large get a spinner while they are read (on a terminal).
const SPINNER_BYTES: usize = 4 * 1024 * 1024;

/// A spinner on stderr for long work, when stderr is a terminal; cleared when dropped.
pub(super) struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    pub(super) fn start(env: &Env, bytes: usize, message: String) -> Spinner {
        if !env.progress || bytes < SPINNER_BYTES {
            return Spinner(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(message);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Spinner(Some(bar))
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
