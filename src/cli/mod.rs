//! Owns the command line: argument parsing (clap derive), the only place that prints, reads the
//! environment (`NO_COLOR`, the terminal) or picks an exit code.

mod check;
mod claims;
mod codes;
mod commands;
mod completions;
mod diff;
mod export;
mod extract;
mod feed;
mod fetch;
mod hash;
mod init;
mod input;
mod inspect;
mod log;
mod report;
mod review;
mod show;
mod snapshot;
mod terminal;
mod text;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::Error;
use crate::report::Style;

/// Exit codes: 0 clean, 1 findings (or changes with `diff --exit-code`), 2 the tool failed.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_FAILURE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "claimtrail",
    version,
    about = "Audit trail for news articles: hashed, attributed claims across revisions",
    long_about = "claimtrail stores every assertion of a news article as a claim (sha256 of its normalized text) \
with its attribution, keeps every revision as an immutable snapshot, diffs claims across revisions, and \
checks the claim files in CI.\n\nExit codes: 0 ok, 1 findings (check) or changes (diff --exit-code), 2 failure."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Run as if started in DIR.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// When to colour human output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Markdown,
    /// GitHub Actions workflow commands (check).
    Github,
    /// SARIF 2.1.0 (check).
    Sarif,
    /// JUnit XML (check).
    Junit,
    /// schema.org ClaimReview JSON-LD (export).
    Claimreview,
    /// W3C Web Annotations, JSON-LD (export).
    W3cAnnotation,
}

impl Format {
    const ALL: [Format; 8] = [
        Format::Human,
        Format::Json,
        Format::Markdown,
        Format::Github,
        Format::Sarif,
        Format::Junit,
        Format::Claimreview,
        Format::W3cAnnotation,
    ];

    fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Claimreview => "claimreview",
            Format::W3cAnnotation => "w3c-annotation",
        }
    }
}

/// A `--format` value parser that accepts only `allowed`, so each command's `--help` lists its own
/// formats and clap refuses the others (exit 2) naming the ones it takes.
fn formats(
    allowed: &'static [&'static str],
) -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(allowed)
        .map(|s| Format::parse(&s).expect("every allowed name is a format"))
}

/// `--format` for commands that print human text or JSON.
#[derive(Debug, Clone, Copy, Args)]
pub struct HumanJson {
    /// Output format.
    #[arg(long = "format", value_name = "FORMAT", default_value = "human", value_parser = formats(&["human", "json"]))]
    pub format: Format,
}

/// `--format` for commands that also print Markdown.
#[derive(Debug, Clone, Copy, Args)]
pub struct HumanJsonMarkdown {
    /// Output format (markdown: for a pull-request comment or a docs page).
    #[arg(long = "format", value_name = "FORMAT", default_value = "human", value_parser = formats(&["human", "json", "markdown"]))]
    pub format: Format,
}

/// `--format` for `export`: the interchange formats.
#[derive(Debug, Clone, Copy, Args)]
pub struct ExportFormat {
    /// Output format: claimreview (schema.org ClaimReview JSON-LD of the reviewed claims) or
    /// w3c-annotation (a W3C Web Annotation per claim).
    #[arg(long = "format", value_name = "FORMAT", value_parser = formats(&["claimreview", "w3c-annotation"]))]
    pub format: Format,
}

/// `--format` for `check`: the CI formats too.
#[derive(Debug, Clone, Copy, Args)]
pub struct CheckFormat {
    /// Output format: github (Actions annotations), sarif (SARIF 2.1.0), junit (JUnit XML).
    #[arg(long = "format", value_name = "FORMAT", default_value = "human", value_parser = formats(&["human", "json", "markdown", "github", "sarif", "junit"]))]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create claimtrail.toml, claims/ and snapshots/ in the current folder.
    Init {
        #[command(flatten)]
        out: HumanJson,
    },
    /// Store and list revisions of an article.
    #[command(subcommand)]
    Snapshot(SnapshotCmd),
    /// Extract the claims of a revision (the latest by default) into claims/<article>.json.
    Extract {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        /// Revision label (default: the latest).
        #[arg(long)]
        rev: Option<String>,
        #[command(flatten)]
        out: HumanJson,
    },
    /// List an article's tracked claims.
    Claims {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        /// Only claims nobody stands behind (no source, no evidence, unverified), checkable or not.
        #[arg(long)]
        unsupported: bool,
        /// Only checkable claims (a figure, date, comparison, named actor or cause). With
        /// --unsupported: what `check` reports as unsupported-claim, less lost sources.
        #[arg(long)]
        checkable: bool,
        /// Only claims with this status.
        #[arg(long)]
        status: Option<String>,
        /// Include claims no longer present in the latest revision.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Show one claim, by id prefix, with its lineage across revisions.
    Show {
        /// A claim id or a prefix of it (hex digits), unique across the workspace.
        id: String,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Show how claimtrail reads a text: sentences, claims, attribution (no workspace needed).
    Inspect {
        /// A text or HTML file, - for standard input, or an http(s) URL.
        file: PathBuf,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Print the article text claimtrail reads from a file, - or an http(s) URL (for a web page:
    /// the headline and the paragraphs, without the page's furniture).
    Text {
        /// A text or HTML file, - for standard input, or an http(s) URL.
        input: String,
        /// An HTTP request header, `Name: value` (repeatable; e.g. a paywall cookie).
        #[arg(long = "header", value_name = "HEADER")]
        headers: Vec<String>,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Print the normalized form, sha256 and id of a claim text.
    Hash {
        /// The text (- reads standard input).
        text: String,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Audit the workspace: snapshots, claims files, unsupported claims (exit 1 on errors).
    Check {
        /// Articles to check (default: all).
        articles: Vec<String>,
        /// Treat warnings as errors: they are reported as errors in every format.
        #[arg(long)]
        strict: bool,
        /// Ignore the findings recorded in this baseline file.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record the current findings in FILE as a baseline, and exit 0.
        #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
        write_baseline: Option<PathBuf>,
        /// Write the report to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        output_file: Option<PathBuf>,
        #[command(flatten)]
        out: CheckFormat,
        /// Also verify that ledgers and manifests at git revision REV are a prefix of today's
        /// (nothing recorded then was rewritten), e.g. --since origin/main in a pull request.
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        #[command(flatten)]
        run: check::RunArgs,
    },
    /// Record a review verdict for one or more claims (appends to the article's ledger).
    Review {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        /// Claim ids or id prefixes.
        #[arg(required = true)]
        ids: Vec<String>,
        /// unverified, supported, disputed, false, misleading, opinion or needs-review.
        #[arg(long)]
        status: String,
        /// Evidence URL (repeatable).
        #[arg(long, value_name = "URL")]
        evidence: Vec<String>,
        /// A note on the verdict (replaces the claim's note).
        #[arg(long)]
        note: Option<String>,
        /// Who reviews (default: $CLAIMTRAIL_REVIEWER, then $USER, then `git config user.name`).
        #[arg(long)]
        by: Option<String>,
        /// When, RFC 3339 (default: now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Show an article's review history, latest time first (optionally for one claim).
    Log {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        /// A claim id or prefix.
        id: Option<String>,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Diff the claims of two revisions of an article, or of two files with --files.
    Diff {
        /// ARTICLE [FROM [TO]] (default: the two latest revisions), or OLD NEW with --files.
        #[arg(num_args = 1..=3, value_name = "ARGS")]
        args: Vec<String>,
        /// Diff two text files instead of an article's revisions.
        #[arg(long)]
        files: bool,
        /// Exit 1 when any claim changed, as `git diff --exit-code` does.
        #[arg(long)]
        exit_code: bool,
        #[command(flatten)]
        out: HumanJsonMarkdown,
    },
    /// List the finding codes that check reports, with their default severity.
    Codes {
        #[command(flatten)]
        out: HumanJsonMarkdown,
    },
    /// Write a self-contained HTML report of an article: its claims highlighted, the changes
    /// since an earlier revision, sources and the review history.
    Report {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        /// The earlier revision to compare with (default: the one before --to).
        #[arg(long, value_name = "REV")]
        from: Option<String>,
        /// The revision to show (default: the latest).
        #[arg(long, value_name = "REV")]
        to: Option<String>,
        /// Write the report to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Export an article's reviews as schema.org ClaimReview JSON-LD (--format claimreview) or
    /// its claims as W3C Web Annotations (--format w3c-annotation).
    Export {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        #[command(flatten)]
        out: ExportFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff); e.g. `claimtrail man > claimtrail.1`.
    Man,
    /// Re-fetch articles that have a URL; store a revision only when the article text changed.
    ///
    /// Exit codes: 0 ok, 1 some article changed (with --exit-code), 2 some fetch failed.
    Fetch {
        /// Articles to fetch (default: every article whose latest revision has a URL).
        articles: Vec<String>,
        /// Also start tracking the articles an RSS or Atom feed lists (repeatable); each gets
        /// an id derived from its URL path.
        #[arg(long, value_name = "URL")]
        feed: Vec<String>,
        /// An HTTP request header, `Name: value` (repeatable; e.g. a paywall cookie).
        #[arg(long = "header", value_name = "HEADER")]
        headers: Vec<String>,
        /// Exit 1 when any article got a new revision.
        #[arg(long)]
        exit_code: bool,
        #[command(flatten)]
        out: HumanJson,
    },
}

/// The help of every `<ARTICLE>` argument.
const ARTICLE_HELP: &str =
    "The article's id in this workspace (a-z, 0-9 and -, as given to `snapshot add`)";

impl Command {
    /// The output format the command was given.
    pub fn format(&self) -> Format {
        match self {
            Command::Init { out }
            | Command::Extract { out, .. }
            | Command::Claims { out, .. }
            | Command::Show { out, .. }
            | Command::Inspect { out, .. }
            | Command::Hash { out, .. }
            | Command::Review { out, .. }
            | Command::Log { out, .. }
            | Command::Snapshot(SnapshotCmd::Add { out, .. })
            | Command::Snapshot(SnapshotCmd::List { out, .. }) => out.format,
            Command::Check { out, .. } => out.format,
            Command::Diff { out, .. } | Command::Codes { out } => out.format,
            Command::Export { out, .. } => out.format,
            Command::Text { out, .. }
            | Command::Fetch { out, .. }
            | Command::Snapshot(SnapshotCmd::Reread { out, .. }) => out.format,
            Command::Report { .. } | Command::Completions { .. } | Command::Man => Format::Human,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SnapshotCmd {
    /// Store a revision of an article (immutable; identical bytes store nothing).
    Add {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        /// The article: a text or HTML file, - for standard input, or an http(s) URL to fetch.
        file: PathBuf,
        /// An HTTP request header for a URL, `Name: value` (repeatable; e.g. a paywall cookie).
        #[arg(long = "header", value_name = "HEADER")]
        headers: Vec<String>,
        /// Revision label (default: r1, r2, ...).
        #[arg(long)]
        label: Option<String>,
        /// Where the text was captured from.
        #[arg(long)]
        url: Option<String>,
        /// When it was captured, RFC 3339 (default: now).
        #[arg(long, value_name = "TIME")]
        captured_at: Option<String>,
        #[command(flatten)]
        out: HumanJson,
    },
    /// List an article's revisions.
    List {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        #[command(flatten)]
        out: HumanJson,
    },
    /// Read a revision's raw web page again with this claimtrail's extractor, storing the text as
    /// a new revision when it differs (stored revisions never change).
    Reread {
        #[arg(help = ARTICLE_HELP)]
        article: String,
        /// The revision to re-read (default: the latest).
        #[arg(long)]
        rev: Option<String>,
        #[command(flatten)]
        out: HumanJson,
    },
}

/// What a command produced: text for stdout and the exit code.
pub struct Outcome {
    pub stdout: String,
    pub code: i32,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            code: EXIT_OK,
        }
    }
}

/// Everything a command may use from the environment, decided once here.
pub struct Env {
    pub cwd: PathBuf,
    /// The current time, RFC 3339 (from SOURCE_DATE_EPOCH when set, for reproducible runs).
    pub now: String,
    /// Default reviewer name ($CLAIMTRAIL_REVIEWER, then $USER).
    pub reviewer: Option<String>,
    pub style: Style,
    pub format: Format,
    /// Draw progress bars (stderr is a terminal).
    pub progress: bool,
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Parse arguments, run, print, and return the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_OK
            };
        }
    };
    let cwd = match &cli.global.dir {
        Some(d) => d.clone(),
        None => PathBuf::from("."),
    };
    if !cwd.is_dir() {
        eprintln!("claimtrail: error: -C {}: not a folder", cwd.display());
        return EXIT_FAILURE;
    }
    // Test hook for the crash-consistency test: abort at the Nth write step (see journal.rs).
    if let Some(n) = std::env::var("CLAIMTRAIL_CRASH_AT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        crate::journal::set_crash_at(n);
    }
    let reviewer = ["CLAIMTRAIL_REVIEWER", "USER"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()));
    let now = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(secs) => crate::store::format_rfc3339(secs),
            Err(_) => {
                eprintln!("claimtrail: error: SOURCE_DATE_EPOCH={v:?} is not a number of seconds");
                return EXIT_FAILURE;
            }
        },
        Err(_) => crate::store::now_rfc3339(),
    };
    let env = Env {
        cwd,
        now,
        reviewer,
        style: Style {
            color: color_enabled(cli.global.color),
        },
        format: cli.command.format(),
        progress: std::io::stderr().is_terminal(),
    };
    match commands::run(cli.command, &env) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // Text meant for people shows an article's control characters, never obeys them.
            let text = if for_people(env.format) {
                terminal::escape_controls(&out.stdout, env.style.color)
            } else {
                std::borrow::Cow::Borrowed(out.stdout.as_str())
            };
            match stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
            {
                Ok(()) => out.code,
                // A closed pipe (`claimtrail ... | head`) is not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => out.code,
                Err(e) => {
                    eprintln!("claimtrail: error: writing output: {e}");
                    EXIT_FAILURE
                }
            }
        }
        Err(e) => {
            let label = if env.style.color && std::io::stderr().is_terminal() {
                "\x1b[31merror\x1b[0m"
            } else {
                "error"
            };
            let message = e.to_string();
            eprintln!(
                "claimtrail: {label}: {}",
                terminal::escape_controls(&message, false)
            );
            EXIT_FAILURE
        }
    }
}

/// Whether output in `format` is text for people, whose control characters are escaped (see
/// `terminal`), rather than data for programs, written as is.
fn for_people(format: Format) -> bool {
    matches!(format, Format::Human | Format::Markdown | Format::Github)
}

/// Refuse a format a command does not support.
fn require(env: &Env, allowed: &[Format], command: &str) -> Result<(), Error> {
    if allowed.contains(&env.format) {
        Ok(())
    } else {
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        Err(Error::Usage(format!(
            "`{command}` does not support --format {}; use {}",
            env.format.name(),
            names.join(" or ")
        )))
    }
}
