#!/usr/bin/env node
// Benchmark of the page (`make bench-web`): drives www/ served on loopback in headless
// chromium and writes docs/bench-web.md with
//   1. drop → tables rendered, for seed 004 (median of RUNS drops, the module already loaded);
//   2. 1,000 reports (the seeds with their figures varied) analysed in the page, drop → done;
//   3. what the page downloads, gzipped: the initial page (HTML, CSS, JS, wasm), then what a
//      PDF adds (pdf.js, its worker, CMaps); the Excel writer is inside the wasm module.
// A benchmark, not a test: it reports numbers and fails only when the page does not work.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, browser, watchedPage, dropFiles, seed, WWW, ROOT } from './helpers.mjs';

const RUNS = Number(process.env.RUNS || 15);
const BATCH = Number(process.env.BATCH || 1000);
const BATCH_RUNS = Number(process.env.BATCH_RUNS || 3);
const SEED4 = '004_9d084db3fe9a091f.txt';
const SEEDS = fs.readdirSync(path.join(WWW, 'samples')).filter((n) => n.endsWith('.txt')).sort();
const OUT = path.join(ROOT, 'docs', 'bench-web.md');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

function sizes(urls, origin) {
  const files = [...new Set(urls.filter((u) => u.startsWith(origin)).map((u) => decodeURIComponent(new URL(u).pathname)))];
  let raw = 0, gz = 0;
  const rows = [];
  for (const f of files) {
    const p = path.join(WWW, f.endsWith('/') ? f + 'index.html' : f);
    if (!fs.existsSync(p) || f.startsWith('/samples/')) continue;
    const data = fs.readFileSync(p);
    const g = zlib.gzipSync(data, { level: 9 }).length;
    raw += data.length;
    gz += g;
    rows.push([f, data.length, g]);
  }
  return { raw, gz, rows };
}

// Drop one file and wait until its report's tables are in the DOM and painted.
async function dropToTables(page, file) {
  await page.evaluate(() => { document.querySelector('nb-report').replaceChildren(); });
  const b64 = Buffer.from(file.bytes).toString('base64');
  return page.evaluate(async ({ name, b64 }) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name));
    const report = document.querySelector('nb-report');
    const ready = () => report.querySelector('h2')?.textContent === name && report.querySelector('td.value');
    const done = new Promise((resolve) => {
      const obs = new MutationObserver(() => { if (ready()) { obs.disconnect(); resolve(); } });
      obs.observe(report, { childList: true, subtree: true });
    });
    const t0 = performance.now();
    document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    await done;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, { name: file.name, b64 });
}

// Drop `n` variants of the seeds at once; time until the last is analysed.
async function batch(page, seeds, n) {
  await page.evaluate(() => document.querySelector('#clear').click());
  const texts = seeds.map((s) => s.bytes.toString('utf8'));
  return page.evaluate(async ({ texts, names, n }) => {
    const enc = new TextEncoder();
    const dt = new DataTransfer();
    for (let i = 0; i < n; i++) {
      const k = i % texts.length;
      // Vary every figure counted in 件 or 条 a little, so no two reports are alike.
      const text = texts[k].replace(/(\d+)(件|条|條)/g, (m, d, u) => String(Number(d) + (i % 11)) + u);
      dt.items.add(new File([enc.encode(text)], `${String(i).padStart(4, '0')}-${names[k]}`));
    }
    const t0 = performance.now();
    document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    await new Promise((resolve) => {
      const tick = () => (Number(document.body.dataset.analyzed || 0) >= n && !document.body.classList.contains('busy') ? resolve() : setTimeout(tick, 20));
      tick();
    });
    const ms = performance.now() - t0;
    const ok = globalThis.nianbao.state.entries.filter((e) => e.status === 'done').length;
    return { ms, ok };
  }, { texts, names: seeds.map((s) => s.name), n });
}

async function main() {
  const server = await serve(WWW);
  const b = await browser();
  const { page, seen } = await watchedPage(b.context, server.url);
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#version').textContent.startsWith('v'), null, { timeout: 30000 });
  const initial = sizes(seen.requests, server.url);

  const file = seed(SEED4);
  await dropToTables(page, file); // warm-up
  const drops = [];
  for (let i = 0; i < RUNS; i++) drops.push(await dropToTables(page, file));

  const seeds = SEEDS.map(seed);
  const batches = [];
  let ok = 0;
  for (let i = 0; i < BATCH_RUNS; i++) {
    const r = await batch(page, seeds, BATCH);
    batches.push(r.ms);
    ok = r.ok;
  }

  const before = seen.requests.length;
  await page.evaluate(() => document.querySelector('#clear').click());
  await dropFiles(page, [{ name: 'huaian-city-2024.pdf', bytes: fs.readFileSync(path.join(WWW, 'samples', 'huaian-city-2024.pdf')) }]);
  await page.waitForSelector('nb-report table.std td', { timeout: 60000 });
  const pdf = sizes(seen.requests.slice(before), server.url);
  if (seen.foreign.length || seen.errors.length) throw new Error(`foreign requests ${seen.foreign} / page errors ${seen.errors}`);
  await b.close();
  await server.close();

  const wasm = initial.rows.find(([f]) => f.endsWith('.wasm'));
  const md = `# Web page benchmark

Measured by \`make bench-web\` (\`tests/e2e/bench.mjs\`): www/ served on 127.0.0.1, headless Debian
chromium, ${new Date().toISOString().slice(0, 10)}, on this project's 2-core machine. Do not edit: rerun.

| measure | median | target |
|---|---|---|
| drop → tables rendered, seed ${SEED4} (${RUNS} drops) | **${median(drops).toFixed(0)} ms** (min ${Math.min(...drops).toFixed(0)}, max ${Math.max(...drops).toFixed(0)}) | < 100 ms |
| ${BATCH} reports (the ${SEEDS.length} seeds, figures varied) dropped → all analysed (${BATCH_RUNS} runs, ${ok} analysed) | **${(median(batches) / 1000).toFixed(2)} s** (${batches.map((x) => (x / 1000).toFixed(2)).join(', ')}) | < 5 s |

## Download (gzip -9 of each file; the samples are not counted)

| what | raw | gzipped |
|---|---|---|
| initial page: HTML, CSS, JS, wasm (Excel writer included) | ${kb(initial.raw)} | **${kb(initial.gz)}** |
| … of which the wasm module | ${kb(wasm[1])} | ${kb(wasm[2])} |
| added when the first PDF is opened (pdf.js, worker, CMaps) | ${kb(pdf.raw)} | ${kb(pdf.gz)} |
| **total with PDF and Excel support** | ${kb(initial.raw + pdf.raw)} | **${kb(initial.gz + pdf.gz)}** |

Files of the initial page:

| file | raw | gzipped |
|---|---|---|
${initial.rows.map(([f, r, g]) => `| ${f} | ${kb(r)} | ${kb(g)} |`).join('\n')}

Added by a PDF:

| file | raw | gzipped |
|---|---|---|
${pdf.rows.map(([f, r, g]) => `| ${f} | ${kb(r)} | ${kb(g)} |`).join('\n')}
`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, md);
  console.log(md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
