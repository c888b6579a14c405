#!/usr/bin/env python3
# run-benchmarks.py — runs every benchmark and the reference programs in one
# go and writes the result tables into docs/benchmarks.md (between the
# "BEGIN RESULTS" and "END RESULTS" markers; the rest of the page is kept).
#
# Use build-aux/bench.sh, which builds the project (release), generates the
# datasets and runs this under Xvfb. By hand:
#
#   bench/run-benchmarks.py --build BUILD --data /tmp/rex-bench [--runs 5]
#
# Every figure is a median of --runs fresh measurements, shown with its
# min–max range. References run in the same invocation on the same files,
# interleaved with ours, so the ratios hold on a noisy machine.

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RESULT = re.compile(r"^RESULT (\S+) median=([0-9.]+) min=([0-9.]+) max=([0-9.]+) n=(\d+)(.*)$", re.M)
SCALES = [31, 300, 3000, 30000]


def results(out):
    found = {}
    for m in RESULT.finditer(out):
        extra = dict(kv.split("=", 1) for kv in m.group(6).split())
        found[m.group(1)] = {"median": float(m.group(2)), "min": float(m.group(3)),
                             "max": float(m.group(4)), "n": int(m.group(5)), **extra}
    return found


def run(argv, env=None, timeout=600):
    r = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(map(str, argv)), r.returncode,
                                                  r.stderr.strip()[-400:]))
    return r.stdout


def stats(samples):
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "n": len(samples)}


def fmt(s, unit="ms", digits=1):
    if s is None:
        return "—"
    return "%.*f %s (%.*f–%.*f)" % (digits, s["median"], unit, digits, s["min"], digits, s["max"])


def wall(argv, env=None):
    start = time.perf_counter()
    run(argv, env=env)
    return (time.perf_counter() - start) * 1000.0


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            mem = ", %.1f GiB RAM" % (kib / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return "%s, %d logical CPUs%s; %s %s; %s" % (
        cpu, os.cpu_count() or 0, mem, platform.system(), platform.release(),
        platform.freedesktop_os_release().get("PRETTY_NAME", "")
        if hasattr(platform, "freedesktop_os_release") else "")


PY_LOAD = ("import json, sys, time\n"
           "t = time.perf_counter()\n"
           "json.load(open(sys.argv[1], encoding='utf-8'))\n"
           "print((time.perf_counter() - t) * 1000)\n")


def bench_load(b, path, runs):
    ours, per_value, mbps, ref, ref_wall = [], [], [], [], []
    info = None
    for _ in range(runs):
        r = results(run([b + "/bench/bench-load", path]))["load"]
        info = r
        ours.append(r["median"])
        per_value.append(float(r["bytes_per_value"]))
        mbps.append(float(r["mb_per_s"]))
        ref.append(float(run([sys.executable, "-c", PY_LOAD, path]).strip()))
        ref_wall.append(wall([sys.executable, "-c",
                              "import json, sys; json.load(open(sys.argv[1]))", path]))
    return {"ours": stats(ours), "bytes_per_value": stats(per_value), "mbps": stats(mbps),
            "python": stats(ref), "python_wall": stats(ref_wall),
            "mb": float(info["mb"]), "values": int(info["values"])}


# Python's csv module reading the same table into dictionaries, timed in
# the process (without interpreter start-up): the reference for importing.
PY_CSV = ("import csv, sys, time\n"
          "t = time.perf_counter()\n"
          "with open(sys.argv[1], encoding='gb18030', newline='') as f:\n"
          "    for _ in range(int(sys.argv[2])):\n"
          "        next(f)\n"
          "    rows = list(csv.DictReader(f))\n"
          "print((time.perf_counter() - t) * 1000)\n")


def bench_import(b, path, runs, skip_lines=2):
    """bench-import against Python's csv.DictReader, interleaved, a fresh
    process for each measurement."""
    ours, ref, rss = [], [], []
    info = None
    for _ in range(runs):
        r = results(run([b + "/bench/bench-import", path]))["import"]
        info = r
        ours.append(r["median"])
        rss.append(float(r["peak_rss_delta_kib"]) / 1024)
        ref.append(float(run([sys.executable, "-c", PY_CSV, path, str(skip_lines)]).strip()))
    ratios = [o / p for o, p in zip(ours, ref)]
    return {"ours": stats(ours), "python": stats(ref), "ratio": stats(ratios), "rss": stats(rss),
            "mb": float(info["mb"]), "values": int(info["values"]), "regions": int(info["regions"]),
            "encoding": info["encoding"]}


def import_section(b, table, runs):
    lines = []
    out = lines.append
    out("Run on %s by `bench/run-benchmarks.py --only import` (release build, %d runs, "
        "each in a fresh process, ours and Python's interleaved). Each cell: median (min–max)." %
        (datetime.date.today().isoformat(), runs))
    out("")
    out("Machine: %s." % machine())
    out("")
    r = bench_import(b, table, runs)
    out("| table | values | regions | ours: import | Python `csv.DictReader` into dicts | "
        "ours / Python (per run) | peak memory growth |")
    out("|---|---:|---:|---|---|---|---:|")
    out("| %s, %.1f MB, %s | %s | %s | %s | %s | %s | %.0f MiB |" % (
        os.path.basename(table), r["mb"], r["encoding"], format(r["values"], ","),
        format(r["regions"], ","), fmt(r["ours"]), fmt(r["python"]),
        "%.2f (%.2f–%.2f)" % (r["ratio"]["median"], r["ratio"]["min"], r["ratio"]["max"]),
        r["rss"]["median"]))
    return "\n".join(lines)


GNUPLOT_BARS = """set terminal pngcairo size {w},{h} enhanced font 'Sans,10'
set output '{out}'
set title 'GDP'
set style fill solid 1.0 noborder
set yrange [-0.5:{n}-0.5] reverse
set ytics scale 0 font ',8'
set xzeroaxis
set grid xtics
unset key
set datafile separator '\\t'
plot '{data}' using ($2/2):0:($2/2):(0.4):yticlabels(1) with boxxyerror lc rgb '#0072B2'
"""

GNUPLOT_LINES = """set terminal pngcairo size {w},{h} enhanced font 'Sans,10'
set output '{out}'
set title 'Lines'
set grid
unset key
set datafile separator '\\t'
plot for [i=0:{n}-1] '{data}' index i using 1:2 with lines lw 1.5
"""


def csv_rows(path):
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[1:]


def gnuplot_inputs(tmp, app, dataset, w, h):
    """The data behind our default bar and line charts, exported by our own
    CSV export, as gnuplot data files and scripts (prepared, not timed)."""
    files = {}
    extra = [dataset] if dataset else []
    for kind in ("bars", "lines"):
        csv_path = os.path.join(tmp, "%s.csv" % kind)
        run([app, "--chart=" + kind, "--export", csv_path] + extra)
        rows = [r for r in csv_rows(csv_path) if len(r) >= 4 and r[3] != ""]
        data = os.path.join(tmp, "%s.dat" % kind)
        with open(data, "w", encoding="utf-8") as f:
            if kind == "bars":
                for r in rows:
                    f.write("%s\t%s\n" % (r[1], r[3]))
                n = len(rows)
                script = GNUPLOT_BARS
            else:
                blocks = {}
                for r in rows:
                    blocks.setdefault(r[0], []).append((r[2], r[3]))
                for series in blocks.values():
                    for year, value in series:
                        f.write("%s\t%s\n" % (year, value))
                    f.write("\n\n")
                n = len(blocks)
                script = GNUPLOT_LINES
        gp = os.path.join(tmp, "%s.gp" % kind)
        with open(gp, "w", encoding="utf-8") as f:
            f.write(script.format(w=w, h=h, n=max(n, 1), data=data,
                                  out=os.path.join(tmp, "gnuplot-%s.png" % kind)))
        files[kind] = (gp, n)
    return files


def bench_export(b, dataset, runs, tmp, w=1920, h=1080):
    app = b + "/src/app/region-explorer"
    extra = [dataset] if dataset else []
    out = {}
    formats = []
    for ext in ("png", "svg", "pdf"):
        try:
            run([app, "--export", os.path.join(tmp, "probe." + ext), "--width", "64",
                 "--height", "48"] + extra)
            formats.append(ext)
        except RuntimeError:
            out[ext] = None
    gnuplot = shutil.which("gnuplot")
    gp = gnuplot_inputs(tmp, app, dataset, w, h) if gnuplot else {}
    samples = {k: [] for k in formats + ["lines-png", "gnuplot-bars", "gnuplot-lines"]}
    for _ in range(runs):
        for ext in formats:
            samples[ext].append(wall([app, "--export", os.path.join(tmp, "out." + ext),
                                      "--width", str(w), "--height", str(h)] + extra))
        samples["lines-png"].append(wall([app, "--chart=lines", "--export",
                                          os.path.join(tmp, "lines.png"), "--width", str(w),
                                          "--height", str(h)] + extra))
        if gnuplot:
            samples["gnuplot-bars"].append(wall([gnuplot, gp["bars"][0]]))
            samples["gnuplot-lines"].append(wall([gnuplot, gp["lines"][0]]))
    for k, v in samples.items():
        if v:
            out[k] = stats(v)
    out["bars_n"] = gp["bars"][1] if gp else None
    out["lines_n"] = gp["lines"][1] if gp else None
    return out


# Start-up is measured three ways, because under Xvfb the GL renderer runs on
# Mesa's llvmpipe, which compiles GSK's shaders on the CPU: with Mesa's shader
# cache empty (a first run), with it warm (every later run on a desktop), and
# with the cairo renderer (no shaders; what is left is GTK's and our work).
STARTUP_CONFIGS = [
    ("GL, shader cache empty", {"MESA_SHADER_CACHE_DISABLE": "true"}),
    ("GL, shader cache warm", {"MESA_SHADER_CACHE_DISABLE": "false",
                               "MESA_SHADER_CACHE_DIR": "/tmp/rex-bench-shader-cache"}),
    ("cairo renderer", {"GSK_RENDERER": "cairo"}),
]


def bench_startup(b, runs, config):
    env = dict(os.environ)
    env.update({"GTK_A11Y": "none", "GSETTINGS_BACKEND": "memory",
                "GSETTINGS_SCHEMA_DIR": b + "/data", "DBUS_SESSION_BUS_ADDRESS": "disabled:"})
    env.update(config)
    app_env = dict(env, REX_BENCH_EXIT_AFTER_FIRST_FRAME="1")
    bare, app = [], []

    def first_frame(argv, e):
        start = time.monotonic_ns() // 1000
        out = run(argv, env=e)
        m = re.search(r"^FIRST_FRAME (\d+)$", out, re.M)
        if not m:
            raise RuntimeError("no FIRST_FRAME line from %s" % argv[0])
        return (int(m.group(1)) - start) / 1000.0

    if config.get("MESA_SHADER_CACHE_DISABLE") == "false":
        # Fill the cache first: the runs below are the warm case.
        first_frame([b + "/bench/bench-bare-window"], env)
        first_frame([b + "/src/app/region-explorer"], app_env)
    for _ in range(runs):
        bare.append(first_frame([b + "/bench/bench-bare-window"], env))
        app.append(first_frame([b + "/src/app/region-explorer"], app_env))
    return {"bare": stats(bare), "app": stats(app)}


def write_doc(doc_path, text, begin="<!-- BEGIN RESULTS -->", end="<!-- END RESULTS -->"):
    with open(doc_path, encoding="utf-8") as f:
        page = f.read()
    if begin not in page or end not in page:
        raise SystemExit("%s: markers %s / %s not found" % (doc_path, begin, end))
    head, rest = page.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(doc_path + ".tmp", "w", encoding="utf-8") as f:
        f.write(head + begin + "\n" + text + "\n" + end + tail)
    os.replace(doc_path + ".tmp", doc_path)


def main():
    p = argparse.ArgumentParser(description="Run the benchmarks, write docs/benchmarks.md.")
    p.add_argument("--build", required=True)
    p.add_argument("--data", default="/tmp/rex-bench")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--doc", default=os.path.join(os.path.dirname(__file__), "..", "docs",
                                                 "benchmarks.md"))
    p.add_argument("--only", choices=["import"],
                   help="run one benchmark and rewrite only its results")
    a = p.parse_args()
    b = os.path.abspath(a.build)
    table = os.path.join(a.data, "counties-2900.csv")

    if a.only == "import" or os.path.exists(table):
        if not os.path.exists(table):
            raise SystemExit("%s: missing; run bench/gen-table.py --out %s" % (table, a.data))
        print("import…", file=sys.stderr)
        text = import_section(b, table, a.runs)
        write_doc(os.path.abspath(a.doc), text, "<!-- BEGIN IMPORT RESULTS -->",
                  "<!-- END IMPORT RESULTS -->")
        print(text)
        if a.only == "import":
            return

    files = {n: os.path.join(a.data, "regions-%d.json" % n) for n in SCALES
             if os.path.exists(os.path.join(a.data, "regions-%d.json" % n))}
    runs_for = lambda n: max(3, a.runs // 2) if n >= 30000 else a.runs
    lines = []
    out = lines.append

    out("Run on %s by `build-aux/bench.sh` (release build, %d runs; the 30,000-region "
        "file %d). Each cell: median (min–max)." %
        (datetime.date.today().isoformat(), a.runs, runs_for(30000)))
    out("")
    out("Machine: %s." % machine())
    out("")

    # Load
    out("### Dataset load (read, parse, validate, build the model)")
    out("")
    out("| regions | file | values | load | throughput | peak memory per value | "
        "Python `json.load` (parse only) | ours / Python |")
    out("|---:|---:|---:|---|---:|---:|---|---:|")
    load = {}
    for n, path in files.items():
        print("load %d…" % n, file=sys.stderr)
        r = bench_load(b, path, runs_for(n))
        load[n] = r
        out("| %d | %.1f MB | %s | %s | %.0f MB/s | %.0f B | %s | %.2f |" % (
            n, r["mb"], format(r["values"], ","), fmt(r["ours"]), r["mbps"]["median"],
            r["bytes_per_value"]["median"], fmt(r["python"]),
            r["ours"]["median"] / r["python"]["median"]))
    out("")
    out("A value is stored in 16 bytes (RexDatum); the rest of the peak is the "
        "file itself (read whole into one buffer, then parsed) and the parser's tree of "
        "everything but the values, both freed after loading. Python's figure excludes "
        "interpreter start-up "
        "(with it: %s on the 3,000-region file)." %
        (fmt(load[3000]["python_wall"]) if 3000 in load else "—"))
    out("")

    # Render
    out("### Render time per chart kind, 1920×1080 image surface")
    out("")
    out("`draw` is a repaint of a chart already laid out for the size (what the widget "
        "does when its cached node is lost); `cold` adds preparing the data and the layout "
        "(a change of metric, year or selection). Target: every kind under 16 ms at "
        "3,000 regions.")
    out("")
    render = {}
    for n, path in files.items():
        print("render %d…" % n, file=sys.stderr)
        render[n] = results(run([b + "/bench/bench-render", "--runs", str(runs_for(n)), path]))
    kinds = []
    for r in render.values():
        for k in r:
            if k.startswith("render-draw-"):
                kind = k[len("render-draw-"):]
                if kind not in kinds:
                    kinds.append(kind)
    out("| kind | " + " | ".join("%s regions: draw / cold" % format(n, ",") for n in render) + " |")
    out("|---|" + "---|" * len(render))
    for kind in kinds:
        cells = []
        for n in render:
            d = render[n].get("render-draw-" + kind)
            c = render[n].get("render-cold-" + kind)
            cells.append("%s / %s" % (fmt(d), "%.1f ms" % c["median"] if c else "—"))
        out("| %s | %s |" % (kind, " | ".join(cells)))
    out("")

    # Hover
    out("### Widget redraw when only the hover moves (RexChartView under Xvfb, 1920×1080)")
    out("")
    out("Snapshot time of the widget: with the cached chart texture (hover/focus moved) "
        "and with a full redraw of the chart into a new texture (chart replaced). "
        "Target: hover under 2 ms.")
    out("")
    out("With the keyboard focus in the chart, its items are exposed to screen readers as "
        "proxy widgets (at most 64, around the focused item): *step* is an arrow key to the "
        "next item (the focus moved to its proxy, the widget allocated and its snapshot "
        "taken), *jump* a move to a random item (the window of proxies slides and is named "
        "again), *replaced* a new chart while the focus is in it (its proxies named, the "
        "chart drawn). Target: a frame, 16 ms.")
    out("")
    out("| regions | hover snapshot | full redraw snapshot | step | jump | replaced |")
    out("|---:|---|---|---|---|---|")
    for n, path in files.items():
        if n >= 30000:
            continue
        print("hover %d…" % n, file=sys.stderr)
        r = results(run([b + "/bench/bench-hover", "--runs", "30", path]))
        out("| %d | %s | %s | %s | %s | %s |" % (n, fmt(r["hover-snapshot"], digits=3),
                                                 fmt(r["full-snapshot"]), fmt(r["a11y-step"]),
                                                 fmt(r["a11y-jump"]), fmt(r["a11y-replaced"])))
    out("")

    # The window with a large dataset
    out("### The window with a large dataset (RexWindow under Xvfb, 1920×1080, GL renderer)")
    out("")
    out("Main-thread time from the call until the next painted frame (so each includes up to "
        "one frame interval, and the frame itself, which Mesa's software GL takes tens of "
        "milliseconds to render at this size: see *again*). *apply*: the loaded dataset put on screen "
        "(region list, overview); *first*: a view shown for the first time (its page made, "
        "its chart prepared and drawn); *again*: shown once more; *select*: a region "
        "selected on Compare.")
    out("")
    window_views = ["compare", "trends", "relationships", "map", "rural", "table"]
    out("| regions | apply | " + " | ".join("first %s" % v for v in window_views)
        + " | again (median of views) | select |")
    out("|---:|---|" + "---|" * len(window_views) + "---|---|")
    env = dict(os.environ, GTK_A11Y="none", GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=b + "/data", DBUS_SESSION_BUS_ADDRESS="disabled:")
    for n, path in files.items():
        if n >= 30000:
            continue
        print("window %d…" % n, file=sys.stderr)
        r = results(run([b + "/bench/bench-window", "--runs", str(max(3, a.runs // 2)), path],
                        env=env))
        again = statistics.median(r["window-again-" + v]["median"] for v in window_views)
        out("| %d | %s | %s | %.1f ms | %s |" % (
            n, fmt(r["window-apply"]),
            " | ".join(fmt(r["window-first-" + v]) for v in window_views),
            again, fmt(r["window-select"])))
    out("")

    # Start-up
    print("startup…", file=sys.stderr)
    out("### Start-up to first frame (Xvfb)")
    out("")
    out("Target: the app within 1.5× of a bare GTK 4 window. Each row's two programs ran "
        "interleaved in the same configuration.")
    out("")
    out("| renderer | bare GTK 4 window (bench-bare-window) | region-explorer (bundled dataset) | ratio |")
    out("|---|---|---|---:|")
    for label, config in STARTUP_CONFIGS:
        s = bench_startup(b, a.runs, config)
        out("| %s | %s | %s | %.2f |" % (label, fmt(s["bare"]), fmt(s["app"]),
                                         s["app"]["median"] / s["bare"]["median"]))
    out("")

    # Export
    out("### Headless export, 1920×1080, wall time of the whole process")
    out("")
    out("Our time includes start-up and loading the dataset; gnuplot (pngcairo) draws "
        "the same data (taken from our CSV export of the same chart, prepared "
        "beforehand) at the same size. Target: the default bar chart faster than gnuplot.")
    out("")
    out("| dataset | PNG bars | SVG bars | PDF bars | gnuplot bars | bars ours/gnuplot | "
        "PNG lines | gnuplot lines | lines ours/gnuplot |")
    out("|---|---|---|---|---|---:|---|---|---:|")
    targets = [("bundled (default chart)", None)] + [("%s regions" % format(n, ","), f)
                                                     for n, f in files.items() if n <= 3000]
    for label, path in targets:
        print("export %s…" % label, file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix="rex-bench-export-") as tmp:
            e = bench_export(b, path, a.runs, tmp)
        ratio = lambda x, y: "%.2f" % (e[x]["median"] / e[y]["median"]) \
            if e.get(x) and e.get(y) else "—"
        out("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            label, fmt(e.get("png")), fmt(e.get("svg")), fmt(e.get("pdf")),
            fmt(e.get("gnuplot-bars")), ratio("png", "gnuplot-bars"),
            fmt(e.get("lines-png")), fmt(e.get("gnuplot-lines")),
            ratio("lines-png", "gnuplot-lines")))
    out("")
    write_doc(os.path.abspath(a.doc), "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
