//! `oos-logs cache`: where the cache of temporary credentials is (`cache` or `cache path`),
//! and `cache clear`, which removes the files oos-logs wrote there and says how many.
//!
//! It must not fetch credentials; what a cache file is named and holds is
//! `credentials::cache`'s.

use std::io::{self, Write as _};

use crate::cli::{CacheAction, CacheArgs};
use crate::config::error::{ConfigError, WriteAction};
use crate::credentials::cache;
use crate::environment::Environment;
use crate::error::Error;

/// Runs `cache`.
pub(crate) fn run(args: &CacheArgs, env: &Environment) -> Result<(), Error> {
    let base = env
        .cache_dir
        .as_deref()
        .ok_or(ConfigError::NoCacheDirectory)?;
    let dir = cache::cache_dir(base);
    match args.action.unwrap_or(CacheAction::Path) {
        CacheAction::Path => {
            let mut out = io::stdout().lock();
            writeln!(out, "{}", super::safe(&dir.display().to_string()))?;
            out.flush()?;
        }
        CacheAction::Clear => {
            let removed = cache::clear(&dir).map_err(|source| ConfigError::Unwritable {
                file: "credentials cache",
                path: dir.clone(),
                action: WriteAction::Clear,
                source,
            })?;
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "removed {removed} {} from the credentials cache {}",
                if removed == 1 { "file" } else { "files" },
                super::safe(&dir.display().to_string())
            )?;
            out.flush()?;
        }
    }
    Ok(())
}
