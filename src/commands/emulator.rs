//! `oos-logs emulator`: runs the local OOS emulator in the foreground until Ctrl-C, and
//! prints how to reach it.

use std::io::{self, Write as _};

use crate::cli::{EmulatorArgs, TailTokenArg};
use crate::emulator::{self, Emulator, EmulatorConfig, TailToken};
use crate::error::Error;

/// Runs the emulator.
pub(crate) async fn run(args: &EmulatorArgs) -> Result<(), Error> {
    let config = EmulatorConfig {
        faults: args.faults.clone(),
        tail_token: match args.tail_token {
            TailTokenArg::Empty => TailToken::Empty,
            TailTokenArg::Token => TailToken::Token,
        },
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::bind(args.port, config)
        .await
        .map_err(|e| Error::Usage(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let url = emulator.url()?;
    // The banner is best effort: a script that reads the URL line and closes the pipe
    // (`oos-logs emulator | head -1`) must not stop the server.
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "listening on {url}");
    let _ = writeln!(out, "demo credentials (they open only this emulator):");
    let _ = writeln!(
        out,
        "  ALIBABA_CLOUD_ACCESS_KEY_ID={}",
        emulator::DEMO_ACCESS_KEY_ID
    );
    let _ = writeln!(
        out,
        "  ALIBABA_CLOUD_ACCESS_KEY_SECRET={}",
        emulator::DEMO_ACCESS_KEY_SECRET
    );
    let _ = writeln!(
        out,
        "  temporary: AccessKeyId {} AccessKeySecret {} SecurityToken {}",
        emulator::DEMO_STS_ACCESS_KEY_ID,
        emulator::DEMO_STS_ACCESS_KEY_SECRET,
        emulator::DEMO_SECURITY_TOKEN
    );
    let _ = writeln!(
        out,
        "executions: {}, exec-large-N (N entries, up to {})",
        emulator::data::FIXED_IDS.join(", "),
        emulator::data::MAX_GENERATED
    );
    let _ = writeln!(
        out,
        "try: ALIBABA_CLOUD_ACCESS_KEY_ID={} ALIBABA_CLOUD_ACCESS_KEY_SECRET={} oos-logs --endpoint {url} --region {} list exec-demo-failed --all",
        emulator::DEMO_ACCESS_KEY_ID,
        emulator::DEMO_ACCESS_KEY_SECRET,
        emulator::DEMO_REGION
    );
    let _ = writeln!(
        out,
        "credential services: ALIBABA_CLOUD_STS_ENDPOINT={url} OOS_LOGS_METADATA_ENDPOINT={url}; role {}; OIDC provider {} with token {}; instance role {}; credentials URI {url}{}",
        emulator::sts::DEMO_ROLE_ARN,
        emulator::sts::DEMO_OIDC_PROVIDER_ARN,
        emulator::sts::DEMO_OIDC_TOKEN,
        emulator::metadata::DEMO_ECS_ROLE,
        emulator::CREDENTIALS_URI_PATH
    );
    let _ = out.flush();
    drop(out);
    // Ctrl-C is how the emulator is meant to stop: exit 0.
    emulator
        .serve_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::internal("the emulator stopped", e))
}
