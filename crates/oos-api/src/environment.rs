//! `Environment`: a snapshot of the process environment and the user's directories.
//!
//! Owns how oos-logs reads environment variables (a blank value counts as unset) and where
//! home and the config dir are. Settings and credential providers take an `Environment`, so
//! unit tests never touch the real one. It must not read files.

use std::collections::HashMap;
use std::path::PathBuf;

/// Environment variables and the user's directories, captured once.
#[derive(Clone, Default)]
pub struct Environment {
    vars: HashMap<String, String>,
    /// The home directory (`$HOME`), where `~/.aliyun/config.json` lives.
    pub home_dir: Option<PathBuf>,
    /// The user's config directory (`$XDG_CONFIG_HOME`, else `~/.config` on Linux).
    pub config_dir: Option<PathBuf>,
    /// The user's cache directory (`$XDG_CACHE_HOME`, else `~/.cache` on Linux).
    pub cache_dir: Option<PathBuf>,
}

impl std::fmt::Debug for Environment {
    // The variables may hold secrets: list the names only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&String> = self.vars.keys().collect();
        names.sort();
        f.debug_struct("Environment")
            .field("vars", &names)
            .field("home_dir", &self.home_dir)
            .field("config_dir", &self.config_dir)
            .field("cache_dir", &self.cache_dir)
            .finish()
    }
}

impl Environment {
    /// The process's environment.
    pub fn from_process() -> Self {
        Self {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
            home_dir: dirs::home_dir(),
            config_dir: dirs::config_dir(),
            cache_dir: dirs::cache_dir(),
        }
    }

    /// An environment made of the given variables, for tests.
    pub fn from_vars<I, K, V>(vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Self {
            vars: vars
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            home_dir: None,
            config_dir: None,
            cache_dir: None,
        }
    }

    /// The first of `names` that is set (not blank).
    pub fn first_var(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| self.var(n))
    }

    /// The variable's value; blank (empty or only white space) counts as unset.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_counts_as_unset() {
        let env = Environment::from_vars([("A", "x"), ("B", ""), ("C", "  ")]);
        assert_eq!(env.var("A"), Some("x"));
        assert_eq!(env.var("B"), None);
        assert_eq!(env.var("C"), None);
    }

    #[test]
    fn debug_lists_names_not_values() {
        let env = Environment::from_vars([("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t-value")]);
        let shown = format!("{env:?}");
        assert!(shown.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        assert!(!shown.contains("s3cr3t-value"));
    }
}
