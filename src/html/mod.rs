//! Owns reading web pages: telling HTML from plain text, decoding its charset, and extracting
//! the article (headline, then paragraphs) without the page's furniture.
//!
//! Pure: bytes or markup in, an [`Article`] out; no I/O, no printing. The article body is found
//! by `dom_smoothie` (a maintained port of Mozilla's Readability on the html5ever parser);
//! [`text`] turns the body it finds into claimtrail's plain text and drops what is still
//! furniture (share buttons, related links, captions, advertisements, cookie notices).

pub mod charset;
pub mod text;

pub use charset::{DecodeError, Decoded, charset_param, decode};

/// The extractor's name, recorded with every capture.
pub const EXTRACTOR_NAME: &str = "claimtrail-html";
/// The extractor's version: claimtrail's own rules, then the readability crate it runs on.
/// Bump the first number whenever [`text`] changes what it keeps.
pub const EXTRACTOR_VERSION: &str = "1+dom_smoothie-0.19";

/// An article read from a web page. Fields the page does not give are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The publication time as the page states it (usually ISO 8601).
    pub published: Option<String>,
    /// The page's language tag (`en`, `en-GB`).
    pub language: Option<String>,
    /// The headline, then the paragraphs, separated by blank lines, ending with a newline.
    pub text: String,
}

/// Why a page gives no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("no article text found in the page")]
    NoText,
}

/// Does `bytes` begin like an HTML document? The test of the WHATWG MIME sniffing standard
/// (`<!DOCTYPE HTML`, `<html`, `<head`, `<body`, `<p`, `<div`, `<!--`, ... after white space,
/// then a space or `>`), after a byte-order mark and an XML declaration. A file's extension is
/// never consulted.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    const TAGS: [&[u8]; 17] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<!--",
    ];
    let mut rest = bytes;
    for bom in [&b"\xef\xbb\xbf"[..], b"\xff\xfe", b"\xfe\xff"] {
        if let Some(r) = rest.strip_prefix(bom) {
            if bom.len() == 2 {
                // UTF-16: look at the ASCII bytes only.
                let ascii: Vec<u8> = r.iter().copied().filter(|&b| b != 0).collect();
                return looks_like_html(&ascii);
            }
            rest = r;
        }
    }
    let skip_ws =
        |r: &[u8]| -> usize { r.iter().take_while(|b| b" \t\n\x0c\r".contains(b)).count() };
    rest = &rest[skip_ws(rest)..];
    if starts_with_ci(rest, b"<?xml") {
        let Some(end) = rest.windows(2).position(|w| w == b"?>") else {
            return false;
        };
        rest = &rest[end + 2..];
        rest = &rest[skip_ws(rest)..];
    }
    TAGS.iter().any(|tag| {
        starts_with_ci(rest, tag)
            && (tag == b"<!--"
                || matches!(
                    rest.get(tag.len()),
                    Some(b' ' | b'>' | b'\t' | b'\n' | b'\r')
                ))
    })
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Extract the article from a decoded page. `url` is where the page came from (it resolves
/// relative links; it never changes what text is kept).
pub fn extract(html: &str, url: Option<&str>) -> Result<Article, ExtractError> {
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let doc = dom_query::Document::from(html);
    let language = doc
        .select("html")
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let h1s: Vec<String> = doc
        .select("h1")
        .nodes()
        .iter()
        .map(|h| text::collapse(&h.text()))
        .filter(|h| !h.is_empty())
        .collect();
    // Class names stay on the body readability returns, for the furniture rules in `text`.
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..Default::default()
    };
    let readable = dom_smoothie::Readability::with_document(doc, url, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (title, byline, published, paragraphs) = match readable {
        Some(a) => {
            let paragraphs = text::paragraphs(&dom_query::Document::from(a.content.as_ref()));
            (
                Some(a.title.trim().to_string()),
                a.byline,
                a.published_time,
                paragraphs,
            )
        }
        None => {
            // Readability found no main block: keep the whole body, less its furniture.
            let doc = dom_query::Document::from(html);
            let title = doc.select("title").text().trim().to_string();
            (Some(title), None, None, text::paragraphs(&doc))
        }
    };
    let clean = |s: Option<String>| s.map(|s| text::collapse(&s)).filter(|s| !s.is_empty());
    let title = clean(title).map(|t| headline(&t, &h1s));
    let mut body: Vec<String> = paragraphs;
    if let (Some(t), Some(first)) = (&title, body.first())
        && first == t
    {
        body.remove(0);
    }
    if body.is_empty() {
        return Err(ExtractError::NoText);
    }
    let mut out = String::new();
    for p in title.iter().chain(body.iter()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(p);
    }
    out.push('\n');
    Ok(Article {
        title,
        byline: clean(byline),
        published: clean(published),
        language,
        text: out,
    })
}

/// The headline: the page's `<h1>` when the title is that headline followed by the site's name
/// ("Mayor wins second term - Riverside Daily"), else the title.
fn headline(title: &str, h1s: &[String]) -> String {
    for h in h1s {
        if let Some(rest) = title.strip_prefix(h.as_str()) {
            let rest = rest.trim_start();
            if [" -", "-", "|", "–", "—", "::", "·", "•"]
                .iter()
                .any(|sep| rest.starts_with(sep.trim_start()))
            {
                return h.clone();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_drops_the_site_name() {
        let h1 = ["Mayor wins second term".to_string()];
        assert_eq!(
            headline("Mayor wins second term - Riverside Daily", &h1),
            h1[0]
        );
        assert_eq!(headline("Mayor wins second term | Riverside", &h1), h1[0]);
        assert_eq!(
            headline("Mayor wins second term by a mile", &h1),
            "Mayor wins second term by a mile"
        );
        assert_eq!(headline("Other", &h1), "Other");
    }

    #[test]
    fn sniffing() {
        for yes in [
            &b"<!DOCTYPE html><html>"[..],
            b"  \n<html lang=\"en\">",
            b"\xef\xbb\xbf<!doctype HTML>",
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC>",
            b"<p>One.</p>",
            b"<!-- a comment -->",
            b"<HEAD>",
        ] {
            assert!(looks_like_html(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [
            &b"The minister said <b> is a tag."[..],
            b"<pre>",
            b"<?xml version=\"1.0\"?><rss>",
            b"<article>",
            b"plain text",
            b"",
            b"<bold>",
        ] {
            assert!(!looks_like_html(no), "{}", String::from_utf8_lossy(no));
        }
    }
}
