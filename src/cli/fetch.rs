//! `claimtrail fetch [ARTICLE...] [--feed URL]`: re-fetch articles that have a URL and store a
//! revision only when the extracted text changed; optionally start tracking a feed's articles.
//!
//! Pages are fetched on up to `[fetch] parallel` threads, one host per thread at a time (so no
//! host ever sees two requests at once); revisions are stored afterwards, one at a time, under
//! the workspace lock. A failed article is reported and does not stop the others.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

use super::commands::workspace;
use super::input::{self, Input};
use crate::cli::{EXIT_FAILURE, EXIT_FINDINGS, Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::fetch::{FetchOptions, Validators};
use crate::report::{json, plural};
use crate::store::{self, AddOutcome, Workspace};

/// One article to fetch.
struct Job {
    article: String,
    url: String,
    validators: Validators,
    /// sha256 of the latest revision's text (none for an article not captured yet).
    latest: Option<String>,
}

/// What fetching one article came to, before anything is stored.
enum Fetched {
    NotModified,
    Page(Box<Input>),
    Failed(String),
}

#[derive(Serialize)]
struct ArticleOut {
    article: String,
    url: String,
    /// `stored`, `unchanged` or `failed`.
    outcome: &'static str,
    /// The revision stored (for `stored`).
    revision: Option<String>,
    /// Why it is unchanged or failed.
    message: Option<String>,
}

pub(super) fn fetch(
    env: &Env,
    articles: &[String],
    feeds: &[String],
    headers: &[String],
    exit_code: bool,
) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "fetch")?;
    for a in articles {
        store::validate_article(a)?;
    }
    for f in feeds {
        if !input::is_url(f) {
            return Err(Error::Usage(format!("--feed {f:?} is not an http(s) URL")));
        }
    }
    let ws = workspace(env)?;
    let opts = input::fetch_options(&ws.config.fetch, headers)?;
    let mut results: Vec<ArticleOut> = Vec::new();
    let mut jobs = jobs_for(&ws, articles, &mut results)?;
    for feed in feeds {
        match super::feed::new_articles(env, &ws, feed, &opts) {
            Ok(found) => {
                for (article, url) in found {
                    if !jobs.iter().any(|j| j.article == article) {
                        jobs.push(Job {
                            article,
                            url,
                            validators: Validators::default(),
                            latest: None,
                        });
                    }
                }
            }
            Err(e) => results.push(ArticleOut {
                article: String::new(),
                url: feed.clone(),
                outcome: "failed",
                revision: None,
                message: Some(format!("feed: {e}")),
            }),
        }
    }
    let fetched = fetch_all(env, &jobs, &opts, ws.config.fetch.parallel);
    let _lock = ws.lock()?;
    for (job, got) in jobs.iter().zip(fetched) {
        results.push(store_one(env, &ws, job, got));
    }
    results.sort_by(|a, b| (&a.article, &a.url).cmp(&(&b.article, &b.url)));
    let failed = results.iter().filter(|r| r.outcome == "failed").count();
    let stored = results.iter().filter(|r| r.outcome == "stored").count();
    let code = if failed > 0 {
        EXIT_FAILURE
    } else if exit_code && stored > 0 {
        EXIT_FINDINGS
    } else {
        0
    };
    let stdout = match env.format {
        Format::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                articles: &'a [ArticleOut],
            }
            json::object(&Doc { articles: &results })
        }
        _ => {
            let mut out = String::new();
            for r in &results {
                let name = if r.article.is_empty() {
                    &r.url
                } else {
                    &r.article
                };
                let detail = match (r.outcome, &r.revision, &r.message) {
                    ("stored", Some(rev), _) => format!("stored {rev} from {}", r.url),
                    ("unchanged", _, Some(m)) => format!("unchanged ({m})"),
                    ("unchanged", _, None) => "unchanged".to_string(),
                    (_, _, m) => format!("failed: {}", m.as_deref().unwrap_or("")),
                };
                out.push_str(&format!("{name}: {detail}\n"));
            }
            out.push_str(&format!(
                "{} stored, {} unchanged, {} failed\n",
                plural(stored, "revision"),
                results.len() - stored - failed,
                failed
            ));
            out
        }
    };
    Ok(Outcome { stdout, code })
}

/// The articles to fetch: those named, or every article whose latest revision has a URL.
fn jobs_for(ws: &Workspace, named: &[String], results: &mut Vec<ArticleOut>) -> Result<Vec<Job>> {
    let names = if named.is_empty() {
        ws.articles()?
    } else {
        named.to_vec()
    };
    let mut jobs = Vec::new();
    for article in names {
        let manifest = match ws.load_manifest(&article) {
            Ok(m) => m,
            Err(e) => {
                if named.contains(&article) {
                    results.push(failure(&article, "", e.to_string()));
                }
                continue;
            }
        };
        let Some(latest) = manifest.latest() else {
            continue;
        };
        let Some(url) = latest.source_url.clone().filter(|u| input::is_url(u)) else {
            if named.contains(&article) {
                results.push(failure(
                    &article,
                    "",
                    "its latest revision has no URL to fetch (store one with `claimtrail snapshot add ARTICLE URL`)".to_string(),
                ));
            }
            continue;
        };
        // Ask the server for the page only if it changed since it last answered: the validators
        // of a later fetch that found the same text, else those of the latest capture.
        let validators = crate::cache::ValidatorCache::new(&ws.root)
            .get(&article, &url, &latest.sha256)
            .or_else(|| {
                latest
                    .capture
                    .as_ref()
                    .filter(|c| c.url.as_deref() == Some(url.as_str()))
                    .map(|c| Validators {
                        etag: c.etag.clone(),
                        last_modified: c.last_modified.clone(),
                    })
            })
            .unwrap_or_default();
        jobs.push(Job {
            article,
            url,
            validators,
            latest: Some(latest.sha256.clone()),
        });
    }
    Ok(jobs)
}

fn failure(article: &str, url: &str, message: String) -> ArticleOut {
    ArticleOut {
        article: article.to_string(),
        url: url.to_string(),
        outcome: "failed",
        revision: None,
        message: Some(message),
    }
}

/// The host of an http(s) URL, for one-request-per-host scheduling.
pub(super) fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// Fetch every job: hosts are shared out to at most `parallel` threads, and each thread takes
/// one host's pages in turn. Results come back in the jobs' order.
fn fetch_all(env: &Env, jobs: &[Job], opts: &FetchOptions, parallel: usize) -> Vec<Fetched> {
    let mut by_host: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, j) in jobs.iter().enumerate() {
        by_host.entry(host(&j.url)).or_default().push(i);
    }
    let queue = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let results: Mutex<Vec<Option<Fetched>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    let bar = (env.progress && !jobs.is_empty()).then(|| {
        let b = indicatif::ProgressBar::new(jobs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .expect("valid template"),
        );
        b
    });
    std::thread::scope(|s| {
        for _ in 0..parallel.max(1).min(jobs.len().max(1)) {
            s.spawn(|| {
                loop {
                    let Some(indices) = queue.lock().expect("queue lock").pop() else {
                        break;
                    };
                    for i in indices {
                        let job = &jobs[i];
                        if let Some(b) = &bar {
                            b.set_message(job.article.clone());
                        }
                        let got = fetch_one(env, job, opts);
                        results.lock().expect("results lock")[i] = Some(got);
                        if let Some(b) = &bar {
                            b.inc(1);
                        }
                    }
                }
            });
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    results
        .into_inner()
        .expect("results lock")
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Fetched::Failed("not fetched".to_string())))
        .collect()
}

fn fetch_one(env: &Env, job: &Job, opts: &FetchOptions) -> Fetched {
    let page = match input::fetch_url(&job.url, opts, &job.validators) {
        Ok(p) => p,
        Err(e) => return Fetched::Failed(error_reason(&e, &job.url)),
    };
    if page.not_modified() {
        return Fetched::NotModified;
    }
    match input::read_fetched(env, &job.url, page) {
        Ok(inp) => Fetched::Page(Box::new(inp)),
        Err(e) => Fetched::Failed(error_reason(&e, &job.url)),
    }
}

/// The error's message without the URL it starts with (the line names the URL already).
fn error_reason(e: &Error, url: &str) -> String {
    let s = e.to_string();
    s.strip_prefix(url)
        .and_then(|r| r.strip_prefix(": "))
        .map(str::to_string)
        .unwrap_or(s)
}

fn store_one(env: &Env, ws: &Workspace, job: &Job, got: Fetched) -> ArticleOut {
    let mut out = ArticleOut {
        article: job.article.clone(),
        url: job.url.clone(),
        outcome: "unchanged",
        revision: None,
        message: None,
    };
    match got {
        Fetched::NotModified => out.message = Some("HTTP 304 not modified".to_string()),
        Fetched::Failed(m) => {
            out.outcome = "failed";
            out.message = Some(m);
        }
        Fetched::Page(inp) => {
            let sha = crate::hash::Sha256Hash::of_bytes(inp.reading.text.as_bytes()).to_string();
            if job.latest.as_deref() == Some(sha.as_str()) {
                // The same text: remember the server's validators for the next fetch.
                if let Some((_, f, _)) = &inp.fetched {
                    let fresh = Validators {
                        etag: f.etag.clone(),
                        last_modified: f.last_modified.clone(),
                    };
                    if fresh != job.validators {
                        crate::cache::ValidatorCache::new(&ws.root).put(
                            &job.article,
                            &job.url,
                            &sha,
                            &fresh,
                        );
                    }
                }
                return out;
            }
            let capture = inp.capture().expect("a fetched page has a capture");
            match ws.add_captured_snapshot(
                &job.article,
                &inp.reading.text,
                store::RawCapture {
                    bytes: &inp.raw,
                    capture,
                },
                None,
                Some(&job.url),
                Some(&env.now),
            ) {
                Ok(AddOutcome::Stored(e)) => {
                    out.outcome = "stored";
                    out.revision = Some(e.label);
                }
                Ok(AddOutcome::SameAsLatest(_)) => {}
                Err(e) => {
                    out.outcome = "failed";
                    out.message = Some(e.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn hosts() {
        assert_eq!(host("https://News.Example.com/a/b?c"), "news.example.com");
        assert_eq!(host("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
        assert_eq!(host("https://user@h.test"), "h.test");
    }
}
