// The page on the oldest browsers it supports (Chromium 86, Firefox 102, Safari 15), as far as
// Debian's chromium can stand in for them: module workers that throw (Firefox < 114), a
// WebAssembly that rejects the module (WebAssembly.validate false), a worker that cannot start,
// and the JavaScript API of Chromium 86 (everything newer removed, in the page and in every
// worker). Also: the modules loaded on first use are not loaded before, and reports in five
// encodings read as the command line reads them (the page decodes with TextDecoder).
// The wasm side of the floor (binaryen's validator) and the syntax side (esbuild) are checked
// by scripts/check-web.py.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, watchedPage, dropFiles, unzip, zip, seed, WWW, DIST, ROOT, clearList } from './helpers.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const SEED4 = '004_9d084db3fe9a091f.txt';
const analyzed = (page, n) => page.waitForFunction((n) => Number(document.body.dataset.analyzed || 0) >= n, n, { timeout: 60000 });
const shownValues = (page) => page.$$eval('nb-report td.value', (tds) => tds.map((td) => td.textContent.trim()));
const started = (page) => page.waitForFunction(() => document.querySelector('#version').textContent.startsWith('v'), null, { timeout: 30000 });
// A first visit analyses the samples (the PDF among them): wait for that, then start empty.
async function settled(page) {
  await started(page);
  await page.waitForFunction(() => document.body.dataset.restored !== undefined && !document.body.classList.contains('busy'), null, { timeout: 120000 });
  await clearList(page);
}

// Firefox before 114 has no module workers: `new Worker(url, {type: 'module'})` throws.
const NO_MODULE_WORKERS = `(() => {
  const W = globalThis.Worker;
  if (!W) return;
  globalThis.Worker = class extends W {
    constructor(url, options) {
      if (options && options.type === 'module') throw new TypeError('Module scripts are not supported on DedicatedWorker yet');
      super(url, options);
    }
  };
})();`;

// What Chromium 86 lacks of what Chromium 156 has (with the version that brought it), removed
// before any script runs, in the page and in every worker.
const CHROMIUM_86 = `(() => {
  const del = (o, k) => { try { if (o) delete o[k]; } catch (e) {} };
  const typed = Object.getPrototypeOf(Int8Array.prototype);
  for (const p of [Array.prototype, String.prototype, typed]) del(p, 'at');                       // 92
  for (const p of [Array.prototype, typed]) for (const k of ['findLast', 'findLastIndex',        // 97
    'toSorted', 'toReversed', 'toSpliced', 'with']) del(p, k);                                   // 110
  del(Object, 'hasOwn');                                                                           // 93
  del(globalThis, 'structuredClone');                                                              // 98
  del(Object, 'groupBy'); del(Map, 'groupBy');                                                     // 117
  del(Promise, 'withResolvers'); del(Promise, 'try');                                              // 119, 128
  del(Array, 'fromAsync');                                                                         // 121
  for (const k of ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf',
    'isSupersetOf', 'isDisjointFrom']) del(Set.prototype, k);                                      // 122
  del(globalThis, 'Iterator');                                                                     // 122
  del(URL, 'canParse'); del(URL, 'parse');                                                         // 120, 126
  if (globalThis.AbortSignal) { del(AbortSignal, 'timeout'); del(AbortSignal, 'any'); }           // 103, 116
  if (globalThis.crypto) del(Object.getPrototypeOf(crypto), 'randomUUID');                        // 92
  del(String.prototype, 'isWellFormed'); del(String.prototype, 'toWellFormed');                   // 111
  for (const k of ['transfer', 'transferToFixedLength']) del(ArrayBuffer.prototype, k);           // 114
  del(Uint8Array, 'fromBase64'); del(Uint8Array, 'fromHex');
  for (const k of ['toBase64', 'toHex', 'setFromBase64', 'setFromHex']) del(Uint8Array.prototype, k);
  del(Math, 'sumPrecise'); del(JSON, 'rawJSON'); del(JSON, 'isRawJSON'); del(RegExp, 'escape');
  for (const p of [Map.prototype, WeakMap.prototype]) { del(p, 'getOrInsert'); del(p, 'getOrInsertComputed'); }
  if (globalThis.Response) del(Response.prototype, 'bytes');                                      // 132
  if (globalThis.Blob) del(Blob.prototype, 'bytes');
  if (globalThis.ReadableStream) { del(ReadableStream.prototype, Symbol.asyncIterator); del(ReadableStream, 'from'); }
  if (globalThis.Intl) del(Intl, 'Segmenter');                                                     // 87
})();
${NO_MODULE_WORKERS}`;

// Prepends `prelude` to every worker script the served page starts.
async function inWorkers(page, prelude) {
  for (const pattern of ['**/pkg/worker.js', '**/vendor/pdfjs/pdf.worker*.js']) {
    await page.route(pattern, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: prelude + '\n' + (await res.text()) });
    });
  }
}

const isLazy = (u) => /vendor\/pdfjs\/pdf|nianbao_(docx|batch|xlsx)/.test(u);

// The page's entries with their reports: a report kept in IndexedDB has left memory (the
// workbench keeps a thousand reports as rows), so it is read back from there.
function entries(page) {
  return page.evaluate(async () => {
    const { state, store } = globalThis.nianbao;
    const kept = await store.reports(state.entries.filter((e) => e.status === 'done' && !e.json));
    return state.entries.map((e) => {
      const json = e.json || kept.get(e.id)?.json;
      return { name: e.name, status: e.status, error: e.error || '', report: json ? JSON.parse(json) : null };
    });
  });
}

describe('the browser floor (served www/)', () => {
  let server, b;
  before(async () => {
    server = await serve(WWW);
    b = await browser();
  });
  after(async () => {
    await b?.close();
    await server?.close();
  });

  test('with only what Chromium 86 has, every kind of input is analysed', async () => {
    const { page, seen } = await watchedPage(b.context, server.url);
    await page.addInitScript(CHROMIUM_86);
    // What the page's own scripts find, read before any of them runs: pdf.js's legacy build,
    // once the sample PDF loads it, brings its own polyfills.
    await page.addInitScript(() => { globalThis.nbFloorProbe = typeof Promise.withResolvers; });
    await inWorkers(page, CHROMIUM_86);
    await page.goto(server.url);
    await started(page);
    assert.equal(await page.getAttribute('html', 'data-pdfjs'), 'legacy', 'pdf.js: the legacy build');
    assert.equal(await page.evaluate(() => globalThis.nbFloorProbe), 'undefined', 'the emulation holds');
    // The samples of the first visit (five texts and a PDF) are analysed under the emulation too.
    await page.waitForFunction(() => document.body.dataset.restored !== undefined && !document.body.classList.contains('busy'), null, { timeout: 120000 });
    const samples = await page.evaluate(() => globalThis.nianbao.state.entries.map((e) => [e.name, e.status]));
    assert.equal(samples.length, 6, JSON.stringify(samples));
    assert.ok(samples.every(([, status]) => status === 'done'), JSON.stringify(samples));
    await page.click('#clear');

    await dropFiles(page, [seed(SEED4)]);
    await page.waitForSelector('nb-report td.value', { timeout: 30000 });
    assert.ok((await shownValues(page)).includes('2681'));

    await page.click('nb-report button.back');
    await page.click('#clear');
    const pdf = fs.readFileSync(path.join(FIXTURES, 'web', 'huaian-city-2024.pdf'));
    const docx = fs.readFileSync(path.join(FIXTURES, 'standard', 'std-2023-word.docx'));
    // The .docx and a PDF named without .pdf are read together (one read for both: app.js),
    // and each goes its own way from its bytes.
    await dropFiles(page, [{ name: 'huaian-city-2024.pdf', bytes: pdf, type: 'application/pdf' },
      { name: 'std-2023-word.docx', bytes: docx }, { name: 'huaian-副本', bytes: pdf }, { name: '年报.zip', bytes: zip([seed(SEED4)]) }]);
    await analyzed(page, 4);
    const reports = (await entries(page)).map((e) => [e.name, e.status, e.error, e.report?.tables.length || 0]).sort();
    assert.deepEqual(reports.map(([name, status]) => [name, status]), [
      ['huaian-city-2024.pdf', 'done'], ['huaian-副本', 'done'], ['std-2023-word.docx', 'done'], [`年报.zip/${SEED4}`, 'done']], JSON.stringify(reports));
    assert.ok(reports.every(([name, , , tables]) => name.endsWith('.txt') || tables > 0), 'standard tables read from the PDFs and the .docx');
    assert.ok(seen.requests.some((u) => u.endsWith('/vendor/pdfjs/pdf.legacy.js')) && seen.requests.some((u) => u.endsWith('/vendor/pdfjs/pdf.worker.legacy.js')));
    assert.ok(!seen.requests.some((u) => /pdf\.(min|worker)\.js$/.test(u)), 'not the modern build');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all button[data-kind="xlsx"]')]);
    const files = unzip(fs.readFileSync(await download.path()));
    assert.ok(files['xl/workbook.xml'].toString('utf8').includes('name="概览"'));
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.foreign, []);
    await page.close();
  });

  test('pdf.js, the .docx reader, the checks across reports and the Excel writer load only on first use', async () => {
    // A second visit, with nothing kept from the first: no samples, nothing analysed.
    const first = await watchedPage(b.context, server.url);
    await first.page.goto(server.url);
    await settled(first.page);
    await first.page.close();
    const { page, seen } = await watchedPage(b.context, server.url);
    await page.goto(server.url);
    await started(page);
    await page.waitForFunction(() => document.body.dataset.restored === '0');
    await page.waitForTimeout(300);
    assert.deepEqual(seen.requests.filter(isLazy), [], 'nothing lazy at first load');
    assert.equal(await page.getAttribute('html', 'data-pdfjs'), 'modern');
    const docx = fs.readFileSync(path.join(FIXTURES, 'standard', 'std-2023-word.docx'));
    await dropFiles(page, [{ name: 'std-2023-word.docx', bytes: docx }]);
    await page.waitForSelector('nb-report td.value', { timeout: 30000 });
    const lazy = () => seen.requests.filter(isLazy).map((u) => u.replace(/^.*\//, '')).sort();
    await page.waitForFunction(() => document.body.dataset.analyzed === '1');
    await page.waitForTimeout(300);
    assert.deepEqual(lazy(), ['nianbao_batch_bg.wasm', 'nianbao_docx_bg.wasm'], 'the .docx reader, and the checks across reports after the batch');
    const pdf = fs.readFileSync(path.join(FIXTURES, 'web', 'huaian-city-2024.pdf'));
    await page.click('nb-report button.back');
    await dropFiles(page, [{ name: 'huaian-city-2024.pdf', bytes: pdf, type: 'application/pdf' }]);
    await analyzed(page, 2);
    assert.deepEqual(lazy(), ['nianbao_batch_bg.wasm', 'nianbao_docx_bg.wasm', 'pdf.min.js', 'pdf.worker.js']);
    await page.click('nb-report button.back');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all button[data-kind="xlsx"]')]);
    assert.ok(await download.path());
    assert.deepEqual(lazy(), ['nianbao_batch_bg.wasm', 'nianbao_docx_bg.wasm', 'nianbao_xlsx_bg.wasm', 'pdf.min.js', 'pdf.worker.js']);
    assert.deepEqual(seen.errors, []);
    await page.close();
  });

  test('a worker that cannot start is named in the Chinese message', async () => {
    const { page } = await watchedPage(b.context, server.url);
    await page.route('**/pkg/worker.js', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(server.url);
    await page.waitForSelector('#no-wasm', { state: 'visible', timeout: 30000 });
    const text = await page.textContent('#no-wasm');
    assert.match(text, /Web Worker/);
    assert.match(text, /86.*Firefox 102.*Safari 15.*极速模式/);
    await page.close();
  });

  // What the command line reads from the same bytes (src/decode/charset.rs): the encoding's
  // name, and the very text.
  test('reports in GBK, GB18030, Big5 and UTF-16 without BOM read as the command line reads them', async () => {
    const { page, seen } = await watchedPage(b.context, server.url);
    await page.goto(server.url);
    await settled(page);
    const seeds = fs.readdirSync(path.join(FIXTURES, 'seeds')).filter((n) => n.endsWith('.txt')).sort();
    const files = [];
    const expected = {};
    for (const name of seeds) {
      const file = path.join(FIXTURES, 'seeds', name);
      for (const [codec, encoding] of [['gbk', 'GBK'], ['gb18030', 'GBK'], ['big5', 'Big5'], ['utf-16-le', 'UTF-16LE'], ['utf-16-be', 'UTF-16BE']]) {
        let bytes;
        try {
          bytes = execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding="utf-8").read().encode(sys.argv[2]))', file, codec], { stdio: ['ignore', 'pipe', 'ignore'] });
        } catch {
          continue; // simplified text has characters Big5 lacks
        }
        const named = `${codec}-${name}`;
        files.push({ name: named, bytes });
        expected[named] = { encoding, text: fs.readFileSync(file, 'utf8') };
      }
    }
    assert.ok(files.length >= 20, `${files.length} encoded seeds`);
    await dropFiles(page, files);
    await analyzed(page, files.length);
    const read = (await entries(page)).map((e) => [e.name, e.status, e.report?.meta.encoding, e.report?.text]);
    for (const [name, status, encoding, text] of read) {
      assert.equal(status, 'done', name);
      assert.equal(encoding, expected[name].encoding, name);
      assert.ok(text === expected[name].text, `${name}: the text reads back`);
    }
    assert.deepEqual(seen.errors, []);
    await page.close();
  });
});

for (const mode of ['served', 'file']) {
  describe(`the browser floor (${mode === 'served' ? 'served www/' : 'dist/nianbao.html from file://'})`, () => {
    let server, b, url;
    before(async () => {
      if (mode === 'served') {
        server = await serve(WWW);
        url = server.url;
      } else {
        url = 'file://' + DIST;
      }
      b = await browser();
    });
    after(async () => {
      await b?.close();
      await server?.close();
    });

    test('with module workers throwing, reports and PDFs are still analysed', async () => {
      const { page, seen } = await watchedPage(b.context, mode === 'served' ? server.url : null);
      await page.addInitScript(NO_MODULE_WORKERS);
      await page.goto(url);
      await settled(page);
      const pdf = fs.readFileSync(path.join(FIXTURES, 'web', 'huaian-city-2024.pdf'));
      await dropFiles(page, [seed(SEED4), { name: 'huaian-city-2024.pdf', bytes: pdf, type: 'application/pdf' }]);
      await analyzed(page, 2);
      const done = (await page.evaluate(() => globalThis.nianbao.state.entries.map((e) => [e.name, e.status, e.error || '']))).sort();
      assert.deepEqual(done.map(([n, s]) => [n, s]), [[SEED4, 'done'], ['huaian-city-2024.pdf', 'done']], JSON.stringify(done));
      assert.deepEqual(seen.errors, []);
      await page.close();
    });

    test('a WebAssembly that rejects the module gets the Chinese message', async () => {
      const { page } = await watchedPage(b.context, mode === 'served' ? server.url : null);
      await page.addInitScript(() => { WebAssembly.validate = () => false; });
      await page.goto(url);
      await page.waitForSelector('#no-wasm', { state: 'visible', timeout: 30000 });
      const text = await page.textContent('#no-wasm');
      assert.match(text, /不支持 .*WebAssembly 功能/);
      assert.match(text, /Chromium 内核 86 及以上.*Firefox 102 及以上.*Safari 15 及以上/);
      assert.match(text, /360 安全浏览器、奇安信可信浏览器.*极速模式/);
      assert.equal(await page.isVisible('#app'), false);
      await page.close();
    });
  });
}
