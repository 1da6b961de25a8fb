// Work is kept: the analysed files and the skipped list persist in the browser's IndexedDB (on
// this computer only, like everything else), so that Back or a reload brings them back, and
// 清空列表 empties it. Each file's row (its summary and digest) is kept apart from its report
// (the JSON line and the CSV rows), which is large: a reload reads the rows only, and the page
// reads a report back when it is opened, printed or exported, so that a thousand reports do not
// sit in memory.
// Writes are gathered and made a few times a second in one transaction, and what one write
// holds goes in one record: the rows of many files in one record of `entries`, their reports in
// one record of `reports` (keyed by the id of its first report, named by each row's `chunk`).
// Writing a record costs the browser about the same whatever it holds (0.2–0.3 ms of its CPU
// for a row or a report), which, record by record, cost a batch of a thousand files more than
// half a second of a core that the analysis needs. Records of a file each (rows keyed by their
// id, reports by their file's id: how earlier versions kept them) are read as before.
// The reports of a batch are kept by the analysis worker that made them (keepReports), where the
// worker can reach IndexedDB (not in the single file, whose worker has no origin of its own).
// Where IndexedDB is unavailable (a private window of some browsers, a locked-down profile)
// nothing is kept and the reports stay in memory.

const DB = 'nianbao';
const VERSION = 3;
const ENTRIES = 'entries';
const REPORTS = 'reports';
const META = 'meta';

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve) => {
    tx.oncomplete = () => resolve(true);
    tx.onerror = tx.onabort = () => resolve(false);
  });
}

export class Store {
  constructor() {
    this.db = undefined;
    this.pending = new Map();
    this.chunk = null;
    this.timer = 0;
    this.writing = Promise.resolve();
    this.written = 0;
  }

  async open() {
    if (this.db !== undefined) return this.db;
    try {
      const req = indexedDB.open(DB, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        // Earlier versions kept the reports otherwise: start afresh.
        for (const name of [ENTRIES, REPORTS]) if (db.objectStoreNames.contains(name)) db.deleteObjectStore(name);
        db.createObjectStore(ENTRIES, { keyPath: 'id' });
        db.createObjectStore(REPORTS);
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      };
      this.db = await request(req);
    } catch {
      this.db = null;
    }
    return this.db;
  }

  // The rows kept, in the order they were added, and the meta ({key → value}). A row written
  // again (a report the worker could not keep, kept here) is in a later record: the last wins.
  async load() {
    const db = await this.open();
    if (!db) return { entries: [], meta: {} };
    const tx = db.transaction([ENTRIES, META], 'readonly');
    const records = await request(tx.objectStore(ENTRIES).getAll());
    const keys = await request(tx.objectStore(META).getAllKeys());
    const values = await request(tx.objectStore(META).getAll());
    const rows = new Map();
    for (const record of records) for (const row of record.rows || [record]) rows.set(row.id, row);
    const entries = [...rows.values()].sort((a, b) => a.id - b.id);
    return { entries, meta: Object.fromEntries(keys.map((k, i) => [k, values[i]])) };
  }

  // The reports of `entries` ({id, chunk?}): Map id → {json, csv}.
  async reports(entries) {
    const db = await this.open();
    const out = new Map();
    if (!db || !entries.length) return out;
    const store = db.transaction(REPORTS, 'readonly').objectStore(REPORTS);
    const wanted = new Map();
    for (const { id, chunk } of entries) {
      const key = chunk ?? id;
      if (!wanted.has(key)) wanted.set(key, new Set());
      wanted.get(key).add(id);
    }
    await Promise.all([...wanted].map(async ([key, ids]) => {
      const record = await request(store.get(key));
      if (record?.reports) {
        for (const [id, report] of record.reports) if (ids.has(id)) out.set(id, report);
      } else if (record) out.set(key, record);
    }));
    return out;
  }

  // Keeps an entry: its row (its plain fields but the report and the table row) and, once, its
  // report {json, csv}, which goes in the record of the next write (`entry.chunk` says which).
  // (`report` is a getter that is not enumerable: not read here, it would parse.)
  put(entry) {
    if (entry.json) entry.chunk = this.chunk ??= entry.id;
    const { row, json, csv, ...plain } = entry;
    const old = this.pending.get(entry.id);
    this.pending.set(entry.id, { plain, report: json ? { json, csv } : old?.report ?? null });
    this.timer ||= setTimeout(() => this.flush(), 300);
  }

  // Writes what is pending; resolves to the ids whose report is now on disk (none without
  // IndexedDB), which `onKept(ids)` hears of too, whoever asked for the write. Every write goes
  // through one queue, so that a 清空列表 and the writes of the files dropped right after it land
  // in that order.
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    const batch = [...this.pending.entries()];
    const chunk = this.chunk;
    this.pending.clear();
    this.chunk = null;
    if (!batch.length) return this.writing.then(() => []);
    // Rows are keyed after every row of earlier versions (numbers sort before arrays) and in the
    // order written.
    const rows = { id: [Date.now(), this.written++], rows: batch.map(([, { plain }]) => plain) };
    const reports = batch.filter(([, { report }]) => report).map(([id, { report }]) => [id, report]);
    return this.queue([ENTRIES, REPORTS], (tx) => {
      tx.objectStore(ENTRIES).put(rows);
      if (reports.length) tx.objectStore(REPORTS).put({ reports }, chunk);
    }).then((ok) => {
      const ids = ok ? batch.map(([id]) => id) : [];
      if (ids.length) this.onKept?.(ids);
      return ids;
    });
  }

  queue(stores, write) {
    const next = this.writing.then(async () => {
      const db = await this.open();
      if (!db) return false;
      const tx = db.transaction(stores, 'readwrite');
      write(tx);
      return done(tx);
    }).catch(() => false);
    this.writing = next;
    return next;
  }

  // Keeps reports ([[id, {json, csv}]]) in one record, keyed by the first id, without their
  // rows: the analysis worker keeps the reports of a batch itself, so that they never cross to
  // the page. Resolves to whether they are on disk.
  keepReports(reports) {
    return this.queue(REPORTS, (tx) => tx.objectStore(REPORTS).put({ reports }, reports[0][0]));
  }

  setMeta(key, value) {
    return this.queue(META, (tx) => tx.objectStore(META).put(value, key));
  }

  // Forgets every file and the skipped list (the meta, such as "the samples were loaded once",
  // stays).
  clear() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.pending.clear();
    return this.queue([ENTRIES, REPORTS, META], (tx) => {
      tx.objectStore(ENTRIES).clear();
      tx.objectStore(REPORTS).clear();
      tx.objectStore(META).delete('skipped');
    });
  }
}
