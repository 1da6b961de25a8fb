// Charts drawn here as SVG (no library, nothing fetched): stacked bars of application outcomes
// across agencies, and lines of an indicator over the years. Labels are measured, not cut: the
// label column is as wide as the longest label (up to a limit, past which the full text is in
// the bar's tooltip), and the chart is as tall as its rows.
import { h, s, clear, num } from './dom.js';

// Distinguishable colours, also in grey print.
export const PALETTE = ['#2b6cb0', '#68a063', '#d69e2e', '#c05621', '#9f3a38', '#6b46c1', '#319795', '#718096', '#b83280', '#2c5282', '#975a16', '#4a5568'];

// Width in pixels of a label at 13px: a CJK character is about a square, Latin narrower.
export function textWidth(text, size = 13) {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e7f ? size : size * 0.6;
  return Math.ceil(w);
}

function fit(text, width, size = 13) {
  if (textWidth(text, size) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && textWidth(chars.join('') + '…', size) > width) chars.pop();
  return chars.join('') + '…';
}

// Stacked horizontal bars: rows [{label, title?, values: [n per series], onClick?}], series
// [{label}]. Gives an <svg> with a legend above the bars.
export function stackedBars(rows, series, { width = 900, labelMax = 320, unit = '件', ariaLabel = '' } = {}) {
  const labelW = Math.min(labelMax, Math.max(60, ...rows.map((r) => textWidth(r.label)))) + 12;
  const barH = 20, gap = 8, valueW = 70;
  // The legend wraps over as many lines as it needs.
  const legend = [];
  let x = 0, line = 0;
  for (const [i, sr] of series.entries()) {
    const w = 18 + textWidth(sr.label, 12) + 16;
    if (x + w > width && x > 0) { x = 0; line++; }
    legend.push({ i, x, y: line * 20, label: sr.label });
    x += w;
  }
  const top = (line + 1) * 20 + 8;
  const height = top + rows.length * (barH + gap) + gap;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + (b || 0), 0)));
  const scale = (width - labelW - valueW) / max;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart stacked', 'aria-label': ariaLabel });
  for (const l of legend) {
    svg.append(s('rect', { x: l.x, y: l.y + 3, width: 12, height: 12, fill: PALETTE[l.i % PALETTE.length] }),
      s('text', { x: l.x + 18, y: l.y + 13, class: 'legend' }, l.label));
  }
  rows.forEach((r, k) => {
    const y = top + gap + k * (barH + gap);
    const total = r.values.reduce((a, b) => a + (b || 0), 0);
    const g = s('g', { class: 'bar', tabindex: 0 },
      s('title', null, `${r.title || r.label}：共 ${num(total)}${unit}\n` + series.map((sr, i) => r.values[i] ? `${sr.label} ${num(r.values[i])}` : null).filter(Boolean).join('\n')),
      s('text', { x: labelW - 8, y: y + barH * 0.72, 'text-anchor': 'end' }, fit(r.label, labelW - 12)));
    let at = labelW;
    r.values.forEach((v, i) => {
      if (!v) return;
      const w = Math.max(1, v * scale);
      g.append(s('rect', { x: at, y, width: w, height: barH, fill: PALETTE[i % PALETTE.length] }));
      at += w;
    });
    g.append(s('text', { x: at + 6, y: y + barH * 0.72, class: 'v' }, num(total)));
    if (r.onClick) {
      g.classList.add('clickable');
      g.addEventListener('click', r.onClick);
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter') r.onClick(); });
    }
    svg.append(g);
  });
  return svg;
}

// Lines over the years: xs [year], series [{label, values: [n|null per year], flags?: [bool]}].
// A flagged point (a year-over-year jump) is drawn as a ring.
export function lines(xs, series, { width = 900, height = 300, unit = '', ariaLabel = '' } = {}) {
  const legendH = 22 * Math.ceil(series.length / 4);
  const pad = { left: 56, right: 24, top: 12 + legendH, bottom: 30 };
  const all = series.flatMap((sr) => sr.values.filter((v) => v !== null && v !== undefined));
  const max = niceMax(Math.max(1, ...all));
  const xAt = (i) => pad.left + (xs.length === 1 ? 0.5 : i / (xs.length - 1)) * (width - pad.left - pad.right);
  const yAt = (v) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart lines', 'aria-label': ariaLabel });
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: yAt(v), y2: yAt(v), class: 'grid' }),
      s('text', { x: pad.left - 6, y: yAt(v) + 4, 'text-anchor': 'end', class: 'axis' }, num(v)));
  }
  xs.forEach((x, i) => svg.append(s('text', { x: xAt(i), y: height - 8, 'text-anchor': 'middle', class: 'axis' }, String(x))));
  series.forEach((sr, k) => {
    const colour = PALETTE[k % PALETTE.length];
    const lx = (k % 4) * ((width - pad.left) / 4) + pad.left, ly = 16 + 22 * Math.floor(k / 4);
    svg.append(s('rect', { x: lx, y: ly - 10, width: 12, height: 12, fill: colour }),
      s('text', { x: lx + 18, y: ly, class: 'legend' }, fit(sr.label, (width - pad.left) / 4 - 24, 12)));
    let d = '';
    sr.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      d += `${d && sr.values[i - 1] !== null && sr.values[i - 1] !== undefined ? 'L' : 'M'}${xAt(i).toFixed(1)},${yAt(v).toFixed(1)}`;
    });
    svg.append(s('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2 }));
    sr.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const flagged = sr.flags?.[i];
      svg.append(s('circle', { cx: xAt(i), cy: yAt(v), r: flagged ? 7 : 3.5, fill: flagged ? 'none' : colour, stroke: flagged ? '#c53030' : colour, 'stroke-width': flagged ? 3 : 1, class: flagged ? 'flag' : null },
        s('title', null, `${sr.label} ${xs[i]}：${num(v)}${unit}${flagged ? '（变化超过 5 倍）' : ''}`)));
    });
  });
  return svg;
}

function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// The charts of the overview: application outcomes across the reports shown (a bar each, its
// parts the outcomes), and an indicator over the years for each agency with two years or more.
export class ChartsView extends HTMLElement {
  connectedCallback() {
    if (this.body) return;
    this.key = h('select', { 'aria-label': '指标', on: { change: () => this.renderTrends() } });
    this.outcomes = h('div', { class: 'chart-box' });
    this.trends = h('div', { class: 'chart-box' });
    this.body = h('div', null,
      h('h3', null, '依申请公开办理结果（各报告）'), this.outcomes,
      h('h3', null, '逐年趋势（各机关）'), h('div', { class: 'filters' }, h('label', null, '指标 ', this.key)), this.trends);
    this.append(this.body);
  }

  // entries: the reports shown (duplicates marked); agencies: `compare(…).agencies`;
  // open(entry, place); resultKeys, label(key).
  show(entries, agencies, { open, resultKeys, label }) {
    this.agencies = agencies || [];
    this.label = label;
    const rows = entries
      .filter((e) => e.status === 'done' && !e.dupOf && Object.keys(e.summary.outcomes || {}).length)
      .slice(0, 80)
      .map((e) => ({
        label: [e.summary.meta.agency || e.name, e.summary.meta.year].filter(Boolean).join(' '),
        title: e.name,
        values: resultKeys.map((k) => e.summary.outcomes[k] || 0),
        onClick: () => open(e, { key: 'apply.result.granted' }),
      }));
    const used = resultKeys.map((k, i) => rows.some((r) => r.values[i] > 0));
    clear(this.outcomes).append(rows.length
      ? stackedBars(rows.map((r) => ({ ...r, values: r.values.filter((_, i) => used[i]) })),
        resultKeys.filter((_, i) => used[i]).map((k) => ({ label: label(k) })), { ariaLabel: '依申请公开办理结果' })
      : h('p', { class: 'none' }, '当前列表中的报告没有办理结果的数字。'));
    const keys = new Map();
    for (const a of this.agencies) for (const r of a.rows) if (!keys.has(r.key)) keys.set(r.key, r.label);
    const keep = this.key.value || 'apply.received';
    clear(this.key).append(...[...keys].map(([k, l]) => h('option', { value: k }, l)));
    this.key.value = keys.has(keep) ? keep : keys.keys().next().value || '';
    this.renderTrends();
  }

  renderTrends() {
    const key = this.key.value;
    const shown = this.agencies.filter((a) => a.rows.some((r) => r.key === key)).slice(0, 12);
    clear(this.trends);
    if (!shown.length) {
      this.trends.append(h('p', { class: 'none' }, '需要同一机关两个以上年度的报告才能画出趋势。'));
      return;
    }
    const years = [...new Set(shown.flatMap((a) => a.years.map((y) => y.year)))].sort((a, b) => a - b);
    const series = shown.map((a) => {
      const row = a.rows.find((r) => r.key === key);
      return {
        label: a.agency,
        values: years.map((y) => { const i = a.years.findIndex((c) => c.year === y); return i < 0 ? null : row.values[i]; }),
        flags: years.map((y) => { const i = a.years.findIndex((c) => c.year === y); return i >= 0 && row.flagged[i]; }),
      };
    });
    const unit = shown[0].rows.find((r) => r.key === key)?.unit || '';
    this.trends.append(lines(years, series, { unit, ariaLabel: this.label(key) }));
  }
}
customElements.define('nb-charts', ChartsView);
