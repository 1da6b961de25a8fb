// The page: gathers files, runs them through the worker one at a time (cancellable, a bad file
// never stops the rest), fills the overview, opens a report, exports. The single-file build
// (dist/nianbao.html) sets NIANBAO_DIST with the module, the worker and the samples inline.
import { h, clear, download } from './dom.js';
import { WorkerPool } from './bridge.js';
import { filesFromDrop, filesFromInput, jobsFromFiles, isPdf } from './inputs.js';
import { pdfItems } from './pdf.js';
import { csvOf, jsonOf, workbookOf, baseName } from './exports.js';
import './text.js';
import './report.js';
import './overview.js';

const dist = globalThis.NIANBAO_DIST || null;
const $ = (sel) => document.querySelector(sel);

// One worker per core (at most 4; the page itself keeps a core busy with the results).
// `?workers=N` overrides it (for the benchmark).
const WORKERS = Number(new URLSearchParams(location.search).get('workers')) ||
  Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2));
const bridge = new WorkerPool(dist
  ? { workerUrl: dist.workerUrl, wasm: dist.wasm() }
  : { workerUrl: new URL('./worker.js', import.meta.url) }, WORKERS);

const state = { entries: [], nextId: 1, running: null, vocab: null, current: null, pasted: 0 };

// ---- vocabulary: labels from indicators.tsv, table layouts, through the module -------------
async function vocab() {
  if (state.vocab) return state.vocab;
  const info = await bridge.start();
  // Every key text an indicator may carry, looked up whole: the module parsed them.
  const keys = info.vocabulary.keys;
  state.vocab = {
    version: info.version,
    csvHeader: info.csvHeader,
    layouts: info.layouts,
    label: (key) => keys[key]?.label || key,
    order: (key) => keys[key]?.order ?? 1e6,
    base: (key) => keys[key]?.base || key,
    column: (key) => keys[key]?.column || null,
  };
  $('#version').textContent = 'v' + info.version;
  return state.vocab;
}

// ---- running a batch ------------------------------------------------------------------------
async function analyzeJob(job) {
  if (job.error) throw new Error(job.error);
  if (job.text !== undefined) return bridge.call('analyzeText', { text: job.text, name: job.name });
  const bytes = job.bytes || new Uint8Array(await job.file.arrayBuffer());
  if (job.pdf || isPdf(job.name, bytes)) {
    const items = await pdfItems(bytes);
    return bridge.call('analyzePdfItems', { items, name: job.name });
  }
  return bridge.call('analyze', { bytes, name: job.name }, [bytes.buffer]);
}

async function run(jobs) {
  if (!jobs.length) return;
  if (state.running) {
    state.running.queue.push(...jobs);
    state.running.total += jobs.length;
    showProgress(state.running);
    return;
  }
  const batch = { queue: [...jobs], total: jobs.length, done: 0, cancelled: false, started: performance.now(), results: [], current: '' };
  state.running = batch;
  document.body.classList.add('busy');
  const overview = $('nb-overview');
  showView('overview');
  showProgress(batch);
  try {
    await vocab();
  } catch (e) {
    batch.queue.forEach((job) => overview.add({ id: state.nextId++, name: job.name, status: 'error', error: e.message }));
    batch.queue = [];
  }
  // Lanes: a few files in flight per worker, so reading files and drawing rows overlap analysis.
  const lane = async () => {
    while (batch.queue.length && !batch.cancelled) {
      const job = batch.queue.shift();
      const entry = { id: state.nextId++, name: job.name, status: 'pending' };
      batch.current = job.name;
      try {
        performance.mark('nb-job-start');
        const result = await analyzeJob(job);
        performance.mark('nb-job-end');
        Object.assign(entry, { status: 'done', summary: result.summary, csv: result.csv, json: result.json, ms: result.ms });
        withReport(entry);
      } catch (e) {
        Object.assign(entry, { status: 'error', error: (e && e.message) || String(e) });
      }
      state.entries.push(entry);
      overview.add(entry);
      batch.results.push(entry);
      batch.done++;
      showProgress(batch);
    }
  };
  await Promise.all(Array.from({ length: bridge.size * 2 }, lane));
  // Rows came in as files finished: put them back in the order the files were given.
  if (batch.results.some((e, i) => i && e.id < batch.results[i - 1].id)) overview.order((a, b) => a.id - b.id);
  overview.flush();
  const cancelled = batch.cancelled ? batch.queue.length : 0;
  batch.queue = [];
  state.running = null;
  document.body.classList.remove('busy');
  const ms = Math.round(performance.now() - batch.started);
  $('#progress').hidden = true;
  const ok = batch.results.filter((e) => e.status === 'done').length;
  setStatus(`已分析 ${batch.done} 个文件（成功 ${ok} 个${batch.done - ok ? `，失败 ${batch.done - ok} 个` : ''}${cancelled ? `，取消 ${cancelled} 个` : ''}），用时 ${ms} 毫秒。`);
  document.body.dataset.analyzed = String(state.entries.length);
  updateExports();
  if (batch.results.length === 1 && ok === 1 && !cancelled) openReport(batch.results[0]);
}

// Progress is drawn at most once a frame.
let progressFrame = 0;
function showProgress(batch) {
  if (progressFrame) return;
  progressFrame = requestAnimationFrame(() => {
    progressFrame = 0;
    if (state.running !== batch) return;
    $('#progress').hidden = false;
    $('#progress-text').textContent = `正在分析 ${Math.min(batch.done + 1, batch.total)} / ${batch.total}：${batch.current}`;
    const bar = $('#progress-bar');
    bar.max = batch.total;
    bar.value = batch.done;
  });
}

function setStatus(text) {
  $('#status').textContent = text;
}

// ---- views ----------------------------------------------------------------------------------
// entry.report: the report object, parsed from its JSON line the first time it is needed.
function withReport(entry) {
  let report = null;
  Object.defineProperty(entry, 'report', { get: () => report || (report = JSON.parse(entry.json)), configurable: true });
}

function showView(name) {
  $('#overview-view').hidden = name !== 'overview';
  $('#report-view').hidden = name !== 'report';
  document.body.dataset.view = name;
}

async function openReport(entry) {
  const vocabulary = await vocab();
  state.current = entry;
  const view = $('nb-report');
  const t0 = performance.now();
  view.show(entry, vocabulary, {
    back: () => showView('overview'),
    exportOne: (kind) => exportEntries([entry], kind),
  });
  showView('report');
  performance.mark('nb-report-shown');
  window.scrollTo(0, 0);
  document.body.dataset.reportMs = String(Math.round(performance.now() - t0));
}

function updateExports() {
  const n = state.entries.filter((e) => e.status === 'done').length;
  for (const b of document.querySelectorAll('#export-all button')) b.disabled = n === 0;
  $('#count').textContent = state.entries.length ? `${state.entries.length} 个文件，${n} 份报告` : '';
}

async function exportEntries(entries, kind) {
  entries = entries.filter((e) => e.status === 'done');
  if (!entries.length) return;
  const vocabulary = await vocab();
  const name = baseName(entries);
  try {
    if (kind === 'csv') download(name + '.csv', csvOf(entries, vocabulary.csvHeader), 'text/csv;charset=utf-8');
    else if (kind === 'json') download(name + '.json', jsonOf(entries), 'application/json');
    else if (kind === 'xlsx') {
      setStatus('正在生成 Excel 文件…');
      const bytes = await bridge.call('xlsx', { workbook: workbookOf(entries, vocabulary), wasm: dist ? dist.xlsxWasm() : null });
      download(name + '.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      setStatus(`已导出 ${entries.length} 份报告到 Excel。`);
    }
  } catch (e) {
    setStatus('导出失败：' + e.message);
  }
}

// ---- inputs ---------------------------------------------------------------------------------
async function takeFiles(files) {
  try {
    run(await jobsFromFiles(files, bridge));
  } catch (e) {
    setStatus('无法读取文件：' + e.message);
  }
}

async function loadSamples() {
  let samples;
  if (dist) samples = dist.samples();
  else {
    const list = await (await fetch('samples/index.json')).json();
    samples = await Promise.all(list.map(async (name) => ({ name, bytes: new Uint8Array(await (await fetch('samples/' + encodeURIComponent(name))).arrayBuffer()) })));
  }
  run(samples.map((s) => ({ name: s.name, bytes: s.bytes, pdf: isPdf(s.name, s.bytes) })));
}

function wire() {
  // Files can be dropped anywhere on the page (the zone lights up); a drop never navigates away.
  const zone = $('#drop');
  const carriesFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  for (const ev of ['dragenter', 'dragover']) {
    window.addEventListener(ev, (e) => {
      e.preventDefault();
      if (carriesFiles(e)) zone.classList.add('over');
    });
  }
  window.addEventListener('dragleave', (e) => { if (!e.relatedTarget) zone.classList.remove('over'); });
  window.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (!carriesFiles(e)) return;
    document.body.dataset.dropAt = String(performance.now());
    takeFiles(await filesFromDrop(e.dataTransfer));
  });

  $('#file-input').addEventListener('change', (e) => { takeFiles(filesFromInput(e.target)); e.target.value = ''; });
  $('#folder-input').addEventListener('change', (e) => { takeFiles(filesFromInput(e.target)); e.target.value = ''; });
  $('#pick-files').addEventListener('click', () => $('#file-input').click());
  $('#pick-folder').addEventListener('click', () => $('#folder-input').click());
  $('#samples').addEventListener('click', () => loadSamples().catch((e) => setStatus('无法载入示例：' + e.message)));
  $('#paste-go').addEventListener('click', () => {
    const text = $('#paste').value;
    if (!text.trim()) { setStatus('请先粘贴报告文字。'); return; }
    state.pasted++;
    run([{ name: `粘贴的文字-${state.pasted}.txt`, text }]);
  });
  $('#cancel').addEventListener('click', () => {
    if (state.running) state.running.cancelled = true;
  });
  $('#clear').addEventListener('click', () => {
    if (state.running) return;
    state.entries = [];
    $('nb-overview').clear();
    document.body.dataset.analyzed = '0';
    updateExports();
    setStatus('');
  });
  for (const b of document.querySelectorAll('#export-all button')) {
    b.addEventListener('click', () => exportEntries(state.entries, b.dataset.kind));
  }
  $('nb-overview').onOpen = openReport;
  updateExports();
  // Load the module while the user picks files.
  vocab().catch((e) => setStatus('分析模块无法加载：' + e.message));
}

wire();
// For tests and the benchmark: the page's state and entry points (no secrets here).
globalThis.nianbao = { state, run, openReport, bridge, vocab };
