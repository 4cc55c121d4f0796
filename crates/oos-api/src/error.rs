//! The library's error: what can go wrong talking to OOS and its credential services, each
//! failure keeping its cause (the service's Code, Message and RequestId; the network's kind; the
//! config file's place).
//!
//! It must not know exit codes, hints that name flags, or how a report is laid out on a
//! terminal: those are the CLI's (`oos-logs`' `error`).

/// What a network error says when an https endpoint answered a TLS handshake in plain HTTP
/// (`client`); the CLI's hint then says how to reach a plain-HTTP server.
pub(crate) const MAY_BE_PLAIN_HTTP: &str = "answered without TLS: it may speak plain HTTP";

/// An error response of the API, as the service sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status of the response.
    pub status: u16,
    /// The API's `Code`, e.g. `SignatureDoesNotMatch`.
    pub code: String,
    /// The API's `Message`.
    pub message: String,
    /// The API's `RequestId`, for support tickets.
    pub request_id: Option<String>,
    /// The API's `Recommend` (a troubleshooting URL), if any.
    pub recommend: Option<String>,
}

impl ApiError {
    /// Whether the same request may succeed if sent again: 5xx, throttling and the service's
    /// transient codes. Auth, signature and parameter errors never are.
    pub fn is_retryable(&self) -> bool {
        self.status >= 500
            || self.code.starts_with("Throttling")
            || self.code == "ServiceUnavailable"
            || self.code == "InternalError"
            || self.code == "UnknownError"
    }

    /// The service said the entity does not exist (`EntityNotExists.*`).
    pub fn is_not_found(&self) -> bool {
        self.code.starts_with("EntityNotExists")
    }
}

/// The service a network failure was on the way to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    /// The OOS API.
    Oos,
    /// STS (`AssumeRole`, `AssumeRoleWithOIDC`).
    Sts,
    /// The ECS instance metadata service.
    EcsMetadata,
    /// A credentials URI.
    CredentialsUri,
}

impl Peer {
    /// A service that hands out credentials: failing to reach it means the credentials cannot
    /// be had (exit 3, as the README's table says), not that the API is unreachable.
    pub fn is_credential_service(self) -> bool {
        !matches!(self, Self::Oos)
    }
}

/// How the network failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    /// No connection could be made.
    Connect,
    /// No complete answer in time (`--read-timeout` between bytes, `--request-timeout` in
    /// all).
    Timeout,
    /// An https endpoint answered the TLS handshake in plain HTTP.
    NotTls,
    /// Any other transport failure (a reset, a TLS error, a broken body).
    Other,
}

/// A transport failure or timeout, after retries: which service, how, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkError {
    /// The service that could not be reached.
    pub peer: Peer,
    /// How.
    pub kind: NetworkKind,
    /// What happened, naming the host or service.
    pub message: String,
}

impl NetworkError {
    /// A network error.
    pub fn new(peer: Peer, kind: NetworkKind, message: impl Into<String>) -> Self {
        Self {
            peer,
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for NetworkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every failure of talking to OOS, its credential services and the config files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Config or credentials missing or invalid, by kind; the message names the files and
    /// places, and the cause (an I/O or parser error) is its `source()`.
    #[error(transparent)]
    Config(crate::config::error::ConfigError),
    /// The API answered with an error.
    #[error("the API returned {} (HTTP {})", .0.code, .0.status)]
    Api(ApiError),
    /// A credential service (STS) refused, with its Code and RequestId.
    #[error("{what}: {} (HTTP {})", .api.code, .api.status)]
    CredentialsRejected {
        /// What was asked of whom.
        what: String,
        /// The service's answer.
        api: Box<ApiError>,
    },
    /// The execution does not exist (found out without an API error, e.g. empty ListExecutions).
    #[error("execution {0} not found")]
    ExecutionNotFound(String),
    /// The execution existed when following began, and no longer does.
    #[error("execution {0} no longer exists: it disappeared while it was followed")]
    ExecutionGone(String),
    /// The service misbehaved: a body that is not JSON, a non-JSON error page, a value (an id,
    /// a token) too long to be sent back in a request.
    #[error("{message}")]
    Service {
        /// What went wrong.
        message: String,
        /// The RequestId, when the response had one.
        request_id: Option<String>,
    },
    /// The service's pages go nowhere: a token sent twice, pages that bring nothing. A server
    /// fault that asking again would only repeat, so a follow does not wait it out.
    #[error("{message}")]
    Paging {
        /// What went wrong.
        message: String,
        /// The RequestId of the page that showed it.
        request_id: Option<String>,
    },
    /// A transport failure or timeout, of the API or of a credential service.
    #[error("{0}")]
    Network(NetworkError),
    /// A bug or an impossible state, or a failure of what the library runs on (the async
    /// runtime, the HTTP client, a task).
    #[error("internal error: {what}{}", .source.as_ref().map(|s| format!(": {s}")).unwrap_or_default())]
    Internal {
        /// What failed.
        what: std::borrow::Cow<'static, str>,
        /// Why, when another error says.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl Error {
    /// An internal error: `what` failed because of `source`.
    pub fn internal(
        what: impl Into<std::borrow::Cow<'static, str>>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self::Internal {
            what: what.into(),
            source: Some(source.into()),
        }
    }

    /// An internal error with no other error behind it: an impossible state.
    pub fn impossible(what: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Self::Internal {
            what: what.into(),
            source: None,
        }
    }

    /// A failure that may pass if the same thing is asked again later: a service's error
    /// that retrying may cure (5xx, throttling), a misbehaving service, or the network (of
    /// the API or of a credential service alike). Decided by kind, never by exit code.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Api(api) => api.is_retryable(),
            Self::CredentialsRejected { api, .. } => api.is_retryable(),
            Self::Service { .. } | Self::Network(_) => true,
            _ => false,
        }
    }

    /// The service's error, for the variants that carry one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            Self::CredentialsRejected { api, .. } => Some(api),
            _ => None,
        }
    }

    /// True when the service said the execution (or another entity) does not exist.
    pub fn is_not_found(&self) -> bool {
        match self {
            Self::Api(api) => api.is_not_found(),
            Self::ExecutionNotFound(_) | Self::ExecutionGone(_) => true,
            _ => false,
        }
    }

    /// The RequestId of the service's answer, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Service { request_id, .. } | Self::Paging { request_id, .. } => {
                request_id.as_deref()
            }
            other => other.api_error().and_then(|a| a.request_id.as_deref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::error::ConfigError;

    fn api(status: u16, code: &str) -> Error {
        Error::Api(ApiError {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: Some("RID-1".into()),
            recommend: None,
        })
    }

    #[test]
    fn transient_is_decided_by_kind() {
        let network = |peer| Error::Network(NetworkError::new(peer, NetworkKind::Timeout, "x"));
        assert!(network(Peer::Oos).is_transient());
        assert!(
            network(Peer::Sts).is_transient(),
            "the same class as the API's"
        );
        assert!(api(503, "ServiceUnavailable").is_transient());
        assert!(api(400, "Throttling.User").is_transient());
        assert!(!api(400, "SignatureDoesNotMatch").is_transient());
        assert!(!Error::Config(ConfigError::NoConfigDirectory).is_transient());
        assert!(
            !Error::Config(ConfigError::Unreadable {
                file: "oos-logs config",
                path: "/c.toml".into(),
                source: std::io::Error::from(std::io::ErrorKind::TimedOut),
            })
            .is_transient(),
            "a config error is never transient, whatever its cause"
        );
        assert!(!Error::ExecutionNotFound("e".into()).is_transient());
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
    fn internal_errors_keep_their_cause() {
        let err = Error::internal(
            "cannot start the async runtime",
            std::io::Error::new(std::io::ErrorKind::OutOfMemory, "no threads"),
        );
        assert_eq!(
            err.to_string(),
            "internal error: cannot start the async runtime: no threads"
        );
        let cause = std::error::Error::source(&err)
            .and_then(|e| e.downcast_ref::<std::io::Error>())
            .expect("the io::Error is the source");
        assert_eq!(cause.kind(), std::io::ErrorKind::OutOfMemory);
        assert!(std::error::Error::source(&Error::impossible("x")).is_none());
    }
}
