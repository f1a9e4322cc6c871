//! `claimtrail extract`: read a revision into the claims file, following the alignment.

use super::commands::{Spinner, known_article, workspace};
use crate::cli::{Env, Format, Outcome, require};
use crate::diff::DiffOptions;
use crate::error::{Error, Result};
use crate::model::Claim;
use crate::report::human::Tally;
use crate::report::{human, json};
use crate::store;
use crate::track::{first_extraction, track};

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
    // A new article with nothing to align with, read afresh: its claims go into the file one at
    // a time as they are made (the same bytes; see `ClaimsInFileOrder`), never all held at once.
    // JSON output prints them all, so it takes the path below.
    let cached = || crate::cache::cached_claims(&ws, &text, &entry.label);
    let fresh = match existing {
        None if env.format != Format::Json => cached().ok_or(()),
        _ => Ok(crate::cache::read_claims(
            &ws,
            &text,
            &entry.label,
            // When the claims file tracks this revision already, `check` or `review` may have
            // cached its reading (by the text's bytes): take it instead of reading again. A fresh
            // reading is not stored here; see `CacheUse::Take`.
            crate::cache::CacheUse::Take,
        )),
    };
    let Ok(fresh) = fresh else {
        crate::cache::FRESH_READINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let claims =
            crate::extract::claims_in_file_order(&text, &entry.label, &ws.config.read_options());
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
    };
    drop(spinner);
    // The text is read; the alignment below is the peak of a later extraction.
    drop(text);
    let order: Vec<String> = manifest.revisions.iter().map(|r| r.label.clone()).collect();
    let opts = DiffOptions {
        threshold: ws.config.diff.similarity,
        ..DiffOptions::default()
    };
    let (mut file, mut summary) = track(existing, article, &entry.label, fresh, &order, opts);
    if !summary.ledger.is_empty() {
        let now = env.now.clone();
        for e in &mut summary.ledger {
            e.time = now.clone();
        }
    }
    ws.record(&mut file, &mut summary.ledger)?;
    Ok(Outcome::ok(match env.format {
        Format::Json => {
            let present: Vec<&Claim> = file.claims.iter().filter(|c| c.present).collect();
            json::claims(article, &file.revision, &present)
        }
        _ => human::extract(
            article,
            &entry.label,
            &summary,
            &Tally::of(&file.claims),
            &path,
            env.style,
        ),
    }))
}
