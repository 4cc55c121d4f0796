//! `oos-logs completions SHELL`: prints clap_complete's script for the shell.

use std::io::{self, Write as _};

use clap::CommandFactory as _;

use crate::cli::Cli;
use crate::error::Error;

/// Prints the completion script.
pub fn run(shell: clap_complete::Shell) -> Result<(), Error> {
    // Generated into memory first: clap_complete panics if a write fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "oos-logs", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
