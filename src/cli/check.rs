//! `claimtrail check`: the CI gate, in every output format, with baselines.

use super::commands::workspace;
use crate::check::{self, Code};
use crate::cli::{EXIT_FINDINGS, Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::report::{self, human, json, plural};
use crate::store;
use std::path::Path;

pub(super) fn check_cmd(
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
            Format::Markdown,
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
        .filter(|&c| check::effective_severity(&ws.config, c) != check::Severity::Off)
        .collect();
    let mut rendered = match env.format {
        Format::Json => json::check(&report),
        Format::Markdown => report::markdown::check(&report),
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
