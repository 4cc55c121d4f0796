//! STS calls for role credentials: `AssumeRole` (signed with the source credentials) and
//! `AssumeRoleWithOIDC` (unsigned; the OIDC token is the proof), and where STS is.
//!
//! reference/alibaba-api.md §5.5: POST, common parameters in the query, role parameters in a
//! form body, the signature over both; `rpc` builds and signs the request as it does the
//! API's, `credentials::http` sends it. Owns STS's version, its parameters and the meaning of
//! its answers. It must not cache or choose credentials.

use reqwest::Url;
use serde::Deserialize;

use crate::config::error::{ConfigError, SourceProblem};
use crate::credentials::Credentials;
use crate::credentials::http::{CredentialsHttp, TemporaryCredentials, service_url};
use crate::environment::Environment;
use crate::error::{Error, Peer};
use crate::rpc::{self, RpcRequest, Stamp};

/// The STS API version.
pub(crate) const STS_VERSION: &str = "2015-04-01";

/// What to ask of STS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRequest {
    /// RoleArn.
    pub role_arn: String,
    /// RoleSessionName.
    pub session_name: String,
    /// DurationSeconds.
    pub duration_seconds: u64,
    /// Policy.
    pub policy: Option<String>,
    /// ExternalId (AssumeRole only).
    pub external_id: Option<String>,
}

impl RoleRequest {
    /// Checks the session name and duration as STS would (so a typo is caught before a call).
    pub fn new(
        role_arn: &str,
        session_name: Option<&str>,
        duration_seconds: Option<u64>,
        policy: Option<&str>,
        external_id: Option<&str>,
    ) -> Result<Self, String> {
        if !role_arn.starts_with("acs:ram::") || !role_arn.contains(":role/") {
            return Err(format!(
                "ram_role_arn {role_arn:?} is not of the form acs:ram::<account id>:role/<role name>"
            ));
        }
        let session_name = match session_name {
            Some(s) => s.to_owned(),
            None => format!("oos-logs-{}", jiff::Timestamp::now().as_second()),
        };
        let valid = (2..=64).contains(&session_name.len())
            && session_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_'));
        if !valid {
            return Err(format!(
                "the role session name {session_name:?} must be 2 to 64 letters, digits and . @ - _"
            ));
        }
        let duration_seconds = duration_seconds.unwrap_or(3600);
        if duration_seconds < 900 {
            return Err(format!(
                "expired_seconds {duration_seconds} is below STS's minimum of 900"
            ));
        }
        Ok(Self {
            role_arn: role_arn.to_owned(),
            session_name,
            duration_seconds,
            policy: policy.map(str::to_owned),
            external_id: external_id.map(str::to_owned),
        })
    }

    fn form(&self) -> Vec<(&'static str, String)> {
        let mut form = vec![
            ("RoleArn", self.role_arn.clone()),
            ("RoleSessionName", self.session_name.clone()),
            ("DurationSeconds", self.duration_seconds.to_string()),
        ];
        if let Some(p) = &self.policy {
            form.push(("Policy", p.clone()));
        }
        form
    }
}

/// Where STS is: `ALIBABA_CLOUD_STS_ENDPOINT` > the profile's `sts_endpoint` >
/// `sts-vpc.<region>` (VPC) > `sts.<sts_region>` > `sts.aliyuncs.com`.
pub fn endpoint(
    env: &Environment,
    sts_endpoint: Option<&str>,
    sts_region: Option<&str>,
    vpc: bool,
) -> Result<Url, Error> {
    if let Some(e) = env.var("ALIBABA_CLOUD_STS_ENDPOINT").or(sts_endpoint) {
        return service_url(e, "STS endpoint", None);
    }
    let region = sts_region.or_else(|| env.var("ALIBABA_CLOUD_STS_REGION"));
    let vpc = vpc
        || env
            .var("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let host = match (region, vpc) {
        (Some(r), true) => format!("sts-vpc.{r}.aliyuncs.com"),
        (Some(r), false) => format!("sts.{r}.aliyuncs.com"),
        (None, _) => "sts.aliyuncs.com".to_owned(),
    };
    service_url(&host, "STS endpoint", None)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StsAnswer {
    credentials: Option<TemporaryCredentials>,
}

/// STS as an RPC API: its version, and no `RegionId`.
const STS: rpc::Api<'static> = rpc::Api {
    version: STS_VERSION,
    region: None,
};

/// `AssumeRole` with `source` credentials.
pub(crate) async fn assume_role(
    http: &CredentialsHttp,
    url: &Url,
    source: &Credentials,
    role: &RoleRequest,
) -> Result<Credentials, Error> {
    let mut form = role.form();
    if let Some(id) = &role.external_id {
        form.push(("ExternalId", id.clone()));
    }
    let request = RpcRequest {
        api: STS,
        action: "AssumeRole",
        query: &[],
        form: &form,
    };
    call(http, url, &request, &role.role_arn, Some(source)).await
}

/// `AssumeRoleWithOIDC` with an OIDC token.
pub(crate) async fn assume_role_with_oidc(
    http: &CredentialsHttp,
    url: &Url,
    role: &RoleRequest,
    provider_arn: &str,
    oidc_token: &str,
) -> Result<Credentials, Error> {
    let mut form = role.form();
    form.push(("OIDCProviderArn", provider_arn.to_owned()));
    form.push(("OIDCToken", oidc_token.to_owned()));
    let request = RpcRequest {
        api: STS,
        action: "AssumeRoleWithOIDC",
        query: &[],
        form: &form,
    };
    call(http, url, &request, &role.role_arn, None).await
}

/// Sends `request` (signed with `source`, or unsigned without) and reads the credentials.
async fn call(
    http: &CredentialsHttp,
    url: &Url,
    request: &RpcRequest<'_>,
    role_arn: &str,
    source: Option<&Credentials>,
) -> Result<Credentials, Error> {
    let what = format!("STS at {}", url.as_str().trim_end_matches('/'));
    let make = || {
        // Signed afresh for every attempt: a new nonce and timestamp.
        let signed = request.sign(source, &Stamp::now());
        let mut full = url.clone();
        full.set_query(Some(&signed.query));
        http.client()
            .post(full)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(signed.body.unwrap_or_default())
    };
    let reply = http.send(&make, Peer::Sts, &what).await?;
    let unusable = |problem| Error::from(ConfigError::unusable(&what, problem));
    if !(200..300).contains(&reply.status) {
        let parsed: Option<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_slice(&reply.body).ok();
        return Err(
            match parsed
                .as_ref()
                .and_then(|b| crate::api::parse_error_body(reply.status, b))
            {
                Some(api) => Error::CredentialsRejected {
                    what: format!("{what}, assuming {role_arn:?}, answered"),
                    // STS echoes its string to sign, which holds the source's SecurityToken.
                    api: Box::new(match source {
                        Some(s) => s.scrub_api(api),
                        None => api,
                    }),
                },
                None if reply.status >= 500 => Error::Service {
                    message: format!("{what} kept failing: HTTP {}", reply.status),
                    request_id: None,
                },
                None => unusable(SourceProblem::StatusWithoutCode {
                    status: reply.status,
                }),
            },
        );
    }
    let answer: StsAnswer = serde_json::from_slice(&reply.body).map_err(|error| {
        unusable(SourceProblem::NotJson {
            body: "a body",
            error,
        })
    })?;
    answer
        .credentials
        .ok_or_else(|| unusable(SourceProblem::Missing("Credentials")))?
        .into_credentials(&what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_request_rules() {
        let ok = RoleRequest::new(
            "acs:ram::1:role/r",
            Some("ci.run-1@x"),
            Some(900),
            None,
            None,
        )
        .unwrap();
        assert_eq!(ok.duration_seconds, 900);
        assert!(RoleRequest::new("arn:aws:iam::1:role/r", None, None, None, None).is_err());
        assert!(RoleRequest::new("acs:ram::1:role/r", Some("a"), None, None, None).is_err());
        assert!(
            RoleRequest::new("acs:ram::1:role/r", Some("has space"), None, None, None).is_err()
        );
        assert!(RoleRequest::new("acs:ram::1:role/r", None, Some(60), None, None).is_err());
        let default = RoleRequest::new("acs:ram::1:role/r", None, None, None, None).unwrap();
        assert!(default.session_name.starts_with("oos-logs-"));
        assert_eq!(default.duration_seconds, 3600);
    }

    #[test]
    fn endpoints() {
        let none = Environment::default();
        assert_eq!(
            endpoint(&none, None, None, false).unwrap().as_str(),
            "https://sts.aliyuncs.com/"
        );
        assert_eq!(
            endpoint(&none, None, Some("cn-beijing"), false)
                .unwrap()
                .as_str(),
            "https://sts.cn-beijing.aliyuncs.com/"
        );
        assert_eq!(
            endpoint(&none, None, Some("cn-beijing"), true)
                .unwrap()
                .as_str(),
            "https://sts-vpc.cn-beijing.aliyuncs.com/"
        );
        assert_eq!(
            endpoint(&none, Some("sts.example.com"), None, false)
                .unwrap()
                .as_str(),
            "https://sts.example.com/"
        );
        let env = Environment::from_vars([("ALIBABA_CLOUD_STS_ENDPOINT", "http://127.0.0.1:9")]);
        assert_eq!(
            endpoint(&env, Some("sts.example.com"), None, false)
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9/"
        );
        let env =
            Environment::from_vars([("ALIBABA_CLOUD_STS_ENDPOINT", "http://sts.example.com")]);
        assert!(
            endpoint(&env, None, None, false).is_err(),
            "plain http only to loopback"
        );
    }
}
