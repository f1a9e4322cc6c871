//! `claimtrail init`: create a workspace.

use crate::cli::{Env, Format, Outcome, require};
use crate::error::Result;
use crate::report::json;
use crate::store::Workspace;
use serde::Serialize;

pub(super) fn init(env: &Env) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "init")?;
    let created = Workspace::init(&env.cwd)?;
    #[derive(Serialize)]
    struct Out<'a> {
        created: &'a [String],
    }
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { created: &created }),
        _ if created.is_empty() => {
            "already a claimtrail workspace; nothing to create\n".to_string()
        }
        _ => format!("created {}\n", created.join(", ")),
    }))
}
