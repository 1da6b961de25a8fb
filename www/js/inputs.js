// Where reports come from: dropped files, folders and .zip archives, the file pickers, pasted
// text, the built-in samples. Everything becomes a job {name, bytes?|text?, pdf, error?};
// archives are opened by the wasm module.
import { READABLE } from './meta.js';

const lower = (name) => name.toLowerCase();
const readable = (name) => READABLE.some((ext) => lower(name).endsWith(ext));
const isZip = (name) => lower(name).endsWith('.zip');
const hidden = (name) => name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX') || /(^|\/)(Thumbs\.db|desktop\.ini)$/i.test(name);

// Files of a drop: folders are walked (webkitGetAsEntry); a synthetic or plain drop gives files.
export async function filesFromDrop(dataTransfer) {
  const items = [...(dataTransfer.items || [])].filter((it) => it.kind === 'file');
  const entries = items.map((it) => (it.webkitGetAsEntry ? it.webkitGetAsEntry() : null));
  if (entries.length && entries.every(Boolean)) {
    const out = [];
    for (const entry of entries) await walk(entry, '', out, true);
    return out;
  }
  return [...dataTransfer.files].map((file) => ({ file, path: file.name, direct: true }));
}

async function walk(entry, prefix, out, direct) {
  const path = prefix + entry.name;
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject)).catch(() => null);
    if (file) out.push({ file, path, direct });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => []);
    if (!batch.length) break;
    for (const child of batch) await walk(child, path + '/', out, false);
  }
}

export function filesFromInput(input) {
  return [...input.files].map((file) => ({ file, path: file.webkitRelativePath || file.name, direct: !file.webkitRelativePath }));
}

// Files → jobs, opening archives (through the worker) and leaving out what a folder holds
// besides reports. A file given on its own is always tried, so its error shows in its row.
export async function jobsFromFiles(files, bridge) {
  const jobs = [];
  for (const { file, path, direct } of files) {
    if (hidden(path)) continue;
    if (isZip(path)) {
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const members = await bridge.call('unzip', { bytes }, [bytes.buffer]);
        for (const m of members) {
          const name = path + '/' + m.name;
          if (hidden(m.name) || (!readable(m.name) && !m.error)) continue;
          jobs.push(m.error ? { name, error: m.error } : { name, bytes: m.bytes, pdf: isPdf(m.name, m.bytes) });
        }
      } catch (e) {
        jobs.push({ name: path, error: e.message });
      }
      continue;
    }
    if (!direct && !readable(path)) continue;
    jobs.push({ name: path, file, pdf: lower(path).endsWith('.pdf') });
  }
  return jobs;
}

export function isPdf(name, bytes) {
  if (lower(name).endsWith('.pdf')) return true;
  return bytes && bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}
