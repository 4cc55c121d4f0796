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
//! Broken files and incomplete profiles are errors, never skipped. This module only selects;
//! `build` turns the choice into a provider. It must not do HTTP.

use std::path::{Path, PathBuf};

use crate::credentials::Credentials;
use crate::credentials::aliyun_config::AliyunConfig;
use crate::credentials::config_file::list_names;
use crate::credentials::ini_config::{self, IniConfig};
use crate::credentials::oos_config::OosConfig;
use crate::credentials::profile::Profile;
use crate::environment::Environment;
use crate::error::Error;
use crate::secret::Secret;

/// Environment variable names (reference/alibaba-api.md §5.2).
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The AccessKeySecret variable.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The SecurityToken variable.
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
const ENV_ACCESS_KEY_ID_ALIAS: &str = "ALICLOUD_ACCESS_KEY_ID";
const ENV_ACCESS_KEY_SECRET_ALIAS: &str = "ALICLOUD_ACCESS_KEY_SECRET";
const ENV_SECURITY_TOKEN_ALIAS: &str = "ALICLOUD_SECURITY_TOKEN";
/// The OIDC role variables.
pub const ENV_ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
/// The OIDC provider variable.
pub const ENV_OIDC_PROVIDER_ARN: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
/// The OIDC token file variable.
pub const ENV_OIDC_TOKEN_FILE: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
/// The ECS role variable: naming a role turns the metadata service on.
pub const ENV_ECS_METADATA: &str = "ALIBABA_CLOUD_ECS_METADATA";
/// The credentials URI variable.
pub const ENV_CREDENTIALS_URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

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

/// The chain's choice and why it was made.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The choice.
    pub choice: Choice,
    /// Where the credentials come from, e.g. `profile "prod" in /home/me/.config/...`.
    pub source: String,
    /// Why this source: the sources before it that gave nothing, or the pin.
    pub reason: String,
    /// Warnings for stderr (a config file with a secret readable by others).
    pub warnings: Vec<String>,
}

/// The default path of the oos-logs config: `<config dir>/oos-logs/config.toml`.
pub fn default_oos_config_path(env: &Environment) -> Option<PathBuf> {
    env.config_dir
        .as_ref()
        .map(|d| d.join("oos-logs").join("config.toml"))
}

/// The aliyun CLI config: `~/.aliyun/config.json`.
pub fn aliyun_config_path(env: &Environment) -> Option<PathBuf> {
    env.home_dir
        .as_ref()
        .map(|h| h.join(".aliyun").join("config.json"))
}

/// One file's profiles and its permission bits.
type FileProfiles = (Vec<Profile>, Option<u32>);

/// A file's profiles, with the index of the one it selects by itself or why it selects none.
type OwnChoice = (FileProfiles, Result<usize, String>);

/// The files with profiles, in the chain's order.
const FILE_LABELS: [&str; 3] = ["oos-logs config", "aliyun CLI config", "credentials file"];

/// The files the chain reads, found from the environment and `--config`.
#[derive(Debug, Clone)]
pub struct Files {
    /// The oos-logs config.
    pub oos: Option<PathBuf>,
    /// The aliyun CLI config.
    pub aliyun: Option<PathBuf>,
    /// The credentials INI file.
    pub ini: Option<PathBuf>,
}

impl Files {
    /// Finds the files; a `--config` / `OOS_LOGS_CONFIG` that does not exist is an error (a
    /// typo should not fall through to other credentials).
    pub fn locate(env: &Environment, config_path: Option<&Path>) -> Result<Self, Error> {
        if let Some(path) = config_path
            && !path.exists()
        {
            return Err(Error::Config(
                match crate::credentials::config_file::dangling_link(path) {
                    Some(target) => format!(
                        "the oos-logs config {} (from --config or OOS_LOGS_CONFIG) is a symbolic link to {}, which does not exist",
                        path.display(),
                        target.display()
                    ),
                    None => format!(
                        "the oos-logs config {} (from --config or OOS_LOGS_CONFIG) does not exist",
                        path.display()
                    ),
                },
            ));
        }
        Ok(Self {
            oos: config_path
                .map(Path::to_owned)
                .or_else(|| default_oos_config_path(env)),
            aliyun: aliyun_config_path(env),
            ini: ini_config::path(env),
        })
    }

    /// Reads the oos-logs config, if there is one.
    pub fn oos_config(&self) -> Result<Option<OosConfig>, Error> {
        self.oos
            .as_deref()
            .map(OosConfig::load)
            .transpose()
            .map(Option::flatten)
            .map_err(Error::Config)
    }

    /// Reads the aliyun CLI config, if there is one.
    pub fn aliyun_config(&self) -> Result<Option<AliyunConfig>, Error> {
        self.aliyun
            .as_deref()
            .map(AliyunConfig::load)
            .transpose()
            .map(Option::flatten)
            .map_err(Error::Config)
    }

    /// The path of one file (by its label).
    fn path_of(&self, label: &str) -> Option<&PathBuf> {
        match label {
            "oos-logs config" => self.oos.as_ref(),
            "aliyun CLI config" => self.aliyun.as_ref(),
            _ => self.ini.as_ref(),
        }
    }

    /// One file's profiles, and the index of the profile the file selects by itself (its
    /// default, or current, profile), or why it selects none. None when the file does not
    /// exist; an error when it is broken or names a profile it does not have.
    fn own_choice(&self, label: &str) -> Result<Option<OwnChoice>, Error> {
        let chosen = match label {
            "oos-logs config" => self.oos_config()?.map(|cfg| {
                let name = cfg.default().map(|p| p.map(|p| p.name.clone()));
                let why = format!(
                    "no default_profile and no profile named \"default\" (it has: {}; pick one with --profile)",
                    list_names(cfg.profiles.keys())
                );
                (name, why, (cfg.profiles.into_values().collect::<Vec<_>>(), cfg.mode_bits))
            }),
            "aliyun CLI config" => self.aliyun_config()?.map(|cfg| {
                let name = cfg.current().map(|p| p.map(|p| p.name.clone()));
                (name, "no current profile".to_owned(), (cfg.profiles, cfg.mode_bits))
            }),
            _ => self.ini_config()?.map(|cfg| {
                let name = Ok(cfg.get("default").map(|p| p.name.clone()));
                (name, "no [default] section".to_owned(), (cfg.profiles, cfg.mode_bits))
            }),
        };
        let Some((name, why, file)) = chosen else {
            return Ok(None);
        };
        let index = match name.map_err(Error::Config)? {
            Some(name) => Ok(file
                .0
                .iter()
                .position(|p| p.name == name)
                .expect("the file's own profile")),
            None => Err(why),
        };
        Ok(Some((file, index)))
    }

    /// The profiles and permission bits of one file (by its label), if it exists.
    fn profiles_of(&self, label: &str) -> Result<Option<FileProfiles>, Error> {
        Ok(match label {
            "oos-logs config" => self
                .oos_config()?
                .map(|c| (c.profiles.into_values().collect(), c.mode_bits)),
            "aliyun CLI config" => self.aliyun_config()?.map(|c| (c.profiles, c.mode_bits)),
            _ => self.ini_config()?.map(|c| (c.profiles, c.mode_bits)),
        })
    }

    /// Reads the credentials INI file, if there is one.
    pub fn ini_config(&self) -> Result<Option<IniConfig>, Error> {
        self.ini
            .as_deref()
            .map(IniConfig::load)
            .transpose()
            .map(Option::flatten)
            .map_err(Error::Config)
    }
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

    // 1. The environment's AccessKey.
    let id = env.first_var(&[ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_ID_ALIAS]);
    let secret = env.first_var(&[ENV_ACCESS_KEY_SECRET, ENV_ACCESS_KEY_SECRET_ALIAS]);
    match (id, secret) {
        (Some(id), Some(secret)) => {
            let token = env
                .first_var(&[ENV_SECURITY_TOKEN, ENV_SECURITY_TOKEN_ALIAS])
                .map(|t| Secret::new(t.trim()));
            return Ok(Selection {
                choice: Choice::Environment(Credentials::new(
                    id.trim(),
                    Secret::new(secret.trim()),
                    token,
                )),
                source: "environment variables".to_owned(),
                reason: "the environment comes first".to_owned(),
                warnings: Vec::new(),
            });
        }
        (Some(_), None) => {
            return Err(Error::Config(format!(
                "{ENV_ACCESS_KEY_ID} is set but {ENV_ACCESS_KEY_SECRET} is not"
            )));
        }
        (None, Some(_)) => {
            return Err(Error::Config(format!(
                "{ENV_ACCESS_KEY_SECRET} is set but {ENV_ACCESS_KEY_ID} is not"
            )));
        }
        (None, None) => searched.push(format!(
            "environment: {ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET} are not set"
        )),
    }

    // 2. The environment's OIDC role.
    let oidc = [ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE].map(|n| env.var(n));
    match oidc {
        [Some(role), Some(provider), Some(file)] => {
            return Ok(Selection {
                choice: Choice::EnvironmentOidc {
                    role_arn: role.trim().to_owned(),
                    provider_arn: provider.trim().to_owned(),
                    token_file: file.trim().to_owned(),
                    session_name: env.var("ALIBABA_CLOUD_ROLE_SESSION_NAME").map(|s| s.trim().to_owned()),
                },
                source: format!("the OIDC role in the environment ({ENV_ROLE_ARN})"),
                reason: format!("{}; the OIDC variables come next", searched.join("; ")),
                warnings: Vec::new(),
            });
        }
        [None, None, None] => searched.push(format!(
            "environment: {ENV_ROLE_ARN}, {ENV_OIDC_PROVIDER_ARN} and {ENV_OIDC_TOKEN_FILE} are not set"
        )),
        _ => searched.push(format!(
            "environment: only some of {ENV_ROLE_ARN}, {ENV_OIDC_PROVIDER_ARN}, {ENV_OIDC_TOKEN_FILE} are set (OIDC needs all three)"
        )),
    }

    // 3-5. The files' own choices: the oos-logs config's default profile, the aliyun CLI
    // config's current profile, the credentials file's [default] section.
    for label in FILE_LABELS {
        let Some(path) = files.path_of(label) else {
            searched.push(missing_path(label));
            continue;
        };
        match files.own_choice(label)? {
            None => searched.push(format!("{label} {}: not found", path.display())),
            Some(((profiles, mode_bits), Ok(chosen))) => {
                let profile = &profiles[chosen];
                return Ok(from_profile(profile, profiles.iter(), mode_bits, &searched));
            }
            Some((_, Err(why))) => searched.push(format!("{label} {}: {why}", path.display())),
        }
    }

    // 6. The ECS metadata service, when asked for.
    match env.var(ENV_ECS_METADATA) {
        Some(role) => {
            return Ok(Selection {
                choice: Choice::EcsMetadata { role: role.trim().to_owned() },
                source: format!("the ECS metadata service (role {:?} from {ENV_ECS_METADATA})", role.trim()),
                reason: searched.join("; "),
                warnings: Vec::new(),
            });
        }
        None => searched.push(format!("ECS metadata: {ENV_ECS_METADATA} is not set (the metadata service is only asked when it names the instance's role)")),
    }

    // 7. A credentials URI, when set.
    match env.var(ENV_CREDENTIALS_URI) {
        Some(uri) => {
            return Ok(Selection {
                choice: Choice::CredentialsUri(uri.trim().to_owned()),
                source: format!("the credentials URI in {ENV_CREDENTIALS_URI}"),
                reason: searched.join("; "),
                warnings: Vec::new(),
            });
        }
        None => searched.push(format!("environment: {ENV_CREDENTIALS_URI} is not set")),
    }

    let mut msg = String::from("no credentials found; searched, in order:\n");
    for place in &searched {
        msg.push_str("  - ");
        msg.push_str(place);
        msg.push('\n');
    }
    msg.push_str(
        "  to fix: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `oos-logs configure` (see the README)",
    );
    Err(Error::Config(msg))
}

fn select_pinned(name: &str, files: &Files) -> Result<Selection, Error> {
    let mut searched = Vec::new();
    for label in FILE_LABELS {
        let Some(path) = files.path_of(label) else {
            continue;
        };
        match files.profiles_of(label)? {
            Some((profiles, mode_bits)) => {
                if let Some(profile) = profiles.iter().find(|p| p.name == name) {
                    let mut selection = from_profile(profile, profiles.iter(), mode_bits, &[]);
                    selection.reason =
                        format!("--profile (or ALIBABA_CLOUD_PROFILE) names {name:?}");
                    return Ok(selection);
                }
                searched.push(format!(
                    "{label} {} (it has: {})",
                    path.display(),
                    list_names(profiles.iter().map(|p| &p.name))
                ));
            }
            None => searched.push(format!("{label} {} (not found)", path.display())),
        }
    }
    Err(Error::Config(format!(
        "profile {name:?} (from --profile or ALIBABA_CLOUD_PROFILE) was not found; searched:\n  - {}",
        searched.join("\n  - ")
    )))
}

fn from_profile<'a>(
    profile: &Profile,
    siblings: impl Iterator<Item = &'a Profile>,
    mode_bits: Option<u32>,
    searched: &[String],
) -> Selection {
    let siblings: Vec<Profile> = siblings.cloned().collect();
    let mut warnings = Vec::new();
    // Any secret in the file counts: a chainable profile's source keeps its key there.
    if let Some(bits) = mode_bits
        && siblings.iter().chain([profile]).any(Profile::holds_secret)
        && bits & 0o077 != 0
    {
        warnings.push(format!(
            "{} holds a secret and is readable by group or others (mode {bits:03o}); run: chmod 600 {}",
            profile.file.display(),
            profile.file.display()
        ));
    }
    Selection {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{BuildOptions, Resolved};

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
            verbose: 0,
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
        fn write(&self, rel: &str, text: &str) -> PathBuf {
            let path = self.dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
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
        assert_eq!(err.exit_code(), 3);
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
        assert_eq!(err.exit_code(), 3);
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
        assert_eq!(err.exit_code(), 3);
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
}
