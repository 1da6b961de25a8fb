// Work is kept: the analysed files and the skipped list persist in the browser's IndexedDB (on
// this computer only, like everything else), so that Back or a reload brings them back, and
// 清空列表 empties it. Each file's row (its summary and digest) is kept apart from its report
// (the JSON line and the CSV rows), which is large: a reload reads the rows only, and the page
// reads a report back when it is opened, printed or exported, so that a thousand reports do not
// sit in memory.
// Writes are gathered and made a few times a second in one transaction. The reports of a batch
// are kept by the analysis worker that made them (keepReports), where the worker can reach
// IndexedDB (not in the single file, whose worker has no origin of its own). Where IndexedDB is
// unavailable (a private window of some browsers, a locked-down profile) nothing is kept and
// the reports stay in memory.

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
    this.timer = 0;
    this.writing = Promise.resolve();
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

  // The rows kept, in the order they were added, and the meta ({key → value}).
  async load() {
    const db = await this.open();
    if (!db) return { entries: [], meta: {} };
    const tx = db.transaction([ENTRIES, META], 'readonly');
    const entries = await request(tx.objectStore(ENTRIES).getAll());
    const keys = await request(tx.objectStore(META).getAllKeys());
    const values = await request(tx.objectStore(META).getAll());
    entries.sort((a, b) => a.id - b.id);
    return { entries, meta: Object.fromEntries(keys.map((k, i) => [k, values[i]])) };
  }

  // The reports of `ids`: Map id → {json, csv}.
  async reports(ids) {
    const db = await this.open();
    const out = new Map();
    if (!db || !ids.length) return out;
    const store = db.transaction(REPORTS, 'readonly').objectStore(REPORTS);
    await Promise.all(ids.map(async (id) => out.set(id, await request(store.get(id)))));
    return out;
  }

  // Keeps an entry: its row (its plain fields but the report and the table row) and, once, its
  // report {json, csv}. (`report` is a getter that is not enumerable: not read here, it would
  // parse.)
  put(entry) {
    const { row, json, csv, ...plain } = entry;
    const old = this.pending.get(entry.id);
    this.pending.set(entry.id, { plain, report: json ? { json, csv } : old?.report ?? null });
    this.timer ||= setTimeout(() => this.flush(), 300);
  }

  // Writes what is pending; resolves to the ids whose report is now on disk (none without
  // IndexedDB), which `onKept(ids)` hears of too, whoever asked for the write. Every write goes through one queue, so that a 清空列表 and the writes of the
  // files dropped right after it land in that order.
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    if (!batch.length) return this.writing.then(() => []);
    return this.queue([ENTRIES, REPORTS], (tx) => {
      for (const [id, { plain, report }] of batch) {
        tx.objectStore(ENTRIES).put(plain);
        if (report) tx.objectStore(REPORTS).put(report, id);
      }
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

  // Keeps reports ([[id, {json, csv}]]) in one transaction, without their rows: the analysis
  // worker keeps the reports of a batch itself, so that they never cross to the page. Resolves
  // to whether they are on disk.
  keepReports(reports) {
    return this.queue(REPORTS, (tx) => {
      for (const [id, report] of reports) tx.objectStore(REPORTS).put(report, id);
    });
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
