//! Reading the Alibaba Cloud credentials INI file (`~/.alibabacloud/credentials`, also
//! `credentials.ini`, or `ALIBABA_CLOUD_CREDENTIALS_FILE`) into profiles
//! (reference/alibaba-api.md §5.3): types `access_key`, `ecs_ram_role`, `ram_role_arn`,
//! `oidc_role_arn`.
//!
//! It must not pick a profile or build credentials, and never writes the file.

use std::path::{Path, PathBuf};

use crate::config::ConfigFile;
use crate::config::error::{ConfigError, InvalidText};
use crate::config::profile::Profile;
use crate::environment::Environment;
use crate::secret::Secret;

/// The parsed credentials file.
#[derive(Debug, Default)]
pub struct IniConfig {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its sections, in file order.
    pub profiles: Vec<Profile>,
    /// Unix permission bits of the file, when known.
    pub mode_bits: Option<u32>,
}

/// The file to read: `ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`, else
/// `~/.alibabacloud/credentials.ini` (the Go and Python SDKs each use one name).
pub fn path(env: &Environment) -> Option<PathBuf> {
    if let Some(p) = env.var("ALIBABA_CLOUD_CREDENTIALS_FILE") {
        return Some(PathBuf::from(p));
    }
    let dir = env.home_dir.as_ref()?.join(".alibabacloud");
    let plain = dir.join("credentials");
    let ini = dir.join("credentials.ini");
    Some(if !plain.exists() && ini.exists() {
        ini
    } else {
        plain
    })
}

/// A value with an inline `# comment` or `; comment` removed (the Python SDK strips them).
fn value(raw: Option<&str>) -> Option<String> {
    let raw = raw?;
    let cut = raw
        .find(" #")
        .or_else(|| raw.find(" ;"))
        .unwrap_or(raw.len());
    let v = raw[..cut].trim();
    (!v.is_empty()).then(|| v.to_owned())
}

impl IniConfig {
    /// Parses the text of a credentials file read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        // The parser's message does not quote the line (the message shown gives the position
        // only).
        let ini = ini::Ini::load_from_str_noescape(text).map_err(|e| ConfigError::Invalid {
            file: ConfigFile::Ini.label(),
            path: path.to_owned(),
            error: InvalidText::Ini(e),
        })?;
        let mut profiles = Vec::new();
        for (section, props) in &ini {
            let Some(name) = section else { continue };
            let get = |k: &str| value(props.get(k));
            let kind = get("type").unwrap_or_default();
            let mode = match kind.as_str() {
                "access_key" => "ak",
                "ecs_ram_role" => "ecs_ram_role",
                "ram_role_arn" => "ram_role_arn",
                "oidc_role_arn" => "oidc",
                other => other,
            };
            profiles.push(Profile {
                name: name.to_owned(),
                file: path.to_owned(),
                mode: (!mode.is_empty()).then(|| mode.to_owned()),
                access_key_id: get("access_key_id"),
                access_key_secret: get("access_key_secret").map(Secret::new),
                region_id: get("region_id"),
                ram_role_arn: get("role_arn"),
                ram_session_name: get("role_session_name"),
                policy: get("policy"),
                ram_role_name: get("role_name"),
                oidc_provider_arn: get("oidc_provider_arn"),
                oidc_token_file: get("oidc_token_file_path"),
                ..Profile::default()
            });
        }
        Ok(Self {
            path: path.to_owned(),
            profiles,
            mode_bits: None,
        })
    }

    /// The section of that name.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }
}

impl crate::config::ConfigFormat for IniConfig {
    const FILE: crate::config::ConfigFile = crate::config::ConfigFile::Ini;

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
    use crate::config::profile::Mode;

    const SAMPLE: &str = "[default]
type = access_key                  # a comment
access_key_id = foo
access_key_secret = bar

[project1]
type = ecs_ram_role
role_name = EcsRamRoleTest

[project2]
type = ram_role_arn
access_key_id = foo
access_key_secret = bar
role_arn = acs:ram::1:role/r
role_session_name = session_name

[project3]
type = oidc_role_arn
oidc_provider_arn = acs:ram::1:oidc-provider/p
oidc_token_file_path = /var/run/token
role_arn = acs:ram::1:role/r
role_session_name = ci
";

    #[test]
    fn every_type_maps_to_a_mode() {
        let cfg = IniConfig::parse(SAMPLE, Path::new("/h/.alibabacloud/credentials")).unwrap();
        let mode = |n: &str| cfg.get(n).unwrap().resolved_mode().unwrap();
        assert_eq!(mode("default"), Mode::Ak);
        assert_eq!(
            cfg.get("default")
                .unwrap()
                .static_credentials()
                .unwrap()
                .access_key_id,
            "foo"
        );
        assert_eq!(mode("project1"), Mode::EcsRamRole);
        assert_eq!(
            cfg.get("project1").unwrap().ram_role_name.as_deref(),
            Some("EcsRamRoleTest")
        );
        assert_eq!(mode("project2"), Mode::RamRoleArn);
        assert_eq!(mode("project3"), Mode::Oidc);
        assert_eq!(
            cfg.get("project3").unwrap().oidc_token_file.as_deref(),
            Some("/var/run/token")
        );
    }

    #[test]
    fn unknown_types_are_refused_by_name() {
        let cfg = IniConfig::parse("[x]\ntype = rsa_key_pair\n", Path::new("/c")).unwrap();
        assert!(
            cfg.get("x")
                .unwrap()
                .resolved_mode()
                .unwrap_err()
                .to_string()
                .contains("rsa_key_pair")
        );
    }

    #[test]
    fn syntax_errors_give_the_position_only() {
        let err = IniConfig::parse("[default\naccess_key_secret = hunter2\n", Path::new("/c"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line") && !err.contains("hunter2"), "{err}");
    }
}
