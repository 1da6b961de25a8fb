// Work is kept: the analysed files and the skipped list persist in the browser's IndexedDB (on
// this computer only, like everything else), so that Back or a reload brings them back, and
// 清空列表 empties it. Writes are gathered and made a few times a second in one transaction:
// a thousand reports are not a thousand transactions. Where IndexedDB is unavailable (a
// private window of some browsers, a locked-down profile) the page works as before, unkept.

const DB = 'nianbao';
const VERSION = 1;
const ENTRIES = 'entries';
const META = 'meta';

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class Store {
  constructor() {
    this.db = null;
    this.pending = new Map();
    this.timer = 0;
    this.writing = Promise.resolve();
  }

  async open() {
    if (this.db) return this.db;
    try {
      const req = indexedDB.open(DB, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      };
      this.db = await request(req);
    } catch {
      this.db = null;
    }
    return this.db;
  }

  // Everything kept: {entries (in the order they were added), meta: {key → value}}.
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

  // Keeps an entry (its plain fields: the parsed report is not stored, its JSON is).
  put(entry) {
    const { row, report, ...plain } = entry;
    this.pending.set(entry.id, plain);
    this.timer ||= setTimeout(() => this.flush(), 300);
  }

  // Writes what is pending; resolves when it is on disk. Every write goes through one queue, so
  // that a 清空列表 and the writes of the files dropped right after it land in that order.
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (!batch.length) return this.writing;
    return this.queue(ENTRIES, (tx) => {
      const store = tx.objectStore(ENTRIES);
      for (const e of batch) store.put(e);
    });
  }

  queue(stores, write) {
    this.writing = this.writing.then(async () => {
      const db = await this.open();
      if (!db) return;
      const tx = db.transaction(stores, 'readwrite');
      write(tx);
      await new Promise((resolve) => { tx.oncomplete = tx.onerror = tx.onabort = resolve; });
    }).catch(() => {});
    return this.writing;
  }

  setMeta(key, value) {
    return this.queue(META, (tx) => tx.objectStore(META).put(value, key));
  }

  // Forgets every entry and the skipped list (the meta, such as "the samples were loaded once",
  // stays).
  clear() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.pending.clear();
    return this.queue([ENTRIES, META], (tx) => {
      tx.objectStore(ENTRIES).clear();
      tx.objectStore(META).delete('skipped');
    });
  }
}
