import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS, HOST_METHODS, INVOKE_METHODS } from '../../src/shared/host-methods';
import { MAX_EXPORT_CHUNK_BYTES, MAX_READ_RANGE_BYTES } from '../../src/shared/host-limits';
import {
  assertTrustedSender,
  createHostHandlers,
  IpcSenderError,
  registerHostIpc,
  type SenderLike,
  type HostHandlers,
  type HostServices,
  type IpcMainLike,
} from '../../src/main/ipc';
import { IpcArgumentError, validateArgs, validateHostArgs } from '../../src/host/validation';
import { DatasetFiles } from '../../src/host/services/datasets';
import { createFileServices } from '../../src/host/methods';

describe('validateArgs', () => {
  const spec = [{ name: 'file', type: 'string', minLength: 1, maxLength: 10 }] as const;

  it('returns valid arguments', () => {
    expect(validateArgs('ch', ['a.csv'], spec)).toEqual(['a.csv']);
    expect(validateArgs('ch', [], [])).toEqual([]);
  });

  it('rejects missing and extra arguments, naming the channel', () => {
    expect(() => validateArgs('ch', [], spec)).toThrow(IpcArgumentError);
    expect(() => validateArgs('ch', [], spec)).toThrow('ch(file: string) expects 1 argument, got 0');
    expect(() => validateArgs('ch', ['a', 'b'], spec)).toThrow('expects 1 argument, got 2');
    expect(() => validateArgs('info', [undefined], [])).toThrow('info() expects no arguments, got 1');
  });

  it('rejects wrong types with what was received', () => {
    expect(() => validateArgs('ch', [42], spec)).toThrow('argument 1 (file) must be a string, got number');
    expect(() => validateArgs('ch', [null], spec)).toThrow('got null');
    expect(() => validateArgs('ch', [['a']], spec)).toThrow('got an array');
    expect(() => validateArgs('ch', [{ toString: () => 'a' }], spec)).toThrow('got an object');
  });

  it('checks string lengths and numbers', () => {
    expect(() => validateArgs('ch', [''], spec)).toThrow('at least 1 characters');
    expect(() => validateArgs('ch', ['x'.repeat(11)], spec)).toThrow('at most 10 characters');
    const n = [{ name: 'n', type: 'number', integer: true, min: 0, max: 5 }] as const;
    expect(validateArgs('ch', [3], n)).toEqual([3]);
    expect(() => validateArgs('ch', [Number.NaN], n)).toThrow('finite');
    expect(() => validateArgs('ch', [1.5], n)).toThrow('integer');
    expect(() => validateArgs('ch', [-1], n)).toThrow('>= 0');
    expect(() => validateArgs('ch', [6], n)).toThrow('<= 5');
    expect(() => validateArgs('ch', ['1'], [{ name: 'b', type: 'boolean' }])).toThrow('must be a boolean, got string');
  });
});

describe('assertTrustedSender', () => {
  const ours = (id: number) => id === 1;
  const trusted = ['app://workbench'];
  const event = (url: string, parent: unknown = null, id = 1): SenderLike => ({ sender: { id }, senderFrame: { url, parent } });

  it('accepts the main frame of our window on the app origin', () => {
    expect(() => assertTrustedSender('ch', event('app://workbench/index.html'), ours, trusted)).not.toThrow();
  });

  it('rejects other web contents, subframes, other origins and vanished frames', () => {
    expect(() => assertTrustedSender('ch', event('app://workbench/', null, 2), ours, trusted)).toThrow(IpcSenderError);
    expect(() => assertTrustedSender('ch', event('app://workbench/', {}), ours, trusted)).toThrow('main frame');
    expect(() => assertTrustedSender('ch', event('https://evil.example/'), ours, trusted)).toThrow('not the app');
    expect(() => assertTrustedSender('ch', event('file:///tmp/x.html'), ours, trusted)).toThrow('not the app');
    expect(() => assertTrustedSender('ch', { sender: { id: 1 }, senderFrame: null }, ours, trusted)).toThrow('gone');
  });
});

describe('host handlers', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'wb-ipc-'));
    writeFileSync(
      path.join(dataDir, 'datasets.json'),
      JSON.stringify({ version: 1, source: { document: 'd', title: 't' }, tables: [{ name: 'arrivals', file: 'arrivals.csv', columns: [] }] }),
    );
    writeFileSync(path.join(dataDir, 'arrivals.csv'), 'period,total\n2002,1142\n');
    writeFileSync(path.join(dataDir, 'other.txt'), 'not listed');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const services = (overrides: Partial<HostServices> = {}): HostServices => ({
    kind: 'electron',
    appVersion: '1.2.3',
    homeDir: '/home/r',
    datasets: new DatasetFiles(dataDir),
    dialogs: { showOpenDialog: async () => ['/picked.md'], showSaveDialog: async () => '/saved.md' },
    ...createFileServices(path.join(dataDir, 'home')),
    ...overrides,
  });
  const handlers = (overrides: Partial<HostServices> = {}) => createHostHandlers(services(overrides));

  it('covers every invoke channel of the host API', () => {
    const { menuCommand: _menuCommand, closeRequested: _closeRequested, ...invoke } = HOST_CHANNELS;
    expect(Object.keys(handlers()).sort()).toEqual(Object.values(invoke).sort());
    expect(Object.keys(HOST_METHODS).sort()).toEqual([...INVOKE_METHODS].sort());
  });

  it('info and getManifest take no arguments', async () => {
    const h = handlers();
    await expect(h[HOST_CHANNELS.info]([])).resolves.toEqual({ kind: 'electron', appVersion: '1.2.3', nativeDialogs: true, homeDir: '/home/r' });
    await expect(h[HOST_CHANNELS.info](['x'])).rejects.toThrow(IpcArgumentError);
    await expect(h[HOST_CHANNELS.getManifest]([])).resolves.toMatchObject({ version: 1, tables: [{ name: 'arrivals' }] });
    await expect(h[HOST_CHANNELS.getManifest]([1])).rejects.toThrow('expects no arguments, got 1');
  });

  it('readDataFile reads only manifest files, with exactly one string', async () => {
    const h = handlers()[HOST_CHANNELS.readDataFile];
    const bytes = (await h(['arrivals.csv'])) as Uint8Array;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe('period,total\n2002,1142\n');
    await expect(h(['other.txt'])).rejects.toThrow('not a bundled dataset file');
    await expect(h(['../datasets.json'])).rejects.toThrow('not a bundled dataset file');
    await expect(h([])).rejects.toThrow(IpcArgumentError);
    await expect(h(['arrivals.csv', 'extra'])).rejects.toThrow('expects 1 argument, got 2');
    await expect(h([{ file: 'arrivals.csv' }])).rejects.toThrow('must be a string, got an object');
    await expect(h([''])).rejects.toThrow('at least 1');
  });

  it('dialogs get the caller, so they attach to its window', async () => {
    const open = vi.fn(async () => ['/a.md']);
    const h = handlers({ dialogs: { showOpenDialog: open, showSaveDialog: async () => null } });
    await expect(h[HOST_CHANNELS.showOpenDialog]([{ purpose: 'notebook' }], { webContentsId: 5 })).resolves.toEqual(['/a.md']);
    expect(open).toHaveBeenCalledWith({ purpose: 'notebook' }, { webContentsId: 5 });
    await expect(h[HOST_CHANNELS.showSaveDialog]([{ purpose: 'export', defaultName: 'r.csv' }])).resolves.toBeNull();
  });

  it('confirmClose passes the caller to the window guard', async () => {
    const confirmClose = vi.fn();
    await handlers({ confirmClose })[HOST_CHANNELS.confirmClose]([], { webContentsId: 9 });
    expect(confirmClose).toHaveBeenCalledWith({ webContentsId: 9 });
    await expect(handlers()[HOST_CHANNELS.confirmClose]([])).resolves.toBeUndefined();
  });

  it('the file methods reach their services', async () => {
    const file = path.join(dataDir, 'nb.md');
    const h = handlers({ dialogs: { showOpenDialog: async () => [file], showSaveDialog: async () => file } });
    // Only files chosen in a dialog (here: the native ones) are read or written.
    await expect(h[HOST_CHANNELS.writeNotebook]([file, '# hi\n', { expected: null }])).rejects.toThrow(
      `Cannot save ${file}: the app only uses notebooks you opened or chose in a dialog.`,
    );
    await h[HOST_CHANNELS.showSaveDialog]([{ purpose: 'notebook', defaultName: 'nb.md' }]);
    const saved = (await h[HOST_CHANNELS.writeNotebook]([file, '# hi\n', { expected: null }])) as { ok: boolean };
    expect(saved.ok).toBe(true);
    await expect(h[HOST_CHANNELS.readNotebook]([file])).resolves.toMatchObject({ path: file, text: '# hi\n' });
    await expect(h[HOST_CHANNELS.statFile]([file])).resolves.toMatchObject({ size: 5 });
    await h[HOST_CHANNELS.addRecentFile]([file]);
    await expect(h[HOST_CHANNELS.recentFiles]([])).resolves.toEqual([file]);
    await expect(h[HOST_CHANNELS.readFileRange]([file, 2, 2])).rejects.toThrow('the app only uses files you chose to import');
    await expect(h[HOST_CHANNELS.statImportFile]([file])).rejects.toThrow('the app only uses files you chose to import');
    await expect(h[HOST_CHANNELS.grantChoice](['import', [file]])).rejects.toThrow('grantChoice is for the web host only');
    await h[HOST_CHANNELS.showOpenDialog]([{ purpose: 'import' }]);
    await expect(h[HOST_CHANNELS.readFileRange]([file, 2, 2])).resolves.toEqual({ bytes: new TextEncoder().encode('hi'), size: 5 });
    // sha256('# hi\n')
    await expect(h[HOST_CHANNELS.statImportFile]([file])).resolves.toMatchObject({ size: 5, sha256: createHash('sha256').update('# hi\n').digest('hex') });
    await expect(h[HOST_CHANNELS.listDirectory]([dataDir])).resolves.toMatchObject({ path: dataDir });
  });
});

describe('host method argument validation', () => {
  const stamp = { mtimeMs: 1, size: 2, sha256: 'a'.repeat(64) };
  const entry = { id: 'nb-1', path: null, title: 't', text: 'x', savedAt: '2026-05-01T10:00:00.000Z' };
  const handle = '0'.repeat(32);

  it('accepts well-formed calls and normalizes paths', () => {
    expect(validateHostArgs('listDirectory', ['/tmp/a/../b/'])).toEqual(['/tmp/b']);
    expect(validateHostArgs('writeNotebook', ['/n.md', 'text', { expected: stamp, force: true }])).toHaveLength(3);
    expect(validateHostArgs('writeNotebook', ['/n.md', '', { expected: null }])).toHaveLength(3);
    expect(validateHostArgs('autosave', [entry])).toEqual([entry]);
    expect(validateHostArgs('autosave', [{ ...entry, path: '/n.md' }])).toHaveLength(1);
    expect(validateHostArgs('readFileRange', ['/d.csv', 0, MAX_READ_RANGE_BYTES])).toHaveLength(3);
    expect(validateHostArgs('exportWrite', [handle, new Uint8Array(3)])).toHaveLength(2);
    expect(validateHostArgs('exportWrite', [handle, Buffer.from('x')])).toHaveLength(2);
    expect(validateHostArgs('showOpenDialog', [{ purpose: 'import', multiple: true }])).toHaveLength(1);
    expect(validateHostArgs('showOpenDialog', [{ purpose: 'import', multiple: undefined }])).toHaveLength(1);
    expect(validateHostArgs('showSaveDialog', [{ purpose: 'export', defaultName: 'r.csv' }])).toHaveLength(1);
  });

  it.each<[string, Parameters<typeof validateHostArgs>[0], unknown[], string]>([
    ['relative path', 'readNotebook', ['notes/a.md'], 'readNotebook(path: string): argument 1 (path) must be an absolute path, got the string "notes/a.md"'],
    ['empty path', 'listDirectory', [''], 'argument 1 (path) must be an absolute path, got an empty string'],
    ['NUL byte', 'statFile', ['/a.md\0.txt'], 'argument 1 (path) must not contain NUL characters'],
    ['path not a string', 'exportBegin', [42], 'exportBegin(path: string): argument 1 (path) must be a string, got number'],
    ['overlong path', 'addRecentFile', ['/' + 'a'.repeat(5000)], 'must have at most 4096 characters'],
    ['missing text', 'writeNotebook', ['/n.md'], 'expects 3 arguments, got 1'],
    ['text not a string', 'writeNotebook', ['/n.md', 5, { expected: null }], 'argument 2 (text) must be a string, got number'],
    ['options missing expected', 'writeNotebook', ['/n.md', '', {}], 'argument 3 (options) must have the property "expected"'],
    ['options unknown key', 'writeNotebook', ['/n.md', '', { expected: null, overwrite: true }], 'has an unknown property "overwrite"'],
    [
      'bad stamp',
      'writeNotebook',
      ['/n.md', '', { expected: { mtimeMs: 1, size: -1, sha256: 'x' } }],
      'has an "expected" that must have a non-negative integer size',
    ],
    ['bad sha', 'writeNotebook', ['/n.md', '', { expected: { mtimeMs: 1, size: 1, sha256: 'XYZ' } }], 'sha256 of 64 lowercase hex digits'],
    ['force not boolean', 'writeNotebook', ['/n.md', '', { expected: null, force: 'yes' }], 'must have a boolean "force"'],
    ['negative offset', 'readFileRange', ['/d.csv', -1, 10], 'argument 2 (offset) must be >= 0'],
    ['fractional length', 'readFileRange', ['/d.csv', 0, 1.5], 'argument 3 (length) must be an integer'],
    ['infinite offset', 'readFileRange', ['/d.csv', Infinity, 1], 'argument 2 (offset) must be a finite number'],
    ['NaN length', 'readFileRange', ['/d.csv', 0, NaN], 'argument 3 (length) must be a finite number'],
    ['length over the cap', 'readFileRange', ['/d.csv', 0, MAX_READ_RANGE_BYTES + 1], `argument 3 (length) must be <= ${MAX_READ_RANGE_BYTES}`],
    ['string length', 'readFileRange', ['/d.csv', 0, '10'], 'argument 3 (length) must be a number, got string'],
    ['chunk as array', 'exportWrite', [handle, [1, 2]], 'exportWrite(handle: string, chunk: Uint8Array): argument 2 (chunk) must be a Uint8Array, got an array'],
    ['chunk as string', 'exportWrite', [handle, 'abc'], 'argument 2 (chunk) must be a Uint8Array, got string'],
    ['chunk too large', 'exportWrite', [handle, new Uint8Array(MAX_EXPORT_CHUNK_BYTES + 1)], `must be at most ${MAX_EXPORT_CHUNK_BYTES} bytes`],
    ['bad handle', 'exportFinish', ['../../etc'], 'argument 1 (handle) must be an export handle returned by exportBegin'],
    ['handle number', 'exportAbort', [1], 'argument 1 (handle) must be a string, got number'],
    ['recovery id', 'discardRecovery', ['../x'], "argument 1 (id) must be 1 to 64 letters, digits, '_' or '-'"],
    ['entry id', 'autosave', [{ ...entry, id: 'a/b' }], 'argument 1 (entry) must have an id of 1 to 64 letters'],
    ['entry relative path', 'autosave', [{ ...entry, path: 'x.md' }], 'has a path that must be an absolute path'],
    ['entry date', 'autosave', [{ ...entry, savedAt: 'yesterday' }], 'must have a savedAt date string'],
    ['entry missing', 'autosave', [{ id: 'x' }], 'must have the property "path"'],
    ['entry null', 'autosave', [null], 'must be a RecoveryEntry object, got null'],
    ['purpose', 'showOpenDialog', [{ purpose: 'anything' }], 'has purpose the string "anything"; it must be one of "notebook", "import", "export"'],
    ['multiple', 'showOpenDialog', [{ purpose: 'import', multiple: 1 }], 'must have a boolean "multiple"'],
    ['options string', 'showOpenDialog', ['notebook'], 'must be an object like { purpose: "notebook" }'],
    ['defaultName path', 'showSaveDialog', [{ purpose: 'export', defaultName: '../../x.csv' }], 'must have a defaultName that is a file name, not a path'],
    ['defaultName missing', 'showSaveDialog', [{ purpose: 'export' }], 'must have the property "defaultName"'],
    ['extra argument', 'recentFiles', ['x'], 'recentFiles() expects no arguments, got 1'],
    ['confirmClose argument', 'confirmClose', [true], 'confirmClose() expects no arguments, got 1'],
  ])('%s', (_label, method, args, message) => {
    expect(() => validateHostArgs(method, args)).toThrow(IpcArgumentError);
    expect(() => validateHostArgs(method, args)).toThrow(message);
  });

  it('the handlers refuse before any service runs', async () => {
    const files = createFileServices(tmpdir());
    const begin = vi.spyOn(files.exports, 'begin');
    const read = vi.spyOn(files.notebooks, 'read');
    const h = createHostHandlers({
      kind: 'web',
      appVersion: '1',
      homeDir: '/',
      datasets: { getManifest: vi.fn(), readDataFile: vi.fn() },
      dialogs: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
      ...files,
    });
    await expect(h[HOST_CHANNELS.exportBegin](['relative.csv'])).rejects.toThrow('must be an absolute path');
    await expect(h[HOST_CHANNELS.readNotebook](['/a.md', 'extra'])).rejects.toThrow('expects 1 argument, got 2');
    expect(begin).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
  });
});

describe('registerHostIpc', () => {
  function fakeIpcMain() {
    const listeners = new Map<string, (event: SenderLike, ...args: unknown[]) => unknown>();
    const ipc: IpcMainLike = {
      handle: (channel, listener) => {
        if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
        listeners.set(channel, listener);
      },
      removeHandler: (channel) => listeners.delete(channel),
    };
    return { ipc, listeners };
  }

  const ok: SenderLike = { sender: { id: 7 }, senderFrame: { url: 'app://workbench/index.html', parent: null } };
  const policy = { isOurWebContents: (id: number) => id === 7, trustedOrigins: ['app://workbench'] };

  it('routes each channel to its handler with the arguments, after the sender check', async () => {
    const { ipc, listeners } = fakeIpcMain();
    const info = vi.fn(async (args: readonly unknown[], caller?: unknown) => ({ args, caller }));
    const handlers = { [HOST_CHANNELS.info]: info, [HOST_CHANNELS.getManifest]: vi.fn(), [HOST_CHANNELS.readDataFile]: vi.fn() } as unknown as HostHandlers;
    const unregister = registerHostIpc(ipc, handlers, policy);
    expect([...listeners.keys()].sort()).toEqual([HOST_CHANNELS.getManifest, HOST_CHANNELS.info, HOST_CHANNELS.readDataFile].sort());
    await expect(listeners.get(HOST_CHANNELS.info)!(ok, 'a', 2)).resolves.toEqual({ args: ['a', 2], caller: { webContentsId: 7 } });

    const foreign: SenderLike = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(listeners.get(HOST_CHANNELS.info)!(foreign)).rejects.toThrow(IpcSenderError);
    expect(info).toHaveBeenCalledTimes(1);

    unregister();
    expect(listeners.size).toBe(0);
  });
});
