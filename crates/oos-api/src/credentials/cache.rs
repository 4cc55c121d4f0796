//! Caching of temporary credentials: in memory for the run, and on disk between runs (one
//! file per profile and role, mode 0600, under the user's cache directory), reused until three
//! minutes before they expire, so a second run makes no STS call.
//!
//! A corrupt or expired file is ignored and replaced. It must not fetch credentials itself:
//! it wraps a provider that does.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sha1::Digest as _;

use crate::config::file::write_private;
use crate::credentials::http::TemporaryCredentials;
use crate::credentials::{BoxFuture, Credentials, ProvideCredentials};
use crate::error::Error;

/// Credentials are refreshed when they have less than this left (as the SDKs do).
pub(crate) const REFRESH_MARGIN: Duration = Duration::from_secs(180);

/// A provider with a cache in front.
#[derive(Debug)]
pub(crate) struct Cached {
    inner: Arc<dyn ProvideCredentials>,
    file: Option<PathBuf>,
    memory: tokio::sync::Mutex<Memory>,
}

/// What the cache holds in memory.
#[derive(Debug, Default)]
struct Memory {
    credentials: Option<Credentials>,
    /// Credentials were dropped after a refusal in this run: fresh ones are not dropped again
    /// (fetching afresh once is enough to tell a stale cache from a real refusal).
    invalidated: bool,
}

/// Whether two credentials are the same (the secret is compared too: a cache file rewritten
/// by another run may keep the key id).
fn same(a: &Credentials, b: &Credentials) -> bool {
    a.access_key_id == b.access_key_id
        && a.access_key_secret == b.access_key_secret
        && a.security_token == b.security_token
}

/// The directory of cached credentials under the user's cache directory `cache_dir`:
/// `<cache dir>/oos-logs/credentials`.
pub fn cache_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("oos-logs").join("credentials")
}

/// Whether `name` is a file oos-logs writes in the cache directory: `<40 hex digits>.json`,
/// or the temporary `.<that>.<random letters and digits>.tmp` of a write cut short
/// ([`write_private`]; older versions put the process id there).
fn is_cache_file_name(name: &str) -> bool {
    let entry = |n: &str| {
        n.strip_suffix(".json")
            .is_some_and(|h| h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    if entry(name) {
        return true;
    }
    name.strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(file, random)| {
            entry(file) && !random.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes the files oos-logs wrote in the credentials cache directory `dir` (regular files
/// named as it names them; anything else, links included, is left alone) and returns how many
/// were removed. A directory that does not exist holds nothing.
pub fn clear(dir: &Path) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let is_ours = entry.file_name().to_str().is_some_and(is_cache_file_name);
        if is_ours && entry.file_type()?.is_file() {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(removed)
}

/// The cache file for `key` (what identifies the credentials: profile, role, source) under
/// `cache_dir`.
pub fn cache_file(cache_dir: &Path, key: &str) -> PathBuf {
    let digest = sha1::Sha1::digest(format!("oos-logs-credentials-v1\n{key}").as_bytes());
    let name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    self::cache_dir(cache_dir).join(format!("{name}.json"))
}

impl Cached {
    /// Caches `inner`'s credentials in memory, and in `file` when given.
    pub(crate) fn new(inner: Arc<dyn ProvideCredentials>, file: Option<PathBuf>) -> Self {
        Self {
            inner,
            file,
            memory: tokio::sync::Mutex::new(Memory::default()),
        }
    }

    /// The fresh credentials of the cache file `path`, read without holding up the run.
    async fn read_file(path: &Path) -> Option<Credentials> {
        // A cache file is small: anything else (a link to a device, a huge file) is ignored.
        let file = crate::config::file::read_bounded_async(
            path,
            "credentials cache",
            crate::config::file::MAX_CONFIG_BYTES,
        )
        .await
        .ok()
        .flatten()?;
        let parsed: TemporaryCredentials = serde_json::from_slice(&file.bytes).ok()?;
        let creds = parsed.into_credentials("the credentials cache").ok()?;
        (creds.expiration.is_some() && creds.fresh_for(REFRESH_MARGIN)).then_some(creds)
    }

    fn write_file(path: &Path, creds: &Credentials) -> std::io::Result<()> {
        let body = serde_json::json!({
            "AccessKeyId": creds.access_key_id,
            "AccessKeySecret": creds.access_key_secret.expose(),
            "SecurityToken": creds.security_token.as_ref().map(|t| t.expose()),
            "Expiration": creds.expiration.map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
        });
        write_private(path, body.to_string().as_bytes())
    }
}

impl ProvideCredentials for Cached {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(async move {
            let mut memory = self.memory.lock().await;
            if let Some(creds) = memory.credentials.as_ref()
                && creds.fresh_for(REFRESH_MARGIN)
            {
                return Ok(creds.clone());
            }
            // Once credentials were refused in this run, the file is not trusted again.
            if !memory.invalidated
                && let Some(path) = self.file.as_deref()
                && let Some(creds) = Self::read_file(path).await
            {
                memory.credentials = Some(creds.clone());
                return Ok(creds);
            }
            let creds = self.inner.provide().await?;
            if let Some(path) = &self.file
                && creds.expiration.is_some()
            {
                // A cache that cannot be written only costs the next run an STS call.
                let _ = Self::write_file(path, &creds);
            }
            memory.credentials = Some(creds.clone());
            Ok(creds)
        })
    }

    fn invalidate<'a>(&'a self, rejected: &'a Credentials) -> BoxFuture<'a, Option<String>> {
        Box::pin(async move {
            let mut memory = self.memory.lock().await;
            let place = match &self.file {
                Some(path) => format!("the credentials cache {}", path.display()),
                None => "the credentials kept in memory for this run".to_owned(),
            };
            match memory.credentials.as_ref() {
                // Another request already dropped them and fetched new ones: use those.
                Some(current) if !same(current, rejected) => return Some(place),
                _ if memory.invalidated => return None,
                _ => {}
            }
            memory.credentials = None;
            memory.invalidated = true;
            if let Some(path) = &self.file
                && Self::read_file(path)
                    .await
                    .is_some_and(|cached| same(&cached, rejected))
            {
                // Removed rather than left for the next run to trust; a failure to remove it
                // is harmless: the next successful fetch in this run replaces it.
                let _ = std::fs::remove_file(path);
            }
            Some(place)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[derive(Debug)]
    struct Counting {
        calls: AtomicU32,
        lifetime: jiff::SignedDuration,
    }

    impl ProvideCredentials for Counting {
        fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
            let n = self.calls.fetch_add(1, Ordering::SeqCst);
            let lifetime = self.lifetime;
            Box::pin(async move {
                let mut c =
                    Credentials::new(format!("STS.{n}"), Secret::new("s"), Some(Secret::new("t")));
                c.expiration = Some(jiff::Timestamp::now() + lifetime);
                Ok(c)
            })
        }
    }

    fn block<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn reuses_until_near_expiry_across_instances() {
        let dir = tempfile::tempdir().unwrap();
        let file = cache_file(dir.path(), "profile a");
        let inner = Arc::new(Counting {
            calls: AtomicU32::new(0),
            lifetime: jiff::SignedDuration::from_hours(1),
        });
        let first = Cached::new(inner.clone(), Some(file.clone()));
        assert_eq!(block(first.provide()).unwrap().access_key_id, "STS.0");
        assert_eq!(
            block(first.provide()).unwrap().access_key_id,
            "STS.0",
            "memory"
        );
        let second = Cached::new(inner.clone(), Some(file.clone()));
        assert_eq!(
            block(second.provide()).unwrap().access_key_id,
            "STS.0",
            "disk"
        );
        assert_eq!(inner.calls.load(Ordering::SeqCst), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(
                std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn near_expiry_and_corrupt_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = cache_file(dir.path(), "k");
        let short = Arc::new(Counting {
            calls: AtomicU32::new(0),
            lifetime: jiff::SignedDuration::from_secs(60),
        });
        let cached = Cached::new(short.clone(), Some(file.clone()));
        block(cached.provide()).unwrap();
        block(cached.provide()).unwrap();
        assert_eq!(
            short.calls.load(Ordering::SeqCst),
            2,
            "60 s left is inside the 3-minute margin"
        );
        std::fs::write(&file, "{not json").unwrap();
        let long = Arc::new(Counting {
            calls: AtomicU32::new(0),
            lifetime: jiff::SignedDuration::from_hours(1),
        });
        block(Cached::new(long.clone(), Some(file.clone())).provide()).unwrap();
        assert_eq!(long.calls.load(Ordering::SeqCst), 1);
        assert!(
            block(Cached::read_file(&file)).is_some(),
            "the corrupt file was replaced"
        );
    }

    #[test]
    fn refused_credentials_are_dropped_and_fetched_afresh_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = cache_file(dir.path(), "role");
        let inner = Arc::new(Counting {
            calls: AtomicU32::new(0),
            lifetime: jiff::SignedDuration::from_hours(1),
        });
        // A previous run cached STS.0; the service has since revoked it.
        block(Cached::new(inner.clone(), Some(file.clone())).provide()).unwrap();
        let cached = Cached::new(inner.clone(), Some(file.clone()));
        let stale = block(cached.provide()).unwrap();
        assert_eq!(stale.access_key_id, "STS.0", "from the disk");
        let place = block(cached.invalidate(&stale)).expect("worth a retry");
        assert!(
            place.contains(&file.display().to_string()),
            "the hint names the cache file: {place}"
        );
        assert!(!file.exists(), "the refused entry is gone from the disk");
        let fresh = block(cached.provide()).unwrap();
        assert_eq!(fresh.access_key_id, "STS.1", "fetched afresh");
        assert_eq!(
            block(Cached::read_file(&file)).unwrap().access_key_id,
            "STS.1",
            "and cached for the next run"
        );
        // A request that failed with the stale credentials meanwhile retries with the new ones.
        assert!(block(cached.invalidate(&stale)).is_some());
        assert_eq!(block(cached.provide()).unwrap().access_key_id, "STS.1");
        // Fresh credentials refused too: no second fetch, the refusal stands.
        assert_eq!(block(cached.invalidate(&fresh)), None);
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn static_credentials_are_never_invalidated() {
        let creds = Credentials::new("LTAIstatic000001", Secret::new("s"), None);
        let provider = crate::credentials::StaticCredentials(creds.clone());
        assert_eq!(block(provider.invalidate(&creds)), None);
    }

    #[test]
    fn refused_codes() {
        use crate::credentials::refused_credentials;
        for code in [
            "InvalidAccessKeyId.NotFound",
            "InvalidAccessKeyId.Inactive",
            "InvalidSecurityToken.Expired",
            "InvalidSecurityToken.Malformed",
            "InvalidStsToken",
            "ExpiredStsToken",
        ] {
            assert!(refused_credentials(code), "{code}");
        }
        for code in ["SignatureDoesNotMatch", "Forbidden.RAM", "InvalidParameter"] {
            assert!(!refused_credentials(code), "{code}");
        }
    }

    #[test]
    fn clear_removes_only_what_oos_logs_wrote() {
        let home = tempfile::tempdir().unwrap();
        let dir = cache_dir(home.path());
        assert_eq!(clear(&dir).unwrap(), 0, "no directory, nothing to clear");
        let a = cache_file(home.path(), "a");
        let b = cache_file(home.path(), "b");
        for f in [&a, &b] {
            write_private(f, b"{}").unwrap();
        }
        let name = a.file_name().unwrap().to_str().unwrap().to_owned();
        let tmp = dir.join(format!(".{name}.1234.tmp"));
        std::fs::write(&tmp, "x").unwrap();
        let random_tmp = dir.join(format!(".{name}.aZ09xY.tmp"));
        std::fs::write(&random_tmp, "x").unwrap();
        let other = dir.join("notes.txt");
        std::fs::write(&other, "mine").unwrap();
        std::fs::create_dir(dir.join(format!("{}.json", "0".repeat(40)))).unwrap();
        assert_eq!(clear(&dir).unwrap(), 4);
        assert!(!a.exists() && !b.exists() && !tmp.exists() && !random_tmp.exists());
        assert!(other.exists(), "a file oos-logs did not write is kept");
        assert_eq!(clear(&dir).unwrap(), 0);
    }

    #[test]
    fn different_keys_different_files() {
        let d = Path::new("/c");
        assert_ne!(cache_file(d, "a"), cache_file(d, "b"));
        assert!(cache_file(d, "a").starts_with("/c/oos-logs/credentials"));
    }
}
