// The one way into the analysis worker: starts it on first use, matches answers to calls, and
// replaces a worker whose module crashed (a panic aborts the wasm instance) or that failed to
// start. The worker is a classic one (pkg/worker.js; a data: URL in the single file), given the
// analyzer module's bytes and where the lazily loaded modules are (`modules`: {docx, xlsx},
// each {url} or {base64}).

export class WorkerBridge {
  constructor({ workerUrl, wasm = null, modules = {} }) {
    this.workerUrl = workerUrl;
    this.wasm = wasm;
    this.modules = modules;
    this.worker = null;
    this.info = null;
    this.pending = new Map();
    this.nextId = 1;
  }

  start() {
    if (this.worker) return this.info;
    const worker = new Worker(this.workerUrl);
    worker.onmessage = (e) => this.answer(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.fail(worker, '分析模块无法启动' + (e.message ? '：' + e.message : ''));
    };
    this.worker = worker;
    // Copy, don't transfer, the module bytes: a later worker may need them again.
    this.info = this.send('init', { wasm: this.wasm.slice(), modules: this.modules });
    return this.info;
  }

  send(op, args, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: this.worker });
      this.worker.postMessage({ id, op, args }, transfer);
    });
  }

  answer({ id, ok, value, error, crashed, unkept }) {
    // Reports the worker was to keep in IndexedDB but could not write (worker.js).
    if (unkept) this.onUnkept?.(unkept);
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (crashed) this.fail(call.worker, error);
    if (ok) call.resolve(value);
    else call.reject(new Error(error));
  }

  // Ends a broken worker and rejects what it still owed; the next call starts a fresh one.
  fail(worker, message) {
    if (worker) worker.terminate();
    if (this.worker === worker) {
      this.worker = null;
      this.info = null;
    }
    for (const [id, call] of this.pending) {
      if (call.worker === worker) {
        this.pending.delete(id);
        call.reject(new Error(message));
      }
    }
  }

  async call(op, args, transfer = []) {
    await this.start();
    return this.send(op, args, transfer);
  }
}

// Several workers for batches (one per core, at most 4): each call goes to the least busy.
// Calls that need no particular worker (unzip, xlsx) go the same way.
export class WorkerPool {
  constructor(options, size) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new WorkerBridge(options));
    this.busy = this.workers.map(() => 0);
  }
  get size() {
    return this.workers.length;
  }
  // The analyzer module's bytes arrive once the page has loaded and checked them (support.js);
  // every call waits for them.
  useModule(bytes) {
    this.ready = Promise.resolve(bytes).then((b) => {
      for (const w of this.workers) w.wasm = b;
    });
    return this.ready;
  }
  async start() {
    await this.ready;
    return this.workers[0].start();
  }
  // Reports that a worker could not keep: [[id, {json, csv}]].
  set onUnkept(fn) {
    for (const w of this.workers) w.onUnkept = fn;
  }
  // Resolves once every worker has written the reports it keeps (worker.js: they are written a
  // few times a second, not as each analysis ends). A worker that fails meanwhile is passed by:
  // it answers for its reports no more.
  settle() {
    return Promise.all(this.workers.filter((w) => w.worker).map((w) => w.send('settle', {}).catch(() => {})));
  }
  async call(op, args, transfer = []) {
    await this.ready;
    let i = 0;
    for (let k = 1; k < this.workers.length; k++) if (this.busy[k] < this.busy[i]) i = k;
    this.busy[i]++;
    try {
      return await this.workers[i].call(op, args, transfer);
    } finally {
      this.busy[i]--;
    }
  }
}
