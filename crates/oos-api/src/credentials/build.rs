//! Turning the chain's choice into a provider: static credentials as they are; role, OIDC,
//! ECS, external and URI credentials behind a cache.
//!
//! It must not decide which source wins (the chain does) and does no HTTP itself (the
//! providers do, when asked).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::config::error::ConfigError;
use crate::config::profile::{Mode, Profile, ProfileError};
use crate::credentials::cache::{Cached, cache_file};
use crate::credentials::chain::{Choice, Selection};
use crate::credentials::ecs_metadata::{DEFAULT_METADATA_ENDPOINT, EcsMetadata, METADATA_HOST};
use crate::credentials::http::{CredentialsHttp, service_url};
use crate::credentials::process::ExternalProcess;
use crate::credentials::role::{AssumeRole, AssumeRoleWithOidc};
use crate::credentials::sts::{self, RoleRequest};
use crate::credentials::uri::CredentialsUri;
use crate::credentials::{Credentials, ProvideCredentials, StaticCredentials};
use crate::environment::Environment;
use crate::error::Error;

/// How providers are built.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Keep temporary credentials on disk between runs.
    pub disk_cache: bool,
    /// Connect timeout of credential services.
    pub connect_timeout: Duration,
    /// Read timeout of credential services (and the time an external command may take).
    pub read_timeout: Duration,
    /// Retries of transient failures of credential services.
    pub retries: u32,
    /// Where `-v` lines go: credential requests are traced too.
    pub trace: crate::trace::Trace,
    /// Size cap and total deadline of credential services' answers.
    pub limits: crate::client::Limits,
}

/// What the chain found, ready to use.
#[derive(Debug)]
pub struct Resolved {
    /// The provider the client asks before every attempt.
    pub provider: Arc<dyn ProvideCredentials>,
    /// The profile used, whose region, endpoint and output settings apply.
    pub profile: Option<Profile>,
    /// Where the credentials come from, for `-v`.
    pub source: String,
    /// Warnings for stderr.
    pub warnings: Vec<String>,
}

struct Builder<'a> {
    env: &'a Environment,
    options: &'a BuildOptions,
    http: std::sync::OnceLock<CredentialsHttp>,
}

impl Builder<'_> {
    /// The HTTP client of credential services, built on first use: static credentials need
    /// none, and building one loads the system's trust store.
    fn http(&self) -> Result<CredentialsHttp, Error> {
        if let Some(http) = self.http.get() {
            return Ok(http.clone());
        }
        let http = CredentialsHttp::new(
            self.options.connect_timeout,
            self.options.read_timeout,
            self.options.retries,
            self.options.trace.clone(),
        )?
        .with_limits(self.options.limits);
        Ok(self.http.get_or_init(|| http).clone())
    }

    fn cached(&self, inner: Arc<dyn ProvideCredentials>, key: &str) -> Arc<dyn ProvideCredentials> {
        let file = self
            .options
            .disk_cache
            .then(|| self.env.cache_dir.as_deref().map(|d| cache_file(d, key)))
            .flatten();
        Arc::new(Cached::new(inner, file))
    }

    fn oidc(
        &self,
        role: RoleRequest,
        session: String,
        provider_arn: &str,
        token_file: &str,
        sts: reqwest::Url,
    ) -> Result<(Arc<dyn ProvideCredentials>, String), Error> {
        let identity = format!(
            "oidc\n{}\n{provider_arn}\n{token_file}\n{sts}\n{session}",
            role.role_arn
        );
        let inner = Arc::new(AssumeRoleWithOidc {
            role,
            provider_arn: provider_arn.to_owned(),
            token_file: PathBuf::from(token_file),
            sts,
            http: self.http()?,
        });
        Ok((self.cached(inner, &identity), identity))
    }

    fn ecs(&self, role: Option<&str>) -> Result<(Arc<dyn ProvideCredentials>, String), Error> {
        let base = self
            .env
            .var("OOS_LOGS_METADATA_ENDPOINT")
            .unwrap_or(DEFAULT_METADATA_ENDPOINT);
        let base = service_url(base, "OOS_LOGS_METADATA_ENDPOINT", Some(METADATA_HOST))?;
        let key = format!("ecs\n{base}\n{}", role.unwrap_or(""));
        let inner = Arc::new(EcsMetadata {
            base,
            role: role.map(str::to_owned),
            require_token: self
                .env
                .var("ALIBABA_CLOUD_IMDSV1_DISABLED")
                .is_some_and(|v| v.eq_ignore_ascii_case("true")),
            http: self.http()?,
        });
        Ok((self.cached(inner, &key), key))
    }

    fn uri(&self, uri: &str) -> Result<(Arc<dyn ProvideCredentials>, String), Error> {
        let url = service_url(uri, "credentials_uri", None)?;
        let key = format!("uri\n{url}");
        let provider = self.cached(
            Arc::new(CredentialsUri {
                uri: url,
                http: self.http()?,
            }),
            &key,
        );
        Ok((provider, key))
    }

    fn role_request(profile: &Profile) -> Result<RoleRequest, Error> {
        let arn = profile
            .ram_role_arn
            .as_deref()
            .ok_or_else(|| ConfigError::MissingValue {
                place: profile.describe(),
                key: "ram_role_arn",
            })?;
        RoleRequest::new(
            arn,
            profile.ram_session_name.as_deref(),
            profile.expired_seconds,
            profile.policy.as_deref(),
            profile.external_id.as_deref(),
        )
        .map_err(|reason| {
            ConfigError::InvalidValue {
                place: profile.describe(),
                key: None,
                reason,
            }
            .into()
        })
    }

    fn sts_url(&self, profile: &Profile) -> Result<reqwest::Url, Error> {
        let vpc = profile.enable_vpc
            || profile
                .endpoint_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("vpc"));
        let region = profile.sts_region.as_deref().or(if vpc {
            profile.region_id.as_deref()
        } else {
            None
        });
        sts::endpoint(self.env, profile.sts_endpoint.as_deref(), region, vpc)
    }

    /// The provider of `profile`, and the identity of the credentials it gives (what the
    /// cache is keyed on: every setting that changes them, the source's identity included, so a
    /// changed key, role or STS endpoint never reuses old credentials). `chain` holds the names
    /// of the `source_profile` chain so far.
    fn profile(
        &self,
        profile: &Profile,
        siblings: &[Profile],
        chain: &mut Vec<String>,
    ) -> Result<(Arc<dyn ProvideCredentials>, String), Error> {
        if chain.contains(&profile.name) {
            chain.push(profile.name.clone());
            return Err(ConfigError::SourceProfileCycle {
                path: profile.file.clone(),
                chain: chain.clone(),
            }
            .into());
        }
        chain.push(profile.name.clone());
        let mode = profile.resolved_mode()?;
        let missing = |key| ProfileError::MissingKey {
            profile: profile.describe(),
            mode,
            key,
        };
        match mode {
            Mode::Ak | Mode::Sts => {
                let creds = profile.static_credentials()?;
                let identity = static_identity(&creds);
                Ok((Arc::new(StaticCredentials(creds)), identity))
            }
            Mode::RamRoleArn => {
                let source = profile.access_key(mode)?;
                let source_identity = static_identity(&source);
                self.assume_role(
                    profile,
                    Arc::new(StaticCredentials(source)),
                    &source_identity,
                )
            }
            Mode::Chainable => {
                let name = profile
                    .source_profile
                    .as_deref()
                    .ok_or_else(|| missing("source_profile"))?;
                let source_profile = siblings.iter().find(|p| p.name == name).ok_or_else(|| {
                    ConfigError::SourceProfileMissing {
                        profile: profile.describe(),
                        name: name.to_owned(),
                        path: profile.file.clone(),
                    }
                })?;
                let (source, source_identity) = self.profile(source_profile, siblings, chain)?;
                self.assume_role(profile, source, &source_identity)
            }
            Mode::Oidc => {
                let provider_arn = profile
                    .oidc_provider_arn
                    .as_deref()
                    .ok_or_else(|| missing("oidc_provider_arn"))?;
                let token_file = profile
                    .oidc_token_file
                    .as_deref()
                    .ok_or_else(|| missing("oidc_token_file"))?;
                self.oidc(
                    Self::role_request(profile)?,
                    describe_session(profile),
                    provider_arn,
                    token_file,
                    self.sts_url(profile)?,
                )
            }
            Mode::EcsRamRole => self.ecs(profile.ram_role_name.as_deref()),
            Mode::External => {
                let command = profile
                    .process_command
                    .clone()
                    .ok_or_else(|| missing("process_command"))?;
                let identity = format!("external\n{command}");
                Ok((
                    self.cached(
                        Arc::new(ExternalProcess {
                            command,
                            timeout: self.options.read_timeout,
                        }),
                        &identity,
                    ),
                    identity,
                ))
            }
            Mode::CredentialsUri => {
                let uri = profile
                    .credentials_uri
                    .as_deref()
                    .ok_or_else(|| missing("credentials_uri"))?;
                self.uri(uri)
            }
        }
    }

    fn assume_role(
        &self,
        profile: &Profile,
        source: Arc<dyn ProvideCredentials>,
        source_identity: &str,
    ) -> Result<(Arc<dyn ProvideCredentials>, String), Error> {
        let role = Self::role_request(profile)?;
        let sts = self.sts_url(profile)?;
        let identity = format!(
            "role\n{}\n{sts}\n{}\nsource: {source_identity}",
            role.role_arn,
            describe_session(profile)
        );
        let inner = Arc::new(AssumeRole {
            source,
            role,
            sts,
            http: self.http()?,
        });
        Ok((self.cached(inner, &identity), identity))
    }
}

/// The identity of static credentials: the key id and a digest of the secret and token (only
/// ever hashed into a cache file name, never written).
fn static_identity(creds: &Credentials) -> String {
    use sha1::Digest as _;
    let mut hasher = sha1::Sha1::new();
    hasher.update(creds.access_key_secret.expose().as_bytes());
    hasher.update(b"\n");
    if let Some(token) = &creds.security_token {
        hasher.update(token.expose().as_bytes());
    }
    let digest: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("static\n{}\n{digest}", creds.access_key_id)
}

fn describe_session(profile: &Profile) -> String {
    format!(
        "{}\n{}\n{}\n{}",
        profile.ram_session_name.as_deref().unwrap_or("(default)"),
        profile.expired_seconds.unwrap_or(0),
        profile.policy.as_deref().unwrap_or(""),
        profile.external_id.as_deref().unwrap_or("")
    )
}

/// Builds the provider for the chain's choice.
pub fn build(
    selection: Selection,
    env: &Environment,
    options: &BuildOptions,
) -> Result<Resolved, Error> {
    let builder = Builder {
        env,
        options,
        http: std::sync::OnceLock::new(),
    };
    let (provider, profile): (Arc<dyn ProvideCredentials>, Option<Profile>) = match selection.choice
    {
        Choice::Environment(creds) => (Arc::new(StaticCredentials(creds)), None),
        Choice::EnvironmentOidc {
            role_arn,
            provider_arn,
            token_file,
            session_name,
        } => {
            let role = RoleRequest::new(&role_arn, session_name.as_deref(), None, None, None)
                .map_err(|reason| ConfigError::InvalidValue {
                    place: "the OIDC role in the environment".to_owned(),
                    key: None,
                    reason,
                })?;
            let sts = sts::endpoint(env, None, None, false)?;
            let session = session_name.unwrap_or_else(|| "(default)".to_owned());
            (
                builder
                    .oidc(role, session, &provider_arn, &token_file, sts)?
                    .0,
                None,
            )
        }
        Choice::Profile { profile, siblings } => {
            let (provider, _) = builder.profile(&profile, &siblings, &mut Vec::new())?;
            (provider, Some(*profile))
        }
        Choice::EcsMetadata { role } => (builder.ecs(Some(&role))?.0, None),
        Choice::CredentialsUri(uri) => (builder.uri(&uri)?.0, None),
    };
    Ok(Resolved {
        provider,
        profile,
        source: selection.source,
        warnings: selection.warnings,
    })
}
