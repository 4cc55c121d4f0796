//! Role credentials: STS `AssumeRole` from source credentials (modes `ram_role_arn` and
//! `chainable`), and `AssumeRoleWithOIDC` from a token file (mode `oidc`, and the OIDC
//! environment variables).
//!
//! Each fetch is one STS call; caching is the `cache` module's. It must not read config files.

use std::path::PathBuf;
use std::sync::Arc;

use reqwest::Url;

use crate::config::error::{ConfigError, InvalidText};
use crate::credentials::http::CredentialsHttp;
use crate::credentials::sts::{self, RoleRequest};
use crate::credentials::{BoxFuture, Credentials, ProvideCredentials};
use crate::error::Error;

/// `AssumeRole` with the credentials of another provider.
#[derive(Debug)]
pub struct AssumeRole {
    /// Where the source credentials come from.
    pub source: Arc<dyn ProvideCredentials>,
    /// The role and session.
    pub role: RoleRequest,
    /// STS.
    pub sts: Url,
    /// HTTP.
    pub http: CredentialsHttp,
}

impl ProvideCredentials for AssumeRole {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(async move {
            let source = self.source.provide().await?;
            sts::assume_role(&self.http, &self.sts, &source, &self.role).await
        })
    }
}

/// What messages call the OIDC token file.
const TOKEN_FILE: &str = "OIDC token file";

/// `AssumeRoleWithOIDC` with the token in a file (read afresh each time: CI systems rotate it).
#[derive(Debug)]
pub struct AssumeRoleWithOidc {
    /// The role and session.
    pub role: RoleRequest,
    /// `oidc_provider_arn`.
    pub provider_arn: String,
    /// `oidc_token_file`.
    pub token_file: PathBuf,
    /// STS.
    pub sts: Url,
    /// HTTP.
    pub http: CredentialsHttp,
}

impl ProvideCredentials for AssumeRoleWithOidc {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(async move {
            let token = std::fs::read_to_string(&self.token_file).map_err(|source| {
                ConfigError::Unreadable {
                    file: TOKEN_FILE,
                    path: self.token_file.clone(),
                    source,
                }
            })?;
            let token = token.trim();
            if token.is_empty() {
                return Err(ConfigError::Invalid {
                    file: TOKEN_FILE,
                    path: self.token_file.clone(),
                    error: InvalidText::Empty,
                }
                .into());
            }
            sts::assume_role_with_oidc(&self.http, &self.sts, &self.role, &self.provider_arn, token)
                .await
        })
    }
}
