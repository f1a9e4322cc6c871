//! Owns the meaning of claimtrail.toml: sources, boilerplate, the diff threshold and the policy.
//!
//! Parsing only; the store reads the file and reports where it failed.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::check::Severity;
use crate::extract::ReadOptions;
use crate::sources::{Registry, Source};

/// Default similarity (0..1) above which two differing claims are the same claim, edited.
pub const DEFAULT_SIMILARITY: f64 = 0.5;

/// claimtrail.toml. Every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub extract: ExtractConfig,
    #[serde(default)]
    pub diff: DiffConfig,
    /// Severity per finding code: "error", "warning" or "off".
    #[serde(default)]
    pub policy: BTreeMap<String, Severity>,
    /// Sources added to (or replacing by id) the built-in registry.
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
    /// Who publishes the reviews: the author of exported ClaimReviews.
    #[serde(default)]
    pub publisher: Option<Publisher>,
    /// How `snapshot add URL` and `fetch` reach the web.
    #[serde(default)]
    pub fetch: FetchConfig,
}

/// `[fetch]`: the HTTP client's limits and how it introduces itself.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchConfig {
    /// A contact (e-mail or URL) added to the User-Agent, so site operators can reach you.
    pub contact: Option<String>,
    /// Seconds to wait for a connection.
    pub connect_timeout: f64,
    /// Seconds for a whole request, body included.
    pub timeout: f64,
    /// The largest page accepted, in bytes.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Pages fetched at once by `claimtrail fetch` (never two at once from one host).
    pub parallel: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            contact: None,
            connect_timeout: 10.0,
            timeout: 30.0,
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            parallel: 4,
        }
    }
}

/// `[publisher]`: the fact-checking organisation, named in exported ClaimReviews.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    /// Its site; a claim without an evidence URL is exported with `<url>#claim-<id>`.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractConfig {
    /// Extra page-furniture lines to skip.
    #[serde(default)]
    pub boilerplate: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffConfig {
    #[serde(default = "default_similarity")]
    pub similarity: f64,
}

fn default_similarity() -> f64 {
    DEFAULT_SIMILARITY
}

impl Default for DiffConfig {
    fn default() -> Self {
        DiffConfig {
            similarity: DEFAULT_SIMILARITY,
        }
    }
}

impl Config {
    /// Parse the text of a claimtrail.toml; the error is toml's message with line and column.
    pub fn parse(text: &str) -> Result<Config, String> {
        let cfg: Config = toml::from_str(text).map_err(|e| e.to_string().trim().to_string())?;
        if !(0.0..=1.0).contains(&cfg.diff.similarity) || cfg.diff.similarity.is_nan() {
            return Err(format!(
                "[diff] similarity must be between 0 and 1, not {}",
                cfg.diff.similarity
            ));
        }
        let f = &cfg.fetch;
        let seconds = |x: f64| x > 0.0 && x.is_finite();
        if !seconds(f.connect_timeout) || !seconds(f.timeout) {
            return Err(
                "[fetch] connect_timeout and timeout must be positive numbers of seconds"
                    .to_string(),
            );
        }
        if f.max_bytes == 0 || f.parallel == 0 {
            return Err("[fetch] max_bytes and parallel must be at least 1".to_string());
        }
        for s in &cfg.sources {
            if s.id.is_empty()
                || !s
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(format!(
                    "[[source]] id {:?} must be kebab-case (a-z, 0-9, -)",
                    s.id
                ));
            }
        }
        if let Some(p) = &cfg.publisher {
            if p.name.trim().is_empty() {
                return Err("[publisher] name must not be empty".to_string());
            }
            if let Some(u) = &p.url
                && !crate::check::is_http_url(u)
            {
                return Err(format!("[publisher] url {u:?} is not an http(s) URL"));
            }
        }
        Ok(cfg)
    }

    pub fn registry(&self) -> Registry {
        Registry::with_extra(self.sources.clone())
    }

    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            registry: self.registry(),
            boilerplate: self.extract.boilerplate.clone(),
        }
    }
}

/// What `claimtrail init` writes: every key commented with its default.
pub const TEMPLATE: &str = r#"# claimtrail workspace. Every key is optional; the defaults are built in.

# [extract]
# Lines of page furniture to skip besides the built-in list ("Share.", "Exit mobile version", ...).
# boilerplate = ["Sign up for our newsletter"]

# [diff]
# How similar (0..1, word-level) two claims must be to count as one claim edited.
# similarity = 0.5

# [policy]
# Severity per finding code: "error", "warning" or "off".
# unsupported-claim = "warning"

# Sources beyond the built-in registry (us-government, chinese-government, ...); the same id
# replaces a built-in entry.
# [[source]]
# id = "reuters"
# label = "Reuters"
# aliases = ["Reuters", "the news agency"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_to_defaults() {
        let c = Config::parse(TEMPLATE).unwrap();
        assert_eq!(c.diff.similarity, DEFAULT_SIMILARITY);
        assert!(c.sources.is_empty() && c.policy.is_empty());
    }

    #[test]
    fn full_config() {
        let c = Config::parse(
            "[diff]\nsimilarity = 0.7\n[policy]\nunsupported-claim = \"error\"\n[[source]]\nid = \"reuters\"\nlabel = \"Reuters\"\naliases = [\"Reuters\"]\n",
        )
        .unwrap();
        assert_eq!(c.diff.similarity, 0.7);
        assert_eq!(c.policy["unsupported-claim"], Severity::Error);
        assert_eq!(c.registry().resolve("Reuters"), Some("reuters"));
        let c = Config::parse("[publisher]\nname = \"Desk\"\nurl = \"https://example.org/\"\n")
            .unwrap();
        let p = c.publisher.unwrap();
        assert_eq!(
            (p.name.as_str(), p.url.as_deref()),
            ("Desk", Some("https://example.org/"))
        );
        let e = Config::parse("[publisher]\nname = \"Desk\"\nurl = \"example.org\"\n").unwrap_err();
        assert!(e.contains("not an http(s) URL"), "{e}");
    }

    #[test]
    fn errors_say_where() {
        let e = Config::parse("[diff]\nsimilarity = 2.0\n").unwrap_err();
        assert!(e.contains("between 0 and 1"), "{e}");
        let e = Config::parse("[difff]\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
        let e = Config::parse("[policy]\nunsupported-claim = \"loud\"\n").unwrap_err();
        assert!(e.contains("loud") || e.contains("unknown variant"), "{e}");
    }
}
