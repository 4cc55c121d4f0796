//! `oos-logs profiles`: every profile from every source (name, mode, region, masked key,
//! file), and which one the credential chain would use now, and why.
//!
//! It reads the config files and the environment; it never prints a secret (AccessKey ids are
//! masked, secrets and tokens are not shown at all) and makes no network call.

use std::fmt::Write as _;

use crate::config::error::ConfigError;
use crate::config::profile::Profile;
use crate::config::sources::{
    self, CHAIN, ENV_CREDENTIALS_URI, ENV_ECS_METADATA, ENV_ROLE_ARN, EnvKey, EnvOidc, Source,
};
use crate::config::{ConfigFile, Files};
use crate::credentials::chain::{self, Choice, Selection};
use crate::environment::Environment;
use crate::error::Error;
use crate::sanitize::{Newlines, escape_controls};
use crate::secret::mask_key_id;

/// One profile (or environment source) of the listing. Never holds a secret: the AccessKey
/// id is masked, secrets and tokens are not read.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The profile's name, or `(environment)`, `(ECS instance)`.
    pub name: String,
    /// `default` (the oos-logs config's default profile) or `current` (the aliyun CLI's).
    pub mark: Option<&'static str>,
    /// The credential mode, `<mode> (unsupported)` when oos-logs does not know it.
    pub mode: String,
    /// The region, if the source sets one.
    pub region: Option<String>,
    /// The AccessKey id, masked.
    pub key: Option<String>,
    /// The file it comes from, or the environment variable.
    pub source: String,
    /// The credential chain would use this one now.
    pub in_use: bool,
}

impl Row {
    /// The row as the table shows it: names and paths come from files, so every control,
    /// bidirectional and invisible character is escaped (JSON carries the real text).
    fn inert(&self) -> Self {
        let inert = |s: &str| escape_controls(s, Newlines::Escape).into_owned();
        Self {
            name: inert(&self.name),
            mode: inert(&self.mode),
            region: self.region.as_deref().map(inert),
            key: self.key.as_deref().map(inert),
            source: inert(&self.source),
            ..self.clone()
        }
    }
}

fn row(profile: &Profile, mark: Option<&'static str>, in_use: bool) -> Row {
    Row {
        name: profile.name.clone(),
        mark,
        mode: match profile.resolved_mode() {
            Ok(m) => m.name().to_owned(),
            Err(_) => format!("{} (unsupported)", profile.mode.as_deref().unwrap_or("?")),
        },
        region: profile.region_id.clone(),
        key: profile.access_key_id.as_deref().map(mask_key_id),
        source: profile.file.display().to_string(),
        in_use,
    }
}

/// What `oos-logs profiles` prints, and what makes it fail.
#[derive(Debug)]
pub(crate) struct Report {
    /// Every profile and environment source found, in the chain's order of sources, as
    /// the files have them (the table escapes them, JSON carries them).
    pub rows: Vec<Row>,
    /// Files that could not be read, and why.
    pub problems: Vec<String>,
    /// What the credential chain would use now (None: nothing).
    pub in_use: Option<String>,
    /// Why that one (or why none).
    pub reason: String,
    /// The listing, the problems found and the profile in use (or why none), for stdout.
    pub text: String,
    /// Why a command would fail with this configuration: the chain's error (a broken file, a
    /// pinned profile that does not exist, no credentials at all), else a broken file the
    /// chain did not need to read. `profiles` prints what it can, then exits with its code.
    pub failure: Option<Error>,
}

impl Report {
    /// The same report as one JSON document (`profiles -o json`), 2-space indented:
    /// `{"Profiles": [{"Name", "Default", "Current", "Mode", "RegionId", "AccessKeyId"
    /// (masked), "Source", "InUse"}], "InUse": {"Source", "Reason"} (or null), "Reason",
    /// "Problems": [...]}`. Never a secret. Names and paths are the real ones, JSON-escaped
    /// (characters a terminal would act on as `\uXXXX`, the same JSON value).
    pub(crate) fn json(&self) -> String {
        use serde_json::{Value, json};
        let profiles: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                json!({
                    "Name": r.name,
                    "Default": r.mark == Some("default"),
                    "Current": r.mark == Some("current"),
                    "Mode": r.mode,
                    "RegionId": r.region,
                    "AccessKeyId": r.key,
                    "Source": r.source,
                    "InUse": r.in_use,
                })
            })
            .collect();
        let document = json!({
            "Profiles": profiles,
            "InUse": self.in_use.as_ref().map(|source| json!({
                "Source": source,
                "Reason": self.reason,
            })),
            "Reason": self.reason,
            "Problems": self.problems,
        });
        let text = serde_json::to_string(&document).expect("a JSON value serializes");
        crate::render::pretty_json(&text)
    }
}

/// The report `oos-logs profiles` prints.
pub(crate) fn report(env: &Environment, files: &Files, pinned: Option<&str>) -> Report {
    let selection = chain::select(env, files, pinned);
    let (rows, broken) = rows(env, files, selection.as_ref().ok());
    let problems: Vec<String> = broken.iter().map(ToString::to_string).collect();
    let (in_use, reason, failure) = outcome(selection, broken);
    let text = text(&rows, &problems, in_use.as_deref(), &reason);
    Report {
        rows,
        problems,
        in_use,
        reason,
        text,
        failure,
    }
}

/// Every source's rows, in the chain's order (the same list the chain walks), and the files
/// that could not be read. `selection` is the chain's choice, to mark the row in use.
fn rows(
    env: &Environment,
    files: &Files,
    selection: Option<&Selection>,
) -> (Vec<Row>, Vec<ConfigError>) {
    let mut rows: Vec<Row> = Vec::new();
    let mut problems: Vec<ConfigError> = Vec::new();
    let chosen = |what: Chosen<'_>| selection.is_some_and(|sel| is_chosen(&sel.choice, what));
    let environment = |mode: &str, region, key, source, in_use| Row {
        name: "(environment)".to_owned(),
        mark: None,
        mode: mode.to_owned(),
        region,
        key,
        source,
        in_use,
    };
    for source in CHAIN {
        match source {
            Source::EnvironmentKey => {
                if let EnvKey::Set { id, token, .. } = sources::env_key(env) {
                    rows.push(environment(
                        if token.is_some() { "sts" } else { "ak" },
                        env.var("ALIBABA_CLOUD_REGION_ID").map(str::to_owned),
                        Some(mask_key_id(id)),
                        "environment variables".to_owned(),
                        chosen(Chosen::EnvironmentKey),
                    ));
                }
            }
            // Listed only when the chain would take it: all three variables.
            Source::EnvironmentOidc => {
                if let EnvOidc::Set { role_arn, .. } = sources::env_oidc(env) {
                    rows.push(environment(
                        "oidc",
                        None,
                        None,
                        format!("{ENV_ROLE_ARN} = {role_arn}"),
                        chosen(Chosen::EnvironmentOidc),
                    ));
                }
            }
            Source::File(file) => match file_rows(files, file, &chosen) {
                Ok(found) => rows.extend(found),
                Err(e) => problems.push(e),
            },
            Source::EcsMetadata => {
                if let Some(role) = env.var(ENV_ECS_METADATA) {
                    rows.push(Row {
                        name: "(ECS instance)".to_owned(),
                        mark: None,
                        mode: "ecs_ram_role".to_owned(),
                        region: None,
                        key: None,
                        source: format!("{ENV_ECS_METADATA} = {role}"),
                        in_use: chosen(Chosen::Ecs),
                    });
                }
            }
            Source::CredentialsUri => {
                if let Some(uri) = env.var(ENV_CREDENTIALS_URI) {
                    rows.push(environment(
                        "credentials_uri",
                        None,
                        None,
                        format!("{ENV_CREDENTIALS_URI} = {uri}"),
                        chosen(Chosen::CredentialsUri),
                    ));
                }
            }
        }
    }
    (rows, problems)
}

/// One file's rows, its own profile marked (`default` or `current`).
fn file_rows(
    files: &Files,
    file: ConfigFile,
    chosen: &dyn Fn(Chosen<'_>) -> bool,
) -> Result<Vec<Row>, ConfigError> {
    let row_of = |p: &Profile, mark| row(p, mark, chosen(Chosen::Profile(p)));
    Ok(match file {
        ConfigFile::Oos => files.oos_config()?.map(|cfg| {
            let default = cfg.default().ok().flatten().map(|p| p.name.clone());
            cfg.profiles
                .values()
                .map(|p| row_of(p, (Some(&p.name) == default.as_ref()).then_some("default")))
                .collect()
        }),
        ConfigFile::Aliyun => files.aliyun_config()?.map(|cfg| {
            let current = cfg.current().ok().flatten().map(|p| p.name.clone());
            cfg.profiles
                .iter()
                .map(|p| row_of(p, (Some(&p.name) == current.as_ref()).then_some("current")))
                .collect()
        }),
        ConfigFile::Ini => files
            .ini_config()?
            .map(|cfg| cfg.profiles.iter().map(|p| row_of(p, None)).collect()),
    }
    .unwrap_or_default())
}

/// Whether the chain's `choice` is the row `what`: a profile (by file and name), or a source
/// of the environment.
fn is_chosen(choice: &Choice, what: Chosen<'_>) -> bool {
    match what {
        Chosen::Profile(p) => matches!(choice,
            Choice::Profile { profile, .. } if profile.name == p.name && profile.file == p.file),
        Chosen::EnvironmentKey => matches!(choice, Choice::Environment(_)),
        Chosen::EnvironmentOidc => matches!(choice, Choice::EnvironmentOidc { .. }),
        Chosen::Ecs => matches!(choice, Choice::EcsMetadata { .. }),
        Chosen::CredentialsUri => matches!(choice, Choice::CredentialsUri(_)),
    }
}

/// What is in use and why, and what makes `profiles` fail: the chain's error, else a broken
/// file the chain did not need to read.
fn outcome(
    selection: Result<Selection, oos_api::Error>,
    mut problems: Vec<ConfigError>,
) -> (Option<String>, String, Option<Error>) {
    match selection {
        Ok(selection) => {
            let what = match &selection.choice {
                Choice::Environment(_) => "the AccessKey in the environment".to_owned(),
                _ => selection.source.clone(),
            };
            let failure = match problems.len() {
                0 => None,
                1 => problems.pop().map(Error::from),
                _ => Some(ConfigError::Several(problems).into()),
            };
            (Some(what), selection.reason, failure)
        }
        Err(e) => (None, e.to_string(), Some(e.into())),
    }
}

/// What a row is, to tell whether the chain chose it.
#[derive(Clone, Copy)]
enum Chosen<'a> {
    Profile(&'a Profile),
    EnvironmentKey,
    EnvironmentOidc,
    Ecs,
    CredentialsUri,
}

/// The listing as text: a column per field, the problems, then the one in use and why.
fn text(rows: &[Row], problems: &[String], in_use: Option<&str>, reason: &str) -> String {
    let rows: Vec<Row> = rows.iter().map(Row::inert).collect();
    let rows = rows.as_slice();
    let mut out = String::new();
    let name = |r: &Row| match r.mark {
        Some(mark) => format!("{} ({mark})", r.name),
        None => r.name.clone(),
    };
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    if rows.is_empty() {
        out.push_str("no profiles\n");
    } else {
        let width = |f: &dyn Fn(&Row) -> String, title: &str| {
            rows.iter()
                .map(|r| f(r).chars().count())
                .max()
                .unwrap_or(0)
                .max(title.len())
        };
        let w = [
            width(&name, "NAME"),
            width(&|r: &Row| r.mode.clone(), "MODE"),
            width(&|r: &Row| dash(&r.region), "REGION"),
            width(&|r: &Row| dash(&r.key), "ACCESS KEY"),
        ];
        let _ = writeln!(
            out,
            "{:<a$}  {:<b$}  {:<c$}  {:<d$}  SOURCE",
            "NAME",
            "MODE",
            "REGION",
            "ACCESS KEY",
            a = w[0],
            b = w[1],
            c = w[2],
            d = w[3]
        );
        for r in rows {
            let _ = writeln!(
                out,
                "{:<a$}  {:<b$}  {:<c$}  {:<d$}  {}",
                name(r),
                r.mode,
                dash(&r.region),
                dash(&r.key),
                r.source,
                a = w[0],
                b = w[1],
                c = w[2],
                d = w[3]
            );
        }
    }
    for problem in problems {
        let _ = writeln!(out, "problem: {problem}");
    }
    out.push('\n');
    let _ = writeln!(out, "in use: {}", in_use.unwrap_or("none"));
    let _ = writeln!(out, "because: {reason}");
    // Problems and reasons quote files and values: inert too (their own newlines kept).
    escape_controls(&out, Newlines::Keep).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_source_masks_keys_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
            }
        };
        write(
            "config/oos-logs/config.toml",
            "default_profile = \"prod\"\n[profiles.prod]\naccess_key_id = \"LTAI5tProdKey0000abcd\"\naccess_key_secret = \"prod-secret-value\"\nregion_id = \"cn-hangzhou\"\n",
        );
        write(
            "home/.aliyun/config.json",
            r#"{"current":"dev","profiles":[{"name":"dev","mode":"StsToken","access_key_id":"STS.DevKey000000wxyz","access_key_secret":"dev-secret","sts_token":"dev-token"}]}"#,
        );
        write(
            "home/.alibabacloud/credentials",
            "[default]\ntype = ecs_ram_role\nrole_name = R\n",
        );
        let mut env = Environment::from_vars([("ALIBABA_CLOUD_ECS_METADATA", "R")]);
        env.home_dir = Some(dir.path().join("home"));
        env.config_dir = Some(dir.path().join("config"));
        let files = Files::locate(&env, None).unwrap();
        let report_ = report(&env, &files, None);
        assert!(report_.failure.is_none());
        let text = report_.text;
        assert!(
            text.contains("prod (default)")
                && text.contains("LTAI****abcd")
                && text.contains("cn-hangzhou"),
            "{text}"
        );
        assert!(
            text.contains("dev (current)")
                && text.contains("STS.****wxyz")
                && text.contains(" sts "),
            "{text}"
        );
        assert!(text.contains("ecs_ram_role"), "{text}");
        assert!(text.contains("in use: profile \"prod\""), "{text}");
        for secret in [
            "prod-secret-value",
            "dev-secret",
            "dev-token",
            "LTAI5tProdKey0000abcd",
        ] {
            assert!(!text.contains(secret), "{secret} shown");
        }
        let pinned = report(&env, &files, Some("dev")).text;
        assert!(
            pinned.contains("in use: profile \"dev\"") && pinned.contains("--profile"),
            "{pinned}"
        );
    }
}
