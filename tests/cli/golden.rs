//! Golden files: the table and plain output of the sample executions (`list`, `status`,
//! `executions`), checked byte for byte. `OOS_LOGS_BLESS=1 cargo test --test cli golden`
//! rewrites them after an intended change; review the diff before committing.

use std::path::PathBuf;

use crate::support::{cmd, emulator, home, text};

/// Each case: the golden file's name and the arguments.
const CASES: &[(&str, &[&str])] = &[
    (
        "list-demo-failed.table.txt",
        &["list", "exec-demo-failed", "--all", "-o", "table"],
    ),
    (
        "list-demo-failed.plain.txt",
        &["list", "exec-demo-failed", "--all", "-o", "plain"],
    ),
    (
        "list-small.table.txt",
        &["list", "exec-small", "-o", "table"],
    ),
    (
        "list-hostile.table.txt",
        &["list", "exec-hostile", "--all", "-o", "table"],
    ),
    (
        "list-parent-recursive.plain.txt",
        &["list", "exec-parent", "-r", "-o", "plain"],
    ),
    (
        "list-parent-recursive.table.txt",
        &["list", "exec-parent", "-r", "-o", "table"],
    ),
    (
        "list-demo-failed-failed.plain.txt",
        &["list", "exec-demo-failed", "--failed", "-o", "plain"],
    ),
    ("status-demo-failed.txt", &["status", "exec-demo-failed"]),
    (
        "status-parent-recursive.txt",
        &["status", "exec-parent", "-r"],
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
    ),
];

#[test]
fn outputs_match_the_golden_files() {
    let em = emulator();
    let home = home();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("OOS_LOGS_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, args) in CASES {
        let out = cmd(&em, home.path())
            .env("COLUMNS", "100")
            .args(*args)
            .assert()
            .success();
        let got = text(&out.get_output().stdout);
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
