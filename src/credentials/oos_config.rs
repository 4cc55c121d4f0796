//! Reading the oos-logs TOML config file (`config.toml`) into profiles.
//!
//! Owns the file's schema (DESIGN §4) and its error messages (with line and column). It must
//! not pick a profile or build credentials.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::credentials::config_file::{list_names, read_if_exists};
use crate::credentials::profile::Profile;
use crate::secret::Secret;

/// The parsed config file.
#[derive(Debug, Default)]
pub struct OosConfig {
    /// Where it was read from.
    pub path: PathBuf,
    /// `default_profile`.
    pub default_profile: Option<String>,
    /// Every profile, by name.
    pub profiles: BTreeMap<String, Profile>,
    /// Unix permission bits of the file, when known.
    pub mode_bits: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, RawProfile>,
}

// Every key the aliyun CLI's profiles use for credentials, so a profile can be copied across;
// the CLI's other keys are accepted and ignored (IGNORED_ALIYUN_KEYS), anything else is a typo.
#[derive(Deserialize)]
struct RawProfile {
    mode: Option<String>,
    access_key_id: Option<String>,
    access_key_secret: Option<String>,
    sts_token: Option<String>,
    region_id: Option<String>,
    ram_role_arn: Option<String>,
    ram_session_name: Option<String>,
    external_id: Option<String>,
    expired_seconds: Option<u64>,
    source_profile: Option<String>,
    ram_role_name: Option<String>,
    oidc_provider_arn: Option<String>,
    oidc_token_file: Option<String>,
    process_command: Option<String>,
    credentials_uri: Option<String>,
    sts_region: Option<String>,
    sts_endpoint: Option<String>,
    policy: Option<String>,
    enable_vpc: Option<bool>,
    endpoint: Option<String>,
    endpoint_type: Option<String>,
    output: Option<String>,
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

/// Keys of aliyun CLI profiles that have no meaning for oos-logs (reference/alibaba-api.md
/// §5.1): accepted so a profile can be copied from `~/.aliyun/config.json`, and ignored.
const IGNORED_ALIYUN_KEYS: &[&str] = &[
    "name",
    "output_format",
    "language",
    "site",
    "read_timeout",
    "retry_timeout",
    "connect_timeout",
    "retry_count",
    "verified",
    "private_key",
    "key_pair_name",
    "cloud_sso_sign_in_url",
    "access_token",
    "cloud_sso_access_token_expire",
    "sts_expiration",
    "cloud_sso_access_config",
    "cloud_sso_account_id",
    "oauth_access_token",
    "oauth_refresh_token",
    "oauth_access_token_expire",
    "oauth_refresh_token_expire",
    "oauth_site_type",
    "external_account_type",
    "auto_plugin_install",
    "auto_plugin_install_enable_pre",
    "bearer_token",
    "bearer_token_header_key",
];

fn non_blank(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

impl OosConfig {
    /// Reads the file. `Ok(None)` when it does not exist; an error (with line and column for
    /// syntax errors) when it cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Option<Self>, String> {
        let Some(file) = read_if_exists(path, "oos-logs config")? else {
            return Ok(None);
        };
        let text = file.text;
        let mut config = Self::parse(&text, path)?;
        config.mode_bits = file.mode_bits;
        Ok(Some(config))
    }

    /// Parses the text of a config file read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, String> {
        // toml's own Display quotes the offending line, which may hold a secret: report the
        // position and the message only.
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let position = e.span().map_or_else(String::new, |span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!(" at line {line}, column {column}")
            });
            format!(
                "the oos-logs config {} is not valid{position}: {}",
                path.display(),
                e.message().trim_end()
            )
        })?;
        for (name, p) in &raw.profiles {
            if let Some(key) = p
                .other
                .keys()
                .find(|k| !IGNORED_ALIYUN_KEYS.contains(&k.as_str()))
            {
                // The first line that sets the key (the parser gives no position for it).
                let position = text
                    .lines()
                    .position(|l| {
                        l.trim_start()
                            .strip_prefix(key.as_str())
                            .is_some_and(|r| r.trim_start().starts_with('='))
                    })
                    .map_or_else(String::new, |i| format!(" at line {}, column 1", i + 1));
                return Err(format!(
                    "the oos-logs config {} is not valid{position}: [profiles.{name}] has an unknown key {key:?}",
                    path.display()
                ));
            }
        }
        let profiles = raw
            .profiles
            .into_iter()
            .map(|(name, p)| {
                let profile = Profile {
                    name: name.clone(),
                    file: path.to_owned(),
                    mode: non_blank(p.mode),
                    access_key_id: non_blank(p.access_key_id),
                    access_key_secret: non_blank(p.access_key_secret).map(Secret::new),
                    sts_token: non_blank(p.sts_token).map(Secret::new),
                    region_id: non_blank(p.region_id),
                    endpoint: non_blank(p.endpoint),
                    endpoint_type: non_blank(p.endpoint_type),
                    output: non_blank(p.output),
                    ram_role_arn: non_blank(p.ram_role_arn),
                    ram_session_name: non_blank(p.ram_session_name),
                    external_id: non_blank(p.external_id),
                    expired_seconds: p.expired_seconds,
                    policy: non_blank(p.policy),
                    source_profile: non_blank(p.source_profile),
                    ram_role_name: non_blank(p.ram_role_name),
                    oidc_provider_arn: non_blank(p.oidc_provider_arn),
                    oidc_token_file: non_blank(p.oidc_token_file),
                    process_command: non_blank(p.process_command),
                    credentials_uri: non_blank(p.credentials_uri),
                    sts_region: non_blank(p.sts_region),
                    sts_endpoint: non_blank(p.sts_endpoint),
                    enable_vpc: p.enable_vpc.unwrap_or(false),
                };
                (name, profile)
            })
            .collect();
        Ok(Self {
            path: path.to_owned(),
            default_profile: non_blank(raw.default_profile),
            profiles,
            mode_bits: None,
        })
    }

    /// The profile the file selects by itself: `default_profile`, else the one named `default`.
    /// An error when `default_profile` names a profile that is not there.
    pub fn default(&self) -> Result<Option<&Profile>, String> {
        match &self.default_profile {
            Some(name) => self.profiles.get(name).map(Some).ok_or_else(|| {
                format!(
                    "the oos-logs config {} sets default_profile = {name:?}, but has no [profiles.{name}] (it has: {})",
                    self.path.display(),
                    list_names(self.profiles.keys())
                )
            }),
            None => Ok(self.profiles.get("default")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
default_profile = "prod"

[profiles.prod]
mode = "ak"
access_key_id = "LTAIprod00000001"
access_key_secret = "prod-secret"
region_id = "cn-hangzhou"
output = "jsonl"

[profiles.sts]
mode = "StsToken"
access_key_id = "STS.x"
access_key_secret = "s"
sts_token = "t"
"#;

    #[test]
    fn parses_profiles_and_default() {
        let cfg = OosConfig::parse(SAMPLE, Path::new("/c.toml")).unwrap();
        let def = cfg.default().unwrap().unwrap();
        assert_eq!(def.name, "prod");
        assert_eq!(def.region_id.as_deref(), Some("cn-hangzhou"));
        assert_eq!(def.output.as_deref(), Some("jsonl"));
        assert_eq!(
            cfg.profiles["sts"]
                .static_credentials()
                .unwrap()
                .security_token
                .unwrap()
                .expose(),
            "t"
        );
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = OosConfig::parse("[profiles.a]\nmode = \n", Path::new("/x/c.toml")).unwrap_err();
        assert!(err.contains("/x/c.toml"), "{err}");
        assert!(err.contains("line 2, column"), "{err}");
    }

    #[test]
    fn errors_never_quote_the_line() {
        let text = "[profiles.a]\naccesskey_secret = \"SUPERSECRET-typo\"\n";
        let err = OosConfig::parse(text, Path::new("/c.toml")).unwrap_err();
        assert!(!err.contains("SUPERSECRET"), "{err}");
        assert!(
            err.contains("line 2, column 1") && err.contains("accesskey_secret"),
            "{err}"
        );
        let err = OosConfig::parse(
            "[profiles.a]\naccess_key_secret = \"SUPERSECRET\n",
            Path::new("/c.toml"),
        )
        .unwrap_err();
        assert!(!err.contains("SUPERSECRET"), "{err}");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = OosConfig::parse("[profiles.a]\naccess_key = \"x\"\n", Path::new("/c.toml"))
            .unwrap_err();
        assert!(err.contains("access_key"), "{err}");
    }

    #[test]
    fn the_aliyun_cli_s_other_keys_are_accepted() {
        let text = "[profiles.c]\nmode = \"AK\"\naccess_key_id = \"LTAIx00000000000\"\naccess_key_secret = \"s\"\noutput_format = \"json\"\nlanguage = \"en\"\nretry_count = 3\n";
        let cfg = OosConfig::parse(text, Path::new("/c.toml")).unwrap();
        assert_eq!(
            cfg.profiles["c"]
                .static_credentials()
                .unwrap()
                .access_key_id,
            "LTAIx00000000000"
        );
    }

    #[test]
    fn missing_default_profile_is_named() {
        let cfg = OosConfig::parse(
            "default_profile = \"nope\"\n[profiles.a]\n",
            Path::new("/c.toml"),
        )
        .unwrap();
        let err = cfg.default().unwrap_err();
        assert!(err.contains("nope") && err.contains("it has: a"), "{err}");
    }

    #[test]
    fn without_default_profile_the_default_name_is_used() {
        let cfg =
            OosConfig::parse("[profiles.default]\n[profiles.b]\n", Path::new("/c.toml")).unwrap();
        assert_eq!(cfg.default().unwrap().unwrap().name, "default");
        let cfg = OosConfig::parse("[profiles.b]\n", Path::new("/c.toml")).unwrap();
        assert!(cfg.default().unwrap().is_none());
    }
}
