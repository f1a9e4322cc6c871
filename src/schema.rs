//! Owns the JSON Schemas (draft 2020-12) of claimtrail's files and `--format json` documents,
//! generated with schemars from the model types, so a field added to the model appears in the
//! schemas when they are regenerated (`UPDATE_SCHEMAS=1 cargo test --test schemas`).
//!
//! The document types here only describe shapes; `report::json` writes the documents, and
//! `tests/schemas.rs` checks that the shipped files in schemas/ are current and that every
//! document the tests produce validates. Every object is closed (`additionalProperties: false`):
//! a new field is a schema change, as it is a contract change.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Value, json};

use crate::check::Code;
use crate::diff::ChangeKind;
use crate::ledger;
use crate::model::{Claim, ClaimsFile, Flag, Manifest, RevisionEntry, Status};

/// Where the schemas are published; each file's `$id` is this plus its name.
pub const BASE_URL: &str = "https://raw.githubusercontent.com/claimtrail/claimtrail/main/schemas/";

impl JsonSchema for Status {
    fn schema_name() -> Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let known: Vec<&str> = Status::KNOWN.iter().map(|s| s.as_str()).collect();
        json_schema!({
            "description": "Review status of a claim.",
            "type": "string",
            "enum": known
        })
    }
}

/// `extract` and `claims`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct ClaimsDoc {
    version: u32,
    article: String,
    revision: String,
    claims: Vec<Claim>,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct Sentence {
    /// Byte offset of the sentence's first byte.
    start: usize,
    /// Byte offset one past its last byte.
    end: usize,
    text: String,
    /// Page furniture, skipped when claims are taken.
    boilerplate: bool,
}

/// `inspect`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct InspectDoc {
    version: u32,
    sentences: Vec<Sentence>,
    claims: Vec<Claim>,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Severity {
    Error,
    Warning,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct Finding {
    /// A finding code (see docs/codes.md).
    code: String,
    severity: Severity,
    message: String,
    article: Option<String>,
    claim: Option<String>,
    /// Workspace-relative path.
    file: Option<String>,
    /// 1-based line in `file`.
    line: Option<usize>,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct CheckSummary {
    errors: usize,
    warnings: usize,
    articles: usize,
    claims: usize,
    /// Whether the run fails (exit 1): any error, after `--strict`.
    failed: bool,
    /// Whether `--strict` was given: warnings are then reported as errors.
    strict: bool,
    /// How many of `errors` are warnings that `--strict` made errors.
    promoted: usize,
}

/// `check`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct CheckDoc {
    version: u32,
    findings: Vec<Finding>,
    summary: CheckSummary,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct DiffSummary {
    unchanged: usize,
    edited: usize,
    moved: usize,
    added: usize,
    removed: usize,
    split: usize,
    merged: usize,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct Change {
    kind: ChangeKind,
    flags: Vec<Flag>,
    /// Word-level similarity, 0..1; null for added and removed claims.
    similarity: Option<f64>,
    old: Vec<Claim>,
    new: Vec<Claim>,
}

/// `diff`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct DiffDoc {
    version: u32,
    /// Null for `diff --files`.
    article: Option<String>,
    from: String,
    to: String,
    summary: DiffSummary,
    changes: Vec<Change>,
}

/// `show`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct ShowDoc {
    version: u32,
    article: String,
    claim: Claim,
    /// The claim's versions across revisions, oldest first.
    lineage: Vec<Claim>,
}

/// `hash`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct HashDoc {
    version: u32,
    normalization: String,
    normalized: String,
    sha256: String,
    id: String,
}

/// `text`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct TextDoc {
    version: u32,
    /// The URL the page was fetched from (null for a file or standard input).
    url: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    /// The publication time the page declares, as written there.
    published: Option<String>,
    /// The page's language tag, e.g. `en`.
    language: Option<String>,
    /// The article text claimtrail reads: headline, then paragraphs separated by blank lines.
    text: String,
}

/// One article of `fetch`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct FetchArticle {
    article: String,
    url: String,
    /// `stored`, `unchanged` or `failed`.
    outcome: FetchOutcome,
    /// The revision stored (for `stored`).
    revision: Option<String>,
    /// Why it is unchanged or failed.
    message: Option<String>,
}

#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum FetchOutcome {
    Stored,
    Unchanged,
    Failed,
}

/// `fetch`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct FetchDoc {
    version: u32,
    articles: Vec<FetchArticle>,
}

/// `review`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct ReviewDoc {
    version: u32,
    article: String,
    reviewed: Vec<Claim>,
}

/// `log`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct LogDoc {
    version: u32,
    article: String,
    /// Newest first.
    entries: Vec<ledger::Entry>,
}

/// `snapshot add`.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct SnapshotAddDoc {
    version: u32,
    article: String,
    /// False when the bytes equal the latest revision's (nothing stored).
    stored: bool,
    revision: RevisionEntry,
}

/// `snapshot list`: the manifest with the document version.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct SnapshotListDoc {
    version: u32,
    #[serde(flatten)]
    manifest: Manifest,
}

/// Close every object that lists its properties, recursively.
fn close_objects(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".to_string(), Value::Bool(false));
            }
            for (_, x) in map.iter_mut() {
                close_objects(x);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

fn generate<T: JsonSchema>(file: &str, title: &str, description: &str) -> (String, Value) {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut v = schema.to_value();
    close_objects(&mut v);
    let map = v.as_object_mut().expect("a root schema is an object");
    map.insert("$id".to_string(), json!(format!("{BASE_URL}{file}")));
    map.insert("title".to_string(), json!(title));
    map.insert("description".to_string(), json!(description));
    // The document version is fixed: a new version is a new schema.
    if let Some(props) = map.get_mut("properties").and_then(Value::as_object_mut)
        && props.contains_key("version")
    {
        props.insert(
            "version".to_string(),
            json!({"const": crate::report::json::VERSION}),
        );
    }
    (file.to_string(), v)
}

/// Restrict a `code` property anywhere below `v` to the finding codes that exist.
fn enumerate_codes(v: &mut Value) {
    if let Some(Value::Object(f)) = v.pointer_mut("/$defs/Finding/properties/code") {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        f.insert("enum".to_string(), json!(codes));
    }
}

/// Every schema: (file name under schemas/, schema).
pub fn all() -> Vec<(String, Value)> {
    let mut out = vec![
        generate::<ClaimsFile>(
            "claims.schema.json",
            "claimtrail claims file",
            "claims/<article>.json: the tracked claims of an article.",
        ),
        generate::<Manifest>(
            "manifest.schema.json",
            "claimtrail snapshot manifest",
            "snapshots/<article>/manifest.json: the stored revisions in order.",
        ),
        generate::<ledger::Entry>(
            "ledger-entry.schema.json",
            "claimtrail ledger line",
            "One line of claims/<article>.ledger.jsonl: a status change, chained by sha256.",
        ),
        generate::<ClaimsDoc>(
            "claims-output.schema.json",
            "claimtrail extract/claims --format json",
            "The claims of an article's revision.",
        ),
        generate::<InspectDoc>(
            "inspect-output.schema.json",
            "claimtrail inspect --format json",
            "Every sentence of a text and the claims taken from it.",
        ),
        generate::<CheckDoc>(
            "check-output.schema.json",
            "claimtrail check --format json",
            "The findings of check and their counts.",
        ),
        generate::<DiffDoc>(
            "diff-output.schema.json",
            "claimtrail diff --format json",
            "The claim-level changes between two revisions.",
        ),
        generate::<ShowDoc>(
            "show-output.schema.json",
            "claimtrail show --format json",
            "One claim with its lineage.",
        ),
        generate::<HashDoc>(
            "hash-output.schema.json",
            "claimtrail hash --format json",
            "The normalized form, sha256 and id of a text.",
        ),
        generate::<ReviewDoc>(
            "review-output.schema.json",
            "claimtrail review --format json",
            "The claims a review changed.",
        ),
        generate::<LogDoc>(
            "log-output.schema.json",
            "claimtrail log --format json",
            "The review ledger, newest first.",
        ),
        generate::<SnapshotAddDoc>(
            "snapshot-add-output.schema.json",
            "claimtrail snapshot add --format json",
            "The revision stored (or found identical to the latest).",
        ),
        generate::<TextDoc>(
            "text-output.schema.json",
            "claimtrail text --format json",
            "The article text read from a page or file, with what the page says about itself.",
        ),
        generate::<FetchDoc>(
            "fetch-output.schema.json",
            "claimtrail fetch --format json",
            "What fetching each article came to.",
        ),
        generate::<SnapshotListDoc>(
            "snapshot-list-output.schema.json",
            "claimtrail snapshot list --format json",
            "The manifest of an article.",
        ),
    ];
    for (_, v) in &mut out {
        enumerate_codes(v);
    }
    out
}

/// The bytes of a schema file: pretty JSON with a trailing newline.
pub fn file_bytes(schema: &Value) -> Vec<u8> {
    crate::store::to_json_bytes(schema)
}

#[cfg(test)]
mod tests {
    #[test]
    fn claims_files_name_the_shipped_schema() {
        assert_eq!(
            format!("{}claims.schema.json", super::BASE_URL),
            crate::model::CLAIMS_SCHEMA_URL
        );
    }
}
