//! `oos-logs profiles`: every profile from every source, and the one in use and why, as
//! columns or as JSON (`-o json`); exit 3 (after the listing) when a file is broken or the
//! chain finds nothing to use.

use std::io::{self, Write as _};

use crate::cli::{GlobalArgs, ProfilesArgs, ProfilesFormat};
use crate::environment::Environment;
use crate::error::Error;

/// Prints the report.
pub(crate) fn run(
    global: &GlobalArgs,
    args: &ProfilesArgs,
    env: &Environment,
) -> Result<(), Error> {
    let files = crate::config::Files::locate(env, global.config.as_deref())?;
    let report = crate::profiles::report(env, &files, global.profile.as_deref());
    let mut out = io::stdout().lock();
    match args.output.unwrap_or(ProfilesFormat::Table) {
        ProfilesFormat::Table => out.write_all(report.text.as_bytes())?,
        ProfilesFormat::Json => {
            out.write_all(report.json().as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    // What could be listed was; a configuration a command would fail with fails here too.
    match report.failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
