//! Owns what each subcommand does: load through the store, compute with the core, render.

use std::path::Path;

use serde::Serialize;

use super::{Command, EXIT_FINDINGS, Env, Format, Outcome, SnapshotCmd, require};
use crate::check::{self, Code};
use crate::diff::{ChangeKind, DiffOptions, diff_claims};
use crate::error::{Error, Result};
use crate::extract::{ReadOptions, extract_claims};
use crate::hash::Sha256Hash;
use crate::model::{Claim, ClaimsFile, Status};
use crate::normalize::normalize_v1;
use crate::report::{human, json, markdown, plural};
use crate::store::{self, AddOutcome, Workspace};
use crate::track::track;

pub fn run(cmd: Command, env: &Env) -> Result<Outcome> {
    match cmd {
        Command::Init => init(env),
        Command::Snapshot(SnapshotCmd::Add {
            article,
            file,
            label,
            url,
            captured_at,
        }) => snapshot_add(
            env,
            &article,
            &file,
            label.as_deref(),
            url.as_deref(),
            captured_at.as_deref(),
        ),
        Command::Snapshot(SnapshotCmd::List { article }) => snapshot_list(env, &article),
        Command::Extract { article, rev } => extract(env, &article, rev.as_deref()),
        Command::Claims {
            article,
            unsupported,
            status,
            all,
        } => claims(env, &article, unsupported, status.as_deref(), all),
        Command::Show { id } => show(env, &id),
        Command::Inspect { file } => inspect(env, &file),
        Command::Hash { text } => hash(env, &text),
        Command::Check { articles, strict } => check_cmd(env, &articles, strict),
        Command::Diff {
            args,
            files,
            exit_code,
        } => diff(env, &args, files, exit_code),
        Command::Codes => codes(env),
    }
}

fn workspace(env: &Env) -> Result<Workspace> {
    Workspace::discover(&env.cwd)
}

fn init(env: &Env) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "init")?;
    let created = Workspace::init(&env.cwd)?;
    #[derive(Serialize)]
    struct Out<'a> {
        created: &'a [String],
    }
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { created: &created }),
        _ if created.is_empty() => {
            "already a claimtrail workspace; nothing to create\n".to_string()
        }
        _ => format!("created {}\n", created.join(", ")),
    }))
}

fn snapshot_add(
    env: &Env,
    article: &str,
    file: &Path,
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
    let ws = workspace(env)?;
    let text = store::read_article(file)?;
    let _lock = ws.lock()?;
    let outcome = ws.add_snapshot(article, &text, label, url, captured_at)?;
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        stored: bool,
        revision: &'a crate::model::RevisionEntry,
    }
    let (stored, entry) = match &outcome {
        AddOutcome::Stored(e) => (true, e),
        AddOutcome::SameAsLatest(e) => (false, e),
    };
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out {
            article,
            stored,
            revision: entry,
        }),
        _ if stored => format!(
            "stored {article} {} ({} bytes, sha256 {}) -> {}\n",
            entry.label,
            entry.bytes,
            &entry.sha256[..12],
            ws.rel(&ws.snapshot_path(article, &entry.label))
        ),
        _ => format!(
            "unchanged: the text is identical to {article} {}; nothing stored\n",
            entry.label
        ),
    }))
}

fn snapshot_list(env: &Env, article: &str) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "snapshot list")?;
    store::validate_article(article)?;
    let ws = workspace(env)?;
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

fn extract(env: &Env, article: &str, rev: Option<&str>) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "extract")?;
    store::validate_article(article)?;
    if let Some(r) = rev {
        store::validate_label(r)?;
    }
    let ws = workspace(env)?;
    let _lock = ws.lock()?;
    let manifest = ws.load_manifest(article)?;
    let entry = ws.revision(&manifest, rev)?;
    let text = ws.read_snapshot(article, entry)?;
    let existing = ws.load_claims(article)?;
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
    let (_, fresh) = extract_claims(&text, &entry.label, &ws.config.read_options());
    let order: Vec<String> = manifest.revisions.iter().map(|r| r.label.clone()).collect();
    let opts = DiffOptions {
        threshold: ws.config.diff.similarity,
    };
    let (file, summary) = track(existing, article, &entry.label, fresh, &order, opts);
    ws.save_claims(&file)?;
    let present: Vec<&Claim> = file.claims.iter().filter(|c| c.present).collect();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::claims(article, &file.revision, &present),
        _ => human::extract(
            article,
            &entry.label,
            &summary,
            &present,
            &ws.rel(&ws.claims_path(article)),
            env.style,
        ),
    }))
}

fn load_claims_required(ws: &Workspace, article: &str) -> Result<ClaimsFile> {
    ws.load_claims(article)?.ok_or_else(|| Error::NoClaims {
        article: article.to_string(),
    })
}

fn claims(
    env: &Env,
    article: &str,
    unsupported: bool,
    status: Option<&str>,
    all: bool,
) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "claims")?;
    store::validate_article(article)?;
    let status = match status {
        Some(s) => {
            let st = Status::parse(s);
            if !st.is_known() {
                let known: Vec<&str> = Status::KNOWN.iter().map(|k| k.as_str()).collect();
                return Err(Error::Usage(format!(
                    "unknown status {s:?}; use one of {}",
                    known.join(", ")
                )));
            }
            Some(st)
        }
        None => None,
    };
    let ws = workspace(env)?;
    let file = load_claims_required(&ws, article)?;
    let list: Vec<&Claim> = file
        .claims
        .iter()
        .filter(|c| all || c.present)
        .filter(|c| !unsupported || (c.present && c.is_unsupported()))
        .filter(|c| status.as_ref().is_none_or(|s| &c.status == s))
        .collect();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::claims(article, &file.revision, &list),
        _ => human::claims(&list, env.style),
    }))
}

fn show(env: &Env, prefix: &str) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "show")?;
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) || prefix.len() > 64 {
        return Err(Error::Usage(format!(
            "{prefix:?} is not a claim id or id prefix (hex digits)"
        )));
    }
    let prefix = prefix.to_ascii_lowercase();
    let ws = workspace(env)?;
    let mut hits: Vec<(String, ClaimsFile, usize)> = Vec::new();
    for article in ws.articles()? {
        if let Some(f) = ws.load_claims(&article)? {
            for (i, c) in f.claims.iter().enumerate() {
                if c.sha256.starts_with(&prefix) {
                    hits.push((article.clone(), f.clone(), i));
                }
            }
        }
    }
    let (article, file, idx) = match hits.len() {
        0 => return Err(Error::UnknownClaim(prefix)),
        1 => hits.remove(0),
        _ => {
            return Err(Error::AmbiguousId {
                prefix,
                candidates: hits
                    .iter()
                    .map(|(a, f, i)| format!("{} ({a})", f.claims[*i].id))
                    .collect(),
            });
        }
    };
    let claim = &file.claims[idx];
    // Lineage: follow `supersedes` back to the first version.
    let mut lineage = vec![claim];
    let mut seen = std::collections::HashSet::new();
    while let Some(s) = &lineage.last().expect("non-empty").supersedes {
        if !seen.insert(s.id.clone()) {
            break;
        }
        match file.claims.iter().find(|c| c.id == s.id) {
            Some(prev) => lineage.push(prev),
            None => break,
        }
    }
    lineage.reverse();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::show(&article, claim, &lineage),
        _ => human::show(&article, claim, &lineage, env.style),
    }))
}

fn read_options_here(env: &Env) -> Result<ReadOptions> {
    match Workspace::discover(&env.cwd) {
        Ok(ws) => Ok(ws.config.read_options()),
        Err(Error::NoWorkspace { .. }) => Ok(ReadOptions::default()),
        Err(e) => Err(e),
    }
}

fn inspect(env: &Env, file: &Path) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "inspect")?;
    let text = store::read_article(file)?;
    let opts = read_options_here(env)?;
    let label = file
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| store::validate_label(s).is_ok())
        .unwrap_or("input");
    let (reading, claims) = extract_claims(&text, label, &opts);
    Ok(Outcome::ok(match env.format {
        Format::Json => json::inspect(&text, &reading, &claims),
        _ => human::inspect(&text, &reading, &claims, env.style),
    }))
}

fn hash(env: &Env, text: &str) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "hash")?;
    let owned;
    let text = if text == "-" {
        let bytes = store::read_limited(Path::new("-"), store::MAX_ARTICLE_BYTES)?;
        owned = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: "<stdin>".into(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        owned.as_str()
    } else {
        text
    };
    let normalized = normalize_v1(text);
    let h = Sha256Hash::of_bytes(normalized.as_bytes());
    Ok(Outcome::ok(match env.format {
        Format::Json => json::hash(&normalized, &h.to_string(), &h.id()),
        _ => format!(
            "normalized  {normalized}\nsha256      {h}\nid          {}\n",
            h.id()
        ),
    }))
}

fn check_cmd(env: &Env, articles: &[String], strict: bool) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "check")?;
    let ws = workspace(env)?;
    let total = if articles.is_empty() {
        ws.articles()?.len()
    } else {
        articles.len()
    };
    let bar = if env.progress && total > 1 {
        let b = indicatif::ProgressBar::new(total as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .expect("valid template"),
        );
        Some(b)
    } else {
        None
    };
    let report = check::check(&ws, articles, |a| {
        if let Some(b) = &bar {
            b.set_message(a.to_string());
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let failing = report.errors() > 0 || (strict && report.warnings() > 0);
    let stdout = match env.format {
        Format::Json => json::check(&report),
        _ => human::check(&report, env.style),
    };
    Ok(Outcome {
        stdout,
        code: if failing { EXIT_FINDINGS } else { 0 },
    })
}

fn diff(env: &Env, args: &[String], files: bool, exit_code: bool) -> Result<Outcome> {
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
        let old_text = store::read_article(Path::new(&args[0]))?;
        let new_text = store::read_article(Path::new(&args[1]))?;
        let (_, old) = extract_claims(&old_text, "old", &opts);
        let (_, new) = extract_claims(&new_text, "new", &opts);
        (None, args[0].clone(), args[1].clone(), old, new, threshold)
    } else {
        let article = &args[0];
        store::validate_article(article)?;
        for l in &args[1..] {
            store::validate_label(l)?;
        }
        let ws = workspace(env)?;
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
        let (_, old) = extract_claims(&old_text, &from, &opts);
        let (_, new) = extract_claims(&new_text, &to, &opts);
        (
            Some(article.clone()),
            from,
            to,
            old,
            new,
            ws.config.diff.similarity,
        )
    };
    let changes = diff_claims(&old, &new, DiffOptions { threshold });
    let changed = changes.iter().any(|c| c.kind != ChangeKind::Unchanged);
    let title = match &article {
        Some(a) => format!("{a}: {from} -> {to}"),
        None => format!("{from} -> {to}"),
    };
    let stdout = match env.format {
        Format::Json => json::diff(article.as_deref(), &from, &to, &old, &new, &changes),
        Format::Markdown => markdown::diff(&title, &old, &new, &changes),
        Format::Human => human::diff(&title, &old, &new, &changes, env.style),
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

fn codes(env: &Env) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "codes")?;
    #[derive(Serialize)]
    struct CodeOut {
        code: &'static str,
        severity: &'static str,
        description: &'static str,
        fix: &'static str,
    }
    #[derive(Serialize)]
    struct Out {
        codes: Vec<CodeOut>,
    }
    let list: Vec<CodeOut> = Code::ALL
        .iter()
        .map(|c| CodeOut {
            code: c.as_str(),
            severity: c.default_severity().as_str(),
            description: c.description(),
            fix: c.fix(),
        })
        .collect();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { codes: list }),
        _ => list
            .iter()
            .map(|c| format!("{:<26} {:<8} {}\n", c.code, c.severity, c.description))
            .collect(),
    }))
}
