/**
 * Wires src/main/index.ts to a fake 'electron' module and checks the thin glue: the privileged
 * scheme is registered before ready, the protocol serves out/renderer, the session is locked down,
 * IPC handlers check their sender and arguments, the menu is set, the window loads the app URL,
 * and every web contents gets the navigation guards.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS } from '../../src/shared/host-methods';

type Listener = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fake of Electron's loosely typed objects

const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, Listener>();
  const windows: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fake of Electron's loosely typed objects
  const session = {
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    beforeRequest: null as Listener | null,
  };
  let nextId = 1;

  function fakeWebContents() {
    const listeners = new Map<string, Listener>();
    return {
      id: nextId++,
      listeners,
      windowOpenHandler: null as Listener | null,
      sent: [] as unknown[][],
      on(event: string, fn: Listener) {
        listeners.set(event, fn);
        return this;
      },
      setWindowOpenHandler(fn: Listener) {
        this.windowOpenHandler = fn;
      },
      send(...args: unknown[]) {
        this.sent.push(args);
      },
      isCrashed() {
        return false;
      },
    };
  }

  class BrowserWindow {
    webContents = fakeWebContents();
    loaded: string | null = null;
    listeners = new Map<string, Listener[]>();
    destroyed = false;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fake of Electron's loosely typed objects
    constructor(readonly options: any) {
      calls.push('new BrowserWindow');
      windows.push(this);
      appListeners.get('web-contents-created')?.({}, this.webContents);
    }
    once() {}
    on(event: string, fn: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    /** Like Electron: 'close' listeners may prevent it. Returns whether the window closed. */
    close() {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      this.listeners.get('close')?.forEach((fn) => fn(event));
      if (event.prevented) return false;
      this.destroyed = true;
      this.listeners.get('closed')?.forEach((fn) => fn());
      return true;
    }
    show() {}
    isDestroyed() {
      return this.destroyed;
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    static getAllWindows() {
      return windows;
    }
    static getFocusedWindow() {
      return null;
    }
    static fromWebContents(contents: unknown) {
      return windows.find((w) => w.webContents === contents) ?? null;
    }
  }

  const userData = `${process.env.TMPDIR ?? '/tmp'}/wb-index-test-${process.pid}`;
  const dialog = {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/picked/a.md'] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true })),
    /** Answers 'Cancel' (0) unless a test sets the next answer. */
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
  };
  const electron = {
    dialog,
    app: {
      isPackaged: false,
      getAppPath: () => process.cwd(),
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
        return userData;
      },
      getVersion: () => '9.9.9',
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: Listener) => appListeners.set(event, fn),
      whenReady: () => {
        calls.push('whenReady');
        return Promise.resolve();
      },
      quit: vi.fn(),
      exit: vi.fn(),
      setAboutPanelOptions: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, fn: Listener) => protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (session.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (session.permissionCheck = fn),
        webRequest: { onBeforeRequest: (fn: Listener) => (session.beforeRequest = fn) },
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: vi.fn(),
    },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    BrowserWindow,
  };
  return { calls, appListeners, ipcHandlers, protocolHandlers, windows, session, electron, fakeWebContents, userData, dialog };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

beforeAll(async () => {
  delete process.env.ELECTRON_RENDERER_URL;
  await import('../../src/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0));
});
afterAll(() => rmSync(fake.userData, { recursive: true, force: true }));

describe('main process wiring (fake electron)', () => {
  it('registers the privileged app scheme before waiting for ready', () => {
    const i = fake.calls.findIndex((c) => c.startsWith('registerSchemesAsPrivileged'));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(fake.calls.indexOf('whenReady'));
    expect(fake.calls[i]).toContain('"scheme":"app"');
    expect(fake.calls[i]).toContain('"standard":true');
  });

  it('opens one sandboxed window on app://workbench/index.html with the CommonJS preload', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0];
    expect(win.loaded).toBe('app://workbench/index.html');
    expect(win.options.webPreferences.sandbox).toBe(true);
    expect(win.options.webPreferences.preload).toBe(path.join(process.cwd(), 'src', 'preload', 'index.cjs'));
  });

  it('serves the renderer through the app protocol with the CSP', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    expect(handler).toBeDefined();
    const res: Response = await handler(new Request('app://workbench/..%2f..%2fpackage.json'));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('locks the session down', () => {
    const decide = (permission: string, url: string) => {
      let granted: boolean | undefined;
      fake.session.permissionRequest!(null, permission, (g: boolean) => (granted = g), { requestingUrl: url });
      return granted;
    };
    expect(decide('media', 'app://workbench/')).toBe(false);
    expect(decide('clipboard-sanitized-write', 'app://workbench/')).toBe(true);
    expect(fake.session.permissionCheck!(null, 'geolocation', 'app://workbench')).toBe(false);
    const request = (url: string) => {
      let result: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fake of Electron's loosely typed objects
      fake.session.beforeRequest!({ url }, (r: unknown) => (result = r));
      return result;
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(request('app://workbench/assets/x.wasm')).toEqual({ cancel: false });
    expect(request('https://extensions.duckdb.org/x')).toEqual({ cancel: true });
    warn.mockRestore();
  });

  it('answers IPC only from our window, with validated arguments', async () => {
    const win = fake.windows[0];
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://workbench/index.html', parent: null } };
    const info = fake.ipcHandlers.get(HOST_CHANNELS.info)!;
    await expect(info(event)).resolves.toMatchObject({ kind: 'electron', appVersion: '9.9.9', nativeDialogs: true });
    await expect(info({ ...event, sender: { id: 999 } })).rejects.toThrow('not a Research Workbench window');

    const read = fake.ipcHandlers.get(HOST_CHANNELS.readDataFile)!;
    const bytes: Uint8Array = await read(event, 'arrivals.csv');
    expect(new TextDecoder().decode(bytes)).toMatch(/^period,/);
    await expect(read(event, 'datasets.json')).rejects.toThrow('not a bundled dataset file');
    await expect(read(event, 'arrivals.csv', 'x')).rejects.toThrow('expects 1 argument, got 2');
    const manifest = await fake.ipcHandlers.get(HOST_CHANNELS.getManifest)!(event);
    expect(manifest.tables.map((t: { name: string }) => t.name)).toContain('arrivals');
  });

  it('sets the menu, whose commands reach the window over the menu channel', () => {
    const setMenu = fake.electron.Menu.setApplicationMenu;
    expect(setMenu).toHaveBeenCalledTimes(1);
    const template = (setMenu.mock.calls[0] as any)[0].template as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fake of Electron's loosely typed objects
    const run = template.find((m) => m.label === 'Query').submenu[0];
    run.click();
    expect(fake.windows[0].webContents.sent).toEqual([[HOST_CHANNELS.menuCommand, 'run-cell']]);
  });

  it('guards navigation and new windows of every web contents, and confirms every external link', async () => {
    const contents = fake.fakeWebContents();
    fake.appListeners.get('web-contents-created')!({}, contents);
    const openExternal = fake.electron.shell.openExternal;
    openExternal.mockClear();

    // Every external link asks first, showing the real URL; only 'Open in browser' opens it.
    const ask = fake.dialog.showMessageBox;
    ask.mockClear();
    ask.mockResolvedValueOnce({ response: 1 });
    expect(contents.windowOpenHandler!({ url: 'https://duckdb.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal.mock.calls).toEqual([['https://duckdb.org/']]));
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask.mock.calls[0]!.at(-1)).toMatchObject({ detail: 'https://duckdb.org/', buttons: ['Cancel', 'Open in browser'] });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/save' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledTimes(1);

    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.listeners.get('will-navigate')!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('app://workbench/index.html')).toBe(false);
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(3));
    expect(ask.mock.calls[2]!.at(-1)).toMatchObject({ detail: 'https://example.com/' });
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledTimes(1);

    const attach = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('keeps recent files in userData', async () => {
    const win = fake.windows[0];
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://workbench/index.html', parent: null } };
    // Only notebooks the renderer may use are listed: one chosen in a dialog, opened, or in the data folder.
    await expect(fake.ipcHandlers.get(HOST_CHANNELS.addRecentFile)!(event, path.join(process.cwd(), 'package.json'))).rejects.toThrow('the app only uses notebooks');
    await fake.ipcHandlers.get(HOST_CHANNELS.addRecentFile)!(event, path.join(fake.userData, 'notes.md'));
    expect(existsSync(path.join(fake.userData, 'recent-files.json'))).toBe(true);
    await expect(fake.ipcHandlers.get(HOST_CHANNELS.addRecentFile)!(event, 'relative.md')).rejects.toThrow('must be an absolute path');
  });

  it("shows native dialogs attached to the caller's window", async () => {
    const win = fake.windows[0];
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://workbench/index.html', parent: null } };
    await expect(fake.ipcHandlers.get(HOST_CHANNELS.showOpenDialog)!(event, { purpose: 'notebook' })).resolves.toEqual(['/picked/a.md']);
    expect(fake.dialog.showOpenDialog.mock.calls[0]![0]).toBe(win);
    expect(fake.dialog.showOpenDialog.mock.calls[0]![1]).toMatchObject({ title: 'Open Notebook', filters: [{ extensions: ['md', 'markdown'] }] });
    await expect(fake.ipcHandlers.get(HOST_CHANNELS.showSaveDialog)!(event, { purpose: 'export', defaultName: 'r.csv' })).resolves.toBeNull();
  });

  it('asks the renderer before closing; closes after confirmClose; quitting asks too', async () => {
    const win = fake.windows[0];
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://workbench/index.html', parent: null } };
    win.webContents.sent.length = 0;

    const beforeQuit = { preventDefault: vi.fn() };
    fake.appListeners.get('before-quit')!(beforeQuit);
    expect(beforeQuit.preventDefault).toHaveBeenCalled();
    expect(win.webContents.sent).toEqual([[HOST_CHANNELS.closeRequested]]);

    expect(win.close()).toBe(false);
    expect(win.webContents.sent).toEqual([[HOST_CHANNELS.closeRequested], [HOST_CHANNELS.closeRequested]]);
    await fake.ipcHandlers.get(HOST_CHANNELS.confirmClose)!(event);
    expect(win.isDestroyed()).toBe(true);
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
  });
});
