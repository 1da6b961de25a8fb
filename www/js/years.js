// Year over year: one agency's indicators by year, as the wasm module's `compare` gives them
// (src/batch/years.rs: the value of each year, its ratio to the year before, the jumps beyond
// 5× or below 0.2× flagged, the share of sentences repeated from last year's report), and a
// line of the indicator chosen. A value opens its year's report at that figure.
import { h, clear, num } from './dom.js';
import { FORMAT } from './meta.js';
import { lines } from './charts.js';

export class YearsView extends HTMLElement {
  connectedCallback() {
    if (this.body) return;
    this.select = h('select', { 'aria-label': '机关', on: { change: () => this.render() } });
    this.body = h('div', { class: 'years-body' });
    this.append(h('div', { class: 'filters' }, h('label', null, '机关 ', this.select),
      h('span', { class: 'shown' }, '变化超过 5 倍或不足 0.2 倍的数字标为红色；点击数字打开该年报告')), this.body);
  }

  // agencies: `compare(…).agencies`; byName: file name → entry; open(entry, place).
  show(agencies, byName, open) {
    this.agencies = agencies || [];
    this.byName = byName;
    this.open = open;
    const keep = this.select.value;
    clear(this.select).append(...this.agencies.map((a, i) => h('option', { value: String(i) },
      `${a.agency}（${a.years[0].year}–${a.years[a.years.length - 1].year}，${a.years.length} 份）`)));
    const again = this.agencies.findIndex((a) => a.key === this.keyShown);
    this.select.value = again >= 0 ? String(again) : keep && Number(keep) < this.agencies.length ? keep : '0';
    this.render();
  }

  render() {
    clear(this.body);
    const a = this.agencies[Number(this.select.value)];
    if (!a) {
      this.body.append(h('p', { class: 'none' }, '需要同一机关两个以上年度的报告才能逐年对比。'));
      return;
    }
    this.keyShown = a.key;
    this.chartKey ||= 'apply.received';
    const yearHead = h('tr', null, h('th', null, '指标'), a.years.map((y) => {
      const e = this.byName.get(y.report);
      return h('th', { class: 'n' }, String(y.year), h('br'),
        h('button', { type: 'button', class: 'link file-link', title: y.report, on: { click: () => e && this.open(e, {}) } }, FORMAT[y.format] || y.format));
    }));
    const repeated = h('tr', { class: 'repeated' }, h('th', { scope: 'row' }, '与上年报告相同的句子'), a.years.map((y) => {
      const share = y.repeated;
      const td = h('td', { class: 'n' }, share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`);
      if (share >= 0.5) td.classList.add('bad');
      return td;
    }));
    const rows = a.rows.map((row) => h('tr', { dataset: { key: row.key }, class: row.key === this.chartKey ? 'charted' : null },
      h('th', { scope: 'row', class: 'label src', tabindex: 0, title: '画出此指标的逐年变化', on: { click: () => { this.chartKey = row.key; this.render(); } } }, row.label),
      row.values.map((v, i) => {
        const ratio = row.ratios[i];
        const td = h('td', { class: 'n' }, num(v), ratio !== null && ratio !== undefined ? h('small', { class: 'ratio' }, `×${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(2)}`) : null);
        if (row.flagged[i]) { td.classList.add('bad', 'flag'); td.title = '与上年相比变化超过 5 倍或不足 0.2 倍'; }
        if (v !== null) {
          const e = this.byName.get(a.years[i].report);
          td.classList.add('src');
          td.tabIndex = 0;
          td.addEventListener('click', () => e && this.open(e, { key: row.key }));
        }
        return td;
      })));
    const charted = a.rows.find((r) => r.key === this.chartKey) || a.rows[0];
    this.body.append(
      h('div', { class: 'table-wrap' }, h('table', { class: 'years' }, h('thead', null, yearHead), h('tbody', null, repeated, rows))),
      charted ? h('figure', { class: 'chart-box' }, h('figcaption', null, `${a.agency}：${charted.label}（${charted.unit}）`),
        lines(a.years.map((y) => y.year), [{ label: charted.label, values: charted.values, flags: charted.flagged }], { unit: charted.unit, ariaLabel: charted.label })) : null);
  }
}
customElements.define('nb-years', YearsView);
