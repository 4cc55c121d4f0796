#!/usr/bin/env bash
# Builds oos-logs in release mode, sets up the official Python SDK (PyPI) in a venv under
# target/, and runs bench/bench.py. Pass --quick for a short run, --no-sdk to skip the SDK,
# --no-grid to skip the 1 MB table row (it builds the release test binary).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
sdk=()
if [[ " $* " != *" --no-sdk "* ]]; then
  venv=target/bench-venv
  if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet alibabacloud-oos20190601
  fi
  sdk=(--sdk-python "$venv/bin/python")
fi
args=()
for a in "$@"; do [[ $a == --no-sdk ]] || args+=("$a"); done
exec python3 bench/bench.py "${sdk[@]}" "${args[@]}"
