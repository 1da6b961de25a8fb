// PDF → positioned text items, with pdf.js (vendored under vendor/pdfjs, loaded only when a PDF
// arrives). The items go to the wasm module, which rebuilds lines, rows and columns exactly as
// the command line does for its own PDF reader: {page, x, y, w, h, s} in PDF points, y the
// baseline measured from the top of the page, h the font size, w the advance width
// (src/decode/pdf.rs, PdfTextItem).
// Two builds of the same pdf.js (scripts/vendor-pdfjs.py): the modern one where the browser has
// everything it needs, else the legacy one, lowered to the floor's JavaScript (support.js
// decides, before any work). Its worker is always a classic one that we start ourselves: module
// workers are past the floor (Firefox 114), and on file:// only a worker from a data: URL runs.
// The single-file page (dist) has both builds bundled, and their workers and CMaps inline
// (NIANBAO_DIST).
import { pdfjsBuild } from './support.js';

const here = import.meta.url;
let loading = null;

function loadPdfjs() {
  if (!loading) {
    loading = (async () => {
      const dist = globalThis.NIANBAO_DIST;
      const modern = pdfjsBuild() === 'modern';
      // The single-file build bundles these imports (esbuild), so nothing is fetched there.
      const lib = modern ? await import('../vendor/pdfjs/pdf.min.js') : await import('../vendor/pdfjs/pdf.legacy.js');
      const worker = modern ? 'pdf.worker.js' : 'pdf.worker.legacy.js';
      lib.GlobalWorkerOptions.workerPort = new Worker(dist ? dist.pdfWorkerUrl(modern) : new URL('../vendor/pdfjs/' + worker, here));
      return lib;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

function fromBase64(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Serves the packed CMaps (the Chinese ones matter: UniGB-UCS2-H, GBK-EUC-H, Adobe-GB1 …) from
// this page's own files or, in the single file, from the inline copies. Nothing else is fetched.
class BundledData {
  constructor() {}
  async fetch({ kind, filename }) {
    if (kind !== 'cMapUrl') throw new Error('不提供 ' + kind + ' 数据：' + filename);
    const dist = globalThis.NIANBAO_DIST;
    if (dist) {
      const b64 = dist.cmaps[filename];
      if (!b64) throw new Error('缺少字符映射表 ' + filename);
      return fromBase64(b64);
    }
    const res = await fetch(new URL('../vendor/pdfjs/cmaps/' + filename, here));
    if (!res.ok) throw new Error('缺少字符映射表 ' + filename);
    return new Uint8Array(await res.arrayBuffer());
  }
}

// pdf.js says what went wrong in English ("Invalid PDF structure."): the user reads it in
// Chinese, by the kind of exception.
const PDF_ERRORS = {
  PasswordException: '该 PDF 设有密码，无法读取',
  InvalidPDFException: '无法读取该 PDF 文件：文件已损坏或不是有效的 PDF',
  MissingPDFException: '无法读取该 PDF 文件：文件为空或不完整',
  UnexpectedResponseException: '无法读取该 PDF 文件：文件不完整',
  FormatError: '无法读取该 PDF 文件：文件格式有误',
};
export function pdfError(e) {
  return PDF_ERRORS[e && e.name] || '无法读取该 PDF 文件：文件已损坏或格式不受支持';
}

export async function pdfItems(bytes) {
  const lib = await loadPdfjs();
  let doc;
  try {
    doc = await lib.getDocument({
      data: bytes,
      BinaryDataFactory: BundledData,
      cMapPacked: true,
      useWorkerFetch: false,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new Error(pdfError(e));
  }
  const items = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      for (const it of content.items) {
        if (typeof it.str !== 'string' || it.str === '') continue;
        const t = lib.Util.transform(viewport.transform, it.transform);
        const h = Math.hypot(t[2], t[3]);
        items.push({ page: p, x: t[4], y: t[5], w: it.width, h, s: it.str });
      }
      page.cleanup();
    }
  } catch (e) {
    throw new Error(pdfError(e));
  } finally {
    await doc.destroy();
  }
  return items;
}
