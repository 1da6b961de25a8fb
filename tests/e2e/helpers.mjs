// Shared pieces of the browser tests and the benchmark: a static server for www/ on loopback,
// Debian's chromium through playwright-core, and a watch on every request and page error.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW = path.join(ROOT, 'www');
export const DIST = path.join(ROOT, 'dist', 'nianbao.html');
export const SEEDS = path.join(WWW, 'samples');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf', '.bcmap': 'application/octet-stream', '.png': 'image/png',
};

// Serves `dir` on 127.0.0.1 (a free port); resolves to {url, close}.
export function serve(dir = WWW) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) });
  }));
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'];

// A browser with a fresh profile in a temporary user-data-dir.
export async function browser() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
  });
  return { context, profile: dir, close: async () => { await context.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

// A page with a record of requests, page errors and dialogs (an alert means a script ran).
export async function watchedPage(context, origin) {
  const page = await context.newPage();
  const seen = { requests: [], foreign: [], errors: [], dialogs: [], console: [] };
  page.on('request', (r) => {
    const u = r.url();
    seen.requests.push(u);
    const local = u.startsWith('data:') || u.startsWith('blob:') || (origin ? u.startsWith(origin) : u.startsWith('file://'));
    if (!local) seen.foreign.push(u);
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') seen.console.push(m.text()); });
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return { page, seen };
}

// Drops files on the drop zone the way a browser does: a DataTransfer holding File objects.
// 清空列表, and wait until the list is empty on screen and on disk (a page closed or reloaded
// before the store is emptied would bring the rows back on the next visit).
export async function clearList(page) {
  await page.click('#clear');
  await page.waitForFunction(() => !document.querySelector('nb-overview tbody tr') && document.body.dataset.cleared === '1');
}

export async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64'), type: f.type || '' }));
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    for (const f of payload) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const zone = document.querySelector('#drop');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, payload);
}

// The entries of a zip file (an .xlsx): {name → Buffer}, with node's zlib.
export function unzip(buffer) {
  const out = {};
  let eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(p + 10);
    const size = buffer.readUInt32LE(p + 20);
    const nameLen = buffer.readUInt16LE(p + 28), extraLen = buffer.readUInt16LE(p + 30), commentLen = buffer.readUInt16LE(p + 32);
    const local = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function seed(name) {
  return { name, bytes: fs.readFileSync(path.join(SEEDS, name)) };
}

// A .zip of {name, bytes} (deflated, UTF-8 names), with node's zlib: the archives users drop.
export function zip(files) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = zlib.deflateRawSync(f.bytes);
    const crc = zlib.crc32(f.bytes);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6); head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14); head.writeUInt32LE(data.length, 18); head.writeUInt32LE(f.bytes.length, 22); head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10); central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(f.bytes.length, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(head, name, data);
    centrals.push(central, name);
    offset += head.length + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

// Drops the DataTransfer a page script left in `window.stagedDrop` on the drop zone; resolves,
// once `n` files are analysed and the batch has ended (and, with `painted`, the next frame is
// drawn), to the milliseconds since the drop.
export function dropStaged(page, n, { painted = false } = {}) {
  return page.evaluate(async ({ n, painted }) => {
    const dt = window.stagedDrop;
    delete window.stagedDrop;
    document.body.dataset.analyzed = '0';
    const t0 = performance.now();
    document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    // Timed at the change that ends the batch, not at a poll (a poll every 20 ms counted the
    // table's last layout in some runs and not in others).
    await new Promise((resolve) => {
      const ended = () => Number(document.body.dataset.analyzed || 0) >= n && !document.body.classList.contains('busy');
      if (ended()) return resolve();
      const watch = new MutationObserver(() => { if (ended()) { watch.disconnect(); resolve(); } });
      watch.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-analyzed'] });
    });
    if (painted) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, { n, painted });
}

// Drops `n` variants of the seeds ({name, bytes}) at once; resolves when the last is analysed to
// {ms: drop → all analysed, ok: how many were, module: the module's mean time per report}.
export async function dropVariedSeeds(page, seeds, n) {
  await page.evaluate(() => document.querySelector('#clear').click());
  const texts = seeds.map((s) => s.bytes.toString('utf8'));
  await page.evaluate(({ texts, names, n }) => {
    const enc = new TextEncoder();
    const dt = new DataTransfer();
    for (let i = 0; i < n; i++) {
      const k = i % texts.length;
      // Vary every figure counted in 件 or 条 by the round (the seed and the round name the
      // report), so that no two reports are alike: the checks across reports see 1,000 reports,
      // not a few dozen texts copied over and over.
      const round = Math.floor(i / texts.length);
      const text = texts[k].replace(/(\d+)(件|条|條)/g, (m, d, u) => String(Number(d) + round) + u);
      dt.items.add(new File([enc.encode(text)], `${String(i).padStart(4, '0')}-${names[k]}`));
    }
    window.stagedDrop = dt;
  }, { texts, names: seeds.map((s) => s.name), n });
  // Until the frame after the batch's end is drawn: the table's last layout is part of what the
  // user waits for.
  const ms = await dropStaged(page, n, { painted: true });
  return page.evaluate((ms) => {
    const done = globalThis.nianbao.state.entries.filter((e) => e.status === 'done');
    return { ms, ok: done.length, module: done.reduce((sum, e) => sum + e.ms, 0) / done.length };
  }, ms);
}
