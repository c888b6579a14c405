#!/usr/bin/env python3
"""test-desktop-data.py — the desktop files agree with each other and the tree.

- Every screenshot the metainfo names is in data/screenshots/, as a PNG of
  the size the metainfo states, and the addresses point at that folder.
- The icons are SVG on the canvases GNOME uses (128 px app icon, 16 px
  symbolic icon), the symbolic one with fills only (GTK recolours fills).
- The metainfo's launchable and the desktop file's Icon name the app ID.

Usage: test-desktop-data.py APP-ID METAINFO DESKTOP (the built files).
Prints TAP.
"""
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

APP_ID, METAINFO, DESKTOP = sys.argv[1:4]
SRC = os.environ.get("REX_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(SRC, "data")
URL_PREFIX = "https://raw.githubusercontent.com/regionexplorer/RegionExplorer/main/data/screenshots/"
SVG = "{http://www.w3.org/2000/svg}"

tests = []


def test(fn):
    tests.append(fn)
    return fn


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", "%s is not a PNG" % path
    return struct.unpack(">II", head[16:24])


@test
def screenshots_in_tree():
    root = ET.parse(METAINFO).getroot()
    shots = root.findall("./screenshots/screenshot")
    assert shots, "no screenshots"
    assert sum(1 for s in shots if s.get("type") == "default") == 1, "exactly one default screenshot"
    for s in shots:
        image = s.find("image")
        url = image.text.strip()
        assert url.startswith(URL_PREFIX), url
        path = os.path.join(DATA, "screenshots", url[len(URL_PREFIX):])
        assert os.path.exists(path), "%s is not in the tree" % path
        size = png_size(path)
        assert size == (int(image.get("width")), int(image.get("height"))), \
            "%s is %d×%d, the metainfo says %s×%s" % (path, *size, image.get("width"), image.get("height"))
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


def main():
    print("1..%d" % len(tests))
    failed = 0
    for i, fn in enumerate(tests, 1):
        try:
            fn()
            print("ok %d - %s" % (i, fn.__name__))
        except Exception as e:  # noqa: BLE001 — report every failure as TAP
            failed += 1
            print("not ok %d - %s" % (i, fn.__name__))
            for line in (str(e) or repr(e)).splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
