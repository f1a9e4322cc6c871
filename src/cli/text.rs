//! `claimtrail text FILE|URL|-`: print the article text claimtrail reads from its input.
//!
//! JSON (`--format json`) is a contract, one object:
//! `{"version": 1, "url", "title", "byline", "published", "language", "text"}`; every field but
//! `version` and `text` is null when unknown (always null for plain text but `url`).

use serde::Serialize;

use super::input;
use crate::cli::{Env, Format, Outcome, require};
use crate::error::Result;
use crate::report::json;

#[derive(Serialize)]
struct TextJson<'a> {
    url: Option<&'a str>,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    published: Option<&'a str>,
    language: Option<&'a str>,
    text: &'a str,
}

pub(super) fn text(env: &Env, arg: &str, headers: &[String]) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "text")?;
    let inp = input::load(env, arg, headers)?;
    let a = inp.reading.article.as_ref();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&TextJson {
            url: inp.source_url(),
            title: a.and_then(|a| a.title.as_deref()),
            byline: a.and_then(|a| a.byline.as_deref()),
            published: a.and_then(|a| a.published.as_deref()),
            language: a.and_then(|a| a.language.as_deref()),
            text: &inp.reading.text,
        }),
        _ => inp.reading.text.clone(),
    }))
}
