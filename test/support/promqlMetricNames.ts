// The metric names a PromQL expression reads: what is left once strings, label matchers, ranges,
// grouping label lists, function names, keywords and numbers are taken out. Not a PromQL parser:
// enough for the expressions of our own dashboard and alert rules, which promtool also checks.

// Grafana variables ($job, $__rate_interval) only appear inside matchers and ranges, which go.
const stringLiterals = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const labelMatchers = /\{[^}]*\}/g;
const rangesAndSubqueries = /\[[^\]]*\]/g;
const groupingLabelLists = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
// An identifier that is not part of a number (0.99, 1e3) or of another name.
const identifiers = /(?<![\w.:])[a-zA-Z_:][\w:]*/g;
const keywords = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

export function metricNamesIn(expression: string): Set<string> {
  const bare = expression
    .replace(stringLiterals, '""')
    .replace(labelMatchers, ' ')
    .replace(rangesAndSubqueries, ' ')
    .replace(groupingLabelLists, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(identifiers)) {
    const name = match[0];
    const calledAsFunction = /^\s*\(/.test(bare.slice(match.index + name.length));
    if (calledAsFunction || keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return names;
}

const histogramSeriesSuffix = /_(?:bucket|count|sum)$/;

/**
 * The histogram a series belongs to: ledgerline_x_seconds_bucket -> ledgerline_x_seconds. Only for
 * names known to be histogram series: none of our other metrics ends in _bucket, _count or _sum.
 */
export function histogramBaseName(seriesName: string): string {
  return seriesName.replace(histogramSeriesSuffix, '');
}
