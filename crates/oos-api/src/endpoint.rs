//! The API endpoint: parsing `--endpoint` values and the loopback-only rule for plain HTTP.
//!
//! Owns DESIGN §3's endpoint rules: a bare host means `https://host`, a full URL is used as
//! given, `http://` only to loopback (an STS token must never travel in clear). It must not
//! resolve names or open connections.

use std::net::IpAddr;

use reqwest::Url;

/// A validated endpoint URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The base URL; requests go to it with the signed query added.
    pub url: Url,
}

impl Endpoint {
    /// Parses a host (`oos.cn-hangzhou.aliyuncs.com`, `127.0.0.1:8080`) or a URL.
    pub fn parse(value: &str) -> Result<Self, String> {
        let raw_value = value.trim();
        let value = raw_value;
        if value.is_empty() {
            return Err("the endpoint is empty".to_owned());
        }
        // Every message shows the value without its userinfo: it may hold a password.
        let shown = without_userinfo(value);
        let value = shown.as_str();
        let text = if raw_value.contains("://") {
            raw_value.to_owned()
        } else {
            format!("https://{raw_value}")
        };
        let url = Url::parse(&text).map_err(|e| format!("invalid endpoint {value:?}: {e}"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "invalid endpoint {value:?}: it must not hold a user name or password (requests are signed with the AccessKey; a password in a URL would be shown in traces)"
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(format!("invalid endpoint {value:?}: no host"));
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback_host(&url) => {}
            "http" => {
                return Err(format!(
                    "refusing plain http to {value:?}: requests carry credentials (and STS tokens), so http is allowed only to loopback (127.0.0.0/8, ::1, localhost); use https"
                ));
            }
            other => {
                return Err(format!(
                    "invalid endpoint {value:?}: scheme {other:?} is not http or https"
                ));
            }
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "invalid endpoint {value:?}: it must not have a query or fragment"
            ));
        }
        Ok(Self { url })
    }

    /// The public or VPC endpoint of a region: `oos[-vpc].<region>.aliyuncs.com`.
    pub fn for_region(region: &str, vpc: bool) -> Result<Self, String> {
        if region.is_empty()
            || !region
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(format!(
                "invalid region id {region:?}: expected something like cn-hangzhou"
            ));
        }
        let host = if vpc {
            format!("oos-vpc.{region}.aliyuncs.com")
        } else {
            format!("oos.{region}.aliyuncs.com")
        };
        Self::parse(&host)
    }

    /// Whether the endpoint is on this machine (where plain http is allowed).
    pub(crate) fn is_loopback(&self) -> bool {
        is_loopback_host(&self.url)
    }
}

/// `text` with the userinfo of its URL (`user:password@`) replaced by `***`, for messages.
pub(crate) fn without_userinfo(text: &str) -> String {
    let (scheme, rest) = match text.find("://") {
        Some(i) => text.split_at(i + 3),
        None => ("", text),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}***{}", &rest[at..]),
        None => text.to_owned(),
    }
}

fn is_loopback_host(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_host_means_https() {
        let e = Endpoint::parse("oos.cn-hangzhou.aliyuncs.com").unwrap();
        assert_eq!(e.url.as_str(), "https://oos.cn-hangzhou.aliyuncs.com/");
        assert!(!e.is_loopback());
    }

    #[test]
    fn http_only_to_loopback() {
        assert!(
            Endpoint::parse("http://127.0.0.1:8080")
                .unwrap()
                .is_loopback()
        );
        assert!(Endpoint::parse("http://127.1.2.3:1").is_ok());
        assert!(Endpoint::parse("http://[::1]:8080").is_ok());
        assert!(Endpoint::parse("http://LOCALHOST:9").is_ok());
        let err = Endpoint::parse("http://example.com").unwrap_err();
        assert!(err.contains("loopback"), "{err}");
        assert!(Endpoint::parse("http://10.0.0.1").is_err());
        assert!(Endpoint::parse("http://localhost.evil.com").is_err());
    }

    #[test]
    fn bad_values() {
        assert!(Endpoint::parse("").is_err());
        assert!(Endpoint::parse("ftp://x").is_err());
        assert!(Endpoint::parse("https://x/?a=b").is_err());
    }

    #[test]
    fn userinfo_is_refused_and_never_shown() {
        for value in [
            "https://user:hunter2@oos.example.com",
            "http://user:hunter2@127.0.0.1:9",
            "user:hunter2@oos.example.com",
            "https://:hunter2@oos.example.com",
            "https://user:hunter2@oos.example.com:99999",
            "https://user:hunter2@bad host",
        ] {
            let err = Endpoint::parse(value).unwrap_err();
            assert!(!err.contains("hunter2"), "{value}: {err}");
            assert!(err.contains("***@"), "{value}: {err}");
        }
        assert_eq!(without_userinfo("https://a:b@h/p@q"), "https://***@h/p@q");
        assert_eq!(without_userinfo("h.example.com"), "h.example.com");
    }

    #[test]
    fn region_endpoints() {
        assert_eq!(
            Endpoint::for_region("cn-beijing", false)
                .unwrap()
                .url
                .as_str(),
            "https://oos.cn-beijing.aliyuncs.com/"
        );
        assert_eq!(
            Endpoint::for_region("cn-beijing", true)
                .unwrap()
                .url
                .as_str(),
            "https://oos-vpc.cn-beijing.aliyuncs.com/"
        );
        assert!(Endpoint::for_region("cn/../x", false).is_err());
    }
}
