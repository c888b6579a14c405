#!/usr/bin/env python3
"""test-cli.py — the region-explorer command line, run as a user would.

Headless commands must work with no display: DISPLAY, WAYLAND_DISPLAY and the
session bus are removed from the environment. Prints TAP.
"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib

BINARY = sys.argv[1]
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__))
DATA = os.path.join(SRCDIR, "data")

ENV = dict(os.environ)
for var in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY"):
    ENV.pop(var, None)
ENV["LANGUAGE"] = "en"

tests = []


def test(fn):
    tests.append(fn)
    return fn


def run(*args, **kwargs):
    return subprocess.run([BINARY, *args], env=kwargs.pop("env", ENV), capture_output=True,
                          text=True, timeout=60, **kwargs)


def read_png(path):
    """Returns (width, height, color_type, chunks) after checking every CRC."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, "bad CRC in %r" % kind
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, color_type = struct.unpack(">IIBB", chunks[0][1][:10])
    return width, height, color_type, chunks


@test
def version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("region-explorer "), r


@test
def list_metrics_bundled():
    r = run("--list-metrics")
    assert r.returncode == 0, r.stderr
    ids = [line.split("\t")[0] for line in r.stdout.splitlines()]
    assert "population" in ids and "gdp" in ids, ids
    assert all(len(line.split("\t")) == 3 for line in r.stdout.splitlines())


@test
def list_regions_bundled():
    r = run("--list-regions")
    assert r.returncode == 0, r.stderr
    provinces = [l for l in r.stdout.splitlines() if l.endswith("\tprovince")]
    assert len(provinces) == 31, len(provinces)
    assert any(l.startswith("CN-JS\tJiangsu\t") for l in provinces)


@test
def list_regions_of_file():
    r = run("--list-regions", os.path.join(DATA, "bars.json"))
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 7


@test
def check_valid_file():
    r = run("--check", os.path.join(DATA, "bars.json"))
    assert r.returncode == 0, r.stderr
    assert "valid" in r.stdout


@test
def check_bad_file_names_place():
    r = run("--check", os.path.join(DATA, "ui-bad-value.json"))
    assert r.returncode == 1, r
    line = r.stderr.strip().splitlines()[0]
    assert line.startswith("ui-bad-value.json:6:"), line
    assert 'regions[0].values.m["2020"]' in line, line
    assert "expected a number, got a string" in line, line


@test
def check_missing_file():
    r = run("--check", "/nonexistent/file.json")
    assert r.returncode == 1 and "file.json" in r.stderr, r


@test
def export_png_without_display():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export=" + out, "--chart=bars", "--metric=population", "--year=2024",
                "--width=900", "--height=700")
        assert r.returncode == 0, r.stderr
        width, height, color_type, _ = read_png(out)
        assert (width, height) == (900, 700), (width, height)


@test
def export_png_scale_2():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export", out, "--metric=gdp", "--width=600", "--height=400", "--scale=2")
        assert r.returncode == 0, r.stderr
        width, height, _, _ = read_png(out)
        assert (width, height) == (1200, 800), (width, height)


@test
def export_unknown_metric_one_line():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export", out, "--metric=no-such-metric")
        assert r.returncode != 0
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "no-such-metric" in r.stderr
        assert not os.path.exists(out)


@test
def export_year_without_data():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export", out, "--metric=population", "--year=1990")
        assert r.returncode != 0
        assert "1990" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert not os.path.exists(out)


@test
def export_unknown_region():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export", out, "--regions=CN-JS,CN-XX")
        assert r.returncode != 0 and "CN-XX" in r.stderr, r


@test
def export_unwritable_keeps_existing_file():
    if os.geteuid() == 0:
        # root ignores directory permissions; /proc is unwritable for everyone
        target = "/proc/region-explorer-test.png"
        r = run("--export", target)
        assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1, r
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        with open(out, "wb") as f:
            f.write(b"precious")
        os.chmod(tmp, 0o500)
        try:
            r = run("--export", out)
            assert r.returncode != 0
            with open(out, "rb") as f:
                assert f.read() == b"precious"
        finally:
            os.chmod(tmp, 0o700)


@test
def export_bad_extension():
    r = run("--export", "/tmp/chart.gif")
    assert r.returncode == 2 and ".png" in r.stderr, r


def main():
    print("1..%d" % len(tests))
    failed = 0
    for i, fn in enumerate(tests, 1):
        try:
            fn()
            print("ok %d - %s" % (i, fn.__name__))
        except Exception as e:  # report and go on, as TAP expects
            failed += 1
            print("not ok %d - %s" % (i, fn.__name__))
            for line in repr(e).splitlines():
                print("# " + line)
    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
