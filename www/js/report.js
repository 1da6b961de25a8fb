// The report view: the indicators by statutory part, the standard tables in the official layout,
// a chart of application results, the findings, every figure, the cited documents, and the text.
// Every cell and row that has a place in the text lights its sentence in the text pane.
import { h, s, clear, num } from './dom.js';
import { CharIndex, sentenceAround } from './text.js';
import { PARTS, partOf, RESULT_BARS, SEVERITY, SCRIPT, FORMAT, SOURCE, SCOPE } from './meta.js';
import { textWidth } from './charts.js';
import { renderOfficial, flaggedCells, refKey, cellText } from './tables.js';
import { pick, severityCounts } from './summary.js';

const FIGURE_ROWS = 300;

export class ReportView extends HTMLElement {
  // entry: {report, csv, json}; vocab: {label(key), order(key), layouts}; actions: {back, exportOne(kind)}
  show(entry, vocab, actions) {
    this.entry = entry;
    this.vocab = vocab;
    const report = entry.report;
    this.report = report;
    this.index = new CharIndex(report.text);
    this.flagged = flaggedCells(report);
    this.cellsByRef = new Map();
    clear(this);

    const meta = report.meta;
    const facts = [
      ['机关', meta.agency || '（未识别）'],
      ['年度', meta.year ?? '（未识别）'],
      ['发布日期', meta.published || '—'],
      ['格式', FORMAT[meta.format] || meta.format],
      ['文字', SCRIPT[meta.script] || meta.script],
      ['来源', SOURCE[meta.source] || meta.source],
      // A .docx and a PDF have no encoding to detect: say nothing rather than "PDF PDF".
      meta.source === 'text' || meta.source === 'html' ? ['编码', meta.encoding + (meta.replaced_bytes ? '（有无法解码的字节）' : '')] : null,
      ['字数', meta.chars],
    ];
    const counts = severityCounts(report);
    this.pane = document.createElement('nb-text');
    this.pane.className = 'text-pane';
    this.pane.show(this.index, report.chrome);

    const left = h('div', { class: 'report-left' },
      h('nav', { class: 'report-nav' },
        ['指标', '表格', '图表', '问题', '数字', '引用'].map((t, i) =>
          h('button', { type: 'button', class: 'link', on: { click: () => this.querySelector(`#sec-${i}`)?.scrollIntoView({ block: 'start' }) } }, t))),
      h('section', { id: 'sec-0', class: 'parts' }, h('h3', null, '主要指标（按报告法定内容）'), this.renderParts()),
      report.tables.length ? h('section', { id: 'sec-1', class: 'official' }, h('h3', null, '标准表格（按官方格式）'), report.tables.map((t) => this.renderOfficial(t))) : h('section', { id: 'sec-1' }),
      h('section', { id: 'sec-2', class: 'chart' }, h('h3', null, '依申请公开办理结果'), this.renderChart()),
      h('section', { id: 'sec-3', class: 'findings' }, h('h3', null, '检查结果'), this.renderFindings()),
      h('section', { id: 'sec-4', class: 'figures' }, h('h3', null, `全部数字（${report.figures.length}）`), this.renderFigures()),
      h('section', { id: 'sec-5', class: 'citations' }, h('h3', null, `引用的文件（${report.citations.length}）`), this.renderCitations()),
    );

    this.append(
      h('div', { class: 'report-head' },
        h('button', { type: 'button', class: 'back', on: { click: actions.back } }, '← 返回概览'),
        h('h2', { class: 'report-title' }, report.file),
        h('dl', { class: 'facts' }, facts.filter(Boolean).map(([k, v]) => [h('dt', null, k), h('dd', null, String(v))])),
        h('p', { class: 'severity-line' },
          ['error', 'warning', 'info', 'ok'].map((sev) => h('span', { class: `badge ${sev}` }, `${SEVERITY[sev].label} ${counts[sev]}`))),
        h('div', { class: 'exports' }, '导出本报告：',
          h('button', { type: 'button', on: { click: () => actions.exportOne('csv') } }, 'CSV'),
          h('button', { type: 'button', on: { click: () => actions.exportOne('xlsx') } }, 'Excel'),
          h('button', { type: 'button', on: { click: () => actions.exportOne('json') } }, 'JSON'))),
      h('div', { class: 'report-body' }, left, h('div', { class: 'report-right' }, h('h3', null, '原文'), this.pane)),
    );
  }

  // Shows a place the findings list, the roll-up or year over year point at: a table cell
  // ({cell}), an indicator ({key}) or a span of the text ({span}); the cell or figure is lit and
  // its sentence shown in the text.
  reveal(place = {}) {
    let { cell, span } = place;
    if (place.key) {
      const ind = this.report.indicators.find((i) => i.key === place.key && i.scope === 'whole') || this.report.indicators.find((i) => i.key === place.key);
      if (ind) { cell = ind.cell; span = ind.span; }
    }
    const td = cell ? this.cellsByRef.get(refKey(cell)) : null;
    if (td) {
      this.querySelectorAll('td.flash').forEach((x) => x.classList.remove('flash'));
      td.classList.add('flash');
      td.scrollIntoView({ block: 'center' });
      span ||= this.cellSpan(cell);
    } else if (place.key) {
      this.querySelector(`tr[data-key="${CSS.escape(place.key)}"] td.value`)?.scrollIntoView({ block: 'center' });
    }
    if (span) this.focus(span);
    this.dataset.revealed = td ? 'cell' : span ? 'span' : '';
  }

  // Lights a span (and its sentence) in the text pane.
  focus(span, sentence) {
    if (!span) return;
    const sent = sentence || this.sentenceOf(span);
    this.pane.highlight(span, sent);
    this.pane.dataset.span = span.join(',');
  }

  sentenceOf(span) {
    const fig = this.report.figures.find((f) => f.span[0] <= span[0] && f.span[1] >= span[0]) ||
      this.report.figures.find((f) => f.sentence[0] <= span[0] && f.sentence[1] >= span[1]);
    return fig ? fig.sentence : sentenceAround(this.index, span);
  }

  clickable(el, span, sentence) {
    if (!span) return el;
    el.classList.add('src');
    el.tabIndex = 0;
    el.dataset.span = span.join(',');
    const go = () => {
      this.querySelectorAll('.src.active').forEach((x) => x.classList.remove('active'));
      el.classList.add('active');
      this.focus(span, sentence);
    };
    el.addEventListener('click', go);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
    return el;
  }

  renderParts() {
    const byPart = new Map(PARTS.map((p) => [p.id, []]));
    const other = [];
    for (const ind of this.report.indicators) {
      // A standard table's applicant columns are in the official table; here only its total.
      if (this.vocab.column(ind.key) && this.report.tables.length) continue;
      const part = partOf(this.vocab.base(ind.key));
      (part ? byPart.get(part) : other).push(ind);
    }
    const table = (inds) => {
      inds.sort((a, b) => this.vocab.order(a.key) - this.vocab.order(b.key) || (a.scope === b.scope ? 0 : a.scope === 'whole' ? -1 : 1));
      return h('table', { class: 'ind' },
        h('thead', null, h('tr', null, h('th', null, '指标'), h('th', null, '范围'), h('th', { class: 'n' }, '数值'), h('th', null, '单位'), h('th', null, '约数'))),
        h('tbody', null, inds.map((ind) => h('tr', { dataset: { key: ind.key } },
          h('td', null, this.vocab.label(ind.key)),
          h('td', null, SCOPE[ind.scope] || ind.scope),
          this.clickable(h('td', { class: 'n value', title: ind.quote }, num(ind.value)), ind.span),
          h('td', null, ind.unit),
          h('td', null, ind.approx || '')))));
    };
    return [
      ...PARTS.map((part) => {
        const inds = byPart.get(part.id);
        // The standard format has no table for the parts only legacy reports give in figures.
        const absent = part.legacy && this.report.meta.format === 'standard'
          ? '新版（表格）格式的年报不要求列出此部分的数字。' : '报告中未找到此部分的数字。';
        return h('div', { class: 'part', dataset: { part: part.id } }, h('h4', null, part.title),
          inds.length ? table(inds) : h('p', { class: 'none' }, absent));
      }),
      other.length ? h('div', { class: 'part' }, h('h4', null, '其他'), table(other)) : null,
    ];
  }

  renderOfficial(table) {
    return renderOfficial(table, this.vocab.layouts, (cell, ref) => this.renderCell(cell, ref));
  }

  renderCell(cell, ref) {
    const td = h('td', { class: 'n' }, cellText(cell));
    if (!cell) { td.classList.add('missing'); return td; }
    td.dataset.ref = refKey(ref);
    td.classList.add(`mark-${cell.mark}`);
    if (cell.guessed) { td.classList.add('guessed'); td.title = '单元格边界为推测'; }
    const flags = this.flagged.get(refKey(ref));
    if (flags) {
      td.classList.add('bad');
      td.title = flags.join('\n');
    }
    this.cellsByRef.set(refKey(ref), td);
    return this.clickable(td, cell.span, sentenceAround(this.index, cell.span));
  }

  renderChart() {
    const bars = [];
    for (const key of RESULT_BARS) {
      const ind = pick(this.report.indicators, key);
      if (ind) bars.push({ key, label: this.vocab.label(key), value: ind.value, ind });
    }
    if (!bars.length) return h('p', { class: 'none' }, '报告中未找到申请办理结果的数字。');
    const max = Math.max(1, ...bars.map((b) => b.value));
    // The label column fits the longest label (measured, not cut).
    const labelW = Math.max(...bars.map((b) => textWidth(b.label))) + 16;
    const W = labelW + 440, barH = 22, gap = 6, valueW = 70;
    const height = bars.length * (barH + gap) + gap;
    const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, width: W, height, role: 'img', class: 'bars', 'aria-label': '依申请公开办理结果' });
    bars.forEach((b, i) => {
      const y = gap + i * (barH + gap);
      const w = Math.max(b.value > 0 ? 2 : 0, ((W - labelW - valueW) * b.value) / max);
      const g = s('g', { class: 'bar', tabindex: 0 },
        s('title', null, `${b.label}：${num(b.value)}${b.ind.unit}`),
        s('text', { x: labelW - 8, y: y + barH * 0.7, 'text-anchor': 'end' }, b.label),
        s('rect', { x: labelW, y, width: w, height: barH, rx: 2 }),
        s('text', { x: labelW + w + 6, y: y + barH * 0.7, class: 'v' }, num(b.value)));
      g.addEventListener('click', () => this.focus(b.ind.span));
      svg.append(g);
    });
    return svg;
  }

  renderFindings() {
    const list = [...this.report.findings].sort((a, b) => SEVERITY[b.severity].order - SEVERITY[a.severity].order);
    if (!list.length) return h('p', { class: 'none' }, '没有检查结果。');
    return h('ul', { class: 'finding-list' }, list.map((f) => {
      let k = 0;
      const li = h('li', { class: `finding ${f.severity}`, dataset: { id: f.id } },
        h('span', { class: `badge ${f.severity}` }, SEVERITY[f.severity].label),
        h('span', { class: 'msg' }, f.message),
        f.spans.length > 1 ? h('span', { class: 'count' }, `（${f.spans.length} 处）`) : null);
      const spans = f.spans.length ? f.spans : f.cells.map((c) => this.cellSpan(c)).filter(Boolean);
      if (spans.length || f.cells.length) {
        li.classList.add('src');
        li.tabIndex = 0;
        const go = () => {
          this.querySelectorAll('td.flash').forEach((x) => x.classList.remove('flash'));
          for (const c of f.cells) this.cellsByRef.get(refKey(c))?.classList.add('flash');
          if (spans.length) this.focus(spans[k++ % spans.length]);
        };
        li.addEventListener('click', go);
        li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
      }
      return li;
    }));
  }

  cellSpan(ref) {
    const row = this.report.tables.find((t) => t.id === ref.table)?.rows[ref.row];
    return row?.cells.find((c) => c.column === ref.column)?.span || null;
  }

  renderFigures() {
    const figures = this.report.figures;
    const body = h('tbody');
    const note = h('p', { class: 'note' });
    const filter = h('input', { type: 'search', placeholder: '筛选：数字、单位、章节或句子中的文字', class: 'filter', 'aria-label': '筛选数字' });
    const rows = figures.map((f) => ({ f, hay: null }));
    const render = () => {
      const q = filter.value.trim();
      clear(body);
      let shown = 0, matched = 0;
      for (const row of rows) {
        if (q) {
          if (row.hay === null) row.hay = [num(row.f.value), row.f.unit || '', row.f.section.join(' '), this.index.slice(row.f.sentence)].join('\n');
          if (!row.hay.includes(q)) continue;
        }
        matched++;
        if (shown >= FIGURE_ROWS) continue;
        shown++;
        const f = row.f;
        const sentence = this.index.slice(f.sentence);
        body.append(this.clickable(h('tr', null,
          h('td', { class: 'n' }, num(f.value) + (f.percent ? '%' : '')),
          h('td', null, f.unit || ''),
          h('td', null, f.approx || ''),
          h('td', { class: 'sec' }, f.section[f.section.length - 1] || ''),
          h('td', { class: 'sent' }, sentence.length > 90 ? sentence.slice(0, 90) + '…' : sentence)), f.span, f.sentence));
      }
      note.textContent = matched > shown ? `共 ${matched} 条，只显示前 ${shown} 条；请用筛选缩小范围。` : `共 ${matched} 条。`;
    };
    filter.addEventListener('input', render);
    render();
    return [filter, note, h('table', { class: 'fig' },
      h('thead', null, h('tr', null, h('th', { class: 'n' }, '数值'), h('th', null, '单位'), h('th', null, '约数'), h('th', null, '章节'), h('th', null, '所在句子'))),
      body)];
  }

  renderCitations() {
    const cites = this.report.citations;
    if (!cites.length) return h('p', { class: 'none' }, '报告中没有引用文件。');
    return h('table', { class: 'cite' },
      h('thead', null, h('tr', null, h('th', null, '文件名称'), h('th', null, '文号'))),
      h('tbody', null, cites.map((c) => this.clickable(h('tr', null,
        h('td', null, c.title ? `《${c.title}》` : ''), h('td', null, c.number || '')), c.span))));
  }
}
customElements.define('nb-report', ReportView);
