import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { marker } from '../src/pipeline/write.js';
import { allowClient, clientScript, hashSource, injectClient, injectHead, problemsPage } from '../src/serve/inject.js';
import { isLoopback, requestedFile, startServer, type RunningServer } from '../src/serve/server.js';
import { findChromium, skipWithout } from './publication/tools.js';
import { golden, repo } from './helpers.js';

// `ecap serve` runs as a user runs it: the real binary, on a copy of the golden fixture, on a
// free loopback port. Every wait polls with a deadline; afterEach stops whatever was started.
const bin = path.join(repo, 'bin', 'ecap.js');

const thMission = 'content/missions/th.md';
const broken = (text: string) => text.replace('    kind: customs', '    kind: <img src=x>');
const fixed = (text: string) => text.replace('Seizures are rising.', 'Seizures rose again in the edited note.');

interface Running {
  child: ChildProcess;
  url: string;
  /** Everything written to stderr so far, without colour. */
  stderr(): string;
  exited: Promise<number | null>;
}

const running: Running[] = [];
const streams: AbortController[] = [];
/** Temporary folders, removed once their servers have stopped. */
const folders: string[] = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.abort();
  for (const r of running.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await r.exited;
  }
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function temporaryFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

async function project(): Promise<string> {
  const dir = await temporaryFolder('ecap-serve-');
  await cp(golden, path.join(dir, 'content'), { recursive: true });
  return dir;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `ecap serve` in `dir`, with a temporary folder of its own (`dir`/tmp) where the site goes. */
async function serve(dir: string, args: string[] = []): Promise<Running> {
  await mkdir(path.join(dir, 'tmp'), { recursive: true });
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--content', 'content', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TMPDIR: path.join(dir, 'tmp') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const r: Running = { child, url: '', stderr: () => stripVTControlCharacters(stderr), exited };
  running.push(r);
  r.url = await until('the address on stderr', () => /^ecap: serving (http:\/\/127\.0\.0\.1:\d+\/) — Ctrl-C to stop$/m.exec(r.stderr())?.[1], 30_000).catch((error: Error) => {
    throw new Error(`${error.message}; stderr so far:\n${r.stderr()}`);
  });
  return r;
}

async function get(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** A request with the path sent exactly as given: fetch() would normalise `..` away first. */
function rawGet(url: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: rawPath, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.on('error', reject).end();
  });
}

/** The server-sent events received so far on the reload stream. */
async function events(url: string): Promise<() => string> {
  const controller = new AbortController();
  streams.push(controller);
  const response = await fetch(new URL('/__ecap/events', url), { signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  let text = '';
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      text += value;
    }
  })();
  return () => text;
}

const scripts = (html: string) => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const styles = (html: string) => [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
function policy(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
  expect(metas).toHaveLength(1);
  const text = metas[0]![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  return new Map(text.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

/** The page runs exactly one script, the reload client, and its policy allows that one alone. */
function expectReloadClient(html: string): void {
  const [script, ...others] = scripts(html);
  expect(others).toEqual([]);
  expect(script).toContain('new EventSource("/__ecap/events")');
  // Right after <body> and the banner, if any: the rest of the page is sent as it is on disk.
  const body = html.indexOf('<body>');
  expect(html.slice(body, html.indexOf(`<script>${script}</script>`))).toMatch(/^<body>\n(<aside class="ecap-problems"[^]*<\/aside>\n)?$/);
  const csp = policy(html);
  expect(csp.get('script-src')).toEqual([`'sha256-${createHash('sha256').update(script!).digest('base64')}'`]);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect([...csp.values()].flat()).not.toContain("'unsafe-inline'");
}

describe('ecap serve (process)', { timeout: 60_000 }, () => {
  it('serves every report as ecap build writes it with a reload client its policy allows, and writes nothing in the project but the cache', async () => {
    const dir = await project();
    const server = await serve(dir);
    expect(server.stderr()).toMatch(/^ecap: built \d+ files \(4 reports as HTML and Markdown\); 0 errors, 4 warnings, 1 info; \d+\.\d+ s$/m);

    const index = await get(server.url);
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    expectReloadClient(index.text);
    const country = await get(new URL('countries/th.html', server.url).href);
    expect(country.status).toBe(200);
    expect(country.text).toContain('Seizures are rising.');
    expectReloadClient(country.text);
    expect(country.text).not.toContain('ecap-problems');

    // No dist/, no stray file beside the content: the site is in a folder of the server's own.
    expect((await readdir(dir)).sort()).toEqual(['.ecap-cache', 'content', 'tmp']);
    const [own, ...more] = await readdir(path.join(dir, 'tmp'));
    expect([own, ...more]).toEqual([expect.stringMatching(/^ecap-site-/)]);

    // The served page is exactly what `ecap build` writes, plus the client: the built files
    // and render() carry none of it.
    const other = await project();
    expect(spawnSync(process.execPath, [bin, 'build'], { cwd: other, encoding: 'utf8' }).status).toBe(0);
    for (const [page, served] of [['index.html', index.text], ['countries/th.html', country.text]] as const) {
      const built = await readFile(path.join(other, 'dist', page), 'utf8');
      expect(built).not.toContain('__ecap');
      expect(built).not.toContain('<script');
      const buildId = /e\.data!=="([^"]+)"/.exec(served)![1]!;
      expect(injectClient(built, { buildId, problems: [] })).toBe(served);
    }

    // Each kind of file the build writes, with its type.
    const font = (await readdir(path.join(other, 'dist', 'assets', 'fonts')))[0]!;
    const chart = (await readdir(path.join(other, 'dist', 'charts')))[0]!;
    const types: Record<string, string> = {
      'index.md': 'text/markdown; charset=utf-8',
      'countries/th.md': 'text/markdown; charset=utf-8',
      'assets/ecap.css': 'text/css; charset=utf-8',
      [`charts/${chart}`]: 'image/svg+xml; charset=utf-8',
      [`assets/fonts/${font}`]: 'font/woff2',
      'data/statistics.csv': 'text/csv; charset=utf-8',
      'data/practices.json': 'application/json; charset=utf-8',
    };
    for (const [file, type] of Object.entries(types)) {
      const response = await fetch(new URL(file, server.url));
      expect([file, response.status, response.headers.get('content-type')]).toEqual([file, 200, type]);
      expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(path.join(other, 'dist', file)))).toBe(true);
    }
    for (const missing of ['nope.html', 'countries/', 'countries/xx.html', '.ecap-output', '__ecap/nope', 'index.html.bak']) {
      expect([missing, (await get(new URL(missing, server.url).href)).status]).toEqual([missing, 404]);
    }
    // HEAD: the headers of GET, the same length, no body.
    const head = await fetch(new URL('countries/th.html', server.url), { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, String(Buffer.byteLength(country.text)), '']);

    // A note saved as it was: found up to date, nothing written.
    const now = new Date();
    await utimes(path.join(dir, thMission), now, now);
    await until('the unchanged build', () => /^ecap: nothing changed, still serving \d+ files; 0 errors, 4 warnings, 1 info; \d+\.\d+ s$/m.test(server.stderr()));

    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(await readdir(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('never serves anything outside the build, however the path is written', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'secret.json'), '{"secret": true}\n');
    const server = await serve(dir);
    const attempts = [
      '/../secret.json',
      '/../../package.json',
      '/countries/../index.html',
      '/countries/../../secret.json',
      '/%2e%2e/secret.json',
      '/countries/..%2f..%2fsecret.json',
      '/..%5csecret.json',
      '/..\\secret.json',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/./index.html',
      '/index.html%00.css',
      '/%zz',
      '/content/missions/th.md',
    ];
    for (const attempt of attempts) {
      const response = await rawGet(server.url, attempt);
      expect([attempt, response.status]).toEqual([attempt, 404]);
      expect(response.body).not.toContain('secret');
    }
    expect((await rawGet(server.url, '/index.html')).status).toBe(200);
    // A name that is not a loopback one (as a rebinding attack would use) gets nothing.
    expect((await rawGet(server.url, '/index.html', { host: 'reports.example.org' })).status).toBe(403);
  });

  it('keeps the last good build on show with a banner of the errors, then serves the fix', async () => {
    const dir = await project();
    const server = await serve(dir);
    const stream = await events(server.url);
    await until('the first event', () => stream().includes('event: build\n'));
    const file = path.join(dir, thMission);
    const original = await readFile(file, 'utf8');

    await writeFile(file, broken(original));
    await until('the diagnostic on stderr', () => server.stderr().includes('still serving the last good build'));
    expect(server.stderr()).toMatch(/^content\/missions\/th\.md:15:11 {2}error {2}Unexpected `<img src=x>` for `kind`, expected .*schema\/enum$/m);
    expect(server.stderr()).toMatch(/^ecap: the content has errors, still serving the last good build; 1 error, \d+ warnings?, \d+ infos?; \d+\.\d+ s$/m);
    await until('a reload event', () => stream().includes('event: reload\n'));

    const stale = await get(new URL('countries/th.html', server.url).href);
    expect(stale.status).toBe(200);
    expect(stale.text).toContain('Seizures are rising.');
    expect(stale.text).toContain('<aside class="ecap-problems" role="alert"');
    expect(stale.text).toContain('<code>content/missions/th.md:15:11</code> Unexpected `&#60;img src=x&#62;` for `kind`');
    expect(stale.text).toContain('<code>schema/enum</code>');
    expect(stale.text).not.toContain('<img src=x>');
    expectReloadClient(stale.text);
    const [style, ...moreStyles] = styles(stale.text);
    expect(moreStyles).toEqual([]);
    expect(policy(stale.text).get('style-src')).toEqual(["'self'", hashSource(style!)]);
    // The banner is on every page, not just the one whose note is broken.
    expect((await get(server.url)).text).toContain('content/missions/th.md:15:11');

    const reloads = stream().split('event: reload\n').length;
    await writeFile(file, fixed(original));
    // Through the cache: only what the note touches is made again, the rest kept.
    await until('the rebuild', () => /^ecap: rebuilt \d+ files \(4 reports as HTML and Markdown; \d+ unchanged, kept\)/m.test(server.stderr()));
    await until('another reload event', () => stream().split('event: reload\n').length > reloads);
    const fresh = await get(new URL('countries/th.html', server.url).href);
    expect(fresh.text).toContain('Seizures rose again in the edited note.');
    expect(fresh.text).not.toContain('ecap-problems');
    expectReloadClient(fresh.text);
  });

  it('rebuilds when a template changes, and shows a broken template as a problem', async () => {
    const dir = await project();
    await cp(path.join(repo, 'templates'), path.join(dir, 'templates'), { recursive: true });
    const server = await serve(dir, ['--templates', 'templates']);
    const shell = path.join(dir, 'templates', 'page.html.hbs');
    const original = await readFile(shell, 'utf8');
    await writeFile(shell, original.replace('<main id="main">', '<main id="main" data-edited="yes">'));
    await until('the edited template served', async () => (await get(server.url)).text.includes('data-edited="yes"'));
    await writeFile(shell, original.replace('{{title}}', '{{#if title}}'));
    await until('the template problem', () => server.stderr().includes('ecap: Template page.html.hbs cannot be used'));
    const page = await get(server.url);
    expect(page.text).toContain('data-edited="yes"');
    expect(page.text).toContain('Template page.html.hbs cannot be used');
  });

  it('serves the list of problems when the first build fails, and the reports once fixed', async () => {
    const dir = await project();
    const file = path.join(dir, thMission);
    const original = await readFile(file, 'utf8');
    await writeFile(file, broken(original));
    const server = await serve(dir);
    expect(server.stderr()).toContain('content/missions/th.md:15:11  error  Unexpected `<img src=x>` for `kind`');
    expect(server.stderr()).toMatch(/^ecap: the content has errors, serving the list of problems until they are fixed; 1 error, /m);
    for (const page of ['', 'index.html', 'countries/th.html']) {
      const response = await get(new URL(page, server.url).href);
      expect(response.status).toBe(200);
      expect(response.text).toContain('<h1>The content has errors</h1>');
      expect(response.text).toContain('<code>content/missions/th.md:15:11</code> Unexpected `&#60;img src=x&#62;`');
      expectReloadClient(response.text);
    }
    expect((await get(new URL('assets/ecap.css', server.url).href)).status).toBe(404);

    await writeFile(file, fixed(original));
    await until('the fixed report', async () => (await get(new URL('countries/th.html', server.url).href)).text.includes('Seizures rose again in the edited note.'));
    expect(server.stderr()).toMatch(/^ecap: built \d+ files \(/m);
  });

  it('serves a broken template as the first build\'s problem, and the reports once it is fixed', async () => {
    const dir = await project();
    await cp(path.join(repo, 'templates'), path.join(dir, 'templates'), { recursive: true });
    const shell = path.join(dir, 'templates', 'page.html.hbs');
    const original = await readFile(shell, 'utf8');
    await writeFile(shell, original.replace('{{title}}', '{{#if title}}'));
    const server = await serve(dir, ['--templates', 'templates']);
    expect(server.stderr()).toMatch(/^ecap: Template page.html.hbs cannot be used: .*\necap: cannot build the reports, serving the list of problems until they are fixed; \d+\.\d+ s$/m);
    const page = await get(new URL('countries/th.html', server.url).href);
    expect(page.text).toContain('Template page.html.hbs cannot be used');
    expectReloadClient(page.text);

    await writeFile(shell, original);
    await until('the reports', async () => (await get(new URL('countries/th.html', server.url).href)).text.includes('Seizures are rising.'));
    expect(server.stderr()).toMatch(/^ecap: built \d+ files \(4 reports/m);
  });

  it('shares the cache with ecap build, each keeping its own output up to date', async () => {
    const dir = await project();
    const build = () => spawnSync(process.execPath, [bin, 'build'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(build().status).toBe(0);
    const server = await serve(dir);
    expect(server.stderr()).toMatch(/^ecap: built \d+ files \(4 reports/m);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    const again = build();
    expect(again.stderr).toMatch(/^ecap: nothing changed, dist\/ is up to date/m);
  });

  it('serves the edition asked for, and with --no-cache writes nothing in the project', async () => {
    const dir = await project();
    const server = await serve(dir, ['--edition', 'public', '--no-cache']);
    const index = await get(server.url);
    expect(index.text).toContain('Public edition, compiled by ecap');
    expect(index.text).not.toContain('edition-banner');
    expect((await readdir(dir)).sort()).toEqual(['content', 'tmp']);
  });

  it('removes the folder of a server that was killed, and leaves a running one\'s', async () => {
    const dir = await project();
    const tmp = path.join(dir, 'tmp');
    // A process that has ended, and this one, still running.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    for (const name of [`ecap-site-${ended}-AbC123`, `ecap-site-${process.pid}-AbC123`, 'ecap-site-notapid']) await mkdir(path.join(tmp, name, 'site'), { recursive: true });
    const server = await serve(dir);
    expect((await readdir(tmp)).filter((name) => !name.startsWith(`ecap-site-${server.child.pid}-`)).sort()).toEqual([`ecap-site-${process.pid}-AbC123`, 'ecap-site-notapid']);
  });

  it('stops cleanly on SIGINT and SIGTERM', async () => {
    const dir = await project();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const server = await serve(dir);
      const stream = await events(server.url);
      await until('the first event', () => stream().includes('event: build\n'));
      server.child.kill(signal);
      expect(await server.exited).toBe(0);
      expect(server.stderr().trimEnd().split('\n').at(-1)).toBe('ecap: stopped');
    }
  });

  it('refuses an address other machines can reach, a bad port, and a missing content or templates folder (exit 2)', async () => {
    const dir = await project();
    await mkdir(path.join(dir, 'tmp'));
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, [bin, 'serve', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TMPDIR: path.join(dir, 'tmp') }, timeout: 30_000 });
      return { code: result.status, stderr: result.stderr };
    };
    const remote = run(['--host', '0.0.0.0']);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/^ecap: Refusing to serve on `0\.0\.0\.0`: other machines could reach it/);
    expect(run(['--port', '70000']).code).toBe(2);
    expect(run(['--port', 'x']).code).toBe(2);
    const missing = run(['--port', '0', '--content', 'nowhere']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('ecap: Content folder `nowhere` not found: pass --content DIR, or run ecap where content/ is.\n');
    const noTemplates = run(['--port', '0', '--templates', 'nowhere']);
    expect(noTemplates.code).toBe(2);
    expect(noTemplates.stderr).toBe('ecap: Templates folder `nowhere` not found: pass --templates DIR, a copy of the bundled templates/ folder.\n');
    // The folder made for the site is gone again.
    expect(await readdir(path.join(dir, 'tmp'))).toEqual([]);
  });
});

const browser = findChromium();

if (!skipWithout(browser, 'The reload client in a browser')) describe('ecap serve in Chromium', () => {
  it('runs the reload client under the page policy, reloads on a change, and shows the banner', async () => {
    const dir = await project();
    const server = await serve(dir);
    const chrome = await chromium.launch({ executablePath: browser.path!, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await chrome.newPage();
      const messages: string[] = [];
      page.on('console', (message) => messages.push(message.text()));
      await page.goto(new URL('countries/th.html', server.url).href);
      await page.waitForFunction(() => document.body.textContent!.includes('Seizures are rising.'));
      // Give the event stream time to connect before anything changes.
      await page.waitForTimeout(300);
      const file = path.join(dir, thMission);
      const original = await readFile(file, 'utf8');
      await writeFile(file, broken(original));
      await page.waitForSelector('aside.ecap-problems', { timeout: 15_000 });
      expect(await page.isVisible('aside.ecap-problems')).toBe(true);
      expect(await page.textContent('aside.ecap-problems')).toContain('content/missions/th.md:15:11');
      await writeFile(file, fixed(original));
      await page.waitForFunction(() => document.body.textContent!.includes('Seizures rose again in the edited note.'), undefined, { timeout: 15_000 });
      expect(await page.$('aside.ecap-problems')).toBeNull();
      expect(messages.filter((text) => /Content.Security.Policy|Refused/i.test(text))).toEqual([]);
    } finally {
      await chrome.close();
    }
  }, 60_000);
});

/** A page with the parts the client goes into, as ecap's template has them. */
const injectionPage = [
  '<!doctype html>',
  '<html lang="th">',
  '<head>',
  '<meta charset="utf-8">',
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'">`,
  '<title>t</title>',
  '</head>',
  '<body>',
  '<main><p>ประเทศไทย &amp; x</p></main>',
  '</body>',
  '</html>',
  '',
].join('\n');

describe('serve modules', () => {
  it('maps request paths to files in the build and nothing else', () => {
    expect(requestedFile('/')).toBe('index.html');
    expect(requestedFile('/countries/th.html')).toBe('countries/th.html');
    expect(requestedFile('/assets/fonts/a%20b.woff2')).toBe('assets/fonts/a b.woff2');
    for (const bad of ['', 'index.html', '/..', '/../x', '/a/../b', '/%2E%2E/x', '/a//b', '/./a', '/a\\b', '/a%00', '/%E0%A4%A']) expect([bad, requestedFile(bad)]).toEqual([bad, undefined]);
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1']) expect([host, isLoopback(host)]).toEqual([host, true]);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1', '']) expect([host, isLoopback(host)]).toEqual([host, false]);
  });

  it('rewrites a policy to allow the one script, its style and its event stream', () => {
    const script = clientScript('b-1');
    const h = hashSource(script);
    expect(allowClient("default-src 'none'; style-src 'self'", script)).toBe(`default-src 'none'; style-src 'self'; script-src ${h}; connect-src 'self'`);
    expect(allowClient("default-src 'self'; script-src https://cdn.example 'unsafe-inline'; connect-src 'none'", script, 'x{}')).toBe(`default-src 'self'; script-src ${h}; connect-src 'self'; style-src 'self' ${hashSource('x{}')}`);
    // An 'unsafe-inline' style policy keeps working: a hash beside it would switch it off.
    expect(allowClient("style-src 'unsafe-inline'", script, 'x{}')).toBe(`style-src 'unsafe-inline'; script-src ${h}`);
    expect(allowClient("img-src 'self'", script, 'x{}')).toBe(`img-src 'self'; script-src ${h}`);
  });

  it('escapes every problem it lists and leaves a page without a policy alone but for the client', () => {
    const html = '<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>';
    const out = injectClient(html, { buildId: 'b-2', problems: [{ where: 'a<b>.md:1:2', rule: 'r/"q"', message: `It's <script>alert(1)</script> & more` }] });
    expect(out).toContain('<code>a&#60;b&#62;.md:1:2</code> It&#39;s &#60;script&#62;alert(1)&#60;/script&#62; &#38; more <code>r/&#34;q&#34;</code>');
    expect(out.startsWith('<!doctype html><html><head><title>t</title><style>')).toBe(true);
    expect(out.endsWith(`</aside>\n<script>${clientScript('b-2')}</script><p>x</p></body></html>`)).toBe(true);
    expect(scripts(problemsPage([{ message: 'm' }], 'b-3'))).toEqual([clientScript('b-3')]);
    // Nothing in the body: the client goes at its end.
    expect(injectClient('<title>t</title>', { buildId: 'b-4', problems: [] })).toBe(`<title>t</title>\n<script>${clientScript('b-4')}</script>`);
  });

  it('puts the client in from a beginning of the page exactly as from the whole page, once the beginning holds where the body starts', () => {
    const metaInBody = '<!doctype html><html><head><title>t</title></head><body><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><p>x</p></body></html>';
    const fakeBody = '<!doctype html><html><head><!-- <body> --><script>let a = "<body>";</script></head><body class="x"><p>y</p></body></html>';
    const impliedByElement = '<!doctype html><html><head><title>t</title></head>\n<p>first</p><body class="late"><p>x</p></body></html>';
    const impliedByText = '<title>t</title>Intro text<p>x</p>';
    // Each page, and the shortest beginning that will do: up to the end of the body's start
    // tag; where it has none, of the body's first element, or past its first text, since a
    // parser at the end of its input reads `<` as text.
    const pages: Array<[string, number]> = [
      [injectionPage, injectionPage.indexOf('<body>') + '<body>'.length],
      // A policy `meta` outside the head is not one browsers heed: left alone.
      [metaInBody, metaInBody.indexOf('<body>') + '<body>'.length],
      // Something that looks like the body's start tag, but is not one.
      [fakeBody, fakeBody.indexOf('<body class="x">') + '<body class="x">'.length],
      [impliedByElement, impliedByElement.indexOf('<p>first') + '<p>'.length],
      [impliedByText, impliedByText.indexOf('<p>') + '<p'.length],
    ];
    for (const [html, readyAt] of pages) {
      const injection = { buildId: 'b-5', problems: [{ message: 'm' }] };
      const whole = injectClient(html, injection);
      for (let cut = 0; cut < html.length; cut++) {
        const head = injectHead(html.slice(0, cut), false, injection);
        expect([html, cut, head === undefined]).toEqual([html, cut, cut < readyAt]);
        if (head !== undefined) expect(head + html.slice(cut)).toBe(whole);
      }
    }
    // The client goes where the body's content starts, the banner's style before `</head>`.
    expect(injectClient(impliedByElement, { buildId: 'b-5', problems: [] })).toBe(`<!doctype html><html><head><title>t</title></head>\n\n<script>${clientScript('b-5')}</script><p>first</p><body class="late"><p>x</p></body></html>`);
  });

  it('serves a page from its folder: the client in its first bytes, however far down its body starts, and waits out a build swapping the folder in', async () => {
    const root = await temporaryFolder('ecap-serve-site-');
    const folder = path.join(root, 'site');
    await mkdir(folder);
    await writeFile(path.join(folder, marker), '');
    const thai = 'ประเทศไทย'.repeat(8_000);
    const pages = {
      // A head of 200 KB of Thai: the first read stops inside it, mid-character, and more is read.
      'index.html': injectionPage.replace('<title>t</title>', `<title>t</title><meta name="description" content="${thai}">`),
      // A body of 200 KB of Thai from its start: the first read holds the body's start tag and
      // stops inside a character in two of the three, which must not be cut.
      ...Object.fromEntries([0, 1, 2].map((shift) => [`body-${shift}.html`, injectionPage.replace('<main><p>', `<main><p>${'x'.repeat(shift)}${thai}`)])),
    };
    for (const [name, html] of Object.entries(pages)) await writeFile(path.join(folder, name), html);
    const state = { buildId: 'b-6', folder, problems: [] };
    let server: RunningServer | undefined;
    try {
      server = await startServer({ host: '127.0.0.1', port: 0 }, () => state);
      for (const [name, html] of Object.entries(pages)) {
        const page = await fetch(new URL(name, server.url));
        const served = await page.text();
        expect([name, served === injectClient(html, state)]).toEqual([name, true]);
        expect(page.headers.get('content-length')).toBe(String(Buffer.byteLength(served)));
      }
      const text = injectClient(pages['index.html'], state);
      // A build renames the old folder away, then the new one in: a request in between waits.
      await rename(folder, `${folder}.old`);
      const waiting = fetch(new URL('index.html', server.url));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await rename(`${folder}.old`, folder);
      expect(await (await waiting).text()).toBe(text);
    } finally {
      await server?.close();
    }
  });
});
