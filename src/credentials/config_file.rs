//! Config and cache files on disk: reading one (its text when it exists, and its permission
//! bits), and replacing one atomically with mode 0600 in a 0700 directory.
//!
//! Shared by the config readers, `configure` and the credentials cache. It must not parse.

use std::io::Write as _;
use std::path::Path;

/// A config file's text and Unix permission bits (None where there are none). No `Debug`: the
/// text may hold secrets.
pub struct ConfigText {
    /// The file's contents.
    pub text: String,
    /// `mode & 0o777`, on Unix.
    pub mode_bits: Option<u32>,
}

/// Reads `path`: `Ok(None)` when it does not exist, an error naming `what` and the path when it
/// cannot be read.
pub fn read_if_exists(path: &Path, what: &str) -> Result<Option<ConfigText>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(ConfigText {
            text,
            mode_bits: mode_bits(path),
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read the {what} {}: {e}", path.display())),
    }
}

#[cfg(unix)]
fn mode_bits(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode_bits(_path: &Path) -> Option<u32> {
    None
}

/// `a, b, c`, or `no profiles`, for messages.
pub fn list_names<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let names: Vec<&str> = names.map(String::as_str).collect();
    if names.is_empty() {
        "no profiles".to_owned()
    } else {
        names.join(", ")
    }
}

/// Creates `dir` (and its parents), readable by the user only.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Replaces `path` with `bytes` atomically: a temporary file in the same directory, mode
/// 0600, synced, then renamed over it. The temporary file is removed on failure.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let result = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
