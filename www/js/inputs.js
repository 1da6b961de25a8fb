// Where reports come from: dropped files, folders and .zip archives, the file pickers, pasted
// text, the built-in samples. Everything becomes a job {name, size, bytes?|file?|text?, pdf,
// error?}; archives are opened by the wasm module. A file a folder or an archive holds that is
// no report is not analysed but listed with the reason, from the module's table of file kinds
// (src/inputs.rs: an old .doc must be saved as .docx, a photo needs OCR first).

const lower = (name) => name.toLowerCase();
const extension = (name) => {
  const base = name.split('/').pop();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? lower(base.slice(dot + 1)) : '';
};
const isZip = (name) => extension(name) === 'zip';
// Files the system keeps beside the user's (left out without a word).
const system = (name) => name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX') || /(^|\/)(Thumbs\.db|desktop\.ini)$/i.test(name);

// Why a file of a folder or archive is not read, or null when it is (`kinds`: the module's
// `inputs()` table).
export function skipReason(name, kinds) {
  const ext = extension(name);
  if (kinds.read.includes(ext)) return null;
  return kinds.skipped.find((k) => k.extensions.includes(ext))?.reason || kinds.other;
}

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

// Files → {jobs, skipped: [{name, reason}]}, opening archives (through the worker). A file
// given on its own is always tried, so that its error shows in its row.
export async function jobsFromFiles(files, bridge, kinds) {
  const jobs = [];
  const skipped = [];
  for (const { file, path, direct } of files) {
    if (system(path)) continue;
    if (isZip(path)) {
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const members = await bridge.call('unzip', { bytes }, [bytes.buffer]);
        for (const m of members) {
          const name = path + '/' + m.name;
          if (system(m.name)) continue;
          const reason = m.error ? null : skipReason(m.name, kinds);
          if (reason) skipped.push({ name, reason });
          else jobs.push(m.error ? { name, error: m.error } : { name, size: m.bytes.length, bytes: m.bytes, pdf: isPdf(m.name, m.bytes) });
        }
      } catch (e) {
        jobs.push({ name: path, error: e.message });
      }
      continue;
    }
    const reason = direct ? null : skipReason(path, kinds);
    if (reason) skipped.push({ name: path, reason });
    else jobs.push({ name: path, size: file.size, file, pdf: lower(path).endsWith('.pdf') });
  }
  return { jobs, skipped };
}

export function isPdf(name, bytes) {
  if (lower(name).endsWith('.pdf')) return true;
  return bytes && bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}
