// validate.test.mjs — every kind of page is valid HTML (the Nu Html
// Checker, vnu-jar, run once with Java over all of them) and has no
// serious or critical accessibility violation (axe-core in Chromium).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fixtures, launch, root, startSite } from './harness.mjs';

const require = createRequire(import.meta.url);
const vnu = require.resolve('vnu-jar/build/dist/vnu.jar');
const axe = require.resolve('axe-core/axe.min.js');
const sample = path.join(root, 'sample');

let site, browser, page;
const pages = {};   // kind -> path

before(async () => {
  const files = [path.join(fixtures, 'blinken.md'), path.join(fixtures, 'aleppo.md'),
    ...readdirSync(sample).filter((f) => /^\d.*\.md$/.test(f)).map((f) => path.join(sample, f))];
  site = await startSite(files, { comments: { min_submit_seconds: '0', flood_seconds: '0',
    hold_unknown_authors: 'false' }, articles: { front_page_size: '4' } });
  browser = await launch();
  page = await browser.newPage();
  const blinken = site.permalinks[0];
  // a comment and a reply, so the thread markup is checked too
  await page.goto(site.url + blinken);
  await page.fill('#comment', 'A first comment, with a link: https://example.org/a.');
  await page.fill('#author', 'Val Idator');
  await page.fill('#email', 'val@example.org');
  await Promise.all([page.waitForURL(/#comment-\d+$/), page.click('#submit')]);
  const id = page.url().match(/#comment-(\d+)$/)[1];
  Object.assign(pages, {
    front: '/', 'front page 2': '/page/2/', article: blinken,
    'article, replying': `${blinken}?replytocom=${id}`, 'article 2': site.permalinks[1],
    section: '/section/middle-east/', tag: '/tag/gaza/', author: '/author/staff/',
    year: '/2024/', month: '/2024/05/', 'search results': '/search?q=truce',
    'search, nothing found': '/search?q=xyzzyplugh', 'search form': '/search',
    'search, all and some of the words': '/search?q=ferry+mayor',
    'not found': '/no/such/page/',
  });
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

test('every page kind passes the Nu Html Checker with no errors', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gazette-vnu-'));
  try {
    const names = {};
    for (const [kind, p] of Object.entries(pages)) {
      const r = await page.request.get(site.url + p);
      const file = path.join(dir, kind.replace(/\W+/g, '-') + '.html');
      writeFileSync(file, await r.body());
      names[file] = kind;
    }
    // the 422 page: a rejected comment comes back with its errors
    const form = await page.request.get(site.url + pages.article);
    const html = await form.text();
    const field = (n) => html.match(new RegExp(`name="${n}" value="([^"]*)"`))[1];
    const r = await page.request.post(site.url + '/comments', { form: {
      article: field('article'), parent: '0', token: field('token'),
      comment: '', author: 'x', email: 'not-an-email', url: 'ftp://x' } });
    assert.equal(r.status(), 422);
    const rejected = path.join(dir, 'rejected-comment.html');
    writeFileSync(rejected, await r.body());
    names[rejected] = 'rejected comment (422)';
    let out;
    try {
      out = execFileSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...Object.keys(names)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = e.stderr || e.stdout;   // vnu exits 1 and reports on stderr when it finds errors
    }
    const report = JSON.parse(out || '{"messages":[]}');
    const errors = report.messages.filter((m) => m.type === 'error')
      .map((m) => `${names[decodeURIComponent(m.url.replace('file:', ''))] || m.url}: line ${m.lastLine}: ${m.message}`);
    assert.deepEqual(errors, [], errors.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no serious or critical axe-core violation on any page kind', async () => {
  const problems = [];
  for (const [kind, p] of Object.entries(pages)) {
    await page.goto(site.url + p);
    await page.addScriptTag({ path: axe });
    const result = await page.evaluate(async () => await window.axe.run(document));
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        problems.push(`${kind}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
