import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, tokenMatches, type WebHost } from '../../src/web-host/server';
import { DatasetFiles } from '../../src/host/services/datasets';
import { createHttpHost } from '../../src/renderer/host/http-host';

/** A raw HTTP request, so that Host and Origin can be forged the way an attacker's page would. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('web host', () => {
  let host: WebHost;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-host-'));
    const renderer = path.join(dir, 'renderer');
    const data = path.join(dir, 'data');
    mkdirSync(renderer);
    mkdirSync(data);
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>wb</title>');
    writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser');
    writeFileSync(
      path.join(data, 'datasets.json'),
      JSON.stringify({
        version: 1,
        source: { document: 'd', title: 't' },
        tables: [{ name: 't', file: 't.csv', title: 'T', description: '', source: { document: 'd', section: 's' }, columns: [], known_issues: [] }],
      }),
    );
    writeFileSync(path.join(data, 't.csv'), 'a\n1\n');
    host = await startWebHost({ rendererDir: renderer, datasets: new DatasetFiles(data), appVersion: '1.2.3', dataHome: path.join(dir, 'home'), homeDir: dir });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('binds 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(await res.text()).toContain('<title>wb</title>');
  });

  it('implements the host API for a client holding the token', async () => {
    const api = createHttpHost(host.token, host.origin);
    expect(await api.info()).toEqual({ kind: 'web', appVersion: '1.2.3', nativeDialogs: false, homeDir: dir });
    expect((await api.getManifest()).tables[0]!.name).toBe('t');
    expect(new TextDecoder().decode(await api.readDataFile('t.csv'))).toBe('a\n1\n');
  });

  it('reads only files the manifest lists', async () => {
    const api = createHttpHost(host.token, host.origin);
    await expect(api.readDataFile('../secret.txt')).rejects.toThrow(/not a bundled dataset file/);
    await expect(api.readDataFile(42 as unknown as string)).rejects.toThrow(/must be a string/);
  });

  it('refuses API calls without the token', async () => {
    const res = await raw(`${host.origin}/api/info`, { method: 'POST', body: '[]' });
    expect(res.status).toBe(401);
    await expect(createHttpHost('wrong', host.origin).info()).rejects.toThrow(/access token/);
  });

  it('refuses another Host header (DNS rebinding) and another Origin', async () => {
    const headers = { 'x-workbench-token': host.token };
    expect((await raw(`${host.origin}/api/info`, { method: 'POST', body: '[]', headers: { ...headers, host: 'evil.example:80' } })).status).toBe(421);
    expect((await raw(`${host.origin}/api/info`, { method: 'POST', body: '[]', headers: { ...headers, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await raw(`${host.origin}/api/info`, { method: 'POST', body: '[]', headers: { ...headers, origin: host.origin } })).status).toBe(200);
  });

  it('accepts only the http origins of its own address: no other scheme, no bare host', async () => {
    const headers = { 'x-workbench-token': host.token };
    const port = new URL(host.origin).port;
    const status = async (origin: string): Promise<number> =>
      (await raw(`${host.origin}/api/info`, { method: 'POST', body: '[]', headers: { ...headers, origin } })).status;
    expect(await status(`http://localhost:${port}`)).toBe(200);
    for (const origin of [`127.0.0.1:${port}`, `localhost:${port}`, `https://127.0.0.1:${port}`, `ws://127.0.0.1:${port}`, `http://127.0.0.1:${port}/`, 'null']) {
      expect([origin, await status(origin)]).toEqual([origin, 403]);
    }
  });

  it('compares tokens whatever their length or type, without throwing', () => {
    expect(tokenMatches(host.token, host.token)).toBe(true);
    expect(tokenMatches(host.token.slice(0, -1), host.token)).toBe(false);
    expect(tokenMatches(`${host.token}x`, host.token)).toBe(false);
    expect(tokenMatches('', host.token)).toBe(false);
    expect(tokenMatches(undefined, host.token)).toBe(false);
    expect(tokenMatches([host.token], host.token)).toBe(false);
  });

  it('answers a malformed % escape with 400, not 500', async () => {
    expect((await raw(`${host.origin}/%E0%A4%A`, {})).status).toBe(400);
    expect((await raw(`${host.origin}/assets/%ZZ.js`, {})).status).toBe(400);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await raw(`${host.origin}/..%2fsecret.txt`, {})).status).toBe(403);
    expect((await raw(`${host.origin}/missing.js`, {})).status).toBe(404);
  });

  it('rejects unknown methods and malformed bodies', async () => {
    const headers = { 'x-workbench-token': host.token };
    expect((await raw(`${host.origin}/api/constructor`, { method: 'POST', body: '[]', headers })).status).toBe(404);
    expect((await raw(`${host.origin}/api/info`, { method: 'POST', body: '{', headers })).status).toBe(400);
    expect((await raw(`${host.origin}/api/info`, { method: 'POST', body: '{}', headers })).status).toBe(400);
  });
});
