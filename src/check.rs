//! Owns the audit rules: loaded workspace data in, findings with stable codes out.
//!
//! Never writes, never prints, never picks an exit code: the CLI does that from the findings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::hash::Sha256Hash;
use crate::model::{Claim, ClaimsFile, Status};
use crate::store::{self, Workspace};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Configured away: findings with this severity are not reported.
    Off,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Off => "off",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $sev:ident, $desc:literal, $fix:literal;)*) => {
        /// Finding codes. Public API: never renamed or reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// What the finding means.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $desc,)* }
            }

            /// How to fix it.
            pub fn fix(self) -> &'static str {
                match self { $(Code::$variant => $fix,)* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

codes! {
    ManifestInvalid = "manifest-invalid", Error,
        "an article's snapshots/<article>/manifest.json is missing, unreadable or malformed",
        "restore the manifest from version control; never edit it by hand";
    SnapshotMissing = "snapshot-missing", Error,
        "a revision listed in the manifest has no snapshot file",
        "restore snapshots/<article>/<rev>.txt from version control";
    SnapshotHashMismatch = "snapshot-hash-mismatch", Error,
        "a snapshot's bytes do not match the sha256 in the manifest: it was changed after capture",
        "restore the captured bytes from version control; store a new capture with `snapshot add`";
    SnapshotInvalid = "snapshot-invalid", Error,
        "a snapshot is not UTF-8 text or is empty",
        "restore the captured bytes from version control";
    CaptureMissing = "capture-missing", Error,
        "a revision read from a web page has no raw capture file (snapshots/<article>/captures/<sha256>.gz)",
        "restore the capture file from version control";
    CaptureHashMismatch = "capture-hash-mismatch", Error,
        "a raw capture's bytes do not match the sha256 in the manifest, or it is not readable gzip",
        "restore the capture file from version control; never edit a capture by hand";
    ClaimsFileInvalid = "claims-file-invalid", Error,
        "a claims file is unreadable, malformed JSON, or not of a supported schema",
        "fix the JSON at the line and column given, or restore it from version control";
    ClaimsFileMissing = "claims-file-missing", Error,
        "an article has snapshots but no claims file",
        "run `claimtrail extract <article>`";
    ClaimsFileStale = "claims-file-stale", Error,
        "the claims file was extracted from an older revision than the latest snapshot",
        "run `claimtrail extract <article>`";
    ClaimsWithoutSnapshots = "claims-without-snapshots", Error,
        "a claims file exists for an article with no snapshots",
        "restore the article's snapshots or remove the claims file";
    ClaimHashMismatch = "claim-hash-mismatch", Error,
        "a claim's sha256 is not the hash of its normalized text",
        "the text or hash was edited by hand: restore the claim, or re-run extract";
    ClaimIdMismatch = "claim-id-mismatch", Error,
        "a claim's id is not the first 12 hex digits of its sha256",
        "restore the claim's id from its sha256";
    ClaimAnchorMismatch = "claim-anchor-mismatch", Error,
        "a claim's text is not the slice of its revision that its anchor points at",
        "the text or anchor was edited by hand: restore it, or re-run extract";
    DuplicateClaimId = "duplicate-claim-id", Error,
        "two claims of an article share an id",
        "remove the duplicate entry";
    UntrackedClaim = "untracked-claim", Error,
        "the latest revision makes a claim that the claims file does not track",
        "run `claimtrail extract <article>`";
    UnknownStatus = "unknown-status", Error,
        "a claim's status is not one of the known statuses",
        "use unverified, supported, disputed, false, misleading, opinion or needs-review";
    UnsupportedClaim = "unsupported-claim", Warning,
        "a present checkable claim (a figure, date, comparison, named actor or cause) stands in the article's own voice with no evidence and no review, or a claim lost its source in a revision",
        "review it: `claimtrail review` with evidence, or set a status";
    ChangedAfterReview = "changed-after-review", Warning,
        "a reviewed claim changed in a later revision and waits for review again (status needs-review)",
        "review the claim again with `claimtrail review`";
    RatedFalsePresent = "rated-false-present", Warning,
        "a claim rated false or misleading is still present in the latest revision",
        "ask the newsroom for a correction; the finding clears when the claim leaves the article";
    UnknownSource = "unknown-source", Warning,
        "a claim names a source id that the sources registry does not have",
        "add the source to claimtrail.toml as a [[source]] entry, or fix the id";
    LedgerInvalid = "ledger-invalid", Error,
        "a line of claims/<article>.ledger.jsonl is not a valid ledger entry",
        "restore the ledger from version control; never edit it by hand";
    LedgerChainBroken = "ledger-chain-broken", Error,
        "a ledger line's prev is not the sha256 of the line before it: a line was edited, removed or reordered",
        "restore the ledger from version control; never edit it by hand";
    LedgerHeadMismatch = "ledger-head-mismatch", Error,
        "the claims file's ledger_head is not the hash of the ledger's last line: the last line was edited or removed, or the ledger is missing",
        "restore the ledger (and claims file) from version control";
    StatusNotInLedger = "status-not-in-ledger", Error,
        "a claim's status differs from what replaying the ledger gives: it was edited by hand",
        "set statuses only with `claimtrail review`, which records them in the ledger";
    StrayFile = "stray-file", Warning,
        "a file in claims/ or snapshots/ belongs to no article: an invalid name, an unlisted snapshot, or a temp file left by an interrupted write",
        "remove it, or store the text properly with `claimtrail snapshot add`";
    EvidenceInvalid = "evidence-invalid", Error,
        "an evidence entry has neither a URL nor a note, or its URL is not http(s)",
        "give each evidence entry an http(s) URL or a note";
    InterruptedWrite = "interrupted-write", Warning,
        "a temp file left by a write that was killed before it committed: the files it meant to replace are unchanged",
        "nothing to restore: the next write command (snapshot add, extract, review) removes it; run the interrupted command again";
    WritePending = "write-pending", Warning,
        "a write was committed (claims/.claimtrail-journal.json) but killed before all its files were in place; check read them as the write leaves them",
        "run any write command (or the interrupted one again): it completes the write before anything else";
    JournalInvalid = "journal-invalid", Error,
        "claims/.claimtrail-journal.json is unreadable, names files claimtrail could not have written, or its staged files do not match",
        "restore the workspace from version control and remove the journal";
    SymlinkInWorkspace = "symlink-in-workspace", Error,
        "claims/, snapshots/ or a file or folder in them is a symbolic link: writes could land outside the workspace",
        "replace the link with the real folder or file; claimtrail refuses to write through links";
    ManifestFieldInvalid = "manifest-field-invalid", Error,
        "a manifest entry holds a value claimtrail never writes: bytes that differ from the file, a captured_at that is not a real RFC 3339 time, a source_url that is not http(s)",
        "restore the manifest from version control; never edit it by hand";
    ClaimFieldInvalid = "claim-field-invalid", Error,
        "a claim holds a value claimtrail never writes: a supersedes similarity outside 0..1, a present claim anchored to an older revision",
        "restore the claims file from version control, or re-run `claimtrail extract <article>`";
    DerivedFieldMismatch = "derived-field-mismatch", Error,
        "a claim's attribution, hedges, figures or negation differ from what reading the latest revision gives: edited by hand, or extracted by another version of claimtrail",
        "run `claimtrail extract <article>`, which recomputes them, or restore the claims file from version control";
    SnapshotChainBroken = "snapshot-chain-broken", Error,
        "snapshots/<article>/chain.jsonl cannot be read (a folder, a named pipe, over the limit), does not chain, or does not record the manifest's revisions (label, sha256, bytes, captured_at, source_url) in order: a stored revision was swapped or its manifest entry edited",
        "restore the snapshots folder from version control; never edit it by hand";
    SnapshotChainMissing = "snapshot-chain-missing", Warning,
        "an article's revisions have no snapshots/<article>/chain.jsonl (a workspace from before chains, or the file was removed)",
        "the next `snapshot add` starts the chain; if the file was removed, restore it from version control";
    HistoryRewritten = "history-rewritten", Error,
        "with --since REV: a ledger or manifest at REV is not a prefix of today's: recorded history was rewritten or removed",
        "restore the file from REV and record changes only with claimtrail commands, which only append";
    ReviewNotInLedger = "review-not-in-ledger", Error,
        "a claim's evidence, note or status history differs from what replaying the ledger gives: it was edited by hand",
        "record reviews only with `claimtrail review`; restore the claims file from version control";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub article: Option<String>,
    pub claim: Option<String>,
    /// The claim's sha256: what a baseline keys on, since ids and lines move.
    pub sha256: Option<String>,
    /// Workspace-relative path of the file the finding is about.
    pub file: Option<String>,
    /// 1-based line in `file`.
    pub line: Option<usize>,
    pub message: String,
}

/// Everything `check` found, sorted by file, line, code.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub articles: usize,
    pub claims: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }
}

/// Is `s` an http(s) URL with a host?
pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains(char::is_whitespace) && !s.contains(char::is_whitespace)
    })
}

/// Line numbers of each claim's `"id": ...` line in a claims file, by id (first occurrence).
#[cfg(test)]
fn id_lines(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        id_line(&mut out, n, line, &|_| true);
    }
    out
}

/// [`id_lines`] of a claims file, read a line at a time (a claims file is ~9 bytes per byte of
/// article: it is not held whole beside its parsed claims), for the ids `wanted` keeps (those
/// with findings: most claims have none). Empty when the file cannot be read or is larger than
/// `store::MAX_JSON_BYTES`, as loading it would fail.
fn id_lines_of_file(path: &Path, wanted: impl Fn(&str) -> bool) -> HashMap<String, usize> {
    use std::io::BufRead;
    let mut out = HashMap::new();
    let Ok(f) = store::open_workspace_file(path) else {
        return out;
    };
    if f.metadata()
        .map_or(true, |m| m.is_dir() || m.len() > store::MAX_JSON_BYTES)
    {
        return out;
    }
    let mut r = std::io::BufReader::with_capacity(64 << 10, f);
    let mut buf = Vec::new();
    for n in 0.. {
        buf.clear();
        match r.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => return HashMap::new(),
        }
        // As `str::lines` cuts: without the newline and a carriage return before it. A newline
        // never falls inside a UTF-8 sequence, so decoding line by line decodes as the whole.
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        id_line(&mut out, n, &String::from_utf8_lossy(line), &wanted);
    }
    out
}

fn id_line(out: &mut HashMap<String, usize>, n: usize, line: &str, wanted: &impl Fn(&str) -> bool) {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("\"id\": \"")
        && let Some(id) = rest.split('"').next()
        // Only a claim's own id sits 6 spaces in; supersedes ids are deeper.
        && line.len() - t.len() == 6
        && wanted(id)
        && !out.contains_key(id)
    {
        out.insert(id.to_string(), n + 1);
    }
}

/// A code's severity under a workspace's policy (`off` findings are not reported).
pub fn effective_severity(config: &crate::config::Config, code: Code) -> Severity {
    config
        .policy
        .get(code.as_str())
        .copied()
        .unwrap_or(code.default_severity())
}

struct Ctx<'a> {
    ws: &'a Workspace,
    findings: Vec<Finding>,
    /// Keep every finding at its default severity, whatever the policy says (for `blocking`).
    raw: bool,
    /// Take readings from `.claimtrail-cache/reading/` (and fill it).
    cache: bool,
}

impl Ctx<'_> {
    /// How readings are taken: from `.claimtrail-cache/reading/` (and stored there) or made.
    fn cache_use(&self) -> crate::cache::CacheUse {
        if self.cache {
            crate::cache::CacheUse::TakeAndStore
        } else {
            crate::cache::CacheUse::Off
        }
    }

    /// Record a finding at the severity the policy gives its code (none when `off`).
    fn emit(&mut self, mut finding: Finding) {
        if self.raw {
            self.findings.push(finding);
            return;
        }
        finding.severity = effective_severity(&self.ws.config, finding.code);
        if finding.severity != Severity::Off {
            self.findings.push(finding);
        }
    }

    /// A finding about a whole file (workspace-relative path), with no claim.
    fn push_file(&mut self, code: Code, article: Option<&str>, rel: &str, message: String) {
        self.emit(Finding {
            code,
            severity: code.default_severity(),
            article: article.map(str::to_string),
            claim: None,
            sha256: None,
            file: Some(rel.to_string()),
            line: None,
            message: format!("{rel} {message}"),
        });
    }

    fn push(
        &mut self,
        code: Code,
        article: &str,
        claim: Option<&Claim>,
        file: Option<&Path>,
        line: Option<usize>,
        message: String,
    ) {
        let file = file.map(|p| self.ws.rel(p));
        self.emit(Finding {
            code,
            severity: code.default_severity(),
            article: Some(article.to_string()),
            claim: claim.map(|c| c.id.to_string()),
            sha256: claim.map(|c| c.sha256.to_string()),
            file,
            line,
            message,
        });
    }
}

/// Check the named articles (all when empty). `progress` is called once per article checked.
pub fn check(
    ws: &Workspace,
    only: &[String],
    progress: impl FnMut(&str) + Send,
) -> Result<Report, Error> {
    let progress = std::sync::Mutex::new(progress);
    check_with(ws, only, &RunOptions::sequential(), &|a| {
        (progress.lock().expect("progress never panics"))(a)
    })
}

/// Check the named articles (all when empty) of the options' shard, on `opts.jobs` threads. The
/// report is the same, byte for byte, whatever the number of jobs: findings are sorted at the
/// end. Each worker holds one article at a time, so memory does not grow with the archive.
pub fn check_with(
    ws: &Workspace,
    only: &[String],
    opts: &RunOptions,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Report, Error> {
    let known = ws.articles()?;
    for a in only {
        store::validate_article(a)?;
        if !known.contains(a) {
            return Err(Error::UnknownArticle(a.clone()));
        }
    }
    let mut articles = if only.is_empty() {
        known
    } else {
        only.to_vec()
    };
    if let Some(shard) = opts.shard {
        articles.retain(|a| shard.contains(a));
    }
    for p in &ws.config.policy {
        if Code::parse(p.0).is_none() {
            return Err(Error::Config {
                path: ws.root.join(store::CONFIG_FILE),
                message: format!("[policy] names unknown finding code {:?}", p.0),
            });
        }
    }
    let mut ctx = Ctx {
        ws,
        findings: Vec::new(),
        raw: false,
        cache: opts.cache,
    };
    // Files that belong to no article are reported once, by the first shard.
    let first_shard = opts.shard.is_none_or(|s| s.index == 1);
    check_write_safety(&mut ctx, &articles, only.is_empty() && first_shard);
    if only.is_empty() && first_shard {
        for path in ws.stray_entries()? {
            ctx.push_file(
                Code::StrayFile,
                None,
                &path,
                "belongs to no article: not a valid article name or file kind".to_string(),
            );
        }
    }
    let results = opts
        .cache
        .then(|| crate::cache::ArticleCache::new(&ws.root));
    let config = format!("{:?}", ws.config);
    let one = |article: &String| {
        progress(article);
        // An article whose every input byte, configuration and build are unchanged has the
        // findings it had: hashing its files is the whole check.
        let key = results
            .as_ref()
            .and_then(|_| crate::cache::article_key(ws, article, &config));
        if let (Some(r), Some(k)) = (&results, &key)
            && let Some(hit) = r.get(k).and_then(findings_from_cache)
        {
            return hit;
        }
        let mut actx = Ctx {
            ws,
            findings: Vec::new(),
            raw: false,
            cache: opts.cache,
        };
        let n = check_article(&mut actx, article);
        if let (Some(r), Some(k)) = (&results, &key) {
            r.put(k, &findings_to_cache(&actx.findings, n));
        }
        (actx.findings, n)
    };
    let per_article: Vec<(Vec<Finding>, usize)> = if opts.jobs == 1 {
        articles.iter().map(one).collect()
    } else {
        use rayon::prelude::*;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(opts.jobs)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", opts.jobs)))?;
        pool.install(|| articles.par_iter().map(one).collect())
    };
    let mut claims = 0;
    for (f, n) in per_article {
        ctx.findings.extend(f);
        claims += n;
    }
    let mut findings = ctx.findings;
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.code, &a.claim, &a.message)
            .cmp(&(&b.file, b.line, b.code, &b.claim, &b.message))
    });
    Ok(Report {
        findings,
        articles: articles.len(),
        claims,
    })
}

fn findings_to_cache(findings: &[Finding], claims: usize) -> crate::cache::ArticleResult {
    crate::cache::ArticleResult {
        claims,
        findings: findings
            .iter()
            .map(|f| crate::cache::CachedFinding {
                code: f.code.as_str().to_string(),
                severity: f.severity,
                article: f.article.clone(),
                claim: f.claim.clone(),
                sha256: f.sha256.clone(),
                file: f.file.clone(),
                line: f.line,
                message: f.message.clone(),
            })
            .collect(),
    }
}

/// The cached findings, or `None` when one names a code this build does not know.
fn findings_from_cache(r: crate::cache::ArticleResult) -> Option<(Vec<Finding>, usize)> {
    let findings = r
        .findings
        .into_iter()
        .map(|f| {
            Some(Finding {
                code: Code::parse(&f.code)?,
                severity: f.severity,
                article: f.article,
                claim: f.claim,
                sha256: f.sha256,
                file: f.file,
                line: f.line,
                message: f.message,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some((findings, r.claims))
}

/// How `check` runs: how many threads, which shard of the articles, and whether the reading
/// cache is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Only this shard's articles.
    pub shard: Option<Shard>,
    /// Reuse (and record) readings of snapshots under `.claimtrail-cache/`.
    pub cache: bool,
}

impl RunOptions {
    /// One thread, every article, no cache: what the library's [`check`] does.
    pub fn sequential() -> RunOptions {
        RunOptions {
            jobs: 1,
            shard: None,
            cache: false,
        }
    }
}

/// Shard `index` of `count` (1-based): the articles whose id hashes to it. The partition depends
/// only on the article id (the first 8 bytes of its sha256, modulo `count`), so it is the same on
/// every machine and an article never changes shard as the archive grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Parse `K/N` with 1 <= K <= N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("shard {s:?} is not K/N with 1 <= K <= N (e.g. 2/4)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Does this shard own the article?
    pub fn contains(&self, article: &str) -> bool {
        let hex = Sha256Hash::of_bytes(article.as_bytes()).to_string();
        let first = u64::from_str_radix(&hex[..16], 16).expect("sha256 hex digits");
        (first % self.count as u64) as usize == self.index - 1
    }
}

/// Check one article; returns how many claims its file tracks. The claims file is checked a
/// claim at a time as it is parsed, never held whole (a 30 MB article's file is ~270 MB of
/// JSON); a file that cannot be read so (see [`Workspace::stream_claims`]) is loaded whole, which
/// also says what is wrong with it.
fn check_article(ctx: &mut Ctx<'_>, article: &str) -> usize {
    let ws = ctx.ws;
    let mut before = before_claims(ctx, article);
    if let Some((n, _)) = check_streamed(ctx, article, &before, &mut |_, _| {}) {
        return n;
    }
    check_whole(ctx, article, &mut before, || ws.load_claims(article)).0
}

/// [`check_article`] with the claims file loaded whole by `load` (`ws.load_claims(article)`,
/// and whatever the command does to it first); gives it back, so the command that checked it
/// goes on without parsing it again. `load` runs after the latest revision was read, so that a
/// reading of a long article is down to what the comparison needs before the claims file is
/// parsed beside it.
fn check_loaded(
    ctx: &mut Ctx<'_>,
    article: &str,
    load: impl FnOnce() -> Result<Option<ClaimsFile>, Error>,
) -> (usize, Option<ClaimsFile>) {
    let mut before = before_claims(ctx, article);
    check_whole(ctx, article, &mut before, load)
}

/// What an article's claims are checked against, read (and checked) before its claims file.
struct BeforeClaims {
    /// Each revision's text that could be read and matched its manifest entry.
    texts: BTreeMap<String, String>,
    manifest: Option<crate::model::Manifest>,
    /// The revision the claims file's head names (see [`claims_file_revision`]).
    head_revision: Option<String>,
    /// The reading of the latest revision, made when the head names it.
    early: Option<(String, Vec<crate::cache::Derived>)>,
}

/// The snapshots against the manifest, then the reading of the latest revision when the claims
/// file says it was extracted from it (the reading is then compared with it).
fn before_claims(ctx: &mut Ctx<'_>, article: &str) -> BeforeClaims {
    let ws = ctx.ws;
    let manifest_path = ws.manifest_path(article);
    let claims_path = ws.claims_path(article);
    let has_snapshots = ws.root.join(store::SNAPSHOTS_DIR).join(article).is_dir();

    // Snapshots: each revision's bytes against the manifest.
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut manifest = None;
    if has_snapshots || manifest_path.exists() {
        match ws.load_manifest(article) {
            Ok(m) => {
                for r in &m.revisions {
                    let path = ws.snapshot_path(article, &r.label);
                    if !ws.effective(&path).exists() {
                        ctx.push(
                            Code::SnapshotMissing,
                            article,
                            None,
                            Some(&path),
                            None,
                            format!(
                                "revision {} is listed in the manifest but its file is missing",
                                r.label
                            ),
                        );
                        continue;
                    }
                    match ws.read_snapshot(article, r) {
                        Ok(t) => {
                            texts.insert(r.label.clone(), t);
                        }
                        Err(Error::Tampered { expected, actual, .. }) => ctx.push(
                            Code::SnapshotHashMismatch, article, None, Some(&path), None,
                            format!("sha256 is {actual}, the manifest recorded {expected}: the snapshot was changed after capture"),
                        ),
                        Err(e) => ctx.push(Code::SnapshotInvalid, article, None, Some(&path), None, e.to_string()),
                    }
                }
                check_manifest_fields(ctx, article, &m, &texts);
                check_captures(ctx, article, &m);
                if let Ok(strays) = ws.stray_snapshot_files(&m) {
                    for path in strays {
                        ctx.push_file(
                            Code::StrayFile,
                            Some(article),
                            &path,
                            "is not a revision the manifest lists".to_string(),
                        );
                    }
                }
                manifest = Some(m);
            }
            Err(e) => {
                let line = match &e {
                    Error::Parse { line, .. } => Some(*line),
                    _ => None,
                };
                ctx.push(
                    Code::ManifestInvalid,
                    article,
                    None,
                    Some(&manifest_path),
                    line,
                    e.to_string(),
                );
            }
        }
    }
    let head_revision = claims_file_revision(&ws.effective(&claims_path));
    let early = manifest
        .as_ref()
        .and_then(|m| m.latest())
        .map(|r| r.label.clone())
        .filter(|l| head_revision.as_ref() == Some(l))
        .and_then(|l| {
            let text = texts.get(&l)?;
            let fresh = crate::cache::read_derived(ws, text, &l, ctx.cache_use());
            Some((l, fresh))
        });
    BeforeClaims {
        texts,
        manifest,
        head_revision,
        early,
    }
}

/// The checks of a claims file read a claim at a time; `None` (and nothing reported) when it
/// is not read so, or has no manifest to be checked against.
fn check_streamed(
    ctx: &mut Ctx<'_>,
    article: &str,
    before: &BeforeClaims,
    on_claim: &mut dyn FnMut(&str, Claim),
) -> Option<(usize, ClaimsFile)> {
    let ws = ctx.ws;
    let manifest = before.manifest.as_ref()?;
    let head_revision = before.head_revision.as_deref()?;
    let ledger = Ledger::read(ws, article);
    let fresh = before
        .early
        .as_ref()
        .and_then(|(label, derived)| Some(Fresh::new(label, before.texts.get(label)?, derived)));
    let start = |head: &ClaimsFile| {
        // The head was peeked at to decide what to read first; what it says now is what counts.
        (head.revision == head_revision).then(|| {
            ClaimChecks::new(
                ws,
                &head.revision,
                &before.texts,
                manifest,
                ledger.replay(),
                fresh,
            )
        })
    };
    let (head, n, checks) = ws.stream_claims(article, start, |checks, c| {
        checks.claim(&c);
        on_claim(&checks.revision, c);
    })?;
    check_claims_file_head(ctx, article, &head, manifest, &ledger);
    let claims_path = ws.claims_path(article);
    checks.finish(ctx, article, &claims_path, &ws.effective(&claims_path));
    Some((n, head))
}

/// The file-level findings of a claims file: a stale revision, the ledger against its head.
fn check_claims_file_head(
    ctx: &mut Ctx<'_>,
    article: &str,
    file: &ClaimsFile,
    manifest: &crate::model::Manifest,
    ledger: &Ledger,
) {
    let claims_path = ctx.ws.claims_path(article);
    let latest = manifest.latest().map(|r| r.label.as_str());
    if latest != Some(file.revision.as_str()) {
        ctx.push(Code::ClaimsFileStale, article, None, Some(&claims_path), Some(1),
            format!("claims were extracted from {}, but the latest revision is {}: run `claimtrail extract {article}`", file.revision, latest.unwrap_or("(none)")));
    }
    ledger.report(ctx, article, &file.ledger_head);
}

/// The checks of a claims file loaded whole by `load`; gives it back.
fn check_whole(
    ctx: &mut Ctx<'_>,
    article: &str,
    before: &mut BeforeClaims,
    load: impl FnOnce() -> Result<Option<ClaimsFile>, Error>,
) -> (usize, Option<ClaimsFile>) {
    let ws = ctx.ws;
    let claims_path = ws.claims_path(article);
    let file: ClaimsFile = match load() {
        Ok(Some(f)) => f,
        Ok(None) => {
            if before
                .manifest
                .as_ref()
                .is_some_and(|m| !m.revisions.is_empty())
            {
                ctx.push(
                    Code::ClaimsFileMissing,
                    article,
                    None,
                    Some(&claims_path),
                    None,
                    format!("no claims file: run `claimtrail extract {article}`"),
                );
            }
            return (0, None);
        }
        Err(e) => {
            let line = match &e {
                Error::Parse { line, .. } => Some(*line),
                _ => None,
            };
            ctx.push(
                Code::ClaimsFileInvalid,
                article,
                None,
                Some(&claims_path),
                line,
                e.to_string(),
            );
            return (0, None);
        }
    };
    let Some(manifest) = &before.manifest else {
        ctx.push(
            Code::ClaimsWithoutSnapshots,
            article,
            None,
            Some(&claims_path),
            Some(1),
            "claims file has no snapshots to anchor to".to_string(),
        );
        return (file.claims.len(), Some(file));
    };
    let ledger = Ledger::read(ws, article);
    check_claims_file_head(ctx, article, &file, manifest, &ledger);
    // The derived fields are compared with a reading of the text (cached by the text's own
    // bytes, never by the claims file), so a hand-edited claims file is caught either way.
    let latest = manifest.latest().map(|r| r.label.as_str());
    let fresh_reading = latest.filter(|l| *l == file.revision).and_then(|label| {
        let text = before.texts.get(label)?;
        Some(match before.early.take() {
            Some((l, fresh)) if l == label => (l, fresh),
            _ => (
                label.to_string(),
                crate::cache::read_derived(ws, text, label, ctx.cache_use()),
            ),
        })
    });
    let fresh = fresh_reading
        .as_ref()
        .and_then(|(label, derived)| Some(Fresh::new(label, before.texts.get(label)?, derived)));
    let mut checks = ClaimChecks::new(
        ws,
        &file.revision,
        &before.texts,
        manifest,
        ledger.replay(),
        fresh,
    );
    for c in &file.claims {
        checks.claim(c);
    }
    checks.finish(ctx, article, &claims_path, &ws.effective(&claims_path));
    (file.claims.len(), Some(file))
}

/// An article's ledger as the checks use it: read and verified once.
struct Ledger {
    path: PathBuf,
    /// The verified chain, or why the file could not be read.
    read: Result<crate::ledger::Verified, String>,
}

impl Ledger {
    fn read(ws: &Workspace, article: &str) -> Ledger {
        Ledger {
            path: ws.ledger_path(article),
            read: ws
                .read_ledger(article)
                .map(|text| crate::ledger::verify(&text))
                .map_err(|e| e.to_string()),
        }
    }

    /// The chain, and its head against the one the claims file recorded.
    fn report(&self, ctx: &mut Ctx<'_>, article: &str, recorded_head: &Option<String>) {
        let path = Some(self.path.as_path());
        let v = match &self.read {
            Ok(v) => v,
            Err(e) => {
                ctx.push(Code::LedgerInvalid, article, None, path, None, e.clone());
                return;
            }
        };
        for p in &v.problems {
            match p {
                crate::ledger::Problem::Malformed { line, message } => {
                    ctx.push(Code::LedgerInvalid, article, None, path, Some(*line), format!("line {line}: {message}"))
                }
                crate::ledger::Problem::Chain { line } => ctx.push(
                    Code::LedgerChainBroken, article, None, path, Some(*line),
                    format!("line {line}: prev does not match the line before it: a line was edited, removed or reordered"),
                ),
            }
        }
        if v.head != *recorded_head {
            let msg = match (recorded_head, &v.head) {
                (Some(_), None) => "the claims file records reviews but the ledger is missing or empty".to_string(),
                (None, Some(_)) => "the ledger has entries but the claims file records no ledger_head".to_string(),
                _ => "the ledger's last line is not the one the claims file recorded: it was edited or removed".to_string(),
            };
            ctx.push(Code::LedgerHeadMismatch, article, None, path, None, msg);
        }
    }

    /// What the claims are checked against, when the chain holds (replaying a broken chain
    /// proves nothing, and `report` says what broke it).
    fn replay(&self) -> Option<Replay<'_>> {
        let v = self.read.as_ref().ok().filter(|v| v.problems.is_empty())?;
        let mut by_claim: HashMap<&str, Vec<&crate::ledger::Entry>> = HashMap::new();
        for e in &v.entries {
            by_claim.entry(e.claim.as_str()).or_default().push(e);
        }
        Some(Replay {
            statuses: crate::ledger::replay(&v.entries),
            by_claim,
            recorded: v.entries.iter().flat_map(|e| &e.evidence).collect(),
        })
    }
}

/// A verified ledger, replayed: each claim's status, its lines, and every evidence recorded.
struct Replay<'l> {
    statuses: BTreeMap<crate::model::ClaimId, Status>,
    by_claim: HashMap<&'l str, Vec<&'l crate::ledger::Entry>>,
    recorded: Vec<&'l crate::model::Evidence>,
}

/// The reading of the latest revision, when the claims file tracks it: what its present
/// claims' derived fields are compared with, and what it must track.
struct Fresh<'a> {
    label: &'a str,
    text: &'a str,
    derived: &'a [crate::cache::Derived],
    /// Each read text's (last) reading, and whether a present claim of the file tracks it.
    by_sha: HashMap<&'a str, (&'a crate::cache::Derived, bool)>,
}

impl<'a> Fresh<'a> {
    fn new(label: &'a str, text: &'a str, derived: &'a [crate::cache::Derived]) -> Fresh<'a> {
        let by_sha = derived
            .iter()
            .map(|d| (d.sha256.as_str(), (d, false)))
            .collect();
        Fresh {
            label,
            text,
            derived,
            by_sha,
        }
    }
}

/// A finding about one claim, made while the claims are read; its line in the claims file is
/// looked up once they all were (only for the claims that have findings).
struct ClaimFinding {
    code: Code,
    id: crate::model::ClaimId,
    sha256: crate::model::ClaimHash,
    message: String,
}

/// `review-not-in-ledger` of a claim, which depends on whether a claim read later names it as
/// an heir (in its `superseded_by`).
struct ReviewFinding {
    id: crate::model::ClaimId,
    sha256: crate::model::ClaimHash,
    /// What is wrong if nothing handed it reviews (`None`: nothing); `None` for a claim that
    /// supersedes another, which is always checked as an heir.
    exact: Option<Option<String>>,
    /// What is wrong if it inherited reviews.
    inherited: Option<String>,
}

/// The checks of a claims file's claims, fed one claim at a time (as the file is parsed, or
/// from a file loaded whole): what a claim is checked against is made before, and what needs
/// every claim (duplicate ids, heirs, the claims the latest revision makes that the file does
/// not track) is kept small (ids and hashes) and settled by [`ClaimChecks::finish`].
struct ClaimChecks<'a> {
    /// The revision the file tracks.
    revision: String,
    texts: &'a BTreeMap<String, String>,
    manifest: &'a crate::model::Manifest,
    registry: crate::sources::Registry,
    replay: Option<Replay<'a>>,
    fresh: Option<Fresh<'a>>,
    seen_ids: HashSet<crate::model::ClaimId>,
    heirs: HashSet<crate::model::ClaimId>,
    found: Vec<ClaimFinding>,
    reviews: Vec<ReviewFinding>,
}

impl<'a> ClaimChecks<'a> {
    fn new(
        ws: &Workspace,
        revision: &str,
        texts: &'a BTreeMap<String, String>,
        manifest: &'a crate::model::Manifest,
        replay: Option<Replay<'a>>,
        fresh: Option<Fresh<'a>>,
    ) -> ClaimChecks<'a> {
        ClaimChecks {
            revision: revision.to_string(),
            texts,
            manifest,
            registry: ws.config.registry(),
            replay,
            fresh,
            seen_ids: HashSet::new(),
            heirs: HashSet::new(),
            found: Vec::new(),
            reviews: Vec::new(),
        }
    }

    fn push(&mut self, code: Code, c: &Claim, message: String) {
        self.found.push(ClaimFinding {
            code,
            id: c.id.clone(),
            sha256: c.sha256.clone(),
            message,
        });
    }

    /// Check one claim.
    fn claim(&mut self, c: &Claim) {
        self.against_ledger(c);
        self.fields(c);
        self.heirs.extend(c.superseded_by.iter().cloned());
        if !self.seen_ids.insert(c.id.clone()) {
            self.push(
                Code::DuplicateClaimId,
                c,
                format!("id {} appears more than once", c.id),
            );
        }
        let hash = Sha256Hash::of_claim_text(&c.text).to_string();
        if hash != c.sha256 {
            self.push(
                Code::ClaimHashMismatch,
                c,
                format!(
                    "sha256 {} is not the hash of the claim's normalized text ({hash})",
                    c.sha256
                ),
            );
        } else if !c.sha256.starts_with(c.id.as_str()) || c.id.len() != crate::hash::ID_LEN {
            self.push(
                Code::ClaimIdMismatch,
                c,
                format!("id {} is not the first 12 hex digits of {}", c.id, c.sha256),
            );
        }
        match self.texts.get(c.anchor.rev.as_str()) {
            Some(t) => {
                let slice = t.get(c.anchor.start..c.anchor.end);
                if slice != Some(c.text.as_str()) {
                    self.push(
                        Code::ClaimAnchorMismatch,
                        c,
                        format!(
                            "text is not bytes {}..{} of revision {}",
                            c.anchor.start, c.anchor.end, c.anchor.rev
                        ),
                    );
                }
            }
            None if self.manifest.get(&c.anchor.rev).is_none() => self.push(
                Code::ClaimAnchorMismatch,
                c,
                format!(
                    "anchor names revision {:?}, which the manifest does not have",
                    c.anchor.rev
                ),
            ),
            None => {} // the snapshot itself was reported
        }
        if !c.status.is_known() {
            self.push(
                Code::UnknownStatus,
                c,
                format!("status {:?} is not a known status", c.status.as_str()),
            );
        }
        for e in &c.evidence {
            let bad_url = e.url.as_deref().is_some_and(|u| !is_http_url(u));
            let empty = e.url.is_none() && e.note.as_deref().is_none_or(|n| n.trim().is_empty());
            if bad_url || empty {
                self.push(
                    Code::EvidenceInvalid,
                    c,
                    match &e.url {
                        Some(u) if bad_url => format!("evidence URL {u:?} is not an http(s) URL"),
                        _ => "evidence entry has neither a URL nor a note".to_string(),
                    },
                );
            }
        }
        for s in &c.attribution.sources {
            if let Some(sid) = &s.id
                && self.registry.get(sid).is_none()
            {
                self.push(
                    Code::UnknownSource,
                    c,
                    format!("source id {sid:?} is not in the sources registry"),
                );
            }
        }
        if !c.present {
            return;
        }
        if c.needs_support() {
            self.push(Code::UnsupportedClaim, c, unsupported_message(c));
        }
        // Sent back to review by extract: an edit (supersedes) or, with the same text, a
        // changed attribution (the last history step says `changed: <flags>`).
        let changed_in_place = c
            .history
            .last()
            .filter(|h| h.to == Status::NeedsReview)
            .and_then(|h| h.reason.strip_prefix("changed: "));
        if c.status == Status::NeedsReview && (c.supersedes.is_some() || changed_in_place.is_some())
        {
            let flags: Vec<&str> = match (&c.supersedes, changed_in_place) {
                (Some(s), _) => s.flags.iter().map(|f| f.as_str()).collect(),
                (None, Some(r)) => r.split(", ").collect(),
                (None, None) => Vec::new(),
            };
            self.push(
                Code::ChangedAfterReview,
                c,
                format!(
                    "changed after review ({}); review it again",
                    flags.join(", ")
                ),
            );
        }
        if matches!(c.status, Status::False | Status::Misleading) {
            self.push(
                Code::RatedFalsePresent,
                c,
                format!("rated {} and still in the article", c.status),
            );
        }
        self.derived(c);
    }

    /// Values claimtrail never writes.
    fn fields(&mut self, c: &Claim) {
        if let Some(s) = &c.supersedes
            && !(0.0..=1.0).contains(&s.similarity)
        {
            self.push(
                Code::ClaimFieldInvalid,
                c,
                format!("supersedes.similarity {} is outside 0..1", s.similarity),
            );
        }
        if c.present && c.anchor.rev != self.revision {
            self.push(
                Code::ClaimFieldInvalid,
                c,
                format!(
                    "present, but anchored to revision {} while the file tracks {}",
                    c.anchor.rev, self.revision
                ),
            );
        }
    }

    /// A present claim's derived fields against the fresh reading of the latest revision.
    fn derived(&mut self, c: &Claim) {
        let Some(fresh) = &mut self.fresh else {
            return;
        };
        let Some((f, tracked)) = fresh.by_sha.get_mut(c.sha256.as_str()) else {
            let message = format!(
                "marked present, but revision {} does not make this claim",
                self.revision
            );
            self.push(Code::DerivedFieldMismatch, c, message);
            return;
        };
        *tracked = true;
        let mut differ = Vec::new();
        if c.attribution != f.attribution {
            differ.push("attribution");
        }
        if c.hedges != f.hedges {
            differ.push("hedges");
        }
        if c.figures != f.figures {
            differ.push("figures");
        }
        if c.negated != f.negated {
            differ.push("negated");
        }
        if !differ.is_empty() {
            let message = format!(
                "{} differ from reading revision {}",
                differ.join(", "),
                self.revision
            );
            self.push(Code::DerivedFieldMismatch, c, message);
        }
    }

    /// Status, evidence, notes and history against a replay of the ledger. A claim that no
    /// earlier claim handed its review to is replayed exactly; one that inherited reviews
    /// (through `supersedes` or a merge) may hold only evidence that some review in the ledger
    /// recorded.
    fn against_ledger(&mut self, c: &Claim) {
        let Some(replay) = &self.replay else {
            return;
        };
        let expected = replay
            .statuses
            .get(&c.id)
            .cloned()
            .unwrap_or(Status::Unverified);
        let status_message = (c.status != expected).then(|| {
            format!(
                "status is {} but the ledger says {expected}: it was set without `claimtrail review`",
                c.status
            )
        });
        let inherited = c
            .evidence
            .iter()
            .find(|ev| !replay.recorded.contains(ev))
            .map(|ev| {
                format!(
                    "evidence {:?} was recorded by no review in the ledger",
                    ev.url.as_deref().or(ev.note.as_deref()).unwrap_or("")
                )
            });
        let exact = c.supersedes.is_none().then(|| {
            let lines = replay.by_claim.get(c.id.as_str()).map_or(&[][..], |l| l);
            let problems = replayed_review(c, lines);
            (!problems.is_empty()).then(|| problems.join("; "))
        });
        let edited = |p: String| format!("{p}: edited without `claimtrail review`");
        if exact.as_ref().is_some_and(Option::is_some) || inherited.is_some() {
            self.reviews.push(ReviewFinding {
                id: c.id.clone(),
                sha256: c.sha256.clone(),
                exact: exact.map(|e| e.map(edited)),
                inherited: inherited.map(edited),
            });
        }
        if let Some(m) = status_message {
            self.push(Code::StatusNotInLedger, c, m);
        }
    }

    /// Report what was found, each claim at its line of the file read from `lines_from`, and
    /// the claims the latest revision makes that no present claim tracks. Gives back how many
    /// claims were checked.
    fn finish(self, ctx: &mut Ctx<'_>, article: &str, claims_path: &Path, lines_from: &Path) {
        let mut found = self.found;
        for r in self.reviews {
            let message = match r.exact {
                Some(exact) if !self.heirs.contains(&r.id) => exact,
                _ => r.inherited,
            };
            if let Some(message) = message {
                found.push(ClaimFinding {
                    code: Code::ReviewNotInLedger,
                    id: r.id,
                    sha256: r.sha256,
                    message,
                });
            }
        }
        let lines = if found.is_empty() {
            HashMap::new()
        } else {
            let wanted: HashSet<&str> = found.iter().map(|f| f.id.as_str()).collect();
            id_lines_of_file(lines_from, |id| wanted.contains(id))
        };
        let file = Some(ctx.ws.rel(claims_path));
        for f in found {
            let line = lines.get(f.id.as_str()).copied();
            ctx.emit(Finding {
                code: f.code,
                severity: f.code.default_severity(),
                article: Some(article.to_string()),
                claim: Some(f.id.to_string()),
                sha256: Some(f.sha256.to_string()),
                file: file.clone(),
                line,
                message: f.message,
            });
        }
        // Every claim the latest revision makes must be tracked and present.
        let Some(fresh) = self.fresh else {
            return;
        };
        for c in fresh.derived {
            if fresh.by_sha.get(c.sha256.as_str()).is_some_and(|t| t.1) {
                continue;
            }
            // The reading is of these very bytes, so its anchor spans the claim's text.
            let claim_text = fresh
                .text
                .get(c.anchor.start..c.anchor.end)
                .unwrap_or_default();
            ctx.emit(Finding {
                code: Code::UntrackedClaim,
                severity: Code::UntrackedClaim.default_severity(),
                article: Some(article.to_string()),
                claim: Some(c.sha256[..crate::hash::ID_LEN].to_string()),
                sha256: Some(c.sha256.to_string()),
                file: file.clone(),
                line: Some(1),
                message: format!("revision {} makes the claim \u{201C}{}\u{201D}, which is not tracked: run `claimtrail extract {article}`", fresh.label, crate::report::ellipsize(claim_text, 80)),
            });
        }
    }
}

/// What differs between a claim's evidence, note and history and a replay of its own lines of
/// the ledger (for a claim that inherited no reviews).
fn replayed_review(c: &Claim, lines: &[&crate::ledger::Entry]) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut evidence, mut note, mut history) = (Vec::new(), None, Vec::new());
    for e in lines {
        // `extract` sends a claim back to review when its text stayed but its source
        // changed: a `changed` line for the claim itself, superseding nothing.
        if e.event == "changed" && e.supersedes.is_none() && e.sha256 == c.sha256 {
            history.push((
                e.from.clone(),
                e.to.clone(),
                e.note.clone().unwrap_or_default(),
            ));
            continue;
        }
        if e.event != "review" {
            problems.push(format!(
                "the ledger's {} line names it, but it supersedes nothing",
                e.event
            ));
            continue;
        }
        for ev in &e.evidence {
            if !evidence.contains(ev) {
                evidence.push(ev.clone());
            }
        }
        if e.note.is_some() {
            note = e.note.clone();
        }
        history.push((e.from.clone(), e.to.clone(), format!("review by {}", e.by)));
    }
    if c.evidence != evidence {
        problems.push(format!(
            "evidence has {} entries, the ledger's reviews {}",
            c.evidence.len(),
            evidence.len()
        ));
    }
    if c.note.as_deref() != note.as_deref() {
        problems.push("note is not the one the ledger's last review recorded".to_string());
    }
    let got: Vec<_> = c
        .history
        .iter()
        .map(|h| (h.from.clone(), h.to.clone(), h.reason.clone()))
        .collect();
    if got != history {
        problems.push(format!(
            "history has {} steps, the ledger's reviews {}",
            got.len(),
            history.len()
        ));
    }
    problems
}

/// The `"revision"` a claims file names, read from the file's head (the keys before its
/// `"claims"`, where claimtrail writes it) without parsing the rest; `None` when it is not
/// there (a hand-edited file may order its keys otherwise: it is then read after the claims).
/// Only decides what is read first; the parsed file's own field is what is compared.
fn claims_file_revision(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    store::open_workspace_file(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    let mut de = serde_json::Deserializer::from_slice(&head);
    let mut revision = None;
    // Keys of the top-level object, up to "claims"; the scan stops there (an error is fine).
    struct Head<'a>(&'a mut Option<String>);
    impl<'de> serde::de::Visitor<'de> for Head<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a claims file")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "revision" => {
                        *self.0 = Some(map.next_value()?);
                        return Ok(());
                    }
                    "claims" => return Ok(()),
                    _ => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    }
    let _ = serde::Deserializer::deserialize_map(&mut de, Head(&mut revision));
    revision
}

/// Why an unsupported claim is reported: it lost its source, or what makes it checkable.
fn unsupported_message(c: &Claim) -> String {
    let text = crate::report::ellipsize(&c.text, 80);
    match &c.supersedes {
        Some(s) if c.lost_its_source() => format!(
            "\u{201C}{text}\u{201D} lost its source after {}: nobody stands behind it now",
            s.rev
        ),
        _ if c.checkable_why.is_empty() => format!("nobody stands behind \u{201C}{text}\u{201D}"),
        _ => {
            let why: Vec<&str> = c.checkable_why.iter().map(|w| w.as_str()).collect();
            format!(
                "nobody stands behind \u{201C}{text}\u{201D} (checkable: {})",
                why.join(", ")
            )
        }
    }
}

/// Codes that block a write: the data a write would build on is corrupt or was edited by hand.
/// `extract` recomputes derived fields, so `derived-field-mismatch` does not block it.
pub const BLOCKING: &[Code] = &[
    Code::ManifestInvalid,
    Code::ManifestFieldInvalid,
    Code::SnapshotMissing,
    Code::SnapshotHashMismatch,
    Code::SnapshotInvalid,
    Code::SnapshotChainBroken,
    Code::ClaimsFileInvalid,
    Code::ClaimHashMismatch,
    Code::ClaimIdMismatch,
    Code::ClaimAnchorMismatch,
    Code::ClaimFieldInvalid,
    Code::DuplicateClaimId,
    Code::UnknownStatus,
    Code::EvidenceInvalid,
    Code::LedgerInvalid,
    Code::LedgerChainBroken,
    Code::LedgerHeadMismatch,
    Code::StatusNotInLedger,
    Code::ReviewNotInLedger,
    Code::DerivedFieldMismatch,
    Code::SymlinkInWorkspace,
    Code::JournalInvalid,
];

/// What a write command is about to change, for [`blocking`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    /// `snapshot add`: the manifest and the snapshots.
    Snapshot,
    /// `extract`: the claims file and ledger, rebuilt from the latest revision.
    Extract,
    /// `review`: the claims file and ledger.
    Review,
}

/// The first finding that forbids writing to `article` (checked with the default severities,
/// whatever the policy says: a policy can quiet a finding, not make corrupt data safe to build
/// on). Run under the workspace lock, after recovery, before anything is written.
pub fn blocking(ws: &Workspace, article: &str, kind: WriteKind) -> Result<Option<Finding>, Error> {
    store::validate_article(article)?;
    Ok(blocking_loaded(ws, article, kind, || ws.load_claims(article)).0)
}

/// [`blocking`] with the claims file loaded by `load` (`ws.load_claims(article)` and what the
/// command does first, run after the latest revision is read); gives it back when it parsed,
/// so a write command parses its claims file once.
pub fn blocking_loaded(
    ws: &Workspace,
    article: &str,
    kind: WriteKind,
    load: impl FnOnce() -> Result<Option<ClaimsFile>, Error>,
) -> (Option<Finding>, Option<ClaimsFile>) {
    let mut ctx = before_write(ws, article);
    let (_, file) = check_loaded(&mut ctx, article, load);
    (first_blocking(ctx.findings, kind), file)
}

/// [`blocking`] with the claims file checked a claim at a time as it is parsed (see
/// [`Workspace::stream_claims`]), each claim handed to `on_claim` in the file's order once
/// checked, with the revision the file tracks; gives back the file's head (its claims empty) with what blocks the write. `None`
/// when the file is not read so, or its ledger runs ahead of it (a write killed between its
/// two renames): what `on_claim` saw must then be thrown away, and [`blocking_loaded`] run,
/// which rolls the file forward or says what is wrong.
pub fn blocking_streamed(
    ws: &Workspace,
    article: &str,
    kind: WriteKind,
    on_claim: &mut dyn FnMut(&str, Claim),
) -> Option<(Option<Finding>, ClaimsFile)> {
    let mut ctx = before_write(ws, article);
    let before = before_claims(&mut ctx, article);
    let (_, head) = check_streamed(&mut ctx, article, &before, on_claim)?;
    let ledger = ws.read_ledger(article).ok()?;
    if crate::ledger::verify(&ledger).head != head.ledger_head {
        return None;
    }
    Some((first_blocking(ctx.findings, kind), head))
}

/// The checks before a write to `article` start with its write safety, every finding at its
/// default severity.
fn before_write<'w>(ws: &'w Workspace, article: &str) -> Ctx<'w> {
    let mut ctx = Ctx {
        ws,
        findings: Vec::new(),
        raw: true,
        // A reading from the cache is as good as a fresh one here: the claims file is compared
        // with it either way (see the cache module for what that trusts).
        cache: true,
    };
    check_write_safety(&mut ctx, &[article.to_string()], false);
    ctx
}

/// The first of `findings` that forbids a write of `kind` (by file, line and code).
fn first_blocking(findings: Vec<Finding>, kind: WriteKind) -> Option<Finding> {
    let blocks = |f: &Finding| {
        BLOCKING.contains(&f.code)
            && match kind {
                WriteKind::Snapshot => matches!(
                    f.code,
                    Code::ManifestInvalid
                        | Code::ManifestFieldInvalid
                        | Code::SnapshotMissing
                        | Code::SnapshotHashMismatch
                        | Code::SnapshotInvalid
                        | Code::SnapshotChainBroken
                        | Code::SymlinkInWorkspace
                        | Code::JournalInvalid
                ),
                WriteKind::Extract => f.code != Code::DerivedFieldMismatch,
                WriteKind::Review => true,
            }
    };
    let mut found: Vec<Finding> = findings.into_iter().filter(blocks).collect();
    found.sort_by(|a, b| (&a.file, a.line, a.code).cmp(&(&b.file, b.line, b.code)));
    found.into_iter().next()
}

/// `check --since REV`: every ledger and manifest that git has at commit `rev` must be a prefix
/// of today's (append-only across commits), so a history rewritten from scratch, with a
/// recomputed chain and head, is caught against the base of a pull request. Adds findings to
/// `report` (only for `only` articles when given).
pub fn check_since(
    ws: &Workspace,
    rev: &str,
    only: &[String],
    report: &mut Report,
) -> Result<(), Error> {
    let mut ctx = Ctx {
        ws,
        findings: Vec::new(),
        raw: false,
        cache: false,
    };
    for (rel, old) in ws.append_only_files_at(rev)? {
        let Some(article) = crate::journal::article_of(&rel).map(str::to_string) else {
            continue;
        };
        if !only.is_empty() && !only.contains(&article) {
            continue;
        }
        let path = ws.root.join(&rel);
        let now = store::read_limited(&ws.effective(&path), store::MAX_JSON_BYTES).ok();
        let problem = match now {
            None => Some(format!("existed at {rev} and is gone")),
            Some(now) if rel.ends_with(".jsonl") => (!now.starts_with(&old))
                .then(|| format!("is not an extension of its version at {rev}: lines recorded then were changed or removed")),
            Some(now) => {
                let parse = |b: &[u8]| serde_json::from_slice::<crate::model::Manifest>(b).ok();
                match (parse(&old), parse(&now)) {
                    (Some(o), Some(n)) => (n.revisions.len() < o.revisions.len()
                        || n.revisions[..o.revisions.len()] != o.revisions[..])
                        .then(|| format!("does not begin with the revisions it listed at {rev}: a stored revision was changed or removed")),
                    _ => None, // a malformed manifest is reported as manifest-invalid
                }
            }
        };
        if let Some(p) = problem {
            ctx.push_file(Code::HistoryRewritten, Some(&article), &rel, p);
        }
    }
    report.findings.extend(ctx.findings);
    report.findings.sort_by(|a, b| {
        (&a.file, a.line, a.code, &a.claim, &a.message)
            .cmp(&(&b.file, b.line, b.code, &b.claim, &b.message))
    });
    Ok(())
}

/// Writes a crash interrupted, and symbolic links that could steer a write outside the
/// workspace. `all`: the whole workspace; else only what belongs to `articles`.
fn check_write_safety(ctx: &mut Ctx<'_>, articles: &[String], all: bool) {
    let ws = ctx.ws;
    let mine = |a: Option<&str>| all || a.is_some_and(|a| articles.iter().any(|x| x == a));
    let journal_rel = format!("{}/{}", store::CLAIMS_DIR, crate::journal::JOURNAL);
    match crate::journal::Journal::load(&ws.root) {
        Ok(Some(j)) => {
            let touched = articles.iter().find(|a| j.touches(a));
            if all || touched.is_some() {
                let missing = j
                    .writes
                    .iter()
                    .filter(|w| {
                        !ws.root.join(&w.staged).exists()
                            && store::read_limited(&ws.root.join(&w.target), store::MAX_JSON_BYTES)
                                .map(|b| Sha256Hash::of_bytes(&b).to_string())
                                .ok()
                                .as_deref()
                                != Some(w.sha256.as_str())
                    })
                    .map(|w| w.target.clone())
                    .collect::<Vec<_>>();
                if missing.is_empty() {
                    ctx.push_file(Code::WritePending, touched.map(String::as_str), &journal_rel,
                        format!("holds a committed write to {} that a crash interrupted; checked as written; the next write command completes it",
                            j.writes.iter().map(|w| w.target.as_str()).collect::<Vec<_>>().join(", ")));
                } else {
                    ctx.push_file(
                        Code::JournalInvalid,
                        touched.map(String::as_str),
                        &journal_rel,
                        format!(
                            "cannot be completed: the new bytes of {} are gone",
                            missing.join(", ")
                        ),
                    );
                }
            }
        }
        Ok(None) => {}
        Err(e) => ctx.push_file(
            Code::JournalInvalid,
            None,
            &journal_rel,
            format!("is invalid: {e}"),
        ),
    }
    for rel in crate::journal::stale_temp_files(&ws.root) {
        let article = crate::journal::article_of(&rel);
        if mine(article) {
            ctx.push_file(Code::InterruptedWrite, article, &rel,
                "is a temp file of a write that was killed before it committed; the next write command removes it".to_string());
        }
    }
    let link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let mut paths: Vec<(String, Option<String>)> = Vec::new();
    for top in [store::CLAIMS_DIR, store::SNAPSHOTS_DIR] {
        paths.push((top.to_string(), None));
        if link(&ws.root.join(top)) {
            continue;
        }
        for e in std::fs::read_dir(ws.root.join(top))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = format!("{top}/{name}");
            let article = crate::journal::article_of(&rel).map(str::to_string);
            paths.push((rel.clone(), article.clone()));
            if top == store::SNAPSHOTS_DIR && e.file_type().is_ok_and(|t| t.is_dir()) {
                for f in std::fs::read_dir(e.path()).into_iter().flatten().flatten() {
                    paths.push((
                        format!("{rel}/{}", f.file_name().to_string_lossy()),
                        article.clone(),
                    ));
                }
            }
        }
    }
    for (rel, article) in paths {
        if link(&ws.root.join(&rel)) && (article.is_none() || mine(article.as_deref())) {
            let target = std::fs::read_link(ws.root.join(&rel))
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            ctx.push_file(Code::SymlinkInWorkspace, article.as_deref(), &rel,
                format!("is a symbolic link (to {target:?}): claimtrail reads through it but refuses to write through it"));
        }
    }
}

/// Manifest fields against the files and the formats claimtrail writes.
fn check_manifest_fields(
    ctx: &mut Ctx<'_>,
    article: &str,
    m: &crate::model::Manifest,
    texts: &BTreeMap<String, String>,
) {
    let chain_path = ctx.ws.snapshot_chain_path(article);
    let chain_from = ctx.ws.effective(&chain_path);
    match store::read_limited(&chain_from, store::MAX_JSON_BYTES) {
        // There, but not a file that can be read (a folder, a named pipe, over the limit).
        Err(e) if chain_from.exists() => ctx.push(
            Code::SnapshotChainBroken,
            article,
            None,
            Some(&chain_path),
            None,
            e.to_string(),
        ),
        Err(_) if !m.revisions.is_empty() => ctx.push(
            Code::SnapshotChainMissing,
            article,
            None,
            Some(&chain_path),
            None,
            "is missing: the revisions are not chained; the next `snapshot add` starts the chain"
                .to_string(),
        ),
        Err(_) => {}
        Ok(bytes) => {
            for (line, problem) in
                store::chain_problems(&String::from_utf8_lossy(&bytes), &m.revisions)
            {
                ctx.push(
                    Code::SnapshotChainBroken,
                    article,
                    None,
                    Some(&chain_path),
                    Some(line),
                    format!("line {line}: {problem}"),
                );
            }
        }
    }
    let path = ctx.ws.manifest_path(article);
    for r in &m.revisions {
        let mut bad = Vec::new();
        if texts
            .get(&r.label)
            .is_some_and(|t| t.len() as u64 != r.bytes)
        {
            bad.push(format!(
                "bytes is {} but the snapshot has {}",
                r.bytes,
                texts[&r.label].len()
            ));
        }
        if !store::is_rfc3339(&r.captured_at) {
            bad.push(format!(
                "captured_at {:?} is not a real RFC 3339 time",
                r.captured_at
            ));
        }
        if let Some(u) = &r.source_url
            && !is_http_url(u)
        {
            bad.push(format!("source_url {u:?} is not an http(s) URL"));
        }
        for b in bad {
            ctx.push(
                Code::ManifestFieldInvalid,
                article,
                None,
                Some(&path),
                None,
                format!("revision {}: {b}", r.label),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {c}");
            assert!(
                c.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            );
            assert!(!c.description().is_empty() && !c.fix().is_empty());
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
        assert_eq!(
            include_str!("../docs/codes.md"),
            crate::report::markdown::codes(Code::ALL),
            "docs/codes.md is stale: run `claimtrail codes --format markdown > docs/codes.md`"
        );
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://example.org/report"));
        assert!(!is_http_url("example.org"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("ftp://x.org"));
        assert!(!is_http_url("https://exa mple.org"));
    }

    #[test]
    fn the_revision_is_read_from_a_claims_files_head() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str, body: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, body).unwrap();
            claims_file_revision(&p)
        };
        let written = "{\n  \"$schema\": \"x\",\n  \"schema\": 1,\n  \"article\": \"a\",\n  \"revision\": \"r2\",\n  \"ledger_head\": null,\n  \"claims\": []\n}\n";
        assert_eq!(at("w.json", written).as_deref(), Some("r2"));
        // Escapes are decoded as the parser would.
        assert_eq!(
            at("e.json", r#"{"revision": "r\u0032", "claims": []}"#).as_deref(),
            Some("r2")
        );
        // After the claims, not in the head, not an object, cut short or missing: not read.
        assert_eq!(at("late.json", r#"{"claims": [], "revision": "r2"}"#), None);
        assert_eq!(at("arr.json", r#"["revision", "r2"]"#), None);
        assert_eq!(at("cut.json", r#"{"schema": 1, "revis"#), None);
        assert_eq!(at("num.json", r#"{"revision": 2}"#), None);
        let far = format!(
            "{{\"note\": \"{}\", \"revision\": \"r2\"}}",
            "x".repeat(5000)
        );
        assert_eq!(at("far.json", &far), None);
        assert_eq!(claims_file_revision(&dir.path().join("none.json")), None);
    }

    #[test]
    fn id_lines_of_a_file_are_those_of_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let text = "{\r\n  \"claims\": [\n    {\n      \"id\": \"aaa\",\n      \"text\": \"\u{e9}\\\"\"\n    },\r\n    {\n      \"id\": \"ccc\"\n    }\n  ]\n}";
        let path = dir.path().join("a.json");
        std::fs::write(&path, text).unwrap();
        let l = id_lines_of_file(&path, |_| true);
        assert_eq!(l, id_lines(text));
        assert_eq!((l.get("aaa"), l.get("ccc")), (Some(&4), Some(&8)));
        assert!(id_lines_of_file(&dir.path().join("missing.json"), |_| true).is_empty());
        assert!(id_lines_of_file(dir.path(), |_| true).is_empty());
        // Only the ids asked for.
        let only = id_lines_of_file(&path, |id| id == "ccc");
        assert_eq!(
            only.into_iter().collect::<Vec<_>>(),
            vec![("ccc".to_string(), 8)]
        );
    }

    #[test]
    fn id_lines_finds_claim_ids_only() {
        let text = "{\n  \"claims\": [\n    {\n      \"id\": \"aaa\",\n      \"supersedes\": {\n        \"id\": \"bbb\"\n      }\n    }\n  ]\n}\n";
        let l = id_lines(text);
        assert_eq!(l.get("aaa"), Some(&4));
        assert_eq!(l.get("bbb"), None);
    }
}

/// A baseline: findings a newsroom has accepted, keyed by article, code and claim sha256 (or the
/// file, for findings about a whole file), never by line numbers, which move with every edit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub article: Option<String>,
    pub code: String,
    pub sha256: Option<String>,
    /// Only for findings without a claim.
    pub file: Option<String>,
}

fn baseline_key(f: &Finding) -> BaselineEntry {
    BaselineEntry {
        article: f.article.clone(),
        code: f.code.as_str().to_string(),
        sha256: f.sha256.clone(),
        file: if f.sha256.is_none() {
            f.file.clone()
        } else {
            None
        },
    }
}

impl Baseline {
    /// Record every finding of a report (sorted, deduplicated).
    pub fn from_report(report: &Report) -> Baseline {
        let mut findings: Vec<BaselineEntry> = report.findings.iter().map(baseline_key).collect();
        findings.sort();
        findings.dedup();
        Baseline {
            version: 1,
            findings,
        }
    }

    /// Drop the findings the baseline records; returns how many were dropped.
    pub fn apply(&self, report: &mut Report) -> usize {
        let known: HashSet<BaselineEntry> = self.findings.iter().cloned().collect();
        let before = report.findings.len();
        report
            .findings
            .retain(|f| !known.contains(&baseline_key(f)));
        before - report.findings.len()
    }
}

/// How the gate ran: whether `--strict` made warnings errors, and how many it made so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gate {
    pub strict: bool,
    /// Warnings reported as errors because of `--strict`.
    pub promoted: usize,
}

impl Gate {
    /// Apply the gate to a report: under `strict`, every warning becomes an error, so every format
    /// (JUnit failures, SARIF levels, GitHub annotations, summaries) shows what failed the run.
    pub fn apply(strict: bool, report: &mut Report) -> Gate {
        let mut promoted = 0;
        if strict {
            for f in &mut report.findings {
                if f.severity == Severity::Warning {
                    f.severity = Severity::Error;
                    promoted += 1;
                }
            }
        }
        Gate { strict, promoted }
    }

    /// The run fails when any finding is an error (after `--strict`).
    pub fn failed(&self, report: &Report) -> bool {
        report.errors() > 0
    }
}

/// Each revision's raw capture against the manifest, and capture files no revision lists.
fn check_captures(ctx: &mut Ctx<'_>, article: &str, m: &crate::model::Manifest) {
    let ws = ctx.ws;
    for r in &m.revisions {
        let Some(c) = &r.capture else { continue };
        let path = ws.capture_path(article, c);
        if !path.exists() {
            ctx.push(
                Code::CaptureMissing,
                article,
                None,
                Some(&path),
                None,
                format!(
                    "revision {} lists a raw capture but its file is missing",
                    r.label
                ),
            );
            continue;
        }
        match ws.read_capture(article, c) {
            Ok(_) => {}
            Err(Error::Tampered { expected, actual, .. }) => ctx.push(
                Code::CaptureHashMismatch,
                article,
                None,
                Some(&path),
                None,
                format!("sha256 is {actual}, the manifest recorded {expected}: the capture was changed after it was stored"),
            ),
            Err(e) => ctx.push(Code::CaptureHashMismatch, article, None, Some(&path), None, e.to_string()),
        }
    }
    if let Ok(strays) = ws.stray_captures(m) {
        for path in strays {
            ctx.push_file(
                Code::StrayFile,
                Some(article),
                &path,
                "is not a capture the manifest lists".to_string(),
            );
        }
    }
}
