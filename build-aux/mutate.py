#!/usr/bin/env python3
"""mutate.py — how many small bugs in the model and render layers the tests catch.

Applies seeded one-token mutations to src/model and src/render — a comparison
operator swapped (< and <=, > and >=, == and !=), an integer literal off by
one, && and || swapped, a statement dropped — one at a time, rebuilds, and
runs the display-free suites (model, render, cli) against each. A mutant is
killed when a test fails or times out; it survives when every test passes.
Prints the share of compiling mutants killed and each survivor (file:line,
the change).

The source tree is never touched: the tracked files are copied into
<builddir>/tree, mutated there and restored after each mutant (in a
`finally`, so on Ctrl+C too), and built in <builddir>/build.

Usage: build-aux/mutate.py [--seed N] [--mutants N] [--builddir DIR]
                           [--timeout SECONDS] [--files GLOB…] [--list]
                           [--only LOG]
docs/testing.md has the last runs' figures.
"""
import argparse
import fnmatch
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAYERS = ("src/model", "src/render")
SUITES = ("model", "render", "cli")

# Tokens of C that matter here; everything else is skipped a character at a
# time. Comments, string and character literals and preprocessor lines are
# matched whole so nothing inside them is ever mutated.
TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<pp>^[ \t]*\#(?:\\\n|[^\n])*)
  | (?P<number>(?<![.\w])(?:0[xX][0-9a-fA-F]+|\d+\.\d*(?:[eE][-+]?\d+)?[fFlL]?|\d+[eE][-+]?\d+|\d+)[uUlL]*\b)
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<op>->|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[<>])
""", re.X | re.S | re.M)

SWAP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==", "&&": "||", "||": "&&"}

# Statements worth dropping: a call, an assignment or an increment that ends
# on its line. Declarations (which would not compile without) and control
# flow are left alone.
STATEMENT = re.compile(r"^(?P<indent>[ \t]+)(?!return\b|break\b|continue\b|goto\b|case\b|default\b|else\b)"
                       r"(?P<body>[A-Za-z_*(][^;{}]*;)[ \t]*$")
DECLARATION = re.compile(r"^(?:g_autoptr\s*\(\w+\)\s*|g_autofree\s+|const\s+|static\s+|unsigned\s+|struct\s+)*"
                         r"(?:[A-Za-z_]\w*(?:\s*\*)*\s+)?\**[A-Za-z_]\w*\s*(?:\[[^\]]*\])?\s*(?:=|;|,)")
# Statements whose loss only leaks memory or lets a caller's programming
# error through: the AddressSanitizer build and the precondition tests are
# what catch those, not a user; left out of the pool.
NOT_BEHAVIOUR = re.compile(r"^(?:g_free|g_clear_pointer|g_clear_object|g_object_unref|g_\w*_unref|\w+_free"
                           r"|g_return_if_fail|g_return_val_if_fail|g_assert\w*|G_OBJECT_WARN_INVALID_PROPERTY_ID)\s*\(")


def tracked_files():
    out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z"], capture_output=True, check=True).stdout
    return [p for p in out.decode().split("\0") if p]


def candidates(path, text):
    """Every mutation of @text: (offset, length, replacement, description)."""
    found = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "op" and tok in SWAP:
            found.append((m.start(), len(tok), SWAP[tok], "%s -> %s" % (tok, SWAP[tok])))
        elif kind == "number" and re.fullmatch(r"\d+[uUlL]*", tok):
            digits = re.match(r"\d+", tok).group(0)
            suffix = tok[len(digits):]
            value = int(digits)
            for new in (value + 1, value - 1):
                if new >= 0:
                    found.append((m.start(), len(tok), "%d%s" % (new, suffix), "%s -> %d%s" % (tok, new, suffix)))
    # Dropped statements, line by line, outside comments and preprocessor lines.
    masked = TOKEN.sub(lambda m: (re.sub(r"[^\n]", " ", m.group(0))
                                  if m.lastgroup in ("comment", "pp") else m.group(0)), text)
    offset = 0
    for line in masked.splitlines(keepends=True):
        s = STATEMENT.match(line.rstrip("\n"))
        body = s.group("body") if s else ""
        if (s and not DECLARATION.match(body) and not NOT_BEHAVIOUR.match(body)
                and line.count("(") == line.count(")")):
            start = offset + s.start("body")
            found.append((start, len(body), ";", "dropped `%s`" % body.strip()))
        offset += len(line)
    return found


def kind_of(description):
    if description.startswith("dropped"):
        return "statement"
    if description.split()[0] in ("&&", "||"):
        return "logical"
    if description.split()[0] in SWAP:
        return "comparison"
    return "literal"


def texts_of(rel, cache={}):
    if rel not in cache:
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            cache[rel] = f.read()
    return cache[rel]


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def sync_tree(tree):
    """Copies the tracked files of the source tree into @tree, touching only
    those that differ so the build stays incremental."""
    for rel in tracked_files():
        src = os.path.join(ROOT, rel)
        dst = os.path.join(tree, rel)
        if not os.path.isfile(src):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(src, "rb") as f:
            data = f.read()
        if os.path.exists(dst):
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        with open(dst, "wb") as f:
            f.write(data)
        shutil.copymode(src, dst)


def run(cmd, timeout, **kw):
    """Runs @cmd in its own process group; kills the whole group on timeout.
    Returns (exit status or None on timeout, output)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         start_new_session=True, **kw)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        return None, out
    except BaseException:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise


def suite_targets(build, suites):
    """The ninja targets the chosen suites run: their executables and what
    their scripts are given to run."""
    tests = json.loads(subprocess.run(["meson", "introspect", "--tests", build], capture_output=True,
                                      text=True, check=True).stdout)
    targets = set()
    for t in tests:
        if not set(t["suite"]) & {"region-explorer:" + s for s in suites} and not set(t["suite"]) & set(suites):
            continue
        for path in t["cmd"] + t.get("args", []):
            if isinstance(path, str) and path.startswith(build + os.sep) and not path.endswith(".py"):
                targets.add(os.path.relpath(path, build))
    return sorted(targets)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mutants", type=int, default=70, help="mutants to try (default 70)")
    ap.add_argument("--builddir", default=os.path.join(ROOT, "_build-mutate"))
    ap.add_argument("--timeout", type=float, default=0,
                    help="seconds per mutant's tests (default: 3 × the unmutated run, at least 60)")
    ap.add_argument("--files", nargs="*", default=["*.c"], help="globs of files under src/model, src/render")
    ap.add_argument("--suites", nargs="*", default=list(SUITES))
    ap.add_argument("--list", action="store_true", help="print the chosen mutants and stop")
    ap.add_argument("--only", metavar="LOG",
                    help="of the chosen mutants, run only those a previous run's LOG lists as survivors")
    args = ap.parse_args()

    pool = []
    for rel in sorted(tracked_files()):
        if not rel.startswith(LAYERS) or not rel.endswith(".c"):
            continue
        if not any(fnmatch.fnmatch(os.path.basename(rel), g) for g in args.files):
            continue
        pool.extend((rel, *c) for c in candidates(rel, texts_of(rel)))
    # As many of each kind of mutation (comparison, literal, logical, dropped
    # statement) while they last: dropped statements outnumber the others
    # many times and would otherwise crowd them out.
    rng = random.Random(args.seed)
    kinds = {}
    for c in pool:
        kinds.setdefault(kind_of(c[4]), []).append(c)
    for k in sorted(kinds):
        rng.shuffle(kinds[k])
    chosen = []
    while len(chosen) < args.mutants and any(kinds.values()):
        k = rng.choice(sorted(k for k in kinds if kinds[k]))
        chosen.append(kinds[k].pop())
    if args.only:
        with open(args.only, encoding="utf-8") as f:
            wanted = {line.split(" ", 1)[1].strip() for line in f if line.startswith("survivor ")}
        chosen = [c for c in chosen if "%s:%d: %s" % (c[0], line_of(texts_of(c[0]), c[1]), c[4]) in wanted]
    # One file after another: each mutant then recompiles one file.
    chosen.sort(key=lambda c: (c[0], c[1]))

    texts = {rel: texts_of(rel) for rel in {c[0] for c in chosen}}

    if args.list:
        for rel, off, length, new, what in chosen:
            print("%s:%d: %s" % (rel, line_of(texts[rel], off), what))
        return 0

    tree = os.path.join(args.builddir, "tree")
    build = os.path.join(args.builddir, "build")
    os.makedirs(tree, exist_ok=True)
    sync_tree(tree)
    if not os.path.exists(os.path.join(build, "build.ninja")):
        # -O0: each mutant recompiles a file; the tests' time is in the libraries.
        subprocess.run(["meson", "setup", build, tree, "--buildtype=debug", "-Dbenchmarks=false"],
                       check=True, stdout=subprocess.DEVNULL)
    targets = suite_targets(build, args.suites)
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)

    def build_and_test(timeout, rel=None):
        # The model's tests do not link the render layer: a render mutant
        # cannot change their outcome.
        suites = [s for s in args.suites if not (s == "model" and rel and rel.startswith("src/render/"))]
        test_cmd = ["meson", "test", "-C", build, "--no-rebuild", "--num-processes", "1", "--maxfail", "1"]
        for suite in suites:
            test_cmd += ["--suite", suite]
        status, out = run(["ninja", "-C", build, "-j", "2"] + targets, 1800)
        if status != 0:
            return "build", out
        started = time.monotonic()
        status, out = run(test_cmd, timeout, env=env)
        if status is None:
            return "timeout", out
        return ("passed" if status == 0 else "failed"), out + "\n%.0f s" % (time.monotonic() - started)

    print("# seed %d: %d mutants of %d candidates in %s" % (args.seed, len(chosen), len(pool), ", ".join(LAYERS)))
    started = time.monotonic()
    result, out = build_and_test(3600)
    if result != "passed":
        print(out[-4000:])
        print("The unmutated tree does not pass its tests: nothing to measure.", file=sys.stderr)
        return 2
    timeout = args.timeout or max(60.0, 3 * (time.monotonic() - started))
    print("# unmutated: passed; %.0f s per mutant's tests at most" % timeout)

    killed, survived, broken = [], [], []
    for n, (rel, off, length, new, what) in enumerate(chosen, 1):
        path = os.path.join(tree, rel)
        original = texts[rel]
        where = "%s:%d" % (rel, line_of(original, off))
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original[:off] + new + original[off + length:])
            result, out = build_and_test(timeout, rel)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        if result == "build":
            broken.append((where, what))
        elif result == "passed":
            survived.append((where, what))
        else:
            killed.append((where, what, result))
        print("%3d/%d %-8s %s: %s" % (n, len(chosen), {"build": "no-build", "passed": "SURVIVED"}.get(result, "killed"),
                                      where, what), flush=True)

    compiled = len(killed) + len(survived)
    print("\n# seed %d: %d mutants, %d compiled, %d killed, %d survived: %.1f %% killed"
          % (args.seed, len(chosen), compiled, len(killed), len(survived),
             100.0 * len(killed) / compiled if compiled else 0))
    for where, what in survived:
        print("survivor %s: %s" % (where, what))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        # The finally above has restored the copy; the source tree was never touched.
        sys.exit(130)
