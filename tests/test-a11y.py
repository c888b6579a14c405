#!/usr/bin/env python3
"""test-a11y.py — every control in the window has an accessible name.

Runs the real window with GTK's AT-SPI bridge on and reads its accessibility
tree as a screen reader would, through pyatspi. In each of the seven views,
every control on screen (anything focusable, and the lists, grids, sliders and
chart images) must have a name, and the name must not be a class name such as
"GtkMenuButton": GTK 4.8 falls back to the class when nothing names a widget.
The year slider's name carries the year it shows.

Needs a display (Xvfb), dbus-run-session, at-spi-bus-launcher and Debian's
python3-pyatspi (.ci/install-deps). Fails, not skips, when one is missing.

Usage: test-a11y.py REGION-EXPLORER. Prints TAP.
"""
import os
import re
import shutil
import subprocess
import sys
import time

BINARY = os.path.abspath(sys.argv[1])
VIEWS = ["Overview", "Compare", "Trends", "Relationships", "Map", "Rural", "Table"]
CLASS_NAME = re.compile(r"^(Gtk|Rex|Adw)[A-Z][A-Za-z]*$")
# Roles that are controls or hold data even when not focusable themselves.
CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "combo box",
    "slider", "spin button", "entry", "text", "password text", "list",
    "list box", "table", "tree table", "tree", "grid", "image", "menu",
    "scroll bar", "switch", "link",
}
BUS_LAUNCHERS = ["/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher"]


def bail(message):
    print("Bail out! " + message)
    sys.exit(1)


def outer():
    """Re-runs this script inside a private session bus."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        bail("no display: run under xvfb-run (build-aux/run-tests.sh does)")
    runner = shutil.which("dbus-run-session")
    if not runner:
        bail("dbus-run-session is missing (package dbus)")
    env = dict(os.environ, REX_A11Y_INNER="1")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run([runner, "--", "/usr/bin/python3", os.path.abspath(__file__), BINARY],
                            env=env, timeout=240)
    sys.exit(result.returncode)


def states_of(node):
    try:
        return node.getState()
    except Exception:
        return None


def walk(node, path, out, depth=0):
    """Collects (path, role, name, state, node) of every node.

    GTK 4.8 marks hidden widgets (a closed revealer, a stack's other pages)
    visible and none showing, so the whole tree is checked.
    """
    if depth > 60:
        return
    state = states_of(node)
    if state is None:
        return
    role = node.getRoleName()
    out.append((path, role, node.name or "", state, node))
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, path + "/" + role, out, depth + 1)


def find_app(pyatspi, pid, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:
                pass
        time.sleep(0.3)
    return None


def window_of(app):
    for i in range(app.childCount):
        win = app.getChildAtIndex(i)
        if win is not None and win.getRoleName() in ("frame", "window"):
            return win
    return app.getChildAtIndex(0)


def settle(seconds=1.0):
    time.sleep(seconds)


def problems_in(window):
    import pyatspi
    nodes = []
    walk(window, "", nodes)
    bad = []
    for path, role, name, state, node in nodes:
        control = state.contains(pyatspi.STATE_FOCUSABLE) or role in CONTROL_ROLES
        # A GtkLabel or a cell inside a list is text, named by its own content.
        if not control or role == "label" or name in GTK_INTERNALS:
            continue
        # Rows and cells are read by their content; a scrolled pane is only
        # the frame around a named list, table or page.
        if not name.strip() and role in ("list item", "table row", "table cell", "scroll pane"):
            continue
        if not name.strip():
            bad.append("%s %s: no name" % (path, role))
        elif CLASS_NAME.match(name):
            bad.append("%s %s: named by its class, %r" % (path, role, name))
    return nodes, bad


GTK_INTERNALS = {
    # Parts GTK 4.8 builds inside its own widgets and gives no name; an
    # application cannot reach them from a template. Not controls a user
    # tabs to, except the list rows, which are read by their content.
    "GtkStackPage", "GtkScrollbar", "GtkRange", "GtkBuiltinIcon",
    "GtkListItemWidget", "GtkColumnListView",
}


def check_view(pyatspi, view, config_home):
    """Starts the window on one view and returns (nodes, problems)."""
    settings = os.path.join(config_home, "glib-2.0", "settings")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "keyfile"), "w", encoding="utf-8") as f:
        f.write("[io/github/regionexplorer/RegionExplorer]\nview='%s'\n" % view.lower())
    env = dict(os.environ, GTK_A11Y="atspi", GSETTINGS_BACKEND="keyfile",
               XDG_CONFIG_HOME=config_home)
    env.pop("REX_A11Y_INNER", None)
    # The first program to start on a fresh accessibility bus is sometimes
    # not registered (the registry starts on demand): one more try.
    for attempt in range(2):
        proc = subprocess.Popen([BINARY], env=env)
        try:
            app = find_app(pyatspi, proc.pid, timeout=30)
            if app is not None:
                settle(3.0)
                return problems_in(window_of(app))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return [], ["the window never appeared in the accessibility tree"]


def inner():
    try:
        import pyatspi
    except ImportError:
        bail("pyatspi is missing (package python3-pyatspi)")
    import tempfile

    launcher = next((p for p in BUS_LAUNCHERS if os.path.exists(p)), None)
    if not launcher:
        bail("at-spi-bus-launcher is missing (package at-spi2-core)")
    bus = subprocess.Popen([launcher, "--launch-immediately"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    settle(1.0)
    pyatspi.Registry.getDesktop(0).childCount  # starts the registry

    results = []
    sliders = []
    try:
        with tempfile.TemporaryDirectory() as config_home:
            for view in VIEWS:
                nodes, bad = check_view(pyatspi, view, config_home)
                results.append((not bad and len(nodes) > 10,
                                "view %s: every control is named (%d nodes)" % (view, len(nodes)), bad))
                sliders += [name for p, r, name, s, n in nodes if r == "slider"]
    finally:
        bus.terminate()
        bus.wait(timeout=10)
    # The views that play through the years show a slider; its name is read
    # before its value, so it carries the year.
    ok = sliders and all(re.match(r"^Year, \d{4}$", name) for name in sliders)
    results.append((ok, "the year slider is named with its year: %s" % ", ".join(sorted(set(sliders))), []))

    print("1..%d" % len(results))
    failed = 0
    for i, (ok, text, details) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, text))
        for line in details:
            print("#   " + line)
        failed += not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if os.environ.get("REX_A11Y_INNER"):
        inner()
    else:
        outer()
