#!/bin/sh
# Makes the Excel workbooks the import tests read (tests/data/*.xlsx), as
# the programs people use write them: LibreOffice Calc saving a table typed
# or opened as CSV, and openpyxl (the library pandas writes .xlsx with).
# Needs libreoffice-calc-nogui and python3-openpyxl; the tests need neither.
# The figures are the year-end resident population by province (万人) and
# provinces' 2024 GDP (亿元) and real growth (%), from ../shared/facts
# (their sources are in SOURCES.md and DATA-SOURCES.md).
set -eu
cd "$(dirname "$0")"
facts=${FACTS:-../../../shared/facts}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. LibreOffice: the statistics database's layout, Chinese names, numbers
#    as numbers, "2024年" headers as text, the notes below.
{
  printf '数据库：分省年度数据\n指标：年末常住人口(万人)\n时间：最近5年\n'
  printf '地区,2024年,2023年,2022年,2021年,2020年\n'
  python3 - "$facts/province-population-10k.csv" <<'PY'
import csv, sys
zh = {"Beijing": "北京市", "Tianjin": "天津市", "Hebei": "河北省", "Shanxi": "山西省",
      "InnerMongolia": "内蒙古自治区", "Liaoning": "辽宁省", "Jilin": "吉林省",
      "Heilongjiang": "黑龙江省", "Shanghai": "上海市", "Jiangsu": "江苏省", "Zhejiang": "浙江省",
      "Anhui": "安徽省", "Fujian": "福建省", "Jiangxi": "江西省", "Shandong": "山东省",
      "Henan": "河南省", "Hubei": "湖北省", "Hunan": "湖南省", "Guangdong": "广东省",
      "Guangxi": "广西壮族自治区", "Hainan": "海南省", "Chongqing": "重庆市", "Sichuan": "四川省",
      "Guizhou": "贵州省", "Yunnan": "云南省", "Tibet": "西藏自治区", "Shaanxi": "陕西省",
      "Gansu": "甘肃省", "Qinghai": "青海省", "Ningxia": "宁夏回族自治区", "Xinjiang": "新疆维吾尔自治区"}
rows = [r for r in csv.reader(line for line in open(sys.argv[1], encoding="utf-8") if not line.startswith("#"))]
for r in rows[1:]:
    print(",".join([zh[r[0]]] + r[1:]))
PY
  printf '\n注：31个省份合计，不含现役军人。\n数据来源：国家统计局\n'
} > "$tmp/nbs-population.csv"
soffice --headless --calc --convert-to xlsx:"Calc MS Excel 2007 XML" --infilter=CSV:44,34,76 \
  --outdir "$tmp" "$tmp/nbs-population.csv" >/dev/null
cp "$tmp/nbs-population.xlsx" nbs-population.xlsx

# 2. openpyxl: a first sheet of notes; GDP and real growth in 2024, the
#    growth in a percent format (5.4% held as 0.054), a footnote mark, a
#    formula left uncomputed; the population with its years typed as dates
#    shown as "yyyy"; an empty sheet last.
python3 - "$facts/province-gdp-2024-100m-yuan.csv" "$facts/province-population-10k.csv" gdp-growth.xlsx <<'PY'
import csv, datetime, sys
import openpyxl

def read(path):
    return [r for r in csv.reader(line for line in open(path, encoding="utf-8") if not line.startswith("#"))]

gdp_rows, population_rows = read(sys.argv[1]), read(sys.argv[2])
wb = openpyxl.Workbook()
notes = wb.active
notes.title = "说明"
notes["A1"] = "2024年各省地区生产总值（亿元）与实际增速"
notes["A2"] = "数据来源：各省统计局2024年统计公报"
gdp = wb.create_sheet("GDP")
gdp.append(["Region", "GDP 2024 (100 million yuan)", "Real growth 2024 (%)"])
for r in gdp_rows[1:]:
    gdp.append([r[0], float(r[1]) if r[1] else None, float(r[2]) / 100 if r[2] else None])
    gdp.cell(gdp.max_row, 3).number_format = "0.0%"
gdp.cell(2, 1).value = gdp.cell(2, 1).value + "①"
gdp.append(["Total", "=SUM(B2:B32)"])
population = wb.create_sheet("人口")
population.append(["地区"] + [datetime.date(int(y), 12, 31) for y in population_rows[0][1:]])
for c in range(2, len(population_rows[0]) + 1):
    population.cell(1, c).number_format = "yyyy"
for r in population_rows[1:]:
    population.append([r[0]] + [int(v) for v in r[1:]])
wb.create_sheet("Empty")
wb.save(sys.argv[3])
PY

# 3. openpyxl: a table that starts at C3, as sheets laid out for reading
#    do, with a slip in a name (广冬省 for 广东省) at C6.
python3 - typo.xlsx <<'PY'
import sys
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "表1"
ws["C1"] = "2024年地区生产总值"
ws["C3"], ws["D3"] = "地区", "2024年"
ws["C4"], ws["D4"] = "北京市", 49843.1
ws["C5"], ws["D5"] = "天津市", 18024.32
ws["C6"], ws["D6"] = "广冬省", 141633.81
wb.save(sys.argv[1])
PY

# 4. openpyxl: a yearbook sheet with a header of two rows, each metric's
#    name in cells merged over its years: the population at the end of
#    2023 and 2024, and GDP in 2024, the title above and the source below.
python3 - "$facts/province-gdp-2024-100m-yuan.csv" "$facts/province-population-10k.csv" yearbook-two-rows.xlsx <<'PY'
import csv, sys
import openpyxl

def read(path):
    return {r[0]: r for r in csv.reader(line for line in open(path, encoding="utf-8") if not line.startswith("#"))}

gdp, population = read(sys.argv[1]), read(sys.argv[2])
years = population["region"][1:]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "2-1"
ws["A1"] = "各地区年末常住人口和地区生产总值"
ws.append([])
ws.append(["地区", "年末常住人口(万人)", None, "地区生产总值(亿元)"])
ws.append([None, "2023年", "2024年", "2024年"])
ws.merge_cells("A3:A4")
ws.merge_cells("B3:C3")
for name, row in population.items():
    if name == "region":
        continue
    ws.append([name, int(row[1 + years.index("2023")]), int(row[1 + years.index("2024")]),
               float(gdp[name][1]) if name in gdp and gdp[name][1] else None])
ws.append([])
ws.append(["数据来源：国家统计局"])
wb.save(sys.argv[3])
PY

# 5. LibreOffice, as Excel 97–2003 workbooks (.xls): the statistics
#    database's layout of 1., the workbook of 2. (LibreOffice computes its
#    formula), the yearbook sheet of 4. (merged cells), a
#    table so small that its stream lies in the compound file's mini
#    stream, and 1,200 division codes and names, whose strings run on over
#    several CONTINUE records.
soffice --headless --convert-to xls:"MS Excel 97" --infilter=CSV:44,34,76 \
  --outdir "$tmp" "$tmp/nbs-population.csv" >/dev/null
cp "$tmp/nbs-population.xls" nbs-population.xls
soffice --headless --convert-to xls:"MS Excel 97" --outdir "$tmp" yearbook-two-rows.xlsx gdp-growth.xlsx >/dev/null
cp "$tmp/yearbook-two-rows.xls" "$tmp/gdp-growth.xls" .
printf '地区,2024年\n北京市,49843.1\n' > "$tmp/tiny.csv"
{
  echo "区划代码,名称"
  grep -v '^#' ../../data/regions/divisions.csv | tail -n +2 | head -n 1200 | cut -d, -f1,2
} > "$tmp/divisions-list.csv"
soffice --headless --convert-to xls:"MS Excel 97" --infilter=CSV:44,34,76 \
  --outdir "$tmp" "$tmp/tiny.csv" "$tmp/divisions-list.csv" >/dev/null
cp "$tmp/tiny.xls" "$tmp/divisions-list.xls" .

# 6. LibreOffice's own format, OpenDocument (.ods): the workbook of 2. and
#    the yearbook sheet of 4. (merged cells are covered cells in it).
soffice --headless --convert-to ods --outdir "$tmp" gdp-growth.xlsx yearbook-two-rows.xlsx >/dev/null
cp "$tmp/gdp-growth.ods" "$tmp/yearbook-two-rows.ods" .
