//! The CI examples under `examples/` are valid YAML, and every oos-logs command line in them
//! parses with the real CLI.

use std::path::PathBuf;

use clap::Parser as _;
use oos_logs::cli::Cli;
use yaml_rust2::{Yaml, YamlLoader};

/// Every string in the document.
fn strings<'a>(yaml: &'a Yaml, out: &mut Vec<&'a str>) {
    match yaml {
        Yaml::String(s) => out.push(s),
        Yaml::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Yaml::Hash(map) => map.iter().for_each(|(k, v)| {
            strings(k, out);
            strings(v, out);
        }),
        _ => {}
    }
}

/// The oos-logs command lines of a script: the words up to a redirection or another command.
fn command_lines(script: &str) -> Vec<Vec<String>> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("oos-logs "))
        .map(|line| {
            let words = shlex::split(line).unwrap_or_else(|| panic!("unbalanced quotes: {line}"));
            words
                .into_iter()
                .take_while(|w| !matches!(w.as_str(), ">" | ">>" | "|" | "||" | "&&" | ";"))
                .map(|w| w.replace("$EXECUTION_ID", "exec-1234"))
                .collect()
        })
        .collect()
}

#[test]
fn ci_examples_are_valid_yaml_and_their_commands_parse() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    for (file, expected) in [("github-actions.yml", 4), ("gitlab-ci.yml", 4)] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(docs.len(), 1, "{file}");
        let mut found = Vec::new();
        strings(&docs[0], &mut found);
        let commands: Vec<Vec<String>> = found.iter().flat_map(|s| command_lines(s)).collect();
        assert!(commands.len() >= expected, "{file}: {commands:?}");
        for words in &commands {
            if let Err(e) = Cli::try_parse_from(words) {
                panic!("{file}: `{}` does not parse:\n{e}", words.join(" "));
            }
        }
        // It follows with a CI format and keeps the JUnit report and the JSON Lines.
        let all = commands
            .iter()
            .map(|w| w.join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        for needle in ["--follow", "-o junit", "-o jsonl"] {
            assert!(all.contains(needle), "{file} has no {needle}");
        }
    }
}
