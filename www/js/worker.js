// The analysis worker: answers one message at a time, so the page never freezes. Messages:
// {id, op, args}; answers: {id, ok, value} or {id, ok: false, error, crashed}. `crashed` means
// a module aborted (a panic): the bridge then ends this worker and starts a fresh one.
//
// A classic worker: scripts/build-web.py bundles this file with the wasm-bindgen glue into
// pkg/worker.js (esbuild), which every browser of the floor can start (module workers came to
// Firefox only with 114). The analyzer module comes as bytes with `init` (the page has checked
// them with WebAssembly.validate); the .docx/.zip reader, the checks across reports and the
// Excel writer are fetched (or, in the single file, decoded from base64) on first use.
import initAnalyzer, * as nb from '../pkg/nianbao.js';
import initDocx, * as docx from '../pkg/nianbao_docx.js';
import initBatch, * as batch from '../pkg/nianbao_batch.js';
import initXlsx, * as xlsx from '../pkg/nianbao_xlsx.js';
import { summarize } from './summary.js';
import { isPdf } from './inputs.js';
import { Store } from './store.js';

let ready = null;
let sources = {};
const lazy = {};
let lastConsoleError = '';

// A panic is printed by console_error_panic_hook just before the module aborts: keep it.
const consoleError = console.error.bind(console);
console.error = (...args) => {
  lastConsoleError = args.map(String).join(' ');
  consoleError(...args);
};

// Said when a module's bytes do not validate: the browser's WebAssembly lacks a feature.
const TOO_OLD = '浏览器的 WebAssembly 功能不全，无法载入';

function fromBase64(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// The lazily loaded modules: {url} (served page) or {base64} (the single file).
const LAZY = {
  docx: { init: initDocx, exports: docx, label: 'Word/压缩包读取模块' },
  batch: { init: initBatch, exports: batch, label: '跨报告检查模块' },
  xlsx: { init: initXlsx, exports: xlsx, label: 'Excel 导出模块' },
};

function module(name) {
  if (!lazy[name]) {
    const { init, exports, label } = LAZY[name];
    lazy[name] = (async () => {
      const source = sources[name] || {};
      let bytes;
      if (source.base64) bytes = fromBase64(source.base64);
      else {
        const res = await fetch(source.url);
        if (!res.ok) throw new Error(`无法载入${label}（${res.status}）`);
        bytes = new Uint8Array(await res.arrayBuffer());
      }
      if (!WebAssembly.validate(bytes)) throw new Error(TOO_OLD + label);
      await init({ module_or_path: bytes });
      return exports;
    })();
    lazy[name].catch(() => { lazy[name] = null; });
  }
  return lazy[name];
}

// {json, csv, digest, agency_key} from the module → plus the overview's summary and the time
// the module took. With `keep` (the entry's id), the report ({json, csv}) is kept in IndexedDB
// here and the answer says `kept` instead of carrying it: in a batch of a thousand files, the
// page then neither receives nor writes the reports, which cost it more than the analysis
// costs a worker. Where IndexedDB cannot be opened, the report goes to the page as without `keep`.
async function timed(analyze, keep) {
  const t0 = performance.now();
  const { json, csv, digest, agency_key } = analyze();
  const ms = performance.now() - t0;
  const result = { digest, agencyKey: agency_key, ms, summary: summarize(JSON.parse(json)) };
  if (keep != null && await store.open()) return { ...result, kept: true, chunk: keepLater(keep, { json, csv }) };
  return { ...result, json, csv };
}

// The reports wait here and are written together (one record: store.js), a few times a second,
// while the worker answers at once: a transaction costs the browser about a millisecond
// whatever it holds, and one per report (or per two or three: a worker has only a few files in
// flight) cost the batch more than the page's own work. The page asks for `settle` before it reads reports back
// from IndexedDB and at the end of a batch; a report that could not be written goes to the page
// with the next answer (`unkept`), to be kept in memory as if it had never been kept here.
const store = new Store();
const KEEP_EVERY = 48;
const KEEP_MS = 250;
let waiting = [];
let unkept = [];
let keepTimer = 0;
// Returns the key of the record the report will be in.
function keepLater(id, report) {
  waiting.push([id, report]);
  const chunk = waiting[0][0];
  if (waiting.length >= KEEP_EVERY) writeWaiting();
  else keepTimer ||= setTimeout(writeWaiting, KEEP_MS);
  return chunk;
}

// Resolves once every report given so far is written (or known unkept).
function writeWaiting() {
  clearTimeout(keepTimer);
  keepTimer = 0;
  const reports = waiting;
  waiting = [];
  if (!reports.length) return store.writing;
  return store.keepReports(reports).then((ok) => {
    if (!ok) unkept.push(...reports);
  });
}

const ops = {
  async init({ wasm, modules }) {
    sources = modules || {};
    if (!ready) ready = initAnalyzer({ module_or_path: wasm });
    await ready;
    return { version: nb.version(), vocabulary: nb.vocabulary(), layouts: nb.layouts(), csvHeader: nb.csv_header(), inputs: nb.inputs() };
  },
  async analyze({ bytes, name, keep }) {
    // A .docx (any zip) is read by its own module; the analyzer takes the text from there.
    if (nb.file_kind(bytes, name) === 'zip') {
      const text = (await module('docx')).docx_text(bytes);
      return timed(() => nb.analyze_docx_text_for_page(text, name), keep);
    }
    return timed(() => nb.analyze_for_page(bytes, name), keep);
  },
  // A file the page was given: read here, off the page's thread. A PDF goes back to the page
  // ({pdf: true}), which takes its text out with pdf.js.
  async analyzeFile({ file, name, keep }) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (isPdf(name, bytes)) return { pdf: true };
    return ops.analyze({ bytes, name, keep });
  },
  analyzeText({ text, name, keep }) { return timed(() => nb.analyze_text_for_page(text, name), keep); },
  analyzePdfItems({ items, name, keep }) { return timed(() => nb.analyze_pdf_items_for_page(items, name), keep); },
  async unzip({ bytes }) { return (await module('docx')).unzip(bytes); },
  // Across reports: `digests` is the JSON array of the reports' digests.
  async compare({ digests }) { return JSON.parse((await module('batch')).compare(digests)); },
  async rollup({ digests }) { return JSON.parse((await module('batch')).rollup(digests)); },
  async rollupWorkbook({ digests }) { return (await module('batch')).rollup_workbook(digests); },
  async xlsx({ workbook }) { return (await module('xlsx')).build_xlsx(workbook); },
  async settle() { await writeWaiting(); return true; },
};

// The reports that could not be written, handed to the page with an answer.
function takeUnkept() {
  if (!unkept.length) return undefined;
  const reports = unkept;
  unkept = [];
  return reports;
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  try {
    if (op !== 'init') {
      if (!ready) throw new Error('分析模块尚未载入');
      await ready;
    }
    const value = await ops[op](args || {});
    const transfer = [];
    if (value instanceof Uint8Array) transfer.push(value.buffer);
    else if (Array.isArray(value)) for (const m of value) if (m && m.bytes) transfer.push(m.bytes.buffer);
    self.postMessage({ id, ok: true, value, unkept: takeUnkept() }, transfer);
  } catch (e) {
    const crashed = e instanceof WebAssembly.RuntimeError;
    // The bridge ends a crashed worker: the reports it was still to write are written first.
    if (crashed) await writeWaiting().catch(() => {});
    const detail = crashed && lastConsoleError ? '：' + lastConsoleError.split('\n').slice(0, 2).join(' ') : '';
    const error = crashed ? '分析模块内部出错（程序缺陷，请反馈此文件）' + detail : (e && e.message) || String(e);
    self.postMessage({ id, ok: false, error, crashed, unkept: takeUnkept() });
  }
};
