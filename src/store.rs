//! Owns the workspace on disk: finding it, naming rules, snapshots, manifests and claims files.
//!
//! The only module that reads or writes claims/ and snapshots/. Writes are atomic (temp file in
//! the same folder, fsync, rename, fsync the folder) and bytes are deterministic (pretty JSON in
//! a fixed key order with a trailing newline). Nothing here prints.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::config::{Config, TEMPLATE};
use crate::error::{Error, Result};
use crate::hash::Sha256Hash;
use crate::model::{ClaimsFile, Manifest, RevisionEntry, SCHEMA_VERSION};

pub const CONFIG_FILE: &str = "claimtrail.toml";
pub const CLAIMS_DIR: &str = "claims";
pub const SNAPSHOTS_DIR: &str = "snapshots";
pub const MANIFEST: &str = "manifest.json";
/// The largest article accepted: far beyond any real article, small enough to never exhaust memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest JSON file read (claims files and manifests).
pub const MAX_JSON_BYTES: u64 = 512 * 1024 * 1024;

/// Check an article id: `[a-z0-9][a-z0-9-]{0,63}`.
pub fn validate_article(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName {
            what: "article id",
            name: id.to_string(),
            reason: "use 1 to 64 of a-z, 0-9 and -, starting with a letter or digit",
        })
    }
}

/// Check a revision label: `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`.
pub fn validate_label(label: &str) -> Result<()> {
    let ok = !label.is_empty()
        && label.len() <= 64
        && label
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName {
            what: "revision label",
            name: label.to_string(),
            reason: "use 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit",
        })
    }
}

/// Read a file (or standard input for `-`), refusing anything over `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
    } else {
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        let meta = f.metadata().map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            return Err(Error::io(
                path,
                std::io::Error::other("is a folder, not a file"),
            ));
        }
        f.take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(path, e))?;
    }
    if buf.len() as u64 > limit {
        let size = if path == Path::new("-") {
            buf.len() as u64
        } else {
            fs::metadata(path)
                .map(|m| m.len())
                .unwrap_or(buf.len() as u64)
        };
        return Err(Error::TooLarge {
            path: display_path(path),
            size,
            limit,
        });
    }
    Ok(buf)
}

fn display_path(path: &Path) -> PathBuf {
    if path == Path::new("-") {
        PathBuf::from("<stdin>")
    } else {
        path.to_path_buf()
    }
}

/// Decode article bytes: UTF-8 (a leading BOM is kept as captured), not empty.
pub fn decode_article(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: display_path(path),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if crate::normalize::normalize_v1(&text).is_empty() {
        return Err(Error::Empty {
            path: display_path(path),
        });
    }
    Ok(text)
}

/// Read and decode an article file (or `-`).
pub fn read_article(path: &Path) -> Result<String> {
    decode_article(path, read_limited(path, MAX_ARTICLE_BYTES)?)
}

/// Deterministic JSON bytes: pretty, fields in declaration order, trailing newline.
pub fn to_json_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).expect("model types always serialize");
    out.push(b'\n');
    out
}

/// Write `bytes` to `path` atomically: a temp file in the same folder, fsync, rename, fsync the
/// folder. Readers see the old bytes or the new, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Parse JSON, turning a syntax or shape error into one that names file:line:column.
pub fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or("")
            .to_string(),
    })
}

/// The current time as RFC 3339 UTC, to the second.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_rfc3339(secs as i64)
}

/// Format seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Is `s` an RFC 3339 timestamp (`2024-05-16T08:00:00Z`, offsets and fractions allowed)?
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || !matches!(b[10], b'T' | b't')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    rest == "Z" || rest == "z" || {
        let r = rest.as_bytes();
        r.len() == 6
            && matches!(r[0], b'+' | b'-')
            && r[1..3].iter().all(u8::is_ascii_digit)
            && r[3] == b':'
            && r[4..6].iter().all(u8::is_ascii_digit)
    }
}

/// The entries of a folder as (name, is a folder); none when the folder does not exist.
fn list_dir(dir: &Path) -> Result<Vec<(String, bool)>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for e in entries {
        let e = e.map_err(|err| Error::io(dir, err))?;
        out.push((
            e.file_name().to_string_lossy().into_owned(),
            e.path().is_dir(),
        ));
    }
    Ok(out)
}

/// What `snapshot add` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddOutcome {
    Stored(RevisionEntry),
    /// The bytes equal the latest revision: nothing stored.
    SameAsLatest(RevisionEntry),
}

/// An open workspace: its root folder and its configuration.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
}

/// Held while a command changes the workspace; released on drop.
pub struct WorkspaceLock {
    _file: File,
}

impl Workspace {
    /// Find the workspace by walking up from `start` to the first folder with claimtrail.toml.
    pub fn discover(start: &Path) -> Result<Workspace> {
        let abs = if start.is_absolute() {
            start.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| Error::io(start, e))?
                .join(start)
        };
        let mut dir = Some(abs.as_path());
        while let Some(d) = dir {
            if d.join(CONFIG_FILE).is_file() {
                return Workspace::open(d);
            }
            dir = d.parent();
        }
        Err(Error::NoWorkspace { start: abs })
    }

    /// Open the workspace rooted at `root`.
    pub fn open(root: &Path) -> Result<Workspace> {
        let path = root.join(CONFIG_FILE);
        let bytes = read_limited(&path, 1024 * 1024)?;
        let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: path.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        let config = Config::parse(&text).map_err(|message| Error::Config {
            path: path.clone(),
            message,
        })?;
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
        })
    }

    /// Create claimtrail.toml, claims/ and snapshots/ in `dir` where missing. Returns what it
    /// created (relative paths); an existing workspace is left as it is.
    pub fn init(dir: &Path) -> Result<Vec<String>> {
        let mut created = Vec::new();
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let cfg = dir.join(CONFIG_FILE);
        if !cfg.exists() {
            write_atomic(&cfg, TEMPLATE.as_bytes())?;
            created.push(CONFIG_FILE.to_string());
        }
        for sub in [CLAIMS_DIR, SNAPSHOTS_DIR] {
            let p = dir.join(sub);
            if !p.is_dir() {
                fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
                created.push(format!("{sub}/"));
            }
        }
        Ok(created)
    }

    /// Take the workspace's exclusive lock (on the claims folder), waiting for other writers.
    pub fn lock(&self) -> Result<WorkspaceLock> {
        let dir = self.root.join(CLAIMS_DIR);
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let file = File::open(&dir).map_err(|e| Error::io(&dir, e))?;
        file.lock().map_err(|e| Error::io(&dir, e))?;
        Ok(WorkspaceLock { _file: file })
    }

    /// A path relative to the workspace root, for messages and findings.
    pub fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    pub fn manifest_path(&self, article: &str) -> PathBuf {
        self.root.join(SNAPSHOTS_DIR).join(article).join(MANIFEST)
    }

    pub fn snapshot_path(&self, article: &str, label: &str) -> PathBuf {
        self.root
            .join(SNAPSHOTS_DIR)
            .join(article)
            .join(format!("{label}.txt"))
    }

    pub fn claims_path(&self, article: &str) -> PathBuf {
        self.root.join(CLAIMS_DIR).join(format!("{article}.json"))
    }

    /// Every article with a snapshots folder or a claims file, sorted. Names that are not valid
    /// article ids are skipped here (check reports them as stray files).
    pub fn articles(&self) -> Result<Vec<String>> {
        let mut out = std::collections::BTreeSet::new();
        for (name, is_dir) in list_dir(&self.root.join(SNAPSHOTS_DIR))? {
            if is_dir && validate_article(&name).is_ok() {
                out.insert(name);
            }
        }
        for (name, _) in list_dir(&self.root.join(CLAIMS_DIR))? {
            if let Some(id) = name
                .strip_suffix(".json")
                .filter(|id| validate_article(id).is_ok())
            {
                out.insert(id.to_string());
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Entries of claims/ and snapshots/ that belong to no article: invalid names, stray files,
    /// temp files left by an interrupted write. Sorted, relative to the root.
    pub fn stray_entries(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (name, is_dir) in list_dir(&self.root.join(CLAIMS_DIR))? {
            let id = name
                .strip_suffix(".ledger.jsonl")
                .or_else(|| name.strip_suffix(".json"));
            if is_dir || id.is_none_or(|id| validate_article(id).is_err()) {
                out.push(format!("{CLAIMS_DIR}/{name}"));
            }
        }
        for (name, is_dir) in list_dir(&self.root.join(SNAPSHOTS_DIR))? {
            if !is_dir || validate_article(&name).is_err() {
                out.push(format!("{SNAPSHOTS_DIR}/{name}"));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Files in an article's snapshots folder other than its manifest and listed revisions.
    pub fn stray_snapshot_files(&self, manifest: &Manifest) -> Result<Vec<String>> {
        let dir = self.root.join(SNAPSHOTS_DIR).join(&manifest.article);
        let mut out: Vec<String> = list_dir(&dir)?
            .into_iter()
            .filter(|(name, _)| {
                name != MANIFEST
                    && !(name == "captures"
                        && manifest.revisions.iter().any(|r| r.capture.is_some()))
                    && name
                        .strip_suffix(".txt")
                        .is_none_or(|l| manifest.get(l).is_none())
            })
            .map(|(name, _)| format!("{SNAPSHOTS_DIR}/{}/{name}", manifest.article))
            .collect();
        out.sort();
        Ok(out)
    }

    /// The article's manifest. A missing manifest is `UnknownArticle`.
    pub fn load_manifest(&self, article: &str) -> Result<Manifest> {
        validate_article(article)?;
        let path = self.manifest_path(article);
        if !path.exists() {
            return Err(Error::UnknownArticle(article.to_string()));
        }
        let bytes = read_limited(&path, MAX_JSON_BYTES)?;
        let m: Manifest = parse_json(&path, &bytes)?;
        if m.schema != SCHEMA_VERSION {
            return Err(Error::Config {
                path,
                message: format!(
                    "manifest schema {} is not supported (this claimtrail reads {SCHEMA_VERSION})",
                    m.schema
                ),
            });
        }
        if m.article != article {
            return Err(Error::Config {
                path,
                message: format!("manifest is for article {:?}, not {article:?}", m.article),
            });
        }
        for r in &m.revisions {
            validate_label(&r.label).map_err(|e| Error::Config {
                path: path.clone(),
                message: e.to_string(),
            })?;
        }
        Ok(m)
    }

    /// A revision's text, verified against the manifest's sha256.
    pub fn read_snapshot(&self, article: &str, entry: &RevisionEntry) -> Result<String> {
        let path = self.snapshot_path(article, &entry.label);
        let bytes = read_limited(&path, MAX_ARTICLE_BYTES)?;
        let actual = Sha256Hash::of_bytes(&bytes).to_string();
        if actual != entry.sha256 {
            return Err(Error::Tampered {
                path,
                expected: entry.sha256.clone(),
                actual,
            });
        }
        decode_article(&path, bytes)
    }

    /// Resolve a revision label (or the latest when `None`).
    pub fn revision<'m>(
        &self,
        manifest: &'m Manifest,
        label: Option<&str>,
    ) -> Result<&'m RevisionEntry> {
        let found = match label {
            Some(l) => manifest.get(l),
            None => manifest.latest(),
        };
        found.ok_or_else(|| Error::UnknownRevision {
            article: manifest.article.clone(),
            rev: label.unwrap_or("(latest)").to_string(),
            known: manifest
                .revisions
                .iter()
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// Store a new revision. Identical bytes to the latest revision store nothing; a label that
    /// already holds other bytes is refused. Nothing is written unless everything checks out.
    pub fn add_snapshot(
        &self,
        article: &str,
        text: &str,
        label: Option<&str>,
        source_url: Option<&str>,
        captured_at: Option<&str>,
    ) -> Result<AddOutcome> {
        validate_article(article)?;
        if let Some(l) = label {
            validate_label(l)?;
        }
        if let Some(t) = captured_at
            && !is_rfc3339(t)
        {
            return Err(Error::Usage(format!(
                "--captured-at {t:?} is not an RFC 3339 time such as 2024-05-16T08:00:00Z"
            )));
        }
        let mut manifest = match self.load_manifest(article) {
            Ok(m) => m,
            Err(Error::UnknownArticle(_)) => Manifest {
                schema: SCHEMA_VERSION,
                article: article.to_string(),
                revisions: Vec::new(),
            },
            Err(e) => return Err(e),
        };
        let sha = Sha256Hash::of_bytes(text.as_bytes()).to_string();
        if let Some(latest) = manifest.latest()
            && latest.sha256 == sha
            && label.is_none_or(|l| l == latest.label)
        {
            return Ok(AddOutcome::SameAsLatest(latest.clone()));
        }
        let label = match label {
            Some(l) => l.to_string(),
            None => {
                let mut n = manifest.revisions.len() + 1;
                while manifest.get(&format!("r{n}")).is_some() {
                    n += 1;
                }
                format!("r{n}")
            }
        };
        if let Some(existing) = manifest.get(&label) {
            if existing.sha256 == sha {
                return Ok(AddOutcome::SameAsLatest(existing.clone()));
            }
            return Err(Error::LabelTaken {
                article: article.to_string(),
                label,
            });
        }
        let entry = RevisionEntry {
            label: label.clone(),
            sha256: sha,
            bytes: text.len() as u64,
            captured_at: captured_at.map(str::to_string).unwrap_or_else(now_rfc3339),
            source_url: source_url.map(str::to_string),
            capture: None,
        };
        let path = self.snapshot_path(article, &label);
        let dir = path.parent().expect("snapshot path has a folder");
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        if path.exists() {
            // A file the manifest does not know: never overwrite what someone captured.
            return Err(Error::io(
                &path,
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "a snapshot file with this label exists but the manifest does not list it; move it away first",
                ),
            ));
        }
        write_atomic(&path, text.as_bytes())?;
        manifest.revisions.push(entry.clone());
        write_atomic(&self.manifest_path(article), &to_json_bytes(&manifest))?;
        Ok(AddOutcome::Stored(entry))
    }

    /// The article's claims file, if it has one.
    pub fn load_claims(&self, article: &str) -> Result<Option<ClaimsFile>> {
        validate_article(article)?;
        let path = self.claims_path(article);
        if !path.exists() {
            return Ok(None);
        }
        let bytes = read_limited(&path, MAX_JSON_BYTES)?;
        let file: ClaimsFile = parse_json(&path, &bytes)?;
        if file.schema != SCHEMA_VERSION
            || file.normalization != crate::normalize::NORMALIZATION_VERSION
        {
            return Err(Error::Config {
                path,
                message: format!(
                    "schema {} / normalization {:?} is not supported (this claimtrail reads schema {SCHEMA_VERSION}, normalization v1)",
                    file.schema, file.normalization
                ),
            });
        }
        Ok(Some(file))
    }

    pub fn ledger_path(&self, article: &str) -> PathBuf {
        self.root
            .join(CLAIMS_DIR)
            .join(format!("{article}.ledger.jsonl"))
    }

    /// The ledger's text ("" when the article has none yet).
    pub fn read_ledger(&self, article: &str) -> Result<String> {
        validate_article(article)?;
        let path = self.ledger_path(article);
        if !path.exists() {
            return Ok(String::new());
        }
        let bytes = read_limited(&path, MAX_JSON_BYTES)?;
        String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path,
            offset: e.utf8_error().valid_up_to(),
        })
    }

    /// Append entries to the ledger (atomically: the whole file is rewritten through a temp
    /// file, so a crash never leaves half a line) and return the new head hash.
    /// `expected_head` is the claims file's `ledger_head`: a ledger whose last line differs was
    /// tampered with, and nothing more is recorded on top of it.
    pub fn append_ledger(
        &self,
        article: &str,
        expected_head: Option<&str>,
        entries: &mut [crate::ledger::Entry],
    ) -> Result<Option<String>> {
        let text = self.read_ledger(article)?;
        let verified = crate::ledger::verify(&text);
        if verified.head.as_deref() != expected_head {
            return Err(Error::Config {
                path: self.ledger_path(article),
                message: "the ledger's last line is not the one the claims file recorded; run `claimtrail check` and restore the file before recording more".to_string(),
            });
        }
        if let Some(p) = verified.problems.first() {
            let line = match p {
                crate::ledger::Problem::Malformed { line, .. }
                | crate::ledger::Problem::Chain { line } => *line,
            };
            return Err(Error::Config {
                path: self.ledger_path(article),
                message: format!(
                    "line {line} breaks the ledger; run `claimtrail check` and restore the file before recording more"
                ),
            });
        }
        let new_text = crate::ledger::append(&text, entries);
        write_atomic(&self.ledger_path(article), new_text.as_bytes())?;
        Ok(new_text.lines().last().map(crate::ledger::line_hash))
    }

    pub fn save_claims(&self, file: &ClaimsFile) -> Result<()> {
        validate_article(&file.article)?;
        let path = self.claims_path(&file.article);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        write_atomic(&path, &to_json_bytes(file))
    }
}

/// The bytes a revision was read from, with their provenance.
pub struct RawCapture<'a> {
    pub bytes: &'a [u8],
    pub capture: crate::model::Capture,
}

/// Raw captures: the bytes a web page was read from, kept gzip-compressed beside the text.
impl Workspace {
    /// The path of a capture file named in a manifest (`captures/<sha256>.gz`).
    pub fn capture_path(&self, article: &str, capture: &crate::model::Capture) -> PathBuf {
        self.root
            .join(SNAPSHOTS_DIR)
            .join(article)
            .join(&capture.file)
    }

    /// Store a revision read from a web page: its text as [`Workspace::add_snapshot`] does, and the
    /// raw bytes beside it with their provenance in the manifest. A text identical to the latest
    /// revision stores nothing at all (not even the raw bytes). The raw file is named by its
    /// sha256 and written first, so a crash leaves at worst an unlisted capture (which `check`
    /// reports), never a revision whose capture is missing.
    pub fn add_captured_snapshot(
        &self,
        article: &str,
        text: &str,
        raw: RawCapture<'_>,
        label: Option<&str>,
        source_url: Option<&str>,
        captured_at: Option<&str>,
    ) -> Result<AddOutcome> {
        let RawCapture {
            bytes: raw,
            capture,
        } = raw;
        validate_article(article)?;
        let sha = Sha256Hash::of_bytes(text.as_bytes()).to_string();
        match self.load_manifest(article) {
            Ok(m) => {
                if let Some(latest) = m.latest()
                    && latest.sha256 == sha
                    && label.is_none_or(|l| l == latest.label)
                {
                    return Ok(AddOutcome::SameAsLatest(latest.clone()));
                }
            }
            Err(Error::UnknownArticle(_)) => {}
            Err(e) => return Err(e),
        }
        if capture
            .file
            .strip_prefix("captures/")
            .and_then(|f| f.strip_suffix(".gz"))
            .is_none_or(|h| h != capture.sha256)
        {
            return Err(Error::Usage(format!(
                "capture file {:?} is not named by its sha256",
                capture.file
            )));
        }
        let path = self.capture_path(article, &capture);
        if path.exists() {
            // The same bytes were captured before: the file must still hold them.
            self.read_capture(article, &capture)?;
        } else {
            let dir = path.parent().expect("capture path has a folder");
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            write_atomic(&path, &gzip(raw))?;
        }
        let outcome = self.add_snapshot(article, text, label, source_url, captured_at)?;
        let AddOutcome::Stored(entry) = outcome else {
            return Ok(outcome);
        };
        let mut manifest = self.load_manifest(article)?;
        let stored = manifest
            .revisions
            .iter_mut()
            .find(|r| r.label == entry.label)
            .expect("the revision just stored is in the manifest");
        stored.capture = Some(capture);
        let entry = stored.clone();
        write_atomic(&self.manifest_path(article), &to_json_bytes(&manifest))?;
        Ok(AddOutcome::Stored(entry))
    }

    /// A capture's raw bytes, verified against the sha256 in the manifest.
    pub fn read_capture(&self, article: &str, capture: &crate::model::Capture) -> Result<Vec<u8>> {
        let path = self.capture_path(article, capture);
        let compressed = read_limited(&path, MAX_ARTICLE_BYTES)?;
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut raw)
            .map_err(|e| {
                Error::io(
                    &path,
                    std::io::Error::other(format!("not a gzip file: {e}")),
                )
            })?;
        let actual = Sha256Hash::of_bytes(&raw).to_string();
        if actual != capture.sha256 {
            return Err(Error::Tampered {
                path,
                expected: capture.sha256.clone(),
                actual,
            });
        }
        Ok(raw)
    }

    /// Files under an article's captures/ folder that no revision lists, relative to the root.
    pub fn stray_captures(&self, manifest: &Manifest) -> Result<Vec<String>> {
        let dir = self
            .root
            .join(SNAPSHOTS_DIR)
            .join(&manifest.article)
            .join("captures");
        let mut out: Vec<String> = list_dir(&dir)?
            .into_iter()
            .filter(|(name, _)| {
                !manifest.revisions.iter().any(|r| {
                    r.capture
                        .as_ref()
                        .is_some_and(|c| c.file == format!("captures/{name}"))
                })
            })
            .map(|(name, _)| format!("{SNAPSHOTS_DIR}/{}/captures/{name}", manifest.article))
            .collect();
        out.sort();
        Ok(out)
    }
}

/// Deterministic gzip: no file name, no time stamp, so the same bytes always compress alike.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory cannot fail");
    enc.finish().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["xi-putin-summit", "a", "2024-05-16"] {
            assert!(validate_article(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "../x",
            "/etc",
            "A",
            "-x",
            "a/b",
            "a\0b",
            &"a".repeat(65),
        ] {
            assert!(validate_article(bad).is_err(), "{bad:?}");
        }
        for ok in ["r1", "v2.1", "R_3-final"] {
            assert!(validate_label(ok).is_ok());
        }
        for bad in ["", "..", ".hidden", "a/b", "r 1", "r1\0"] {
            assert!(validate_label(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn time_format() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_rfc3339(1_715_846_400), "2024-05-16T08:00:00Z");
        assert!(is_rfc3339("2024-05-16T08:00:00Z"));
        assert!(is_rfc3339("2024-05-16T08:00:00.5+02:00"));
        assert!(!is_rfc3339("2024-05-16"));
        assert!(!is_rfc3339("yesterday"));
    }

    #[test]
    fn article_decoding() {
        let p = Path::new("a.txt");
        assert!(matches!(
            decode_article(p, vec![b'a', 0xff, b'b']),
            Err(Error::NotUtf8 { offset: 1, .. })
        ));
        assert!(matches!(
            decode_article(p, b" \n\t ".to_vec()),
            Err(Error::Empty { .. })
        ));
        assert_eq!(decode_article(p, b"Hi.".to_vec()).unwrap(), "Hi.");
    }
}
