// article.test.mjs — the article page as a reader uses it in Chromium.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fixtures, launch, root, startSite } from './harness.mjs';

let site, browser, page;

before(async () => {
  site = await startSite([path.join(fixtures, 'blinken.md'), path.join(fixtures, 'aleppo.md')]);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

test('headline, paragraphs with typography intact', async () => {
  await page.goto(site.url + site.permalinks[0]);
  assert.equal(await page.locator('h1').innerText(),
    'Blinken presses Hamas for Gaza truce amid Israel talks');
  assert.match(await page.title(), /^Blinken presses Hamas for Gaza truce amid Israel talks – /);
  const body = await page.locator('.article-body').innerText();
  assert.ok(body.includes('Netanyahu’s administration has set a deadline'));
  assert.equal(await page.locator('.article-body p').count(), 7);
});

test('Check Also leads to the related story', async () => {
  await page.goto(site.url + site.permalinks[0]);
  const box = page.locator('aside.check-also');
  assert.equal((await box.locator('h2').textContent()).trim(), 'Check Also');
  assert.ok((await box.locator('.check-also-excerpt').innerText()).endsWith(' …'));
  await box.getByRole('link', { name: 'Insurgents Advance from Aleppo, Assad Vows Defeat' }).click();
  await page.waitForURL(site.url + site.permalinks[1]);
  assert.equal(await page.locator('h1').innerText(), 'Insurgents Advance from Aleppo, Assad Vows Defeat');
});

test('the comment form: labels focus their fields, an empty post comes back with errors', async () => {
  await page.goto(site.url + site.permalinks[0]);
  assert.equal(await page.locator('#reply-title').innerText(), 'Leave a Reply');
  for (const [label, id] of [['Comment', 'comment'], ['Name', 'author'], ['Email', 'email'], ['Website', 'url']]) {
    await page.locator(`label[for="${id}"]`).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), id, label);
  }
  // the form is novalidate: the server checks, answers 422, names each
  // missing field and puts the focus on the first
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/comments')),
    page.getByRole('button', { name: 'Post Comment' }).click(),
  ]);
  assert.equal(response.status(), 422);
  await page.waitForLoadState();
  for (const id of ['comment', 'author', 'email'])
    assert.equal(await page.locator(`#${id}-error`).count(), 1, id);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'comment');
  await page.getByLabel('Save my name, email, and website in this browser for the next time I comment.').check();
  assert.equal(await page.locator('#consent').isChecked(), true);
});

test('screenshot of the article page', async () => {
  await page.goto(site.url + site.permalinks[0]);
  const out = process.env.UPDATE_SCREENSHOT ? path.join(root, 'docs', 'screenshot.png')
    : path.join(process.env.TMPDIR || '/tmp', 'gazette-article.png');
  await page.screenshot({ path: out, fullPage: false });
});
