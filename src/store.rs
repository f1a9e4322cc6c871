//! Owns the workspace on disk: finding it, naming rules, snapshots, manifests and claims files.
//!
//! The only module that reads or writes claims/ and snapshots/. Writes are atomic (temp file in
//! the same folder, fsync, rename, fsync the folder) and bytes are deterministic (pretty JSON in
//! a fixed key order with a trailing newline). Nothing here prints.

use std::fs::{self, File};
use std::io::{Read, Write as _};
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
/// Per-article hash chain of stored revisions, beside the manifest.
pub const SNAPSHOT_CHAIN: &str = "chain.jsonl";
/// The largest article accepted: far beyond any real article, small enough to never exhaust memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest JSON file read (claims files and manifests).
pub const MAX_JSON_BYTES: u64 = 512 * 1024 * 1024;
/// The largest baseline read: a list of accepted findings, far smaller than the claims.
pub const MAX_BASELINE_BYTES: u64 = 16 * 1024 * 1024;

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

/// Read a file of the workspace, refusing anything over `limit` bytes, and a named pipe (see
/// [`is_pipe`]).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    read_limited_from(path, limit, false)
}

/// Read what the user gives: a file, standard input for `-`, or a pipe (`<(curl ...)`),
/// refusing anything over `limit` bytes.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>> {
    read_limited_from(path, limit, true)
}

/// Whether `path` is a named pipe. Opening one for reading waits for a writer, so a file of
/// the workspace that is one (a hand-made `mkfifo claims/a.json`) would hang every command
/// that reads it: the workspace is never read from pipes (what the user gives may be).
pub fn is_pipe(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Open a file of the workspace for reading, refusing a named pipe (see [`is_pipe`]).
pub fn open_workspace_file(path: &Path) -> std::io::Result<File> {
    if is_pipe(path) {
        return Err(std::io::Error::other(
            "is a named pipe, not a file: the workspace is never read from a pipe",
        ));
    }
    File::open(path)
}

fn read_limited_from(path: &Path, limit: u64, pipes: bool) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
    } else {
        let (f, meta) = open_file(path, path, pipes)?;
        // Room for the whole file at once: `Take` hides the file's size from `read_to_end`,
        // which would otherwise double its buffer up to a third above the text's size.
        if meta.is_file() && meta.len() <= limit {
            buf.reserve_exact(meta.len() as usize + 1);
        }
        f.take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(path, e))?;
    }
    if buf.len() as u64 > limit {
        // Only a regular file knows its size; a pipe or device (/dev/zero) would read forever.
        let size = fs::metadata(path)
            .ok()
            .filter(|m| m.is_file() && path != Path::new("-"))
            .map_or(0, |m| m.len());
        return Err(Error::TooLarge {
            path: display_path(path),
            size,
            limit,
        });
    }
    Ok(buf)
}

/// Open `from` for reading, with its metadata; a folder is refused, and a named pipe unless
/// `pipes`. Errors name `path`.
fn open_file(path: &Path, from: &Path, pipes: bool) -> Result<(File, fs::Metadata)> {
    let f = if pipes {
        File::open(from)
    } else {
        open_workspace_file(from)
    }
    .map_err(|e| Error::io(path, e))?;
    let meta = f.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::other("is a folder, not a file"),
        ));
    }
    Ok((f, meta))
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
    if !has_visible_ascii(&text) && crate::normalize::normalize_v1(&text).is_empty() {
        return Err(Error::Empty {
            path: display_path(path),
        });
    }
    Ok(text)
}

/// Whether the text has an ASCII character that is not white space: normalization keeps every
/// such character (NFKC leaves ASCII as it is or composes it with a following mark; step 2 maps
/// no ASCII), so the normalized text is then not empty, and a whole article need not be
/// normalized to find out (it was 4% of `inspect` and of `diff --files`).
fn has_visible_ascii(text: &str) -> bool {
    text.bytes()
        .any(|b| b.is_ascii() && !char::from(b).is_whitespace())
}

/// Read and decode an article file (or `-`, or a pipe).
pub fn read_article(path: &Path) -> Result<String> {
    decode_article(path, read_input(path, MAX_ARTICLE_BYTES)?)
}

/// Deterministic JSON bytes: pretty, fields in declaration order, trailing newline.
pub fn to_json_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).expect("model types always serialize");
    out.push(b'\n');
    out
}

/// Write `bytes` to `path` atomically: an exclusively created temp file with an unpredictable
/// name in the same folder, fsync, rename, fsync the folder. Readers see the old bytes or the
/// new, never a mix; a symlink at `path` is refused, never written through.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    crate::journal::write_one(dir, path, bytes)
}

/// Parse JSON, turning a syntax or shape error into one that names file:line:column.
pub fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|e| parse_error(path, &e))
}

/// Files up to this size are read whole and parsed as a slice by [`parse_json_file`]; larger
/// ones are parsed as they are read.
pub const PARSED_WHOLE: u64 = 16 * 1024 * 1024;

/// Parse a JSON file of at most `limit` bytes as it is read, through a buffer, so its bytes are
/// never held whole beside what they parse into (a 30 MB article's claims file is ~270 MB of
/// JSON). Errors are those of [`read_limited`] and [`parse_json`], naming `path` (the file as the
/// user knows it) rather than `from` (where it is read from).
pub fn parse_json_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    from: &Path,
    limit: u64,
) -> Result<T> {
    parse_json_file_holding(path, from, limit, PARSED_WHOLE)
}

/// [`parse_json_file`], holding files of up to `whole` bytes whole.
fn parse_json_file_holding<T: serde::de::DeserializeOwned>(
    path: &Path,
    from: &Path,
    limit: u64,
    whole: u64,
) -> Result<T> {
    let (f, meta) = open_file(path, from, false)?;
    let too_large = |size| too_large_at(path, size, limit);
    if meta.is_file() && meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    // A device or pipe is read whole up to the limit, as always: it is no claims file, and
    // parsed as read it would stop at its first bad byte instead of being cut at the limit.
    if !meta.is_file() || meta.len() <= whole {
        // Small enough to hold whole: a slice parses ~8% faster than a reader (serde_json
        // counts lines byte by byte when it reads), and this is almost every file.
        drop(f);
        let bytes = read_limited(from, limit).map_err(|e| match e {
            Error::Io { source, .. } => Error::io(path, source),
            Error::TooLarge { size, limit, .. } => too_large_at(path, size, limit),
            e => e,
        })?;
        return parse_json(path, &bytes);
    }
    let mut counted = Counted {
        inner: f.take(limit + 1),
        read: 0,
        error: None,
    };
    let parsed =
        serde_json::from_reader(std::io::BufReader::with_capacity(256 * 1024, &mut counted));
    if counted.read > limit {
        // The file grew while it was read.
        return Err(too_large(meta.len().max(counted.read)));
    }
    if let Some(e) = counted.error {
        return Err(Error::io(path, e));
    }
    parsed.map_err(|e| parse_error(path, &e))
}

/// A claims file's claims, written before its head into an unnamed temp file beside it (gone
/// when dropped, or when the process dies): see [`crate::jsonout::ClaimsFileWriter::body`].
/// The first error is kept, and given by [`Workspace::record_body`].
pub struct ClaimsBody {
    dir: PathBuf,
    file: Option<File>,
    out: crate::jsonout::ClaimsFileWriter,
    error: Option<std::io::Error>,
}

impl ClaimsBody {
    /// The next claim, in the file's order.
    pub fn claim(&mut self, c: &crate::model::Claim) {
        if self.error.is_some() {
            return;
        }
        let file = match &mut self.file {
            Some(f) => f,
            None => match tempfile::tempfile_in(&self.dir) {
                Ok(f) => self.file.insert(f),
                Err(e) => {
                    self.error = Some(e);
                    return;
                }
            },
        };
        self.error = self.out.claim(file, c).err();
    }

    /// The claims and the end of the file, written.
    fn finish(self) -> std::io::Result<File> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut file = match self.file {
            Some(f) => f,
            None => tempfile::tempfile_in(&self.dir)?,
        };
        self.out.finish(&mut file)?;
        Ok(file)
    }
}

/// A file's state as its metadata gives it: size, modification time, and on Unix its device,
/// inode and change time (which no user can set back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    len: u64,
    modified: Option<SystemTime>,
    id: (u64, u64, i64, i64),
}

/// Bytes set aside while a command runs, in a temporary file with no name, beside the claims
/// (`tempfile::tempfile_in`): nothing in the workspace lists it, and it is gone when the command
/// ends, however it ends. `extract` keeps there what tracking does not need of the old claims
/// until they are written.
pub struct Spool {
    file: std::io::BufWriter<fs::File>,
    len: u64,
}

impl Spool {
    /// A spool in `dir`.
    pub fn in_dir(dir: &Path) -> std::io::Result<Spool> {
        Ok(Spool {
            file: std::io::BufWriter::with_capacity(64 * 1024, tempfile::tempfile_in(dir)?),
            len: 0,
        })
    }
}

impl crate::track::Aside for Spool {
    fn keep(&mut self, bytes: &[u8]) -> std::io::Result<u64> {
        let at = self.len;
        self.file.write_all(bytes)?;
        self.len += bytes.len() as u64;
        Ok(at)
    }

    fn fetch(&mut self, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
        use std::io::{Seek, SeekFrom};
        if at.checked_add(len as u64).is_none_or(|end| end > self.len) {
            return Err(std::io::Error::other("set-aside bytes out of range"));
        }
        self.file.flush()?;
        let mut buf = vec![0; len];
        let mut f = self.file.get_ref();
        f.seek(SeekFrom::Start(at))?;
        f.read_exact(&mut buf)?;
        // Later bytes go at the end.
        f.seek(SeekFrom::End(0))?;
        Ok(buf)
    }
}

/// The visitor of [`Workspace::stream_claims`]: a claims file's fields up to `"claims"`, then
/// its claims one at a time. Anything it does not expect is an error (the caller then loads the
/// file whole, which reports it).
struct ClaimsStream<'a, S, H, C> {
    article: &'a str,
    head: Option<H>,
    claim: C,
    read: Option<(ClaimsFile, usize, S)>,
}

impl<'de, S, H, C> serde::de::Visitor<'de> for &mut ClaimsStream<'_, S, H, C>
where
    H: FnOnce(&ClaimsFile) -> Option<S>,
    C: FnMut(&mut S, crate::model::Claim),
{
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a claims file")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::Error as _;
        let mut schema_url = None;
        let mut schema = None;
        let mut normalization = None;
        let mut article = None;
        let mut revision = None;
        let mut ledger_head = None;
        fn once<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
            map: &mut A,
            slot: &mut Option<T>,
            done: bool,
        ) -> std::result::Result<(), A::Error> {
            if slot.is_some() || done {
                return Err(A::Error::custom(
                    "a field of the head is repeated or after the claims",
                ));
            }
            *slot = Some(map.next_value()?);
            Ok(())
        }
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            // A field of the head after the claims would change what they were checked against.
            let done = self.read.is_some();
            match key.as_ref() {
                "$schema" => once(&mut map, &mut schema_url, done)?,
                "schema" => once(&mut map, &mut schema, done)?,
                "normalization" => once(&mut map, &mut normalization, done)?,
                "article" => once(&mut map, &mut article, done)?,
                "revision" => once(&mut map, &mut revision, done)?,
                "ledger_head" => once(&mut map, &mut ledger_head, done)?,
                "claims" => {
                    let head = ClaimsFile {
                        schema_url: schema_url
                            .take()
                            .unwrap_or_else(|| crate::model::CLAIMS_SCHEMA_URL.to_string()),
                        schema: schema
                            .take()
                            .ok_or_else(|| A::Error::missing_field("schema"))?,
                        normalization: normalization
                            .take()
                            .ok_or_else(|| A::Error::missing_field("normalization"))?,
                        article: article
                            .take()
                            .ok_or_else(|| A::Error::missing_field("article"))?,
                        revision: revision
                            .take()
                            .ok_or_else(|| A::Error::missing_field("revision"))?,
                        ledger_head: ledger_head.take().flatten(),
                        claims: Vec::new(),
                    };
                    let stop = || A::Error::custom("not read as a stream");
                    if done
                        || head.article != self.article
                        || head.schema != SCHEMA_VERSION
                        || head.normalization != crate::normalize::NORMALIZATION_VERSION
                    {
                        return Err(stop());
                    }
                    let make = self.head.take().ok_or_else(stop)?;
                    let mut state = make(&head).ok_or_else(stop)?;
                    let n = map.next_value_seed(ClaimsSeq(&mut state, &mut self.claim))?;
                    self.read = Some((head, n, state));
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        if self.read.is_none() {
            return Err(A::Error::missing_field("claims"));
        }
        Ok(())
    }
}

/// The `"claims"` array of [`ClaimsStream`], handing each claim on as it is parsed.
struct ClaimsSeq<'c, S, C>(&'c mut S, &'c mut C);

impl<'de, S, C: FnMut(&mut S, crate::model::Claim)> serde::de::DeserializeSeed<'de>
    for ClaimsSeq<'_, S, C>
{
    type Value = usize;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S, C: FnMut(&mut S, crate::model::Claim)> serde::de::Visitor<'de>
    for ClaimsSeq<'_, S, C>
{
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of claims")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<usize, A::Error> {
        let mut n = 0;
        while let Some(c) = seq.next_element()? {
            (self.1)(self.0, c);
            n += 1;
        }
        Ok(n)
    }
}

/// Counts what it reads, so that a file that grew past the limit while read (or a device)
/// is told apart from one that ends early.
struct Counted<R> {
    inner: R,
    read: u64,
    error: Option<std::io::Error>,
}
impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                self.read += n as u64;
                Ok(n)
            }
            // An interrupted read is retried by the reader above, so it is no failure.
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                let kind = e.kind();
                self.error = Some(e);
                Err(std::io::Error::from(kind))
            }
        }
    }
}

fn too_large_at(path: &Path, size: u64, limit: u64) -> Error {
    Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    }
}

fn parse_error(path: &Path, e: &serde_json::Error) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or("")
            .to_string(),
    }
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

/// Is `s` an RFC 3339 timestamp (`2024-05-16T08:00:00Z`, offsets and fractions allowed) of a
/// real moment: month 01-12, a day the month has (leap years counted), hour 00-23, minute and
/// second 00-59, offset within +-23:59?
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
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(u32::MAX);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days_in_month || num(11..13) > 23 || num(14..16) > 59 || num(17..19) > 59 {
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
            && rest[1..3].parse::<u32>().is_ok_and(|h| h <= 23)
            && rest[4..6].parse::<u32>().is_ok_and(|m| m <= 59)
    }
}

/// One line of `snapshots/<article>/chain.jsonl`: a stored revision as its manifest entry lists
/// it (label, sha256, bytes, captured_at, source_url), chained to the line before
/// by sha256 like the ledger, so an old revision cannot be swapped by recomputing its manifest
/// entry alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainLine {
    pub label: String,
    pub sha256: String,
    pub bytes: u64,
    pub captured_at: String,
    pub source_url: Option<String>,
    /// sha256 of the previous line's bytes; 64 zeros for the first.
    pub prev: String,
}

/// Append revisions to a chain's text.
pub fn chain_append(text: &str, revisions: &[RevisionEntry]) -> String {
    let mut out = text.to_string();
    let mut prev = text
        .lines()
        .last()
        .map(crate::ledger::line_hash)
        .unwrap_or_else(|| crate::ledger::GENESIS.to_string());
    for r in revisions {
        let line = serde_json::to_string(&ChainLine {
            label: r.label.clone(),
            sha256: r.sha256.clone(),
            bytes: r.bytes,
            captured_at: r.captured_at.clone(),
            source_url: r.source_url.clone(),
            prev,
        })
        .expect("chain lines always serialize");
        prev = crate::ledger::line_hash(&line);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Problems of a chain against its manifest's revisions (1-based line, message).
pub fn chain_problems(text: &str, revisions: &[RevisionEntry]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut prev = crate::ledger::GENESIS.to_string();
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<&str> = if text.is_empty() {
        Vec::new()
    } else {
        body.split('\n').collect()
    };
    for (i, line) in lines.iter().enumerate() {
        match serde_json::from_str::<ChainLine>(line) {
            Ok(l) if l.prev != prev => {
                out.push((i + 1, "prev does not match the line before it".to_string()))
            }
            Ok(l) => {
                let listed = revisions.get(i);
                if listed.is_none_or(|r| {
                    r.label != l.label
                        || r.sha256 != l.sha256
                        || r.bytes != l.bytes
                        || r.captured_at != l.captured_at
                        || r.source_url != l.source_url
                }) {
                    out.push((
                        i + 1,
                        format!(
                            "revision {} (sha256 {}) is not the manifest's revision {}",
                            l.label,
                            &l.sha256.get(..12).unwrap_or(""),
                            i + 1
                        ),
                    ));
                }
            }
            Err(e) => out.push((i + 1, format!("not a chain line: {e}"))),
        }
        prev = crate::ledger::line_hash(line);
    }
    if out.is_empty() && lines.len() != revisions.len() {
        out.push((
            lines.len(),
            format!(
                "records {} revisions, the manifest lists {}",
                lines.len(),
                revisions.len()
            ),
        ));
    }
    out
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
    /// A committed write that a crash interrupted, as found when the workspace was opened:
    /// readers see through it, the next writer completes it.
    pub pending: Option<crate::journal::Journal>,
}

/// Held while a command changes the workspace; released on drop.
pub struct WorkspaceLock {
    _file: File,
    /// What recovery did when the lock was taken.
    pub recovery: crate::journal::Recovery,
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
            pending: crate::journal::Journal::load(root).ok().flatten(),
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

    /// Take the workspace's exclusive lock (on the claims folder), waiting for other writers,
    /// then recover: complete a committed write a crash interrupted and remove the temp files
    /// of uncommitted ones, before the caller reads anything.
    pub fn lock(&self) -> Result<WorkspaceLock> {
        let dir = self.root.join(CLAIMS_DIR);
        crate::journal::refuse_symlinks(&self.root, &dir)?;
        crate::journal::refuse_symlinks(&self.root, &self.root.join(SNAPSHOTS_DIR))?;
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let file = File::open(&dir).map_err(|e| Error::io(&dir, e))?;
        file.lock().map_err(|e| Error::io(&dir, e))?;
        let recovery = crate::journal::recover(&self.root)?;
        Ok(WorkspaceLock {
            _file: file,
            recovery,
        })
    }

    /// Where to read a workspace file from: a committed but unapplied write's staged copy, or
    /// the file itself.
    pub fn effective(&self, path: &Path) -> PathBuf {
        match &self.pending {
            Some(j) => j.effective(&self.root, path),
            None => path.to_path_buf(),
        }
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

    pub fn snapshot_chain_path(&self, article: &str) -> PathBuf {
        self.root
            .join(SNAPSHOTS_DIR)
            .join(article)
            .join(SNAPSHOT_CHAIN)
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
            let ours =
                name == crate::journal::JOURNAL || crate::journal::temp_target(&name).is_some();
            if !ours && (is_dir || id.is_none_or(|id| validate_article(id).is_err())) {
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
                crate::journal::temp_target(name).is_none()
                    && name != MANIFEST
                    && name != SNAPSHOT_CHAIN
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
        let from = self.effective(&path);
        if !from.exists() {
            return Err(Error::UnknownArticle(article.to_string()));
        }
        let bytes = read_limited(&from, MAX_JSON_BYTES)?;
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
        let bytes = read_limited(&self.effective(&path), MAX_ARTICLE_BYTES)?;
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
        self.add_revision(article, text, label, source_url, captured_at, None)
    }

    /// Store a revision; with a capture, its compressed raw bytes are written in the same
    /// transaction as the text, the manifest and the chain, so a crash leaves all or none.
    fn add_revision(
        &self,
        article: &str,
        text: &str,
        label: Option<&str>,
        source_url: Option<&str>,
        captured_at: Option<&str>,
        capture: Option<(crate::model::Capture, Vec<u8>)>,
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
        // Identical bytes store nothing, whatever label was asked for.
        if let Some(latest) = manifest.latest()
            && latest.sha256 == sha
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
            capture: capture.as_ref().map(|(c, _)| c.clone()),
        };
        let path = self.snapshot_path(article, &label);
        if fs::symlink_metadata(&path).is_ok()
            && read_limited(&path, MAX_ARTICLE_BYTES).ok().as_deref() != Some(text.as_bytes())
        {
            // A file the manifest does not know: never overwrite what someone captured.
            return Err(Error::io(
                &path,
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "a snapshot file with this label exists but the manifest does not list it; move it away first",
                ),
            ));
        }
        // The chain gets the new revision; a workspace from before chains starts one here,
        // over the revisions the manifest lists now.
        let chain_path = self.snapshot_chain_path(article);
        let chain = match read_limited(&self.effective(&chain_path), MAX_JSON_BYTES) {
            Ok(b) => chain_append(&String::from_utf8_lossy(&b), std::slice::from_ref(&entry)),
            Err(_) => chain_append(
                "",
                &[manifest.revisions.as_slice(), std::slice::from_ref(&entry)].concat(),
            ),
        };
        manifest.revisions.push(entry.clone());
        // The text, the manifest that lists it and the chain are one transaction.
        let mut txn = crate::journal::Transaction::new(&self.root);
        if let Some((c, gz)) = &capture {
            let cpath = self.capture_path(article, c);
            if cpath.exists() {
                // The same bytes were captured before: the file must still hold them.
                self.read_capture(article, c)?;
            } else {
                let dir = cpath.parent().expect("capture path has a folder");
                fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                txn.stage(&cpath, gz)?;
            }
        }
        txn.stage(&path, text.as_bytes())?;
        txn.stage(&self.manifest_path(article), &to_json_bytes(&manifest))?;
        txn.stage(&chain_path, chain.as_bytes())?;
        txn.commit()?;
        Ok(AddOutcome::Stored(entry))
    }

    /// The article's claims file, if it has one.
    pub fn load_claims(&self, article: &str) -> Result<Option<ClaimsFile>> {
        validate_article(article)?;
        let path = self.claims_path(article);
        let from = self.effective(&path);
        if !from.exists() {
            return Ok(None);
        }
        let file: ClaimsFile = parse_json_file(&path, &from, MAX_JSON_BYTES)?;
        // The name inside the file is data, not a path: a file that claims another article
        // must never steer a write to that article's files.
        if file.article != article {
            return Err(Error::Config {
                path,
                message: format!(
                    "claims file is for article {:?}, not {article:?} (its name says {article:?}); restore it from version control",
                    file.article
                ),
            });
        }
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

    /// Read `article`'s claims file a claim at a time, never holding its claims together:
    /// `head` gets the file with every field but its claims (which is empty) once they are read,
    /// and makes the state the claims are read into (`None` stops); `claim` gets that state and
    /// each claim, in the file's order. Gives back the head, how many claims were read and the
    /// state.
    ///
    /// `None` when the file is not read this way: it is missing, not a regular file, over the
    /// limit, does not parse, names another article or format, has a field of the head after its
    /// claims, or `head` said to stop. What the state was given must then be thrown away, and the
    /// file loaded with [`Workspace::load_claims`], which says what is wrong with it (this
    /// never reports an error itself, so the two can never word one differently).
    pub fn stream_claims<S>(
        &self,
        article: &str,
        head: impl FnOnce(&ClaimsFile) -> Option<S>,
        claim: impl FnMut(&mut S, crate::model::Claim),
    ) -> Option<(ClaimsFile, usize, S)> {
        self.stream_claims_holding(article, head, claim, PARSED_WHOLE)
    }

    /// [`Workspace::stream_claims`], holding files of up to `whole` bytes whole (parsed as a
    /// slice, as [`parse_json_file`] does).
    fn stream_claims_holding<S>(
        &self,
        article: &str,
        head: impl FnOnce(&ClaimsFile) -> Option<S>,
        claim: impl FnMut(&mut S, crate::model::Claim),
        whole: u64,
    ) -> Option<(ClaimsFile, usize, S)> {
        validate_article(article).ok()?;
        let from = self.effective(&self.claims_path(article));
        let (f, meta) = open_file(&from, &from, false).ok()?;
        if !meta.is_file() || meta.len() > MAX_JSON_BYTES {
            return None;
        }
        let mut visitor = ClaimsStream {
            article,
            head: Some(head),
            claim,
            read: None,
        };
        if meta.len() <= whole {
            drop(f);
            let bytes = read_limited(&from, MAX_JSON_BYTES).ok()?;
            let mut de = serde_json::Deserializer::from_slice(&bytes);
            serde::Deserializer::deserialize_map(&mut de, &mut visitor).ok()?;
            de.end().ok()?;
        } else {
            let mut counted = Counted {
                inner: f.take(MAX_JSON_BYTES + 1),
                read: 0,
                error: None,
            };
            let reader = std::io::BufReader::with_capacity(256 * 1024, &mut counted);
            let mut de = serde_json::Deserializer::from_reader(reader);
            serde::Deserializer::deserialize_map(&mut de, &mut visitor).ok()?;
            de.end().ok()?;
            if counted.read > MAX_JSON_BYTES || counted.error.is_some() {
                return None;
            }
        }
        visitor.read
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
        let from = self.effective(&path);
        if !from.exists() {
            return Ok(String::new());
        }
        let bytes = read_limited(&from, MAX_JSON_BYTES)?;
        String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path,
            offset: e.utf8_error().valid_up_to(),
        })
    }

    /// The append-only files (ledgers and manifests) as git has them at commit `rev`:
    /// workspace-relative paths with their bytes, sorted. Runs `git` in the workspace.
    pub fn append_only_files_at(&self, rev: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let git = |args: &[&str]| -> Result<Vec<u8>> {
            let out = std::process::Command::new("git")
                .arg("-C")
                .arg(&self.root)
                .args(args)
                .stdin(std::process::Stdio::null())
                .output()
                .map_err(|e| Error::Usage(format!("--since needs git: {e}")))?;
            if !out.status.success() {
                return Err(Error::Usage(format!(
                    "--since {rev}: git {}: {}",
                    args.first().copied().unwrap_or(""),
                    String::from_utf8_lossy(&out.stderr).trim()
                )));
            }
            Ok(out.stdout)
        };
        if rev.starts_with('-') || rev.is_empty() {
            return Err(Error::Usage(format!(
                "--since {rev:?} is not a git revision"
            )));
        }
        let commit = format!("{rev}^{{commit}}");
        git(&["rev-parse", "--verify", "--quiet", &commit])?;
        let prefix = String::from_utf8_lossy(&git(&["rev-parse", "--show-prefix"])?)
            .trim()
            .to_string();
        let (claims, snaps) = (
            format!("{prefix}{CLAIMS_DIR}"),
            format!("{prefix}{SNAPSHOTS_DIR}"),
        );
        let names = git(&[
            "ls-tree",
            "--full-tree",
            "-r",
            "--name-only",
            "-z",
            rev,
            "--",
            &claims,
            &snaps,
        ])?;
        let mut out = Vec::new();
        for full in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            let full = String::from_utf8_lossy(full).into_owned();
            let rel = full.strip_prefix(&prefix).unwrap_or(&full).to_string();
            let parts: Vec<&str> = rel.split('/').collect();
            let wanted = match parts.as_slice() {
                [CLAIMS_DIR, name] => name.ends_with(".ledger.jsonl"),
                [SNAPSHOTS_DIR, _, MANIFEST | SNAPSHOT_CHAIN] => true,
                _ => false,
            };
            if wanted {
                let bytes = git(&["cat-file", "blob", &format!("{rev}:{full}")])?;
                out.push((rel, bytes));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Record a claims file and the ledger lines that explain it as one transaction: the
    /// ledger's new lines and the claims file's `ledger_head` land together or not at all.
    /// The ledger must end where the claims file says (`file.ledger_head`) and verify; a ledger
    /// that does not was tampered with, and nothing more is recorded on top of it.
    pub fn record(
        &self,
        file: &mut ClaimsFile,
        entries: &mut [crate::ledger::Entry],
    ) -> Result<()> {
        self.record_with(file, entries, |w, f| {
            crate::jsonout::write_claims_file(w, f)
        })
    }

    /// [`Workspace::record`] of a file whose claims are made while it is written: `head` holds
    /// every field but the claims (its `claims` must be empty), `claims` yields them in the
    /// file's order. The same transaction and the same bytes as `record` of the whole file, and
    /// the claims are never all in memory at once (`extract`). A claim that fails to be made
    /// fails the write, and nothing is written.
    pub fn record_streamed(
        &self,
        head: &mut ClaimsFile,
        entries: &mut [crate::ledger::Entry],
        claims: impl IntoIterator<Item = std::io::Result<crate::model::Claim>>,
    ) -> Result<()> {
        assert!(head.claims.is_empty(), "the claims come from `claims`");
        self.record_with(head, entries, |w, f| {
            let mut out = crate::jsonout::ClaimsFileWriter::begin(f);
            for c in claims {
                out.claim(w, &c?)?;
            }
            out.finish(w)
        })
    }

    /// A place to set bytes aside while `article`'s claims file is rewritten (see [`Spool`]).
    /// Refused when the claims folder is a symbolic link: nothing is made through one.
    pub fn spool(&self, article: &str) -> Result<Spool> {
        validate_article(article)?;
        let dir = self.root.join(CLAIMS_DIR);
        crate::journal::refuse_symlinks(&self.root, &dir)?;
        Spool::in_dir(&self.effective(&dir)).map_err(|e| Error::io(&dir, e))
    }

    /// What tells one state of `article`'s claims file from another without reading it: any
    /// write, rename over it or `touch` changes it. `None` when it cannot be read.
    pub fn claims_file_state(&self, article: &str) -> Option<FileState> {
        let meta = fs::metadata(self.effective(&self.claims_path(article))).ok()?;
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
        };
        #[cfg(not(unix))]
        let id = (0, 0, 0, 0);
        Some(FileState {
            len: meta.len(),
            modified: meta.modified().ok(),
            id,
        })
    }

    /// Somewhere to write `article`'s claims ahead of the file's head (see [`ClaimsBody`]).
    /// Nothing is created until the first claim is written.
    pub fn claims_body(&self, article: &str) -> ClaimsBody {
        ClaimsBody {
            dir: self.claims_path(article).with_file_name(""),
            file: None,
            out: crate::jsonout::ClaimsFileWriter::body(),
            error: None,
        }
    }

    /// [`Workspace::record`] of a claims file whose claims were written into `body` as it was
    /// read (`review` of a long article: the file is parsed once and never in memory whole).
    /// `head` is the file's head as read (its claims empty), and `state` the file's state (see
    /// [`Workspace::claims_file_state`]) from before it was read: a file written since (by
    /// something that ignores the workspace lock: an editor, a checkout) fails the write, and
    /// nothing is written.
    pub fn record_body(
        &self,
        head: &mut ClaimsFile,
        state: &FileState,
        entries: &mut [crate::ledger::Entry],
        body: ClaimsBody,
    ) -> Result<()> {
        assert!(head.claims.is_empty(), "the claims are in the body");
        let path = self.claims_path(&head.article);
        if self.claims_file_state(&head.article).as_ref() != Some(state) {
            return Err(Error::io(
                &path,
                std::io::Error::other(
                    "the claims file was changed by something else while it was reviewed; nothing was written (run the command again)",
                ),
            ));
        }
        let mut body = body.finish().map_err(|e| Error::io(&path, e))?;
        self.record_with(head, entries, |w, f| {
            use std::io::Seek;
            w.write_all(&crate::jsonout::head_bytes(f))?;
            body.seek(std::io::SeekFrom::Start(0))?;
            std::io::copy(&mut body, w)?;
            Ok(())
        })
    }

    /// The transaction of [`Workspace::record`], with the claims file's bytes written by
    /// `write` (given the file after its `ledger_head` is set).
    fn record_with(
        &self,
        file: &mut ClaimsFile,
        entries: &mut [crate::ledger::Entry],
        write: impl FnOnce(&mut dyn std::io::Write, &ClaimsFile) -> std::io::Result<()>,
    ) -> Result<()> {
        let article = file.article.clone();
        validate_article(&article)?;
        let mut txn = crate::journal::Transaction::new(&self.root);
        if !entries.is_empty() {
            let text = self.read_ledger(&article)?;
            let verified = crate::ledger::verify(&text);
            if verified.head != file.ledger_head {
                return Err(Error::Config {
                    path: self.ledger_path(&article),
                    message: "the ledger's last line is not the one the claims file recorded; run `claimtrail check` and restore the file before recording more".to_string(),
                });
            }
            if let Some(p) = verified.problems.first() {
                let line = match p {
                    crate::ledger::Problem::Malformed { line, .. }
                    | crate::ledger::Problem::Chain { line } => *line,
                };
                return Err(Error::Config {
                    path: self.ledger_path(&article),
                    message: format!(
                        "line {line} breaks the ledger; run `claimtrail check` and restore the file before recording more"
                    ),
                });
            }
            let new_text = crate::ledger::append(&text, entries);
            file.ledger_head = new_text.lines().last().map(crate::ledger::line_hash);
            txn.stage(&self.ledger_path(&article), new_text.as_bytes())?;
        }
        // Written by hand, in pieces (`jsonout`: the bytes `to_json_bytes` would give).
        txn.stage_with(&self.claims_path(&article), |w| write(w, file))?;
        txn.commit()
    }

    /// Roll a claims file forward to its ledger, the write-ahead log: when the ledger verifies
    /// and runs ahead of the claims file's `ledger_head` by `review` lines only (what a kill
    /// between the two renames of claimtrail before write transactions left), replay those lines
    /// onto the claims file as `review` would have, and save it. Returns how many lines were
    /// replayed; 0 when there is nothing to do or the gap is not one that replay can close
    /// (then `check` reports it and writes stay refused).
    pub fn roll_forward_reviews(&self, article: &str) -> Result<usize> {
        let Ok(Some(mut file)) = self.load_claims(article) else {
            return Ok(0);
        };
        self.roll_forward(&mut file)
    }

    /// [`Workspace::roll_forward_reviews`] on a claims file already loaded (with
    /// [`Workspace::load_claims`]), which is left as saved: a command parses its claims file
    /// once and goes on with this one.
    pub fn roll_forward(&self, loaded: &mut ClaimsFile) -> Result<usize> {
        let text = self.read_ledger(&loaded.article)?;
        let v = crate::ledger::verify(&text);
        if !v.problems.is_empty() || v.head == loaded.ledger_head {
            return Ok(0);
        }
        // Replayed on a copy (the rare path): a gap replay cannot close leaves `loaded` as is.
        let mut file = loaded.clone();
        let done = match &file.ledger_head {
            None => 0,
            Some(h) => match text.lines().position(|l| crate::ledger::line_hash(l) == *h) {
                Some(i) => i + 1,
                None => return Ok(0),
            },
        };
        let tail = &v.entries[done..];
        for e in tail {
            let Some(c) = file
                .claims
                .iter_mut()
                .find(|c| c.id == e.claim && c.sha256 == e.sha256)
            else {
                return Ok(0);
            };
            if e.event != "review" || c.status != e.from {
                return Ok(0);
            }
            c.history.push(crate::model::StatusChange {
                rev: file.revision.as_str().into(),
                from: c.status.clone(),
                to: e.to.clone(),
                reason: format!("review by {}", e.by),
            });
            c.status = e.to.clone();
            for ev in &e.evidence {
                if !c.evidence.contains(ev) {
                    c.evidence.push(ev.clone());
                }
            }
            if e.note.is_some() {
                c.note = e.note.as_deref().map(Into::into);
            }
        }
        file.ledger_head = v.head.clone();
        self.record(&mut file, &mut [])?;
        *loaded = file;
        Ok(tail.len())
    }

    /// Save a claims file alone (no ledger lines), atomically.
    pub fn save_claims(&self, file: &ClaimsFile) -> Result<()> {
        self.record(&mut file.clone(), &mut [])
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
        self.add_revision(
            article,
            text,
            label,
            source_url,
            captured_at,
            Some((capture, gzip(raw))),
        )
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

    /// A new workspace holding the bundled example's claims file (and nothing else): the
    /// folder, the workspace, the file's bytes and its path.
    fn example_claims() -> (tempfile::TempDir, Workspace, Vec<u8>, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        Workspace::init(dir.path()).unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/xi-putin-summit.json");
        let bytes = fs::read(&example).unwrap();
        let path = ws.claims_path("xi-putin-summit");
        fs::write(&path, &bytes).unwrap();
        (dir, ws, bytes, path)
    }

    #[test]
    fn claims_written_before_their_head_make_the_file_unless_it_changed() {
        let a = "xi-putin-summit";
        let (_dir, ws, bytes, path) = example_claims();
        let listing = || {
            let mut names: Vec<_> = fs::read_dir(path.parent().unwrap())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            names.sort();
            names
        };
        let before = listing();
        let body_of = |ws: &Workspace| {
            let file = ws.load_claims(a).unwrap().unwrap();
            let mut body = ws.claims_body(a);
            for c in &file.claims {
                body.claim(c);
            }
            (
                ClaimsFile {
                    claims: Vec::new(),
                    ..file
                },
                body,
            )
        };
        // Unchanged: the same bytes (the example is written as claimtrail writes).
        let state = ws.claims_file_state(a).unwrap();
        let (mut head, body) = body_of(&ws);
        ws.record_body(&mut head, &state, &mut [], body).unwrap();
        assert_eq!(fs::read(&path).unwrap(), bytes);
        assert_eq!(listing(), before);
        // Written to after its state was taken: refused, and what was written stays.
        let state = ws.claims_file_state(a).unwrap();
        let (mut head, body) = body_of(&ws);
        let edited = [&bytes[..], b"\n"].concat();
        fs::write(&path, &edited).unwrap();
        let e = ws
            .record_body(&mut head, &state, &mut [], body)
            .unwrap_err();
        assert!(
            e.to_string().ends_with("claims/xi-putin-summit.json: the claims file was changed by something else while it was reviewed; nothing was written (run the command again)"),
            "{e}"
        );
        assert_eq!(fs::read(&path).unwrap(), edited);
        assert_eq!(listing(), before);
    }

    #[test]
    fn a_claims_file_streams_as_it_loads_or_not_at_all() {
        let a = "xi-putin-summit";
        let (_dir, ws, bytes, path) = example_claims();
        let loaded = ws.load_claims(a).unwrap().unwrap();
        let stream = |whole: u64| {
            ws.stream_claims_holding(
                a,
                |h| Some((h.clone(), Vec::new())),
                |(_, claims): &mut (ClaimsFile, Vec<crate::model::Claim>), c| claims.push(c),
                whole,
            )
        };
        // As a slice and as read: the same head and claims as loaded whole.
        for whole in [0, PARSED_WHOLE] {
            let (head, n, (given, claims)) = stream(whole).unwrap();
            assert_eq!(head, given);
            assert_eq!(n, loaded.claims.len());
            assert!(n > 20);
            let mut rebuilt = head;
            rebuilt.claims = claims;
            assert_eq!(rebuilt, loaded);
        }
        // The head can stop it.
        assert!(ws.stream_claims(a, |_| None::<()>, |_, _| {}).is_none());
        // Not read as a stream (then loaded whole, which says what is wrong, if anything).
        let text = String::from_utf8(bytes.clone()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            // serde_json::Value sorts keys: "claims" before "revision".
            (
                "claims before the head",
                serde_json::to_vec_pretty(&v).unwrap(),
            ),
            (
                "another article",
                text.replacen(&format!("\"article\": \"{a}\""), "\"article\": \"b\"", 1)
                    .into_bytes(),
            ),
            (
                "a head field after the claims",
                format!(
                    "{},\n  \"revision\": \"r1\"\n}}\n",
                    text.trim_end().strip_suffix('}').unwrap().trim_end()
                )
                .into_bytes(),
            ),
            (
                "no revision",
                text.replacen("\"revision\": ", "\"revisions\": ", 1)
                    .into_bytes(),
            ),
            ("trailing bytes", [&bytes[..], b"{}"].concat()),
            ("cut short", bytes[..bytes.len() / 2].to_vec()),
            (
                "unknown schema",
                text.replacen("\"schema\": 1", "\"schema\": 2", 1)
                    .into_bytes(),
            ),
        ];
        for (name, body) in cases {
            fs::write(&path, &body).unwrap();
            for whole in [0, PARSED_WHOLE] {
                assert!(stream(whole).is_none(), "{name} ({whole})");
            }
        }
        // An unknown key among the head's is read past, as when loaded whole.
        fs::write(
            &path,
            text.replacen("\"schema\": 1,", "\"schema\": 1,\n  \"x-note\": [1],", 1),
        )
        .unwrap();
        assert_eq!(stream(0).unwrap().1, loaded.claims.len());
        fs::remove_file(&path).unwrap();
        assert!(stream(0).is_none());
    }

    #[test]
    fn json_files_parse_as_read_with_the_errors_of_a_whole_read() {
        // Streamed (nothing held whole) and held whole: the same values and errors.
        for whole in [0, PARSED_WHOLE] {
            json_files_parse_holding(whole);
        }
    }

    fn json_files_parse_holding(whole: u64) {
        let parse_json_file = |path: &Path, from: &Path, limit: u64| -> Result<serde_json::Value> {
            parse_json_file_holding(path, from, limit, whole)
        };
        let dir = tempfile::tempdir().unwrap();
        let shown = Path::new("claims/a.json");
        let good = dir.path().join("good.json");
        fs::write(&good, b"{\n  \"a\": [1, 2],\n  \"b\": \"x\"\n}\n").unwrap();
        let v = parse_json_file(shown, &good, 1024).unwrap();
        assert_eq!(v, serde_json::json!({"a": [1, 2], "b": "x"}));
        // The same bytes parsed whole give the same value.
        let whole: serde_json::Value = parse_json(shown, &fs::read(&good).unwrap()).unwrap();
        assert_eq!(v, whole);

        // Over the limit: refused before parsing, naming the file and its size.
        let e = parse_json_file(shown, &good, 10).unwrap_err();
        assert!(
            matches!(
                e,
                Error::TooLarge {
                    size: 30,
                    limit: 10,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "claims/a.json: 30 bytes is over the limit of 10 bytes"
        );

        // A syntax error names the file, line and column, as `parse_json` does.
        let bad = dir.path().join("bad.json");
        fs::write(&bad, b"{\n  \"a\": [1,\n}\n").unwrap();
        let streamed = parse_json_file(shown, &bad, 1024).unwrap_err();
        let whole = parse_json::<serde_json::Value>(shown, &fs::read(&bad).unwrap()).unwrap_err();
        assert!(
            matches!(streamed, Error::Parse { line: 3, .. }),
            "{streamed:?}"
        );
        assert_eq!(streamed.to_string(), whole.to_string());

        // Trailing bytes after the value are an error too.
        let trailing = dir.path().join("trailing.json");
        fs::write(&trailing, b"{}\n{}").unwrap();
        assert!(matches!(
            parse_json_file(shown, &trailing, 1024),
            Err(Error::Parse { line: 2, .. })
        ));

        // A device that goes on is cut at the limit.
        let e = parse_json_file(shown, Path::new("/dev/zero"), 1024).unwrap_err();
        assert_eq!(
            e.to_string(),
            "claims/a.json: the input goes on over the limit of 1024 bytes"
        );
        // Also with a limit past the first buffer of a read as parsed.
        let e = parse_json_file(shown, Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(
            e.to_string(),
            "claims/a.json: the input goes on over the limit of 1048576 bytes"
        );

        // A folder and a missing file are I/O errors naming the file as the user knows it.
        let e = parse_json_file(shown, dir.path(), 1024).unwrap_err();
        assert!(e.to_string().starts_with("claims/a.json"), "{e}");
        let e = parse_json_file(shown, &dir.path().join("none"), 1024).unwrap_err();
        assert!(e.to_string().starts_with("claims/a.json"), "{e}");
    }

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
    fn a_streamed_claims_file_has_the_bytes_of_the_one_built_in_memory() {
        let text = "\u{201C}We will not \"back down,\u{201D} Sen. Ana Pérez said on Monday.\n\nThe bill costs $4.5 billion, officials said. \u{00E9}t\u{00E9}\tTabs.";
        let (_, fresh) = crate::extract::extract_claims(text, "r1", &Default::default());
        let (mut file, _) = crate::track::track(
            None,
            "news",
            "r1",
            fresh,
            &["r1".to_string()],
            crate::diff::DiffOptions::default(),
        );
        file.ledger_head = Some("ab".repeat(32));
        file.claims[0].note = Some("line one\nline two \u{1F600}".into());
        assert!(file.claims.len() >= 2);
        let mut streamed = Vec::new();
        crate::jsonout::write_claims_file(&mut streamed, &file).unwrap();
        assert_eq!(streamed, to_json_bytes(&file));
        let back: ClaimsFile = serde_json::from_slice(&streamed).unwrap();
        assert_eq!(back, file);
    }

    /// The claims file of a first extraction of `text` as article `news`, revision `r1`.
    fn first_file(text: &str) -> ClaimsFile {
        let (_, fresh) = crate::extract::extract_claims(text, "r1", &Default::default());
        crate::track::track(
            None,
            "news",
            "r1",
            fresh,
            &["r1".to_string()],
            crate::diff::DiffOptions::default(),
        )
        .0
    }

    #[test]
    fn a_file_recorded_as_its_claims_are_made_is_the_file_recorded_whole() {
        let whole = first_file(
            "Officials said the dam would open in May. It cost $2 billion, the ministry said. Officials said the dam would open in May.\n\n\u{201C}We will not back down,\u{201D} Sen. Ana P\u{e9}rez said.",
        );
        assert!(whole.claims.iter().any(|c| !c.repeats.is_empty()));
        // With a ledger line, so that the `ledger_head` record sets is in both files.
        let entry = || crate::ledger::Entry {
            time: "2026-11-29T10:00:00Z".to_string(),
            by: "t".to_string(),
            event: "review".to_string(),
            claim: whole.claims[0].id.clone(),
            sha256: whole.claims[0].sha256.clone(),
            supersedes: None,
            from: crate::model::Status::Unverified,
            to: crate::model::Status::Unverified,
            evidence: Vec::new(),
            note: None,
            prev: String::new(),
        };
        let recorded = |streamed: bool| {
            let dir = tempfile::tempdir().unwrap();
            Workspace::init(dir.path()).unwrap();
            let ws = Workspace::open(dir.path()).unwrap();
            let mut entries = [entry()];
            if streamed {
                let mut head = ClaimsFile {
                    claims: Vec::new(),
                    ..whole.clone()
                };
                ws.record_streamed(
                    &mut head,
                    &mut entries,
                    whole.claims.iter().cloned().map(Ok),
                )
                .unwrap();
                assert!(head.ledger_head.is_some());
            } else {
                ws.record(&mut whole.clone(), &mut entries).unwrap();
            }
            let bytes = fs::read(ws.claims_path("news")).unwrap();
            let ledger = ws.read_ledger("news").unwrap();
            // Nothing left behind: no journal, no temp file.
            let mut left: Vec<String> = fs::read_dir(dir.path().join(CLAIMS_DIR))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            left.sort();
            (bytes, ledger, left)
        };
        let (whole_bytes, whole_ledger, whole_left) = recorded(false);
        let (streamed_bytes, streamed_ledger, streamed_left) = recorded(true);
        assert_eq!(streamed_bytes, whole_bytes);
        assert_eq!(streamed_ledger, whole_ledger);
        assert_eq!(whole_left, ["news.json", "news.ledger.jsonl"]);
        assert_eq!(streamed_left, whole_left);
        let back: ClaimsFile = serde_json::from_slice(&streamed_bytes).unwrap();
        assert_eq!(back.claims, whole.claims);
        assert_eq!(
            back.ledger_head.as_deref(),
            whole_ledger
                .lines()
                .last()
                .map(crate::ledger::line_hash)
                .as_deref()
        );
    }

    #[test]
    fn a_claim_that_fails_to_be_made_fails_the_write_and_leaves_every_file() {
        let whole = first_file(
            "Officials said the dam would open in May. It cost $2 billion, the ministry said.",
        );
        let dir = tempfile::tempdir().unwrap();
        Workspace::init(dir.path()).unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        ws.record(&mut whole.clone(), &mut []).unwrap();
        let before = fs::read(ws.claims_path("news")).unwrap();
        let mut head = ClaimsFile {
            claims: Vec::new(),
            ..whole.clone()
        };
        let claims = [
            Ok(whole.claims[0].clone()),
            Err(std::io::Error::other(
                "what was set aside does not read back",
            )),
        ];
        let e = ws
            .record_streamed(&mut head, &mut [], claims)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("news.json") && e.contains("does not read back"),
            "{e}"
        );
        assert_eq!(fs::read(ws.claims_path("news")).unwrap(), before);
        let left: Vec<String> = fs::read_dir(dir.path().join(CLAIMS_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["news.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_spool_is_never_made_through_a_symlinked_claims_folder() {
        let dir = tempfile::tempdir().unwrap();
        Workspace::init(dir.path()).unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let mut spool = ws.spool("news").unwrap();
        use crate::track::Aside;
        let at = spool.keep(b"kept").unwrap();
        assert_eq!(spool.fetch(at, 4).unwrap(), b"kept");
        drop(spool);
        let outside = tempfile::tempdir().unwrap();
        fs::remove_dir_all(dir.path().join(CLAIMS_DIR)).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join(CLAIMS_DIR)).unwrap();
        let e = ws.spool("news").err().expect("refused").to_string();
        assert!(e.contains("symbolic link"), "{e}");
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_article_is_empty_exactly_when_its_normalized_text_is() {
        for text in [
            "",
            " ",
            "\t\n\u{0B}\u{0C}\r ",
            "\u{A0}\u{2003}\u{200B}\u{FEFF}\u{00AD}",
            "a",
            " .",
            "\u{0}",
            "\u{7F}",
            "\u{1F}\n",
            "\u{301}",
            "\u{200B}\u{301}",
            "e\u{301}",
            "\u{FEFF}x",
            "\u{3000}\u{2028}\u{2029}\u{85}",
            "é",
            "\u{FB01}",
        ] {
            let empty = crate::normalize::normalize_v1(text).is_empty();
            assert_eq!(
                decode_article(Path::new("a.txt"), text.as_bytes().to_vec()).is_err(),
                empty,
                "{text:?}"
            );
            if has_visible_ascii(text) {
                assert!(!empty, "{text:?}");
            }
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
        assert!(is_rfc3339("2024-02-29T23:59:59Z"));
        for bad in [
            "2024-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-00-10T00:00:00Z",
            "2024-05-00T00:00:00Z",
            "2024-05-16T25:00:00Z",
            "2024-05-16T08:60:00Z",
            "2024-05-16T08:00:61Z",
            "2024-05-16T08:00:00+24:00",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
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
