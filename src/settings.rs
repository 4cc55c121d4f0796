//! Resolving the command line, the environment and the chosen profile into one plain
//! `Settings` value.
//!
//! Precedence (DESIGN §2-3), highest first: flag > environment variable > profile > built-in
//! default. Region: `--region` > `ALIBABA_CLOUD_REGION_ID` > profile `region_id`, else an
//! error (no silent default). Endpoint: `--endpoint` > `OOS_LOGS_ENDPOINT` > profile
//! `endpoint` > `oos[-vpc].<region>.aliyuncs.com`. Output: `-o` > `OOS_LOGS_OUTPUT` > profile
//! `output` > table on a terminal, plain otherwise (nothing switches to a CI format by itself).
//! Colour is decided here, once. This module must not do HTTP.

use std::time::Duration;

use crate::cli::{ColorChoice, EndpointType, GlobalArgs, OutputFormat};
use crate::config::error::ConfigError;
use crate::config::profile::Profile;
use crate::endpoint::Endpoint;
use crate::environment::Environment;
use crate::error::Error;

/// Everything `list` needs, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// RegionId sent with every request.
    pub region: String,
    /// Where requests go.
    pub endpoint: Endpoint,
    /// Output format.
    pub output: OutputFormat,
    /// Whether to colour output.
    pub color: bool,
    /// Width for the table.
    pub width: u16,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Read timeout.
    pub read_timeout: Duration,
    /// Retries of retryable failures.
    pub retries: u32,
    /// -v count.
    pub verbose: u8,
}

/// Facts about the terminal, taken once at the edge (main) and passed in.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// stdout is a terminal.
    pub stdout_is_tty: bool,
    /// The terminal's width in columns, if known.
    pub width: Option<u16>,
}

impl Terminal {
    /// Looks at the real stdout.
    pub fn detect() -> Self {
        use std::io::IsTerminal;
        let stdout = std::io::stdout();
        Self {
            stdout_is_tty: stdout.is_terminal(),
            width: terminal_size::terminal_size_of(&stdout).map(|(w, _)| w.0),
        }
    }
}

/// The global options with their environment variables filled in where the flag is absent:
/// `ALIBABA_CLOUD_PROFILE`, `ALIBABA_CLOUD_REGION_ID`, `OOS_LOGS_ENDPOINT`, `OOS_LOGS_CONFIG`.
/// A blank variable counts as unset (CI systems often export empty values).
pub(crate) fn with_environment(mut global: GlobalArgs, env: &Environment) -> GlobalArgs {
    let var = |name: &str| env.var(name).map(|v| v.trim().to_owned());
    global.profile = global.profile.or_else(|| var("ALIBABA_CLOUD_PROFILE"));
    global.region = global.region.or_else(|| var("ALIBABA_CLOUD_REGION_ID"));
    global.endpoint = global.endpoint.or_else(|| var("OOS_LOGS_ENDPOINT"));
    global.config = global
        .config
        .or_else(|| var("OOS_LOGS_CONFIG").map(Into::into));
    global
}

/// Parses an endpoint given on the command line or in `OOS_LOGS_ENDPOINT`: a usage error
/// (exit 2) when it is invalid. Checked before anything else is read.
pub(crate) fn endpoint_override(global: &GlobalArgs) -> Result<Option<Endpoint>, Error> {
    global
        .endpoint
        .as_deref()
        .map(Endpoint::parse)
        .transpose()
        .map_err(Error::Usage)
}

/// Resolves the settings of a `list` run.
pub(crate) fn resolve(
    global: &GlobalArgs,
    output_flag: Option<OutputFormat>,
    profile: Option<&Profile>,
    env: &Environment,
    terminal: Terminal,
) -> Result<Settings, Error> {
    let flag_region = global.region.clone().filter(|r| !r.trim().is_empty());
    let region_from_profile = flag_region.is_none();
    let region = flag_region
        .or_else(|| profile.and_then(|p| p.region_id.clone()))
        .ok_or_else(|| ConfigError::NoRegion {
            // None for credentials from the environment: no profile is read.
            profile: profile.map(Profile::describe),
        })?;

    // Checked here, whatever the endpoint: the region is sent with every request and shown by
    // -v, so an escape sequence in it must not get that far.
    if let Err(msg) = check_region(&region) {
        return Err(match profile.filter(|_| region_from_profile) {
            Some(p) => ConfigError::InvalidValue {
                place: p.describe(),
                key: Some("region_id"),
                reason: msg,
            }
            .into(),
            None => Error::Usage(format!("--region (or ALIBABA_CLOUD_REGION_ID): {msg}")),
        });
    }

    let endpoint = match endpoint_override(global)? {
        Some(e) => e,
        None => match profile.and_then(|p| p.endpoint.as_deref().map(|e| (p, e))) {
            Some((p, e)) => Endpoint::parse(e).map_err(|reason| ConfigError::InvalidValue {
                place: p.describe(),
                key: Some("endpoint"),
                reason,
            })?,
            None => {
                let vpc = match global.endpoint_type {
                    Some(t) => t == EndpointType::Vpc,
                    None => match profile.and_then(|p| p.endpoint_type.as_deref()) {
                        None | Some("") => false,
                        Some(t) if t.eq_ignore_ascii_case("vpc") => true,
                        Some(t) if t.eq_ignore_ascii_case("public") => false,
                        Some(t) => {
                            return Err(ConfigError::NotOneOf {
                                place: profile.map(Profile::describe).unwrap_or_default(),
                                key: "endpoint_type",
                                value: t.to_owned(),
                                expected: "public or vpc",
                            }
                            .into());
                        }
                    },
                };
                Endpoint::for_region(&region, vpc).map_err(Error::Usage)?
            }
        },
    };

    let output = match output_flag {
        Some(o) => o,
        None => match env
            .var("OOS_LOGS_OUTPUT")
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            Some(o) => <OutputFormat as clap::ValueEnum>::from_str(o, true).map_err(|_| {
                Error::Usage(format!(
                    "OOS_LOGS_OUTPUT {o:?} is not one of table, json, jsonl, plain, github, gitlab"
                ))
            })?,
            None => match profile.and_then(|p| p.output.as_deref().map(|o| (p, o))) {
                Some((p, o)) => {
                    <OutputFormat as clap::ValueEnum>::from_str(o, true).map_err(|_| {
                        ConfigError::NotOneOf {
                            place: p.describe(),
                            key: "output",
                            value: o.to_owned(),
                            expected: "one of table, json, jsonl, plain, github, gitlab",
                        }
                    })?
                }
                None if terminal.stdout_is_tty => OutputFormat::Table,
                None => OutputFormat::Plain,
            },
        },
    };

    Ok(Settings {
        region,
        endpoint,
        output,
        color: decide_color(global.color, env, terminal.stdout_is_tty),
        width: table_width(env, terminal),
        connect_timeout: global.connect_timeout,
        read_timeout: global.read_timeout,
        retries: global.retries,
        verbose: global.verbose,
    })
}

/// A region id is made of ASCII letters, digits and `-` (`cn-hangzhou`, `ap-southeast-1`).
fn check_region(region: &str) -> Result<(), String> {
    if !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        Ok(())
    } else {
        Err(format!(
            "invalid region id {region:?}: expected something like cn-hangzhou"
        ))
    }
}

/// `--color`: `always` and `never` are final; `auto` is off when `NO_COLOR` is set (to
/// anything non-empty), on when `CLICOLOR_FORCE` is set (and not `0`), off for `TERM=dumb`,
/// else on exactly when stdout is a terminal.
pub(crate) fn decide_color(choice: ColorChoice, env: &Environment, stdout_is_tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env.var("NO_COLOR").is_some() {
                false
            } else if env.var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if env.var("TERM") == Some("dumb") {
                false
            } else {
                stdout_is_tty
            }
        }
    }
}

/// The narrowest table drawn: four columns and their borders need this much.
pub(crate) const MIN_TABLE_WIDTH: u16 = 40;

/// The table's width: `COLUMNS`, else the terminal's, else 120; never below 40 columns.
fn table_width(env: &Environment, terminal: Terminal) -> u16 {
    env.var("COLUMNS")
        .and_then(|c| c.trim().parse::<u16>().ok())
        .or(terminal.width)
        .unwrap_or(120)
        .max(MIN_TABLE_WIDTH)
}

/// The request limits the global options ask for.
pub(crate) fn limits(global: &GlobalArgs) -> crate::transport::Limits {
    crate::transport::Limits {
        max_response_size: global.max_response_size,
        request_timeout: global.request_timeout,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn global(args: &[&str]) -> GlobalArgs {
        let mut argv = vec!["oos-logs"];
        argv.extend_from_slice(args);
        argv.extend_from_slice(&["list", "exec-1"]);
        Cli::try_parse_from(argv).unwrap().global
    }

    const TTY: Terminal = Terminal {
        stdout_is_tty: true,
        width: Some(90),
    };
    const PIPE: Terminal = Terminal {
        stdout_is_tty: false,
        width: None,
    };

    fn profile() -> Profile {
        Profile {
            name: "p".into(),
            file: "/c.toml".into(),
            region_id: Some("cn-shanghai".into()),
            ..Profile::default()
        }
    }

    #[test]
    fn region_flag_beats_profile_and_none_is_an_error() {
        let env = Environment::default();
        let s = resolve(
            &global(&["--region", "cn-beijing"]),
            None,
            Some(&profile()),
            &env,
            PIPE,
        )
        .unwrap();
        assert_eq!(s.region, "cn-beijing");
        let s = resolve(&global(&[]), None, Some(&profile()), &env, PIPE).unwrap();
        assert_eq!(s.region, "cn-shanghai");
        assert_eq!(
            s.endpoint.url.as_str(),
            "https://oos.cn-shanghai.aliyuncs.com/"
        );
        let err = resolve(&global(&[]), None, None, &env, PIPE).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert!(err.to_string().contains("--region"));
    }

    #[test]
    fn endpoint_precedence() {
        let env = Environment::default();
        let mut p = profile();
        p.endpoint = Some("oos-custom.example.com".into());
        let s = resolve(&global(&[]), None, Some(&p), &env, PIPE).unwrap();
        assert_eq!(s.endpoint.url.as_str(), "https://oos-custom.example.com/");
        let s = resolve(
            &global(&["--endpoint", "http://127.0.0.1:9"]),
            None,
            Some(&p),
            &env,
            PIPE,
        )
        .unwrap();
        assert_eq!(s.endpoint.url.as_str(), "http://127.0.0.1:9/");
        p.endpoint = None;
        p.endpoint_type = Some("vpc".into());
        let s = resolve(&global(&[]), None, Some(&p), &env, PIPE).unwrap();
        assert_eq!(
            s.endpoint.url.as_str(),
            "https://oos-vpc.cn-shanghai.aliyuncs.com/"
        );
        let s = resolve(
            &global(&["--endpoint-type", "public"]),
            None,
            Some(&p),
            &env,
            PIPE,
        )
        .unwrap();
        assert_eq!(
            s.endpoint.url.as_str(),
            "https://oos.cn-shanghai.aliyuncs.com/"
        );
    }

    #[test]
    fn environment_fills_absent_flags_and_blank_is_unset() {
        let env = Environment::from_vars([
            ("ALIBABA_CLOUD_PROFILE", ""),
            ("ALIBABA_CLOUD_REGION_ID", "cn-beijing"),
            ("OOS_LOGS_ENDPOINT", "  "),
            ("OOS_LOGS_CONFIG", "/etc/oos.toml"),
        ]);
        let g = with_environment(global(&[]), &env);
        assert_eq!(g.profile, None);
        assert_eq!(g.region.as_deref(), Some("cn-beijing"));
        assert_eq!(g.endpoint, None);
        assert_eq!(
            g.config.as_deref(),
            Some(std::path::Path::new("/etc/oos.toml"))
        );
        let g = with_environment(global(&["--region", "cn-shanghai", "-p", "x"]), &env);
        assert_eq!(
            (g.region.as_deref(), g.profile.as_deref()),
            (Some("cn-shanghai"), Some("x"))
        );
    }

    #[test]
    fn a_bad_endpoint_or_region_in_a_profile_is_a_config_error_and_never_raw() {
        let env = Environment::default();
        let mut p = profile();
        p.endpoint = Some("http://example.com".into());
        let err = resolve(&global(&[]), None, Some(&p), &env, PIPE).unwrap_err();
        assert_eq!(err.exit_code(), 3, "{err}");
        p.endpoint = Some("https://user:hunter2@oos.example.com".into());
        let err = resolve(&global(&[]), None, Some(&p), &env, PIPE).unwrap_err();
        assert_eq!(err.exit_code(), 3, "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        for region in ["cn-hangzhou\u{1b}[2J", "cn/../x", "cn hangzhou"] {
            let mut p = profile();
            p.region_id = Some(region.into());
            let err = resolve(&global(&[]), None, Some(&p), &env, PIPE).unwrap_err();
            assert_eq!(err.exit_code(), 3, "{err}");
            assert!(!err.to_string().contains('\u{1b}'), "{err}");
            // With an explicit endpoint too: the region would still be shown and sent.
            p.endpoint = Some("oos.example.com".into());
            let err = resolve(&global(&[]), None, Some(&p), &env, PIPE).unwrap_err();
            assert_eq!(err.exit_code(), 3, "{err}");
        }
        let err = resolve(
            &global(&["--region", "x\u{7}y"]),
            None,
            Some(&profile()),
            &env,
            PIPE,
        )
        .unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
    }

    #[test]
    fn plain_http_elsewhere_is_a_usage_error() {
        let err = endpoint_override(&global(&["--endpoint", "http://example.com"])).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn output_default_depends_on_terminal_and_profile() {
        let env = Environment::default();
        let g = global(&["--region", "r"]);
        assert_eq!(
            resolve(&g, None, None, &env, TTY).unwrap().output,
            OutputFormat::Table
        );
        assert_eq!(
            resolve(&g, None, None, &env, PIPE).unwrap().output,
            OutputFormat::Plain
        );
        let mut p = profile();
        p.output = Some("jsonl".into());
        assert_eq!(
            resolve(&g, None, Some(&p), &env, TTY).unwrap().output,
            OutputFormat::Jsonl
        );
        assert_eq!(
            resolve(&g, Some(OutputFormat::Json), Some(&p), &env, TTY)
                .unwrap()
                .output,
            OutputFormat::Json
        );
        p.output = Some("yaml".into());
        assert_eq!(
            resolve(&g, None, Some(&p), &env, TTY)
                .unwrap_err()
                .exit_code(),
            3
        );
    }

    #[test]
    fn oos_logs_output_chooses_the_format_between_the_flag_and_the_profile() {
        let g = global(&["--region", "r"]);
        let env = Environment::from_vars([("OOS_LOGS_OUTPUT", "github")]);
        let mut p = profile();
        p.output = Some("jsonl".into());
        assert_eq!(
            resolve(&g, None, Some(&p), &env, PIPE).unwrap().output,
            OutputFormat::Github
        );
        assert_eq!(
            resolve(&g, Some(OutputFormat::Plain), Some(&p), &env, PIPE)
                .unwrap()
                .output,
            OutputFormat::Plain
        );
        let bad = Environment::from_vars([("OOS_LOGS_OUTPUT", "xml")]);
        assert_eq!(
            resolve(&g, None, None, &bad, PIPE).unwrap_err().exit_code(),
            2
        );
        // Nothing switches to a CI format by itself, whatever CI variables say.
        let ci = Environment::from_vars([("GITHUB_ACTIONS", "true"), ("GITLAB_CI", "true")]);
        assert_eq!(
            resolve(&g, None, None, &ci, PIPE).unwrap().output,
            OutputFormat::Plain
        );
    }

    #[test]
    fn colour_rules() {
        let none = Environment::default();
        let no_color = Environment::from_vars([("NO_COLOR", "1")]);
        let force = Environment::from_vars([("CLICOLOR_FORCE", "1")]);
        let force0 = Environment::from_vars([("CLICOLOR_FORCE", "0")]);
        let dumb = Environment::from_vars([("TERM", "dumb")]);
        assert!(decide_color(ColorChoice::Auto, &none, true));
        assert!(!decide_color(ColorChoice::Auto, &none, false));
        assert!(!decide_color(ColorChoice::Auto, &no_color, true));
        assert!(decide_color(ColorChoice::Auto, &force, false));
        assert!(!decide_color(ColorChoice::Auto, &force0, false));
        assert!(!decide_color(ColorChoice::Auto, &dumb, true));
        assert!(decide_color(ColorChoice::Always, &no_color, false));
        assert!(!decide_color(ColorChoice::Never, &force, true));
    }

    #[test]
    fn width_from_columns_then_terminal() {
        let g = global(&["--region", "r"]);
        let env = Environment::from_vars([("COLUMNS", "200")]);
        assert_eq!(resolve(&g, None, None, &env, TTY).unwrap().width, 200);
        let narrow = Environment::from_vars([("COLUMNS", "20")]);
        assert_eq!(
            resolve(&g, None, None, &narrow, TTY).unwrap().width,
            MIN_TABLE_WIDTH
        );
        assert_eq!(
            resolve(&g, None, None, &Environment::default(), TTY)
                .unwrap()
                .width,
            90
        );
        assert_eq!(
            resolve(&g, None, None, &Environment::default(), PIPE)
                .unwrap()
                .width,
            120
        );
    }
}
