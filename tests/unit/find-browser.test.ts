/**
 * The e2e browser search order, on real files: small shell scripts stand in for browser binaries
 * in temporary folders that play /, $HOME, Playwright's registry and Windows' Program Files. The
 * npm fallback and the launch tests use the real browsers.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { BrowserNotFoundError, describeBrowser, findBrowser, playwrightCandidates, systemCandidates, type SearchContext } from '../support/find-browser';

const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
let t: string;
beforeEach(() => {
  t = mkdtempSync(path.join(tmpdir(), 'wb-find-browser-'));
});
afterEach(() => rmSync(t, { recursive: true, force: true }));

/** A file that passes for a browser binary: it exists and is executable. */
function fakeExe(...parts: string[]): string {
  const file = path.join(t, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

/** A complete Playwright download of one browser revision (with the marker Playwright writes last). */
function playwrightInstall(folder: string, ...exe: string[]): string {
  writeFileSync(path.join(path.dirname(fakeExe('ms-playwright', folder, 'x')), 'INSTALLATION_COMPLETE'), '');
  rmSync(path.join(t, 'ms-playwright', folder, 'x'));
  return fakeExe('ms-playwright', folder, ...exe);
}

function ctx(over: Partial<SearchContext> = {}): SearchContext {
  return {
    env: {},
    platform: 'linux',
    arch: 'x64',
    home: path.join(t, 'home'),
    root: path.join(t, 'root'),
    playwrightExecutable: path.join(t, 'ms-playwright', 'chromium-1255', 'chrome-linux64', 'chrome'),
    ...over,
  };
}

describe('findBrowser: the search order', () => {
  it.skipIf(!linuxX64)('takes WORKBENCH_BROWSER, then Playwright, then the system, then the npm Chromium', async () => {
    const chosen = fakeExe('mine', 'chrome');
    const playwright = playwrightInstall('chromium-1255', 'chrome-linux64', 'chrome');
    const system = fakeExe('root', 'usr', 'bin', 'chromium');
    const c = ctx({ env: { WORKBENCH_BROWSER: chosen } });
    expect(await findBrowser(c)).toEqual({ source: 'WORKBENCH_BROWSER', executablePath: chosen });
    c.env = {};
    expect(await findBrowser(c)).toEqual({ source: 'playwright', executablePath: playwright });
    rmSync(playwright);
    expect(await findBrowser(c)).toEqual({ source: 'system', executablePath: system });
    rmSync(system);
    const npm = await findBrowser(c);
    expect(npm.source).toBe('npm');
    expect(npm.executablePath).toMatch(/node_modules\/\.cache\/workbench-browser\/sparticuz-chromium-153\.0\.0\/chromium$/);
    expect(describeBrowser(npm)).toBe(`${npm.executablePath} (npm package @sparticuz/chromium)`);
  });

  it('refuses a WORKBENCH_BROWSER that is missing, a folder or not executable, instead of using another', async () => {
    fakeExe('root', 'usr', 'bin', 'chromium');
    const notExecutable = fakeExe('plain.txt');
    chmodSync(notExecutable, 0o644);
    for (const bad of [path.join(t, 'nowhere', 'chrome'), t, notExecutable]) {
      const err = await findBrowser(ctx({ env: { WORKBENCH_BROWSER: bad } })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrowserNotFoundError);
      expect((err as Error).message).toBe(`WORKBENCH_BROWSER=${bad} is not an executable file: point it at a Chrome, Chromium or Edge binary, or unset it`);
    }
  });

  it('on Linux looks on PATH first, then /usr/bin and /opt; Chromium before Chrome before Edge', async () => {
    const edgeOnPath = fakeExe('bin1', 'microsoft-edge');
    const chromeOnPath = fakeExe('bin2', 'google-chrome');
    const usrChromium = fakeExe('root', 'usr', 'bin', 'chromium');
    const optChrome = fakeExe('root', 'opt', 'google', 'chrome', 'chrome');
    const c = ctx({ env: { PATH: [path.join(t, 'bin1'), path.join(t, 'bin2')].join(path.delimiter) } });
    expect((await findBrowser(c)).executablePath).toBe(chromeOnPath);
    rmSync(chromeOnPath);
    expect((await findBrowser(c)).executablePath).toBe(edgeOnPath);
    rmSync(edgeOnPath);
    expect((await findBrowser(c)).executablePath).toBe(usrChromium);
    chmodSync(usrChromium, 0o644); // present but not executable: skipped
    expect((await findBrowser(c)).executablePath).toBe(optChrome);
  });

  it('on macOS looks in /Applications, then ~/Applications', async () => {
    const userChrome = fakeExe('home', 'Applications', 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome');
    const c = ctx({ platform: 'darwin', arch: 'arm64' });
    expect(await findBrowser(c)).toEqual({ source: 'system', executablePath: userChrome });
    const edge = fakeExe('root', 'Applications', 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge');
    expect((await findBrowser(c)).executablePath).toBe(edge);
  });

  it('on Windows looks under Program Files, Program Files (x86) and LocalAppData', async () => {
    const env = { PROGRAMFILES: path.join(t, 'pf'), 'PROGRAMFILES(X86)': path.join(t, 'pf86'), LOCALAPPDATA: path.join(t, 'local') };
    const c = ctx({ platform: 'win32', env });
    const edge = fakeExe('pf86', 'Microsoft', 'Edge', 'Application', 'msedge.exe');
    expect((await findBrowser(c)).executablePath).toBe(edge);
    const chrome = fakeExe('local', 'Google', 'Chrome', 'Application', 'chrome.exe');
    expect((await findBrowser(c)).executablePath).toBe(chrome);
    expect(systemCandidates(c)[0]).toBe(path.join(t, 'pf', 'Chromium', 'Application', 'chrome.exe'));
  });
});

describe("findBrowser: Playwright's registry", () => {
  it("prefers this playwright-core's revision, then other complete downloads, newest first, headless shell first", async () => {
    const c = ctx();
    const old1100 = playwrightInstall('chromium-1100', 'chrome-linux', 'chrome');
    const shell1200 = playwrightInstall('chromium_headless_shell-1200', 'chrome-headless-shell-linux64', 'chrome-headless-shell');
    const full1200 = playwrightInstall('chromium-1200', 'chrome-linux64', 'chrome');
    fakeExe('ms-playwright', 'chromium-1300', 'chrome-linux64', 'chrome'); // download never finished
    expect(await findBrowser(c)).toEqual({ source: 'playwright', executablePath: shell1200 });
    const order = playwrightCandidates(c.playwrightExecutable, 'linux');
    expect(order.indexOf(shell1200)).toBeLessThan(order.indexOf(full1200));
    expect(order.indexOf(full1200)).toBeLessThan(order.indexOf(old1100));
    expect(order.some((p) => p.includes('chromium-1300'))).toBe(false);
    const own = playwrightInstall('chromium-1255', 'chrome-linux64', 'chrome');
    expect((await findBrowser(c)).executablePath).toBe(own);
  });

  it('finds the app bundle inside a macOS download', () => {
    const exe = path.join(
      t,
      'ms-playwright',
      'chromium-1255',
      'chrome-mac-arm64',
      'Google Chrome for Testing.app',
      'Contents',
      'MacOS',
      'Google Chrome for Testing',
    );
    playwrightInstall('chromium-1255', 'chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing');
    expect(playwrightCandidates(exe, 'darwin')).toContain(exe);
  });
});

describe('findBrowser: nothing found', () => {
  it.each([
    ['darwin', 'arm64', 'install Google Chrome or Chromium into /Applications'],
    ['win32', 'x64', 'install Google Chrome or Microsoft Edge'],
    ['linux', 'arm64', 'install Chromium (e.g. `sudo apt-get install chromium`) or Google Chrome'],
  ] as const)('on %s %s says in one line what to install', async (platform, arch, advice) => {
    const err = await findBrowser(ctx({ platform, arch })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrowserNotFoundError);
    expect((err as Error).message).toBe(
      `No browser found for the end-to-end tests: ${advice}, or run \`npx playwright-core install chromium\`, or set WORKBENCH_BROWSER to a browser binary.`,
    );
  });
});

describe('the browser found on this machine', () => {
  it('launches with our flags and runs a Web Worker', async () => {
    const found = await findBrowser();
    const browser = await launchBrowser(found);
    try {
      const page = await browser.newPage();
      const doubled = await page.evaluate(async () => {
        const src = URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(e.data * 2)'], { type: 'text/javascript' }));
        const worker = new Worker(src);
        return new Promise<number>((resolve) => {
          worker.onmessage = (e: MessageEvent<number>) => resolve(e.data);
          worker.postMessage(21);
        });
      });
      expect(doubled).toBe(42);
    } finally {
      await browser.close();
    }
  });
});
