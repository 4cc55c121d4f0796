//! Reading the oos-logs TOML config file (`config.toml`) into profiles.
//!
//! Owns the file's schema (DESIGN §4) and its error messages (with line and column). It must
//! not pick a profile or build credentials.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::ConfigFile;
use crate::config::error::{ConfigError, InvalidText};
use crate::config::profile::Profile;
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
    // The aliyun CLI's keys that oos-logs ignores (`validate` refused any other).
    #[serde(flatten)]
    _ignored: BTreeMap<String, toml::Value>,
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

/// The keys of a profile (all strings, but `expired_seconds` and `enable_vpc`).
const PROFILE_KEYS: &[&str] = &[
    "mode",
    "access_key_id",
    "access_key_secret",
    "sts_token",
    "region_id",
    "ram_role_arn",
    "ram_session_name",
    "external_id",
    "expired_seconds",
    "source_profile",
    "ram_role_name",
    "oidc_provider_arn",
    "oidc_token_file",
    "process_command",
    "credentials_uri",
    "sts_region",
    "sts_endpoint",
    "policy",
    "enable_vpc",
    "endpoint",
    "endpoint_type",
    "output",
];

/// Keys of the file's top level.
const TOP_KEYS: &[&str] = &["default_profile", "profiles"];

/// Where a document is wrong (a byte range of the text) and what is wrong, in words.
type Invalid = (std::ops::Range<usize>, String);

/// `"name"` for a message: quoted, control characters escaped.
fn quoted(name: &str) -> String {
    format!("{name:?}")
}

/// `[profiles.NAME]` for a message.
fn section(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        format!("[profiles.{name}]")
    } else {
        format!("[profiles.{}]", quoted(name))
    }
}

fn unknown_key(key: &str, place: &str, known: &[&str]) -> String {
    let hint = crate::config::file::suggest(key, known.iter().copied())
        .map(|s| format!(" (did you mean {s:?}?)"))
        .unwrap_or_default();
    format!("{place} has an unknown key {}{hint}", quoted(key))
}

/// Checks the shape of the document and the type of every known key.
fn validate(root: &toml::de::DeTable<'_>) -> Result<(), Invalid> {
    use crate::config::file::a_type;
    for (key, value) in root {
        let span = key.span();
        match key.get_ref().as_ref() {
            "default_profile" => {
                if !value.get_ref().is_str() {
                    return Err((
                        span,
                        format!(
                            "default_profile must be a string (a profile's name), not {}",
                            a_type(value.get_ref().type_str())
                        ),
                    ));
                }
            }
            "profiles" => {
                let Some(profiles) = value.get_ref().as_table() else {
                    return Err((
                        span,
                        format!(
                            "profiles must be a table of profiles ([profiles.NAME] sections), not {}",
                            a_type(value.get_ref().type_str())
                        ),
                    ));
                };
                for (name, profile) in profiles {
                    validate_profile(name, profile)?;
                }
            }
            other => return Err((span, unknown_key(other, "the top level", TOP_KEYS))),
        }
    }
    Ok(())
}

fn validate_profile(
    name: &toml::Spanned<toml::de::DeString<'_>>,
    profile: &toml::Spanned<toml::de::DeValue<'_>>,
) -> Result<(), Invalid> {
    use crate::config::file::a_type;
    use toml::de::DeValue;
    let name_text = name.get_ref().as_ref();
    let Some(keys) = profile.get_ref().as_table() else {
        return Err((
            name.span(),
            format!(
                "profile {} is {}, but a profile must be a table of keys: write a {} section with its keys (mode, access_key_id, ...) below it",
                quoted(name_text),
                a_type(profile.get_ref().type_str()),
                section(name_text)
            ),
        ));
    };
    for (key, value) in keys {
        let key_text = key.get_ref().as_ref();
        let value = value.get_ref();
        let expected = match key_text {
            "expired_seconds" => match value {
                DeValue::Integer(i) if u64::from_str_radix(i.as_str(), i.radix()).is_ok() => {
                    continue;
                }
                DeValue::Integer(_) => "a number of seconds (900 or more)",
                _ => "an integer (a number of seconds)",
            },
            "enable_vpc" if value.is_bool() => continue,
            "enable_vpc" => "a boolean (true or false)",
            k if PROFILE_KEYS.contains(&k) && value.is_str() => continue,
            k if PROFILE_KEYS.contains(&k) => "a string",
            k if IGNORED_ALIYUN_KEYS.contains(&k) => continue,
            k => {
                return Err((
                    key.span(),
                    unknown_key(k, &section(name_text), PROFILE_KEYS),
                ));
            }
        };
        let found = match value {
            DeValue::Integer(i) if i.as_str().starts_with('-') => "a negative integer".to_owned(),
            other => a_type(other.type_str()),
        };
        return Err((
            key.span(),
            format!(
                "{} {key_text} must be {expected}, not {found}",
                section(name_text)
            ),
        ));
    }
    Ok(())
}

/// A serde message without the values it quotes (`invalid type: integer `5``): the type
/// names and the expectation stay.
fn without_values(message: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '`' || c == '"' => quote = Some(c),
            None => out.push(c),
        }
    }
    out.replace(" ,", ",").replace("  ", " ")
}

impl OosConfig {
    /// Parses the text of a config file read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let invalid = |span: Option<std::ops::Range<usize>>, what: &str| {
            let (line, column) = span.map_or((None, None), |span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                (Some(line), Some(column))
            });
            ConfigError::Invalid {
                file: ConfigFile::Oos.label(),
                path: path.to_owned(),
                error: InvalidText::Described {
                    line,
                    column,
                    message: what.to_owned(),
                },
            }
        };
        // toml's own Display quotes the offending line, which may hold a secret (and the error
        // keeps the whole text): keep the position and the message only.
        let document = toml::de::DeTable::parse(text)
            .map_err(|e| invalid(e.span(), e.message().trim_end()))?;
        // Shapes and types first, in words a user understands, with the key and its position
        // and never the value (it may be a secret).
        validate(document.get_ref()).map_err(|(span, what)| invalid(Some(span), &what))?;
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            // Validated above, so this is unexpected; serde's messages quote values: drop them.
            invalid(e.span(), &without_values(e.message().trim_end()))
        })?;
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
    pub fn default(&self) -> Result<Option<&Profile>, ConfigError> {
        match &self.default_profile {
            Some(name) => {
                self.profiles
                    .get(name)
                    .map(Some)
                    .ok_or_else(|| ConfigError::OwnChoiceMissing {
                        file: ConfigFile::Oos,
                        path: self.path.clone(),
                        name: name.clone(),
                        has: self.profiles.keys().cloned().collect(),
                    })
            }
            None => Ok(self.profiles.get("default")),
        }
    }
}

impl crate::config::ConfigFormat for OosConfig {
    const FILE: crate::config::ConfigFile = crate::config::ConfigFile::Oos;

    fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        Self::parse(text, path)
    }

    fn set_mode_bits(&mut self, bits: Option<u32>) {
        self.mode_bits = bits;
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
        let err = OosConfig::parse("[profiles.a]\nmode = \n", Path::new("/x/c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/x/c.toml"), "{err}");
        assert!(err.contains("line 2, column"), "{err}");
    }

    #[test]
    fn errors_never_quote_the_line() {
        let text = "[profiles.a]\naccesskey_secret = \"SUPERSECRET-typo\"\n";
        let err = OosConfig::parse(text, Path::new("/c.toml"))
            .unwrap_err()
            .to_string();
        assert!(!err.contains("SUPERSECRET"), "{err}");
        assert!(
            err.contains("line 2, column 1") && err.contains("accesskey_secret"),
            "{err}"
        );
        let err = OosConfig::parse(
            "[profiles.a]\naccess_key_secret = \"SUPERSECRET\n",
            Path::new("/c.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(!err.contains("SUPERSECRET"), "{err}");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = OosConfig::parse("[profiles.a]\naccess_key = \"x\"\n", Path::new("/c.toml"))
            .unwrap_err()
            .to_string();
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
        let err = cfg.default().unwrap_err().to_string();
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

    #[test]
    fn type_errors_name_the_key_and_type_never_the_value() {
        for (text, needle) in [
            (
                "[profiles.a]\naccess_key_secret = 12345678\n",
                "[profiles.a] access_key_secret must be a string, not an integer",
            ),
            (
                "[profiles.a]\nexpired_seconds = \"3600\"\n",
                "expired_seconds must be an integer (a number of seconds), not a string",
            ),
            (
                "[profiles.a]\nexpired_seconds = -5\n",
                "not a negative integer",
            ),
            (
                "[profiles.a]\nenable_vpc = \"yes\"\n",
                "enable_vpc must be a boolean",
            ),
            (
                "default_profile = 12345678\n",
                "default_profile must be a string",
            ),
            (
                "profiles = 12345678\n",
                "profiles must be a table of profiles",
            ),
        ] {
            let err = OosConfig::parse(text, Path::new("/c.toml"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{text}: {err}");
            for value in ["12345678", "3600", "yes", "-5"] {
                assert!(!err.contains(value), "{text}: {err}");
            }
            assert!(err.contains("at line"), "{err}");
        }
    }

    #[test]
    fn a_profile_that_is_not_a_table_is_explained() {
        let err = OosConfig::parse("[profiles]\ndefault = 5\n", Path::new("/c.toml"))
            .unwrap_err()
            .to_string();
        assert!(!err.contains("RawProfile"), "{err}");
        assert!(
            err.contains("line 2, column 1")
                && err.contains("profile \"default\" is an integer")
                && err.contains("write a [profiles.default] section"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let err = OosConfig::parse(
            "[profiles.a]\nregion = \"cn-hangzhou\"\n",
            Path::new("/c.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("unknown key \"region\" (did you mean \"region_id\"?)")
                && err.contains("line 2, column 1"),
            "{err}"
        );
        let err = OosConfig::parse("defaultprofile = \"a\"\n", Path::new("/c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("did you mean \"default_profile\"?"), "{err}");
        let err = OosConfig::parse("[profiles.a]\ncolour = \"x\"\n", Path::new("/c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"colour\"") && !err.contains("did you mean"),
            "{err}"
        );
    }
}
