//! Owns the human output: text for people at a terminal, in colour when the CLI says so.

use std::fmt::Write;

use similar::{ChangeTag, TextDiff};

use super::{Style, ellipsize, plural};
use crate::check::{Gate, Report, Severity};
use crate::diff::{Change, ChangeKind, ClaimSide, summary};
use crate::extract::Reading;
use crate::model::{Attribution, AttributionKind, Claim};
use crate::track::TrackSummary;

/// "named: us-government (the United States), western-analysts (Western analysts) via say".
pub fn attribution(a: &Attribution) -> String {
    if a.kind == AttributionKind::None {
        return "none (the article's own voice)".to_string();
    }
    let sources: Vec<String> = a
        .sources
        .iter()
        .map(|s| match &s.id {
            Some(id) => format!("{id} ({})", s.phrase),
            None => format!("\u{201C}{}\u{201D}", s.phrase),
        })
        .collect();
    let who = if sources.is_empty() {
        "unstated".to_string()
    } else {
        sources.join(", ")
    };
    match &a.cue {
        Some(c) => format!("{}: {who} via \u{201C}{c}\u{201D}", a.kind.as_str()),
        None => format!("{}: {who}", a.kind.as_str()),
    }
}

fn features(c: &Claim) -> String {
    let mut parts = Vec::new();
    if !c.hedges.is_empty() {
        parts.push(format!("hedges: {}", c.hedges.join(", ")));
    }
    if !c.figures.is_empty() {
        parts.push(format!("figures: {}", c.figures.join(", ")));
    }
    if c.negated {
        parts.push("negated".to_string());
    }
    if !c.checkable_why.is_empty() {
        let why: Vec<&str> = c.checkable_why.iter().map(|w| w.as_str()).collect();
        let head = if c.checkable {
            "checkable"
        } else {
            "not checkable"
        };
        parts.push(format!("{head}: {}", why.join(", ")));
    }
    parts.join("; ")
}

/// "19 unsupported (6 checkable)": unsupported claims, and how many of them `check` reports.
fn unsupported_count<'a>(claims: impl Iterator<Item = &'a Claim>) -> String {
    Tally::of(claims).unsupported()
}

/// The present claims of a claims file, how many of them are unsupported and how many of those
/// `check` reports: what `extract` prints. Added up claim by claim, so that a claims file
/// written as its claims are made (`extract` of a new article) is counted as it goes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub present: usize,
    pub unsupported: usize,
    pub reported: usize,
}

impl Tally {
    pub fn of<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Tally {
        let mut t = Tally::default();
        for c in claims {
            t.add(c);
        }
        t
    }

    pub fn add(&mut self, c: &Claim) {
        if !c.present {
            return;
        }
        self.present += 1;
        if c.is_unsupported() {
            self.unsupported += 1;
            self.reported += usize::from(c.needs_support());
        }
    }

    fn unsupported(&self) -> String {
        format!(
            "{} unsupported, {} of them checkable",
            self.unsupported, self.reported
        )
    }
}

/// One claim as a block: id, status, text, attribution, features.
pub fn claim_block(out: &mut String, c: &Claim, st: Style) {
    let status = match c.status.as_str() {
        "unverified" => st.dim("unverified"),
        "supported" => st.green("supported"),
        "needs-review" => st.yellow("needs-review"),
        s => st.red(s),
    };
    let gone = if c.present {
        String::new()
    } else {
        st.dim(&format!(" (gone after {})", c.last_seen))
    };
    let unsupported = if c.needs_support() && c.present {
        st.yellow(" unsupported")
    } else if c.is_unsupported() && c.present {
        st.dim(" unsupported")
    } else {
        String::new()
    };
    let _ = writeln!(out, "{} {status}{unsupported}{gone}", st.cyan(&c.id));
    let _ = writeln!(out, "  {}", ellipsize(&c.text, 400));
    let _ = writeln!(
        out,
        "  {}",
        st.dim(&format!("source: {}", attribution(&c.attribution)))
    );
    let f = features(c);
    if !f.is_empty() {
        let _ = writeln!(out, "  {}", st.dim(&f));
    }
}

/// A list of claims with a closing count.
pub fn claims(list: &[&Claim], st: Style) -> String {
    let mut out = String::new();
    for c in list {
        claim_block(&mut out, c, st);
    }
    let _ = writeln!(
        out,
        "{}, {}",
        plural(list.len(), "claim"),
        unsupported_count(list.iter().copied())
    );
    out
}

/// What `extract` did.
pub fn extract(
    article: &str,
    rev: &str,
    s: &TrackSummary,
    present: &Tally,
    path: &str,
    st: Style,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {article} {rev}: {} ({}) -> {path}",
        st.bold("extracted"),
        plural(present.present, "claim"),
        present.unsupported()
    );
    let _ = writeln!(
        out,
        "  {} unchanged, {} moved, {} edited, {} split, {} merged, {} added, {} removed",
        s.unchanged, s.moved, s.edited, s.split, s.merged, s.added, s.removed
    );
    for id in &s.needs_review {
        let _ = writeln!(
            out,
            "  {} {id} changed after review: status is now needs-review",
            st.yellow("review")
        );
    }
    out
}

/// How `inspect` read a text: each sentence with its claims.
pub fn inspect(text: &str, reading: &Reading, claims: &[Claim], st: Style) -> String {
    let mut out = String::new();
    let mut ci = 0;
    for (n, s) in reading.sentences.iter().enumerate() {
        let tag = if s.boilerplate {
            st.dim(" [page furniture, skipped]")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{} {}{tag}",
            st.bold(&format!("[{}]", n + 1)),
            ellipsize(&text[s.start..s.end], 400)
        );
        while ci < claims.len() && claims[ci].anchor.start < s.end {
            if claims[ci].anchor.start >= s.start {
                let c = &claims[ci];
                let _ = writeln!(out, "    {} {}", st.cyan(&c.id), ellipsize(&c.text, 120));
                let _ = writeln!(
                    out,
                    "      {}",
                    st.dim(&format!("source: {}", attribution(&c.attribution)))
                );
                let f = features(c);
                if !f.is_empty() {
                    let _ = writeln!(out, "      {}", st.dim(&f));
                }
            }
            ci += 1;
        }
    }
    let _ = writeln!(
        out,
        "{}, {}, {}",
        plural(reading.sentences.len(), "sentence"),
        plural(claims.len(), "claim"),
        unsupported_count(claims.iter())
    );
    out
}

/// A word-level inline diff: each run of changed words as `[-deleted-]{+inserted+}`, or red and
/// green when colour is on.
pub fn inline_diff(old: &str, new: &str, st: Style) -> String {
    word_diff(old, new, &|deleted, run| match (deleted, st.color) {
        (true, true) => st.red(&format!("\x1b[9m{run}")),
        (true, false) => format!("[-{run}-]"),
        (false, true) => st.green(&format!("\x1b[4m{run}")),
        (false, false) => format!("{{+{run}+}}"),
    })
}

/// A word-level diff of two texts, each run of changed words marked by `mark(deleted, run)`;
/// white space inside a run is kept with it, so runs read as phrases.
pub(crate) fn word_diff(old: &str, new: &str, mark: &dyn Fn(bool, &str) -> String) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    let (mut del, mut ins) = (String::new(), String::new());
    // White space seen inside a run of changes: common to both texts, old only, new only.
    let (mut both, mut gd, mut gi) = (String::new(), String::new(), String::new());
    let flush = |out: &mut String, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push_str(&mark(true, &std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push_str(&mark(false, &std::mem::take(ins)));
        }
    };
    for ch in diff.iter_all_changes() {
        let v = ch.value();
        let blank = v.trim().is_empty();
        let in_run = !del.is_empty() || !ins.is_empty();
        match ch.tag() {
            ChangeTag::Equal if blank && in_run => {
                both.push_str(v);
                gd.push_str(v);
                gi.push_str(v);
            }
            ChangeTag::Equal => {
                let had_run = in_run;
                flush(&mut out, &mut del, &mut ins);
                let sep = if !both.is_empty() {
                    both.clone()
                } else if !gi.is_empty() {
                    gi.clone()
                } else if had_run && !gd.is_empty() {
                    " ".to_string()
                } else {
                    String::new()
                };
                out.push_str(&sep);
                both.clear();
                gd.clear();
                gi.clear();
                out.push_str(v);
            }
            ChangeTag::Delete if blank => gd.push_str(v),
            ChangeTag::Insert if blank => gi.push_str(v),
            ChangeTag::Delete => {
                if !del.is_empty() {
                    del.push_str(&gd);
                }
                gd.clear();
                both.clear();
                del.push_str(v);
            }
            ChangeTag::Insert => {
                if !ins.is_empty() {
                    ins.push_str(&gi);
                }
                gi.clear();
                both.clear();
                ins.push_str(v);
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// The texts of some claims on one line (hard-wrapped line breaks folded to spaces).
fn joined(claims: &dyn ClaimSide, idx: &[usize]) -> String {
    idx.iter()
        .flat_map(|&i| claims.compared(i).text.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The diff of two revisions, grouped: edits first, then additions, removals and moves. Written
/// to `w` a change at a time (the diff of a long text need not be held whole).
pub fn write_diff(
    w: &mut dyn std::io::Write,
    title: &str,
    old: &dyn ClaimSide,
    new: &dyn ClaimSide,
    changes: &[Change],
    st: Style,
) -> std::io::Result<()> {
    let mut out = String::new();
    let _ = writeln!(out, "{}", st.bold(title));
    for kind in [
        ChangeKind::Edited,
        ChangeKind::Split,
        ChangeKind::Merged,
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Moved,
        ChangeKind::Unchanged,
    ] {
        let group: Vec<&Change> = changes
            .iter()
            .filter(|c| c.kind == kind && c.is_change())
            .collect();
        if group.is_empty() {
            continue;
        }
        let heading = match kind {
            ChangeKind::Unchanged => "same text, attribution changed",
            k => k.as_str(),
        };
        let _ = writeln!(
            out,
            "\n{}",
            st.bold(&format!("{heading} ({})", group.len()))
        );
        for c in group {
            w.write_all(out.as_bytes())?;
            out.clear();
            let ids_old: Vec<String> = c.old.iter().map(|&i| old.claim(i).id.to_string()).collect();
            let ids_new: Vec<String> = c.new.iter().map(|&j| new.claim(j).id.to_string()).collect();
            let flags: Vec<&str> = c.flags.iter().map(|f| f.as_str()).collect();
            let sim = c
                .similarity
                .map(|s| format!(" similarity {s:.2}"))
                .unwrap_or_default();
            let ids = match (ids_old.is_empty(), ids_new.is_empty()) {
                (false, false) => format!("{} -> {}", ids_old.join("+"), ids_new.join("+")),
                (true, _) => ids_new.join("+"),
                (_, true) => ids_old.join("+"),
            };
            let flag_text = if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", st.yellow(&flags.join(", ")))
            };
            let _ = writeln!(out, "{}{flag_text}{}", st.cyan(&ids), st.dim(&sim));
            match kind {
                ChangeKind::Added => {
                    let _ = writeln!(out, "  {}", st.green(&format!("+ {}", joined(new, &c.new))));
                    let _ = writeln!(
                        out,
                        "  {}",
                        st.dim(&format!(
                            "source: {}",
                            attribution(new.compared(c.new[0]).attribution)
                        ))
                    );
                }
                ChangeKind::Removed => {
                    let _ = writeln!(out, "  {}", st.red(&format!("- {}", joined(old, &c.old))));
                    let _ = writeln!(
                        out,
                        "  {}",
                        st.dim(&format!(
                            "source: {}",
                            attribution(old.compared(c.old[0]).attribution)
                        ))
                    );
                }
                ChangeKind::Moved => {
                    let _ = writeln!(out, "  {}", ellipsize(new.compared(c.new[0]).text, 200));
                    let before = attribution(old.compared(c.old[0]).attribution);
                    let after = attribution(new.compared(c.new[0]).attribution);
                    if before != after {
                        let _ =
                            writeln!(out, "  {}", st.dim(&format!("source: {before} -> {after}")));
                    }
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "  {}",
                        inline_diff(&joined(old, &c.old), &joined(new, &c.new), st)
                    );
                    let before = attribution(old.compared(c.old[0]).attribution);
                    let after = attribution(new.compared(c.new[0]).attribution);
                    if before == after {
                        let _ = writeln!(out, "  {}", st.dim(&format!("source: {before}")));
                    } else {
                        let _ =
                            writeln!(out, "  {}", st.dim(&format!("source: {before} -> {after}")));
                    }
                }
            }
        }
    }
    let counts: Vec<String> = summary(changes)
        .into_iter()
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    let _ = writeln!(out, "\n{}", counts.join(", "));
    w.write_all(out.as_bytes())
}

/// Findings, one block each, then a one-line summary that says whether the run failed and why.
pub fn check(report: &Report, gate: Gate, st: Style) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let sev = match f.severity {
            Severity::Error => st.red("error"),
            _ => st.yellow("warning"),
        };
        let loc = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            (Some(file), None) => file.clone(),
            _ => String::new(),
        };
        let claim = f
            .claim
            .as_deref()
            .map(|c| format!(" {}", st.cyan(c)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{sev}[{}] {}{claim}: {}",
            st.bold(f.code.as_str()),
            loc,
            f.message
        );
    }
    let mut line = format!(
        "checked {}, {}: {}, {}",
        plural(report.articles, "article"),
        plural(report.claims, "claim"),
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning")
    );
    if gate.promoted > 0 {
        line.push_str(&format!(
            "; failed under --strict ({} counted as errors)",
            plural(gate.promoted, "warning")
        ));
    }
    let _ = writeln!(
        out,
        "{}",
        if gate.failed(report) {
            st.red(&line)
        } else {
            st.green(&line)
        }
    );
    out
}

/// A claim and its lineage across revisions, oldest first, with the status history.
pub fn show(article: &str, claim: &Claim, lineage: &[&Claim], st: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} in {article}",
        st.bold("claim"),
        st.cyan(&claim.id)
    );
    let _ = writeln!(out, "sha256   {}", claim.sha256);
    let _ = writeln!(out, "status   {}", claim.status);
    let _ = writeln!(
        out,
        "present  {}",
        if claim.present {
            "yes".to_string()
        } else {
            format!("no (last seen in {})", claim.last_seen)
        }
    );
    let _ = writeln!(out, "source   {}", attribution(&claim.attribution));
    let f = features(claim);
    if !f.is_empty() {
        let _ = writeln!(out, "features {f}");
    }
    for e in &claim.evidence {
        let parts: Vec<&str> = [e.url.as_deref(), e.note.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let _ = writeln!(out, "evidence {}", parts.join(" \u{2014} "));
    }
    if let Some(n) = &claim.note {
        let _ = writeln!(out, "note     {n}");
    }
    let _ = writeln!(out, "\n{}", st.bold("lineage"));
    for c in lineage {
        let span = if !c.seen_in.is_empty() {
            format!("in {}", c.seen_in.join(", "))
        } else if c.first_seen == c.last_seen {
            c.first_seen.to_string()
        } else {
            format!("{}..{}", c.first_seen, c.last_seen)
        };
        let step = match &c.supersedes {
            Some(s) => {
                let flags: Vec<&str> = s.flags.iter().map(|f| f.as_str()).collect();
                format!(
                    " edited from {} [{}] similarity {:.2}",
                    s.id,
                    flags.join(", "),
                    s.similarity
                )
            }
            None => String::new(),
        };
        let _ = writeln!(out, "{} {}{}", st.cyan(&c.id), span, st.yellow(&step));
        let _ = writeln!(out, "  {}", ellipsize(&c.text, 400));
        let _ = writeln!(
            out,
            "  {}",
            st.dim(&format!("source: {}", attribution(&c.attribution)))
        );
    }
    if !claim.history.is_empty() {
        let _ = writeln!(out, "\n{}", st.bold("status history"));
        for h in &claim.history {
            let _ = writeln!(out, "{}: {} -> {} ({})", h.rev, h.from, h.to, h.reason);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_diff_groups_runs() {
        let st = Style { color: false };
        assert_eq!(
            inline_diff("and likely wants it", "and wants it", st),
            "and [-likely-] wants it"
        );
        assert_eq!(
            inline_diff(
                "invaded more than two years ago",
                "invaded nearly three years ago",
                st
            ),
            "invaded [-more than two-]{+nearly three+} years ago"
        );
        assert_eq!(
            inline_diff("that some call", "that European diplomats call", st),
            "that [-some-]{+European diplomats+} call"
        );
        assert_eq!(inline_diff("same text", "same text", st), "same text");
        assert!(inline_diff("a b", "a c", Style { color: true }).contains("\x1b[31m"));
    }
}
