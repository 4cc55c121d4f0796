//! Reading a config file from disk: its text when it exists, and its permission bits.
//!
//! Shared by the oos-logs TOML config and the aliyun CLI config. It must not parse anything.

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
