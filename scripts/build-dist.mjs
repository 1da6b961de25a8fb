#!/usr/bin/env node
// Writes dist/nianbao.html: the whole analyzer in one file that works opened from disk
// (file://), with no server and no network. Run after scripts/build-web.py (`make dist`).
//
// What goes where, and why (file:// pages cannot import or fetch files, a worker from a Blob
// URL dies at once there, one from a data: URL works):
// - the page's modules and pdf.js: one module script bundled by esbuild (pdf.js stays lazy:
//   esbuild evaluates a dynamically imported module only when it is imported);
// - the analysis worker (worker.js + the wasm-bindgen glue): a data: URL;
// - the wasm modules (analyzer, Excel writer), the pdf.js worker, the Chinese CMaps and the samples: base64 in
//   non-executed <script type="application/octet-stream"> blocks, read when first needed;
// - the CSS and the check for old browsers: inline.
// The Content-Security-Policy keeps the served page's rule (no other origin) with hashes for the
// inline scripts and styles.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const OUT = path.join(ROOT, 'dist', 'nianbao.html');
// CMaps of Chinese fonts (GB and CNS collections, the Unicode ones, Identity); the others are
// Japanese and Korean.
const CMAP = /^(Adobe-(GB1|CNS1)|UniGB|UniCNS|GB|GBK|GBpc|GBT|GBK2K|B5|ETen|ETHK|HKdla|HKdlb|HKgccs|HKm314|HKm471|HKscs|CNS|Identity)/;

const read = (p) => fs.readFileSync(path.join(WWW, p));
const b64 = (buf) => Buffer.from(buf).toString('base64');
const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

async function bundle(entry, format) {
  const result = await esbuild.build({
    entryPoints: [path.join(WWW, entry)],
    bundle: true,
    format,
    minify: true,
    write: false,
    target: ['chrome87', 'firefox115'],
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

function dataBlock(id, text) {
  return `<script type="application/octet-stream" id="${id}">${text}</script>\n`;
}

// Reads the blocks lazily: the page asks for the module, the worker and the samples only when
// it needs them.
const DIST_SCRIPT = `window.NIANBAO_DIST=(function(){
function text(id){var el=document.getElementById(id);return el?el.textContent.trim():'';}
function bytes(s){var bin=atob(s),out=new Uint8Array(bin.length);for(var i=0;i<bin.length;i++)out[i]=bin.charCodeAt(i);return out;}
var cmaps=null;
return{
get workerUrl(){return 'data:text/javascript;base64,'+text('nb-worker');},
get pdfWorkerUrl(){return 'data:text/javascript;base64,'+text('nb-pdf-worker');},
get cmaps(){return cmaps||(cmaps=JSON.parse(text('nb-cmaps')));},
wasm:function(){return bytes(text('nb-wasm'));},
xlsxWasm:function(){return bytes(text('nb-xlsx-wasm'));},
samples:function(){return JSON.parse(text('nb-samples')).map(function(s){return{name:s.name,bytes:bytes(s.b64)};});}
};})();`;

async function main() {
  const app = await bundle('js/app.js', 'esm');
  const worker = await bundle('js/worker.js', 'esm');
  for (const [name, code] of [['app', app], ['worker', worker]]) {
    if (/<\/script/i.test(code)) throw new Error(`${name} bundle contains </script>`);
  }
  const css = read('css/app.css').toString();
  const check = read('js/check.js').toString();
  const cmapDir = path.join(WWW, 'vendor/pdfjs/cmaps');
  const cmaps = Object.fromEntries(fs.readdirSync(cmapDir).filter((n) => CMAP.test(n)).sort().map((n) => [n, b64(fs.readFileSync(path.join(cmapDir, n)))]));
  const samples = JSON.parse(read('samples/index.json')).map((name) => ({ name, b64: b64(read('samples/' + name)) }));

  const scripts = [check, DIST_SCRIPT, app];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha).join(' ')} 'wasm-unsafe-eval'`,
    'worker-src data:',
    'connect-src data: blob:',
    'img-src data: blob:',
    `style-src ${sha(css)}`,
    "font-src 'none'", "object-src 'none'", "frame-src 'none'", "base-uri 'none'", "form-action 'none'",
  ].join('; ');

  let html = read('index.html').toString();
  const swap = (from, to) => {
    if (!html.includes(from)) throw new Error(`index.html no longer has ${from}`);
    html = html.replace(from, () => to);
  };
  swap(html.match(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/)[0],
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  swap('<link rel="stylesheet" href="css/app.css">', `<style>${css}</style>`);
  swap('<script src="js/check.js"></script>', `<script>${check}</script>`);
  swap('<script type="module" src="js/app.js"></script>',
    dataBlock('nb-wasm', b64(read('pkg/nianbao_bg.wasm'))) +
    dataBlock('nb-xlsx-wasm', b64(read('pkg/nianbao_xlsx_bg.wasm'))) +
    dataBlock('nb-worker', b64(worker)) +
    dataBlock('nb-pdf-worker', b64(read('vendor/pdfjs/pdf.worker.min.js'))) +
    dataBlock('nb-cmaps', JSON.stringify(cmaps)) +
    dataBlock('nb-samples', JSON.stringify(samples)) +
    `<script>${DIST_SCRIPT}</script>\n<script type="module">${app}</script>`);

  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, html);
  const mb = (n) => (n / 1048576).toFixed(1) + ' MB';
  console.error(`dist/nianbao.html: ${mb(Buffer.byteLength(html))} (app ${mb(app.length)}, worker ${mb(worker.length)}, ${Object.keys(cmaps).length} CMaps, ${samples.length} samples)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
