// The reviewer's workbench in headless chromium (www/ served on loopback): the batch fixtures of
// tests/fixtures/batch (three agencies over the years, one report twice, a corrupt PDF, an old
// .doc and a photo; written by its generate.mjs) dropped as one .zip, and what a reviewer does
// with them: filters and the totals row, exports in the order shown, the findings across all
// reports (a year-over-year jump, a carry-over mismatch) opening the report at the cell, year
// over year, the roll-up and its workbook, the charts, the printed findings sheets (page.pdf,
// pages counted and text read back), the work restored after a reload, and the skipped files.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, watchedPage, dropFiles, unzip, zip, WWW, ROOT, clearList } from './helpers.mjs';
import { batchFixtures } from '../fixtures/batch/generate.mjs';

// Screenshots go outside the tracked tree (target/e2e-shots); `make screenshots` copies them to
// docs/screenshots, where the README shows batch-overview, batch-findings, batch-years and
// batch-rollup.
const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
fs.mkdirSync(SHOTS, { recursive: true });
const { files, expected } = batchFixtures();
const ARCHIVE = '江州年报.zip';
const inZip = (name) => `${ARCHIVE}/江州/${name}`;
const READABLE = files.length - 2; // the .doc and the photo are skipped

// The rows shown (the DOM's own selector engine: playwright's $$ reads `:not([hidden])` its way).
const rows = (page) => page.evaluate(() => [...document.querySelectorAll('nb-overview tbody tr:not([hidden])')].map((tr) => tr.textContent));
const idle = (page) => page.waitForFunction(() => document.body.dataset.restored !== undefined && !document.body.classList.contains('busy'), null, { timeout: 120000 });
const totalOf = (page, col) => page.$eval(`nb-overview tfoot td[data-col="${col}"]`, (td) => td.textContent);
async function filter(page, name, value) {
  await page.selectOption(`#overview-filters select[aria-label="${name}"]`, value);
}
async function tab(page, name) {
  await page.click(`.tabs [data-tab="${name}"]`);
}

// Rows of a CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// A screenshot for the README (docs/screenshots), the overview scrolled to the top of the window.
async function shot(page, name) {
  if (process.env.SCREENSHOTS === '0') return;
  await page.$eval('#overview-view', (el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SHOTS, name) });
}

// The text of a PDF and its page count, read with pdf.js in node.
async function pdfText(bytes) {
  const pdfjs = await import(path.join(ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs'));
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false,
    cMapUrl: path.join(ROOT, 'node_modules/pdfjs-dist/cmaps/'), cMapPacked: true }).promise;
  const pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(content.items.map((it) => it.str).join(''));
  }
  await doc.destroy();
  return pages;
}

describe('the reviewer\'s workbench', () => {
  let server, b, page, seen;

  before(async () => {
    server = await serve(WWW);
    b = await browser();
    ({ page, seen } = await watchedPage(b.context, server.url));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('#version').textContent.startsWith('v'), null, { timeout: 30000 });
  });

  after(async () => {
    await b?.close();
    await server?.close();
  });

  test('the samples load on first open', async () => {
    const samples = JSON.parse(fs.readFileSync(path.join(WWW, 'samples', 'index.json'), 'utf8'));
    await page.waitForFunction((n) => Number(document.body.dataset.analyzed || 0) >= n, samples.length, { timeout: 120000 });
    await idle(page);
    const shown = await rows(page);
    assert.equal(shown.length, samples.length);
    // The 来源 column names the kind of file, and an encoding only where one was detected.
    const pdfRow = shown.find((r) => r.includes('huaian-city-2024.pdf'));
    assert.ok(pdfRow.includes('PDF') && !pdfRow.includes('PDF PDF'), pdfRow);
    assert.ok(shown.some((r) => r.includes('文本 UTF-8')), shown.join('\n'));
    await clearList(page);
  });

  test('a .zip of the batch: every report a row, the files that are no report listed with the reason', async () => {
    const archive = zip(files.map((f) => ({ name: '江州/' + f.name, bytes: f.bytes })));
    await dropFiles(page, [{ name: ARCHIVE, bytes: archive }]);
    await page.waitForFunction((n) => Number(document.body.dataset.analyzed || 0) >= n, READABLE, { timeout: 120000 });
    await idle(page);
    const shown = await rows(page);
    assert.equal(shown.length, READABLE, shown.join('\n'));
    // The corrupt PDF has its row, its message in Chinese only.
    const broken = shown.find((r) => r.includes('损坏的报告.pdf'));
    assert.match(broken, /无法分析：无法读取该 PDF 文件：文件已损坏/);
    assert.doesNotMatch(broken.replace(/pdf/gi, '').replace(/江州年报\.zip/, ''), /[A-Za-z]{2,}/, `no English: ${broken}`);
    // The skipped files, each with its reason.
    const skipped = await page.$$eval('#skipped-list li', (lis) => lis.map((li) => li.textContent));
    assert.equal(skipped.length, 2, skipped.join('\n'));
    assert.ok(skipped.some((s) => s.includes('江州市教育局-2015.doc') && s.includes('另存为 .docx')), skipped.join('\n'));
    assert.ok(skipped.some((s) => s.includes('扫描件.png') && s.includes('OCR')), skipped.join('\n'));
    assert.match(await page.textContent('#status'), /2 个文件不是报告，已跳过/);
  });

  test('the same files given again add no row', async () => {
    const again = files.filter((f) => f.name.startsWith('江州市教育局-202'));
    await dropFiles(page, [{ name: ARCHIVE, bytes: zip(again.map((f) => ({ name: '江州/' + f.name, bytes: f.bytes }))) }]);
    await page.waitForFunction(() => /未重复添加/.test(document.querySelector('#status').textContent));
    assert.equal((await rows(page)).length, READABLE);
  });

  test('filters narrow the list, and the totals row adds up what is shown (a duplicate once)', async () => {
    // Everything: the duplicate of 2023 is marked and left out of the totals.
    const dupRow = (await rows(page)).find((r) => r.includes(expected.duplicate[1]));
    assert.ok(dupRow.includes('重复'), dupRow);
    const unique = Object.values(expected.figures).reduce((n, f) => n + f.received, 0);
    assert.equal(await totalOf(page, 'apply.received'), String(unique));

    await filter(page, '年度', '2024');
    assert.equal((await rows(page)).length, 3);
    assert.equal(await totalOf(page, 'apply.received'), String(expected.rollup2024.received));
    assert.match(await page.textContent('nb-overview tfoot th'), /合计（3 份报告）/);

    await filter(page, '年度', '');
    await filter(page, '机关', await page.$eval('#overview-filters select[aria-label="机关"]', (s) => [...s.options].find((o) => o.textContent === '江州市教育局').value));
    const edu = await rows(page);
    assert.equal(edu.length, 7, edu.join('\n'));
    assert.ok(edu.every((r) => r.includes('江州市教育局')));
    await filter(page, '格式', 'legacy');
    assert.deepEqual((await rows(page)).map((r) => r.includes('江州市教育局-2018.txt')), [true]);

    await filter(page, '机关', '');
    // The government office's reports are one agency, however the title writes the name.
    const gov = await page.$eval('#overview-filters select[aria-label="机关"]', (s) => [...s.options].filter((o) => o.textContent.includes('江州市') && o.textContent.includes('政府')).length);
    assert.equal(gov, 1, 'one choice for 江州市人民政府办公室 / 江州市政府办公室 / 江州市人民政府辦公室');
    await filter(page, '格式', '');

    await page.check('#only-errors');
    const errors = await rows(page);
    assert.ok(errors.length >= 1 && errors.some((r) => r.includes('损坏的报告.pdf')), errors.join('\n'));
    const errorCounts = await page.evaluate(() => [...document.querySelectorAll('nb-overview tbody tr:not([hidden])')].map((tr) => tr.classList.contains('status-error') || Number(tr.querySelector('td.sev.error')?.textContent || 0) > 0));
    assert.ok(errorCounts.every(Boolean));
    await page.uncheck('#only-errors');
    assert.equal((await rows(page)).length, READABLE);
    await filter(page, '年度', '2024');
    await shot(page, 'batch-overview.png');
    await filter(page, '年度', '');
  });

  test('an export follows the order on screen', async () => {
    await page.click('nb-overview th[data-col="apply.received"]');
    await page.click('nb-overview th[data-col="apply.received"]');
    const order = await page.evaluate(() => [...document.querySelectorAll('nb-overview tbody tr.status-done:not([hidden]) td.file')].map((td) => td.firstChild.textContent));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all button[data-kind="csv"]')]);
    const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8').slice(1)).slice(1);
    const files = [...new Set(csv.map((r) => r[0]))];
    assert.deepEqual(files, order);
    // The most applications: gov 2023 (the planted ×12), in both its copies.
    assert.deepEqual(order.slice(0, 2).sort(), expected.duplicate.map(inZip).sort());
  });

  test('the findings list holds the carry-over mismatch and the jump, and opens the report at the cell', async () => {
    await tab(page, 'findings');
    await page.waitForSelector('nb-findings li.finding');
    const all = await page.$$eval('nb-findings li.finding', (lis) => lis.map((li) => li.dataset.id + ' ' + li.textContent));
    const jump = all.find((t) => t.startsWith('yoy.jump') && t.includes('2023年的数字与2022年'));
    assert.ok(jump && jump.includes(`“收到政府信息公开申请”${expected.jump.before} → ${expected.jump.after}件`), all.join('\n'));
    await page.selectOption('nb-findings select[aria-label="检查项"]', 'carryover.mismatch');
    const carry = await page.$$eval('nb-findings li.finding', (lis) => lis.map((li) => li.textContent));
    assert.equal(carry.length, 1);
    assert.match(carry[0], new RegExp(`合计：2021年 ${expected.carryover.carriedOut}，2022年 ${expected.carryover.carriedIn}`));
    for (const name of expected.carryover.reports) assert.ok(carry[0].includes(inZip(name)), carry[0]);
    await page.selectOption('nb-findings select[aria-label="检查项"]', '');
    await shot(page, 'batch-findings.png');
    await page.selectOption('nb-findings select[aria-label="检查项"]', 'carryover.mismatch');
    // The link to last year's report opens it at its 结转下年度 cell.
    await page.click(`nb-findings li.finding button.file-link:has-text("${expected.carryover.reports[0]}")`);
    await page.waitForSelector('nb-report td.flash');
    assert.equal(await page.textContent('nb-report h2'), inZip(expected.carryover.reports[0]));
    const cell = await page.$eval('nb-report td.flash', (td) => [td.dataset.ref, td.textContent]);
    assert.equal(cell[1], String(expected.carryover.carriedOut));
    assert.match(cell[0], /^table3\|\d+\|total$/);
    assert.equal(await page.textContent('nb-text mark.hit'), String(expected.carryover.carriedOut));
    // A standard report has no legacy-only part to miss.
    assert.match(await page.textContent('nb-report .part[data-part="staff"]'), /新版（表格）格式的年报不要求列出此部分的数字/);
    await page.click('nb-report button.back');
    // Text copied from last year opens at the first copied sentence of this year's report.
    await page.selectOption('nb-findings select[aria-label="检查项"]', 'yoy.repeated_text');
    await page.click('nb-findings li.finding');
    await page.waitForFunction(() => document.querySelector('nb-report')?.dataset.revealed === 'span');
    assert.equal(await page.textContent('nb-report h2'), inZip(expected.repeated.reports[1]));
    const copied = await page.textContent('nb-text mark.hit');
    const lastYear = files.find((f) => f.name === expected.repeated.reports[0]).bytes.toString('utf8');
    assert.ok(copied.length > 10 && lastYear.includes(copied), `${copied} is last year's`);
    await page.click('nb-report button.back');
  });

  test('year over year flags the jump and the copied text', async () => {
    await tab(page, 'years');
    const agency = await page.$eval('nb-years select', (s) => [...s.options].find((o) => o.textContent.startsWith('江州市人民政府办公室')).value);
    await page.selectOption('nb-years select', agency);
    const heads = await page.$$eval('nb-years table.years thead th', (ths) => ths.map((th) => th.firstChild.textContent));
    const col = heads.indexOf('2023');
    assert.ok(col > 0, heads.join(','));
    const received = await page.$eval(`nb-years tr[data-key="apply.received"] td:nth-child(${col + 1})`, (td) => [td.firstChild.textContent, td.classList.contains('flag')]);
    assert.deepEqual(received, [String(expected.jump.after), true]);
    const repeated = await page.$$eval('nb-years tr.repeated td', (tds) => tds.map((td) => td.textContent));
    const share2021 = Number(repeated[heads.indexOf('2021') - 1].replace('%', ''));
    assert.ok(share2021 >= 50, `2021 repeats ${share2021}% of 2020`);
    assert.ok(await page.$('nb-years svg.lines circle.flag'), 'the jump is ringed in the chart');
    await shot(page, 'batch-years.png');
  });

  test('the roll-up of the 2024 reports adds up cell by cell, and its workbook holds the sums', async () => {
    await filter(page, '年度', '2024');
    await tab(page, 'rollup');
    await page.waitForSelector('nb-rollup .official-table[data-table="table3"] td.src');
    const cells = await page.$$eval('nb-rollup .official-table[data-table="table3"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const received = cells[0];
    assert.equal(received[received.length - 1], String(expected.rollup2024.received));
    assert.equal(received[0], String(expected.rollup2024.receivedNaturalPerson));
    // The drill-down: the three reports' own cells.
    await page.click('nb-rollup .official-table[data-table="table3"] tbody tr:first-child td:last-child');
    const parts = await page.$$eval('nb-rollup .sources tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(parts.map((p) => Number(p[1])), expected.rollup2024.parts);
    assert.deepEqual(parts.map((p) => p[0]), expected.rollup2024.reports.map(inZip));
    await shot(page, 'batch-rollup.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rollup-xlsx')]);
    const xlsx = unzip(fs.readFileSync(await download.path()));
    const book = xlsx['xl/workbook.xml'].toString('utf8');
    for (const name of ['汇总表', '来源', '报告']) assert.ok(book.includes(`name="${name}"`), name);
    const sheet = xlsx['xl/worksheets/sheet1.xml'].toString('utf8');
    // The summed tables as the forms lay them out: header cells merged over their columns.
    assert.ok((sheet.match(/<mergeCell /g) || []).length >= 10, 'the forms\' merged header cells');
    for (const key of ['received', 'carriedOut', 'reconsiderationTotal']) {
      assert.ok(sheet.includes(`<v>${expected.rollup2024[key]}</v>`), `${key} ${expected.rollup2024[key]} in the workbook`);
    }
    const strings = xlsx['xl/sharedStrings.xml'].toString('utf8');
    for (const name of expected.rollup2024.reports) assert.ok(strings.includes(inZip(name)), name);
  });

  test('the charts draw the outcomes of each report and the trends', async () => {
    await tab(page, 'charts');
    const bars = await page.$$eval('nb-charts svg.stacked g.bar', (gs) => gs.length);
    assert.equal(bars, 3, 'one bar per 2024 report');
    // Labels are whole, not cut.
    const labels = await page.$$eval('nb-charts svg.stacked g.bar > text:first-of-type', (ts) => ts.map((t) => t.textContent));
    assert.ok(labels.every((l) => !l.endsWith('…')) && labels.some((l) => l.startsWith('江州市人民政府办公室')), labels.join(','));
    assert.ok(await page.$('nb-charts svg.lines path'));
  });

  test('printed findings sheets: one A4 page per report', async () => {
    await page.evaluate(() => { window.print = () => {}; });
    await page.click('#print button[data-mode="each"]');
    await page.waitForFunction(() => document.body.dataset.printed === 'each:3');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = await pdfText(pdf);
    assert.equal(pages.length, 3, pages.map((p) => p.slice(0, 80)).join('\n'));
    expected.rollup2024.reports.forEach((name, i) => {
      assert.ok(pages[i].includes('年报问题清单') && pages[i].includes(name), `page ${i + 1}: ${pages[i].slice(0, 200)}`);
    });
    // The sheet of edu 2024 carries the finding across reports that names it.
    const edu = pages.find((p) => p.includes('江州市教育局-2024.txt'));
    assert.match(edu, /表格与上年相同/);
    assert.doesNotMatch(pages.join(''), /导出当前列表|清空列表/, 'no buttons printed');

    await page.click('#print button[data-mode="batch"]');
    await page.waitForFunction(() => document.body.dataset.printed === 'batch:1');
    const whole = await pdfText(await page.pdf({ format: 'A4' }));
    assert.equal(whole.length, 1, 'the batch of three fits one sheet');
    assert.match(whole[0], /年报问题清单（3 个文件）/);
    await page.evaluate(() => document.body.classList.remove('print-sheets'));
  });

  test('a report printed from its view leaves out the buttons, the figures and the text', async () => {
    await filter(page, '年度', '');
    await tab(page, 'list');
    await page.click(`nb-overview tbody tr:has-text("${inZip('江州市教育局-2022.txt')}")`);
    await page.waitForSelector('nb-report td.value');
    const pages = await pdfText(await page.pdf({ format: 'A4' }));
    const text = pages.join('');
    assert.ok(pages.length <= 4, `${pages.length} pages`);
    assert.ok(text.includes(inZip('江州市教育局-2022.txt')) && text.includes('检查结果') && text.includes('标准表格'), text.slice(0, 300));
    assert.doesNotMatch(text, /返回概览|全部数字|导出本报告/);
    await page.click('nb-report button.back');
  });

  test('the reports kept in IndexedDB leave memory, and come back when opened', async () => {
    const inMemory = await page.evaluate(() => globalThis.nianbao.state.entries.filter((e) => e.json).length);
    assert.ok(inMemory <= 1, `${inMemory} reports' JSON still in memory`);
  });

  test('a reload restores the results, the skipped list and the findings', async () => {
    await filter(page, '年度', '');
    await page.reload();
    await page.waitForFunction((n) => Number(document.body.dataset.restored) === n, READABLE, { timeout: 60000 });
    await idle(page);
    assert.equal((await rows(page)).length, READABLE);
    assert.equal((await page.$$('#skipped-list li')).length, 2);
    assert.match(await page.textContent('#status'), /已恢复上次分析的/);
    assert.match(await page.textContent('.tabs [data-tab="findings"]'), /\(\d+\)/);
    // A restored report opens with its figures; the browser's Back leads to the overview.
    await page.click(`nb-overview tbody tr:has-text("${inZip('江州市教育局-2022.txt')}")`);
    await page.waitForSelector('nb-report td.value');
    await page.goBack();
    await page.waitForSelector('#overview-view:not([hidden])');
    assert.equal((await rows(page)).length, READABLE);
    await page.goForward();
    await page.waitForFunction((name) => !document.querySelector('#report-view').hidden && document.querySelector('nb-report h2')?.textContent === name, inZip('江州市教育局-2022.txt'));
    await page.click('nb-report button.back');
    await page.waitForSelector('#overview-view:not([hidden])');
  });

  test('leaving while files are being analysed asks first', async () => {
    // Enough files that the batch is still running when the reload comes (60 took 0.4 s in CI).
    const many = Array.from({ length: 400 }, (_, i) => ({ name: `慢-${i}.txt`, bytes: files[3].bytes }));
    await dropFiles(page, many);
    await page.waitForSelector('#progress:not([hidden])');
    const dialog = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.type()); d.dismiss().catch(() => {}); }));
    await page.click('#progress-text'); // a user gesture, which chromium asks for before it asks
    page.reload().catch(() => {});
    assert.equal(await Promise.race([dialog, new Promise((r) => setTimeout(() => r('no dialog'), 10000))]), 'beforeunload');
    await page.evaluate(() => document.querySelector('#cancel').click());
    await idle(page);
  });

  test('a report opened while its batch is still running opens with its figures', async () => {
    // The workers write the reports of a batch a few times a second (worker.js): one just
    // analysed may not be in IndexedDB yet when it is opened.
    const many = Array.from({ length: 2000 }, (_, i) => ({ name: `途中-${i}.txt`, bytes: files[3].bytes }));
    await dropFiles(page, many);
    // Clicked as soon as it is drawn, while the batch goes on.
    const row = await (await page.waitForFunction(() => {
      const tr = document.body.classList.contains('busy') && [...document.querySelectorAll('nb-overview tbody tr.status-done')].find((r) => r.textContent.includes('途中-'));
      tr?.click();
      return tr && { id: tr.dataset.id, name: tr.querySelector('td.file').firstChild.textContent };
    }, null, { polling: 'raf' })).jsonValue();
    await page.waitForFunction((name) => document.querySelector('nb-report h2')?.textContent === name && document.querySelector('nb-report td.value'), row.name);
    assert.ok(await page.evaluate(() => document.body.classList.contains('busy')), 'opened before the batch ended');
    await page.evaluate(() => document.querySelector('#cancel').click());
    await idle(page);
    await page.click('nb-report button.back');
    await page.waitForSelector('#overview-view:not([hidden])');
  });

  test('清空列表 empties the list and what is kept, and the samples do not come back', async () => {
    await clearList(page);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.restored === '0', null, { timeout: 60000 });
    await page.waitForTimeout(500);
    assert.equal((await rows(page)).length, 0);
    assert.equal(await page.isVisible('#skipped'), false);
  });

  test('work kept by an earlier version (a record per row and per report) is restored', async () => {
    // Rows and reports are now kept many to a record (store.js); a visit of a user who kept
    // work before that still finds it.
    const name = '旧版保存的报告.txt';
    await page.evaluate(async ({ name, text }) => {
      const r = await globalThis.nianbao.bridge.call('analyzeText', { text, name, keep: null });
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open('nianbao');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(['entries', 'reports'], 'readwrite');
      tx.objectStore('entries').put({ id: 7, name, fileKey: name + '\u00000', status: 'done', summary: r.summary, digest: r.digest, agencyKey: r.agencyKey, ms: r.ms });
      tx.objectStore('reports').put({ json: r.json, csv: r.csv }, 7);
      await new Promise((resolve) => { tx.oncomplete = resolve; });
      db.close();
    }, { name, text: files[3].bytes.toString('utf8') });
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.restored === '1', null, { timeout: 60000 });
    await idle(page);
    await page.click(`nb-overview tbody tr:has-text("${name}")`);
    await page.waitForFunction((name) => document.querySelector('nb-report h2')?.textContent === name && document.querySelector('nb-report td.value'), name);
    await page.click('nb-report button.back');
    await clearList(page);
  });

  test('no request left for another origin, and no page error', () => {
    assert.deepEqual(seen.foreign, []);
    assert.deepEqual(seen.errors, []);
    // The beforeunload dialog is the only one.
    assert.ok(seen.dialogs.every((d) => d === ''), seen.dialogs.join(','));
  });
});
