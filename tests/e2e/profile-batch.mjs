#!/usr/bin/env node
// Where the CPU goes while the page analyses a batch (`make profile-web`; N=1000 by default):
// drops N variants of the seeds, as `make bench-web` does, with chromium's tracing on, and
// prints the time of the batch, then the busy time of every thread of every process (the
// page's main thread, the analysis workers, IndexedDB's threads in the browser process, …) and
// the trace events that took the most of it. A diagnostic, not a test: it fails only when the
// page does not work.
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, watchedPage, seed, dropVariedSeeds, WWW } from './helpers.mjs';

const N = Number(process.env.N || 1000);
const CATEGORIES = 'toplevel,v8,devtools.timeline,disabled-by-default-devtools.timeline,IndexedDB,Blob';
// Events that only wrap others: their time is counted under the thread, not listed.
const WRAPPERS = /RunTask|callFunction|EpollEvent|SimpleWatcher|mojo/;

const server = await serve(WWW);
const b = await browser();
try {
  const { page } = await watchedPage(b.context, server.url);
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.restored !== undefined && !document.body.classList.contains('busy'), null, { timeout: 120000 });
  const seeds = fs.readdirSync(path.join(WWW, 'samples')).filter((n) => n.endsWith('.txt')).sort().map(seed);

  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  const r = await dropVariedSeeds(page, seeds, N);
  await cdp.send('Tracing.end');
  await complete;
  if (r.ok !== N) throw new Error(`${r.ok} of ${N} reports analysed`);
  // When the last file was analysed; the rest is the end of the batch (the checks across
  // reports, the saves awaited, the table laid out).
  const lanes = Number(await page.evaluate(() => document.body.dataset.overviewMs));

  const processes = {};
  const threads = {};
  for (const e of events.filter((e) => e.ph === 'M')) {
    if (e.name === 'process_name') processes[e.pid] = e.args.name;
    if (e.name === 'thread_name') threads[`${e.pid}/${e.tid}`] = e.args.name;
  }
  const thread = (key) => `${processes[key.split('/')[0]] || '?'}: ${threads[key] || key}`;
  const busy = new Map();
  const named = new Map();
  const add = (map, key, us) => map.set(key, (map.get(key) || 0) + us);
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const key = thread(`${e.pid}/${e.tid}`);
    if (e.cat === 'toplevel') add(busy, key, e.dur);
    if (!WRAPPERS.test(e.name)) add(named, `${key} :: ${e.name}`, e.tdur || e.dur);
  }
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`${N} reports dropped → analysed: ${(r.ms / 1000).toFixed(2)} s (the last file analysed at ${(lanes / 1000).toFixed(2)} s); the module ${r.module.toFixed(1)} ms a report (mean)`);
  console.log(`\nbusy time per kind of thread (top-level tasks; threads of one name summed), ${ms([...busy.values()].reduce((a, v) => a + v, 0)).trim()} in all:`);
  for (const [key, us] of top(busy, 16)) console.log(`${ms(us)}  ${key}`);
  console.log('\nthe events that took longest (thread time, summed):');
  for (const [key, us] of top(named, Number(process.env.EVENTS || 30))) console.log(`${ms(us)}  ${key}`);
} finally {
  await b.close();
  await server.close();
}
