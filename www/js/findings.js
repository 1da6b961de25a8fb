// The findings list across all reports shown in the overview: each report's own findings and
// the findings across reports (duplicates, year-over-year jumps, carry-over, copied tables and
// text, from the wasm module's `compare`), filtered by severity and by check. A click opens the
// report at the cell or sentence concerned; a finding across reports links each report it names.
import { h, clear } from './dom.js';
import { SEVERITY, BATCH_CHECKS } from './meta.js';

const SHOWN_MAX = 400;

export class FindingsList extends HTMLElement {
  connectedCallback() {
    if (this.list) return;
    this.severity = h('select', { 'aria-label': '级别', on: { change: () => this.render() } },
      h('option', { value: 'error,warning' }, '错误和警告'),
      h('option', { value: 'error' }, '只看错误'),
      h('option', { value: 'warning' }, '只看警告'),
      h('option', { value: 'info' }, '只看提示'),
      h('option', { value: 'error,warning,info' }, '全部'));
    this.check = h('select', { 'aria-label': '检查项', on: { change: () => this.render() } });
    this.note = h('span', { class: 'shown' });
    this.list = h('ul', { class: 'finding-list all' });
    this.append(h('div', { class: 'filters' }, h('label', null, '级别 ', this.severity), h('label', null, '检查 ', this.check), this.note), this.list);
  }

  // entries: the reports shown (in order); batch: {findings} across them; open(entry, place).
  show(entries, batch, open) {
    this.items = [];
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const f of batch?.findings || []) {
      const reports = f.reports.map((n) => byName.get(n)).filter(Boolean);
      if (reports.length) this.items.push({ f, reports, across: true });
    }
    for (const e of entries) {
      if (e.status === 'error') {
        this.items.push({ f: { id: 'file.unreadable', severity: 'error', message: '无法分析：' + e.error, spans: [], cells: [] }, reports: [e] });
        continue;
      }
      for (const f of e.summary?.findings || []) this.items.push({ f, reports: [e] });
    }
    this.open = open;
    const counts = new Map();
    for (const { f } of this.items) counts.set(f.id, (counts.get(f.id) || 0) + 1);
    const keep = this.check.value;
    clear(this.check).append(h('option', { value: '' }, '全部检查'),
      ...[...counts].sort((a, b) => a[0].localeCompare(b[0])).map(([id, n]) => h('option', { value: id }, `${BATCH_CHECKS[id] ? BATCH_CHECKS[id] + ' · ' : ''}${id}（${n}）`)));
    this.check.value = counts.has(keep) ? keep : '';
    this.render();
  }

  render() {
    if (!this.items) return;
    const severities = this.severity.value.split(',');
    const check = this.check.value;
    const shown = this.items
      .filter(({ f }) => severities.includes(f.severity) && (!check || f.id === check))
      .sort((a, b) => SEVERITY[b.f.severity].order - SEVERITY[a.f.severity].order || (b.across ? 1 : 0) - (a.across ? 1 : 0));
    clear(this.list);
    this.note.textContent = shown.length > SHOWN_MAX ? `共 ${shown.length} 条，只显示前 ${SHOWN_MAX} 条` : `共 ${shown.length} 条`;
    if (!shown.length) {
      this.list.append(h('li', { class: 'none' }, this.items.length ? '没有符合筛选的检查结果。' : '没有检查结果。'));
      return;
    }
    for (const item of shown.slice(0, SHOWN_MAX)) this.list.append(this.item(item));
  }

  item({ f, reports, across }) {
    const li = h('li', { class: `finding ${f.severity}${across ? ' across' : ''}`, dataset: { id: f.id } },
      h('span', { class: `badge ${f.severity}` }, SEVERITY[f.severity].label),
      across ? h('span', { class: 'tag' }, BATCH_CHECKS[f.id] || '跨报告') : null,
      h('span', { class: 'msg' }, f.message),
      h('span', { class: 'files' }, reports.map((e) => h('button', { type: 'button', class: 'link file-link', title: '打开此报告', on: { click: (ev) => { ev.stopPropagation(); this.open(e, placeIn(f, e, across)); } } }, e.name))));
    li.tabIndex = 0;
    li.classList.add('src');
    const go = () => this.open(reports[reports.length - 1], placeIn(f, reports[reports.length - 1], across));
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    return li;
  }
}
customElements.define('nb-findings', FindingsList);

// Where a finding points in one report: its first cell there, else its first span there.
export function placeIn(f, entry, across) {
  if (across) {
    const cell = f.cells.find((c) => c.report === entry.name);
    const span = f.spans.find((s) => s.report === entry.name);
    return { cell: cell ? { table: cell.table, row: cell.row, column: cell.column } : null, span: span ? span.span : null };
  }
  return { cell: f.cells[0] || null, span: f.spans[0] || null, finding: f.id };
}
