# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oos_logs_global_optspecs
    string join \n p/profile= region= endpoint= endpoint-type= config= color= connect-timeout= read-timeout= retries= max-response-size= request-timeout= no-credential-cache v/verbose h/help V/version
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

complete -c oos-logs -n "__fish_oos_logs_needs_command" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r -f -a "(oos-logs __complete-profiles 2>/dev/null)"
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r -f -a "cn-hangzhou\t''
cn-shanghai\t''
cn-beijing\t''
cn-shenzhen\t''
cn-qingdao\t''
cn-zhangjiakou\t''
cn-huhehaote\t''
cn-wulanchabu\t''
cn-chengdu\t''
cn-heyuan\t''
cn-guangzhou\t''
cn-nanjing\t''
cn-fuzhou\t''
cn-hongkong\t''
ap-southeast-1\t''
ap-southeast-2\t''
ap-southeast-3\t''
ap-southeast-5\t''
ap-southeast-6\t''
ap-southeast-7\t''
ap-northeast-1\t''
ap-northeast-2\t''
ap-south-1\t''
eu-central-1\t''
eu-west-1\t''
us-west-1\t''
us-east-1\t''
me-east-1\t''
me-central-1\t''"
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r -f
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r -f
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r -f
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r -f
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l max-response-size -d 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)' -r -f
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l request-timeout -d 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s' -r -f
complete -c oos-logs -n "__fish_oos_logs_needs_command" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "list" -d 'Print an execution\'s logs (follow it with -f)'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "status" -d 'Show an execution at a glance: status, times, outputs and its tasks'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "executions" -d 'Find executions, newest first'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "emulator" -d 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "demo" -d 'Run `list` against an embedded emulator with sample data'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "configure" -d 'Write a profile to the oos-logs config (prompts on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "profiles" -d 'List every profile from every source, and which one is in use and why'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "cache" -d 'The cache of temporary credentials: where it is (`path`), or `clear` it'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c oos-logs -n "__fish_oos_logs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s t -l task -d 'Only this task execution (API TaskExecutionId)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s l -l log-type -d 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)' -r -f -a "System\t''
Info\t''
Warning\t''
Error\t''
Debug\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l max-results -l page-size -d 'Page size, 1..=100 [default: the API\'s]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l next-token -d 'Start from this page token' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l skip -d 'Skip the first N entries of the first page read (a resume hint gives it)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l limit -d 'Stop after N entries (fetches only the pages needed)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l interval -d 'Poll interval while following, at least 1s [default: 1s after new entries, up to 5s]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l wait-timeout -d 'Stop following after this long: exit 12' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l since -d 'Only entries at or after TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l until -d 'Only entries before TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s g -l grep -d 'Only entries whose message matches this regular expression' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l tail -d 'Only the last N entries (with --follow: then keep following)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s o -l output -d 'Output format [default: OOS_LOGS_OUTPUT, the profile\'s, else table on a terminal, plain otherwise]' -r -f -a "table\t'Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal'
json\t'One JSON document'
jsonl\t'One compact JSON object per log entry'
plain\t'One tab-separated line per entry'
github\t'GitHub Actions: a group per task, Error and Warning annotations, content fenced so it cannot issue workflow commands (list only)'
gitlab\t'GitLab CI: a collapsible section per task (list only)'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r -f -a "(oos-logs __complete-profiles 2>/dev/null)"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r -f -a "cn-hangzhou\t''
cn-shanghai\t''
cn-beijing\t''
cn-shenzhen\t''
cn-qingdao\t''
cn-zhangjiakou\t''
cn-huhehaote\t''
cn-wulanchabu\t''
cn-chengdu\t''
cn-heyuan\t''
cn-guangzhou\t''
cn-nanjing\t''
cn-fuzhou\t''
cn-hongkong\t''
ap-southeast-1\t''
ap-southeast-2\t''
ap-southeast-3\t''
ap-southeast-5\t''
ap-southeast-6\t''
ap-southeast-7\t''
ap-northeast-1\t''
ap-northeast-2\t''
ap-south-1\t''
eu-central-1\t''
eu-west-1\t''
us-west-1\t''
us-east-1\t''
me-east-1\t''
me-central-1\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l max-response-size -d 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l request-timeout -d 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s a -l all -d 'Follow NextToken to the last page'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s f -l follow -d 'Print new entries until the execution ends; exit 0/10/11 by its outcome'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l exit-status -d 'After printing, exit by the execution\'s status: 0, 10 Failed, 11 Cancelled, 12 not ended'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s r -l recursive -d 'Child executions too, merged by time, each entry labelled with its execution'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l failed -d 'Only the logs of failed tasks, and the execution\'s own errors'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s i -l ignore-case -d '--grep ignores case'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l local -d 'Show times in the local time zone in table and plain (TZ honoured)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l no-headers -d 'table: no header row (plain has none)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l no-pager -d 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand list" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -s o -l output -d 'Output format [default: table]' -r -f -a "table\t'The execution, then its tasks as a table'
json\t'`{"Execution": {...}, "Tasks": [...]}` with the API\'s fields as sent'
markdown\t'A summary for `$GITHUB_STEP_SUMMARY`: status, failed tasks with their last error lines'
junit\t'A JUnit XML report: a testsuite per execution, a testcase per task'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r -f -a "(oos-logs __complete-profiles 2>/dev/null)"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r -f -a "cn-hangzhou\t''
cn-shanghai\t''
cn-beijing\t''
cn-shenzhen\t''
cn-qingdao\t''
cn-zhangjiakou\t''
cn-huhehaote\t''
cn-wulanchabu\t''
cn-chengdu\t''
cn-heyuan\t''
cn-guangzhou\t''
cn-nanjing\t''
cn-fuzhou\t''
cn-hongkong\t''
ap-southeast-1\t''
ap-southeast-2\t''
ap-southeast-3\t''
ap-southeast-5\t''
ap-southeast-6\t''
ap-southeast-7\t''
ap-northeast-1\t''
ap-northeast-2\t''
ap-south-1\t''
eu-central-1\t''
eu-west-1\t''
us-west-1\t''
us-east-1\t''
me-east-1\t''
me-central-1\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l max-response-size -d 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l request-timeout -d 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -s r -l recursive -d 'Child executions too, nested'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l exit-status -d 'Exit by the execution\'s status: 0, 10 Failed, 11 Cancelled, 12 not ended'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l local -d 'Show times in the local time zone (TZ honoured)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l no-pager -d 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand status" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l status -d 'Only executions with this status (Running, Success, Failed, Cancelled, Waiting, ...)' -r -f -a "Running\t''
Started\t''
Queued\t''
Waiting\t''
Success\t''
Failed\t''
Cancelled\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l template -d 'Only executions of templates whose name contains this' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l since -d 'Only executions started at or after TIME: RFC 3339, a date, or 10m/2h/3d ago' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l until -d 'Only executions started before TIME: RFC 3339, a date, or 10m/2h/3d ago' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l parent -d 'Only the child executions of this one' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l limit -d 'At most N executions' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -s o -l output -d 'Output format [default: the profile\'s, else table on a terminal, plain otherwise]' -r -f -a "table\t'Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal'
json\t'One JSON document'
jsonl\t'One compact JSON object per log entry'
plain\t'One tab-separated line per entry'
github\t'GitHub Actions: a group per task, Error and Warning annotations, content fenced so it cannot issue workflow commands (list only)'
gitlab\t'GitLab CI: a collapsible section per task (list only)'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r -f -a "(oos-logs __complete-profiles 2>/dev/null)"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r -f -a "cn-hangzhou\t''
cn-shanghai\t''
cn-beijing\t''
cn-shenzhen\t''
cn-qingdao\t''
cn-zhangjiakou\t''
cn-huhehaote\t''
cn-wulanchabu\t''
cn-chengdu\t''
cn-heyuan\t''
cn-guangzhou\t''
cn-nanjing\t''
cn-fuzhou\t''
cn-hongkong\t''
ap-southeast-1\t''
ap-southeast-2\t''
ap-southeast-3\t''
ap-southeast-5\t''
ap-southeast-6\t''
ap-southeast-7\t''
ap-northeast-1\t''
ap-northeast-2\t''
ap-south-1\t''
eu-central-1\t''
eu-west-1\t''
us-west-1\t''
us-east-1\t''
me-east-1\t''
me-central-1\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l max-response-size -d 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l request-timeout -d 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -s a -l all -d 'Every matching execution'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l local -d 'Show times in the local time zone in table and plain (TZ honoured)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l no-headers -d 'table: no header row (plain has none)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l no-pager -d 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -l no-credential-cache -d 'Do not keep temporary (role) credentials on disk between runs'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand executions" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l port -d 'Port to listen on (127.0.0.1); 0 picks a free one' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l latency-ms -d 'Delay every response by this many milliseconds' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l fail-every -d 'Answer every Nth request with 503 ServiceUnavailable' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l fail-after -d 'Answer every request after the first N with 503 ServiceUnavailable (an outage mid-run)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l throttle-every -d 'Answer every Nth request with Throttling.User and x-acs-retry-after' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l retry-after-ms -d 'The x-acs-retry-after value sent with throttling, in milliseconds' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l truncate-every -d 'Cut the JSON body of every Nth successful response in half' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l html-502-every -d 'Answer every Nth request with an HTML 502 page, as a proxy would' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l error-200-every -d 'Answer every Nth request with HTTP 200 and an error body, as some gateways do' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l drip-ms -d 'Send every answer carrying data (pages, STS, credentials) one byte every MS milliseconds' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l huge-body-mib -d 'Answer with a 2xx body of N MiB of valid-looking JSON instead (streamed)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l deep-nesting -d 'Add an unknown field nested N levels deep to the first record of every answer' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l token-not-string-every -d 'On every Nth request, send a page\'s NextToken as a number instead of a string' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l truncated-without-token-every -d 'On every Nth request, send a page with more after it as IsTruncated true and no NextToken' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l page-storm -d 'Give every list page a fresh NextToken whose page is empty or repeats the first page, for ever (a storm of pages that bring nothing)' -r -f -a "empty\t'No records'
repeat\t'The first page\'s records again'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l tail-token -d 'The last page of a running execution: no NextToken (empty), or one that later returns more' -r -f -a "empty\t'No NextToken on the last page, as for a finished execution'
token\t'A NextToken that returns nothing until new entries appear'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l repeat-token -d 'Send back the NextToken a page was asked with (a server bug pagination must survive)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -l forged-error -d 'Answer every request (OOS and STS) with an error whose Code, Message and RequestId hold lines that look like oos-logs\' own'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand emulator" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s t -l task -d 'Only this task execution (API TaskExecutionId)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s l -l log-type -d 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)' -r -f -a "System\t''
Info\t''
Warning\t''
Error\t''
Debug\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l max-results -l page-size -d 'Page size, 1..=100 [default: the API\'s]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l next-token -d 'Start from this page token' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l skip -d 'Skip the first N entries of the first page read (a resume hint gives it)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l limit -d 'Stop after N entries (fetches only the pages needed)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l interval -d 'Poll interval while following, at least 1s [default: 1s after new entries, up to 5s]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l wait-timeout -d 'Stop following after this long: exit 12' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l since -d 'Only entries at or after TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l until -d 'Only entries before TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s g -l grep -d 'Only entries whose message matches this regular expression' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l tail -d 'Only the last N entries (with --follow: then keep following)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s o -l output -d 'Output format [default: OOS_LOGS_OUTPUT, the profile\'s, else table on a terminal, plain otherwise]' -r -f -a "table\t'Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal'
json\t'One JSON document'
jsonl\t'One compact JSON object per log entry'
plain\t'One tab-separated line per entry'
github\t'GitHub Actions: a group per task, Error and Warning annotations, content fenced so it cannot issue workflow commands (list only)'
gitlab\t'GitLab CI: a collapsible section per task (list only)'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l color -d 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)' -r -f -a "auto\t'Colour when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always colour'
never\t'Never colour'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l connect-timeout -d 'Time allowed to connect, e.g. 5s, 500ms' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l read-timeout -d 'Time allowed between bytes of a response, e.g. 30s' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l retries -d 'Retries of a retryable failure (5xx, throttling, network)' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s a -l all -d 'Follow NextToken to the last page'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s f -l follow -d 'Print new entries until the execution ends; exit 0/10/11 by its outcome'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l exit-status -d 'After printing, exit by the execution\'s status: 0, 10 Failed, 11 Cancelled, 12 not ended'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s r -l recursive -d 'Child executions too, merged by time, each entry labelled with its execution'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l failed -d 'Only the logs of failed tasks, and the execution\'s own errors'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s i -l ignore-case -d '--grep ignores case'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l local -d 'Show times in the local time zone in table and plain (TZ honoured)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l no-headers -d 'table: no header row (plain has none)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -l no-pager -d 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s v -l verbose -d 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand demo" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l mode -d 'Credential mode of the profile' -r -f -a "ak\t''
sts\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l access-key-id -d 'AccessKey ID [env: ALIBABA_CLOUD_ACCESS_KEY_ID]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l output -d 'Default output format of the profile' -r -f -a "table\t'Columns TIME, TYPE, TASK, MESSAGE, fitted to the terminal'
json\t'One JSON document'
jsonl\t'One compact JSON object per log entry'
plain\t'One tab-separated line per entry'
github\t'GitHub Actions: a group per task, Error and Warning annotations, content fenced so it cannot issue workflow commands (list only)'
gitlab\t'GitLab CI: a collapsible section per task (list only)'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r -f -a "(oos-logs __complete-profiles 2>/dev/null)"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l region -d 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]' -r -f -a "cn-hangzhou\t''
cn-shanghai\t''
cn-beijing\t''
cn-shenzhen\t''
cn-qingdao\t''
cn-zhangjiakou\t''
cn-huhehaote\t''
cn-wulanchabu\t''
cn-chengdu\t''
cn-heyuan\t''
cn-guangzhou\t''
cn-nanjing\t''
cn-fuzhou\t''
cn-hongkong\t''
ap-southeast-1\t''
ap-southeast-2\t''
ap-southeast-3\t''
ap-southeast-5\t''
ap-southeast-6\t''
ap-southeast-7\t''
ap-northeast-1\t''
ap-northeast-2\t''
ap-south-1\t''
eu-central-1\t''
eu-west-1\t''
us-west-1\t''
us-east-1\t''
me-east-1\t''
me-central-1\t''"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l endpoint -d 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]' -r -f
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l endpoint-type -d 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com' -r -f -a "public\t'oos.<region>.aliyuncs.com'
vpc\t'oos-vpc.<region>.aliyuncs.com'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l secret-stdin -d 'Read the AccessKey Secret (and, for sts, the token on a second line) from stdin'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l non-interactive -d 'Never prompt; values come from flags, the environment and stdin'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -l set-default -d 'Make this profile the default'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand configure" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s o -l output -d 'Output format [default: table]' -r -f -a "table\t'The profiles as columns, then the one in use and why'
json\t'`{"Profiles": [...], "InUse": {...}, "Problems": [...]}`, never a secret'"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s p -l profile -d 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]' -r -f -a "(oos-logs __complete-profiles 2>/dev/null)"
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -l config -d 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]' -r -F
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand profiles" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -s h -l help -d 'Print help'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -f -a "path" -d 'Print the credential cache directory'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -f -a "clear" -d 'Remove the cached temporary credentials oos-logs wrote'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the credential cache directory'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove the cached temporary credentials oos-logs wrote'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -s h -l help -d 'Print help'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand completions" -s V -l version -d 'Print version'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "list" -d 'Print an execution\'s logs (follow it with -f)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "status" -d 'Show an execution at a glance: status, times, outputs and its tasks'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "executions" -d 'Find executions, newest first'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "emulator" -d 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "demo" -d 'Run `list` against an embedded emulator with sample data'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "configure" -d 'Write a profile to the oos-logs config (prompts on a terminal)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "profiles" -d 'List every profile from every source, and which one is in use and why'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "cache" -d 'The cache of temporary credentials: where it is (`path`), or `clear` it'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and not __fish_seen_subcommand_from list status executions emulator demo configure profiles cache completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "path" -d 'Print the credential cache directory'
complete -c oos-logs -n "__fish_oos_logs_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove the cached temporary credentials oos-logs wrote'
