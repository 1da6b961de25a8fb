// Printed findings sheets: one A4 page per report (its identity, its counts, its errors and
// warnings with the words they concern, and the findings across reports that name it), or one
// sheet for the whole batch (a line per report, then the findings across reports and each
// report's errors). The sheets are built into #print-sheets, which only the print stylesheet
// shows (css/app.css, @media print); the page then calls the browser's print dialog.
import { h, clear, num } from './dom.js';
import { SEVERITY, FORMAT, BATCH_CHECKS } from './meta.js';
import { CharIndex } from './text.js';

// What one A4 page holds: past these, the sheet says how many were left out.
const PER_SHEET = 18;
const QUOTE = 48;

function quoteOf(report, index, f) {
  const span = f.spans[0];
  if (!span) return '';
  const text = index.slice(span).replace(/\s+/g, ' ').trim();
  return text.length > QUOTE ? text.slice(0, QUOTE) + '…' : text;
}

function factsLine(report) {
  const m = report.meta;
  return [m.agency || '（机关未识别）', m.year ? `${m.year} 年度` : '（年度未识别）', FORMAT[m.format] || m.format, m.published ? `发布于 ${m.published}` : null]
    .filter(Boolean).join(' · ');
}

function findingsTable(rows) {
  return h('table', { class: 'print-findings' },
    h('thead', null, h('tr', null, h('th', null, '级别'), h('th', null, '问题'), h('th', null, '原文'))),
    h('tbody', null, rows.map(([sev, message, quote]) => h('tr', { class: sev },
      h('td', { class: 'sev' }, SEVERITY[sev]?.label || sev), h('td', null, message), h('td', { class: 'quote' }, quote)))));
}

function reportSheet(entry, across) {
  const report = entry.report;
  const index = new CharIndex(report.text);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) if (counts[f.severity] !== undefined) counts[f.severity]++;
  const own = report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const theirs = across.filter((f) => f.reports.includes(entry.name) && f.severity !== 'info');
  const rows = [
    ...theirs.map((f) => [f.severity, `［${BATCH_CHECKS[f.id] || '跨报告'}］${f.message}`, '']),
    ...own.map((f) => [f.severity, f.message, quoteOf(report, index, f)]),
  ];
  const shown = rows.slice(0, PER_SHEET);
  return h('section', { class: 'sheet' },
    h('h1', null, '年报问题清单'),
    h('p', { class: 'sheet-file' }, entry.name),
    h('p', { class: 'sheet-facts' }, factsLine(report)),
    h('p', { class: 'sheet-counts' }, `错误 ${counts.error} 项 · 警告 ${counts.warning} 项 · 提示 ${counts.info} 项`),
    shown.length ? findingsTable(shown) : h('p', { class: 'none' }, '未发现错误或警告。'),
    rows.length > shown.length ? h('p', { class: 'more' }, `另有 ${rows.length - shown.length} 项未列出，请在页面中查看。`) : null,
    h('p', { class: 'sheet-foot' }, `年报分析 · 打印于 ${new Date().toLocaleDateString('zh-CN')}`));
}

function batchSheet(entries, across) {
  const done = entries.filter((e) => e.status === 'done');
  const failed = entries.filter((e) => e.status === 'error');
  const lines = done.map((e) => h('tr', null,
    h('td', null, e.name), h('td', null, e.summary.meta.agency || ''), h('td', { class: 'n' }, num(e.summary.meta.year)),
    h('td', { class: 'n' }, num(e.summary.counts.error)), h('td', { class: 'n' }, num(e.summary.counts.warning))));
  const errors = done.flatMap((e) => (e.summary.findings || []).filter((f) => f.severity === 'error').map((f) => [f.severity, f.message, e.name]));
  return h('section', { class: 'sheet batch' },
    h('h1', null, `年报问题清单（${entries.length} 个文件）`),
    h('table', { class: 'print-reports' },
      h('thead', null, h('tr', null, h('th', null, '文件'), h('th', null, '机关'), h('th', { class: 'n' }, '年度'), h('th', { class: 'n' }, '错误'), h('th', { class: 'n' }, '警告'))),
      h('tbody', null, lines)),
    failed.length ? [h('h2', null, '无法分析的文件'), h('ul', null, failed.map((e) => h('li', null, `${e.name}：${e.error}`)))] : null,
    across.length ? [h('h2', null, '跨报告的问题'), findingsTable(across.map((f) => [f.severity, `［${BATCH_CHECKS[f.id] || '跨报告'}］${f.message}`, f.reports.join('、')]))] : null,
    errors.length ? [h('h2', null, '各报告的错误'), findingsTable(errors)] : null,
    h('p', { class: 'sheet-foot' }, `年报分析 · 打印于 ${new Date().toLocaleDateString('zh-CN')}`));
}

// Fills `container` with the sheets: mode 'each' (a page per report) or 'batch'.
export function buildSheets(container, mode, entries, batch) {
  const across = (batch?.findings || []).filter((f) => f.reports.some((r) => entries.some((e) => e.name === r)));
  clear(container);
  if (mode === 'batch') container.append(batchSheet(entries, across));
  else for (const e of entries.filter((e) => e.status === 'done')) container.append(reportSheet(e, across));
  return container.children.length;
}
