#!/usr/bin/env python3
# gen-table.py — writes a synthetic county-scale statistics table for the
# import benchmark: the statistics database's export layout (header lines,
# "代码,名称,指标,2024年,…", footer lines), regions in rows and years in
# columns, encoded in GB18030.
#
# The figures are random numbers from a fixed seed; the table says it is
# synthetic. It is written outside the source tree and never committed.
#
#   bench/gen-table.py                                # 2,900 × 20 years × 10 metrics
#   bench/gen-table.py --regions 50 --out /tmp/x

import argparse
import os
import random

# The 31 mainland provinces' two-digit division codes.
PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
             46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65]
METRICS = ["地区生产总值(亿元)", "第一产业增加值(亿元)", "第二产业增加值(亿元)",
           "第三产业增加值(亿元)", "一般公共预算收入(万元)", "一般公共预算支出(万元)",
           "年末户籍人口(万人)", "粮食产量(吨)", "社会消费品零售总额(万元)",
           "城乡居民储蓄存款余额(万元)", "公路里程(公里)", "医院床位数(张)"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--regions", type=int, default=2900)
    p.add_argument("--years", type=int, default=20)
    p.add_argument("--metrics", type=int, default=10)
    p.add_argument("--out", default="/tmp/rex-bench")
    a = p.parse_args()
    rng = random.Random(14)
    years = list(range(2024, 2024 - a.years, -1))
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "counties-%d.csv" % a.regions)
    lines = ["数据库：县级统计数据（合成数据，仅用于基准测试）",
             "时间：%d-%d" % (years[-1], years[0]),
             "代码,名称,指标," + ",".join("%d年" % y for y in years)]
    for i in range(a.regions):
        province = PROVINCES[i % len(PROVINCES)]
        n = i // len(PROVINCES)
        code = "%02d%02d%02d" % (province, n // 90 + 1, n % 90 + 10)
        name = "合成县%d" % (i + 1)
        for m in range(a.metrics):
            base = rng.uniform(10, 5000)
            cells = []
            for _ in years:
                if rng.random() < 0.02:
                    cells.append("")
                else:
                    value = base * rng.uniform(0.9, 1.1)
                    cells.append('"{:,.1f}"'.format(value) if value >= 1000 else "%.2f" % value)
            lines.append("%s,%s,%s,%s" % (code, name, METRICS[m % len(METRICS)], ",".join(cells)))
    lines.append("注：合成数据。")
    lines.append("数据来源：基准测试生成器")
    with open(path, "w", encoding="gb18030", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
    print(path)


if __name__ == "__main__":
    main()
