//! Credentials printed by an external command (mode `external`): the aliyun CLI's
//! `process_command`, whose stdout is `{"mode": "AK", "access_key_id": ..., "access_key_secret":
//! ...}` or the same with `"mode": "StsToken"` and `"sts_token"` (and optionally `expiration`).
//!
//! The command line is split on white space and run without a shell, through `input`'s
//! bounded runner: stopped after `--read-timeout` or when it prints more than the caps (64 KiB
//! on stdout, 1 MiB on stderr), and done once it has exited (a background child left holding
//! its stdout is not waited for). Its stderr is never shown (it may echo secrets); a failure
//! names the command's exit status. It must not cache.

use serde::Deserialize;

use crate::config::error::{ConfigError, SourceProblem};
use crate::credentials::{BoxFuture, Credentials, ProvideCredentials};
use crate::error::Error;
use crate::input::{ChildError, ChildLimits, ReadError, run_child};
use crate::secret::Secret;

/// The external-process provider.
#[derive(Debug)]
pub(crate) struct ExternalProcess {
    /// `process_command`.
    pub command: String,
    /// How long the command may take (`--read-timeout`); it is killed after that.
    pub timeout: std::time::Duration,
}

#[derive(Deserialize)]
struct Printed {
    mode: Option<String>,
    access_key_id: Option<String>,
    access_key_secret: Option<String>,
    sts_token: Option<String>,
    expiration: Option<serde_json::Value>,
}

fn parse(stdout: &[u8], what: &str) -> Result<Credentials, Error> {
    let unusable = |problem| Error::from(ConfigError::unusable(what, problem));
    let printed: Printed =
        serde_json::from_slice(stdout).map_err(|e| unusable(SourceProblem::PrintedNotJson(e)))?;
    let missing = |f| unusable(SourceProblem::PrintedNo(f));
    let id = printed
        .access_key_id
        .filter(|v| !v.is_empty())
        .ok_or_else(|| missing("access_key_id"))?;
    let secret = printed
        .access_key_secret
        .filter(|v| !v.is_empty())
        .ok_or_else(|| missing("access_key_secret"))?;
    let mode = printed.mode.unwrap_or_else(|| "AK".to_owned());
    let token = if mode.eq_ignore_ascii_case("StsToken") {
        Some(Secret::new(
            printed
                .sts_token
                .filter(|v| !v.is_empty())
                .ok_or_else(|| missing("sts_token"))?,
        ))
    } else if mode.eq_ignore_ascii_case("AK") {
        None
    } else {
        return Err(unusable(SourceProblem::PrintedMode(mode)));
    };
    let mut creds = Credentials::new(id, Secret::new(secret), token);
    creds.expiration = match printed.expiration {
        Some(serde_json::Value::String(t)) => t.parse().ok(),
        Some(serde_json::Value::Number(n)) => n
            .as_i64()
            .and_then(|s| jiff::Timestamp::from_second(s).ok()),
        _ => None,
    };
    Ok(creds)
}

/// The most a credentials command may print on stdout: credentials are a few hundred bytes.
pub(crate) const MAX_STDOUT_BYTES: u64 = 64 * 1024;

/// The most it may print on stderr (never shown; kept only to be bounded).
pub(crate) const MAX_STDERR_BYTES: u64 = 1024 * 1024;

impl ProvideCredentials for ExternalProcess {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(async move {
            let what = format!("the credentials command {:?}", self.command);
            let mut words = self.command.split_whitespace();
            let program = words.next().ok_or_else(|| {
                ConfigError::unusable("process_command", SourceProblem::EmptyCommand)
            })?;
            let limits = ChildLimits {
                deadline: self.timeout,
                stdout: MAX_STDOUT_BYTES,
                stderr: MAX_STDERR_BYTES,
            };
            let mut command = tokio::process::Command::new(program);
            command.args(words);
            let output = run_child(&mut command, limits)
                .await
                .map_err(|e| ConfigError::unusable(&what, problem(e)))?;
            if !output.status.success() {
                return Err(
                    ConfigError::unusable(&what, SourceProblem::Failed(output.status)).into(),
                );
            }
            parse(&output.stdout, &what)
        })
    }
}

/// What a run that gave no output means for a credentials command.
fn problem(error: ChildError) -> SourceProblem {
    match error {
        ChildError::CannotRun(e) => SourceProblem::CannotRun(e),
        ChildError::TimedOut(after) => SourceProblem::Timeout(after),
        ChildError::Output {
            stream,
            error: ReadError::TooLarge(limit),
        } => SourceProblem::PrintedTooMuch {
            stream,
            limit_kib: limit / 1024,
        },
        ChildError::Output {
            error: ReadError::Io(e),
            ..
        } => SourceProblem::CannotRun(e),
        ChildError::Output { error, .. } => SourceProblem::CannotRun(std::io::Error::other(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ak_and_sts_shapes() {
        let ak = parse(
            br#"{"mode":"AK","access_key_id":"LTAIx","access_key_secret":"s"}"#,
            "cmd",
        )
        .unwrap();
        assert!(ak.security_token.is_none());
        let sts = parse(
            br#"{"mode":"StsToken","access_key_id":"STS.x","access_key_secret":"s","sts_token":"t","expiration":"2030-01-01T00:00:00Z"}"#,
            "cmd",
        )
        .unwrap();
        assert_eq!(sts.security_token.unwrap().expose(), "t");
        assert!(sts.expiration.is_some());
    }

    #[test]
    fn junk_and_gaps_are_errors_that_do_not_echo() {
        let err = parse(b"password=hunter2", "cmd").unwrap_err().to_string();
        assert!(!err.contains("hunter2"), "{err}");
        assert!(
            parse(
                br#"{"mode":"StsToken","access_key_id":"a","access_key_secret":"s"}"#,
                "cmd"
            )
            .is_err()
        );
        assert!(
            parse(
                br#"{"mode":"Bearer","access_key_id":"a","access_key_secret":"s"}"#,
                "cmd"
            )
            .is_err()
        );
    }
}
