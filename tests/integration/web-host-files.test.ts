/**
 * The whole host API over real HTTP: the web host (server.ts + handlers.ts) answering the renderer's
 * HTTP client (http-host.ts), with files in a temporary folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFiles } from '../../src/host/services/datasets';
import { createHttpHost } from '../../src/renderer/host/http-host';
import { MAX_EXPORT_CHUNK_BYTES } from '../../src/shared/host-limits';
import type { HostApi } from '../../src/shared/host-api';
import { startWebHost, type WebHost } from '../../src/web-host/server';

function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('web host: files, recovery, exports over HTTP', () => {
  let host: WebHost;
  let dir: string;
  let work: string;
  let dataHome: string;
  let api: HostApi;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wb-host-files-'));
    const renderer = path.join(dir, 'renderer');
    const data = path.join(dir, 'data');
    work = path.join(dir, 'work');
    dataHome = path.join(dir, 'data-home');
    for (const d of [renderer, data, work]) mkdirSync(d);
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>wb</title>');
    writeFileSync(path.join(data, 'datasets.json'), JSON.stringify({ version: 1, source: { document: 'd', title: 't' }, tables: [] }));
    host = await startWebHost({ rendererDir: renderer, datasets: new DatasetFiles(data), appVersion: '1.2.3', dataHome, homeDir: work });
    api = createHttpHost(host.token, host.origin);
  });
  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('info: no native dialogs, the home folder', async () => {
    expect(await api.info()).toEqual({ kind: 'web', appVersion: '1.2.3', nativeDialogs: false, homeDir: work });
  });

  it('dialogs return null (the renderer shows its own) but still check their options', async () => {
    expect(await api.showOpenDialog({ purpose: 'notebook' })).toBeNull();
    expect(await api.showSaveDialog({ purpose: 'export', defaultName: 'r.csv' })).toBeNull();
    await expect(api.showOpenDialog({ purpose: 'bogus' as 'notebook' })).rejects.toThrow(
      'showOpenDialog(options: OpenDialogOptions): argument 1 (options) has purpose the string "bogus"',
    );
  });

  it('onCloseRequested is a no-op; confirmClose resolves', async () => {
    const unsubscribe = api.onCloseRequested(() => {
      throw new Error('never called');
    });
    unsubscribe();
    await expect(api.confirmClose()).resolves.toBeUndefined();
  });

  it('lists folders', async () => {
    mkdirSync(path.join(work, 'sub'));
    writeFileSync(path.join(work, 'b.csv'), 'x');
    writeFileSync(path.join(work, '.hidden'), 'x');
    const listing = await api.listDirectory(work);
    expect(listing).toEqual({
      path: work,
      parent: dir,
      entries: [
        { name: 'sub', kind: 'directory', size: 0 },
        { name: 'b.csv', kind: 'file', size: 1 },
      ],
    });
    await expect(api.listDirectory(path.join(work, 'nope'))).rejects.toThrow(`Cannot list ${path.join(work, 'nope')}: the folder does not exist.`);
  });

  it('saves and reads notebooks with stamps, detecting conflicts', async () => {
    const file = path.join(work, 'arrivals.md');
    await expect(api.writeNotebook(file, '# Arrivals\n', { expected: null })).rejects.toThrow('the app only uses notebooks you opened or chose in a dialog');
    await api.grantChoice('notebook', [file]);
    const first = await api.writeNotebook(file, '# Arrivals\n', { expected: null });
    expect(first).toEqual({ ok: true, stamp: expect.objectContaining({ size: 11, sha256: sha('# Arrivals\n') }) });
    const read = await api.readNotebook(file);
    expect(read.text).toBe('# Arrivals\n');
    expect(await api.statFile(file)).toEqual(read.stamp);
    await api.grantChoice('notebook', [path.join(work, 'missing.md')]);
    expect(await api.statFile(path.join(work, 'missing.md'))).toBeNull();

    writeFileSync(file, '# Changed elsewhere\n');
    const conflict = await api.writeNotebook(file, '# Mine\n', { expected: read.stamp });
    expect(conflict).toEqual({ ok: false, conflict: expect.objectContaining({ sha256: sha('# Changed elsewhere\n') }) });
    expect(await api.writeNotebook(file, '# Mine\n', { expected: null })).toMatchObject({ ok: false });
    expect(await api.writeNotebook(file, '# Mine\n', { expected: read.stamp, force: true })).toMatchObject({ ok: true });
    expect(readFileSync(file, 'utf8')).toBe('# Mine\n');
    await api.grantChoice('notebook', [path.join(work, 'b.csv'), path.join(work, 'missing.md')]);
    await expect(api.readNotebook(path.join(work, 'b.csv'))).rejects.toThrow('a notebook is a Markdown file ending in .md or .markdown');
  });

  it('saves a notebook larger than the old 1 MB body limit', async () => {
    const file = path.join(work, 'big.md');
    await api.grantChoice('notebook', [file]);
    const text = `# Big\n\n${'| a | b |\n'.repeat(300_000)}`;
    expect(await api.writeNotebook(file, text, { expected: null })).toMatchObject({ ok: true });
    expect((await api.readNotebook(file)).text).toBe(text);
  });

  it('recent files', async () => {
    const file = path.join(work, 'arrivals.md');
    await api.addRecentFile(file);
    await api.grantChoice('notebook', [path.join(work, 'gone.md')]);
    await api.addRecentFile(path.join(work, 'gone.md'));
    expect(await api.recentFiles()).toEqual([file]);
    expect(readdirSync(dataHome)).toContain('recent-files.json');
  });

  it('recovery: autosave, list, discard', async () => {
    const entry = { id: 'nb_1', path: null, title: 'Untitled', text: '# draft', savedAt: new Date().toISOString() };
    await api.autosave(entry);
    expect(await api.listRecovery()).toEqual([entry]);
    await api.discardRecovery('nb_1');
    expect(await api.listRecovery()).toEqual([]);
    await expect(api.discardRecovery('../../etc/passwd')).rejects.toThrow("argument 1 (id) must be 1 to 64 letters, digits, '_' or '-'");
  });

  it('readFileRange sends the bytes as octet-stream with the file size', async () => {
    const file = path.join(work, 'bytes.bin');
    await api.grantChoice('import', [file, work]);
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    writeFileSync(file, bytes);
    expect(await api.readFileRange(file, 250, 100)).toEqual({ bytes: bytes.slice(250), size: 300 });
    expect(await api.readFileRange(file, 400, 100)).toEqual({ bytes: new Uint8Array(0), size: 300 });
    await expect(api.readFileRange(work, 0, 1)).rejects.toThrow(`Cannot read ${work}: it is a folder, not a file.`);
  });

  it('exports: begin, binary writes, finish; abort leaves nothing', async () => {
    const target = path.join(work, 'result.csv');
    await api.grantChoice('export', [target, path.join(work, 'aborted.csv'), path.join(work, 'no-such-folder', 'r.csv')]);
    const handle = await api.exportBegin(target);
    const big = new Uint8Array(3 * 1024 * 1024).fill(65);
    await api.exportWrite(handle, new TextEncoder().encode('a,b\n'));
    await api.exportWrite(handle, big);
    await api.exportWrite(handle, new Uint8Array(0));
    await api.exportFinish(handle);
    const written = readFileSync(target);
    expect(written.length).toBe(4 + big.length);
    expect(written.subarray(0, 4).toString()).toBe('a,b\n');

    const aborted = await api.exportBegin(path.join(work, 'aborted.csv'));
    await api.exportWrite(aborted, new Uint8Array([1, 2, 3]));
    await api.exportAbort(aborted);
    expect(readdirSync(work).filter((n) => n.includes('aborted'))).toEqual([]);
    await expect(api.exportWrite(aborted, new Uint8Array([1]))).rejects.toThrow('unknown export handle');
    await expect(api.exportBegin(path.join(work, 'no-such-folder', 'r.csv'))).rejects.toThrow(`the folder ${path.join(work, 'no-such-folder')} does not exist`);
  });

  it('argument errors come back as clear messages (400), failures as 422', async () => {
    await expect(api.readNotebook('relative/notes.md')).rejects.toThrow(
      'readNotebook(path: string): argument 1 (path) must be an absolute path, got the string "relative/notes.md"',
    );
    await expect(api.readFileRange('/x', -5, 1)).rejects.toThrow('argument 2 (offset) must be >= 0');
    await expect(api.writeNotebook('/x.md', 'x', {} as never)).rejects.toThrow('argument 3 (options) must have the property "expected"');
    await expect(api.exportWrite('0'.repeat(32), 'text' as never)).rejects.toThrow('argument 2 (chunk) must be a Uint8Array, got string');
    await expect(api.exportWrite(7 as never, new Uint8Array(1))).rejects.toThrow('argument 1 (handle) must be a string, got number');
    const headers = { 'x-workbench-token': host.token, 'content-type': 'application/json' };
    const bad = await raw(`${host.origin}/api/statFile`, { headers, body: JSON.stringify(['nope']) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: 'statFile(path: string): argument 1 (path) must be an absolute path, got the string "nope"' });
    const failed = await raw(`${host.origin}/api/readNotebook`, { headers, body: JSON.stringify([path.join(work, 'missing.md')]) });
    expect(failed.status).toBe(422);
    expect(JSON.parse(failed.body).error).toContain('does not exist');
  });

  it('the client sends chunks over the 32 MiB route limit in several requests', async () => {
    const target = path.join(work, 'huge.bin');
    await api.grantChoice('export', [target]);
    const handle = await api.exportBegin(target);
    const huge = new Uint8Array(MAX_EXPORT_CHUNK_BYTES + 1000).fill(7);
    huge[MAX_EXPORT_CHUNK_BYTES - 1] = 1;
    huge[MAX_EXPORT_CHUNK_BYTES] = 2;
    await api.exportWrite(handle, huge);
    await api.exportFinish(handle);
    expect(readFileSync(target).equals(Buffer.from(huge))).toBe(true);
  });

  it('exportWrite takes an octet-stream body with the handle in the query, and nothing else', async () => {
    const target = path.join(work, 'raw.csv');
    await api.grantChoice('export', [target]);
    const handle = await api.exportBegin(target);
    const token = { 'x-workbench-token': host.token };
    const ok = await raw(`${host.origin}/api/exportWrite?handle=${handle}`, {
      headers: { ...token, 'content-type': 'application/octet-stream' },
      body: new TextEncoder().encode('x,y\n'),
    });
    expect(ok.status).toBe(200);
    // A JSON body is refused: the chunk must be raw bytes.
    const json = await raw(`${host.origin}/api/exportWrite`, { headers: { ...token, 'content-type': 'application/json' }, body: JSON.stringify([handle, [1, 2]]) });
    expect(json.status).toBe(415);
    const noHandle = await raw(`${host.origin}/api/exportWrite`, { headers: { ...token, 'content-type': 'application/octet-stream' }, body: 'x' });
    expect(noHandle.status).toBe(400);
    expect(JSON.parse(noHandle.body).error).toBe('exportWrite(handle: string, chunk: Uint8Array): argument 1 (handle) must be a string, got undefined');
    const tooBig = await raw(`${host.origin}/api/exportWrite?handle=${handle}`, {
      headers: { ...token, 'content-type': 'application/octet-stream', 'content-length': String(33 * 1024 * 1024) },
      body: new Uint8Array(1),
    }).catch((e: Error) => ({ status: -1, body: e.message }));
    expect(tooBig.status).toBe(413);
    // Without a declared length (chunked), the limit applies while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${host.origin}/api/exportWrite?handle=${handle}`,
        { method: 'POST', headers: { ...token, 'content-type': 'application/octet-stream' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const piece = new Uint8Array(1024 * 1024);
      for (let i = 0; i < 33; i++) req.write(piece);
      req.end();
    });
    expect(chunked).toBe(413);
    await api.exportFinish(handle);
    expect(readFileSync(target, 'utf8')).toBe('x,y\n');
  });

  it('token, Host and Origin are enforced on every route, the binary one included', async () => {
    const octet = { 'content-type': 'application/octet-stream' };
    const url = `${host.origin}/api/exportWrite?handle=${'0'.repeat(32)}`;
    expect((await raw(url, { headers: octet, body: 'x' })).status).toBe(401);
    expect((await raw(url, { headers: { ...octet, 'x-workbench-token': 'wrong' }, body: 'x' })).status).toBe(401);
    expect((await raw(url, { headers: { ...octet, 'x-workbench-token': host.token, host: 'evil.example' }, body: 'x' })).status).toBe(421);
    expect((await raw(url, { headers: { ...octet, 'x-workbench-token': host.token, origin: 'http://evil.example' }, body: 'x' })).status).toBe(403);
    for (const method of ['readNotebook', 'writeNotebook', 'listDirectory', 'readFileRange', 'exportBegin', 'autosave', 'recentFiles']) {
      const res = await raw(`${host.origin}/api/${method}`, { headers: { 'content-type': 'application/json' }, body: '[]' });
      expect(res.status, method).toBe(401);
      const rebinding = await raw(`${host.origin}/api/${method}`, { headers: { 'x-workbench-token': host.token, host: 'attacker.example:80' }, body: '[]' });
      expect(rebinding.status, method).toBe(421);
    }
    expect((await raw(`${host.origin}/api/exportWrite?handle=x`, { method: 'GET', headers: { 'x-workbench-token': host.token } })).status).toBe(405);
  });

  it('closing the web host aborts open exports', async () => {
    const renderer = path.join(dir, 'renderer');
    const second = await startWebHost({ rendererDir: renderer, datasets: new DatasetFiles(path.join(dir, 'data')), dataHome, homeDir: work });
    const api2 = createHttpHost(second.token, second.origin);
    await api2.grantChoice('export', [path.join(work, 'left-open.csv')]);
    const handle = await api2.exportBegin(path.join(work, 'left-open.csv'));
    await api2.exportWrite(handle, new Uint8Array([1, 2, 3]));
    expect(readdirSync(work).some((n) => n.startsWith('.left-open.csv.'))).toBe(true);
    await second.close();
    expect(readdirSync(work).filter((n) => n.includes('left-open'))).toEqual([]);
  });
});
