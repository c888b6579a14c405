#!/usr/bin/env python3
# build-dataset.py — compiles the bundled dataset from its sources.
#
# Inputs, all in data/sources/:
#   curated.json   the hand-curated part: sources, metrics, regions and their
#                  single figures, transport circles, headlines;
#   *.csv          statistical tables, one metric from one source each: comment
#                  lines "# metric: ID" and "# source: ID" (and optionally
#                  "# transform: index-100"), then "region,YEAR,..." and one row
#                  per region id. Empty cells are absent figures.
# Output: data/datasets/china-regional-development.json, the same bytes for
# the same inputs (keys keep their order, years are sorted).
#
# The script also derives figures from published ones and marks them
# "status": "derived" with the rule in the value's note:
#   - urban population of provinces = urbanization rate x population;
#   - industry shares = value added / GDP;
#   - the nation's urbanization (2003-2022) = urban / total population, its
#     rural population where only total and urban are published, and its
#     urban-rural income ratio where no ratio is published;
#   - groups marked "x-derive" (the four macro-regions, from their provinces;
#     strategy areas made of whole provinces, from their members): sums of
#     population, urban population, GDP and value added, and from those sums
#     the urbanization rate and the industry shares (weighted means).
#
# A table figure never silently replaces a curated one: the same region,
# metric and year in both is an error.
#
# Usage: build-dataset.py [--check] [--output FILE] [--sources DIR]
#   --check   compare with the file in the tree; exit 1 if it differs.

import argparse
import csv
import json
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCES = os.path.join(TOP, 'data', 'sources')
DEFAULT_OUTPUT = os.path.join(TOP, 'data', 'datasets', 'china-regional-development.json')

SUMMED = ['population', 'urban_population', 'gdp', 'va_primary', 'va_secondary', 'va_tertiary']


class BuildError(Exception):
    pass


def number(text, where):
    try:
        if any(c in text for c in '.eE'):
            return float(text)
        return int(text)
    except ValueError:
        raise BuildError('%s: not a number: %r' % (where, text))


def read_table(path):
    meta = {}
    header = None
    rows = {}
    name = os.path.basename(path)
    with open(path, encoding='utf-8', newline='') as f:
        lines = [line for line in f]
    body = []
    for line in lines:
        if line.startswith('#'):
            key, sep, value = line[1:].strip().partition(':')
            if sep and key.strip() in ('metric', 'source', 'transform'):
                meta[key.strip()] = value.strip()
        elif line.strip():
            body.append(line)
    for n, row in enumerate(csv.reader(body)):
        if n == 0:
            if row[0] != 'region':
                raise BuildError('%s: the first row must start with "region"' % name)
            header = [int(y) for y in row[1:]]
            continue
        if len(row) != len(header) + 1:
            raise BuildError('%s: row %s has %d cells, expected %d'
                             % (name, row[0], len(row), len(header) + 1))
        if row[0] in rows:
            raise BuildError('%s: region %s twice' % (name, row[0]))
        rows[row[0]] = {year: number(cell, '%s: %s %d' % (name, row[0], year))
                        for year, cell in zip(header, row[1:]) if cell != ''}
    for key in ('metric', 'source'):
        if key not in meta:
            raise BuildError('%s: no "# %s:" line' % (name, key))
    return meta, rows


def plain(value):
    return value['value'] if isinstance(value, dict) else value


def put(region, metric, year, value, where):
    values = region.setdefault('values', {}).setdefault(metric, {})
    key = '%04d' % year
    if key in values:
        raise BuildError('%s: %s %s %s is already given in curated.json'
                         % (where, region['id'], metric, key))
    values[key] = value


def add_series(region, metric, source, series, where, make=None):
    """Adds @series ({year: number}) under @source; the region's sources map
    names the source unless the metric already has figures of other sources."""
    if not series:
        return
    sources = region.get('sources', {})
    existing = region.get('values', {}).get(metric)
    own = sources.get(metric) == source or (metric not in sources and not existing)
    if own and metric not in sources:
        region.setdefault('sources', {})[metric] = source
    for year in sorted(series):
        value = series[year] if make is None else make(year, series[year])
        if not own:
            value = dict(value) if isinstance(value, dict) else {'value': value}
            value = {'value': value.pop('value'), 'source': source, **value}
        put(region, metric, year, value, where)


def derived(value, note):
    return {'value': value, 'status': 'derived', 'note': note}


def series_of(region, metric):
    return {int(y): plain(v) for y, v in region.get('values', {}).get(metric, {}).items()}


def source_of(region, metric, metrics):
    return region.get('sources', {}).get(metric) or metrics[metric].get('source')


def derive_province(region, metrics):
    rid = region['id']
    rate, pop = series_of(region, 'urbanization'), series_of(region, 'population')
    years = sorted(set(rate) & set(pop))
    add_series(region, 'urban_population', source_of(region, 'urbanization', metrics),
               {y: round(rate[y] * pop[y] / 100, 1) for y in years}, rid,
               lambda y, v: derived(v, 'Urbanization rate %s%% x year-end population %s.' % (rate[y], pop[y])))
    derive_shares(region, metrics)


def derive_shares(region, metrics, note_suffix=''):
    gdp = series_of(region, 'gdp')
    for va, share in (('va_secondary', 'secondary_share'), ('va_tertiary', 'tertiary_share')):
        part = series_of(region, va)
        years = sorted(y for y in set(part) & set(gdp) if '%04d' % y not in region.get('values', {}).get(share, {}))
        by_source = {}
        for y in years:
            by_source.setdefault(value_source(region, va, y, metrics), []).append(y)
        for src, src_years in by_source.items():
            add_series(region, share, src,
                       {y: round(100 * part[y] / gdp[y], 2) for y in src_years}, region['id'],
                       lambda y, v, part=part: derived(v, 'Value added %s / GDP %s%s.' % (part[y], gdp[y], note_suffix)))


def derive_nation(region, metrics):
    pop, urban = series_of(region, 'population'), series_of(region, 'urban_population')
    have = region.get('values', {})
    # Only where both come from the database's national series (2003-2022):
    # later years have published rates.
    for y in sorted(set(pop) & set(urban)):
        src = value_source(region, 'population', y, metrics)
        if (y in series_of(region, 'urbanization')
                or src != value_source(region, 'urban_population', y, metrics)):
            continue
        put(region, 'urbanization', y,
            {'value': round(100 * urban[y] / pop[y], 2), 'source': src, 'status': 'derived',
             'note': 'Urban population %s / year-end population %s.' % (urban[y], pop[y])}, 'CN')
    rural = series_of(region, 'rural_population')
    for y in sorted(set(pop) & set(urban)):
        if y not in rural:
            put(region, 'rural_population', y,
                {'value': pop[y] - urban[y], 'source': value_source(region, 'urban_population', y, metrics),
                 'status': 'derived',
                 'note': 'Year-end population %s minus urban population %s.' % (pop[y], urban[y])}, 'CN')
    uinc, rinc = series_of(region, 'urban_income'), series_of(region, 'rural_income')
    ratio = series_of(region, 'urban_rural_income_ratio')
    for y in sorted(set(uinc) & set(rinc)):
        if y not in ratio:
            put(region, 'urban_rural_income_ratio', y,
                {'value': round(uinc[y] / rinc[y], 2), 'source': value_source(region, 'rural_income', y, metrics),
                 'status': 'derived',
                 'note': 'Urban income %s / rural income %s.' % (uinc[y], rinc[y])}, 'CN')
    derive_shares(region, metrics)


def value_source(region, metric, year, metrics):
    value = region['values'][metric]['%04d' % year]
    if isinstance(value, dict) and 'source' in value:
        return value['source']
    return source_of(region, metric, metrics)


def derive_group(group, members, metrics):
    names = ', '.join(m['name'] for m in members)
    rule = 'Sum of the %d members (%s).' % (len(members), names)
    sums = {}
    for metric in SUMMED:
        per = [series_of(m, metric) for m in members]
        years = set(per[0]).intersection(*per[1:]) if per else set()
        if not years:
            continue
        srcs = {source_of(m, metric, metrics) for m in members}
        if len(srcs) != 1:
            raise BuildError('%s: members of %s cite several sources for %s' % (group['id'], group['id'], metric))
        sums[metric] = {y: round(sum(p[y] for p in per), 1) for y in sorted(years)}
        add_series(group, metric, srcs.pop(), sums[metric], group['id'],
                   lambda y, v: derived(v, rule))
    pop, urban = sums.get('population', {}), sums.get('urban_population', {})
    add_series(group, 'urbanization', source_of(members[0], 'urbanization', metrics),
               {y: round(100 * urban[y] / pop[y], 2) for y in sorted(set(pop) & set(urban))}, group['id'],
               lambda y, v: derived(v, 'Members\' urban population %s / population %s (the population-weighted mean of their rates).'
                                    % (urban[y], pop[y])))
    derive_shares(group, metrics, ' (sums of the members)')


def build(sources_dir):
    with open(os.path.join(sources_dir, 'curated.json'), encoding='utf-8') as f:
        data = json.load(f)
    regions = {r['id']: r for r in data['regions']}
    metrics = {m['id']: m for m in data['metrics']}
    source_ids = {s['id'] for s in data['sources']}

    for name in sorted(os.listdir(sources_dir)):
        if not name.endswith('.csv'):
            continue
        meta, rows = read_table(os.path.join(sources_dir, name))
        metric = meta['metric']
        if metric.startswith('check:'):
            continue  # kept for the data test's cross-checks only
        if metric not in metrics:
            raise BuildError('%s: unknown metric %s' % (name, metric))
        if meta['source'] not in source_ids:
            raise BuildError('%s: unknown source %s' % (name, meta['source']))
        transform = meta.get('transform')
        if transform not in (None, 'index-100'):
            raise BuildError('%s: unknown transform %s' % (name, transform))
        for rid in sorted(rows, key=lambda r: list(regions).index(r) if r in regions else -1):
            if rid not in regions:
                raise BuildError('%s: unknown region %s' % (name, rid))
            series = rows[rid]
            if transform == 'index-100':
                series = {y: round(v - 100, 1) for y, v in series.items()}
            add_series(regions[rid], metric, meta['source'], series, name)

    provinces = [r for r in data['regions'] if r['kind'] == 'province']
    for region in provinces:
        derive_province(region, metrics)
    derive_nation(regions['CN'], metrics)
    for group in data['regions']:
        how = group.get('x-derive')
        if how is None:
            continue
        if how == 'children':
            members = [r for r in provinces if r.get('parent') == group['id']]
        elif how == 'members':
            members = [regions[m] for m in group['members']]
        else:
            raise BuildError('%s: x-derive must be "children" or "members"' % group['id'])
        if not members or any(m['kind'] != 'province' for m in members):
            raise BuildError('%s: derived groups are made of whole provinces' % group['id'])
        derive_group(group, members, metrics)

    # Years in order, metrics in the order of the metric list.
    order = {m: i for i, m in enumerate(metrics)}
    for region in data['regions']:
        if 'values' in region:
            region['values'] = {m: dict(sorted(v.items()))
                                for m, v in sorted(region['values'].items(), key=lambda kv: order[kv[0]])}
        if 'sources' in region:
            region['sources'] = dict(sorted(region['sources'].items(), key=lambda kv: order[kv[0]]))
    return json.dumps(data, ensure_ascii=False, indent=2) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--check', action='store_true')
    parser.add_argument('--output', default=DEFAULT_OUTPUT)
    parser.add_argument('--sources', default=DEFAULT_SOURCES)
    args = parser.parse_args()
    try:
        text = build(args.sources)
    except BuildError as e:
        print('build-dataset: %s' % e, file=sys.stderr)
        return 2
    if args.check:
        with open(args.output, encoding='utf-8') as f:
            if f.read() != text:
                print('build-dataset: %s differs from what data/sources builds; '
                      'run build-aux/build-dataset.py' % args.output, file=sys.stderr)
                return 1
        return 0
    tmp = args.output + '.tmp'
    with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    os.replace(tmp, args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
