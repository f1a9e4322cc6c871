//! `claimtrail extract`: read a revision into the claims file, following the alignment.

use super::commands::{Spinner, known_article, workspace};
use crate::cli::{Env, Format, Outcome, require};
use crate::diff::DiffOptions;
use crate::error::{Error, Result};
use crate::extract::occurrences_of;
use crate::model::{Claim, ClaimsFile};
use crate::report::human::Tally;
use crate::report::{human, json};
use crate::store;
use crate::track::{Aside, Fresh, FreshClaims, OldClaims, first_extraction, track_fresh};

pub(super) fn extract(env: &Env, article: &str, rev: Option<&str>) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "extract")?;
    store::validate_article(article)?;
    if let Some(r) = rev {
        store::validate_label(r)?;
    }
    let ws = workspace(env)?;
    known_article(&ws, article)?;
    let _lock = ws.lock()?;
    let existing = old_claims(&ws, article)?;
    let manifest = ws.load_manifest(article)?;
    let entry = ws.revision(&manifest, rev)?;
    let text = ws.read_snapshot(article, entry)?;
    if let Some((f, _)) = &existing {
        let (have, want) = (
            manifest.position(&f.revision),
            manifest.position(&entry.label),
        );
        if let (Some(h), Some(w)) = (have, want)
            && w < h
        {
            return Err(Error::Usage(format!(
                "{} already tracks {}; extracting the older {} would go backwards",
                ws.rel(&ws.claims_path(article)),
                f.revision,
                entry.label
            )));
        }
    }
    let spinner = Spinner::start(
        env,
        text.len(),
        format!("reading {article} {} ({} bytes)", entry.label, text.len()),
    );
    let path = ws.rel(&ws.claims_path(article));
    // When this revision was read before with this configuration (`check` and `review` cache
    // their readings, by the text's bytes), take that reading instead of reading again. A fresh
    // reading is not stored here (see `cache::CacheUse::Take`).
    let cached = crate::cache::cached_claims(&ws, &text, &entry.label);
    let order: Vec<String> = manifest.revisions.iter().map(|r| r.label.clone()).collect();
    let fold = Fold {
        env,
        ws: &ws,
        article,
        rev: &entry.label,
        order: &order,
        opts: DiffOptions {
            threshold: ws.config.diff.similarity,
            ..DiffOptions::default()
        },
        path: &path,
    };
    if let Some(claims) = cached {
        drop(spinner);
        drop(text);
        return fold.run(existing, FreshClaims::new(claims));
    }
    crate::cache::FRESH_READINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let opts = ws.config.read_options();
    if existing.is_none() && env.format != Format::Json {
        // A new article with nothing to align with: its claims go into the file one at a time
        // as they are made (the same bytes; see `ClaimsInFileOrder`), never all held at once.
        let claims = crate::extract::claims_in_file_order(&text, &entry.label, &opts);
        drop(spinner);
        let (mut head, mut summary) = first_extraction(article, &entry.label, claims.occurrences());
        let mut tally = Tally::default();
        ws.record_streamed(
            &mut head,
            &mut summary.ledger,
            claims.inspect(|c| tally.add(c)).map(Ok),
        )?;
        return Ok(Outcome::ok(human::extract(
            article,
            &entry.label,
            &summary,
            &tally,
            &path,
            env.style,
        )));
    }
    // Aligned with the claims file, the fresh claims made only as the file is written.
    let read = occurrences_of(&text, &entry.label, &opts);
    drop(spinner);
    fold.run(existing, read)
}

/// What folding a revision's claims into the claims file needs besides the claims.
struct Fold<'a> {
    env: &'a Env,
    ws: &'a store::Workspace,
    article: &'a str,
    rev: &'a str,
    order: &'a [String],
    opts: DiffOptions,
    path: &'a str,
}

impl Fold<'_> {
    /// Track `fresh` into the claims file `existing` (its head and its claims), or into none.
    fn run<F: Fresh>(
        &self,
        existing: Option<(ClaimsFile, OldClaims<store::Spool>)>,
        fresh: F,
    ) -> Result<Outcome> {
        match existing {
            Some((head, old)) => self.fold(old, head.ledger_head, fresh),
            None => self.fold(OldClaims::new(Vec::new()), None, fresh),
        }
    }

    /// Track `fresh` into `old` and record the result. For people the file is written a claim
    /// at a time and only counted; JSON prints every present claim, so it is held.
    fn fold<F: Fresh, A: Aside>(
        &self,
        old: OldClaims<A>,
        ledger_head: Option<String>,
        mut fresh: F,
    ) -> Result<Outcome> {
        let (env, ws, article) = (self.env, self.ws, self.article);
        let mut tracked = track_fresh(
            old,
            ledger_head,
            article,
            self.rev,
            &fresh,
            self.order,
            self.opts,
        );
        for e in &mut tracked.summary.ledger {
            e.time = env.now.clone();
        }
        if env.format == Format::Json {
            let (mut file, mut summary) = tracked
                .into_file(&mut fresh)
                .map_err(|e| Error::io(ws.claims_path(article), e))?;
            ws.record(&mut file, &mut summary.ledger)?;
            let present: Vec<&Claim> = file.claims.iter().filter(|c| c.present).collect();
            return Ok(Outcome::ok(json::claims(article, &file.revision, &present)));
        }
        let mut tally = Tally::default();
        ws.record_streamed(
            &mut tracked.head,
            &mut tracked.summary.ledger,
            tracked.claims.iter(&mut fresh).inspect(|c| {
                if let Ok(c) = c {
                    tally.add(c);
                }
            }),
        )?;
        Ok(Outcome::ok(human::extract(
            article,
            self.rev,
            &tracked.summary,
            &tally,
            self.path,
            env.style,
        )))
    }
}

/// The article's claims file, checked before anything is written, as tracking holds it: its
/// head, and its claims (see [`OldClaims`]) with what tracking does not need of them set aside
/// in a temporary file. The file is checked a claim at a time as it is parsed and never held
/// whole; one that cannot be read so (its ledger runs ahead of it, and it is rolled forward) is
/// loaded whole first. `None` when the article has no claims file yet.
fn old_claims(
    ws: &store::Workspace,
    article: &str,
) -> Result<Option<(ClaimsFile, OldClaims<store::Spool>)>> {
    use crate::check::WriteKind::Extract;
    // No spool where there is nothing to set aside, or where one cannot be made (a claims
    // folder that is a symbolic link): the file is then loaded whole, and the checks say what
    // stops the write.
    let mut old = ws
        .claims_file_state(article)
        .and_then(|_| ws.spool(article).ok())
        .map(OldClaims::new);
    let mut failed = None;
    let streamed =
        super::commands::refuse_if_blocked_streamed(ws, article, Extract, &mut |_, c| {
            if let Some(old) = &mut old
                && failed.is_none()
                && let Err(e) = old.push(c)
            {
                failed = Some(e);
            }
        })?;
    let dir = ws.claims_path(article).with_file_name("");
    if let (Some(head), Some(old)) = (streamed, old) {
        if let Some(e) = failed {
            return Err(Error::io(&dir, e));
        }
        return Ok(Some((head, old)));
    }
    let file = match super::commands::refuse_if_blocked(ws, article, Extract)? {
        Some(file) => Some(file),
        None => ws.load_claims(article)?,
    };
    let Some(mut file) = file else {
        return Ok(None);
    };
    let claims = std::mem::take(&mut file.claims);
    let old = OldClaims::of(claims, ws.spool(article)?).map_err(|e| Error::io(&dir, e))?;
    Ok(Some((file, old)))
}
