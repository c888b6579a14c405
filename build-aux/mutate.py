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
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
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
NOT_BEHAVIOUR = re.compile(r"^(?:\w*free\w*|g_clear_pointer|g_clear_object|g_object_unref|g_\w*_unref"
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
    """The chosen suites' tests (names, in the order meson runs them) and the
    ninja targets they run: their executables and what their scripts are
    given to run."""
    tests = json.loads(subprocess.run(["meson", "introspect", "--tests", build], capture_output=True,
                                      text=True, check=True).stdout)
    names, targets = [], set()
    for t in tests:
        if not set(t["suite"]) & {"region-explorer:" + s for s in suites} and not set(t["suite"]) & set(suites):
            continue
        names.append(t["name"])
        for path in t["cmd"] + t.get("args", []):
            if isinstance(path, str) and path.startswith(build + os.sep) and not path.endswith(".py"):
                targets.add(os.path.relpath(path, build))
    return names, sorted(targets)


# A `case` label's literal changes where the switch jumps, not the code on its
# line: a test that never reaches the label can still be sent there.
CASE_LABEL = re.compile(r"^\s*case\b")


def tree_digest(tree):
    """A digest of the tracked files' contents in @tree."""
    h = hashlib.sha256()
    for rel in sorted(tracked_files()):
        path = os.path.join(tree, rel)
        if os.path.isfile(path):
            h.update(rel.encode() + b"\0")
            with open(path, "rb") as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def gcov_lines(build, tree, prefix):
    """Line counts of the model and render layers from the .gcda files a run
    of @build's programs wrote under @prefix (GCOV_PREFIX):
    {file relative to @tree: {line: count}}."""
    counts = {}
    for top in ("src/model", "src/render"):
        for dirpath, _, names in os.walk(prefix + os.path.join(build, top)):
            gcdas = sorted(os.path.join(dirpath, n) for n in names if n.endswith(".gcda"))
            if not gcdas:
                continue
            # gcov reads the notes (.gcno) the compiler left beside the objects.
            for gcda in gcdas:
                shutil.copyfile(gcda[len(prefix):-len(".gcda")] + ".gcno", gcda[:-len(".gcda")] + ".gcno")
            out = subprocess.run(["gcov", "--json-format", "--stdout", "-o", dirpath] + gcdas, cwd=build,
                                 capture_output=True, text=True, check=True).stdout
            for doc in out.splitlines():
                if not doc.strip():
                    continue
                data = json.loads(doc)
                cwd = data.get("current_working_directory", build)
                for f in data["files"]:
                    rel = os.path.relpath(os.path.normpath(os.path.join(cwd, f["file"])), tree)
                    if not rel.startswith(LAYERS) or not rel.endswith(".c"):
                        continue
                    lines = counts.setdefault(rel, {})
                    for ln in f["lines"]:
                        lines[ln["line_number"]] = lines.get(ln["line_number"], 0) + ln["count"]
    return counts


def coverage_map(builddir, tree, tests, targets, env):
    """Which test executes which line: {"executable": {file: [lines]},
    "covered": {test: {file: [lines]}}}, from one run of each test alone in an
    instrumented build of the unmutated tree (<builddir>/coverage), kept in
    <builddir>/coverage/map.json.gz while the tree is unchanged."""
    cov = os.path.join(builddir, "coverage")
    cache = os.path.join(cov, "map.json.gz")
    digest = tree_digest(tree)
    if os.path.exists(cache):
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            data = json.load(f)
        if data.get("digest") == digest and sorted(data["covered"]) == sorted(tests):
            return data
    if not os.path.exists(os.path.join(cov, "build.ninja")):
        subprocess.run(["meson", "setup", cov, tree, "--buildtype=debug", "-Dbenchmarks=false", "-Db_coverage=true"],
                       check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["ninja", "-C", cov, "-j", "2"] + targets, check=True, stdout=subprocess.DEVNULL)
    executable, covered = {}, {}
    for name in tests:
        # Each test's counts go to a folder of their own that every user may
        # write: the command-line tests run the program as an unprivileged
        # user too, and its counts must not be lost (nor its stderr change).
        prefix = tempfile.mkdtemp(prefix="rex-coverage-")
        os.chmod(prefix, 0o777)
        umask = os.umask(0)
        try:
            status, out = run(["meson", "test", "-C", cov, "--no-rebuild", name], 3600,
                              env=dict(env, GCOV_PREFIX=prefix, GCOV_PREFIX_STRIP="0"))
        finally:
            os.umask(umask)
        if status != 0:
            shutil.rmtree(prefix, ignore_errors=True)
            raise SystemExit("%s fails in the coverage build:\n%s" % (name, out[-4000:]))
        try:
            lines = gcov_lines(cov, tree, prefix)
        finally:
            shutil.rmtree(prefix, ignore_errors=True)
        covered[name] = {rel: sorted(n for n, c in ls.items() if c > 0) for rel, ls in lines.items()}
        for rel, ls in lines.items():
            executable.setdefault(rel, set()).update(ls)
        print("# coverage: %s" % name, flush=True)
    data = {"digest": digest, "executable": {rel: sorted(ls) for rel, ls in executable.items()},
            "covered": covered}
    with gzip.open(cache, "wt", encoding="utf-8") as f:
        json.dump(data, f)
    return data


def statement_lines(lines, line):
    """The lines of the statement (or condition) that ends on @line (1-based)
    of @lines: back to the line after one that ends a statement or opens or
    closes a block."""
    first = line
    while first > 1:
        previous = re.sub(r"//.*$|/\*.*?\*/", "", lines[first - 2]).rstrip()
        if previous == "" or previous.endswith((";", "{", "}", ":")) or previous.lstrip().startswith("#"):
            break
        first -= 1
    return range(first, line + 1)


def tests_reaching(cover, tests, rel, line, lines, logical):
    """The tests that can notice a mutation of @line of @rel (@lines: the
    file's lines): those that execute it; all of them when the line is not
    code gcov counts (a static table, an enum) or is a case label. An `&&`
    swapped for `||` (or back) decides whether what follows it runs: its
    right operand may run where it never did, whenever the left operand
    runs, so the tests of every line of the condition up to it count."""
    executable = set(cover["executable"].get(rel, ()))
    if CASE_LABEL.match(lines[line - 1]) or line not in executable:
        return list(tests)
    wanted = set(statement_lines(lines, line)) if logical else {line}
    return [t for t in tests if wanted & set(cover["covered"][t].get(rel, ()))]


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
    ap.add_argument("--all-tests", action="store_true",
                    help="run every test of the suites against each mutant, not only those that execute its line")
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
    tests, targets = suite_targets(build, args.suites)
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)

    def build_and_test(timeout, names):
        # Two tests at a time, and the first failure ends the run: one is
        # enough to kill the mutant.
        test_cmd = ["meson", "test", "-C", build, "--no-rebuild", "--num-processes", "2", "--maxfail", "1"]
        status, out = run(["ninja", "-C", build, "-j", "2"] + targets, 1800)
        if status != 0:
            return "build", out
        if not names:
            return "passed", out
        started = time.monotonic()
        status, out = run(test_cmd + names, timeout, env=env)
        if status is None:
            return "timeout", out
        return ("passed" if status == 0 else "failed"), out + "\n%.0f s" % (time.monotonic() - started)

    print("# seed %d: %d mutants of %d candidates in %s" % (args.seed, len(chosen), len(pool), ", ".join(LAYERS)))
    started = time.monotonic()
    result, out = build_and_test(3600, tests)
    if result != "passed":
        print(out[-4000:])
        print("The unmutated tree does not pass its tests: nothing to measure.", file=sys.stderr)
        return 2
    timeout = args.timeout or max(60.0, 3 * (time.monotonic() - started))
    print("# unmutated: passed; %.0f s per mutant's tests at most" % timeout, flush=True)
    cover = None if args.all_tests else coverage_map(args.builddir, tree, tests, targets, env)

    killed, survived, broken = [], [], []
    for n, (rel, off, length, new, what) in enumerate(chosen, 1):
        path = os.path.join(tree, rel)
        original = texts[rel]
        where = "%s:%d" % (rel, line_of(original, off))
        mutant_started = time.monotonic()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original[:off] + new + original[off + length:])
            line = line_of(original, off)
            names = tests if cover is None else tests_reaching(cover, tests, rel, line, original.splitlines(),
                                                                kind_of(what) == "logical")
            result, out = build_and_test(timeout, names)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        if result == "build":
            broken.append((where, what))
        elif result == "passed":
            survived.append((where, what))
        else:
            killed.append((where, what, result))
        print("%3d/%d %-8s %s: %s (%d tests, %.0f s)"
              % (n, len(chosen), {"build": "no-build", "passed": "SURVIVED"}.get(result, "killed"), where, what,
                 len(names), time.monotonic() - mutant_started), flush=True)

    compiled = len(killed) + len(survived)
    print("\n# seed %d: %d mutants, %d compiled, %d killed, %d survived: %.1f %% killed (%.0f min)"
          % (args.seed, len(chosen), compiled, len(killed), len(survived),
             100.0 * len(killed) / compiled if compiled else 0, (time.monotonic() - started) / 60))
    for where, what in survived:
        print("survivor %s: %s" % (where, what))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        # The finally above has restored the copy; the source tree was never touched.
        sys.exit(130)
