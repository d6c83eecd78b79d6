// Helpers of scripts/start.mjs, kept free of side effects so tests/unit/main-start.test.ts can run them.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The directory of the installed `electron` npm package, or null if it is not installed. */
export function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The path of the Electron executable if it is installed and present, else null.
 * Mirrors electron's own index.js (path.txt names the executable under dist/, or
 * ELECTRON_OVERRIDE_DIST_PATH replaces dist/) but never tries to download: `require('electron')`
 * would run the download synchronously and throw.
 */
export function findElectronBinary({ electronDir = electronPackageDir(), env = process.env, exists = existsSync, readText = (p) => readFileSync(p, 'utf8') } = {}) {
  if (!electronDir) return null;
  let executable;
  try {
    executable = readText(path.join(electronDir, 'path.txt')).trim();
  } catch {
    executable = '';
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!executable && !override) return null;
  const binary = override ? path.join(override, executable || 'electron') : path.join(electronDir, 'dist', executable);
  return exists(binary) ? binary : null;
}

/**
 * Why Electron cannot show a window here even though its binary exists, or null if it can.
 * On Linux (and the BSDs) a window needs an X11 or Wayland display.
 */
export function missingDisplayReason({ platform = process.platform, env = process.env } = {}) {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}

function newestMtime(target, stat = statSync, list = readdirSync) {
  let info;
  try {
    info = stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of list(target)) newest = Math.max(newest, newestMtime(path.join(target, name), stat, list));
  return newest;
}

/** What electron-vite build writes; all must exist for the app to start. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
/** What the build reads: if any is newer than the oldest output, build again. */
export const BUILD_INPUTS = ['src', 'electron.vite.config.ts', 'vite.renderer.shared.ts', 'package.json'];

/** True when an output is missing or an input changed after the oldest output was written. */
export function needsBuild(root, { stat = statSync, list = readdirSync } = {}) {
  let oldestOutput = Infinity;
  for (const output of BUILD_OUTPUTS) {
    let info;
    try {
      info = stat(path.join(root, output));
    } catch {
      return true;
    }
    oldestOutput = Math.min(oldestOutput, info.mtimeMs);
  }
  return BUILD_INPUTS.some((input) => newestMtime(path.join(root, input), stat, list) > oldestOutput);
}

/**
 * Environment for the Electron child: ELECTRON_RUN_AS_NODE would turn it into plain Node, and
 * ELECTRON_RENDERER_URL (left in a shell by `npm run dev`) would point the window at a web server.
 */
export function electronEnv(env = process.env) {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  delete copy.ELECTRON_RENDERER_URL;
  return copy;
}

export const FALLBACK_MESSAGE = 'Electron is not available on this machine (its binary could not be downloaded); serving the workbench in your browser instead.';

export function noDisplayMessage(reason) {
  return `Electron cannot open a window here (${reason}); serving the workbench in your browser instead.`;
}
