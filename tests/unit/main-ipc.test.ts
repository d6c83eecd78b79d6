import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS } from '../../src/shared/host-api';
import { createHostHandlers, registerHostIpc, type IpcMainLike } from '../../src/main/ipc';
import { assertTrustedSender, IpcArgumentError, IpcSenderError, validateArgs, type SenderLike } from '../../src/main/ipc-validation';
import { DatasetFiles } from '../../src/main/services/datasets';

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

  const handlers = () => createHostHandlers({ appVersion: '1.2.3', datasets: new DatasetFiles(dataDir) });

  it('covers every invoke channel of the host API', () => {
    const { menuCommand: _menuCommand, ...invoke } = HOST_CHANNELS;
    expect(Object.keys(handlers()).sort()).toEqual(Object.values(invoke).sort());
  });

  it('info and getManifest take no arguments', async () => {
    const h = handlers();
    await expect(h[HOST_CHANNELS.info]([])).resolves.toEqual({ kind: 'electron', appVersion: '1.2.3' });
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
    const info = vi.fn(async (args: readonly unknown[]) => ({ args }));
    const handlers = { [HOST_CHANNELS.info]: info, [HOST_CHANNELS.getManifest]: vi.fn(), [HOST_CHANNELS.readDataFile]: vi.fn() };
    const unregister = registerHostIpc(ipc, handlers, policy);
    expect([...listeners.keys()].sort()).toEqual([HOST_CHANNELS.getManifest, HOST_CHANNELS.info, HOST_CHANNELS.readDataFile].sort());
    await expect(listeners.get(HOST_CHANNELS.info)!(ok, 'a', 2)).resolves.toEqual({ args: ['a', 2] });

    const foreign: SenderLike = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(listeners.get(HOST_CHANNELS.info)!(foreign)).rejects.toThrow(IpcSenderError);
    expect(info).toHaveBeenCalledTimes(1);

    unregister();
    expect(listeners.size).toBe(0);
  });
});
