//! The credential chain of DESIGN §4: which source wins, and the message when none does.
//!
//! Order, first match wins: `--profile` pins one profile (oos-logs config, then the aliyun
//! config) and skips the rest; otherwise the environment's AccessKey, the oos-logs config's
//! default profile, the aliyun CLI config's current profile. Broken files and incomplete
//! profiles are errors, never skipped. It must not do HTTP.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::credentials::aliyun_config::AliyunConfig;
use crate::credentials::config_file::list_names;
use crate::credentials::oos_config::OosConfig;
use crate::credentials::profile::Profile;
use crate::credentials::{Credentials, ProvideCredentials, StaticCredentials};
use crate::environment::Environment;
use crate::error::Error;
use crate::secret::Secret;

/// Environment variable names (reference/alibaba-api.md §5.2).
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The AccessKeySecret variable.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The SecurityToken variable.
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// What the chain found.
#[derive(Debug)]
pub struct Resolved {
    /// The provider the client asks before every attempt.
    pub provider: Arc<dyn ProvideCredentials>,
    /// The profile used, whose region, endpoint and output settings apply (none for the
    /// environment).
    pub profile: Option<Profile>,
    /// Where the credentials came from, for `-v`.
    pub source: String,
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

/// Runs the chain. `config_path` is `--config` / `OOS_LOGS_CONFIG`; `pinned` is `--profile` /
/// `ALIBABA_CLOUD_PROFILE`.
pub fn resolve(
    env: &Environment,
    config_path: Option<&Path>,
    pinned: Option<&str>,
) -> Result<Resolved, Error> {
    let oos_path = config_path
        .map(Path::to_owned)
        .or_else(|| default_oos_config_path(env));
    let aliyun_path = aliyun_config_path(env);
    let mut searched: Vec<String> = Vec::new();

    // A file named explicitly must exist: a typo should not fall through to other credentials.
    if let Some(path) = config_path
        && !path.exists()
    {
        return Err(Error::Config(format!(
            "the oos-logs config {} (from --config or OOS_LOGS_CONFIG) does not exist",
            path.display()
        )));
    }

    if let Some(name) = pinned {
        return resolve_pinned(name, oos_path.as_deref(), aliyun_path.as_deref());
    }

    // 1. The environment.
    let id = env.var(ENV_ACCESS_KEY_ID);
    let secret = env.var(ENV_ACCESS_KEY_SECRET);
    match (id, secret) {
        (Some(id), Some(secret)) => {
            let creds = Credentials::new(
                id.trim().to_owned(),
                Secret::new(secret.trim()),
                env.var(ENV_SECURITY_TOKEN).map(|t| Secret::new(t.trim())),
            );
            return Ok(Resolved {
                provider: Arc::new(StaticCredentials(creds)),
                profile: None,
                source: "environment variables".to_owned(),
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

    // 2. The oos-logs config's default profile.
    match &oos_path {
        Some(path) => match OosConfig::load(path).map_err(Error::Config)? {
            Some(cfg) => match cfg.default().map_err(Error::Config)? {
                Some(profile) => return from_profile(profile.clone(), cfg.mode_bits),
                None => searched.push(format!(
                    "oos-logs config {}: no default_profile and no profile named \"default\" (it has: {}; pick one with --profile)",
                    path.display(),
                    list_names(cfg.profiles.keys())
                )),
            },
            None => searched.push(format!("oos-logs config {}: not found", path.display())),
        },
        None => searched.push("oos-logs config: no config directory is known (set OOS_LOGS_CONFIG)".to_owned()),
    }

    // 3. The aliyun CLI's current profile.
    match &aliyun_path {
        Some(path) => match AliyunConfig::load(path).map_err(Error::Config)? {
            Some(cfg) => match cfg.current().map_err(Error::Config)? {
                Some(profile) => return from_profile(profile.clone(), cfg.mode_bits),
                None => searched.push(format!(
                    "aliyun CLI config {}: no current profile",
                    path.display()
                )),
            },
            None => searched.push(format!("aliyun CLI config {}: not found", path.display())),
        },
        None => searched.push("aliyun CLI config: no home directory is known".to_owned()),
    }

    let mut msg = String::from("no credentials found; searched, in order:\n");
    for place in &searched {
        msg.push_str("  - ");
        msg.push_str(place);
        msg.push('\n');
    }
    msg.push_str(
        "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or write a profile to the oos-logs config (see the README)",
    );
    Err(Error::Config(msg))
}

fn resolve_pinned(
    name: &str,
    oos_path: Option<&Path>,
    aliyun_path: Option<&Path>,
) -> Result<Resolved, Error> {
    let mut searched = Vec::new();
    if let Some(path) = oos_path {
        match OosConfig::load(path).map_err(Error::Config)? {
            Some(cfg) => {
                if let Some(profile) = cfg.profiles.get(name) {
                    return from_profile(profile.clone(), cfg.mode_bits);
                }
                searched.push(format!(
                    "oos-logs config {} (it has: {})",
                    path.display(),
                    list_names(cfg.profiles.keys())
                ));
            }
            None => searched.push(format!("oos-logs config {} (not found)", path.display())),
        }
    }
    if let Some(path) = aliyun_path {
        match AliyunConfig::load(path).map_err(Error::Config)? {
            Some(cfg) => {
                if let Some(profile) = cfg.get(name) {
                    return from_profile(profile.clone(), cfg.mode_bits);
                }
                searched.push(format!(
                    "aliyun CLI config {} (it has: {})",
                    path.display(),
                    list_names(cfg.profiles.iter().map(|p| &p.name))
                ));
            }
            None => searched.push(format!("aliyun CLI config {} (not found)", path.display())),
        }
    }
    Err(Error::Config(format!(
        "profile {name:?} (from --profile or ALIBABA_CLOUD_PROFILE) was not found; searched:\n  - {}",
        searched.join("\n  - ")
    )))
}

fn from_profile(profile: Profile, mode_bits: Option<u32>) -> Result<Resolved, Error> {
    let creds = profile.static_credentials().map_err(Error::Config)?;
    let mut warnings = Vec::new();
    if let Some(bits) = mode_bits
        && profile.holds_secret()
        && bits & 0o077 != 0
    {
        warnings.push(format!(
            "{} holds a secret and is readable by group or others (mode {bits:03o}); run: chmod 600 {}",
            profile.file.display(),
            profile.file.display()
        ));
    }
    Ok(Resolved {
        provider: Arc::new(StaticCredentials(creds)),
        source: profile.describe(),
        profile: Some(profile),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
