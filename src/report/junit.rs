//! Owns the JUnit XML output: one test suite per article, one test case per finding code, so CI
//! systems (GitLab, Jenkins) show what was checked and what failed.

use std::collections::BTreeSet;

use crate::check::{Code, Report, Severity};

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A test case fails when its code has an error finding; warnings are listed in system-out.
/// `articles` names every article checked, so clean ones appear as passing suites.
pub fn check(report: &Report, articles: &[String], codes: &[Code]) -> String {
    let mut names: BTreeSet<String> = articles.iter().cloned().collect();
    names.extend(report.findings.iter().filter_map(|f| f.article.clone()));
    // Failing test cases of an article: codes with at least one error finding.
    let failures = |a: &str| {
        codes
            .iter()
            .filter(|c| {
                report.findings.iter().any(|f| {
                    f.article.as_deref() == Some(a)
                        && f.code == **c
                        && f.severity == Severity::Error
                })
            })
            .count()
    };
    let failures_total: usize = names.iter().map(|a| failures(a)).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"claimtrail check\" tests=\"{}\" failures=\"{failures_total}\">\n",
        names.len() * codes.len()
    ));
    for a in &names {
        let failures = failures(a);
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\">\n",
            escape(a),
            codes.len()
        ));
        for code in codes {
            let fs: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.article.as_deref() == Some(a) && f.code == *code)
                .collect();
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(a),
                code.as_str()
            ));
            if fs.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            let lines: Vec<String> = fs
                .iter()
                .map(|f| {
                    let loc = match (&f.file, f.line) {
                        (Some(file), Some(l)) => format!("{file}:{l}: "),
                        (Some(file), None) => format!("{file}: "),
                        _ => String::new(),
                    };
                    format!("{} {loc}{}", f.severity.as_str(), f.message)
                })
                .collect();
            if fs.iter().any(|f| f.severity == Severity::Error) {
                out.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    code.as_str(),
                    escape(&format!("{} finding(s): {}", fs.len(), code.description())),
                    escape(&lines.join("\n"))
                ));
            } else {
                out.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    escape(&lines.join("\n"))
                ));
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        assert_eq!(escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
