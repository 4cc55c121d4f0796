
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'oos-logs' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'oos-logs'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'oos-logs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time allowed to connect, e.g. 5s, 500ms')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Time allowed between bytes of a response, e.g. 30s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a retryable failure (5xx, throttling, network)')
            [CompletionResult]::new('--max-response-size', '--max-response-size', [CompletionResultType]::ParameterName, 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s')
            [CompletionResult]::new('--no-credential-cache', '--no-credential-cache', [CompletionResultType]::ParameterName, 'Do not keep temporary (role) credentials on disk between runs')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print an execution''s logs (follow it with -f)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show an execution at a glance: status, times, outputs and its tasks')
            [CompletionResult]::new('executions', 'executions', [CompletionResultType]::ParameterValue, 'Find executions, newest first')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run the local OOS emulator (a signature-verifying stand-in for the service)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run `list` against an embedded emulator with sample data')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Write a profile to the oos-logs config (prompts on a terminal)')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List every profile from every source, and which one is in use and why')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The cache of temporary credentials: where it is (`path`), or `clear` it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oos-logs;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only this task execution (API TaskExecutionId)')
            [CompletionResult]::new('--task', '--task', [CompletionResultType]::ParameterName, 'Only this task execution (API TaskExecutionId)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)')
            [CompletionResult]::new('--log-type', '--log-type', [CompletionResultType]::ParameterName, 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'Page size, 1..=100 [default: the API''s]')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Page size, 1..=100 [default: the API''s]')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'Start from this page token')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip the first N entries of the first page read (a resume hint gives it)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after N entries (fetches only the pages needed)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Poll interval while following, at least 1s [default: 1s after new entries, up to 5s]')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long: exit 12')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries at or after TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only entries before TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Only entries whose message matches this regular expression')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only entries whose message matches this regular expression')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N entries (with --follow: then keep following)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time allowed to connect, e.g. 5s, 500ms')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Time allowed between bytes of a response, e.g. 30s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a retryable failure (5xx, throttling, network)')
            [CompletionResult]::new('--max-response-size', '--max-response-size', [CompletionResultType]::ParameterName, 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Follow NextToken to the last page')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Follow NextToken to the last page')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print new entries until the execution ends; exit 0/10/11 by its outcome')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Print new entries until the execution ends; exit 0/10/11 by its outcome')
            [CompletionResult]::new('--exit-status', '--exit-status', [CompletionResultType]::ParameterName, 'After printing, exit by the execution''s status: 0, 10 Failed, 11 Cancelled, 12 not ended')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Child executions too, merged by time, each entry labelled with its execution')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Child executions too, merged by time, each entry labelled with its execution')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only the logs of failed tasks, and the execution''s own errors')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, '--grep ignores case')
            [CompletionResult]::new('--ignore-case', '--ignore-case', [CompletionResultType]::ParameterName, '--grep ignores case')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Show times in the local time zone in table and plain (TZ honoured)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'table: no header row (plain has none)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)')
            [CompletionResult]::new('--no-credential-cache', '--no-credential-cache', [CompletionResultType]::ParameterName, 'Do not keep temporary (role) credentials on disk between runs')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;status' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time allowed to connect, e.g. 5s, 500ms')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Time allowed between bytes of a response, e.g. 30s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a retryable failure (5xx, throttling, network)')
            [CompletionResult]::new('--max-response-size', '--max-response-size', [CompletionResultType]::ParameterName, 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Child executions too, nested')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Child executions too, nested')
            [CompletionResult]::new('--exit-status', '--exit-status', [CompletionResultType]::ParameterName, 'Exit by the execution''s status: 0, 10 Failed, 11 Cancelled, 12 not ended')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Show times in the local time zone (TZ honoured)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)')
            [CompletionResult]::new('--no-credential-cache', '--no-credential-cache', [CompletionResultType]::ParameterName, 'Do not keep temporary (role) credentials on disk between runs')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;executions' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only executions with this status (Running, Success, Failed, Cancelled, Waiting, ...)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Only executions of templates whose name contains this')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only executions started at or after TIME: RFC 3339, a date, or 10m/2h/3d ago')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only executions started before TIME: RFC 3339, a date, or 10m/2h/3d ago')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Only the child executions of this one')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N executions')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: the profile''s, else table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: the profile''s, else table on a terminal, plain otherwise]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time allowed to connect, e.g. 5s, 500ms')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Time allowed between bytes of a response, e.g. 30s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a retryable failure (5xx, throttling, network)')
            [CompletionResult]::new('--max-response-size', '--max-response-size', [CompletionResultType]::ParameterName, 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Every matching execution')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every matching execution')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Show times in the local time zone in table and plain (TZ honoured)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'table: no header row (plain has none)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)')
            [CompletionResult]::new('--no-credential-cache', '--no-credential-cache', [CompletionResultType]::ParameterName, 'Do not keep temporary (role) credentials on disk between runs')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;emulator' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (127.0.0.1); 0 picks a free one')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Delay every response by this many milliseconds')
            [CompletionResult]::new('--fail-every', '--fail-every', [CompletionResultType]::ParameterName, 'Answer every Nth request with 503 ServiceUnavailable')
            [CompletionResult]::new('--fail-after', '--fail-after', [CompletionResultType]::ParameterName, 'Answer every request after the first N with 503 ServiceUnavailable (an outage mid-run)')
            [CompletionResult]::new('--throttle-every', '--throttle-every', [CompletionResultType]::ParameterName, 'Answer every Nth request with Throttling.User and x-acs-retry-after')
            [CompletionResult]::new('--retry-after-ms', '--retry-after-ms', [CompletionResultType]::ParameterName, 'The x-acs-retry-after value sent with throttling, in milliseconds')
            [CompletionResult]::new('--truncate-every', '--truncate-every', [CompletionResultType]::ParameterName, 'Cut the JSON body of every Nth successful response in half')
            [CompletionResult]::new('--html-502-every', '--html-502-every', [CompletionResultType]::ParameterName, 'Answer every Nth request with an HTML 502 page, as a proxy would')
            [CompletionResult]::new('--error-200-every', '--error-200-every', [CompletionResultType]::ParameterName, 'Answer every Nth request with HTTP 200 and an error body, as some gateways do')
            [CompletionResult]::new('--drip-ms', '--drip-ms', [CompletionResultType]::ParameterName, 'Send every answer carrying data (pages, STS, credentials) one byte every MS milliseconds')
            [CompletionResult]::new('--huge-body-mib', '--huge-body-mib', [CompletionResultType]::ParameterName, 'Answer with a 2xx body of N MiB of valid-looking JSON instead (streamed)')
            [CompletionResult]::new('--deep-nesting', '--deep-nesting', [CompletionResultType]::ParameterName, 'Add an unknown field nested N levels deep to the first record of every answer')
            [CompletionResult]::new('--token-not-string-every', '--token-not-string-every', [CompletionResultType]::ParameterName, 'On every Nth request, send a page''s NextToken as a number instead of a string')
            [CompletionResult]::new('--truncated-without-token-every', '--truncated-without-token-every', [CompletionResultType]::ParameterName, 'On every Nth request, send a page with more after it as IsTruncated true and no NextToken')
            [CompletionResult]::new('--page-storm', '--page-storm', [CompletionResultType]::ParameterName, 'Give every list page a fresh NextToken whose page is empty or repeats the first page, for ever (a storm of pages that bring nothing)')
            [CompletionResult]::new('--tail-token', '--tail-token', [CompletionResultType]::ParameterName, 'The last page of a running execution: no NextToken (empty), or one that later returns more')
            [CompletionResult]::new('--repeat-token', '--repeat-token', [CompletionResultType]::ParameterName, 'Send back the NextToken a page was asked with (a server bug pagination must survive)')
            [CompletionResult]::new('--forged-error', '--forged-error', [CompletionResultType]::ParameterName, 'Answer every request (OOS and STS) with an error whose Code, Message and RequestId hold lines that look like oos-logs'' own')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;demo' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only this task execution (API TaskExecutionId)')
            [CompletionResult]::new('--task', '--task', [CompletionResultType]::ParameterName, 'Only this task execution (API TaskExecutionId)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)')
            [CompletionResult]::new('--log-type', '--log-type', [CompletionResultType]::ParameterName, 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'Page size, 1..=100 [default: the API''s]')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Page size, 1..=100 [default: the API''s]')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'Start from this page token')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip the first N entries of the first page read (a resume hint gives it)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after N entries (fetches only the pages needed)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Poll interval while following, at least 1s [default: 1s after new entries, up to 5s]')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Stop following after this long: exit 12')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries at or after TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only entries before TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Only entries whose message matches this regular expression')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only entries whose message matches this regular expression')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N entries (with --follow: then keep following)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time allowed to connect, e.g. 5s, 500ms')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Time allowed between bytes of a response, e.g. 30s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a retryable failure (5xx, throttling, network)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Follow NextToken to the last page')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Follow NextToken to the last page')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print new entries until the execution ends; exit 0/10/11 by its outcome')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Print new entries until the execution ends; exit 0/10/11 by its outcome')
            [CompletionResult]::new('--exit-status', '--exit-status', [CompletionResultType]::ParameterName, 'After printing, exit by the execution''s status: 0, 10 Failed, 11 Cancelled, 12 not ended')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Child executions too, merged by time, each entry labelled with its execution')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Child executions too, merged by time, each entry labelled with its execution')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only the logs of failed tasks, and the execution''s own errors')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, '--grep ignores case')
            [CompletionResult]::new('--ignore-case', '--ignore-case', [CompletionResultType]::ParameterName, '--grep ignores case')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Show times in the local time zone in table and plain (TZ honoured)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'table: no header row (plain has none)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests on stderr, secrets redacted (-vv: response bodies too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;configure' {
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Credential mode of the profile')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKey ID [env: ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Default output format of the profile')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the AccessKey Secret (and, for sts, the token on a second line) from stdin')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; values come from flags, the environment and stdin')
            [CompletionResult]::new('--set-default', '--set-default', [CompletionResultType]::ParameterName, 'Make this profile the default')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;profiles' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;cache' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the credential cache directory')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the cached temporary credentials oos-logs wrote')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oos-logs;cache;path' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;cache;clear' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;cache;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the credential cache directory')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the cached temporary credentials oos-logs wrote')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oos-logs;cache;help;path' {
            break
        }
        'oos-logs;cache;help;clear' {
            break
        }
        'oos-logs;cache;help;help' {
            break
        }
        'oos-logs;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oos-logs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print an execution''s logs (follow it with -f)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show an execution at a glance: status, times, outputs and its tasks')
            [CompletionResult]::new('executions', 'executions', [CompletionResultType]::ParameterValue, 'Find executions, newest first')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run the local OOS emulator (a signature-verifying stand-in for the service)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run `list` against an embedded emulator with sample data')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Write a profile to the oos-logs config (prompts on a terminal)')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List every profile from every source, and which one is in use and why')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The cache of temporary credentials: where it is (`path`), or `clear` it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oos-logs;help;list' {
            break
        }
        'oos-logs;help;status' {
            break
        }
        'oos-logs;help;executions' {
            break
        }
        'oos-logs;help;emulator' {
            break
        }
        'oos-logs;help;demo' {
            break
        }
        'oos-logs;help;configure' {
            break
        }
        'oos-logs;help;profiles' {
            break
        }
        'oos-logs;help;cache' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the credential cache directory')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the cached temporary credentials oos-logs wrote')
            break
        }
        'oos-logs;help;cache;path' {
            break
        }
        'oos-logs;help;cache;clear' {
            break
        }
        'oos-logs;help;completions' {
            break
        }
        'oos-logs;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
