//! Owns dispatch: each subcommand lives in its own module; the helpers they share are here.

use super::{Command, Env, Outcome, SnapshotCmd};
use crate::error::{Error, Result};
use crate::extract::ReadOptions;
use crate::model::ClaimsFile;
use crate::store::{self, Workspace};

pub fn run(cmd: Command, env: &Env) -> Result<Outcome> {
    match cmd {
        Command::Init { .. } => super::init::init(env),
        Command::Snapshot(SnapshotCmd::Add {
            article,
            file,
            headers,
            label,
            url,
            captured_at,
            ..
        }) => super::snapshot::snapshot_add(
            env,
            &article,
            &file,
            &headers,
            label.as_deref(),
            url.as_deref(),
            captured_at.as_deref(),
        ),
        Command::Snapshot(SnapshotCmd::List { article, .. }) => {
            super::snapshot::snapshot_list(env, &article)
        }
        Command::Snapshot(SnapshotCmd::Reread { article, rev, .. }) => {
            super::snapshot::snapshot_reread(env, &article, rev.as_deref())
        }
        Command::Extract { article, rev, .. } => {
            super::extract::extract(env, &article, rev.as_deref())
        }
        Command::Claims {
            article,
            unsupported,
            checkable,
            status,
            all,
            ..
        } => super::claims::claims(
            env,
            &article,
            super::claims::Filter {
                unsupported,
                checkable,
                status: status.as_deref(),
                all,
            },
        ),
        Command::Show { id, .. } => super::show::show(env, &id),
        Command::Inspect { file, .. } => super::inspect::inspect(env, &file),
        Command::Hash { text, .. } => super::hash::hash(env, &text),
        Command::Text { input, headers, .. } => super::text::text(env, &input, &headers),
        Command::Check {
            articles,
            strict,
            baseline,
            write_baseline,
            output_file,
            since,
            run,
            ..
        } => super::check::check_cmd(
            env,
            &articles,
            strict,
            baseline.as_deref(),
            write_baseline.as_deref(),
            output_file.as_deref(),
            since.as_deref(),
            &run,
        ),
        Command::Review {
            article,
            ids,
            status,
            evidence,
            note,
            by,
            at,
            ..
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
        Command::Log { article, id, .. } => super::log::log(env, &article, id.as_deref()),
        Command::Diff {
            args,
            files,
            exit_code,
            ..
        } => super::diff::diff(env, &args, files, exit_code),
        Command::Codes { .. } => super::codes::codes(env),
        Command::Export { article, .. } => super::export::export(env, &article),
        Command::Completions { shell } => super::completions::completions(env, shell),
        Command::Man => super::completions::man(env),
        Command::Report {
            article,
            from,
            to,
            output,
        } => super::report::report(
            env,
            &article,
            from.as_deref(),
            to.as_deref(),
            output.as_deref(),
        ),
        Command::Fetch {
            articles,
            feed,
            headers,
            exit_code,
            ..
        } => super::fetch::fetch(env, &articles, &feed, &headers, exit_code),
    }
}

pub(super) fn workspace(env: &Env) -> Result<Workspace> {
    Workspace::discover(&env.cwd)
}

/// How many candidates an ambiguous id prefix lists before it stops looking.
pub(super) const AMBIGUOUS_SHOWN: usize = 5;

/// Fail with did-you-mean suggestions unless the workspace has `article`.
pub(super) fn known_article(ws: &Workspace, article: &str) -> Result<()> {
    store::validate_article(article)?;
    let articles = ws.articles()?;
    if articles.iter().any(|a| a == article) {
        return Ok(());
    }
    Err(Error::NoSuchArticle {
        article: article.to_string(),
        similar: similar_names(article, &articles),
    })
}

/// The names close to `name`, nearest first (at most three), as cargo suggests commands: a
/// normalized edit similarity of at least 0.7, with hyphens ignored so "centralasia" finds
/// "central-asia".
fn similar_names(name: &str, names: &[String]) -> Vec<String> {
    let bare = |s: &str| s.replace('-', "");
    let mut scored: Vec<(f64, &String)> = names
        .iter()
        .map(|n| {
            let score = strsim::normalized_damerau_levenshtein(name, n).max(
                strsim::normalized_damerau_levenshtein(&bare(name), &bare(n)),
            );
            (score, n)
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n.clone()).collect()
}

pub(super) fn load_claims_required(ws: &Workspace, article: &str) -> Result<ClaimsFile> {
    known_article(ws, article)?;
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

/// A claim id or id prefix, lower-cased: 1 to 64 hex digits.
pub(super) fn id_prefix(raw: &str) -> Result<String> {
    if raw.is_empty() || raw.len() > 64 || !raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Usage(format!(
            "{raw:?} is not a claim id or id prefix (1 to 64 hex digits)"
        )));
    }
    Ok(raw.to_ascii_lowercase())
}

/// The claims an id prefix matched, in the file's order: index and id.
type Matches = Vec<(usize, crate::model::ClaimId)>;

/// Id prefixes resolved against one claims file, whose claims it sees one at a time (as the
/// file is parsed): every id must match exactly one claim. Keeps a copy of each claim a prefix
/// matches (a few: it stops counting a prefix's matches past what an error shows).
pub(super) struct IdResolver<'a> {
    ids: &'a [String],
    /// Each id's prefix (or why it is none), with the claims it matched.
    prefixes: Vec<(Result<String>, Matches)>,
    matched: std::collections::BTreeMap<usize, crate::model::Claim>,
}

impl<'a> IdResolver<'a> {
    pub(super) fn new(ids: &'a [String]) -> IdResolver<'a> {
        IdResolver {
            ids,
            prefixes: ids.iter().map(|raw| (id_prefix(raw), Vec::new())).collect(),
            matched: std::collections::BTreeMap::new(),
        }
    }

    /// The file's claim at index `i`, in the file's order; whether an id names it (it is then
    /// what the ids resolve to, unless they fail to).
    pub(super) fn see(&mut self, i: usize, c: &crate::model::Claim) -> bool {
        let mut named = false;
        for (p, hits) in &mut self.prefixes {
            if let Ok(p) = p
                && c.sha256.starts_with(p.as_str())
            {
                named = true;
                if hits.len() <= AMBIGUOUS_SHOWN {
                    hits.push((i, c.id.clone()));
                    self.matched.entry(i).or_insert_with(|| c.clone());
                }
            }
        }
        named
    }

    /// The claims the ids name, each once, in the order first named, with their indices; the
    /// first id (in the order given) that is no id, or matches no claim or several, is the
    /// error.
    pub(super) fn finish(mut self, article: &str) -> Result<Vec<(usize, crate::model::Claim)>> {
        let mut out: Vec<usize> = Vec::new();
        for (raw, (p, hits)) in self.ids.iter().zip(self.prefixes) {
            p?;
            match hits.len() {
                0 => {
                    return Err(Error::UnknownClaim {
                        prefix: raw.clone(),
                        article: Some(article.to_string()),
                    });
                }
                1 => {
                    if !out.contains(&hits[0].0) {
                        out.push(hits[0].0);
                    }
                }
                n => {
                    return Err(Error::AmbiguousId {
                        prefix: raw.clone(),
                        candidates: hits
                            .into_iter()
                            .take(AMBIGUOUS_SHOWN)
                            .map(|(_, id)| id.to_string())
                            .collect(),
                        more: n > AMBIGUOUS_SHOWN,
                    });
                }
            }
        }
        Ok(out
            .into_iter()
            .map(|i| {
                (
                    i,
                    self.matched.remove(&i).expect("a matched claim was kept"),
                )
            })
            .collect())
    }
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

/// [`refuse_if_blocked`] with the claims file checked a claim at a time as it is parsed, each
/// claim handed to `on_claim` in the file's order with the revision the file tracks: gives
/// back the file's head (its claims empty), or `None` when the file was not read so
/// (`on_claim`'s claims must then be thrown away, and `refuse_if_blocked` run, which loads it
/// whole and rolls it forward).
pub(super) fn refuse_if_blocked_streamed(
    ws: &Workspace,
    article: &str,
    kind: crate::check::WriteKind,
    on_claim: &mut dyn FnMut(&str, crate::model::Claim),
) -> Result<Option<ClaimsFile>> {
    crate::store::validate_article(article)?;
    match crate::check::blocking_streamed(ws, article, kind, on_claim) {
        None => Ok(None),
        Some((None, head)) => Ok(Some(head)),
        Some((Some(f), _)) => Err(blocked(ws, article, &f)),
    }
}

/// Why a write is refused: the finding that blocks it.
fn blocked(ws: &Workspace, article: &str, f: &crate::check::Finding) -> Error {
    Error::Config {
        path: ws.root.join(f.file.as_deref().unwrap_or(article)),
        message: format!(
            "{} ({}): nothing was written; restore the file from version control, then see `claimtrail check {article}`",
            f.message, f.code
        ),
    }
}

/// Roll the claims file forward to review lines its ledger already holds, then refuse to write
/// on an article that `check` reports as corrupt or hand-edited, naming the finding that blocks
/// the write. Call under the lock (after recovery), before writing. Gives back the claims file
/// as loaded (and rolled forward) when it parsed, so the command need not parse it again.
pub(super) fn refuse_if_blocked(
    ws: &Workspace,
    article: &str,
    kind: crate::check::WriteKind,
) -> Result<Option<crate::model::ClaimsFile>> {
    crate::store::validate_article(article)?;
    // The claims file is parsed once, by the checks; the command goes on with it.
    let mut rolled = Ok(0);
    let load = || {
        let mut loaded = ws.load_claims(article);
        if kind != crate::check::WriteKind::Snapshot
            && let Ok(Some(file)) = &mut loaded
        {
            rolled = ws.roll_forward(file);
        }
        loaded
    };
    let blocking = crate::check::blocking_loaded(ws, article, kind, load);
    rolled?;
    match blocking {
        (None, file) => Ok(file),
        (Some(f), _) => Err(blocked(ws, article, &f)),
    }
}
