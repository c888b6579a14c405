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


if __name__ == "__main__":
    sys.exit(main())
