//! `claimtrail diff`: the claim-level diff of two revisions or two files.

use std::io::Write;

use super::commands::{Spinner, known_article, read_options_here, workspace};
use super::terminal::EscapeControls;
use crate::cli::{EXIT_FINDINGS, Env, Format, Outcome, for_people, require};
use crate::diff::{Change, DiffOptions, diff_claims, into_occurrences};
use crate::error::{Error, Result};
use crate::extract::{ReadOptions, claims_of};
use crate::model::Claim;
use crate::report::{human, json, markdown, plural};
use crate::store::{self, Workspace};

pub(super) fn diff(env: &Env, args: &[String], files: bool, exit_code: bool) -> Result<Outcome> {
    require(
        env,
        &[Format::Human, Format::Json, Format::Markdown],
        "diff",
    )?;
    let (article, from, to, old, new, threshold) = if files {
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
        let _spinner = Spinner::start(
            env,
            old_text.len() + new_text.len(),
            "reading both texts".to_string(),
        );
        let (old, new) = read_both(&old_text, "old", &new_text, "new", &opts);
        (None, args[0].clone(), args[1].clone(), old, new, threshold)
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
        let _spinner = Spinner::start(
            env,
            old_text.len() + new_text.len(),
            format!("reading {from} and {to}"),
        );
        let (old, new) = read_both(&old_text, &from, &new_text, &to, &opts);
        (
            Some(article.clone()),
            from,
            to,
            old,
            new,
            ws.config.diff.similarity,
        )
    };
    let changes = diff_claims(
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

/// The claims of both texts, each occurrence of a repeated text in its place (the claims move
/// into their occurrences rather than being held twice). The two readings are independent and
/// the bulk of a diff's work: they run side by side (the result is the same as one after the
/// other; only the wall time differs).
fn read_both(
    old_text: &str,
    old_label: &str,
    new_text: &str,
    new_label: &str,
    opts: &ReadOptions,
) -> (Vec<Claim>, Vec<Claim>) {
    let read = |text: &str, label: &str| into_occurrences(claims_of(text, label, opts));
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
