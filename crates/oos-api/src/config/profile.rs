//! `Profile`: one named profile from any config file, in one shape.
//!
//! Owns the profile fields (the aliyun CLI's names plus oos-logs' own: region, endpoint,
//! output) and the credential modes and their spellings. It must not read files (`oos`,
//! `aliyun` and `ini` do), decide which profile is used (`credentials::chain` does) nor turn a
//! profile into credentials (`credentials::profile` does).

use std::fmt;
use std::path::PathBuf;

use crate::secret::Secret;

/// How a profile obtains credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A static AccessKey pair.
    Ak,
    /// A static STS triple (AccessKey pair and SecurityToken).
    Sts,
    /// STS AssumeRole with the profile's AccessKey.
    RamRoleArn,
    /// AssumeRole with the credentials of `source_profile`.
    Chainable,
    /// The ECS instance metadata service.
    EcsRamRole,
    /// STS AssumeRoleWithOIDC.
    Oidc,
    /// An external process that prints credentials.
    External,
    /// An HTTP URI that serves credentials.
    CredentialsUri,
}

impl Mode {
    /// Parses a mode as oos-logs or the aliyun CLI spells it, in any case.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "ak" => Self::Ak,
            "sts" | "ststoken" => Self::Sts,
            "ram_role_arn" | "ramrolearn" => Self::RamRoleArn,
            "chainable" | "chainableramrolearn" => Self::Chainable,
            "ecs_ram_role" | "ecsramrole" => Self::EcsRamRole,
            "oidc" => Self::Oidc,
            "external" => Self::External,
            "credentials_uri" | "credentialsuri" => Self::CredentialsUri,
            _ => return None,
        })
    }

    /// The oos-logs spelling.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ak => "ak",
            Self::Sts => "sts",
            Self::RamRoleArn => "ram_role_arn",
            Self::Chainable => "chainable",
            Self::EcsRamRole => "ecs_ram_role",
            Self::Oidc => "oidc",
            Self::External => "external",
            Self::CredentialsUri => "credentials_uri",
        }
    }
}

/// A profile, from the oos-logs TOML config, the aliyun CLI's config.json or the credentials
/// INI file.
#[derive(Clone, Default)]
pub struct Profile {
    /// The profile's name.
    pub name: String,
    /// The file it came from.
    pub file: PathBuf,
    /// `mode` as written (None: inferred from the keys present).
    pub mode: Option<String>,
    /// `access_key_id`.
    pub access_key_id: Option<String>,
    /// `access_key_secret`.
    pub access_key_secret: Option<Secret>,
    /// `sts_token`.
    pub sts_token: Option<Secret>,
    /// `region_id`.
    pub region_id: Option<String>,
    /// oos-logs' `endpoint` (the aliyun CLI's too).
    pub endpoint: Option<String>,
    /// `endpoint_type`: `public` or `vpc`.
    pub endpoint_type: Option<String>,
    /// oos-logs' `output`: table, json, jsonl or plain.
    pub output: Option<String>,
    /// `ram_role_arn`.
    pub ram_role_arn: Option<String>,
    /// `ram_session_name`.
    pub ram_session_name: Option<String>,
    /// `external_id`.
    pub external_id: Option<String>,
    /// `expired_seconds`: the role session's duration.
    pub expired_seconds: Option<u64>,
    /// `policy`: a policy that narrows the role session.
    pub policy: Option<String>,
    /// `source_profile` (mode `chainable`).
    pub source_profile: Option<String>,
    /// `ram_role_name` (mode `ecs_ram_role`; discovered when absent).
    pub ram_role_name: Option<String>,
    /// `oidc_provider_arn`.
    pub oidc_provider_arn: Option<String>,
    /// `oidc_token_file`.
    pub oidc_token_file: Option<String>,
    /// `process_command` (mode `external`).
    pub process_command: Option<String>,
    /// `credentials_uri`.
    pub credentials_uri: Option<String>,
    /// `sts_region`.
    pub sts_region: Option<String>,
    /// `sts_endpoint`.
    pub sts_endpoint: Option<String>,
    /// `enable_vpc`: use the VPC STS endpoint.
    pub enable_vpc: bool,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("name", &self.name)
            .field("file", &self.file)
            .field("mode", &self.mode)
            .field(
                "access_key_id",
                &self
                    .access_key_id
                    .as_deref()
                    .map(crate::secret::mask_key_id),
            )
            .field("access_key_secret", &self.access_key_secret)
            .field("sts_token", &self.sts_token)
            .field("region_id", &self.region_id)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

/// What is wrong with a profile, as a kind (the message is its `Display`); the command maps
/// it to a config error (exit 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// `mode` names a mode oos-logs does not know.
    UnsupportedMode {
        /// `profile NAME in FILE`.
        profile: String,
        /// The mode as written.
        mode: String,
    },
    /// A key the mode needs is absent.
    MissingKey {
        /// `profile NAME in FILE`.
        profile: String,
        /// The profile's mode.
        mode: Mode,
        /// The missing key.
        key: &'static str,
    },
    /// Static credentials were asked of a mode whose credentials are not static.
    NotStatic {
        /// `profile NAME in FILE`.
        profile: String,
        /// The profile's mode.
        mode: Mode,
    },
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnsupportedMode { profile, mode } => write!(
                f,
                "{profile} has mode {mode:?}, which oos-logs does not support (supported: ak, sts, ram_role_arn, chainable, ecs_ram_role, oidc, external, credentials_uri, or the aliyun CLI's AK, StsToken, ...)"
            ),
            Self::MissingKey { profile, mode, key } => {
                write!(f, "{profile} (mode {}) has no {key}", mode.name())
            }
            Self::NotStatic { profile, mode } => write!(
                f,
                "{profile} uses mode {:?}, whose credentials are not static",
                mode.name()
            ),
        }
    }
}

impl std::error::Error for ProfileError {}

impl From<ProfileError> for crate::error::Error {
    fn from(e: ProfileError) -> Self {
        Self::Config(e.into())
    }
}

impl Profile {
    /// `profile NAME in FILE`, for messages.
    pub fn describe(&self) -> String {
        format!("profile {:?} in {}", self.name, self.file.display())
    }

    /// Whether the profile holds a secret (AccessKeySecret or STS token) worth protecting.
    pub(crate) fn holds_secret(&self) -> bool {
        self.access_key_secret.is_some() || self.sts_token.is_some()
    }

    /// The mode: as written, else inferred as the aliyun CLI does (AK; StsToken with a token;
    /// RamRoleArn with a role ARN).
    pub fn resolved_mode(&self) -> Result<Mode, ProfileError> {
        match &self.mode {
            Some(m) => Mode::parse(m).ok_or_else(|| ProfileError::UnsupportedMode {
                profile: self.describe(),
                mode: m.clone(),
            }),
            None if self.ram_role_arn.is_some() && self.source_profile.is_some() => {
                Ok(Mode::Chainable)
            }
            None if self.ram_role_arn.is_some() && self.oidc_provider_arn.is_some() => {
                Ok(Mode::Oidc)
            }
            None if self.ram_role_arn.is_some() => Ok(Mode::RamRoleArn),
            None if self.sts_token.is_some() => Ok(Mode::Sts),
            None if self.access_key_id.is_some() => Ok(Mode::Ak),
            None if self.process_command.is_some() => Ok(Mode::External),
            None if self.credentials_uri.is_some() => Ok(Mode::CredentialsUri),
            None if self.ram_role_name.is_some() => Ok(Mode::EcsRamRole),
            None => Ok(Mode::Ak),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    #[test]
    fn modes_in_both_spellings_any_case() {
        assert_eq!(Mode::parse("AK"), Some(Mode::Ak));
        assert_eq!(Mode::parse("StsToken"), Some(Mode::Sts));
        assert_eq!(Mode::parse("sts"), Some(Mode::Sts));
        assert_eq!(Mode::parse("RAMROLEARN"), Some(Mode::RamRoleArn));
        assert_eq!(Mode::parse("ChainableRamRoleArn"), Some(Mode::Chainable));
        assert_eq!(Mode::parse("EcsRamRole"), Some(Mode::EcsRamRole));
        assert_eq!(Mode::parse("OIDC"), Some(Mode::Oidc));
        assert_eq!(Mode::parse("External"), Some(Mode::External));
        assert_eq!(Mode::parse("CredentialsURI"), Some(Mode::CredentialsUri));
        assert_eq!(Mode::parse("CloudSSO"), None);
    }

    #[test]
    fn an_unknown_mode_is_a_typed_error_with_the_old_message() {
        let p = Profile {
            name: "p".into(),
            file: "/cfg.toml".into(),
            mode: Some("CloudSSO".into()),
            ..Profile::default()
        };
        let err = p.resolved_mode().unwrap_err();
        assert!(matches!(&err, ProfileError::UnsupportedMode { mode, .. } if mode == "CloudSSO"));
        let text = err.to_string();
        assert!(
            text.starts_with("profile \"p\" in /cfg.toml has mode \"CloudSSO\""),
            "{text}"
        );
    }

    #[test]
    fn debug_hides_secrets() {
        let p = Profile {
            name: "p".into(),
            file: "/cfg.toml".into(),
            access_key_id: Some("LTAIexampleid0001".into()),
            access_key_secret: Some(Secret::new("sec")),
            sts_token: Some(Secret::new("token-value-123")),
            ..Profile::default()
        };
        let shown = format!("{p:?}");
        assert!(!shown.contains("sec\"") && !shown.contains("token-value-123"));
        assert!(!shown.contains("LTAIexampleid0001"));
    }
}
