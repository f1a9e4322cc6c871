//! Owns what each subcommand does: load through the store, compute with the core, render.

use std::path::Path;

use serde::Serialize;

use super::{Command, EXIT_FINDINGS, Env, Format, Outcome, SnapshotCmd, require};
use crate::check::{self, Code};
use crate::diff::{ChangeKind, DiffOptions, diff_claims};
use crate::error::{Error, Result};
use crate::extract::{ReadOptions, extract_claims};
use crate::hash::Sha256Hash;
use crate::ledger;
use crate::model::{Claim, ClaimsFile, Evidence, Status};
use crate::normalize::normalize_v1;
use crate::report::{self, human, json, markdown, plural};
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
        Command::Check {
            articles,
            strict,
            baseline,
            write_baseline,
            output_file,
        } => check_cmd(
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
        } => review(
            env,
            &article,
            &ids,
            &status,
            &evidence,
            note.as_deref(),
            by.as_deref(),
            at.as_deref(),
        ),
        Command::Log { article, id } => log(env, &article, id.as_deref()),
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
    let outcome = ws.add_snapshot(
        article,
        &text,
        label,
        url,
        Some(captured_at.unwrap_or(&env.now)),
    )?;
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
    let (mut file, mut summary) = track(existing, article, &entry.label, fresh, &order, opts);
    if !summary.ledger.is_empty() {
        let now = env.now.clone();
        for e in &mut summary.ledger {
            e.time = now.clone();
        }
        file.ledger_head = ws.append_ledger(
            article,
            file.ledger_head.clone().as_deref(),
            &mut summary.ledger,
        )?;
    }
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

fn check_cmd(
    env: &Env,
    articles: &[String],
    strict: bool,
    baseline: Option<&Path>,
    write_baseline: Option<&Path>,
    output_file: Option<&Path>,
) -> Result<Outcome> {
    require(
        env,
        &[
            Format::Human,
            Format::Json,
            Format::Github,
            Format::Sarif,
            Format::Junit,
        ],
        "check",
    )?;
    let ws = workspace(env)?;
    let baseline = match baseline {
        Some(p) => {
            let bytes = store::read_limited(p, store::MAX_JSON_BYTES)?;
            let b: check::Baseline = store::parse_json(p, &bytes)?;
            if b.version != 1 {
                return Err(Error::Config {
                    path: p.to_path_buf(),
                    message: format!("baseline version {} is not supported", b.version),
                });
            }
            Some(b)
        }
        None => None,
    };
    let names = if articles.is_empty() {
        ws.articles()?
    } else {
        articles.to_vec()
    };
    let bar = if env.progress && names.len() > 1 {
        let b = indicatif::ProgressBar::new(names.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .expect("valid template"),
        );
        Some(b)
    } else {
        None
    };
    let mut report = check::check(&ws, articles, |a| {
        if let Some(b) = &bar {
            b.set_message(a.to_string());
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some(path) = write_baseline {
        let b = check::Baseline::from_report(&report);
        store::write_atomic(path, &store::to_json_bytes(&b))?;
        return Ok(Outcome::ok(format!(
            "recorded {} in {}\n",
            plural(b.findings.len(), "finding"),
            path.display()
        )));
    }
    let suppressed = baseline.map(|b| b.apply(&mut report)).unwrap_or(0);
    let failing = report.errors() > 0 || (strict && report.warnings() > 0);
    let codes: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| {
            ws.config
                .policy
                .get(c.as_str())
                .copied()
                .unwrap_or(c.default_severity())
                != check::Severity::Off
        })
        .collect();
    let mut rendered = match env.format {
        Format::Json => json::check(&report),
        Format::Github => report::github::check(&report),
        Format::Sarif => report::sarif::check(&report, &codes),
        Format::Junit => report::junit::check(&report, &names, &codes),
        _ => human::check(&report, env.style),
    };
    if suppressed > 0 && env.format == Format::Human {
        rendered.push_str(&format!(
            "({} recorded in the baseline not shown)\n",
            plural(suppressed, "finding")
        ));
    }
    let stdout = match output_file {
        Some(path) => {
            store::write_atomic(path, rendered.as_bytes())?;
            String::new()
        }
        None => rendered,
    };
    Ok(Outcome {
        stdout,
        code: if failing { EXIT_FINDINGS } else { 0 },
    })
}

/// Resolve id prefixes against one claims file: every id must match exactly one claim.
fn resolve_ids(file: &ClaimsFile, ids: &[String]) -> Result<Vec<usize>> {
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

#[allow(clippy::too_many_arguments)]
fn review(
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
    let by = by
        .map(str::to_string)
        .or_else(|| env.reviewer.clone())
        .filter(|b| !b.trim().is_empty())
        .ok_or_else(|| {
            Error::Usage("say who reviews: --by NAME (or set CLAIMTRAIL_REVIEWER)".to_string())
        })?;
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
    let mut file = load_claims_required(&ws, article)?;
    let targets = resolve_ids(&file, ids)?;
    let new_evidence: Vec<Evidence> = evidence
        .iter()
        .map(|u| Evidence {
            url: Some(u.clone()),
            note: None,
        })
        .collect();
    let mut entries = Vec::new();
    for &i in &targets {
        let c = &mut file.claims[i];
        entries.push(ledger::Entry {
            time: time.clone(),
            by: by.clone(),
            event: "review".to_string(),
            claim: c.id.clone(),
            sha256: c.sha256.clone(),
            supersedes: None,
            from: c.status.clone(),
            to: status.clone(),
            evidence: new_evidence.clone(),
            note: note.map(str::to_string),
            prev: String::new(),
        });
        c.history.push(crate::model::StatusChange {
            rev: file.revision.clone(),
            from: c.status.clone(),
            to: status.clone(),
            reason: format!("review by {by}"),
        });
        c.status = status.clone();
        for e in &new_evidence {
            if !c.evidence.contains(e) {
                c.evidence.push(e.clone());
            }
        }
        if let Some(n) = note {
            c.note = Some(n.to_string());
        }
    }
    file.ledger_head =
        ws.append_ledger(article, file.ledger_head.clone().as_deref(), &mut entries)?;
    ws.save_claims(&file)?;
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        reviewed: Vec<&'a Claim>,
    }
    let reviewed: Vec<&Claim> = targets.iter().map(|&i| &file.claims[i]).collect();
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

fn log(env: &Env, article: &str, id: Option<&str>) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "log")?;
    store::validate_article(article)?;
    let ws = workspace(env)?;
    let text = ws.read_ledger(article)?;
    let v = ledger::verify(&text);
    if let Some(p) = v.problems.first() {
        let line = match p {
            ledger::Problem::Malformed { line, .. } | ledger::Problem::Chain { line } => *line,
        };
        return Err(Error::Config {
            path: ws.ledger_path(article),
            message: format!("line {line} breaks the ledger chain; `claimtrail check` says more"),
        });
    }
    let prefix = id.map(|s| s.to_ascii_lowercase());
    let mut entries: Vec<&ledger::Entry> = v
        .entries
        .iter()
        .filter(|e| {
            prefix.as_deref().is_none_or(|p| {
                e.sha256.starts_with(p) || e.supersedes.as_deref().is_some_and(|s| s.starts_with(p))
            })
        })
        .collect();
    entries.reverse();
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        entries: Vec<&'a ledger::Entry>,
    }
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { article, entries }),
        _ => {
            let mut out = String::new();
            for e in &entries {
                out.push_str(&format!(
                    "{} {} {} {}: {} -> {}\n",
                    e.time,
                    env.style.cyan(&e.claim),
                    e.event,
                    e.by,
                    e.from,
                    e.to
                ));
                for ev in &e.evidence {
                    if let Some(u) = &ev.url {
                        out.push_str(&format!("    evidence {u}\n"));
                    }
                }
                if let Some(n) = &e.note {
                    out.push_str(&format!("    note {n}\n"));
                }
            }
            out.push_str(&format!(
                "{}\n",
                plural(entries.len(), "entry").replace("entrys", "entries")
            ));
            out
        }
    }))
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
        _ => human::diff(&title, &old, &new, &changes, env.style),
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
    require(
        env,
        &[Format::Human, Format::Json, Format::Markdown],
        "codes",
    )?;
    if env.format == Format::Markdown {
        return Ok(Outcome::ok(markdown::codes(Code::ALL)));
    }
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
