// The analysis worker: loads the wasm module on the first call and answers one message at a
// time, so the page never freezes. Messages: {id, op, args}; answers: {id, ok, value} or
// {id, ok: false, error, crashed}. `crashed` means the module aborted (a panic): the bridge
// then ends this worker and starts a fresh one.
import init, * as nb from '../pkg/nianbao.js';
import { summarize } from './summary.js';

let ready = null;
let xlsxReady = null;
let lastConsoleError = '';

// A panic is printed by console_error_panic_hook just before the module aborts: keep it.
const consoleError = console.error.bind(console);
console.error = (...args) => {
  lastConsoleError = args.map(String).join(' ');
  consoleError(...args);
};

function load(wasm) {
  // wasm: bytes (the single-file page posts them) or nothing (fetched beside the glue).
  if (!ready) ready = init(wasm ? { module_or_path: wasm } : undefined);
  return ready;
}

// {json, csv, digest, agency_key} from the module → plus the overview's summary and the time
// the module took.
function timed(analyze) {
  const t0 = performance.now();
  const { json, csv, digest, agency_key } = analyze();
  const ms = performance.now() - t0;
  return { json, csv, digest, agencyKey: agency_key, ms, summary: summarize(JSON.parse(json)) };
}

const ops = {
  async init({ wasm }) {
    await load(wasm);
    return { version: nb.version(), vocabulary: nb.vocabulary(), layouts: nb.layouts(), csvHeader: nb.csv_header(), inputs: nb.inputs() };
  },
  analyze({ bytes, name }) { return timed(() => nb.analyze_for_page(bytes, name)); },
  analyzeText({ text, name }) { return timed(() => nb.analyze_text_for_page(text, name)); },
  analyzePdfItems({ items, name }) { return timed(() => nb.analyze_pdf_items_for_page(items, name)); },
  unzip({ bytes }) { return nb.unzip(bytes); },
  // Across reports: `digests` is the JSON array of the reports' digests.
  compare({ digests }) { return JSON.parse(nb.compare(digests)); },
  rollup({ digests }) { return JSON.parse(nb.rollup(digests)); },
  rollupWorkbook({ digests }) { return nb.rollup_workbook(digests); },
  // The Excel writer is a module of its own, loaded on the first export.
  async xlsx({ workbook, wasm }) {
    if (!xlsxReady) {
      xlsxReady = import('../pkg/nianbao_xlsx.js').then(async (m) => {
        await m.default(wasm ? { module_or_path: wasm } : undefined);
        return m;
      });
      xlsxReady.catch(() => { xlsxReady = null; });
    }
    return (await xlsxReady).build_xlsx(workbook);
  },
};

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  try {
    if (op !== 'init') await load();
    const value = await ops[op](args || {});
    const transfer = [];
    if (value instanceof Uint8Array) transfer.push(value.buffer);
    else if (Array.isArray(value)) for (const m of value) if (m && m.bytes) transfer.push(m.bytes.buffer);
    self.postMessage({ id, ok: true, value }, transfer);
  } catch (e) {
    const crashed = e instanceof WebAssembly.RuntimeError;
    const detail = crashed && lastConsoleError ? '：' + lastConsoleError.split('\n').slice(0, 2).join(' ') : '';
    const error = crashed ? '分析模块内部出错（程序缺陷，请反馈此文件）' + detail : (e && e.message) || String(e);
    self.postMessage({ id, ok: false, error, crashed });
  }
};
