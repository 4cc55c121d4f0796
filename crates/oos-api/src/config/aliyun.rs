//! Reading the aliyun CLI's `~/.aliyun/config.json` into profiles.
//!
//! Owns that file's schema (reference/alibaba-api.md §5.1) and its error messages (with line
//! and column). It must not pick a profile or build credentials, and never writes the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::ConfigFile;
use crate::config::error::{ConfigError, InvalidText};
use crate::config::profile::Profile;
use crate::secret::Secret;

/// The parsed aliyun CLI config.
#[derive(Debug, Default)]
pub struct AliyunConfig {
    /// Where it was read from.
    pub path: PathBuf,
    /// `current`: the CLI's selected profile.
    pub current: Option<String>,
    /// The profiles, in file order.
    pub profiles: Vec<Profile>,
    /// Unix permission bits of the file, when known.
    pub mode_bits: Option<u32>,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<RawProfile>,
}

// Unknown keys are ignored: the CLI has many (language, site, oauth_*...) that do not matter here.
#[derive(Deserialize)]
struct RawProfile {
    name: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    access_key_id: String,
    #[serde(default)]
    access_key_secret: String,
    #[serde(default)]
    sts_token: String,
    #[serde(default)]
    region_id: String,
    #[serde(default)]
    endpoint: String,
    #[serde(default)]
    endpoint_type: String,
    #[serde(default)]
    ram_role_arn: String,
    #[serde(default)]
    ram_session_name: String,
    #[serde(default)]
    external_id: String,
    #[serde(default)]
    expired_seconds: Option<u64>,
    #[serde(default)]
    policy: String,
    #[serde(default)]
    source_profile: String,
    #[serde(default)]
    ram_role_name: String,
    #[serde(default)]
    oidc_provider_arn: String,
    #[serde(default)]
    oidc_token_file: String,
    #[serde(default)]
    process_command: String,
    #[serde(default)]
    credentials_uri: String,
    #[serde(default)]
    sts_region: String,
    #[serde(default)]
    sts_endpoint: String,
    #[serde(default)]
    enable_vpc: bool,
}

fn opt(s: String) -> Option<String> {
    if s.trim().is_empty() { None } else { Some(s) }
}

/// The string keys of a profile that oos-logs reads.
const STRING_KEYS: &[&str] = &[
    "name",
    "mode",
    "access_key_id",
    "access_key_secret",
    "sts_token",
    "region_id",
    "endpoint",
    "endpoint_type",
    "ram_role_arn",
    "ram_session_name",
    "external_id",
    "policy",
    "source_profile",
    "ram_role_name",
    "oidc_provider_arn",
    "oidc_token_file",
    "process_command",
    "credentials_uri",
    "sts_region",
    "sts_endpoint",
];

/// A JSON value's type in words, never the value.
fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Checks the shape of the file and the type of every key oos-logs reads.
fn validate(document: &serde_json::Value) -> Result<(), String> {
    use serde_json::Value;
    let Value::Object(top) = document else {
        return Err(format!(
            "the file must be a JSON object, not {}",
            json_type(document)
        ));
    };
    if let Some(current) = top.get("current")
        && !current.is_string()
    {
        return Err(format!(
            "current must be a string (a profile's name), not {}",
            json_type(current)
        ));
    }
    let Some(profiles) = top.get("profiles") else {
        return Ok(());
    };
    let Value::Array(profiles) = profiles else {
        return Err(format!(
            "profiles must be an array of profiles, not {}",
            json_type(profiles)
        ));
    };
    for (i, profile) in profiles.iter().enumerate() {
        let Value::Object(keys) = profile else {
            return Err(format!(
                "profile {} of profiles is {}, not an object",
                i + 1,
                json_type(profile)
            ));
        };
        let which = match keys.get("name") {
            Some(Value::String(name)) => format!("profile {name:?}"),
            Some(other) => {
                return Err(format!(
                    "profile {}: name must be a string, not {}",
                    i + 1,
                    json_type(other)
                ));
            }
            None => return Err(format!("profile {} has no name", i + 1)),
        };
        for (key, value) in keys {
            let expected = match key.as_str() {
                k if STRING_KEYS.contains(&k) && value.is_string() => continue,
                k if STRING_KEYS.contains(&k) => "a string",
                "expired_seconds" if value.is_u64() || value.is_null() => continue,
                "expired_seconds" => "a number of seconds",
                "enable_vpc" if value.is_boolean() => continue,
                "enable_vpc" => "a boolean (true or false)",
                _ => continue,
            };
            return Err(format!(
                "{which}: {key} must be {expected}, not {}",
                json_type(value)
            ));
        }
    }
    Ok(())
}

impl AliyunConfig {
    /// Parses the text of a config.json read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let invalid = |error| ConfigError::Invalid {
            file: ConfigFile::Aliyun.label(),
            path: path.to_owned(),
            error,
        };
        let described = |message: String| {
            invalid(InvalidText::Described {
                line: None,
                column: None,
                message,
            })
        };
        // A syntax error is reported by position only; a wrong type by the key and the type
        // expected, never the value (it may be a secret).
        let document: serde_json::Value =
            serde_json::from_str(text).map_err(|e| invalid(InvalidText::Json(e)))?;
        validate(&document).map_err(described)?;
        // serde's message would quote the value: not kept.
        let raw: RawFile = serde_json::from_value(document)
            .map_err(|_| described("a value has an unexpected type".to_owned()))?;
        let profiles = raw
            .profiles
            .into_iter()
            .map(|p| Profile {
                name: p.name,
                file: path.to_owned(),
                mode: opt(p.mode),
                access_key_id: opt(p.access_key_id),
                access_key_secret: opt(p.access_key_secret).map(Secret::new),
                sts_token: opt(p.sts_token).map(Secret::new),
                region_id: opt(p.region_id),
                endpoint: opt(p.endpoint),
                endpoint_type: opt(p.endpoint_type),
                output: None,
                ram_role_arn: opt(p.ram_role_arn),
                ram_session_name: opt(p.ram_session_name),
                external_id: opt(p.external_id),
                expired_seconds: p.expired_seconds.filter(|s| *s > 0),
                policy: opt(p.policy),
                source_profile: opt(p.source_profile),
                ram_role_name: opt(p.ram_role_name),
                oidc_provider_arn: opt(p.oidc_provider_arn),
                oidc_token_file: opt(p.oidc_token_file),
                process_command: opt(p.process_command),
                credentials_uri: opt(p.credentials_uri),
                sts_region: opt(p.sts_region),
                sts_endpoint: opt(p.sts_endpoint),
                enable_vpc: p.enable_vpc,
            })
            .collect();
        Ok(Self {
            path: path.to_owned(),
            current: opt(raw.current),
            profiles,
            mode_bits: None,
        })
    }

    /// The profile of that name.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The `current` profile; an error when `current` names a profile that is not there.
    pub fn current(&self) -> Result<Option<&Profile>, ConfigError> {
        let Some(name) = &self.current else {
            return Ok(self.get("default"));
        };
        self.get(name)
            .map(Some)
            .ok_or_else(|| ConfigError::OwnChoiceMissing {
                file: ConfigFile::Aliyun,
                path: self.path.clone(),
                name: name.clone(),
                has: self.profiles.iter().map(|p| p.name.clone()).collect(),
            })
    }
}

impl crate::config::ConfigFormat for AliyunConfig {
    const FILE: crate::config::ConfigFile = crate::config::ConfigFile::Aliyun;

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

    const SAMPLE: &str = r#"{
	"current": "dev",
	"profiles": [
		{"name": "default", "mode": "AK", "access_key_id": "LTAIdefault00001", "access_key_secret": "d", "region_id": "cn-beijing", "language": "en"},
		{"name": "dev", "mode": "StsToken", "access_key_id": "STS.dev", "access_key_secret": "s", "sts_token": "tok", "region_id": "cn-shanghai", "output_format": "json"}
	],
	"meta_path": ""
}"#;

    #[test]
    fn parses_current_profile() {
        let cfg = AliyunConfig::parse(SAMPLE, Path::new("/h/.aliyun/config.json")).unwrap();
        let cur = cfg.current().unwrap().unwrap();
        assert_eq!(cur.name, "dev");
        assert_eq!(cur.region_id.as_deref(), Some("cn-shanghai"));
        assert_eq!(
            cur.static_credentials()
                .unwrap()
                .security_token
                .unwrap()
                .expose(),
            "tok"
        );
        assert_eq!(
            cfg.get("default")
                .unwrap()
                .static_credentials()
                .unwrap()
                .access_key_id,
            "LTAIdefault00001"
        );
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let err = AliyunConfig::parse("{\n  \"current\": ,\n}", Path::new("/c.json"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("/c.json") && err.contains("line 2 column"),
            "{err}"
        );
    }

    #[test]
    fn syntax_errors_never_quote_the_text() {
        let err = AliyunConfig::parse(
            "{\"profiles\": [{\"name\": \"a\", \"access_key_secret\": \"SUPERSECRET",
            Path::new("/c.json"),
        )
        .unwrap_err()
        .to_string();
        assert!(!err.contains("SUPERSECRET"), "{err}");
    }

    #[test]
    fn current_naming_a_missing_profile_is_an_error() {
        let cfg = AliyunConfig::parse(
            r#"{"current":"x","profiles":[{"name":"a"}]}"#,
            Path::new("/c.json"),
        )
        .unwrap();
        assert!(cfg.current().unwrap_err().to_string().contains("\"x\""));
    }

    #[test]
    fn type_errors_name_the_key_and_type_never_the_value() {
        for (text, needle) in [
            (
                r#"{"profiles": [{"name": "a", "access_key_secret": 12345678}]}"#,
                "profile \"a\": access_key_secret must be a string, not a number",
            ),
            (
                r#"{"profiles": [{"name": "a", "expired_seconds": "12345678"}]}"#,
                "expired_seconds must be a number of seconds, not a string",
            ),
            (r#"{"profiles": 12345678}"#, "profiles must be an array"),
            (r#"{"current": 12345678}"#, "current must be a string"),
            (
                r#"{"profiles": [12345678]}"#,
                "profile 1 of profiles is a number",
            ),
        ] {
            let err = AliyunConfig::parse(text, Path::new("/c.json"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{text}: {err}");
            assert!(!err.contains("12345678"), "{text}: {err}");
        }
    }
}
