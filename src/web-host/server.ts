/**
 * Serves the built renderer and the host API over HTTP on 127.0.0.1, so the workbench runs in any
 * browser. The API can read files, so every request must come to our own host name (no DNS
 * rebinding), from our own origin, carrying the random per-launch token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { bytesArgument, FILE_SIZE_HEADER, HOST_METHODS, type InvokeMethod } from '../shared/host-methods';
import { createHostMethods } from '../host/methods';
import type { DatasetFiles } from '../host/services/datasets';
import { IpcArgumentError } from '../host/validation';
import { createWebHostServices } from './services';

export interface WebHostOptions {
  rendererDir: string;
  datasets: DatasetFiles;
  port?: number;
  token?: string;
  appVersion?: string;
  /** The app's data folder (recent files, recovery); defaults to $WORKBENCH_DATA_HOME or the XDG data folder. */
  dataHome?: string;
  /** Where the renderer's own file dialog starts; defaults to os.homedir(). */
  homeDir?: string;
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

/**
 * JSON argument lists: large enough for a notebook at its 50 MB limit (writeNotebook, autosave) with
 * JSON escaping. Bodies are read only after the token check. A bytes body is limited by its
 * argument's maxBytes.
 */
const MAX_JSON_BODY_BYTES = 128 * 1024 * 1024;

class BodyTooLarge extends Error {}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const services = createWebHostServices({
    datasets: options.datasets,
    appVersion: options.appVersion ?? '0.0.0',
    ...(options.dataHome !== undefined ? { dataHome: options.dataHome } : {}),
    ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
  });
  const methods = createHostMethods(services);
  // Temporary files of exports a killed web host left behind.
  await services.exports.cleanupInterrupted();
  // No partial export is left behind when the process ends without close() (close() aborts them too).
  const abortExportsOnExit = (): void => services.exports.abortAllSync();
  process.on('exit', abortExportsOnExit);
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => sendText(res, 500, `Internal error: ${(e as Error).message}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return sendText(res, 421, 'Wrong Host header');
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && !allowedOrigins.has(reqOrigin)) {
      return sendText(res, 403, 'Cross-origin requests are not allowed');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return sendText(res, 400, 'Bad request URL');
    }
    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(res, url.pathname);
  }

  /**
   * POST /api/<method> with a JSON array of arguments. A method with a bytes argument (exportWrite)
   * takes it as an application/octet-stream body and its other arguments in the query:
   * POST /api/exportWrite?handle=<h>. Answers as the method's descriptor says: JSON, or
   * application/octet-stream bytes (readFileRange: with the file size in the x-workbench-file-size
   * header); errors as {"error": message} with 400 (invalid arguments) or 422 (the operation failed).
   */
  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = url.pathname.slice('/api/'.length);
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
    if (!tokenMatches(req.headers['x-workbench-token'], token)) return sendText(res, 401, 'Missing or wrong token');
    if (!Object.hasOwn(methods, name)) return sendText(res, 404, `Unknown host method ${name}`);
    const method = name as InvokeMethod;
    const spec = HOST_METHODS[method].args;
    const upload = bytesArgument(method);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (upload && contentType !== 'application/octet-stream') {
      const query = spec.filter((_, i) => i !== upload.index);
      return sendText(
        res,
        415,
        `${method} takes the ${upload.spec.name} as an application/octet-stream body, with ${query.map((a) => `the ${a.name}`).join(' and ')} in the query: /api/${method}?${query.map((a) => `${a.name}=<${a.name}>`).join('&')}`,
      );
    }
    let args: unknown;
    try {
      const body = await readBody(req, upload ? (upload.spec.maxBytes ?? MAX_JSON_BODY_BYTES) : MAX_JSON_BODY_BYTES);
      if (upload) {
        const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
        args = spec.map((a, i) => (i === upload.index ? bytes : (url.searchParams.get(a.name) ?? undefined)));
      } else {
        const text = body.toString('utf8');
        args = text.length === 0 ? [] : JSON.parse(text);
      }
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendText(res, 413, e.message, { connection: 'close' });
      return sendText(res, 400, `Bad request body: ${(e as Error).message}`);
    }
    if (!Array.isArray(args)) return sendText(res, 400, 'The request body must be a JSON array of arguments');
    let result: unknown;
    try {
      result = await methods[method](args);
    } catch (e) {
      res.writeHead(e instanceof IpcArgumentError ? 400 : 422, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: (e as Error).message }));
      return;
    }
    const encoding = HOST_METHODS[method].result;
    if (encoding === 'bytes' || encoding === 'sized-bytes') {
      const { bytes, size } = encoding === 'bytes' ? { bytes: result as Uint8Array, size: null } : (result as { bytes: Uint8Array; size: number });
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': bytes.byteLength,
        ...(size === null ? {} : { [FILE_SIZE_HEADER]: String(size) }),
        'cache-control': 'no-store',
      });
      res.end(bytes);
    } else {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(result ?? null));
    }
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return sendText(res, 400, `Bad request: ${pathname.slice(0, 200)} has a malformed % escape`);
    }
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
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      process.off('exit', abortExportsOnExit);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      // This session's handles die with it: no partial export file is left behind.
      await services.exports.abortAll();
    },
  };
}

/** Compares the presented token in constant time (hashes make the lengths equal). */
export function tokenMatches(presented: string | string[] | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume(); // discard; the response closes the connection
      return reject(new BodyTooLarge(`The request body is larger than ${limit} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge(`The request body is larger than ${limit} bytes`));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
