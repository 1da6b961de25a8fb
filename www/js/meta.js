// What the page shows where, as data: the statutory parts of a report and the indicator keys
// each gathers and the overview's key columns. Table layouts and their headers come from the
// templates the wasm module gives (`layouts()`). Labels of indicators come from
// src/rules/indicators.tsv through the module (`labels()`), never from here.

// The parts of a report the regulation asks for, in the order of the report.
// `keys`: exact keys or prefixes ending in '.' (every key under them).
// `legacy`: a part only the legacy (pre-2019) format reports in figures; a standard report
// that has none is not missing anything.
export const PARTS = [
  { id: 'proactive', title: '主动公开政府信息', keys: ['proactive.', 'press_conference', 'reading_points', 'std.'] },
  { id: 'apply', title: '依申请公开：收到申请与申请渠道', keys: ['apply.received', 'apply.answered', 'apply.carried_in', 'apply.carried_out', 'apply.channel.'] },
  { id: 'results', title: '依申请公开：办理结果', keys: ['apply.result.', 'withheld'] },
  { id: 'review', title: '行政复议与行政诉讼', keys: ['reconsideration.', 'litigation.'] },
  { id: 'fees', title: '收费及减免', keys: ['fees.'], legacy: true },
  { id: 'consult', title: '咨询', keys: ['consult.'], legacy: true },
  { id: 'staff', title: '机构与人员', keys: ['staff.'], legacy: true },
  { id: 'npc', title: '人大代表建议与政协委员提案', keys: ['npc_suggestions', 'cppcc_proposals'], legacy: true },
];

// The part of a key without column (`vocab.base(key)`: the module parses keys, not the page).
export function partOf(base) {
  for (const part of PARTS) {
    if (part.keys.some((k) => (k.endsWith('.') ? base.startsWith(k) : base === k))) return part.id;
  }
  return null;
}

// Overview columns: indicator key → short header (`sum`: the keys whose sum stands in for it
// when the report does not state it, as a standard table gives 行政诉讼 in two groups).
export const KEY_COLUMNS = [
  { key: 'proactive.total', head: '主动公开' },
  { key: 'apply.received', head: '收到申请' },
  { key: 'apply.result.granted', head: '予以公开' },
  { key: 'reconsideration.total', head: '行政复议' },
  { key: 'litigation.total', head: '行政诉讼', sum: ['litigation.direct.total', 'litigation.after_review.total'] },
];

// The application results drawn in the chart, in the order of the regulation.
export const RESULT_BARS = [
  'apply.result.already_public', 'apply.result.granted', 'apply.result.partial', 'apply.result.denied',
  'apply.result.unable', 'apply.result.not_this_agency', 'apply.result.not_exist', 'apply.result.not_processed',
  'apply.result.amend', 'apply.result.other_route', 'apply.result.withdrawn', 'apply.result.other',
];

export const SEVERITY = {
  error: { label: '错误', order: 3 },
  warning: { label: '警告', order: 2 },
  info: { label: '提示', order: 1 },
  ok: { label: '通过', order: 0 },
};

export const SCRIPT = { simplified: '简体', traditional: '繁体', mixed: '简繁混合' };
export const FORMAT = { legacy: '旧版（文字）', standard: '新版（表格）' };
export const SOURCE = { text: '文本', html: '网页', docx: 'Word', pdf: 'PDF' };
// What the 来源 column says: the kind of file, and the encoding only where there was one to
// detect (a .docx is always UTF-8 inside, a PDF has none).
export function sourceText(meta) {
  const kind = SOURCE[meta.source] || meta.source;
  return meta.source === 'text' || meta.source === 'html' ? `${kind} ${meta.encoding}` : kind;
}

// The checks across reports (src/batch), for the findings list's filter.
export const BATCH_CHECKS = {
  'batch.duplicate': '同一份报告重复',
  'batch.same_year': '同一年度多份报告',
  'yoy.jump': '逐年变化过大',
  'carryover.mismatch': '结转数不一致',
  'yoy.same_table': '表格与上年相同',
  'yoy.repeated_text': '文字与上年重复',
};
export const SCOPE = { whole: '全部', own: '本级' };

// Files taken from folders and archives (a file dropped on its own is always tried).
export const READABLE = ['.txt', '.text', '.htm', '.html', '.shtml', '.xhtml', '.docx', '.pdf'];
