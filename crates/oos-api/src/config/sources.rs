//! The sources of credentials, in the chain's order, and what the environment says about
//! each: the one list both the credential chain and `profiles` walk.
//!
//! Owns the environment variable names of credentials and the order of sources (README
//! "Credentials and configuration"). It only reads the environment snapshot: it must not read
//! files (`Files` does), build credentials nor do HTTP.

use crate::config::ConfigFile;
use crate::environment::Environment;

/// Environment variable names (reference/alibaba-api.md §5.2).
pub(crate) const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The AccessKeySecret variable.
pub(crate) const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The SecurityToken variable.
pub(crate) const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
/// The older spelling of the AccessKeyId variable.
pub(crate) const ENV_ACCESS_KEY_ID_ALIAS: &str = "ALICLOUD_ACCESS_KEY_ID";
/// The older spelling of the AccessKeySecret variable.
pub(crate) const ENV_ACCESS_KEY_SECRET_ALIAS: &str = "ALICLOUD_ACCESS_KEY_SECRET";
/// The older spelling of the SecurityToken variable.
pub(crate) const ENV_SECURITY_TOKEN_ALIAS: &str = "ALICLOUD_SECURITY_TOKEN";
/// The OIDC role variables.
pub const ENV_ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
/// The OIDC provider variable.
pub(crate) const ENV_OIDC_PROVIDER_ARN: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
/// The OIDC token file variable.
pub(crate) const ENV_OIDC_TOKEN_FILE: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
/// The role session name of the OIDC role.
pub(crate) const ENV_ROLE_SESSION_NAME: &str = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
/// The ECS role variable: naming a role turns the metadata service on.
pub const ENV_ECS_METADATA: &str = "ALIBABA_CLOUD_ECS_METADATA";
/// The credentials URI variable.
pub const ENV_CREDENTIALS_URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

/// A source of credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The environment's AccessKey.
    EnvironmentKey,
    /// The environment's OIDC role.
    EnvironmentOidc,
    /// A config file's own profile (any profile of it, when one is pinned).
    File(ConfigFile),
    /// The ECS metadata service, when `ALIBABA_CLOUD_ECS_METADATA` names the role.
    EcsMetadata,
    /// `ALIBABA_CLOUD_CREDENTIALS_URI`.
    CredentialsUri,
}

/// Every source, in the chain's order (first match wins).
pub const CHAIN: [Source; 7] = [
    Source::EnvironmentKey,
    Source::EnvironmentOidc,
    Source::File(ConfigFile::Oos),
    Source::File(ConfigFile::Aliyun),
    Source::File(ConfigFile::Ini),
    Source::EcsMetadata,
    Source::CredentialsUri,
];

/// What the environment's AccessKey variables hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvKey<'a> {
    /// Both the id and the secret (and maybe a token), untrimmed.
    Set {
        /// The AccessKeyId.
        id: &'a str,
        /// The AccessKeySecret.
        secret: &'a str,
        /// The SecurityToken.
        token: Option<&'a str>,
    },
    /// The id without the secret.
    IdOnly,
    /// The secret without the id.
    SecretOnly,
    /// Neither.
    Unset,
}

/// The environment's AccessKey (either spelling of the variables).
pub fn env_key(env: &Environment) -> EnvKey<'_> {
    let id = env.first_var(&[ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_ID_ALIAS]);
    let secret = env.first_var(&[ENV_ACCESS_KEY_SECRET, ENV_ACCESS_KEY_SECRET_ALIAS]);
    match (id, secret) {
        (Some(id), Some(secret)) => EnvKey::Set {
            id,
            secret,
            token: env.first_var(&[ENV_SECURITY_TOKEN, ENV_SECURITY_TOKEN_ALIAS]),
        },
        (Some(_), None) => EnvKey::IdOnly,
        (None, Some(_)) => EnvKey::SecretOnly,
        (None, None) => EnvKey::Unset,
    }
}

/// What the environment's OIDC variables hold: a role needs all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvOidc<'a> {
    /// All three, untrimmed.
    Set {
        /// `ALIBABA_CLOUD_ROLE_ARN`.
        role_arn: &'a str,
        /// `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`.
        provider_arn: &'a str,
        /// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`.
        token_file: &'a str,
    },
    /// Some but not all.
    Partial,
    /// None of them.
    Unset,
}

/// The environment's OIDC role.
pub fn env_oidc(env: &Environment) -> EnvOidc<'_> {
    match [ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE].map(|n| env.var(n)) {
        [Some(role_arn), Some(provider_arn), Some(token_file)] => EnvOidc::Set {
            role_arn,
            provider_arn,
            token_file,
        },
        [None, None, None] => EnvOidc::Unset,
        _ => EnvOidc::Partial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oidc_needs_all_three_variables() {
        let two = Environment::from_vars([
            (ENV_ROLE_ARN, "acs:ram::1:role/r"),
            (ENV_OIDC_PROVIDER_ARN, "acs:ram::1:oidc-provider/p"),
        ]);
        assert_eq!(env_oidc(&two), EnvOidc::Partial);
        let three = Environment::from_vars([
            (ENV_ROLE_ARN, "acs:ram::1:role/r"),
            (ENV_OIDC_PROVIDER_ARN, "acs:ram::1:oidc-provider/p"),
            (ENV_OIDC_TOKEN_FILE, "/t"),
        ]);
        assert!(matches!(
            env_oidc(&three),
            EnvOidc::Set {
                token_file: "/t",
                ..
            }
        ));
        assert_eq!(
            env_oidc(&Environment::from_vars(std::iter::empty::<(&str, &str)>())),
            EnvOidc::Unset
        );
    }

    #[test]
    fn either_spelling_of_the_key_counts() {
        let env = Environment::from_vars([
            (ENV_ACCESS_KEY_ID_ALIAS, "LTAIalias0000001"),
            (ENV_ACCESS_KEY_SECRET, "s"),
        ]);
        assert!(matches!(
            env_key(&env),
            EnvKey::Set {
                id: "LTAIalias0000001",
                token: None,
                ..
            }
        ));
        let half = Environment::from_vars([(ENV_ACCESS_KEY_SECRET, "s")]);
        assert_eq!(env_key(&half), EnvKey::SecretOnly);
    }
}
