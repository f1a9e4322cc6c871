//! Owns HTTP: fetching one page with a bounded client (redirects capped, connect and total
//! timeouts, a size cap, gzip, a User-Agent naming claimtrail, conditional requests).
//!
//! Returns bytes and response metadata; never prints, never touches the workspace. The caller
//! stamps the fetch time, so the clock stays in `cli`.

use std::time::Duration;

use ureq::ResponseExt;

/// How to fetch.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchOptions {
    /// The User-Agent header.
    pub user_agent: String,
    /// Extra request headers (`Cookie`, `Authorization`, ...), as given.
    pub headers: Vec<(String, String)>,
    pub connect_timeout: Duration,
    /// The whole request, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// The largest body accepted (after gzip is undone).
    pub max_bytes: u64,
    pub max_redirects: u32,
}

/// What the previous capture of the page said, for a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A page as fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: String,
    /// 200..=299, or 304 when a conditional request found the page unchanged (`body` empty).
    pub status: u16,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
    /// The body as the server sent it, with any gzip transfer coding undone.
    pub body: Vec<u8>,
}

impl Fetched {
    pub fn not_modified(&self) -> bool {
        self.status == 304
    }
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {status}{}", retry_after.as_ref().map(|r| format!(" (the server asks to retry after {r})")).unwrap_or_default())]
    Status {
        status: u16,
        retry_after: Option<String>,
    },
    #[error("timed out ({0})")]
    Timeout(String),
    #[error("the page is over the size limit of {0} bytes")]
    TooLarge(u64),
    #[error("more than {0} redirects (a redirect loop?)")]
    TooManyRedirects(u32),
    #[error("{0}")]
    Transport(String),
}

/// The User-Agent claimtrail sends: its name and version, and a contact when one is configured
/// (site operators ask for a way to reach whoever polls their pages).
pub fn user_agent(contact: Option<&str>) -> String {
    let base = format!(
        "claimtrail/{} (+https://crates.io/crates/claimtrail",
        env!("CARGO_PKG_VERSION")
    );
    match contact.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{base}; {c})"),
        None => format!("{base})"),
    }
}

/// Parse a `--header 'Name: value'` argument.
pub fn parse_header(raw: &str) -> Result<(String, String), String> {
    let (name, value) = raw
        .split_once(':')
        .ok_or_else(|| format!("header {raw:?} is not `Name: value`"))?;
    let name = name.trim();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    {
        return Err(format!(
            "header name {name:?} is not a valid HTTP header name"
        ));
    }
    if value.bytes().any(|b| b == b'\r' || b == b'\n') {
        return Err(format!("header {name:?} has a line break in its value"));
    }
    Ok((name.to_string(), value.trim().to_string()))
}

/// Fetch `url` with GET. Statuses outside 2xx (besides 304 for a conditional request) are
/// errors; so are timeouts, bodies over the cap and redirect chains over the limit.
pub fn fetch(
    url: &str,
    opts: &FetchOptions,
    validators: &Validators,
) -> Result<Fetched, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(opts.max_redirects)
        .max_redirects_will_error(true)
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_global(Some(opts.timeout))
        .user_agent(opts.user_agent.as_str())
        .accept("text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
        .build()
        .into();
    let mut req = agent.get(url);
    for (name, value) in &opts.headers {
        req = req.header(name.as_str(), value.as_str());
    }
    if let Some(etag) = &validators.etag {
        req = req.header("If-None-Match", etag.as_str());
    }
    if let Some(lm) = &validators.last_modified {
        req = req.header("If-Modified-Since", lm.as_str());
    }
    let mut resp = req.call().map_err(|e| map_error(e, opts))?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (etag, last_modified, content_type, retry_after) = (
        header("etag"),
        header("last-modified"),
        header("content-type"),
        header("retry-after"),
    );
    let final_url = resp.get_uri().to_string();
    if status == 304 && (validators.etag.is_some() || validators.last_modified.is_some()) {
        return Ok(Fetched {
            final_url,
            status,
            etag,
            last_modified,
            content_type,
            body: Vec::new(),
        });
    }
    if !(200..300).contains(&status) {
        return Err(FetchError::Status {
            status,
            retry_after,
        });
    }
    let body = resp
        .body_mut()
        .with_config()
        .limit(opts.max_bytes)
        .read_to_vec()
        .map_err(|e| map_error(e, opts))?;
    Ok(Fetched {
        final_url,
        status,
        etag,
        last_modified,
        content_type,
        body,
    })
}

fn map_error(e: ureq::Error, opts: &FetchOptions) -> FetchError {
    match e {
        ureq::Error::Timeout(t) => FetchError::Timeout(t.to_string()),
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(opts.max_bytes),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects(opts.max_redirects),
        ureq::Error::StatusCode(s) => FetchError::Status {
            status: s,
            retry_after: None,
        },
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout(io.to_string())
        }
        other => FetchError::Transport(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parse() {
        assert_eq!(
            parse_header("Cookie: a=1; b=2").unwrap(),
            ("Cookie".to_string(), "a=1; b=2".to_string())
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("Bad Name: x").is_err());
        assert!(parse_header("X: a\r\nInjected: 1").is_err());
    }

    #[test]
    fn agent_names_claimtrail_and_contact() {
        let ua = user_agent(Some("desk@example.org"));
        assert!(ua.starts_with("claimtrail/"), "{ua}");
        assert!(ua.ends_with("; desk@example.org)"), "{ua}");
        assert!(!user_agent(None).contains(';'));
    }
}
