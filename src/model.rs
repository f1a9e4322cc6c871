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

/// The traits that make `$t` (with an `as_str` method and `From<&str>` and `From<String>`) read,
/// write, compare and print as the plain string it holds, with the schema of a `String`.
macro_rules! string_like {
    ($t:ty $(, const $n:ident)?) => {
        impl<$(const $n: usize)?> Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl<$(const $n: usize)?> AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl<$(const $n: usize)?> Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl<$(const $n: usize)?> PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl<$(const $n: usize)?> PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl<$(const $n: usize)?> PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other
            }
        }

        impl<$(const $n: usize)?> PartialEq<$t> for str {
            fn eq(&self, other: &$t) -> bool {
                self == other.as_str()
            }
        }

        impl<$(const $n: usize)?> PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                *self == other.as_str()
            }
        }

        impl<$(const $n: usize)?> PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                self == other.as_str()
            }
        }

        impl<$(const $n: usize)?> fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<$(const $n: usize)?> fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl<$(const $n: usize)?> Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de, $(const $n: usize)?> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(StrVisitor::<$t>(std::marker::PhantomData))
            }
        }

        /// The schema of a plain string, exactly as for `String`.
        impl<$(const $n: usize)?> schemars::JsonSchema for $t {
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
    };
}

/// Reads a JSON string into any of the string-like types, taking over serde's own `String` when
/// it hands one over.
struct StrVisitor<T>(std::marker::PhantomData<T>);

impl<T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'_> for StrVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from(v))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<T, E> {
        Ok(T::from(v))
    }
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

string_like!(Label);

/// A claim's id (12 hex digits) or sha256 (64), as claims carry one of each and an article has
/// hundreds of thousands of claims: well-formed values (exactly `N` lowercase hex digits, all
/// that claimtrail writes) are held inline, with no heap string; anything else (a hand-edited
/// claims file) is kept verbatim on the heap, so `check` still reports it as written. Reads,
/// writes, compares, orders and hashes exactly as the string it holds.
#[derive(Clone, PartialEq, Eq)]
pub struct Hex<const N: usize>(HexRepr<N>);

// Private, so a value is inline exactly when it is well formed: the derived equality (of bytes or
// of heap strings) is then the strings' equality.
#[derive(Clone, PartialEq, Eq)]
enum HexRepr<const N: usize> {
    Inline([u8; N]),
    Other(Box<str>),
}

/// A claim id: the first 12 hex digits of its hash (`hash::ID_LEN`).
pub type ClaimId = Hex<12>;
/// A claim hash: 64 hex digits of sha256.
pub type ClaimHash = Hex<64>;

impl<const N: usize> Hex<N> {
    /// `s` inline when it is `N` lowercase hex digits.
    fn inline(s: &str) -> Option<[u8; N]> {
        let bytes: [u8; N] = s.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            .then_some(bytes)
    }

    /// `N` lowercase hex digits made by claimtrail (`hash::Sha256Hash`), held without a check.
    pub(crate) fn from_digits(digits: [u8; N]) -> Self {
        debug_assert!(Self::inline(std::str::from_utf8(&digits).unwrap_or("")).is_some());
        Hex(HexRepr::Inline(digits))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            HexRepr::Inline(b) => std::str::from_utf8(b).expect("inline hex digits are ASCII"),
            HexRepr::Other(s) => s,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            HexRepr::Inline(b) => b,
            HexRepr::Other(s) => s.as_bytes(),
        }
    }
}

impl<const N: usize> From<&str> for Hex<N> {
    fn from(s: &str) -> Self {
        Hex(match Self::inline(s) {
            Some(b) => HexRepr::Inline(b),
            None => HexRepr::Other(s.into()),
        })
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

impl<const N: usize> From<String> for Hex<N> {
    fn from(s: String) -> Self {
        Hex(match Self::inline(&s) {
            Some(b) => HexRepr::Inline(b),
            None => HexRepr::Other(s.into_boxed_str()),
        })
    }
}

impl<const N: usize> From<&String> for Hex<N> {
    fn from(s: &String) -> Self {
        Hex::from(s.as_str())
    }
}

impl<const N: usize> From<&Hex<N>> for String {
    fn from(h: &Hex<N>) -> String {
        h.as_str().to_string()
    }
}

impl<const N: usize> From<Hex<N>> for String {
    fn from(h: Hex<N>) -> String {
        match h.0 {
            HexRepr::Inline(_) => h.as_str().to_string(),
            HexRepr::Other(s) => s.into(),
        }
    }
}

// Hash and order as `str` does, which `Borrow<str>` requires of map keys.
impl<const N: usize> std::hash::Hash for Hex<N> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl<const N: usize> Ord for Hex<N> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl<const N: usize> PartialOrd for Hex<N> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

string_like!(Hex<N>, const N);

/// An immutable string held by every claim (its text, anchor context, cue, source phrases):
/// a `Box<str>`, two words where a `String` takes three, and no spare capacity. Reads, writes,
/// compares, orders and hashes as the string it holds.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Box<str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(s.into())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(s.into_boxed_str())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(s.as_str().into())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0.into()
    }
}

string_like!(Text);

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
    pub phrase: Text,
}

/// The attribution of a claim: its kind, the cue phrase that marks it, and its sources.
#[derive(schemars::JsonSchema, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    pub cue: Option<Text>,
    // A thin vector: every claim and every occurrence of a reading has an attribution, and
    // nearly half have no source. (Not a doc comment: it would be the schema's description.)
    #[schemars(with = "Vec<SourceRef>")]
    #[serde(deserialize_with = "exact")]
    pub sources: ThinVec<SourceRef>,
}

impl Attribution {
    /// The article's own voice.
    pub fn none() -> Self {
        Attribution {
            kind: AttributionKind::None,
            cue: None,
            sources: ThinVec::new(),
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
    pub prefix: Text,
    /// Up to 32 characters after the claim.
    pub suffix: Text,
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
    /// Boxed (so rare: only a hand-edited file has one) to keep `Status` two words, where a
    /// string beside seven unit variants would take three in every claim and history step.
    Unknown(Box<Text>),
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
            .unwrap_or_else(|| Status::Unknown(Box::new(s.into())))
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
    pub id: ClaimId,
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
    pub id: ClaimId,
    pub sha256: ClaimHash,
    pub text: Text,
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
    pub note: Option<Text>,
    pub supersedes: Option<Box<Supersedes>>,
    #[schemars(with = "Vec<String>")]
    #[serde(deserialize_with = "exact")]
    pub superseded_by: ThinVec<ClaimId>,
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
        // 368 before the id and hash went inline (72 bytes for the hash where a `String` took
        // 24, but with no 32- and 80-byte heap blocks beside), the strings became `Text` and
        // an unknown status was boxed; 352 since an attribution's sources are a thin vector.
        let size = std::mem::size_of::<Claim>();
        println!("size_of::<Claim>() = {size}");
        assert!(size <= 352, "size_of::<Claim>() = {size}");
        assert_eq!(std::mem::size_of::<Status>(), 16);
        // Inline: no heap block at all for an id or a hash.
        assert!(std::mem::size_of::<ClaimId>() <= 24);
        assert!(std::mem::size_of::<ClaimHash>() <= 72);
        assert_eq!(std::mem::size_of::<Text>(), 16);
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

    fn is_inline<const N: usize>(h: &Hex<N>) -> bool {
        matches!(h.0, HexRepr::Inline(_))
    }

    #[test]
    fn well_formed_ids_and_hashes_are_inline_and_others_kept_verbatim() {
        assert_eq!(crate::hash::ID_LEN, 12, "ClaimId holds an id inline");
        let hash = crate::hash::Sha256Hash::of_claim_text("The sky is blue.");
        let (id, sha): (ClaimId, ClaimHash) = (hash.id().into(), hash.to_string().into());
        assert!(is_inline(&id) && is_inline(&sha));
        assert_eq!(hash.claim_id_and_hash(), (id.clone(), sha.clone()));
        assert_eq!(
            (id.as_str(), sha.to_string()),
            (&*hash.id(), hash.to_string())
        );
        // What a hand-edited file may hold: upper case, too short or long, not hex, not ASCII.
        let upper = hash.to_string().to_uppercase();
        for odd in [
            &upper[..],
            &upper[..12],
            "0123456789a",
            "0123456789abc",
            "zz3456789abc",
            "",
            "é",
        ] {
            let (i, h) = (ClaimId::from(odd), ClaimHash::from(odd.to_string()));
            assert!(!is_inline(&i) && !is_inline(&h), "{odd:?}");
            assert_eq!((i.as_str(), h.as_str()), (odd, odd));
            let json = serde_json::to_string(odd).unwrap();
            assert_eq!(serde_json::to_string(&i).unwrap(), json);
            assert_eq!(serde_json::from_str::<ClaimHash>(&json).unwrap(), odd);
        }
        // JSON in, JSON out, escapes read as the digits they stand for.
        let read: ClaimId = serde_json::from_str("\"\\u0030123456789ab\"").unwrap();
        assert!(is_inline(&read));
        assert_eq!(read, "0123456789ab");
        assert_eq!(serde_json::to_string(&read).unwrap(), "\"0123456789ab\"");
        assert_eq!(format!("{read} {read:?}"), "0123456789ab \"0123456789ab\"");
        assert_eq!(String::from(read.clone()), "0123456789ab");
    }

    #[test]
    fn ids_compare_order_and_hash_as_their_strings() {
        use std::collections::{BTreeMap, HashSet};
        let strings = [
            "0123456789ab",
            "0123456789AB",
            "ffffffffffff",
            "fff",
            "",
            "aaaaaaaaaaaa",
            "g",
            "aaaaaaaaaaaa0",
            "9",
            "0123456789ab ",
        ];
        let ids: Vec<ClaimId> = strings.iter().map(|&s| s.into()).collect();
        for (a, sa) in ids.iter().zip(strings) {
            for (b, sb) in ids.iter().zip(strings) {
                assert_eq!(a.cmp(b), sa.cmp(sb), "{sa:?} {sb:?}");
                assert_eq!(a == b, sa == sb);
                let owned = sa.to_string();
                assert_eq!(*a, sa);
                assert_eq!(sa, *a);
                assert_eq!(*a, owned);
                assert_eq!(owned, *a);
            }
        }
        let set: HashSet<ClaimId> = ids.iter().cloned().collect();
        let map: BTreeMap<ClaimId, usize> = ids.iter().cloned().zip(0..).collect();
        for (i, s) in strings.iter().enumerate() {
            assert!(set.contains(*s));
            assert_eq!(map[*s], i);
        }
    }

    #[test]
    fn text_reads_writes_and_compares_as_a_string() {
        let strings = ["", "a", "B", "é \"quoted\"\n", "a b", "ab"];
        for a in strings {
            let t = Text::from(a.to_string());
            assert_eq!(t, a);
            assert_eq!(a, t);
            assert_eq!(t.as_str(), a);
            assert_eq!(*t, *a);
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                serde_json::to_string(a).unwrap()
            );
            let back: Text = serde_json::from_str(&serde_json::to_string(a).unwrap()).unwrap();
            assert_eq!(back, t);
            for b in strings {
                assert_eq!(t.cmp(&Text::from(b)), a.cmp(b));
            }
        }
        assert_eq!(format!("{0} {0:?}", Text::from("x\"")), "x\" \"x\\\"\"");
        for schema in [
            schemars::schema_for!(Text),
            schemars::schema_for!(ClaimId),
            schemars::schema_for!(ClaimHash),
        ] {
            assert_eq!(
                serde_json::to_value(schema).unwrap(),
                serde_json::to_value(schemars::schema_for!(String)).unwrap()
            );
        }
    }
}
