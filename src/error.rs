//! Owns the library's error type: what went wrong and with which file, so the CLI can say so.

use std::path::PathBuf;

/// Errors that make a command fail (exit code 2). Problems found *in* the workspace by `check`
/// are findings, not errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not UTF-8 text: invalid byte at offset {offset}", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: the article is empty (no text besides white space)", path.display())]
    Empty { path: PathBuf },
    /// `size` is what the file system says, or 0 when it cannot say (a pipe, a device).
    #[error("{}: {} over the limit of {limit} bytes", path.display(), if size > limit { format!("{size} bytes is") } else { "the input goes on".to_string() })]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("invalid {what} {name:?}: {reason}")]
    InvalidName {
        what: &'static str,
        name: String,
        reason: &'static str,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Config { path: PathBuf, message: String },
    #[error("{}: the snapshot's bytes do not match the manifest (sha256 {actual}, manifest says {expected}): it was changed after it was stored", path.display())]
    Tampered {
        path: PathBuf,
        expected: String,
        actual: String,
    },
    #[error("no claimtrail workspace (claimtrail.toml) in {} or any folder above it; run `claimtrail init`", start.display())]
    NoWorkspace { start: PathBuf },
    #[error(
        "unknown article {0:?}: there is no snapshots/{0}/manifest.json (add one with `claimtrail snapshot add`)"
    )]
    UnknownArticle(String),
    #[error("article {article:?} has no revision {rev:?} (it has: {known})")]
    UnknownRevision {
        article: String,
        rev: String,
        known: String,
    },
    #[error("article {article:?} has no claims file yet: run `claimtrail extract {article}`")]
    NoClaims { article: String },
    #[error("no claim has an id starting with {prefix:?}{}", article.as_ref().map(|a| format!(" in {a}")).unwrap_or_default())]
    UnknownClaim {
        prefix: String,
        /// The article searched (none: the whole workspace).
        article: Option<String>,
    },
    #[error("id prefix {prefix:?} is ambiguous: it matches {}{}; give more digits", candidates.join(", "), if *more { " and more" } else { "" })]
    AmbiguousId {
        prefix: String,
        /// The first few matching claims (never all: a short prefix can match millions).
        candidates: Vec<String>,
        /// Whether more claims match than `candidates` lists.
        more: bool,
    },
    #[error(
        "no article {article:?} in this workspace{}",
        suggest(article, similar)
    )]
    NoSuchArticle {
        article: String,
        /// Articles of the workspace whose names are close to `article`, nearest first.
        similar: Vec<String>,
    },
    #[error(
        "revision {label:?} of {article:?} already holds different bytes; snapshots are immutable (choose another --label)"
    )]
    LabelTaken { article: String, label: String },
    #[error("{0}")]
    Usage(String),
    /// A web page or file that cannot be read as an article (undecodable, not HTML or text, no
    /// article in it).
    #[error("{origin}: {message}")]
    Page { origin: String, message: String },
    /// A URL that could not be fetched.
    #[error("{url}: {source}")]
    Fetch {
        url: String,
        source: crate::fetch::FetchError,
    },
}

/// "; did you mean ...?" when there are close names, else how to add the article.
fn suggest(article: &str, similar: &[String]) -> String {
    match similar {
        [] => format!(" (add it with `claimtrail snapshot add {article} FILE`)"),
        [one] => format!("; did you mean {one:?}?"),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| format!("{s:?}")).collect();
            format!("; did you mean one of {}?", quoted.join(", "))
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
