// Hostile files dropped on the page (issue 9): a web page nested a million elements deep, a
// zip bomb, an old .doc and an image. Each gives a Chinese message in its row or its report,
// the worker survives, and the next file dropped is analysed as usual. Served www/ only: the
// single file runs the same module.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, browser, watchedPage, dropFiles, zip, unzip, seed, WWW, clearList } from './helpers.mjs';

const SEED4 = '004_9d084db3fe9a091f.txt';

const rows = (page) => page.$$eval('nb-overview tbody tr', (trs) => trs.map((tr) => tr.textContent));
const analyzed = (page, n) => page.waitForFunction((n) => Number(document.body.dataset.analyzed || 0) >= n, n, { timeout: 120000 });

describe('hostile input in the page', () => {
  let server, b, page, seen;

  before(async () => {
    server = await serve(WWW);
    b = await browser();
    ({ page, seen } = await watchedPage(b.context, server.url));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('#version').textContent.startsWith('v'), null, { timeout: 30000 });
    // A first visit loads the samples: wait for them, then start empty (as page.test.mjs does).
    await page.waitForFunction(() => document.body.dataset.restored !== undefined && !document.body.classList.contains('busy'), null, { timeout: 120000 });
    await clearList(page);
  });

  after(async () => {
    await b?.close();
    await server?.close();
  });

  // Drops files, waits until `n` more are analysed, and gives the overview's rows.
  // One file dropped opens its report: back to the overview.
  async function overview() {
    if (await page.isVisible('nb-report button.back')) await page.click('nb-report button.back');
  }

  async function drop(files) {
    await overview();
    await page.click('#clear');
    await dropFiles(page, files);
    await analyzed(page, files.length);
    await page.waitForFunction(() => !document.body.classList.contains('busy'), null, { timeout: 120000 });
  }

  test('a million nested elements give a report with a finding, then the next file is analysed', async () => {
    const n = 1_000_000;
    const deep = '<html><body>' + '<div>'.repeat(n) + '2016年，全市共收到政府信息公开申请12件。' + '</div>'.repeat(n) + '</body></html>';
    const tables = '<table><tr><td>'.repeat(100_000) + '收到申请7件' + '</td></tr></table>'.repeat(100_000);
    await drop([
      { name: 'deep.html', bytes: Buffer.from(deep) },
      { name: 'tables.html', bytes: Buffer.from(tables) },
    ]);
    const shown = await rows(page);
    assert.equal(shown.length, 2, shown.join('\n'));
    assert.ok(shown.every((r) => !r.includes('无法分析')), shown.join('\n'));
    await page.click('nb-overview tbody tr:has-text("deep.html")');
    await page.waitForFunction(() => document.querySelector('nb-report h2')?.textContent === 'deep.html');
    const report = await page.textContent('nb-report');
    assert.match(report, /网页元素嵌套超过 512 层/);
    assert.match(report, /12/);
    await page.click('nb-report button.back');
    await drop([seed(SEED4)]);
    const after = await rows(page);
    assert.ok(after.some((r) => r.startsWith(SEED4) && r.includes('2681')), after.join('\n'));
  });

  test('a zip bomb is refused with a message in its row; its other members and the next file are analysed', async () => {
    const bomb = Buffer.alloc(256 << 20); // 256 MB of zeros: about 250 KB deflated
    const archive = zip([
      { name: 'bomb.txt', bytes: bomb },
      { name: SEED4, bytes: seed(SEED4).bytes },
    ]);
    assert.ok(archive.length < 1 << 20);
    await drop([{ name: '炸弹.zip', bytes: archive }]);
    const shown = await rows(page);
    const bombRow = shown.find((r) => r.startsWith('炸弹.zip/bomb.txt'));
    assert.ok(bombRow, shown.join('\n'));
    assert.match(bombRow, /无法分析：文件过大.*压缩炸弹/);
    assert.ok(shown.some((r) => r.startsWith(`炸弹.zip/${SEED4}`) && r.includes('2681')), shown.join('\n'));
    await drop([seed(SEED4)]);
    assert.ok((await rows(page)).some((r) => r.startsWith(SEED4) && r.includes('2681')));
  });

  test('an old .doc or .wps and an image are named with what to do', async () => {
    const ole = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000000000003e000300feff0900', 'hex');
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
    await drop([
      { name: '年报.doc', bytes: ole },
      { name: '年报.wps', bytes: ole },
      { name: '扫描件.jpg', bytes: jpeg },
    ]);
    const shown = await rows(page);
    for (const name of ['年报.doc', '年报.wps']) {
      assert.match(shown.find((r) => r.startsWith(name)) || '', /请另存为 \.docx 后再分析/, shown.join('\n'));
    }
    assert.match(shown.find((r) => r.startsWith('扫描件.jpg')) || '', /图片需先经文字识别（OCR）/, shown.join('\n'));
  });

  test('exports defuse text that a spreadsheet would run, and keep numbers numbers', async () => {
    const name = '=HYPERLINK(1)+-@.txt';
    await drop([{ name, bytes: seed(SEED4).bytes }]);
    await overview();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-all button[data-kind="csv"]')]);
    const lines = fs.readFileSync(await csv.path(), 'utf8').split('\n').slice(1).filter(Boolean);
    assert.ok(lines.length > 10);
    assert.ok(lines.every((l) => l.startsWith(`'${name},`)), lines[0]);
    assert.ok(lines.some((l) => l.includes(',apply.received,') && l.includes(',2681,')), 'the value stays a bare number');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-all button[data-kind="xlsx"]')]);
    const files = unzip(fs.readFileSync(await xlsx.path()));
    const styles = files['xl/styles.xml'].toString('utf8');
    const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => files[n].toString('utf8')).join('');
    assert.match(styles, /quotePrefix="1"/, 'the file name cell keeps its text with a quote prefix');
    assert.ok(!sheets.includes('<f>'), 'no formula in any sheet');
    assert.ok(files['xl/sharedStrings.xml'].toString('utf8').includes(name), 'the name is shown as written');
    assert.ok(sheets.includes('<v>2681</v>'));
  });

  test('no page error, no request to another origin', () => {
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.foreign, []);
  });
});
