// Runs before anything else, in the oldest JavaScript (ES5): when the browser cannot run the
// analyzer (no WebAssembly, no workers, no modules: IE, IE mode, compatibility modes), say so
// in Chinese instead of showing a page that does nothing.
(function () {
  var ok = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function' &&
    typeof Worker === 'function' && typeof Promise === 'function' &&
    'noModule' in document.createElement('script');
  if (ok) return;
  document.documentElement.className += ' no-wasm';
  window.onload = function () {
    var box = document.getElementById('no-wasm');
    if (box) box.style.display = 'block';
    var app = document.getElementById('app');
    if (app) app.style.display = 'none';
  };
})();
