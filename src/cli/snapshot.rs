//! `claimtrail snapshot add|list`: store and list immutable revisions.

use super::commands::{known_article, workspace};
use crate::check;
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::model::RevisionEntry;
use crate::report::{json, plural};
use crate::store::{self, AddOutcome};
use serde::Serialize;
use std::path::Path;

pub(super) fn snapshot_add(
    env: &Env,
    article: &str,
    file: &Path,
    headers: &[String],
    label: Option<&str>,
    url: Option<&str>,
    captured_at: Option<&str>,
) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "snapshot add")?;
    // Names first: nothing is read or written for a bad name.
    store::validate_article(article)?;
    if let Some(l) = label {
        store::validate_label(l)?;
    }
    if let Some(u) = url
        && !check::is_http_url(u)
    {
        return Err(Error::Usage(format!("--url {u:?} is not an http(s) URL")));
    }
    let arg = file.to_string_lossy();
    if url.is_some() && super::input::is_url(&arg) {
        return Err(Error::Usage(
            "--url names where a file was captured from; a URL input records its own".to_string(),
        ));
    }
    let ws = workspace(env)?;
    let input = super::input::load(env, &arg, headers)?;
    let _lock = ws.lock()?;
    // The claims file is checked a claim at a time as it is parsed (`snapshot add` writes no
    // claims), and loaded whole only when it cannot be read so.
    let kind = crate::check::WriteKind::Snapshot;
    if super::commands::refuse_if_blocked_streamed(&ws, article, kind, &mut |_, _| {})?.is_none() {
        super::commands::refuse_if_blocked(&ws, article, kind)?;
    }
    let url = url.or(input.fetched.as_ref().map(|(u, _, _)| u.as_str()));
    let at = Some(captured_at.unwrap_or(&env.now));
    let outcome = match input.capture() {
        Some(capture) => ws.add_captured_snapshot(
            article,
            &input.reading.text,
            store::RawCapture {
                bytes: &input.raw,
                capture,
            },
            label,
            url,
            at,
        )?,
        None => ws.add_snapshot(article, &input.reading.text, label, url, at)?,
    };
    Ok(Outcome::ok(render_added(
        env,
        article,
        &outcome,
        |entry| {
            format!(
                "stored {article} {} ({} bytes, sha256 {}) -> {}{}\n",
                entry.label,
                entry.bytes,
                &entry.sha256[..12],
                ws.rel(&ws.snapshot_path(article, &entry.label)),
                match &entry.capture {
                    Some(c) => format!(
                        "\n  read from {} ({}, {}), raw page kept in {}",
                        c.final_url.as_deref().unwrap_or(&arg),
                        c.content_type,
                        c.http_status
                            .map_or_else(|| "file".to_string(), |s| format!("HTTP {s}")),
                        ws.rel(&ws.capture_path(article, c))
                    ),
                    None => String::new(),
                }
            )
        },
        |entry| {
            format!(
                "unchanged: the text is identical to {article} {}; nothing stored\n",
                entry.label
            )
        },
    )))
}

/// The output of a command that stored a revision or found it identical: the `snapshot add`
/// JSON document, or the human line `stored` / `unchanged` gives for the entry.
fn render_added(
    env: &Env,
    article: &str,
    outcome: &AddOutcome,
    stored: impl FnOnce(&RevisionEntry) -> String,
    unchanged: impl FnOnce(&RevisionEntry) -> String,
) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        stored: bool,
        revision: &'a RevisionEntry,
    }
    let (is_stored, entry) = match outcome {
        AddOutcome::Stored(e) => (true, e),
        AddOutcome::SameAsLatest(e) => (false, e),
    };
    match env.format {
        Format::Json => json::object(&Out {
            article,
            stored: is_stored,
            revision: entry,
        }),
        _ if is_stored => stored(entry),
        _ => unchanged(entry),
    }
}

pub(super) fn snapshot_list(env: &Env, article: &str) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "snapshot list")?;
    store::validate_article(article)?;
    let ws = workspace(env)?;
    known_article(&ws, article)?;
    let m = ws.load_manifest(article)?;
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&m),
        _ => {
            let mut out = String::new();
            for r in &m.revisions {
                out.push_str(&format!(
                    "{}\t{}\t{} bytes\t{}\t{}\n",
                    r.label,
                    r.captured_at,
                    r.bytes,
                    &r.sha256[..12],
                    r.source_url.as_deref().unwrap_or("-")
                ));
            }
            out.push_str(&format!("{}\n", plural(m.revisions.len(), "revision")));
            out
        }
    }))
}

/// `snapshot reread`: the stored raw page of a revision, read again by the current extractor.
pub(super) fn snapshot_reread(env: &Env, article: &str, rev: Option<&str>) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "snapshot reread")?;
    store::validate_article(article)?;
    if let Some(r) = rev {
        store::validate_label(r)?;
    }
    let ws = workspace(env)?;
    let _lock = ws.lock()?;
    let manifest = ws.load_manifest(article)?;
    let entry = ws.revision(&manifest, rev)?;
    let Some(old) = &entry.capture else {
        return Err(Error::Usage(format!(
            "{article} {} has no raw capture to re-read (it was stored as plain text)",
            entry.label
        )));
    };
    let raw = ws.read_capture(article, old)?;
    let path = ws.rel(&ws.capture_path(article, old));
    // The charset the page was first decoded with stands in for the HTTP header it came with.
    let content_type = format!("{}; charset={}", old.content_type, old.charset);
    let reading = crate::capture::read(
        &path,
        raw.clone(),
        Some(&content_type),
        old.final_url.as_deref(),
    )?;
    let fresh = crate::capture::provenance(&raw, &reading, None);
    let capture = crate::model::Capture {
        extractor: fresh.extractor,
        charset: fresh.charset,
        ..old.clone()
    };
    let from = entry.label.clone();
    let outcome = ws.add_captured_snapshot(
        article,
        &reading.text,
        store::RawCapture {
            bytes: &raw,
            capture,
        },
        None,
        entry.source_url.as_deref(),
        Some(&env.now),
    )?;
    Ok(Outcome::ok(render_added(
        env,
        article,
        &outcome,
        |e| {
            format!(
                "stored {article} {} (re-read of {from} by {} {})\n",
                e.label,
                crate::html::EXTRACTOR_NAME,
                crate::html::EXTRACTOR_VERSION
            )
        },
        |e| {
            format!(
                "unchanged: re-reading {from} gives the text of {article} {}; nothing stored\n",
                e.label
            )
        },
    )))
}
