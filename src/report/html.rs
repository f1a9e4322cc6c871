//! Owns the HTML report: one self-contained page (inline CSS and a little JS, no network) showing
//! an article's revision with every claim highlighted, the claim-level changes since an earlier
//! revision, a table per source and the review history.
//!
//! Every text that comes from an article, a claims file, a ledger or a reviewer goes through
//! [`esc`]; only `http(s)` URLs become links. A Content-Security-Policy allows no network request
//! and only the one inline script whose hash it names, so even an escaping mistake could not run
//! injected script. The output is deterministic: same input, same bytes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use base64::Engine;
use sha2::{Digest, Sha256};
use similar::{ChangeTag, TextDiff};

use super::{ellipsize, plural};
use crate::check::is_http_url;
use crate::diff::{Change, ChangeKind, summary};
use crate::ledger::Entry;
use crate::model::{AttributionKind, Claim, Manifest, RevisionEntry, Status};
use crate::sources::Registry;

/// An earlier revision to compare with: its label, its claims, and the diff to the report's claims.
pub struct Comparison<'a> {
    pub from: &'a str,
    pub old: &'a [Claim],
    pub changes: &'a [Change],
}

/// Everything the report shows.
pub struct ReportInput<'a> {
    pub article: &'a str,
    pub manifest: &'a Manifest,
    /// The revision shown.
    pub to: &'a RevisionEntry,
    /// Its text.
    pub text: &'a str,
    /// Its claims in text order, with the tracked statuses, evidence and notes merged in.
    pub claims: &'a [Claim],
    pub comparison: Option<Comparison<'a>>,
    /// Every tracked claim (present or not), to name the claims of the review history.
    pub tracked: &'a [Claim],
    /// The review ledger, oldest first.
    pub ledger: &'a [Entry],
    /// Set when the ledger failed verification: shown as a warning above the history.
    pub ledger_problem: Option<String>,
    pub registry: &'a Registry,
    /// "claimtrail 0.1.0".
    pub generator: &'a str,
}

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link for an http(s) URL; any other string stays text.
fn link(url: &str, label: &str) -> String {
    if is_http_url(url) {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            esc(url),
            esc(label)
        )
    } else {
        esc(label)
    }
}

const CSS: &str = r#"
:root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--bg:#fff;--accent:#1f4f99}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.wrap{max-width:62rem;margin:0 auto;padding:1rem}
a{color:var(--accent)}
a:focus,button:focus,.claim:focus{outline:3px solid #0b57d0;outline-offset:2px}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.sub{color:var(--muted);margin:.2rem 0 .8rem}
nav ul,.stats{display:flex;flex-wrap:wrap;gap:.4rem 1rem;list-style:none;padding:0;margin:.5rem 0}
.stats li{background:#f3f4f6;border-radius:.4rem;padding:.2rem .6rem}
.stats b{font-size:1.1rem}
.legend{display:flex;flex-wrap:wrap;gap:1.5rem;margin:.5rem 0;font-size:.92rem}
.legend ul{list-style:none;padding:0;margin:.2rem 0 .4rem;display:flex;flex-wrap:wrap;gap:.3rem .9rem}
.legend h3{font-size:.95rem;margin:0}
.controls{display:flex;flex-wrap:wrap;gap:.4rem;margin:.6rem 0}
.controls button{font:inherit;font-size:.9rem;padding:.3rem .7rem;border:1px solid #767676;border-radius:.4rem;background:#fff;color:var(--ink);cursor:pointer}
.controls button[aria-pressed=true]{background:#1f4f99;color:#fff;border-color:#1f4f99}
.article p{margin:0 0 1em}
.claim{position:relative;border-radius:.2rem;padding:.05em .1em;color:var(--ink);text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:.22em;cursor:help}
.k-named{text-decoration-style:solid;text-decoration-color:#1f5fbf}
.k-unnamed{text-decoration-style:dashed;text-decoration-color:#6b3fa0}
.k-none{text-decoration-style:dotted;text-decoration-color:#555;text-decoration-thickness:3px}
.s-unverified{background:#e8edf3}.s-supported{background:#cdeccf}.s-disputed{background:#ffdcb8}
.s-false{background:#ffc9c9}.s-misleading{background:#ecd3f5}.s-opinion{background:#e3e3e3}
.s-needs-review{background:#fff0a0}.s-unknown{background:#fff;outline:1px solid #767676}
.swatch{display:inline-block;padding:0 .4rem;border-radius:.2rem}
.claim.unsupported::before,.swatch.unsupported::before{content:"\2691";color:#b3261e;font-size:.85em;margin-right:.1em}
.claim.changed::after,.swatch.changed::after{content:"\0394";font-size:.7em;vertical-align:super;color:#8a1c14;font-weight:700}
.tip{display:none;position:fixed;left:0;right:0;bottom:.8rem;z-index:10;margin:0 auto;width:max-content;max-width:min(40rem,calc(100vw - 1.6rem));background:#1a1a1a;color:#fff;padding:.5rem .75rem;border-radius:.4rem;font-size:.9rem;line-height:1.45;white-space:normal;box-shadow:0 2px 8px rgba(0,0,0,.35)}
.tip b{color:#fff}
.claim:hover .tip,.claim:focus .tip,.claim:focus-within .tip{display:block}
body.f-unsupported .article .claim:not(.unsupported),body.f-needs-review .article .claim:not(.s-needs-review),body.f-changed .article .claim:not(.changed),body.f-reviewed .article .claim:not(.reviewed){background:none;text-decoration-color:transparent;color:var(--muted)}
body.f-unsupported .article .claim:not(.unsupported)::before,body.f-changed .article .claim:not(.changed)::after{content:none}
.changes{display:grid;gap:.8rem}
.change{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem}
.change h3{font-size:1rem;margin:0 0 .4rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}
.kind{font-weight:700;text-transform:uppercase;font-size:.8rem;letter-spacing:.04em}
.flag{display:inline-block;font-size:.78rem;border:1px solid #8a1c14;color:#8a1c14;border-radius:1rem;padding:0 .5rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.sides>div{min-width:0}
.sides h4{margin:0;font-size:.8rem;color:var(--muted);font-weight:600}
.sides p{margin:.2rem 0}
del{background:#ffd7d5;color:#6e0b0b;text-decoration:line-through}
ins{background:#c9f0cf;color:#0b4a15;text-decoration:underline}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.src{font-size:.88rem;color:var(--muted);margin:.3rem 0 0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;color:var(--muted);padding:.2rem 0;caption-side:top}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f4f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
.warn{border-left:4px solid #b3261e;background:#fff4f2;padding:.4rem .7rem}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:.85rem}
@media (max-width:40rem){.sides{grid-template-columns:1fr}.wrap{padding:.6rem}h1{font-size:1.3rem}}
@media print{nav,.controls,.tip{display:none!important}.claim{cursor:auto}body{font-size:11pt}
.change,tr{break-inside:avoid}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;word-break:break-all}
.claim,.swatch,del,ins,th,.stats li{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

/// Filter buttons (dim every claim but the chosen kind) and "next" to step through them.
const JS: &str = r#"
(function(){
  var body=document.body;
  var buttons=document.querySelectorAll('.controls button[data-filter]');
  var current='all';
  buttons.forEach(function(b){b.addEventListener('click',function(){
    current=b.getAttribute('data-filter');
    body.className=body.className.replace(/\bf-[a-z-]+/g,'').trim();
    if(current!=='all'){body.classList.add('f-'+current);}
    buttons.forEach(function(o){o.setAttribute('aria-pressed',o===b?'true':'false');});
  });});
  var next=document.getElementById('next');
  var at=-1;
  next.addEventListener('click',function(){
    var sel=current==='all'?'.claim':(current==='needs-review'?'.claim.s-needs-review':'.claim.'+current);
    var list=document.querySelectorAll('.article mark'+sel);
    if(!list.length){return;}
    at=(at+1)%list.length;
    list[at].focus();
    list[at].scrollIntoView({block:'center'});
  });
})();
"#;

fn status_class(s: &Status) -> &'static str {
    match s {
        Status::Unverified => "s-unverified",
        Status::Supported => "s-supported",
        Status::Disputed => "s-disputed",
        Status::False => "s-false",
        Status::Misleading => "s-misleading",
        Status::Opinion => "s-opinion",
        Status::NeedsReview => "s-needs-review",
        Status::Unknown(_) => "s-unknown",
    }
}

fn kind_label(k: AttributionKind) -> &'static str {
    match k {
        AttributionKind::Named => "named source",
        AttributionKind::Unnamed => "unnamed source",
        AttributionKind::None => "the article's own voice",
    }
}

/// "the United States (us-government), Western analysts" for a claim's sources.
fn sources_text(c: &Claim, registry: &Registry) -> String {
    if c.attribution.sources.is_empty() {
        return kind_label(c.attribution.kind).to_string();
    }
    c.attribution
        .sources
        .iter()
        .map(|s| match s.id.as_deref() {
            Some(id) => match registry.get(id) {
                Some(src) => format!("{} ({})", s.phrase, src.label),
                None => format!("{} ({id})", s.phrase),
            },
            None => s.phrase.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the report says about a change to one claim of the shown revision.
struct ChangeNote {
    kind: ChangeKind,
    flags: Vec<String>,
}

/// The HTML report.
pub fn report(input: &ReportInput) -> String {
    let script_hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(JS));
    let changed: HashMap<usize, ChangeNote> = match &input.comparison {
        Some(cmp) => cmp
            .changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Unchanged && c.kind != ChangeKind::Removed)
            .flat_map(|c| {
                c.new.iter().map(move |&i| {
                    (
                        i,
                        ChangeNote {
                            kind: c.kind,
                            flags: c.flags.iter().map(|f| f.as_str().to_string()).collect(),
                        },
                    )
                })
            })
            .collect(),
        None => HashMap::new(),
    };
    let mut out = String::new();
    let title = format!("{} \u{2014} {}", input.article, input.to.label);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"generator\" content=\"{}\">\n<title>{} \u{b7} claimtrail report</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(input.generator),
        esc(&title)
    );
    out.push_str("<div class=\"wrap\">\n");
    header(&mut out, input, &changed);
    out.push_str("<main>\n");
    article_section(&mut out, input, &changed);
    if let Some(cmp) = &input.comparison {
        changes_section(&mut out, input, cmp);
    }
    sources_section(&mut out, input);
    claims_section(&mut out, input, &changed);
    history_section(&mut out, input);
    revisions_section(&mut out, input);
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer>Generated by {} from the workspace's snapshots, claims file and ledger. Claim ids are the first 12 hex digits of the sha256 of the normalized claim text.</footer>",
        esc(input.generator)
    );
    out.push_str("</div>\n");
    let _ = write!(out, "<script>{JS}</script>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, input: &ReportInput, changed: &HashMap<usize, ChangeNote>) {
    let n = input.manifest.revisions.len();
    let pos = input
        .manifest
        .position(&input.to.label)
        .map_or(0, |p| p + 1);
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"sub\">Revision <b>{}</b> ({pos} of {n}), captured {}{}{}</p>",
        esc(input.article),
        esc(&input.to.label),
        esc(&input.to.captured_at),
        match &input.to.source_url {
            Some(u) => format!(" from {}", link(u, u)),
            None => String::new(),
        },
        match &input.comparison {
            Some(c) => format!(", compared with <b>{}</b>", esc(c.from)),
            None => String::new(),
        }
    );
    let claims = input.claims;
    let unsupported = claims.iter().filter(|c| c.is_unsupported()).count();
    let reviewed = claims
        .iter()
        .filter(|c| c.status.claim_review_rating().is_some())
        .count();
    let needs = claims
        .iter()
        .filter(|c| c.status == Status::NeedsReview)
        .count();
    let _ = writeln!(
        out,
        "<ul class=\"stats\" aria-label=\"Summary\"><li><b id=\"n-claims\">{}</b> claims</li><li><b>{unsupported}</b> unsupported</li><li><b>{reviewed}</b> reviewed</li><li><b>{needs}</b> need review</li>{}</ul>",
        claims.len(),
        if input.comparison.is_some() {
            format!(
                "<li><b>{}</b> changed since {}</li>",
                changed.len(),
                esc(input.comparison.as_ref().map_or("", |c| c.from))
            )
        } else {
            String::new()
        }
    );
    out.push_str("<nav aria-label=\"Sections\"><ul><li><a href=\"#article\">Article</a></li>");
    if input.comparison.is_some() {
        out.push_str("<li><a href=\"#changes\">Changes</a></li>");
    }
    out.push_str(
        "<li><a href=\"#sources\">Sources</a></li><li><a href=\"#claims\">Claims</a></li>\
<li><a href=\"#history\">Review history</a></li><li><a href=\"#revisions\">Revisions</a></li></ul></nav>\n</header>\n",
    );
}

fn legend(out: &mut String, has_comparison: bool) {
    out.push_str(
        "<div class=\"legend\" id=\"legend\">\n<div><h3>Review status (background)</h3><ul>",
    );
    for s in Status::KNOWN.iter() {
        let _ = write!(
            out,
            "<li title=\"{}\"><span class=\"swatch {}\">{}</span></li>",
            esc(s.meaning()),
            status_class(s),
            s.as_str()
        );
    }
    out.push_str("</ul></div>\n<div><h3>Who says it (underline)</h3><ul>");
    for (k, what) in [
        (AttributionKind::Named, "solid"),
        (AttributionKind::Unnamed, "dashed"),
        (AttributionKind::None, "dotted, the article's own voice"),
    ] {
        let _ = write!(
            out,
            "<li><span class=\"swatch claim k-{}\">{}</span> {what}</li>",
            k.as_str(),
            k.as_str()
        );
    }
    out.push_str("</ul></div>\n<div><h3>Marks</h3><ul><li><span class=\"swatch unsupported\">unsupported</span> no source, no evidence, not reviewed</li>");
    if has_comparison {
        out.push_str(
            "<li><span class=\"swatch changed\">changed</span> edited, split, merged, moved or added</li>",
        );
    }
    out.push_str("</ul></div>\n</div>\n");
}

fn tip(c: &Claim, registry: &Registry, note: Option<&ChangeNote>, from: &str) -> String {
    let mut t = format!(
        "<b>{}</b> \u{b7} {}<br>Source: {}",
        esc(c.status.as_str()),
        esc(&c.id),
        esc(&sources_text(c, registry))
    );
    if let Some(cue) = &c.attribution.cue {
        let _ = write!(t, "<br>Cue: \u{201C}{}\u{201D}", esc(cue));
    }
    if c.is_unsupported() {
        t.push_str("<br>Unsupported: no source, no evidence, not reviewed");
    }
    if !c.hedges.is_empty() {
        let _ = write!(t, "<br>Hedges: {}", esc(&c.hedges.join(", ")));
    }
    if !c.figures.is_empty() {
        let _ = write!(t, "<br>Figures: {}", esc(&c.figures.join(", ")));
    }
    if let Some(n) = note {
        let _ = write!(t, "<br>{} since {}", n.kind.as_str(), esc(from));
        if !n.flags.is_empty() {
            let _ = write!(t, ": {}", esc(&n.flags.join(", ")));
        }
    }
    let urls = c.evidence.iter().filter(|e| e.url.is_some()).count();
    if urls > 0 {
        let _ = write!(t, "<br>Evidence: {}", plural(urls, "link"));
    }
    t
}

fn claim_classes(c: &Claim, note: Option<&ChangeNote>) -> String {
    let mut cls = format!(
        "claim k-{} {}",
        c.attribution.kind.as_str(),
        status_class(&c.status)
    );
    if c.is_unsupported() {
        cls.push_str(" unsupported");
    }
    if c.status.claim_review_rating().is_some() {
        cls.push_str(" reviewed");
    }
    if note.is_some() {
        cls.push_str(" changed");
    }
    cls
}

/// Byte ranges of the paragraphs of a text: runs of lines separated by blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push((s, end));
            }
        } else {
            if start.is_none() {
                start = Some(pos + (line.len() - line.trim_start().len()));
            }
            end = pos + line.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

/// Text of a paragraph with hard-wrapped line breaks as spaces, escaped (HTML folds the runs of
/// white space).
fn flow(s: &str) -> String {
    esc(&s.replace(['\r', '\n'], " "))
}

fn article_section(out: &mut String, input: &ReportInput, changed: &HashMap<usize, ChangeNote>) {
    out.push_str("<section id=\"article\" aria-labelledby=\"h-article\">\n");
    let _ = writeln!(
        out,
        "<h2 id=\"h-article\">Article, revision {}</h2>",
        esc(&input.to.label)
    );
    legend(out, input.comparison.is_some());
    out.push_str(
        "<div class=\"controls\" role=\"group\" aria-label=\"Highlight\">\
<button type=\"button\" data-filter=\"all\" aria-pressed=\"true\">All claims</button>\
<button type=\"button\" data-filter=\"unsupported\" aria-pressed=\"false\">Unsupported</button>\
<button type=\"button\" data-filter=\"needs-review\" aria-pressed=\"false\">Needs review</button>\
<button type=\"button\" data-filter=\"reviewed\" aria-pressed=\"false\">Reviewed</button>",
    );
    if input.comparison.is_some() {
        out.push_str(
            "<button type=\"button\" data-filter=\"changed\" aria-pressed=\"false\">Changed</button>",
        );
    }
    out.push_str("<button type=\"button\" id=\"next\">Next highlighted claim</button></div>\n");
    out.push_str("<div class=\"article\">\n");
    let text = input.text;
    let from = input.comparison.as_ref().map_or("", |c| c.from);
    // Claims in text order; one that overlaps the one before (never produced by extract) is
    // left unmarked rather than nested.
    let mut order: Vec<usize> = (0..input.claims.len()).collect();
    order.sort_by_key(|&i| (input.claims[i].anchor.start, input.claims[i].anchor.end));
    let mut spans: Vec<usize> = Vec::new();
    let mut last_end = 0;
    for i in order {
        let a = &input.claims[i].anchor;
        let valid = a.start >= last_end
            && a.end <= text.len()
            && a.start < a.end
            && text.is_char_boundary(a.start)
            && text.is_char_boundary(a.end);
        if valid {
            spans.push(i);
            last_end = a.end;
        }
    }
    let mut next = 0;
    let mut started: Vec<bool> = vec![false; input.claims.len()];
    for (ps, pe) in paragraphs(text) {
        out.push_str("<p>");
        let mut pos = ps;
        while pos < pe {
            // Skip claims that end before this point.
            while next < spans.len() && input.claims[spans[next]].anchor.end <= pos {
                next += 1;
            }
            let Some(&ci) = spans.get(next) else {
                out.push_str(&flow(&text[pos..pe]));
                break;
            };
            let c = &input.claims[ci];
            let (cs, ce) = (c.anchor.start.max(pos), c.anchor.end.min(pe));
            if cs >= pe {
                out.push_str(&flow(&text[pos..pe]));
                break;
            }
            if cs > pos {
                out.push_str(&flow(&text[pos..cs]));
            }
            let note = changed.get(&ci);
            if started[ci] {
                // The rest of a claim that runs over a paragraph break.
                let _ = write!(
                    out,
                    "<span class=\"{} cont\">{}</span>",
                    claim_classes(c, note),
                    flow(&text[cs..ce])
                );
            } else {
                started[ci] = true;
                let _ = write!(
                    out,
                    "<mark class=\"{}\" id=\"c-{}\" tabindex=\"0\" data-id=\"{}\" data-kind=\"{}\" data-status=\"{}\"{} aria-describedby=\"t-{}\">{}<span class=\"tip\" role=\"tooltip\" id=\"t-{}\">{}</span></mark>",
                    claim_classes(c, note),
                    esc(&c.id),
                    esc(&c.id),
                    c.attribution.kind.as_str(),
                    esc(c.status.as_str()),
                    match note {
                        Some(n) => format!(" data-change=\"{}\"", n.kind.as_str()),
                        None => String::new(),
                    },
                    esc(&c.id),
                    flow(&text[cs..ce]),
                    esc(&c.id),
                    tip(c, input.registry, note, from)
                );
            }
            pos = ce;
        }
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</section>\n");
}

/// One side of a word-level diff: the words common to both, and the side's own words marked.
fn side(old: &str, new: &str, keep: ChangeTag) -> String {
    let diff = TextDiff::from_words(old, new);
    // (marked, text) runs; white space between two marked runs joins them.
    let mut runs: Vec<(bool, String)> = Vec::new();
    for ch in diff.iter_all_changes() {
        let marked = match ch.tag() {
            ChangeTag::Equal => false,
            t if t == keep => true,
            _ => continue,
        };
        let v = ch.value();
        match runs.last_mut() {
            Some((m, s)) if *m == marked => s.push_str(v),
            _ => runs.push((marked, v.to_string())),
        }
    }
    let mut merged: Vec<(bool, String)> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let (m, s) = &runs[i];
        let between = !m
            && s.trim().is_empty()
            && i > 0
            && runs[i - 1].0
            && runs.get(i + 1).is_some_and(|r| r.0);
        if between {
            let last = merged.last_mut().expect("a marked run precedes");
            last.1.push_str(s);
            last.1.push_str(&runs[i + 1].1);
            i += 2;
            continue;
        }
        merged.push((*m, s.clone()));
        i += 1;
    }
    let (tag, label) = if keep == ChangeTag::Delete {
        ("del", "deleted")
    } else {
        ("ins", "inserted")
    };
    let mut out = String::new();
    for (m, s) in merged {
        if m {
            // White space at either end stays outside the mark.
            let core = s.trim();
            let lead = &s[..s.len() - s.trim_start().len()];
            let trail = &s[s.trim_end().len()..];
            let _ = write!(
                out,
                "{}<{tag}><span class=\"sr\">{label}: </span>{}</{tag}>{}",
                flow(lead),
                flow(core),
                flow(trail)
            );
        } else {
            out.push_str(&flow(&s));
        }
    }
    out
}

fn joined(claims: &[Claim], idx: &[usize]) -> String {
    idx.iter()
        .flat_map(|&i| claims[i].text.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

fn changes_section(out: &mut String, input: &ReportInput, cmp: &Comparison) {
    out.push_str("<section id=\"changes\" aria-labelledby=\"h-changes\">\n");
    let _ = writeln!(
        out,
        "<h2 id=\"h-changes\">Changes from {} to {}</h2>",
        esc(cmp.from),
        esc(&input.to.label)
    );
    let counts: Vec<String> = summary(cmp.changes)
        .into_iter()
        .map(|(k, n)| format!("<li><b>{n}</b> {}</li>", k.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "<ul class=\"stats\" aria-label=\"Changes by kind\">{}</ul>",
        counts.concat()
    );
    let shown: Vec<&Change> = cmp
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged)
        .collect();
    if shown.is_empty() {
        out.push_str("<p>No claim changed.</p>\n</section>\n");
        return;
    }
    out.push_str("<div class=\"changes\">\n");
    let new = input.claims;
    for c in shown {
        let old_text = joined(cmp.old, &c.old);
        let new_text = joined(new, &c.new);
        let _ = write!(
            out,
            "<article class=\"change\" data-kind=\"{}\"><h3><span class=\"kind\">{}</span>",
            c.kind.as_str(),
            c.kind.as_str()
        );
        for f in &c.flags {
            let _ = write!(
                out,
                "<span class=\"flag\" data-flag=\"{}\" title=\"{}\">{}</span>",
                f.as_str(),
                esc(f.meaning()),
                f.as_str()
            );
        }
        if let Some(s) = c.similarity
            && c.kind != ChangeKind::Moved
        {
            let _ = write!(out, "<span class=\"src\">similarity {s:.2}</span>");
        }
        out.push_str("</h3>\n<div class=\"sides\">");
        let ids = |claims: &[Claim], idx: &[usize], here: bool| -> String {
            idx.iter()
                .map(|&i| {
                    if here {
                        format!(
                            "<a href=\"#c-{}\"><code>{}</code></a>",
                            esc(&claims[i].id),
                            esc(&claims[i].id)
                        )
                    } else {
                        format!("<code>{}</code>", esc(&claims[i].id))
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let old_html = if c.old.is_empty() {
            "<p><i>(not in this revision)</i></p>".to_string()
        } else {
            format!(
                "<p>{}</p><p class=\"src\">{} \u{b7} {}</p>",
                side(&old_text, &new_text, ChangeTag::Delete),
                ids(cmp.old, &c.old, false),
                esc(&sources_text(&cmp.old[c.old[0]], input.registry))
            )
        };
        let new_html = if c.new.is_empty() {
            "<p><i>(not in this revision)</i></p>".to_string()
        } else {
            format!(
                "<p>{}</p><p class=\"src\">{} \u{b7} {}</p>",
                side(&old_text, &new_text, ChangeTag::Insert),
                ids(new, &c.new, true),
                esc(&sources_text(&new[c.new[0]], input.registry))
            )
        };
        let _ = writeln!(
            out,
            "<div><h4>{}</h4>{old_html}</div><div><h4>{}</h4>{new_html}</div></div></article>",
            esc(cmp.from),
            esc(&input.to.label)
        );
    }
    out.push_str("</div>\n</section>\n");
}

/// One row of the sources table: its label, the attribution kind, and claims by status.
struct SourceRow {
    label: String,
    kind: AttributionKind,
    counts: BTreeMap<Status, usize>,
}

impl SourceRow {
    fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// A table per source: how many claims each backs, by status.
fn sources_section(out: &mut String, input: &ReportInput) {
    let mut rows: BTreeMap<String, SourceRow> = BTreeMap::new();
    for c in input.claims {
        let keys: Vec<(String, String)> = if c.attribution.sources.is_empty() {
            vec![(
                format!("~{}", c.attribution.kind.as_str()),
                kind_label(c.attribution.kind).to_string(),
            )]
        } else {
            c.attribution
                .sources
                .iter()
                .map(|s| match s.id.as_deref() {
                    Some(id) => (
                        format!("id:{id}"),
                        match input.registry.get(id) {
                            Some(src) => format!("{} ({id})", src.label),
                            None => id.to_string(),
                        },
                    ),
                    None => (
                        format!("phrase:{}", s.phrase.to_lowercase()),
                        format!("\u{201C}{}\u{201D}", s.phrase),
                    ),
                })
                .collect()
        };
        let mut seen = Vec::new();
        for (key, label) in keys {
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            let row = rows.entry(key).or_insert_with(|| SourceRow {
                label,
                kind: c.attribution.kind,
                counts: BTreeMap::new(),
            });
            *row.counts.entry(c.status.clone()).or_default() += 1;
        }
    }
    let mut statuses: Vec<Status> = Status::KNOWN
        .iter()
        .filter(|s| rows.values().any(|r| r.counts.contains_key(*s)))
        .cloned()
        .collect();
    for r in rows.values() {
        for s in r.counts.keys() {
            if !s.is_known() && !statuses.contains(s) {
                statuses.push(s.clone());
            }
        }
    }
    let mut ordered: Vec<(&String, &SourceRow)> = rows.iter().collect();
    ordered.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(b.0)));
    out.push_str("<section id=\"sources\" aria-labelledby=\"h-sources\">\n<h2 id=\"h-sources\">Sources</h2>\n<div class=\"table-wrap\"><table>\n");
    let _ = write!(
        out,
        "<caption>Claims of {} by who stands behind them and by review status (a claim with two sources counts for both)</caption>\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Kind</th><th scope=\"col\">Claims</th>",
        esc(&input.to.label)
    );
    for s in &statuses {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(s.as_str()));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (_, row) in ordered {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"n\">{}</td>",
            esc(&row.label),
            row.kind.as_str(),
            row.total()
        );
        for s in &statuses {
            let n = row.counts.get(s).copied().unwrap_or(0);
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

fn claims_section(out: &mut String, input: &ReportInput, changed: &HashMap<usize, ChangeNote>) {
    out.push_str("<section id=\"claims\" aria-labelledby=\"h-claims\">\n<h2 id=\"h-claims\">Claims</h2>\n<div class=\"table-wrap\"><table>\n");
    let _ = writeln!(
        out,
        "<caption>Every claim of {}, in text order</caption>\n<thead><tr><th scope=\"col\">Claim</th><th scope=\"col\">Status</th><th scope=\"col\">Source and cue</th><th scope=\"col\">Text</th><th scope=\"col\">Change</th></tr></thead>\n<tbody>",
        esc(&input.to.label)
    );
    for (i, c) in input.claims.iter().enumerate() {
        let note = changed.get(&i);
        let cue = match &c.attribution.cue {
            Some(q) => format!(" via \u{201C}{}\u{201D}", esc(q)),
            None => String::new(),
        };
        let change = match note {
            Some(n) if n.flags.is_empty() => n.kind.as_str().to_string(),
            Some(n) => format!("{}: {}", n.kind.as_str(), esc(&n.flags.join(", "))),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr data-id=\"{}\"><td><a href=\"#c-{}\"><code>{}</code></a></td><td><span class=\"swatch {}{}\">{}</span></td><td>{}{cue}</td><td>{}</td><td>{change}</td></tr>",
            esc(&c.id),
            esc(&c.id),
            esc(&c.id),
            status_class(&c.status),
            if c.is_unsupported() {
                " unsupported"
            } else {
                ""
            },
            esc(c.status.as_str()),
            esc(&sources_text(c, input.registry)),
            esc(&ellipsize(&c.text, 160))
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

fn history_section(out: &mut String, input: &ReportInput) {
    out.push_str("<section id=\"history\" aria-labelledby=\"h-history\">\n<h2 id=\"h-history\">Review history</h2>\n");
    if let Some(p) = &input.ledger_problem {
        let _ = writeln!(out, "<p class=\"warn\" role=\"alert\">{}</p>", esc(p));
    }
    if input.ledger.is_empty() {
        out.push_str("<p>No review yet.</p>\n</section>\n");
        return;
    }
    let shown: HashMap<&str, ()> = input.claims.iter().map(|c| (c.id.as_str(), ())).collect();
    let texts: HashMap<&str, &str> = input
        .tracked
        .iter()
        .map(|c| (c.id.as_str(), c.text.as_str()))
        .collect();
    out.push_str("<div class=\"table-wrap\"><table>\n<caption>The review ledger, newest first</caption>\n<thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Claim</th><th scope=\"col\">Change</th><th scope=\"col\">By</th><th scope=\"col\">Evidence and note</th></tr></thead>\n<tbody>\n");
    for e in input.ledger.iter().rev() {
        let claim = if shown.contains_key(e.claim.as_str()) {
            format!(
                "<a href=\"#c-{}\"><code>{}</code></a>",
                esc(&e.claim),
                esc(&e.claim)
            )
        } else {
            format!("<code>{}</code>", esc(&e.claim))
        };
        let text = texts
            .get(e.claim.as_str())
            .map(|t| format!("<br>{}", esc(&ellipsize(t, 120))))
            .unwrap_or_default();
        let mut ev: Vec<String> = e
            .evidence
            .iter()
            .map(|x| match (&x.url, &x.note) {
                (Some(u), Some(n)) => format!("{} ({})", link(u, u), esc(n)),
                (Some(u), None) => link(u, u),
                (None, Some(n)) => esc(n),
                (None, None) => String::new(),
            })
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(n) = &e.note {
            ev.push(format!("<i>{}</i>", esc(n)));
        }
        let _ = writeln!(
            out,
            "<tr><td><time datetime=\"{}\">{}</time></td><td>{claim}{text}</td><td>{}: {} \u{2192} <span class=\"swatch {}\">{}</span></td><td>{}</td><td>{}</td></tr>",
            esc(&e.time),
            esc(&e.time),
            esc(&e.event),
            esc(e.from.as_str()),
            status_class(&e.to),
            esc(e.to.as_str()),
            esc(&e.by),
            ev.join("<br>")
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

fn revisions_section(out: &mut String, input: &ReportInput) {
    out.push_str("<section id=\"revisions\" aria-labelledby=\"h-revisions\">\n<h2 id=\"h-revisions\">Revisions</h2>\n<div class=\"table-wrap\"><table>\n<caption>Every stored snapshot; sha256 of its bytes</caption>\n<thead><tr><th scope=\"col\">Revision</th><th scope=\"col\">Captured</th><th scope=\"col\">Bytes</th><th scope=\"col\">sha256</th><th scope=\"col\">From</th></tr></thead>\n<tbody>\n");
    let from = input.comparison.as_ref().map(|c| c.from);
    for r in &input.manifest.revisions {
        let role = if r.label == input.to.label {
            " (shown)"
        } else if Some(r.label.as_str()) == from {
            " (compared)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}{role}</th><td>{}</td><td class=\"n\">{}</td><td><code title=\"{}\">{}</code></td><td>{}</td></tr>",
            esc(&r.label),
            esc(&r.captured_at),
            r.bytes,
            esc(&r.sha256),
            esc(&r.sha256.chars().take(12).collect::<String>()),
            r.source_url
                .as_deref()
                .map(|u| link(u, u))
                .unwrap_or_default()
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert(1)</script> \"><img onerror='x'> &"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img onerror=&#39;x&#39;&gt; &amp;"
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        assert!(link("https://example.org/a?b=1&c=2", "x").starts_with(
            "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">"
        ));
        assert_eq!(
            link("javascript:alert(1)", "javascript:alert(1)"),
            "javascript:alert(1)"
        );
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let t = "Head\n\nOne two\nthree.\n\n  \nLast.";
        let p = paragraphs(t);
        let got: Vec<&str> = p.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, vec!["Head", "One two\nthree.", "Last."]);
    }

    #[test]
    fn word_sides_mark_only_their_own_words() {
        let old = "Mr. Putin likely wants to know";
        let new = "Mr. Putin wants to know more";
        assert_eq!(
            side(old, new, ChangeTag::Delete),
            "Mr. Putin <del><span class=\"sr\">deleted: </span>likely</del> wants to know"
        );
        assert!(
            side(old, new, ChangeTag::Insert)
                .ends_with("know <ins><span class=\"sr\">inserted: </span>more</ins>")
        );
    }
}
