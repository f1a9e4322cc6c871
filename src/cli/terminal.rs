//! Owns what reaches a terminal: control characters from articles are shown, never obeyed.
//!
//! An article is hostile input: an ESC or OSC sequence in its text, printed raw, could retitle
//! the user's terminal, clear it or rewrite what it shows. Human, Markdown and GitHub output
//! (and error messages) pass through `escape_controls`, which writes every C0 and C1 control
//! character but newline and tab as a visible `\x1b`-style escape. Only the colour sequences
//! claimtrail itself writes (SGR, `ESC [ digits ; m`) pass, and only when colour is on.

use std::borrow::Cow;

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
}
