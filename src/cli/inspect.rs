//! `claimtrail inspect`: how a text is read, without a workspace.

use super::commands::read_options_here;
use super::diff::stream_to_stdout;
use crate::cli::{Env, Format, Outcome, require};
use crate::error::Result;
use crate::extract::extract_claims;
use crate::report::{human, json};
use crate::store;
use std::path::Path;

pub(super) fn inspect(env: &Env, file: &Path) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "inspect")?;
    let text = super::input::load(env, &file.to_string_lossy(), &[])?
        .reading
        .text;
    let opts = read_options_here(env)?;
    let label = file
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| store::validate_label(s).is_ok())
        .unwrap_or("input");
    let (reading, claims) = extract_claims(&text, label, &opts);
    Ok(Outcome::ok(match env.format {
        // Streamed: about 12 bytes of JSON per byte of text, never held whole.
        Format::Json => stream_to_stdout(|w| json::write_inspect(w, &text, &reading, &claims))?,
        _ => human::inspect(&text, &reading, &claims, env.style),
    }))
}
