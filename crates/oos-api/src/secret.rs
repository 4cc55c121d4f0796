//! `Secret`: a string that never shows itself in `Debug` or `Display`.
//!
//! Owns the redaction rule for access key secrets and security tokens. It must not offer any
//! way to print the value except the explicit `expose()`, which only the signer path calls.

use std::fmt;

/// A secret value (AccessKeySecret, SecurityToken). `Debug` and `Display` print `(redacted)`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for signing. Never format the result into a message.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

/// Masks an access key id for display: `LTAI****abcd` (ids are not secret, but need not be
/// shown whole). Short ids are masked entirely.
pub fn mask_key_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 12 {
        return "****".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), "(redacted)");
        assert_eq!(format!("{s}"), "(redacted)");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some((redacted))");
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn key_ids_are_masked() {
        assert_eq!(mask_key_id("LTAI5tAbCdEfGhIjabcd"), "LTAI****abcd");
        assert_eq!(mask_key_id("short"), "****");
    }
}
