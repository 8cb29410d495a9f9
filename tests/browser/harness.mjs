// harness.mjs — what the browser tests share: a site made and served by
// the real gazette binary on a free loopback port, and Debian's Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const fixtures = path.resolve(root, 'tests', 'fixtures');
const binary = path.resolve(root, process.env.GAZETTE_BINARY || 'build/asan/gazette');
const env = {
  ...process.env,
  ASAN_OPTIONS: 'detect_leaks=1:exitcode=86',
  LSAN_OPTIONS: `suppressions=${path.join(root, 'tests', 'lsan.supp')}`,
};

function gazette(...args) {
  const p = spawnSync(binary, args, { env, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`gazette ${args.join(' ')}: ${p.status}\n${p.stderr}`);
  return p.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function waitForPort(port, proc) {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`gazette serve exited ${proc.exitCode}`);
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('gazette serve did not start');
}

// Set `key = value` lines in a site's gazette.ini: settings is
// { section: { key: value } }.  A key already in its section is replaced
// in place; a new one is added at the end of its section (a new section
// at the end of the file).
function iniSet(file, settings) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [section, values] of Object.entries(settings)) {
    const todo = new Map(Object.entries(values).map(([k, v]) => [k, String(v)]));
    let current = null, last = -1;
    for (let i = 0; i < lines.length; i++) {
      const s = lines[i].trim();
      if (s.startsWith('[')) { current = s.slice(1, -1); continue; }
      if (current !== section) continue;
      if (s !== '') last = i;
      const key = s.split('=')[0].trim();
      if (!s.startsWith('#') && !s.startsWith(';') && todo.has(key)) {
        lines[i] = `${key} = ${todo.get(key)}`;
        todo.delete(key);
      }
    }
    const added = [...todo].map(([k, v]) => `${k} = ${v}`);
    if (added.length === 0) continue;
    if (last < 0) {
      const at = lines.findIndex((l) => l.trim() === `[${section}]`);
      if (at < 0) lines.push('', `[${section}]`, ...added);
      else lines.splice(at + 1, 0, ...added);
    } else {
      lines.splice(last + 1, 0, ...added);
    }
  }
  writeFileSync(file, lines.join('\n'));
}

// A fresh site with files imported, served; stop() ends it by PID and
// checks it exited 0 (no sanitizer report).  settings, when given, is
// written to gazette.ini before the server starts:
// startSite(files, { comments: { min_submit_seconds: '0' } }).
export async function startSite(files, settings = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gazette-browser-'));
  const site = path.join(tmp, 'site');
  gazette('init', '--site', site);
  // base_url names the address the browser uses: the comment form's
  // Origin check compares scheme, host and port with it
  const port = await freePort();
  iniSet(path.join(site, 'gazette.ini'),
    { ...settings, site: { base_url: `http://127.0.0.1:${port}`, ...(settings.site || {}) } });
  const permalinks = gazette('import', '--site', site, ...files).trim().split('\n');
  let stderr = '';
  const proc = spawn(binary, ['serve', '--site', site, '--listen', `127.0.0.1:${port}`],
    { env, stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr.on('data', (d) => { stderr += d; });
  await waitForPort(port, proc);
  return {
    url: `http://127.0.0.1:${port}`,
    permalinks,
    async stop() {
      const done = new Promise((resolve) => proc.on('exit', resolve));
      proc.kill('SIGTERM');
      const code = await done;
      rmSync(tmp, { recursive: true, force: true });
      if (code !== 0) throw new Error(`gazette serve exited ${code}\n${stderr}`);
    },
  };
}

export function writeTemp(name, text) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gazette-file-'));
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

// Debian's Chromium, headless, with the network-quiet flags this
// workplace needs (no background connections, no component updates).
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
