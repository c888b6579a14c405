#!/usr/bin/env python3
"""divisions-to-c.py — compiles data/regions/divisions.csv into a C array.

The region registry (src/model/rex-region-registry.c) knows prefecture- and
county-level divisions by code and name from this array. The CSV is the
data, with its source in its comment lines; this only turns each row
"code,name,short names" into { "code", "name", "short|names" }, and refuses
a row that is not one (a bad code, a duplicate code, a missing name).

Usage: divisions-to-c.py DIVISIONS.csv OUTPUT.c
"""
import csv
import re
import sys


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(source, output):
    rows, seen = [], set()
    with open(source, encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    reader = csv.reader(lines)
    header = next(reader)
    if header != ["code", "name", "short_names"]:
        sys.exit("%s: the header must be code,name,short_names, not %s" % (source, ",".join(header)))
    for number, row in enumerate(reader, 2):
        if len(row) != 3 or not re.fullmatch(r"[1-8]\d{5}", row[0]) or row[0].endswith("0000") or not row[1]:
            sys.exit("%s: data row %d is not a 6-digit code below a province, a name and short names: %r"
                     % (source, number, row))
        if row[0] in seen:
            sys.exit("%s: data row %d: code %s is listed twice" % (source, number, row[0]))
        seen.add(row[0])
        rows.append(row)
    rows.sort()
    with open(output, "w", encoding="utf-8") as out:
        out.write("/* Generated from %s by divisions-to-c.py: edit the CSV, not this. */\n"
                  % source.rsplit("/", 1)[-1])
        out.write('#include "config.h"\n\n#include "rex-divisions.h"\n\n')
        out.write("const RexDivision rex_divisions[] = {\n")
        for code, name, short in rows:
            out.write("  { %s, %s, %s },\n" % (c_string(code), c_string(name), c_string(short)))
        out.write("};\n\nconst guint rex_n_divisions = G_N_ELEMENTS (rex_divisions);\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
