#!/usr/bin/env python3
"""test-desktop-data.py — the desktop files agree with each other and the tree.

- Every screenshot the metainfo names is in data/screenshots/, as a PNG of
  the size the metainfo states, with a caption, and the addresses point at
  that folder as of the newest release's tag (not a branch).
- The icons are SVG on the canvases GNOME uses (128 px app icon, 16 px
  symbolic icon), the symbolic one with fills only (GTK recolours fills);
  rendered, the app icon's shape stays inside the icon grid (12.5–115.5).
- The metainfo's launchable and the desktop file's Icon name the app ID.
- The metainfo meets Flathub's quality guidelines where a program can tell:
  developer ID and name, a summary of at most 35 characters, branding
  colours for light and dark, a display length, no categories or keywords
  (they come from the desktop file), releases with dates and descriptions,
  and `appstreamcli validate --pedantic` finds nothing but the upper-case ID.

Usage: test-desktop-data.py APP-ID METAINFO DESKTOP (the built files).
Prints TAP.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

from taplib import main, test

APP_ID, METAINFO, DESKTOP = sys.argv[1:4]
SRC = os.environ.get("REX_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(SRC, "data")
RAW_URL = "https://raw.githubusercontent.com/regionexplorer/RegionExplorer/"
SVG = "{http://www.w3.org/2000/svg}"

def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", "%s is not a PNG" % path
    return struct.unpack(">II", head[16:24])


def newest_release(root):
    releases = root.findall("./releases/release")
    assert releases, "no releases"
    return releases[0]


def png_pixels(path):
    """The RGBA rows of an 8-bit, non-interlaced RGBA PNG (what gdk-pixbuf writes)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert (depth, colour, interlace) == (8, 6, 0), "%s: not 8-bit RGBA" % path
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xff
            elif kind == 2:
                line[i] = (line[i] + b) & 0xff
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        rows.append(bytes(line))
        prev = line
    return width, height, rows


@test
def screenshots_in_tree():
    root = ET.parse(METAINFO).getroot()
    tag = "v" + newest_release(root).get("version")
    url_prefix = RAW_URL + tag + "/data/screenshots/"
    shots = root.findall("./screenshots/screenshot")
    assert shots, "no screenshots"
    assert sum(1 for s in shots if s.get("type") == "default") == 1, "exactly one default screenshot"
    for s in shots:
        image = s.find("image")
        url = image.text.strip()
        assert url.startswith(url_prefix), "%s: expected under %s (the release tag)" % (url, url_prefix)
        path = os.path.join(DATA, "screenshots", url[len(url_prefix):])
        assert os.path.exists(path), "%s is not in the tree" % path
        size = png_size(path)
        assert size == (int(image.get("width")), int(image.get("height"))), \
            "%s is %d×%d, the metainfo says %s×%s" % (path, *size, image.get("width"), image.get("height"))
        # Flathub's quality guidelines: screenshots at most 1000×700.
        assert size[0] <= 1000 and size[1] <= 700, "%s is %d×%d, over 1000×700" % (path, *size)
        assert s.find("caption") is not None and s.find("caption").text.strip(), url


@test
def icons():
    app = os.path.join(DATA, "icons/hicolor/scalable/apps/io.github.regionexplorer.RegionExplorer.svg")
    symbolic = os.path.join(DATA, "icons/hicolor/symbolic/apps/io.github.regionexplorer.RegionExplorer-symbolic.svg")
    a = ET.parse(app).getroot()
    assert a.tag == SVG + "svg" and a.get("viewBox") == "0 0 128 128", a.attrib
    s = ET.parse(symbolic).getroot()
    assert s.tag == SVG + "svg" and s.get("viewBox") == "0 0 16 16", s.attrib
    for el in s.iter():
        assert el.get("stroke") in (None, "none"), "symbolic icon: strokes are not recoloured"
        assert not (el.get("style") or "").count("stroke:"), "symbolic icon: strokes are not recoloured"
    shapes = [el for el in s.iter() if el.tag in (SVG + "rect", SVG + "path", SVG + "circle")]
    assert len(shapes) >= 4, "symbolic icon has no shapes"


@test
def icon_fits_the_grid():
    """Rendered at 128 px, nothing is drawn outside 12.5–115.5 on either axis."""
    thumbnailer = shutil.which("gdk-pixbuf-thumbnailer")
    # Not skipped when missing: libgdk-pixbuf2.0-bin is in .ci/install-deps.
    assert thumbnailer is not None, "gdk-pixbuf-thumbnailer is not installed (libgdk-pixbuf2.0-bin)"
    app = os.path.join(DATA, "icons/hicolor/scalable/apps/io.github.regionexplorer.RegionExplorer.svg")
    symbolic = os.path.join(DATA, "icons/hicolor/symbolic/apps/io.github.regionexplorer.RegionExplorer-symbolic.svg")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "icon.png")
        r = subprocess.run([thumbnailer, "-s", "128", app, out], capture_output=True, text=True)
        assert r.returncode == 0 and os.path.exists(out), "the icon does not render: " + r.stderr
        width, height, rows = png_pixels(out)
        assert (width, height) == (128, 128), (width, height)
        inked = [(x, y) for y, row in enumerate(rows) for x in range(width) if row[x * 4 + 3]]
        xs = [x for x, _ in inked]
        ys = [y for _, y in inked]
        # Pixel 12 is half inside the grid's edge at 12.5, pixel 115 half inside 115.5.
        assert min(xs) >= 12 and max(xs) <= 115 and min(ys) >= 12 and max(ys) <= 115, \
            "the shape spans x %d–%d, y %d–%d; the grid is 12.5–115.5" % (min(xs), max(xs) + 1, min(ys), max(ys) + 1)
        # The symbolic icon renders too (a broken file shows as a missing icon).
        r = subprocess.run([thumbnailer, "-s", "16", symbolic, out], capture_output=True, text=True)
        assert r.returncode == 0, "the symbolic icon does not render: " + r.stderr
    return None


@test
def quality_guidelines():
    root = ET.parse(METAINFO).getroot()
    developer = root.find("developer")
    assert developer is not None and developer.get("id"), "<developer id=…> is missing"
    assert re.fullmatch(r"[a-z0-9.]+", developer.get("id")), "developer id %r is not a reverse-DNS id" % developer.get("id")
    assert (developer.findtext("name") or "").strip(), "<developer> has no <name>"
    assert root.find("developer_name") is None, "<developer_name> is replaced by <developer>"
    summary = root.findtext("summary").strip()
    assert len(summary) <= 35, "summary is %d characters, at most 35: %r" % (len(summary), summary)
    assert not summary.endswith("."), "summary ends with a full stop"
    colours = {c.get("scheme_preference"): c.text.strip() for c in root.findall("./branding/color")
               if c.get("type") == "primary"}
    assert set(colours) == {"light", "dark"}, "branding needs a light and a dark primary colour: %r" % colours
    for scheme, colour in colours.items():
        assert re.fullmatch(r"#[0-9a-fA-F]{6}", colour), "%s branding colour %r" % (scheme, colour)
    length = root.find("./requires/display_length")
    assert length is not None and length.get("compare") == "ge" and int(length.text) >= 360, "display_length"
    assert root.find("categories") is None and root.find("keywords") is None, \
        "categories and keywords come from the desktop file; the metainfo repeats them"
    for release in root.findall("./releases/release"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", release.get("date", "")), "release %s date" % release.get("version")
        assert release.find("description") is not None, "release %s has no description" % release.get("version")


def appstream_version():
    r = subprocess.run(["appstreamcli", "--version"], capture_output=True, text=True)
    m = re.search(r"(\d+)\.(\d+)", r.stdout)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


@test
def validates_pedantic():
    assert shutil.which("appstreamcli") is not None, "appstreamcli is not installed (appstream)"
    r = subprocess.run(["appstreamcli", "validate", "--pedantic", "--no-net", METAINFO],
                       capture_output=True, text=True)
    # Flathub accepts the note on the upper-case ID that GitHub-derived IDs
    # carry. AppStream before 1.0 does not know <developer> yet.
    allowed = {"cid-contains-uppercase-letter"}
    if appstream_version() < (1, 0):
        allowed.add("unknown-tag developer")
    issues = re.findall(r"^[EWIP]: [^:]+:(?:\d+:)? (.+)$", r.stdout, re.M)
    unexpected = [i for i in issues if i.strip() not in allowed]
    assert r.returncode == 0 and not unexpected, r.stdout + r.stderr
    return None


@test
def ids_agree():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable.get("type") == "desktop-id" and launchable.text == APP_ID + ".desktop"
    assert root.findtext("./provides/binary") == "region-explorer"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.find("content_rating").get("type", "").startswith("oars-")
    with open(DESKTOP, encoding="utf-8") as f:
        desktop = f.read()
    assert re.search(r"^Icon=%s$" % re.escape(APP_ID), desktop, re.M), "desktop Icon is not the app ID"
    assert re.search(r"^Exec=region-explorer( |$)", desktop, re.M), "desktop Exec"
    assert os.path.basename(DESKTOP) == APP_ID + ".desktop"


if __name__ == "__main__":
    sys.exit(main())
