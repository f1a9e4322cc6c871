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
///
/// Redirects are followed here, not by the HTTP client, so that the caller's own headers
/// (`--header`: cookies, tokens, API keys) and the conditional-request validators go only to the
/// origin (scheme, host and port) they were given for: once a redirect leaves that origin they
/// are dropped for the rest of the chain, as curl does without `--location-trusted`. A redirect
/// to anything but http(s) is refused.
pub fn fetch(
    url: &str,
    opts: &FetchOptions,
    validators: &Validators,
) -> Result<Fetched, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_global(Some(opts.timeout))
        .user_agent(opts.user_agent.as_str())
        .accept("text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
        .build()
        .into();
    let origin = origin_of(url);
    let mut current = url.to_string();
    let mut trusted = true;
    let mut hops = 0u32;
    let mut resp = loop {
        let mut req = agent.get(current.as_str());
        if trusted {
            for (name, value) in &opts.headers {
                req = req.header(name.as_str(), value.as_str());
            }
            if let Some(etag) = &validators.etag {
                req = req.header("If-None-Match", etag.as_str());
            }
            if let Some(lm) = &validators.last_modified {
                req = req.header("If-Modified-Since", lm.as_str());
            }
        }
        let resp = req.call().map_err(|e| map_error(e, opts))?;
        let status = resp.status().as_u16();
        if !matches!(status, 301 | 302 | 303 | 307 | 308) {
            break resp;
        }
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                FetchError::Transport(format!("HTTP {status} redirect without a Location header"))
            })?;
        if hops == opts.max_redirects {
            return Err(FetchError::TooManyRedirects(opts.max_redirects));
        }
        hops += 1;
        let base = resp.get_uri().to_string();
        let next = resolve_location(&base, location).ok_or_else(|| {
            FetchError::Transport(format!(
                "HTTP {status} redirect to {location:?}, which is not an http(s) URL"
            ))
        })?;
        if origin_of(&next) != origin {
            trusted = false;
        }
        current = next;
    };
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

/// `scheme://host:port` of an absolute http(s) URL, lower-cased, with the default port made
/// explicit, so `http://Example.org/` and `http://example.org:80/x` are one origin.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host_port = host_port.to_ascii_lowercase();
    let has_port = match host_port.rfind(':') {
        Some(i) => !host_port[i..].contains(']'),
        None => false,
    };
    Some(if has_port {
        format!("{scheme}://{host_port}")
    } else {
        format!("{scheme}://{host_port}:{default_port}")
    })
}

/// The absolute URL a `Location` header points to from `base` (RFC 3986, section 5.2, for the
/// forms servers send: absolute, scheme-relative, absolute-path, query-only and relative-path
/// references), without its fragment. `None` for a scheme other than http(s).
fn resolve_location(base: &str, location: &str) -> Option<String> {
    let location = location.split('#').next().unwrap_or("");
    let (base_scheme, base_rest) = base.split_once("://")?;
    let authority_end = base_rest.find(['/', '?']).unwrap_or(base_rest.len());
    let (authority, base_path_query) = base_rest.split_at(authority_end);
    let base_path = base_path_query.split('?').next().unwrap_or("");
    let has_scheme = location.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let out = if has_scheme {
        location.to_string()
    } else if let Some(rest) = location.strip_prefix("//") {
        format!("{base_scheme}://{rest}")
    } else if location.starts_with('/') {
        let (path, query) = split_query(location);
        format!(
            "{base_scheme}://{authority}{}{query}",
            remove_dot_segments(path)
        )
    } else if location.starts_with('?') || location.is_empty() {
        format!(
            "{base_scheme}://{authority}{}{location}",
            if base_path.is_empty() { "/" } else { base_path }
        )
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "/",
        };
        let (path, query) = split_query(location);
        format!(
            "{base_scheme}://{authority}{}{query}",
            remove_dot_segments(&format!("{dir}{path}"))
        )
    };
    origin_of(&out)?;
    Some(out)
}

fn split_query(reference: &str) -> (&str, &str) {
    match reference.find('?') {
        Some(i) => reference.split_at(i),
        None => (reference, ""),
    }
}

/// RFC 3986 section 5.2.4 on an absolute path.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
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
    fn locations_resolve_against_the_page() {
        let base = "http://news.example:8080/world/story.html?id=1";
        let cases = [
            ("https://other.example/x#frag", "https://other.example/x"),
            ("//cdn.example/y", "http://cdn.example/y"),
            ("/a/./b/../c?q=2", "http://news.example:8080/a/c?q=2"),
            (
                "?page=2",
                "http://news.example:8080/world/story.html?page=2",
            ),
            ("next.html", "http://news.example:8080/world/next.html"),
            ("../up/", "http://news.example:8080/up/"),
            ("../../../../top", "http://news.example:8080/top"),
        ];
        for (loc, want) in cases {
            assert_eq!(resolve_location(base, loc).as_deref(), Some(want), "{loc}");
        }
        assert_eq!(resolve_location(base, "javascript:alert(1)"), None);
        assert_eq!(resolve_location(base, "file:///etc/passwd"), None);
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(
            origin_of("http://Example.org/x"),
            origin_of("http://example.org:80/y?z")
        );
        assert_ne!(
            origin_of("http://example.org/"),
            origin_of("https://example.org/")
        );
        assert_ne!(
            origin_of("http://a.example/"),
            origin_of("http://b.example/")
        );
        assert_ne!(
            origin_of("http://a.example:1/"),
            origin_of("http://a.example:2/")
        );
        assert_eq!(
            origin_of("http://user@a.example/"),
            origin_of("http://a.example/")
        );
        assert_eq!(origin_of("ftp://a.example/"), None);
    }

    #[test]
    fn agent_names_claimtrail_and_contact() {
        let ua = user_agent(Some("desk@example.org"));
        assert!(ua.starts_with("claimtrail/"), "{ua}");
        assert!(ua.ends_with("; desk@example.org)"), "{ua}");
        assert!(!user_agent(None).contains(';'));
    }
}
