/* What pdf.js's legacy build calls and the oldest browsers the page supports (Chromium 86,
 * Firefox 102, Safari 15) lack: Array/String/TypedArray .at (Chromium 92, Safari 15.4),
 * Object.hasOwn (Chromium 93), .findLast/.findLastIndex (Chromium 97, Firefox 104) and
 * structuredClone (Chromium 98, Firefox 94; plain data only: pdf.js clones font and annotation
 * data with it, never while reading text) and async iteration of a ReadableStream (Chromium
 * 124, Firefox 110, Safari 26: getTextContent reads its stream so). scripts/vendor-pdfjs.py puts this in front of the
 * legacy build; plain ES5, so that it needs no lowering itself. Each is defined only when the
 * browser lacks it. */
(function () {
  'use strict';
  var G = typeof globalThis !== 'undefined' ? globalThis : self;
  function def(target, name, fn) {
    if (target && typeof target[name] !== 'function') {
      Object.defineProperty(target, name, { value: fn, writable: true, configurable: true });
    }
  }
  var typed = Object.getPrototypeOf(Int8Array.prototype);
  function at(index) {
    var n = this.length;
    var i = Math.trunc(index) || 0;
    if (i < 0) i += n;
    return i < 0 || i >= n ? undefined : this[i];
  }
  function findLast(fn, self) {
    for (var i = this.length - 1; i >= 0; i--) if (fn.call(self, this[i], i, this)) return this[i];
    return undefined;
  }
  function findLastIndex(fn, self) {
    for (var i = this.length - 1; i >= 0; i--) if (fn.call(self, this[i], i, this)) return i;
    return -1;
  }
  [Array.prototype, String.prototype, typed].forEach(function (p) { def(p, 'at', at); });
  [Array.prototype, typed].forEach(function (p) {
    def(p, 'findLast', findLast);
    def(p, 'findLastIndex', findLastIndex);
  });
  def(Object, 'hasOwn', function (o, key) { return Object.prototype.hasOwnProperty.call(Object(o), key); });
  if (typeof ReadableStream === 'function' && typeof Symbol === 'function' && Symbol.asyncIterator &&
      !ReadableStream.prototype[Symbol.asyncIterator]) {
    var values = function (options) {
      var reader = this.getReader();
      var preventCancel = !!(options && options.preventCancel);
      var iterator = {
        next: function () {
          return reader.read().then(function (r) {
            if (r.done) reader.releaseLock();
            return r;
          });
        },
        'return': function (value) {
          var done = function () {
            reader.releaseLock();
            return { done: true, value: value };
          };
          return preventCancel ? Promise.resolve(done()) : reader.cancel(value).then(done);
        }
      };
      iterator[Symbol.asyncIterator] = function () { return this; };
      return iterator;
    };
    def(ReadableStream.prototype, 'values', values);
    Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, { value: values, writable: true, configurable: true });
  }
  def(G, 'structuredClone', function (value) {
    var seen = new Map();
    function clone(v) {
      if (v === null || typeof v !== 'object') return v;
      if (seen.has(v)) return seen.get(v);
      var out;
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      else if (ArrayBuffer.isView(v)) {
        out = v instanceof DataView
          ? new DataView(v.buffer.slice(0), v.byteOffset, v.byteLength)
          : new v.constructor(v);
      } else if (v instanceof Map) {
        out = new Map();
        seen.set(v, out);
        v.forEach(function (val, key) { out.set(clone(key), clone(val)); });
        return out;
      } else if (v instanceof Set) {
        out = new Set();
        seen.set(v, out);
        v.forEach(function (val) { out.add(clone(val)); });
        return out;
      } else {
        out = Array.isArray(v) ? [] : {};
        seen.set(v, out);
        Object.keys(v).forEach(function (k) { out[k] = clone(v[k]); });
        return out;
      }
      seen.set(v, out);
      return out;
    }
    return clone(value);
  });
})();
