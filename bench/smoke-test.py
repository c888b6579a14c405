#!/usr/bin/env python3
# smoke-test.py — the 'bench' test suite: every benchmark program runs at a
# tiny scale and prints well-formed results. Nothing is timed against a
# limit here; docs/benchmarks.md holds the measurements.
#
# TAP output. Needs a display for the widget and start-up programs (the
# test suite runs under Xvfb, as the UI tests do).

import argparse
import os
import re
import subprocess
import sys
import tempfile

RESULT = re.compile(r"^RESULT (\S+) median=([0-9.]+) min=([0-9.]+) max=([0-9.]+) n=(\d+)(.*)$", re.M)

n = 0
failed = 0


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    if cond:
        print("ok %d - %s" % (n, what))
    else:
        failed += 1
        print("not ok %d - %s" % (n, what))
        for line in str(detail).splitlines()[-20:]:
            print("# " + line)


def run(argv, env=None):
    return subprocess.run(argv, capture_output=True, text=True, timeout=120,
                          env=env)


def results(out):
    found = {}
    for m in RESULT.finditer(out):
        extra = dict(kv.split("=", 1) for kv in m.group(6).split())
        found[m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(4)),
                             int(m.group(5)), extra)
    return found


def main():
    p = argparse.ArgumentParser()
    for name in ("gen", "gen-table", "import", "load", "render", "hover", "window", "bare-window", "app", "dataset"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()

    with tempfile.TemporaryDirectory(prefix="rex-bench-smoke-") as tmp:
        r = run([sys.executable, a.gen, "--regions", "31", "--metrics", "10", "--out", tmp])
        path = os.path.join(tmp, "regions-31.json")
        ok(r.returncode == 0 and os.path.exists(path), "generator writes a dataset", r.stderr)

        r = run([a.app, "--check", path])
        ok(r.returncode == 0 and "valid" in r.stdout, "the generated dataset passes --check",
           r.stdout + r.stderr)

        r = run([a.load, "--runs", "2", path])
        res = results(r.stdout).get("load")
        ok(r.returncode == 0 and res is not None and res[3] == 2 and res[1] <= res[0] <= res[2]
           and int(res[4]["values"]) > 31 * 10 * 25 and float(res[4]["mb_per_s"]) > 0,
           "bench-load reports time, throughput and values", r.stdout + r.stderr)

        r = run([sys.executable, a.gen_table, "--regions", "40", "--out", tmp])
        table = os.path.join(tmp, "counties-40.csv")
        ok(r.returncode == 0 and os.path.exists(table), "the table generator writes a table", r.stderr)
        r = run([a.__dict__["import"], "--runs", "2", table])
        res = results(r.stdout).get("import")
        ok(r.returncode == 0 and res is not None and res[3] == 2 and res[4]["encoding"] == "GB18030"
           and int(res[4]["values"]) > 40 * 10 * 18,
           "bench-import imports the GB18030 table", r.stdout + r.stderr)

        r = run([a.render, "--runs", "2", "--width", "640", "--height", "480", path])
        res = results(r.stdout)
        ok(r.returncode == 0 and "render-cold-bars" in res and "render-draw-bars" in res
           and res["render-draw-bars"][4]["regions"] == "31",
           "bench-render measures the bar chart", r.stdout + r.stderr)
        kinds = sorted(k[len("render-cold-"):] for k in res if k.startswith("render-cold-"))
        print("# kinds measured: " + ", ".join(kinds))

        r = run([a.hover, "--runs", "3", "--width", "800", "--height", "600", a.dataset])
        res = results(r.stdout)
        ok(r.returncode == 0 and "hover-snapshot" in res and "full-snapshot" in res,
           "bench-hover measures hover and full snapshots", r.stdout + r.stderr)

        r = run([a.window, "--runs", "1", "--width", "800", "--height", "600", path])
        res = results(r.stdout)
        ok(r.returncode == 0 and "window-apply" in res and "window-first-relationships" in res
           and "window-again-map" in res and "window-select" in res
           and res["window-apply"][4]["regions"] == str(31 + 24),
           "bench-window measures applying a dataset, showing views and selecting",
           r.stdout + r.stderr)

        env = dict(os.environ)
        r = run([a.bare_window], env=env)
        ok(r.returncode == 0 and re.search(r"^FIRST_FRAME \d+$", r.stdout, re.M) is not None,
           "the bare window reports its first frame", r.stdout + r.stderr)

        env["REX_BENCH_EXIT_AFTER_FIRST_FRAME"] = "1"
        r = run([a.app], env=env)
        ok(r.returncode == 0 and re.search(r"^FIRST_FRAME \d+$", r.stdout, re.M) is not None,
           "region-explorer reports its first frame and exits", r.stdout + r.stderr)

    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
