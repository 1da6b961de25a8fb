// The tables in the layout of their form, as a grid both the page and the Excel export
// draw: header rows with spans, then body rows of cells that point back to the report's
// table cells (for highlighting and for marking the cells a check flagged).
import { h } from './dom.js';

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

// One table of the report → {title, edition, blocks: [{corner, paths, rows: [{label, cells: [{cell, ref}]}]}]},
// drawn from the table's template as the wasm module describes it (`layouts()`: rows with their
// merged row headers, cells with their header paths). `ref` is {table, row, column}: the key
// findings use.
export function officialTable(table, templates) {
  const tpl = (templates || []).find((t) => t.table === table.id && t.layout === table.layout);
  const ref = (r, column) => ({ table: table.id, row: r, column });
  const byColumn = (row, r, ids) => ids.map((id) => {
    const cell = row.cells.find((c) => c.column === id) || null;
    return { cell, ref: ref(r, id) };
  });
  const defOf = (row) => tpl && tpl.rows.find((d) => (d.key ? d.key === row.key : !row.key && d.label === row.label));
  if (tpl && tpl.one_line) {
    // The form draws this table as one line of figures: each row is a group of columns.
    const paths = [];
    const cells = [];
    for (const def of tpl.rows) {
      const r = table.rows.findIndex((row) => defOf(row) === def);
      for (const c of def.columns) {
        paths.push([...def.groups, def.label, ...c.header]);
        cells.push(r < 0 ? { cell: null, ref: null } : byColumn(table.rows[r], r, [c.id])[0]);
      }
    }
    return { title: tpl.title, edition: tpl.edition, blocks: [{ corner: null, paths, rows: [{ label: null, cells }] }] };
  }
  // Rows in order; neighbouring rows with the same columns share one header.
  const blocks = [];
  table.rows.forEach((row, r) => {
    const def = defOf(row);
    const cols = def ? def.columns : row.cells.map((c) => ({ id: c.column, header: [c.column] }));
    const known = cols.map((c) => c.id);
    const extra = row.cells.map((c) => c.column).filter((id) => !known.includes(id));
    const ids = [...known, ...extra];
    let block = blocks[blocks.length - 1];
    if (!block || block.ids !== ids.join(',')) {
      block = { ids: ids.join(','), corner: tpl ? tpl.corner : '', paths: [...cols.map((c) => c.header), ...extra.map((e) => [e])], rows: [] };
      blocks.push(block);
    }
    const path = def ? [...def.groups, def.label] : [row.label];
    block.rows.push({ label: path.length > 1 ? path : path[0], cells: byColumn(row, r, ids) });
  });
  return { title: tpl ? tpl.title : table.id, edition: tpl ? tpl.edition : '', blocks };
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
    h('h4', null, model.title, model.edition ? `（${model.edition}）` : ''),
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
