//! `claimtrail hash`: the normalized form, sha256 and id of a text.

use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::hash::Sha256Hash;
use crate::normalize::normalize_v1;
use crate::report::json;
use crate::store;
use std::path::Path;

pub(super) fn hash(env: &Env, text: &str) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "hash")?;
    let owned;
    let text = if text == "-" {
        let bytes = store::read_input(Path::new("-"), store::MAX_ARTICLE_BYTES)?;
        owned = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: "<stdin>".into(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        owned.as_str()
    } else {
        text
    };
    let normalized = normalize_v1(text);
    let h = Sha256Hash::of_bytes(normalized.as_bytes());
    Ok(Outcome::ok(match env.format {
        Format::Json => json::hash(&normalized, &h.to_string(), &h.id()),
        _ => format!(
            "normalized  {normalized}\nsha256      {h}\nid          {}\n",
            h.id()
        ),
    }))
}
