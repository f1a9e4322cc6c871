//! claimtrail: an audit trail for news articles.
//!
//! Every assertion of an article becomes a claim, identified by the sha256 of its normalized
//! text, with its attribution (who says it), hedges, figures and negations. Revisions are kept as
//! immutable snapshots, a claim-level diff says what changed between them, and `check` gates CI.
//!
//! The core is pure: [`normalize`], [`hash`], [`segment`], [`attribution`], [`extract`],
//! [`diff`] and [`track`] take text and data and return data, as do [`html`], [`capture`] and
//! [`feed`] for web pages and feeds. [`fetch`] is the only module that speaks HTTP. [`store`] is
//! the only module that touches the workspace on disk, [`check`] turns loaded data into findings, [`report`] renders
//! (claims through [`jsonout`], which writes serde_json's bytes by hand),
//! and [`cli`] is the only place that prints, reads the environment or picks an exit code.
//!
//! ```
//! use claimtrail::extract::{extract_claims, ReadOptions};
//! use claimtrail::model::AttributionKind;
//!
//! let text = "China has vowed not to provide weapons, but Western analysts say China has been aiding Russia.";
//! let (_, claims) = extract_claims(text, "r1", &ReadOptions::default());
//! assert_eq!(claims.len(), 2);
//! assert_eq!(claims[1].attribution.kind, AttributionKind::Named);
//! assert_eq!(claims[1].attribution.sources[0].id.as_deref(), Some("western-analysts"));
//! assert_eq!(claims[0].text, &text[claims[0].anchor.start..claims[0].anchor.end]);
//! ```

pub mod attribution;
pub mod cache;
pub mod capture;
pub mod check;
pub mod checkable;
pub mod cli;
pub mod config;
pub mod diff;
pub mod error;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod hash;
pub mod html;
pub mod journal;
pub mod jsonout;
pub mod ledger;
pub mod lexicon;
pub mod model;
pub mod normalize;
pub mod postag;
pub mod report;
pub mod schema;
pub mod segment;
pub mod sources;
pub mod store;
pub mod track;
