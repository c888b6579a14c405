#!/usr/bin/env python3
"""test-i18n.py — the Simplified Chinese translation is complete and used.

1. Every file with translatable strings under src/, ui/ and data/ is listed
   in po/POTFILES.in, and every listed file exists.
2. A template regenerated now from POTFILES.in (xgettext, as meson's
   region-explorer-pot target does) has no msgid that po/zh_CN.po lacks.
3. po/zh_CN.po has no untranslated, fuzzy or invalid entry (msgfmt -c).
4. The built program speaks Chinese under LANGUAGE=zh_CN: its --help, its
   error messages and the titles of exported charts come from the catalogue
   (REX_LOCALEDIR=<build>/po, where meson builds the .mo files).

Usage: test-i18n.py REGION-EXPLORER. Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

from taplib import main, test

BINARY = sys.argv[1]
SRC = os.environ.get("REX_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("REX_BUILD_ROOT", "")
PO = os.path.join(SRC, "po", "zh_CN.po")

# The keywords of meson's "glib" gettext preset.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--keyword=ngettext:1,2",
    # The model's reporting functions (po/meson.build).
    "--keyword=report:3", "--keyword=report_key:3", "--keyword=report_code:4",
    "--keyword=report_offset:3", "--keyword=report_offset_code:4",
    "--keyword=fail:4", "--keyword=fail_at:5",
    "--keyword=expect_object:3", "--keyword=add_unique:3",
]

C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*"')

def potfiles():
    with open(os.path.join(SRC, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def unquote(text):
    out, i = [], 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(escapes.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_po(path):
    """Entries as dicts: msgctxt, msgid, msgid_plural, msgstr (list), flags, obsolete."""
    entries, cur, field = [], None, None

    def flush():
        if cur is not None:
            entries.append(cur)

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                flush()
                cur, field = None, None
                continue
            if cur is None:
                cur = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {},
                       "flags": set(), "obsolete": False}
            if line.startswith("#~"):
                cur["obsolete"] = True
                continue
            if line.startswith("#,"):
                cur["flags"].update(x.strip() for x in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+"(.*)"$', line)
            if m:
                key, index, value = m.group(1), m.group(2), unquote(m.group(3))
                if key == "msgstr":
                    field = ("msgstr", int(index or 0))
                    cur["msgstr"][field[1]] = value
                else:
                    field = (key, None)
                    cur[key] = value
            elif line.startswith('"') and field is not None:
                value = unquote(line[1:-1])
                if field[0] == "msgstr":
                    cur["msgstr"][field[1]] += value
                else:
                    cur[field[0]] += value
    flush()
    return [e for e in entries if e["msgid"] is not None]


@test
def potfiles_complete():
    listed = set(potfiles())
    for path in listed:
        assert os.path.exists(os.path.join(SRC, path)), "POTFILES.in lists %s, which does not exist" % path
    unlisted = []
    for top in ("src", "ui", "data"):
        for root, dirs, files in os.walk(os.path.join(SRC, top)):
            dirs[:] = [d for d in dirs if d != "datasets"]
            for name in files:
                path = os.path.join(root, name)
                rel = os.path.relpath(path, SRC)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if name.endswith(".c"):
                    has = C_MARKER.search(text) is not None
                elif name.endswith(".ui"):
                    has = 'translatable="yes"' in text
                elif name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                    has = True
                else:
                    has = False
                if has and rel not in listed:
                    unlisted.append(rel)
    assert not unlisted, "files with translatable strings missing from po/POTFILES.in: " + ", ".join(sorted(unlisted))


@test
def catalogue_has_every_string():
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "region-explorer.pot")
        files = os.path.join(tmp, "POTFILES")
        with open(files, "w", encoding="utf-8") as f:
            f.write("\n".join(potfiles()) + "\n")
        r = subprocess.run(["xgettext", *XGETTEXT_ARGS, "--directory=" + SRC, "--files-from=" + files,
                            "--output=" + pot, "--package-name=region-explorer"],
                           capture_output=True, text=True)
        assert r.returncode == 0, "xgettext failed: " + r.stderr
        template = {(e["msgctxt"], e["msgid"]) for e in parse_po(pot) if e["msgid"]}
    catalogue = {(e["msgctxt"], e["msgid"]) for e in parse_po(PO) if not e["obsolete"]}
    missing = sorted(template - catalogue, key=lambda k: k[1])
    assert len(template) > 300, "the template has only %d strings: is POTFILES.in read?" % len(template)
    assert not missing, "%d strings are missing from po/zh_CN.po (run the region-explorer-pot target " \
        "and msgmerge): %s" % (len(missing), "; ".join(repr(m[1]) for m in missing[:20]))


@test
def catalogue_fully_translated():
    untranslated, fuzzy = [], []
    for e in parse_po(PO):
        if e["obsolete"] or e["msgid"] == "":
            continue
        if "fuzzy" in e["flags"]:
            fuzzy.append(e["msgid"])
        if not e["msgstr"] or any(not s for s in e["msgstr"].values()):
            untranslated.append(e["msgid"])
    assert not fuzzy, "fuzzy entries in zh_CN.po: " + "; ".join(map(repr, fuzzy[:20]))
    assert not untranslated, "untranslated entries in zh_CN.po: " + "; ".join(map(repr, untranslated[:20]))
    r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, PO],
                       capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    assert r.returncode == 0, "msgfmt --check: " + r.stderr
    assert "untranslated" not in r.stderr and "fuzzy" not in r.stderr, r.stderr


def zh_env():
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY"):
        env.pop(var, None)
    env.update(LANGUAGE="zh_CN", LC_ALL="C.UTF-8", REX_LOCALEDIR=os.path.join(BUILD, "po"))
    return env


def svg_title(path):
    with open(path, encoding="utf-8") as f:
        m = re.search(r"<title>(.*?)</title>", f.read(), re.S)
    assert m, "%s has no <title>" % path
    return m.group(1)


@test
def program_speaks_chinese():
    assert os.path.exists(os.path.join(BUILD, "po", "zh_CN", "LC_MESSAGES", "region-explorer.mo")), \
        "no built catalogue under %s/po (is zh_CN in po/LINGUAS?)" % BUILD
    env = zh_env()
    r = subprocess.run([BINARY, "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "用图表探索中国区域协调发展" in r.stdout, r.stdout
    assert "显示版本号并退出" in r.stdout, r.stdout
    r = subprocess.run([BINARY, "--export=x.png", "--theme=purple"], env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode != 0 and "--theme：请使用 light 或 dark" in r.stderr, r.stderr


@test
def chart_titles_in_chinese():
    env = zh_env()
    with tempfile.TemporaryDirectory() as tmp:
        cases = [
            # A title that is a UI string: from the catalogue.
            (["--chart=progress"], "目标进度", "Progress toward targets"),
            # A title that combines a UI string with the metric's Chinese name.
            (["--chart=table", "--metric=gdp"], "数据：生产总值", "Data: "),
            # A metric name: the dataset's Chinese field.
            (["--chart=bars", "--metric=population"], "常住人口", "Population"),
        ]
        for i, (args, chinese, english) in enumerate(cases):
            out = os.path.join(tmp, "chart-%d.svg" % i)
            r = subprocess.run([BINARY, "--export=" + out, *args], env=env, capture_output=True,
                               text=True, timeout=60)
            assert r.returncode == 0, r.stderr
            title = svg_title(out)
            assert title == chinese, "%s: title %r, expected %r" % (" ".join(args), title, chinese)
            # And in English the same chart is titled in English: the
            # Chinese title does not come from somewhere else.
            r = subprocess.run([BINARY, "--export=" + out, *args],
                               env=dict(env, LANGUAGE="en"), capture_output=True, text=True, timeout=60)
            assert r.returncode == 0, r.stderr
            assert svg_title(out).startswith(english), svg_title(out)


@test
def importer_and_loader_speak_chinese():
    """The problems --check reports, from the table importer and the JSON
    loader, come from the catalogue; in English they stay English."""
    env = zh_env()
    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "gdp.csv")
        with open(table, "w", encoding="utf-8") as f:
            f.write("地区,2024年\n广东省,1\n鼓楼区,2\n")
        dataset = os.path.join(tmp, "bad.json")
        with open(dataset, "w", encoding="utf-8") as f:
            f.write('{"schema": "region-explorer/1", "metrics": [], "regions": [], "sources": [],}')
        cases = [
            (table, "gdp.csv:3:1: 地区 \"鼓楼区\" 有歧义", "gdp.csv:3:1: region \"鼓楼区\" is ambiguous"),
            (dataset, "应为成员名，却遇到“}”", "expected a member name, found '}'"),
        ]
        for path, chinese, english in cases:
            r = subprocess.run([BINARY, "--check", path], env=env, capture_output=True, text=True, timeout=60)
            assert r.returncode != 0 and chinese in r.stderr, r.stderr
            r = subprocess.run([BINARY, "--check", path], env=dict(env, LANGUAGE="en"),
                               capture_output=True, text=True, timeout=60)
            assert r.returncode != 0 and english in r.stderr, r.stderr


if __name__ == "__main__":
    sys.exit(main())
