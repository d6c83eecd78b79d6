/**
 * Serves the built renderer and the host API over HTTP on 127.0.0.1, so the workbench runs in any
 * browser. The API can read files, so every request must come to our own host name (no DNS
 * rebinding), from our own origin, carrying the random per-launch token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createHostHandlers, type HostHandlers } from './handlers';
import type { DatasetFiles } from '../main/services/datasets';

export interface WebHostOptions {
  rendererDir: string;
  datasets: DatasetFiles;
  port?: number;
  token?: string;
  appVersion?: string;
}

export interface WebHost {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const MAX_BODY_BYTES = 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const handlers = createHostHandlers(options.datasets, options.appVersion ?? '0.0.0');
  let allowedHosts: Set<string> = new Set();
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => sendText(res, 500, `Internal error: ${(e as Error).message}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return sendText(res, 421, 'Wrong Host header');
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && !allowedHosts.has(reqOrigin.replace(/^http:\/\//, ''))) {
      return sendText(res, 403, 'Cross-origin requests are not allowed');
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(res, url.pathname);
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
    if (req.headers['x-workbench-token'] !== token) return sendText(res, 401, 'Missing or wrong token');
    const handler = (handlers as unknown as Record<string, HostHandlers[keyof HostHandlers] | undefined>)[method];
    if (!Object.hasOwn(handlers, method) || !handler) return sendText(res, 404, `Unknown host method ${method}`);
    let args: unknown;
    try {
      const body = await readBody(req);
      args = body.length === 0 ? [] : JSON.parse(body);
    } catch (e) {
      return sendText(res, 400, `Bad request body: ${(e as Error).message}`);
    }
    if (!Array.isArray(args)) return sendText(res, 400, 'The request body must be a JSON array of arguments');
    try {
      const result = await (handler as (...a: unknown[]) => Promise<unknown>)(...args);
      if (result instanceof Uint8Array) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(result);
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify(result ?? null));
      }
    } catch (e) {
      res.writeHead(422, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: (e as Error).message }));
    }
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = path.resolve(options.rendererDir, `.${rel}`);
    if (!file.startsWith(path.resolve(options.rendererDir) + path.sep)) return sendText(res, 403, 'Forbidden');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    res.end(await readFile(file));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
