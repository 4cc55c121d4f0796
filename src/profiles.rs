//! `oos-logs profiles`: every profile from every source (name, mode, region, masked key,
//! file), and which one the credential chain would use now, and why.
//!
//! It reads the config files and the environment; it never prints a secret (AccessKey ids are
//! masked, secrets and tokens are not shown at all) and makes no network call.

use std::fmt::Write as _;

use crate::credentials::chain::{self, Choice, Files};
use crate::credentials::profile::Profile;
use crate::environment::Environment;
use crate::error::Error;
use crate::sanitize::{Newlines, escape_controls};
use crate::secret::mask_key_id;

struct Row {
    name: String,
    mode: String,
    region: String,
    key: String,
    source: String,
}

fn row(profile: &Profile, mark: &str) -> Row {
    Row {
        name: format!("{}{mark}", profile.name),
        mode: match profile.resolved_mode() {
            Ok(m) => m.name().to_owned(),
            Err(_) => format!("{} (unsupported)", profile.mode.as_deref().unwrap_or("?")),
        },
        region: profile.region_id.clone().unwrap_or_else(|| "-".to_owned()),
        key: profile
            .access_key_id
            .as_deref()
            .map_or_else(|| "-".to_owned(), mask_key_id),
        source: profile.file.display().to_string(),
    }
}

/// What `oos-logs profiles` prints, and what makes it fail.
#[derive(Debug)]
pub struct Report {
    /// The listing, the problems found and the profile in use (or why none), for stdout.
    pub text: String,
    /// Why a command would fail with this configuration: the chain's error (a broken file, a
    /// pinned profile that does not exist, no credentials at all), else a broken file the
    /// chain did not need to read. `profiles` prints what it can, then exits with its code.
    pub failure: Option<Error>,
}

/// The report `oos-logs profiles` prints.
pub fn report(env: &Environment, files: &Files, pinned: Option<&str>) -> Report {
    let mut rows: Vec<Row> = Vec::new();
    let mut problems: Vec<String> = Vec::new();

    let id = env.first_var(&[chain::ENV_ACCESS_KEY_ID, "ALICLOUD_ACCESS_KEY_ID"]);
    if let Some(id) = id {
        rows.push(Row {
            name: "(environment)".to_owned(),
            mode: if env
                .first_var(&[chain::ENV_SECURITY_TOKEN, "ALICLOUD_SECURITY_TOKEN"])
                .is_some()
            {
                "sts"
            } else {
                "ak"
            }
            .to_owned(),
            region: env.var("ALIBABA_CLOUD_REGION_ID").unwrap_or("-").to_owned(),
            key: mask_key_id(id),
            source: "environment variables".to_owned(),
        });
    }
    if let Some(role) = env.var(chain::ENV_ROLE_ARN)
        && env.var(chain::ENV_OIDC_PROVIDER_ARN).is_some()
    {
        rows.push(Row {
            name: "(environment)".to_owned(),
            mode: "oidc".to_owned(),
            region: "-".to_owned(),
            key: "-".to_owned(),
            source: format!("{} = {role}", chain::ENV_ROLE_ARN),
        });
    }
    match files.oos_config() {
        Ok(Some(cfg)) => {
            let default = cfg.default().ok().flatten().map(|p| p.name.clone());
            for p in cfg.profiles.values() {
                rows.push(row(
                    p,
                    if Some(&p.name) == default.as_ref() {
                        " (default)"
                    } else {
                        ""
                    },
                ));
            }
        }
        Ok(None) => {}
        Err(e) => problems.push(e.to_string()),
    }
    match files.aliyun_config() {
        Ok(Some(cfg)) => {
            let current = cfg.current().ok().flatten().map(|p| p.name.clone());
            for p in &cfg.profiles {
                rows.push(row(
                    p,
                    if Some(&p.name) == current.as_ref() {
                        " (current)"
                    } else {
                        ""
                    },
                ));
            }
        }
        Ok(None) => {}
        Err(e) => problems.push(e.to_string()),
    }
    match files.ini_config() {
        Ok(Some(cfg)) => rows.extend(cfg.profiles.iter().map(|p| row(p, ""))),
        Ok(None) => {}
        Err(e) => problems.push(e.to_string()),
    }
    if let Some(role) = env.var(chain::ENV_ECS_METADATA) {
        rows.push(Row {
            name: "(ECS instance)".to_owned(),
            mode: "ecs_ram_role".to_owned(),
            region: "-".to_owned(),
            key: "-".to_owned(),
            source: format!("{} = {role}", chain::ENV_ECS_METADATA),
        });
    }

    let mut out = String::new();
    if rows.is_empty() {
        out.push_str("no profiles\n");
    } else {
        let width = |f: fn(&Row) -> &str, title: &str| {
            rows.iter()
                .map(|r| f(r).chars().count())
                .max()
                .unwrap_or(0)
                .max(title.len())
        };
        let w = [
            width(|r| &r.name, "NAME"),
            width(|r| &r.mode, "MODE"),
            width(|r| &r.region, "REGION"),
            width(|r| &r.key, "ACCESS KEY"),
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
        for r in &rows {
            let _ = writeln!(
                out,
                "{:<a$}  {:<b$}  {:<c$}  {:<d$}  {}",
                r.name,
                r.mode,
                r.region,
                r.key,
                r.source,
                a = w[0],
                b = w[1],
                c = w[2],
                d = w[3]
            );
        }
    }
    for problem in &problems {
        let _ = writeln!(out, "problem: {problem}");
    }
    out.push('\n');
    let failure = match chain::select(env, files, pinned) {
        Ok(selection) => {
            let what = match &selection.choice {
                Choice::Environment(_) => "the AccessKey in the environment".to_owned(),
                _ => selection.source.clone(),
            };
            let _ = writeln!(out, "in use: {what}");
            let _ = writeln!(out, "because: {}", selection.reason);
            (!problems.is_empty()).then(|| Error::Config(problems.join("\n  ")))
        }
        Err(e) => {
            let _ = writeln!(out, "in use: none");
            let _ = writeln!(out, "because: {e}");
            Some(e)
        }
    };
    Report {
        // Names and paths come from files: keep them inert on a terminal.
        text: escape_controls(&out, Newlines::Keep).into_owned(),
        failure,
    }
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
