#!/usr/bin/env python3
"""test-import-cli.py — importing statistics tables on the command line.

--import with --output, --into and the metric options, and tables given to
--check, --list-metrics, --list-regions and --export, run as a user would,
with no display. The tables are written here. Prints TAP.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from taplib import main, test

BINARY = sys.argv[1]

SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__))

ENV = dict(os.environ)
for var in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY"):
    ENV.pop(var, None)
ENV["LANGUAGE"] = "en"

NBS = ("数据库：分省年度数据\r\n"
       "指标：地区生产总值(亿元)\r\n"
       "时间：最近3年\r\n"
       "地区,2024年,2023年,2022年\r\n"
       "北京市,\"49,843.1\",43760.7,41610.9\r\n"
       "天津市,18024.3,16737.3,—\r\n"
       "广东省,141633.8,135673.2,129118.6\r\n"
       "\r\n"
       "注：2024年为初步核算数。\r\n"
       "数据来源：国家统计局\r\n")

def run(*args):
    return subprocess.run([BINARY, *args], env=ENV, capture_output=True, text=True, timeout=60)


def write(tmp, name, text, encoding="utf-8"):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(text.encode(encoding))
    return path


@test
def import_gb18030_export():
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "gdp.csv", NBS, "gb18030")
        out = os.path.join(tmp, "gdp.json")
        r = run("--import=" + table, "--output=" + out)
        assert r.returncode == 0, r.stderr
        assert "gdp.csv was read as GB18030" in r.stderr, r.stderr
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        assert doc["schema"] == "region-explorer/1"
        assert [m["id"] for m in doc["metrics"]] == ["gdp"], doc["metrics"]
        assert doc["metrics"][0]["unit"] == "亿元"
        assert doc["sources"][0]["publisher"] == "国家统计局"
        gd = next(reg for reg in doc["regions"] if reg["id"] == "CN-GD")
        assert gd["values"]["gdp"] == {"2022": 129118.6, "2023": 135673.2, "2024": 141633.8}, gd
        assert gd["tile"] and gd["seat"]["name"] == "Guangzhou"
        bj = next(reg for reg in doc["regions"] if reg["id"] == "CN-BJ")
        assert bj["values"]["gdp"]["2024"] == 49843.1
        r = run("--check", out)
        assert r.returncode == 0 and "valid" in r.stdout, r.stderr


@test
def import_needs_output_and_one_table():
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "gdp.csv", NBS)
        r = run("--import=" + table)
        assert r.returncode == 2 and "--output" in r.stderr, r
        r = run("--import=" + table, "--output=" + os.path.join(tmp, "x.json"), table)
        assert r.returncode == 2, r


@test
def check_reports_unknown_regions_with_place():
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "typo.csv", "地区,2024年\n广东省,1\n广冬省,2\n")
        r = run("--check", table)
        assert r.returncode == 1, r
        assert 'typo.csv:3:1: unknown region "广冬省"; did you mean 广东省 (CN-GD)' in r.stderr, r.stderr
        out = os.path.join(tmp, "typo.json")
        r = run("--import=" + table, "--output=" + out)
        assert r.returncode == 1 and not os.path.exists(out), r
        # --skip-unknown leaves the row out, each named in a warning.
        table = write(tmp, "corps.csv", "地区,2024年\n新疆维吾尔自治区,1\n新疆生产建设兵团,2\n")
        r = run("--import=" + table, "--skip-unknown", "--output=" + out)
        assert r.returncode == 0, r.stderr
        assert 'corps.csv:3:1: warning: unknown region "新疆生产建设兵团"' in r.stderr, r.stderr
        assert "its row is left out" in r.stderr, r.stderr
        r = run("--list-regions", out)
        assert "CN-XJ" in r.stdout, r.stdout


@test
def import_refuses_a_folder_as_a_table():
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "tables.csv")
        os.mkdir(folder)
        out = os.path.join(tmp, "out.json")
        r = run("--import=" + folder, "--output=" + out)
        assert r.returncode == 1 and not os.path.exists(out), r
        assert "this is a directory; choose a table (.csv, .tsv, .xlsx, .xls or .ods)" in r.stderr, r.stderr


@test
def check_table_valid_and_warnings():
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "urban.tsv", "指标：城镇化率(%)\n地区\t2024\n上海\t0.893\n北京\t0.878\n")
        r = run("--check", table)
        assert r.returncode == 0, r.stderr
        # The table's two regions, not the groups its dataset adds; one metric.
        assert "urban.tsv: valid (UTF-8, regions-in-rows; 2 regions, 1 metric, 1 source)" in r.stdout, r.stdout
        assert "warning: the values of" in r.stderr and "look like fractions" in r.stderr, r.stderr
        out = os.path.join(tmp, "urban.json")
        r = run("--import=" + table, "--output=" + out, "--scale-fractions")
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        sh = next(reg for reg in doc["regions"] if reg["id"] == "CN-SH")
        assert sh["values"][doc["metrics"][0]["id"]] == {"2024": 89.3}, sh
        assert doc["metrics"][0]["percent"] is True


@test
def list_metrics_id_from_header_or_file_name():
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "gdp-export.csv", NBS)
        r = run("--list-metrics", table)
        assert r.returncode == 0 and r.stdout.startswith("gdp\t"), r
        plain = write(tmp, "Rural roads.csv", "province,2024,2023\nGuangdong,1,2\nJiangsu,3,4\n")
        r = run("--list-metrics", plain)
        assert r.returncode == 0 and r.stdout.startswith("rural_roads\t"), r
        r = run("--list-regions", plain)
        ids = [line.split("\t")[0] for line in r.stdout.splitlines()]
        assert "CN-GD" in ids and "CN-JS" in ids and "east" in ids, ids


@test
def metric_options_and_encoding():
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "t.csv", "地区,2024\n广东,1\n", "gb18030")
        out = os.path.join(tmp, "t.json")
        r = run("--import=" + table, "--output=" + out, "--metric-id=roads",
                "--metric-name=Rural roads", "--unit=km", "--encoding=GB18030")
        assert r.returncode == 0, r.stderr
        assert "t.csv was read as GB18030\n" in r.stderr, r.stderr
        with open(out, encoding="utf-8") as f:
            metric = json.load(f)["metrics"][0]
        assert (metric["id"], metric["name"], metric["unit"]) == ("roads", "Rural roads", "km"), metric
        r = run("--import=" + table, "--output=" + out, "--encoding=UTF-8")
        assert r.returncode == 1 and "t.csv:1:1: byte 0x" in r.stderr, r.stderr


@test
def import_into_base_reports_conflicts():
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "base.json")
        table = write(tmp, "gdp.csv", NBS)
        r = run("--import=" + table, "--output=" + base)
        assert r.returncode == 0, r.stderr
        changed = write(tmp, "more.csv", "指标：地区生产总值(亿元)\n地区,2024年,2021年\n北京,1,2\n江苏,3,4\n")
        out = os.path.join(tmp, "merged.json")
        r = run("--import=" + changed, "--into=" + base, "--output=" + out)
        assert r.returncode == 0, r.stderr
        assert "conflict: CN-BJ gdp 2024: 49843.1 (table-gdp) in the base, 1 (table-more) in the addition" in r.stderr, r.stderr
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        regions = {reg["id"]: reg for reg in doc["regions"]}
        bj = regions["CN-BJ"]["values"]["gdp"]
        assert bj["2024"] == 49843.1, bj
        assert bj["2021"] == {"value": 2, "source": "table-more"}, bj
        assert "CN-JS" in regions


@test
def comment_lines_and_years_in_metric_headers():
    """A table as R and pandas write and read them: notes on '#' lines
    above the header (one holding commas), a metric and its year in each
    header. It imports, and merges into the bundled data once its unit is
    given."""
    with tempfile.TemporaryDirectory() as tmp:
        gdp = write(tmp, "gdp.csv",
                    "# GDP 2024 by province, unit 100 million yuan (亿元), real growth % where given.\n"
                    "# Source: provincial statistics bureaus' 2024 releases\n"
                    "region,gdp_2024,growth_pct\n"
                    "Beijing,49843.1,\n"
                    "Guangdong,141633.81,3.5\n"
                    "InnerMongolia,26314.6,5.8\n")
        r = run("--check", gdp)
        assert r.returncode == 0 and "valid" in r.stdout, r.stderr
        assert "unknown region" not in r.stderr, r.stderr
        r = run("--list-metrics", gdp)
        assert [line.split("\t")[0] for line in r.stdout.splitlines()] == ["gdp", "growth"], r.stdout
        out = os.path.join(tmp, "gdp.json")
        r = run("--import=" + gdp, "--output=" + out)
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        assert doc["sources"][0]["publisher"] == "provincial statistics bureaus' 2024 releases", doc["sources"]
        regions = {reg["id"]: reg for reg in doc["regions"]}
        assert regions["CN-NM"]["values"] == {"gdp": {"2024": 26314.6}, "growth": {"undated": 5.8}}, regions["CN-NM"]
        bundled = os.path.join(SRCDIR, "..", "data", "datasets", "china-regional-development.json")
        merged = os.path.join(tmp, "merged-gdp.json")
        r = run("--import=" + gdp, "--into=" + bundled, "--output=" + merged)
        assert r.returncode == 1 and "gdp.csv gives no unit" in r.stderr, r
        # The unit of one of the table's two metrics, by its name in the table.
        r = run("--import=" + gdp, "--unit=gdp=100 million yuan", "--metric-id=growth=gdp_growth",
                "--into=" + bundled, "--output=" + merged)
        assert r.returncode == 0, r.stderr
        with open(merged, encoding="utf-8") as f:
            doc = json.load(f)
        metrics = {m["id"]: m for m in doc["metrics"]}
        assert metrics["gdp_growth"]["unit"] == "%", metrics["gdp_growth"]
        regions = {reg["id"]: reg for reg in doc["regions"]}
        growth = regions["CN-NM"]["values"]["gdp_growth"]
        assert growth["undated"] == {"value": 5.8, "source": "table-gdp"}, growth
        # The bundled data's own growth rates stay, and so does its GDP
        # where the table differs (reported as a conflict).
        assert "2016" in growth, growth
        assert "conflict: CN-NM gdp 2024: " in r.stderr and "26314.6 (table-gdp) in the addition" in r.stderr, r.stderr
        r = run("--check", gdp, "--unit=gpd=100 million yuan")
        assert "the table has no metric named “gpd”" in r.stderr, r.stderr

        population = write(tmp, "population.csv",
                           "# Year-end resident population by province, unit 10,000 persons (万人). Source: NBS\n"
                           "region,2024,2023\n"
                           "Beijing,2183,2186\n"
                           "Tianjin,1364,1364\n")
        bundled = os.path.join(SRCDIR, "..", "data", "datasets", "china-regional-development.json")
        merged = os.path.join(tmp, "merged.json")
        r = run("--import=" + population, "--metric-id=population", "--into=" + bundled, "--output=" + merged)
        assert r.returncode == 1, r
        assert "population.csv gives no unit; give its unit (10,000 persons, if its values are in it)" in r.stderr, r.stderr
        assert not os.path.exists(merged)
        r = run("--import=" + population, "--metric-id=population", "--unit=10,000 persons",
                "--into=" + bundled, "--output=" + merged)
        assert r.returncode == 0, r.stderr
        assert "conflict" not in r.stderr, r.stderr
        with open(merged, encoding="utf-8") as f:
            doc = json.load(f)
        regions = {reg["id"]: reg for reg in doc["regions"]}
        assert regions["CN-TJ"]["values"]["population"]["2024"] == 1364, regions["CN-TJ"]["values"]["population"]


@test
def excel_workbooks():
    """Workbooks as LibreOffice and openpyxl write them (tests/data,
    make-workbooks.sh): the sheet read is said, a problem's place is its
    row and column, another sheet is read on request, and a workbook is
    charted like any table."""
    data = os.path.join(SRCDIR, "data")
    r = run("--check", os.path.join(data, "typo.xlsx"))
    assert r.returncode == 1, r
    assert "note: typo.xlsx: read its sheet “表1” (1 of 1; give --sheet=NAME for another)" in r.stderr, r.stderr
    assert 'typo.xlsx:6:3: unknown region "广冬省"; did you mean 广东省 (CN-GD)' in r.stdout + r.stderr, r
    r = run("--list-metrics", os.path.join(data, "nbs-population.xlsx"))
    assert r.returncode == 0 and r.stdout.startswith("population\t"), r
    with tempfile.TemporaryDirectory() as tmp:
        bundled = os.path.join(SRCDIR, "..", "data", "datasets", "china-regional-development.json")
        merged = os.path.join(tmp, "merged.json")
        r = run("--import=" + os.path.join(data, "gdp-growth.xlsx"), "--sheet=人口", "--metric-id=population",
                "--unit=10,000 persons", "--into=" + bundled, "--output=" + merged)
        assert r.returncode == 0, r.stderr
        assert "read its sheet “人口” (3 of 4" in r.stderr, r.stderr
        r = run("--check", "--sheet=Summary", os.path.join(data, "gdp-growth.xlsx"))
        assert r.returncode == 1 and "its sheets are “说明”, “GDP”, “人口”, “Empty”" in r.stdout + r.stderr, r
        out = os.path.join(tmp, "gdp.png")
        r = run("--export=" + out, "--chart=map", "--metric=gdp", os.path.join(data, "gdp-growth.xlsx"))
        assert r.returncode == 0, r.stderr
        with open(out, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"


@test
def excel_97_workbooks():
    """Excel 97–2003 workbooks (.xls), as the yearbooks' tables come: the
    same metrics as the .xlsx of the same table, charted like any table;
    a damaged one is an error that names the part."""
    data = os.path.join(SRCDIR, "data")
    r = run("--list-metrics", os.path.join(data, "yearbook-two-rows.xls"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["population\tPopulation\t万人", "gdp\tGDP\t亿元"], r.stdout
    r = run("--check", os.path.join(data, "yearbook-two-rows.xls"))
    assert r.returncode == 0 and "read its sheet “2-1” (1 of 1" in r.stderr, r
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "population.csv")
        r = run("--export=" + out, "--chart=bars", "--metric=population", "--year=2024",
                os.path.join(data, "nbs-population.xls"))
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            rows = [line for line in f.read().splitlines() if line.startswith("CN-GD,")]
        assert len(rows) == 1 and ",2024,12780," in rows[0], rows
        with open(os.path.join(data, "nbs-population.xls"), "rb") as f:
            damaged = bytearray(f.read())
        damaged[0x30:0x34] = b"\xf0\xff\xff\xff"
        path = os.path.join(tmp, "damaged.xls")
        with open(path, "wb") as f:
            f.write(damaged)
        r = run("--check", path)
        assert r.returncode == 1, r
        assert "damaged.xls: the workbook is damaged (the compound file: a chain of sectors does not fit the file)" \
            in r.stdout + r.stderr, r


@test
def ods_repeats():
    """An .ods whose cells and rows are repeated without end, as a hostile
    file may write them (LibreOffice writes a sheet's empty tail so): read
    in bounded time, the table before them intact, the row of a repeated
    value reported at its place."""
    import zipfile
    cell = '<table:table-cell office:value-type="{}" office:value="{}"><text:p>{}</text:p></table:table-cell>'
    blank = ('<table:table-row table:number-rows-repeated="{}"><table:table-cell '
             'table:number-columns-repeated="16384"/></table:table-row>')
    rows = [
        "<table:table-row>" + cell.format("string", "", "地区") + cell.format("string", "", "2024年") + "</table:table-row>",
        "<table:table-row>" + cell.format("string", "", "北京市") + cell.format("float", "49843.1", "49843.1")
        + '<table:table-cell table:number-columns-repeated="4000000000"/>' * 1000 + "</table:table-row>",
        blank.format(1000),
        "<table:table-row>" + cell.format("string", "", "天津市")
        + '<table:table-cell table:number-columns-repeated="3000000000" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row>",
        blank.format(1048000),
    ]
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="Sheet1">' + "".join(rows)
               + "</table:table></office:spreadsheet></office:body></office:document-content>")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "repeats.ods")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", content)
        start = time.monotonic()
        r = run("--check", path)
        assert time.monotonic() - start < 20, "took %.1f s" % (time.monotonic() - start)
        assert r.returncode == 1, r
        # Beijing's row is whole; the row of a value repeated 3,000,000,000
        # times (1,000 written) is wider than the header, after 1,000 empty rows.
        out = r.stdout + r.stderr
        assert "repeats.ods:1003:3: the row has 1001 cells, the header 2" in out, out[:2000]
        assert "repeats.ods:2:" not in out, out[:2000]


@test
def export_chart_of_a_table():
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "gdp.csv", NBS)
        for chart in ("bars", "map"):
            out = os.path.join(tmp, chart + ".png")
            r = run("--export=" + out, "--chart=" + chart, "--metric=gdp", table)
            assert r.returncode == 0, r.stderr
            with open(out, "rb") as f:
                assert f.read(8) == b"\x89PNG\r\n\x1a\n"


@test
def prefectures_by_name():
    """A yearbook's table of cities, its province in a column: prefectures
    with their codes and province; a district two provinces have is an
    error at its place that names both."""
    with tempfile.TemporaryDirectory() as tmp:
        table = write(tmp, "cities.csv",
                      "数据来源：广东省统计局\r\n省份,城市,2024年\r\n广东省,深圳市,\"36,801.9\"\r\n"
                      "广东省,广州市,31032.5\r\n广东省,全省,141633.8\r\n", "gb18030")
        out = os.path.join(tmp, "cities.json")
        r = run("--import=" + table, "--output=" + out)
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            regions = {region["id"]: region for region in json.load(f)["regions"]}
        shenzhen = regions["440300"]
        assert shenzhen["kind"] == "prefecture" and shenzhen["parent"] == "CN-GD", shenzhen
        assert shenzhen["name_zh"] == "深圳市", shenzhen
        assert shenzhen["values"]["cities"]["2024"] in (36801.9, {"value": 36801.9}), shenzhen
        assert regions["440100"]["name_zh"] == "广州市", regions["440100"]
        r = run("--list-regions", out)
        assert r.returncode == 0 and "440300" in r.stdout, r.stdout + r.stderr

        unclear = write(tmp, "districts.csv", "地区,2024年\n朝阳区,8000\n")
        r = run("--check", unclear)
        assert r.returncode == 1, r.stderr
        assert ('districts.csv:2:1: region "朝阳区" is ambiguous: it names 北京市朝阳区 (110105); '
                '吉林省长春市朝阳区 (220104)') in r.stderr, r.stderr


if __name__ == "__main__":
    sys.exit(main())
