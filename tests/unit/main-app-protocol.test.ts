import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, mimeTypeFor, resolveAppPath } from '../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security';

describe('mimeTypeFor', () => {
  it('gives the types the renderer needs', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('assets/worker.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('assets/duckdb-eh.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('assets/DUCKDB.WASM')).toBe('application/wasm');
    expect(mimeTypeFor('assets/index.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('assets/a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('assets/logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('assets/font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('assets/unknown.bin')).toBe('application/octet-stream');
    expect(mimeTypeFor('LICENSE')).toBe('application/octet-stream');
  });
});

describe('resolveAppPath', () => {
  const root = path.resolve('/srv/app/out/renderer');

  it('maps URLs to files under the root, directories to index.html', () => {
    expect(resolveAppPath(root, 'app://workbench/')).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://workbench')).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://workbench/index.html?x=1#y')).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://workbench/assets/')).toEqual({ ok: true, filePath: path.join(root, 'assets', 'index.html') });
    expect(resolveAppPath(root, 'app://workbench/assets/a%20b.js')).toEqual({ ok: true, filePath: path.join(root, 'assets', 'a b.js') });
    expect(resolveAppPath(root, 'app://workbench/./assets/x.wasm')).toEqual({ ok: true, filePath: path.join(root, 'assets', 'x.wasm') });
  });

  it('keeps plain ../ inside the root (the URL parser already normalized it)', () => {
    const r = resolveAppPath(root, 'app://workbench/../../../etc/passwd');
    expect(r).toEqual({ ok: true, filePath: path.join(root, 'etc', 'passwd') });
  });

  it('rejects encoded traversal, backslashes and NUL bytes', () => {
    for (const url of [
      'app://workbench/..%2f..%2fsecret.txt',
      'app://workbench/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://workbench/%2e%2e%2fsecret.txt',
      'app://workbench/assets%2f..%2f..%2fsecret.txt',
    ]) {
      const r = resolveAppPath(root, url);
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.status, url).toBe(403);
    }
    for (const url of ['app://workbench/..%5c..%5csecret.txt', 'app://workbench/index.html%00.png', 'app://workbench/%E0%A4%A']) {
      const r = resolveAppPath(root, url);
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.status, url).toBe(400);
    }
  });

  it('rejects other hosts and schemes', () => {
    expect(resolveAppPath(root, 'app://evil/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'file:///srv/app/out/renderer/index.html')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'https://workbench/index.html')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'nonsense')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let root: string;
  let handler: (request: Request) => Promise<Response>;
  const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-protocol-'));
    root = path.join(dir, 'out', 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>wb</title>');
    writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'worker.mjs'), 'export {}');
    writeFileSync(path.join(root, 'assets', 'duckdb-eh.wasm'), wasm);
    writeFileSync(path.join(dir, 'out', 'secret.txt'), 'secret');
    symlinkSync(path.join(dir, 'out', 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    handler = createAppProtocolHandler({ rootDir: root });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, init?: RequestInit) => handler(new Request(url, init));

  it('serves index.html with the CSP and security headers', async () => {
    const res = await get('app://workbench/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>wb</title>');
  });

  it('serves scripts as text/javascript and wasm as application/wasm, byte for byte', async () => {
    expect((await get('app://workbench/assets/index.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://workbench/assets/worker.mjs')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const res = await get('app://workbench/assets/duckdb-eh.wasm');
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect(res.headers.get('content-length')).toBe(String(wasm.byteLength));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(wasm);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://workbench/assets/duckdb-eh.wasm', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(wasm.byteLength));
    expect(await res.text()).toBe('');
  });

  it('404s missing files and directories without an index, still with the CSP', async () => {
    const res = await get('app://workbench/nope.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://workbench/assets/')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
  });

  it('never serves a file outside the root', async () => {
    for (const url of ['app://workbench/..%2fsecret.txt', 'app://workbench/assets/..%2f..%2fsecret.txt', 'app://workbench/%2e%2e/secret.txt']) {
      const res = await get(url);
      expect(res.status, url).not.toBe(200);
      expect(await res.text(), url).not.toContain('secret');
    }
    const viaLink = await get('app://workbench/assets/link.txt');
    expect(viaLink.status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('app://workbench/index.html', { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
