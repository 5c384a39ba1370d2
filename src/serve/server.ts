import { open, stat, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../errors.js';
import { marker } from '../pipeline/write.js';
import { eventsPath, injectHead, problemsPage, type Injection, type Problem } from './inject.js';

/** What the server shows at a given moment. */
export interface SiteState {
  /** Changes with every build, good or bad; open pages reload when it does. */
  buildId: string;
  /** The folder the last good build wrote; absent until a build succeeds. */
  folder: string | undefined;
  /** Why the newest content is not what is shown; empty when it is. */
  problems: readonly Problem[];
}

export interface ServerOptions {
  host: string;
  port: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:4321/` */
  url: string;
  /** Tells every open page that the site changed. */
  reload(): void;
  close(): Promise<void>;
}

/** Only the kinds of file a build writes; anything else is not found. */
export const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** True for `localhost`, 127.0.0.0/8 and `::1`: addresses no other machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.split('.')[0] === '127';
  if (net.isIPv6(bare)) return new URL(`http://[${bare}]/`).hostname === '[::1]';
  return false;
}

/**
 * The file a request path names in the build, or undefined. The raw path is checked before
 * anything normalises it: a `.` or `..` segment, an empty one, a backslash or a NUL (encoded
 * or not) is refused, so nothing outside the build can be named.
 */
export function requestedFile(rawPath: string): string | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(decoded)) return undefined;
  const file = decoded.slice(1) + (decoded.endsWith('/') ? 'index.html' : '');
  const segments = file.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  if (path.posix.normalize(file) !== file) return undefined;
  return file;
}

/** Serves the site from its folder on one address, with an event stream that reloads open pages. */
export async function startServer(options: ServerOptions, state: () => SiteState): Promise<RunningServer> {
  const clients = new Set<ServerResponse>();
  const loopbackOnly = isLoopback(options.host);

  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    const start = (status: number, type: string, length: number, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'Content-Type': type, 'Content-Length': String(length), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      const bytes = Buffer.from(body, 'utf8');
      start(status, type, bytes.byteLength, headers);
      response.end(request.method === 'HEAD' ? undefined : bytes);
    };
    const notFound = () => send(404, 'text/plain; charset=utf-8', 'Not found\n');
    // A page elsewhere on the web could otherwise reach a loopback server under a name of
    // its own (DNS rebinding) and read the reports.
    if (loopbackOnly && !isLoopback(hostName(request.headers.host))) return send(403, 'text/plain; charset=utf-8', 'Forbidden: use the address ecap printed.\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    const rawPath = (request.url ?? '').split(/[?#]/)[0]!;
    const current = state();
    if (rawPath === eventsPath) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      if (request.method === 'HEAD') return void response.end();
      response.write(`retry: 1000\nevent: build\ndata: ${current.buildId}\n\n`);
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    const file = requestedFile(rawPath);
    const type = file && contentTypes[path.posix.extname(file)];
    if (!file || !type) return notFound();
    if (!current.folder) {
      // No build has succeeded yet: every page is the list of problems.
      return file.endsWith('.html') ? send(200, type, problemsPage(current.problems, current.buildId)) : notFound();
    }
    const opened = await openBuilt(current.folder, file);
    if (!opened) return notFound();
    const { handle, size } = opened;
    try {
      // A page gets the client in its first bytes; the rest of it, and any other file, goes as it is.
      const first = file.endsWith('.html') ? await injectedHead(handle, size, { buildId: current.buildId, problems: current.problems }) : { text: '', bytes: 0 };
      const text = Buffer.from(first.text, 'utf8');
      start(200, type, text.byteLength + size - first.bytes);
      if (request.method === 'HEAD') return void response.end();
      if (first.bytes === size) return void response.end(text);
      response.write(text);
      // Up to the size sent, whatever happens to the file meanwhile (a build never writes into one).
      await pipeline(handle.createReadStream({ start: first.bytes, end: size - 1, autoClose: false }), response);
    } catch (error) {
      // A client gone mid-file needs no word; a file that could not be read does.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return void response.destroy();
      process.stderr.write(`ecap: cannot serve ${file}: ${(error as Error).message}\n`);
      if (response.headersSent) return void response.destroy();
      send(500, 'text/plain; charset=utf-8', 'The file could not be read: see the terminal.\n');
    } finally {
      await handle.close().catch(() => undefined);
    }
  };

  // Anything else going wrong with one request ends that request, not the server.
  const server = createServer((request, response) => void respond(request, response).catch(() => response.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new UsageError(`Port ${options.port} on ${options.host} is in use: choose another with --port N, or --port 0 for any free one.`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') reject(new UsageError(`Cannot listen on \`${options.host}\`: this machine has no such address.`));
      else if (error.code === 'EACCES') reject(new UsageError(`Port ${options.port} needs privileges ecap does not have: choose one above 1023 with --port N.`));
      else reject(error);
    });
    server.listen({ host: options.host, port: options.port }, resolve);
  });
  const address = server.address() as net.AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}/`,
    reload() {
      const { buildId } = state();
      for (const client of clients) client.write(`event: reload\ndata: ${buildId}\n\n`);
    },
    close() {
      for (const client of clients) client.end();
      clients.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function hostName(header: string | undefined): string {
  if (!header) return '';
  try {
    return new URL(`http://${header}/`).hostname;
  } catch {
    return '';
  }
}

/** How much of a page is read first to find where the client goes: the head and the body's start tag, in ecap's templates. */
const firstRead = 64 * 1024;

/**
 * A page's first characters with the client put in (see injectHead), and how many of the
 * file's bytes they stand for: longer and longer beginnings until one holds where the body's
 * content starts, or the whole page. Cut after an ASCII byte, which never belongs to a longer
 * character.
 */
async function injectedHead(file: FileHandle, size: number, injection: Injection): Promise<{ text: string; bytes: number }> {
  for (let want = firstRead; ; want *= 8) {
    const buffer = Buffer.allocUnsafe(Math.min(want, size));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    let bytes = bytesRead;
    // A short read is the file's end, even if it has shrunk since: never ask for more.
    const whole = bytes >= size || bytes < buffer.length;
    while (!whole && bytes > 0 && buffer[bytes - 1]! >= 0x80) bytes--;
    const text = injectHead(buffer.toString('utf8', 0, bytes), whole, injection);
    if (text !== undefined) return { text, bytes };
  }
}

/**
 * The built file at `file` (a path `requestedFile` gave) opened for reading, or undefined when
 * the build has no such file. A build swaps its new folder in by renaming, and for that instant
 * the folder is missing: a request then waits for it, up to a second.
 */
async function openBuilt(folder: string, file: string): Promise<{ handle: FileHandle; size: number } | undefined> {
  const full = path.join(folder, ...file.split('/'));
  for (let tries = 0; ; tries++) {
    try {
      const handle = await open(full, 'r');
      const stats = await handle.stat().catch(() => undefined);
      if (stats?.isFile()) return { handle, size: stats.size };
      await handle.close();
      return undefined;
    } catch (error) {
      const swapping = (error as NodeJS.ErrnoException).code === 'ENOENT' && !(await stat(path.join(folder, marker)).catch(() => undefined));
      if (!swapping || tries >= 50) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
