//! Owns reading an input's bytes into the article text claimtrail stores: HTML pages through
//! [`crate::html`], plain text as it is, and the provenance ([`Capture`]) of what was read.
//!
//! Pure: bytes and response metadata in, text and provenance out. HTML is told from plain text
//! by its content (and the HTTP `Content-Type` for a fetched page), never by a file extension.

use std::path::Path;

use crate::error::{Error, Result};
use crate::fetch::Fetched;
use crate::hash::Sha256Hash;
use crate::html::{self, Article};
use crate::model::{Capture, Extractor};

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Text,
}

/// An input read into article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub kind: Kind,
    /// The text claimtrail reads claims from (for HTML: headline, then paragraphs).
    pub text: String,
    /// The page's metadata, for HTML.
    pub article: Option<Article>,
    /// The encoding the bytes were decoded with.
    pub charset: &'static str,
    /// The media type the input was read as.
    pub content_type: String,
}

/// The extractor recorded for plain text: the bytes are the text.
pub const PLAIN_TEXT_EXTRACTOR: &str = "plain-text";

/// Read `bytes` from `origin` (a path or URL, for messages). `content_type` is the HTTP header of
/// a fetched page; `url` resolves the page's relative links.
pub fn read(
    origin: &str,
    bytes: Vec<u8>,
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Reading> {
    let media = content_type.map(|ct| {
        ct.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    let declared_html = matches!(
        media.as_deref(),
        Some("text/html" | "application/xhtml+xml")
    );
    if let Some(m) = media.as_deref()
        && !declared_html
        && !m.starts_with("text/")
        && !m.is_empty()
    {
        return Err(Error::Page {
            origin: origin.to_string(),
            message: format!("the content type is {m}, not an HTML page or text"),
        });
    }
    if declared_html || html::looks_like_html(&bytes) {
        let charset = content_type.and_then(html::charset_param);
        let decoded = html::decode(&bytes, charset.as_deref()).map_err(|e| Error::Page {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        let article = html::extract(&decoded.text, url).map_err(|e| Error::Page {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        if crate::normalize::normalize_v1(&article.text).is_empty() {
            return Err(Error::Page {
                origin: origin.to_string(),
                message: html::ExtractError::NoText.to_string(),
            });
        }
        return Ok(Reading {
            kind: Kind::Html,
            text: article.text.clone(),
            article: Some(article),
            charset: decoded.encoding,
            content_type: media.unwrap_or_else(|| "text/html".to_string()),
        });
    }
    let text = crate::store::decode_article(Path::new(origin), bytes)?;
    Ok(Reading {
        kind: Kind::Text,
        text,
        article: None,
        charset: "UTF-8",
        content_type: media.unwrap_or_else(|| "text/plain".to_string()),
    })
}

/// The provenance of a reading of `raw`; `fetched` (with the URL asked for and the fetch time)
/// when it came over HTTP. The capture's `file` is where the store keeps the raw bytes.
pub fn provenance(
    raw: &[u8],
    reading: &Reading,
    fetched: Option<(&str, &Fetched, &str)>,
) -> Capture {
    let sha256 = Sha256Hash::of_bytes(raw).to_string();
    let extractor = match reading.kind {
        Kind::Html => Extractor {
            name: html::EXTRACTOR_NAME.to_string(),
            version: html::EXTRACTOR_VERSION.to_string(),
        },
        Kind::Text => Extractor {
            name: PLAIN_TEXT_EXTRACTOR.to_string(),
            version: "1".to_string(),
        },
    };
    Capture {
        file: capture_file_name(&sha256),
        sha256,
        bytes: raw.len() as u64,
        content_type: reading.content_type.clone(),
        charset: reading.charset.to_string(),
        url: fetched.map(|(url, _, _)| url.to_string()),
        final_url: fetched.map(|(_, f, _)| f.final_url.clone()),
        http_status: fetched.map(|(_, f, _)| f.status),
        fetched_at: fetched.map(|(_, _, at)| at.to_string()),
        etag: fetched.and_then(|(_, f, _)| f.etag.clone()),
        last_modified: fetched.and_then(|(_, f, _)| f.last_modified.clone()),
        extractor,
    }
}

/// Raw captures are named by their content, so one is never overwritten by another.
pub fn capture_file_name(sha256: &str) -> String {
    format!("captures/{sha256}.gz")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_detected_by_content_not_name() {
        let page = b"<!doctype html><html lang=en><head><title>T</title></head><body><article><h1>T</h1><p>The minister said the plan would work.</p></article></body></html>".to_vec();
        let r = read("notes.txt", page, None, None).unwrap();
        assert_eq!(r.kind, Kind::Html);
        assert_eq!(r.text, "T\n\nThe minister said the plan would work.\n");
        let r = read("page.html", b"Plain words.\n".to_vec(), None, None).unwrap();
        assert_eq!(r.kind, Kind::Text);
        assert_eq!(r.text, "Plain words.\n");
    }

    #[test]
    fn non_text_content_types_are_refused() {
        let e = read(
            "https://x.test/a",
            b"%PDF-1.4".to_vec(),
            Some("application/pdf"),
            None,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "https://x.test/a: the content type is application/pdf, not an HTML page or text"
        );
    }
}
