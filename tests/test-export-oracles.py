#!/usr/bin/env python3
"""test-export-oracles.py — exports checked against the fixture, not the chart.

The expected values and names are read from tests/data/oracles.json by this
script; the CSV is read with Python's csv module and the PDF's text with
poppler's pdftotext, so neither side of a comparison comes from the code that
wrote the file. Runs the real executable with no display. Prints TAP.
"""
import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

from taplib import main, test

BINARY = sys.argv[1]
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__))
FIXTURE = os.path.join(SRCDIR, "data", "oracles.json")
METRIC = "output"

ENV = dict(os.environ)
for var in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY"):
    ENV.pop(var, None)
ENV["LANGUAGE"] = "en"

with open(FIXTURE, encoding="utf-8") as f:
    DATA = json.load(f)
PROVINCES = [r for r in DATA["regions"] if r["kind"] == "province"]
METRIC_DEF = next(m for m in DATA["metrics"] if m["id"] == METRIC)

def run(*args):
    return subprocess.run([BINARY, *args], env=ENV, capture_output=True, text=True, timeout=60)


def values_in(year):
    """{region id: value} of the provinces with a value in @year, from the fixture."""
    return {r["id"]: float(r["values"][METRIC][str(year)])
            for r in PROVINCES if str(year) in r.get("values", {}).get(METRIC, {})}


@test
def fixture_rows_all_count():
    # The first, middle and last provinces carry distinct values in 2024, so
    # an export that drops or shifts a row differs from the fixture; 2023
    # leaves some without one.
    latest = values_in(2024)
    for r in (PROVINCES[0], PROVINCES[len(PROVINCES) // 2], PROVINCES[-1]):
        assert r["id"] in latest, r["id"]
    assert len(set(latest.values())) == len(latest) == len(PROVINCES), latest
    assert 0 < len(values_in(2023)) < len(PROVINCES)


@test
def csv_values_are_the_fixtures():
    header_value = "%s (%s)" % (METRIC_DEF["name"], METRIC_DEF["unit"])
    names = {r["id"]: r["name"] for r in PROVINCES}
    for year in (2023, 2024):
        want = values_in(year)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "data.csv")
            r = run("--export", out, "--chart=bars", "--metric=" + METRIC, "--year=%d" % year, FIXTURE)
            assert r.returncode == 0, r.stderr
            with open(out, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(io.StringIO(f.read())))
        header, body = rows[0], rows[1:]
        assert header_value in header, header
        col_id, col_name = header.index("Region id"), header.index("Region")
        col_year, col_value = header.index("Year"), header.index(header_value)
        got = {row[col_id]: float(row[col_value]) for row in body if row[col_value] != ""}
        assert got == want, (year, got, want)
        # Every province is listed once, by its own name; the ones with a
        # value carry the year asked for.
        assert sorted(row[col_id] for row in body) == sorted(names), body
        for row in body:
            assert row[col_name] == names[row[col_id]], row
            if row[col_value] != "":
                assert row[col_year] == str(year), row


@test
def pdf_text_says_what_the_data_says():
    pdftotext = shutil.which("pdftotext")
    # No silent skip: the package is in .ci/install-deps.
    assert pdftotext, "pdftotext (poppler-utils) is needed to read the PDF back"
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.pdf")
        r = run("--export", out, "--chart=bars", "--metric=" + METRIC, "--year=2024",
                "--width=842", "--height=595", FIXTURE)
        assert r.returncode == 0, r.stderr
        text = subprocess.run([pdftotext, "-enc", "UTF-8", out, "-"], capture_output=True,
                              text=True, timeout=60, check=True).stdout
    words = text.split()
    # The title, the axis's unit, and every province with a value by name.
    assert METRIC_DEF["name"] in words, text
    assert METRIC_DEF["unit"] in words, text
    for rid in values_in(2024):
        name = next(r["name"] for r in PROVINCES if r["id"] == rid)
        assert name in words, (name, text)
    # The target line's label gives the fixture's target and year.
    target = METRIC_DEF["target"]
    assert "%g" % target["value"] in words and "(%d)" % target["year"] in words, text
    # Each bar's value label: the fixture's figures, as whole numbers.
    for value in values_in(2024).values():
        assert "%g" % value in words, (value, text)
    # No region of another fixture or the bundled data slipped in.
    assert "Jiangsu" not in words and "Beijing" not in words, text


@test
def pdf_text_in_chinese():
    # Not only "differs from English": the title and every region are the
    # fixture's Chinese names, and the English ones are gone.
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed to read the PDF back"
    env = dict(ENV, LANGUAGE="zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.pdf")
        r = subprocess.run([BINARY, "--export", out, "--chart=bars", "--metric=" + METRIC, "--year=2024",
                            FIXTURE], env=env, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        text = subprocess.run([pdftotext, "-enc", "UTF-8", out, "-"], capture_output=True,
                              text=True, timeout=60, check=True).stdout
    words = text.split()
    assert METRIC_DEF["name_zh"] in words and METRIC_DEF["name"] not in words, text
    for r in PROVINCES:
        assert r["name_zh"] in words and r["name"] not in words, (r["name_zh"], text)


def export(name, *args, env=None, fixture=FIXTURE):
    """Exports @fixture (the oracles' unless given) to @name in a temporary
    folder with @args; returns the PDF's text (pdftotext) or the CSV's rows."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, name)
        r = subprocess.run([BINARY, "--export", out, *args, fixture], env=env or ENV, capture_output=True,
                           text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        if name.endswith(".csv"):
            with open(out, encoding="utf-8", newline="") as f:
                return list(csv.reader(io.StringIO(f.read())))
        pdftotext = shutil.which("pdftotext")
        assert pdftotext, "pdftotext (poppler-utils) is needed to read the PDF back"
        return subprocess.run([pdftotext, "-enc", "UTF-8", out, "-"], capture_output=True,
                              text=True, timeout=60, check=True).stdout


def region(rid):
    return next(r for r in DATA["regions"] if r["id"] == rid)


def metric(mid):
    return next(m for m in DATA["metrics"] if m["id"] == mid)


def value(rid, mid, year):
    """The fixture's value, or None."""
    v = region(rid).get("values", {}).get(mid, {}).get(str(year))
    return None if v is None else float(v)


def text_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def as_table(rows):
    """CSV rows as dicts by header."""
    return [dict(zip(rows[0], row)) for row in rows[1:]]


LINE_REGIONS = ["CN-AH", "CN-FJ", "CN-GS", "CN-GZ", "CN-HA", "north"]


@test
def lines_say_what_the_data_says():
    args = ("--chart=lines", "--metric=" + METRIC, "--regions=" + ",".join(LINE_REGIONS))
    with_data = [rid for rid in LINE_REGIONS if region(rid).get("values", {}).get(METRIC)]
    without = [rid for rid in LINE_REGIONS if rid not in with_data]
    years = sorted(int(y) for rid in with_data for y in region(rid)["values"][METRIC])
    first, last = years[0], years[-1]
    assert without and first < last
    text = export("chart.pdf", *args)
    lines, words = text_lines(text), text.split()
    # The subtitle: the unit, the years the data spans, and who has none.
    assert "%s · %d–%d · No data: %s" % (METRIC_DEF["unit"], first, last,
                                         ", ".join(region(r)["name"] for r in without)) in lines, lines
    assert METRIC_DEF["name"] in lines, lines
    for year in range(first, last + 1):
        assert str(year) in words, (year, text)
    for rid in with_data:
        assert region(rid)["name"] in words, (rid, text)
    # The value axis spans the values: its lowest and highest ticks
    # are round numbers at or beyond the smallest and the largest.
    values = [value(rid, METRIC, y) for rid in with_data for y in range(first, last + 1)
              if value(rid, METRIC, y) is not None]
    ticks = sorted(int(w) for w in words if w.isdigit() and int(w) < first)
    assert ticks[0] <= min(values) and ticks[-1] >= max(values), (ticks, values)
    assert ticks[-1] - max(values) < ticks[1] - ticks[0], ticks

    # The CSV: every year of each region from its first to the last year
    # drawn, its value where the fixture has one, empty where not.
    body = as_table(export("data.csv", *args))
    value_col = "%s (%s)" % (METRIC_DEF["name"], METRIC_DEF["unit"])
    got = {(row["Region id"], int(row["Year"])): row[value_col] for row in body}
    want = {}
    for rid in with_data:
        own = [int(y) for y in region(rid)["values"][METRIC]]
        for year in range(min(own), last + 1):
            v = value(rid, METRIC, year)
            want[(rid, year)] = "" if v is None else v
    assert {k: (float(v) if v != "" else "") for k, v in got.items()} == want, (got, want)


@test
def bubbles_say_what_the_data_says():
    args = ("--chart=bubbles", "--x-metric=income", "--y-metric=" + METRIC, "--size-metric=people",
            "--color-by=macro-region", "--year=2024")
    shown = [r["id"] for r in PROVINCES
             if all(value(r["id"], m, 2024) is not None for m in ("income", METRIC, "people"))]
    text = export("chart.pdf", *args)
    lines, words = text_lines(text), text.split()
    for mid in ("income", METRIC):
        assert "%s (%s)" % (metric(mid)["name"], metric(mid)["unit"]) in lines, (mid, lines)
    assert "%s vs. %s" % (METRIC_DEF["name"], metric("income")["name"]) in lines, lines
    # The legend names each macro-region of the bubbles, and no other.
    groups = {region(rid)["parent"] for rid in shown}
    for r in DATA["regions"]:
        if r["kind"] == "macro-region":
            assert (r["name"] in words) == (r["id"] in groups), (r["name"], text)
    for rid in shown:
        assert region(rid)["name"] in words, (rid, text)

    body = as_table(export("data.csv", *args))
    cols = {mid: "%s (%s)" % (metric(mid)["name"], metric(mid)["unit"]) for mid in ("income", METRIC, "people")}
    got = {row["Region id"]: tuple(float(row[cols[m]]) for m in ("income", METRIC, "people")) for row in body}
    want = {rid: tuple(value(rid, m, 2024) for m in ("income", METRIC, "people")) for rid in shown}
    assert got == want, (got, want)


@test
def bubbles_axis_from_zero():
    # Counts that start at 0 keep their axis at 0: no negative tick on
    # either axis (the fixture, written here, has no negative value).
    data = {
        "schema": DATA["schema"], "title": "Zero", "sources": DATA["sources"],
        "metrics": [{"id": "a", "name": "Apples", "unit": "t", "source": DATA["sources"][0]["id"]},
                    {"id": "b", "name": "Pears", "unit": "t", "source": DATA["sources"][0]["id"]}],
        "regions": [{"id": "CN", "name": "China", "kind": "nation"}] + [
            {"id": rid, "name": name, "kind": "province", "parent": "CN",
             "values": {"a": {"2024": x}, "b": {"2024": y}}}
            for rid, name, x, y in (("CN-AH", "Anhui", 0, 10), ("CN-FJ", "Fujian", 50, 0),
                                    ("CN-GS", "Gansu", 100, 30))],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "zero.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        text = export("chart.pdf", "--chart=bubbles", "--x-metric=a", "--y-metric=b", "--year=2024",
                      fixture=path)
    words = text.split()
    assert "0" in words, text
    negative = [w for w in words if w[:1] in ("-", "\u2212") and w[1:2].isdigit()]
    assert not negative, (negative, text)


def percent(share):
    return "%.1f%%" % (100 * share)


@test
def shares_say_what_the_data_says():
    args = ("--chart=shares", "--shares=stacked", "--metric=" + METRIC, "--year=2024")
    values = values_in(2024)
    total = sum(values.values())
    text = export("chart.pdf", *args)
    words = text.split()
    # Each province's part, as a share of their sum with one decimal.
    for rid, v in values.items():
        assert percent(v / total) in words, (rid, percent(v / total), text)
        assert region(rid)["name"] in words, (rid, text)

    body = as_table(export("data.csv", *args))
    share_col = next(c for c in body[0] if c.startswith("Share"))
    got = {row["Region id"]: float(row[share_col]) for row in body if row["Region id"] in values}
    assert got.keys() == values.keys(), body
    for rid, v in values.items():
        assert abs(got[rid] - 100 * v / total) < 1e-6, (rid, got[rid], 100 * v / total)


PARTS = ["farm", "industry", "services"]


@test
def composition_says_what_the_data_says():
    args = ("--chart=shares", "--shares=composition", "--metric=" + ",".join(PARTS), "--year=2024")
    complete = [r["id"] for r in PROVINCES if all(value(r["id"], p, 2024) is not None for p in PARTS)]
    incomplete = [r["id"] for r in PROVINCES if r["id"] not in complete]
    assert complete and incomplete
    text = export("chart.pdf", *args)
    lines, words = text_lines(text), text.split()
    assert "Percent of the parts’ sum · %s · 2024 · no data for %s" % (
        metric(PARTS[0])["unit"], ", ".join(region(r)["name"] for r in incomplete)) in lines, lines
    for p in PARTS:
        assert metric(p)["name"] in words, (p, text)
    # Each part's label is its share of the region's sum; a part too narrow
    # for a label (Fujian's 5 %) goes without, and no label says anything else.
    labels = set()
    for rid in complete:
        total = sum(value(rid, p, 2024) for p in PARTS)
        assert region(rid)["name"] in words, (rid, text)
        for p in PARTS:
            share = value(rid, p, 2024) / total
            labels.add(percent(share))
            assert share < 0.1 or percent(share) in words, (rid, p, text)
    assert {w for w in words if w.endswith("%")} <= labels, text

    body = as_table(export("data.csv", *args))
    got = {(row["Region id"], row["Part"]): float(row["Share (%)"]) for row in body}
    want = {}
    for rid in complete:
        total = sum(value(rid, p, 2024) for p in PARTS)
        for p in PARTS:
            want[(rid, metric(p)["name"])] = 100 * value(rid, p, 2024) / total
    assert got.keys() == want.keys(), (got, want)
    for k, v in want.items():
        assert abs(got[k] - v) < 1e-6, (k, got[k], v)


def trend_year(rid, mid, latest, target):
    """The year a least-squares line through the latest five values reaches
    @target, never before the year after the latest value."""
    points = []
    for year in range(latest, latest - 100, -1):
        v = value(rid, mid, year)
        if v is not None:
            points.append((year, v))
        if len(points) == 5:
            break
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return max(math.ceil((target - my) / slope + mx - 1e-9), latest + 1)


@test
def progress_says_what_the_data_says():
    nation = next(r for r in DATA["regions"] if r["kind"] == "nation")
    text = export("chart.pdf", "--chart=progress")
    lines, words = text_lines(text), text.split()
    assert "%s · latest value of each metric" % nation["name"] in lines, lines
    rows = as_table(export("data.csv", "--chart=progress"))
    shown = [m for m in DATA["metrics"] if "target" in m and nation.get("values", {}).get(m["id"])]
    assert len(shown) >= 2 and [row["Metric id"] for row in rows] == [m["id"] for m in shown], rows
    reached = 0
    for m, row in zip(shown, rows):
        latest = max(int(y) for y in nation["values"][m["id"]])
        v, target = value(nation["id"], m["id"], latest), m["target"]["value"]
        assert "%g%%" % v in words and "%% · %d" % latest in lines, (m["id"], lines)
        assert (float(row["Value"]), int(row["Year"]), float(row["Target"])) == (v, latest, target), row
        assert float(row["Gap"]) == target - v, row
        if v >= target:
            reached += 1
            assert "Target %g%% by %d: reached" % (target, m["target"]["year"]) in lines, lines
            assert row["Trend year"] == "", row
        else:
            year = trend_year(nation["id"], m["id"], latest, target)
            assert ("Target %g%% by %d · %g to go · trend reaches it in %d"
                    % (target, m["target"]["year"], target - v, year)) in lines, (year, lines)
            assert int(row["Trend year"]) == year, (year, row)
    assert 0 < reached < len(shown)


@test
def map_says_what_the_data_says():
    args = ("--chart=map", "--metric=" + METRIC, "--year=2023")
    values = values_in(2023)
    text = export("chart.pdf", *args)
    lines, words = text_lines(text), text.split()
    # Every value on its tile; the legend's classes run from the smallest
    # value of any year to the largest, as its note says, so that a colour
    # means the same in every year; the tiles without one are in the
    # legend's key.
    for v in values.values():
        assert "%g" % v in words, (v, text)
    every_year = [float(v) for r in PROVINCES for v in r.get("values", {}).get(METRIC, {}).values()]
    assert min(every_year) < min(values.values()), "the fixture no longer tells the two apart"
    classes = [line for line in lines if " – " in line]
    assert classes[0].startswith("%g –" % min(every_year)), classes
    assert classes[-1].endswith("– %g" % max(every_year)), classes
    assert "no data" in lines, lines
    assert "a colour means the same in every year" in " ".join(lines), lines

    body = as_table(export("data.csv", *args))
    value_col = "%s (%s)" % (METRIC_DEF["name"], METRIC_DEF["unit"])
    got = {row["Region id"]: float(row[value_col]) for row in body if row[value_col] != ""}
    assert got == values, (got, values)


@test
def seats_map_says_what_the_data_says():
    # The seats map coloured by city cluster (tests/data/clusters.json): the
    # legend names the fixture's clusters, the provinces in none and the
    # outlines' key; the fixture has no transport circles, so no note about
    # rings; the CSV lists every province with its value.
    path = os.path.join(SRCDIR, "data", "clusters.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    args = ("--chart=map", "--map=geo", "--metric=population", "--year=2024", "--color-by=cluster")
    text = export("chart.pdf", *args, fixture=path)
    lines = text_lines(text)
    for r in data["regions"]:
        if r["kind"] == "city-cluster":
            assert r["name"] in lines, (r["name"], lines)
    assert "Not in a cluster" in lines, lines
    assert "City cluster: outline around its members" in " ".join(lines), lines
    assert "ring" not in text, text

    body = as_table(export("data.csv", *args, fixture=path))
    got = {row["Region id"]: float(row["Population (persons)"]) for row in body}
    want = {r["id"]: float(r["values"]["population"]["2024"]) for r in data["regions"] if r["kind"] == "province"}
    assert got == want, (got, want)


@test
def table_lists_what_the_data_says():
    # The table of the ranked bars: the provinces with a value largest
    # first, then those without, each row its id, name, year and value.
    text = export("chart.pdf", "--chart=table", "--metric=" + METRIC, "--year=2023")
    values = values_in(2023)
    ranked = sorted(values, key=lambda rid: -values[rid])
    missing = sorted(r["id"] for r in PROVINCES if r["id"] not in values)
    ids = [w for w in text.split() if w.startswith("CN-")]
    assert ids[:len(ranked)] == ranked and sorted(ids[len(ranked):]) == missing, ids
    lines = text_lines(text)
    for rid in ranked:
        i = lines.index(rid)
        assert lines[i + 1:i + 4] == [region(rid)["name"], "2023", "%g" % values[rid]], lines[i:i + 4]
    for rid in missing:
        i = lines.index(rid)
        assert lines[i + 1:i + 4] == [region(rid)["name"], "2023", "no data"], lines[i:i + 4]


if __name__ == "__main__":
    sys.exit(main())
