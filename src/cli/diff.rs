//! `claimtrail diff`: the claim-level diff of two revisions or two files.

use std::io::Write;

use super::commands::{Spinner, known_article, read_options_here, workspace};
use super::terminal::EscapeControls;
use crate::cli::{EXIT_FINDINGS, Env, Format, Outcome, for_people, require};
use crate::diff::{Change, DiffOptions, align};
use crate::error::{Error, Result};
use crate::extract::{Occurrences, ReadOptions, occurrences_of};
use crate::report::{human, json, markdown, plural};
use crate::store::{self, Workspace};

pub(super) fn diff(env: &Env, args: &[String], files: bool, exit_code: bool) -> Result<Outcome> {
    require(
        env,
        &[Format::Human, Format::Json, Format::Markdown],
        "diff",
    )?;
    let (article, from, to, old_text, new_text, opts, threshold, reading) = if files {
        if args.len() != 2 {
            return Err(Error::Usage(
                "diff --files takes two files: OLD NEW".to_string(),
            ));
        }
        let opts = read_options_here(env)?;
        let threshold = match Workspace::discover(&env.cwd) {
            Ok(ws) => ws.config.diff.similarity,
            Err(_) => crate::config::DEFAULT_SIMILARITY,
        };
        let old_text = super::input::load(env, &args[0], &[])?.reading.text;
        let new_text = super::input::load(env, &args[1], &[])?.reading.text;
        (
            None,
            args[0].clone(),
            args[1].clone(),
            old_text,
            new_text,
            opts,
            threshold,
            "reading both texts".to_string(),
        )
    } else {
        let article = &args[0];
        store::validate_article(article)?;
        for l in &args[1..] {
            store::validate_label(l)?;
        }
        let ws = workspace(env)?;
        known_article(&ws, article)?;
        let m = ws.load_manifest(article)?;
        let (from, to) = match args.len() {
            1 => {
                let n = m.revisions.len();
                if n < 2 {
                    return Err(Error::Usage(format!(
                        "{article} has {}; a diff needs two (add one with `claimtrail snapshot add`)",
                        plural(n, "revision")
                    )));
                }
                (
                    m.revisions[n - 2].label.clone(),
                    m.revisions[n - 1].label.clone(),
                )
            }
            2 => (args[1].clone(), ws.revision(&m, None)?.label.clone()),
            _ => (args[1].clone(), args[2].clone()),
        };
        let opts = ws.config.read_options();
        let old_text = ws.read_snapshot(article, ws.revision(&m, Some(&from))?)?;
        let new_text = ws.read_snapshot(article, ws.revision(&m, Some(&to))?)?;
        let reading = format!("reading {from} and {to}");
        (
            Some(article.clone()),
            from,
            to,
            old_text,
            new_text,
            opts,
            ws.config.diff.similarity,
            reading,
        )
    };
    let (old_label, new_label) = match article {
        Some(_) => (from.as_str(), to.as_str()),
        None => ("old", "new"),
    };
    let spinner = Spinner::start(env, old_text.len() + new_text.len(), reading);
    let (old, new) = read_both(&old_text, old_label, &new_text, new_label, &opts);
    drop(spinner);
    let changes = align(
        &old,
        &new,
        DiffOptions {
            threshold,
            ..DiffOptions::default()
        },
    );
    let changed = changes.iter().any(Change::is_change);
    let title = match &article {
        Some(a) => format!("{a}: {from} -> {to}"),
        None => format!("{from} -> {to}"),
    };
    // Streamed: the JSON of a long diff is many times both texts (807 MB for a 30 MB pair), and
    // no format need be held whole beside the claims.
    let stdout = match env.format {
        Format::Json => stream_to_stdout(|w| {
            json::write_diff(w, article.as_deref(), &from, &to, &old, &new, &changes)
        })?,
        Format::Markdown => stream_for_people(env, |w| {
            markdown::write_diff(w, &title, &old, &new, &changes)
        })?,
        _ => stream_for_people(env, |w| {
            human::write_diff(w, &title, &old, &new, &changes, env.style)
        })?,
    };
    Ok(Outcome {
        stdout,
        code: if exit_code && changed {
            EXIT_FINDINGS
        } else {
            0
        },
    })
}

/// The claim occurrences of both texts, as readings: a claim is made only when it is shown
/// (`extract::Occurrences`). The two readings are independent and the bulk of a diff's work:
/// they run side by side (the result is the same as one after the other; only the wall time
/// differs).
fn read_both<'t>(
    old_text: &'t str,
    old_label: &str,
    new_text: &'t str,
    new_label: &str,
    opts: &ReadOptions,
) -> (Occurrences<'t>, Occurrences<'t>) {
    let read = |text: &'t str, label: &str| occurrences_of(text, label, opts);
    rayon::join(|| read(old_text, old_label), || read(new_text, new_label))
}

/// Write a document to stdout as it is produced instead of returning it (a JSON document of a
/// long text is many times its size and need not be held whole); the outcome's text is then
/// empty. JSON goes out as is, as `main` writes it. A closed pipe is not a failure.
pub(super) fn stream_to_stdout(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<String> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    written(write(&mut w).and_then(|()| w.flush()))
}

/// [`stream_to_stdout`] for text meant for people: its control characters are escaped on the
/// way (`terminal::EscapeControls`), the bytes `main` writes for the same text returned whole.
pub(super) fn stream_for_people(
    env: &Env,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<String> {
    debug_assert!(for_people(env.format));
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut w = EscapeControls::new(out, env.style.color);
    written(write(&mut w).and_then(|()| w.finish().map(drop)))
}

fn written(done: std::io::Result<()>) -> Result<String> {
    match done {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(String::new()),
    }
}
