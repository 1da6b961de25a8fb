// The overview: one row per file (a report, or the reason it could not be read), sortable by
// any column; a click opens the report. Rows are added and updated one at a time, so a batch of
// a thousand files does not redraw the table a thousand times.
import { h, clear, num } from './dom.js';
import { KEY_COLUMNS, SCRIPT, FORMAT, SOURCE } from './meta.js';

const COLUMNS = [
  { id: 'file', head: '文件', get: (e) => e.name },
  { id: 'agency', head: '机关', get: (e) => e.summary?.meta.agency || '' },
  { id: 'year', head: '年度', get: (e) => e.summary?.meta.year ?? null, n: true },
  { id: 'format', head: '格式', get: (e) => (e.summary ? FORMAT[e.summary.meta.format] || e.summary.meta.format : '') },
  { id: 'script', head: '文字', get: (e) => (e.summary ? SCRIPT[e.summary.meta.script] || e.summary.meta.script : '') },
  { id: 'encoding', head: '编码', get: (e) => (e.summary ? `${SOURCE[e.summary.meta.source] || ''} ${e.summary.meta.encoding}`.trim() : '') },
  ...KEY_COLUMNS.map((k) => ({ id: k.key, head: k.head, get: (e) => e.summary?.keys[k.key] ?? null, n: true })),
  { id: 'error', head: '错误', get: (e) => e.summary?.counts.error ?? null, n: true, sev: 'error' },
  { id: 'warning', head: '警告', get: (e) => e.summary?.counts.warning ?? null, n: true, sev: 'warning' },
  { id: 'info', head: '提示', get: (e) => e.summary?.counts.info ?? null, n: true, sev: 'info' },
];

export class OverviewTable extends HTMLElement {
  connectedCallback() {
    if (this.body) return;
    this.entries = [];
    this.sort = null;
    this.body = h('tbody');
    this.heads = COLUMNS.map((col) => h('th', { class: col.n ? 'n' : null, dataset: { col: col.id }, tabindex: 0, title: '点击排序',
      on: { click: () => this.sortBy(col.id), keydown: (e) => { if (e.key === 'Enter') this.sortBy(col.id); } } }, col.head));
    this.append(h('table', { class: 'overview' }, h('thead', null, h('tr', null, this.heads)), this.body));
  }

  // entry: {id, name, status, error?, summary?}; onOpen(entry) when a row is chosen.
  add(entry) {
    this.entries.push(entry);
    entry.row = this.row(entry);
    // Rows join the table a few times a second, not one by one: each addition re-lays out a
    // table that may have a thousand rows.
    (this.waiting ||= []).push(entry.row);
    this.flushTimer ||= setTimeout(() => this.flush(), this.entries.length > 50 ? 400 : 0);
  }

  flush() {
    clearTimeout(this.flushTimer);
    this.flushTimer = 0;
    if (this.waiting?.length) this.body.append(...this.waiting);
    this.waiting = [];
  }

  update(entry) {
    const row = this.row(entry);
    entry.row.replaceWith(row);
    entry.row = row;
  }

  row(entry) {
    const tr = h('tr', { class: `status-${entry.status}`, dataset: { id: entry.id } });
    if (entry.status === 'error' || entry.status === 'pending') {
      tr.append(h('td', { class: 'file' }, entry.name),
        h('td', { colspan: COLUMNS.length - 1, class: entry.status === 'error' ? 'error-msg' : 'pending' },
          entry.status === 'error' ? '无法分析：' + entry.error : '等待分析…'));
      return tr;
    }
    for (const col of COLUMNS) {
      const v = col.get(entry);
      const td = h('td', { class: col.n ? 'n' : col.id }, col.n ? num(v) : v);
      if (col.sev && v > 0) td.classList.add('sev', col.sev);
      tr.append(td);
    }
    tr.tabIndex = 0;
    tr.classList.add('open');
    tr.title = '点击查看报告';
    const open = () => this.onOpen?.(entry);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return tr;
  }

  sortBy(id) {
    this.flush();
    const col = COLUMNS.find((c) => c.id === id);
    const dir = this.sort?.id === id ? -this.sort.dir : 1;
    this.sort = { id, dir };
    const key = (e) => col.get(e);
    this.entries.sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === null || x === '') return y === null || y === '' ? 0 : 1;
      if (y === null || y === '') return -1;
      return (col.n ? x - y : String(x).localeCompare(String(y), 'zh')) * dir;
    });
    for (const th of this.heads) th.removeAttribute('aria-sort');
    this.heads.find((th) => th.dataset.col === id).setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    this.body.append(...this.entries.map((e) => e.row));
  }

  order(compare) {
    this.flush();
    this.entries.sort(compare);
    this.body.append(...this.entries.map((e) => e.row));
  }

  clear() {
    this.flush();
    this.entries = [];
    clear(this.body);
  }
}
customElements.define('nb-overview', OverviewTable);
