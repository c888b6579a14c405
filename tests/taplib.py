"""taplib.py — the TAP runner the Python tests share.

A test is a function marked with @test; it passes when it returns, and a
string it returns is printed as a TAP comment (a reason it checked less,
for example "# SKIP …"). An exception fails it, and its message is printed
as diagnostics; every test runs either way.

    from taplib import test, main

    @test
    def check_something():
        assert …

    if __name__ == "__main__":
        sys.exit(main())
"""
import sys

tests = []


def test(fn):
    tests.append(fn)
    return fn


def main():
    print("1..%d" % len(tests))
    failed = 0
    for i, fn in enumerate(tests, 1):
        try:
            note = fn()
            print("ok %d - %s%s" % (i, fn.__name__, " # " + note if isinstance(note, str) and note else ""))
        except Exception as e:  # noqa: BLE001 — report every failure as TAP
            failed += 1
            print("not ok %d - %s" % (i, fn.__name__))
            for line in (str(e) or repr(e)).splitlines() or [type(e).__name__]:
                print("# " + line)
        sys.stdout.flush()
    return 1 if failed else 0
