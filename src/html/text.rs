//! Owns turning an article's markup into paragraphs of plain text, dropping what is furniture.
//!
//! Pure. Block elements (paragraphs, headings, list items, quotes, table rows) each become a
//! paragraph, white space inside one collapses to single spaces, and elements that are page
//! furniture rather than the article (navigation, forms and buttons, asides, captions, share,
//! related, newsletter, cookie, advertising and comment boxes) are skipped with their content.

use dom_query::{Document, NodeRef};

/// Elements skipped with everything inside them.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "figcaption",
    "svg",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "head",
    "title",
    "dialog",
    "menu",
];

/// Elements that start and end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
    "address",
    "hr",
    "body",
    "html",
    "center",
    "details",
    "summary",
    "caption",
];

/// Words in a class, id or role that always mark furniture. Matched against whole words of the
/// attribute (split at spaces, '-' and '_'), so `ad` matches `ad-slot` but not `head`.
const FURNITURE_WORDS: &[&str] = &[
    "newsletter",
    "subscribe",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "advert",
    "advertisement",
    "comment",
    "comments",
    "popup",
    "modal",
    "outbrain",
    "taboola",
];

/// Words that mark furniture only on a small or link-heavy block: pages also put them on the
/// containers of their articles (`id="gigya-share-btns-2_gig_containerParent"`,
/// `class="section" id="sharing-with-a-single-developer"`).
const WEAK_FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "ad",
    "ads",
    "sponsored",
    "promo",
    "caption",
    "credit",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "author",
    "navigation",
    "toolbar",
    "teaser",
    // Some sites wrap the whole article body in a paywall or metered-content box.
    "paywall",
    "recirculation",
];

/// A block marked by a weak word is furniture below this many characters of text...
const WEAK_MAX_CHARS: usize = 300;
/// ...or when more than this share of its text is link text.
const WEAK_MAX_LINK_DENSITY: f64 = 0.4;

/// Whole paragraphs that are furniture wherever they stand (compared without case).
const FURNITURE_LINES: &[&str] = &[
    "advertisement",
    "advertisement:",
    "ad",
    "sponsored",
    "sponsored content",
    "story continues below advertisement",
    "article continues below",
    "continue reading the main story",
    "skip advertisement",
    "share this article",
    "share this story",
    "share",
    "read more",
    "related",
    "related articles",
    "related stories",
    "more on this story",
];

/// The paragraphs of a document (or fragment), in order.
pub fn paragraphs(doc: &Document) -> Vec<String> {
    let mut w = Walker {
        paras: Vec::new(),
        cur: String::new(),
    };
    w.node(&doc.root());
    w.flush();
    w.paras
}

struct Walker {
    paras: Vec<String>,
    cur: String,
}

impl Walker {
    fn node(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            self.cur.push_str(&node.text());
            return;
        }
        if !node.is_element() {
            // The document root and fragments hold elements; comments hold nothing readable.
            if !node.is_comment() {
                for child in node.children() {
                    self.node(&child);
                }
            }
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if SKIP.contains(&name.as_str()) || is_furniture(node) {
            // An inline element that is skipped still separates the words around it.
            self.cur.push(' ');
            return;
        }
        match name.as_str() {
            "br" => self.flush(),
            "td" | "th" => {
                self.cur.push(' ');
                for child in node.children() {
                    self.node(&child);
                }
                self.cur.push(' ');
            }
            "img" => {}
            // A headline that is wholly a link leads to another story.
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if is_all_link(node) => self.flush(),
            _ if BLOCK.contains(&name.as_str()) => {
                self.flush();
                for child in node.children() {
                    self.node(&child);
                }
                self.flush();
            }
            _ => {
                for child in node.children() {
                    self.node(&child);
                }
            }
        }
    }

    fn flush(&mut self) {
        let p = collapse(&self.cur);
        self.cur.clear();
        if !p.is_empty() && !is_furniture_line(&p) {
            self.paras.push(p);
        }
    }
}

/// Hidden elements and those whose class, id or role names furniture.
fn is_furniture(node: &NodeRef<'_>) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
    {
        return true;
    }
    if node.attr("role").is_some_and(|r| {
        matches!(
            r.trim(),
            "navigation" | "complementary" | "banner" | "dialog" | "button"
        )
    }) {
        return true;
    }
    let marked = |list: &[&str]| {
        ["class", "id"].iter().any(|attr| {
            node.attr(attr).is_some_and(|v| {
                v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                    .any(|w| list.contains(&w.to_ascii_lowercase().as_str()))
            })
        })
    };
    if marked(FURNITURE_WORDS) {
        return true;
    }
    if !marked(WEAK_FURNITURE_WORDS) {
        return false;
    }
    let text = collapse(&node.text());
    let chars = text.chars().count();
    if chars < WEAK_MAX_CHARS {
        return true;
    }
    let link_chars: usize = dom_query::Selection::from(*node)
        .select("a")
        .nodes()
        .iter()
        .map(|a| collapse(&a.text()).chars().count())
        .sum();
    link_chars as f64 / chars as f64 > WEAK_MAX_LINK_DENSITY
}

fn is_all_link(node: &NodeRef<'_>) -> bool {
    let text = collapse(&node.text());
    let links: String = dom_query::Selection::from(*node)
        .select("a")
        .nodes()
        .iter()
        .map(|a| a.text().to_string())
        .collect();
    !text.is_empty() && collapse(&links) == text
}

fn is_furniture_line(p: &str) -> bool {
    let lower = p.to_lowercase();
    FURNITURE_LINES.contains(&lower.trim_end_matches(['.', '…', ':']).trim())
}

/// Collapse every run of white space (including no-break spaces) to one space, trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(html: &str) -> Vec<String> {
        paragraphs(&Document::from(html))
    }

    #[test]
    fn blocks_become_paragraphs() {
        assert_eq!(
            paras(
                "<div><h2>Head</h2><p>One <em>two</em>\n three.</p><ul><li>a</li><li>b</li></ul>tail</div>"
            ),
            ["Head", "One two three.", "a", "b", "tail"]
        );
    }

    #[test]
    fn furniture_is_dropped() {
        let html = r#"<article>
            <p>Kept.</p>
            <div class="share-buttons"><a>Facebook</a><a>Twitter</a></div>
            <figure><img src="x.jpg"><figcaption>A caption.</figcaption></figure>
            <p>Advertisement</p>
            <div id="related_links"><p>Other story</p></div>
            <div class="header"><p>Also kept.</p></div>
            <p hidden>Hidden.</p>
            <div class="comments"><p>A reader wrote something long enough to pass any size test, and then went on at length about it, for several sentences more than any share button would ever hold, with no links at all in it, not one, because readers write prose in comment boxes and that prose is never part of the article, whatever its length may be.</p></div>
        </article>"#;
        assert_eq!(paras(html), ["Kept.", "Also kept."]);
    }

    #[test]
    fn a_long_block_with_a_weak_furniture_word_is_kept() {
        let long =
            "Words of the article itself, long enough to be more than a share bar. ".repeat(6);
        let html = format!(
            r#"<div id="share-container"><p>{long}</p></div><div class="related"><a href="/a">{long}</a></div>"#
        );
        assert_eq!(paras(&html), [long.trim()]);
    }

    #[test]
    fn br_splits_and_cells_join() {
        assert_eq!(paras("<p>a<br>b</p>"), ["a", "b"]);
        assert_eq!(
            paras("<table><tr><td>1</td><td>2</td></tr></table>"),
            ["1 2"]
        );
    }
}
