//! Owns what reaches a terminal: control characters from articles are shown, never obeyed.
//!
//! An article is hostile input: an ESC or OSC sequence in its text, printed raw, could retitle
//! the user's terminal, clear it or rewrite what it shows. Human, Markdown and GitHub output
//! (and error messages) pass through `escape_controls`, which writes every C0 and C1 control
//! character but newline and tab as a visible `\x1b`-style escape. Only the colour sequences
//! claimtrail itself writes (SGR, `ESC [ digits ; m`) pass, and only when colour is on.

use std::borrow::Cow;
use std::io::Write;

/// `s` with control characters escaped; SGR colour sequences kept when `keep_sgr`.
pub(crate) fn escape_controls(s: &str, keep_sgr: bool) -> Cow<'_, str> {
    let is_control =
        |c: char| (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c);
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if keep_sgr && c == '\x1b' {
            let body = &rest[1..];
            if let Some(params) = body.strip_prefix('[') {
                let n = params
                    .bytes()
                    .take_while(|b| b.is_ascii_digit() || *b == b';')
                    .count();
                if params.as_bytes().get(n) == Some(&b'm') {
                    let len = 2 + n + 1;
                    out.push_str(&rest[..len]);
                    rest = &rest[len..];
                    continue;
                }
            }
        }
        if is_control(c) {
            if (c as u32) < 0x100 {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// A writer that applies [`escape_controls`] on the way to `inner`, for output streamed rather
/// than returned whole: the bytes that reach `inner` are those of `escape_controls` of
/// everything written, however the writes cut it. A write may end inside a character or inside
/// what may still become a colour sequence (`ESC`, `ESC [`, `ESC [ 1 ;`); that tail waits for the
/// next write, or for [`EscapeControls::finish`], which decides it as the end of the text.
pub(crate) struct EscapeControls<W: Write> {
    inner: W,
    keep_sgr: bool,
    pending: Vec<u8>,
}

impl<W: Write> EscapeControls<W> {
    pub(crate) fn new(inner: W, keep_sgr: bool) -> Self {
        EscapeControls {
            inner,
            keep_sgr,
            pending: Vec::new(),
        }
    }

    /// Write out what still waits (as the end of the text) and flush `inner`.
    pub(crate) fn finish(mut self) -> std::io::Result<W> {
        let tail = std::mem::take(&mut self.pending);
        let s = std::str::from_utf8(&tail)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
        self.inner
            .write_all(escape_controls(s, self.keep_sgr).as_bytes())?;
        self.inner.flush()?;
        Ok(self.inner)
    }

    /// Escape and write the decided part of `buf`; return how many of its bytes wait.
    fn emit(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let valid = match std::str::from_utf8(buf) {
            Ok(s) => s,
            Err(e) if e.error_len().is_none() => {
                // The bytes after `valid_up_to` begin a character the next write completes.
                std::str::from_utf8(&buf[..e.valid_up_to()]).expect("valid up to there")
            }
            Err(e) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    e.to_string(),
                ));
            }
        };
        let mut cut = valid.len();
        if self.keep_sgr
            && let Some(esc) = valid.rfind('\x1b')
        {
            // An ESC whose parameters run to the end may still be one of our colour sequences:
            // only the next bytes say (an ESC earlier than it is decided by then, since the
            // ESC stops its parameters).
            let rest = &valid.as_bytes()[esc + 1..];
            let open = match rest.split_first() {
                None => true,
                Some((b'[', params)) => params.iter().all(|b| b.is_ascii_digit() || *b == b';'),
                Some(_) => false,
            };
            if open {
                cut = esc;
            }
        }
        self.inner
            .write_all(escape_controls(&valid[..cut], self.keep_sgr).as_bytes())?;
        Ok(buf.len() - cut)
    }
}

impl<W: Write> Write for EscapeControls<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            let wait = self.emit(buf)?;
            self.pending.extend_from_slice(&buf[buf.len() - wait..]);
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            let wait = self.emit(&joined)?;
            joined.drain(..joined.len() - wait);
            self.pending = joined;
        }
        Ok(buf.len())
    }

    /// Flushes `inner`; a tail that waits stays (only the next write or `finish` decides it).
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(escape_controls("plain\n\ttext", false), "plain\n\ttext");
        assert_eq!(
            escape_controls("a\x1b]0;pwned\x07b\x1b[2Jc\r\u{9b}31m", false),
            "a\\x1b]0;pwned\\x07b\\x1b[2Jc\\x0d\\x9b31m"
        );
        // Colour kept only when asked, and only SGR.
        assert_eq!(
            escape_controls("\x1b[31mred\x1b[0m", true),
            "\x1b[31mred\x1b[0m"
        );
        assert_eq!(escape_controls("\x1b[31mred", false), "\\x1b[31mred");
        assert_eq!(escape_controls("\x1b[2J", true), "\\x1b[2J");
        assert_eq!(
            escape_controls("\x1b]8;;x\x1b\\", true),
            "\\x1b]8;;x\\x1b\\"
        );
    }

    /// Every cut of every text into two or three writes gives the bytes of the whole text.
    #[test]
    fn streamed_escaping_is_the_escaping_of_the_whole() {
        let texts = [
            "plain text, no controls\n",
            "a\x1b]0;pwned\x07b\x1b[2Jc\r\u{9b}31m",
            "\x1b[31mred\x1b[0m \x1b[1;4mbold\x1b[0m\x1b[",
            "\x1b[12;\x1b[31mx\x1b\x1b[m\u{e9}t\u{e9} \u{2014} \u{1F600}\x1b[3",
            "\x1b",
        ];
        for text in texts {
            let b = text.as_bytes();
            for keep in [false, true] {
                let whole = escape_controls(text, keep).into_owned();
                for i in 0..=b.len() {
                    for j in i..=b.len() {
                        let mut w = EscapeControls::new(Vec::new(), keep);
                        w.write_all(&b[..i]).unwrap();
                        w.write_all(&b[i..j]).unwrap();
                        w.write_all(&b[j..]).unwrap();
                        let out = String::from_utf8(w.finish().unwrap()).unwrap();
                        assert_eq!(out, whole, "{text:?} cut at {i}, {j}, keep {keep}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_broken_stream_is_an_error_not_garbage() {
        let mut w = EscapeControls::new(Vec::new(), false);
        assert!(w.write_all(b"ok \xff").is_err());
        let mut w = EscapeControls::new(Vec::new(), false);
        w.write_all(b"cut \xc3").unwrap();
        assert!(w.finish().is_err());
    }
}
