// feeds.test.mjs — the feeds as a reader's feed software finds and reads
// them: discovered from the <link rel="alternate"> tags Chromium sees in a
// page's head, then parsed by the npm package rss-parser (RSS 2.0 and
// Atom) and by JSON.parse (JSON Feed 1.1).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Parser from 'rss-parser';
import { fixtures, launch, startSite, writeTemp } from './harness.mjs';

const BLINKEN = '/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/';
const HOSTILE_TITLE = '<script>alert("t")</script> Tom & Jerry\'s "big" day';
const HOSTILE = `---
title: "<script>alert(\\"t\\")</script> Tom & Jerry's \\"big\\" day"
date: 2025-06-01T12:00:00Z
section: Middle East
tags: [Gaza]
author: "O'Brien & Sons"
slug: hostile
---

Body <script>alert("b")</script> with **bold**, AT&T and \`<img src=x onerror=alert(1)>\`.
`;

let site, browser, page;
const parser = new Parser();

before(async () => {
  site = await startSite([path.join(fixtures, 'blinken.md'), path.join(fixtures, 'aleppo.md'),
    writeTemp('hostile.md', HOSTILE)], { feeds: { full_text: 'true' } });
  browser = await launch();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

// The feeds a page announces, as Chromium reads its head: [{type, title, path}]
// (the site's own URLs are absolute on base_url, which the harness sets
// to the test site's address; each is fetched by its path all the same).
async function alternates(pagePath) {
  await page.goto(site.url + pagePath);
  const links = await page.locator('head link[rel="alternate"]').evaluateAll((els) =>
    els.map((e) => ({ type: e.type, title: e.title, href: e.href })));
  return links.map((l) => ({ ...l, path: new URL(l.href).pathname }));
}

async function fetchFeed(feedPath, type) {
  const res = await fetch(site.url + feedPath);
  assert.equal(res.status, 200, feedPath);
  assert.equal(res.headers.get('content-type').split(';')[0], type, feedPath);
  return res.text();
}

test('every page announces the site feeds; each parses', async () => {
  for (const p of ['/', BLINKEN, '/section/middle-east/']) {
    const found = (await alternates(p)).map((l) => `${l.type} ${l.path}`);
    for (const want of ['application/rss+xml /feed/', 'application/atom+xml /feed/atom/',
      'application/feed+json /feed/json/'])
      assert.ok(found.includes(want), `${p}: ${found}`);
  }
  const rss = await parser.parseString(await fetchFeed('/feed/', 'application/rss+xml'));
  assert.equal(rss.title, 'gazette demo');
  assert.equal(rss.items.length, 3);
  const atom = await parser.parseString(await fetchFeed('/feed/atom/', 'application/atom+xml'));
  assert.equal(atom.items.length, 3);
  assert.deepEqual(atom.items.map((i) => i.id), rss.items.map((i) => i.guid));
  const json = JSON.parse(await fetchFeed('/feed/json/', 'application/feed+json'));
  assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
  assert.deepEqual(json.items.map((i) => i.id), rss.items.map((i) => i.guid));
});

test('RSS through rss-parser: dates, permalink guid, creator, categories, full text', async () => {
  const feed = await parser.parseString(await fetchFeed('/section/middle-east/feed/', 'application/rss+xml'));
  assert.equal(feed.title, 'Middle East – gazette demo');
  assert.ok(feed.feedUrl.endsWith('/section/middle-east/feed/'));
  const item = feed.items.find((i) => i.link.endsWith(BLINKEN));
  assert.equal(item.title, 'Blinken presses Hamas for Gaza truce amid Israel talks');
  assert.equal(item.guid, item.link);
  assert.equal(item.isoDate, '2024-05-01T09:00:00.000Z');
  assert.equal(item.creator, 'Staff');
  assert.deepEqual(item.categories, ['Middle East', 'Gaza', 'Israel', 'Hamas', 'Ceasefire', 'United States']);
  assert.ok(item['content:encoded'].includes('<p>Netanyahu’s administration has set a deadline'));
  assert.ok(item.contentSnippet.startsWith('U.S. Secretary of State Antony Blinken'));
  assert.equal(item.author, undefined, 'no RSS <author>: it is an email field');
});

test('Atom through rss-parser: published date, author, html content', async () => {
  const feed = await parser.parseString(await fetchFeed('/tag/gaza/feed/atom/', 'application/atom+xml'));
  assert.equal(feed.title, 'Tagged: Gaza – gazette demo');
  const item = feed.items.find((i) => i.link.endsWith(BLINKEN));
  assert.equal(item.id, item.link);
  assert.equal(item.isoDate, '2024-05-01T09:00:00.000Z');
  assert.equal(item.author, 'Staff');
  assert.ok(item.content.includes('<p>Netanyahu’s administration has set a deadline'));
  assert.ok(item.summary.startsWith('U.S. Secretary of State'));
});

test('an archive page announces its own three feeds, which parse', async () => {
  const own = (await alternates('/author/staff/')).filter((l) => l.path.startsWith('/author/staff/'));
  assert.deepEqual(own.map((l) => `${l.type} ${l.path}`), [
    'application/rss+xml /author/staff/feed/',
    'application/atom+xml /author/staff/feed/atom/',
    'application/feed+json /author/staff/feed/json/']);
  assert.ok(own.every((l) => l.title.startsWith('Articles by Staff')));
  for (const l of own) {
    const text = await fetchFeed(l.path, l.type);
    const items = l.type === 'application/feed+json' ? JSON.parse(text).items
      : (await parser.parseString(text)).items;
    assert.equal(items.length, 2, l.path);
  }
});

test('hostile text arrives as text in every format, never as markup', async () => {
  const rssText = await fetchFeed('/feed/', 'application/rss+xml');
  const atomText = await fetchFeed('/feed/atom/', 'application/atom+xml');
  const jsonText = await fetchFeed('/feed/json/', 'application/feed+json');
  for (const t of [rssText, atomText, jsonText]) {
    assert.ok(!/<script|<img/i.test(t));
    assert.ok(!/@/.test(t.replace(/https?:\/\/[^\s"<]*/g, '')), 'no email');
  }
  const rss = (await parser.parseString(rssText)).items.find((i) => i.link.endsWith('/hostile/'));
  const atom = (await parser.parseString(atomText)).items.find((i) => i.link.endsWith('/hostile/'));
  const json = JSON.parse(jsonText).items.find((i) => i.url.endsWith('/hostile/'));
  for (const title of [rss.title, atom.title, json.title]) assert.equal(title, HOSTILE_TITLE);
  assert.equal(rss.creator, "O'Brien & Sons");
  assert.equal(atom.author, "O'Brien & Sons");
  for (const html of [rss['content:encoded'], atom.content, json.content_html]) {
    assert.ok(html.includes('<strong>bold</strong>'), html);
    assert.ok(html.includes('<code>&lt;img src=x onerror=alert(1)&gt;</code>'), html);
    assert.ok(!/<script|<img/i.test(html), html);
  }
  // a reader that shows the item as HTML shows the title's text, runs nothing
  await page.setContent('<h1 id="t"></h1><div id="c"></div>');
  await page.evaluate(([t, c]) => {
    document.getElementById('t').textContent = t;
    document.getElementById('c').innerHTML = c;
  }, [rss.title, rss['content:encoded']]);
  assert.equal(await page.locator('#t').innerText(), HOSTILE_TITLE);
  assert.equal(await page.locator('#c script, #c img').count(), 0);
  assert.ok((await page.locator('#c').innerText()).includes('<img src=x onerror=alert(1)>'));
});
