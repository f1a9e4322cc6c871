//! Owns the GitHub Actions output: one workflow command per finding, so annotations land on the
//! claims file's lines in the pull request's diff.

use crate::check::{Report, Severity};

/// Escape workflow-command data (the message): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value: data escapes plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=claims/x.json,line=N,title=CODE::message`, one line per finding.
pub fn check(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = if f.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let mut props = Vec::new();
        if let Some(file) = &f.file {
            props.push(format!("file={}", escape_property(file)));
        }
        if let Some(line) = f.line {
            props.push(format!("line={line}"));
        }
        props.push(format!("title={}", escape_property(f.code.as_str())));
        let claim = f
            .claim
            .as_deref()
            .map(|c| format!(" (claim {c})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "::{level} {}::{}{}\n",
            props.join(","),
            escape_data(&f.message),
            escape_data(&claim)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\nnext\r"), "50%25 done%0Anext%0D");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
