//! Credentials printed by an external command (mode `external`): the aliyun CLI's
//! `process_command`, whose stdout is `{"mode": "AK", "access_key_id": ..., "access_key_secret":
//! ...}` or the same with `"mode": "StsToken"` and `"sts_token"` (and optionally `expiration`).
//!
//! The command line is split on white space and run without a shell, and stopped after
//! `--read-timeout`. Its stderr is never
//! shown whole (it may echo secrets); a failure names the command's exit status. It must not
//! cache.

use serde::Deserialize;

use crate::config::error::{ConfigError, SourceProblem};
use crate::credentials::{BoxFuture, Credentials, ProvideCredentials};
use crate::error::Error;
use crate::secret::Secret;

/// The external-process provider.
#[derive(Debug)]
pub struct ExternalProcess {
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

impl ProvideCredentials for ExternalProcess {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(async move {
            let what = format!("the credentials command {:?}", self.command);
            let mut words = self.command.split_whitespace();
            let unusable = |problem| Error::from(ConfigError::unusable(&what, problem));
            let program = words.next().ok_or_else(|| {
                ConfigError::unusable("process_command", SourceProblem::EmptyCommand)
            })?;
            let run = tokio::process::Command::new(program)
                .args(words)
                .stdin(std::process::Stdio::null())
                .kill_on_drop(true)
                .output();
            let output = tokio::time::timeout(self.timeout, run)
                .await
                .map_err(|_| unusable(SourceProblem::Timeout(self.timeout)))?
                .map_err(|e| unusable(SourceProblem::CannotRun(e)))?;
            if !output.status.success() {
                return Err(unusable(SourceProblem::Failed(output.status)));
            }
            parse(&output.stdout, &what)
        })
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
