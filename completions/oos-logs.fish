# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oos_logs_global_optspecs
    string join \n p/profile= region= endpoint= endpoint-type= config= color= connect-timeout= read-timeout= retries= no-credential-cache v/verbose h/help V/version
end

function __fish_oos_logs_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_oos_logs_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_oos_logs_using_subcommand
    set -l cmd (__fish_oos_logs_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c oos-logs -n "__fish_oos_logs_needs_command" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "list" -d 'Print an execution\'s logs'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "emulator" -d 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "demo" -d 'Run `list` against an embedded emulator with sample data'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "configure" -d 'Write a profile to the oos-logs config (prompts on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "profiles" -d 'List every profile from every source, and which one is in use and why'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s t -l task -d 'Only this task execution (API TaskExecutionId)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s l -l log-type -d 'Only this log type (API LogType, passed through as given)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l max-results -l page-size -d 'Page size, 1..=100 [default: the API\'s]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l next-token -d 'Start from this page token' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l limit -d 'Stop after N entries (fetches only the pages needed)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s o -l output -d 'Output format [default: the profile\'s, else table on a terminal, plain otherwise]' -r -f -a "table\t'Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal'
json\t'One JSON document'
jsonl\t'One compact JSON object per log entry'
plain\t'One tab-separated line per entry'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s a -l all -d 'Follow NextToken to the last page'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l port -d 'Port to listen on (127.0.0.1); 0 picks a free one' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l latency-ms -d 'Delay every response by this many milliseconds' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l fail-every -d 'Answer every Nth request with 503 ServiceUnavailable' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l fail-after -d 'Answer every request after the first N with 503 ServiceUnavailable (an outage mid-run)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l throttle-every -d 'Answer every Nth request with Throttling.User and x-acs-retry-after' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l retry-after-ms -d 'The x-acs-retry-after value sent with throttling, in milliseconds' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l truncate-every -d 'Cut the JSON body of every Nth successful response in half' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l html-502-every -d 'Answer every Nth request with an HTML 502 page, as a proxy would' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l error-200-every -d 'Answer every Nth request with HTTP 200 and an error body, as some gateways do' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l repeat-token -d 'Send back the NextToken a page was asked with (a server bug pagination must survive)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s t -l task -d 'Only this task execution (API TaskExecutionId)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s l -l log-type -d 'Only this log type (API LogType, passed through as given)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l max-results -l page-size -d 'Page size, 1..=100 [default: the API\'s]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l next-token -d 'Start from this page token' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l limit -d 'Stop after N entries (fetches only the pages needed)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s o -l output -d 'Output format [default: the profile\'s, else table on a terminal, plain otherwise]' -r -f -a "table\t'Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal'
json\t'One JSON document'
jsonl\t'One compact JSON object per log entry'
plain\t'One tab-separated line per entry'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s a -l all -d 'Follow NextToken to the last page'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l mode -d 'Credential mode of the profile' -r -f -a "ak\t''
sts\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l access-key-id -d 'AccessKey ID [env: ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l output -d 'Default output format of the profile' -r -f -a "table\t'Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal'
json\t'One JSON document'
jsonl\t'One compact JSON object per log entry'
plain\t'One tab-separated line per entry'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l secret-stdin -d 'Read the AccessKey Secret (and, for sts, the token on a second line) from stdin'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l non-interactive -d 'Never prompt; values come from flags, the environment and stdin'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l set-default -d 'Make this profile the default'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list emulator demo configure profiles completions help" -f -a "list" -d 'Print an execution\'s logs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list emulator demo configure profiles completions help" -f -a "emulator" -d 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list emulator demo configure profiles completions help" -f -a "demo" -d 'Run `list` against an embedded emulator with sample data'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list emulator demo configure profiles completions help" -f -a "configure" -d 'Write a profile to the oos-logs config (prompts on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list emulator demo configure profiles completions help" -f -a "profiles" -d 'List every profile from every source, and which one is in use and why'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list emulator demo configure profiles completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list emulator demo configure profiles completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
