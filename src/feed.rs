//! Owns reading RSS and Atom feeds: the article links a feed lists, and the article id claimtrail
//! derives from each link's URL path.
//!
//! Pure: feed text in, links and ids out. Parsed with a real XML parser (roxmltree).

use crate::hash::Sha256Hash;

/// The article links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order, without
/// duplicates. Only absolute http(s) links are kept.
pub fn links(xml: &str) -> Result<Vec<String>, String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, opts)
        .map_err(|e| format!("not an RSS or Atom feed: {e}"))?;
    let root = doc.root_element();
    let kind = root.tag_name().name();
    if !matches!(kind, "rss" | "RDF" | "feed") {
        return Err(format!(
            "not an RSS or Atom feed: the document element is <{kind}>"
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for node in root.descendants().filter(|n| n.is_element()) {
        let link = match node.tag_name().name() {
            // RSS: <item><link>URL</link></item> (falling back to a permalink <guid>).
            "item" => child_text(node, "link").or_else(|| {
                node.children()
                    .find(|c| {
                        c.has_tag_name("guid")
                            && c.attribute("isPermaLink").is_none_or(|p| p == "true")
                    })
                    .and_then(|c| c.text())
                    .map(|t| t.trim().to_string())
            }),
            // Atom: <entry><link rel="alternate" href="URL"/></entry>.
            "entry" => node
                .children()
                .filter(|c| c.is_element() && c.tag_name().name() == "link")
                .find(|c| c.attribute("rel").is_none_or(|r| r == "alternate"))
                .and_then(|c| c.attribute("href"))
                .map(|h| h.trim().to_string()),
            _ => None,
        };
        if let Some(l) = link.filter(|l| crate::check::is_http_url(l))
            && !out.contains(&l)
        {
            out.push(l);
        }
    }
    Ok(out)
}

fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The article id for a URL: its path as a slug (`/world/2024/xi-putin.html` ->
/// `world-2024-xi-putin`). Deterministic; a slug over 64 characters keeps its end (where news
/// sites put the headline words) and gains 8 hex digits of the path's sha256, so two long paths
/// never share an id. None when the path has no letters or digits.
pub fn article_id(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path_start = rest.find('/').unwrap_or(rest.len());
    let path = rest[path_start..].split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if let Some(last) = segments.last_mut() {
        for ext in [".html", ".htm", ".shtml", ".php", ".aspx", ".asp"] {
            if let Some(stem) = last.strip_suffix(ext) {
                *last = stem;
            }
        }
        if matches!(*last, "index" | "") {
            segments.pop();
        }
    }
    let mut slug = String::new();
    for seg in segments {
        for c in seg.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        return None;
    }
    if slug.len() <= 64 {
        return Some(slug);
    }
    let digest = Sha256Hash::of_bytes(path.as_bytes()).to_string();
    let tail = slug[slug.len() - 55..].trim_start_matches('-');
    Some(format!("{}-{tail}", &digest[..8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.test/</link>
            <item><title>A</title><link>https://news.test/world/a.html</link></item>
            <item><title>B</title><guid>https://news.test/b</guid></item>
            <item><title>C</title><link>/relative</link></item>
            <item><link>https://news.test/world/a.html</link></item></channel></rss>"#;
        assert_eq!(
            links(rss).unwrap(),
            ["https://news.test/world/a.html", "https://news.test/b"]
        );
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="https://x.test/self"/><link href="https://x.test/2024/story"/></entry></feed>"#;
        assert_eq!(links(atom).unwrap(), ["https://x.test/2024/story"]);
        assert!(
            links("<html><body/></html>")
                .unwrap_err()
                .contains("<html>")
        );
        assert!(links("not xml").is_err());
    }

    #[test]
    fn ids_from_paths() {
        assert_eq!(
            article_id("https://news.test/world/2024/May/16/Xi-Putin_summit.html?utm=x").as_deref(),
            Some("world-2024-may-16-xi-putin-summit")
        );
        assert_eq!(
            article_id("https://news.test/a/index.html").as_deref(),
            Some("a")
        );
        assert_eq!(article_id("https://news.test/"), None);
        let long = format!("https://news.test/{}", "word-".repeat(30));
        let id = article_id(&long).unwrap();
        assert!(
            id.len() <= 64 && crate::store::validate_article(&id).is_ok(),
            "{id}"
        );
        assert_eq!(article_id(&long), Some(id));
    }
}
