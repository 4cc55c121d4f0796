//! `ConfigError`: what is wrong with the configuration or the credentials (exit 3), by kind,
//! with its cause kept as `source()`.
//!
//! Owns the kinds (a file that cannot be read, is refused or is not valid; a value missing or
//! invalid; no credentials, or no such profile; a credential source's unusable answer; a
//! config that cannot be locked or written) and their wording: `Display` is the text the user
//! reads after `oos-logs: error: `. It must not hold a secret, in `Display` or `Debug`: never
//! a secret, a token nor a file's text (a parser's error that keeps the text is reduced to its
//! position and message). It must not decide the exit code (`error` does) nor print.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::ConfigFile;
use crate::config::file::list_names;
use crate::config::profile::ProfileError;

/// What is wrong with the configuration or the credentials.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A file that is there but cannot be read.
    #[error("cannot read the {file} {}: {source}", .path.display())]
    Unreadable {
        /// What the file is, e.g. `oos-logs config`, `OIDC token file`.
        file: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file that is not there: one named by `named_by` (`--config`), or a symbolic link
    /// whose target does not exist.
    #[error("the {file} {}{}{}", .path.display(), .named_by.map(|n| format!(" (from {n})")).unwrap_or_default(), not_there(.link_target.as_deref()))]
    NotFound {
        /// What the file is.
        file: &'static str,
        /// The file.
        path: PathBuf,
        /// What named it, when its absence is an error by itself.
        named_by: Option<&'static str>,
        /// Where it points, when it is a dangling symbolic link.
        link_target: Option<PathBuf>,
    },
    /// A file refused: before it is read (not a regular file, too large to be a config), or
    /// before its profiles are used (others can write it).
    #[error("{}", refused_message(.file, .path, .refusal))]
    Refused {
        /// What the file is.
        file: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        refusal: Refusal,
    },
    /// A file whose text is not valid, or cannot be used as it is.
    #[error("{}", invalid_message(.file, .path, .error))]
    Invalid {
        /// What the file is.
        file: &'static str,
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        #[source]
        error: InvalidText,
    },
    /// A profile that is wrong in itself (its mode, a key its mode needs).
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// A value that something needs is not set.
    #[error("{place} has no {key}")]
    MissingValue {
        /// Whose value, e.g. `profile "p" in FILE`.
        place: String,
        /// The key.
        key: &'static str,
    },
    /// One variable of a pair is set without the other.
    #[error("{set} is set but {unset} is not")]
    HalfPair {
        /// The variable that is set.
        set: &'static str,
        /// The one that is not.
        unset: &'static str,
    },
    /// No region anywhere.
    #[error("no region: pass --region (e.g. --region cn-hangzhou){}", .profile.as_ref().map_or_else(|| " or set ALIBABA_CLOUD_REGION_ID".to_owned(), |p| format!(", set ALIBABA_CLOUD_REGION_ID, or set region_id in {p}")))]
    NoRegion {
        /// The profile in use (`profile NAME in FILE`), when the credentials came from one.
        profile: Option<String>,
    },
    /// No cache directory is known.
    #[error(
        "no cache directory: set XDG_CACHE_HOME or HOME (oos-logs keeps no credentials on disk without one)"
    )]
    NoCacheDirectory,
    /// No config directory is known.
    #[error("no config directory is known: pass --config PATH")]
    NoConfigDirectory,
    /// A value that is set but not valid.
    #[error("{place}: {}{reason}", .key.map(|k| format!("{k}: ")).unwrap_or_default())]
    InvalidValue {
        /// Whose value, e.g. `profile "p" in FILE`, `the OIDC role in the environment`.
        place: String,
        /// The key, when the reason does not name it.
        key: Option<&'static str>,
        /// What is wrong with it (naming the value only when it is not a secret).
        reason: String,
    },
    /// A value that is not one of the few it may be.
    #[error("{place}: {key} {value:?} is not {expected}")]
    NotOneOf {
        /// Whose value.
        place: String,
        /// The key.
        key: &'static str,
        /// The value as written (never a secret: a keyword).
        value: String,
        /// What it may be, e.g. `public or vpc`.
        expected: &'static str,
    },
    /// Nothing in the chain has credentials.
    #[error("{}", no_credentials(.searched))]
    NoCredentials {
        /// Every place searched, in order, and what it lacked.
        searched: Vec<String>,
    },
    /// The profile named by `--profile` / `ALIBABA_CLOUD_PROFILE` is in no file.
    #[error("profile {name:?} (from --profile or ALIBABA_CLOUD_PROFILE) was not found{}; searched:\n  - {}", .closest.as_ref().map(|c| format!(" (did you mean {c:?}?)")).unwrap_or_default(), .searched.join("\n  - "))]
    ProfileNotFound {
        /// The name asked for.
        name: String,
        /// The name of a profile close to it, if any.
        closest: Option<String>,
        /// Every file searched and the profiles it has.
        searched: Vec<String>,
    },
    /// A file selects a profile by itself (`default_profile`, `current`) that it does not have.
    #[error("{}", own_choice_missing(*.file, .path, .name, .has))]
    OwnChoiceMissing {
        /// The file.
        file: ConfigFile,
        /// Its path.
        path: PathBuf,
        /// The name it selects.
        name: String,
        /// The profiles it has.
        has: Vec<String>,
    },
    /// A profile's `source_profile` is not in its file.
    #[error("{profile} names source_profile {name:?}, which {} does not have", .path.display())]
    SourceProfileMissing {
        /// The profile (`profile NAME in FILE`).
        profile: String,
        /// The name of the missing source profile.
        name: String,
        /// The file.
        path: PathBuf,
    },
    /// `source_profile` leads back to a profile already on the way.
    #[error("source_profile forms a cycle in {}: {}", .path.display(), .chain.join(" -> "))]
    SourceProfileCycle {
        /// The file.
        path: PathBuf,
        /// The profiles on the way, the repeated one last.
        chain: Vec<String>,
    },
    /// A credential source (STS, the ECS metadata service, a credentials URI, a credentials
    /// command) gave something that cannot be used.
    #[error("{}", .problem.message(.what))]
    CredentialSource {
        /// The source, e.g. `the credentials URI http://...`.
        what: String,
        /// What was wrong.
        #[source]
        problem: SourceProblem,
    },
    /// A config or cache that cannot be locked, written or cleared.
    #[error("cannot {} the {file} {}{}: {source}", .action.verb(), .action.shown(.path), .action.suffix())]
    Unwritable {
        /// What the file is.
        file: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// What was tried.
        action: WriteAction,
        /// Why it failed.
        source: io::Error,
    },
    /// Several problems at once (`profiles`: files that could not be read), in order.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  "))]
    Several(Vec<ConfigError>),
}

/// Why a file is refused before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// It is not a regular file (after links are followed).
    #[error("is not a regular file (it is {kind})")]
    NotRegular {
        /// What it is: `a directory`, `a FIFO`, `a socket`, `a device`.
        kind: &'static str,
    },
    /// It is larger than any config.
    #[error("is larger than {limit_kib} KiB")]
    TooLarge {
        /// The limit.
        limit_kib: u64,
    },
    /// Group or others can write it: whoever can, chooses the commands oos-logs runs and the
    /// credentials it trusts.
    #[error("is writable by {} (mode {mode:03o})", crate::config::file::besides_owner(*.mode, 0o2).unwrap_or("others"))]
    Writable {
        /// `mode & 0o777`.
        mode: u32,
        /// It holds a secret (the fix is then `chmod 600`, not only `chmod go-w`).
        holds_secret: bool,
    },
}

/// What is wrong with a file's text. Never the text itself: it may hold a secret (so toml's
/// own errors, which keep the whole text, are not kept; their position and message are).
#[derive(Debug, thiserror::Error)]
pub enum InvalidText {
    /// It is not UTF-8.
    #[error("not UTF-8 text")]
    NotUtf8(#[source] std::str::Utf8Error),
    /// It is empty (a token file).
    #[error("empty")]
    Empty,
    /// A JSON syntax error.
    #[error("JSON syntax error at line {} column {}", .0.line(), .0.column())]
    Json(#[source] serde_json::Error),
    /// An INI syntax error.
    #[error("syntax error at line {}, column {}", .0.line, .0.col)]
    Ini(#[source] ini::ParseError),
    /// What is wrong, in words that never quote a value, and where when known (TOML syntax,
    /// and the shapes and types of every format).
    #[error("{}{message}", position(*.line, *.column).map(|p| format!("{p}: ")).unwrap_or_default())]
    Described {
        /// The line, from 1.
        line: Option<usize>,
        /// The column, from 1, in characters.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A key that must be a table to be edited is not one.
    #[error("{key} is not a table")]
    NotATable {
        /// The key, e.g. `profiles`.
        key: String,
    },
}

/// What a credential source gave that cannot be used. The wording follows the source's
/// name: `<source> answered ...`, `<source> printed ...`.
#[derive(Debug, thiserror::Error)]
pub enum SourceProblem {
    /// An HTTP status other than 200.
    #[error("answered HTTP {status}")]
    Status {
        /// The status.
        status: u16,
    },
    /// An error status whose body has no error code (STS).
    #[error("answered HTTP {status} without an error code")]
    StatusWithoutCode {
        /// The status.
        status: u16,
    },
    /// An error status for a metadata path (no role attached to the instance, most often).
    #[error(
        "answered HTTP {status} for {path} (is this an ECS instance with a RAM role attached?)"
    )]
    MetadataStatus {
        /// The status.
        status: u16,
        /// The metadata path asked for.
        path: String,
    },
    /// No session token, where one is required (`ALIBABA_CLOUD_IMDSV1_DISABLED`).
    #[error(
        "gave no session token (HTTP {status}), and ALIBABA_CLOUD_IMDSV1_DISABLED forbids going on without one"
    )]
    NoSessionToken {
        /// The status of the token request.
        status: u16,
    },
    /// No RAM role listed for the instance.
    #[error("lists no RAM role for this instance")]
    NoRole,
    /// An answer that is not JSON (`body` says which: `a body`, `credentials`).
    #[error("answered with {body} that is not JSON: {error}")]
    NotJson {
        /// What was not JSON.
        body: &'static str,
        /// The parser's error.
        #[source]
        error: serde_json::Error,
    },
    /// An answer without a part it must have.
    #[error("answered without {0}")]
    Missing(&'static str),
    /// A `Code` other than `Success`.
    #[error("answered Code {code:?}{}", .role.as_ref().map(|r| format!(" for role {r:?}")).unwrap_or_default())]
    Code {
        /// The code (empty when there was none).
        code: String,
        /// The role asked for (the metadata service).
        role: Option<String>,
    },
    /// An `Expiration` that is not a UTC time.
    #[error("answered with an Expiration that is not a UTC time: {0:?}")]
    Expiration(String),
    /// A command's output that is not the expected JSON.
    #[error("printed something that is not the expected JSON ({0})")]
    PrintedNotJson(#[source] serde_json::Error),
    /// A command's output without a part it must have.
    #[error("printed no {0}")]
    PrintedNo(&'static str),
    /// A command's output with a mode other than AK and StsToken.
    #[error("printed mode {0:?}; expected AK or StsToken")]
    PrintedMode(String),
    /// The command line is empty.
    #[error("is empty")]
    EmptyCommand,
    /// The command could not be started.
    #[error("could not be run: {0}")]
    CannotRun(#[source] io::Error),
    /// The command printed more than allowed on a stream, and was stopped.
    #[error("printed more than {limit_kib} KiB on {stream}; it was stopped")]
    PrintedTooMuch {
        /// `stdout` or `stderr`.
        stream: &'static str,
        /// The cap.
        limit_kib: u64,
    },
    /// The command ran longer than allowed, and was stopped.
    #[error("did not finish within {0:?} (--read-timeout); it was stopped")]
    Timeout(Duration),
    /// The command exited with a failure.
    #[error("failed ({0})")]
    Failed(std::process::ExitStatus),
}

impl ConfigError {
    /// The credential source `what` gave something that cannot be used.
    pub(crate) fn unusable(what: impl Into<String>, problem: SourceProblem) -> Self {
        Self::CredentialSource {
            what: what.into(),
            problem,
        }
    }
}

impl SourceProblem {
    /// The whole message, for the source `what`.
    fn message(&self, what: &str) -> String {
        match self {
            Self::CannotRun(e) => format!("cannot run {what}: {e}"),
            other => format!("{what} {other}"),
        }
    }
}

/// What was tried on a file that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteAction {
    /// Taking the lock that serialises `configure` runs.
    Lock,
    /// Replacing the file.
    Write,
    /// Removing a cache's files.
    Clear,
}

impl WriteAction {
    fn verb(self) -> &'static str {
        match self {
            Self::Lock => "lock",
            Self::Write => "write",
            Self::Clear => "clear",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Self::Lock => " for writing",
            Self::Write | Self::Clear => "",
        }
    }

    /// The path as the message shows it: the cache directory (from the environment) with
    /// every control character and newline escaped, as `cache clear` always showed it.
    fn shown(self, path: &Path) -> String {
        let text = path.display().to_string();
        match self {
            Self::Clear => {
                crate::sanitize::escape_controls(&text, crate::sanitize::Newlines::Escape)
                    .into_owned()
            }
            Self::Lock | Self::Write => text,
        }
    }
}

/// What a refusal says: why, what is refused, and for a file others can write, the fix.
fn refused_message(file: &str, path: &Path, refusal: &Refusal) -> String {
    let shown = path.display();
    match refusal {
        Refusal::Writable { holds_secret, .. } => {
            let fix = if *holds_secret {
                "chmod 600"
            } else {
                "chmod go-w"
            };
            format!(
                "the {file} {shown} {refusal}: refusing to use its profiles, as whoever can write it chooses the commands oos-logs runs and the credentials it trusts; run: {fix} {}",
                crate::config::file::shell_word(path)
            )
        }
        Refusal::NotRegular { .. } | Refusal::TooLarge { .. } => {
            format!("the {file} {shown} {refusal}: refusing to read it")
        }
    }
}

/// ` is a symbolic link to T, which does not exist`, or ` does not exist`.
fn not_there(link_target: Option<&Path>) -> String {
    match link_target {
        Some(target) => format!(
            " is a symbolic link to {}, which does not exist",
            target.display()
        ),
        None => " does not exist".to_owned(),
    }
}

/// `line L, column C`, `line L`, or None.
fn position(line: Option<usize>, column: Option<usize>) -> Option<String> {
    let line = line?;
    Some(match column {
        Some(column) => format!("line {line}, column {column}"),
        None => format!("line {line}"),
    })
}

fn invalid_message(file: &str, path: &Path, error: &InvalidText) -> String {
    let path = path.display();
    match error {
        InvalidText::NotUtf8(_) => format!("the {file} {path} is not UTF-8 text"),
        InvalidText::Empty => format!("the {file} {path} is empty"),
        InvalidText::Json(e) => format!(
            "the {file} {path} is not valid JSON: syntax error at line {} column {}",
            e.line(),
            e.column()
        ),
        InvalidText::Ini(e) => format!(
            "the {file} {path} is not valid at line {}, column {}",
            e.line, e.col
        ),
        InvalidText::Described {
            line,
            column,
            message,
        } => {
            let at = position(*line, *column)
                .map(|p| format!(" at {p}"))
                .unwrap_or_default();
            format!("the {file} {path} is not valid{at}: {message}")
        }
        InvalidText::NotATable { key } => {
            format!("the {file} {path}: {key} is not a table; fix it by hand first")
        }
    }
}

/// Every place searched, in order, and the fix.
fn no_credentials(searched: &[String]) -> String {
    let mut msg = String::from("no credentials found; searched, in order:\n");
    for place in searched {
        msg.push_str("  - ");
        msg.push_str(place);
        msg.push('\n');
    }
    msg.push_str(
        "  to fix: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `oos-logs configure` (see the README)",
    );
    msg
}

fn own_choice_missing(file: ConfigFile, path: &Path, name: &str, has: &[String]) -> String {
    let path = path.display();
    let has = list_names(has.iter());
    match file {
        ConfigFile::Oos => format!(
            "the oos-logs config {path} sets default_profile = {name:?}, but has no [profiles.{name}] (it has: {has})"
        ),
        ConfigFile::Aliyun => format!(
            "the aliyun CLI config {path} has current = {name:?}, but no profile of that name (it has: {has})"
        ),
        // Not reached: the INI file's own choice is its `[default]` section, there or not.
        ConfigFile::Ini => format!(
            "the credentials file {path} selects {name:?}, but has no such section (it has: {has})"
        ),
    }
}

impl From<ConfigError> for crate::error::Error {
    fn from(e: ConfigError) -> Self {
        Self::Config(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(kind: io::ErrorKind, text: &str) -> io::Error {
        io::Error::new(kind, text.to_owned())
    }

    /// The cause of `err`, `depth` steps down its `source()` chain, as a `T`.
    fn cause<'a, T: std::error::Error + 'static>(
        err: &'a (dyn std::error::Error + 'static),
        depth: usize,
    ) -> &'a T {
        let mut at = err;
        for _ in 0..depth {
            at = at.source().expect("a source");
        }
        at.downcast_ref::<T>().expect("a cause of that type")
    }

    #[test]
    fn messages_are_worded_as_before() {
        let path = || PathBuf::from("/c.toml");
        let cases: Vec<(ConfigError, &str)> = vec![
            (
                ConfigError::Unreadable {
                    file: "OIDC token file",
                    path: PathBuf::from("/t"),
                    source: io(io::ErrorKind::PermissionDenied, "denied"),
                },
                "cannot read the OIDC token file /t: denied",
            ),
            (
                ConfigError::NotFound {
                    file: "oos-logs config",
                    path: path(),
                    named_by: Some("--config or OOS_LOGS_CONFIG"),
                    link_target: None,
                },
                "the oos-logs config /c.toml (from --config or OOS_LOGS_CONFIG) does not exist",
            ),
            (
                ConfigError::NotFound {
                    file: "oos-logs config",
                    path: path(),
                    named_by: Some("--config or OOS_LOGS_CONFIG"),
                    link_target: Some(PathBuf::from("/gone")),
                },
                "the oos-logs config /c.toml (from --config or OOS_LOGS_CONFIG) is a symbolic link to /gone, which does not exist",
            ),
            (
                ConfigError::NotFound {
                    file: "credentials file",
                    path: path(),
                    named_by: None,
                    link_target: Some(PathBuf::from("/gone")),
                },
                "the credentials file /c.toml is a symbolic link to /gone, which does not exist",
            ),
            (
                ConfigError::Refused {
                    file: "oos-logs config",
                    path: path(),
                    refusal: Refusal::NotRegular { kind: "a FIFO" },
                },
                "the oos-logs config /c.toml is not a regular file (it is a FIFO): refusing to read it",
            ),
            (
                ConfigError::Refused {
                    file: "oos-logs config",
                    path: path(),
                    refusal: Refusal::Writable {
                        mode: 0o666,
                        holds_secret: false,
                    },
                },
                "the oos-logs config /c.toml is writable by group and others (mode 666): refusing to use its profiles, as whoever can write it chooses the commands oos-logs runs and the credentials it trusts; run: chmod go-w /c.toml",
            ),
            (
                ConfigError::Refused {
                    file: "aliyun CLI config",
                    path: PathBuf::from("/my dir/c.json"),
                    refusal: Refusal::Writable {
                        mode: 0o602,
                        holds_secret: true,
                    },
                },
                "the aliyun CLI config /my dir/c.json is writable by others (mode 602): refusing to use its profiles, as whoever can write it chooses the commands oos-logs runs and the credentials it trusts; run: chmod 600 '/my dir/c.json'",
            ),
            (
                ConfigError::CredentialSource {
                    what: "the credentials command \"x\"".into(),
                    problem: SourceProblem::PrintedTooMuch {
                        stream: "stderr",
                        limit_kib: 1024,
                    },
                },
                "the credentials command \"x\" printed more than 1024 KiB on stderr; it was stopped",
            ),
            (
                ConfigError::Invalid {
                    file: "oos-logs config",
                    path: path(),
                    error: InvalidText::Described {
                        line: Some(2),
                        column: None,
                        message: "expected `=`".into(),
                    },
                },
                "the oos-logs config /c.toml is not valid at line 2: expected `=`",
            ),
            (
                ConfigError::Invalid {
                    file: "aliyun CLI config",
                    path: path(),
                    error: InvalidText::Described {
                        line: None,
                        column: None,
                        message: "a value has an unexpected type".into(),
                    },
                },
                "the aliyun CLI config /c.toml is not valid: a value has an unexpected type",
            ),
            (
                ConfigError::Invalid {
                    file: "OIDC token file",
                    path: PathBuf::from("/t"),
                    error: InvalidText::Empty,
                },
                "the OIDC token file /t is empty",
            ),
            (
                ConfigError::Invalid {
                    file: "oos-logs config",
                    path: path(),
                    error: InvalidText::NotATable {
                        key: "profiles.a".into(),
                    },
                },
                "the oos-logs config /c.toml: profiles.a is not a table; fix it by hand first",
            ),
            (
                ConfigError::MissingValue {
                    place: "profile \"p\" in /c.toml".into(),
                    key: "ram_role_arn",
                },
                "profile \"p\" in /c.toml has no ram_role_arn",
            ),
            (
                ConfigError::HalfPair {
                    set: "ALIBABA_CLOUD_ACCESS_KEY_ID",
                    unset: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                },
                "ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not",
            ),
            (
                ConfigError::NoRegion { profile: None },
                "no region: pass --region (e.g. --region cn-hangzhou) or set ALIBABA_CLOUD_REGION_ID",
            ),
            (
                ConfigError::NoRegion {
                    profile: Some("profile \"p\" in /c.toml".into()),
                },
                "no region: pass --region (e.g. --region cn-hangzhou), set ALIBABA_CLOUD_REGION_ID, or set region_id in profile \"p\" in /c.toml",
            ),
            (
                ConfigError::InvalidValue {
                    place: "profile \"p\" in /c.toml".into(),
                    key: Some("region_id"),
                    reason: "invalid region id \"x y\": expected something like cn-hangzhou".into(),
                },
                "profile \"p\" in /c.toml: region_id: invalid region id \"x y\": expected something like cn-hangzhou",
            ),
            (
                ConfigError::InvalidValue {
                    place: "the OIDC role in the environment".into(),
                    key: None,
                    reason: "expired_seconds 60 is below STS's minimum of 900".into(),
                },
                "the OIDC role in the environment: expired_seconds 60 is below STS's minimum of 900",
            ),
            (
                ConfigError::NotOneOf {
                    place: "profile \"p\" in /c.toml".into(),
                    key: "endpoint_type",
                    value: "intranet".into(),
                    expected: "public or vpc",
                },
                "profile \"p\" in /c.toml: endpoint_type \"intranet\" is not public or vpc",
            ),
            (
                ConfigError::NoCredentials {
                    searched: vec!["a".into(), "b".into()],
                },
                "no credentials found; searched, in order:\n  - a\n  - b\n  to fix: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `oos-logs configure` (see the README)",
            ),
            (
                ConfigError::ProfileNotFound {
                    name: "p".into(),
                    closest: None,
                    searched: vec!["a (it has: x)".into(), "b (not found)".into()],
                },
                "profile \"p\" (from --profile or ALIBABA_CLOUD_PROFILE) was not found; searched:\n  - a (it has: x)\n  - b (not found)",
            ),
            (
                ConfigError::ProfileNotFound {
                    name: "prodution".into(),
                    closest: Some("production".into()),
                    searched: vec!["a (it has: production)".into()],
                },
                "profile \"prodution\" (from --profile or ALIBABA_CLOUD_PROFILE) was not found (did you mean \"production\"?); searched:\n  - a (it has: production)",
            ),
            (
                ConfigError::OwnChoiceMissing {
                    file: ConfigFile::Oos,
                    path: path(),
                    name: "prod".into(),
                    has: vec![],
                },
                "the oos-logs config /c.toml sets default_profile = \"prod\", but has no [profiles.prod] (it has: no profiles)",
            ),
            (
                ConfigError::OwnChoiceMissing {
                    file: ConfigFile::Aliyun,
                    path: PathBuf::from("/c.json"),
                    name: "x".into(),
                    has: vec!["a".into(), "b".into()],
                },
                "the aliyun CLI config /c.json has current = \"x\", but no profile of that name (it has: a, b)",
            ),
            (
                ConfigError::SourceProfileMissing {
                    profile: "profile \"p\" in /c.toml".into(),
                    name: "src".into(),
                    path: path(),
                },
                "profile \"p\" in /c.toml names source_profile \"src\", which /c.toml does not have",
            ),
            (
                ConfigError::SourceProfileCycle {
                    path: path(),
                    chain: vec!["a".into(), "b".into(), "a".into()],
                },
                "source_profile forms a cycle in /c.toml: a -> b -> a",
            ),
            (
                ConfigError::CredentialSource {
                    what: "the ECS metadata service at http://h".into(),
                    problem: SourceProblem::Code {
                        code: "Failed".into(),
                        role: Some("r".into()),
                    },
                },
                "the ECS metadata service at http://h answered Code \"Failed\" for role \"r\"",
            ),
            (
                ConfigError::CredentialSource {
                    what: "the credentials command \"x\"".into(),
                    problem: SourceProblem::CannotRun(io(io::ErrorKind::NotFound, "no such file")),
                },
                "cannot run the credentials command \"x\": no such file",
            ),
            (
                ConfigError::CredentialSource {
                    what: "the credentials command \"x\"".into(),
                    problem: SourceProblem::Timeout(Duration::from_secs(5)),
                },
                "the credentials command \"x\" did not finish within 5s (--read-timeout); it was stopped",
            ),
            (
                ConfigError::CredentialSource {
                    what: "process_command".into(),
                    problem: SourceProblem::EmptyCommand,
                },
                "process_command is empty",
            ),
            (
                ConfigError::Unwritable {
                    file: "oos-logs config",
                    path: path(),
                    action: WriteAction::Lock,
                    source: io(io::ErrorKind::PermissionDenied, "denied"),
                },
                "cannot lock the oos-logs config /c.toml for writing: denied",
            ),
            (
                ConfigError::Unwritable {
                    file: "credentials cache",
                    path: PathBuf::from("/cache\nhint: x"),
                    action: WriteAction::Clear,
                    source: io(io::ErrorKind::PermissionDenied, "denied"),
                },
                "cannot clear the credentials cache /cache\\nhint: x: denied",
            ),
            (
                ConfigError::Several(vec![
                    ConfigError::NoConfigDirectory,
                    ConfigError::NoCacheDirectory,
                ]),
                "no config directory is known: pass --config PATH\n  no cache directory: set XDG_CACHE_HOME or HOME (oos-logs keeps no credentials on disk without one)",
            ),
        ];
        for (err, text) in cases {
            assert_eq!(err.to_string(), text, "{err:?}");
        }
    }

    #[test]
    fn a_toml_error_keeps_its_position_and_never_the_text() {
        let text = "[profiles.a]\naccess_key_secret = \"SUPERSECRET\n";
        let err = crate::config::oos::OosConfig::parse(text, Path::new("/c.toml")).unwrap_err();
        let ConfigError::Invalid {
            file,
            path,
            error: InvalidText::Described { line, column, .. },
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(
            (*file, path.as_path(), *line),
            ("oos-logs config", Path::new("/c.toml"), Some(2))
        );
        assert!(column.is_some(), "{err:?}");
        assert!(err.to_string().contains(" at line 2, column "), "{err}");
        assert!(matches!(
            cause::<InvalidText>(&err, 1),
            InvalidText::Described { line: Some(2), .. }
        ));
        for shown in [err.to_string(), format!("{err:?}")] {
            assert!(!shown.contains("SUPERSECRET"), "{shown}");
        }
    }

    #[test]
    fn json_and_ini_errors_are_kept_as_the_source() {
        let err = crate::config::aliyun::AliyunConfig::parse(
            "{\n  \"current\": ,\n}",
            Path::new("/c.json"),
        )
        .unwrap_err();
        let json = cause::<serde_json::Error>(&err, 2);
        assert_eq!((json.line(), json.column()), (2, 14));
        assert_eq!(
            err.to_string(),
            "the aliyun CLI config /c.json is not valid JSON: syntax error at line 2 column 14"
        );

        let err = crate::config::ini::IniConfig::parse(
            "[default\naccess_key_secret = hunter2\n",
            Path::new("/c"),
        )
        .unwrap_err();
        let ini = cause::<ini::ParseError>(&err, 2);
        assert_eq!(
            err.to_string(),
            format!(
                "the credentials file /c is not valid at line {}, column {}",
                ini.line, ini.col
            )
        );
        assert!(!format!("{err:?}").contains("hunter2"), "{err:?}");
    }

    #[test]
    fn a_credential_source_keeps_the_parser_s_and_the_system_s_errors() {
        let error = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let err = ConfigError::CredentialSource {
            what: "STS at https://sts.aliyuncs.com".into(),
            problem: SourceProblem::NotJson {
                body: "a body",
                error,
            },
        };
        assert_eq!(
            err.to_string(),
            "STS at https://sts.aliyuncs.com answered with a body that is not JSON: EOF while parsing an object at line 1 column 1"
        );
        assert_eq!(cause::<serde_json::Error>(&err, 2).line(), 1);

        let err = ConfigError::CredentialSource {
            what: "the credentials command \"x\"".into(),
            problem: SourceProblem::CannotRun(io::Error::from(io::ErrorKind::NotFound)),
        };
        assert_eq!(cause::<io::Error>(&err, 2).kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_config_error_is_never_transient_and_keeps_its_cause() {
        let err = crate::error::Error::from(ConfigError::Unwritable {
            file: "oos-logs config",
            path: PathBuf::from("/c.toml"),
            action: WriteAction::Write,
            source: io::Error::from(io::ErrorKind::StorageFull),
        });
        assert!(matches!(err, crate::error::Error::Config(_)));
        assert!(!err.is_transient());
        assert_eq!(
            cause::<io::Error>(&err, 1).kind(),
            io::ErrorKind::StorageFull
        );
        assert!(
            err.to_string()
                .starts_with("cannot write the oos-logs config /c.toml: "),
            "{err}"
        );
    }
}
