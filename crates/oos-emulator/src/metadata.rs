//! The emulator's ECS instance metadata service (the part credentials need): the session
//! token (`PUT /latest/api/token`), role discovery and the role's temporary credentials
//! (reference/alibaba-api.md §5.6).
//!
//! It must not handle RPC requests.

use serde_json::json;

use super::auth::AccessKey;

/// The role attached to the emulated instance.
pub const DEMO_ECS_ROLE: &str = "EcsRamRoleDemo";
/// The header that asks for a metadata token, with its lifetime in seconds.
pub const TOKEN_TTL_HEADER: &str = "x-aliyun-ecs-metadata-token-ttl-seconds";
/// The header that carries the metadata token.
pub const TOKEN_HEADER: &str = "x-aliyun-ecs-metadata-token";

/// How the metadata service treats session tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TokenMode {
    /// Security-hardening mode: every GET needs a token from `PUT /latest/api/token`.
    #[default]
    Required,
    /// An older service: no tokens (the PUT answers 404), GETs need none.
    Unsupported,
}

/// A metadata answer: status, content type, body, and a key if credentials were handed out.
#[derive(Debug)]
pub struct MetadataReply {
    /// HTTP status.
    pub status: u16,
    /// Content type.
    pub content_type: &'static str,
    /// Body.
    pub body: String,
    /// Credentials handed out, which the OOS actions must then accept.
    pub minted: Option<AccessKey>,
    /// A session token was handed out.
    pub token_issued: bool,
}

fn text(status: u16, body: &str) -> MetadataReply {
    MetadataReply {
        status,
        content_type: "text/plain",
        body: body.to_owned(),
        minted: None,
        token_issued: false,
    }
}

/// Answers `method path` given the two metadata headers; `issued_tokens` are the tokens handed
/// out so far (a token the service did not issue is refused).
pub fn answer(
    mode: TokenMode,
    method: &str,
    path: &str,
    ttl: Option<&str>,
    token: Option<&str>,
    issued_tokens: &mut Vec<String>,
) -> MetadataReply {
    let is_token_request = (method, path) == ("PUT", "/latest/api/token");
    if mode == TokenMode::Unsupported && is_token_request {
        return text(404, "404 - Not Found");
    }
    match token {
        Some(token) if !issued_tokens.iter().any(|t| t == token) => {
            return text(401, "invalid metadata token");
        }
        None if mode == TokenMode::Required && !is_token_request => {
            return text(
                401,
                "a metadata token is required (security hardening mode)",
            );
        }
        _ => {}
    }
    match (method, path) {
        ("PUT", "/latest/api/token") => match ttl.and_then(|t| t.parse::<u32>().ok()) {
            Some(1..=21_600) => {
                let token = format!("AQAE{}", uuid::Uuid::new_v4().simple());
                issued_tokens.push(token.clone());
                MetadataReply {
                    token_issued: true,
                    ..text(200, &token)
                }
            }
            _ => text(
                400,
                "missing or invalid X-aliyun-ecs-metadata-token-ttl-seconds",
            ),
        },
        (
            "GET",
            "/latest/meta-data/ram/security-credentials/"
            | "/latest/meta-data/ram/security-credentials",
        ) => text(200, DEMO_ECS_ROLE),
        ("GET", p) => match p.strip_prefix("/latest/meta-data/ram/security-credentials/") {
            Some(DEMO_ECS_ROLE) => {
                let key = super::sts::mint(6 * 3600);
                let body = json!({
                    "AccessKeyId": key.id,
                    "AccessKeySecret": key.secret,
                    "SecurityToken": key.security_token,
                    "Expiration": key.expires.map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
                    "LastUpdated": jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    "Code": "Success",
                })
                .to_string();
                MetadataReply {
                    status: 200,
                    content_type: "application/json",
                    body,
                    minted: Some(key),
                    token_issued: false,
                }
            }
            _ => text(404, "404 - Not Found"),
        },
        _ => text(404, "404 - Not Found"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_role_and_credentials() {
        let mut tokens = Vec::new();
        let answer =
            |m: &str, p: &str, ttl: Option<&str>, tok: Option<&str>, tokens: &mut Vec<String>| {
                answer(TokenMode::Required, m, p, ttl, tok, tokens)
            };
        let t = answer("PUT", "/latest/api/token", Some("21600"), None, &mut tokens);
        assert_eq!(t.status, 200);
        assert_eq!(
            answer("PUT", "/latest/api/token", Some("0"), None, &mut tokens).status,
            400
        );
        let role = answer(
            "GET",
            "/latest/meta-data/ram/security-credentials/",
            None,
            Some(&t.body),
            &mut tokens,
        );
        assert_eq!(role.body, DEMO_ECS_ROLE);
        let creds = answer(
            "GET",
            "/latest/meta-data/ram/security-credentials/EcsRamRoleDemo",
            None,
            Some(&t.body),
            &mut tokens,
        );
        assert!(creds.minted.is_some());
        assert!(creds.body.contains("\"Code\":\"Success\""));
        assert_eq!(
            answer(
                "GET",
                "/latest/meta-data/ram/security-credentials/Other",
                None,
                Some(&t.body),
                &mut tokens
            )
            .status,
            404
        );
        let bare = answer(
            "GET",
            "/latest/meta-data/ram/security-credentials/",
            None,
            None,
            &mut tokens,
        );
        assert_eq!(bare.status, 401, "hardened mode: a token is required");
        let old = super::answer(
            TokenMode::Unsupported,
            "PUT",
            "/latest/api/token",
            Some("60"),
            None,
            &mut tokens,
        );
        assert_eq!(old.status, 404);
        let v1 = super::answer(
            TokenMode::Unsupported,
            "GET",
            "/latest/meta-data/ram/security-credentials/",
            None,
            None,
            &mut tokens,
        );
        assert_eq!(v1.body, DEMO_ECS_ROLE);
        assert_eq!(
            answer(
                "GET",
                "/latest/meta-data/ram/security-credentials/",
                None,
                Some("forged"),
                &mut tokens
            )
            .status,
            401
        );
    }
}
