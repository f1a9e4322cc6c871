//! Owns the plain data of claimtrail: claims, attribution, anchors, statuses, manifests.
//!
//! No I/O and no logic beyond small accessors: the store reads and writes these types, the
//! core fills them, the checks read them. Field order here is the key order on disk.

use std::borrow::{Borrow, Cow};
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thin_vec::ThinVec;

/// Version of the claims-file and manifest formats.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON Schema a claims file names in its `"$schema"` key (shipped in schemas/).
pub const CLAIMS_SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/claimtrail/claimtrail/main/schemas/claims.schema.json";

fn claims_schema_url() -> String {
    CLAIMS_SCHEMA_URL.to_string()
}

/// A revision label (`r1`, `2026-05-01`), as claims carry it many times over (`anchor.rev`,
/// `first_seen`, `last_seen`, `seen_in`, the history): one shared string per label instead of a
/// heap string per field, since an article has a handful of labels and hundreds of thousands of
/// claims. Reads and writes as a plain JSON string.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(Arc<str>);

/// How many distinct labels a thread shares before it makes new ones unshared (a bound, so a
/// long run over many articles keeps no more than this alive).
const SHARED_LABELS: usize = 64;

thread_local! {
    static LABELS: RefCell<Vec<Label>> = const { RefCell::new(Vec::new()) };
}

impl Label {
    /// The shared label for `s` (made once per thread and reused).
    pub fn new(s: &str) -> Label {
        LABELS.with(|labels| {
            let mut labels = labels.borrow_mut();
            if let Some(l) = labels.iter().find(|l| &*l.0 == s) {
                return l.clone();
            }
            let l = Label(Arc::from(s));
            if labels.len() < SHARED_LABELS {
                labels.push(l.clone());
            }
            l
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Label {
    fn default() -> Self {
        Label::new("")
    }
}

impl Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Label {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Label {
        Label::new(s)
    }
}

impl From<&String> for Label {
    fn from(s: &String) -> Label {
        Label::new(s)
    }
}

impl From<String> for Label {
    fn from(s: String) -> Label {
        Label::new(&s)
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Label;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Label, E> {
                Ok(Label::new(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// The schema of a plain string, exactly as for `String`.
impl schemars::JsonSchema for Label {
    fn inline_schema() -> bool {
        String::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// A `ThinVec` read with no spare room: serde's visitor grows a vector to 4 on its first
/// element, so a claim's one figure, hedge or revision label took room for four (128 bytes for
/// one string instead of 48), and a parsed claims file is most of `review`'s and `check`'s peak.
pub(crate) fn exact<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<ThinVec<T>, D::Error> {
    let mut v = ThinVec::<T>::deserialize(d)?;
    v.shrink_to_fit();
    Ok(v)
}

/// A `Vec` read with no spare room (the claims of a file: up to half again their size in
/// capacity left over from growing while parsed).
pub(crate) fn exact_vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    let mut v = Vec::<T>::deserialize(d)?;
    v.shrink_to_fit();
    Ok(v)
}

/// Who stands behind a claim.
#[derive(
    schemars::JsonSchema,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum AttributionKind {
    /// A source the article names ("the United States", "Chinese officials", "Maria Zakharova").
    Named,
    /// A source the article does not name ("some", "critics", "a person familiar with the matter").
    Unnamed,
    /// The article's own voice.
    None,
}

impl AttributionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Named => "named",
            AttributionKind::Unnamed => "unnamed",
            AttributionKind::None => "none",
        }
    }
}

/// One source of a claim: the registry id it resolved to (or none) and the phrase as written.
#[derive(
    schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct SourceRef {
    pub id: Option<String>,
    pub phrase: String,
}

/// The attribution of a claim: its kind, the cue phrase that marks it, and its sources.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    pub cue: Option<String>,
    #[serde(deserialize_with = "exact_vec")]
    pub sources: Vec<SourceRef>,
}

impl Attribution {
    /// The article's own voice.
    pub fn none() -> Self {
        Attribution {
            kind: AttributionKind::None,
            cue: None,
            sources: Vec::new(),
        }
    }
}

/// Where a claim's text stands in a revision, with context as a W3C TextQuoteSelector has it.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub rev: Label,
    /// Byte offset of the claim's first byte in the revision.
    pub start: usize,
    /// Byte offset one past the claim's last byte.
    pub end: usize,
    /// Up to 32 characters before the claim.
    pub prefix: String,
    /// Up to 32 characters after the claim.
    pub suffix: String,
}

/// Review status of a claim. Unknown strings are kept, so `check` can report them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Unverified,
    Supported,
    Disputed,
    False,
    Misleading,
    Opinion,
    NeedsReview,
    Unknown(String),
}

impl Status {
    /// Every known status, in documentation order.
    pub const KNOWN: [Status; 7] = [
        Status::Unverified,
        Status::Supported,
        Status::Disputed,
        Status::False,
        Status::Misleading,
        Status::Opinion,
        Status::NeedsReview,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            Status::Unverified => "unverified",
            Status::Supported => "supported",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::Misleading => "misleading",
            Status::Opinion => "opinion",
            Status::NeedsReview => "needs-review",
            Status::Unknown(s) => s,
        }
    }

    pub fn parse(s: &str) -> Status {
        Status::KNOWN
            .iter()
            .find(|k| k.as_str() == s)
            .cloned()
            .unwrap_or_else(|| Status::Unknown(s.to_string()))
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Status::Unknown(_))
    }

    /// What the status means, for help text and docs.
    pub fn meaning(&self) -> &'static str {
        match self {
            Status::Unverified => "nobody has reviewed the claim yet",
            Status::Supported => "evidence supports the claim",
            Status::Disputed => "credible evidence or sources contest the claim",
            Status::False => "evidence shows the claim is false",
            Status::Misleading => "accurate in part but leaves a false impression",
            Status::Opinion => "a judgement or forecast, not checkable as fact",
            Status::NeedsReview => "the claim changed after it was reviewed; review it again",
            Status::Unknown(_) => "not a known status",
        }
    }

    /// The schema.org ClaimReview `alternateName` equivalent, for export.
    pub fn claim_review_rating(&self) -> Option<&'static str> {
        match self {
            Status::Supported => Some("True"),
            Status::Disputed => Some("Disputed"),
            Status::False => Some("False"),
            Status::Misleading => Some("Misleading"),
            Status::Opinion => Some("Opinion"),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Status::parse(&s))
    }
}

/// A piece of evidence for a review: a URL, a note, or both.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub url: Option<String>,
    pub note: Option<String>,
}

/// One step in a claim's status history.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The revision current when the status changed.
    pub rev: Label,
    pub from: Status,
    pub to: Status,
    /// Why: `review` or `changed: <flags>`.
    pub reason: String,
}

/// What changed between two aligned claims.
#[derive(
    schemars::JsonSchema,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    Reworded,
    AttributionChanged,
    AttributionDropped,
    AttributionAdded,
    HedgeAdded,
    HedgeRemoved,
    FigureChanged,
    NegationChanged,
    Moved,
}

impl Flag {
    pub const ALL: [Flag; 9] = [
        Flag::Reworded,
        Flag::AttributionChanged,
        Flag::AttributionDropped,
        Flag::AttributionAdded,
        Flag::HedgeAdded,
        Flag::HedgeRemoved,
        Flag::FigureChanged,
        Flag::NegationChanged,
        Flag::Moved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Reworded => "reworded",
            Flag::AttributionChanged => "attribution-changed",
            Flag::AttributionDropped => "attribution-dropped",
            Flag::AttributionAdded => "attribution-added",
            Flag::HedgeAdded => "hedge-added",
            Flag::HedgeRemoved => "hedge-removed",
            Flag::FigureChanged => "figure-changed",
            Flag::NegationChanged => "negation-changed",
            Flag::Moved => "moved",
        }
    }

    /// Whether the flag changes what the claim asserts or who stands behind it (all but `moved`).
    pub fn is_substantive(self) -> bool {
        self != Flag::Moved
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Reworded => "the wording changed beyond what the other flags account for",
            Flag::AttributionChanged => "the sources or the cue changed",
            Flag::AttributionDropped => "it had a source; now it stands in the article's own voice",
            Flag::AttributionAdded => "it stood in the article's own voice; now it has a source",
            Flag::HedgeAdded => "a hedge (likely, may, reportedly, ...) appeared",
            Flag::HedgeRemoved => "a hedge disappeared: the claim is now stated more firmly",
            Flag::FigureChanged => "a number, date, percentage or ordinal differs",
            Flag::NegationChanged => "a negation (not, never, no, n't) appeared or disappeared",
            Flag::Moved => "its position relative to the other claims changed",
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a claim is checkable (it asserts something a fact-checker can verify) or is not.
#[derive(
    schemars::JsonSchema,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum CheckReason {
    /// Checkable: a number, amount, percentage or ordinal.
    Figure,
    /// Checkable: a date, year or weekday.
    Date,
    /// Checkable: a comparison, superlative or change ("more than", "largest", "rose").
    Comparison,
    /// Checkable: a named person, place or organization that did something (a past action).
    NamedActor,
    /// Checkable: a cause and its effect ("because", "led to").
    Causal,
    /// Not checkable: a headline, title-case line or a fragment with no verb.
    Headline,
    /// Not checkable: a question.
    Question,
    /// Not checkable: an opinion or recommendation ("should", "I think", "some call").
    Opinion,
    /// Not checkable: a hedged or conditional claim ("likely", "is expected to", "would").
    Speculation,
    /// Not checkable: description with none of the checkable marks.
    SceneSetting,
}

impl CheckReason {
    pub const ALL: [CheckReason; 10] = [
        CheckReason::Figure,
        CheckReason::Date,
        CheckReason::Comparison,
        CheckReason::NamedActor,
        CheckReason::Causal,
        CheckReason::Headline,
        CheckReason::Question,
        CheckReason::Opinion,
        CheckReason::Speculation,
        CheckReason::SceneSetting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckReason::Figure => "figure",
            CheckReason::Date => "date",
            CheckReason::Comparison => "comparison",
            CheckReason::NamedActor => "named-actor",
            CheckReason::Causal => "causal",
            CheckReason::Headline => "headline",
            CheckReason::Question => "question",
            CheckReason::Opinion => "opinion",
            CheckReason::Speculation => "speculation",
            CheckReason::SceneSetting => "scene-setting",
        }
    }

    /// Whether the reason makes a claim checkable (the first five) or not.
    pub fn is_checkable(self) -> bool {
        matches!(
            self,
            CheckReason::Figure
                | CheckReason::Date
                | CheckReason::Comparison
                | CheckReason::NamedActor
                | CheckReason::Causal
        )
    }
}

impl fmt::Display for CheckReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn yes() -> bool {
    true
}

/// The claim this one replaced, and how it changed.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Supersedes {
    pub id: String,
    pub rev: Label,
    pub flags: Vec<Flag>,
    pub similarity: f64,
}

// Held by the hundred thousand for a long article, so kept lean in memory without changing a
// byte of its JSON (or of its schema, hence a plain comment here): revision labels are shared
// (`Label`), the vectors that are mostly empty are `ThinVec`s (one pointer, and no allocation
// while empty, where a `Vec` takes three words), and the rarely set `supersedes` is boxed.
/// One tracked claim.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub sha256: String,
    pub text: String,
    pub attribution: Attribution,
    #[schemars(with = "Vec<String>")]
    #[serde(deserialize_with = "exact")]
    pub hedges: ThinVec<String>,
    #[schemars(with = "Vec<String>")]
    #[serde(deserialize_with = "exact")]
    pub figures: ThinVec<String>,
    pub negated: bool,
    /// Whether the claim asserts something verifiable; see `checkable_why`. A claims file written
    /// before this field reads as checkable, so nothing it held goes unreported.
    #[serde(default = "yes")]
    pub checkable: bool,
    /// Why it is checkable (figure, date, comparison, named-actor, causal) or why not (headline,
    /// question, opinion, speculation, scene-setting).
    #[serde(default)]
    #[schemars(with = "Vec<CheckReason>")]
    #[serde(deserialize_with = "exact")]
    pub checkable_why: ThinVec<CheckReason>,
    pub anchor: Anchor,
    /// Where the same text occurs again in the anchor's revision, in order (the anchor is the
    /// first occurrence). Written only when the text repeats, so most claims do not have it.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    #[schemars(with = "Vec<Anchor>")]
    #[serde(deserialize_with = "exact")]
    pub repeats: ThinVec<Anchor>,
    pub first_seen: Label,
    pub last_seen: Label,
    /// The extracted revisions the claim was present in, oldest first: a claim that left and came
    /// back shows the gap (`["r1", "r3"]`). Empty in claims files written before this field.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    #[serde(deserialize_with = "exact")]
    pub seen_in: ThinVec<Label>,
    pub present: bool,
    pub status: Status,
    #[schemars(with = "Vec<Evidence>")]
    #[serde(deserialize_with = "exact")]
    pub evidence: ThinVec<Evidence>,
    pub note: Option<String>,
    pub supersedes: Option<Box<Supersedes>>,
    #[schemars(with = "Vec<String>")]
    #[serde(deserialize_with = "exact")]
    pub superseded_by: ThinVec<String>,
    #[schemars(with = "Vec<StatusChange>")]
    #[serde(deserialize_with = "exact")]
    pub history: ThinVec<StatusChange>,
}

impl Claim {
    /// Unsupported: nobody stands behind it, nothing backs it, nobody reviewed it.
    pub fn is_unsupported(&self) -> bool {
        self.attribution.kind == AttributionKind::None
            && self.evidence.is_empty()
            && self.status == Status::Unverified
    }

    /// It had a source in the revision before, and lost it in this one.
    pub fn lost_its_source(&self) -> bool {
        self.supersedes
            .as_ref()
            .is_some_and(|s| s.flags.contains(&Flag::AttributionDropped))
            && self.attribution.kind == AttributionKind::None
    }

    /// What `unsupported-claim` reports: an unsupported claim that is checkable, or that lost its
    /// source in a revision (always worth a look, checkable or not).
    pub fn needs_support(&self) -> bool {
        self.is_unsupported() && (self.checkable || self.lost_its_source())
    }
}

/// `claims/<article>.json`.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimsFile {
    /// The JSON Schema of the file, for editors and validators (files written before it was
    /// added read as if they had it).
    #[serde(rename = "$schema", default = "claims_schema_url")]
    pub schema_url: String,
    pub schema: u32,
    pub normalization: String,
    pub article: String,
    /// The revision last extracted.
    pub revision: String,
    /// sha256 of the last line of `<article>.ledger.jsonl` (none before the first review), so
    /// that a removed or edited last line is evident too.
    pub ledger_head: Option<String>,
    #[serde(deserialize_with = "exact_vec")]
    pub claims: Vec<Claim>,
}

/// One stored revision of an article.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionEntry {
    pub label: String,
    pub sha256: String,
    pub bytes: u64,
    pub captured_at: String,
    pub source_url: Option<String>,
    /// Where the text was read from, when it was read from a web page (absent for plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<Capture>,
}

/// The provenance of a revision read from a web page: the raw bytes as captured (kept
/// compressed beside the text, immutable), how they were fetched, and which extractor read them.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capture {
    /// The raw file, relative to the article's snapshots folder (`captures/<sha256>.gz`).
    pub file: String,
    /// sha256 of the raw bytes (before compression).
    pub sha256: String,
    /// Length of the raw bytes.
    pub bytes: u64,
    /// The media type: the HTTP `Content-Type`, or `text/html` for a page read from a file.
    pub content_type: String,
    /// The encoding the page was decoded with (`UTF-8`, `windows-1252`, ...).
    pub charset: String,
    /// The URL asked for (none for a page read from a file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The URL after redirects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// When the page was fetched, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    pub extractor: Extractor,
}

/// The extractor that read a capture into text.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extractor {
    pub name: String,
    pub version: String,
}

/// `snapshots/<article>/manifest.json`: the revisions in order.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    pub article: String,
    pub revisions: Vec<RevisionEntry>,
}

impl Manifest {
    pub fn latest(&self) -> Option<&RevisionEntry> {
        self.revisions.last()
    }

    pub fn get(&self, label: &str) -> Option<&RevisionEntry> {
        self.revisions.iter().find(|r| r.label == label)
    }

    pub fn position(&self, label: &str) -> Option<usize> {
        self.revisions.iter().position(|r| r.label == label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_stays_lean() {
        // 592 bytes before labels were shared and the mostly empty vectors thinned; a long
        // article holds hundreds of thousands of claims (twice over in `diff` and `review`).
        let size = std::mem::size_of::<Claim>();
        println!("size_of::<Claim>() = {size}");
        assert!(size <= 400, "size_of::<Claim>() = {size}");
    }

    #[test]
    fn labels_are_shared_and_read_as_strings() {
        let a = Label::new("r1");
        let b: Label = serde_json::from_str("\"r1\"").unwrap();
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"r1\"");
        assert_eq!(b, "r1");
        assert_eq!(format!("{b} {b:?}"), "r1 \"r1\"");
        let escaped: Label = serde_json::from_str("\"r\\u00e9\"").unwrap();
        assert_eq!(escaped.as_str(), "r\u{e9}");
        assert_eq!(
            serde_json::to_value(schemars::schema_for!(Label)).unwrap(),
            serde_json::to_value(schemars::schema_for!(String)).unwrap()
        );
    }
}
