//! Role credentials: STS `AssumeRole` from source credentials (modes `ram_role_arn` and
//! `chainable`), and `AssumeRoleWithOIDC` from a token file (mode `oidc`, and the OIDC
//! environment variables).
//!
//! Each fetch is one STS call; caching is the `cache` module's. The token file is read through
//! the bounded reader (`config::file`, `input`). It must not read config files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use reqwest::Url;

use crate::config::error::{ConfigError, InvalidText};
use crate::config::file::read_bounded_async;
use crate::credentials::http::CredentialsHttp;
use crate::credentials::sts::{self, RoleRequest};
use crate::credentials::{BoxFuture, Credentials, ProvideCredentials};
use crate::error::Error;
use crate::secret::Secret;

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

/// The largest OIDC token file read: a token is a JWT of a few KiB.
pub(crate) const MAX_TOKEN_BYTES: u64 = 64 * 1024;

/// The token in `path`, trimmed: a regular file of at most [`MAX_TOKEN_BYTES`] of UTF-8 text,
/// read without holding up the run (a FIFO or a device is refused, not waited on).
async fn read_token(path: &Path) -> Result<Secret, ConfigError> {
    let invalid = |error| ConfigError::Invalid {
        file: TOKEN_FILE,
        path: path.to_owned(),
        error,
    };
    let file = read_bounded_async(path, TOKEN_FILE, MAX_TOKEN_BYTES)
        .await?
        .ok_or_else(|| ConfigError::NotFound {
            file: TOKEN_FILE,
            path: path.to_owned(),
            named_by: None,
            link_target: None,
        })?;
    // The bytes are not kept in the error: they are a credential.
    let text =
        String::from_utf8(file.bytes).map_err(|e| invalid(InvalidText::NotUtf8(e.utf8_error())))?;
    match text.trim() {
        "" => Err(invalid(InvalidText::Empty)),
        token => Ok(Secret::new(token)),
    }
}

/// `AssumeRoleWithOIDC` with the token in a file (read afresh each time: CI systems rotate it).
#[derive(Debug)]
pub(crate) struct AssumeRoleWithOidc {
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
            let token = read_token(&self.token_file).await?;
            sts::assume_role_with_oidc(
                &self.http,
                &self.sts,
                &self.role,
                &self.provider_arn,
                token.expose(),
            )
            .await
        })
    }
}
