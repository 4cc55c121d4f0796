//! Test support: the emulator, a hermetic command, the config files of a test home, and the
//! emulator's own data as the oracle.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use oos_logs::emulator::{self, BackgroundEmulator, EmulatorConfig, Faults, data::Sample};
use serde_json::{Map, Value};

/// The binary under test.
pub(crate) fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_oos-logs"))
}

/// An emulator with the demo keys and these faults.
pub(crate) fn emulator_with(faults: Faults) -> BackgroundEmulator {
    BackgroundEmulator::start(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    })
    .expect("emulator starts")
}

/// A fault-free emulator.
pub(crate) fn emulator() -> BackgroundEmulator {
    emulator_with(Faults::default())
}

/// A temporary home directory.
pub(crate) fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `text` to `path` (its directories created), mode 0600 as `configure` leaves a
/// config: the one fixture every test that writes a config file uses.
pub(crate) fn write_file(path: PathBuf, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

/// Where the oos-logs config of a test home is (its default path under `bare_cmd`).
pub(crate) fn oos_config_path(home: &Path) -> PathBuf {
    home.join(".config/oos-logs/config.toml")
}

/// Writes the oos-logs config of a test home.
pub(crate) fn oos_config(home: &Path, text: &str) -> PathBuf {
    write_file(oos_config_path(home), text)
}

/// Writes the aliyun CLI config of a test home.
pub(crate) fn aliyun_config(home: &Path, text: &str) -> PathBuf {
    write_file(home.join(".aliyun/config.json"), text)
}

/// Writes the credentials INI file of a test home.
pub(crate) fn ini_credentials(home: &Path, text: &str) -> PathBuf {
    write_file(home.join(".alibabacloud/credentials"), text)
}

/// `oos-logs` with nothing from the real environment: a temporary HOME and config dir, no
/// credentials, no colour. `bare_cmd` adds nothing else.
pub(crate) fn bare_cmd(home: &Path) -> Command {
    Command::from_std(bare_std_cmd(home))
}

fn bare_std_cmd(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(binary());
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("NO_COLOR", "1");
    cmd
}

/// `bare_cmd` plus the demo credentials in the environment, the demo region and the
/// emulator's endpoint.
pub(crate) fn cmd(em: &BackgroundEmulator, home: &Path) -> Command {
    Command::from_std(std_cmd(em, home))
}

/// `cmd` as a `std::process::Command`, for tests that drive the pipes themselves.
pub(crate) fn std_cmd(em: &BackgroundEmulator, home: &Path) -> std::process::Command {
    let mut cmd = bare_std_cmd(home);
    cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator::DEMO_ACCESS_KEY_ID)
        .env(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            emulator::DEMO_ACCESS_KEY_SECRET,
        )
        .env("ALIBABA_CLOUD_REGION_ID", emulator::DEMO_REGION)
        .env("OOS_LOGS_ENDPOINT", em.url());
    cmd
}

/// Runs the binary with `args` against `em`, stdout and stderr piped, without waiting.
pub(crate) fn spawn_piped(
    em: &BackgroundEmulator,
    home: &Path,
    args: &[&str],
) -> std::process::Child {
    std_cmd(em, home)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// All a finished child wrote on stderr.
pub(crate) fn stderr_of(child: &mut std::process::Child) -> String {
    use std::io::Read as _;
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    stderr
}

/// Sends the signal `name` (`INT`, `TERM`) to the process `pid`.
pub(crate) fn send_signal(pid: u32, name: &str) {
    let sent = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{name} {pid}");
}

/// The entries of a sample execution, straight from the emulator's data.
pub(crate) fn expected_entries(execution: &str) -> Vec<Map<String, Value>> {
    Sample::find(execution)
        .expect("known sample")
        .entries()
        .collect()
}

/// Parses JSON Lines output.
pub(crate) fn parse_jsonl(stdout: &[u8]) -> Vec<Map<String, Value>> {
    String::from_utf8(stdout.to_vec())
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect()
}

/// stdout and stderr of an assert_cmd output, as text.
pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// The entries of a sample execution as the compact JSON lines the emulator sends (field order
/// included), for byte-exact comparisons.
pub(crate) fn expected_lines(execution: &str) -> Vec<String> {
    expected_entries(execution)
        .iter()
        .map(|e| serde_json::to_string(e).expect("serializable"))
        .collect()
}

/// A loopback port nothing listens on, held for as long as the guard lives: a socket is bound
/// to it but never listens, so connecting is refused and no other test can take the port.
pub(crate) struct RefusedPort {
    _socket: socket2::Socket,
    port: u16,
}

impl RefusedPort {
    pub(crate) fn port(&self) -> u16 {
        self.port
    }
}

pub(crate) fn refused_port() -> RefusedPort {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
    socket
        .bind(&std::net::SocketAddr::from(([127, 0, 0, 1], 0)).into())
        .expect("bind");
    let port = socket
        .local_addr()
        .expect("addr")
        .as_socket()
        .expect("an IP socket")
        .port();
    RefusedPort {
        _socket: socket,
        port,
    }
}

/// `bare_cmd` with the emulator's demo AccessKey in the environment.
pub(crate) fn demo_key_cmd(home: &Path) -> Command {
    let mut cmd = bare_cmd(home);
    cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator::DEMO_ACCESS_KEY_ID)
        .env(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            emulator::DEMO_ACCESS_KEY_SECRET,
        );
    cmd
}

/// util-linux's `script`, which gives a command a terminal. The tests that need one fail
/// loudly without it rather than pass having tested nothing; `.ci/run` installs it.
pub(crate) fn script() -> &'static Path {
    let script = Path::new("/usr/bin/script");
    assert!(
        script.exists(),
        "this test needs /usr/bin/script (util-linux; Debian: apt-get install bsdutils) to give the command a terminal"
    );
    script
}

/// Runs `configure --profile tty` on a terminal (util-linux `script`), types each step's keys
/// once its prompt shows, and returns the screen (ending with `EXIT=<code>`).
#[cfg(unix)]
pub(crate) fn configure_on_a_terminal(
    home: &Path,
    env: &[(&str, &str)],
    steps: &[(&str, &str)],
) -> String {
    use std::io::{Read as _, Write as _};
    use std::sync::{Arc, Mutex};
    let script = crate::support::script();
    let command = format!(
        "{} configure --profile tty; echo EXIT=$?",
        crate::support::binary().display()
    );
    let mut child = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let screen = Arc::new(Mutex::new(String::new()));
    let mut stdout = child.stdout.take().unwrap();
    let sink = screen.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 256];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    for (prompt, keys) in steps {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !screen.lock().unwrap().contains(prompt) {
            assert!(
                Instant::now() < deadline,
                "no prompt {prompt:?}:\n{}",
                screen.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !screen.lock().unwrap().contains("EXIT=") {
        assert!(
            Instant::now() < deadline,
            "did not end:\n{}",
            screen.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(stdin);
    let _ = child.wait();
    let _ = reader.join();
    screen.lock().unwrap().clone()
}
