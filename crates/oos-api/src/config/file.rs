//! Config and cache files on disk: reading one (its text when it exists, and the permission
//! bits of the file read) through `input`'s bounded reader, the config error of a read that
//! failed, and replacing one atomically with mode 0600 in a 0700 directory.
//!
//! Shared by the config readers, `configure`, the credentials cache and the OIDC token file.
//! It must not parse, nor read a file any other way than through `input`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::config::error::{ConfigError, InvalidText, Refusal};
use crate::input::{self, FileBytes, ReadError};

/// A config file's text and Unix permission bits (None where there are none). No `Debug`: the
/// text may hold secrets.
pub struct ConfigText {
    /// The file's contents.
    pub text: String,
    /// `mode & 0o777` of the file that was read, on Unix.
    pub mode_bits: Option<u32>,
}

/// The largest config or cache file read: anything bigger is not one (a link to `/dev/zero`,
/// a log file named by mistake) and is refused instead of read into memory.
pub(crate) const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads `path`: `Ok(None)` when it does not exist, an error naming `what` and the path when it
/// cannot be read. Only a regular file (after following links) of at most
/// [`MAX_CONFIG_BYTES`] is read, through [`crate::input`]: a FIFO, a device or a directory is
/// refused without waiting, and a dangling symbolic link is reported as one, not as a missing
/// file.
pub fn read_if_exists(path: &Path, what: &'static str) -> Result<Option<ConfigText>, ConfigError> {
    match read_bounded(path, what)? {
        Some(file) => {
            let mode_bits = mode_bits(&file.metadata);
            let text = String::from_utf8(file.bytes).map_err(|e| ConfigError::Invalid {
                file: what,
                path: path.to_owned(),
                // The bytes are not kept: they may hold a secret.
                error: InvalidText::NotUtf8(e.utf8_error()),
            })?;
            Ok(Some(ConfigText { text, mode_bits }))
        }
        None => Ok(None),
    }
}

/// The bytes of the regular file `path` (links followed), at most [`MAX_CONFIG_BYTES`] of
/// them; `Ok(None)` when nothing is there (not even a dangling link).
pub(crate) fn read_bounded(
    path: &Path,
    what: &'static str,
) -> Result<Option<FileBytes>, ConfigError> {
    found(path, what, input::read_file(path, MAX_CONFIG_BYTES))
}

/// [`read_bounded`] with a cap of `cap` bytes, awaited: the run goes on (a signal is handled)
/// while the file is read.
pub(crate) async fn read_bounded_async(
    path: &Path,
    what: &'static str,
    cap: u64,
) -> Result<Option<FileBytes>, ConfigError> {
    found(path, what, input::read_file_async(path, cap).await)
}

/// A read of `path`, `Ok(None)` when nothing is there.
fn found(
    path: &Path,
    what: &'static str,
    read: Result<FileBytes, ReadError>,
) -> Result<Option<FileBytes>, ConfigError> {
    match read {
        Ok(file) => Ok(Some(file)),
        Err(ReadError::Io(e))
            if e.kind() == std::io::ErrorKind::NotFound && dangling_link(path).is_none() =>
        {
            Ok(None)
        }
        Err(e) => Err(read_failed(what, path, e)),
    }
}

/// The config error of a failed read of the file `path` (`what` names it), by kind, its
/// cause kept.
fn read_failed(what: &'static str, path: &Path, error: ReadError) -> ConfigError {
    let refused = |refusal| ConfigError::Refused {
        file: what,
        path: path.to_owned(),
        refusal,
    };
    let unreadable = |source| ConfigError::Unreadable {
        file: what,
        path: path.to_owned(),
        source,
    };
    match error {
        ReadError::NotRegular(kind) => refused(Refusal::NotRegular { kind }),
        ReadError::TooLarge(limit) => refused(Refusal::TooLarge {
            limit_kib: limit / 1024,
        }),
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => match dangling_link(path) {
            Some(target) => ConfigError::NotFound {
                file: what,
                path: path.to_owned(),
                named_by: None,
                link_target: Some(target),
            },
            None => unreadable(e),
        },
        ReadError::Io(e) => unreadable(e),
        timed_out @ ReadError::TimedOut(_) => {
            unreadable(std::io::Error::new(std::io::ErrorKind::TimedOut, timed_out))
        }
    }
}

/// Where `path` points when it is a symbolic link whose target does not exist.
pub(crate) fn dangling_link(path: &Path) -> Option<std::path::PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() || path.exists() {
        return None;
    }
    std::fs::read_link(path).ok()
}

#[cfg(unix)]
fn mode_bits(metadata: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(metadata.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode_bits(_metadata: &std::fs::Metadata) -> Option<u32> {
    None
}

/// Who besides the owner has `permission` (`0o4` read, `0o2` write) on a file of mode
/// `mode`: `group`, `others`, `group and others`, or None.
pub(crate) fn besides_owner(mode: u32, permission: u32) -> Option<&'static str> {
    match (mode & (permission << 3) != 0, mode & permission != 0) {
        (true, true) => Some("group and others"),
        (true, false) => Some("group"),
        (false, true) => Some("others"),
        (false, false) => None,
    }
}

/// `path` as one shell word, for a command a message tells the user to run.
pub(crate) fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    shlex::try_quote(&text).map_or_else(|_| text.clone(), |q| q.into_owned())
}

/// How many names a message lists; the others are counted (a file may have thousands).
pub(crate) const NAMES_SHOWN: usize = 10;

/// The longest name a message shows whole, in characters; a longer one is cut with `…`.
const NAME_SHOWN_CHARS: usize = 64;

/// `a, b, c`, `a, b, ..., j and 40 more`, or `no profiles`, for messages: the first
/// [`NAMES_SHOWN`] names, each cut at [`NAME_SHOWN_CHARS`].
pub(crate) fn list_names<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let names: Vec<&str> = names.map(String::as_str).collect();
    if names.is_empty() {
        return "no profiles".to_owned();
    }
    let shown: Vec<String> = names.iter().take(NAMES_SHOWN).map(|n| cut(n)).collect();
    let mut list = shown.join(", ");
    if names.len() > NAMES_SHOWN {
        list.push_str(&format!(" and {} more", names.len() - NAMES_SHOWN));
    }
    list
}

/// `name`, or its first characters and `…` when it is longer than [`NAME_SHOWN_CHARS`].
fn cut(name: &str) -> String {
    match name.char_indices().nth(NAME_SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", &name[..end]),
        None => name.to_owned(),
    }
}

/// Creates `dir` (and its parents), readable by the user only.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Where writing to `path` really goes: the final target of a chain of symbolic links (a
/// relative target is taken from the link's directory), or `path` itself. The target need not
/// exist. More than 40 links is a loop.
pub(crate) fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = if target.is_absolute() {
                    target
                } else {
                    current
                        .parent()
                        .map_or_else(|| target.clone(), |dir| dir.join(&target))
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Replaces `path` with `bytes` atomically: a temporary file in the same directory
/// ([`tempfile::NamedTempFile`]), created mode 0600 and set to exactly 0600 (whatever the
/// umask) before it is synced and renamed over `path`. The temporary file is removed on
/// failure. When `path` is a symbolic link, the link is kept and its target is replaced
/// (written through).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = resolve_links(path)?;
    let path = path.as_path();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    // Dropped on any error below, which removes the temporary file.
    let mut tmp = builder.tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// An exclusive advisory lock on `<file>.lock` beside the file `path` writes to (its links
/// followed), held until the returned file is dropped: the read-change-write of one
/// `configure` cannot interleave with another's. The lock file is left in place (removing it
/// would let two writers lock two different files).
pub fn lock_for_update(path: &Path) -> std::io::Result<std::fs::File> {
    let target = resolve_links(path)?;
    // Nothing is created beside a device or a FIFO (a link to /dev/zero must not leave a lock
    // file in /dev): such a config is refused.
    if let Ok(m) = std::fs::metadata(&target)
        && !m.is_file()
    {
        return Err(std::io::Error::other(format!(
            "{} is not a regular file (it is {})",
            target.display(),
            input::kind_of(&m)
        )));
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file");
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let file = options.open(dir.join(format!(".{name}.lock")))?;
    file.lock()?;
    Ok(file)
}

/// The candidate closest to `key`, for "did you mean": within two edits, or one that starts
/// with it (`region` -> `region_id`) or that it starts with; None when nothing is close.
pub(crate) fn suggest<'a>(
    key: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let key_lower = key.to_ascii_lowercase().replace('-', "_");
    candidates
        .into_iter()
        .filter_map(|c| {
            let d = edit_distance(&key_lower, c);
            let prefix = key_lower.len() >= 3
                && (c.starts_with(key_lower.as_str()) || key_lower.starts_with(c));
            let close = d <= 2.min(c.len().saturating_sub(1)) || prefix;
            close.then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// `an integer`, `a string`, ...: a value's type in words, never the value.
pub(crate) fn a_type(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {type_name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_or_prefixes() {
        let keys = [
            "region_id",
            "access_key_id",
            "access_key_secret",
            "endpoint_type",
            "endpoint",
        ];
        assert_eq!(suggest("region", keys), Some("region_id"));
        assert_eq!(suggest("acces_key_id", keys), Some("access_key_id"));
        assert_eq!(
            suggest("Access-Key-Secret", keys),
            Some("access_key_secret")
        );
        assert_eq!(suggest("endpoint_typ", keys), Some("endpoint_type"));
        assert_eq!(suggest("endpont", keys), Some("endpoint"));
        assert_eq!(suggest("colour", keys), None);
        assert_eq!(suggest("x", keys), None);
    }

    #[test]
    fn name_lists_show_ten_names_cut_short_and_count_the_rest() {
        let names = |n: usize| -> Vec<String> { (0..n).map(|i| format!("p{i}")).collect() };
        assert_eq!(list_names(names(0).iter()), "no profiles");
        assert_eq!(list_names(names(3).iter()), "p0, p1, p2");
        assert_eq!(
            list_names(names(50_000).iter()),
            "p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 49990 more"
        );
        let long = ["é".repeat(100)];
        assert_eq!(list_names(long.iter()), format!("{}…", "é".repeat(64)));
    }

    #[test]
    fn who_besides_the_owner_may_read_or_write() {
        assert_eq!(besides_owner(0o600, 0o2), None);
        assert_eq!(besides_owner(0o644, 0o2), None);
        assert_eq!(besides_owner(0o644, 0o4), Some("group and others"));
        assert_eq!(besides_owner(0o602, 0o2), Some("others"));
        assert_eq!(besides_owner(0o620, 0o2), Some("group"));
        assert_eq!(besides_owner(0o640, 0o4), Some("group"));
        assert_eq!(besides_owner(0o611, 0o4), None);
        assert_eq!(shell_word(Path::new("/a b/c")), "'/a b/c'");
        assert_eq!(shell_word(Path::new("/a/c.toml")), "/a/c.toml");
    }

    #[test]
    fn reads_are_bounded_and_regular_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.toml");
        assert!(read_if_exists(&missing, "config").unwrap().is_none());
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_CONFIG_BYTES as usize + 1]).unwrap();
        let err = read_if_exists(&big, "config").err().unwrap();
        assert!(
            matches!(
                err,
                ConfigError::Refused {
                    refusal: Refusal::TooLarge { limit_kib: 1024 },
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "the config {} is larger than 1024 KiB: refusing to read it",
                big.display()
            )
        );
        let err = read_if_exists(dir.path(), "config").err().unwrap();
        assert!(err.to_string().contains("a directory"), "{err}");
        #[cfg(unix)]
        {
            let zero = dir.path().join("zero.toml");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            let err = read_if_exists(&zero, "config").err().unwrap();
            assert!(
                matches!(
                    err,
                    ConfigError::Refused {
                        refusal: Refusal::NotRegular { kind: "a device" },
                        ..
                    }
                ),
                "{err:?}"
            );
            let dangling = dir.path().join("dangling.toml");
            std::os::unix::fs::symlink(dir.path().join("nowhere.toml"), &dangling).unwrap();
            let err = read_if_exists(&dangling, "config").err().unwrap();
            assert_eq!(
                err.to_string(),
                format!(
                    "the config {} is a symbolic link to {}, which does not exist",
                    dangling.display(),
                    dir.path().join("nowhere.toml").display()
                )
            );
        }
    }

    #[test]
    fn text_that_is_not_utf8_keeps_the_decoder_s_error_not_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, b"secret = \"ab\xffcd\"").unwrap();
        let err = read_if_exists(&path, "config").err().unwrap();
        assert_eq!(
            err.to_string(),
            format!("the config {} is not UTF-8 text", path.display())
        );
        let source = std::error::Error::source(&err).expect("the cause is kept");
        let utf8 = std::error::Error::source(source)
            .and_then(|e| e.downcast_ref::<std::str::Utf8Error>())
            .expect("the decoder's error");
        assert_eq!(utf8.valid_up_to(), 12);
        assert!(!format!("{err:?}").contains("secret"), "{err:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_read_keeps_the_io_error() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::write(locked.join("c.toml"), "x").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let result = read_if_exists(&locked.join("c.toml"), "config");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
        // Root reads anything: nothing to see then.
        let Err(err) = result else { return };
        let ConfigError::Unreadable { source, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(source.kind(), std::io::ErrorKind::PermissionDenied);
        let cause = std::error::Error::source(&err)
            .and_then(|e| e.downcast_ref::<std::io::Error>())
            .expect("the io::Error is the source");
        assert_eq!(cause.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(
            err.to_string().starts_with(&format!(
                "cannot read the config {}: ",
                locked.join("c.toml").display()
            )),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn writes_go_through_links_and_keep_them() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real/c.toml");
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, "old").unwrap();
        let first = dir.path().join("first");
        let second = dir.path().join("second");
        std::os::unix::fs::symlink("real/c.toml", &first).unwrap();
        std::os::unix::fs::symlink(&first, &second).unwrap();
        assert_eq!(
            resolve_links(&second).unwrap(),
            dir.path().join("real/c.toml")
        );
        write_private(&second, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&second)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::symlink_metadata(&first)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let looped = dir.path().join("loop");
        std::os::unix::fs::symlink(&looped, &looped).unwrap();
        assert!(write_private(&looped, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn writes_are_0600_whatever_the_old_mode_and_leave_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private/c.toml");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
        write_private(&path, b"one").unwrap();
        assert_eq!(mode(&path) & 0o777, 0o600);
        assert_eq!(mode(path.parent().unwrap()) & 0o777, 0o700);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(mode(&path) & 0o777, 0o600, "a wider old mode is not kept");
        // A failed rename (onto a directory) removes the temporary file.
        let blocked = dir.path().join("private/blocked");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside"), "x").unwrap();
        assert!(write_private(&blocked, b"x").is_err());
        let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["blocked", "c.toml"]);
    }

    #[test]
    fn the_update_lock_is_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let held = lock_for_update(&path).unwrap();
        let other = std::fs::OpenOptions::new()
            .write(true)
            .open(dir.path().join(".c.toml.lock"))
            .unwrap();
        assert!(other.try_lock().is_err(), "a second writer must wait");
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
