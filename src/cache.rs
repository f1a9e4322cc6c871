//! Owns the reading cache: what reading a snapshot gave (each claim's sha256 and byte span), kept
//! under `.claimtrail-cache/` at the workspace root so `check` of an unchanged archive does not
//! read every article again.
//!
//! An entry is keyed by the snapshot's sha256, this build of claimtrail ([`BUILD_ID`]: the version
//! and a fingerprint of the sources) and the reading configuration, so it can never be served
//! for other bytes, other code or other settings. The folder is safe to delete at any time and
//! ignores itself in git (it holds a `.gitignore` of `*`). Entries carry a checksum: a torn,
//! truncated, edited or stale entry is treated as absent and rewritten. Writing is best effort
//! (a read-only workspace simply gets no cache); this module never touches `claims/` or
//! `snapshots/`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::hash::Sha256Hash;

/// The cache folder, at the workspace root.
pub const CACHE_DIR: &str = ".claimtrail-cache";

/// This build of claimtrail: the version and a fingerprint of the sources and `Cargo.lock`.
pub const BUILD_ID: &str = env!("CLAIMTRAIL_BUILD_ID");

const MAGIC: &str = "claimtrail reading cache 1";

/// One claim of a cached reading: its hash and where it sits in the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedClaim {
    pub sha256: String,
    pub start: usize,
    pub end: usize,
}

/// The reading cache of one workspace, for one reading configuration.
#[derive(Debug, Clone)]
pub struct ReadingCache {
    dir: PathBuf,
    config: String,
}

static TMP_SEQ: AtomicU64 = AtomicU64::new(0);

impl ReadingCache {
    /// The cache under `root`, for readings made with the configuration `config` (any text that
    /// changes whenever a reading setting changes, e.g. the settings' `Debug` form).
    pub fn new(root: &Path, config: &str) -> ReadingCache {
        ReadingCache {
            dir: root.join(CACHE_DIR),
            config: Sha256Hash::of_bytes(config.as_bytes()).to_string(),
        }
    }

    /// The cache of a workspace, for its reading configuration (`[extract]` and `[[source]]`).
    pub fn for_workspace(ws: &crate::store::Workspace) -> ReadingCache {
        let c = &ws.config;
        ReadingCache::new(&ws.root, &format!("{:?}\n{:?}", c.extract, c.sources))
    }

    fn key(&self, snapshot_sha256: &str) -> String {
        let material = format!("{BUILD_ID}\n{}\n{snapshot_sha256}\n", self.config);
        Sha256Hash::of_bytes(material.as_bytes()).to_string()
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join("reading").join(&key[..2]).join(&key[2..])
    }

    /// The cached reading of the snapshot with this sha256 and text, if a valid entry exists.
    /// Spans are checked against `text`, so a wrong entry can never produce a slice that is not
    /// in the text.
    pub fn get(&self, snapshot_sha256: &str, text: &str) -> Option<Vec<CachedClaim>> {
        let key = self.key(snapshot_sha256);
        let bytes = fs::read(self.path(&key)).ok()?;
        let body = std::str::from_utf8(&bytes).ok()?;
        let (content, trailer) = body.strip_suffix('\n')?.rsplit_once('\n')?;
        let sum = trailer.strip_prefix("sum ")?;
        if Sha256Hash::of_bytes(content.as_bytes()).to_string() != sum {
            return None;
        }
        let mut lines = content.lines();
        if lines.next()? != MAGIC || lines.next()? != format!("key {key}") {
            return None;
        }
        let mut out = Vec::new();
        for line in lines {
            let mut parts = line.split(' ');
            let sha256 = parts.next()?;
            let start: usize = parts.next()?.parse().ok()?;
            let end: usize = parts.next()?.parse().ok()?;
            if parts.next().is_some()
                || sha256.len() != 64
                || !sha256
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
                || text.get(start..end).is_none()
            {
                return None;
            }
            out.push(CachedClaim {
                sha256: sha256.to_string(),
                start,
                end,
            });
        }
        Some(out)
    }

    /// Store a reading (best effort: errors leave the cache without this entry).
    pub fn put(&self, snapshot_sha256: &str, claims: &[CachedClaim]) {
        let key = self.key(snapshot_sha256);
        let mut content = format!("{MAGIC}\nkey {key}");
        for c in claims {
            let _ = write!(content, "\n{} {} {}", c.sha256, c.start, c.end);
        }
        let sum = Sha256Hash::of_bytes(content.as_bytes());
        content.push_str(&format!("\nsum {sum}\n"));
        let path = self.path(&key);
        let _ = self.write(&path, content.as_bytes());
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if !self.dir.exists() {
            fs::create_dir_all(&self.dir)?;
            fs::write(
                self.dir.join(".gitignore"),
                "# claimtrail's reading cache: safe to delete at any time\n*\n",
            )?;
        }
        let folder = path.parent().expect("entries sit in a folder");
        fs::create_dir_all(folder)?;
        // No fsync: a torn entry fails its checksum and is rebuilt. The temp name is unique per
        // process and write, so parallel writers never share one.
        let tmp = folder.join(format!(
            ".{}.{}.tmp",
            std::process::id(),
            TMP_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, path).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Vec<CachedClaim> {
        vec![
            CachedClaim {
                sha256: "a".repeat(64),
                start: 0,
                end: 3,
            },
            CachedClaim {
                sha256: "b".repeat(64),
                start: 4,
                end: 9,
            },
        ]
    }

    #[test]
    fn round_trip_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let text = "One. Two three.";
        let cache = ReadingCache::new(dir.path(), "config A");
        assert_eq!(cache.get("s1", text), None);
        cache.put("s1", &claims());
        assert_eq!(cache.get("s1", text), Some(claims()));
        // Another snapshot or another configuration is another entry.
        assert_eq!(cache.get("s2", text), None);
        assert_eq!(
            ReadingCache::new(dir.path(), "config B").get("s1", text),
            None
        );
        let ignore = fs::read_to_string(dir.path().join(CACHE_DIR).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
    }

    #[test]
    fn damaged_entries_are_absent() {
        let dir = tempfile::tempdir().unwrap();
        let text = "One. Two three.";
        let cache = ReadingCache::new(dir.path(), "c");
        cache.put("s1", &claims());
        let path = cache.path(&cache.key("s1"));
        let good = fs::read(&path).unwrap();
        let damaged: Vec<Vec<u8>> = vec![
            Vec::new(),
            good[..good.len() / 2].to_vec(),
            String::from_utf8(good.clone())
                .unwrap()
                .replace(" 4 9", " 4 8")
                .into_bytes(),
            vec![0xff, 0xfe, b'\n'],
        ];
        for bytes in damaged {
            fs::write(&path, &bytes).unwrap();
            assert_eq!(cache.get("s1", text), None, "{bytes:?}");
        }
        // A valid entry whose spans do not fit the text is refused too.
        fs::write(&path, &good).unwrap();
        assert_eq!(cache.get("s1", "One."), None);
        // Rewriting repairs it.
        cache.put("s1", &claims());
        assert_eq!(cache.get("s1", text), Some(claims()));
    }
}
