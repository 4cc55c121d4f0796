//! Golden files: the output of every human and CI format over the sample executions (the
//! failed one, a live one, the parent with children), checked byte for byte.
//! `OOS_LOGS_BLESS=1 cargo test --test cli golden` rewrites them after an intended change;
//! review the diff before committing. What differs from run to run (the wall-clock times of
//! live executions, the section times of GitLab markers, GitHub's random fence token) is
//! replaced by a placeholder first.

use std::path::PathBuf;

use regex::Regex;

use crate::support::{cmd, emulator, home, text};

/// Each case: the golden file's name, the arguments, and the exit code. A live execution is
/// followed before its status is shown (its entries are a whole second apart, so its times
/// differ by whole seconds whatever the wall clock says).
const CASES: &[(&str, &[&str], i32)] = &[
    (
        "list-demo-failed.table.txt",
        &["list", "exec-demo-failed", "--all", "-o", "table"],
        0,
    ),
    (
        "list-demo-failed.plain.txt",
        &["list", "exec-demo-failed", "--all", "-o", "plain"],
        0,
    ),
    (
        "list-small.table.txt",
        &["list", "exec-small", "-o", "table"],
        0,
    ),
    (
        "list-hostile.table.txt",
        &["list", "exec-hostile", "--all", "-o", "table"],
        0,
    ),
    (
        "list-parent-recursive.plain.txt",
        &["list", "exec-parent", "-r", "-o", "plain"],
        0,
    ),
    (
        "list-parent-recursive.table.txt",
        &["list", "exec-parent", "-r", "-o", "table"],
        0,
    ),
    (
        "list-demo-failed-failed.plain.txt",
        &["list", "exec-demo-failed", "--failed", "-o", "plain"],
        0,
    ),
    (
        "list-demo-failed.github.txt",
        &["list", "exec-demo-failed", "--all", "-o", "github"],
        0,
    ),
    (
        "list-demo-failed.gitlab.txt",
        &["list", "exec-demo-failed", "--all", "-o", "gitlab"],
        0,
    ),
    (
        "list-hostile.github.txt",
        &["list", "exec-hostile", "--all", "-o", "github"],
        0,
    ),
    (
        "list-parent-recursive.github.txt",
        &["list", "exec-parent", "-r", "-o", "github"],
        0,
    ),
    (
        "list-parent-failed.gitlab.txt",
        &["list", "exec-parent", "--failed", "-r", "-o", "gitlab"],
        0,
    ),
    (
        "list-live-failed.github.txt",
        &["list", "exec-live-failed-3x1000", "-f", "-o", "github"],
        10,
    ),
    (
        "list-live-failed.gitlab.txt",
        &["list", "exec-live-failed-3x1000", "-f", "-o", "gitlab"],
        10,
    ),
    ("status-demo-failed.txt", &["status", "exec-demo-failed"], 0),
    (
        "status-parent-recursive.txt",
        &["status", "exec-parent", "-r"],
        0,
    ),
    (
        "status-demo-failed.md",
        &["status", "exec-demo-failed", "-o", "markdown"],
        0,
    ),
    (
        "status-parent-recursive.md",
        &["status", "exec-parent", "-r", "-o", "markdown"],
        0,
    ),
    (
        "status-live-failed.md",
        &["status", "exec-live-failed-3x1000", "-o", "markdown"],
        0,
    ),
    (
        "status-demo-failed.junit.xml",
        &["status", "exec-demo-failed", "-o", "junit"],
        0,
    ),
    (
        "status-parent-recursive.junit.xml",
        &["status", "exec-parent", "-r", "-o", "junit"],
        0,
    ),
    (
        "status-live-failed.junit.xml",
        &["status", "exec-live-failed-3x1000", "-o", "junit"],
        0,
    ),
    (
        "executions-failed.table.txt",
        &[
            "executions",
            "--status",
            "Failed",
            "--limit",
            "5",
            "-o",
            "table",
        ],
        0,
    ),
    (
        "executions-failed.plain.txt",
        &[
            "executions",
            "--status",
            "Failed",
            "--limit",
            "5",
            "-o",
            "plain",
        ],
        0,
    ),
];

/// Replaces what changes from run to run.
fn normalise(output: &str) -> String {
    let token = Regex::new(r"::stop-commands::([0-9a-f]{32})").unwrap();
    let mut out = output.to_owned();
    if let Some(found) = token.captures(output) {
        out = out.replace(&found[1], "TOKEN");
    }
    let section = Regex::new(r"section_(start|end):\d+:").unwrap();
    let out = section.replace_all(&out, "section_$1:UNIX:");
    // Live executions run on the wall clock: their times are today's.
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let live_time = Regex::new(&format!(r"{today}T\d\d:\d\d:\d\dZ?")).unwrap();
    live_time.replace_all(&out, "LIVE-TIME").into_owned()
}

#[test]
fn outputs_match_the_golden_files() {
    // Executions that were named join the listings: `executions` gets an emulator of its own.
    let em = emulator();
    let listings = emulator();
    let home = home();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("OOS_LOGS_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, args, code) in CASES {
        let server = if args[0] == "executions" {
            &listings
        } else {
            &em
        };
        let out = cmd(server, home.path())
            .env("COLUMNS", "100")
            .args(*args)
            .timeout(std::time::Duration::from_secs(30))
            .assert()
            .code(*code);
        let got = normalise(&text(&out.get_output().stdout));
        let path = dir.join(name);
        if bless {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            eprintln!("--- {name} differs; got:\n{got}");
            stale.push(*name);
        }
    }
    assert!(
        stale.is_empty(),
        "outputs differ from tests/golden: {stale:?}; if intended, run `OOS_LOGS_BLESS=1 cargo test --test cli golden` and review the diff"
    );
}
