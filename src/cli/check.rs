//! `claimtrail check`: the CI gate, in every output format, with baselines.

use super::commands::{known_article, workspace};
use crate::check::{self, Code};
use crate::cli::{EXIT_FINDINGS, Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::report::{self, human, json, plural};
use crate::store;
use std::path::Path;

/// How `check` runs: threads, shard, cache.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// Check this many articles at once (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Check only shard K of N (e.g. 2/4), a partition by article id for CI matrices; files
    /// that belong to no article are reported by shard 1.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<check::Shard>,
    /// Read every revision again instead of using .claimtrail-cache/.
    #[arg(long)]
    no_cache: bool,
}

fn parse_shard(s: &str) -> std::result::Result<check::Shard, String> {
    check::Shard::parse(s)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check_cmd(
    env: &Env,
    articles: &[String],
    strict: bool,
    baseline: Option<&Path>,
    write_baseline: Option<&Path>,
    output_file: Option<&Path>,
    since: Option<&str>,
    run: &RunArgs,
) -> Result<Outcome> {
    require(
        env,
        &[
            Format::Human,
            Format::Json,
            Format::Markdown,
            Format::Github,
            Format::Sarif,
            Format::Junit,
        ],
        "check",
    )?;
    let ws = workspace(env)?;
    // `check a a` checks and counts `a` once.
    let mut unique: Vec<String> = Vec::new();
    for a in articles {
        known_article(&ws, a)?;
        if !unique.contains(a) {
            unique.push(a.clone());
        }
    }
    let articles = unique.as_slice();
    let baseline = match baseline {
        Some(p) => {
            let bytes = store::read_input(p, store::MAX_BASELINE_BYTES)?;
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
    let mut names = if articles.is_empty() {
        ws.articles()?
    } else {
        articles.to_vec()
    };
    if let Some(shard) = run.shard {
        names.retain(|a| shard.contains(a));
    }
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
    if run.jobs == Some(0) {
        return Err(Error::Usage("--jobs must be at least 1".to_string()));
    }
    let opts = check::RunOptions {
        jobs: run.jobs.unwrap_or(0),
        shard: run.shard,
        cache: !run.no_cache,
    };
    let mut report = check::check_with(&ws, articles, &opts, &|a| {
        if let Some(b) = &bar {
            b.set_message(a.to_string());
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some(rev) = since {
        check::check_since(&ws, rev, articles, &mut report)?;
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
    let gate = check::Gate::apply(strict, &mut report);
    let failing = gate.failed(&report);
    let codes: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|&c| check::effective_severity(&ws.config, c) != check::Severity::Off)
        .collect();
    let mut rendered = match env.format {
        Format::Json => json::check(&report, gate),
        Format::Markdown => report::markdown::check(&report),
        Format::Github => report::github::check(&report),
        Format::Sarif => report::sarif::check(&report, &codes),
        Format::Junit => report::junit::check(&report, &names, &codes),
        _ => human::check(&report, gate, env.style),
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
