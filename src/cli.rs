//! The command line, declared with clap derive: flags, defaults, help text.
//!
//! Owns the shape of the command surface (DESIGN §2). It must do no I/O and read no files:
//! `settings` resolves these raw values against the environment and the config files.
//!
//! Options with an environment variable take it in `settings::with_environment`, not through
//! clap, so that a blank variable counts as unset everywhere alike.
//!
//! clap guidelines: `short` only with an explicit letter, bare `long`, an UPPERCASE
//! `value_name` on every option that takes a value; the first doc line is the short help.

use std::ffi::OsStr;
use std::time::Duration;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::parser::ValueSource;
use clap::{
    ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint,
};

/// The command line: the global options, from before and after the subcommand, and the
/// subcommand.
///
/// Global options are accepted before the subcommand when the subcommand uses them, and after
/// it likewise; each subcommand's help shows the ones it uses under "Global options"
/// ([`GLOBALS_OF`]). clap's `global = true` cannot do that (it gives every subcommand every
/// global option), so the top level declares them all ([`RawCli`]), [`Cli::command`] copies
/// each subcommand's own into it, and [`Cli::from_arg_matches`] merges the two places, the
/// later (after the subcommand) winning.
#[derive(Debug)]
pub struct Cli {
    /// The global options, merged.
    pub global: GlobalArgs,
    /// The subcommand.
    pub command: Command,
}

/// What clap derives: the global options at the top level only.
#[derive(Debug, Parser)]
#[command(name = "oos-logs", version, about, long_about = None, propagate_version = true)]
struct RawCli {
    #[command(flatten, next_help_heading = GLOBAL_HEADING)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// The help heading of the global options.
const GLOBAL_HEADING: &str = "Global options";

/// The global options (their clap ids) each subcommand uses; the others are refused there,
/// before or after its name.
pub const GLOBALS_OF: &[(&str, &[&str])] = &[
    ("list", ALL_GLOBALS),
    ("status", ALL_GLOBALS),
    ("executions", ALL_GLOBALS),
    // The demo's region, endpoint and credentials are its own; it sets no request limits.
    (
        "demo",
        &[
            "color",
            "connect_timeout",
            "read_timeout",
            "retries",
            "verbose",
        ],
    ),
    // Stored in the profile, which --profile names, in the file --config names.
    (
        "configure",
        &["profile", "region", "endpoint", "endpoint_type", "config"],
    ),
    ("profiles", &["profile", "config"]),
    ("emulator", &[]),
    ("completions", &[]),
    ("cache", &[]),
    (COMPLETE_PROFILES, &["config"]),
];

/// Every global option.
const ALL_GLOBALS: &[&str] = &[
    "profile",
    "region",
    "endpoint",
    "endpoint_type",
    "config",
    "color",
    "connect_timeout",
    "read_timeout",
    "retries",
    "max_response_size",
    "request_timeout",
    "no_credential_cache",
    "verbose",
];

/// The hidden subcommand the completion scripts call for profile names.
pub const COMPLETE_PROFILES: &str = "__complete-profiles";

impl Cli {
    /// The command as the completion scripts and man pages show it: without the hidden
    /// helper subcommand.
    pub fn documented_command() -> clap::Command {
        with_subcommand_globals(RawCli::command())
    }
}

impl CommandFactory for Cli {
    fn command() -> clap::Command {
        with_subcommand_globals(RawCli::command().subcommand(complete_profiles()))
    }

    fn command_for_update() -> clap::Command {
        with_subcommand_globals(RawCli::command_for_update().subcommand(complete_profiles()))
    }
}

/// `oos-logs __complete-profiles`, hidden.
fn complete_profiles() -> clap::Command {
    clap::Command::new(COMPLETE_PROFILES)
        .about("Print the profile names of every config file, one a line (for completion scripts)")
        .hide(true)
}

impl FromArgMatches for Cli {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut matches.clone())
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        // Read before the derived code takes the subcommand's matches away.
        let (name, sub) = matches
            .subcommand()
            .map(|(name, sub)| (name.to_owned(), sub.clone()))
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))?;
        let uses = globals_of(&name);
        if let Some(id) = given_ids(matches).find(|id| !uses.contains(id)) {
            let long = id.replace('_', "-");
            return Err(clap::Error::raw(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "--{long} does nothing for `oos-logs {name}`: it is not one of its options"
                ),
            ));
        }
        let (mut global, command) = if name == COMPLETE_PROFILES {
            let global = GlobalArgs::from_arg_matches_mut(matches)?;
            (global, Command::CompleteProfiles)
        } else {
            let raw = RawCli::from_arg_matches_mut(matches)?;
            (raw.global, raw.command)
        };
        global.merge(&sub);
        Ok(Self { global, command })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Parser for Cli {}

/// The global options a subcommand uses.
fn globals_of(name: &str) -> &'static [&'static str] {
    GLOBALS_OF
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, ids)| ids)
}

/// The global options given on the command line at this level.
fn given_ids(matches: &ArgMatches) -> impl Iterator<Item = &'static str> + '_ {
    ALL_GLOBALS.iter().copied().filter(|id| {
        matches.ids().any(|i| i.as_str() == *id)
            && matches.value_source(id) == Some(ValueSource::CommandLine)
    })
}

/// The derived command, with each subcommand's global options copied into it (under
/// "Global options"), and no file completion for a value that is not a file.
fn with_subcommand_globals(cmd: clap::Command) -> clap::Command {
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| ALL_GLOBALS.contains(&a.get_id().as_str()))
        .cloned()
        .collect();
    debug_assert_eq!(globals.len(), ALL_GLOBALS.len(), "a global id is misspelt");
    let cmd = cmd.mut_subcommands(|sub| {
        let uses = globals_of(sub.get_name());
        globals
            .iter()
            .filter(|a| uses.contains(&a.get_id().as_str()))
            // After the subcommand's own options, in the man page and the synopsis too.
            .fold(sub, |sub, arg| {
                let order = arg.get_display_order() + 1000;
                sub.arg(arg.clone().display_order(order))
            })
    });
    no_file_hints(cmd)
}

/// [`not_a_file`] on every argument of `cmd` and of its subcommands, however deep.
fn no_file_hints(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(not_a_file).mut_subcommands(no_file_hints)
}

/// A value that names no file completes as free text ([`ValueHint::Other`]), not as a file
/// name: every option and argument but `--config`, which says [`ValueHint::FilePath`] itself.
fn not_a_file(arg: clap::Arg) -> clap::Arg {
    let takes_value = arg.get_action().takes_values();
    // A list of values (regions, formats) completes as that list whatever the hint.
    let listed = arg.get_value_parser().possible_values().is_some();
    if takes_value && !listed && arg.get_value_hint() == ValueHint::Unknown {
        arg.value_hint(ValueHint::Other)
    } else {
        arg
    }
}

/// A parser that accepts any text (UTF-8; not blank when `non_empty`) and offers `values` to
/// shell completion: a hint, not a restriction (a new region works before this list knows it).
#[derive(Debug, Clone, Copy)]
struct Suggest {
    values: &'static [&'static str],
    non_empty: bool,
}

impl TypedValueParser for Suggest {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        if self.non_empty {
            non_empty.parse_ref(cmd, arg, value)
        } else {
            StringValueParser::new().parse_ref(cmd, arg, value)
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().map(PossibleValue::new)))
    }
}

/// Alibaba Cloud region ids, offered by `--region` completion.
pub const REGIONS: &[&str] = &[
    "cn-hangzhou",
    "cn-shanghai",
    "cn-beijing",
    "cn-shenzhen",
    "cn-qingdao",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-chengdu",
    "cn-heyuan",
    "cn-guangzhou",
    "cn-nanjing",
    "cn-fuzhou",
    "cn-hongkong",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "eu-central-1",
    "eu-west-1",
    "us-west-1",
    "us-east-1",
    "me-east-1",
    "me-central-1",
];

/// Execution statuses, offered by `executions --status` completion.
pub const STATUSES: &[&str] = &[
    "Running",
    "Started",
    "Queued",
    "Waiting",
    "Success",
    "Failed",
    "Cancelled",
];

/// Log types, offered by `-l` completion.
pub const LOG_TYPES: &[&str] = &["System", "Info", "Warning", "Error", "Debug"];

/// Global options: accepted before or after the subcommand, by the subcommands that use them
/// ([`GLOBALS_OF`]).
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]
    #[arg(short = 'p', long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]
    #[arg(long, value_name = "REGION", hide_possible_values = true,
          value_parser = Suggest { values: REGIONS, non_empty: false })]
    pub region: Option<String>,

    /// API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]
    #[arg(long, value_name = "HOST|URL")]
    pub endpoint: Option<String>,

    /// Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com
    #[arg(long, value_name = "TYPE")]
    pub endpoint_type: Option<EndpointType>,

    /// oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub config: Option<std::path::PathBuf>,

    /// When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// Time allowed to connect, e.g. 5s, 500ms
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = parse_positive_duration)]
    pub connect_timeout: Duration,

    /// Time allowed between bytes of a response, e.g. 30s
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_positive_duration)]
    pub read_timeout: Duration,

    /// Retries of a retryable failure (5xx, throttling, network)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 4,
        allow_negative_numbers = true
    )]
    pub retries: u32,

    /// Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_response_size: u64,

    /// Total time one request may take, connecting to the last byte of the answer, e.g. 60s
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_positive_duration)]
    pub request_timeout: Duration,

    /// Do not keep temporary (role) credentials on disk between runs
    #[arg(long)]
    pub no_credential_cache: bool,

    /// Trace requests on stderr, secrets redacted (-vv: response bodies too)
    #[arg(short = 'v', long, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

impl GlobalArgs {
    /// Takes the global options given after the subcommand (`sub`, the subcommand's matches)
    /// over those given before it; `-v` counts both.
    fn merge(&mut self, sub: &ArgMatches) {
        fn given<T: Clone + Send + Sync + 'static>(sub: &ArgMatches, id: &str) -> Option<T> {
            given_ids(sub)
                .any(|given| given == id)
                .then(|| sub.get_one::<T>(id).cloned())
                .flatten()
        }
        if let Some(v) = given(sub, "profile") {
            self.profile = Some(v);
        }
        if let Some(v) = given(sub, "region") {
            self.region = Some(v);
        }
        if let Some(v) = given(sub, "endpoint") {
            self.endpoint = Some(v);
        }
        if let Some(v) = given(sub, "endpoint_type") {
            self.endpoint_type = Some(v);
        }
        if let Some(v) = given(sub, "config") {
            self.config = Some(v);
        }
        if let Some(v) = given(sub, "color") {
            self.color = v;
        }
        if let Some(v) = given(sub, "connect_timeout") {
            self.connect_timeout = v;
        }
        if let Some(v) = given(sub, "read_timeout") {
            self.read_timeout = v;
        }
        if let Some(v) = given(sub, "retries") {
            self.retries = v;
        }
        if let Some(v) = given(sub, "max_response_size") {
            self.max_response_size = v;
        }
        if let Some(v) = given(sub, "request_timeout") {
            self.request_timeout = v;
        }
        if let Some(v) = given::<bool>(sub, "no_credential_cache") {
            self.no_credential_cache |= v;
        }
        if let Some(v) = given::<u8>(sub, "verbose") {
            self.verbose = self.verbose.saturating_add(v);
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an execution's logs (follow it with -f)
    #[command(after_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// Show an execution at a glance: status, times, outputs and its tasks
    #[command(after_help = STATUS_EXAMPLES)]
    Status(StatusArgs),
    /// Find executions, newest first
    Executions(ExecutionsArgs),
    /// Run the local OOS emulator (a signature-verifying stand-in for the service)
    #[cfg(feature = "emulator")]
    Emulator(EmulatorArgs),
    /// Run `list` against an embedded emulator with sample data
    #[cfg(feature = "emulator")]
    #[command(after_help = DEMO_SAMPLES)]
    Demo(DemoArgs),
    /// Write a profile to the oos-logs config (prompts on a terminal)
    Configure(ConfigureArgs),
    /// List every profile from every source, and which one is in use and why
    Profiles(ProfilesArgs),
    /// The cache of temporary credentials: where it is (`path`), or `clear` it
    Cache(CacheArgs),
    /// Print a shell completion script
    Completions {
        /// The shell
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the profile names of every config file, one a line (for the completion scripts)
    /// (Added and parsed by `Cli` itself, so that no completion script or man page lists it.)
    #[command(skip)]
    CompleteProfiles,
}

const LIST_EXAMPLES: &str = "Examples:
  oos-logs list exec-1234 --all                 every entry
  oos-logs list exec-1234 -f                    follow to the end; exit 0/10/11 by outcome
  oos-logs list exec-1234 --failed -r           why it failed, children included
  oos-logs list exec-1234 --all -o jsonl | jq .Message
  oos-logs list exec-1234 --since 1h --grep -i timeout";

const STATUS_EXAMPLES: &str = "Examples:
  oos-logs status exec-1234                     status, outputs and tasks
  oos-logs status exec-1234 -r -o json          with child executions, as JSON
  oos-logs status exec-1234 --exit-status       exit 0/10/11/12 by the execution's status";

#[cfg(feature = "emulator")]
const DEMO_SAMPLES: &str =
    "Sample executions: exec-demo-failed (the default), exec-live (runs for about 10 s: try -f),
exec-parent (children: try -r or --failed -r), exec-small, exec-hostile, exec-running,
exec-waiting, exec-empty, exec-large-N (N entries). `oos-logs emulator --help` lists them all.";

/// `oos-logs list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Execution id, e.g. exec-1234567890abcdef
    #[arg(value_name = "EXECUTION_ID")]
    pub execution_id: String,
    #[command(flatten)]
    pub options: ListOptions,
}

/// `oos-logs demo`: `list` options, with a default execution.
#[cfg(feature = "emulator")]
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Sample execution id [default: exec-demo-failed]
    #[arg(value_name = "EXECUTION_ID")]
    pub execution_id: Option<String>,
    #[command(flatten)]
    pub options: ListOptions,
}

/// The options of `list` (and `demo`).
#[derive(Debug, Clone, Args)]
pub struct ListOptions {
    /// Only this task execution (API TaskExecutionId)
    #[arg(short = 't', long = "task", value_name = "TASK_EXECUTION_ID", value_parser = non_empty)]
    pub task: Option<String>,

    /// Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as
    /// given)
    #[arg(short = 'l', long, value_name = "TYPE", hide_possible_values = true,
          value_parser = Suggest { values: LOG_TYPES, non_empty: true })]
    pub log_type: Option<String>,

    /// Page size, 1..=100 [default: the API's]
    #[arg(long, visible_alias = "page-size", value_name = "N", allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    pub max_results: Option<u32>,

    /// Start from this page token
    #[arg(long, value_name = "TOKEN", conflicts_with = "tail", value_parser = non_empty)]
    pub next_token: Option<String>,

    /// Skip the first N entries of the first page read (a resume hint gives it)
    #[arg(long, value_name = "N", allow_negative_numbers = true,
          conflicts_with_all = ["tail", "recursive", "failed"])]
    pub skip: Option<u64>,

    /// Follow NextToken to the last page
    #[arg(short = 'a', long)]
    pub all: bool,

    /// Stop after N entries (fetches only the pages needed)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..),
          allow_negative_numbers = true, conflicts_with_all = ["follow", "tail"])]
    pub limit: Option<u64>,

    /// Print new entries until the execution ends; exit 0/10/11 by its outcome
    #[arg(short = 'f', long)]
    pub follow: bool,

    /// Poll interval while following, at least 1s [default: 1s after new entries, up to 5s]
    #[arg(long, value_name = "DURATION", value_parser = parse_interval)]
    pub interval: Option<Duration>,

    /// Stop following after this long: exit 12
    #[arg(long, value_name = "DURATION", value_parser = parse_positive_duration)]
    pub wait_timeout: Option<Duration>,

    /// After printing, exit by the execution's status: 0, 10 Failed, 11 Cancelled, 12 not ended
    #[arg(long)]
    pub exit_status: bool,

    /// Child executions too, merged by time, each entry labelled with its execution
    #[arg(short = 'r', long)]
    pub recursive: bool,

    /// Only the logs of failed tasks, and the execution's own errors
    #[arg(long, conflicts_with = "task")]
    pub failed: bool,

    /// Only entries at or after TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago
    #[arg(long, value_name = "TIME", value_parser = crate::timespec::parse_time_arg)]
    pub since: Option<jiff::Timestamp>,

    /// Only entries before TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago
    #[arg(long, value_name = "TIME", value_parser = crate::timespec::parse_time_arg)]
    pub until: Option<jiff::Timestamp>,

    /// Only entries whose message matches this regular expression
    #[arg(short = 'g', long, value_name = "REGEX")]
    pub grep: Option<String>,

    /// --grep ignores case
    #[arg(short = 'i', long, requires = "grep")]
    pub ignore_case: bool,

    /// Only the last N entries (with --follow: then keep following)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub tail: Option<u64>,

    /// Show times in the local time zone in table and plain (TZ honoured)
    #[arg(long)]
    pub local: bool,

    /// Output format [default: OOS_LOGS_OUTPUT, the profile's, else table on a terminal, plain
    /// otherwise]
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// table: no header row (plain has none)
    #[arg(long)]
    pub no_headers: bool,

    /// Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)
    #[arg(long)]
    pub no_pager: bool,
}

/// `oos-logs status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Execution id
    #[arg(value_name = "EXECUTION_ID")]
    pub execution_id: String,
    /// Child executions too, nested
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Exit by the execution's status: 0, 10 Failed, 11 Cancelled, 12 not ended
    #[arg(long)]
    pub exit_status: bool,
    /// Show times in the local time zone (TZ honoured)
    #[arg(long)]
    pub local: bool,
    /// Output format [default: table]
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<StatusFormat>,
    /// Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)
    #[arg(long)]
    pub no_pager: bool,
}

/// `oos-logs executions`.
#[derive(Debug, Args)]
pub struct ExecutionsArgs {
    /// Only executions with this status (Running, Success, Failed, Cancelled, Waiting, ...)
    #[arg(long, value_name = "STATUS", hide_possible_values = true,
          value_parser = Suggest { values: STATUSES, non_empty: false })]
    pub status: Option<String>,
    /// Only executions of templates whose name contains this
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// Only executions started at or after TIME: RFC 3339, a date, or 10m/2h/3d ago
    #[arg(long, value_name = "TIME", value_parser = crate::timespec::parse_time_arg)]
    pub since: Option<jiff::Timestamp>,
    /// Only executions started before TIME: RFC 3339, a date, or 10m/2h/3d ago
    #[arg(long, value_name = "TIME", value_parser = crate::timespec::parse_time_arg)]
    pub until: Option<jiff::Timestamp>,
    /// Only the child executions of this one
    #[arg(long, value_name = "EXECUTION_ID")]
    pub parent: Option<String>,
    /// At most N executions
    #[arg(long, value_name = "N", default_value_t = 20, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..), conflicts_with = "all")]
    pub limit: u64,
    /// Every matching execution
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Show times in the local time zone in table and plain (TZ honoured)
    #[arg(long)]
    pub local: bool,
    /// Output format [default: the profile's, else table on a terminal, plain otherwise]
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,
    /// table: no header row (plain has none)
    #[arg(long)]
    pub no_headers: bool,
    /// Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)
    #[arg(long)]
    pub no_pager: bool,
}

/// `oos-logs profiles`.
#[derive(Debug, Args)]
pub struct ProfilesArgs {
    /// Output format [default: table]
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<ProfilesFormat>,
}

/// `profiles -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfilesFormat {
    /// The profiles as columns, then the one in use and why
    Table,
    /// `{"Profiles": [...], "InUse": {...}, "Problems": [...]}`, never a secret
    Json,
}

/// `oos-logs cache`.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// What to do [default: path]
    #[command(subcommand)]
    pub action: Option<CacheAction>,
}

/// `oos-logs cache <ACTION>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum CacheAction {
    /// Print the credential cache directory
    Path,
    /// Remove the cached temporary credentials oos-logs wrote
    Clear,
}

/// `oos-logs configure`: the profile is `--profile` (default `default`), the region `--region`.
#[derive(Debug, Clone, Args)]
pub struct ConfigureArgs {
    /// Credential mode of the profile
    #[arg(long, value_name = "MODE")]
    pub mode: Option<crate::configure::WriteMode>,
    /// AccessKey ID [env: ALIBABA_CLOUD_ACCESS_KEY_ID]
    #[arg(long, value_name = "ID")]
    pub access_key_id: Option<String>,
    /// Default output format of the profile
    #[arg(long, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,
    /// Read the AccessKey Secret (and, for sts, the token on a second line) from stdin
    #[arg(long)]
    pub secret_stdin: bool,
    /// Never prompt; values come from flags, the environment and stdin
    #[arg(long)]
    pub non_interactive: bool,
    /// Make this profile the default
    #[arg(long)]
    pub set_default: bool,
}

/// `oos-logs emulator`.
#[cfg(feature = "emulator")]
#[derive(Debug, Clone, Args)]
pub struct EmulatorArgs {
    /// Port to listen on (127.0.0.1); 0 picks a free one
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    // The faults to inject: their flags are defined once, on `Faults`.
    #[command(flatten)]
    pub faults: crate::emulator::Faults,
    /// The last page of a running execution: no NextToken (empty), or one that later returns more
    #[arg(long, value_name = "KIND", default_value = "empty")]
    pub tail_token: TailTokenArg,
}

/// `emulator --tail-token`.
#[cfg(feature = "emulator")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum TailTokenArg {
    /// No NextToken on the last page, as for a finished execution
    #[default]
    Empty,
    /// A NextToken that returns nothing until new entries appear
    Token,
}

/// `--endpoint-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EndpointType {
    /// oos.<region>.aliyuncs.com
    Public,
    /// oos-vpc.<region>.aliyuncs.com
    Vpc,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal
    Table,
    /// One JSON document
    Json,
    /// One compact JSON object per log entry
    Jsonl,
    /// One tab-separated line per entry
    Plain,
    /// GitHub Actions: a group per task, Error and Warning annotations, content fenced so it
    /// cannot issue workflow commands (list only)
    Github,
    /// GitLab CI: a collapsible section per task (list only)
    Gitlab,
}

impl OutputFormat {
    /// The CI formats, which only `list` prints.
    pub fn is_ci(self) -> bool {
        matches!(self, Self::Github | Self::Gitlab)
    }
}

/// `status -o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// The execution, then its tasks as a table
    Table,
    /// `{"Execution": {...}, "Tasks": [...]}` with the API's fields as sent
    Json,
    /// A summary for `$GITHUB_STEP_SUMMARY`: status, failed tasks with their last error lines
    Markdown,
    /// A JUnit XML report: a testsuite per execution, a testcase per task
    Junit,
}

/// A value that is not empty or blank (an empty id would be sent, or silently ignored).
fn non_empty(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("must not be empty".to_owned())
    } else {
        Ok(s.to_owned())
    }
}

/// `--interval`: a duration of at least one second.
fn parse_interval(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d < Duration::from_secs(1) {
        return Err(format!("{s:?} is shorter than the 1s minimum"));
    }
    Ok(d)
}

/// A duration that is not zero.
fn parse_positive_duration(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d.is_zero() {
        return Err("must be longer than 0".to_owned());
    }
    Ok(d)
}

/// `--max-response-size`: a number of bytes, with an optional `KiB`, `MiB` or `GiB` suffix;
/// not zero.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let text = s.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_size: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" => 1024,
        "mib" => 1024 * 1024,
        "gib" => 1024 * 1024 * 1024,
        _ => {
            return Err(format!(
                "invalid size {s:?}: use a number of bytes, or KiB, MiB, GiB, e.g. 64MiB"
            ));
        }
    };
    let n: u64 = number.parse().map_err(|_| {
        format!("invalid size {s:?}: use a number of bytes, or KiB, MiB, GiB, e.g. 64MiB")
    })?;
    let size = n
        .checked_mul(unit_size)
        .ok_or_else(|| format!("invalid size {s:?}: too large"))?;
    if size == 0 {
        return Err("must be larger than 0".to_owned());
    }
    Ok(size)
}

/// Parses `5s`, `500ms`, `1m 30s` (jiff's friendly format), or a bare number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<f64>() {
        return Duration::try_from_secs_f64(secs)
            .map_err(|e| format!("invalid duration {s:?}: {e}"));
    }
    let signed: jiff::SignedDuration = s
        .parse()
        .map_err(|_| format!("invalid duration {s:?}: use e.g. 5s, 500ms, 1m"))?;
    Duration::try_from(signed).map_err(|_| format!("invalid duration {s:?}: must not be negative"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1m 30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("0.25"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1_048_576));
        assert_eq!(parse_size("64MiB"), Ok(64 * 1024 * 1024));
        assert_eq!(parse_size("512 KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("1gib"), Ok(1024 * 1024 * 1024));
        for bad in [
            "0",
            "0MiB",
            "",
            "MiB",
            "1.5MiB",
            "-1",
            "10MB",
            "ten",
            "99999999999999GiB",
        ] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        let cli = Cli::try_parse_from(["oos-logs", "list", "e"]).unwrap();
        assert_eq!(cli.global.max_response_size, 64 * 1024 * 1024);
        assert_eq!(cli.global.request_timeout, Duration::from_secs(60));
        assert!(Cli::try_parse_from(["oos-logs", "list", "e", "--request-timeout", "0"]).is_err());
        assert!(
            Cli::try_parse_from(["oos-logs", "list", "e", "--max-response-size", "0"]).is_err()
        );
    }

    #[test]
    fn global_options_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "oos-logs",
            "list",
            "exec-1",
            "--region",
            "cn-beijing",
            "-vv",
        ])
        .unwrap();
        assert_eq!(cli.global.region.as_deref(), Some("cn-beijing"));
        assert_eq!(cli.global.verbose, 2);
    }

    #[test]
    fn global_options_before_or_after_the_subcommand() {
        for command in [&["list", "e"][..], &["status", "e"], &["executions"]] {
            let before = Cli::try_parse_from(
                ["oos-logs", "--region", "cn-x", "-p", "a", "-v"]
                    .iter()
                    .chain(command),
            )
            .unwrap();
            let after = Cli::try_parse_from(
                ["oos-logs"]
                    .iter()
                    .chain(command)
                    .chain(&["--region", "cn-x", "-p", "a", "-v"]),
            )
            .unwrap();
            for cli in [before, after] {
                assert_eq!(cli.global.region.as_deref(), Some("cn-x"), "{command:?}");
                assert_eq!(cli.global.profile.as_deref(), Some("a"), "{command:?}");
                assert_eq!(cli.global.verbose, 1, "{command:?}");
            }
        }
        // After the subcommand wins; -v counts both places.
        let cli = Cli::try_parse_from([
            "oos-logs",
            "--retries",
            "1",
            "-v",
            "list",
            "e",
            "--retries",
            "2",
            "-v",
        ])
        .unwrap();
        assert_eq!((cli.global.retries, cli.global.verbose), (2, 2));
        // A default after the subcommand does not undo a value before it.
        let cli = Cli::try_parse_from(["oos-logs", "--retries", "1", "list", "e"]).unwrap();
        assert_eq!(cli.global.retries, 1);
    }

    #[test]
    fn every_global_option_is_merged_from_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "oos-logs",
            "list",
            "e",
            "--profile=p",
            "--region=r",
            "--endpoint=h",
            "--endpoint-type=vpc",
            "--config=c",
            "--color=never",
            "--connect-timeout=1s",
            "--read-timeout=2s",
            "--retries=3",
            "--max-response-size=4KiB",
            "--request-timeout=5s",
            "--no-credential-cache",
            "-vvv",
        ])
        .unwrap();
        let g = cli.global;
        assert_eq!(g.profile.as_deref(), Some("p"));
        assert_eq!(g.region.as_deref(), Some("r"));
        assert_eq!(g.endpoint.as_deref(), Some("h"));
        assert_eq!(g.endpoint_type, Some(EndpointType::Vpc));
        assert_eq!(g.config.as_deref(), Some(std::path::Path::new("c")));
        assert_eq!(g.color, ColorChoice::Never);
        assert_eq!(g.connect_timeout, Duration::from_secs(1));
        assert_eq!(g.read_timeout, Duration::from_secs(2));
        assert_eq!(g.retries, 3);
        assert_eq!(g.max_response_size, 4096);
        assert_eq!(g.request_timeout, Duration::from_secs(5));
        assert!(g.no_credential_cache);
        assert_eq!(g.verbose, 3);
    }

    #[test]
    fn a_subcommand_takes_only_the_global_options_it_uses() {
        for args in [
            &["oos-logs", "emulator", "--retries", "1"][..],
            &["oos-logs", "--retries", "1", "emulator"],
            &["oos-logs", "--region", "cn-x", "emulator"],
            &["oos-logs", "-v", "completions", "bash"],
            &["oos-logs", "--profile", "p", "demo"],
            &["oos-logs", "demo", "--region", "cn-x"],
            &["oos-logs", "profiles", "--retries", "1"],
            &["oos-logs", "--color", "never", "configure"],
        ] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
        let err = Cli::try_parse_from(["oos-logs", "--retries", "1", "emulator"]).unwrap_err();
        assert!(
            err.to_string()
                .contains("--retries does nothing for `oos-logs emulator`"),
            "{err}"
        );
        for args in [
            &[
                "oos-logs",
                "demo",
                "-v",
                "--color",
                "never",
                "--retries",
                "0",
            ][..],
            &["oos-logs", "-v", "demo"],
            &["oos-logs", "--config", "c", "profiles"],
            &["oos-logs", "profiles", "-p", "x", "--config", "c"],
            &[
                "oos-logs",
                "configure",
                "--region",
                "cn-x",
                "--endpoint-type",
                "vpc",
            ],
        ] {
            Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        }
    }

    #[test]
    fn every_subcommand_says_which_global_options_it_uses() {
        let cmd = Cli::command();
        for sub in cmd.get_subcommands() {
            assert!(
                GLOBALS_OF.iter().any(|(name, _)| *name == sub.get_name()),
                "add `{}` to GLOBALS_OF",
                sub.get_name()
            );
        }
        for (_, ids) in GLOBALS_OF {
            assert!(ids.iter().all(|id| ALL_GLOBALS.contains(id)), "{ids:?}");
        }
    }

    #[test]
    fn global_options_have_their_own_heading() {
        let mut cmd = Cli::command();
        cmd.build();
        for sub in cmd.get_subcommands() {
            for arg in sub.get_arguments() {
                let global = ALL_GLOBALS.contains(&arg.get_id().as_str());
                assert_eq!(
                    arg.get_help_heading() == Some(GLOBAL_HEADING),
                    global,
                    "{} {}",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
        let help = cmd
            .find_subcommand_mut("emulator")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(!help.contains("Global options") && !help.contains("--retries"));
    }

    #[test]
    fn values_are_hints_not_restrictions_and_files_only_for_config() {
        let cli = Cli::try_parse_from(["oos-logs", "list", "e", "--region", "xx-new-9"]).unwrap();
        assert_eq!(cli.global.region.as_deref(), Some("xx-new-9"));
        let cli = Cli::try_parse_from(["oos-logs", "list", "e", "-l", "Custom"]).unwrap();
        let Command::List(list) = cli.command else {
            panic!("not list")
        };
        assert_eq!(list.options.log_type.as_deref(), Some("Custom"));
        assert!(Cli::try_parse_from(["oos-logs", "list", "e", "-l", " "]).is_err());
        let cli = Cli::try_parse_from(["oos-logs", "executions", "--status", "Pending"]).unwrap();
        let Command::Executions(executions) = cli.command else {
            panic!("not executions")
        };
        assert_eq!(executions.status.as_deref(), Some("Pending"));

        let mut cmd = Cli::command();
        cmd.build();
        let mut commands = vec![&cmd];
        commands.extend(cmd.get_subcommands());
        for c in commands {
            for arg in c.get_arguments() {
                if !arg.get_num_args().unwrap().takes_values()
                    || !arg.get_possible_values().is_empty()
                {
                    continue;
                }
                let expected = if arg.get_id() == "config" {
                    ValueHint::FilePath
                } else {
                    ValueHint::Other
                };
                assert_eq!(
                    arg.get_value_hint(),
                    expected,
                    "{} {}",
                    c.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn the_helper_subcommand_parses() {
        let cli =
            Cli::try_parse_from(["oos-logs", "__complete-profiles", "--config", "c"]).unwrap();
        assert!(matches!(cli.command, Command::CompleteProfiles));
        assert_eq!(
            cli.global.config.as_deref(),
            Some(std::path::Path::new("c"))
        );
    }

    #[test]
    fn max_results_range_and_alias() {
        assert!(Cli::try_parse_from(["oos-logs", "list", "e", "--max-results", "0"]).is_err());
        assert!(Cli::try_parse_from(["oos-logs", "list", "e", "--max-results", "101"]).is_err());
        let cli = Cli::try_parse_from(["oos-logs", "list", "e", "--page-size", "100"]).unwrap();
        let Command::List(list) = cli.command else {
            panic!("not list")
        };
        assert_eq!(list.options.max_results, Some(100));
    }
}
