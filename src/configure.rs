//! `oos-logs configure`: write a profile to the oos-logs config.
//!
//! Interactive on a terminal (the secret and token read without echo), or for scripts with
//! every value from flags and the environment and the secret from stdin (`--secret-stdin`) or
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, never from a flag. The file is edited in place (other
//! profiles and comments kept) and replaced atomically, mode 0600. It must not call the API.

use std::io::{self, BufRead, Write};
use std::path::Path;

use toml_edit::{DocumentMut, value};

use crate::credentials::config_file::write_private;
use crate::environment::Environment;
use crate::error::Error;
use crate::secret::{Secret, mask_key_id};

/// What `configure` was told on the command line.
#[derive(Debug, Clone, Default)]
pub struct ConfigureRequest {
    /// The profile to write (default `default`).
    pub profile: String,
    /// `ak` or `sts`.
    pub mode: Option<String>,
    /// `--access-key-id`.
    pub access_key_id: Option<String>,
    /// `--region` (global).
    pub region: Option<String>,
    /// `--output`.
    pub output: Option<String>,
    /// Read the secret (then the token, for `sts`) from stdin.
    pub secret_stdin: bool,
    /// Never prompt.
    pub non_interactive: bool,
    /// Make this the default profile.
    pub set_default: bool,
}

/// Asks for values.
pub trait Prompter {
    /// A visible value; an empty answer keeps `current`.
    fn ask(&mut self, label: &str, current: Option<&str>) -> io::Result<Option<String>>;
    /// A hidden value; an empty answer keeps the current one (if `has_current`).
    fn ask_secret(&mut self, label: &str, has_current: bool) -> io::Result<Option<String>>;
}

/// Prompts on the terminal: questions on stderr, answers from stdin, secrets without echo.
#[derive(Debug, Default)]
pub struct TerminalPrompter;

impl Prompter for TerminalPrompter {
    fn ask(&mut self, label: &str, current: Option<&str>) -> io::Result<Option<String>> {
        let mut err = io::stderr().lock();
        match current {
            Some(c) => write!(err, "{label} [{c}]: ")?,
            None => write!(err, "{label}: ")?,
        }
        err.flush()?;
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        let answer = line.trim();
        Ok(if answer.is_empty() {
            current.map(str::to_owned)
        } else {
            Some(answer.to_owned())
        })
    }

    fn ask_secret(&mut self, label: &str, has_current: bool) -> io::Result<Option<String>> {
        let prompt = if has_current {
            format!("{label} [keep the current one]: ")
        } else {
            format!("{label}: ")
        };
        let answer = rpassword::prompt_password(prompt)?;
        let answer = answer.trim();
        Ok((!answer.is_empty()).then(|| answer.to_owned()))
    }
}

fn str_of<'a>(doc: &'a DocumentMut, profile: &str, key: &str) -> Option<&'a str> {
    doc.get("profiles")?.get(profile)?.get(key)?.as_str()
}

/// Writes the profile to `path`; returns what to tell the user.
pub fn configure(
    path: &Path,
    request: &ConfigureRequest,
    env: &Environment,
    prompter: Option<&mut dyn Prompter>,
    stdin: &mut dyn BufRead,
) -> Result<String, Error> {
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(Error::Config(format!(
                "cannot read the oos-logs config {}: {e}",
                path.display()
            )));
        }
    };
    let mut doc: DocumentMut = existing.parse().map_err(|e: toml_edit::TomlError| {
        let position = e.span().map_or_else(String::new, |span| {
            let before = &existing[..span.start.min(existing.len())];
            format!(" at line {}", before.matches('\n').count() + 1)
        });
        Error::Config(format!(
            "the oos-logs config {} is not valid{position}: {}",
            path.display(),
            e.message().trim_end()
        ))
    })?;
    let name = request.profile.as_str();
    let usage = |what: &str| Error::Usage(format!("configure: {what}"));

    // The profile as oos-logs reads it, to keep a role profile from being turned into an
    // AccessKey one by accident.
    let existing_mode = if existing.trim().is_empty() {
        None
    } else {
        crate::credentials::oos_config::OosConfig::parse(&existing, path)
            .map_err(Error::Config)?
            .profiles
            .get(name)
            .map(|p| p.resolved_mode().map_err(Error::Config))
            .transpose()?
    };
    if request.mode.is_none()
        && let Some(m) = existing_mode
        && !matches!(
            m,
            crate::credentials::profile::Mode::Ak | crate::credentials::profile::Mode::Sts
        )
    {
        return Err(usage(&format!(
            "profile {name:?} uses mode {}; configure writes ak or sts profiles: pass --mode ak or --mode sts to replace it, or edit the file",
            m.name()
        )));
    }
    let mode = request
        .mode
        .clone()
        .or_else(|| existing_mode.map(|m| m.name().to_owned()))
        .unwrap_or_else(|| "ak".to_owned());
    let mode = match mode.to_ascii_lowercase().as_str() {
        "ak" => "ak",
        "sts" | "ststoken" => "sts",
        other => {
            return Err(usage(&format!(
                "mode {other:?}: configure writes ak or sts profiles (edit the file for role modes)"
            )));
        }
    };
    let current_id = str_of(&doc, name, "access_key_id").map(str::to_owned);
    let current_region = str_of(&doc, name, "region_id").map(str::to_owned);
    let has_secret = str_of(&doc, name, "access_key_secret").is_some();
    let has_token = str_of(&doc, name, "sts_token").is_some();

    let mut id = request
        .access_key_id
        .clone()
        .or_else(|| env.var("ALIBABA_CLOUD_ACCESS_KEY_ID").map(str::to_owned));
    let mut region = request.region.clone();
    let read_line = |stdin: &mut dyn BufRead| -> Result<Option<Secret>, Error> {
        let mut line = String::new();
        stdin.read_line(&mut line).map_err(Error::Io)?;
        Ok(Some(line.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(Secret::new))
    };
    let (mut secret, mut token) = if request.secret_stdin {
        let secret = read_line(stdin)?;
        let token = if mode == "sts" {
            read_line(stdin)?.or_else(|| env.var("ALIBABA_CLOUD_SECURITY_TOKEN").map(Secret::new))
        } else {
            None
        };
        (secret, token)
    } else {
        (
            env.var("ALIBABA_CLOUD_ACCESS_KEY_SECRET").map(Secret::new),
            env.var("ALIBABA_CLOUD_SECURITY_TOKEN").map(Secret::new),
        )
    };

    match prompter {
        Some(p) if !request.non_interactive => {
            if id.is_none() {
                let shown = current_id.as_deref().map(mask_key_id);
                id = p.ask("AccessKey ID", shown.as_deref()).map_err(Error::Io)?;
                if id.as_deref() == shown.as_deref() {
                    id.clone_from(&current_id);
                }
            }
            if secret.is_none() {
                secret = p
                    .ask_secret("AccessKey Secret", has_secret)
                    .map_err(Error::Io)?
                    .map(Secret::new);
            }
            if mode == "sts" && token.is_none() {
                token = p
                    .ask_secret("STS token", has_token)
                    .map_err(Error::Io)?
                    .map(Secret::new);
            }
            if region.is_none() {
                region = p
                    .ask("Region", current_region.as_deref().or(Some("cn-hangzhou")))
                    .map_err(Error::Io)?;
            }
        }
        _ => {}
    }

    let id = id.or(current_id).ok_or_else(|| {
        usage("no AccessKey ID: pass --access-key-id or set ALIBABA_CLOUD_ACCESS_KEY_ID")
    })?;
    if secret.is_none() && !has_secret {
        return Err(usage(
            "no AccessKey Secret: pipe it with --secret-stdin or set ALIBABA_CLOUD_ACCESS_KEY_SECRET (never a flag)",
        ));
    }
    if mode == "sts" && token.is_none() && !has_token {
        return Err(usage(
            "no STS token: give it on the second line of --secret-stdin or set ALIBABA_CLOUD_SECURITY_TOKEN",
        ));
    }
    let region = region.or(current_region);
    if let Some(r) = &region
        && (r.is_empty() || !r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(usage(&format!("invalid region {r:?}")));
    }

    let not_a_table = |key: &str| {
        Error::Config(format!(
            "the oos-logs config {}: {key} is not a table; fix it by hand first",
            path.display()
        ))
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
    table["access_key_id"] = value(id.as_str());
    if let Some(s) = &secret {
        table["access_key_secret"] = value(s.expose());
    }
    if mode == "sts" {
        if let Some(t) = &token {
            table["sts_token"] = value(t.expose());
        }
    } else if let Some(t) = table.as_table_mut() {
        t.remove("sts_token");
    }
    if let Some(r) = &region {
        table["region_id"] = value(r.as_str());
    }
    if let Some(o) = &request.output {
        table["output"] = value(o.as_str());
    }
    let had_default = doc.get("default_profile").is_some();
    if request.set_default || !had_default {
        doc["default_profile"] = value(name);
    }
    write_private(path, doc.to_string().as_bytes()).map_err(|e| {
        Error::Config(format!(
            "cannot write the oos-logs config {}: {e}",
            path.display()
        ))
    })?;
    Ok(format!(
        "saved profile {name:?} (mode {mode}, AccessKey {}) to {}{}",
        mask_key_id(&id),
        path.display(),
        if request.set_default || !had_default {
            "; it is the default profile"
        } else {
            ""
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::oos_config::OosConfig;

    struct Scripted(Vec<&'static str>);

    impl Prompter for Scripted {
        fn ask(&mut self, _: &str, current: Option<&str>) -> io::Result<Option<String>> {
            let a = self.0.remove(0);
            Ok(if a.is_empty() {
                current.map(str::to_owned)
            } else {
                Some(a.to_owned())
            })
        }
        fn ask_secret(&mut self, _: &str, _: bool) -> io::Result<Option<String>> {
            let a = self.0.remove(0);
            Ok((!a.is_empty()).then(|| a.to_owned()))
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
        req.mode = Some("sts".into());
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
}
