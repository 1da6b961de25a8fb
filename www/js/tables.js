// The standard tables in the official layout, as a grid both the page and the Excel export
// draw: header rows with spans, then body rows of cells that point back to the report's
// table cells (for highlighting and for marking the cells a check flagged).
import { h } from './dom.js';
import { TABLE2_HEAD, TABLE3_HEAD, TABLE4_HEAD, TABLE_TITLES } from './meta.js';

// Header rows from the column paths (outermost first): equal neighbouring prefixes merge.
export function headerRows(paths) {
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const rows = [];
  for (let level = 0; level < depth; level++) {
    const row = [];
    for (let i = 0; i < paths.length; ) {
      const p = paths[i];
      if (p.length <= level) { i++; continue; }
      if (level === p.length - 1) {
        row.push({ text: p[level], col: i, colspan: 1, rowspan: depth - level });
        i++;
        continue;
      }
      let j = i + 1;
      const same = (q) => q.length > level + 1 && q.slice(0, level + 1).every((w, k) => w === p[k]);
      while (j < paths.length && same(paths[j])) j++;
      row.push({ text: p[level], col: i, colspan: j - i, rowspan: 1 });
      i = j;
    }
    rows.push(row);
  }
  return rows;
}

// One table of the report → {title, blocks: [{corner, paths, rows: [{label, cells: [{cell, ref}]}]}]}
// `ref` is {table, row, column}: the key findings use.
export function officialTable(table, layouts) {
  const title = TABLE_TITLES[table.id] || table.id;
  const ref = (r, column) => ({ table: table.id, row: r, column });
  const byColumn = (row, r, ids) => ids.map((id) => {
    const cell = row.cells.find((c) => c.column === id) || null;
    return { cell, ref: ref(r, id) };
  });
  if (table.id === 'table3') {
    const cols = layouts.table3.columns;
    const paths = cols.map((c) => c.id === 'natural_person' || c.id === 'total'
      ? [TABLE3_HEAD.applicants, c.header]
      : TABLE3_HEAD.orgColumns.includes(c.id) ? [TABLE3_HEAD.applicants, TABLE3_HEAD.orgs, c.header] : [TABLE3_HEAD.applicants, c.header]);
    const extra = extraColumns(table, cols.map((c) => c.id));
    const ids = [...cols.map((c) => c.id), ...extra];
    const rows = table.rows.map((row, r) => ({ label: rowPath(row, layouts), cells: byColumn(row, r, ids) }));
    return { title, blocks: [{ corner: TABLE3_HEAD.corner, paths: [...paths, ...extra.map((e) => [e])], rows }] };
  }
  if (table.id === 'table4') {
    const cols = layouts.table4.columns;
    const paths = [];
    const cells = [];
    for (const group of layouts.table4.groups) {
      const words = group.label.split('·');
      const r = table.rows.findIndex((row) => row.key === group.key);
      for (const c of cols) {
        paths.push(words.length > 1 ? [TABLE4_HEAD.litigation, ...words.slice(1), c.header] : [words[0], c.header]);
        cells.push(r < 0 ? { cell: null, ref: null } : byColumn(table.rows[r], r, [c.id])[0]);
      }
    }
    return { title, blocks: [{ corner: null, paths, rows: [{ label: null, cells }] }] };
  }
  if (table.id === 'table2') {
    const defs = layouts.table2[table.layout] || layouts.table2['2021'];
    const blocks = [];
    table.rows.forEach((row, r) => {
      const def = defs.find((d) => d.key === row.key);
      const cols = def ? def.columns : row.cells.map((c) => ({ id: c.column, header: c.column }));
      const ids = cols.map((c) => c.id).join(',');
      let block = blocks[blocks.length - 1];
      if (!block || block.ids !== ids) {
        block = { ids, corner: TABLE2_HEAD.item, paths: cols.map((c) => [c.header]), rows: [] };
        blocks.push(block);
      }
      block.rows.push({ label: row.label, cells: byColumn(row, r, cols.map((c) => c.id)) });
    });
    return { title, blocks };
  }
  // A table the page has no layout for: its rows as found.
  const ids = [...new Set(table.rows.flatMap((row) => row.cells.map((c) => c.column)))];
  return {
    title,
    blocks: [{ corner: '', paths: ids.map((id) => [id]), rows: table.rows.map((row, r) => ({ label: row.label, cells: byColumn(row, r, ids) })) }],
  };
}

// Where a row of table 3 stands in the template's row headers: 三、本年度办理结果 › （三）不予公开 › 1.…
function rowPath(row, layouts) {
  const key = row.key || '';
  if (!key.startsWith('apply.result.')) return [row.label];
  const group = layouts.table3.rows.find((g) => key.startsWith(g.key + '.'));
  return group ? [TABLE3_HEAD.results, group.label, row.label] : [TABLE3_HEAD.results, row.label];
}

// The row-header cells of a block: equal leading words of neighbouring rows merge (rowspan); a
// row's last word spans the remaining columns. Gives, per row, [{text, rowspan, colspan}].
export function labelCells(rows) {
  const paths = rows.map((r) => (Array.isArray(r.label) ? r.label : [r.label]));
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const same = (a, b, level) => b && a.length > level + 1 && b.length > level + 1 && a.slice(0, level + 1).every((w, k) => w === b[k]);
  return paths.map((p, i) => {
    const cells = [];
    p.forEach((text, level) => {
      const last = level === p.length - 1;
      if (!last && same(p, paths[i - 1], level)) return;
      let span = 1;
      if (!last) while (same(p, paths[i + span], level)) span++;
      cells.push({ text, rowspan: span, colspan: last ? depth - level : 1 });
    });
    return cells;
  });
}

export function labelDepth(rows) {
  return Math.max(1, ...rows.map((r) => (Array.isArray(r.label) ? r.label.length : 1)));
}

function extraColumns(table, known) {
  return [...new Set(table.rows.flatMap((row) => row.cells.map((c) => c.column)))].filter((id) => !known.includes(id));
}

export function refKey(ref) {
  return ref ? `${ref.table}|${ref.row}|${ref.column}` : '';
}

// Cells flagged by warnings and errors: refKey → messages.
export function flaggedCells(report) {
  const flagged = new Map();
  for (const f of report.findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    for (const c of f.cells) {
      const k = refKey(c);
      if (!flagged.has(k)) flagged.set(k, []);
      flagged.get(k).push(f.message);
    }
  }
  return flagged;
}

// What a cell shows: the number, or the mark as written (／ — blank).
export function cellText(cell) {
  if (!cell) return '';
  if (cell.mark === 'number' && cell.value !== null) return cell.raw || String(cell.value);
  return cell.raw;
}

// A table drawn in the official layout: `cell(cell, ref)` makes each body <td> (the report view
// and the roll-up each give theirs).
export function renderOfficial(table, layouts, cell) {
  const model = officialTable(table, layouts);
  return h('div', { class: 'official-table', dataset: { table: table.id } },
    h('h4', null, model.title, table.layout ? `（${table.layout} 年版格式）` : ''),
    model.blocks.map((block) => {
      const head = headerRows(block.paths);
      const depth = head.length;
      const labels = labelCells(block.rows);
      const span = (n) => (n > 1 ? n : null);
      return h('div', { class: 'table-wrap' }, h('table', { class: 'std' },
        h('thead', null, head.map((row, level) => h('tr', null,
          level === 0 && block.corner !== null ? h('th', { rowspan: span(depth), colspan: span(labelDepth(block.rows)), class: 'corner' }, block.corner) : null,
          row.map((c) => h('th', { colspan: span(c.colspan), rowspan: span(c.rowspan) }, c.text))))),
        h('tbody', null, block.rows.map((row, i) => h('tr', null,
          block.corner !== null ? labels[i].map((c) => h('th', { class: 'label', rowspan: span(c.rowspan), colspan: span(c.colspan) }, c.text)) : null,
          row.cells.map(({ cell: c, ref }) => cell(c, ref)))))));
    }));
}
