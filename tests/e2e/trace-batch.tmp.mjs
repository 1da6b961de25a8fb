import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, watchedPage, WWW } from './helpers.mjs';
const N = Number(process.env.N || 1000);
const server = await serve();
const b = await browser();
const { page } = await watchedPage(b.context, server.url);
await page.goto(server.url);
await page.waitForFunction(() => globalThis.nianbao && !document.body.classList.contains('busy'), null, { timeout: 60000 });
await page.waitForTimeout(1500);
const SEEDS = fs.readdirSync(path.join(WWW, 'samples')).filter((n) => n.endsWith('.txt')).sort();
const texts = SEEDS.map((s) => fs.readFileSync(path.join(WWW, 'samples', s), 'utf8'));
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await page.evaluate(() => document.querySelector('#clear').click());
await page.waitForTimeout(500);
await cdp.send('Tracing.start', { categories: process.env.CATS || 'toplevel,v8,devtools.timeline,disabled-by-default-devtools.timeline,IndexedDB,leveldb,Blob,storage', transferMode: 'ReportEvents' });
const r = await page.evaluate(async ({ texts, names, n }) => {
  const enc = new TextEncoder();
  const dt = new DataTransfer();
  for (let i = 0; i < n; i++) {
    const k = i % texts.length;
    const text = texts[k].replace(/(\d+)(件|条|條)/g, (m, d, u) => String(Number(d) + (i % 11)) + u);
    dt.items.add(new File([enc.encode(text)], `${String(i).padStart(4, '0')}-${names[k]}`));
  }
  document.body.dataset.analyzed = '0';
  const t0 = performance.now();
  document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  await new Promise((resolve) => {
    const tick = () => (Number(document.body.dataset.analyzed || 0) >= n && !document.body.classList.contains('busy') ? resolve() : setTimeout(tick, 20));
    tick();
  });
  const done = globalThis.nianbao.state.entries.filter((e) => e.status === 'done');
  return { ms: performance.now() - t0, module: done.reduce((s, e) => s + e.ms, 0) / done.length, ok: done.length };
}, { texts, names: SEEDS, n: N });
await cdp.send('Tracing.end');
await done;
console.log(JSON.stringify(r));
const names = {};
const pnames = {};
for (const e of events) if (e.ph === 'M' && e.name === 'process_name') pnames[e.pid] = e.args.name;
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names[`${e.pid}/${e.tid}`] = e.args.name;
for (const k of Object.keys(names)) names[k] = `${pnames[k.split('/')[0]] || '?'}:${names[k]}`;
const busy = {}; const byName = {};
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  const k = `${e.pid}/${e.tid}`;
  if (e.cat === 'toplevel') busy[k] = (busy[k] || 0) + e.dur;
  if (/RunTask|callFunction|EpollEvent|SimpleWatcher|mojo/.test(e.name)) continue;
  const n = `${names[k] || k} :: ${e.name}`;
  byName[n] = (byName[n] || 0) + (e.tdur || e.dur);
}
for (const [k, v] of Object.entries(busy).sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${(v / 1000).toFixed(0).padStart(7)} ms toplevel  ${names[k] || k}`);
console.log('---');
for (const [k, v] of Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
await b.close(); await server.close();
