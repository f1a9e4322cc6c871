//! Owns the Markdown output: a compact diff report fit for a pull-request comment.

use std::fmt::Write;

use crate::diff::{Change, ChangeKind, summary};
use crate::model::Claim;

fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn texts(claims: &[Claim], idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| cell(&claims[i].text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A heading, a summary line and a table of every change but the unchanged claims.
pub fn diff(title: &str, old: &[Claim], new: &[Claim], changes: &[Change]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", cell(title));
    let counts: Vec<String> = summary(changes)
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(k, n)| format!("**{n}** {}", k.as_str()))
        .collect();
    let _ = writeln!(out, "{}\n", counts.join(" · "));
    let shown: Vec<&Change> = changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged)
        .collect();
    if shown.is_empty() {
        let _ = writeln!(out, "No claim changed.");
        return out;
    }
    let _ = writeln!(out, "| change | flags | before | after |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for c in shown {
        let flags: Vec<String> = c
            .flags
            .iter()
            .map(|f| format!("`{}`", f.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.kind.as_str(),
            flags.join(" "),
            texts(old, &c.old),
            texts(new, &c.new)
        );
    }
    out
}
