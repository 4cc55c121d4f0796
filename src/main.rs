//! The `oos-logs` binary: parse the command line, run, print an error once, exit with its code.
//! Everything else lives in the library.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use oos_api::environment::Environment;
use oos_logs::{Terminal, app, cli::Cli, error::exit};

fn main() -> ExitCode {
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    // A panic anywhere ends here, after the hook has said what to report: exit 1.
    let outcome = std::panic::catch_unwind(|| {
        // A way for the tests to reach the panic path through the real binary: in debug
        // builds only (the tests'), never in the product.
        #[cfg(debug_assertions)]
        if std::env::var_os("OOS_LOGS_TEST_PANIC").is_some() {
            panic!("a test panic carrying a secret: LTAIsecretvalue");
        }
        app::run_blocking(cli, Environment::from_process(), Terminal::detect())
    });
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(err)) => {
            // A reader that closed the pipe (`| head -1`) is not a failure: exit 0, silently.
            if !err.is_broken_pipe() {
                let _ = std::io::stderr().write_all(err.report().as_bytes());
            }
            ExitCode::from(err.exit_code())
        }
        Err(_) => ExitCode::from(exit::INTERNAL),
    }
}

/// Help, version and usage errors as clap prints them, but a failed write of the help (a full
/// disk) is an error, not a success; a closed pipe is still success.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let code = u8::try_from(e.exit_code()).unwrap_or(exit::USAGE);
    match e.print() {
        Ok(()) => ExitCode::from(code),
        Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(io) => {
            let _ = writeln!(
                std::io::stderr(),
                "oos-logs: error: cannot write output: {io}"
            );
            ExitCode::from(exit::INTERNAL)
        }
    }
}

/// A panic is a bug: say so in one line with the version and where, never the panic's own
/// message (it could hold a value), and a backtrace only when `RUST_BACKTRACE` asks for one.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "oos-logs {}: internal error (a bug){location}. Please report it with the command you ran (leave out any secret): https://github.com/oos-logs/oos-logs/issues",
            env!("CARGO_PKG_VERSION")
        );
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            let _ = writeln!(err, "{}", std::backtrace::Backtrace::force_capture());
        }
    }));
}
