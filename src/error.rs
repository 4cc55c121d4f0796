//! The CLI's outcome error and the single table that maps every outcome to an exit code.
//!
//! Owns: what ends a run besides success (a usage error, an execution that ended or had not,
//! a run cut short with its resume point, a signal), wrapping the library's error; how each is
//! worded on stderr (with the API's Code, Message and RequestId), the hint that helps, and the
//! exit code. It must not print anything itself: `main` prints `report()` once.

use std::fmt::Write as _;
use std::io;

pub use oos_api::error::{ApiError, NetworkKind};

/// Exit codes; the README prints the same table.
pub mod exit {
    /// Success, also when the reader closed the pipe.
    pub const OK: u8 = 0;
    /// An unexpected internal error.
    pub const INTERNAL: u8 = 1;
    /// A usage error: a bad flag or value.
    pub const USAGE: u8 = 2;
    /// Config or credentials missing or invalid.
    pub const CONFIG: u8 = 3;
    /// The API rejected the request (4xx: signature, access key, permission, parameter).
    pub const API_REJECTED: u8 = 4;
    /// The execution does not exist.
    pub const NOT_FOUND: u8 = 5;
    /// The service kept failing after retries.
    pub const SERVICE: u8 = 6;
    /// Network failure or timeout after retries.
    pub const NETWORK: u8 = 7;
    /// The execution ended Failed (`--follow`, `--exit-status`).
    pub const EXECUTION_FAILED: u8 = 10;
    /// The execution ended Cancelled.
    pub const EXECUTION_CANCELLED: u8 = 11;
    /// The execution had not ended (at `--wait-timeout`, or when `--exit-status` looked).
    pub const EXECUTION_NOT_ENDED: u8 = 12;
    /// Interrupted (Ctrl-C).
    pub const INTERRUPTED: u8 = 130;
    /// Terminated (SIGTERM, e.g. a CI job's timeout).
    pub const TERMINATED: u8 = 143;
}

/// The hint for an https endpoint that speaks plain HTTP.
const PLAIN_HTTP_HINT: &str = "an --endpoint without a scheme means https; for a plain-HTTP server on loopback (the emulator) write the scheme: --endpoint http://host:port (plain HTTP is allowed only to loopback)";

/// Every way a run of oos-logs ends other than success.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad flag or value that clap could not catch by itself.
    #[error("{0}")]
    Usage(String),
    /// The library's failure: config, credentials, the API, the service, the network.
    #[error(transparent)]
    Oos(#[from] oos_api::Error),
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Io(#[source] io::Error),
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// SIGTERM.
    #[error("terminated")]
    Terminated,
    /// The execution ended Failed or Cancelled: not an error of oos-logs, an outcome to exit by.
    #[error("{execution} ended {status}{}", .message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Ended {
        /// The execution.
        execution: String,
        /// `Failed` or `Cancelled`.
        status: String,
        /// Its `StatusMessage`.
        message: Option<String>,
    },
    /// The execution had not ended when oos-logs stopped waiting or looked.
    #[error("{execution} is still {status}{}", .waited.map(|w| format!(" after {}", crate::render::rows::format_duration(i64::try_from(w.as_secs()).unwrap_or(i64::MAX)))).unwrap_or_default())]
    NotEnded {
        /// The execution.
        execution: String,
        /// Its status, e.g. `Running`.
        status: String,
        /// How long oos-logs followed it (`--wait-timeout`).
        waited: Option<std::time::Duration>,
    },
    /// A failure that ended a paginated run after some entries were printed.
    #[error("{cause}")]
    Incomplete {
        /// The failure itself.
        cause: Box<Error>,
        /// Entries already written to stdout.
        printed: u64,
        /// Where to resume (`--next-token`, `--skip`), if the run can be resumed.
        resume: Option<oos_api::pagination::Resume>,
    },
}

impl From<io::Error> for Error {
    /// A failed write, or the signal that stopped one (`signals::io_error`: a renderer
    /// drawing one huge row is stopped between its lines).
    fn from(e: io::Error) -> Self {
        crate::signals::from_io_error(&e).unwrap_or(Self::Io(e))
    }
}

impl From<oos_api::config::error::ConfigError> for Error {
    fn from(e: oos_api::config::error::ConfigError) -> Self {
        Self::Oos(oos_api::Error::Config(e))
    }
}

impl From<oos_api::config::profile::ProfileError> for Error {
    fn from(e: oos_api::config::profile::ProfileError) -> Self {
        Self::Oos(e.into())
    }
}

impl Error {
    /// An internal error: `what` failed because of `source`.
    pub fn internal(
        what: impl Into<std::borrow::Cow<'static, str>>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self::Oos(oos_api::Error::internal(what, source))
    }

    /// An internal error with no other error behind it: an impossible state.
    pub fn impossible(what: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Self::Oos(oos_api::Error::impossible(what))
    }

    /// The library's error, when that is what this is (through `Incomplete` too).
    pub fn oos(&self) -> Option<&oos_api::Error> {
        match self {
            Self::Oos(e) => Some(e),
            Self::Incomplete { cause, .. } => cause.oos(),
            _ => None,
        }
    }

    /// The exit code: the single mapping of DESIGN §7.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => exit::USAGE,
            Self::Oos(e) => library_exit_code(e),
            Self::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
            Self::Io(_) => exit::INTERNAL,
            Self::Interrupted => exit::INTERRUPTED,
            Self::Terminated => exit::TERMINATED,
            Self::Ended { status, .. } if status == "Cancelled" => exit::EXECUTION_CANCELLED,
            Self::Ended { .. } => exit::EXECUTION_FAILED,
            Self::NotEnded { .. } => exit::EXECUTION_NOT_ENDED,
            Self::Incomplete { cause, .. } => cause.exit_code(),
        }
    }

    /// A failure that may pass if the same thing is asked again later (the library's rule).
    pub fn is_transient(&self) -> bool {
        self.oos().is_some_and(oos_api::Error::is_transient)
    }

    /// The service's error, for the variants that carry one.
    fn api_error(&self) -> Option<&ApiError> {
        self.oos().and_then(oos_api::Error::api_error)
    }

    /// True when the service said the execution (or another entity) does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Oos(e) if e.is_not_found())
    }

    /// The RequestId of the service's answer, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        self.oos().and_then(oos_api::Error::request_id)
    }

    /// True when the reader of stdout went away: exit 0 and print nothing.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Self::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
            Self::Incomplete { cause, .. } => cause.is_broken_pipe(),
            _ => false,
        }
    }

    /// Advice for the user, where there is some that helps.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Self::Oos(e) => library_hint(e),
            Self::Incomplete { cause, .. } => cause.hint(),
            _ => None,
        }
    }

    /// The whole text to print on stderr: the error line, the API's details, the resume note
    /// and the hint. Every line is prefixed as DESIGN §7 says.
    pub fn report(&self) -> String {
        // Messages can quote what the service or a file said: never let them drive the terminal.
        // oos-logs' own messages may span lines; what the service wrote (Code, Message,
        // RequestId, tokens) stays on its line, so it cannot forge a `hint:` or a resume note.
        // oos-logs' own messages continue on lines indented by two spaces; any other newline
        // came with a value (a variable, a file name) and is shown as `\n`.
        let own = |s: &str| {
            let kept = crate::sanitize::escape_controls(s, crate::sanitize::Newlines::Keep);
            let mut parts = kept.split('\n');
            let mut text = parts.next().unwrap_or_default().to_owned();
            for part in parts {
                text.push_str(if part.starts_with("  ") { "\n" } else { "\\n" });
                text.push_str(part);
            }
            text
        };
        let safe = |s: &str| {
            crate::sanitize::escape_controls(s, crate::sanitize::Newlines::Escape).into_owned()
        };
        if matches!(self, Self::Ended { .. } | Self::NotEnded { .. }) {
            // An outcome to exit by, not a failure of oos-logs.
            return format!("oos-logs: {}\n", safe(&self.to_string()));
        }
        // The headline of a service's error quotes its Code: all of it is kept on one line.
        let headline = if self.api_error().is_some() {
            safe(&self.to_string())
        } else {
            own(&self.to_string())
        };
        let mut out = format!("oos-logs: error: {headline}\n");
        let details = match self {
            Self::Incomplete { cause, .. } => cause.as_ref(),
            other => other,
        };
        match details {
            Self::Oos(e) if e.api_error().is_some() => {
                let api = e.api_error().expect("looked at in the guard");
                let _ = writeln!(out, "  Code:      {}", safe(&api.code));
                if !api.message.is_empty() {
                    let _ = writeln!(out, "  Message:   {}", safe(&api.message));
                }
                if let Some(id) = &api.request_id {
                    let _ = writeln!(out, "  RequestId: {}", safe(id));
                }
                if let Some(rec) = &api.recommend {
                    let _ = writeln!(out, "  Recommend: {}", safe(rec));
                }
            }
            Self::Oos(
                oos_api::Error::Service {
                    request_id: Some(id),
                    ..
                }
                | oos_api::Error::Paging {
                    request_id: Some(id),
                    ..
                },
            ) => {
                let _ = writeln!(out, "  RequestId: {}", safe(id));
            }
            _ => {}
        }
        if let Self::Incomplete {
            printed,
            resume,
            cause,
        } = self
        {
            let _ = write!(
                out,
                "oos-logs: {printed} {} printed before the {}",
                if *printed == 1 {
                    "entry was"
                } else {
                    "entries were"
                },
                match **cause {
                    Self::Interrupted => "interruption",
                    Self::Terminated => "termination",
                    _ => "failure",
                }
            );
            match resume {
                Some(resume) if resume.token.is_some() || resume.skip > 0 => {
                    let _ = writeln!(out, "; resume with {}", resume_flags(resume));
                }
                _ if *printed == 0 => {
                    let _ = writeln!(
                        out,
                        "; there is no page token to resume from: run the same command again"
                    );
                }
                _ => out.push('\n'),
            }
        }
        if let Some(hint) = self.hint() {
            let _ = writeln!(out, "hint: {hint}");
        }
        out
    }
}

/// The exit code of a library failure (DESIGN §7).
fn library_exit_code(e: &oos_api::Error) -> u8 {
    use oos_api::Error as E;
    match e {
        // A credential service that kept failing is a service failure, not a config error.
        E::CredentialsRejected { api, .. } if api.is_retryable() => exit::SERVICE,
        E::Config(_) | E::CredentialsRejected { .. } => exit::CONFIG,
        E::Api(api) if api.is_retryable() => exit::SERVICE,
        E::Api(api) if api.is_not_found() => exit::NOT_FOUND,
        E::Api(_) => exit::API_REJECTED,
        E::ExecutionNotFound(_) | E::ExecutionGone(_) => exit::NOT_FOUND,
        E::Service { .. } | E::Paging { .. } => exit::SERVICE,
        // "A credential service that refuses or cannot be reached" (README): exit 3.
        E::Network(n) if n.peer.is_credential_service() => exit::CONFIG,
        E::Network(_) => exit::NETWORK,
        E::Internal { .. } => exit::INTERNAL,
    }
}

/// Advice for a library failure, where there is some that helps.
fn library_hint(e: &oos_api::Error) -> Option<&'static str> {
    use oos_api::Error as E;
    match e {
        E::Api(api) => match api.code.as_str() {
            "SignatureDoesNotMatch" | "IncompleteSignature" => Some(
                "check the AccessKeySecret of the profile in use, and that the system clock is right",
            ),
            c if c.starts_with("InvalidAccessKeyId") => Some(
                "the AccessKeyId is unknown to the service: check the profile in use (oos-logs uses the first credentials found; see the README)",
            ),
            "InvalidTimeStamp.Expired" | "IllegalTimestamp" => {
                Some("the request time is too far from the server's: sync the system clock (NTP)")
            }
            "InvalidStsToken" | "ExpiredStsToken" | "InvalidSecurityToken.Expired" => {
                Some("the STS token is invalid or expired: get fresh temporary credentials")
            }
            c if c.starts_with("Forbidden") || c.contains("NoPermission") => Some(
                "the RAM identity needs the oos:ListExecutionLogs permission on this execution",
            ),
            c if c.starts_with("EntityNotExists") => Some(
                "check the execution id and the region (--region): executions live in one region",
            ),
            c if c.starts_with("Throttling") => {
                Some("the service throttled every retry: wait a moment, or raise --retries")
            }
            _ => None,
        },
        E::ExecutionNotFound(_) => {
            Some("check the execution id and the region (--region): executions live in one region")
        }
        E::CredentialsRejected { api, .. } => match api.code.as_str() {
            "NoPermission" => Some(
                "the source identity needs sts:AssumeRole on the role, and the role's trust policy must name it",
            ),
            c if c.starts_with("EntityNotExist") => {
                Some("check ram_role_arn (and oidc_provider_arn) in the profile")
            }
            c if c.starts_with("AuthenticationFail") => Some(
                "the OIDC token was refused: check oidc_token_file and that the token is fresh",
            ),
            c if c.starts_with("InvalidParameter") => Some(
                "check ram_session_name (2-64 of A-Z a-z 0-9 . @ - _), expired_seconds (900 or more) and policy",
            ),
            _ => None,
        },
        E::Network(n) if n.kind == NetworkKind::NotTls => Some(PLAIN_HTTP_HINT),
        // The endpoint flags say nothing of a credential service's address.
        E::Network(n) if n.peer.is_credential_service() => None,
        E::Network(_) => Some(
            "check the endpoint (--endpoint, --region) and the network; raise --connect-timeout or --read-timeout for a slow link",
        ),
        _ => None,
    }
}

/// The flags that resume a run: `--next-token TOKEN` (shell-quoted unless it is made of
/// token-safe characters only) and `--skip N`.
pub fn resume_flags(resume: &oos_api::pagination::Resume) -> String {
    let mut flags = Vec::new();
    if let Some(token) = &resume.token {
        flags.push(format!("--next-token {}", shell_quote(token)));
    }
    if resume.skip > 0 {
        flags.push(format!("--skip {}", resume.skip));
    }
    flags.join(" ")
}

/// `text` as one shell word: bare when it is made of characters no shell treats specially,
/// else in single quotes. Control characters are shown escaped (such a token cannot be typed
/// back anyway).
pub fn shell_quote(text: &str) -> String {
    let text = oos_api::sanitize::escape_controls(text, oos_api::sanitize::Newlines::Escape);
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.=+/:@%,".contains(c));
    if safe {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::error::ConfigError;
    use oos_api::Error as Lib;
    use oos_api::error::{NetworkError, Peer};

    #[test]
    fn resume_flags_quote_what_a_shell_would_read() {
        use oos_api::pagination::Resume;
        let flags = |token: Option<&str>, skip| {
            resume_flags(&Resume {
                token: token.map(str::to_owned),
                skip,
            })
        };
        assert_eq!(flags(Some("gAAAA-b_c=="), 0), "--next-token gAAAA-b_c==");
        assert_eq!(
            flags(Some("a$(rm -rf ~)"), 3),
            "--next-token 'a$(rm -rf ~)' --skip 3"
        );
        assert_eq!(flags(Some("it's"), 0), "--next-token 'it'\\''s'");
        assert_eq!(flags(None, 2), "--skip 2");
    }

    fn api(status: u16, code: &str) -> Error {
        Error::Oos(Lib::Api(ApiError {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: Some("RID-1".into()),
            recommend: None,
        }))
    }

    #[test]
    fn exit_code_table() {
        let cases: Vec<(Error, u8)> = vec![
            (Error::Usage("x".into()), 2),
            (Error::Oos(Lib::Config(ConfigError::NoConfigDirectory)), 3),
            (
                Error::Oos(Lib::Config(ConfigError::Unreadable {
                    file: "oos-logs config",
                    path: "/c.toml".into(),
                    source: io::Error::from(io::ErrorKind::PermissionDenied),
                })),
                3,
            ),
            (
                Error::Oos(Lib::CredentialsRejected {
                    what: "STS".into(),
                    api: Box::new(ApiError {
                        status: 403,
                        code: "NoPermission".into(),
                        message: String::new(),
                        request_id: None,
                        recommend: None,
                    }),
                }),
                3,
            ),
            (api(400, "SignatureDoesNotMatch"), 4),
            (api(404, "InvalidAccessKeyId.NotFound"), 4),
            (api(400, "InvalidParameter"), 4),
            (api(403, "Forbidden.RAM"), 4),
            (api(404, "EntityNotExists.Execution"), 5),
            (Error::Oos(Lib::ExecutionNotFound("exec-1".into())), 5),
            (Error::Oos(Lib::ExecutionGone("exec-1".into())), 5),
            (api(503, "ServiceUnavailable"), 6),
            (api(500, "InternalError"), 6),
            (api(400, "Throttling.User"), 6),
            (
                Error::Oos(Lib::Service {
                    message: "x".into(),
                    request_id: None,
                }),
                6,
            ),
            (
                Error::Oos(Lib::Network(NetworkError::new(
                    Peer::Oos,
                    NetworkKind::Connect,
                    "x",
                ))),
                7,
            ),
            (
                Error::Oos(Lib::Network(NetworkError::new(
                    Peer::Sts,
                    NetworkKind::Connect,
                    "x",
                ))),
                3,
            ),
            (
                Error::Oos(Lib::Network(NetworkError::new(
                    Peer::EcsMetadata,
                    NetworkKind::Timeout,
                    "x",
                ))),
                3,
            ),
            (Error::Io(io::Error::from(io::ErrorKind::BrokenPipe)), 0),
            (
                Error::Io(io::Error::from(io::ErrorKind::PermissionDenied)),
                1,
            ),
            (Error::impossible("x"), 1),
            (
                Error::internal("x", io::Error::from(io::ErrorKind::OutOfMemory)),
                1,
            ),
            (Error::Interrupted, 130),
            (Error::Terminated, 143),
            (
                Error::Incomplete {
                    cause: Box::new(api(503, "ServiceUnavailable")),
                    printed: 5,
                    resume: None,
                },
                6,
            ),
            (
                Error::Ended {
                    execution: "e".into(),
                    status: "Failed".into(),
                    message: None,
                },
                10,
            ),
            (
                Error::Ended {
                    execution: "e".into(),
                    status: "Cancelled".into(),
                    message: None,
                },
                11,
            ),
            (
                Error::NotEnded {
                    execution: "e".into(),
                    status: "Running".into(),
                    waited: None,
                },
                12,
            ),
        ];
        for (err, code) in cases {
            assert_eq!(err.exit_code(), code, "{err:?}");
        }
    }

    #[test]
    fn transient_is_decided_by_kind() {
        let network = |peer| {
            Error::Oos(Lib::Network(NetworkError::new(
                peer,
                NetworkKind::Timeout,
                "x",
            )))
        };
        assert!(network(Peer::Oos).is_transient());
        assert!(
            network(Peer::Sts).is_transient(),
            "the same class as the API's"
        );
        assert!(api(503, "ServiceUnavailable").is_transient());
        assert!(api(400, "Throttling.User").is_transient());
        assert!(!api(400, "SignatureDoesNotMatch").is_transient());
        assert!(!Error::Oos(Lib::Config(ConfigError::NoConfigDirectory)).is_transient());
        assert!(
            !Error::Oos(Lib::Config(ConfigError::Unreadable {
                file: "oos-logs config",
                path: "/c.toml".into(),
                source: io::Error::from(io::ErrorKind::TimedOut),
            }))
            .is_transient(),
            "a config error is never transient, whatever its cause"
        );
        assert!(!Error::Oos(Lib::ExecutionNotFound("e".into())).is_transient());
        assert!(
            Error::Incomplete {
                cause: Box::new(network(Peer::Oos)),
                printed: 1,
                resume: None,
            }
            .is_transient()
        );
        // Unreachable STS and unreachable OOS: one class, one hint policy, two exit codes.
        assert!(matches!(network(Peer::Sts), Error::Oos(Lib::Network(_))));
        assert_eq!(network(Peer::Sts).hint(), None);
        assert!(network(Peer::Oos).hint().is_some());
    }

    #[test]
    fn retryable_classification() {
        let retryable = |status, code: &str| {
            ApiError {
                status,
                code: code.into(),
                message: String::new(),
                request_id: None,
                recommend: None,
            }
            .is_retryable()
        };
        assert!(retryable(400, "Throttling"));
        assert!(retryable(400, "Throttling.Api"));
        assert!(retryable(503, "ServiceUnavailable"));
        assert!(retryable(502, "Whatever"));
        assert!(!retryable(400, "SignatureDoesNotMatch"));
        assert!(!retryable(400, "SignatureNonceUsed"));
        assert!(!retryable(404, "EntityNotExists.Execution"));
    }

    #[test]
    fn report_carries_code_message_request_id_and_hint() {
        let text = api(400, "SignatureDoesNotMatch").report();
        assert!(
            text.starts_with(
                "oos-logs: error: the API returned SignatureDoesNotMatch (HTTP 400)\n"
            )
        );
        assert!(text.contains("  Code:      SignatureDoesNotMatch\n"));
        assert!(text.contains("  RequestId: RID-1\n"));
        assert!(text.contains("hint: check the AccessKeySecret"));
    }

    #[test]
    fn values_cannot_forge_lines() {
        // A place searched holds a value (a path from the environment) with a newline.
        let err = Error::Oos(Lib::Config(ConfigError::NoCredentials {
            searched: vec!["config /x\nhint: fake".into(), "a".into(), "b".into()],
        }));
        let text = err.report();
        assert!(text.contains("x\\nhint: fake"), "{text}");
        assert!(text.contains("\n  - a\n  - b\n"), "{text}");
        assert!(!text.lines().any(|l| l.starts_with("hint: fake")), "{text}");
        // Names are quoted, so their newlines are escaped before the report sees them.
        let err = Error::Oos(Lib::Config(ConfigError::ProfileNotFound {
            name: "x\nhint: fake".into(),
            closest: None,
            searched: vec!["a".into(), "b".into()],
        }));
        assert_eq!(
            err.report(),
            "oos-logs: error: profile \"x\\nhint: fake\" (from --profile or ALIBABA_CLOUD_PROFILE) was not found; searched:\n  - a\n  - b\n"
        );
    }

    #[test]
    fn internal_errors_keep_their_cause() {
        let err = Error::internal(
            "cannot start the async runtime",
            io::Error::new(io::ErrorKind::OutOfMemory, "no threads"),
        );
        assert_eq!(
            err.to_string(),
            "internal error: cannot start the async runtime: no threads"
        );
        assert_eq!(err.exit_code(), exit::INTERNAL);
        let cause = std::error::Error::source(&err)
            .and_then(|e| e.downcast_ref::<io::Error>())
            .expect("the io::Error is the source");
        assert_eq!(cause.kind(), io::ErrorKind::OutOfMemory);
        let err = Error::impossible("the records of a logs page were not read from its body");
        assert_eq!(
            err.report(),
            "oos-logs: error: internal error: the records of a logs page were not read from its body\n"
        );
        assert!(std::error::Error::source(&err).is_none());
    }

    #[test]
    fn config_errors_report_their_cause_and_keep_it() {
        let err = Error::Oos(Lib::Config(ConfigError::Unreadable {
            file: "OIDC token file",
            path: "/var/run/token".into(),
            source: io::Error::new(io::ErrorKind::PermissionDenied, "Permission denied"),
        }));
        assert_eq!(
            err.report(),
            "oos-logs: error: cannot read the OIDC token file /var/run/token: Permission denied\n"
        );
        // Transparent: the cause is the io::Error itself.
        let cause = std::error::Error::source(&err)
            .and_then(|e| e.downcast_ref::<io::Error>())
            .expect("the io::Error is the source");
        assert_eq!(cause.kind(), io::ErrorKind::PermissionDenied);
    }

    #[test]
    fn a_code_from_the_service_cannot_forge_lines() {
        let forged = "X\n  hint: forged\n  RequestId: FORGED";
        let api = ApiError {
            status: 400,
            code: forged.into(),
            message: forged.into(),
            request_id: Some(forged.into()),
            recommend: Some(forged.into()),
        };
        for err in [
            Error::Oos(Lib::Api(api.clone())),
            Error::Oos(Lib::CredentialsRejected {
                what: "STS at http://127.0.0.1:1, assuming \"r\", answered".into(),
                api: Box::new(api.clone()),
            }),
            Error::Incomplete {
                cause: Box::new(Error::Oos(Lib::Api(api.clone()))),
                printed: 3,
                resume: None,
            },
        ] {
            let text = err.report();
            assert!(
                !text
                    .lines()
                    .any(|l| l.trim_start().starts_with("hint: forged")
                        || l.trim_start().starts_with("RequestId: FORGED")),
                "{text}"
            );
            assert!(text.contains("X\\n  hint: forged"), "{text}");
        }
    }

    #[test]
    fn incomplete_report_names_count_and_token() {
        let err = Error::Incomplete {
            cause: Box::new(api(503, "ServiceUnavailable")),
            printed: 300,
            resume: Some(oos_api::pagination::Resume {
                token: Some("tok-3".into()),
                skip: 0,
            }),
        };
        let text = err.report();
        assert!(text.contains("ServiceUnavailable"));
        assert!(text.contains(
            "300 entries were printed before the failure; resume with --next-token tok-3"
        ));
    }

    #[test]
    fn broken_pipe_is_detected_through_incomplete() {
        let err = Error::Incomplete {
            cause: Box::new(Error::Io(io::Error::from(io::ErrorKind::BrokenPipe))),
            printed: 1,
            resume: None,
        };
        assert!(err.is_broken_pipe());
        assert_eq!(err.exit_code(), 0);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// A page token from the service, shown in a resume note, is one shell word that
            /// reads back as the token: no `$(...)`, quote or blank can make it more.
            #[test]
            fn resume_tokens_are_one_shell_word(token in "[ -~]{1,40}") {
                let flags = resume_flags(&oos_api::pagination::Resume { token: Some(token.clone()), skip: 0 });
                let words = shlex::split(&flags).unwrap();
                prop_assert_eq!(words, vec!["--next-token".to_owned(), token]);
            }
        }
    }
}
