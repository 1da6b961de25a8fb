#!/usr/bin/env node
// Writes dist/nianbao.html: the whole analyzer in one file that works opened from disk
// (file://), with no server and no network. Run after scripts/build-web.py (`make dist`).
//
// What goes where, and why (file:// pages cannot import or fetch files, a worker from a Blob
// URL dies at once there, one from a data: URL works):
// - the page's modules and pdf.js (both builds): one module script bundled by esbuild for the
//   floor's browsers (pdf.js stays lazy: esbuild evaluates a dynamically imported module only
//   when it is imported);
// - the analysis worker (www/pkg/worker.js, already one classic script): a data: URL;
// - the wasm modules (analyzer, .docx reader, checks across reports, Excel writer), the pdf.js workers, the Chinese
//   CMaps and the samples: base64 in non-executed <script type="application/octet-stream">
//   blocks, read when first needed;
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
// The floor's browsers, from wasm-pack.toml's [floor] (`browsers = ["chrome86", …]`).
const FLOOR = JSON.parse(fs.readFileSync(path.join(ROOT, 'wasm-pack.toml'), 'utf8').match(/^browsers\s*=\s*(\[.*\])/m)[1]);
const b64 = (buf) => Buffer.from(buf).toString('base64');
const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

async function bundle(entry, format) {
  const result = await esbuild.build({
    entryPoints: [path.join(WWW, entry)],
    bundle: true,
    format,
    minify: true,
    write: false,
    target: FLOOR,
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
pdfWorkerUrl:function(modern){return 'data:text/javascript;base64,'+text(modern?'nb-pdf-worker':'nb-pdf-worker-legacy');},
get cmaps(){return cmaps||(cmaps=JSON.parse(text('nb-cmaps')));},
get wasm(){return text('nb-wasm');},
module:function(name){return text('nb-'+name+'-wasm');},
samples:function(){return JSON.parse(text('nb-samples')).map(function(s){return{name:s.name,bytes:bytes(s.b64)};});}
};})();`;

async function main() {
  const app = await bundle('js/app.js', 'esm');
  const worker = read('pkg/worker.js').toString();
  if (/<\/script/i.test(app)) throw new Error('app bundle contains </script>');
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
    dataBlock('nb-docx-wasm', b64(read('pkg/nianbao_docx_bg.wasm'))) +
    dataBlock('nb-batch-wasm', b64(read('pkg/nianbao_batch_bg.wasm'))) +
    dataBlock('nb-xlsx-wasm', b64(read('pkg/nianbao_xlsx_bg.wasm'))) +
    dataBlock('nb-worker', b64(worker)) +
    dataBlock('nb-pdf-worker', b64(read('vendor/pdfjs/pdf.worker.js'))) +
    dataBlock('nb-pdf-worker-legacy', b64(read('vendor/pdfjs/pdf.worker.legacy.js'))) +
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
