// Exports of one report or all: CSV and JSON are the command line's own (rows and lines made by
// the wasm module with each analysis), Excel is laid out here and written by the module
// (rust_xlsxwriter): an overview, the indicators, the findings, and each standard table in the
// official layout with the cells a check flagged in red.
import { KEY_COLUMNS, SEVERITY, SCRIPT, FORMAT, SCOPE, sourceText } from './meta.js';
import { headerRows, officialTable, flaggedCells, refKey, cellText, labelCells, labelDepth } from './tables.js';
import { pick, severityCounts } from './summary.js';

export function csvOf(entries, csvHeader) {
  return csvHeader + entries.map((e) => e.csv).join('');
}

export function jsonOf(entries) {
  return entries.length === 1 ? entries[0].json + '\n' : '[\n' + entries.map((e) => e.json).join(',\n') + '\n]\n';
}

export function baseName(entries) {
  if (entries.length === 1) return entries[0].name.replace(/^.*\//, '').replace(/\.[^.]+$/, '') + '-年报分析';
  return `年报分析-${entries.length}份`;
}

class SheetBuilder {
  constructor(name) {
    this.sheet = { name, widths: [], cells: [], merges: [], freeze: null };
  }
  cell(r, c, value, style = 'cell') {
    this.sheet.cells.push([r, c, value === undefined ? null : value, style]);
  }
  merge(r1, c1, r2, c2, text, style = 'head') {
    if (r1 === r2 && c1 === c2) this.cell(r1, c1, text, style);
    else this.sheet.merges.push([r1, c1, r2, c2, String(text ?? ''), style]);
  }
}

function overviewSheet(entries) {
  const b = new SheetBuilder('概览');
  const head = ['文件', '机关', '年度', '发布日期', '格式', '文字', '来源', ...KEY_COLUMNS.map((k) => k.head), '错误', '警告', '提示'];
  head.forEach((t, c) => b.cell(0, c, t, 'head'));
  entries.forEach((e, i) => {
    const r = i + 1, m = e.report.meta, counts = severityCounts(e.report);
    [e.report.file, m.agency || '', m.year ?? null, m.published || '', FORMAT[m.format] || m.format, SCRIPT[m.script] || m.script, sourceText(m)]
      .forEach((v, c) => b.cell(r, c, v, typeof v === 'number' ? 'num' : 'cell'));
    KEY_COLUMNS.forEach((k, j) => b.cell(r, 7 + j, e.summary ? e.summary.keys[k.key] : pick(e.report.indicators, k.key)?.value ?? null, 'num'));
    ['error', 'warning', 'info'].forEach((sev, j) => b.cell(r, 7 + KEY_COLUMNS.length + j, counts[sev], 'num'));
  });
  b.sheet.widths = [30, 24, 8, 12, 12, 8, 10, ...KEY_COLUMNS.map(() => 10), 6, 6, 6];
  b.sheet.freeze = [1, 1];
  return b.sheet;
}

function indicatorSheet(entries, vocab) {
  const b = new SheetBuilder('指标');
  const head = ['文件', '机关', '年度', '指标代码', '指标', '范围', '数值', '单位', '约数', '原文'];
  head.forEach((t, c) => b.cell(0, c, t, 'head'));
  let r = 1;
  for (const e of entries) {
    for (const ind of e.report.indicators) {
      [e.report.file, e.report.meta.agency || '', e.report.meta.year ?? null, ind.key, vocab.label(ind.key),
        SCOPE[ind.scope] || ind.scope, ind.value, ind.unit, ind.approx || '', ind.quote]
        .forEach((v, c) => b.cell(r, c, v, typeof v === 'number' ? 'num' : 'cell'));
      r++;
    }
  }
  b.sheet.widths = [30, 24, 8, 34, 30, 6, 10, 6, 6, 60];
  b.sheet.freeze = [1, 0];
  return b.sheet;
}

function findingSheet(entries) {
  const b = new SheetBuilder('问题');
  ['文件', '级别', '检查', '说明', '原文'].forEach((t, c) => b.cell(0, c, t, 'head'));
  let r = 1;
  for (const e of entries) {
    const chars = Array.from(e.report.text);
    for (const f of e.report.findings) {
      if (f.severity === 'ok') continue;
      const quote = f.spans.slice(0, 3).map(([a, z]) => chars.slice(a, Math.min(z, a + 200)).join('')).join(' … ');
      [e.report.file, SEVERITY[f.severity].label, f.id, f.message, quote].forEach((v, c) => b.cell(r, c, v, 'cell'));
      r++;
    }
  }
  b.sheet.widths = [30, 6, 24, 60, 60];
  b.sheet.freeze = [1, 0];
  return b.sheet;
}

// The standard tables of one report, in the official layout.
function officialSheet(entry, layouts, name) {
  const b = new SheetBuilder(name);
  const flagged = flaggedCells(entry.report);
  b.cell(0, 0, entry.report.file, 'title');
  let r = 2, widest = 1;
  for (const table of entry.report.tables) {
    const model = officialTable(table, layouts);
    b.cell(r, 0, model.title + (model.edition ? `（${model.edition}）` : ''), 'title');
    r++;
    for (const block of model.blocks) {
      const head = headerRows(block.paths);
      const off = block.corner !== null ? labelDepth(block.rows) : 0;
      if (off) b.merge(r, 0, r + head.length - 1, off - 1, block.corner, 'head');
      head.forEach((row, level) => {
        for (const c of row) b.merge(r + level, off + c.col, r + level + c.rowspan - 1, off + c.col + c.colspan - 1, c.text, 'head');
      });
      r += head.length;
      const labels = labelCells(block.rows);
      for (const [i, row] of block.rows.entries()) {
        if (off) {
          // Row headers: a cell per word, placed after the words merged from rows above.
          let col = off - labels[i].reduce((n, c) => n + c.colspan, 0);
          for (const c of labels[i]) {
            b.merge(r, col, r + c.rowspan - 1, col + c.colspan - 1, c.text, 'cell');
            col += c.colspan;
          }
        }
        row.cells.forEach(({ cell, ref }, j) => {
          const bad = ref && flagged.has(refKey(ref));
          const value = cell && cell.mark === 'number' && cell.value !== null ? cell.value : cellText(cell);
          b.cell(r, off + j, value, bad ? 'bad' : typeof value === 'number' ? 'num' : 'cell');
        });
        widest = Math.max(widest, off + row.cells.length);
        r++;
      }
      r++;
    }
  }
  b.sheet.widths = [16, 22, 44, ...Array.from({ length: widest }, () => 11)];
  return b.sheet;
}

// The roll-up's summed tables as their forms lay them out, merged header cells and all: the sheet
// one report's tables get, in the roll-up's workbook in place of the module's plain grid (which
// the command line's `nianbao sum --xlsx` keeps).
export function rollupSheet(rollup, layouts) {
  const report = { file: `汇总（${rollup.reports.length} 份报告）`, tables: rollup.tables, findings: [] };
  return officialSheet({ report }, layouts, '汇总表');
}

export function workbookOf(entries, vocab) {
  const sheets = [overviewSheet(entries), indicatorSheet(entries, vocab), findingSheet(entries)];
  for (const e of entries) {
    if (!e.report.tables.length) continue;
    const stem = e.report.file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    sheets.push(officialSheet(e, vocab.layouts, entries.length === 1 ? '标准表格' : '表格-' + stem));
  }
  return { sheets };
}
