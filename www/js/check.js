// Runs before anything else, in the oldest JavaScript (ES5): when the browser cannot run the
// analyzer (IE, IE mode, compatibility modes, kernels older than the floor), say so in Chinese,
// naming what is missing and which browsers work, instead of showing a page that does nothing.
// The page's own checks (js/support.js: the module validates, the worker starts) use the same
// message through window.nianbaoUnsupported.
(function () {
  var BROWSERS = 'Chrome、Edge 等 Chromium 内核 86 及以上，Firefox 102 及以上，或 Safari 15 及以上';
  var HINT = '360 安全浏览器、奇安信可信浏览器、QQ 浏览器等双核浏览器请切换到“极速模式”（地址栏右侧的闪电或 e 图标）';
  var shown = false;

  function show(missing) {
    if (shown) return;
    shown = true;
    var text = '您的浏览器不支持 ' + missing.join('、') + '，无法在本机分析报告。请使用 ' + BROWSERS +
      ' 的浏览器；' + HINT + '。';
    var apply = function () {
      document.documentElement.className += ' no-wasm';
      var box = document.getElementById('no-wasm');
      if (box) {
        if ('textContent' in box) box.textContent = text; else box.innerText = text;
        box.style.display = 'block';
      }
      var app = document.getElementById('app');
      if (app) app.style.display = 'none';
    };
    if (document.readyState === 'loading' && document.addEventListener) {
      document.addEventListener('DOMContentLoaded', apply);
    } else if (document.readyState === 'loading') {
      window.onload = apply;
    } else {
      apply();
    }
  }
  window.nianbaoUnsupported = show;

  var missing = [];
  if (!(typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function' &&
      typeof WebAssembly.validate === 'function')) missing.push('WebAssembly');
  if (typeof Worker !== 'function') missing.push('Web Worker（后台线程）');
  if (typeof Promise !== 'function') missing.push('Promise');
  if (typeof TextDecoder !== 'function') missing.push('TextDecoder（文字编码转换）');
  if (!('noModule' in document.createElement('script'))) missing.push('JavaScript 模块');
  if (missing.length) {
    show(missing);
    return;
  }
  // A browser with modules but older than the page's JavaScript cannot even parse it, and the
  // page would do nothing: the parse error names no feature, so name the syntax.
  if (window.addEventListener) {
    window.addEventListener('error', function (e) {
      var isSyntax = (typeof SyntaxError === 'function' && e.error instanceof SyntaxError) ||
        /SyntaxError/.test(String(e.message));
      if (isSyntax && !window.nianbaoStarted) show(['本页使用的 JavaScript 语法（浏览器内核过旧）']);
    }, true);
  }
})();
