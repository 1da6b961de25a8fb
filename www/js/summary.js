// What the overview needs of a report, made in the worker so that the page receives a small
// object and the report's JSON as one string (parsed only when the report is opened or
// exported): a thousand reports cross to the page quickly.
import { KEY_COLUMNS } from './meta.js';

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

export function summarize(report) {
  const keys = {};
  for (const { key } of KEY_COLUMNS) keys[key] = pick(report.indicators, key)?.value ?? null;
  return { file: report.file, meta: report.meta, keys, counts: severityCounts(report), tables: report.tables.length };
}
