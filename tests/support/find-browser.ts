/**
 * Finds the Chromium-family browser the end-to-end tests and the bench drive, in this order:
 * WORKBENCH_BROWSER (a path) → Playwright's own installed browsers → a system Chrome, Chromium or
 * Edge at the usual Linux, macOS and Windows paths → the headless Chromium shipped in the npm
 * package @sparticuz/chromium (a dev dependency; Linux x64). Test code only: the app never uses it.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { npmChromium } from './npm-chromium';

export type BrowserSource = 'WORKBENCH_BROWSER' | 'playwright' | 'system' | 'npm';

export interface FoundBrowser {
  source: BrowserSource;
  executablePath: string;
  /** Extra environment for the browser process (the npm Chromium's fonts and libraries). */
  env?: Record<string, string>;
}

/** Where to look. Tests point every root at temporary folders; by default it is this machine. */
export interface SearchContext {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  arch: string;
  home: string;
  /** Prefix of absolute system paths such as /usr/bin/chromium ('/' on a real machine). */
  root: string;
  /** Where Playwright keeps the Chromium matching playwright-core (its registry's answer). */
  playwrightExecutable: string;
}

/** No browser at all: its message is the one line the test run prints. */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

export function defaultContext(): SearchContext {
  return {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    home: homedir(),
    root: path.parse(process.cwd()).root,
    playwrightExecutable: chromium.executablePath(),
  };
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function findBrowser(ctx: SearchContext = defaultContext()): Promise<FoundBrowser> {
  const chosen = ctx.env.WORKBENCH_BROWSER;
  if (chosen) {
    if (!isExecutableFile(chosen))
      throw new BrowserNotFoundError(`WORKBENCH_BROWSER=${chosen} is not an executable file: point it at a Chrome, Chromium or Edge binary, or unset it`);
    return { source: 'WORKBENCH_BROWSER', executablePath: chosen };
  }
  for (const [source, candidates] of [
    ['playwright', playwrightCandidates(ctx.playwrightExecutable, ctx.platform)],
    ['system', systemCandidates(ctx)],
  ] as const) {
    const hit = candidates.find(isExecutableFile);
    if (hit) return { source, executablePath: hit };
  }
  if (ctx.platform === 'linux' && ctx.arch === 'x64') {
    const shipped = await npmChromium();
    if (shipped) return shipped;
  }
  throw new BrowserNotFoundError(installAdvice(ctx.platform, ctx.arch));
}

/** One line: which browser, from where. */
export function describeBrowser(found: FoundBrowser): string {
  const from: Record<BrowserSource, string> = {
    WORKBENCH_BROWSER: 'from WORKBENCH_BROWSER',
    playwright: "Playwright's installed browser",
    system: 'system browser',
    npm: 'npm package @sparticuz/chromium',
  };
  return `${found.executablePath} (${from[found.source]})`;
}

function installAdvice(platform: NodeJS.Platform, arch: string): string {
  const anyPlatform = 'or run `npx playwright-core install chromium`, or set WORKBENCH_BROWSER to a browser binary';
  const what: Partial<Record<NodeJS.Platform, string>> = {
    linux:
      arch === 'x64'
        ? 'run `npm install` with dev dependencies (they bring @sparticuz/chromium), install Chromium or Google Chrome'
        : 'install Chromium (e.g. `sudo apt-get install chromium`) or Google Chrome',
    darwin: 'install Google Chrome or Chromium into /Applications',
    win32: 'install Google Chrome or Microsoft Edge',
  };
  return `No browser found for the end-to-end tests: ${what[platform] ?? 'install Chromium or Google Chrome'}, ${anyPlatform}.`;
}

/**
 * The Chromium of this playwright-core version first, then any other revision in the same
 * registry folder (left there by another project's Playwright), newest first; the headless shell
 * before the full browser. Only folders whose download completed count.
 */
export function playwrightCandidates(playwrightExecutable: string, platform: NodeJS.Platform): string[] {
  const revisionDir = ancestors(playwrightExecutable).find((d) => /^chromium-\d+$/.test(path.basename(d)));
  if (!revisionDir) return [playwrightExecutable];
  const registry = path.dirname(revisionDir);
  const ownRevision = Number(path.basename(revisionDir).split('-')[1]);
  const installs = listDir(registry)
    .map((name) => /^(chromium_headless_shell|chromium)-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ dir: path.join(registry, m[0]), revision: Number(m[2]), shell: m[1] === 'chromium_headless_shell' }))
    .filter((i) => isFile(path.join(i.dir, 'INSTALLATION_COMPLETE')))
    .sort((a, b) => Number(b.revision === ownRevision) - Number(a.revision === ownRevision) || b.revision - a.revision || Number(b.shell) - Number(a.shell));
  const exe = platform === 'win32' ? '.exe' : '';
  return installs.flatMap(({ dir }) =>
    listDir(dir).flatMap((sub) => {
      const base = path.join(dir, sub);
      const apps = listDir(base)
        .filter((n) => n.endsWith('.app'))
        .map((app) => path.join(base, app, 'Contents', 'MacOS', app.slice(0, -4)));
      return [`chrome-headless-shell${exe}`, 'headless_shell', `chrome${exe}`].map((n) => path.join(base, n)).concat(apps);
    }),
  );
}

/** Chromium, then Chrome, then Edge: on PATH (Linux), then at each platform's install locations. */
export function systemCandidates(ctx: SearchContext): string[] {
  const { root, home, env } = ctx;
  switch (ctx.platform) {
    case 'linux': {
      const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge-stable', 'microsoft-edge'];
      const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
      const onPath = names.flatMap((n) => dirs.map((dir) => path.join(dir, n)));
      const usual = [
        ...names.map((n) => path.join(root, 'usr', 'bin', n)),
        path.join(root, 'snap', 'bin', 'chromium'),
        path.join(root, 'opt', 'google', 'chrome', 'chrome'),
        path.join(root, 'opt', 'microsoft', 'msedge', 'msedge'),
      ];
      return [...new Set([...onPath, ...usual])];
    }
    case 'darwin': {
      const apps = ['Chromium', 'Google Chrome', 'Microsoft Edge'];
      return [path.join(root, 'Applications'), path.join(home, 'Applications')].flatMap((dir) =>
        apps.map((app) => path.join(dir, `${app}.app`, 'Contents', 'MacOS', app)),
      );
    }
    case 'win32': {
      const bases = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((b): b is string => Boolean(b));
      const exes = [
        path.join('Chromium', 'Application', 'chrome.exe'),
        path.join('Google', 'Chrome', 'Application', 'chrome.exe'),
        path.join('Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ];
      return exes.flatMap((exe) => bases.map((base) => path.join(base, exe)));
    }
    default:
      return [];
  }
}

function ancestors(file: string): string[] {
  const out: string[] = [];
  for (let d = path.dirname(file); d !== path.dirname(d); d = path.dirname(d)) out.push(d);
  return out;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
