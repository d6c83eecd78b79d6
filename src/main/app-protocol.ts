/**
 * The `app://workbench/` protocol that serves the built renderer (out/renderer) in production.
 * Plain Node (no Electron import): index.ts registers `createAppProtocolHandler(...)` with
 * protocol.handle; the path resolution, MIME types and headers are unit-tested here.
 */
import { readFile as fsReadFile, realpath as fsRealpath } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

const JS = 'text/javascript; charset=utf-8';
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': JS,
  '.mjs': JS,
  '.cjs': JS,
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPathResolution = { ok: true; filePath: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/** True if `child` is `root` or lies inside it (both absolute, normalized). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Maps an `app://workbench/...` URL to a file under `rootDir`. Directories map to their
 * index.html. Rejects other schemes and hosts, undecodable escapes, NUL bytes, backslashes and any
 * `..` segment (also percent-encoded), and anything that would resolve outside `rootDir`.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: `not an ${APP_SCHEME}: URL` };
  if (url.host !== APP_HOST) return { ok: false, status: 404, reason: `unknown host ${JSON.stringify(url.host)}` };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400, reason: 'forbidden character in path' };
  const segments = pathname.split('/');
  if (segments.some((s) => s === '..')) return { ok: false, status: 403, reason: 'path traversal' };
  const relative = segments.filter((s) => s !== '' && s !== '.');
  if (pathname === '' || pathname.endsWith('/')) relative.push('index.html');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...relative);
  if (!isInside(root, filePath) || filePath === root) return { ok: false, status: 403, reason: 'outside the app directory' };
  return { ok: true, filePath };
}

/** Headers on every response of the protocol, errors included. */
export function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export interface AppProtocolDeps {
  /** The built renderer, e.g. out/renderer. */
  rootDir: string;
  readFile?: (filePath: string) => Promise<Uint8Array>;
  realpath?: (filePath: string) => Promise<string>;
}

function errorResponse(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(`${status} ${message}\n`, {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/** The `protocol.handle(APP_SCHEME, ...)` handler. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const readFile = deps.readFile ?? ((p: string) => fsReadFile(p));
  const realpath = deps.realpath ?? ((p: string) => fsRealpath(p));
  const root = path.resolve(deps.rootDir);
  let realRoot: Promise<string> | null = null;

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    const resolved = resolveAppPath(root, request.url);
    if (!resolved.ok) return errorResponse(resolved.status, resolved.reason);
    let body: Uint8Array;
    try {
      // A symlink inside the build output must not lead outside it either.
      realRoot ??= realpath(root);
      const [rootReal, fileReal] = await Promise.all([realRoot, realpath(resolved.filePath)]);
      if (!isInside(rootReal, fileReal)) return errorResponse(403, 'outside the app directory');
      body = await readFile(fileReal);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return errorResponse(404, 'Not Found');
      return errorResponse(500, 'Internal Error');
    }
    const headers = { ...baseHeaders(), 'Content-Type': mimeTypeFor(resolved.filePath), 'Content-Length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}
