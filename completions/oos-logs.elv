
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
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Print an execution''s logs'
            cand emulator 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
            cand demo 'Run `list` against an embedded emulator with sample data'
            cand configure 'Write a profile to the oos-logs config (prompts on a terminal)'
            cand profiles 'List every profile from every source, and which one is in use and why'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oos-logs;list'= {
            cand -t 'Only this task execution (API TaskExecutionId)'
            cand --task 'Only this task execution (API TaskExecutionId)'
            cand -l 'Only this log type (API LogType, passed through as given)'
            cand --log-type 'Only this log type (API LogType, passed through as given)'
            cand --max-results 'Page size, 1..=100 [default: the API''s]'
            cand --page-size 'Page size, 1..=100 [default: the API''s]'
            cand --next-token 'Start from this page token'
            cand --limit 'Stop after N entries (fetches only the pages needed)'
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
            cand -a 'Follow NextToken to the last page'
            cand --all 'Follow NextToken to the last page'
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
            cand --repeat-token 'Send back the NextToken a page was asked with (a server bug pagination must survive)'
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;demo'= {
            cand -t 'Only this task execution (API TaskExecutionId)'
            cand --task 'Only this task execution (API TaskExecutionId)'
            cand -l 'Only this log type (API LogType, passed through as given)'
            cand --log-type 'Only this log type (API LogType, passed through as given)'
            cand --max-results 'Page size, 1..=100 [default: the API''s]'
            cand --page-size 'Page size, 1..=100 [default: the API''s]'
            cand --next-token 'Start from this page token'
            cand --limit 'Stop after N entries (fetches only the pages needed)'
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
            cand -a 'Follow NextToken to the last page'
            cand --all 'Follow NextToken to the last page'
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
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
            cand --color 'When to colour output (auto honours NO_COLOR, CLICOLOR_FORCE and the terminal)'
            cand --connect-timeout 'Time allowed to connect, e.g. 5s, 500ms'
            cand --read-timeout 'Time allowed between bytes of a response, e.g. 30s'
            cand --retries 'Retries of a retryable failure (5xx, throttling, network)'
            cand --secret-stdin 'Read the AccessKey Secret (and, for sts, the token on a second line) from stdin'
            cand --non-interactive 'Never prompt; values come from flags, the environment and stdin'
            cand --set-default 'Make this profile the default'
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;profiles'= {
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
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;completions'= {
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
            cand --no-credential-cache 'Do not keep temporary (role) credentials on disk between runs'
            cand -v 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand --verbose 'Trace requests on stderr, secrets redacted (-vv: response bodies too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oos-logs;help'= {
            cand list 'Print an execution''s logs'
            cand emulator 'Run the local OOS emulator (a signature-verifying stand-in for the service)'
            cand demo 'Run `list` against an embedded emulator with sample data'
            cand configure 'Write a profile to the oos-logs config (prompts on a terminal)'
            cand profiles 'List every profile from every source, and which one is in use and why'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oos-logs;help;list'= {
        }
        &'oos-logs;help;emulator'= {
        }
        &'oos-logs;help;demo'= {
        }
        &'oos-logs;help;configure'= {
        }
        &'oos-logs;help;profiles'= {
        }
        &'oos-logs;help;completions'= {
        }
        &'oos-logs;help;help'= {
        }
    ]
    $completions[$command]
}
