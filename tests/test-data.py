#!/usr/bin/env python3
"""test-data.py — the bundled dataset's figures are sourced, consistent and
what the source tables make.

1. The JSON in the tree is exactly what build-aux/build-dataset.py makes from
   data/sources/, and the build refuses a table that contradicts curated.json.
2. Every value resolves to a source that exists.
3. Provinces sum to the nation within the documented gaps: population within
   0.1–0.3 % (active military personnel, counted only nationally), GDP within
   3 % of the revised national figure (the provincial-national gap).
4. Percentages lie within 0–100.
5. No year is missing inside a series without a note of its metric in the gap.
6. Derived values equal what their inputs give.
7. Spot-checks of each table against official statements (docs/data.md).
8. The seed article's headline figures are present with their dates.
9. The map has 34 provincial-level tiles, none on the same place.

Usage: test-data.py. Prints TAP.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from taplib import main, test

SRC = os.environ.get("REX_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASET = os.path.join(SRC, "data", "datasets", "china-regional-development.json")
BUILD = os.path.join(SRC, "build-aux", "build-dataset.py")
SOURCES = os.path.join(SRC, "data", "sources")

with open(DATASET, encoding="utf-8") as f:
    DATA = json.load(f)
REGIONS = {r["id"]: r for r in DATA["regions"]}
METRICS = {m["id"]: m for m in DATA["metrics"]}
SOURCE_IDS = {s["id"] for s in DATA["sources"]}
PROVINCES = [r for r in DATA["regions"] if r["kind"] == "province"]
MAINLAND = [r for r in PROVINCES if r["id"] not in ("CN-HK", "CN-MO", "CN-TW")]


def plain(v):
    return v["value"] if isinstance(v, dict) else v


def series(region_id, metric):
    values = REGIONS[region_id].get("values", {}).get(metric, {})
    return {int(y): plain(v) for y, v in values.items()}


def value(region_id, metric, year):
    return REGIONS[region_id]["values"][metric]["%04d" % year]


def all_values():
    for r in DATA["regions"]:
        for m, values in r.get("values", {}).items():
            for y, v in values.items():
                yield r, m, int(y), v


@test
def tree_equals_build():
    r = subprocess.run([sys.executable, BUILD, "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@test
def build_refuses_contradicting_table():
    with tempfile.TemporaryDirectory() as tmp:
        sources = os.path.join(tmp, "sources")
        shutil.copytree(SOURCES, sources)
        # The nation's 2024 population is curated; a table may not give it too.
        with open(os.path.join(sources, "zz-extra.csv"), "w", encoding="utf-8") as f:
            f.write("# metric: population\n# source: nbs-population-national\nregion,2024\nCN,1\n")
        out = os.path.join(tmp, "out.json")
        r = subprocess.run([sys.executable, BUILD, "--sources", sources, "--output", out],
                           capture_output=True, text=True)
        assert r.returncode == 2 and "already given" in r.stderr, r
        assert not os.path.exists(out)


@test
def every_value_sourced():
    for r, m, y, v in all_values():
        src = v.get("source") if isinstance(v, dict) else None
        src = src or r.get("sources", {}).get(m) or METRICS[m].get("source")
        assert src in SOURCE_IDS, (r["id"], m, y, src)
        assert isinstance(plain(v), (int, float)), (r["id"], m, y)


@test
def sources_have_chinese_fields():
    for s in DATA["sources"]:
        assert s.get("publisher_zh") and s.get("title_zh"), s["id"]
    assert DATA.get("description_zh")
    assert "31 provinces, autonomous regions and municipalities of the mainland" in DATA["description"]
    assert "excluding Hong Kong, Macao and Taiwan" in DATA["description"] \
        or "exclude Hong Kong, Macao and Taiwan" in DATA["description"]
    text = json.dumps(DATA, ensure_ascii=False)
    assert "provincial-level divisions of the mainland" not in text
    assert "31 provincial-level divisions" not in text


@test
def provinces_sum_to_nation():
    for year in range(2005, 2025):
        total = sum(series(r["id"], "population")[year] for r in MAINLAND)
        nation = series("CN", "population")[year]
        gap = (nation - total) / nation
        if year >= 2011:
            # Active military personnel: about 2 million of 1.4 billion.
            assert 0.001 < gap < 0.002, (year, total, nation)
        else:
            # Also the revision of the national totals after the 2010 census,
            # which the provincial figures of 2005-2009 did not get.
            assert 0.001 < gap < 0.017, (year, total, nation)
    for year in range(2015, 2025):
        total = sum(series(r["id"], "gdp")[year] for r in MAINLAND)
        nation = series("CN", "gdp")[year]
        # The provinces' sum and the national GDP are compiled separately;
        # in the revised database they differ by less than 1.5 %.
        assert abs(total - nation) / nation < 0.015, (year, total, nation)


@test
def provincial_urban_income_near_national():
    # Weighted by urban population, the provinces' urban income is within 4 %
    # of the national figure, which comes from another table.
    for year in range(2005, 2013):
        num = sum(series(r["id"], "urban_income")[year] * series(r["id"], "urban_population")[year]
                  for r in MAINLAND)
        den = sum(series(r["id"], "urban_population")[year] for r in MAINLAND)
        nation = series("CN", "urban_income")[year]
        assert abs(num / den - nation) / nation < 0.04, (year, num / den, nation)


@test
def rates_within_0_100():
    for r, m, y, v in all_values():
        if METRICS[m].get("percent"):
            assert 0 <= plain(v) <= 100, (r["id"], m, y, plain(v))


@test
def no_unnoted_gaps():
    for r in DATA["regions"]:
        for m in r.get("values", {}):
            years = sorted(series(r["id"], m))
            notes = [n["year"] for n in METRICS[m].get("notes", [])]
            for a, b in zip(years, years[1:]):
                if b - a > 1:
                    assert any(a < n < b for n in notes), (r["id"], m, a + 1, b - 1)


@test
def core_province_series_complete():
    # Trends draws unbroken lines and Play moves through 15+ years.
    for r in MAINLAND:
        for m, first in (("population", 2005), ("urbanization", 2005), ("gdp", 2006),
                         ("urban_population", 2005)):
            assert sorted(series(r["id"], m)) == list(range(first, 2025)), (r["id"], m)
        assert sorted(series(r["id"], "gdp_growth")) == list(range(2016, 2025)), r["id"]
        first = 2013 if r["id"] == "CN-GD" else 2016
        assert sorted(series(r["id"], "income_all")) == list(range(first, 2025)), r["id"]
        for m in ("gdp_per_capita", "va_primary", "va_secondary", "va_tertiary", "tertiary_share"):
            assert sorted(series(r["id"], m)) == list(range(2019, 2025)), (r["id"], m)
    for r in ("CN-HK", "CN-MO", "CN-TW"):
        assert "values" not in REGIONS[r], r


@test
def derived_values_recomputed():
    n = 0
    for r, m, y, v in all_values():
        if not (isinstance(v, dict) and v.get("status") == "derived"):
            continue
        rid = r["id"]
        got = v["value"]
        if m == "urban_population" and r["kind"] == "province":
            want = series(rid, "urbanization")[y] * series(rid, "population")[y] / 100
            tol = 0.05
        elif m in ("secondary_share", "tertiary_share"):
            va = "va_secondary" if m == "secondary_share" else "va_tertiary"
            want = 100 * series(rid, va)[y] / series(rid, "gdp")[y]
            tol = 0.005
        elif r.get("x-derive") and m in ("population", "urban_population", "gdp",
                                         "va_primary", "va_secondary", "va_tertiary"):
            members = ([p for p in MAINLAND if p.get("parent") == rid] if r["x-derive"] == "children"
                       else [REGIONS[i] for i in r["members"]])
            want = sum(series(p["id"], m)[y] for p in members)
            tol = 0.05
        elif m == "urbanization" and (r.get("x-derive") or v.get("source") == "nbs-population-national"):
            want = 100 * series(rid, "urban_population")[y] / series(rid, "population")[y]
            tol = 0.005
        elif m == "rural_population":
            want = series(rid, "population")[y] - series(rid, "urban_population")[y]
            tol = 0
        elif m == "urban_rural_income_ratio" and y in series(rid, "rural_income") and y in series(rid, "urban_income"):
            want = series(rid, "urban_income")[y] / series(rid, "rural_income")[y]
            tol = 0.005
        else:
            # Curated derivations: the note gives the rule in words.
            assert v.get("note"), (rid, m, y)
            continue
        assert abs(got - want) <= tol + 1e-9, (rid, m, y, got, want)
        assert v.get("note"), (rid, m, y)
        n += 1
    assert n > 1000, n
    # The macro-regions are the four of the statistics bureau and cover the mainland.
    children = [p["parent"] for p in MAINLAND]
    assert sorted(set(children)) == ["central", "east", "northeast", "west"]
    assert [children.count(k) for k in ("east", "central", "west", "northeast")] == [10, 6, 12, 3]


@test
def derived_urban_population_matches_published_2024():
    # The 2024 database export gives urban population: the derived figures
    # agree to within rounding of the published rate (0.05 points).
    check = {}
    with open(os.path.join(SOURCES, "province-urban-population-2024.csv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("CN-"):
                rid, v = line.strip().split(",")
                check[rid] = float(v)
    assert len(check) == 31
    for rid, published in check.items():
        pop = series(rid, "population")[2024]
        assert abs(series(rid, "urban_population")[2024] - published) / pop < 0.0006, rid


@test
def value_added_adds_up_to_gdp():
    # The three industries' value added make GDP, to the rounding of the
    # published figures (0.1 each), for every province and the nation.
    n = 0
    for r in MAINLAND + [REGIONS["CN"]]:
        gdp = series(r["id"], "gdp")
        parts = [series(r["id"], m) for m in ("va_primary", "va_secondary", "va_tertiary")]
        for y in set(parts[0]) & set(parts[1]) & set(parts[2]) & set(gdp):
            assert abs(sum(p[y] for p in parts) - gdp[y]) <= 0.25, (r["id"], y)
            n += 1
    assert n >= 31 * 6 + 10, n


@test
def spot_checks():
    # Against official statements (communiqués, releases); docs/data.md.
    checks = [
        ("CN-GD", "population", 2022, 12657), ("CN-SD", "population", 2022, 10163),
        ("CN-HA", "population", 2023, 9815), ("CN-HB", "population", 2023, 5838),
        ("CN-GD", "population", 2021, 12684),
        ("CN-GD", "urbanization", 2022, 74.79), ("CN-SD", "urbanization", 2022, 64.54),
        ("CN-HB", "urbanization", 2023, 65.47), ("CN-SH", "urbanization", 2022, 89.33),
        ("CN-GD", "gdp_growth", 2024, 3.5), ("CN-HA", "gdp_growth", 2024, 5.1),
        ("CN-SH", "income_all", 2024, 88366), ("CN-BJ", "income_all", 2024, 85415),
        ("CN-ZJ", "income_all", 2024, 67013), ("CN-JS", "income_all", 2023, 52674),
        ("CN-BJ", "gdp", 2023, 47353.7), ("CN-GD", "gdp", 2024, 141488.9),
        ("CN", "gdp", 2024, 1349083.5), ("CN", "gdp", 2023, 1294271.7),
        ("CN", "population", 2022, 141175), ("CN", "urban_population", 2022, 92071),
        ("CN", "urban_income", 1978, 343.4), ("CN", "rural_income", 2012, 7916.6),
        ("CN", "urbanization", 2024, 67.0), ("CN", "population", 2024, 140828),
        ("CN", "income_all", 2018, 28228), ("CN", "urban_income", 2019, 42359),
        # Urban income by province, 2005-2012 (Shandong yearbook 2013): its
        # Shandong row equals that yearbook's own table 10-6; the first and
        # last rows keep their places (Beijing, Xinjiang).
        ("CN-SD", "urban_income", 2012, 25755), ("CN-BJ", "urban_income", 2005, 17653),
        ("CN-XJ", "urban_income", 2012, 17921), ("CN-GD", "urban_income", 2023, 59306.6),
        ("CN-GD", "income_all", 2013, 23420.7),
        # Derived ratios against the ones the releases give (2.73 for 2015,
        # 2.69 for 2018, 2.72 for 2016).
        ("CN", "urban_rural_income_ratio", 2015, 2.73), ("CN", "urban_rural_income_ratio", 2018, 2.69),
        ("CN", "urban_rural_income_ratio", 2016, 2.72),
    ]
    for rid, m, y, want in checks:
        assert series(rid, m).get(y) == want, (rid, m, y, series(rid, m).get(y), want)
    # Liaoning, Hainan and Guizhou have 2024 GDP (the revised database's).
    for rid in ("CN-LN", "CN-HI", "CN-GZ"):
        assert 2024 in series(rid, "gdp"), rid
    # The Yangtze River Economic Belt is 11 provinces; 2023 is about 45 % of GDP.
    assert len(REGIONS["yreb"]["members"]) == 11
    share = series("yreb", "gdp")[2023] / series("CN", "gdp")[2023]
    assert 0.44 < share < 0.48, share


@test
def seed_headlines_present():
    # (region, metric, year, value, qualifier, date or None)
    figures = [
        ("CN", "urbanization", 2024, 67.0, None, None),
        ("CN", "sanitary_toilets", 2025, 77, "about", None),
        ("CN", "waste_collection_admin", 2024, 90, "over", "2024-11-07"),
        ("CN", "village_5g", 2024, 90, "over", None),
        ("CN", "grain_yield_gain", 2025, 4.4, None, None),
        ("CN", "poverty_counties_income_growth", 2025, 7.8, None, None),
        ("CN", "poverty_counties_income_growth_gap", 2025, 0.9, None, None),
        ("CN", "cluster_population_share", 2025, 75, None, None),
        ("CN", "cluster_gdp_share", 2025, 85, None, None),
        ("CN", "counties_gdp_100bn", 2024, 62, None, None),
        ("CN", "transport_skeleton_served", 2024, 90, None, "2024-05-23"),
        ("CN", "transport_skeleton_built", 2024, 90, None, "2024-05-23"),
        ("CN", "population", 2025, 140489, None, None),
        ("CN", "urban_population", 2025, 95380, None, None),
        ("CN", "rural_population", 2025, 45109, None, None),
    ]
    for rid, m, y, want, qualifier, date in figures:
        v = value(rid, m, y)
        assert plain(v) == want, (m, y, plain(v))
        if qualifier:
            assert v.get("qualifier") == qualifier, (m, y, v)
        if date:
            assert v.get("date") == date, (m, y, v)
    # Over 1.4 billion, over 900 million urban, nearly 500 million rural.
    assert series("CN", "population")[2025] > 140000
    assert series("CN", "urban_population")[2025] > 90000
    assert 40000 < series("CN", "rural_population")[2025] < 50000
    # About 76 % on 2025-09-16, beside the year's 77 %.
    assert "76%" in value("CN", "sanitary_toilets", 2025)["note"]
    assert "2025-09-16" in value("CN", "sanitary_toilets", 2025)["note"]
    # Natural villages and administrative villages are separate metrics.
    assert "natural" in METRICS["waste_collection"]["unit"]
    assert "administrative" in METRICS["waste_collection_admin"]["unit"]
    headline_metrics = {h["metric"] for h in DATA["headlines"]}
    assert {"waste_collection_admin", "grain_yield_gain", "poverty_counties_income_growth"} <= headline_metrics


@test
def names_follow_terminology():
    assert METRICS["gdp"]["name_zh"] != "地区生产总值"
    assert not METRICS["income_all"]["name_zh"].startswith("全国")
    assert REGIONS["CN"]["name_zh"] == "全国"
    gba = [c for c in DATA["transport_circles"] if c["id"] == "gba-2h"][0]
    assert gba.get("cluster") != "cc-prd"


@test
def map_has_34_tiles():
    tiles = [(r["tile"]["col"], r["tile"]["row"]) for r in PROVINCES]
    assert len(PROVINCES) == 34 and len(set(tiles)) == 34, tiles
    for rid in ("CN-HK", "CN-MO", "CN-TW"):
        assert REGIONS[rid]["seat"] and REGIONS[rid]["parent"] == "CN"


if __name__ == "__main__":
    sys.exit(main())
