//! The credential chain: which source wins, why, and the message when none does.
//!
//! Order, first match wins (README "Credentials and configuration"):
//! `--profile` / `ALIBABA_CLOUD_PROFILE` pins one profile, searched in the oos-logs config,
//! the aliyun CLI config, then the credentials INI file, and skips the rest. Otherwise:
//! 1. the environment's AccessKey (`ALIBABA_CLOUD_ACCESS_KEY_*`, or `ALICLOUD_ACCESS_KEY_*`);
//! 2. the environment's OIDC role (`ALIBABA_CLOUD_ROLE_ARN`, `..._OIDC_PROVIDER_ARN`,
//!    `..._OIDC_TOKEN_FILE`, all three);
//! 3. the oos-logs config's default profile;
//! 4. the aliyun CLI config's current profile;
//! 5. the credentials INI file's `default` section;
//! 6. the ECS metadata service, only when `ALIBABA_CLOUD_ECS_METADATA` names the role (no
//!    probe of 100.100.100.200 off ECS);
//! 7. `ALIBABA_CLOUD_CREDENTIALS_URI`, when set.
//!
//! The sources and their order are `config::sources::CHAIN`, the list `profiles` walks too.
//! Broken files and incomplete profiles are errors, never skipped; so is a profile from a file
//! that group or others can write (they would choose the command run and the credentials
//! trusted), and one with a secret that they can read is warned about. This module only selects;
//! `config` reads the files and `build` turns the choice into a provider. It must not do HTTP.

use crate::config::error::{ConfigError, Refusal};
use crate::config::file::{besides_owner, list_names, shell_word, suggest};
use crate::config::profile::Profile;
use crate::config::sources::{
    self, CHAIN, ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_CREDENTIALS_URI, ENV_ECS_METADATA,
    ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE, ENV_ROLE_ARN, ENV_ROLE_SESSION_NAME, EnvKey,
    EnvOidc, Source,
};
use crate::config::{ConfigFile, Files, OwnChoice};
use crate::credentials::Credentials;
use crate::environment::Environment;
use crate::error::Error;
use crate::secret::Secret;

/// What the chain chose.
#[derive(Debug, Clone)]
pub enum Choice {
    /// An AccessKey (and token) from the environment.
    Environment(Credentials),
    /// The OIDC role of the environment variables.
    EnvironmentOidc {
        /// `ALIBABA_CLOUD_ROLE_ARN`.
        role_arn: String,
        /// `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`.
        provider_arn: String,
        /// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`.
        token_file: String,
        /// `ALIBABA_CLOUD_ROLE_SESSION_NAME`.
        session_name: Option<String>,
    },
    /// A profile, with the other profiles of its file (for `source_profile`).
    Profile {
        /// The profile.
        profile: Box<Profile>,
        /// Every profile of the same file.
        siblings: Vec<Profile>,
    },
    /// The ECS instance's role.
    EcsMetadata {
        /// The role name.
        role: String,
    },
    /// `ALIBABA_CLOUD_CREDENTIALS_URI`.
    CredentialsUri(String),
}

impl Choice {
    /// The chosen profile, whose region, endpoint and output settings apply (None for the
    /// environment, ECS and URI sources).
    pub fn profile(&self) -> Option<&Profile> {
        match self {
            Self::Profile { profile, .. } => Some(profile),
            _ => None,
        }
    }
}

/// The chain's choice and why it was made.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The choice.
    pub choice: Choice,
    /// Where the credentials come from, e.g. `profile "prod" in /home/me/.config/...`.
    pub source: String,
    /// Why this source: the sources before it that gave nothing, or the pin.
    pub reason: String,
    /// Warnings for stderr (a config file with a secret that group or others can read).
    pub warnings: Vec<String>,
}

fn missing_path(what: &str) -> String {
    format!("{what}: no home or config directory is known")
}

/// Runs the chain. `pinned` is `--profile` / `ALIBABA_CLOUD_PROFILE`.
pub fn select(env: &Environment, files: &Files, pinned: Option<&str>) -> Result<Selection, Error> {
    if let Some(name) = pinned {
        return select_pinned(name, files);
    }
    let mut searched: Vec<String> = Vec::new();
    for source in CHAIN {
        match try_source(source, env, files, &searched)? {
            Step::Chosen(selection) => return Ok(selection),
            Step::Searched(place) => searched.push(place),
        }
    }
    Err(ConfigError::NoCredentials { searched }.into())
}

/// What one source of the chain gave.
enum Step {
    /// It has credentials: the chain stops.
    Chosen(Selection),
    /// It gave nothing, and where it was looked for (for the reason, or the final error).
    Searched(String),
}

/// Asks one source; `searched` is what the sources before it gave. An error stops the chain
/// (a half-set AccessKey, a broken file).
fn try_source(
    source: Source,
    env: &Environment,
    files: &Files,
    searched: &[String],
) -> Result<Step, Error> {
    let chosen = |choice: Choice, source: String, reason: String| {
        Step::Chosen(Selection {
            choice,
            source,
            reason,
            warnings: Vec::new(),
        })
    };
    Ok(match source {
        // 1. The environment's AccessKey.
        Source::EnvironmentKey => match sources::env_key(env) {
            EnvKey::Set { id, secret, token } => chosen(
                Choice::Environment(Credentials::new(
                    id.trim(),
                    Secret::new(secret.trim()),
                    token.map(|t| Secret::new(t.trim())),
                )),
                "environment variables".to_owned(),
                "the environment comes first".to_owned(),
            ),
            EnvKey::IdOnly => {
                return Err(ConfigError::HalfPair {
                    set: ENV_ACCESS_KEY_ID,
                    unset: ENV_ACCESS_KEY_SECRET,
                }
                .into());
            }
            EnvKey::SecretOnly => {
                return Err(ConfigError::HalfPair {
                    set: ENV_ACCESS_KEY_SECRET,
                    unset: ENV_ACCESS_KEY_ID,
                }
                .into());
            }
            EnvKey::Unset => Step::Searched(format!(
                "environment: {ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET} are not set"
            )),
        },
        // 2. The environment's OIDC role.
        Source::EnvironmentOidc => match sources::env_oidc(env) {
            EnvOidc::Set {
                role_arn,
                provider_arn,
                token_file,
            } => chosen(
                Choice::EnvironmentOidc {
                    role_arn: role_arn.trim().to_owned(),
                    provider_arn: provider_arn.trim().to_owned(),
                    token_file: token_file.trim().to_owned(),
                    session_name: env.var(ENV_ROLE_SESSION_NAME).map(|s| s.trim().to_owned()),
                },
                format!("the OIDC role in the environment ({ENV_ROLE_ARN})"),
                format!("{}; the OIDC variables come next", searched.join("; ")),
            ),
            EnvOidc::Unset => Step::Searched(format!(
                "environment: {ENV_ROLE_ARN}, {ENV_OIDC_PROVIDER_ARN} and {ENV_OIDC_TOKEN_FILE} are not set"
            )),
            EnvOidc::Partial => Step::Searched(format!(
                "environment: only some of {ENV_ROLE_ARN}, {ENV_OIDC_PROVIDER_ARN}, {ENV_OIDC_TOKEN_FILE} are set (OIDC needs all three)"
            )),
        },
        // 3-5. The files' own choices: the oos-logs config's default profile, the aliyun CLI
        // config's current profile, the credentials file's [default] section.
        Source::File(file) => {
            let label = file.label();
            let Some(path) = files.path(file) else {
                return Ok(Step::Searched(missing_path(label)));
            };
            match files.profiles(file)? {
                None => Step::Searched(format!("{label} {}: not found", path.display())),
                Some(read) => match read.own {
                    OwnChoice::Chosen(index) => Step::Chosen(from_profile(
                        file,
                        &read.profiles[index],
                        read.profiles.iter(),
                        read.mode_bits,
                        searched,
                    )?),
                    OwnChoice::Nothing(why) => {
                        Step::Searched(format!("{label} {}: {why}", path.display()))
                    }
                    OwnChoice::Missing(broken) => return Err(broken.into()),
                },
            }
        }
        // 6. The ECS metadata service, when asked for.
        Source::EcsMetadata => match env.var(ENV_ECS_METADATA) {
            Some(role) => chosen(
                Choice::EcsMetadata {
                    role: role.trim().to_owned(),
                },
                format!(
                    "the ECS metadata service (role {:?} from {ENV_ECS_METADATA})",
                    role.trim()
                ),
                searched.join("; "),
            ),
            None => Step::Searched(format!(
                "ECS metadata: {ENV_ECS_METADATA} is not set (the metadata service is only asked when it names the instance's role)"
            )),
        },
        // 7. A credentials URI, when set.
        Source::CredentialsUri => match env.var(ENV_CREDENTIALS_URI) {
            Some(uri) => chosen(
                Choice::CredentialsUri(uri.trim().to_owned()),
                format!("the credentials URI in {ENV_CREDENTIALS_URI}"),
                searched.join("; "),
            ),
            None => Step::Searched(format!("environment: {ENV_CREDENTIALS_URI} is not set")),
        },
    })
}

fn select_pinned(name: &str, files: &Files) -> Result<Selection, Error> {
    let mut searched = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for file in ConfigFile::ALL {
        let label = file.label();
        let Some(path) = files.path(file) else {
            continue;
        };
        match files.profiles(file)? {
            Some(read) => {
                let (profiles, mode_bits) = (read.profiles, read.mode_bits);
                if let Some(profile) = profiles.iter().find(|p| p.name == name) {
                    let mut selection =
                        from_profile(file, profile, profiles.iter(), mode_bits, &[])?;
                    selection.reason =
                        format!("--profile (or ALIBABA_CLOUD_PROFILE) names {name:?}");
                    return Ok(selection);
                }
                searched.push(format!(
                    "{label} {} (it has: {})",
                    path.display(),
                    list_names(profiles.iter().map(|p| &p.name))
                ));
                names.extend(profiles.into_iter().map(|p| p.name));
            }
            None => searched.push(format!("{label} {} (not found)", path.display())),
        }
    }
    Err(ConfigError::ProfileNotFound {
        name: name.to_owned(),
        closest: suggest(name, names.iter().map(String::as_str)).map(str::to_owned),
        searched,
    }
    .into())
}

fn from_profile<'a>(
    file: ConfigFile,
    profile: &Profile,
    siblings: impl Iterator<Item = &'a Profile>,
    mode_bits: Option<u32>,
    searched: &[String],
) -> Result<Selection, ConfigError> {
    let siblings: Vec<Profile> = siblings.cloned().collect();
    // Any secret in the file counts: a chainable profile's source keeps its key there.
    let holds_secret = siblings.iter().chain([profile]).any(Profile::holds_secret);
    let warnings = match mode_bits {
        Some(mode) => trust(file, &profile.file, mode, holds_secret)?,
        None => Vec::new(),
    };
    Ok(Selection {
        source: profile.describe(),
        reason: if searched.is_empty() {
            "the first source that has one".to_owned()
        } else {
            searched.join("; ")
        },
        choice: Choice::Profile {
            profile: Box::new(profile.clone()),
            siblings,
        },
        warnings,
    })
}

/// Whether the profiles of the config `path` (permission bits `mode`) may be used: not when
/// group or others can write it (they would choose the command oos-logs runs and the
/// credentials it trusts); with a warning when they can read the secret it holds.
fn trust(
    file: ConfigFile,
    path: &std::path::Path,
    mode: u32,
    holds_secret: bool,
) -> Result<Vec<String>, ConfigError> {
    if besides_owner(mode, 0o2).is_some() {
        return Err(ConfigError::Refused {
            file: file.label(),
            path: path.to_owned(),
            refusal: Refusal::Writable { mode, holds_secret },
        });
    }
    Ok(match besides_owner(mode, 0o4) {
        Some(who) if holds_secret => vec![format!(
            "{} holds a secret and is readable by {who} (mode {mode:03o}); run: chmod 600 {}",
            path.display(),
            shell_word(path)
        )],
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::sources::{ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET};
    use crate::credentials::{BuildOptions, Resolved};
    use std::path::{Path, PathBuf};

    fn resolve(
        env: &Environment,
        config: Option<&Path>,
        pinned: Option<&str>,
    ) -> Result<Resolved, Error> {
        let options = BuildOptions {
            disk_cache: false,
            connect_timeout: std::time::Duration::from_secs(1),
            read_timeout: std::time::Duration::from_secs(1),
            retries: 0,
            trace: crate::trace::Trace::off(),
            limits: crate::client::Limits::default(),
        };
        crate::credentials::resolve(env, config, pinned, &options)
    }

    struct Files {
        dir: tempfile::TempDir,
    }

    impl Files {
        fn new() -> Self {
            Self {
                dir: tempfile::tempdir().unwrap(),
            }
        }
        fn env(&self, vars: &[(&str, &str)]) -> Environment {
            let mut env = Environment::from_vars(vars.iter().copied());
            env.home_dir = Some(self.dir.path().join("home"));
            env.config_dir = Some(self.dir.path().join("config"));
            env
        }
        /// Writes a file as `configure` would: mode 0600, whatever the umask (a file others
        /// can write is refused).
        fn write(&self, rel: &str, text: &str) -> PathBuf {
            let path = self.dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            }
            path
        }
        fn oos(&self, text: &str) -> PathBuf {
            self.write("config/oos-logs/config.toml", text)
        }
        fn aliyun(&self, text: &str) -> PathBuf {
            self.write("home/.aliyun/config.json", text)
        }
    }

    const ENV_AK: &[(&str, &str)] = &[
        (ENV_ACCESS_KEY_ID, "LTAIenv000000001"),
        (ENV_ACCESS_KEY_SECRET, "env-secret"),
    ];

    async fn key_id(resolved: &Resolved) -> String {
        resolved.provider.provide().await.unwrap().access_key_id
    }

    fn block<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn environment_wins_over_files() {
        let f = Files::new();
        f.oos(
            "[profiles.default]\naccess_key_id = \"LTAIoos000000001\"\naccess_key_secret = \"x\"\n",
        );
        let r = resolve(&f.env(ENV_AK), None, None).unwrap();
        assert_eq!(block(key_id(&r)), "LTAIenv000000001");
        assert!(r.profile.is_none());
    }

    #[test]
    fn oos_config_wins_over_aliyun_config() {
        let f = Files::new();
        f.oos(
            "[profiles.default]\naccess_key_id = \"LTAIoos000000001\"\naccess_key_secret = \"x\"\n",
        );
        f.aliyun(r#"{"current":"a","profiles":[{"name":"a","mode":"AK","access_key_id":"LTAIali000000001","access_key_secret":"y"}]}"#);
        let r = resolve(&f.env(&[]), None, None).unwrap();
        assert_eq!(block(key_id(&r)), "LTAIoos000000001");
    }

    #[test]
    fn aliyun_current_is_last() {
        let f = Files::new();
        f.aliyun(r#"{"current":"a","profiles":[{"name":"a","mode":"AK","access_key_id":"LTAIali000000001","access_key_secret":"y"}]}"#);
        let r = resolve(&f.env(&[]), None, None).unwrap();
        assert_eq!(block(key_id(&r)), "LTAIali000000001");
    }

    #[test]
    fn pinned_profile_skips_environment_and_searches_both_files() {
        let f = Files::new();
        f.oos(
            "[profiles.default]\naccess_key_id = \"LTAIoos000000001\"\naccess_key_secret = \"x\"\n",
        );
        f.aliyun(r#"{"current":"a","profiles":[{"name":"ci","mode":"AK","access_key_id":"LTAIali000000001","access_key_secret":"y"}]}"#);
        let r = resolve(&f.env(ENV_AK), None, Some("ci")).unwrap();
        assert_eq!(block(key_id(&r)), "LTAIali000000001");
        let err = resolve(&f.env(ENV_AK), None, Some("nope")).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        assert!(
            text.contains("\"nope\"")
                && text.contains("config.toml")
                && text.contains("config.json"),
            "{text}"
        );
    }

    #[test]
    fn nothing_found_lists_every_place() {
        let f = Files::new();
        let err = resolve(&f.env(&[]), None, None).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        assert!(text.contains(ENV_ACCESS_KEY_ID), "{text}");
        assert!(
            text.contains("config/oos-logs/config.toml: not found"),
            "{text}"
        );
        assert!(text.contains(".aliyun/config.json: not found"), "{text}");
    }

    #[test]
    fn half_set_environment_is_an_error() {
        let f = Files::new();
        let err = resolve(&f.env(&[(ENV_ACCESS_KEY_ID, "x")]), None, None).unwrap_err();
        assert!(err.to_string().contains(ENV_ACCESS_KEY_SECRET));
    }

    #[test]
    fn broken_file_is_an_error_not_skipped() {
        let f = Files::new();
        f.oos("[profiles.default\n");
        f.aliyun(r#"{"current":"a","profiles":[{"name":"a","mode":"AK","access_key_id":"i","access_key_secret":"y"}]}"#);
        let err = resolve(&f.env(&[]), None, None).unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn explicit_config_path_is_used() {
        let f = Files::new();
        let path = f.write(
            "elsewhere.toml",
            "[profiles.default]\naccess_key_id = \"LTAIelse00000001\"\naccess_key_secret = \"x\"\n",
        );
        let r = resolve(&f.env(&[]), Some(&path), None).unwrap();
        assert_eq!(block(key_id(&r)), "LTAIelse00000001");
    }

    #[test]
    fn an_explicit_config_that_does_not_exist_is_an_error() {
        let f = Files::new();
        f.aliyun(r#"{"current":"a","profiles":[{"name":"a","mode":"AK","access_key_id":"i","access_key_secret":"y"}]}"#);
        let missing = f.dir.path().join("typo.toml");
        let err = resolve(&f.env(ENV_AK), Some(&missing), None).unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        assert!(err.to_string().contains("typo.toml"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn world_readable_secret_file_warns() {
        use std::os::unix::fs::PermissionsExt;
        let f = Files::new();
        let path = f.oos(
            "[profiles.default]\naccess_key_id = \"LTAIoos000000001\"\naccess_key_secret = \"x\"\n",
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let r = resolve(&f.env(&[]), None, None).unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].contains("chmod 600"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(
            resolve(&f.env(&[]), None, None)
                .unwrap()
                .warnings
                .is_empty()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_group_or_others_can_write_is_refused_pinned_or_not() {
        use std::os::unix::fs::PermissionsExt;
        let f = Files::new();
        let path = f.oos(
            "[profiles.default]\naccess_key_id = \"LTAIoos000000001\"\naccess_key_secret = \"x\"\n",
        );
        for mode in [0o664, 0o602, 0o620] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            for pinned in [None, Some("default")] {
                let err = resolve(&f.env(&[]), None, pinned).unwrap_err();
                assert!(matches!(err, Error::Config(_)), "{err:?}");
                let Error::Config(ConfigError::Refused { file, refusal, .. }) = &err else {
                    panic!("{err:?}");
                };
                assert_eq!(*file, "oos-logs config");
                assert_eq!(
                    *refusal,
                    Refusal::Writable {
                        mode,
                        holds_secret: true
                    }
                );
                assert!(err.to_string().contains("chmod 600"), "{err}");
            }
        }
    }
}
