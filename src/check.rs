//! Owns the audit rules: loaded workspace data in, findings with stable codes out.
//!
//! Never writes, never prints, never picks an exit code: the CLI does that from the findings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::extract::extract_claims;
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
        "a present claim stands in the article's own voice with no evidence and no review",
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
fn id_lines(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("\"id\": \"")
            && let Some(id) = rest.split('"').next()
        {
            // Only a claim's own id sits 6 spaces in; supersedes ids are deeper.
            if line.len() - t.len() == 6 {
                out.entry(id.to_string()).or_insert(n + 1);
            }
        }
    }
    out
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
}

impl Ctx<'_> {
    /// Record a finding at the severity the policy gives its code (none when `off`).
    fn emit(&mut self, mut finding: Finding) {
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
            claim: claim.map(|c| c.id.clone()),
            sha256: claim.map(|c| c.sha256.clone()),
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
    mut progress: impl FnMut(&str),
) -> Result<Report, Error> {
    let known = ws.articles()?;
    for a in only {
        store::validate_article(a)?;
        if !known.contains(a) {
            return Err(Error::UnknownArticle(a.clone()));
        }
    }
    let articles = if only.is_empty() {
        known
    } else {
        only.to_vec()
    };
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
    };
    if only.is_empty() {
        for path in ws.stray_entries()? {
            ctx.push_file(
                Code::StrayFile,
                None,
                &path,
                "belongs to no article: not a valid article name or file kind".to_string(),
            );
        }
    }
    let mut claims = 0;
    for article in &articles {
        progress(article);
        claims += check_article(&mut ctx, article);
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

/// The ledger chain, its head against the claims file, and the statuses it replays to.
fn check_ledger(
    ctx: &mut Ctx<'_>,
    article: &str,
    file: &ClaimsFile,
    claims_path: &Path,
    line_of: &dyn Fn(&str) -> Option<usize>,
) {
    let ws = ctx.ws;
    let ledger_path = ws.ledger_path(article);
    let text = match ws.read_ledger(article) {
        Ok(t) => t,
        Err(e) => {
            ctx.push(
                Code::LedgerInvalid,
                article,
                None,
                Some(&ledger_path),
                None,
                e.to_string(),
            );
            return;
        }
    };
    let v = crate::ledger::verify(&text);
    for p in &v.problems {
        match p {
            crate::ledger::Problem::Malformed { line, message } => {
                ctx.push(Code::LedgerInvalid, article, None, Some(&ledger_path), Some(*line), format!("line {line}: {message}"))
            }
            crate::ledger::Problem::Chain { line } => ctx.push(
                Code::LedgerChainBroken, article, None, Some(&ledger_path), Some(*line),
                format!("line {line}: prev does not match the line before it: a line was edited, removed or reordered"),
            ),
        }
    }
    if v.head != file.ledger_head {
        let msg = match (&file.ledger_head, &v.head) {
            (Some(_), None) => "the claims file records reviews but the ledger is missing or empty".to_string(),
            (None, Some(_)) => "the ledger has entries but the claims file records no ledger_head".to_string(),
            _ => "the ledger's last line is not the one the claims file recorded: it was edited or removed".to_string(),
        };
        ctx.push(
            Code::LedgerHeadMismatch,
            article,
            None,
            Some(&ledger_path),
            None,
            msg,
        );
    }
    if !v.problems.is_empty() {
        return; // replaying a broken chain proves nothing
    }
    let replayed = crate::ledger::replay(&v.entries);
    for c in &file.claims {
        let expected = replayed.get(&c.id).cloned().unwrap_or(Status::Unverified);
        if c.status != expected {
            ctx.push(
                Code::StatusNotInLedger, article, Some(c), Some(claims_path), line_of(&c.id),
                format!("status is {} but the ledger says {expected}: it was set without `claimtrail review`", c.status),
            );
        }
    }
}

/// Check one article; returns how many claims its file tracks.
fn check_article(ctx: &mut Ctx<'_>, article: &str) -> usize {
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
                    if !path.exists() {
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

    let file: ClaimsFile = match ws.load_claims(article) {
        Ok(Some(f)) => f,
        Ok(None) => {
            if manifest.as_ref().is_some_and(|m| !m.revisions.is_empty()) {
                ctx.push(
                    Code::ClaimsFileMissing,
                    article,
                    None,
                    Some(&claims_path),
                    None,
                    format!("no claims file: run `claimtrail extract {article}`"),
                );
            }
            return 0;
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
            return 0;
        }
    };
    let lines = store::read_limited(&claims_path, store::MAX_JSON_BYTES)
        .map(|b| id_lines(&String::from_utf8_lossy(&b)))
        .unwrap_or_default();
    let line_of = |id: &str| lines.get(id).copied();
    let line_of: &dyn Fn(&str) -> Option<usize> = &line_of;
    let Some(manifest) = manifest else {
        ctx.push(
            Code::ClaimsWithoutSnapshots,
            article,
            None,
            Some(&claims_path),
            Some(1),
            "claims file has no snapshots to anchor to".to_string(),
        );
        return file.claims.len();
    };
    let latest = manifest.latest().map(|r| r.label.clone());
    if latest.as_deref() != Some(file.revision.as_str()) {
        ctx.push(Code::ClaimsFileStale, article, None, Some(&claims_path), Some(1),
            format!("claims were extracted from {}, but the latest revision is {}: run `claimtrail extract {article}`", file.revision, latest.as_deref().unwrap_or("(none)")));
    }

    check_ledger(ctx, article, &file, &claims_path, &line_of);

    let registry = ws.config.registry();
    let mut seen_ids = HashSet::new();
    for c in &file.claims {
        let line = line_of(&c.id);
        if !seen_ids.insert(c.id.clone()) {
            ctx.push(
                Code::DuplicateClaimId,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!("id {} appears more than once", c.id),
            );
        }
        let hash = Sha256Hash::of_claim_text(&c.text).to_string();
        if hash != c.sha256 {
            ctx.push(
                Code::ClaimHashMismatch,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!(
                    "sha256 {} is not the hash of the claim's normalized text ({hash})",
                    c.sha256
                ),
            );
        } else if !c.sha256.starts_with(&c.id) || c.id.len() != crate::hash::ID_LEN {
            ctx.push(
                Code::ClaimIdMismatch,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!("id {} is not the first 12 hex digits of {}", c.id, c.sha256),
            );
        }
        match texts.get(&c.anchor.rev) {
            Some(t) => {
                let slice = t.get(c.anchor.start..c.anchor.end);
                if slice != Some(c.text.as_str()) {
                    ctx.push(
                        Code::ClaimAnchorMismatch,
                        article,
                        Some(c),
                        Some(&claims_path),
                        line,
                        format!(
                            "text is not bytes {}..{} of revision {}",
                            c.anchor.start, c.anchor.end, c.anchor.rev
                        ),
                    );
                }
            }
            None if manifest.get(&c.anchor.rev).is_none() => ctx.push(
                Code::ClaimAnchorMismatch,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!(
                    "anchor names revision {:?}, which the manifest does not have",
                    c.anchor.rev
                ),
            ),
            None => {} // the snapshot itself was reported
        }
        if !c.status.is_known() {
            ctx.push(
                Code::UnknownStatus,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!("status {:?} is not a known status", c.status.as_str()),
            );
        }
        for e in &c.evidence {
            let bad_url = e.url.as_deref().is_some_and(|u| !is_http_url(u));
            let empty = e.url.is_none() && e.note.as_deref().is_none_or(|n| n.trim().is_empty());
            if bad_url || empty {
                ctx.push(
                    Code::EvidenceInvalid,
                    article,
                    Some(c),
                    Some(&claims_path),
                    line,
                    match &e.url {
                        Some(u) if bad_url => format!("evidence URL {u:?} is not an http(s) URL"),
                        _ => "evidence entry has neither a URL nor a note".to_string(),
                    },
                );
            }
        }
        for s in &c.attribution.sources {
            if let Some(sid) = &s.id
                && registry.get(sid).is_none()
            {
                ctx.push(
                    Code::UnknownSource,
                    article,
                    Some(c),
                    Some(&claims_path),
                    line,
                    format!("source id {sid:?} is not in the sources registry"),
                );
            }
        }
        if !c.present {
            continue;
        }
        if c.is_unsupported() {
            ctx.push(
                Code::UnsupportedClaim,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!(
                    "nobody stands behind \u{201C}{}\u{201D}",
                    crate::report::ellipsize(&c.text, 80)
                ),
            );
        }
        if c.status == Status::NeedsReview && c.supersedes.is_some() {
            let flags: Vec<&str> = c
                .supersedes
                .as_ref()
                .map(|s| s.flags.iter().map(|f| f.as_str()).collect())
                .unwrap_or_default();
            ctx.push(
                Code::ChangedAfterReview,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!(
                    "changed after review ({}); review it again",
                    flags.join(", ")
                ),
            );
        }
        if matches!(c.status, Status::False | Status::Misleading) {
            ctx.push(
                Code::RatedFalsePresent,
                article,
                Some(c),
                Some(&claims_path),
                line,
                format!("rated {} and still in the article", c.status),
            );
        }
    }

    // Every claim the latest revision makes must be tracked and present.
    if let Some(label) = latest.filter(|l| *l == file.revision)
        && let Some(text) = texts.get(&label)
    {
        let (_, fresh) = extract_claims(text, &label, &ws.config.read_options());
        let tracked: HashSet<&str> = file
            .claims
            .iter()
            .filter(|c| c.present)
            .map(|c| c.sha256.as_str())
            .collect();
        for c in fresh
            .iter()
            .filter(|c| !tracked.contains(c.sha256.as_str()))
        {
            ctx.push(Code::UntrackedClaim, article, Some(c), Some(&claims_path), Some(1),
                    format!("revision {label} makes the claim \u{201C}{}\u{201D}, which is not tracked: run `claimtrail extract {article}`", crate::report::ellipsize(&c.text, 80)));
        }
    }
    file.claims.len()
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
