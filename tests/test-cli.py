#!/usr/bin/env python3
"""test-cli.py — the region-explorer command line, run as a user would.

Headless commands must work with no display: DISPLAY, WAYLAND_DISPLAY and the
session bus are removed from the environment. Prints TAP.
"""
import csv
import errno
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

from taplib import main, test

BINARY = sys.argv[1]
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__))
DATA = os.path.join(SRCDIR, "data")

ENV = dict(os.environ)
for var in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY"):
    ENV.pop(var, None)
ENV["LANGUAGE"] = "en"

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


def png_pixel(path, x, y):
    """The (r, g, b) of pixel (x, y) of a PNG cairo wrote."""
    width, height, channels, rows = png_pixels(path, y + 1)
    return tuple(rows[y][x * channels:x * channels + 3])


# GNOME's view backgrounds (libadwaita): a light chart is white, a dark one #1e1e1e.
BACKGROUND = {"light": (0xff, 0xff, 0xff), "dark": (0x1e, 0x1e, 0x1e)}


def bundled_names():
    """(English, Chinese) names of the bundled dataset's metrics and regions,
    longest first."""
    path = os.path.join(SRCDIR, "..", "data", "datasets", "china-regional-development.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    pairs = {(x["name"], x["name_zh"]) for x in data["metrics"] + data["regions"] if x.get("name_zh")}
    return sorted(pairs, key=lambda p: -len(p[0]))


def assert_chinese_heading(kind, english, chinese):
    """The title and subtitle of @chinese (a PDF's text) name in Chinese the
    metrics and regions that @english's name in English."""
    en_head = " | ".join(english.splitlines()[:2])
    zh_head = " | ".join(chinese.splitlines()[:2])
    named = []
    for en, zh in bundled_names():
        if en in en_head and not any(en in other for other, _ in named):
            named.append((en, zh))
    assert named, (kind, en_head)
    for en, zh in named:
        assert zh in zh_head and en not in zh_head, (kind, en, zh, zh_head)


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
    # The 31 of the mainland, and Hong Kong, Macao and Taiwan.
    assert len(provinces) == 34, len(provinces)
    assert any(l.startswith("CN-JS\tJiangsu\t") for l in provinces)
    assert all(any(l.startswith(id + "\t") for l in provinces) for id in ("CN-HK", "CN-MO", "CN-TW"))


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
def export_loads_no_gtk():
    """A headless export (a chart, the data CSV) runs in region-explorer
    itself, which does not link GTK: the window is another program
    (region-explorer-gui). The dynamic loader's trace names every library it
    starts."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export=" + out, "--width=300", "--height=200", env=dict(ENV, LD_DEBUG="libs"))
        assert r.returncode == 0, r.stderr
        started = [l for l in r.stderr.splitlines() if "calling init:" in l]
        assert any("libcairo" in l for l in started), started
        assert not any("libgtk" in l or "libgdk" in l for l in started), started
        read_png(out)
        # The data CSV too.
        out = os.path.join(tmp, "data.csv")
        r = run("--export-data=" + out, env=dict(ENV, LD_DEBUG="libs"))
        assert r.returncode == 0 and os.path.getsize(out) > 0, r.stderr
        started = [l for l in r.stderr.splitlines() if "calling init:" in l]
        assert started and not any("libgtk" in l or "libgdk" in l for l in started), started


@test
def export_profile():
    """A region's profile exports like a chart: its data as CSV, one row per
    metric with the region's rank; one region and only one."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "profile.csv")
        r = run("--export", out, "--chart=profile", "--regions=CN-GD")
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            rows = f.read().splitlines()
        assert rows[0].startswith("Metric id,Metric,Unit,Region id,Year,Value,Rank,Regions ranked"), rows[0]
        gdp = [row for row in rows if row.startswith("gdp,")]
        assert len(gdp) == 1 and ",CN-GD,2024,141488.9,1,31," in gdp[0], gdp
        r = run("--export", out, "--chart=profile", "--regions=CN-GD,CN-JS")
        assert r.returncode != 0 and "one region" in r.stderr, r


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
    # root ignores directory permissions: as root, the export runs as the
    # unprivileged user "nobody" (setpriv is in util-linux, always installed).
    # A copy of the program where "nobody" may run it: the build folder may
    # be in root's home.
    as_user = []
    binary = BINARY
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as bindir:
        if os.geteuid() == 0:
            as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            os.chmod(bindir, 0o755)
            binary = shutil.copy(BINARY, bindir)
            os.chown(tmp, 65534, 65534)
        out = os.path.join(tmp, "chart.png")
        with open(out, "wb") as f:
            f.write(b"precious")
        os.chmod(tmp, 0o500)
        try:
            r = subprocess.run([*as_user, binary, "--export", out], env=ENV,
                               capture_output=True, text=True, timeout=60)
            assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1, r
            assert "chart.png" in r.stderr and "Permission denied" in r.stderr, r.stderr
            with open(out, "rb") as f:
                assert f.read() == b"precious"
            assert os.listdir(tmp) == ["chart.png"], os.listdir(tmp)
        finally:
            os.chmod(tmp, 0o700)


@test
def export_beyond_file_size_limit_keeps_existing_file():
    # A file-size limit (ulimit -f) stops write() part-way: the program must
    # not die of SIGXFSZ, which would print nothing and leave its temporary
    # file, but say so and keep the file it was to replace.
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, resource.RLIM_INFINITY))

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        with open(out, "wb") as f:
            f.write(b"precious")
        r = subprocess.run([BINARY, "--export", out, "--width", "1600", "--height", "1200"], env=ENV,
                           capture_output=True, text=True, timeout=60, preexec_fn=limit)
        assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r
        assert "chart.png" in r.stderr and os.strerror(errno.EFBIG) in r.stderr, r.stderr
        with open(out, "rb") as f:
            assert f.read() == b"precious"
        assert os.listdir(tmp) == ["chart.png"], os.listdir(tmp)


@test
def csv_columns_have_unique_names():
    # The default bubbles put population on the horizontal axis and in the
    # bubbles' size: each column says its role, no two share a name.
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "bubbles.csv")
        r = run("--chart=bubbles", "--export", out)
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert len(header) == len(set(header)), header
        assert "Bubble size: Population (10,000 persons)" in header, header
        r = run("--chart=bubbles", "--x-metric=gdp", "--y-metric=gdp", "--export", out)
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert len(header) == len(set(header)), header


@test
def export_bad_extension():
    r = run("--export", "/tmp/chart.gif")
    assert r.returncode == 2 and ".png" in r.stderr, r


# Hostile input through --check: refused with the documented one-line
# messages and exit status 1, quickly, whatever the file is.

def check_refused(path, *expected, timeout=30):
    r = subprocess.run([BINARY, "--check", path], env=ENV, capture_output=True,
                       text=True, timeout=timeout)
    assert r.returncode == 1, r
    lines = r.stderr.strip().splitlines()
    assert lines == list(expected), lines
    return r


@test
def check_hostile_fixtures():
    check_refused(os.path.join(DATA, "hostile-nan.json"),
                  "hostile-nan.json:18:57: NaN is not valid JSON; numbers must be finite")
    check_refused(os.path.join(DATA, "hostile-overflow.json"),
                  "hostile-overflow.json:18:43: number 1e999 is out of range; "
                  "numbers must be finite doubles")
    check_refused(os.path.join(DATA, "hostile-invalid-utf8.json"),
                  "hostile-invalid-utf8.json:15:54: invalid UTF-8 (byte 0xFF); "
                  "the file must be UTF-8 encoded")
    check_refused(os.path.join(DATA, "hostile-nul.json"),
                  "hostile-nul.json:19:34: NUL byte in the file; a JSON text cannot contain one")
    r = check_refused(os.path.join(DATA, "hostile-cycle-self.json"),
                      "hostile-cycle-self.json:9:64: regions[0].parent: "
                      "a region cannot be its own parent",
                      "hostile-cycle-self.json:11:73: regions[2].members[1]: "
                      "a region cannot be a member of itself",
                      "hostile-cycle-self.json:12:63: regions[3].parent: "
                      "parent links form a cycle: p1 → p2 → p3 → p1")
    assert r.stdout == "", r.stdout


@test
def check_deep_nesting():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "deep.json")
        with open(path, "w") as f:
            f.write("[" * 1000000)
        check_refused(path, "deep.json:1:65: nesting deeper than the limit of 64 levels")


@test
def check_special_files():
    check_refused("/dev/zero", "/dev/zero: this is not a regular file (a device, pipe or "
                  "socket); choose a .json file")
    with tempfile.TemporaryDirectory() as tmp:
        check_refused(tmp, "%s: this is a directory; choose a .json file" % tmp)
        fifo = os.path.join(tmp, "pipe.json")
        os.mkfifo(fifo)
        check_refused(fifo, "%s: this is not a regular file (a device, pipe or socket); "
                      "choose a .json file" % fifo)


# --- export formats, scale, transparency and the embedded chart description ---

def png_pixels(path, n_rows=None):
    """Decodes an 8-bit RGBA or RGB, non-interlaced PNG (what cairo writes)
    into (width, height, channels, rows of bytes): all rows, or the first
    @n_rows."""
    width, height, color_type, chunks = read_png(path)
    channels = {6: 4, 2: 3}[color_type]
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * channels
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height if n_rows is None else n_rows):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xff
            elif kind == 2:
                line[i] = (line[i] + b) & 0xff
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xff
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def parse_csv(text):
    """RFC 4180 records: CRLF line ends, quoted fields with doubled quotes."""
    records, record, field, i, quoted = [], [], "", 0, False
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1:i + 2] == '"':
                field += '"'
                i += 1
            elif ch == '"':
                quoted = False
            else:
                field += ch
        elif ch == '"':
            assert field == "", "quote inside an unquoted field"
            quoted = True
        elif ch == ",":
            record.append(field)
            field = ""
        elif ch == "\r":
            assert text[i + 1] == "\n", "CR without LF"
            record.append(field)
            records.append(record)
            record, field = [], ""
            i += 1
        else:
            assert ch != "\n", "bare LF line end"
            field += ch
        i += 1
    assert record == [] and field == "", "last record without CRLF"
    return records


@test
def export_svg_is_xml_with_title_and_spec():
    import xml.etree.ElementTree as ET
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.svg")
        r = run("--export=" + out, "--metric=population", "--year=2024", "--width=1000", "--height=500")
        assert r.returncode == 0, r.stderr
        root = ET.parse(out).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
        assert (root.get("width"), root.get("height")) == ("1000px", "500px"), root.attrib
        assert root.find("{http://www.w3.org/2000/svg}title").text == "Population"
        meta = root.find("{http://www.w3.org/2000/svg}metadata")[0]
        import json
        spec = json.loads(meta.text)["spec"]
        assert spec["metric"] == "population" and spec["year"] == 2024, spec


@test
def export_pdf_page_size():
    import re
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.pdf")
        r = run("--export", out, "--metric=gdp", "--width=842", "--height=595")
        assert r.returncode == 0, r.stderr
        with open(out, "rb") as f:
            data = f.read()
        assert data.startswith(b"%PDF-")
        box = re.search(rb"/MediaBox \[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
        assert box and [float(v) for v in box.groups()] == [0, 0, 842, 595], box


@test
def export_csv_values():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "data.csv")
        r = run("--export", out, "--metric=score", "--year=2024", os.path.join(DATA, "bars.json"))
        assert r.returncode == 0, r.stderr
        with open(out, "rb") as f:
            raw = f.read()
        assert not raw.startswith(b"\xef\xbb\xbf")
        records = parse_csv(raw.decode("utf-8"))
        assert records[0] == ["Region id", "Region", "Year", "Score (points)", "Status", "Source"], records[0]
        values = {rec[0]: float(rec[3]) for rec in records[1:] if rec[3] != ""}
        # the fixture's 2024 scores, published as plain final values
        assert values == {"CN-JS": 100.0, "CN-SC": 50.0, "CN-XZ": -25.0}, values
        assert all(rec[4] == "" for rec in records[1:]), records
        assert all(rec[5] == "Test Bureau (2024)" for rec in records[1:]), records


@test
def export_png_scale_3_and_transparent_corners():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export", out, "--width=200", "--height=120", "--scale=3", "--transparent")
        assert r.returncode == 0, r.stderr
        width, height, channels, rows = png_pixels(out)
        assert (width, height, channels) == (600, 360, 4), (width, height, channels)
        for x, y in ((0, 0), (599, 0), (0, 359), (599, 359)):
            assert rows[y][x * 4 + 3] == 0, (x, y, rows[y][x * 4:x * 4 + 4])
        assert any(rows[y][x * 4 + 3] == 255 for y in range(height) for x in range(width))


@test
def export_png_opaque_dark_corners():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        r = run("--export", out, "--width=200", "--height=120", "--theme=dark")
        assert r.returncode == 0, r.stderr
        _, _, channels, rows = png_pixels(out)
        px = rows[0][0:channels]
        assert px[:3] == b"\x1e\x1e\x1e" and (channels == 3 or px[3] == 255), px


@test
def export_number_format_option():
    with tempfile.TemporaryDirectory() as tmp:
        images = {}
        for name in ("auto", "full", "short"):
            out = os.path.join(tmp, name + ".png")
            r = run("--export", out, "--metric=gdp", "--year=2024", "--number-format=" + name)
            assert r.returncode == 0, r.stderr
            images[name] = png_pixels(out)[3]
        # GDP in 100 million yuan: FULL writes "141,488.9"; AUTO shortens
        # ("141.5k") as Guangdong's is over 100,000, as SHORT does.
        assert images["short"] != images["full"]
        assert images["auto"] == images["short"]
        r = run("--export", os.path.join(tmp, "x.png"), "--number-format=long")
        assert r.returncode == 2 and "--number-format" in r.stderr, (r.returncode, r.stderr)


@test
def print_spec_round_trip():
    import json
    with tempfile.TemporaryDirectory() as tmp:
        first = os.path.join(tmp, "first.png")
        again = os.path.join(tmp, "again.png")
        r = run("--export", first, "--metric=population", "--year=2023", "--regions=CN-JS,CN-GD",
                "--color-by=macro-region", "--theme=dark", "--width=700", "--height=500", "--scale=2")
        assert r.returncode == 0, r.stderr
        r = run("--print-spec", first)
        assert r.returncode == 0, r.stderr
        meta = json.loads(r.stdout)
        assert meta["format"] == "region-explorer/chart-1"
        assert meta["spec"]["metric"] == "population" and meta["spec"]["year"] == 2023
        assert meta["spec"]["regions"] == ["CN-JS", "CN-GD"] and meta["spec"]["color_by"] == "macro-region"
        assert meta["style"] == {"theme": "dark", "transparent": False}, meta["style"]
        assert meta["size"] == {"width": 700, "height": 500, "scale": 2}, meta["size"]
        assert len(meta["dataset"]["checksum"]) == 64

        # Re-rendering the image's spec gives the same picture and the same spec.
        r = run("--export", again, first)
        assert r.returncode == 0, r.stderr
        assert png_pixels(first)[3] == png_pixels(again)[3]
        r = run("--print-spec", again)
        assert json.loads(r.stdout)["spec"] == meta["spec"]

        # Options override the embedded spec.
        r = run("--export", again, "--year=2022", "--scale=1", first)
        assert r.returncode == 0, r.stderr
        assert read_png(again)[:2] == (700, 500)
        assert json.loads(run("--print-spec", again).stdout)["spec"]["year"] == 2022


@test
def print_spec_refuses_plain_and_damaged_files():
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, "plain.png")
        with open(plain, "wb") as f:  # a 1×1 PNG with no text chunk
            ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
            idat = zlib.compress(b"\x00\x00\x00\x00")
            for kind, body in ((b"IHDR", ihdr), (b"IDAT", idat), (b"IEND", b"")):
                if kind == b"IHDR":
                    f.write(b"\x89PNG\r\n\x1a\n")
                f.write(struct.pack(">I", len(body)) + kind + body
                        + struct.pack(">I", zlib.crc32(kind + body)))
        r = run("--print-spec", plain)
        assert r.returncode == 1 and "no chart description" in r.stderr, r
        assert len(r.stderr.strip().splitlines()) == 1

        damaged = os.path.join(tmp, "damaged.png")
        r = run("--export", damaged, "--width=100", "--height=100")
        assert r.returncode == 0, r.stderr
        with open(damaged, "r+b") as f:
            f.seek(33 + 8 + 30)  # inside the iTXt chunk's JSON
            f.write(b"#")
        r = run("--print-spec", damaged)
        assert r.returncode == 1 and "checksum" in r.stderr, r

        r = run("--print-spec", os.path.join(DATA, "bars.json"))
        assert r.returncode == 2, r


@test
def export_bubbles_defaults():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "bubbles.png")
        r = run("--export=" + out, "--chart=bubbles")
        assert r.returncode == 0, r.stderr
        assert read_png(out)[:2] == (1200, 800)
        csv = os.path.join(tmp, "bubbles.csv")
        r = run("--export=" + csv, "--chart=bubbles")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            text = f.read()
        header = text.splitlines()[0]
        # Defaults: population (x) against GDP (y), area by population, 2024.
        assert "Population" in header and "GDP" in header, header
        gd = [l for l in text.splitlines() if l.startswith("CN-GD,")]
        assert len(gd) == 1 and ",2024," in gd[0], gd


@test
def export_bubbles_explicit_log_and_fraction():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "b.png")
        r = run("--export=" + out, "--chart=bubbles", "--x-metric=population", "--y-metric=gdp",
                "--size-metric=population", "--year=2024", "--log-x", "--log-y", "--theme=dark")
        assert r.returncode == 0, r.stderr
        csv = os.path.join(tmp, "b.csv")
        r = run("--export=" + csv, "--chart=bubbles", "--year=2023", "--year-fraction=0.5")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            rows = f.read().splitlines()
        assert any(",2023.5," in row for row in rows[1:]), rows[:3]
        r = run("--export=" + out, "--chart=bubbles", "--year-fraction=1.5")
        assert r.returncode == 2 and "--year-fraction" in r.stderr, r


@test
def export_bubbles_trails():
    """--trails draws the selected regions' years before --year: their rows
    follow in the CSV, and the image describes itself with trails on."""
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "trails.csv")
        r = run("--export=" + csv, "--chart=bubbles", "--x-metric=population", "--y-metric=gdp",
                "--regions=CN-GD,CN-SC", "--year=2024", "--trails")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            rows = f.read().splitlines()
        gd_years = [row.split(",")[2] for row in rows if row.startswith("CN-GD,")]
        assert gd_years[0] == "2024" and "2010" in gd_years and "2023" in gd_years, gd_years
        assert gd_years[1:] == sorted(gd_years[1:]), gd_years
        assert not any(row.startswith("CN-JS,") and ",2023," in row for row in rows), "a trail of a region not selected"
        r = run("--export=" + csv, "--chart=bubbles", "--x-metric=population", "--y-metric=gdp",
                "--regions=CN-GD,CN-SC", "--year=2024")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            assert sum(1 for row in f if row.startswith("CN-GD,")) == 1
        png = os.path.join(tmp, "trails.png")
        r = run("--export=" + png, "--chart=bubbles", "--regions=CN-GD", "--trails")
        assert r.returncode == 0, r.stderr
        r = run("--print-spec", png)
        assert r.returncode == 0 and json.loads(r.stdout)["spec"]["trails"] is True, r

@test
def export_bubbles_fit():
    """--fit adds the least-squares line's value to each bubble's row of the
    CSV: the line this test fits itself to the same rows (on the log scales
    with --log-x --log-y); the image describes itself with the line on."""
    import csv as csvmod
    import math
    with tempfile.TemporaryDirectory() as tmp:
        for logs in ([], ["--log-x", "--log-y"]):
            out = os.path.join(tmp, "fit.csv")
            r = run("--export=" + out, "--chart=bubbles", "--x-metric=urbanization",
                    "--y-metric=income_all", "--year=2024", "--fit", *logs)
            assert r.returncode == 0, r.stderr
            with open(out, encoding="utf-8", newline="") as f:
                rows = list(csvmod.reader(f))
            header = rows[0]
            assert header[-2] == "Per-capita disposable income (yuan) on the fit line", header
            drawn = [row for row in rows[1:] if row[3] and row[4]]
            assert len(drawn) == 31 and all(not row[-2] for row in rows[1:] if row not in drawn)
            t = (lambda v: math.log10(float(v))) if logs else float
            xs = [t(row[3]) for row in drawn]
            ys = [t(row[4]) for row in drawn]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = (sum((x - mx) * (y - my) for x, y in zip(xs, ys))
                     / sum((x - mx) ** 2 for x in xs))
            for row, x in zip(drawn, xs):
                expected = my + slope * (x - mx)
                if logs:
                    expected = 10 ** expected
                assert math.isclose(float(row[-2]), expected, rel_tol=1e-9), (row, expected)
        png = os.path.join(tmp, "fit.png")
        r = run("--export=" + png, "--chart=bubbles", "--fit")
        assert r.returncode == 0, r.stderr
        r = run("--print-spec", png)
        assert r.returncode == 0 and json.loads(r.stdout)["spec"]["fit"] is True, r

@test
def export_bars_both_years():
    """--both-years draws a change's two figures: the CSV is the change's
    (but for the sources: no nation's change is drawn as a reference line),
    the image describes itself with them; without --base-year it is refused
    saying what it needs."""
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, "plain.csv")
        both = os.path.join(tmp, "both.csv")
        args = ("--chart=bars", "--metric=urbanization", "--base-year=2015", "--year=2024")
        assert run("--export=" + plain, *args).returncode == 0
        r = run("--export=" + both, *args, "--both-years")
        assert r.returncode == 0, r.stderr
        import csv as csvmod
        with open(plain, encoding="utf-8", newline="") as a, open(both, encoding="utf-8", newline="") as b:
            rows_a, rows_b = list(csvmod.reader(a)), list(csvmod.reader(b))
        assert [row[:-1] for row in rows_a] == [row[:-1] for row in rows_b]
        assert len(rows_b) == 35 and rows_b[1][:7] == ["CN-GZ", "Guizhou", "2024", "56.65", "2015", "42.96", "13.69"]
        png = os.path.join(tmp, "both.png")
        r = run("--export=" + png, *args, "--both-years")
        assert r.returncode == 0, r.stderr
        r = run("--print-spec", png)
        assert r.returncode == 0 and json.loads(r.stdout)["spec"]["both_years"] is True, r
        r = run("--export=" + png, "--chart=bars", "--both-years")
        assert r.returncode == 2, r
        assert r.stderr == ("region-explorer: --both-years draws the figures of --base-year and --year: "
                            "give --base-year\n"), r.stderr

@test
def export_lines_year_range():
    """--from-year and --to-year draw those years only; backwards is an error
    naming the option."""
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "range.csv")
        r = run("--export=" + csv, "--chart=lines", "--metric=urbanization", "--regions=CN-GD",
                "--from-year=2015", "--to-year=2018")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            years = [row.split(",")[2] for row in f.read().splitlines()[1:]]
        assert years == ["2015", "2016", "2017", "2018"], years
        png = os.path.join(tmp, "range.png")
        r = run("--export=" + png, "--chart=lines", "--metric=urbanization", "--from-year=2015")
        assert r.returncode == 0, r.stderr
        spec = json.loads(run("--print-spec", png).stdout)["spec"]
        assert spec["from_year"] == 2015 and "to_year" not in spec, spec
        r = run("--export=" + png, "--chart=lines", "--from-year=2020", "--to-year=2015")
        assert r.returncode == 2 and "--to-year" in r.stderr, r

@test
def export_bars_change():
    """--base-year with --chart=bars ranks the change since then, in the CSV
    with the base year, its figure and the change; the picture opens again as
    that chart; a change across a series break is refused and names it, and
    an existing file is left as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "change.csv")
        r = run("--export=" + csv, "--chart=bars", "--metric=urbanization", "--base-year=2015",
                "--year=2024")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            rows = f.read().splitlines()
        header = rows[0].split(",")
        assert header[3:8] == ["Urbanization rate (%)", "Base year", "Base value",
                               "Change (percentage points)", "Status"], header
        changes = []
        for row in rows[1:]:
            cells = row.split(",")
            if cells[6]:
                # The change is the difference of the two figures listed.
                assert abs(float(cells[3]) - float(cells[5]) - float(cells[6])) < 1e-9, row
                changes.append(float(cells[6]))
        assert len(changes) == 31 and changes == sorted(changes, reverse=True), changes
        assert rows[1].startswith("CN-GZ,Guizhou,2024,56.65,2015,42.96,13.69,"), rows[1]
        png = os.path.join(tmp, "change.png")
        r = run("--export=" + png, "--chart=bars", "--metric=population", "--base-year=2015",
                "--relative")
        assert r.returncode == 0, r.stderr
        spec = json.loads(run("--print-spec", png).stdout)["spec"]
        assert spec["base_year"] == 2015 and spec["relative"] is True, spec
        before = open(png, "rb").read()
        r = run("--export=" + png, "--chart=bars", "--metric=urban_income", "--base-year=2010",
                "--year=2020")
        assert r.returncode != 0 and "breaks in 2013" in r.stderr, r
        assert open(png, "rb").read() == before

@test
def export_region_kind():
    """--region-kind charts another kind of region than provinces; an unknown
    kind is refused naming the option."""
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "macro.csv")
        r = run("--export=" + csv, "--chart=bars", "--metric=gdp", "--region-kind=macro-region")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            ids = sorted(row.split(",")[0] for row in f.read().splitlines()[1:])
        assert ids == ["central", "east", "northeast", "west"], ids
        png = os.path.join(tmp, "macro.png")
        r = run("--export=" + png, "--chart=bubbles", "--region-kind=macro-region")
        assert r.returncode == 0, r.stderr
        assert json.loads(run("--print-spec", png).stdout)["spec"]["region_kind"] == "macro-region"
        r = run("--export=" + png, "--chart=bars", "--region-kind=galaxy")
        assert r.returncode == 2 and "--region-kind" in r.stderr and "galaxy" in r.stderr, r
        # A table of counties (as imported) is ranked by county without being
        # told; the map, which draws provinces, says where the values are.
        table = os.path.join(tmp, "county-gdp.csv")
        with open(table, "w", encoding="utf-8") as f:
            f.write("地区,2023年\n昆山市,5140.6\n江阴市,5074.2\n")
        dataset = os.path.join(tmp, "counties.json")
        r = run("--import=" + table, "--output=" + dataset, "--unit=亿元")
        assert r.returncode == 0, r.stderr
        r = run("--export=" + csv, "--chart=bars", "--metric=county-gdp", dataset)
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            ids = [row.split(",")[0] for row in f.read().splitlines()[1:]]
        assert ids == ["320583", "320281"], ids
        r = run("--export=" + png, "--chart=map", "--metric=county-gdp", dataset)
        assert r.returncode != 0 and "map does not draw" in r.stderr, r

@test
def export_top_bottom():
    """--top and --bottom draw the first or last regions of the ranking; the
    picture keeps it; zero, both or a negative number is refused."""
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "top.csv")
        rows = {}
        for option in ("", "--top=3", "--bottom=2"):
            r = run("--export=" + csv, "--chart=bars", "--metric=gdp", "--year=2024",
                    *([option] if option else []))
            assert r.returncode == 0, r.stderr
            with open(csv, encoding="utf-8") as f:
                rows[option] = [row.split(",")[0] for row in f.read().splitlines()[1:]]
        ranked = [i for i in rows[""] if i not in ("CN-HK", "CN-MO", "CN-TW")]
        assert rows["--top=3"] == ranked[:3], rows
        assert rows["--bottom=2"] == ranked[-2:], rows
        png = os.path.join(tmp, "top.png")
        r = run("--export=" + png, "--chart=bars", "--bottom=4")
        assert r.returncode == 0, r.stderr
        assert json.loads(run("--print-spec", png).stdout)["spec"]["top"] == -4
        for bad in (["--top=0"], ["--top=2", "--bottom=2"], ["--bottom=-3"]):
            r = run("--export=" + png, "--chart=bars", *bad)
            assert r.returncode == 2 and "--top" in r.stderr, (bad, r)

@test
def export_lines_split():
    """--split draws a chart per region on one scale: the picture keeps it,
    the PDF says so under the title and names each chart; the CSV is the
    same as drawn together."""
    with tempfile.TemporaryDirectory() as tmp:
        csvs = []
        for split in ([], ["--split"]):
            csv = os.path.join(tmp, "lines%d.csv" % len(split))
            r = run("--export=" + csv, "--chart=lines", "--metric=urbanization",
                    "--regions=CN-GD,CN-JS,CN-SC,CN-XZ", *split)
            assert r.returncode == 0, r.stderr
            with open(csv, "rb") as f:
                csvs.append(f.read())
        assert csvs[0] == csvs[1]
        png = os.path.join(tmp, "split.png")
        r = run("--export=" + png, "--chart=lines", "--metric=urbanization", "--regions=CN-GD,CN-JS", "--split")
        assert r.returncode == 0, r.stderr
        assert json.loads(run("--print-spec", png).stdout)["spec"]["split"] is True
        svg = os.path.join(tmp, "split.svg")
        r = run("--export=" + svg, png)
        assert r.returncode == 0, r.stderr
        assert json.loads(run("--print-spec", svg).stdout)["spec"]["split"] is True
        pdf = os.path.join(tmp, "split.pdf")
        assert run("--export=" + pdf, png).returncode == 0
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        assert "a chart per region, on one scale" in text and "Guangdong" in text and "Jiangsu" in text, text


@test
def export_map_change():
    """--base-year with --chart=map colours the tile grid by the change: the
    CSV gives each province's figure, base figure and change, equal to the
    dataset's figures read here, in classes that never hold a fall and a
    rise; --relative as a percentage; the picture keeps the base year; the
    geographic map and a change across a series break are refused."""
    bundled = os.path.join(SRCDIR, "..", "data", "datasets", "china-regional-development.json")
    expected = dataset_values(bundled)
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "change.csv")
        for relative in (False, True):
            r = run("--export=" + csv, "--chart=map", "--metric=population", "--base-year=2010", "--year=2024",
                    *(["--relative"] if relative else []))
            assert r.returncode == 0, r.stderr
            rows = read_csv_rows(csv)
            change_column = "% change" if relative else "Change (10,000 persons)"
            assert rows[0][3:9] == ["Population (10,000 persons)", "Base year", "Base value", change_column,
                                    "Class from", "Class to"], rows[0]
            falls = rises = 0
            for row in rows[1:]:
                if (row[0], "population", "2024") not in expected:
                    assert row[3:7] == ["", "2010", "", ""], row   # Hong Kong, Macao, Taiwan
                    continue
                figure = expected[(row[0], "population", "2024")][0]
                base = expected[(row[0], "population", "2010")][0]
                change = (figure / base - 1) * 100 if relative else figure - base
                assert float(row[3]) == figure and float(row[5]) == base, row
                assert abs(float(row[6]) - change) < 1e-9 * max(1, abs(change)), (row, change)
                low, high = float(row[7]), float(row[8])
                assert low <= float(row[6]) <= high and (high <= 0 or low >= 0), row
                falls += change < 0
                rises += change > 0
            assert falls >= 3 and rises >= 20, (falls, rises)   # the northeast shrank
        png = os.path.join(tmp, "change.png")
        r = run("--export=" + png, "--chart=map", "--metric=urbanization", "--base-year=2015")
        assert r.returncode == 0, r.stderr
        spec = json.loads(run("--print-spec", png).stdout)["spec"]
        assert spec["base_year"] == 2015 and spec["kind"] == "map", spec
        r = run("--export=" + png, "--chart=map", "--map=geo", "--base-year=2015")
        assert r.returncode == 1 and "tile grid" in r.stderr, r
        # A rate in % that is no share (GDP growth) changes in percentage
        # points, written without the binary error of 5.1 - 5.5; provinces
        # that did not change share a class "0" of their own.
        r = run("--export=" + csv, "--chart=map", "--metric=gdp_growth", "--base-year=2023", "--year=2024")
        assert r.returncode == 0, r.stderr
        rows = read_csv_rows(csv)
        assert rows[0][6] == "Change (percentage points)", rows[0]
        for row in rows[1:]:
            if (row[0], "gdp_growth", "2024") in expected and (row[0], "gdp_growth", "2023") in expected:
                figure = expected[(row[0], "gdp_growth", "2024")][0]
                base = expected[(row[0], "gdp_growth", "2023")][0]
                # "-0.4", never "-0.399999999999999".
                assert abs(float(row[6]) - (figure - base)) < 1e-9 and len(row[6]) <= 5, row
                if figure == base:
                    assert row[6] == "0" and row[7:9] == ["0", "0"], row
        r = run("--export=" + png, "--chart=map", "--metric=rural_income", "--base-year=2010")
        assert r.returncode == 1 and "breaks in 2013" in r.stderr, r


@test
def export_map_modes_themes_languages():
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {}
        for mode in ("tiles", "geo"):
            for theme in ("light", "dark"):
                for lang in ("en", "zh_CN"):
                    out = os.path.join(tmp, "map-%s-%s-%s.png" % (mode, theme, lang))
                    env = dict(ENV, LANGUAGE=lang)
                    r = run("--export=" + out, "--chart=map", "--map=" + mode, "--theme=" + theme, env=env)
                    assert r.returncode == 0, (mode, theme, lang, r.stderr)
                    assert read_png(out)[:2] == (1200, 800)
                    with open(out, "rb") as f:
                        sizes[(mode, theme, lang)] = f.read()
        assert sizes[("tiles", "light", "en")] != sizes[("tiles", "dark", "en")]
        assert sizes[("geo", "light", "en")] != sizes[("geo", "light", "zh_CN")]
        for theme in ("light", "dark"):
            out = os.path.join(tmp, "map-tiles-%s-en.png" % theme)
            assert png_pixel(out, 1, 1) == png_pixel(out, 1198, 1) == BACKGROUND[theme], theme
        csv = os.path.join(tmp, "map.csv")
        r = run("--export=" + csv, "--chart=map", "--map=geo")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8") as f:
            text = f.read()
        # Default metric: population; the transport circles' rings are listed too.
        assert "Population" in text.splitlines()[0] and "Ring radius" in text.splitlines()[0], text[:200]
        assert "jjj-2h," in text, text
        r = run("--export=" + csv, "--chart=map", "--map=hexagons")
        assert r.returncode == 2 and "--map" in r.stderr, r


@test
def export_lines_shares_progress_table_themes_languages():
    with tempfile.TemporaryDirectory() as tmp:
        images = {}
        for kind in ("lines", "shares", "progress", "table"):
            for theme in ("light", "dark"):
                for lang in ("en", "zh_CN"):
                    out = os.path.join(tmp, "%s-%s-%s.png" % (kind, theme, lang))
                    r = run("--export=" + out, "--chart=" + kind, "--theme=" + theme,
                            env=dict(ENV, LANGUAGE=lang))
                    assert r.returncode == 0, (kind, theme, lang, r.stderr)
                    assert read_png(out)[:2] == (1200, 800)
                    with open(out, "rb") as f:
                        images[(kind, theme, lang)] = f.read()
            assert images[(kind, "light", "en")] != images[(kind, "dark", "en")], kind
            assert images[(kind, "light", "en")] != images[(kind, "light", "zh_CN")], kind
            # Not only different: the background is the theme's, and the
            # heading names in Chinese what the English one names.
            for theme in ("light", "dark"):
                out = os.path.join(tmp, "%s-%s-en.png" % (kind, theme))
                assert png_pixel(out, 1, 1) == png_pixel(out, 1198, 1) == BACKGROUND[theme], (kind, theme)
            texts = {}
            for lang in ("en", "zh_CN"):
                out = os.path.join(tmp, "%s-%s.pdf" % (kind, lang))
                r = run("--export=" + out, "--chart=" + kind, env=dict(ENV, LANGUAGE=lang))
                assert r.returncode == 0, (kind, lang, r.stderr)
                texts[lang] = subprocess.run(["pdftotext", "-enc", "UTF-8", out, "-"], capture_output=True,
                                             text=True, timeout=60, check=True).stdout
            assert_chinese_heading(kind, texts["en"], texts["zh_CN"])


@test
def export_shares_of_clusters_and_of_national_gdp():
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "shares.csv")
        r = run("--export=" + csv, "--chart=shares",
                "--metric=cluster_population_share,cluster_gdp_share")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8", newline="") as f:
            rows = parse_csv(f.read())
        shares = [float(row[rows[0].index("Share (%)")]) for row in rows[1:]]
        assert shares == [75, 25, 85, 15], rows
        assert rows[1][1] == "19 city clusters" and rows[2][1] == "Rest of China", rows
        assert rows[3][rows[0].index("Qualifier")] == "about", rows

        r = run("--export=" + csv, "--chart=shares", "--metric=gdp",
                "--regions=east,central,west,northeast", "--year=2023", "--shares=stacked")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8", newline="") as f:
            rows = parse_csv(f.read())
        parts = [row[1] for row in rows[1:]]
        assert parts == ["East", "Central", "West", "Northeast", "Other / not allocated"], parts
        total = sum(float(row[rows[0].index("Share (%)")]) for row in rows[1:])
        assert abs(total - 100) < 0.01, total
        r = run("--export=" + csv, "--chart=shares", "--shares=pie")
        assert r.returncode == 2 and "--shares" in r.stderr, r


@test
def export_lines_relative_and_table_of():
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "lines.csv")
        r = run("--export=" + csv, "--chart=lines", "--metric=gdp", "--regions=central,west",
                "--relative", "--base-year=2021")
        assert r.returncode == 0, r.stderr
        with open(csv, encoding="utf-8", newline="") as f:
            rows = parse_csv(f.read())
        change = rows[0].index("% change since 2021")
        value = rows[0].index("GDP (100 million yuan)")
        central = {row[2]: row for row in rows[1:] if row[0] == "central"}
        assert float(central["2021"][change]) == 0.0, rows
        base = float(central["2021"][value])
        for year in ("2006", "2022", "2024"):
            expected = (float(central[year][value]) / base - 1) * 100
            assert abs(float(central[year][change]) - expected) < 1e-6, (year, central[year])
        assert float(central["2022"][change]) > 0 > float(central["2006"][change]), central

        png = os.path.join(tmp, "table.png")
        r = run("--export=" + png, "--chart=table", "--table-of=progress", "--width=2400", "--height=1600")
        assert r.returncode == 0, r.stderr
        assert read_png(png)[:2] == (2400, 1600)
        r = run("--export=" + png, "--chart=table", "--table-of=table")
        assert r.returncode == 2 and "--table-of" in r.stderr, r


@test
def export_map_continuous_round_trips():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "map.png")
        r = run("--export", out, "--chart=map", "--continuous", "--width=800", "--height=600")
        assert r.returncode == 0, r.stderr
        r = run("--print-spec", out)
        assert r.returncode == 0, r.stderr
        assert '"continuous" : true' in r.stdout or '"continuous": true' in r.stdout, r.stdout


# --- hostile values: one validation for the command line and images ---

KEYWORD = b"region-explorer:chart"


def write_png_description(src, dst, text):
    """Copies the PNG @src to @dst with its chart description replaced by
    @text (bytes), every CRC valid."""
    _, _, _, chunks = read_png(src)
    out = [b"\x89PNG\r\n\x1a\n"]
    for kind, body in chunks:
        if kind == b"iTXt" and body.startswith(KEYWORD + b"\0"):
            body = KEYWORD + b"\0\0\0\0\0" + text
        out.append(struct.pack(">I", len(body)) + kind + body
                   + struct.pack(">I", zlib.crc32(kind + body)))
    with open(dst, "wb") as f:
        f.write(b"".join(out))


def description_of(path):
    _, _, _, chunks = read_png(path)
    for kind, body in chunks:
        if kind == b"iTXt" and body.startswith(KEYWORD + b"\0"):
            return json.loads(body[len(KEYWORD) + 5:].decode("utf-8"))
    raise AssertionError("no chart description")


@test
def command_line_refuses_zero_and_out_of_range():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.png")
        for args, option in ((["--width=0"], "--width"), (["--height=0"], "--height"),
                             (["--width=16385"], "--width"), (["--scale=0"], "--scale"),
                             (["--scale=4"], "--scale"), (["--width=abc"], "--width"),
                             (["--chart=lines", "--relative", "--base-year=1"], "--base-year"),
                             (["--chart=lines", "--relative", "--base-year=99999"], "--base-year"),
                             (["--year=1"], "--year"), (["--chart=bubbles", "--year-fraction=1"], "--year-fraction"),
                             (["--regions=,"], "--regions")):
            r = run("--export", out, *args)
            assert r.returncode == 2, (args, r)
            assert r.stderr.startswith("region-explorer: " + option + ":"), (args, r.stderr)
            assert len(r.stderr.strip().splitlines()) == 1, r.stderr
            assert not os.path.exists(out)


@test
def command_line_refuses_options_of_other_charts():
    """An option that draws on other kinds of chart than the one asked for
    (--fit on bars, --split on a map) is refused naming the option and the
    kinds it is for, where it would be ignored without a word; a table
    takes those of the chart whose data it lists."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "chart.csv")
        for args, message in (
                (["--fit"], "--fit does not apply to --chart=bars (it is for: bubbles)"),
                (["--chart=map", "--split"], "--split does not apply to --chart=map (it is for: lines)"),
                (["--chart=bars", "--log-y"], "--log-y does not apply to --chart=bars (it is for: lines, bubbles)"),
                (["--chart=lines", "--continuous"], "--continuous does not apply to --chart=lines (it is for: map)"),
                (["--chart=bubbles", "--top=5"], "--top does not apply to --chart=bubbles (it is for: bars)"),
                (["--chart=bars", "--table-of=lines"], "--table-of does not apply to --chart=bars (it is for: table)"),
                (["--chart=table", "--table-of=bars", "--trails"],
                 "--trails does not apply to --table-of=bars (it is for: bubbles)"),
                (["--chart=bubbles", "--base-year=2019"],
                 "--base-year does not apply to --chart=bubbles (it is for: bars, lines, map)"),
                (["--chart=shares", "--relative"], "--relative does not apply to --chart=shares (it is for: bars, lines, map)"),
                (["--chart=bars", "--relative"],
                 "--relative draws a change as a percentage of the figure of --base-year: give --base-year"),
                (["--chart=map", "--relative"],
                 "--relative draws a change as a percentage of the figure of --base-year: give --base-year")):
            r = run("--export", out, *args)
            assert r.returncode == 2, (args, r)
            assert r.stderr == "region-explorer: " + message + "\n", (args, r.stderr)
            assert not os.path.exists(out)
        for args in (["--chart=lines", "--log-y", "--split"], ["--chart=bubbles", "--log-y", "--fit"],
                     ["--chart=table", "--table-of=lines", "--from-year=2015"],
                     ["--chart=lines", "--relative", "--metric=gdp"],
                     ["--chart=bars", "--relative", "--base-year=2015"]):
            r = run("--export", out, *args)
            assert r.returncode == 0, (args, r.stderr)
        # A rate in per cent changes in points: no relative change of it.
        for args in (["--chart=lines", "--relative"],
                     ["--chart=bars", "--metric=gdp_growth", "--relative", "--base-year=2020"],
                     ["--chart=map", "--metric=urbanization", "--relative", "--base-year=2015"]):
            if os.path.exists(out):
                os.remove(out)
            r = run("--export", out, *args)
            assert r.returncode == 1 and "is in per cent: its change is a difference in percentage points" in r.stderr, \
                (args, r)
            assert not os.path.exists(out)


@test
def image_description_validated_like_the_command_line():
    """Year 1, a year fraction of 1, scale 2.5, width 0, wrong types, an empty
    text and 100,000 levels of nesting: each refused with one line naming
    what is wrong, never a critical, never a crash."""
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "good.png")
        r = run("--export", good, "--metric=population", "--width=300", "--height=200")
        assert r.returncode == 0, r.stderr
        base = description_of(good)

        def mutated(**changes):
            meta = json.loads(json.dumps(base))
            for path, value in changes.items():
                node = meta
                keys = path.split("__")
                for key in keys[:-1]:
                    node = node[key]
                node[keys[-1]] = value
            return json.dumps(meta).encode("utf-8")

        cases = [
            (mutated(spec__year=1), "1 is outside 1800–2200"),
            (mutated(spec__year=2023.5), "whole number"),
            (mutated(spec__year_fraction=1), "year_fraction"),
            (mutated(spec__base_year=5), "base_year"),
            (mutated(size__scale=2.5), "size.scale"),
            (mutated(size__width=0), "size.width"),
            (mutated(spec__metric=["population"]), "“metric” must be a string"),
            (mutated(spec__metric=""), "an id cannot be empty"),
            (mutated(spec__region_kind=["province"]), "“region_kind” must be a string"),
            (mutated(style__transparent="yes"), "“style.transparent” must be true or false"),
            (mutated(style__theme=7), "“style.theme” must be a string"),
            (mutated(size="large"), "“size” must be an object"),
            (mutated(size__width="900"), "“size.width” must be a number"),
            (mutated(dataset__title=[1]), "“dataset.title” must be a string"),
            (mutated(format=["region-explorer/chart-1"]), "“format” must be a string"),
            (b"", "damaged"),
            (b"[" * 100000 + b"]" * 100000, "nesting deeper than the limit of 64 levels"),
            (b'{"format":"region-explorer/chart-1","spec":' + b'{"a":' * 100000 + b"1" + b"}" * 100001,
             "nesting deeper than the limit of 64 levels"),
        ]
        for i, (text, expected) in enumerate(cases):
            bad = os.path.join(tmp, "bad-%d.png" % i)
            write_png_description(good, bad, text)
            for args in (("--print-spec", bad), ("--export", os.path.join(tmp, "again.png"), bad)):
                r = run(*args)
                assert r.returncode == 1, (i, args, r)
                assert "damaged" in r.stderr and expected in r.stderr, (i, r.stderr)
                assert "CRITICAL" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, (i, r.stderr)
            assert not os.path.exists(os.path.join(tmp, "again.png"))


@test
def terminal_output_is_escaped():
    """An id or name carrying ESC]0;…BEL or ESC[2J neither retitles nor
    clears the terminal: every control character printed is escaped."""
    data = os.path.join(DATA, "hostile-terminal.json")
    bad = os.path.join(DATA, "hostile-terminal-bad.json")
    runs = [run("--list-regions", data), run("--list-metrics", data), run("--check", data),
            run("--check", bad), run("--export=/nonexistent/x.png", "--metric=\x1b[2J", data),
            run("--export=/nonexistent/x.png", "--regions=CN\x1b]0;t\x07", data),
            run("--check", os.path.join(DATA, "no-such-\x1b[2J.json"))]
    for r in runs:
        for stream in (r.stdout, r.stderr):
            for ch in stream:
                assert ch in "\t\n" or not (ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f
                                            or 0x202a <= ord(ch) <= 0x202e), (r.args, stream)
    regions = runs[0].stdout.splitlines()
    assert regions[0] == "CN\\x1b]0;retitled\\x07\tChina\\x1b[2J\\u202eevil\tnation", regions
    assert regions[1] == "P1\tTab\\x09here\tprovince", regions
    assert "u\\u009b2J" in runs[1].stdout, runs[1].stdout
    assert '"\\x1b[2Jmissing"' in runs[3].stderr, runs[3].stderr
    assert "\\x1b[2J" in runs[4].stderr and "\\x1b]0;t\\x07" in runs[5].stderr, (runs[4].stderr, runs[5].stderr)
    assert "no-such-" in runs[6].stderr, runs[6].stderr


@test
def csv_neutralises_formulas():
    """Text cells beginning with = + - @ tab or CR are written quoted behind
    a single quote; numbers, negative ones too, are left as they are."""
    import csv
    import io
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "table.csv")
        r = run("--export", out, "--chart=bars", "--metric=m", os.path.join(DATA, "hostile-csv.json"))
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8", newline="") as f:
            text = f.read()
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0][3] == "'-Metric (@unit)", rows[0]
        names = {row[0]: row[1] for row in rows[1:]}
        assert names["P0"] == "'=HYPERLINK(\"http://example.com/x\",\"Click\")", names
        assert names["P1"] == "'+cmd|' /C calc'!A0", names
        assert names["P2"] == "'-2+3+cmd|' /C calc'!A0", names
        assert names["P3"] == "'@SUM(1+1)*cmd|' /C calc'!A0", names
        assert names["P4"] == "'\t=1+1" and names["P5"] == "'\r=1+1", names
        assert names["P6"] == "Plain, with comma", names
        values = [row[3] for row in rows[1:]]
        assert values == ["-5.5", "-6.5", "-7.5", "-8.5", "-9.5", "-10.5", "-11.5"], values
        assert all(row[-1] == "'=Publisher (2025)" for row in rows[1:]), rows
        for row in rows:
            for cell in row:
                assert cell[:1] not in ("=", "+", "@", "\t", "\r") and not (
                    cell.startswith("-") and not cell[1:2].isdigit()), row


DATA_COLUMNS = ["region", "region_zh", "region_id", "region_kind", "metric", "metric_zh", "metric_id", "unit",
                "unit_zh", "year", "value", "qualifier", "status", "note", "source", "source_url"]


def read_csv_rows(path):
    import csv
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def dataset_values(path):
    """{(region id, metric id, year or ""): (value, status)} of a dataset file,
    read here from its JSON."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    values = {}
    for region in data["regions"]:
        for metric, series in region.get("values", {}).items():
            for year, value in series.items():
                status = "final"
                if isinstance(value, dict):
                    status = value.get("status", "final")
                    value = value["value"]
                values[(region["id"], metric, "" if year == "undated" else year)] = (value, status)
    return values


@test
def export_data_every_value():
    """--export-data writes every value of the dataset once, as its JSON has
    it (value and status), each with its source; the rows of every region
    the importer knows import back to the same values, ids and metric names;
    a name that is not .csv is refused."""
    bundled = os.path.join(SRCDIR, "..", "data", "datasets", "china-regional-development.json")
    expected = dataset_values(bundled)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "all.csv")
        r = run("--export-data=" + out)
        assert r.returncode == 0 and r.stderr == "", r
        rows = read_csv_rows(out)
        assert rows[0] == DATA_COLUMNS, rows[0]
        seen = {}
        for row in rows[1:]:
            cells = dict(zip(DATA_COLUMNS, row))
            key = (cells["region_id"], cells["metric_id"], cells["year"])
            assert key in expected and key not in seen, row
            assert float(cells["value"]) == expected[key][0] and cells["status"] == expected[key][1], (row, expected[key])
            assert cells["source"] != "" and cells["region"] != "" and cells["unit"] != "", row
            seen[key] = float(cells["value"])
        assert len(seen) == len(expected), (len(seen), len(expected))
        gd = [dict(zip(DATA_COLUMNS, row)) for row in rows[1:] if row[2] == "CN-GD"]
        gd = [cells for cells in gd if cells["metric_id"] == "gdp" and cells["year"] == "2024"]
        assert len(gd) == 1 and gd[0]["region_zh"] == "广东" and gd[0]["region_kind"] == "province", gd
        assert gd[0]["unit"] == "100 million yuan" and gd[0]["unit_zh"] == "亿元", gd
        assert gd[0]["metric"] == "GDP" and gd[0]["metric_zh"] != "", gd

        # Read back by the importer: every row of a region it knows by name,
        # all but the metropolitan area only the bundled dataset defines.
        known = os.path.join(tmp, "known.csv")
        kept = [row for row in rows[1:] if row[3] != "metro-area"]
        assert len(rows) - 1 - len(kept) == 1, len(kept)
        with open(known, "w", encoding="utf-8", newline="") as f:
            import csv
            csv.writer(f).writerows([rows[0]] + kept)
        back = os.path.join(tmp, "back.json")
        r = run("--import=" + known, "--output=" + back)
        assert r.returncode == 0, r.stderr
        # The importer names its metrics by the names in the table.
        with open(back, encoding="utf-8") as f:
            ids = {m["name"]: m["id"] for m in json.load(f)["metrics"]}
        imported = dataset_values(back)
        for row in kept:
            cells = dict(zip(DATA_COLUMNS, row))
            key = (cells["region_id"], ids[cells["metric"]], cells["year"])
            assert key in imported and imported[key][0] == float(cells["value"]), (row, imported.get(key))

        r = run("--export-data=" + os.path.join(tmp, "all.txt"))
        assert r.returncode == 2 and ".csv" in r.stderr and len(r.stderr.splitlines()) == 1, r


@test
def export_data_neutralises_formulas():
    """Names that a spreadsheet would run as formulas go behind a single quote."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "data.csv")
        r = run("--export-data=" + out, os.path.join(DATA, "hostile-csv.json"))
        assert r.returncode == 0, r.stderr
        rows = read_csv_rows(out)
        names = {row[2]: row[0] for row in rows[1:]}
        assert names["P0"] == "'=HYPERLINK(\"http://example.com/x\",\"Click\")", names
        for row in rows:
            for cell in row:
                assert cell[:1] not in ("=", "+", "@", "\t", "\r") and not (
                    cell.startswith("-") and not cell[1:2].isdigit()), row


if __name__ == "__main__":
    sys.exit(main())
