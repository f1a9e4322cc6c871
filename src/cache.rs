//! Owns `check`'s cache under `.claimtrail-cache/` at the workspace root, so an unchanged archive
//! is checked at the speed of hashing its files:
//!
//! `article/` holds an article's findings, keyed by the sha256 of every byte `check` reads for it
//! (its snapshots folder, claims file and ledger), this build of claimtrail ([`BUILD_ID`]: the
//! version and a fingerprint of the sources) and the whole configuration, so it is never served
//! for other bytes, other code or other settings. Whatever check learns from another input must
//! go into [`article_key`].
//!
//! `reading/` holds readings: the claims a revision's text reads to, keyed by the sha256 of the
//! text itself, its label, this build and the configuration ([`reading_key`]). `check`,
//! `extract` and the check that blocks a write (`check::blocking`) compare a claims file's
//! derived fields (attribution, hedges, figures, negated) with such a reading, never with the
//! claims file itself, so a hand-edited claims file is still caught when the reading comes from
//! here. What is trusted: that an entry whose checksum holds was written by this build from
//! those bytes. The checksum catches torn and accidental damage, not a forger: someone who can
//! write `.claimtrail-cache/` could rewrite an entry with a fresh checksum, just as they could
//! replace the binary; `check --no-cache` reads every revision afresh and trusts nothing here.
//!
//! The folder is safe to delete at any time and ignores itself in git (it holds a `.gitignore` of
//! `*`). Entries carry a checksum: a torn, truncated, edited or stale entry is treated as absent
//! and rewritten. Writing is best effort (a read-only workspace simply gets no cache); this module
//! never writes to `claims/` or `snapshots/`, and never through a symbolic link: a cache folder
//! that is a link (or has one in place of a subfolder or entry) is neither read nor written, so a
//! read-only command such as `check` cannot be steered into writing outside the workspace.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use std::io::Write;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use thin_vec::ThinVec;

use crate::model::{Attribution, Claim};

/// The cache folder, at the workspace root.
pub const CACHE_DIR: &str = ".claimtrail-cache";

/// This build of claimtrail: the version and a fingerprint of the sources and `Cargo.lock`.
pub const BUILD_ID: &str = env!("CLAIMTRAIL_BUILD_ID");

const MAGIC: &str = "claimtrail check cache 1";

/// How many times [`read_claims`] read a text instead of taking the cache's reading, in this
/// process (for tests and benchmarks).
pub static FRESH_READINGS: AtomicU64 = AtomicU64::new(0);

/// The key of an article's findings: the sha256 of the build, the configuration (`config`, any
/// text that changes with it) and every byte `check` reads for the article, file names included.
/// `None` when a file cannot be read (then the article is simply checked).
pub fn article_key(ws: &crate::store::Workspace, article: &str, config: &str) -> Option<String> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    add_part(&mut h, BUILD_ID, None);
    add_part(&mut h, config, None);
    let folder = ws.root.join(crate::store::SNAPSHOTS_DIR).join(article);
    if folder.is_dir() {
        // Every file below the article's folder (captures/ included), in a fixed order.
        let mut files = Vec::new();
        walk(&folder, "", 0, &mut files)?;
        for (rel, path) in files {
            let name = format!("snapshots/{rel}");
            match path {
                Some(p) => add_file(&mut h, &name, &p, 1 << 30)?,
                None => add_part(&mut h, &name, None),
            }
        }
    } else {
        add_part(&mut h, "no snapshots folder", None);
    }
    for path in [ws.claims_path(article), ws.ledger_path(article)] {
        let name = ws.rel(&path);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => add_part(&mut h, &name, None),
            _ => add_file(&mut h, &name, &path, crate::store::MAX_JSON_BYTES)?,
        }
    }
    Some(crate::hash::Sha256Hash::from_digest(h.finalize().into()).to_string())
}

/// Add a named part to a key: its name, its length (-1 for none) and its bytes.
fn add_part(h: &mut sha2::Sha256, name: &str, bytes: Option<&[u8]>) {
    use sha2::Digest;
    h.update(format!(
        "{name}\0{}\0",
        bytes.map_or(-1, |b| b.len() as i64)
    ));
    h.update(bytes.unwrap_or_default());
}

/// [`add_part`] of a regular file's bytes, hashed a piece at a time (a claims file is ~9 bytes
/// per byte of its article); `None` when it is not a regular file of at most `limit` bytes or
/// changes while read (then the article is checked without the cache, which reports it).
fn add_file(h: &mut sha2::Sha256, name: &str, path: &Path, limit: u64) -> Option<()> {
    use sha2::Digest;
    use std::io::Read;
    let f = crate::store::open_workspace_file(path).ok()?;
    let meta = f.metadata().ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    h.update(format!("{name}\0{}\0", meta.len()));
    let mut left = meta.len();
    let mut f = f.take(meta.len() + 1);
    let mut buf = vec![0; 64 << 10];
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        left = left.checked_sub(n as u64)?;
        h.update(&buf[..n]);
    }
    (left == 0).then_some(())
}

/// The key of a reading: the sha256 of the build, the configuration, the revision's label (it is
/// written into every anchor) and every byte of the text.
pub fn reading_key(text: &str, label: &str, config: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [BUILD_ID, config, label] {
        h.update(format!("{}\0", part.len()));
        h.update(part.as_bytes());
    }
    h.update(format!("{}\0", text.len()));
    h.update(text.as_bytes());
    crate::hash::Sha256Hash::from_digest(h.finalize().into()).to_string()
}

/// Readings of revisions, keyed by [`reading_key`].
#[derive(Debug, Clone)]
pub struct ReadingCache {
    dir: PathBuf,
}

impl ReadingCache {
    pub fn new(root: &Path) -> ReadingCache {
        ReadingCache {
            dir: root.join(CACHE_DIR),
        }
    }

    /// A stored reading, as whole claims ([`Claim`]) or as what a comparison needs of them
    /// ([`Derived`]: the rest of each claim is skipped while parsing, never held).
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Vec<T>> {
        let mut v: Vec<T> = parse_entry(&entry_path(&self.dir, "reading", key), key)?;
        v.shrink_to_fit();
        Some(v)
    }

    /// Store a reading (best effort), serialized straight into the entry's file (a reading of
    /// a long article is ~6 bytes per byte of text: it is never built as one string).
    pub fn put(&self, key: &str, claims: &[Claim]) {
        put_json(&self.dir, "reading", key, claims);
    }

    /// Store a reading given a claim at a time (the same bytes as [`ReadingCache::put`] of them
    /// all), handing each claim to `each` once it is written, so the reading is never held
    /// whole; every claim reaches `each` even when the entry cannot be written.
    pub fn put_each(
        &self,
        key: &str,
        claims: impl Iterator<Item = Claim>,
        mut each: impl FnMut(Claim),
    ) {
        let mut claims = claims.peekable();
        let _ = write_entry(
            &self.dir,
            &entry_path(&self.dir, "reading", key),
            key,
            |w| {
                w.write_all(b"[")?;
                let mut first = true;
                while let Some(c) = claims.peek() {
                    if !first {
                        w.write_all(b",")?;
                    }
                    first = false;
                    serde_json::to_writer(&mut *w, c)?;
                    each(claims.next().expect("peeked"));
                }
                w.write_all(b"]\n")
            },
        );
        claims.for_each(each);
    }
}

/// Whether [`read_claims`] may take a cached reading, and whether it stores a fresh one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Neither (`check --no-cache`).
    Off,
    /// Take a cached reading, store none: `extract`, whose reading of a new revision is rarely
    /// asked again before `check` or `review` (which store it), and would cost it time to write
    /// (a reading entry is ~6 bytes per byte of text).
    Take,
    /// Take a cached reading, store a fresh one.
    TakeAndStore,
}

/// What `check` needs of a reading's claim: the derived fields it compares with the claims
/// file (`check_derived`) and, for a claim the file does not track, where its text stands.
/// Parsed from a cached reading without the rest of the claim, so a check of a long article
/// holds a fraction of a second copy of its claims.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Derived {
    pub sha256: crate::model::ClaimHash,
    pub attribution: Attribution,
    #[serde(deserialize_with = "crate::model::exact")]
    pub hedges: ThinVec<String>,
    #[serde(deserialize_with = "crate::model::exact")]
    pub figures: ThinVec<String>,
    pub negated: bool,
    pub anchor: Span,
}

/// Where a claim's text stands in the revision it was read from (as in its anchor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl From<Claim> for Derived {
    fn from(c: Claim) -> Derived {
        Derived {
            sha256: c.sha256,
            attribution: c.attribution,
            hedges: c.hedges,
            figures: c.figures,
            negated: c.negated,
            anchor: Span {
                start: c.anchor.start,
                end: c.anchor.end,
            },
        }
    }
}

/// The claims revision `label` of `text` reads to with the workspace's configuration: the
/// cache's reading when the cache is used and this build read these very bytes before,
/// otherwise a fresh reading, which is then stored when `mode` says so.
pub fn read_claims(
    ws: &crate::store::Workspace,
    text: &str,
    label: &str,
    mode: CacheUse,
) -> Vec<Claim> {
    read(ws, text, label, mode, true, |c| c)
}

/// [`read_claims`], keeping of each claim only what `check` compares ([`Derived`]).
pub fn read_derived(
    ws: &crate::store::Workspace,
    text: &str,
    label: &str,
    mode: CacheUse,
) -> Vec<Derived> {
    read(ws, text, label, mode, false, Derived::from)
}

/// The cache's reading of `text` as revision `label`, when this build read these very bytes
/// with the workspace's configuration before; `None` otherwise (the caller reads the text).
pub fn cached_claims(ws: &crate::store::Workspace, text: &str, label: &str) -> Option<Vec<Claim>> {
    let (cache, key) = reading_entry(ws, text, label);
    cache.get(&key)
}

/// The reading cache of `ws` and the key of `text` read as revision `label` in it.
fn reading_entry(ws: &crate::store::Workspace, text: &str, label: &str) -> (ReadingCache, String) {
    let key = reading_key(text, label, &format!("{:?}", ws.config));
    (ReadingCache::new(&ws.root), key)
}

/// A reading of `text`, cached or fresh, each claim kept as `keep` makes it; `whole` says
/// `keep` keeps the whole claim (then the reading frees each read claim as its claim is made),
/// otherwise the claims are made one at a time and never all held.
fn read<T: DeserializeOwned>(
    ws: &crate::store::Workspace,
    text: &str,
    label: &str,
    mode: CacheUse,
    whole: bool,
    mut keep: impl FnMut(Claim) -> T,
) -> Vec<T> {
    let use_cache = mode != CacheUse::Off;
    let cache = use_cache.then(|| reading_entry(ws, text, label));
    if let Some((c, key)) = &cache
        && let Some(claims) = c.get(key)
    {
        return claims;
    }
    FRESH_READINGS.fetch_add(1, Ordering::Relaxed);
    let opts = ws.config.read_options();
    match &cache {
        // Stored a claim at a time, each kept as the caller needs it (`Derived`: a fraction of
        // the claim) once written: the claims of the reading are never all held at once. The
        // order is `claims_of`'s (tested in tests/jsonout.rs).
        Some((c, key)) if mode == CacheUse::TakeAndStore => {
            let claims = crate::extract::claims_in_file_order(text, label, &opts);
            let mut kept = Vec::with_capacity(claims.len());
            c.put_each(key, claims, |claim| kept.push(keep(claim)));
            kept
        }
        // Kept whole: `claims_of` frees each read claim as its claim is made.
        _ if whole => crate::extract::claims_of(text, label, &opts)
            .into_iter()
            .map(keep)
            .collect(),
        // Kept in part: never all the claims at once.
        _ => crate::extract::claims_in_file_order(text, label, &opts)
            .map(keep)
            .collect(),
    }
}

/// Collect `(relative name, Some(path) for a file or a link, None for a folder)` below `dir`,
/// sorted by name at each level; folders deeper than a workspace has are not entered.
fn walk(
    dir: &Path,
    prefix: &str,
    depth: usize,
    out: &mut Vec<(String, Option<PathBuf>)>,
) -> Option<()> {
    let mut entries: Vec<(String, fs::FileType, PathBuf)> = fs::read_dir(dir)
        .ok()?
        .map(|e| {
            let e = e.ok()?;
            Some((
                e.file_name().into_string().ok()?,
                e.file_type().ok()?,
                e.path(),
            ))
        })
        .collect::<Option<_>>()?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, kind, path) in entries {
        let rel = format!("{prefix}{name}");
        if kind.is_dir() {
            out.push((format!("{rel}/"), None));
            if depth < 4 {
                walk(&path, &format!("{rel}/"), depth + 1, out)?;
            }
        } else if kind.is_symlink() {
            // Never followed here (check reports the link); its name is part of the key.
            out.push((format!("{rel}@"), None));
        } else {
            out.push((rel, Some(path)));
        }
    }
    Some(())
}

/// The cached result of checking one article: its findings (code as text) and claim count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleResult {
    pub claims: usize,
    pub findings: Vec<CachedFinding>,
}

/// A finding as cached; see [`crate::check::Finding`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CachedFinding {
    pub code: String,
    pub severity: crate::check::Severity,
    pub article: Option<String>,
    pub claim: Option<String>,
    pub sha256: Option<String>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub message: String,
}

/// Findings of articles, keyed by [`article_key`].
#[derive(Debug, Clone)]
pub struct ArticleCache {
    dir: PathBuf,
}

impl ArticleCache {
    pub fn new(root: &Path) -> ArticleCache {
        ArticleCache {
            dir: root.join(CACHE_DIR),
        }
    }

    pub fn get(&self, key: &str) -> Option<ArticleResult> {
        parse_entry(&entry_path(&self.dir, "article", key), key)
    }

    /// Store a result (best effort).
    pub fn put(&self, key: &str, result: &ArticleResult) {
        put_json(&self.dir, "article", key, result);
    }
}

/// The validators (ETag, Last-Modified) a server last sent for an article's URL while the text
/// stayed that of the latest revision, so that `fetch` asks conditionally with the current ones.
///
/// A revision's capture records the validators of the page it was made from, and revisions are
/// immutable; news pages change their HTML (an ad, a related link) far more often than their
/// text, so those go stale at the first such change and every later fetch downloads the whole
/// page again. Keyed by the article, the URL and the sha256 of the latest revision's text: a new
/// revision starts from its own capture's validators. Trust: as with readings, whoever can write
/// this folder could hide a change (an entry holding the changed page's current ETag gets a 304);
/// deleting the folder makes the next `fetch` ask unconditionally where no capture says otherwise.
#[derive(Debug, Clone)]
pub struct ValidatorCache {
    dir: PathBuf,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredValidators {
    etag: Option<String>,
    last_modified: Option<String>,
}

impl ValidatorCache {
    pub fn new(root: &Path) -> ValidatorCache {
        ValidatorCache {
            dir: root.join(CACHE_DIR),
        }
    }

    fn key(article: &str, url: &str, latest: &str) -> String {
        let mut s = String::new();
        for part in [BUILD_ID, article, url, latest] {
            s.push_str(&format!("{}\0{part}", part.len()));
        }
        crate::hash::Sha256Hash::of_bytes(s.as_bytes()).to_string()
    }

    /// The validators stored for this article, URL and latest text, if any.
    pub fn get(&self, article: &str, url: &str, latest: &str) -> Option<crate::fetch::Validators> {
        let key = Self::key(article, url, latest);
        let v: StoredValidators = parse_entry(&entry_path(&self.dir, "validators", &key), &key)?;
        Some(crate::fetch::Validators {
            etag: v.etag,
            last_modified: v.last_modified,
        })
    }

    /// Store them (best effort); validators with neither header are not stored.
    pub fn put(&self, article: &str, url: &str, latest: &str, v: &crate::fetch::Validators) {
        if v.etag.is_none() && v.last_modified.is_none() {
            return;
        }
        let key = Self::key(article, url, latest);
        let stored = StoredValidators {
            etag: v.etag.clone(),
            last_modified: v.last_modified.clone(),
        };
        put_json(&self.dir, "validators", &key, &stored);
    }
}

/// Store `value` as the JSON body of the `kind` entry `key` (best effort: a cache that cannot be
/// written is simply not used).
fn put_json<T: serde::Serialize + ?Sized>(dir: &Path, kind: &str, key: &str, value: &T) {
    let _ = write_entry(dir, &entry_path(dir, kind, key), key, |w| {
        serde_json::to_writer(&mut *w, value)?;
        w.write_all(b"\n")
    });
}

fn entry_path(dir: &Path, kind: &str, key: &str) -> PathBuf {
    dir.join(kind).join(&key[..2]).join(&key[2..])
}

/// An entry's body, parsed, if the file holds a whole, unedited entry for `key`: magic, key,
/// body, then a last line `sum <sha256 of all before it>`. The file is read twice through one
/// handle (so one version of it, whatever renames happen meanwhile), once to check the sum and
/// once to parse the body, and never held whole: a reading is ~6 bytes per byte of its text.
/// An entry reached through a link is not read.
fn parse_entry<T: DeserializeOwned>(path: &Path, key: &str) -> Option<T> {
    use std::io::{BufReader, Read, Seek, SeekFrom};
    const TRAILER: u64 = ("\nsum \n".len() + 64) as u64;
    if !plain_folders(path.parent()?) || !fs::symlink_metadata(path).ok()?.file_type().is_file() {
        return None;
    }
    let mut f = fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let head = format!("{MAGIC}\nkey {key}\n");
    let content = len.checked_sub(TRAILER)?;
    if content < head.len() as u64 {
        return None;
    }
    let mut hashed = crate::journal::Hashing::new(std::io::sink());
    let mut start = vec![0; head.len()];
    f.read_exact(&mut start).ok()?;
    if start != head.as_bytes() {
        return None;
    }
    hashed.write_all(&start).ok()?;
    let copied = std::io::copy(
        &mut (&mut f).take(content - start.len() as u64),
        &mut hashed,
    );
    if copied.ok()? != content - start.len() as u64 {
        return None;
    }
    let mut trailer = Vec::with_capacity(TRAILER as usize);
    f.read_to_end(&mut trailer).ok()?;
    if trailer != format!("\nsum {}\n", hashed.hex()).as_bytes() {
        return None;
    }
    f.seek(SeekFrom::Start(head.len() as u64)).ok()?;
    let body = BufReader::with_capacity(64 << 10, f.take(content - head.len() as u64));
    serde_json::from_reader(body).ok()
}

/// Whether `folder` (an entry's folder, `.claimtrail-cache/<kind>/<xx>`) and the two folders above
/// it are plain folders, not symbolic links (or files): an entry reached through a link may sit
/// anywhere, so it is neither read nor written. The workspace root itself may be a link.
fn plain_folders(folder: &Path) -> bool {
    folder
        .ancestors()
        .take(3)
        .all(|p| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_dir()))
}

/// Create `folder` if it is absent, refusing a symbolic link or a file in its place.
fn plain_folder(folder: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(folder) {
        Ok(m) if m.file_type().is_dir() => Ok(()),
        Ok(_) => Err(std::io::Error::other(format!(
            "{} is not a plain folder (a link or a file): the cache is not used",
            folder.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match fs::create_dir(folder) {
            // Another process may have created it in between: check what is there now.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => plain_folder(folder),
            other => other,
        },
        Err(e) => Err(e),
    }
}

/// Write an entry: magic, key, body, checksum. No fsync: a torn entry fails its checksum and is
/// rebuilt. Nothing is written through a link: the cache folder and the entry's folders must be
/// plain folders (created if absent), and the entry is staged in a temp file created exclusively
/// under an unpredictable name, then renamed over the entry (a link planted at the entry's name is
/// replaced, never followed). `body` writes the body; the parts are hashed as they are written,
/// never held in memory.
fn write_entry(
    dir: &Path,
    path: &Path,
    key: &str,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let head = format!("{MAGIC}\nkey {key}\n");
    let kind_dir = path
        .parent()
        .and_then(Path::parent)
        .expect("entries sit two folders below the cache");
    plain_folder(dir)?;
    // Only the process that makes the folder writes its `.gitignore`; an existing name (a file,
    // or a link someone planted) is left alone.
    if let Ok(mut f) = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(dir.join(".gitignore"))
    {
        f.write_all(b"# claimtrail's check cache: safe to delete at any time\n*\n")?;
    }
    plain_folder(kind_dir)?;
    let folder = path.parent().expect("entries sit in a folder");
    plain_folder(folder)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".entry.").suffix(".tmp").rand_bytes(10);
    // Readable as any file the workspace holds (tempfile's default is owner-only), so others
    // sharing the workspace share its cache; the umask still applies.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(folder)?;
    {
        // Buffered before the hash, so that it hashes large pieces, not serde's small writes.
        let mut w = std::io::BufWriter::with_capacity(
            64 << 10,
            crate::journal::Hashing::new(tmp.as_file_mut()),
        );
        w.write_all(head.as_bytes())?;
        body(&mut w)?;
        let mut hashed = w.into_inner().map_err(|e| e.into_error())?;
        let sum = hashed.hex();
        write!(hashed, "\nsum {sum}\n")?;
    }
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result() -> ArticleResult {
        ArticleResult {
            claims: 2,
            findings: vec![CachedFinding {
                code: "unsupported-claim".to_string(),
                severity: crate::check::Severity::Warning,
                article: Some("a".to_string()),
                claim: Some("0123456789ab".to_string()),
                sha256: Some("c".repeat(64)),
                file: Some("claims/a.json".to_string()),
                line: Some(10),
                message: "nobody stands behind it".to_string(),
            }],
        }
    }

    #[test]
    fn round_trip_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::new(dir.path());
        assert_eq!(cache.get("ab01cd"), None);
        cache.put("ab01cd", &result());
        assert_eq!(cache.get("ab01cd"), Some(result()));
        assert_eq!(cache.get("ab02cd"), None);
        let ignore = fs::read_to_string(dir.path().join(CACHE_DIR).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
    }

    /// An entry reached through a linked folder is not this workspace's: not read, not written.
    #[cfg(unix)]
    #[test]
    fn entries_behind_links_are_neither_read_nor_written() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::new(dir.path());
        cache.put("ab01cd", &result());
        assert_eq!(cache.get("ab01cd"), Some(result()));
        let outside = tempfile::tempdir().unwrap();
        for linked in [CACHE_DIR, "article", "article/ab"] {
            let real = match linked {
                CACHE_DIR => dir.path().join(CACHE_DIR),
                _ => dir.path().join(CACHE_DIR).join(linked),
            };
            let moved = outside.path().join("moved");
            fs::rename(&real, &moved).unwrap();
            std::os::unix::fs::symlink(&moved, &real).unwrap();
            assert_eq!(cache.get("ab01cd"), None, "read through {linked:?}");
            let before = fs::read_dir(&moved).unwrap().count();
            cache.put("ab02cd", &result());
            assert_eq!(fs::read_dir(&moved).unwrap().count(), before, "{linked:?}");
            assert!(!outside.path().join("moved/02cd").exists());
            fs::remove_file(&real).unwrap();
            fs::rename(&moved, &real).unwrap();
            assert_eq!(cache.get("ab01cd"), Some(result()), "{linked:?}");
        }
        // A link at the entry's own name is not followed either, and a write replaces it.
        let path = entry_path(&dir.path().join(CACHE_DIR), "article", "ab01cd");
        let victim = outside.path().join("victim");
        fs::rename(&path, &victim).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        assert_eq!(cache.get("ab01cd"), None);
        let kept = fs::read(&victim).unwrap();
        cache.put("ab01cd", &result());
        assert_eq!(fs::read(&victim).unwrap(), kept);
        assert!(fs::symlink_metadata(&path).unwrap().file_type().is_file());
        assert_eq!(cache.get("ab01cd"), Some(result()));
    }

    #[test]
    fn a_reading_is_written_as_one_string_would_be_and_read_whole_or_in_part() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ReadingCache::new(dir.path());
        let text = "Prices rose 5% in 2025, the minister said. \u{201C}We will act,\u{201D} she said. Prices rose 5% in 2025, the minister said.";
        let claims = crate::extract::claims_of(text, "r1", &Default::default());
        assert!(claims.iter().any(|c| !c.repeats.is_empty()));
        cache.put("ab01cd", &claims);
        let entry =
            fs::read_to_string(entry_path(&dir.path().join(CACHE_DIR), "reading", "ab01cd"))
                .unwrap();
        let body = format!("{}\n", serde_json::to_string(&claims).unwrap());
        let head = format!("{MAGIC}\nkey ab01cd\n");
        let sum = crate::hash::Sha256Hash::of_bytes(format!("{head}{body}").as_bytes());
        assert_eq!(entry, format!("{head}{body}\nsum {sum}\n"));
        assert_eq!(cache.get::<Claim>("ab01cd"), Some(claims.clone()));
        let derived: Vec<Derived> = claims.iter().cloned().map(Derived::from).collect();
        assert_eq!(cache.get::<Derived>("ab01cd"), Some(derived));

        // Given a claim at a time: the same bytes, and every claim handed on in order.
        let mut handed = Vec::new();
        cache.put_each("ab02cd", claims.iter().cloned(), |c| handed.push(c));
        assert_eq!(handed, claims);
        let streamed =
            fs::read_to_string(entry_path(&dir.path().join(CACHE_DIR), "reading", "ab02cd"))
                .unwrap();
        assert_eq!(
            streamed,
            entry
                .replace("ab01cd", "ab02cd")
                .replace(&sum.to_string(), &{
                    let head = format!("{MAGIC}\nkey ab02cd\n");
                    crate::hash::Sha256Hash::of_bytes(format!("{head}{body}").as_bytes())
                        .to_string()
                })
        );
        // No claims at all: an empty array, as `put` writes it.
        let mut none = 0;
        cache.put_each("ab03cd", std::iter::empty(), |_| none += 1);
        assert_eq!(none, 0);
        assert_eq!(cache.get::<Claim>("ab03cd"), Some(Vec::new()));

        // An entry that cannot be written (its folder is a file) still hands on every claim.
        let blocked = tempfile::tempdir().unwrap();
        fs::write(blocked.path().join(CACHE_DIR), "not a folder").unwrap();
        let mut handed = Vec::new();
        ReadingCache::new(blocked.path())
            .put_each("ab04cd", claims.iter().cloned(), |c| handed.push(c));
        assert_eq!(handed, claims);
    }

    /// Entries get the mode any file created in the workspace gets, not an owner-only one.
    #[cfg(unix)]
    #[test]
    fn entries_are_as_readable_as_other_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        ArticleCache::new(dir.path()).put("ab01cd", &result());
        let entry = entry_path(&dir.path().join(CACHE_DIR), "article", "ab01cd");
        let plain = dir.path().join("plain");
        fs::File::create(&plain).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&entry), mode(&plain));
    }

    #[test]
    fn damaged_entries_are_absent() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::new(dir.path());
        cache.put("ab01cd", &result());
        let path = entry_path(&dir.path().join(CACHE_DIR), "article", "ab01cd");
        let good = fs::read(&path).unwrap();
        let damaged: Vec<Vec<u8>> = vec![
            Vec::new(),
            good[..good.len() / 2].to_vec(),
            String::from_utf8(good.clone())
                .unwrap()
                .replace("\"claims\":2", "\"claims\":3")
                .into_bytes(),
            vec![0xff, 0xfe, b'\n'],
        ];
        for bytes in damaged {
            fs::write(&path, &bytes).unwrap();
            assert_eq!(cache.get("ab01cd"), None, "{bytes:?}");
        }
        // Rewriting repairs it.
        cache.put("ab01cd", &result());
        assert_eq!(cache.get("ab01cd"), Some(result()));
    }
}
