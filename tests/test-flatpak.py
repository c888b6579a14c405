#!/usr/bin/env python3
"""test-flatpak.py — the Flatpak manifests are ready for review.

The Flatpak cannot be built here (the GNOME SDK cannot be downloaded), so
this checks what can be checked: valid JSON, the application ID, the
smallest sandbox, one current GNOME runtime in both manifests and in the
README, the submission manifest building a git source pinned to the
release tag ("v" + meson.build's version) and to the commit that tag points
to (when the tag is in this checkout), the development manifest building
this tree, meson options that exist, tests that can run in the SDK (no
display there), pinned sources for any extra module, and that
flatpak-builder itself accepts the manifest without a warning.

Usage: test-flatpak.py APP-ID-BASE. Prints TAP.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from taplib import main, test

APP_ID = sys.argv[1]
SRC = os.environ.get("REX_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("REX_BUILD_ROOT", "")
FLATPAK_DIR = os.path.join(SRC, "flatpak")
MANIFESTS = {
    APP_ID: ("io.github.regionexplorer.RegionExplorer.json", "default"),
    APP_ID + ".Devel": ("io.github.regionexplorer.RegionExplorer.Devel.json", "development"),
}
SUBMISSION = "io.github.regionexplorer.RegionExplorer.json"
DEVEL = "io.github.regionexplorer.RegionExplorer.Devel.json"
# The GitHub repository the application ID names (io.github.OWNER.REPO).
REPOSITORY_URL = "https://github.com/regionexplorer/RegionExplorer.git"
# GNOME runtimes older than this are past their end of life.
OLDEST_SUPPORTED_RUNTIME = 50
FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
# Suites that need a display (none in the SDK) or a second full build.
SUITES_NOT_IN_SANDBOX = {"ui", "install", "flatpak", "bench"}

def load(name):
    with open(os.path.join(FLATPAK_DIR, name), encoding="utf-8") as f:
        return json.load(f)


def app_module(manifest):
    modules = [m for m in manifest["modules"] if isinstance(m, dict) and m.get("name") == "region-explorer"]
    assert len(modules) == 1, "one module named region-explorer expected"
    assert manifest["modules"][-1] is modules[0], "the app module must be built last"
    return modules[0]


def project_version():
    with open(os.path.join(SRC, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"^project\([^)]*?version:\s*'([^']+)'", f.read(), re.M | re.S)
    assert m, "no version in meson.build's project()"
    return m.group(1)


def git(*args):
    """Output of git in the source tree, or None when it is not a checkout."""
    if shutil.which("git") is None:
        return None
    r = subprocess.run(["git", "-C", SRC] + list(args), capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def build_options():
    r = subprocess.run(["meson", "introspect", "--buildoptions", BUILD], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return {o["name"]: o for o in json.loads(r.stdout)}


@test
def manifests_are_json_with_the_app_id():
    for app_id, (name, _) in MANIFESTS.items():
        m = load(name)
        assert m["id"] == app_id, "%s: id %r, expected %r" % (name, m["id"], app_id)
        assert "app-id" not in m, "%s: use id, not the old app-id" % name
        assert m["runtime"] == "org.gnome.Platform" and m["sdk"] == "org.gnome.Sdk", name
        assert str(m["runtime-version"]).isdigit(), "%s: runtime-version %r" % (name, m["runtime-version"])
        assert m["command"] == "region-explorer", name


@test
def smallest_sandbox():
    for name, _ in MANIFESTS.values():
        m = load(name)
        assert m["finish-args"] == FINISH_ARGS, "%s: finish-args %r, expected exactly %r" % (
            name, m["finish-args"], FINISH_ARGS)


@test
def current_runtime_everywhere():
    versions = {name: load(name)["runtime-version"] for name, _ in MANIFESTS.values()}
    assert len(set(versions.values())) == 1, "runtime versions differ: %r" % versions
    version = int(next(iter(versions.values())))
    assert version >= OLDEST_SUPPORTED_RUNTIME, "GNOME %d is past its end of life" % version
    with open(os.path.join(SRC, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    named = set(re.findall(r"org\.gnome\.(?:Platform|Sdk)//(\S+)", readme))
    named |= set(re.findall(r"GNOME (\d+) runtime", readme))
    assert named == {str(version)}, "README names runtime %r, the manifests %d" % (sorted(named), version)


@test
def development_manifest_builds_this_tree():
    mod = app_module(load(DEVEL))
    assert mod["buildsystem"] == "meson", DEVEL
    (source,) = mod["sources"]
    assert source["type"] == "dir", "%s: the development manifest builds the local tree" % DEVEL
    root = os.path.normpath(os.path.join(FLATPAK_DIR, source["path"]))
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        assert "project('region-explorer'" in f.read(), "%s: %s is not this project" % (DEVEL, root)


@test
def submission_manifest_is_pinned_to_the_release():
    mod = app_module(load(SUBMISSION))
    assert mod["buildsystem"] == "meson", SUBMISSION
    (source,) = mod["sources"]
    assert source["type"] == "git", "%s: Flathub builds a git source, not %r" % (SUBMISSION, source["type"])
    assert source.get("url") == REPOSITORY_URL, "%s: url %r" % (SUBMISSION, source.get("url"))
    assert "branch" not in source, "%s: a branch is not a pin" % SUBMISSION
    tag = "v" + project_version()
    assert source.get("tag") == tag, "%s: tag %r, meson.build's version makes it %r" % (
        SUBMISSION, source.get("tag"), tag)
    commit = source.get("commit")
    assert commit is None or re.fullmatch(r"[0-9a-f]{40}", commit), "%s: commit %r" % (SUBMISSION, commit)

    # The tag in this checkout, when there is one: a tarball has no git, and
    # a clone need not have fetched tags.
    toplevel = git("rev-parse", "--show-toplevel")
    if toplevel is None or os.path.realpath(toplevel) != os.path.realpath(SRC):
        assert commit, "%s: no commit" % SUBMISSION
        return "SKIP not a git checkout: the tag cannot be compared"
    tagged = git("rev-parse", "-q", "--verify", "refs/tags/%s^{commit}" % tag)
    if tagged is None:
        assert commit, "%s: no commit" % SUBMISSION
        return "SKIP tag %s is not in this checkout" % tag
    assert git("cat-file", "-t", "refs/tags/" + tag) == "tag", "%s is not an annotated tag" % tag
    released = git("show", "%s:meson.build" % tagged)
    assert released is not None and "version: '%s'" % project_version() in released, \
        "the commit %s points to does not have version %s in meson.build" % (tag, project_version())
    if commit is None:
        # A commit cannot hold its own hash: the tagged commit names only
        # the tag, and the commit after it pins the hash.
        assert git("rev-parse", "HEAD") == tagged, \
            "%s: no commit; %s points to %s" % (SUBMISSION, tag, tagged)
        return "SKIP this is the tagged commit, which cannot name itself"
    assert commit == tagged, "%s: commit %s, but %s points to %s" % (SUBMISSION, commit, tag, tagged)
    return None


@test
def config_opts_are_real_options():
    options = build_options()
    for name, profile in MANIFESTS.values():
        opts = app_module(load(name)).get("config-opts", [])
        seen = {}
        for opt in opts:
            assert opt.startswith("-D") and "=" in opt, "%s: %r is not -Dname=value" % (name, opt)
            key, value = opt[2:].split("=", 1)
            assert key in options, "%s: %s is not an option of this project" % (name, key)
            o = options[key]
            if o["type"] == "combo":
                assert value in o["choices"], "%s: %s=%s, choices %r" % (name, key, value, o["choices"])
            elif o["type"] == "boolean":
                assert value in ("true", "false"), "%s: %s=%s" % (name, key, value)
            seen[key] = value
        assert seen.get("profile") == profile, "%s: profile should be %s" % (name, profile)
    # tests/test-install.sh builds and installs with exactly these options.
    with open(os.path.join(SRC, "tests", "test-install.sh"), encoding="utf-8") as f:
        script = f.read()
    assert "io.github.regionexplorer.RegionExplorer.json" in script and "config-opts" in script, \
        "test-install.sh no longer reads the manifest's config-opts"


@test
def tests_run_in_the_sdk():
    r = subprocess.run(["meson", "introspect", "--tests", BUILD], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    suites = {s.split(":")[-1] for t in json.loads(r.stdout) for s in t["suite"]}
    for name, _ in MANIFESTS.values():
        mod = app_module(load(name))
        assert mod.get("run-tests") is True, "%s: run-tests must be true" % name
        assert mod.get("test-rule") == "", "%s: the default rule runs the display tests" % name
        (command,) = mod["test-commands"]
        words = command.split()
        assert words[:2] == ["meson", "test"], command
        chosen = {words[i + 1] for i, w in enumerate(words) if w == "--suite"}
        excluded = {words[i + 1] for i, w in enumerate(words) if w == "--no-suite"}
        assert chosen, "%s: no --suite: every suite would run, including those needing a display" % name
        assert chosen | excluded <= suites, "%s: unknown suites %r" % (name, (chosen | excluded) - suites)
        assert not chosen & SUITES_NOT_IN_SANDBOX, "%s: %r cannot run in the SDK" % (name, chosen & SUITES_NOT_IN_SANDBOX)
        # A test in several suites runs when one is chosen and none excluded,
        # as meson test selects them.
        for t in json.loads(r.stdout):
            its = {s.split(":")[-1] for s in t["suite"]}
            if its & chosen and not its & excluded:
                assert not its & SUITES_NOT_IN_SANDBOX, "%s: %s (suites %r) would run in the SDK" % (
                    name, t["name"], sorted(its))


@test
def extra_modules_are_pinned():
    for name, _ in MANIFESTS.values():
        for mod in load(name)["modules"]:
            if isinstance(mod, str) or mod.get("name") == "region-explorer":
                continue
            for s in mod.get("sources", []):
                if s["type"] in ("archive", "file"):
                    assert len(s.get("sha256", "")) == 64, "%s: %s source without sha256" % (name, mod["name"])
                elif s["type"] == "git":
                    assert s.get("commit"), "%s: %s git source without a commit" % (name, mod["name"])


@test
def flatpak_builder_accepts_it():
    # Not skipped when missing: flatpak-builder is in .ci/install-deps.
    assert shutil.which("flatpak-builder") is not None, "flatpak-builder is not installed"
    for name, _ in MANIFESTS.values():
        path = os.path.join(FLATPAK_DIR, name)
        # Without the test environment's G_ENABLE_DIAGNOSTIC, which makes
        # GLib warn about flatpak-builder's own deprecated properties.
        env = {k: v for k, v in os.environ.items() if k not in ("G_ENABLE_DIAGNOSTIC", "G_DEBUG")}
        # In a scratch folder: flatpak-builder makes .flatpak-builder/ there.
        with tempfile.TemporaryDirectory() as scratch:
            r = subprocess.run(["flatpak-builder", "--show-manifest", path], capture_output=True, text=True,
                               env=env, cwd=scratch)
        assert r.returncode == 0, "%s: %s" % (name, r.stderr)
        # flatpak-builder warns about unknown or mistyped keys but exits 0.
        assert "WARNING" not in r.stderr and "CRITICAL" not in r.stderr, "%s: %s" % (name, r.stderr)
        assert json.loads(r.stdout)["id"] == load(name)["id"], name
    return None


if __name__ == "__main__":
    sys.exit(main())
