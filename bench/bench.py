#!/usr/bin/env python3
"""Benchmark of oos-logs against its own emulator (DESIGN §8). Prints figures, asserts nothing.

Whole-process timings (median of repeated runs), peak RSS per run (wait4's ru_maxrss), the
20 ms-latency floor, the first-line latency, and the ratio to the official Python SDK when a
Python with `alibabacloud-oos20190601` is given (--sdk-python; bench/run.sh sets one up).
All traffic stays on 127.0.0.1.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "oos-logs")
KEY_ID = "LTAI5tOosLogsDemoKey01"
SECRET = "oos-logs-demo-secret"


def env():
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/nonexistent",
        "ALIBABA_CLOUD_ACCESS_KEY_ID": KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": SECRET,
        "ALIBABA_CLOUD_REGION_ID": "cn-hangzhou",
    }


class Emulator:
    def __init__(self, *flags):
        self.proc = subprocess.Popen([BIN, "emulator", "--port", "0", *flags], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not m:
            raise SystemExit(f"emulator did not start: {line!r}")
        self.url = m.group(1)

    def close(self):
        self.proc.kill()
        self.proc.wait()


def run(argv, stdout=subprocess.DEVNULL):
    """Runs argv; returns its wall time in seconds."""
    start = time.perf_counter()
    p = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, env=env())
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({p.returncode}): {p.stderr.decode()}")
    return elapsed


def peak_rss_kib(argv):
    """Peak RSS of argv in KiB, from GNU time (wait4 from Python would count the forked
    interpreter's pages as the child's)."""
    gnu_time = "/usr/bin/time"
    if not os.access(gnu_time, os.X_OK):
        return None
    with open(os.devnull, "w") as null:
        p = subprocess.run([gnu_time, "-f", "%M", *argv], stdout=null, stderr=subprocess.PIPE, env=env(), text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({p.returncode}): {p.stderr}")
    return int(p.stderr.strip().splitlines()[-1])


def median_time(argv, n):
    return statistics.median(run(argv) for _ in range(n))


def list_argv(url, execution, fmt="jsonl", *extra):
    return [BIN, "--endpoint", url, "list", execution, "--all", "--page-size", "100", "-o", fmt, *extra]


def first_line_seconds(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env())
    p.stdout.readline()
    t = time.perf_counter() - start
    p.kill()
    p.wait()
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sdk-python", help="a python with alibabacloud-oos20190601 installed")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, no 1,000,000-entry runs")
    args = ap.parse_args()
    reps = 5 if args.quick else 30

    fast = Emulator()
    slow = Emulator("--latency-ms", "20")
    rows = []
    try:
        v = median_time([BIN, "--version"], reps)
        rows.append(("`oos-logs --version`, median whole process", f"{v * 1000:.2f} ms", "< 3 ms"))

        page = median_time([BIN, "--endpoint", fast.url, "list", "exec-small", "-o", "jsonl"], reps)
        rows.append(("one page (7 entries) from the emulator, median whole process", f"{page * 1000:.2f} ms", "< 20 ms"))

        n = 3 if args.quick else 5
        all_100k = statistics.median(run(list_argv(fast.url, "exec-large-100000")) for _ in range(n))
        rows.append(("`--all` over 100,000 entries (1,000 pages), 0 ms latency, median", f"{all_100k:.3f} s", ""))

        if args.sdk_python:
            script = os.path.join(ROOT, "bench", "sdk_list_all.py")
            sdk_argv = [args.sdk_python, script, "--endpoint", fast.url, "--execution-id", "exec-large-100000", "--page-size", "100"]
            sdk = run(sdk_argv)
            rows.append(("same with the official Python SDK loop (1 run)", f"{sdk:.3f} s", ""))
            rows.append(("ratio SDK / oos-logs", f"{sdk / all_100k:.1f}x", ">= 20x"))

        pages = 100
        floor = pages * 0.020
        wall = statistics.median(run(list_argv(slow.url, "exec-large-10000")) for _ in range(3))
        budget = floor * 1.03 + 0.050
        rows.append((f"20 ms latency, {pages} pages: wall vs floor {floor:.2f} s (budget {budget:.3f} s)", f"{wall:.3f} s (+{(wall - floor) * 1000:.0f} ms)", "<= budget"))
        first = statistics.median(first_line_seconds(list_argv(slow.url, "exec-large-10000", "plain")) for _ in range(5))
        rows.append(("20 ms latency: first line printed after", f"{first * 1000:.1f} ms", "within one request"))

        sizes = [100_000] if args.quick else [100_000, 1_000_000]
        for fmt in ["jsonl", "plain", "json"]:
            for size in sizes:
                rss = peak_rss_kib(list_argv(fast.url, f"exec-large-{size}", fmt))
                value = "no /usr/bin/time (apt-get install time)" if rss is None else f"{rss / 1024:.1f} MiB"
                rows.append((f"peak RSS, {fmt}, {size:,} entries", value, "< 20 MB"))
    finally:
        fast.close()
        slow.close()

    print(f"oos-logs benchmark, {time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} cores\n")
    print("| measure | value | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    sys.exit(main())
