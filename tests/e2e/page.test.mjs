// The page in headless Debian chromium, twice: served from www/ over http://127.0.0.1, and as
// the single file dist/nianbao.html opened from disk. What a user does and sees: picking and
// dropping seed files, the figures of seed 004, a cell lighting its sentence, the exports
// (the XLSX read back), a standard PDF's tables with a failing cell marked, report text that
// tries to run script, and never a request to another origin nor a page error.
// Run with `make e2e` (builds the module and the single file first).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, watchedPage, dropFiles, unzip, zip, seed, WWW, DIST, ROOT, clearList } from './helpers.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
// Screenshots go outside the tracked tree; `make screenshots` copies them to docs/screenshots.
const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
fs.mkdirSync(SHOTS, { recursive: true });
const SEED4 = '004_9d084db3fe9a091f.txt';
const ALL_SEEDS = fs.readdirSync(path.join(WWW, 'samples')).filter((n) => n.endsWith('.txt')).sort();

const analyzed = (page, n) => page.waitForFunction((n) => Number(document.body.dataset.analyzed || 0) >= n, n, { timeout: 60000 });

// The values of the indicator cells shown in the report view.
const shownValues = (page) => page.$$eval('nb-report td.value', (tds) => tds.map((td) => td.textContent.trim()));

async function readDownload(download) {
  return fs.readFileSync(await download.path());
}

for (const mode of ['served', 'file']) {
  describe(`page (${mode === 'served' ? 'served www/' : 'dist/nianbao.html from file://'})`, () => {
    let server, b, page, seen, url;

    before(async () => {
      if (mode === 'served') {
        server = await serve(WWW);
        url = server.url;
      } else {
        assert.ok(fs.existsSync(DIST), 'dist/nianbao.html is missing: run `make dist`');
        url = 'file://' + DIST;
      }
      b = await browser();
      ({ page, seen } = await watchedPage(b.context, mode === 'served' ? server.url : null));
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector('#version').textContent.startsWith('v'), null, { timeout: 30000 });
      // A first visit loads the samples (tests/e2e/workbench.test.mjs checks them): start empty.
      await page.waitForFunction(() => document.body.dataset.restored !== undefined && !document.body.classList.contains('busy'), null, { timeout: 120000 });
      await clearList(page);
    });

    after(async () => {
      await b?.close();
      await server?.close();
    });

    test('states that files stay on the computer, and loads the module', async () => {
      const privacy = await page.textContent('#privacy');
      assert.match(privacy, /不会上传/);
      assert.equal(await page.isVisible('#no-wasm'), false);
    });

    test('a seed picked through the file input shows its figures', async () => {
      await page.setInputFiles('#file-input', path.join(FIXTURES, 'seeds', SEED4));
      await page.waitForSelector('nb-report td.value', { timeout: 30000 });
      const values = await shownValues(page);
      assert.ok(values.includes('2681'), `2681 (applications received) not shown: ${values.slice(0, 40)}`);
      assert.ok(values.includes('270635'), `270635 (proactive disclosures) not shown`);
      assert.match(await page.textContent('nb-report .facts'), /宿遷市人民政府/);
      if (mode === 'served') await page.screenshot({ path: path.join(SHOTS, 'report.png') });
    });

    test('clicking a cell lights its sentence in the text', async () => {
      const cell = page.locator('nb-report td.value', { hasText: /^2681$/ }).first();
      await cell.click();
      const hit = await page.textContent('nb-text mark.hit');
      const sentence = await page.textContent('nb-text mark.sentence');
      const quote = await page.evaluate(() => {
        const r = globalThis.nianbao.state.entries.at(-1).report;
        return r.indicators.find((i) => i.key === 'apply.received' && i.value === 2681).quote;
      });
      assert.equal(hit, quote, 'the lit text is the indicator\'s own quote');
      assert.ok(hit.includes('2681'));
      assert.ok(sentence.includes(hit) && sentence.length > hit.length, `sentence: ${sentence}`);
      assert.match(sentence, /申請/);
      // The lit sentence is visible inside the text pane.
      const visible = await page.evaluate(() => {
        const pane = document.querySelector('nb-text');
        const mark = pane.querySelector('mark.sentence');
        return mark.offsetTop >= pane.scrollTop && mark.offsetTop < pane.scrollTop + pane.clientHeight;
      });
      assert.ok(visible, 'the sentence is scrolled into view');
      if (mode === 'served') await page.screenshot({ path: path.join(SHOTS, 'highlight.png') });
    });

    test('seeds dropped together fill the overview, which sorts and opens reports', async () => {
      await page.click('nb-report button.back');
      await page.click('#clear');
      await dropFiles(page, ALL_SEEDS.map(seed));
      await analyzed(page, ALL_SEEDS.length);
      const rows = await page.$$eval('nb-overview tbody tr', (trs) => trs.map((tr) => tr.textContent));
      assert.equal(rows.length, ALL_SEEDS.length);
      assert.ok(rows.some((r) => r.includes(SEED4) && r.includes('宿遷市人民政府') && r.includes('2681')));
      await page.click('nb-overview th[data-col="apply.received"]');
      await page.click('nb-overview th[data-col="apply.received"]');
      const first = await page.textContent('nb-overview tbody tr:first-child td.file');
      assert.equal(first, SEED4, 'sorted by applications, largest first');
      if (mode === 'served') await page.screenshot({ path: path.join(SHOTS, 'overview.png') });
    });

    test('CSV export of all reports holds the values, with a BOM', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all button[data-kind="csv"]')]);
      const text = (await readDownload(download)).toString('utf8');
      assert.ok(text.startsWith('\uFEFF'), 'BOM');
      const lines = text.slice(1).split('\n');
      assert.match(lines[0], /^file,agency,year/);
      assert.ok(lines.some((l) => l.startsWith(SEED4) && l.includes(',apply.received,') && l.includes(',2681,')), 'apply.received 2681');
      assert.ok(lines.some((l) => l.startsWith(SEED4) && l.includes(',proactive.total,') && l.includes(',270635,')), 'proactive.total 270635');
      assert.equal(new Set(lines.filter(Boolean).slice(1).map((l) => l.split(',')[0])).size, ALL_SEEDS.length);
    });

    test('Excel export of all reports holds the values', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all button[data-kind="xlsx"]')]);
      const files = unzip(await readDownload(download));
      const strings = files['xl/sharedStrings.xml'].toString('utf8');
      const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
      assert.ok(sheets.length >= 3, `sheets: ${sheets}`);
      const book = files['xl/workbook.xml'].toString('utf8');
      for (const name of ['概览', '指标', '问题']) assert.ok(book.includes(`name="${name}"`), name);
      const all = sheets.map((n) => files[n].toString('utf8')).join('');
      assert.ok(all.includes('<v>2681</v>') && all.includes('<v>270635</v>'), 'numbers in cells');
      assert.ok(strings.includes('宿遷市人民政府') && strings.includes(SEED4));
    });

    test('JSON export of one report is the command line\'s object', async () => {
      await page.click(`nb-overview tbody tr:has-text("${SEED4}")`);
      await page.waitForSelector('nb-report td.value');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('nb-report .exports button:has-text("JSON")')]);
      const obj = JSON.parse((await readDownload(download)).toString('utf8'));
      assert.equal(obj.file, SEED4);
      assert.ok(obj.indicators.some((i) => i.key === 'apply.received' && i.value === 2681));
      assert.equal(typeof obj.text, 'string');
      await page.click('nb-report button.back');
    });

    test('a standard PDF shows its tables in the official layout', async () => {
      const pdf = fs.readFileSync(path.join(FIXTURES, 'web', 'huaian-city-2024.pdf'));
      await page.click('#clear');
      await dropFiles(page, [{ name: 'huaian-city-2024.pdf', bytes: pdf, type: 'application/pdf' }]);
      await page.waitForSelector('nb-report table.std td', { timeout: 60000 });
      const cells = await page.$$eval('nb-report .official-table[data-table="table3"] td', (tds) => tds.map((td) => td.textContent));
      assert.ok(cells.includes('3119') && cells.includes('3050'), `table 3 cells: ${cells.slice(0, 20)}`);
      const heads = await page.textContent('nb-report .official-table[data-table="table3"] thead');
      assert.match(heads, /申请人情况.*自然人.*法人或其他组织.*商业企业/s);
      if (mode === 'served') await page.screenshot({ path: path.join(SHOTS, 'standard-pdf.png') });
    });

    test('a standard PDF that does not add up has its failing cells marked', async () => {
      const pdf = fs.readFileSync(path.join(FIXTURES, 'web', 'standard-bad-sum.pdf'));
      await page.click('nb-report button.back');
      await dropFiles(page, [{ name: 'standard-bad-sum.pdf', bytes: pdf, type: 'application/pdf' }]);
      await page.waitForFunction(() => document.querySelector('nb-report h2')?.textContent === 'standard-bad-sum.pdf', null, { timeout: 60000 });
      const bad = await page.$$eval('nb-report .official-table[data-table="table3"] td.bad', (tds) => tds.map((td) => [td.textContent, td.title]));
      assert.ok(bad.some(([text]) => text === '3011'), `marked: ${JSON.stringify(bad)}`);
      assert.ok(bad.every(([, title]) => title.length > 0), 'each marked cell says why');
      const finding = page.locator('nb-report li.finding.error').first();
      await finding.click();
      assert.ok(await page.locator('nb-report td.flash').count() > 0, 'a finding shows its cells');
      if (mode === 'served') await page.screenshot({ path: path.join(SHOTS, 'findings.png'), fullPage: false });
    });

    test('report text that carries markup is shown, never run', async () => {
      await page.click('nb-report button.back');
      const evil = '<script>alert(1)</script>\n<img src=x onerror="alert(2)">\n2016年，全市共收到政府信息公开申请12件。<svg onload=alert(3)>';
      await page.click('.paste summary');
      await page.fill('#paste', evil);
      await page.click('#paste-go');
      await page.waitForSelector('nb-report nb-text', { timeout: 30000 });
      await dropFiles(page, [{ name: '<img src=y onerror=alert(4)>.txt', bytes: Buffer.from(evil) }]);
      await page.waitForFunction(() => document.querySelector('nb-report h2')?.textContent.startsWith('<img'), null, { timeout: 30000 });
      await page.waitForTimeout(300);
      assert.deepEqual(seen.dialogs, [], 'no script ran');
      assert.match(await page.textContent('nb-text'), /<script>alert\(1\)<\/script>/);
      assert.equal(await page.$$eval('img, svg[onload], script:not([src]):not([type])', (els) => els.filter((e) => e.closest('nb-report, nb-overview')).length), 0);
      await page.click('nb-report button.back');
      assert.ok((await page.textContent('nb-overview')).includes('<img src=y onerror=alert(4)>.txt'));
    });

    test('a file that is not a report shows its error in its row and the rest go on', async () => {
      await page.click('#clear');
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      await dropFiles(page, [{ name: 'picture.png', bytes: png }, seed(SEED4)]);
      await analyzed(page, 2);
      const rows = await page.$$eval('nb-overview tbody tr', (trs) => trs.map((tr) => tr.textContent));
      assert.ok(rows.some((r) => r.startsWith('picture.png') && r.includes('无法分析')), rows.join('\n'));
      assert.ok(rows.some((r) => r.startsWith(SEED4) && r.includes('2681')), rows.join('\n'));
    });

    test('a .zip archive dropped is opened, its folders included', async () => {
      await page.click('#clear');
      const archive = zip([
        { name: '报告/2016/' + SEED4, bytes: seed(SEED4).bytes },
        { name: '报告/说明.png', bytes: Buffer.from('not a report') },
        { name: '__MACOSX/._x.txt', bytes: Buffer.from('junk') },
        { name: '报告/' + ALL_SEEDS[0], bytes: seed(ALL_SEEDS[0]).bytes },
      ]);
      await dropFiles(page, [{ name: '年报.zip', bytes: archive }]);
      await analyzed(page, 2);
      const rows = await page.$$eval('nb-overview tbody tr', (trs) => trs.map((tr) => tr.textContent));
      assert.equal(rows.length, 2, rows.join('\n'));
      assert.ok(rows.some((r) => r.startsWith(`年报.zip/报告/2016/${SEED4}`) && r.includes('2681')), rows.join('\n'));
    });

    test('a batch can be cancelled, and says how many were left', async () => {
      await page.click('#clear');
      const text = seed(SEED4).bytes;
      // The click comes from inside the page, at the first progress drawn: a click sent from
      // here arrives after a whole batch of 60 on a fast machine (409 ms in one CI run).
      await page.evaluate(() => {
        const progress = document.querySelector('#progress');
        const observer = new MutationObserver(() => {
          const text = document.querySelector('#progress-text').textContent;
          if (progress.hidden || !/正在分析 [1-9]/.test(text)) return;
          observer.disconnect();
          window.progressWhenCancelled = text;
          document.querySelector('#cancel').click();
        });
        observer.observe(progress, { attributes: true, childList: true, subtree: true, characterData: true });
      });
      await dropFiles(page, Array.from({ length: 200 }, (_, i) => ({ name: `r${i}.txt`, bytes: text })));
      await page.waitForFunction(() => window.progressWhenCancelled && !document.body.classList.contains('busy'));
      assert.match(await page.evaluate(() => window.progressWhenCancelled), /正在分析 \d+ \/ 200/);
      assert.match(await page.textContent('#status'), /取消 \d+ 个/);
      const n = await page.$$eval('nb-overview tbody tr', (trs) => trs.length);
      assert.ok(n > 0 && n < 200, `${n} analysed before the cancel`);
    });

    test('the figures table filters', async () => {
      await page.click('nb-overview tbody tr:first-child');
      await page.fill('nb-report input.filter', '2681');
      const rows = await page.$$eval('nb-report table.fig tbody tr', (trs) => trs.map((tr) => tr.textContent));
      assert.ok(rows.length >= 1 && rows.every((r) => r.includes('2681')), rows.join('\n'));
      await page.click('nb-report button.back');
    });

    test('no request left for another origin, and no page error', () => {
      assert.deepEqual(seen.foreign, []);
      assert.deepEqual(seen.errors, []);
    });
  });
}

test('a browser without WebAssembly is told so in Chinese', async () => {
  const server = await serve(WWW);
  const b = await browser();
  try {
    const page = await b.context.newPage();
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto(server.url);
    await page.waitForSelector('#no-wasm', { state: 'visible' });
    assert.match(await page.textContent('#no-wasm'), /不支持 WebAssembly.*极速模式/);
    assert.equal(await page.isVisible('#app'), false);
  } finally {
    await b.close();
    await server.close();
  }
});
