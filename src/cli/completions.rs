//! `claimtrail completions SHELL` and `claimtrail man`: shell completion scripts (clap_complete)
//! and the man page (clap_mangen), both generated from the same clap definition as the parser.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, Env, Format, Outcome, require};
use crate::error::{Error, Result};

pub(super) fn completions(env: &Env, shell: Shell) -> Result<Outcome> {
    require(env, &[Format::Human], "completions")?;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "claimtrail", &mut out);
    String::from_utf8(out)
        .map(Outcome::ok)
        .map_err(|e| Error::Usage(format!("completion script is not UTF-8: {e}")))
}

pub(super) fn man(env: &Env) -> Result<Outcome> {
    require(env, &[Format::Human], "man")?;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error::Usage(format!("rendering the man page: {e}")))?;
    String::from_utf8(out)
        .map(Outcome::ok)
        .map_err(|e| Error::Usage(format!("man page is not UTF-8: {e}")))
}
