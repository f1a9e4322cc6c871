//! `claimtrail codes`: the finding codes and their docs.

use crate::check::Code;
use crate::cli::{Env, Format, Outcome, require};
use crate::error::Result;
use crate::report::{json, markdown};
use serde::Serialize;

pub(super) fn codes(env: &Env) -> Result<Outcome> {
    require(
        env,
        &[Format::Human, Format::Json, Format::Markdown],
        "codes",
    )?;
    if env.format == Format::Markdown {
        return Ok(Outcome::ok(markdown::codes(Code::ALL)));
    }
    #[derive(Serialize)]
    struct CodeOut {
        code: &'static str,
        severity: &'static str,
        description: &'static str,
        fix: &'static str,
    }
    #[derive(Serialize)]
    struct Out {
        codes: Vec<CodeOut>,
    }
    let list: Vec<CodeOut> = Code::ALL
        .iter()
        .map(|c| CodeOut {
            code: c.as_str(),
            severity: c.default_severity().as_str(),
            description: c.description(),
            fix: c.fix(),
        })
        .collect();
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { codes: list }),
        _ => list
            .iter()
            .map(|c| format!("{:<26} {:<8} {}\n", c.code, c.severity, c.description))
            .collect(),
    }))
}
