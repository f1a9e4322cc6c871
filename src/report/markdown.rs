//! Owns the Markdown output: a compact diff report fit for a pull-request comment.

use std::fmt::Write;

use super::human::{attribution, word_diff};
use crate::diff::{Change, ChangeKind, ClaimSide, summary};
use crate::model::Attribution;

fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// Text for a table cell with Markdown's inline marks escaped, so a claim's own `*` or `~` cannot
/// turn into emphasis or strike-through.
fn text_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in cell(s).chars() {
        if matches!(c, '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn texts(claims: &dyn ClaimSide, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| text_cell(claims.compared(i).text))
        .collect::<Vec<_>>()
        .join(" ")
}

fn ids(claims: &dyn ClaimSide, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| format!("`{}`", claims.claim(i).id))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Who stands behind the claims (before → after when that changed).
fn source(before: Option<&Attribution>, after: Option<&Attribution>) -> String {
    let a = |c: &Attribution| text_cell(&attribution(c));
    match (before, after) {
        (Some(b), Some(n)) if a(b) != a(n) => format!("{} → {}", a(b), a(n)),
        (_, Some(c)) | (Some(c), None) => a(c),
        (None, None) => String::new(),
    }
}

/// A heading, a summary line and a table of every change but the unchanged claims: the claim ids,
/// the flags, the text with its word-level changes (~~deleted~~ **inserted**) and the sources.
/// Written to `w` a row at a time (the diff of a long text need not be held whole).
pub fn write_diff(
    w: &mut dyn std::io::Write,
    title: &str,
    old: &dyn ClaimSide,
    new: &dyn ClaimSide,
    changes: &[Change],
) -> std::io::Result<()> {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", cell(title));
    let counts: Vec<String> = summary(changes)
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(k, n)| format!("**{n}** {}", k.as_str()))
        .collect();
    let _ = writeln!(out, "{}\n", counts.join(" · "));
    if !changes.iter().any(Change::is_change) {
        let _ = writeln!(out, "No claim changed.");
        return w.write_all(out.as_bytes());
    }
    let _ = writeln!(out, "| change | claim | flags | text | source |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for c in changes.iter().filter(|c| c.is_change()) {
        w.write_all(out.as_bytes())?;
        out.clear();
        let flags: Vec<String> = c
            .flags
            .iter()
            .map(|f| format!("`{}`", f.as_str()))
            .collect();
        let claim = match (c.old.is_empty(), c.new.is_empty()) {
            (false, false) if !matches!(c.kind, ChangeKind::Moved | ChangeKind::Unchanged) => {
                format!("{} → {}", ids(old, &c.old), ids(new, &c.new))
            }
            (_, false) => ids(new, &c.new),
            _ => ids(old, &c.old),
        };
        let text = match c.kind {
            ChangeKind::Added | ChangeKind::Moved => texts(new, &c.new),
            ChangeKind::Removed => format!("~~{}~~", texts(old, &c.old)),
            _ => word_diff(&texts(old, &c.old), &texts(new, &c.new), &|deleted, run| {
                let run = run.trim();
                if deleted {
                    format!("~~{run}~~")
                } else {
                    format!("**{run}**")
                }
            }),
        };
        let src = source(
            c.old.first().map(|&i| old.compared(i).attribution),
            c.new.first().map(|&j| new.compared(j).attribution),
        );
        let _ = writeln!(
            out,
            "| {} | {claim} | {} | {text} | {src} |",
            c.kind.as_str(),
            flags.join(" "),
        );
    }
    w.write_all(out.as_bytes())
}

/// Text for a table cell outside code spans: one line, pipes and angle brackets escaped, so an
/// article's `<b>` or `|` shows as written in a pull-request comment.
fn finding_cell(s: &str) -> String {
    cell(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `check --format markdown`: a verdict line, the counts per code, and every finding in a
/// collapsible table, for a pull-request comment.
pub fn check(report: &crate::check::Report) -> String {
    use crate::check::Severity;
    let mut out = String::new();
    let (errors, warnings) = (report.errors(), report.warnings());
    let verdict = if errors > 0 {
        format!("\u{274c} {}", super::plural(errors, "error"))
    } else {
        "\u{2705} no errors".to_string()
    };
    let _ = writeln!(out, "### claimtrail check: {verdict}\n");
    let _ = writeln!(
        out,
        "**{}** · **{}** · **{errors}** errors · **{warnings}** warnings\n",
        super::plural(report.articles, "article"),
        super::plural(report.claims, "claim"),
    );
    if report.findings.is_empty() {
        let _ = writeln!(out, "No findings.");
        return out;
    }
    let mut by_code: Vec<(crate::check::Code, Severity, usize)> = Vec::new();
    for f in &report.findings {
        match by_code
            .iter_mut()
            .find(|(c, s, _)| *c == f.code && *s == f.severity)
        {
            Some(row) => row.2 += 1,
            None => by_code.push((f.code, f.severity, 1)),
        }
    }
    by_code.sort_by_key(|&(c, s, _)| (s != Severity::Error, c.as_str()));
    let _ = writeln!(out, "| code | severity | findings |\n| --- | --- | ---: |");
    for (c, s, n) in &by_code {
        let _ = writeln!(out, "| `{}` | {} | {n} |", c.as_str(), s.as_str());
    }
    let _ = writeln!(
        out,
        "\n<details><summary>{}</summary>\n",
        super::plural(report.findings.len(), "finding")
    );
    let _ = writeln!(
        out,
        "| severity | code | where | claim | message |\n| --- | --- | --- | --- | --- |"
    );
    for f in &report.findings {
        let loc = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!("`{file}:{line}`"),
            (Some(file), None) => format!("`{file}`"),
            _ => String::new(),
        };
        let claim = f
            .claim
            .as_deref()
            .map(|c| format!("`{c}`"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | `{}` | {loc} | {claim} | {} |",
            f.severity.as_str(),
            f.code.as_str(),
            finding_cell(&f.message)
        );
    }
    let _ = writeln!(out, "\n</details>");
    out
}

/// docs/codes.md: every finding code with its default severity, meaning and fix.
pub fn codes(codes: &[crate::check::Code]) -> String {
    let mut out = String::from(
        "# Finding codes\n\n`claimtrail check` reports these codes. They are public API: a code is never renamed or reused.\n\
Set a severity per code in `claimtrail.toml` (`[policy]`, `error`, `warning` or `off`); `check --strict` treats\n\
warnings as errors. This page is generated by `claimtrail codes --format markdown`.\n",
    );
    for c in codes {
        let d = c.description();
        let mut cs = d.chars();
        let first = cs
            .next()
            .map(|f| f.to_uppercase().collect::<String>())
            .unwrap_or_default();
        let _ = write!(
            out,
            "\n## `{}`\n\nDefault severity: **{}**.\n\n{first}{}.\n\nFix: {}.\n",
            c.as_str(),
            c.default_severity().as_str(),
            cs.as_str(),
            c.fix()
        );
    }
    out
}
