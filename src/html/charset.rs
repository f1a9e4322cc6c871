//! Owns turning a web page's bytes into UTF-8: the byte-order mark, the HTTP header's charset,
//! the page's own `<meta charset>`, then UTF-8 or the web's default, Windows-1252.
//!
//! Pure: bytes in, text or a [`DecodeError`] out. The `<meta>` declaration is read with a real
//! HTML parser over the first 1024 bytes (as the HTML standard's prescan looks only there).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How much of the page the `<meta charset>` declaration must fall within.
const PRESCAN_BYTES: usize = 1024;

/// A page decoded to UTF-8, and the encoding it was read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
}

/// Why a page cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(
        "the page is not valid {encoding} (as {declared}): a malformed byte sequence at offset {offset}"
    )]
    Malformed {
        encoding: &'static str,
        declared: &'static str,
        offset: usize,
    },
}

/// Decode `bytes` as a web page. `http_charset` is the `charset` parameter of the HTTP
/// `Content-Type`, when the page came over HTTP.
///
/// Precedence follows the HTML standard: a byte-order mark, then the HTTP header, then the
/// page's `<meta>` declaration; a page that declares nothing is UTF-8 when it is valid UTF-8 and
/// Windows-1252 (which decodes any byte) otherwise. A page that declares an encoding its bytes
/// do not follow is an error, never silently mangled text.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom..], "declared by its byte-order mark", bom);
    }
    if let Some(enc) = http_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        return strict(fix_meta(enc), bytes, "declared by the HTTP header", 0);
    }
    if let Some(enc) = meta_charset(bytes) {
        return match strict(enc, bytes, "declared by the page's <meta> tag", 0) {
            // A page saved or converted to UTF-8 often keeps its old declaration: valid UTF-8
            // that the declared encoding cannot decode is UTF-8.
            Err(e) => match std::str::from_utf8(bytes) {
                Ok(s) => Ok(Decoded {
                    text: s.to_string(),
                    encoding: UTF_8.name(),
                }),
                Err(_) => Err(e),
            },
            ok => ok,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
        }),
        Err(_) => strict(WINDOWS_1252, bytes, "the web's default", 0),
    }
}

fn strict(
    enc: &'static Encoding,
    bytes: &[u8],
    declared: &'static str,
    skipped: usize,
) -> Result<Decoded, DecodeError> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        }),
        None => Err(DecodeError::Malformed {
            encoding: enc.name(),
            declared,
            offset: skipped + malformed_offset(enc, bytes),
        }),
    }
}

/// The offset of the first byte the decoder rejects.
fn malformed_offset(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
        (encoding_rs::DecoderResult::Malformed(bad, pending), read) => {
            read.saturating_sub(usize::from(bad) + usize::from(pending))
        }
        (_, read) => read,
    }
}

/// A `<meta>` declaration that names UTF-16 means UTF-8 (the page could not have been parsed as
/// ASCII otherwise), and x-user-defined means Windows-1252, as the HTML standard says.
fn fix_meta(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    }
}

/// The encoding named by `<meta charset>` or `<meta http-equiv="content-type" content="...;
/// charset=...">` in the first 1024 bytes. The prefix is read as Windows-1252, which keeps every
/// ASCII byte (all that a declaration uses) where it was.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let (prefix, _) = WINDOWS_1252.decode_without_bom_handling(head);
    let doc = dom_query::Document::from(prefix.as_ref());
    for meta in doc.select("meta").nodes() {
        let label = match meta.attr("charset") {
            Some(c) => Some(c.to_string()),
            None => meta
                .attr("http-equiv")
                .filter(|h| h.trim().eq_ignore_ascii_case("content-type"))
                .and_then(|_| meta.attr("content"))
                .and_then(|c| charset_param(&c)),
        };
        if let Some(enc) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            return Some(fix_meta(enc));
        }
    }
    None
}

/// The `charset` parameter of a media type such as `text/html; charset="ISO-8859-1"`.
pub fn charset_param(media_type: &str) -> Option<String> {
    media_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_without_declaration() {
        let d = decode("<p>café</p>".as_bytes(), None).unwrap();
        assert_eq!(d.text, "<p>café</p>");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn latin1_meta_and_header() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><p>caf\xe9 \x93quoted\x94</p>";
        let d = decode(page, None).unwrap();
        // ISO-8859-1 is Windows-1252 on the web: 0x93/0x94 are curly quotes.
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("café “quoted”"), "{}", d.text);
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>na\xefve</p>";
        assert!(decode(page, None).unwrap().text.contains("naïve"));
        // The HTTP header wins over the page.
        let page = b"<meta charset=\"utf-8\"><p>caf\xe9</p>";
        assert!(decode(page, Some("latin1")).unwrap().text.contains("café"));
    }

    #[test]
    fn undeclared_non_utf8_falls_back_to_windows_1252() {
        let d = decode(b"<p>caf\xe9</p>", None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "<p>café</p>");
    }

    #[test]
    fn bom_wins_and_is_dropped() {
        let d = decode(b"\xef\xbb\xbf<p>hi</p>", Some("latin1")).unwrap();
        assert_eq!(d.text, "<p>hi</p>");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>é</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, None).unwrap().text, "<p>é</p>");
    }

    #[test]
    fn valid_utf8_under_a_stale_declaration_is_utf8() {
        let page = "<meta charset=\"gbk\"><p>a “</p>";
        let d = decode(page.as_bytes(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (page, "UTF-8"));
    }

    #[test]
    fn declared_utf8_with_bad_bytes_is_an_error() {
        let err = decode(b"<meta charset=utf-8><p>ab\xffcd</p>", None).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Malformed {
                encoding: "UTF-8",
                declared: "declared by the page's <meta> tag",
                offset: 25
            }
        );
        assert!(err.to_string().contains("offset 25"));
    }

    #[test]
    fn charset_parameter() {
        assert_eq!(
            charset_param("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
