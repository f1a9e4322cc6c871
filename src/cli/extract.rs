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
use crate::track::{Fresh, FreshClaims, first_extraction, track_fresh};

pub(super) fn extract(env: &Env, article: &str, rev: Option<&str>) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "extract")?;
    store::validate_article(article)?;
    if let Some(r) = rev {
        store::validate_label(r)?;
    }
    let ws = workspace(env)?;
    known_article(&ws, article)?;
    let _lock = ws.lock()?;
    let checked =
        super::commands::refuse_if_blocked(&ws, article, crate::check::WriteKind::Extract)?;
    let manifest = ws.load_manifest(article)?;
    let entry = ws.revision(&manifest, rev)?;
    let text = ws.read_snapshot(article, entry)?;
    let existing = match checked {
        Some(file) => Some(file),
        None => ws.load_claims(article)?,
    };
    if let Some(f) = &existing {
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
            claims.inspect(|c| tally.add(c)),
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
    /// Track `fresh` into `existing` and record the result. For people the file is written a
    /// claim at a time and only counted; JSON prints every present claim, so it is held.
    fn run<F: Fresh>(&self, existing: Option<ClaimsFile>, mut fresh: F) -> Result<Outcome> {
        let (env, ws, article) = (self.env, self.ws, self.article);
        let mut tracked = track_fresh(existing, article, self.rev, &fresh, self.order, self.opts);
        for e in &mut tracked.summary.ledger {
            e.time = env.now.clone();
        }
        if env.format == Format::Json {
            let (mut file, mut summary) = tracked.into_file(&mut fresh);
            ws.record(&mut file, &mut summary.ledger)?;
            let present: Vec<&Claim> = file.claims.iter().filter(|c| c.present).collect();
            return Ok(Outcome::ok(json::claims(article, &file.revision, &present)));
        }
        let mut tally = Tally::default();
        ws.record_streamed(
            &mut tracked.head,
            &mut tracked.summary.ledger,
            tracked.claims.iter(&mut fresh).inspect(|c| tally.add(c)),
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
