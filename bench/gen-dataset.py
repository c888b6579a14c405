#!/usr/bin/env python3
# gen-dataset.py — writes synthetic datasets in the region-explorer/1 schema
# (docs/dataset-format.md) for the benchmarks.
#
# The figures are random numbers from a fixed seed, labelled as synthetic in
# the dataset's title, source and description: they exist to measure speed at
# scale, never to be read as statistics. Files go to a folder outside the
# source tree (default /tmp/rex-bench) and are not committed.
#
#   bench/gen-dataset.py                      # 31, 300, 3000 and 30000 regions
#   bench/gen-dataset.py --regions 300 --metrics 20 --out /tmp/x
#
# Each file: the nation, four macro-regions, N regions of kind "province"
# (so every chart kind's default region kind shows all of them), 19 city
# clusters spanning them, 30 years (1995–2024) of every metric, a few values
# in the object form with a status, some gaps, five transport circles and
# two headlines. `region-explorer --check FILE` accepts every file.

import argparse
import json
import os
import random
import sys

# Default metric count per scale: 10–50 metrics, keeping the 30,000-region
# file under the 256 MiB file limit and the 50 million value limit.
DEFAULT_METRICS = {31: 50, 300: 40, 3000: 30, 30000: 10}
FIRST_YEAR = 1995
N_YEARS = 30

MACROS = [("east", "East", "东部"), ("central", "Central", "中部"),
          ("west", "West", "西部"), ("northeast", "Northeast", "东北")]

# The first metrics carry the ids the application prefers by default (gdp,
# population) and a percent metric with a target, so that bars, lines,
# shares, bubbles, map and progress all have something to draw.
BASE_METRICS = [
    ("gdp", "GDP", "地区生产总值", "100 million yuan", False, None),
    ("population", "Population", "常住人口", "10,000 persons", False, None),
    ("urbanization", "Urbanization rate", "城镇化率", "%", True, None),
    ("village_5g", "Villages with 5G", "通5G行政村比例", "%", True, (80, 2025)),
    ("rural_income", "Rural disposable income", "农村居民人均可支配收入", "yuan", False, None),
    ("cluster_population_share", "Share of population", "人口占比", "%", True, None),
]


def make_metrics(n_metrics):
    metrics = []
    for i in range(n_metrics):
        if i < len(BASE_METRICS):
            mid, name, name_zh, unit, percent, target = BASE_METRICS[i]
        else:
            mid, name, name_zh = "m%03d" % i, "Synthetic metric %d" % i, "合成指标%d" % i
            percent = i % 3 == 0
            unit = "%" if percent else "units"
            target = None
        metric = {"id": mid, "name": name, "name_zh": name_zh, "unit": unit,
                  "source": "synthetic"}
        if percent:
            metric["percent"] = True
        if target is not None:
            metric["target"] = {"value": target[0], "year": target[1], "source": "synthetic"}
        metrics.append(metric)
    return metrics


def series(rng, metric, scale):
    """30 years of one metric: a random walk, percentages kept in 0..100."""
    values = {}
    if metric.get("percent"):
        v = rng.uniform(5, 60)
    else:
        v = rng.uniform(10, 5000) * scale
    for k in range(N_YEARS):
        year = FIRST_YEAR + k
        v = v * rng.uniform(0.97, 1.08) if not metric.get("percent") else \
            min(100.0, max(0.0, v + rng.uniform(-1.0, 3.0)))
        if rng.random() < 0.02:
            continue                                  # a gap: no value that year
        x = round(v, 1)
        if rng.random() < 0.01:
            values[str(year)] = {"value": x, "status": "estimate"}
        else:
            values[str(year)] = x
    return values


def region_values(rng, metrics, scale):
    return {m["id"]: series(rng, m, scale) for m in metrics}


def generate(n_regions, n_metrics, seed=1):
    rng = random.Random(seed * 100003 + n_regions)
    metrics = make_metrics(n_metrics)
    regions = [{"id": "CN", "name": "Nation", "name_zh": "全国", "kind": "nation",
                "values": region_values(rng, metrics, 30)}]
    for mid, name, name_zh in MACROS:
        regions.append({"id": mid, "name": name, "name_zh": name_zh,
                        "kind": "macro-region", "parent": "CN",
                        "values": region_values(rng, metrics, 8)})
    ids = []
    for i in range(n_regions):
        rid = "R%05d" % i
        ids.append(rid)
        region = {"id": rid, "name": "Region %d" % i, "name_zh": "地区%d" % i,
                  "kind": "province", "parent": MACROS[i % 4][0],
                  "seat": {"name": "Seat %d" % i, "name_zh": "驻地%d" % i,
                           "lon": round(rng.uniform(75, 134), 3),
                           "lat": round(rng.uniform(18, 53), 3)}}
        if i < 64 * 64:                               # tiles are unique per kind
            region["tile"] = {"col": i % 64, "row": i // 64}
        region["values"] = region_values(rng, metrics, 1)
        regions.append(region)
    for c in range(19):
        members = ids[c::19][:40]
        regions.append({"id": "cc-%02d" % c, "name": "Cluster %d" % c,
                        "name_zh": "城市群%d" % c, "kind": "city-cluster",
                        "tier": 1 + c % 3, "members": members,
                        "values": region_values(rng, metrics, 3)})
    circles = []
    for c in range(5):
        hub = regions[5 + c * max(1, n_regions // 5)]
        circles.append({"id": "circle-%d" % c, "name": "Circle %d" % c,
                        "hub": hub["seat"], "hub_region": hub["id"],
                        "hours": 1 + c % 2, "mode": "commute",
                        "radius_km": 50 + 10 * c, "source": "synthetic",
                        "members": [{"name": "City %d-%d" % (c, k),
                                     "lon": hub["seat"]["lon"] + 0.1 * k,
                                     "lat": hub["seat"]["lat"] + 0.05 * k}
                                    for k in range(4)]})
    return {
        "schema": "region-explorer/1",
        "title": "Synthetic benchmark dataset (%d regions)" % n_regions,
        "title_zh": "基准测试合成数据（%d个地区）" % n_regions,
        "description": "Random figures generated by bench/gen-dataset.py for "
                       "speed measurements. Not statistics.",
        "sources": [{"id": "synthetic", "publisher": "Region Explorer benchmarks",
                     "title": "Synthetic values (random, fixed seed)", "date": "2025"}],
        "metrics": metrics,
        "regions": regions,
        "transport_circles": circles,
        "headlines": [{"id": "h-gdp", "label": "GDP", "region": "CN", "metric": "gdp",
                       "year": FIRST_YEAR},
                      {"id": "h-pop", "label": "Population", "region": "CN",
                       "metric": "population", "year": FIRST_YEAR}],
    }


def write(doc, path):
    """One region per line: readable, and values objects stay on one line
    like a typical exported file."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(doc.keys())
        for n, key in enumerate(keys):
            value = doc[key]
            f.write("  %s: " % json.dumps(key))
            if isinstance(value, list):
                f.write("[\n")
                for i, item in enumerate(value):
                    f.write("    " + json.dumps(item, ensure_ascii=False))
                    f.write(",\n" if i + 1 < len(value) else "\n")
                f.write("  ]")
            else:
                f.write(json.dumps(value, ensure_ascii=False))
            f.write(",\n" if n + 1 < len(keys) else "\n")
        f.write("}\n")
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description="Write synthetic region-explorer/1 datasets.")
    parser.add_argument("--regions", type=int, action="append",
                        help="number of regions (repeatable; default 31, 300, 3000, 30000)")
    parser.add_argument("--metrics", type=int, help="number of metrics (default by scale)")
    parser.add_argument("--out", default="/tmp/rex-bench", help="output folder")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    for n in args.regions or [31, 300, 3000, 30000]:
        n_metrics = args.metrics or DEFAULT_METRICS.get(n, 30)
        if not 1 <= n_metrics <= 1000:
            sys.exit("--metrics: use 1 to 1000")
        path = os.path.join(args.out, "regions-%d.json" % n)
        write(generate(n, n_metrics, args.seed), path)
        print("%s\t%d regions\t%d metrics\t%.1f MB" %
              (path, n, n_metrics, os.path.getsize(path) / 1e6))


if __name__ == "__main__":
    main()
