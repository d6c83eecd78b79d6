import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createHostApi, exportPieces, isMenuCommand, unwrapIpcError, type IpcRendererLike } from '../../src/preload/host-api-client';
import { MAX_EXPORT_CHUNK_BYTES } from '../../src/shared/host-limits';
import { MENU_COMMANDS, type HostApi } from '../../src/shared/host-api';
import { HOST_CHANNELS } from '../../src/shared/host-methods';

/**
 * Every HostApi method, as a typed record: adding a method to the interface without listing it here
 * (or listing one the interface lacks) is a type error, so the list below is the interface's.
 */
const HOST_API_METHODS: Record<keyof HostApi, true> = {
  info: true,
  getManifest: true,
  readDataFile: true,
  onMenuCommand: true,
  onCloseRequested: true,
  confirmClose: true,
  showOpenDialog: true,
  showSaveDialog: true,
  listDirectory: true,
  readNotebook: true,
  writeNotebook: true,
  statFile: true,
  writeChartSvg: true,
  recentFiles: true,
  addRecentFile: true,
  getSettings: true,
  setTheme: true,
  autosave: true,
  listRecovery: true,
  discardRecovery: true,
  readFileRange: true,
  statImportFile: true,
  grantChoice: true,
  checkImports: true,
  approveImports: true,
  exportBegin: true,
  exportWrite: true,
  exportFinish: true,
  exportAbort: true,
  appendHistory: true,
  queryHistory: true,
  clearHistory: true,
};

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args }));
  const ipc: IpcRendererLike = {
    invoke,
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({ sender: 'ipc-event' }, ...args));
  return { ipc, invoke, listeners, emit };
}

describe('createHostApi (preload)', () => {
  it('exposes exactly the HostApi methods', () => {
    const api = createHostApi(fakeIpcRenderer().ipc);
    expect(Object.keys(api).sort()).toEqual(Object.keys(HOST_API_METHODS).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes the contract channels with exactly the arguments', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    const api = createHostApi(ipc);
    const stamp = { mtimeMs: 1, size: 2, sha256: 'a'.repeat(64) };
    const entry = { id: 'n1', path: null, title: 't', text: 'x', savedAt: '2026-01-01T00:00:00Z' };
    const chunk = new Uint8Array([1, 2, 3]);
    await api.info();
    await api.getManifest();
    await api.readDataFile('arrivals.csv');
    await api.confirmClose();
    await api.showOpenDialog({ purpose: 'import', multiple: true });
    await api.showSaveDialog({ purpose: 'export', defaultName: 'r.csv' });
    await api.listDirectory('/home');
    await api.readNotebook('/n.md');
    await api.writeNotebook('/n.md', 'text', { expected: stamp, force: false });
    await api.statFile('/n.md');
    await api.writeChartSvg('/n.md', 'c', '<svg/>');
    await api.recentFiles();
    await api.addRecentFile('/n.md');
    await api.getSettings();
    await api.setTheme('dark');
    await api.grantChoice('import', ['/d.csv']);
    await api.checkImports('/n.md', ['d.csv']);
    await api.approveImports('/n.md', ['/d.csv']);
    await api.autosave(entry);
    await api.listRecovery();
    await api.discardRecovery('n1');
    await api.readFileRange('/d.csv', 10, 20);
    await api.statImportFile('/d.csv');
    await api.exportBegin('/r.csv');
    await api.exportWrite('h', chunk);
    await api.exportFinish('h');
    await api.exportAbort('h');
    const record = { at: '2026-01-01T00:00:00Z', sql: 'SELECT 1', durationMs: 1, rows: 1, error: null, notebook: null, source: 'app' } as const;
    await api.appendHistory(record);
    await api.queryHistory({ search: 'x' });
    await api.clearHistory();
    // Extra arguments never travel: each method sends exactly its own.
    await (api.statFile as (...a: unknown[]) => Promise<unknown>)('/n.md', 'smuggled');
    expect(invoke.mock.calls).toEqual([
      [HOST_CHANNELS.info],
      [HOST_CHANNELS.getManifest],
      [HOST_CHANNELS.readDataFile, 'arrivals.csv'],
      [HOST_CHANNELS.confirmClose],
      [HOST_CHANNELS.showOpenDialog, { purpose: 'import', multiple: true }],
      [HOST_CHANNELS.showSaveDialog, { purpose: 'export', defaultName: 'r.csv' }],
      [HOST_CHANNELS.listDirectory, '/home'],
      [HOST_CHANNELS.readNotebook, '/n.md'],
      [HOST_CHANNELS.writeNotebook, '/n.md', 'text', { expected: stamp, force: false }],
      [HOST_CHANNELS.statFile, '/n.md'],
      [HOST_CHANNELS.writeChartSvg, '/n.md', 'c', '<svg/>'],
      [HOST_CHANNELS.recentFiles],
      [HOST_CHANNELS.addRecentFile, '/n.md'],
      [HOST_CHANNELS.getSettings],
      [HOST_CHANNELS.setTheme, 'dark'],
      [HOST_CHANNELS.grantChoice, 'import', ['/d.csv']],
      [HOST_CHANNELS.checkImports, '/n.md', ['d.csv']],
      [HOST_CHANNELS.approveImports, '/n.md', ['/d.csv']],
      [HOST_CHANNELS.autosave, entry],
      [HOST_CHANNELS.listRecovery],
      [HOST_CHANNELS.discardRecovery, 'n1'],
      [HOST_CHANNELS.readFileRange, '/d.csv', 10, 20],
      [HOST_CHANNELS.statImportFile, '/d.csv'],
      [HOST_CHANNELS.exportBegin, '/r.csv'],
      [HOST_CHANNELS.exportWrite, 'h', chunk],
      [HOST_CHANNELS.exportFinish, 'h'],
      [HOST_CHANNELS.exportAbort, 'h'],
      [HOST_CHANNELS.appendHistory, record],
      [HOST_CHANNELS.queryHistory, { search: 'x' }],
      [HOST_CHANNELS.clearHistory],
      [HOST_CHANNELS.statFile, '/n.md'],
    ]);
    // Every invoke channel of the contract is used by some method.
    const used = new Set(invoke.mock.calls.map((c) => c[0]));
    const { menuCommand: _m, closeRequested: _c, ...invokeChannels } = HOST_CHANNELS;
    expect([...used].sort()).toEqual(Object.values(invokeChannels).sort());
  });

  it('sends export chunks over the limit in pieces, and copies views of larger buffers', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    const api = createHostApi(ipc);
    const big = new Uint8Array(MAX_EXPORT_CHUNK_BYTES * 2 + 5).fill(1);
    big[MAX_EXPORT_CHUNK_BYTES - 1] = 2;
    big[MAX_EXPORT_CHUNK_BYTES] = 3;
    big[big.length - 1] = 4;
    await api.exportWrite('h', big);
    const sent = invoke.mock.calls.map((c) => c[2] as Uint8Array);
    expect(sent.map((p) => p.byteLength)).toEqual([MAX_EXPORT_CHUNK_BYTES, MAX_EXPORT_CHUNK_BYTES, 5]);
    expect(Buffer.concat(sent).equals(Buffer.from(big.buffer))).toBe(true);
    for (const p of sent) expect(p.buffer.byteLength).toBe(p.byteLength);

    const backing = new Uint8Array(100).fill(9);
    expect(exportPieces(backing)[0]).toBe(backing);
    const view = backing.subarray(10, 20);
    const [copy] = exportPieces(view);
    expect(copy).toEqual(view);
    expect(copy!.buffer.byteLength).toBe(10);
    await api.exportWrite('h', 'not bytes' as never);
    expect(invoke.mock.calls.at(-1)).toEqual([HOST_CHANNELS.exportWrite, 'h', 'not bytes']);
  });

  it("rejects with main's message, without Electron's wrapper", async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'workbench:read-notebook': FileError: Cannot open /x.md: /x.md does not exist."));
    await expect(createHostApi(ipc).readNotebook('/x.md')).rejects.toThrow(/^Cannot open \/x\.md: \/x\.md does not exist\.$/);
    expect(unwrapIpcError(new Error('plain')).message).toBe('plain');
    expect(unwrapIpcError("Error invoking remote method 'c': Error: m").message).toBe("Error invoking remote method 'c': Error: m");
    expect(unwrapIpcError(new Error("Error invoking remote method 'c': IpcArgumentError: info() expects no arguments, got 1")).message).toBe(
      'info() expects no arguments, got 1',
    );
  });

  it('passes close requests to the listeners; without any, confirms at once so the window can close', async () => {
    const { ipc, invoke, emit } = fakeIpcRenderer();
    const api = createHostApi(ipc);
    emit(HOST_CHANNELS.closeRequested);
    expect(invoke.mock.calls).toEqual([[HOST_CHANNELS.confirmClose]]);

    const listener = vi.fn();
    const unsubscribe = api.onCloseRequested(listener);
    emit(HOST_CHANNELS.closeRequested, 'ignored argument');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([]);
    expect(invoke).toHaveBeenCalledTimes(1);

    unsubscribe();
    unsubscribe();
    emit(HOST_CHANNELS.closeRequested);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(() => api.onCloseRequested(42 as never)).toThrow(TypeError);
  });

  it('passes only valid menu commands to the listener, never the event', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const api = createHostApi(ipc);
    const listener = vi.fn();
    const unsubscribe = api.onMenuCommand(listener);
    emit(HOST_CHANNELS.menuCommand, 'run-cell');
    emit(HOST_CHANNELS.menuCommand, 'rm -rf');
    emit(HOST_CHANNELS.menuCommand, { command: 'run-cell' });
    emit(HOST_CHANNELS.menuCommand, 'cancel-query', 'extra');
    expect(listener.mock.calls).toEqual([['run-cell'], ['cancel-query']]);

    unsubscribe();
    unsubscribe();
    expect(listeners.get(HOST_CHANNELS.menuCommand)?.size).toBe(0);
    emit(HOST_CHANNELS.menuCommand, 'toggle-schema');
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('rejects a non-function listener', () => {
    const api = createHostApi(fakeIpcRenderer().ipc);
    expect(() => api.onMenuCommand('nope' as never)).toThrow(TypeError);
  });

  it('isMenuCommand knows every command and nothing else', () => {
    for (const c of MENU_COMMANDS) expect(isMenuCommand(c)).toBe(true);
    for (const v of ['', 'RUN-CELL', 'toString', null, 1, ['run-cell']]) expect(isMenuCommand(v)).toBe(false);
  });

  it('the preload entry exposes createHostApi(ipcRenderer) as window.workbench and nothing else', () => {
    const source = readFileSync(new URL('../../src/preload/index.ts', import.meta.url), 'utf8');
    const exposed = [...source.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((m) => m[1]);
    expect(exposed).toEqual(['workbench']);
    expect(source).toContain("exposeInMainWorld('workbench', createHostApi(ipcRenderer))");
  });
});

describe('plain modules do not load Electron at run time', () => {
  it.each([
    'src/main/security.ts',
    'src/main/window-options.ts',
    'src/main/app-protocol.ts',
    'src/main/ipc.ts',
    'src/main/close-guard.ts',
    'src/main/menu.ts',
    'src/main/paths.ts',
    'src/main/dialogs.ts',
    ...readdirSync(new URL('../../src/host/', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/host/${f}`),
    'src/preload/host-api-client.ts',
  ])('%s', (file) => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(electron[^']*)'/gm)];
    expect(runtimeImports.map((m) => m[1])).toEqual([]);
  });
});
