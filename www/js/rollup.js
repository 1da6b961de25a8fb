// The roll-up: the standard tables of the chosen reports summed into one Table 2/3/4 in the
// official layout, by the wasm module (src/rollup.rs: duplicates counted once, legacy reports and
// rows that did not fit left out with the reason). A summed cell lists the cells it adds up; each
// opens its report at that cell. The workbook exported is the module's too (the same as
// `nianbao sum --xlsx`).
import { h, append, clear, num } from './dom.js';
import { renderOfficial, refKey, cellText } from './tables.js';

export class RollupView extends HTMLElement {
  connectedCallback() {
    if (this.body) return;
    this.body = h('div');
    this.append(this.body);
  }

  // result: {rollup} (the module's roll-up); byName: file → entry; actions: {open(entry, place), exportXlsx()}.
  show(result, vocab, byName, actions) {
    clear(this.body);
    this.sources = new Map();
    const r = result?.rollup;
    if (!r || !r.tables.length) {
      append(this.body, [h('p', { class: 'none' }, '当前列表中没有新版（表格）格式的报告可以汇总。'),
        r?.skipped.length ? this.skippedList(r.skipped) : null]);
      return;
    }
    for (const s of r.sources) this.sources.set(refKey(s.cell), s.parts);
    this.detail = h('div', { class: 'sources', 'aria-live': 'polite' }, h('p', { class: 'note' }, '点击汇总表中的数字，查看它由哪些报告的数字相加而成。'));
    append(this.body, [
      h('div', { class: 'rollup-head' },
        h('p', null, `已汇总 ${r.reports.length} 份报告的标准表格`, r.skipped.length ? `，${r.skipped.length} 项未计入（见下）` : '', '。'),
        h('button', { type: 'button', id: 'rollup-xlsx', on: { click: actions.exportXlsx } }, '导出汇总 Excel'),
        h('details', { class: 'rollup-reports' }, h('summary', null, '汇总的报告'), h('ul', null, r.reports.map((f) => h('li', null, f))))),
      r.skipped.length ? this.skippedList(r.skipped) : null,
      h('div', { class: 'rollup-body' },
        h('div', { class: 'rollup-tables' }, r.tables.map((t) => renderOfficial(t, vocab.layouts, (cell, ref) => this.cell(cell, ref, byName, actions)))),
        this.detail)]);
  }

  skippedList(skipped) {
    return h('details', { class: 'rollup-skipped', open: true }, h('summary', null, `未计入汇总（${skipped.length}）`),
      h('ul', null, skipped.map((s) => h('li', null, h('span', { class: 'file' }, s.report), '：', s.reason))));
  }

  cell(cell, ref, byName, actions) {
    const td = h('td', { class: 'n' }, cellText(cell));
    if (!cell) { td.classList.add('missing'); return td; }
    td.dataset.ref = refKey(ref);
    const parts = this.sources.get(refKey(ref));
    if (!parts) return td;
    td.classList.add('src');
    td.tabIndex = 0;
    td.title = `${parts.length} 份报告的单元格相加，点击查看`;
    const go = () => {
      this.querySelectorAll('td.active').forEach((x) => x.classList.remove('active'));
      td.classList.add('active');
      clear(this.detail).append(h('h4', null, `${cellText(cell) || '（空）'} 由以下单元格相加：`),
        h('table', { class: 'parts' },
          h('thead', null, h('tr', null, h('th', null, '报告'), h('th', { class: 'n' }, '数值'), h('th', null, '计入'))),
          h('tbody', null, parts.map((p) => {
            const e = byName.get(p.report);
            return h('tr', { class: p.counted ? null : 'left-out' },
              h('td', null, h('button', { type: 'button', class: 'link file-link', on: { click: () => e && actions.open(e, { cell: { table: ref.table, row: p.row, column: ref.column }, span: p.span }) } }, p.report)),
              h('td', { class: 'n' }, p.raw || (p.value !== null ? num(p.value) : '')),
              h('td', null, p.counted ? '是' : '否（可能错位）'));
          }))));
    };
    td.addEventListener('click', go);
    td.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    return td;
  }
}
customElements.define('nb-rollup', RollupView);
