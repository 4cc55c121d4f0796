//! `oos-logs profiles`: every profile from every source, and the one in use and why.

use std::io::{self, Write as _};

use crate::cli::GlobalArgs;
use crate::credentials;
use crate::environment::Environment;
use crate::error::Error;

/// Prints the report.
pub fn run(global: &GlobalArgs, env: &Environment) -> Result<(), Error> {
    let files = credentials::chain::Files::locate(env, global.config.as_deref())?;
    let report = crate::profiles::report(env, &files, global.profile.as_deref());
    let mut out = io::stdout().lock();
    out.write_all(report.as_bytes())?;
    out.flush()?;
    Ok(())
}
