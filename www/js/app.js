// The page: gathers files, runs them through the workers (cancellable, a bad file never stops
// the rest), fills the overview, keeps the work in IndexedDB, runs the checks across reports
// (the wasm module's `compare`) after each batch, and draws the overview's tabs: the report list,
// the findings across all reports, year over year, the roll-up, the charts. The single-file
// build (dist/nianbao.html) sets NIANBAO_DIST with the module, the worker and the samples inline.
import { h, clear, download } from './dom.js';
import { WorkerPool } from './bridge.js';
import { analyzerModule, lazyModules, pdfjsBuild, unsupported, Unsupported } from './support.js';
import { filesFromDrop, filesFromInput, jobsFromFiles, isPdf } from './inputs.js';
import { pdfItems } from './pdf.js';
import { csvOf, jsonOf, workbookOf, rollupSheet, baseName } from './exports.js';
import { Store } from './store.js';
import { buildSheets } from './print.js';
import { RESULT_BARS } from './meta.js';
import './text.js';
import './report.js';
import './overview.js';
import './findings.js';
import './years.js';
import './rollup.js';
import './charts.js';

const dist = globalThis.NIANBAO_DIST || null;
const $ = (sel) => document.querySelector(sel);

// One worker per core (at most 4; the page itself keeps a core busy with the results).
// `?workers=N` overrides it (for the benchmark).
const WORKERS = Number(new URLSearchParams(location.search).get('workers')) ||
  Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2));
const bridge = new WorkerPool({
  workerUrl: dist ? dist.workerUrl : new URL('../pkg/worker.js', import.meta.url),
  modules: lazyModules(dist),
}, WORKERS);

// Before any work starts: the pdf.js build is chosen, the analyzer module validates, and a
// worker starts with it (support.js). What fails is named in check.js's Chinese message.
globalThis.nianbaoStarted = true;
let started = null;
function startup() {
  if (!started) {
    started = (async () => {
      pdfjsBuild();
      await bridge.useModule(analyzerModule(dist));
      try {
        return await bridge.start();
      } catch (e) {
        throw new Unsupported(['后台分析线程（Web Worker）'], e);
      }
    })();
  }
  return started;
}

const store = new Store();
const state = { entries: [], nextId: 1, running: null, vocab: null, current: null, pasted: 0, skipped: [], batch: null, tab: 'list', restored: null };

// ---- vocabulary: labels from indicators.tsv, table layouts, file kinds, through the module ----
async function vocab() {
  if (state.vocab) return state.vocab;
  const info = await startup();
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
    inputs: info.inputs,
  };
  $('#version').textContent = 'v' + info.version;
  return state.vocab;
}

// ---- running a batch ------------------------------------------------------------------------
// `keep`: the entry's id, for the worker to keep the report in IndexedDB itself (worker.js);
// null to have the report in the answer (a single file, opened at once). `queue`: the jobs
// waiting after this one, whose files may be read with its own.
async function analyzeJob(job, keep, queue = []) {
  if (job.error) throw new Error(job.error);
  const name = job.name;
  if (job.text !== undefined) return bridge.call('analyzeText', { text: job.text, name, keep });
  let bytes = job.bytes || (job.file && !job.pdf && await readAhead(job, queue));
  // A file read with no other is read by the worker (a File crosses as a handle): the page only
  // reads a PDF, whose text pdf.js takes out here.
  if (!bytes && job.file && !job.pdf) {
    const result = await bridge.call('analyzeFile', { file: job.file, name, keep });
    if (!result.pdf) return result;
  }
  bytes ||= new Uint8Array(await job.file.arrayBuffer());
  if (job.pdf || isPdf(name, bytes)) {
    const items = await pdfItems(bytes);
    return bridge.call('analyzePdfItems', { items, name, keep });
  }
  return bridge.call('analyze', { bytes, name, keep }, [bytes.buffer]);
}

// The files of a batch are read many at once, as one Blob of them: a read costs the browser
// (its IO threads, and the reading thread here or in a worker) about 0.3 ms of CPU whatever it
// holds, which for a thousand files was 0.3–0.4 s of the two cores the analysis needs. A job's
// read takes the files queued after it (at most 64 files, 4 MB; no PDF, which pdf.js reads), and
// the jobs taken with it find their bytes waiting. Resolves to the job's bytes, or null when it
// is read alone (by the worker) or the group could not be read (each file then alone, so that
// a file that cannot be read has its own error).
const GROUP_FILES = 64;
const GROUP_BYTES = 4 << 20;
function readAhead(job, queue) {
  if (!job.read) {
    const group = [job];
    let size = job.file.size;
    for (const next of queue) {
      if (!next.file || next.pdf || next.read) continue;
      if (group.length >= GROUP_FILES || size + next.file.size > GROUP_BYTES) break;
      group.push(next);
      size += next.file.size;
    }
    if (group.length === 1) return null;
    const read = new Blob(group.map((j) => j.file)).arrayBuffer().then((buffer) => {
      const bytes = new Map();
      let at = 0;
      for (const j of group) {
        // A copy each, to be handed over to a worker on its own.
        bytes.set(j, new Uint8Array(buffer.slice(at, at + j.file.size)));
        at += j.file.size;
      }
      return bytes;
    }, () => null);
    for (const j of group) j.read = read.then((bytes) => bytes?.get(j) || null);
  }
  return job.read;
}

// A file is the same file when its name and size are: given again, it is not analysed twice.
const sameFile = (job) => `${job.name}\u0000${job.size ?? ''}`;

async function run(jobs, skipped = []) {
  noteSkipped(skipped);
  // The same file given twice (in this drop, or already in the list) gives one row.
  const known = new Set(state.entries.map((e) => e.fileKey).filter(Boolean));
  if (state.running) for (const j of state.running.queue) known.add(sameFile(j));
  let repeated = 0;
  jobs = jobs.filter((j) => {
    if (j.text !== undefined || j.error) return true;
    const key = sameFile(j);
    if (known.has(key)) { repeated++; return false; }
    known.add(key);
    return true;
  });
  if (state.running) {
    state.running.queue.push(...jobs);
    state.running.total += jobs.length;
    state.running.repeated += repeated;
    showProgress(state.running);
    return;
  }
  if (!jobs.length) {
    if (repeated || skipped.length) setStatus(batchNote({ repeated, skipped: skipped.length }));
    return;
  }
  const batch = { queue: [...jobs], total: jobs.length, done: 0, cancelled: false, started: performance.now(), results: [], current: '', repeated, skipped: skipped.length };
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
  // Lanes: a few files in flight per worker, so reading files, drawing rows and the workers'
  // writes to IndexedDB (a worker answers once the report is kept) overlap analysis.
  const lane = async () => {
    while (batch.queue.length && !batch.cancelled) {
      const job = batch.queue.shift();
      const entry = { id: state.nextId++, name: job.name, fileKey: job.text === undefined ? sameFile(job) : null, status: 'pending' };
      batch.current = job.name;
      try {
        const result = await analyzeJob(job, batch.total > 1 ? entry.id : null, batch.queue);
        Object.assign(entry, { status: 'done', summary: result.summary, csv: result.csv ?? null, json: result.json ?? null, digest: result.digest, agencyKey: result.agencyKey, ms: result.ms });
        if (result.kept) Object.assign(entry, { kept: true, chunk: result.chunk });
        withReport(entry);
      } catch (e) {
        Object.assign(entry, { status: 'error', error: (e && e.message) || String(e) });
      }
      state.entries.push(entry);
      overview.add(entry);
      store.put(entry);
      batch.results.push(entry);
      batch.done++;
      showProgress(batch);
    }
  };
  await Promise.all(Array.from({ length: bridge.size * 3 }, lane));
  const cancelled = batch.cancelled ? batch.queue.length : 0;
  batch.queue = [];
  const ms = Math.round(performance.now() - batch.started);
  const ok = batch.results.filter((e) => e.status === 'done').length;
  document.body.dataset.overviewMs = String(ms);
  // The last rows join the table with the checks across reports (duplicates marked, totals),
  // so that a table of a thousand rows is laid out once at the end, not twice.
  await Promise.all([keep(), refreshBatch({ draw: false })]);
  // Rows came in as files finished: put them back in the order the files were given.
  if (batch.results.some((e, i) => i && e.id < batch.results[i - 1].id)) overview.order((a, b) => a.id - b.id);
  overview.flush();
  await drawTab();
  state.running = null;
  document.body.classList.remove('busy');
  $('#progress').hidden = true;
  setStatus(`已分析 ${batch.done} 个文件（成功 ${ok} 个${batch.done - ok ? `，失败 ${batch.done - ok} 个` : ''}${cancelled ? `，取消 ${cancelled} 个` : ''}），用时 ${ms} 毫秒。` + batchNote(batch));
  document.body.dataset.analyzed = String(state.entries.length);
  updateExports();
  if (batch.results.length === 1 && ok === 1 && !cancelled) openReport(batch.results[0]);
}

function batchNote({ repeated, skipped }) {
  return [repeated ? `已在列表中的 ${repeated} 个文件未重复添加。` : '', skipped ? `${skipped} 个文件不是报告，已跳过（见下方列表）。` : ''].join('');
}

// Progress is drawn a few times a second, in a frame: each drawing lays out and paints a page
// that may hold a table of a thousand rows, which at every frame cost more than the analysis.
const PROGRESS_MS = 250;
let progressTimer = 0;
function showProgress(batch) {
  if (progressTimer) return;
  progressTimer = setTimeout(() => requestAnimationFrame(() => {
    progressTimer = 0;
    const batch = state.running;
    if (!batch) return;
    $('#progress').hidden = false;
    $('#progress-text').textContent = `正在分析 ${Math.min(batch.done + 1, batch.total)} / ${batch.total}：${batch.current}`;
    const bar = $('#progress-bar');
    bar.max = batch.total;
    bar.value = batch.done;
  }), batch.drawn ? PROGRESS_MS : 0);
  batch.drawn = true;
}

function setStatus(text) {
  $('#status').textContent = text;
}

// ---- skipped files: listed with the reason, kept with the rest -----------------------------
function noteSkipped(skipped) {
  if (skipped.length) {
    const seen = new Set(state.skipped.map((s) => s.name));
    state.skipped.push(...skipped.filter((s) => !seen.has(s.name)));
    store.setMeta('skipped', state.skipped);
  }
  drawSkipped();
}

function drawSkipped() {
  const box = $('#skipped');
  box.hidden = !state.skipped.length;
  $('#skipped-title').textContent = `${state.skipped.length} 个文件不是可分析的报告，已跳过：`;
  clear($('#skipped-list')).append(...state.skipped.map((s) => h('li', null, h('span', { class: 'file' }, s.name), '：', s.reason)));
}

// ---- across reports -------------------------------------------------------------------------
// The checks across all analysed reports, run again whenever the list changes.
async function refreshBatch({ draw = true } = {}) {
  const done = state.entries.filter((e) => e.status === 'done' && e.digest);
  try {
    state.batch = done.length ? await bridge.call('compare', { digests: '[' + done.map((e) => e.digest).join(',') + ']' }) : null;
  } catch (e) {
    state.batch = null;
    setStatus('跨报告检查失败：' + e.message);
  }
  // Duplicates: every file of a text after the first is marked, and counted once in totals.
  const dupOf = new Map();
  for (const f of state.batch?.findings || []) {
    if (f.id === 'batch.duplicate') for (const name of f.reports.slice(1)) dupOf.set(name, f.reports[0]);
  }
  $('nb-overview').setDuplicates(dupOf);
  const across = (state.batch?.findings || []).filter((f) => f.severity !== 'info').length;
  const own = state.entries.reduce((n, e) => n + (e.summary ? e.summary.counts.error + e.summary.counts.warning : e.status === 'error' ? 1 : 0), 0);
  $('#findings-count').textContent = own + across ? `(${own + across})` : '';
  $('#years-count').textContent = state.batch?.agencies.length ? `(${state.batch.agencies.length})` : '';
  if (draw) await drawTab();
}

function byName() {
  return new Map(state.entries.map((e) => [e.name, e]));
}

// Draws the tab shown, from the reports the overview shows.
async function drawTab() {
  const overview = $('nb-overview');
  const shown = overview.visible();
  const vocabulary = state.vocab || await vocab().catch(() => null);
  if (state.tab === 'findings') $('nb-findings').show(shown, state.batch, openAt);
  else if (state.tab === 'years') $('nb-years').show(agenciesShown(shown), byName(), openAt);
  else if (state.tab === 'charts' && vocabulary) {
    $('nb-charts').show(shown, agenciesShown(shown), { open: openAt, resultKeys: RESULT_BARS, label: (k) => vocabulary.label(k) });
  } else if (state.tab === 'rollup' && vocabulary) await drawRollup(vocabulary);
}

// The agencies of the reports shown (all of them when the list is not filtered by agency).
function agenciesShown(shown) {
  const keys = new Set(shown.map((e) => e.agencyKey));
  return (state.batch?.agencies || []).filter((a) => keys.has(a.key));
}

async function drawRollup(vocabulary) {
  const chosen = $('nb-overview').chosen();
  state.rollup = null;
  if (chosen.length) {
    const digests = '[' + chosen.map((e) => e.digest).join(',') + ']';
    try {
      state.rollup = { rollup: await bridge.call('rollup', { digests }), digests };
    } catch (e) {
      setStatus('汇总失败：' + e.message);
    }
  }
  $('nb-rollup').show(state.rollup, vocabulary, byName(), { open: openAt, exportXlsx: () => exportRollup() });
}

async function exportRollup() {
  if (!state.rollup) return;
  const n = state.rollup.rollup.reports.length;
  try {
    setStatus('正在生成汇总 Excel 文件…');
    const vocabulary = await vocab();
    const workbook = await bridge.call('rollupWorkbook', { digests: state.rollup.digests });
    workbook.sheets[0] = rollupSheet(state.rollup.rollup, vocabulary.layouts);
    const bytes = await bridge.call('xlsx', { workbook });
    download(`年报汇总-${n}份.xlsx`, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    setStatus(`已导出 ${n} 份报告的汇总表。`);
  } catch (e) {
    setStatus('导出失败：' + e.message);
  }
}

function showTab(name) {
  state.tab = name;
  for (const b of document.querySelectorAll('[role=tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const p of document.querySelectorAll('.tab-panel')) p.hidden = p.dataset.panel !== name;
  document.body.dataset.tab = name;
  drawTab();
}

// ---- reports in memory -----------------------------------------------------------------------
// entry.report: the report object, parsed from its JSON line when first needed. Once the JSON is
// kept in IndexedDB it leaves memory with its CSV rows (entry.release()) and both are read back
// for the report opened, printed or exported (withReports): a thousand reports are a thousand
// rows, not 150 MB of JSON and CSV.
function withReport(entry) {
  let report = null, from = null;
  Object.defineProperty(entry, 'report', {
    get: () => {
      if (from !== entry.json) { report = entry.json ? JSON.parse(entry.json) : null; from = entry.json; }
      return report;
    },
    configurable: true, enumerable: false,
  });
  Object.defineProperty(entry, 'release', {
    value: () => { if (entry.kept && entry !== state.current) { entry.json = null; entry.csv = null; report = null; from = null; } },
    configurable: true, enumerable: false,
  });
}

// The reports now on disk leave memory.
store.onKept = (ids) => {
  const kept = new Set(ids);
  for (const e of state.entries) {
    if (!kept.has(e.id)) continue;
    e.kept = true;
    e.release?.();
  }
};

// Writes what is pending: the rows here, the reports in the workers.
function keep() {
  return Promise.all([store.flush(), bridge.settle()]);
}

// Before reports are read back during a batch, the workers write those of its files that wait
// with them (the batch's end has them all written): a worker answers once the analysis it is
// running ends, so the reports of earlier batches are read without asking.
async function settled(entries) {
  const batch = new Set(state.running?.results);
  if (entries.some((e) => batch.has(e))) await bridge.settle();
}

// A report a worker could not write comes back here, to stay in memory (and to be tried once
// more by the page's own store).
bridge.onUnkept = (reports) => {
  const byId = new Map(state.entries.map((e) => [e.id, e]));
  for (const [id, { json, csv }] of reports) {
    const entry = byId.get(id);
    if (!entry) continue;
    Object.assign(entry, { json, csv, kept: false });
    store.put(entry);
  }
};

// Runs `use(entries)` with the reports of `entries` in memory, read back from IndexedDB where
// they left it, and lets them go again afterwards.
async function withReports(entries, use) {
  let missing = entries.filter((e) => e.status === 'done' && !e.json);
  if (missing.length) {
    await settled(missing);
    missing = missing.filter((e) => !e.json);
    const got = await store.reports(missing);
    for (const e of missing) Object.assign(e, got.get(e.id) || { json: null, csv: null });
  }
  try {
    return await use(entries.filter((e) => e.status !== 'done' || e.json));
  } finally {
    for (const e of missing) e.release?.();
  }
}

// ---- views ----------------------------------------------------------------------------------

function showView(name) {
  $('#overview-view').hidden = name !== 'overview';
  $('#report-view').hidden = name !== 'report';
  document.body.dataset.view = name;
}

async function openReport(entry) {
  const vocabulary = await vocab();
  if (!entry.json) {
    await settled([entry]);
    const got = entry.json ? null : await store.reports([entry]);
    if (got) Object.assign(entry, got.get(entry.id) || { json: null, csv: null });
    if (!entry.json) { setStatus(`无法打开 ${entry.name}：保存的结果已不在浏览器中，请重新分析该文件。`); return; }
  }
  const previous = state.current;
  state.current = entry;
  previous?.release?.();
  const view = $('nb-report');
  const t0 = performance.now();
  view.show(entry, vocabulary, {
    // The page's own 返回 and the browser's Back do the same: the report is a step in history.
    back: () => (history.state?.report ? history.back() : backToOverview()),
    exportOne: (kind) => exportEntries([entry], kind),
  });
  if (document.body.dataset.view !== 'report') state.overviewScroll = window.scrollY;
  if (history.state?.report) history.replaceState({ report: entry.id }, '');
  else history.pushState({ report: entry.id }, '');
  showView('report');
  performance.mark('nb-report-shown');
  window.scrollTo(0, 0);
  document.body.dataset.reportMs = String(Math.round(performance.now() - t0));
}

function backToOverview() {
  showView('overview');
  window.scrollTo(0, state.overviewScroll || 0);
}

// Opens a report at a place: {cell}, {span}, or {key} (an indicator).
async function openAt(entry, place = {}) {
  if (entry.status !== 'done') return;
  await openReport(entry);
  $('nb-report').reveal(place);
}

function updateExports() {
  const n = state.entries.filter((e) => e.status === 'done').length;
  for (const b of document.querySelectorAll('#export-all button, #print button')) b.disabled = n === 0;
  $('#count').textContent = state.entries.length ? `${state.entries.length} 个文件，${n} 份报告` : '';
}

async function exportEntries(entries, kind) {
  entries = entries.filter((e) => e.status === 'done');
  if (!entries.length) return;
  const vocabulary = await vocab();
  setStatus(`正在读取 ${entries.length} 份报告…`);
  return withReports(entries, (loaded) => exportLoaded(loaded, kind, vocabulary));
}

async function exportLoaded(entries, kind, vocabulary) {
  const name = baseName(entries);
  try {
    if (kind === 'csv') download(name + '.csv', csvOf(entries, vocabulary.csvHeader), 'text/csv;charset=utf-8');
    else if (kind === 'json') download(name + '.json', jsonOf(entries), 'application/json');
    else if (kind === 'xlsx') {
      setStatus('正在生成 Excel 文件…');
      const bytes = await bridge.call('xlsx', { workbook: workbookOf(entries, vocabulary) });
      download(name + '.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      setStatus(`已导出 ${entries.length} 份报告到 Excel。`);
    }
  } catch (e) {
    setStatus('导出失败：' + e.message);
  }
}

// The findings sheets of the reports chosen (ticked, or all shown): one A4 page each, or one
// for the batch; the browser's print dialog does the rest.
async function printSheets(mode) {
  const chosen = $('nb-overview').chosen();
  const entries = mode === 'batch' ? $('nb-overview').visible() : chosen;
  if (!entries.length) return 0;
  const build = (loaded) => buildSheets($('#print-sheets'), mode, loaded, state.batch);
  // The batch sheet needs the summaries only; a sheet per report, each report.
  const n = mode === 'batch' ? build(entries) : await withReports(entries, build);
  document.body.classList.add('print-sheets');
  document.body.dataset.printed = `${mode}:${n}`;
  window.print();
  return n;
}

// ---- inputs ---------------------------------------------------------------------------------
async function takeFiles(files) {
  try {
    const { inputs } = await vocab();
    const { jobs, skipped } = await jobsFromFiles(files, bridge, inputs);
    run(jobs, skipped);
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
  run(samples.map((s) => ({ name: s.name, size: s.bytes.length, bytes: s.bytes, pdf: isPdf(s.name, s.bytes) })));
}

// The work kept from the last visit; the samples on the very first one.
async function restore() {
  const { entries, meta } = await store.load();
  const overview = $('nb-overview');
  for (const e of entries) {
    if (e.status === 'pending') continue;
    e.kept = true; // its report is on disk, read back when needed
    if (e.status === 'done') withReport(e);
    state.entries.push(e);
    overview.add(e);
  }
  state.nextId = Math.max(1, ...entries.map((e) => e.id + 1));
  state.skipped = meta.skipped || [];
  overview.flush();
  drawSkipped();
  document.body.dataset.analyzed = String(state.entries.length);
  updateExports();
  state.restored = entries.length;
  if (entries.length) {
    setStatus(`已恢复上次分析的 ${entries.length} 个文件（保存在本机浏览器中；“清空列表”可删除）。`);
    await refreshBatch();
  }
  if (!meta.opened) {
    await store.setMeta('opened', true);
    if (!entries.length) await loadSamples().catch((e) => setStatus('无法载入示例：' + e.message));
  }
  document.body.dataset.restored = String(entries.length);
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
  // Leaving while files are being analysed loses them: ask first.
  window.addEventListener('beforeunload', (e) => {
    if (!state.running) return;
    e.preventDefault();
    e.returnValue = '';
  });
  window.addEventListener('afterprint', () => document.body.classList.remove('print-sheets'));
  // A reload shows the overview: a report step left in history from before is forgotten.
  if (history.state?.report) history.replaceState(null, '');
  // Back from a report shows the overview again (Forward opens the report again).
  window.addEventListener('popstate', (e) => {
    const entry = e.state?.report && state.entries.find((x) => x.id === e.state.report);
    if (entry) openReport(entry);
    else if (document.body.dataset.view === 'report') backToOverview();
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
  $('#clear').addEventListener('click', async () => {
    if (state.running) return;
    delete document.body.dataset.cleared;
    state.entries = [];
    state.skipped = [];
    state.batch = null;
    $('nb-overview').clear();
    document.body.dataset.analyzed = '0';
    drawSkipped();
    await store.clear();
    // The list is empty on disk too (a page closed before this would bring the rows back).
    document.body.dataset.cleared = '1';
    updateExports();
    setStatus('');
    await refreshBatch();
  });
  for (const b of document.querySelectorAll('#export-all button')) {
    b.addEventListener('click', () => exportEntries($('nb-overview').visible(), b.dataset.kind));
  }
  for (const b of document.querySelectorAll('#print button')) {
    b.addEventListener('click', () => { delete document.body.dataset.printed; printSheets(b.dataset.mode); });
  }
  for (const b of document.querySelectorAll('[role=tab]')) b.addEventListener('click', () => showTab(b.dataset.tab));
  const overview = $('nb-overview');
  overview.onOpen = openReport;
  overview.onFilter = () => { if (state.tab !== 'list') drawTab(); };
  overview.onPick = () => { if (state.tab === 'rollup') drawTab(); };
  updateExports();
  // Load the module while the user picks files.
  vocab().catch((e) => {
    if (e instanceof Unsupported) unsupported(e.missing);
    setStatus('分析模块无法加载：' + e.message);
  });
  restore().catch((e) => setStatus('无法恢复上次的结果：' + e.message));
}

wire();
// For tests and the benchmark: the page's state and entry points (no secrets here).
globalThis.nianbao = { state, run, openReport, openAt, bridge, vocab, store, printSheets, refreshBatch };
