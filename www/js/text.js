// Character offsets (the report's spans count Unicode characters) and the text pane.

// Offsets of a report's text: char index → UTF-16 index, built once per report.
export class CharIndex {
  constructor(text) {
    this.text = text;
    const units = new Uint32Array(text.length + 1);
    let c = 0;
    for (let i = 0; i < text.length; i++) {
      units[c++] = i;
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) i++;
    }
    units[c] = text.length;
    this.units = units.subarray(0, c + 1);
    this.length = c;
  }
  unit(charOffset) {
    return this.units[Math.max(0, Math.min(charOffset, this.length))];
  }
  slice([s, e]) {
    return this.text.slice(this.unit(s), this.unit(e));
  }
}

const SENTENCE_END = '。！？!?；;\n';

// The sentence around a span (for a table cell: its row line), in char offsets.
export function sentenceAround(index, [s, e]) {
  const text = index.text;
  let a = index.unit(s);
  let b = index.unit(e);
  while (a > 0 && !SENTENCE_END.includes(text[a - 1])) a--;
  while (b < text.length && !SENTENCE_END.includes(text[b])) b++;
  if (b < text.length && text[b] !== '\n') b++;
  // back to char offsets
  return [charOf(index, a), charOf(index, b)];
}

function charOf(index, unit) {
  let lo = 0, hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.units[mid] < unit) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// The text pane: the whole report, a sentence lit and the exact figure marked within it.
export class TextPane extends HTMLElement {
  show(index, chrome = []) {
    this.index = index;
    this.chrome = chrome;
    this.textContent = index.text;
  }
  highlight(span, sentence) {
    const index = this.index;
    if (!index) return null;
    let [ss, se] = sentence || span;
    ss = Math.min(ss, span[0]);
    se = Math.max(se, span[1]);
    const text = index.text;
    const u = (c) => index.unit(c);
    this.textContent = '';
    const outer = document.createElement('mark');
    outer.className = 'sentence';
    const hit = document.createElement('mark');
    hit.className = 'hit';
    hit.textContent = text.slice(u(span[0]), u(span[1]));
    outer.append(text.slice(u(ss), u(span[0])), hit, text.slice(u(span[1]), u(se)));
    this.append(text.slice(0, u(ss)), outer, text.slice(u(se)));
    // Scroll inside the pane only (the pane is the marks' offsetParent: position: relative).
    this.scrollTop = Math.max(0, outer.offsetTop - this.clientHeight / 3);
    return outer;
  }
}
customElements.define('nb-text', TextPane);
