//! Owns the SARIF 2.1.0 output: one rule per finding code, results located at the claims file
//! line, with the claim's sha256 as a fingerprint so code-scanning tracks it across edits.

use serde_json::{Value, json};

use crate::check::{Code, Report, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Off => "none",
    }
}

pub fn check(report: &Report, codes: &[Code]) -> String {
    let rules: Vec<Value> = codes
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "shortDescription": {"text": c.description()},
                "help": {"text": c.fix()},
                "defaultConfiguration": {"level": level(c.default_severity())},
                "helpUri": format!("https://github.com/claimtrail/claimtrail/blob/main/docs/codes.md#{}", c.as_str()),
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut r = json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": codes.iter().position(|c| *c == f.code).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
            });
            if let Some(file) = &f.file {
                let mut phys = json!({"artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"}});
                if let Some(line) = f.line {
                    phys["region"] = json!({"startLine": line});
                }
                r["locations"] = json!([{"physicalLocation": phys}]);
            }
            if let Some(sha) = &f.sha256 {
                r["partialFingerprints"] = json!({"claimSha256/v1": sha});
            }
            let mut props = serde_json::Map::new();
            if let Some(a) = &f.article {
                props.insert("article".into(), json!(a));
            }
            if let Some(c) = &f.claim {
                props.insert("claim".into(), json!(c));
            }
            if !props.is_empty() {
                r["properties"] = Value::Object(props);
            }
            r
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimtrail",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/claimtrail/claimtrail",
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("json values serialize");
    s.push('\n');
    s
}
