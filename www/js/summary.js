// What the overview, the findings list and the charts need of a report, made in the worker so
// that the page receives a small object and the report's JSON as one string (parsed only when
// the report is opened or exported): a thousand reports cross to the page quickly.
import { KEY_COLUMNS, RESULT_BARS } from './meta.js';

export function severityCounts(report) {
  const counts = { error: 0, warning: 0, info: 0, ok: 0 };
  for (const f of report.findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
  return counts;
}

// The indicator for a key over the whole body: the plain key, else its table total.
export function pick(indicators, key) {
  return indicators.find((i) => i.key === key && i.scope === 'whole') ||
    indicators.find((i) => i.key === key + '@total' && i.scope === 'whole') ||
    indicators.find((i) => i.key === key) || null;
}

// A finding as the findings list shows it: where it points, at most a few places.
const PLACES = 20;
export function findingSummary(f) {
  return { id: f.id, severity: f.severity, message: f.message, spans: f.spans.slice(0, PLACES), cells: f.cells.slice(0, PLACES) };
}

export function summarize(report) {
  const keys = {};
  for (const { key, sum } of KEY_COLUMNS) {
    const ind = pick(report.indicators, key);
    // A standard report states 行政诉讼 as 直接起诉 + 复议后起诉: their sum is the total.
    keys[key] = ind ? ind.value : sum ? sumOf(report.indicators, sum) : null;
  }
  const outcomes = {};
  for (const key of RESULT_BARS) {
    const ind = pick(report.indicators, key);
    if (ind) outcomes[key] = ind.value;
  }
  return {
    file: report.file, meta: report.meta, keys, outcomes,
    counts: severityCounts(report), tables: report.tables.length,
    findings: report.findings.filter((f) => f.severity !== 'ok').map(findingSummary),
  };
}

function sumOf(indicators, keys) {
  const values = keys.map((k) => pick(indicators, k)?.value);
  return values.every((v) => v === undefined) ? null : values.reduce((a, v) => a + (v || 0), 0);
}
