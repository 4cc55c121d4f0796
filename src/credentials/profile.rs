//! `Profile`: one named profile from either config file, in one shape.
//!
//! Owns the profile fields (the aliyun CLI's names plus oos-logs' own), the credential modes
//! and their spellings, and turning a profile into credentials. It must not read files
//! (`oos_config` and `aliyun_config` do) nor decide which profile is used (`chain` does).

use std::fmt;
use std::path::PathBuf;

use crate::credentials::Credentials;
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

/// A profile, from the oos-logs TOML config or the aliyun CLI's config.json.
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
    /// `ram_role_arn`, kept so the mode can be inferred as the aliyun CLI does.
    pub ram_role_arn: Option<String>,
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

impl Profile {
    /// `profile NAME in FILE`, for messages.
    pub fn describe(&self) -> String {
        format!("profile {:?} in {}", self.name, self.file.display())
    }

    /// Whether the profile holds a secret (AccessKeySecret or STS token) worth protecting.
    pub fn holds_secret(&self) -> bool {
        self.access_key_secret.is_some() || self.sts_token.is_some()
    }

    /// The mode: as written, else inferred as the aliyun CLI does (AK; StsToken with a token;
    /// RamRoleArn with a role ARN).
    pub fn resolved_mode(&self) -> Result<Mode, String> {
        match &self.mode {
            Some(m) => Mode::parse(m).ok_or_else(|| {
                format!(
                    "{} has mode {m:?}, which oos-logs does not support (supported: ak, sts, ram_role_arn, chainable, ecs_ram_role, oidc, external, credentials_uri, or the aliyun CLI's AK, StsToken, ...)",
                    self.describe()
                )
            }),
            None if self.ram_role_arn.is_some() => Ok(Mode::RamRoleArn),
            None if self.sts_token.is_some() => Ok(Mode::Sts),
            None => Ok(Mode::Ak),
        }
    }

    /// Static credentials of an `ak` or `sts` profile; an error names what is missing.
    pub fn static_credentials(&self) -> Result<Credentials, String> {
        let mode = self.resolved_mode()?;
        match mode {
            Mode::Ak | Mode::Sts => {}
            other => {
                return Err(format!(
                    "{} uses mode {:?}, which this version of oos-logs cannot use yet (it supports ak and sts / AK and StsToken)",
                    self.describe(),
                    other.name()
                ));
            }
        }
        let missing =
            |key: &str| format!("{} (mode {}) has no {key}", self.describe(), mode.name());
        let id = self
            .access_key_id
            .clone()
            .ok_or_else(|| missing("access_key_id"))?;
        let secret = self
            .access_key_secret
            .clone()
            .ok_or_else(|| missing("access_key_secret"))?;
        let token = match mode {
            Mode::Sts => Some(self.sts_token.clone().ok_or_else(|| missing("sts_token"))?),
            _ => None,
        };
        Ok(Credentials {
            access_key_id: id,
            access_key_secret: secret,
            security_token: token,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            name: "p".into(),
            file: "/cfg.toml".into(),
            access_key_id: Some("LTAIexampleid0001".into()),
            access_key_secret: Some(Secret::new("sec")),
            ..Profile::default()
        }
    }

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
    fn ak_profile_gives_static_credentials() {
        let creds = profile().static_credentials().unwrap();
        assert_eq!(creds.access_key_id, "LTAIexampleid0001");
        assert!(creds.security_token.is_none());
    }

    #[test]
    fn sts_mode_is_inferred_and_requires_the_token() {
        let mut p = profile();
        p.sts_token = Some(Secret::new("tok"));
        assert_eq!(p.resolved_mode(), Ok(Mode::Sts));
        assert_eq!(
            p.static_credentials()
                .unwrap()
                .security_token
                .unwrap()
                .expose(),
            "tok"
        );
        p.sts_token = None;
        p.mode = Some("StsToken".into());
        assert!(
            p.static_credentials()
                .unwrap_err()
                .contains("has no sts_token")
        );
    }

    #[test]
    fn missing_secret_and_unknown_modes_are_errors() {
        let mut p = profile();
        p.access_key_secret = None;
        assert!(
            p.static_credentials()
                .unwrap_err()
                .contains("has no access_key_secret")
        );
        p.mode = Some("CloudSSO".into());
        let err = p.static_credentials().unwrap_err();
        assert!(
            err.contains("CloudSSO") && err.contains("profile \"p\""),
            "{err}"
        );
        p.mode = Some("EcsRamRole".into());
        assert!(
            p.static_credentials()
                .unwrap_err()
                .contains("cannot use yet")
        );
    }

    #[test]
    fn debug_hides_secrets() {
        let mut p = profile();
        p.sts_token = Some(Secret::new("token-value-123"));
        let shown = format!("{p:?}");
        assert!(!shown.contains("sec\"") && !shown.contains("token-value-123"));
        assert!(!shown.contains("LTAIexampleid0001"));
    }
}
