//! The committed man pages (`man/oos-logs.1`, `man/oos-logs-list.1`, ...) must match the CLI.
//! `OOS_LOGS_BLESS=1 cargo test --test cli man` rewrites them.

use std::path::PathBuf;

use oos_logs::cli::Cli;

/// Every page, by file name: the tool's and one per visible subcommand, rendered in memory.
fn pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
        let version = cmd.get_version().unwrap_or_default();
        let man = clap_mangen::Man::new(cmd.clone()).source(format!("oos-logs {version}"));
        let mut page = Vec::new();
        man.render(&mut page).expect("rendered into memory");
        pages.push((man.get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, pages);
        }
    }
    let mut cmd = Cli::documented_command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &mut pages);
    pages
}

#[test]
fn committed_man_pages_match_the_cli() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("man");
    let bless = std::env::var_os("OOS_LOGS_BLESS").is_some();
    let pages = pages();
    let mut stale = Vec::new();
    for (name, page) in &pages {
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, page).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&page[..]) {
            stale.push(path.display().to_string());
        }
    }
    // A page of a subcommand that is gone is stale too.
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !pages.iter().any(|(n, _)| *n == name) {
            if bless {
                std::fs::remove_file(entry.path()).unwrap();
            } else {
                stale.push(entry.path().display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale man pages: {stale:?}; run `OOS_LOGS_BLESS=1 cargo test --test cli man`"
    );
}

#[test]
fn there_is_a_page_for_the_tool_and_each_subcommand() {
    let names: Vec<String> = pages().into_iter().map(|(n, _)| n).collect();
    for expected in [
        "oos-logs.1",
        "oos-logs-list.1",
        "oos-logs-status.1",
        "oos-logs-executions.1",
        "oos-logs-emulator.1",
        "oos-logs-demo.1",
        "oos-logs-configure.1",
        "oos-logs-profiles.1",
        "oos-logs-completions.1",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("__complete")), "{names:?}");
    // The examples of `list --help` are in its page; the emulator's takes no global option.
    let pages = pages();
    let page = |name: &str| {
        String::from_utf8(pages.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap()
    };
    assert!(page("oos-logs-list.1").contains("\\-\\-since 1h \\-\\-grep \\-i timeout"));
    assert!(page("oos-logs-list.1").contains("\\-\\-region"));
    assert!(!page("oos-logs-emulator.1").contains("\\-\\-retries"));
}
