//! The `oos-logs` binary: parse the command line, run, print an error once, exit with its code.
//! Everything else lives in the library.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use oos_logs::{app, cli::Cli, environment::Environment, settings::Terminal};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run_blocking(cli, Environment::from_process(), Terminal::detect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A reader that closed the pipe (`| head -1`) is not a failure: exit 0, silently.
            if !err.is_broken_pipe() {
                let _ = std::io::stderr().write_all(err.report().as_bytes());
            }
            ExitCode::from(err.exit_code())
        }
    }
}
