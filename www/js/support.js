// What the page needs of the browser, checked before any work starts. The floor is Chromium 86
// (360/奇安信 极速模式, UOS/Kylin browsers), Firefox 102 (ESR on Kylin) and Safari 15; check.js
// has already turned away browsers without WebAssembly, workers or modules. Here:
// - the analyzer module's bytes validate (`WebAssembly.validate`: false where the browser's
//   WebAssembly lacks a feature the module uses);
// - the analysis worker starts and loads the module (app.js, through the bridge);
// - the pdf.js build this browser runs: the modern one only where everything the legacy build
//   polyfills is there (vendor/pdfjs/needs.js, read by scripts/vendor-pdfjs.py from the legacy
//   build itself), else the legacy one (lowered to the floor's JavaScript, with its gaps filled).
import { MODERN_NEEDS } from '../vendor/pdfjs/needs.js';

// Shows the Chinese message of check.js, naming what is missing and which browsers work.
export function unsupported(missing) {
  if (typeof globalThis.nianbaoUnsupported === 'function') globalThis.nianbaoUnsupported(missing);
}

// An error that says which of the browser's features are missing.
export class Unsupported extends Error {
  constructor(missing, cause) {
    super('浏览器缺少：' + missing.join('、') + (cause && cause.message ? '（' + cause.message + '）' : ''));
    this.missing = missing;
  }
}

function fromBase64(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// The analyzer module, fetched once (the workers get copies) and checked before any worker starts.
export async function analyzerModule(dist) {
  let bytes;
  if (dist) bytes = fromBase64(dist.wasm);
  else {
    const res = await fetch(new URL('../pkg/nianbao_bg.wasm', import.meta.url));
    if (!res.ok) throw new Error('无法载入分析模块（' + res.status + '）');
    bytes = new Uint8Array(await res.arrayBuffer());
  }
  if (!WebAssembly.validate(bytes)) {
    throw new Unsupported(['本页分析模块所需的 WebAssembly 功能（批量内存、符号扩展、多返回值等）']);
  }
  return bytes;
}

// Where the workers find the modules loaded on first use: {url} served, {base64} in the single file.
export function lazyModules(dist) {
  const source = (name) => dist
    ? { base64: dist.module(name) }
    : { url: new URL(`../pkg/nianbao_${name}_bg.wasm`, import.meta.url).href };
  return { docx: source('docx'), batch: source('batch'), xlsx: source('xlsx') };
}

function lookup(path) {
  return path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), globalThis);
}

let build = null;

// 'modern' or 'legacy': the pdf.js build this browser runs (decided once; page tests can read
// it from <html data-pdfjs>).
export function pdfjsBuild() {
  if (!build) {
    build = MODERN_NEEDS.every((path) => typeof lookup(path) === 'function') ? 'modern' : 'legacy';
    document.documentElement.dataset.pdfjs = build;
  }
  return build;
}
