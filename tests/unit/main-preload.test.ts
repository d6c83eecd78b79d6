import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createHostApi, isMenuCommand, type IpcRendererLike } from '../../src/preload/host-api-client';
import { HOST_CHANNELS, MENU_COMMANDS } from '../../src/shared/host-api';

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
    expect(Object.keys(api).sort()).toEqual(['getManifest', 'info', 'onMenuCommand', 'readDataFile']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes the contract channels with exactly the arguments', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    const api = createHostApi(ipc);
    await api.info();
    await api.getManifest();
    await api.readDataFile('arrivals.csv');
    expect(invoke.mock.calls).toEqual([[HOST_CHANNELS.info], [HOST_CHANNELS.getManifest], [HOST_CHANNELS.readDataFile, 'arrivals.csv']]);
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
    'src/main/ipc-validation.ts',
    'src/main/menu.ts',
    'src/main/paths.ts',
    'src/preload/host-api-client.ts',
  ])('%s', (file) => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(electron[^']*)'/gm)];
    expect(runtimeImports.map((m) => m[1])).toEqual([]);
  });
});
