//! Inputs without bounds, through the real binary against the emulator's edge samples: a
//! table row of millions of lines streams in bounded memory and stops on a signal with an
//! exact count; emoji sequences are as wide as drawn and never split; an ended execution
//! without an end date is not "running"; a time out of range says so; a value from the
//! service too long to send back is the service's fault, not the network's.

use std::io::Read as _;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{
    cmd, emulator, expected_entries, home, send_signal, std_cmd, stderr_of, text,
};

/// A run's memory at most, in KiB, above which a test stops it and fails (the old renderer
/// built a whole wrapped row first: gigabytes).
const RUNAWAY_KIB: u64 = 512 * 1024;

/// `VmHWM` (peak resident memory) of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// stdout of a running child, read on a thread: how many bytes came, the first and the last
/// `KEEP` of them.
struct Reader {
    count: Arc<AtomicU64>,
    head: Arc<Mutex<Vec<u8>>>,
    tail: Arc<Mutex<Vec<u8>>>,
    thread: std::thread::JoinHandle<()>,
}

const KEEP: usize = 256 * 1024;

impl Reader {
    fn start(child: &mut Child) -> Self {
        let mut stdout = child.stdout.take().unwrap();
        let count = Arc::new(AtomicU64::new(0));
        let head = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::new(Mutex::new(Vec::new()));
        let (c, h, t) = (count.clone(), head.clone(), tail.clone());
        let thread = std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut head = h.lock().unwrap();
                let room = KEEP.saturating_sub(head.len()).min(n);
                head.extend_from_slice(&buf[..room]);
                let mut tail = t.lock().unwrap();
                tail.extend_from_slice(&buf[..n]);
                let excess = tail.len().saturating_sub(KEEP);
                tail.drain(..excess);
                c.fetch_add(n as u64, Ordering::SeqCst);
            }
        });
        Self {
            count,
            head,
            tail,
            thread,
        }
    }

    fn bytes(&self) -> u64 {
        self.count.load(Ordering::SeqCst)
    }
}

/// Waits until `reader` has `bytes` of output, watching the child's peak memory; returns the
/// peak seen. Kills the child and fails if it grows past [`RUNAWAY_KIB`] first, or exits.
fn wait_for_output(child: &mut Child, reader: &Reader, bytes: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut peak = 0;
    while reader.bytes() < bytes {
        peak = peak.max(peak_rss_kib(child.id()).unwrap_or(0));
        if peak > RUNAWAY_KIB || Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{} bytes of output and a peak of {} MiB: the row is built in memory, not streamed",
                reader.bytes(),
                peak / 1024
            );
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("exited early with {status}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    peak.max(peak_rss_kib(child.id()).unwrap_or(0))
}

/// Waits for the child to exit after `signal` was sent, up to 20 s (a bound for a hang,
/// not a speed), keeping its memory under [`RUNAWAY_KIB`].
fn exit_after(child: &mut Child, signal: &str) -> std::process::ExitStatus {
    let sent = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        let peak = peak_rss_kib(child.id()).unwrap_or(0);
        if sent.elapsed() > Duration::from_secs(20) || peak > RUNAWAY_KIB {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "still drawing {:?} after SIG{signal}, at a peak of {} MiB",
                sent.elapsed(),
                peak / 1024
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The lines of some output (a cut last line included).
fn lines_of(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_row_of_millions_of_lines_streams_its_lines_in_bounded_memory() {
    let em = emulator();
    let home = home();
    let mut child = std_cmd(&em, home.path())
        .env("COLUMNS", "120")
        .args(["list", "exec-edge-newlines", "-o", "table"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let reader = Reader::start(&mut child);
    // 8 MiB of newlines is 8 million lines of 120 columns: 1 GB of table. A quarter of the
    // way in (and again further on), memory is what it was at the start, not the lines so far.
    let early = wait_for_output(&mut child, &reader, 32 << 20);
    let later = wait_for_output(&mut child, &reader, 256 << 20);
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.thread.join();
    assert!(
        later < 192 * 1024,
        "peak {} MiB after 256 MiB of output",
        later / 1024
    );
    assert!(
        later < early + 16 * 1024,
        "memory grew with the lines drawn: {} MiB, then {} MiB",
        early / 1024,
        later / 1024
    );
    let head = lines_of(&reader.head.lock().unwrap());
    assert!(
        head[0].starts_with('┌') && head[1].contains("MESSAGE"),
        "{head:?}"
    );
    assert!(head[3].contains("exec-edge-newlines.t0001"), "{head:?}");
    for line in &head[..head.len() - 1] {
        assert_eq!(line.chars().count(), 120, "{line:?}");
    }
}

/// The count line after an interruption (`1 entry was printed ...; resume with ...`).
fn printed_note(stderr: &str) -> Option<&str> {
    stderr.lines().find(|l| l.contains("printed before the"))
}

#[test]
fn sigint_and_sigterm_stop_a_huge_row_at_a_line_end_and_count_only_whole_rows() {
    let em = emulator();
    for (signal, code, word) in [("INT", 130, "interruption"), ("TERM", 143, "termination")] {
        let home = home();
        // A million lines of 10,000 columns: 10 GB of table, drawn only if nothing stops it.
        let mut child = std_cmd(&em, home.path())
            .env("COLUMNS", "10000")
            .args(["list", "exec-edge-lines", "--all", "-o", "table"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let reader = Reader::start(&mut child);
        wait_for_output(&mut child, &reader, 4 << 20);
        send_signal(child.id(), signal);
        let status = exit_after(&mut child, signal);
        let stderr = stderr_of(&mut child);
        reader.thread.join().unwrap();
        assert_eq!(status.code(), Some(code), "{signal}: {stderr}");
        // The first row was drawn whole; the huge one was cut, so it is not counted, and
        // resuming starts with it.
        let note = printed_note(&stderr).unwrap_or_else(|| panic!("no count: {stderr}"));
        assert!(
            note.contains(&format!("1 entry was printed before the {word}"))
                && note.ends_with("resume with --skip 1"),
            "{signal}: {stderr}"
        );
        let head = lines_of(&reader.head.lock().unwrap());
        assert!(head[3].contains("before the flood"), "{head:?}");
        // The cut is at a line's end, and the table is closed after it.
        let tail = reader.tail.lock().unwrap().clone();
        assert!(
            tail.ends_with("┘\n".as_bytes()),
            "{signal}: {:?}",
            String::from_utf8_lossy(&tail[tail.len().saturating_sub(200)..])
        );
        let tail = String::from_utf8_lossy(&tail);
        let whole: Vec<&str> = tail.lines().skip(1).collect();
        for line in &whole {
            assert_eq!(line.chars().count(), 10_000, "{signal}: a cut line");
        }
        assert!(!tail.contains("after the flood"), "{signal}");
    }
}

#[test]
fn sigterm_stops_a_huge_row_written_where_no_reader_holds_it_up() {
    // /dev/null takes every write at once: the row is drawn as fast as it can be, and only
    // the signal stops it (8 million lines of 10,000 columns: 80 GB of table).
    let em = emulator();
    let home = home();
    let mut child = std_cmd(&em, home.path())
        .env("COLUMNS", "10000")
        .args(["list", "exec-edge-newlines", "-o", "table"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut peak = 0;
    while started.elapsed() < Duration::from_secs(3) {
        peak = peak.max(peak_rss_kib(child.id()).unwrap_or(0));
        if peak > RUNAWAY_KIB {
            let _ = child.kill();
            let _ = child.wait();
            panic!("a peak of {} MiB: the row is built in memory", peak / 1024);
        }
        assert!(child.try_wait().unwrap().is_none(), "exited early");
        std::thread::sleep(Duration::from_millis(10));
    }
    send_signal(child.id(), "TERM");
    let status = exit_after(&mut child, "TERM");
    let stderr = stderr_of(&mut child);
    assert_eq!(status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("terminated"), "{stderr}");
}

/// Display width of a table line with the emoji sample in it: each of the sample's
/// sequences is one character 2 wide (and a letter with its combining accent 1); every other
/// character the table holds (ASCII, box drawing) is 1.
fn drawn_width(line: &str) -> usize {
    let mut rest = line.replace("e\u{301}", "e");
    for sequence in SEQUENCES {
        rest = rest.replace(sequence, "WW");
    }
    rest.chars().count()
}

/// The emoji sequences of `exec-edge-emoji`, longest first.
const SEQUENCES: [&str; 7] = [
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "👩\u{200d}💻",
    "1\u{fe0f}\u{20e3}",
    "☁\u{fe0f}",
    "👍🏽",
    "🇯🇵",
];

/// What a split sequence leaves behind once whole sequences are taken out.
fn leftovers(line: &str) -> Vec<char> {
    let mut rest = line.replace("e\u{301}", "e");
    for sequence in SEQUENCES {
        rest = rest.replace(sequence, "");
    }
    rest.chars()
        .filter(|c| !c.is_ascii() && !"┌┬┐│┆╞═╪╡└┴┘─…".contains(*c))
        .collect()
}

#[test]
fn emoji_sequences_are_as_wide_as_drawn_and_never_split() {
    let em = emulator();
    let home = home();
    let messages: Vec<String> = expected_entries("exec-edge-emoji")
        .iter()
        .map(|e| e["Message"].as_str().unwrap().to_owned())
        .collect();
    for columns in [100usize, 61, 44] {
        let out = cmd(&em, home.path())
            .env("COLUMNS", columns.to_string())
            .args(["list", "exec-edge-emoji", "-o", "table"])
            .assert()
            .success();
        let stdout = text(&out.get_output().stdout);
        for line in stdout.lines() {
            assert_eq!(drawn_width(line), columns, "{columns}: {line:?}");
            assert_eq!(
                leftovers(line),
                [] as [char; 0],
                "{columns}: a split in {line:?}"
            );
        }
        // Read back, the message column holds every message whole.
        let column: String = stdout
            .lines()
            .filter(|l| l.starts_with('│') && !l.contains("MESSAGE"))
            .map(|l| l.trim_end_matches('│').rsplit('┆').next().unwrap().trim())
            .collect::<Vec<_>>()
            .join("");
        let all: String = messages.iter().map(|m| m.replace(' ', "")).collect();
        assert_eq!(column.replace(' ', ""), all, "{columns}");
    }
}

#[test]
fn an_execution_that_ended_without_an_end_date_is_not_running() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["status", "exec-edge-no-end"])
        .assert()
        .success();
    let stdout = text(&out.get_output().stdout);
    assert!(
        stdout.contains("Ended      unknown (no EndDate)"),
        "{stdout}"
    );
    assert!(
        !stdout.lines().any(|l| l.starts_with("Running")),
        "{stdout}"
    );
    // Neither the execution nor its task without an end is given an age as its duration.
    let aged = days_duration(&stdout);
    assert!(aged.is_none(), "an age as a duration: {aged:?} in {stdout}");
    let out = cmd(&em, home.path())
        .args(["status", "exec-edge-no-end", "-o", "markdown"])
        .assert()
        .success();
    let markdown = text(&out.get_output().stdout);
    assert!(
        !markdown.lines().any(|l| l.starts_with("| Duration |")),
        "{markdown}"
    );
    assert!(days_duration(&markdown).is_none(), "{markdown}");
}

/// A duration of days (`907d 21h`), the age of a 2024 sample, if the text shows one.
fn days_duration(text: &str) -> Option<&str> {
    text.split(['│', '┆', '|', '\n'])
        .map(str::trim)
        .find(|cell| {
            cell.split_once("d ").is_some_and(|(d, h)| {
                !d.is_empty()
                    && d.chars().all(|c| c.is_ascii_digit())
                    && h.strip_suffix('h')
                        .is_some_and(|h| h.chars().all(|c| c.is_ascii_digit()))
            })
        })
}

#[test]
fn a_time_out_of_range_says_so() {
    let em = emulator();
    let home = home();
    for flag in ["--since", "--until"] {
        let out = cmd(&em, home.path())
            .args(["list", "exec-small", flag, "9999-12-31T23:59:59Z"])
            .assert()
            .code(2);
        let stderr = text(&out.get_output().stderr);
        assert!(stderr.contains("is out of range"), "{stderr}");
        assert!(!stderr.contains("is not a time"), "{stderr}");
    }
}

#[test]
fn a_task_id_too_long_to_send_back_is_the_services_fault_not_the_networks() {
    let em = emulator();
    let home = home();
    for format in ["junit", "markdown"] {
        let out = cmd(&em, home.path())
            .args(["-v", "status", "exec-edge-huge-task", "-o", format])
            .timeout(Duration::from_secs(60))
            .assert()
            .code(6);
        let stderr = text(&out.get_output().stderr);
        let error = stderr
            .lines()
            .find(|l| l.starts_with("oos-logs: error:"))
            .unwrap_or_else(|| panic!("{format}: no error line"));
        assert!(
            error.contains(
                "cannot send ListExecutionLogs: its TaskExecutionId is 5242906 bytes long"
            ) && error.contains("too long to be sent back"),
            "{format}: {error}"
        );
        assert!(!stderr.contains("Uri"), "{format}: {error}");
        assert!(!stderr.contains("hint:"), "{format}: a hint");
        // Not retried: a request that cannot be made fails the same way every time.
        assert!(!stderr.contains("* retry"), "{format}: retried");
        assert!(
            stderr.len() < 64 * 1024,
            "{format}: {} bytes of stderr",
            stderr.len()
        );
    }
    assert_eq!(em.stats().action_count("ListExecutionLogs"), 0);
}
