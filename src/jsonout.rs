//! Owns the fast JSON output path: claims and the documents made of them written by hand, byte
//! for byte what `serde_json::to_vec_pretty` writes for the same values.
//!
//! Claims are most of what claimtrail writes (a claims file, `inspect`, every change of `diff`
//! carries whole claims: 12 MB of JSON for a 1 MB article), and serde_json's pretty printer spent
//! 14% of `inspect` on them. This writer keeps serde_json's bytes exactly (two-space indent, `": "`,
//! `[]`/`{}` for empty containers, its escapes: the short ones, `\u00XX` in lower-case hex for
//! other control characters, everything else, DEL and U+2028/2029 included, as is; floats through
//! serde_json itself) and is only an output path: reading stays with the serde derives of
//! [`crate::model`], and `tests/jsonout.rs` compares the two on many claims. It must not grow a
//! second notion of a claim's shape: each writer destructures its type field by field, so a field
//! added to the model stops the build here until it is written.

use std::io::{self, Write};

use crate::model::{
    Anchor, Attribution, Claim, ClaimsFile, Evidence, SourceRef, StatusChange, Supersedes,
};

/// A streamed document goes to its sink in pieces of about this size.
const FLUSH_AT: usize = 1 << 16;

/// Which bytes need an escape, and which: serde_json's table (0 = copy as is).
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const HEX: &[u8; 16] = b"0123456789abcdef";
/// A line break and the indentation of up to 15 levels (claims sit at 2 to 4).
const NEWLINE_INDENT: [u8; 32] = {
    let mut t = [b' '; 32];
    t[0] = b'\n';
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the 8 bytes of `x` is a control character, `"` or `\`: the classic word tests
/// "some byte is below n" and "some byte is zero" (of `x` xor the byte looked for), both exact as
/// a yes or no (`& !x` leaves out bytes of 0x80 and above).
#[inline]
fn needs_escape(x: u64) -> bool {
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS;
    let control = below(x, 0x20);
    let quote = below(x ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(x ^ (ONES * u64::from(b'\\')), 1);
    (control | quote | backslash) != 0
}

/// Whether a string can be copied into JSON as it is.
#[inline]
fn is_clean(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        if needs_escape(u64::from_le_bytes(w.try_into().expect("8 bytes"))) {
            return false;
        }
    }
    words.remainder().iter().all(|&b| ESCAPE[b as usize] == 0)
}

/// A pretty JSON writer over a byte buffer, with serde_json's `PrettyFormatter` state: the depth
/// and whether the open container has a value yet.
#[derive(Debug, Default)]
pub struct Pretty {
    buf: Vec<u8>,
    depth: usize,
    has_value: bool,
}

impl Pretty {
    pub fn new() -> Self {
        Pretty::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        Pretty {
            buf: Vec::with_capacity(n),
            ..Pretty::default()
        }
    }

    /// The bytes written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// Hand what is buffered to `w` once it is [`FLUSH_AT`] or more (call between values).
    pub fn flush_if_full(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush(w)?;
        }
        Ok(())
    }

    /// Hand everything buffered to `w`.
    pub fn flush(&mut self, w: &mut dyn Write) -> io::Result<()> {
        w.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// A raw byte (a document's closing newline).
    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    /// A line break and the indentation of the depth. Copied as one fixed-size block and cut to
    /// length: a constant-size copy is a few stores, a sized one a call to `memcpy`.
    #[inline(always)]
    fn newline(&mut self) {
        let n = 1 + self.depth * 2;
        if n <= NEWLINE_INDENT.len() {
            let len = self.buf.len();
            self.buf.extend_from_slice(&NEWLINE_INDENT);
            self.buf.truncate(len + n);
        } else {
            self.buf.push(b'\n');
            self.buf.resize(self.buf.len() + n - 1, b' ');
        }
    }

    pub fn begin_object(&mut self) {
        self.buf.push(b'{');
        self.depth += 1;
        self.has_value = false;
    }

    pub fn end_object(&mut self) {
        self.close(b'}');
    }

    pub fn begin_array(&mut self) {
        self.buf.push(b'[');
        self.depth += 1;
        self.has_value = false;
    }

    pub fn end_array(&mut self) {
        self.close(b']');
    }

    #[inline]
    fn close(&mut self, c: u8) {
        self.depth -= 1;
        if self.has_value {
            self.newline();
        }
        self.buf.push(c);
        self.has_value = true;
    }

    /// The next key of the open object; `k` is written as is (keys are plain identifiers).
    /// Inlined at every call, so that the key's copy has a constant size.
    #[inline(always)]
    pub fn key(&mut self, k: &str) {
        debug_assert!(k.bytes().all(|b| ESCAPE[b as usize] == 0));
        if self.has_value {
            self.buf.push(b',');
        }
        self.newline();
        self.buf.push(b'"');
        self.buf.extend_from_slice(k.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    /// The start of the next element of the open array.
    #[inline(always)]
    pub fn element(&mut self) {
        if self.has_value {
            self.buf.push(b',');
        }
        self.newline();
    }

    /// A string, escaped as serde_json escapes it. Most strings have nothing to escape: they are
    /// checked eight bytes at a time and copied whole.
    pub fn str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.buf.reserve(bytes.len() + 2);
        self.buf.push(b'"');
        if is_clean(bytes) {
            self.buf.extend_from_slice(bytes);
        } else {
            self.escaped(bytes);
        }
        self.buf.push(b'"');
        self.has_value = true;
    }

    /// The contents of a string with something to escape: the runs between escapes copied whole.
    #[cold]
    fn escaped(&mut self, bytes: &[u8]) {
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let e = ESCAPE[b as usize];
            if e == 0 {
                continue;
            }
            self.buf.extend_from_slice(&bytes[start..i]);
            if e == b'u' {
                self.buf.extend_from_slice(b"\\u00");
                self.buf.push(HEX[(b >> 4) as usize]);
                self.buf.push(HEX[(b & 0xF) as usize]);
            } else {
                self.buf.push(b'\\');
                self.buf.push(e);
            }
            start = i + 1;
        }
        self.buf.extend_from_slice(&bytes[start..]);
    }

    /// A string known to need no escape (the wire name of an enum value).
    pub fn name(&mut self, s: &'static str) {
        debug_assert!(is_clean(s.as_bytes()));
        self.buf.reserve(s.len() + 2);
        self.buf.push(b'"');
        self.buf.extend_from_slice(s.as_bytes());
        self.buf.push(b'"');
        self.has_value = true;
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    pub fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
        self.has_value = true;
    }

    pub fn bool(&mut self, v: bool) {
        self.buf
            .extend_from_slice(if v { b"true" as &[u8] } else { b"false" });
        self.has_value = true;
    }

    pub fn uint(&mut self, mut v: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&digits[at..]);
        self.has_value = true;
    }

    /// A float as serde_json writes it (shortest round-trip digits; `null` when not finite),
    /// by serde_json itself: floats are rare here (one similarity per change).
    pub fn f64(&mut self, v: f64) {
        serde_json::to_writer(&mut self.buf, &v).expect("a Vec takes any bytes");
        self.has_value = true;
    }

    /// An array of strings.
    pub fn strs<'a, S, I>(&mut self, items: I)
    where
        S: AsRef<str> + ?Sized + 'a,
        I: IntoIterator<Item = &'a S>,
    {
        self.begin_array();
        for s in items {
            self.element();
            self.str(s.as_ref());
        }
        self.end_array();
    }

    /// An array of unit enums by their wire names (flags, check reasons).
    pub fn names<T: Copy>(&mut self, items: &[T], name: impl Fn(T) -> &'static str) {
        self.begin_array();
        for &t in items {
            self.element();
            self.name(name(t));
        }
        self.end_array();
    }

    /// A claim: [`Claim`]'s serde output (`repeats` only when the text repeats).
    pub fn claim(&mut self, c: &Claim) {
        let Claim {
            id,
            sha256,
            text,
            attribution,
            hedges,
            figures,
            negated,
            checkable,
            checkable_why,
            anchor,
            repeats,
            first_seen,
            last_seen,
            seen_in,
            present,
            status,
            evidence,
            note,
            supersedes,
            superseded_by,
            history,
        } = c;
        self.begin_object();
        self.key("id");
        self.str(id);
        self.key("sha256");
        self.str(sha256);
        self.key("text");
        self.str(text);
        self.key("attribution");
        self.attribution(attribution);
        self.key("hedges");
        self.strs(hedges.iter());
        self.key("figures");
        self.strs(figures.iter());
        self.key("negated");
        self.bool(*negated);
        self.key("checkable");
        self.bool(*checkable);
        self.key("checkable_why");
        self.names(checkable_why, |r| r.as_str());
        self.key("anchor");
        self.anchor(anchor);
        if !repeats.is_empty() {
            self.key("repeats");
            self.begin_array();
            for a in repeats.iter() {
                self.element();
                self.anchor(a);
            }
            self.end_array();
        }
        self.key("first_seen");
        self.str(first_seen);
        self.key("last_seen");
        self.str(last_seen);
        self.key("seen_in");
        self.strs(seen_in.iter());
        self.key("present");
        self.bool(*present);
        self.key("status");
        self.str(status.as_str());
        self.key("evidence");
        self.begin_array();
        for e in evidence.iter() {
            self.element();
            self.evidence(e);
        }
        self.end_array();
        self.key("note");
        self.opt_str(note.as_deref());
        self.key("supersedes");
        match supersedes.as_ref() {
            Some(s) => self.supersedes(s),
            None => self.null(),
        }
        self.key("superseded_by");
        self.strs(superseded_by.iter());
        self.key("history");
        self.begin_array();
        for h in history.iter() {
            self.element();
            self.status_change(h);
        }
        self.end_array();
        self.end_object();
    }

    fn attribution(&mut self, a: &Attribution) {
        let Attribution { kind, cue, sources } = a;
        self.begin_object();
        self.key("kind");
        self.name(kind.as_str());
        self.key("cue");
        self.opt_str(cue.as_deref());
        self.key("sources");
        self.begin_array();
        for s in sources.iter() {
            let SourceRef { id, phrase } = s;
            self.element();
            self.begin_object();
            self.key("id");
            self.opt_str(id.as_deref());
            self.key("phrase");
            self.str(phrase);
            self.end_object();
        }
        self.end_array();
        self.end_object();
    }

    fn anchor(&mut self, a: &Anchor) {
        let Anchor {
            rev,
            start,
            end,
            prefix,
            suffix,
        } = a;
        self.begin_object();
        self.key("rev");
        self.str(rev);
        self.key("start");
        self.uint(*start as u64);
        self.key("end");
        self.uint(*end as u64);
        self.key("prefix");
        self.str(prefix);
        self.key("suffix");
        self.str(suffix);
        self.end_object();
    }

    fn evidence(&mut self, e: &Evidence) {
        let Evidence { url, note } = e;
        self.begin_object();
        self.key("url");
        self.opt_str(url.as_deref());
        self.key("note");
        self.opt_str(note.as_deref());
        self.end_object();
    }

    fn supersedes(&mut self, s: &Supersedes) {
        let Supersedes {
            id,
            rev,
            flags,
            similarity,
        } = s;
        self.begin_object();
        self.key("id");
        self.str(id);
        self.key("rev");
        self.str(rev);
        self.key("flags");
        self.names(flags, |f| f.as_str());
        self.key("similarity");
        self.f64(*similarity);
        self.end_object();
    }

    fn status_change(&mut self, h: &StatusChange) {
        let StatusChange {
            rev,
            from,
            to,
            reason,
        } = h;
        self.begin_object();
        self.key("rev");
        self.str(rev);
        self.key("from");
        self.str(from.as_str());
        self.key("to");
        self.str(to.as_str());
        self.key("reason");
        self.str(reason);
        self.end_object();
    }

    /// An array of claims, in memory.
    pub fn claims<'a>(&mut self, claims: impl IntoIterator<Item = &'a Claim>) {
        self.begin_array();
        for c in claims {
            self.element();
            self.claim(c);
        }
        self.end_array();
    }

    /// An array of claims, handed to `w` in pieces as it grows.
    pub fn claims_streamed<'a>(
        &mut self,
        w: &mut dyn Write,
        claims: impl IntoIterator<Item = &'a Claim>,
    ) -> io::Result<()> {
        self.begin_array();
        for c in claims {
            self.element();
            self.claim(c);
            self.flush_if_full(w)?;
        }
        self.end_array();
        Ok(())
    }
}

/// A claim's JSON: `serde_json::to_vec_pretty(claim)`.
pub fn claim_bytes(c: &Claim) -> Vec<u8> {
    let mut p = Pretty::with_capacity(2048);
    p.claim(c);
    p.into_bytes()
}

/// A claims file's bytes as [`crate::store::to_json_bytes`] gives them (trailing newline
/// included), written to `w` in pieces.
pub fn write_claims_file(w: &mut dyn Write, f: &ClaimsFile) -> io::Result<()> {
    let mut out = ClaimsFileWriter::begin(f);
    for c in &f.claims {
        out.claim(w, c)?;
    }
    out.finish(w)
}

/// A claims file written claim by claim: its head (every field of `f` but `claims`), then each
/// claim as it is handed over, then the tail; the bytes of [`write_claims_file`] for a file
/// holding those claims, which it is written with, so the two cannot drift apart. A caller that
/// makes its claims one at a time (`extract` of a new article) never holds them all.
#[derive(Debug)]
pub struct ClaimsFileWriter {
    p: Pretty,
}

impl ClaimsFileWriter {
    /// The head of `f`, up to the opening `[` of `claims` (`f.claims` is not written).
    pub fn begin(f: &ClaimsFile) -> Self {
        let ClaimsFile {
            schema_url,
            schema,
            normalization,
            article,
            revision,
            ledger_head,
            claims: _,
        } = f;
        let mut p = Pretty::with_capacity(FLUSH_AT + 8192);
        p.begin_object();
        p.key("$schema");
        p.str(schema_url);
        p.key("schema");
        p.uint(u64::from(*schema));
        p.key("normalization");
        p.str(normalization);
        p.key("article");
        p.str(article);
        p.key("revision");
        p.str(revision);
        p.key("ledger_head");
        p.opt_str(ledger_head.as_deref());
        p.key("claims");
        p.begin_array();
        ClaimsFileWriter { p }
    }

    /// A writer of the claims alone, for a file whose head is not known until its claims were
    /// written (a verdict learns the statuses it changes while it writes the claims): what it
    /// writes, up to and with [`ClaimsFileWriter::finish`], goes after [`head_bytes`] of the
    /// file. The two together are the bytes of [`write_claims_file`].
    pub fn body() -> Self {
        // Where `begin` leaves it: inside the file's object and its `claims` array, which is
        // empty so far.
        ClaimsFileWriter {
            p: Pretty {
                buf: Vec::with_capacity(FLUSH_AT + 8192),
                depth: 2,
                has_value: false,
            },
        }
    }

    /// The next claim, handed to `w` once [`FLUSH_AT`] bytes are buffered.
    pub fn claim(&mut self, w: &mut dyn Write, c: &Claim) -> io::Result<()> {
        self.p.element();
        self.p.claim(c);
        self.p.flush_if_full(w)
    }

    /// The end of the array and of the file, and its closing newline; everything to `w`.
    pub fn finish(mut self, w: &mut dyn Write) -> io::Result<()> {
        self.p.end_array();
        self.p.end_object();
        self.p.byte(b'\n');
        self.p.flush(w)
    }
}

/// The head of a claims file: what [`ClaimsFileWriter::begin`] writes, up to the opening `[` of
/// its claims (`f.claims` is not written).
pub fn head_bytes(f: &ClaimsFile) -> Vec<u8> {
    ClaimsFileWriter::begin(f).p.into_bytes()
}

/// [`write_claims_file`] into memory.
pub fn claims_file_bytes(f: &ClaimsFile) -> Vec<u8> {
    let mut out = Vec::new();
    write_claims_file(&mut out, f).expect("a Vec takes any bytes");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> Vec<u8> {
        let mut p = Pretty::new();
        p.str(s);
        p.into_bytes()
    }

    #[test]
    fn the_word_test_is_exact_for_every_byte_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut x = [b'a'; 8];
                x[lane] = b;
                assert_eq!(
                    needs_escape(u64::from_le_bytes(x)),
                    ESCAPE[b as usize] != 0,
                    "byte {b:#04x} in lane {lane}"
                );
                // Among bytes of multi-byte characters.
                let mut y = [0xE2u8; 8];
                y[lane] = b;
                assert_eq!(needs_escape(u64::from_le_bytes(y)), ESCAPE[b as usize] != 0);
            }
        }
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let mut all = String::new();
        for c in (0u8..0x80).map(char::from) {
            all.push(c);
        }
        all.push_str("\u{2028}\u{2029}é😀\"\\");
        for s in [
            "",
            "plain",
            "a\"b",
            "x\\",
            "\u{7f}",
            "tab\there",
            &all,
            &all.repeat(3),
        ] {
            assert_eq!(escaped(s), serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        // One byte to escape at every place of strings of every length around the word size.
        for len in 1..=20 {
            for at in 0..len {
                for b in [0u8, 0x1f, b'"', b'\\', b'\n', 0x7f] {
                    let mut v = vec![b'x'; len];
                    v[at] = b;
                    let s = String::from_utf8(v).unwrap();
                    assert_eq!(escaped(&s), serde_json::to_vec(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn numbers_as_serde_json_writes_them() {
        for v in [0u64, 7, 10, 99, 100, 12345, u64::from(u32::MAX), u64::MAX] {
            let mut p = Pretty::new();
            p.uint(v);
            assert_eq!(p.into_bytes(), v.to_string().into_bytes());
        }
        for v in [0.1, 1e-7, 1.0, 1.0 / 3.0, 0.985, f64::NAN, f64::INFINITY] {
            let mut p = Pretty::new();
            p.f64(v);
            assert_eq!(p.into_bytes(), serde_json::to_vec(&v).unwrap());
        }
    }
}
