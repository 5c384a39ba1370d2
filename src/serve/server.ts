import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { eventsPath, injectClient, problemsPage, type Problem } from './inject.js';

/** What the server shows at a given moment. */
export interface SiteState {
  /** Changes with every build, good or bad; open pages reload when it does. */
  buildId: string;
  /** The last good build's files by path (forward slashes); absent until a build succeeds. */
  files: ReadonlyMap<string, string | Uint8Array> | undefined;
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

/** Serves the site from memory on one address, with an event stream that reloads open pages. */
export async function startServer(options: ServerOptions, state: () => SiteState): Promise<RunningServer> {
  const clients = new Set<ServerResponse>();
  let cache: { buildId: string; pages: Map<string, Buffer> } = { buildId: '', pages: new Map() };
  // Pages are injected once per build and path, not on every request.
  const page = (file: string, html: () => string, buildId: string): Buffer => {
    if (cache.buildId !== buildId) cache = { buildId, pages: new Map() };
    let body = cache.pages.get(file);
    if (!body) cache.pages.set(file, (body = Buffer.from(html(), 'utf8')));
    return body;
  };
  const loopbackOnly = isLoopback(options.host);

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const send = (status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}) => {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      response.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.byteLength), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
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
    if (!current.files) {
      // No build has succeeded yet: every page is the list of problems.
      return file.endsWith('.html') ? send(200, type, page('', () => problemsPage(current.problems, current.buildId), current.buildId)) : notFound();
    }
    const content = current.files.get(file);
    if (content === undefined) return notFound();
    if (!file.endsWith('.html')) return send(200, type, content);
    const html = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
    send(200, type, page(file, () => injectClient(html, { buildId: current.buildId, problems: current.problems }), current.buildId));
  };

  const server = createServer(handle);
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
