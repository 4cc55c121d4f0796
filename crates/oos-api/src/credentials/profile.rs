//! Turning a profile into credentials: the AccessKey (and token) a profile holds itself.
//!
//! The profile and its modes are `config::profile`'s; this file only builds `Credentials` from
//! one. It must not read files nor decide which profile is used (`chain` does).

use crate::config::profile::{Mode, Profile, ProfileError};
use crate::credentials::Credentials;

impl Profile {
    /// Static credentials of an `ak` or `sts` profile; an error names what is missing.
    pub fn static_credentials(&self) -> Result<Credentials, ProfileError> {
        let mode = self.resolved_mode()?;
        match mode {
            Mode::Ak | Mode::Sts => {}
            other => {
                return Err(ProfileError::NotStatic {
                    profile: self.describe(),
                    mode: other,
                });
            }
        }
        self.access_key(mode)
    }

    /// The profile's own AccessKey (with `sts_token` for mode `sts`): the credentials of modes
    /// `ak` and `sts`, and the source credentials of mode `ram_role_arn`.
    pub fn access_key(&self, mode: Mode) -> Result<Credentials, ProfileError> {
        let missing = |key: &'static str| ProfileError::MissingKey {
            profile: self.describe(),
            mode,
            key,
        };
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
            _ => self.sts_token.clone(),
        };
        Ok(Credentials::new(id, secret, token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

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
                .to_string()
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
                .to_string()
                .contains("has no access_key_secret")
        );
        p.mode = Some("CloudSSO".into());
        let err = p.static_credentials().unwrap_err().to_string();
        assert!(
            err.contains("CloudSSO") && err.contains("profile \"p\""),
            "{err}"
        );
        p.mode = Some("EcsRamRole".into());
        assert!(
            p.static_credentials()
                .unwrap_err()
                .to_string()
                .contains("not static")
        );
    }
}
