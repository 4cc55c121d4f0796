//! Configuration on disk: the profiles of the oos-logs TOML config, the aliyun CLI's
//! `config.json` and the credentials INI file, the bounded reader and private writer of such
//! files, and the list of sources the credential chain and `profiles` walk.
//!
//! Owns where the files are, reading and parsing them, which profile each file selects by
//! itself, and the kinds of config and credential errors (`error`). It must not build
//! credentials nor do HTTP (`credentials` does, from the profile and source chosen here), and
//! it never decides settings (`settings` does).
//!
//! Order of a command: `credentials::chain` selects a profile or source from what this module
//! reads, `settings` resolves region, endpoint and output with it, then `credentials::build`
//! turns the choice into a provider.

pub mod aliyun;
pub mod error;
pub mod file;
pub mod ini;
pub mod oos;
pub mod profile;
pub mod sources;

use std::path::{Path, PathBuf};

use crate::config::aliyun::AliyunConfig;
use crate::config::error::ConfigError;
use crate::config::file::{list_names, read_if_exists};
use crate::config::ini::IniConfig;
use crate::config::oos::OosConfig;
use crate::config::profile::Profile;
use crate::environment::Environment;
use crate::error::Error;

/// The files with profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFile {
    /// oos-logs' own TOML config.
    Oos,
    /// The aliyun CLI's `~/.aliyun/config.json`.
    Aliyun,
    /// The Alibaba Cloud credentials INI file.
    Ini,
}

impl ConfigFile {
    /// Every file, in the chain's order.
    pub(crate) const ALL: [Self; 3] = [Self::Oos, Self::Aliyun, Self::Ini];

    /// What messages call the file: `oos-logs config`, `aliyun CLI config`,
    /// `credentials file`.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Oos => "oos-logs config",
            Self::Aliyun => "aliyun CLI config",
            Self::Ini => "credentials file",
        }
    }
}

/// A config file format: how its text becomes profiles. [`load`] reads any of them the same
/// way.
pub trait ConfigFormat: Sized {
    /// Which file this is (its label names it in messages).
    const FILE: ConfigFile;

    /// Parses the text of the file read from `path`.
    fn parse(text: &str, path: &Path) -> Result<Self, ConfigError>;

    /// Records the file's Unix permission bits.
    fn set_mode_bits(&mut self, bits: Option<u32>);
}

/// Reads and parses a config file: `Ok(None)` when it does not exist.
pub fn load<T: ConfigFormat>(path: &Path) -> Result<Option<T>, ConfigError> {
    let Some(file) = read_if_exists(path, T::FILE.label())? else {
        return Ok(None);
    };
    let mut config = T::parse(&file.text, path)?;
    config.set_mode_bits(file.mode_bits);
    Ok(Some(config))
}

/// The default path of the oos-logs config: `<config dir>/oos-logs/config.toml`.
pub fn default_oos_config_path(env: &Environment) -> Option<PathBuf> {
    env.config_dir
        .as_ref()
        .map(|d| d.join("oos-logs").join("config.toml"))
}

/// The aliyun CLI config: `~/.aliyun/config.json`.
pub(crate) fn aliyun_config_path(env: &Environment) -> Option<PathBuf> {
    env.home_dir
        .as_ref()
        .map(|h| h.join(".aliyun").join("config.json"))
}

/// One file's profiles, as read.
#[derive(Debug)]
pub struct FileProfiles {
    /// Its profiles, in the file's order (by name for the oos-logs config).
    pub profiles: Vec<Profile>,
    /// Its Unix permission bits, when known.
    pub mode_bits: Option<u32>,
    /// The profile the file selects by itself (the oos-logs config's default, the aliyun
    /// CLI's current profile, the INI file's `[default]`).
    pub own: OwnChoice,
}

/// The profile a file selects by itself.
#[derive(Debug)]
pub enum OwnChoice {
    /// The index of that profile.
    Chosen(usize),
    /// It selects none, and why (for the chain's list of places searched).
    Nothing(String),
    /// It names a profile it does not have (an error when the chain needs its choice).
    Missing(ConfigError),
}

/// The files with profiles, found from the environment and `--config`.
#[derive(Debug, Clone)]
pub struct Files {
    /// The oos-logs config.
    pub oos: Option<PathBuf>,
    /// The aliyun CLI config.
    pub aliyun: Option<PathBuf>,
    /// The credentials INI file.
    pub ini: Option<PathBuf>,
}

impl Files {
    /// Finds the files; a `--config` / `OOS_LOGS_CONFIG` that does not exist is an error (a
    /// typo should not fall through to other credentials).
    pub fn locate(env: &Environment, config_path: Option<&Path>) -> Result<Self, Error> {
        if let Some(path) = config_path
            && !path.exists()
        {
            return Err(ConfigError::NotFound {
                file: ConfigFile::Oos.label(),
                path: path.to_owned(),
                named_by: Some("--config or OOS_LOGS_CONFIG"),
                link_target: file::dangling_link(path),
            }
            .into());
        }
        Ok(Self {
            oos: config_path
                .map(Path::to_owned)
                .or_else(|| default_oos_config_path(env)),
            aliyun: aliyun_config_path(env),
            ini: ini::path(env),
        })
    }

    /// The path of one file, when a home or config directory is known.
    pub fn path(&self, file: ConfigFile) -> Option<&PathBuf> {
        match file {
            ConfigFile::Oos => self.oos.as_ref(),
            ConfigFile::Aliyun => self.aliyun.as_ref(),
            ConfigFile::Ini => self.ini.as_ref(),
        }
    }

    fn read<T: ConfigFormat>(path: Option<&Path>) -> Result<Option<T>, ConfigError> {
        path.map(load::<T>).transpose().map(Option::flatten)
    }

    /// Reads the oos-logs config, if there is one.
    pub fn oos_config(&self) -> Result<Option<OosConfig>, ConfigError> {
        Self::read(self.oos.as_deref())
    }

    /// Reads the aliyun CLI config, if there is one.
    pub fn aliyun_config(&self) -> Result<Option<AliyunConfig>, ConfigError> {
        Self::read(self.aliyun.as_deref())
    }

    /// Reads the credentials INI file, if there is one.
    pub fn ini_config(&self) -> Result<Option<IniConfig>, ConfigError> {
        Self::read(self.ini.as_deref())
    }

    /// One file's profiles and the one it selects by itself. None when the file does not
    /// exist; an error when it is broken.
    pub fn profiles(&self, file: ConfigFile) -> Result<Option<FileProfiles>, ConfigError> {
        let read = match file {
            ConfigFile::Oos => self.oos_config()?.map(|cfg| {
                let name = cfg.default().map(|p| p.map(|p| p.name.clone()));
                let why = format!(
                    "no default_profile and no profile named \"default\" (it has: {}; pick one with --profile)",
                    list_names(cfg.profiles.keys())
                );
                (name, why, cfg.profiles.into_values().collect::<Vec<_>>(), cfg.mode_bits)
            }),
            ConfigFile::Aliyun => self.aliyun_config()?.map(|cfg| {
                let name = cfg.current().map(|p| p.map(|p| p.name.clone()));
                (name, "no current profile".to_owned(), cfg.profiles, cfg.mode_bits)
            }),
            ConfigFile::Ini => self.ini_config()?.map(|cfg| {
                let name = Ok(cfg.get("default").map(|p| p.name.clone()));
                (name, "no [default] section".to_owned(), cfg.profiles, cfg.mode_bits)
            }),
        };
        let Some((name, why, profiles, mode_bits)) = read else {
            return Ok(None);
        };
        let own = match name {
            Ok(Some(name)) => OwnChoice::Chosen(
                profiles
                    .iter()
                    .position(|p| p.name == name)
                    .expect("the file's own profile"),
            ),
            Ok(None) => OwnChoice::Nothing(why),
            Err(broken) => OwnChoice::Missing(broken),
        };
        Ok(Some(FileProfiles {
            profiles,
            mode_bits,
            own,
        }))
    }
}
