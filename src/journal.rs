//! Owns write transactions: several files replaced as one step that either happened or did not.
//!
//! A write stages each new file as an exclusively created temp file with an unpredictable name
//! next to its target (fsynced), then commits by renaming a small journal into place
//! (`claims/.claimtrail-journal.json`, listing every staged file with its sha256). Only then are
//! the staged files renamed over their targets and the journal removed. A kill before the commit
//! leaves the old files and some temp files, which the next writer removes; a kill after it
//! leaves a journal, which the next writer completes (rolls forward) before anything else, and
//! which readers already see through (`Journal::effective`). Nothing here prints.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::hash::Sha256Hash;

/// The journal's file name, in claims/.
pub const JOURNAL: &str = ".claimtrail-journal.json";

static CRASH_AT: AtomicU64 = AtomicU64::new(0);
static STEPS: AtomicU64 = AtomicU64::new(0);

/// Test hook (`CLAIMTRAIL_CRASH_AT=N`, set by the CLI): abort the process, as a SIGKILL would,
/// just before the Nth file-system step of this run's writes (create, write, fsync, rename,
/// remove). 0 turns it off. The crash-consistency test walks N over every step of every write.
pub fn set_crash_at(n: u64) {
    CRASH_AT.store(n, Ordering::SeqCst);
}

/// Count one write step, dying here when the crash hook says so.
pub(crate) fn step() {
    let n = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
    if n == CRASH_AT.load(Ordering::SeqCst) {
        std::process::abort();
    }
}

/// One staged file: the target (relative to the workspace root), the temp file holding its new
/// bytes (relative too) and their sha256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    pub target: String,
    pub staged: String,
    pub sha256: String,
}

/// A committed transaction not yet fully applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    pub version: u32,
    pub writes: Vec<JournalEntry>,
}

impl Journal {
    /// Read the journal of the workspace at `root`, if there is one. A journal that cannot be
    /// read or names paths outside claims/ and snapshots/ is an error (it was not ours).
    pub fn load(root: &Path) -> Result<Option<Journal>> {
        let path = journal_path(root);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
            Ok(m) if !m.is_file() => {
                return Err(Error::Config {
                    path,
                    message: "the write journal is not a regular file".to_string(),
                });
            }
            Ok(_) => {}
        }
        let bytes = crate::store::read_limited(&path, 1024 * 1024)?;
        let journal: Journal = crate::store::parse_json(&path, &bytes)?;
        let bad = journal.version != 1
            || journal.writes.iter().any(|w| {
                !is_workspace_file(&w.target)
                    || !is_workspace_file(&w.staged)
                    || Path::new(&w.staged).parent() != Path::new(&w.target).parent()
                    || temp_target(file_name(&w.staged)).is_none_or(|t| t != file_name(&w.target))
            });
        if bad {
            return Err(Error::Config {
                path,
                message: "the write journal names files it could not have written; restore the workspace from version control".to_string(),
            });
        }
        Ok(Some(journal))
    }

    /// Where to read `target` (absolute) from: its staged copy while the journal still holds
    /// one, else the file itself. Readers see a committed write as done.
    pub fn effective(&self, root: &Path, target: &Path) -> PathBuf {
        for w in &self.writes {
            if root.join(&w.target) == target {
                let staged = root.join(&w.staged);
                if staged.exists() {
                    return staged;
                }
            }
        }
        target.to_path_buf()
    }

    /// Does the journal touch this article's files?
    pub fn touches(&self, article: &str) -> bool {
        self.writes
            .iter()
            .any(|w| article_of(&w.target) == Some(article))
    }
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// `claims/<file>` or `snapshots/<article>/<file>`, plain names only.
fn is_workspace_file(rel: &str) -> bool {
    let p = Path::new(rel);
    if !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return false;
    }
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        [crate::store::CLAIMS_DIR, _] => true,
        [crate::store::SNAPSHOTS_DIR, a, _] => crate::store::validate_article(a).is_ok(),
        _ => false,
    }
}

/// The article a workspace-relative path belongs to.
pub fn article_of(rel: &str) -> Option<&str> {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        [crate::store::SNAPSHOTS_DIR, a, ..] => Some(a),
        [crate::store::CLAIMS_DIR, name] => {
            let name = temp_target(name).unwrap_or(name);
            name.strip_suffix(".ledger.jsonl")
                .or_else(|| name.strip_suffix(".json"))
        }
        _ => None,
    }
}

pub fn journal_path(root: &Path) -> PathBuf {
    root.join(crate::store::CLAIMS_DIR).join(JOURNAL)
}

/// If `name` is a temp file of claimtrail's naming, `.<target>.<token>.tmp` (token: letters and
/// digits, as the random names and the older `<pid>` names have), the target's name.
pub fn temp_target(name: &str) -> Option<&str> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, token) = inner.rsplit_once('.')?;
    (!target.is_empty() && !token.is_empty() && token.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(target)
}

/// Refuse a path under the workspace root that is, or passes through, a symlink: a write must
/// never land outside the workspace. Missing components are fine (they are created as folders).
pub fn refuse_symlinks(root: &Path, path: &Path) -> Result<()> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut cur = root.to_path_buf();
    for c in rel.components() {
        cur.push(c);
        if let Ok(m) = fs::symlink_metadata(&cur)
            && m.file_type().is_symlink()
        {
            return Err(Error::io(
                &cur,
                std::io::Error::other(
                    "is a symbolic link; claimtrail never writes through one (replace it with a real folder or file)",
                ),
            ));
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) {
    step();
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A writer that hashes (sha256) every byte it passes on, so a staged file's hash comes from
/// the bytes as they are written, without holding them.
pub(crate) struct Hashing<W> {
    inner: W,
    hasher: Sha256,
}

impl<W> Hashing<W> {
    pub(crate) fn new(inner: W) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
        }
    }

    /// The sha256 so far, as lower-case hex (as `Sha256Hash` displays it).
    pub(crate) fn hex(&self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let digest = self.hasher.clone().finalize();
        let mut out = String::with_capacity(64);
        for b in digest.iter() {
            out.push(DIGITS[(b >> 4) as usize] as char);
            out.push(DIGITS[(b & 15) as usize] as char);
        }
        out
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The sha256 (hex) of a file's bytes, read in pieces; over `limit` bytes is an error.
pub fn sha256_of_file(path: &Path, limit: u64) -> Result<String> {
    let f = crate::store::open_workspace_file(path).map_err(|e| Error::io(path, e))?;
    let mut h = Hashing::new(std::io::sink());
    let n = std::io::copy(&mut f.take(limit + 1), &mut h).map_err(|e| Error::io(path, e))?;
    if n > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: fs::metadata(path).map_or(n, |m| m.len()),
            limit,
        });
    }
    Ok(h.hex())
}

/// What writes a staged file's bytes: into a buffered writer that hashes them on the way.
pub type Contents<'a> = dyn FnOnce(&mut dyn Write) -> std::io::Result<()> + 'a;

/// Create an exclusively opened temp file with an unpredictable name beside `target`, holding
/// `bytes`, fsynced. Returns its path; the caller renames or removes it.
fn stage_file(target: &Path, bytes: &[u8]) -> std::io::Result<tempfile::TempPath> {
    stage_file_with(target, Box::new(|w: &mut dyn Write| w.write_all(bytes))).map(|(p, _)| p)
}

/// [`stage_file`] with the bytes written by `contents` (streamed, never held whole), returning
/// the temp file's path and the sha256 of what was written.
fn stage_file_with(
    target: &Path,
    contents: Box<Contents<'_>>,
) -> std::io::Result<(tempfile::TempPath, String)> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file");
    step();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(10);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut f = builder.tempfile_in(dir)?;
    step();
    let sha = {
        let mut w = BufWriter::with_capacity(1 << 16, Hashing::new(f.as_file_mut()));
        contents(&mut w)?;
        w.flush()?;
        w.get_ref().hex()
    };
    step();
    f.as_file().sync_all()?;
    Ok((f.into_temp_path(), sha))
}

/// Write one file atomically (stage, fsync, rename, fsync the folder), never through a symlink.
pub fn write_one(root: &Path, target: &Path, bytes: &[u8]) -> Result<()> {
    refuse_symlinks(root, target)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let staged = stage_file(target, bytes).map_err(|e| Error::io(target, e))?;
    step();
    staged
        .persist(target)
        .map_err(|e| Error::io(target, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Files to replace together.
pub struct Transaction {
    root: PathBuf,
    staged: Vec<(PathBuf, tempfile::TempPath, String)>,
}

impl Transaction {
    pub fn new(root: &Path) -> Transaction {
        Transaction {
            root: root.to_path_buf(),
            staged: Vec::new(),
        }
    }

    /// Refuse a symlink on the way to `target`, and create its folder when missing (checking
    /// again after, so a link planted meanwhile is caught too).
    fn prepare(&self, target: &Path) -> Result<()> {
        refuse_symlinks(&self.root, target)?;
        let dir = target.parent().unwrap_or(Path::new("."));
        if !dir.is_dir() {
            step();
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            refuse_symlinks(&self.root, target)?;
        }
        Ok(())
    }

    /// Stage `bytes` as the new content of `target` (under claims/ or snapshots/). Folders are
    /// created as needed; a symlink on the way is refused.
    pub fn stage(&mut self, target: &Path, bytes: &[u8]) -> Result<()> {
        self.prepare(target)?;
        let temp = stage_file(target, bytes).map_err(|e| Error::io(target, e))?;
        self.staged.push((
            target.to_path_buf(),
            temp,
            Sha256Hash::of_bytes(bytes).to_string(),
        ));
        Ok(())
    }

    /// [`Transaction::stage`] with the new content written by `contents` straight into the temp
    /// file (a claims file of a long article is hundreds of megabytes: it is never held whole).
    pub fn stage_with(
        &mut self,
        target: &Path,
        contents: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.prepare(target)?;
        let (temp, sha) =
            stage_file_with(target, Box::new(contents)).map_err(|e| Error::io(target, e))?;
        self.staged.push((target.to_path_buf(), temp, sha));
        Ok(())
    }

    /// Commit: write the journal (the commit point), apply it, remove it. An error before the
    /// journal is in place leaves every target as it was.
    pub fn commit(self) -> Result<()> {
        let rel = |p: &Path| {
            p.strip_prefix(&self.root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        };
        let journal = Journal {
            version: 1,
            writes: self
                .staged
                .iter()
                .map(|(target, temp, sha)| JournalEntry {
                    target: rel(target),
                    staged: rel(temp),
                    sha256: sha.clone(),
                })
                .collect(),
        };
        // The staged files must outlive this process if it dies after the commit point.
        let staged: Vec<PathBuf> = self
            .staged
            .into_iter()
            .map(|(_, temp, _)| temp.keep())
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::io(&self.root, e.error))?;
        let jpath = journal_path(&self.root);
        let committed = write_one(&self.root, &jpath, &crate::store::to_json_bytes(&journal));
        if let Err(e) = committed {
            for s in &staged {
                let _ = fs::remove_file(s);
            }
            return Err(e);
        }
        apply(&self.root, &journal)
    }
}

/// Rename every staged file of a committed journal over its target, then remove the journal.
/// Safe to run again after a crash at any point: a write already applied is skipped.
pub fn apply(root: &Path, journal: &Journal) -> Result<()> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for w in &journal.writes {
        let target = root.join(&w.target);
        let staged = root.join(&w.staged);
        refuse_symlinks(root, &target)?;
        if fs::symlink_metadata(&staged).is_ok() {
            if sha256_of_file(&staged, crate::store::MAX_JSON_BYTES)? != w.sha256 {
                return Err(Error::Config {
                    path: staged,
                    message: "a staged write does not match the journal's sha256; restore the workspace from version control".to_string(),
                });
            }
            step();
            fs::rename(&staged, &target).map_err(|e| Error::io(&target, e))?;
        } else {
            let done = sha256_of_file(&target, crate::store::MAX_JSON_BYTES)
                .is_ok_and(|sha| sha == w.sha256);
            if !done {
                return Err(Error::Config {
                    path: journal_path(root),
                    message: format!(
                        "the journal's write to {} can be neither completed nor found done; restore the workspace from version control",
                        w.target
                    ),
                });
            }
        }
        if let Some(d) = target.parent()
            && !dirs.iter().any(|x| x == d)
        {
            dirs.push(d.to_path_buf());
        }
    }
    for d in &dirs {
        sync_dir(d);
    }
    let jpath = journal_path(root);
    step();
    fs::remove_file(&jpath).map_err(|e| Error::io(&jpath, e))?;
    sync_dir(jpath.parent().unwrap_or(root));
    Ok(())
}

/// What recovery did when a writer took the lock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Files a committed but interrupted write replaced (workspace-relative).
    pub rolled_forward: Vec<String>,
    /// Temp files of interrupted, uncommitted writes that were removed (workspace-relative).
    pub removed: Vec<String>,
}

/// Under the workspace lock, before anything else: finish a committed write, then remove the
/// temp files that interrupted writes left (only names of claimtrail's own temp pattern).
pub fn recover(root: &Path) -> Result<Recovery> {
    let mut out = Recovery::default();
    if let Some(j) = Journal::load(root)? {
        apply(root, &j)?;
        out.rolled_forward = j.writes.iter().map(|w| w.target.clone()).collect();
    }
    for rel in stale_temp_files(root) {
        step();
        let p = root.join(&rel);
        fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
        out.removed.push(rel);
    }
    Ok(out)
}

/// Temp files of claimtrail's naming in claims/ and snapshots/<article>/ that no pending journal
/// refers to (workspace-relative, sorted).
pub fn stale_temp_files(root: &Path) -> Vec<String> {
    let pending: Vec<String> = Journal::load(root)
        .ok()
        .flatten()
        .map(|j| j.writes.into_iter().map(|w| w.staged).collect())
        .unwrap_or_default();
    let mut dirs = vec![crate::store::CLAIMS_DIR.to_string()];
    let snaps = root.join(crate::store::SNAPSHOTS_DIR);
    if let Ok(entries) = fs::read_dir(&snaps) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(format!(
                    "{}/{}",
                    crate::store::SNAPSHOTS_DIR,
                    e.file_name().to_string_lossy()
                ));
            }
        }
    }
    let mut out = Vec::new();
    for d in dirs {
        let Ok(entries) = fs::read_dir(root.join(&d)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = format!("{d}/{name}");
            if e.file_type().is_ok_and(|t| t.is_file())
                && temp_target(&name).is_some()
                && !pending.contains(&rel)
            {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        assert_eq!(temp_target(".news.json.16128.tmp"), Some("news.json"));
        assert_eq!(temp_target(".news.json.aB3xY9kLm0.tmp"), Some("news.json"));
        assert_eq!(temp_target(".r1.txt.x.tmp"), Some("r1.txt"));
        assert_eq!(temp_target("news.json"), None);
        assert_eq!(temp_target(".news.tmp"), None);
        assert_eq!(temp_target(".news.json.a-b.tmp"), None);
        assert_eq!(article_of("claims/.news.json.123.tmp"), Some("news"));
        assert_eq!(article_of("claims/news.ledger.jsonl"), Some("news"));
        assert_eq!(article_of("snapshots/news/.r2.txt.abc.tmp"), Some("news"));
        assert!(is_workspace_file("claims/news.json"));
        assert!(is_workspace_file("snapshots/news/r1.txt"));
        assert!(!is_workspace_file("claims/../x"));
        assert!(!is_workspace_file("/etc/passwd"));
        assert!(!is_workspace_file("snapshots/../claims/x"));
    }

    #[test]
    fn a_transaction_replaces_every_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("claims")).unwrap();
        fs::write(root.join("claims/a.json"), "old").unwrap();
        let mut t = Transaction::new(root);
        t.stage(&root.join("claims/a.json"), b"new a").unwrap();
        t.stage(&root.join("snapshots/a/r1.txt"), b"text").unwrap();
        t.commit().unwrap();
        assert_eq!(fs::read(root.join("claims/a.json")).unwrap(), b"new a");
        assert_eq!(fs::read(root.join("snapshots/a/r1.txt")).unwrap(), b"text");
        assert!(!journal_path(root).exists());
        assert!(stale_temp_files(root).is_empty());
    }

    #[test]
    fn a_streamed_stage_hashes_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("claims")).unwrap();
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let target = root.join("claims/a.json");
        let (temp, sha) = stage_file_with(
            &target,
            Box::new(|w: &mut dyn Write| {
                for piece in bytes.chunks(777) {
                    w.write_all(piece)?;
                }
                Ok(())
            }),
        )
        .unwrap();
        assert_eq!(sha, Sha256Hash::of_bytes(&bytes).to_string());
        assert_eq!(fs::read(&temp).unwrap(), bytes);
        assert_eq!(sha256_of_file(&temp, 1 << 20).unwrap(), sha);
        assert!(matches!(
            sha256_of_file(&temp, 1000),
            Err(Error::TooLarge {
                size: 200_000,
                limit: 1000,
                ..
            })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("claims")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("snapshots")).unwrap();
        let mut t = Transaction::new(root);
        assert!(t.stage(&root.join("snapshots/a/r1.txt"), b"x").is_err());
        std::os::unix::fs::symlink(outside.path().join("f"), root.join("claims/a.json")).unwrap();
        assert!(write_one(root, &root.join("claims/a.json"), b"x").is_err());
        assert!(fs::read_dir(outside.path()).unwrap().next().is_none());
    }
}
