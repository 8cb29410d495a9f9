// comments.test.mjs — posting comments through the real form in Chromium:
// a refused post keeps every typed character and puts the focus on the
// field in error; hostile text in any field stays text (on the page, in
// the refilled form, in the comment feed); Reply works without JavaScript.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { fixtures, launch, startSite } from './harness.mjs';

const COMMENTS = { min_submit_seconds: '0', flood_seconds: '0', hold_unknown_authors: 'false' };

let site, browser, context, page, dialogs;

before(async () => {
  site = await startSite([path.join(fixtures, 'blinken.md'), path.join(fixtures, 'aleppo.md')],
    { comments: COMMENTS });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

// A fresh context a test: no cookies carried from one test to the next.
beforeEach(async (t) => {
  const javaScriptEnabled = !/without JavaScript/.test(t.name);
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled });
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
});

afterEach(async () => {
  await context?.close();
});

const blinken = () => site.url + site.permalinks[0];
const aleppo = () => site.url + site.permalinks[1];

async function fill(values) {
  for (const [id, v] of Object.entries(values)) await page.locator(`#${id}`).fill(v);
}

async function fields() {
  const out = {};
  for (const id of ['comment', 'author', 'email', 'url']) out[id] = await page.locator(`#${id}`).inputValue();
  return out;
}

// Press Post Comment and wait for the answer to load.  Returns the
// status of POST /comments and, on a 303, the new comment's id.
async function submit() {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' &&
    new URL(r.url()).pathname === '/comments');
  await page.locator('#submit').click();
  const status = (await answer).status();
  if (status === 303) {
    await page.waitForURL(/#comment-\d+$/);
    return { status, id: Number(page.url().match(/#comment-(\d+)$/)[1]) };
  }
  await page.waitForURL((u) => u.pathname === '/comments');
  return { status, id: null };
}

// Nothing a commenter wrote ran: no flag, no dialog, not a script or an
// event-handler attribute in the document (the theme itself has none but
// the article's JSON-LD, which is data, not script).
async function assertInert(where) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `script ran: ${where}`);
  assert.deepEqual(dialogs, [], `dialog opened: ${where}`);
  const found = await page.evaluate(() => ({
    scripts: [...document.scripts].filter((el) => el.type !== 'application/ld+json' &&
      !(el.src && new URL(el.src).pathname.startsWith('/theme/'))).length,
    svg: document.querySelectorAll('svg').length,
    imgX: document.querySelectorAll('img[src="x"]').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
    jsLinks: [...document.querySelectorAll('a[href]')]
      .filter((a) => a.protocol === 'javascript:').map((a) => a.getAttribute('href')),
  }));
  assert.deepEqual(found, { scripts: 0, svg: 0, imgX: 0, handlers: [], jsLinks: [] }, where);
}

test('typed text survives a rejected post, then posts intact', async () => {
  const typed = {
    comment: 'Je ne suis pas d’accord avec “la trêve” — pas du tout.\n' +
      'Second line of the same paragraph 🎉👍🏽\n\n' +
      'مرحبا بالعالم، هذا تعليق باللغة العربية.\n\n' +
      'Last: 5 < 6 & "quoted" \'single\' 100% done',
    author: 'Zoë O’Brien “Z” 🦊',
    email: 'not-an-email',
    url: 'https://zoe.example/path?a=1&b=2',
  };
  await page.goto(blinken());
  await fill(typed);
  assert.deepEqual(await fields(), typed);
  const first = await submit();
  assert.equal(first.status, 422, 'an invalid email is refused with 422');
  assert.deepEqual(await fields(), typed, 'every field holds exactly what was typed');
  const error = page.locator('.comment-form-email #email-error');
  assert.equal(await error.count(), 1, 'the error sits next to the email field');
  assert.ok((await error.innerText()).trim().length > 0);
  assert.match(await page.locator('#email').getAttribute('aria-describedby'), /\bemail-error\b/);
  assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');
  for (const other of ['comment', 'author', 'url'])
    assert.equal(await page.locator(`#${other}-error`).count(), 0, `no error on ${other}`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email', 'focus on the email field');
  assert.ok((await page.locator('#form-message').innerText()).length > 0);

  await page.locator('#email').fill('zoe@example.org');
  const second = await submit();
  assert.equal(second.status, 303);
  assert.ok(page.url().startsWith(blinken() + '#comment-'), page.url());
  const li = page.locator(`#comment-${second.id}`);
  assert.equal(await li.locator('.comment-content').innerText(), typed.comment);
  assert.equal(await li.locator('.comment-author').innerText(), typed.author);
  assert.equal(await li.locator('.comment-author a').getAttribute('href'), typed.url);
  // and the form is empty again for the next comment
  assert.equal(await page.locator('#comment').inputValue(), '');
  await assertInert('after the post');
});

const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  '\'><svg/onload=window.__pwned=1 x=\'',
  '&lt;script&gt;window.__pwned=1&lt;/script&gt;',
  '&#x3C;script&#x3E;window.__pwned=1&#x3C;/script&#x3E;',
  '%3Cscript%3Ewindow.__pwned=1%3C/script%3E',
  '</textarea><script>window.__pwned=1</script>',
  '{{#article}}{{{body_html}}}{{/article}} {{{comment}}}',
  'See https://example.org/"onmouseover="window.__pwned=1"x=" and ' +
    'http://x.example/<script>window.__pwned=1</script> or javascript:window.__pwned=1',
];
const accepted = [];   // [{ id, text }] posted on the Aleppo article

test('hostile text in every field stays text', async () => {
  for (const [i, p] of HOSTILE.entries()) {
    const label = `payload ${i} ${p}`;
    await page.goto(aleppo());
    await fill({ comment: p, author: p, email: p, url: p });
    // what the fields hold as sent (the browser stops typing at maxlength)
    const typed = await fields();
    assert.deepEqual(typed, { comment: p, author: p, email: p.slice(0, 100), url: p }, label);
    const refused = await submit();
    assert.equal(refused.status, 422, label);
    await assertInert(`422 page, ${label}`);
    assert.deepEqual(await fields(), typed, `refilled as typed: ${label}`);
    assert.equal(await page.locator('#email-error').count(), 1, label);
    assert.equal(await page.locator('#url-error').count(), 1, label);

    await fill({ email: `hostile${i}@example.org`, url: `https://example.org/p${i}` });
    const posted = await submit();
    assert.equal(posted.status, 303, label);
    await assertInert(`after the post, ${label}`);
    for (const when of ['after the post', 'after a reload']) {
      if (when === 'after a reload') {
        await page.reload();
        await assertInert(`${when}, ${label}`);
      }
      const li = page.locator(`#comment-${posted.id}`);
      assert.equal(await li.locator('.comment-content').innerText(), p, `${when}: ${label}`);
      assert.equal(await li.locator('.comment-author').innerText(), p, `${when}: ${label}`);
      assert.equal(await li.locator('.comment-author a').getAttribute('href'),
        `https://example.org/p${i}`, label);
    }
    accepted.push({ id: posted.id, text: p, author: p });
  }

  // a javascript: website is refused, and kept as typed
  await page.goto(aleppo());
  const jsUrl = 'javascript:window.__pwned=1';
  await fill({ comment: 'A comment with a javascript: website', author: 'JS Link', email: 'js@example.org', url: jsUrl });
  const js = await submit();
  assert.equal(js.status, 422);
  assert.equal(await page.locator('.comment-form-url #url-error').count(), 1);
  assert.equal(await page.locator('#url').inputValue(), jsUrl);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'url');
  await assertInert('422 page for a javascript: website');

  // an http(s) website with markup in it: accepted or refused, never run
  const sneaky = 'https://example.org/"><script>window.__pwned=1</script>';
  await page.goto(aleppo());
  await fill({ comment: 'A comment with a sneaky website', author: 'Sneaky Link', email: 'sneaky@example.org', url: sneaky });
  const s = await submit();
  assert.ok(s.status === 303 || s.status === 422, `status ${s.status}`);
  await assertInert(`website with markup (${s.status})`);
  if (s.status === 303) {
    const link = page.locator(`#comment-${s.id} .comment-author a`);
    assert.equal(await link.innerText(), 'Sneaky Link');
    const href = await link.getAttribute('href');
    assert.ok(href === sneaky || href.startsWith('https://example.org/%22'), href);
    accepted.push({ id: s.id, text: 'A comment with a sneaky website', author: 'Sneaky Link' });
    await page.reload();
    await assertInert('website with markup, after a reload');
  } else {
    assert.equal(await page.locator('#url-error').count(), 1);
    assert.equal(await page.locator('#url').inputValue(), sneaky);
  }
});

test('the comment feed carries hostile text as text', async () => {
  assert.ok(accepted.length >= HOSTILE.length, 'runs after the hostile-text test');
  const feed = site.permalinks[1] + 'feed/';
  const r = await page.request.get(site.url + feed);
  assert.equal(r.status(), 200);
  assert.match(r.headers()['content-type'], /xml/);
  const xml = await r.text();
  assert.doesNotMatch(xml, /<script/i, 'no raw <script> in the feed');
  assert.doesNotMatch(xml, /<(img|svg)\b/i, 'no raw <img>/<svg> in the feed');
  assert.ok(!xml.includes('hostile0@example.org'), 'no email in the feed');
  // Read it as a feed reader does: XML, then each <description> is HTML
  // (RSS 2.0: "entity-encoded HTML").  Its text must be what was typed,
  // with no element in it that could run.
  await page.goto(aleppo());   // a page of the site to parse in
  const items = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    return [...doc.querySelectorAll('item')].map((item) => {
      const html = item.querySelector('description').textContent;
      const parsed = new DOMParser().parseFromString(html, 'text/html');   // scripts stay inert
      return {
        link: item.querySelector('link').textContent,
        creator: item.getElementsByTagName('dc:creator')[0].textContent,
        text: parsed.body.textContent.trim(),
        elements: [...parsed.querySelectorAll('script, img, svg, iframe, [onload], [onerror], [onmouseover]')]
          .map((e) => e.outerHTML),
      };
    });
  }, xml);
  assert.ok(Array.isArray(items), `the feed does not parse as XML: ${items.error}`);
  await assertInert('after parsing the feed');
  const wrong = [];
  for (const { id, text, author } of accepted) {
    const item = items.find((it) => it.link.endsWith(`#comment-${id}`));
    assert.ok(item, `comment ${id} in the feed`);
    assert.equal(item.creator, author, `creator of ${id}`);
    if (item.elements.length)
      wrong.push(`comment ${id}: live markup in a feed reader: ${item.elements.join(' ')}`);
    if (item.text !== text)
      wrong.push(`comment ${id}: a feed reader shows ${JSON.stringify(item.text)}, typed ${JSON.stringify(text)}`);
  }
  assert.deepEqual(wrong, [], wrong.join('\n'));
});

test('Reply without JavaScript: the form moves under the comment, the reply nests', async () => {
  await page.goto(blinken());
  await fill({ comment: 'Top-level comment to reply to.', author: 'First Reader', email: 'first@example.org', url: '' });
  const top = await submit();
  assert.equal(top.status, 303);

  await page.locator(`#comment-${top.id} .comment-reply-link`).first().click();
  await page.waitForURL(`${blinken()}?replytocom=${top.id}#respond`);
  const li = page.locator(`#comment-${top.id}`);
  assert.equal(await li.locator(':scope > #respond').count(), 1, 'the form sits under the comment');
  assert.equal(await page.locator('#respond').count(), 1, 'one form on the page');
  assert.equal(await page.locator('#comment_parent').inputValue(), String(top.id));
  assert.equal(await page.locator('#cancel-comment-reply-link').isVisible(), true);
  assert.ok(await page.locator('#respond').isVisible());

  const reply = 'A reply — “nested” under its parent.';
  await fill({ comment: reply, author: 'Second Reader', email: 'second@example.org' });
  const posted = await submit();
  assert.equal(posted.status, 303);
  assert.ok(page.url().startsWith(blinken() + '#comment-'), page.url());
  const nested = page.locator(`#comment-${top.id} > ol.children > li#comment-${posted.id}`);
  assert.equal(await nested.count(), 1, 'the reply is nested in its parent\'s .children');
  assert.match(await nested.getAttribute('class'), /\bdepth-2\b/);
  assert.equal(await nested.locator('.comment-content').innerText(), reply);
  // the form is back at the foot of the comments, for a new top-level comment
  assert.equal(await page.locator('#comments > #respond').count(), 1);
  assert.equal(await page.locator('#comment_parent').inputValue(), '0');
  await assertInert('reply');

  // Cancel reply takes the form back without posting anything
  await page.locator(`#comment-${posted.id} .comment-reply-link`).first().click();
  await page.waitForURL(`${blinken()}?replytocom=${posted.id}#respond`);
  assert.equal(await page.locator(`#comment-${posted.id} > #respond`).count(), 1);
  await page.locator('#cancel-comment-reply-link').click();
  await page.waitForURL(`${blinken()}#respond`);
  assert.equal(await page.locator('#comments > #respond').count(), 1);
  assert.equal(await page.locator('#comment_parent').inputValue(), '0');
});

test('Reply with JavaScript: the form moves under the comment without a page load', async () => {
  await page.goto(blinken());
  await fill({ comment: 'A comment to answer in place.', author: 'Second Reader', email: 'second@example.org', url: '' });
  const top = await submit();
  assert.equal(top.status, 303);
  const before = page.url();
  await page.locator(`#comment-${top.id} .comment-reply-link`).first().click();
  assert.equal(page.url(), before, 'no navigation: the script moved the form');
  assert.equal(await page.locator(`#comment-${top.id} > #respond`).count(), 1);
  assert.equal(await page.locator('#comment_parent').inputValue(), String(top.id));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'comment');
  await page.locator('#cancel-comment-reply-link').click();
  assert.equal(await page.locator(`#comment-${top.id} > #respond`).count(), 0, 'cancel puts it back');
  assert.equal(await page.locator('#comment_parent').inputValue(), '0');
  await page.locator(`#comment-${top.id} .comment-reply-link`).first().click();
  await fill({ comment: 'Answered in place.', author: 'Third Reader', email: 'third@example.org', url: '' });
  const reply = await submit();
  assert.equal(reply.status, 303);
  assert.equal(await page.locator(`#comment-${top.id} > ol.children #comment-${reply.id}`).count(), 1);
});
