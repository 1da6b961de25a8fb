// The overview: one row per file (a report, or the reason it could not be read), sortable by
// any column and filtered (only errors, one agency, one year, one format), with a totals row of
// what is shown. A click opens the report; the boxes choose reports for the roll-up and the
// printed sheets. Rows are added a few at a time, so a batch of a thousand files does not
// redraw the table a thousand times. What is shown, in its order, is what gets exported.
import { h, clear, num } from './dom.js';
import { KEY_COLUMNS, SCRIPT, FORMAT, sourceText } from './meta.js';

const COLUMNS = [
  { id: 'file', head: '文件', get: (e) => e.name },
  { id: 'agency', head: '机关', get: (e) => e.summary?.meta.agency || '' },
  { id: 'year', head: '年度', get: (e) => e.summary?.meta.year ?? null, n: true },
  { id: 'format', head: '格式', get: (e) => (e.summary ? FORMAT[e.summary.meta.format] || e.summary.meta.format : '') },
  { id: 'script', head: '文字', get: (e) => (e.summary ? SCRIPT[e.summary.meta.script] || e.summary.meta.script : '') },
  { id: 'source', head: '来源', get: (e) => (e.summary ? sourceText(e.summary.meta) : '') },
  ...KEY_COLUMNS.map((k) => ({ id: k.key, head: k.head, get: (e) => e.summary?.keys[k.key] ?? null, n: true, total: true })),
  { id: 'error', head: '错误', get: (e) => e.summary?.counts.error ?? null, n: true, sev: 'error', total: true },
  { id: 'warning', head: '警告', get: (e) => e.summary?.counts.warning ?? null, n: true, sev: 'warning', total: true },
  { id: 'info', head: '提示', get: (e) => e.summary?.counts.info ?? null, n: true, sev: 'info', total: true },
];

export class OverviewTable extends HTMLElement {
  connectedCallback() {
    if (this.body) return;
    this.entries = [];
    this.layoutMs = 0;
    this.sort = null;
    this.filter = { errors: false, agency: '', year: '', format: '' };
    this.body = h('tbody');
    this.foot = h('tfoot');
    this.all = h('input', { type: 'checkbox', title: '全选当前列表', 'aria-label': '全选当前列表', on: { change: () => this.pickAll(this.all.checked) } });
    this.heads = COLUMNS.map((col) => h('th', { class: col.n ? 'n' : null, dataset: { col: col.id }, tabindex: 0, title: '点击排序',
      on: { click: () => this.sortBy(col.id), keydown: (e) => { if (e.key === 'Enter') this.sortBy(col.id); } } }, col.head));
    this.selects = {
      agency: h('select', { 'aria-label': '机关', on: { change: () => this.setFilter('agency', this.selects.agency.value) } }),
      year: h('select', { 'aria-label': '年度', on: { change: () => this.setFilter('year', this.selects.year.value) } }),
      format: h('select', { 'aria-label': '格式', on: { change: () => this.setFilter('format', this.selects.format.value) } }),
    };
    this.errors = h('input', { type: 'checkbox', id: 'only-errors', on: { change: () => this.setFilter('errors', this.errors.checked) } });
    this.shown = h('span', { class: 'shown' });
    // The filters apply to every tab of the overview: they stand above the tabs when the page
    // has a place for them.
    (document.getElementById('overview-filters') || this).append(
      h('div', { class: 'filters' },
        h('label', null, this.errors, ' 只看有错误的'),
        h('label', null, '机关 ', this.selects.agency),
        h('label', null, '年度 ', this.selects.year),
        h('label', null, '格式 ', this.selects.format),
        this.shown));
    this.append(
      h('div', { class: 'table-wrap' },
        h('table', { class: 'overview' }, h('thead', null, h('tr', null, h('th', { class: 'pick' }, this.all), this.heads)), this.body, this.foot)));
    this.refreshFilters();
  }

  // entry: {id, name, status, error?, summary?, agencyKey?}; onOpen(entry) when a row is chosen.
  add(entry) {
    this.entries.push(entry);
    entry.row = this.row(entry);
    // The first rows (a screenful and more) join the table at once; later ones every few
    // seconds (the batch's end draws them all): each addition lays the whole table out again,
    // and while the table is long, so is every frame drawn (the progress bar's too: 15 ms for a
    // thousand rows). A batch of a thousand files (2–4 s) then lays its table out once, at its
    // end, not six times; a long one grows the table every 5 s, or twenty times its last
    // layout if longer, so that drawing it takes a small part of the time the page has for the
    // analysis.
    (this.waiting ||= []).push(entry.row);
    this.flushTimer ||= setTimeout(() => this.flush(), this.entries.length > 50 ? Math.max(5000, 20 * this.layoutMs) : 0);
  }

  flush() {
    clearTimeout(this.flushTimer);
    this.flushTimer = 0;
    if (this.waiting?.length) {
      for (const tr of this.waiting) tr.hidden = !this.matches(tr.entry);
      this.insert(this.waiting);
      if (this.entries.length > 50) this.timeLayout();
    }
    this.waiting = [];
    this.refreshFilters();
    this.totals();
  }

  // New rows go in the order the files were given (the order of their ids), unless the user
  // sorted the table: files finish a little out of order, and moving a thousand rows into
  // place at the end would lay the table out once more.
  insert(rows) {
    const byId = (a, b) => a.id - b.id;
    if (this.sort || this.entries.every((e, i) => !i || byId(this.entries[i - 1], e) <= 0)) {
      this.body.append(...rows);
      return;
    }
    this.entries.sort(byId);
    const waiting = new Set(rows);
    let next = null;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const tr = this.entries[i].row;
      if (waiting.has(tr)) this.body.insertBefore(tr, next);
      next = tr;
    }
  }

  // How long the table takes to lay out, measured at the next frame (where it is laid out
  // anyway: reading a size there lays it out a moment earlier, not once more).
  timeLayout() {
    if (this.layoutFrame) return;
    this.layoutFrame = requestAnimationFrame(() => {
      this.layoutFrame = 0;
      const t0 = performance.now();
      void this.body.offsetHeight;
      this.layoutMs = performance.now() - t0;
    });
  }

  row(entry) {
    const tr = h('tr', { class: `status-${entry.status}`, dataset: { id: entry.id } });
    tr.entry = entry;
    const pick = h('input', { type: 'checkbox', class: 'pick', 'aria-label': '选择 ' + entry.name,
      on: { click: (e) => e.stopPropagation(), change: () => { entry.picked = pick.checked; this.onPick?.(); } } });
    pick.checked = !!entry.picked;
    tr.append(h('td', { class: 'pick' }, pick));
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
    if (entry.dupOf) this.markDuplicate(entry, tr);
    tr.tabIndex = 0;
    tr.classList.add('open');
    tr.title = '点击查看报告';
    const open = () => this.onOpen?.(entry);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return tr;
  }

  markDuplicate(entry, tr = entry.row) {
    const cell = tr?.querySelector('td.file');
    if (!cell || cell.querySelector('.dup')) return;
    cell.append(' ', h('span', { class: 'tag dup', title: `与 ${entry.dupOf} 内容相同，合计只计一次` }, '重复'));
  }

  // Duplicates as the checks across reports found them: name → the first file of its text.
  setDuplicates(dupOf) {
    for (const e of this.entries) {
      const was = e.dupOf;
      e.dupOf = dupOf.get(e.name) || null;
      if (e.dupOf && !was) this.markDuplicate(e);
      if (!e.dupOf && was) e.row?.querySelector('.dup')?.remove();
    }
    this.totals();
  }

  matches(e) {
    const f = this.filter;
    if (f.errors && !(e.status === 'error' || (e.summary?.counts.error || 0) > 0)) return false;
    if (f.agency && e.agencyKey !== f.agency) return false;
    if (f.year && String(e.summary?.meta.year ?? '') !== f.year) return false;
    if (f.format && e.summary?.meta.format !== f.format) return false;
    return true;
  }

  setFilter(name, value) {
    this.flush();
    this.filter[name] = value;
    for (const e of this.entries) e.row.hidden = !this.matches(e);
    this.totals();
    this.onFilter?.();
  }

  // The choices of the agency, year and format filters, from the rows (the current choice kept).
  refreshFilters() {
    const done = this.entries.filter((e) => e.summary);
    const agencies = new Map();
    for (const e of done) if (e.agencyKey) agencies.set(e.agencyKey, e.summary.meta.agency);
    const years = [...new Set(done.map((e) => e.summary.meta.year).filter((y) => y != null))].sort((a, b) => b - a);
    const formats = [...new Set(done.map((e) => e.summary.meta.format))];
    const fill = (select, options, all) => {
      const keep = select.value;
      const key = JSON.stringify(options);
      if (select.dataset.options === key) return;
      select.dataset.options = key;
      clear(select).append(h('option', { value: '' }, all), ...options.map(([v, t]) => h('option', { value: v }, t)));
      select.value = options.some(([v]) => v === keep) ? keep : '';
    };
    fill(this.selects.agency, [...agencies].sort((a, b) => a[1].localeCompare(b[1], 'zh')), '全部机关');
    fill(this.selects.year, years.map((y) => [String(y), `${y} 年`]), '全部年度');
    fill(this.selects.format, formats.map((f) => [f, FORMAT[f] || f]), '全部格式');
  }

  // The rows shown, in their order on screen.
  visible() {
    this.flush();
    return this.entries.filter((e) => !e.row.hidden);
  }

  // The reports chosen with the boxes among those shown, or all shown when none is ticked.
  chosen() {
    const shown = this.visible().filter((e) => e.status === 'done');
    const picked = shown.filter((e) => e.picked);
    return picked.length ? picked : shown;
  }

  pickAll(on) {
    for (const e of this.visible()) {
      e.picked = on;
      const box = e.row.querySelector('input.pick');
      if (box) box.checked = on;
    }
    this.onPick?.();
  }

  // The totals row: the sum of each figure over the reports shown (a duplicate counted once).
  totals() {
    const shown = this.entries.filter((e) => !e.row.hidden);
    const done = shown.filter((e) => e.status === 'done' && !e.dupOf);
    clear(this.foot);
    this.shown.textContent = this.entries.length ? `显示 ${shown.length} / ${this.entries.length} 个文件` : '';
    if (!done.length) return;
    const tr = h('tr', { class: 'totals' }, h('td', { class: 'pick' }));
    for (const col of COLUMNS) {
      if (col.id === 'file') {
        const dups = shown.filter((e) => e.dupOf).length;
        tr.append(h('th', { class: 'file', scope: 'row' }, `合计（${done.length} 份报告${dups ? `，重复的 ${dups} 份未计` : ''}）`));
      } else if (col.total) {
        const values = done.map((e) => col.get(e)).filter((v) => v !== null && v !== undefined);
        tr.append(h('td', { class: 'n', dataset: { col: col.id }, title: `${values.length} 份报告有此数字` }, values.length ? num(values.reduce((a, b) => a + b, 0)) : ''));
      } else {
        tr.append(h('td'));
      }
    }
    this.foot.append(tr);
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
    this.onFilter?.();
  }

  order(compare) {
    this.flush();
    if (this.entries.every((e, i) => !i || compare(this.entries[i - 1], e) <= 0)) return;
    this.entries.sort(compare);
    this.body.append(...this.entries.map((e) => e.row));
  }

  clear() {
    this.flush();
    this.entries = [];
    this.layoutMs = 0;
    clear(this.body);
    this.all.checked = false;
    this.totals();
    this.refreshFilters();
  }
}
customElements.define('nb-overview', OverviewTable);
