//! The emulator's STS: `AssumeRole` (AccessKey-signed) and `AssumeRoleWithOIDC` (unsigned),
//! with the service's parameter rules and error codes. Credentials it issues are accepted by
//! the emulator's OOS actions until they expire.
//!
//! It must not authenticate requests (auth does) nor keep the issued keys (the server does).

use std::collections::HashMap;

use serde_json::json;

use super::ErrorReply;
use super::actions::required;
use super::auth::AccessKey;

/// The STS API version.
pub const STS_VERSION: &str = "2015-04-01";
/// A role the emulator lets anyone assume.
pub const DEMO_ROLE_ARN: &str = "acs:ram::1234567890123456:role/oos-reader";
/// A role that exists but refuses to be assumed (NoPermission).
pub const DENIED_ROLE_ARN: &str = "acs:ram::1234567890123456:role/no-access";
/// The OIDC provider the emulator trusts.
pub const DEMO_OIDC_PROVIDER_ARN: &str = "acs:ram::1234567890123456:oidc-provider/ci";
/// The OIDC token it accepts (a stand-in for a signed JWT).
pub const DEMO_OIDC_TOKEN: &str =
    "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.ZGVtby1vaWRjLXNpZ25hdHVyZQ";

/// Checks the parameters both actions share; returns the session name and duration.
fn check_role_params(params: &HashMap<String, String>) -> Result<(String, u64), ErrorReply> {
    let role_arn = required(params, "RoleArn")?;
    let session = required(params, "RoleSessionName")?;
    let valid_session = (2..=64).contains(&session.len())
        && session
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_'));
    if !valid_session {
        return Err(ErrorReply::new(
            400,
            "InvalidParameter.RoleSessionName",
            "The parameter RoleSessionName is wrongly formed: 2 to 64 letters, digits and . @ - _",
        ));
    }
    let duration = match params.get("DurationSeconds") {
        None => 3600,
        Some(d) => d
            .parse::<u64>()
            .ok()
            .filter(|d| (900..=43_200).contains(d))
            .ok_or_else(|| {
                ErrorReply::new(
                    400,
                    "InvalidParameter.DurationSeconds",
                    "The Min/Max value of DurationSeconds is 15min/12hr.",
                )
            })?,
    };
    if let Some(external_id) = params.get("ExternalId")
        && !(2..=1224).contains(&external_id.len())
    {
        return Err(ErrorReply::invalid_parameter("ExternalId"));
    }
    if role_arn == DENIED_ROLE_ARN {
        return Err(ErrorReply::new(
            403,
            "NoPermission",
            "You are not authorized to do this action. You should be authorized by RAM.",
        ));
    }
    if role_arn != DEMO_ROLE_ARN {
        return Err(ErrorReply::new(
            404,
            "EntityNotExist.Role",
            &format!("The role not exists: {role_arn}."),
        ));
    }
    Ok((session.to_owned(), duration))
}

/// Mints temporary credentials valid for `duration` seconds.
pub fn mint(duration: u64) -> AccessKey {
    let id = uuid::Uuid::new_v4().simple().to_string();
    AccessKey {
        id: format!("STS.{}", &id[..20]),
        secret: uuid::Uuid::new_v4().simple().to_string(),
        security_token: Some(format!("CAIS{}", uuid::Uuid::new_v4().simple())),
        expires: Some(jiff::Timestamp::now() + jiff::SignedDuration::from_secs(duration as i64)),
    }
}

fn reply(request_id: &str, key: &AccessKey, session: &str) -> String {
    let expiration = key
        .expires
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
    json!({
        "RequestId": request_id,
        "AssumedRoleUser": {
            "Arn": format!("acs:ram::1234567890123456:assumed-role/oos-reader/{session}"),
            "AssumedRoleId": format!("300000000000000000:{session}"),
        },
        "Credentials": {
            "AccessKeyId": key.id,
            "AccessKeySecret": key.secret,
            "SecurityToken": key.security_token,
            "Expiration": expiration,
        },
    })
    .to_string()
}

/// `AssumeRole` (already authenticated): the response body and the key it minted.
pub fn assume_role(
    params: &HashMap<String, String>,
    request_id: &str,
) -> Result<(String, AccessKey), ErrorReply> {
    let (session, duration) = check_role_params(params)?;
    if let Some(policy) = params.get("Policy")
        && (policy.is_empty()
            || policy.len() > 2048
            || serde_json::from_str::<serde_json::Value>(policy).is_err())
    {
        return Err(ErrorReply::new(
            400,
            "InvalidParameter.PolicyGrammar",
            "The policy grammar is invalid.",
        ));
    }
    let key = mint(duration);
    Ok((reply(request_id, &key, &session), key))
}

/// `AssumeRoleWithOIDC` (not signed): the response body and the key it minted.
pub fn assume_role_with_oidc(
    params: &HashMap<String, String>,
    request_id: &str,
) -> Result<(String, AccessKey), ErrorReply> {
    let provider = required(params, "OIDCProviderArn")?;
    let token = required(params, "OIDCToken")?;
    let (session, duration) = check_role_params(params)?;
    if provider != DEMO_OIDC_PROVIDER_ARN {
        return Err(ErrorReply::new(
            404,
            "EntityNotExist.OIDCProvider",
            &format!("The OIDC provider not exists: {provider}."),
        ));
    }
    if token.trim() != DEMO_OIDC_TOKEN {
        return Err(ErrorReply::new(
            400,
            "AuthenticationFail.OIDCToken.Invalid",
            "The OIDC token is invalid.",
        ));
    }
    let key = mint(duration);
    Ok((reply(request_id, &key, &session), key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn assume_role_mints_credentials() {
        let (body, key) = assume_role(
            &params(&[
                ("RoleArn", DEMO_ROLE_ARN),
                ("RoleSessionName", "oos-logs"),
                ("DurationSeconds", "900"),
            ]),
            "R",
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["Credentials"]["AccessKeyId"], key.id.as_str());
        assert!(key.id.starts_with("STS."));
        assert!(
            v["Credentials"]["Expiration"]
                .as_str()
                .unwrap()
                .ends_with('Z')
        );
    }

    #[test]
    fn role_rules_and_errors() {
        let code = |p: &[(&str, &str)]| assume_role(&params(p), "R").unwrap_err().code;
        assert_eq!(code(&[("RoleSessionName", "s1")]), "MissingParameter");
        assert_eq!(
            code(&[("RoleArn", DEMO_ROLE_ARN), ("RoleSessionName", "x")]),
            "InvalidParameter.RoleSessionName"
        );
        assert_eq!(
            code(&[("RoleArn", DEMO_ROLE_ARN), ("RoleSessionName", "a b")]),
            "InvalidParameter.RoleSessionName"
        );
        assert_eq!(
            code(&[
                ("RoleArn", DEMO_ROLE_ARN),
                ("RoleSessionName", "ok"),
                ("DurationSeconds", "60")
            ]),
            "InvalidParameter.DurationSeconds"
        );
        assert_eq!(
            code(&[("RoleArn", DENIED_ROLE_ARN), ("RoleSessionName", "ok")]),
            "NoPermission"
        );
        assert_eq!(
            code(&[("RoleArn", "acs:ram::1:role/x"), ("RoleSessionName", "ok")]),
            "EntityNotExist.Role"
        );
    }

    #[test]
    fn oidc_checks_provider_and_token() {
        let base = [
            ("RoleArn", DEMO_ROLE_ARN),
            ("RoleSessionName", "ci"),
            ("OIDCProviderArn", DEMO_OIDC_PROVIDER_ARN),
        ];
        let mut good = base.to_vec();
        good.push(("OIDCToken", DEMO_OIDC_TOKEN));
        assert!(assume_role_with_oidc(&params(&good), "R").is_ok());
        let mut bad = base.to_vec();
        bad.push(("OIDCToken", "forged"));
        assert_eq!(
            assume_role_with_oidc(&params(&bad), "R").unwrap_err().code,
            "AuthenticationFail.OIDCToken.Invalid"
        );
    }
}
