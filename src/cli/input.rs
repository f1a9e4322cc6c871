//! Reading a command's input (a file, `-` or an http(s) URL) into article text, with what is
//! needed to record its provenance. Shared by `text`, `inspect`, `snapshot add`, `diff --files`
//! and `fetch`.

use std::path::Path;
use std::time::Duration;

use super::Env;
use crate::capture::{self, Reading};
use crate::config::FetchConfig;
use crate::error::{Error, Result};
use crate::fetch::{self, FetchOptions, Fetched, Validators};
use crate::model::Capture;
use crate::store::{self, Workspace};

/// An input read into article text.
pub(super) struct Input {
    pub reading: Reading,
    /// The bytes as read or fetched.
    pub raw: Vec<u8>,
    /// For a URL: the URL asked for, the response, and when it was fetched.
    pub fetched: Option<(String, Fetched, String)>,
}

impl Input {
    /// The provenance to store with the text: for a web page or anything fetched, none for a
    /// plain-text file (its bytes are the text).
    pub fn capture(&self) -> Option<Capture> {
        if self.fetched.is_none() && self.reading.kind == capture::Kind::Text {
            return None;
        }
        Some(capture::provenance(
            &self.raw,
            &self.reading,
            self.fetched
                .as_ref()
                .map(|(u, f, at)| (u.as_str(), f, at.as_str())),
        ))
    }

    /// The URL the text was captured from, after redirects.
    pub fn source_url(&self) -> Option<&str> {
        self.fetched.as_ref().map(|(_, f, _)| f.final_url.as_str())
    }
}

pub(super) fn is_url(s: &str) -> bool {
    crate::check::is_http_url(s)
}

/// The fetch configuration of the workspace around the current folder, or the defaults.
pub(super) fn fetch_config(env: &Env) -> Result<FetchConfig> {
    match Workspace::discover(&env.cwd) {
        Ok(ws) => Ok(ws.config.fetch),
        Err(Error::NoWorkspace { .. }) => Ok(FetchConfig::default()),
        Err(e) => Err(e),
    }
}

/// Client options from the configuration and `--header` arguments.
pub(super) fn fetch_options(cfg: &FetchConfig, headers: &[String]) -> Result<FetchOptions> {
    let headers = headers
        .iter()
        .map(|h| fetch::parse_header(h).map_err(|m| Error::Usage(format!("--header: {m}"))))
        .collect::<Result<Vec<_>>>()?;
    Ok(FetchOptions {
        user_agent: fetch::user_agent(cfg.contact.as_deref()),
        headers,
        connect_timeout: Duration::from_secs_f64(cfg.connect_timeout),
        timeout: Duration::from_secs_f64(cfg.timeout),
        max_bytes: cfg.max_bytes,
        max_redirects: cfg.max_redirects,
    })
}

/// Read a file, `-` or URL.
pub(super) fn load(env: &Env, arg: &str, headers: &[String]) -> Result<Input> {
    if is_url(arg) {
        let cfg = fetch_config(env)?;
        let opts = fetch_options(&cfg, headers)?;
        let fetched = fetch_url(arg, &opts, &Validators::default())?;
        return read_fetched(env, arg, fetched);
    }
    if !headers.is_empty() {
        return Err(Error::Usage(format!(
            "--header applies to URLs; {arg} is a file"
        )));
    }
    let path = Path::new(arg);
    let raw = store::read_input(path, store::MAX_ARTICLE_BYTES)?;
    let origin = if arg == "-" { "<stdin>" } else { arg };
    let reading = capture::read(origin, raw.clone(), None, None)?;
    Ok(Input {
        reading,
        raw,
        fetched: None,
    })
}

pub(super) fn fetch_url(url: &str, opts: &FetchOptions, v: &Validators) -> Result<Fetched> {
    fetch::fetch(url, opts, v).map_err(|source| Error::Fetch {
        url: url.to_string(),
        source,
    })
}

/// Read a fetched page (not a 304) into article text.
pub(super) fn read_fetched(env: &Env, url: &str, fetched: Fetched) -> Result<Input> {
    let reading = capture::read(
        url,
        fetched.body.clone(),
        fetched.content_type.as_deref(),
        Some(&fetched.final_url),
    )?;
    Ok(Input {
        reading,
        raw: fetched.body.clone(),
        fetched: Some((url.to_string(), fetched, env.now.clone())),
    })
}
