//! `oos-logs configure`: write a profile to the oos-logs config.
//!
//! Interactive on a terminal (the secret and token read without echo), or for scripts with
//! every value from flags and the environment and the secret from stdin (`--secret-stdin`) or
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, never from a flag. On a terminal every value not given by
//! a flag is asked for, a value from the environment shown as the answer an empty line takes
//! (and named as such). The file is edited in place (other profiles and comments kept) under
//! an advisory lock (`.config.toml.lock` beside it, so concurrent runs do not lose each
//! other's profiles) and replaced atomically, mode 0600; a config that is a symbolic link is
//! written through (the link kept, its target replaced). Lines from stdin are read through the
//! bounded reader (`input`), at most 64 KiB each. It must not call the API.

use std::io::{self, BufRead, Write};
use std::path::Path;

use toml_edit::{DocumentMut, value};

use crate::config::ConfigFile;
use crate::config::error::{ConfigError, InvalidText, WriteAction};
use crate::config::file::{lock_for_update, read_if_exists, write_private};
use crate::environment::Environment;
use crate::error::Error;
use crate::input::ReadError;
use crate::secret::{Secret, mask_key_id};

/// What messages call the file `configure` writes.
const OOS_CONFIG: &str = ConfigFile::Oos.label();

/// The environment variables `configure` takes values from.
const ENV_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
const ENV_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
const ENV_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
const ENV_REGION: &str = "ALIBABA_CLOUD_REGION_ID";

/// The modes `configure` writes (`--mode`): role modes are edited by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WriteMode {
    // No doc comments: they would become help text of the possible values.
    #[allow(missing_docs)]
    Ak,
    #[allow(missing_docs)]
    Sts,
}

impl WriteMode {
    /// The spelling written to the file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ak => "ak",
            Self::Sts => "sts",
        }
    }
}

/// What `configure` was told on the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConfigureRequest {
    /// The profile to write (default `default`).
    pub profile: String,
    /// `--mode`: `ak` or `sts`.
    pub mode: Option<WriteMode>,
    /// `--access-key-id`.
    pub access_key_id: Option<String>,
    /// `--region` (global), or `ALIBABA_CLOUD_REGION_ID`.
    pub region: Option<String>,
    /// `--endpoint` (global): stored as the profile's `endpoint`.
    pub endpoint: Option<String>,
    /// `--endpoint-type` (global): stored as the profile's `endpoint_type`.
    pub endpoint_type: Option<String>,
    /// `--output`.
    pub output: Option<String>,
    /// Read the secret (then the token, for `sts`) from stdin.
    pub secret_stdin: bool,
    /// Never prompt.
    pub non_interactive: bool,
    /// Make this the default profile.
    pub set_default: bool,
}

/// Asks for values. Both return `Ok(None)` for an empty answer (take the default shown), and
/// an `UnexpectedEof` error at the end of input (Ctrl-D).
pub(crate) trait Prompter {
    /// A visible value; `default` is shown in brackets.
    fn ask(&mut self, label: &str, default: Option<&str>) -> io::Result<Option<String>>;
    /// A hidden value; `default` says what an empty answer keeps.
    fn ask_secret(&mut self, label: &str, default: Option<&str>) -> io::Result<Option<String>>;
}

/// Prompts on the terminal: questions on stderr, answers from stdin, secrets without echo.
#[derive(Debug, Default)]
pub(crate) struct TerminalPrompter;

impl Prompter for TerminalPrompter {
    fn ask(&mut self, label: &str, default: Option<&str>) -> io::Result<Option<String>> {
        let mut err = io::stderr().lock();
        match default {
            Some(d) => write!(err, "{label} [{d}]: ")?,
            None => write!(err, "{label}: ")?,
        }
        err.flush()?;
        let line = read_answer(&mut io::stdin().lock())?;
        if line.is_empty() {
            // Ctrl-D: end the prompt's line, then say so.
            let _ = writeln!(err);
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let answer = line.trim();
        Ok((!answer.is_empty()).then(|| answer.to_owned()))
    }

    fn ask_secret(&mut self, label: &str, default: Option<&str>) -> io::Result<Option<String>> {
        let prompt = match default {
            Some(d) => format!("{label} [{d}]: "),
            None => format!("{label}: "),
        };
        let answer = rpassword::prompt_password(prompt).inspect_err(|e| {
            if e.kind() == io::ErrorKind::UnexpectedEof {
                let _ = writeln!(io::stderr());
            }
        })?;
        let answer = answer.trim();
        Ok((!answer.is_empty()).then(|| answer.to_owned()))
    }
}

/// The longest line read from stdin (an answer, the secret, the token): a secret of more has
/// no end of line (`< /dev/zero`, a binary file) and is refused, not read into memory.
pub(crate) const MAX_LINE_BYTES: u64 = 64 * 1024;

/// One line of `stdin` through the bounded reader, as text; empty at the end of input.
fn read_answer(stdin: &mut dyn BufRead) -> io::Result<String> {
    let line = crate::input::read_line(stdin, MAX_LINE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => e,
        other => io::Error::new(io::ErrorKind::InvalidData, other),
    })?;
    String::from_utf8(line).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()))
}

/// One line of the secret (or token) on stdin, as text. An error never shows a byte of it.
fn read_secret_line(stdin: &mut dyn BufRead) -> Result<String, Error> {
    let line = crate::input::read_line(stdin, MAX_LINE_BYTES).map_err(|e| match e {
        ReadError::TooLarge(cap) => Error::Usage(format!(
            "configure: the secret on stdin is longer than {} KiB with no end of line: refusing it (is stdin the secret?)",
            cap / 1024
        )),
        other => Error::Usage(format!(
            "configure: cannot read the secret from stdin: {other}"
        )),
    })?;
    String::from_utf8(line).map_err(|e| {
        Error::Usage(format!(
            "configure: cannot read the secret from stdin: it is not UTF-8 text ({})",
            e.utf8_error()
        ))
    })
}

fn str_of<'a>(doc: &'a DocumentMut, profile: &str, key: &str) -> Option<&'a str> {
    doc.get("profiles")?.get(profile)?.get(key)?.as_str()
}

/// Why `name` cannot name a profile: empty, or holding blanks, control or invisible
/// characters (a name must be typed back with `--profile` and shown on one line).
pub(crate) fn invalid_profile_name(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("a profile name must not be empty".to_owned());
    }
    let bad = name.chars().find(|&c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
    })?;
    Some(format!(
        "profile name {name:?} holds {}: use letters, digits, '-', '_' or '.'",
        if bad.is_whitespace() {
            "a blank"
        } else {
            "a control or invisible character"
        }
    ))
}

/// A value and where it came from, for the prompts and the closing note.
struct Given<T> {
    value: Option<T>,
    /// The environment variable it came from.
    from_env: Option<&'static str>,
}

impl<T> Given<T> {
    fn none() -> Self {
        Self {
            value: None,
            from_env: None,
        }
    }
    fn env(value: Option<T>, var: &'static str) -> Self {
        let from_env = value.is_some().then_some(var);
        Self { value, from_env }
    }
}

/// A prompter's failure as the user should read it: Ctrl-D is "no input" (nothing saved),
/// Ctrl-C an interruption.
fn prompt_error(label: &str) -> impl Fn(io::Error) -> Error + '_ {
    move |e| match e.kind() {
        io::ErrorKind::UnexpectedEof => Error::Usage(format!(
            "configure: no input for {label} (end of input): nothing was saved"
        )),
        io::ErrorKind::Interrupted => Error::Interrupted,
        _ => Error::Usage(format!(
            "configure: cannot read the answer for {label}: {e}"
        )),
    }
}

/// Writes the profile to `path`; returns what to tell the user.
pub(crate) fn configure(
    path: &Path,
    request: &ConfigureRequest,
    env: &Environment,
    prompter: Option<&mut dyn Prompter>,
    stdin: &mut dyn BufRead,
) -> Result<String, Error> {
    let name = request.profile.as_str();
    let usage = |what: &str| Error::Usage(format!("configure: {what}"));
    if let Some(why) = invalid_profile_name(name) {
        return Err(usage(&why));
    }
    if let Some(e) = &request.endpoint {
        crate::endpoint::Endpoint::parse(e).map_err(|msg| usage(&format!("--endpoint: {msg}")))?;
    }

    // Held until the file is replaced: another configure reads only after this one wrote.
    let unwritable = |action| {
        move |source| ConfigError::Unwritable {
            file: OOS_CONFIG,
            path: path.to_owned(),
            action,
            source,
        }
    };
    let _lock = lock_for_update(path).map_err(unwritable(WriteAction::Lock))?;
    let existing = read_if_exists(path, OOS_CONFIG)?
        .map(|f| f.text)
        .unwrap_or_default();
    let invalid = |error| ConfigError::Invalid {
        file: OOS_CONFIG,
        path: path.to_owned(),
        error,
    };
    // toml_edit's error keeps the whole text (secrets too): only its line and message are kept.
    let mut doc: DocumentMut = existing.parse().map_err(|e: toml_edit::TomlError| {
        let line = e.span().map(|span| {
            let before = &existing[..span.start.min(existing.len())];
            before.matches('\n').count() + 1
        });
        invalid(InvalidText::Described {
            line,
            column: None,
            message: e.message().trim_end().to_owned(),
        })
    })?;

    // The profile as oos-logs reads it, to keep a role profile from being turned into an
    // AccessKey one by accident.
    let existing_mode = if existing.trim().is_empty() {
        None
    } else {
        crate::config::oos::OosConfig::parse(&existing, path)?
            .profiles
            .get(name)
            .map(|p| p.resolved_mode().map_err(Error::from))
            .transpose()?
    };
    let mode = write_mode(name, request.mode, existing_mode)?.name();
    let current_id = str_of(&doc, name, "access_key_id").map(str::to_owned);
    let current_region = str_of(&doc, name, "region_id").map(str::to_owned);
    let has_secret = str_of(&doc, name, "access_key_secret").is_some();
    let has_token = str_of(&doc, name, "sts_token").is_some();

    // What flags fix is never asked; what the environment gives is the default of a prompt.
    let id_flag = request.access_key_id.clone();
    let mut id = match &id_flag {
        Some(v) => Given {
            value: Some(v.clone()),
            from_env: None,
        },
        None => Given::env(env.var(ENV_ID).map(|v| v.trim().to_owned()), ENV_ID),
    };
    let region_env = env.var(ENV_REGION).map(str::trim);
    let region_flag = request
        .region
        .clone()
        .filter(|r| Some(r.as_str()) != region_env);
    let mut region = match &region_flag {
        Some(r) => Given {
            value: Some(r.clone()),
            from_env: None,
        },
        None => Given::env(region_env.map(str::to_owned), ENV_REGION),
    };
    let read_line = |stdin: &mut dyn BufRead| -> Result<Option<Secret>, Error> {
        let line = read_secret_line(stdin)?;
        Ok(Some(line.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(Secret::new))
    };
    let env_secret = |var: &'static str| Given::env(env.var(var).map(Secret::new), var);
    let (mut secret, mut token) = if request.secret_stdin {
        let secret = Given {
            value: read_line(stdin)?,
            from_env: None,
        };
        let token = if mode == "sts" {
            match read_line(stdin)? {
                Some(t) => Given {
                    value: Some(t),
                    from_env: None,
                },
                None => env_secret(ENV_TOKEN),
            }
        } else {
            Given::none()
        };
        (secret, token)
    } else {
        (env_secret(ENV_SECRET), env_secret(ENV_TOKEN))
    };

    match prompter {
        Some(p) if !request.non_interactive => {
            if id_flag.is_none() {
                let shown = match (&id.value, id.from_env) {
                    (Some(v), Some(var)) => Some(format!("{} from {var}", mask_key_id(v))),
                    _ => current_id.as_deref().map(mask_key_id),
                };
                if let Some(answer) = p
                    .ask("AccessKey ID", shown.as_deref())
                    .map_err(prompt_error("the AccessKey ID"))?
                {
                    id = Given {
                        value: Some(answer),
                        from_env: None,
                    };
                }
            }
            if !request.secret_stdin {
                let shown = match secret.from_env {
                    Some(var) => Some(format!("keep the one from {var}")),
                    None => has_secret.then(|| "keep the current one".to_owned()),
                };
                if let Some(answer) = p
                    .ask_secret("AccessKey Secret", shown.as_deref())
                    .map_err(prompt_error("the AccessKey Secret"))?
                {
                    secret = Given {
                        value: Some(Secret::new(answer)),
                        from_env: None,
                    };
                }
            }
            let token_from_stdin =
                request.secret_stdin && token.value.is_some() && token.from_env.is_none();
            if mode == "sts" && !token_from_stdin {
                let shown = match token.from_env {
                    Some(var) => Some(format!("keep the one from {var}")),
                    None => has_token.then(|| "keep the current one".to_owned()),
                };
                if let Some(answer) = p
                    .ask_secret("STS token", shown.as_deref())
                    .map_err(prompt_error("the STS token"))?
                {
                    token = Given {
                        value: Some(Secret::new(answer)),
                        from_env: None,
                    };
                }
            }
            if region_flag.is_none() {
                let shown = match (&region.value, region.from_env) {
                    (Some(v), Some(var)) => format!("{v} from {var}"),
                    _ => current_region
                        .clone()
                        .unwrap_or_else(|| "cn-hangzhou".to_owned()),
                };
                match p
                    .ask("Region", Some(&shown))
                    .map_err(prompt_error("the region"))?
                {
                    Some(answer) => {
                        region = Given {
                            value: Some(answer),
                            from_env: None,
                        };
                    }
                    None if region.value.is_none() => {
                        region.value = Some(
                            current_region
                                .clone()
                                .unwrap_or_else(|| "cn-hangzhou".into()),
                        );
                    }
                    None => {}
                }
            }
        }
        _ => {}
    }

    let mut from_env: Vec<&str> = Vec::new();
    let id_value = match id.value {
        Some(v) => {
            from_env.extend(id.from_env);
            v
        }
        None => current_id.ok_or_else(|| {
            usage("no AccessKey ID: pass --access-key-id or set ALIBABA_CLOUD_ACCESS_KEY_ID")
        })?,
    };
    if id_value.is_empty()
        || id_value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(usage(&format!(
            "invalid AccessKey ID {:?}: it holds blanks or control characters",
            mask_key_id(&id_value)
        )));
    }
    if secret.value.is_none() && !has_secret {
        return Err(usage(
            "no AccessKey Secret: pipe it with --secret-stdin or set ALIBABA_CLOUD_ACCESS_KEY_SECRET (never a flag)",
        ));
    }
    from_env.extend(secret.from_env.filter(|_| secret.value.is_some()));
    if mode == "sts" {
        if token.value.is_none() && !has_token {
            return Err(usage(
                "no STS token: give it on the second line of --secret-stdin or set ALIBABA_CLOUD_SECURITY_TOKEN",
            ));
        }
        from_env.extend(token.from_env.filter(|_| token.value.is_some()));
    }
    if region.value.is_some() {
        from_env.extend(region.from_env);
    }
    let region = region.value.or(current_region);
    if let Some(r) = &region
        && (r.is_empty() || !r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(usage(&format!("invalid region {r:?}")));
    }

    let not_a_table = |key: &str| {
        Error::from(invalid(InvalidText::NotATable {
            key: key.to_owned(),
        }))
    };
    match doc.get("profiles") {
        None => doc["profiles"] = toml_edit::table(),
        Some(item) if item.is_table_like() => {}
        Some(_) => return Err(not_a_table("profiles")),
    }
    if let Some(t) = doc["profiles"].as_table_mut() {
        t.set_implicit(true);
    }
    match doc["profiles"].get(name) {
        None => doc["profiles"][name] = toml_edit::table(),
        Some(item) if item.is_table_like() => {}
        Some(_) => return Err(not_a_table(&format!("profiles.{name}"))),
    }
    let table = &mut doc["profiles"][name];
    table["mode"] = value(mode);
    table["access_key_id"] = value(id_value.as_str());
    if let Some(s) = &secret.value {
        table["access_key_secret"] = value(s.expose());
    }
    if mode == "sts" {
        if let Some(t) = &token.value {
            table["sts_token"] = value(t.expose());
        }
    } else if let Some(t) = table.as_table_mut() {
        t.remove("sts_token");
    }
    if let Some(r) = &region {
        table["region_id"] = value(r.as_str());
    }
    if let Some(e) = &request.endpoint {
        table["endpoint"] = value(e.trim());
    }
    if let Some(t) = &request.endpoint_type {
        table["endpoint_type"] = value(t.as_str());
    }
    if let Some(o) = &request.output {
        table["output"] = value(o.as_str());
    }
    let had_default = doc.get("default_profile").is_some();
    if request.set_default || !had_default {
        doc["default_profile"] = value(name);
    }
    write_private(path, doc.to_string().as_bytes()).map_err(unwritable(WriteAction::Write))?;
    Ok(format!(
        "saved profile {name:?} (mode {mode}, AccessKey {}) to {}{}{}",
        mask_key_id(&id_value),
        path.display(),
        if request.set_default || !had_default {
            "; it is the default profile"
        } else {
            ""
        },
        if from_env.is_empty() {
            String::new()
        } else {
            format!("; from the environment: {}", from_env.join(", "))
        }
    ))
}

/// The mode to write: `--mode`, else the existing profile's when it is `ak` or `sts`, else
/// `ak`. An existing role profile is not turned into an AccessKey one without `--mode`.
fn write_mode(
    name: &str,
    asked: Option<WriteMode>,
    existing: Option<crate::config::profile::Mode>,
) -> Result<WriteMode, Error> {
    use crate::config::profile::Mode;
    Ok(match (asked, existing) {
        (Some(mode), _) => mode,
        (None, None | Some(Mode::Ak)) => WriteMode::Ak,
        (None, Some(Mode::Sts)) => WriteMode::Sts,
        (None, Some(other)) => {
            return Err(Error::Usage(format!(
                "configure: profile {name:?} uses mode {}; configure writes ak or sts profiles: pass --mode ak or --mode sts to replace it, or edit the file",
                other.name()
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::oos::OosConfig;

    /// Answers in order; `None` is Ctrl-D.
    struct Scripted(Vec<&'static str>);

    impl Scripted {
        fn answer(&mut self) -> io::Result<Option<String>> {
            if self.0.is_empty() {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let a = self.0.remove(0);
            Ok((!a.is_empty()).then(|| a.to_owned()))
        }
    }

    /// Records the prompts and their defaults, and answers in order.
    struct Recording {
        answers: Vec<&'static str>,
        asked: Vec<String>,
    }

    impl Prompter for Recording {
        fn ask(&mut self, label: &str, default: Option<&str>) -> io::Result<Option<String>> {
            self.asked
                .push(format!("{label} [{}]", default.unwrap_or("")));
            Scripted(std::mem::take(&mut self.answers)).answer_into(&mut self.answers)
        }
        fn ask_secret(&mut self, label: &str, default: Option<&str>) -> io::Result<Option<String>> {
            self.ask(label, default)
        }
    }

    impl Scripted {
        fn answer_into(mut self, rest: &mut Vec<&'static str>) -> io::Result<Option<String>> {
            let a = self.answer();
            *rest = self.0;
            a
        }
    }

    impl Prompter for Scripted {
        fn ask(&mut self, _: &str, _: Option<&str>) -> io::Result<Option<String>> {
            self.answer()
        }
        fn ask_secret(&mut self, _: &str, _: Option<&str>) -> io::Result<Option<String>> {
            self.answer()
        }
    }

    fn request(profile: &str) -> ConfigureRequest {
        ConfigureRequest {
            profile: profile.into(),
            ..ConfigureRequest::default()
        }
    }

    #[test]
    fn interactive_then_keeps_comments_and_other_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("oos-logs/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "# my settings\ndefault_profile = \"other\"\n\n[profiles.other] # keep me\nmode = \"ak\"\naccess_key_id = \"LTAIother0000000\"\naccess_key_secret = \"o\"\n").unwrap();
        let mut prompter = Scripted(vec!["LTAInew000000001", "new-secret", "cn-beijing"]);
        let msg = configure(
            &path,
            &request("prod"),
            &Environment::default(),
            Some(&mut prompter),
            &mut io::empty(),
        )
        .unwrap();
        assert!(
            msg.contains("\"prod\"") && !msg.contains("new-secret"),
            "{msg}"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("# my settings") && text.contains("# keep me"),
            "{text}"
        );
        let cfg = OosConfig::parse(&text, &path).unwrap();
        assert_eq!(
            cfg.default_profile.as_deref(),
            Some("other"),
            "the default is kept"
        );
        let prod = &cfg.profiles["prod"];
        assert_eq!(
            prod.static_credentials()
                .unwrap()
                .access_key_secret
                .expose(),
            "new-secret"
        );
        assert_eq!(prod.region_id.as_deref(), Some("cn-beijing"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        // Asked again, empty answers keep what is there.
        let mut keep = Scripted(vec!["", "", ""]);
        configure(
            &path,
            &request("prod"),
            &Environment::default(),
            Some(&mut keep),
            &mut io::empty(),
        )
        .unwrap();
        let again = OosConfig::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        assert_eq!(
            again.profiles["prod"]
                .static_credentials()
                .unwrap()
                .access_key_id,
            "LTAInew000000001"
        );
    }

    #[test]
    fn scripts_give_the_secret_on_stdin_never_as_a_flag() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let mut req = request("ci");
        req.mode = Some(WriteMode::Sts);
        req.access_key_id = Some("STS.ci0000000001".into());
        req.region = Some("cn-shanghai".into());
        req.secret_stdin = true;
        req.non_interactive = true;
        let mut only_secret = io::Cursor::new("ci-secret\n");
        let with_token = Environment::from_vars([("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token")]);
        configure(&path, &req, &with_token, None, &mut only_secret).unwrap();
        let cfg = OosConfig::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        assert_eq!(
            cfg.profiles["ci"]
                .static_credentials()
                .unwrap()
                .security_token
                .unwrap()
                .expose(),
            "env-token"
        );
        let mut stdin = io::Cursor::new("ci-secret\nci-token\n");
        configure(&path, &req, &Environment::default(), None, &mut stdin).unwrap();
        let cfg = OosConfig::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        assert_eq!(
            cfg.default_profile.as_deref(),
            Some("ci"),
            "the first profile becomes the default"
        );
        let creds = cfg.profiles["ci"].static_credentials().unwrap();
        assert_eq!(
            (
                creds.access_key_secret.expose(),
                creds.security_token.unwrap().expose()
            ),
            ("ci-secret", "ci-token")
        );
    }

    #[test]
    fn a_broken_config_keeps_its_line_and_never_its_text() {
        use crate::config::error::{ConfigError, InvalidText};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[profiles.a]\naccess_key_secret = \"SUPERSECRET\n").unwrap();
        let mut req = request("prod");
        req.non_interactive = true;
        req.access_key_id = Some("LTAIx00000000000".into());
        let env = Environment::from_vars([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")]);
        let err = configure(&path, &req, &env, None, &mut io::empty()).unwrap_err();
        assert!(
            matches!(
                &err,
                Error::Oos(oos_api::Error::Config(ConfigError::Invalid {
                    error: InvalidText::Described { line: Some(2), .. },
                    ..
                }))
            ),
            "{err:?}"
        );
        assert!(
            err.to_string().starts_with(&format!(
                "the oos-logs config {} is not valid at line 2: ",
                path.display()
            )),
            "{err}"
        );
        for shown in [err.to_string(), format!("{err:?}")] {
            assert!(!shown.contains("SUPERSECRET"), "{shown}");
        }
    }

    #[test]
    fn odd_files_and_role_profiles_are_refused_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let mut req = request("prod");
        req.non_interactive = true;
        req.access_key_id = Some("LTAIx00000000000".into());
        let env = Environment::from_vars([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")]);
        for odd in [
            "profiles = \"x\"\n",
            "profiles = [1]\n",
            "[[profiles]]\n",
            "[profiles]\nprod = 1\n",
        ] {
            std::fs::write(&path, odd).unwrap();
            let err = configure(&path, &req, &env, None, &mut io::empty()).unwrap_err();
            assert_eq!(err.exit_code(), 3, "{odd}: {err}");
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                odd,
                "left as it was"
            );
        }
        let role = "[profiles.prod]\naccess_key_id = \"LTAIx00000000000\"\naccess_key_secret = \"s\"\nram_role_arn = \"acs:ram::1:role/r\"\n";
        std::fs::write(&path, role).unwrap();
        let err = configure(&path, &req, &env, None, &mut io::empty()).unwrap_err();
        assert!(err.to_string().contains("ram_role_arn"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), role);
    }

    #[test]
    fn missing_values_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let mut req = request("x");
        req.non_interactive = true;
        let err =
            configure(&path, &req, &Environment::default(), None, &mut io::empty()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        req.access_key_id = Some("LTAIx00000000000".into());
        let err =
            configure(&path, &req, &Environment::default(), None, &mut io::empty()).unwrap_err();
        assert!(err.to_string().contains("--secret-stdin"), "{err}");
        assert!(!path.exists());
        let env = Environment::from_vars([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "from-env")]);
        configure(&path, &req, &env, None, &mut io::empty()).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("from-env"));
    }

    #[test]
    fn on_a_terminal_values_from_the_environment_are_asked_for_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let env = Environment::from_vars([
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIfromtheenv0001"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
        ]);
        // The person types a key id and a region, keeps the secret of the environment.
        let mut p = Recording {
            answers: vec!["LTAItyped00000001", "", "cn-beijing"],
            asked: Vec::new(),
        };
        let msg = configure(&path, &request("t"), &env, Some(&mut p), &mut io::empty()).unwrap();
        assert_eq!(
            p.asked,
            [
                "AccessKey ID [LTAI****0001 from ALIBABA_CLOUD_ACCESS_KEY_ID]",
                "AccessKey Secret [keep the one from ALIBABA_CLOUD_ACCESS_KEY_SECRET]",
                "Region [cn-hangzhou]",
            ]
        );
        assert!(
            msg.contains("from the environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET")
                && !msg.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"),
            "{msg}"
        );
        let cfg = OosConfig::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        let t = &cfg.profiles["t"];
        assert_eq!(t.access_key_id.as_deref(), Some("LTAItyped00000001"));
        assert_eq!(t.region_id.as_deref(), Some("cn-beijing"));
        assert_eq!(
            t.access_key_secret.as_ref().map(Secret::expose),
            Some("env-secret")
        );
        // Empty answers take the environment's values, and say so.
        let mut p = Scripted(vec!["", "", ""]);
        let msg = configure(&path, &request("u"), &env, Some(&mut p), &mut io::empty()).unwrap();
        assert!(
            msg.contains(
                "from the environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET"
            ),
            "{msg}"
        );
    }

    #[test]
    fn end_of_input_at_a_prompt_says_no_input_and_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        for answers in [
            vec![],
            vec!["LTAIx00000000000"],
            vec!["LTAIx00000000000", "s"],
        ] {
            let mut p = Scripted(answers);
            let err = configure(
                &path,
                &request("d"),
                &Environment::default(),
                Some(&mut p),
                &mut io::empty(),
            )
            .unwrap_err();
            assert_eq!(err.exit_code(), 2, "{err}");
            assert!(err.to_string().contains("no input"), "{err}");
            assert!(!err.to_string().contains("cannot write output"), "{err}");
            assert!(!path.exists());
        }
    }

    #[test]
    fn profile_names_with_blanks_or_control_characters_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let env = Environment::from_vars([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")]);
        for name in [
            "",
            "a b",
            "a\nb",
            "tab\there",
            "esc\u{1b}[31m",
            " lead",
            "zw\u{200b}j",
            "nbsp\u{a0}",
        ] {
            let mut req = request(name);
            req.non_interactive = true;
            req.access_key_id = Some("LTAIx00000000000".into());
            let err = configure(&path, &req, &env, None, &mut io::empty()).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{name:?}: {err}");
            assert!(!path.exists());
        }
        for name in ["prod", "ci-2", "team.prod", "équipe"] {
            assert_eq!(invalid_profile_name(name), None, "{name}");
        }
    }

    #[test]
    fn endpoint_and_endpoint_type_are_stored_in_the_profile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let env = Environment::from_vars([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")]);
        let mut req = request("e");
        req.non_interactive = true;
        req.access_key_id = Some("LTAIx00000000000".into());
        req.endpoint = Some("http://example.com".into());
        let err = configure(&path, &req, &env, None, &mut io::empty()).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
        assert!(!path.exists());
        req.endpoint = Some("oos-custom.example.com".into());
        req.endpoint_type = Some("vpc".into());
        configure(&path, &req, &env, None, &mut io::empty()).unwrap();
        let cfg = OosConfig::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        let e = &cfg.profiles["e"];
        assert_eq!(e.endpoint.as_deref(), Some("oos-custom.example.com"));
        assert_eq!(e.endpoint_type.as_deref(), Some("vpc"));
    }

    #[cfg(unix)]
    #[test]
    fn a_config_that_is_a_symbolic_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles/oos.toml");
        std::fs::create_dir_all(real.parent().unwrap()).unwrap();
        std::fs::write(
            &real,
            "[profiles.old]\naccess_key_id = \"LTAIold000000001\"\naccess_key_secret = \"o\"\n",
        )
        .unwrap();
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink("dotfiles/oos.toml", &link).unwrap();
        let env = Environment::from_vars([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")]);
        let mut req = request("new");
        req.non_interactive = true;
        req.access_key_id = Some("LTAInew000000001".into());
        configure(&link, &req, &env, None, &mut io::empty()).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is kept"
        );
        let cfg = OosConfig::parse(&std::fs::read_to_string(&real).unwrap(), &real).unwrap();
        assert!(cfg.profiles.contains_key("old") && cfg.profiles.contains_key("new"));
    }
}
