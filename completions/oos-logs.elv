
use builtin;
use str;

set edit:completion:arg-completer[oos-logs] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'oos-logs'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'oos-logs'= {
            cand -p 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --profile 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --region 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]'
            cand --endpoint 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]'
            cand --endpoint-type 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com'
            cand --config 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]'
            cand --color 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)'
            cand --connect-timeout 'Time allowed to connect, e.g. 5s, 500ms'
            cand --read-timeout 'Time allowed between bytes of a response, e.g. 30s'
            cand --retries 'Retries of a retryable failure (5xx, throttling, network)'
            cand --max-response-size 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)'
            cand --request-timeout 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s'
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Print an execution''s logs (follow it with -f)'
            cand status 'Show an execution at a glance: status, times, outputs and its tasks'
            cand executions 'Find executions, newest first'
            cand emulator 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
            cand demo 'Run `list` against an embedded emulator with sample data'
            cand configure 'Write a profile to the oos-logs config (prompts on a terminal)'
            cand profiles 'List every profile from every source, and which one is in use and why'
            cand cache 'The cache of temporary credentials: where it is (`path`), or `clear` it'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oos-logs;list'= {
            cand -t 'Only this task execution (API TaskExecutionId)'
            cand --task 'Only this task execution (API TaskExecutionId)'
            cand -l 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)'
            cand --log-type 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)'
            cand --max-results 'Page size, 1..=100 [default: the API''s]'
            cand --page-size 'Page size, 1..=100 [default: the API''s]'
            cand --next-token 'Start from this page token'
            cand --skip 'Skip the first N entries of the first page read (a resume hint gives it)'
            cand --limit 'Stop after N entries (fetches only the pages needed)'
            cand --interval 'Poll interval while following, at least 1s [default: 1s after new entries, up to 5s]'
            cand --wait-timeout 'Stop following after this long: exit 12'
            cand --since 'Only entries at or after TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago'
            cand --until 'Only entries before TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago'
            cand -g 'Only entries whose message matches this regular expression'
            cand --grep 'Only entries whose message matches this regular expression'
            cand --tail 'Only the last N entries (with --follow: then keep following)'
            cand -o 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]'
            cand --output 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]'
            cand -p 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --profile 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --region 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]'
            cand --endpoint 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]'
            cand --endpoint-type 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com'
            cand --config 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]'
            cand --color 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)'
            cand --connect-timeout 'Time allowed to connect, e.g. 5s, 500ms'
            cand --read-timeout 'Time allowed between bytes of a response, e.g. 30s'
            cand --retries 'Retries of a retryable failure (5xx, throttling, network)'
            cand --max-response-size 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)'
            cand --request-timeout 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s'
            cand -a 'Follow NextToken to the last page'
            cand --all 'Follow NextToken to the last page'
            cand -f 'Print new entries until the execution ends; exit 0/10/11 by its outcome'
            cand --follow 'Print new entries until the execution ends; exit 0/10/11 by its outcome'
            cand --exit-status 'After printing, exit by the execution''s status: 0, 10 Failed, 11 Cancelled, 12 not ended'
            cand -r 'Child executions too, merged by time, each entry labelled with its execution'
            cand --recursive 'Child executions too, merged by time, each entry labelled with its execution'
            cand --failed 'Only the logs of failed tasks, and the execution''s own errors'
            cand -i '--grep ignores case'
            cand --ignore-case '--grep ignores case'
            cand --local 'Show times in the local time zone in table and plain (TZ honoured)'
            cand --no-headers 'table: no header row (plain has none)'
            cand --no-pager 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;status'= {
            cand -o 'Output format [default: table]'
            cand --output 'Output format [default: table]'
            cand -p 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --profile 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --region 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]'
            cand --endpoint 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]'
            cand --endpoint-type 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com'
            cand --config 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]'
            cand --color 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)'
            cand --connect-timeout 'Time allowed to connect, e.g. 5s, 500ms'
            cand --read-timeout 'Time allowed between bytes of a response, e.g. 30s'
            cand --retries 'Retries of a retryable failure (5xx, throttling, network)'
            cand --max-response-size 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)'
            cand --request-timeout 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s'
            cand -r 'Child executions too, nested'
            cand --recursive 'Child executions too, nested'
            cand --exit-status 'Exit by the execution''s status: 0, 10 Failed, 11 Cancelled, 12 not ended'
            cand --local 'Show times in the local time zone (TZ honoured)'
            cand --no-pager 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;executions'= {
            cand --status 'Only executions with this status (Running, Success, Failed, Cancelled, Waiting, ...)'
            cand --template 'Only executions of templates whose name contains this'
            cand --since 'Only executions started at or after TIME: RFC 3339, a date, or 10m/2h/3d ago'
            cand --until 'Only executions started before TIME: RFC 3339, a date, or 10m/2h/3d ago'
            cand --parent 'Only the child executions of this one'
            cand --limit 'At most N executions'
            cand -o 'Output format [default: the profile''s, else table on a terminal, plain otherwise]'
            cand --output 'Output format [default: the profile''s, else table on a terminal, plain otherwise]'
            cand -p 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --profile 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --region 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]'
            cand --endpoint 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]'
            cand --endpoint-type 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com'
            cand --config 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]'
            cand --color 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)'
            cand --connect-timeout 'Time allowed to connect, e.g. 5s, 500ms'
            cand --read-timeout 'Time allowed between bytes of a response, e.g. 30s'
            cand --retries 'Retries of a retryable failure (5xx, throttling, network)'
            cand --max-response-size 'Largest answer read from a service, e.g. 64MiB, 512KiB, 1048576 (bytes)'
            cand --request-timeout 'Total time one request may take, connecting to the last byte of the answer, e.g. 60s'
            cand -a 'Every matching execution'
            cand --all 'Every matching execution'
            cand --local 'Show times in the local time zone in table and plain (TZ honoured)'
            cand --no-headers 'table: no header row (plain has none)'
            cand --no-pager 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;emulator'= {
            cand --port 'Port to listen on (127.0.0.1); 0 picks a free one'
            cand --latency-ms 'Delay every response by this many milliseconds'
            cand --fail-every 'Answer every Nth request with 503 ServiceUnavailable'
            cand --fail-after 'Answer every request after the first N with 503 ServiceUnavailable (an outage mid-run)'
            cand --throttle-every 'Answer every Nth request with Throttling.User and x-acs-retry-after'
            cand --retry-after-ms 'The x-acs-retry-after value sent with throttling, in milliseconds'
            cand --truncate-every 'Cut the JSON body of every Nth successful response in half'
            cand --html-502-every 'Answer every Nth request with an HTML 502 page, as a proxy would'
            cand --error-200-every 'Answer every Nth request with HTTP 200 and an error body, as some gateways do'
            cand --drip-ms 'Send every answer carrying data (pages, STS, credentials) one byte every MS milliseconds'
            cand --huge-body-mib 'Answer with a 2xx body of N MiB of valid-looking JSON instead (streamed)'
            cand --deep-nesting 'Add an unknown field nested N levels deep to the first record of every answer'
            cand --token-not-string-every 'On every Nth request, send a page''s NextToken as a number instead of a string'
            cand --truncated-without-token-every 'On every Nth request, send a page with more after it as IsTruncated true and no NextToken'
            cand --page-storm 'Give every list page a fresh NextToken whose page is empty or repeats the first page, for ever (a storm of pages that bring nothing)'
            cand --tail-token 'The last page of a running execution: no NextToken (empty), or one that later returns more'
            cand --repeat-token 'Send back the NextToken a page was asked with (a server bug pagination must survive)'
            cand --forged-error 'Answer every request (OOS and STS) with an error whose Code, Message and RequestId hold lines that look like oos-logs'' own'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;demo'= {
            cand -t 'Only this task execution (API TaskExecutionId)'
            cand --task 'Only this task execution (API TaskExecutionId)'
            cand -l 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)'
            cand --log-type 'Only this log type: System, Info, Warning, Error, Debug (API LogType, passed through as given)'
            cand --max-results 'Page size, 1..=100 [default: the API''s]'
            cand --page-size 'Page size, 1..=100 [default: the API''s]'
            cand --next-token 'Start from this page token'
            cand --skip 'Skip the first N entries of the first page read (a resume hint gives it)'
            cand --limit 'Stop after N entries (fetches only the pages needed)'
            cand --interval 'Poll interval while following, at least 1s [default: 1s after new entries, up to 5s]'
            cand --wait-timeout 'Stop following after this long: exit 12'
            cand --since 'Only entries at or after TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago'
            cand --until 'Only entries before TIME: RFC 3339, a date (local midnight), or 10m/2h/3d ago'
            cand -g 'Only entries whose message matches this regular expression'
            cand --grep 'Only entries whose message matches this regular expression'
            cand --tail 'Only the last N entries (with --follow: then keep following)'
            cand -o 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]'
            cand --output 'Output format [default: OOS_LOGS_OUTPUT, the profile''s, else table on a terminal, plain otherwise]'
            cand --color 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)'
            cand --connect-timeout 'Time allowed to connect, e.g. 5s, 500ms'
            cand --read-timeout 'Time allowed between bytes of a response, e.g. 30s'
            cand --retries 'Retries of a retryable failure (5xx, throttling, network)'
            cand -a 'Follow NextToken to the last page'
            cand --all 'Follow NextToken to the last page'
            cand -f 'Print new entries until the execution ends; exit 0/10/11 by its outcome'
            cand --follow 'Print new entries until the execution ends; exit 0/10/11 by its outcome'
            cand --exit-status 'After printing, exit by the execution''s status: 0, 10 Failed, 11 Cancelled, 12 not ended'
            cand -r 'Child executions too, merged by time, each entry labelled with its execution'
            cand --recursive 'Child executions too, merged by time, each entry labelled with its execution'
            cand --failed 'Only the logs of failed tasks, and the execution''s own errors'
            cand -i '--grep ignores case'
            cand --ignore-case '--grep ignores case'
            cand --local 'Show times in the local time zone in table and plain (TZ honoured)'
            cand --no-headers 'table: no header row (plain has none)'
            cand --no-pager 'Never page the table (else OOS_LOGS_PAGER, PAGER or `less -FRX` on a terminal)'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;configure'= {
            cand --mode 'Credential mode of the profile'
            cand --access-key-id 'AccessKey ID [env: ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --output 'Default output format of the profile'
            cand -p 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --profile 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --region 'Region id, e.g. cn-hangzhou [env: ALIBABA_CLOUD_REGION_ID]'
            cand --endpoint 'API endpoint override: a host (https) or a full URL [env: OOS_LOGS_ENDPOINT]'
            cand --endpoint-type 'Endpoint type: oos.<region>.aliyuncs.com or oos-vpc.<region>.aliyuncs.com'
            cand --config 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]'
            cand --secret-stdin 'Read the AccessKey Secret (and, for sts, the token on a second line) from stdin'
            cand --non-interactive 'Never prompt; values come from flags, the environment and stdin'
            cand --set-default 'Make this profile the default'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;profiles'= {
            cand -o 'Output format [default: table]'
            cand --output 'Output format [default: table]'
            cand -p 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --profile 'Profile to use (oos-logs config, aliyun CLI config, credentials file) [env: ALIBABA_CLOUD_PROFILE]'
            cand --config 'oos-logs config file [env: OOS_LOGS_CONFIG] [default: <config dir>/oos-logs/config.toml]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;cache'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the credential cache directory'
            cand clear 'Remove the cached temporary credentials oos-logs wrote'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oos-logs;cache;path'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;cache;clear'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;cache;help'= {
            cand path 'Print the credential cache directory'
            cand clear 'Remove the cached temporary credentials oos-logs wrote'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oos-logs;cache;help;path'= {
        }
        &'oos-logs;cache;help;clear'= {
        }
        &'oos-logs;cache;help;help'= {
        }
        &'oos-logs;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;help'= {
            cand list 'Print an execution''s logs (follow it with -f)'
            cand status 'Show an execution at a glance: status, times, outputs and its tasks'
            cand executions 'Find executions, newest first'
            cand emulator 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
            cand demo 'Run `list` against an embedded emulator with sample data'
            cand configure 'Write a profile to the oos-logs config (prompts on a terminal)'
            cand profiles 'List every profile from every source, and which one is in use and why'
            cand cache 'The cache of temporary credentials: where it is (`path`), or `clear` it'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oos-logs;help;list'= {
        }
        &'oos-logs;help;status'= {
        }
        &'oos-logs;help;executions'= {
        }
        &'oos-logs;help;emulator'= {
        }
        &'oos-logs;help;demo'= {
        }
        &'oos-logs;help;configure'= {
        }
        &'oos-logs;help;profiles'= {
        }
        &'oos-logs;help;cache'= {
            cand path 'Print the credential cache directory'
            cand clear 'Remove the cached temporary credentials oos-logs wrote'
        }
        &'oos-logs;help;cache;path'= {
        }
        &'oos-logs;help;cache;clear'= {
        }
        &'oos-logs;help;completions'= {
        }
        &'oos-logs;help;help'= {
        }
    ]
    $completions[$command]
}
