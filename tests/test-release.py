#!/usr/bin/env python3
"""test-release.py — the version says the same thing everywhere.

meson.build's version (MAJOR.MINOR.PATCH) is the newest release in the
metainfo and the newest entry in NEWS, with the same date; every release in
one is in the other; releases are listed newest first. (test-flatpak.py
checks that the submission manifest builds the tag "v" + that version.)

Usage: test-release.py. Prints TAP.
"""
import datetime
import os
import re
import sys
import xml.etree.ElementTree as ET

from taplib import main, test

SRC = os.environ.get("REX_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METAINFO = os.path.join(SRC, "data", "io.github.regionexplorer.RegionExplorer.metainfo.xml.in")
NEWS = os.path.join(SRC, "NEWS")
VERSION = re.compile(r"\d+\.\d+\.\d+")

def project_version():
    with open(os.path.join(SRC, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"^project\([^)]*?version:\s*'([^']+)'", f.read(), re.M | re.S)
    assert m, "no version in meson.build's project()"
    return m.group(1)


def metainfo_releases():
    root = ET.parse(METAINFO).getroot()
    return [(r.get("version"), r.get("date")) for r in root.findall("./releases/release")]


def news_releases():
    with open(NEWS, encoding="utf-8") as f:
        return re.findall(r"^(\S+) \((\d{4}-\d{2}-\d{2})\)\n-+$", f.read(), re.M)


def key(version):
    return tuple(int(p) for p in version.split("."))


@test
def version_scheme():
    version = project_version()
    assert VERSION.fullmatch(version), "meson.build: %r is not MAJOR.MINOR.PATCH" % version


@test
def metainfo_newest_release_is_this_version():
    releases = metainfo_releases()
    assert releases, "the metainfo lists no release"
    assert releases[0][0] == project_version(), "metainfo's newest release is %s, meson.build says %s" % (
        releases[0][0], project_version())
    for version, date in releases:
        assert VERSION.fullmatch(version or ""), "metainfo release %r" % version
        datetime.date.fromisoformat(date or "")
    assert [v for v, _ in releases] == sorted((v for v, _ in releases), key=key, reverse=True), \
        "metainfo releases are not newest first"
    assert len({v for v, _ in releases}) == len(releases), "a release is listed twice"


@test
def news_agrees():
    news = news_releases()
    assert news, "NEWS has no entry headed 'VERSION (YYYY-MM-DD)'"
    assert news[0] == metainfo_releases()[0], "NEWS's newest entry is %s (%s), the metainfo's %s (%s)" % (
        news[0] + metainfo_releases()[0])
    assert set(news) == set(metainfo_releases()), "NEWS and the metainfo list different releases: %r, %r" % (
        news, metainfo_releases())
    assert [v for v, _ in news] == sorted((v for v, _ in news), key=key, reverse=True), "NEWS is not newest first"


if __name__ == "__main__":
    sys.exit(main())
